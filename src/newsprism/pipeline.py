"""The analyze run: ingest -> extract -> copies -> stories -> store, in batches.

Every stage is a function (or a small index) over typed records; this module
only wires them together and owns the transaction boundaries. Each batch of
``options.batch_size`` articles is written in one transaction together with
the clustering state it changed, so the database always holds whole batches
and a rerun after a crash or kill picks up exactly where the last commit was.
Articles already stored (same id) are skipped before any work: rerunning on
the same input changes nothing. A file the store holds with the same stamp
(path, size, modification and change times, inode) is not even read again:
its records are counted as already stored.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from os import PathLike

from newsprism.engines import Engine, Job, Prepared, open_engine, reads_pages
from newsprism.errors import InputError, NewsprismError, StorageError
from newsprism.index.copies import BatchLsh, find_original
from newsprism.index.stories import ClusterDelta, ClusterDoc, ClusterState, StoryIndex
from newsprism.models import Article, RawRecord
from newsprism.options import AnalyzeOptions
from newsprism.partitioned import PartitionOptions, partitioned_run
from newsprism.sources.inputs import read_sources
from newsprism.sources.items import FileRead, Item, PageFile, Skipped, Unchanged
from newsprism.sources.remote import Remote
from newsprism.sources.web import Fetcher, UrlRead
from newsprism.store import SQLiteStore, Store
from newsprism.text.extract import article_id

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run did."""

    added: int = 0
    unchanged: int = 0
    copies: int = 0
    failed: tuple[InputError, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    stories: tuple[str, ...] = field(default_factory=tuple)  # stories this run added to
    # How the time-partitioned mode found the stories, in words (else None).
    partitioned: str | None = None


def analyze(
    paths: Sequence[str | PathLike[str]],
    options: AnalyzeOptions = AnalyzeOptions(),
    progress: Progress | None = None,
    partition_days: int | None = None,
) -> RunResult:
    """Read ``paths`` (files, folders, URLs, feeds, sitemaps, WARC, ``-``) into the database.

    With ``partition_days``, the stories are found once every article is
    stored, by the time-partitioned clustering (:mod:`newsprism.partitioned`,
    windows of that many days, on the run's workers or Dask), for a
    database without stories yet; the index it leaves is the one later
    runs go on from.
    """
    # One writer at a time, from before the first read (see SQLiteStore.open).
    with (
        SQLiteStore.open(options.db, writer=True, wait=options.wait) as store,
        Fetcher(options.fetch) as fetcher,
    ):
        partition = None
        if partition_days is not None:
            partition = PartitionOptions(
                window_days=partition_days, workers=options.workers, dask=options.dask
            )
            _check_unclustered(store)
        remote = Remote(fetcher, options.limits, store.url_seen)
        items = read_sources(
            paths,
            options.limits,
            known=store.file_records,
            remote=remote,
            defer=reads_pages(options),
        )
        return process_records(items, store, options, progress, partition)


def process_records(
    items: Iterable[Item],
    store: Store,
    options: AnalyzeOptions = AnalyzeOptions(),
    progress: Progress | None = None,
    partition: PartitionOptions | None = None,
) -> RunResult:
    """Store every record of ``items``; report, never raise, per-input problems.

    With ``partition``, see :func:`analyze`'s ``partition_days``.
    """
    engine = open_engine(options)
    try:
        run = _Run(store, options, progress, engine, partition is not None)
        for batch in _batches(items, options.batch_size):
            run.batch(batch)
    finally:
        engine.close()
    if partition is not None:
        run.cluster_partitioned(partition)
    return run.result()


def _check_unclustered(store: Store) -> None:
    """The partitioned clustering starts from no stories: a database with some is refused."""
    held = int(dict(store.load_cluster_rows(_META)).get("doc_count", "0"))
    if held:
        raise NewsprismError(
            f"the time-partitioned mode finds the stories of a new database; this one "
            f"already holds {held:,} clustered articles: add to it without --partition-days"
        )


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` records each (the last may hold fewer).

    Only records count: the markers and notes between them (a file read, a
    problem, an input passed over) ride along, so a batch, and what a killed
    run leaves, is always ``size`` articles' worth.
    """
    batch: list[Item] = []
    records = 0
    for item in items:
        batch.append(item)
        if isinstance(item, RawRecord | PageFile):
            records += 1
            if records >= size:
                yield batch
                batch, records = [], 0
    if batch:
        yield batch


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Pause the cyclic garbage collector for one batch, then collect the young objects.

    A batch keeps thousands of new objects alive until it ends (records,
    prepared articles, members and stories of the index), so the automatic
    collector promotes them to the oldest generation and soon runs a full
    collection over the whole heap, the story index included. On 50k
    synthetic articles 33 full collections took 3.9 s of a 110 s run and
    freed 10 objects: the pipeline makes almost no reference cycles. One
    collection of the young generations after each batch frees those few;
    over the same run they took 0.2 s in all (``gc s`` in
    benchmarks/throughput.py). The previous state is restored, and a caller
    that disabled the collector keeps it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.collect(1)
        gc.enable()


class _Run:
    """The mutable bookkeeping of one run (kept out of the stage functions)."""

    def __init__(
        self,
        store: Store,
        options: AnalyzeOptions,
        progress: Progress | None,
        engine: Engine,
        later: bool = False,
    ) -> None:
        self.store = store
        self.engine = engine
        self.options = options
        # Stories found after the last batch (the time-partitioned mode):
        # originals are stored without one until then.
        self.later = later
        self.progress = progress
        self._index: StoryIndex | None = None
        self.added = self.unchanged = self.copies = 0
        self.failed: list[InputError] = []
        self.skipped: list[Skipped] = []
        self.stories: dict[str, None] = {}  # insertion-ordered set
        self.partitioned: str | None = None
        self.seen: set[str] = set()
        # Input files are numbered as their FileRead markers pass; a file
        # whose record failed extraction is not stamped as read (a rerun
        # reads it again and reports the failure again).
        self.file = 0
        self.failed_files: set[int] = set()

    @property
    def index(self) -> StoryIndex:
        """The clustering state, restored from the store when first needed.

        A rerun whose articles are all stored never needs it (restoring took
        0.13 s of a 0.6 s rerun on the 181 benchmark pages' database).
        """
        if self._index is None:
            self._index = StoryIndex.restore(self.options.cluster, load_cluster_state(self.store))
        return self._index

    def batch(self, items: list[Item]) -> None:
        with _young_collections_only():
            self._batch(items)

    def _batch(self, items: list[Item]) -> None:
        # A record's id is known before any work; a PageFile's only once an
        # engine's worker has read it (None until then).
        jobs: list[tuple[str | None, RawRecord | PageFile, int]] = []
        reads: list[tuple[FileRead | UrlRead, int]] = []
        for item in items:
            if isinstance(item, InputError):
                self.failed.append(item)
                self._tick(item.source)
            elif isinstance(item, Skipped):
                self.skipped.append(item)
            elif isinstance(item, Unchanged):
                self.unchanged += item.records
                for _ in range(item.records):
                    self._tick(item.source)
            elif isinstance(item, FileRead | UrlRead):
                reads.append((item, self.file))
                self.file += 1
            elif isinstance(item, PageFile):
                jobs.append((None, item, self.file))
            else:
                jobs.append((article_id(item), item, self.file))
        known = self.store.known_ids([i for i, _, _ in jobs if i is not None])
        fresh: list[tuple[str | None, RawRecord | PageFile, int]] = []
        for art_id, job, file in jobs:
            if art_id is not None and (art_id in known or art_id in self.seen):
                self.unchanged += 1
                self._tick(job.source)
            else:
                if art_id is not None:
                    self.seen.add(art_id)
                fresh.append((art_id, job, file))
        # Stage by stage over the whole batch: the pure stages first (each
        # runs on warm caches; a parallel engine runs them in its workers),
        # then the stateful ones in input order inside one transaction.
        prepared: list[Prepared] = []
        file_of: dict[str, int] = {}
        # The pure stages are most of the time: progress moves as they go.
        outcomes = self.engine.prepare([_as_job(a, r) for a, r, _ in fresh], self._tick)
        # The pages the engine read: those already stored, or twice in the
        # batch, are passed over now, as records are above.
        late = self.store.known_ids(
            [
                o.id
                for (a, _, _), o in zip(fresh, outcomes, strict=True)
                if a is None and isinstance(o, Prepared)
            ]
        )
        for (art_id, _item, file), outcome in zip(fresh, outcomes, strict=True):
            if isinstance(outcome, InputError):
                self.failed.append(outcome)
                self.failed_files.add(file)
            elif art_id is None and (outcome.id in late or outcome.id in self.seen):
                self.unchanged += 1
            else:
                self.seen.add(outcome.id)
                prepared.append(outcome)
                file_of[outcome.id] = file
        if not prepared and not reads:
            return
        if self._try_store(prepared, reads) is None:
            return
        # A stateful stage (copies, stories) failed on some record: a bug, but
        # one record must not cost the batch or stop the run. The batch was
        # rolled back; its records go in again one at a time, each from the
        # stored state, and the one that fails is reported.
        for one in prepared:
            exc = self._try_store([one], [])
            if exc is not None:
                self.failed_files.add(file_of[one.id])
                self.failed.append(
                    InputError(one.source, f"could not be stored ({type(exc).__name__}: {exc})")
                )
        self._try_store([], reads)

    def _try_store(
        self, prepared: list[Prepared], reads: list[tuple[FileRead | UrlRead, int]]
    ) -> Exception | None:
        """Store ``prepared`` and stamp ``reads`` in one transaction; on failure, roll back.

        Returns the exception of a failed attempt, after putting the run's
        counts back and dropping the clustering state (restored from the
        store when next needed). A database error is not one record's: it
        propagates.
        """
        before = (self.added, self.copies, dict(self.stories))
        try:
            with self.store.transaction():
                if prepared:
                    self._store_all(prepared)
                # A file's stamp goes in with (or after) the batch storing its
                # last records, so the store never holds a stamp without them.
                for read, file in reads:
                    if file in self.failed_files:
                        self.failed_files.discard(file)
                    elif isinstance(read, UrlRead):
                        self.store.save_url(read.seen)
                    else:
                        self.store.save_file(read.stamp, read.records)
        except StorageError:
            raise
        except Exception as exc:
            self.added, self.copies, self.stories = before
            self._index = None
            return exc
        return None

    def _store_all(self, prepared: list[Prepared]) -> None:
        lsh = BatchLsh(self.store, [p.fp for p in prepared if p.fp], self.options.dedupe)
        for one in prepared:
            self._store(one, lsh)
        lsh.flush()
        delta = self.index.export_changes()
        save_cluster_delta(self.store, delta)
        self.stories.update(dict.fromkeys(delta.moves.values()))

    def _store(self, one: Prepared, lsh: BatchLsh) -> None:
        art_id, found, fp = one.id, one.found, one.fp
        match = find_original(fp, found.published, lsh, self.options.dedupe)
        duplicate_of: str | None = match.original
        if match.original is not None:
            story = self.store.story_of(match.original)
            if match.new_is_earlier:
                self.store.repoint_copies(match.original, art_id)
                lsh.repoint(match.original, art_id)
                duplicate_of = None
            self.copies += 1
        else:
            story = None
        if story is None and not self.later:
            story = self.index.assign(
                ClusterDoc(id=art_id, title=found.title, text=found.text, published=found.published)
            )
        seq = self.store.add_article(
            Article(
                id=art_id,
                source=one.source,
                text=found.text,
                title=found.title,
                outlet=found.outlet,
                published=found.published,
                url=found.url,
                language=found.language,
                duplicate_of=duplicate_of,
                story=story,
            )
        )
        if fp is not None:
            lsh.add(art_id, seq, fp, found.published, duplicate_of)
        self.added += 1
        if story is not None:
            self.stories[story] = None

    def cluster_partitioned(self, partition: PartitionOptions) -> None:
        """The stories of every original stored without one, time-partitioned, in one commit.

        Every such article, this run's and a killed run's alike, in the
        order stored; the index rows are those one process would leave
        after reading them window by window (when the rounds reach their
        fixed point), so a later run goes on from them.
        """
        docs = [
            ClusterDoc(id=a.id, title=a.title, text=a.text, published=a.published)
            for a in self.store.articles()
            if a.story is None and a.duplicate_of is None
        ]
        if not docs:
            return
        done = partitioned_run(docs, partition, self.options.cluster)
        with self.store.transaction():
            # Copies follow their originals (move_articles re-points both).
            self.store.move_articles(done.story)
            save_cluster_delta(self.store, done.state)
        self.stories.update(dict.fromkeys(done.story.values()))
        how = (
            "the stories one process finds reading the windows in order"
            if done.exact
            else "stopped short of the fixed point: the stories may differ from one process's"
        )
        self.partitioned = (
            f"stories of {len(docs):,} articles in {done.windows} "
            f"window{'s' * (done.windows != 1)} of {partition.window_days} days, "
            f"{done.rounds} round{'s' * (done.rounds != 1)} of joins: {how}"
        )

    def _tick(self, source: str) -> None:
        if self.progress is not None:
            self.progress(source)

    def result(self) -> RunResult:
        # A story this run added to may since have been absorbed by another
        # (one event found in two stories) or emptied by a split: only the
        # stories that still hold articles are named.
        alive = {s.id for s in self.store.stories(list(self.stories))} if self.stories else set()
        return RunResult(
            added=self.added,
            unchanged=self.unchanged,
            copies=self.copies,
            failed=tuple(self.failed),
            skipped=tuple(self.skipped),
            stories=tuple(s for s in self.stories if s in alive),
            partitioned=self.partitioned,
        )


def _as_job(art_id: str | None, item: RawRecord | PageFile) -> Job:
    return item if isinstance(item, PageFile) else (art_id or article_id(item), item)


# The clustering state as rows of the store's key-value table, one kind per
# part of ClusterDelta (see its docstring for what must be persisted).
_META, _DF, _STORY, _MEMBER = "meta", "df", "story", "member"


def save_cluster_delta(store: Store, delta: ClusterDelta) -> None:
    """Persist what the clusterer changed, and re-point articles a split moved."""
    store.save_cluster_rows(_META, [("doc_count", str(delta.doc_count))])
    store.save_cluster_rows(_DF, ((term, str(n)) for term, n in delta.df.items()))
    store.save_cluster_rows(_STORY, delta.stories.items())
    store.save_cluster_rows(_MEMBER, delta.members.items())
    if delta.moves:
        store.move_articles(delta.moves)


class _StoredRows(Mapping[str, str]):
    """Cluster rows of one kind, read from the store only when asked for.

    Restoring needs the member rows of the live stories' recent members only;
    loading every article's row would grow with the database.
    """

    def __init__(self, store: Store, kind: str) -> None:
        self._store = store
        self._kind = kind

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        return self._store.load_cluster_values(self._kind, keys)

    def __getitem__(self, key: str) -> str:
        found = self.get_many([key])
        if key not in found:
            raise KeyError(key)
        return found[key]

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._store.load_cluster_rows(self._kind))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def load_cluster_state(store: Store) -> ClusterState:
    meta = dict(store.load_cluster_rows(_META))
    return ClusterState(
        doc_count=int(meta.get("doc_count", "0")),
        df={term: int(n) for term, n in store.load_cluster_rows(_DF)},
        stories=dict(store.load_cluster_rows(_STORY)),
        members=_StoredRows(store, _MEMBER),
    )
