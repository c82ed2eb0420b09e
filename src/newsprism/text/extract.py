"""Extract: one raw record in, one clean :class:`~newsprism.models.Extracted` out.

Stage: after ingest. Needs a :class:`~newsprism.models.RawRecord`; adds clean
text, title, outlet, date, URL. Dispatches to the plain-text cleaner or the
HTML extractor, then lets what a container record stated explicitly (its
``title``, ``url``, ``published``, ``outlet`` fields) win over guesses.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from newsprism.errors import InputError
from newsprism.models import Extracted, RawRecord
from newsprism.text.clean import clean_body
from newsprism.text.headline import headline_from_text
from newsprism.text.language import guess_language
from newsprism.text.meta import outlet_from_url
from newsprism.text.pubdate import published_from_text
from newsprism.text.sitename import site_of_text

_SPACE = re.compile(r"\s+")


def article_id(record: RawRecord) -> str:
    """A stable id: the same input gives the same id on every run and machine.

    It hashes the record's key (file name, or ``FILE#KEY`` inside a container)
    with its content, so moving a folder keeps ids, and an edited file is a
    new article rather than a silent overwrite of the stored one.
    """
    h = hashlib.sha256()
    for part in (record.key, record.content, record.title or "", record.url or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


def extract(record: RawRecord) -> Extracted:
    """Clean one record. Raises :class:`InputError` when no article is left."""
    if record.kind == "html":
        # Imported on the first HTML record: trafilatura, htmldate and lxml
        # are a fifth of the instructions of importing the pipeline (2.05 ->
        # 1.83 G by valgrind, 95 of 310 ms by ``python -X importtime``), and a
        # run over plain text or JSON never reads HTML.
        from newsprism.text.html import extract_html

        found = extract_html(record.content, url=record.url)
        text, title, outlet, url = found.text, found.title, found.outlet, found.url
        published, language = found.published, found.language
    else:
        text, title, outlet, url, published = _page_text(record)
        language = None
    url = record.url or url
    outlet = record.outlet or outlet
    if outlet is None and url:
        outlet = outlet_from_url(url)
    title = record.title or title
    if not text.strip() and not title:
        raise InputError(record.source, "no article text found")
    # One Extracted, built once with every field settled: each built on the
    # way (the cleaner's, and two dataclasses.replace() copies) cost 12-22k
    # instructions, a frozen dataclass's interpreted __init__ and its check.
    return Extracted(
        text=text,
        title=title,
        outlet=outlet,
        published=record.published or published,
        url=url,
        language=language if language is not None else guess_language(text),
    )


def _page_text(
    record: RawRecord,
) -> tuple[str, str | None, str | None, str | None, date | None]:
    """Scraped text: body, title, outlet, URL, date (read from the whole page, or abstaining).

    The cleaner's outlet and date are not read: :mod:`newsprism.text.pubdate` and
    :mod:`newsprism.text.sitename` weigh every date
    and every name on the page (bylines, stamps, copyright lines, the title's
    site suffix, domains), fitted and checked on the scraped set; they replace
    the cleaner's first-match guesses. On the scraped set's test half (outlets
    not used in fitting) dates went from 17% to 61% right, and outlets from
    63 right and 22 wrong to 58 right and 14 wrong (most of those 14 are the
    outlet's full name, "The New York Times" for nytimes.com): the cleaner's
    guess is not kept as a fallback, since adding it back gave 68 right and
    20 wrong. With no name on the page, the outlet comes from the record's
    URL (in :func:`extract`).

    The headline is :mod:`newsprism.text.headline`'s (the h1 above the body when
    the first line is only the page's SEO ``<title>``), or none: test half
    0.844 -> 0.896 right (86/96, 8 wrong). The cleaner's title as a fallback
    would add one right and one wrong there, but on the same pages without
    their ``<title>`` line (as other scrapers give them) it brings menu lines
    back: 62 right and 93 wrong, against 60 and 25 without it (see
    benchmarks/scraped_titles.py).
    """
    text, guessed = clean_body(record.content, url=record.url)
    # What the record states wins in extract(): nothing is read for it. A
    # stated title keeps the cleaner's guess, which _with_stated_title needs
    # to tell whether the first line was the headline or body.
    title = guessed if record.title else headline_from_text(record.content)
    published = record.published or published_from_text(record.content, url=record.url)
    outlet: str | None = None
    url = record.url
    if not (record.outlet and record.url):
        site = site_of_text(record.content)
        outlet, url = site.outlet, record.url or site.url
    if record.title:
        text = _with_stated_title(text, title, record.title)
    return text, title, outlet, url, published


def _with_stated_title(text: str, guessed: str | None, title: str) -> str:
    """Text from a record that states its title: the first line is body, not title.

    The cleaner guesses a headline from the first line of scraped text; when
    the record names its title and the guess differs, the guessed line was
    body text and goes back in front. A body that opens with the stated
    title repeats it, and that copy goes.
    """
    if guessed and _norm(guessed) != _norm(title):
        text = f"{guessed}\n\n{text}" if text else guessed
    first, _, rest = text.partition("\n")
    if _norm(first) == _norm(title):
        text = rest.lstrip("\n")
    return text


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip().lower()
