"""Copies of a real article: reprinted under other page chrome, cut to half, or
with a sentence changed. Each must be linked to its original (``duplicate_of``)
and share its story, beside the other seed articles of the same event, which
are not copies of it.

The article is a seed (``../shared/seeds``), read through the pipeline; the
tests are skipped when ``../shared`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.store import SQLiteStore

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared seeds are absent")

# Another site's page around the same body: its own menu, share bar and footer.
CHROME_TOP = (
    "Home\nWorld\nPolitics\nBusiness\nOpinion\nSports\nSubscribe\nSign in\n"
    "Share on Facebook\nShare on X\nEmail\n"
)
CHROME_BOTTOM = (
    "\nMost read\nNewsletter: the day's news in your inbox\nSign up\n"
    "About us\nContact\nPrivacy policy\nTerms of use\n(c) 2023 The Daily Sample\n"
)


def _body(folder: Path, name: str, tmp: Path) -> tuple[str, str | None]:
    """The clean body and title the pipeline reads from one seed."""
    db = tmp / f"{name}.db"
    analyze([folder / name], AnalyzeOptions(db=db))
    with SQLiteStore.open(db) as store:
        (article,) = list(store.articles())
    return article.text, article.title


def _variants(body: str, title: str | None) -> dict[str, str]:
    paras = [p for p in body.split("\n") if p.strip()]
    head = f"{title}\n\n" if title else ""
    half = paras[: max(1, len(paras) // 2)]
    # One sentence of the middle paragraph reworded (a copy-editor's change).
    mid = len(paras) // 2
    edited = list(paras)
    words = edited[mid].split()
    edited[mid] = " ".join(["Officials", "said", "on", "Friday", "that", *words[5:]])
    return {
        "chrome.txt": CHROME_TOP + head + "\n\n".join(paras) + "\n" + CHROME_BOTTOM,
        "half.txt": head + "\n\n".join(half) + "\n",
        "edited.txt": head + "\n\n".join(edited) + "\n",
    }


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_reprints_link_to_their_original_and_share_its_story(seed: str, tmp_path: Path) -> None:
    body, title = _body(SEEDS, seed, tmp_path)
    assert len(body.split()) > 200  # a real article, long enough to cut in half
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in _variants(body, title).items():
        (folder / f"zz-{name}").write_text(text, encoding="utf-8")
    db = tmp_path / "all.db"
    analyze([folder], AnalyzeOptions(db=db))
    with SQLiteStore.open(db) as store:
        arts = {Path(a.source).name: a for a in store.articles()}
    original = arts[seed]
    assert original.duplicate_of is None
    for name in ("zz-chrome.txt", "zz-half.txt", "zz-edited.txt"):
        copy = arts[name]
        assert copy.duplicate_of == original.id, name
        assert copy.story == original.story, name
    # The other seeds are independent reports of the event, not copies.
    others = [a for n, a in arts.items() if not n.startswith("zz-") and n != seed]
    assert all(a.duplicate_of != original.id for a in others)
