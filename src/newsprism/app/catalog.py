"""What the web app reads: stories listed, filtered and searched; stories, articles and outlets.

Stage: the app's data (read only). Needs a database; gives plain records the
pages and the JSON API lay out. The story listing is computed once and kept
until the database changes (SQLite's ``data_version``), so listing, filtering
and paging a 100k-article database do not aggregate it per request; a story's
sections are computed when first asked for and kept until the story changes
(its article count and last article), in a bounded cache; searches go to the
app's own full-text index (:mod:`newsprism.app.search`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal

from newsprism.analysis import section_builders
from newsprism.app.search import SearchIndex
from newsprism.errors import NotFoundError, StorageError
from newsprism.models import Article
from newsprism.render.report import article_json, build_report
from newsprism.render.view import StoryView, story_views
from newsprism.store import SCHEMA_VERSION, SQLiteStore, split_story_values, story_values_sql

Sort = Literal["new", "large"]

# Stories whose sections are kept: a story page is built once (0.1-0.8 s for
# a large story) and read many times; this bounds the memory to a few
# hundred stories' views.
_CACHED_STORIES: Final = 256
# Search hits read (the newest matching articles), then ranked: enough for
# many pages of stories.
_SEARCH_HITS: Final = 2000


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story in the listing."""

    id: str
    title: str | None
    articles: int
    copies: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    first: date | None
    last: date | None
    newest: int  # seq of its latest article: the listing's "newest first"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "copies": self.copies,
            "outlets": list(self.outlets),
            "languages": list(self.languages),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """What the listing is narrowed to (all optional)."""

    query: str = ""
    since: date | None = None
    until: date | None = None
    outlet: str = ""
    language: str = ""
    sort: Sort = "new"


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[StoryRow]
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


class Catalog:
    """The app's read-only view of one database, safe to share between request threads."""

    def __init__(self, db: Path) -> None:
        self.db = db
        if not db.is_file():
            raise NotFoundError(f"{db}: no such database (run 'newsprism analyze PATH --db {db}')")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._version: int | None = None
        self._rows: list[StoryRow] = []  # newest first
        self._largest: list[StoryRow] = []
        self._outlets: list[tuple[str, int]] = []  # with their stories, most first
        self._languages: list[str] = []
        self._by_id: dict[str, StoryRow] = {}
        self._views: OrderedDict[tuple[str, int, int], tuple[StoryView, dict[str, Any]]] = (
            OrderedDict()
        )
        # Figures in conflict per story version, for the listing (small: kept long).
        self._conflicts: OrderedDict[tuple[str, int, int], int] = OrderedDict()
        self._index = SearchIndex(db)
        with self._connection() as conn:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found != SCHEMA_VERSION:
            raise StorageError(
                f"{db}: schema version {found}, not {SCHEMA_VERSION}: "
                "run 'newsprism analyze' on it once to upgrade it"
            )

    # -- connections -------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Read only: the app can never change the database it shows.
            uri = f"{self.db.absolute().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30.0)
            self._local.conn = conn
        yield conn

    @contextmanager
    def _store(self) -> Iterator[SQLiteStore]:
        with self._connection() as conn:
            yield SQLiteStore(conn, str(self.db))

    # -- the listing -------------------------------------------------------

    def _fresh(self) -> None:
        """Recompute the listing when another connection committed since."""
        with self._connection() as conn:
            version = int(conn.execute("PRAGMA data_version").fetchone()[0])
            count = int(conn.execute("SELECT MAX(seq) FROM article").fetchone()[0] or 0)
        key = version * 1_000_003 + count
        with self._lock:
            if key == self._version:
                return
            rows = self._load()
            self._by_id = {r.id: r for r in rows}
            # Both orders sorted once per database version, not per request
            # (sorting 13k stories was half of a list page's 100 ms at 100k).
            self._rows = sorted(rows, key=lambda r: -r.newest)
            self._largest = sorted(rows, key=lambda r: (-r.articles, -r.newest))
            per_outlet: dict[str, int] = {}
            for row in rows:
                for o in row.outlets:
                    per_outlet[o] = per_outlet.get(o, 0) + 1
            self._outlets = sorted(per_outlet.items(), key=lambda kv: (-kv[1], kv[0]))
            self._languages = sorted({lang for r in rows for lang in r.languages})
            self._version = key

    def _load(self) -> list[StoryRow]:
        with self._connection() as conn:
            found = conn.execute(
                "SELECT s.id, s.title, COUNT(a.id), COUNT(a.duplicate_of), "
                f"{story_values_sql('outlet')}, {story_values_sql('language')}, "
                "MIN(a.published), MAX(a.published), MAX(a.seq) "
                "FROM story s JOIN article a ON a.story = s.id GROUP BY s.id"
            ).fetchall()
        return [
            StoryRow(
                id=r[0],
                title=r[1],
                articles=r[2],
                copies=r[3],
                outlets=split_story_values(r[4]),
                languages=split_story_values(r[5]),
                first=_date(r[6]),
                last=_date(r[7]),
                newest=r[8],
            )
            for r in found
        ]

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of stories, most first."""
        self._fresh()
        return self._outlets

    def languages(self) -> list[str]:
        self._fresh()
        return self._languages

    def page(self, filters: Filters, number: int = 1, size: int = 20) -> Page:
        """One page of the stories that pass ``filters``, newest or largest first."""
        self._fresh()
        rows = self._rows
        if filters.query.strip():
            ranked = self._search(filters.query)
            rows = [self._by_id[sid] for sid in ranked if sid in self._by_id]
        elif filters.sort == "large":
            rows = self._largest
        start = (number - 1) * size
        if _no_filter(filters):
            return Page(rows[start : start + size], len(rows), number, size)
        rows = [r for r in rows if _passes(r, filters)]
        return Page(rows[start : start + size], len(rows), number, size)

    def _search(self, text: str) -> list[str]:
        """Story ids whose titles or texts hold every word, best match first."""
        with self._connection() as conn:
            self._index.catch_up(conn)
            hits = self._index.search(text, _SEARCH_HITS)
            if not hits:
                return []
            story_of: dict[int, str] = {}
            seqs = [seq for seq, _ in hits]
            for start in range(0, len(seqs), 500):
                chunk = seqs[start : start + 500]
                marks = ",".join("?" * len(chunk))
                story_of.update(
                    conn.execute(
                        f"SELECT seq, story FROM article WHERE seq IN ({marks})", chunk
                    ).fetchall()
                )
        return list(dict.fromkeys(story_of[seq] for seq, _ in hits if story_of.get(seq)))

    def index_for_search(self) -> int:
        """Bring the search index up to date now (at start); how many articles it added."""
        with self._connection() as conn:
            return self._index.catch_up(conn)

    # -- one story, article, outlet ------------------------------------------

    def row(self, story_id: str) -> StoryRow:
        self._fresh()
        found = self._by_id.get(story_id)
        if found is None:
            raise NotFoundError(f"no story {story_id!r}")
        return found

    def story(self, story_id: str) -> tuple[StoryView, dict[str, Any]]:
        """The story's view (for pages) and its report entry (for the API), cached."""
        row = self.row(story_id)
        key = (story_id, row.articles, row.newest)
        with self._lock:
            cached = self._views.get(key)
            if cached is not None:
                self._views.move_to_end(key)
                return cached
        with self._store() as store:
            report = build_report(store, [story_id])
        view = story_views(report)[0]
        # As in the report: the story (its article ids and sections) and its articles.
        entry = {"story": report["stories"][0], "articles": report["articles"]}
        with self._lock:
            self._views[key] = (view, entry)
            while len(self._views) > _CACHED_STORIES:
                self._views.popitem(last=False)
        return view, entry

    def conflicts(self, story_id: str, build: bool = True) -> int | None:
        """How many of the story's figures the outlets give in conflict (None: not known yet).

        From the story's view when it was built, else from its figures alone
        (the numbers section, a small part of a story page's work), kept
        until the story changes; with ``build=False`` only what is known.
        """
        row = self._by_id.get(story_id)
        if row is None:
            return None
        view = self.cached_story(story_id)
        if view is not None:
            return conflicts(view)
        key = (story_id, row.articles, row.newest)
        with self._lock:
            known = self._conflicts.get(key)
        if known is not None or not build:
            return known
        with self._store() as store:
            story = store.story(story_id)
            members = [a for a in store.articles(list(story.articles)) if a.duplicate_of is None]
        members.sort(key=lambda a: (a.published is None, a.published, a.id))
        try:
            figures = section_builders()["numbers"](members)
        except Exception:  # a section that fails abstains (as in the report)
            figures = []
        found = sum(1 for n in figures if n.get("status") == "conflicting")
        with self._lock:
            self._conflicts[key] = found
            while len(self._conflicts) > 100_000:
                self._conflicts.popitem(last=False)
        return found

    def cached_story(self, story_id: str) -> StoryView | None:
        """The story's view if it was built already (the listing shows what it knows)."""
        row = self._by_id.get(story_id)
        if row is None:
            return None
        with self._lock:
            found = self._views.get((story_id, row.articles, row.newest))
        return found[0] if found else None

    def article(self, article_id: str) -> tuple[Article, list[Article]]:
        """An article and its copies (or, for a copy, its original and the other copies)."""
        with self._store() as store:
            found = list(store.articles([article_id]))
            if not found:
                raise NotFoundError(f"no article {article_id!r}")
            article = found[0]
            root = article.duplicate_of or article.id
            with self._connection() as conn:
                ids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM article WHERE (duplicate_of = ? OR id = ?) AND id != ? "
                        "ORDER BY seq",
                        (root, root, article.id),
                    )
                ]
            related = list(store.articles(ids))
        return article, related

    def article_json(self, article_id: str) -> dict[str, Any]:
        article, related = self.article(article_id)
        out = article_json(article)
        out["related"] = [a.id for a in related]
        return out

    def outlet_stories(self, outlet: str, limit: int = 200) -> list[StoryRow]:
        self._fresh()
        rows = [r for r in self._rows if outlet in r.outlets]
        rows.sort(key=lambda r: -r.newest)
        return rows[:limit]

    def close(self) -> None:
        self._index.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def citations(view: StoryView, article_id: str) -> list[tuple[str, str]]:
    """Where a story's sections cite an article: (section, text), in section order."""
    found: list[tuple[str, str]] = []
    sections = view.sections
    for item in sections.get("summary", []):
        if article_id in item.get("sources", []):
            found.append(("summary", str(item.get("text", ""))))
    for quote in sections.get("quotes", []):
        for v in quote.get("variants", []):
            if v.get("article") == article_id:
                found.append(
                    ("quote", f"“{v.get('text', '')}” ({quote.get('speaker') or 'unknown'})")
                )
    for number in sections.get("numbers", []):
        for m in number.get("mentions", []):
            if m.get("article") == article_id:
                found.append(
                    ("figure", f"{m.get('text', '')} ({number.get('what') or 'a quantity'})")
                )
    for event in sections.get("timeline", []):
        if article_id in event.get("articles", []):
            found.append(("timeline", f"{event.get('date')}: {event.get('what', '')}"))
    for item in sections.get("exclusive", []):
        if item.get("article") == article_id:
            found.append(("only this outlet", str(item.get("text", ""))))
    return found


def conflicts(view: StoryView) -> int:
    """How many of a story's figures the outlets give in conflict."""
    return sum(1 for n in view.sections.get("numbers", []) if n.get("status") == "conflicting")


def distinctive_terms(views: Sequence[StoryView], outlet: str, limit: int = 30) -> list[str]:
    """An outlet's distinctive terms across stories (from each story's framing section)."""
    score: dict[str, float] = {}
    for view in views:
        mine = {a.id for a in view.articles if a.outlet == outlet}
        for entry in view.sections.get("framing", []):
            if entry.get("article") in mine:
                for term in entry.get("terms", []):
                    word = str(term.get("term", ""))
                    score[word] = score.get(word, 0.0) + float(term.get("score") or 0.0)
    return [t for t, _ in sorted(score.items(), key=lambda kv: -kv[1])[:limit]]


def _no_filter(f: Filters) -> bool:
    return not (f.outlet or f.language or f.since or f.until)


def _passes(row: StoryRow, f: Filters) -> bool:
    if f.outlet and f.outlet not in row.outlets:
        return False
    if f.language and f.language not in row.languages:
        return False
    if f.since and (row.last is None or row.last < f.since):
        return False
    return not (f.until and (row.first is None or row.first > f.until))


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
