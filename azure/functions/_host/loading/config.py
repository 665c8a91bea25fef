"""``host.json`` and ``local.settings.json``: the app's host options and settings."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..._errors import FunctionLoadError
from ..._metadata import parse_timedelta
from ..._types import JSONValue
from .model import HostConfig

__all__ = [
    "DEFAULT_FUNCTION_TIMEOUT",
    "LocalSettings",
    "apply_settings",
    "read_host_config",
    "read_json_object",
    "read_local_settings",
    "resolve_setting",
]

#: ``functionTimeout`` when ``host.json`` sets none: the Consumption plan's
#: default, so a function too slow for it fails locally first.
DEFAULT_FUNCTION_TIMEOUT = 300.0


def read_json_object(path: Path, *, root: Path) -> dict[str, JSONValue]:
    """Parse *path* as a JSON object; errors name the file relative to *root*."""
    where = _relative(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FunctionLoadError("the file does not exist", file=where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FunctionLoadError(f"cannot read it: {exc}", file=where) from None
    try:
        data: JSONValue = json.loads(text)
    except json.JSONDecodeError as exc:
        data = _read_lenient(text, exc, where)
    if not isinstance(data, dict):
        raise FunctionLoadError(
            f"expected a JSON object, found {_kind(data)}", file=where
        )
    return data


def _read_lenient(text: str, error: json.JSONDecodeError, where: str) -> JSONValue:
    """*text*, which strict JSON refused, read as the Functions host reads it.

    The host (Newtonsoft.Json) and Core Tools take comments and trailing
    commas in ``host.json``, ``local.settings.json`` and ``function.json``;
    ``json5`` (in the ``host`` extra) reads those. Without it, the strict
    error, with a hint when the text looks like it has either.
    """
    try:
        import json5
    except ImportError:
        hint = ""
        if _LENIENT_SYNTAX.search(text):
            hint = (
                "; comments and trailing commas are read with json5: "
                "pip install 'azure-functions[host]'"
            )
        raise FunctionLoadError(
            f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            f"{hint}",
            file=where,
        ) from None
    try:
        data: JSONValue = json5.loads(text)
    except ValueError as exc:
        found = _JSON5_ERROR.fullmatch(str(exc))
        detail = (
            f"{found['what']} (line {found['line']}, column {found['column']})"
            if found
            else str(exc)
        )
        raise FunctionLoadError(f"invalid JSON: {detail}", file=where) from None
    return data


#: How json5 words an error: ``<string>:3 Unexpected "}" at column 5``.
_JSON5_ERROR = re.compile(
    r"<string>:(?P<line>\d+) (?P<what>.+) at column (?P<column>\d+)"
)
#: Comments or a trailing comma: what strict JSON refuses and the host reads.
_LENIENT_SYNTAX = re.compile(r"//|/\*|,\s*[}\]]")


def read_host_config(root: Path) -> HostConfig:
    """Read ``host.json``: the route prefix, ``functionTimeout``, custom headers.

    As the Functions host, it requires the file and its ``"version": "2.0"``.
    """
    path = root / "host.json"
    if not path.is_file():
        raise FunctionLoadError(
            "not found: a function app's root holds a host.json "
            '(at least {"version": "2.0"})',
            file="host.json",
        )
    data = read_json_object(path, root=root)
    version = data.get("version")
    if version != "2.0":
        detail = (
            "the required 'version' property is missing"
            if version is None
            else f"'version' is {version!r}; this host runs version '2.0' apps"
        )
        raise FunctionLoadError(f'{detail} (write "version": "2.0")', file="host.json")
    timeout = _function_timeout(data.get("functionTimeout"))
    extensions = _object(data.get("extensions"), "extensions")
    http = _object(extensions.get("http"), "extensions.http")
    prefix = http.get("routePrefix", "api")
    if not isinstance(prefix, str):
        raise _invalid("extensions.http.routePrefix", prefix, "a string")
    headers = _object(http.get("customHeaders"), "extensions.http.customHeaders")
    custom: list[tuple[str, str]] = []
    for name, value in headers.items():
        if not isinstance(value, str):
            raise _invalid(f"extensions.http.customHeaders.{name}", value, "a string")
        custom.append((name, value))
    functions = data.get("functions")
    names: tuple[str, ...] | None = None
    if functions is not None:
        if not isinstance(functions, list) or not all(
            isinstance(name, str) for name in functions
        ):
            raise _invalid("functions", functions, "a list of function names")
        names = tuple(str(name) for name in functions)
    return HostConfig(
        route_prefix=prefix.strip("/"),
        function_timeout=timeout,
        custom_headers=tuple(custom),
        functions=names,
    )


def _function_timeout(value: JSONValue) -> float | None:
    if value is None:
        return DEFAULT_FUNCTION_TIMEOUT
    if not isinstance(value, str):
        raise _invalid("functionTimeout", value, 'a TimeSpan such as "00:05:00"')
    try:
        seconds = parse_timedelta(value).total_seconds()
    except ValueError:
        raise _invalid(
            "functionTimeout", value, 'a TimeSpan such as "00:05:00" or "-1"'
        ) from None
    if seconds < 0:  # "-1": unbounded
        return None
    if seconds == 0:
        raise _invalid("functionTimeout", value, "a positive TimeSpan or -1")
    return seconds


def _object(value: JSONValue, where: str) -> dict[str, JSONValue]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _invalid(where, value, "an object")
    return value


def _invalid(where: str, value: JSONValue, expected: str) -> FunctionLoadError:
    return FunctionLoadError(
        f"'{where}' is {json.dumps(value)}; expected {expected}", file="host.json"
    )


class LocalSettings:
    """``local.settings.json``: app settings (``Values``) and its ``Host`` section.

    ``port`` is ``Host.LocalHttpPort``; ``cors`` is ``Host.CORS`` as written
    (origins separated by commas, or ``*``), ``cors_credentials``
    ``Host.CORSCredentials``.
    """

    __slots__ = ("cors", "cors_credentials", "port", "values")

    def __init__(
        self,
        values: Mapping[str, str],
        port: int | None = None,
        *,
        cors: str | None = None,
        cors_credentials: bool = False,
    ) -> None:
        self.values = dict(values)
        self.port = port
        self.cors = cors
        self.cors_credentials = cors_credentials

    def __repr__(self) -> str:
        cors = f" cors={self.cors!r}" if self.cors else ""
        return f"<LocalSettings {len(self.values)} values port={self.port}{cors}>"


def read_local_settings(root: Path) -> LocalSettings:
    """Read ``local.settings.json`` if present (an empty one otherwise)."""
    path = root / "local.settings.json"
    if not path.is_file():
        return LocalSettings({})
    data = read_json_object(path, root=root)
    where = "local.settings.json"
    if data.get("IsEncrypted") is True:
        raise FunctionLoadError(
            "'IsEncrypted' is true: decrypt it first "
            "(func settings decrypt), this host reads plain values",
            file=where,
        )
    raw_values = data.get("Values", {})
    if raw_values is None:
        raw_values = {}
    if not isinstance(raw_values, dict):
        raise FunctionLoadError("'Values' must be an object", file=where)
    values: dict[str, str] = {}
    for name, value in raw_values.items():
        if not isinstance(value, str):
            raise FunctionLoadError(
                f"'Values.{name}' is {json.dumps(value)}; app settings are strings",
                file=where,
            )
        values[name] = value
    host = data.get("Host") or {}
    port: int | None = None
    if isinstance(host, dict):
        raw_port = host.get("LocalHttpPort")
        if raw_port is not None:
            if isinstance(raw_port, bool) or not isinstance(raw_port, (int, str)):
                raise FunctionLoadError(
                    "'Host.LocalHttpPort' must be a port", file=where
                )
            try:
                port = int(raw_port)
            except ValueError:
                raise FunctionLoadError(
                    "'Host.LocalHttpPort' must be a port", file=where
                ) from None
    else:
        host = {}
    cors = host.get("CORS")
    if cors is not None and not isinstance(cors, str):
        raise FunctionLoadError(
            f"'Host.CORS' is {json.dumps(cors)}; expected the allowed origins "
            'separated by commas ("http://localhost:3000,https://example.com") '
            'or "*"',
            file=where,
        )
    credentials = host.get("CORSCredentials", False)
    if isinstance(credentials, str) and credentials.lower() in ("true", "false"):
        credentials = credentials.lower() == "true"
    if not isinstance(credentials, bool):
        raise FunctionLoadError(
            f"'Host.CORSCredentials' is {json.dumps(credentials)}; expected true "
            "or false",
            file=where,
        )
    return LocalSettings(values, port, cors=cors, cors_credentials=credentials)


def apply_settings(values: Mapping[str, str]) -> list[str]:
    """Put *values* into ``os.environ``, never overriding a variable already set.

    Returns the names it set, so they can be taken out again.
    """
    added: list[str] = []
    for name, value in values.items():
        if name not in os.environ:
            os.environ[name] = value
            added.append(name)
    return added


def resolve_setting(value: str) -> str:
    """``%Name%`` → the app setting *Name* (the host's binding expressions).

    ``KeyError`` naming the setting when it is not set.
    """
    if len(value) > 2 and value.startswith("%") and value.endswith("%"):
        name = value[1:-1]
        try:
            return os.environ[name]
        except KeyError:
            raise KeyError(name) from None
    return value


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _kind(value: JSONValue) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
