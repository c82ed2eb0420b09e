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
from datetime import date
from typing import Literal

RecordKind = Literal["text", "html"]


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
