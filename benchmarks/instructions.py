"""Instructions per article of the plain-text path, counted by valgrind: a steady A/B measure.

Usage::

    .venv/bin/python benchmarks/instructions.py --n 1000

Wall-clock figures (benchmarks/throughput.py) are the targets, but on a shared
virtual machine they drift by a third within an hour, which hides any change
smaller than that. The number of instructions the CPU executes does not
drift: with a fixed string-hash seed, two runs of the same code give the
same count to within a few hundredths of a percent. So compare two commits
with this script, then confirm with throughput.py.

It runs two child processes under ``valgrind --tool=cachegrind`` (no cache
simulation): one generates N synthetic records (``synth.generate``), the other
generates them and runs ``process_records`` into a temporary database. The
difference, divided by N, is the pipeline's instructions per article. It
measures the newsprism the interpreter imports, compiled or not (the first
line says which). Instructions are not time: a cache miss costs more than an
addition, so a change that saves instructions but touches more memory may
still be slower.

Needs valgrind (``apt install valgrind``); it runs about 25 times slower than
the plain interpreter, so keep N small (1,000 takes about a minute).

Two runs of one build still differ a little (by up to 0.1% of a child's
count: 7.714 and 7.724 M per article, one build measured twice), so a change
of a few hundredths of a million per article needs ``--repeat 3`` (the
median of three counts of each child) to be told from that.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from statistics import median

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _child(n: int, seed: int, run: bool) -> None:
    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import process_records
    from newsprism.store import SQLiteStore
    from synth import generate

    records = list(generate(n, seed))
    if not run:
        return
    with tempfile.TemporaryDirectory(prefix="newsprism-instr-") as tmp:
        options = AnalyzeOptions(db=Path(tmp) / "instr.db")
        with SQLiteStore.open(options.db) as store:
            process_records(records, store, options)


def _count(n: int, seed: int, run: bool) -> int:
    child = ["--child", "run" if run else "generate", "--n", str(n), "--seed", str(seed)]
    return instructions_of(Path(__file__), child)


def instructions_of(script: Path, args: Sequence[str]) -> int:
    """Instructions a Python child ``script args`` executes, counted by cachegrind."""
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        str(script.resolve()),
        *args,
    ]
    # A fixed string-hash seed: set and dict layouts, and so the instruction
    # count, are then the same from run to run. One BLAS thread: NumPy's
    # OpenBLAS starts a pool of threads on import that spin while idle, and
    # valgrind counts their spinning, which depends on scheduling (the
    # generating child alone measured 2,274 and 2,229 M instructions in two
    # runs of one build; with one thread, 2,229 and 2,228 M). The pipeline
    # calls no BLAS routine (its arrays are integers).
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    found = _REFS.search(proc.stderr)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind run failed:\n{proc.stderr.strip()[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="synthetic records")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="count each child this many times (median)"
    )
    parser.add_argument("--child", choices=["generate", "run"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        _child(args.n, args.seed, args.child == "run")
        return 0
    if shutil.which("valgrind") is None:
        print("instructions.py needs valgrind (apt install valgrind)", file=sys.stderr)
        return 2

    from throughput import _build

    print(f"build: {_build()}")
    repeat = max(1, args.repeat)
    generate_only = int(median(_count(args.n, args.seed, run=False) for _ in range(repeat)))
    with_pipeline = int(median(_count(args.n, args.seed, run=True) for _ in range(repeat)))
    per_article = (with_pipeline - generate_only) / args.n
    print(
        f"n={args.n:,}: generate {generate_only:,} instructions, generate + pipeline "
        f"{with_pipeline:,}" + (f" (medians of {repeat} counts)" if repeat > 1 else "")
    )
    print(f"pipeline: {per_article / 1e6:.3f} M instructions per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
