"""The numbers: every figure in a story as an interval, compared across outlets.

Stage: story analysis (see :mod:`newsprism.analysis`). Needs the clean text of
a story's articles; adds the report's ``numbers`` section.

Per article (:func:`extract_mentions`): each quantity the reader of
:mod:`newsprism.analysis.quantities` finds in a sentence, with its modifier mapped to
an interval by the report contract's conventions ("more than 240" is [240,
open], "roughly 240" a closed interval within 30 % of it, "hundreds" the vague
[200, 999]). What it counts, where and who says so are read from the
figure's own clause (the sentence cut at punctuation and at the words that
open another clause), never from a neighbouring one:

* the event it counts: its own noun ("240 captives"), or the event word that
  governs it in the clause ("killed more than 1,400 people", "132
  Palestinians have been killed", "the death toll, exceeding 9,200");
  hostages released are another quantity than hostages held;
* the place: a possessive ("Gaza's 2.3 million residents"), "in X" right after
  the figure or a few words before it, "in X, where ..." and a sentence
  opening "In X,"; otherwise none (a guessed place is worse than none);
* lengths of time ("four days", "weeks of bombardment") are figures of their
  own kind, never counts of people.

Abstained: ages, temperatures, a small number spelled out with no event of
the story ("two sons", "two purposes", "two officials told"), a number with
nothing counted.

Per story (:func:`numbers_section`), mentions of one quantity are grouped by
concept, narrower group (children among people killed), unit and place;
figures an order of magnitude apart are different quantities. A group's
status is ``consistent`` when every two articles' intervals overlap,
``conflicting`` when two cannot both be true, ``single-source`` when one
article gives it. Only counts of a known event can conflict: two different
figures of a thing with no event read ("31 wagons" hauled, "14 wagons"
derailed) are two quantities, and two durations are never put together.

Measured with ``benchmarks/facts_seeds.py`` (the seeds' exhaustive figure
list) and ``benchmarks/newsquant.py`` (the quantity reader).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.quantities import (
    DURATIONS,
    MEASURES,
    MONTHS,
    SPELLING,
    VAGUE,
    Quantity,
    is_noun_word,
    quantities,
)
from newsprism.analysis.quotes import attribution
from newsprism.models import Article
from newsprism.text.sentences import split_sentences


@dataclass(frozen=True)
class NumberOptions:
    """Tuned constants of number extraction and grouping."""

    # "roughly 240", "about 240", "240 or so": a closed interval of ±10 %
    # (the contract allows at most 30 % of the value in all).
    approx: float = 0.10
    # "nearly 240", "almost 240": just under the figure.
    nearly: float = 0.10
    # Two figures of one concept more than this factor apart count different
    # things (two hostages freed in October against 240 held), not a
    # disagreement. Outlets that disagree about one count rarely differ by
    # more (12 against 30 dead is a conflict, 2 against 240 is not).
    same_quantity_ratio: float = 4.0
    # Tokens scanned around a figure for the concept it counts: enough for
    # "9,227 people, many of them women and children, have been killed".
    window: int = 12


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure in one article."""

    article: str
    text: str  # the words used: "more than 240 captives"
    low: float | None
    high: float | None
    value: float  # the figure itself (for grouping by magnitude)
    vague: bool
    unit: str | None  # "%", "USD", ...
    concept: str  # what is counted, as a grouping key ("hostages", "killed")
    qualifier: str | None  # narrower: "children" among people killed
    released: bool  # hostages freed, not held: another quantity
    place: str | None
    as_of: str | None  # the time the figure stands for: "as of Friday", "by Tuesday"
    when: str | None  # the day of the counted event: "on Tuesday", "Oct. 7"
    what: str  # readable: "people killed in Gaza"
    attribution: str | None
    sentence: str
    # A figure its clause gives as expected, forecast or aimed at ("forecasters
    # expected 5.8%", "a goal of 160 million"): another quantity than the one
    # measured, however close the numbers.
    expected: bool = False
    # A toll that counts the attacker ("nine people dead, including the
    # gunman"): another quantity than the victims ("killed eight co-workers").
    with_attacker: bool = False


# ------------------------------------------------------------- lexicon

# Events and the concept a figure of them counts. A figure counts a concept
# when its own noun is one of these words ("240 captives"), or when the word
# governs it inside its clause ("killed more than 1,400 people", "132
# Palestinians have been killed", "the death toll, exceeding 9,200").
_CONCEPTS = {
    "hostages": "hostage hostages captive captives captivity abducted abductees kidnapped "
    "release released releases freed",
    "killed": "killed kill kills killing dead deaths death died toll massacre massacred "
    "slaughter slaughtered fatalities slain",
    "injured": "injured wounded hurt injuries",
    "treated": "treated hospitalised hospitalized hospital",
    "missing": "missing unaccounted",
    "displaced": "displaced evacuated fled homeless refugees",
    "arrested": "arrested detained detainees prisoners",
    "votes": "votes ballots",
}
_CONCEPT_OF = {w: c for c, words in _CONCEPTS.items() for w in words.split()}
# Release words: a freed hostage is another quantity than a held one.
_RELEASE = frozenset("release released releases releasing freed freeing".split())
# Narrower groups of people: children killed are another count than people killed.
_SUBGROUPS = frozenset(
    "children kids minors babies women girls boys soldiers troops officers policemen police "
    "journalists reporters doctors nurses medics students teachers workers staff".split()
)
# Words that end the clause a figure stands in: punctuation, and the words
# opening another clause. What the figure counts, where and who says it are
# read inside its own clause, never across one of these.
_BOUNDARY = re.compile(
    r"[,;:()\[\]“”\"—–]|\s-\s|\b(?:that|which|who|whom|whose|where|while|whereas|after|"
    r"before|as|but|when|because|since|although|though|until|unless|if|even|according)\b",
    re.IGNORECASE,
)
# A release not (yet) done: "until Hamas releases", "to facilitate the release of".
_UNDONE = re.compile(
    r"\b(?:until|unless|if|to\s(?:allow|facilitate|secure|win|negotiate|get|see)|calls?\sfor|"
    r"demand\w*|urg\w+|push\w*\sfor|seek\w*)\b",
    re.IGNORECASE,
)
_PLACE_WORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'-]*)"  # "Gaza", "U.S."
# A direction or "neighbouring" before the name, and a larger place that owns
# it, are read past: "in neighboring North Rhine-Westphalia state", "in
# western Germany's Ahrweiler county" (AllSides dev: three regions' flood tolls
# were one quantity and "conflicting"; the seeds: "in the occupied West Bank").
_PLACE_NAME = (
    r"(?:the\s+)?(?:occupied\s+|neighbou?ring\s+|(?:north|south|east|west|central)"
    r"(?:ern|east|west|eastern|western)?\s+)?"
    rf"(?:{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}[’']s\s+)?"
    rf"({_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})"
)
_PLACE_AFTER = re.compile(rf"\b(?:in|inside|across|throughout|on)\s+{_PLACE_NAME}")
_PLACE_BEFORE = re.compile(rf"\b(?:in|inside|across|throughout)\s+{_PLACE_NAME}")
_PLACE_FOR = re.compile(
    rf"\bfor\s+{_PLACE_NAME}\s+(?:state|county|province|region|district|prefecture|oblast)\b"
)
_PLACE_OPENING = re.compile(rf"^(?:In|Inside|Across|Throughout)\s+{_PLACE_NAME},\s")
_PLACE_WHERE = re.compile(rf"\b(?:in|inside)\s+{_PLACE_NAME},?\s+$")
_POSSESSIVE_PLACE = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)[’']s\s+(?:the\s+)?$")
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_TIME_WORD = re.compile(
    rf"(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday|tomorrow)\b"
)
_AGE = re.compile(r"^(?:year|month|week|day)s?[- ]old\b|^-(?:year|month|week|day)s?-old\b")
# An age stated before the number: "died at 94", "dead at 94", "at the age of
# 94", "aged 94". Without it a death word in the clause made "died at 94" a
# count of people killed (read on an AllSides dev obituary: "dies at 94",
# "dead at 94"; the same shape in wire obituaries, "died at 87"). "The toll
# stood at 94" and "put the number of dead at 94" keep their count: only death
# words about one person come before "at" here, never "toll" or "the dead".
_AGE_BEFORE = re.compile(
    r"(?<!\bof\s)(?<!\bthe\s)\b(?:(?:died|dies|dead|death|passed\s+away)\s+(?:on\s+\w+\s+)?at"
    r"|at\s+the\s+age\s+of"
    r"|aged?)\s*$",
    re.IGNORECASE,
)
# "one or two pieces of bread per day": a rate is a figure even when small.
_RATE = re.compile(
    r"^(?:\s+of\s+[a-z]+)?\s+(?:per|a|each)\s+(?:day|week|month|year|person|head|family)\b"
)
_RELATIVE = re.compile(r"^\s(?:who|that)\s([^,;:]{0,80})")
_APPOSITIVE = re.compile(
    r"^,\s(?:many|most|some|several|all|half|among|mostly|nearly|almost|about|including|of)\b"
    r"[^,;:]{0,60},\s([^,;:]{0,80})"
)
_TIME_UNITS = "hours|days|weeks|months|years|decades"
_TIME_HINTS = ("hours", "days", "weeks", "months", "years", "decades", "-long")
_VAGUE_TIME = re.compile(
    rf"\bseveral\s+(?P<several>{_TIME_UNITS})\b"
    rf"|\b(?P<plural>{_TIME_UNITS})(?:-long\b|(?=\s+of\s))"
    r"|(?<![\w-])(?:(?:an?|one)\s)?(?P<one>hour|day|week|month|year|decade)-long\b",
    re.IGNORECASE,
)
# Words before "days of" that make it no vague amount: "the last days of",
# "four days of", "several" (read as such), "those weeks of".
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve several few couple".split()
)
_NOT_VAGUE_BEFORE = frozenset(
    "the these those last past next coming first final early recent many its his her their "
    "our".split()
)
_RATIO = re.compile(r"\b(?:\d+|one|two|three|four|five)\s(?:in|out of)\s$", re.IGNORECASE)
_RATIO_AFTER = re.compile(r"^\s(?:in|out of)\s(?:\d+|two|three|four|five|ten)\b", re.IGNORECASE)
_TEMPERATURE = frozenset("c f °c °f degree degrees celsius fahrenheit deg degc degf".split())
_UNIT_LABEL = {
    "percent": "%", "dollar": "USD", "pound": "GBP", "euro": "EUR", "yen": "JPY",
    "yuan": "CNY", "rupee": "INR", "shekel": "ILS",
}  # fmt: skip


# ------------------------------------------------------------- per article


def extract_mentions(
    article_id: str, text: str, options: NumberOptions = NumberOptions()
) -> list[Mention]:
    """Every figure of a story quantity in an article's clean text, as an interval."""
    out: list[Mention] = []
    for para in text.split("\n"):
        for sentence in split_sentences(para.strip()):
            out.extend(_sentence_mentions(article_id, sentence, options))
    return out


def _sentence_mentions(article_id: str, sentence: str, options: NumberOptions) -> list[Mention]:
    found: list[Mention] = []
    figures = _with_vague_times(sentence, quantities(sentence))
    if not figures:
        return found
    bounds = [(b.start(), b.end(), b.group(0).lower()) for b in _BOUNDARY.finditer(sentence)]
    previous: Mention | None = None
    for q in figures:
        mention = _mention(article_id, sentence, q, bounds, previous, options)
        if mention is not None:
            found.append(mention)
            previous = mention
    return found


def _with_vague_times(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities, and lengths of time told without a number: "several
    days" [3, 9], "weeks of bombardment" and "weeks-long" [2, open], "a
    month-long conflict" 1."""
    low = sentence.lower()
    if not any(unit in low for unit in _TIME_HINTS):
        return found
    spans = [(q.start, q.end) for q in found]
    extra: list[Quantity] = []
    for m in _VAGUE_TIME.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        prev = [t.lower() for t in _TOKEN.findall(sentence[: m.start()])[-1:]]
        if prev and (prev[0][0].isdigit() or prev[0] in _NUMBER_WORDS):
            continue  # "four days of", "two-week-long": read as numbers
        if prev and not m.group(0).endswith("-long") and prev[0] in _NOT_VAGUE_BEFORE:
            continue
        unit = (m.group("several") or m.group("plural") or m.group("one")).lower()
        if m.group("several"):
            value, high, vague, modifier = 3.0, 9.0, True, None
        elif m.group("plural"):
            value, high, vague, modifier = 2.0, None, True, "min"
        else:
            value, high, vague, modifier = 1.0, None, False, None
        extra.append(
            Quantity(
                start=m.start(),
                end=m.end(),
                value=value,
                high=high,
                modifier=modifier,
                direction=None,
                unit=unit,
                unit_text=None,
                noun="",
                vague=vague,
                spelled=True,
            )
        )
    return sorted([*found, *extra], key=lambda q: q.start)


def _mention(
    article_id: str,
    sentence: str,
    q: Quantity,
    bounds: list[tuple[int, int, str]],
    previous: Mention | None,
    options: NumberOptions,
) -> Mention | None:
    """One quantity as a story figure, or None when it is not one or unclear."""
    if q.shift or (q.high is not None and q.high <= q.value):
        return None  # "from 4.8 to 4.7": a change, not a count
    if _AGE.match(sentence[q.end :]) or q.noun.lower().startswith(("year-old", "years-old")):
        return None  # an age
    if not q.noun and _AGE_BEFORE.search(sentence[: q.start]):
        return None  # "died at 94": an age too
    if q.noun and sentence[q.end : q.end + 1] == "-" and q.unit is None:
        # "a 13-story apartment building", "the 12-member panel": the figure
        # counts the word it is joined to (storeys, members), a size of the
        # noun after it, not a number of apartments or panels.
        q = dataclasses.replace(q, noun=q.noun.split()[0])
    head = q.noun.split()[-1].lower() if q.noun else None
    duration = _duration_of(q, head)
    if q.unit in _TEMPERATURE:
        return None  # the weather, not the story
    if _RATIO.search(sentence[: q.start]) or _RATIO_AFTER.match(sentence[q.end :]):
        return None  # "1 in 5 renters": a share, not a count
    if q.spelled and not q.vague and q.value < 10 and head is None and q.unit is None:
        return None  # "one of whom": a pronoun, not a count
    clause_start = max((e for s, e, _ in bounds if e <= q.start), default=0)
    noun_end = _noun_end(sentence, q)
    clause_end = min((s for s, _, _ in bounds if s >= noun_end), default=len(sentence))
    before = sentence[clause_start : q.start]
    after = sentence[noun_end:clause_end]
    measured = q.unit is not None and q.unit_text is not None
    unit = _UNIT_LABEL.get(q.unit) if measured and q.unit else None
    concept: str | None = None
    released = False
    if duration is not None:
        # A length of time ("four days", "nearly seven weeks") is a figure
        # of its own kind, never a count of people.
        concept = duration
    elif not measured:
        # Only a count can be of people killed or held: "200 metres" next to
        # "lives on Quarry Lane" is a distance.
        concept, released = _concept(sentence, q, head, before, after, clause_start, bounds)
        including = re.search(r",\s+including\s+$", sentence[: q.start]) is not None
        if concept is None and previous is not None and including:
            # "killed many thousands, including over 3,000 children"
            concept, released = previous.concept, previous.released
    if _DIFFERENCE.match(sentence[noun_end:]):
        # "$1.08 per gallon higher than last year", "16 cents more than a
        # month ago": a difference between two figures, not a level to set
        # beside another outlet's price (AllSides dev).
        return None
    if concept in _CONCEPTS and q.noun.split()[:1] in (["other"], ["more"], ["additional"]):
        # "were killed and one other person ...", "three more people died":
        # a further group, not the count (AllSides dev, a drone strike).
        return None
    if concept in _CONCEPTS and _PART_OF.match(sentence[q.end :]):
        # "Seven of the deaths were of one family", "16 of them were
        # militants": a part of a count told elsewhere, not the count; beside
        # the total it would read as a disagreement (AllSides dev, Gaza).
        return None
    qualifier = head if head in _SUBGROUPS else None
    if concept is None:
        # Not a known event: what the noun phrase names. A small number
        # spelled out ("two sons", "two purposes", "two officials told")
        # with no event of the story is prose, not a figure; a bare number
        # with nothing counted is none either.
        if q.spelled and not q.vague and q.value < 10 and not _RATE.match(sentence[noun_end:]):
            return None
        if measured and q.unit in MEASURES:
            concept = SPELLING.get(q.unit, q.unit)
        elif head is not None and unit is not None and q.noun[:1].isupper():
            # A sum before a name is that thing's size, not a count of it:
            # "the $50 billion Bill and Melinda Gates Foundation" is no bill.
            concept = "amount"
        elif head is not None:
            words = [w.lower() for w in q.noun.split()][-2:]
            concept = " ".join([*words[:-1], _singular(words[-1])])
        elif unit is not None:
            concept = "amount" if unit != "%" else "percent"
        else:
            return None
    if q.modifier == "max" and _MOVED_UP_TO.search(sentence[: q.start + 6]):
        # "the rate ticked up to 6.1%": where it went, not a ceiling (AllSides
        # dev; "inching back up to 4.8 percent" in NewsQuant). NewsQuant's gold
        # reads that one as "at most", so only the story's figures read it so.
        q = dataclasses.replace(q, modifier=None)
    low, high = _interval(q, options)
    # A place is read only for counts of people and of events ("an attack in
    # Gaza killed dozens", "1,500 Americans remain in Afghanistan"); next to a
    # sum it names something else ("a vote in the Senate would add $256
    # billion", "a $70 million payment in Bitcoin").
    people = concept in _CONCEPTS or (head is not None and _is_person(q.noun.split()[-1]))
    place = _place(sentence, q, before, after, clause_start, bounds) if people else None
    as_of, when = _times(sentence)
    expected = _EXPECTED.search(before) is not None or _EXPECTED.search(after) is not None
    # Past the clause: the attacker is named after a comma ("..., including the gunman").
    tail = sentence[noun_end : noun_end + 80]
    with_attacker = concept == "killed" and _WITH_ATTACKER.search(tail) is not None
    words_used = sentence[q.start : noun_end]
    cut = re.search(r",\s(?:even\s)?(?:as|while|but|whereas)\s", sentence[q.end :])
    claimed = sentence if cut is None else sentence[: q.end + cut.start()] + "."
    return Mention(
        article=article_id,
        text=words_used.strip(),
        low=low,
        high=high,
        value=q.value,
        vague=q.vague,
        unit=unit,
        concept=concept,
        qualifier=qualifier,
        released=released,
        place=place,
        as_of=as_of,
        when=when,
        what=_label(concept, qualifier, head, place, unit, released)
        + (" (forecast or goal)" if expected else "")
        + (" (attacker included)" if with_attacker else ""),
        attribution=attribution(claimed, q.start),
        sentence=sentence,
        expected=expected,
        with_attacker=with_attacker,
    )


def _duration_of(q: Quantity, head: str | None) -> str | None:
    """The time unit of a length of time ("day"), else None."""
    for word in (q.unit, head):
        if word is not None and word.lower() in DURATIONS:
            return _singular(word.lower().removesuffix("-long"))
    return None


def _noun_end(sentence: str, q: Quantity) -> int:
    if not q.noun:
        return q.end
    found = sentence.find(q.noun, q.end)
    return q.end if found < 0 else found + len(q.noun)


def _concept(
    sentence: str,
    q: Quantity,
    head: str | None,
    before: str,
    after: str,
    clause_start: int,
    bounds: list[tuple[int, int, str]],
) -> tuple[str | None, bool]:
    """(concept, released): the event the figure counts, read inside its clause."""
    concept: str | None = None
    if head in _CONCEPT_OF and head not in _RELEASE:
        concept = _CONCEPT_OF[head]
    elif head is not None and not _is_person(q.noun.split()[-1]):
        return None, False  # "a 7.2-magnitude earthquake killed", "200 pages released"
    tokens_before = [t.lower() for t in _TOKEN.findall(before)]
    tokens_after = [t.lower() for t in _TOKEN.findall(after)]
    tail = sentence[_noun_end(sentence, q) :]
    relative = _RELATIVE.match(tail)
    if not tokens_after and relative is not None:
        # "Nearly 300 people who were forced out": the subject's own clause.
        tokens_after = [t.lower() for t in _TOKEN.findall(relative.group(1))]
    if not tokens_after:
        # "more than 9,227 people, many of them women and children, have been
        # killed": the clause goes on after an appositive.
        rest = _APPOSITIVE.match(tail)
        if rest is not None:
            tokens_after = [t.lower() for t in _TOKEN.findall(rest.group(1))]
    # "at least 11 people have died and more than 150 are missing": after
    # "and" a figure opens its own clause.
    near_before = [] if re.search(r"\b(?:and|or)\s*$", before) else tokens_before[-_GOVERNS:]
    near_after = tokens_after[: _GOVERNS + 1]
    if concept is None:
        # The event word governing the figure: right before it ("killing 2",
        # "the release of two Americans", "a death toll of 63"), then right
        # after it ("132 Palestinians have been killed", "80 unaccounted
        # for"), then elsewhere in the clause, release words aside ("the
        # number of hostages held by Hamas at 241"; but "data released
        # Thursday showed 373,000 Americans filed" is no release of them).
        # An event word past another figure is that figure's: "100 people were
        # struck by gunfire resulting in 18 deaths" counts no deaths in 100.
        far = [
            t
            for t in [*_to_figure(tokens_after[:8]), *_to_figure(tokens_before[-8:][::-1])]
            if t not in _RELEASE
        ]
        # Nearest first, before the figure on a tie: "killing 2 and injured
        # others" (killed), "one person dead and 10 injured" (injured).
        near = sorted(
            [(d, 0, t) for d, t in enumerate(reversed(near_before))]
            + [(d, 1, t) for d, t in enumerate(near_after)]
        )
        for tok in [*(t for _, _, t in near), *far]:
            if tok in _CONCEPT_OF:
                concept = _CONCEPT_OF[tok]
                break
    if concept is None:
        # An appositive right after a comma: "the death toll, exceeding 9,200".
        prior = sentence[:clause_start].rstrip()
        if prior.endswith(",") and before.strip() == "":
            last = [t.lower() for t in _TOKEN.findall(prior)][-3:]
            for tok in reversed(last):
                if tok in _CONCEPT_OF:
                    concept = _CONCEPT_OF[tok]
                    break
    clause = sentence[clause_start:]
    if concept == "displaced" and "refugee" in clause.lower() and _ADMISSION.search(clause):
        # "no more than 15,000 refugees could be accepted", "to limit refugees
        # to 15,000": a cap on admissions, no count of the displaced (AllSides
        # dev); "1.5 million refugees have fled" is one.
        return None, False
    if concept not in ("hostages", "arrested"):
        # Freed is another count only of people held: hostages, and prisoners
        # ("releasing thousands of prisoners" counts no one detained).
        return concept, False
    opener = next((w for s, e, w in reversed(bounds) if e <= q.start), "")
    undone = opener in ("until", "unless", "if") or _UNDONE.search(sentence[: q.start]) is not None
    released = bool(set(near_before + near_after) & _RELEASE) and not undone
    return concept, released


_WITH_ATTACKER = re.compile(
    r"\b(?:including|counting|among them|plus)\s+(?:the|a|one)\s+(?:suspected\s+)?"
    r"(?:gunman|gunmen|shooter|attacker|assailant|bomber|perpetrator|killer|suspect)\b",
    re.IGNORECASE,
)
_ADMISSION = re.compile(
    r"\b(?:admit(?:s|ted)?|admissions?|accept(?:s|ed)?|resettle(?:s|d|ment)?|cap|ceiling|limit(?:s|ed)?)\b",
    re.IGNORECASE,
)

_MOVED_UP_TO = re.compile(
    r"\b(?:ticked|inched|edged|crept|went|moved|jumped|rose|climbed|shot|back|bumped|ramped)"
    r"\s+up\s+to\s$",
    re.IGNORECASE,
)
# Words that make a figure a forecast or a goal rather than a measure, read in
# the figure's own clause (AllSides dev: an unemployment forecast of 5.8% shown
# beside the 6.1% measured, a vaccination goal beside the count so far; the
# NewsQuant economy sentences use the same words).
_EXPECTED = re.compile(
    r"\b(?:expect(?:s|ed|ing|ations?)?|forecast(?:s|ers?|ing)?|projected|projections"
    r"|anticipated?|predict(?:s|ed|ions?)?|goal|target(?:s|ed|ing)?|aim(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
_DIFFERENCE = re.compile(
    r"^(?:\s+(?:per|a|an)\s+\w+)?\s+(?:more|higher|lower|less|fewer|greater|bigger|smaller"
    r"|larger|cheaper|up|down)\s+(?:than|from)\b",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"\s+of\s+(?:the|them|those|these|whom|which|its|their)\b", re.IGNORECASE)


def _to_figure(tokens: list[str]) -> list[str]:
    """``tokens`` up to the next figure (a digit or a number word)."""
    for i, t in enumerate(tokens):
        if t[:1].isdigit() or t in _NUMBER_WORDS:
            return tokens[:i]
    return tokens


# Tokens between an event word and the figure it governs: "release of the" (3),
# "have been reported killed" (4).
_GOVERNS = 3
# Who can be killed, held or displaced: people. A figure of anything else
# ("200 pages", "a 7.2-magnitude earthquake") is never a count of an event.
_PERSONS = frozenset(
    "people persons person children child kids women woman men man girls boys babies "
    "civilians residents citizens nationals soldiers troops militants fighters members "
    "officers officials staff workers students patients victims adults minors infants "
    "migrants refugees immigrants prisoners detainees hostages captives police personnel "
    "family families individuals others pilgrims passengers tourists guests youths teens "
    "teenagers protesters demonstrators".split()
)


def _is_person(word: str) -> bool:
    low = word.lower()
    if low in _PERSONS:
        return True
    if word[:1].isupper() and low.endswith(("ans", "is", "ns", "ese", "ians")):
        return True  # "Americans", "Israelis", "Gazans", "Afghans", "Lebanese"
    return low.endswith(("ers", "ors", "ists", "ees", "men", "women"))


def _interval(q: Quantity, options: NumberOptions) -> tuple[float | None, float | None]:
    """The report contract's interval of a quantity."""
    if q.high is not None:
        return _round(q.value), _round(q.high)
    if q.vague and q.modifier == "min":
        return q.value, None
    if q.vague:
        v_low, v_high = _vague_interval(q)
        return v_low, v_high
    value = q.value
    low: float | None = value
    high: float | None = value
    if q.modifier == "min":
        low, high = value, None
    elif q.modifier == "max":
        low, high = None, value
    elif q.modifier == "nearly":
        low, high = value * (1 - options.nearly), value
    elif q.modifier == "approx":
        low, high = value * (1 - options.approx), value * (1 + options.approx)
    return _round(low), _round(high)


def _vague_interval(q: Quantity) -> tuple[float, float]:
    low = q.value
    for v_low, v_high in VAGUE.values():
        if v_low == low:
            return float(v_low), float(v_high)
    return low, low


def _round(x: float | None) -> float | None:
    """Two decimals: the figure as written ("46.7 percent" stays 46.7, never
    47), with float noise of the approximation bounds (928e9 * 0.9) gone."""
    if x is None:
        return None
    return round(x, 2)


_UNKNOWN = "figure"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# The lengths of time a duration figure is read in ("day", "week").
_DURATION_UNITS = frozenset(_singular(w) for w in DURATIONS)
# Units of length, weight, volume, speed, energy...: a figure's concept when
# it counts no thing ("120 metres").
_MEASURE_UNITS = frozenset(_singular(w) for w in MEASURES)


def _place(
    sentence: str,
    q: Quantity,
    before: str,
    after: str,
    clause_start: int,
    bounds: list[tuple[int, int, str]],
) -> str | None:
    """Where the figure applies, read from its own clause only; None when unclear.

    "Gaza's more than 2.3 million residents"; "killed in Gaza", "pamphlets
    dropped on Gaza" (after it); "an attack on a camp in Gaza killed dozens"
    (its subject); "in the West Bank, where 132 Palestinians have been killed";
    "In Tromsø, 9 people were killed". A place in another clause ("killed
    more than 1,400 people in the October 7 attacks" next to "in Gaza") is
    not the figure's.
    """
    poss = _POSSESSIVE_PLACE.search(sentence[max(0, q.start - 40) : q.start])
    counted = q.noun.split()[-1] if q.noun else ""
    if poss is not None and counted and _is_person(counted) and not _TITLED.search(poss.group(1)):
        # "Gaza's 2.3 million residents"; not "President Biden's $1.2 trillion".
        return _clean_place(poss.group(1))
    candidates = [
        m.group(1)
        for m in _PLACE_AFTER.finditer(after)
        if not _attributive(after[m.end() :])
        and not re.search(r"[’']s$", m.group(1))
        and len(_TOKEN.findall(after[: m.start()])) <= _PLACE_REACH
    ]
    # "a death toll of 63 for Rhineland-Palatinate state": "for" names a place
    # only before a kind of place (AllSides dev: a region's toll beside a
    # county's was a conflict).
    candidates += [
        m.group(1)
        for m in _PLACE_FOR.finditer(after)
        if len(_TOKEN.findall(after[: m.start()])) <= _PLACE_REACH
    ]
    for m in reversed(list(_PLACE_BEFORE.finditer(before))):
        # Only in the words right before the figure ("an attack on a camp in
        # Gaza this week killed dozens"); further back it qualifies another
        # noun ("problems in Gaza without preventing Israel from responding
        # to the massacre of 1,400").
        if len(_TOKEN.findall(before[m.end() :])) <= _PLACE_REACH:
            candidates.append(m.group(1))
    opener = next(((s, w) for s, e, w in reversed(bounds) if e <= q.start), None)
    if opener is not None and opener[1] == "where":
        where = _PLACE_WHERE.search(sentence[: opener[0]])
        if where is not None:
            candidates.append(where.group(1))
    opening = _PLACE_OPENING.match(sentence)
    if opening is not None and opening.end() == clause_start:
        candidates.append(opening.group(1))
    for found in candidates:
        place = _clean_place(found)
        if place and not _TIME_WORD.match(place.lower()) and not _INSTITUTION.search(place):
            return place
    return None


# Words between a place and the figure it qualifies, at most: "in Gaza this
# week killed" (3), "toll in Bodø rose to" (2), "90 people are now known to
# have died in western Germany's Ahrweiler county" (6; at 4 that county's toll
# was grouped with the whole flood's). Raised from 4 to 6 on AllSides dev:
# 2 of 1,175 figures gain a place, both right; seeds facts and NewsQuant
# unchanged.
_PLACE_REACH = 6


# Names after "in" that are bodies, not places ("in the Senate", "in Congress").
_INSTITUTION = re.compile(
    r"\b(?:Senate|House|Congress|Parliament|Court|Committee|Council|Ministry|Department|"
    r"Cabinet|Assembly|Party|Times|Post|News|Journal|Agency|Office|Commission)\b"
)


_TITLED = re.compile(
    r"\b(?:President|Prime|Minister|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Secretary|Chancellor|King|Queen)\b"
)


def _attributive(rest: str) -> bool:
    """A capitalised word right before a common noun modifies it: "in Covid
    relief funds", "in the Israel-Hamas war" are no places."""
    nxt = re.match(r"\s([a-z][a-z-]+)\b", rest)
    return nxt is not None and is_noun_word(nxt.group(1)) and nxt.group(1) not in _PLACE_KINDS


# Common nouns that follow a place's name and keep it a place: "in North
# Rhine-Westphalia state", "in Ahrweiler county".
_PLACE_KINDS = frozenset(
    "state county province region district city town village area prefecture governorate "
    "oblast municipality".split()
)


def _clean_place(text: str) -> str:
    words = re.sub(r"[’']s$", "", text.strip()).split()
    while words and _TIME_WORD.match(words[-1].lower()):
        words.pop()  # "in Gaza City Saturday"
    return " ".join(words)


_DAY = (
    rf"(?:(?:{MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS})|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today)"
)
_AS_OF = re.compile(rf"\b(?:as of|by|until|up to)\s+(?:last\s+)?({_DAY})", re.IGNORECASE)
_WHEN = re.compile(rf"\b(?:on|last)\s+({_DAY})", re.IGNORECASE)


def _times(sentence: str) -> tuple[str | None, str | None]:
    """("as of" time, event day) stated in the sentence, as written (lower-case)."""
    as_of = _AS_OF.search(sentence)
    when = _WHEN.search(sentence)
    return (
        as_of.group(1).lower() if as_of else None,
        when.group(1).lower() if when else None,
    )


def _label(
    concept: str,
    qualifier: str | None,
    head: str | None,
    place: str | None,
    unit: str | None,
    released: bool = False,
) -> str:
    if concept in _CONCEPTS:
        who = qualifier or ("people" if concept != "hostages" else "")
        label = {
            "hostages": "hostages released" if released else "hostages",
            "killed": f"{who} killed",
            "injured": f"{who} injured",
            "treated": f"{who} treated in hospital",
            "missing": f"{who} missing",
            "displaced": f"{who} displaced",
            "arrested": f"{who} released" if released else f"{who} detained",
            "votes": "votes",
        }[concept].strip()
    elif concept != _UNKNOWN:
        label = head if head and _singular(head) == concept.split()[-1] else concept
    else:
        label = head or concept
    if unit == "%":
        label = f"{label} (percent)" if label not in (_UNKNOWN, "percent") else "percent"
    elif unit:
        label = f"{label} ({unit})"
    return f"{label} in {place}" if place else label


# ------------------------------------------------------------- per story


def numbers_section(
    articles: Sequence[Article], options: NumberOptions = NumberOptions()
) -> list[dict[str, Any]]:
    """The report's ``numbers`` section for one story's original articles."""
    mentions = [m for a in articles for m in extract_mentions(a.id, a.text, options)]
    out: list[dict[str, Any]] = []
    for group in _groups(mentions, options):
        out.append(
            {
                "what": _group_label(group),
                "status": _status(group),
                "conflict": _compare(group)[1],
                "mentions": [
                    {
                        "article": m.article,
                        "text": m.text,
                        "low": m.low,
                        "high": m.high,
                        "sentence": m.sentence,
                        "vague": m.vague,
                        "unit": m.unit,
                        "place": m.place,
                        "as_of": m.as_of,
                        "when": m.when,
                        "attribution": m.attribution,
                    }
                    for m in group
                ],
            }
        )
    # Quantities more outlets report first.
    out.sort(key=lambda e: -len({str(m["article"]) for m in e["mentions"]}))
    return out


def _groups(mentions: list[Mention], options: NumberOptions) -> list[list[Mention]]:
    # One quantity: the same concept, narrower group, unit and place. A
    # figure with no place read from its own clause is not put with one that
    # names a place: which place it counts is unknown, and a group's label
    # names its place for every member.
    Key = tuple[str, str | None, str | None, str | None, bool, bool]
    by_key: dict[Key, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[(m.concept, m.qualifier, m.unit, m.place, m.expected, m.with_attacker)].append(m)
    groups: list[list[Mention]] = []
    for part in by_key.values():
        # A figure "as of Friday" and one "as of Saturday" are two
        # counts of a moving total, not a disagreement.
        by_time: dict[str | None, list[Mention]] = defaultdict(list)
        stated = {m.as_of for m in part if m.as_of}
        for m in part:
            by_time[m.as_of if len(stated) > 1 else None].append(m)
        for timed in by_time.values():
            for group in _split_by_magnitude(timed, options):
                if group[0].concept in _CONCEPTS:
                    groups.extend(_split_released(group))
                elif group[0].concept in _DURATION_UNITS:
                    # Two lengths of time are rarely of one thing ("30 hours"
                    # building banks, "clean for 30 hours"): each stands alone.
                    groups.extend([m] for m in group)
                elif group[0].concept in _MEASURE_UNITS:
                    # A unit says how, not what, is measured: "less than 200
                    # metres from the crossing" and "about 120 metres of track"
                    # (the example) overlap and are two things. Only the same
                    # figure, stated alike, is taken for one quantity.
                    groups.extend(_same_figure(group))
                else:
                    groups.extend(_split_by_overlap(group))
    return groups


def _same_figure(group: list[Mention]) -> list[list[Mention]]:
    by_figure: dict[tuple[float | None, float | None], list[Mention]] = defaultdict(list)
    for m in group:
        by_figure[(m.low, m.high)].append(m)
    return list(by_figure.values())


def _split_by_overlap(group: list[Mention]) -> list[list[Mention]]:
    """Figures of a thing with no known event ("31 wagons" hauled, "14
    wagons" derailed; durations; sums of money) are one quantity only when
    they can be the same number: without the event that ties them, two
    different figures are more likely two things than a disagreement."""
    out: list[list[Mention]] = []
    for m in sorted(group, key=lambda x: x.low if x.low is not None else float("-inf")):
        home = next((g for g in out if all(_overlap(m, x) for x in g)), None)
        if home is None:
            out.append([m])
        else:
            home.append(m)
    return out


def _split_released(group: list[Mention]) -> list[list[Mention]]:
    """Hostages released and hostages held are two quantities: split when a
    released figure and another cannot be the same count."""
    freed = [m for m in group if m.released]
    others = [m for m in group if not m.released]
    if not freed or not others:
        return [group]
    if all(_overlap(a, b) for a in freed for b in others):
        return [group]
    return [freed, others]


def _split_by_magnitude(members: list[Mention], options: NumberOptions) -> list[list[Mention]]:
    ordered = sorted(members, key=lambda m: m.value)
    out: list[list[Mention]] = [[ordered[0]]]
    for m in ordered[1:]:
        prev = out[-1][-1].value
        if prev > 0 and m.value / prev > options.same_quantity_ratio:
            out.append([m])
        else:
            out[-1].append(m)
    return out


def _status(group: list[Mention]) -> str:
    return _compare(group)[0]


def _compare(group: list[Mention]) -> tuple[str, str | None]:
    """(status, what conflicts: "figures" or "dates")."""
    if len({m.article for m in group}) < 2:
        return "single-source", None
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if a.article != b.article and not _overlap(a, b):
                return "conflicting", "figures"
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            # The same count put on two different days ("12 dead on Tuesday"
            # against "on Wednesday"): the figures agree, the dates do not.
            # Only for one exact figure told twice: "on Friday" in "Israel on
            # Friday put the number at 241" dates the statement, not the count.
            # And only for counts of an event (deaths, injuries, arrests…):
            # "four tank cars … on Thursday" dates the report, not the cars.
            same_count = a.low == a.high == b.low == b.high and a.concept in _CONCEPTS
            if a.article != b.article and same_count and a.when and b.when and a.when != b.when:
                return "conflicting", "dates"
    return "consistent", None


def _overlap(a: Mention, b: Mention) -> bool:
    if a.low is not None and a.low == a.high and b.low is not None and b.low == b.high:
        if abs(a.low) >= 10 and abs(b.low) >= 10:
            # Two exact figures of 10 or more are one when they round to one
            # whole number: "46.7 percent" and "47 percent" of a vote. Below
            # 10 a tenth is news ("5.8%" forecast against "6%" measured).
            return round(a.low) == round(b.low)
        return a.low == b.low
    a_low = a.low if a.low is not None else float("-inf")
    a_high = a.high if a.high is not None else float("inf")
    b_low = b.low if b.low is not None else float("-inf")
    b_high = b.high if b.high is not None else float("inf")
    return a_low <= b_high and b_low <= a_high


def _group_label(group: list[Mention]) -> str:
    labels = [m.what for m in group if m.released] or [m.what for m in group]
    return max(set(labels), key=lambda x: (labels.count(x), len(x)))
