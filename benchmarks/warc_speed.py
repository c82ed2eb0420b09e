"""Speed of WARC ingestion: ``newsprism analyze FILE.warc.gz`` beside warcio and trafilatura alone.

Usage::

    .venv/bin/python benchmarks/warc_speed.py [--runs 5] [--copies 3] [--shared DIR]

An archive is written first (not timed) with warcio, one gzip member per
record as Common Crawl writes them: the 181 pages of
``../shared/benchmarks/extraction/html`` ``--copies`` times over (each copy
under its own URL, so every page is a new record), each response followed by
its request record and, every tenth, an image response, so the reader also
passes over what is not an HTML page. Each run then times, each side in its
own fresh subprocess (imports done before the clock starts), in alternating
order from run to run:

* ``warcio``: the library's plain iteration, reading every record's body;
* ``warcio + trafilatura``: the same, plus one ``trafilatura.bare_extraction``
  per HTML response with the options newsprism passes (``html.EXTRACTION_OPTIONS``
  and its htmldate options): what an ingestion that only extracted would cost;
* ``newsprism``: the whole ``newsprism.pipeline.analyze([archive])`` into a
  fresh SQLite file (reading, inflating, decoding, extraction, copies,
  stories, commits).

Each run prints pages/s of each side (CPU seconds of the child, which do not
grow when other work shares the machine, and wall seconds) and the ratio
newsprism / (warcio + trafilatura); the last lines give the medians over runs.
Exits 0 without measuring when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import gzip
import io
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
side, archive, db = sys.argv[1], sys.argv[2], sys.argv[3]
from warcio.archiveiterator import ArchiveIterator
import trafilatura
from newsprism.text import html as np_html
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def plain(extract):
    pages = 0
    with open(archive, "rb") as fh:
        for record in ArchiveIterator(fh):
            body = record.content_stream().read()
            kind = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            if record.rec_type == "response" and kind.startswith("text/html"):
                pages += 1
                if extract:
                    trafilatura.bare_extraction(
                        body.decode("utf-8", "replace"), with_metadata=True,
                        **np_html.EXTRACTION_OPTIONS,
                    )
    return pages

t0, c0 = time.perf_counter(), cpu()
if side == "newsprism":
    result = analyze([archive], AnalyzeOptions(db=db))
    pages = result.added + result.unchanged + len(result.failed)
else:
    pages = plain(side == "warcio+trafilatura")
print(json.dumps({"pages": pages, "wall": time.perf_counter() - t0, "cpu": cpu() - c0}))
"""

SIDES = ("warcio", "warcio+trafilatura", "newsprism")


def write_archive(pages: list[bytes], copies: int, path: Path) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    written = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for copy in range(copies):
            for n, page in enumerate(pages):
                url = f"https://archive.test/{copy}/{n}.html"
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "response", payload=io.BytesIO(page), http_headers=http
                    )
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "request", payload=io.BytesIO(f"GET {url} HTTP/1.1\r\n\r\n".encode())
                    )
                )
                written += 1
                if n % 10 == 0:
                    image = StatusAndHeaders(
                        "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
                    )
                    writer.write_record(
                        writer.create_warc_record(
                            url + ".png",
                            "response",
                            payload=io.BytesIO(b"\x89PNG" * 64),
                            http_headers=image,
                        )
                    )
    return written


def _time(side: str, archive: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, side, str(archive), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    folder = args.shared / "benchmarks" / "extraction" / "html"
    if not folder.is_dir():
        print(f"skipped: {folder} not found")
        return 0
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    rates: dict[str, list[float]] = {s: [] for s in SIDES}
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "pages.warc.gz"
        count = write_archive(pages, args.copies, archive)
        print(f"archive: {count} HTML pages, {archive.stat().st_size / 1e6:.1f} MB")
        for run in range(args.runs):
            order = SIDES if run % 2 == 0 else tuple(reversed(SIDES))
            got: dict[str, dict[str, float]] = {}
            for side in order:
                db = Path(tmp) / f"run{run}.db"
                got[side] = _time(side, archive, db)
                db.unlink(missing_ok=True)
            line = []
            for side in SIDES:
                rate = got[side]["pages"] / got[side]["cpu"]
                rates[side].append(rate)
                line.append(f"{side} {rate:,.1f} pages/s (wall {got[side]['wall']:.1f} s)")
            ratio = rates["newsprism"][-1] / rates["warcio+trafilatura"][-1]
            ratios.append(ratio)
            print(f"run {run + 1}: " + "; ".join(line) + f"; ratio {ratio:.2f}")
    for side in SIDES:
        print(f"median {side}: {statistics.median(rates[side]):,.1f} pages/s (CPU)")
    print(f"median ratio newsprism / (warcio + trafilatura): {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
