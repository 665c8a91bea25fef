"""JSON in and out, as the reference package does it: ``orjson`` when installed.

``loads``: ``orjson`` when installed; where it refuses a document the standard
library accepts (``NaN``, ``1e400``, lone surrogates, UTF-16 bytes ...), the
standard library decides and words the error. As with the reference, orjson
reads integers beyond 64 bits as floats; the standard library keeps them exact.

``dumps``: ``orjson``'s compact output when installed (it also serialises
dates, dataclasses, UUIDs and enums), else ``json.dumps`` with its default
formatting, so a value is written exactly as the reference writes it in the
same environment. Non-``str`` keys are accepted either way; values ``orjson``
refuses (integers beyond 64 bits) go to the standard library.
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

    def _orjson_dumps(value: object, _option: int = orjson.OPT_NON_STR_KEYS) -> bytes:
        # Non-str keys are written as the standard library writes them.
        out: bytes = orjson.dumps(value, option=_option)
        return out

    _fast_dumps = _orjson_dumps

_std_loads = json.loads
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The standard library's scanner (C), called directly: json.loads reaches it
# through three Python frames and two regex matches, a large share of the
# cost of a small document. Anything it does not take whole goes to json.loads.
# (scan_once is not in the stubs.)
_scan: Callable[[str, int], tuple[JSONValue, int]]
_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"


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
        if type(data) is bytes and not data.startswith(_BOMS) and b"\0" not in data[:4]:
            # UTF-8, the common case: decoding first skips json's encoding sniffing.
            data = data.decode()
        if type(data) is str:
            try:
                value, end = _scan(data, 0)
            except (StopIteration, ValueError, RecursionError):
                pass  # json.loads words the error (or takes leading space)
            else:
                if end == len(data) or not data[end:].strip(_JSON_SPACE):
                    return value
        return _std_loads(data)  # type: ignore[no-any-return]
    except json.JSONDecodeError as exc:
        raise InvalidJSONError(_name(source), exc) from None
    except UnicodeDecodeError as exc:
        raise InvalidJSONError(
            _name(source), f"not UTF-8 text ({exc.reason})"
        ) from None
    except ValueError as exc:  # e.g. an integer beyond int's digit limit
        raise InvalidJSONError(_name(source), str(exc)) from None
    except RecursionError:
        raise InvalidJSONError(_name(source), "nested too deeply") from None


def _name(source: str | Callable[[], str]) -> str:
    return source if isinstance(source, str) else source()


def dumps(value: object, *, compact: bool = False) -> str:
    """Serialise *value* as the reference does (see the module docstring).

    *compact* asks the standard library for orjson's form too: no spaces,
    non-ASCII text kept (for bodies this package writes, not the reference).
    """
    if _fast_dumps is not None:
        try:
            return _fast_dumps(value).decode()
        except TypeError:
            pass  # e.g. integers beyond 64 bits: the standard library copes
    if compact:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value)
