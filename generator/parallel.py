"""Spreads independent work over the machine's cores: the parent and forked children take
chunks of it in turn until none is left, so no core sits idle waiting.

Forking (not spawning) lets children inherit the loaded course and compiled templates
instead of receiving them pickled; only results travel back. Callers use it in one-shot
builds only: `serve` runs threads, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable[[Any], Any] | None = None  # inherited by the forked children
_chunks: list[list[Any]] = []
_next_chunk: Any = None  # a shared counter: whoever is free takes the next chunk


class WorkerLost(Exception):
    """A forked worker ended without sending its results (killed, or out of memory)."""


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def _run_share(share: list[Any], on_result: Callable[[Any], None] | None = None,
               task: Callable[[Any], Any] | None = None) -> list[Any]:
    task = task or _task
    assert task is not None
    results = []
    for item in share:
        results.append(task(item))
        if on_result:
            on_result(results[-1])
    return results


def _take_chunks(on_result: Callable[[Any], None] | None = None) -> list[tuple[int, list[Any]]]:
    """Chunks until none is left: (chunk number, results) of each this process took."""
    done: list[tuple[int, list[Any]]] = []
    while True:
        with _next_chunk.get_lock():
            number = _next_chunk.value
            _next_chunk.value += 1
        if number >= len(_chunks):
            return done
        done.append((number, _run_share(_chunks[number], on_result)))


def _child(out: int) -> None:
    """A forked worker: takes chunks, sends (ok, results) or (False, exception) down `out`, and
    leaves at once (os._exit: no cleanup of state it shares with the parent, no second flush of
    the parent's buffered output)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle; it ends the workers
        try:
            message = pickle.dumps((True, _take_chunks()), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # the parent raises it, as if it had happened there
            try:
                message = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:
                message = pickle.dumps((False, WorkerLost(f"{type(exc).__name__}: {exc}")), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(message)
    finally:
        os._exit(0)


def _results_of(pipe: int) -> list[tuple[int, list[Any]]]:
    with os.fdopen(pipe, "rb") as reader:
        message = reader.read()
    if not message:
        raise WorkerLost("a worker process of the build ended before it finished (out of memory?)")
    ok, value = pickle.loads(message)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


_unreaped: list[int] = []  # workers that sent their results and are still leaving


def _reap() -> None:
    """Collects the exit of workers that have left, without waiting for those still leaving
    (a worker's exit frees its memory, which can take longer than a small course's work)."""
    for pid in list(_unreaped):
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        except ChildProcessError:
            pass
        _unreaped.remove(pid)


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def map_in_shares(function: Callable[[Item], Result], items: Sequence[Item], workers: int, chunk: int | None = None,
                  on_result: Callable[[Result], None] | None = None) -> list[Result]:
    """[function(item) for item in items], computed in `workers` processes, in item order.

    Items go in chunks of neighbours (`chunk` items; by default a 16th of each process's part),
    each to whichever process is free, so a slow item (a theme page listing hundreds of cards)
    does not leave the other cores idle, and neighbours that share cached work (a module's
    stories) mostly share a process. `on_result` hears of each result in this process: of its
    own chunks as they come, of the children's at the end. Each child is a bare fork with a
    pipe for its results: a multiprocessing pool's threads and shutdown cost more than the
    work of a small course.
    """
    global _task, _chunks, _next_chunk
    if workers <= 1 or len(items) < 2:
        return _run_share(list(items), on_result, function)
    try:
        counter = multiprocessing.get_context("fork").Value("i", 0)
    except (OSError, ImportError):  # no shared semaphores (no /dev/shm in some containers): one process, as SiteWriter
        return _run_share(list(items), on_result, function)
    _reap()
    size = chunk or max(1, len(items) // (workers * 16))
    _task, _chunks, _next_chunk = function, [list(items[i:i + size]) for i in range(0, len(items), size)], counter
    unread: dict[int, int] = {}  # pid -> the pipe its results come down
    try:
        for _ in range(workers - 1):
            pipe, out = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(pipe)
                _child(out)
            os.close(out)
            unread[pid] = pipe
        mine = _take_chunks(on_result)
        theirs: list[tuple[int, list[Any]]] = []
        for pid in list(unread):
            pipe = unread.pop(pid)
            _unreaped.append(pid)
            theirs += _results_of(pipe)
    except BaseException:  # a failure here or in a worker, or Ctrl+C: no worker outlives the build
        for pid, pipe in unread.items():
            os.close(pipe)
            _stop(pid)
        for pid in _unreaped:
            _stop(pid)
        _unreaped.clear()
        raise
    finally:
        _task, _chunks, _next_chunk = None, [], None
    _reap()
    if on_result is not None:
        for _, results in theirs:
            for result in results:
                on_result(result)
    return [result for _, results in sorted(mine + theirs, key=lambda taken: taken[0]) for result in results]
