import azure.functions as func

req = func.HttpRequest("GET", "http://localhost/api", body=1)  # E: arg-type
ok = func.HttpRequest("GET", "http://localhost/api")
ok.headers["x-name"] = "value"  # E: index
ok.route_params["id"] = "1"  # E: index
ok.params.get("page", 1) + 1  # E: operator
ok.method = "POST"  # E: misc
func.HttpResponse(status_code="200")  # E: arg-type
func.HttpResponse(b"", headers={"X": 1})  # E: arg-type
func.HttpResponse(b"").get_body() + "text"  # E: operator
func.HttpResponse(b"").set_cookie("a", "b", samesite="lax")  # E: arg-type
