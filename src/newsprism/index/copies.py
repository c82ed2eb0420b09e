"""Copies: exact and near-exact reprints, found by MinHash LSH (never all pairs).

Stage: after extraction, before clustering. Needs an article's clean text;
adds ``duplicate_of`` (the earliest article it copies). A duplicate joins its
original's story instead of being clustered.

Signatures come from rensa's Rust MinHash (about 50x faster than a pure
NumPy MinHash here, which matters at hundreds of thousands of articles a day);
banding and candidate look-up sit behind :class:`LshIndex` and
:class:`LshStore` so that the SQLite store, an in-memory index, or a
distributed backend can hold the buckets.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final, Protocol

import numpy as np
import rensa

from newsprism.text.words import folded_word_tokens, shingles


@dataclass(frozen=True, slots=True)
class DedupeOptions:
    """MinHash LSH settings.

    ``threshold`` is the estimated Jaccard similarity of word 5-gram shingle
    sets above which two texts are copies. Clean bodies of one wire story
    reprinted by two sites score 0.8-1.0 (differences: a changed sentence,
    leftover bylines); two outlets' own write-ups of the same event share
    phrases but stay under 0.3 (measured on the seeds and the example corpus:
    the five independent seed articles pair at most 0.02). 0.6 leaves room
    on both sides.

    With ``bands`` x ``rows`` = 24 x 5 (120 permutations), a pair at Jaccard
    0.6 becomes a candidate with probability 1 - (1 - 0.6^5)^24 = 0.86, at
    0.7 with 0.99, at 0.8 with 1.00, and an unrelated pair at 0.3 with 0.06.
    32 x 4 caught 0.6 more surely but made articles of one busy story (which
    share names and phrases, Jaccard 0.1-0.3) candidates of each other four
    times as often: on the synthetic benchmark 21 candidates per article were
    checked instead of ~5, a third of the copy stage's time.
    """

    threshold: float = 0.6
    shingle: int = 5
    bands: int = 24
    rows: int = 5
    seed: int = 1
    # Most recent members read per bucket: a band that many articles share (a
    # stock phrase, a wire-service standfirst) would otherwise make the work
    # per article grow with the corpus. A real copy shares nearly every band,
    # so it is still found.
    bucket_read: int = 8
    # A text cut short (a reprint of the first half, a lede) shares few of the
    # longer one's shingles, so its Jaccard similarity is low (a half: 0.5)
    # while nearly all of its own shingles are in the other: it is a copy when
    # the estimated share of the shorter text's shingles found in the longer
    # is at least ``containment``, the Jaccard estimate at least
    # ``containment_jaccard`` (the shorter is at least about that share of the
    # longer: below it a chance match of one MinHash value out of 120 is a
    # large estimated overlap), and the shorter has ``containment_min``
    # shingles (a short snippet is contained in many texts by chance).
    # Independent write-ups of one event (the five seeds) share at most 0.02
    # Jaccard, far below; among the 181 extraction pages (several reports of
    # one event, two pages of one site) the largest true containment of any
    # pair is 0.27 and none is linked. Copies checked with
    # tests/test_copies_real.py (seed bodies cut to half, under other chrome,
    # with a sentence changed: half copies estimate Jaccard 0.41-0.53 and
    # containment near 1).
    containment: float = 0.8
    containment_jaccard: float = 0.3
    containment_min: int = 50
    # A text cut to half shares no band with its original more often than
    # not (a band of 5 rows matches with probability 0.5^5 at Jaccard 0.5:
    # of the five seed bodies cut to half, three shared none of 24 bands), so
    # one more bucket key is the hash of the text's first ``lead_words``
    # words: a reprint cut short, or under other chrome, keeps its lead.
    # (Candidates only: ``is_copy`` still decides.)
    lead_words: int = 30

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's MinHash signature and its LSH bucket keys (one per band, then its lead's)."""

    # num_perm little-endian uint32 values, then the text's shingle count (one
    # more uint32: containment needs the sizes; see ``_split``).
    signature: bytes
    keys: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that shares at least one LSH bucket with a new one."""

    id: str
    signature: bytes
    published: date | None
    seq: int
    duplicate_of: str | None


class LshIndex(Protocol):
    """Where :func:`find_original` looks up candidates (a batch's view of the store)."""

    def lsh_candidates(self, keys: Sequence[int]) -> list[Candidate]: ...


class LshStore(Protocol):
    """What a store keeps of the buckets, by article seq: read and written a batch at a time."""

    def lsh_buckets(self, keys: Sequence[int], read: int) -> dict[int, list[int]]:
        """Each key's ``read`` most recent members (oldest first); keys with none left out."""
        ...

    def lsh_members(self, seqs: Sequence[int]) -> dict[int, Candidate]: ...

    def lsh_add_many(self, items: Sequence[tuple[int, Fingerprint]]) -> None: ...


def tokens(text: str) -> list[str]:
    """The ``\\w+`` words of ``text``, lower-cased."""
    return folded_word_tokens(text)


def fingerprint(text: str, options: DedupeOptions = DedupeOptions()) -> Fingerprint | None:
    """The MinHash fingerprint of ``text``; ``None`` when it has no words."""
    words = tokens(text)
    if not words:
        return None
    mh = rensa.RMinHash(num_perm=options.num_perm, seed=options.seed)
    grams = shingles(words, options.shingle)
    mh.update(grams)
    values: list[int] = mh.digest()
    # Shingles counted with their repeats (rare in prose): no set built per
    # article, and a count a little high only makes containment stricter.
    size = min(len(grams), 0xFFFFFFFF)
    # One struct call packs the values as little-endian uint32 (raising on
    # one out of range, as NumPy's conversion did), and the band keys read
    # them back as an array without a conversion per value:
    # np.asarray(values) examined each of the 120 ints: the plain-text path
    # went from 7.795 to 7.733 M instructions an article
    # (benchmarks/instructions.py --n 1000, mypyc build).
    signature = _uint32s(len(values) + 1).pack(*values, size)
    sig = np.frombuffer(signature, dtype="<u4", count=len(values))
    keys = _band_keys(sig, options)
    if len(words) >= options.lead_words:
        keys += (_lead_key(words[: options.lead_words]),)
    return Fingerprint(signature=signature, keys=keys)


@lru_cache(maxsize=8)
def _uint32s(n: int) -> struct.Struct:
    """The layout of ``n`` little-endian uint32 values."""
    return struct.Struct(f"<{n}I")


def _lead_key(words: list[str]) -> int:
    """A stable 63-bit key for a text's first words (the band keys' range)."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


# Odd 64-bit multiplier of a polynomial hash of each band's values: stable
# across processes and Python versions (unlike hash()), and vectorised.
_MULT = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1


@lru_cache(maxsize=8)
def _band_coefficients(bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """The polynomial hash as one product: ``key = band * M^rows + sum(v_i * M^(rows-1-i))``."""
    powers = np.array([pow(_MULT, rows - 1 - i, 1 << 64) for i in range(rows)], dtype=np.uint64)
    offsets = np.array(
        [b * pow(_MULT, rows, 1 << 64) & _MASK for b in range(1, bands + 1)], dtype=np.uint64
    )
    return powers, offsets


def _band_keys(sig: np.ndarray, options: DedupeOptions) -> tuple[int, ...]:
    """One key per band (the band number is part of it), as the signed 63-bit ints SQLite keeps."""
    powers, offsets = _band_coefficients(options.bands, options.rows)
    n = options.bands * options.rows
    bands = sig[:n].astype(np.uint64).reshape(options.bands, options.rows)
    # Unsigned 64-bit arithmetic wraps: the same keys as Horner's rule, in
    # two array operations instead of two per row. (Integer arrays wrap
    # silently, whatever np.errstate says: the np.errstate block this had
    # changed nothing and cost about 4 microseconds an article, by timeit.)
    keys = (bands @ powers + offsets) >> np.uint64(1)
    return tuple(keys.tolist())


def _split(a: bytes, b: bytes) -> tuple[np.ndarray, np.ndarray, int | None, int | None]:
    """The MinHash values of two signatures and their shingle counts (None: not stored).

    A signature stored before the counts were appended is one value shorter;
    the new article's signature always has its count, so two signatures of
    one length both have theirs.
    """
    sa, sb = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    if len(sa) == len(sb):
        if len(sa) < 2:
            return sa, sb, None, None
        return sa[:-1], sb[:-1], int(sa[-1]), int(sb[-1])
    if len(sa) == len(sb) + 1:
        return sa[:-1], sb, int(sa[-1]), None
    if len(sb) == len(sa) + 1:
        return sa, sb[:-1], None, int(sb[-1])
    return sa[:0], sb[:0], None, None


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    sa, sb, _, _ = _split(a, b)
    if not len(sa) or sa.shape != sb.shape:
        return 0.0
    return float(np.count_nonzero(sa == sb)) / len(sa)


def similarities(a: bytes, others: Sequence[bytes]) -> list[float]:
    """``[similarity(a, b) for b in others]``, compared as one array."""
    own = np.frombuffer(a, dtype="<u4")
    if len(own) < 2 or any(len(b) != len(a) for b in others):
        return [similarity(a, b) for b in others]
    table = np.frombuffer(b"".join(others), dtype="<u4").reshape(len(others), len(own))
    n = len(own) - 1
    scores: list[float] = (np.count_nonzero(table[:, :n] == own[:n], axis=1) / n).tolist()
    return scores


def is_copy(a: bytes, b: bytes, jaccard: float, options: DedupeOptions) -> bool:
    """Whether two texts, whose signatures estimate ``jaccard``, are copies.

    Near-equal texts by Jaccard; a text cut short by containment (see
    :class:`DedupeOptions`), when both shingle counts are known.
    """
    if jaccard >= options.threshold:
        return True
    if jaccard < options.containment_jaccard:
        return False
    _, _, na, nb = _split(a, b)
    if na is None or nb is None or min(na, nb) < options.containment_min:
        return False
    shared = jaccard * (na + nb) / (1.0 + jaccard)
    return shared / min(na, nb) >= options.containment


@dataclass(frozen=True, slots=True)
class CopyMatch:
    """What :func:`find_original` decided for a new article."""

    original: str | None  # the article it copies (a root: never itself a copy)
    # True when the new article is earlier than that original: it becomes the
    # root, and the old root and its copies become copies of the new one.
    new_is_earlier: bool = False


# Immutable, so one serves every article that copies none.
_NO_COPY: Final = CopyMatch(None)


def find_original(
    fp: Fingerprint | None,
    published: date | None,
    index: LshIndex,
    options: DedupeOptions = DedupeOptions(),
) -> CopyMatch:
    """The earliest stored article that ``fp`` copies, if any."""
    if fp is None:
        return _NO_COPY
    cands = index.lsh_candidates(fp.keys)
    if not cands:
        # Most articles share no bucket with any other (four in five of the
        # synthetic stream's): nothing to compare, no arrays built.
        return _NO_COPY
    best_root: Candidate | None = None
    roots: dict[str, Candidate] = {}
    by_id = {c.id: c for c in cands}
    scores = similarities(fp.signature, [c.signature for c in cands])
    for cand, score in zip(cands, scores, strict=True):
        if not is_copy(fp.signature, cand.signature, score, options):
            continue
        root = by_id.get(cand.duplicate_of, cand) if cand.duplicate_of else cand
        if cand.duplicate_of and cand.duplicate_of not in by_id:
            # The root is stored but not a candidate here: name it; its date is
            # unknown to us, so it stays the root.
            return CopyMatch(cand.duplicate_of)
        roots[root.id] = root
    if roots:
        best_root = min(roots.values(), key=_age)
    if best_root is None:
        return _NO_COPY
    earlier = (
        published is not None
        and best_root.published is not None
        and published < best_root.published
    )
    return CopyMatch(best_root.id, new_is_earlier=earlier)


def _age(c: Candidate) -> tuple[date, int]:
    return (c.published or date.max, c.seq)


class BatchLsh:
    """The :class:`LshIndex` of one batch: stored buckets read at once, plus the batch.

    The buckets every key of the batch hits are read from the store in a few
    bulk queries before the batch (instead of one query per article), and the
    batch's own articles are added in memory as they are decided, so a copy of
    an article earlier in the same batch is found too. Each key reads its
    ``bucket_read`` most recent members, stored or new, as one query per
    article would. :meth:`flush` writes the batch's buckets.
    """

    def __init__(
        self, store: LshStore, fingerprints: Sequence[Fingerprint], options: DedupeOptions
    ) -> None:
        self._store = store
        self._read = options.bucket_read
        keys = sorted({k for fp in fingerprints for k in fp.keys})
        self._buckets = store.lsh_buckets(keys, self._read) if keys else {}
        seqs = sorted({i for members in self._buckets.values() for i in members})
        self._items = store.lsh_members(seqs) if seqs else {}
        self._pending: list[tuple[int, Fingerprint]] = []

    def lsh_candidates(self, keys: Sequence[int]) -> list[Candidate]:
        read = self._read
        buckets = self._buckets
        seqs = {i for k in keys if k in buckets for i in buckets[k][-read:]}
        items = self._items
        return [items[i] for i in sorted(seqs) if i in items]

    def add(
        self,
        article_id: str,
        seq: int,
        fp: Fingerprint,
        published: date | None,
        duplicate_of: str | None,
    ) -> None:
        """Record a decided article of the batch (written by :meth:`flush`)."""
        self._items[seq] = Candidate(article_id, fp.signature, published, seq, duplicate_of)
        for k in fp.keys:
            self._buckets.setdefault(k, []).append(seq)
        self._pending.append((seq, fp))

    def repoint(self, old_root: str, new_root: str) -> None:
        """``old_root`` and its copies now copy ``new_root`` (as the store was told)."""
        for seq, c in list(self._items.items()):
            if c.id == old_root or c.duplicate_of == old_root:
                self._items[seq] = Candidate(c.id, c.signature, c.published, c.seq, new_root)

    def flush(self) -> None:
        """Write the batch's signatures and bucket entries to the store."""
        if self._pending:
            self._store.lsh_add_many(self._pending)
            self._pending = []


class _NothingStored:
    """An :class:`LshStore` with nothing in it: :func:`mark_copies` sees its batch only."""

    def lsh_buckets(self, keys: Sequence[int], read: int) -> dict[int, list[int]]:
        return {}

    def lsh_members(self, seqs: Sequence[int]) -> dict[int, Candidate]:
        return {}

    def lsh_add_many(self, items: Sequence[tuple[int, Fingerprint]]) -> None:
        return None


def mark_copies(
    texts: Sequence[tuple[str, str, date | None]], options: DedupeOptions = DedupeOptions()
) -> dict[str, str | None]:
    """Pure batch form: ``{id: original or None}`` for ``(id, text, published)`` items.

    The same decisions as the pipeline makes for one batch on an empty store
    (:class:`BatchLsh`, :func:`find_original`), in memory.
    """
    index = BatchLsh(_NothingStored(), [], options)
    out: dict[str, str | None] = {}
    for seq, (art_id, text, published) in enumerate(texts):
        if art_id in out:
            continue
        fp = fingerprint(text, options)
        match = find_original(fp, published, index, options)
        out[art_id] = match.original
        if match.original and match.new_is_earlier:
            old = match.original
            for k, v in out.items():
                if k == old or v == old:
                    out[k] = art_id
            index.repoint(old, art_id)
            out[art_id] = None
        if fp is not None:
            index.add(art_id, seq, fp, published, out[art_id])
    return out
