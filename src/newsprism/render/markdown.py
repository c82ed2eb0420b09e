"""The Markdown report: the same story view as the HTML page, as plain text.

Stage: rendering. Needs a ``newsprism-report/1`` report (as a dict); adds
nothing. Article text is escaped so that it renders as text in any Markdown
viewer: inline HTML and Markdown syntax inside an article stay inert.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsprism.render.view import (
    ACTOR_MARK_NOTE,
    StoryView,
    actor_names,
    has_actor_mark,
    interval_text,
    plural,
    story_views,
    word_diff,
)

# Parentheses, "#", "+" and "!" are inert in running text once brackets are
# escaped (a link needs "](", an image "!["), so prose keeps them as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def esc(text: object) -> str:
    """Escape Markdown and inline HTML in untrusted text; keep it on one line."""
    value = " ".join(str(text or "").split())
    return _MD_SPECIAL.sub(r"\\\1", value).replace("&", "&amp;")


def render_markdown(report: Mapping[str, Any]) -> str:
    """The whole report as one Markdown document."""
    lines = ["# newsprism report", "", f"Generated {esc(report.get('generated'))}.", ""]
    for story in story_views(report):
        lines += _story(story)
    return "\n".join(lines).rstrip() + "\n"


def _story(story: StoryView) -> list[str]:
    sec = story.sections
    out = [f"## {esc(story.title or '(untitled story)')}", ""]
    # Outlets, not labels (an outlet with two articles has two dated labels).
    n_articles, n_outlets = len(story.articles), len(story.outlets())
    out += [
        f"`{story.id}` · {plural(n_articles, 'article')} from {plural(n_outlets, 'outlet')}",
        "",
    ]

    out += ["### Summary", ""]
    for n, item in enumerate(sec["summary"], 1):
        cites = ", ".join(esc(story.label(a)) for a in item.get("sources", []))
        out.append(f"{n}. {esc(item.get('text'))} \\[{cites}\\]")
    out += [*_none(sec["summary"], "No summary."), ""]

    out += ["### Who said what", ""]
    for q in sec["quotes"]:
        out.append(f"**{esc(q.get('speaker') or 'unknown speaker')}**")
        out.append("")
        variants = q.get("variants", [])
        ref = variants[0].get("text", "") if variants else ""
        for i, v in enumerate(variants):
            words = (
                esc(v.get("text"))
                if i == 0
                else " ".join(
                    f"**{esc(p.text)}**" if p.changed else esc(p.text)
                    for p in word_diff(ref, v.get("text", ""))
                )
            )
            said = f" ({esc(v.get('speaker_text'))})" if v.get("speaker_text") else ""
            out.append(f"- {esc(story.label(v.get('article', '')))}{said}: “{words}”")
        out.append("")
    out += [*_none(sec["quotes"], "No quotes found."), ""]
    if sec["quotes"]:
        out += ["Differences from the first wording are in bold.", ""]

    out += ["### The numbers", ""]
    for entry in sec["numbers"]:
        what = entry.get("what") or "a quantity"
        out += [f"**{esc(what)}** — {esc(entry.get('status'))}", ""]
        out += ["| outlet | words used | interval | attributed to |", "|---|---|---|---|"]
        for m in entry.get("mentions", []):
            out.append(
                f"| {esc(story.label(m.get('article', '')))} | {esc(m.get('text'))} | "
                f"{interval_text(m.get('low'), m.get('high'))} | {esc(m.get('attribution'))} |"
            )
        out.append("")
    out += [*_none(sec["numbers"], "No figures found."), ""]

    out += ["### Timeline", ""]
    for t in sec["timeline"]:
        who = ", ".join(esc(story.label(a)) for a in t.get("articles", []))
        out.append(f"- **{esc(t.get('date'))}** {esc(t.get('what'))} \\[{who}\\]")
    out += [*_none(sec["timeline"], "No dated events found."), ""]

    out += ["### Only one outlet reports", ""]
    for e in sec["exclusive"]:
        after = f" _(after: {esc(e['context'])})_" if e.get("context") else ""
        out.append(f"- {esc(story.label(e.get('article', '')))}: {esc(e.get('text'))}{after}")
    out += [*_none(sec["exclusive"], "Nothing reported by one outlet alone."), ""]

    out += ["### Framing: distinctive word choice", ""]
    for f in sec["framing"]:
        terms = ", ".join(esc(t.get("term")) for t in f.get("terms", []))
        out.append(f"- {esc(story.label(f.get('article', '')))}: {terms}")
        if f.get("names_actors"):
            out.append(f"  - names: {esc(actor_names(f))}")
    if has_actor_mark(sec["framing"]):
        out += ["", esc(ACTOR_MARK_NOTE)]
    out += [*_none(sec["framing"], "No distinctive word choice found."), ""]

    out += ["### Sources", ""]
    for a in story.articles:
        out += [f"#### {esc(a.label)}: {esc(a.title or '(untitled)')}", ""]
        out += [f"{esc(a.published or 'date unknown')} · {esc(a.source)}", ""]
        if a.duplicate_of:
            # A copy's text is its original's: print where to read it, not it again.
            out += [f"_Copy of {esc(story.label(a.duplicate_of))}._", ""]
            continue
        for para in a.paragraphs:
            out += [" ".join(esc(s.text) for s in para), ""]
    return out


def _none(entries: list[dict[str, Any]], message: str) -> list[str]:
    return [] if entries else [f"_{message}_"]
