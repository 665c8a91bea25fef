"""Timer trigger: TimerRequest and its converter."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
import azure.functions.timer as public_timer
from azure.functions._bindings.timer import TimerRequest, TimerRequestConverter
from azure.functions._metadata import boolean
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum

# The payload the host sends for a monitored schedule.
MONITORED = (
    '{"Schedule":{"AdjustForDST":true},'
    '"ScheduleStatus":{"Last":"2024-05-01T10:15:00+00:00",'
    '"Next":"2024-05-01T10:20:00+00:00",'
    '"LastUpdated":"2024-05-01T10:15:00.0211Z"},'
    '"IsPastDue":false}'
)
# ... and with use_monitor=False: no status.
UNMONITORED = (
    '{"Schedule":{"AdjustForDST":false},"ScheduleStatus":null,"IsPastDue":true}'
)


def decode(datum: object) -> TimerRequest:
    return TimerRequestConverter.decode(datum, trigger_metadata={})  # type: ignore[arg-type]


def test_converter_serves_the_timer_trigger() -> None:
    assert get_binding_registry().get("timerTrigger") is TimerRequestConverter
    assert TimerRequestConverter.has_trigger_support()
    assert public_timer.__all__ == ["TimerRequest", "TimerRequestConverter"]
    assert public_timer.TimerRequest is TimerRequest


def test_timer_request_is_constructible_for_tests() -> None:
    req = TimerRequest(past_due=True)
    assert req.past_due is True
    assert req.schedule_status == {}
    assert req.schedule == {}
    assert TimerRequest().past_due is False


def test_constructor_copies_its_mappings() -> None:
    status = {"Next": "2024-05-01T10:20:00+00:00"}
    req = TimerRequest(schedule_status=status, schedule={"AdjustForDST": True})
    status["Next"] = "changed"
    assert req.schedule_status == {"Next": "2024-05-01T10:20:00+00:00"}
    assert req.schedule == {"AdjustForDST": True}


def test_timer_request_is_read_only_and_has_a_repr() -> None:
    req = TimerRequest(schedule_status={"Next": "2024-05-01T10:20:00+00:00"})
    with pytest.raises(AttributeError):
        req.past_due = True  # type: ignore[misc]
    assert repr(req) == "<TimerRequest past_due=False next='2024-05-01T10:20:00+00:00'>"


def test_decode_of_a_monitored_schedule() -> None:
    req = decode(Datum(MONITORED, "json"))
    assert req.past_due is False
    assert req.schedule == {"AdjustForDST": True}
    assert req.schedule_status == {
        "Last": "2024-05-01T10:15:00+00:00",
        "Next": "2024-05-01T10:20:00+00:00",
        "LastUpdated": "2024-05-01T10:15:00.0211Z",
    }


def test_decode_of_an_unmonitored_schedule_has_an_empty_status() -> None:
    req = decode(Datum(UNMONITORED, "json"))
    assert req.past_due is True
    assert req.schedule_status == {}
    assert req.schedule == {"AdjustForDST": False}


@pytest.mark.parametrize("payload", ["{}", '{"IsPastDue": null}'])
def test_missing_members_take_their_defaults(payload: str) -> None:
    req = decode(Datum(payload, "json"))
    assert (req.past_due, req.schedule_status, req.schedule) == (False, {}, {})


def test_decode_accepts_text_and_the_workers_datums() -> None:
    assert decode(Datum(UNMONITORED, "string")).past_due is True
    assert decode(WorkerDatum(MONITORED, "json")).schedule == {"AdjustForDST": True}
    assert decode(Datum('{"IsPastDue": "True"}', "json")).past_due is True


@pytest.mark.parametrize(
    "datum",
    [Datum(1, "int"), Datum(None, None), Datum(b"{}", "bytes"), Datum({}, "http")],
)
def test_decode_refuses_other_wire_types(datum: Datum) -> None:
    with pytest.raises(func.DatumTypeError, match="'timerTrigger'") as info:
        decode(datum)
    assert isinstance(info.value, NotImplementedError)


def test_decode_of_invalid_json() -> None:
    with pytest.raises(func.InvalidJSONError, match="timer payload"):
        decode(Datum('{"IsPastDue": ', "json"))


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ("[]", "payload"),
        ('"text"', "payload"),
        ('{"IsPastDue": "maybe"}', "IsPastDue"),
        ('{"IsPastDue": 1}', "IsPastDue"),
        ('{"ScheduleStatus": "soon"}', "ScheduleStatus"),
        ('{"Schedule": [1]}', "Schedule"),
    ],
)
def test_decode_names_malformed_members(payload: str, named: str) -> None:
    with pytest.raises(func.DatumTypeError, match=named):
        decode(Datum(payload, "json"))


@given(
    past_due=st.booleans(),
    status=st.dictionaries(st.sampled_from(["Last", "Next", "LastUpdated"]), st.text()),
    adjust=st.booleans(),
)
def test_decode_reads_any_payload(
    past_due: bool, status: dict[str, str], adjust: bool
) -> None:
    payload = {
        "Schedule": {"AdjustForDST": adjust},
        "ScheduleStatus": status,
        "IsPastDue": past_due,
    }
    req = decode(Datum(json.dumps(payload), "json"))
    assert req.past_due is past_due
    assert req.schedule_status == status
    assert req.schedule == {"AdjustForDST": adjust}


def test_the_hosts_payload_is_parsed_only_when_the_schedule_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azure.functions import _json
    from azure.functions._bindings import timer

    parsed: list[object] = []
    real = _json.loads

    def counting(data: str | bytes, **kw: typing.Any) -> object:
        parsed.append(data)
        return real(data, **kw)

    monkeypatch.setattr(timer, "loads", counting)
    req = decode(Datum(MONITORED, "json"))
    assert req.past_due is False
    assert parsed == []  # the trailing IsPastDue member is read without parsing
    assert req.schedule == {"AdjustForDST": True}
    assert req.schedule_status["Next"] == "2024-05-01T10:20:00+00:00"
    assert req.to_dict()["schedule"] == {"AdjustForDST": True}
    assert parsed == [MONITORED]  # once, for every other property


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ('{"ScheduleStatus": "soon", "IsPastDue": true}', "ScheduleStatus"),
        ('{"Schedule": [1],"IsPastDue":false}', "Schedule"),
    ],
)
def test_a_malformed_schedule_is_named_when_read(payload: str, named: str) -> None:
    req = decode(Datum(payload, "json"))  # IsPastDue read, the rest kept
    assert req.past_due is payload.endswith("true}")
    with pytest.raises(func.DatumTypeError, match=named):
        _ = req.schedule
    with pytest.raises(func.DatumTypeError, match=named):
        req.to_dict()
    assert repr(req).endswith("next='?'>")  # repr never fails


def test_a_bytes_payload_is_parsed_when_decoded() -> None:
    req = decode(WorkerDatum(b'{"Schedule": {}, "IsPastDue": true}', "json"))
    assert req.past_due is True
    assert req.schedule == {}


def test_invalid_json_before_the_trailing_member_is_found_when_read() -> None:
    req = decode(Datum('{"Schedule": oops,"IsPastDue":true}', "json"))
    assert req.past_due is True
    with pytest.raises(func.InvalidJSONError, match="timer payload"):
        _ = req.schedule_status


_OBJECTS = st.none() | st.dictionaries(st.text(max_size=3), st.booleans(), max_size=2)
_MEMBERS = st.fixed_dictionaries(
    {},
    optional={
        "Schedule": _OBJECTS,
        "ScheduleStatus": _OBJECTS,
        # Keys that end like the member, and IsPastDue itself elsewhere.
        'a"IsPastDue': st.booleans(),
        "IsPastDue": st.none() | st.booleans() | st.sampled_from(["true", "False"]),
        "x": st.text(max_size=25),
    },
)


@given(
    members=_MEMBERS,
    last=st.none() | st.booleans(),
    separators=st.sampled_from([(",", ":"), (", ", ": "), (",", ": "), (", ", ":")]),
    indent=st.sampled_from([None, 1]),
)
def test_past_due_is_what_a_full_parse_reads(
    members: dict[str, object],
    last: bool | None,
    separators: tuple[str, str],
    indent: int | None,
) -> None:
    """The trailing-member shortcut answers as json.loads, whatever the shape."""
    payload = dict(members)
    if last is not None:
        payload.pop("IsPastDue", None)
        payload["IsPastDue"] = last  # the last member, as the host writes it
    text = json.dumps(payload, separators=separators, indent=indent)
    expected = json.loads(text).get("IsPastDue")
    try:
        req = decode(Datum(text, "json"))
    except func.DatumTypeError:
        assert expected is not None
        assert not isinstance(expected, bool)  # a malformed IsPastDue: refused
        return
    assert req.past_due is (expected is not None and boolean(expected))


class MyTimer(TimerRequest):
    pass


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (TimerRequest, True),
        (MyTimer, True),
        (str, False),
        (dict, False),
        (list[TimerRequest], False),
        (typing.Optional[TimerRequest], False),  # noqa: UP045 - the typing spelling
        (None, False),
    ],
)
def test_input_annotations(pytype: object, expected: bool) -> None:
    assert TimerRequestConverter.check_input_type_annotation(pytype) is expected
