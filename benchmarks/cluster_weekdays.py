"""How often two reports name a shared weekday: one event against two events of one topic.

    python benchmarks/cluster_weekdays.py

Why the clusterer's ``weekday_apart`` feature exists (see
``newsprism.index.stories.FEATURES``): pages often carry no date, but their text
names the event's day ("on Thursday"). Over every pair of articles of one set
whose TF-IDF cosine (title and text, sublinear) is at least 0.25, so the
pairs a clusterer could confuse, and which both name a weekday, this prints
how often the pair shares one, for pairs of one gold event and of two. Read
on ECB+ sub-events and AllSides 2021 dev; a signal that held on one set only
would not have been added.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from cluster_allsides import GOLD as ALLSIDES
from cluster_allsides import load

ECB = Path(__file__).resolve().parent.parent.parent / "shared/benchmarks/clustering/ecbplus.jsonl"
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
CONFUSABLE = 0.25


def shared_weekdays(records: list[dict[str, str]], label: str) -> tuple[int, int, int, int]:
    """(same-event pairs, of them sharing a weekday, other pairs, of them sharing one)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    texts = [f"{r.get('title') or ''}\n{r['text']}" for r in records]
    named = [set(WEEKDAY.findall(t)) for t in texts]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).tocoo()
    same = same_shared = other = other_shared = 0
    for i, j, s in zip(sims.row, sims.col, sims.data, strict=True):
        if i >= j or s < CONFUSABLE or not (named[i] and named[j]):
            continue
        shares = bool(named[i] & named[j])
        if records[i][label] == records[j][label]:
            same += 1
            same_shared += shares
        else:
            other += 1
            other_shared += shares
    return same, same_shared, other, other_shared


def main() -> int:
    sets = []
    if ALLSIDES.exists():
        sets.append(("AllSides 2021 dev", load(), "story"))
    if ECB.exists():
        with ECB.open(encoding="utf-8") as fh:
            sets.append(("ECB+ sub-events", [json.loads(x) for x in fh if x.strip()], "subtopic"))
    if not sets:
        print("skipped: ../shared benchmarks not found")
    for name, records, label in sets:
        same, same_shared, other, other_shared = shared_weekdays(records, label)
        print(
            f"{name}: one event {same_shared}/{same} pairs share a weekday "
            f"({same_shared / max(1, same):.2f}); two events {other_shared}/{other} "
            f"({other_shared / max(1, other):.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
