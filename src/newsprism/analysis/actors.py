"""The story's main actors, and how each article names them.

Stage: part of the framing section. Needs a story's articles; adds, per
article, the names, titles and roles it gives the people the story is about
("Israeli Prime Minister Benjamin Netanyahu", "Mr. Netanyahu", plain
"Netanyahu").

An actor is a person the story names in full somewhere (a capitalised run
whose name part has at least two words, after titles and roles are split off
as :mod:`newsprism.analysis.speakers` does), keyed by surname; the main actors are
those most articles mention, among the ones the outlets name differently.
How an article names one is the set of forms it
writes, fullest first; a form counts as distinctive when few of the other
articles that mention the actor give it the same title or role.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analysis.overlap import STOPWORDS
from newsprism.analysis.speakers import capitalised_runs, role_tail, split_role, surname
from newsprism.models import Article

# Actors shown per story: of those the outlets name differently, the ones
# most articles mention.
MAIN_ACTORS = 4
# A title or role is this article's own choice when fewer than this share of
# the other articles that name the actor use it.
_CHOICE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Naming:
    """How one article names one actor."""

    actor: str  # the fullest name the story gives, e.g. "Benjamin Netanyahu"
    forms: tuple[str, ...]  # as the article writes it, fullest (with its role) first
    role: str  # the article's title or role for the actor ("" when none)
    share: float  # share of the other articles naming the actor that use that role


def actor_namings(articles: Sequence[Article]) -> dict[str, list[Naming]]:
    """Per article id: how it names each of the story's main actors it mentions."""
    # article -> surname -> Counter of forms (role + name as written)
    forms: dict[str, dict[str, Counter[str]]] = {}
    roles: dict[str, dict[str, str]] = {}  # article -> surname -> its first role
    full: dict[str, Counter[str]] = defaultdict(Counter)  # surname -> full names
    for a in articles:
        mine: dict[str, Counter[str]] = defaultdict(Counter)
        first_role: dict[str, str] = {}
        for raw in capitalised_runs(a.text):
            role, name = split_role(_trim_run(raw))
            role = role_tail(role)
            if not name:
                continue
            key = surname(name).lower()
            if len(name.split()) >= 2:
                full[key][name] += 1
            mine[key][f"{role} {name}".strip()] += 1
            if role and key not in first_role:
                first_role[key] = role
        forms[a.id] = mine
        roles[a.id] = first_role
    reach = Counter(key for mine in forms.values() for key in mine if key in full)
    mentions: Counter[str] = Counter()
    for mine in forms.values():
        for key, c in mine.items():
            mentions[key] += sum(c.values())
    main = [
        key
        for key, n in sorted(reach.items(), key=lambda kv: (-kv[1], -mentions[kv[0]], kv[0]))
        if n >= 2 and _named_differently(key, forms)
    ][:MAIN_ACTORS]
    canonical = {key: full[key].most_common(1)[0][0] for key in main}

    def role_of(aid: str, key: str) -> str:
        """The article's title or role for the actor; an epithet before the
        full name ("Strongman Idris Calloway") when there is no role word."""
        role = roles[aid].get(key, "")
        if role:
            return role
        name = canonical[key]
        for form in forms[aid].get(key, ()):
            if form.endswith(" " + name):
                return form[: -len(name)].strip()
        return ""

    out: dict[str, list[Naming]] = {}
    for a in articles:
        for key in main:
            written = forms[a.id].get(key)
            if not written:
                continue
            role = role_of(a.id, key)
            others = [o.id for o in articles if o.id != a.id and key in forms[o.id]]
            same = sum(1 for o in others if role_of(o, key).lower() == role.lower())
            ordered = sorted(written, key=lambda f: _fullness(f, written))
            out.setdefault(a.id, []).append(
                Naming(
                    actor=canonical[key],
                    forms=tuple(ordered),
                    role=role,
                    share=round(same / len(others), 2) if others else 1.0,
                )
            )
    return out


def _fullness(form: str, written: Counter[str]) -> tuple[int, int, str]:
    """Sort key: the longest form first, then the commonest."""
    return (-len(form.split()), -written[form], form)


def _fullest(written: Counter[str]) -> str:
    return min(written, key=lambda f: _fullness(f, written))


def _named_differently(key: str, forms: dict[str, dict[str, Counter[str]]]) -> bool:
    """Not every article naming the actor writes the same fullest form.

    A place or a company every outlet names alike ("Quarry Lane", "Norvale
    Freight") says nothing about framing; a person one outlet calls "Mayor
    Helena Drayvoss" and another plain "Helena Drayvoss" does.
    """
    return len({_fullest(mine[key]) for mine in forms.values() if key in mine}) > 1


def is_distinctive(naming: Naming) -> bool:
    """The article's title or role for the actor is its own choice."""
    return naming.share < _CHOICE_SHARE


_PARTICLES = frozenset("bin ibn de van von da di le al".split())
_POSSESSIVE = re.compile(r"[\u2019']s$")


def _trim_run(run: str) -> str:
    """A capitalised run cut down to a title, role and name.

    Sentence-initial words ("But Netanyahu", "As Israel"), a stray initial
    left of an acronym ("S." of "U.S."), a trailing particle ("de" of
    "de-escalation") and a place after "of" ("Isaac Herzog of Israel") go;
    "Secretary of State Antony Blinken" stays whole, as "Secretary" names no one.
    """
    tokens = run.split()
    while tokens and (tokens[0].lower() in STOPWORDS or len(tokens[0].rstrip(".")) == 1):
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _PARTICLES:
        tokens.pop()
    text = _POSSESSIVE.sub("", " ".join(tokens))
    if " of " in text:
        left = text.split(" of ", 1)[0]
        if split_role(left)[1]:
            text = left
    return text
