import azure.functions as func

app = func.FunctionApp()


@app.mcp_tool()
def add(a: int, b: int = 1) -> int:
    return a + b


add("1")  # E: arg-type
add(1, c=2)  # E: call-arg
text: str = add(1)  # E: assignment
app.mcp_tool(metadata={"k": 1})  # E: arg-type
app.mcp_tool_property(description="d")  # E: call-arg
app.mcp_tool_property(arg_name="a", property_type=1)  # E: arg-type
app.mcp_tool_trigger(arg_name="c")  # E: call-arg
app.mcp_tool_trigger("c", "t", None, None, None, "{}")  # E: call-arg
app.mcp_resource_trigger(arg_name="c", uri="u", resource_name="r", size="1")  # E: arg-type
app.mcp_prompt_trigger(arg_name="c", prompt_name="p", prompt_arguments=["x"])  # E: list-item
func.PromptArgument(name="x", required="yes")  # E: arg-type
