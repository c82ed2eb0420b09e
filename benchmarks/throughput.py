"""Throughput and scaling of the plain-text path: clean + dedupe + cluster + store.

Usage::

    .venv/bin/python benchmarks/throughput.py --sizes 10000 100000 --runs 3

It measures the newsprism the interpreter imports: a regular install
(``pip install .``) runs the hot stages compiled, an editable one runs them
as Python (see setup.py); the first lines say which.

For each size N and run, a fresh subprocess generates N synthetic records with
``synth.generate`` (not timed), then times, on the same records:

* ``baseline``: writing the raw texts into a fresh SQLite file with
  ``executemany`` in transactions of ``batch_size`` (same pragmas as the store),
  plus a trivial pass (``str.split`` of every text). It has no analysis in it,
  so ``pipeline / baseline`` says how much the analysis costs on *this*
  machine, which makes figures comparable between machines;
* ``pipeline``: ``process_records`` into a fresh temporary database.

Memory: each measurement runs in its own subprocess, which reports its own
peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` read in
the child; the parent's ``RUSAGE_CHILDREN`` would be a maximum over all
children so far). The records are held in memory while timing, so the table
also shows the peak minus the RSS right after generation: what the pipeline
itself added.

Targets (checked with ``--check``): articles/s at the largest size >= 500, and
per-article time at the largest size <= 1.5 x that at the smallest.

Wall-clock times are the headline figures; CPU time of the child is shown too,
because on a shared machine wall time also counts waiting for a core, and so
is the time spent in the cyclic garbage collector (the pipeline pauses it per
batch; see ``pipeline._young_collections_only``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

RATE_TARGET = 500.0  # articles/s at the largest size, one core
SCALING_TARGET = 1.5  # per-article time, largest size / smallest size


@dataclass(frozen=True, slots=True)
class Measurement:
    """What one child process measured for one size."""

    n: int
    seed: int
    gen_s: float
    baseline_s: float  # SQLite executemany of the raw texts
    trivial_s: float  # one str.split pass over the texts
    pipeline_s: float
    pipeline_cpu_s: float
    gc_s: float  # of pipeline_s, spent in the cyclic garbage collector
    added: int
    unchanged: int
    copies: int
    failed: int
    stories: int
    rss_before_kb: int
    peak_rss_kb: int

    @property
    def rate(self) -> float:
        return self.n / self.pipeline_s

    @property
    def per_article_ms(self) -> float:
        return 1000 * self.pipeline_s / self.n


# --------------------------------------------------------------------------
# Child side: one measurement, result as JSON on stdout.
# --------------------------------------------------------------------------


def _rss_kb() -> int:
    """Current resident set size in KiB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return _peak_rss_kb()


def _peak_rss_kb() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is KiB on Linux but bytes on macOS.
    return peak // 1024 if sys.platform == "darwin" else peak


def _baseline(records: Sequence[object], db: Path, batch_size: int) -> float:
    """Seconds to write every raw text into SQLite, batched like the pipeline."""
    import sqlite3

    from newsprism.models import RawRecord

    rows = [(r.key, r.content) for r in records if isinstance(r, RawRecord)]
    t0 = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE raw (key TEXT PRIMARY KEY, content TEXT NOT NULL)")
    for start in range(0, len(rows), batch_size):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO raw VALUES (?, ?)", rows[start : start + batch_size])
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t0


class _GcTimer:
    """Wall time spent in the cyclic garbage collector (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.total = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start


def _child(n: int, seed: int) -> Measurement:
    # Imported here, not at module level: the parent only orchestrates and must
    # work (and report clearly) even when the library is not importable.
    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import process_records
    from newsprism.store import SQLiteStore
    from synth import generate

    t0 = time.perf_counter()
    records = list(generate(n, seed))
    gen_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        options = AnalyzeOptions(db=Path(tmp) / "bench.db")
        baseline_s = _baseline(records, Path(tmp) / "baseline.db", options.batch_size)
        t0 = time.perf_counter()
        words = sum(len(r.content.split()) for r in records)
        trivial_s = time.perf_counter() - t0
        assert words > 0

        rss_before = _rss_kb()
        store = SQLiteStore.open(options.db)
        gc_timer = _GcTimer()
        gc.callbacks.append(gc_timer)
        try:
            c0, t0 = time.process_time(), time.perf_counter()
            result = process_records(records, store, options)
            pipeline_s = time.perf_counter() - t0
            pipeline_cpu_s = time.process_time() - c0
        finally:
            gc.callbacks.remove(gc_timer)
            store.close()
    return Measurement(
        n=n,
        seed=seed,
        gen_s=gen_s,
        baseline_s=baseline_s,
        trivial_s=trivial_s,
        pipeline_s=pipeline_s,
        pipeline_cpu_s=pipeline_cpu_s,
        gc_s=gc_timer.total,
        added=result.added,
        unchanged=result.unchanged,
        copies=getattr(result, "copies", -1),
        failed=len(result.failed),
        stories=len(getattr(result, "stories", ())),
        rss_before_kb=rss_before,
        peak_rss_kb=_peak_rss_kb(),
    )


# --------------------------------------------------------------------------
# Parent side: run children, print the table and the summary.
# --------------------------------------------------------------------------


def _measure(n: int, seed: int, timeout: float) -> Measurement:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), "--seed", str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"measurement of n={n} failed:\n{proc.stderr.strip()}")
    return Measurement(**json.loads(proc.stdout.strip().splitlines()[-1]))


def _mb(kb: int) -> str:
    return f"{kb / 1024:,.0f}"


def _print_row(m: Measurement, run: int) -> None:
    ratio = m.pipeline_s / m.baseline_s
    print(
        f"{m.n:>8,} {run:>3} {m.gen_s:>7.1f} {m.baseline_s:>8.2f} {m.pipeline_s:>9.2f} "
        f"{m.rate:>8,.0f} {m.n / m.pipeline_cpu_s:>8,.0f} {m.gc_s:>6.1f} {ratio:>7.1f} "
        f"{_mb(m.peak_rss_kb):>8} {_mb(m.peak_rss_kb - m.rss_before_kb):>7} "
        f"{m.added:>7,} {m.copies:>6,} {m.stories:>7,} {m.failed:>5}",
        flush=True,
    )


def _build() -> str:
    """Which newsprism modules run compiled (a regular install) or as Python (editable)."""
    import importlib.machinery
    import importlib.util
    import pkgutil

    import newsprism

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    # Found, not imported: the extension files setup.py built, whatever it lists.
    compiled = []
    # Walked through the stage folders too (text/, index/ hold the compiled ones).
    for info in pkgutil.walk_packages(newsprism.__path__, "newsprism."):
        if info.ispkg:
            continue
        spec = importlib.util.find_spec(info.name)
        if spec is not None and (spec.origin or "").endswith(suffixes):
            compiled.append(info.name.removeprefix("newsprism."))
    if not compiled:
        return "pure Python (editable install or NEWSPRISM_PURE=1; see setup.py)"
    return f"compiled with mypyc: {', '.join(compiled)} (see setup.py)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--json", type=Path, help="also write all measurements here")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        print(json.dumps(asdict(_child(args.child, args.seed))))
        return 0

    sizes = sorted(set(args.sizes))
    print(
        f"newsprism throughput — Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {platform.platform(terse=True)}"
    )
    print(f"build: {_build()}")
    print("pipeline = process_records (clean + dedupe + cluster + store), one process, wall s")
    print("baseline = raw texts into SQLite with executemany, same batching")
    print("gc s = of pipe s, time in the cyclic garbage collector (gc.callbacks)")
    print("peak RSS = ru_maxrss of the measuring subprocess; +RSS = peak minus RSS after gen\n")
    header = (
        f"{'size':>8} {'run':>3} {'gen s':>7} {'base s':>8} {'pipe s':>9} {'art/s':>8} "
        f"{'cpu a/s':>8} {'gc s':>6} {'x base':>7} {'peak MB':>8} {'+RSS MB':>7} {'added':>7} "
        f"{'copies':>6} {'stories':>7} {'fail':>5}"
    )
    print(header)
    print("-" * len(header))
    results: dict[int, list[Measurement]] = {}
    for n in sizes:
        for run in range(1, args.runs + 1):
            m = _measure(n, args.seed, args.timeout)
            results.setdefault(n, []).append(m)
            _print_row(m, run)

    print("\nmedians over runs")
    for n in sizes:
        ms = results[n]
        rate = statistics.median(m.rate for m in ms)
        ratio = statistics.median(m.pipeline_s / m.baseline_s for m in ms)
        triv = statistics.median(m.pipeline_s / m.trivial_s for m in ms)
        peak = max(m.peak_rss_kb for m in ms)
        print(
            f"  n={n:>8,}: {rate:8,.0f} articles/s  "
            f"{statistics.median(m.per_article_ms for m in ms):6.2f} ms/article  "
            f"{ratio:5.1f}x SQLite baseline  {triv:6.0f}x split pass  peak RSS {_mb(peak)} MB"
        )

    ok = True
    largest = statistics.median(m.rate for m in results[sizes[-1]])
    rate_ok = largest >= RATE_TARGET
    ok &= rate_ok
    print(
        f"\narticles/s at n={sizes[-1]:,}: {largest:,.0f} "
        f"(target >= {RATE_TARGET:,.0f}: {'met' if rate_ok else 'MISSED'})"
    )
    if len(sizes) > 1:
        small = statistics.median(m.per_article_ms for m in results[sizes[0]])
        large = statistics.median(m.per_article_ms for m in results[sizes[-1]])
        scaling = large / small
        scaling_ok = scaling <= SCALING_TARGET
        ok &= scaling_ok
        print(
            f"per-article time n={sizes[-1]:,} / n={sizes[0]:,}: {scaling:.2f} "
            f"(target <= {SCALING_TARGET}: {'met' if scaling_ok else 'MISSED'})"
        )
    if args.json:
        payload = {str(n): [asdict(m) for m in ms] for n, ms in results.items()}
        args.json.write_text(json.dumps(payload, indent=2))
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
