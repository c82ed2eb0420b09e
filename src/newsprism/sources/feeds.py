"""Article links out of feeds (RSS, Atom), XML and news sitemaps, and a home page's feeds.

Stage: a source's helper. Needs the bytes of a document already fetched or
read; gives the article links it lists, with what it says of each (title,
date), for the page fetch to fill in what the page itself lacks. Parsing is
feedparser's (feeds) and lxml's without entities or network (sitemaps); a
home page's feeds are found by trafilatura's ``feeds.determine_feed``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, Literal
from urllib.parse import urljoin, urlsplit

from newsprism.models import sane_date
from newsprism.sources.files import parse_date

DocumentKind = Literal["feed", "sitemap", "html", "other"]

# Links taken from one feed or sitemap, and sitemaps followed from one index:
# a news sitemap holds at most 1,000 URLs (Google's rule for news sitemaps),
# a feed a few dozen; an index of hundreds of sitemaps is a whole archive,
# which is a job for a WARC file, not for fetching page by page.
MAX_LINKS: Final = 1000
MAX_SITEMAPS: Final = 20


@dataclass(frozen=True, slots=True)
class Link:
    """An article link and what the listing says of it."""

    url: str
    title: str | None = None
    published: date | None = None


def document_kind(body: bytes, content_type: str = "") -> DocumentKind:
    """What a fetched or read document is, by its opening bytes (a server's type is often wrong)."""
    head = body[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or "html" in content_type.lower():
        return "html"
    return "other"


def feed_links(body: bytes, base_url: str | None = None) -> list[Link]:
    """The entries of an RSS or Atom feed, in feed order (at most :data:`MAX_LINKS`)."""
    import feedparser  # imported here: only feeds need it

    headers = {"content-location": base_url} if base_url else {}
    parsed: Any = feedparser.parse(body, response_headers=headers)
    links: list[Link] = []
    for entry in parsed.entries[:MAX_LINKS]:
        url = _http_url(entry.get("link"), base_url)
        if url is None:
            continue
        title = entry.get("title")
        links.append(
            Link(url, title.strip() or None if isinstance(title, str) else None, _when(entry))
        )
    return links


def _when(entry: Any) -> date | None:
    """An entry's publication date (feedparser's UTC struct_time), else its update date."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            stamp = datetime.fromtimestamp(calendar.timegm(value), UTC)
            return sane_date(stamp.date())
    return None


def sitemap_links(body: bytes, base_url: str | None = None) -> tuple[list[Link], list[str]]:
    """A sitemap's page links (a news sitemap's title and date too) and the sitemaps it names."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages: list[Link] = []
    sitemaps: list[str] = []
    for element in root:
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        fields = {
            etree.QName(child).localname: (child.text or "").strip()
            for child in element.iter()
            if isinstance(child.tag, str)
        }
        url = _http_url(fields.get("loc"), base_url)
        if url is None:
            continue
        if name == "sitemap" and len(sitemaps) < MAX_SITEMAPS:
            sitemaps.append(url)
        elif name == "url" and len(pages) < MAX_LINKS:
            # <lastmod> is when the page last changed, not when it was
            # published: only a news sitemap's publication date is a date.
            published = parse_date(fields.get("publication_date"))
            pages.append(Link(url, fields.get("title") or None, published))
    return pages, sitemaps


def discover_feeds(html: str, url: str) -> list[str]:
    """The feeds a page (a site's home page) names in its ``<link>`` and anchors."""
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    params = FeedParameters(base, parts.hostname or "", url)
    found: list[str] = []
    for link in determine_feed(html, params):
        full = _http_url(link, url)
        if full and full not in found:
            found.append(full)
    return found


def _http_url(value: object, base: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base, value.strip()) if base else value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None
