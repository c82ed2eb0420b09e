"""The story's timeline: dated events, relative dates resolved, merged across outlets.

Stage: story analysis. Needs a story's articles (text and publication date);
adds the report's ``timeline`` section.

Dates in the text are read with rules (cheap, and dateparser would misread
"on Friday" without knowing the tense):

* absolute dates ("Oct. 20", "3 Nov 2023", "November 1") take the year of the
  article's date unless that would put them well in its future;
* weekdays ("Friday", "on Wednesday night", "last Tuesday") and "yesterday" /
  "today" / "tomorrow" resolve against the article's publication date: the
  most recent such day for past-tense reporting, the next one when the
  sentence speaks of the future ("will", "is due to");
* an article without a trustworthy date gets one inferred from its text and
  the story (:func:`infer_date`): what it reports as done happened on or
  before its date, what it announces comes after, and a weekday it gives for
  an event that a dated article dates ("derailed on Tuesday" against "the
  train derailed on March 10") pins that weekday, so the article was written
  within the six days after it. The story's publication date that fits those
  bounds best stands in; with no clue in the text, the story's latest date.
  Its weekdays resolve to the nearest such day around that date (a report
  written the day after still says "on Friday").

A calendar date used as a name ("the Jan. 6 riot", "the October 7 attacks")
dates what the phrase names, and the entry shows that phrase, not the rest of
the sentence, which usually reports something later.

Events on one date from several articles are one entry citing them all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsprism.analysis.overlap import content_words, story_sentences
from newsprism.analysis.quantities import is_noun_word
from newsprism.analysis.quotes import quotation_spans
from newsprism.models import Article
from newsprism.text.sentences import split_sentences

_MONTH_NUMBERS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    rf"|(?P<last>last\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})"
    rf"|(?P<rel>yesterday|today|tomorrow))\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|is due to|are due to|is expected to|are expected to|plans? to|next|"
    r"is scheduled to|are scheduled to|is set to|are set to|expects? to|hopes? to|aims? to|"
    r"intends? to|going to)\b",
    re.IGNORECASE,
)
# What marks a sentence as announcing what comes after the article, for
# inferring its date: stricter than _FUTURE ("would" is often reported
# speech about the past), and not when a past reporting verb carries the date
# ("said on March 2 it will close the bridge").
_ANNOUNCES = re.compile(
    r"\b(?:will|(?:is|are) (?:due|expected|scheduled|set) to|plans? to)\b", re.IGNORECASE
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|added|confirmed|revealed|reported)\b", re.IGNORECASE
)
_GENERIC_DAY = re.compile(r"\b(?:a|an|every|each|any|one|some|on\s+a)\s+$", re.IGNORECASE)
# A date later than its article by more than this is read as last year's
# ("Dec. 28" in a January article).
_FUTURE_SLACK = timedelta(days=60)
# Words of an event description; longer sentences are cut at a clause.
MAX_WORDS = 30


@dataclass(frozen=True, slots=True)
class DatedEvent:
    day: date
    article: str
    text: str
    # Words of the clause that holds the date: few when the date is what the
    # sentence is about ("a deadly attack on October 7"), many when it only
    # mentions it on the way ("Netanyahu rejected a truce until Hamas releases
    # the people taken captive on October 7").
    focus: int = 0


# A weekday in an undated article names the day of a dated article's event
# when the two sentences share this share of the shorter one's content words
# (and at least two words): the same event told twice.
_SAME_EVENT = 0.4


def timeline_section(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The report's ``timeline`` section for one story's original articles."""
    known = sorted({a.published for a in articles if a.published is not None})
    undated = {a.id for a in articles if a.published is None}
    events: list[DatedEvent] = []
    for a in articles:
        if a.published is not None:
            events.extend(article_events(a, None))
    dated_events = list(events)
    for a in articles:
        if a.published is None:
            events.extend(article_events(a, infer_date(a, known, dated_events)))
    by_day: dict[date, list[DatedEvent]] = defaultdict(list)
    for e in events:
        by_day[e.day].append(e)
    out = []
    for day in sorted(by_day):
        group = by_day[day]
        ids = list(dict.fromkeys(e.article for e in group))
        # The sentence most about that day: the date in the shortest clause
        # (of at least a few words), then the shortest text; ties go to the
        # earliest article.
        what = min(group, key=lambda e: (e.focus < _MIN_FOCUS, e.focus, len(e.text))).text
        guessed = [i for i in ids if i in undated]
        entry: dict[str, Any] = {"date": day.isoformat(), "what": what, "articles": ids}
        if guessed:
            # Dated from the story, not from these articles' own dates: say so.
            entry["dated_by_story_for"] = guessed
        out.append(entry)
    return out


def article_events(article: Article, anchor: date | None) -> list[DatedEvent]:
    """Dated events of one article; ``anchor`` stands in for a missing date."""
    reference = article.published or anchor
    if reference is None:
        return []
    inferred = article.published is None
    out = []
    for told in story_sentences([article]):
        sentence = told.text
        seen: set[date] = set()
        for m in _DATE.finditer(sentence):
            if m.group("rel") and told.quoted > _QUOTED_SENTENCE:
                # "Tomorrow we start on the next fight," she said: the day
                # after she spoke, which need not follow the publication.
                continue
            day = _resolve(m, sentence, reference, inferred)
            if day is not None and day not in seen:
                seen.add(day)
                named = _named_by_date(sentence, m)
                if named is not None:
                    # "... for blocking two Republicans from the committee
                    # investigating the Jan. 6 insurrection": that day's event
                    # is the insurrection, not what the sentence reports.
                    out.append(DatedEvent(day, article.id, named, len(named.split())))
                    continue
                out.append(
                    DatedEvent(
                        day,
                        article.id,
                        _describe(sentence, m.start()),
                        _date_clause_words(sentence, m.start(), m.end()),
                    )
                )
    return out


_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an|its|his|her|their|this|that)\s+$", re.I)
# "of", up to three determiners or numbers, then the noun: "of more than 200 hostages".
_OF_NOUN = re.compile(
    r"\s+of\s+(?:(?:the|a|an|its|their|\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozens|hundreds|thousands|more|than)\s+){0,3}([\w’'-]+)",
    re.I,
)
_LOWER_WORD = re.compile(r"\s+([a-z][\w-]*)")
_NAME_WORDS = re.compile(r"(?:\s+(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'-]*|of|on|for|and))*")


def _named_by_date(sentence: str, m: re.Match[str]) -> str | None:
    """The noun phrase a calendar date names, when the date is used as a
    modifier ("the Jan. 6 insurrection", "the October 7 attacks", "the
    January 6 Select Committee"), else None.

    Such a date is the day of what the phrase names, and the rest of the
    sentence is usually about something later: read on AllSides dev (a
    letter sent on a Friday in July was shown under 6 January) and in the
    seeds ("since the October 7 attack").
    """
    if m.group("wd") or m.group("rel"):
        return None  # "the Friday meeting" reads as the weekday's own event
    before = _DETERMINER_BEFORE.search(sentence[: m.start()])
    after = re.match(r"\s+([A-Z](?:\.[A-Z])+\.?|[A-Za-z][\w-]*)", sentence[m.end() :])
    if before is None or after is None:
        return None
    word = after.group(1)
    if word[:1].islower() and not is_noun_word(word):
        return None
    if word[:1].isupper() and word.lower() in _MONTH_NUMBERS:
        return None
    end = m.end() + after.end()
    if word[:1].isupper():
        # A name runs on: "the January 6 Select Committee", "the Jan. 6 U.S.
        # Capitol riot".
        tail = _NAME_WORDS.match(sentence, end)
        if tail is not None:
            end = tail.end()
            while sentence[:end].rsplit(None, 1)[-1] in ("of", "on", "for", "and"):
                end = len(sentence[:end].rsplit(None, 1)[0])
    # A compound runs on: "the Jan. 6 select committee" (two more words at most).
    for _ in range(2 if word[:1].islower() else 1):
        more = _LOWER_WORD.match(sentence, end)
        if more is None or not is_noun_word(more.group(1)) or more.group(1) in _VERBS:
            break
        end = more.end()
    of = _OF_NOUN.match(sentence, end)
    if word[:1].islower() and of is not None and is_noun_word(of.group(1)):
        end = of.end()  # "the Oct. 20 release of two hostages"
    start = m.start() - (len(before.group(0)) - (1 if before.group(0)[:1].isspace() else 0))
    return sentence[start:end].strip()


def infer_date(article: Article, known: Sequence[date], dated: Sequence[DatedEvent]) -> date | None:
    """A stand-in publication date for an undated article (see the module doc).

    ``known`` are the story's publication dates, ``dated`` the events its
    dated articles give. Returns None when the story has no date at all.
    """
    if not known:
        return None
    anchor = max(known)
    events = [(e, content_words(e.text)) for e in dated]
    low: date | None = None  # the article was written on or after this day
    high: date | None = None  # ... and on or before this one
    for para in article.text.split("\n"):
        for sentence in split_sentences(para.strip()):
            future = bool(_ANNOUNCES.search(sentence)) and not _REPORTED.search(sentence)
            for m in _DATE.finditer(sentence):
                if m.group("wd") or m.group("rel"):
                    day = _event_day(m, sentence, events)
                    if day is None:
                        continue
                    if m.group("rel"):
                        offset = {"yesterday": 1, "today": 0, "tomorrow": -1}[
                            m.group("rel").lower()
                        ]
                        low = _later(low, day + timedelta(days=offset))
                        high = _earlier(high, day + timedelta(days=offset))
                    elif future:
                        high = _earlier(high, day - timedelta(days=1))
                    else:
                        low = _later(low, day)
                        high = _earlier(high, day + timedelta(days=6))
                    continue
                day = _resolve(m, sentence, anchor, False)
                if day is None:
                    continue
                if future or (day > anchor and _limit_ahead(sentence, m.start())):
                    # "will extend the pause until January 31, 2022": a limit
                    # after the story's dates bounds the writing day from
                    # above, not below ("data through April 9 shows" does not).
                    high = _earlier(high, day - timedelta(days=1))
                else:
                    low = _later(low, day)
    if low is None and high is None:
        return anchor
    if low is not None and high is not None and low > high:
        return anchor  # the clues disagree: keep to the story
    fitting = [d for d in known if (low is None or d >= low) and (high is None or d <= high)]
    if fitting:
        # The earliest fitting date: news is written soon after the events.
        return fitting[0] if low is not None else fitting[-1]
    return low if low is not None else high


def _event_day(
    m: re.Match[str], sentence: str, dated: Sequence[tuple[DatedEvent, frozenset[str]]]
) -> date | None:
    """The day a dated article gives the event this weekday sentence tells, if any."""
    if m.group("wd") and (m.group("last") or not m.group("wd")[0].isupper()):
        return None
    target = _WEEKDAYS.index(m.group("wd").lower()) if m.group("wd") else None
    words = content_words(sentence)
    best: tuple[float, date] | None = None
    for e, other in dated:
        if target is not None and e.day.weekday() != target:
            continue
        shared = len(words & other)
        if shared < 2 or not words or not other:
            continue
        score = shared / min(len(words), len(other))
        if score >= _SAME_EVENT and (best is None or score > best[0]):
            best = (score, e.day)
    return None if best is None else best[1]


def _later(a: date | None, b: date) -> date:
    return b if a is None or b > a else a


def _earlier(a: date | None, b: date) -> date:
    return b if a is None or b < a else a


def _resolve(m: re.Match[str], sentence: str, ref: date, inferred: bool) -> date | None:
    try:
        if m.group("iso"):
            return date.fromisoformat(m.group("iso"))
        month = m.group("m1") or m.group("m2")
        if month:
            # "May 5" yes; "may" the verb has no day after it, so no match.
            day = int(m.group("d1") or m.group("d2"))
            year_text = m.group("y1") or m.group("y2")
            number = _MONTH_NUMBERS[month.lower()]
            if year_text:
                return date(int(year_text), number, day)
            found = date(ref.year, number, day)
            if found - ref > _FUTURE_SLACK:
                found = date(ref.year - 1, number, day)
            elif ref - found > _FUTURE_SLACK and _limit_ahead(sentence, m.start()):
                # "extending the pause through Jan. 31" written in August: a
                # limit told in the present or future lies ahead, next year.
                found = date(ref.year + 1, number, day)
            return found
    except ValueError:
        return None  # "Feb. 30": not a date
    if m.group("rel"):
        rel = m.group("rel").lower()
        if rel == "today" and _NOWADAYS.match(sentence, m.end()):
            return None  # "cars today are controlled by chips": these days, no date
        return ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[rel])
    if m.group("wd"):
        if not m.group("wd")[0].isupper():
            return None  # a weekday is capitalised; a lower-case match is no date
        if _GENERIC_DAY.search(sentence[: m.start()]):
            return None  # "on a Saturday morning", "every Friday": no one day
        target = _WEEKDAYS.index(m.group("wd").lower())
        back = (ref.weekday() - target) % 7  # days since the last such day (0: today)
        forward = (target - ref.weekday()) % 7
        if m.group("last"):
            return ref - timedelta(days=back or 7)
        tense = weekday_tense(sentence, m.start())
        if tense == "unclear":
            return None  # precision first: a weekday whose tense is unclear is left out
        if inferred:
            # The article's own date is a guess, right to a day or so: a
            # tense moves the day only within a day of it, else the nearest.
            if tense == "past" and (back <= 5 or forward > 1):
                return ref - timedelta(days=back)
            if tense == "future" and (forward <= 5 or back > 1):
                return ref + timedelta(days=forward)
            return ref - timedelta(days=back) if back <= forward else ref + timedelta(days=forward)
        if tense is None:
            tense = "future" if _FUTURE.search(_outside_quotations(sentence)) else "past"
        if tense == "future":
            return ref + timedelta(days=forward)
        return ref - timedelta(days=back)
    return None


# Tense words, read backwards from a weekday to the verb that governs it:
# "Kirby said Monday" (past) although the quotation before it says "would";
# "will get a library after a vote on Monday night" (past: "after" opens a
# clause of its own); "would begin lifting the derailed wagons on Friday"
# (future: "the derailed" is an adjective).
_FUTURE_WORDS = frozenset("will would shall won't wouldn't ’ll 'll next".split())
_TO_FUTURE = frozenset(
    "due expected expect expects scheduled going plans plan planned hopes hope aims intends".split()
)
_PAST_WORDS = frozenset(
    """said told was were had did met went came began took gave made held spoke saw won lost
    got ran rang wrote sent left fell hit shot led struck broke sat stood""".split()
)
_PRESENT_WORDS = frozenset("has have is are remains remain stays stay".split())
_VERBS = _FUTURE_WORDS | _PAST_WORDS | _PRESENT_WORDS
# Words that open a clause of its own: a tense before them governs another verb.
_CLAUSE_OPENERS = frozenset(
    "after since because when while that which who whom where although though as if".split()
)
_ADJECTIVE_AFTER = frozenset("the a an its their his her this these those".split())
_UNTIL = re.compile(r"\b(?:until|till|before)\s+(?:at\s+least\s+|at\s+the\s+earliest\s+)?$")
# "today" followed by a present state, not an act of the day ("is voting",
# "is expected to"): the present in general (AllSides dev: "Midprice
# automobiles today are controlled by 100 or more silicon chips").
_NOWADAYS = re.compile(
    r"\s+(?:is|are|remains?|has|have)\s+(?!\w+ing\b|expected\b|set\b|due\b|scheduled\b|to\b)",
    re.IGNORECASE,
)
_LIMIT = re.compile(r"\b(?:until|till|through|thru)\s+(?:at\s+least\s+)?$", re.IGNORECASE)
_SOON = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$|\bno\s+later\s+than\s+$")
_SCAN_WORD = re.compile(r"[\w’'-]+|[,;:()—–]")


def weekday_tense(sentence: str, at: int) -> str | None:
    """'past' or 'future' for the weekday at ``at`` in ``sentence``, None when no verb tells.

    Inside a quotation only the quotation's words count, outside it only the
    words outside quotations.
    """
    inside = [(a, b) for a, b in quotation_spans(sentence) if a <= at < b]
    if inside:
        start = inside[0][0]
        before = sentence[start:at]
    else:
        before = _outside_quotations(sentence[:at])
    if _SOON.search(before):
        # "could qualify as soon as Thursday": the earliest day ahead, unless
        # the sentence tells of the past ("began as early as Monday").
        return "past" if _told_as_past(before) else "future"
    if _UNTIL.search(before):
        # "replaced by buses until at least Saturday": the limit is ahead
        # unless the sentence tells of the past ("was closed until Monday").
        return "past" if _told_as_past(before) else "future"
    words = _SCAN_WORD.findall(before)
    for i in range(len(words) - 1, -1, -1):
        w = words[i].lower()
        if w == "since":
            return "past"
        if w in ("after", "that", "which", "who") or (
            _DATE.fullmatch(words[i]) is not None and i < len(words) - 1
        ):
            # "will get a library after a vote on Monday", "will lift the
            # wagons that left the track on Tuesday on Saturday": the verb
            # before belongs to another event; when the sentence holds both
            # tenses, which one this day takes is unclear.
            return "unclear" if _both_tenses(_outside_quotations(sentence)) else None
        if w in ",;:()—–" or w in _CLAUSE_OPENERS:
            return None
        if w in _FUTURE_WORDS or (w == "to" and i > 0 and words[i - 1].lower() in _TO_FUTURE):
            return "future"
        if w in _PAST_WORDS or w in _PRESENT_WORDS:
            return "past"
        if (
            w.endswith("ed")
            and len(w) > 4
            and not (i > 0 and words[i - 1].lower() in _ADJECTIVE_AFTER)
        ):
            return "past"
    return None


def _limit_ahead(sentence: str, at: int) -> bool:
    """The date at ``at`` ends a span ("until", "through") told as not yet past."""
    before = _outside_quotations(sentence[:at])
    if not _LIMIT.search(before):
        return False
    return not _told_as_past(before, _ENDED)


_PAST_AUXILIARIES = frozenset({"was", "were", "had"})
_ENDED = frozenset({"ended", "lasted", "expired"})


def _told_as_past(text: str, more: frozenset[str] = frozenset()) -> bool:
    """The words before a date tell of the past ("was closed until Monday")."""
    return bool((_PAST_AUXILIARIES | more) & set(text.lower().split()))


def _both_tenses(text: str) -> bool:
    """The text speaks of the future and of the past (or the present perfect)."""
    low = set(_SCAN_WORD.findall(text.lower()))
    future = bool(_FUTURE.search(text))
    past = bool(low & (_PAST_WORDS | {"has", "have"})) or any(
        w.endswith("ed") and len(w) > 4 for w in low
    )
    return future and past


def _outside_quotations(text: str) -> str:
    """``text`` with its quotations blanked out (same length)."""
    for a, b in quotation_spans(text):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# A clause of fewer words than this around a date says too little to stand
# for the day ("Kirby said Monday").
_MIN_FOCUS = 4
_CLAUSE_EDGE = re.compile(
    r"[,;:()—–]|\s(?:that|which|who|whom|where|after|until|while|because|as|when|since)\s"
)


def _date_clause_words(sentence: str, start: int, end: int) -> int:
    """Words, besides the date's, of the clause of ``sentence`` that holds it."""
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence[:start])), default=0)
    right_edge = _CLAUSE_EDGE.search(sentence, end)
    right = right_edge.start() if right_edge is not None else len(sentence)
    words = len(sentence[left:start].split()) + len(sentence[end:right].split())
    if _REPORTED.search(sentence[left:right]):
        # "Biden revealed on Wednesday that …": the day of a statement, not
        # of the event the sentence is about.
        words += _SAID_PENALTY
    return words


_SAID_PENALTY = 100
# A sentence with more than this share of its characters inside a quotation
# speaks from the speaker's day ("Tomorrow we start …," she said).
_QUOTED_SENTENCE = 0.5


def _describe(sentence: str, at: int) -> str:
    """The sentence that holds the date; a long one cut to a window around the date."""
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return sentence
    before = len(sentence[:at].split())
    # The opening words when they hold the date (its subject and verb read
    # best), else a window that ends a few words after it.
    first = 0 if before < MAX_WORDS - 5 else min(before - MAX_WORDS + 6, len(words) - MAX_WORDS)
    text = " ".join(words[first : first + MAX_WORDS]).rstrip(",;:")
    return ("… " if first else "") + text + (" …" if first + MAX_WORDS < len(words) else "")
