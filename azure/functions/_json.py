"""JSON in and out: ``orjson`` when installed, else the standard library.

Both paths have the standard library's semantics: when ``orjson`` rejects a
document the standard library accepts (``NaN``, integers beyond 64 bits, lone
surrogates), the standard library decides.
"""

from __future__ import annotations

import json

from ._errors import InvalidJSONError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from ._types import JSONValue

__all__ = ["dumps", "loads"]

_fast_loads: Callable[[bytes | str], object] | None
_fast_dumps: Callable[[object], bytes] | None
try:
    import orjson
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = _fast_dumps = None
else:
    _fast_loads = orjson.loads
    _fast_dumps = orjson.dumps


def loads(data: bytes | str, *, source: str | Callable[[], str] = "value") -> JSONValue:
    """Parse *data* as JSON; :class:`InvalidJSONError` names *source* on failure.

    *source* may be a callable, so describing the data costs only on failure.
    """
    if _fast_loads is not None:
        try:
            return _fast_loads(data)  # type: ignore[return-value]
        except ValueError:
            pass  # let the standard library decide, and word the error
    try:
        return json.loads(data)  # type: ignore[no-any-return]
    except json.JSONDecodeError as exc:
        raise InvalidJSONError(_name(source), exc) from None
    except UnicodeDecodeError as exc:
        raise InvalidJSONError(
            _name(source), f"not UTF-8 text ({exc.reason})"
        ) from None


def _name(source: str | Callable[[], str]) -> str:
    return source if isinstance(source, str) else source()


def dumps(value: object) -> str:
    """Serialise *value* compactly, keeping non-ASCII text as is."""
    if _fast_dumps is not None:
        try:
            return _fast_dumps(value).decode()
        except TypeError:
            pass  # e.g. integers beyond 64 bits: the standard library copes
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
