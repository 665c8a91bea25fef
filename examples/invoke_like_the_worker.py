"""Call the example app's HttpHello function the way the Python worker does.

Builds the wire value the worker receives for ``GET /api/HttpHello?name=...``,
decodes it with the converter the registry names for ``httpTrigger``, calls the
function, and encodes its response with the ``http`` converter.

    python examples/invoke_like_the_worker.py [NAME]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import azure.functions as func
from azure.functions.meta import Datum

FUNCTION_DIR = Path(__file__).parent / "v1_app" / "HttpHello"


def load_main() -> object:
    """Import the function's script file and return its ``main``."""
    script = FUNCTION_DIR / "__init__.py"
    spec = importlib.util.spec_from_file_location("HttpHello", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def invoke(name: str) -> Datum:
    """Run one invocation through the converters; return the wire response."""
    registry = func.get_binding_registry()
    request = Datum(
        {
            "method": Datum("GET", "string"),
            "url": Datum(f"http://localhost:7071/api/HttpHello?name={name}", "string"),
            "headers": {"user-agent": Datum("example", "string")},
            "query": {"name": Datum(name, "string")},
            "params": {},
            "body": Datum(b"", "bytes"),
        },
        "http",
    )
    trigger = registry["httpTrigger"]
    req = trigger.decode(request, trigger_metadata={})
    main = load_main()
    assert callable(main)
    result = main(req)
    encoded = registry["http"].encode(result, expected_type=func.HttpResponse)
    assert encoded is not None
    return encoded


def main(argv: list[str]) -> int:
    """Print the wire response for one invocation."""
    response = invoke(argv[1] if len(argv) > 1 else "world").value
    assert isinstance(response, dict)
    print("status:", response["status_code"].value)
    for header, datum in response["headers"].items():
        print(f"{header}: {datum.value}")
    for cookie in response["cookies"] or []:
        print("cookie:", cookie.output(header="Set-Cookie:"))
    print()
    print(response["body"].value.decode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
