import azure.functions as func

msg = func.QueueMessage(body="x")
msg.dequeue_count = 2  # E: assignment
count: int = msg.dequeue_count  # E: assignment
stream = func.InputStream(data=b"x")
stream.name = "other"  # E: assignment
event = func.ServiceBusMessage(body="x")
event.message_id.decode()  # E: attr-defined
