"""The whole engine on the five seed articles, scored by ``score.py facts``.

Runs ``newsprism analyze`` on ``../shared/seeds`` into a temporary folder and
prints the scorer's lines for what a story page shows: the figures and the
quotes, each with precision (shown items that are right) and recall, against
the exhaustive list in ``../shared/benchmarks/facts/seeds-facts.jsonl``. With
``--show N`` the scorer also lists up to N wrong items of each kind.

    .venv/bin/python benchmarks/facts_seeds.py [--shared ../shared] [--show N]

Exits 0 with a note when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from newsprism.cli import main as newsprism_main

ROOT = Path(__file__).resolve().parent.parent


def facts_lines(shared: Path, show: int = 0) -> list[str]:
    """The scorer's output lines for a fresh report on the seeds."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        argv = ["analyze", str(shared / "seeds"), "--db", str(Path(tmp) / "s.db")]
        with contextlib.redirect_stdout(io.StringIO()):  # the run's own summary table
            code = newsprism_main([*argv, "--json", str(report)])
        if code != 0:
            raise SystemExit("newsprism analyze failed")
        done = subprocess.run(
            [
                sys.executable,
                str(shared / "eval" / "score.py"),
                "facts",
                str(report),
                str(shared / "benchmarks" / "facts" / "seeds-facts.jsonl"),
                "--show",
                str(show),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return done.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="list up to N wrong items")
    args = ap.parse_args(argv)
    if not (args.shared / "benchmarks" / "facts" / "seeds-facts.jsonl").is_file():
        print(f"no facts list under {args.shared}: nothing to measure")
        return 0
    for line in facts_lines(args.shared, args.show):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
