"""The storage parts on their own: connection strings, templates, options, encoding."""

from __future__ import annotations

import base64
import json
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions._errors import FunctionLoadError
from azure.functions._host.storage.bindings import (
    MessageEncodingError,
    bind_data,
    decode_message,
    encode_message,
    queue_messages,
)
from azure.functions._host.storage.connection import (
    StorageTarget,
    choose_target,
    connection_setting,
    parse_connection_string,
)
from azure.functions._host.storage.options import read_queue_options
from azure.functions._host.storage.templates import (
    BindingTemplate,
    BlobPattern,
    TemplateError,
    check_name,
)
from azure.functions.meta import Datum

# -- connection strings ----------------------------------------------------------

_KEYS = st.text(string.ascii_letters, min_size=1, max_size=12)
_VALUES = st.text(string.ascii_letters + string.digits + "=/+:.", max_size=30)


@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_connection_strings_round_trip(parts: dict[str, str]) -> None:
    text = ";".join(f"{key}={value}" for key, value in parts.items())
    assert parse_connection_string(text) == parts


def test_a_part_without_equals_is_refused() -> None:
    with pytest.raises(ValueError, match="not a Key=Value pair: 'oops'"):
        parse_connection_string("AccountName=a;oops")


def test_which_backend_each_setting_gets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AzureWebJobsStorage", raising=False)
    assert choose_target("AzureWebJobsStorage").kind == "embedded"
    monkeypatch.setenv("AzureWebJobsStorage", "UseDevelopmentStorage=true")
    offline = choose_target("AzureWebJobsStorage", probe=False)
    assert (offline.kind, offline.reason) == ("embedded", "UseDevelopmentStorage=true")
    monkeypatch.setenv(
        "Other", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5"
    )
    real = choose_target("Other")
    assert real.kind == "azure"
    assert real.account == "acct"
    assert real.describe() == "Other: Azure Storage at account acct (core.windows.net)"
    monkeypatch.setenv("Broken", "Foo=bar")
    with pytest.raises(ValueError, match="'Broken' is not a storage connection"):
        choose_target("Broken")
    assert repr(StorageTarget("embedded", "S", "not set")) == (
        "<StorageTarget S embedded>"
    )


def test_connection_names_as_the_host_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert connection_setting(None) == "AzureWebJobsStorage"
    assert connection_setting("") == "AzureWebJobsStorage"
    monkeypatch.setenv("AzureWebJobsMine", "x")
    assert connection_setting("Mine") == "AzureWebJobsMine"
    monkeypatch.setenv("Mine", "y")
    assert connection_setting("Mine") == "Mine"
    assert connection_setting("%Mine%") == "Mine"


# -- templates -------------------------------------------------------------------


def test_templates_resolve_settings_data_guids_and_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONTAINER", "out")
    template = BindingTemplate("%CONTAINER%/{Id}/{order.item}-{rand-guid}.{DateTime}")
    assert template.names == ("Id", "order.item", "rand-guid", "DateTime")
    path = template.resolve({"id": 7, "Order": {"Item": True}})
    assert re.fullmatch(
        r"out/7/true-[0-9a-f-]{36}\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ", path
    ), path
    with pytest.raises(TemplateError, match=r"no value for \{missing\}"):
        BindingTemplate("c/{missing}").resolve({"id": 1})
    with pytest.raises(TemplateError, match="NOT_SET"):
        BindingTemplate("%NOT_SET%/x")
    with pytest.raises(TemplateError, match="unbalanced"):
        BindingTemplate("c/{x")
    with pytest.raises(TemplateError, match="empty"):
        BindingTemplate("c/{}")


_SEGMENT = st.text(string.ascii_lowercase + string.digits + "-_/", min_size=1)


@given(_SEGMENT, _SEGMENT.filter(lambda text: "." not in text))
def test_blob_patterns_capture_what_templates_fill_in(name: str, ext: str) -> None:
    pattern = BlobPattern("images/{name}.{ext}")
    path = BindingTemplate("images/{name}.{ext}").resolve({"name": name, "ext": ext})
    container, _, blob = path.partition("/")
    captured = pattern.match(container, blob)
    assert captured is not None
    assert BindingTemplate("images/{name}.{ext}").resolve(captured) == path
    assert pattern.match("other", blob) is None


def test_blob_patterns() -> None:
    pattern = BlobPattern("uploads/in/{name}")
    assert (pattern.container, pattern.prefix) == ("uploads", "in/")
    assert pattern.match("uploads", "in/a/b.txt") == {"name": "a/b.txt"}
    assert pattern.match("uploads", "out/a") is None
    assert BlobPattern("uploads").match("uploads", "any/thing") == {}
    with pytest.raises(TemplateError, match="starts with a container"):
        BlobPattern("{name}")
    with pytest.raises(TemplateError, match="cannot be captured"):
        BlobPattern("c1c/{a}-{a}")


@pytest.mark.parametrize("name", ["ab", "a" * 64, "Upper", "a--b", "-ab", "ab-", "a_b"])
def test_invalid_names_are_refused(name: str) -> None:
    with pytest.raises(TemplateError, match="not a valid queue name"):
        check_name(name, "queue")


# -- bind data, messages -----------------------------------------------------------


def test_bind_data_from_an_http_request() -> None:
    body = Datum(b'{"id": "from-body", "item": 3}', "bytes")
    http = Datum({"body": body}, "http")
    metadata = {
        "id": Datum("from-route", "string"),
        "Query": Datum('{"page": "2", "item": "q"}', "json"),
    }
    data = bind_data(http, metadata)
    assert data["id"] == "from-route"
    assert data["page"] == "2"
    assert data["item"] == "q"  # the query wins over the body


def test_bind_data_from_a_json_queue_message() -> None:
    metadata = {
        "Id": Datum("message-id", "string"),
        "DequeueCount": Datum("2", "json"),
        "QueueTrigger": Datum('{"id": "order-7"}', "string"),
    }
    data = bind_data(Datum('{"id": "order-7"}', "string"), metadata)
    assert data["id"] == "order-7"
    assert "Id" not in data
    assert data["DequeueCount"] == 2


@given(st.binary())
def test_base64_messages_round_trip(body: bytes) -> None:
    assert decode_message(encode_message(body, "base64"), "base64") == body


@given(st.text())
def test_plain_messages_round_trip(text: str) -> None:
    body = text.encode("utf-8", "surrogatepass")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert decode_message(encode_message(body, "none"), "none") == body


def test_text_that_is_not_base64_is_refused() -> None:
    assert decode_message(base64.b64encode(b"ok").decode(), "base64") == b"ok"
    with pytest.raises(MessageEncodingError, match='needs "none"'):
        decode_message("not base64!", "base64")


def test_queue_trigger_names_in_paths() -> None:
    metadata = {"QueueTrigger": Datum("report-1.pdf", "string")}
    data = bind_data(Datum("report-1.pdf", "string"), metadata)
    assert BindingTemplate("in/{queueTrigger}").resolve(data) == "in/report-1.pdf"


def test_an_output_list_is_one_message_per_item() -> None:
    items = Datum(json.dumps(["a", {"id": 1}, 2]), "json")
    assert queue_messages(items) == [b"a", b'{"id":1}', b"2"]
    assert queue_messages(Datum(b"\x00raw", "bytes")) == [b"\x00raw"]
    assert queue_messages(Datum("text", "string")) == [b"text"]
    assert queue_messages(Datum('{"a": 1}', "json")) == [b'{"a":1}']


# -- host.json -------------------------------------------------------------------------


def _host_json(tmp_path: Path, queues: object) -> Path:
    (tmp_path / "host.json").write_text(
        json.dumps({"version": "2.0", "extensions": {"queues": queues}})
    )
    return tmp_path


def test_queue_options_and_their_defaults(tmp_path: Path) -> None:
    defaults = read_queue_options(tmp_path)
    assert (defaults.max_polling_interval, defaults.visibility_timeout) == (60.0, 0.0)
    assert (defaults.batch_size, defaults.max_dequeue_count) == (16, 5)
    assert defaults.message_encoding == "base64"
    options = read_queue_options(
        _host_json(
            tmp_path,
            {
                "maxPollingInterval": "00:00:00.050",
                "visibilityTimeout": "00:00:30",
                "batchSize": 4,
                "newBatchThreshold": 0,
                "maxDequeueCount": 2,
                "messageEncoding": "None",
            },
        )
    )
    assert options.max_polling_interval == 0.1  # at least 100 ms
    assert options.visibility_timeout == 30.0
    assert (options.batch_size, options.new_batch_threshold) == (4, 0)
    assert (options.max_dequeue_count, options.message_encoding) == (2, "none")


@pytest.mark.parametrize(
    ("queues", "message"),
    [
        ({"batchSize": 64}, "'extensions.queues.batchSize' is 64; expected a whole"),
        ({"batchSize": True}, "batchSize' is True"),
        ({"maxPollingInterval": 2000}, "expected a TimeSpan"),
        ({"visibilityTimeout": "00:99:00"}, "expected a TimeSpan"),
        ({"messageEncoding": "utf8"}, 'expected "base64" or "none"'),
    ],
)
def test_bad_queue_options_are_reported(
    tmp_path: Path, queues: object, message: str
) -> None:
    with pytest.raises(FunctionLoadError, match=re.escape(message)):
        read_queue_options(_host_json(tmp_path, queues))


def test_messages_stay_hidden_past_the_function_timeout(tmp_path: Path) -> None:
    from azure.functions._host.host import Host
    from tests.host.storage._apps import write_chain

    app = write_chain(tmp_path / "app")
    host_json = json.loads((app / "host.json").read_text())
    for timeout, hidden in (("00:05:00", 600.0), ("00:30:00", 1860.0)):
        host_json["functionTimeout"] = timeout
        (app / "host.json").write_text(json.dumps(host_json))
        host = Host.load(app, storage_folder=tmp_path / "data")
        try:
            [listener] = host.storage.queue_listeners
            assert listener.processing_visibility == hidden
        finally:
            host.close()
