"""Which storage a binding's ``connection`` setting names, and how to reach it.

A binding names an app setting (``connection``; ``AzureWebJobsStorage`` when
absent) holding a connection string. Unset, or ``UseDevelopmentStorage=true``
with nothing listening on the development ports, the host keeps the data
itself (:mod:`.embedded`); ``UseDevelopmentStorage=true`` with Azurite
listening, or a full connection string, reaches real storage through the
official clients (:mod:`.azure_clients`).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from typing import Literal, final

__all__ = [
    "DEFAULT_CONNECTION",
    "DEVELOPMENT_PORTS",
    "StorageTarget",
    "choose_target",
    "connection_setting",
    "development_connection_string",
    "parse_connection_string",
]

DEFAULT_CONNECTION = "AzureWebJobsStorage"

#: The well-known account of the storage emulator (Azurite), as published.
DEVELOPMENT_ACCOUNT = "devstoreaccount1"
DEVELOPMENT_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/"
    "KBHBeksoGMGw=="
)
DEVELOPMENT_PORTS = {"blob": 10000, "queue": 10001}


def development_connection_string() -> str:
    """The connection string ``UseDevelopmentStorage=true`` stands for."""
    blob, queue = DEVELOPMENT_PORTS["blob"], DEVELOPMENT_PORTS["queue"]
    return (
        "DefaultEndpointsProtocol=http;"
        f"AccountName={DEVELOPMENT_ACCOUNT};AccountKey={DEVELOPMENT_KEY};"
        f"BlobEndpoint=http://127.0.0.1:{blob}/{DEVELOPMENT_ACCOUNT};"
        f"QueueEndpoint=http://127.0.0.1:{queue}/{DEVELOPMENT_ACCOUNT};"
    )


def parse_connection_string(text: str) -> dict[str, str]:
    """``Key=Value;...`` → a dict (keys as written; values may contain ``=``).

    ``ValueError`` for a part without ``=``.
    """
    parts: dict[str, str] = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"not a Key=Value pair: {part.split('=')[0]!r}")
        parts[key.strip()] = value.strip()
    return parts


def _get(parts: Mapping[str, str], key: str) -> str | None:
    lowered = key.lower()
    for name, value in parts.items():
        if name.lower() == lowered:
            return value
    return None


def connection_setting(name: str | None) -> str:
    """The app setting a binding's ``connection`` names (``AzureWebJobsStorage``).

    A name that is not a setting itself is also tried with the
    ``AzureWebJobs`` prefix, as the host does.
    """
    name = (name or "").strip() or DEFAULT_CONNECTION
    if name.startswith("%") and name.endswith("%") and len(name) > 2:
        name = name[1:-1]
    if name in os.environ or name == DEFAULT_CONNECTION:
        return name
    prefixed = f"AzureWebJobs{name}"
    return prefixed if prefixed in os.environ else name


@final
class StorageTarget:
    """Where one connection's queues and blobs live.

    ``kind`` is ``"embedded"`` (the host's own store) or ``"azure"`` (the
    official clients; ``connection_string`` says where). ``setting`` names the
    app setting, ``reason`` says in a few words why this backend.
    """

    __slots__ = ("connection_string", "kind", "reason", "setting")

    def __init__(
        self,
        kind: Literal["embedded", "azure"],
        setting: str,
        reason: str,
        connection_string: str | None = None,
    ) -> None:
        self.kind: Literal["embedded", "azure"] = kind
        self.setting = setting
        self.reason = reason
        self.connection_string = connection_string

    @property
    def account(self) -> str:
        """The account name (``devstoreaccount1`` for the emulator, ``local``)."""
        if self.connection_string is None:
            return "local"
        parts = parse_connection_string(self.connection_string)
        return _get(parts, "AccountName") or "account"

    def describe(self) -> str:
        """A line for the banner: the setting, the backend and why."""
        if self.kind == "embedded":
            return f"{self.setting}: embedded store ({self.reason})"
        return f"{self.setting}: {self.reason}"

    def __repr__(self) -> str:
        return f"<StorageTarget {self.setting} {self.kind}>"


def _listening(port: int, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def choose_target(setting: str, *, probe: bool = True) -> StorageTarget:
    """The backend for the connection setting *setting*, as the local host picks it.

    *probe*: whether ``UseDevelopmentStorage=true`` checks the development
    ports (the test client passes ``False``: always embedded). ``ValueError``
    for a value that is not a connection string.
    """
    value = os.environ.get(setting, "").strip()
    if not value:
        return StorageTarget("embedded", setting, "not set")
    parts = parse_connection_string(value)
    development = _get(parts, "UseDevelopmentStorage")
    if development is not None and development.lower() == "true":
        if probe and all(_listening(port) for port in DEVELOPMENT_PORTS.values()):
            blob, queue = DEVELOPMENT_PORTS["blob"], DEVELOPMENT_PORTS["queue"]
            return StorageTarget(
                "azure",
                setting,
                f"Azurite on 127.0.0.1:{blob},{queue} (UseDevelopmentStorage=true)",
                development_connection_string(),
            )
        why = (
            "UseDevelopmentStorage=true, nothing on ports 10000-10001"
            if probe
            else "UseDevelopmentStorage=true"
        )
        return StorageTarget("embedded", setting, why)
    endpoint = _get(parts, "QueueEndpoint") or _get(parts, "BlobEndpoint")
    where = endpoint or (
        f"account {_get(parts, 'AccountName') or '?'}"
        f" ({_get(parts, 'EndpointSuffix') or 'core.windows.net'})"
    )
    if _get(parts, "AccountName") is None and endpoint is None:
        raise ValueError(
            f"the app setting {setting!r} is not a storage connection string "
            "(no AccountName or endpoint)"
        )
    return StorageTarget("azure", setting, f"Azure Storage at {where}", value)
