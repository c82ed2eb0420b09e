"""The web app's full-text index: FTS5 over titles and texts, beside the database, kept in step.

Stage: the app's own cache. Needs the database (read only); keeps, in a file
of its own next to it (``NAME.db.search``; in memory when that folder cannot
be written), an FTS5 index of every article's title and text, and before each
search indexes the articles added since the last (whole batches: the article
table only grows). The writer never pays for it: inside the database, with
triggers, indexing cost 1.04 M of the plain-text path's 8.83 M instructions
per article (benchmarks/instructions.py, 1,000 synthetic articles, with and
without the triggers), which the story issue's cost bound cannot carry. The
index is contentless (no text is stored twice) with Porter stemming:
"derail" finds "derails" and "derailment".
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Final

# Articles indexed per transaction while catching up (a first start on a
# 100k-article database indexes them all, about 55 us each).
_CHUNK: Final = 2000

_SCHEMA: Final = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5("
    "title, text, content='', tokenize='porter unicode61')",
    "CREATE TABLE IF NOT EXISTS done (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word a quoted term, all required.

    FTS5's own syntax (quotes, ``AND``, ``*``, columns) would turn a stray
    quote or colon into an error; quoted, any input is a plain search.
    """
    words = [w.replace('"', '""') for w in text.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words[:20])


class SearchIndex:
    """The index of one database's articles; safe to share between request threads."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._conn = self._open(db.with_name(db.name + ".search"))
        for statement in _SCHEMA:
            self._conn.execute(statement)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            return conn
        except sqlite3.Error:
            # A folder the app may not write: the index lives in memory for this run.
            return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)

    def catch_up(self, source: sqlite3.Connection) -> int:
        """Index the articles added since the last call; how many were indexed."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM done WHERE key = 'seq'").fetchone()
            last = int(row[0]) if row else 0
            newest = int(source.execute("SELECT MAX(seq) FROM article").fetchone()[0] or 0)
            if newest < last:
                # Another database now has this name: index it anew.
                self._conn.execute("DELETE FROM fts")
                last = 0
            added = 0
            while True:
                rows = source.execute(
                    "SELECT seq, title, text FROM article WHERE seq > ? ORDER BY seq LIMIT ?",
                    (last, _CHUNK),
                ).fetchall()
                if not rows:
                    return added
                self._conn.execute("BEGIN")
                self._conn.executemany(
                    "INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)",
                    [(seq, title or "", text) for seq, title, text in rows],
                )
                last = int(rows[-1][0])
                self._conn.execute(
                    "INSERT OR REPLACE INTO done (key, value) VALUES ('seq', ?)", (last,)
                )
                self._conn.execute("COMMIT")
                added += len(rows)

    def search(self, text: str, limit: int) -> list[tuple[int, float]]:
        """(article seq, rank) of the ``limit`` newest articles holding every word, best first.

        The newest matches (FTS5 walks its index by rowid and stops at the
        limit), then ranked by relevance: ranking every match of a common
        word first took up to half a second on 100k articles.
        """
        query = fts_query(text)
        if not query:
            return []
        with self._lock:
            try:
                found = self._conn.execute(
                    "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (query, limit),
                ).fetchall()
            except sqlite3.OperationalError:
                return []
        found.sort(key=lambda r: r[1])  # bm25: lower is better
        return [(int(seq), float(rank)) for seq, rank in found]

    def close(self) -> None:
        self._conn.close()
