"""Spreads independent work over the machine's cores: the parent takes one share itself and
forked children take the others, so no core sits idle waiting.

Forking (not spawning) lets children inherit the loaded course and compiled templates
instead of receiving them pickled; only results travel back. Callers use it in one-shot
builds only: `serve` runs threads, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable | None = None  # inherited by the forked children


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def _run_share(share: list) -> list:
    assert _task is not None
    return [_task(item) for item in share]


def _reported(function: Callable, on_result: Callable | None) -> Callable:
    if on_result is None:
        return function

    def run_and_report(item):
        result = function(item)
        on_result(result)
        return result

    return run_and_report


def map_in_shares(function: Callable[[Item], Result], items: Sequence[Item], workers: int,
                  contiguous: bool = False, on_result: Callable[[Result], None] | None = None) -> list[Result]:
    """[function(item) for item in items], computed in `workers` processes, in item order.

    Shares interleave items by default (even load); `contiguous` keeps neighbours together,
    for items that share cached work (a module's stories and its guide). `on_result` hears of
    each result in this process (progress): the parent's own as they come, the children's
    when their share returns.
    """
    global _task
    run_here = _reported(function, on_result)
    if workers <= 1 or len(items) < 2:
        return [run_here(item) for item in items]
    if contiguous:
        size = -(-len(items) // workers)
        shares = [list(items[start:start + size]) for start in range(0, len(items), size)]
    else:
        shares = [list(items[start::workers]) for start in range(workers)]
    _task = function
    try:
        with multiprocessing.get_context("fork").Pool(len(shares) - 1) as pool:
            children = pool.map_async(_run_share, shares[1:], chunksize=1)
            results = [[run_here(item) for item in shares[0]], *children.get()]
    finally:
        _task = None
    if on_result:
        for share_results in results[1:]:
            for result in share_results:
                on_result(result)
    if contiguous:
        return [result for share_results in results for result in share_results]
    ordered: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for start, share_results in enumerate(results):
        ordered[start::workers] = share_results
    return ordered
