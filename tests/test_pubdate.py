"""Tests for newsprism.text.pubdate on invented pages, and its score gate on ../shared."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.text import pubdate
from newsprism.text.pubdate import FEATURE_NAMES, date_candidates, published_from_text
from newsprism.text.pubdate_weights import WEIGHTS

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCRAPED = SHARED / "benchmarks" / "scraped"

MENU = "Home\nNews\nSport\nBusiness\nOpinion"
BODY = (
    "The council voted on the plan to rebuild the old ferry terminal after a long debate "
    "that ran well into the evening, and the work will start in the spring.\n"
    "Residents who spoke at the meeting said they had waited for years for the repairs "
    "and asked the council to publish the full costs before any contract is signed.\n"
)
FOOTER = "About us\nContact\nPrivacy policy\n© 2021 The Harbour Gazette"


def page(*header: str, body: str = BODY, after: str = "") -> str:
    """A scraped page: menu, headline, the header lines given, body, footer."""
    head = "\n".join(header)
    return f"{MENU}\nFerry terminal rebuild approved\n{head}\n{body}{after}\n{FOOTER}\n"


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("Published 4 March 2021", date(2021, 3, 4)),
        ("Posted on March 4, 2021", date(2021, 3, 4)),
        ("Published: Thursday, 4th of March 2021", date(2021, 3, 4)),
        ("Published: 2021-03-04", date(2021, 3, 4)),
        ("Posted: 2021/03/04", date(2021, 3, 4)),
        ("Posted: 2021.03.04", date(2021, 3, 4)),
        # US numeric, two- and four-digit years; day above 12 settles the order
        ("By Ann Lee - 3/24/21 09:15 AM", date(2021, 3, 24)),
        ("Posted 03/24/2021", date(2021, 3, 24)),
        ("03.24.2021 09:15 AM", date(2021, 3, 24)),
        # day first
        ("Published 24/03/2021", date(2021, 3, 24)),
        ("Posted 24.03.2021", date(2021, 3, 24)),
        ("09:15 24.03.2021", date(2021, 3, 24)),
        # other languages
        ("publicado em quinta-feira, 4 de março de 2021 às 9:15", date(2021, 3, 4)),
        ("Publicado el 4 de marzo de 2021", date(2021, 3, 4)),
        ("Posted on Maret 4, 2021 by Redaksi", date(2021, 3, 4)),
        ("Автор: Иван Петров · 4 марта 2021", date(2021, 3, 4)),
        ("Pubblicato il 04 Mar 2021", date(2021, 3, 4)),
        ("4 Ago 2021", date(2021, 8, 4)),
        ("veröffentlicht am 4. März 2021", date(2021, 3, 4)),
        ("2021年03月04日", date(2021, 3, 4)),
        ("2021년 3월 4일", date(2021, 3, 4)),
    ],
)
def test_reads_each_format(stamp: str, expected: date) -> None:
    assert published_from_text(page(stamp)) == expected


def test_glued_stamp_is_read() -> None:
    # Scraped widgets glue a caption, the stamp, a copy of it and the body
    # into one long line.
    line = (
        "Workers at the terminal on Monday [Photo: Pat Doe]Published On 4 Mar 20214 Mar 2021"
        + BODY.replace("\n", " ")
    )
    assert published_from_text(f"{MENU}\nFerry terminal rebuild approved\n{line}\n") == date(
        2021, 3, 4
    )


def test_day_month_order_from_the_page_and_abstention() -> None:
    # 05/03/2021 alone on an English page reads month first...
    assert published_from_text(page("Posted 05/03/2021 10:00")) == date(2021, 5, 3)
    # ...but another date on the page that writes its day first settles it.
    related = "\nMore from the harbour\nFerry fares frozen 21/02/2021\n"
    assert published_from_text(page("Posted 05/03/2021 10:00", after=related)) == date(2021, 3, 5)
    # A dotted 05.03.2021 on an English page with nothing to settle it: no date.
    cands = date_candidates(page("Posted 05.03.2021"))
    assert all(c.value not in (date(2021, 5, 3), date(2021, 3, 5)) for c in cands)


# ---------------------------------------------------------------- which date


def test_published_not_updated() -> None:
    stamp = "PUBLISHED: March 4, 2021 at 9:15 am | UPDATED: March 6, 2021 at 1:00 pm"
    assert published_from_text(page(stamp)) == date(2021, 3, 4)


def test_byline_date_under_headline() -> None:
    assert published_from_text(page("By Ann Lee \u2014 March 4, 2021")) == date(2021, 3, 4)


def test_render_date_next_to_weather_is_not_read() -> None:
    text = f"12 \u00b0C\nPortside\nThursday, March 11, 2021\n{MENU}\nFerry terminal\n{BODY}"
    assert published_from_text(text) is None


def test_relative_date_is_no_date() -> None:
    assert published_from_text(page("Published 3 hours ago")) is None


def test_body_date_is_not_the_publication_date() -> None:
    body = (
        "The terminal, pictured in this March 28, 2017, file photo, closed after storms "
        "damaged the pier and the ferries were moved to the northern quay for the winter.\n" + BODY
    )
    assert published_from_text(page(body=body)) is None


def test_copyright_year_is_no_date() -> None:
    assert published_from_text(page()) is None


def test_comment_dates_are_not_the_article_date() -> None:
    comments = "\n".join(
        f"Reader {i} on March {10 + i}, 2021 at 8:0{i} pm said:\nGreat news for the town.\nReply"
        for i in range(3)
    )
    stamped = page("By Ann Lee | March 4, 2021 9:10 am", body=BODY * 3, after=comments)
    assert published_from_text(stamped) == date(2021, 3, 4)
    # With a bare byline date the model may abstain, but never takes a comment's.
    bare = page("By Ann Lee | March 4, 2021", body=BODY * 3, after=comments)
    assert published_from_text(bare) in (date(2021, 3, 4), None)


# ---------------------------------------------------------------- time zones


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        # late evening in the US is the next day in UTC
        ("By Ann Lee - Mar 4, 2021, 10:31 pm CST", date(2021, 3, 5)),
        ("Mar 4, 2021 7:04 pm ET", date(2021, 3, 5)),
        ("11:26 pm EST, Thursday, March 4, 2021", date(2021, 3, 5)),
        ("2021-03-04T23:30:00-05:00", date(2021, 3, 5)),
        # early morning in Asia is the previous day in UTC
        ("Published 4 March 2021 06:10 JST", date(2021, 3, 3)),
        # same day
        ("Mar 4, 2021 9:15 am ET", date(2021, 3, 4)),
        ("Thu 4 Mar 2021 18.54 GMT", date(2021, 3, 4)),
        # no zone: the written day
        ("Posted March 4, 2021 at 11:50 pm", date(2021, 3, 4)),
    ],
)
def test_time_and_zone_give_the_utc_day(stamp: str, expected: date) -> None:
    assert published_from_text(page(stamp)) == expected


def test_us_daylight_time() -> None:
    # "ET" in July is UTC-4: 8:30 pm is 00:30 the next day; in January 8:30 pm
    # ET is 01:30 UTC the next day too, but 7:30 pm is 00:30 only in January.
    assert published_from_text(page("Jul 4, 2021 7:30 pm ET")) == date(2021, 7, 4)
    assert published_from_text(page("Jan 4, 2021 7:30 pm ET")) == date(2021, 1, 5)


def test_url_date_settles_the_day() -> None:
    url = "https://harbour.example/2021/03/04/ferry-terminal"
    # The text's day within a day of the URL's (a zone may move it) is kept...
    assert published_from_text(page("Mar 4, 2021 10:31 pm CST"), url=url) == date(2021, 3, 5)
    # ...a text with no such date gives the URL's.
    assert published_from_text(page(), url=url) == date(2021, 3, 4)


def test_weights_match_features() -> None:
    # A weights file fitted on other features must be refitted
    # (python benchmarks/scraped_dates.py --fit).
    assert tuple(WEIGHTS) == FEATURE_NAMES


def test_pure_and_fast() -> None:
    text = page("By Ann Lee - Mar 4, 2021, 10:31 pm CST", after=BODY * 20)
    first = published_from_text(text)
    t0 = time.perf_counter()
    for _ in range(50):
        assert published_from_text(text) == first
    assert (time.perf_counter() - t0) / 50 < 0.005


# ---------------------------------------------------------------- score gate

# Measured with benchmarks/scraped_dates.py (a commit may raise these floors,
# not lower them): test half right 49/78, wrong 31/80 given (17 of them on
# pages without a gold date); seeds 5/5.
TEST_RIGHT_FLOOR = 49
TEST_WRONG_CEILING = 31


@pytest.mark.skipif(not SCRAPED.is_dir(), reason="../shared is absent")
def test_scraped_dates_gate() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from scraped_dates import load, score, seeds

    data = load(SHARED, "test")
    s = score([published_from_text(p.text) for p in data], data)
    assert s.right >= TEST_RIGHT_FLOOR, s
    assert s.wrong <= TEST_WRONG_CEILING, s
    assert all(line.endswith("ok") for line in seeds(SHARED)), seeds(SHARED)


# ---------------------------------------------------------------- shortcuts

# Pieces of dates, numbers, cue words (each alternative cut where it may be
# matched case-insensitively), separators, and characters that case folding
# maps to ASCII letters ("\u017f" is an "s", "\u0130" an "i", "\u212a" a "k").
_PIECES = st.sampled_from(
    [
        "19", "20", "2019", "1999", "0", "3", "12", "Nov", "NOV.", "m\u00e4rz", "okt", "3rd", "ST",
        "/", ".", "-", " ", "\t", "\n", "\u00a0",
        "\u0663", "\u00b2", "Nov", "the", "The", "and", "of", "to", "x", "_", "t", "o", "a",
        "\u00e9",
        "Published", "PUBLI", "posted", "release date", "Datum", "updated", "EDITED", "correct",
        "tualizado", "By", "by", "di", "autor", "oleh", "par", "von", "por", "photo", "File", "@",
        "(@", "said:", "Reply", "air date", "\u00a9", "weather", "RAIN", "wind", "5\u00b0", "7 C",
        "12F", "c", "\u2013", "\u2014", "|", "\u00b7", "\u017f", "\u0130", "\u212a", "\u0131",
        "r\u00e9pondre", "mis \u00e0 jour",
        "\u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u043e",
    ]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
@example("Published 19/11/2019 | weather 7 C")
@example("1920191.2.2019-20-11-19")
def test_shortcuts_agree_with_the_patterns(text: str) -> None:
    hints = [h.start() for h in pubdate._YEAR_HINT.finditer(text)]
    starts = pubdate._year_starts(text)
    assert set(hints) <= set(starts)
    # The other starts follow a digit, and _written skips those.
    assert all(y and text[y - 1].isdigit() for y in set(starts) - set(hints))
    assert pubdate._numeric_hints(text) == [h.start() for h in pubdate._NUMERIC_HINT.finditer(text)]
    english = len(pubdate._THE.findall(text, 0, 20000)) >= pubdate._ENGLISH_MIN
    assert pubdate._is_english(text) == english
    if pubdate._WEATHER.search(text):
        assert pubdate._may_be_weather(text)
    for pattern, words in (
        (pubdate._PUB_CUE, pubdate._PUB_WORDS),
        (pubdate._UPD_CUE, pubdate._UPD_WORDS),
        (pubdate._BY_CUE, pubdate._BY_WORDS),
        (pubdate._REF_CUE, pubdate._REF_WORDS),
    ):
        if pattern.search(text):
            assert pubdate._may_hold(words, text), pattern.pattern
    assert pubdate._ends_with_dash(text) == bool(pubdate._DASH_END.search(text))
    for tok in pubdate._TOKEN.finditer(text):
        if tok.group().lower() in pubdate._MONTHS:
            whole = pubdate._MDY.match(text, tok.start())
            rest = pubdate._AFTER_MONTH.match(text, tok.end())
            assert (whole is None) == (rest is None)
            if whole is not None and rest is not None:
                assert whole.span("m") == tok.span()
                assert (whole.end(), whole.group("d"), whole.span("y")) == (
                    rest.end(),
                    rest.group("d"),
                    rest.span("y"),
                )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a b",
                "\n",
                "",
                " The Cat",
                " A B C D E F G H I J K L",
                " the cat sat on the mat and ran off to a big red house",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_page_layout_is_that_of_the_split_lines(text: str) -> None:
    page = pubdate._page(text)
    lines = text.split("\n")
    assert page.starts == [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    # Prose as the rule states it: 12 words or more, 45% of them opening lower-case.
    prose = [
        i
        for i, line in enumerate(lines)
        if len(line.split()) >= 12
        and sum(1 for w in line.split() if w[:1].islower()) >= 0.45 * len(line.split())
    ]
    assert (page.first_prose, page.last_prose) == ((prose[0], prose[-1]) if prose else (-1, -1))
