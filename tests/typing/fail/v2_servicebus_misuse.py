import azure.functions as func

app = func.FunctionApp()

app.service_bus_queue_trigger("m", "c", "q", is_sessions_enabled="yes")  # E: arg-type
app.service_bus_queue_trigger("m", "c", "q", auto_complete_messages=1.0)  # E: arg-type
app.service_bus_queue_output("m", "c", "q", access_rights=0)  # E: arg-type
app.service_bus_topic_trigger(arg_name="m", connection="c", topic_name="t")  # E: call-arg
app.service_bus_topic_output("m", "c", "t", subscription_name=1)  # E: arg-type
