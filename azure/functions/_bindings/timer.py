"""The ``timerTrigger`` input converter."""

from __future__ import annotations

from operator import attrgetter

from .._converter import InConverter
from .._errors import DatumTypeError
from .._json import loads
from .._metadata import boolean
from ._base import BindingConverter, json_kind
from ._serialize import OMIT, Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = ["TimerRequest", "TimerRequestConverter"]

_BINDING = "timerTrigger"
_WIRE_TYPES = ("json", "string")
_new = object.__new__


def _shown(name: str) -> Callable[[TimerRequest], object]:
    """The ``to_dict()`` getter of a schedule member: left out when never given."""

    def get(request: TimerRequest) -> object:
        request._parse()
        value = getattr(request, name)
        return OMIT if value is None else value

    return get


class TimerRequest(Serializable):
    """A timer tick: whether it is late, and the schedule that fired it.

    ``schedule_status`` holds the ``Last``, ``Next`` and ``LastUpdated`` times
    (as text) when the schedule is monitored, and is empty otherwise;
    ``schedule`` holds settings such as ``AdjustForDST``.
    ``TimerRequest(past_due=True)`` builds one in tests; its ``to_dict()`` is
    ``{"past_due": True}``, while a trigger's request also shows both
    schedule fields.

    A request from the trigger keeps the host's JSON payload and parses it
    when ``schedule_status`` or ``schedule`` is first read; ``past_due`` is
    read at once (see :class:`TimerRequestConverter`).
    """

    __slots__ = ("_past_due", "_payload", "_schedule", "_schedule_status")

    _serialized = serialized(
        "past_due",
        # Left out when never given (a request built in a test), as in 2.3.0.
        ("schedule_status", _shown("_schedule_status")),
        ("schedule", _shown("_schedule")),
    )

    def __init__(
        self,
        *,
        past_due: bool = False,
        schedule_status: Mapping[str, JSONValue] | None = None,
        schedule: Mapping[str, JSONValue] | None = None,
    ) -> None:
        self._past_due = past_due
        self._payload: str | bytes | None = None  # the JSON still to parse
        # None: not given (to_dict() leaves it out); the properties answer {}.
        self._schedule_status = _copy(schedule_status)
        self._schedule = _copy(schedule)

    if TYPE_CHECKING:

        @property
        def past_due(self) -> bool:
            """Whether this tick runs later than scheduled (e.g. after a restart)."""

    else:
        # A C getter: reading it runs no Python code (what a tick mostly reads).
        past_due = property(
            attrgetter("_past_due"),
            doc="Whether this tick runs later than scheduled (e.g. after a restart).",
        )

    @property
    def schedule_status(self) -> dict[str, JSONValue]:
        """The monitored schedule's status: ``Last``, ``Next``, ``LastUpdated``."""
        self._parse()
        return {} if self._schedule_status is None else self._schedule_status

    @property
    def schedule(self) -> dict[str, JSONValue]:
        """The schedule's settings, e.g. ``{"AdjustForDST": true}``."""
        self._parse()
        return {} if self._schedule is None else self._schedule

    def _parse(self) -> None:
        """Parse the payload, once: a malformed one raises here, when first read."""
        payload = self._payload
        if payload is None:
            return
        info = _payload_object(payload)
        self._past_due = _past_due(info)
        self._schedule_status = _object(info, "ScheduleStatus") or {}
        self._schedule = _object(info, "Schedule") or {}
        self._payload = None

    def __repr__(self) -> str:
        try:
            next_run = self.schedule_status.get("Next")
        except (DatumTypeError, ValueError):  # a malformed payload: repr never fails
            next_run = "?"
        return f"<TimerRequest past_due={self._past_due} next={next_run!r}>"


class TimerRequestConverter(
    BindingConverter, InConverter, binding=_BINDING, trigger=True
):
    """The host's JSON timer payload → :class:`TimerRequest`.

    ``past_due`` is read when decoding; the rest of the payload is parsed
    when ``schedule_status`` or ``schedule`` is first read, and a malformed
    payload raises then. The host writes ``IsPastDue`` last
    (``{"Schedule": ..., "ScheduleStatus": ..., "IsPastDue": false}``): that
    trailing member is read without parsing the rest. Any other payload is
    parsed whole at once.
    """

    input_types = (TimerRequest,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> TimerRequest:
        """Read ``IsPastDue``; keep ``ScheduleStatus`` and ``Schedule`` for later."""
        value = data.value
        request = _new(TimerRequest)
        request._schedule_status = request._schedule = None
        # The host's payload, inline: text ending with the IsPastDue member.
        if type(value) is str and data.type in _WIRE_TYPES:
            request._payload = value
            if value.endswith(_FALSE_ENDINGS):
                request._past_due = False
                return request
            if value.endswith(_TRUE_ENDINGS):
                request._past_due = True
                return request
        elif data.type not in _WIRE_TYPES or not isinstance(value, (str, bytes)):
            raise DatumTypeError(
                _BINDING,
                "the timer payload",
                f"of wire type {data.type!r} holding {type(value).__name__}",
                "JSON text",
            )
        request._payload = value
        request._parse()  # another shape: parse it all now
        return request


def _endings(value: str) -> tuple[str, ...]:
    # The host's compact form and json.dumps's, after a "," or the "{".
    return tuple(
        f'{before}"IsPastDue":{space}{value}}}'
        for before in (",", ", ", "{")
        for space in ("", " ")
    )


# In valid JSON text ending with `,"IsPastDue":false}` (or `{...`), the key is
# one of the outermost object (the final brace closes it) and the last of that
# name, the one json.loads keeps. One or two endswith() calls: far cheaper than
# parsing the payload, which is all a tick costs. Other shapes are parsed.
_FALSE_ENDINGS = _endings("false")
_TRUE_ENDINGS = _endings("true")


def _payload_object(payload: str | bytes) -> dict[str, JSONValue]:
    info = loads(payload, source=f"the timer payload of binding {_BINDING!r}")
    if not isinstance(info, dict):
        raise DatumTypeError(
            _BINDING,
            "the timer payload",
            f"a JSON {json_kind(info)}",
            "a JSON object",
        )
    return info


def _past_due(info: dict[str, JSONValue]) -> bool:
    past_due = info.get("IsPastDue")
    try:
        return False if past_due is None else boolean(past_due)
    except TypeError:
        raise DatumTypeError(
            _BINDING, "'IsPastDue'", repr(past_due), "true or false"
        ) from None


def _copy(mapping: Mapping[str, JSONValue] | None) -> dict[str, JSONValue] | None:
    return None if mapping is None else dict(mapping)


def _object(info: dict[str, JSONValue], key: str) -> dict[str, JSONValue] | None:
    """A JSON object member; ``None`` when absent or ``null``."""
    value = info.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise DatumTypeError(_BINDING, repr(key), f"a JSON {json_kind(value)}", "an object")
