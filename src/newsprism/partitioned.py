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
3. **Rounds of joins**, in parallel, one task a window: the window's
   articles are assigned again, in input order, in an index restored
   (:meth:`StoryIndex.restore`) from the rows the earlier windows' last
   passes left, folded in window order as a store would hold them. A window
   is passed again only when a window whose stories it reads gave other
   rows in the last round. Window 0 is final from the start, window 1 after
   the first round, and so on: the rounds stop at the fixed point, which is
   exactly the one-process run over the windows in order (its rows and its
   stories), or after ``rounds``. A story's articles then carry one story
   id across windows, and merges and splits move earlier articles as in one
   process: no union of window stories is needed.

A round passes only the windows whose input changed; how far a change
travels decides how many. Fixed point reached (``benchmarks/partitioned.py``,
7-day windows): AllSides dev (61% undated: an undated article may join any
story, so each window reads every earlier one) after 8 rounds, 119 passes
of 21 windows; synthetic 19,050 after 4 rounds, 208 passes of 62 windows
(about 3 times one process's CPU); 95,200 after 5 rounds, 250 passes. On
a cluster the wall time is about ``rounds + 1`` windows' worth, against all
windows' worth for one process.

The one-process run in window order differs from the run in input order
only where dates go against input order (AllSides dev: B-cubed 0.992
between the two): that is the mode's whole difference at the fixed point.

Everything is deterministic for a given input (results come back in
submission order).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from newsprism.errors import NewsprismError
from newsprism.index.stories import (
    ClusterDelta,
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
    # days then mostly fall in one or two windows, and a change in one
    # window travels through few others. A day of CC-NEWS is about 390k
    # articles: a week is 2.7M for one task, which the index's eviction of
    # cold stories keeps in bounded memory.
    window_days: int = 7
    # Most rounds of joins after the windows clustered alone (see the
    # module doc); they stop earlier at the fixed point, exactly the
    # one-process run in window order. Reached after 8 rounds on AllSides
    # dev, 4 on synthetic 19,050 and 5 on synthetic 95,200 (7-day windows,
    # benchmarks/partitioned.py); B-cubed against one process after 1, 2, 4
    # rounds: AllSides 0.918, 0.956, 0.986, synthetic 19,050 0.994, 0.996,
    # 0.996, 95,200 0.993, 0.994, 0.994 (windows alone: 0.826, 0.877,
    # 0.872). Precision first: a cap that leaves the run short of the fixed
    # point is said in PartitionedRun.exact.
    rounds: int = 10
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
    first_day: int | None  # of its dated articles (ordinals)
    last_day: int | None
    undated: bool  # it holds an undated article


@dataclass(frozen=True, slots=True)
class _Pass:
    """One window's articles assigned in an index restored from the windows before it."""

    story: dict[str, str]  # the window's article id -> its story (its own moves applied)
    moves: dict[str, str]  # earlier article id -> story, moved by a merge or split
    stories: dict[str, str]  # story id -> stored profile, as the pass left it
    members: dict[str, str]  # the window's article id -> stored member row


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


def _pass(
    window: _Window, stories: dict[str, str], members: Mapping[str, str], opts: ClusterOptions
) -> _Pass:
    """A window's articles, in input order, from the index state ``stories`` (a worker's task)."""
    state = ClusterState(doc_count=window.before, df=window.df, stories=stories, members=members)
    index = StoryIndex.restore(opts, state)
    story = {doc.id: index.assign(doc) for doc in window.docs}
    delta = index.export_changes()
    moves = dict(delta.moves)
    for aid in story:
        story[aid] = moves.pop(aid, story[aid])
    return _Pass(story, moves, delta.stories, delta.members)


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every pass of the rounds reads and no round changes: sent to each worker once.

    Sent with each task instead, the windows' articles and the member rows
    were 91% of the bytes pickled (6,000 synthetic articles, 70 passes: 132
    of 145 MB), which a cluster's network would carry on every round.
    """

    windows: tuple[_Window, ...]
    members: dict[str, str]


# The payload a worker process was started with (see _Pool.share).
_SHARED: list[_Shared] = []


def _set_shared(shared: _Shared) -> None:
    _SHARED[:] = [shared]


def _repass(w: int, stories: dict[str, str], opts: ClusterOptions, given: _Shared | None) -> _Pass:
    """:func:`_pass` of window ``w``, from the shared payload (a worker's task)."""
    shared = given if given is not None else _SHARED[0]
    return _pass(shared.windows[w], stories, shared.members, opts)


class _Runner(Protocol):
    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]: ...

    def share(self, payload: _Shared) -> Any:
        """Hand ``payload`` to every worker; what to pass :func:`_repass` as ``given``."""
        ...

    def close(self) -> None: ...


class _Here:
    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
        return list(map(fn, *columns))

    def share(self, payload: _Shared) -> Any:
        return payload

    def close(self) -> None:
        pass


class _Pool:
    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def map(self, fn: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
        return list(self._pool.map(fn, *columns))

    def share(self, payload: _Shared) -> Any:
        # New workers, each started with the payload (inherited, not
        # pickled, where processes fork).
        self._pool.shutdown(wait=True)
        self._pool = ProcessPoolExecutor(
            max_workers=self._workers, initializer=_set_shared, initargs=(payload,)
        )
        return None

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

    def share(self, payload: _Shared) -> Any:
        # Each worker holds a copy; a task given the future reads its own.
        return self._client.scatter(payload, broadcast=True)

    def close(self) -> None:
        self._client.close()


def _runner(options: PartitionOptions) -> _Runner:
    if options.dask:
        return _Dask(options.dask)
    if options.workers > 1:
        return _Pool(options.workers)
    return _Here()


def cluster_partitioned(
    docs: Sequence[ClusterDoc],
    options: PartitionOptions = PartitionOptions(),
    cluster: ClusterOptions = ClusterOptions(),
) -> dict[str, str]:
    """Each article's story id, clustered window by window in parallel and joined.

    See the module doc; ``options`` names the window, the rounds and where
    the tasks run.
    """
    return partitioned_run(docs, options, cluster).story


@dataclass(frozen=True, slots=True)
class PartitionedRun:
    """What :func:`partitioned_run` found, and how much work it took."""

    story: dict[str, str]  # article id -> story id
    # The index rows a store would hold after it (moves left out: applied
    # in ``story``), from which a later one-process run goes on.
    state: ClusterDelta
    windows: int
    rounds: int  # rounds of joins run (0: the windows alone were final)
    passes: int  # window passes run in all, the first (alone) included
    exact: bool  # the fixed point was reached: the one-process run in window order


# Told the stories after each round (0: the windows alone), for a benchmark.
RoundDone = Callable[[int, dict[str, str]], None]


def partitioned_run(
    docs: Sequence[ClusterDoc],
    options: PartitionOptions = PartitionOptions(),
    cluster: ClusterOptions = ClusterOptions(),
    on_round: RoundDone | None = None,
) -> PartitionedRun:
    """:func:`cluster_partitioned` with the run's figures."""
    parts = windows(docs, options.window_days)
    if not parts:
        return PartitionedRun({}, ClusterDelta(0, {}, {}, {}), 0, 0, 0, True)
    runner = _runner(options)
    try:
        return _run(parts, options, cluster, runner, on_round)
    finally:
        runner.close()


def _run(
    parts: list[list[ClusterDoc]],
    options: PartitionOptions,
    cluster: ClusterOptions,
    runner: _Runner,
    on_round: RoundDone | None = None,
) -> PartitionedRun:
    n = len(parts)
    vocab = runner.map(_vocabulary, parts, [cluster] * n)
    seen: Counter[str] = Counter()
    prepared: list[_Window] = []
    before = 0
    for part, terms in zip(parts, vocab, strict=True):
        days = [d.published.toordinal() for d in part if d.published is not None]
        prepared.append(
            _Window(
                tuple(part),
                before,
                {t: seen[t] for t in terms if t in seen},
                min(days) if days else None,
                max(days) if days else None,
                len(days) < len(part),
            )
        )
        seen.update(terms)
        before += len(part)
    del vocab
    reads = [_reads(w, prepared, cluster) for w in range(n)]
    empty: dict[str, str] = {}
    passes = runner.map(_pass, prepared, [empty] * n, [empty] * n, [cluster] * n)
    done = n
    if on_round is not None:
        on_round(0, _stories(passes))
    # Which windows' passes changed in the last round (all, after the
    # first): a window none of whose earlier windows' stories changed would
    # only repeat itself.
    changed = [True] * n
    rounds = 0
    given: Any = None
    while True:
        redo = [w for w in range(1, n) if any(changed[v] for v in reads[w])]
        if not redo or rounds == options.rounds:
            break
        if rounds == 0:
            # Member rows do not depend on the stories: all are known now.
            members = _state_before(passes, range(n), ())[1]
            given = runner.share(_Shared(tuple(prepared), members))
        rounds += 1
        again = runner.map(
            _repass,
            redo,
            [_state_before(passes, (), reads[w])[0] for w in redo],
            [cluster] * len(redo),
            [given] * len(redo),
        )
        done += len(redo)
        changed = [False] * n
        for w, one in zip(redo, again, strict=True):
            changed[w] = one != passes[w]
            passes[w] = one
        if on_round is not None:
            on_round(rounds, _stories(passes))
    stories, members = _state_before(passes, range(n), range(n))
    state = ClusterDelta(doc_count=before, df=dict(seen), stories=stories, members=members)
    return PartitionedRun(_stories(passes), state, n, rounds, done, not redo)


def _stories(passes: Sequence[_Pass]) -> dict[str, str]:
    out: dict[str, str] = {}
    for one in passes:
        out.update(one.story)
        # A merge or split moved earlier articles: applied as a store would.
        out.update(one.moves)
    return out


def _reads(w: int, prepared: Sequence[_Window], opts: ClusterOptions) -> list[int]:
    """The earlier windows whose story rows window ``w`` reads.

    Left out, as rows the index would not read: windows whose every article
    is past its reach in articles (``active_articles``) before ``w``; and
    windows past its reach in days (``window_days``) when neither side
    holds an undated article, as no article of ``w`` may join their
    stories. Without the second, each pass restored the whole archive's
    stories: on 20,000 synthetic articles a round took 30 s where one
    process takes 11 (10 s with it). A story kept may name members of any
    window before: member rows, which do not depend on the stories, are
    all read (see :class:`_Shared`).
    """
    here = prepared[w]
    horizon = here.before - opts.active_articles
    stories: list[int] = []
    for v in range(w):
        there = prepared[v]
        if there.before + len(there.docs) <= horizon:
            continue
        far = (
            here.first_day is not None
            and there.last_day is not None
            and here.first_day - there.last_day > opts.window_days
        )
        if not far or here.undated or there.undated:
            stories.append(v)
    return stories


def _state_before(
    passes: Sequence[_Pass], members: Iterable[int], stories: Iterable[int]
) -> tuple[dict[str, str], dict[str, str]]:
    """The index rows the passes of these windows left, as a store would hold them.

    A later pass's row of a story replaces an earlier one's.
    """
    story_rows: dict[str, str] = {}
    member_rows: dict[str, str] = {}
    for v in members:
        member_rows.update(passes[v].members)
    for v in stories:
        story_rows.update(passes[v].stories)
    return story_rows, member_rows


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
