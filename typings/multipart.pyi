# Types for the part of the `multipart` package (no inline types) that we use.
from collections.abc import Generator
from types import TracebackType

class MultipartError(ValueError): ...
class ParserError(MultipartError): ...
class StrictParserError(ParserError): ...
class ParserLimitReached(MultipartError): ...
class ParserStateError(MultipartError): ...

def parse_options_header(
    header: str, options: dict[str, str] | None = ...
) -> tuple[str, dict[str, str]]: ...

class MultipartSegment:
    headerlist: list[tuple[str, str]]
    disposition: str | None
    name: str | None
    filename: str | None
    content_type: str | None
    charset: str | None
    bytes_received: int
    complete: bool
    def header(self, name: str, default: str | None = ...) -> str | None: ...

class PushMultipartParser:
    closed: bool
    def __init__(
        self,
        boundary: str | bytes,
        content_length: int = ...,
        max_header_size: int = ...,
        max_header_count: int = ...,
        max_segment_size: float = ...,
        max_segment_count: float = ...,
        header_charset: str = ...,
        strict: bool = ...,
    ) -> None: ...
    def parse(
        self, chunk: bytes | bytearray
    ) -> Generator[MultipartSegment | bytes | None]: ...
    def close(self, check_complete: bool = ...) -> None: ...
    def __enter__(self) -> PushMultipartParser: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
