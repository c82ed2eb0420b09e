"""Instructions per article of the two page-metadata stages, counted by valgrind.

Usage::

    .venv/bin/python benchmarks/metadata_instructions.py --n 1000

The plain-text path (benchmarks/instructions.py) runs
:func:`newsprism.text.sitename.site_of_text` on every scraped record that does
not state both its outlet and URL, and
:func:`newsprism.text.pubdate.published_from_text` on every one that does not state
its date; the synthetic records state their dates, so that whole-pipeline
count leaves pubdate out. This script counts each stage alone: three child
processes under ``valgrind --tool=cachegrind`` generate N synthetic records
(``synth.generate``, both modules imported) and run nothing, sitename, or
pubdate over their texts; the differences divided by N are the stages'
instructions per article. Like instructions.py, it measures the newsprism the
interpreter imports, compiled or not (the first line says which), with a
fixed string-hash seed so two runs of the same code agree to within a few
hundredths of a percent.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instructions import instructions_of

_STAGES = ("sitename", "pubdate")


def _child(n: int, seed: int, stage: str) -> None:
    from newsprism.text.pubdate import published_from_text
    from newsprism.text.sitename import site_of_text
    from synth import generate

    texts = [r.content for r in generate(n, seed)]
    if stage == "sitename":
        for text in texts:
            site_of_text(text)
    elif stage == "pubdate":
        for text in texts:
            published_from_text(text)


def _count(n: int, seed: int, stage: str) -> int:
    child = ["--child", stage, "--n", str(n), "--seed", str(seed)]
    return instructions_of(Path(__file__), child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="synthetic records")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", choices=["none", *_STAGES], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        _child(args.n, args.seed, args.child)
    elif shutil.which("valgrind") is None:
        print("metadata_instructions.py needs valgrind (apt install valgrind)", file=sys.stderr)
        return 2
    else:
        _report(args.n, args.seed)
    return 0


def _report(n: int, seed: int) -> None:
    from throughput import _build

    print(f"build: {_build()}")
    base = _count(n, seed, "none")
    for stage in _STAGES:
        per_article = (_count(n, seed, stage) - base) / n
        print(f"{stage}: {per_article / 1e6:.3f} M instructions per article (n={n:,})")


if __name__ == "__main__":
    raise SystemExit(main())
