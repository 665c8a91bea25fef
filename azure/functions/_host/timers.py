"""Timer triggers: NCRONTAB and TimeSpan schedules, and the loop that fires them.

NCRONTAB, the .NET cron the Functions host reads: six fields, seconds first
(``0 */5 * * * *``), or five without seconds; ``*``, lists, ranges, steps and
three-letter month and day names. When both day fields are restricted, a day
must match both (NCrontab's rule, unlike Vixie cron's "either"). Evaluated by
``croniter`` (``second_at_beginning=True``, ``day_or=False``); the extensions
NCrontab does not read (``?``, ``L``, ``W``, ``#``, ``H``) are refused, so a
schedule that loads here loads in Azure.

TimeSpan: ``hh:mm:ss`` (``hh`` below 24), ``dd:hh:mm`` (the first number 24 or
more, as .NET reads it), ``d.hh:mm:ss`` or ``hh:mm``: a fixed interval.

Times are local (``WEBSITE_TIME_ZONE`` names an IANA zone to use instead), as
the host computes them. A run that starts later than scheduled (the previous
run overran, the machine slept) gets ``past_due``; missed runs are collapsed
into one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import re
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, final

from .._errors import FunctionLoadError
from .loading.config import resolve_setting
from .loading.model import FunctionInfo
from .logs import host_logger
from .payloads.core import TriggerPayload, format_moment, timer_payload

__all__ = [
    "PAST_DUE_TOLERANCE",
    "CronSchedule",
    "IntervalSchedule",
    "Schedule",
    "TimerRunner",
    "TimerSpec",
    "local_now",
    "parse_schedule",
    "timer_spec",
]

#: A run starting this much later than scheduled is past due.
PAST_DUE_TOLERANCE = datetime.timedelta(seconds=1)

_FIELD = re.compile(r"[0-9A-Za-z*,/-]+")
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC"
_DAYS = "SUN MON TUE WED THU FRI SAT"
#: Field position → the names NCRONTAB reads there.
_NAMES = {4: frozenset(_MONTHS.split(" ")), 5: frozenset(_DAYS.split(" "))}
_FIELD_NAMES = ("second", "minute", "hour", "day", "month", "day-of-week")
_TIMESPAN = re.compile(
    r"(?:(?P<days>\d+)\.)?(?P<a>\d+):(?P<b>\d+)(?::(?P<c>\d+)(?:\.(?P<frac>\d+))?)?"
)


class Schedule(Protocol):
    """When a timer fires."""

    @property
    def adjust_for_dst(self) -> bool:
        """What the payload's ``Schedule.AdjustForDST`` says."""
        ...

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """The first occurrence strictly after *moment*."""
        ...


@final
class CronSchedule:
    """An NCRONTAB expression (six fields with seconds, or five)."""

    __slots__ = ("expression", "with_seconds")

    adjust_for_dst = True

    def __init__(self, expression: str) -> None:
        fields = expression.split()
        if len(fields) not in (5, 6):
            raise ValueError(
                f"{expression!r} has {len(fields)} fields; NCRONTAB has six "
                "(second minute hour day month day-of-week) or five"
            )
        self.with_seconds = len(fields) == 6
        names = _FIELD_NAMES if self.with_seconds else _FIELD_NAMES[1:]
        offset = 0 if self.with_seconds else 1
        for index, field in enumerate(fields):
            position = index + offset
            if _FIELD.fullmatch(field) is None:
                raise ValueError(
                    f"{expression!r}: the {names[index]} field {field!r} uses syntax "
                    "NCRONTAB does not read (only digits, names, * , - /)"
                )
            words = set(re.findall(r"[A-Za-z]+", field))
            allowed = _NAMES.get(position, frozenset())
            unknown = {word for word in words if word.upper() not in allowed}
            if unknown:
                raise ValueError(
                    f"{expression!r}: the {names[index]} field {field!r} has "
                    f"{', '.join(sorted(unknown))!s}, which NCRONTAB does not read"
                )
        self.expression = " ".join(fields)
        try:
            self.next_after(datetime.datetime(2024, 1, 1))
        except ImportError:
            raise
        except Exception as exc:  # croniter's errors (CroniterBadCronError ...)
            raise ValueError(f"{self.expression!r}: {exc}") from None

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """The next occurrence after *moment*, in *moment*'s time zone (or naive)."""
        from croniter import croniter

        cron = croniter(
            self.expression,
            moment,
            ret_type=datetime.datetime,
            day_or=False,
            second_at_beginning=self.with_seconds,
        )
        following: datetime.datetime = cron.get_next(datetime.datetime)
        return following

    def __repr__(self) -> str:
        return f"<CronSchedule {self.expression!r}>"


@final
class IntervalSchedule:
    """A TimeSpan schedule: every *interval*."""

    __slots__ = ("interval",)

    adjust_for_dst = False

    def __init__(self, interval: datetime.timedelta) -> None:
        if interval <= datetime.timedelta(0):
            raise ValueError("a TimeSpan schedule must be positive")
        self.interval = interval

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """*moment* plus the interval."""
        return moment + self.interval

    def __repr__(self) -> str:
        return f"<IntervalSchedule {self.interval}>"


def parse_schedule(text: str) -> CronSchedule | IntervalSchedule:
    """An NCRONTAB expression or a TimeSpan; ``ValueError`` says what is wrong."""
    stripped = text.strip()
    found = _TIMESPAN.fullmatch(stripped)
    if found is not None:
        return IntervalSchedule(_timespan(found))
    if ":" in stripped:
        raise ValueError(
            f"{text!r} is not a TimeSpan (hh:mm:ss, d.hh:mm:ss) nor NCRONTAB"
        )
    try:
        return CronSchedule(stripped)
    except ImportError:
        raise ValueError(
            "cron schedules need croniter: pip install 'azure-functions[host]'"
        ) from None


def _timespan(found: re.Match[str]) -> datetime.timedelta:
    days = int(found["days"] or 0)
    a, b = int(found["a"]), int(found["b"])
    third = found["c"]
    fraction = found["frac"] or ""
    if third is None:  # hh:mm
        hours, minutes, seconds = a, b, 0
    elif a >= 24 and not found["days"]:  # dd:hh:mm, as .NET reads "25:00:00"
        days, hours, minutes, seconds = a, b, int(third), 0
    else:
        hours, minutes, seconds = a, b, int(third)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(
            f"{found.string!r}: hours, minutes or seconds out of range for a TimeSpan"
        )
    return datetime.timedelta(
        days=days,
        hours=hours,
        minutes=minutes,
        seconds=seconds,
        microseconds=int(fraction[:6].ljust(6, "0")) if fraction else 0,
    )


@final
class TimerSpec:
    """A timer function's schedule and whether it runs when the host starts."""

    __slots__ = ("function", "run_on_startup", "schedule", "text")

    def __init__(
        self,
        function: FunctionInfo,
        schedule: CronSchedule | IntervalSchedule,
        text: str,
        *,
        run_on_startup: bool = False,
    ) -> None:
        self.function = function
        self.schedule = schedule
        self.text = text
        self.run_on_startup = run_on_startup

    def payload(
        self,
        *,
        scheduled: datetime.datetime,
        last: datetime.datetime | None,
        past_due: bool,
    ) -> TriggerPayload:
        """The payload of the run scheduled at *scheduled* (*last*: the one before)."""
        return timer_payload(
            past_due=past_due,
            last=last,
            next=self.schedule.next_after(scheduled),
            last_updated=local_now(),
            adjust_for_dst=self.schedule.adjust_for_dst,
        )


def timer_spec(function: FunctionInfo, file: str) -> TimerSpec:
    """A ``timerTrigger``'s ``schedule`` (``%Setting%`` resolved), ``runOnStartup``."""
    binding = function.trigger
    raw = binding.get("schedule")
    if not isinstance(raw, str) or not raw.strip():
        raise FunctionLoadError(
            "a timerTrigger needs a 'schedule' (NCRONTAB such as \"0 */5 * * * *\")",
            file=file,
            function=function.name,
            binding=binding.name,
        )
    try:
        text = resolve_setting(raw.strip())
    except KeyError as exc:
        raise FunctionLoadError(
            f"the schedule names the app setting {exc.args[0]!r}, which is not set",
            file=file,
            function=function.name,
            binding=binding.name,
        ) from None
    try:
        schedule = parse_schedule(text)
    except ValueError as exc:
        raise FunctionLoadError(
            f"invalid schedule: {exc}",
            file=file,
            function=function.name,
            binding=binding.name,
        ) from None
    flag = binding.get("runOnStartup")
    run_on_startup = flag is True or (isinstance(flag, str) and flag.lower() == "true")
    return TimerSpec(function, schedule, text, run_on_startup=run_on_startup)


def local_now() -> datetime.datetime:
    """Now, in ``WEBSITE_TIME_ZONE`` when set, else naive local time (as .NET's Now)."""
    zone_name = os.environ.get("WEBSITE_TIME_ZONE")
    if zone_name:
        import zoneinfo

        try:
            return datetime.datetime.now(zoneinfo.ZoneInfo(zone_name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.datetime.now()


#: Starts one timer invocation: (function, payload, reason) → its task.
Fire = Callable[[FunctionInfo, TriggerPayload, str], Awaitable[object]]


class TimerRunner:
    """Fires each timer function on its schedule, one run at a time, until stopped."""

    def __init__(
        self,
        specs: list[TimerSpec],
        fire: Fire,
        *,
        clock: Callable[[], datetime.datetime] = local_now,
        tolerance: datetime.timedelta = PAST_DUE_TOLERANCE,
    ) -> None:
        self._specs = specs
        self._fire = fire
        self._clock = clock
        self._tolerance = tolerance
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        """Start one task per timer on the running loop."""
        for spec in self._specs:
            self._tasks.append(
                asyncio.create_task(self._run(spec), name=f"timer {spec.function.name}")
            )

    async def stop(self) -> None:
        """Stop scheduling; runs in progress go on (the host drains them)."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _run(self, spec: TimerSpec) -> None:
        clock = self._clock
        last: datetime.datetime | None = None
        if spec.run_on_startup:
            now = clock()
            await self._fire_once(spec, now, last, past_due=False)
            last = now
        scheduled = spec.schedule.next_after(clock())
        missed = False
        while True:
            delay = scheduled.timestamp() - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            late = clock() - scheduled > self._tolerance
            await self._fire_once(spec, scheduled, last, past_due=missed or late)
            last = scheduled
            scheduled, missed = self._following(spec, scheduled, clock())

    @staticmethod
    def _following(
        spec: TimerSpec, scheduled: datetime.datetime, now: datetime.datetime
    ) -> tuple[datetime.datetime, bool]:
        """The next occurrence, and whether it already passed (of those, the latest)."""
        following = spec.schedule.next_after(scheduled)
        if following > now:
            return following, False
        for _ in range(10_000):
            later = spec.schedule.next_after(following)
            if later > now:
                break
            following = later
        return following, True

    async def _fire_once(
        self,
        spec: TimerSpec,
        scheduled: datetime.datetime,
        last: datetime.datetime | None,
        *,
        past_due: bool,
    ) -> None:
        try:
            payload = spec.payload(scheduled=scheduled, last=last, past_due=past_due)
            reason = f"Timer fired at {format_moment(self._clock())}"
            # Shielded: stopping the timer must not cancel a run in progress.
            await asyncio.shield(self._fire(spec.function, payload, reason))
        except asyncio.CancelledError:
            raise
        except Exception:  # keep the schedule going whatever one run did
            host_logger().exception(
                "The timer of function '%s' failed to fire.", spec.function.name
            )
