"""Function keys for HTTP auth levels, the local way.

In Azure, ``function`` and ``admin`` auth levels need a key in the
``x-functions-key`` header or the ``code`` query parameter, else 401. Locally
there is one key, valid for both: the ``FUNCTIONS_LOCAL_KEY`` app setting
(environment or ``local.settings.json`` ``Values``), or else a random key made
at start-up and printed in the banner.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Mapping

__all__ = ["AUTH_LEVELS", "KEY_HEADER", "KEY_QUERY", "KEY_SETTING", "HostKeys"]

KEY_SETTING = "FUNCTIONS_LOCAL_KEY"
KEY_HEADER = "x-functions-key"
KEY_QUERY = "code"
#: Auth levels as ``function.json`` spells them (lower-cased) → needs a key.
AUTH_LEVELS: Mapping[str, bool] = {
    "anonymous": False,
    "function": True,
    "admin": True,
    "system": True,
}


class HostKeys:
    """The local key and the check of a request against an auth level."""

    __slots__ = ("generated", "key")

    def __init__(self, key: str | None = None) -> None:
        configured = key if key is not None else os.environ.get(KEY_SETTING)
        self.generated = not configured
        self.key = configured or secrets.token_urlsafe(24)

    def authorized(self, level: str, *, header: str | None, code: str | None) -> bool:
        """Whether a request with this key (header or ``code``) may call *level*."""
        if not AUTH_LEVELS.get(level, True):
            return True
        expected = self.key.encode()
        # surrogatepass: a header's bytes that are not UTF-8 come as surrogates
        # (and are no key), never as an error.
        return any(
            given is not None
            and hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected)
            for given in (header, code)
        )

    def __repr__(self) -> str:
        source = "generated" if self.generated else KEY_SETTING
        return f"<HostKeys ({source})>"
