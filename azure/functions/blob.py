"""Blob types and converters, at the module path the reference used."""

from ._bindings.blob import BlobConverter, InputStream

__all__ = ["BlobConverter", "InputStream"]
