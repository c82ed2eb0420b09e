"""Quotes: extraction, speakers, grouping of wordings (invented articles), and score gates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.analysis import _speaker_model
from newsprism.analysis import quotes as quote_stage
from newsprism.analysis.quotes import QuoteOptions, Trace, extract_quotes, quotes_section
from newsprism.analysis.speakers import SpeakerResolver
from newsprism.models import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"

POLNEAR = SHARED / "benchmarks" / "quotes" / "polnear-dev"
POLNEAR_TRAIN = SHARED / "benchmarks" / "quotes" / "polnear-train"
SCORER = SHARED / "eval" / "score.py"

# Floors measured with the scorer (see the closing lines of test_*_gate);
# a commit may raise them, not lower them.
POLNEAR_F1_FLOOR = 0.90  # dev measured 0.904 (0.886 before the short quotations)
# dev measured 0.923 (0.909 before the sentence-subject and description work of
# issue 17's second session, 0.867 before any)
POLNEAR_SPEAKER_FLOOR = 0.92
POLNEAR_TRAIN_F1_FLOOR = 0.905  # train measured 0.910 (0.893 before the short quotations)
# Seeds facts, quotes: precision 0.972, recall 0.972 (35 of 36 shown right; the
# one wrong is a House resolution's words, shown with no speaker).
SEEDS_FACTS_QUOTE_FLOORS = (0.97, 0.97)
# train measured 0.922 (0.908 before issue 17's second session, 0.838 first)
POLNEAR_TRAIN_SPEAKER_FLOOR = 0.92


def _q(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker_text, q.text) for q in extract_quotes("a", text)]


def test_after_and_before_attribution() -> None:
    text = (
        "“The river has never been this high,” Mayor Hana Lindqvist said on Tuesday.\n\n"
        "Fire chief Tomas Berg told reporters: “We reached every house on Quay Street.”\n\n"
        "“Nobody was hurt in the night,” said a spokeswoman for the county."
    )
    assert _q(text) == [
        ("Mayor Hana Lindqvist", "The river has never been this high,"),
        ("Fire chief Tomas Berg", "We reached every house on Quay Street."),
        ("a spokeswoman for the county", "Nobody was hurt in the night,"),
    ]


def test_split_quote_is_one_quote() -> None:
    text = "“We will rebuild the bridge,” Berg said, “and we will do it before winter.”"
    [(speaker, words)] = _q(text)
    assert speaker == "Berg"
    assert "rebuild the bridge" in words and "before winter" in words


def test_straight_and_mismatched_marks() -> None:
    text = (
        '"The water is safe to drink again," Lindqvist said.\n\n'
        "”The pumps have been running since Monday night,“ the engineer Ola Sand said."
    )
    found = _q(text)
    assert [s for s, _ in found] == ["Lindqvist", "the engineer Ola Sand"]
    assert found[1][1].startswith("The pumps have been running")


def test_multi_paragraph_quote_and_continuation() -> None:
    text = (
        "Lindqvist spoke to residents at the sports hall on Wednesday.\n\n"
        "“We will open the shelter for as long as it takes. Every family will have a bed\n\n"
        "“and a hot meal, and the council will pay for it,” she said.\n\n"
        "“Nobody should be afraid to come here for help.”"
    )
    quotes = extract_quotes("a", text)
    assert len(quotes) == 2
    assert "Every family will have a bed and a hot meal" in quotes[0].text
    assert quotes[0].speaker_text == "she" and quotes[0].antecedent == "Lindqvist"
    # A paragraph that is only a quotation continues the previous speaker.
    assert quotes[1].speaker_text is None and quotes[1].antecedent == "Lindqvist"


def test_scare_quotes_are_not_quotes() -> None:
    assert _q("The council called the plan a “temporary measure” on Monday.") == []


def test_according_to_and_signed_posts() -> None:
    text = (
        "The dam “will not hold another week of rain without repairs,” according to "
        "engineer Ola Sand.\n\n"
        "“Stay away from the river banks until the weekend, please.” ― Hana Lindqvist"
    )
    assert [s for s, _ in _q(text)] == ["engineer Ola Sand", "Hana Lindqvist"]


def test_pronoun_in_reported_clause_takes_the_earlier_subject() -> None:
    text = (
        "Sand met the mayor on Friday.\n\n"
        "Mayor Lindqvist said on the radio that she told Sand that “the town cannot wait "
        "for another report.”"
    )
    assert [s for s, _ in _q(text)] == ["Mayor Lindqvist"]


def test_a_clause_after_the_quote_is_not_its_speaker() -> None:
    # "details" is a noun here, not the speech verb: the pronoun before the
    # quotation is the speaker, and it refers back to the spokesman.
    text = (
        "A spokesman for the port authority told reporters on Monday that talks were "
        '"moving in the right direction," without naming a date.\n\n'
        'He said a deal would require "a clear commitment from both unions to the plan," '
        "though he did not provide more details about the timing."
    )
    second = extract_quotes("a", text)[1]
    assert second.speaker_text == "He"
    assert second.antecedent == "A spokesman for the port authority"


def test_a_publication_is_a_name_and_an_opening_adverb_is_not() -> None:
    text = (
        "However, the harbour story was being told by the Gazette, which found an older "
        "report.\n\n"
        '"The harbour will never be the same again after this winter," the Courier wrote.'
        "\n\n"
        '"Its owners have rebuilt the eastern pier twice in ten years," it added.'
    )
    quotes = extract_quotes("a", text)
    assert [q.speaker_text for q in quotes] == ["the Courier", "it"]
    assert quotes[1].antecedent == "the Courier"


def test_a_title_with_a_period_does_not_cut_the_speaker_short() -> None:
    text = (
        '"The square will never look the same again, and that is a good thing," said '
        "the Rev. Ann Oduya, of St Brigid's Church."
    )
    assert [s for s, _ in _q(text)] == ["the Rev. Ann Oduya"]


def test_a_document_that_reads_is_its_own_speaker() -> None:
    text = (
        "Mayor Lindqvist wrote to the harbour board on Monday.\n\n"
        '"The eastern pier has been rebuilt twice in ten years," the letter read.'
    )
    quote = extract_quotes("a", text)[0]
    assert quote.speaker_text == "the letter"
    assert quote.antecedent is None  # not the mayor named before


def test_speakers_resolve_to_one_name() -> None:
    texts = [
        "Secretary of State Antonia Vell arrived on Monday. Ms. Vell met the prime minister.",
        "Secretary Vell said talks would go on. Antonia R. Vell is the top Narvian diplomat.",
        "Antonnia Vell, the top Narvian diplomat, flew home.",
    ]
    r = SpeakerResolver.from_texts(texts)
    for written in (
        "Ms. Vell",
        "Secretary Vell",
        "Antonia R. Vell",
        "Antonnia Vell",
        "the Secretary of State",
        "the top Narvian diplomat",
    ):
        assert r.resolve(written) == "Antonia Vell", written
    assert r.resolve("a senior Narvian official") == "a senior Narvian official"
    assert r.resolve("he") is None


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text)


def test_wordings_of_one_statement_group_across_articles() -> None:
    a = _article(
        "a1",
        "Finance Minister Olav Strand spoke on Monday.\n\n"
        "“We will not raise the fuel tax this year, whatever the deficit,” Strand said.\n\n"
        "“The harbour will reopen in May,” he added.",
    )
    b = _article(
        "b1",
        "Mr. Strand said in parliament that “the government will not raise fuel taxes this "
        "year whatever the deficit.”",
    )
    c = _article("c1", "“Ferries will run on the winter timetable,” a port official said.")
    section = quotes_section([a, b, c])
    fuel = next(e for e in section if len(e["variants"]) == 2)
    assert fuel["speaker"] == "Olav Strand"
    assert {v["article"] for v in fuel["variants"]} == {"a1", "b1"}
    assert sum(len(e["variants"]) for e in section) == 4
    official = next(e for e in section if e["variants"][0]["article"] == "c1")
    assert official["speaker"] == "a port official"


def _report(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / "report.json"
    from newsprism.cli import main

    assert main(["analyze", str(folder), "--db", str(tmp_path / "q.db"), "--json", str(out)]) == 0
    return out


def _score(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(SCORER), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared is absent")
def test_polnear_quotes_gate(tmp_path: Path) -> None:
    f1, speaker, last = _polnear_figures(POLNEAR, tmp_path)
    assert f1 >= POLNEAR_F1_FLOOR and speaker >= POLNEAR_SPEAKER_FLOOR, last


def _polnear_figures(folder: Path, tmp_path: Path) -> tuple[float, float, str]:
    """F1 and speaker accuracy of the engine on a PolNeAR split, and the scorer's line."""
    report = _report(folder / "text", tmp_path)
    assert json.loads(report.read_text())["stories"]
    last = _score("quotes", str(report), str(folder))[-1]
    # "quotes: F1 0.888, speaker accuracy 0.815"
    return float(last.split("F1 ")[1].split(",")[0]), float(last.rsplit(" ", 1)[1]), last


@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="../shared is absent")
def test_polnear_train_quotes_gate(tmp_path: Path) -> None:
    # The 840 train articles: the speaker rules are checked on ten times the dev split.
    f1, speaker, last = _polnear_figures(POLNEAR_TRAIN, tmp_path)
    assert f1 >= POLNEAR_TRAIN_F1_FLOOR and speaker >= POLNEAR_TRAIN_SPEAKER_FLOOR, last


@pytest.mark.parametrize(
    ("run", "role", "name"),
    [
        ("Crown Prince Mohammed bin Salman", "Crown Prince", "Mohammed bin Salman"),
        ("Lead inspector Samuel Achterberg", "Lead inspector", "Samuel Achterberg"),
        ("Secretary of State Antonia Vell", "Secretary of State", "Antonia Vell"),
        ("Narvian Prime Minister Olav Strand", "Narvian Prime Minister", "Olav Strand"),
        ("Israeli President Dana Morgan", "Israeli President", "Dana Morgan"),
        ("Brian Fallon", "", "Brian Fallon"),
        # A middle initial is part of the name, not an acronym like "US".
        ("US Secretary of State Antonia J. Vell", "US Secretary of State", "Antonia J. Vell"),
        # An organisation keeps its role-like words ("General", "State").
        ("Lessenford General Hospital", "", "Lessenford General Hospital"),
        ("Narvian Ministry of State Security", "", "Narvian Ministry of State Security"),
        # Where a person is from is not part of the name; initials are.
        ("Rep. Ola Brennick of Narvia", "Rep.", "Ola Brennick"),
        ("Gov. A.J. Marrow", "Gov.", "A.J. Marrow"),
        ("U.N. Secretary General Ola Sand", "U.N. Secretary General", "Ola Sand"),
    ],
)
def test_split_role(run: str, role: str, name: str) -> None:
    from newsprism.analysis.speakers import split_role

    assert split_role(run) == (role, name)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "At least 40 homes were flooded, according to the Tolland fire service.",
            "the Tolland fire service",
        ),
        ("Calloway said he had counted 40 flooded homes on Monday.", "Calloway"),
        ("The 40 homes had been flooded, according to health officials.", "health officials"),
        ("“We need to house 40 families,” we need to tell them, she said.", None),
        ("Some 40 homes were flooded.", None),
    ],
)
def test_attribution_is_a_name_or_description(sentence: str, source: str | None) -> None:
    from newsprism.analysis.quotes import attribution

    assert attribution(sentence) == source


@pytest.mark.parametrize(
    ("sentence", "figure", "source"),
    [
        # the verb that governs the figure comes before it, not a later one
        (
            "Tolland Water said that it had shut 22 wells, a step it described as routine.",
            "22 wells",
            "Tolland Water",
        ),
        # a verb after the figure, with its subject after it too
        (
            "Some 40 homes were flooded overnight, county officials said.",
            "40 homes",
            "county officials",
        ),
        # the figure describes the subject: the reporter's statement
        (
            "Ada Pell, 67, who lives less than 200 metres from the river, said she was woken.",
            "200 metres",
            None,
        ),
        # "and" between capitalised words is one name, not a clause break
        (
            "Tolland Fire and Rescue said its crews arrived within nine minutes.",
            "nine minutes",
            "Tolland Fire and Rescue",
        ),
    ],
)
def test_attribution_of_a_figure_is_its_governing_verb(
    sentence: str, figure: str, source: str | None
) -> None:
    from newsprism.analysis.quotes import attribution

    assert attribution(sentence, sentence.index(figure)) == source


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A role in lower case before the name.
        (
            "“The dam will hold through March,” veteran engineer Ola Brandt wrote.",
            "veteran engineer Ola Brandt",
        ),
        # An apposition between the name and the verb is stepped over.
        (
            "“We will reopen the ferry,” Ines Varga, head of the harbour board, tells the Courier.",
            "Ines Varga",
        ),
        # The verb after a comma that ends the quoted sentence: the subject follows it.
        (
            "“Many would call that a defeat” if the levy fails, said Tomas Ek, a council analyst.",
            "Tomas Ek",
        ),
        # A participle's subject is the sentence's.
        (
            "Mayor Hana Lind reacted to the flood, saying: “We will rebuild every bridge.”",
            "Mayor Hana Lind",
        ),
        # Sentence openers are no speakers.
        ("But their chants of “Save the harbour now” were cut short by rain.", None),
        # A pronoun subject is the speaker phrase (resolved later), not nobody.
        ("She pledged “to rebuild every pier before the winter storms.”", "She"),
        # A description of a person is the subject of the participle.
        (
            "The retired engineer began with the dam, saying that it is "
            "“older than the town itself.”",
            "The retired engineer",
        ),
        # "goes on" with an object is no speech verb.
        (
            "Mayor Ola Brandt said that once the council goes on recess, "
            "“we will rebuild the pier.”",
            "Mayor Ola Brandt",
        ),
        # Where the speaker is from is not part of a long name after "said".
        (
            "“The levy will pass in the spring,” said Ines Varga of the University of Northern "
            "Coastal Harbour Engineering.",
            "Ines Varga",
        ),
        # A role that holds "of" before the name.
        ("“Welcome back to the harbour,” said master of ceremonies Tomas Ek.", "Tomas Ek"),
        # The attribution that closes the sentence governs a quotation inside it.
        (
            "The promise to “rebuild every pier by winter” and to “keep every ferry running” "
            "pleases the harbour workers, said Ines Varga, a union organiser.",
            "Ines Varga",
        ),
        # A city's state after an aside is no subject.
        (
            "Mayor Ola Brandt, during a visit to Harbourtown, Kentucky, said the pier is "
            "“older than anyone in this town.”",
            "Mayor Ola Brandt",
        ),
        # After a full stop the next sentence is no attribution unless it opens with one.
        (
            "Ines Varga said the ferry has “never once been late.” The harbour board of the town "
            "later claimed the opposite in its report.",
            "Ines Varga",
        ),
        # When and where after an inverted subject end it.
        (
            "“The pier will hold,” said former harbour engineer Ola Brandt during the second "
            "council debate, pointing to the new pylons.",
            "former harbour engineer Ola Brandt",
        ),
        # A long subject before the verb is cut before where the person is from.
        (
            "“The pier will hold,” Ines Varga of the Northern Institute for Coastal Studies "
            "and Engineering wrote in March.",
            "Ines Varga",
        ),
        # A speech word after a possessive is a noun ("Varga’s remarks").
        (
            "Harbour director Ola Brandt told the council that Varga’s comments “were never "
            "fair to the crew.”",
            "Harbour director Ola Brandt",
        ),
        # A participle goes on from the speech verb before it.
        (
            "The ferry will run next week, Ines Varga said, adding, “We need to sit down and "
            "talk.”",
            "Ines Varga",
        ),
        # A role may open with a figure ("9/11 widow").
        ("“The levy is wrong,” said 9/11 widow Ines Varga.", "Ines Varga"),
        # Who was asked did not say the question.
        ("Ola Brandt was asked, “Will the pier hold through the winter storms?”", None),
    ],
)
def test_speaker_structures(text: str, speaker: str | None) -> None:
    found, _words = _q(text)[0]
    assert found == speaker


def test_short_quote_speaker_continues() -> None:
    text = "“I disagree,” said retired Gen. Ola Brandt. “The dam was never safe to hold the water.”"
    [quote] = extract_quotes("a", text)
    assert quote.speaker_text is None and quote.antecedent == "retired Gen. Ola Brandt"


def _speakers(text: str) -> list[str | None]:
    """The story-wide speaker of each quotation of one article."""
    article = Article(id="a", source="a.txt", text=text)
    by_text = {v["text"]: e["speaker"] for e in quotes_section([article]) for v in e["variants"]}
    return [by_text[q.text] for q in extract_quotes("a", text)]


def test_who_a_pronoun_refers_to() -> None:
    text = (
        "Harbour master Tove Lindgren said the quay would reopen on Monday.\n\n"
        "The county's health director, Ines Marek, visited the shelter on Tuesday.\n\n"
        "“We have beds for everyone who needs one tonight,” she said.\n\n"
        "Fire chief Ola Brandt said crews would stay overnight. “If the water keeps "
        "falling, people can go home in the morning,” he said.\n\n"
        "Oskby town councillor Rana Holm said she had written to the board after "
        "neighbours reported that the dam “groaned like an old ship at night.”\n\n"
        "“I have the letters and I have the replies,” she said."
    )
    assert _speakers(text) == [
        "Ines Marek",  # the person of the paragraph just before
        "Ola Brandt",  # reported earlier in the same paragraph
        "neighbours",  # the subject of "reported", not the councillor
        "Rana Holm",
    ]


def test_unclear_speakers_are_left_out() -> None:
    text = (
        "Tarnby General Hospital said two patients were still being treated.\n\n"
        "“Nobody is in danger at this point in time,” she said.\n\n"
        "Resident Jon Falk said he had been told it could be “another week, maybe two” "
        "before the soil is cleared."
    )
    # "she" is no hospital; "had been told": the words are someone else's.
    assert _speakers(text) == [None, None]


def test_subject_with_a_role_after_a_place() -> None:
    text = "Council leader Rosa Quell called the vote “the best decision this council will make.”"
    assert _q(text) == [("Council leader Rosa Quell", "the best decision this council will make.")]


def test_a_dropped_opening_mark_after_the_attribution() -> None:
    text = "“We will rebuild the bridge,” Berg said. And we will do it before the winter comes.”"
    assert _q(text) == [
        ("Berg", "We will rebuild the bridge,"),
        ("Berg", "And we will do it before the winter comes."),
    ]


def test_a_sentence_about_someone_else_does_not_go_on_with_the_last_speaker() -> None:
    text = (
        "“The levy is fair,” Mayor Ana Roth said.\n\n"
        "Several councillors have tabled a motion “calling for the levy to be scrapped at once.”"
    )
    assert _speakers(text) == ["Ana Roth", None]


@pytest.mark.skipif(not (SHARED / "benchmarks" / "facts").is_dir(), reason="../shared is absent")
def test_seeds_facts_quotes_gate(tmp_path: Path) -> None:
    report = _report(SHARED / "seeds", tmp_path)
    facts = SHARED / "benchmarks" / "facts" / "seeds-facts.jsonl"
    last = _score("facts", str(report), str(facts))[-1]
    # "facts: figures precision 1.000 recall 0.968; quotes precision 0.972 recall 0.972"
    precision, recall = (float(x) for x in last.split("quotes precision ")[1].split(" recall "))
    assert precision >= SEEDS_FACTS_QUOTE_FLOORS[0] and recall >= SEEDS_FACTS_QUOTE_FLOORS[1], last


def test_two_statements_on_one_topic_are_not_one_quote() -> None:
    a = Article(
        id="a",
        source="a.txt",
        text="“A full closure of the harbour would only help the smugglers plan,” Roth said.",
    )
    b = Article(
        id="b",
        source="b.txt",
        text="“We back that. We do not back a closure of the harbour,” Roth said.",
    )
    c = Article(
        id="c",
        source="c.txt",
        text="“A full closure of the harbour would only help smugglers,” Roth said.",
    )
    entries = quotes_section([a, b, c])
    grouped = sorted(sorted(v["article"] for v in e["variants"]) for e in entries)
    assert grouped == [["a", "c"], ["b"]]


def test_titles_are_not_statements() -> None:
    text = (
        "Roth told “The Morning Hour With Ola Brandt” that the levy was fair.\n\n"
        "Supporters waved signs reading “Keep Our Harbour Free.”\n\n"
        "“THIS IS NOT OK,” the union wrote."
    )
    assert [words for _, words in _q(text)] == ["THIS IS NOT OK,"]


def test_sentence_openers_are_not_part_of_names() -> None:
    resolver = SpeakerResolver.from_texts(
        ["When Roth arrived, the hall was full.", "Mayor Ana Roth spoke first."]
    )
    assert resolver.resolve("Roth") == "Ana Roth"
    text = (
        "Among the speakers was Roth, who told the crowd “we will not give up the harbour.”\n\n"
        "Sen. Ola Brandt of Narvia, who mused on Tuesday that the plan was “dead on arrival "
        "in the chamber,” did not vote."
    )
    assert [speaker for speaker, _ in _q(text)] == ["Roth", "Sen. Ola Brandt of Narvia"]


def test_a_quotation_paragraph_signed_below_or_led_in_above() -> None:
    text = (
        "Readers wrote in about the harbour levy.\n\n"
        "“The levy is the fairest way to pay for the new sea wall.”\n\n"
        "- Tove Lindgren, Oskby.\n\n"
        "Mayor Ana Roth answered them at the meeting:\n\n"
        "“Nobody in this town will pay more than they can afford.”"
    )
    assert [speaker for speaker, _ in _q(text)] == ["Tove Lindgren", "Mayor Ana Roth"]


def test_the_short_quotation_model_fits_its_features() -> None:
    # Weights fitted for other features (a feature added, removed or moved
    # without running benchmarks/fit_speakers.py again) would mean nothing.
    assert list(_speaker_model.SHORT_QUOTE_WEIGHTS) == list(quote_stage.SHORT_QUOTE_FEATURES)
    assert list(_speaker_model.ANTECEDENT_WEIGHTS) == list(quote_stage.ANTECEDENT_FEATURES)


def test_a_short_quotation_in_reported_speech_is_kept_a_term_is_not() -> None:
    text = (
        "Mayor Ana Roth said on Tuesday that the levy plan was “dead on arrival.”\n\n"
        "Supporters of the so-called “harbour tax” gathered at noon.\n\n"
        "Critics call it the “Roth levy” and say it will fail."
    )
    assert _q(text) == [("Mayor Ana Roth", "dead on arrival.")]


def test_a_straight_mark_after_a_space_closes_the_quotation() -> None:
    text = "\"The levy is a fair name for a 'harbour fee,' \" said Ana Roth."
    assert _q(text) == [("Ana Roth", "The levy is a fair name for a 'harbour fee,'")]


def test_capitalised_words_among_role_words_and_a_name_before_a_colon() -> None:
    text = (
        "“Nobody expected the levy to fail,” said former Narvia governor Ola Brandt.\n\n"
        "The vote did not surprise county analyst Tove Lindgren: “The levy was never popular.”"
    )
    assert [speaker for speaker, _ in _q(text)] == [
        "former Narvia governor Ola Brandt",
        "Tove Lindgren",
    ]


def test_a_participle_clause_is_no_speaker() -> None:
    text = (
        "“The harbour is safe,” Mayor Ana Roth said.\n\n"
        "Reprising one of her favourite lines, the mayor talked about the “harbour that "
        "pays its way.”"
    )
    # Not "Reprising": the subject after the comma, a description of the mayor
    # (PolNeAR train's gold gives such descriptions: "Reprising one of her own
    # favorite lines, the former secretary of state talked about …").
    assert [speaker for speaker, _ in _q(text)] == ["Mayor Ana Roth", "the mayor"]
    [*_, entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] == "Ana Roth"


def test_a_bare_quotation_after_a_paragraph_about_someone_else_is_theirs() -> None:
    text = (
        "“The levy is fair,” said Mayor Ana Roth.\n\n"
        "The council met for three hours.\n\n"
        "The vote on the levy was put off to March.\n\n"
        "Councillor Ola Brandt visited the harbour on Friday.\n\n"
        "“We needed another month to read the plan.”"
    )
    article = [Article(id="a", source="a.txt", text=text)]
    # The rules go on with the last speaker; the learned ranker weighs the
    # paragraph just before, which is about Brandt.
    by_rules = quotes_section(article, QuoteOptions(rank_antecedents=False))
    assert [e["speaker"] for e in by_rules] == ["Ana Roth", "Ana Roth"]
    assert [e["speaker"] for e in quotes_section(article)] == ["Ana Roth", "Ola Brandt"]


def test_the_trace_holds_each_candidate_with_its_features() -> None:
    text = (
        "Councillor Ola Brandt said the vote came too early.\n\n"
        "“We needed another month to read the plan,” he said."
    )
    trace: Trace = []
    extract_quotes("a", text, trace=trace)
    [(_, speaker, found, by_rules)] = trace
    assert speaker == "he" and by_rules == "Councillor Ola Brandt"
    assert [name for name, _ in found] == ["Councillor Ola Brandt"]
    assert all(len(features) == len(quote_stage.ANTECEDENT_FEATURES) for _, features in found)


def test_a_pronoun_after_a_name_in_its_paragraph_is_that_person() -> None:
    text = (
        "“The levy is fair,” said Mayor Ana Roth.\n\n"
        "The board met on Friday, after a visit from Councillor Ola Brandt. "
        "“We needed another month to read the plan,” she said."
    )
    trace: Trace = []
    quotes = extract_quotes("a", text, trace=trace)
    # The rules go back to the last speaker; the name nearest before the
    # quotation in its paragraph is a candidate the ranker prefers.
    [(_, _, found, by_rules)] = trace
    assert by_rules == "Mayor Ana Roth"
    assert [name for name, _ in found] == ["Mayor Ana Roth", "Councillor Ola Brandt"]
    assert [q.antecedent for q in quotes] == [None, "Councillor Ola Brandt"]


def test_a_person_the_story_names_in_full_is_marked_among_the_candidates() -> None:
    full = quote_stage.ANTECEDENT_FEATURES.index("a person the article names in full")

    def marked(people: frozenset[str] | None) -> dict[str, float]:
        trace: Trace = []
        extract_quotes(
            "a",
            "Councillor Ola Brandt said the vote came too early.\n\nThings moved fast on "
            "Friday. “We needed another month to read the plan,” he said.",
            trace=trace,
            people=people,
        )
        return {name: features[full] for name, features in trace[0][2]}

    # "Things" opens a sentence but names no one; Brandt is named in full.
    from_article = marked(None)
    assert from_article.pop("Councillor Ola Brandt") == 1.0
    assert from_article and set(from_article.values()) == {0.0}
    # The story's names, when given, are what counts.
    assert set(marked(frozenset()).values()) == {0.0}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A pronoun subject after an opening phrase, with no speech verb.
        ("On the pier, she pointed to “the cracks nobody has fixed in ten years.”", "she"),
        # An age before the name is no part of it.
        (
            "52-year-old Ola Brandt, a ferry captain, pointed to “the cracks nobody has "
            "fixed in ten years.”",
            "Ola Brandt",
        ),
    ],
)
def test_the_subject_of_a_sentence_with_no_speech_verb(text: str, speaker: str) -> None:
    [(found, _words)] = _q(text)
    assert found == speaker


def test_a_new_statement_after_a_full_stop_is_not_the_attribution() -> None:
    text = (
        "The harbour board called the pier “a danger to the town.” Ines Varga insisted "
        "that the council “rebuild it before the winter.”"
    )
    # The first is no one's said words here (no speech verb, no person), never Varga's.
    assert [speaker for speaker, _ in _q(text)] == [None, "Ines Varga"]


def test_the_first_word_of_a_quoted_sentence_is_no_antecedent() -> None:
    # Invented: the second quotation's "he" is the man named before, not
    # "Smoke", the capitalised word that opens the first quotation's sentence.
    text = (
        "Firefighters were called to the mill on Tuesday night.\n\n"
        'Tomas Welland, 58, who lives beside the mill, said he heard "a crack like thunder".\n\n'
        '"We ran outside in our slippers. Smoke was pouring out of every window," he said. '
        '"I have never seen anything like it in thirty years here."\n'
    )
    quotes = extract_quotes("a", text)
    last = next(q for q in quotes if "thirty years" in q.text)
    assert last.antecedent == "Tomas Welland"


def test_an_answer_after_a_full_stop_is_not_the_rest_of_the_first_quotation() -> None:
    # Invented: two speakers in one paragraph, the second after a full stop.
    text = (
        "“Look at what you built,” Mayor Ida Varga said. Councillor Ben Ostrow "
        "answered, “We built it with your money, not ours.”"
    )
    assert _q(text) == [
        ("Mayor Ida Varga", "Look at what you built,"),
        ("Councillor Ben Ostrow", "We built it with your money, not ours."),
    ]


def test_a_name_after_a_preposition_before_a_colon_is_the_addressee() -> None:
    # Invented: the colon follows whom the words were addressed to.
    text = (
        "Council leader Rosalind Quarrie sent a blunt message to Mayor Ida Varga: "
        "“Stop blaming the weather for the state of the roads.”"
    )
    [(speaker, _)] = _q(text)
    assert speaker != "Mayor Ida Varga"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Invented: "who …" between the speaker and the speech verb.
        (
            "Although nobody confirmed it, a county official who spoke anonymously "
            "said on Friday, “The bridge will stay closed until spring.”",
            "a county official",
        ),
        # Invented: a description with a relative clause in apposition to a name.
        (
            "“The bridge will stay closed until spring,” Ida Varga, the engineer "
            "who inspected it tweeted on Friday.",
            "Ida Varga",
        ),
        # Invented: the paragraph before leads in, after "On July 6, 2015,".
        (
            "On July 6, 2015, Councillor Ben Ostrow made the following comment:\n\n"
            "“The ferry costs more every year and runs less often every year.”",
            "Councillor Ben Ostrow",
        ),
        # Invented: "The Republican nominee" is a description, not "The Republican".
        (
            "The Republican nominee also outlined a plan and vowed to punish "
            "“those who break the rules of the port.”",
            "The Republican nominee",
        ),
        # Invented: the sentence after the quotation reports someone else.
        (
            "In October, Norvale’s freight director, Ida Varga, wrote to the council, "
            "saying: “We want the new crane before winter.” Ben Ostrow, its treasurer, "
            "said the money was not there.",
            "Ida Varga",
        ),
        # Invented: "and he said" opens a new clause of the sentence.
        (
            "In an interview, Councillor Ben Ostrow said on Thursday he “wrote to the "
            "ministry asking for an inquiry into the ferry contract,” and he said he "
            "hoped for an answer soon.",
            "Councillor Ben Ostrow",
        ),
        # Invented: the aside between double hyphens is not the subject.
        (
            "Marking the end of the season with a formal speech -- complete with slides "
            "-- Varga told the crew that “we close one chapter and we begin another.”",
            "Varga",
        ),
        # Invented: "what X called “…”" with no speech verb in the sentence.
        (
            "As the island prepares for what Ida Varga called “the hardest winter the "
            "ferry has ever faced,” the crew is training.",
            "Ida Varga",
        ),
        # Invented: a cue PolNeAR's annotators mark that the verb list lacked.
        (
            "“Close the port and you close the island,” the crowd chanted outside the town hall.",
            "the crowd",
        ),
        # Invented: "reacted" and "remembered" attribute like "said".
        (
            "“An awful lot of people said no, and she did it anyway,” remembered "
            "Ben Ostrow, the ferry's former spokesman.",
            "Ben Ostrow",
        ),
        # Invented: a nested quotation in the same curly marks, then a signature.
        (
            "“I’d rather live in what he calls “hell” than on his ferry.” ― Ida Varga",
            "Ida Varga",
        ),
        # Invented: "my father" is a described subject, not "My".
        (
            "“We live on borrowed time,” my father often said.",
            "my father",
        ),
    ],
)
def test_the_speaker_of_one_quotation(text: str, speaker: str) -> None:
    # Invented sentences, one structure each (see the comments above).
    [(found, _)] = _q(text)
    assert found == speaker


@pytest.mark.parametrize(
    "text",
    [
        "In other words, asked the harbour master: “What does the ferry cost us?”",
        "The figures are consistent with what the port said, “a loss every single year.”",
        "Across town, “shouting from the rooftops about the ferry,” is Ida Varga.",
    ],
)
def test_a_prepositional_phrase_or_a_clause_is_no_speaker(text: str) -> None:
    # Invented: neither "other words" nor "The figures are consistent …" speaks.
    for speaker, _ in _q(text):
        assert speaker is None or not speaker.lower().startswith(("other", "the figures", "across"))


def test_a_speech_verb_in_a_clause_that_sets_the_scene() -> None:
    # Invented: "When X suggested …" is not who speaks after the colon.
    text = (
        "When Ostrow suggested that the port could sell the crane, Varga "
        "fired back: “If we sell it, we close the port,” to applause."
    )
    [(speaker, _)] = _q(text)
    assert speaker != "Ostrow"


def test_the_same_words_quoted_twice_in_one_article_are_shown_once_with_their_speaker() -> None:
    # Invented: a pull quote repeats an attributed quotation without its attribution.
    text = (
        "Mayor Ida Varga opened the new ferry terminal on Monday.\n\n"
        "“We will never again leave the island without a ferry.”\n\n"
        "“We will never again leave the island without a ferry,” said harbour "
        "master Ben Ostrow."
    )
    entries = quotes_section([Article(id="a", source="a", text=text)])
    [entry] = entries
    assert len(entry["variants"]) == 1
    assert entry["speaker"] is not None and entry["speaker"].endswith("Ben Ostrow")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Invented: "the groups" is not the person named before it.
        (
            "Mayor Ida Varga met the residents' groups on Monday.\n\n"
            "“We are not going away,” the groups said in a letter.",
            "the groups",
        ),
        # Invented: the paragraph before is about "The U.S.", not a person.
        (
            "The U.S. remains the largest donor to the port authority.\n\n"
            "“We will not pay for a second ferry,” the presidential candidate said.",
            "the presidential candidate",
        ),
        # Invented: the name ends where its speech verb begins.
        (
            "Ida Varga runs the ferry.\n\n"
            "Varga said she recalled thinking, “This is what people mean when they "
            "say nobody listens to the island.”",
            "Ida Varga",
        ),
        # Invented: "Varga Sunday night" is Ida Varga, speaking on Sunday night.
        (
            "Ida Varga runs the ferry.\n\n"
            "Varga Sunday night said that she “will not sell the ferry to anyone, ever.”",
            "Ida Varga",
        ),
    ],
)
def test_the_name_shown_for_one_quotation(text: str, speaker: str) -> None:
    # Invented articles: the story-wide name shown, not only the phrase found.
    [entry] = quotes_section([Article(id="a", source="a", text=text)])
    assert entry["speaker"] == speaker


def test_the_one_named_in_what_is_said_is_not_the_speaker() -> None:
    text = (
        "Ola Sand spoke at a rally in Brevik on Saturday.\n\n"
        "The No. 3 Republican in the House on Monday said former mayor Ola Sand was"
        " “poisoning our democratic system” with his claims."
    )
    [entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] is None
    inverted = (
        "Per Lind spoke first.\n\n"
        "“This used to be a quiet town,” said Per Lind, a historian, “but it is growing.”"
    )
    speakers = {
        e["speaker"] for e in quotes_section([Article(id="b", source="b.txt", text=inverted)])
    }
    assert speakers == {"Per Lind"}


def test_the_one_heard_saying_is_the_speaker() -> None:
    text = (
        "Analyst Ola Sand faulted the network for cutting a 911 call in which a woman is heard"
        " saying: “They are trying to stab us, get here now!”"
    )
    [q] = extract_quotes("a", text)
    assert q.speaker_text == "a woman"


def test_the_last_owner_of_the_words_is_the_speaker() -> None:
    text = (
        "Take ArlandTV’s Ola Sand’s contention that the speech, in which Per Lind praised"
        " the plan, was “delivered from a planet where facts don’t matter.”"
    )
    [q] = extract_quotes("a", text)
    assert q.speaker_text == "Ola Sand"


def test_a_name_and_its_description_after_the_comma_speak_when_the_verb_is_cut() -> None:
    text = "“I just ran for my life,” Ola Sand, a mechanic who was at the yard during..."
    [q] = extract_quotes("a", text)
    assert q.speaker_text == "Ola Sand"


def test_an_acronym_and_one_word_name_a_body() -> None:
    text = (
        "In a statement, ZT Energy said it had ended the project “after a review of its options.”"
    )
    [entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] == "ZT Energy"


def test_one_word_of_a_name_joined_by_and_is_no_one() -> None:
    text = (
        "Health and Human Services Secretary Ola Sand spoke on Thursday.\n\n"
        "In a tweet, the government’s top health official said his comments had been"
        " “taken wildly out of context.”"
    )
    [entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] == "Ola Sand"


def test_a_programme_named_after_its_owner_is_no_quotation() -> None:
    text = "“This has to be done soon, it is perplexing,” Ola Sand told CNN’s “State of the Union.”"
    assert [q.text for q in extract_quotes("a", text)] == [
        "This has to be done soon, it is perplexing,"
    ]


def test_a_figures_source_is_a_subject_not_a_clause_or_a_prepositions_object() -> None:
    from newsprism.analysis.quotes import attribution

    s = "Ola Sand defended the withdrawal of the forces from Arland, saying that 90% wanted it."
    assert attribution(s, s.find("90")) == "Ola Sand"
    s = "Records fell in Western states as the heat caught more than 40 million people."
    assert attribution(s, s.find("40")) is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A joining word opens no phrase a comma closes: the subject follows it.
        (
            "Harbour master Ilse Korven spoke first.\n\n"
            "And then Brandt went on the attack at the pier, saying, “Who will pay for the "
            "damage to the boats?”",
            "Brandt",
        ),
        # A time before the comma is no name.
        (
            "Hours later, Brandt thanked the volunteers, telling the radio station, “They "
            "worked through the whole night.”",
            "Brandt",
        ),
        # An apposition over several commas before the verb.
        (
            "Ilse Korven, head of the harbour board, a sailor for thirty years and a "
            "councillor, backed the plan, saying it “will keep the boats safe all winter.”",
            "Ilse Korven",
        ),
        # A description that holds a capitalised word.
        (
            "A Korven campaign official later walked back the remark, saying that Korven "
            "“did not mean the fishermen at all.”",
            "A Korven campaign official",
        ),
        # Whoever calls someone something, named or described, says it.
        (
            "Harbour union chairman Piet Brandt called the mayor “the worst friend the port "
            "ever had.”",
            "Harbour union chairman Piet Brandt",
        ),
        (
            "The vote was close; one councillor called Brandt “the loudest man in the whole "
            "harbour.”",
            "one councillor",
        ),
    ],
)
def test_the_subject_of_the_sentence_speaks_a_quotation_without_a_speech_verb(
    text: str, speaker: str
) -> None:
    # Invented cases of the shapes read on PolNeAR train (benchmarks/quotes_polnear.py).
    assert _q(text)[-1][0] == speaker


def test_a_sentence_that_runs_on_into_its_own_quotation_is_no_attribution() -> None:
    # Invented: after the full stop, Brandt's sentence leads into his own words.
    text = (
        "Mayor Ines Varga said on Monday that the pier “must be rebuilt before the winter.” "
        "Councillor Piet Brandt said it would be “a waste of money for the whole town.”"
    )
    assert [speaker for speaker, _ in _q(text)] == ["Mayor Ines Varga", "Councillor Piet Brandt"]


def test_a_plural_after_a_quoted_adjective_is_a_noun_not_a_speech_verb() -> None:
    # Invented: "comments" here is what Brandt made, not a verb whose subject speaks.
    text = (
        "In an interview with the harbour radio, Mayor Ines Varga stated that Brandt’s "
        "“angry” and “loud” comments do not “help the fishermen of this town at all.”"
    )
    assert _q(text)[-1][0] == "Mayor Ines Varga"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A term in quotation marks inside the attribution is part of it.
        (
            "“We have had better meetings than this one,” Harbour delegate Ilse Korven, "
            "wearing a “Save the Pier” badge, said as the hall emptied.",
            "Harbour delegate Ilse Korven",
        ),
        # A speech verb joined by "and" to the predicate before it shares its subject.
        (
            "In a long interview with reporter Anna Holm last year, Brandt said he welcomed "
            "extradition to the United States and added, “I will answer every question.”",
            "Brandt",
        ),
        # A named owner's people speak, not the owner.
        (
            "Korven's lawyers, including her brother, read the report on Thursday and said "
            "they came away with “more questions than answers about the pier.”",
            "Korven's lawyers",
        ),
    ],
)
def test_the_speaker_phrase_around_terms_coordinated_verbs_and_owners(
    text: str, speaker: str
) -> None:
    # Invented cases of the shapes read on PolNeAR train and dev (benchmarks/quotes_polnear.py).
    assert _q(text)[-1][0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Cues PolNeAR's annotators marked that the verb list lacked.
        (
            "Editorial pages warned about the pier all week. “The town should close it now,” "
            "opined the Harbour Gazette.",
            "the Harbour Gazette",
        ),
        # When, not who: the subject ends where a time phrase begins.
        (
            "It became such a presence that Brandt during a Sunday rally thanked its members "
            "“for their support in my campaign.”",
            "Brandt",
        ),
        # A verb inside a clause whose sentence goes on with its own verb.
        (
            "Take ArlandTV’s Ola Sand’s claim that the speech, in which Per Lind blasted the "
            "plan, was "
            "“delivered from a planet where facts don’t matter.”",
            "Ola Sand",
        ),
    ],
)
def test_speech_cues_and_where_the_speaker_phrase_ends(text: str, speaker: str) -> None:
    assert _q(text)[-1][0] == speaker


def test_she_is_no_group_that_a_person_owns() -> None:
    # Invented: "she" goes back to Korven, not to "Korven’s campaign".
    text = (
        "Ines Korven spoke in the harbour hall on Monday.\n\n"
        "Korven’s campaign said the vote would go ahead on Friday.\n\n"
        "“Nothing has changed at all,” she said."
    )
    [*_, q] = extract_quotes("a", text)
    assert q.antecedent is not None and "campaign" not in q.antecedent


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A description holds "in": its head opens it.
        (
            "“You work hard. So why didn’t Brandt pay his?” a narrator in the Korven ad asks.",
            "a narrator in the Korven ad",
        ),
        # ... and "and" between two roles of one person.
        (
            "On the morning show, the former mayor of the town and current harbour board "
            "chairman said she wanted “to speak directly to the fishermen.”",
            "the former mayor",
        ),
    ],
)
def test_a_description_of_the_speaker_holds_in_and_and(text: str, speaker: str) -> None:
    assert _q(text)[-1][0] == speaker


def test_a_transcript_label_inside_the_quotation_marks_names_the_speaker() -> None:
    # Invented: the label opens the quoted words, not the paragraph.
    text = (
        "Ola Sand asked the mayor about the pier.\n\n"
        "“KORVEN: Well, the question really is why the council waited so long to act.”"
    )
    assert _q(text)[-1][0] == "Korven"


def test_an_infinitive_is_no_ones_saying() -> None:
    # Invented: "to say" inside the reported clause; Korven's "said" governs the quotation.
    text = (
        "Ola Sand spoke first.\n\n"
        "On the harbour radio’s “Morning Show,” Korven said that by refusing to say the words "
        "“storm damage,” Councillors are “pretending the pier is safe for every boat in town.”"
    )
    assert _q(text)[-1][0] == "Korven"


def test_a_document_is_no_person_that_a_role_names() -> None:
    # Invented: "the email" is no one the story names by a role that holds "email".
    text = (
        "Ola Sand, the email newsletter editor at the Harbour Gazette, spoke on Monday.\n\n"
        "The email went on to say, “Today fewer people pay the dues that keep the club open.”"
    )
    [*_, entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] == "The email"


def test_a_possessive_description_speaks_and_is_no_antecedent_of_she() -> None:
    # Invented: "his friend …" is a description of the speaker, not a pronoun.
    text = (
        "Ola Sand spoke to the Harbour Gazette on Monday.\n\n"
        "“He had so many plans for the boats,” his friend Piet Brandt told the paper."
    )
    assert _q(text)[-1][0] == "his friend Piet Brandt"
    # ... and "she" never refers back to "Her economic plan".
    text = (
        "Ines Korven spoke at the harbour on Monday.\n\n"
        "Her economic plan was published on Tuesday.\n\n"
        "“It is the best plan the town has seen,” she said."
    )
    [*_, q] = extract_quotes("a", text)
    assert q.antecedent is None or not q.antecedent.startswith("Her")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A closing attribution with a longer tail of places and times.
        (
            "Piers are “the oldest danger in this town” and “a trap for children,” Ola Sand, "
            "the former mayor, proclaimed to a cheering crowd at the harbour hall on Tuesday.",
            "the former mayor",
        ),
        # "Even before …," opens the sentence; a possessive description is its subject.
        (
            "Ines Korven spoke first.\n\n"
            "Even before Brandt took the stage on Tuesday night, his campaign sent out a text "
            "message to supporters saying: “We were just declared the winner in the harbour!”",
            "his campaign",
        ),
    ],
)
def test_closing_attributions_and_possessive_subjects(text: str, speaker: str) -> None:
    assert _q(text)[0][0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "with X reportedly yelling": the name before the participle, past an adverb.
        (
            "At a rally in Brevik, Nordland, on Saturday, some supporters pushed a protester, "
            "with Korven reportedly yelling: “Get him out of here right now!”",
            "Korven",
        ),
        # "calling" attaches the words to the sentence's subject; the owner's people speak.
        (
            "In court documents, Brandt's public defense counsel asked for a short sentence, "
            "calling his hacking expeditions “an addiction of sorts that he regrets.”",
            "Brandt's public defense counsel",
        ),
    ],
)
def test_participles_attach_to_their_subject(text: str, speaker: str) -> None:
    assert _q(text)[-1][0] == speaker


def test_it_is_never_a_person() -> None:
    # Invented: "it" is the campaign, never the man named before it.
    text = (
        "Ola Sand said on Monday that fishermen should pay for the pier.\n\n"
        "Sand’s campaign immediately backtracked, putting out a statement contradicting his "
        "earlier comments. In cases of storm damage, it said, “the owner of the boat is a victim.”"
    )
    [entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] != "Ola Sand"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A description before a verb is the subject a speech participle attaches to.
        (
            "Ines Korven spoke at the harbour.\n\n"
            "In December, the prince called for Brandt to drop out of the race, calling him "
            "“a disgrace to the whole harbour and the town.”",
            "the prince",
        ),
        # A joining word before a pronoun subject.
        (
            "Piet Brandt spoke at the harbour.\n\n"
            "And he made a point of saying the old pier “was a place of work and of "
            "friendship for us all.”",
            "he",
        ),
        # "where" ends the clause before the subject.
        (
            "The clip came from a rally with Korven and Brandt, where the harbour master said "
            "she was “not only here to do my job but to back my candidate.”",
            "the harbour master",
        ),
    ],
)
def test_the_subject_a_participle_or_a_clause_attaches_to(text: str, speaker: str) -> None:
    assert _q(text)[-1][0] == speaker


def test_he_is_no_run_of_words_and_a_description_needs_a_known_referent() -> None:
    # Invented: "he" does not stand for a clause the rules cut as a subject.
    text = (
        "The sound system failed twice during the rally at the harbour.\n\n"
        "“We will rebuild the pier before the winter,” he said."
    )
    [entry] = quotes_section([Article(id="a", source="a.txt", text=text)])
    assert entry["speaker"] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A contracted pronoun before a verb of its own is the subject.
        (
            "Brandt’s campaign is defending his early-morning posts about the pier. It’s "
            "denouncing what it calls “the biggest attack on the harbour in its history.”",
            "It",
        ),
        # A plural description with a quantity word before a verb.
        (
            "In August, several harbour groups granted Mr. Brandt an extension on a court "
            "order, saying his “start-up capital was less than expected.”",
            "several harbour groups",
        ),
    ],
)
def test_contracted_pronouns_and_plural_descriptions_as_subjects(text: str, speaker: str) -> None:
    assert _q(text)[-1][0] == speaker


def test_who_after_an_apposition_is_the_name_before_it_and_to_is_no_one() -> None:
    # Invented: "who … said" goes back past the apposition to Korven, not to Brandt.
    text = (
        "Brandt has had a frosty relationship with Korven, now the harbour board chair, who "
        "in 2010 said the board's most important goal was to make Brandt a “one-term mayor.”"
    )
    assert _q(text)[-1][0] == "Korven"
    text = (
        "To solve this puzzle, they turned to the harbour police which reported “2,521 "
        "break-ins at the pier” last year."
    )
    assert _q(text)[-1][0] != "To"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The one prompted to speak speaks, not the sentence's subject.
        (
            "A harbour worker damaged three boats on Wednesday, prompting the town’s mayor "
            "to ask: “What on earth is wrong with this place?”",
            "the town’s mayor",
        ),
        # A participle attaches to the subject of its own clause.
        (
            "A timeline was not laid out in the memo, but Korven directed a rapid pace, "
            "telling the harbour staff to “set ambitious dates for every repair.”",
            "Korven",
        ),
    ],
)
def test_who_a_participle_or_an_infinitive_of_speech_belongs_to(text: str, speaker: str) -> None:
    # Read on AllSides dev (the quotes of each article analysed alone, before and after).
    assert _q(text)[-1][0] == speaker


def test_an_aside_after_a_name_is_no_part_of_the_reported_speaker() -> None:
    # Invented: "(Nordl.)" is where the senator is from; "he" is the senator.
    text = (
        "Democratic Sen. Piet Brandt (Nordl.) criticized the mayor for not laying out a plan "
        "for the pier on Wednesday.\n\n"
        "“What I did not hear tonight was a plan for the boats,” he said."
    )
    [*_, q] = extract_quotes("a", text)
    assert q.antecedent is not None and "Brandt" in q.antecedent


def test_continue_to_is_no_saying() -> None:
    # "as the number of cases continues to rise": what goes on, not a speaker.
    text = (
        "Dr. Mira Osei said Sunday that the town is “going in the wrong direction” as the "
        "number of cases continues to rise."
    )
    [q] = extract_quotes("a", text)
    assert q.speaker_text == "Dr. Mira Osei"


def test_a_time_zone_is_no_speaker() -> None:
    # "7 a.m. Eastern time" neither ends a sentence nor names anyone.
    text = (
        "The outage was traced to Kestrel Cloud, which said in a status update just before "
        "7 a.m. Eastern time, that the “issue has been identified and a fix has been applied.”"
    )
    [q] = extract_quotes("a", text, people=frozenset({"Kestrel Cloud"}))
    assert q.speaker_text != "Eastern"
    assert (q.antecedent or "") != "Eastern"
