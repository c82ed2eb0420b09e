"""Where the pure per-article stages run: in this process, in local worker processes, or on Dask.

Stage: the run's engine. Needs the batch's fresh records; gives, in input
order, each one's clean article and copy fingerprint (:class:`Prepared`), or
the :class:`~newsprism.errors.InputError` that says why there is none. These
stages (extraction, cleaning, metadata, language, fingerprint) read nothing
but the record and the options, so they can run anywhere; what depends on
the corpus (copies, stories, the writes) stays with the one writer in
:mod:`newsprism.pipeline`, which takes the results in input order, so the
database is exactly what one process would write.

* :class:`InProcess`: here, one record after the other (the default);
* :class:`Processes`: ``--workers N`` local processes (``concurrent.futures``);
* :class:`DaskCluster`: ``--dask ADDRESS``, a running Dask distributed
  scheduler (its workers need newsprism installed, the same version).

Records go out in chunks (a few dozen each), so the cost of sending one is
spread over many. The CPU budget per record (:mod:`newsprism.budget`) holds
in this process and in worker processes; Dask runs tasks in worker threads,
where it cannot interrupt a record (the size limits still hold).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from newsprism.budget import BudgetExceeded, cpu_budget
from newsprism.errors import InputError, NewsprismError
from newsprism.index.copies import Fingerprint, fingerprint
from newsprism.models import Extracted, RawRecord
from newsprism.options import AnalyzeOptions
from newsprism.text.extract import extract

Job = tuple[str, RawRecord]  # (article id, record)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record after the pure stages: its clean article and copy fingerprint."""

    id: str
    record: RawRecord
    found: Extracted
    fp: Fingerprint | None


Outcome = Prepared | InputError


def prepare(art_id: str, record: RawRecord, options: AnalyzeOptions) -> Outcome:
    """Extract and fingerprint one record; the ``InputError`` when there is no article."""
    budget = options.limits.max_record_cpu_seconds
    try:
        with cpu_budget(budget):
            found = extract(record)
    except InputError as exc:
        return exc
    except BudgetExceeded:
        return InputError(record.source, f"took more than {budget:g} s of CPU time; skipped")
    except Exception as exc:  # a bug or a library failure on odd input: report, go on
        return InputError(record.source, f"could not be processed ({type(exc).__name__}: {exc})")
    return Prepared(art_id, record, found, fingerprint(found.text, options.dedupe))


def prepare_chunk(jobs: Sequence[Job], options: AnalyzeOptions) -> list[Outcome]:
    """:func:`prepare` over a chunk of jobs, in order (what a worker runs)."""
    return [prepare(art_id, record, options) for art_id, record in jobs]


# Told each record's source as its work is done (a progress display).
Tick = Callable[[str], None]


def _noop(_source: str) -> None:
    pass


class Engine(Protocol):
    def prepare(self, jobs: Sequence[Job], tick: Tick = _noop) -> list[Outcome]:
        """Each job's outcome, in the order of ``jobs``; ``tick`` as each is done."""
        ...

    def close(self) -> None: ...


class InProcess:
    def __init__(self, options: AnalyzeOptions) -> None:
        self.options = options

    def prepare(self, jobs: Sequence[Job], tick: Tick = _noop) -> list[Outcome]:
        done = []
        for art_id, record in jobs:
            done.append(prepare(art_id, record, self.options))
            tick(record.source)
        return done

    def close(self) -> None:
        pass


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    """Four chunks a worker (uneven records even out), of at least 8 records."""
    size = max(8, math.ceil(len(jobs) / (workers * 4)))
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


class Processes:
    """``workers`` local processes, started once for the run."""

    def __init__(self, options: AnalyzeOptions, workers: int) -> None:
        self.options = options
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def prepare(self, jobs: Sequence[Job], tick: Tick = _noop) -> list[Outcome]:
        chunks = _chunks(jobs, self.workers)
        futures = [self._pool.submit(prepare_chunk, chunk, self.options) for chunk in chunks]
        return _in_order(chunks, [f.result for f in futures], tick)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """The workers of a running Dask distributed scheduler at ``address``."""

    def __init__(self, options: AnalyzeOptions, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise NewsprismError(
                "--dask needs Dask: pip install 'newsprism[dask]' (dask[distributed])"
            ) from None
        self.options = options
        try:
            connect: Any = Client  # partly typed: its constructor is not
            self._client: Any = connect(address, timeout=30, set_as_default=False)
        except OSError as exc:
            raise NewsprismError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def prepare(self, jobs: Sequence[Job], tick: Tick = _noop) -> list[Outcome]:
        chunks = _chunks(jobs, self.workers)
        options = self._client.scatter(self.options, broadcast=True)
        futures = self._client.map(prepare_chunk, chunks, options=options, pure=False)
        return _in_order(chunks, [f.result for f in futures], tick)

    def close(self) -> None:
        self._client.close()


def _in_order(
    chunks: Sequence[Sequence[Job]], results: Sequence[Callable[[], list[Outcome]]], tick: Tick
) -> list[Outcome]:
    """The chunks' outcomes in order, waiting for each in turn and ticking its records."""
    outcomes: list[Outcome] = []
    for chunk, result in zip(chunks, results, strict=True):
        outcomes += result()
        for _, record in chunk:
            tick(record.source)
    return outcomes


def open_engine(options: AnalyzeOptions) -> Engine:
    """The engine the options ask for (``dask`` over ``workers``; one worker: this process)."""
    if options.dask:
        return DaskCluster(options, options.dask)
    if options.workers > 1:
        return Processes(options, options.workers)
    return InProcess(options)
