"""Single-source facts: what only one article in a story reports.

Stage: story analysis. Needs a story's articles; adds the report's
``exclusive`` section. A sentence is exclusive when no other article has a
sentence sharing enough of its content words (:mod:`newsprism.overlap`), so a
fact two outlets word differently is not listed. Only sentences that state a
checkable fact count: a figure or a name, the outlet's own words (not a
quotation), of sentence length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.models import Article
from newsprism.overlap import STRICT_SAME_FACT, Sentence, coverage, story_sentences

# Per article, the most fact-dense exclusive sentences: enough to show what
# an outlet adds, short enough to read.
PER_ARTICLE = 6
MIN_WORDS = 8
MAX_WORDS = 60

# A figure, or a name after the first word: something a reader can check.
_FACT = re.compile(r"\d|\s[A-Z][a-z]")


def exclusive_section(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The report's ``exclusive`` section for one story's original articles."""
    if len(articles) < 2:
        return []  # with one article everything is single-source: nothing to contrast
    sentences = story_sentences(articles)
    covered = coverage(sentences)
    picked: dict[str, list[tuple[float, Sentence]]] = {}
    for i, s in enumerate(sentences):
        n_words = len(s.text.split())
        # Mostly a quotation: the speaker's words, not a fact the outlet states.
        mostly_quoted = s.quoted >= 0.5
        if covered[i] >= STRICT_SAME_FACT or mostly_quoted or not MIN_WORDS <= n_words <= MAX_WORDS:
            continue
        if not _FACT.search(s.text):
            continue
        # The least repeated first (what no one else says even in part), with
        # figures and names, the checkable part of a fact, breaking near-ties.
        figures = min(2, len(re.findall(r"\d+", s.text)))
        names = min(3, len(re.findall(r"\s[A-Z][a-z]", s.text)))
        score = 1.0 - covered[i] + 0.15 * figures + 0.05 * names
        picked.setdefault(s.article, []).append((score, s))
    out = []
    for a in articles:
        best = sorted(picked.get(a.id, []), key=lambda x: -x[0])[:PER_ARTICLE]
        for _, s in sorted(best, key=lambda x: x[1].index):
            out.append({"article": s.article, "text": s.text})
    return out
