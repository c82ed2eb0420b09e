"""Ingest: find input files, read them safely, and yield one record per article.

Stage: first. Needs paths; adds :class:`~newsprism.models.RawRecord` items, or
an :class:`~newsprism.errors.InputError` / :class:`Skipped` for each input that
cannot be used. It never raises for a bad input: one bad file never stops a
batch, so problems are yielded in the stream for the caller to report.

Supported inputs:

- ``.txt``: scraped plain text, one article per file;
- ``.html``, ``.htm`` (optionally gzip-compressed, ``.html.gz``): one page;
- ``.json``: one article object, a list of them, or ``{"articles": [...]}``;
- ``.jsonl`` / ``.ndjson``: one article object per line;
- ``.warc``: a web archive, its HTML pages (see ``newsprism.sources.warc``).

Any of these may also be gzip-compressed (``.txt.gz``, ``.jsonl.gz``,
``.warc.gz``). URLs, feeds, sitemaps and standard input are read by the
other sources (see ``newsprism.sources.inputs``).
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal
from urllib.parse import urlsplit

from newsprism.errors import InputError
from newsprism.models import RawRecord, sane_date
from newsprism.sources.decode import decode_bytes, valid_text
from newsprism.sources.items import (
    FileRead,
    FileStamp,
    Item,
    KnownFile,
    Limits,
    PageFile,
    Skipped,
    Unchanged,
    check_elements,
)
from newsprism.sources.warc import read_warc

FileKind = Literal["text", "html", "json", "jsonl", "warc"]

_KINDS: dict[str, FileKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
SUPPORTED = ", ".join([*_KINDS, ".gz of any of these"])

# Fields of a JSON record, in the order they are looked up.
_TEXT_FIELDS = ("text", "body", "content")
_HTML_FIELDS = ("html", "raw_html")
_DATE_FIELDS = ("published", "date", "published_at", "pubdate")


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    limits: Limits = Limits(),
    known: KnownFile | None = None,
    *,
    defer: bool = False,
) -> Iterator[Item]:
    """Yield the records of every file named in ``paths`` (folders recursively).

    Files inside a folder are read in sorted order so that every run sees the
    same sequence; files whose type is unknown are skipped there, while a file
    named explicitly must be of a supported type.

    With ``known``, a file whose stamp it knows is not read (an
    :class:`Unchanged` stands for its records) and a file read cleanly is
    followed by a :class:`FileRead`; without it, only records and problems
    are yielded.

    With ``defer``, a one-article file (page or text) is not read: a
    :class:`PageFile` stands for its record (see :func:`read_page`).
    """
    for given in paths:
        shown = valid_text(os.fspath(given))
        yield from _read_path(
            Path(given), shown, limits, known, frozenset(), explicit=True, defer=defer
        )


def _read_path(
    path: Path,
    shown: str,
    limits: Limits,
    known: KnownFile | None,
    above: frozenset[tuple[int, int]],
    *,
    explicit: bool,
    defer: bool,
) -> Iterator[Item]:
    """A file or folder, by what it is (followed links included); special files are not opened.

    ``above`` holds the folders on the way down (device, inode): a link back
    to one of them is a loop, reported and not followed.
    """
    try:
        st = path.stat()
    except OSError as exc:
        yield InputError(shown, _os_reason(exc))
        return
    if stat.S_ISDIR(st.st_mode):
        mark = (st.st_dev, st.st_ino)
        if mark in above:
            yield InputError(shown, "a symbolic link loop (a link to a folder above it)")
        else:
            yield from _walk(path, limits, known, above | {mark}, defer)
    elif stat.S_ISREG(st.st_mode):
        yield from read_file(path, shown, limits, explicit=explicit, known=known, defer=defer)
    else:
        reason = _special_reason(st.st_mode)
        yield InputError(shown, reason) if explicit else Skipped(shown, reason)


def _walk(
    folder: Path,
    limits: Limits,
    known: KnownFile | None,
    above: frozenset[tuple[int, int]],
    defer: bool,
) -> Iterator[Item]:
    """The files under ``folder`` in sorted path order (as ``sorted(rglob)`` gives).

    Hidden entries (.DS_Store, .git) are passed over without a word; every
    other entry that is not read says why.
    """
    try:
        with os.scandir(folder) as it:
            names = sorted(entry.name for entry in it)
    except OSError as exc:
        yield InputError(valid_text(str(folder)), f"cannot list the folder: {_os_reason(exc)}")
        return
    for name in names:
        if not name.startswith("."):
            entry = folder / name
            shown = valid_text(str(entry))
            yield from _read_path(entry, shown, limits, known, above, explicit=False, defer=defer)


def _os_reason(exc: OSError) -> str:
    """Why a path cannot be used, in words (the errno names the true cause)."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read it: {exc.strerror or exc}"


def _special_reason(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        what = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "a special file"
    return f"not a regular file but {what}; not opened"


def file_kind(path: Path) -> tuple[FileKind | None, bool]:
    """The kind of ``path`` by its name, and whether it is gzip-compressed."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return _KINDS.get(Path(name).suffix), compressed


def read_file(
    path: Path,
    source: str,
    limits: Limits,
    *,
    explicit: bool = True,
    known: KnownFile | None = None,
    defer: bool = False,
) -> Iterator[Item]:
    """Yield the records of one file; problems are yielded, never raised.

    With ``known`` and ``defer``, see :func:`read_inputs`.
    """
    kind, compressed = file_kind(path)
    if kind is None:
        reason = f"unknown file type (supported: {SUPPORTED})"
        yield InputError(source, reason) if explicit else Skipped(source, reason)
        return
    if defer and kind in ("html", "text"):
        items: Iterable[Item] = [
            PageFile(str(path), source, "html" if kind == "html" else "text", compressed)
        ]
    else:
        items = _read_kind(path, source, kind, compressed, limits, explicit)
    if known is None:
        yield from items
        return
    try:
        stamp, settled = FileStamp.of(path)
    except OSError:  # reading it will say what is wrong
        yield from items
        return
    stored = known(stamp)
    if stored is not None:
        yield Unchanged(source, stored)
        return
    # A page left to the engine counts as read cleanly here: when the
    # engine finds a problem, the writer does not store this file's stamp
    # (newsprism.pipeline drops the stamp of a file whose record failed).
    records, clean = 0, True
    for item in items:
        records += isinstance(item, RawRecord | PageFile)
        # A WARC file's note of the records it passed over is no problem.
        clean = clean and not isinstance(item, InputError)
        yield item
    if clean and settled and records:
        yield FileRead(source, stamp, records)


def _read_kind(
    path: Path, source: str, kind: FileKind, compressed: bool, limits: Limits, explicit: bool
) -> Iterator[Item]:
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, source, compressed, limits)
            return
        if kind == "warc":
            # Streamed: an archive holds thousands of pages (a CC-NEWS file
            # is about 1 GB).
            fh = _open_or_error(path, source)
            if isinstance(fh, InputError):
                yield fh
                return
            with fh:
                yield from read_warc(fh, source, limits, compressed=compressed)
            return
        cap = limits.max_json_bytes if kind == "json" else limits.max_article_bytes
        data = _read_bytes(path, source, compressed, cap)
        yield from _records_of(data, path, source, kind, limits, explicit)
    except InputError as exc:
        yield exc


def _records_of(
    data: bytes, path: Path, source: str, kind: FileKind, limits: Limits, explicit: bool
) -> Iterator[Item]:
    """The records of a whole (decompressed) JSON, HTML or text file's bytes."""
    if kind == "json":
        yield from _read_json(data, path, source, limits, explicit=explicit)
        return
    yield _page_record(data, path, source, "html" if kind == "html" else "text", limits)


def _page_record(
    data: bytes, path: Path, source: str, page: Literal["html", "text"], limits: Limits
) -> RawRecord:
    """The one record of a page's or a text's whole (decompressed) bytes."""
    if page == "html":
        check_elements(data.count(b"<"), source, limits)
    content = decode_bytes(data, source, html=page == "html")
    return RawRecord(source=source, key=_base_key(path), kind=page, content=content)


def read_page(page: PageFile, limits: Limits) -> RawRecord:
    """The record of a file :func:`read_inputs` deferred; raises :class:`InputError`.

    Read as :func:`read_file` reads it (the same checks and limits), where
    the engine runs: a worker process, or a Dask worker, which must then see
    the same path (shared storage).
    """
    path = Path(page.path)
    data = _read_bytes(path, page.source, page.compressed, limits.max_article_bytes)
    return _page_record(data, path, page.source, page.kind, limits)


def read_stream(raw: BinaryIO, name: str, source: str, limits: Limits) -> Iterator[Item]:
    """The records of a file already open (through fsspec, say), by its name's type.

    As :func:`read_file` for a local file: JSONL and WARC streamed, the other
    kinds read whole up to their size limit; problems are yielded.
    """
    path = Path(name)
    kind, compressed = file_kind(path)
    if kind is None:
        yield InputError(source, f"unknown file type (supported: {SUPPORTED})")
        return
    if kind == "warc":
        yield from read_warc(raw, source, limits, compressed=compressed)
        return
    if kind == "jsonl":
        yield from _jsonl_records(raw, path, source, compressed, limits)
        return
    cap = limits.max_json_bytes if kind == "json" else limits.max_article_bytes
    try:
        data = raw.read(cap + 1)
        if compressed:
            data = _gunzip(data, source, cap)
        elif len(data) > cap:
            raise InputError(source, f"too large (over {_mb(cap)})")
        yield from _records_of(data, path, source, kind, limits, explicit=True)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source, _os_reason(exc))


def _base_key(path: Path) -> str:
    """The file's name: ids derive from it, not from the folder it sits in."""
    return valid_text(path.name)


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file.

    Opened without blocking (a FIFO put in a file's place after it was
    listed would otherwise block ``open`` until a writer comes), then
    checked on the open descriptor, so nothing can swap it in between.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise (
                IsADirectoryError(errno.EISDIR, "is a directory")
                if stat.S_ISDIR(mode)
                else _Special(_special_reason(mode))
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _Special(OSError):
    """Raised for a special file found on opening (its message is the reason)."""


def _read_bytes(path: Path, source: str, compressed: bool, cap: int) -> bytes:
    try:
        size = path.stat().st_size
        if not compressed and size > cap:
            raise InputError(source, f"too large ({_mb(size)}; the limit is {_mb(cap)})")
        with _open_regular(path) as fh:
            raw = fh.read(cap + 1)
    except _Special as exc:
        raise InputError(source, str(exc)) from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None
    if not compressed:
        if len(raw) > cap:
            raise InputError(source, f"too large (over {_mb(cap)})")
        return raw
    return _gunzip(raw, source, cap)


def _gunzip(raw: bytes, source: str, cap: int) -> bytes:
    """Decompress at most ``cap`` bytes: a gzip bomb stops at the cap."""
    if not raw.startswith(b"\x1f\x8b"):
        raise InputError(source, "named .gz but is not gzip-compressed")
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(raw, cap + 1)
    except zlib.error as exc:
        raise InputError(source, f"broken gzip data: {exc}") from None
    if len(out) > cap:
        raise InputError(
            source, f"decompresses to more than {_mb(cap)} (a gzip bomb or not one article)"
        )
    if not inflater.eof:
        raise InputError(source, "truncated gzip data")
    return out


def _read_jsonl(path: Path, source: str, compressed: bool, limits: Limits) -> Iterator[Item]:
    raw = _open_or_error(path, source)
    if isinstance(raw, InputError):
        yield raw
        return
    yield from _jsonl_records(raw, path, source, compressed, limits)


def _open_or_error(path: Path, source: str) -> BinaryIO | InputError:
    """The regular file at ``path`` open for reading, or the problem (named for ``source``)."""
    try:
        return _open_regular(path)
    except _Special as exc:
        return InputError(source, str(exc))
    except OSError as exc:
        return InputError(source, _os_reason(exc))


def _jsonl_records(
    raw: BinaryIO, path: Path, source: str, compressed: bool, limits: Limits
) -> Iterator[Item]:
    """One record a line of an open JSONL stream (closed at the end)."""
    cap = limits.max_article_bytes
    try:
        # A compressed stream is read through a counter: past the .json
        # cap of decompressed bytes it is a gzip bomb (7 MB expanding to
        # 3 GB), stopped there; the records before it stand.
        fh = (
            _Capped(gzip.GzipFile(fileobj=raw, mode="rb"), limits.max_json_bytes)
            if compressed
            else raw
        )
        with raw, fh:
            seen = 0
            for number, line in enumerate(_bounded_lines(fh, cap), start=1):
                where = f"{source}#{number}"
                if line is None:
                    yield InputError(where, f"line {number} is longer than {_mb(cap)}")
                    continue
                if not line.strip():
                    continue
                seen += 1
                try:
                    obj = _parse_json(decode_bytes(line, where), where, limits)
                except InputError as exc:
                    yield InputError(where, f"line {number} is not valid JSON ({exc.reason})")
                    continue
                yield record_from_object(obj, path, source, number, limits)
            if seen == 0:
                yield InputError(source, "the file is empty")
    except _Special as exc:
        yield InputError(source, str(exc))
    except _Bomb:
        yield InputError(
            source, f"decompresses to more than {_mb(limits.max_json_bytes)} (a gzip bomb?)"
        )
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield InputError(source, f"broken gzip data: {exc}")
    except OSError as exc:
        yield InputError(source, _os_reason(exc))


class _Bomb(Exception):
    """More decompressed bytes than the cap."""


class _Capped:
    """A binary reader that raises :class:`_Bomb` once more than ``cap`` bytes came out."""

    def __init__(self, fh: Any, cap: int) -> None:
        self._fh = fh
        self._cap = cap
        self._read = 0

    def readline(self, size: int = -1) -> bytes:
        line: bytes = self._fh.readline(size)
        self._read += len(line)
        if self._read > self._cap:
            raise _Bomb
        return line

    def __enter__(self) -> _Capped:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def _bounded_lines(fh: Any, cap: int) -> Iterator[bytes | None]:
    """Lines of a binary file; ``None`` for a line over ``cap`` (skipped, not held)."""
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line without keeping it
                rest = fh.readline(cap + 1)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _read_json(
    data: bytes, path: Path, source: str, limits: Limits, *, explicit: bool
) -> Iterator[Item]:
    try:
        doc = _parse_json(decode_bytes(data, source), source, limits)
    except InputError as exc:
        yield InputError(source, f"not valid JSON: {exc.reason}")
        return
    objects = doc.get("articles") if isinstance(doc, dict) and "articles" in doc else doc
    if isinstance(objects, dict):
        objects = [objects]
    if not isinstance(objects, list) or not any(_looks_like_article(o) for o in objects):
        reason = "holds no article records (objects with text, html or title)"
        yield InputError(source, reason) if explicit else Skipped(source, reason)
        return
    for number, obj in enumerate(objects, start=1):
        yield record_from_object(obj, path, source, number, limits)


# Digits of a JSON integer kept as a number. Python refuses to convert more
# than 4,300 (a denial-of-service guard) with a ValueError; a record's
# integers are ids at most, read as text, so a longer one stays its digits.
_INT_DIGITS: Final = 100


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= _INT_DIGITS else digits


def _parse_json(text: str, source: str, limits: Limits) -> Any:
    """``json.loads`` with limits: depth checked before parsing, long integers kept as text.

    Raises :class:`InputError` (reason only) for invalid or too deeply nested JSON.
    """
    limit = limits.max_json_depth
    # The bracket count bounds the depth: most records need no scan.
    if text.count("[") + text.count("{") > limit and _json_depth(text) > limit:
        raise InputError(source, f"nested more than {limits.max_json_depth} levels deep")
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"{exc.msg} at line {exc.lineno}") from None
    except (RecursionError, ValueError) as exc:  # the depth scan is an estimate
        raise InputError(source, f"cannot be parsed ({type(exc).__name__})") from None


# A JSON string (escapes included; the unrolled form runs in one pass), and
# a bracket outside strings.
_JSON_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET: Final = re.compile(r"[\[\]{}]")


def _json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _looks_like_article(obj: object) -> bool:
    return isinstance(obj, dict) and any(
        isinstance(obj.get(f), str) for f in (*_TEXT_FIELDS, *_HTML_FIELDS, "title")
    )


def record_from_object(
    obj: object, path: Path, source: str, number: int, limits: Limits
) -> RawRecord | InputError:
    """One article object of a container file, keyed by its id, else URL, else number."""
    if not isinstance(obj, dict):
        return InputError(f"{source}#{number}", f"record {number} is not a JSON object")
    url = _valid_url(_str_field(obj, "url", "link"))
    raw_id = obj.get("id")
    key = valid_text(str(raw_id)) if raw_id not in (None, "") else (url or str(number))
    where = f"{source}#{key}"
    html = _str_field(obj, *_HTML_FIELDS)
    text = _str_field(obj, *_TEXT_FIELDS)
    title = _str_field(obj, "title", "headline")
    if not (html or text or title):
        return InputError(where, "the record has no text, html or title")
    kind: Literal["html", "text"] = "html" if html and not text else "text"
    content = (html if kind == "html" else text) or ""
    # The per-article cap holds inside containers too (a .json file is only
    # capped as a whole); characters, not bytes: at most 4 bytes each.
    if len(content) > limits.max_article_bytes:
        return InputError(
            where, f"the record's {kind} is too large (over {_mb(limits.max_article_bytes)})"
        )
    if kind == "html":
        try:
            check_elements(content.count("<"), where, limits)
        except InputError as exc:
            return exc
    return RawRecord(
        source=where,
        key=f"{_base_key(path)}#{key}",
        kind=kind,
        content=content,
        url=url,
        title=title,
        published=parse_date(_str_field(obj, *_DATE_FIELDS)),
        outlet=_str_field(obj, "outlet", "source_name", "site_name", "publisher"),
    )


def _valid_url(url: str | None) -> str | None:
    """``url`` if it parses as a URL (``http://[oops`` does not); else no URL.

    The record is kept either way: a broken link is not a broken article.
    """
    if url is None:
        return None
    try:
        urlsplit(url)
    except ValueError:
        return None
    return url


def _str_field(obj: dict[str, Any], *names: str) -> str | None:
    """The first named field holding text, stripped and made valid Unicode."""
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return valid_text(value.strip())
    return None


def parse_date(value: str | None) -> date | None:
    """A record's date field: ISO 8601 first (the common case), then free text."""
    if not value:
        return None
    try:
        return sane_date(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    try:
        return sane_date(date.fromisoformat(value[:10]))
    except ValueError:
        pass
    if len(value) > _DATE_MAX_CHARS:
        return None  # not a date field's value; dateparser's time grows with it
    import dateparser  # imported here: slow to import, rarely needed

    try:
        parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError, RecursionError):
        return None
    return sane_date(parsed.date()) if parsed else None


# The longest date field read as free text ("Tuesday, 3 November 2023,
# 14:05 Eastern Standard Time" is 50 characters).
_DATE_MAX_CHARS: Final = 100


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
