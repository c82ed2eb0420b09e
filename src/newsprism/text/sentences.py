"""Sentences of a paragraph, by rule: shared by the analysis sections and the views.

Stage: a helper of story analysis and rendering (no record of its own).
"""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (optionally followed by a closing quote or
# bracket) before white space and an upper-case letter, digit or opening
# quote, except after a known abbreviation ("Mr.", "U.S.", "Sens.", "v."):
# a piece cut there is a fragment, and sections that show single sentences
# (single-source facts, the summary) would show it as if it stood alone.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Gens|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Rev|Prof|"
    r"Jr|Sr|No|U\.S|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|v|vs|[A-Z])\.$"
    # A US state as news style writes it after a party or a town ("D-Calif.",
    # "Oakland, Calif."): mid-sentence far more often than at its end. Read on
    # AllSides dev, where "Sens. Sheldon Whitehouse, D-R.I." and "Roe v. Wade"
    # were cut into fragments shown as single-source facts.
    r"|(?:-|,\s)(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|"
    r"Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.$"
)

_CLOCK = re.compile(r"\b[ap]\.m\.$")
_DAY_OR_ZONE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z]{1,2}[SD]?T|GMT|UTC)\b"
)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (rule-based; see ``_SENTENCE_END``)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start : match.start()] + paragraph[match.start() : match.end()].rstrip()
        if _ABBREV.search(piece.rstrip('"”’)] ')):
            continue
        if _CLOCK.search(piece) and _DAY_OR_ZONE.match(paragraph, match.end()):
            continue  # "7 p.m. Thursday", "9 a.m. ET": the time goes on
        parts.append(piece.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]
