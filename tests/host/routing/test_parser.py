"""Parsing route templates: the errors for invalid ones, and no other error for any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions._host.routing.constraints import RouteTemplateError
from azure.functions._host.routing.parser import parse_template


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("api/{a}{b}", "two parameters with no literal between"),
        ("api/{*rest}/more", "must be the whole last segment"),
        ("api/x{*rest}", "must be the whole last segment"),
        ("api/{a?=1}", "'?' must end the parameter"),
        ("api/{a=1?}", "optional parameter cannot have a default"),
        ("api/{*a?}", "catch-all parameter cannot be optional"),
        ("api/{id:nope}", "unknown constraint 'nope'"),
        ("api/{id:int(3)}", "takes 0 argument"),
        ("api/{id:length(a)}", "expected an integer"),
        ("api/{id:range(9,1)}", "minimum is above the maximum"),
        ("api/{id:regex(()}", "no closing ')'"),
        ("api/{id:regex([)}", "regex([)"),
        ("api//x", "empty segments"),
        ("api/{a", "no closing '}'"),
        ("api/a}", "a '}' with no '{'"),
        ("api/{}", "invalid parameter name"),
        ("api/{a}/{A}", "appears more than once"),
        ("api?x", "'?' outside a parameter"),
        ("api/{a}.{b?}x", "must come last"),
    ],
)
def test_invalid_templates(template: str, message: str) -> None:
    with pytest.raises(RouteTemplateError, match=re.escape(message)):
        parse_template(template)


@given(st.text(max_size=30))
def test_parsing_arbitrary_text_fails_only_with_route_template_error(text: str) -> None:
    try:
        parsed = parse_template(text)
    except RouteTemplateError:
        return
    parsed.match(["a", "b"])  # and a parsed template can always match
