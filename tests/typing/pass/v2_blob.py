"""Blob decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.blob import BlobInput, BlobOutput, BlobTrigger

app = func.FunctionApp()
bp = func.Blueprint()


@app.blob_trigger(
    arg_name="blob",
    path="in/{name}",
    connection="Storage",
    source=func.BlobSource.EVENT_GRID,
    data_type=func.DataType.BINARY,
    someHostProperty=True,
)
@app.blob_input(arg_name="ref", path="refs/{name}", connection="Storage")
@app.blob_output(
    arg_name="out", path="out/{name}", connection="Storage", data_type="binary"
)
def copy(blob: func.InputStream, ref: bytes, out: func.Out[bytes]) -> None:
    out.set(blob.read() + ref)


@bp.blob_trigger("blob", "in/{name}", "Storage", "LogsAndContainerScan", "string")
def scan(blob: func.InputStream) -> str:
    return blob.name or ""


def test_copy(blob: func.InputStream, out: func.Out[bytes]) -> None:
    assert_type(copy(blob, b"", out), None)
    assert_type(scan(blob), str)
    assert_type(BlobTrigger("b", path="p", connection="c").type, str)
    assert_type(BlobInput.get_binding_name(), str | None)
    assert_type(BlobOutput("o").name, str)
