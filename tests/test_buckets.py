"""The copy index's bucket segments: lookups over merged segments equal one big table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import StorageError
from newsprism.index import buckets
from newsprism.index.copies import Fingerprint
from newsprism.models import Article
from newsprism.store import MIGRATIONS, SQLiteStore

# Few distinct keys, so that buckets fill up and repeat across batches.
_pair = st.tuples(st.integers(-5, 5) | st.integers(-(2**63), 2**63 - 1), st.integers(0, 60))
_batches = st.lists(st.lists(_pair, max_size=12), max_size=12)


def _expected(batches: list[list[tuple[int, int]]], read: int) -> dict[int, list[int]]:
    """What the old (key, article) table answered: each key's ``read`` newest seqs."""
    table: dict[int, set[int]] = {}
    for batch in batches:
        for key, seq in batch:
            table.setdefault(key, set()).add(seq)
    return {k: sorted(seqs)[-read:] for k, seqs in table.items()}


def _segments(batches: list[list[tuple[int, int]]]) -> list[buckets.Segment]:
    """Segments as a store keeps them: one per batch, merged when due."""
    segments: list[buckets.Segment] = []
    for batch in batches:
        segments.append(buckets.build(batch))
        due = buckets.merges_due([len(s) for s in segments])
        if due:
            merged = segments[-due]
            for s in segments[-due + 1 :]:
                merged = buckets.merge(merged, s)
            segments[-due:] = [merged]
    return segments


@settings(max_examples=300, deadline=None)
@given(_batches, st.integers(1, 9))
def test_lookup_over_merged_segments_equals_one_table(
    batches: list[list[tuple[int, int]]], read: int
) -> None:
    expected = _expected(batches, read)
    segments = _segments(batches)
    asked = [*expected, 7, -(2**63), 2**63 - 1]
    assert buckets.lookup(segments, asked, read) == expected
    for seg in segments:
        assert np.all(seg.keys[1:] >= seg.keys[:-1])  # sorted: binary search is valid
        back = buckets.Segment.from_blobs(*seg.to_blobs())
        assert back.keys.tolist() == seg.keys.tolist() and back.seqs.tolist() == seg.seqs.tolist()


def test_equal_batches_merge_like_a_binary_counter() -> None:
    sizes: list[int] = []
    for n in range(1, 65):
        sizes.append(10)
        due = buckets.merges_due(sizes)
        if due:
            sizes[-due:] = [sum(sizes[-due:])]
        assert sizes == [10 * 2**b for b in reversed(range(12)) if n >> b & 1]
    assert buckets.merges_due([buckets.MAX_ENTRIES - 5, 10]) == 0  # never past the cap
    assert buckets.merges_due([]) == buckets.merges_due([10]) == 0


def test_blobs_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ValueError, match="2 keys but 1 seqs"):
        buckets.Segment.from_blobs(bytes(16), bytes(4))
    with pytest.raises(ValueError, match="32 bits"):
        buckets.build([(1, 2**32)])


def _fp(*keys: int) -> Fingerprint:
    return Fingerprint(signature=b"", keys=keys)


def _add(store: SQLiteStore, n: int) -> int:
    return store.add_article(Article(id=f"{n:016x}", source=f"{n}.txt", text="x", story="s-1"))


def test_store_segments_stay_few_and_answer_like_one_table(tmp_path: Path) -> None:
    batches: list[list[tuple[int, int]]] = []
    with SQLiteStore.open(tmp_path / "s.db") as store:
        for b in range(40):
            with store.transaction():
                items = []
                for i in range(5):
                    seq = _add(store, 5 * b + i)
                    items.append((seq, _fp(seq % 7, 1000 + seq, -1)))
                store.lsh_add_many(items)
            batches.append([(k, seq) for seq, fp in items for k in fp.keys])
    expected = _expected(batches, 8)
    with SQLiteStore.open(tmp_path / "s.db") as store:  # read back from the file
        assert store.lsh_buckets(sorted(expected), 8) == expected
    conn = sqlite3.connect(tmp_path / "s.db")
    count = conn.execute("SELECT COUNT(*) FROM lsh_segment").fetchone()[0]
    conn.close()
    assert count <= 6  # log2(40 batches) + 1


def test_a_rolled_back_batch_leaves_no_buckets_and_another_writer_is_seen(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with SQLiteStore.open(db) as store, SQLiteStore.open(db) as other:
        with store.transaction():
            store.lsh_add_many([(_add(store, 1), _fp(5, 6, 9))])
        with pytest.raises(RuntimeError), store.transaction():
            store.lsh_add_many([(_add(store, 2), _fp(7))])
            assert store.lsh_buckets([5, 7], 8) == {5: [1], 7: [2]}
            raise RuntimeError("killed")
        with other.transaction():  # a second writer on the same file
            # It reuses the rolled-back article seq and segment row id.
            seq = _add(other, 3)
            other.lsh_add_many([(seq, _fp(8))])
        assert store.lsh_buckets([5, 6, 7, 8], 8) == {5: [1], 6: [1], 8: [seq]}


def test_a_corrupt_segment_is_reported_with_the_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with SQLiteStore.open(db) as store, store.transaction():
        store.lsh_add_many([(_add(store, 1), _fp(5, 6))])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE lsh_segment SET seqs = x'0102'")
    conn.commit()
    conn.close()
    with SQLiteStore.open(db) as store, pytest.raises(StorageError, match=r"segment .* unreadable"):
        store.lsh_buckets([5], 8)


@pytest.mark.parametrize("max_entries", [buckets.MAX_ENTRIES, 3])
def test_version_2_bucket_rows_become_the_first_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, max_entries: int
) -> None:
    monkeypatch.setattr(buckets, "MAX_ENTRIES", max_entries)  # a huge table, in small
    db = tmp_path / "v2.db"
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:2]:
        assert isinstance(script, str)
        conn.executescript(script)
    conn.executemany(
        "INSERT INTO lsh_entry (key, article) VALUES (?, ?)", [(5, 1), (5, 2), (9, 2), (5, 3)]
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with SQLiteStore.open(db) as store:
        assert store.lsh_buckets([5, 9, 11], 2) == {5: [2, 3], 9: [2]}
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    segments = conn.execute("SELECT COUNT(*) FROM lsh_segment").fetchone()[0]
    conn.close()
    assert "lsh_entry" not in tables and "lsh_segment" in tables
    assert segments == (1 if max_entries > 4 else 2)
