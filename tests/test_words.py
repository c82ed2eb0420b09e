"""Words read without the regular expression engine must be the ones it finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.text.words import (
    alnum_tokens,
    folded_alnum_tokens,
    folded_letter_tokens,
    folded_word_tokens,
    letter_tokens,
    shingles,
    word_tokens,
)

# Mostly ASCII with the characters news text mixes in: curly quotes, dashes,
# accented and non-Latin letters, digits of other scripts, combining marks,
# Unicode spaces, and lone surrogates (which a decoder can leave behind); and
# capitals whose small forms str.lower() writes differently: the sigma by its
# neighbours (final or not, across an apostrophe), the Kelvin sign as an
# ASCII "k", the dotted I as two characters.
_MIXED = st.one_of(
    st.characters(max_codepoint=127),
    st.sampled_from(
        "\u2018\u2019\u201c\u201d\u2014\u2013\u2026\u00a0\u2009\u2028\u0085"
        "\u00e9\u00df\u00e7\u0130\u0307\u03b1\u0416\u4e2d\u0663\u00b2\u00bd\ud800\udfff"
        "\u03a3\u03a3\u039f\u03c3\u212a\u00c9\u1e9e\u00a3"
    ),
)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=_MIXED, max_size=80))
@example("it\u2019s caf\u00e9\u2014the l'homme, 1999_x \u201cquoted\u201d")
@example("tab\tnew\nline\x1cfile\x1fsep")
@example("\u039f\u03a3 \u039f\u03a3'\u039f \u212aelvin \u0130stanbul")
@example("Caf\u00e9\u2019s \u00a3120 \u201cQuoted\u201d Word\u00a0Space end\u00e9")
def test_words_are_what_the_regular_expression_finds(text: str) -> None:
    low = text.lower()
    assert word_tokens(low) == re.findall(r"\w+", low)
    assert letter_tokens(low) == re.findall(r"[^\W\d_]+", low)
    assert alnum_tokens(low) == re.findall(r"[^\W_]+", low)
    # Folded by the byte table when ASCII, by str.casefold() otherwise.
    assert folded_alnum_tokens(text) == re.findall(r"[^\W_]+", text.casefold())
    # Folded by the byte table, and str.lower() on the pieces around a
    # non-ASCII character only (the whole text when it holds a capital sigma).
    assert folded_word_tokens(text) == re.findall(r"\w+", low)
    assert folded_letter_tokens(text) == re.findall(r"[^\W\d_]+", low)


@pytest.mark.parametrize(
    ("text", "words", "letters"),
    [
        ("the u.s. said, 2024", ["the", "u", "s", "said", "2024"], ["the", "u", "s", "said"]),
        ("\u201cno\u201d \u2014 caf\u00e9s", ["no", "caf\u00e9s"], ["no", "caf\u00e9s"]),
        ("snake_case x2", ["snake_case", "x2"], ["snake", "case", "x"]),
        ("", [], []),
    ],
)
def test_words_of_ascii_and_non_ascii_text(text: str, words: list[str], letters: list[str]) -> None:
    assert word_tokens(text) == words
    assert letter_tokens(text) == letters


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_MIXED, max_size=80))
def test_line_key_folds_as_the_substitution_did(text: str) -> None:
    from newsprism.text.clean import line_key

    assert line_key(text) == re.sub(r"[\W_]+", " ", text.casefold()).strip()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_MIXED, max_size=6), max_size=14), st.integers(1, 6))
@example(["the", "ferry", "left"], 5)
@example([], 5)
def test_shingles_are_the_joined_runs_of_words(words: list[str], n: int) -> None:
    expected = (
        [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        if len(words) >= n
        else [" ".join(words)]
    )
    assert shingles(words, n) == expected


def test_a_shingle_holds_at_least_one_word() -> None:
    with pytest.raises(ValueError):
        shingles(["the", "ferry"], 0)
