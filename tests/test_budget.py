"""A record stuck in extraction is reported and skipped; the others are stored."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsprism import pipeline
from newsprism.budget import BudgetExceeded, cpu_budget
from newsprism.ingest import Limits
from newsprism.models import Extracted, RawRecord
from newsprism.options import AnalyzeOptions
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
    real = pipeline.extract  # type: ignore[attr-defined]

    def extract(record: RawRecord) -> Extracted:
        if record.key == "stuck.txt":
            _spin(10.0)  # a loop that would run far past the budget
        return real(record)

    monkeypatch.setattr(pipeline, "extract", extract)
    records = [
        RawRecord(source=f"in/{name}", key=name, kind="text", content=f"Headline {name}\n{BODY}")
        for name in ("good.txt", "stuck.txt", "after.txt")
    ]
    options = AnalyzeOptions(db=tmp_path / "x.db", limits=Limits(max_record_cpu_seconds=0.2))
    with SQLiteStore.open(options.db) as store:
        result = pipeline.process_records(records, store, options)
    assert result.added == 2
    assert [(e.source, "CPU time" in str(e)) for e in result.failed] == [("in/stuck.txt", True)]
