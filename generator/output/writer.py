"""The one place that writes build output: one writer per build, every file whole or not at all.

A writer refuses to write the same path twice in one build (two parts of the build making the
same file is a bug that would otherwise surface as a silently lost page), remembers the folders
it made (no makedirs per file), and, for previews, skips files whose bytes did not change.
Forked workers write with their copy; the parent adopts what they wrote, checking again.

Processes of one build take turns on the disk (one lock, inherited by forked workers): two
processes creating files at once took three times as long per file as one on the 2-core VM
this is developed on (ext4 on a virtual disk), so rendering runs in parallel and writing in turn.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path


class DuplicateWrite(Exception):
    """Two parts of one build wrote the same file."""


def _turns() -> AbstractContextManager[object]:
    """A lock that forked workers share; a thread lock where the system has no shared semaphores."""
    try:
        return multiprocessing.get_context("fork").Lock()
    except (OSError, ImportError):  # no /dev/shm (some containers): one process writes anyway
        return threading.Lock()


def _digest(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


class SiteWriter:
    def __init__(self, root: Path | str, unchanged: dict[str, str] | None = None):
        """`unchanged` (path -> digest of what is there, kept across preview rebuilds) skips
        rewriting files whose bytes are the same."""
        self.root = str(root)
        self.unchanged = unchanged
        self.written: set[str] = set()
        self._folders: set[str] = set()
        self._turn = _turns()

    def _claim(self, relative: str) -> None:
        if relative in self.written:
            raise DuplicateWrite(f"{relative} was written twice in one build")
        self.written.add(relative)

    def adopt_from_workers(self, results: Iterable[tuple[int, Iterable[str]]]) -> None:
        """(process id, paths) of work shared with forked workers: what the workers wrote with their
        copies of this writer becomes this writer's, refused if anything was written twice."""
        mine = os.getpid()
        for pid, paths in results:
            if pid != mine:
                for relative in paths:
                    self._claim(relative)

    def write(self, relative: str, data: str | bytes) -> Path:
        """Writes `data` at root/relative through a temporary file and a rename.

        A crash or a full disk midway leaves the old file (or none), never half a file.
        """
        self._claim(relative)
        target = os.path.join(self.root, relative)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if self.unchanged is not None:
            digest = _digest(payload)
            if self.unchanged.get(relative) == digest and os.path.exists(target):
                return Path(target)
            self.unchanged[relative] = digest
        self._atomically(target, lambda handle: _write_all(handle, payload))
        return Path(target)

    def copy(self, relative: str, source: Path | str) -> None:
        """A file copied as it is (theme files, images), as atomically as a write."""
        self._claim(relative)
        target = os.path.join(self.root, relative)

        def copy_into(handle: int) -> None:
            with open(source, "rb") as reader, os.fdopen(os.dup(handle), "wb") as out:
                shutil.copyfileobj(reader, out, 1 << 20)

        self._atomically(target, copy_into)

    def _atomically(self, target: str, fill: Callable[[int], None]) -> None:
        folder = os.path.dirname(target)
        temporary = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.part")
        try:
            with self._turn:
                handle = self._open_new(temporary, folder)
                try:
                    fill(handle)
                finally:
                    os.close(handle)
                os.replace(temporary, target)
        except BaseException as exc:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            if isinstance(exc, OSError) and not exc.filename:  # os.write names no file: say which one
                raise OSError(exc.errno, exc.strerror or str(exc), target) from None
            raise

    def _open_new(self, path: str, folder: str) -> int:
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except FileNotFoundError:  # the folder was removed since (a preview's earlier output)
            os.makedirs(folder, exist_ok=True)
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)


def _write_all(handle: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(handle, view):]
