"""A neutral extractive summary in which every sentence cites its sources.

Stage: story analysis. Needs a story's articles; adds the report's
``summary`` section. Consensus first: a sentence ranks by how many other
articles state the same fact (:mod:`newsprism.overlap`); direct quotations
are never presented as fact; a sentence repeating one already chosen is
skipped; each sentence cites its own article and every article supporting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.models import Article
from newsprism.overlap import SAME_FACT, overlap, story_sentences, supporters

MIN_SENTENCES = 4
MAX_SENTENCES = 8
# Sentences of ordinary length: headline fragments and run-ons read badly.
MIN_WORDS, MAX_WORDS = 10, 45


def summary_section(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The report's ``summary`` section for one story's original articles."""
    sentences = story_sentences(articles)
    support = supporters(sentences)
    order = {a.id: n for n, a in enumerate(articles)}
    candidates = []
    for i, s in enumerate(sentences):
        if s.has_quote or not MIN_WORDS <= len(s.text.split()) <= MAX_WORDS:
            continue
        if s.text.rstrip()[-1:] not in ".!":
            continue  # a fragment, a caption or a question
        # More supporting outlets first; then earlier in its article (news
        # puts the main facts first); then earlier articles.
        candidates.append(((-len(support[i]), s.index, order[s.article]), i))
    candidates.sort()
    chosen: list[int] = []
    for _, i in candidates:
        if len(chosen) >= MAX_SENTENCES:
            break
        if not support[i] and len(chosen) >= MIN_SENTENCES:
            break  # single-source sentences only to reach the minimum
        if any(overlap(sentences[i].words, sentences[j].words) >= SAME_FACT for j in chosen):
            continue
        chosen.append(i)
    return [
        {
            "text": sentences[i].text,
            "sources": [sentences[i].article, *sorted(support[i], key=lambda a: order[a])],
        }
        for i in chosen
    ]
