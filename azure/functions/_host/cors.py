"""CORS, as Core Tools configures it: ``Host.CORS`` / ``--cors`` and credentials.

Core Tools puts ASP.NET Core's CORS middleware in front of the host with the
origins of ``--cors`` (else ``local.settings.json`` ``Host.CORS``), any method
and any header, and credentials with ``--cors-credentials`` (else
``Host.CORSCredentials``). The same here, for every response of the host:

- a preflight (``OPTIONS`` with ``Origin`` and
  ``Access-Control-Request-Method``) is answered by the host, 204, before
  routing: from an allowed origin with the method and headers it asked for,
  ``Access-Control-Max-Age`` and (with credentials)
  ``Access-Control-Allow-Credentials``; from another origin with no CORS
  header at all, which the browser takes as a refusal;
- any other request from an allowed origin gets
  ``Access-Control-Allow-Origin`` (the origin itself, with ``Vary: Origin``;
  or ``*`` when every origin is allowed and credentials are not), replacing
  one the function set, as the middleware does;
- with no CORS configured, nothing of this: no CORS header, and an
  ``OPTIONS`` request is routed like any other.

``*`` with credentials is refused when the app loads: browsers never send
credentials to ``Access-Control-Allow-Origin: *``, and Azure and Core Tools
refuse the combination too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

__all__ = [
    "PREFLIGHT_MAX_AGE",
    "REQUEST_HEADERS",
    "REQUEST_METHOD",
    "CorsPolicy",
    "cors_policy",
]

#: How long a browser may keep a preflight's answer, in seconds. Core Tools
#: sends none (browsers then ask again after 5 s); a short cache spares a
#: preflight per call while developing and outlives no restart by much.
PREFLIGHT_MAX_AGE = 600
REQUEST_METHOD = "Access-Control-Request-Method"
REQUEST_HEADERS = "Access-Control-Request-Headers"

_ALLOW_ORIGIN = "Access-Control-Allow-Origin"
_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials"
#: The response headers the policy writes: a function's own are replaced.
_WRITTEN = frozenset({_ALLOW_ORIGIN.lower(), _ALLOW_CREDENTIALS.lower()})


@final
class CorsPolicy:
    """The origins that may call the app from a browser, and whether with credentials.

    >>> policy = CorsPolicy(["http://localhost:3000"], credentials=True)
    >>> policy.allows("http://LOCALHOST:3000")
    True
    >>> policy.response_headers("http://localhost:3000")
    [('Access-Control-Allow-Origin', 'http://localhost:3000'), \
('Vary', 'Origin'), ('Access-Control-Allow-Credentials', 'true')]

    Origins are compared ignoring case and a trailing ``/``; ``*`` allows
    every origin. ``ValueError`` for no origin, or ``*`` with credentials.
    """

    __slots__ = ("any_origin", "credentials", "origins")

    def __init__(self, origins: Iterable[str], *, credentials: bool = False) -> None:
        cleaned = [origin.strip().rstrip("/").lower() for origin in origins]
        allowed = frozenset(origin for origin in cleaned if origin)
        if not allowed:
            raise ValueError("CORS needs at least one origin (or *)")
        self.any_origin = "*" in allowed
        if self.any_origin and credentials:
            raise ValueError(
                'CORS allows every origin ("*") with credentials, which browsers '
                "refuse (and Azure and Core Tools with them): list the origins "
                "that may send credentials instead"
            )
        self.origins = allowed - {"*"}
        self.credentials = credentials

    @classmethod
    def parse(cls, text: str | None, *, credentials: bool = False) -> CorsPolicy | None:
        """``"http://a.com,https://b.com"`` or ``"*"`` → a policy; none for no text."""
        if text is None or not text.strip():
            return None
        return cls(text.split(","), credentials=credentials)

    def allows(self, origin: str) -> bool:
        """Whether a request with this ``Origin`` header may read the response."""
        return self.any_origin or origin.strip().rstrip("/").lower() in self.origins

    def response_headers(self, origin: str) -> list[tuple[str, str]]:
        """The CORS headers of a response to *origin*; none when not allowed."""
        if not self.allows(origin):
            return []
        if self.any_origin and not self.credentials:
            return [(_ALLOW_ORIGIN, "*")]
        headers = [(_ALLOW_ORIGIN, origin), ("Vary", "Origin")]
        if self.credentials:
            headers.append((_ALLOW_CREDENTIALS, "true"))
        return headers

    def preflight_headers(
        self, origin: str, method: str, requested: str | None
    ) -> list[tuple[str, str]]:
        """The headers of the 204 to a preflight; none when *origin* is not allowed.

        Any method and any header are allowed, as Core Tools allows them: the
        answer names the ones asked for.
        """
        headers = self.response_headers(origin)
        if headers:
            headers.append(("Access-Control-Allow-Methods", method.strip().upper()))
            if requested and requested.strip():
                headers.append(("Access-Control-Allow-Headers", requested.strip()))
            headers.append(("Access-Control-Max-Age", str(PREFLIGHT_MAX_AGE)))
        return headers

    def apply(self, origin: str, headers: list[tuple[str, str]]) -> None:
        """Add the CORS headers for *origin* to *headers*, replacing the function's."""
        mine = self.response_headers(origin)
        if mine:
            headers[:] = [pair for pair in headers if pair[0].lower() not in _WRITTEN]
            headers.extend(mine)

    def __repr__(self) -> str:
        origins = "*" if self.any_origin else ",".join(sorted(self.origins))
        credentials = " with credentials" if self.credentials else ""
        return f"<CorsPolicy {origins}{credentials}>"


def cors_policy(
    settings_origins: str | None,
    settings_credentials: bool,
    *,
    origins: str | None = None,
    credentials: bool = False,
) -> CorsPolicy | None:
    """The policy: ``--cors`` over ``Host.CORS``; credentials if either asks for them.

    ``None`` when neither names an origin (credentials alone do nothing).
    """
    return CorsPolicy.parse(
        origins if origins is not None else settings_origins,
        credentials=credentials or settings_credentials,
    )
