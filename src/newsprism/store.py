"""Storage: articles, stories, copy buckets and clustering state in SQLite.

The rest of newsprism talks to storage only through :class:`Store`, a small
protocol, so that another backend (a server database, a distributed engine's
tables) can stand in. :class:`SQLiteStore` is the default:

- a schema version (``PRAGMA user_version``) with ordered migrations;
- WAL journaling, so the database can be read while a run writes;
- every batch is written in one transaction (``BEGIN IMMEDIATE``), so a run
  killed midway leaves whole batches only, and a rerun completes the rest.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from newsprism.errors import NotFoundError, StorageError
from newsprism.index import buckets
from newsprism.index.copies import Candidate, Fingerprint
from newsprism.models import Article, Story, StorySummary, sane_date
from newsprism.sources.items import FileStamp
from newsprism.sources.web import UrlSeen, Validators

_SEGMENT_TABLE = """
    CREATE TABLE lsh_segment (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        keys BLOB NOT NULL,
        seqs BLOB NOT NULL
    )
"""


def _buckets_to_segments(conn: sqlite3.Connection) -> None:
    """Migration 3: the stored bucket rows become the first segments (full-size ones)."""
    conn.execute(_SEGMENT_TABLE)
    rows = conn.execute("SELECT key, article FROM lsh_entry")
    while chunk := rows.fetchmany(buckets.MAX_ENTRIES):
        _insert_segment(conn, buckets.build(chunk))
    conn.execute("DROP TABLE lsh_entry")


def _insert_segment(conn: sqlite3.Connection, segment: buckets.Segment) -> int:
    """Store a segment as a new row; its id."""
    cursor = conn.execute("INSERT INTO lsh_segment (keys, seqs) VALUES (?, ?)", segment.to_blobs())
    if cursor.lastrowid is None:  # pragma: no cover - SQLite always sets it
        raise sqlite3.DatabaseError("no row id for a new copy index segment")
    return cursor.lastrowid


# Each entry moves the schema from version i to i + 1. Never edit a released
# entry: append a new one.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    """
    CREATE TABLE article (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        duplicate_of TEXT,
        story TEXT
    );
    CREATE INDEX article_story ON article(story);
    CREATE INDEX article_duplicate_of ON article(duplicate_of);
    CREATE TABLE story (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT,
        title_date TEXT
    );
    CREATE TABLE lsh_bucket (
        key INTEGER NOT NULL,
        article TEXT NOT NULL
    );
    CREATE INDEX lsh_bucket_key ON lsh_bucket(key);
    CREATE TABLE signature (
        article TEXT PRIMARY KEY,
        sig BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE cluster_state (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    """,
    # 2: copy buckets and signatures keyed by the article's seq instead of its
    # id. Ids are hashes, so every insert landed at a random place in two
    # B-trees (the bucket table and its key index) and in the signature table;
    # seqs grow, so signatures are appended, and a bucket entry is one row of
    # one clustered B-tree. On 100k synthetic articles the copy stage's writes
    # and reads were the part of a batch that grew most with the corpus.
    """
    CREATE TABLE lsh_entry (
        key INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO lsh_entry (key, article)
        SELECT b.key, a.seq FROM lsh_bucket b JOIN article a ON a.id = b.article;
    DROP TABLE lsh_bucket;
    CREATE TABLE article_signature (
        article INTEGER PRIMARY KEY,
        sig BLOB NOT NULL
    );
    INSERT INTO article_signature (article, sig)
        SELECT a.seq, s.sig FROM signature s JOIN article a ON a.id = s.article;
    DROP TABLE signature;
    """,
    # 3: copy buckets as sorted segments (newsprism.index.buckets) instead of rows,
    # whose random keys made each commit rewrite the whole bucket table.
    _buckets_to_segments,
    # 4: the input files read whole, by absolute path, with the stamp they
    # had (newsprism.sources.files.FileStamp) and how many records they gave: a
    # rerun skips a file whose stamp is unchanged instead of reading and
    # decoding it again to find its articles' ids stored (on the 181
    # benchmark pages, decoding alone was most of a 0.6-0.75 s rerun).
    """
    CREATE TABLE source_file (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        records INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: the URLs fetched (newsprism.sources.web), with the validators their
    # server gave (ETag, Last-Modified) and how many records they gave: a
    # rerun asks the server whether a page changed (conditional GET), and a
    # feed's link already stored is not fetched again.
    """
    CREATE TABLE source_url (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        records INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_T = TypeVar("_T")

_ARTICLE_COLS = "id, source, url, outlet, title, published, language, text, duplicate_of, story"


class Store(Protocol):
    """What the pipeline and the report need from storage."""

    @contextmanager
    def transaction(self) -> Iterator[None]: ...

    def known_ids(self, ids: Sequence[str]) -> set[str]: ...

    def file_records(self, stamp: FileStamp) -> int | None:
        """How many records the file gave when stored with this same stamp, else ``None``."""
        ...

    def save_file(self, stamp: FileStamp, records: int) -> None: ...

    def url_seen(self, url: str) -> UrlSeen | None:
        """What the store remembers of a fetched URL (validators, records), else ``None``."""
        ...

    def save_url(self, seen: UrlSeen) -> None: ...

    def add_article(self, article: Article) -> int:
        """Store ``article`` (unless its id is stored) and return its seq."""
        ...

    def repoint_copies(self, old_root: str, new_root: str) -> None: ...

    def story_of(self, article_id: str) -> str | None: ...

    def lsh_buckets(self, keys: Sequence[int], read: int) -> dict[int, list[int]]: ...

    def lsh_members(self, seqs: Sequence[int]) -> dict[int, Candidate]: ...

    def lsh_add_many(self, items: Sequence[tuple[int, Fingerprint]]) -> None: ...

    def save_cluster_rows(self, kind: str, rows: Iterable[tuple[str, str]]) -> None: ...

    def load_cluster_rows(self, kind: str) -> Iterator[tuple[str, str]]: ...

    def load_cluster_values(self, kind: str, keys: Sequence[str]) -> dict[str, str]: ...

    def move_articles(self, moves: Mapping[str, str]) -> None: ...

    def articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]: ...

    def story(self, story_id: str) -> Story: ...

    def stories(self, ids: Sequence[str] | None = None) -> list[StorySummary]: ...

    def close(self) -> None: ...


# Page cache per connection, in KiB: enough for the indexes of a few hundred
# thousand articles (see ``SQLiteStore.open``).
CACHE_KIB = 256 * 1024


def story_values_sql(column: str) -> str:
    """SQL for the distinct non-null values of ``column`` among the articles of
    story ``s``, joined with the unit separator (a name may hold a comma); read
    back with :func:`split_story_values`. ``column`` is one of ours, never input."""
    return (
        f"(SELECT GROUP_CONCAT(v, char(31)) FROM (SELECT DISTINCT {column} AS v "
        f"FROM article WHERE story = s.id AND {column} IS NOT NULL))"
    )


def split_story_values(joined: str | None) -> tuple[str, ...]:
    """The sorted values :func:`story_values_sql` joined."""
    return tuple(sorted(joined.split("\x1f"))) if joined else ()


class SQLiteStore:
    """The default :class:`Store`, one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: str, lock: int | None = None) -> None:
        self._conn = conn
        self.path = path
        self._lock = lock  # the writer lock's file descriptor, held until close
        # The copy index's segments by row id, read once and then kept: rows
        # are only added and deleted (merges), never updated, and AUTOINCREMENT
        # never reuses an id, so a cached id is the stored segment. Dropped
        # after a rollback, which may have undone cached changes.
        self._segments: dict[int, buckets.Segment] = {}

    # -- life cycle ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, writer: bool = False, wait: bool = True) -> SQLiteStore:
        """Open (creating and migrating as needed) the database at ``path``.

        A ``writer`` (a run that adds articles) first takes the database's
        writer lock (see :func:`writer_lock`), waiting for another writer to
        finish, or with ``wait=False`` raising :class:`StorageError`. It is
        held until :meth:`close`, and taken before anything is read, so the
        clustering state a run starts from is the one the previous run left.
        SQLite's own locks guard each transaction, not a run: two runs
        interleaving batches each clustered against a state the other was
        changing (two runs at once on one database gave 1,302 stories and
        6,182 copies where one run gives 1,279 and 472).
        """
        shown = str(path)
        lock = None
        try:
            if shown != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                if writer:
                    lock = writer_lock(shown, wait=wait)
            try:
                store = cls._connect(shown, lock)
            except sqlite3.OperationalError:
                if writer or shown == ":memory:" or not Path(shown).exists():
                    raise
                store = cls._connect_read_only(shown)
        except sqlite3.DatabaseError as exc:
            _unlock(lock)
            raise StorageError(f"{shown}: cannot open the database ({exc})") from None
        except OSError as exc:
            _unlock(lock)
            raise StorageError(f"{shown}: cannot open the database ({_why(exc)})") from None
        except BaseException:
            _unlock(lock)
            raise
        return store

    @classmethod
    def _connect_read_only(cls, shown: str) -> SQLiteStore:
        """A database we may not write (a read-only file or folder): read it as it is.

        Only for reading commands; one that needs a newer schema says so.
        """
        uri = f"{Path(shown).absolute().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        store = cls(conn, shown)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            conn.close()
            raise StorageError(
                f"{shown}: the database is read-only and has schema version {version}, "
                f"not {SCHEMA_VERSION}; open it once with write access to upgrade it"
            )
        return store

    @classmethod
    def _connect(cls, shown: str, lock: int | None) -> SQLiteStore:
        # isolation_level=None: transactions are ours (BEGIN IMMEDIATE below).
        conn = sqlite3.connect(shown, isolation_level=None, timeout=30.0)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across process kills under WAL (only a power
            # loss may drop the last commits) and much faster than FULL.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # Article ids are hashes, so inserts land all over the id and
            # bucket indexes: with SQLite's default 2 MiB page cache, every
            # insert into a large database reads pages from disk and the cost
            # per article grows with the corpus (benchmarks/throughput.py).
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            store = cls(conn, shown, lock)
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{self.path}: the database has schema version {version}, newer than this "
                f"newsprism understands ({SCHEMA_VERSION}); upgrade newsprism"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS[target - 1]
            with self.transaction():
                if callable(step):
                    step(self._conn)
                else:
                    for statement in _statements(step):
                        self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        self._conn.close()
        _unlock(self._lock)
        self._lock = None

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work: all of it is stored, or none."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(f"{self.path}: cannot write ({exc})") from None
        try:
            yield
        except BaseException:
            self._segments = {}
            self._conn.execute("ROLLBACK")
            raise
        try:
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._segments = {}
            raise StorageError(f"{self.path}: cannot commit ({exc})") from None

    # -- writing ------------------------------------------------------------

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT id FROM article WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def file_records(self, stamp: FileStamp) -> int | None:
        row = self._conn.execute(
            "SELECT records FROM source_file WHERE path = ? AND size = ? AND mtime_ns = ?"
            " AND ctime_ns = ? AND inode = ?",
            (stamp.path, stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode),
        ).fetchone()
        return None if row is None else int(row[0])

    def save_file(self, stamp: FileStamp, records: int) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO source_file (path, size, mtime_ns, ctime_ns, inode, records)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (stamp.path, stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode, records),
        )

    def url_seen(self, url: str) -> UrlSeen | None:
        row = self._conn.execute(
            "SELECT etag, last_modified, records FROM source_url WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        return UrlSeen(url, Validators(row[0], row[1]), int(row[2]))

    def save_url(self, seen: UrlSeen) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO source_url (url, etag, last_modified, records)"
            " VALUES (?, ?, ?, ?)",
            (seen.url, seen.validators.etag, seen.validators.last_modified, seen.records),
        )

    def add_article(self, article: Article) -> int:
        a = article
        published = a.published.isoformat() if a.published else None
        cursor = self._conn.execute(
            f"INSERT OR IGNORE INTO article ({_ARTICLE_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                a.source,
                a.url,
                a.outlet,
                a.title,
                published,
                a.language,
                a.text,
                a.duplicate_of,
                a.story,
            ),
        )
        if cursor.rowcount == 1 and cursor.lastrowid is not None:
            seq = cursor.lastrowid
        else:  # already stored: its id is unique
            seq = self._conn.execute("SELECT seq FROM article WHERE id = ?", (a.id,)).fetchone()[0]
        if a.story is not None and a.duplicate_of is None:
            # A story is named after its earliest dated original article: one
            # statement (an upsert) instead of a read and a write per article.
            self._conn.execute(_NAME_STORY, (a.story, a.title, published))
        return int(seq)

    def repoint_copies(self, old_root: str, new_root: str) -> None:
        self._conn.execute(
            "UPDATE article SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
            (new_root, old_root, old_root),
        )

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT story FROM article WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def lsh_buckets(self, keys: Sequence[int], read: int) -> dict[int, list[int]]:
        return buckets.lookup(list(self._current_segments().values()), keys, read)

    def lsh_members(self, seqs: Sequence[int]) -> dict[int, Candidate]:
        found: dict[int, Candidate] = {}
        for chunk in _chunks(seqs, 500):
            rows = self._conn.execute(
                "SELECT a.id, s.sig, a.published, a.seq, a.duplicate_of FROM article a "
                "JOIN article_signature s ON s.article = a.seq "
                f"WHERE a.seq IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                found[r[3]] = Candidate(r[0], r[1], _stored_date(r[2]), r[3], r[4])
        return found

    def lsh_add_many(self, items: Sequence[tuple[int, Fingerprint]]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO article_signature (article, sig) VALUES (?, ?)",
            [(seq, fp.signature) for seq, fp in items],
        )
        added = buckets.build((k, seq) for seq, fp in items for k in fp.keys)
        if not len(added):
            return
        segments = self._current_segments()
        segments[_insert_segment(self._conn, added)] = added
        ids = list(segments)
        due = buckets.merges_due([len(segments[i]) for i in ids])
        if due:
            merged = segments[ids[-due]]
            for i in ids[-due + 1 :]:
                merged = buckets.merge(merged, segments[i])
            self._conn.executemany(
                "DELETE FROM lsh_segment WHERE id = ?", [(i,) for i in ids[-due:]]
            )
            for i in ids[-due:]:
                del segments[i]
            segments[_insert_segment(self._conn, merged)] = merged

    def _current_segments(self) -> dict[int, buckets.Segment]:
        """The stored segments, oldest first: those cached, and any other writer added."""
        ids = [r[0] for r in self._conn.execute("SELECT id FROM lsh_segment ORDER BY id")]
        if list(self._segments) != ids:
            cached, self._segments = self._segments, {}
            for i in ids:
                self._segments[i] = cached[i] if i in cached else self._read_segment(i)
        return self._segments

    def _read_segment(self, segment_id: int) -> buckets.Segment:
        row = self._conn.execute(
            "SELECT keys, seqs FROM lsh_segment WHERE id = ?", (segment_id,)
        ).fetchone()
        try:
            return buckets.Segment.from_blobs(row[0], row[1])
        except (ValueError, TypeError) as exc:
            raise StorageError(
                f"{self.path}: copy index segment {segment_id} is unreadable ({exc})"
            ) from None

    def save_cluster_rows(self, kind: str, rows: Iterable[tuple[str, str]]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO cluster_state (kind, key, value) VALUES (?, ?, ?)",
            ((kind, k, v) for k, v in rows),
        )

    def load_cluster_rows(self, kind: str) -> Iterator[tuple[str, str]]:
        rows = self._conn.execute(
            "SELECT key, value FROM cluster_state WHERE kind = ? ORDER BY key", (kind,)
        )
        yield from rows

    def load_cluster_values(self, kind: str, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, value FROM cluster_state WHERE kind = ? AND key IN ({marks})",
                (kind, *chunk),
            )
            found.update((str(k), str(v)) for k, v in rows)
        return found

    def move_articles(self, moves: Mapping[str, str]) -> None:
        """Put articles (and their copies) in other stories, as a story split decided.

        Both the stories they leave and those they join are renamed after their
        earliest dated original article, as :meth:`add_article` names them.
        """
        touched: set[str] = set(moves.values())
        for article, story in moves.items():
            row = self._conn.execute(
                "SELECT story FROM article WHERE id = ?", (article,)
            ).fetchone()
            if row is None or row[0] == story:
                continue
            if row[0] is not None:
                touched.add(row[0])
            self._conn.execute(
                "UPDATE article SET story = ? WHERE id = ? OR duplicate_of = ?",
                (story, article, article),
            )
        for story in sorted(touched):
            first = self._conn.execute(
                "SELECT title, published FROM article WHERE story = ? AND duplicate_of IS NULL "
                "ORDER BY title IS NULL, published IS NULL, published, seq LIMIT 1",
                (story,),
            ).fetchone()
            if first is None:
                self._conn.execute("DELETE FROM story WHERE id = ?", (story,))
            else:
                self._conn.execute(
                    "INSERT INTO story (id, title, title_date) VALUES (?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                    "title_date = excluded.title_date",
                    (story, first[0], first[1]),
                )

    # -- reading ------------------------------------------------------------

    def articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        if ids is None:
            rows: Iterable[Any] = self._conn.execute(
                f"SELECT {_ARTICLE_COLS} FROM article ORDER BY seq"
            )
            yield from (_article(r) for r in rows)
            return
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {_ARTICLE_COLS} FROM article WHERE id IN ({marks}) ORDER BY seq", chunk
            )
            yield from (_article(r) for r in rows)

    def story(self, story_id: str) -> Story:
        row = self._conn.execute("SELECT id, title FROM story WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} in {self.path} (see 'newsprism stories')")
        ids = [
            r[0]
            for r in self._conn.execute(
                "SELECT id FROM article WHERE story = ? ORDER BY COALESCE(published, '9999'), seq",
                (story_id,),
            )
        ]
        return Story(id=row[0], title=row[1], articles=tuple(ids))

    def stories(self, ids: Sequence[str] | None = None) -> list[StorySummary]:
        """Story summaries, largest first (all, or those named in ``ids``)."""
        if ids is None:
            found = self._summaries("", ())
        else:
            found = []
            for chunk in _chunks(ids, 500):
                found += self._summaries(f"WHERE s.id IN ({','.join('?' * len(chunk))})", chunk)
        found.sort(key=lambda s: -s[1])
        return [s for s, _ in found]

    def _summaries(self, where: str, params: tuple[str, ...]) -> list[tuple[StorySummary, int]]:
        rows = self._conn.execute(
            "SELECT s.id, s.title, COUNT(a.id), COUNT(a.duplicate_of), "
            f"{story_values_sql('outlet')}, "
            "MIN(a.published), MAX(a.published), s.seq "
            f"FROM story s JOIN article a ON a.story = s.id {where} "
            "GROUP BY s.id ORDER BY s.seq",
            params,
        )
        return [
            (
                StorySummary(
                    id=r[0],
                    title=r[1],
                    articles=r[2],
                    copies=r[3],
                    outlets=split_story_values(r[4]),
                    first=_stored_date(r[5]),
                    last=_stored_date(r[6]),
                ),
                r[2],
            )
            for r in rows
        ]

    def resolve_story(self, given: str) -> str:
        """The id of the one story whose id is ``given`` or starts with it (``s-`` may be left out).

        Raises :class:`NotFoundError` when none does, or when several do
        (naming a few, so the user can type one more character).
        """
        found: list[str] = []
        for prefix in dict.fromkeys((given, f"s-{given}")):
            if not prefix:
                continue
            exact = self._conn.execute("SELECT id FROM story WHERE id = ?", (prefix,)).fetchone()
            if exact is not None:
                return str(exact[0])
            # A range scan on the unique index: the ids that start with the prefix.
            rows = self._conn.execute(
                "SELECT id FROM story WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()
            found += [r[0] for r in rows if r[0] not in found]
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(f"no story {given!r} in {self.path} (see 'newsprism stories')")
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise NotFoundError(f"{given!r} names several stories ({shown}): give more of the id")

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM article").fetchone()[0])


# Insert a story with its first original article's title and date, or rename
# it after a later-added one that has a title and is dated earlier (or names a
# story that has no title yet).
_NAME_STORY = """
    INSERT INTO story (id, title, title_date) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_date = excluded.title_date
    WHERE excluded.title IS NOT NULL AND excluded.title != '' AND (
        story.title IS NULL OR (
            excluded.title_date IS NOT NULL
            AND (story.title_date IS NULL OR excluded.title_date < story.title_date)
        )
    )
"""


def _article(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        source=r[1],
        url=r[2],
        outlet=r[3],
        title=r[4],
        published=_stored_date(r[5]),
        language=r[6],
        text=r[7],
        duplicate_of=r[8],
        story=r[9],
    )


def _stored_date(value: str | None) -> date | None:
    """A stored ISO date; ``None`` for one unreadable or out of range.

    Databases written before dates were checked at ingest may hold any
    date: one bad row must not break every later ``show`` or ``export``.
    """
    if not value:
        return None
    try:
        return sane_date(date.fromisoformat(value))
    except (ValueError, TypeError):
        return None


def lock_path(db: str | Path) -> str:
    """The writer lock file beside the database ``db``."""
    return f"{db}.lock"


def writer_lock(db: str, *, wait: bool = True) -> int:
    """Take the writer lock of database ``db``: its open descriptor, to keep until done.

    An advisory ``flock`` on a file beside the database: the kernel drops
    it when the holder exits, even on kill -9, so a dead run never leaves
    the database locked. Raises :class:`StorageError` when ``wait`` is
    false and another process holds it.
    """
    fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        raise StorageError(
            f"{db}: another newsprism run is adding to this database; "
            "wait for it to finish (or run again without --no-wait)"
        ) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def writer_busy(db: str | Path) -> bool:
    """Whether another process holds the writer lock of ``db`` (without taking it)."""
    try:
        fd = os.open(lock_path(db), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops a shared lock taken here
    return False


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock


def _why(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _chunks(items: Sequence[_T], size: int) -> Iterator[tuple[_T, ...]]:
    for i in range(0, len(items), size):
        yield tuple(items[i : i + size])


def dumps(value: object) -> str:
    """Compact, key-sorted JSON: the same state always serialises the same way."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
