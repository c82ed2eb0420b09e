"""Quantities in a sentence: each number with its modifier, change and unit.

Stage: a helper of the numbers section (:mod:`newsprism.analysis.numbers`), which
decides which quantities are figures of a story; this module only reads them.

For each number written in digits ("9,227", "$1.2bn", "256GB", "+0.3%"), in
words ("two", "twenty-five", "a third") or as a vague amount ("hundreds"):

* its value, or both ends of a range ("200-300", "between 200 and 300",
  "one to two");
* its modifier: "min" (more than, at least), "max" (fewer than, up to),
  "nearly" (almost) or "approx" (about, roughly, "or so");
* its direction when a verb of change governs it ("rose 3%", "down 19 cents");
* its unit: percent, a currency, a measurement written after it ("60 mph",
  "12.3 inch") and the counted noun phrase right after it ("517 rushing
  yards").

Never read: dates ("Oct. 7", "7 October"), years ("in 2016"), times of day,
ordinals, product and index codes ("F-16", "iPhone 11", "S&P 500"), phone
numbers and the parts of a score or a clock reading.

The rules were written against NewsQuant (590 news sentences, Almasian et al.
2023: ``benchmarks/newsquant.py`` reports each half of it) and checked on the
seed articles' exhaustive figure list (``benchmarks/facts_seeds.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number in a sentence, as written there."""

    start: int  # the figure with its modifier: "more than 240"
    end: int
    value: float
    high: float | None  # the upper end of a range, else None
    modifier: str | None  # "min", "max", "nearly", "approx" or None
    direction: str | None  # "up", "down" or None
    unit: str | None  # "percent", a currency ("dollar"), a measure ("mile"), else None
    unit_text: str | None  # the unit as written: "%", "US $", "mph", "rushing yards"
    noun: str  # the words right after the figure: "American dual citizens"
    vague: bool  # "hundreds", "dozens": an order of magnitude, not a count
    spelled: bool  # written in words ("two"), not digits
    shift: bool = False  # "from 4.8 to 4.7": value and high are where it went from and to

    @property
    def change(self) -> str:
        """NewsQuant's change symbol: = ~ > < up down."""
        if self.modifier == "min":
            return ">"
        if self.modifier == "max":
            return "<"
        # "rose about 1.5%": NewsQuant marks the change, not the rounding.
        if self.direction is not None:
            return self.direction
        if self.modifier in ("approx", "nearly"):
            return "~"
        return "="


# ------------------------------------------------------------- lexicon

_UNITS_WORDS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: Final = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "b": 1e9, "mn": 1e6, "mil": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
_FRACTIONS: Final = {"half": 0.5, "third": 1 / 3, "quarter": 0.25}
# Vague amounts, as intervals: the report contract fixes "hundreds" as
# [200, 999]; the others follow the same reading (at least two of the unit,
# fewer than ten of the next).
VAGUE: Final[dict[str, tuple[float, float]]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2000, 9999), "many thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999), "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999), "billions": (2e9, 9_999_999_999),
}  # fmt: skip

MONTHS: Final = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
    "sep|sept|september|oct|october|nov|november|dec|december"
)
# Currency written before a figure, and the unit it names.
_CURRENCY_SIGNS: Final = {
    "$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "₹": "rupee", "y=": "yen",
    "rm": "ringgit", "rs": "rupee", "rs.": "rupee", "usd": "dollar", "eur": "euro",
    "gbp": "pound", "chf": "franc", "nis": "shekel", "ps": "pound", "aud": "dollar",
    "cad": "dollar", "jpy": "yen", "cny": "yuan", "inr": "rupee",
}  # fmt: skip
# Currency and other unit words written after a figure ("15 euros", "19 cents").
_UNIT_WORDS: Final = {
    "dollar": "dollar", "dollars": "dollar", "euro": "euro", "euros": "euro",
    "pound": "pound", "pounds": "pound", "yen": "yen", "yuan": "yuan", "ringgit": "ringgit",
    "shekel": "shekel", "shekels": "shekel", "rupee": "rupee", "rupees": "rupee",
    "cent": "cent", "cents": "cent", "pence": "pence", "p": "pence", "sen": "sen",
    "percent": "percent", "per cent": "percent", "pc": "percent", "%": "percent",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "basis point": "basis point",
}  # fmt: skip

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CUR_PREFIX = (
    r"(?:(?:US|U\.S\.|A|AU|C|CA|HK|NZ|S)\s?\$|\$\s?(?:US|A|C)(?![a-z])|[$£€¥₹]|Y=|RM|Rs\.?\s?|"
    r"(?:USD|EUR|GBP|AUD|CAD|CHF|NIS|JPY|CNY|INR)\s?|PS(?=\d))"
)
# A figure in digits: sign, currency, number, scale, percent or attached unit.
_DIGIT_FIGURE: Final = re.compile(
    rf"(?P<sign>[+~±−]|-(?=\d)|minus[- ])?(?P<cur>{_CUR_PREFIX})?(?P<num>{_DIGITS})"
    r"(?:\s?(?P<scale>(?:hundred\s)?(?:thousand|million|billion|trillion)|hundred|bn|mn|mln|mil"
    r"|tn|trn)\b"
    r"|(?P<sscale>[kKmMbB])(?![\w-]))?"
    r"(?P<pct>\s?%|\s?(?:percent|per\s?cent|pc)\b)?"
    r"(?P<attached>(?<=\d)(?:[A-Za-zμ°][A-Za-z/μ²³°]*\d?(?:-[a-z]+)?|″|\s?€))?"
)
_WORD_NUMBER: Final = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?P<tu>one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?P<units>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|(?P<a>an?)(?=\s(?:hundred|thousand|million|billion|dozen)\b))"
    r"(?:\s(?P<wscale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?:\s(?P<wdozen>dozen)\b)?(?![\w’'])",
    re.IGNORECASE,
)
_VAGUE_RE: Final = re.compile(
    r"\b(?P<vague>"
    + "|".join(sorted((re.escape(w) for w in VAGUE), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_FRACTION_RE: Final = re.compile(
    r"\b(?:(?P<fnum>a|one|two|three)[- ](?P<frac>half|third|thirds|quarter|quarters))\b"
    r"(?=\s+of\b)",
    re.IGNORECASE,
)

# Modifiers before a figure.
_MIN = (
    r"more than|over|exceeding|in excess of|upwards of|above|greater than|at least|"
    r"no fewer than|no less than|a minimum of|well over|surpassed|topping|over than"
)
_MAX = (
    r"fewer than|less than|under|below|up to|at most|no more than|a maximum of|just under|"
    r"lower than|as little as|sub-|as few as"
)
_NEARLY = r"nearly|almost|close to|just shy of|barely"
_APPROX = r"roughly|about|around|approximately|some|an estimated|estimated|circa|~|approx\.?"
_MODIFIERS: Final = [
    (re.compile(rf"(?:^|[^\w-])(?:{words})\s?$", re.IGNORECASE), kind)
    for words, kind in ((_MAX, "max"), (_MIN, "min"), (_NEARLY, "nearly"), (_APPROX, "approx"))
]
_PER: Final = re.compile(
    r"^\s(?:per|a|an)\s(?:day|week|month|year|hour|game|person|capita|share|head)\b"
)
_PERCENT_AFTER: Final = re.compile(r"^\s?(?:%|percent\b|per\s?cent\b)", re.IGNORECASE)
_AFTER_APPROX: Final = re.compile(r"^\s(?:or so|or more|-odd|odd)\b", re.I)
_RANGE: Final = re.compile(
    rf"^(?:\s?(?:-|–|—)\s?|\s(?:to|and)\s)(?P<cur>{_CUR_PREFIX})?(?P<num>{_DIGITS})"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|mil)\b"
    r"|(?P<sscale>[kKmMbB])(?![\w-]))?",
    re.IGNORECASE,
)
_WORD_RANGE: Final = re.compile(
    r"^(?:\s?(?:%|percent|per\s?cent))?\s(?:to|or)\s"
    r"(?P<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}(?![\d,.]))\b",
    re.IGNORECASE,
)
_UP = (
    r"rose|rise|rises|rising|risen|gained|gains|gain|jumped|jumps|climbed|climbs|increased|"
    r"increases|increase|grew|grow|grows|advanced|advancing|added|adds|surged|soared|rallied|"
    r"(?<!gave )(?<!give )(?<!lead )(?<!made )(?<!ended )(?<!picked )(?<!set )up|higher|"
    r"boosted|edged up|climbing|jumping|surging|gaining|soaring|rallying|"
    r"growing|increasing|adding"
)
_DOWN = (
    r"fell|fall|falls|falling|fallen|dropped|drops|drop|lost|loses|lose|slid|slipped|"
    r"declined|declines|decreased|decrease|decreases|plunged|plummeted|tumbled|down|sank|"
    r"shed|lower|edged down|cut|eased|sunk|retreated|plummeting|plunging|dropping|sliding|"
    r"declining|tumbling|losing|sinking|shedding|decreasing|slipping"
)
_DIRECTION: Final = [
    (re.compile(rf"\b(?:{verbs})\s(?:by\s)?(?:(?:{_NEARLY}|{_APPROX})\s)?$", re.I), kind)
    for verbs, kind in ((_UP, "up"), (_DOWN, "down"))
]

# Measures written after a figure ("60 mph", "12.3 inch", "586 lb-ft").
MEASURES: Final = frozenset(
    "mile miles mph km kms kilometre kilometres kilometer kilometers metre metres meter meters "
    "m cm mm nm μm micrometre micrometres micron microns foot feet ft inch inches in yard yards "
    "kg kilogram kilograms kilo kilos g gram grams mg ton tons tonne tonnes lb lbs pound-feet "
    "lb-ft nm gigatonne gigatonnes oz ounce ounces litre litres liter liters l ml gallon "
    "gallons barrel barrels acre acres hectare hectares sq sqft km/h km/hr kmh kph mpg rpm "
    "hp bhp ps kw kwh mw mwh gw gwh w watt watts volt volts v hz khz mhz ghz db decibel "
    "decibels gb mb tb kb gbps mbps degree degrees °c °f c f celsius fahrenheit calorie "
    "calories kcal ksi mpa psi kt knot knots carat carats deg degf degc megawatt megawatts "
    "kilowatt kilowatts gigawatt gigawatts terawatt mah m2 km2 cm2 m3 pascal pascals "
    "megapascal megapascals gigapascal gigapascals"
    .split()
)  # fmt: skip
# Measures of two words ("570 sq m"), and one spelling of a unit for all.
_MEASURES_TWO: Final = frozenset(
    "sq m|sq ft|sq km|sq mi|square metres|square meters|square feet|square miles|"
    "square kilometres|square kilometers|cubic metres|cubic meters|cubic feet|light years|"
    "miles per hour|kilometres per hour|kilometers per hour|metres per second|"
    "meters per second|miles per gallon".split("|")
)
SPELLING: Final = {
    "liter": "litre", "liters": "litre", "litres": "litre", "meter": "metre", "meters": "metre",
    "metres": "metre", "kilometer": "kilometre", "kilometers": "kilometre",
    "kilometres": "kilometre", "miles": "mile", "feet": "foot", "ft": "foot", "inches": "inch",
    "yards": "yard", "tons": "ton", "tonnes": "tonne", "pounds": "pound", "degrees": "degree",
    "hours": "hour", "days": "day", "weeks": "week", "months": "month", "years": "year",
    "minutes": "minute", "seconds": "second", "decades": "decade",
}  # fmt: skip
# Lengths of time: a figure of these is a duration.
DURATIONS: Final = frozenset(
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks "
    "month months year years decade decades century centuries"
    .split()
)  # fmt: skip
_NOUN_STOP: Final = frozenset(
    "of in on at by for from with to and or but as that which who whom whose have has had are "
    "is was were been be will would could can may might including since during after before "
    "into than per a an the their its his her our them they those these us it this there here "
    "when while where if so not no also just only more most less than about around over under "
    "said says told according each every all both some any such than then last next whilst "
    "without within worldwide nationwide remain remains stay stays live work die face faces need "
    "needs want wants make makes take takes get gets go goes come comes become becomes seem "
    "seems appear appears stand stands sit sits lie lies out up down off away back against what "
    "did do does already still even never ever now across among around through toward towards "
    "upon via like near despite amid beyond "
    # A day ends the noun phrase: "hit over 200 US companies Friday" counts
    # companies, not Fridays (read on AllSides dev; ECB+ and the seeds say
    # "on Friday", which "on" already ended).
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight "
    "tomorrow".split()
)
_VERBISH: Final = re.compile(
    r"[a-z]+(?:ed|ing)|taken|held|seen|given|made|left|gone|according|been|being|known|"
    r"won|lost|told|said|say|says|got|went|came|come|set|put|hit|cut|let|run|ran|"
    # Irregular past forms end a noun phrase too ("Thousands of Cubans took to
    # the streets" counts Cubans, not "Cubans took"; AllSides dev).
    r"took|fled|gave|sent|fell|began|broke|brought|bought|caught|chose|drove|flew|fought|"
    r"found|grew|kept|led|paid|sold|spoke|stood|struck|threw|wrote|became|stole|swore|"
    r"drew|withdrew|built|dealt|dug|heard|hung|meant|rode|sank|shook|slept|sought|spent|"
    r"swept|taught|thought|tore|wore|froze|hid|underwent|overtook"
)
_TOKEN: Final = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[\w’'/-]+|[^\w\s]")
# Product, index and model codes: "F-16", "S&P 500", "iPhone 11", "Covid-19".
_CODE_BEFORE: Final = re.compile(
    r"(?:[A-Za-z&][-/]?|\b(?:no\.|number|article|resolution|section|row|route|room|flight|"
    r"level|phase|category|grade|model|version|season|episode|chapter|page|game|week|day|"
    r"round|stage|pixel|galaxy|iphone|series|class|type|gen|generation|channel|vol\.|issue|"
    r"bill|act|amendment|ward|district|gate|platform|exit|line|unit|apt|suite|interstate|"
    r"highway|nasdaq|ftse|stoxx|dax|nikkei|fortune|s&p|s ?p|ta|xi|top|covid|omicron|"
    r"hb|sb|hr|rs|mr|ms|dr|group of|g)\s)$",
    re.IGNORECASE,
)
_DATE_BEFORE: Final = re.compile(rf"\b(?:{MONTHS})\.?,?\s$", re.IGNORECASE)
_DATE_AFTER: Final = re.compile(
    rf"^(?:st|nd|rd|th)?,?\s(?:of\s)?(?:{MONTHS})\b|^(?:st|nd|rd|th)\b", re.IGNORECASE
)
_CLOCK_AFTER: Final = re.compile(
    r"^\s?(?:a\.?m\b\.?|p\.?m\b\.?|gmt|utc|bst|est|edt|pst|et\b|local time|o'clock|hrs\b)"
    r"|^[:.]\d\d(?!\d)|^:\d",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"(?:1[6-9]|2[01])\d\d")
_YEAR_AFTER_OK: Final = re.compile(
    r"^\s(?:people|persons|residents|workers|employees|jobs|homes|units|troops|soldiers|"
    r"students|children|families|users|customers|patients|cases|votes)\b",
)
# A number right after a capitalised word inside a sentence names a thing
# ("Big 12", "Apple Watch 5", "Planet 9", "Part 3"), unless the word only
# opens the sentence or is a function word.
_NAME_BEFORE: Final = re.compile(
    r"(?<=[\w,;] )(?!(?:In|On|At|By|Of|To|For|From|With|And|But|Or|The|About|Some|Over|"
    r"Nearly|Almost|Around|Roughly|Only|Just|All|Since|Until|After|Before|During|Than|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s)[A-Z][A-Za-z&/.-]*\s$"
)
_ADDRESS_AFTER: Final = re.compile(
    r"^(?:[-–]\d+)?(?:\s[A-Z][\w.]*){1,3}\s(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Drive|Dr|"
    r"Boulevard|Blvd|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway)\b\.?"
)


_ANY_DIGIT: Final = re.compile(r"\d")
_DASHES: Final = str.maketrans("-–—/", "    ")
_PUNCT: Final = ".,;:!?\"“”‘’'()[]"
_NUMBER_WORDS: Final = frozenset(
    [*_UNITS_WORDS, *_TENS_WORDS, "hundred", "thousand", "million", "billion", "dozen"]
)
_VAGUE_WORDS: Final = frozenset(w for k in VAGUE for w in k.split() if w not in ("of", "many"))
_FRACTIONS_WORDS: Final = frozenset("half third thirds quarter quarters".split())
_TRIGGERS: Final = _NUMBER_WORDS | _VAGUE_WORDS | _FRACTIONS_WORDS


def quantities(sentence: str) -> list[Quantity]:
    """Every quantity in one sentence, left to right."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    # Each search only where its words occur: most sentences hold no number
    # (benchmarks/sections_speed.py: the reader is most of the section's cost).
    words = {w.strip(_PUNCT) for w in sentence.lower().translate(_DASHES).split()}
    has_digit = _ANY_DIGIT.search(sentence) is not None
    if not has_digit and words.isdisjoint(_TRIGGERS):
        return []
    vague_words = not words.isdisjoint(_VAGUE_WORDS)
    for m in _VAGUE_RE.finditer(sentence) if vague_words else ():
        low, _ = VAGUE[m.group("vague").lower()]
        vq = _finish(sentence, m.start(), m.end(), low, None, vague=True, spelled=True)
        found.append(vq)
        taken.append((m.start(), m.end()))
    for m in _FRACTION_RE.finditer(sentence) if not words.isdisjoint(_FRACTIONS_WORDS) else ():
        if not free(m.start(), m.end()):
            continue
        whole = (
            1.0
            if m.group("fnum").lower() in ("a", "one")
            else float(_UNITS_WORDS[m.group("fnum").lower()])
        )
        frac = (
            m.group("frac").lower().rstrip("s") if m.group("frac").lower() != "thirds" else "third"
        )
        value = whole * _FRACTIONS[frac]
        found.append(_finish(sentence, m.start(), m.end(), value, None, vague=False, spelled=True))
        taken.append((m.start(), m.end()))
    for m in _DIGIT_FIGURE.finditer(sentence) if has_digit else ():
        if not free(m.start(), m.end()):
            continue
        q = _digit_quantity(sentence, m)
        if q is not None:
            found.append(q)
            taken.append((m.start("num") if m.group("cur") is None else m.start(), q.end))
    for m in _WORD_NUMBER.finditer(sentence) if not words.isdisjoint(_NUMBER_WORDS) else ():
        if not m.group(0) or not free(m.start(), m.end()):
            continue
        q = _word_quantity(sentence, m)
        if q is not None:
            found.append(q)
            taken.append((m.start(), q.end))
    found.sort(key=lambda q: q.start)
    return _shifts(sentence, _carried(sentence, found))


def _shifts(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """ "from 252 miles to 287 miles", "from $75 a barrel to $45.88": one shift
    from a value to another, with words between (NewsQuant writes it as a
    range; the numbers section leaves shifts out)."""
    out: list[Quantity] = []
    skip = -1
    for i, q in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None
            and q.high is None
            and nxt.high is None
            and re.search(r"\bfrom\s(?:up to\s)?$", sentence[max(0, q.start - 12) : q.start], re.I)
            and _SHIFT_GAP.fullmatch(sentence[q.end : nxt.start])
            and (nxt.unit is None or q.unit is None or nxt.unit == q.unit)
        ):
            q = replace(q, high=nxt.value, shift=True, end=nxt.end, unit=q.unit or nxt.unit)
            q = replace(q, unit_text=q.unit_text or nxt.unit_text, modifier=None)
            skip = i + 1
        out.append(q)
    return out


# Words between the two ends of a shift: "miles", "U.S. per barrel", "at
# 10.45pm last night", not a clause.
_SHIFT_GAP: Final = re.compile(r"(?:\s[\w.’'$-]+){0,5}\s(?:up\s)?to\s")


def _carried(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """A figure restated right after another keeps its change: "lost 190
    points, or 0.6%", "just under 296 hp (224 kW / 300 PS)"."""
    out: list[Quantity] = []
    for i, q in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        # "8 or $9", "between 5 or 6 percent": the unit written once.
        shared = nxt is not None and nxt.unit_text is not None and q.unit is None and not q.noun
        if shared and nxt and re.fullmatch(r"\s(?:or|to|and)\s", sentence[q.end : nxt.start]):
            q = replace(q, unit=nxt.unit, unit_text=nxt.unit_text)
        prev = out[-1] if out else None
        if prev is not None and q.modifier is None and q.direction is None:
            gap = sentence[prev.end : q.start]
            if re.fullmatch(r"\s*(?:[A-Za-z%]+\s*)?,?\s(?:or|and)\s", gap) and prev.direction:
                q = replace(q, direction=prev.direction)
            elif re.fullmatch(r"\s*(?:[A-Za-z%]+\s*)?[(/]\s*", gap) and prev.modifier:
                q = replace(q, modifier=prev.modifier)
        out.append(q)
    return out


def _scale_of(
    scale: str | None, sscale: str | None, has_currency: bool, after: str
) -> float | None:
    if scale:
        factor = 1.0
        for word in scale.lower().split():
            factor *= _SCALES[word]
        return factor
    if sscale:
        s = sscale.lower()
        # A lone "m" after a bare number is metres when a dimension or a
        # stop follows ("5m deep", "a 3m wall."), else millions ("1.2m
        # tons"); after a currency it is millions ("£5m").
        if sscale == "m" and not has_currency and _METRES_AFTER.match(after[1:]):
            return None
        if sscale == "b" and not has_currency:
            return None
        return _SCALES[s]
    return None


_METRES_AFTER: Final = re.compile(
    r"^(?:\s(?:deep|high|tall|long|wide|away|above|below|across|from|and|or)\b|\s?[^\w\s]|$)"
)


def _digit_quantity(sentence: str, m: re.Match[str]) -> Quantity | None:
    raw = m.group("num")
    num_start = m.start("num")
    before = sentence[max(0, num_start - 24) : num_start]
    cur = m.group("cur")
    # A digit run glued to letters or other digits is a code, a clock
    # reading, a score or a phone number, not a quantity.
    prev = sentence[num_start - 1] if num_start > 0 else " "
    if cur is None and m.group("sign") is None and (prev.isalnum() or prev in "_/:.,'’#@&"):
        return None
    sub = before.lower().endswith("sub-")
    glued = cur is None and m.group("sign") is None and prev in "-–"
    if glued and num_start > 1 and sentence[num_start - 2].isalnum() and not sub:
        return None  # "F-16", "Covid-19", the second side of "2-1"
    after_num = sentence[m.end("num") :]
    if re.match(r"^(?::\d|/\d|\.\d|-\d{3,}|\s\d{3,}\b|,\d(?!\d{2}\b)|[-–]\d+[-–]\d)", after_num):
        return None  # "10:30", "3/4", "555 0192", dates "2023-11-03"
    if re.search(r"\d{3,}\s$", before) and cur is None:
        return None  # the second group of a phone number
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return None  # "0300": a phone or code, never a count
    scale = _scale_of(m.group("scale"), m.group("sscale"), cur is not None, after_num)
    pct = m.group("pct")
    attached = m.group("attached")
    if attached is None and m.group("sscale") and scale is None:
        attached = m.group("sscale")  # "5m deep": metres
    if attached is not None and attached.lower() == "s":
        return None  # "the 1990s", "Model 3s": a decade or a name
    value = float(raw.replace(",", ""))
    if cur is None and not pct and not scale and not m.group("sign"):
        day_like = "." not in raw and "," not in raw and float(raw) <= 31
        if (day_like and _DATE_BEFORE.search(before)) or _DATE_AFTER.match(after_num):
            return None
        if _CLOCK_AFTER.match(after_num):
            return None
        if re.match(r"^(?:st|nd|rd|th)\b", after_num, re.I):
            return None
        if not attached and not _measure_after(after_num):
            if (_CODE_BEFORE.search(before) and not sub) or _NAME_BEFORE.search(before):
                return None
            if _ADDRESS_AFTER.match(after_num) or (re.match(r"^\)", after_num) and prev == "("):
                return None  # "49 Zorro Ranch Road", a shirt number "(4)"
            if _YEAR.fullmatch(raw) and not _YEAR_AFTER_OK.match(after_num):
                return None
        score = re.match(r"^[-–](\d{1,3})(?!\d|[,.]\d)", after_num)
        if score is not None and float(score.group(1)) <= value:
            return None  # a score: "2-1", "2-2"
    if scale:
        value *= scale
    unit: str | None = None
    unit_text = (pct or cur or attached or "").strip() or None
    if pct:
        unit = "percent"
    elif cur:
        unit = "dollar" if "$" in cur else _CURRENCY_SIGNS.get(cur.strip().lower(), "currency")
    elif attached:
        unit = _attached_unit(attached)
        if unit is None:
            return None  # glued to letters we cannot read as a unit: a code
    end = m.end()
    start = m.start()
    sign = m.group("sign")
    direction: str | None = None
    modifier: str | None = None
    if sign == "+":
        direction = "up"
    elif sign in ("~", "±"):
        modifier = "approx"
    elif sign is not None and sign[0] in "−-m":
        lead = sentence[m.start() - 1] if m.start() > 0 else " "
        if lead.isalnum() or lead in "-–":
            return None  # "F-16", "2-1": read at the dash is not a sign
        value = -value
        if pct:
            direction = "down"
    high: float | None = None
    shift = False
    rng = _RANGE.match(sentence[end:])
    if rng is not None:
        value, high, unit, end, shift = _range(sentence, m, rng, value, scale, unit, end)
    return _finish(
        sentence,
        start,
        end,
        value,
        high,
        vague=False,
        spelled=False,
        unit=unit,
        unit_text=unit_text,
        modifier=modifier,
        direction=direction,
        shift=shift,
    )


def _range(
    sentence: str,
    m: re.Match[str],
    rng: re.Match[str],
    value: float,
    scale: float | None,
    unit: str | None,
    end: int,
) -> tuple[float, float | None, str | None, int, bool]:
    """(value, high, unit, end, shift) of a figure followed by "-", "to" or "and" a number.

    "200-300" and "between 200 and 300" are ranges; "from 4.8 to 4.7 percent"
    is a shift from one value to another (NewsQuant writes both as ranges);
    "rose 6.5% to 164p" and "10 per cent to 18.97 yuan" are two quantities
    (a change and where it ended).
    """
    start = m.start()
    joined = rng.group(0)
    before = sentence[max(0, start - 30) : start]
    other = float(rng.group("num").replace(",", ""))
    rscale = _scale_of(rng.group("scale"), rng.group("sscale"), rng.group("cur") is not None, "")
    if rscale:
        other *= rscale
        if not scale and value < float(rng.group("num").replace(",", "")):
            value *= rscale  # "$10 to $15 billion", "1 to 2 thousand"
    elif scale:
        other *= scale
    tail = sentence[end + rng.end() :]
    pct_after = re.match(r"^\s?(?:%|percent\b|per\s?cent\b)", tail)
    other_unit = "percent" if pct_after else ("currency" if rng.group("cur") else None)
    own_unit = None if unit is None else ("currency" if m.group("cur") else unit)
    if joined.startswith(" and"):
        between = re.search(r"\bbetween\s(?:[$£€]\s?)?$", before, re.IGNORECASE)
        ok = between is not None and other > value
        shift = False
    elif joined.startswith(" to"):
        shift = re.search(r"\bfrom\s(?:up to\s)?$", before) is not None
        if shift:
            ok = own_unit is None or own_unit == other_unit
        elif _change_before(before) is not None:
            ok = own_unit is None and other > value  # "dropped by 1 to 1.5 degrees"
        else:
            ok = other > value and (own_unit is None or own_unit == other_unit)
    else:
        shift = False
        ok = other > value
    if not ok:
        return value, None, unit, end, False
    end += rng.end()
    if pct_after is not None and unit is None:
        end += pct_after.end()
        unit = "percent"
    return value, other, unit, end, shift


def _change_before(before: str) -> str | None:
    for pattern, kind in _DIRECTION:
        if pattern.search(before):
            return kind
    return None


def _attached_unit(text: str) -> str | None:
    low = text.lower().rstrip(".")
    if low in MEASURES or low in DURATIONS:
        return low
    if low in ("pc",):
        return "percent"
    if low == "″":
        return "inch"
    if low.strip() == "€":
        return "euro"
    if low in ("x",):
        return "times"
    if low in ("p",):
        return "pence"
    if "/" in text or (re.fullmatch(r"[A-Za-z]{1,4}", text) and not text.islower()):
        return text  # "kWh", "km/h", "mAh", "GB": a unit abbreviation
    if low in ("g",):
        return low
    return None


def _measure_after(after: str) -> bool:
    tok = re.match(r"^\s?([A-Za-z/°μ-]+)", after)
    if tok is None:
        return False
    word = tok.group(1).lower()
    # One-letter symbols and "in" are words more often than units when spaced.
    return word in MEASURES and (len(word) > 2 or after[:1] != " ") and word != "in"


def _word_quantity(sentence: str, m: re.Match[str]) -> Quantity | None:
    word = m.group(0)
    if m.group("tens"):
        value = float(_TENS_WORDS[m.group("tens").lower()])
        if m.group("tu"):
            value += _UNITS_WORDS[m.group("tu").lower()]
    elif m.group("units"):
        value = float(_UNITS_WORDS[m.group("units").lower()])
    elif m.group("a"):
        value = 1.0
    else:
        return None
    if m.group("wscale"):
        value *= _SCALES[m.group("wscale").lower()]
    if m.group("wdozen"):
        value *= 12
    if m.group("a") and not (m.group("wscale") or m.group("wdozen")):
        return None
    after = sentence[m.end() :]
    if re.match(r"^-(?:year|month|week|day)s?-old\b", after, re.I):
        pass  # an age in words: read, the caller decides
    elif re.match(r"^-\w", after) and (word.lower() == "one" or not re.match(r"^-[a-z]", after)):
        return None  # "one-time", "one-off"; "five-year", "six-cylinder" are read
    if word.lower() in ("one", "an", "a") and not _WORD_RANGE.match(after):
        # "one" is an article more often than a count: read only before a
        # noun phrase ("one man", "one of the people").
        if not re.match(
            r"^\s(?:of\s(?:the|his|her|their|its|our|my|your|those|these)\b|[a-z])", after
        ):
            return None
        if re.search(
            r"\b(?:each|same|the|this|that|any|every|no|on|another|which|little|big|"
            r"new|old|only|last|first|right|wrong|such|one)\s$",
            sentence[: m.start()],
            re.I,
        ):
            return None  # "each one", "the same one", "get hands on one"
        if re.match(
            r"^\s(?:another|day|time|way|thing|hand|point|can|could|would|should|"
            r"might|may|must|will|is|was|has|had|says|said|and|or|to|who|that)\b",
            after,
        ):
            return None
    end = m.end()
    high: float | None = None
    rng = _WORD_RANGE.match(after)
    if rng is not None and not m.group("wscale"):
        word = rng.group("w").lower()
        other = float(word) if word.isdigit() else float(_UNITS_WORDS[word])
        if value < other <= 100:
            high = other
            end += rng.end()
    return _finish(sentence, m.start(), end, value, high, vague=False, spelled=True)


def _finish(
    sentence: str,
    start: int,
    end: int,
    value: float,
    high: float | None,
    *,
    vague: bool,
    spelled: bool,
    unit: str | None = None,
    unit_text: str | None = None,
    modifier: str | None = None,
    direction: str | None = None,
    shift: bool = False,
) -> Quantity:
    before = sentence[max(0, start - 30) : start]
    if modifier is None:
        for pattern, kind in _MODIFIERS:
            mod = pattern.search(before)
            if mod is not None:
                skip = 1 if mod.group(0)[:1] and not mod.group(0)[0].isalnum() else 0
                start -= len(before) - mod.start() - skip
                before = sentence[max(0, start - 30) : start]
                modifier = kind
                break
    if direction is None and not vague:
        for pattern, kind in _DIRECTION:
            if pattern.search(before):
                direction = kind
                break
    pct = _PERCENT_AFTER.match(sentence[end:]) if unit is None else None
    if pct is not None:
        unit, unit_text = "percent", pct.group(0).strip()
        end += pct.end()
    after = _AFTER_APPROX.match(sentence[end:])
    if after is not None and modifier is None:
        end += after.end()
        modifier = "min" if "more" in after.group(0).lower() else "approx"
    noun_words = _noun_after(sentence[end:])
    rate = _PER.match(sentence[end:]) if not noun_words and unit is None else None
    if rate is not None:
        unit = unit_text = rate.group(0).strip()  # "an average of 20 per week"
    if unit is None and noun_words:
        first = noun_words[0].lower()
        two = " ".join(w.lower() for w in noun_words[:2])
        if two in _UNIT_WORDS:
            unit, unit_text = _UNIT_WORDS[two], " ".join(noun_words[:2])
        elif two in _MEASURES_TWO:
            unit, unit_text = two, " ".join(noun_words[:2])
        elif first in _UNIT_WORDS:
            unit, unit_text = _UNIT_WORDS[first], noun_words[0]
        elif first in MEASURES or first in DURATIONS:
            unit, unit_text = first, noun_words[0]
    if unit is not None:
        unit = SPELLING.get(unit.lower(), unit)
    return Quantity(
        start=start,
        end=end,
        value=value,
        high=high,
        modifier=modifier,
        direction=direction,
        unit=unit,
        unit_text=unit_text,
        noun=" ".join(noun_words),
        vague=vague,
        spelled=spelled,
        shift=shift,
    )


def is_noun_word(word: str) -> bool:
    """A lower-case word that can be (part of) a noun: not a function word,
    not a verb form ("relief", "war"; not "in", "killed", "said")."""
    low = word.lower()
    return low not in _NOUN_STOP and _VERBISH.fullmatch(low) is None and not low.endswith("ly")


def _modifies(words: list[str], tail: str, tok: str) -> bool:
    """A participle right after the figure that qualifies the next noun ("400
    charging stations", "300 recorded songs"), not a verb ("240 held by")."""
    if words or not tok.endswith(("ing", "ed")):
        return False
    nxt = re.match(rf"\s*{re.escape(tok)}\s([a-z][\w-]*)", tail)
    if nxt is None:
        return False
    word = nxt.group(1)
    return word not in _NOUN_STOP and _VERBISH.fullmatch(word) is None


def _noun_after(tail: str) -> list[str]:
    """The noun phrase right after a figure ("American dual citizens")."""
    tail = re.sub(r"^\s(?:or so|or more|-odd)\b", "", tail, flags=re.IGNORECASE)
    tail = re.sub(r"^\sof\s(?:the\s|its\s|their\s|his\s|her\s|our\s)?", " ", tail)
    tail = re.sub(r"^-(?=[a-z])", " ", tail)  # "1.8 billion-mile"
    words: list[str] = []
    for tok in _TOKEN.findall(tail[:80]):
        low = tok.lower()
        if (not tok[0].isalnum() and tok not in ("%", "°")) or tok[0].isdigit():
            break
        if (low in _NOUN_STOP and not (tok.isupper() and len(tok) > 1)) or len(words) >= 4:
            break  # "us" ends a noun phrase, "US troops" does not
        # A participle or verb ends the noun phrase: "hostages held by …",
        # "people taken captive", "9,200 according to …".
        if low.endswith("ly") and len(low) > 4:
            break
        if _VERBISH.fullmatch(low) and low not in MEASURES and not _modifies(words, tail, tok):
            break
        words.append(re.sub(r"[’']s$", "", tok))  # "Johnson’s deputies"
    while words and words[-1].lower() in _TRAILING_ADJECTIVES:
        words.pop()  # "29,128 new reported cases": the noun is not "new"
    return words


_TRAILING_ADJECTIVES: Final = frozenset(
    "new more other additional total extra further fewer fresh current former".split()
)
