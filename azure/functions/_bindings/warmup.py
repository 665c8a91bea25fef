"""The ``warmupTrigger`` input converter."""

from __future__ import annotations

from .._converter import InConverter
from ._base import BindingConverter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import DatumLike

__all__ = ["WarmUpContext", "WarmUpTriggerConverter"]


class WarmUpContext:
    """Passed to a warm-up function when a new instance is added; it has no data."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<WarmUpContext>"


class WarmUpTriggerConverter(
    BindingConverter, InConverter, binding="warmupTrigger", trigger=True
):
    """The warm-up trigger → :class:`WarmUpContext` (the payload is ignored)."""

    input_types = (WarmUpContext,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> WarmUpContext:
        """A new :class:`WarmUpContext`, whatever the host sent."""
        return WarmUpContext()
