"""Body lines: which lines of a cleaned page are the article, learned from data.

Stage: part of extract, for plain text, after :func:`newsprism.text.clean.clean_text`'s
rules. Needs the lines the rules kept (in page order); adds the decision which
of them are the article. The rules remove what has a recognisable form (menus,
bylines, credits, comment forms, copyright lines); what they keep still holds
the page's other text in sentence-free shapes: teaser headlines of related
articles, section labels, share prompts, reader comments, footer blurbs.

A line's probability of being body comes from a logistic model over its shape
(length, sentence ends, capitals, function words, digits) and its
neighbourhood (an article is a run of prose; teasers and widgets come in runs
of short unpunctuated lines). The body is then the page's main block: the
contiguous run of lines that best beats a threshold, weighted by words (so
one short line inside the article does not split it), less the lines inside
it that are clearly not body. Weights and thresholds are fitted by
``benchmarks/fit_bodylines.py`` on one half of the scraped-text set (cut by
outlet) and reported on the other; see :mod:`newsprism.text._bodylines_model`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final

from newsprism.text._bodylines_model import (
    BLOCK_THRESHOLD,
    CONTEXT_INTERCEPT,
    CONTEXT_WEIGHTS,
    INTERCEPT,
    KEEP_THRESHOLD,
    REVIVE_THRESHOLD,
    WEIGHTS,
)
from newsprism.text.memo import Memo
from newsprism.text.words import folded_word_tokens

__all__ = [
    "CODES",
    "CONTEXT_FEATURES",
    "FEATURES",
    "NEVER_BODY",
    "body_lines",
    "context_features",
    "features",
    "logistic",
    "main_block",
    "probabilities",
    "word_count",
]

# Where the rules of newsprism.text.clean left a line, and why: each verdict is a
# feature, so the model learns from data how far to trust each rule (a photo
# credit is almost never body; a line dropped as a widget sometimes is).
KEPT = 0
ABOVE_TITLE = 1  # above the line the rules took for the headline
TITLE = 2
BELOW_FORM = 3  # from a comment form down
SITE_REPEAT = 4  # repeats on other pages of the site
RELATED = 5  # a related-links header or what follows it
TITLE_REPEAT = 6  # the headline again, or with a breadcrumb
DUPLICATE = 7  # the same line again on the page
COPYRIGHT = 8  # a copyright or "Source:" line
CREDIT = 9  # a photo credit or a caption ending in one
CHROME = 10  # share buttons, sign-up prompts and the like
SYNDICATION = 11  # "originally published by", staff credits
BYLINE = 12
WIDGET = 13  # date, weather, short label
MENU = 14  # a run of capitalised menu items
TRIMMED = 15  # kept, then cut from the end of the body
CAPTION = 16  # kept, then cut as the title of a caption
COMMENT_FORM = 17  # a comment form's own line
TRIMMED_HEAD = 18  # kept, then cut from above the body
CODES = (
    "kept above_title title below_form site_repeat related title_repeat duplicate copyright"
    " credit chrome syndication byline widget menu trimmed caption comment_form trimmed_head"
).split()
# Which of the rules' drops the model may overturn. The rules that judge a
# line by where it stands cut everything past a point: a "Leave a comment"
# link above the article, or a headline guessed too low, loses a whole
# article, and on the scraped set 18% (fit half) and 66% (test half) of the
# words trimmed below the first kept line, and 4-5% below a comment form,
# were body. Above the first kept line, only 7% and 4% were: final. The rules that
# judge the line itself (a credit, a byline, a share prompt, a repeat) are
# final: at most 10% of their words were body on the fit half, most of that
# captions (on the test half, one page of repeated list items made 69% of
# the "duplicate" words body; a repeated line is still shown once). The
# headline is stored apart, never in the body.
NEVER_BODY = frozenset(range(len(CODES))) - {KEPT, ABOVE_TITLE, BELOW_FORM, TRIMMED}

# Function words of the languages newsprism reads (English first; the others
# from newsprism.text.language): their share tells prose from labels in any of them.
_FUNCTION: Final = frozenset(
    (
        "a about after against an and are as at be been but by could for from had has have he"
        " her his in into is it its not of on or said says she than that the their they this"
        " to was we were which who will with would"
        " der die und den das ist nicht ein eine mit sich auf des dem zu im für von auch"
        " de le la les et des est une pour dans qui que sur au du pas par plus avec"
        " el los las del y en por con una para es se al lo como más pero sus"
        " il di che è e per un della non sono gli alla"
        " o os do da em um não no na mais dos das ao foi"
        " het een van op te zijn voor"
    ).split()
)
# Sentence ends in the scripts seen in news pages; a closing quote or bracket
# after the stop still ends a sentence.
_TERMINAL: Final = frozenset(".!?\u3002\uff01\uff1f\u2026")
_CLOSERS: Final = "\"'\u201d\u2019)]\u00bb"
_SENTENCE_END: Final = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*(?:\s|$)")
# Lines of at least this many words that end a sentence are the page's prose.
_PROSE_WORDS: Final = 12
# Neighbourhood reach, in lines, for the context features.
_REACH: Final = 2
_DISTANCE_CAP: Final = 10

FEATURES = (
    "log_words",
    "terminal",
    "colon_end",
    "sentences",
    "caps",
    "function",
    "digits",
    "upper",
    "separators",
    "quote_open",
    "position",
    "words_before",
    "prose",
    "context_words",
    "context_terminal",
    "context_prose",
    "prose_before",
    "prose_after",
    "relative_length",
    "context_kept",
    *(f"rules_{name}" for name in CODES),
)


def word_count(line: str) -> int:
    """Words in a line; in Chinese and Japanese, written without spaces, two characters a word."""
    n = line.count(" ") + 1 if line else 0
    if not line.isascii():
        n += len(_WIDE.findall(line)) // 2
    return n


_WIDE: Final = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
# Capitals and function words are counted in a line's first words and tokens.
_SAMPLE_WORDS: Final = 30
_SAMPLE_TOKENS: Final = 60
_TOKEN_CHARS: Final = 600
_WORD: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")
# Capitals of the Latin, Greek and Cyrillic alphabets.
_UPPER: Final = re.compile("[A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f]")
# Neither a letter nor a space: marks, digits, the underscore, other white space.
_NOT_LETTER: Final = re.compile(r"[^\w ]|[\d_]")


def _line_shape(line: str) -> tuple[float, ...]:
    """The shape features of one line (see :data:`FEATURES`, the first nine)."""
    return _SHAPES.get(line) if len(line) <= _MEMO_CHARS else _measure(line)


def _measure(line: str) -> tuple[float, ...]:
    return _measure_ascii(line) if line.isascii() else _measure_any(line)


def _terminal(line: str) -> float:
    """1.0 when the line ends a sentence (a closing quote or bracket may follow the stop)."""
    stripped = line.rstrip(_CLOSERS)
    return float(stripped[-1:] in _TERMINAL) if stripped else 0.0


def _ends_and_caps(line: str) -> tuple[float, int, int]:
    """Whether the line ends a sentence; its capitalised first words, of how many."""
    terminal = _terminal(line)
    words = line.split(None, _SAMPLE_WORDS)[:_SAMPLE_WORDS]
    caps = 0
    for w in words:
        # An ASCII first letter is tested by its code: compiled, str.isupper()
        # is a method call by name, ord() a C operation (as in newsprism.text.clean).
        code = ord(w[0])
        if code < 128:
            if 65 <= code <= 90 or 48 <= code <= 57:
                caps += 1
        elif w[0].isupper() or w[0].isdigit():
            caps += 1
    return terminal, caps, len(words)


def _measure_any(line: str) -> tuple[float, ...]:
    """:func:`_measure` of any line (ASCII lines take :func:`_measure_ascii`)."""
    n = word_count(line)
    terminal, caps, n_words = _ends_and_caps(line)
    # 60 tokens fit in the first 600 characters of any prose line.
    tokens = folded_word_tokens(line[:_TOKEN_CHARS])[:_SAMPLE_TOKENS]
    function = 0
    for t in tokens:
        if t in _FUNCTION:
            function += 1
    digits, upper, letters = _char_counts(line)
    return (
        math.log1p(n),
        terminal,
        float(line.endswith(":")),
        min(len(_SENTENCE_END.findall(line)), 5) / 5,
        caps / max(1, n_words),
        function / max(1, len(tokens)),
        digits / max(1, len(line)),
        upper / max(1, letters),
        float(" | " in line or " / " in line or "\u2022" in line or " \u00b7 " in line),
    )


def _char_counts(line: str) -> tuple[int, int, int]:
    """The digits, capitals and letters of a line, as _DIGIT, _UPPER and _NOT_LETTER count them.

    The shipped model was fitted with a loop over the characters (str.isalpha,
    isupper, isdigit); searches for the rare characters give the same shares
    on all but 25 of the scraped set's 33,499 lines (at most 0.09 apart) and
    the same scores on both halves, and these are their counts. The ASCII
    characters are counted on their byte classes (see _CLASS_TABLE), the few
    others one by one: one search over the line instead of three.
    """
    classes = line.encode("ascii", "ignore").translate(_CLASS_TABLE).decode("ascii")
    digits = classes.count("0")
    upper = classes.count("A")
    letters = upper + classes.count("a")
    for c in _NON_ASCII.findall(line):
        code = ord(c)
        # _UPPER's ranges outside ASCII: Latin-1, Greek and Cyrillic capitals
        if (0xC0 <= code <= 0xDE and code != 0xD7) or (
            0x391 <= code <= 0x3A9 or 0x410 <= code <= 0x42F
        ):
            upper += 1
        if c.isdecimal():  # what \d matches in a str pattern
            digits += 1
        elif c.isalnum():  # \w, less the digits (and "_", which is ASCII)
            letters += 1
    return digits, upper, letters


_NON_ASCII: Final = re.compile("[^\x00-\x7f]")


# ASCII lines (94% of the synthetic stream's, most of the scraped set's) are
# measured on their bytes, with one table lookup per character instead of
# regex searches: compiled, the two findall calls (a pattern that opens with
# a class is tried at every position) and three bytes.translate deletions
# (each builds its tables per call) were about two thirds of the
# instructions of a line. Each feature is the same number as the general
# path's (which this replaced for ASCII lines); checked equal, feature by
# feature, on every line of the scraped set, the seeds and 2,000 synthetic
# pages, and by the property tests in tests/test_bodylines.py.
# The class of each byte: digits to "0", capitals to "A", small letters to
# "a", sentence stops to ".", the space to itself, the other white space
# (what str.split() cuts at) to a tab, the rest to "#", so byte counts of
# one translation give the shares, the words and the stops.
_CLASS_TABLE: Final = bytes(
    48
    if 48 <= b <= 57
    else 65
    if 65 <= b <= 90
    else 97
    if 97 <= b <= 122
    else 46
    if b in b".?!"
    else 32
    if b == 32
    else 9
    if b in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
    else 35
    for b in range(256)
)
# \w on ASCII is [A-Za-z0-9_]: word bytes stay (capitals folded to small
# letters, as str.lower() does), every other byte becomes a space, so the
# words of bytes.split() are the tokens of _WORD.findall(line.lower()).
_TOKEN_TABLE: Final = bytes(
    b + 32 if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122 or b == 95) else 32
    for b in range(256)
)
_FUNCTION_BYTES: Final = frozenset(w.encode("ascii") for w in _FUNCTION if w.isascii())
_FUNCTION_MAX_BYTES: Final = max(len(w) for w in _FUNCTION_BYTES)


def _measure_ascii(line: str) -> tuple[float, ...]:
    """:func:`_measure` of an ASCII line, the same numbers from its bytes."""
    raw = line.encode("ascii")
    size = len(raw)
    # The classes as a str: compiled, str.count and ``in`` are direct calls
    # into C, their bytes forms method calls by name (about 1,000
    # instructions more each, on lines of a few hundred characters).
    classes = raw.translate(_CLASS_TABLE).decode("ascii")
    n = classes.count(" ") + 1 if size else 0  # word_count: no wide characters
    if (
        0 < n <= _SAMPLE_WORDS
        and classes[0] != " "
        and classes[-1] != " "
        and "  " not in classes
        and "\t" not in classes
    ):
        # Single spaces are the only white space: the line's n words are
        # its sample, each opening the line or right after a space. What
        # _ends_and_caps counts, without a string per word.
        first = classes[0]
        caps = classes.count(" A") + classes.count(" 0") + (first == "A" or first == "0")
        terminal, n_words = _terminal(line), n
    else:
        terminal, caps, n_words = _ends_and_caps(line)
    tokens = raw[:_TOKEN_CHARS].translate(_TOKEN_TABLE).split(None, _SAMPLE_TOKENS)
    n_tokens = min(len(tokens), _SAMPLE_TOKENS)
    function = 0
    for k in range(n_tokens):
        token = tokens[k]
        # (a longer word is none of them, and is not hashed to find out)
        if len(token) <= _FUNCTION_MAX_BYTES and token in _FUNCTION_BYTES:
            function += 1
    digits = classes.count("0")
    upper = classes.count("A")
    letters = upper + classes.count("a")
    return (
        math.log1p(n),
        terminal,
        float(line.endswith(":")),
        _sentence_share_ascii(line, classes),
        caps / max(1, n_words),
        function / max(1, n_tokens),
        digits / max(1, size),
        upper / max(1, letters),
        float(" | " in line or " / " in line),  # (the other separators are not ASCII)
    )


def _sentence_share_ascii(line: str, classes: str) -> float:
    """The sentence-end share of an ASCII line (``classes``: its _CLASS_TABLE classes).

    Every match of _SENTENCE_END starts at a stop (".", "!", "?") and holds
    only one, so the matches are the stops followed by closers and then white
    space or the end. When every stop is followed by a space or ends the
    line, each is a match: their number is the count. Other lines ("U.S.",
    "3.5", a quote after the stop) are searched.
    """
    stops = classes.count(".")
    if not stops:
        return 0.0
    spaced = classes.count(". ") + (classes[-1] == ".")
    if spaced == stops:
        return min(spaced, 5) / 5
    return min(len(_SENTENCE_END.findall(line)), 5) / 5


# Menus, footers and widget lines recur on every page of a site: the shapes
# of short lines are remembered (as newsprism.text.clean does). A paragraph is
# unique to its page, and remembering it would only push those out.
_MEMO_CHARS: Final = 160
_SHAPES: Final = Memo(_measure, 8192)


def _window_means(values: list[float], reach: int) -> list[float]:
    """Each value's neighbours' mean within ``reach`` lines, itself left out."""
    n = len(values)
    prefix = [0.0]
    total = 0.0
    for v in values:
        total += v
        prefix.append(total)
    out: list[float] = []
    for i in range(n):
        lo = max(0, i - reach)
        hi = min(n, i + reach + 1)
        others = hi - lo - 1
        out.append((prefix[hi] - prefix[lo] - values[i]) / others if others else 0.0)
    return out


class _PageContext:
    """What the first stage's features need of the whole page, computed once."""

    def __init__(
        self, shapes: list[tuple[float, ...]], prose: list[float], codes: Sequence[int], total: int
    ) -> None:
        self.shapes = shapes
        self.prose = prose
        n = len(shapes)
        # Distance to the nearest prose line before and after, in lines (0-1).
        before = [1.0] * n
        last = -_DISTANCE_CAP
        for i in range(n):
            before[i] = min(i - last, _DISTANCE_CAP) / _DISTANCE_CAP
            if prose[i]:
                last = i
        after = [1.0] * n
        nxt = n - 1 + _DISTANCE_CAP
        for i in range(n - 1, -1, -1):
            after[i] = min(nxt - i, _DISTANCE_CAP) / _DISTANCE_CAP
            if prose[i]:
                nxt = i
        self.before = before
        self.after = after
        self.ctx_words = _window_means([shape[0] for shape in shapes], _REACH)
        self.ctx_terminal = _window_means([shape[1] for shape in shapes], _REACH)
        self.ctx_prose = _window_means(prose, _REACH)
        self.ctx_kept = _window_means([float(code == KEPT) for code in codes], _REACH)
        self.longest = max(shape[0] for shape in shapes)
        self.total = total  # words on the page (at least 1)


def _page_context(lines: Sequence[str], codes: Sequence[int], counts: list[int]) -> _PageContext:
    shapes = [_line_shape(line) for line in lines]
    prose = [
        float(counts[i] >= _PROSE_WORDS and shapes[i][1] > 0 and shapes[i][5] > 0)
        for i in range(len(lines))
    ]
    return _PageContext(shapes, prose, codes, max(1, sum(counts)))


def _opens_quote(line: str) -> float:
    return float(line[:1] in "\"'\u201c\u2018\u00ab")


def _dense_features(
    lines: Sequence[str], codes: Sequence[int], counts: list[int]
) -> list[list[float]]:
    """Every feature but the rules' verdicts (the last len(CODES) of :data:`FEATURES`).

    ``counts``: each line's :func:`word_count`. (:func:`_probabilities` computes
    the same numbers without building the rows.)
    """
    n = len(lines)
    page = _page_context(lines, codes, counts)
    out: list[list[float]] = []
    seen = 0
    for i in range(n):
        row = list(page.shapes[i])
        row += (
            _opens_quote(lines[i]),
            i / max(1, n - 1),
            seen / page.total,
            page.prose[i],
            page.ctx_words[i],
            page.ctx_terminal[i],
            page.ctx_prose[i],
            page.before[i],
            page.after[i],
            page.shapes[i][0] - page.longest,
            page.ctx_kept[i],
        )
        out.append(row)
        seen += counts[i]
    return out


def features(lines: Sequence[str], codes: Sequence[int]) -> list[tuple[float, ...]]:
    """One feature vector per line, in the order of :data:`FEATURES`.

    ``codes`` says where the rules left each line and why (:data:`CODES`).
    """
    if not lines:
        return []
    return [
        (*row, *(float(code == c) for c in range(len(CODES))))
        for row, code in zip(
            _dense_features(lines, codes, [word_count(line) for line in lines]), codes, strict=True
        )
    ]


CONTEXT_FEATURES = (
    "line",
    "neighbours_1",
    "neighbours_3",
    "neighbours_8",
    "below_page_best",
    "share_of_best",
    "mass_before",
    "mass_after",
)
# Reaches, in lines, of the second stage's neighbourhood means.
_CONTEXT_REACHES: Final = (1, 3, 8)


def context_features(first: Sequence[float], counts: Sequence[int]) -> list[tuple[float, ...]]:
    """The second stage's features: each line's first-stage probability in its page.

    An article is a run of lines that look like body; a lone prose line among
    menus is a teaser or a footer. So the second stage sees the mean
    first-stage probability of the neighbours at three reaches, how far the
    line falls below the page's most body-like line (a page of lists or short
    paragraphs has no line as sure as a news page's), and how much of the
    page's body-like mass (probability times words) lies before and after it.
    """
    return _context_features(list(first), list(counts))


# Internal functions take lists, not sequences: compiled, an item of a list
# is read in C, of a Sequence through a generic call.
def _page_mass(
    first: list[float], counts: list[int]
) -> tuple[float, list[float], float, list[float]]:
    """The page's best probability, each line's mass (probability x words), their
    sum, and the running sums of the probabilities (for neighbourhood means)."""
    best = max(first) if first else 0.0
    mass = [p * max(1, c) for p, c in zip(first, counts, strict=True)]
    prefix = [0.0]
    for p in first:
        prefix.append(prefix[-1] + p)
    return best, mass, sum(mass) or 1.0, prefix


def _context_features(first: list[float], counts: list[int]) -> list[tuple[float, ...]]:
    n = len(first)
    best, mass, total, prefix = _page_mass(first, counts)
    out: list[tuple[float, ...]] = []
    before = 0.0
    for i, p in enumerate(first):
        means = []
        for reach in _CONTEXT_REACHES:
            lo, hi = max(0, i - reach), min(n, i + reach + 1)
            others = hi - lo - 1
            means.append((prefix[hi] - prefix[lo] - p) / others if others else 0.0)
        out.append(
            (
                p,
                *means,
                best - p,
                p / best if best else 0.0,
                before / total,
                (total - before - mass[i]) / total,
            )
        )
        before += mass[i]
    return out


def logistic(
    weights: Sequence[float], intercept: float, rows: Sequence[Sequence[float]]
) -> list[float]:
    """The logistic model's probability for each row."""
    return _logistic(list(weights), intercept, [tuple(row) for row in rows])


def _logistic(ws: list[float], intercept: float, rows: list[tuple[float, ...]]) -> list[float]:
    out = []
    for row in rows:
        z = intercept
        for k, w in enumerate(ws):
            z += w * row[k]
        out.append(_sigmoid(z))
    return out


def probabilities(lines: Sequence[str], codes: Sequence[int]) -> list[float]:
    """Each line's probability of being article body: the line, then the line in its page."""
    if not lines:
        return []
    return _probabilities(lines, codes, [word_count(line) for line in lines])


def _probabilities(lines: Sequence[str], codes: Sequence[int], counts: list[int]) -> list[float]:
    """:func:`probabilities`, given each line's :func:`word_count` (counted once a page).

    logistic(WEIGHTS, INTERCEPT, features(lines, codes)), then the context
    stage, without building any feature row: compiled, every number put in a
    row or a tuple is a heap object, and building the rows was most of this
    stage's cost. The sums are taken in the rows' order, so the
    probabilities are the same to the last bit
    (tests/test_bodylines.py checks them against the two stages).
    """
    # Local copies: compiled, a name imported from another module is looked
    # up on every use, and this loop runs once per feature of every line.
    w: list[float] = list(WEIGHTS)
    intercept: float = INTERCEPT
    n_shape = len(FEATURES) - len(CODES) - 11  # the shape features lead each row
    dense = len(w) - len(CODES)
    n = len(lines)
    page = _page_context(lines, codes, counts)
    last_row = max(1, n - 1)
    first: list[float] = []
    seen = 0
    for i in range(n):
        shape = page.shapes[i]
        z = intercept + w[dense + codes[i]]
        for k in range(n_shape):
            z += w[k] * shape[k]
        z += w[n_shape] * _opens_quote(lines[i])
        z += w[n_shape + 1] * (i / last_row)
        z += w[n_shape + 2] * (seen / page.total)
        z += w[n_shape + 3] * page.prose[i]
        z += w[n_shape + 4] * page.ctx_words[i]
        z += w[n_shape + 5] * page.ctx_terminal[i]
        z += w[n_shape + 6] * page.ctx_prose[i]
        z += w[n_shape + 7] * page.before[i]
        z += w[n_shape + 8] * page.after[i]
        z += w[n_shape + 9] * (shape[0] - page.longest)
        z += w[n_shape + 10] * page.ctx_kept[i]
        first.append(_sigmoid(z))
        seen += counts[i]
    return _context_probabilities(first, counts)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _context_probabilities(first: list[float], counts: list[int]) -> list[float]:
    """logistic(CONTEXT_WEIGHTS, CONTEXT_INTERCEPT, context_features(first, counts)), fused."""
    cw: list[float] = list(CONTEXT_WEIGHTS)
    intercept: float = CONTEXT_INTERCEPT
    n = len(first)
    best, mass, total, prefix = _page_mass(first, counts)
    out: list[float] = []
    before = 0.0
    # The reaches read once: compiled, indexing the module's tuple by a
    # variable boxed the whole tuple again on every read (three a line).
    near, mid, far = _CONTEXT_REACHES
    for i in range(n):
        p = first[i]
        z = intercept
        z += cw[0] * p
        z += cw[1] * _mean_around(prefix, p, i, near, n)
        z += cw[2] * _mean_around(prefix, p, i, mid, n)
        z += cw[3] * _mean_around(prefix, p, i, far, n)
        z += cw[4] * (best - p)
        z += cw[5] * (p / best if best else 0.0)
        z += cw[6] * (before / total)
        z += cw[7] * ((total - before - mass[i]) / total)
        out.append(_sigmoid(z))
        before += mass[i]
    return out


def _mean_around(prefix: list[float], p: float, i: int, reach: int, n: int) -> float:
    """The mean of the values within ``reach`` of line ``i`` but its own ``p``
    (``prefix``: the running sums of the ``n`` values)."""
    lo = max(0, i - reach)
    hi = min(n, i + reach + 1)
    others = hi - lo - 1
    return (prefix[hi] - prefix[lo] - p) / others if others else 0.0


def body_lines(lines: Sequence[str], codes: Sequence[int]) -> list[str]:
    """The article's lines among a page's ``lines``: the main block, less what is clearly not.

    ``codes`` says where the rules left each line and why (:data:`CODES`).
    """
    if not lines:
        return []
    counts = [word_count(line) for line in lines]
    probs = _probabilities(lines, codes, counts)
    start, end = _main_block(counts, probs, codes, BLOCK_THRESHOLD)
    return [lines[i] for i in range(start, end) if _keep(codes[i], probs[i], REVIVE_THRESHOLD)]


def _keep(code: int, p: float, revive: float) -> bool:
    """A line of the main block stays: kept by the rules and likely, or dropped and likelier."""
    if code == KEPT:
        return p >= KEEP_THRESHOLD
    return code not in NEVER_BODY and p >= revive


def main_block(
    lines: Sequence[str], probs: Sequence[float], codes: Sequence[int], threshold: float
) -> tuple[int, int]:
    """The contiguous run of lines with the largest word-weighted excess over ``threshold``.

    Kadane's maximum-sum segment over ``words * (p - threshold)``; a page with
    no line above the threshold keeps its single best line. Lines a rule has
    dropped for good (:data:`NEVER_BODY`) count for nothing either way: an
    inline "Related stories" box the rules took out does not cut the article
    in two. A comment form's own line ends any run.
    """
    return _main_block([word_count(line) for line in lines], probs, codes, threshold)


def _main_block(
    counts: Sequence[int], probs: Sequence[float], codes: Sequence[int], threshold: float
) -> tuple[int, int]:
    """:func:`main_block`, given each line's :func:`word_count` (counted once a page)."""
    best, best_span = -math.inf, (0, 1)
    run, run_start = 0.0, 0
    for i, count in enumerate(counts):
        if codes[i] == COMMENT_FORM:
            run = 0.0  # the article is on one side of a comment form, not across it
            continue
        gain = 0.0 if codes[i] in NEVER_BODY else max(1, count) * (probs[i] - threshold)
        if run <= 0:
            run, run_start = gain, i
        else:
            run += gain
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span
