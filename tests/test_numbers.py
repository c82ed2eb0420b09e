"""Numbers: intervals by the contract's conventions, exclusions, grouping and status."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.models import Article
from newsprism.numbers import extract_mentions, numbers_section

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def _one(sentence: str) -> tuple[float | None, float | None, bool]:
    [m] = extract_mentions("a", sentence)
    return m.low, m.high, m.vague


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Officials counted 241 ballots.", 241, 241),
        ("The storm destroyed more than 240 homes.", 240, None),
        ("Rescuers reached over 240 homes.", 240, None),
        ("The fire, exceeding 9,200 hectares, burned on.", 9200, None),
        ("At least 79 people crossed the border.", 79, None),
        ("Fewer than 30 boats left the harbour.", None, 30),
        ("Up to 12 flights were cancelled.", None, 12),
        ("The council spent 1.2 million euros on it.", 1_200_000, 1_200_000),
        ("Two ferries sank.", 2, 2),
        ("Between 200 and 300 residents left.", 200, 300),
    ],
)
def test_intervals(sentence: str, low: float | None, high: float | None) -> None:
    assert _one(sentence)[:2] == (low, high)


@pytest.mark.parametrize("sentence", ["Roughly 240 homes flooded.", "The 240 or so homes flooded."])
def test_approximate_is_closed_and_within_30_percent(sentence: str) -> None:
    low, high, _ = _one(sentence)
    assert low is not None and high is not None
    assert low <= 240 <= high and high - low <= 0.3 * 240


def test_vague_amounts() -> None:
    assert _one("Hundreds of residents fled the valley.") == (200, 999, True)
    assert _one("Dozens of shops were closed.")[2] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge closed on Oct. 7 after the storm.",
        "The bridge closed on 7 October after the storm.",
        "The corridor opened between 1 p.m. and 4 p.m. local time.",
        "The driver, Ola Sand, 59, was unhurt.",
        "The 33-year-old driver was unhurt.",
        "It was 0.6 C in the valley.",
        "The bridge was built in 1998.",
        "The F-16 flew over the valley.",
    ],
)
def test_no_dates_times_ages_temperatures_years_or_codes(sentence: str) -> None:
    assert extract_mentions("a", sentence) == []


def _art(aid: str, text: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text)


def _entry(section: list[dict[str, object]], article: str) -> dict[str, object]:
    return next(
        e
        for e in section
        if any(m["article"] == article for m in e["mentions"])  # type: ignore[attr-defined]
    )


def test_true_disagreement_is_a_conflict() -> None:
    section = numbers_section(
        [
            _art("a", "The crash killed 12 people, police said."),
            _art("b", "At least 30 people were killed in the crash, the hospital said."),
        ]
    )
    entry = _entry(section, "a")
    assert entry["status"] == "conflicting"
    assert {m["article"] for m in entry["mentions"]} == {"a", "b"}  # type: ignore[attr-defined]


def test_precision_difference_is_not_a_conflict() -> None:
    section = numbers_section(
        [
            _art("a", "The flood left 241 families homeless, the council said."),
            _art("b", "More than 200 families were left homeless by the flood."),
            _art("c", "Roughly 240 families were made homeless."),
        ]
    )
    entry = _entry(section, "a")
    assert entry["status"] == "consistent"
    assert len(entry["mentions"]) == 3  # type: ignore[arg-type]


def test_synonyms_group_and_other_places_do_not() -> None:
    section = numbers_section(
        [
            _art("a", "The rebels hold 40 hostages in Narvik, officials said."),
            _art("b", "Some 40 captives remain in Narvik, according to the ministry."),
            _art("c", "In Tromsø, 9 people were killed in the clashes."),
            _art("d", "The death toll in Bodø rose to 25 on Friday."),
        ]
    )
    held = _entry(section, "a")
    assert {m["article"] for m in held["mentions"]} == {"a", "b"}  # type: ignore[attr-defined]
    assert held["status"] == "consistent"
    # Deaths in two places are two quantities, not a conflict.
    assert _entry(section, "c")["status"] == "single-source"
    assert _entry(section, "d")["status"] == "single-source"


def test_attribution_is_kept() -> None:
    [m] = extract_mentions("a", "More than 300 people were evacuated, according to the county.")
    assert m.attribution == "the county"


def test_same_count_on_two_days_is_a_date_conflict() -> None:
    section = numbers_section(
        [
            _art("a", "Twelve people were killed in the landslide on Tuesday, police said."),
            _art("b", "The landslide killed twelve people on Wednesday, the mayor said."),
        ]
    )
    entry = _entry(section, "a")
    assert (entry["status"], entry["conflict"]) == ("conflicting", "dates")


def test_counts_as_of_different_days_are_different_quantities() -> None:
    section = numbers_section(
        [
            _art("a", "As of Friday, 40 people had been rescued in Narvik, officials said."),
            _art("b", "As of Saturday, 55 people had been rescued in Narvik, officials said."),
        ]
    )
    assert _entry(section, "a")["status"] == "single-source"
    assert _entry(section, "b")["status"] == "single-source"
