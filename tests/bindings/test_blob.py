"""Blobs: InputStream and the blob / blobTrigger converter."""

from __future__ import annotations

import io
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
import azure.functions.blob as public_blob
from azure.functions._bindings.blob import BlobConverter, InputStream
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum, collection_message

# Trigger metadata as the host sends it for a blob trigger.
PROPERTIES = """{
  "ContentMD5": "B54d+wzLC8IlnxyyZxwPsw==",
  "ContentType": "text/csv",
  "ETag": "\\"0x8D8989BC453467D\\"",
  "Created": "2024-05-01T08:07:26+00:00",
  "LastModified": "2024-05-01T08:07:26+00:00",
  "BlobType": 2,
  "LeaseStatus": 2,
  "LeaseState": 1,
  "LeaseDuration": 0,
  "ContentLength": 23,
  "Length": 23
}"""
HOST_METADATA = {
    "BlobTrigger": Datum("samples/2024/data.csv", "string"),
    "Uri": Datum("https://acct.blob.core.windows.net/samples/2024/data.csv", "string"),
    "Properties": Datum(PROPERTIES, "json"),
    "Metadata": Datum('{"owner": "ana", "batch": "7"}', "json"),
    "name": Datum("data.csv", "string"),
}
CONTENT = b"id,name\n1,ana\n2,bruno\n\n"


def decode(datum: object, metadata: object = None) -> InputStream | None:
    return BlobConverter.decode(datum, trigger_metadata=metadata)  # type: ignore[arg-type]


def stream(datum: object, metadata: object = None) -> InputStream:
    result = decode(datum, metadata)
    assert isinstance(result, InputStream)
    return result


def encode(obj: object) -> Datum:
    return BlobConverter.encode(obj, expected_type=None)


# --------------------------------------------------------------------------- #
# Registration and public names
# --------------------------------------------------------------------------- #


def test_one_converter_serves_the_blob_and_its_trigger() -> None:
    registry = get_binding_registry()
    assert registry.get("blob") is BlobConverter
    assert registry.get("blobTrigger") is BlobConverter
    assert BlobConverter.has_trigger_support()
    assert not BlobConverter.has_implicit_output()


def test_public_module_reexports_the_reference_names() -> None:
    assert public_blob.__all__ == ["BlobConverter", "InputStream"]
    assert public_blob.InputStream is InputStream


# --------------------------------------------------------------------------- #
# InputStream
# --------------------------------------------------------------------------- #


def test_input_stream_is_a_binary_file() -> None:
    s = InputStream(data=CONTENT, name="c/b.csv")
    assert isinstance(s, io.BufferedIOBase)
    assert s.readable()
    assert s.seekable()
    assert not s.writable()
    assert s.read(3) == b"id,"
    assert s.read1(4) == b"name"
    assert s.readline() == b"\n"
    assert list(s) == [b"1,ana\n", b"2,bruno\n", b"\n"]
    assert s.read() == b""


def test_read_accepts_the_size_keyword_and_none() -> None:
    s = InputStream(data=b"blob_content")
    assert s.read(size=4) == b"blob"
    assert s.read1(size=1) == b"_"
    assert s.read(None) == b"content"


def test_seek_tell_and_readinto() -> None:
    s = InputStream(data=b"0123456789")
    assert s.seek(-3, io.SEEK_END) == 7
    assert s.tell() == 7
    buffer = bytearray(5)
    assert s.readinto(buffer) == 3
    assert buffer[:3] == b"789"
    s.seek(0)
    assert s.readinto1(buffer) == 5
    assert bytes(buffer) == b"01234"


def test_wrapping_in_a_text_reader_works() -> None:
    s = InputStream(data="ação\nfim\n".encode())
    assert io.TextIOWrapper(s, encoding="utf-8").read() == "ação\nfim\n"


def test_reading_everything_at_once_keeps_the_position() -> None:
    s = InputStream(data=b"abc")
    assert s.read() == b"abc"
    assert s.read() == b""
    assert s.tell() == 3
    s.seek(1)
    assert s.read(None) == b"bc"
    after_close = InputStream(data=b"abc")
    after_close.close()
    with pytest.raises(ValueError, match="closed"):
        after_close.read()


def test_a_subclass_that_overrides_close_is_closed_when_collected() -> None:
    import gc

    closed: list[str] = []

    class Tracked(InputStream):
        def close(self) -> None:
            closed.append("closed")
            super().close()

    Tracked(data=b"x")
    InputStream(data=b"y")  # nothing to release: not closed when collected
    gc.collect()
    assert closed == ["closed"]


def test_close_ends_reading() -> None:
    s = InputStream(data=b"abc")
    s.close()
    assert s.closed
    with pytest.raises(ValueError, match="closed"):
        s.read()


def test_str_data_is_utf8_encoded_and_length_defaults_to_the_size() -> None:
    s = InputStream(data="héllo")
    assert s.read() == "héllo".encode()
    assert s.length == 6
    assert (s.name, s.uri, s.blob_properties, s.metadata) == (None, None, None, None)


def test_explicit_fields_are_kept() -> None:
    s = InputStream(
        data=b"x",
        name="c/x",
        uri="https://a/c/x",
        length=10,
        blob_properties={"ContentType": "text/plain"},
        metadata={"k": "v"},
    )
    assert (s.name, s.uri, s.length) == ("c/x", "https://a/c/x", 10)
    assert s.blob_properties == {"ContentType": "text/plain"}
    assert s.metadata == {"k": "v"}


def test_data_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError, match="int"):
        InputStream(data=5)  # type: ignore[arg-type]


def test_a_stream_without_data_describes_a_blob_it_cannot_read() -> None:
    # azure-functions 2.x's func.InputStream(name=, uri=, length=).
    s = func.InputStream(name="c/b", uri="https://a/c/b", length=12)
    assert (s.name, s.uri, s.length) == ("c/b", "https://a/c/b", 12)
    assert (s.blob_properties, s.metadata) == (None, None)
    assert not s.readable()
    assert not s.seekable()
    for read in (s.read, s.readline, s.read1, s.tell, lambda: s.seek(0)):
        with pytest.raises(
            io.UnsupportedOperation, match="'c/b' was built without data"
        ):
            read()
    with pytest.raises(io.UnsupportedOperation):
        next(iter(s))
    assert repr(s) == "<InputStream name='c/b' length=12>"
    s.close()
    assert s.closed


def test_a_stream_without_data_cannot_be_an_output() -> None:
    with pytest.raises(func.DatumTypeError, match="an InputStream without data"):
        BlobConverter.encode(InputStream(name="c/b"), expected_type=None)


def test_a_stream_without_data_or_length_has_no_length() -> None:
    assert InputStream().length is None
    assert InputStream(name="x").name == "x"


def test_fields_are_read_only_and_repr_names_the_blob() -> None:
    s = InputStream(data=b"abc", name="c/b")
    with pytest.raises(AttributeError):
        s.name = "other"  # type: ignore[assignment]  # read-only
    assert repr(s) == "<InputStream name='c/b' length=3>"


# --------------------------------------------------------------------------- #
# decode
# --------------------------------------------------------------------------- #


def test_decode_reads_the_trigger_metadata() -> None:
    s = stream(Datum(CONTENT, "bytes"), HOST_METADATA)
    assert s.read() == CONTENT
    assert s.name == "samples/2024/data.csv"
    assert s.uri == "https://acct.blob.core.windows.net/samples/2024/data.csv"
    assert s.length == 23
    assert s.blob_properties is not None
    assert s.blob_properties["ContentType"] == "text/csv"
    assert s.blob_properties["ETag"] == '"0x8D8989BC453467D"'
    assert s.metadata == {"owner": "ana", "batch": "7"}


@pytest.mark.parametrize(
    ("properties", "length"),
    [
        ('{"ContentLength": "12"}', 12),
        ('{"Length": "10"}', 10),
        ('{"ContentLength": 12, "Length": 10}', 12),
        ('{"ContentLength": 0}', 0),
        ('{"Length": 0, "ContentType": "x"}', 0),
    ],
)
def test_length_comes_from_the_properties(properties: str, length: int) -> None:
    s = stream(
        Datum(b"blob_content", "bytes"), {"Properties": Datum(properties, "json")}
    )
    assert s.length == length


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        {},
        {"Properties": Datum("{}", "json")},
        {"Properties": Datum('{"ContentType": "text/csv"}', "json")},
    ],
)
def test_without_a_size_the_length_is_the_contents(metadata: object) -> None:
    s = stream(Datum(b"blob_content", "bytes"), metadata)
    assert s.length == 12
    assert s.name is None
    assert s.uri is None


def test_decode_of_text_and_json_gives_utf8_bytes() -> None:
    assert stream(Datum("tëxt", "string")).read() == "tëxt".encode()
    assert stream(Datum('{"a": 1}', "json")).read() == b'{"a": 1}'


@pytest.mark.parametrize("datum", [None, Datum(None, None), WorkerDatum(None, None)])
def test_decode_of_a_missing_blob_is_none(datum: object) -> None:
    assert decode(datum, HOST_METADATA) is None


def test_decode_accepts_the_workers_own_datums() -> None:
    metadata = {"BlobTrigger": WorkerDatum("c/w.bin", "string")}
    s = stream(WorkerDatum(b"\x00\x01", "bytes"), metadata)
    assert (s.name, s.read()) == ("c/w.bin", b"\x00\x01")


@pytest.mark.parametrize(
    "datum",
    [
        Datum(3, "int"),
        Datum(2.5, "double"),
        Datum(b"x", "bytearray"),
        Datum(collection_message("collection_bytes", [b"x"]), "collection_bytes"),
        Datum({}, "http"),
        Datum(7, "bytes"),
    ],
)
def test_decode_refuses_other_wire_types(datum: Datum) -> None:
    with pytest.raises(func.DatumTypeError, match="'blob'") as info:
        decode(datum)
    assert isinstance(info.value, NotImplementedError)


@pytest.mark.parametrize(
    "value",
    [Datum("Hello World", "string"), Datum("[1, 2]", "json"), Datum("{", "json")],
)
def test_unreadable_user_metadata_is_left_out(value: Datum) -> None:
    # The reference ignores a Metadata entry it cannot read; so do we.
    s = stream(Datum(b"x", "bytes"), {**HOST_METADATA, "Metadata": value})
    assert s.metadata is None
    assert s.name == "samples/2024/data.csv"


@pytest.mark.parametrize(
    ("key", "value", "props"),
    [
        ("Properties", Datum('"not an object"', "json"), ["blob_properties", "length"]),
        ("Properties", Datum('{"ContentLength": "twelve"}', "json"), ["length"]),
        ("BlobTrigger", Datum("[1]", "json"), ["name"]),
    ],
)
def test_malformed_metadata_is_named_when_read(
    key: str, value: Datum, props: list[str]
) -> None:
    s = stream(Datum(b"x", "bytes"), {**HOST_METADATA, key: value})
    assert s.read() == b"x"  # decoding and reading the content work
    assert s.uri == HOST_METADATA["Uri"].value
    for prop in props:
        with pytest.raises(func.DatumTypeError, match=key):
            getattr(s, prop)
    assert repr(s).startswith("<InputStream")  # never fails


def test_metadata_is_decoded_on_first_access_and_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azure.functions import _datum

    decoded: list[str] = []
    real = _datum.json_value

    def counting(datum: Datum, *, binding: str, what: str) -> object:
        decoded.append(what)
        return real(datum, binding=binding, what=what)

    monkeypatch.setattr(_datum, "json_value", counting)
    s = stream(Datum(CONTENT, "bytes"), HOST_METADATA)
    assert s.name == "samples/2024/data.csv"
    assert s.read() == CONTENT
    assert decoded == []  # neither Properties nor Metadata parsed yet
    assert s.length == 23
    assert s.blob_properties is not None
    assert s.blob_properties["ContentType"] == "text/csv"
    assert decoded == ["trigger metadata 'Properties'"]
    assert s.metadata == {"owner": "ana", "batch": "7"}
    assert s.metadata is s.metadata
    assert decoded == ["trigger metadata 'Properties'", "trigger metadata 'Metadata'"]


@given(st.binary())
def test_decode_keeps_any_content(content: bytes) -> None:
    s = stream(Datum(content, "bytes"), HOST_METADATA)
    assert s.read() == content


# --------------------------------------------------------------------------- #
# encode
# --------------------------------------------------------------------------- #


def test_encode_of_text_and_bytes() -> None:
    assert encode("text") == Datum("text", "string")
    assert encode(b"\x00") == Datum(b"\x00", "bytes")
    assert encode(bytearray(b"ab")) == Datum(b"ab", "bytes")
    assert encode(memoryview(b"mv")) == Datum(b"mv", "bytes")


def test_encode_reads_file_like_objects() -> None:
    assert encode(io.BytesIO(b"binary")) == Datum(b"binary", "bytes")
    assert encode(io.StringIO("text")) == Datum("text", "string")

    class Custom:
        def read(self) -> bytes:
            return b"custom"

    assert encode(Custom()) == Datum(b"custom", "bytes")


def test_encode_of_an_input_stream_sends_what_is_left() -> None:
    s = InputStream(data=b"header;body")
    s.read(7)
    assert encode(s) == Datum(b"body", "bytes")


@pytest.mark.parametrize("value", [3, None, ["a"], {"a": 1}, object()])
def test_encode_refuses_other_values(value: object) -> None:
    with pytest.raises(func.DatumTypeError, match="'blob'"):
        encode(value)


def test_encode_refuses_a_reader_that_returns_something_else() -> None:
    class Odd:
        def read(self) -> int:
            return 5

    with pytest.raises(func.DatumTypeError, match="int"):
        encode(Odd())


@given(st.binary())
def test_round_trip(content: bytes) -> None:
    datum = encode(InputStream(data=content))
    assert stream(datum).read() == content


# --------------------------------------------------------------------------- #
# Annotations
# --------------------------------------------------------------------------- #


class Reader:
    def read(self) -> bytes:
        return b""


class NotAReader:
    read = None


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (InputStream, True),
        (str, True),
        (bytes, True),
        (bytearray, False),
        (io.BytesIO, False),
        (list[str], False),
        (typing.Optional[bytes], False),  # noqa: UP045 - the typing spelling
        (3, False),
    ],
)
def test_input_annotations(pytype: object, expected: bool) -> None:
    assert BlobConverter.check_input_type_annotation(pytype) is expected


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (InputStream, True),
        (str, True),
        (bytes, True),
        (bytearray, True),
        (io.BytesIO, True),
        (Reader, True),
        (typing.IO[bytes], True),
        (NotAReader, False),
        (int, False),
        (list[bytes], False),
        (typing.Optional[str], False),  # noqa: UP045
        (Reader(), False),
        (None, False),
    ],
)
def test_output_annotations(pytype: object, expected: bool) -> None:
    assert BlobConverter.check_output_type_annotation(pytype) is expected
