"""Every package exception is a FunctionsError and the fitting built-in."""

from __future__ import annotations

import json
import pickle

import pytest

import azure.functions as func

BUILTIN_OF = {
    func.DatumTypeError: (TypeError, NotImplementedError),
    func.DatumValueError: (ValueError,),
    func.InvalidJSONError: (ValueError, json.JSONDecodeError),
    func.InvalidHeaderError: (ValueError,),
    func.JSONShapeError: (ValueError,),
    func.HeaderTypeError: (TypeError,),
    func.PayloadTooLargeError: (ValueError,),
    func.FormDataError: (ValueError,),
    func.ResponseBodyError: (ValueError,),
    func.OutputNotSetError: (LookupError,),
    func.ConverterRegistrationError: (RuntimeError, ValueError, TypeError),
}


@pytest.mark.parametrize("error", list(BUILTIN_OF), ids=lambda e: e.__name__)
def test_each_error_has_one_root_and_its_builtin(error: type[Exception]) -> None:
    assert issubclass(error, func.FunctionsError)
    for builtin in BUILTIN_OF[error]:
        assert issubclass(error, builtin)


def test_datum_type_error_names_binding_value_and_expectation() -> None:
    error = func.DatumTypeError(
        "queueTrigger", "the trigger value", "of type int", "str"
    )
    assert (
        str(error)
        == "binding 'queueTrigger': the trigger value is of type int; expected str"
    )
    assert (error.binding, error.what, error.expected) == (
        "queueTrigger",
        "the trigger value",
        "str",
    )


def test_datum_value_error_names_what_it_can() -> None:
    error = func.DatumValueError(
        "queueTrigger", "field 'Id' in trigger metadata", "a str", "int"
    )
    assert str(error) == (
        "binding 'queueTrigger': field 'Id' in trigger metadata is a str; expected int"
    )
    bare = func.DatumValueError(None, "data", "of wire type 'bytes'", "string")
    assert str(bare) == "data is of wire type 'bytes'; expected string"
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.binding) == (
        func.DatumValueError,
        str(error),
        "queueTrigger",
    )


def test_invalid_json_error_keeps_position_and_names_source() -> None:
    try:
        json.loads('{"a": }')
    except json.JSONDecodeError as exc:
        error = func.InvalidJSONError("request body", exc)
    assert str(error).startswith("request body is not valid JSON: Expecting value")
    assert error.pos == 6
    assert error.doc == '{"a": }'
    assert error.source == "request body"


def test_invalid_json_error_survives_pickling() -> None:
    try:
        json.loads("[1, 2")
    except json.JSONDecodeError as exc:
        error = func.InvalidJSONError("body", exc)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, func.InvalidJSONError)
    assert str(copy) == str(error)
    assert (copy.source, copy.detail, copy.doc, copy.pos) == (
        "body",
        error.detail,
        "[1, 2",
        5,
    )


def test_header_errors_name_the_header() -> None:
    assert "header 'X-A'" in str(func.InvalidHeaderError("X-A", "bad"))
    assert (
        str(func.HeaderTypeError(3, "name", 3))
        == "header 3: the name must be str, got int"
    )


def test_payload_too_large_reports_size_and_limit() -> None:
    error = func.PayloadTooLargeError("form body", 11, 10)
    assert (error.size, error.limit) == (11, 10)
    assert str(error) == "form body is too large: 11 exceeds the limit of 10"
