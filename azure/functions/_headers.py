"""Header checks and multidict construction shared by requests and responses."""

from __future__ import annotations

from collections.abc import Mapping

from multidict import CIMultiDict, CIMultiDictProxy

from ._errors import HeaderTypeError, InvalidHeaderError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._types import HeadersInput, ParamsInput

__all__ = [
    "check_header",
    "checked_headers",
    "checked_pairs",
    "pairs_of",
    "request_headers",
    "response_headers",
]

# RFC 9110 "tchar": the characters a header name may contain.
_TOKEN_CHARS = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


def check_header(name: object, value: object) -> tuple[str, str]:
    """Validate one header for the wire; answers ``(name, value)`` as strings.

    Names must be RFC 9110 tokens; values must be ``str`` (``int`` is turned
    into text, as the reference allowed) without CR, LF or NUL, which would let
    a value inject headers of its own.
    """
    if not isinstance(name, str):
        raise HeaderTypeError(name, "name", name)
    if not name or not _TOKEN_CHARS.issuperset(name):
        raise InvalidHeaderError(
            name,
            "a name must be a non-empty token (letters, digits, !#$%&'*+-.^_`|~)",
        )
    if isinstance(value, str):
        text = value
    elif isinstance(value, int) and not isinstance(value, bool):
        text = int.__repr__(value)  # the number, even for an enum's own __str__
    else:
        raise HeaderTypeError(name, "value", value)
    if "\r" in text or "\n" in text or "\0" in text:
        raise InvalidHeaderError(
            name, "the value contains CR, LF or NUL, which could inject headers"
        )
    return name, text


def pairs_of(
    source: HeadersInput | ParamsInput,
) -> Iterable[tuple[object, object]]:
    """Every ``(name, value)`` pair of a mapping, a multidict or a pair iterable.

    Raises ``TypeError`` for text (not pairs) and for items that are not pairs.
    """
    if isinstance(source, Mapping):
        return source.items()  # a multidict's items() include repeated names
    text: object = source  # untyped callers may pass text, which iterates
    if isinstance(text, (str, bytes, bytearray)):
        raise TypeError(
            f"expected a mapping or (name, value) pairs, got {type(text).__name__}"
        )
    return _checked_pairs(source)


def _checked_pairs(source: Iterable[object]) -> Iterator[tuple[object, object]]:
    for item in source:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(f"expected (name, value) pairs, got an item {item!r:.40}")
        yield item[0], item[1]


def request_headers(source: HeadersInput | None) -> CIMultiDictProxy[str]:
    """Read-only, case-insensitive, multi-valued request headers.

    Names are stored lower-case (iteration yields ``content-type``), as the
    reference did; lookups ignore case either way.
    """
    headers: CIMultiDict[str] = CIMultiDict()
    if source is not None:
        for name, value in pairs_of(source):
            if not isinstance(name, str):
                raise HeaderTypeError(name, "name", name)
            if not isinstance(value, str):
                raise HeaderTypeError(name, "value", value)
            headers.add(name.lower(), value)
    return CIMultiDictProxy(headers)


def checked_pairs(source: HeadersInput) -> list[tuple[str, str]]:
    """Every header of *source*, each checked (see :func:`check_header`)."""
    pairs: list[tuple[str, str]] = []
    append = pairs.append
    items = source.items() if type(source) is dict else pairs_of(source)
    for name, value in items:
        # The common case inline: a known-good name and a plain str value.
        # isprintable() is False for CR, LF and NUL (for any control character
        # and some others, which check_header then looks at): one C call.
        if (
            type(name) is str
            and name in _GOOD_NAMES
            and type(value) is str
            and value.isprintable()
        ):
            append((name, value))
        else:
            name, value = check_header(name, value)
            if len(_GOOD_NAMES) < _GOOD_NAMES_LIMIT:
                _GOOD_NAMES.add(name)
            append((name, value))
    return pairs


def checked_headers(source: HeadersInput) -> dict[str, str] | list[tuple[str, str]]:
    """:func:`checked_pairs`, or a copy of *source* when it is a dict that passes.

    A plain dict of names already checked and printable ``str`` values (no
    CR, LF or NUL, nor any other control character: ``isprintable()``, one C
    call per value) is kept as a dict, without a tuple per header. Any other
    source, or a dict that does not pass, goes through :func:`checked_pairs`,
    which checks each header and explains a bad one.
    """
    if type(source) is dict:
        for name, value in source.items():
            if type(value) is not str or not value.isprintable():
                break
            if name not in _GOOD_NAMES:
                break
        else:
            return source.copy()
    return checked_pairs(source)


# Names already checked: most responses repeat the same few headers.
_GOOD_NAMES: set[str] = set()
_GOOD_NAMES_LIMIT = 4096


def response_headers(source: HeadersInput | None) -> CIMultiDict[str]:
    """Mutable, case-insensitive, multi-valued response headers, checked."""
    if source is None:
        return CIMultiDict()
    return CIMultiDict(checked_pairs(source))
