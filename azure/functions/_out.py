"""``Out[T]``: the value of an output binding set from inside a function."""

from __future__ import annotations

from typing import Generic, TypeVar

from ._errors import OutputNotSetError

__all__ = ["Out"]

T = TypeVar("T")


class Out(Generic[T]):
    """An output binding parameter: call :meth:`set` with the value to send.

    Annotate a parameter as ``func.Out[str]`` (or any type the binding accepts);
    the runtime passes an ``Out`` and sends whatever was set once the function
    returns. Tests can construct one directly and read it back with :meth:`get`.

    >>> import azure.functions as func
    >>> out: func.Out[str] = func.Out()
    >>> out.is_set
    False
    >>> out.set("hello")
    >>> out.get()
    'hello'
    """

    __slots__ = ("_is_set", "_value")

    _value: T

    def __init__(self) -> None:
        self._is_set = False

    def set(self, val: T) -> None:
        """Set the value to send to the output binding (the last call wins)."""
        self._value = val
        self._is_set = True

    def get(self) -> T:
        """Return the value set so far; :class:`OutputNotSetError` if none was."""
        if not self._is_set:
            raise OutputNotSetError(
                "Out.get() called before Out.set(): no value was set"
            )
        return self._value

    @property
    def is_set(self) -> bool:
        """Whether :meth:`set` has been called."""
        return self._is_set

    def __repr__(self) -> str:
        if not self._is_set:
            return "<Out (not set)>"
        return f"<Out {self._value!r}>"
