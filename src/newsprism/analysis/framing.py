"""Framing: the words each outlet uses distinctively, how it names the main
actors, and whom it credits.

Stage: story analysis. Needs a story's articles; adds the report's
``framing`` section. Distinctive terms are scored with the log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008): the
article's word counts against the rest of the story, the prior being the
whole story's counts, so rare words need real evidence and common words are
not over-read. Unigrams and bigrams of content words count; a word the
article writes as a name is left to the actors, and the words shown must pass
a false-discovery control over all the article's words. How an article
names the story's main actors comes from :mod:`newsprism.analysis.actors`: every entry
lists it (``names_actors``), and a title or role the others do not use is
also a distinctive term of kind ``actor``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsprism.analysis.actors import actor_namings, is_distinctive
from newsprism.analysis.numbers import extract_mentions
from newsprism.analysis.overlap import STOPWORDS
from newsprism.models import Article

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_STOP = STOPWORDS | {"it's"}
_TITLES = frozenset("mr mrs ms dr".split())  # "Mr. Blinken" is house style, not framing
TOP_TERMS = 10

# Word choices news coverage is known to vary on: alternative names for the
# same actor, group or act. An outlet's pick among them is framing even when
# it uses the word once, which counts alone would not reveal.
_NAMINGS = [
    ("terror group", "terrorist group", "armed group", "militant group", "islamist group",
     "resistance movement", "militant organization", "terrorist organization"),
    ("terrorists", "militants", "fighters", "gunmen", "insurgents", "rebels", "guerrillas"),
    ("hostages", "captives", "captive", "prisoners", "abductees", "detainees"),
    ("murdered", "slaughtered", "massacred", "killed", "died", "lost their lives"),
    ("ceasefire", "cease-fire", "truce", "humanitarian pause", "humanitarian pauses", "lull"),
    ("occupied", "disputed"),
    ("regime", "government"),
    ("riot", "riots", "protest", "protests", "unrest", "demonstrations"),
    ("migrants", "refugees", "asylum seekers", "illegal aliens", "illegal immigrants",
     "undocumented immigrants"),
    ("climate change", "global warming", "climate crisis"),
    ("estate tax", "death tax"),
    ("anti-abortion", "pro-life"),
    ("abortion rights", "pro-choice"),
]  # fmt: skip
# A variant counts as this outlet's choice when fewer than this share of the
# other articles use it.
_CHOICE_SHARE = 0.5
# z-score above which a term counts as distinctive (about p < 0.1, one-sided):
# a story of a few articles gives little evidence per word.
MIN_Z = 1.28
# Strength of the prior, in words: the whole story's counts scaled to this.
PRIOR_WORDS = 500.0


def _terms(text: str) -> Counter[str]:
    words = [re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(text)]
    out: Counter[str] = Counter()
    prev: str | None = None
    for w in words:
        if w in _STOP or len(w) < 3 or w in _TITLES:
            prev = None
            continue
        out[w] += 1
        if prev is not None:
            out[f"{prev} {w}"] += 1
        prev = w
    return out


def framing_section(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The report's ``framing`` section for one story's original articles."""
    if len(articles) < 2:
        return []
    counts = {a.id: _terms(a.text) for a in articles}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    n_total = sum(total.values())
    naming = _namings(articles, counts)
    actors = actor_namings(articles)
    credits = {
        a.id: {m.attribution for m in extract_mentions(a.id, a.text) if m.attribution}
        for a in articles
    }
    # Credited by most articles: no outlet's own choice.
    tally = Counter(c for cs in credits.values() for c in cs)
    shared_credits = {c for c, n in tally.items() if n > 1}
    out = []
    for a in articles:
        mine = counts[a.id]
        n_mine = sum(mine.values())
        n_rest = n_total - n_mine
        if not n_mine or not n_rest:
            continue
        scored = []
        for term, y_i in mine.items():
            y_r = total[term] - y_i
            # A short story cannot carry a strong prior: at most half its words.
            a0 = min(PRIOR_WORDS, n_total / 2)
            alpha = a0 * total[term] / n_total
            rest_i, rest_r = n_mine + a0 - y_i - alpha, n_rest + a0 - y_r - alpha
            if rest_i <= 0 or rest_r <= 0:
                # The term is every word of the story (one-word texts): the
                # odds against it are zero, and there is no contrast to draw.
                continue
            delta = math.log((y_i + alpha) / rest_i) - math.log((y_r + alpha) / rest_r)
            z = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_r + alpha))
            if z >= MIN_Z and not _named(term, a.text):
                scored.append((z, term))
        scored = _false_discoveries_out(scored, len(mine))
        terms = [
            {"term": t, "score": round(z, 2), "kind": "naming"} for t, z in naming.get(a.id, [])
        ]
        terms += [
            {"term": t, "score": round(z, 2), "kind": "word"}
            for z, t in scored[:TOP_TERMS]
            if t not in {x["term"] for x in terms}
        ]
        terms += [
            {"term": n.forms[0], "score": round(1.0 - n.share, 2), "kind": "actor"}
            for n in actors.get(a.id, [])
            if n.role and is_distinctive(n)
        ]
        own_credits = [w for w in sorted(credits[a.id] - shared_credits) if _is_source_name(w)]
        terms += [
            {"term": who, "score": 0.0, "kind": "credits"}
            for who in own_credits
            # "Finnoff" beside "USOPC medical director Dr. Jonathan Finnoff": once.
            if not any(who != other and who in other for other in own_credits)
        ]
        names = [
            {
                "actor": n.actor,
                "as": list(n.forms),
                "role": n.role,
                "distinctive": is_distinctive(n),
            }
            for n in actors.get(a.id, [])
        ]
        out.append(
            {
                "article": a.id,
                "terms": terms,
                "names_actors": names,
                "credits_figures_to": sorted(credits[a.id]),
            }
        )
    return out


def _namings(
    articles: Sequence[Article], counts: dict[str, Counter[str]]
) -> dict[str, list[tuple[str, float]]]:
    """Per article: its distinctive picks among alternative names (with their share)."""
    texts = {a.id: " " + " ".join(_WORD.findall(a.text.lower())) + " " for a in articles}
    out: dict[str, list[tuple[str, float]]] = {}
    for variants in _NAMINGS:
        used = {v: {aid for aid, t in texts.items() if f" {v} " in t} for v in variants}
        if sum(1 for v in used if used[v]) < 2:
            continue  # the story does not vary on this choice
        for v, users in used.items():
            for aid in users:
                others = len(articles) - 1
                share = (len(users) - 1) / others if others else 1.0
                if share < _CHOICE_SHARE:
                    out.setdefault(aid, []).append((v, round(1.0 - share, 2)))
    return out


# Share of false discoveries allowed among an article's distinctive words
# (Benjamini and Hochberg 1995). Every term of an article is a test: with a
# fixed z cut alone, an article of a few hundred terms shows a handful by
# chance ('first', 'file', 'bill' on AllSides dev stories of three outlets).
FDR = 0.1


def _false_discoveries_out(scored: list[tuple[float, str]], tests: int) -> list[tuple[float, str]]:
    """The (z, term) pairs that pass Benjamini-Hochberg at :data:`FDR` over ``tests`` terms,
    strongest first."""
    ranked = sorted(scored, reverse=True)
    keep = 0
    for k, (z, _) in enumerate(ranked, start=1):
        p = 0.5 * math.erfc(z / math.sqrt(2))  # one-sided
        if p <= FDR * k / tests:
            keep = k
    return ranked[:keep]


def _named(term: str, text: str) -> bool:
    """A term the article writes capitalised inside sentences is a name: how an
    outlet names people and bodies is read by :mod:`newsprism.analysis.actors`."""
    first = term.split()[0]
    found = re.findall(rf"(?<=[a-z,;] )({re.escape(first)})\b", text, flags=re.IGNORECASE)
    return bool(found) and sum(w[:1].isupper() for w in found) * 2 > len(found)


# Words that make a credit a clause, not a source: "a woman is heard", "the
# SAPS have received" (attributions read from AllSides dev figures).
_CLAUSE_WORDS = frozenset(
    "is are was were be been being has have had heard received says said told according "
    "reported reports showed shows".split()
)


def _is_source_name(credit: str) -> bool:
    """A credit that names a source: a capitalised word in it ("Palestinian
    authorities", "the Hamas-controlled health ministry"), a few words, no
    verb; not "a guilty verdict" or a cut "U"."""
    words = credit.split()
    return (
        0 < len(words) <= 6
        and any(w[:1].isupper() for w in words)
        and len(credit) > 2
        and not ({w.lower() for w in words} & _CLAUSE_WORDS)
    )
