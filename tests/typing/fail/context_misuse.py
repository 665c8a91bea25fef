import azure.functions as func

func.Context()  # E: call-arg
ctx = func.Context(invocation_id="1", function_name="f")
ctx.invocation_id = "2"  # E: misc
func.meta.Datum("x")  # E: call-arg
retries: str = ctx.retry_context.retry_count  # E: assignment
func.HttpRequst  # E: attr-defined
