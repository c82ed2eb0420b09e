"""Words of a lower-cased text, as a regular expression finds them, in a fraction of its time.

Not a stage of its own: the copy fingerprint (:mod:`newsprism.index.copies`) and the
language guess (:mod:`newsprism.text.language`) both read a text's words, and that
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


def _table(word_chars: str, fold: bool = False) -> bytes:
    """A byte table turning the ASCII bytes not in ``word_chars`` into spaces.

    With ``fold``, capitals become their small letters first (str.lower() and
    str.casefold() do only that to ASCII text).
    """
    out = bytearray(range(256))
    for i in range(128):
        c = chr(i).lower() if fold else chr(i)
        out[i] = ord(c) if c in word_chars else 32
    # Bytes from 0x80 up belong to multi-byte characters: left as they are.
    return bytes(out)


# ``\w+`` matches ASCII letters, digits and the underscore; ``[^\W\d_]+`` the
# letters alone (a lower-cased text has no ASCII capitals left).
_WORD: Final = re.compile(r"\w+")
_WORD_BYTES: Final = _table(string.ascii_lowercase + string.digits + "_")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_LETTER_BYTES: Final = _table(string.ascii_lowercase)
_ALNUM: Final = re.compile(r"[^\W_]+")
_ALNUM_CHARS: Final = string.ascii_lowercase + string.digits
_ALNUM_BYTES: Final = _table(_ALNUM_CHARS)
_FOLDED_ALNUM_BYTES: Final = _table(_ALNUM_CHARS, fold=True)
_FOLDED_WORD_BYTES: Final = _table(string.ascii_lowercase + string.digits + "_", fold=True)
_FOLDED_LETTER_BYTES: Final = _table(string.ascii_lowercase, fold=True)
# str.lower() writes a capital sigma as a final or a medial small sigma by
# the letters around it, which a piece cut from the text may not hold.
_CAPITAL_SIGMA: Final = "\u03a3"
# str.lower() called through the type, not as a method: compiled with mypyc,
# text.lower() maps each character alone and writes every capital sigma as a
# medial one ("ΟΣ" -> "οσ", where CPython gives the final "ος"), so a
# compiled build found other words than the pure one (tests/test_words.py).
_lower: Final = str.lower


def word_tokens(low: str) -> list[str]:
    r"""``re.findall(r"\w+", low)`` for a lower-cased ``low``."""
    return _find(low, _WORD, _WORD_BYTES)


def letter_tokens(low: str) -> list[str]:
    r"""``re.findall(r"[^\W\d_]+", low)`` for a lower-cased ``low``: words of letters."""
    return _find(low, _LETTERS, _LETTER_BYTES)


def alnum_tokens(low: str) -> list[str]:
    r"""``re.findall(r"[^\W_]+", low)`` for a lower-cased ``low``: runs of letters and digits."""
    return _find(low, _ALNUM, _ALNUM_BYTES)


def folded_alnum_tokens(text: str) -> list[str]:
    """``alnum_tokens(text.casefold())``: an ASCII text is folded by the table itself."""
    if text.isascii():
        return text.encode("ascii").translate(_FOLDED_ALNUM_BYTES).decode("ascii").split()
    return _find(text.casefold(), _ALNUM, _ALNUM_BYTES)


def folded_word_tokens(text: str) -> list[str]:
    """``word_tokens(text.lower())``, without lower-casing the whole text (see _find_folded)."""
    return _find_folded(text, _WORD, _FOLDED_WORD_BYTES, _WORD_BYTES)


def folded_letter_tokens(text: str) -> list[str]:
    """``letter_tokens(text.lower())``, without lower-casing the whole text."""
    return _find_folded(text, _LETTERS, _FOLDED_LETTER_BYTES, _LETTER_BYTES)


def _find_folded(text: str, pattern: re.Pattern[str], folded: bytes, table: bytes) -> list[str]:
    # The byte table folds the ASCII capitals as it spaces the rest, and only
    # the pieces around a non-ASCII character are lower-cased (by str.lower(),
    # before the regular expression reads them): str.lower() changes one
    # character at a time, but for the capital sigma, whose small form
    # depends on its neighbours (then the whole text is lower-cased first).
    # Lower-casing a whole text is a pass of a few dozen instructions a
    # character once it holds one non-ASCII character (a curly quote, a
    # pound sign): 76k instructions per synthetic article for the copy
    # fingerprint's words. With _pieces, the plain-text path went from
    # 7.686 to 7.520 M instructions per article (benchmarks/instructions.py
    # --n 1000, mypyc build, OPENBLAS_NUM_THREADS=1).
    if text.isascii():
        return text.encode("ascii").translate(folded).decode("ascii").split()
    if _CAPITAL_SIGMA in text:
        return _find(_lower(text), pattern, table)
    spaced = (
        text.encode("utf-8", "surrogatepass").translate(folded).decode("utf-8", "surrogatepass")
    )
    return _pieces(spaced, pattern, True)


def _find(low: str, pattern: re.Pattern[str], table: bytes) -> list[str]:
    # Every ASCII non-word character becomes a space; the rest of the text is
    # unchanged (surrogates too). str.split also cuts at Unicode white space,
    # which no word contains. (ASCII text goes through bytes too: compiled,
    # str.translate looks each distinct character up in a dict on every
    # call, about five times the instructions of bytes.translate's table.)
    if low.isascii():
        return low.encode("ascii").translate(table).decode("ascii").split()
    spaced = low.encode("utf-8", "surrogatepass").translate(table).decode("utf-8", "surrogatepass")
    return _pieces(spaced, pattern, False)


def _pieces(spaced: str, pattern: re.Pattern[str], lower: bool) -> list[str]:
    """The words of ``spaced``, a text whose ASCII characters are word characters or spaces.

    The stretches between spaces that hold a non-ASCII character (few: an
    accented word, a word after a curly quote) are read by ``pattern``
    (lower-cased first with ``lower``); str.split() cuts the rest. Where
    the non-ASCII characters are is read off the text encoded as ASCII with
    each of them replaced by "?" (which the text no longer holds: every
    ASCII mark is a space), found by str.find like the spaces, not by
    asking each word whether it is ASCII (compiled, str.isascii() is a
    method call by name, some 230 instructions a word) nor by a regular
    expression (a search for a repeated class tries a match at every
    position: some 200 instructions a character).
    """
    marks = spaced.encode("ascii", "replace").decode("ascii")
    out: list[str] = []
    pos = 0
    at = marks.find("?")
    while at >= 0:
        # The stretch holding it, from the space before it to the next:
        # within it, the words are what the pattern finds (a Unicode space
        # is no word character either), around it what str.split() cuts.
        start = max(pos, marks.rfind(" ", pos, at) + 1)
        end = marks.find(" ", at)
        if end < 0:
            end = len(marks)
        if start > pos:
            out.extend(spaced[pos:start].split())
        stretch = spaced[start:end]
        out.extend(pattern.findall(stretch.lower() if lower else stretch))
        pos = end
        at = marks.find("?", end)
    out.extend(spaced[pos:].split() if pos else spaced.split())
    return out


def shingles(words: list[str], n: int) -> list[str]:
    """Each run of ``n`` consecutive words joined by one space (all of them if fewer).

    The same strings as ``" ".join(words[i : i + n])`` for every ``i``, cut as
    slices of the words joined once: one copy per shingle instead of a tuple
    and a join (compiled, see setup.py).
    """
    if n < 1:
        raise ValueError("a shingle holds at least one word")
    if len(words) < n:
        return [" ".join(words)]
    joined = " ".join(words)
    # The shingle at i spans words i .. i+n-1: both of its ends move on by
    # one word (and its space) per step, so no table of word ends is kept
    # (compiled, each int put in a list is a heap object).
    start = 0
    end = -1
    for k in range(n):
        end += len(words[k]) + 1
    out = [joined[start:end]]
    for i in range(1, len(words) - n + 1):
        start += len(words[i - 1]) + 1
        end += len(words[i + n - 1]) + 1
        out.append(joined[start:end])
    return out
