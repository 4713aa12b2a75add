"""Spreads independent work over the machine's cores: the parent takes one share itself and
forked children take the others, so no core sits idle waiting.

Forking (not spawning) lets children inherit the loaded course and compiled templates
instead of receiving them pickled; only results travel back. Callers use it in one-shot
builds only: `serve` runs threads, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable[[Any], Any] | None = None  # inherited by the forked children


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl+C reaches every process of the terminal's group: the parent stops the build and
    ends the children, which would otherwise each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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


def map_in_shares(function: Callable[[Item], Result], items: Sequence[Item], workers: int,
                  contiguous: bool = False, on_result: Callable[[Result], None] | None = None) -> list[Result]:
    """[function(item) for item in items], computed in `workers` processes, in item order.

    Shares interleave items by default (even load); `contiguous` keeps neighbours together,
    for items that share cached work (a module's stories and its guide). `on_result` hears of
    each result in this process: of its own share as they come, of the children's at the end.
    """
    global _task
    if workers <= 1 or len(items) < 2:
        return _run_share(list(items), on_result, function)
    if contiguous:
        size = -(-len(items) // workers)
        shares = [list(items[start:start + size]) for start in range(0, len(items), size)]
    else:
        shares = [list(items[start::workers]) for start in range(workers)]
    _task = function
    try:
        with multiprocessing.get_context("fork").Pool(len(shares) - 1, _leave_interrupts_to_the_parent) as pool:
            children = pool.map_async(_run_share, shares[1:], chunksize=1)
            results = [_run_share(shares[0], on_result), *children.get()]
        if on_result is not None:
            for share_results in results[1:]:
                for result in share_results:
                    on_result(result)
    finally:
        _task = None
    if contiguous:
        return [result for share_results in results for result in share_results]
    ordered: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for start, share_results in enumerate(results):
        ordered[start::workers] = share_results
    return ordered
