import azure.functions as func

app = func.FunctionApp()

app.event_grid_trigger()  # E: call-arg
app.event_grid_trigger(arg_name="e", data_type=1)  # E: arg-type
app.event_grid_output(arg_name="e", connection=1)  # E: arg-type
app.event_grid_output(arg_name="e", topic_key_setting=["k"])  # E: arg-type
