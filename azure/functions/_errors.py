"""The package's exceptions: one root, each subclass also a fitting built-in.

Catch :class:`FunctionsError` for anything this package raises on purpose, or the
built-in (``ValueError``, ``TypeError``, ...) when code must not depend on us.
"""

from __future__ import annotations

import json
from functools import partial

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "AppLoadError",
    "ConverterRegistrationError",
    "DatumTypeError",
    "DatumValueError",
    "FormDataError",
    "FunctionDefinitionError",
    "FunctionLoadError",
    "FunctionsError",
    "HeaderTypeError",
    "InvalidHeaderError",
    "InvalidJSONError",
    "JSONShapeError",
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


class DatumValueError(FunctionsError, ValueError):
    """A wire value that cannot be read as the type asked for.

    Raised by the converter helpers the reference package had on every
    converter (``_decode_typed_data``, ``_parse_datetime_metadata`` ...),
    which raised ``ValueError``. *binding* is ``None`` when the converter
    serves none (``meta.InConverter`` itself).
    """

    def __init__(
        self, binding: str | None, what: str, got: object, expected: str
    ) -> None:
        self.binding = binding
        self.what = what
        self.got = got
        self.expected = expected
        where = f"binding {binding!r}: " if binding else ""
        super().__init__(f"{where}{what} is {got}; expected {expected}")

    def __reduce__(self) -> tuple[type[DatumValueError], tuple[object, ...]]:
        return (DatumValueError, (self.binding, self.what, self.got, self.expected))


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


class JSONShapeError(FunctionsError, ValueError):
    """A JSON value that does not have the shape ``check_json()`` was asked for.

    *path* locates the value (``$.items[2].qty``), *got* describes it, and
    *expected* is the type that was wanted there.
    """

    def __init__(self, path: str, got: str, expected: str) -> None:
        self.path = path
        self.got = got
        self.expected = expected
        super().__init__(f"check_json(): {path} is {got}; expected {expected}")

    def __reduce__(self) -> tuple[type[JSONShapeError], tuple[str, str, str]]:
        return (JSONShapeError, (self.path, self.got, self.expected))


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


class ConverterRegistrationError(FunctionsError, RuntimeError, ValueError, TypeError):
    """A converter cannot be registered for a binding name.

    Two converter classes claim the same name, or ``register_converter()`` was
    refused. A ``RuntimeError`` (a name already taken), and also the
    ``ValueError`` and ``TypeError`` that azure-functions 2.x's
    ``register_converter()`` raised for a binding it cannot override and for a
    class that is not a converter.
    """


class FunctionDefinitionError(FunctionsError, ValueError, TypeError):
    """A v2 app (``FunctionApp``, ``Blueprint``, decorators) defines a function wrongly.

    Raised when a decorator is applied (an unknown or ill-typed argument) or when
    the app is indexed by ``get_functions()`` (no trigger, a duplicate name, a
    binding without a parameter ...). Both a ``ValueError`` and a ``TypeError``,
    the two errors the reference raised for these mistakes. The message names
    the function and, where there is one, the argument; so do the attributes.
    """

    def __init__(
        self,
        function: str | None,
        message: str,
        *,
        argument: str | None = None,
        decorator: str | None = None,
    ) -> None:
        self.function = function
        self.argument = argument
        self.decorator = decorator
        self.detail = message
        where = f"function {function!r}" if function else "function app"
        if decorator:
            where += f", @{decorator}"
        if argument:
            where += f" argument {argument!r}"
        super().__init__(f"{where}: {message}")

    def __reduce__(
        self,
    ) -> tuple[Callable[..., FunctionDefinitionError], tuple[str | None, str]]:
        rebuild = partial(type(self), argument=self.argument, decorator=self.decorator)
        return (rebuild, (self.function, self.detail))


class FunctionLoadError(FunctionsError, ValueError):
    """The local host cannot load a function as written.

    Bad JSON, a script that does not import, a missing entry point, a parameter
    that does not match its binding ... ``file``, ``function`` and ``binding``
    say where (each ``None`` where it does not apply); the message names them.
    """

    def __init__(
        self,
        detail: str,
        *,
        file: str | None = None,
        function: str | None = None,
        binding: str | None = None,
    ) -> None:
        self.detail = detail
        self.file = file
        self.function = function
        self.binding = binding
        where = [file] if file else []
        if function:
            where.append(f"function {function!r}")
        if binding:
            where.append(f"binding {binding!r}")
        super().__init__(f"{', '.join(where)}: {detail}" if where else detail)

    def __reduce__(
        self,
    ) -> tuple[Callable[..., FunctionLoadError], tuple[str]]:
        rebuild = partial(
            type(self), file=self.file, function=self.function, binding=self.binding
        )
        return (rebuild, (self.detail,))


class AppLoadError(FunctionsError, ValueError):
    """A function app the local host cannot start: every problem found, at once.

    ``errors`` holds one :class:`FunctionLoadError` per problem.
    """

    def __init__(self, errors: list[FunctionLoadError]) -> None:
        self.errors = list(errors)
        lines = [str(error) for error in self.errors]
        super().__init__(
            lines[0] if len(lines) == 1 else "\n".join(["the app has errors:", *lines])
        )

    def __reduce__(self) -> tuple[type[AppLoadError], tuple[list[FunctionLoadError]]]:
        return (AppLoadError, (self.errors,))
