"""Timeline: absolute and relative dates resolved, missing dates inferred, merging."""

from __future__ import annotations

from datetime import date

from newsprism.analysis.timeline import infer_date, timeline_section
from newsprism.models import Article

# 2026-03-12 is a Thursday.
DATED = Article(
    id="a",
    source="a.txt",
    published=date(2026, 3, 12),
    text=(
        "The train derailed on Tuesday near Oskerby.\n"
        "Inspectors will visit the crossing on Monday.\n"
        "The line was last inspected on Jan. 20, the operator said.\n"
        "A similar spill happened on 3 Nov 2019 at the same place.\n"
        "Crews worked through the night yesterday."
    ),
)
UNDATED = Article(
    id="b",
    source="b.txt",
    text="Residents returned home on Friday.\nThe train derailed on Tuesday morning.",
)


def _by_date(section: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(e["date"]): e for e in section}


def test_relative_and_absolute_dates_resolve_against_the_article_date() -> None:
    days = _by_date(timeline_section([DATED]))
    assert "2026-03-10" in days  # "on Tuesday", past tense: the Tuesday before
    assert "2026-03-16" in days  # "will … on Monday": the Monday after
    assert "2026-01-20" in days  # "Jan. 20": the article's year
    assert "2019-11-03" in days  # an explicit year is kept
    assert "2026-03-11" in days  # "yesterday"


def test_undated_article_takes_the_story_date_and_merges() -> None:
    days = _by_date(timeline_section([DATED, UNDATED]))
    # The undated article's "Tuesday" is the same derailment: one entry, two sources.
    assert days["2026-03-10"]["articles"] == ["a", "b"]
    # Its "Friday" is the nearest Friday to the story's date (the next day).
    assert days["2026-03-13"]["articles"] == ["b"]
    assert days["2026-03-13"]["dated_by_story_for"] == ["b"]
    assert "dated_by_story_for" not in days["2026-03-16"]


def test_without_any_date_no_relative_dates_are_guessed() -> None:
    assert timeline_section([UNDATED]) == []


def test_december_date_in_a_january_article_is_last_year() -> None:
    article = Article(
        id="c",
        source="c.txt",
        published=date(2026, 1, 5),
        text="The budget was approved on Dec. 28 after a long debate.",
    )
    assert _by_date(timeline_section([article])).keys() == {"2025-12-28"}


def _art(aid: str, text: str, published: date | None = None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", published=published, text=text)


# 2026-03-03 is a Tuesday; 2026-03-12 a Thursday.
VOTE = _art("v", "The council voted on Monday to close the Millbrook bridge.", date(2026, 3, 3))
REPAIRS = _art("r", "Repairs on the Millbrook bridge began on Wednesday.", date(2026, 3, 12))


def test_an_undated_article_is_dated_by_the_events_it_shares() -> None:
    late = _art(
        "u",
        "The council voted on Monday to close the bridge at Millbrook.\n"
        "Engineers will inspect the bridge on Thursday.",
    )
    days = _by_date(timeline_section([VOTE, REPAIRS, late]))
    # Its "Monday" is the vote the dated article puts on March 2, so it was
    # written that week (taken as March 3), not near the story's latest date.
    assert days["2026-03-02"]["articles"] == ["v", "u"]
    assert "2026-03-09" not in days
    assert days["2026-03-05"]["articles"] == ["u"]  # "will … on Thursday": that week's


def test_an_undated_article_is_not_dated_before_what_it_reports() -> None:
    known = [date(2026, 3, 3), date(2026, 3, 20), date(2026, 4, 10)]
    reopened = _art(
        "d", "The Millbrook bridge reopened on March 18.\nTraffic returned on Thursday."
    )
    # On or after March 18: the first story date since then.
    assert infer_date(reopened, known, []) == date(2026, 3, 20)
    others = [VOTE, _art("y", "", date(2026, 3, 20)), _art("x", "", date(2026, 4, 10))]
    days = _by_date(timeline_section([*others, reopened]))
    assert days["2026-03-19"]["articles"] == ["d"]  # not the Thursday before April 10
    # What it announces comes later; a reported date is not an announcement.
    announced = _art("e", "Engineers will inspect the bridge on March 18.")
    assert infer_date(announced, known, []) == date(2026, 3, 3)
    reported = _art("f", "The council said on March 19 it will review the closure.")
    assert infer_date(reported, known, []) == date(2026, 3, 20)


def test_without_clues_an_undated_article_takes_the_latest_date() -> None:
    undated = _art("n", "Residents gathered on Friday near the river.")
    days = _by_date(timeline_section([VOTE, REPAIRS, undated]))
    assert days["2026-03-13"]["articles"] == ["n"]  # the Friday nearest March 12


# 2026-03-12 is a Thursday.
def _days(text: str, published: date = date(2026, 3, 12)) -> dict[str, dict[str, object]]:
    return _by_date(timeline_section([_art("t", text, published)]))


def test_a_weekday_takes_the_tense_of_its_own_verb() -> None:
    # The quotation's "would" is not the tense of "said Monday".
    days = _days("“A ceasefire would only help the gunmen,” the spokesman said Monday.")
    assert set(days) == {"2026-03-09"}
    # A limit still ahead: the next Saturday.
    assert set(_days("Trains have been replaced by buses until at least Saturday.")) == {
        "2026-03-14"
    }
    # "who arrived … on Tuesday" is past though the sentence goes on in the future.
    days = _days("The inspector, who arrived on Tuesday, said she would report soon.")
    assert set(days) == {"2026-03-10"}
    # Cranes "would begin lifting the derailed wagons on Friday": an adjective is no past.
    assert set(
        _days("The firm said cranes would begin lifting the derailed wagons on Friday.")
    ) == {"2026-03-13"}


def test_unclear_or_generic_weekdays_are_left_out() -> None:
    # Which event "Monday" belongs to is unclear in a sentence of both tenses.
    assert _days("The town will get a library in a converted depot after a vote on Monday.") == {}
    # "a Saturday morning" is no one day.
    assert _days("I want it to be where they bring their children on a Saturday morning.") == {}


def test_the_entry_text_is_the_sentence_most_about_that_day() -> None:
    text = (
        "The mayor refused a deal until the firm pays for the homes flooded on March 2.\n"
        "The river broke its banks on March 2 after a week of rain."
    )
    assert (
        _days(text)["2026-03-02"]["what"]
        == "The river broke its banks on March 2 after a week of rain."
    )


def test_today_and_tomorrow_inside_a_quotation_are_left_out() -> None:
    # Said the night before publication: "tomorrow" is not the day after the article.
    assert _days("“Tonight is a good night. Tomorrow we start on the next fight,” she said.") == {}
    assert set(_days("The harbour reopens tomorrow, the council said.")) == {"2026-03-13"}


def test_a_date_used_as_a_name_dates_what_it_names_not_the_sentence() -> None:
    # 2026-03-12 (a Thursday): the letter is Friday's news, the riot the 6 January one.
    text = (
        "In a letter on Friday, members urged a vote to remove the chair over the Jan. 6 riot"
        " inquiry and the March 2 flood report."
    )
    days = _days(text)
    assert days["2026-01-06"]["what"] == "the Jan. 6 riot inquiry"
    assert days["2026-03-02"]["what"] == "the March 2 flood report"


def test_a_date_after_a_preposition_keeps_its_sentence() -> None:
    text = "The river broke its banks on March 2 after a week of rain."
    assert _days(text)["2026-03-02"]["what"] == text


def test_as_soon_as_a_weekday_is_ahead() -> None:
    # 2026-03-12 is a Thursday: "as soon as Monday" is the Monday after.
    days = _days("Residents could return home as soon as Monday, officials said.")
    assert set(days) == {"2026-03-16"}


def test_a_date_naming_a_place_and_an_event_keeps_the_whole_name() -> None:
    days = _days("They questioned him about the Jan. 6 U.S. Capitol riot.")
    assert days["2026-01-06"]["what"] == "the Jan. 6 U.S. Capitol riot"


def test_today_as_these_days_is_no_date() -> None:
    assert _days("Most cars today are controlled by dozens of chips.") == {}
    assert set(_days("The council today is voting on the budget.")) == {"2026-03-12"}


def test_a_limit_told_as_ahead_is_next_year_and_bounds_no_writing_day() -> None:
    # 2026-08-07 is a Friday. A limit in the present or future tense lies ahead;
    # one in the past tense, or a period of data that ended, keeps its year.
    ahead = _art(
        "g", "The agency is extending the pause on payments through Jan. 31.", date(2026, 8, 7)
    )
    assert _by_date(timeline_section([ahead])).keys() == {"2027-01-31"}
    over = _art("h", "The pause was extended through Jan. 31, officials said.", date(2026, 8, 7))
    assert _by_date(timeline_section([over])).keys() == {"2026-01-31"}
    # An undated report of the same announcement is not written after its limit.
    known = [date(2026, 8, 7)]
    undated = _art("i", "The agency on Friday extended the pause until January 31, 2027.")
    assert infer_date(undated, known, []) == date(2026, 8, 7)
    data = _art("j", "A report on vaccinations through April 9 shows a rise.")
    assert infer_date(data, [date(2026, 4, 25)], []) == date(2026, 4, 25)
