"""The HTML path with local worker processes against one process, side by side.

Usage::

    .venv/bin/python benchmarks/workers_speed.py [--runs 3] [--copies 2] [--workers 2]

Lays out the 181 pages of ``../shared/benchmarks/extraction/html``
``--copies`` times (each copy under its own name) and times, each in a fresh
subprocess, ``newsprism.pipeline.analyze([folder])`` into a fresh database
with one process and with ``--workers`` processes, alternating which goes
first. Wall time (parallel work is what is measured): pages/s of each and
their ratio per run, then the medians. The issue's target on this 2-core
machine: >= 1.8 with 2 workers. Run it on a quiet machine: other work
sharing the cores lowers the ratio, not the one-process rate alone.

Because a busy machine blurs wall times, each run also gives the serial
part directly: the CPU time of the writer process with workers (what no
worker can take over) as a share ``s`` of the one-process CPU time, and the
ratio Amdahl's law allows with it, ``1 / (s + (1 - s) / workers)``; and,
with the workers' own CPU time (what they add: starting, pickling), the
ratio the CPU times predict: one process's CPU over the writer's plus the
workers' shared among them.
Exits 0 without measuring when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
folder, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0, c0 = time.perf_counter(), time.process_time()
result = analyze([folder], AnalyzeOptions(db=Path(db), workers=workers))
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"pages": result.added + len(result.failed), "wall": wall, "cpu": cpu,
                  "workers_cpu": kids.ru_utime + kids.ru_stime}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    source = args.shared / "benchmarks" / "extraction" / "html"
    if not source.is_dir():
        print(f"skipped: {source} not found")
        return 0
    ratios: list[float] = []
    shares: list[float] = []
    predicted: list[float] = []
    rates: dict[int, list[float]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for copy in range(args.copies):
            for page in sorted(source.glob("*.html.gz")):
                (folder / f"{copy}-{page.name}").write_bytes(page.read_bytes())
        for run in range(args.runs):
            sides = [1, args.workers] if run % 2 == 0 else [args.workers, 1]
            got: dict[int, float] = {}
            cpu: dict[int, float] = {}
            spread = 0.0
            for workers in sides:
                db = Path(tmp) / f"r{run}-{workers}.db"
                out = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(folder), str(db), str(workers)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                data = json.loads(out.stdout.splitlines()[-1])
                got[workers] = data["pages"] / data["wall"]
                cpu[workers] = data["cpu"] / data["pages"]
                spread = max(spread, data["workers_cpu"] / data["pages"])
                rates[workers].append(got[workers])
            ratio = got[args.workers] / got[1]
            ratios.append(ratio)
            share = cpu[args.workers] / cpu[1]
            shares.append(share)
            predicted.append(cpu[1] / (cpu[args.workers] + spread / args.workers))
            print(
                f"run {run + 1}: one process {got[1]:.1f} pages/s, "
                f"{args.workers} workers {got[args.workers]:.1f} pages/s, ratio {ratio:.2f}; "
                f"CPU ms/page one process {1000 * cpu[1]:.1f}, "
                f"writer {1000 * cpu[args.workers]:.1f} "
                f"(serial share {share:.3f}, Amdahl bound {_amdahl(share, args.workers):.2f}), "
                f"workers {1000 * spread:.1f} (CPU-predicted ratio {predicted[-1]:.2f})"
            )
    print(f"median one process: {statistics.median(rates[1]):.1f} pages/s")
    print(f"median {args.workers} workers: {statistics.median(rates[args.workers]):.1f} pages/s")
    share = statistics.median(shares)
    print(f"median serial share: {share:.3f} (Amdahl bound {_amdahl(share, args.workers):.2f})")
    print(f"median CPU-predicted ratio: {statistics.median(predicted):.2f}")
    print(f"runs: {' '.join(f'{r:.2f}' for r in ratios)}; min ratio {min(ratios):.2f}")
    print(f"median ratio: {statistics.median(ratios):.2f}")
    return 0


def _amdahl(serial: float, workers: int) -> float:
    return 1.0 / (serial + (1.0 - serial) / workers)


if __name__ == "__main__":
    raise SystemExit(main())
