"""Copies: near-exact reprints are found, independent write-ups are not; idempotent."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ELECTION, FLOOD_A, FLOOD_B
from newsprism.index.copies import (
    BatchLsh,
    Candidate,
    DedupeOptions,
    Fingerprint,
    find_original,
    fingerprint,
    is_copy,
    mark_copies,
    similarities,
    similarity,
)


def _reprint(text: str) -> str:
    return "Another headline entirely\n\n" + text.split("\n", 2)[2].replace("twenty", "20")


def test_reprint_is_a_copy_and_rewrite_is_not() -> None:
    marks = mark_copies(
        [("a", FLOOD_A, None), ("b", FLOOD_B, None), ("c", _reprint(FLOOD_A), None)]
    )
    assert marks == {"a": None, "b": None, "c": "a"}


def test_exact_copy_points_to_the_earliest_published() -> None:
    later, earlier = date(2024, 3, 2), date(2024, 3, 1)
    marks = mark_copies([("x", FLOOD_A, later), ("y", FLOOD_A, earlier), ("z", FLOOD_A, None)])
    assert marks == {"x": "y", "y": None, "z": "y"}


def test_similarity_of_unrelated_texts_is_low() -> None:
    fa, fe = fingerprint(FLOOD_A), fingerprint(ELECTION)
    assert fa is not None and fe is not None
    assert similarity(fa.signature, fe.signature) < 0.1
    assert similarity(fa.signature, fa.signature) == 1.0


def test_no_words_no_fingerprint() -> None:
    assert fingerprint("  ...  ") is None


def test_band_keys_are_stable_across_calls() -> None:
    a, b = fingerprint(FLOOD_A), fingerprint(FLOOD_A)
    assert a is not None and b is not None
    # One key per band, and one for the lead (the text has over 30 words).
    assert a.keys == b.keys and len(a.keys) == DedupeOptions().bands + 1
    short = fingerprint("a flood in the valley")
    assert short is not None and len(short.keys) == DedupeOptions().bands


_word = st.sampled_from(
    [
        "flood",
        "river",
        "council",
        "mayor",
        "vote",
        "rain",
        "boats",
        "shelter",
        "hall",
        "street",
        "quay",
        "baker",
        "night",
    ]
)
_text = st.lists(_word, min_size=0, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_text, min_size=1, max_size=8))
def test_marking_copies_is_idempotent(texts: list[str]) -> None:
    items = [(f"id{i}", t, None) for i, t in enumerate(texts)]
    first = mark_copies(items)
    # Running again, and running on the input with every item given twice,
    # gives the same marks; an original is never itself a copy.
    assert mark_copies(items) == first
    assert mark_copies(items + items) == first
    for original in first.values():
        if original is not None:
            assert first[original] is None


class _FakeStore:
    """An LshStore in memory: buckets in insertion order, members by seq."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[int]] = {}
        self.members: dict[int, Candidate] = {}
        self.written: list[tuple[int, Fingerprint]] = []

    def lsh_buckets(self, keys: Sequence[int], read: int) -> dict[int, list[int]]:
        return {k: self.buckets[k][-read:] for k in keys if k in self.buckets}

    def lsh_members(self, seqs: Sequence[int]) -> dict[int, Candidate]:
        return {i: self.members[i] for i in seqs if i in self.members}

    def lsh_add_many(self, items: Sequence[tuple[int, Fingerprint]]) -> None:
        self.written.extend(items)


def test_batch_lsh_reads_stored_and_new_members_and_repoints() -> None:
    text = "the ferry left the harbour at dawn with forty passengers and a cargo of timber " * 3
    fp = fingerprint(text)
    assert fp is not None
    store = _FakeStore()
    for n in range(12):  # an old, crowded bucket: only the newest few are read
        store.members[n] = Candidate(f"old{n:02d}", fp.signature, date(2026, 1, 1), n, None)
        for k in fp.keys:
            store.buckets.setdefault(k, []).append(n)
    options = DedupeOptions(bucket_read=3)
    lsh = BatchLsh(store, [fp], options)
    assert [c.id for c in lsh.lsh_candidates(fp.keys)] == ["old09", "old10", "old11"]

    lsh.add("new1", 12, fp, date(2025, 12, 1), None)
    match = find_original(fp, date(2026, 2, 1), lsh, options)
    assert match.original == "new1"  # the earliest of what is read
    lsh.repoint("new1", "new2")
    assert {c.id: c.duplicate_of for c in lsh.lsh_candidates(fp.keys)}["new1"] == "new2"
    assert store.written == []
    lsh.flush()
    assert store.written == [(12, fp)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=80))
def test_tokens_of_ascii_and_other_text_are_the_words_of_the_lowered_text(text: str) -> None:
    """ASCII text takes a faster character class: the words must not change."""
    import re

    from newsprism.index.copies import tokens

    assert tokens(text) == re.findall(r"\w+", text.lower())


# Signatures of 6 values drawn from a few, so that equal values are common.
_sig = st.lists(st.integers(0, 3), min_size=6, max_size=6).map(
    lambda vs: b"".join(v.to_bytes(4, "little") for v in vs)
)


@settings(max_examples=200, deadline=None)
@given(_sig, st.lists(_sig | st.binary(max_size=12).filter(lambda b: len(b) % 4 == 0)))
def test_similarities_equal_one_comparison_each(a: bytes, others: list[bytes]) -> None:
    assert similarities(a, others) == [similarity(a, b) for b in others]


def _long_text(seed: int, n: int = 400) -> str:
    rng = random.Random(seed)
    words = [f"w{rng.randrange(5000)}" for _ in range(n)]
    return " ".join(words)


def test_a_text_cut_to_half_is_a_copy_and_a_short_chance_match_is_not() -> None:
    full = _long_text(1)
    half = " ".join(full.split()[:200])
    other = _long_text(2)
    marks = mark_copies([("a", full, None), ("b", half, None), ("c", other, None)])
    assert marks == {"a": None, "b": "a", "c": None}
    # A quarter is too little of the original to call it a copy (Jaccard 0.25).
    quarter = " ".join(full.split()[100:200])
    assert mark_copies([("a", full, None), ("q", quarter, None)])["q"] is None


def test_signatures_stored_before_counts_still_compare() -> None:
    fp = fingerprint(_long_text(3))
    assert fp is not None
    legacy = fp.signature[:-4]  # no shingle count appended
    assert similarity(fp.signature, legacy) == 1.0
    assert similarities(fp.signature, [legacy, fp.signature]) == [1.0, 1.0]
    # Without both counts, containment cannot be judged: Jaccard alone decides.
    assert not is_copy(fp.signature, legacy, 0.5, DedupeOptions())
    assert is_copy(fp.signature, legacy, 0.7, DedupeOptions())


def test_band_keys_are_horners_rule_and_the_count_closes_the_signature() -> None:
    from newsprism.index.copies import _MULT, tokens
    from newsprism.text.words import shingles

    options = DedupeOptions()
    fp = fingerprint(FLOOD_A, options)
    assert fp is not None
    values = [
        int.from_bytes(fp.signature[i : i + 4], "little") for i in range(0, 4 * options.num_perm, 4)
    ]
    for band in range(options.bands):
        key = band + 1
        for v in values[band * options.rows : (band + 1) * options.rows]:
            key = (key * _MULT + v) % (1 << 64)
        assert fp.keys[band] == key >> 1
    count = len(shingles(tokens(FLOOD_A), options.shingle))
    assert fp.signature[-4:] == count.to_bytes(4, "little")
