"""The ``timerTrigger`` input converter."""

from __future__ import annotations

from .._converter import InConverter
from .._errors import DatumTypeError
from .._metadata import boolean
from ._base import BindingConverter, json_kind, json_text
from ._serialize import Serializable, omitted_when_none, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = ["TimerRequest", "TimerRequestConverter"]

_BINDING = "timerTrigger"
_WIRE_TYPES = ("json", "string")


class TimerRequest(Serializable):
    """A timer tick: whether it is late, and the schedule that fired it.

    ``schedule_status`` holds the ``Last``, ``Next`` and ``LastUpdated`` times
    (as text) when the schedule is monitored, and is empty otherwise;
    ``schedule`` holds settings such as ``AdjustForDST``.
    ``TimerRequest(past_due=True)`` builds one in tests; its ``to_dict()`` is
    ``{"past_due": True}``, while a trigger's request also shows both
    schedule fields.
    """

    __slots__ = ("_past_due", "_schedule", "_schedule_status")

    _serialized = serialized(
        "past_due",
        # Left out when never given (a request built in a test), as in 2.3.0.
        ("schedule_status", omitted_when_none("_schedule_status")),
        ("schedule", omitted_when_none("_schedule")),
    )

    def __init__(
        self,
        *,
        past_due: bool = False,
        schedule_status: Mapping[str, JSONValue] | None = None,
        schedule: Mapping[str, JSONValue] | None = None,
    ) -> None:
        self._past_due = past_due
        # None: not given (to_dict() leaves it out); the properties answer {}.
        self._schedule_status = _copy(schedule_status)
        self._schedule = _copy(schedule)

    @property
    def past_due(self) -> bool:
        """Whether this tick runs later than scheduled (e.g. after a restart)."""
        return self._past_due

    @property
    def schedule_status(self) -> dict[str, JSONValue]:
        """The monitored schedule's status: ``Last``, ``Next``, ``LastUpdated``."""
        return {} if self._schedule_status is None else self._schedule_status

    @property
    def schedule(self) -> dict[str, JSONValue]:
        """The schedule's settings, e.g. ``{"AdjustForDST": true}``."""
        return {} if self._schedule is None else self._schedule

    def __repr__(self) -> str:
        next_run = self.schedule_status.get("Next")
        return f"<TimerRequest past_due={self._past_due} next={next_run!r}>"


class TimerRequestConverter(
    BindingConverter, InConverter, binding=_BINDING, trigger=True
):
    """The host's JSON timer payload → :class:`TimerRequest`."""

    input_types = (TimerRequest,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> TimerRequest:
        """Read ``IsPastDue``, ``ScheduleStatus`` and ``Schedule``."""
        value = json_text(
            data, binding=_BINDING, what="the timer payload", wire_types=_WIRE_TYPES
        )
        from .._json import loads

        info = loads(value, source=f"the timer payload of binding {_BINDING!r}")
        if not isinstance(info, dict):
            raise DatumTypeError(
                _BINDING,
                "the timer payload",
                f"a JSON {json_kind(info)}",
                "a JSON object",
            )
        past_due = info.get("IsPastDue")
        try:
            is_past_due = False if past_due is None else boolean(past_due)
        except TypeError:
            raise DatumTypeError(
                _BINDING, "'IsPastDue'", repr(past_due), "true or false"
            ) from None
        return TimerRequest(
            past_due=is_past_due,
            schedule_status=_object(info, "ScheduleStatus") or {},
            schedule=_object(info, "Schedule") or {},
        )


def _copy(mapping: Mapping[str, JSONValue] | None) -> dict[str, JSONValue] | None:
    return None if mapping is None else dict(mapping)


def _object(info: dict[str, JSONValue], key: str) -> dict[str, JSONValue] | None:
    """A JSON object member; ``None`` when absent or ``null``."""
    value = info.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise DatumTypeError(_BINDING, repr(key), f"a JSON {json_kind(value)}", "an object")
