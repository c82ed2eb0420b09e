"""The headline of an article, read from its scraped plain text.

:func:`headline_from_text` takes the whole raw page text (every visible text
node: menus, widgets, related links and footers included; a scraper often
prints the page's ``<title>`` first) and returns the article's headline, or
``None`` when no line is convincing. A wrong headline on a story page is worse
than none, so it abstains rather than guesses.

Why not just the first line: the ``<title>`` is often an SEO variant of the
headline ("X is allowed to play after all - Outlet") while the headline the
page shows (its ``h1``, the og:title) is printed lower, just above the byline,
the standfirst or the first paragraph. And on pages from other scrapers the
first line is a menu, a date or a widget, never a title.

How: the first line's head (the ``<title>`` with trailing site and section
parts cut off; leading sections such as "Opinion |" stay) counts as a
<title> only when it looks like one: a site suffix was cut off, the page
prints it again, it sits right above the body, or a line below shares most
of its words. Lines that are markup, dates, menus, bylines or prose are never
candidates. The other candidates are the headline-shaped lines printed up to
40 lines above the body's first paragraphs. Each gets a few features (where
it sits relative to the prose, a byline or date just below it, words shared
with the <title>, case pattern, length, printed twice...) and a logistic
model scores it (weights fitted on the fit half of the scraped benchmark, see
:mod:`newsprism.text.headline_weights`). Then (:func:`choose`): a <title> printed
again is the headline; else the best line wins over the <title> when its
score clears a threshold chosen on the same half; else the <title> stands.
A page without a <title> has its own model and threshold (fitted on the same
pages with their first line dropped), and abstains below it.

Pure: no global mutable state; the regexes and tables are built at import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from newsprism.text.headline_weights import (
    INTERCEPT,
    INTERCEPT_NO_TITLE,
    THRESHOLD,
    THRESHOLD_NO_TITLE,
    WEIGHTS,
    WEIGHTS_NO_TITLE,
)
from newsprism.text.sitename import page_lines

__all__ = [
    "FEATURE_NAMES",
    "HeadlineCandidate",
    "Page",
    "candidate_score",
    "choose",
    "headline_candidates",
    "headline_from_text",
    "read_page",
]

# ---------------------------------------------------------------- shapes

_WORD: Final = re.compile(r"\w+")
# Separators between the parts of a <title>: "Headline | Section | Outlet",
# "Headline - Outlet", "Headline -- Outlet", "Headline :: Outlet".
_TITLE_SEP: Final = re.compile(r"\s+(?:\||-{1,2}|\u2013|\u2014|::|\u00bb|\u00b7|\u2022)\s+")
# Markup printed as text by a careless scraper ("<img src=...>", "</div>").
_MARKUP: Final = re.compile(
    r"<\s*/?\s*[a-zA-Z][^>]*>?|\b(?:src|href|class|style)\s*=|\{\s*\}|https?://"
)
# Words of dates, times and stamps: a line made only of these (and numbers)
# is a date widget, never a headline ("Tuesday, March 5", "Nov 9, 2023",
# "date 2023-11-03 loading...", "Updated 10:28am EST").
_DATE_WORDS: Final = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "am pm a m p est edt cst cdt pst pdt gmt utc bst cet cest ist hkt et pt ct "
    "today yesterday ago min mins minute minutes hour hours day days week weeks "
    "updated published posted date time loading last modified on at by of the "
    "st nd rd th".split()
)
# Navigation, widget and notice lines that are never a headline: a whole
# line that is one of these items, or a line that starts with one of these
# phrases ("Skip to main content", "Sign in to comment").
_MENU_ITEMS: Final = (
    r"(?:menu|main menu|navigation|search|home|homepage|login|log ?in|log ?out|sign ?in|"
    r"sign ?up|register|subscribe|newsletters?|share|share this|advertisement|sponsored|"
    r"loading|accessibility|close|more|read more|related|trending|most (?:read|popular)|"
    r"breaking news|latest news|top stories|watch live|live tv|listen|comments?|print|"
    r"email|next|previous|back|contact us|about us)"
)
_MENU_ITEM: Final = re.compile(_MENU_ITEMS + r"\W*", re.IGNORECASE)
# The longest item of _MENU_ITEMS, in characters (matching ignoring case
# keeps the length): a longer line that ends in a word character, where the
# \W* run is empty, is no item (tests/test_headline.py checks the bound).
_MENU_ITEM_MAX_CHARS: Final = 13
_MENU_START: Final = re.compile(
    r"(?:skip to|jump to|go to (?:main|content|navigation)|toggle|follow us|back to|"
    r"we use cookies|this (?:site|website) uses|cookie|privacy policy|terms of|"
    r"please (?:enable|update|turn)|you are (?:on|using)|sign (?:in|up) (?:to|for)|"
    r"log in to|subscribe (?:to|now)|read more|more from|click here|share (?:this|on|via)|"
    r"follow (?:us|on)|download (?:the|our) app|advertisement)\b",
    re.IGNORECASE,
)
# The letters that open an item of _MENU_ITEM or _MENU_START, in either
# case, and the long s that case-insensitive matching takes for an "s": a
# line opening with any other character matches neither (two alternations
# tried letter by letter on every candidate line). Same answers on the
# scraped set, the seeds and 2,000 synthetic pages; tested against every
# character that case folding relates to a letter.
_MENU_FIRST: Final = "abcdefghjlmnprstwyABCDEFGHJLMNPRSTWY\u017f"
# A byline, a stamp or a date just below a headline.
_BYLINE: Final = re.compile(
    r"^(?:by\b|von\b|por\b|par\b|di\b|door\b|oleh\b|posted\b|published\b|updated\b|"
    r"written by|author|reporter|story by|words by)",
    re.IGNORECASE,
)
_CLOCK: Final = re.compile(
    r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
)
# Boilerplate notices that are prose-shaped but not the article's body.
_NOTICE: Final = re.compile(
    r"cookie|privacy|browser|javascript|consent|subscri|newsletter|advertis|"
    r"supported by its audience|terms of (?:use|service)|affiliate|sign up|log ?in\b",
    re.IGNORECASE,
)
# A sentence end (a headline rarely has one; a question or exclamation may).
_SENTENCE_END: Final = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*$")

# A headline is at most this many words; longer lines are prose or lists.
_MAX_WORDS: Final = 30
_MAX_CHARS: Final = 250
# A prose line: at least this many words, this share of them lower-case.
_PROSE_WORDS: Final = 12
_PROSE_LOWER: Final = 0.4
# Lines with at least this many characters and no spaces (Chinese, Japanese)
# are prose when they end a sentence.
_PROSE_CJK_CHARS: Final = 60
# The headline sits at most this many lines above the body's first prose line.
_WINDOW_ABOVE: Final = 40
# At most this many lines of a page are read for the body's start.
_MAX_LINES: Final = 400
# A <title> may hold short sentences ("X. Why You Shouldn't Worry.", a
# quote); sentences of this many words or more together, ending in a full
# stop, are a lead paragraph.
_FIRST_TWO_SENTENCE_WORDS: Final = 20
# A first line of this many words ending in a full stop is a lead paragraph
# (no <title> of the scraped set is one).
_FIRST_PROSE_WORDS: Final = 14
# A headline below the first line has at least this many words (shorter
# lines there are menus, sections and names).
_LINE_MIN_WORDS: Final = 4
# A first line without a site suffix has at least this many words.
_HEAD_MIN_WORDS: Final = 3
_HEAD_MIN_CHARS: Final = 20
# A first line with no site suffix, not printed again, is a <title> when a
# line below holds at least this share of its words.
_ECHO_MIN: Final = 0.5
# A first line at most this many lines above the body's start is the
# article's own heading (scrapers that print the h1 first).
_LEADS_BODY: Final = 2
# A line that ends with the head after at most this many characters is the
# head with a breadcrumb glued before it ("HomeWorld" + headline).
_CRUMB_CHARS: Final = 40
# A one-"word" head of at least this many non-ASCII characters is a phrase
# of an unspaced script (Japanese, Chinese), long enough to be a headline.
_UNSPACED_HEAD_CHARS: Final = 8
# A trailing title part of at most this many words may be the site's name.
_SITE_MAX_WORDS: Final = 6


def _words(s: str) -> list[str]:
    if s.isascii():
        # \w on ASCII is [A-Za-z0-9_]: the word bytes of the lower-case
        # text, every other byte a space, split. The same list as the
        # search's (property test in tests/test_headline.py) for a fifth of
        # its instructions, compiled.
        return s.encode("ascii").translate(_WORD_BYTES).decode("ascii").split()
    return _WORD.findall(s.lower())


# Each byte to its lower case when it is a word character, else to a space.
_WORD_BYTES: Final = bytes(
    b + 32 if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122 or b == 95) else 32
    for b in range(256)
)


def _key(s: str) -> str:
    return " ".join(_words(s))


def _lower_share(tokens: list[str]) -> float:
    if not tokens:
        return 0.0
    # An ASCII first character is tested by its code: compiled, str.islower()
    # is a method call by name, ord() a C operation (as in newsprism.text.clean).
    # Every token of str.split() has a first character.
    lower = 0
    for t in tokens:
        code = ord(t[0])
        if code < 128:
            if 97 <= code <= 122:
                lower += 1
        elif t[0].islower():
            lower += 1
    return lower / len(tokens)


def _caps_share(tokens: list[str]) -> float:
    """The share of a line's letter-led words that start with a capital."""
    lettered = caps = 0
    for t in tokens:
        code = ord(t[0])
        if code < 128:
            if 65 <= code <= 90:
                lettered += 1
                caps += 1
            elif 97 <= code <= 122:
                lettered += 1
        elif t[0].isalpha():
            lettered += 1
            if t[0].isupper():
                caps += 1
    if not lettered:
        return 0.0
    return caps / lettered


# Each ASCII byte by what it means for the word it may open: a small letter
# to "a", white space (what str.split() cuts at) to a space, the rest to "x".
_LEAD_BYTES: Final = bytes(
    97 if 97 <= b <= 122 else 32 if b in b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f" else 120
    for b in range(256)
)


def _is_prose(line: str) -> bool:
    if line.isascii():
        # The words of str.split() counted on the line's bytes, each by what
        # opens it (a word opens the line or follows white space): the same
        # counts as the general path, without a string per word (a property
        # test in tests/test_headline.py holds them equal).
        # (As a str: compiled, str.count is a direct call into C, bytes.count
        # a method call by name.)
        leads = line.encode("ascii").translate(_LEAD_BYTES).decode("ascii")
        first = leads[:1]
        lower = leads.count(" a") + (first == "a")
        words = lower + leads.count(" x") + (first == "x")
        if words >= _PROSE_WORDS:
            return lower / words >= _PROSE_LOWER
    else:
        tokens = line.split()
        words = len(tokens)
        if words >= _PROSE_WORDS:
            return _lower_share(tokens) >= _PROSE_LOWER
    # Unspaced scripts: a long line that ends a sentence.
    return words <= 2 and len(line) >= _PROSE_CJK_CHARS and _SENTENCE_END.search(line) is not None


def _is_body_prose(line: str) -> bool:
    return _is_prose(line) and not _has_notice(line)


# Literal parts, one per alternative of _NOTICE, that a match must hold. A
# case-insensitive alternation is tried at every position of the line, and
# the lines tested are the page's paragraphs: compiled, the search was about
# half of headline_from_text's instructions. On an ASCII line a match of
# _NOTICE is a match of its lower-case text, so a line whose lower-case text
# holds none of these has none; other lines are searched (case folding there
# maps more than str.lower does: "ſ" is an "s"). Same answers on the
# scraped set, the seeds and 2,000 synthetic pages; the equivalence is a
# property test in tests/test_headline.py.
_NOTICE_HINTS: Final = (
    "cookie",
    "privacy",
    "browser",
    "javascript",
    "consent",
    "subscri",
    "newsletter",
    "advertis",
    "supported by its audience",
    "terms of ",
    "affiliate",
    "sign up",
    "log",
)


def _has_notice(line: str) -> bool:
    """``_NOTICE.search(line) is not None``, the search skipped when it cannot match."""
    if line.isascii() or not _folds_to_ascii(line):
        low = line.lower()
        for hint in _NOTICE_HINTS:
            if hint in low:
                break
        else:
            return False
    return _NOTICE.search(line) is not None


# The characters outside ASCII that a case-insensitive search takes for an
# ASCII letter and str.lower() leaves outside ASCII ("\u0130" and "\u0131"
# for "i", "\u017f" for "s"; the Kelvin sign, the only other one (every code
# point checked), lowers to "k"). A line without them matches _NOTICE, all
# ASCII, only where its lower-case text holds a hint too: most paragraphs
# outside ASCII (a curly quote, a pound sign) skip the search as ASCII ones do.
_FOLDS_TO_ASCII: Final = ("\u0130", "\u0131", "\u017f")


def _folds_to_ascii(line: str) -> bool:
    return any(c in line for c in _FOLDS_TO_ASCII)


def _may_be_markup(line: str) -> bool:
    """Whether _MARKUP may match: each alternative holds "<", "=", "{" or "http"."""
    return "<" in line or "=" in line or "{" in line or "http" in line


def _may_be_menu_item(line: str) -> bool:
    """False only when _MENU_ITEM cannot match the whole line."""
    if len(line) <= _MENU_ITEM_MAX_CHARS:
        return True
    last = line[-1]
    return not (last.isalnum() or last == "_")  # not a \w character


def _is_junk(line: str) -> bool:
    """Markup, a date or time widget, a menu item or a notice: never a headline."""
    if _may_be_markup(line) and _MARKUP.search(line):
        return True
    if line[:1] in _MENU_FIRST and (
        (_may_be_menu_item(line) and _MENU_ITEM.fullmatch(line)) or _MENU_START.match(line)
    ):
        return True
    words = _words(line)
    content = [w for w in words if not w.isdigit() and w not in _DATE_WORDS and len(w) > 1]
    if not content:
        return True
    # One or two words with a date are a stamp ("Nov 9, 2023 Politics").
    return len(content) < 3 and any(w.isdigit() for w in words) and len(words) > len(content)


def _is_dateline(line: str) -> bool:
    """A byline or a date/time stamp (what sits just below a headline)."""
    if _BYLINE.match(line):
        return True
    tokens = line.split()
    if len(tokens) > 12:
        return False
    # _CLOCK needs a ":", ".", "/" or "-" between numbers.
    if _may_be_clock(line) and _CLOCK.search(line):
        return True
    words = _words(line)
    dated = sum(1 for w in words if w in _DATE_WORDS or w.isdigit())
    return bool(words) and dated >= 2 and dated * 2 >= len(words)


def _may_be_clock(line: str) -> bool:
    return ":" in line or "." in line or "/" in line or "-" in line


def _headline_shaped(line: str) -> bool:
    tokens = line.split()
    n = len(tokens)
    if n > _MAX_WORDS or len(line) > _MAX_CHARS:
        return False
    if n < 2 and len(line) < 6:
        return False
    if line[-1] in ":,;([{/\\" or line[:1] in "-\u2013\u2014\u00a9@#*|>":
        return False
    first = line[:1]
    if first.isalpha() and first.islower():
        return False
    if _is_junk(line):
        return False
    # A credit in brackets ("(Jane Doe / Agency)") or a byline or stamp.
    if (first in "([" and line[-1] in ")]") or _BYLINE.match(line):
        return False
    # A sentence-long line with a full stop is a standfirst or a caption.
    return not (n >= _PROSE_WORDS and line.endswith(".") and _lower_share(tokens) >= _PROSE_LOWER)


def _site_like(part: str) -> bool:
    """A short trailing <title> part that names the site or a section."""
    tokens = part.split()
    if not tokens or len(tokens) > _SITE_MAX_WORDS:
        return False
    if _SENTENCE_END.search(part) or part[-1:] in ",;:":
        return False
    if any("." in t and len(t) > 3 for t in tokens):  # a domain ("Express.co.uk")
        return True
    return _caps_share(tokens) >= 0.5 or not any(c.isalpha() and c.isascii() for c in part)


def title_head(first_line: str) -> tuple[str, bool]:
    """The first line with its trailing site and section parts cut off.

    Returns the head and whether anything was cut. Leading parts stay: a
    section before the headline ("Opinion | ...") is part of what sites show.
    """
    seps = list(_TITLE_SEP.finditer(first_line))
    keep = len(seps) + 1  # parts kept
    while keep > 1:
        start = seps[keep - 2].end()
        end = seps[keep - 1].start() if keep - 1 < len(seps) else len(first_line)
        tail = first_line[start:end]
        rest = first_line[: seps[keep - 2].start()]
        rest_words = len(rest.split())
        if rest_words == 1 and len(rest) >= _UNSPACED_HEAD_CHARS and not rest.isascii():
            rest_words = 2  # an unspaced script: a "word" is a phrase
        if not _site_like(tail) or rest_words < max(2, len(tail.split())):
            break
        keep -= 1
    if keep == len(seps) + 1:
        return first_line, False
    return first_line[: seps[keep - 1].start()], True


def _first_line_ok(head: str) -> bool:
    """A <title>-like first line: not junk, not a paragraph.

    Looser than :func:`_headline_shaped`: sentence-case headlines of a dozen
    words and more are common in <title>s; the model weighs their shape.
    """
    if len(head) > _MAX_CHARS or len(head) < 4:
        return False  # (checked first: a glued page is one huge line)
    tokens = head.split()
    if len(tokens) > _MAX_WORDS:
        return False
    if _is_junk(head):
        return False
    # Two sentences or more, or a long line ending a sentence: a lead paragraph.
    inner = len(re.findall(r"[.!?][\"'\u201d\u2019]?\s+[A-Z\"'\u201c\u2018]", head))
    if len(tokens) >= _FIRST_PROSE_WORDS and head.endswith(".") and not head.endswith(".."):
        return False  # one long sentence with a full stop: a lead paragraph
    return inner == 0 or len(tokens) < _FIRST_TWO_SENTENCE_WORDS or not head.endswith(".")


# ---------------------------------------------------------------- candidates

FEATURE_NAMES: tuple[str, ...] = (
    "next_prose",
    "lines_to_prose",
    "dateline_below",
    "order",
    "from_bottom",
    "words",
    "caps_share",
    "ends_sentence",
    "prev_short",
    "repeated",
    "overlap_first",
)


_REPEATED_FEATURE: Final = FEATURE_NAMES.index("repeated")


@dataclass(frozen=True)
class HeadlineCandidate:
    """A headline-shaped line: its text, index and features.

    Line 0 is a candidate only on pages whose first line is not a <title>.
    """

    text: str
    line: int
    features: tuple[float, ...]


@dataclass(frozen=True)
class Page:
    """What the choice needs from a page: the first line's head and the lines."""

    head: str | None  # the first line's head, when it is <title>-like
    head_shown: bool  # the head is printed again as a line of its own (the h1)
    candidates: tuple[HeadlineCandidate, ...]


class _LazyProse:
    """Whether each line is body prose, worked out only for the lines asked.

    Most pages are read no further than a little below the body's start.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._known: list[bool | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> bool:
        known = self._known[i]
        if known is None:
            known = self._known[i] = _is_body_prose(self._lines[i])
        return known


def _body_start(prose: _LazyProse) -> int:
    """The first line of the body: a prose line with another within 3 lines."""
    n = len(prose)
    first = n
    for i in range(1, n):
        if prose[i]:
            if any(prose[j] for j in range(i + 1, min(n, i + 4))):
                return i
            first = min(first, i)
    return first


def _first_line_head(first: str) -> tuple[str | None, bool]:
    """The first line's head when it may be a <title>, and whether a site part was cut."""
    if not _first_line_ok(first):
        return None, False
    head, cut = title_head(" ".join(first.split()))
    # A line of one or two short words with no site name cut off is a menu or
    # a logo ("Quanta Magazine"), not a <title> (unspaced scripts have long
    # "words": they are judged by length).
    if not cut and len(_words(head)) < _HEAD_MIN_WORDS and len(head) < _HEAD_MIN_CHARS:
        return None, False
    return head, cut


def _shown(head: str, lines: Sequence[str]) -> bool:
    """Whether the head is printed again as a line (or after a glued breadcrumb)."""
    head_key = " ".join(_words(head))
    if not head_key:
        return False
    # Only lines of about the head's length can hold it (the key drops
    # punctuation, so a line is never shorter than its key).
    longest = min(_MAX_CHARS, 2 * len(head) + _CRUMB_CHARS)
    # A line whose key ends with the head's key holds the head's last word:
    # a substring test in C rules out most lines before their words are read.
    last = head_key.rsplit(" ", 1)[-1]
    return any(
        k == head_key or (k.endswith(" " + head_key) and len(k) - len(head_key) <= _CRUMB_CHARS)
        for k in (
            " ".join(_words(x))
            for x in lines[1:]
            if len(head_key) <= len(x) <= longest and last in x.lower()
        )
    )


def _overlap(words: set[str], line: str) -> float:
    """The share of a line's words that are in ``words``."""
    ws = set(_words(line))
    return len(ws & words) / len(ws) if ws else 0.0


def read_page(text: str) -> Page:
    """The first line's head and every headline candidate below it."""
    # The page's non-blank lines, stripped, at most _MAX_LINES. White space
    # inside a line is folded only in what is returned (see :func:`choose`):
    # folding every line of a long page costs more than the rest of the work.
    lines = page_lines(text)[:_MAX_LINES]
    if not lines:
        return Page(None, False, ())
    prose = _LazyProse(lines)
    body = _body_start(prose)
    head, cut = _first_line_head(lines[0])
    shown = head is not None and _shown(head, lines)

    lo = max(1, body - _WINDOW_ABOVE)
    shaped = [
        i
        for i in range(lo, min(body + 1, len(lines)))
        if len(lines[i].split()) >= _LINE_MIN_WORDS and _headline_shaped(lines[i])
    ]
    head_words = set(_words(head)) if head else set()
    if head is not None and not cut and not shown and body > _LEADS_BODY:
        # A first line with no site name cut off, not printed again and not
        # right above the body is a <title> only when a line below shares
        # most of its words (the h1 as a variant of it); otherwise it is as
        # likely a menu, a logo or a notice of a scraper that does not print
        # the <title> ("Welcome to ...", "Back to the overview").
        echo = max((_overlap(head_words, lines[i]) for i in shaped), default=0.0)
        if len(head_words) < _LINE_MIN_WORDS or echo < _ECHO_MIN:
            head, head_words = None, set()
    if (
        head is None
        and lo == 1
        and len(lines[0].split()) >= _LINE_MIN_WORDS
        and _headline_shaped(lines[0])
    ):
        shaped.insert(0, 0)  # the first line may then be the h1 itself

    counts: dict[str, int] = {}
    if shaped:
        wanted = {lines[i] for i in shaped}
        for x in lines:
            if x in wanted:
                counts[x] = counts.get(x, 0) + 1
    datelines: dict[int, bool] = {}

    def dated(j: int) -> bool:
        # Candidates sit close together: each line below is judged once.
        if j not in datelines:
            datelines[j] = _is_dateline(lines[j])
        return datelines[j]

    out: list[HeadlineCandidate] = []
    for order, i in enumerate(shaped):
        line = lines[i]
        to_prose = next((j - i for j in range(i + 1, min(len(lines), i + 30)) if prose[j]), 30)
        tokens = line.split()
        features = (
            float(to_prose == 1),
            math.log1p(to_prose),
            float(any(dated(j) for j in range(i + 1, min(len(lines), i + 5)))),
            math.log1p(order),
            math.log1p(len(shaped) - 1 - order),
            math.log(len(tokens)),
            _caps_share(tokens),
            float(_SENTENCE_END.search(line) is not None),
            float(i == 0 or len(lines[i - 1].split()) <= 3),
            float(min(counts.get(line, 1) - 1, 2)),
            _overlap(head_words, line) if head_words else 0.0,
        )
        out.append(HeadlineCandidate(line, i, features))
    return Page(head, shown, tuple(out))


def headline_candidates(text: str) -> list[HeadlineCandidate]:
    """Every headline candidate of a page (not the <title>'s head), with its features."""
    return list(read_page(text).candidates)


# ---------------------------------------------------------------- choice


def candidate_score(c: HeadlineCandidate, *, with_title: bool = True) -> float:
    """The model's probability that a line is the page's headline.

    ``with_title``: the page's first line is a <title>-like line (its words
    are then a feature); otherwise the model fitted on pages without one.
    """
    intercept, weights = (
        (INTERCEPT, WEIGHTS) if with_title else (INTERCEPT_NO_TITLE, WEIGHTS_NO_TITLE)
    )
    z = intercept + sum(
        weights[name] * x for name, x in zip(FEATURE_NAMES, c.features, strict=True)
    )
    return 1.0 / (1.0 + math.exp(-z))


def _score_no_title(c: HeadlineCandidate) -> float:
    return candidate_score(c, with_title=False)


def choose(page: Page, score: Callable[[HeadlineCandidate], float], threshold: float) -> str | None:
    """The page's headline: its h1 when the model is sure of one, else the first line's head.

    The h1 (the headline the page shows, and its og:title) wins over the
    <title>: that is often an SEO variant. Without a convincing h1 the
    first line's head stands, as the cleaner has always taken it; without
    either there is no headline.
    """
    if page.head_shown:
        # The <title>'s head printed again on the page is the page's own
        # headline: no other line can be more of one.
        return page.head
    best: tuple[float, int, str, float] | None = None
    for c in page.candidates:
        key = (score(c), -c.line, c.text, c.features[_REPEATED_FEATURE])
        if best is None or key > best:
            best = key
    if best is None:
        return page.head
    if best[0] >= threshold:
        return " ".join(best[2].split())
    if page.head is None and best[3] > 0:
        # No <title> to fall back on, and the likeliest line is printed twice
        # near the top (page heading and article heading): the cleaner's rule.
        return " ".join(best[2].split())
    return page.head


def headline_from_text(text: str) -> str | None:
    """The headline of a scraped page, or ``None`` when none is convincing."""
    page = read_page(text)
    if page.head is None:
        return choose(page, _score_no_title, THRESHOLD_NO_TITLE)
    return choose(page, candidate_score, THRESHOLD)
