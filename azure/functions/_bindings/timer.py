"""The ``timerTrigger`` input converter."""

from __future__ import annotations

from .._converter import InConverter
from .._errors import DatumTypeError
from .._metadata import boolean
from ._base import accepts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = ["TimerRequest", "TimerRequestConverter"]

_BINDING = "timerTrigger"


class TimerRequest:
    """A timer tick: whether it is late, and the schedule that fired it.

    ``schedule_status`` holds the ``Last``, ``Next`` and ``LastUpdated`` times
    (as text) when the schedule is monitored, and is empty otherwise;
    ``schedule`` holds settings such as ``AdjustForDST``.
    ``TimerRequest(past_due=True)`` builds one in tests.
    """

    __slots__ = ("_past_due", "_schedule", "_schedule_status")

    def __init__(
        self,
        *,
        past_due: bool = False,
        schedule_status: Mapping[str, JSONValue] | None = None,
        schedule: Mapping[str, JSONValue] | None = None,
    ) -> None:
        self._past_due = past_due
        self._schedule_status = dict(schedule_status or {})
        self._schedule = dict(schedule or {})

    @property
    def past_due(self) -> bool:
        """Whether this tick runs later than scheduled (e.g. after a restart)."""
        return self._past_due

    @property
    def schedule_status(self) -> dict[str, JSONValue]:
        """The monitored schedule's status: ``Last``, ``Next``, ``LastUpdated``."""
        return self._schedule_status

    @property
    def schedule(self) -> dict[str, JSONValue]:
        """The schedule's settings, e.g. ``{"AdjustForDST": true}``."""
        return self._schedule

    def __repr__(self) -> str:
        next_run = self._schedule_status.get("Next")
        return f"<TimerRequest past_due={self._past_due} next={next_run!r}>"


class TimerRequestConverter(InConverter, binding=_BINDING, trigger=True):
    """The host's JSON timer payload → :class:`TimerRequest`."""

    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        """Accepts ``TimerRequest``."""
        return accepts(pytype, TimerRequest)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> TimerRequest:
        """Read ``IsPastDue``, ``ScheduleStatus`` and ``Schedule``."""
        value = data.value
        if data.type not in ("json", "string") or not isinstance(value, (str, bytes)):
            raise DatumTypeError(
                _BINDING,
                "the timer payload",
                f"of wire type {data.type!r} holding {type(value).__name__}",
                "JSON text",
            )
        from .._json import loads

        info = loads(value, source=f"the timer payload of binding {_BINDING!r}")
        if not isinstance(info, dict):
            raise DatumTypeError(
                _BINDING, "the timer payload", f"a JSON {_kind(info)}", "a JSON object"
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
            schedule_status=_object(info, "ScheduleStatus"),
            schedule=_object(info, "Schedule"),
        )


def _object(info: dict[str, JSONValue], key: str) -> dict[str, JSONValue] | None:
    """A JSON object member; ``None`` when absent or ``null``."""
    value = info.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise DatumTypeError(_BINDING, repr(key), f"a JSON {_kind(value)}", "an object")


def _kind(value: JSONValue) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "null"
