"""Cookies: reading the ``Cookie`` request header, writing ``Set-Cookie``."""

from __future__ import annotations

from http.cookies import CookieError, Morsel, SimpleCookie

from ._errors import InvalidHeaderError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable
    from typing import Literal

__all__ = ["build_set_cookie", "parse_cookie_header", "parse_set_cookie"]


def parse_cookie_header(values: Iterable[str]) -> dict[str, str]:
    """Parse ``Cookie`` header values into ``{name: value}``.

    Follows the user-agent side of RFC 6265 (split on ``;``, then on the first
    ``=``), so one malformed pair costs only itself, not the cookies after it
    as with ``SimpleCookie``. The first of several same-named cookies wins:
    browsers send the most specific path first. A quoted value is unquoted,
    undoing the backslash escapes :func:`build_set_cookie` (``SimpleCookie``)
    writes for characters such as ``;`` and ``,``, so values round-trip.
    """
    cookies: dict[str, str] = {}
    for header in values:
        for pair in header.split(";"):
            name, sep, value = pair.partition("=")
            name = name.strip()
            if not sep or not name or name in cookies:
                continue
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = _unescape(value[1:-1])
            cookies[name] = value
    return cookies


def _unescape(quoted: str) -> str:
    r"""Undo ``SimpleCookie``'s escapes: ``\ooo`` (octal) and ``\c``."""
    if "\\" not in quoted:
        return quoted
    import re

    return re.sub(
        r"\\([0-3][0-7]{2}|.)",
        lambda m: chr(int(m[1], 8)) if len(m[1]) == 3 else m[1],
        quoted,
        flags=re.DOTALL,
    )


def build_set_cookie(
    name: str,
    value: str,
    *,
    max_age: int | None = None,
    expires: datetime.datetime | str | None = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = False,
    samesite: Literal["Strict", "Lax", "None"] | None = None,
) -> str:
    """Build one ``Set-Cookie`` header value, quoting the value where needed."""
    morsel: Morsel[str] = Morsel()
    if name.startswith("$"):
        # SimpleCookie reads "$Name" as an attribute of the cookie mechanism and
        # drops it, so the cookie would be lost on its way out.
        raise InvalidHeaderError(
            "Set-Cookie", f"bad cookie name {name!r}: it may not start with '$'"
        )
    try:
        coded = SimpleCookie().value_encode(value)[1]
        morsel.set(name, value, coded)
    except CookieError as exc:
        raise InvalidHeaderError(
            "Set-Cookie", f"bad cookie name {name!r}: {exc}"
        ) from None
    if max_age is not None:
        morsel["max-age"] = str(int(max_age))
    if expires is not None:
        if not isinstance(expires, str):
            from email.utils import format_datetime

            utc = _utc()
            # A naive datetime is taken as UTC, the only zone cookies speak.
            aware = expires.replace(tzinfo=utc) if expires.tzinfo is None else expires
            expires = format_datetime(aware.astimezone(utc), usegmt=True)
        morsel["expires"] = _attribute("expires", expires)
    if path is not None:
        morsel["path"] = _attribute("path", path)
    if domain is not None:
        morsel["domain"] = _attribute("domain", domain)
    if secure:
        morsel["secure"] = True
    if httponly:
        morsel["httponly"] = True
    if samesite is not None:
        if samesite not in ("Strict", "Lax", "None"):
            raise InvalidHeaderError(
                "Set-Cookie", f"samesite must be Strict, Lax or None, got {samesite!r}"
            )
        morsel["samesite"] = samesite
    text = morsel.OutputString()
    if "\r" in text or "\n" in text or "\0" in text:
        raise InvalidHeaderError("Set-Cookie", "an attribute contains CR, LF or NUL")
    return text


def parse_set_cookie(header: str) -> SimpleCookie:
    """Parse a ``Set-Cookie`` value into the ``SimpleCookie`` the worker sends on.

    A value ``SimpleCookie`` cannot read would silently vanish on the way out,
    so it is an error here instead.
    """
    cookie = SimpleCookie()
    try:
        cookie.load(header)
    except CookieError as exc:
        raise InvalidHeaderError(
            "Set-Cookie", f"cannot parse {header!r}: {exc}"
        ) from None
    if not cookie:
        raise InvalidHeaderError(
            "Set-Cookie", f"cannot parse {header!r}: expected 'name=value; attributes'"
        )
    if len(cookie) > 1:
        # SimpleCookie reads an attribute it does not know ("Priority=High")
        # or a ", " as the start of another cookie, which the header never set.
        extra = ", ".join(repr(name) for name in list(cookie)[1:])
        raise InvalidHeaderError(
            "Set-Cookie",
            f"cannot parse {header!r}: {extra} is neither an attribute nor part "
            "of the value",
        )
    return cookie


def _attribute(name: str, value: str) -> str:
    """An attribute value, refused if it could end the attribute or the header."""
    if ";" in value or any(ord(char) < 0x20 or char == "\x7f" for char in value):
        raise InvalidHeaderError(
            "Set-Cookie",
            f"the {name} attribute {value!r} contains ';' or a control character",
        )
    return value


def _utc() -> datetime.timezone:
    import datetime

    return datetime.timezone.utc
