"""Bytes to text: detect the encoding (never assume it) and repair mojibake.

Stage: ingest helper. Needs raw bytes; adds a ``str``.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio
from ftfy.badness import BADNESS_RE

from newsprism.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A charset declared in the first bytes of an HTML page (<meta charset=...> or
# http-equiv content=...; charset=...).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Control characters that never occur in text; many of them mean binary data.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Share of control bytes above which a file is binary, not text with a stray
# control character. 1% is well above what scraped text carries (stray \x0c
# form feeds, \x1b in copied terminal output) and far below any binary format.
_BINARY_SHARE = 0.01
# Windows-1252 is the legacy encoding of most unlabelled Western pages (the
# WHATWG encoding standard makes it the default for them). On short texts
# charset-normalizer often prefers a rarer Latin code page whose "mess" score
# is a hair lower (French in cp1252 scored 0.037 vs 0.028 for mac_latin2), so
# cp1252 wins unless its decoding is clearly messier; Cyrillic or Greek bytes
# read as cp1252 score above 1.0, far outside this slack.
_WESTERN_SLACK = 0.02
# ftfy's mojibake detector (``ftfy.badness.is_bad``) is one regex searched
# over the whole text; on a saved page, mostly ASCII markup and scripts, that
# search took 5.8 s of a 13 s ``newsprism analyze`` of the 181 benchmark pages
# (32 ms a page, more than trafilatura's extraction). Every alternative of
# that regex holds a character above U+007F and no match is longer than 7
# characters (both checked against the installed ftfy in tests/test_ingest.py),
# so a match always lies within 7 characters of a non-ASCII run: searching
# only there gives the same answer (0.2 s for the same pages).
_BAD_REACH: Final = 7
# Non-ASCII runs with their neighbours less than two reaches away: their
# windows overlap, so each such cluster is searched once (a page of curly
# quotes or of Cyrillic is a handful of searches, not one per character).
_NON_ASCII_NEAR = re.compile(rf"[^\x00-\x7f](?:[\x00-\x7f]{{0,{2 * _BAD_REACH}}}[^\x00-\x7f])*")


def decode_bytes(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode ``data`` read from ``source`` into clean Unicode text.

    Order: a byte-order mark; strict UTF-8 (by far the most common, and a
    strict decode almost never succeeds by accident); for HTML the charset the
    page declares; otherwise charset-normalizer's best guess. Mojibake (UTF-8
    read as Latin-1 somewhere upstream) is then repaired with ftfy, but only
    when ftfy's own detector says the text looks bad, which keeps the common
    path fast and leaves good text untouched.

    Raises :class:`InputError` for empty or binary data.
    """
    if not data.strip():
        raise InputError(source, "the file is empty")
    text = _decode(data, source, html=html)
    if "\x00" in text:
        raise InputError(source, "binary content (NUL characters), not a text or HTML file")
    if looks_bad(text):
        # Keep curly quotes: they are real typography, and quotes are data here.
        text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    return text


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only around non-ASCII characters.

    Each window is searched with the same regex through ``pos``/``endpos``,
    which keeps ``^`` anchored at the real start of the text (the regex has
    no lookarounds, ``\\b`` or ``$`` that could see past a window's edge).
    """
    search = BADNESS_RE.search
    for run in _NON_ASCII_NEAR.finditer(text):
        if search(text, max(run.start() - _BAD_REACH, 0), run.end() + _BAD_REACH):
            return True
    return False


def valid_text(text: str) -> str:
    """``text`` as valid Unicode: lone surrogates become U+FFFD.

    JSON escapes (``"\\ud800"``) and file names the OS could not decode
    (``surrogateescape``) give strings that no UTF-8 encoder (SQLite,
    a terminal, a report file) accepts.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# UTF-16 text without a byte-order mark: in Latin, Greek, Cyrillic, ... text
# every other byte is zero (the high byte of each code unit). A share this
# high of zeros on one side and almost none on the other is that pattern;
# binary formats spread their zeros over both.
_UTF16_SIDE: Final = 0.4
_UTF16_OTHER: Final = 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0::2].count(0) / pairs
    odd = head[1::2].count(0) / pairs
    if odd >= _UTF16_SIDE and even <= _UTF16_OTHER:
        encoding = "utf-16-le"
    elif even >= _UTF16_SIDE and odd <= _UTF16_OTHER:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, source: str, *, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if b"\x00" in data[:4096] or len(_BINARY_BYTES.findall(data[:65536])) > _BINARY_SHARE * min(
        len(data), 65536
    ):
        raise InputError(source, "binary content, not a text or HTML file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass  # an unknown charset name: detect instead
    best = charset_normalizer.from_bytes(data).best()
    western = _try_windows_1252(data)
    if western is not None and (best is None or mess_ratio(western) <= best.chaos + _WESTERN_SLACK):
        return western
    if best is None:
        raise InputError(source, "cannot detect the text encoding (binary content?)")
    return str(best)


def _try_windows_1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None
