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
spread over many. With a parallel engine the writer does not even read a
one-article file (page or text): it sends the path
(:class:`~newsprism.sources.items.PageFile`) and the worker reads, decodes,
extracts and returns only what is stored (no markup), so the writer's
serial share of the CPU is small (Amdahl: 2 workers give 1.8x only when it
is under 11%; measured in benchmarks/workers_speed.py). The CPU budget per
record (:mod:`newsprism.budget`) holds in this process and in worker
processes; Dask runs tasks in worker threads, where it cannot interrupt a
record (the size limits still hold).
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
from newsprism.sources.files import read_page
from newsprism.sources.items import PageFile
from newsprism.text.extract import article_id, extract

# (article id, record) read by the writer, or a file left to the engine to
# read, whose article id is known only once it is read.
Job = tuple[str, RawRecord] | PageFile


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record after the pure stages: its clean article and copy fingerprint.

    Only the record's source comes back, not the record: from a worker,
    everything here is pickled back to the writer, and a page's markup is
    most of a record's bytes and never stored.
    """

    id: str
    source: str
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
    return Prepared(art_id, record.source, found, fingerprint(found.text, options.dedupe))


def prepare_job(job: Job, options: AnalyzeOptions) -> Outcome:
    """:func:`prepare` for one job, reading its file first when it is a :class:`PageFile`."""
    if isinstance(job, PageFile):
        try:
            record = read_page(job, options.limits)
        except InputError as exc:
            return exc
        return prepare(article_id(record), record, options)
    return prepare(job[0], job[1], options)


def job_source(job: Job) -> str:
    return job.source if isinstance(job, PageFile) else job[1].source


def prepare_chunk(jobs: Sequence[Job], options: AnalyzeOptions) -> list[Outcome]:
    """:func:`prepare_job` over a chunk of jobs, in order (what a worker runs)."""
    return [prepare_job(job, options) for job in jobs]


@dataclass(frozen=True, slots=True)
class _Failed:
    """An :class:`InputError` on its way back from a worker.

    The exception itself does not unpickle (its constructor takes two
    arguments, pickle calls it with its one message), which broke the
    whole process pool on the first record a worker could not use.
    """

    source: str
    reason: str


Sent = Prepared | _Failed


def _worker_chunk(jobs: Sequence[Job], options: AnalyzeOptions) -> list[Sent]:
    """:func:`prepare_chunk` as a worker runs it: problems as :class:`_Failed`."""
    return [
        _Failed(o.source, o.reason) if isinstance(o, InputError) else o
        for o in prepare_chunk(jobs, options)
    ]


def _received(sent: list[Sent]) -> list[Outcome]:
    return [InputError(o.source, o.reason) if isinstance(o, _Failed) else o for o in sent]


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
        for job in jobs:
            done.append(prepare_job(job, self.options))
            tick(job_source(job))
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
        # The HTML extractor (trafilatura, htmldate, lxml) is imported on the
        # first page only (text.extract), so that plain-text runs skip it;
        # imported here, before the pool forks its workers, each worker
        # inherits it instead of importing it again (about half a second of
        # CPU a worker, 2 ms a page on benchmarks/workers_speed.py's 362 pages).
        import newsprism.text.html  # noqa: F401

        self._pool = ProcessPoolExecutor(max_workers=workers)

    def prepare(self, jobs: Sequence[Job], tick: Tick = _noop) -> list[Outcome]:
        chunks = _chunks(jobs, self.workers)
        futures = [self._pool.submit(_worker_chunk, chunk, self.options) for chunk in chunks]
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
        futures = self._client.map(_worker_chunk, chunks, options=options, pure=False)
        return _in_order(chunks, [f.result for f in futures], tick)

    def close(self) -> None:
        self._client.close()


def _in_order(
    chunks: Sequence[Sequence[Job]], results: Sequence[Callable[[], list[Sent]]], tick: Tick
) -> list[Outcome]:
    """The chunks' outcomes in order, waiting for each in turn and ticking its records."""
    outcomes: list[Outcome] = []
    for chunk, result in zip(chunks, results, strict=True):
        outcomes += _received(result())
        for job in chunk:
            tick(job_source(job))
    return outcomes


def reads_pages(options: AnalyzeOptions) -> bool:
    """Whether the engine the options ask for reads one-article files itself.

    Only a parallel one: there, reading and decoding a page in the one
    writer process was its largest serial part. In this process, the writer
    reads the record, so an article already stored is known by its id
    before extraction and not extracted again.
    """
    return bool(options.dask) or options.workers > 1


def open_engine(options: AnalyzeOptions) -> Engine:
    """The engine the options ask for (``dask`` over ``workers``; one worker: this process)."""
    if options.dask:
        return DaskCluster(options, options.dask)
    if options.workers > 1:
        return Processes(options, options.workers)
    return InProcess(options)
