"""Exclusive facts, summary and framing on an invented three-outlet story."""

from __future__ import annotations

from newsprism.analysis.exclusive import exclusive_section
from newsprism.analysis.framing import framing_section
from newsprism.analysis.summary import summary_section
from newsprism.models import Article

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


def _art(aid: str, *paragraphs: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="\n".join(paragraphs))


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
    # A quotation only inside the sentence that names its speaker.
    quoted = [s["text"] for s in section if "“" in s["text"]]
    assert all("Conrad Aubel" in t for t in quoted)
    # No fact twice.
    assert sum("evacuated" in s["text"] for s in section) == 1


def test_framing_shows_distinctive_names_for_the_same_thing() -> None:
    section = {f["article"]: f for f in framing_section([A, B, C])}
    # "militants" (a) against "gunmen" (c): a naming choice, even used once.
    assert any(t["term"] == "militants" for t in section["a"]["terms"])
    assert any(t["term"] == "gunmen" for t in section["c"]["terms"])
    # Twice in a short article is not evidence enough among its many words:
    # a word shown by counts alone must pass a false-discovery control.
    assert not any(t["kind"] == "word" for f in section.values() for t in f["terms"])
    texts = {"a": A.text.lower(), "b": B.text.lower(), "c": C.text.lower()}
    for aid, f in section.items():
        assert all(t["term"].lower() in texts[aid] for t in f["terms"])
    assert all(t["score"] >= 0 for f in section.values() for t in f["terms"])


def test_framing_shows_a_word_one_outlet_keeps_using() -> None:
    d = _art(
        "d",
        *[f"Looters broke into shop {i} near the crossing, and looters fled." for i in range(5)],
    )
    section = {f["article"]: f for f in framing_section([A, B, C, d])}
    words = [t["term"] for t in section["d"]["terms"] if t["kind"] == "word"]
    assert "looters" in words
    assert not any(t["kind"] == "word" for aid in "abc" for t in section[aid]["terms"])


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


# A wire lede with its own figure for an evacuation the others tell with 300,
# a credit line, a correction notice and a helpline: none is one outlet's fact.
W = Article(
    id="w",
    source="w.txt",
    text=(
        "OSKERBY, March 10 (Meridian News Wire) – Near the Millbrook crossing 280 residents "
        "were evacuated from homes after a freight train derailed and spilled caustic soda.\n"
        "Caustic soda from the derailed freight train forced 280 residents out of homes by the "
        "Millbrook crossing in Oskerby, polluting ditches overnight.\n"
        "Inspector Samuel Achterberg said his team would examine the wheelsets of 22 wagons.\n"
        "They have asked anyone with dashcam footage to write to the inquiry at Varnholt Hall.\n"
        "Residents can call the council's helpline on 0300 555 0192 for news of their homes.\n"
        "This article was amended on 12 March 2026 to correct the number of homes evacuated.\n"
        "(Reporting by Tomasz Ilyin; editing by Ruth Cavendale)"
    ),
)


def test_exclusive_leaves_out_retold_facts_credits_notices_and_contact_lines() -> None:
    texts = [e["text"] for e in exclusive_section([A, B, C, W]) if e["article"] == "w"]
    assert any("Achterberg" in t for t in texts)
    # The evacuation, told by a, b and c with 300 in other words: not
    # single-source for its 280.
    assert not any("forced 280" in t for t in texts)
    for line in ("Reporting by", "amended", "helpline"):
        assert not any(line in t for t in texts)
    # "They have asked ..." is shown right after the sentence it points back
    # to, which is single-source too: its own item, so no context is needed.
    items = [e for e in exclusive_section([A, B, C, W]) if e["article"] == "w"]
    at = next(i for i, e in enumerate(items) if "They have asked" in e["text"])
    assert at > 0 and items[at - 1]["text"].startswith("Inspector Samuel Achterberg")
    assert "context" not in items[at]
    assert sum("Achterberg" in t for t in texts) == 1


def test_a_sentence_leaning_on_a_retold_one_shows_it_as_context_only() -> None:
    # The evacuation is everyone's; what "Still, ..." adds is this outlet's.
    still = "Still, the Varnholt council expects 120 of them home again by the weekend."
    d = _art("d", A.text.split("\n")[0], B.text.split("\n")[0] + " " + still)
    [item] = [e for e in exclusive_section([A, B, C, d]) if e["article"] == "d"]
    assert item["text"] == still
    assert item["context"] == B.text.split("\n")[0]


def test_exclusive_leaves_out_a_quotation_another_outlet_carries() -> None:
    said = "Speaking beside the Varnholt road bridge late that evening, the commander said"
    d = Article(
        id="d",
        source="d.txt",
        text=f"{A.text}\n{said} “the spill is contained, and the river is safe”.",
    )
    e = Article(
        id="e",
        source="e.txt",
        text=f"{B.text}\nAubel told Lessen Radio: “The spill is contained, and the river is safe.”",
    )
    f = Article(
        id="f",
        source="f.txt",
        text=f"{B.text}\nAubel told Lessen Radio that all was well at the crossing.",
    )
    assert any("Varnholt" in x["text"] for x in exclusive_section([d, f]))
    assert not any("Varnholt" in x["text"] for x in exclusive_section([d, e]))


def test_summary_sentences_stand_alone_and_cite_only_articles_that_carry_them() -> None:
    d = _art(
        "d",
        "A freight train derailed near Oskerby on Tuesday and caustic soda spilled into "
        "ditches beside the line.",
        "Such spills are rare on the line, and these calls for new rules have grown louder.",
        "About 280 residents were evacuated from their homes near the Millbrook crossing.",
    )
    section = summary_section([A, B, C, d])
    assert section
    texts = [s["text"] for s in section]
    for n, s in enumerate(section):
        assert len(set(s["sources"])) == len(s["sources"])
        if s["text"].startswith(("Such", "These", "Also", "They", "He ", "She ")):
            # Pointing back: shown only right after the sentence it points to.
            assert n and texts[n - 1].startswith("A freight train derailed near Oskerby")
    # d counts 280 evacuated, the others 300: neither is cited for the other's figure.
    evacuated = [s for s in section if "evacuated" in s["text"]]
    assert evacuated
    for s in evacuated:
        assert ("d" in s["sources"]) == ("280" in s["text"])


def test_summary_spells_a_name_the_way_most_of_the_story_does() -> None:
    lede = "Secretary of State Antony Blinken arrived in Tel Aviv on Friday for talks on pauses."
    arts = [
        Article(id="a", source="a.txt", text=f"{lede} Officials said talks would last all day."),
        Article(id="b", source="b.txt", text=f"{lede} Aid groups said trucks would reach Gaza."),
        Article(
            id="c",
            source="c.txt",
            text=(
                "Anthony Blinken later met aid agencies in Amman to discuss fuel deliveries "
                "to the hospitals of the territory."
            ),
        ),
    ]
    texts = [s["text"] for s in summary_section(arts)]
    assert any("met aid agencies in Amman" in t for t in texts)
    assert not any("Anthony" in t for t in texts)


def test_summary_does_not_cite_a_preview_for_what_then_happened() -> None:
    done = "Antony Blinken arrived in Tel Aviv on Friday for talks with the war cabinet on pauses."
    ahead = (
        "Antony Blinken will arrive in Tel Aviv on Friday for talks with the war cabinet on pauses."
    )
    arts = [
        Article(id="p", source="p.txt", text=f"{ahead}\nAid groups want fuel let in."),
        Article(id="a", source="a.txt", text=f"{done}\nTrucks crossed at Rafah on Saturday."),
        Article(id="b", source="b.txt", text=f"{done}\nThe talks lasted seven hours in all."),
    ]
    section = summary_section(arts)
    arrived = [s for s in section if "arrived in Tel Aviv" in s["text"]]
    assert arrived
    assert "p" not in arrived[0]["sources"]
    assert {"a", "b"} <= set(arrived[0]["sources"])


def test_summary_quotes_only_with_a_named_speaker_in_the_sentence() -> None:
    from newsprism.analysis.summary import _attributed

    assert _attributed("“We will rebuild the crossing,” Norvale Freight said on Friday.") == "named"
    assert (
        _attributed("Mayor Helena Drayvoss said the town had “woken up to a nightmare”.") == "named"
    )
    # Shown only right after the sentence that names "he".
    assert _attributed("“We will rebuild the crossing,” he said on Friday.") == "pronoun"
    assert _attributed("The town has “woken up to a nightmare”.") is None
    # Opens a quotation that goes on in the next sentence.
    assert _attributed("Drayvoss said: “We will rebuild. And we will") is None


def test_exclusive_leaves_out_a_count_another_outlet_gives_with_its_own_figure() -> None:
    g = _art(
        "g",
        "Talks on a pause in the fighting went on in Doha on Friday, officials said.",
        "Health officials in Gaza have said more than 9,227 people have been killed under "
        "constant bombardment since the war began.",
        "Separately, 132 Palestinians have been killed by settlers and troops in the "
        "occupied West Bank, Ramallah officials said.",
    )
    h = _art(
        "h",
        "Envoys met in Doha on Friday for talks on a pause in the fighting, officials said.",
        "The death toll in Gaza has passed 9,200 people killed, the territory's authorities "
        "say, as shelling continued overnight.",
    )
    texts = [e["text"] for e in exclusive_section([g, h]) if e["article"] == "g"]
    assert any("132 Palestinians" in t for t in texts)
    assert not any("9,227" in t for t in texts)


def test_exclusive_leaves_out_a_sentence_whose_figures_another_outlet_states() -> None:
    p = _art(
        "p",
        "Monthly child payments begin in July under the relief law, officials said on Monday.",
        "Nearly 88% of children are set to receive the benefits without any action by parents.",
    )
    q = _art(
        "q",
        "Monthly payments to parents start in July under the relief law, officials said.",
        "The credit will reach households with 88% of children in the country.",
    )
    texts = [e["text"] for e in exclusive_section([p, q])]
    assert not any("88%" in t for t in texts)


def test_summary_shows_a_sentence_pointing_back_only_after_the_one_it_points_to() -> None:
    lede = (
        "Prime Minister Edda Morrow rejected a temporary truce with the rebels on Friday evening."
    )
    arts = [
        _art(
            "a",
            lede,
            "She also refused fuel shipments into the northern valley until the hostages return.",
        ),
        _art("b", lede, "Aid agencies asked for a corridor to the valley hospitals."),
    ]
    texts = [s["text"] for s in summary_section(arts)]
    assert texts[0] == lede
    also = [n for n, t in enumerate(texts) if t.startswith("She also")]
    assert also == [1]
    # Without the sentence it points to, it is not shown at all.
    alone = _art("c", "Aid agencies asked for a corridor to the valley hospitals at once.")
    texts = [s["text"] for s in summary_section([arts[0], alone])]
    assert all(not t.startswith("She also") or texts[n - 1] == lede for n, t in enumerate(texts))


def test_framing_of_one_word_texts_is_empty_not_an_error() -> None:
    # Every article holds the same single term: no word can be an outlet's
    # own choice, and the log-odds would divide by zero (found by fuzzing).
    one, two = _art("f1", "Flood"), _art("f2", "Flood")
    assert all(not e["terms"] for e in framing_section([one, two]))


def test_a_columns_own_opinion_is_no_single_source_fact() -> None:
    report = "The Varnholt volunteers served 300 meals at the rest centre on Wednesday."
    opinion = "The Varnholt volunteers deserve our thanks for serving 300 meals at the rest centre."
    d = _art("d", A.text.split("\n")[0], report)
    e = _art("e", A.text.split("\n")[0], opinion)
    assert [x["text"] for x in exclusive_section([A, B, C, d]) if x["article"] == "d"] == [report]
    assert not [x for x in exclusive_section([A, B, C, e]) if x["article"] == "e"]


def test_a_columns_own_opinion_is_no_summary_candidate() -> None:
    from newsprism.analysis.summary import candidates

    report = "The Varnholt volunteers served 300 meals at the rest centre on Wednesday."
    opinion = "The Varnholt volunteers deserve our thanks for serving 300 meals at the rest centre."
    _, found = candidates([A, B, _art("d", report), _art("e", opinion)])
    texts = {c.text for c in found}
    assert report in texts
    assert opinion not in texts
