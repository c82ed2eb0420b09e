"""One record cannot cost the others: a stuck extraction or a failing store is its own error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsprism import engines, pipeline
from newsprism.budget import BudgetExceeded, cpu_budget
from newsprism.models import Article, Extracted, RawRecord
from newsprism.options import AnalyzeOptions
from newsprism.sources.items import Limits
from newsprism.store import SQLiteStore

BODY = (
    "The council voted on Tuesday to expand the bus network, officials said. "
    "The plan adds four routes and costs about $12 million over two years."
)


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_budget_stops_a_block_that_uses_too_much_cpu() -> None:
    with pytest.raises(BudgetExceeded), cpu_budget(0.05):
        _spin(5.0)
    with cpu_budget(5.0):  # within budget: nothing happens, and the timer is off after
        _spin(0.01)
    _spin(0.1)


def test_a_stuck_record_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engines.extract  # type: ignore[attr-defined]

    def extract(record: RawRecord) -> Extracted:
        if record.key == "stuck.txt":
            _spin(10.0)  # a loop that would run far past the budget
        return real(record)

    monkeypatch.setattr(engines, "extract", extract)
    records = [
        RawRecord(source=f"in/{name}", key=name, kind="text", content=f"Headline {name}\n{BODY}")
        for name in ("good.txt", "stuck.txt", "after.txt")
    ]
    options = AnalyzeOptions(db=tmp_path / "x.db", limits=Limits(max_record_cpu_seconds=0.2))
    with SQLiteStore.open(options.db) as store:
        result = pipeline.process_records(records, store, options)
    assert result.added == 2
    assert [(e.source, "CPU time" in str(e)) for e in result.failed] == [("in/stuck.txt", True)]


def _story_sets(store: SQLiteStore) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article in store.articles():
        story = store.story_of(article.id)
        assert story is not None
        groups.setdefault(story, set()).add(article.source)
    return {frozenset(g) for g in groups.values()}


def test_a_record_failing_in_a_stateful_stage_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug in storing one record (copies, stories, SQLite) rolls its batch
    # back; the batch's other records go in again, one at a time, from the
    # stored state, and give what a run without the bad record gives.
    bodies = {
        "a.txt": f"Buses\\n{BODY}",
        "bad.txt": "Trams\\nThe tram line opens next spring, the operator said on Friday.",
        "b.txt": f"More buses\\n{BODY} Riders welcomed the plan.",
        "c.txt": "Library\\nThe library will close for repairs in May, the council said.",
    }
    records = [
        RawRecord(source=f"in/{name}", key=name, kind="text", content=text)
        for name, text in bodies.items()
    ]
    options = AnalyzeOptions(db=tmp_path / "x.db", batch_size=10)
    with SQLiteStore.open(options.db) as store:
        real = store.add_article

        def add_article(article: Article) -> int:
            if article.source == "in/bad.txt":
                raise RuntimeError("a bug")
            return real(article)

        monkeypatch.setattr(store, "add_article", add_article)
        result = pipeline.process_records(records, store, options)
        got = _story_sets(store)
    assert result.added == 3
    assert [e.source for e in result.failed] == ["in/bad.txt"]
    clean = AnalyzeOptions(db=tmp_path / "clean.db", batch_size=10)
    with SQLiteStore.open(clean.db) as store:
        pipeline.process_records([r for r in records if r.key != "bad.txt"], store, clean)
        assert got == _story_sets(store)
