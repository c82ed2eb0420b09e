"""Who said what: direct quotations, their speakers, and their wordings across outlets.

Stage: story analysis (see :mod:`newsprism.analysis`). Needs the clean text of
a story's articles; adds the report's ``quotes`` section.

Per article (:func:`extract_quotes`), with rules and a lexicon, no model:

* quotation marks are paired by shape and context, so straight, curly and
  mismatched marks all work; a paragraph that opens a quotation without
  closing it continues into the next paragraph when that one opens with a
  quotation mark (the newspaper convention for long quotes);
* a quotation split by its attribution (“A,” he said, “B.”) is one quote;
* the speaker is the subject of a speech verb next to the quotation ("…,”
  Blinken said", "said the Secretary of State", "Biden responded: “…”",
  "according to X"); a pronoun, or a paragraph that is nothing but a
  quotation, continues the previous speaker.

Per story (:func:`quotes_section`), speakers are resolved to one canonical
name (:mod:`newsprism.analysis.speakers`) and the same statement worded differently by
several articles becomes one entry with one variant per article.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from newsprism.analysis._speaker_model import (
    ANTECEDENT_BIAS,
    ANTECEDENT_RANKED,
    ANTECEDENT_THRESHOLD,
    ANTECEDENT_WEIGHTS,
    SHORT_QUOTE_BIAS,
    SHORT_QUOTE_THRESHOLD,
    SHORT_QUOTE_WEIGHTS,
)
from newsprism.analysis.speakers import (
    DOCUMENTS,
    INSTITUTIONS,
    PRONOUNS,
    SpeakerResolver,
    clean_speaker,
    surname,
)
from newsprism.models import Article


@dataclass(frozen=True)
class QuoteOptions:
    """Tuned constants of quote extraction and grouping."""

    # Quotations shorter than this are scare quotes or terms ("humanitarian
    # pauses"), not statements; PolNeAR's direct-quotation gold uses the same cut.
    min_words: int = 4
    # Two wordings of one statement share most content words: overlap
    # coefficient of content words at least this, checked on invented
    # rewordings in tests/test_quotes.py and on the seeds.
    same_statement: float = 0.5
    # ... and at least this many of them: two short statements on one topic
    # share one or two ("ceasefire", "time": Kirby's "We do not support a
    # ceasefire at this time" is not his "a general cease-fire would benefit
    # Hamas"), one utterance worded twice shares more ("think", "need",
    # "pause"). Checked on the seeds' variant gold (score.py seeds) and the
    # invented rewordings in tests/test_quotes.py.
    same_statement_words: int = 3
    # Most words between a quotation and its speech verb ("…,” the senior
    # official said"), and of a speaker phrase.
    speaker_words: int = 9
    # A shorter quotation is shown when the learned model of
    # :mod:`newsprism.analysis._speaker_model` gives it at least these log-odds of
    # being someone's words rather than a scare quote or a term (fitted on
    # PolNeAR train, checked on PolNeAR dev and the seeds by
    # benchmarks/fit_speakers.py). ``-inf`` keeps every one (for fitting).
    short_quote_logit: float = SHORT_QUOTE_THRESHOLD
    # Who a quotation with no speaker or a pronoun ("he said") refers back to
    # is chosen by the learned ranker of newsprism.analysis._speaker_model among the
    # people the article names around it (else by the rules: the earlier
    # speaker in the paragraph, the person reported before it, the last one).
    rank_antecedents: bool = ANTECEDENT_RANKED


# --------------------------------------------------------------- lexicon

# Verbs (and verb phrases) that introduce or close reported speech.
_SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|declared|declares|explained|"
    "explains|noted|notes|wrote|writes|tweeted|tweets|posted|posts|asked|asks|replied|"
    "replies|responded|responds|insisted|insists|warned|warns|argued|argues|claimed|"
    "claims|continued|continues|announced|announces|acknowledged|acknowledges|admitted|"
    "admits|recalled|recalls|urged|urges|stressed|stresses|emphasized|emphasised|"
    "emphasizes|emphasises|observed|observes|remarked|remarks|commented|comments|"
    "conceded|concedes|confirmed|confirms|predicted|predicts|suggested|suggests|"
    "pointed out|points out|puts it|put it|write|went on|goes on|according to|vowed|vows|"
    "promised|promises|"
    "boasted|boasts|joked|jokes|cautioned|cautions|countered|counters|agreed|agrees|"
    "shouted|shouts|told reporters|told the|wrote on|said in a statement|reiterated|"
    "reiterates|maintained|maintains|complained|complains|predicted|concluded|concludes|"
    "testified|testifies|quipped|quips|exclaimed|demanded|demands|asserted|asserts|"
    "reported|reports|read|reads|spoke|speaks|clarified|clarifies|elaborated|elaborates|detailed|details|described|describes|"
    "mused|muses|pleaded|pleads|answered|answers|retorted|cautioned|alleged|alleges|quip|"
    "accused|accuses|accusing|"
    # Cues PolNeAR train's annotators marked on direct quotations that the
    # lists above lacked (chanted 6, pledged 9, shot back 3, …).
    "chanted|chants|yelled|yells|interjected|interjects|proclaimed|proclaims|pledged|pledges|"
    "lamented|laments|recounted|recounts|whispered|screamed|shot back|fired back|"
    "assured|assures|reacted|remembered|scoffed|mocked|mocks|thundered|charged|"
    # ... and cues they marked on quotations whose speaker the subject
    # phrase before them missed (challenged 6, worried 5, blamed 5, …).
    "opined|wondered|wonders|challenged|blasted|knocked|worried|blamed|praised|"
    "criticized|criticised|questioned|thanked|argue|insist|contend|contended|contends"
)
# Participles that attach a quotation to the sentence's subject ("…, saying: “…”").
_PARTICIPLES = (
    "saying|adding|telling|writing|noting|declaring|insisting|warning|asking|"
    # ... and participles PolNeAR train's annotators marked (arguing 8, explaining 5, …).
    "arguing|explaining|stating|remarking|responding|recalling|urging|vowing|pledging|"
    "promising|claiming|complaining|suggesting|acknowledging|replying|tweeting|chanting|"
    # ... calling 38, yelling, shouting, joking, boasting, announcing.
    "calling|yelling|shouting|screaming|joking|boasting|announcing|predicting|conceding"
)
_VERB = re.compile(
    rf"\b(?:{_SPEECH_VERBS}|{_PARTICIPLES}|According to)\b"
)  # lower-case: "United States" is no verb

_OPENERS = "“„«‘"  # characters that can only open
_CLOSERS = "”»’"  # characters that can only close
_QUOTE_CHARS = '"“”„«»'
_WORD = re.compile(r"[\w’'-]+")
# The first word of every speech verb phrase: a set lookup over a text's
# lower-case words tells, far more cheaply than the long alternation of _VERB,
# that a text cannot hold one.
_SPEECH_FIRST_WORDS = frozenset(
    v.split()[0] for v in f"{_SPEECH_VERBS}|{_PARTICIPLES}".split("|")
) | {"according"}
_LOWER_WORDS = re.compile(r"[a-z]+")
# Whole words written in lower case (not the tail of "Dan" or "Kelly").
_LOWER_CASE_WORDS = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")


def _has_speech_word(text: str) -> bool:
    return not _SPEECH_FIRST_WORDS.isdisjoint(_LOWER_WORDS.findall(text.lower()))


_MARK = re.compile('["“”„«»‘’]')
_CLAUSE_BREAK = re.compile(r"[.;!?]\s|[—–]\s|\s[—–]\s|^\s*")


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation in one article."""

    article: str
    text: str  # the quoted words; parts of a split quotation joined by " … "
    speaker_text: str | None  # as written ("Mr. Blinken", "he", "a senior official")
    sentence: str  # the paragraph it stands in (the first one, for a long quote)
    paragraph: int
    # Who the speaker phrase most likely refers back to when it names nobody
    # ("he", "the top US diplomat", "the official"): the previous speaker, or
    # the earlier description with the same head noun ("a senior official").
    antecedent: str | None = None


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # index of the opening mark (or 0 for a continued quotation)
    end: int  # index just after the closing mark (or paragraph end)
    text: str
    open_at_end: bool  # not closed in this paragraph


# ------------------------------------------------------- per article


# For fitting the antecedent ranker: per quotation that refers back, its
# words, its speaker phrase (None or a pronoun), each candidate with its
# features, and whom the rules would choose.
Trace = list[tuple[str, str | None, list[tuple[str, tuple[float, ...]]], str | None]]


def extract_quotes(
    article_id: str,
    text: str,
    options: QuoteOptions = QuoteOptions(),
    trace: Trace | None = None,
    people: frozenset[str] | None = None,
) -> list[Quote]:
    """Every direct quotation of one article's clean text, with its speaker as written.

    ``people``: surnames (lower case) of the people the story names in full
    (``SpeakerResolver.full_names``); read from ``text`` alone when not given.

    ``trace``, when given, receives the antecedent candidates of each
    quotation that refers back (benchmarks/fit_speakers.py fits on them).
    """
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    quotes: list[Quote] = []
    last: str | None = None  # the previous named speaker (quoted or reported)
    described: list[str] = []  # indefinite descriptions so far ("a senior official")
    subject: str | None = None  # who the last paragraph without quotations was about
    subject_at = -1  # ... and that paragraph's index
    last_at = -1  # the paragraph that named ``last``
    lead_in: str | None = None  # who a paragraph ending in a colon was about
    lead_in_at = -1
    # A long quotation still open at the end of a paragraph: its parts, speaker,
    # the speaker it would fall back on, first paragraph and its text.
    pending: tuple[list[str], str | None, str | None, int, str, bool] | None = None
    # Capitalised words of the paragraphs before, counted only when a
    # quotation that refers back needs them (up to ``seen_upto``).
    seen: dict[str, int] = defaultdict(int)
    seen_upto = 0
    # Last words (lower case) of the people the story names in full, read
    # from the article only when a quotation refers back.
    named_in_full = people
    before_last: str | None = None  # the speaker named before ``last``
    history: list[str] = []

    def emit(
        parts: list[str],
        speaker: str | None,
        context: str | None,
        pi: int,
        sent: str,
        ranked: bool = False,
    ) -> str | None:
        nonlocal last, last_at
        whole = " ".join(parts)
        if ranked:
            pass  # the ranker weighed the paragraph before's subject already
        elif speaker is not None and _is_definite(speaker) and subject is not None:
            # "the top US diplomat": the person the article last wrote about.
            context = subject
        elif (
            speaker is not None
            and speaker.lower() in ("he", "she")
            and subject is not None
            and subject_at == pi - 1
            and last_at < subject_at
            and not _is_institution(subject)
        ):
            # "The minister, Edda Morrow, visited the rest centre …" then
            # "“…,” she said": the person of the paragraph just before.
            context = subject
        ante = _antecedent(speaker, context, described)
        if _show_title(sent, whole):
            return None  # "told CNN’s “State of the Union”": a name, not words said
        if len(_WORD.findall(whole)) < options.min_words or _is_title(whole):
            # Too short to be a statement, unless the learned model reads it
            # as someone's words ("Trump said he would “build a wall.”"),
            # not a scare quote or a term ("so-called “humanitarian pauses”").
            if not _is_title(whole) and short_quote_logit(sent, whole, speaker, text) >= (
                options.short_quote_logit
            ):
                quotes.append(Quote(article_id, whole, speaker, sent, pi, ante))
            # But “I disagree,” said Gen. Mick Bednarek. “The bottom line …”:
            # its named (or described: "said a former official") speaker goes on.
            if speaker is not None and (
                _names_someone(speaker) or speaker.split()[0].lower() in _INDEFINITE
            ):
                last, last_at = speaker, pi
                return speaker
            return None
        quotes.append(Quote(article_id, whole, speaker, sent, pi, ante))
        if speaker is not None and speaker.split()[0].lower() in _INDEFINITE:
            described.append(speaker)
        described_here = speaker is not None and speaker.split()[0].lower() in _INDEFINITE
        named = (
            speaker if speaker is not None and (_names_someone(speaker) or described_here) else ante
        )
        if named:
            last, last_at = named, pi
        return named

    for pi, para in enumerate(paragraphs):
        spans = _spans(para)
        if pending is not None:
            parts, spk, ctx, ppi, psent, pranked = pending
            if spans and spans[0].start == 0:
                first = spans.pop(0)
                parts.append(first.text)
                if first.open_at_end and not spans:
                    continue  # the quotation runs on into the next paragraph
                pending = None
                who = _speaker_around(para, first, [first, *spans], options)
                emit(parts, spk if who is None else who, ctx, ppi, psent, pranked and who is None)
            else:
                pending = None
                emit(parts, spk, ctx, ppi, psent, pranked)
        prev: str | None = None  # named speaker of the previous quotation here
        i = 0
        while i < len(spans):
            span = spans[i]
            parts = [span.text]
            j = i
            # “A,” he said, “B.” — one quotation split by its attribution.
            while j + 1 < len(spans) and _is_split(para, spans[j], spans[j + 1], options):
                j += 1
                parts.append(spans[j].text)
            whole = " … ".join(p.strip() for p in parts)
            speaker = _speaker_around(para, span, spans, options, last=spans[j])
            if speaker is None and span.start == 0 and j == len(spans) - 1:
                # A paragraph that is one quotation: signed on the next line
                # ("- Sanders.", "—Michelle Marks, Philadelphia."), or led in
                # by the paragraph before ("Cruz called them on it:").
                following = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else ""
                signed = _DASH_NAME.match(following)
                if signed is not None and len(following) < 80:
                    speaker = _plausible(signed.group(1))
                elif lead_in is not None and lead_in_at == pi - 1:
                    speaker = lead_in
            if speaker is not None and _opening_word(speaker, text):
                speaker = None
            if speaker is None:
                # “PENCE: Well, the question …”: a transcript's label opens
                # the quoted words.
                label = _TRANSCRIPT.match(whole)
                if label is not None and len(whole) > label.end() + 20:
                    named = label.group(1)
                    speaker = _plausible(named.title() if named.isupper() else named)
            # "Conrad Aubel said crews would stay overnight. “…,” he said":
            # the person reported earlier in the paragraph, before the last
            # one named anywhere.
            refers_back = speaker is None or speaker.lower() in PRONOUNS or _is_definite(speaker)
            ranked = speaker is None or speaker.lower() in PRONOUNS
            tracing = ranked and (options.rank_antecedents or trace is not None)
            reported = (
                _reported_speaker(para[: span.start], 0)
                if refers_back and (prev is None or tracing) and span.start > 0
                else None
            )
            context = prev or reported or last
            blocked = speaker is None and bool(
                _PASSIVE_LEAD.search(para[: span.start])
                or _other_subject(_last_sentence(para[: span.start]), context)
            )
            if blocked:
                # "… said he had been told it could be “another week”": the
                # words are someone else's, and who that is goes unsaid.
                # "Several Democratic lawmakers have introduced a resolution
                # “calling for …”": the sentence is about someone else than
                # the last speaker, and nothing says whose words these are.
                context = None
            if tracing:
                if named_in_full is None:
                    named_in_full = _named_in_full(text)
                for earlier in paragraphs[seen_upto:pi]:
                    for word in _CAPITALISED.findall(earlier):
                        seen[word.lower()] += 1
                seen_upto = max(seen_upto, pi)
                found = _antecedent_candidates(
                    _Around(
                        speaker=speaker,
                        para=para,
                        start=span.start,
                        prev=prev,
                        reported=reported,
                        last=last,
                        before_last=before_last,
                        last_gap=pi - last_at if last is not None else 0,
                        subject=subject if subject_at == pi - 1 else None,
                        subject_later=subject_at == pi - 1 and last_at < subject_at,
                        blocked=blocked,
                        rules=_by_rules(
                            speaker,
                            context,
                            subject if subject_at == pi - 1 else None,
                            last_at < subject_at,
                        ),
                        seen=seen,
                        named_in_full=named_in_full,
                    )
                )
                if trace is not None:
                    trace.append((whole, speaker, found, context))
                if options.rank_antecedents:
                    context = _best_candidate(found)
            ranked = ranked and options.rank_antecedents
            if spans[j].open_at_end and j == len(spans) - 1:
                pending = ([whole], speaker, context, pi, para, ranked)
                break
            named = emit([whole], speaker, context, pi, para, ranked)
            prev = named or prev
            i = j + 1
        real = [x for x in spans if len(_WORD.findall(x.text)) >= options.min_words]
        if not spans and para.endswith(":"):
            # "Cruz called them on it:" / "Clinton told the crowd:": whoever
            # the lead-in is about speaks the quotation that follows.
            closing = _last_sentence(para)
            lead_in = _speaker_before(closing, options) or _sentence_subject(closing)
            lead_in_at = pi
        if pending is None:
            who = _reported_speaker(para, real[-1].end if real else 0)
            if who is None and real and prev is None:
                # "Councillor Marguerite Lyle said she had written … after
                # residents reported that the crossing “rattled …”": the
                # quotation is the residents'; the person the paragraph
                # reports is who a following "she said" refers to.
                who = _reported_speaker(_outside_quotes(para, spans), 0)
            if who is not None:
                last, last_at = who, pi
        # Who a paragraph without statements is about ("US Secretary of State
        # Antony Blinken arrived in Israel on Friday."): what a following "the
        # top US diplomat" most likely refers to. Any quotation resets it.
        if real:
            subject = None
        else:
            about = _sentence_subject(_first_sentence(para))
            if about is not None:
                subject, subject_at = about, pi
        if last is not None and (not history or history[-1] != last):
            history.append(last)
            before_last = history[-2] if len(history) > 1 else None
    if pending is not None:
        parts, spk, ctx, ppi, psent, pranked = pending
        emit(parts, spk, ctx, ppi, psent, pranked)
    return quotes


_INDEFINITE = frozenset(["a", "an", "one", "another", "some", "several"])
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")


def _opening_word(speaker: str, article: str) -> bool:
    """A one-word speaker that is a participle or an adverb opening a sentence
    ("Holding signs …, the protesters chanted", "Across town, …", "Asked …"),
    written capitalised nowhere inside a sentence: no name ("Manning" is)."""
    if " " in speaker:
        return False
    low = speaker.lower()
    if not (low.endswith(("ing", "ly")) or low in _INTRO_WORDS or low in _OPENING_ADVERBS):
        return False
    return re.search(rf"[\w,;]\s+{re.escape(speaker)}\b", article) is None


_OPENING_ADVERBS = frozenset("across outside inside asked led partial".split())


@dataclass(frozen=True, slots=True)
class _Around:
    """What is known around a quotation that refers back, for the ranker."""

    speaker: str | None  # None or a pronoun
    para: str
    start: int  # where the quotation opens in ``para``
    prev: str | None  # named speaker of an earlier quotation in the paragraph
    reported: str | None  # the last person the paragraph reports speaking before it
    last: str | None  # the last person named as speaking anywhere before
    before_last: str | None  # ... and the one before that person
    last_gap: int  # paragraphs since ``last`` was named
    subject: str | None  # who the paragraph just before was about
    subject_later: bool  # ... named after the last speaker was
    blocked: bool  # the rules found the words to be someone else's
    rules: str | None  # whom the rules would choose
    seen: dict[str, int]  # how often each capitalised word stood in earlier paragraphs
    named_in_full: frozenset[str]  # surnames of the people the article names in full


# What each antecedent candidate is described by, in order (the names under
# which newsprism.analysis._speaker_model holds the ranker's weights).
ANTECEDENT_FEATURES = (
    "speaker of an earlier quotation in the paragraph",
    "reported as speaking earlier in the paragraph",
    "last speaker named",
    "subject of the paragraph before",
    "subject of the quotation's sentence",
    "subject of the paragraph's first sentence",
    "speaker before the last one",
    "the name nearest before it in the paragraph",
    "subject of the paragraph before, named after the last speaker",
    "the rules' choice",
    "found by several of these",
    "no speaker phrase",
    "no speaker phrase, last speaker",
    "pronoun, earlier quotation's speaker",
    "pronoun, reported in the paragraph",
    "pronoun, last speaker",
    "rules say someone else's words",
    "rules say someone else's words, last speaker",
    "quotation opens the paragraph",
    "paragraphs since the last speaker (/5)",
    "an institution",
    "he or she, an institution",
    "a name, not a description",
    "named in the paragraph before the quotation",
    "named in earlier paragraphs (/5)",
    "plural pronoun (they, we)",
    "a person the article names in full",
)


def _named_in_full(text: str) -> frozenset[str]:
    """Surnames (lower case) of the people ``text`` names with a first name
    ("Rudy Giuliani"): what tells a person from "Things", "Let's" or "On
    Twitter". On PolNeAR train the ranker weighs it +0.55 (fit_speakers.py)."""
    return frozenset(SpeakerResolver.from_texts([text]).full_names)


def _antecedent_candidates(at: _Around) -> list[tuple[str, tuple[float, ...]]]:
    """The people a quotation that refers back may be quoting, with features."""
    before = at.para[: at.start]
    sources: dict[str, set[str]] = defaultdict(set)
    found = {
        "prev": at.prev,
        "reported": at.reported,
        "last": at.last,
        "subject": at.subject,
        # Subjects of what the paragraph says outside quotation marks: the
        # first word of a quoted sentence ("My eyes were streaming") is no one.
        "sentence": _sentence_subject(_last_sentence(_outside_marks(before)))
        if at.start > 0
        else None,
        "opening": _sentence_subject(_first_sentence(_outside_marks(at.para)))
        if at.start > 0
        else None,
        "before_last": at.before_last,
        "nearest": _nearest_name(_outside_marks(_before_speaker(before, at.speaker))),
    }
    for source, name in found.items():
        if name is not None:
            sources[name].add(source)
    pronoun = at.speaker is not None
    plural = pronoun and at.speaker is not None and at.speaker.lower() in ("they", "we")
    he_she = pronoun and at.speaker is not None and at.speaker.lower() in ("he", "she")
    out: list[tuple[str, tuple[float, ...]]] = []
    for name, src in sources.items():
        if _half_of_a_pair(name, at.para) or (
            _opening_word(name, at.para) and name.lower() not in at.named_in_full
        ):
            continue  # "Health" of "Health and Human Services"; "Asked what …, she said"
        if (he_she or (pronoun and at.speaker is not None and at.speaker.lower() == "his")) and (
            _OWNED_GROUP.search(name) is not None
            or name.split()[0].lower() in _POSSESSIVE_DETERMINERS
            or (name.split()[0].lower() == "the" and _is_plural(name))
        ):
            continue  # "she" is no "Clinton’s campaign", "Sanders advisers", "Her economic plan"
        key = name.split()[-1].lower()
        institution = _is_institution(name)
        out.append(
            (
                name,
                (
                    float("prev" in src),
                    float("reported" in src),
                    float("last" in src),
                    float("subject" in src),
                    float("sentence" in src),
                    float("opening" in src),
                    float("before_last" in src),
                    float("nearest" in src),
                    float("subject" in src and at.subject_later),
                    float(name == at.rules),
                    float(len(src) > 1),
                    float(not pronoun),
                    float(not pronoun and "last" in src),
                    float(pronoun and "prev" in src),
                    float(pronoun and "reported" in src),
                    float(pronoun and "last" in src),
                    float(at.blocked),
                    float(at.blocked and "last" in src),
                    float(at.start == 0),
                    min(at.last_gap, 5) / 5 if "last" in src else 0.0,
                    float(institution),
                    float(he_she and institution),
                    float(_names_someone(name)),
                    float(key in before.lower()),
                    min(at.seen.get(key, 0), 5) / 5,
                    float(plural),
                    float(_POSSESSIVE_END.sub("", key) in at.named_in_full),
                ),
            )
        )
    return out


def _half_of_a_pair(name: str, para: str) -> bool:
    """One capitalised word of a name joined by "and": "Health" of "Health and
    Human Services Secretary Xavier Becerra", "Prevention" of "Centers for
    Disease Control and Prevention" (AllSides dev, where each was shown as the
    speaker a description referred back to)."""
    if " " in name:
        return False
    word = re.escape(name)
    return re.search(rf"\b{word}\s+and\s+[A-Z]|[A-Z][\w-]*\s+and\s+{word}\b", para) is not None


_POSSESSIVE_END = re.compile(r"[’']s$")
# A group or body someone named owns, or is named after: never "he" or "she".
_OWNED_GROUP = re.compile(
    r"(?:[’']s|^[A-Z][\w-]+)\s+(?:relatives|family|campaign|office|aides|lawyers|attorneys|team|"
    r"supporters|staff|administration|government|advisers|advisors|allies|critics|"
    r"opponents|friends|lawmakers|officials)$"
)
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*[a-z]")


def _outside_marks(text: str) -> str:
    """``text`` with what stands between quotation marks blanked."""
    return re.sub(r"[“\"][^”\"]*[”\"]", " ", text)


def _before_speaker(before: str, speaker: str | None) -> str:
    """Where a name the pronoun may stand for can be: before the pronoun's own
    sentence when the pronoun leads into the quotation ("He said America
    backs Israel’s “…”": names after it are what he spoke of)."""
    sentence = _last_sentence(before)
    if speaker is not None and re.search(rf"\b{re.escape(speaker)}\b", sentence, re.IGNORECASE):
        return before[: len(before) - len(sentence)]
    return before


_TIME_ZONE = re.compile(r"\s+(?:standard\s+|daylight\s+)?time\b")


def _nearest_name(text: str) -> str | None:
    """The last run of capitalised words in ``text`` that reads as a person's name."""
    for m in reversed(list(_NAME_RUN.finditer(text))):
        if m.group(0).endswith(("’s", "'s")):
            continue  # "Israel’s": whose, not who
        if _TIME_ZONE.match(text, m.end()):
            continue  # "7 a.m. Eastern time": a clock, not a person
        found = _plausible(m.group(0))
        if found is not None and _names_someone(found) and not _is_institution(found):
            return found
    return None


def _by_rules(
    speaker: str | None, context: str | None, subject: str | None, subject_later: bool
) -> str | None:
    """Whom the rules take a quotation to refer back to (see ``emit``)."""
    if (
        speaker is not None
        and speaker.lower() in ("he", "she")
        and subject is not None
        and subject_later
        and not _is_institution(subject)
    ):
        return subject  # "The minister, Edda Morrow, visited …" then "she said"
    return context


def _antecedent_logit(features: tuple[float, ...]) -> float:
    return ANTECEDENT_BIAS + sum(
        ANTECEDENT_WEIGHTS[name] * v for name, v in zip(ANTECEDENT_FEATURES, features, strict=True)
    )


def _best_candidate(found: list[tuple[str, tuple[float, ...]]]) -> str | None:
    """The most likely antecedent, or None when even it is unlikely (abstain)."""
    if not found:
        return None
    score, name = max((_antecedent_logit(f), n) for n, f in found)
    return name if score >= ANTECEDENT_THRESHOLD else None


def _names_someone(speaker: str) -> bool:
    """True for a name ("Blinken", "Mr. Herzog"), not a pronoun or description."""
    words = speaker.split()
    first = words[0]
    low = first.lower()
    if low == "the" and len(words) > 1:
        # "the Times", "The Hill", "the New York Times": a title names its
        # organisation; "The Indiana governor" is a description.
        return all(w[:1].isupper() or w in ("of", "and", "for") for w in words[1:])
    if _ROLE_THEN_NAME.match(speaker):
        return True  # "spokesman Stuart Roy"
    return first[:1].isupper() and low not in _DESCRIBERS and low not in PRONOUNS


# Words that open a clause setting the scene before the main one.
_SUBORDINATE = re.compile(
    r"(?:When|After|Before|While|Although|Though|Because|Since|If|Once|Until)\s"
)
_PASSIVE_LEAD = re.compile(
    r"\b(?:been|being|was|were|is|are|be)\s+(?:told|warned|assured|promised|informed|asked)\b"
    r"[^.!?“”\"]*$"
)


_TITLE_SMALL_WORDS = frozenset(
    "a an the and or of to in on for with at by from as is it vs".split()
)


def _is_title(text: str) -> bool:
    """ "This Week With George Stephanopoulos", "Make America Great Again": a
    title or slogan in title case, not a statement. On PolNeAR train a third
    of the quotations shown that no annotator marked (35 of 162) look so."""
    if text.upper() == text:
        return False  # "THIS IS NOT OK.": shouted, not a title
    words = [w for w in _WORD.findall(text) if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _show_title(para: str, quoted: str) -> bool:
    """A programme's or a paper's name after its owner: "told CNN’s “State of
    the Union”" (AllSides dev, shown as Jennifer Granholm's words)."""
    at = para.find(quoted)
    words = [w for w in _WORD.findall(quoted) if w.lower() not in _TITLE_SMALL_WORDS]
    return (
        at > 0
        and re.search(r"[A-Z][\w.-]*[’']s\s+[\"“]?$", para[:at]) is not None
        and len(words) >= 2
        and all(w[:1].isupper() for w in words)
    )


# Words right before a quotation that make it a name for something, not
# words someone said ("so-called “safe zones”", "what he dubbed “Obamacare”").
_NAMING_WORDS = frozenset(
    """called call calls calling dubbed dub named labeled labelled branded termed nicknamed
    deemed""".split()
)
# ... and words that mention a term rather than use it ("the word “ceasefire”").
_MENTION_WORDS = frozenset(
    "word words term terms phrase slogan so-called idea notion label".split()
)
_DETERMINER_WORDS = frozenset("a an the his her their its our my".split())
_DEMONSTRATIVES = frozenset("this that these those such".split())
_PERSONAL_WORDS = frozenset("i i'm i’m we we're we’re me us my our you your".split())
_SPEECH_WORD = re.compile(rf"\b(?:{_SPEECH_VERBS}|{_PARTICIPLES})\b", re.IGNORECASE)


# What short_quote_features measures, in order (the names under which
# newsprism.analysis._speaker_model holds the fitted weights).
SHORT_QUOTE_FEATURES = (
    "one word",
    "two words",
    "no speaker found",
    "speaker named",
    "speaker is a pronoun",
    "speech verb earlier in the sentence",
    "speech verb in the six words before",
    "speech verb in the four words after",
    "naming verb before (called, dubbed)",
    "mention word before (the word, so-called)",
    "determiner before (a, the, his)",
    "demonstrative before (these, such)",
    "'that' before",
    "'as' before",
    "opens with a capital",
    "title case",
    "ends with . ! ?",
    "ends with a comma",
    "first or second person word",
    "paragraph holds a long quotation",
    "lead-in ends with : or ,",
    "ends the sentence",
    "sentence goes on in lower case",
    "words before it in the sentence (/30)",
    "according to",
    "its words stand elsewhere in the article",
)


def short_quote_features(
    para: str, text: str, speaker: str | None, article: str
) -> tuple[float, ...]:
    """What tells a short quotation that is someone's words from a scare quote.

    One value per name in ``SHORT_QUOTE_FEATURES`` (same order): the
    quotation's shape, the words right around it, whether a speech verb
    governs its sentence, what kind of speaker the rules found, and whether
    the article uses the same words elsewhere (a term of the story, such as
    "humanitarian pauses", rather than a fragment of one statement).
    """
    at = para.find(text)
    before = para[:at] if at >= 0 else ""
    after = para[at + len(text) :] if at >= 0 else ""
    before = before.rstrip().rstrip(_QUOTE_CHARS + "‘’").rstrip()
    after = after.lstrip(_QUOTE_CHARS + "‘’")
    lead = _last_sentence(before)
    tail = _first_sentence(after)
    words = _WORD.findall(text)
    lead_words = [w.lower() for w in _WORD.findall(lead)]
    prev = lead_words[-1] if lead_words else ""
    near = " ".join(lead_words[-6:])
    has_long = _has_long_quotation(para)
    named = speaker is not None and _names_someone(speaker)
    pronoun = speaker is not None and speaker.lower() in PRONOUNS
    stripped = text.rstrip()
    return (
        float(len(words) == 1),
        float(len(words) == 2),
        float(speaker is None),
        float(named),
        float(pronoun),
        float(_SPEECH_WORD.search(lead) is not None),
        float(_SPEECH_WORD.search(near) is not None),
        float(_SPEECH_WORD.search(" ".join(_WORD.findall(tail)[:4])) is not None),
        float(prev in _NAMING_WORDS or " ".join(lead_words[-2:]) in ("known as", "described as")),
        float(prev in _MENTION_WORDS or any(w in _MENTION_WORDS for w in lead_words[-3:-1])),
        float(prev in _DETERMINER_WORDS),
        float(prev in _DEMONSTRATIVES),
        float(prev == "that"),
        float(prev == "as"),
        float(text[:1].isupper()),
        float(all(w[:1].isupper() for w in words) and len(words) > 1),
        float(stripped[-1:] in ".!?"),
        float(stripped[-1:] == ","),
        float(any(w.lower() in _PERSONAL_WORDS for w in words)),
        float(has_long),
        float(lead.rstrip()[-1:] in ":,"),
        float(after.lstrip()[:1] in ".!?" or not after.strip()),
        float(bool(re.match(r"\s+[a-z]", after))),
        min(len(lead_words), 30) / 30,
        float("according to" in lead.lower() or "according to" in tail.lower()),
        float(_elsewhere(article, text)),
    )


def _elsewhere(article: str, text: str) -> bool:
    """The quotation's words (two at least) stand in the article more than once."""
    words = _WORD.findall(text.lower())
    if len(words) < 2:
        return False
    return _article_words(article).count(" " + " ".join(words) + " ") > 1


# Cached: every short quotation of an article asks about the same text (a
# str caches its hash, so the key costs nothing after the first call).
@functools.lru_cache(maxsize=8)
def _article_words(article: str) -> str:
    """The article's words in lower case, one space between them and at each end."""
    return " " + " ".join(_WORD.findall(article.lower())) + " "


@functools.lru_cache(maxsize=64)
def _has_long_quotation(para: str) -> bool:
    return any(len(_WORD.findall(s.text)) >= 4 for s in _spans(para))


def short_quote_logit(para: str, text: str, speaker: str | None, article: str) -> float:
    """Log-odds that a short quotation is someone's words (the learned model)."""
    values = short_quote_features(para, text, speaker, article)
    return SHORT_QUOTE_BIAS + sum(
        SHORT_QUOTE_WEIGHTS[name] * v for name, v in zip(SHORT_QUOTE_FEATURES, values, strict=True)
    )


def _other_subject(sentence: str, context: str | None) -> bool:
    """The sentence leading into a quotation has a subject other than ``context``."""
    words = sentence.split()
    if len(words) < 3 or context is None:
        return False
    first = words[0].strip(",").lower()
    if first in PRONOUNS or first in _INTRO_WORDS or not words[0][:1].isupper():
        return False  # "He also played up …: “…”" goes on with the last speaker
    # "Clinton’s campaign" is about Clinton: an owner's name counts without its "’s".
    named = {_POSSESSIVE_END.sub("", w) for w in _WORD.findall(context.lower())} - _JOINING_WORDS
    return not {_POSSESSIVE_END.sub("", w) for w in _WORD.findall(sentence.lower())} & named


_JOINING_WORDS = frozenset("the a an of and for to in on at by mr ms mrs dr".split())


def _is_institution(name: str) -> bool:
    """ "Lessenford General Hospital", "Norvale Freight company": a body, never "he" or "she"."""
    return name.split()[-1].lower() in INSTITUTIONS


def _is_definite(speaker: str) -> bool:
    """ "the official", "the top US diplomat": a description that refers back."""
    words = speaker.split()
    return len(words) >= 2 and words[0].lower() == "the" and words[-1][:1].islower()


def _antecedent(speaker: str | None, last: str | None, described: list[str]) -> str | None:
    if speaker is None:
        return last
    if speaker.lower() in PRONOUNS:
        return last
    if _is_definite(speaker):
        head = speaker.split()[-1].lower()
        if head in DOCUMENTS and not any(w[:1].isupper() for w in speaker.split()[1:]):
            # "the letter read": the text speaks, not a person named before
            # ("the IMF report" still goes to the IMF).
            return None
        for earlier in reversed(described):
            if earlier.split()[-1].lower() == head:
                return earlier
        return last
    return None


_OPTIONS = QuoteOptions()
# Characters before a speech verb searched for its subject.
_SUBJECT_WINDOW = 400


def _reported_speaker(para: str, after: int) -> str | None:
    """The last person a paragraph reports as saying something outside quotations.

    "UN aid chief Martin Griffiths said that …" makes Griffiths the speaker a
    following quotation paragraph continues.
    """
    text = para[after:]
    if not _has_speech_word(text):
        return None
    found = None
    for m in reversed(list(_VERB.finditer(text))):
        # Only the sentence before the verb matters; a window keeps the cost
        # linear in long paragraphs with many verbs.
        who = _speaker_before(text[max(0, m.start() - _SUBJECT_WINDOW) : m.end()], _OPTIONS)
        if who is not None and who.lower() not in PRONOUNS and who[:1].isupper():
            found = who
            break
    if found is None and after == 0 and _VERB.search(text):
        # "Mr. Blinken, who was in Israel on Friday, reiterated …": the
        # subject opens the paragraph, the verb comes after an aside.
        opening = re.match(r"(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]+", text)
        if (
            opening is not None
            and "," in text[opening.end() : opening.end() + 2]
            and opening.group(0).lower() not in _INTRO_WORDS  # "However, …"
        ):
            found = opening.group(0)
    return found


def quotation_spans(para: str, options: QuoteOptions = QuoteOptions()) -> list[tuple[int, int]]:
    """(start, end) of the quotations of a paragraph that are statements, not scare quotes."""
    return [
        (s.start, s.end) for s in _spans(para) if len(_WORD.findall(s.text)) >= options.min_words
    ]


def _spans(para: str) -> list[_Span]:
    """Quotations of one paragraph, by pairing marks on their shape and context."""
    marks: list[tuple[int, str]] = []  # (index, "open" | "close")
    for found in _MARK.finditer(para):
        i = found.start()
        c = para[i]
        before = para[i - 1] if i else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        if c in "‘’":
            # Single marks double as apostrophes: only a mark at a word edge
            # that opens before a letter counts (British-style quotations).
            if c == "‘" and (before.isspace() or before in "([—–") and after.isalnum():
                marks.append((i, "open1"))
            elif c == "’" and not after.isalnum() and before in ".,!?":
                marks.append((i, "close1"))
            continue
        if c in _OPENERS:
            kind = (
                "close"
                if (
                    not before.isspace()
                    and before not in "([—–-"
                    and i
                    and (after.isspace() or after in ".,;:!?)" or i + 1 == len(para))
                )
                else "open"
            )
        elif c in _CLOSERS:
            kind = "open" if ((before.isspace() or i == 0) and after.isalnum()) else "close"
        else:  # straight quote: decided by what surrounds it
            kind = "open" if (i == 0 or before.isspace() or before in "([—–-") else "close"
            if (
                kind == "open"
                and i
                and (after.isspace() or after in ",.;:!?" or i + 1 == len(para))
            ):
                # "… the name of 'Clinton,' " said Bree Maxwell: a space
                # before, none of a word after: it closes an open quotation.
                kind = "either"
        marks.append((i, kind))
    spans: list[_Span] = []
    open_at: int | None = None
    single = [m for m in marks if m[1].endswith("1")]
    doubles = [m for m in marks if not m[1].endswith("1")]
    use = doubles if doubles else single
    nested = 0  # curly opening marks inside the open quotation not yet closed
    for i, kind in use:
        if kind == "either":
            kind = "close" if open_at is not None else "open"
        if kind.startswith("open"):
            if open_at is None:
                open_at = i
            elif para[i] == "“" and para[open_at] == "“":
                # “I’d rather live in what he calls “hell” than …”: a nested
                # quotation in the same curly marks closes before the outer one.
                nested += 1
            # Any other opening mark inside an open quotation is a stray
            # mark: the quotation stays open.
        elif open_at is not None and nested and para[i] == "”":
            nested -= 1
        elif open_at is not None:
            spans.append(_Span(open_at, i + 1, para[open_at + 1 : i].strip(), False))
            open_at = None
            nested = 0
        elif spans and para[i] == "”" and para[i - 1] in ".!?":
            # “A,” Blinken said. And B.” — a typo drops the opening mark of a
            # quotation that goes on after its attribution: B runs from the
            # sentence after the attribution to the closing mark.
            lead = _SENTENCE_END.search(para, spans[-1].end, i)
            if lead is not None and _VERB.search(para[spans[-1].end : lead.start()]):
                spans.append(_Span(lead.end() - 1, i + 1, para[lead.end() : i].strip(), False))
    if open_at is not None:
        spans.append(_Span(open_at, len(para), para[open_at + 1 :].strip(), True))
    return spans


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")


def _spans_after(para: str, first: _Span, spans: list[_Span]) -> list[_Span]:
    return [s for s in spans if s.start >= first.end]


def _is_split(para: str, a: _Span, b: _Span, options: QuoteOptions) -> bool:
    """True for “A,” he said, “B.”: a short attribution between two quotations."""
    between = para[a.end : b.start]
    if not a.text.endswith(",") and not between.lstrip().startswith(","):
        return False
    if not between.rstrip().endswith((",", ":")):
        return False
    words = _WORD.findall(between)
    if _SENTENCE_END.search(_masked_abbreviations(between)) is not None:
        # “Look at what you did,” Franken said. Silverman responded, “…”: a
        # sentence ends between them, so the second quotation is someone
        # else's answer, not the rest of the first.
        return False
    return 1 <= len(words) <= options.speaker_words and _VERB.search(between) is not None


def _masked_abbreviations(text: str) -> str:
    """``text`` with the period of a title or an initial ("Sen.", "J.") blanked."""
    return _ABBREVIATION_DOT.sub(lambda m: m.group(0)[:-1] + " ", text)


_ABBREVIATION_DOT = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|St|Jr|Sr|Rev|No|[A-Z])\."
)


def _speaker_around(
    para: str,
    span: _Span,
    spans: Sequence[_Span],
    options: QuoteOptions,
    last: _Span | None = None,
) -> str | None:
    """The speaker named next to a quotation: after it first, then before it.

    ``spans`` are all quotations of the paragraph; ``last`` is the final part
    of a quotation split by its attribution.
    """
    rest = spans
    end_span = last or span
    later = [s for s in spans if s.start >= end_span.end]
    # A term in quotation marks inside the attribution is part of it: “…,”
    # Texas delegate Bill Eastland, wearing “Ted Cruz” campaign pins, said.
    statements = [s for s in later if len(_WORD.findall(s.text)) >= options.min_words]
    right = para[end_span.end : statements[0].start if statements else len(para)]
    if len(statements) < len(later):
        right = _MARK_PAIR.sub(r"\1", right)
    right = _PARENTHESES.sub("", right)
    dashed = _DASH_NAME.match(right)
    if dashed is not None:
        # ”… ― Sonya Herridge: a reader's letter or a social-media post signed
        # with its author.
        return _plausible(dashed.group(1))
    led_in = para[: span.start].rstrip().endswith(":") and end_span.text.rstrip()[-1:] in ".!?"
    # "Mike Rubino …, writing in an email: “We want to utilize this ASAP.”
    # Steve Adler, rVotes' owner, said …": a quotation led in by a colon and
    # closed by a full stop is the lead-in's; what follows is a new sentence.
    who = (
        _speaker_after(right, options)
        if not led_in
        and _attribution_may_follow(
            end_span.text, right, para[end_span.end : later[0].start] if later else None
        )
        else None
    )
    if who is None and last is not None and last is not span:
        following = [s for s in spans if s.start >= span.end]
        between = para[span.end : following[0].start if following else len(para)]
        who = _speaker_after(_PARENTHESES.sub("", between), options)
    if who is None:
        # Back to the previous quotation that is a statement, not a scare
        # quote: “indirect engagement” inside the lead-in is part of it.
        left_start = 0
        for s in reversed([s for s in rest if s.end <= span.start]):
            if len(_WORD.findall(s.text)) >= options.min_words:
                left_start = s.end
                break
        lead = _PARENTHESES.sub("", para[left_start : span.start])
        if _PASSIVE_LEAD.search(lead):
            return None  # "he had been told it could be “…”": not his words
        heard = _HEARD.search(lead)
        # "a 911 call in which a woman is heard saying: “…”": the one heard,
        # not the subject of the sentence (AllSides dev, read_sections.py).
        who = heard.group(1) if heard is not None else _speaker_before(lead, options)
        closing = _last_sentence(lead)
        labelled = _LABEL_NAME.search(closing) if who is None else None
        if labelled is not None and _ADDRESSEE.search(closing, 0, labelled.start()) is None:
            # "More from Jones: “…”", "… doesn't surprise Republican pollster
            # Daron Shaw: “…”": a name right before the colon that opens the
            # quotation, with no speech verb, labels it.
            who = _plausible(labelled.group(1))
    if who is None and span.start < 40:
        # A transcript: "PENCE: Well, …" or "Mr. Kaine: “…”".
        label = _TRANSCRIPT.match(para)
        if label is not None and label.end() <= span.start + 1:
            who = _plausible(label.group(1))
    if who is None:
        # "…,” Mr. Herzog detailed: a name right after the quotation and a
        # verb of any kind.
        m = _NAME_THEN_VERB.match(right) if end_span.text.endswith((",", "?", "!")) else None
        if m is None and end_span.text.endswith(","):
            # "…,” Rochelle Hawkins, a mechanic who was at the yard during…":
            # a full name and its description after the quotation's comma
            # (the verb cut off with the excerpt; AllSides dev).
            m = _NAME_THEN_DESCRIPTION.match(right)
        if m is not None:
            who = _plausible(m.group(1))
    if who is None:
        who = _according_to(_outside_quotes(para, rest))
    if who is None:
        # "The promise to “take our country back” appeals to …, said Alan
        # Abramowitz, a demographer": the attribution that closes the
        # quotation's sentence governs all of it.
        who = _closing_attribution(_outside_marks(para[end_span.end :]), options)
    if who is None and span.start > 0:
        # "… for what Newt Gingrich called “the loudest …”", "Jacobs called
        # Merkel “The Chancellor of the Free World.”": the name right before
        # "called" is whose words these are.
        sentence = _last_sentence(para[: span.start])
        caller = _CALLER.search(sentence)
        if caller is not None:
            who = _plausible(caller.group(1))
        else:
            # "Clinton campaign chairman John Podesta called the Indiana
            # governor “…”", "one lawmaker called Trump “…”": whoever calls
            # someone something, named or described, says it.
            naming = _NAMING.search(sentence)
            if naming is not None and _PASSIVE_BEFORE.search(sentence, 0, naming.start()) is None:
                who = _subject(sentence[: naming.start()], options)
                if who is not None and who.split()[0].lower() == "the":
                    # "The harbour board called the pier “…”": a body's
                    # label for something, not words someone is quoted saying.
                    who = None
    if who is None and span.start > 0:
        # A partial quotation inside a sentence with no speech verb: "Gov.
        # Tomblin called for “new and innovative ideas.”" The sentence's
        # subject is the one being quoted.
        who = _sentence_subject(_last_sentence(para[: span.start]), pronoun=True)
    return who


_MARK_PAIR = re.compile(r"[“\"]([^“”\"]*)[”\"]")
_CALLER = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*[a-z])\s+(?:called|calls|dubbed|described)\s+"
    r"(?:(?:[A-Z][\w’'.-]*|him|her|them|it|this|that|the|a|his|their)\s+){0,3}(?:as\s+)?$"
)

_NAMING = re.compile(
    r"\s(?:called|calls|dubbed|labeled|labelled|branded|termed)\s+"
    r"(?:[\w’'.-]+\s+){1,4}(?:as\s+)?$|\s(?:described|referred\s+to)\s+(?:[\w’'.-]+\s+){1,4}as\s+$"
)
# "… is described on Amazon as": a passive, whose subject is what is named.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$")


def _attribution_may_follow(quoted: str, right: str, before_next: str | None = None) -> bool:
    """Whether the words after a quotation can be its attribution.

    “…,” X said / “…?” X asked: a comma, question or exclamation mark closes
    a quotation its attribution follows. After a full stop, only a short
    "X said." does ("“…” O’Malley’s move was first reported by MSNBC." is a
    new sentence); after no mark at all the sentence goes on ("… “cannot walk
    down the street” without reporters asking him"), and an attribution that
    closes it is found by _closing_attribution.
    """
    if quoted.rstrip()[-1:] != "." or right.lstrip()[:1] in ",—–":
        return True
    sentence = _first_sentence(right.strip())
    if before_next is not None and _first_sentence(before_next.strip())[-1:] not in ".!?":
        # “… the timing.” Gov. Pat McCrory said it would be “improper” …: the
        # sentence after the full stop runs on into a quotation of its own.
        return False
    m = _VERB.search(sentence)
    # ... and one that reports nothing more ("Russia insisted that Pyongyang
    # “stop …”" is a new statement).
    return (
        m is not None
        and len(_WORD.findall(sentence[: m.start()])) <= 4
        and _REPORTED_CLAUSE.search(sentence, m.end()) is None
    )


_REPORTED_CLAUSE = re.compile(r"\bthat\b|[“\"]")


def _closing_attribution(tail: str, options: QuoteOptions) -> str | None:
    """The speaker of ", said X." or ", X said." that ends the sentence ``tail`` opens."""
    sentence = _first_sentence(tail)
    if not _has_speech_word(sentence):
        return None
    for comma in re.finditer(r",\s+", sentence):
        rest = sentence[comma.end() :]
        m = _VERB.search(rest)
        if m is None:
            return None
        if m.start() == 0:
            return _inverted_subject(rest[m.end() :], options)
        # "X said" with at most a short tail ("on Tuesday", "in an interview"),
        # or a longer one of places and times only ("proclaimed to a cheering
        # crowd at the Democratic National Convention on Tuesday").
        tail = rest[m.end() :]
        if (
            len(_WORD.findall(tail)) <= 6
            or (len(_WORD.findall(tail)) <= 14 and _PLACE_TAIL.match(tail) is not None)
        ) and not re.search(r"\bthat\b", tail):
            who = _subject(rest[: m.start()], options)
            if who is not None:
                return who
    return None


_PLACE_TAIL = re.compile(r"^\s+(?:to|at|on|in|during|before)\s+[^,;:]*[.!?]?\s*$")
_INTRO_WORDS = frozenset(
    "in on at after before during speaking here meanwhile however earlier later still yet but "
    "alongside "
    "and also when while as since though although instead indeed today yesterday amid "
    "shortly with without despite under for from if once then so both monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
# Words that open a sentence but never a speaker phrase.
_NOT_SPEAKER_LEAD = _INTRO_WORDS - {"speaking"} | {
    "according",
    "to",
    "it's",
    "it’s",
    "there",
    "among",
    "even",
    "given",
    "preceded",
    "following",
    "including",
    "unlike",
    "like",
    "throughout",
    "whether",
    "besides",
}
_LEADING_NAME = re.compile(
    r"^((?:[A-Z][\w’'.-]*|of|the|de|al-\w+)(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|al-\w+))*)"
    # An apposition may run over several commas ("Morton Blackwell, founder
    # of the Leadership Institute, YAF member in the 1960s and …, endorsed").
    r"(?:(?:,\s[^,;:“”\"]{1,80}){1,3},)?\s+[a-z]"
)


_DESCRIPTION_COMMA_NAME = re.compile(
    r"^(?:(?:The|A|An|Its|His|Her|Their)\s[a-z]|[A-Z][\w.-]*[’']s\s)[^,;:“”\"]{0,60}[a-z],\s"
    r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+),\s+[a-z]"
)
_NAME_ROLE_NAME = re.compile(
    r"^((?:[A-Z][\w’'.-]*\s+){1,3}((?:[a-z][\w’'-]*\s+){1,3})"
    r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)\s+[a-z]"
)


# A sentence opened by a participle clause ("Reprising one of her lines, the
# former secretary of state …", "Asked by Thrush if …, Sharpton …"): the
# subject follows the comma.
_PARTICIPLE_LEAD = re.compile(
    r"^(?:[A-Z][a-z]{2,}ing\s+(?!(?:"
    + "|".join(sorted(_SPEECH_FIRST_WORDS))
    + r")\b)[a-z]+\b(?<!ed)|[A-Z][a-z]{2,}ed\s+(?:by|about|if|whether|for|at|on|in|with|to|"
    r"which|what|how|why|when|where|who)\b)"
)


def _role_words_only(words: str) -> bool:
    """Lower-case words that can be a role ("town councillor"), not a verb or a clause."""
    return not any(
        w in _NOT_ROLE or w.endswith(("ed", "ing", "ly")) or w in _SPEECH_FIRST_WORDS
        for w in words.split()
    )


def _sentence_subject(sentence: str, pronoun: bool = False, loose: bool = False) -> str | None:
    """The name that opens ``sentence`` as its subject; with ``pronoun``, also
    a pronoun subject ("He pledged “…”", "On his tax returns, he says …");
    with ``loose``, any description before a verb (a speech participle follows)."""
    text = sentence.strip()
    if not text:
        return None
    for _ in range(3):
        words = text.split(maxsplit=2)
        first = words[0].lower() if words else ""
        if (
            first in _JOINERS
            and len(words) > 1
            and (
                words[1][:1].isupper()
                or words[1].lower() in _JOINERS | _INTRO_WORDS | _SUBJECT_PRONOUNS
            )
        ):
            # "And then Trump went on the attack, saying, “…”": a joining word
            # before the subject opens no phrase that a comma closes.
            text = text.split(maxsplit=1)[1]
            continue
        # "On July 6, 2015, Sanders made …": an opening phrase may hold a comma.
        first = first.strip(",")
        if (
            first in _INTRO_WORDS
            or first in _TIME_NOUNS
            or _PARTICIPLE_LEAD.match(text)
            or first.isdigit()
        ) and ("," in text):
            text = text.split(",", 1)[1].strip()
        else:
            break
    if not text:
        return None
    opening = text.split(maxsplit=1)[:1]
    if pronoun and opening and opening[0].lower() in _SUBJECT_PRONOUNS:
        return opening[0]  # "On his tax returns, he says …"
    contracted = (
        _CONTRACTED_PRONOUN.match(text) if pronoun and not _DOUBLE_MARK.search(text) else None
    )
    if contracted is not None:
        return contracted.group(1)  # "It’s denouncing what it calls “…”"
    # "76-year-old Morton Blackwell, founder of …, endorsed": the age is no name.
    text = _LEADING_AGE.sub("", text)
    described = _DESCRIPTION_COMMA_NAME.match(text)
    if described is not None:
        # "The regional transport minister, Edda Morrow, visited …"
        return _plausible(described.group(1))
    titled = _NAME_ROLE_NAME.match(text)
    if titled is not None and _role_words_only(titled.group(2)):
        # "Council leader Rosalind Quarrie called …", "Oskerby town
        # councillor Marguerite Lyle said …": a place or body, a role in
        # lower case, then the person.
        return _plausible(titled.group(1))
    m = _LEADING_NAME.match(text)
    if m is None or (pronoun and m.group(1).split()[0].lower() in ("the", "a", "an", "my")):
        # "A Clinton campaign official later walked back …": a description
        # may hold a capitalised word.
        described_first = _described_subject(text, loose) if pronoun else None
        if described_first is not None or m is None or m.group(1).split()[0].lower() != "the":
            return described_first
    name = re.sub(r"\s+(?:of|the|de)$", "", m.group(1))
    if len(name.split()) > 8 or _half_of_a_pair(name, text[: m.end(1) + 40]):
        return None  # "Health and Human Services Secretary Xavier Becerra": not "Health"
    owned = _OWNED_SPEAKER.match(text, m.end(1)) if pronoun else None
    if owned is not None and _POSSESSIVE_END.search(name) is not None and name == m.group(1):
        # "Scott's relatives … said", "Grayson's spokeswoman challenged …":
        # whose, not who; the subject is the people or body they own.
        return _plausible(f"{name} {owned.group(1)}")
    found = _plausible(name)
    if found is None:
        return None
    words = found.split()
    if words[0].lower() == "the" and len(words) == 2:
        # "The Post reported …" names a body, but "The Republican vice
        # presidential nominee was speaking …" is a description: one
        # capitalised word after "the" counts only when a verb follows it.
        following = text[m.end(1) :].split(maxsplit=1)
        if not following or not following[0].endswith(("ed", "s")):
            # "The Republican nominee also outlined …": a description.
            return _described_subject(text, loose) if pronoun else None
    return found if _names_someone(found) or (pronoun and found.lower() in PRONOUNS) else None


_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])
# ... contracted before a verb of its own ("It’s denouncing", "He’s said"),
# not a dummy "It’s become such a presence that …".
_CONTRACTED_PRONOUN = re.compile(
    r"^((?i:he|she|they|we|it))[’'](?:s|ll|d|re|ve)\s+(?:[a-z]+ing|said|told|called|written)\b"
)
# What a named owner has that speaks ("Scott's relatives", "Cruz's campaign").
_OWNED_NOUNS = (
    r"(?:relatives|family|campaign|office|spokesman|spokeswoman|spokesperson|aides?|"
    r"lawyers?|attorneys?|team|supporters|wife|husband|son|daughter|mother|father|"
    r"brother|sister|staff|administration|government|advisers?|advisors?|allies|"
    r"critics|opponents|friends?|lawmakers|officials|spokespeople|camp|counsel)"
)
_OWNED_SPEAKER = re.compile(rf"\s+((?:[a-z]+\s+){{0,2}}{_OWNED_NOUNS})\b")
# ... and "his campaign sent", "her spokesman said": whose people, before a verb.
_OWNED_SUBJECT = re.compile(
    rf"^((?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z]+\s+)?{_OWNED_NOUNS})"
    r"\s+(?:[a-z]+(?:ed|s)|has|had|was|is|will|would|also|then|later|sent|told|spoke|wrote)\b"
)
# Words that join a sentence to the one before without opening a phrase.
_JOINERS = frozenset("and but so then also yet still even".split())
# "Hours later, Trump returned …", "Days after …": a time, never a name.
_TIME_NOUNS = frozenset("minutes hours days weeks months years moments decades last next".split())
_LEADING_AGE = re.compile(r"^\d+-year-old\s+(?=[A-Z])")


# "The retired neurosurgeon addressed …", "The president noted …": a
# description of a person before a verb. Its last word ends like an English
# noun of agent or role (-er, -or, -ist, -ian, -ent, -man, -ate, …): "The
# bill passed …" is no speaker. On PolNeAR train 7 more speakers right, none
# lost; dev unchanged (/tmp scripts over extract_quotes, the scorer's match).
_DESCRIBED_SUBJECT = re.compile(
    r"^((?:The|the|A|a|An|an|My|my|His|his|Her|her|Their|their|Our|our)\s+"
    r"(?:[A-Za-z][\w’'-]*\s+){0,3}?"
    r"[a-z][\w’'-]*(?:er|or|ist|ian|ent|ant|man|woman|person|ee|ate|ive|ial)s?)"
    r"\s+(?:[a-z]+(?:ed|s)|has|had|was|is|will|would|also|then|later|sent|told|spoke|wrote|made|took|gave|began)\b"
)
# With a speech participle after it ("…, saying"), any description before a
# verb is its subject ("the prince called for …", "The Florida senator sought
# …", "The conservative publication has been …").
_LOOSE_DESCRIBED_SUBJECT = re.compile(
    r"^((?:The|the|A|a|An|an|Several|several|Some|some|Many|many|Two|two|Three|three)\s+"
    r"(?:[A-Za-z][\w’'-]*\s+){0,3}?[a-z][\w’'-]*)"
    r"\s+(?:[a-z]+ed|has|had|was|is|will|would|also|then|later|sent|told|spoke|wrote|made|"
    r"took|gave|began|sought|went|came|held|kept|met|ran|saw|stood|brought|felt|found|led|"
    r"won|lost|struck|paid|built|drew|chose|fought|threw|knew|became|did|put|set|left)\b"
)


_DOUBLE_MARK = re.compile('[“”"]')
_THINGS_SAID = frozenset(
    "answer response reply remark remarks comment comments words claim".split()
)


def _described_subject(text: str, loose: bool = False) -> str | None:
    owned = _OWNED_SUBJECT.match(text)
    if owned is not None:
        return _plausible(owned.group(1))  # "his campaign sent out a text message"
    m = _DESCRIBED_SUBJECT.match(text)
    if m is None and loose:
        m = _LOOSE_DESCRIBED_SUBJECT.match(text)
    if (
        m is None
        or (  # "The senator’s answer was that …": what is said, not who
            _POSSESSIVE_END.search(m.group(1).split()[-2]) is not None
            and m.group(1).split()[-1].lower() in DOCUMENTS | _THINGS_SAID
        )
        or m.group(1).split()[-1].lower() in _NOT_ROLE
        or (m.group(1).split()[-1].lower() in _FUNCTION_LEAD)
    ):
        return None  # "The religious test for refugees originated"
    return _plausible(m.group(1))


def _outside_quotes(para: str, spans: Sequence[_Span]) -> str:
    out, at = [], 0
    for s in spans:
        out.append(para[at : s.start])
        at = s.end
    out.append(para[at:])
    return " ".join(out)


# "(D-Mo.)", "(R-La.)", "(AP)": asides inside a speaker phrase.
_PARENTHESES = re.compile(r"\s*\([^()]{0,40}\)")
# ... not an acronym the body goes by ("The Food and Drug Administration (FDA) said").
_NAME_ASIDE = re.compile(r"(?<=[a-z.])\s*\((?![A-Z]{2,6}\))[^()]{0,40}\)")
_DASH_NAME = re.compile(r"^\s*[―—–-]{1,2}\s*((?:[A-Z][\w’'.-]*\s*){1,5})\s*(?:[,(]|$)")
_TRANSCRIPT = re.compile(r"^((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*)\s?:\s")
_SUBJECT_STOP = re.compile(
    r"\b(?:and|but|while|as|when|after|before|because|although|though|who|which|that|in|on|at|"
    r"where)\b",
    re.IGNORECASE,
)


def _last_clause(text: str) -> str:
    """What follows the last clause break of ``text`` (see _SUBJECT_STOP).

    An "and" between two capitalised words joins one name ("Brantshire Fire
    and Rescue", "Department of Health and Human Services") or two named
    speakers ("Biden and Harris said"): it is no break, and the subject is
    not cut down to its last word.
    """
    start = 0
    for m in _SUBJECT_STOP.finditer(text):
        if m.group().lower() == "and":
            before = text[: m.start()].split()[-1:]
            after = text[m.end() :].split()[:1]
            if before and after and before[0][:1].isupper() and after[0][:1].isupper():
                continue
        start = m.end()
    return text[start:]


_ASPECTUAL = re.compile(r"continue[sd]?$|went on$|goes on$", re.IGNORECASE)
_INFINITIVE = re.compile(r"\s+to\s+(?!say\b|ask\b|add\b|tell\b|note\b|warn\b)[a-z]")


def _speaker_after(right: str, options: QuoteOptions) -> str | None:
    """The speaker in the words right after a quotation."""
    sentence = _first_sentence(right.strip()).lstrip(" ,.;:—–-")
    if not sentence:
        return None
    m = _VERB.search(sentence)
    if m is None:
        return None
    if _ASPECTUAL.match(m.group(0)) and _INFINITIVE.match(sentence, m.end()):
        # "“going in the wrong direction” as the number of cases continues to
        # rise": "continue to" tells what goes on, no one's saying (AllSides dev).
        return None
    # The comma before the verb stays: it marks an apposition to step over
    # ("…,” Brent Bozell III, founder of the Media Research Center, tells").
    before = sentence[: m.start()].lstrip(" ,").rstrip()
    if not before and m.group(0).endswith("ing"):
        # "“…,” promising the Friends of Abe will return": the participle
        # goes on with the sentence's subject; what follows is its object.
        return None
    if before.split()[:1] and before.split()[0].lower() in ("and", "but"):
        # "“… of Chicago,” and he said he hoped …": a new clause of the
        # sentence, whose subject is not the quotation's attribution.
        return None
    if before.strip(" ,"):
        # “…,” Blinken said / “…,” the senior official told reporters. Only
        # the last clause before the verb: a stray mark or an aside before
        # it is not part of the name.
        found = _subject(before, options)
        if found is not None or not before.endswith(","):
            return found
        # “A” if she loses, said David Wasserman: the words before the verb
        # end the quoted sentence; the subject follows the verb.
    return _inverted_subject(sentence[m.end() :], options)


def _inverted_subject(after: str, options: QuoteOptions) -> str | None:
    """The subject after a speech verb: "said Blinken, who …", "said a spokesman, Declan Hurst"."""
    named = _DESCRIPTION_THEN_NAME.match(after)
    if named is not None:
        return _plausible(named.group(1))
    after = _clause_head(after)
    after = _SUBJECT_STOP.split(after, maxsplit=1)[0]
    # "said former tech executive Carly Fiorina during the debate", "tweeted
    # a German user from Hanover going by …": where and when end the subject.
    after = _PLACE_OR_TIME.split(after, maxsplit=1)[0]
    return _within_speaker_words(after, options)


def _within_speaker_words(subject: str, options: QuoteOptions) -> str | None:
    """``subject`` when it is short enough to be a speaker phrase; a long
    one cut before where a named person is from ("Stephen Vladeck of the
    University of Texas School of Law", "Jeffrey Lewis of the James Martin
    Center for Nonproliferation Studies")."""
    words = _WORD.findall(subject)
    if len(words) > options.speaker_words:
        subject = subject.split(" of ", 1)[0]
        words = _WORD.findall(subject)
    if 1 <= len(words) <= options.speaker_words:
        return _plausible(subject)
    return None


_PLACE_OR_TIME = re.compile(r"\s(?:during|from)\s")


_DESCRIPTION_THEN_NAME = re.compile(
    r"^\s+(?:a|an|the|its|his|her|their)\s[^,.;:]{2,50},\s+((?:[A-Z][\w’'.-]*\s?){1,4})(?=[,.;]|$)"
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|St|Jr|Sr|Rev|No)|\b[A-Z])\.$"
)


def _clause_head(text: str) -> str:
    """Text up to the first clause mark; a title's period ("the Rev. Ann Oduya") is none."""
    for m in re.finditer(r"[,;:.!?()]|\s[—–]\s", text):
        if m.group(0) != "." or not _ABBREVIATIONS.search(text[: m.end()]):
            return text[: m.start()]
    return text


def _first_sentence(text: str) -> str:
    """Text up to the first sentence end that is not an abbreviation ("Mr.")."""
    for m in re.finditer(r"[.!?](?=\s)", text):
        if not _ABBREVIATIONS.search(text[: m.end()]):
            return text[: m.end()]
    return text


_NAME_THEN_VERB = re.compile(
    r"^[\s,]*((?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'-]+|he|she|they)\s+[a-z]+(?:ed|s)\b"
)

_NAME_THEN_DESCRIPTION = re.compile(
    r"^[\s,]*((?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+),\s+(?:a|an|the)\s+\w"
)


def _plausible(phrase: str) -> str | None:
    """A speaker phrase only if it looks like one: a name, a pronoun or a description."""
    text = clean_speaker(phrase)
    if text is None or any(c in text for c in _QUOTE_CHARS):
        return None
    owner = _LAST_OWNER.search(text)
    if owner is not None and owner.start() > 0:
        # "Take MSNBC’s Nicolle Wallace’s [contention]": the last one named
        # before the words they own (AllSides dev, read_sections.py quotes).
        return _plausible(owner.group(1))
    words = text.split()
    first = words[0]
    if (
        first.lower() in _POSSESSIVE_DETERMINERS
        and len(words) > 1
        and words[1][:1].islower()
        and words[1].lower() not in _PRONOUN_TAIL
        and len(words) <= 6
        and not any(w.lower().strip(",.") in _COPULAS | _WEEKDAYS for w in words)
    ):
        # "his friend Mahamat Saleh Oumar", "his colleague": a description.
        return text
    if first.lower() in PRONOUNS:
        # A pronoun is a whole subject: what may follow it before the verb
        # is an auxiliary or an adverb ("he also", "she would later"). Other
        # words mean the "verb" found belongs to another clause ("…,” though
        # he did not provide more details": "details" is a noun there).
        if all(w.lower() in _PRONOUN_TAIL for w in words[1:]):
            return first
        return None
    for at, w in enumerate(words[1:], 1):
        if w.lower().strip(",.") in _WEEKDAYS and all(v[:1].isupper() for v in words[:at]):
            # "Broaddrick Sunday night": when, not part of who.
            return _plausible(" ".join(words[:at]))
        if w in _WHEN_WORDS and all(v[:1].isupper() for v in words[:at]):
            # "Sanders during a Sunday [rally] thanked …": when, not who.
            return _plausible(" ".join(words[:at]))
        if w.lower() in _REPORTING_WORDS:
            # "Senate Majority Leader Mitch McConnell says he": the subject
            # ends where its speech verb begins ("… sources have said").
            head = _TRAILING_AUX.sub("", " ".join(words[:at])).strip()
            if not head or head.split()[-1].lower() in ("and", "or", "but"):
                return None
            return _plausible(head)
    if len(words) == 1 and first.lower() in ("a", "an", "the", "this"):
        # An article alone names no one ("another" may; "his" refers back).
        return None
    if len(words) > 1 and (
        first.lower() in _PREPOSITIONS or any(w.lower() in _COPULAS for w in words[1:])
    ):
        # "In other words", "In the case of Wyoming": a prepositional phrase
        # is no subject; "The statements are consistent with …", "Hillary
        # Clinton was": a clause, whose subject a rule here cannot trust.
        # On PolNeAR train the speakers shown for 22 found quotations change,
        # nearly all such phrases before ("O’Malley’s move was", "a reporter
        # can be heard", "One guy came in and said …"); on dev one.
        # A quotation left without one abstains.
        return None
    if first.lower().strip(",") in _NOT_SPEAKER_LEAD or (
        first[:1].isupper() and first.lower() in _FUNCTION_LEAD
    ):
        # "But Megan Hester", "When Trump", "Amid", "Tuesday": a sentence's
        # opening word, not part of a name; "Both Bolton and Gorka" is no one.
        if first.lower() == "both" or len(words) == 1:
            return None
        return _plausible(" ".join(words[1:]))
    if first[:1].isupper() or first.lower() in _DESCRIBERS:
        return text
    if _PEOPLE.match(text) and _role_words_only(text):
        # "residents reported that …", "health officials said": people
        # described in the plural, without a name.
        return text
    if _ROLE_THEN_NAME.match(text) and not any(
        w in _NOT_ROLE or w.endswith(("ing", "ly")) for w in _LOWER_CASE_WORDS.findall(text)
    ):
        # "veteran analyst Charlie Cook", "spokesman Stuart Roy": a role
        # written in lower case before the name.
        return text
    titled = _ROLE_OF_NAME.match(text.split(" and ")[0])
    if titled is not None and _role_words_only(
        " ".join(w for w in _LOWER_CASE_WORDS.findall(titled.group(1)) if w not in ("of", "the"))
    ):
        # "master of ceremonies Asab Al-Tabchi", "state Senate leader Phil
        # Berger and House Speaker Tim Moore": the (first) name after a role.
        return titled.group(2)
    return None


_POSSESSIVE_DETERMINERS = frozenset("his her their its".split())
_PREPOSITIONS = frozenset(
    "in on at for from with without under during after before since despite amid into".split()
)
_COPULAS = frozenset("is are was were be been".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_WHEN_WORDS = frozenset("during after before since amid".split())
_REPORTING_WORDS = frozenset("said says told tells added adds responded wrote writes".split())


# A role of lower- and upper-case words that may hold "of" and "the", then a name.
_ROLE_OF_NAME = re.compile(
    r"^([a-z0-9][\w’'/-]*\s+(?:[a-z][\w’'-]*\s+|[A-Z][\w’'.-]*\s+){0,6}?)"
    r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*[a-z][\w’'-]*)$"
)


# One to three lower-case words, the last a plural noun ("local residents").
_PEOPLE = re.compile(r"^(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*[^s\W]s$")
# Words that show a lower-case lead is a clause, not a role ("until Haley",
# "once the Senate").
_NOT_ROLE = frozenset(
    """until once when while after before as if because since then and but or so the a an
    of to in on at by for with from that this than who which where whom said says""".split()
)
# Lower-case role words, then a capitalised name of one to four words; the
# name's last word is no verb or adverb ("analyst Cook", not "aides Told").
# Capitalised words may stand among the role words ("former Vermont governor
# Howard Dean", "former State policy planning director Anne-Marie Slaughter").
_ROLE_THEN_NAME = re.compile(
    r"^[a-z][\w’'-]*\s+(?:[a-z][\w’'-]*\s+|[A-Z][\w’'.-]*\s+){0,7}[A-Z][\w’'-]*[a-z][\w’'-]*$"
)


# What may stand between a pronoun subject and its speech verb.
_PRONOUN_TAIL = frozenset(
    """also later then again once previously first last further repeatedly recently earlier
    subsequently himself herself themselves itself both all too has have had will would
    could should might may can did does do""".split()
)


# Function words that open a sentence, never a name ("Those", "More", "Last").
_FUNCTION_LEAD = frozenset(
    """about again against all any are be because been before being between both by can
    could did do does during each few for from further had has have having here how if
    into is just more most no nor not now off only or other our out over own same should
    so such than that these those through too under up very was were what where why with
    yet last next first""".split()
)
# Words that open a description of a speaker ("a senior official", "one
# witness", "another resident").
_DESCRIBERS = frozenset(
    [
        "a",
        "an",
        "the",
        "one",
        "another",
        "two",
        "three",
        "several",
        "some",
        "many",
        "his",
        "her",
        "their",
        "its",
        "this",
        "my",
        "our",
    ]
)


def _is_name_or_description(phrase: str) -> bool:
    """ "Spicer", "A Clinton campaign official", not a clause that holds a
    verb ("Gowdy did not release further")."""
    words = phrase.split()
    if words[0].lower() in _DESCRIBERS:
        return len(words) <= 5 and not any(w.endswith("ed") for w in words[1:])
    if _ROLE_THEN_NAME.match(phrase) is not None and _role_words_only(
        " ".join(_LOWER_CASE_WORDS.findall(phrase))
    ):
        return True  # "veteran analyst Charlie Cook"
    return all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)


_NAME_PARTICLES = frozenset("of the de da di van von bin al".split())


def _speaker_before(left: str, options: QuoteOptions) -> str | None:
    """The speaker in the words right before a quotation (“X said: …”)."""
    # Only the sentence (and clause) that leads into the quotation.
    clause = _last_sentence(left.rstrip()).split(";")[-1]
    # "Sen. Mark Kelly (Ariz.) criticized …": an aside after a name is no part
    # of the subject ("LONDON (Reuters) - …" is a dateline: left as it is).
    clause = _NAME_ASIDE.sub("", clause)
    # "once the Senate goes on recess, “…”": "goes on" reports speech only
    # with nothing or "to say" after it.
    # "Ginsburg’s comments “…”", "his remarks": a speech word after a
    # possessive is a noun; so is a plural after a quoted adjective
    # ("Trump’s “divisive” and “mean-spirited” comments do not “…”").
    verbs = [
        v
        for v in _VERB.finditer(clause)
        if not _GOES_ON_ELSEWHERE.match(clause, v.start())
        and _POSSESSOR_BEFORE.search(clause, max(0, v.start() - 8), v.start()) is None
        and not (v.group(0).endswith("s") and re.search(r"[”\"]\s+$", clause[: v.start()]))
    ]
    prompted = _PROMPTED.search(clause)
    if prompted is not None:
        # "…, prompting the state’s governor to ask: “…”": the one prompted speaks.
        return _plausible(prompted.group(1))
    if not verbs:
        return None
    while len(verbs) > 1 and re.search(r"\bto\s+$", clause[: verbs[-1].start()]):
        # "Rubio said that by refusing to say the words …, Democrats are
        # “…”": an infinitive is no one's saying; the verb before it governs.
        verbs = verbs[:-1]
    m = verbs[-1]
    if _PASSIVE_LEAD.search(clause[: m.end()]):
        return None  # "he had been told": its subject heard the words
    subordinate = _SUBORDINATE.match(clause.lstrip())
    comma = clause.find(",", m.end())
    if subordinate is not None and comma >= 0 and _WORD.search(clause, comma):
        # "When Trump suggested that Cuba would sue …, Rubio fired back:
        # “…”": the speech verb is in the clause that sets the scene; the
        # main clause after the comma says who speaks.
        return None
    if _AND_BEFORE.search(clause, 0, m.start()) is not None:
        # "Lazar said he welcomed extradition … and added, “…”", "Grayson's
        # spokeswoman challenged the assertion …, and said he “…”": the verb
        # shares the subject of the sentence.
        for earlier in reversed(verbs[:-1]):
            named = _subject(clause[: earlier.start()], options)
            if named is not None and _is_name_or_description(named):
                return named
        return _sentence_subject(clause[: m.start()], pronoun=True)
    if m.group(0).endswith("ing"):
        # "with Gorka noting “…”": a name right before the participle is its
        # subject; else "Rep. Hakeem Jeffries reacted to the news, saying:
        # “…”": the sentence's.
        right_before = re.search(
            r"\bwith\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:[a-z]+ly\s+)?$",
            clause[: m.start()],
        )
        if right_before is not None:
            return _plausible(right_before.group(1))
        # "… next week, Spicer said, adding, “…”": the participle goes on
        # from the speech verb before it, and with that verb's subject.
        for earlier in reversed(verbs[:-1]):
            if not earlier.group(0).endswith("ing"):
                named = _subject(clause[: earlier.start()], options)
                if named is not None and (
                    _is_name_or_description(named) or named.lower() in _SUBJECT_PRONOUNS
                ):
                    return named  # … also "“Filth out!” she wrote, arguing that …"
                break
        # "A timeline was not laid out, but Austin directed a rapid pace,
        # telling …": the subject of the clause the participle follows.
        own = _CLAUSE_JOIN.split(clause[: m.start()])[-1]
        # Any description, unless a preposition makes the participle a noun:
        # "The effort aimed at recalling Newsom" is no one speaking.
        governed = re.search(r"\b(?:at|for|by|of|about|in|on|from|after|before|without)\s+$", own)
        return _sentence_subject(own, pronoun=True, loose=governed is None)
    if m.group(0).lower() == "according to":
        after = clause[m.end() :]
        after = re.split(r"[,;:]", after, maxsplit=1)[0]
        return _plausible(after) if _WORD.findall(after) else None
    # Only a short tail between the verb and the quotation ("said on Friday
    # that", "told reporters:"), else the verb belongs to another clause.
    # "told reporters … on condition of anonymity that there had been …":
    # a reported clause introduced by "that" may run long before the quote.
    tail = clause[m.end() :]
    limit = 40 if re.search(r"\bthat\b", tail) else 10
    if len(_WORD.findall(tail)) > limit or _CLAUSE_GOES_ON.search(tail) is not None:
        # "the speech, in which Per Lind praised the plan, was “…”": the verb
        # is in a clause inside the sentence, whose own verb follows it.
        return None
    lead = clause[: m.start()].rstrip()
    opening = lead.split()[:1]
    if (
        lead.endswith(",")
        and "," not in lead[:-1]
        and opening
        and opening[0].lower() in _INTRO_WORDS
    ):
        # "In other words, explained CBS moderator Nancy Cordes: “…”": an
        # opening phrase, then the verb, then its subject.
        inverted = _inverted_subject(" " + tail.rstrip(" :,"), options)
        if inverted is not None:
            return inverted
    who = _subject(clause[: m.start()], options)
    if who is not None and who.lower() in PRONOUNS:
        # "Netanyahu said … that he told Blinken that “…”": the pronoun is
        # the subject of the earlier speech verb in the same sentence.
        for earlier in reversed(verbs[:-1]):
            named = _subject(clause[: earlier.start()], options)
            if named is not None and _names_someone(named):
                return named
    return who


_PROMPTED = re.compile(
    r"\b(?:prompting|prompted|leading|led|forcing|forced|inviting|invited|causing|caused)\s+"
    r"((?:(?:the|a|an|his|her|their)\s+|[A-Z][\w.-]*[’']s\s+)?(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)"
    r"\s+to\s+(?:ask|say|tell|declare|write|tweet|add|warn|wonder)\b[^.;“”\"]{0,40}[:,]?\s*$"
)
_CLAUSE_GOES_ON = re.compile(r",\s+(?:was|is|were|are)\b")
_CLAUSE_JOIN = re.compile(r"[,;]\s+(?:but|and|while|yet|whereas)\s+(?=[A-Z]|he\b|she\b|they\b)")
# A speech verb joined to the predicate before it ("… and added", ", and
# later said").
_AND_BEFORE = re.compile(r"\sand\s+(?:also\s+|then\s+|later\s+|[a-z]+ly\s+)?$")


def _subject(text: str, options: QuoteOptions) -> str | None:
    """The noun phrase that ends ``text`` (the subject of the verb after it).

    An apposition between subject and verb ("Michael Mulgrew, president of
    the teachers' union, said") is stepped over to the name before it.
    """
    # "Michael Sexton, subsequently testified", "could only quip": adverbs
    # and auxiliaries between the subject and its verb.
    text = _TRAILING_ADVERBS.sub("", text)
    pieces = re.split(r"[,;:()“”\"]|\s(?:[—–]|--)\s", text)
    tail = pieces[-1].lower().split()
    if len(pieces) > 1 and tail[:1] == ["who"] and len(tail) <= 3:
        # "… such as Sen. Marco Rubio of Florida, who mused …": the relative
        # pronoun's antecedent, the name that ends the clause before it.
        pieces = pieces[:-1]
        named = _TRAILING_NAME.search(pieces[-1])
        if named is None and len(pieces) > 1 and _LOWER_APPOSITION.search(pieces[-1]):
            # "McConnell, now the Senate majority leader, who in 2010 said":
            # the name before the apposition.
            named = _TRAILING_NAME.search(pieces[-2])
        if named is not None:
            return _plausible(named.group(1))
    pieces[-1] = _TRAILING_AUX.sub("", pieces[-1])
    if pieces[-1].strip():
        described = _before_relative_clause(pieces[-1], options)
        if (
            described is not None
            and len(pieces) > 1
            and described.split()[0].lower() in (_DESCRIBERS)
        ):
            # "Nate Silver, the polling guru who founded fivethirtyeight.com
            # tweeted": the description is an apposition to the name before.
            named = _TRAILING_NAME.search(pieces[-2])
            if named is not None and _plausible(named.group(1)) is not None:
                return _plausible(named.group(1))
        pieces = pieces[-1:]  # no comma before the verb: no apposition either
    fallback: str | None = None
    skipped = 0
    for at in range(len(pieces) - 1, -1, -1):
        piece = pieces[at]
        stripped = piece.strip()
        if not stripped:
            continue
        first = stripped.split()[0].lower()
        # An apposition between the subject and its verb: ", 67,", ", who
        # lives near the crossing,", ", the union's president,". Stepped over;
        # so is one capitalised word that ends one ("Clinton, during a town
        # hall meeting in Columbus, Ohio, said").
        is_apposition = (
            stripped[:1].islower()
            or stripped[:1].isdigit()
            or first in _DESCRIBERS
            or (
                at > 1
                and " " not in stripped
                and _LOWER_APPOSITION.search(pieces[at - 1]) is not None
            )
        )
        if is_apposition and skipped < 3 and len(pieces) > 1:
            skipped += 1
            if fallback is None and first in _DESCRIBERS:
                fallback = _plausible(stripped)
            continue
        clause = _last_clause(piece)
        clause = _TRAILING_AUX.sub("", clause.strip()).strip()
        found = _within_speaker_words(clause, options)
        if found is None:
            found = _before_relative_clause(piece, options)
        if (
            (found is None or not _is_name_or_description(found) or clause != stripped)
            and first in _DESCRIBERS
            and _DESCRIPTION_STOP.search(stripped) is None
        ):
            # "a narrator in the Clinton ad asks", "the former secretary of
            # state and current Democratic presidential nominee said": a
            # description holds "in" and "and"; its head opens it.
            found = _within_speaker_words(_TRAILING_AUX.sub("", stripped).strip(), options) or found
        if found is not None and (_names_someone(found) or found.lower() in PRONOUNS):
            return found
        return found or fallback
    return fallback


# Words that end a description opened by an article with a clause of its own.
_DESCRIPTION_STOP = re.compile(
    r"\b(?:but|while|as|when|after|before|because|although|though|who|which|that|where|"
    r"said|says|told|is|are|was|were|has|have|had|went|goes|to)\b|[A-Z][\w’'-]*\s+[a-z]+(?:ed|s)\b"
    r"|\b(?:in|on|at|during)\s+(?:\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|\band\s+[A-Z]"
)
_RELATIVE = re.compile(r"\s(?:who|which)\s")


def _before_relative_clause(piece: str, options: QuoteOptions) -> str | None:
    """The subject a relative clause describes: "a White House official who
    spoke anonymously to discuss internal strategy said" is the official's."""
    found = None
    for m in _RELATIVE.finditer(piece):
        found = m
    if found is None:
        return None
    head = piece[: found.start()].strip()
    if not head or _SUBJECT_STOP.search(head) is not None:
        return None  # "Democrats in Iowa who watched …": where the head ends is unclear
    who = _within_speaker_words(head, options)
    if who is None or not _is_name_or_description(who):
        return None
    return who


# An apposition opening in lower case or with an article: one capitalised
# word after it ends it ("…, outside of the state capital, Sacramento, said"),
# it is no subject. On PolNeAR train the speakers of 5 quotations become the
# person instead of the place (three of them count as right either way, the
# gold being a pronoun), 2 lose a name that the gold prefers ("the hacker
# known as “Guccifer”"); dev unchanged.
_LOWER_APPOSITION = re.compile(r"^\s*(?:[a-z]|(?:the|a|an) )")
_POSSESSOR_BEFORE = re.compile(r"(?:[’']s|\b(?:his|her|their|its|my|our|your))\s+$")
_GOES_ON_ELSEWHERE = re.compile(r"(?:went|goes) on\s+(?!to\b)[a-z]")
_TRAILING_AUX = re.compile(
    r"\b(?:also|later|then|has|have|had|will|would|could|can|may|might|must|should|did|"
    r"again|once|previously|who|only|just|even|still|first|soon|often|always|never|"
    r"sometimes|recently)\s*$"
)
# "… delivered a blunt message to Trump: “…”", "… told the Dutch newspaper
# NRC Handelsblad: “…”": a name after a preposition is whom the words are
# addressed to, not a label of who says them.
_ADDRESSEE = re.compile(
    r"\b(?:to|at|toward|towards|against|for|with|about|on|in)\s+(?:[\w’'.-]+\s+){0,3}$"
)
_LABEL_NAME = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:and\s+)?){0,4}[A-Z][\w’'-]*[a-z])\s*:\s*$")
_TRAILING_NAME = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:of\s+)?){0,4}[A-Z][\w’'-]*)\s*$")
_TRAILING_ADVERBS = re.compile(r"(?:\s+[a-z]+ly)+\s*$")


def _last_sentence(text: str) -> str:
    """The last sentence of ``text``, not split at abbreviations ("U.S.", "Mr.")."""
    start = 0
    for m in re.finditer(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])", text):
        if _ABBREVIATIONS.search(text[: m.start() + 1]):
            continue
        if _CLOCK_GOES_ON.match(text, m.start() - 3):
            continue  # "just before 7 a.m. Eastern time, that …": one sentence
        start = m.end()
    return text[start:]


# "a.m."/"p.m." before a time zone or a day goes on with the sentence (the
# splitter had made "Eastern time, that the" a sentence, and 'Eastern' the
# speaker of Fastly's status update: AllSides dev).
_CLOCK_GOES_ON = re.compile(
    r"[ap]\.m\.\s+(?:Eastern|Pacific|Central|Mountain|ET|EST|EDT|PT|PST|PDT|CT|GMT|UTC|BST|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


_ACCORDING = re.compile(r"\baccording to ([^,.;:]+)", re.IGNORECASE)


def attribution(sentence: str, at: int | None = None) -> str | None:
    """Whom a sentence credits for what it states: "according to X", "X said".

    ``at``: where the claim (a figure) stands in the sentence. The speech verb
    that governs it comes before it ("Norvale Freight said it had withdrawn 22
    wagons, a move it described as ..." is Norvale Freight's, not "a move"'s),
    nearest first; else one after it whose subject also stands after it ("Some
    280 people were evacuated, emergency officials said"). A subject before the
    figure with the verb after it holds the figure in its own description
    ("Jonah Fairweather, who lives less than 200 metres away, said he ..."):
    that is the reporter's statement, not the subject's claim.
    """
    found = _according_to(sentence)
    if found is not None:
        return _source_phrase(found)
    spans = quotation_spans(sentence)
    # A verb inside the quoted words is the speaker's, not the report's:
    # "“Tomorrow morning I’m officially announcing up to 50 troops,” Noem tweeted".
    verbs = [
        m for m in _SOURCE_VERB.finditer(sentence) if not any(a <= m.start() < b for a, b in spans)
    ]
    if at is None:
        order = list(reversed(verbs))
    else:
        order = [m for m in reversed(verbs) if m.start() <= at]
        order += [m for m in verbs if m.start() > at]
    for m in order:
        # "Kristi Noem (R) tweeted": the party and state aside is no source.
        who = _subject(_ASIDE_AT_END.sub(" ", sentence[: m.start()]), QuoteOptions())
        if who is None or who.lower() in PRONOUNS:
            continue
        if _AFTER_PREPOSITION.search(sentence[: m.start()].rsplit(who, 1)[0]):
            continue  # "in Western states as …": a preposition's object is no subject
        if at is not None and m.start() > at and sentence.rfind(who, 0, m.start()) < at:
            continue
        return _source_phrase(who)
    return None


_ASIDE_AT_END = re.compile(r"\s*\([^()]{1,12}\)\s*$")
# The verbs that credit a figure to a source: reporting, not every cue of a
# quotation. "The economy rebounded and added 850,000 new jobs", "the agenda
# detailed dozens of initiatives", "some Democrats had criticized the vice
# president for making her trip to El Paso, a city nearly 1,000 miles away"
# credit no one (AllSides dev: each was credited once the quotation cues grew).
_SOURCE_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|declared|declares|explained|explains|"
    r"noted|notes|wrote|writes|tweeted|tweets|posted|announced|announces|acknowledged|"
    r"acknowledges|confirmed|confirms|reported|reports|estimated|estimates|insisted|"
    r"insists|warned|warns|argued|argues|claimed|claims|predicted|predicts|testified|"
    r"testifies|commented|comments|pointed out|points out|according to|saying|noting|"
    r"stating|announcing|warning|insisting|arguing|"
    r"claiming|predicting|added(?=,|\s+that\b)|adds(?=,|\s+that\b)|adding(?=,|\s+that\b)|"
    r"According to)\b"
)
# Reporting verbs inside a found subject: the source is what comes before
# ("Blinken said he" -> "Blinken"; "The president then revealed the").
_REPORTING = re.compile(
    r"\s(?:said|says|told|tells|revealed|announced|added|reported|confirmed|stated)\b.*$",
    re.IGNORECASE,
)
# Words a source phrase does not end with.
_DANGLING = frozenset(
    "had has have then also later the a an he she they it that of and to in on was were".split()
)
_DETERMINERS = frozenset("the a an".split())
# Longer than this, a "source" is a clause, not a name or a description.
_SOURCE_MAX_WORDS = 8


_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|across|for|from|at|on|into|to|with)\s+$")
_CLAUSE_VERB = re.compile(r"[a-z]+ed|defends|denies|insists|warns|argues|claims")


def _source_phrase(text: str) -> str | None:
    """A credited source trimmed to a name or a description, or None.

    Quotation fragments ("we need to provide to people") and clauses are not
    sources: a source opens with a capital or an article ("the Hamas-run
    health ministry"), or is a short description ("health officials").
    """
    words = _REPORTING.sub("", " " + text).split()
    while words and words[-1].lower().strip(".,") in _DANGLING:
        words.pop()
    if not words or len(words) > _SOURCE_MAX_WORDS:
        return None
    first = words[0]
    if first.lower() in PRONOUNS:
        return None
    for at in range(1, len(words)):
        # "President Biden defended the withdrawal …, saying": the subject ends
        # where a verb of its own clause begins (AllSides dev figures).
        if words[at - 1][:1].isupper() and _CLAUSE_VERB.fullmatch(words[at]) is not None:
            words = words[:at]
            break
    # "officials", "health officials": a bare description is short.
    if not (first[:1].isupper() or first.lower() in _DETERMINERS) and len(words) > 3:
        return None
    return " ".join(words)


def _according_to(para: str) -> str | None:
    m = _ACCORDING.search(para)
    return clean_speaker(m.group(1)) if m else None


# ------------------------------------------------------- per story


def quotes_section(
    articles: Sequence[Article], options: QuoteOptions = QuoteOptions()
) -> list[dict[str, Any]]:
    """The report's ``quotes`` section for one story's original articles."""
    resolver = SpeakerResolver.from_texts([a.text for a in articles])
    people = frozenset(resolver.full_names)
    flat = _once_per_article(
        [q for a in articles for q in extract_quotes(a.id, a.text, options, people=people)]
    )
    speakers = [_canonical(q, resolver) for q in flat]
    groups = _group(flat, speakers, options)
    out: list[dict[str, Any]] = []
    for members in groups:
        names = [name for n in members if (name := speakers[n])]
        speaker = max(set(names), key=lambda s: (names.count(s), len(s))) if names else None
        out.append(
            {
                "speaker": speaker,
                "variants": [
                    {
                        "article": flat[n].article,
                        "text": flat[n].text,
                        "speaker_text": flat[n].speaker_text,
                        "sentence": flat[n].sentence,
                    }
                    for n in members
                ],
            }
        )
    # Most widely reported statements first.
    out.sort(key=lambda e: -len(e["variants"]))
    return out


def _once_per_article(quotes: list[Quote]) -> list[Quote]:
    """Each quotation once per article: the same words quoted twice (a pull
    quote, a summary that repeats a line) keep the copy whose speaker phrase
    names someone, else the first; the other copy often stands alone, with
    no attribution, and would be shown with a guessed speaker."""
    best: dict[tuple[str, str], int] = {}
    for n, q in enumerate(quotes):
        words = _WORD.findall(q.text.lower())
        # A short quotation repeated is a term ("top secret"), used by
        # several people: each use keeps its own speaker.
        key = (q.article, " ".join(words) if len(words) >= _OPTIONS.min_words else str(n))
        held = best.get(key)
        if held is None or (not _named(quotes[held].speaker_text) and _named(q.speaker_text)):
            best[key] = n
    keep = set(best.values())
    return [q for n, q in enumerate(quotes) if n in keep]


def _named(speaker: str | None) -> bool:
    return speaker is not None and speaker.lower() not in PRONOUNS and _names_someone(speaker)


def _canonical(q: Quote, resolver: SpeakerResolver) -> str | None:
    """The story-wide name of a quotation's speaker (or its description)."""
    spk = q.speaker_text
    if (
        spk is not None
        and spk.lower() in ("he", "she")
        and q.antecedent is not None
        and _is_institution(q.antecedent)
    ):
        return None  # "she" is a person, not "Lessenford General Hospital"
    if (
        spk is not None
        and spk.lower() == "it"
        and (
            q.antecedent is None
            or not (
                _is_institution(q.antecedent)
                or _describes_a_body(q.antecedent)
                or q.antecedent.split()[-1].lower() in DOCUMENTS
            )
        )
    ):
        return None  # "it attacked Trump, saying …": a body or a text, never a person
    if spk is None and q.antecedent is not None and _named_in_what_is_said(q, q.antecedent):
        # "The No. 3 Republican in the House said Donald Trump was “poisoning
        # …”": the one named after the speech verb is what is said, not who
        # says it (AllSides dev, read_sections.py quotes --seed 9).
        return None
    if spk is None or spk.lower() in PRONOUNS:
        person = resolver.resolve(q.antecedent)
        if (
            spk is not None
            and spk.lower() in ("he", "she")
            and person is not None
            and not _may_be_he_or_she(person)
        ):
            # "he" is no "Trump has not yet", "The sound system", "Cruz himself".
            return None
        return person
    found = resolver.resolve(spk)
    if found == spk and _is_definite(spk) and _is_plural(spk):
        return found  # "the groups", "the protesters": never one person named before
    if (
        found == spk
        and _is_definite(spk)
        and q.antecedent is not None
        and (_describes_a_body(spk) or _may_be_a_person(q.antecedent))
    ):
        # "the top US diplomat" that no role in the story names: the person
        # the article was just quoting or reporting, when the story names
        # that person in full ("Left", "another", "Or Ferguson" are no one).
        person = resolver.resolve(q.antecedent)
        if person is not None and (
            _known_person(person, resolver)
            or (_is_capitalised_name(person) and _may_be_a_person(person))
            or (_describes_a_body(spk) and _is_capitalised_name(person))
        ):
            return person  # … or "the union": "Association of Flight Attendants"
        return found
    return found


# The head of a description of one person ("The actress", "The Ohio governor",
# "The first lady", "Sanders's spokesman").
_PERSON_HEAD = re.compile(
    r"(?:er|or|ist|ian|ent|ant|man|woman|person|ee|ate|ive|ial|ess|lady|wife|husband)$"
)


def _may_be_he_or_she(name: str) -> bool:
    """A name, or a description of one person: what "he" or "she" may stand for."""
    words = name.split()
    lower = [w for w in words[1:] if w[:1].islower() and w not in _NAME_PARTICLES]
    if not lower and words[0][:1].isupper():
        return True  # "Chris Christie", "Donald J. Trump"
    head = words[-1].lower()
    if words[0].lower() in ("the", "a", "an", "one", "another") or _POSSESSIVE_END.search(words[0]):
        return head[:1].isalpha() and _PERSON_HEAD.search(head) is not None
    return words[-1][:1].isupper()  # "Tennis great Billie Jean King"


def _is_capitalised_name(name: str) -> bool:
    """ "Xavier Becerra", "Association of Flight Attendants"; not "Or Ferguson",
    "Rubbing Japanese" (a sentence's opening words)."""
    words = name.split()
    first = words[0].lower()
    return (
        len(words) >= 2
        and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)
        and first not in _NOT_SPEAKER_LEAD | _FUNCTION_LEAD | {"or", "nor"}
        and not first.endswith("ing")
    )


def _known_person(name: str, resolver: SpeakerResolver) -> bool:
    """A name of two words or more whose surname the story gives in full."""
    return len(name.split()) >= 2 and surname(name).lower() in resolver.full_names


# A speaker phrase ending in a chain of owners: the last capitalised name
# before the final "’s".
_LAST_OWNER = re.compile(r"[’']s\s+((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s$")
_HEARD = re.compile(
    r"\b((?:a|an|one|the)\s+(?:[a-z]+\s+){0,2}[a-z]+)\s+(?:is|was|can\s+be|could\s+be)\s+"
    r"heard\s+(?:saying|to\s+say|shouting|yelling|telling\s+\w+)\s*[:,]?\s*$"
)


def _named_in_what_is_said(q: Quote, name: str) -> bool:
    """``name`` stands between a speech verb and the quotation, in its sentence."""
    para = q.sentence
    at = para.find(q.text.split(" … ")[0][:40])
    if at < 0:
        return False
    start = max(para.rfind(". ", 0, at), para.rfind("? ", 0, at), para.rfind("! ", 0, at)) + 1
    before = para[start:at]
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return False
    verb = verbs[-1]
    lead = before[: verb.start()].rstrip()
    if not lead or lead.endswith((",", ":", "”", '"')) or lead[-1] in _CLOSERS:
        # "…,” said Raffaello Pantucci, director …, “but …": the name after
        # an inverted verb is who says it.
        return False
    surname = name.split()[-1]
    return re.search(rf"\b{re.escape(surname)}\b", before[verb.end() :]) is not None


def _describes_a_body(description: str) -> bool:
    """ "the newspaper", "the agency", "the union": an organisation, not a person."""
    return description.split()[-1].lower() in _BODIES


_BODIES = INSTITUTIONS | frozenset(
    """newspaper paper magazine outlet publication website site station channel campaign
    administration government organization organisation firm state city country""".split()
)


def _may_be_a_person(name: str) -> bool:
    """Whom a description of a person ("the presidential candidate", "the second
    official") may refer back to: not "The U.S", "State Department", "Huffington
    Post" (on PolNeAR train such antecedents were wrong 4 times of 4)."""
    words = name.split()
    return words[0].lower() != "the" and words[-1].lower() not in _BODIES | _MASTHEADS


_MASTHEADS = frozenset("post times news journal press tribune herald review gazette".split())


def _is_plural(description: str) -> bool:
    """The head noun of a description is plural ("the groups", "the two lawmakers")."""
    head = description.split()[-1].lower()
    return (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or head in _PLURALS


_PLURALS = frozenset("people men women children police staff".split())


def _content_words(text: str) -> set[str]:
    return {
        w.replace("-", "")
        for w in (m.lower() for m in _WORD.findall(text))
        if len(w) > 3 and w not in _STOP
    }


_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "will",
        "would",
        "there",
        "their",
        "they",
        "them",
        "been",
        "were",
        "what",
        "when",
        "which",
        "about",
        "into",
        "than",
        "then",
        "also",
        "just",
        "more",
        "very",
        "only",
        "does",
        "dont",
    ]
)


# A content word shared by more quotations than this is too common to pair
# them on (every quotation about "ceasefire" in a war story).
_COMMON_WORD_POSTING = 200


def _group(flat: list[Quote], speakers: list[str | None], options: QuoteOptions) -> list[list[int]]:
    """Union the quotations of different articles that word one statement."""
    parent = list(range(len(flat)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    words = [_content_words(q.text) for q in flat]
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for n, s in enumerate(speakers):
        by_speaker[s].append(n)
    # Candidates: same canonical speaker, or one side unknown; within one
    # story, so the pairs stay few.
    # Candidate pairs share a content word (an inverted index): a wire story
    # with thousands of quotations is not compared all against all.
    index: dict[str, list[int]] = defaultdict(list)
    for n, ws in enumerate(words):
        for w in ws:
            index[w].append(n)
    candidates: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > _COMMON_WORD_POSTING:
            continue  # a word in every other quotation proves nothing
        for i, n in enumerate(posting):
            for m in posting[i + 1 :]:
                candidates.add((n, m))
    pairs: list[tuple[float, int, int]] = []
    for n, m in sorted(candidates):
        if flat[n].article == flat[m].article:
            continue
        if speakers[n] and speakers[m] and speakers[n] != speakers[m]:
            continue
        a, b = words[n], words[m]
        if not a or not b:
            continue
        shared = len(a & b)
        overlap = shared / min(len(a), len(b))
        if overlap < options.same_statement or shared < options.same_statement_words:
            continue
        score = overlap + fuzz.token_set_ratio(flat[n].text, flat[m].text) / 1000
        pairs.append((score, n, m))
    pairs.sort(reverse=True)
    articles_in: dict[int, set[str]] = {n: {q.article} for n, q in enumerate(flat)}
    for _, n, m in pairs:
        rn, rm = find(n), find(m)
        if rn == rm or articles_in[rn] & articles_in[rm]:
            continue  # one variant per article in an entry
        parent[rm] = rn
        articles_in[rn] |= articles_in.pop(rm)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(flat)):
        groups[find(n)].append(n)
    return list(groups.values())
