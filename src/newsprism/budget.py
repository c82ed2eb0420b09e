"""A CPU-time budget for one record's extraction.

Size limits (:class:`newsprism.sources.files.Limits`) stop the inputs known to be
slow (huge pages, deep JSON), but nothing else bounds a record that is simply
slow: a regular expression that backtracks on some odd text, a library that
loops. :func:`cpu_budget` raises :class:`BudgetExceeded` in the code it wraps
once the process has spent ``seconds`` of CPU time (user and system) on it.
CPU time, not wall time: on a loaded machine a starved process is not a
hanging one (the fuzz harness counted false hangs by wall time).

It uses ``setitimer(ITIMER_PROF)``, so it works only in the main thread of a
Unix process, and only where Python code runs (a long C call is interrupted
when it returns); elsewhere it does nothing. Four system calls a record.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["BudgetExceeded", "cpu_budget"]


class BudgetExceeded(Exception):
    """The wrapped code used up its CPU time."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise BudgetExceeded


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Run the block with at most ``seconds`` of CPU time (0 or less: no limit)."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGPROF, _expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
