"""What every source yields: records, problems, inputs passed over or unchanged, and read markers.

Stage: the sources' shared vocabulary (files, URLs, feeds, web archives and
standard input all yield :data:`Item`), with the size limits they all apply.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources.web import UrlRead


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that keep one hostile or mistaken file from sinking a run.

    A single news article, even a raw HTML page with inline scripts, is well
    under 10 MiB (the extraction benchmark's largest page is under 2 MiB), so
    anything larger is not an article. Container files (JSON/JSONL) may hold
    many articles: JSONL is streamed line by line with the per-article limit on
    each line; a ``.json`` file is parsed whole, so it gets a larger cap.
    """

    max_article_bytes: int = 10 * 1024 * 1024
    max_json_bytes: int = 256 * 1024 * 1024
    # Markup elements (counted as "<") of one HTML page or HTML field. The
    # extraction benchmark's 181 pages have at most 3,229 (mean 1,487); the
    # extractor's time grows with the element count (a page of a million
    # <p> took 110 s and 1.75 GB), so 50,000 (15 times the largest real page)
    # bounds one page to a few seconds and leaves every real page alone.
    max_html_elements: int = 50_000
    # JSON nesting deeper than this is not an article record (a record is an
    # object of strings; {"articles": [...]} adds two levels). Python's
    # parser recurses once per level and fails at about 1,000.
    max_json_depth: int = 64
    # CPU seconds one record's extraction may take (newsprism.budget). The
    # extraction benchmark's pages take 17 ms on average and the element cap
    # above keeps the largest legal page to a few seconds: a record over 30 s
    # is stuck, not slow. 0 turns the budget off.
    max_record_cpu_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input passed over on purpose (not an error): e.g. a README in a folder."""

    source: str
    reason: str


# How long after a file's last change its stamp may be trusted: a file
# rewritten within one tick of its timestamps' clock (a second on some file
# systems, two on FAT) could keep every stamp field, so a file changed this
# recently is read every time until it has settled (git's "racily clean" rule).
SETTLE_NS: Final = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What tells that a file is as it was when read: where it is and its stat.

    The change time is in it because no program can set it back: a file
    rewritten with the same size and its modification time restored still
    gets a new one. Any change of the stamp (a copy, a touch, a move) only
    means the file is read again, and its records then found stored by id.
    """

    path: str  # absolute
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> tuple[FileStamp, bool]:
        """The file's stamp, and whether it has settled (see ``SETTLE_NS``)."""
        st = path.stat()
        settled = max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLE_NS
        stamp = cls(os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        return stamp, settled


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file not read again: the store holds it with this stamp and its records."""

    source: str
    records: int


@dataclass(frozen=True, slots=True)
class FileRead:
    """Follows the records of a file read whole without a problem.

    Its stamp (taken before reading) and record count may be stored once
    those records are: the next run then skips the file while its stamp is
    unchanged. Yielded only for settled files.
    """

    source: str
    stamp: FileStamp
    records: int


@dataclass(frozen=True, slots=True)
class PageFile:
    """A one-article file (a page or a text) whose reading is left to the run's engine.

    Yielded in its record's place when the run reads in worker processes or
    on Dask: the worker that extracts the article then also reads and
    decodes the file (gunzip, charset checks), and the writer never holds
    the page's markup. On the 181 extraction pages twice, with 2 workers,
    the writer's CPU time fell from 1.91 s to 0.36 s (of 9.1 s for one
    process): reading and decoding had been most of the serial part. It
    stands for exactly one record, or the problem the worker finds.
    """

    path: str
    source: str
    kind: Literal["html", "text"]
    compressed: bool


# The store's answer for a stamp: how many records the file gave, or None
# when it does not hold the file with that stamp.
KnownFile = Callable[[FileStamp], int | None]

Item = RawRecord | PageFile | InputError | Skipped | Unchanged | FileRead | UrlRead


def check_elements(count: int, source: str, limits: Limits) -> None:
    if count > limits.max_html_elements:
        raise InputError(
            source,
            f"too many HTML elements ({count:,}; the limit is {limits.max_html_elements:,})",
        )
