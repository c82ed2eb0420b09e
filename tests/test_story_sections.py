"""Exclusive facts, summary and framing on an invented three-outlet story."""

from __future__ import annotations

from newsprism.exclusive import exclusive_section
from newsprism.framing import framing_section
from newsprism.models import Article
from newsprism.summary import summary_section

A = Article(
    id="a",
    source="a.txt",
    text=(
        "A freight train derailed near Oskerby on Tuesday, spilling caustic soda into ditches.\n"
        "About 300 residents were evacuated from homes near the Millbrook crossing overnight.\n"
        "The rail operator said the train was carrying 31 wagons to the port at Saltmere.\n"
        "“We are confident the spill is contained,” said fire commander Conrad Aubel.\n"
        "Militants were blamed by nobody, and the cause is still under investigation by police."
    ),
)
B = Article(
    id="b",
    source="b.txt",
    text=(
        "Some 300 residents were evacuated near the Millbrook crossing after the derailment.\n"
        "A freight train came off the tracks near Oskerby on Tuesday and spilled caustic soda.\n"
        "Local farmer Edda Voss said her cattle were moved to higher fields by the Lessen river.\n"
        "The regional water board tested the Lessen river every two hours from Wednesday."
    ),
)
C = Article(
    id="c",
    source="c.txt",
    text=(
        "A freight train derailed near Oskerby on Tuesday and caustic soda spilled into ditches.\n"
        "Around 300 residents were evacuated from their homes near the Millbrook crossing.\n"
        "Inspectors from the national rail authority arrived in Oskerby on Thursday morning.\n"
        "Gunmen were not suspected, a spokesman for the rail authority said on Thursday."
    ),
)


def test_exclusive_lists_single_source_facts_not_paraphrases() -> None:
    section = exclusive_section([A, B, C])
    texts = {(e["article"], e["text"]) for e in section}
    assert any(a == "b" and "Edda Voss" in t for a, t in texts)
    assert any(a == "c" and "Inspectors" in t for a, t in texts)
    # The derailment and the evacuation are told by all three in other words.
    assert not any("evacuated" in t or "derailed" in t for _, t in texts)
    # Quotations are not facts of the outlet's own.
    assert not any("confident" in t for _, t in texts)


def test_summary_is_consensus_first_and_cites_every_supporter() -> None:
    section = summary_section([A, B, C])
    assert 4 <= len(section) <= 8
    first = section[0]
    assert set(first["sources"]) == {"a", "b", "c"}
    assert not any("“" in s["text"] for s in section)
    # No fact twice.
    assert sum("evacuated" in s["text"] for s in section) == 1


def test_framing_shows_distinctive_names_for_the_same_thing() -> None:
    section = {f["article"]: f for f in framing_section([A, B, C])}
    # "militants" (a) against "gunmen" (c): a naming choice, even used once.
    assert any(t["term"] == "militants" for t in section["a"]["terms"])
    assert any(t["term"] == "gunmen" for t in section["c"]["terms"])
    # Twice in c, never elsewhere: distinctive by counts alone.
    assert any(t["term"] == "rail authority" for t in section["c"]["terms"])
    texts = {"a": A.text.lower(), "b": B.text.lower(), "c": C.text.lower()}
    for aid, f in section.items():
        assert all(t["term"].lower() in texts[aid] for t in f["terms"])
    assert all(t["score"] >= 0 for f in section.values() for t in f["terms"])


def test_one_article_has_nothing_to_contrast() -> None:
    assert exclusive_section([A]) == []
    assert framing_section([A]) == []


def test_exclusive_names_and_figures_no_one_else_has_are_always_listed() -> None:
    # Article d adds many sentences of its own; the one naming a mediator no
    # other outlet mentions ranks low on coverage but is a checkable fact.
    filler = [
        f"Residents of the valley described the long night {i} with worry and patience and care."
        for i in range(8)
    ]
    mediator = (
        "Talks on compensation continue near Oskerby, with Varnholt envoys serving as mediators."
    )
    d = Article(id="d", source="d.txt", text="\n".join([*filler, mediator, A.text.split("\n")[0]]))
    section = exclusive_section([A, B, C, d])
    mine = [e["text"] for e in section if e["article"] == "d"]
    assert mediator in mine
    assert len(mine) <= 12
    # "Oskerby" alone is not new: the others name the town too.
    assert not any("Oskerby" in t and "Varnholt" not in t for t in mine)
