"""Every story of several articles among unrelated pages, printed to be read.

    python benchmarks/cluster_pages.py                  # the 181 extraction pages (HTML)
    python benchmarks/cluster_pages.py --text           # the same pages as scraped text

The 181 pages of the extraction benchmark (``../shared/benchmarks/extraction``)
are about unrelated things (no two were picked as one story), so a story of
several of them is a merge to read: either a real copy or a second report of
one event (rare), or two events put together. This runs the pipeline on them
into a temporary database and prints each such story: its articles' titles,
dates, outlets and copy links, and the first words of their texts. How many
there are, and what reading them found, goes in the README.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.store import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
HTML = SHARED / "extraction" / "html"
TEXT = SHARED / "scraped" / "text"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--text", action="store_true", help="the scraped-text renderings")
    parser.add_argument("--words", type=int, default=30, help="first words shown per article")
    args = parser.parse_args(argv)
    folder = TEXT if args.text else HTML
    if not folder.exists():
        print(f"skipped: {folder} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "pages.db"
        result = analyze([folder], AnalyzeOptions(db=db))
        with SQLiteStore.open(db) as store:
            arts = list(store.articles())
            by_story: dict[str, list[object]] = {}
            for a in arts:
                by_story.setdefault(str(a.story), []).append(a)
            multi = {sid: m for sid, m in by_story.items() if len(m) > 1}
            print(
                f"{len(arts)} articles ({result.copies} copies), {len(by_story)} stories, "
                f"{len(multi)} of several articles"
            )
            for n, (sid, members) in enumerate(sorted(multi.items()), start=1):
                print(f"\n[{n}] {sid}: {len(members)} articles")
                for a in store.articles([m.id for m in members]):  # type: ignore[attr-defined]
                    name = Path(a.source).name
                    copy = f" copy of {a.duplicate_of}" if a.duplicate_of else ""
                    print(f"  - {name} ({a.outlet}, {a.published}){copy}")
                    print(f"    title: {a.title}")
                    print(f"    text: {' '.join(a.text.split()[: args.words])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
