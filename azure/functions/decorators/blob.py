"""Storage blobs: the ``blobTrigger`` and ``blob`` bindings and their decorators."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import BLOB, BLOB_TRIGGER
from .core import (
    BindingField,
    BlobSource,
    DataType,
    InputBinding,
    OutputBinding,
    Trigger,
)

__all__ = ["BlobInput", "BlobOutput", "BlobTrigger"]


def _blob_source(value: object) -> str:
    """The ``source`` for the JSON: a :class:`BlobSource`'s value, or text as given.

    Text must name a source, by value (any case) or by member name; it is
    written unchanged, as the reference writes it.
    """
    if isinstance(value, BlobSource):
        source: str = value.value
        return source
    if isinstance(value, str) and (
        value.upper() in BlobSource.__members__
        or any(value.lower() == member.value.lower() for member in BlobSource)
    ):
        return value
    choices = ", ".join(repr(member.value) for member in BlobSource)
    raise ValueError(f"{value!r} is not a BlobSource; choose one of {choices}")


class BlobTrigger(Trigger):
    """Runs the function for each new or updated blob at ``path`` (``blobTrigger``)."""

    binding_type = BLOB_TRIGGER
    fields = (
        BindingField("path"),
        BindingField("connection"),
        BindingField("source", convert=_blob_source),
    )


class BlobInput(InputBinding):
    """Reads the blob at ``path`` (``blob``, direction ``in``)."""

    binding_type = BLOB
    fields = (BindingField("path"), BindingField("connection"))


class BlobOutput(OutputBinding):
    """Writes the blob at ``path`` (``blob``, direction ``out``)."""

    binding_type = BLOB
    fields = (BindingField("path"), BindingField("connection"))


class _BlobTriggerApi(DecoratorApi):
    def blob_trigger(
        self,
        arg_name: str,
        path: str,
        connection: str,
        source: BlobSource | str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for each new or updated blob in a container.

        :param arg_name: The :class:`~azure.functions.InputStream` parameter.
        :param path: The container and blob name pattern (``"samples/{name}"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the storage account.
        :param source: How blobs are found: ``BlobSource.EVENT_GRID``
            (``"EventGrid"``, low latency) or the host's default,
            ``BlobSource.LOGS_AND_CONTAINER_SCAN`` (polling).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(BlobTrigger, locals())


class _BlobBindingApi(DecoratorApi):
    def blob_input(
        self,
        arg_name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads a blob into a parameter.

        :param arg_name: The parameter (``func.InputStream``, ``str``, ``bytes``).
        :param path: The blob's path (``"samples/{name}"``; binding expressions
            such as ``{name}`` come from the trigger).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the storage account.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(BlobInput, locals())

    def blob_output(
        self,
        arg_name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Writes a blob through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param path: The blob's path (``"out/{name}"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the storage account.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(BlobOutput, locals())
