"""The copy index's buckets as sorted, append-only segments (a small log-structured merge).

Every stored article has one LSH bucket key per band (see
:mod:`newsprism.index.copies`), and a new article asks, for each of its keys, which
stored articles share it. Kept as rows of one ``(key, article)`` B-tree, a
batch's keys landed at random places in it (they are hashes), so every commit
rewrote nearly every page of the table once it outgrew a batch: on 100k
synthetic articles the commit of a 2,000-article batch grew to a quarter of
a second, and its cost per article grows with the corpus without bound.

Here a batch's ``(key, seq)`` pairs become one *segment*: both columns packed
as arrays, sorted by key. Segments are merged like a binary counter (the
newest two whenever the older is not larger), so a corpus of n articles
has about log2(n / batch) segments, each pair is rewritten about that many
times, and every write is one sequential blob. A lookup is a binary search
per segment, for all keys of a batch at once.

Pure functions over :class:`Segment`; the store decides where segments live.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Final

import numpy as np

__all__ = ["MAX_ENTRIES", "Segment", "build", "lookup", "merge", "merges_due"]

_KEY: Final = np.dtype("<i8")  # band keys are signed 63-bit ints (dedupe._band_keys)
_SEQ: Final = np.dtype("<u4")  # article seqs: SQLite rowids of one database

# A merge stops before a segment holds more than this many pairs: a blob of
# 48 MiB (SQLite refuses values over 1 GB), about 170k articles of 24 bands.
# Past that, full-size segments pile up one per ~170k articles.
MAX_ENTRIES: Final = 4_000_000


@dataclass(frozen=True, slots=True, eq=False)
class Segment:
    """``(key, seq)`` pairs sorted by key."""

    keys: np.ndarray  # int64
    seqs: np.ndarray  # uint32, aligned with keys

    def __len__(self) -> int:
        return len(self.keys)

    def to_blobs(self) -> tuple[bytes, bytes]:
        return self.keys.astype(_KEY, copy=False).tobytes(), self.seqs.astype(
            _SEQ, copy=False
        ).tobytes()

    @classmethod
    def from_blobs(cls, keys: bytes, seqs: bytes) -> Segment:
        """The segment :meth:`to_blobs` wrote; ``ValueError`` when the blobs do not fit."""
        k = np.frombuffer(keys, dtype=_KEY)
        s = np.frombuffer(seqs, dtype=_SEQ)
        if len(k) != len(s):
            raise ValueError(f"{len(k)} keys but {len(s)} seqs")
        return cls(k, s)


def build(pairs: Iterable[tuple[int, int]]) -> Segment:
    """A segment of ``(key, seq)`` pairs (sorted by key, then seq; duplicates kept once)."""
    # Flattened as they come: no list of tuples (migrating a large database
    # builds segments of MAX_ENTRIES pairs).
    data = np.fromiter(chain.from_iterable(pairs), dtype=np.int64).reshape(-1, 2)
    if len(data) and (data[:, 1].min() < 0 or data[:, 1].max() > np.iinfo(_SEQ).max):
        raise ValueError("an article seq does not fit in 32 bits")
    keys, seqs = data[:, 0], data[:, 1]
    order = np.lexsort((seqs, keys))
    keys, seqs = keys[order], seqs[order]
    if len(keys) > 1:
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        new[1:] = (keys[1:] != keys[:-1]) | (seqs[1:] != seqs[:-1])
        keys, seqs = keys[new], seqs[new]
    return Segment(keys.astype(_KEY), seqs.astype(_SEQ))


def merge(older: Segment, newer: Segment) -> Segment:
    """One segment holding the pairs of both (:func:`lookup` reads each pair once)."""
    keys = np.concatenate([older.keys, newer.keys])
    # Two sorted runs: a stable sort finds them and merges in linear time,
    # and keeps each key's older pairs first.
    order = np.argsort(keys, kind="stable")
    return Segment(keys[order], np.concatenate([older.seqs, newer.seqs])[order])


def merges_due(sizes: Sequence[int]) -> int:
    """How many of the newest segments (oldest first in ``sizes``) to merge into one.

    The newest two merge while the older is not larger than the newer (a
    binary counter: equal batches make segments of 1, 2, 4, ... batches),
    and never past :data:`MAX_ENTRIES`. Returns 0 or a count >= 2.
    """
    count, merged = 1, sizes[-1] if sizes else 0
    for size in reversed(sizes[:-1]):
        if size > merged or size + merged > MAX_ENTRIES:
            break
        count += 1
        merged += size
    return count if count >= 2 else 0


def lookup(segments: Sequence[Segment], keys: Sequence[int], read: int) -> dict[int, list[int]]:
    """Each key's ``read`` highest seqs, ascending, over all segments; keys with none left out."""
    if not keys or not segments or read <= 0:
        return {}
    query = np.unique(np.asarray(keys, dtype=_KEY))
    found: dict[int, list[int]] = {}
    for seg in segments:
        if not len(seg):
            continue
        lo = np.searchsorted(seg.keys, query, side="left")
        # Most keys of a batch are in no bucket: only the hits are looked at.
        hit = lo < len(seg)
        hit[hit] = seg.keys[lo[hit]] == query[hit]
        if not hit.any():
            continue
        hit_keys = query[hit]
        starts = lo[hit]
        ends = np.searchsorted(seg.keys, hit_keys, side="right")
        for key, start, end in zip(hit_keys.tolist(), starts.tolist(), ends.tolist(), strict=True):
            found.setdefault(key, []).extend(seg.seqs[start:end].tolist())
    return {key: sorted(set(seqs))[-read:] for key, seqs in found.items()}
