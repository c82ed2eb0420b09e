"""Every story of several articles among unrelated pages, printed to be read.

    python benchmarks/cluster_pages.py                  # the 181 extraction pages (HTML)
    python benchmarks/cluster_pages.py --text           # the same pages as scraped text
    python benchmarks/cluster_pages.py --why            # and what carried each join

The 181 pages of the extraction benchmark (``../shared/benchmarks/extraction``)
are about unrelated things (no two were picked as one story), so a story of
several of them is a merge to read: either a real copy or a second report of
one event (rare), or two events put together. This runs the pipeline on them
into a temporary database and prints each such story: its articles' titles,
dates, outlets and copy links, and the first words of their texts. How many
there are, and what reading them found, goes in the README.

With ``--why``, the stored articles are put through the story index again, in
the order they were stored, and each article that joined a story is shown
with the probability the decision gave and the features that carried it
(weight times value, largest first): what to change when a join is wrong.
Merges of two stories are not shown (only joins); a note says when the
replay's stories differ from the stored ones.
"""

from __future__ import annotations

import argparse
import math
import tempfile
from pathlib import Path

from newsprism.index.stories import FEATURES, ClusterDoc, ClusterOptions, StoryIndex
from newsprism.models import Article
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.store import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
HTML = SHARED / "extraction" / "html"
TEXT = SHARED / "scraped" / "text"


Join = tuple[str, float, list[float]]  # the story joined, the probability, the features


def decision(features: list[float], options: ClusterOptions) -> tuple[float, list[float]]:
    """The decision's probability and each feature's term of the logit (weight x value).

    The same model as the index's (``StoryIndex``): the untitled one when a
    headline is missing.
    """
    untitled = features[FEATURES.index("untitled")]
    intercept, weights = (
        (options.untitled_intercept, options.untitled_weights)
        if untitled
        else (options.model_intercept, options.model_weights)
    )
    terms = [w * x for w, x in zip(weights, features, strict=True)]
    z = intercept + sum(terms)
    return (0.0 if z < -30.0 else 1.0 / (1.0 + math.exp(-z))), terms


def replay(arts: list[Article], options: ClusterOptions) -> tuple[dict[str, str], dict[str, Join]]:
    """Each article's story and, for those that joined one, what carried the join."""
    index = StoryIndex(options)
    joins: dict[str, Join] = {}
    story: dict[str, str] = {}
    for a in arts:

        def choose(described: list[tuple[str, list[float]]], aid: str = a.id) -> str | None:
            # The index's own rule: the likeliest at or above join_probability,
            # ties to the smaller story id.
            best: str | None = None
            best_p = options.join_probability
            for sid, feats in described:
                p, _ = decision(feats, options)
                if p >= best_p and (best is None or p > best_p or sid < best):
                    best, best_p = sid, p
            if best is not None:
                joins[aid] = (best, best_p, dict(described)[best])
            return best

        story[a.id] = index.assign(
            ClusterDoc(id=a.id, title=a.title, text=a.text, published=a.published), choose
        )
    story.update(index.export_changes().moves)
    return story, joins


def why(arts: list[Article], options: ClusterOptions) -> None:
    """Print what carried each join of a story of several articles."""
    originals = [a for a in arts if a.duplicate_of is None]
    story, joins = replay(originals, options)

    def partition(of: dict[str, str]) -> set[frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for aid, sid in of.items():
            groups.setdefault(sid, set()).add(aid)
        return {frozenset(g) for g in groups.values()}

    if partition(story) != partition({a.id: str(a.story) for a in originals}):
        print("\nnote: the replay's stories differ from the stored ones (merges, or copies)")
    title = {a.id: a.title or "" for a in originals}
    members: dict[str, list[str]] = {}
    for aid, sid in story.items():
        members.setdefault(sid, []).append(aid)
    print("\nwhat carried each join (weight x value of the three largest terms of the logit):")
    for aid in (a.id for a in originals):
        if aid not in joins or len(members[story[aid]]) < 2:
            continue
        _, p, feats = joins[aid]
        _, terms = decision(feats, options)
        top = sorted(zip(FEATURES, terms, feats, strict=True), key=lambda t: -abs(t[1]))[:3]
        first = members[story[aid]][0]
        print(f"  p {p:.2f} {title[aid][:60]!r} joined {title[first][:40]!r}")
        print("    " + ", ".join(f"{name} {x:.2f} ({w:+.2f})" for name, w, x in top))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--text", action="store_true", help="the scraped-text renderings")
    parser.add_argument("--words", type=int, default=30, help="first words shown per article")
    parser.add_argument("--why", action="store_true", help="what carried each join")
    args = parser.parse_args(argv)
    folder = TEXT if args.text else HTML
    if not folder.exists():
        print(f"skipped: {folder} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "pages.db"
        result = analyze([folder], AnalyzeOptions(db=db))
        with SQLiteStore.open(db) as store:
            arts = list(store.articles())
            by_story: dict[str, list[object]] = {}
            for a in arts:
                by_story.setdefault(str(a.story), []).append(a)
            multi = {sid: m for sid, m in by_story.items() if len(m) > 1}
            print(
                f"{len(arts)} articles ({result.copies} copies), {len(by_story)} stories, "
                f"{len(multi)} of several articles"
            )
            for n, (sid, members) in enumerate(sorted(multi.items()), start=1):
                print(f"\n[{n}] {sid}: {len(members)} articles")
                for a in store.articles([m.id for m in members]):  # type: ignore[attr-defined]
                    name = Path(a.source).name
                    copy = f" copy of {a.duplicate_of}" if a.duplicate_of else ""
                    print(f"  - {name} ({a.outlet}, {a.published}){copy}")
                    print(f"    title: {a.title}")
                    print(f"    text: {' '.join(a.text.split()[: args.words])}")
            if args.why:
                why(arts, AnalyzeOptions(db=db).cluster)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
