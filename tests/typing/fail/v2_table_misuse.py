import azure.functions as func

app = func.FunctionApp()

app.table_input(arg_name="r", connection="c", table_name="t", take="5")  # E: arg-type
app.table_input(arg_name="r", table_name="t")  # E: call-arg
app.table_output(arg_name="r", connection="c", table_name="t", extra=1)  # E: call-arg
