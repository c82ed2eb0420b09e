"""The offline HTML report: one self-contained file, no external assets.

Stage: rendering. Needs a ``newsprism-report/1`` report (as a dict); adds
nothing. Every piece of article text goes through Jinja2's autoescaping, so a
``<script>`` inside an article is shown as text and never runs; the page has
no script of its own and no link to anything outside itself except the
articles' own URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader

from newsprism.render.view import (
    ACTOR_MARK_NOTE,
    actor_names,
    interval_text,
    story_views,
    word_diff,
)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsprism.render", "templates"),
        autoescape=True,  # article text is untrusted input
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["interval_text"] = interval_text
    env.globals["word_diff"] = word_diff
    env.globals["actor_names"] = actor_names
    env.globals["actor_mark_note"] = ACTOR_MARK_NOTE
    return env


def render_html(report: Mapping[str, Any]) -> str:
    """The whole report as one HTML page."""
    template = environment().get_template("report.html.j2")
    return template.render(
        generated=report.get("generated"),
        stories=story_views(report),
    )


def stylesheet() -> str:
    """The report's styles (the web app serves them as a file, the export inlines them)."""
    env = environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "report.css")
    return source
