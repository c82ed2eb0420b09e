"""Score gate on the seeds: the whole report, every section (see ../shared/eval/score.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

# Measured marks (a commit may raise these floors, not lower them):
# story 1.00, clean 1.00, quotes 1.00, numbers 1.00, timeline 1.00, exclusive 1.00,
# framing 1.00, summary 1.00; total 100.0/100.
FLOORS = {
    "story": 1.0,
    "clean": 1.0,
    "quotes": 1.0,
    "numbers": 1.0,
    "timeline": 1.0,
    "exclusive": 1.0,
    "framing": 1.0,
    "summary": 1.0,
}
TOTAL_FLOOR = 100.0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")
def test_seeds_gate(tmp_path: Path) -> None:
    from newsprism.cli import main

    out = tmp_path / "r.json"
    assert main(["analyze", str(SEEDS), "--db", str(tmp_path / "s.db"), "--json", str(out)]) == 0
    done = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "seeds", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    marks_line = next(x for x in lines if x.startswith("marks:"))
    marks = {
        k: float(v) for k, v in (part.split() for part in marks_line[len("marks:") :].split(","))
    }
    for section, floor in FLOORS.items():
        assert marks[section] >= floor, marks_line
    total = float(lines[-1].split()[1].split("/")[0])
    assert total >= TOTAL_FLOOR, lines[-1]
    # The detail behind the quotes and numbers marks, exactly as measured.
    assert "quotes: found 20/20, right speaker 20/20, variants grouped 3/3" in lines
    assert (
        "numbers: found 19/19, interval right 19/19, same-quantity pairs grouped 20/20, "
        "status right 10/10, false extractions 0/3"
    ) in lines
