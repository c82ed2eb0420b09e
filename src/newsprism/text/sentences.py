"""Sentences of a paragraph, by rule: shared by the analysis sections and the views.

Stage: a helper of story analysis and rendering (no record of its own).
"""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (optionally followed by a closing quote or
# bracket) before white space and an upper-case letter, digit or opening
# quote. Abbreviations such as "Mr." or "U.S." before a name split wrongly
# now and then; that only moves a citation anchor by one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|Jr|Sr|No|U\.S|U\.N|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$"
)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (rule-based; see ``_SENTENCE_END``)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start : match.start()] + paragraph[match.start() : match.end()].rstrip()
        if _ABBREV.search(piece.rstrip('"”’)] ')):
            continue
        parts.append(piece.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]
