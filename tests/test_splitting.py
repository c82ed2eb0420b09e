"""Bisection and silhouette of story members (newsprism.index.splitting)."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.index.splitting import bisect, silhouette


def _unit(words: list[str]) -> dict[str, float]:
    counts: dict[str, float] = {}
    for w in words:
        counts[w] = counts.get(w, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in counts.values()))
    return {t: v / norm for t, v in counts.items()}


def _reports(n: int, event: list[str], seed: int) -> list[dict[str, float]]:
    rng = random.Random(seed)
    shared = ["boxer", "title", "heavyweight", "fight", "belt"]
    return [_unit(rng.choices(shared, k=8) + rng.choices(event, k=6)) for _ in range(n)]


def test_two_events_separate_cleanly() -> None:
    a = _reports(6, ["okafor", "mannheim", "2008", "jab"], 1)
    b = _reports(5, ["lindqvist", "bern", "2012", "towel"], 2)
    groups = bisect(a + b)
    assert groups is not None
    assert len(set(groups[:6])) == 1 and len(set(groups[6:])) == 1 and groups[0] != groups[6]
    assert silhouette(a + b, groups) > 0.4


def test_one_event_has_a_low_silhouette() -> None:
    one = _reports(12, ["okafor", "mannheim", "2008", "jab"], 3)
    groups = bisect(one)
    assert groups is None or silhouette(one, groups) < 0.4


def test_degenerate_inputs() -> None:
    assert bisect([]) is None
    assert bisect([{"a": 1.0}]) is None
    assert bisect([{"a": 1.0}, {"a": 1.0}]) is None  # identical: no second seed
    assert silhouette([{"a": 1.0}, {"b": 1.0}, {"b": 1.0}], [0, 1, 1]) == -1.0  # group of one


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from("abcdefgh"), st.floats(0.01, 1.0), min_size=1),
        min_size=2,
        max_size=20,
    )
)
def test_bisect_is_deterministic_and_silhouette_bounded(vectors: list[dict[str, float]]) -> None:
    groups = bisect(vectors)
    assert groups == bisect([dict(v) for v in vectors])
    if groups is not None:
        assert set(groups) == {0, 1} and len(groups) == len(vectors)
        assert -1.0 <= silhouette(vectors, groups) <= 1.0 + 1e-9
