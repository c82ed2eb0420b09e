"""Same outputs before and after a speed change to the page-metadata stages.

    python benchmarks/metadata_same.py --save before.json [--shared ../shared]
    python benchmarks/metadata_same.py --check before.json [--shared ../shared]

Runs :mod:`newsprism.text.sitename` (``candidates`` with all their evidence,
``site_of_text``) and :mod:`newsprism.text.pubdate` (``date_candidates`` with
their features, ``published_from_text`` with and without a dated URL) on
every page of the scraped-text set, the five seeds and 2,000 synthetic pages
(``synth.generate``), and saves the outputs to a JSON file, or compares them
with a saved file and lists the pages that differ. A speed change must leave
every output the same: run ``--save`` on the commit before it and
``--check`` after.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.text.pubdate import date_candidates, published_from_text
from newsprism.text.sitename import candidates, site_of_text
from synth import generate

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = 2000
# A dated URL exercises the branch of published_from_text that settles the
# day from it (no page of the sets has a URL of its own in its record).
_DATED_URL = "https://example.com/2019/11/19/some-story"


def pages(shared: Path, synthetic: int) -> Iterator[tuple[str, str]]:
    """(name, raw text) of every page checked."""
    for path in sorted((shared / "benchmarks" / "scraped" / "text").glob("*.txt")):
        yield f"scraped/{path.stem}", path.read_text(encoding="utf-8")
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield f"seeds/{path.stem}", path.read_text(encoding="utf-8")
    for record in generate(synthetic, 0):
        yield record.source, record.content


def outputs(text: str) -> dict[str, object]:
    """Everything the two stages return for one page, as JSON values."""
    site = site_of_text(text)
    published = published_from_text(text)
    published_url = published_from_text(text, url=_DATED_URL)
    return {
        "site": [site.outlet, site.url],
        "candidates": [
            [c.name, sorted(c.own), sorted(c.support), c.domain_share, c.mentions]
            for c in candidates(text)
        ],
        "published": published.isoformat() if published else None,
        "published_url": published_url.isoformat() if published_url else None,
        "dates": [
            [c.value.isoformat(), c.start, c.end, c.line, list(c.features)]
            for c in date_candidates(text)
        ],
    }


def arguments(description: str, argv: Sequence[str] | None) -> argparse.Namespace:
    """The options every *_same.py script takes: --save or --check, --shared, --synthetic."""
    parser = argparse.ArgumentParser(description=description)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the outputs to this JSON file")
    action.add_argument("--check", type=Path, help="compare the outputs with this JSON file")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC)
    return parser.parse_args(argv)


def save_or_check(found: dict[str, object], args: argparse.Namespace, unit: str) -> int:
    """Save ``found`` (``--save``) or list where it differs from the saved file (``--check``)."""
    if args.save:
        args.save.write_text(json.dumps(found, sort_keys=True), encoding="utf-8")
        print(f"saved the outputs of {len(found):,} {unit} to {args.save}")
        return 0
    saved = json.loads(args.check.read_text(encoding="utf-8"))
    # Round-trip through JSON so floats and tuples compare as saved.
    found = json.loads(json.dumps(found, sort_keys=True))
    differ = sorted(n for n in set(saved) | set(found) if saved.get(n) != found.get(n))
    for name in differ[:20]:
        print(f"differs: {name}")
    print(f"{len(found) - len(differ):,} of {len(found):,} {unit} the same, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0], argv)
    found = {name: outputs(text) for name, text in pages(args.shared, args.synthetic)}
    return save_or_check(dict(found), args, "pages")


if __name__ == "__main__":
    raise SystemExit(main())
