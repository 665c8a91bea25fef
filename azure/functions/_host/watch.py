"""``--watch``: notice edits to an app's files by polling their modification times.

No extra dependency and no platform API: every *interval* seconds the app's
``.py`` and ``.json`` files (``function.json``, ``host.json``,
``local.settings.json`` too) are listed with their size and ``mtime_ns``; a
file added, removed or changed is a change. Folders that are not the app's
source are skipped (:func:`is_source_folder`): hidden ones (``.venv``,
``.git``, ``.python_packages``), virtual environments, installed packages,
``__pycache__`` and ``node_modules``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

__all__ = ["NOT_SOURCE_FOLDERS", "AppWatcher", "is_source_folder"]

#: What a file looks like between two polls: (size, mtime in ns).
_Stamp = tuple[int, int]
#: Folders that hold installed packages or build output, never an app's code.
NOT_SOURCE_FOLDERS = frozenset(
    {"venv", "site-packages", "dist-packages", "__pycache__", "node_modules"}
)


def is_source_folder(parent: str, name: str) -> bool:
    """Whether the folder *name* in *parent* may hold an app's own code.

    Not a hidden one (``.venv``, ``.python_packages``, ``.git``), not one of
    :data:`NOT_SOURCE_FOLDERS`, not a virtual environment by another name
    (it holds ``pyvenv.cfg``).
    """
    return not (
        name.startswith(".")
        or name in NOT_SOURCE_FOLDERS
        or os.path.isfile(os.path.join(parent, name, "pyvenv.cfg"))
    )


class AppWatcher:
    """Polls the files of the app at *root* for changes.

    :meth:`poll` compares the files with the last look (the first look is
    taken when the watcher is made); :meth:`changes` yields each batch of
    changed files as it appears, after it settled for *settle* seconds (an
    editor saving several files at once gives one batch).
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        interval: float = 0.5,
        settle: float = 0.1,
        suffixes: tuple[str, ...] = (".py", ".json"),
    ) -> None:
        self.root = Path(root).resolve()
        self.interval = interval
        self.settle = settle
        self.suffixes = suffixes
        self._stamps = self._look()

    def _look(self) -> dict[str, _Stamp]:
        stamps: dict[str, _Stamp] = {}
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(name for name in dirs if is_source_folder(folder, name))
            for name in files:
                if not name.endswith(self.suffixes):
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:  # removed while listing
                    continue
                stamps[os.path.relpath(path, self.root)] = (
                    info.st_size,
                    info.st_mtime_ns,
                )
        return stamps

    def poll(self) -> list[str]:
        """The files added, removed or changed since the last look (root-relative)."""
        stamps = self._look()
        previous, self._stamps = self._stamps, stamps
        changed = {
            name for name, stamp in stamps.items() if previous.get(name) != stamp
        }
        changed.update(name for name in previous if name not in stamps)
        return sorted(changed)

    async def changes(self) -> AsyncIterator[list[str]]:
        """Each batch of changed files, forever (cancel the iteration to stop)."""
        while True:
            await asyncio.sleep(self.interval)
            changed = await asyncio.to_thread(self.poll)
            if not changed:
                continue
            while True:  # let a burst of saves settle into one batch
                await asyncio.sleep(self.settle)
                more = await asyncio.to_thread(self.poll)
                if not more:
                    break
                changed = sorted({*changed, *more})
            yield changed

    def __repr__(self) -> str:
        return f"<AppWatcher {str(self.root)!r} every {self.interval}s>"
