"""Storage: round trips, schema version, transactions."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import NotFoundError, StorageError
from newsprism.models import Article
from newsprism.sources.items import FileStamp
from newsprism.store import SCHEMA_VERSION, SQLiteStore

_text = st.text(st.characters(codec="utf-8"), max_size=200)
_opt_text = st.none() | _text.filter(bool)
_article = st.builds(
    Article,
    id=st.text("0123456789abcdef", min_size=16, max_size=16),
    source=_text.filter(bool),
    text=_text,
    title=_opt_text,
    outlet=_opt_text,
    published=st.none() | st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    url=_opt_text,
    language=st.none() | st.sampled_from(["en", "de"]),
    duplicate_of=st.none(),
    story=st.just("s-1"),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(_article, max_size=6, unique_by=lambda a: a.id))
def test_articles_round_trip(articles: list[Article]) -> None:
    with SQLiteStore.open(":memory:") as store:
        with store.transaction():
            for a in articles:
                store.add_article(a)
        assert list(store.articles()) == articles
        assert list(store.articles([a.id for a in articles])) == articles


def test_schema_version_and_wal(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    SQLiteStore.open(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    SQLiteStore.open(db).close()  # reopening an up-to-date database migrates nothing


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        SQLiteStore.open(db)


def test_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match=r"x\.db"):
        SQLiteStore.open(db)


def test_failed_transaction_stores_nothing() -> None:
    with SQLiteStore.open(":memory:") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_article(Article(id="a" * 16, source="s", text="t", story="s-1"))
            raise RuntimeError("crash midway")
        assert list(store.articles()) == []
        assert store.stories() == []


def test_story_named_after_earliest_original() -> None:
    with SQLiteStore.open(":memory:") as store:
        with store.transaction():
            for id_, title, day, dup in [
                ("1", "Later", 2, None),
                ("2", "Earlier", 1, None),
                ("3", "A copy, earliest of all", None, "2" * 16),
            ]:
                store.add_article(
                    Article(
                        id=id_ * 16,
                        source=id_,
                        text="t",
                        title=title,
                        published=date(2024, 1, day) if day else None,
                        duplicate_of=dup,
                        story="s",
                    )
                )
        story = store.story("s")
        assert story.title == "Earlier"
        assert story.articles == ("2" * 16, "1" * 16, "3" * 16)  # dated first, by date
        (summary,) = store.stories()
        assert (summary.articles, summary.copies) == (3, 1)
        assert (summary.first, summary.last) == (date(2024, 1, 1), date(2024, 1, 2))
        with pytest.raises(NotFoundError):
            store.story("s-missing")


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with SQLiteStore.open(db) as writer, SQLiteStore.open(db) as reader:
        with writer.transaction():
            writer.add_article(Article(id="a" * 16, source="s", text="t", story="s-1"))
        with writer.transaction():
            writer.add_article(Article(id="b" * 16, source="s2", text="t", story="s-1"))
            # Mid-transaction, a reader sees the last commit at once (WAL), not the
            # uncommitted row, and does not wait for the writer.
            assert [a.id for a in reader.articles()] == ["a" * 16]
            assert reader.stories()[0].articles == 1
        assert reader.stories()[0].articles == 2


def test_outlet_names_with_commas_stay_whole(tmp_path: Path) -> None:
    from newsprism.models import Article
    from newsprism.store import SQLiteStore

    with SQLiteStore.open(tmp_path / "s.db") as store, store.transaction():
        for aid, outlet in (("a1", "Smith, Jones & Co. Gazette"), ("a2", "The Courier")):
            store.add_article(
                Article(id=aid, source=f"{aid}.txt", text="x", outlet=outlet, story="s-1")
            )
        [summary] = store.stories()
    assert summary.outlets == ("Smith, Jones & Co. Gazette", "The Courier")


def test_version_1_database_keeps_its_copy_buckets(tmp_path: Path) -> None:
    """Migration 2 re-keys buckets and signatures by article seq: a database
    written by schema version 1 still finds its stored articles' copies."""
    from newsprism.index.copies import BatchLsh, DedupeOptions, find_original, fingerprint
    from newsprism.store import MIGRATIONS

    text = "the council voted on tuesday to close the old bridge to lorries for a year " * 4
    fp = fingerprint(text)
    assert fp is not None
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db)
    first = MIGRATIONS[0]
    assert isinstance(first, str)
    conn.executescript(first)
    conn.execute(
        "INSERT INTO article (id, source, text, published, story) VALUES (?, ?, ?, ?, ?)",
        ("a" * 16, "one.txt", text, "2026-03-01", "s-1"),
    )
    conn.execute("INSERT INTO signature (article, sig) VALUES (?, ?)", ("a" * 16, fp.signature))
    conn.executemany(
        "INSERT INTO lsh_bucket (key, article) VALUES (?, ?)", [(k, "a" * 16) for k in fp.keys]
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    with SQLiteStore.open(db) as store:
        lsh = BatchLsh(store, [fp], DedupeOptions())
        assert find_original(fp, date(2026, 3, 2), lsh).original == "a" * 16
        # New articles get their buckets under their seq, after the old ones.
        with store.transaction():
            seq = store.add_article(Article(id="b" * 16, source="two.txt", text=text, story="s-1"))
            store.lsh_add_many([(seq, fp)])
        assert store.lsh_buckets([fp.keys[0]], 8) == {fp.keys[0]: [1, seq]}
        assert store.lsh_buckets([fp.keys[0]], 1) == {fp.keys[0]: [seq]}
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "lsh_bucket" not in tables and "signature" not in tables
    assert "source_file" in tables


def test_file_stamps_match_only_when_every_field_does(tmp_path: Path) -> None:
    stamp = FileStamp("/data/a.html", 120, 1_700_000_000_123_456_789, 1_700_000_001_000_000_000, 42)
    with SQLiteStore.open(tmp_path / "x.db") as store:
        assert store.file_records(stamp) is None
        with store.transaction():
            store.save_file(stamp, 3)
        assert store.file_records(stamp) == 3
        others = [
            replace(stamp, path="/data/b.html"),
            replace(stamp, size=121),
            replace(stamp, mtime_ns=stamp.mtime_ns + 1),
            replace(stamp, ctime_ns=stamp.ctime_ns + 1),
            replace(stamp, inode=43),
        ]
        assert [store.file_records(other) for other in others] == [None] * 5
        newer = replace(stamp, size=200)
        with store.transaction():
            store.save_file(newer, 1)  # the file's new stamp replaces the old one
        assert (store.file_records(stamp), store.file_records(newer)) == (None, 1)
