"""Tests of online story clustering (newsprism.index.stories)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import random
import struct
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import StorageError
from newsprism.index import stories as cluster
from newsprism.index.stories import (
    FEATURES,
    ClusterDelta,
    ClusterDoc,
    ClusterOptions,
    ClusterState,
    StoryIndex,
    _join_probability,
    _Member,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "benchmarks" / "clustering" / "ecbplus.jsonl"

# Measured B-cubed F1 on ECB+ subtopic in file order: 0.911 (see
# benchmarks/cluster_ecbplus.py); a commit may raise this floor, not lower it.
ECBPLUS_FLOOR = 0.90

QUAKE = (
    "Magnitude 6.1 earthquake strikes Velmora province",
    "A magnitude 6.1 earthquake struck Velmora province on Tuesday, collapsing houses in "
    "the mountain town of Drisk. Rescue teams from Ostrava pulled survivors from rubble. "
    "Governor Anselm Kettering said 14 people died and 200 were injured in Drisk.",
)
QUAKE_REWORDED = (
    "Deadly 6.1 quake hits Drisk in Velmora",
    "Rescuers searched the rubble of Drisk after a 6.1 magnitude earthquake shook Velmora "
    "province. Governor Anselm Kettering put the toll at 14 dead, with some 200 injured, "
    "as teams from Ostrava arrived in the mountain town.",
)
ELECTION = (
    "Harlan Voss wins Tarrowby mayoral election",
    "Harlan Voss won the Tarrowby mayoral election with 58 percent of the vote, beating "
    "incumbent Mirela Oakes. Turnout in Tarrowby was the highest in two decades, the "
    "electoral board said, and Voss promised new bus lines and cheaper housing.",
)


def doc(n: int, title: str, text: str, published: date | None = None) -> ClusterDoc:
    return ClusterDoc(id=f"{n:08x}{n:08x}", title=title, text=text, published=published)


def filler(n: int, first: int = 10_000) -> list[ClusterDoc]:
    """Unrelated background articles, so document frequencies mean something."""
    rng = random.Random(n)
    words = [f"topic{i}" for i in range(400)]
    out = []
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(60))
        out.append(doc(first + i, f"Background {words[i]}", body))
    return out


def test_different_stories_separate_and_rewordings_join() -> None:
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    quake = index.assign(doc(1, *QUAKE))
    election = index.assign(doc(2, *ELECTION))
    again = index.assign(doc(3, *QUAKE_REWORDED))
    assert quake != election
    assert again == quake
    assert quake == "s-" + f"{1:08x}{1:08x}"[:12]


def test_time_window_keeps_similar_events_apart() -> None:
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    first = index.assign(doc(1, *QUAKE, published=date(2024, 3, 1)))
    later = index.assign(doc(2, *QUAKE_REWORDED, published=date(2024, 9, 1)))
    close = index.assign(doc(3, *QUAKE_REWORDED, published=date(2024, 3, 3)))
    assert later != first
    assert close == first


def _stream() -> list[ClusterDoc]:
    docs = filler(40)
    docs += [doc(1, *QUAKE), doc(2, *ELECTION), doc(3, *QUAKE_REWORDED)]
    docs += filler(20, first=20_000)  # article ids are unique, as in a store
    docs += [doc(4, *ELECTION), doc(5, *QUAKE)]
    random.Random(7).shuffle(docs)
    # Two similar events at the end, so that restoring must carry a split.
    return docs + _two_fights(10)


def _merge(state: ClusterState, delta: ClusterDelta) -> ClusterState:
    """What the storage layer does: upsert key -> value rows, through JSON."""
    delta = ClusterDelta(**json.loads(json.dumps(dataclasses.asdict(delta))))
    return ClusterState(
        doc_count=delta.doc_count,
        df={**state.df, **delta.df},
        stories={**state.stories, **delta.stories},
        members={**state.members, **delta.members},
    )


def _final(assigned: list[str], docs: list[ClusterDoc], moves: dict[str, str]) -> list[str]:
    """Each article's story after the splits' moves, as the store applies them."""
    return [moves.get(d.id, sid) for d, sid in zip(docs, assigned, strict=True)]


def _two_fights(n: int) -> list[ClusterDoc]:
    """Two title fights of one boxer, reported one after the other (n each).

    Their reports share the boxer, the sport and most words, as two sub-events
    of one topic do in ECB+; the opponent, the venue, the round, the year differ.
    """
    rng = random.Random(3)
    common = "Brannoch heavyweight title champion defended belts knockout fight crowd".split()
    events = [
        "Okafor Mannheim arena first round 2008 Saturday stoppage referee jab".split(),
        "Lindqvist Bern stadium sixth round 2012 unanimous corner towel uppercut".split(),
    ]
    out = []
    for e, words in enumerate(events):
        for i in range(n):
            body = [rng.choice(common) for _ in range(35)] + [rng.choice(words) for _ in range(10)]
            body += [f"word{rng.randrange(300)}" for _ in range(30)]
            rng.shuffle(body)
            out.append(doc(500 + 100 * e + i, f"Brannoch beats {words[0]}", " ".join(body)))
    return out


def test_a_story_holding_two_events_splits_and_moves_the_later_one() -> None:
    docs = filler(40) + _two_fights(10)
    # Joining alone would merge the two fights: splitting is what separates them.
    merged = StoryIndex(ClusterOptions(split_min_size=10**9))
    assigned = [merged.assign(d) for d in docs]
    assert len(set(assigned[40:])) == 1
    index = StoryIndex()
    assigned = [index.assign(d) for d in docs]
    delta = index.export_changes()
    final = _final(assigned, docs, delta.moves)
    first, second = final[40:50], final[50:60]
    assert len(set(first)) == 1 and len(set(second)) == 1
    assert first[0] != second[0]
    assert first[0] == "s-" + docs[40].id[:12]  # the older event keeps the story id
    assert second[0] in delta.moves.values()
    assert not any(d.id in delta.moves for d in docs[40:50])
    # Splitting again changes nothing: the halves are one event each.
    assert all(json.loads(delta.stories[s])["n"] == 10 for s in (first[0], second[0]))


def test_two_events_of_two_reports_each_are_split_at_four_members() -> None:
    # Stories of a few reports (AllSides holds 2 or 3 per event) are checked
    # from 4 members on: two such events put together come apart.
    election_reworded = (
        "Voss elected Tarrowby mayor",
        "Tarrowby voters elected Harlan Voss mayor with 58 percent, ousting Mirela Oakes. The "
        "electoral board reported the highest turnout in two decades; Voss pledged bus lines "
        "and cheaper housing.",
    )
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    story = index.assign(doc(1, *QUAKE))
    assert index.assign(doc(2, *QUAKE_REWORDED)) == story
    index.export_changes()
    # The decision hook puts both election reports in the quake's story.
    index.assign(doc(3, *ELECTION), choose=lambda described: story)
    index.assign(doc(4, *election_reworded), choose=lambda described: story)
    moves = index.export_changes().moves
    elections = {doc(3, *ELECTION).id, doc(4, *election_reworded).id}
    assert set(moves) == elections
    assert len(set(moves.values())) == 1 and story not in moves.values()


def test_one_event_is_not_split() -> None:
    docs = filler(40) + _two_fights(16)[:16]
    index = StoryIndex()
    assigned = [index.assign(d) for d in docs]
    assert len(set(_final(assigned, docs, index.export_changes().moves)[40:])) == 1


@pytest.mark.parametrize("options", [ClusterOptions(), ClusterOptions(active_articles=15)])
def test_restore_and_continue_equals_uninterrupted(options: ClusterOptions) -> None:
    docs = _stream()
    whole = StoryIndex(options)
    expected = [whole.assign(d) for d in docs]

    state = ClusterState()
    index = StoryIndex(options)
    got = []
    moves: dict[str, str] = {}
    for start in range(0, len(docs), 9):
        for d in docs[start : start + 9]:
            got.append(index.assign(d))
        delta = index.export_changes()
        moves.update(delta.moves)
        state = _merge(state, delta)
        index = StoryIndex.restore(options, state)
    assert got == expected
    assert _final(got, docs, moves) == _final(expected, docs, whole.export_changes().moves)
    assert index.export_changes().is_empty()


def _listed(raw: str) -> str:
    """A stored row rewritten as rows were written before terms were joined (lists)."""
    data = json.loads(raw)
    data["t"] = data["t"].split(" ")
    if "u" in data:  # a story profile
        packed = base64.b64decode(data["u"])
        data["u"] = list(struct.unpack(f"<{len(packed) // 8}q", packed))
    return json.dumps(data)


def _unpacked(raw: str) -> str:
    """A stored row rewritten as rows were written before weights were packed."""
    data = json.loads(_listed(raw))
    weights = struct.unpack(f"<{len(data['t'])}d", base64.b64decode(data.pop("w")))
    terms = data.pop("t")
    if "u" in data:  # a story profile: term -> [weight, touched]
        data["c"] = {t: [w, u] for t, w, u in zip(terms, weights, data.pop("u"), strict=True)}
    else:  # a member row: term -> weight
        data["v"] = dict(zip(terms, weights, strict=True))
    return json.dumps(data)


@pytest.mark.parametrize(("rewrite", "mark"), [(_unpacked, '"c":'), (_listed, '"u": [')])
def test_rows_written_in_earlier_formats_restore_the_same(
    rewrite: Callable[[str], str], mark: str
) -> None:
    docs = _stream()
    whole = StoryIndex()
    expected = [whole.assign(d) for d in docs]
    half = len(docs) - 12  # the split of the two fights comes after the restore
    index = StoryIndex()
    got = [index.assign(d) for d in docs[:half]]
    state = _merge(ClusterState(), index.export_changes())
    old = ClusterState(
        doc_count=state.doc_count,
        df=state.df,
        stories={k: rewrite(v) for k, v in state.stories.items()},
        members={k: rewrite(v) for k, v in state.members.items()},
    )
    assert all(mark in v for v in old.stories.values())
    index = StoryIndex.restore(ClusterOptions(), old)
    got += [index.assign(d) for d in docs[half:]]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=12),
        st.floats(allow_nan=False, allow_infinity=False),
        max_size=30,
    ),
    st.one_of(st.none(), st.integers(min_value=1, max_value=800_000)),
)
def test_member_rows_round_trip_every_weight_exactly(
    vec: dict[str, float], day: int | None
) -> None:
    back = _Member.from_json("a1", _Member("a1", day, vec).to_json())
    assert back.day == day
    assert list(back.vec) == list(vec)
    assert [struct.pack("<d", w) for w in back.vec.values()] == [
        struct.pack("<d", w) for w in vec.values()
    ]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ('{"d":null,"t":["flood"],"w":"AAAAAAAA4D8AAAAAAADQPw=="}', "1 terms but 2 weights"),
        ('{"d":null,"t":["flood"],"w":"AAAA"}', "length"),
        ('{"d":null,"t":["flood"],"w":"not base64!"}', "bad packed values"),
    ],
)
def test_an_unreadable_member_row_names_the_article(row: str, why: str) -> None:
    with pytest.raises(StorageError, match=f"article a1 .*{why}"):
        _Member.from_json("a1", row)


class _CountingRows(dict[str, str]):
    """Member rows that record which keys a restored index asks for."""

    def __init__(self, rows: dict[str, str]) -> None:
        super().__init__(rows)
        self.asked: list[str] = []

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        self.asked.extend(keys)
        return {k: self[k] for k in keys if k in self}


def test_restore_reads_member_rows_only_when_a_story_is_compared() -> None:
    docs = _two_fights(8)[:8]  # one fight: one story
    index = StoryIndex()
    sids = {index.assign(d) for d in docs[:6]}
    assert len(sids) == 1
    delta = index.export_changes()
    state = _merge(ClusterState(), delta)
    rows = _CountingRows(dict(state.members))
    index = StoryIndex.restore(ClusterOptions(), dataclasses.replace(state, members=rows))
    assert rows.asked == []  # restoring parses no member row
    # A newcomer is compared with the story's members: their rows are read
    # then, once.
    assert index.assign(docs[6]) in sids
    assert rows.asked == [d.id for d in docs[:6]]
    assert index.assign(docs[7]) in sids
    assert rows.asked == [d.id for d in docs[:6]]

    # A row that went missing is reported when it is needed, naming it.
    gone = {k: v for k, v in state.members.items() if k != docs[2].id}
    index = StoryIndex.restore(ClusterOptions(), dataclasses.replace(state, members=gone))
    with pytest.raises(StorageError, match=docs[2].id):
        index.assign(docs[6])


def test_deterministic_for_a_given_order() -> None:
    docs = _stream()
    first = [StoryIndex().assign(d) for d in docs[:1]]
    a = StoryIndex()
    b = StoryIndex()
    assert [a.assign(d) for d in docs] == [b.assign(d) for d in docs]
    assert first[0] == "s-" + docs[0].id[:12]


@pytest.mark.skipif(not GOLD.exists(), reason="../shared benchmarks are absent")
def test_ecbplus_subtopic_score_gate() -> None:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    index = StoryIndex()
    pred = {
        r["id"]: index.assign(ClusterDoc(r["id"], r["title"] or None, r["text"], None))
        for r in records
    }
    pred.update(index.export_changes().moves)
    f = _bcubed(pred, {r["id"]: r["subtopic"] for r in records})[2]
    assert f >= ECBPLUS_FLOOR


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([0.5, 1.0, 1.0, 2.25, 3.0, 1e-9, 7.5]), max_size=40),
    st.integers(0, 45),
)
def test_heaviest_terms_are_the_first_of_a_stable_sort(values: list[float], k: int) -> None:
    terms = [f"t{i}" for i in range(len(values))]
    expected = sorted(zip(terms, values, strict=True), key=lambda p: p[1], reverse=True)[:k]
    assert cluster._heaviest(terms, values, k) == expected


def test_one_event_in_two_stories_is_absorbed_by_the_older() -> None:
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    first = index.assign(doc(1, *QUAKE))
    # The second report starts a story of its own (as an early report that
    # did not join would), forced here by the decision hook.
    second = index.assign(doc(2, *QUAKE_REWORDED), choose=lambda described: None)
    assert second != first
    state = _merge(ClusterState(), index.export_changes())
    # A third report matches both: it joins one, and the older absorbs the other.
    third = index.assign(doc(3, QUAKE[0], QUAKE[1] + " " + QUAKE_REWORDED[1]))
    delta = index.export_changes()
    assert third == first
    assert delta.moves.get(doc(2, *QUAKE_REWORDED).id) == first
    # The emptied story is never a candidate again, in this index or in one
    # restored from what was persisted.
    later = [doc(4, *QUAKE_REWORDED), doc(5, *ELECTION)]
    restored = StoryIndex.restore(ClusterOptions(), _merge(state, delta))
    assert [index.assign(d) for d in later] == [restored.assign(d) for d in later]
    assert index.assign(doc(6, *QUAKE)) == first


def test_member_rows_keep_their_weekdays() -> None:
    member = _Member("a1", None, {"quake": 0.5}, frozenset(), 0b10010)
    assert _Member.from_json("a1", member.to_json()).weekdays == 0b10010
    # Rows written before weekdays were kept read as naming none.
    assert _Member.from_json("a1", '{"d":null,"t":"quake","w":"AAAAAAAA4D8="}').weekdays == 0


def test_a_report_naming_another_weekday_is_less_likely_the_same_event() -> None:
    apart = FEATURES.index("weekday_apart")
    seen: dict[str, tuple[float, float]] = {}
    for weekday in ("Tuesday", "Friday"):
        index = StoryIndex()
        for d in filler(30):
            index.assign(d)
        story = index.assign(doc(1, *QUAKE))  # the first report names Tuesday
        title, text = QUAKE_REWORDED
        described: list[tuple[str, list[float]]] = []

        def look(found: list[tuple[str, list[float]]], into: list[Any] = described) -> None:
            into.extend(found)

        index.assign(doc(2, title, f"{text} Aftershocks followed on {weekday}."), choose=look)
        features = dict(described)[story]
        seen[weekday] = (features[apart], _join_probability(features, index.options))
    assert seen["Tuesday"][0] == 0.0 and seen["Friday"][0] == 1.0
    assert seen["Friday"][1] < seen["Tuesday"][1]


def test_reports_without_titles_join_and_say_so() -> None:
    untitled = FEATURES.index("untitled")
    index = StoryIndex()
    for d in filler(30):
        index.assign(d)
    story = index.assign(doc(1, "", QUAKE[1]))
    described: list[tuple[str, list[float]]] = []

    def look(found: list[tuple[str, list[float]]]) -> None:
        described.extend(found)

    index.assign(doc(2, "", QUAKE_REWORDED[1]), choose=look)
    assert dict(described)[story][untitled] == 1.0
    assert index.assign(doc(3, "", QUAKE_REWORDED[1] + " Aid arrived.")) == story
    assert index.assign(doc(4, "", ELECTION[1])) != story
    described.clear()
    titled = index.assign(doc(5, *ELECTION))
    index.assign(doc(6, "Voss sworn in", ELECTION[1]), choose=look)
    assert dict(described)[titled][untitled] == 0.0


def test_a_pair_missing_a_headline_is_decided_by_the_untitled_model() -> None:
    # The untitled model made to refuse everything: reports without titles
    # no longer join, titled ones still do.
    never = ClusterOptions(untitled_intercept=-100.0)
    index = StoryIndex(never)
    for d in filler(30):
        index.assign(d)
    bare = index.assign(doc(1, "", QUAKE[1]))
    assert index.assign(doc(2, "", QUAKE_REWORDED[1])) != bare
    titled = index.assign(doc(3, *ELECTION))
    assert index.assign(doc(4, ELECTION[0], ELECTION[1] + " Voss thanked voters.")) == titled


def test_member_rows_keep_their_title_terms() -> None:
    member = _Member("a1", 7, {"quake": 0.5}, frozenset({"quake", "drisk"}))
    back = _Member.from_json("a1", member.to_json())
    assert back.title == member.title
    untitled = _Member.from_json("a1", _Member("a1", None, {"quake": 0.5}).to_json())
    assert untitled.title == frozenset()


def _bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        by_pred[pred[key]].add(key)
        by_gold[gold[key]].add(key)
    p = r = 0.0
    for key in gold:
        mine, theirs = by_pred[pred[key]], by_gold[gold[key]]
        p += len(mine & theirs) / len(mine)
        r += len(mine & theirs) / len(theirs)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


ALLSIDES = SHARED / "benchmarks" / "stories" / "allsides-2021-dev.jsonl"


@pytest.mark.skipif(not ALLSIDES.exists(), reason="../shared benchmarks are absent")
def test_allsides_test_half_separates_events_of_one_topic() -> None:
    """The learned decision on stories it was not fitted on (the test half by
    story-label hash, see benchmarks/cluster_allsides.py): measured P 0.857
    R 0.806 F1 0.831 in file order (P 0.839 R 0.806 F1 0.822 with the first
    split check at 8 members, P 0.810 R 0.784 F1 0.797 before the weekday
    feature; before the learned decision, P 0.62 R 0.80 F1 0.70)."""
    records = [json.loads(line) for line in ALLSIDES.read_text(encoding="utf-8").splitlines()]
    test = [r for r in records if hashlib.sha256(r["story"].encode("utf-8")).digest()[0] % 2 == 1]
    index = StoryIndex()
    pred = {}
    for r in test:
        day = date.fromisoformat(r["published"]) if r["published"] else None
        pred[r["id"]] = index.assign(ClusterDoc(r["id"], r["title"], r["text"], day))
    pred.update(index.export_changes().moves)
    p, _, f = _bcubed(pred, {r["id"]: r["story"] for r in test})
    assert p >= 0.85 and f >= 0.82


def test_options_and_documents_survive_pickling() -> None:
    # Worker processes and Dask receive them pickled; compiled with mypyc, a
    # frozen dataclass without __reduce__ could not be rebuilt (pickle assigns
    # its fields one by one). The regular install runs this compiled.
    import pickle
    from datetime import date

    options = ClusterOptions(join_probability=0.45)
    doc = ClusterDoc("a1", "Title", "Some text.", date(2026, 3, 10))
    assert pickle.loads(pickle.dumps(options)) == options
    assert pickle.loads(pickle.dumps(doc)) == doc
