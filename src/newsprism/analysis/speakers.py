"""Speakers: one canonical name per person within a story.

Stage: part of the quotes section. Needs the texts of a story's articles and
a speaker as written; adds the canonical name. "Mr. Blinken", "Secretary
Blinken", "Antony J. Blinken", a misspelt "Anthony Blinken" and "the
Secretary of State" all resolve to the same name because the story itself
says who is who:

* full names come from capitalised runs in the texts, with leading titles
  and roles ("Israeli Prime Minister", "US Ambassador to Israel") split off;
* a role that stands before a name ("Secretary of State Antony Blinken") or
  in an apposition after it ("Blinken, the top US diplomat,") names that
  person when it later stands alone;
* surnames and misspellings are matched with rapidfuzz.

Anonymous speakers ("a senior U.S. administration official") keep their
description; nothing is guessed from outside the story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

PRONOUNS = frozenset(["he", "she", "they", "i", "we", "it", "him", "her", "them", "his"])

# Words that make up titles and roles in front of a name, lower-cased. A
# capitalised run is split after its last such word: the rest is the name.
_ROLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "state",
        "of",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "mayor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "sheriff",
        "chancellor",
        "inspector",
        "superintendent",
        "detective",
        "general",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "admiral",
        "commander",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "leader",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "attorney",
        "speaker",
        "head",
        "envoy",
        "ambassador",
        "to",
        "the",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "adviser",
        "advisor",
        "coordinator",
        "national",
        "security",
        "council",
        "chief",
        "aid",
        "health",
        "minister's",
        "deputy",
        "assistant",
        "former",
        "acting",
        "senior",
        "special",
        "press",
        "officer",
        "army",
        "navy",
        "police",
        "commissioner",
        "mp",
        "mep",
        "congressman",
        "congresswoman",
        "lawmaker",
        "diplomat",
        "top",
        "un",
        "us",
        "u.s.",
        "uk",
        "eu",
        "white",
        "house",
    ]
)
# Nationality and party adjectives are roles too when they lead a run
# ("Israeli Prime Minister", "Democratic Sen."). A list, not a suffix rule:
# "-an" would also take "Brian", "Morgan" and "Salman".
_NATIONALITIES = frozenset(
    """
    israeli palestinian american british french german russian chinese ukrainian iranian
    egyptian qatari saudi turkish indian pakistani japanese korean syrian lebanese iraqi
    afghan canadian mexican australian european african arab jordanian italian spanish dutch
    polish swedish norwegian danish finnish irish scottish welsh greek brazilian argentine
    venezuelan cuban nigerian kenyan ethiopian sudanese somali yemeni emirati bahraini kuwaiti
    omani libyan tunisian algerian moroccan democratic republican conservative labour
    """.split()
)

# A name token; a full stop only after an initial or a title ("J.", "Mr."),
# so that a run never crosses into the next sentence ("… Hurst. Spokesman …").
_PARTICLES = frozenset("bin ibn de van von da di le al".split())
_NAME_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Prof|[A-Z])\."
    r"|[A-Z][\w’'-]*|al-[A-Z][\w-]*|bin|ibn|de|van|von|da|di|le)"
)
_CAP_RUN = re.compile(rf"\b{_NAME_TOKEN}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_TOKEN})*")
_APPOSITION = re.compile(
    r"\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s+(?:the|a|an)\s+([^,.;:()]{3,60}?),"
)
_INDEFINITE = frozenset(["a", "an", "one", "another", "some", "several"])
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|one)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")

# Minimum rapidfuzz ratio for a misspelt name to match a known one: one or two
# letters off in a surname ("Anthony"/"Antony", "Netanyhu"/"Netanyahu").
_FUZZY_NAME = 85


def clean_speaker(text: str) -> str | None:
    """A speaker phrase as written, trimmed of punctuation and joining words."""
    t = " ".join(text.split()).strip(" ,.;:—–-\"“”'’")
    t = re.sub(r"^(?:and|but|so|then|while|as)\s+", "", t, flags=re.IGNORECASE)
    return t or None


# Things that "say" in news prose ("the statement read", "the report said"):
# a description of one names a text, never a person a role points to.
DOCUMENTS = frozenset(
    """article letter statement report post tweet memo document release editorial note
    message sign filing complaint lawsuit study survey poll ruling order indictment
    transcript email notice ad advert website page""".split()
)


# Last words of an organisation's name: a run ending in one names a body, so
# role words inside it are part of the name ("Lessenford General Hospital",
# "Ministry of State Security"), not a person's title.
INSTITUTIONS = frozenset(
    """hospital clinic university college school institute council ministry department
    agency authority board commission committee court police service services company
    corporation group bank party office bureau foundation association union army navy
    force forces guard centre center museum church trust network airlines airways""".split()
)


# Words that open a sentence before a name ("When Trump", "But Netanyahu"):
# a capitalised run starting with one is not a full name.
_OPENING_WORDS = frozenset(
    """when but and as if after before while then so yet though although because since
    with without for from on in at by during despite even once until unlike like among
    given following including last next first more most those these this that there""".split()
)


def _trim_opening(run: str) -> str:
    """``run`` without the sentence-opening words in front of the name."""
    tokens = run.split()
    while len(tokens) > 1 and tokens[0].lower() in _OPENING_WORDS:
        tokens.pop(0)
    return " ".join(tokens)


def split_role(run: str) -> tuple[str, str]:
    """("Israeli Prime Minister", "Benjamin Netanyahu") from a capitalised run."""
    tokens = run.split()
    # The body is named last ("... General Hospital") or before "of" ("Ministry of State").
    head = tokens[: tokens.index("of")] if "of" in tokens else tokens
    if head and head[-1].lower().strip(".,") in INSTITUTIONS:
        return "", run
    cut = 0
    for i, tok in enumerate(tokens):
        low = tok.lower().strip(".,")
        if low == "of" and i - cut >= 2 and i + 1 < len(tokens):
            # "Rep. Elijah Cummings of Maryland": "of" after a full name starts
            # where the person is from, not a role ("Secretary of State").
            tokens = tokens[:i]
            break
        # Names are capitalised: a lower-case word ("lead inspector") is role.
        lower_word = tok[:1].islower() and low not in _PARTICLES
        if (
            low in _ROLE_WORDS
            or low in _NATIONALITIES
            or lower_word
            # An acronym ("US", "UN"), not initials before a name ("Antony J.
            # Blinken", "G.K. Butterfield").
            or (tok.isupper() and len(tok) <= 4 and not _initials_of_a_name(tokens, i))
        ):
            cut = i + 1
    if 0 < cut == len(tokens) - 1 and tokens[cut - 1].isupper() and tokens[cut - 1].isalpha():
        # "TC Energy", "UN Women": an acronym and one word name a body, not a
        # role before a person (AllSides dev: "TC Energy said" was "Energy").
        return "", run
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _initials_of_a_name(tokens: list[str], i: int) -> bool:
    if re.fullmatch(r"[A-Z]\.", tokens[i]):
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    return (
        re.fullmatch(r"(?:[A-Z]\.){2,3}", tokens[i]) is not None
        and following[:1].isupper()
        and following.lower().strip(".,") not in _ROLE_WORDS
    )


def capitalised_runs(text: str) -> list[str]:
    """Runs of capitalised words (names with their titles and roles) in ``text``."""
    return [_POSSESSIVE.sub("", run) for run in _CAP_RUN.findall(text)]


def role_tail(role: str) -> str:
    """The words of ``role`` from the last one that is not a title or role word on.

    "Full Force Ahead Mr." (a headline glued to a title) -> "Mr."
    """
    tokens = role.split()
    start = len(tokens)
    while start > 0:
        tok = tokens[start - 1]
        low = tok.lower().strip(".,")
        if low in _ROLE_WORDS or low in _NATIONALITIES or (tok.isupper() and len(tok) <= 4):
            start -= 1
        else:
            break
    return " ".join(tokens[start:])


def surname(name: str) -> str:
    """The last word of a name that is not an initial, without a possessive."""
    tokens = [t for t in name.split() if not re.fullmatch(r"[A-Z]\.?", t)]
    return _POSSESSIVE.sub("", tokens[-1]) if tokens else name


@dataclass
class SpeakerResolver:
    """Canonical names of one story, built from its texts."""

    # surname (lower) -> Counter of full-name forms seen in the story
    full_names: dict[str, Counter[str]] = field(default_factory=dict)
    # role phrase (lower, no determiner) -> Counter of names it stood with
    roles: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> SpeakerResolver:
        full: dict[str, Counter[str]] = defaultdict(Counter)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        texts = list(texts)
        # Each distinct run once; a single word is never a full name.
        runs: Counter[str] = Counter(
            run for text in texts for run in _CAP_RUN.findall(text) if " " in run
        )
        for raw, n in runs.items():
            run = _trim_opening(raw)
            role, name = split_role(run)
            name = _POSSESSIVE.sub("", name)
            parts = name.split()
            if len(parts) >= 2 and all(p[:1].isupper() or p in ("bin", "ibn") for p in parts):
                full[surname(name).lower()][name] += n
                if role:
                    roles[_role_key(role)][name] += n
        for text in texts:
            for m in _APPOSITION.finditer(text):
                _, name = split_role(m.group(1))
                if name:
                    roles[_role_key(m.group(2))][name] += 1
        return cls(dict(full), dict(roles))

    def resolve(self, speaker: str | None) -> str | None:
        """The canonical name for a speaker as written, or the description itself."""
        if speaker is None:
            return None
        if speaker.split()[0].lower() in _INDEFINITE:
            return speaker.strip()  # anonymous: "a senior U.S. administration official"
        text = _DETERMINER.sub("", speaker.strip())
        if text.lower() in PRONOUNS:
            return None
        _role, name = split_role(text) if text[:1].isupper() else ("", "")
        if name:
            return self._person(name)
        key = _role_key(text)
        if key.split()[-1:] and key.split()[-1] in DOCUMENTS:
            return speaker.strip()  # "The email went on to say": not the one it was sent to
        named = self._by_role(key)
        if named:
            return self._person(named)
        return speaker.strip()

    def _by_role(self, key: str) -> str | None:
        if not key:
            return None
        found = self.roles.get(key)
        if found is None:
            # "the Secretary" for "Secretary of State"; "the top diplomat" for
            # "the top US diplomat": a role is matched on its words.
            words = set(key.split())
            candidates = [
                (len(words & set(r.split())) / len(words), r)
                for r in self.roles
                if words and words <= set(r.split()) | {"us", "u.s."}
            ]
            if not candidates:
                return None
            found = self.roles[max(candidates)[1]]
        return found.most_common(1)[0][0]

    def _person(self, name: str) -> str:
        key = surname(name).lower()
        forms = self.full_names.get(key)
        if forms is None and self.full_names:
            match = process.extractOne(key, list(self.full_names), scorer=fuzz.ratio)
            if match is not None and match[1] >= _FUZZY_NAME:
                forms = self.full_names[match[0]]
        if not forms:
            return name
        first = name.split()[0].lower() if len(name.split()) >= 2 else None
        if first:
            # "Jill Biden" must not become "Joe Biden": with a first name
            # given, keep only forms whose first name matches (fuzzily).
            same = Counter(
                {f: n for f, n in forms.items() if fuzz.ratio(f.split()[0].lower(), first) >= 75}
            )
            if not same:
                return name
            forms = same
        # The commonest form; on a tie the one without middle initials.
        return max(forms, key=lambda f: (forms[f], -len(f.split())))


def _role_key(role: str) -> str:
    text = _DETERMINER.sub("", role.strip().lower())
    return " ".join(w.strip(".,") for w in text.split() if w not in ("the",))
