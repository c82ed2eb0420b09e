"""Does a story hold two events? Bisect its members and measure the separation.

Online clustering decides for each article alone, at the moment it arrives: the
first report of a second, similar event (the same boxer's next title fight, a
second patch for the same browser) often joins the story of the first, and
the reports that follow it then join too. The clusterer therefore re-examines
a growing story now and then (see ``StoryIndex``): this module splits its most
recent members in two by spherical 2-means and says how well separated the two
halves are, by the mean silhouette (Rousseeuw 1987) under cosine similarity.

Everything here is a pure function over sparse vectors (``dict`` term ->
weight, each of unit length or close to it); ties break on position, so the
result depends only on the input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import repeat
from operator import mul

Vector = dict[str, float]


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    # All in C; the same products summed in the same order as a loop.
    total: float = sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))
    return total


def _norm(v: Vector) -> float:
    values = v.values()
    total: float = sum(map(mul, values, values))
    return math.sqrt(total) or 1.0


def _sum(vectors: Sequence[Vector]) -> Vector:
    total: Vector = {}
    for v in vectors:
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
    return total


def bisect(vectors: Sequence[Vector], iterations: int = 6) -> list[int] | None:
    """Split ``vectors`` into groups 0 and 1 by spherical 2-means.

    Seeds: the member least similar to the common centroid (the likeliest
    outsider) and the member least similar to that one. Returns one group
    number per vector, or None when the vectors do not fall into two
    non-empty groups.
    """
    n = len(vectors)
    if n < 2:
        return None
    whole = _sum(vectors)
    norm = _norm(whole)
    to_whole = [_dot(v, whole) / norm for v in vectors]
    b = min(range(n), key=lambda i: (to_whole[i], i))
    a = min(range(n), key=lambda i: (_dot(vectors[i], vectors[b]), i))
    if a == b:
        return None
    centres = [dict(vectors[a]), dict(vectors[b])]
    groups: list[int] | None = None
    for _ in range(iterations):
        norms = [_norm(c) for c in centres]
        new = [
            0 if _dot(v, centres[0]) / norms[0] >= _dot(v, centres[1]) / norms[1] else 1
            for v in vectors
        ]
        if new == groups:
            break
        groups = new
        if 0 not in groups or 1 not in groups:
            return None
        centres = [
            _sum([v for v, g in zip(vectors, groups, strict=True) if g == k]) for k in (0, 1)
        ]
    return groups


def silhouette(vectors: Sequence[Vector], groups: Sequence[int]) -> float:
    """Mean silhouette of a two-group split under cosine similarity.

    For each member, ``a`` is its similarity to the centroid of its own group
    without it and ``b`` to the other group's centroid; its silhouette is
    ``(a - b) / max(a, b)``. Near 1: two clearly different sets of reports;
    near 0 or below: one story cut arbitrarily. A group of one scores -1 (a
    lone member says nothing about a second event).
    """
    centres = [_sum([v for v, g in zip(vectors, groups, strict=True) if g == k]) for k in (0, 1)]
    sizes = [sum(1 for g in groups if g == k) for k in (0, 1)]
    if min(sizes) < 2:
        return -1.0
    other_norms = [_norm(c) for c in centres]
    total = 0.0
    for v, g in zip(vectors, groups, strict=True):
        own = dict(centres[g])
        for t, w in v.items():
            own[t] -= w
        a = _dot(v, own) / _norm(own)
        b = _dot(v, centres[1 - g]) / other_norms[1 - g]
        top = max(a, b)
        total += (a - b) / top if top > 0 else 0.0
    return total / len(vectors)
