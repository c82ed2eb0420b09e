"""Which sentences a story page may lift out of their article (newsprism.analysis.standalone)."""

from __future__ import annotations

import pytest

from newsprism.analysis.standalone import (
    complete,
    dangling,
    is_about_the_article,
    lifted,
    stands_alone,
    strip_dateline,
)


@pytest.mark.parametrize(
    "text",
    [
        "Such pauses would let aid reach the north of the territory.",
        "Also, the ministry said it would publish the figures next week.",
        "These calls have grown louder since the vote.",
        "Despite these calls for restraint, the council pressed ahead.",
        "They have asked residents with doorbell cameras to contact them.",
        "One of them, Jonah Fairweather, said he had been told to wait.",
        "The other 12, including the driver, went home on Tuesday.",
        "That’s what happened on Oct. 20, authorities said.",
        "He also maintained the refusal to permit fuel shipments.",
        # A shell noun: which move, whose decision, the sentence before says.
        "The move follows weeks of talks between the two unions.",
        "The decision comes four months after the first closure.",
        # "that" as a preposition's object: what the sentence before said.
        "For that, the mayor has the county's engineers to thank.",
        "Despite that, the council pressed ahead with the vote.",
    ],
)
def test_sentences_pointing_back_do_not_stand_alone(text: str) -> None:
    assert dangling(text)
    assert not stands_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "This week the council met to debate the library plan in full.",
        "It is not yet known when the line will reopen to passengers.",
        "There were no injuries among the crew, the operator said.",
        "The council voted seven to four in favour of the scheme on Monday.",
        # With its complement, the shell noun says what it stands for.
        "The decision to close the bridge was taken by the county on Monday.",
        "The statement from the operator came two hours after the derailment.",
        # Opens inside a quotation the splitter cut: judged by its attribution.
        "So we can go in,” Mr. Herzog said of a message sent to residents.",
        # After a verb, "that," opens a clause.
        "The inspector found that, on average, trains ran four minutes late.",
    ],
)
def test_sentences_that_stand_on_their_own(text: str) -> None:
    assert not dangling(text)


# A credit, a correction notice, a contact line, embeds and links.
NOT_NEWS = (
    "(Reporting by Tomasz Ilyin; editing by Ruth Cavendale)",
    "This article was amended on 12 March 2026 to correct the number of houses.",
    "Residents can call the council's helpline on 0300 555 0192.",
    "We reaffirmed our commitment to a two-state solution. pic.twitter.com/dFKgllX",
    "Read more at https://example.org/story for the full list.",
)


def test_lines_about_the_article_are_not_news() -> None:
    for text in NOT_NEWS:
        assert is_about_the_article(text), text


def test_news_with_figures_is_not_mistaken_for_a_contact_line() -> None:
    assert not is_about_the_article("About 300 residents were evacuated on 12 March 2026.")
    assert not is_about_the_article("The £8.2 million scheme was approved by 7 votes to 4.")


def test_datelines_are_cut_but_short_capitals_are_not() -> None:
    text = "OSKERBY, Brantshire, March 10 (Meridian News Wire) – Some 280 people left."
    assert strip_dateline(text) == "Some 280 people left."
    assert strip_dateline("WASHINGTON (AP) — The Senate voted.") == "The Senate voted."
    assert strip_dateline("NATO - allies met in Brussels.") == "NATO - allies met in Brussels."
    assert strip_dateline("The Senate voted.") == "The Senate voted."


def test_teasers_and_fragments_are_incomplete() -> None:
    assert not complete("The Sao Paulo, Brazil-based company sold more than $50 billion...")
    assert not complete("the rest of the sentence after a bad split.")
    assert not complete("Is the water safe to drink?")
    assert complete("Mayor Helena Drayvoss said the town had “woken up to a nightmare.”")


def test_connectives_and_a_referring_it_point_back() -> None:
    assert dangling("As a result, the company shut plants in three states.")
    assert dangling("It was the slowest improvement for jobs since January.")
    assert not dangling("In addition to the cost, the plan drew objections from residents.")
    assert not dangling("It is unclear whether the talks will resume next week.")
    assert is_about_the_article("Two writers share opposing perspectives on the ad below.")
    assert not is_about_the_article("Temperatures in the valley fell below zero.")


def test_an_excerpts_ellipsis_after_a_whole_sentence_is_dropped() -> None:
    # "...." is a full stop and the excerpt's cut: the sentence is whole.
    cut = "The line was closed by the operator on Monday...."
    assert not complete(cut)
    assert lifted(cut) == "The line was closed by the operator on Monday."
    assert complete(lifted(cut))
    assert lifted("WASHINGTON (AP) — The Senate voted....") == "The Senate voted."
    # Three dots, or an abbreviation before the stop: cut mid-sentence.
    for text in (
        "The company sold more than $50 billion...",
        "The first to speak was Dr....",
        "Prices rose across the U.S....",
    ):
        assert lifted(text) == text
        assert not complete(lifted(text))


def test_a_photo_caption_is_not_news() -> None:
    assert is_about_the_article(
        "Crews bring down the rest of the tower, late Sunday, July 4, 2021, in Brevik, Arland."
    )
    assert is_about_the_article(
        "Ola Sand dunks during the first half against Lessen on Tuesday, Nov. 19, 2019, in Oslo."
    )
    assert not is_about_the_article("The law was signed on July 4, 2021, in the capital.")
    assert not is_about_the_article("He was born on Nov. 19, 1960, in Oslo.")


def test_the_writers_own_voice_is_opinion_not_report() -> None:
    from newsprism.analysis.standalone import writers_voice

    for opinion in (
        "As usual, the media and politicians are exaggerating the evidence.",
        "By most measures, we should be thankful for how far the country has come.",
        "In 2005, I was an adviser to an infantry battalion near the capital.",
        "So is this just another self-dealing benefit for the mayor?",
    ):
        assert writers_voice(opinion), opinion
    for report in (
        "“We will not back down,” the mayor said on Monday.",
        "The US said it would send aid to the region.",
        "World War I ended in 1918, the museum's guide explains.",
        "Nina Turner, a surrogate for Sen. Bernie Sanders (I-Vt.), leads the race.",
        "'Masks work if people wear them,' he added, citing our own data.".replace(
            "our own", "the"
        ),
        'My eyes were streaming by the time I got to the car," he said.',
    ):
        assert not writers_voice(report), report
