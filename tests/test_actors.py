"""How each article names the story's main actors (newsprism.analysis.actors, framing)."""

from __future__ import annotations

from newsprism.analysis.actors import Naming, actor_namings, is_distinctive
from newsprism.analysis.framing import framing_section
from newsprism.models import Article

A = Article(
    id="a",
    source="a.txt",
    text=(
        "Mayor Idris Calloway said the Tolland bridge would close for a month.\n"
        "Calloway blamed the spring floods. Council leader Petra Vance agreed with him."
    ),
)
B = Article(
    id="b",
    source="b.txt",
    text=(
        "The Tolland bridge will close, Mayor Idris Calloway announced on Monday.\n"
        "But Mr. Calloway's plan was criticised by Petra Vance of the council."
    ),
)
C = Article(
    id="c",
    source="c.txt",
    text=(
        "As the river rose, Governor-in-waiting Idris Calloway closed the Tolland bridge.\n"
        "Strongman Idris Calloway ignored Petra Vance, the council leader."
    ),
)


def _by_actor(aid: str) -> dict[str, Naming]:
    return {n.actor: n for n in actor_namings([A, B, C])[aid]}


def test_main_actors_are_people_named_in_full_and_named_differently() -> None:
    names = actor_namings([A, B, C])
    # Petra Vance is named alike by all three: nothing to compare.
    assert {n.actor for ns in names.values() for n in ns} == {"Idris Calloway"}
    # Sentence openers and places after "of" are not part of a name.
    a = _by_actor("a")["Idris Calloway"]
    assert a.forms[0] == "Mayor Idris Calloway" and "Calloway" in a.forms


def test_a_title_no_other_outlet_uses_is_distinctive() -> None:
    a = _by_actor("a")["Idris Calloway"]
    b = _by_actor("b")["Idris Calloway"]
    assert a.role == "Mayor" and not is_distinctive(a)
    assert b.role == "Mayor" and "Mr. Calloway" in b.forms
    section = {f["article"]: f for f in framing_section([A, B, C])}
    c_names = {n["actor"]: n for n in section["c"]["names_actors"]}
    # An epithet before the full name counts as the outlet's title for him.
    assert c_names["Idris Calloway"]["role"] == "Governor-in-waiting"
    assert c_names["Idris Calloway"]["distinctive"]
    # Every entry says how the outlet names the actors; only c's choice is a term.
    assert all(f["names_actors"] for f in section.values())
    assert not any(t["kind"] == "actor" for t in section["a"]["terms"])
    assert any(
        t["kind"] == "actor" and t["term"] == "Governor-in-waiting Idris Calloway"
        for t in section["c"]["terms"]
    )
