"""The outlet and the page's own URL, recovered from a scraped page's raw text.

A naive scraper keeps every visible text node: the ``<title>`` line at the
top ("Headline - SlashGear"), menus, "Search X" boxes, "Follow X on Twitter",
copyright footers ("(c) 2005-2019 X, All Rights Reserved."), links and
e-mail addresses written out, brand words opening menu lines ("X Podcasts",
"X Shop") and wire credits ("(Reuters) -"). Each names a *candidate*
outlet; none is reliable alone (a title suffix may be a section, a copyright
holder a parent company, a link a third party). The reported name is the
candidate most sources agree on (a related form counts: "BBC" / "BBC News",
"Sportsnet" / "Sportsnet.ca", or a domain in the page whose letters hold the
name's); it needs two agreeing sources, or the title suffix. The rule was
designed on the ``fit`` half of the scraped set and is scored on both halves
by ``benchmarks/scraped_outlets.py``, which also compares it with a logistic
regression fitted on the fit half over the same evidence.

:func:`outlet_from_text` and :func:`url_from_text` take the whole raw page
text, before cleaning; :func:`site_of_text` returns both at once. Pure
functions: regexes compiled at import, and the only module state is what
each line says (remembered per line with :class:`newsprism.text.memo.Memo`, as the
cleaner remembers its line tests), which never changes a result.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, final
from urllib.parse import urlsplit

from newsprism.text.memo import Memo
from newsprism.text.meta import find_dates, split_title, strip_corporate_suffix

__all__ = ["Site", "outlet_from_text", "site_of_text", "url_from_text"]


@dataclass(frozen=True, slots=True)
class Site:
    """What a page's text says about where it was published.

    ``outlet`` is the publication's name as the site writes it ("SlashGear",
    "OregonLive.com", "The Hill"), or ``None`` when the text does not name it
    convincingly. ``url`` is the page's own article URL, normalised, when the
    text holds it ("Copy this link", a canonical or short-URL line, a link
    whose path repeats the headline), else ``None``.
    """

    outlet: str | None
    url: str | None


# ---------------------------------------------------------------- lines

# The <title> line is at the top of the page; a cookie banner or a skip link
# may come before it, a menu never has a " - Site" tail with a 3-word head.
_TITLE_LINES: Final = 6
# Longer lines are paragraphs or glued menus, not a <title>.
_TITLE_MAX_CHARS: Final = 300
_TITLE_MIN_HEAD_WORDS: Final = 3
# A candidate name is a few words; longer spans are sentences.
_NAME_MAX_WORDS: Final = 6
_NAME_MAX_CHARS: Final = 60


# The line breaks of str.splitlines other than "\n".
_OTHER_BREAKS: Final = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str) -> list[str]:
    """The page's lines, stripped, empty ones dropped.

    Without the rarer line breaks, ``text.splitlines()`` splits where
    ``text.split("\n")`` does (the empty last piece is dropped either way),
    and a search for each break plus one split cost a fraction of splitlines'
    table lookup per character.
    """
    parts = text.splitlines() if any(c in text for c in _OTHER_BREAKS) else text.split("\n")
    return [s for s in (x.strip() for x in parts) if s]


# Extraction reads one page's lines for its headline (newsprism.text.headline)
# and then for its site: the last few pages' lines are kept, and the second
# reading is one dict lookup (the page's hash, computed once, costs a tenth of
# a split). The plain-text path went from 7.733 to 7.695 M instructions per
# article (benchmarks/instructions.py).
_PAGE_LINES: Final = Memo(_lines, 4)


def page_lines(text: str) -> list[str]:
    """The page's lines, stripped, empty ones dropped (shared: not to be changed)."""
    return _PAGE_LINES.get(text)


@final
class _Line:
    """What one line says about the site, whatever page it is on; read-only.

    A plain class, not a frozen dataclass: compiled, mypyc builds a frozen
    dataclass through its Python ``__init__`` (7,600 instructions, measured
    with callgrind) and this class natively (about a hundred), once per line.
    """

    def __init__(
        self,
        low: str,
        holder: str | None,
        cues: tuple[str, ...],
        wire: str | None,
        brand: str | None,
    ) -> None:
        self.low = low  # the line lowered, for the page's case-insensitive counts
        self.holder = holder  # the copyright holder it names
        self.cues = cues  # names its "X is published by" sentences and its cue give
        self.wire = wire  # the agency of a wire credit
        self.brand = brand  # the capitalised word opening it, when short


def _read_line(line: str) -> _Line:
    low = line.lower()
    holder = _copyright_holder(line, low)
    return _Line(low, holder, _cue_names(line, low), _wire_name(line), _brand_word(line))


# Menus, footers and share buttons recur across a site's pages (as in
# newsprism.text.clean, which remembers its line tests the same way): half the
# lines of the scraped set's 181 pages and 58% of 1,000 synthetic pages' are
# on an earlier page. Paragraphs (longer than _MEMO_MAX_CHARS) are each on one
# page and are read directly.
_MEMO_SIZE: Final = 8192
_MEMO_MAX_CHARS: Final = 160
_LINES_READ: Final = Memo(_read_line, _MEMO_SIZE)


def _line(line: str) -> _Line:
    return _read_line(line) if len(line) > _MEMO_MAX_CHARS else _LINES_READ.get(line)


def _mentions(low_page: str, text: str, name: str) -> int:
    """``text.lower().count(name.lower())``, counted in the page's lowered lines.

    ``low_page`` is the lines of :func:`_lines`, lowered, joined by "\n". A
    name without line breaks and without white space at its ends occurs only
    inside lines, and lowering a line gives the same characters as lowering it
    inside the page (white space and line breaks are neither cased nor
    case-ignorable, so even a final sigma reads the same); tests/test_sitename.py
    checks it. Lowering each line once (and remembering it with the line) costs
    a fraction of lowering the whole page: most lines are ASCII, which CPython
    lowers by a table, while one "\u00a9" in the page sends all of it through
    the Unicode tables (compiled, that was a fifth of the outlet's instructions
    per synthetic page).
    """
    low = name.lower()
    if not low or low.strip() != low or len(low.splitlines()) != 1:
        return text.lower().count(low)
    return low_page.count(low)


_TITLE_SEP: Final = re.compile(r"\s+[|\u00b7\u2022\u00bb]\s+|\s+[-\u2013\u2014]\s+")


def _title_site(lines: list[str], low_page: str, text: str) -> str | None:
    """The site suffix of the first ``<title>``-like line near the top.

    A site prints its name in its header or footer too, so the longest tail
    of the title (after a separator) that recurs elsewhere in the page is its
    name, even when the name has a dash in it or is written in lower case
    ("Headline - Name - Motto anni 80", "Headline | name"). Without a
    recurring tail, :func:`newsprism.text.meta.split_title` decides.
    """
    for line in lines[:_TITLE_LINES]:
        if len(line) > _TITLE_MAX_CHARS:
            continue
        title = _TITLE_LINES_READ.get(line)
        if title is None:
            continue
        for tail in title.tails:
            if _mentions(low_page, text, tail) >= 2:
                return tail
        site = _TITLE_SUFFIXES.get(line)
        if site is not None:
            return site
    return None


@final
class _TitleLine:
    """What a ``<title>``-like line offers as the site's name, page aside; read-only.

    A plain class for the reason given at :class:`_Line`.
    """

    def __init__(self, tails: tuple[str, ...]) -> None:
        # Tails after a separator: the name if one recurs in the page.
        self.tails = tails


def _title_line(line: str) -> _TitleLine | None:
    """The line's tails, or ``None`` when no separator splits it."""
    if not _may_have_separator(line):
        return None
    seps = _title_seps(line)
    if not seps:
        return None
    tails: list[str] = []
    for start, end in seps:
        raw = line[end:]
        # A tail that keeps a pipe is no name: in a menu, all tails but the last.
        if _keeps_pipe(raw):
            continue
        tail = _clean_name(raw)
        if (
            tail
            and len(line[:start].split()) >= _TITLE_MIN_HEAD_WORDS
            and len(tail.split()) <= _NAME_MAX_WORDS
            and not any(c in tail for c in _PIPES)
        ):
            tails.append(tail)
    return _TitleLine(tuple(tails))


def _title_suffix(line: str) -> str | None:
    """split_title's site suffix of a title line, cleaned, when its head is long enough.

    ``""`` names nothing but ends the search; ``None`` lets it go on. Only
    read when no tail of the line recurs in the page: compiled,
    :func:`newsprism.text.meta.split_title` costs 70,000 instructions a headline.
    """
    if _may_split_long_head(line):
        head, site = split_title(line)
        if site and len(head.split()) >= _TITLE_MIN_HEAD_WORDS:
            return _clean_name(site)
    return None


# The separator characters of _TITLE_SEP.
_SEP_CHAR: Final = re.compile("[|\u00b7\u2022\u00bb\u2013\u2014-]")


def _title_seps(line: str) -> list[tuple[int, int]]:
    """The spans ``_TITLE_SEP.finditer(line)`` gives, found from the separators.

    A match is the white space before a separator character, the character
    and the white space after it; the next search starts after that. The
    pattern opens with white space, so compiled its search starts a match at
    every position (63,000 instructions a headline, callgrind) where a search
    for the separator characters skips along the line. A property test in
    tests/test_sitename.py checks the spans.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(line)
    for m in _SEP_CHAR.finditer(line):
        j = m.start()
        if j - 1 < pos or j + 1 >= n or not line[j - 1].isspace() or not line[j + 1].isspace():
            continue
        start = j - 1
        while start > pos and line[start - 1].isspace():
            start -= 1
        end = j + 2
        while end < n and line[end].isspace():
            end += 1
        out.append((start, end))
        pos = end
    return out


# The separators of a "Headline | Section | Site" title (and of split_title's).
_PIPES: Final = "|\u00b7\u2022\u00bb"
_PIPE: Final = re.compile("[" + _PIPES + "]")
# What str.split() splits at (str.isspace); tests/test_sitename.py checks the list.
_WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _keeps_pipe(raw: str) -> bool:
    """Whether ``_clean_name(raw)`` holds a pipe, or is empty.

    Cleaning joins the words and strips _NAME_STRIP from both ends, which
    keeps what ``raw`` holds between its first and last characters outside
    _NAME_STRIP and white space: a pipe there stays. Cheaper than cleaning a
    menu's long tails (a property test in tests/test_sitename.py).
    """
    core = raw.strip(_NAME_STRIP + _WHITESPACE)
    return any(c in core for c in _PIPES)


def _may_split_long_head(line: str) -> bool:
    """Whether split_title may find a site after a head of three words or more.

    False only when it cannot: with two or more parts between pipes,
    split_title's head is one of those parts, so a menu whose items all have
    fewer words has no such head. A property test in tests/test_sitename.py
    checks it against :func:`newsprism.text.meta.split_title`, which compiled
    cost 54,000 instructions a menu line (callgrind).
    """
    if not any(c in line for c in _PIPES):
        return True
    parts = [p for p in _PIPE.split(line) if p and not p.isspace()]
    return len(parts) < 2 or any(
        len(p.split(None, _TITLE_MIN_HEAD_WORDS - 1)) >= _TITLE_MIN_HEAD_WORDS for p in parts
    )


# A site's menus open its pages too, and recur (a headline is remembered in vain).
_TITLE_LINES_READ: Final = Memo(_title_line, _MEMO_SIZE)
_TITLE_SUFFIXES: Final = Memo(_title_suffix, _MEMO_SIZE)


_SEPARATORS: Final = "|\u00b7\u2022\u00bb-\u2013\u2014"


def _may_have_separator(line: str) -> bool:
    """Whether _TITLE_SEP may match: each match holds one of its separator characters.

    The pattern opens with white space, so a search is tried at every space
    of the line; most lines near the top are menus without a separator.
    """
    return any(c in line for c in _SEPARATORS)


# ---------------------------------------------------------------- copyright

_COPYRIGHT: Final = re.compile(r"(?:\u00a9|\u24d2|\(c\)|\bcopyright\b)", re.IGNORECASE)
# What may stand between the sign and the holder: more signs, years and
# ranges, "by", and an "All rights reserved" set before the name.
_COPY_LEAD: Final = re.compile(
    r"^(?:\s|[,.:\-\u2013\u2014]|\u00a9|\u24d2|\(c\)|copyright\b|by\b|all rights reserved\b|"
    r"(?:19|20)\d\d\b)+",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"(?:19|20)\d\d(?:[-\u2013\u2014](?:(?:19|20)\d\d)?)?")
# A photo credit ("Photo: (c) Agency", "(Image: (c) NASA/ESA)") names whoever
# took the picture, not the site.
_PHOTO_CREDIT: Final = re.compile(
    r"\b(?:image|photo|photos|picture|credit|foto)s?\b", re.IGNORECASE
)
_CONNECTORS: Final = frozenset({"&", "and", "of", "the", "de", "la", "du", "der"})
_STOP_WORDS: Final = frozenset({"all", "rights", "reserved", "right", "is", "a", "an"})


def _may_claim_copyright(line: str, low: str) -> bool:
    """Whether _COPYRIGHT may match ``line`` (False only when it cannot).

    An ASCII line has no sign; case-insensitive, its "(c)" or "copyright" is
    in its lower-case text (a line with a bracket but no "(c)" is not
    searched: compiled, the searches were a third of _copyright_holders'
    instructions). Other lines are searched when they hold a sign, a bracket
    or "opyright" (case folding there maps more: "\u0130" is an "i").
    Same outlets on the scraped set, the seeds and 2,000 synthetic pages.
    ``low`` is ``line.lower()``, lowered once for all the page's searches.
    """
    if line.isascii():
        return "(c)" in low or "copyright" in low
    return "\u00a9" in line or "\u24d2" in line or "(" in line or "opyright" in low


def _copyright_holder(line: str, low: str) -> str | None:
    """The copyright holder a copyright line names, company-form tail stripped."""
    if not _may_claim_copyright(line, low):
        return None
    m = _COPYRIGHT.search(line)
    if m is None or _PHOTO_CREDIT.search(line, 0, m.start()):
        return None
    # A bare "Copyright Policy" menu item: no sign, no year, no claim.
    if m.group(0).lower() == "copyright" and not (_YEAR.search(line) or "reserved" in low):
        return None
    rest = _COPY_LEAD.sub("", line[m.end() : m.end() + 160])
    holder = _holder(rest)
    return _clean_name(strip_corporate_suffix(holder)) if holder else None


def _holder(rest: str) -> str | None:
    """The name at the start of what follows a copyright sign."""
    words: list[str] = []
    for tok in rest.split():
        core = tok.strip("\"'\u201c\u201d\u2018\u2019()[]").rstrip(".,;:|\u2022/")
        if not core or core.lower() in _STOP_WORDS or _YEAR.fullmatch(core):
            break
        first = core[0]
        if not (
            first.isupper()
            or first.isdigit()
            or _DOMAIN_LIKE.fullmatch(core)
            or core in _CONNECTORS
        ):
            break
        words.append(core)
        if len(words) > _NAME_MAX_WORDS:
            return None
        # Punctuation after a word ends the name ("X, All rights", "X. Terms");
        # a domain's own dots are inside the word, not after it.
        if tok != core or "/" in tok:
            break
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    return " ".join(words) or None


# ---------------------------------------------------------------- cue lines

# Site furniture that names the site: "Search X", "Follow X on Twitter",
# "Continue to X", "About X", "Contact X", "Subscribe to X newsletters",
# "Sign up for X Newsletters", "More from X".
_CUE: Final = re.compile(
    r"^(?:search|follow|continue to|about|contact|subscribe to|sign up for|more from|welcome to)"
    r"\s+(?P<name>.+?)(?:\s+(?:on|online|by)\b.*|\s+newsletters?|['\u2019]s\b.*|[.:!\u203a]*)$",
    re.IGNORECASE,
)
_CUE_OPENERS: Final = (
    "search",
    "follow",
    "continue to",
    "about",
    "contact",
    "subscribe to",
    "sign up for",
    "more from",
    "welcome to",
)


def _may_be_cue(line: str, low: str) -> bool:
    """Whether _CUE may match ``line`` (False only when it cannot).

    On an ASCII line, the case-insensitive pattern matches only what its
    lower-case text opens with; other lines are matched (case folding there
    maps more). Same outlets on the scraped set, the seeds and 2,000
    synthetic pages.
    """
    return not line.isascii() or low.startswith(_CUE_OPENERS)


# Cue objects that are not names ("About Us", "Follow the author").
_NOT_NAMES: Final = frozenset(
    "us me our my the this that these author authors for in icon page our site".split()
)


# A sentence about the site: "X is published by ...", "X is a registered
# trademark of ...", "X is owned by ...", "X is part of ...".
_ABOUT_NAME: Final = r"(?:The\s+)?[A-Z0-9][\w.&'\u2019-]*(?:\s+[A-Z0-9][\w.&'\u2019-]*){0,3}"
_ABOUT_VERB: Final = (
    r"is\s+"
    r"(?i:(?:published|owned|operated)\s+by|a\s+(?:registered\s+)?trademark\s+of|part\s+of)\b"
)
_ABOUT_SITE: Final = re.compile(
    r"(?:^|[.!?]\s+|\d\s+)(?P<name>" + _ABOUT_NAME + r")\s+" + _ABOUT_VERB
)
# The part of _ABOUT_SITE after its name, which each of its matches holds.
# Opening with a literal, it is searched for its first two letters (a fast
# scan), where _ABOUT_SITE, opening with a choice, is tried at every position:
# compiled, those searches were 7% of the outlet's instructions per
# synthetic page (benchmarks/metadata_instructions.py).
_ABOUT_TAIL: Final = re.compile(_ABOUT_VERB)


# What a sentence about the site must hold after its " is ", one per
# alternative of _ABOUT_SITE: its search is tried at every position of the
# line (the lines tested are the page's short paragraphs), and compiled it was
# two thirds of _cue_names' instructions. On an ASCII line the
# case-insensitive part matches only its lower-case text; other lines are
# searched (case folding there maps more: "\u017f" is an "s"). Same outlets
# on the scraped set, the seeds and 2,000 synthetic pages; a property test in
# tests/test_sitename.py.
_ABOUT_HINTS: Final = ("published", "owned", "operated", "trademark", "part")


def _may_be_about(line: str, low: str) -> bool:
    """Whether _ABOUT_SITE may match ``line`` (False only when it cannot)."""
    if line.isascii() and not any(hint in low for hint in _ABOUT_HINTS):
        return False
    return _ABOUT_TAIL.search(line) is not None


# Subjects of those sentences that are not names.
_PRONOUNS: Final = frozenset("it this that which he she they site page".split())


def _cue_names(line: str, low: str) -> tuple[str, ...]:
    """The names a line's sentences about the site and its cue give, in order."""
    out: list[str] = []
    if " is " in line and len(line) < 4 * _NAME_MAX_CHARS and _may_be_about(line, low):
        for about in _ABOUT_SITE.finditer(line):
            name = _clean_name(about.group("name"))
            if name and name.split()[0].lower() not in _PRONOUNS:
                out.append(name)
    # low[:1] is line[:1].lower() but for "\u0130" ("i" + a dot), which
    # opens no cue either way (tests/test_sitename.py checks every character).
    if len(line) > _NAME_MAX_CHARS or low[:1] not in "sfcawm" or not _may_be_cue(line, low):
        return tuple(out)
    m = _CUE.match(line)
    if m is None:
        return tuple(out)
    name = _clean_name(m.group("name"))
    words = name.split()
    if (
        words
        and len(words) <= _NAME_MAX_WORDS // 2
        and words[0].lower() not in _NOT_NAMES
        and (name[0].isupper() or name[0].isdigit())
    ):
        out.append(name)
    return tuple(out)


# A site's brand opens many of its menu lines ("X Podcasts", "X Plus",
# "X Shop", "XLife"); a word must open this many short lines to count.
_BRAND_MIN_LINES: Final = 3
_BRAND_MAX_WORDS: Final = 4


def _brand_word(line: str) -> str | None:
    """The capitalised word opening a short line, which may be the site's brand."""
    # A stripped line's first character opens its first word: tested first,
    # it spares splitting most lines.
    if len(line) > _NAME_MAX_CHARS or not line[:1].isupper():
        return None
    words = line.split()
    if 2 <= len(words) <= _BRAND_MAX_WORDS:
        first = words[0].rstrip(":,.")
        if len(first) >= 3 and first.isalnum():
            return first
    return None


def _brand_names(words: list[str]) -> list[str]:
    """Of the words opening short lines, those opening several, most lines first."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    # Sorted by count, ties in page order (what Counter.most_common gives).
    found = [(w, n) for w, n in counts.items() if n >= _BRAND_MIN_LINES]
    return [w for w, _ in sorted(found, key=_second, reverse=True)]


def _second(item: tuple[str, int]) -> int:
    return item[1]


# A wire credit opening a paragraph: "LONDON (Reuters) -", "(AP) \u2014".
_WIRE: Final = re.compile(r"\((?P<name>[A-Z][A-Za-z.&' ]{1,30})\)\s*[-\u2013\u2014]\s")


def _wire_name(line: str) -> str | None:
    if ") " in line[:80]:
        m = _WIRE.search(line, 0, 80)
        if m:
            return m.group("name").strip()
    return None


# ---------------------------------------------------------------- domains

_DOMAIN_LIKE: Final = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[a-z]{2,6}")
# Hosts are found from their top-level domain: a search for a literal dot is
# fast, while a pattern opening with a character class is tried at every
# position of the page. The host is then read backwards from the dot.
_TLD_HIT: Final = re.compile(r"\.(?P<tld>[a-z]{2,6})(?![\w-]|\.[A-Za-z0-9])")
_HOST_BEFORE: Final = re.compile(
    r"(?<![\w.-])(?P<scheme>https?://)?(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"[a-z]{2,6})$"
)
_HOST_MAX_CHARS: Final = 100
# Generic top-level domains common on news sites; any other must be a
# two-letter country code. Keeps "index.php" and "rights.reserved" out.
_GENERIC_TLDS: Final = frozenset(
    "com net org info news biz tv io co me fm am media online press today blog site world".split()
)
_FILE_TLDS: Final = frozenset(
    "php html htm jpg jpeg png gif js css pdf mp3 mp4 asp aspx xml".split()
)
# Second-level labels under which a registrable domain has three labels.
_SECOND_LEVEL: Final = frozenset("co com org net gov ac ne or edu gen nic".split())
# Platforms every site links to (sharing, shorteners, mail, ad and comment
# services): a link to one of these says nothing about whose page it is.
_PLATFORMS: Final = frozenset(
    """twitter.com t.co x.com facebook.com fb.com fb.me instagram.com youtube.com youtu.be
    linkedin.com pinterest.com reddit.com whatsapp.com wa.me telegram.org t.me tiktok.com
    snapchat.com tumblr.com flickr.com vimeo.com google.com goo.gl g.co apple.com itunes.com
    amazon.com amzn.to bit.ly ow.ly buff.ly tinyurl.com po.st wp.me dlvr.it ift.tt lnkd.in
    wordpress.com wordpress.org blogspot.com blogger.com medium.com gmail.com yahoo.com
    hotmail.com outlook.com mailchimp.com list-manage.com feedburner.com disqus.com
    gravatar.com addthis.com sharethis.com doubleclick.net outbrain.com taboola.com
    w3.org schema.org creativecommons.org github.com soundcloud.com spotify.com
    flipboard.com pic.twitter.com""".split()
)


def _registrable(host: str) -> str:
    """``www.news.example.co.uk`` -> ``example.co.uk``."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


@final
class _Domain:
    """A domain the page mentions; read-only (a plain class, see :class:`_Line`)."""

    def __init__(self, domain: str, count: int, emails: int, written: str | None) -> None:
        self.domain = domain  # registrable, lower case
        self.count = count  # mentions: links, e-mail addresses, the domain written out
        self.emails = emails  # of which e-mail addresses (a contact at the site)
        self.written = written  # its form written as a name ("OregonLive.com"), if any


def _domains(text: str) -> list[_Domain]:
    """The registrable domains mentioned in the page, most mentioned first."""
    counts: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    written: dict[str, str] = {}
    for hit in _TLD_HIT.finditer(text):
        tld = hit.group("tld")
        if tld in _FILE_TLDS or (len(tld) > 2 and tld not in _GENERIC_TLDS):
            continue
        start = max(0, hit.start() - _HOST_MAX_CHARS)
        m = _HOST_BEFORE.search(text, start, hit.end())
        if m is None:
            continue
        host = m.group("host")
        dom = _registrable(host)
        if dom in _PLATFORMS or _registrable(dom) in _PLATFORMS or dom.count(".") < 1:
            continue
        counts[dom] += 1
        if m.start() and text[m.start() - 1] == "@":
            emails[dom] += 1
        # A domain written as a name (no scheme, not lower-case) is how the
        # site spells itself: "OregonLive.com", "Sportsnet.ca".
        if not m.group("scheme") and not host.islower() and dom not in written:
            written[dom] = host[4:] if host.lower().startswith("www.") else host
    return [_Domain(d, c, emails[d], written.get(d)) for d, c in counts.most_common()]


def _domain_key(domain: str) -> str:
    """``houstonchronicle.com`` -> ``houstonchronicle`` (the name part)."""
    labels = domain.split(".")
    cut = 2 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 1
    return _letters(".".join(labels[:-cut]))


# ---------------------------------------------------------------- candidates

_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")
_TLD_TAIL: Final = re.compile(r"\.(?:co\.|com\.)?[a-z]{2,6}$", re.IGNORECASE)


def _letters(s: str) -> str:
    # An ASCII word of letters and digits lowers to its key: no search needed.
    if s.isascii() and s.isalnum():
        return s.lower()
    return _NON_ALNUM.sub("", s.lower())


_NAME_STRIP: Final = " \"'\u201c\u201d\u2018\u2019.,;:-|&\u2013\u2014\u00ab\u00bb\u2039\u203a"


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(_NAME_STRIP)
    if len(name) > _NAME_MAX_CHARS:
        return ""
    # A header widget's "Thursday 19 March 2026 | 9°C Showers" splits like a
    # title: a part holding a date is a stamp, never the site's name.
    return "" if any(c.isdigit() for c in name) and find_dates(name) else name


@final
class _Form:
    """A name with its letters key and its words, computed once; read-only.

    A plain class for the reason given at :class:`_Line`.
    """

    def __init__(self, name: str, key: str, words: tuple[str, ...]) -> None:
        self.name = name
        self.key = key
        self.words = words


def _form(name: str) -> _Form:
    # Its key holds the letters and digits of the name, and its words those
    # of each word, a domain's TLD dropped: "Sportsnet.ca" -> "sportsnet".
    # The key is its words' letters joined: white space is no letter, and
    # lowering a word alone changes no letter or digit it keeps.
    bare = _TLD_TAIL.sub("", name) if _DOMAIN_LIKE.fullmatch(name) else name
    letters = [_letters(x) for x in bare.split()]
    words = [w for w in letters if w]
    # "The Slate" and "Slate" are one name.
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return _Form(name, "".join(letters), tuple(words))


def _related(a: _Form, b: _Form) -> bool:
    """Two names of one outlet: same letters, or one's words open the other's.

    "BBC" and "BBC News", "Al Jazeera" and "Al Jazeera Media Network",
    "Sportsnet.ca" and "Sportsnet"; not "News" and "Fox News".
    """
    if not a.key or not b.key:
        return False
    if a.key == b.key:
        return True
    short, long_ = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    return bool(short) and long_[: len(short)] == short


def _domain_agrees(key: str, domain: str) -> bool:
    """A domain in the page agrees with a name: one's letters hold the other's.

    "Houston Chronicle" and houstonchronicle.com, "SlashGear" and
    slashgear.com, "CBS Detroit" and cbsdetroit.com; a name of two letters or
    fewer agrees with nothing (too many domains contain it).
    """
    k, dk = key, _domain_key(domain)
    if len(k) < 3 or len(dk) < 3:
        return False
    return k in dk or dk in k


# Where a candidate name comes from. Each is one kind of evidence; a name
# that two of them give (or related forms of it: "BBC" / "BBC News") is the
# site's, one alone is not enough except the title suffix.
SOURCES = ("title", "copyright", "cue", "wire", "domain", "email", "brand")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate outlet name and the evidence for it."""

    name: str
    own: frozenset[str]  # sources that give exactly this name (same letters)
    support: frozenset[str]  # sources that give it or a related name
    domain_share: float  # share of the page's domain mentions that agree with it
    mentions: int  # case-insensitive occurrences in the page


def candidates(text: str) -> list[Candidate]:
    """Every candidate outlet name the page's text offers, with its evidence.

    One per name key, in the order of :data:`SOURCES` and then of the page.
    """
    return _candidates(text, page_lines(text), _domains(text))


def _candidates(text: str, lines: list[str], domains: list[_Domain]) -> list[Candidate]:
    read = [_line(line) for line in lines]
    low_page = "\n".join([r.low for r in read])
    named: dict[str, list[str]] = {s: [] for s in SOURCES}
    title = _title_site(lines, low_page, text)
    if title:
        named["title"].append(title)
    named["copyright"] = [r.holder for r in read if r.holder is not None]
    named["cue"] = [name for r in read for name in r.cues]
    named["wire"] = [r.wire for r in read if r.wire is not None]
    named["domain"] = [d.written or d.domain for d in domains if d.count > d.emails]
    named["email"] = [d.written or d.domain for d in domains if d.emails]
    named["brand"] = _brand_names([r.brand for r in read if r.brand is not None])
    total = sum(d.count for d in domains)

    forms = {src: [_form(x) for x in names] for src, names in named.items()}
    out: list[Candidate] = []
    seen: set[str] = set()
    for source in SOURCES:
        for f in forms[source]:
            if len(f.key) < 2 or f.key in seen:
                continue
            seen.add(f.key)
            agree = sum(d.count for d in domains if _domain_agrees(f.key, d.domain))
            out.append(
                Candidate(
                    f.name,
                    frozenset(s for s in SOURCES if any(g.key == f.key for g in forms[s])),
                    frozenset(s for s in SOURCES if any(_related(f, g) for g in forms[s])),
                    agree / total if total else 0.0,
                    _mentions(low_page, text, f.name),
                )
            )
    return out


# ---------------------------------------------------------------- decision

# Two sources agreeing is the rule; the title suffix alone is enough because
# on the fit half it named the site (or its own section of it) on every page
# where nothing else named anything. A copyright holder, a cue line, a brand
# word, a wire credit or one domain alone is not: each named a parent company,
# a section, a third party or the news agency on several fit-half sites.
MIN_SOURCES = 2


def _rank(c: Candidate) -> tuple[int, bool, float, int]:
    """More agreeing sources first; then the title suffix, domains, mentions."""
    return (len(c.support), "title" in c.own, c.domain_share, c.mentions)


def choose(found: Sequence[Candidate]) -> Candidate | None:
    """The candidate reported as the outlet, or ``None`` to abstain."""
    best = max(found, key=_rank, default=None)
    if best is None or not (len(best.support) >= MIN_SOURCES or "title" in best.own):
        return None
    return best


def outlet_from_text(text: str) -> str | None:
    """The outlet's name as the page writes it, or ``None`` when unsure."""
    best = choose(candidates(text))
    return best.name if best else None


# ---------------------------------------------------------------- URL

_URL: Final = re.compile(r"https?://[^\s\"'<>\u201c\u201d]+")
# A line that announces the page's own link ("Copy this link", "Short URL:",
# "Permalink", "Canonical URL").
_URL_CUE: Final = re.compile(
    r"\b(?:copy (?:this )?link|short ?url|short link|permalink|canonical|share this (?:link|url)|"
    r"link to this (?:article|page|story)|url)\b",
    re.IGNORECASE,
)
_SLUG_WORDS: Final = re.compile(r"[a-z0-9]+")
# Headline words a slug must repeat to be the article's own path.
_SLUG_MIN_WORDS: Final = 3
_NOT_PAGES: Final = frozenset("jpg jpeg png gif webp svg pdf mp3 mp4 js css zip".split())
_SHORT_WORDS: Final = frozenset("a an the of to in on at for and or is are by with from as".split())


def _words(s: str) -> set[str]:
    return {w for w in _SLUG_WORDS.findall(s.lower()) if w not in _SHORT_WORDS}


def url_from_text(text: str) -> str | None:
    """The page's own article URL, normalised, when the text holds it."""
    if "http" not in text:
        return None
    return _url(page_lines(text), _domains(text))


def _url(lines: list[str], domains: list[_Domain]) -> str | None:
    headline = split_title(lines[0])[0] if lines else ""
    head_words = _words(headline)
    # The page's own domain is the one it mentions most (its internal links).
    own = domains[0].domain if domains else ""
    for i, line in enumerate(lines):
        if "http" not in line:
            continue
        for m in _URL.finditer(line):
            url = m.group(0).rstrip(".,;:)]\u201d")
            if _is_own_article(url, line, lines, i, headline, head_words, own):
                # Imported here, on the rare page that prints its own link:
                # courlan brings urllib3 with it, 30 ms and 0.19 G instructions
                # of every run's start (python -X importtime, valgrind), which
                # the plain-text path otherwise never needs.
                from courlan import normalize_url

                try:
                    return str(normalize_url(url))
                except (ValueError, TypeError):
                    return None
    return None


def _is_own_article(
    url: str,
    line: str,
    lines: list[str],
    i: int,
    headline: str,
    head_words: set[str],
    own: str,
) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    path = parts.path.strip("/")
    if not host or not path or _registrable(host) in _PLATFORMS:
        return False
    # An image or a download is not the article page.
    if path.rsplit(".", 1)[-1].lower() in _NOT_PAGES:
        return False
    alone = line.strip() == url
    cued = (alone and i > 0 and bool(_URL_CUE.search(lines[i - 1]))) or bool(
        _URL_CUE.search(line[: line.find(url)])
    )
    slug = _words(path.replace("-", " ").replace("_", " "))
    # A headline-like slug on another site is a link to its coverage.
    repeats = _registrable(host) == own and len(slug & head_words) >= min(
        _SLUG_MIN_WORDS, len(head_words)
    )
    # A link alone on its line just above the headline: the page's own link
    # printed by the CMS in its header.
    above_headline = (
        alone and i + 1 < len(lines) and bool(headline) and lines[i + 1].startswith(headline[:40])
    )
    return cued or (repeats and bool(head_words)) or above_headline


def site_of_text(text: str) -> Site:
    """Both :func:`outlet_from_text` and :func:`url_from_text` in one call.

    The page's lines and domains are read once for both.
    """
    lines = page_lines(text)
    domains = _domains(text)
    best = choose(_candidates(text, lines, domains))
    url = _url(lines, domains) if "http" in text else None
    return Site(best.name if best else None, url)
