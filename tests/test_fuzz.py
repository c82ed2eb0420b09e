"""A short pass of the fuzz harness (benchmarks/fuzz.py) and its seed corpus.

The long run (>= 100,000 inputs) is the benchmark script; here each target
gets a few dozen derandomized inputs, enough to catch a stage that no
longer survives hostile input, and the corpus is analysed end to end.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsprism.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fuzz_corpus"


def _harness() -> ModuleType:
    name = "newsprism_bench_fuzz"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["decode", "ingest", "extract", "clean", "sections", "render"])
def test_short_fuzz_run_has_no_crash_and_no_hang(target: str) -> None:
    tally = _harness().fuzz(target, 25, budget=10.0)
    assert tally.runs >= 20
    assert tally.crashes == []
    assert tally.hangs == []


def test_the_harness_counts_a_crash() -> None:
    """The harness must be able to fail: a target that raises is counted, not hidden."""
    harness = _harness()
    targets = harness.TARGETS
    crashing = ("boom", lambda text: 1 / 0 if text else None, {"text": harness.texts()})
    setattr(harness, "TARGETS", (*targets, crashing))  # noqa: B010 - a module from a path
    try:
        tally = harness.fuzz("boom", 10, budget=10.0)
    finally:
        setattr(harness, "TARGETS", targets)  # noqa: B010
    assert tally.crashes and tally.crashes[0].startswith("ZeroDivisionError")


def test_corpus_analyses_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, report = tmp_path / "f.db", tmp_path / "r.json"
    code = main(["analyze", str(CORPUS), "--db", str(db), "--json", str(report)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1 and "deep.json" in err  # the one input that must be refused
    sources = {
        Path(a["source"].split("#")[0]).name for a in json.loads(report.read_text())["articles"]
    }
    # Everything else is stored, the scripts without spaces and the repaired records included.
    expected = {p.name for p in CORPUS.iterdir()} - {"deep.json"}
    assert sources == expected
