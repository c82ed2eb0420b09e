"""Same outputs before and after a speed change to the plain-text path.

    python benchmarks/text_same.py --save before.json [--shared ../shared]
    python benchmarks/text_same.py --check before.json [--shared ../shared]

Runs the whole pipeline (``process_records`` into a temporary database) on
each set: the scraped-text pages, the HTML pages of the extraction set, the
five seeds, and 2,000 synthetic pages (``synth.generate``), and saves every
stored article (clean text, title, outlet, date, URL, language, which
article it copies, which articles share its story) to a JSON file, or
compares them with a saved file and lists the articles that differ. A speed
change must leave every output the same: run ``--save`` on the commit before
it and ``--check`` after. (Page metadata alone: benchmarks/metadata_same.py.)
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metadata_same import arguments, save_or_check
from newsprism.models import RawRecord, RecordKind
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import process_records
from newsprism.store import SQLiteStore
from synth import generate


def _files(folder: Path, pattern: str, kind: RecordKind) -> Iterator[RawRecord]:
    for path in sorted(folder.glob(pattern)):
        if path.suffix == ".gz":
            content = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:
            content = path.read_text(encoding="utf-8")
        yield RawRecord(source=path.name, key=path.name, kind=kind, content=content)


def sets(shared: Path, synthetic: int) -> dict[str, list[RawRecord]]:
    """The record sets, each run through the pipeline on its own."""
    bench = shared / "benchmarks"
    return {
        "scraped": list(_files(bench / "scraped" / "text", "*.txt", "text")),
        "html": list(_files(bench / "extraction" / "html", "*.html.gz", "html")),
        "seeds": list(_files(shared / "seeds", "*.txt", "text")),
        "synthetic": list(generate(synthetic, 0)),
    }


def outputs(records: list[RawRecord]) -> dict[str, object]:
    """Every stored article of one run, by source, as JSON values."""
    with tempfile.TemporaryDirectory(prefix="newsprism-same-") as tmp:
        options = AnalyzeOptions(db=Path(tmp) / "same.db")
        with SQLiteStore.open(options.db) as store:
            process_records(records, store, options)
            articles = list(store.articles())
    source = {a.id: a.source for a in articles}
    # A story is named by its members (story ids need not be stable).
    members: dict[str, list[str]] = {}
    for a in articles:
        if a.story is not None:
            members.setdefault(a.story, []).append(a.source)
    return {
        a.source: {
            "text": a.text,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "url": a.url,
            "language": a.language,
            "copy_of": source.get(a.duplicate_of) if a.duplicate_of else None,
            "story": sorted(members[a.story]) if a.story is not None else None,
        }
        for a in articles
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0], argv)
    found: dict[str, object] = {
        f"{name}/{src}": out
        for name, records in sets(args.shared, args.synthetic).items()
        for src, out in outputs(records).items()
    }
    return save_or_check(found, args, "articles")


if __name__ == "__main__":
    raise SystemExit(main())
