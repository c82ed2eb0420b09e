"""Story analysis: the report sections of one story, built from its articles.

Stage: after stories. Needs the articles of one story; adds the sections
``quotes``, ``numbers``, ``timeline``, ``exclusive``, ``framing`` and
``summary`` of the report (``newsprism-report/1``). Each section is owned by
one module exposing a pure function ``(articles) -> list of JSON-ready
entries``; this module only decides which articles they see and collects the
results. Copies are left out: a reprint adds no wording, figure or fact of its
own, and counting it would make one outlet's text look like consensus.

Sections are built on demand (report, ``show``) rather than stored: a story
grows while a stream runs, and every section depends on all of its articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsprism.models import Article

SECTIONS = ("quotes", "numbers", "timeline", "exclusive", "framing", "summary")

Entry = dict[str, Any]
SectionBuilder = Callable[[Sequence[Article]], list[Entry]]


def section_builders() -> dict[str, SectionBuilder]:
    """The section builders that exist, by section name (imported on use)."""
    from newsprism.analysis.exclusive import exclusive_section
    from newsprism.analysis.framing import framing_section
    from newsprism.analysis.numbers import numbers_section
    from newsprism.analysis.quotes import quotes_section
    from newsprism.analysis.summary import summary_section
    from newsprism.analysis.timeline import timeline_section

    builders: dict[str, SectionBuilder] = {
        "quotes": quotes_section,
        "numbers": numbers_section,
        "timeline": timeline_section,
        "exclusive": exclusive_section,
        "framing": framing_section,
        "summary": summary_section,
    }
    return builders


def story_sections(articles: Sequence[Article]) -> dict[str, list[Entry]]:
    """Every analysis section of the story made of ``articles``.

    A section whose stage does not exist yet is an empty list: the report
    never invents entries.
    """
    originals = sorted(
        (a for a in articles if a.duplicate_of is None),
        key=lambda a: (a.published is None, a.published, a.id),
    )
    sections: dict[str, list[Entry]] = {name: [] for name in SECTIONS}
    for name, build in section_builders().items():
        sections[name] = build(originals)
    return sections
