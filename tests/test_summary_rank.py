"""What the summary's rank reads: the outlets' shared wording, names, dates and figures."""

from __future__ import annotations

from newsprism.analysis.summary import (
    COVERAGE,
    WEIGHTS,
    Features,
    candidates,
    choose,
    summary_section,
)
from newsprism.models import Article


def _art(aid: str, *paragraphs: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="\n".join(paragraphs))


def _features(articles: list[Article], start: str) -> Features:
    _, found = candidates(articles)
    (hit,) = [c for c in found if c.text.startswith(start)]
    return hit.features


def test_features_read_the_other_outlets_wording_names_days_and_figures() -> None:
    a = _art(
        "a",
        "Prime Minister Edda Morrow signed the truce with the Valley Front on Friday evening.",
        "Talks had been slow and difficult for everyone involved in them over many weeks.",
    )
    b = _art("b", "Edda Morrow signed the truce with the Valley Front after 40 days of talks.")
    signed = _features([a, b], "Prime Minister")
    slow = _features([a, b], "Talks had")
    # Most of its words and word pairs stand in the other article; none of the other's.
    assert signed.words > 0.5 and signed.pairs > 0.4
    assert slow.words < signed.words and slow.pairs == 0.0
    # "Minister", "Edda", "Morrow", "Valley", "Front", "Friday" inside the sentence.
    assert signed.names == 6 / 14
    assert slow.names == 0.0  # its first word is no name
    assert (signed.weekday, slow.weekday) == (1.0, 0.0)
    assert _features([b, a], "Edda Morrow").figure == 1.0
    assert signed.figure == 0.0


def test_the_sentence_telling_what_the_others_tell_ranks_above_the_opener() -> None:
    # Article a opens with a line of its own; its second sentence is the event
    # the other outlets tell: the learned rank puts that one higher, where the
    # hand-set one put the opener (first place weighed most).
    a = _art(
        "a",
        "Residents of the northern towns woke early to long queues outside the bakeries.",
        "Prime Minister Edda Morrow signed a truce with the Valley Front rebels on Friday.",
    )
    b = _art("b", "Edda Morrow signed a truce with the Valley Front rebels late on Friday.")
    c = _art("c", "The Valley Front rebels and Edda Morrow signed a truce on Friday night.")
    _, found = candidates([a, b, c])
    rank = {c.text.split()[0]: c.features.score(WEIGHTS) for c in found if c.index < 2}
    assert rank["Prime"] > rank["Residents"]
    texts = [s["text"] for s in summary_section([a, b, c])]
    assert "Residents" not in texts[0] and "truce" in texts[0]


def test_what_the_chosen_already_tell_weighs_against_a_retelling() -> None:
    # b's lede retells a's (the same told pairs: "Edda Morrow", "Valley
    # Front", "truce with") in words of its own, too many to be skipped as a
    # repeat; the aid convoys are news. Ranked by position alone, the retelling
    # comes second; with what the lede already tells weighed, the convoys do.
    a = _art(
        "a",
        "Prime Minister Edda Morrow signed a truce with the Valley Front rebels on Friday in the"
        " capital.",
        "Aid convoys from the Red Cross will reach the northern valley towns on Sunday morning.",
    )
    b = _art(
        "b",
        "The Valley Front rebels agreed to the truce with Edda Morrow after weeks of talks"
        " mediated by Qatar and Norway in a hotel near the border.",
        "Red Cross aid convoys are expected to reach the northern valley towns by Sunday.",
    )
    sentences, found = candidates([a, b])
    pool = [c for c in found if not c.leans]
    by_place = Features(lead=1.0, title=0, names=0, words=0, pairs=0, weekday=0, figure=0)

    def firsts(coverage: float) -> list[str]:
        taken = choose(sentences, pool, {"a": 0, "b": 1}, by_place, coverage)
        return [sentences[i].text.split()[0] for i in taken]

    assert firsts(0.0)[:2] == ["Prime", "The"]
    assert firsts(COVERAGE)[:2] == ["Prime", "Aid"]
    # "Red Cross aid convoys ..." repeats the convoys' sentence: never taken.
    assert "Red" not in firsts(COVERAGE)


def test_the_sentence_telling_the_headline_is_never_left_out() -> None:
    # Nine sentences outrank the one that tells the headline's event (a
    # weighting by place alone, and it comes last); it still goes in, first.
    filler = [
        "Bakeries in the old market opened early for queues of hungry families.",
        "Schools across the eastern hills stayed shut for a third week running.",
        "Farmers near the river counted cattle lost during the long winter floods.",
        "Taxi drivers blocked the coastal highway to protest at fuel prices again.",
        "Hospital staff in the southern province asked for more blankets and medicine.",
        "Fishing boats returned to harbour after storms damaged several piers nearby.",
        "Students painted murals on the walls of the burned cinema downtown yesterday.",
        "Railway workers repaired a bridge that floodwater had weakened last spring.",
        "Church volunteers handed out soup and bread to pensioners outside the hall.",
    ]
    event = "Prime Minister Edda Morrow signed a truce with the Valley Front rebels on Friday."
    a = Article(
        id="a",
        source="a.txt",
        title="Edda Morrow signs truce with Valley Front rebels",
        text="\n".join([*filler, event]),
    )
    sentences, found = candidates([a])
    pool = [c for c in found if not c.leans]
    by_place = Features(lead=1.0, title=0, names=0, words=0, pairs=0, weekday=0, figure=0)
    taken = choose(sentences, pool, {"a": 0}, by_place, 0.0)
    assert len(pool) > len(taken)
    assert sentences[taken[0]].text == event


def test_two_sentences_pointing_back_that_say_the_same_are_shown_once() -> None:
    # Each lede is taken; each is followed by the same quotation, told "she said"
    # (it points back to the lede that names her).
    a = _art(
        "a",
        "Prosecutor Dana Whitfield opened a criminal inquiry into Harbor Shipping on Tuesday.",
        "“We have told the company that our inquiry is no longer purely civil in nature,” "
        "she said.",
    )
    b = _art(
        "b",
        "State investigators widened their examination of the freight firm to possible crimes, "
        "officials confirmed.",
        "“We have told the company that our inquiry is no longer purely civil in nature,” "
        "she said in a statement.",
    )
    shown = [e["text"] for e in summary_section([a, b])]
    assert any(t.startswith("Prosecutor Dana Whitfield") for t in shown)
    assert any(t.startswith("State investigators") for t in shown)
    assert sum("no longer purely civil" in t for t in shown) == 1
