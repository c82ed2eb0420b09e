"""One frozen options object for a run, instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsprism.index.copies import DedupeOptions
from newsprism.index.stories import ClusterOptions
from newsprism.sources.items import Limits
from newsprism.sources.web import FetchOptions

DEFAULT_DB = Path("newsprism.db")


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """Everything ``analyze`` can be told.

    ``batch_size`` articles are written per transaction: a run killed midway
    loses at most one batch of work (which a rerun redoes, a few seconds), and
    the clustering state a batch changes (document frequencies, story
    profiles) is written once per batch however often it changed. Measured on
    50k synthetic articles (benchmarks/synth.py): 500 -> 405-425 articles/s,
    2000 -> 456, 5000 -> 467; the gain flattens while the work a kill loses
    keeps growing.
    """

    db: Path = DEFAULT_DB
    limits: Limits = field(default_factory=Limits)
    # How URLs, feeds and sitemaps are fetched (timeouts, size, robots.txt,
    # private addresses); see newsprism.sources.web.
    fetch: FetchOptions = field(default_factory=FetchOptions)
    dedupe: DedupeOptions = field(default_factory=DedupeOptions)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    batch_size: int = 2000
    # Where the pure per-article stages run (newsprism.engines): this many
    # local processes, or the workers of the Dask scheduler at this address.
    # The stories and copies are the same either way.
    workers: int = 1
    dask: str | None = None
    # A second run on the same database waits for the first to finish
    # (``False``: it stops with a StorageError instead; see SQLiteStore.open).
    wait: bool = True
