"""The time-partitioned clustering: near one process, deterministic, the same on each engine."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from conftest import load_synth
from newsprism.errors import NewsprismError
from newsprism.index.stories import ClusterDoc, ClusterOptions, StoryIndex
from newsprism.partitioned import (
    PartitionOptions,
    agreement,
    cluster_one_process,
    cluster_partitioned,
    partitioned_run,
    windows,
)


def _synthetic(n: int, seed: int) -> list[ClusterDoc]:
    """Synthetic articles as the writer would cluster them (raw text; no copies)."""
    return [
        ClusterDoc(
            id=hashlib.sha256(r.source.encode()).hexdigest()[:32],
            title=r.title,
            text=r.content,
            published=r.published,
        )
        for r, truth in load_synth().generate_with_truth(n, seed=seed)
        if truth.copy_of is None
    ]


@pytest.fixture(scope="module")
def docs() -> list[ClusterDoc]:
    return _synthetic(300, seed=3)


@pytest.fixture(scope="module")
def mapping(docs: list[ClusterDoc]) -> dict[str, str]:
    return cluster_partitioned(docs)


def test_agrees_with_one_process(docs: list[ClusterDoc], mapping: dict[str, str]) -> None:
    # Measured on these 280 articles (7 windows of a week): P 0.983 R 0.994,
    # F1 0.988 (seed 5: 0.972 / 0.990 / 0.981), all of it the order of the
    # windows against input order (the next test). Each window alone
    # (rounds=0): recall 0.802 (seed 5: 0.837).
    p, r, f = agreement(mapping, cluster_one_process(docs))
    assert p >= 0.96
    assert r >= 0.97
    assert f >= 0.97
    assert set(mapping) == {d.id for d in docs}
    assert len(windows(docs, 7)) > 5  # the set is really cut, and joined


def test_the_fixed_point_is_one_process_over_the_windows_in_order(
    docs: list[ClusterDoc], mapping: dict[str, str]
) -> None:
    run = partitioned_run(docs)
    assert run.exact and run.story == mapping
    assert 1 <= run.rounds < run.windows  # a change travelled through few windows
    assert run.passes < run.windows * (run.rounds + 1)  # unchanged windows not passed again
    in_order = [d for w in windows(docs, 7) for d in w]
    assert mapping == cluster_one_process(in_order)
    # The rows it leaves are those one process leaves: a later run goes on alike.
    index = StoryIndex(ClusterOptions())
    for doc in in_order:
        index.assign(doc)
    delta = index.export_changes()
    assert (run.state.doc_count, run.state.df) == (delta.doc_count, delta.df)
    assert (run.state.stories, run.state.members) == (delta.stories, delta.members)


def test_windows_alone_or_a_round_short_say_they_are_not_exact(docs: list[ClusterDoc]) -> None:
    one = cluster_one_process(docs)
    alone = partitioned_run(docs, PartitionOptions(rounds=0))
    assert not alone.exact and alone.passes == alone.windows
    full = partitioned_run(docs)
    assert agreement(alone.story, one)[1] < agreement(full.story, one)[1] - 0.1


def test_joins_stories_across_days(docs: list[ClusterDoc], mapping: dict[str, str]) -> None:
    days = {d.id: d.published for d in docs}
    spans: dict[str, tuple[date, date]] = {}
    for aid, sid in mapping.items():
        day = days[aid]
        assert day is not None
        low, high = spans.get(sid, (day, day))
        spans[sid] = (min(low, day), max(high, day))
    # Some stories span two windows of a week: their parts were joined.
    bounds = [w[0].published for w in windows(docs, 7)]
    crossing = [
        sid
        for sid, (low, high) in spans.items()
        if any(b is not None and low < b <= high for b in bounds)
    ]
    assert crossing


def test_deterministic(docs: list[ClusterDoc], mapping: dict[str, str]) -> None:
    assert cluster_partitioned(list(docs)) == mapping


def test_worker_processes_give_the_same(docs: list[ClusterDoc], mapping: dict[str, str]) -> None:
    assert cluster_partitioned(docs, PartitionOptions(workers=2)) == mapping


def test_dask_gives_the_same(docs: list[ClusterDoc], mapping: dict[str, str]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        got = cluster_partitioned(docs, PartitionOptions(dask=cluster.scheduler_address))
    assert got == mapping


def _doc(n: int, day: date | None, text: str = "words") -> ClusterDoc:
    return ClusterDoc(id=f"{n:02d}" + "ab" * 15, title=None, text=text, published=day)


def test_undated_go_to_their_nearest_dated_neighbour() -> None:
    d1, d5 = date(2025, 3, 1), date(2025, 3, 5)
    docs = [_doc(0, None), _doc(1, d1), _doc(2, None), _doc(3, None), _doc(4, None), _doc(5, d5)]
    got = [[d.id[:2] for d in w] for w in windows(docs, 1)]
    # 2 is next to 1; 4 next to 5; 3 is as near to both: the earlier one.
    assert got == [["00", "01", "02", "03"], ["04", "05"]]
    assert [[d.id[:2] for d in w] for w in windows(docs, 7)] == [[f"{n:02d}" for n in range(6)]]


def test_undated_only_is_the_one_process_run() -> None:
    docs = [ClusterDoc(d.id, d.title, d.text, None) for d in _synthetic(60, seed=4)]
    assert len(windows(docs, 1)) == 1
    assert cluster_partitioned(docs, PartitionOptions(window_days=1)) == cluster_one_process(docs)


def test_windows_follow_dates() -> None:
    start = date(2025, 1, 1)
    docs = [_doc(n, start + timedelta(days=n % 10)) for n in range(20)]
    cut = windows(docs, 3)
    assert [len(w) for w in cut] == [6, 6, 6, 2]
    for w in cut:  # input order kept inside a window
        assert [d.id for d in w] == sorted(d.id for d in w)
    with pytest.raises(NewsprismError):
        windows(docs, 0)
    assert cluster_partitioned([]) == {}


def test_agreement_is_bcubed() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert agreement(gold, gold) == (1.0, 1.0, 1.0)
    p, r, _ = agreement({"a": "x", "b": "y", "c": "y"}, gold)
    # a alone (1), b with c (1/2 each), against {a,b} {c}.
    assert p == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert r == pytest.approx((0.5 + 0.5 + 1) / 3)
