"""The story in the terminal: what ``newsprism show`` prints.

Stage: rendering. Needs a :class:`~newsprism.render.view.StoryView`; adds nothing.
Article text is printed as text (rich markup in an article is escaped), and
every string that came from input goes through :func:`terminal_text` first
(see :func:`terminal_safe`): a title may carry escape sequences that clear
the screen, retitle the window or plant a hyperlink.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsprism.render.view import (
    ACTOR_MARK_NOTE,
    StoryView,
    actor_names,
    has_actor_mark,
    interval_text,
    word_diff,
)

# What a terminal would act on rather than show: escape sequences (CSI
# "ESC [ ... final", OSC "ESC ] ... BEL or ESC \\" such as window titles and
# OSC 8 hyperlinks, DCS/APC/PM/SOS strings, and two-character escapes), the
# C0 controls but tab and newline, DEL, the C1 controls (0x9b is a one-byte
# CSI on some terminals) and the bidirectional overrides and isolates, which
# reorder what is shown.
_ESCAPES: Final = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|[\x1b\x9d]\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b.?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def terminal_text(text: str) -> str:
    """``text`` without anything a terminal would act on (see ``_ESCAPES``)."""
    if text.isprintable():
        return text
    return _ESCAPES.sub("", text)


def terminal_safe(value: Any) -> Any:
    """A JSON-like value (a report) with :func:`terminal_text` applied to every string."""
    if isinstance(value, str):
        return terminal_text(value)
    if isinstance(value, dict):
        return {k: terminal_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [terminal_safe(v) for v in value]
    return value


def story_renderables(story: StoryView) -> Iterator[RenderableType]:
    """The whole story, section by section."""
    sec = story.sections
    yield Text.assemble((story.title or "(untitled story)", "bold"), f"  ({story.id})")
    yield _articles(story)

    yield Rule("Summary", align="left")
    for n, item in enumerate(sec["summary"], 1):
        cites = ", ".join(story.label(a) for a in item.get("sources", []))
        yield Text.assemble(f"{n}. ", item.get("text", ""), (f"  [{cites}]", "dim"))
    yield from _none(sec["summary"], "No summary.")

    yield Rule("Who said what", align="left")
    if sec["quotes"]:
        yield _speakers(story)
    # Each speaker once, with every quotation of theirs under the name, in
    # the order the speakers are first quoted.
    by_speaker: dict[str, list[dict[str, object]]] = {}
    for q in sec["quotes"]:
        by_speaker.setdefault(str(q.get("speaker") or "unknown speaker"), []).append(q)
    for who, quotes in by_speaker.items():
        yield Text(who, "bold")
        for q in quotes:
            yield _quote(story, q)
    yield from _none(sec["quotes"], "No quotes found.")

    yield Rule("The numbers", align="left")
    for entry in sec["numbers"]:
        yield _number(story, entry)
    yield from _none(sec["numbers"], "No figures found.")

    yield Rule("Timeline", align="left")
    if sec["timeline"]:
        table = Table("date", "what", "reported by", show_edge=False)
        for t in sec["timeline"]:
            who = ", ".join(story.label(a) for a in t.get("articles", []))
            table.add_row(escape(t.get("date", "")), escape(t.get("what", "")), escape(who))
        yield table
    yield from _none(sec["timeline"], "No dated events found.")

    yield Rule("Only one outlet reports", align="left")
    for e in sec["exclusive"]:
        after = (f" (after: {e['context']})", "dim") if e.get("context") else ""
        yield Text.assemble(
            (story.label(e.get("article", "")), "bold"), ": ", e.get("text", ""), after
        )
    yield from _none(sec["exclusive"], "Nothing reported by one outlet alone.")

    yield Rule("Framing: distinctive word choice", align="left")
    for f in sec["framing"]:
        terms = ", ".join(t.get("term", "") for t in f.get("terms", []))
        yield Text.assemble((story.label(f.get("article", "")), "bold"), ": ", terms)
        if f.get("names_actors"):
            yield Text.assemble("  names: ", actor_names(f), style="dim")
    if has_actor_mark(sec["framing"]):
        yield Text(ACTOR_MARK_NOTE, style="dim")
    yield from _none(sec["framing"], "No distinctive word choice found.")


def _articles(story: StoryView) -> Table:
    table = Table(title_justify="left")
    for col in ("outlet", "published", "title", "copy of"):
        table.add_column(col, overflow="fold")
    for a in story.articles:
        table.add_row(
            escape(a.label),
            a.published or "-",
            escape(a.title or "(untitled)"),
            escape(story.label(a.duplicate_of)) if a.duplicate_of else "",
        )
    return table


def _speakers(story: StoryView) -> Table:
    """Who is quoted, how often, by which outlets: one-sided quoting shows here."""
    table = Table("speaker", "quotes", "quoted by", show_edge=False)
    for who, n, outlets in story.speakers():
        table.add_row(escape(who), str(n), escape(", ".join(outlets)))
    return table


def _quote(story: StoryView, q: dict[str, object]) -> RenderableType:
    variants = q.get("variants") or []
    assert isinstance(variants, list)
    ref = str(variants[0].get("text", "")) if variants else ""
    lines: list[RenderableType] = []
    for i, v in enumerate(variants):
        line = Text(f"  {story.label(v.get('article', ''))}: “", "dim")
        if i == 0:
            line.append(str(v.get("text", "")))
        else:
            for j, part in enumerate(word_diff(ref, str(v.get("text", "")))):
                line.append((" " if j else "") + part.text, "reverse" if part.changed else "")
        line.append("”", "dim")
        lines.append(line)
    return Group(*lines)


def _number(story: StoryView, n: dict[str, object]) -> Table:
    status = str(n.get("status", ""))
    if n.get("conflict"):
        status = f"{status} ({n['conflict']})"
    style = {"conflicting": "bold red", "consistent": "green"}.get(
        status.split()[0] if status else "", ""
    )
    table = Table(
        "outlet",
        "words used",
        "interval",
        "attributed to",
        title=Text.assemble(str(n.get("what") or "a quantity"), "  ", (status, style)),
        title_justify="left",
        show_edge=False,
    )
    mentions = n.get("mentions") or []
    assert isinstance(mentions, list)
    for m in mentions:
        table.add_row(
            escape(story.label(m.get("article", ""))),
            escape(str(m.get("text", ""))),
            interval_text(m.get("low"), m.get("high")),
            escape(str(m.get("attribution") or "")),
        )
    return table


def _none(entries: list[dict[str, object]], message: str) -> Iterator[RenderableType]:
    if not entries:
        yield Text(message, "dim italic")
