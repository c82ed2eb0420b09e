"""HTML article extraction: one web page in, its article text and metadata out.

Stage: extract (HTML records). Needs a decoded HTML page and, when known, the
URL it was fetched from; adds an :class:`~newsprism.models.Extracted` with the
body, the headline, the outlet, the original publication date, the canonical
URL and the page's language.

The body comes from trafilatura in precision mode with its own fallback chain
(readability, then jusText), which on the public article-extraction benchmark
in ``../shared`` beats the balanced default (see ``benchmarks/extraction_eval.py``).
When trafilatura finds nothing, its ``baseline`` extractor (embedded JSON-LD
``articleBody``, ``<article>``, ``<p>`` tags, then the whole body) stands in, so
a page is never emptied silently. The page is parsed once and the tree shared.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any, Final, TypedDict
from urllib.parse import urldefrag, urljoin, urlsplit

import courlan
import trafilatura
from htmldate import find_date
from trafilatura.metadata import (
    META_URL,
    Document,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

from newsprism.models import Extracted
from newsprism.text.meta import outlet_from_url, split_title

__all__ = ["EXTRACTION_OPTIONS", "date_params", "extract_html"]

# An lxml.html.HtmlElement. lxml ships no type stubs (and mypy's config is not
# ours to extend), so the tree is typed loosely.
HtmlElement = Any

# Where a page names its canonical address, best first. rel=canonical is the
# one meant for exactly this; og:url is what sharing widgets use and is
# usually the same address. Both only in <head>: a <link> in the body belongs
# to an embedded widget, not to the page.
_CANONICAL_XPATHS = (
    './/head//link[@rel="canonical"]/@href',
    './/head//meta[@property="og:url"]/@content',
)
# Where a page states its language, best first: the root element's lang (the
# HTML standard's place for it), the old Content-Language header copy, then
# the Open Graph locale ("en_US").
_LANGUAGE_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    './/head//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
    ' = "content-language"]/@content',
    './/head//meta[@property="og:locale"]/@content',
)
# Separators some sites leave in a site name ("Autoracing | F1 | Indy"): the
# outlet's own name comes first, the rest is a tagline.
_SITENAME_SEPARATORS = ("|", "\u00b7", "\u2022")


class ExtractionOptions(TypedDict):
    """The options newsprism passes to ``trafilatura.bare_extraction``."""

    favor_precision: bool
    include_comments: bool
    include_tables: bool
    include_formatting: bool
    include_links: bool
    include_images: bool


# trafilatura's extraction options (benchmarks/html_speed.py passes the same
# ones to trafilatura alone), and why (F1 = the shared scorer's word 4-gram
# F1 over the 181 benchmark pages, with everything else in this module
# unchanged):
# - favor_precision: keeps trafilatura's fallback chain but prunes
#   borderline blocks (teasers, bylines, share bars): F1 0.966 (P 0.961,
#   R 0.971) against 0.963 for the balanced default and 0.962 for
#   favor_recall. For copy and story detection a missing sentence costs
#   less than a stray "Related stories" block shared by a whole site.
# - include_comments=False: reader comments are not the article. The
#   default keeps them (balanced mode: F1 0.953 with, 0.960 without).
# - include_tables=True: tables carry real content (results, figures);
#   dropping them: F1 0.961.
# - fast=False: the readability/jusText fallback rescues pages whose
#   markup trafilatura's own rules miss (fast: F1 0.948).
# - no deduplicate: it drops text seen on *other* pages through a
#   process-wide cache, so output would depend on what ran before.
EXTRACTION_OPTIONS: Final[ExtractionOptions] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "include_images": False,
}


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article of one HTML page.

    ``html`` is the decoded page; ``url`` the address it was fetched from,
    used to resolve a relative canonical link, as the URL fallback and for the
    outlet when the page names none.

    Returns an :class:`Extracted` whose ``text`` holds the body paragraphs
    separated by blank lines, without navigation, footers, related-article
    teasers or reader comments. Fields the page does not reveal are ``None``:
    ``published`` is the original publication date (``datePublished``-like
    metadata beats ``dateModified``), never the crawl date.

    Never raises for bad HTML: a page with no article text at all (an empty
    page, a bare frameset, a script-only app shell) gives an ``Extracted``
    with empty ``text`` and whatever metadata was found, and the caller
    decides (``newsprism.text.extract`` turns "no text and no title" into an
    ``InputError`` naming the file, which this function cannot name).
    """
    tree = _parse(html)
    if tree is None:
        return Extracted(text="", url=url)

    # One parse, shared: trafilatura and htmldate copy a tree before pruning.
    meta = _metadata(tree, url)
    canonical = _canonical_url(tree, url)
    language = _language(tree)
    headline, title_outlet = split_title(meta.title) if meta.title else ("", None)
    if title_outlet is None:
        # trafilatura's title is often og:title or a <title> it already cut;
        # the outlet's name is in the full <title> ("Headline | Outlet").
        title_outlet = split_title(_page_title(tree))[1]
    published = _published(tree, meta.date, meta.url)
    # Body last: in older trafilatura versions the baseline fallback prunes
    # the tree it is given.
    text = _without_headline(_body_text(tree, canonical or url), headline)

    return Extracted(
        text=text,
        title=headline or None,
        outlet=_outlet(meta.sitename, title_outlet, meta.url, canonical or url),
        published=published,
        url=canonical or url,
        language=language,
    )


def _parse(html: str) -> HtmlElement | None:
    """The page's lxml tree, or ``None`` when there is no markup to read.

    trafilatura refuses a lone fragment ("<p>text</p>", or text with no
    markup at all) as not-quite-HTML; wrapped in a document skeleton it is
    read like any page, so its text is not lost.
    """
    if not html.strip():
        return None
    tree: HtmlElement | None = trafilatura.load_html(html)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    return tree


def _metadata(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's metadata of the page: the fields newsprism reads, exactly.

    ``trafilatura.extract_metadata`` minus the author, categories, tags and
    license, which newsprism never reads and which cost 0.9 s of the 5.6 s
    that extracting the 181 benchmark pages took (the author search
    deep-copies and prunes the whole tree). The steps below are that
    function's, in its order, for title, URL, date and site name; none of
    the skipped ones feeds them or changes the tree, and
    ``tests/test_html.py`` checks these four fields against
    ``extract_metadata`` itself, so a trafilatura release that changes them
    fails there.
    """
    meta = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura guards its JSON-LD reader so too
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, **date_params())
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (host := META_URL.match(meta.url)):
        meta.sitename = host[1]
    meta.clean_and_trim()  # entities, spaces and control characters, as trafilatura does
    return meta


def _page_title(tree: HtmlElement) -> str:
    """The text of the page's <title> element ('' if none)."""
    for element in tree.iterfind(".//head/title"):
        return str(element.text_content())
    return ""


def date_params() -> dict[str, Any]:
    """htmldate options: a fresh dict per call, since they carry a URL.

    ``original_date`` makes htmldate prefer the publication date over the
    modification date when a page gives both; ``extensive_search`` lets it
    scan the page's free text (bylines, "Posted on ...") when meta tags,
    JSON-LD, the URL and <time> elements are all silent (many older pages).
    The upper bound (no dates in the future) is htmldate's own default,
    "now", computed on each call.
    """
    return {"original_date": True, "extensive_search": True}


def _published(tree: HtmlElement, found: str | None, url: str | None) -> date | None:
    """The publication date htmldate found, unless it is only a padded guess.

    Not overruled by the date the page's visible text states
    (:mod:`newsprism.text.pubdate`): on the 181 benchmark pages the two disagree on
    22, and htmldate's day is the meta tags' on 14 of them, the text's on 2.

    When the page's metadata is silent, htmldate's extensive search scans
    the whole page and pads coarse finds to the first of a month or year:
    "(c) 2023" in the footer becomes 2023-01-01, "November 2019" becomes
    2019-11-01. A first-of-month date is therefore kept only if htmldate's
    structured sources alone (meta tags, JSON-LD, the URL, <time>) give the
    same day; a real article from the 1st normally states it there. The
    second look runs for about one page in thirty.
    """
    published = _iso_date(found)
    if published is None or published.day != 1:
        return published
    structured = find_date(tree, extensive_search=False, original_date=True, url=url)
    return published if _iso_date(structured) == published else None


def _without_headline(text: str, headline: str) -> str:
    """The body without a first paragraph that only repeats the headline.

    The headline is stored apart (``Extracted.title``); left in the body it
    would count twice in shingle-based copy detection and in summaries. A
    body that is nothing but the headline is left as it is.
    """
    first, _, rest = text.partition("\n\n")
    if rest and headline and _fold(first) == _fold(headline):
        return rest
    return text


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _body_text(tree: HtmlElement, url: str | None) -> str:
    """The article body, paragraphs separated by blank lines ('' if none)."""
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **EXTRACTION_OPTIONS)
    # bare_extraction returns a Document (or a dict only when as_dict=True).
    text = _paragraphs(getattr(document, "text", None))
    if text:
        return text
    # Nothing the main extractor trusts: take trafilatura's baseline, which
    # prefers a JSON-LD articleBody, then <article>, then <p> tags, then all
    # of the body's text.
    _, fallback, _ = trafilatura.baseline(tree)
    return _paragraphs(fallback)


def _paragraphs(text: str | None) -> str:
    """trafilatura's one-line-per-block text as blank-line-separated paragraphs."""
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    """The page's own canonical address, normalised; ``None`` if it gives none.

    A relative link is resolved against the fetch URL. courlan normalisation
    lowercases the host, drops default ports and tracking parameters
    (utm_*, fbclid, ...) and sorts the query, so one article reached through
    different links gets one address; the fragment goes too, since it never
    names a different article.
    """
    for xpath in _CANONICAL_XPATHS:
        for value in tree.xpath(xpath):
            candidate = _normalise_url(str(value).strip(), url)
            if candidate:
                return candidate
    return None


def _normalise_url(candidate: str, base: str | None) -> str | None:
    if not candidate:
        return None
    if base and not candidate.startswith(("http://", "https://")):
        candidate = urljoin(base, candidate)
    elif candidate.startswith("//"):
        candidate = "https:" + candidate
    try:
        parts = urlsplit(candidate)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        normalised: str = courlan.normalize_url(candidate)
    except ValueError:  # malformed port, bad IPv6 literal and the like
        return None
    return urldefrag(normalised).url or None


def _language(tree: HtmlElement) -> str | None:
    """The page's declared language as a lowercase ISO 639 code ("en")."""
    for xpath in _LANGUAGE_XPATHS:
        for value in tree.xpath(xpath):
            primary = str(value).strip().replace("_", "-").split("-")[0].lower()
            # ISO 639-1/-2/-3 codes are 2 or 3 letters; anything else
            # ("x-default", "und" aside) is a template placeholder or junk.
            if 2 <= len(primary) <= 3 and primary.isalpha() and primary != "und":
                return primary
    return None


def _outlet(
    sitename: str | None, title_outlet: str | None, meta_url: str | None, url: str | None
) -> str | None:
    """The outlet's name: page metadata, else the title suffix, else the URL.

    trafilatura's ``sitename`` reads og:site_name, JSON-LD publisher and
    application-name, and when they are all missing falls back to the host
    name cut verbatim from the URL it found (``meta_url``). Such a name, or
    any lowercase domain ("example.com"), says no more than the URL, which
    :func:`outlet_from_url` renders readably and consistently ("Example");
    an outlet's own capitalised spelling ("Phys.org") is kept.
    """
    name = " ".join((sitename or "").split())
    for sep in _SITENAME_SEPARATORS:
        name = name.split(sep)[0].strip()
    from_host = bool(name) and " " not in name and name in (meta_url or "")
    if name and not from_host and not _is_domain(name):
        return name
    if title_outlet:
        return title_outlet
    if url:
        from_url = outlet_from_url(url)
        if from_url:
            return from_url
    if name:  # a domain is still better than nothing
        return outlet_from_url(name) or name
    return None


def _is_domain(name: str) -> bool:
    """A bare lowercase host name ("example.com")."""
    return " " not in name and "." in name.strip(".") and name == name.lower()


def _iso_date(value: str | None) -> date | None:
    """htmldate's ``YYYY-MM-DD`` as a date; ``None`` when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
