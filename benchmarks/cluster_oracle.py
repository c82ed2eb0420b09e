"""Where the story decision loses: the engine beside oracles over the same candidates.

    python benchmarks/cluster_oracle.py              # held-out halves, file order
    python benchmarks/cluster_oracle.py --shuffle 3  # and 3 shuffled orders

The story index offers each article a few candidate stories and the learned
decision joins one or none (``StoryIndex.assign``). Here the decision is
replaced (``assign(..., choose=...)``) by choosers that know the gold label,
on the halves the decision was not fitted on (the AllSides test half, the odd
ECB+ topics; see ``cluster_fit.py``):

* ``engine``: the decision itself, replayed (stories it would merge are not
  merged: merges need the index's own path);
* ``oracle``: the candidate that holds the article's event, else a new story;
* ``veto``: the engine's joins, but a join into a story that does not hold
  the article's event starts a new story instead (no false join);
* ``rescue``: the engine's joins, and where it started a new story while its
  likeliest candidate holds the event, that candidate (no missed join);
* ``gate``: the likeliest candidate when it holds the event, else a new story
  (a perfect yes/no on the engine's own ranking).

How far ``veto`` and ``rescue`` each lift B-cubed F1 says whether the
decision needs more precision or more recall; ``oracle`` against ``gate``
what its ranking of the candidates costs. A story holds an event when most
of its articles are of it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from cluster_allsides import Record, fmt, load, scorer
from cluster_fit import docs, load_ecb
from cluster_pages import decision
from newsprism.index.stories import ClusterOptions, StoryIndex

CHOOSERS = ("engine", "oracle", "veto", "rescue", "gate")


def run(
    records: Sequence[Record], label: str, chooser: str, options: ClusterOptions
) -> dict[str, str]:
    """Each record's story when ``chooser`` decides (see the module doc)."""
    index = StoryIndex(options)
    story: dict[str, str] = {}
    gold_of: dict[str, str] = {}
    event: dict[str, str] = {}  # story -> the gold label most of its articles carry
    for rec, doc in zip(records, docs(records), strict=True):
        gold = str(rec[label])

        def choose(described: list[tuple[str, list[float]]], gold: str = gold) -> str | None:
            holds = {sid for sid, _ in described if event.get(sid) == gold}
            likeliest: str | None = None
            best_p = -1.0
            for sid, feats in described:
                p, _ = decision(feats, options)
                if p > best_p or (p == best_p and likeliest is not None and sid < likeliest):
                    likeliest, best_p = sid, p
            joined = likeliest if best_p >= options.join_probability else None
            if chooser == "oracle":
                return next((sid for sid, _ in described if sid in holds), None)
            if chooser == "veto":
                return joined if joined in holds else None
            if chooser == "rescue":
                return joined if joined is not None or likeliest not in holds else likeliest
            if chooser == "gate":
                return likeliest if likeliest in holds else None
            return joined

        story[doc.id] = index.assign(doc, choose)
        gold_of[doc.id] = gold
        moves = index.export_changes().moves
        story.update(moves)
        # Rebuilt after every article: a split or merge moves earlier ones.
        labels: dict[str, Counter[str]] = {}
        for aid, sid in story.items():
            labels.setdefault(sid, Counter())[gold_of[aid]] += 1
        event.clear()
        event.update((sid, c.most_common(1)[0][0]) for sid, c in labels.items())
    return story


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shuffle", type=int, default=0, metavar="N", help="N shuffled orders")
    args = parser.parse_args(argv)
    bcubed = scorer().bcubed
    options = ClusterOptions()
    for name, records, label in (
        ("AllSides test half", load(half="test"), "story"),
        ("ECB+ odd topics", load_ecb(1), "subtopic"),
    ):
        gold = {str(r["id"]): str(r[label]) for r in records}
        orders = [list(records)]
        for seed in range(args.shuffle):
            order = list(records)
            random.Random(seed).shuffle(order)
            orders.append(order)
        print(f"{name}: {len(records)} articles, {len(orders)} order(s), mean over orders")
        for chooser in CHOOSERS:
            scores = [bcubed(run(order, label, chooser, options), gold) for order in orders]
            mean = tuple(sum(s[k] for s in scores) / len(scores) for k in range(3))
            print(f"  {chooser:7s} {fmt((mean[0], mean[1], mean[2]))}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
