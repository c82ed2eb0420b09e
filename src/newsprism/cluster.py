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
* the ``candidates`` best are scored by cosine between the article's top
  ``doc_terms`` terms and the story centroid (itself truncated to
  ``profile_terms`` terms); the best score at or above ``threshold`` wins, else
  a new story starts. Stories untouched for ``active_articles`` articles leave
  the index.

Everything is deterministic for a given input order (ties break on story id)
and the whole state round-trips through plain JSON: see :class:`ClusterDelta`
for what a caller must persist and :meth:`StoryIndex.restore` to rebuild.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import itemgetter
from typing import Any

from newsprism.errors import StorageError

# Trimmed from both ends of a white-space token (quotes, brackets, sentence
# punctuation); inner hyphens and apostrophes stay.
_PUNCT = "\"'.,;:!?()[]{}<>*_`|/\\-\u201c\u201d\u2018\u2019\u2013\u2014\u00ab\u00bb"

# Function words that carry no topical signal. IDF would learn to down-weight
# them, but only after many articles; this short list keeps the first stories of
# a fresh database from matching on "the" and "said".
_STOPWORDS = frozenset(
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


@dataclass(frozen=True)
class ClusterOptions:
    """Every tuned constant of the clustering.

    Quality constants were tuned on the ECB+ ``subtopic`` level (see
    ``benchmarks/cluster_ecbplus.py``), checked over shuffled input orders and on
    held-out topics; cost constants bound the work per article.
    """

    # Minimum cosine (article top terms vs story centroid) for an article to
    # join a story. Tuned jointly with the two boosts below on ECB+ subtopic
    # (file order, 5 shuffles, and even/odd topic halves as dev/held-out; see
    # benchmarks/cluster_ecbplus.py): 0.25 with entity 3.0 and number 5.0 gave
    # file order 0.864, shuffle mean 0.887, halves 0.896/0.855, against 0.844,
    # 0.885, 0.875/0.850 for the earlier 0.20/1.5/3.0; 0.30 trades file order
    # (0.873) for a lower mean (0.879).
    threshold: float = 0.25
    # A title term counts as this many body occurrences: the headline names the
    # event. Checked on ECB+ subtopic: 1-6 all within 0.005 F1, so a middle value.
    title_weight: float = 3.0
    # Multiplier for name-like tokens (capitalised, never seen lower-case in the
    # article): names and places separate two events of the same kind (the
    # warship's name, the shop robbed). See ``threshold`` for the tuning.
    entity_boost: float = 3.0
    # Multiplier for numbers (years, counts, magnitudes) for the same reason.
    # A count or sum (23 pirates against 26; $108m against $2.6m) is the most
    # specific detail two reports of one event share. See ``threshold``.
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


@dataclass(frozen=True)
class ClusterDoc:
    """One article as the clusterer sees it."""

    id: str  # article id (hex string)
    title: str | None
    text: str  # clean body (may be "")
    published: date | None


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
      JSON string as given (opaque to the caller); upsert every entry.

    Nothing is ever deleted: stories that went cold are ignored by
    :meth:`StoryIndex.restore` on their own.
    """

    doc_count: int
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing changed since the previous export."""
        return not self.df and not self.stories


@dataclass(frozen=True)
class ClusterState:
    """Everything persisted so far: the union of all deltas (latest value per key).

    ``doc_count`` is the latest ``ClusterDelta.doc_count``; ``df`` and
    ``stories`` are the full ``cluster_df`` and ``cluster_story`` tables.
    """

    doc_count: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)


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

    def to_json(self) -> str:
        return json.dumps(
            {
                "c": {t: [w, self.touched[t]] for t, w in self.centroid.items()},
                "norm": self.norm,
                "n": self.size,
                "seq": self.seq,
                "d0": self.first_day,
                "d1": self.last_day,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, sid: str, raw: str) -> _Story:
        try:
            data: dict[str, Any] = json.loads(raw)
            return cls(
                centroid={str(k): float(v[0]) for k, v in data["c"].items()},
                touched={str(k): int(v[1]) for k, v in data["c"].items()},
                norm=float(data["norm"]),
                size=int(data["n"]),
                seq=int(data["seq"]),
                first_day=None if data["d0"] is None else int(data["d0"]),
                last_day=None if data["d1"] is None else int(data["d1"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StorageError(f"stored profile of story {sid} is unreadable: {exc}") from exc


def _counts(text: str) -> tuple[dict[str, float], set[str], set[str]]:
    """Term counts of a text, and which terms it writes capitalised / lower-case.

    Splitting on white space and trimming punctuation is several times faster
    than a regular expression over the whole text, and the per-token work runs
    once per distinct token.
    """
    counts: dict[str, float] = {}
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    stop = _STOPWORDS
    for raw, n in Counter(text.split()).items():
        if raw.isalnum():
            token = raw  # the common case: nothing to trim
        else:
            token = raw.strip(_PUNCT)
            if token[-2:] in ("'s", "\u2019s"):
                token = token[:-2]
            if not token:
                continue
        low = token.lower()
        if low in stop or len(low) < 2:
            continue
        counts[low] = counts.get(low, 0.0) + n
        if token[0].isupper():
            capitalised.add(low)
        elif token is low or token[0].islower():
            lowercase.add(low)
    return counts, capitalised, lowercase


def _term_weights(title: str | None, text: str, options: ClusterOptions) -> dict[str, float]:
    """Boosted, sublinear term frequencies of one article (no IDF yet)."""
    counts, capitalised, lowercase = _counts(text)
    if title:
        title_counts, title_caps, title_lower = _counts(title)
        for term, n in title_counts.items():
            counts[term] = counts.get(term, 0.0) + n * options.title_weight
        if not text.strip():
            # Headlines are often title-cased, so their capitals are evidence
            # of a name only when there is no body to go by.
            capitalised, lowercase = title_caps, title_lower
    weights: dict[str, float] = {}
    log = math.log
    for term, n in counts.items():
        w = 1.0 + log(n)
        if term.isdigit():
            w *= options.number_boost
        elif term in capitalised and term not in lowercase:
            # Name-like: capitalised and never written lower-case here.
            w *= options.entity_boost
        weights[term] = w
    return weights


def _drop(postings: dict[str, OrderedDict[Any, float]], term: str, key: object) -> None:
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
        self._story_postings: dict[str, OrderedDict[str, float]] = {}
        self._dirty_df: set[str] = set()
        self._dirty_stories: set[str] = set()

    # ------------------------------------------------------------------ public

    def assign(self, doc: ClusterDoc) -> str:
        """Put ``doc`` in a story and return the story's id."""
        opts = self.options
        weights = _term_weights(doc.title, doc.text, opts)
        self._doc_count += 1
        seq = self._doc_count
        df = self._df
        log_n = math.log(seq + 1)
        log = math.log
        vec: dict[str, float] = {}
        for term, w in weights.items():
            n = df.get(term, 0) + 1
            df[term] = n
            vec[term] = w * (log_n - log(n + 1) + 1.0)
        self._dirty_df.update(weights)
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for term in vec:
            vec[term] /= norm
        self._evict_cold()
        day = doc.published.toordinal() if doc.published is not None else None

        ranked = sorted(vec.items(), key=itemgetter(1), reverse=True)
        top = dict(ranked[: opts.doc_terms])
        best_sid = self._best_story(ranked[: opts.query_terms], top, day)
        if best_sid is None:
            best_sid = self._new_story_id(doc.id)
            story = _Story({}, {}, 0.0, 0, seq, day, day)
            self._stories[best_sid] = story
            self._known_ids.add(best_sid)
        else:
            story = self._stories[best_sid]
        self._add_member(best_sid, story, top, day)
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
        )
        self._dirty_df.clear()
        self._dirty_stories.clear()
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
        live = []
        for sid, raw in state.stories.items():
            story = _Story.from_json(sid, raw)
            if story.seq > horizon:
                live.append((story.seq, sid, story))
        # Every update has its own seq, so replaying stories in seq order (and
        # members in seq order) rebuilds the posting lists in the same order.
        live.sort(key=lambda item: item[0])
        entries: list[tuple[int, str, str, float]] = []
        for _, sid, story in live:
            index._stories[sid] = story
            entries.extend((story.touched[t], t, sid, w) for t, w in story.centroid.items())
        # One story touches a posting list at most once per update, so the
        # touch seq orders each posting list exactly as it was built.
        entries.sort(key=lambda item: item[0])
        for _, term, sid, w in entries:
            index._story_postings.setdefault(term, OrderedDict())[sid] = w
        return index

    # ---------------------------------------------------------------- internals

    def _best_story(
        self, query: list[tuple[str, float]], top: dict[str, float], day: int | None
    ) -> str | None:
        """The story most similar to the article above the threshold, or None.

        Candidates come from the posting lists of the article's query terms;
        the best few are then scored by cosine over the article's top terms.
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
        ranked = heapq.nsmallest(
            opts.candidates, shared.items(), key=lambda kv: (-kv[1] / stories[kv[0]].norm, kv[0])
        )
        best_sid = None
        best_score = opts.threshold
        for sid, _ in ranked:
            story = stories[sid]
            centroid = story.centroid
            dot = 0.0
            for term, v in top.items():
                weight = centroid.get(term)
                if weight is not None:
                    dot += v * weight
            score = dot / story.norm
            if score >= best_score and (best_sid is None or score > best_score or sid < best_sid):
                best_sid, best_score = sid, score
        return best_sid

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
            posting = postings.get(term)
            if posting is None:
                postings[term] = OrderedDict(((sid, value),))
            else:
                posting[sid] = value
                posting.move_to_end(sid)
        # Truncate only once the profile doubles: one sort per many updates.
        if len(centroid) > 2 * opts.profile_terms:
            ranked = sorted(centroid.items(), key=itemgetter(1), reverse=True)
            for term, _ in ranked[opts.profile_terms :]:
                del centroid[term]
                del touched[term]
                _drop(postings, term, sid)
        story.norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0

        story.size += 1
        story.seq = seq
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        # Keep ``_stories`` in last-update order so cold stories come first.
        self._stories[sid] = self._stories.pop(sid)
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
