"""Ingest: find input files, read them safely, and yield one record per article.

Stage: first. Needs paths; adds :class:`~newsprism.models.RawRecord` items, or
an :class:`~newsprism.errors.InputError` / :class:`Skipped` for each input that
cannot be used. It never raises for a bad input: one bad file never stops a
batch, so problems are yielded in the stream for the caller to report.

Supported inputs:

- ``.txt``: scraped plain text, one article per file;
- ``.html``, ``.htm`` (optionally gzip-compressed, ``.html.gz``): one page;
- ``.json``: one article object, a list of them, or ``{"articles": [...]}``;
- ``.jsonl`` / ``.ndjson``: one article object per line.

Any of these may also be gzip-compressed (``.txt.gz``, ``.jsonl.gz``).
"""

from __future__ import annotations

import gzip
import json
import os
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, Literal

from newsprism.decode import decode_bytes
from newsprism.errors import InputError
from newsprism.models import RawRecord

FileKind = Literal["text", "html", "json", "jsonl"]

_KINDS: dict[str, FileKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SUPPORTED = ", ".join([*_KINDS, ".gz of any of these"])

# Fields of a JSON record, in the order they are looked up.
_TEXT_FIELDS = ("text", "body", "content")
_HTML_FIELDS = ("html", "raw_html")
_DATE_FIELDS = ("published", "date", "published_at", "pubdate")


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that keep one hostile or mistaken file from sinking a run.

    A single news article, even a raw HTML page with inline scripts, is well
    under 10 MiB (the extraction benchmark's largest page is under 2 MiB), so
    anything larger is not an article. Container files (JSON/JSONL) may hold
    many articles: JSONL is streamed line by line with the per-article limit on
    each line; a ``.json`` file is parsed whole, so it gets a larger cap.
    """

    max_article_bytes: int = 10 * 1024 * 1024
    max_json_bytes: int = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input passed over on purpose (not an error): e.g. a README in a folder."""

    source: str
    reason: str


# How long after a file's last change its stamp may be trusted: a file
# rewritten within one tick of its timestamps' clock (a second on some file
# systems, two on FAT) could keep every stamp field, so a file changed this
# recently is read every time until it has settled (git's "racily clean" rule).
SETTLE_NS: Final = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What tells that a file is as it was when read: where it is and its stat.

    The change time is in it because no program can set it back: a file
    rewritten with the same size and its modification time restored still
    gets a new one. Any change of the stamp (a copy, a touch, a move) only
    means the file is read again, and its records then found stored by id.
    """

    path: str  # absolute
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> tuple[FileStamp, bool]:
        """The file's stamp, and whether it has settled (see ``SETTLE_NS``)."""
        st = path.stat()
        settled = max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLE_NS
        stamp = cls(os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        return stamp, settled


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file not read again: the store holds it with this stamp and its records."""

    source: str
    records: int


@dataclass(frozen=True, slots=True)
class FileRead:
    """Follows the records of a file read whole without a problem.

    Its stamp (taken before reading) and record count may be stored once
    those records are: the next run then skips the file while its stamp is
    unchanged. Yielded only for settled files.
    """

    source: str
    stamp: FileStamp
    records: int


# The store's answer for a stamp: how many records the file gave, or None
# when it does not hold the file with that stamp.
KnownFile = Callable[[FileStamp], int | None]

Item = RawRecord | InputError | Skipped | Unchanged | FileRead


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    limits: Limits = Limits(),
    known: KnownFile | None = None,
) -> Iterator[Item]:
    """Yield the records of every file named in ``paths`` (folders recursively).

    Files inside a folder are read in sorted order so that every run sees the
    same sequence; files whose type is unknown are skipped there, while a file
    named explicitly must be of a supported type.

    With ``known``, a file whose stamp it knows is not read (an
    :class:`Unchanged` stands for its records) and a file read cleanly is
    followed by a :class:`FileRead`; without it, only records and problems
    are yielded.
    """
    for given in paths:
        path = Path(given)
        shown = os.fspath(given)
        if path.is_dir():
            yield from _walk(path, limits, known)
        elif path.exists():
            yield from read_file(path, shown, limits, explicit=True, known=known)
        else:
            yield InputError(shown, "no such file or directory")


def _walk(folder: Path, limits: Limits, known: KnownFile | None = None) -> Iterator[Item]:
    try:
        entries = sorted(folder.rglob("*"))
    except OSError as exc:
        yield InputError(str(folder), f"cannot list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        rel = entry.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not entry.is_file():
            continue  # hidden files (.DS_Store, .git) and folders themselves
        yield from read_file(entry, str(entry), limits, explicit=False, known=known)


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
) -> Iterator[Item]:
    """Yield the records of one file; problems are yielded, never raised.

    With ``known``, see :func:`read_inputs`.
    """
    kind, compressed = file_kind(path)
    if kind is None:
        reason = f"unknown file type (supported: {SUPPORTED})"
        yield InputError(source, reason) if explicit else Skipped(source, reason)
        return
    if known is None:
        yield from _read_kind(path, source, kind, compressed, limits, explicit)
        return
    try:
        stamp, settled = FileStamp.of(path)
    except OSError:  # reading it will say what is wrong
        yield from _read_kind(path, source, kind, compressed, limits, explicit)
        return
    stored = known(stamp)
    if stored is not None:
        yield Unchanged(source, stored)
        return
    records, clean = 0, True
    for item in _read_kind(path, source, kind, compressed, limits, explicit):
        records += isinstance(item, RawRecord)
        clean = clean and isinstance(item, RawRecord)
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
        cap = limits.max_json_bytes if kind == "json" else limits.max_article_bytes
        data = _read_bytes(path, source, compressed, cap)
        if kind == "json":
            yield from _read_json(data, path, source, explicit=explicit)
            return
        content = decode_bytes(data, source, html=kind == "html")
        yield RawRecord(source=source, key=_base_key(path), kind=kind, content=content)
    except InputError as exc:
        yield exc


def _base_key(path: Path) -> str:
    """The file's name: ids derive from it, not from the folder it sits in."""
    return path.name


def _read_bytes(path: Path, source: str, compressed: bool, cap: int) -> bytes:
    try:
        size = path.stat().st_size
        if not compressed and size > cap:
            raise InputError(source, f"too large ({_mb(size)}; the limit is {_mb(cap)})")
        with open(path, "rb") as fh:
            raw = fh.read(cap + 1)
    except PermissionError:
        raise InputError(source, "cannot read the file: permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read the file: {exc.strerror or exc}") from None
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
    cap = limits.max_article_bytes
    try:
        opener = gzip.open(path, "rb") if compressed else open(path, "rb")  # noqa: SIM115
        with opener as fh:
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
                    obj = json.loads(decode_bytes(line, where))
                except (json.JSONDecodeError, InputError) as exc:
                    msg = exc.reason if isinstance(exc, InputError) else exc.msg
                    yield InputError(where, f"line {number} is not valid JSON ({msg})")
                    continue
                yield _record_from_object(obj, path, source, number)
            if seen == 0:
                yield InputError(source, "the file is empty")
    except PermissionError:
        yield InputError(source, "cannot read the file: permission denied")
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(source, f"cannot read the file: {exc}")


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


def _read_json(data: bytes, path: Path, source: str, *, explicit: bool) -> Iterator[Item]:
    try:
        doc = json.loads(decode_bytes(data, source))
    except json.JSONDecodeError as exc:
        yield InputError(source, f"not valid JSON: {exc.msg} at line {exc.lineno}")
        return
    objects = doc.get("articles") if isinstance(doc, dict) and "articles" in doc else doc
    if isinstance(objects, dict):
        objects = [objects]
    if not isinstance(objects, list) or not any(_looks_like_article(o) for o in objects):
        reason = "holds no article records (objects with text, html or title)"
        yield InputError(source, reason) if explicit else Skipped(source, reason)
        return
    for number, obj in enumerate(objects, start=1):
        yield _record_from_object(obj, path, source, number)


def _looks_like_article(obj: object) -> bool:
    return isinstance(obj, dict) and any(
        isinstance(obj.get(f), str) for f in (*_TEXT_FIELDS, *_HTML_FIELDS, "title")
    )


def _record_from_object(
    obj: object, path: Path, source: str, number: int
) -> RawRecord | InputError:
    """One article object of a container file, keyed by its id, else URL, else number."""
    if not isinstance(obj, dict):
        return InputError(f"{source}#{number}", f"record {number} is not a JSON object")
    url = _str_field(obj, "url", "link")
    raw_id = obj.get("id")
    key = str(raw_id) if raw_id not in (None, "") else (url or str(number))
    where = f"{source}#{key}"
    html = _str_field(obj, *_HTML_FIELDS)
    text = _str_field(obj, *_TEXT_FIELDS)
    title = _str_field(obj, "title", "headline")
    if not (html or text or title):
        return InputError(where, "the record has no text, html or title")
    return RawRecord(
        source=where,
        key=f"{path.name}#{key}",
        kind="html" if html and not text else "text",
        content=(html if html and not text else text) or "",
        url=url,
        title=title,
        published=parse_date(_str_field(obj, *_DATE_FIELDS)),
        outlet=_str_field(obj, "outlet", "source_name", "site_name", "publisher"),
    )


def _str_field(obj: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_date(value: str | None) -> date | None:
    """A record's date field: ISO 8601 first (the common case), then free text."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser  # imported here: slow to import, rarely needed

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
