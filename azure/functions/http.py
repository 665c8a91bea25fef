"""HTTP types and converters, at the module path the reference used."""

from ._bindings.http import HttpRequestConverter, HttpResponseConverter
from ._http_request import HttpRequest
from ._http_response import HttpResponse

__all__ = [
    "HttpRequest",
    "HttpRequestConverter",
    "HttpResponse",
    "HttpResponseConverter",
]
