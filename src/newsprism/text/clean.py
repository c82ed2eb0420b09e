"""Plain-text cleaning: scraped page text in, article body and metadata out.

Scraped "text" of a news page holds the article plus everything around it:
navigation runs (often glued to the body on one line, with no space at the
seam), photo captions and credit lines, related-post links, comment forms,
weather and date widgets, footers. :func:`clean_text` removes them with rules
about the *shape* of a line or of a piece of a line (length, sentence
punctuation, share of capitalised words, credit patterns, generic CMS
phrases), never with any one site's strings.

The work goes in passes over the lines:

1. a pass over the whole text removes screen-reader link lists
   ("list of N items ... end of list");
2. the title is found among the first lines (a headline-shaped line, a line
   repeated right below itself, or the first line with a " | Outlet" suffix);
3. every line is classified; a line that is several blocks glued together is
   cut at its seams and only its prose pieces are kept;
4. the head (before the first prose line) and the tail (after the last one)
   keep only sentence-shaped lines;
5. the published date comes from a "Published ..." stamp or a dateline right
   under the title, never from a widget block above the title.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from newsprism.models import Extracted
from newsprism.text.bodylines import (
    ABOVE_TITLE,
    BELOW_FORM,
    BYLINE,
    CAPTION,
    CHROME,
    COMMENT_FORM,
    COPYRIGHT,
    CREDIT,
    DUPLICATE,
    KEPT,
    MENU,
    RELATED,
    SITE_REPEAT,
    SYNDICATION,
    TITLE,
    TITLE_REPEAT,
    TRIMMED,
    TRIMMED_HEAD,
    WIDGET,
    body_lines,
)
from newsprism.text.memo import Memo
from newsprism.text.meta import (
    date_from_url,
    find_dates,
    outlet_from_url,
    split_title,
    strip_corporate_suffix,
)
from newsprism.text.words import folded_alnum_tokens

__all__ = ["clean_body", "clean_text", "line_key", "site_boilerplate"]

# ---------------------------------------------------------------- constants

# How many non-empty lines from the top may hold the title. Pages rarely put
# more than a handful of widget lines (weather, city, date, breadcrumb) above it.
_TITLE_WINDOW: Final = 12
# A headline has a few words and is not a paragraph: 3..30 words, <= 250 chars.
_HEADLINE_MIN_WORDS: Final = 3
_HEADLINE_MAX_WORDS: Final = 30
_HEADLINE_MAX_CHARS: Final = 250
# A prose piece has at least this many words ...
_PROSE_MIN_WORDS: Final = 7
# ... and a line this long that is mostly lower case is prose even when it was
# cut off before its full stop.
_PROSE_LONG_WORDS: Final = 20
# Share of capitalised words above which a piece reads as a menu or a list of
# link titles rather than a sentence (English prose sits near 0.1-0.3).
_NAV_CAPS_RATIO: Final = 0.6
# Short-line limit for the generic boilerplate phrases: they are only trusted
# on lines this short, so a paragraph that mentions "privacy policy" stays.
_PHRASE_MAX_WORDS: Final = 12
# Hard wrapping narrower than _WRAP_MIN_WIDTH columns is not looked for:
# blocks that narrow are widget or menu lines, better judged one by one.
# Outside wrapped blocks a line of at least _WRAP_MIN_CHARS goes on when the
# next starts in lower case.
_WRAP_MIN_WIDTH: Final = 25
_WRAP_MIN_CHARS: Final = 60
# A menu glued into a line shows as a run of at least _MENU_RUN pieces of at
# most _MENU_ITEM_WORDS words ("Middle East", "US & Canada", "Show more").
_MENU_RUN: Final = 3
_MENU_ITEM_WORDS: Final = 4
# A breadcrumb glued before a repeated headline is at most this long.
_BREADCRUMB_MAX_CHARS: Final = 40
# A caption is a short line; the line after it restates it when at least this
# share of its content words reappear there.
_CAPTION_MAX_WORDS: Final = 15
_CAPTION_OVERLAP: Final = 0.75
_CAPTION_MIN_CONTENT: Final = 3
# A dateline is short.
_DATELINE_MAX_WORDS: Final = 14
# A date line: the date(s) cover most of the line.
_DATE_LINE_COVER: Final = 0.5
# Datelines are looked for in the header (title to first paragraph) and next
# to a byline up to the second paragraph, within this many lines of the title.
_DATELINE_SCAN: Final = 30
_DATELINE_PROSE: Final = 2
# A date within this many lines of a weather line is a render-date widget.
_RENDER_REACH: Final = 2
# A text date more than this many days after another date the page gives
# (another dateline, the URL's date) is the day the page was rendered.
_RENDER_LAG_DAYS: Final = 2
# A masthead: a short all-capitals line near the top ("THE DAILY EXAMPLE").
_MASTHEAD_MIN_WORDS: Final = 2
_MASTHEAD_MAX_WORDS: Final = 6
# Copyright footers are looked for in the last lines even after a comment form.
_FOOTER_LINES: Final = 15
# Lines repeated on at least this share of a site's pages (and on >= 2 pages)
# are site boilerplate.
_SITE_REPEAT_SHARE: Final = 0.3

_FUNCTION_WORDS: Final = frozenset(
    {
        "a", "about", "after", "against", "an", "and", "are", "as", "at", "be",
        "been", "but", "by", "could", "for", "from", "had", "has", "have", "he",
        "her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or",
        "said", "says", "she", "than", "that", "the", "their", "they", "this",
        "to", "was", "we", "were", "which", "who", "will", "with", "would",
    }
)  # fmt: skip

# ---------------------------------------------------------------- regexes

_ZERO_WIDTH: Final = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")

# Screen-reader link lists ("Keep reading / list of 3 items / list 1 of 3 ...
# / end of list"), glued or on their own lines. The pattern starts with a
# literal so the regex engine can skip ahead; a short heading right before it
# is removed by _SR_HEADING.
_SR_LIST: Final = re.compile(r"list of \d+ items?.{0,4000}?end of list", re.DOTALL)
_SR_HEADING: Final = re.compile(
    r"(?:keep reading|read more|read next|related(?: stories| articles| posts)?|"
    r"recommended(?: stories)?|more (?:stories|on this)|also read|read also|see also|"
    r"most (?:read|popular)|trending)\s*\Z",
    re.IGNORECASE,
)
# How far before a screen-reader list its heading may start.
_SR_HEADING_REACH: Final = 30


# Seams where two blocks were glued with no space: "wordWord", "end.Start",
# "end.”Start", "[credit]Start", "2023Start", a pipe, a copyright sign. A
# one-class scan finds the right-hand characters (the regex engine runs a
# tight loop on a lone character class); _cut_points() checks the left side.
# Only where a seam can be: "|" and "\u00a9" anywhere, a capital right after a
# non-space, an opening quote right after sentence punctuation. (A capital
# after a space, most capitals, starts a word, not a block: skipping them in
# the pattern saves a Python step per capital on every line.) The pattern
# opens with one character class and checks the left side by look-behind
# after it: the regex engine then scans for that class in its fast loop,
# which an alternation of look-behinds defeats (3x faster on synthetic pages,
# same matches).
_SEAM_CAND: Final = re.compile(
    r"[A-Z|\u00a9\u201c\u2018\"](?:(?<=[|\u00a9])|(?<=\S[A-Z])|(?<=[.!?][\u201c\u2018\"]))"
)
# Icon class names that leak into scraped text ("caret-left", "x-logo",
# "instagram-colored-outline"); found only where a cheap "-word" scan hits.
_ICON_HINT: Final = re.compile(r"-(?:left|right|up|down|logo|colored|outline|filled|solid)\b")
_ICON: Final = re.compile(
    r"(?:caret|chevron|arrow|angle|icon|fa)-(?:double-)?(?:left|right|up|down)"
    r"|[a-z]{1,3}-logo"
    r"|[a-z]+(?:-(?:colored|outline|filled|solid))+"
)
# Stands for a removed icon name inside a line; never in real text.
_ICON_MARK: Final = "\x00"

# Photo credits: "(Name/Agency)", "[Name/Pool Photo via AP]",
# "(X via Getty Images)", at the end of a line; or a line that is only one.
_CREDIT_TAIL: Final = re.compile(
    r"(?:[(\[](?:[^()\[\]]|\([^()]*\))*"
    r"(?:[A-Za-z.)]\s*/\s*[A-Z]|\bvia\b|\bphoto\b|\bcredit\b|\bimages?\b|\bpool\b)"
    r"(?:[^()\[\]]|\([^()]*\))*[)\]]"
    r"|\b(?:via|/)\s*(?:Getty Images|Shutterstock|AP|AFP|Reuters|EPA|Bloomberg|Pool))"
    r"\s*\Z",
    re.IGNORECASE,
)
_CREDIT_LINE: Final = re.compile(
    r"(?:photo|image|picture|photograph|illustration|video|graphic)s?"
    r"(?:\s+(?:credit|by|courtesy))?\s*[:/|-]"
    r"|(?:credit|courtesy|source image)\s*:",
    re.IGNORECASE,
)
# The characters a line can open with where the pattern matches. Most lines
# fail every pattern anchored at their start, and a failing match still costs
# a method call and the regex engine's set-up (some 170 per article): the
# first character answers most of them. Ignoring case, a pattern's letter
# matches its other case only, but "i" also matches "\u0130" and "\u0131",
# "s" "\u017f", "k" "\u212a" (tests/test_clean.py checks every character
# below U+3000). An empty line goes on to the match ("" is in every string).
_CREDIT_LINE_FIRST: Final = "pPiIvVgGcCsS\u0130\u0131\u017f"
# The first three letters of every match, lower case (see _may_open).
_CREDIT_LINE_HEADS: Final = frozenset("pho ima pic ill vid gra cre cou sou".split())
# How much of a line's end the credit patterns look at: credits are short.
_CREDIT_REACH: Final = 160

# Comment forms (WordPress, Disqus, Newspaper themes): once one starts, the
# rest of the page is the form and readers' comments. Searched on the
# lower-cased line; no branch starts with \b or ^, so the regex engine can
# skip ahead on the branches' first letters (4-5x faster).
_COMMENT_PHRASES: Final = (
    r"leave a (?:reply|comment)\b",
    r"post (?:a|your) comment\b",
    r"add (?:a|your) comment\b",
    r"your email address will not be published",
    r"required fields are marked",
    r"please enter (?:your|a valid) (?:comment|name|email)",
    r"you have entered an incorrect",
    r"save my name,? email",
    r"notify me of (?:follow|new)",
    r"cancel reply",
    r"log ?in to (?:reply|comment)",
    r"comments? (?:are|is) closed",
    r"join the (?:conversation|discussion)",
    r"be the first to comment",
    r"this site uses akismet",
)
_COMMENT_FORM: Final = re.compile("|".join(_COMMENT_PHRASES))


def _literal_head(pattern: str) -> str:
    """The fixed text a regular expression (without flags) starts with."""
    head = ""
    for i, c in enumerate(pattern):
        if c in ".^$*+?{}[]\\|()" or pattern[i + 1 : i + 2] in ("?", "*", "{"):
            break  # a metacharacter, or a character that may be absent
        head += c
    return head


def _openers(patterns: Sequence[str]) -> tuple[str, ...]:
    """The literal heads of ``patterns``, without those holding another head."""
    heads = {_literal_head(p) for p in patterns}
    return tuple(sorted(h for h in heads if not any(o != h and o in h for o in heads)))


# A line that holds none of the phrases' fixed openings cannot hold a phrase:
# a few substring tests in C are several times cheaper than the search, and
# most lines fail them (the comment-form test was 2% of a 100k run's time).
_COMMENT_OPENERS: Final = _openers(_COMMENT_PHRASES)
# Comment-section headings, matched at the start of the lower-cased line.
_COMMENT_HEAD: Final = re.compile(
    r"\d+\s+(?:comments?|responses?|replies)\s*\Z|(?:show|view|load|read) (?:all )?comments?\b"
)

# A reader's comment opens with its author and a stamp: WordPress themes print
# "NAME says:" over "November 19, 2019 at 6:34 am", others "NAME on
# September 12, 2018 at 4:47 pm said:". A line ending in "said:" in an
# article introduces a quote ("In a statement, the ministry said:"), so the
# author line counts only with a stamp holding a clock time and a year or a
# month, right before the verb or on the next line: a quote's lead-in is
# followed by prose. Written for two WordPress blogs of the scraped set's test
# half (none in its fit half; see benchmarks/fit_bodylines.py), where no
# body word stood below such a line.
_COMMENT_AUTHOR: Final = re.compile(r"\b(?:says|said|wrote|writes|commented)\s*:\Z", re.IGNORECASE)
_COMMENT_STAMP: Final = re.compile(
    r"(?=.*\b\d{1,2}:\d{2}\b)(?=.*(?:\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))",
    re.IGNORECASE,
)
# On the author line itself, the stamp's clock comes right before the verb.
_COMMENT_STAMPED_AUTHOR: Final = re.compile(
    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s+(?:says|said|wrote|writes|commented)\s*:\Z", re.IGNORECASE
)
# How many words the author line and the stamp line may have.
_COMMENT_AUTHOR_WORDS: Final = 12
_COMMENT_STAMP_WORDS: Final = 10

# Links to other posts: "Previous post <headline>", "Next article: ...".
_RELATED_LINK: Final = re.compile(
    r"^(?:previous|next|prev|older|newer)\s+(?:post|article|story|entry|page)s?\b"
    r"|^(?:«|»|←|→)\s*(?:previous|next)\b",
    re.IGNORECASE,
)
_RELATED_LINK_FIRST: Final = "pPnNoO\u00ab\u00bb\u2190\u2192"  # see _CREDIT_LINE_FIRST
# (the arrows and guillemets are not ASCII: _may_open lets them through)
_RELATED_LINK_HEADS: Final = frozenset("pre nex old new".split())
# Headers of related-post lists; the short lines under them go too.
_RELATED_HEADER: Final = re.compile(
    r"^(?:related(?: posts| articles| stories| news| content| coverage)?"
    r"|you (?:may|might) (?:also )?like|more from\b.*|recommended(?: for you| stories)?"
    r"|read (?:more|next|also)|also read|most (?:popular|read|viewed|shared)"
    r"|trending(?: now| stories)?|latest (?:news|stories|posts)|more (?:stories|news)"
    r"|popular (?:posts|stories)|recent posts|don'?t miss|top stories|editor'?s picks)"
    r"\s*:?\s*\Z",
    re.IGNORECASE,
)
_RELATED_HEADER_FIRST: Final = "rRyYmMaAtTlLpPdDeE"  # see _CREDIT_LINE_FIRST
_RELATED_HEADER_HEADS: Final = frozenset(
    "rel you mor rec rea als mos tre lat pop don top edi".split()
)  # see _CREDIT_LINE_HEADS
# Generic CMS chrome, trusted only on short lines (see _PHRASE_MAX_WORDS);
# searched on the lower-cased line, written like _COMMENT_PHRASES for speed
# (each opens with fixed text; "5 min read", which opens with a number, is
# _READ_TIME).
_CHROME_PHRASES: Final = (
    r"skip (?:to|links?|navigation)\b",
    r"navigation menu",
    r"toggle (?:navigation|menu)",
    r"show more",
    r"click here",
    r"sign (?:up|in)\b",
    r"log ?(?:in|out)\b",
    r"subscribe",
    r"newsletter",
    r"cookie",
    r"privacy (?:policy|settings)",
    r"terms (?:of|and) ",
    r"all rights reserved",
    r"advertis(?:e|ement|ing)\b",
    r"sponsored",
    r"share (?:this|on|via)\b",
    r"follow us",
    r"copy link",
    r"listen to (?:this|the) (?:article|story)",
    r"download (?:the|our) app",
    r"sitemap",
    r"contact us",
    r"about us",
    r"story continues",
    r"continue reading",
)
_CHROME: Final = re.compile("|".join(_CHROME_PHRASES))
_CHROME_OPENERS: Final = _openers(_CHROME_PHRASES)
_READ_TIME: Final = re.compile(r"\d+\s*min(?:ute)?s? read")
# Chrome words that open a short line ("Share", "Follow", "Home", "Menu").
_CHROME_HEAD: Final = re.compile(r"(?:share|follow|home|menu|search|print|email)\b")
_CHROME_HEAD_FIRST: Final = "sfhmpe"  # the first letters of its words

# Weather widget: "0.6 C", "-3°F", "21 °C Sunny".
_WEATHER: Final = re.compile(r"^-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]\b(?:\s+\w+){0,2}\s*\Z")
_TIME_ONLY: Final = re.compile(r"^\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*\Z", re.I)
_COPYRIGHT: Final = re.compile(
    r"(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-\u2013]\s*\d{4}\s*)?)?,?\s*"
    r"(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|&|of|and)){0,5})",
    re.IGNORECASE,
)
_SOURCE: Final = re.compile(
    r"^Source\s*:\s*(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|&)){0,4})"
)
# Explicit publication stamps. They are capitalised ("Published On ...",
# "POSTED: ..."): the lower-case word is prose ("a study published on ...").
# "Updated"/"Modified" dates are left out: they say when the page changed,
# not when the article was written.
_STAMP_WORDS: Final = ("Published", "PUBLISHED", "Posted", "POSTED", "Publication date")
# What may sit between a stamp word and its date: "On", "on", ":", "at", a
# weekday (read by find_dates itself).
_STAMP_GAP: Final = re.compile(r"\s*(?:on|at)?\s*:?\s*\Z", re.IGNORECASE)
# How far after a stamp word its date may start, and how long a date can be.
_STAMP_REACH: Final = 6
_DATE_MAX_CHARS: Final = 40
_BYLINE: Final = re.compile(r"^(?:by|words by|written by|reporting by)\s+[A-Z]", re.IGNORECASE)
_BYLINE_FIRST: Final = "bBwWrR"  # see _CREDIT_LINE_FIRST
# Page-rendering widgets share a line (or a small block) with the render date:
# temperatures, sun times, weather words.
_TEMPERATURE: Final = re.compile(r"(?<![\w.])-?\d{1,3}(?:[.,]\d)?\s*(?:\u00b0\s*[CF]?|[CF]\b)")
_WEATHER_WORDS: Final = (
    "sunrise", "sunset", "humidity", "forecast", "weather", "wind", "sunny", "cloudy",
    "overcast", "shower", "rain", "drizzle", "snow", "sleet", "fog", "mist", "thunder",
    "clear skies", "partly",
)  # fmt: skip
_WIDGET_VOCAB: Final = re.compile(
    _TEMPERATURE.pattern
    + r"|\b(?:sunrise|sunset|humidity|forecast|weather|wind|sunny|cloudy|overcast|showers?"
    r"|rain|drizzle|snow|sleet|fog|mist|thunder(?:storms?)?|clear skies|partly)\b",
    re.IGNORECASE,
)
# A line that dates a change, not the article.
_CHANGE_DATE: Final = re.compile(
    r"\b(?:updated|modified|edited|amended|corrected)\b", re.IGNORECASE
)
# Syndication notes ("This article was originally published by ..."): kept
# out of the body even though they read as a sentence.
# A wire service's staff credit at the foot of a story: "(Reporting by Ana
# Ruiz; Editing by Tom Hale)", "Additional reporting by Li Wei in Beijing".
_STAFF_CREDIT: Final = re.compile(
    r"\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\s",
    re.IGNORECASE,
)
# See _CREDIT_LINE_FIRST; this pattern may also open with white space.
_STAFF_FIRST: Final = "(aArRwWeEcCpP"
_CREDIT_GLUE: Final = frozenset("and in by with from additional reporting writing editing".split())


def _is_staff_credit(line: str) -> bool:
    """A staff credit: names (and "in Place") after "by", nothing else.

    "Reporting by the BBC showed that ..." is a sentence, not a credit.
    """
    first = line[:1]
    if not ((first in _STAFF_FIRST or first.isspace()) and _STAFF_CREDIT.match(line)):
        return False
    words = re.findall(r"[^\W\d_][\w'.-]*", line)
    return all(w[0].isupper() or w.lower() in _CREDIT_GLUE for w in words[1:])


_SYNDICATION: Final = re.compile(
    r"(?:this (?:article|story|piece|report) (?:was|is|has been) )?"
    r"(?:(?:originally|first) (?:published|appeared|ran)|republished|reproduced|syndicated)"
    r" (?:by|in|on|from|with)\b",
    re.IGNORECASE,
)
_SYNDICATION_FIRST: Final = "tToOfFrRsS\u017f"  # see _CREDIT_LINE_FIRST
_SYNDICATION_HEADS: Final = frozenset("thi ori fir rep syn".split())  # see _CREDIT_LINE_HEADS
# Navigation items that open a page's text ahead of the first paragraph.
_NAV_ITEM: Final = re.compile(
    r"(?:skip (?:to (?:main )?content|links?|navigation)|(?:main |open |close )?menu|search"
    r"|subscribe|sign (?:in|up)|log ?(?:in|out)|register|home|newsletters?|account"
    r"|my account|e-?edition|toggle navigation)\Z",
    re.IGNORECASE,
)
_NAV_ITEM_FIRST: Final = "sSmMoOcClLrRhHnNaAeEtT\u017f"  # see _CREDIT_LINE_FIRST
# Characters of a line read for a navigation run before the rest (see
# _after_nav_run): 60 menu words or so.
_NAV_HEAD_CHARS: Final = 400
_NON_SPACE: Final = re.compile(r"\S+")
# First words of _NAV_ITEM: the cheap test before a line is read for a run.
_NAV_FIRST: Final = frozenset(
    {
        "skip", "menu", "main", "open", "close", "search", "subscribe", "sign", "log",
        "login", "logout", "register", "home", "newsletter", "newsletters", "account",
        "my", "e-edition", "eedition", "toggle",
    }
)  # fmt: skip
# A navigation run glued before a paragraph has at least this many items.
_NAV_MIN_ITEMS: Final = 2
# A masthead's characters: capital letters, spaces and name punctuation.
_MASTHEAD: Final = re.compile(r"[A-Z][A-Z&.'\u2019 -]+\Z")
# Small words left in lower case when a masthead is set in title case.
_SMALL_WORDS: Final = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})
# The ideographic full stop and full-width marks end sentences in Chinese and Japanese.
_TERMINAL: Final = frozenset(".!?:;\u201d\u2019\"')\u2026\u3002\uff01\uff1f")


# ---------------------------------------------------------------- helpers

# How many words of a line the shape statistics read: enough to tell a
# sentence from a menu, and it keeps the cost flat on long paragraphs.
_SHAPE_SAMPLE: Final = 14
# A long line whose first words look like a menu (a paragraph opening with
# names: "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage")
# is read again on this many words before it is judged: on ECB+, 40 of 982
# one-paragraph articles lost their whole body to the short sample.
_SHAPE_SAMPLE_WIDE: Final = 80
# Lines longer than this are paragraphs: compared by exact text, not by key
# (folding is the costliest step per line; menus, headlines and footers fit).
_KEY_MAX_CHARS: Final = 160


def line_key(line: str) -> str:
    """A line folded for comparison: lower case, letters and digits only."""
    return _KEYS.get(line)


def _fold(line: str) -> str:
    # Runs of letters and digits joined by one space: what re.sub(r"[\W_]+",
    # " ", folded).strip() gives, without the regular expression engine for
    # most characters (see newsprism.text.words).
    return " ".join(folded_alnum_tokens(line))


# Menus and footers recur across a site's pages (see newsprism.text.memo).
_MEMO_SIZE: Final = 8192
_KEYS: Final = Memo(_fold, _MEMO_SIZE)


class _Shape:
    """Statistics of a line's shape, built once per line and never changed.

    A plain compiled class, not a NamedTuple or a dataclass: compiled, both
    of those are built by a generic call into a Python-level constructor
    (about 2,500 instructions, the cost of measuring a short line), this one
    by a direct call, and its fields are read without a lookup.
    """

    def __init__(self, words: int, caps: float, function: int, terminal: bool) -> None:
        self.words = words
        self.caps = caps  # share of the sampled words that start with a capital or digit
        self.function = function  # function words among the sampled words
        self.terminal = terminal  # ends like a sentence


def _shape(text: str) -> _Shape:
    """The shape of a line or piece (remembered for short ones: _SHAPES)."""
    return _measure(text) if len(text) > _KEY_MAX_CHARS else _SHAPES.get(text)


def _measure(text: str) -> _Shape:
    # Only the first words are split off; the word count comes from spaces
    # (the text is stripped, and runs of spaces are rare enough not to matter).
    sample = text.split(None, _SHAPE_SAMPLE)[:_SHAPE_SAMPLE]
    if not sample:
        return _Shape(0, 0.0, 0, False)
    if not text.isascii():
        unspaced = _unspaced_shape(text)
        if unspaced is not None:
            return unspaced
    n = len(sample) if len(sample) < _SHAPE_SAMPLE else text.count(" ") + 1
    caps, func = _caps_and_function(sample)
    if n >= _PROSE_LONG_WORDS and (caps >= _NAV_CAPS_RATIO * len(sample) or func < 2):
        sample = text.split(None, _SHAPE_SAMPLE_WIDE)[:_SHAPE_SAMPLE_WIDE]
        caps, func = _caps_and_function(sample)
    return _Shape(n, caps / len(sample), func, text[-1] in _TERMINAL)


# Scripts written without spaces between words: Thai and Lao, Myanmar,
# Khmer, hiragana and katakana, CJK ideographs (and extension A); Hangul is
# written with spaces, so not here. A line mostly in them has its words
# counted from its characters, since a whole sentence is one
# space-separated "word".
_UNSPACED_CHAR: Final = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
)
# Characters per word in those scripts: segmented Chinese and Japanese text
# averages about 1.5 to 2 characters a word; Thai words are longer, so 2
# over-counts Thai words, but a Thai line must still carry phrase breaks to
# count as prose (below). The larger figure errs towards fewer prose lines.
# Checked on the SemEval-2022 task 8 sample's Chinese texts (kept 209 -> 224
# of 231; no text of the nine other languages changed) and on Japanese and
# Thai articles (tests/fuzz_corpus).
_UNSPACED_CHARS_PER_WORD: Final = 2
# What stands for function words in such a line: clause and sentence
# punctuation (ideographic and full-width comma, full stop, enumeration
# comma, marks, and the ASCII comma) and the ASCII space, which separates
# phrases in Thai and Lao. A menu of link titles has none of the
# punctuation; a Thai menu has spaces, but its items are short (the word
# count above stays low).
_UNSPACED_BREAK: Final = re.compile("[\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a, ]")
_SPACE_BUT_BLANK: Final = re.compile(r"[^\S ]")


def _unspaced_shape(text: str) -> _Shape | None:
    """The shape of a line mostly in a script without spaces, else ``None``.

    Counted by regular expressions (one C-speed pass each): a line with no
    such character at all, the common case, costs one search.
    """
    if _UNSPACED_CHAR.search(text) is None:
        return None
    unspaced = len(_UNSPACED_CHAR.findall(text))
    breaks = len(_UNSPACED_BREAK.findall(text))
    other = len(text) - unspaced - breaks - len(_SPACE_BUT_BLANK.findall(text))
    if unspaced <= other:
        return None
    words = unspaced // _UNSPACED_CHARS_PER_WORD + len(text.split())
    return _Shape(words, 0.0, breaks, text[-1] in _TERMINAL)


# Pages of one site repeat their menus, footers and widget lines: the shape
# of such a line recurs often in a stream, so the last few thousand are kept.
# Paragraphs (longer than _KEY_MAX_CHARS) are not: each is unique to its
# page (but for reprints), and remembering it only pushed out lines that recur.
_SHAPES: Final = Memo(_measure, _MEMO_SIZE)


def _caps_and_function(words: list[str]) -> tuple[int, int]:
    """How many of ``words`` start with a capital or a digit, and how many are function words."""
    # One plain loop: compiled (see setup.py) it is several times faster than
    # map() and zip() transpositions, the fastest forms in the interpreter.
    # An ASCII first character is tested by its code: compiled, str.isupper()
    # is a method call by name, ord() a C operation. Every word has a first
    # character.
    caps = func = 0
    for w in words:
        code = ord(w[0])
        if code < 128:
            if 65 <= code <= 90 or 48 <= code <= 57:  # A-Z, 0-9
                caps += 1
        elif w[0].isupper() or w[0].isdigit():
            caps += 1
        if w in _FUNCTION_WORDS:
            func += 1
    return caps, func


def _is_prose(s: _Shape, *, last: bool = False) -> bool:
    """A sentence-shaped piece of text: long enough, with function words."""
    if s.words < _PROSE_MIN_WORDS or s.function < 2 or s.caps >= _NAV_CAPS_RATIO:
        return False
    return s.terminal or last or s.words >= _PROSE_LONG_WORDS


def _is_sentence(text: str, s: _Shape) -> bool:
    """A short but complete sentence ("He declined to comment.")."""
    return s.words >= 3 and s.terminal and s.caps < _NAV_CAPS_RATIO and text[:1].isupper()


def _is_date_line(text: str) -> bool:
    return _DATE_LINES.get(text)


def _date_line(text: str) -> bool:
    found = find_dates(text)
    if not found:
        return False
    covered = sum(d.end - d.start for d in found)
    return covered >= _DATE_LINE_COVER * len(text)


_DATE_LINES: Final = Memo(_date_line, _MEMO_SIZE)


def _has_credit(text: str) -> bool:
    """Ends with a photo credit: "(Name/Agency)", "[... via AP]", "/Reuters"."""
    tail = text[-_CREDIT_REACH:]
    if tail[-1:] in ")]" or "/" in tail or "via" in tail:
        return bool(_CREDIT_TAIL.search(tail))
    return False


def _headline_like(text: str, s: _Shape) -> bool:
    if not (_HEADLINE_MIN_WORDS <= s.words <= _HEADLINE_MAX_WORDS):
        return False
    if len(text) > _HEADLINE_MAX_CHARS or text.endswith("."):
        return False
    # A paragraph of quoted speech, or a sentence with clause commas.
    if text[:1] in '\u201c"' or text.count(",") > 2:
        return False
    return not (_has_credit(text) or _weather(text) or _is_date_line(text))


def _is_widget(text: str, s: _Shape) -> bool:
    """Weather, time, date, city: the short lines of a page-header widget."""
    if s.words < _HEADLINE_MIN_WORDS and not s.terminal:
        return True
    if s.words > _DATELINE_MAX_WORDS:
        return False
    return (
        _weather(text) or (text[:1].isdigit() and bool(_TIME_ONLY.match(text)))
    ) or _is_date_line(text)


def _weather(text: str) -> bool:
    first = text[:1]
    return (first == "-" or first.isdigit()) and bool(_WEATHER.match(text))


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS}


# ---------------------------------------------------------------- title


@dataclass(frozen=True, slots=True)
class _Title:
    text: str | None
    index: int  # line index of the title; -1 when none
    outlet: str | None


def _find_title(lines: Sequence[str], shapes: Sequence[_Shape]) -> _Title:
    window = min(len(lines), _TITLE_WINDOW)
    # Stop at the first prose line: a title comes before the body.
    for i in range(window):
        if _is_prose(shapes[i]):
            window = i
            break
    if not window:
        return _Title(None, -1, None)
    first = lines[0]
    if "|" in first or " - " in first or " \u2013 " in first or " \u2014 " in first:
        head, site = split_title(first)
        if site or "|" in first:
            return _Title(head, 0, site)
    keys = [line_key(x) if len(x) <= _KEY_MAX_CHARS else x for x in lines[: window + 2]]
    # A headline printed twice (page heading + article heading) is the title,
    # even below widget lines.
    for i in range(window):
        if not _headline_like(lines[i], shapes[i]):
            continue
        if any(keys[j] == keys[i] for j in range(i + 1, min(i + 3, len(keys)))):
            return _Title(lines[i], i, None)
    for i in range(window):
        if _is_widget(lines[i], shapes[i]):
            continue
        if _headline_like(lines[i], shapes[i]):
            return _Title(lines[i], i, None)
        break
    return _Title(None, -1, None)


# ---------------------------------------------------------------- glued lines


# For the prefilter of _cut_points: each byte by what the seam tests look
# at. Small letters to "a", capitals to "A", digits to "0", sentence stops
# to ".", closing brackets to ")", "|" and '"' to themselves, ASCII white
# space to a space, the other ASCII bytes to "#", and every byte of a UTF-8
# sequence to "x".
_SEAM_TABLE: Final = bytes(
    97
    if 97 <= b <= 122
    else 65
    if 65 <= b <= 90
    else 48
    if 48 <= b <= 57
    else 46
    if b in b".!?"
    else 41
    if b in b")]"
    else b
    if b in b'|"'
    else 32
    if b in b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
    else 35
    if b < 128
    else 120
    for b in range(256)
)
# The byte classes of every cut _cut_points makes in ASCII text: a pipe;
# 'end."' (an opening quote after a sentence); at a capital, "wordWord" (two
# small letters before it), "end.Start", 'end."Start', "[credit]Start",
# "2023Israeli". Outside ASCII a character ("x") may be a small letter or a
# closing quote: a capital after one, or a cut whose small letter before
# the stop or the capital, or after the capital of a number, is one.
_CAPITAL_SEAMS: Final = ("aaA", "a.A", '."A', ")A", "0Aa")
_WIDE_CAPITAL_SEAMS: Final = ("xA", "xaA", "x.A", "0Ax")


def _may_have_seams(line: str) -> bool:
    """False only when :func:`_seams` cuts nothing in ``line``.

    The search for candidates, and the tests of each, ran on every line
    that held a capital after a non-space ('(Photo: Name', '"Our crews',
    "Mr O'Neil"): a quarter of the synthetic pages' lines, at some 17k
    instructions each. The byte classes of the line tell whether any
    candidate would pass the tests: a few substring searches in C. A
    property test in tests/test_clean.py holds this to :func:`_seams`.
    """
    if not line:
        return True
    if line.isascii():
        raw = line.encode("ascii")
    elif "\u00a9" in line or "\u201c" in line or "\u2018" in line:
        return True
    else:
        raw = line.encode("utf-8", "surrogatepass")
    # (As a str: compiled, ``in`` is a direct call into C, its bytes form a
    # method call by name.)
    classes = raw.translate(_SEAM_TABLE).decode("ascii")
    wide = "x" in classes
    if "|" in classes or 'a."' in classes or (wide and 'x."' in classes):
        return True
    # Every other cut is at a capital after a non-space; most lines have
    # none (two counts), and the rest are read for the cuts' classes.
    if classes.count("A") == classes.count(" A") + (classes[0] == "A"):
        return False
    for seam in _CAPITAL_SEAMS:
        if seam in classes:
            return True
    if wide:
        for seam in _WIDE_CAPITAL_SEAMS:
            if seam in classes:
                return True
    return False


def _cut_points(line: str) -> list[tuple[int, int]]:
    """(start, end) of the text to remove at each seam (end == start: a cut)."""
    return _seams(line) if _may_have_seams(line) else []


def _seams(line: str) -> list[tuple[int, int]]:
    """:func:`_cut_points` without its prefilter."""
    cuts: list[tuple[int, int]] = []
    for m in _SEAM_CAND.finditer(line, 1):
        i = m.start()
        c = line[i]
        if c == "|":
            cuts.append((i, i + 1))
            continue
        if c == "\u00a9":
            cuts.append((i, i))
            continue
        b = line[i - 1]
        # c is a capital A-Z or an opening quote (the pattern's other cases).
        if b == " " or (c in '\u201c\u2018"' and b not in ".!?"):
            continue
        if _is_lower(b):
            # "wordWord" needs two lower-case letters, so "McDonald" and
            # "iPhone" are not seams.
            if i > 1 and _is_lower(line[i - 2]):
                cuts.append((i, i))
        elif b in ".!?":
            if i > 1 and _is_lower(line[i - 2]):
                cuts.append((i, i))
        elif b in '\u201d\u2019"':
            if i > 1 and line[i - 2] in ".!?":
                cuts.append((i, i))
        elif b in ")]" or (b.isdigit() and i + 1 < len(line) and _is_lower(line[i + 1])):
            # "[credit]Start"; "2023Israeli", not "F16A" or "3D".
            cuts.append((i, i))
    return cuts


def _is_lower(c: str) -> bool:
    """``c.islower()`` for one character."""
    # Compiled (see setup.py), str.islower() is a method call by name and
    # ord() a C operation: an ASCII character is answered by its code.
    code = ord(c)
    return 97 <= code <= 122 if code < 128 else c.islower()


def _pieces(line: str) -> tuple[str, ...]:
    """The blocks glued together in ``line`` (remembered for the short ones, like _shape)."""
    return _cut(line) if len(line) > _KEY_MAX_CHARS else _GLUED.get(line)


def _cut(line: str) -> tuple[str, ...]:
    if "-" in line and _ICON_HINT.search(line):
        line = _drop_icons(line)
    cuts = _cut_points(line)
    out: list[str] = []
    pos = 0
    for start, end in cuts:
        out.extend(line[pos:start].split(_ICON_MARK))
        pos = end
    out.extend(line[pos:].split(_ICON_MARK))
    if _ICON_MARK in line:
        # Keep a marker piece where icons were, so the line counts as glued.
        out.append(_ICON_MARK)
    return tuple(p.strip() for p in out if p.strip())


def _drop_icons(line: str) -> str:
    """``_ICON.sub(_ICON_MARK, line)``, searched only in the words that can hold an icon name.

    An icon name is lower-case letters and hyphens, with a hyphen in it, and
    the pattern looks at nothing around it, so substituting in each run of
    [a-z-] that holds a hyphen gives the same line. Searched whole, a
    paragraph that merely says "follow-up" cost a try of every branch at
    every character, the last branch scanning to the end of each word.
    """
    out: list[str] = []
    done = 0  # line[:done] is settled
    end = len(line)
    hyphen = line.find("-")
    while hyphen >= 0:
        start = hyphen
        while start > done and _in_icon(line[start - 1]):
            start -= 1
        stop = hyphen + 1
        while stop < end and _in_icon(line[stop]):
            stop += 1
        out.append(line[done:start])
        out.append(_ICON.sub(_ICON_MARK, line[start:stop]))
        done = stop
        hyphen = line.find("-", stop)
    out.append(line[done:])
    return "".join(out)


def _in_icon(c: str) -> bool:
    return c == "-" or "a" <= c <= "z"


# Menus, footers and captions recur across a site's pages: the pure per-line
# tests are remembered like _shape and line_key.
_GLUED: Final = Memo(_cut, _MEMO_SIZE)


def _split_glued(line: str, title_key: str) -> tuple[list[str], bool]:
    """Cut a line of glued blocks into the prose blocks to keep.

    Returns the kept pieces (already joined where they were adjacent) and
    whether the line was treated as glued at all. A line with no seams, or
    whose seams are only word-internal capitals ("LinkedIn"), is not glued.
    """
    pieces = _pieces(line)
    if len(pieces) < 2:
        return [line], False
    last = len(pieces) - 1
    # The title is only compared with pieces long enough to be it.
    title_min = len(title_key) // 2 if title_key else _KEY_MAX_CHARS + 1
    # 'B' boilerplate for sure, 'P' prose, 'N' neither (menu words, link
    # titles). The costlier chrome and date tests only run on the 'N' pieces
    # whose fate depends on them; a piece too short to be prose gets only a
    # word count, not a full shape.
    kinds: list[str] = []
    words: list[int] = []
    for i, p in enumerate(pieces):
        s = _shape(p) if p.count(" ") >= _PROSE_MIN_WORDS - 1 else None
        words.append(s.words if s else len(p.split()))
        if (
            p == _ICON_MARK
            or p[0] == "\u00a9"
            or _has_credit(p)
            or (title_min <= len(p) <= _KEY_MAX_CHARS and line_key(p) == title_key)
        ):
            kinds.append("B")
        elif s and _is_prose(s, last=i == last):
            kinds.append("P")
        else:
            kinds.append("N")
    if "B" not in kinds:
        for i, k in enumerate(kinds):
            if k == "N" and _boilerplate_piece(pieces[i], words[i]):
                kinds[i] = "B"
        if "B" not in kinds and not _has_menu_run(kinds, words):
            return [line], False
    if "P" not in kinds:
        return [], True
    # Keep prose, and non-prose pieces sandwiched between prose pieces (a
    # word-internal capital split a sentence in two).
    sandwiched = _sandwiched(kinds)
    out: list[str] = []
    current = ""
    for i, (p, k) in enumerate(zip(pieces, kinds, strict=True)):
        keep = k == "P" or (k == "N" and sandwiched[i] and not _boilerplate_piece(p, words[i]))
        if not keep:
            if current:
                out.append(current)
            current = ""
        elif not current:
            current = p
        else:
            current += " " + p
    if current:
        out.append(current)
    return out, True


def _has_menu_run(kinds: Sequence[str], words: Sequence[int]) -> bool:
    """Three short non-prose pieces in a row: menu items glued together."""
    run = 0
    for k, n in zip(kinds, words, strict=True):
        run = run + 1 if k == "N" and n <= _MENU_ITEM_WORDS else 0
        if run >= _MENU_RUN:
            return True
    return False


def _boilerplate_piece(p: str, words: int) -> bool:
    """A date stamp, a date, or CMS chrome ("Show more", "Sign in")."""
    if words <= _DATELINE_MAX_WORDS and (_stamp_date(p) or _is_date_line(p)):
        return True
    return words <= _PHRASE_MAX_WORDS and _is_chrome(p)


def _sandwiched(kinds: Sequence[str]) -> list[bool]:
    """For each piece: the nearest non-'N' pieces on both sides are prose."""
    before: list[str] = []
    prev = ""
    for k in kinds:
        before.append(prev)
        if k != "N":
            prev = k
    out = [False] * len(kinds)
    nxt = ""
    for i in range(len(kinds) - 1, -1, -1):
        out[i] = before[i] == "P" and nxt == "P"
        if kinds[i] != "N":
            nxt = kinds[i]
    return out


def _is_chrome(text: str) -> bool:
    return _CHROME_LINES.get(text)


def _chrome(text: str) -> bool:
    lower = text.lower()
    return bool(
        (_has_opener(lower, _CHROME_OPENERS) and _CHROME.search(lower))
        or ("min" in lower and _READ_TIME.search(lower))
        or (lower[:1] in _CHROME_HEAD_FIRST and _CHROME_HEAD.match(lower))
    )


def _comment_author(lines: Sequence[str], i: int, words: int) -> bool:
    """``lines[i]`` opens a reader's comment: its author, with a stamp on it or just below."""
    if words > _COMMENT_AUTHOR_WORDS or not _COMMENT_AUTHOR.search(lines[i]):
        return False
    if _COMMENT_STAMPED_AUTHOR.search(lines[i]) and _COMMENT_STAMP.match(lines[i]):
        return True
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return len(below.split()) <= _COMMENT_STAMP_WORDS and bool(_COMMENT_STAMP.match(below))


def _is_comment_form(text: str) -> bool:
    return _COMMENT_LINES.get(text)


def _comment_form(text: str) -> bool:
    lower = text.lower()
    return bool(
        (_has_opener(lower, _COMMENT_OPENERS) and _COMMENT_FORM.search(lower))
        # (a heading opens with a word of the pattern or a number: \d is a
        # decimal, and every decimal is a digit)
        or ((lower[:1] in "svlr" or lower[:1].isdigit()) and _COMMENT_HEAD.match(lower))
    )


_CHROME_LINES: Final = Memo(_chrome, _MEMO_SIZE)
_COMMENT_LINES: Final = Memo(_comment_form, _MEMO_SIZE)


def _has_opener(text: str, openers: Sequence[str]) -> bool:
    return any(opener in text for opener in openers)


# ---------------------------------------------------------------- dates


def _stamp_date(text: str) -> date | None:
    """The date right after "Published"/"Posted on"/... in ``text``."""
    for word in _STAMP_WORDS:
        i = text.find(word)
        while i >= 0:
            after = i + len(word)
            for d in find_dates(text[after : after + _STAMP_REACH + _DATE_MAX_CHARS]):
                if _STAMP_GAP.match(text, after, after + d.start):
                    return d.value
            i = text.find(word, after)
    return None


def _unwrap(raw_lines: Sequence[str]) -> list[str]:
    """Non-empty lines, with hard-wrapped paragraphs joined back into one line.

    A block of lines (between blank lines) is one wrapped paragraph when its
    line breaks look like a greedy wrap (see _is_wrapped); elsewhere a long
    line that does not end like a sentence is joined to a next line that
    starts in lower case.
    """
    out: list[str] = []
    block: list[str] = []
    for ln in [*raw_lines, ""]:
        if ln:
            block.append(ln)
            continue
        if not block:
            continue
        if _is_wrapped(block):
            out.append(" ".join(block))
        else:
            for x in block:
                if (
                    out
                    and _is_lower(x[0])
                    and len(out[-1]) >= _WRAP_MIN_CHARS
                    and out[-1][-1] not in _TERMINAL
                ):
                    out[-1] += " " + x
                else:
                    out.append(x)
        block = []
    return out


def _is_wrapped(block: Sequence[str]) -> bool:
    """Lines broken by a greedy wrap: each break came where the next word no
    longer fit the width, and not every break falls at a sentence's end."""
    if len(block) < 2:
        return False
    width = max(len(x) for x in block)
    if width < _WRAP_MIN_WIDTH:
        return False
    for x, nxt in itertools.pairwise(block):
        if len(x) + 1 + len(nxt.split(None, 1)[0]) <= width:
            return False
    return any(x[-1] not in _TERMINAL for x in block[:-1])


def _drop_sr_lists(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _SR_LIST.finditer(text):
        start = m.start()
        head = _SR_HEADING.search(text, max(pos, start - _SR_HEADING_REACH), start)
        if head:
            start = head.start()
        out.append(text[pos:start])
        out.append("\n")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _published(
    lines: Sequence[str], shapes: Sequence[_Shape], title: _Title, url_date: date | None
) -> date | None:
    """The publication date: a "Published ..." stamp, else a dateline.

    A dateline is a date line in the header block between the title and the
    first paragraph ("Tuesday 4 June 2024, 9:15am"), or a date in or right
    under a byline before the second paragraph. Render dates are never read:
    anything above the title (the widget block), a date sharing its line or
    its small block with weather words or a temperature, and a date well
    after another date the page gives (an earlier dateline, the URL's date).
    """
    found = _stamp_date("\n".join(lines))
    if found:
        return found
    candidates: list[date] = []
    prose = 0
    after_byline = False
    stop = min(len(lines), title.index + 1 + _DATELINE_SCAN)
    for j in range(title.index + 1, stop):
        line, s = lines[j], shapes[j]
        if _is_prose(s):
            prose += 1
            if prose >= _DATELINE_PROSE:
                break
            after_byline = False
            continue
        byline = s.words <= _DATELINE_MAX_WORDS and _byline_opens(line)
        # Without a title there is no telling a header block from a widget
        # block: only dates anchored to a byline count.
        header = title.index >= 0 and prose == 0
        if (byline or after_byline or (header and _is_date_line(line))) and (
            s.words <= _DATELINE_MAX_WORDS
        ):
            # The date first: most bylines hold none, and finding that out is
            # cheaper than the widget tests.
            dated = find_dates(line)
            if dated and not _CHANGE_DATE.search(line) and not _near_widget(lines, j):
                candidates.append(dated[0].value)
        after_byline = byline
    if url_date:
        candidates.append(url_date)
    if not candidates:
        return None
    floor = min(candidates)
    return next(d for d in candidates if (d - floor).days <= _RENDER_LAG_DAYS)


def _near_widget(lines: Sequence[str], j: int) -> bool:
    """Line ``j`` or a short line near it holds weather or a temperature."""
    if _has_widget_words(lines[j]):
        return True
    for k in range(max(0, j - _RENDER_REACH), min(len(lines), j + _RENDER_REACH + 1)):
        if k != j and len(lines[k]) <= _KEY_MAX_CHARS and _has_temperature(lines[k]):
            return True
    return False


def _has_temperature(line: str) -> bool:
    # A temperature ends in a degree sign, C or F: most lines hold none, and
    # three substring tests are much cheaper than the search.
    return ("C" in line or "F" in line or "\u00b0" in line) and bool(_TEMPERATURE.search(line))


def _has_widget_words(line: str) -> bool:
    """``_WIDGET_VOCAB.search(line)``, answered without the search for most lines."""
    if line.isascii():
        # In ASCII text the search (ignoring case) can only match where the
        # lower-cased line holds a weather word, or a "c" or "f" of a
        # temperature. (Outside ASCII, "\u017f" matches "s" and "\u0130"
        # matches "i": the search decides.)
        low = line.lower()
        if not ("c" in low or "f" in low or _has_opener(low, _WEATHER_WORDS)):
            return False
    return bool(_WIDGET_VOCAB.search(line))


# ---------------------------------------------------------------- main


def clean_text(
    raw: str,
    *,
    url: str | None = None,
    known_boilerplate: Collection[str] | None = None,
    metadata: bool = True,
) -> Extracted:
    """Clean the scraped text of one news page: the rules, then the learned body lines.

    :func:`clean_by_rules` removes what has a recognisable form;
    :func:`newsprism.text.bodylines.body_lines` then keeps the page's main block of
    article lines among what the rules kept (teasers, labels, comments go).
    Without ``metadata`` the page's outlet and date are not read (``None``):
    extraction reads them with :mod:`newsprism.text.sitename` and
    :mod:`newsprism.text.pubdate` and drops these first-match guesses, which
    cost 0.19 M of the plain-text path's 7.70 M instructions per article
    (benchmarks/instructions.py).
    """
    found, candidates, codes = _rule_pass(raw, url, known_boilerplate, metadata)
    return found.extracted(body_lines(candidates, codes))


def clean_body(raw: str, *, url: str | None = None) -> tuple[str, str | None]:
    """:func:`clean_text`'s text and title, without its outlet and date (not read).

    For extraction, which reads the page's outlet and date itself and builds
    its own :class:`~newsprism.models.Extracted` (see
    :func:`newsprism.text.extract.extract`).
    """
    found, candidates, codes = _rule_pass(raw, url, None, False)
    return "\n\n".join(body_lines(candidates, codes)), found.title


def clean_by_rules(
    raw: str,
    *,
    url: str | None = None,
    known_boilerplate: Collection[str] | None = None,
) -> Extracted:
    """Clean the scraped text of one news page by rules alone."""
    found = _rule_pass(raw, url, known_boilerplate)[0]
    return found.extracted(found.body)


class _Found:
    """The rules' verdict on a page: the body lines they keep, and its metadata.

    (A plain compiled class, built by a direct call: see _Shape.)
    """

    def __init__(
        self,
        body: list[str],
        title: str | None,
        outlet: str | None,
        published: date | None,
        url: str | None,
    ) -> None:
        self.body = body
        self.title = title
        self.outlet = outlet
        self.published = published
        self.url = url

    def extracted(self, body: list[str]) -> Extracted:
        """The page's :class:`Extracted` with ``body`` (lines) as its text."""
        # Built once, with the final text: dataclasses.replace() of a first
        # Extracted is interpreted code that reads every field back, and the
        # rules' own text is joined only when it is the one returned.
        return Extracted(
            text="\n\n".join(body),
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            url=self.url,
        )


def _rule_pass(
    raw: str, url: str | None, known_boilerplate: Collection[str] | None, metadata: bool = True
) -> tuple[_Found, list[str], list[int]]:
    """The rules' verdict on a page, and every line they saw with where it ended.

    Besides the rules' own verdict (:class:`_Found`), returns the page's lines (the
    kept pieces of a glued line in its place) in page order, each with a
    :mod:`newsprism.text.bodylines` code: kept, dropped by a rule, at or above the
    title, below a comment form.

    The verdict holds the article body (its paragraphs), the
    title, the outlet (title suffix, copyright or "Source:" line, else the
    URL's domain) and the published date (``None`` unless the text states it
    in a "Published ..." stamp or a dateline under the title; a date in a
    widget block above the title is the page's render date). A line whose
    :func:`line_key` is in ``known_boilerplate`` (see
    :func:`site_boilerplate`) is dropped. Without ``metadata`` the outlet and
    the date are ``None`` (not read).
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\u200b" in text or "\ufeff" in text or "\u200d" in text or "\u2060" in text:
        text = _ZERO_WIDTH.sub("", text)
    if "list of " in text and "end of list" in text:
        text = _drop_sr_lists(text)
    lines = _unwrap([x.strip() for x in text.split("\n")])
    shapes = [_shape(ln) for ln in lines]
    _strip_nav_prefix(lines, shapes)

    title = _find_title(lines, shapes)
    title_key = line_key(title.text) if title.text else ""
    # Lines up to this long may be the title with a breadcrumb glued before it.
    title_span = len(title.text) + _BREADCRUMB_MAX_CHARS if title.text else 0
    title_min = len(title.text) // 2 if title.text else 1
    published = _published(lines, shapes, title, date_from_url(url)) if metadata else None

    credit: str | None = None  # the name in a copyright or "Source:" line
    end = len(lines)
    comments = False  # the loop stopped at a reader's comment (not at a form)
    kept: list[tuple[str, _Shape]] = []
    captions: set[str] = set()  # caption titles the rules took out
    seen: set[str] = set()
    in_related = False
    trace = [(line, ABOVE_TITLE) for line in lines[: max(0, title.index)]]
    if title.index >= 0:
        trace.append((lines[title.index], TITLE))
    for i in range(title.index + 1, len(lines)):
        line = lines[i]
        s = shapes[i]
        at = len(trace)
        trace.append((line, KEPT))
        # The folded key is only needed to compare with the title or with
        # known boilerplate; repeats are caught on the exact text.
        near_title = title_min <= len(line) <= title_span
        key = (
            line_key(line)
            if near_title or (known_boilerplate and len(line) <= _KEY_MAX_CHARS)
            else line
        )
        if s.words <= 2 * _PHRASE_MAX_WORDS and _is_comment_form(line):
            end = i
            trace.pop()  # traced below, with the rest
            break  # the rest of the page is the comment form and comments
        if line[-1:] == ":" and _comment_author(lines, i, s.words):
            end = i
            comments = True
            trace.pop()
            break  # readers' comments, whose form was printed below them or not at all
        if known_boilerplate and key in known_boilerplate:
            trace[at] = (line, SITE_REPEAT)
            continue
        if metadata and credit is None:
            credit = _credit_name(line)
        if (
            line[:1] in _RELATED_LINK_FIRST
            and _may_open(line, _RELATED_LINK_HEADS)
            and _RELATED_LINK.match(line)
        ):
            trace[at] = (line, RELATED)
            continue
        if (
            s.words <= _PHRASE_MAX_WORDS
            and line[:1] in _RELATED_HEADER_FIRST
            and _may_open(line, _RELATED_HEADER_HEADS)
            and _RELATED_HEADER.match(line)
        ):
            in_related = True
            trace[at] = (line, RELATED)
            continue
        if in_related:
            if not _is_prose(s):
                trace[at] = (line, RELATED)
                continue
            in_related = False
        # A repeated headline, or a breadcrumb glued in front of it.
        if near_title and (
            key == title_key
            or (key.endswith(title_key) and len(key) - len(title_key) <= _BREADCRUMB_MAX_CHARS)
        ):
            trace[at] = (line, TITLE_REPEAT)
            continue
        pieces, glued = _split_glued(line, title_key)
        if glued:
            trace[at:] = [(p, DUPLICATE if p in seen else KEPT) for p in pieces]
            for p in pieces:
                if p not in seen:
                    seen.add(p)
                    kept.append((p, _shape(p)))
            continue
        if line in seen:
            trace[at] = (line, DUPLICATE)
            continue
        if (line.startswith("Source") and _SOURCE.match(line)) or (
            s.words <= _PHRASE_MAX_WORDS and _has_copyright(line)
        ):
            trace[at] = (line, COPYRIGHT)
            continue
        if (
            s.words <= 2 * _PHRASE_MAX_WORDS
            and line[:1] in _CREDIT_LINE_FIRST
            and _may_open(line, _CREDIT_LINE_HEADS)
            and _CREDIT_LINE.match(line)
        ) or _has_credit(line):
            # A caption ending in its credit; a short heading above it that
            # it restates is the caption's title.
            if kept and not _is_prose(kept[-1][1]) and _restated(kept[-1][0], line, kept[-1][1]):
                captions.add(kept.pop()[0])
            trace[at] = (line, CREDIT)
            continue
        if s.words <= _PHRASE_MAX_WORDS and _is_chrome(line) and not _is_sentence(line, s):
            trace[at] = (line, CHROME)
            continue
        if s.words <= 2 * _PHRASE_MAX_WORDS and (
            (
                line[:1] in _SYNDICATION_FIRST
                and _may_open(line, _SYNDICATION_HEADS)
                and _SYNDICATION.match(line)
            )
            or _is_staff_credit(line)
        ):
            trace[at] = (line, SYNDICATION)
            continue  # "This article was originally published by ..."
        if _is_byline(line, s):
            trace[at] = (line, BYLINE)
            continue
        if _is_widget(line, s) and not _is_sentence(line, s):
            trace[at] = (line, WIDGET)
            continue
        if s.words >= _PROSE_LONG_WORDS and s.caps >= _NAV_CAPS_RATIO and not s.terminal:
            trace[at] = (line, MENU)
            continue  # a menu run with spaces ("Home World Politics Business ...")
        seen.add(line)
        kept.append((line, s))

    # A short line restated by the next one is a caption title.
    body: list[tuple[str, _Shape]] = []
    for j, (line, s) in enumerate(kept):
        if not _is_prose(s) and j + 1 < len(kept) and _restated(line, kept[j + 1][0], s):
            continue
        body.append((line, s))
    if metadata and credit is None:
        # The footer below a comment form (the loop stopped there).
        for line in lines[max(end, len(lines) - _FOOTER_LINES) :]:
            credit = _credit_name(line)
            if credit:
                break
    outlet = (
        (
            title.outlet
            or _masthead(lines, shapes, title, credit)
            or credit
            or (outlet_from_url(url) if url else None)
        )
        if metadata
        else None
    )
    final = _trim(body)
    # Below a stamped comment author everything is comments and the page's
    # footer: never body, and no run of the main block reaches across it
    # (below a form, the model may still revive a line: a "Leave a comment"
    # link can stand above the article).
    trace.extend(
        (line, COMMENT_FORM if comments or _is_comment_form(line) else BELOW_FORM)
        for line in lines[end:]
    )
    chosen = set(final)
    captions.update({line for line, _ in kept} - {line for line, _ in body})
    first = next((k for k, (t, code) in enumerate(trace) if code == KEPT and t in chosen), 0)
    found = _Found(body=final, title=title.text, outlet=outlet, published=published, url=url)
    return (
        found,
        [t for t, _ in trace],
        [_final_code(t, code, k < first, chosen, captions) for k, (t, code) in enumerate(trace)],
    )


def _final_code(
    line: str, code: int, head: bool, chosen: Collection[str], captions: Collection[str]
) -> int:
    """Where a traced line ended: kept, or why the last passes took it out."""
    if code != KEPT or line in chosen:
        return code
    if line in captions:
        return CAPTION
    return TRIMMED_HEAD if head else TRIMMED


def _may_open(line: str, heads: frozenset[str]) -> bool:
    """False only when no match of a start-anchored pattern can open ``line``.

    ``heads``: the first three letters of every match of the pattern
    (ignoring case), lower case. An ASCII character matches, ignoring case,
    only its own letter in either case (the other characters that match a
    letter, "\u0130", "\u0131", "\u017f", "\u212a", are not ASCII), so a
    line opening with three ASCII characters that are none of the heads is
    ruled out; any other opening goes on to the match. On 1,000 synthetic
    pages 28,000 of the 30,000 lines the first character let through to
    these patterns stop here: the plain-text path went from 7.50 to 7.45 M
    instructions per article (benchmarks/instructions.py --repeat 3).
    tests/test_clean.py holds each head set to its pattern.
    """
    head = line[:3]
    if head.lower() in heads:
        return True
    return any(ord(c) >= 128 for c in head)


def _has_copyright(line: str) -> bool:
    """``_COPYRIGHT.search(line)``, answered without the search for most lines."""
    # A match holds a copyright sign, "(c)" or "copyright" in any case, so the
    # line holds "\u00a9", "(" or (lower-cased) "pyr": no other character
    # lower-cases to, or matches ignoring case, p, y or r.
    return ("\u00a9" in line or "(" in line or "pyr" in line.lower()) and bool(
        _COPYRIGHT.search(line)
    )


def _credit_name(line: str) -> str | None:
    """The outlet named by a copyright footer or a "Source:" line."""
    if "\u00a9" in line or "opyright" in line or line[:7] == "Source:":
        m = _COPYRIGHT.search(line) or _SOURCE.match(line)
        if m:
            return strip_corporate_suffix(m.group("name"))
    return None


def _is_byline(line: str, s: _Shape) -> bool:
    """A byline line: "By Name, Role" (short, capitalised, no full stop)."""
    return (
        s.words <= _DATELINE_MAX_WORDS
        and not s.terminal
        and s.caps >= _NAV_CAPS_RATIO
        and _byline_opens(line)
    )


def _byline_opens(line: str) -> bool:
    return line[:1] in _BYLINE_FIRST and bool(_BYLINE.match(line))


def _masthead(
    lines: Sequence[str], shapes: Sequence[_Shape], title: _Title, credit: str | None
) -> str | None:
    """The outlet's name set in capitals at the top of the page.

    The first all-capitals line of 2-6 words among the header lines (before
    the first paragraph), in title case. Section labels are set in capitals
    too, so the line must either start with "THE" or share a word with the
    copyright footer.
    """
    for i in range(min(len(lines), _TITLE_WINDOW + 1)):
        line, s = lines[i], shapes[i]
        if _is_prose(s):
            break
        if i == title.index or not (_MASTHEAD_MIN_WORDS <= s.words <= _MASTHEAD_MAX_WORDS):
            continue
        if not line.isupper() or not _MASTHEAD.match(line) or _is_chrome(line):
            continue
        words = line.split()
        known = {w.casefold(): w for w in (credit or "").split()}
        if words[0] != "THE" and not any(w.casefold() in known for w in words):
            continue
        return " ".join(
            known.get(w.casefold())
            or (w.lower() if n and w.lower() in _SMALL_WORDS else w.capitalize())
            for n, w in enumerate(words)
        )
    return None


def _strip_nav_prefix(lines: list[str], shapes: list[_Shape]) -> None:
    """Cut a navigation run glued, with spaces, before the first paragraph.

    "Skip to content Home News Sport The council voted ...": the leading
    items are generic navigation words or repeat the short menu lines above
    (the header's menu, printed a second time). At least two items must go,
    and what is left must read as a paragraph. Only the first paragraph is
    looked at, in place.
    """
    menu: set[str] = set()
    for i in range(min(len(lines), _DATELINE_SCAN)):
        line, s = lines[i], shapes[i]
        if s.words >= _NAV_MIN_ITEMS + _PROSE_MIN_WORDS:
            first = line.split(None, 1)[0]
            if first.lower() in _NAV_FIRST or line_key(first) in menu:
                rest = _after_nav_run(line, menu)
                if rest is not None:
                    lines[i] = rest
                    shapes[i] = _shape(rest)
                    return
            if _is_prose(s):
                return
        if "|" in line:
            menu.update(line_key(x) for x in line.split("|") if len(x.split()) <= _MENU_ITEM_WORDS)
        elif s.words <= _MENU_ITEM_WORDS:
            menu.add(line_key(line))


def _after_nav_run(line: str, menu: Collection[str]) -> str | None:
    # A navigation run is a few dozen words at most: read the words of the
    # line's head, and the whole line only if the run may reach past it.
    partial = len(line) > _NAV_HEAD_CHARS
    words = [(m.start(), m.group()) for m in _NON_SPACE.finditer(line, 0, _NAV_HEAD_CHARS)]
    if partial:
        words = words[:-1]  # the head may cut its last word in two
    result = _nav_run_end(line, words, menu, partial=partial)
    if result is None and partial:
        whole = [(m.start(), m.group()) for m in _NON_SPACE.finditer(line)]
        result = _nav_run_end(line, whole, menu, partial=False)
    return result or None


def _nav_run_end(
    line: str, words: list[tuple[int, str]], menu: Collection[str], *, partial: bool
) -> str | None:
    """The prose after a run of navigation items opening ``line``; "" if none.

    ``words`` are the line's first words with their offsets; when they are
    only its head (``partial``), ``None`` means the run may go on past them.
    """
    # The folded form of a chunk of words is that of its words joined (folding
    # and cutting into letters and digits work character by character), so
    # each word is folded once, not once per chunk it is in.
    keys: list[str] = []
    i = items = 0
    while i < len(words):
        if partial and i + _MENU_ITEM_WORDS > len(words):
            return None  # an item here may need words past the head
        # Every item of _NAV_ITEM opens with a word of _NAV_FIRST: an ASCII
        # first word (which matches ignoring case only its own letters)
        # that is none of them rules out every chunk it opens.
        lead = words[i][1]
        may_be_item = not lead.isascii() or lead.lower() in _NAV_FIRST
        for n in range(min(_MENU_ITEM_WORDS, len(words) - i), 0, -1):
            if may_be_item:
                chunk = " ".join(w for _, w in words[i : i + n])
                if chunk[:1] in _NAV_ITEM_FIRST and _NAV_ITEM.match(chunk):
                    break
            if menu:
                while len(keys) < i + n:
                    keys.append(line_key(words[len(keys)][1]))
                if " ".join(k for k in keys[i : i + n] if k) in menu:
                    break
        else:
            break
        i += n
        items += 1
    if items < _NAV_MIN_ITEMS or i >= len(words):
        return ""
    rest = line[words[i][0] :]
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\u201c\u2018\"'"):
        return ""
    return rest if _is_prose(_shape(rest)) else ""


def _restated(short: str, following: str, s: _Shape | None = None) -> bool:
    """Most content words of a short untitled line reappear in the next line."""
    s = s or _shape(short)
    if s.words > _CAPTION_MAX_WORDS or s.terminal:
        return False
    words = _content_words(short)
    if len(words) < _CAPTION_MIN_CONTENT:
        return False
    return len(words & _content_words(following)) >= _CAPTION_OVERLAP * len(words)


def _trim(body: Sequence[tuple[str, _Shape]]) -> list[str]:
    """Drop non-sentence lines before the first and after the last prose line."""
    prose = [i for i, (_, s) in enumerate(body) if _is_prose(s)]
    if not prose:
        return [b for b, s in body if _is_sentence(b, s)]
    first, last = prose[0], prose[-1]
    return [b for i, (b, s) in enumerate(body) if first <= i <= last or _is_sentence(b, s)]


def site_boilerplate(texts: Sequence[str], *, min_pages: int = 2) -> frozenset[str]:
    """Lines (as :func:`line_key` forms) that repeat across pages of one site.

    A line counts when it appears on at least ``min_pages`` pages and on at
    least 30% of them: menus, footers, newsletter pitches. Pass the result to
    :func:`clean_text` as ``known_boilerplate``.
    """
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(
            {
                line_key(ln) if len(ln) <= _KEY_MAX_CHARS else ln
                for ln in (x.strip() for x in t.splitlines())
                if ln
            }
        )
    need = max(min_pages, math.ceil(_SITE_REPEAT_SHARE * len(texts)))
    return frozenset(k for k, c in counts.items() if k and c >= need)
