import azure.functions as func

out: func.Out[str] = func.Out()
out.set(1)  # E: arg-type
number: int = out.get()  # E: assignment
