"""HTTP types and converters, at the module path the reference used.

``HttpRequest`` here is :class:`azure.functions.HttpRequest` itself: its
constructor also takes the ``body_type`` keyword that the reference's
``azure.functions.http.HttpRequest`` required, so code (the worker's, tests)
building requests through this module keeps working.
"""

from ._bindings.http import HttpRequestConverter, HttpResponseConverter
from ._http_request import HttpRequest
from ._http_response import HttpResponse

__all__ = [
    "HttpRequest",
    "HttpRequestConverter",
    "HttpResponse",
    "HttpResponseConverter",
]
