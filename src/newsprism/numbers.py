"""The numbers: every figure in a story as an interval, compared across outlets.

Stage: story analysis (see :mod:`newsprism.analysis`). Needs the clean text of
a story's articles; adds the report's ``numbers`` section.

Per article (:func:`extract_mentions`), with rules and a small lexicon:

* figures in digits and words ("9,227", "1.2 million", "two"), with their
  modifier mapped to an interval by the report contract's conventions
  ("more than 240" is [240, open], "roughly 240" a closed interval within
  30 % of it, "hundreds" the vague [200, 999]);
* never dates, times of day, ages, years, temperatures or ordinals;
* for each: what is counted (the noun after the figure, or the counted thing
  the sentence names), where (a place after "in"), and who it is attributed
  to ("according to …", "… said").

Per story (:func:`numbers_section`), mentions of one quantity are grouped by
a concept lexicon (hostages / captives; killed / dead / death toll), what
they count more narrowly (children among people killed) and place; figures
an order of magnitude apart are different quantities (two hostages released
against 240 held), not a conflict. A group's status is ``consistent`` when
every two articles' intervals overlap, ``conflicting`` when two cannot both be
true, ``single-source`` when one article gives it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.models import Article
from newsprism.quotes import attribution
from newsprism.sentences import split_sentences


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
    place: str | None
    as_of: str | None  # the time the figure stands for: "as of Friday", "by Tuesday"
    when: str | None  # the day of the counted event: "on Tuesday", "Oct. 7"
    what: str  # readable: "people killed in Gaza"
    attribution: str | None
    sentence: str


# ------------------------------------------------------------- lexicon

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
    "a million": 1_000_000, "a billion": 1_000_000_000, "one million": 1_000_000,
    "one billion": 1_000_000_000, "half a million": 500_000,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "bn": 1e9, "k": 1e3, "mn": 1e6,
}  # fmt: skip
# Vague amounts: the contract fixes "hundreds" as [200, 999]; the others
# follow the same reading (at least two of the unit, less than ten).
_VAGUE: dict[str, tuple[int, int]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2000, 9999), "many thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}  # fmt: skip
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
    "sep|sept|september|oct|october|nov|november|dec|december"
)
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

_NUM = (
    r"(?P<cur>[$£€¥])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    r"(?P<pct>\s?%|\s?percent\b|\s?per cent\b)?"
)
_WORDNUM = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_VAGUENUM = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w.,-])(?:{_NUM}|(?P<word>(?:{_WORDNUM}))(?:\s(?P<wscale>thousand|million|billion))?"
    rf"|(?P<vague>(?:{_VAGUENUM})))(?![\w-])",
    re.IGNORECASE,
)

# Modifiers before a figure, and the interval they make of it.
_MIN = (
    "more than|over|exceeding|in excess of|upwards of|above|greater than|at least|"
    "no fewer than|no less than|a minimum of"
)
_MAX = "fewer than|less than|under|below|up to|at most|no more than|a maximum of"
_NEARLY = "nearly|almost|close to|just under|just shy of"
_APPROX = "roughly|about|around|approximately|some|an estimated|estimated|circa"
_BEFORE = [
    (re.compile(rf"(?:{words})\s$", re.IGNORECASE), kind)
    for words, kind in ((_MIN, "min"), (_MAX, "max"), (_NEARLY, "nearly"), (_APPROX, "approx"))
]
_AFTER_APPROX = re.compile(r"^\s(?:or so|or more|-odd)\b", re.I)
_RANGE = re.compile(rf"^(?:\s?(?:-|–|to|and)\s?)(?:{_NUM})", re.IGNORECASE)

# Concepts: the news quantities outlets word differently. A word maps to the
# concept it counts; the concept's label names the group.
_CONCEPTS = {
    "hostages": "hostage hostages captive captives captivity abducted abductees kidnapped "
    "held release released releases freed",
    "killed": "killed dead deaths death died toll massacre lives fatalities slain",
    "injured": "injured wounded hurt injuries",
    "displaced": "displaced evacuated fled homeless refugees",
    "arrested": "arrested detained detainees prisoners",
    "votes": "votes ballots",
}
_CONCEPT_OF = {w: c for c, words in _CONCEPTS.items() for w in words.split()}
# Words for people in general: they do not narrow what is counted.
_GENERIC = frozenset(
    "people persons individuals residents civilians citizens palestinians israelis "
    "americans gazans others men".split()
)
# Narrower groups of people: children killed are another count than people killed.
_SUBGROUPS = frozenset(
    "children kids minors babies women girls boys soldiers troops officers policemen police "
    "journalists reporters doctors nurses medics students teachers workers staff".split()
)
_NOUN_STOP = frozenset(
    "of in on at by for from with to and or but as that which who have has had are is was were "
    "been be will would could can may might including since during after before into than "
    "per a an the their its his her our them they those these us it".split()
)
_VERBISH = re.compile(r"[a-z]+(?:ed|ing)|taken|held|seen|given|made|left|gone|according")
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Oo]n|[Ff]rom|[Aa]cross|[Tt]hroughout|[Ii]nside)\s+((?:the\s+)?(?:occupied\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
)
_POSSESSIVE_PLACE = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)[’']s\s+$")


# ------------------------------------------------------------- per article


def extract_mentions(
    article_id: str, text: str, options: NumberOptions = NumberOptions()
) -> list[Mention]:
    """Every figure in an article's clean text, as an interval with what it counts."""
    out: list[Mention] = []
    for para in text.split("\n"):
        for sentence in split_sentences(para.strip()):
            out.extend(_sentence_mentions(article_id, sentence, options))
    return out


def _sentence_mentions(article_id: str, sentence: str, options: NumberOptions) -> list[Mention]:
    found = []
    consumed = 0  # the second figure of "between 200 and 300" is read already
    for m in _FIGURE.finditer(sentence):
        if m.start() < consumed or _excluded(sentence, m):
            continue
        reading = _interval(sentence, m, options)
        if reading is None:
            continue
        start, end, low, high, value, vague = reading
        consumed = end
        unit = _unit(m)
        tail = sentence[end:]
        noun_words, head = _noun_after(tail)
        concept, qualifier = _concept(sentence, m, head, options, noun_words)
        if concept == _UNKNOWN and unit is None:
            continue  # a bare "two" with nothing counted: no quantity to compare
        place = _place(sentence, m)
        as_of, when = _times(sentence)
        words_used = sentence[start:end]
        if noun_words:
            words_used = f"{words_used} {noun_words}"
        found.append(
            Mention(
                article=article_id,
                text=words_used.strip(),
                low=low,
                high=high,
                value=value,
                vague=vague,
                unit=unit,
                concept=concept,
                qualifier=qualifier,
                place=place,
                as_of=as_of,
                when=when,
                what=_label(concept, qualifier, head, place, unit),
                attribution=attribution(sentence),
                sentence=sentence,
            )
        )
    return found


def _excluded(sentence: str, m: re.Match[str]) -> bool:
    """Dates, times of day, ages, years, temperatures, ordinals, codes."""
    before = sentence[max(0, m.start() - 12) : m.start()].lower()
    after = sentence[m.end() : m.end() + 14].lower()
    raw = m.group(0)
    if m.group("num") is None:
        return False
    if re.search(rf"\b(?:{_MONTHS})\.?\s$", before) or re.match(rf"^\s(?:{_MONTHS})\b", after):
        return True  # "Oct. 7", "7 October"
    if re.match(r"^\s?(?:a\.?m\.?|p\.?m\.?|gmt|utc|local time)(?![a-z])|^:\d", after):
        return True  # "4 p.m.", "10:30"
    if re.match(r"^(?:-|\s)(?:year|month|week|day)s?[- ]old\b|^(?:st|nd|rd|th)\b", after):
        return True  # ages, ordinals
    if re.match(r"^\s?°|^\s?(?:c|f)\b(?!\w)|^\s?degrees?\b", after):
        return True  # temperatures
    if re.search(r"\b(?:aged|age)\s$", before) or (
        re.search(r"[A-Z][a-z]+,\s$", sentence[: m.start()]) and re.match(r"^\s?[,.]", after)
    ):
        return True  # "Judith Raanan, 59," and "aged 59"
    if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not m.group("cur"):
        return True  # years
    # "F-16", "No. 1", "Resolution 242"
    return (
        re.search(r"[A-Za-z]-$|\b(?:no\.|number|article|resolution|covid-)\s?$", before) is not None
    )


def _interval(
    sentence: str, m: re.Match[str], options: NumberOptions
) -> tuple[int, int, float | None, float | None, float, bool] | None:
    start, end = m.start(), m.end()
    if m.group("vague"):
        v_low, v_high = _VAGUE[m.group("vague").lower()]
        return start, end, float(v_low), float(v_high), float(v_low), True
    if m.group("word"):
        value = float(_WORD_NUMBERS[m.group("word").lower()])
        if m.group("wscale"):
            value *= _SCALES[m.group("wscale").lower()]
    else:
        value = float(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
    low: float | None = value
    high: float | None = value
    # "between 200 and 300", "200 to 300", "200-300"
    rng = _RANGE.match(sentence[end:])
    if rng is not None and rng.group("num"):
        other = float(rng.group("num").replace(",", ""))
        if rng.group("scale"):
            other *= _SCALES[rng.group("scale").lower()]
        elif m.group("scale"):
            other *= _SCALES[m.group("scale").lower()]
        if other > value:
            return start, end + rng.end(), value, other, value, False
    before = sentence[max(0, start - 24) : start]
    for pattern, kind in _BEFORE:
        mod = pattern.search(before)
        if mod is None:
            continue
        start -= len(before) - mod.start()
        if kind == "min":
            low, high = value, None
        elif kind == "max":
            low, high = None, value
        elif kind == "nearly":
            low, high = value * (1 - options.nearly), value
        else:
            low, high = value * (1 - options.approx), value * (1 + options.approx)
        break
    after = _AFTER_APPROX.match(sentence[end:])
    if after is not None:
        end += after.end()
        if "more" in after.group(0).lower():
            low, high = value, None
        else:
            low, high = value * (1 - options.approx), value * (1 + options.approx)
    return start, end, _round(low), _round(high), value, False


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return float(round(x)) if abs(x) >= 10 else round(x, 2)


def _unit(m: re.Match[str]) -> str | None:
    if m.group("pct"):
        return "%"
    if m.group("cur"):
        return _CURRENCY[m.group("cur")]
    return None


def _noun_after(tail: str) -> tuple[str, str | None]:
    """The counted noun phrase right after a figure ("American women hostages")."""
    tail = re.sub(r"^\s(?:or so|or more|-odd)\b", "", tail, flags=re.IGNORECASE)
    tail = re.sub(r"^\sof\s", " ", tail)  # "hundreds of doctors"
    words: list[str] = []
    for tok in _TOKEN.findall(tail[:80]):
        low = tok.lower()
        if not tok[0].isalnum() or low in _NOUN_STOP or len(words) >= 4:
            break
        # A participle or verb ends the noun phrase: "hostages held by …",
        # "people taken captive", "9,200 according to …".
        if _VERBISH.fullmatch(low):
            break
        words.append(tok)
    return " ".join(words), (words[-1].lower() if words else None)


def _concept(
    sentence: str, m: re.Match[str], head: str | None, options: NumberOptions, noun: str = ""
) -> tuple[str, str | None]:
    """(concept, qualifier): what the figure counts, as a grouping key."""
    if head in _CONCEPT_OF:
        return _CONCEPT_OF[head], None
    tokens_before = [t.lower() for t in _TOKEN.findall(sentence[: m.start()])][-options.window :]
    tokens_after = [t.lower() for t in _TOKEN.findall(sentence[m.end() :])][: options.window]
    # The nearest concept word on either side, after first.
    best: tuple[int, str] | None = None
    for dist, tok in enumerate(tokens_after):
        if tok in _CONCEPT_OF:
            best = (dist, _CONCEPT_OF[tok])
            break
    for dist, tok in enumerate(reversed(tokens_before)):
        if tok in _CONCEPT_OF and (best is None or dist < best[0]):
            best = (dist, _CONCEPT_OF[tok])
            break
    qualifier = head if head in _SUBGROUPS else None
    if best is not None:
        return best[1], qualifier
    if head is not None:
        # Not a known concept: what the noun phrase names, modifiers included
        # ("tank wagons" are not "wagons"): its last two words.
        words = [w.lower() for w in noun.split()][-2:]
        return " ".join([*words[:-1], _singular(words[-1])]), None
    return _UNKNOWN, None


_UNKNOWN = "figure"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _place(sentence: str, m: re.Match[str]) -> str | None:
    """Where the figure applies: "in Gaza", "in the occupied West Bank", "Gaza’s"."""
    poss = _POSSESSIVE_PLACE.search(
        sentence[max(0, m.start() - 30) : m.start()].replace("more than ", "")
    )
    if poss is not None:
        return poss.group(1)
    after = list(_PLACE.finditer(sentence, m.end()))
    before = list(_PLACE.finditer(sentence[: m.start()]))
    # After the figure first ("killed in Gaza"), then before it ("In Tromsø,
    # 9 people were killed"; "the death toll in Bodø rose to 25").
    for found in [*after, *reversed(before)]:
        place = re.sub(r"^(?:the\s+)?(?:occupied\s+)?", "", found.group(1))
        if not _TIME_WORD.match(place.lower()):  # "on Friday" is a time
            return place
    return None


_TIME_WORD = re.compile(
    rf"(?:{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)


_DAY = (
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS})|"
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
    concept: str, qualifier: str | None, head: str | None, place: str | None, unit: str | None
) -> str:
    if concept in _CONCEPTS:
        who = qualifier or ("people" if concept != "hostages" else "")
        label = {
            "hostages": "hostages",
            "killed": f"{who} killed",
            "injured": f"{who} injured",
            "displaced": f"{who} displaced",
            "arrested": f"{who} detained",
            "votes": "votes",
        }[concept].strip()
    else:
        label = head or concept
    if unit == "%":
        label = f"{label} (percent)"
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
    by_key: dict[tuple[str, str | None, str | None], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[(m.concept, m.qualifier, m.unit)].append(m)
    groups: list[list[Mention]] = []
    for members in by_key.values():
        # Places split a concept only when both sides name one.
        places = {m.place for m in members if m.place}
        by_place: dict[str | None, list[Mention]] = defaultdict(list)
        for m in members:
            by_place[m.place if len(places) > 1 else None].append(m)
        unplaced = by_place.pop(None, []) if len(places) > 1 else []
        for m in unplaced:
            # An unplaced figure joins the placed group closest in value.
            target = min(by_place, key=lambda p: min(abs(x.value - m.value) for x in by_place[p]))
            by_place[target].append(m)
        for part in by_place.values():
            # A figure "as of Friday" and one "as of Saturday" are two
            # counts of a moving total, not a disagreement.
            by_time: dict[str | None, list[Mention]] = defaultdict(list)
            stated = {m.as_of for m in part if m.as_of}
            for m in part:
                by_time[m.as_of if len(stated) > 1 else None].append(m)
            for timed in by_time.values():
                groups.extend(_split_by_magnitude(timed, options))
    return groups


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
    a_low = a.low if a.low is not None else float("-inf")
    a_high = a.high if a.high is not None else float("inf")
    b_low = b.low if b.low is not None else float("-inf")
    b_high = b.high if b.high is not None else float("inf")
    return a_low <= b_high and b_low <= a_high


def _group_label(group: list[Mention]) -> str:
    labels = [m.what for m in group]
    return max(set(labels), key=lambda x: (labels.count(x), len(x)))
