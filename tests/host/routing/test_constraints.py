"""Route constraints: what each accepts and refuses, ``int`` against Int32."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions._host.routing.parser import parse_template


@pytest.mark.parametrize(
    ("constraint", "accepted", "refused"),
    [
        ("int", ["0", "-12", "+7", "2147483647"], ["x", "1.5", "2147483648", "\u0661"]),
        ("long", ["9223372036854775807", "-3"], ["9223372036854775808", "1e3"]),
        ("bool", ["true", "FALSE", "True"], ["yes", "1", "t"]),
        ("alpha", ["abc", "ABCdef"], ["ab1", "a-b", "é"]),
        (
            "guid",
            [
                "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                "6f9619ff8b86d011b42d00c04fc964ff",
                "{6F9619FF-8B86-D011-B42D-00C04FC964FF}",
                "(6F9619FF-8B86-D011-B42D-00C04FC964FF)",
            ],
            [
                "6F9619FF-8B86-D011-B42D",
                "not-a-guid",
                "{6F9619FF8B86D011B42D00C04FC964FF}",
            ],
        ),
        (
            "datetime",
            [
                "2016-12-31",
                "2016-12-31T07:32:00",
                "12/31/2016 07:32:00",
                "2016-12-31T07:32:00Z",
            ],
            ["2016-13-01", "tomorrow", "31/12/2016"],
        ),
        ("decimal", ["1", "-1.5", "1,000.25", ".5"], ["1e3", "abc", "1.2.3"]),
        ("double", ["1", "-1.5e10", "1,000.5", "NaN", "Infinity"], ["abc", "e5"]),
        ("float", ["3.14", "2E-3"], ["pi"]),
        ("length(3)", ["abc", "123"], ["ab", "abcd"]),
        ("length(2,4)", ["ab", "abcd"], ["a", "abcde"]),
        ("minlength(2)", ["ab", "abcdef"], ["a"]),
        ("maxlength(2)", ["a", "ab"], ["abc"]),
        ("min(10)", ["10", "999"], ["9", "-1", "x"]),
        ("max(9)", ["9", "-100"], ["10", "x"]),
        ("range(1,9)", ["1", "5", "9"], ["0", "10", "five"]),
        ("regex(^\\d{{3}}-\\d{{2}}$)", ["123-45"], ["123-456", "12-34"]),
        ("regex(ab)", ["xABx"], ["ba"]),  # unanchored, ignoring case, as .NET
        ("int:min(1)", ["1", "42"], ["0", "x"]),
        ("required", ["x"], []),
    ],
)
def test_constraints(constraint: str, accepted: list[str], refused: list[str]) -> None:
    template = parse_template(f"api/{{value:{constraint}}}")
    for value in accepted:
        assert template.match(["api", value]) == {"value": value}, value
    for value in refused:
        assert template.match(["api", value]) is None, value


@given(st.integers(-(2**40), 2**40))
def test_int_constraint_agrees_with_the_int32_range(number: int) -> None:
    template = parse_template("{n:int}")
    expected = -(2**31) <= number <= 2**31 - 1
    assert (template.match([str(number)]) is not None) == expected
