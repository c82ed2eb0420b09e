"""Words of a lower-cased text, as a regular expression finds them, in a fraction of its time.

Not a stage of its own: the copy fingerprint (:mod:`newsprism.dedupe`) and the
language guess (:mod:`newsprism.language`) both read a text's words, and that
reading was an eighth of the instructions of the whole plain-text path; the
cleaner folds lines for comparison the same way (:func:`clean.line_key`). The
regular expression engine tests every character against Unicode categories
and builds each word on its own; here the ASCII characters that cannot be
part of a word become spaces in one table lookup per character (str.translate
on ASCII text, bytes.translate on the UTF-8 of any other text) and
``str.split`` cuts the words out in C. Only the few pieces holding a non-ASCII
character (an accented word, a word after a curly quote) are handed to the
regular expression, so the result is exactly what ``pattern.findall`` gives:
the property tests hold every text to it.

On 1,000 cleaned synthetic articles (two in three hold a non-ASCII
character) reading the ``\\w+`` words took 844k instructions per text before
and 402k after; the whole plain-text path went from 8.29 to 7.69 million
instructions per article (benchmarks/instructions.py, valgrind).
"""

from __future__ import annotations

import re
import string
from typing import Final


def _tables(word_chars: str) -> tuple[dict[int, str], bytes]:
    """Translation tables turning the ASCII characters not in ``word_chars`` into spaces."""
    for_str = {i: " " for i in range(128) if chr(i) not in word_chars}
    # Bytes from 0x80 up belong to multi-byte characters: left as they are.
    for_bytes = bytes(i if i >= 128 or chr(i) in word_chars else 32 for i in range(256))
    return for_str, for_bytes


# ``\w+`` matches ASCII letters, digits and the underscore; ``[^\W\d_]+`` the
# letters alone (a lower-cased text has no ASCII capitals left).
_WORD: Final = re.compile(r"\w+")
_WORD_TABLES: Final = _tables(string.ascii_lowercase + string.digits + "_")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_LETTER_TABLES: Final = _tables(string.ascii_lowercase)
_ALNUM: Final = re.compile(r"[^\W_]+")
_ALNUM_TABLES: Final = _tables(string.ascii_lowercase + string.digits)


def word_tokens(low: str) -> list[str]:
    r"""``re.findall(r"\w+", low)`` for a lower-cased ``low``."""
    return _find(low, _WORD, *_WORD_TABLES)


def letter_tokens(low: str) -> list[str]:
    r"""``re.findall(r"[^\W\d_]+", low)`` for a lower-cased ``low``: words of letters."""
    return _find(low, _LETTERS, *_LETTER_TABLES)


def alnum_tokens(low: str) -> list[str]:
    r"""``re.findall(r"[^\W_]+", low)`` for a lower-cased ``low``: runs of letters and digits."""
    return _find(low, _ALNUM, *_ALNUM_TABLES)


def _find(
    low: str, pattern: re.Pattern[str], for_str: dict[int, str], for_bytes: bytes
) -> list[str]:
    if low.isascii():
        return low.translate(for_str).split()
    # Every ASCII non-word character becomes a space; the rest of the text is
    # unchanged (surrogates too). str.split also cuts at Unicode white space,
    # which no word contains.
    chunks = (
        low.encode("utf-8", "surrogatepass")
        .translate(for_bytes)
        .decode("utf-8", "surrogatepass")
        .split()
    )
    odd = [i for i, chunk in enumerate(chunks) if not chunk.isascii()]
    for i in reversed(odd):  # from the end, so the earlier indexes stay put
        chunks[i : i + 1] = pattern.findall(chunks[i])
    return chunks


def shingles(words: list[str], n: int) -> list[str]:
    """Each run of ``n`` consecutive words joined by one space (all of them if fewer).

    The same strings as ``" ".join(words[i : i + n])`` for every ``i``, cut as
    slices of the words joined once: one copy per shingle instead of a tuple
    and a join (compiled, see setup.py).
    """
    if len(words) < n:
        return [" ".join(words)]
    joined = " ".join(words)
    ends: list[int] = []  # where each word ends in ``joined``
    pos = 0
    for word in words:
        pos += len(word)
        ends.append(pos)
        pos += 1
    out: list[str] = []
    start = 0
    for i in range(len(words) - n + 1):
        out.append(joined[start : ends[i + n - 1]])
        start = ends[i] + 1
    return out
