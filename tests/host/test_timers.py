"""Timer schedules (NCRONTAB, TimeSpan), the firing loop, and the payload."""

from __future__ import annotations

import asyncio
import datetime
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions._errors import AppLoadError
from azure.functions._host.loading.model import BindingInfo, FunctionInfo
from azure.functions._host.payloads.core import (
    MIN_DATETIME,
    TriggerPayload,
    timer_payload,
)
from azure.functions._host.timers import (
    PAST_DUE_TOLERANCE,
    CronSchedule,
    IntervalSchedule,
    TimerRunner,
    TimerSpec,
    parse_schedule,
    timer_spec,
)
from azure.functions._types import JSONValue
from azure.functions.testing import TestClient
from tests.host._support import write_app

T0 = datetime.datetime(2024, 1, 1, 10, 2, 3)  # a Monday
FRIDAY_13_2025 = datetime.datetime(2025, 6, 13)


def nexts(
    schedule: str, start: datetime.datetime, count: int = 3
) -> list[datetime.datetime]:
    parsed = parse_schedule(schedule)
    found = []
    moment = start
    for _ in range(count):
        moment = parsed.next_after(moment)
        found.append(moment)
    return found


def at(
    hour: int, minute: int, second: int = 0, day: int = 1, month: int = 1
) -> datetime.datetime:
    return datetime.datetime(2024, month, day, hour, minute, second)


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("0 */5 * * * *", [at(10, 5), at(10, 10), at(10, 15)]),
        ("*/15 * * * * *", [at(10, 2, 15), at(10, 2, 30), at(10, 2, 45)]),
        ("30 0 * * * *", [at(11, 0, 30), at(12, 0, 30), at(13, 0, 30)]),
        ("0 0 9 * * MON-FRI", [at(9, 0, day=2), at(9, 0, day=3), at(9, 0, day=4)]),
        (
            "0 30 9 * Jan,Feb Sat",
            [at(9, 30, day=6), at(9, 30, day=13), at(9, 30, day=20)],
        ),
        ("*/10 * * * *", [at(10, 10), at(10, 20), at(10, 30)]),  # five fields: minutes
        # Both day fields restricted: NCrontab wants both (Friday the 13th).
        (
            "0 0 0 13 * FRI",
            [at(0, 0, day=13, month=9), at(0, 0, day=13, month=12), FRIDAY_13_2025],
        ),
    ],
)
def test_ncrontab_next_occurrences(
    schedule: str, expected: list[datetime.datetime]
) -> None:
    assert nexts(schedule, T0) == expected


def test_aware_times_stay_in_their_zone() -> None:
    start = datetime.datetime(2024, 3, 31, 0, 30, tzinfo=datetime.timezone.utc)
    (following,) = nexts("0 0 * * * *", start, 1)
    assert following == datetime.datetime(
        2024, 3, 31, 1, 0, tzinfo=datetime.timezone.utc
    )


@pytest.mark.parametrize(
    ("schedule", "interval"),
    [
        ("00:00:10", datetime.timedelta(seconds=10)),
        ("01:30", datetime.timedelta(hours=1, minutes=30)),
        ("1.00:00:00", datetime.timedelta(days=1)),
        ("25:00:00", datetime.timedelta(days=25)),  # .NET reads dd:hh:mm past 23
        ("00:00:00.5", datetime.timedelta(milliseconds=500)),
    ],
)
def test_timespan_schedules(schedule: str, interval: datetime.timedelta) -> None:
    parsed = parse_schedule(schedule)
    assert isinstance(parsed, IntervalSchedule)
    assert parsed.interval == interval
    assert parsed.next_after(T0) == T0 + interval
    assert not parsed.adjust_for_dst


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ("* * * *", "has 4 fields"),
        ("0 0 12 ? * *", "syntax NCRONTAB does not read"),
        ("0 0 12 L * *", "L, which NCRONTAB does not read"),
        ("0 0 12 * * 5#3", "syntax NCRONTAB does not read"),
        ("0 0 12 * * MONDAY", "MONDAY"),
        ("0 0 25 * * *", "'0 0 25 * * *'"),
        ("70 * * * * *", "'70 * * * * *'"),
        ("00:61:00", "out of range"),
        ("00:00:00", "must be positive"),
        ("1:2:3:4", "not a TimeSpan"),
    ],
)
def test_invalid_schedules(schedule: str, message: str) -> None:
    with pytest.raises(
        ValueError, match=message.replace("?", r"\?").replace("*", r"\*")
    ):
        parse_schedule(schedule)


def test_cron_schedule_knows_its_shape() -> None:
    six = CronSchedule("0  */5 * * * *")
    assert (six.expression, six.with_seconds, six.adjust_for_dst) == (
        "0 */5 * * * *",
        True,
        True,
    )
    assert not CronSchedule("* * * * *").with_seconds


# --- loading timer functions ---------------------------------------------------------

TICK = """
import logging
import azure.functions as func

def main(timer: func.TimerRequest) -> None:
    logging.info("past_due=%s status=%s", timer.past_due, sorted(timer.schedule_status))
"""


def timer_app(tmp_path: Path, **binding: object) -> Path:
    trigger: dict[str, object] = {
        "type": "timerTrigger",
        "direction": "in",
        "name": "timer",
    }
    trigger.update(binding)
    return write_app(tmp_path, {"Tick": ({"bindings": [trigger]}, TICK)})


def test_schedule_from_an_app_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICK_SCHEDULE", "*/2 * * * * *")
    function = dummy_function(schedule="%TICK_SCHEDULE%", runOnStartup="true")
    spec = timer_spec(function, "Tick/function.json")
    assert spec.text == "*/2 * * * * *"
    assert isinstance(spec.schedule, CronSchedule)
    assert spec.run_on_startup


@pytest.mark.parametrize(
    ("binding", "message"),
    [
        ({}, "needs a 'schedule'"),
        ({"schedule": "%NOT_SET_ANYWHERE%"}, "'NOT_SET_ANYWHERE', which is not set"),
        ({"schedule": "every minute"}, "invalid schedule"),
    ],
)
def test_bad_timer_bindings_name_the_binding(
    tmp_path: Path, binding: dict[str, object], message: str
) -> None:
    timer_app(tmp_path, **binding)
    with pytest.raises(AppLoadError) as caught:
        TestClient(tmp_path)
    (error,) = caught.value.errors
    assert (error.file, error.function, error.binding) == (
        "Tick/function.json",
        "Tick",
        "timer",
    )
    assert message in str(error)


def test_invoking_a_timer_decodes_the_host_payload(tmp_path: Path) -> None:
    timer_app(tmp_path, schedule="0 */5 * * * *")
    with TestClient(tmp_path) as client:
        result = client.invoke("Tick")
        assert result.succeeded
        assert [r.getMessage() for r in result.logs] == [
            "past_due=False status=['Last', 'LastUpdated', 'Next']"
        ]
        late = client.invoke("Tick", timer_payload(past_due=True))
        assert [r.getMessage() for r in late.logs] == ["past_due=True status=[]"]


def test_timer_payload_is_what_the_converter_reads() -> None:
    registry = func.get_binding_registry()
    last = datetime.datetime(2024, 1, 1, 10, 0, tzinfo=datetime.timezone.utc)
    following = last + datetime.timedelta(minutes=5)
    payload = timer_payload(past_due=True, last=last, next=following, last_updated=last)
    request = registry["timerTrigger"].decode(payload.datum, trigger_metadata={})
    assert isinstance(request, func.TimerRequest)
    assert request.past_due
    assert request.schedule == {"AdjustForDST": True}
    assert request.schedule_status == {
        "Last": "2024-01-01T10:00:00+00:00",
        "Next": "2024-01-01T10:05:00+00:00",
        "LastUpdated": "2024-01-01T10:00:00+00:00",
    }
    first = timer_payload(next=following)
    decoded = registry["timerTrigger"].decode(first.datum, trigger_metadata={})
    assert isinstance(decoded, func.TimerRequest)
    assert decoded.schedule_status["Last"] == MIN_DATETIME
    assert not decoded.past_due


# --- the runner ----------------------------------------------------------------------


def dummy_function(**raw: JSONValue) -> FunctionInfo:
    trigger = BindingInfo(name="timer", type="timerTrigger", direction="in", raw=raw)
    return FunctionInfo(
        name="Tick",
        directory=Path("."),
        script_file=Path("x.py"),
        entry_point="main",
        func=lambda timer: None,
        is_async=False,
        bindings=(trigger,),
        trigger=trigger,
        return_binding=None,
        inputs=(),
        outputs=(),
        return_info=None,
        context_param=None,
        source="v1",
    )


def run_timer(
    spec: TimerSpec,
    seconds: float,
    work: float,
    tolerance: datetime.timedelta = PAST_DUE_TOLERANCE,
) -> list[func.TimerRequest]:
    """Run the timer for *seconds*; each run takes *work* seconds. The ticks seen."""
    seen: list[func.TimerRequest] = []
    converter = func.get_binding_registry()["timerTrigger"]

    async def fire(
        function: FunctionInfo, payload: TriggerPayload, reason: str
    ) -> None:
        assert function is spec.function
        assert reason.startswith("Timer fired at ")
        request = converter.decode(payload.datum, trigger_metadata={})
        assert isinstance(request, func.TimerRequest)
        seen.append(request)
        await asyncio.sleep(work)

    async def scenario() -> None:
        runner = TimerRunner([spec], fire, tolerance=tolerance)
        runner.start()
        await asyncio.sleep(seconds)
        await runner.stop()

    asyncio.run(scenario())
    return seen


def test_runner_fires_on_schedule_and_on_startup() -> None:
    schedule = IntervalSchedule(datetime.timedelta(milliseconds=100))
    spec = TimerSpec(dummy_function(), schedule, "00:00:00.1", run_on_startup=True)
    seen = run_timer(spec, 0.45, 0.0)
    assert 4 <= len(seen) <= 6  # the start-up run, then one every 0.1 s
    assert not any(tick.past_due for tick in seen)
    assert seen[0].schedule_status["Last"] == MIN_DATETIME
    assert seen[1].schedule_status["Last"] != MIN_DATETIME


def test_a_late_run_is_past_due_and_missed_runs_collapse() -> None:
    schedule = IntervalSchedule(datetime.timedelta(milliseconds=100))
    spec = TimerSpec(dummy_function(), schedule, "00:00:00.1")
    # Each run takes 0.35 s, while three more occurrences pass.
    seen = run_timer(spec, 1.0, 0.35, tolerance=datetime.timedelta(milliseconds=50))
    assert not seen[0].past_due
    assert seen[1:]
    assert all(tick.past_due for tick in seen[1:])
    assert len(seen) <= 4  # not one run per missed occurrence (ten)


def test_a_run_that_cannot_fire_does_not_stop_the_schedule(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schedule = IntervalSchedule(datetime.timedelta(milliseconds=50))
    spec = TimerSpec(dummy_function(), schedule, "00:00:00.05")
    calls = 0

    async def fire(
        function: FunctionInfo, payload: TriggerPayload, reason: str
    ) -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("cannot start")

    async def scenario() -> None:
        runner = TimerRunner([spec], fire)
        runner.start()
        await asyncio.sleep(0.3)
        await runner.stop()

    asyncio.run(scenario())
    assert calls >= 3
    assert "The timer of function 'Tick' failed to fire." in caplog.messages
