import azure.functions as func

app = func.FunctionApp()

func.register_converter("durableClient", "NotAClass", overwrite=True)  # E: arg-type
func.register_converter("durableClient", dict, overwrite=True)  # E: arg-type
func.register_converter("durableClient", func.meta.InConverter, True)  # E: call-arg
func.TimerRequest(True)  # E: call-arg
func.InputStream(name=1)  # E: arg-type
func.InputStream(length="3")  # E: arg-type
size: int = func.InputStream(data=b"").length  # E: assignment
func.QueueMessage(body="x").to_dict(indent=2)  # E: call-arg
app.cosmos_db_trigger("d", "c", "db", "k", change_feed_mode=1)  # E: arg-type
app.connector_trigger(arg_name="e", delivery_mode=1)  # E: arg-type
app.connector_trigger(arg_name="e", max_batch_size="10")  # E: arg-type
app.connector_trigger(arg_name="e", cardinality=2)  # E: arg-type
func.HttpMethod.SEARCH  # E: attr-defined
func.DeliveryMode.PUSH  # E: attr-defined
func.CosmosDBChangeFeedMode.LATEST  # E: attr-defined
