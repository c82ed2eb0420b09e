"""URLs as inputs: an article page, a feed, a sitemap, a site's home page, or a WARC file.

Stage: a source. Needs a URL and a :class:`~newsprism.sources.web.Fetcher`;
gives what :func:`~newsprism.sources.files.read_inputs` gives for files:
records, problems (one per URL, with the reason), and markers the pipeline
stores with the records (:class:`~newsprism.sources.web.UrlRead`) so that a
rerun asks each server only whether a page changed, and a feed's links that
are stored already are not fetched again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources.decode import decode_bytes
from newsprism.sources.feeds import (
    Link,
    discover_feeds,
    document_kind,
    feed_links,
    sitemap_links,
)
from newsprism.sources.items import Item, Limits, Unchanged, check_elements
from newsprism.sources.warc import is_warc, read_warc
from newsprism.sources.web import Fetched, Fetcher, NotModified, UrlRead, UrlSeen

# The store's memory of a URL (see newsprism.store.Store.url_seen).
KnownUrl = Callable[[str], UrlSeen | None]

# Feeds read from one home page: a site names its main feed first and then
# per-section or per-comment feeds, which repeat its articles.
_HOME_FEEDS = 3


@dataclass(frozen=True, slots=True)
class Remote:
    """What reading URLs needs: the fetcher, the size limits and the store's memory."""

    fetcher: Fetcher
    limits: Limits = field(default_factory=Limits)
    known: KnownUrl | None = None


def read_url(url: str, remote: Remote) -> Iterator[Item]:
    """Yield the records behind ``url`` (see the module doc); problems are yielded, never raised."""
    if is_warc(urlsplit(url).path):
        yield from _read_remote_warc(url, remote)
        return
    seen = remote.known(url) if remote.known else None
    answer = remote.fetcher.get(url, seen.validators if seen else None)
    if isinstance(answer, InputError):
        yield answer
        return
    if isinstance(answer, NotModified):
        yield Unchanged(url, seen.records if seen else 0)
        return
    kind = document_kind(answer.body, answer.content_type)
    if kind == "feed":
        yield from read_links(url, feed_links(answer.body, answer.url), remote, answer)
    elif kind == "sitemap":
        yield from _read_sitemap(answer, remote)
    elif kind == "html" and _is_home(answer.url):
        yield from _read_home(answer, remote)
    elif kind == "html":
        yield from _page(answer, Link(url), remote)
    else:
        kind_said = answer.content_type.split(";")[0].strip() or "unknown type"
        yield InputError(url, f"not a web page, feed or sitemap ({kind_said})")


def _page(fetched: Fetched, link: Link, remote: Remote) -> Iterator[Item]:
    source = fetched.requested
    try:
        check_elements(fetched.body.count(b"<"), source, remote.limits)
        content = decode_bytes(fetched.body, source, html=True)
    except InputError as exc:
        yield exc
        return
    yield RawRecord(
        source=source,
        # The URL the page was served at names it wherever it was linked from.
        key=fetched.url,
        kind="html",
        content=content,
        url=fetched.url,
        # What a feed or news sitemap states is explicit, as a JSON record's
        # fields are; a plain link states nothing.
        title=link.title,
        published=link.published,
    )
    yield UrlRead(source, UrlSeen(source, fetched.validators, 1))


def read_links(
    source: str, links: list[Link], remote: Remote, listing: Fetched | None = None
) -> Iterator[Item]:
    """Each linked article (those stored already are not fetched), then the listing's marker.

    ``source`` names the feed or sitemap (a URL or a file); ``listing`` is
    the feed or sitemap as fetched, when it was.
    """
    if not links:
        yield InputError(source, "the feed or sitemap lists no article links")
        return
    for link in links:
        seen = remote.known(link.url) if remote.known else None
        if seen is not None:
            yield Unchanged(link.url, seen.records)
            continue
        answer = remote.fetcher.get(link.url)
        if isinstance(answer, InputError):
            yield answer
        elif isinstance(answer, Fetched):
            if document_kind(answer.body, answer.content_type) != "html":
                yield InputError(link.url, "the linked document is not a web page")
            else:
                yield from _page(answer, link, remote)
    if listing is not None:
        # Remembered with no records: the next poll asks its server whether
        # it changed, and reads only the links not stored yet.
        yield UrlRead(listing.requested, UrlSeen(listing.requested, listing.validators, 0))


def _read_sitemap(first: Fetched, remote: Remote) -> Iterator[Item]:
    pages, nested = sitemap_links(first.body, first.url)
    followed = 0
    while nested and followed < len(nested) and followed < 20:
        answer = remote.fetcher.get(nested[followed])
        followed += 1
        if isinstance(answer, InputError):
            yield answer
        elif isinstance(answer, Fetched):
            more, deeper = sitemap_links(answer.body, answer.url)
            pages.extend(more)
            nested.extend(u for u in deeper if u not in nested)
    yield from read_links(first.requested, pages, remote, first)


def _read_home(home: Fetched, remote: Remote) -> Iterator[Item]:
    """A site's home page stands for its articles: the feeds it names are read."""
    feeds = discover_feeds(decode_bytes(home.body, home.requested, html=True), home.url)
    if not feeds:
        yield InputError(
            home.requested,
            "a home page that names no feed: give an article's URL, a feed or a sitemap",
        )
        return
    for feed in feeds[:_HOME_FEEDS]:
        yield from read_url(feed, remote)


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _read_remote_warc(url: str, remote: Remote) -> Iterator[Item]:
    """A WARC file named by URL: downloaded to a temporary file as it comes, then streamed."""
    fetcher = remote.fetcher
    with tempfile.TemporaryFile() as spool:
        answer = fetcher.get(url, max_bytes=fetcher.options.max_archive_bytes, sink=spool)
        if isinstance(answer, InputError):
            yield answer
            return
        if isinstance(answer, NotModified):  # never asked for: no validators were sent
            return
        spool.seek(0)
        compressed = urlsplit(answer.url).path.lower().endswith(".gz")
        yield from read_warc(spool, url, remote.limits, compressed=compressed)
    yield UrlRead(url, UrlSeen(url, answer.validators, 0))
