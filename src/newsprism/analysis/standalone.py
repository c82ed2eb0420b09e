"""Which sentences can be shown on their own, away from their article.

Stage: a helper of the summary and single-source sections (no record of its
own). A story page lifts single sentences out of their articles; a sentence
is fit to be lifted when a reader needs nothing before it to understand it,
and when it is news, not a line about the article or the outlet. Everything
here reads the sentence's shape, never a list of outlets or stories:

- a dangling opener: a pronoun, a demonstrative, a connective or a shell noun
  pointing back at a sentence the reader does not see ("They have asked
  residents ...", "Such pauses ...", "Also, ...", "These calls ...", "The
  move follows ..."); found in the seeds' summary and in the example's
  single-source list, and frequent in the AllSides dev texts' later
  sentences;
- a line about the article: a wire credit in brackets ("(Reporting by ...;
  editing by ...)"), a correction or update notice ("This article was
  amended ..."), an embed ("pic.twitter.com/...", a link): in the example, in
  the seeds (tweet embeds) and in the scraped extraction pages;
- a service line: a telephone number to call is contact detail, not a fact.

A dateline ("OSKERBY, Brantshire, March 10 (Meridian News Wire) – ",
"WASHINGTON (AP) — ") says where the wire filed from and is cut off the
sentence it opens.
"""

from __future__ import annotations

import re

from newsprism.analysis.quantities import MONTHS

# First words that point back at something said before. Definite
# descriptions of a thing ("The bill ...") are left alone: in a story about
# one bill they stand on their own (a shell noun for an act is not: below).
DANGLING_OPENERS = frozenset(
    """he she it they we i you him her them his its their our this these those that such
    also but and or so yet still however meanwhile instead moreover furthermore additionally
    besides likewise similarly nevertheless nonetheless otherwise then thus hence therefore
    there here""".split()
)
# "There are ..." and "It is unclear ..." open a sentence without pointing
# back; "It was the slowest ..." does (AllSides dev).
_EXPLETIVE = re.compile(
    r"^there\s+(?:is|was|are|were|has|have|had|will|would|may)\b"
    r"|^it\s+(?:is|was|remains|remained|seems|seemed)\s+(?:not\s+|still\s+|now\s+)?(?:yet\s+)?"
    r"(?:unclear|clear|known|likely|unlikely|possible|impossible|expected|understood|believed|"
    r"thought|hard|difficult|easy|too\s+early|uncertain|true)\b",
    re.I,
)
# Connectives of several words that carry on from the sentence before
# ("As a result, ...": AllSides dev; "In addition to X" is no connective).
_CONNECTIVE = re.compile(
    r"^(?:as a result|in addition|at the same time|on the other hand|in turn|even so|"
    r"by contrast|in contrast|in response|for example|for instance|in other words|"
    r"after that|because of this|despite this|to that end)\s*,",
    re.I,
)
# "One of them", "Some of those", "Both of these": a part of something named before.
_PART_OF = re.compile(
    r"^(?:one|some|many|most|all|both|each|none|two|three)\s+of\s+(?:them|those|these|us)\b"
    r"|^the\s+(?:other|others|latter|former|same)\b",
    re.I,
)
# A demonstrative among the first words, after a preposition or a
# conjunction ("Despite these calls", "After this meeting", "Because of such
# pauses"), points back too; "this week" and "these days" are times. ("that"
# is left to the first word: inside a sentence it mostly opens a clause.)
_TIMES = (
    r"(?:week|weekend|year|month|morning|afternoon|evening|spring|summer|autumn|fall|winter|"
    r"days|time)\b"
)
_EARLY_DEMONSTRATIVE = re.compile(
    r"^(?:\S+\s+){0,3}?(?:this|these|those|such)\s+(?!" + _TIMES + r")[a-z]", re.I
)
# A shell noun standing for an act told before ("The move follows days of
# airstrikes", "The decision comes four months after ..."): which move, whose
# decision, only the sentence before says. With its complement ("The
# decision to end the freeze", "The effort to recall the governor", "The
# statement from the company") it says so itself. Read on AllSides dev (35
# summary candidates open so: all but the five with a complement point back)
# and PolNeAR train (23 sentences in 400 articles: all but one generic line,
# "The news runs on surprise.", point back).
_SHELL_NOUN = re.compile(
    r"^the\s+(?:move|decision|announcement|remarks|comments|statement|step|development|news|"
    r"action|effort|change|measure|incident|episode|revelation)s?\b"
    r"(?!\s+(?:to|of|from|by|on|about|aimed|that|in|against|for|over|with)\b)",
    re.I,
)
_TIME_OPENER = re.compile(r"^(?:this|these|that)\s+" + _TIMES, re.I)
# "that" standing for what was said before, as a preposition's object ahead of
# the comma ("For that, President Biden has ... to thank", "Amid that, Texas
# will gain two seats": AllSides dev; "Despite that", "Beyond that", "Prior to
# that": PolNeAR train). After a verb, "that," opens a clause ("He found that,
# on average, ...") and is left alone.
_PREPOSITION_THAT = re.compile(
    r"^(?:for|amid|beyond|before|despite|besides|without|with|because of|prior to|"
    r"on top of|apart from|aside from|other than|in addition to|instead of|as for|but for|"
    r"not only)\s+that\s*,",
    re.I,
)
_FIRST_WORD = re.compile(r"^[\"“‘'(\[]*([A-Za-z]+)")

_CREDIT = re.compile(
    r"^\(.*\)\.?$"  # wholly in brackets: a credit or an aside
    r"|\b(?:reporting by|editing by|contributed to this report|additional reporting)\b"
    r"|\bthis (?:article|story|report|post|piece|page) (?:was|has been|is)\b"
    r"|\b(?:was|were|has been) (?:amended|updated|corrected) (?:on|to|at)\b"
    r"|\b(?:below|above)[.:]?$|\(see (?:below|above)\)",  # "the ad below." points at the page
    re.I,
)
_CREDIT_HINTS = (
    "(",
    "reporting",
    "editing",
    "contributed",
    "this ",
    "amended",
    "updated",
    "corrected",
    "below",
    "above",
)
# A news photo's caption: the scene, then the full date with its year and the
# place ("... speaks during a fundraiser, Sunday, Nov. 17, 2019, in Las
# Vegas."), which running text seldom gives for the days it reports. Read in
# the scraped pages (eight captions kept in the body text) and on AllSides dev
# (one, the lead of a summary); no sentence of the seeds, PolNeAR or the
# example has the shape.
_CAPTION = re.compile(
    r",\s+(?:(?:late|early|on)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)(?:\s+(?:morning|afternoon|evening|night))?,\s+)?"
    rf"(?:{MONTHS})\.?\s+\d{{1,2}},\s+(?:19|20)\d\d,\s+(?:in|at|near|outside)\s+(?-i:[A-Z])[^.!?]*"
    r"\.[\"”]?\s*$",
    re.IGNORECASE,
)
_EMBED_HINTS = ("pic.twitter", "http", "www.", "@")
_EMBED = re.compile(r"pic\.twitter\.com|https?://|www\.|\S+@\S+\.\w|(?:^|\s)@\w", re.I)
# A telephone number: groups of digits split by spaces or dashes, ten or more
# digits in all ("0300 555 0192", "(202) 555-0147", "1-800-273-8255").
_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"(?:\+?\d[\d()\s.-]{8,}\d)")

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.'’ ]{1,30}){0,2}"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"(?:\s*\([^()]{1,40}\))?\s*[–—-]{1,2}\s+(?=[A-Z0-9\"“‘])"
)


def strip_dateline(text: str) -> str:
    """``text`` without a wire dateline in front ("WASHINGTON (AP) — ")."""
    m = _DATELINE.match(text)
    if m is None:
        return text
    head = m.group(0)
    # A dateline's place is in capitals; "NATO - " or "US – " alone is not
    # enough (a short acronym can open a sentence), so ask for a bracketed
    # source, a date, a comma or a place of five letters or more.
    if "(" in head or "," in head or any(c.isdigit() for c in head) or len(head.split()[0]) >= 5:
        return text[m.end() :]
    return text


# An excerpt cut after a whole sentence ends "... in Geneva....": the full
# stop ends the sentence, the ellipsis only marks where the excerpt stops.
# AllSides dev: 37 of its 1,087 texts end so (929 end "..." mid-sentence); the
# scraped pages' teasers end the same way. Before the stop, a short capitalised
# word or one with a full stop inside ("Dr....", "U.S....") is an
# abbreviation: the sentence may go on, and it stays cut.
_EXCERPT_END = re.compile(r"(?<=[a-z0-9\"”’')\]]\.)\.\.\.$")
_ABBREVIATION = re.compile(r"(?:^|\s)[\"“‘'(\[]*(?:[A-Z][a-z]{0,2}|\w+\.[\w.]*)\.\.\.\.$")


def lifted(text: str) -> str:
    """``text`` as a sentence lifted out of its article shows it: no wire
    dateline in front, and a whole sentence that an excerpt's ellipsis
    follows ("... in Geneva....") ends at its full stop."""
    text = strip_dateline(text)
    if text.endswith("....") and not _ABBREVIATION.search(text):
        return _EXCERPT_END.sub("", text)
    return text


def _phone_digits(match: str) -> int:
    return sum(c.isdigit() for c in match)


def is_about_the_article(text: str) -> bool:
    """A credit, correction, embed or contact line rather than news."""
    low = text.lower()
    # Each pattern only where its words can be (most sentences hold none).
    if any(k in low for k in _CREDIT_HINTS) and _CREDIT.search(text):
        return True
    if any(k in low for k in _EMBED_HINTS) and _EMBED.search(text):
        return True
    if (", 19" in text or ", 20" in text) and _CAPTION.search(text):
        return True  # a photo's caption
    if len(_DIGIT.findall(text)) < 10:
        return False  # too few digits for a telephone number (most sentences)
    return any(_phone_digits(m) >= 10 for m in _PHONE.findall(text))


def _closes_first(text: str) -> int:
    """Where the quotation the text opens inside ends (its first mark closes
    one: the splitter cut a long quotation), else -1."""
    close, opening = text.find("”"), text.find("“")
    return close if close >= 0 and (opening < 0 or close < opening) else -1


def dangling(text: str) -> bool:
    """Opens with a word pointing back at a sentence the reader does not see.

    A sentence that opens inside a quotation (its first quote mark closes
    one: the splitter cut a long quotation) is judged by its attribution, not
    by the quoted words it opens with.
    """
    if _closes_first(text) >= 0:
        return False
    head = text.lstrip("\"“‘'([")
    if _PART_OF.match(text) or _SHELL_NOUN.match(head) or _PREPOSITION_THAT.match(head):
        return True
    if _EARLY_DEMONSTRATIVE.match(text) or _CONNECTIVE.match(head):
        return True
    if _EXPLETIVE.match(text) or _TIME_OPENER.match(text):
        return False
    m = _FIRST_WORD.match(text)
    return m is not None and m.group(1).lower() in DANGLING_OPENERS


def complete(text: str) -> bool:
    """Reads as a whole sentence: opens with a capital or figure, ends with . or !
    (not with an ellipsis)."""
    head = text.lstrip("\"“‘'([")
    tail = text.rstrip().rstrip("\"”’')]")
    if tail.endswith(("...", "…")):
        return False  # cut off: a teaser, or an excerpt that stops mid-sentence
    return bool(head) and (head[0].isupper() or head[0].isdigit()) and tail[-1:] in ".!"


# The writer's own voice, outside quotations: a first person ("we must",
# "I think"), a question or an exclamation, an evaluative opener ("As usual,
# the media are exaggerating"). Straight news reports in the third person and
# states; a column argues. Read on AllSides dev: 38 of 2,417 summary
# sentences and 9 single-source items were in a column's voice, all but one
# (an Axios "What we're hearing:") opinion. On PolNeAR dev it marks 229 of
# 2,837 sentences of eight words or more, mostly opinion pieces' and the
# first person inside long quotations the splitter cut.
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’(?!\w)")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|ourselves|[Mm]y|me|myself)\b")
_SINGLE_CLOSE = re.compile(r"[,.?!]'(?=\s|$)")
_I = re.compile(r"\bI\b(?![.-])")  # not "(I-Vt.)", not an initial "I."
_EVALUATIVE_OPENER = re.compile(
    r"^(?:As usual|Of course|Sadly|Unfortunately|Fortunately|Thankfully|Frankly|Clearly|"
    r"Obviously|Needless to say|Make no mistake|Let's|Let us)\b",
    re.IGNORECASE,
)


def _closes(text: str, at: int) -> bool:
    """The straight quote mark at ``at`` closes a quotation ('car," he said')."""
    after = text[at + 1 : at + 2]
    return at > 0 and not text[at - 1].isspace() and not after.isalnum()


def writers_voice(text: str) -> bool:
    """The writer speaks in the sentence, outside any quotation: an opinion,
    not a report (first person, a question or exclamation, an evaluative
    opener)."""
    close = _closes_first(text)
    if close >= 0:
        text = text[close + 1 :]  # it opens inside a quotation cut by the splitter
    elif text.count('"') % 2 == 1 and _closes(text, text.find('"')):
        text = text[text.find('"') + 1 :]  # the same, in straight quotes
    if text.startswith("'"):
        # "'Trying to ... tells us that cloth masks don't work,' he added": a
        # quotation in straight single quotes runs to its last closing one.
        ends = [m.end() for m in _SINGLE_CLOSE.finditer(text)]
        text = text[ends[-1] :] if ends else text
    own = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(own) or _EVALUATIVE_OPENER.match(own.lstrip()):
        return True
    for m in _I.finditer(own):
        before = own[: m.start()].split()
        # "World War I", "Elizabeth I": a numeral after a name inside the
        # sentence; "Yesterday I ..." opens with the word before it.
        if len(before) < 2 or not before[-1][:1].isupper():
            return True
    return own.rstrip().rstrip(")”’'\"").endswith(("?", "!"))


def stands_alone(text: str) -> bool:
    """A complete news sentence a reader can understand without its article."""
    return complete(text) and not dangling(text) and not is_about_the_article(text)
