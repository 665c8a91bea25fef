import azure.functions as func

app = func.FunctionApp()

app.cosmos_db_trigger(arg_name="d", connection="c", database_name="db")  # E: call-arg
app.cosmos_db_trigger("d", "c", "db", "k", max_items_per_invocation="10")  # E: arg-type
app.cosmos_db_trigger("d", "c", "db", "k", start_from_beginning="yes")  # E: arg-type
app.cosmos_db_input(arg_name="d", connection="c", database_name="db", container_name=1)  # E: arg-type
app.cosmos_db_output("d", "c", "db", "k", create_if_not_exists="true")  # E: arg-type
app.cosmos_db_trigger_v3(arg_name="d", database_name="db", collection_name="k")  # E: call-arg
app.cosmos_db_input_v3("d", "db", "k", "c", data_type=2)  # E: arg-type
app.cosmos_db_output_v3("d", "db", "k", "c", collection_throughput="400")  # E: arg-type
