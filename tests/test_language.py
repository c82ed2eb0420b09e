"""Language guess from function words (invented texts in each language)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.text.language import guess_language

TEXTS = {
    "en": "The council said on Tuesday that the new library would open in the spring, after "
    "two years of work on the old depot. It has been paid for by the city and by a grant "
    "from the state, which was approved last year by the members of the board.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, dass die neue Bibliothek im Frühjahr "
    "eröffnet wird. Sie wurde nach zwei Jahren Bauzeit in dem alten Depot eingerichtet und "
    "ist mit Mitteln der Stadt und des Landes finanziert worden, wie ein Sprecher sagte.",
    "fr": "Le conseil municipal a annoncé mardi que la nouvelle bibliothèque ouvrira au "
    "printemps, après deux ans de travaux dans le vieux dépôt. Elle est financée par la "
    "ville et par une subvention de la région, qui a été votée par les élus.",
    "es": "El ayuntamiento anunció el martes que la nueva biblioteca abrirá en primavera, "
    "después de dos años de obras en el antiguo depósito. Se ha financiado con fondos de la "
    "ciudad y con una subvención de la región, según explicó una portavoz del gobierno local.",
    "it": "Il consiglio comunale ha annunciato martedì che la nuova biblioteca aprirà in "
    "primavera, dopo due anni di lavori nel vecchio deposito. È stata finanziata dalla città "
    "e con un contributo della regione, che è stato approvato anche dai consiglieri.",
    "pt": "A câmara municipal anunciou na terça-feira que a nova biblioteca vai abrir na "
    "primavera, depois de dois anos de obras no antigo depósito. Foi financiada pela cidade "
    "e com um apoio da região, que também foi aprovado pelos vereadores do município.",
    "nl": "De gemeenteraad heeft dinsdag besloten dat de nieuwe bibliotheek in het voorjaar "
    "opengaat, na twee jaar werk aan het oude depot. Het project wordt betaald door de stad "
    "en met een subsidie van de provincie, die ook door de raad werd goedgekeurd.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_each_language(lang: str) -> None:
    assert guess_language(TEXTS[lang]) == lang


def test_too_short_or_unknown_gives_none() -> None:
    assert guess_language("Library opens") is None
    assert guess_language("") is None
    finnish = (
        "Kaupunginvaltuusto päätti tiistaina, että uusi kirjasto avataan keväällä kahden "
        "vuoden rakennustöiden jälkeen vanhassa varikossa. Hanke rahoitetaan kaupungin ja "
        "maakunnan varoilla, kertoi tiedottaja kokouksen jälkeen toimittajille illalla."
    )
    assert guess_language(finnish) is None


def _ranked_by_counter(text: str) -> str | None:
    """The guess as first written, with a Counter (the reference for the faster ranking)."""
    import re
    from collections import Counter

    from newsprism.text import language

    words = re.findall(r"[^\W\d_]+", text[:1000].lower())
    if len(words) < language.MIN_WORDS:
        return None
    ranked = Counter(filter(None, map(language._LANGUAGE_OF.get, words))).most_common(2)
    if not ranked:
        return None
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count / len(words) < language.MIN_SHARE or count < language.MIN_LEAD * runner_up:
        return None
    return best


# Function words of several languages and other words, in any mix: shares
# near the thresholds, ties for the lead, one language alone.
_MIXED_WORDS = st.lists(
    st.sampled_from(
        "the of and der die und le la les el los que il di che o os het een van"
        " Library opens Frühjahr garçon 2024 x".split()
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(_MIXED_WORDS)
@example(["the"] * 10 + ["der"] * 10 + ["x"] * 5)
def test_ranking_is_the_counters(words: list[str]) -> None:
    text = " ".join(words)
    assert guess_language(text) == _ranked_by_counter(text)
