import azure.functions as func

app = func.FunctionApp()


@app.blob_trigger(arg_name="blob", path="in/{name}", connection="Storage")
def on_blob(blob: func.InputStream) -> None:
    pass


on_blob("not a stream")  # E: arg-type
app.blob_trigger(arg_name="b", path="p")  # E: call-arg
app.blob_trigger(arg_name="b", path="p", connection="c", source=1)  # E: arg-type
app.blob_input(arg_name="b", path=["p"], connection="c")  # E: arg-type
app.blob_output(arg_name="b", connection="c")  # E: call-arg
