"""Synthetic scraped-news corpus for benchmarks and scale tests.

``generate(n, seed)`` yields ``n`` plain-text ``RawRecord``s that look like what
a scraper saves: a headline line, outlet menus, a nav run glued to the first
paragraph, photo captions, "Related" lists, comment forms and footers around
300–700 words of body text. Articles are grouped into stories (about n/8 of
them), each covered by 3–12 invented outlets over a few days, and about 5% of
the articles are near-copies (a reprint of another article of the same story
under another headline, with one small edit).

Design constraints, and why:

* No external data: every name is built from syllables, every sentence from
  templates in this file, so the corpus is free to ship and identical
  everywhere.
* Deterministic for a seed: one ``random.Random`` drives everything, and
  nothing iterates over a ``set`` or uses ``hash()`` (salted per process).
* Fast (about 20k articles/s of CPU on one core; ``python benchmarks/synth.py``
  prints it): the generator must not dominate the timings it feeds, and the
  pipeline is two orders of magnitude slower. Sentences are rendered per story
  (amortised over its articles) or once per run (filler, layouts,
  boilerplate), so an article costs a few ``random()`` calls and one
  ``str.format``.
* ``published`` is set on every record (as a JSON container would set it) and
  also written in the text in the outlet's date style; stories start over
  about 14 months, so a time window matters. Some outlets show a weather/date
  widget with a later (scrape) date above the article.

``generate_with_truth`` yields the same records together with the ground truth
(story number, outlet, which article a copy reprints) for quality checks.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import NamedTuple

from newsprism.models import RawRecord

__all__ = ["Truth", "generate", "generate_with_truth"]

# --------------------------------------------------------------------------
# Name material. Syllable tables rather than name lists so nothing real is
# copied and the space is large enough (tens of thousands of places) that
# unrelated stories rarely share a town.
# --------------------------------------------------------------------------

_FIRST = (
    "Adaeze",
    "Alric",
    "Anouk",
    "Bastian",
    "Beatrix",
    "Caius",
    "Carys",
    "Cosima",
    "Dario",
    "Delphine",
    "Edda",
    "Elias",
    "Emrys",
    "Fenella",
    "Florin",
    "Greta",
    "Halvard",
    "Idris",
    "Ilse",
    "Inara",
    "Jorah",
    "Jonah",
    "Kasimir",
    "Kerensa",
    "Leontine",
    "Linus",
    "Maren",
    "Marguerite",
    "Mateo",
    "Nadira",
    "Niall",
    "Odile",
    "Oren",
    "Petra",
    "Priya",
    "Quentin",
    "Rosalind",
    "Rufus",
    "Saoirse",
    "Silas",
    "Tamsin",
    "Teodor",
    "Ursula",
    "Valentin",
    "Wilhelmina",
    "Xavier",
    "Yusra",
    "Zeno",
    "Abena",
    "Barnaby",
    "Conrad",
    "Dagny",
    "Esme",
    "Fintan",
    "Gideon",
    "Hester",
    "Imogen",
    "Jago",
    "Lorcan",
    "Mirela",
    "Osric",
    "Perpetua",
)
_SUR_A = (
    "Ash",
    "Brem",
    "Carr",
    "Dray",
    "Ell",
    "Fenn",
    "Garr",
    "Hal",
    "Ivel",
    "Jess",
    "Kell",
    "Lorr",
    "Marr",
    "Norr",
    "Oak",
    "Pell",
    "Quill",
    "Radd",
    "Sell",
    "Torr",
    "Ulv",
    "Varr",
    "Wess",
    "Yarr",
    "Zell",
    "Aub",
    "Brack",
    "Cran",
    "Dunn",
    "Ebb",
)
_SUR_B = (
    "ford",
    "wick",
    "more",
    "by",
    "ton",
    "ley",
    "ridge",
    "worth",
    "castle",
    "hurst",
    "dale",
    "mere",
    "stone",
    "field",
    "gate",
    "well",
    "voss",
    "ings",
    "combe",
    "thorpe",
)
_PLACE_A = (
    "Osk",
    "Harr",
    "Brant",
    "Carr",
    "Lessen",
    "Fen",
    "Hal",
    "Salt",
    "Ald",
    "Mill",
    "Quar",
    "Nor",
    "East",
    "Holm",
    "Gaunt",
    "Pell",
    "Wyn",
    "Thorn",
    "Ember",
    "Corr",
    "Dal",
    "Kest",
    "Lyn",
    "Marl",
    "Ness",
    "Ox",
    "Rav",
    "Stour",
    "Tell",
    "Ull",
    "Vell",
    "Wold",
    "Yew",
    "Ast",
    "Bram",
    "Cold",
    "Drum",
    "Elm",
    "Frith",
    "Glen",
)
_PLACE_M = ("", "", "", "en", "er", "ing", "an", "el", "ow", "is")
_PLACE_B = (
    "by",
    "mere",
    "ford",
    "wick",
    "ton",
    "stead",
    "ham",
    "bridge",
    "field",
    "moor",
    "haven",
    "port",
    "well",
    "ley",
    "thwaite",
    "cross",
    "minster",
    "borough",
    "combe",
    "holt",
    "marsh",
    "water",
    "fold",
    "side",
    "ness",
)
_COUNTIES = tuple(
    f"{a}{b}"
    for a in ("Brant", "Vell", "Orr", "Kest", "Ly", "Mar")
    for b in ("shire", "ford", "mark", "land")
)
_STREETS = ("Lane", "Road", "Street", "Row", "Way", "Avenue", "Hill", "Gardens")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SMALL = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)

# --------------------------------------------------------------------------
# Story templates. Slots: {town} {county} {street} {site} {official} {orole}
# {expert} {erole} {resident} {age} {company} {spokes} {agency} {n1} {n2} {money}
# {day} {day2} {time} {year}. {n1}/{n2}/{money} get outlet-specific wordings
# ("12", "twelve", "at least a dozen") because real coverage differs like that.
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    site: tuple[str, ...]
    headlines: tuple[str, ...]
    facts: tuple[str, ...]
    quotes: tuple[str, ...]
    n1: tuple[int, int]
    n2: tuple[int, int]
    money: tuple[int, int]  # in hundreds of thousands


_KINDS: tuple[_Kind, ...] = (
    _Kind(  # fire
        site=("warehouse", "recycling plant", "timber yard", "furniture factory", "depot"),
        headlines=(
            "{n1} hurt as fire tears through {town} {site}",
            "Huge blaze at {town} {site}: {n2} homes evacuated",
            "Fire crews battle {site} fire on {street} for {n1} hours",
            "{town} {site} fire: investigation launched into cause",
            "Smoke warning for {town} after {site} fire",
        ),
        facts=(
            "The fire broke out at the {company} {site} on {street} shortly after {time} on {day}.",
            "At its height {n1} fire engines and more than 80 firefighters were at the scene.",
            "Residents of {n2} homes nearby were told to keep their windows and doors closed.",
            "{n1} people were treated for smoke inhalation, {agency} said.",
            "The roof of the {site} collapsed in the early hours of {day2}.",
            "Police closed {street} and diverted traffic through the centre of {town}.",
            "The {site}, which employs {n2} people, was built in {year}.",
            "Damage to the {site} has been estimated at {money}.",
            "Investigators from {agency} were expected to begin work at the site on {day2}.",
            "A column of black smoke could be seen from across {county} for most of {day}.",
        ),
        quotes=(
            "Our crews worked through the night in very difficult conditions",
            "It is far too early to say how the fire started",
            "I have never seen flames like it, the whole sky was orange",
            "We are grateful that nobody was seriously hurt",
        ),
        n1=(4, 25),
        n2=(40, 400),
        money=(5, 90),
    ),
    _Kind(  # flood
        site=("river", "brook", "reservoir", "flood barrier", "harbour wall"),
        headlines=(
            "{town} flooded as {site} bursts its banks",
            "{n2} homes flooded in {town} after night of heavy rain",
            "Clean-up begins in {town} after worst floods since {year}",
            "Flood defences in {town} failed, say residents",
            "Army called in as {town} floods leave {n1} families homeless",
        ),
        facts=(
            "The {site} burst its banks on {street} shortly after {time} on {day}.",
            "{n2} homes and businesses in {town} were flooded, {agency} said.",
            "{n1} families spent the night in an emergency shelter at the {town} community hall.",
            "More than a month's rain fell on {county} in 36 hours, according to forecasters.",
            "The water reached a depth of over a metre on {street} by {day2} morning.",
            "{company} said it had sent pumps and sandbags from its depots across {county}.",
            "The flood defences on the {site} were completed in {year} at a cost of {money}.",
            "Schools in {town} stayed closed on {day2} while roads were cleared.",
            "Insurers estimated the cost of the damage at {money}.",
            "Several roads out of {town} remained impassable on {day2} afternoon.",
        ),
        quotes=(
            "People have lost everything they own, and they need help now",
            "The defences did what they were designed to do, but this rain was exceptional",
            "We were bailing water out of the kitchen with saucepans at three in the morning",
            "There will be questions to answer once the water has gone down",
        ),
        n1=(5, 60),
        n2=(50, 900),
        money=(10, 200),
    ),
    _Kind(  # strike
        site=("bus depot", "hospital", "port", "refuse service", "call centre"),
        headlines=(
            "{town} {site} workers walk out in pay row",
            "Strike at {company}: {n2} staff stop work",
            "Talks fail as {town} {site} strike drags on",
            "{company} strike: union rejects {money} offer",
            "Disruption in {town} as {site} staff strike",
        ),
        facts=(
            "{n2} workers at the {company} {site} in {town} walked out at {time} on {day}.",
            "The strike is planned to last {n1} days, the union said.",
            "Staff are asking for a rise of 9%, while {company} has offered 4%.",
            "{company} said its offer was worth {money} over two years.",
            "Pickets gathered outside the {site} on {street} from early on {day}.",
            "Talks between the union and managers broke down on {day2} evening.",
            "The last strike at the {site} was in {year} and lasted three weeks.",
            "{agency} has offered to act as a go-between in the dispute.",
            "Services across {county} were expected to be disrupted until at least {day2}.",
            "Managers said contingency plans were in place to keep essential work going.",
        ),
        quotes=(
            "Nobody wants to be out here, but we have been left with no choice",
            "Our offer is fair and it is the most the company can afford",
            "We are asking people to bear with us while this is resolved",
            "The door is open and we are ready to talk at any time",
        ),
        n1=(2, 14),
        n2=(80, 2500),
        money=(20, 400),
    ),
    _Kind(  # council building project
        site=("library", "swimming pool", "bypass", "market hall", "sports centre"),
        headlines=(
            "Councillors back {money} plan for new {town} {site}",
            "{town} {site} plan approved after marathon debate",
            "Row over {money} {site} scheme in {town}",
            "New {site} for {town} gets green light",
            "{town} council votes for {site} despite protests",
        ),
        facts=(
            "Councillors voted in favour of the scheme at a meeting on {day} night.",
            "The {site} on {street} is expected to cost {money}.",
            "{n2} people signed a petition in support of the plan.",
            "Work is due to start next year, and the {site} should open in {year}.",
            "The existing {site} in {town} was built in the 1960s and needs costly repairs.",
            "{company} has been named as the preferred contractor for the project.",
            "Part of the cost will be met by a grant from {agency}.",
            "Opponents said the money should be spent on services in the villages around {town}.",
            "The decision will be reviewed by the {county} planning committee on {day2}.",
            "A public consultation on the design will open next month.",
        ),
        quotes=(
            "This is a once in a generation chance to give the town something it deserves",
            "Nobody is against the idea, but the cost has doubled in two years",
            "We have waited for this vote for a very long time",
            "Every penny of this will be accounted for",
        ),
        n1=(5, 12),
        n2=(300, 6000),
        money=(20, 600),
    ),
    _Kind(  # crash / derailment
        site=("level crossing", "bypass", "junction", "bridge", "roundabout"),
        headlines=(
            "{n1} injured in crash at {town} {site}",
            "Lorry and bus collide at {town} {site}",
            "{site} closed after serious crash near {town}",
            "Witness appeal after {town} {site} crash",
            "Calls for safety review at {town} {site} after crash",
        ),
        facts=(
            "The crash happened at the {site} on {street} at about {time} on {day}.",
            "{n1} people were taken to hospital, {agency} said.",
            "The {site} was closed for {n1} hours while investigators examined the scene.",
            "A lorry operated by {company} was involved in the collision.",
            "Police have appealed for anyone with dashcam footage to come forward.",
            "Residents say they have raised concerns about the {site} since {year}.",
            "{n2} vehicles use the {site} every day, according to council figures.",
            "Diversions were in place through the centre of {town} until {day2} morning.",
            "The {site} was last resurfaced at a cost of {money}.",
            "A 42-year-old man was arrested on suspicion of dangerous driving.",
        ),
        quotes=(
            "There was a bang and then glass everywhere",
            "Our thoughts are with everyone who was hurt",
            "We have been warning about this junction for years",
            "We are keeping an open mind about the cause",
        ),
        n1=(2, 18),
        n2=(2000, 30000),
        money=(5, 80),
    ),
    _Kind(  # factory closure
        site=("factory", "bakery", "printworks", "distribution centre", "steelworks"),
        headlines=(
            "{n2} jobs at risk as {company} plans to close {town} {site}",
            "{town} {site} to close with loss of {n2} jobs",
            "Shock in {town} as {company} announces {site} closure",
            "Union vows to fight {town} {site} closure",
            "MPs call for rescue of {town} {site}",
        ),
        facts=(
            "{company} told staff at the {site} on {street} on {day} that it would close.",
            "{n2} people work at the {site}, which opened in {year}.",
            "The company blamed rising energy costs and falling orders.",
            "The closure is expected to be complete within {n1} months.",
            "{agency} said it would help workers find new jobs in {county}.",
            "The {site} is the largest private employer in {town}.",
            "{company} reported losses of {money} last year.",
            "A formal consultation with the union will begin on {day2}.",
            "Suppliers in {town} fear the closure will hit their businesses too.",
            "Local councillors have asked for an urgent meeting with the company.",
        ),
        quotes=(
            "This is a devastating day for the town and for every family affected",
            "We have explored every option to keep the site open",
            "My father worked there, and so did his father",
            "We will not let these jobs go without a fight",
        ),
        n1=(3, 18),
        n2=(60, 1500),
        money=(10, 900),
    ),
)

# Story sentences every kind of event can use: they carry the story's own
# names, so they add on-story vocabulary without a template per kind.
_STORY_GENERIC = (
    "{official}, {orole}, visited {town} on {day2}.",
    "Residents of {street} said they had been left in the dark for hours.",
    "{agency} said it would publish an update on {day2}.",
    "The {site} lies on the edge of {town}, in the north of {county}.",
    "People in {town} have been asked to check on elderly neighbours.",
    "{company} said it was co-operating fully with {agency}.",
    "Shops on {street} stayed shut on {day2} as the clean-up went on.",
    "{resident} said the whole of {street} had come out to help.",
    "The last time {town} saw anything similar was in {year}.",
    "{expert} said lessons would have to be learned across {county}.",
    "A helpline has been set up by {agency} for anyone in {town} who needs advice.",
    "Questions have been raised about how {company} managed the {site}.",
)

# Common filler, unrelated to any story: background paragraphs every article
# has, and the shared vocabulary that makes unrelated stories look alike.
_FILLER = (
    "The {a} said further details would be published next {p}.",
    "It is not yet clear how long the {n} will take.",
    "A spokesperson for the {a} declined to comment further.",
    "The {n} has been a matter of concern for some time, according to local residents.",
    "Figures published last {p} suggested the situation was improving.",
    "Further updates are expected later this {p}.",
    "The {a} has said it will review its procedures.",
    "Many people took to social media to share their experiences.",
    "Local businesses said they had seen a drop in trade.",
    "The issue is expected to be raised at the next meeting of the {a}.",
    "Similar problems have been reported in other parts of the region in recent years.",
    "Anyone affected has been advised to contact the {a} directly.",
    "The {n} will be discussed again at a public meeting next {p}.",
    "Some residents said they had not been told what was happening.",
    "Officials stressed that the risk to the public remained low.",
    "The {a} said the safety of the public was its first priority.",
    "Opposition politicians called for an independent review of the {n}.",
    "The cost of the {n} has not been made public.",
    "A report on the {n} is due to be presented to the {a} next {p}.",
    "Volunteers have been offering help to those affected.",
)
_FILLER_A = ("council", "company", "department", "regional authority", "trust", "union")
_FILLER_N = ("work", "review", "investigation", "programme", "repair", "situation")
_FILLER_P = ("week", "month", "year", "spring", "autumn", "summer")

_GENERIC_HEADLINES = (
    "Parking charges to rise in {t}",
    "{t} market traders fight rent rise",
    "Under-14s reach county cup final",
    "Planning row over {t} solar farm",
    "New bus timetable for {t} from Monday",
    "{t} primary school rated outstanding",
    "Tributes paid to former {t} mayor",
    "Roadworks to close {t} high street",
    "What's on this weekend in {t}",
    "{t} café named best in county",
    "Library hours cut again in {t}",
    "Ten of the best walks around {t}",
)
_SECTIONS = ("News", "Local", "National", "Politics", "Business", "Community", "UK", "Region")
_MENU_POOL = (
    "Home",
    "News",
    "Sport",
    "Business",
    "Opinion",
    "Lifestyle",
    "Property",
    "Jobs",
    "What's On",
    "Obituaries",
    "Puzzles",
    "Weather",
    "Travel",
    "Culture",
    "Motors",
    "Family Notices",
    "Newsletters",
    "E-edition",
    "Podcasts",
    "Video",
)
_CONDITIONS = ("Sunny", "Cloudy", "Showers", "Light rain", "Fog", "Clear", "Windy")


class Truth(NamedTuple):
    """Ground truth for one generated record.

    ``story`` numbers the story; ``copy_of`` is the index (``i``) of the record
    this one reprints, or ``None`` for an original article. A NamedTuple, not a
    frozen dataclass, because frozen __init__ is slow and one is made per record.
    """

    story: int
    outlet: str
    copy_of: int | None
    published: date


@dataclass(frozen=True, slots=True)
class _Outlet:
    name: str
    head: str  # menu block after the headline line
    nav_glue: str  # "Skip to content …" run glued to the first paragraph, or ""
    tail: str  # related/comment/footer block, "{related}" left for per-article lines
    para_sep: str
    suffix_sections: tuple[str, ...]  # empty: headline has no " | Section | Outlet"
    date_style: int
    widget: bool
    related_label: str


# Picks use rng.random() index arithmetic: several times cheaper than
# rng.choice(), and story setup makes dozens of picks.


def _surname(rng: random.Random) -> str:
    r = rng.random
    return _SUR_A[int(r() * len(_SUR_A))] + _SUR_B[int(r() * len(_SUR_B))]


def _person(rng: random.Random) -> str:
    return f"{_FIRST[int(rng.random() * len(_FIRST))]} {_surname(rng)}"


def _place(rng: random.Random) -> str:
    r = rng.random
    return (
        _PLACE_A[int(r() * len(_PLACE_A))]
        + _PLACE_M[int(r() * len(_PLACE_M))]
        + _PLACE_B[int(r() * len(_PLACE_B))]
    )


def _make_outlets(rng: random.Random, count: int) -> list[_Outlet]:
    outlets: list[_Outlet] = []
    names: list[str] = []
    forms = ("The {p} {k}", "{p} {k}", "{p} Today", "The {p} Post", "{p} Live", "{p} News")
    kinds = ("Courier", "Herald", "Gazette", "Ledger", "Star", "Chronicle", "Echo", "Times")
    while len(outlets) < count:
        name = rng.choice(forms).format(p=_place(rng), k=rng.choice(kinds))
        if name in names:
            continue
        names.append(name)
        menu = rng.sample(_MENU_POOL, rng.randint(5, 11))
        sep = "\n" if rng.random() < 0.3 else " | "
        head = "\n".join(
            [name.upper() if rng.random() < 0.4 else name, sep.join(menu), "Subscribe", "Sign in"]
        )
        glue = ""
        if rng.random() < 0.5:
            glue = "Skip to content " + " ".join(menu[: rng.randint(2, 5)]) + " "
        comment = rng.choice(
            (
                "Leave a comment\nYour email address will not be published. "
                "Required fields are marked *\nComment *\nName *\nEmail *\nPost Comment",
                "Join the conversation\nLeave a comment… Your email address will not be "
                "published.\nSort by: Newest",
                "Have your say\nYou must be signed in to comment.\nPost comment",
            )
        )
        footer = "\n".join(
            (
                rng.choice(("About us", "About")) + " | Contact | Advertise | Privacy policy",
                rng.choice(("Cookie settings", "Terms and conditions", "Accessibility")),
                f"© {rng.choice(('2024', '2025', '2026'))} {name} Ltd. All rights reserved.",
            )
        )
        share = rng.choice(("Share this article\nFacebook\nX\nEmail", "Share", ""))
        tail = "\n".join(x for x in ("{related}", share, comment, footer) if x)
        outlets.append(
            _Outlet(
                name=name,
                head=head,
                nav_glue=glue,
                tail=tail,
                para_sep="\n\n" if rng.random() < 0.6 else "\n",
                suffix_sections=tuple(rng.sample(_SECTIONS, 2)) if rng.random() < 0.5 else (),
                date_style=rng.randrange(4),
                widget=rng.random() < 0.15,
                related_label=rng.choice(("Related:", "Read more", "Related stories", "More")),
            )
        )
    return outlets


def _fmt_date(d: date, style: int) -> str:
    if style == 0:
        return f"Published {d.day} {_MONTHS[d.month - 1]} {d.year}"
    if style == 1:
        return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"
    if style == 2:
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _number_wordings(n: int) -> tuple[str, ...]:
    # Outlets round and hedge differently; all wordings describe the same fact.
    out = [str(n), f"at least {max(n - 1, 1)}"]
    if n <= 20:
        out.append(_SMALL[n])
    if n >= 30:
        out.append(f"about {round(n, -1)}")
        out.append(f"nearly {round(n + 5, -1)}")
    if n == 12:
        out.append("at least a dozen")
    return tuple(out)


def _money_wordings(hundreds_k: int) -> tuple[str, ...]:
    m = hundreds_k / 10
    if m < 1:
        return (f"£{hundreds_k * 100},000", f"about £{hundreds_k * 100}k")
    exact = f"£{m:.1f}m".replace(".0m", "m")
    return (exact, f"£{m:.1f} million".replace(".0 million", " million"), f"about £{round(m)}m")


@dataclass(slots=True)
class _Story:
    number: int
    start: date
    headlines: list[tuple[str, ...]]  # per headline template: its wordings
    # variants[v][f]: fact f in wording set v. One outlet words every number of
    # an article the same way ("12" or "at least a dozen"), like real copy.
    variants: list[tuple[str, ...]]
    quotes: tuple[str, ...]
    captions: tuple[str, ...]


# Paragraph separator inside a generated body, replaced by the outlet's own.
_PARA = "\x00"


# A template prepared once per run: (template, number slot or "", capitalise?).
_Prepared = tuple[str, str, bool]


@dataclass(frozen=True, slots=True)
class _Pools:
    """Per-run material, built once so that each article is only cheap picks.

    rng.random() index arithmetic and prebuilt itemgetters/format strings are
    used instead of choice()/sample()/shuffle() per article: those cost about a
    microsecond per call, and an article would need dozens of them.
    """

    filler: list[tuple[str, ...]]  # runs of filler sentences, sliced per article
    related: list[str]  # blocks of three "related" headlines
    reporters: list[str]
    # layouts[L]: format strings placing L sentences into paragraphs in a
    # random order, sentence 0 (a story fact) first so the lede is on-story.
    layouts: list[list[str]]
    fact_picks: list[Callable[[Sequence[str]], tuple[str, ...]]]
    quote_picks: list[Callable[[Sequence[str]], tuple[str, ...]]]
    # Per kind: prepared headline and fact templates (facts include _STORY_GENERIC).
    templates: list[tuple[tuple[_Prepared, ...], tuple[_Prepared, ...]]]


_MIN_SENTENCES = 22  # about 300 words of body
_MAX_SENTENCES = 48  # about 700 words of body
_N_FACTS = len(_KINDS[0].facts) + len(_STORY_GENERIC)
_N_QUOTES = len(_KINDS[0].quotes) * 5  # five speakers per story
_N_VARIANTS = 4


def _prepare(templates: Sequence[str]) -> tuple[_Prepared, ...]:
    out = []
    for t in templates:
        slot = next((x for x in ("n1", "n2", "money") if "{" + x + "}" in t), "")
        out.append((t, slot, t[0] == "{"))
    return tuple(out)


def _make_story(rng: random.Random, number: int, start: date, pools: _Pools) -> _Story:
    r = rng.random
    k = int(r() * len(_KINDS))
    kind = _KINDS[k]
    town = _place(rng)
    wd = start.weekday()
    official, expert, resident, spokes = (_person(rng) for _ in range(4))
    company = (f"{_surname(rng)} Holdings", f"{_place(rng)} Group", f"{_surname(rng)} & Co")[
        int(r() * 3)
    ]
    agency = (
        f"{town} Borough Council",
        f"{_place(rng)} Fire and Rescue",
        f"the {_place(rng)} Health Trust",
        f"{_place(rng)} Police",
    )[int(r() * 4)]
    street = f"{_place(rng)} {_STREETS[int(r() * len(_STREETS))]}"
    site = kind.site[int(r() * len(kind.site))]
    orole = ("the leader of the council", f"the mayor of {town}", "the local MP")[int(r() * 3)]
    slots = {
        "town": town,
        "county": _COUNTIES[int(r() * len(_COUNTIES))],
        "street": street,
        "site": site,
        "company": company,
        "agency": agency,
        "official": official,
        "orole": orole,
        "expert": expert,
        "resident": resident,
        "day": _WEEKDAYS[wd],
        "day2": _WEEKDAYS[(wd + 1) % 7],
        "time": f"{1 + int(r() * 11)}.{5 * int(r() * 12):02d}{('am', 'pm')[int(r() * 2)]}",
        "year": str(1960 + int(r() * 64)),
    }
    # One slot mapping per wording of each number: format_map on a ready dict
    # is much cheaper than format(**slots, ...) for every template.
    lo1, hi1 = kind.n1
    lo2, hi2 = kind.n2
    lom, him = kind.money
    numbers = {
        "": [slots],
        "n1": [{**slots, "n1": w} for w in _number_wordings(lo1 + int(r() * (hi1 - lo1 + 1)))],
        "n2": [{**slots, "n2": w} for w in _number_wordings(lo2 + int(r() * (hi2 - lo2 + 1)))],
        "money": [{**slots, "money": w} for w in _money_wordings(lom + int(r() * (him - lom + 1)))],
    }

    def render(prepared: tuple[_Prepared, ...]) -> list[tuple[str, ...]]:
        # One rendering per wording of the number slot the template uses.
        out = []
        for template, slot, cap in prepared:
            texts = [template.format_map(m) for m in numbers[slot]]
            out.append(tuple(_cap(t) for t in texts) if cap else tuple(texts))
        return out

    headlines_prepared, facts_prepared = pools.templates[k]
    headlines = render(headlines_prepared)
    facts = render(facts_prepared)
    # Cycle each fact's wordings to _N_VARIANTS columns, then transpose.
    variants = list(zip(*[(f * _N_VARIANTS)[:_N_VARIANTS] for f in facts], strict=True))
    erole = (f"a spokesperson for {agency}", "an engineer", "a safety expert")[int(r() * 3)]
    speakers = (
        f"said {official}, {orole}",
        f"{official} said",
        f"said {expert}, {erole}",
        f"said {resident}, {19 + int(r() * 70)}, who lives on {street}",
        f"said {spokes}, speaking for {company}",
    )
    quotes = tuple(f'"{q}," {sp}.' for q in kind.quotes for sp in speakers)
    captions = (
        f"The scene on {street} on {slots['day']}",
        f"{official} in {town} on {slots['day2']}",
        f"The {site} in {town}",
    )
    return _Story(number, start, headlines, variants, quotes, captions)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _make_pools(rng: random.Random) -> _Pools:
    sentences = [
        t.format(a=rng.choice(_FILLER_A), n=rng.choice(_FILLER_N), p=rng.choice(_FILLER_P))
        for t in _FILLER
        for _ in range(12)
    ]
    filler = [tuple(rng.sample(sentences, _MAX_SENTENCES)) for _ in range(1024)]
    related = [
        "\n".join(rng.choice(_GENERIC_HEADLINES).format(t=_place(rng)) for _ in range(3))
        for _ in range(1024)
    ]
    reporters = [_person(rng) for _ in range(300)]
    layouts: list[list[str]] = [[] for _ in range(_MAX_SENTENCES + 1)]
    for length in range(_MIN_SENTENCES, _MAX_SENTENCES + 1):
        for _ in range(16):
            rest = list(range(1, length))
            rng.shuffle(rest)
            order = [0, *rest]
            paras: list[str] = []
            i = 0
            while i < length:
                k = rng.choice((1, 1, 2, 2, 2, 3))
                paras.append(" ".join("{%d}" % j for j in order[i : i + k]))  # noqa: UP031
                i += k
            layouts[length].append(_PARA.join(paras))
    # Always 2+ indices, so itemgetter returns a tuple.
    fact_picks: list[Callable[[Sequence[str]], tuple[str, ...]]] = []
    for _ in range(256):
        idx = rng.sample(range(_N_FACTS), rng.randint(8, 16))
        fact_picks.append(itemgetter(*idx))
    quote_picks: list[Callable[[Sequence[str]], tuple[str, ...]]] = []
    for _ in range(256):
        idx = rng.sample(range(_N_QUOTES), rng.randint(2, 4))
        quote_picks.append(itemgetter(*idx))
    templates = [
        (_prepare(kind.headlines), _prepare((*kind.facts, *_STORY_GENERIC))) for kind in _KINDS
    ]
    return _Pools(filler, related, reporters, layouts, fact_picks, quote_picks, templates)


def _body(rng: random.Random, story: _Story, pools: _Pools) -> str:
    """Body of one original article: story facts, quotes and filler.

    Paragraphs are separated by ``_PARA``. Each article reports a different
    subset of the story's facts and quotes, in one of its wordings and in its
    own order, like outlets writing up the same event.
    """
    rand = rng.random
    variants = story.variants
    facts = pools.fact_picks[int(rand() * 256)](variants[int(rand() * _N_VARIANTS)])
    quotes = pools.quote_picks[int(rand() * 256)](story.quotes)
    length = _MIN_SENTENCES + int(rand() * (_MAX_SENTENCES - _MIN_SENTENCES + 1))
    filler = pools.filler[int(rand() * len(pools.filler))][: length - len(facts) - len(quotes)]
    layouts = pools.layouts[length]
    return layouts[int(rand() * len(layouts))].format(*facts, *quotes, *filler)


def _render(
    rng: random.Random,
    outlet: _Outlet,
    headline: str,
    published: date,
    body: str,
    caption: str,
    pools: _Pools,
    reprint_of: str | None,
) -> str:
    rand = rng.random
    sections = outlet.suffix_sections
    lines = [f"{headline} | {sections[int(rand() * 2)]} | {outlet.name}" if sections else headline]
    if outlet.widget:
        # The widget shows the day the page was scraped, not the publication date.
        shown = published + timedelta(days=1 + int(rand() * 40))
        weather = _CONDITIONS[int(rand() * len(_CONDITIONS))]
        lines.append(f"{_fmt_date(shown, 1)} | {int(rand() * 26) - 2}°C {weather}")
    lines.append(outlet.head)
    lines.append(f"By {pools.reporters[int(rand() * len(pools.reporters))]}")
    lines.append(_fmt_date(published, outlet.date_style))
    if reprint_of is not None:
        lines.append(f"This article was originally published by {reprint_of}.")
    lede, _, rest = body.partition(_PARA)
    lines.append(outlet.nav_glue + lede)
    lines.append(caption)
    lines.append(rest.replace(_PARA, outlet.para_sep))
    related = pools.related[int(rand() * len(pools.related))]
    lines.append(outlet.tail.replace("{related}", f"{outlet.related_label}\n{related}", 1))
    lines.append("")
    return "\n".join(lines)


def _reprint_body(rng: random.Random, body: str, pools: _Pools) -> str:
    """The same body with one tiny edit: a paragraph swapped or dropped, or words changed."""
    paras = body.split(_PARA)
    j = rng.randrange(1, len(paras)) if len(paras) > 1 else 0
    r = rng.random()
    if r < 0.4:
        paras[j] = rng.choice(rng.choice(pools.filler))
    elif r < 0.7 and len(paras) > 2:
        del paras[j]
    else:
        paras[j] = paras[j].replace(" the ", " this ", 1).replace(" said", " told reporters", 1)
    return _PARA.join(paras)


# One pending record of a batch: (text, truth, batch-local index of its original);
# truth.copy_of is filled in when the final indices are known.
_Pending = tuple[str, Truth, int | None]

# Most coverage lands on the first two days, some trickles in later.
_DAY_OFFSETS = tuple(timedelta(days=d) for d in (0, 0, 0, 1, 1, 2, 3, 5))


def _story_articles(
    rng: random.Random,
    story: _Story,
    outlets: Sequence[_Outlet],
    pools: _Pools,
    batch: list[_Pending],
) -> None:
    """Append one story's articles (and any near-copies) to ``batch``."""
    rand = rng.random
    headlines = story.headlines
    for outlet in rng.sample(outlets, rng.randint(3, 12)):
        pub = story.start + _DAY_OFFSETS[int(rand() * len(_DAY_OFFSETS))]
        body = _body(rng, story, pools)
        photographer = pools.reporters[int(rand() * len(pools.reporters))]
        subject = story.captions[int(rand() * len(story.captions))]
        caption = f"{subject}. (Photo: {photographer}/{outlet.name})"
        wordings = headlines[int(rand() * len(headlines))]
        headline = wordings[int(rand() * len(wordings))]
        text = _render(rng, outlet, headline, pub, body, caption, pools, None)
        original = len(batch)
        batch.append((text, Truth(story.number, outlet.name, None, pub), None))
        if rand() < 0.05:
            # Near-copy: another outlet reprints this article under its own
            # headline and boilerplate, with one small edit.
            other = rng.choice(outlets)
            while other.name == outlet.name:
                other = rng.choice(outlets)
            rpub = pub + timedelta(days=rng.choice((0, 0, 1)))
            rtext = _render(
                rng,
                other,
                rng.choice(rng.choice(headlines)),
                rpub,
                _reprint_body(rng, body, pools),
                caption,
                pools,
                outlet.name,
            )
            batch.append((rtext, Truth(story.number, other.name, None, rpub), original))


def generate_with_truth(n: int, seed: int = 0) -> Iterator[tuple[RawRecord, Truth]]:
    """Yield ``n`` synthetic records with their ground truth, deterministically."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    pools = _make_pools(rng)
    outlets = _make_outlets(rng, max(24, min(400, n // 40 + 24)))
    # Story starts spread over about 14 months, by progress through n, so a
    # time window keeps most stories apart whatever n is.
    base = date(2025, 1, 1)
    span_days = 420
    emitted = 0
    story_no = 0
    # Stories are made in small batches and shuffled within the batch: a real
    # folder interleaves stories, yet published dates still move forward.
    batch_size = 16
    while emitted < n:
        batch: list[_Pending] = []
        for _ in range(batch_size):
            offset = emitted * span_days // max(n, 1) + rng.randint(0, 6)
            story = _make_story(rng, story_no, base + timedelta(days=offset), pools)
            _story_articles(rng, story, outlets, pools, batch)
            story_no += 1
        order = list(range(len(batch)))
        rng.shuffle(order)
        # Originals first (stable sort), so a copy can name its original's index.
        order.sort(key=lambda b: batch[b][2] is not None)
        position: dict[int, int] = {}
        for b in order:
            if emitted >= n:
                return
            text, truth, original = batch[b]
            position[b] = emitted
            name = f"{emitted:07d}.txt"
            record = RawRecord(
                source=f"synth/{name}",
                key=name,
                kind="text",
                content=text,
                published=truth.published,
            )
            copy_of = position[original] if original is not None else None
            yield record, truth if copy_of is None else truth._replace(copy_of=copy_of)
            emitted += 1


def generate(n: int, seed: int = 0) -> Iterator[RawRecord]:
    """Yield ``n`` synthetic plain-text records (see module docstring)."""
    for record, _truth in generate_with_truth(n, seed):
        yield record


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate or time the synthetic corpus.")
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print the first N records")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    records = list(generate(args.n, args.seed))
    dt = time.perf_counter() - t0
    words = sum(r.content.count(" ") + r.content.count("\n") for r in records)
    print(
        f"{len(records)} records, {words / max(len(records), 1):.0f} words avg, "
        f"{dt:.2f}s, {len(records) / dt:,.0f} articles/s"
    )
    for r in records[: args.show]:
        print(f"==== {r.source} {r.published}\n{r.content}")


if __name__ == "__main__":
    main()
