"""Web archives: the HTML pages of a WARC file (``.warc``, ``.warc.gz``), streamed.

Stage: a source. Needs a WARC file (a path, or any binary stream, such as a
download); gives one :class:`~newsprism.models.RawRecord` per HTTP response
with an HTML body, whose ``source`` is ``PATH#record-id``, whose URL is the
record's target URI and whose ``fetched`` is its WARC-Date (when the page was
captured: not when it was written, which extraction finds in the page).
Other records (requests, metadata, images, PDFs, error responses) are passed
over and counted in one :class:`~newsprism.sources.files.Skipped` at the end;
a truncated or corrupt archive ends with an ``InputError`` after the records
read before the damage. warcio reads both one gzip member per record (the
standard, and Common Crawl's CC-NEWS) and a file compressed whole.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any, Final

from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources.decode import decode_bytes
from newsprism.sources.items import Item, Limits, Skipped, check_elements

_HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
SUFFIXES: Final = (".warc", ".warc.gz")


def is_warc(name: str) -> bool:
    """True for a file name (or URL path) of a WARC archive."""
    return name.lower().endswith(SUFFIXES)


def read_warc(
    stream: IO[bytes], source: str, limits: Limits, *, compressed: bool = False
) -> Iterator[Item]:
    """Yield the HTML pages of the WARC archive read from ``stream`` (see the module doc).

    ``compressed``: the stream is gzip data, one member per record (the
    standard) or one for the whole file; both are inflated here, and a
    stream cut short gives the records before the cut, then the error.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    passed: dict[str, int] = {}
    inflated = _Inflate(stream) if compressed else None
    try:
        for record in ArchiveIterator(inflated or stream):
            reason = _not_a_page(record)
            if reason:
                passed[reason] = passed.get(reason, 0) + 1
                continue
            item = _page(record, source, limits)
            if item is not None:
                yield item
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        yield InputError(source, f"the archive is damaged after the records above ({exc})")
    else:
        if inflated is not None and inflated.truncated:
            yield InputError(source, "the archive is cut short (its gzip data ends early)")
    if passed:
        counts = ", ".join(f"{n} {why}" for why, n in sorted(passed.items()))
        yield Skipped(source, f"WARC records that are not HTML pages: {counts}")


class _Inflate(io.RawIOBase):
    """gzip data of one or many members as a readable stream that ends quietly where the data does.

    ``gzip.GzipFile`` raises at a truncated end before handing over the
    bytes it inflated, so an archive cut short lost every record in the last
    block read; here they are read, and ``truncated`` tells what happened.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._buffer = b""
        self._done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer and not self._done:
            self._fill()
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n

    def _fill(self) -> None:
        chunk = self._raw.read(_CHUNK)
        if not chunk:
            self._done = True
            # Data still held in a member without its end: cut short.
            self.truncated = not self._inflater.eof and self._seen_member
            self._buffer += self._inflater.flush()
            return
        self._seen_member = True
        data = b""
        while chunk:
            if self._inflater.eof:  # the next member starts
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data += self._inflater.decompress(chunk)
            chunk = self._inflater.unused_data if self._inflater.eof else b""
        self._buffer += data

    _seen_member = False


_CHUNK: Final = 1 << 16


def _not_a_page(record: Any) -> str | None:
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    http = record.http_headers
    if http is None:
        return "responses without HTTP headers"
    status = http.get_statuscode() or ""
    if status != "200":
        return f"HTTP {status or '?'} responses"
    kind = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in _HTML_TYPES:
        return f"{kind or 'untyped'} responses"
    return None


def _page(record: Any, source: str, limits: Limits) -> RawRecord | InputError | None:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    where = f"{source}#{record_id}"
    url = headers.get_header("WARC-Target-URI")
    cap = limits.max_article_bytes
    body: bytes = record.content_stream().read(cap + 1)
    if len(body) > cap:
        return InputError(where, f"the page is larger than {cap / (1024 * 1024):.1f} MB")
    if not body.strip():
        return InputError(where, "the response has an empty body")
    try:
        check_elements(body.count(b"<"), where, limits)
        content = decode_bytes(body, where, html=True)
    except InputError as exc:
        return exc
    return RawRecord(
        source=where,
        # The record id names the capture wherever the archive is kept.
        key=f"warc#{record_id or url}",
        kind="html",
        content=content,
        url=url,
        fetched=_warc_date(headers.get_header("WARC-Date")),
    )


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
