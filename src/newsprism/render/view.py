"""A story as people read it: the report's entries joined to their articles.

Stage: rendering (first half). Needs one story of a ``newsprism-report/1``
report and its articles; adds what every renderer (terminal, Markdown, HTML)
needs beyond the JSON: articles split into numbered sentences, each citation
pointed at the sentence of the cited article that supports it, outlet labels,
and the word-level differences between quote variants. Renderers only lay
this out; they never re-derive it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from newsprism.text.sentences import split_sentences

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Sentence:
    anchor: str  # HTML id, unique in the page
    text: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    outlet: str  # outlet, else the source's file name
    label: str  # the outlet, dated when the story has several of its articles
    title: str | None
    published: str | None
    source: str
    url: str | None
    duplicate_of: str | None
    paragraphs: tuple[tuple[Sentence, ...], ...]

    def sentences(self) -> list[Sentence]:
        return [s for para in self.paragraphs for s in para]


@dataclass(frozen=True, slots=True)
class Citation:
    article: str
    label: str
    anchor: str  # the supporting sentence, or the article when none is found


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    title: str | None
    articles: tuple[ArticleView, ...]
    sections: Mapping[str, list[dict[str, Any]]]

    def article(self, article_id: str) -> ArticleView | None:
        for a in self.articles:
            if a.id == article_id:
                return a
        return None

    def outlets(self) -> list[str]:
        """Distinct outlets (an outlet with several articles counts once)."""
        return sorted({a.outlet for a in self.articles})

    def speakers(self) -> list[tuple[str, int, list[str]]]:
        """(speaker, quotes, outlets quoting them), most quoted first.

        Shows one-sided quoting: a speaker only one outlet quotes.
        """
        count: dict[str, int] = {}
        by: dict[str, set[str]] = {}
        for q in self.sections["quotes"]:
            who = q.get("speaker") or "unknown speaker"
            for v in q.get("variants", []):
                count[who] = count.get(who, 0) + 1
                found = self.article(v.get("article", ""))
                by.setdefault(who, set()).add(found.outlet if found else v.get("article", ""))
        ranked = sorted(count, key=lambda w: (-count[w], w))
        return [(w, count[w], sorted(by[w])) for w in ranked]

    def label(self, article_id: str) -> str:
        found = self.article(article_id)
        return found.label if found else article_id

    def cite(self, article_id: str, text: str | None) -> Citation:
        """Point at the sentence of ``article_id`` that best supports ``text``."""
        found = self.article(article_id)
        if found is None:
            return Citation(article_id, article_id, f"a-{article_id}")
        anchor = f"a-{found.id}"
        if text:
            best, score = None, 0.0
            for s in found.sentences():
                value = fuzz.token_set_ratio(text, s.text)
                if value > score:
                    best, score = s, value
            # Below this the best sentence shares too little with the cited
            # text to be called its source; the article itself is cited.
            if best is not None and score >= 60:
                anchor = best.anchor
        return Citation(found.id, found.label, anchor)


def _web_url(url: object) -> str | None:
    """Only http(s) addresses become links: a ``javascript:`` URL in the input must not."""
    if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE):
        return url
    return None


def article_view(article: Mapping[str, Any]) -> ArticleView:
    aid = str(article["id"])
    paragraphs: list[tuple[Sentence, ...]] = []
    n = 0
    for block in str(article.get("text") or "").split("\n"):
        if not block.strip():
            continue
        sentences = []
        for text in split_sentences(block.strip()):
            n += 1
            sentences.append(Sentence(f"s-{aid}-{n}", text))
        paragraphs.append(tuple(sentences))
    source = str(article.get("source") or aid)
    label = article.get("outlet") or source.rsplit("/", 1)[-1]
    return ArticleView(
        id=aid,
        outlet=str(label),
        label=str(label),
        title=article.get("title"),
        published=article.get("published"),
        source=source,
        url=_web_url(article.get("url")),
        duplicate_of=article.get("duplicate_of"),
        paragraphs=tuple(paragraphs),
    )


def story_views(report: Mapping[str, Any]) -> list[StoryView]:
    """Every story of a report, joined to its articles (in the story's order)."""
    by_id = {a["id"]: a for a in report.get("articles", [])}
    views = []
    for story in report.get("stories", []):
        members = [article_view(by_id[aid]) for aid in story.get("articles", []) if aid in by_id]
        members.sort(key=lambda a: (a.published is None, a.published or "", a.label))
        members = _distinct_labels(members)
        sections = {
            name: list(story.get(name) or [])
            for name in ("quotes", "numbers", "timeline", "exclusive", "framing", "summary")
        }
        # An outlet with no distinctive words and no names of its own has
        # nothing to show: a bare "Politico:" line reads as a missing value.
        sections["framing"] = [
            f for f in sections["framing"] if f.get("terms") or f.get("names_actors")
        ]
        views.append(StoryView(story["id"], story.get("title"), tuple(members), sections))
    return views


def _distinct_labels(members: list[ArticleView]) -> list[ArticleView]:
    """One outlet with several articles in a story: tell them apart by date (or number)."""
    counts: dict[str, int] = {}
    for a in members:
        counts[a.label] = counts.get(a.label, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for a in members:
        if counts[a.label] > 1:
            seen[a.label] = seen.get(a.label, 0) + 1
            suffix = a.published or f"#{seen[a.label]}"
            a = replace(a, label=f"{a.label} ({suffix})")
        out.append(a)
    return out


@dataclass(frozen=True, slots=True)
class DiffPart:
    text: str
    changed: bool  # not in the reference wording


def word_diff(reference: str, variant: str) -> list[DiffPart]:
    """``variant`` in word runs, each marked changed or not against ``reference``.

    Compared case- and punctuation-insensitively so that a curly quote or a
    capital letter is not shown as a change of wording.
    """
    ref_words = [_fold(w) for w in _WORD.findall(reference)]
    words = _WORD.findall(variant)
    matcher = SequenceMatcher(None, ref_words, [_fold(w) for w in words], autojunk=False)
    parts: list[DiffPart] = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if j1 == j2:
            continue
        parts.append(DiffPart(" ".join(words[j1:j2]), tag != "equal"))
    return parts


def _fold(word: str) -> str:
    return re.sub(r"[^\w%$€£]", "", word.casefold())


def interval_text(low: float | None, high: float | None) -> str:
    """An interval as people read it: "241", "≥ 240", "≤ 30", "200–999"."""
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥ {_num(low)}"
    if low is None:
        return f"≤ {_num(high)}"
    if low == high:
        return _num(low)
    return f"{_num(low)}–{_num(high)}"


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def outlets_of(story: StoryView, ids: Sequence[str]) -> list[str]:
    return [story.label(i) for i in ids]


def actor_names(entry: dict[str, Any]) -> str:
    """A framing entry's ``names_actors`` as one line: how the outlet names each actor.

    "Benjamin Netanyahu as “Prime Minister Benjamin Netanyahu”, “Netanyahu”";
    a title or role the other outlets do not use is marked with an asterisk
    (see ``ACTOR_MARK_NOTE``).
    """
    parts = []
    for n in entry.get("names_actors", []):
        forms = [f"“{f}”" for f in n.get("as", [])[:3]]
        if forms and _own_title(n):
            forms[0] += "*"  # the fullest form carries the title or role
        parts.append(f"{n.get('actor', '')} as {', '.join(forms)}")
    return "; ".join(parts)


def _own_title(naming: dict[str, Any]) -> bool:
    return bool(naming.get("distinctive") and naming.get("role"))


def has_actor_mark(framing: list[dict[str, Any]]) -> bool:
    """Some outlet gives an actor a title the others do not (``actor_names`` marks it)."""
    return any(_own_title(n) for f in framing for n in f.get("names_actors", []))


# Shown under the framing section wherever ``actor_names`` marks a form.
ACTOR_MARK_NOTE = "* a title or role most of the other outlets do not give that person"


def plural(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``; ``1 story``, ``2 stories``; ``1 copy``, ``3 copies``."""
    if n == 1:
        return f"{n} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{n} {noun[:-1]}ies"
    return f"{n} {noun}s"
