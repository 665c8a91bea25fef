"""Converter base classes: how a binding turns wire values into Python and back.

A converter is a class of class methods. Subclasses declare the binding names
they serve with class keywords, as in the reference package::

    class QueueOut(OutConverter, binding="queue"): ...
    class QueueIn(InConverter, binding="queueTrigger", trigger=True): ...
    class Blob(InConverter, OutConverter, binding="blob", trigger="blobTrigger"): ...

Built-in converters are listed in :mod:`azure.functions._registry`; a converter
declared anywhere else (an extension package) is added to the registry when its
class is created, and a name claimed twice raises
:class:`~azure.functions.ConverterRegistrationError`.
"""

from __future__ import annotations

from typing import ClassVar

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping

    from ._datum import Datum, DatumLike

__all__ = ["Converter", "InConverter", "OutConverter", "is_subclass"]


def is_subclass(pytype: object, bases: type | tuple[type, ...]) -> bool:
    """``issubclass`` that answers ``False`` for annotations that are not classes.

    Never raises: on Python 3.10 ``list[int]`` passes ``isinstance(.., type)``
    yet ``issubclass`` rejects it, and the worker must not fail to load a
    function over an annotation a converter does not accept.
    """
    if not isinstance(pytype, type):
        return False
    try:
        return issubclass(pytype, bases)
    except TypeError:
        return False


def _check_keyword(
    cls: type, keyword: str, value: object, types: tuple[type, ...]
) -> None:
    """Reject a class keyword of the wrong type (from untyped code)."""
    if value is not None and not isinstance(value, types):
        expected = " or ".join(t.__name__ for t in types)
        raise TypeError(
            f"{cls.__name__}: {keyword} must be {expected} or None, "
            f"got {type(value).__name__}"
        )


class Converter:
    """Base of every converter; the worker calls these class methods."""

    _binding: ClassVar[str | None] = None
    _trigger: ClassVar[str | bool | None] = None

    def __init_subclass__(
        cls,
        *,
        binding: str | None = None,
        trigger: str | bool | None = None,
        **kwargs: object,
    ) -> None:
        super().__init_subclass__(**kwargs)
        _check_keyword(cls, "binding", binding, (str,))
        _check_keyword(cls, "trigger", trigger, (str, bool))
        cls._binding = binding
        cls._trigger = trigger
        if cls.binding_names():
            from ._registry import registry

            registry.declare(cls)

    @classmethod
    def binding_names(cls) -> tuple[str, ...]:
        """Binding names the class itself declares: ``binding``, then ``trigger``."""
        names = [] if cls._binding is None else [cls._binding]
        if isinstance(cls._trigger, str):
            names.append(cls._trigger)
        return tuple(names)

    @classmethod
    def has_trigger_support(cls) -> bool:
        """Whether the binding can trigger a function."""
        return cls._trigger is not None and cls._trigger is not False

    @classmethod
    def has_implicit_output(cls) -> bool:
        """Whether the function's return value is sent back through this binding."""
        return False

    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        """Whether a parameter annotated *pytype* can receive this binding's value."""
        return False

    @classmethod
    def check_output_type_annotation(cls, pytype: object) -> bool:
        """Whether values of *pytype* can be sent through this binding."""
        return False

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> object:
        """Turn a wire value (and its trigger metadata) into the Python value."""
        raise NotImplementedError(f"{cls.__name__} does not decode values")

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum | None:
        """Turn a Python value into a wire value."""
        raise NotImplementedError(f"{cls.__name__} does not encode values")

    # The reference's helpers, kept for converters written against it (and the
    # worker's tests); see azure.functions._typed_data for what they accept.

    @classmethod
    def _decode_typed_data(
        cls,
        data: DatumLike | None,
        *,
        python_type: type | tuple[type, ...],
        context: str = "data",
    ) -> object:
        """*data*'s value as *python_type* (``python_type(value)`` if it is not one).

        ``None`` for no datum; :class:`~azure.functions.DatumValueError` (a
        ``ValueError``) for a wire type it does not read or a failed conversion.
        """
        from ._typed_data import decode_typed_data

        return decode_typed_data(
            data, python_type=python_type, context=context, binding=cls._error_binding()
        )

    @classmethod
    def _decode_trigger_metadata_field(
        cls,
        trigger_metadata: Mapping[str, DatumLike],
        field: str,
        *,
        python_type: type | tuple[type, ...],
    ) -> object:
        """Metadata *field* as *python_type* (see :meth:`_decode_typed_data`)."""
        from ._typed_data import decode_metadata_field

        return decode_metadata_field(
            trigger_metadata,
            field,
            python_type=python_type,
            binding=cls._error_binding(),
        )

    @classmethod
    def _parse_datetime_metadata(
        cls, trigger_metadata: Mapping[str, DatumLike], field: str
    ) -> datetime.datetime | None:
        """Metadata *field* as a timestamp (UTC aware, or naive without a zone)."""
        from ._typed_data import metadata_datetime

        return metadata_datetime(trigger_metadata, field, binding=cls._error_binding())

    @classmethod
    def _parse_timedelta_metadata(
        cls, trigger_metadata: Mapping[str, DatumLike], field: str
    ) -> datetime.timedelta | None:
        """Metadata *field* as a duration (``hh:mm:ss``, ``mm:ss`` or seconds)."""
        from ._typed_data import metadata_timedelta

        return metadata_timedelta(trigger_metadata, field, binding=cls._error_binding())

    @classmethod
    def _parse_datetime(cls, datetime_str: str | None) -> datetime.datetime | None:
        """A timestamp from its text; ``None`` for ``None`` or ``""``."""
        from ._typed_data import parse_datetime_text

        return parse_datetime_text(datetime_str, binding=cls._error_binding())

    @classmethod
    def _parse_timedelta(cls, timedelta_str: str | None) -> datetime.timedelta | None:
        """A duration from its text; ``None`` for ``None`` or ``""``."""
        from ._typed_data import parse_timedelta_text

        return parse_timedelta_text(timedelta_str, binding=cls._error_binding())

    @classmethod
    def _error_binding(cls) -> str | None:
        """The binding errors name: the first the class, or a base, declares."""
        for klass in cls.__mro__:
            if issubclass(klass, Converter) and klass.binding_names():
                return klass.binding_names()[0]
        return None


class InConverter(Converter):
    """Base of converters for input and trigger bindings (wire → Python)."""


class OutConverter(Converter):
    """Base of converters for output bindings (Python → wire)."""
