"""Rendering: HTML, Markdown and terminal views of a story, and their safety."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console

from newsprism.render.html import render_html
from newsprism.render.markdown import render_markdown
from newsprism.render.terminal import story_renderables
from newsprism.render.view import interval_text, story_views, word_diff
from newsprism.text.sentences import split_sentences

HOSTILE = 'Ferrant won. <script>alert("x")</script> He said [link](javascript:x) *bold* ok.'


def _report() -> dict[str, Any]:
    articles = [
        {
            "id": "a1",
            "source": "in/a.txt",
            "url": "javascript:alert(1)",
            "outlet": "The Ellery Star",
            "title": "Mayor wins <b>second</b> term",
            "published": "2026-05-04",
            "language": "en",
            "text": "Mayor Tobias Ferrant was re-elected by 212 votes.\n\n" + HOSTILE,
            "duplicate_of": None,
            "story": "s-1",
        },
        {
            "id": "a2",
            "source": "in/b.txt",
            "url": "https://example.org/b",
            "outlet": "Port Ellery News",
            "title": "Ferrant [bold]re-elected[/bold]",
            "published": "2026-05-05",
            "language": "en",
            "text": "Ferrant was re-elected on Sunday by about 200 votes. Turnout was 41 percent.",
            "duplicate_of": None,
            "story": "s-1",
        },
    ]
    story = {
        "id": "s-1",
        "title": "Mayor wins second term",
        "articles": ["a1", "a2"],
        "quotes": [
            {
                "speaker": "Mira Osei",
                "variants": [
                    {"article": "a1", "text": "We will ask for a recount", "speaker_text": "Osei"},
                    {"article": "a2", "text": "we shall ask for a recount", "speaker_text": "she"},
                ],
            }
        ],
        "numbers": [
            {
                "what": "winning margin in votes",
                "status": "consistent",
                "mentions": [
                    {"article": "a1", "text": "212 votes", "low": 212, "high": 212},
                    {"article": "a2", "text": "about 200 votes", "low": 180, "high": 220},
                ],
            }
        ],
        "timeline": [
            {"date": "2026-05-03", "what": "Ferrant re-elected", "articles": ["a1", "a2"]}
        ],
        "exclusive": [
            {"article": "a2", "text": "Turnout was 41 percent."},
            {
                "article": "a2",
                "text": "Still, it was the lowest since 1998.",
                "context": "Turnout was 41 percent.",
            },
        ],
        "framing": [
            {
                "article": "a1",
                "terms": [{"term": "re-elected", "score": 1.2}],
                "names_actors": [
                    {
                        "actor": "Tobias Ferrant",
                        "as": ["Mayor Tobias <i>Ferrant</i>", "Ferrant"],
                        "role": "Mayor",
                        "distinctive": True,
                    }
                ],
            }
        ],
        "summary": [
            {"text": "Mayor Tobias Ferrant was re-elected by 212 votes.", "sources": ["a1", "a2"]}
        ],
    }
    return {
        "format": "newsprism-report/1",
        "generated": "x",
        "articles": articles,
        "stories": [story],
    }


def test_html_escapes_article_text_and_has_no_external_assets() -> None:
    page = render_html(_report())
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "<b>second</b>" not in page
    assert "javascript:" not in page.replace("(javascript:x)", "")  # only as escaped text
    assert 'href="javascript' not in page
    assert not re.search(r"<(link|img|iframe|object)\b|\bsrc=", page)
    assert 'href="https://example.org/b"' in page
    assert '<div class="context">after: Turnout was 41 percent.</div>' in page


def test_html_citations_point_at_existing_sentences() -> None:
    page = render_html(_report())
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert targets and all(t in ids for t in targets)
    # The summary sentence cites the sentence it was taken from, not just the article.
    summary = page.split('id="s-1-summary"')[1].split("</ol>")[0]
    assert 'href="#s-a1-1"' in summary


def test_markdown_is_escaped_and_complete() -> None:
    md = render_markdown(_report())
    assert "<script>" not in md and "\\<script\\>" in md
    for heading in ("Summary", "Who said what", "The numbers", "Timeline", "Framing"):
        assert f"### {heading}" in md
    assert "| Port Ellery News | about 200 votes | 180–220 |" in md
    # The second wording is shown with its differences marked.
    assert "**shall**" in md
    # A fact that leans on another sentence shows it as context, marked apart.
    assert "Still, it was the lowest since 1998. _(after: Turnout was 41 percent.)_" in md


def test_terminal_view_renders_every_section() -> None:
    console = Console(record=True, width=100)
    for part in story_renderables(story_views(_report())[0]):
        console.print(part)
    text = console.export_text()
    for expected in ("Mira Osei", "winning margin in votes", "2026-05-03", "Turnout was 41"):
        assert expected in text
    assert "lowest since 1998. (after: Turnout was 41 percent.)" in text
    assert "[bold]re-elected[/bold]" in text  # shown as text, not read as markup


def test_word_diff_ignores_case_and_punctuation() -> None:
    parts = word_diff("We will ask for a recount.", "“we shall ask for a recount”")
    assert [p.text for p in parts if p.changed] == ["shall"]


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Mr. Ferrant won. He thanked U.S. observers. “It was close,” he said. Then 41 percent."
    assert split_sentences(text) == [
        "Mr. Ferrant won.",
        "He thanked U.S. observers.",
        "“It was close,” he said.",
        "Then 41 percent.",
    ]


def test_split_sentences_keeps_case_names_titles_and_states() -> None:
    text = (
        "Sens. Ola Sand, D-R.I., and Per Lind, D-Del., wrote on Friday. "
        "The court may overturn Roe v. Wade next year. Rep. Ann Berg (D-Calif.) agreed."
    )
    assert split_sentences(text) == [
        "Sens. Ola Sand, D-R.I., and Per Lind, D-Del., wrote on Friday.",
        "The court may overturn Roe v. Wade next year.",
        "Rep. Ann Berg (D-Calif.) agreed.",
    ]
    text = (
        "It began at 2 a.m. here, 7 p.m. Thursday there. The vote ended at 9 p.m. The count began."
    )
    assert split_sentences(text) == [
        "It began at 2 a.m. here, 7 p.m. Thursday there.",
        "The vote ended at 9 p.m.",
        "The count began.",
    ]


def test_interval_text() -> None:
    assert interval_text(241, 241) == "241"
    assert interval_text(240, None) == "≥ 240"
    assert interval_text(None, 30) == "≤ 30"
    assert interval_text(200, 999) == "200–999"
    assert interval_text(1200000, 1200000) == "1,200,000"


def test_one_outlet_with_two_articles_gets_two_labels() -> None:
    report = _report()
    report["articles"][1]["outlet"] = "The Ellery Star"
    labels = [a.label for a in story_views(report)[0].articles]
    assert labels == ["The Ellery Star (2026-05-04)", "The Ellery Star (2026-05-05)"]


def test_speaker_table_and_outlet_count() -> None:
    report = _report()
    report["articles"][1]["outlet"] = "The Ellery Star"
    story = story_views(report)[0]
    assert story.outlets() == ["The Ellery Star"]
    assert story.speakers() == [("Mira Osei", 2, ["The Ellery Star"])]
    page = render_html(report)
    assert "2 articles from 1 outlet<" in page


def test_how_outlets_name_actors_is_shown_everywhere_and_escaped() -> None:
    report = _report()
    html = render_html(report)
    assert "names the main actors" in html and "&lt;i&gt;Ferrant&lt;/i&gt;" in html
    assert "<i>Ferrant" not in html
    markdown = render_markdown(report)
    assert "names: Tobias Ferrant as" in markdown and "* a title or role" in markdown
    console = Console(record=True, width=200)
    for view in story_views(report):
        for part in story_renderables(view):
            console.print(part)
    text = console.export_text()
    assert "names: Tobias Ferrant as “Mayor Tobias <i>Ferrant</i>”*" in text


def test_markdown_keeps_parentheses_and_counts_outlets_not_labels() -> None:
    report = _report()
    report["articles"][1]["outlet"] = "The Ellery Star"
    report["stories"][0]["summary"][0]["text"] = "Ferrant (the mayor) won by 212 votes."
    text = render_markdown(report)
    assert "Ferrant (the mayor) won" in text and "\\(" not in text
    assert "2 articles from 1 outlet" in text
    # Brackets stay escaped: no link can be made of an article's text.
    assert "[link]" not in text


def test_terminal_names_each_speaker_once_above_their_quotations() -> None:
    report = _report()
    second = {
        "speaker": "Mira Osei",
        "variants": [{"article": "a2", "text": "The count was close", "speaker_text": "Osei"}],
    }
    report["stories"][0]["quotes"].append(second)
    console = Console(record=True, width=120)
    for part in story_renderables(story_views(report)[0]):
        console.print(part)
    printed = console.export_text()
    # Once in the table of speakers, once above both of her quotations.
    assert printed.count("Mira Osei") == 2
    assert printed.index("We will ask") < printed.index("The count was close")


def test_an_outlet_with_nothing_distinctive_is_not_listed_under_framing() -> None:
    report = _report()
    report["stories"][0]["framing"].append({"article": "a2", "terms": [], "names_actors": []})
    [view] = story_views(report)
    assert [f["article"] for f in view.sections["framing"]] == ["a1"]
    report["stories"][0]["framing"] = [{"article": "a2", "terms": []}]
    assert "No distinctive word choice found." in render_markdown(report)
