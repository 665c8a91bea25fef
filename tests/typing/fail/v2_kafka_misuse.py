import azure.functions as func
from azure.functions.decorators.kafka import BrokerProtocol

app = func.FunctionApp()

app.kafka_trigger(arg_name="k", topic="t")  # E: call-arg
app.kafka_trigger("k", "t", "b", lag_threshold="many")  # E: arg-type
app.kafka_trigger("k", "t", "b", cardinality=1)  # E: arg-type
app.kafka_output("k", "t", "b", protocol=BrokerProtocol)  # E: arg-type
app.kafka_output("k", "t", "b", enable_idempotence="no")  # E: arg-type
