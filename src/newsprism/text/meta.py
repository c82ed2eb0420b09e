"""Metadata found in plain text: title suffixes, outlet names, written dates.

Small pure functions shared by the plain-text cleaner (:mod:`newsprism.text.clean`)
and the HTML extractor. Everything here is rules over the string itself: no
network, no global state, regexes compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

__all__ = [
    "DateMention",
    "date_from_url",
    "find_dates",
    "outlet_from_url",
    "split_title",
    "strip_corporate_suffix",
]

# ---------------------------------------------------------------- titles

# Separators that CMSs put between a headline and "Section | Outlet". A pipe,
# a middle dot or a bullet is never inside a headline; a dash or colon is only
# a separator when surrounded by spaces (" - ", " — "), and even then only the
# last one counts, and only when what follows it looks like a site name.
_PIPE_SEP = re.compile(r"\s*[|\u00b7\u2022\u00bb]\s*")
_DASH_SEP = re.compile(r"\s+[-\u2013\u2014]\s+")
# A site name: at most 5 words, none ending a sentence. Longer tails are more
# likely the second half of a headline ("Talks fail - and the war goes on").
_MAX_SITE_WORDS = 5
# Words that start a clause, so a tail that begins with one is a headline
# continuation ("X - And Y"), not a site name. "The" is left out on purpose:
# many outlets' names start with it.
_CLAUSE_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "so",
        "than",
        "that",
        "then",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
    }
)


def _looks_like_site(tail: str) -> bool:
    words = tail.split()
    if not words or len(words) > _MAX_SITE_WORDS:
        return False
    if words[0].lower() in _CLAUSE_WORDS:
        return False
    if tail.rstrip()[-1:] in ".!?,;:":
        return False
    # Site names are capitalised words or domain-like tokens ("nytimes.com").
    return all(w[:1].isupper() or w[:1].isdigit() or "." in w or w == "&" for w in words)


def split_title(raw_title: str) -> tuple[str, str | None]:
    """Split ``"Headline | Section | Outlet"`` into ``("Headline", "Outlet")``.

    Also handles ``"Headline - Outlet"`` and ``"Headline — Outlet"``. A
    headline that merely contains a dash or a colon is left whole, with no
    outlet.
    """
    title = " ".join(raw_title.split())
    if not title:
        return "", None
    parts = [p for p in _PIPE_SEP.split(title) if p]
    if len(parts) > 1:
        # The headline is the longest part (sites put it first or last); the
        # outlet is the last part unless the headline itself is last.
        head_i = max(range(len(parts)), key=lambda i: len(parts[i]))
        head = parts[head_i]
        site_i = len(parts) - 1 if head_i != len(parts) - 1 else 0
        site = parts[site_i]
        return head, (site if _looks_like_site(site) else None)
    pieces = _DASH_SEP.split(title)
    if len(pieces) > 1:
        tail = pieces[-1]
        head = title[: title.rfind(tail)].rstrip(" -\u2013\u2014")
        if _looks_like_site(tail) and len(head.split()) >= 3:
            return head, tail
    return title, None


# ---------------------------------------------------------------- outlets

# Host labels that say nothing about the outlet.
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "edition", "news", "en", "beta"})
# A short all-letter label on its own is usually an acronym (bbc, cnn, npr).
_ACRONYM_MAX = 3
# Corporate words that follow an outlet's name in copyright lines
# ("X Media Network", "X Inc.", "X Group Ltd", "X Newspapers").
_CORPORATE = re.compile(
    r"(?:[\s,]+(?:media|network|networks|group|inc|llc|ltd|limited|corp|corporation|"
    r"company|co|plc|holdings|publishing|publications|publishers?|newspapers?|"
    r"co-?operative|gmbh|s\.?a|ag|all|rights|reserved)\.?)+$",
    re.IGNORECASE,
)


def strip_corporate_suffix(name: str) -> str:
    """``"X Media Network"`` -> ``"X"``; the name itself when nothing is left."""
    stripped = _CORPORATE.sub("", name).strip(" ,.")
    return stripped or name.strip()


def outlet_from_url(url: str) -> str | None:
    """A readable outlet name from a URL's domain, or ``None``.

    ``https://www.aljazeera.com/news/...`` -> ``"Aljazeera"``;
    ``https://www.bbc.co.uk/...`` -> ``"BBC"``;
    ``https://the-star.example.org/`` -> ``"The Star"``.
    """
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or host.replace(".", "").isdigit():
        return None
    labels = [lab for lab in host.lower().split(".") if lab]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # top-level domain
    # Second-level public suffixes like co.uk, com.au, org.nz.
    if len(labels) >= 2 and labels[-1] in {"co", "com", "org", "net", "gov", "ac", "ne", "or"}:
        labels = labels[:-1]
    labels = [lab for lab in labels if lab not in _HOST_NOISE] or labels
    name = labels[-1]
    words = [w for w in re.split(r"[-_]+", name) if w]
    if not words:
        return None
    if len(words) == 1 and len(name) <= _ACRONYM_MAX and name.isalpha():
        return name.upper()
    return " ".join(w.capitalize() for w in words)


# ---------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY_RE = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
# The year is not followed by \b on purpose: scraped widgets glue two dates
# together ("3 Nov 20233 Nov 2023"), and the first must still be read.
_YEAR_RE = r"(?P<{g}>(?:19|20)\d{{2}})"
_DATE_RE = re.compile(
    # 2023-11-03 (ISO, also with T...time after it)
    r"(?<!\d)(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
    # Friday, 3 November 2023 / 3rd Nov. 2023 / 3 Nov, 2023
    r"|"
    + _WEEKDAY_RE
    + r"(?<!\d)(?P<ad>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH_RE.format(g="am")
    + r"\.?,?\s+"
    + _YEAR_RE.format(g="ay")
    # Friday, November 3, 2023 / Nov. 3, 2023 / Nov 3rd 2023
    + r"|"
    + _WEEKDAY_RE
    + r"\b"
    + _MONTH_RE.format(g="bm")
    + r"\.?\s+(?P<bd>[0-3]?\d)(?:st|nd|rd|th)?(?!\d),?\s+"
    + _YEAR_RE.format(g="by"),
    re.IGNORECASE,
)


# A cheap scan for years; the full date pattern then runs from up to
# _YEAR_BACK characters before a year ("Wednesday, 28th of September 2023" is
# 33) to _YEAR_AHEAD after it (an ISO date's "-11-03").
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")  # no lookbehind: it makes the scan 4x slower
_YEAR_BACK = 40
_YEAR_AHEAD = 6


@dataclass(frozen=True, slots=True)
class DateMention:
    """A full calendar date written in a text, with its character span."""

    value: date
    start: int
    end: int
    text: str


def find_dates(text: str) -> list[DateMention]:
    """Every full date (day, month and year) written in ``text``, in order.

    Reads ``2023-11-03``, ``3 Nov 2023``, ``November 3, 2023``,
    ``Nov. 3, 2023`` and the same with a leading weekday
    (``Friday, November 3, 2023``). Dates without a year and numeric
    ``3/11/2023`` forms (day or month first?) are not read on purpose.
    """
    out: list[DateMention] = []
    if "20" not in text and "19" not in text:
        # No year (every match of _YEAR_HINT holds one of these), so no
        # date: four in five of the lines the cleaner asks about (synthetic
        # pages), answered without setting up the scan.
        return out
    # Every date has a four-digit year; the full pattern is slow, so it only
    # runs on windows around the years found by a cheap scan.
    last_end = 0
    for y in _YEAR_HINT.finditer(text):
        if y.start() < last_end or (y.start() and text[y.start() - 1].isdigit()):
            continue
        window_start = max(last_end, y.start() - _YEAR_BACK)
        for m in _DATE_RE.finditer(text, window_start, y.end() + _YEAR_AHEAD):
            if m.end() < y.start():
                continue
            mention = _mention(m)
            if mention is not None:
                out.append(mention)
                last_end = m.end()
    return out


def _mention(m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            value = date(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["ay"]:
            value = date(int(g["ay"]), _MONTHS[g["am"][:3].lower()], int(g["ad"]))
        else:
            value = date(int(g["by"]), _MONTHS[g["bm"][:3].lower()], int(g["bd"]))
    except ValueError:  # 31 February and the like
        return None
    return DateMention(value, m.start(), m.end(), m.group(0))


# A date in a URL's path: /2019/11/19/, /2019-11-19-slug. CMSs write it when
# the article is first published, so it is never a render or update date.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_]|\b)")


def date_from_url(url: str | None) -> date | None:
    """The publication day written in ``url``'s path, or ``None``."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
