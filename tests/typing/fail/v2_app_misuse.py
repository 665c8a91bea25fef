import azure.functions as func

app = func.FunctionApp()


@app.route()
def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")


req = func.HttpRequest(method="GET", url="/", body=b"")
hello("not a request")  # E: arg-type
hello()  # E: call-arg
hello(req, req)  # E: call-arg
hello(request=req)  # E: call-arg
text: str = hello(req)  # E: assignment
hello.build().get_user_function()(1)  # E: arg-type
app.route(route=5)  # E: call-overload
app.route(methods=[1, 2])  # E: list-item
app.route(auth_level=3)  # E: call-overload
app.timer_trigger(arg_name="t", schedule=5)  # E: arg-type
app.queue_trigger(arg_name="m", queue_name="q")  # E: call-arg
app.queue_output(arg_name="m", queue_name="q", connection="c", data_type=1)  # E: arg-type
app.generic_trigger(arg_name="x")  # E: call-arg
app.retry(strategy="fixed_delay")  # E: call-arg
app.function_name(5)  # E: arg-type
app.orchestration_trigger(context="c")  # E: call-arg
func.FunctionApp(http_auth_level=3)  # E: arg-type
func.Blueprint("v1")  # E: call-arg
app.register_functions("bp")  # E: arg-type
app.rout(route="x")  # E: attr-defined
