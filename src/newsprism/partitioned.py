"""Time-partitioned story clustering: each window of days on its own worker, then joined.

Stage: the story clustering of an archive too large for the one writer.
Needs the articles as the clusterer sees them (:class:`ClusterDoc`, in input
order); gives each article's story id, as :func:`cluster_one_process` (one
:class:`StoryIndex`, one article after the other) would, up to a measured
difference (``benchmarks/partitioned.py``).

1. **Windows.** Dated articles fall in windows of ``window_days`` days. An
   undated article goes to the window of its nearest dated neighbour in input
   order (the earlier one on a tie): archives, crawls and feeds are written
   roughly in time order, so the pages around an undated one are of its days,
   and the one-process run saw it among them too. (A window of the undated
   alone would gather months of unrelated pages, whose stories would then
   have to be joined with every window.) With no dated article at all there is
   one window: exactly the one-process run.
2. **Each window alone**, in parallel, with its own index. The index starts
   from the document frequencies of every article before the window (counted
   in parallel per window, summed in window order, and handed to each window
   for its own terms only), so term weights, the rare-term cut and the
   update order are those of one process reading the windows in order; what
   a window's index lacks is the stories of the days before it.
3. **Joins**, in parallel, one task a window: an index restored from the
   stories of the windows within the index's own date reach
   (``ClusterOptions.window_days``) before it, as they came out alone, into
   which the window's articles are assigned again, in input order (or only
   the first ``replay`` members of each of its stories). An article the
   learned decision puts into an earlier story joins that story's group,
   and each of the window's own stories goes with the group most of its
   members went to (later windows' joins see it as it came out alone); an
   earlier story the decision merges into another (:meth:`StoryIndex.assign`
   absorbs an event told twice) joins that one's group. Never all pairs of
   stories: each assignment reads the index's few candidates.

What the joins cannot restore: an earlier multi-window story is in their
index as one story per window, so those pieces compete as candidates where
one process had one story (the decision reads how far a candidate stands
above the others). Hence windows of a week, not a day, by default.

The work: a term count and two assignments per article, about 2.1 times
one process's CPU (5,000 synthetic articles: one process 4.2 s; counts
0.95, windows alone 2.9, joins 4.8), spread over the workers.

Story ids are those of the earliest window's story of each joined group.
Everything is deterministic for a given input (results come back in
submission order; every union picks the earliest window's story).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from newsprism.errors import NewsprismError
from newsprism.index.stories import (
    ClusterDoc,
    ClusterOptions,
    ClusterState,
    StoryIndex,
    _term_weights,
)

T = TypeVar("T")


@dataclass(frozen=True)
class PartitionOptions:
    """How the articles are cut into windows and joined again."""

    # Days per window. A week, the index's own date reach: stories of a few
    # days then mostly fall in one or two windows. B-cubed agreement with one
    # process (benchmarks/partitioned.py), 1 day -> 7 days: synthetic 2,000
    # articles 0.937 -> 0.994, 20,000 0.932 -> 0.995 (100,000 at 7 days:
    # 0.993); AllSides dev (1,087, a few dated a day) 0.855 -> 0.858. A day
    # of CC-NEWS is about 390k articles: a week is 2.7M for one task, which
    # the index's eviction of cold stories keeps in bounded memory.
    window_days: int = 7
    # Members of each window story assigned again in its join (None: all).
    # Fewer cost less (the join is half the work) and agree less, precision
    # first: 1, 2, 3, 4, all members, 7-day windows: AllSides dev P 0.799,
    # 0.813, 0.833, 0.839, 0.872 (F1 0.820 ... 0.858); synthetic 5,000 F1
    # 0.983, 0.983, 0.988, 0.989, 0.995 (the sets of benchmarks/partitioned.py).
    replay: int | None = None
    # Local worker processes (1: this process); ``dask``, a scheduler's
    # address, takes precedence.
    workers: int = 1
    dask: str | None = None


@dataclass(frozen=True, slots=True)
class _Window:
    """One window's articles (input order) and the index state it starts from."""

    docs: tuple[ClusterDoc, ...]
    before: int  # articles in all earlier windows
    df: dict[str, int]  # their document frequencies, for this window's terms only


@dataclass(frozen=True, slots=True)
class _Clustered:
    """A window clustered alone: each article's story and the index's rows."""

    story: dict[str, str]  # article id -> story id (splits and merges applied)
    stories: dict[str, str]  # story id -> stored profile (ClusterDelta.stories)
    members: dict[str, str]  # article id -> stored member row


@dataclass(frozen=True, slots=True)
class _Joined:
    """What the join index made of a window's replayed members."""

    story: dict[str, str]  # the window's article id -> its story in the join index
    moves: dict[str, str]  # earlier article id -> story, moved by a merge


# ------------------------------------------------------------------ windows


def windows(docs: Sequence[ClusterDoc], window_days: int = 1) -> list[list[ClusterDoc]]:
    """The articles cut into windows of ``window_days`` days, earliest first.

    Each window keeps input order; undated articles join their nearest dated
    neighbour's window (see the module doc).
    """
    if window_days < 1:
        raise NewsprismError(f"a window is at least one day (got {window_days})")
    days = [d.published.toordinal() if d.published is not None else None for d in docs]
    dated = [i for i, day in enumerate(days) if day is not None]
    if not dated:
        return [list(docs)] if docs else []
    first = min(day for day in days if day is not None)
    keys: list[int] = []
    nxt = 0  # index into ``dated`` of the first dated position >= i
    for i, day in enumerate(days):
        while nxt < len(dated) and dated[nxt] < i:
            nxt += 1
        if day is None:
            before = dated[nxt - 1] if nxt > 0 else None
            after = dated[nxt] if nxt < len(dated) else None
            if before is None or (after is not None and after - i < i - before):
                near = after
            else:
                near = before
            assert near is not None
            day = days[near]
            assert day is not None
        keys.append((day - first) // window_days)
    grouped: dict[int, list[ClusterDoc]] = defaultdict(list)
    for key, doc in zip(keys, docs, strict=True):
        grouped[key].append(doc)
    return [grouped[key] for key in sorted(grouped)]


def _vocabulary(docs: Sequence[ClusterDoc], options: ClusterOptions) -> dict[str, int]:
    """Document frequencies of the terms of ``docs``, as the index counts them.

    The index's own term weighting (a private of :mod:`newsprism.index.stories`):
    the counts must be exactly those its ``assign`` would have made.
    """
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(_term_weights(doc.title, doc.text, options)[0].keys())
    return dict(df)


# ----------------------------------------------------------------- clusters


def cluster_one_process(
    docs: Iterable[ClusterDoc], options: ClusterOptions = ClusterOptions()
) -> dict[str, str]:
    """Each article's story from one index, one article after the other (the reference)."""
    index = StoryIndex(options)
    out = {doc.id: index.assign(doc) for doc in docs}
    # Splits and merges move earlier articles: apply them as a store would.
    out.update(index.export_changes().moves)
    return out


def _cluster_window(window: _Window, options: ClusterOptions) -> _Clustered:
    """One window alone, from the index state of everything before it (a worker's task)."""
    index = StoryIndex.restore(options, ClusterState(doc_count=window.before, df=window.df))
    story = {doc.id: index.assign(doc) for doc in window.docs}
    delta = index.export_changes()
    story.update(delta.moves)
    return _Clustered(story, delta.stories, delta.members)


def _join_window(
    earlier: _Clustered, window: _Window, replays: Sequence[ClusterDoc], opts: ClusterOptions
) -> _Joined:
    """A window's ``replays`` again, in an index of the stories before it (a worker's task)."""
    state = ClusterState(
        doc_count=window.before, df=window.df, stories=earlier.stories, members=earlier.members
    )
    index = StoryIndex.restore(opts, state)
    story = {doc.id: index.assign(doc) for doc in replays}
    moves = index.export_changes().moves
    for aid in story:
        story[aid] = moves.pop(aid, story[aid])
    return _Joined(story, moves)


class _Runner(Protocol):
    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]: ...

    def close(self) -> None: ...


class _Here:
    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
        return list(map(fn, *columns))

    def close(self) -> None:
        pass


class _Pool:
    def __init__(self, workers: int) -> None:
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
        return list(self._pool.map(fn, *columns))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise NewsprismError(
                "--dask needs Dask: pip install 'newsprism[dask]' (dask[distributed])"
            ) from None
        try:
            connect: Any = Client  # partly typed: its constructor is not
            self._client: Any = connect(address, timeout=30, set_as_default=False)
        except OSError as exc:
            raise NewsprismError(f"cannot reach the Dask scheduler at {address} ({exc})") from None

    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
        futures = self._client.map(fn, *columns, pure=False)
        done: list[T] = self._client.gather(futures)
        return done

    def close(self) -> None:
        self._client.close()


def _runner(options: PartitionOptions) -> _Runner:
    if options.dask:
        return _Dask(options.dask)
    if options.workers > 1:
        return _Pool(options.workers)
    return _Here()


# A story as the union-find knows it: (window, layer, story id), where layer 0
# is a window's story clustered alone (what later windows' joins see) and
# layer 1 one its join started. Sorted, the earliest window's comes first.
_Node = tuple[int, int, str]


class _Union:
    """Union-find over stories; a group's root is its earliest story."""

    def __init__(self) -> None:
        self.parent: dict[_Node, _Node] = {}

    def find(self, key: _Node) -> _Node:
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:  # path compression
            key, parent[key] = parent[key], root
        return root

    def union(self, a: _Node, b: _Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)
            self.parent[high] = low


def cluster_partitioned(
    docs: Sequence[ClusterDoc],
    options: PartitionOptions = PartitionOptions(),
    cluster: ClusterOptions = ClusterOptions(),
) -> dict[str, str]:
    """Each article's story id, clustered window by window in parallel and joined.

    See the module doc; ``options`` names the window, the replays and where
    the tasks run.
    """
    parts = windows(docs, options.window_days)
    if not parts:
        return {}
    runner = _runner(options)
    try:
        return _run(parts, options, cluster, runner)
    finally:
        runner.close()


def _run(
    parts: list[list[ClusterDoc]],
    options: PartitionOptions,
    cluster: ClusterOptions,
    runner: _Runner,
) -> dict[str, str]:
    n = len(parts)
    vocab = runner.map(_vocabulary, parts, [cluster] * n)
    seen: Counter[str] = Counter()
    prepared: list[_Window] = []
    before = 0
    for part, terms in zip(parts, vocab, strict=True):
        prepared.append(_Window(tuple(part), before, {t: seen[t] for t in terms if t in seen}))
        seen.update(terms)
        before += len(part)
    del vocab, seen
    alone = runner.map(_cluster_window, prepared, [cluster] * n)

    # Each window again, among the stories of the windows within the index's
    # date reach before it (as they came out alone).
    first_day = [_first_day(part) for part in parts]
    reach = cluster.window_days + options.window_days - 1
    jobs: list[int] = []
    earlier: list[_Clustered] = []
    names: list[dict[str, _Node]] = []
    for w in range(1, n):
        back = [v for v in range(w) if _within(first_day[v], first_day[w], reach)]
        if back:
            jobs.append(w)
            named = _earlier([(v, alone[v]) for v in back])
            earlier.append(named[0])
            names.append(named[1])
    replays = [_replays(parts[w], alone[w].story, options.replay) for w in jobs]
    joined = runner.map(
        _join_window, earlier, [prepared[w] for w in jobs], replays, [cluster] * len(jobs)
    )
    found = {w: (done, known) for w, done, known in zip(jobs, joined, names, strict=True)}
    return _assemble(parts, alone, found)


def _earlier(parts: Sequence[tuple[int, _Clustered]]) -> tuple[_Clustered, dict[str, _Node]]:
    """Earlier windows' stories as one index state, and what each of its stories is.

    Windows name their stories after their first article's id, cut short, so
    two windows may name two stories alike: the later one is renamed here.
    """
    stories: dict[str, str] = {}
    members: dict[str, str] = {}
    names: dict[str, _Node] = {}
    for v, part in parts:
        for sid, profile in part.stories.items():
            name = sid if sid not in names else f"{sid}~w{v}"
            names[name] = (v, 0, sid)
            stories[name] = profile
        members.update(part.members)
    return _Clustered({}, stories, members), names


def _assemble(
    parts: list[list[ClusterDoc]],
    alone: list[_Clustered],
    joined: Mapping[int, tuple[_Joined, dict[str, _Node]]],
) -> dict[str, str]:
    """Each article's story: its join's decision, groups chained across windows."""
    window_of = {doc.id: w for w, part in enumerate(parts) for doc in part}
    groups = _Union()
    node: dict[str, _Node] = {}
    for w, part in enumerate(parts):
        own = alone[w].story
        if w not in joined:
            node.update((doc.id, (w, 0, own[doc.id])) for doc in part)
            continue
        done, known = joined[w]
        votes: dict[str, Counter[_Node]] = defaultdict(Counter)
        for doc in part:
            target = done.story.get(doc.id)
            if target is None:  # not replayed: goes with its story
                node[doc.id] = (w, 0, own[doc.id])
                continue
            at = known.get(target, (w, 1, target))
            node[doc.id] = at
            votes[own[doc.id]][at] += 1
        # Later windows' joins name this window's stories as they came out
        # alone: each stands for the group most of its members joined.
        for sid, counts in votes.items():
            best = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            groups.union((w, 0, sid), best)
        # The join merged two earlier stories (one event told twice).
        for aid, target in done.moves.items():
            if target in known:
                v = window_of[aid]
                groups.union((v, 0, alone[v].story[aid]), known[target])
    out: dict[str, str] = {}
    named: dict[_Node, str] = {}
    taken: set[str] = set()
    for doc in (doc for part in parts for doc in part):
        root = groups.find(node[doc.id])
        name = named.get(root)
        if name is None:
            # Two windows may name different stories alike (ids are cut from
            # article ids): the later one gets its window number.
            name = root[2] if root[2] not in taken else f"{root[2]}-w{root[0]}"
            named[root] = name
            taken.add(name)
        out[doc.id] = name
    return out


def _first_day(part: Sequence[ClusterDoc]) -> int | None:
    days = [d.published.toordinal() for d in part if d.published is not None]
    return min(days) if days else None


def _within(a: int | None, b: int | None, days: int) -> bool:
    return a is None or b is None or abs(b - a) <= days


def _replays(
    part: Sequence[ClusterDoc], story: Mapping[str, str], k: int | None
) -> list[ClusterDoc]:
    """The first ``k`` members of each of a window's stories, in input order."""
    if k is None:
        return list(part)
    counts: Counter[str] = Counter()
    picked = []
    for doc in part:
        sid = story[doc.id]
        if counts[sid] < k:
            counts[sid] += 1
            picked.append(doc)
    return picked


def agreement(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` against ``gold``, over ``gold``'s keys.

    The measure of ``../shared/eval/score.py clusters``; here the gold is the
    one-process assignment. Counted from the table of (story, gold story)
    pairs: the ``c`` articles of one cell each share ``c`` with both sides.
    """
    if not gold:
        return 1.0, 1.0, 1.0
    cells = Counter((pred[key], story) for key, story in gold.items())
    sizes_pred: Counter[str] = Counter()
    sizes_gold: Counter[str] = Counter()
    for (p_sid, g_sid), c in cells.items():
        sizes_pred[p_sid] += c
        sizes_gold[g_sid] += c
    p = sum(c * c / sizes_pred[ps] for (ps, _), c in cells.items()) / len(gold)
    r = sum(c * c / sizes_gold[gs] for (_, gs), c in cells.items()) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
