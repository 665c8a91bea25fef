"""The ASGI lifespan of an app's ASGI applications, run by the host.

An ``AsgiFunctionApp`` (FastAPI, Starlette ...) gets its lifespan start-up
when the host starts, before the first request, and its shut-down when the
host stops (SIGINT/SIGTERM, the test client's close, a reload), after the
invocations in flight finished. The middlewares are found where an app keeps
them: the v2 app object's ``middleware``, and ``func.AsgiMiddleware``
objects at module level of the modules the functions are defined in (or the
one a function is a bound method of).
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Iterable

from .._errors import FunctionsError
from .loading.model import AppInfo
from .logs import host_logger

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._asgi import AsgiMiddleware

__all__ = ["LifespanStartupError", "asgi_middlewares", "shut_down", "start_up"]


class LifespanStartupError(FunctionsError, RuntimeError):
    """An ASGI application reported ``lifespan.startup.failed``."""


def asgi_middlewares(app: AppInfo) -> list[AsgiMiddleware]:
    """The ``AsgiMiddleware`` objects of *app*, each once, in a stable order."""
    module = sys.modules.get("azure.functions._asgi")
    if module is None:  # nothing imported it: no middleware exists
        return []
    middleware_type: type[AsgiMiddleware] = module.AsgiMiddleware
    found: list[AsgiMiddleware] = []

    def add(candidates: Iterable[object]) -> None:
        for candidate in candidates:
            if isinstance(candidate, middleware_type) and not any(
                candidate is known for known in found
            ):
                found.append(candidate)

    add([getattr(app.app_object, "middleware", None)])
    for function in app.functions:
        func = inspect.unwrap(function.func)
        add([getattr(func, "__self__", None)])
        namespace = getattr(func, "__globals__", None)
        if isinstance(namespace, dict) and namespace.get("__file__"):
            add(namespace.values())
    return found


async def start_up(middlewares: Iterable[AsgiMiddleware]) -> list[AsgiMiddleware]:
    """Run each one's lifespan start-up; the ones started.

    Raises :class:`LifespanStartupError` when one reports a failure, after
    shutting down those started before it.
    """
    started: list[AsgiMiddleware] = []
    for middleware in middlewares:
        if not await middleware.notify_startup():
            await shut_down(started, timeout=30.0)
            raise LifespanStartupError(
                f"the lifespan start-up of {middleware!r} failed (see the log above)"
            )
        started.append(middleware)
    return started


async def shut_down(middlewares: Iterable[AsgiMiddleware], *, timeout: float) -> bool:
    """Run each one's lifespan shut-down within *timeout* seconds; whether all ended."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    finished = True
    for middleware in reversed(list(middlewares)):
        remaining = max(0.0, deadline - loop.time())
        try:
            await asyncio.wait_for(middleware.notify_shutdown(), remaining)
        except asyncio.TimeoutError:
            finished = False
            host_logger().warning(
                "The lifespan shut-down of %r did not finish within %.0fs.",
                middleware,
                timeout,
            )
        except Exception:
            finished = False
            host_logger().exception("The lifespan shut-down of %r failed.", middleware)
    return finished
