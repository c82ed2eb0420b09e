"""Online story clustering: each new article joins a story or starts one.

The cost of :meth:`StoryIndex.assign` does not grow with the corpus:

* an article becomes a sparse TF-IDF vector (document frequencies are kept
  online), with title terms, capitalised (name-like) tokens and numbers
  boosted, since those are what tell two similar events apart;
* candidate stories come from an inverted index over story profiles, reading
  at most ``postings_read`` of the most recently updated stories per term, for
  only the ``query_terms`` heaviest terms of the article, and skipping terms
  that occur in more than ``max_df_ratio`` of all articles;
* when both sides have dates, a story is a candidate only if the article falls
  within ``window_days`` of the story's date range;
* the ``candidates`` best are described by :data:`FEATURES`: cosine between
  the article's top ``doc_terms`` terms and the story centroid (itself
  truncated to ``profile_terms`` terms), the best match with one of its
  ``compare_members`` most recent members (terms and title; a centroid that
  drifted from one event to the next still holds the old terms, a member
  does not), the date gap, whether both name weekdays and share none (the
  event's own day, stated in the text of pages that carry no date), and how
  far each score stands above the other candidates'. A logistic model
  fitted on two corpora of different kinds
  (``benchmarks/cluster_fit.py``; weights in ``newsprism.index._stories_model``)
  gives each a probability of reporting the same event; the likeliest at or
  above ``join_probability`` wins, else a new story starts. Another candidate
  at or above ``merge_probability`` is the same event told in a second story
  and the older of the two absorbs the other. Stories untouched for
  ``active_articles`` articles leave the index.

Everything is deterministic for a given input order (ties break on story id)
and the whole state round-trips through JSON rows (weights packed exactly,
see ``_pack``): see :class:`ClusterDelta`
for what a caller must persist and :meth:`StoryIndex.restore` to rebuild.
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
import math
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import islice, repeat
from operator import itemgetter, mul
from typing import Any, Final, Protocol, cast

from newsprism.errors import StorageError
from newsprism.index._stories_model import (
    INTERCEPT,
    UNTITLED_INTERCEPT,
    UNTITLED_WEIGHTS,
    WEIGHTS,
)
from newsprism.index.splitting import bisect, silhouette
from newsprism.text.memo import Memo

# Trimmed from both ends of a white-space token (quotes, brackets, sentence
# punctuation); inner hyphens and apostrophes stay.
_PUNCT: Final = "\"'.,;:!?()[]{}<>*_`|/\\-\u201c\u201d\u2018\u2019\u2013\u2014\u00ab\u00bb"

# Function words that carry no topical signal. IDF would learn to down-weight
# them, but only after many articles; this short list keeps the first stories of
# a fresh database from matching on "the" and "said".
_STOPWORDS: Final = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own said same says she should so some
    such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves s t n nt ll re ve d m
    """.split()
)


def _fields(obj: Any) -> tuple[Any, ...]:
    """A dataclass's field values in order.

    Compiled with mypyc, a frozen dataclass has no ``__dict__``, so pickle's
    default rebuilds it by assigning its fields one by one, which a frozen
    class refuses (FrozenInstanceError): worker processes and Dask, which
    receive options and documents pickled, need ``__reduce__`` to call the
    constructor instead.
    """
    return tuple(getattr(obj, f.name) for f in fields(obj))


@dataclass(frozen=True)
class ClusterOptions:
    """Every tuned constant of the clustering.

    The term weighting and splitting constants were tuned on the ECB+
    ``subtopic`` level (see ``benchmarks/cluster_ecbplus.py``), checked over
    shuffled input orders and on held-out topics; the join decision is fitted
    on the AllSides fit half and the even ECB+ topics and read on the other
    halves (``benchmarks/cluster_fit.py``); cost constants bound the work per
    article.
    """

    # The learned decision joins the likeliest candidate story when its
    # probability of reporting the same event is at least this (see
    # _join_probability). Chosen with merge_probability on the fitting halves
    # only (AllSides fit half and even ECB+ topics, mean B-cubed F1 over file
    # order and 2 shuffles, benchmarks/cluster_fit.py): join/merge 0.4/0.3
    # 0.838, 0.4/0.5 0.837, 0.5/0.3 0.835, 0.5/0.5 0.829, 0.3/0.5 0.832.
    # Lower buys ECB+ recall and costs AllSides precision.
    join_probability: float = 0.4
    # The decision's logistic weights over FEATURES (newsprism.index._stories_model),
    # and those it uses when a headline is missing (see "untitled" in FEATURES).
    model_intercept: float = INTERCEPT
    model_weights: tuple[float, ...] = WEIGHTS
    untitled_intercept: float = UNTITLED_INTERCEPT
    untitled_weights: tuple[float, ...] = UNTITLED_WEIGHTS
    # Recent members of a candidate story the newcomer is compared with one by
    # one (beside the centroid, which a drifting story pulls along). 8 and 16
    # gave the same figures (benchmarks/cluster_fit.py, each refitted: AllSides
    # whole file 0.752 / 0.750, ECB+ 0.908 / 0.905) at half the comparisons.
    compare_members: int = 8
    # Another candidate at least this likely is the same event told in a
    # second story (an early report that did not join): it is absorbed.
    # Chosen with join_probability (above); two events it puts together are
    # taken apart again by the split check once the story has 8 members.
    merge_probability: float = 0.3
    # A title term counts as this many body occurrences: the headline names the
    # event. Checked on ECB+ subtopic: 1-6 all within 0.005 F1, so a middle value.
    title_weight: float = 3.0
    # Multiplier for name-like tokens (capitalised, never seen lower-case in the
    # article): names and places separate two events of the same kind (the
    # warship's name, the shop robbed). Tuned with number_boost on ECB+
    # subtopic when a cosine threshold decided (benchmarks/cluster_ecbplus.py).
    entity_boost: float = 3.0
    # Multiplier for numbers (years, counts, magnitudes) for the same reason.
    # A count or sum (23 pirates against 26; $108m against $2.6m) is the most
    # specific detail two reports of one event share. See entity_boost.
    number_boost: float = 5.0
    # Terms kept in a story centroid (by TF-IDF weight): bounds memory and the
    # cost of a comparison; longer tails only add noise.
    profile_terms: int = 150
    # Heaviest terms an article adds to its story's centroid and compares on:
    # the tail of a 500-word article is noise and would only cost time.
    doc_terms: int = 60
    # Heaviest article terms used to look up candidates in the inverted index.
    # With postings_read, bounds the candidates per article (12 x 12). Checked:
    # 20 x 16 and 12 x 12 give the same ECB+ subtopic F1 (0.864 file order,
    # 0.887 shuffled) and the same synthetic B-cubed (0.996 at 20k), at 0.36
    # instead of 0.43 ms per article (benchmarks/cluster_ecbplus.py;
    # benchmarks/synth.py generate_with_truth).
    query_terms: int = 12
    # Most recently updated stories read per posting list: the hard bound that
    # keeps lookups constant-time however large the corpus grows.
    postings_read: int = 12
    # Stories (best by shared query-term weight) scored exactly on doc_terms.
    candidates: int = 5
    # Terms in more than this share of articles are not looked up: they match
    # nearly every story and would only fill the candidate list.
    max_df_ratio: float = 0.1
    # Below this many articles, document frequencies are too noisy for the
    # max_df_ratio cut; every query term is looked up.
    min_docs_for_df_cut: int = 200
    # A dated article may join a dated story only within this many days of the
    # story's date range: same-kind events months apart stay apart, while a
    # story that keeps developing for a week can still grow.
    window_days: int = 7
    # Stories not updated within this many articles leave the index (news
    # stories go cold); bounds memory of a long-running database.
    active_articles: int = 50_000
    # Story splitting (see newsprism.index.splitting): a story is re-examined when
    # its size reaches split_min_size, then at each power of two and midway
    # between (4, 6, 8, 12, 16, 24, 32, ...: amortised constant work per
    # article). Its split_window most recent members are bisected by 2-means;
    # when the halves' mean silhouette is at least split_silhouette, the half
    # without the oldest of them becomes a new story (each half holds two
    # members at least: a lone one scores -1). On ECB+ subtopic (where
    # most errors were two similar events in one story) splitting took
    # B-cubed F1 from 0.864 to 0.912 in file order and from 0.887 to 0.909
    # over 5 shuffles (halves 0.908/0.911). 0.35-0.45 silhouette and first
    # checks at 6-12 articles land within 0.01 of that; checking at 1.5x
    # steps (8, 12, 18, 27, ...) instead gave 0.895-0.899 in file order, so
    # read the figures as +-0.015 (benchmarks/cluster_ecbplus.py).
    # The first check at 4 members, not 8: two events of two reports each
    # (AllSides stories hold 2 or 3) are taken apart too. Chosen on the
    # fitting halves (AllSides fit half and even ECB+ topics, mean B-cubed F1
    # over file order and 2 shuffles): first check at 4 0.8541, 5 0.8538, 6
    # 0.8534, 8 0.8525; silhouette 0.35 / 0.4 / 0.45 at 4: 0.8481 / 0.8541 /
    # 0.8537. Read on the held-out halves (5 shuffles): AllSides test half
    # F1 0.822 -> 0.831 (P 0.839 -> 0.857), shuffled mean 0.804 -> 0.812;
    # ECB+ odd topics 0.902 -> 0.902, shuffled mean 0.892 -> 0.896, min
    # 0.878 -> 0.881.
    split_min_size: int = 4
    split_silhouette: float = 0.4
    split_window: int = 64
    split_iterations: int = 6
    # Terms kept per member for bisection (and persisted per article): 15 to
    # 60 gave the same ECB+ F1 within 0.01; 20 is the best on the held-out
    # halves and keeps the stored member rows small.
    member_terms: int = 20

    def __reduce__(self) -> tuple[type[ClusterOptions], tuple[Any, ...]]:
        """Rebuilt by its constructor when unpickled (see ``_fields``)."""
        return (ClusterOptions, _fields(self))


@dataclass(frozen=True)
class ClusterDoc:
    """One article as the clusterer sees it."""

    id: str  # article id (hex string)
    title: str | None
    text: str  # clean body (may be "")
    published: date | None

    def __reduce__(self) -> tuple[type[ClusterDoc], tuple[Any, ...]]:
        """Rebuilt by its constructor when unpickled (see ``_fields``)."""
        return (ClusterDoc, _fields(self))


@dataclass(frozen=True)
class ClusterDelta:
    """Everything changed since the previous :meth:`StoryIndex.export_changes`.

    Plain data only (``str``/``int``/``dict``), so it can be written as JSON in
    the same SQLite transaction as the batch of articles. The caller persists:

    * ``doc_count`` — one scalar (e.g. a ``meta`` row ``cluster.doc_count``),
      overwritten with this absolute value;
    * ``df`` — table ``cluster_df``: key = term, value = document frequency
      (int); upsert every entry, values are absolute, not increments;
    * ``stories`` — table ``cluster_story``: key = story id, value = the profile
      JSON string as given (opaque to the caller); upsert every entry;
    * ``members`` — key = article id, value = an opaque JSON string (the terms
      a later split needs); written once per article;
    * ``moves`` — articles a split moved: key = article id, value = its new
      story id. Not state but an instruction: the caller re-points those
      articles (and their copies) to the new story.

    Nothing is ever deleted: stories that went cold are ignored by
    :meth:`StoryIndex.restore` on their own.
    """

    doc_count: int
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    moves: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing changed since the previous export."""
        return not self.df and not self.stories and not self.members and not self.moves

    def __reduce__(self) -> tuple[type[ClusterDelta], tuple[Any, ...]]:
        """Rebuilt by its constructor when unpickled (see ``_fields``)."""
        return (ClusterDelta, _fields(self))


@dataclass(frozen=True)
class ClusterState:
    """Everything persisted so far: the union of all deltas (latest value per key).

    ``doc_count`` is the latest ``ClusterDelta.doc_count``; ``df`` and
    ``stories`` are the full ``cluster_df`` and ``cluster_story`` tables.
    ``members`` maps article ids to the stored member rows; restore looks up
    only the recent members of live stories, so a store may pass a lazy
    mapping instead of loading every row.
    """

    doc_count: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    members: Mapping[str, str] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[ClusterState], tuple[Any, ...]]:
        """Rebuilt by its constructor when unpickled (see ``_fields``)."""
        return (ClusterState, _fields(self))


@dataclass(frozen=True, slots=True)
class _Member:
    """A recent member of a story, as a split needs it."""

    id: str  # article id
    day: int | None  # publication date as an ordinal
    vec: dict[str, float]  # its member_terms heaviest terms (unit-length doc vector)
    # Its title's terms (sorted): a newcomer is compared with each member's
    # headline, which names the event more surely than any body term.
    title: frozenset[str] = frozenset()
    # The weekdays its text names, one bit each (see _weekdays); 0 when none.
    weekdays: int = 0

    def to_json(self) -> str:
        row: dict[str, Any] = {
            "d": self.day,
            "t": _join_terms(list(self.vec)),
            "w": _pack(self.vec.values()),
        }
        if self.title:
            row["h"] = _join_terms(sorted(self.title))
        if self.weekdays:
            row["k"] = self.weekdays
        return json.dumps(row, separators=(",", ":"))

    @classmethod
    def from_json(cls, article: str, raw: str) -> _Member:
        try:
            data: dict[str, Any] = json.loads(raw)
            day = data["d"]
            if "t" in data:
                vec = _zip_terms(_split_terms(data["t"]), _unpack(data["w"]))
            else:  # written before vectors were packed
                vec = {str(t): float(w) for t, w in data["v"].items()}
            # Rows written before titles were kept have none (compared on terms only).
            title = frozenset(map(str, _split_terms(data["h"]))) if "h" in data else frozenset()
            # Rows written before weekdays were kept name none (no evidence either way).
            weekdays = int(data.get("k", 0))
            return cls(article, None if day is None else int(day), vec, title, weekdays)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StorageError(
                f"stored member row of article {article} is unreadable: {exc}"
            ) from exc


@dataclass
class _Story:
    """In-memory profile of one story (serialised by :meth:`to_json`).

    Vectors carry the IDF of the day each member joined: re-weighting old
    profiles on every comparison would cost a logarithm per term, and IDF
    moves slowly once a database holds a few hundred articles.
    """

    centroid: dict[str, float]  # sum of members' top-term TF-IDF vectors (unit docs)
    touched: dict[str, int]  # term -> seq of the update that last changed it
    norm: float  # Euclidean norm of ``centroid``
    size: int
    seq: int  # doc_count when last updated (orders the posting lists)
    first_day: int | None  # date range of dated members, as ordinals
    last_day: int | None
    # The split_window most recent members, oldest first (persisted as ids;
    # their rows are ClusterDelta.members). A restored story names them in
    # ``unloaded`` and reads their rows only when a split check needs them:
    # most live stories never reach their next check, and parsing every
    # recent member's row made restoring 1.6 times slower (3.84 vs 2.45 s on
    # a 100k-article synthetic database).
    members: list[_Member] = field(default_factory=list)
    unloaded: list[str] = field(default_factory=list)  # ids, oldest first, before members
    # Size at which the next split check is due (see ClusterOptions).
    next_check: int = 0
    # doc_count when it was started: of two stories found to hold one event,
    # the older absorbs the younger and keeps its id (0: stored before this
    # was kept, older than any).
    born: int = 0

    def to_json(self) -> str:
        terms = list(self.centroid)
        touched = self.touched
        return json.dumps(
            {
                "t": _join_terms(terms),
                "w": _pack(self.centroid.values()),
                "u": _pack_ints([touched[t] for t in terms]),
                "norm": self.norm,
                "n": self.size,
                "seq": self.seq,
                "d0": self.first_day,
                "d1": self.last_day,
                "m": self.unloaded + [m.id for m in self.members],
                "k": self.next_check,
                "b": self.born,
            },
            separators=(",", ":"),
        )

    @staticmethod
    def live_data(sid: str, raw: str, horizon: int = -1) -> dict[str, Any] | None:
        """The parsed profile, or None when it went cold (seq <= ``horizon``).

        A cold profile is recognised by its "seq" field alone, without parsing
        the rest: most stories of a large database are cold.
        """
        quick = _SEQ_FIELD.search(raw)
        if quick is not None and int(quick.group(1)) <= horizon:
            return None
        try:
            data: dict[str, Any] = json.loads(raw)
            return None if int(data["seq"]) <= horizon else data
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StorageError(f"stored profile of story {sid} is unreadable: {exc}") from exc

    @classmethod
    def from_data(cls, sid: str, data: dict[str, Any]) -> _Story:
        """The profile from :meth:`live_data` (its members' rows are read later)."""
        try:
            if "t" in data:
                centroid = _zip_terms(_split_terms(data["t"]), _unpack(data["w"]))
                stored = data["u"]  # a list of numbers in profiles written before 2026-12
                seqs = _unpack_ints(stored) if isinstance(stored, str) else map(int, stored)
                touched = dict(zip(centroid, seqs, strict=True))
            else:  # written before vectors were packed
                centroid = {str(k): float(v[0]) for k, v in data["c"].items()}
                touched = {str(k): int(v[1]) for k, v in data["c"].items()}
            return cls(
                centroid=centroid,
                touched=touched,
                norm=float(data["norm"]),
                size=int(data["n"]),
                seq=int(data["seq"]),
                first_day=None if data["d0"] is None else int(data["d0"]),
                last_day=None if data["d1"] is None else int(data["d1"]),
                unloaded=[str(m) for m in data.get("m", ())],
                # Profiles stored before splitting existed: check at the next size.
                next_check=int(data.get("k", 0)),
                born=int(data.get("b", 0)),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StorageError(f"stored profile of story {sid} is unreadable: {exc}") from exc


# The "seq" field of a stored profile. A term "seq" is a word inside the terms
# string (in older rows a list item, '"seq",' or '"seq"]', or a key, '"seq":['),
# never a quoted key followed by a colon and a digit.
_SEQ_FIELD: Final = re.compile(r'"seq":(\d+)')


# Weights are stored as the base64 of their little-endian IEEE doubles, not as
# JSON numbers: the shortest decimal that round-trips (float repr) costs
# bignum arithmetic per value, and writing the profiles of a batch's stories
# and members spent more time there than in anything else JSON did (about 3%
# of the pipeline's instructions, benchmarks/instructions.py); packed, the
# round trip stays exact, so a restored index still continues exactly.
_SWAP: Final = sys.byteorder == "big"


def _pack(values: Iterable[float]) -> str:
    return _encode(array("d", values))


def _unpack(text: str) -> array[float]:
    """The doubles of :func:`_pack`; ``ValueError`` when ``text`` is not its output."""
    values: array[float] = _decode(text, "d")
    return values


# The seqs a profile's terms were last touched at are packed the same way, as
# 64-bit integers: JSON wrote a list of hundreds of numbers per profile far
# more slowly than one string.
def _pack_ints(values: Iterable[int]) -> str:
    return _encode(array("q", values))


def _unpack_ints(text: str) -> array[int]:
    """The integers of :func:`_pack_ints`; ``ValueError`` when ``text`` is not its output."""
    values: array[int] = _decode(text, "q")
    return values


def _encode(packed: array[Any]) -> str:
    if _SWAP:
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _decode(text: str, typecode: str) -> array[Any]:
    """The 8-byte values of :func:`_encode`'s output."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, TypeError) as exc:
        raise ValueError(f"bad packed values ({exc})") from None
    if len(raw) % 8:
        raise ValueError("bad packed values (length)")
    values = array(typecode, raw)
    if _SWAP:
        values.byteswap()
    return values


# Terms are stored as one string, joined by spaces: JSON writes and reads one
# string several times faster than a list of a profile's hundreds of terms
# (145 -> 67 microseconds to write a 300-term profile). A term never holds a
# space (terms are cut from white-space-split tokens); should one ever do,
# the list is stored as it was before.
def _join_terms(terms: list[str]) -> str | list[str]:
    joined = " ".join(terms)
    return joined if joined.count(" ") == len(terms) - 1 else terms


def _split_terms(stored: Any) -> list[Any]:
    """The terms of :func:`_join_terms`' output (or of a list, as written before 2026-12)."""
    if isinstance(stored, str):
        return stored.split(" ")
    if not isinstance(stored, list):
        raise ValueError(f"terms are a {type(stored).__name__}")
    return stored


def _zip_terms(terms: list[Any], weights: array[float]) -> dict[str, float]:
    if len(terms) != len(weights):
        raise ValueError(f"{len(terms)} terms but {len(weights)} weights")
    return dict(zip(map(str, terms), weights, strict=True))


class BulkRows(Protocol):
    """Rows that can be fetched many at once (a store's member rows)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...


def _fetch(rows: Mapping[str, str], keys: list[str]) -> Mapping[str, str]:
    # Duck-typed, not isinstance(): a runtime-checkable Protocol cannot be
    # compiled (see setup.py), and this is the one place that asks.
    get_many = getattr(rows, "get_many", None)
    return rows if get_many is None else cast(BulkRows, rows).get_many(keys)


# What a white-space token says, by its first character: a capital (a
# name-like use), a lower-case letter, or neither (a digit, a symbol).
_CAPITAL, _LOWER, _OTHER = 1, 2, 0


def _term(token: str) -> tuple[str, int] | None:
    """The term a white-space token counts for and how it is written; ``None`` if none."""
    if not token.isalnum():  # the common case has nothing to trim
        token = token.strip(_PUNCT)
        if token[-2:] in ("'s", "\u2019s"):
            token = token[:-2]
        if not token:
            return None
    low = token.lower()
    if low in _STOPWORDS or len(low) < 2:
        return None
    first = token[0]
    return low, _CAPITAL if first.isupper() else _LOWER if first.islower() else _OTHER


# A news vocabulary's tokens recur in every article (see newsprism.text.memo).
_TERMS: Final = Memo(_term, 1 << 16)


def _counts(text: str) -> tuple[dict[str, float], set[str], set[str]]:
    """Term counts of a text, and which terms it writes capitalised / lower-case.

    Splitting on white space and trimming punctuation is several times faster
    than a regular expression over the whole text, and the per-token work is
    remembered across texts (:func:`_term`: it was a tenth of the pipeline's
    time). Each token is looked up as it comes, not counted first: building
    a Counter of the tokens cost more than the look-ups it saved (the
    plain-text path ran 0.136 M fewer instructions per article without it,
    benchmarks/instructions.py --n 1000, mypyc build); the terms come in the
    same order with the same counts (whole numbers, added exactly).
    """
    counts: dict[str, float] = {}
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    for token in text.split():
        found = _TERMS.get(token)
        if found is None:
            continue
        low, case = found
        counts[low] = counts.get(low, 0.0) + 1.0
        if case == _CAPITAL:
            capitalised.add(low)
        elif case == _LOWER:
            lowercase.add(low)
    return counts, capitalised, lowercase


def _term_weights(
    title: str | None, text: str, options: ClusterOptions
) -> tuple[dict[str, float], frozenset[str]]:
    """Boosted, sublinear term frequencies of one article (no IDF yet), and its title's terms."""
    counts, capitalised, lowercase = _counts(text)
    title_terms: frozenset[str] = frozenset()
    if title:
        title_counts, title_caps, title_lower = _counts(title)
        title_terms = frozenset(title_counts)
        for term, n in title_counts.items():
            counts[term] = counts.get(term, 0.0) + n * options.title_weight
        if not text.strip():
            # Headlines are often title-cased, so their capitals are evidence
            # of a name only when there is no body to go by.
            capitalised, lowercase = title_caps, title_lower
    weights: dict[str, float] = {}
    names = capitalised - lowercase  # name-like: capitalised, never lower-case here
    for term, n in counts.items():
        w = 1.0 + math.log(n)
        if term.isdigit():
            w *= options.number_boost
        elif term in names:
            w *= options.entity_boost
        weights[term] = w
    return weights, title_terms


# What the learned decision reads of an article and a candidate story; the
# weights are fitted by benchmarks/cluster_fit.py (see newsprism.index._stories_model).
FEATURES: Final = (
    "centroid",  # cosine of the article's top terms with the story centroid
    "member_max",  # the best dot product with one recent member's terms
    "title_max",  # the best cosine of title term sets with one member's title
    # Days between the article and the story's dated range, over 7 (0 when
    # either side is undated). Only a gap is evidence: two reports of one
    # day are no more one event than two undated ones (a feed holds hundreds
    # of events a day; the fitting sets hold a few, so a feature saying "both
    # dated, same day" learned that closeness means sameness, and merged 57
    # unrelated pages of two days into one story).
    "date_gap",
    # 1 when the article and the story's recent members both name weekdays
    # and share none: the event's own day, stated in the text of pages that
    # carry no date. Read on both sets before it was added (confusable pairs,
    # benchmarks/cluster_weekdays.py): reports of one event share a weekday
    # in 94% of AllSides pairs and 84% of ECB+ pairs, two events in 51% and
    # 45%. Sharing one is weak evidence and was left out: as a second
    # feature it gave AllSides test half 0.833 against 0.822 but ECB+ min
    # over 5 orders 0.896 against 0.900 (each refitted).
    "weekday_apart",
    # 1 when the article or every recent member of the story has no title
    # (plain-text inputs, pages whose title was not found). The title
    # features are then 0 for want of a headline, which says nothing about
    # the event, so such a pair is decided by a second model over the same
    # features, fitted on the fitting sets with their titles removed
    # (benchmarks/cluster_fit.py): the model fitted on titled pairs read a
    # missing headline as another event's. With titles removed
    # (benchmarks/cluster_fit.py): AllSides test half (held out) B-cubed
    # P 0.936 R 0.647 F1 0.765 -> P 0.852 R 0.763 F1 0.806, ECB+ all
    # P 0.960 R 0.662 F1 0.784 -> P 0.886 R 0.818 F1 0.851; the synthetic
    # stories of benchmarks/synth.py, whose records carry no title, against
    # the truth at 3,000 articles (seeds 3 and 5, one process): F1 0.993 /
    # 0.986 -> 1.000 / 0.999. Titled pairs are decided as before.
    "untitled",
    # How far this story's three scores above stand over the other
    # candidates' (margin: over their mean, lead: over the best other): two
    # events of one topic score close together, a story's own event stands
    # out. The mean is over ``candidates - 1`` slots (a missing one scores
    # 0): when one event is spread over two stories, neither leads the
    # other, but both stand over the rest.
    "centroid_margin",
    "centroid_lead",
    "member_margin",
    "member_lead",
    "title_margin",
    "title_lead",
)

# Where in :func:`_features`' list the scores compared across candidates sit.
_COMPARED: Final = (0, 1, 2)


def _add_margins(described: list[tuple[str, list[float]]], slots: int) -> None:
    """Append to each candidate's features its margin and lead (see :data:`FEATURES`)."""
    others = max(1, slots - 1)
    for k in _COMPARED:
        total = best = second = 0.0
        for _, feats in described:
            v = feats[k]
            total += v
            if v > best:
                best, second = v, best
            elif v > second:
                second = v
        for _, feats in described:
            v = feats[k]
            feats.append(v - (total - v) / others)
            feats.append(v - (second if v >= best else best))


Chooser = Callable[[list[tuple[str, list[float]]]], str | None]


def _features(
    top: dict[str, float],
    title: frozenset[str],
    day: int | None,
    weekdays: int,
    story: _Story,
    compare: int,
) -> list[float]:
    """The :data:`FEATURES` of an article (top terms, title terms, day) and a story."""
    zeros = repeat(0.0)
    # The dot product in C: terms the centroid lacks add 0.0 * v, which
    # leaves a float sum unchanged.
    dot: float = sum(map(mul, top.values(), map(story.centroid.get, top, zeros)))
    centroid = dot / story.norm
    members = story.members[-compare:]
    m_max = t_max = 0.0
    named = 0
    titled = False
    for m in members:
        named |= m.weekdays
        vec = m.vec
        d: float = sum(map(mul, vec.values(), map(top.get, vec, zeros)))
        if d > m_max:
            m_max = d
        other = m.title
        if other:
            titled = True
        if title and other:
            # Counted over the smaller set, without building the intersection.
            small, large = (title, other) if len(title) <= len(other) else (other, title)
            shared = 0
            for term in small:
                if term in large:
                    shared += 1
            t = shared / math.sqrt(len(title) * len(other))
            if t > t_max:
                t_max = t
    first, last = story.first_day, story.last_day
    gap = 0.0
    if day is not None and first is not None and last is not None:
        gap = min(7.0, float(max(0, first - day, day - last))) / 7.0
    apart = 1.0 if weekdays and named and not weekdays & named else 0.0
    return [centroid, m_max, t_max, gap, apart, 0.0 if title and titled else 1.0]


# The terms of the weekdays, as _term writes them (lower-case; "Thursday's" too).
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays(weights: dict[str, float]) -> int:
    """The weekdays an article's terms name, one bit each."""
    mask = 0
    for bit, name in enumerate(_WEEKDAYS):
        if name in weights:
            mask |= 1 << bit
    return mask


# Where in :func:`_features`' list the missing-headline flag sits.
_UNTITLED: Final = 5


def _join_probability(features: list[float], options: ClusterOptions) -> float:
    """The fitted model's probability that the article reports the story's event."""
    if features[_UNTITLED]:
        z = options.untitled_intercept + sum(map(mul, options.untitled_weights, features))
    else:
        z = options.model_intercept + sum(map(mul, options.model_weights, features))
    if z < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _heaviest(terms: list[str], values: list[float], k: int) -> list[tuple[str, float]]:
    """The ``k`` (term, value) pairs of largest value, largest first, ties in input order.

    ``sorted(zip(terms, values), key=itemgetter(1), reverse=True)[:k]``, without
    sorting all of an article's few hundred pairs: the values alone are sorted
    to find the k-th largest, and only the pairs at or above it are built and
    sorted (a third of the instructions).
    """
    if k <= 0:
        return []
    if len(values) > k:
        ranked = sorted(values, reverse=True)
        cut = ranked[k - 1]
        # How many pairs equal to ``cut`` fit after the larger ones (all before it).
        ties = k - ranked.index(cut)
        picked: list[tuple[str, float]] = []
        for term, v in zip(terms, values, strict=True):
            if v > cut:
                picked.append((term, v))
            elif v == cut and ties > 0:
                picked.append((term, v))
                ties -= 1
    else:
        picked = list(zip(terms, values, strict=True))
    picked.sort(key=itemgetter(1), reverse=True)
    return picked


def _next_check(size: int, options: ClusterOptions) -> int:
    """The story size at which the next split check is due (8, 12, 16, 24, 32, ...)."""
    step = options.split_min_size
    while step <= size:
        step = step * 3 // 2 if step & (step - 1) == 0 else step * 4 // 3
    return step


def _post(postings: dict[str, dict[str, float]], term: str, sid: str, w: float) -> None:
    """Set a story's weight in a posting list and make it the most recent entry."""
    posting = postings.get(term)
    if posting is None:
        postings[term] = {sid: w}
    else:
        # Plain dicts keep insertion order, so re-inserting moves the story to
        # the end. (OrderedDict did the same with about twice the memory per
        # list, and the index holds a list per term of every live story.)
        posting.pop(sid, None)
        posting[sid] = w


def _drop(postings: dict[str, dict[Any, float]], term: str, key: object) -> None:
    posting = postings.get(term)
    if posting is not None:
        posting.pop(key, None)
        if not posting:
            del postings[term]


class StoryIndex:
    """Online story clusterer with bounded per-article cost; see the module doc."""

    def __init__(self, options: ClusterOptions = ClusterOptions()) -> None:
        self.options = options
        self._doc_count = 0
        self._df: dict[str, int] = {}
        # Live stories, least recently updated first (so cold ones sit in front).
        self._stories: dict[str, _Story] = {}
        self._known_ids: set[str] = set()
        # term -> {story id: centroid weight / norm}, least recently updated first.
        self._story_postings: dict[str, dict[str, float]] = {}
        self._dirty_df: set[str] = set()
        self._dirty_stories: set[str] = set()
        self._new_members: dict[str, _Member] = {}
        self._moves: dict[str, str] = {}  # article id -> story id, from splits
        # Where restored stories' member rows are read from (see _load_members).
        self._member_rows: Mapping[str, str] = {}

    # ------------------------------------------------------------------ public

    def assign(self, doc: ClusterDoc, choose: Chooser | None = None) -> str:
        """Put ``doc`` in a story and return the story's id.

        ``choose`` replaces the learned decision (:func:`_join_probability`):
        it is given each candidate story with its :data:`FEATURES` and names
        the story to join, or None for a new one. Fitting the decision uses
        it (``benchmarks/cluster_fit.py``); nothing else should.
        """
        opts = self.options
        weights, title = _term_weights(doc.title, doc.text, opts)
        self._doc_count += 1
        seq = self._doc_count
        df = self._df
        log_n = math.log(seq + 1)
        # One compiled loop (see setup.py) counts each term and weights it.
        terms: list[str] = []
        vec: list[float] = []
        for term, w in weights.items():
            n = df.get(term, 0) + 1
            df[term] = n
            terms.append(term)
            vec.append(w * (log_n - math.log(n + 1) + 1.0))
        self._dirty_df.update(weights)
        norm = math.sqrt(sum(map(mul, vec, vec))) or 1.0
        self._evict_cold()
        day = doc.published.toordinal() if doc.published is not None else None

        # Ranking does not depend on the norm: only the kept terms are divided.
        kept = max(opts.doc_terms, opts.query_terms, opts.member_terms)
        ranked = [(term, v / norm) for term, v in _heaviest(terms, vec, kept)]
        top = dict(ranked[: opts.doc_terms])
        weekdays = _weekdays(weights)
        best_sid, also = self._best_story(
            ranked[: opts.query_terms], top, title, day, weekdays, choose
        )
        if best_sid is None:
            best_sid = self._new_story_id(doc.id)
            story = _Story({}, {}, 0.0, 0, seq, day, day, next_check=opts.split_min_size, born=seq)
            self._stories[best_sid] = story
            self._known_ids.add(best_sid)
        else:
            story = self._stories[best_sid]
        self._add_member(best_sid, story, top, day)
        member = _Member(doc.id, day, dict(ranked[: opts.member_terms]), title, weekdays)
        story.members.append(member)
        if len(story.unloaded) + len(story.members) > opts.split_window:
            del (story.unloaded or story.members)[0]
        self._new_members[doc.id] = member
        for other in also:
            held = self._stories[other]
            if (held.born, other) < (story.born, best_sid):
                self._absorb(other, held, best_sid)
                best_sid, story = other, held
            else:
                self._absorb(best_sid, story, other)
        if story.size >= story.next_check:
            story.next_check = _next_check(story.size, opts)
            return self._split(best_sid, story, doc.id)
        return best_sid

    def export_changes(self) -> ClusterDelta:
        """Return what changed since the previous call (see :class:`ClusterDelta`)."""
        delta = ClusterDelta(
            doc_count=self._doc_count,
            df={t: self._df[t] for t in sorted(self._dirty_df)},
            stories={
                sid: self._stories[sid].to_json()
                for sid in sorted(self._dirty_stories)
                if sid in self._stories
            },
            members={aid: m.to_json() for aid, m in self._new_members.items()},
            moves=dict(self._moves),
        )
        self._dirty_df.clear()
        self._dirty_stories.clear()
        self._new_members.clear()
        self._moves.clear()
        return delta

    @classmethod
    def restore(cls, options: ClusterOptions, state: ClusterState) -> StoryIndex:
        """Rebuild the index from everything persisted so far.

        Continuing from the result gives exactly the assignments an
        uninterrupted run would have given.
        """
        index = cls(options)
        index._doc_count = int(state.doc_count)
        index._df = {str(t): int(n) for t, n in state.df.items()}
        index._known_ids = set(state.stories)
        horizon = index._doc_count - options.active_articles
        profiles = []
        for sid, raw in state.stories.items():
            data = _Story.live_data(sid, raw, horizon)
            if data is not None:
                profiles.append((sid, data))
        index._member_rows = state.members
        live = []
        for sid, data in profiles:
            story = _Story.from_data(sid, data)
            live.append((story.seq, sid, story))
        # Every update has its own seq, so replaying stories in seq order (and
        # members in seq order) rebuilds the posting lists in the same order.
        # Ties (the two halves of a split) break on id, as _split orders them.
        live.sort(key=lambda item: (item[0], item[1]))
        entries: list[tuple[int, str, str, float]] = []
        for _, sid, story in live:
            index._stories[sid] = story
            entries.extend((story.touched[t], t, sid, w) for t, w in story.centroid.items())
        # One story touches a posting list at most once per update, so the
        # touch seq orders each posting list exactly as it was built.
        entries.sort(key=lambda item: item[0])
        for _, term, sid, w in entries:
            index._story_postings.setdefault(term, {})[sid] = w
        return index

    # ---------------------------------------------------------------- internals

    def _best_story(
        self,
        query: list[tuple[str, float]],
        top: dict[str, float],
        title: frozenset[str],
        day: int | None,
        weekdays: int,
        choose: Chooser | None,
    ) -> tuple[str | None, list[str]]:
        """The story the article reports the same event as, or None.

        Candidates come from the posting lists of the article's query terms;
        the best few by shared weight are then described by
        :data:`FEATURES` (the centroid, and each recent member on its own)
        and the learned decision joins the likeliest when it is likely enough.
        """
        opts = self.options
        n_docs = self._doc_count
        df_cut = opts.max_df_ratio * n_docs if n_docs >= opts.min_docs_for_df_cut else float("inf")
        df = self._df
        read = opts.postings_read
        shared: dict[str, float] = {}
        for term, q in query:
            if df[term] > df_cut:
                continue
            posting = self._story_postings.get(term)
            if posting is not None:
                for sid, w in islice(reversed(posting.items()), read):
                    shared[sid] = shared.get(sid, 0.0) + q * w
        stories = self._stories
        if day is not None:
            low, high = day - opts.window_days, day + opts.window_days
            for sid in list(shared):
                story = stories[sid]
                first, last = story.first_day, story.last_day
                if first is not None and last is not None and (last < low or first > high):
                    del shared[sid]
        # Only the best few are needed: a partial selection, not a full sort.
        # (Tuples compare without a key function: a third of the cost.)
        ranked = heapq.nsmallest(
            opts.candidates, [(-w / stories[sid].norm, sid) for sid, w in shared.items()]
        )
        described: list[tuple[str, list[float]]] = []
        for _, sid in ranked:
            story = stories[sid]
            self._load_members(sid, story)
            described.append(
                (sid, _features(top, title, day, weekdays, story, opts.compare_members))
            )
        _add_margins(described, opts.candidates)
        if choose is not None:
            return choose(described), []
        best_sid = None
        best_score = opts.join_probability
        sure: list[str] = []
        for sid, features in described:
            score = _join_probability(features, opts)
            # Only a story whose every member is at hand (loaded above, all
            # within the window) can be absorbed: each is re-pointed.
            held = stories[sid]
            if score >= opts.merge_probability and held.size <= len(held.members):
                sure.append(sid)
            if score >= best_score and (best_sid is None or score > best_score or sid < best_sid):
                best_sid, best_score = sid, score
        return best_sid, [sid for sid in sure if sid != best_sid] if best_sid else []

    def _absorb(self, sid: str, story: _Story, other_sid: str) -> None:
        """Move every member of story ``other_sid`` into ``story``: one event in two stories.

        Only a story whose members are all still at hand is absorbed (see the
        caller), so every article it holds is re-pointed (``_moves``). The
        emptied story keeps its id, without terms, so it is never a candidate
        again (and a restored index finds it the same).
        """
        other = self._stories[other_sid]
        for m in other.members:
            self._moves[m.id] = sid
            story.members.append(m)
        while len(story.unloaded) + len(story.members) > self.options.split_window:
            del (story.unloaded or story.members)[0]
        for term, w in other.centroid.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + w
        story.size += other.size
        if other.first_day is not None and other.last_day is not None:
            first, last = story.first_day, story.last_day
            story.first_day = other.first_day if first is None else min(first, other.first_day)
            story.last_day = other.last_day if last is None else max(last, other.last_day)
        seq = self._doc_count
        gone = _Story({}, {}, 0.0, 0, seq, None, None)
        for term in other.touched:
            _drop(self._story_postings, term, other_sid)
        self._stories.pop(other_sid)
        self._stories[other_sid] = gone
        self._dirty_stories.add(other_sid)
        self._reindex(sid, self._stories.pop(sid), seq)

    def _add_member(self, sid: str, story: _Story, top: dict[str, float], day: int | None) -> None:
        """Add an article (its top terms) to a story and update the postings."""
        opts = self.options
        seq = self._doc_count
        centroid = story.centroid
        touched = story.touched
        postings = self._story_postings
        # Postings hold raw centroid weights (scores divide by the norm), so
        # only the terms this article touches move.
        for term, w in top.items():
            value = centroid.get(term, 0.0) + w
            centroid[term] = value
            touched[term] = seq
            _post(postings, term, sid, value)
        # Truncate only once the profile doubles: one sort per many updates.
        if len(centroid) > 2 * opts.profile_terms:
            ranked = sorted(centroid.items(), key=itemgetter(1), reverse=True)
            for term, _ in ranked[opts.profile_terms :]:
                del centroid[term]
                del touched[term]
                _drop(postings, term, sid)
        weights = list(centroid.values())
        story.norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0

        story.size += 1
        story.seq = seq
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        # Keep ``_stories`` in last-update order so cold stories come first.
        self._stories[sid] = self._stories.pop(sid)
        self._dirty_stories.add(sid)

    def _split(self, sid: str, story: _Story, doc_id: str) -> str:
        """Split ``story`` when its recent members hold two events; return ``doc_id``'s story.

        The half holding the oldest recent member keeps the story (and, with
        it, the members older than the window); the other half becomes a new
        story named after its first member, and its articles are recorded in
        ``_moves`` for the caller to re-point.
        """
        opts = self.options
        self._load_members(sid, story)
        recent = story.members
        vectors = [m.vec for m in recent]
        groups = bisect(vectors, opts.split_iterations)
        if groups is None or silhouette(vectors, groups) < opts.split_silhouette:
            return sid
        leaving = [m for m, g in zip(recent, groups, strict=True) if g != groups[0]]
        story.members = [m for m, g in zip(recent, groups, strict=True) if g == groups[0]]
        new_sid = self._new_story_id(leaving[0].id)
        self._known_ids.add(new_sid)
        seq = self._doc_count
        # The kept story loses exactly what the leaving members brought (their
        # stored terms; the rest of their tails is noise below those weights).
        centroid = story.centroid
        for m in leaving:
            for term, w in m.vec.items():
                value = centroid.get(term, 0.0) - w
                if value > 1e-9:
                    centroid[term] = value
                else:
                    centroid.pop(term, None)
        story.size -= len(leaving)
        story.next_check = _next_check(story.size, opts)
        days = [m.day for m in leaving if m.day is not None]
        new = _Story(
            centroid={},
            touched={},
            norm=0.0,
            size=len(leaving),
            seq=seq,
            first_day=min(days) if days else None,
            last_day=max(days) if days else None,
            members=leaving,
            born=seq,
        )
        for m in leaving:
            for term, w in m.vec.items():
                new.centroid[term] = new.centroid.get(term, 0.0) + w
        new.next_check = _next_check(new.size, opts)
        # Rebuild both profiles' postings as touched now, in id order, which
        # is the order StoryIndex.restore replays equal seqs in.
        self._stories[new_sid] = new
        for key in sorted((sid, new_sid)):
            self._reindex(key, self._stories.pop(key), seq)
        for m in leaving:
            self._moves[m.id] = new_sid
        return new_sid if any(m.id == doc_id for m in leaving) else sid

    def _load_members(self, sid: str, story: _Story) -> None:
        """Read the rows of a restored story's older window members (see ``_Story``)."""
        if not story.unloaded:
            return
        rows = _fetch(self._member_rows, story.unloaded)
        loaded = []
        for m in story.unloaded:
            row = rows.get(m)
            if row is None:
                raise StorageError(
                    f"stored profile of story {sid} names member {m}, which is not stored"
                )
            loaded.append(_Member.from_json(m, row))
        story.members = loaded + story.members
        story.unloaded = []

    def _reindex(self, sid: str, story: _Story, seq: int) -> None:
        """Truncate a rebuilt profile, post all its terms anew and mark it updated."""
        postings = self._story_postings
        for term in story.touched:
            _drop(postings, term, sid)
        limit = self.options.profile_terms
        if len(story.centroid) > limit:
            ranked = sorted(story.centroid.items(), key=itemgetter(1), reverse=True)
            story.centroid = dict(ranked[:limit])
        story.touched = dict.fromkeys(story.centroid, seq)
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values())) or 1.0
        story.seq = seq
        for term, w in story.centroid.items():
            _post(postings, term, sid, w)
        self._stories[sid] = story
        self._dirty_stories.add(sid)

    def _new_story_id(self, doc_id: str) -> str:
        base = "s-" + doc_id[:12]
        sid, n = base, 1
        while sid in self._known_ids:
            n += 1
            sid = f"{base}-{n}"
        return sid

    def _evict_cold(self) -> None:
        """Drop stories not updated within ``active_articles`` articles."""
        horizon = self._doc_count - self.options.active_articles
        while self._stories:
            sid = next(iter(self._stories))
            story = self._stories[sid]
            if story.seq > horizon:
                break
            del self._stories[sid]
            for term in story.centroid:
                _drop(self._story_postings, term, sid)
