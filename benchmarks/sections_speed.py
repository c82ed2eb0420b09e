"""Cost of each story-analysis section, per article and per 20-article story.

    python benchmarks/sections_speed.py [--runs 5]

Targets (issues): quotes and numbers at most 2 ms per article each; all
sections of a 20-article story within 1 s. Articles: the PolNeAR dev texts and
the seeds from ../shared when present (long, quote- and figure-dense news), else
the invented examples/. Medians over runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from newsprism.analysis import section_builders, story_sections
from newsprism.models import Article
from quotes_speed import articles


def _median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    docs = articles()
    stories: list[Sequence[Article]] = [docs[i : i + 20] for i in range(0, len(docs), 20)]
    print(f"{len(docs)} articles in {len(stories)} stories of up to 20")
    for name, build in section_builders().items():

        def run(build: Callable[[Sequence[Article]], Any] = build) -> None:
            for story in stories:
                build(story)

        print(f"{name:10s} median {_median_ms(run, args.runs) / len(docs):.2f} ms/article")
    full = [s for s in stories if len(s) == 20]
    if full:
        ms = _median_ms(lambda: story_sections(full[0]), args.runs)
        print(f"all sections of one 20-article story: median {ms:.0f} ms")


if __name__ == "__main__":
    main()
