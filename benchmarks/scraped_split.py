"""The fit/test split of the scraped-text set (``../shared/benchmarks/scraped``).

Anything learned or tuned from the scraped pages (the line classifier, the
date and outlet cues) is fitted on the ``fit`` half and reported on the
``test`` half. The halves are cut by the page's outlet domain, not by page:
two pages of one site share menus and footers, and a site seen while fitting
would flatter the test half. The held-out sets that measure the project are
other outlets, so the test half is too.

The split is a hash of the domain: stable across machines and runs, and not
chosen by looking at any score.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Literal

Half = Literal["fit", "test"]


def half_of(domain: str) -> Half:
    """``fit`` or ``test`` for an outlet domain ("nytimes.com")."""
    digest = hashlib.sha256(domain.lower().encode("utf-8")).digest()
    return "fit" if digest[0] % 2 == 0 else "test"


def pages(shared: Path, half: Half | None = None) -> Iterator[tuple[dict[str, object], Path]]:
    """Each gold line of ``metadata.jsonl`` with its text file, in file order.

    ``half`` keeps one half only; ``None`` gives every page.
    """
    folder = shared / "benchmarks" / "scraped"
    with open(folder / "metadata.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            gold = json.loads(line)
            if half is None or half_of(str(gold["outlet_domain"])) == half:
                yield gold, folder / "text" / str(gold["id"])


@functools.cache
def scorer(shared: Path) -> ModuleType:
    """``shared/eval/score.py`` as a module, loaded once: the fitting scripts
    score with its own functions (shingles, title rule) rather than copies."""
    spec = importlib.util.spec_from_file_location("newsprism_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
