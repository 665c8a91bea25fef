"""Form bodies: urlencoded and multipart/form-data, limits, UploadedFile."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from multidict import CIMultiDictProxy, MultiDictProxy

import azure.functions as func
from azure.functions._form import parse_form

URLENCODED = "application/x-www-form-urlencoded"
BOUNDARY = "----FormBoundary7MA4YWxk"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def part(
    name: str | None,
    data: bytes | str,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    extra: str = "",
) -> bytes:
    """One multipart part: its headers, a blank line and its data."""
    disposition = "form-data"
    if name is not None:
        disposition += f'; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    head = f"Content-Disposition: {disposition}{extra}\r\n"
    if content_type is not None:
        head += f"Content-Type: {content_type}\r\n"
    body = data.encode() if isinstance(data, str) else data
    return head.encode() + b"\r\n" + body


def multipart(*parts: bytes, boundary: str = BOUNDARY) -> bytes:
    """A complete multipart body, as browsers write it."""
    dash = b"--" + boundary.encode()
    out = b"".join(dash + b"\r\n" + each + b"\r\n" for each in parts)
    return out + dash + b"--\r\n"


def request(
    body: bytes, content_type: str | None, **kwargs: object
) -> func.HttpRequest:
    headers = {} if content_type is None else {"Content-Type": content_type}
    return func.HttpRequest(
        "POST",
        "http://example.com/upload",
        headers=headers,
        body=body,
        **kwargs,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- #
# application/x-www-form-urlencoded
# --------------------------------------------------------------------------- #


def test_urlencoded_fields() -> None:
    req = request(b"name=J%C3%BCrgen+M&tag=a&tag=b&blank=&flag", URLENCODED)
    form = req.form
    assert isinstance(form, MultiDictProxy)
    assert list(form.items()) == [
        ("name", "Jürgen M"),
        ("tag", "a"),
        ("tag", "b"),
        ("blank", ""),
        ("flag", ""),
    ]
    assert form["tag"] == "a"
    assert form.getall("tag") == ["a", "b"]
    assert len(req.files) == 0


def test_urlencoded_plus_and_percent_decoding() -> None:
    form = request(b"q=1+1%3D2&amp%26=%2B&sp=%20x%20", URLENCODED).form
    assert form["q"] == "1 1=2"
    assert form["amp&"] == "+"
    assert form["sp"] == " x "


def test_urlencoded_content_type_is_case_insensitive_with_parameters() -> None:
    form = request(b"a=1", "Application/X-WWW-Form-URLEncoded ; charset=UTF-8").form
    assert form["a"] == "1"


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", '"iso-8859-1"'])
def test_urlencoded_charset_parameter(charset: str) -> None:
    body = b"word=caf%E9&raw=\xe9t\xe9"
    form = request(body, f"{URLENCODED}; charset={charset}").form
    assert form["word"] == "café"
    assert form["raw"] == "été"


def test_urlencoded_defaults_to_utf8_and_replaces_bad_bytes() -> None:
    form = request(b"ok=%E2%82%AC&bad=%FF", URLENCODED).form
    assert form["ok"] == "€"
    assert form["bad"] == "\ufffd"


@pytest.mark.parametrize("charset", ["no-such-charset", "base64", "rot13", "hex"])
def test_urlencoded_unknown_or_non_text_charset(charset: str) -> None:
    req = request(b"a=1", f"{URLENCODED}; charset={charset}")
    with pytest.raises(func.FormDataError, match="unknown charset") as info:
        _ = req.form
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, func.FunctionsError)


def test_urlencoded_empty_body_gives_an_empty_form() -> None:
    req = request(b"", URLENCODED)
    assert len(req.form) == 0
    assert len(req.files) == 0


def test_urlencoded_too_many_fields() -> None:
    req = request(b"a=1&b=2&c=3", URLENCODED, form_limits=func.FormLimits(max_fields=2))
    with pytest.raises(func.PayloadTooLargeError) as info:
        _ = req.form
    error = info.value
    assert isinstance(error, ValueError)
    assert (error.size, error.limit) == (3, 2)
    ok = request(b"a=1&b=2", URLENCODED, form_limits=func.FormLimits(max_fields=2))
    assert len(ok.form) == 2


def test_urlencoded_body_over_max_size() -> None:
    body = b"a=" + b"x" * 20
    req = request(body, URLENCODED, form_limits=func.FormLimits(max_size=21))
    with pytest.raises(func.PayloadTooLargeError) as info:
        _ = req.form
    assert (info.value.size, info.value.limit) == (22, 21)
    assert "22" in str(info.value)
    exact = request(body, URLENCODED, form_limits=func.FormLimits(max_size=22))
    assert exact.form["a"] == "x" * 20


_form_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=200, deadline=None)
@given(pairs=st.lists(st.tuples(_form_text, _form_text), max_size=10))
def test_urlencoded_round_trip(pairs: list[tuple[str, str]]) -> None:
    assume(all(name for name, _ in pairs))  # a blank name is no field
    body = urlencode(pairs).encode("ascii")
    form = request(body, URLENCODED).form
    assert list(form.items()) == pairs


# --------------------------------------------------------------------------- #
# multipart/form-data: fields and files
# --------------------------------------------------------------------------- #


def test_multipart_fields_and_files() -> None:
    body = multipart(
        part("title", "Holiday"),
        part(
            "photo",
            b"\x89PNG\r\n\x1a\n",
            filename="beach.png",
            content_type="image/png",
        ),
        part("tags", "sea"),
        part("tags", "sun"),
    )
    req = request(body, MULTIPART)
    assert list(req.form.items()) == [
        ("title", "Holiday"),
        ("tags", "sea"),
        ("tags", "sun"),
    ]
    assert list(req.files) == ["photo"]
    photo = req.files["photo"]
    assert isinstance(photo, func.UploadedFile)
    assert photo.name == "photo"
    assert photo.filename == "beach.png"
    assert photo.content_type == "image/png"
    assert photo.mimetype == "image/png"
    assert photo.read() == b"\x89PNG\r\n\x1a\n"
    assert photo.content_length == 8


def test_multipart_file_headers_are_kept() -> None:
    body = multipart(
        part(
            "doc",
            b"data",
            filename="a.txt",
            content_type="Text/Plain; charset=UTF-8",
            extra="",
        ).replace(b"\r\n\r\n", b"\r\nX-Custom: yes\r\n\r\n", 1)
    )
    upload = request(body, MULTIPART).files["doc"]
    assert isinstance(upload.headers, CIMultiDictProxy)
    assert upload.headers["x-custom"] == "yes"
    assert upload.headers["CONTENT-DISPOSITION"].startswith("form-data")
    assert upload.content_type == "Text/Plain; charset=UTF-8"
    assert upload.mimetype == "text/plain"


def test_multipart_file_without_content_type_is_octet_stream() -> None:
    upload = request(multipart(part("f", b"x", filename="x.bin")), MULTIPART).files["f"]
    assert upload.content_type == "application/octet-stream"
    assert upload.mimetype == "application/octet-stream"


def test_multipart_utf8_names_and_filenames() -> None:
    body = multipart(
        part("prénom", "Zoë ☃"),
        part("fichier", "contenu", filename="résumé €.txt"),
    )
    req = request(body, MULTIPART)
    assert req.form["prénom"] == "Zoë ☃"
    assert req.files["fichier"].filename == "résumé €.txt"


def test_multipart_rfc2231_filename_wins_over_plain_filename() -> None:
    extended = "; filename*=UTF-8''na%C3%AFve%20%E2%82%AC.txt"
    body = multipart(part("f", b"x", filename="naive.txt", extra=extended))
    assert request(body, MULTIPART).files["f"].filename == "naïve €.txt"


def test_multipart_rfc2231_filename_alone() -> None:
    body = multipart(part("f", b"x", extra="; filename*=iso-8859-1'fr'caf%E9.txt"))
    upload = request(body, MULTIPART).files["f"]
    assert upload.filename == "café.txt"


def test_multipart_quoted_name_with_semicolon_and_escaped_quote() -> None:
    body = multipart(part('a;b\\"c', "v"))
    assert request(body, MULTIPART).form['a;b"c'] == "v"


def test_multipart_field_charset() -> None:
    body = multipart(
        part("f", "été".encode("latin-1"), content_type="text/plain; charset=latin-1")
    )
    assert request(body, MULTIPART).form["f"] == "été"


def test_multipart_field_with_unknown_charset() -> None:
    body = multipart(part("f", b"x", content_type="text/plain; charset=bogus"))
    with pytest.raises(func.FormDataError, match="unknown charset"):
        _ = request(body, MULTIPART).form


BINARY_CONTENTS = [
    bytes(range(256)),
    b"\r\n" * 5,
    b"\r",
    b"\n",
    b"ends with CR\r",
    b"ends with LF\n",
    b"\x00\x00\r\n\x00",
    b"--" + BOUNDARY.encode() + b"x\r\n",  # a line that only starts like a boundary
    b"\r\n--" + BOUNDARY.encode()[:-1] + b"\r\n",  # one character short
    b"\r\n-- " + BOUNDARY.encode() + b"\r\n",
    b"Content-Disposition: form-data; name=fake\r\n\r\nnot a part",
]


@pytest.mark.parametrize("content", BINARY_CONTENTS)
def test_multipart_binary_file_content_is_exact(content: bytes) -> None:
    body = multipart(
        part("before", "1"),
        part("file", content, filename="blob.bin"),
        part("after", "2"),
    )
    req = request(body, MULTIPART)
    assert req.files["file"].getvalue() == content
    assert dict(req.form) == {"before": "1", "after": "2"}


def test_multipart_empty_file_and_empty_field() -> None:
    body = multipart(part("f", b"", filename="empty.txt"), part("v", ""))
    req = request(body, MULTIPART)
    assert req.files["f"].getvalue() == b""
    assert req.files["f"].content_length == 0
    assert req.form["v"] == ""


def test_multipart_blank_filename_is_still_a_file() -> None:
    # What browsers send for a file input left empty.
    req = request(multipart(part("f", b"", filename="")), MULTIPART)
    assert len(req.form) == 0
    assert req.files["f"].filename == ""


def test_multipart_several_files_under_one_name() -> None:
    body = multipart(
        part("docs", b"one", filename="1.txt"),
        part("docs", b"two", filename="2.txt"),
        part("docs", b"three", filename="3.txt"),
    )
    files = request(body, MULTIPART).files
    uploads = files.getall("docs")
    assert [upload.filename for upload in uploads] == ["1.txt", "2.txt", "3.txt"]
    assert [upload.read() for upload in uploads] == [b"one", b"two", b"three"]
    assert files["docs"].filename == "1.txt"


def test_form_is_read_only() -> None:
    req = request(b"a=1&b=2&a=3", URLENCODED)
    assert req.form.getall("a") == ["1", "3"]
    with pytest.raises(TypeError):
        req.form["a"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    "content_type",
    ["message/rfc822", "multipart/mixed; boundary=inner", "text/plain"],
)
def test_multipart_file_content_is_not_interpreted(content_type: str) -> None:
    content = (
        b"From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"--inner\r\nContent-Type: text/plain\r\n\r\nhello\r\n--inner--\r\n"
    )
    body = multipart(part("mail", content, filename="m.eml", content_type=content_type))
    assert request(body, MULTIPART).files["mail"].getvalue() == content


def test_multipart_content_transfer_encoding_is_not_applied() -> None:
    raw = part("f", b"aGVsbG8=", filename="f.txt").replace(
        b"\r\n\r\n", b"\r\nContent-Transfer-Encoding: base64\r\n\r\n", 1
    )
    assert request(multipart(raw), MULTIPART).files["f"].getvalue() == b"aGVsbG8="


def test_multipart_content_type_name_parameter_does_not_make_a_file() -> None:
    body = multipart(part("f", "v", content_type="text/plain; name=foo.txt"))
    req = request(body, MULTIPART)
    assert req.form["f"] == "v"
    assert len(req.files) == 0


def test_multipart_quoted_boundary_preamble_and_epilogue() -> None:
    boundary = "with space:and=signs"
    inner = multipart(part("a", "1"), boundary=boundary)
    body = b"This is the preamble.\r\n" + inner + b"an epilogue\r\n"
    req = request(body, f'multipart/form-data; boundary="{boundary}"')
    assert dict(req.form) == {"a": "1"}


def test_multipart_needs_crlf_line_breaks() -> None:
    # RFC 7578 bodies use CRLF; a bare-LF body is refused, not guessed at.
    body = b"--b\nContent-Disposition: form-data; name=a\n\nv\n--b--\n"
    with pytest.raises(func.FormDataError, match="line break"):
        _ = request(body, "multipart/form-data; boundary=b").form


def test_content_holding_the_delimiter_is_refused_not_split() -> None:
    # RFC 2046: CRLF "--" boundary may not occur inside a part.
    content = b"\r\n--" + BOUNDARY.encode() + b"-\r\n"
    body = multipart(part("f", content, filename="f.bin"))
    with pytest.raises(func.FormDataError, match="cannot be parsed"):
        _ = request(body, MULTIPART).files


@pytest.mark.parametrize("body", [b"", b"\r\n", b"--" + BOUNDARY.encode() + b"--\r\n"])
def test_multipart_without_parts_is_an_empty_form(body: bytes) -> None:
    req = request(body, MULTIPART)
    assert len(req.form) == 0
    assert len(req.files) == 0


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/json",
        "application/octet-stream",
        "multipart/mixed; boundary=" + BOUNDARY,
    ],
)
def test_other_content_types_give_an_empty_form(content_type: str | None) -> None:
    body = multipart(part("a", "1"))
    req = request(body, content_type)
    assert len(req.form) == 0
    assert len(req.files) == 0


# --------------------------------------------------------------------------- #
# multipart/form-data: malformed bodies and limits
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("body", "content_type", "detail"),
    [
        (multipart(part("a", "1")), "multipart/form-data", "no boundary"),
        (multipart(part("a", "1")), "multipart/form-data; boundary=", "no boundary"),
        (
            multipart(part("a", "1"))[: -len(b"--\r\n")],
            MULTIPART,
            "Unexpected end of multipart stream",
        ),
        (
            b"--" + BOUNDARY.encode() + b"\r\n" + part("a", "1") + b"\r\n",
            MULTIPART,
            "Unexpected end of multipart stream",
        ),
        (
            multipart(part("a", "1"), boundary="other"),
            MULTIPART,
            "Unexpected end of multipart stream",
        ),
        (multipart(part(None, "1")), MULTIPART, "part 0: no name"),
        (
            multipart(part("a", "1"), b"X-Only: header"),
            MULTIPART,
            "Malformed segment header",
        ),
        (multipart(b"\r\nno headers at all"), MULTIPART, "Missing Content-Disposition"),
    ],
    ids=[
        "no-boundary",
        "empty-boundary",
        "no-close",
        "truncated",
        "wrong-boundary",
        "no-name",
        "no-blank-line",
        "no-headers",
    ],
)
def test_malformed_multipart(body: bytes, content_type: str, detail: str) -> None:
    req = request(body, content_type)
    with pytest.raises(func.FormDataError, match=detail) as info:
        _ = req.form
    assert isinstance(info.value, ValueError)
    with pytest.raises(func.FormDataError):
        _ = req.files


def test_multipart_too_many_parts() -> None:
    body = multipart(*(part(f"f{i}", str(i)) for i in range(4)))
    req = request(body, MULTIPART, form_limits=func.FormLimits(max_fields=3))
    with pytest.raises(func.PayloadTooLargeError) as info:
        _ = req.form
    assert isinstance(info.value, ValueError)
    assert info.value.limit == 3
    assert info.value.size > 3
    ok = request(body, MULTIPART, form_limits=func.FormLimits(max_fields=4))
    assert len(ok.form) == 4


def test_multipart_body_over_max_size() -> None:
    body = multipart(part("f", b"x" * 100, filename="x"))
    req = request(body, MULTIPART, form_limits=func.FormLimits(max_size=len(body) - 1))
    with pytest.raises(func.PayloadTooLargeError) as info:
        _ = req.files
    assert info.value.size == len(body)
    ok = request(body, MULTIPART, form_limits=func.FormLimits(max_size=len(body)))
    assert ok.files["f"].content_length == 100


def test_size_limit_applies_only_to_form_bodies() -> None:
    req = request(
        b"x" * 50, "application/json", form_limits=func.FormLimits(max_size=10)
    )
    assert len(req.form) == 0


def test_form_limits_defaults_and_repr() -> None:
    limits = func.FormLimits()
    assert limits.max_size == 100 * 1024 * 1024
    assert limits.max_fields == 1000
    assert repr(func.FormLimits(max_size=5, max_fields=2)) == (
        "FormLimits(max_size=5, max_fields=2)"
    )


def test_parse_form_directly() -> None:
    form, files = parse_form(b"a=1", URLENCODED)
    assert dict(form) == {"a": "1"}
    assert len(files) == 0


# --------------------------------------------------------------------------- #
# Property: multipart round trip
# --------------------------------------------------------------------------- #

# RFC 2046 boundary characters (without the space, which may not end one).
_BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?"
_names = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters='"\\'),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    boundary=st.text(_BCHARS, min_size=1, max_size=70),
    fields=st.lists(
        st.tuples(
            _names, st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
        ),
        max_size=5,
    ),
    uploads=st.lists(st.tuples(_names, _names, st.binary(max_size=200)), max_size=4),
)
def test_multipart_round_trip(
    boundary: str,
    fields: list[tuple[str, str]],
    uploads: list[tuple[str, str, bytes]],
) -> None:
    encoded = boundary.encode()
    assume(all(encoded not in value.encode() for _, value in fields))
    assume(all(encoded not in content for _, _, content in uploads))
    parts = [part(name, value) for name, value in fields]
    parts += [part(name, content, filename=fn) for name, fn, content in uploads]
    body = multipart(*parts, boundary=boundary)
    form, files = parse_form(body, f'multipart/form-data; boundary="{boundary}"')
    assert list(form.items()) == fields
    got = [(name, upload.filename, upload.getvalue()) for name, upload in files.items()]
    assert got == uploads


# --------------------------------------------------------------------------- #
# UploadedFile
# --------------------------------------------------------------------------- #


def _upload(data: bytes = b"hello world") -> func.UploadedFile:
    return func.UploadedFile(
        data, name="doc", filename="hello.txt", content_type="text/plain; charset=utf-8"
    )


def test_uploaded_file_read_and_stream_share_a_position() -> None:
    upload = _upload()
    assert upload.read(5) == b"hello"
    assert upload.stream.read(1) == b" "
    assert upload.read() == b"world"
    assert upload.read() == b""
    assert upload.getvalue() == b"hello world"
    upload.stream.seek(0)
    assert upload.read() == b"hello world"


def test_uploaded_file_save_to_a_path(tmp_path: Path) -> None:
    upload = _upload(b"\x00\r\n\xffbinary")
    target = tmp_path / "out.bin"
    upload.save(target)
    assert target.read_bytes() == b"\x00\r\n\xffbinary"
    as_str = tmp_path / "out2.bin"
    upload.save(str(as_str))
    assert as_str.read_bytes() == b"\x00\r\n\xffbinary"


def test_uploaded_file_save_to_a_file_object() -> None:
    upload = _upload()
    upload.read(3)  # the stream's position does not matter to save()
    sink = io.BytesIO()
    upload.save(sink)
    assert sink.getvalue() == b"hello world"


def test_uploaded_file_metadata() -> None:
    upload = _upload()
    assert upload.name == "doc"
    assert upload.filename == "hello.txt"
    assert upload.content_type == "text/plain; charset=utf-8"
    assert upload.mimetype == "text/plain"
    assert upload.content_length == 11
    assert len(upload.headers) == 0
    assert repr(upload) == (
        "<UploadedFile 'doc' filename='hello.txt' 'text/plain; charset=utf-8' 11 bytes>"
    )


def test_uploaded_file_defaults() -> None:
    upload = func.UploadedFile(b"", name="n", filename=None)
    assert upload.filename is None
    assert upload.content_type == "application/octet-stream"
    assert upload.content_length == 0
    assert upload.read() == b""


def test_multipart_without_the_optional_parser_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "multipart", None)
    req = request(multipart(part("a", "1")), MULTIPART)
    with pytest.raises(func.FormDataError, match=r"install azure-functions\[forms\]"):
        _ = req.form
    # urlencoded forms need nothing extra
    assert request(b"a=1", "application/x-www-form-urlencoded").form["a"] == "1"


def test_form_and_files_answer_werkzeug_getlist() -> None:
    body = multipart(
        part("tag", "a"),
        part("tag", "b"),
        part("doc", b"1", filename="1.txt"),
        part("doc", b"2", filename="2.txt"),
    )
    req = request(body, MULTIPART)
    assert req.form.getlist("tag") == ["a", "b"]
    assert req.form.getlist("missing") == []
    assert [f.filename for f in req.files.getlist("doc")] == ["1.txt", "2.txt"]
    assert isinstance(req.form, func.FormData)
