"""The JSON report, format ``newsprism-report/1`` (see the contract in the docs).

Stage: last. Needs the store; adds nothing to it. The report is written as a
stream (one article at a time) so that exporting a large database does not
hold it in memory. Story analysis sections (quotes, numbers, timeline,
exclusive, framing, summary) come from :mod:`newsprism.analysis`, one story at
a time.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newsprism.analysis import SECTIONS, Entry, section_builders, story_sections
from newsprism.errors import NewsprismError
from newsprism.models import Article, Story
from newsprism.store import Store

FORMAT = "newsprism-report/1"


def article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "language": a.language,
        "text": a.text,
        "duplicate_of": a.duplicate_of,
        "story": a.story,
    }


def story_json(story: Story, articles: Sequence[Article]) -> dict[str, Any]:
    """One story of the report, with its analysis sections built from ``articles``."""
    out: dict[str, Any] = {"id": story.id, "title": story.title, "articles": list(story.articles)}
    sections = _sections(articles)
    for section in SECTIONS:
        out[section] = sections[section]
    return out


def _sections(articles: Sequence[Article]) -> dict[str, list[Entry]]:
    """The story's sections; should one fail on odd input, the others still stand.

    A stored story is read by every later ``show`` and ``export``: an
    exception in one section's code on one odd article would otherwise
    break them all from then on. The failing section is left empty (a
    report abstains rather than shows a half-built section); the others
    are rebuilt one by one.
    """
    try:
        return story_sections(articles)
    except Exception:  # any failure of a section's code (see above)
        pass
    # The order story_sections gives its builders: originals, earliest first.
    originals = sorted(
        (a for a in articles if a.duplicate_of is None),
        key=lambda a: (a.published is None, a.published, a.id),
    )
    sections: dict[str, list[Entry]] = {name: [] for name in SECTIONS}
    for name, build in section_builders().items():
        try:
            sections[name] = build(originals)
        except Exception:  # this section abstains
            continue
    return sections


def write_report(
    store: Store,
    out: IO[str],
    story_ids: Sequence[str] | None = None,
    *,
    generated: datetime | None = None,
    workers: int = 1,
) -> None:
    """Write the report for ``story_ids`` (all stories when ``None``) to ``out``.

    ``workers`` > 1 analyses the stories in that many processes (same output).
    """
    ids = story_ids if story_ids is not None else [s.id for s in store.stories()]
    stories = [store.story(sid) for sid in ids]  # raises NotFoundError for a bad id
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.write(f'{{\n"format": {json.dumps(FORMAT)},\n"generated": {json.dumps(when)},\n')
    out.write('"articles": [')
    wanted = None if story_ids is None else [a for s in stories for a in s.articles]
    for n, article in enumerate(store.articles(wanted)):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(article_json(article), ensure_ascii=False))
    out.write('\n],\n"stories": [')
    for n, entry in enumerate(_story_entries(store, stories, workers)):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(entry, ensure_ascii=False))
    out.write("\n]\n}\n")


# Stories analysed at once by worker processes: enough to keep them busy,
# few enough that the articles held in memory stay a small part of a corpus.
_GROUP = 64


def _story_entries(
    store: Store, stories: Sequence[Story], workers: int
) -> Iterator[dict[str, Any]]:
    """Each story's report entry, in order; with ``workers`` > 1 built by that many processes.

    A story's sections need nothing but its articles, so groups of stories
    are analysed in parallel while this process reads the next ones.
    """
    if workers <= 1:
        for story in stories:
            yield story_json(story, list(store.articles(list(story.articles))))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(stories), _GROUP):
            group = stories[start : start + _GROUP]
            members = [list(store.articles(list(s.articles))) for s in group]
            yield from pool.map(story_json, group, members)


def build_report(
    store: Store, story_ids: Sequence[str], *, generated: datetime | None = None
) -> dict[str, Any]:
    """The report for ``story_ids`` as one dict (for rendering a few stories)."""
    stories = [store.story(sid) for sid in story_ids]  # raises NotFoundError for a bad id
    articles = list(store.articles([a for s in stories for a in s.articles]))
    by_story: dict[str | None, list[Article]] = {}
    for a in articles:
        by_story.setdefault(a.story, []).append(a)
    return {
        "format": FORMAT,
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "articles": [article_json(a) for a in articles],
        "stories": [story_json(s, by_story.get(s.id, [])) for s in stories],
    }


def export_json(
    store: Store, path: str | Path, story_ids: Sequence[str] | None = None, workers: int = 1
) -> None:
    """Write the report to ``path`` atomically: a reader never sees half a file."""
    write_atomic(path, lambda fh: write_report(store, fh, story_ids, workers=workers))


def write_atomic(path: str | Path, write: Callable[[IO[str]], object]) -> None:
    """Write a text file through ``write`` atomically: a reader never sees half a file."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise NewsprismError(f"{path}: cannot write the report ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            write(fh)
        # mkstemp makes the file private (0600); a report is an ordinary file:
        # keep the mode of the one it replaces, else the usual 0644.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
