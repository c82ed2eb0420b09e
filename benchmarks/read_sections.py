"""A fixed random sample of what story pages show on AllSides dev, printed to be read.

    python benchmarks/read_sections.py figures [--n 60] [--seed 3]
    python benchmarks/read_sections.py groups [--n 40] [--seed 5]
    python benchmarks/read_sections.py conflicts
    python benchmarks/read_sections.py exclusive [--n 12] [--seed 11]
    python benchmarks/read_sections.py timeline [--n 40] [--seed 7]
    python benchmarks/read_sections.py quotes [--n 40] [--seed 9]

The AllSides dev stories (``../shared/benchmarks/stories``) carry no gold for
figures, quotes or single-source facts, so their precision is measured by
reading: each gold story is analysed alone (its articles only, so clustering
errors do not enter), a sample is drawn with a fixed seed, and a person marks
each item right or wrong. ``figures`` prints single figures with their label
and sentence; ``groups`` figures that several outlets report, grouped as one
quantity, with their status; ``conflicts`` every group called conflicting
(what a journalist reads first); ``exclusive`` the single-source facts of a
sample of stories of three outlets; ``timeline`` dated entries with the
article's own date and weekday, to check each resolved day. Articles keep the
date their URL gives (``published``), as the set states it. What reading
found goes in the README. ``quotes`` prints quotations shown with a speaker,
and the sentence, to check who said them.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.analysis.exclusive import exclusive_section
from newsprism.analysis.numbers import extract_mentions, numbers_section
from newsprism.analysis.quotes import quotes_section
from newsprism.analysis.timeline import timeline_section
from newsprism.models import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "benchmarks" / "stories" / "allsides-2021-dev.jsonl"


def stories(path: Path) -> dict[str, list[Article]]:
    """The gold stories of the file, each as its articles."""
    out: dict[str, list[Article]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        out.setdefault(r["story"], []).append(
            Article(
                id=r["id"],
                source=r["url"],
                text=r["text"],
                title=r["title"],
                outlet=r["outlet"],
                published=date.fromisoformat(r["published"]) if r.get("published") else None,
            )
        )
    return out


def _groups(by_story: dict[str, list[Article]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for sid, articles in by_story.items():
        for entry in numbers_section(articles):
            if len({m["article"] for m in entry["mentions"]}) > 1:
                yield sid, entry


def _print_group(sid: str, entry: dict[str, Any]) -> None:
    print(f"== {sid} [{entry['what']}] {entry['status']}")
    for m in entry["mentions"]:
        print(f"   {m['article']}: «{m['text']}» [{m['low']}, {m['high']}]")
        print(f"      {m['sentence'][:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what", choices=["figures", "groups", "conflicts", "exclusive", "timeline", "quotes"]
    )
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}: nothing to read")
        return 0
    by_story = stories(args.data)
    rng = random.Random(args.seed)
    if args.what == "figures":
        mentions = [
            m for arts in by_story.values() for a in arts for m in extract_mentions(a.id, a.text)
        ]
        print(f"{len(mentions)} figures in {len(by_story)} stories; a sample of {args.n}:")
        for m in rng.sample(mentions, min(args.n, len(mentions))):
            print(f"[{m.what}] [{m.low}, {m.high}] «{m.text}» attributed to {m.attribution!r}")
            print(f"    {m.sentence[:200]}")
    elif args.what in ("groups", "conflicts"):
        groups = list(_groups(by_story))
        conflicting = [g for g in groups if g[1]["status"] == "conflicting"]
        print(f"{len(groups)} quantities told by several outlets, {len(conflicting)} conflicting")
        chosen = (
            conflicting
            if args.what == "conflicts"
            else rng.sample(groups, min(args.n, len(groups)))
        )
        for sid, entry in chosen:
            _print_group(sid, entry)
    elif args.what == "quotes":
        shown = [
            (e["speaker"], v)
            for arts in by_story.values()
            for e in quotes_section(arts)
            for v in e["variants"]
        ]
        named = [x for x in shown if x[0]]
        print(
            f"{len(shown)} quotations, {len(named)} with a speaker; a sample of {args.n} of those:"
        )
        for speaker, v in rng.sample(named, min(args.n, len(named))):
            print(f"== {v['article']} speaker {speaker!r}: «{v['text'][:100]}»")
            print(f"   {v['sentence'][:240]}")
    elif args.what == "timeline":
        entries = []
        for sid, arts in by_story.items():
            dates = {a.id: a.published for a in arts}
            for e in timeline_section(arts):
                entries.append((sid, e, dates))
        print(f"{len(entries)} timeline entries; a sample of {args.n}:")
        for sid, e, dates in rng.sample(entries, min(args.n, len(entries))):
            day = date.fromisoformat(e["date"])
            own = ", ".join(
                f"{a}: {d:%a %Y-%m-%d}" if d else f"{a}: undated" for a, d in dates.items()
            )
            guessed = " (dated by the story)" if e.get("dated_by_story_for") else ""
            print(f"== {sid} {day:%a %Y-%m-%d}{guessed} <- {', '.join(e['articles'])}")
            print(f"   {e['what'][:220]}")
            print(f"   articles' own dates: {own}")
    else:
        three = sorted(sid for sid, arts in by_story.items() if len(arts) == 3)
        for sid in rng.sample(three, min(args.n, len(three))):
            facts = exclusive_section(by_story[sid])
            print(f"== {sid}: {len(facts)} single-source facts")
            for fact in facts:
                after = f"  [after: {fact['context']}]" if fact.get("context") else ""
                print(f"   {fact['article']}: {fact['text']}{after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
