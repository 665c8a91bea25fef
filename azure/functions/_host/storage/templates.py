"""Binding expressions in paths and names, resolved as the Functions host does.

``%Setting%`` is an app setting (resolved when the app loads); ``{name}`` a
value of the invocation's binding data: the trigger's metadata (route
parameters and query of an HTTP request, ``queueTrigger``, ``id`` ...), the
properties of a JSON trigger payload (``{id}``, ``{order.item}``), names
captured by a blob trigger's path (``{name}``); ``{rand-guid}`` (or
``{sys.randguid}``) a new GUID; ``{DateTime}`` (or ``{sys.utcnow}``) the UTC
time as ``2024-01-31T12-00-00Z``. Names are matched ignoring case.
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from collections.abc import Mapping
from typing import final

__all__ = [
    "BindingTemplate",
    "BlobPattern",
    "TemplateError",
    "check_name",
    "lookup",
    "resolve_settings",
]

_NAME = re.compile(r"[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]")

_SETTING = re.compile(r"%([^%\s]+)%")
_PART = re.compile(r"\{([^{}]*)\}")


class TemplateError(ValueError):
    """A binding expression cannot be read, or names a value there is none of."""


def resolve_settings(text: str) -> str:
    """Each ``%Name%`` replaced by the app setting *Name* (``TemplateError``: unset)."""

    def setting(found: re.Match[str]) -> str:
        name = found.group(1)
        try:
            return os.environ[name]
        except KeyError:
            raise TemplateError(
                f"{text!r} names the app setting {name!r}, which is not set"
            ) from None

    return _SETTING.sub(setting, text)


def check_name(name: str, what: str) -> str:
    """*name* if it is a valid queue or container name, else ``TemplateError``.

    As the service requires: 3 to 63 lower-case letters, digits and single
    hyphens, starting and ending with a letter or digit.
    """
    if 3 <= len(name) <= 63 and _NAME.fullmatch(name):
        return name
    raise TemplateError(
        f"{name!r} is not a valid {what} name (3-63 lower-case letters, digits "
        "and single hyphens, starting and ending with a letter or digit)"
    )


def _check_braces(text: str) -> None:
    if _PART.sub("", text).count("{") or _PART.sub("", text).count("}"):
        raise TemplateError(f"{text!r}: unbalanced braces")
    for found in _PART.finditer(text):
        if not found.group(1).strip():
            raise TemplateError(f"{text!r}: an empty {{}} expression")


def lookup(data: Mapping[str, object], name: str) -> object:
    """The value at *name* (dotted: nested properties), ignoring case; ``KeyError``."""
    value: object = data
    for part in name.split("."):
        if not isinstance(value, Mapping):
            raise KeyError(name)
        if part in value:
            value = value[part]
            continue
        lowered = part.lower()
        for key, item in value.items():
            if isinstance(key, str) and key.lower() == lowered:
                value = item
                break
        else:
            raise KeyError(name)
    return value


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


@final
class BindingTemplate:
    """A binding's path or name with ``%settings%`` resolved and ``{names}`` to fill."""

    __slots__ = ("names", "text")

    def __init__(self, text: str) -> None:
        resolved = resolve_settings(text)
        _check_braces(resolved)
        self.text = resolved
        self.names = tuple(found.group(1).strip() for found in _PART.finditer(resolved))

    def resolve(self, data: Mapping[str, object]) -> str:
        """The text, each ``{name}`` filled in (``TemplateError``: one is missing)."""
        if not self.names:
            return self.text

        def value(found: re.Match[str]) -> str:
            name = found.group(1).strip()
            key = name.lower()
            if key in ("rand-guid", "sys.randguid"):
                return str(uuid.uuid4())
            if key in ("datetime", "sys.utcnow"):
                now = datetime.datetime.now(datetime.timezone.utc)
                return now.strftime("%Y-%m-%dT%H-%M-%SZ")
            try:
                return _text(lookup(data, name))
            except KeyError:
                raise TemplateError(
                    f"no value for {{{name}}} in {self.text!r}: the trigger's data "
                    f"has {', '.join(sorted(data)) or 'nothing'}"
                ) from None

        return _PART.sub(value, self.text)

    def __repr__(self) -> str:
        return f"<BindingTemplate {self.text!r}>"


@final
class BlobPattern:
    """A blob trigger's ``path``: ``container/{name}``, ``images/{name}.{ext}`` ...

    The container is literal; each ``{name}`` captures part of the blob's name
    (slashes included), which the other bindings can use.
    """

    __slots__ = ("_regex", "container", "prefix", "text")

    def __init__(self, text: str) -> None:
        resolved = resolve_settings(text).strip().lstrip("/")
        _check_braces(resolved)
        container, sep, rest = resolved.partition("/")
        if not container or "{" in container:
            raise TemplateError(
                f"{text!r}: a blob trigger's path starts with a container name "
                "(container/{name})"
            )
        self.text = resolved
        self.container = check_name(container, "container")
        literal = _PART.split(rest)[0] if sep else ""
        self.prefix = literal
        pattern: list[str] = []
        position = 0
        seen: set[str] = set()
        for found in _PART.finditer(rest):
            pattern.append(re.escape(rest[position : found.start()]))
            name = found.group(1).strip()
            if not name.isidentifier() or name in seen:
                raise TemplateError(f"{text!r}: {{{name}}} cannot be captured")
            seen.add(name)
            pattern.append(f"(?P<{name}>.+?)")
            position = found.end()
        pattern.append(re.escape(rest[position:]))
        self._regex = re.compile("".join(pattern) if sep else ".+", re.DOTALL)

    def match(self, container: str, name: str) -> dict[str, str] | None:
        """The names captured from blob *container*/*name*; ``None``: not this path."""
        if container != self.container:
            return None
        found = self._regex.fullmatch(name)
        return None if found is None else found.groupdict()

    def __repr__(self) -> str:
        return f"<BlobPattern {self.text!r}>"
