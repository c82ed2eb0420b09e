"""Run clean_text on the five seed articles and score the result.

Writes a minimal newsprism-report/1 JSON (one story holding every seed) and
runs ``shared/eval/score.py seeds`` on it, printing the scorer's ``clean:``
line and its marks line. Also prints the mean time of one clean_text call.

    .venv/bin/python benchmarks/clean_seeds.py [--shared ../shared] [--show]

Exits 0 with a note when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsprism.text.clean import clean_text

ROOT = Path(__file__).resolve().parent.parent
# How many times each seed is cleaned for the timing figure.
TIMING_ROUNDS = 200


def build_report(seeds: Path) -> dict[str, object]:
    articles = []
    for n, path in enumerate(sorted(seeds.glob("*.txt"))):
        found = clean_text(path.read_text(encoding="utf-8"))
        articles.append(
            {
                "id": f"a-{n}",
                "source": path.name,
                "url": None,
                "outlet": found.outlet,
                "title": found.title,
                "published": found.published.isoformat() if found.published else None,
                "text": found.text,
                "duplicate_of": None,
                "story": "s-1",
            }
        )
    story = {"id": "s-1", "title": None, "articles": [a["id"] for a in articles]}
    return {"format": "newsprism-report/1", "articles": articles, "stories": [story]}


def time_per_article(seeds: Path) -> float:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    start = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for t in texts:
            clean_text(t)
    return (time.perf_counter() - start) / (TIMING_ROUNDS * len(texts))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="print each cleaned article")
    args = ap.parse_args(argv)
    seeds = args.shared / "seeds"
    scorer = args.shared / "eval" / "score.py"
    if not (seeds / "gold.json").is_file() or not scorer.is_file():
        print(f"skipped: {seeds} or {scorer} not found")
        return 0
    report = build_report(seeds)
    if args.show:
        for a in report["articles"]:  # type: ignore[attr-defined]
            print(f"===== {a['source']} | {a['title']!r} | {a['outlet']!r} | {a['published']}")
            print(a["text"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(scorer), "seeds", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
    for line in run.stdout.splitlines():
        if line.startswith(("clean:", "  clean:")) or line.lower().startswith(("marks", "seeds")):
            print(line)
    if run.returncode:
        print(run.stderr, file=sys.stderr)
        return run.returncode
    print(f"clean_text: {1000 * time_per_article(seeds):.3f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
