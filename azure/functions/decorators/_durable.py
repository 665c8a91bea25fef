"""Durable Functions decorators, delegated to the ``azure-functions-durable`` package.

As in the reference, ``orchestration_trigger``, ``entity_trigger``,
``activity_trigger`` and ``durable_client_input`` on a plain ``FunctionApp`` or
``Blueprint`` ask that package's ``Blueprint`` to decorate the function (it
wraps orchestrators and entities, and gives clients their rich type), then take
over what it built: the wrapped function and its bindings. Decorators applied
before keep their effect (the reference dropped them). The package's own
``DFApp`` and ``Blueprint`` subclass ours and need none of this.
"""

from __future__ import annotations

from collections.abc import Callable

from .._errors import FunctionDefinitionError
from ._builder import DecoratorApi, FunctionBuilder, FunctionDecorator, _attach

__all__: list[str] = []


class _DurableSupport(DecoratorApi):
    def _get_durable_blueprint(self) -> DecoratorApi:
        """A ``Blueprint`` of the ``azure-functions-durable`` package."""
        try:
            import azure.durable_functions as df  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except ImportError as error:
            raise FunctionDefinitionError(
                None,
                "Durable Functions decorators need the azure-functions-durable "
                "package: add it to requirements.txt",
            ) from error
        blueprint: DecoratorApi = df.Blueprint()
        return blueprint

    def _invoke_df_decorator(
        self,
        df_decorator: Callable[[Callable[..., object]], object],
        decorator: str | None = None,
    ) -> FunctionDecorator:
        """Our decorator doing what *df_decorator* (from the durable package) does."""

        def apply(builder: FunctionBuilder[..., object]) -> None:
            produced = df_decorator(builder._function._func)
            if not isinstance(produced, FunctionBuilder):
                raise FunctionDefinitionError(
                    None,
                    "the durable package's decorator did not return a function "
                    f"definition (got {type(produced).__name__})",
                )
            source = produced._function
            builder._function._func = source._func
            for binding in source._bindings:
                _attach(builder, binding)
            for setting in source._settings:
                builder.add_setting(setting)

        return self._decorate(apply, decorator=decorator)

    def _durable(self, decorator: str, *arguments: object) -> FunctionDecorator:
        try:
            blueprint = self._get_durable_blueprint()
        except FunctionDefinitionError as error:
            raise FunctionDefinitionError(
                None, error.detail, decorator=decorator
            ) from error.__cause__
        df_decorator = getattr(blueprint, decorator)(*arguments)
        return self._invoke_df_decorator(df_decorator, decorator)


class _DurableTriggerApi(_DurableSupport):
    def orchestration_trigger(
        self, context_name: str, orchestration: str | None = None
    ) -> FunctionDecorator:
        """Makes the function a Durable Functions orchestrator.

        Needs the ``azure-functions-durable`` package.

        :param context_name: The orchestration context parameter.
        :param orchestration: The orchestration's name; the default is the
            function's name.
        """
        return self._durable("orchestration_trigger", context_name, orchestration)

    def entity_trigger(
        self, context_name: str, entity_name: str | None = None
    ) -> FunctionDecorator:
        """Makes the function a Durable Functions entity.

        Needs the ``azure-functions-durable`` package.

        :param context_name: The entity context parameter.
        :param entity_name: The entity's name; the default is the function's name.
        """
        return self._durable("entity_trigger", context_name, entity_name)

    def activity_trigger(
        self, input_name: str, activity: str | None = None
    ) -> FunctionDecorator:
        """Makes the function a Durable Functions activity.

        Needs the ``azure-functions-durable`` package.

        :param input_name: The activity input parameter.
        :param activity: The activity's name; the default is the function's name.
        """
        return self._durable("activity_trigger", input_name, activity)


class _DurableBindingApi(_DurableSupport):
    def durable_client_input(
        self,
        client_name: str,
        task_hub: str | None = None,
        connection_name: str | None = None,
    ) -> FunctionDecorator:
        """Passes a Durable Functions client.

        Needs the ``azure-functions-durable`` package.

        :param client_name: The client parameter.
        :param task_hub: The task hub, when apps share a storage account (the
            default is host.json's); it must match the orchestrators'.
        :param connection_name: The app setting with the storage connection
            the orchestrators use (the default is the app's).
        """
        return self._durable(
            "durable_client_input", client_name, task_hub, connection_name
        )
