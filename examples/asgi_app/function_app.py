"""FastAPI behind an ``AsgiFunctionApp``: one HTTP function serves every route.

``python -m azure.functions start examples/asgi_app`` serves the API on
<http://localhost:7071/items/1> (``host.json`` sets an empty ``routePrefix``,
so FastAPI sees the paths it declares; its docs are at ``/docs``).

The lifespan runs with the host: its start-up when the host starts, before
the first request; its shut-down when the host stops (Ctrl+C, SIGTERM, the
test client's close, a ``--watch`` reload), after the requests in flight.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

import fastapi
import pydantic

import azure.functions as func


class Item(pydantic.BaseModel):
    """An item of the store."""

    name: str
    price: float = pydantic.Field(gt=0)


class Store:
    """What the lifespan opens once and every request shares (a connection pool,
    a client ...): here, items in memory."""

    def __init__(self) -> None:
        self.items: dict[int, Item] = {1: Item(name="tea", price=3.5)}
        self.open = True

    def add(self, item: Item) -> int:
        """Store *item*; its id."""
        new_id = max(self.items, default=0) + 1
        self.items[new_id] = item
        return new_id

    def close(self) -> None:
        """Release what the store holds."""
        self.open = False


class State(TypedDict):
    """The lifespan state: each request reads it as ``request.state``."""

    store: Store


@asynccontextmanager
async def lifespan(api: fastapi.FastAPI) -> AsyncIterator[State]:
    """Open the store when the host starts; close it when the host stops."""
    store = Store()
    logging.info("asgi_app: store opened")
    yield {"store": store}
    store.close()
    logging.info("asgi_app: store closed")


api = fastapi.FastAPI(title="Store", lifespan=lifespan)


def store_of(request: fastapi.Request) -> Store:
    """The store the lifespan opened."""
    store = request.state.store
    assert isinstance(store, Store)
    return store


@api.get("/items/{item_id}")
async def read_item(item_id: int, request: fastapi.Request) -> Item:
    """One item; 404 when there is none."""
    item = store_of(request).items.get(item_id)
    if item is None:
        raise fastapi.HTTPException(status_code=404, detail="no such item")
    return item


@api.post("/items", status_code=201)
async def create_item(item: Item, request: fastapi.Request) -> dict[str, int]:
    """Add an item (FastAPI checks the body: 422 when it is not an Item)."""
    return {"id": store_of(request).add(item)}


@api.get("/health")
async def health(request: fastapi.Request) -> dict[str, bool]:
    """Whether the store is open (the lifespan started)."""
    return {"store_open": store_of(request).open}


app = func.AsgiFunctionApp(app=api, http_auth_level=func.AuthLevel.ANONYMOUS)
