import azure.functions as func

app = func.FunctionApp()

app.event_hub_message_trigger(arg_name="e", connection="c")  # E: call-arg
app.event_hub_message_trigger("e", "c", "h", cardinality=2)  # E: arg-type
app.event_hub_output(arg_name="e", connection="c", event_hub_name=None)  # E: arg-type
