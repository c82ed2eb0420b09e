"""Tests of online story clustering (newsprism.cluster)."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from newsprism.cluster import (
    ClusterDelta,
    ClusterDoc,
    ClusterOptions,
    ClusterState,
    StoryIndex,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "benchmarks" / "clustering" / "ecbplus.jsonl"

# Measured B-cubed F1 on ECB+ subtopic in file order: 0.864 (see
# benchmarks/cluster_ecbplus.py); a commit may raise this floor, not lower it.
ECBPLUS_FLOOR = 0.86

QUAKE = (
    "Magnitude 6.1 earthquake strikes Velmora province",
    "A magnitude 6.1 earthquake struck Velmora province on Tuesday, collapsing houses in "
    "the mountain town of Drisk. Rescue teams from Ostrava pulled survivors from rubble. "
    "Governor Anselm Kettering said 14 people died and 200 were injured in Drisk.",
)
QUAKE_REWORDED = (
    "Deadly 6.1 quake hits Drisk in Velmora",
    "Rescuers searched the rubble of Drisk after a 6.1 magnitude earthquake shook Velmora "
    "province. Governor Anselm Kettering put the toll at 14 dead, with some 200 injured, "
    "as teams from Ostrava arrived in the mountain town.",
)
ELECTION = (
    "Harlan Voss wins Tarrowby mayoral election",
    "Harlan Voss won the Tarrowby mayoral election with 58 percent of the vote, beating "
    "incumbent Mirela Oakes. Turnout in Tarrowby was the highest in two decades, the "
    "electoral board said, and Voss promised new bus lines and cheaper housing.",
)


def doc(n: int, title: str, text: str, published: date | None = None) -> ClusterDoc:
    return ClusterDoc(id=f"{n:08x}{n:08x}", title=title, text=text, published=published)


def filler(n: int) -> list[ClusterDoc]:
    """Unrelated background articles, so document frequencies mean something."""
    rng = random.Random(n)
    words = [f"topic{i}" for i in range(400)]
    out = []
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(60))
        out.append(doc(10_000 + i, f"Background {words[i]}", body))
    return out


def test_different_stories_separate_and_rewordings_join() -> None:
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    quake = index.assign(doc(1, *QUAKE))
    election = index.assign(doc(2, *ELECTION))
    again = index.assign(doc(3, *QUAKE_REWORDED))
    assert quake != election
    assert again == quake
    assert quake == "s-" + f"{1:08x}{1:08x}"[:12]


def test_time_window_keeps_similar_events_apart() -> None:
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    first = index.assign(doc(1, *QUAKE, published=date(2024, 3, 1)))
    later = index.assign(doc(2, *QUAKE_REWORDED, published=date(2024, 9, 1)))
    close = index.assign(doc(3, *QUAKE_REWORDED, published=date(2024, 3, 3)))
    assert later != first
    assert close == first


def _stream() -> list[ClusterDoc]:
    docs = filler(40)
    docs += [doc(1, *QUAKE), doc(2, *ELECTION), doc(3, *QUAKE_REWORDED)]
    docs += filler(20)
    docs += [doc(4, *ELECTION), doc(5, *QUAKE)]
    random.Random(7).shuffle(docs)
    return docs


def _merge(state: ClusterState, delta: ClusterDelta) -> ClusterState:
    """What the storage layer does: upsert key -> value rows, through JSON."""
    delta = ClusterDelta(**json.loads(json.dumps(delta.__dict__)))
    return ClusterState(
        doc_count=delta.doc_count,
        df={**state.df, **delta.df},
        stories={**state.stories, **delta.stories},
    )


@pytest.mark.parametrize("options", [ClusterOptions(), ClusterOptions(active_articles=15)])
def test_restore_and_continue_equals_uninterrupted(options: ClusterOptions) -> None:
    docs = _stream()
    whole = StoryIndex(options)
    expected = [whole.assign(d) for d in docs]

    state = ClusterState()
    index = StoryIndex(options)
    got = []
    for start in range(0, len(docs), 9):
        for d in docs[start : start + 9]:
            got.append(index.assign(d))
        state = _merge(state, index.export_changes())
        index = StoryIndex.restore(options, state)
    assert got == expected
    assert index.export_changes().is_empty()


def test_deterministic_for_a_given_order() -> None:
    docs = _stream()
    first = [StoryIndex().assign(d) for d in docs[:1]]
    a = StoryIndex()
    b = StoryIndex()
    assert [a.assign(d) for d in docs] == [b.assign(d) for d in docs]
    assert first[0] == "s-" + docs[0].id[:12]


@pytest.mark.skipif(not GOLD.exists(), reason="../shared benchmarks are absent")
def test_ecbplus_subtopic_score_gate() -> None:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    index = StoryIndex()
    pred = {
        r["id"]: index.assign(ClusterDoc(r["id"], r["title"] or None, r["text"], None))
        for r in records
    }
    gold = {r["id"]: r["subtopic"] for r in records}
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        by_pred[pred[key]].add(key)
        by_gold[gold[key]].add(key)
    p = r = 0.0
    for key in gold:
        mine, theirs = by_pred[pred[key]], by_gold[gold[key]]
        p += len(mine & theirs) / len(mine)
        r += len(mine & theirs) / len(theirs)
    p, r = p / len(gold), r / len(gold)
    assert 2 * p * r / (p + r) >= ECBPLUS_FLOOR
