"""The analyze run end to end on invented articles: copies, stories, reruns, kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FLOOD_A, FLOOD_B
from newsprism import engines
from newsprism.models import RawRecord
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.sources import files as ingest
from newsprism.sources import items as source_items
from newsprism.store import SQLiteStore
from newsprism.text.extract import article_id


def _dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, story, duplicate_of, title FROM article ORDER BY id").fetchall()
    rows += conn.execute("SELECT id, title FROM story ORDER BY id").fetchall()
    conn.close()
    return rows


def test_copies_and_stories(corpus: Path, tmp_path: Path) -> None:
    result = analyze([corpus], AnalyzeOptions(db=tmp_path / "n.db"))
    assert (result.added, result.copies, result.failed) == (4, 1, ())
    with SQLiteStore.open(tmp_path / "n.db") as store:
        by_name = {Path(a.source).name: a for a in store.articles()}
    a, b = by_name["flood-a.txt"], by_name["flood-b.txt"]
    reprint, election = by_name["flood-reprint.txt"], by_name["election.txt"]
    assert reprint.duplicate_of == a.id and a.duplicate_of is None and b.duplicate_of is None
    assert a.story == b.story == reprint.story
    assert election.story != a.story


def test_rerun_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    analyze([corpus], AnalyzeOptions(db=db))
    before = _dump(db)
    again = analyze([corpus], AnalyzeOptions(db=db))
    assert (again.added, again.unchanged) == (0, 4)
    assert _dump(db) == before


def test_later_files_join_existing_stories(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    first = analyze([corpus / "flood-a.txt"], AnalyzeOptions(db=db))
    second = analyze([corpus], AnalyzeOptions(db=db))
    assert (first.added, second.added, second.unchanged) == (1, 3, 1)
    with SQLiteStore.open(db) as store:
        stories = {Path(a.source).name: a.story for a in store.articles()}
    assert stories["flood-b.txt"] == stories["flood-a.txt"] == first.stories[0]


def test_one_bad_file_does_not_stop_the_batch(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.html").write_bytes(bytes(range(256)) * 10)
    result = analyze([corpus, tmp_path / "missing"], AnalyzeOptions(db=tmp_path / "n.db"))
    assert result.added == 4
    assert sorted(Path(e.source).name for e in result.failed) == [
        "empty.txt",
        "junk.html",
        "missing",
    ]


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=30))
def test_ingest_twice_gives_the_same_ids(content: str, name: str) -> None:
    record = RawRecord(source=f"x/{name}", key=name, kind="text", content=content)
    moved = RawRecord(source=f"elsewhere/{name}", key=name, kind="text", content=content)
    other = RawRecord(source=f"x/{name}", key=name, kind="text", content=content + " more")
    assert article_id(record) == article_id(record) == article_id(moved)
    assert article_id(record) != article_id(other)


def test_ids_are_stable_across_databases(corpus: Path, tmp_path: Path) -> None:
    analyze([corpus], AnalyzeOptions(db=tmp_path / "1.db"))
    analyze([str(corpus) + "/"], AnalyzeOptions(db=tmp_path / "2.db"))
    assert _dump(tmp_path / "1.db") == _dump(tmp_path / "2.db")


_KILL_SCRIPT = """
import sys
from pathlib import Path
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
analyze([sys.argv[1]], AnalyzeOptions(db=Path(sys.argv[2]), batch_size=5))
"""


def test_sigkill_midway_leaves_a_consistent_db_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    n = 300
    for i in range(n):
        body = FLOOD_A if i % 2 else FLOOD_B
        (folder / f"{i:04d}.txt").write_text(body.replace("Marrowby", f"Marrowby {i} town"))
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(folder), str(db)])
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=1)
                stored = conn.execute("SELECT COUNT(*) FROM article").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                continue  # the schema is being created
            if stored >= 20:
                break
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT COUNT(*) FROM article").fetchone()[0]
    assert 20 <= count < n and count % 5 == 0  # whole batches only
    orphans = conn.execute(
        "SELECT COUNT(*) FROM article a LEFT JOIN article_signature s ON s.article = a.seq "
        "WHERE s.article IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    conn.close()

    rerun = analyze([folder], AnalyzeOptions(db=db, batch_size=5))
    assert rerun.unchanged == count and rerun.added == n - count
    # The result equals one uninterrupted run.
    analyze([folder], AnalyzeOptions(db=tmp_path / "clean.db", batch_size=5))
    assert _dump(db) == _dump(tmp_path / "clean.db")


def _fight_reports(folder: Path) -> None:
    """Ten reports each of two title fights of one boxer (see test_cluster)."""
    import random

    rng = random.Random(3)
    common = "Brannoch heavyweight title champion defended belts knockout fight crowd".split()
    events = [
        "Okafor Mannheim arena first round 2008 Saturday stoppage referee jab".split(),
        "Lindqvist Bern stadium sixth round 2012 unanimous corner towel uppercut".split(),
    ]
    for e, words in enumerate(events):
        for i in range(10):
            body = [rng.choice(common) for _ in range(35)] + [rng.choice(words) for _ in range(10)]
            body += [f"word{rng.randrange(300)}" for _ in range(30)]
            rng.shuffle(body)
            text = f"Brannoch beats {words[0]} ({i})\n\n" + " ".join(body) + ".\n"
            (folder / f"{e}-{i:02d}.txt").write_text(text, encoding="utf-8")
    # A reprint of the second event's first report: it follows its original.
    (folder / "1-00-reprint.txt").write_text(
        (folder / "1-00.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )


def test_a_split_story_is_stored_as_two(tmp_path: Path) -> None:
    folder = tmp_path / "fights"
    folder.mkdir()
    _fight_reports(folder)
    db = tmp_path / "f.db"
    result = analyze([folder], AnalyzeOptions(db=db, batch_size=4))
    with SQLiteStore.open(db) as store:
        arts = {Path(a.source).name: a for a in store.articles()}
        stories = {s.id: s for s in store.stories()}
    first = {arts[f"0-{i:02d}.txt"].story for i in range(10)}
    second = {arts[f"1-{i:02d}.txt"].story for i in range(10)}
    assert len(first) == 1 and len(second) == 1 and first != second
    (a,), (b,) = first, second
    assert a is not None and b is not None
    assert arts["1-00-reprint.txt"].story == b
    assert set(stories) == {a, b} and set(result.stories) == {a, b}
    assert stories[a].articles == 10 and stories[b].articles == 11
    assert (stories[a].title or "").startswith("Brannoch beats Okafor")
    assert (stories[b].title or "").startswith("Brannoch beats Lindqvist")
    # A rerun changes nothing, and a fresh run in other batches agrees.
    before = _dump(db)
    analyze([folder], AnalyzeOptions(db=db, batch_size=4))
    assert _dump(db) == before
    analyze([folder], AnalyzeOptions(db=tmp_path / "other.db", batch_size=7))
    assert _dump(tmp_path / "other.db") == before


def test_batch_boundaries_do_not_change_copies_or_stories(tmp_path: Path) -> None:
    """Copies are looked up per batch (stored buckets read at once, the batch in
    memory): one article per batch and many per batch must decide alike, copies
    of an article in the same batch included, and so must an earlier-dated
    reprint that arrives after its original (the original becomes its copy)."""
    from dataclasses import replace
    from datetime import timedelta

    from conftest import load_synth
    from newsprism.pipeline import process_records

    records = list(load_synth().generate(240, seed=5))
    first = records[10]
    assert first.published is not None
    early = replace(
        first,
        key="early-reprint.txt",
        source="x/early-reprint.txt",
        published=first.published - timedelta(days=3),
    )
    later = replace(first, key="later-reprint.txt", source="x/later-reprint.txt")
    records.insert(40, early)
    records.insert(60, later)

    def run(batch_size: int) -> list[tuple[object, ...]]:
        db = tmp_path / f"b{batch_size}.db"
        with SQLiteStore.open(db) as store:
            result = process_records(records, store, AnalyzeOptions(db=db, batch_size=batch_size))
        assert result.added == len(records) and not result.failed
        return _dump(db)

    one, some, all_ = run(1), run(16), run(1000)
    assert one == some == all_
    dup = {r[0]: r[2] for r in one if len(r) == 4}
    assert sum(v is not None for v in dup.values()) >= 8
    early_id = article_id(early)
    assert dup[early_id] is None
    assert dup[article_id(first)] == dup[article_id(later)] == early_id


def test_a_batch_pauses_the_garbage_collector_and_restores_it(tmp_path: Path) -> None:
    """The collector is paused while a batch runs (full collections over the
    whole index cost ~4% of a run and freed nothing), a cycle made meanwhile is
    still freed by the end of the batch, and the caller's setting comes back,
    also when the batch fails."""
    import gc
    import weakref

    from conftest import load_synth
    from newsprism.errors import StorageError
    from newsprism.pipeline import process_records

    records = list(load_synth().generate(30, seed=2))

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    states: list[bool] = []
    cycles: list[weakref.ref[Cycle]] = []

    def progress(source: str) -> None:
        states.append(gc.isenabled())
        cycles.append(weakref.ref(Cycle()))

    assert gc.isenabled()
    db = tmp_path / "gc.db"
    with SQLiteStore.open(db) as store:
        process_records(records, store, AnalyzeOptions(db=db, batch_size=10), progress)
    assert len(states) == 30 and not any(states)
    assert gc.isenabled()
    assert all(ref() is None for ref in cycles)

    gc.disable()
    try:
        with SQLiteStore.open(tmp_path / "off.db") as store:
            process_records(records[:5], store, AnalyzeOptions(db=tmp_path / "off.db"))
        assert not gc.isenabled()
    finally:
        gc.enable()

    class Broken(SQLiteStore):
        def known_ids(self, ids: object) -> set[str]:
            raise StorageError("the disk went away")

    with Broken.open(tmp_path / "broken.db") as broken:
        try:
            process_records(records, broken, AnalyzeOptions(db=tmp_path / "broken.db"))
        except StorageError:
            pass
        else:
            raise AssertionError("the store's error should reach the caller")
    assert gc.isenabled()


# ---------------------------------------------------------------- rerun skips


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """Replace ``module.name`` by a wrapper that logs each call's first argument."""
    calls: list[str] = []
    real = getattr(module, name)

    def counted(first: object, *args: object, **kwargs: object) -> object:
        calls.append(str(getattr(first, "source", first)))
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as written (the real rule waits 2 s)."""
    monkeypatch.setattr(source_items, "SETTLE_NS", -(10**9))


def _source_files(db: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT path, records FROM source_file ORDER BY path").fetchall()
    conn.close()
    return [(Path(p).name, n) for p, n in rows]


def test_stored_articles_are_not_extracted_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files just written are not settled, so the rerun reads them again and
    # finds their ids stored: extraction is skipped by id.
    extracted = _count_calls(monkeypatch, engines, "extract")
    db = tmp_path / "n.db"
    analyze([corpus], AnalyzeOptions(db=db))
    assert len(extracted) == 4
    before = _dump(db)
    again = analyze([corpus], AnalyzeOptions(db=db))
    assert (again.added, again.unchanged) == (0, 4)
    assert len(extracted) == 4  # not one more call
    assert _dump(db) == before
    assert _source_files(db) == []  # nothing settled yet, nothing stamped


def test_settled_files_are_not_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled_at_once: None
) -> None:
    decoded = _count_calls(monkeypatch, ingest, "decode_bytes")
    db = tmp_path / "n.db"
    first = analyze([corpus], AnalyzeOptions(db=db))
    assert (first.added, len(decoded)) == (4, 4)
    assert _source_files(db) == [
        ("election.txt", 1),
        ("flood-a.txt", 1),
        ("flood-b.txt", 1),
        ("flood-reprint.txt", 1),
    ]
    before = _dump(db)
    ticks: list[str] = []
    again = analyze([corpus], AnalyzeOptions(db=db), progress=ticks.append)
    assert (again.added, again.unchanged, again.failed) == (0, 4, ())
    assert len(decoded) == 4  # no file read again
    assert len(ticks) == 4
    assert _dump(db) == before


def test_a_rewritten_file_is_read_again_even_with_its_old_size_and_mtime(
    corpus: Path, tmp_path: Path, settled_at_once: None
) -> None:
    db = tmp_path / "n.db"
    analyze([corpus], AnalyzeOptions(db=db))
    path = corpus / "election.txt"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("a", "e", 1)
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as `cp -p` or `touch -r` would
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    again = analyze([corpus], AnalyzeOptions(db=db))
    assert (again.added, again.unchanged) == (1, 3)  # the change time gave it away


def test_json_container_is_stamped_with_its_record_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled_at_once: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [{"id": f"r{i}", "title": f"Story {i}", "text": FLOOD_A + f" {i}"} for i in range(3)]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(o) for o in lines), encoding="utf-8")
    db = tmp_path / "n.db"
    # batches of two: the file's stamp is stored with the batch holding its last record
    first = analyze([folder], AnalyzeOptions(db=db, batch_size=2))
    assert first.added == 3 and _source_files(db) == [("feed.jsonl", 3)]
    extracted = _count_calls(monkeypatch, engines, "extract")
    again = analyze([folder], AnalyzeOptions(db=db, batch_size=2))
    assert (again.added, again.unchanged, extracted) == (0, 3, [])


def test_a_file_that_failed_is_read_and_reported_again(
    corpus: Path, tmp_path: Path, settled_at_once: None
) -> None:
    (corpus / "blank.html").write_text("<html><body><script>x()</script></body></html>")
    (corpus / "broken.jsonl").write_text('{"id": 1, "text": "Fine text here."}\n{broken\n')
    db = tmp_path / "n.db"
    first = analyze([corpus], AnalyzeOptions(db=db))
    again = analyze([corpus], AnalyzeOptions(db=db))
    reasons = sorted(Path(e.source).name for e in first.failed)
    assert reasons == ["blank.html", "broken.jsonl#2"]
    assert sorted(Path(e.source).name for e in again.failed) == reasons
    assert again.added == 0 and again.unchanged == first.added
    assert [name for name, _ in _source_files(db)] == [
        "election.txt",
        "flood-a.txt",
        "flood-b.txt",
        "flood-reprint.txt",
    ]


def _dated_synthetic(n: int, seed: int) -> list[RawRecord]:
    """Synthetic records (copies among them) in date order: window order is input order."""
    from conftest import load_synth

    records = [r for r in load_synth().generate(n, seed=seed) if r.published is not None]
    return sorted(records, key=lambda r: r.published)


def test_the_partitioned_mode_stores_one_process_stories_and_a_plain_run_goes_on(
    tmp_path: Path,
) -> None:
    from newsprism.partitioned import PartitionOptions
    from newsprism.pipeline import process_records

    records = _dated_synthetic(300, seed=8)
    first, later = records[:200], records[200:]
    start, end = first[0].published, first[-1].published
    assert start is not None and end is not None and (end - start).days > 21  # several windows

    def run(name: str, partition: PartitionOptions | None) -> list[tuple[object, ...]]:
        db = tmp_path / f"{name}.db"
        with SQLiteStore.open(db) as store:
            done = process_records(first, store, AnalyzeOptions(db=db), partition=partition)
            assert done.added == len(first) and done.stories
            assert done.copies  # copies follow their originals' stories
            more = process_records(later, store, AnalyzeOptions(db=db))
            assert more.added == len(later)
        return _dump(db)

    one = run("one", None)
    assert run("partitioned", PartitionOptions(window_days=7)) == one
    # On 2 worker processes alike.
    assert run("two", PartitionOptions(window_days=7, workers=2)) == one


def test_the_partitioned_mode_refuses_a_database_with_stories(corpus: Path, tmp_path: Path) -> None:
    from newsprism.errors import NewsprismError

    db = tmp_path / "n.db"
    analyze([corpus], AnalyzeOptions(db=db))
    with pytest.raises(NewsprismError, match="already holds 3 clustered articles"):
        analyze([corpus], AnalyzeOptions(db=db), partition_days=7)
