"""Standard input as a source: ``-`` reads JSONL records, or one plain-text article.

Stage: a source. Needs a binary stream; gives records as a ``.jsonl`` file or
a ``.txt`` file would. The whole input is read first (up to the container
size limit): it is JSONL when every non-blank line is a JSON object, else it
is one article's text. A piped article has no file name, so its key is a
hash of its content: piping the same text twice gives the same id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsprism.errors import InputError
from newsprism.sources.decode import decode_bytes
from newsprism.sources.files import record_from_object
from newsprism.sources.items import Item, Limits

SOURCE = "-"


def read_stdin(stream: IO[bytes], limits: Limits) -> Iterator[Item]:
    """Yield the records piped into ``stream`` (see the module doc)."""
    cap = limits.max_json_bytes
    data = stream.read(cap + 1)
    if len(data) > cap:
        yield InputError(SOURCE, f"standard input is larger than {cap / (1024 * 1024):.1f} MB")
        return
    try:
        text = decode_bytes(data, SOURCE)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield InputError(SOURCE, "standard input is empty")
        return
    objects = _json_lines(text)
    if objects is None:
        if len(data) > limits.max_article_bytes:
            yield InputError(SOURCE, "standard input is too large for one article")
            return
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        from newsprism.models import RawRecord

        yield RawRecord(source=SOURCE, key=f"stdin#{digest}", kind="text", content=text)
        return
    for number, obj in objects:
        yield record_from_object(obj, Path("stdin"), SOURCE, number, limits)


def _json_lines(text: str) -> list[tuple[int, object]] | None:
    """The objects of JSONL text with their line numbers, or None when it is not JSONL."""
    found: list[tuple[int, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return None
        try:
            found.append((number, json.loads(line)))
        except (ValueError, RecursionError):
            return None
    return found or None
