import azure.functions as func

app = func.FunctionApp()

app.dapr_service_invocation_trigger(arg_name="p")  # E: call-arg
app.dapr_topic_trigger(arg_name="e", topic="t")  # E: call-arg
app.dapr_secret_input(arg_name="s", secret_store_name="s", key="k")  # E: call-arg
app.dapr_invoke_output(arg_name="o", app_id="a", method_name="m", http_verb=1)  # E: arg-type
app.dapr_state_output("o", "store", "k", dapr_address=3500)  # E: arg-type
app.sql_input(arg_name="r", command_text="SELECT 1")  # E: call-arg
app.mysql_trigger("c", "T", "conn", leases_table_name=1)  # E: arg-type
app.connector_trigger(data_type="string")  # E: call-arg
