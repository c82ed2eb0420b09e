"""The synthetic benchmark corpus: deterministic, right size, realistically messy."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from types import ModuleType

import pytest

from conftest import load_synth
from newsprism.models import RawRecord

N = 2000


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return load_synth()


@pytest.fixture(scope="module")
def corpus(synth: ModuleType) -> list[tuple[RawRecord, object]]:
    return list(synth.generate_with_truth(N, seed=7))


def test_deterministic_for_a_seed(synth: ModuleType) -> None:
    first = list(synth.generate(300, seed=3))
    again = list(synth.generate(300, seed=3))
    other = list(synth.generate(300, seed=4))
    assert first == again
    assert [r.content for r in first] != [r.content for r in other]


def test_yields_exactly_n(synth: ModuleType) -> None:
    for n in (0, 1, 7, 17, 333):
        assert sum(1 for _ in synth.generate(n, seed=1)) == n


def test_negative_count_is_refused(synth: ModuleType) -> None:
    with pytest.raises(ValueError):
        list(synth.generate(-1))


def test_records_are_plain_text_with_stable_names(corpus: list[tuple[RawRecord, object]]) -> None:
    for i, (record, _truth) in enumerate(corpus):
        assert record.kind == "text"
        assert record.source == f"synth/{i:07d}.txt"
        assert record.key == f"{i:07d}.txt"
        assert isinstance(record.published, date)
    assert len({r.key for r, _ in corpus}) == N


def test_article_length_and_boilerplate(corpus: list[tuple[RawRecord, object]]) -> None:
    words = sorted(len(r.content.split()) for r, _ in corpus)
    # Body is 300–700 words; menus, captions and footers add some more.
    assert words[0] >= 300
    assert words[len(words) // 2] < 900
    texts = [r.content for r, _ in corpus]

    def share(needle: str) -> float:
        return sum(needle in t for t in texts) / len(texts)

    assert share("(Photo: ") == 1.0
    assert share("©") == 1.0
    assert share("Your email address will not be published") > 0.3
    assert share("Skip to content ") > 0.2


def test_stories_have_several_outlets(corpus: list[tuple[RawRecord, object]]) -> None:
    outlets: dict[int, set[str]] = defaultdict(set)
    for _record, truth in corpus:
        outlets[truth.story].add(truth.outlet)  # type: ignore[attr-defined]
    assert len(outlets) >= N // 12
    # Stories come in shuffled batches of 16, so the last batch may be cut by n.
    last = max(outlets)
    sizes = [len(v) for story, v in outlets.items() if story <= last - 16]
    assert min(sizes) >= 3
    assert max(sizes) >= 8
    assert sum(sizes) / len(sizes) > 5


def test_near_copies_reprint_an_earlier_article(corpus: list[tuple[RawRecord, object]]) -> None:
    copies = [(i, t) for i, (_r, t) in enumerate(corpus) if t.copy_of is not None]  # type: ignore[attr-defined]
    assert 0.02 * N <= len(copies) <= 0.10 * N
    for i, truth in copies:
        j = truth.copy_of  # type: ignore[attr-defined]
        assert j < i
        original, orig_truth = corpus[j]
        copy = corpus[i][0]
        assert orig_truth.story == truth.story  # type: ignore[attr-defined]
        assert orig_truth.outlet != truth.outlet  # type: ignore[attr-defined]
        # Same body with one small edit: most body lines are shared verbatim.
        orig_lines = {ln for ln in original.content.splitlines() if len(ln) > 80}
        copy_lines = {ln for ln in copy.content.splitlines() if len(ln) > 80}
        assert len(orig_lines & copy_lines) >= 0.6 * len(orig_lines)


def test_unrelated_stories_share_little(corpus: list[tuple[RawRecord, object]]) -> None:
    by_story: dict[int, list[str]] = defaultdict(list)
    for record, truth in corpus:
        if truth.copy_of is None:  # type: ignore[attr-defined]
            by_story[truth.story].append(record.content)  # type: ignore[attr-defined]

    def vocab(text: str) -> set[str]:
        return {w for w in text.split() if w[:1].isupper()}

    a, b = by_story[10][:2]
    c = by_story[200][0]
    same = len(vocab(a) & vocab(b)) / len(vocab(a) | vocab(b))
    other = len(vocab(a) & vocab(c)) / len(vocab(a) | vocab(c))
    # Articles of one story share its names; other stories only share filler.
    assert same > other + 0.1


def test_dates_spread_over_months(corpus: list[tuple[RawRecord, object]]) -> None:
    dates = sorted(r.published for r, _ in corpus if r.published is not None)
    assert (dates[-1] - dates[0]).days > 300
