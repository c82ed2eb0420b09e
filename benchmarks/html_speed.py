"""Speed of the HTML path: ``newsprism analyze`` against trafilatura alone, side by side.

Usage::

    .venv/bin/python benchmarks/html_speed.py [--runs 5] [--shared DIR]

On the 181 pages of ``../shared/benchmarks/extraction/html/*.html.gz``, each
run times, each side in its own fresh subprocess (modules imported and a
one-page warm-up done before the clock starts, so neither side pays for
imports or gets caches warmed by the other, or by an earlier run):

* ``trafilatura``: trafilatura alone, what newsprism's HTML path would be if
  it did nothing but call its extractor. The pages are read and decoded
  beforehand (not timed) with newsprism's own decoder, so both sides extract
  the same strings; then, per page, one
  ``trafilatura.bare_extraction(page, with_metadata=True, ...)`` with
  exactly the extraction options ``newsprism.text.html`` passes
  (``html.EXTRACTION_OPTIONS``: precision mode, no comments, tables, no
  formatting, links or images) and its htmldate options (original date,
  extensive search). That is body plus metadata (title, date, site name,
  URL) from trafilatura's own pipeline, the same work newsprism asks of it.
* ``newsprism``: the whole ``newsprism analyze`` path in-process,
  ``newsprism.pipeline.analyze([folder])`` into a fresh SQLite file:
  listing, reading, gunzip, decoding (encoding detection, mojibake check),
  extraction, copy detection, stories and the commits.
* ``rerun``: the same call again on the database the first call filled
  (every page already stored; nothing is added). The pages are settled
  files whose stamps the first run stored, so none is read again.
* ``rerun by id``: the same once more, with the file stamps not consulted
  (``process_records(read_inputs(...))``, as for files touched or copied
  since): every page is read and decoded, and its article id found stored,
  so extraction, copies and stories are skipped.

Each run prints wall and CPU seconds (CPU time of the child, which does not
grow when other work shares the machine), ``ratio`` = trafilatura time /
newsprism time of that same run (1.0 = newsprism costs no more than
trafilatura alone; target >= 0.8) and ``rerun speedup`` = first analyze time
/ rerun time of that run (target >= 10; ``by id`` the same for the
rerun by id). The last lines give the medians over
the runs, of the times and of the per-run ratios. The two sides run in
alternating order from run to run, so a drift in the machine's speed does not
favour one of them.

Exits 0 without measuring when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
PAGES = Path("benchmarks") / "extraction" / "html"
RATIO_TARGET = 0.8
RERUN_TARGET = 10.0

# A small page for the warm-up (lazy imports inside trafilatura, htmldate and
# the pipeline run once before timing); not one of the measured pages.
_WARM_UP = (
    "<html lang='en'><head><title>Warm-up page | Example News</title></head><body>"
    "<article><h1>Warm-up page</h1><p>Published on 3 March 2024.</p>"
    + "<p>A paragraph of ordinary text that only warms the extractor up. </p>" * 12
    + "</article></body></html>"
)


def _timed(work: object) -> tuple[float, float]:
    """(wall, CPU) seconds of calling ``work``."""
    assert callable(work)
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _worker_trafilatura(folder: Path) -> dict[str, float]:
    import trafilatura

    from newsprism.sources.decode import decode_bytes
    from newsprism.text.html import EXTRACTION_OPTIONS, date_params

    pages = [
        decode_bytes(gzip.decompress(path.read_bytes()), str(path), html=True)
        for path in sorted(folder.glob("*.html.gz"))
    ]

    def extract_all(pages: list[str]) -> None:
        for page in pages:
            trafilatura.bare_extraction(
                page,
                url=None,  # newsprism's records of .html files carry no URL either
                with_metadata=True,
                date_extraction_params=date_params(),
                **EXTRACTION_OPTIONS,
            )

    extract_all([_WARM_UP])
    wall, cpu = _timed(lambda: extract_all(pages))
    return {"pages": len(pages), "wall": wall, "cpu": cpu}


def _worker_newsprism(folder: Path) -> dict[str, float]:
    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import RunResult, analyze, process_records
    from newsprism.sources.files import read_inputs
    from newsprism.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        warm.mkdir()
        (warm / "warm-up.html").write_text(_WARM_UP, encoding="utf-8")
        analyze([warm], AnalyzeOptions(db=Path(tmp) / "warm.db"))

        options = AnalyzeOptions(db=Path(tmp) / "bench.db")
        results: list[RunResult] = []
        first = _timed(lambda: results.append(analyze([folder], options)))
        again = _timed(lambda: results.append(analyze([folder], options)))

        def by_id() -> None:
            with SQLiteStore.open(options.db) as store:
                results.append(process_records(read_inputs([folder]), store, options))

        again_by_id = _timed(by_id)
    done, *redone = results
    for rerun in redone:
        if done.failed or rerun.added or rerun.unchanged != done.added:
            raise SystemExit(f"unexpected runs: {done} then {rerun}")
    return {
        "pages": done.added,
        "wall": first[0],
        "cpu": first[1],
        "rerun_wall": again[0],
        "rerun_cpu": again[1],
        "by_id_wall": again_by_id[0],
    }


def _measure(side: str, folder: Path) -> dict[str, float]:
    """One side, in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", side, "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--worker", choices=["trafilatura", "newsprism"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        work = _worker_trafilatura if args.worker == "trafilatura" else _worker_newsprism
        print(json.dumps(work(args.folder)))
        return 0

    folder = args.shared / PAGES
    if not any(folder.glob("*.html.gz")):
        print(f"skipped: no pages at {folder}")
        return 0
    rows: list[tuple[dict[str, float], dict[str, float]]] = []
    for run in range(1, args.runs + 1):
        sides = ["trafilatura", "newsprism"] if run % 2 else ["newsprism", "trafilatura"]
        measured = {side: _measure(side, folder) for side in sides}
        traf, ours = measured["trafilatura"], measured["newsprism"]
        if traf["pages"] != ours["pages"]:
            raise SystemExit(f"pages differ: {traf['pages']} vs {ours['pages']}")
        rows.append((traf, ours))
        print(
            f"run {run}: trafilatura {traf['wall']:.2f} s ({traf['cpu']:.2f} CPU), "
            f"newsprism {ours['wall']:.2f} s ({ours['cpu']:.2f} CPU), "
            f"rerun {ours['rerun_wall']:.3f} s, by id {ours['by_id_wall']:.3f} s; "
            f"ratio {traf['wall'] / ours['wall']:.2f}, "
            f"rerun speedup {ours['wall'] / ours['rerun_wall']:.0f}x, "
            f"by id {ours['wall'] / ours['by_id_wall']:.1f}x",
            flush=True,
        )

    def median(values: list[float]) -> float:
        return statistics.median(values)

    pages = int(rows[0][1]["pages"])
    traf_wall = median([t["wall"] for t, _ in rows])
    ours_wall = median([o["wall"] for _, o in rows])
    rerun_wall = median([o["rerun_wall"] for _, o in rows])
    ratio = median([t["wall"] / o["wall"] for t, o in rows])
    ratio_cpu = median([t["cpu"] / o["cpu"] for t, o in rows])
    speedup = median([o["wall"] / o["rerun_wall"] for _, o in rows])
    by_id_wall = median([o["by_id_wall"] for _, o in rows])
    by_id = median([o["wall"] / o["by_id_wall"] for _, o in rows])
    print(f"medians over {len(rows)} runs, {pages} pages:")
    print(
        f"trafilatura alone {traf_wall:.2f} s ({traf_wall / pages * 1000:.1f} ms/page), "
        f"newsprism analyze {ours_wall:.2f} s ({ours_wall / pages * 1000:.1f} ms/page), "
        f"rerun {rerun_wall:.3f} s, rerun by id {by_id_wall:.3f} s"
    )
    print(
        f"ratio trafilatura/newsprism {ratio:.2f} wall, {ratio_cpu:.2f} CPU "
        f"(target >= {RATIO_TARGET}); rerun speedup {speedup:.0f}x, by id {by_id:.1f}x "
        f"(target >= {RERUN_TARGET:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
