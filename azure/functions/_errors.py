"""The package's exceptions: one root, each subclass also a fitting built-in.

Catch :class:`FunctionsError` for anything this package raises on purpose, or the
built-in (``ValueError``, ``TypeError``, ...) when code must not depend on us.
"""

from __future__ import annotations

import json

__all__ = [
    "ConverterRegistrationError",
    "DatumTypeError",
    "FormDataError",
    "FunctionsError",
    "HeaderTypeError",
    "InvalidHeaderError",
    "InvalidJSONError",
    "OutputNotSetError",
    "PayloadTooLargeError",
    "ResponseBodyError",
]


class FunctionsError(Exception):
    """Root of every exception raised on purpose by ``azure.functions``."""


class DatumTypeError(FunctionsError, TypeError, NotImplementedError):
    """A wire value (a ``Datum``) or a Python value does not fit its binding.

    Also a ``NotImplementedError``: the Python worker reads that as "this
    binding cannot convert this value" and reports it as such.
    """

    def __init__(self, binding: str, what: str, got: object, expected: str) -> None:
        self.binding = binding
        self.what = what
        self.got = got
        self.expected = expected
        super().__init__(f"binding {binding!r}: {what} is {got}; expected {expected}")


class InvalidJSONError(FunctionsError, json.JSONDecodeError):
    """A body or wire value that should hold JSON does not.

    A ``json.JSONDecodeError`` (and so a ``ValueError``) as well, so code written
    against the standard library keeps catching it.
    """

    def __init__(self, source: str, cause: json.JSONDecodeError | str) -> None:
        self.source = source
        if isinstance(cause, json.JSONDecodeError):
            detail, doc, pos = cause.msg, cause.doc, cause.pos
        else:
            detail, doc, pos = cause, "", 0
        self.detail = detail
        message = f"{source} is not valid JSON: {detail}"
        json.JSONDecodeError.__init__(self, message, doc, pos)
        self.args = (message,)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(
        self,
    ) -> tuple[type[InvalidJSONError], tuple[str, str], dict[str, object]]:
        return (InvalidJSONError, (self.source, self.detail), dict(self.__dict__))


class InvalidHeaderError(FunctionsError, ValueError):
    """A header name or value that would be unsafe or invalid on the wire."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"header {name!r}: {reason}")


class HeaderTypeError(FunctionsError, TypeError):
    """A header name or value that is not a string."""

    def __init__(self, name: object, part: str, got: object) -> None:
        self.name = name
        self.part = part
        super().__init__(
            f"header {name!r}: the {part} must be str, got {type(got).__name__}"
        )


class PayloadTooLargeError(FunctionsError, ValueError):
    """A request body or form exceeds a configured limit."""

    def __init__(self, what: str, size: int, limit: int) -> None:
        self.what = what
        self.size = size
        self.limit = limit
        super().__init__(f"{what} is too large: {size} exceeds the limit of {limit}")


class FormDataError(FunctionsError, ValueError):
    """A form body (urlencoded or multipart) that cannot be parsed."""


class ResponseBodyError(FunctionsError, ValueError):
    """A response body that cannot be turned into bytes."""


class OutputNotSetError(FunctionsError, LookupError):
    """``Out.get()`` was called before ``Out.set()``."""


class ConverterRegistrationError(FunctionsError, RuntimeError):
    """Two converters claim the same binding name."""
