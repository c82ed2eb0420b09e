"""Tests for newsprism.text.meta on invented titles, URLs and dates."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.text.meta import (
    date_from_url,
    find_dates,
    outlet_from_url,
    split_title,
    strip_corporate_suffix,
)

HEAD = "Dam repairs delayed again"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"{HEAD} | Region | The Valley Courier", (HEAD, "The Valley Courier")),
        (f"{HEAD} | Valley Courier", (HEAD, "Valley Courier")),
        (f"{HEAD} - Valley Courier", (HEAD, "Valley Courier")),
        (f"{HEAD} — Valley Courier", (HEAD, "Valley Courier")),
        (f"{HEAD} \u2013 VC News", (HEAD, "VC News")),
        (f"Valley Courier | {HEAD}", (HEAD, "Valley Courier")),
    ],
)
def test_split_title_removes_section_and_outlet(raw: str, expected: tuple[str, str]) -> None:
    assert split_title(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Mayor: the dam will be finished by May",
        "Covid-19 tests stay free for pupils",
        "Talks collapse - and the strike goes on",
        "Rivals trade blows in tense debate - what we learned",
        "Year-end rally lifts shares",
    ],
)
def test_split_title_keeps_headlines_with_dashes_and_colons(raw: str) -> None:
    assert split_title(raw) == (raw, None)


def test_split_title_collapses_white_space() -> None:
    assert split_title("  Dam   repairs\tdelayed  ") == ("Dam repairs delayed", None)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.valleycourier.com/news/2024/01/02/dam", "Valleycourier"),
        ("https://www.vcn.co.uk/story", "VCN"),
        ("https://m.the-valley-post.org/a/b", "The Valley Post"),
        ("valleycourier.net/x", "Valleycourier"),
    ],
)
def test_outlet_from_url(url: str, name: str) -> None:
    assert outlet_from_url(url) == name


@pytest.mark.parametrize("url", ["", "not a url", "https://127.0.0.1/x", "http://localhost/"])
def test_outlet_from_url_gives_none_without_a_domain(url: str) -> None:
    assert outlet_from_url(url) is None


def test_strip_corporate_suffix() -> None:
    assert strip_corporate_suffix("Valley Courier Media Group Ltd") == "Valley Courier"
    assert strip_corporate_suffix("Network") == "Network"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Harbour Gazette Newspapers", "Harbour Gazette"),
        ("Harbour Gazette Newspapers. All rights reserved.", "Harbour Gazette"),
        ("Coastline Publishers Ltd", "Coastline"),
        ("Tidewater Echo Co-operative Ltd", "Tidewater Echo"),
        ("Pellingford Media Group", "Pellingford"),
    ],
)
def test_strip_corporate_suffix_publisher_words(name: str, expected: str) -> None:
    assert strip_corporate_suffix(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted On 7 Feb 2022 by staff", date(2022, 2, 7)),
        ("on February 7, 2022 the", date(2022, 2, 7)),
        ("2022-02-07T10:00", date(2022, 2, 7)),
        ("Feb. 7, 2022", date(2022, 2, 7)),
        ("Monday, February 7, 2022", date(2022, 2, 7)),
        ("7th of February 2022", date(2022, 2, 7)),
    ],
)
def test_find_dates_reads_common_forms(text: str, expected: date) -> None:
    found = find_dates(text)
    assert [d.value for d in found] == [expected]
    assert text[found[0].start : found[0].end] == found[0].text


def test_find_dates_positions_and_glued_dates() -> None:
    text = "Updated 7 Feb 20227 Feb 2022Body starts here. Also 2021-13-01 and 30 Feb 2022."
    found = find_dates(text)
    assert [d.value for d in found][:1] == [date(2022, 2, 7)]
    assert all(d.value.year == 2022 for d in found)  # 2021-13-01 and 30 Feb are not dates
    assert found[0].start == text.index("7 Feb")


def test_find_dates_ignores_dates_without_year() -> None:
    assert find_dates("It happened on February 7 and on 8 March.") == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://harbour.example/2021/03/04/ferry-terminal", date(2021, 3, 4)),
        ("https://harbour.example/news/2021-3-4-ferry", date(2021, 3, 4)),
        ("https://harbour.example/2021/02/31/bad-day", None),
        ("https://harbour.example/ferry-terminal-2021", None),
        (None, None),
        ("", None),
    ],
)
def test_date_from_url(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected
