"""Blob decorators: ``blob_trigger`` (and its ``source``), ``blob_input``, ``blob_output``."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.blob import BlobInput, BlobOutput, BlobTrigger
from azure.functions.decorators.core import BindingDirection
from tests.decorators._support import raw_bindings


def blob_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.blob_trigger(arg_name="blob", path="samples/{name}", connection="Storage")
    def trigger_min(blob: func.InputStream) -> None:
        pass

    @app.blob_trigger(
        arg_name="blob",
        path="samples/{name}",
        connection="Storage",
        source=func.BlobSource.EVENT_GRID,
        data_type=func.DataType.BINARY,
        someHostProperty="x",
    )
    def trigger_full(blob: func.InputStream) -> None:
        pass

    @app.blob_trigger(
        arg_name="blob",
        path="samples/{name}",
        connection="Storage",
        source="LogsAndContainerScan",
        data_type="string",
    )
    def trigger_source_str(blob: func.InputStream) -> None:
        pass

    @app.blob_trigger(
        arg_name="blob", path="samples/{name}", connection="Storage", source="eventgrid"
    )
    def trigger_source_lower(blob: func.InputStream) -> None:
        pass

    @app.blob_trigger(arg_name="blob", path="in/{name}", connection="Storage")
    @app.blob_input(arg_name="doc", path="refs/{name}", connection="Storage")
    @app.blob_output(arg_name="out", path="out/{name}", connection="Storage")
    def io_min(blob: func.InputStream, doc: bytes, out: func.Out[bytes]) -> None:
        pass

    @app.blob_trigger(arg_name="blob", path="in/{name}", connection="Storage")
    @app.blob_input(
        arg_name="doc",
        path="refs/{name}",
        connection="Storage",
        data_type="binary",
        someHostProperty=1,
    )
    @app.blob_output(
        arg_name="$return",
        path="out/{name}",
        connection="Storage",
        data_type=func.DataType.STREAM,
        someHostProperty=True,
    )
    def io_full(blob: func.InputStream, doc: bytes) -> bytes:
        return doc

    return app


EXPECTED: dict[str, list[str]] = {
    "trigger_min": [
        '{"direction": "IN", "type": "blobTrigger", "name": "blob", "path": "samples/{name}", "connection": "Storage"}',
    ],
    "trigger_full": [
        '{"direction": "IN", "dataType": "BINARY", "type": "blobTrigger", "name": "blob", "path": "samples/{name}", "connection": "Storage", "source": "EventGrid", "someHostProperty": "x"}',
    ],
    "trigger_source_str": [
        '{"direction": "IN", "dataType": "STRING", "type": "blobTrigger", "name": "blob", "path": "samples/{name}", "connection": "Storage", "source": "LogsAndContainerScan"}',
    ],
    "trigger_source_lower": [
        '{"direction": "IN", "type": "blobTrigger", "name": "blob", "path": "samples/{name}", "connection": "Storage", "source": "eventgrid"}',
    ],
    "io_min": [
        '{"direction": "OUT", "type": "blob", "name": "out", "path": "out/{name}", "connection": "Storage"}',
        '{"direction": "IN", "type": "blob", "name": "doc", "path": "refs/{name}", "connection": "Storage"}',
        '{"direction": "IN", "type": "blobTrigger", "name": "blob", "path": "in/{name}", "connection": "Storage"}',
    ],
    "io_full": [
        '{"direction": "OUT", "dataType": "STREAM", "type": "blob", "name": "$return", "path": "out/{name}", "connection": "Storage", "someHostProperty": true}',
        '{"direction": "IN", "dataType": "BINARY", "type": "blob", "name": "doc", "path": "refs/{name}", "connection": "Storage", "someHostProperty": 1}',
        '{"direction": "IN", "type": "blobTrigger", "name": "blob", "path": "in/{name}", "connection": "Storage"}',
    ],
}


def test_blob_decorators_write_the_references_json() -> None:
    assert raw_bindings(blob_app()) == EXPECTED


def test_blob_source_text_is_written_as_given_like_the_reference() -> None:
    # Byte-identical JSON with the reference, even where the host may not parse it.
    app = func.FunctionApp()

    @app.blob_trigger(
        arg_name="blob", path="c/{n}", connection="S", source="EVENT_GRID"
    )
    def by_name(blob: func.InputStream) -> None:
        pass

    assert raw_bindings(app)["by_name"] == [
        '{"direction": "IN", "type": "blobTrigger", "name": "blob", "path": "c/{n}", "connection": "S", "source": "EVENT_GRID"}'
    ]


def test_unknown_blob_source_is_refused_naming_the_argument() -> None:
    app = func.FunctionApp()
    decorator = app.blob_trigger(
        arg_name="blob", path="c/{n}", connection="S", source="Polling"
    )

    def scan(blob: func.InputStream) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="EventGrid") as caught:
        decorator(scan)
    error = caught.value
    assert (error.function, error.decorator, error.argument) == (
        "scan",
        "blob_trigger",
        "source",
    )


def test_snake_case_extra_keyword_is_refused() -> None:
    app = func.FunctionApp()
    decorator = app.blob_input(arg_name="doc", path="p", connection="S", conection="x")

    def read(doc: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="did you mean") as caught:
        decorator(read)
    assert caught.value.argument == "conection"


def test_blob_binding_classes_on_their_own() -> None:
    trigger = BlobTrigger(
        "blob", path="c/{n}", connection="S", source=func.BlobSource.EVENT_GRID
    )
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": "blobTrigger",
        "name": "blob",
        "path": "c/{n}",
        "connection": "S",
        "source": "EventGrid",
    }
    assert BlobTrigger.get_binding_name() == "blobTrigger"
    assert BlobInput("doc", path="p", connection="S").direction == 0
    output = BlobOutput("out", "BINARY", path="p", connection="S")
    assert (output.type, output.direction, output.data_type) == ("blob", 1, 2)
