import azure.functions as func
from azure.functions.decorators.openai import InputType

app = func.FunctionApp()

app.assistant_skill_trigger(arg_name="call")  # E: call-arg
app.text_completion_input(arg_name="r", prompt="p", temperature=0.5)  # E: arg-type
app.text_completion_input(arg_name="r", prompt="p", max_tokens=100)  # E: arg-type
app.assistant_query_input(arg_name="s", id="i")  # E: call-arg
app.assistant_post_input(arg_name="s", id="i", user_message="m", is_reasoning_model="no")  # E: arg-type
app.embeddings_input(arg_name="e", input="i", input_type=1)  # E: arg-type
app.embeddings_input(arg_name="e", input="i", input_type=InputType.RawText, max_overlap="1")  # E: arg-type
app.semantic_search_input(arg_name="r", collection="c")  # E: call-arg
app.embeddings_store_output(arg_name="o", input="i", input_type="raw_text", collection="c")  # E: call-arg
app.assistant_create_output(arg_name="o", data_type=1)  # E: arg-type
