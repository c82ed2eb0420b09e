"""Language of a clean text, from its function words: no model, no download.

Stage: part of extract. Needs clean body text; adds an ISO 639-1 code or
``None``. Pages that declare their language (``<html lang>``) keep the
declaration; this guess is for plain text and records without one.

Function words are the most frequent words of every language and almost never
shared between the languages listed here, so their share of a text's tokens
identifies the language of news prose reliably after a few dozen words. Any
other language, or too short a text, gives ``None`` rather than a guess.
"""

from __future__ import annotations

from newsprism.text.words import folded_letter_tokens

# The commonest function words of each language. Words two of these languages
# share ("que", "in", "la") are dropped below so every hit counts for one only.
_LISTS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it with was on as by at from this be are have has"
        " which were been their but not or they would an will said after who its",
        "de": "der die und den das ist nicht ein eine mit sich auf des dem zu im für von auch"
        " wird wurde sind bei nach einer hat aus wie oder dass",
        "fr": "de le la les et des est une pour dans qui que sur au du pas par plus avec ont été"
        " sont aux cette il elle mais ses leur",
        "es": "de el los las del que y en por con una para es se al lo como más pero sus ha fue"
        " han desde este esta sobre entre según ya hasta tras cuando muy durante años",
        "it": "il di che è e la per un del della non sono gli alla con ha nel anche come più"
        " dei delle questo ma stato",
        "pt": "de o os que do da em um uma para com não no na por mais dos das ao foi como são"
        " também mas pelo pela",
        "nl": "de het een van en is dat op te in zijn voor met niet aan er ook maar bij werd"
        " heeft worden naar wordt",
    }.items()
}
_LANGUAGE_OF: dict[str, str] = {
    word: lang
    for lang, vocab in _LISTS.items()
    for word in vocab
    if sum(word in other for other in _LISTS.values()) == 1
}

# Below this many words the shares are noise (a headline alone is not enough).
MIN_WORDS = 20
# News prose in any of these languages has 25-45% function words from its
# list; 8% allows for lists, tables and short texts, and excludes the other
# languages (which hit a foreign list at 0-5%). Checked by tests/test_language.py.
MIN_SHARE = 0.08
# The winner must beat the runner-up clearly: mixed or unknown languages
# (Catalan between es/fr, say) then give None, not a coin toss.
MIN_LEAD = 2.0


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` among en, de, fr, es, it, pt, nl; else ``None``."""
    words = folded_letter_tokens(text[:1000])  # the [^\W\d_]+ words, lower-cased
    if len(words) < MIN_WORDS:
        return None
    hits = list(filter(None, map(_LANGUAGE_OF.get, words)))
    if not hits:
        return None
    # Ranked as Counter.most_common ranks (by count, a tie by first hit), by
    # list.count and list.index in C: a Counter is built and ranked by
    # interpreted code (collections, heapq).
    ranked = sorted((-hits.count(lang), hits.index(lang), lang) for lang in set(hits))
    count, best = -ranked[0][0], ranked[0][2]
    runner_up = -ranked[1][0] if len(ranked) > 1 else 0
    if count / len(words) < MIN_SHARE or count < MIN_LEAD * runner_up:
        return None
    return best
