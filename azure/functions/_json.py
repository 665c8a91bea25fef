"""JSON in and out: ``orjson`` when installed, else the standard library.

Both paths have the standard library's semantics. ``orjson`` is asked first and
the standard library decides whenever ``orjson`` would answer differently:

* ``loads``: documents ``orjson`` rejects (``NaN``, ``1e400``, lone surrogates,
  UTF-16 bytes ...) and documents with a run of 19 or more digits, which may be
  an integer ``orjson`` would silently turn into a ``float``;
* ``dumps``: values ``orjson`` rejects (integers beyond 64 bits, non-``str``
  keys, subclasses of ``str``/``int``/``dict``/``list``, dates, dataclasses).

Known differences of ``dumps`` with ``orjson``: ``NaN`` and infinities are
written as ``null`` (the standard library writes ``NaN``, which is not JSON),
and ``uuid.UUID`` and plain ``enum.Enum`` members are serialised (the standard
library raises ``TypeError``). Detecting either would cost a walk of the value.
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
    _DUMPS_OPTIONS = (
        orjson.OPT_PASSTHROUGH_DATACLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_SUBCLASS
    )

    def _orjson_dumps(value: object) -> bytes:
        out: bytes = orjson.dumps(value, option=_DUMPS_OPTIONS)
        return out

    _fast_dumps = _orjson_dumps

# A run of 19 digits may be an integer outside orjson's 64-bit range (it would
# come back as a float); such documents go to the standard library. Mapping
# every digit to "0" and searching for 19 of them is far cheaper than a regex.
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_DIGITS = b"0" * 19


def loads(data: bytes | str, *, source: str | Callable[[], str] = "value") -> JSONValue:
    """Parse *data* as JSON; :class:`InvalidJSONError` names *source* on failure.

    *source* may be a callable, so describing the data costs only on failure.
    """
    if _fast_loads is not None and not _has_long_digits(data):
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
    except RecursionError:
        raise InvalidJSONError(_name(source), "nested too deeply") from None


def _has_long_digits(data: bytes | str) -> bool:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return _LONG_DIGITS in data.translate(_DIGITS_TO_ZERO)


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
