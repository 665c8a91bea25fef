"""The host's own storage: queues and blobs in one SQLite file, no set-up.

Kept under the app, in ``.azurefunctions/storage/storage.sqlite3`` (that
folder holds a ``.gitignore`` of its own), so a restart or a ``--watch``
reload loses no message. WAL mode; each change is one transaction (receiving
hides a message, counts the dequeue and issues a pop receipt at once), so two
hosts on the same file (the old and new app of a reload) never receive the
same message twice. Safe from any thread: one connection behind a lock.
"""

from __future__ import annotations

import datetime
import json
import secrets
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import final

from .api import BlobProperties, ReceivedMessage

__all__ = ["DEFAULT_TTL", "EmbeddedStorage", "storage_folder"]

#: A message's time to live when not given: seven days, as the service's default.
DEFAULT_TTL = 7 * 24 * 3600.0
#: How often (seconds) expired messages of a queue are deleted.
_SWEEP_INTERVAL = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    inserted REAL NOT NULL,
    expires REAL NOT NULL,
    visible REAL NOT NULL,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    pop_receipt TEXT
);
CREATE INDEX IF NOT EXISTS messages_in_order ON messages (queue, seq);
CREATE TABLE IF NOT EXISTS blobs (
    container TEXT NOT NULL,
    name TEXT NOT NULL,
    data BLOB NOT NULL,
    content_type TEXT NOT NULL,
    etag TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (container, name)
);
"""


def storage_folder(app_root: Path) -> Path:
    """Where an app's embedded storage lives: ``<app>/.azurefunctions/storage``."""
    return app_root / ".azurefunctions" / "storage"


def _moment(seconds: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def _etag() -> str:
    return f'"0x{secrets.token_hex(8).upper()}"'


@final
class EmbeddedStorage:
    """Queues and blobs in a SQLite database under *folder* (created if needed)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "storage.sqlite3"
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._swept: dict[str, float] = {}

    @property
    def _db(self) -> sqlite3.Connection:
        """The database, opened (and the folder made) on first use."""
        db = self._connection
        if db is None:
            folder = self.folder
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder.parent / ".gitignore"
            if folder.parent.name == ".azurefunctions" and not ignore.exists():
                ignore.write_text("# The local host's data (storage ...)\n*\n")
            db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            self._connection = db
        return db

    # -- queues -------------------------------------------------------------------

    async def put_message(
        self, queue: str, content: str, *, visible_in: float = 0.0
    ) -> str:
        """Add a message; its id."""
        id = str(uuid.uuid4())
        now = time.time()
        with self._lock:
            self._db.execute(
                "INSERT INTO messages (queue, id, content, inserted, expires, visible)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (queue, id, content, now, now + DEFAULT_TTL, now + visible_in),
            )
        return id

    async def receive_messages(
        self, queue: str, *, max_messages: int, visibility_timeout: float
    ) -> list[ReceivedMessage]:
        """Up to *max_messages* visible messages, each hidden and counted."""
        now = time.time()
        received: list[ReceivedMessage] = []
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                if now - self._swept.get(queue, 0.0) > _SWEEP_INTERVAL:
                    self._swept[queue] = now
                    db.execute(
                        "DELETE FROM messages WHERE queue = ? AND expires <= ?",
                        (queue, now),
                    )
                rows = db.execute(
                    "SELECT seq, id, content, inserted, expires, dequeue_count"
                    " FROM messages WHERE queue = ? AND visible <= ?"
                    " AND expires > ? ORDER BY seq LIMIT ?",
                    (queue, now, now, max_messages),
                ).fetchall()
                visible = now + visibility_timeout
                for seq, id, content, inserted, expires, count in rows:
                    receipt = secrets.token_urlsafe(12)
                    db.execute(
                        "UPDATE messages SET visible = ?, dequeue_count = ?,"
                        " pop_receipt = ? WHERE seq = ?",
                        (visible, count + 1, receipt, seq),
                    )
                    received.append(
                        ReceivedMessage(
                            id=id,
                            content=content,
                            dequeue_count=count + 1,
                            inserted_on=_moment(inserted),
                            expires_on=_moment(expires),
                            next_visible_on=_moment(visible),
                            pop_receipt=receipt,
                        )
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return received

    async def delete_message(self, queue: str, id: str, pop_receipt: str) -> None:
        """Delete a received message; ``LookupError`` for a stale pop receipt."""
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM messages WHERE queue = ? AND id = ? AND pop_receipt = ?",
                (queue, id, pop_receipt),
            )
        if cursor.rowcount != 1:
            raise LookupError(f"message {id} of queue {queue!r}: pop receipt mismatch")

    async def release_message(
        self, queue: str, id: str, pop_receipt: str, *, visible_in: float
    ) -> None:
        """Make a received message visible after *visible_in* seconds."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE messages SET visible = ?, pop_receipt = ?"
                " WHERE queue = ? AND id = ? AND pop_receipt = ?",
                (time.time() + visible_in, None, queue, id, pop_receipt),
            )
        if cursor.rowcount != 1:
            raise LookupError(f"message {id} of queue {queue!r}: pop receipt mismatch")

    async def peek_messages(self, queue: str) -> list[ReceivedMessage]:
        """Every unexpired message of *queue*, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, content, inserted, expires, visible, dequeue_count,"
                " pop_receipt FROM messages WHERE queue = ? AND expires > ?"
                " ORDER BY seq",
                (queue, time.time()),
            ).fetchall()
        return [
            ReceivedMessage(
                id=id,
                content=content,
                dequeue_count=count,
                inserted_on=_moment(inserted),
                expires_on=_moment(expires),
                next_visible_on=_moment(visible),
                pop_receipt=receipt or "",
            )
            for id, content, inserted, expires, visible, count, receipt in rows
        ]

    # -- blobs --------------------------------------------------------------------

    async def upload_blob(
        self,
        container: str,
        name: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> BlobProperties:
        """Write a blob (created or replaced); its new properties."""
        now = time.time()
        etag = _etag()
        meta = dict(metadata or {})
        with self._lock:
            row = self._db.execute(
                "SELECT created FROM blobs WHERE container = ? AND name = ?",
                (container, name),
            ).fetchone()
            created = now if row is None else float(row[0])
            self._db.execute(
                "INSERT OR REPLACE INTO blobs"
                " (container, name, data, content_type, etag, created, modified,"
                " metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    container,
                    name,
                    data,
                    content_type,
                    etag,
                    created,
                    now,
                    json.dumps(meta),
                ),
            )
        return BlobProperties(
            container=container,
            name=name,
            size=len(data),
            etag=etag,
            content_type=content_type,
            last_modified=_moment(now),
            created_on=_moment(created),
            metadata=meta,
        )

    async def download_blob(
        self, container: str, name: str
    ) -> tuple[bytes, BlobProperties] | None:
        """The blob's content and properties, ``None`` when absent."""
        with self._lock:
            row = self._db.execute(
                "SELECT data, content_type, etag, created, modified, metadata"
                " FROM blobs WHERE container = ? AND name = ?",
                (container, name),
            ).fetchone()
        if row is None:
            return None
        data, content_type, etag, created, modified, meta = row
        return bytes(data), BlobProperties(
            container=container,
            name=name,
            size=len(data),
            etag=etag,
            content_type=content_type,
            last_modified=_moment(modified),
            created_on=_moment(created),
            metadata=json.loads(meta),
        )

    async def list_blobs(
        self, container: str, prefix: str = ""
    ) -> list[BlobProperties]:
        """The blobs of *container* whose names start with *prefix*, by name."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._lock:
            rows = self._db.execute(
                "SELECT name, length(data), content_type, etag, created, modified,"
                " metadata FROM blobs WHERE container = ? AND name LIKE ? ESCAPE '\\'"
                " ORDER BY name",
                (container, escaped + "%"),
            ).fetchall()
        return [
            BlobProperties(
                container=container,
                name=name,
                size=size,
                etag=etag,
                content_type=content_type,
                last_modified=_moment(modified),
                created_on=_moment(created),
                metadata=json.loads(meta),
            )
            for name, size, content_type, etag, created, modified, meta in rows
            if name.startswith(prefix)  # LIKE ignores ASCII case
        ]

    def blob_url(self, container: str, name: str) -> str:
        """A URL in the emulator's shape (the account is ``devstoreaccount1``)."""
        return f"http://127.0.0.1:10000/devstoreaccount1/{container}/{name}"

    async def aclose(self) -> None:
        """Close the database."""
        self.close()

    def close(self) -> None:
        """Close the database (synchronously); it opens again when used."""
        with self._lock:
            db, self._connection = self._connection, None
            if db is not None:
                db.close()

    def __repr__(self) -> str:
        return f"<EmbeddedStorage {self.path}>"
