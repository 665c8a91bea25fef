"""Generic bindings: any host binding type, with any properties."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .core import DataType, InputBinding, OutputBinding, Trigger

__all__ = ["GenericInputBinding", "GenericOutputBinding", "GenericTrigger"]


class GenericTrigger(Trigger):
    """A trigger of any host type; its properties are taken as given."""

    open_properties = True


class GenericInputBinding(InputBinding):
    """An input binding of any host type; its properties are taken as given."""

    open_properties = True


class GenericOutputBinding(OutputBinding):
    """An output binding of any host type; its properties are taken as given."""

    open_properties = True


class _GenericTriggerApi(DecoratorApi):
    def generic_trigger(
        self,
        arg_name: str,
        type: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function from a trigger of any host *type*.

        :param arg_name: The trigger's parameter.
        :param type: The host binding type (``"blobTrigger"``).
        :param data_type: How the host hands the value over.
        :param kwargs: The binding's properties; snake_case names become
            camelCase JSON keys (``queue_name`` → ``queueName``).
        """
        return self._add(GenericTrigger, locals())


class _GenericBindingApi(DecoratorApi):
    def generic_input_binding(
        self,
        arg_name: str,
        type: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads from an input binding of any host *type*.

        :param arg_name: The binding's parameter.
        :param type: The host binding type (``"blob"``).
        :param data_type: How the host hands the value over.
        :param kwargs: The binding's properties; snake_case names become
            camelCase JSON keys (``queue_name`` → ``queueName``).
        """
        return self._add(GenericInputBinding, locals())

    def generic_output_binding(
        self,
        arg_name: str,
        type: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Writes to an output binding of any host *type*.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param type: The host binding type (``"blob"``).
        :param data_type: How the host hands the value over.
        :param kwargs: The binding's properties; snake_case names become
            camelCase JSON keys (``queue_name`` → ``queueName``).
        """
        return self._add(GenericOutputBinding, locals())
