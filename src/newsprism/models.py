"""Typed records that flow between the stages.

Every stage is a function (or a small stateful index) over these frozen
dataclasses. Each record says which stage adds it:

``RawRecord``   ingest      one input, decoded, before any cleaning
``Extracted``   extract     clean title, body and metadata of one record
``Article``     pipeline    an extracted record with its stable id, copy and story links
``Story``       cluster     a group of articles about one event
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Literal

RecordKind = Literal["text", "html"]

# The range of dates an article can have been published in. Dates outside
# it are misreadings (a "9999-12-31" placeholder, a year typed as 20233) and
# break date arithmetic downstream ("tomorrow" of 9999-12-31 overflows):
# they are dropped where a record is made. Every dated article of the
# benchmark sets (ECB+, PolNeAR, AllSides, the scraped pages) falls in
# 1990-2030; the bounds leave two centuries either side for archives and
# far-off events, and room for any relative date without overflow.
FIRST_DATE: Final = date(1800, 1, 1)
LAST_DATE: Final = date(2200, 12, 31)


def sane_date(value: date | None) -> date | None:
    """``value`` when it lies in [FIRST_DATE, LAST_DATE], else ``None``."""
    if value is None or FIRST_DATE <= value <= LAST_DATE:
        return value
    return None


def _check_published(record: object, value: date | None) -> None:
    """Drop an out-of-range published date (frozen dataclass: set through object)."""
    if value is not None and sane_date(value) is None:
        object.__setattr__(record, "published", None)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input article as read from disk: decoded, not yet cleaned.

    ``source`` is the path as given, or ``PATH#KEY`` for a record inside a
    container file (JSON, JSONL). ``key`` is the part of the source that names
    the record independently of where the folder sits (file name, or
    ``FILE#KEY``): ids are derived from it, so moving a folder keeps ids.
    The metadata fields hold what the container said explicitly (a JSON
    record's ``title``/``url``/``published``/``outlet``) and win over anything
    guessed from the text.
    """

    source: str
    key: str
    kind: RecordKind
    content: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    # When the page was captured or fetched (a WARC record's date), which is
    # not when it was written: kept beside the record, never taken for its date.
    fetched: datetime | None = None

    def __post_init__(self) -> None:
        _check_published(self, self.published)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What extraction adds: the clean article and the metadata found in it.

    ``published`` is the date the article was written; ``None`` when only a
    page render date or nothing was found (never a made-up default).
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        _check_published(self, self.published)


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article: extracted fields plus its id and links."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        _check_published(self, self.published)


@dataclass(frozen=True, slots=True)
class Story:
    """A stored story: its id, a title and its member article ids (in order)."""

    id: str
    title: str | None
    articles: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of a story listing: what ``newsprism stories`` shows."""

    id: str
    title: str | None
    articles: int
    copies: int
    outlets: tuple[str, ...]
    first: date | None
    last: date | None
