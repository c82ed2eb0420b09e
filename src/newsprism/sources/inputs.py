"""Every kind of input named on the command line, each to the source that reads it.

Stage: first. Needs the arguments as given (paths, URLs, ``-``); yields the
:data:`~newsprism.sources.items.Item` stream the pipeline stores:

* ``-``: standard input (:mod:`newsprism.sources.stdin`);
* ``http://`` and ``https://``: a page, feed, sitemap, home page or WARC file
  (:mod:`newsprism.sources.remote`), when the run may fetch;
* ``s3://``, ``gs://`` and any other URL fsspec reads: that one file (by its
  name's type, as a local file), when fsspec and the package for that file
  system are installed (``s3fs``, ``gcsfs``, ...);
* a local feed or sitemap (``.rss``, ``.atom``, ``.xml``): its links, fetched;
* anything else: files and folders (:mod:`newsprism.sources.files`), WARC files too.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Final
from urllib.parse import urlsplit

from newsprism.errors import InputError
from newsprism.sources.decode import valid_text
from newsprism.sources.feeds import document_kind, feed_links, sitemap_links
from newsprism.sources.files import file_kind, read_inputs, read_stream
from newsprism.sources.items import Item, KnownFile, Limits
from newsprism.sources.remote import Remote, read_links, read_url
from newsprism.sources.stdin import read_stdin
from newsprism.sources.web import is_url

LISTING_SUFFIXES: Final = (".rss", ".atom", ".xml")


def read_sources(
    given: Iterable[str | os.PathLike[str]],
    limits: Limits = Limits(),
    known: KnownFile | None = None,
    remote: Remote | None = None,
    stdin: IO[bytes] | None = None,
    *,
    defer: bool = False,
) -> Iterator[Item]:
    """Yield the records of every input named in ``given``, in order; problems are yielded.

    With ``defer``, local one-article files are left to the engine to read
    (:class:`~newsprism.sources.items.PageFile`; see ``read_inputs``).
    """
    for arg in given:
        text = os.fspath(arg)
        if text == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
        elif is_url(text):
            if remote is None:
                yield InputError(text, "URLs are not fetched in this run")
            else:
                yield from read_url(text, remote)
        elif _STORE_URL.match(text):
            yield from _read_fsspec(text, limits)
        elif text.lower().endswith(LISTING_SUFFIXES) and Path(text).is_file():
            yield from _read_listing(Path(text), valid_text(text), limits, remote)
        else:
            yield from read_inputs([arg], limits, known, defer=defer)


def expected_records(given: Iterable[str | os.PathLike[str]], cap: int = 1_000_000) -> int | None:
    """How many records the inputs hold, when counting their files tells (else ``None``).

    A folder of saved pages or texts holds one article per file, so a quick
    walk (names only, nothing opened) gives a progress bar its total; a
    container (JSON, JSONL, WARC), a URL, a feed or standard input holds an
    unknown number, and so does a tree past ``cap`` files.
    """
    count = 0
    for arg in given:
        text = os.fspath(arg)
        if text == "-" or is_url(text):
            return None
        for root, dirs, files in os.walk(text) if os.path.isdir(text) else [("", [], [text])]:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.startswith(".") and root:
                    continue
                kind, _ = file_kind(Path(name))
                if kind in ("json", "jsonl", "warc") or name.lower().endswith(LISTING_SUFFIXES):
                    return None
                count += kind is not None
                if count > cap:
                    return None
    return count


# Another file system's URL (s3://, gs://, az://, hdfs://, memory://, ...):
# read through fsspec, whose package for that system must be installed.
_STORE_URL: Final = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _read_fsspec(url: str, limits: Limits) -> Iterator[Item]:
    """A file on object storage or another file system fsspec reads (one file, not a folder)."""
    try:
        import fsspec

        opened = fsspec.open(url, "rb")
        with opened as fh:
            yield from read_stream(fh, urlsplit(url).path, url, limits)
    except ImportError as exc:  # fsspec itself, or the package of that file system
        yield InputError(url, f"cannot read this kind of URL here ({exc})")
    except (OSError, ValueError) as exc:
        yield InputError(url, f"cannot read it ({exc})")


def _read_listing(path: Path, shown: str, limits: Limits, remote: Remote | None) -> Iterator[Item]:
    """A feed or sitemap saved to a file: its links are fetched."""
    try:
        with path.open("rb") as fh:
            body = fh.read(limits.max_json_bytes + 1)
    except OSError as exc:
        yield InputError(shown, f"cannot read it ({exc.strerror or exc})")
        return
    kind = document_kind(body)
    if kind == "feed":
        links = feed_links(body)
    elif kind == "sitemap":
        links, _ = sitemap_links(body)
    else:
        yield InputError(shown, "neither a feed (RSS, Atom) nor a sitemap")
        return
    if remote is None:
        yield InputError(shown, "its links are URLs, which are not fetched in this run")
        return
    yield from read_links(shown, links, remote)
