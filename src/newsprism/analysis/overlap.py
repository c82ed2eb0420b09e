"""Sentence content and support across a story's articles.

Stage: a helper of the exclusive and summary sections (no record of its own).
Needs a story's articles; adds, for every sentence, its content words and
which other articles say the same (paraphrase-aware by content-word overlap,
which survives reordering and small rewording: "more than 240 captives" and
"the 240 or so hostages held" share the figure and the event words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analysis.quotes import quotation_spans
from newsprism.models import Article
from newsprism.text.sentences import split_sentences

_WORD = re.compile(r"[\w’'-]+")
# Function words (and weekdays, which date rather than state a fact).
STOPWORDS = frozenset(
    """
    a about after again against all also an and any are as at be because been before being
    between both but by can could did do does during each few for from further had has have
    having he her here him his how i if in into is it its just me more most my no nor not now
    of off on once only or other our out over own said same says she should so some such than
    that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your told
    according friday thursday wednesday tuesday monday saturday sunday
    """.split()
)
# Overlap coefficient of content words at which two sentences state the same
# thing. Checked on the seeds (reworded facts across five outlets) and on the
# invented stories in tests/test_story_sections.py.
SAME_FACT = 0.4
# With ``strict``: the share of a sentence's own content words another
# article's sentence must repeat for it not to be single-source.
STRICT_SAME_FACT = 0.5


@dataclass(frozen=True, slots=True)
class Sentence:
    article: str
    index: int  # position in its article
    text: str
    words: frozenset[str]
    quoted: float  # share of its characters inside a direct quotation

    @property
    def has_quote(self) -> bool:
        """Carries a direct quotation, even in part."""
        return self.quoted > 0


def content_words(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        w = w.strip("’'-").replace(",", "")
        if len(w) < 3 or w in STOPWORDS:
            continue
        if w.endswith("s") and not w.endswith("ss") and len(w) > 4:
            w = w[:-1]  # a plural is the same word
        out.add(w)
    return frozenset(out)


def story_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """Every sentence of a story, marked when it carries a direct quotation.

    Quotations are found per paragraph, so a sentence in the middle of a
    quotation several sentences long is marked too; a scare quote ("what
    officials call “humanitarian pauses”") is not a quotation.
    """
    out = []
    for a in articles:
        n = 0
        for raw in a.text.split("\n"):
            para = raw.strip()
            spans = quotation_spans(para)
            at = 0
            for text in split_sentences(para):
                start = para.find(text, at)
                start = at if start < 0 else start
                end = start + len(text)
                at = end
                inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
                share = inside / max(1, len(text))
                out.append(Sentence(a.id, n, text, content_words(text), share))
                n += 1
    return out


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def supporters(sentences: Sequence[Sentence], *, strict: bool = False) -> dict[int, set[str]]:
    """For each sentence (by position in ``sentences``): other articles saying the same.

    By default two sentences agree when the shorter one is mostly covered by
    the other (a short sentence restating part of a long one supports it).
    ``strict`` asks that most of *this* sentence be said elsewhere: what the
    exclusive section needs, since a long sentence can add a fact of its own
    to words another article shares.

    Candidate pairs come from an inverted index over content words, so only
    sentences sharing words are compared (a story is small, but a wire story
    can have hundreds of articles).
    """
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        for w in s.words:
            index.setdefault(w, []).append(i)
    out: dict[int, set[str]] = {i: set() for i in range(len(sentences))}
    for i, s in enumerate(sentences):
        shared: dict[int, int] = {}
        for w in s.words:
            for j in index[w]:
                if sentences[j].article != s.article:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            base = len(s.words) if strict else min(len(s.words), len(sentences[j].words))
            if n >= 3 and n / base >= (STRICT_SAME_FACT if strict else SAME_FACT):
                out[i].add(sentences[j].article)
    return out


def coverage(sentences: Sequence[Sentence]) -> list[float]:
    """For each sentence: the largest share of its content words one sentence of
    another article repeats (0 = nobody else says any of it)."""
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        for w in s.words:
            index.setdefault(w, []).append(i)
    out = []
    for s in sentences:
        shared: dict[int, int] = {}
        for w in s.words:
            for j in index[w]:
                if sentences[j].article != s.article:
                    shared[j] = shared.get(j, 0) + 1
        best = max(shared.values(), default=0)
        out.append(best / len(s.words) if s.words else 1.0)
    return out
