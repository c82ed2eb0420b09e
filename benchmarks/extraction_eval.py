"""Score :func:`newsprism.text.html.extract_html` on the shared extraction benchmark.

Runs the extractor over every page of ``../shared/benchmarks/extraction``
(181 real news pages with human ground truth), writes a newsprism-report/1
JSON, runs the shared scorer on it (word 4-gram shingle F1) and prints the
scorer's last lines and the median time per page.

    python benchmarks/extraction_eval.py [--out REPORT.json] [--shared DIR]

Exits 0 without doing anything when the shared folder is absent.
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

import charset_normalizer

from newsprism.text.html import extract_html

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"


def decode(data: bytes) -> str:
    """Bytes to text the simple way the pipeline's decoder starts: UTF-8 first,
    else charset-normalizer's best guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def load_pages(bench: Path) -> list[tuple[str, str]]:
    """(file name, decoded HTML) for every benchmark page, sorted by name."""
    return [
        (path.name, decode(gzip.decompress(path.read_bytes())))
        for path in sorted((bench / "html").glob("*.html.gz"))
    ]


def run(
    bench: Path, pages: list[tuple[str, str]]
) -> tuple[dict[str, object], list[tuple[float, float]]]:
    """Extract every page; the report and per-page (wall, CPU) times in ms.

    CPU time is reported beside wall time because it does not grow when other
    processes share the machine, so runs stay comparable.
    """
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    articles: list[dict[str, object]] = []
    times: list[tuple[float, float]] = []
    for name, html in pages:
        key = name.removesuffix(".html.gz")
        url = truth.get(key, {}).get("url")
        start, start_cpu = time.perf_counter(), time.thread_time()
        found = extract_html(html, url=url)
        times.append(
            ((time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000)
        )
        articles.append(
            {
                "id": key,
                "source": name,
                "text": found.text,
                "url": found.url,
                "outlet": found.outlet,
                "title": found.title,
                "published": found.published.isoformat() if found.published else None,
                "duplicate_of": None,
                "story": None,
            }
        )
    return {"format": "newsprism-report/1", "articles": articles, "stories": []}, times


def score(shared: Path, report: Path) -> str:
    """The shared scorer's output for ``report``."""
    bench = shared / "benchmarks" / "extraction"
    result = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            "extraction",
            str(report),
            str(bench / "ground-truth.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the report (default: temp)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    bench = args.shared / "benchmarks" / "extraction"
    if not (bench / "ground-truth.json").is_file():
        print(f"skipped: no benchmark at {bench}")
        return 0
    pages = load_pages(bench)
    report, times = run(bench, pages)
    with tempfile.TemporaryDirectory() as tmp:
        out: Path = args.out or Path(tmp) / "extraction-report.json"
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        lines = score(args.shared, out).strip().splitlines()
    print("\n".join(lines[-3:]))
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    print(f"median {wall:.1f} ms/page wall, {cpu:.1f} ms CPU, over {len(times)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
