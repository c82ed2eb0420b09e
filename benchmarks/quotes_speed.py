"""Cost of the quotes section per article (issue target: at most 2 ms).

    python benchmarks/quotes_speed.py [--runs 5]

Articles: the PolNeAR dev texts and the seeds from ../shared when present
(real news prose, quote-dense), else the invented examples/. Reports the
median over runs of (extraction + speaker resolution + grouping) per article,
with stories of 20 articles as the section is built per story.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsprism.analysis.quotes import quotes_section
from newsprism.models import Article, RawRecord
from newsprism.sources.files import read_inputs
from newsprism.sources.items import Limits
from newsprism.text.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def articles() -> list[Article]:
    folders = [SHARED / "benchmarks" / "quotes" / "polnear-dev" / "text", SHARED / "seeds"]
    paths = [p for p in folders if p.is_dir()] or [ROOT / "examples"]
    out = []
    for n, item in enumerate(read_inputs(paths, Limits())):
        if isinstance(item, RawRecord):
            found = extract(item)
            out.append(Article(id=f"a{n}", source=item.source, text=found.text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    docs = articles()
    stories = [docs[i : i + 20] for i in range(0, len(docs), 20)]
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        entries = sum(len(quotes_section(story)) for story in stories)
        times.append((time.perf_counter() - t0) / len(docs))
    print(f"{len(docs)} articles in {len(stories)} stories of up to 20; {entries} quote entries")
    print(f"quotes: median {statistics.median(times) * 1000:.2f} ms/article over {args.runs} runs")


if __name__ == "__main__":
    main()
