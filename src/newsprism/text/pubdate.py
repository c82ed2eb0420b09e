"""The publication date of an article, read from its scraped plain text.

:func:`published_from_text` takes the whole raw page text (every visible text
node: menus, widgets, related links and comments included) and returns the
day the article was published, or ``None`` when the page does not say it
clearly enough. A wrong date on a story page is worse than none, so it
abstains rather than guesses.

How: every full date written on the page (day, month and year, in the numeric,
English and a dozen other languages' forms, with a time and a time zone when
one is written next to it) is a candidate. Each candidate gets a few features
of where and how it is written (a "Published"/"Posted" or "Updated" cue
before it, a byline, its line's length and position relative to the page's
prose, a time and zone, whether other dates sit around it in a list...), a
logistic model scores them (weights fitted on half the scraped benchmark, see
:mod:`newsprism.text.pubdate_weights`), and the best candidate wins when its score
clears a threshold chosen on the same half.

A written time with a time zone is converted to the UTC day, as ISO 8601
meta tags (which htmldate reads on the HTML path) state it, so the two paths
give the same day for the same page; a time without a zone keeps the written
day.

Pure: no global mutable state; the regexes and tables are built at import.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import final

from newsprism.text.meta import date_from_url
from newsprism.text.pubdate_weights import INTERCEPT, THRESHOLD, WEIGHTS

__all__ = [
    "FEATURE_NAMES",
    "DateCandidate",
    "candidate_score",
    "date_candidates",
    "published_from_text",
]

# ---------------------------------------------------------------- month names

# Month names and their usual abbreviations, in the languages of the pages
# this is used on (English first; Romance, Germanic, Indonesian, Russian).
# An abbreviation may be followed by a dot. Only read between a day and a
# year, so short words that are also ordinary words ("set", "out", "mar")
# are not mistaken for months in running text.
_MONTH_WORDS: dict[int, str] = {
    1: "january jan janeiro enero gennaio gen janvier janv januar jänner januari "
    "januarie янв января январь",
    2: "february feb fevereiro fev febrero febbraio février fevrier févr fevr februar "
    "februari фев февраля февраль",
    3: "march mar março marco marzo mars märz maerz mär mrz maart mrt maret марта март",
    4: "april apr abril abr aprile avril avr апреля апрель",
    5: "may maio mayo maggio mag mai mei мая май",
    6: "june jun junho junio giugno giu juin juni июня июнь",
    7: "july jul julho julio luglio lug juillet juil juli июля июль",
    8: "august aug agosto ago août aout augustus agustus agu agt авг августа август",
    9: "september sep sept setembro set septiembre setiembre settembre septembre "
    "сен сентября сентябрь",
    10: "october oct outubro out octubre ottobre ott octobre oktober okt окт октября октябрь",
    11: "november nov novembro noviembre novembre ноя ноября ноябрь",
    12: "december dec dezembro dez diciembre dic dicembre décembre decembre déc dezember "
    "desember des дек декабря декабрь",
}
_MONTHS: dict[str, int] = {w: m for m, words in _MONTH_WORDS.items() for w in words.split()}
# Longest first, so "september" is not read as "sep" + "tember".
_MONTH_ALT = "|".join(sorted((re.escape(w) for w in _MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<{{g}}>{_MONTH_ALT})(?![^\W\d_])\.?"
# A four-digit year. Not followed by \b on purpose: scraped widgets glue a
# date to what follows ("3 Nov 20233 Nov 2023", "Nov 20 20194:29 AM").
_YEAR4 = r"(?P<{g}>(?:19|20)\d\d)"

# Each form is matched where a cheap scan says it can be (see _mentions):
# the full patterns tried at every position of a page cost milliseconds.
# 2019-11-18, 2019/11/18, 2016.12.01 (year first is always year-month-day)
_ISO = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
)
# 2016年08月03日, 2018년 8월 25일
_CJK = re.compile(r"(?P<y>(?:19|20)\d\d) ?[年년] ?(?P<m>[01]?\d) ?[月월] ?(?P<d>[0-3]?\d) ?[日일]")
# 3 November 2019, 3rd of Nov. 2019, 22 de outubro de 2010, 3. November 2019
_DMY = re.compile(
    r"(?<![\d.,])(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.|º)?\s*(?:of\s+|de\s+)?"
    + _MONTH.format(g="m")
    + r",?\s*(?:de\s+)?"
    + _YEAR4.format(g="y"),
    re.IGNORECASE,
)
# November 3, 2019, Nov. 3rd 2019, Maret 30, 2015
_MDY_REST = r"\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d),?\s*" + _YEAR4.format(g="y")
_MDY = re.compile(_MONTH.format(g="m") + _MDY_REST, re.IGNORECASE)
# _MDY after its month name. At a letter run whose lower-case text is a month
# word, _MDY's month matches that whole run (its words are letters and must
# not be followed by one) or nothing: _MDY there is this pattern at the run's
# end. Trying each of the 150 month words cost 20,000 instructions a run
# (compiled, callgrind). A property test in tests/test_pubdate.py.
_AFTER_MONTH = re.compile(r"\.?" + _MDY_REST, re.IGNORECASE)
# Numeric day and month in either order: 11/19/2019, 19.11.2019, 11/19/19,
# 21-06-2014. Two-digit years only with "/" or "." (a "-" run of three small
# numbers is more often a score or a code). Not inside a longer run of
# numbers and dots (a version, an address).
_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<a>\d\d?)(?P<sep>[/.-])(?P<b>\d\d?)(?P=sep)"
    r"(?P<y>(?:19|20)\d\d|\d\d)(?!\d|[./-]\d)"
)
# The cheap scans: a four-digit year (every form but the numeric one with a
# two-digit year), and the "/mm/yy" tail of a numeric date.
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_NUMERIC_HINT = re.compile(r"[/.-]\d\d?[/.-]\d\d")
_TOKEN = re.compile(r"[^\W\d_]+")
# How far before its year a written date can start ("Wednesday, 28th of
# September 2023" has its day 18 characters before the year).
_BACK = 32
_DAY_BACK = 16

# ---------------------------------------------------------------- times and zones

_ZONE_HOURS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "WAT": 1,
    "EET": 2, "EEST": 3, "SAST": 2, "MSK": 3, "IST": 5.5, "WIB": 7, "ICT": 7,
    "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "AST": -4, "NST": -3.5,
}  # fmt: skip
# US zones written without saying standard or daylight time ("8:03 am ET").
_US_GENERIC: dict[str, float] = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}
# Zones are matched as written (upper case): "et" or "est" in running text
# is a word, not a zone.
_ZONE = (
    r"(?P<zone>(?:UTC|GMT) ?[+-] ?\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|"
    + "|".join(sorted([*_ZONE_HOURS, *_US_GENERIC], key=len, reverse=True))
    + r")(?![A-Za-z])"
)
_AMPM = r"(?P<ampm>[AaPp]\.? ?[Mm]\.?(?![A-Za-z]))"
# A time right after a date: "Nov 19, 2019, 10:31 pm CST", "2019-11-18T20:51:19Z",
# "18 Nov 2019 18.54 GMT", "November 19, 2019 at 4:02 pm", "20194:29 AM EST".
_TIME_AFTER = re.compile(
    r"[ \t\u00a0,|/@T\u2013\u2014-]{0,4}(?:(?:at|às|as|um|à|a las|alle|kl\.?) )?"
    r"(?P<h>[0-2]?\d)(?P<tsep>[:.h])(?P<m>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)? ?"
    + _AMPM
    + r"? ?\(?(?:"
    + _ZONE
    + ")?"
)
# A time right before a date: "5:45 AM PST 11/19/2019", "1:39 am EST, Wednesday,
# November 20, 2019", "12:03 GMT, Nov 20, 2019", "21:17 18.11.2019".
_TIME_BEFORE = re.compile(
    r"(?<!\d)(?P<h>[0-2]?\d):(?P<m>[0-5]\d) ?"
    + _AMPM
    + r"? ?(?:"
    + _ZONE
    + r")?[ \t,|\u00b7-]*(?:[^\W\d_]+\.?,? )?\Z"
)


# The internal records below are plain classes, read-only by use: compiled,
# mypyc builds a frozen dataclass through its Python __init__ (about 10,000
# instructions, callgrind) and a plain class natively (about a hundred).
@final
class _Time:
    def __init__(self, hour: int, minute: int, offset: float | None) -> None:
        self.hour = hour
        self.minute = minute
        self.offset = offset  # hours east of UTC; None without a zone


def _offset(zone: str | None, day: date) -> float | None:
    if not zone:
        return None
    if zone in _ZONE_HOURS:
        return _ZONE_HOURS[zone]
    if zone in _US_GENERIC:
        return _US_GENERIC[zone] + (1 if _us_daylight(day) else 0)
    m = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])\s?(\d{1,2}):?(\d\d)?", zone)
    if not m:
        return None  # an abbreviation this table does not know: keep the written day
    hours = int(m.group(2)) + int(m.group(3) or 0) / 60
    if hours > 14:
        return None
    return hours if m.group(1) == "+" else -hours


def _us_daylight(day: date) -> bool:
    """US daylight time: second Sunday of March to first Sunday of November."""
    march = date(day.year, 3, 8)
    start = march + timedelta(days=(6 - march.weekday()) % 7)
    nov = date(day.year, 11, 1)
    end = nov + timedelta(days=(6 - nov.weekday()) % 7)
    return start <= day < end


def _time(m: re.Match[str], day: date) -> _Time | None:
    hour, minute = int(m.group("h")), int(m.group("m"))
    ampm = m.group("ampm")
    zone = m.group("zone")
    sep = m.groupdict().get("tsep")
    # "18.54" or "9h30" is a time only when a zone or am/pm says so
    # ("2019. 12.50 million" is not).
    if sep in (".", "h") and not (ampm or zone):
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    if hour > 23:
        return None
    return _Time(hour, minute, _offset(zone, day))


# ---------------------------------------------------------------- candidates


@final
class _Mention:
    def __init__(
        self,
        written: date,
        start: int,
        end: int,
        time: _Time | None,
        numeric: bool,
        ambiguous: bool,
        two_digit_year: bool,
    ) -> None:
        self.written = written
        self.start = start
        self.end = end  # of the date and any time after it
        self.time = time
        self.numeric = numeric
        # Day and month could be read either way; order taken from the page.
        self.ambiguous = ambiguous
        self.two_digit_year = two_digit_year


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One full date written on a page, with what the model reads about it.

    ``value`` is the UTC day when a time and a zone are written with it,
    else the written day. ``features`` line up with :data:`FEATURE_NAMES`.
    """

    value: date
    start: int
    end: int
    line: int
    features: tuple[float, ...]


def _year2(y: str) -> int:
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if n < 70 else 1900 + n


_Span = tuple[int, int, date, bool, bool, bool]  # start, end, day, numeric, ambiguous, yy


def _mentions(text: str) -> list[_Mention]:
    spans = _written(text)
    numeric = _numeric(text)
    if numeric:
        spans.extend(_resolve_numeric(text, numeric))
        spans.sort()
    out: list[_Mention] = []
    end = -1
    for start, stop, d, num, ambiguous, yy in spans:
        if start < end:
            continue  # inside a date already read ("19-11-18" of "2019-11-18")
        t, end = _time_near(text, start, stop, d)
        out.append(_Mention(d, start, end, t, num, ambiguous, yy))
    return out


def _year_starts(text: str) -> list[int]:
    """Where a four-digit year may start: "19" or "20" and two more digits.

    Every start ``_YEAR_HINT.finditer`` gives, and also those inside one of
    its matches, which follow a digit and which _written skips as it skips
    every year after a digit: the years read are the same. The pattern opens
    with a choice, so compiled its search tried a match at every "1" and "2"
    of the page (49 instructions a character, callgrind), where a search for
    each two-digit literal skips along the text.
    """
    out: list[int] = []
    n = len(text)
    for lit in ("19", "20"):
        i = text.find(lit)
        while i >= 0:
            if i + 3 < n and text[i + 2].isdecimal() and text[i + 3].isdecimal():
                out.append(i)
            i = text.find(lit, i + 1)
    out.sort()
    return out


def _written(text: str) -> list[_Span]:
    """The dates with a four-digit year, found from the years."""
    out: list[_Span] = []
    last = 0
    for y in _year_starts(text):
        if y < last or (y and text[y - 1].isdigit()):
            continue
        m = _ISO.match(text, y) or _CJK.match(text, y)
        found = _parts(m) if m is not None else _named(text, max(last, y - _BACK), y)
        if found is None:
            continue
        start, end, year, month, day = found
        try:
            d = date(int(year), _month(month), int(day))
        except ValueError:  # 31 February and the like
            continue
        out.append((start, end, d, False, False, False))
        last = end
    return out


# A written date: start, end, and its year, month and day as written.
_Parts = tuple[int, int, str, str, str]


def _parts(m: re.Match[str]) -> _Parts:
    return m.start(), m.end(), m.group("y"), m.group("m"), m.group("d")


def _named(text: str, lo: int, y: int) -> _Parts | None:
    """A date with a month name whose year starts at ``y``."""
    for tok in _TOKEN.finditer(text, lo, y):
        month = tok.group()
        if month.lower() not in _MONTHS:
            continue
        rest = _AFTER_MONTH.match(text, tok.end())
        if rest is not None and rest.start("y") == y:
            return tok.start(), rest.end(), rest.group("y"), month, rest.group("d")
        m = _DMY.search(text, max(lo, tok.start() - _DAY_BACK), y + 4)
        if m is not None and m.start("y") == y:
            return _parts(m)
    return None


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _MONTHS[s.lower()]


def _numeric_hints(text: str) -> list[int]:
    """The starts ``_NUMERIC_HINT.finditer(text)`` gives.

    A match opens with a "/", "." or "-" and a digit: those characters are
    found with str.find (a memchr scan) and the pattern tried there, each
    search going on after the last match as finditer's does. Compiled, the
    pattern's own search tested every character against its first set (39
    instructions a character, callgrind); most pages have sentences' full
    stops and no numeric date.
    """
    found: list[int] = []
    n = len(text)
    for sep in "/.-":
        i = text.find(sep)
        while i >= 0:
            if i + 1 < n and text[i + 1].isdecimal():
                found.append(i)
            i = text.find(sep, i + 1)
    found.sort()
    out: list[int] = []
    pos = 0
    for i in found:
        if i < pos:
            continue
        h = _NUMERIC_HINT.match(text, i)
        if h is not None:
            out.append(i)
            pos = h.end()
    return out


def _numeric(text: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    last = 0
    for h_start in _numeric_hints(text):
        for back in (2, 1):
            start = h_start - back
            if start < last:
                continue
            m = _NUMERIC.match(text, start)
            if m is not None:
                out.append(m)
                last = m.end()
                break
    return out


def _resolve_numeric(text: str, found: Sequence[re.Match[str]]) -> list[_Span]:
    """Day and month order of the page's numeric dates.

    A part above 12 settles it for that date, and a page writes all its dates
    one way: a settled date settles the others with the same separator. When
    nothing on the page settles it, the page's language decides for "/"
    (month first in English, day first elsewhere) and for "." outside English
    (day first); an English page's unsettled dotted dates are dropped.
    """
    if not found:
        return []
    day_first: dict[str, set[bool]] = {}
    for m in found:
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            day_first.setdefault(m.group("sep"), set()).add(True)
        elif b > 12 >= a:
            day_first.setdefault(m.group("sep"), set()).add(False)
    english: bool | None = None
    out: list[_Span] = []
    for m in found:
        a, b, sep = int(m.group("a")), int(m.group("b")), m.group("sep")
        y = m.group("y")
        if len(y) == 2 and sep == "-":
            continue
        ambiguous = a <= 12 and b <= 12 and a != b
        if a > 12 or b > 12 or a == b:
            order = a > 12
        else:
            seen = day_first.get(sep, set())
            if len(seen) == 1:
                order = next(iter(seen))
            else:
                if english is None:
                    english = _is_english(text)
                if sep == "/":
                    order = not english
                elif not english:
                    order = True
                else:
                    continue
        day, month = (a, b) if order else (b, a)
        try:
            d = date(_year2(y), month, day)
        except ValueError:
            continue
        out.append((m.start(), m.end(), d, True, ambiguous, len(y) == 2))
    return out


_THE = re.compile(r"\b(?:the|and|of|to)\b")
# _THE without its first \b, which the search cannot skip along the text to:
# it opens with the words' first letters. The \b is tested on the character
# before each match (a word character is what str.isalnum says, or "_").
_THE_WORDS = re.compile(r"(?:the|and|of|to)\b")
_ENGLISH_MIN = 10
_ENGLISH_CHARS = 20000


def _is_english(text: str) -> bool:
    """``len(_THE.findall(text, 0, 20000)) >= 10``, stopping at the tenth.

    A match of _THE_WORDS after a word character is no match of _THE, and no
    match of _THE starts inside it (it would follow one of its letters).
    Compiled, the whole findall cost 750,000 instructions a page (callgrind).
    A property test in tests/test_pubdate.py.
    """
    n = 0
    for m in _THE_WORDS.finditer(text, 0, _ENGLISH_CHARS):
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
            continue
        n += 1
        if n >= _ENGLISH_MIN:
            return True
    return False


def _time_near(text: str, start: int, end: int, day: date) -> tuple[_Time | None, int]:
    m = _TIME_AFTER.match(text, end, min(len(text), end + 40))
    if m and text[end : m.start("h")].count("\n") == 0:
        t = _time(m, day)
        if t is not None:
            return t, m.end()
    line_start = text.rfind("\n", 0, start) + 1
    b = _TIME_BEFORE.search(text, max(line_start, start - 40), start)
    if b:
        t = _time(b, day)
        if t is not None:
            return t, end
    return None, end


def _utc_day(m: _Mention) -> date:
    t = m.time
    if t is None or t.offset is None:
        return m.written
    local = datetime(m.written.year, m.written.month, m.written.day, t.hour, t.minute)
    return (local - timedelta(hours=t.offset)).date()


# ---------------------------------------------------------------- features

# Cue words before a date on its line. A "published" cue closer to the date
# than an "updated" one marks the publication stamp; the reverse, a change.
_PUB_CUE = re.compile(
    r"published|posted|publicado|publicada|publié|publiziert|veröffentlicht|pubblicato|"
    r"diterbitkan|dipublikasikan|опубликовано|publish date|publication date|release date|"
    r"erschienen|datum",
    re.IGNORECASE,
)
_UPD_CUE = re.compile(
    r"updated|modified|edited|atualizado|actualizado|aggiornato|mis à jour|aktualisiert|"
    r"обновлено|revised|corrected|correction",
    re.IGNORECASE,
)
_BY_CUE = re.compile(r"(?:^|[^\w])(?:by|por|von|par|oleh|di|текст:?|autor:?)\s", re.IGNORECASE)
# Dates that are not the article's: a reference's or a comment's, a tweet's,
# a caption's, a copyright's.
_REF_CUE = re.compile(
    r"retrieved|accessed|air date|\(@|@\w|©|copyright|photo|file|said:|says:|wrote:|reply|"
    r"responder|antworten|répondre|ответить",
    re.IGNORECASE,
)
_DASH_END = re.compile(r"[-\u2013\u2014|\u00b7/]\s*\Z")
_WEATHER = re.compile(
    r"(?<![\w.])-?\d{1,3}(?:[.,]\d)?\s*(?:\u00b0|(?-i:[CF])\b)|\b(?:weather|forecast|sunny|cloudy|rain|snow|"
    r"humidity|wind)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_CONTEXT = 60
_PROSE_WORDS = 12
_PROSE_LOWER = 0.45
_NEAR_PROSE = 12
_TOP_LINES = 5
_CUE_LINE_CHARS = 40
# A line this long holds glued pieces of the page, not one paragraph.
_GLUED_CHARS = 300
_WIDGET_CHARS = 80

FEATURE_NAMES: tuple[str, ...] = (
    "cue_published",
    "cue_updated",
    "cue_byline",
    "dash_before",
    "cue_reference",
    "has_time",
    "has_zone",
    "line_only_date",
    "line_words",
    "lower_words_around",
    "before_prose",
    "just_above_prose",
    "after_prose",
    "in_prose_line",
    "top_lines",
    "first_candidate",
    "same_day_count",
    "latest_of_several",
    "earliest_of_several",
    "dated_neighbours",
    "numeric",
    "ambiguous_order",
    "bare_after_stamp",
)


@final
class _Page:
    """Line layout of a page: where lines start and where its prose runs."""

    def __init__(self, starts: list[int], first_prose: int, last_prose: int) -> None:
        self.starts = starts
        self.first_prose = first_prose
        self.last_prose = last_prose


def _page(text: str) -> _Page:
    # The line starts from str.find (a memchr scan), and only the lines
    # looked at cut out: splitting the page made every line a string.
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    n = len(starts)
    # Only the first and the last prose lines matter: look from each end.
    first = next((k for k in range(n) if _is_prose(_line_text(text, starts, k))), -1)
    last = -1
    if first >= 0:
        last = next(
            k for k in range(n - 1, first - 1, -1) if _is_prose(_line_text(text, starts, k))
        )
    return _Page(starts, first, last)


def _line_text(text: str, starts: list[int], k: int) -> str:
    end = starts[k + 1] - 1 if k + 1 < len(starts) else len(text)
    return text[starts[k] : end]


def _is_prose(line: str) -> bool:
    if line.count(" ") + 1 < _PROSE_WORDS:
        return False
    words = line.split()
    if len(words) < _PROSE_WORDS:
        return False
    # Counted until the share is reached or out of reach: the same answer,
    # fewer words looked at (a word from split() is never empty: w[0] is w[:1]).
    need = _PROSE_LOWER * len(words)
    lower = 0
    left = len(words)
    for w in words:
        left -= 1
        if w[0].islower():
            lower += 1
            if lower >= need:
                return True
        elif lower + left < need:
            return False
    return False


def _line_bounds(text: str, page: _Page, i: int) -> tuple[int, int]:
    start = page.starts[i]
    end = text.find("\n", start)
    return start, (len(text) if end < 0 else end)


def _lower_words(s: str) -> int:
    return sum(1 for w in _WORD.findall(s) if w[:1].islower())


@final
class _Local:
    """What a date's own line says about it (before page-wide comparisons)."""

    def __init__(
        self,
        published: bool,
        updated: bool,
        byline: bool,
        dash: bool,
        reference: bool,
        rest_words: int,
        lower_around: int,
        prose_line: bool,
    ) -> None:
        self.published = published
        self.updated = updated
        self.byline = byline
        self.dash = dash
        self.reference = reference
        self.rest_words = rest_words
        self.lower_around = lower_around
        self.prose_line = prose_line

    @property
    def aside(self) -> bool:
        """In running text or marked as a reference, comment or caption."""
        return self.prose_line or self.reference


def _local(text: str, page: _Page, m: _Mention, line: int) -> _Local:
    ls, le = _line_bounds(text, page, line)
    before = text[max(ls, m.start - _CONTEXT) : m.start]
    after = text[m.end : min(le, m.end + _CONTEXT)]
    whole = text[ls:le]
    pub = _last_cue(_PUB_CUE, _PUB_WORDS, before)
    upd = _last_cue(_UPD_CUE, _UPD_WORDS, before)
    if pub < 0 and upd < 0 and m.start - ls < 3 and line > 0:
        # A cue alone on the line above ("Published:" / date).
        ps, pe = _line_bounds(text, page, line - 1)
        if pe - ps < _CUE_LINE_CHARS:
            pub = _last_cue(_PUB_CUE, _PUB_WORDS, text[ps:pe])
            upd = _last_cue(_UPD_CUE, _UPD_WORDS, text[ps:pe])
    if pub > upd:
        # The stamp starts at its cue: what is before it belongs to something
        # else (scraped widgets glue a caption to "Published On ...").
        before = before[pub:]
        if len(whole) > _GLUED_CHARS:
            # A long glued line: the stamp is this date and its cue; the
            # body glued after it says nothing about the stamp.
            whole = before + text[m.start : m.end]
    rest = len(_WORD.findall(whole)) - len(_WORD.findall(text, m.start, m.end))
    return _Local(
        published=pub > upd,
        updated=upd > pub,
        byline=_may_hold(_BY_WORDS, before) and bool(_BY_CUE.search(before)),
        dash=_ends_with_dash(before),
        reference=_is_reference(before) or _is_reference(after),
        rest_words=max(rest, 0),
        lower_around=_lower_words(before) + _lower_words(after),
        prose_line=_is_prose(whole),
    )


# What each match of _WEATHER holds: a digit before a degree sign or a "C" or
# "F" (its temperature), or one of its words, which on an ASCII line are in
# its lower-case text (other lines are searched: case folding there maps
# more). _WEATHER opens with a look-behind, so compiled its search tried a
# match at every position (25,000 instructions a line, callgrind). A property
# test in tests/test_pubdate.py.
_TEMPERATURE_HINT = re.compile(r"\d\s*[\u00b0CF]")
_WEATHER_WORDS = ("weather", "forecast", "sunny", "cloudy", "rain", "snow", "humidity", "wind")


def _may_be_weather(line: str) -> bool:
    """Whether _WEATHER may find something in ``line`` (False only when it cannot)."""
    if not line.isascii():
        return True
    # An ASCII line has no degree sign: its temperature needs a "C" or an "F".
    if ("C" in line or "F" in line) and _TEMPERATURE_HINT.search(line):
        return True
    low = line.lower()
    return any(w in low for w in _WEATHER_WORDS)


def _weather_near(text: str, page: _Page, line: int) -> bool:
    n = len(page.starts)
    for j in range(max(0, line - 2), min(n, line + 3)):
        a, b = _line_bounds(text, page, j)
        if b - a < _WIDGET_CHARS and _may_be_weather(text[a:b]) and _WEATHER.search(text, a, b):
            return True
    return False


def date_candidates(text: str) -> list[DateCandidate]:
    """Every full date written in ``text`` with its model features, in order."""
    mentions = _mentions(text)
    if not mentions:
        return []
    page = _page(text)
    lines = [bisect.bisect_right(page.starts, m.start) - 1 for m in mentions]
    # A date next to weather or a temperature is a page-header widget's
    # render date (seen on local news sites and in the seeds; text/clean.py's
    # rule too), never the article's: not a candidate at all.
    keep = [k for k, line in enumerate(lines) if not _weather_near(text, page, line)]
    if not keep:
        return []
    mentions = [mentions[k] for k in keep]
    lines = [lines[k] for k in keep]
    values = [_utc_day(m) for m in mentions]
    locs = [_local(text, page, m, line) for m, line in zip(mentions, lines, strict=True)]
    counts: dict[date, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    lo, hi = min(values), max(values)
    dated_lines = sorted(set(lines))
    # The first date that is not in running text, a caption or a reference.
    first = next((k for k, loc in enumerate(locs) if not loc.aside), -1)
    # A bare date (no time, no publication cue) later than a stamped one
    # elsewhere on the page is more often a header widget's render date
    # than the article's.
    stamped = [
        v
        for v, m, loc in zip(values, mentions, locs, strict=True)
        if not loc.aside and (loc.published or m.time is not None)
    ]
    first_stamp = min(stamped) if stamped else None
    fp, lp = page.first_prose, page.last_prose
    out: list[DateCandidate] = []
    for k, (m, line, value, loc) in enumerate(zip(mentions, lines, values, locs, strict=True)):
        near = bisect.bisect_right(dated_lines, line + 3) - bisect.bisect_left(
            dated_lines, line - 3
        )
        bare = m.time is None and not loc.published
        feats = (
            1.0 if loc.published else 0.0,
            1.0 if loc.updated else 0.0,
            1.0 if loc.byline else 0.0,
            1.0 if loc.dash else 0.0,
            1.0 if loc.reference else 0.0,
            1.0 if m.time is not None else 0.0,
            1.0 if m.time is not None and m.time.offset is not None else 0.0,
            1.0 if loc.rest_words <= 1 else 0.0,
            min(loc.rest_words, 30) / 30,
            min(loc.lower_around, 12) / 12,
            1.0 if fp < 0 or line < fp else 0.0,
            1.0 if fp >= 0 and 0 < fp - line <= _NEAR_PROSE else 0.0,
            1.0 if lp >= 0 and line > lp else 0.0,
            1.0 if loc.prose_line else 0.0,
            1.0 if line < _TOP_LINES else 0.0,
            1.0 if k == first else 0.0,
            math.log(counts[value]) / 2,
            1.0 if value == hi and lo < hi else 0.0,
            1.0 if value == lo and lo < hi else 0.0,
            min(near - 1, 4) / 4,
            1.0 if m.numeric else 0.0,
            1.0 if m.ambiguous else 0.0,
            1.0 if bare and first_stamp is not None and value > first_stamp else 0.0,
        )
        out.append(DateCandidate(value, m.start, m.end, line, feats))
    return out


# The cue patterns are case-insensitive choices of words, and searched (or
# found last) at every position of the 60 characters around a date: compiled,
# a third of the date's instructions per synthetic page (callgrind). Each
# list holds a piece of every alternative of its pattern that is ASCII: on
# an ASCII text they match only those, and only where its lower-case text
# holds them (no ASCII character folds to a letter of the other
# alternatives). A property test in tests/test_pubdate.py.
_PUB_WORDS = (
    "publi", "posted", "pubblicato", "diterbitkan", "release date", "erschienen", "datum"
)  # fmt: skip
_UPD_WORDS = (
    "updated", "modified", "edited", "tualizado", "aggiornato", "aktualisiert", "revised",
    "correct",
)  # fmt: skip
_BY_WORDS = ("by", "por", "von", "par", "oleh", "di", "autor")
_REF_WORDS = (
    "retrieved", "accessed", "air date", "@", "copyright", "photo", "file", "said:", "says:",
    "wrote:", "reply", "responder", "antworten",
)  # fmt: skip
_DASHES = "-\u2013\u2014|\u00b7/"


def _may_hold(words: tuple[str, ...], s: str) -> bool:
    """Whether a pattern whose ASCII alternatives hold ``words`` may match ``s``.

    False only when it cannot: ``s`` is ASCII and its lower-case text holds
    none of them.
    """
    if not s.isascii():
        return True
    low = s.lower()
    return any(w in low for w in words)


def _last_cue(pattern: re.Pattern[str], words: tuple[str, ...], s: str) -> int:
    return _last_start(pattern, s) if _may_hold(words, s) else -1


def _is_reference(s: str) -> bool:
    return _may_hold(_REF_WORDS, s) and bool(_REF_CUE.search(s))


def _ends_with_dash(s: str) -> bool:
    """``_DASH_END.search(s)``: the last character but white space is a dash.

    (Its search tried a match at every position; \\s is what str.isspace
    says, as str.rstrip strips.)
    """
    t = s.rstrip()
    return bool(t) and t[-1] in _DASHES


def _last_start(pattern: re.Pattern[str], s: str) -> int:
    """Start of the last match of ``pattern`` in ``s``, or -1."""
    start = -1
    for m in pattern.finditer(s):
        start = m.start()
    return start


# ---------------------------------------------------------------- decision


def candidate_score(c: DateCandidate) -> float:
    """The model's probability that ``c`` is the publication date."""
    z = INTERCEPT + sum(w * x for w, x in zip(_WEIGHT_ROW, c.features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


# The weights in feature order, looked up once (the same products, summed in
# the same order).
_WEIGHT_ROW: tuple[float, ...] = tuple(WEIGHTS[name] for name in FEATURE_NAMES)


def published_from_text(text: str, *, url: str | None = None) -> date | None:
    """The article's publication day from its scraped page text, or ``None``.

    ``url``, when given and dated (``/2019/11/19/``), settles the day: the
    page's best candidate within a day of it (a time zone may move the day)
    is taken, else the URL's own date. CMSs write the URL's date when the
    article is first published, so it is never a render or an update date.
    """
    cands = date_candidates(text)
    url_day = date_from_url(url)
    scored = sorted(((candidate_score(c), -c.start, c.value) for c in cands), reverse=True)
    if url_day is not None:
        for _, _, v in scored:
            if abs((v - url_day).days) <= 1:
                return v
        return url_day
    if not scored or scored[0][0] < THRESHOLD:
        return None
    return scored[0][2]
