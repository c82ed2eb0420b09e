"""Headlines from scraped text: score, and refit the headline model.

    python benchmarks/scraped_titles.py [--shared ../shared]         # score
    python benchmarks/scraped_titles.py --fit [--shared ../shared]   # refit, then score

Scores :func:`newsprism.text.headline.headline_from_text` on the scraped-text set
(``../shared/benchmarks/scraped``, pages whose gold has a title: the page's
og:title) for the fit half, the test half and all pages (halves from
``scraped_split.py``, cut by outlet domain), with the scorer's own rule
(``score.py``'s ``_title_same``, imported from ``../shared/eval``). For each:
right, wrong (a title given that is not the gold's) and abstained, for

- ``today``: the cleaner's title (``newsprism.text.clean.clean_text(text).title``);
- ``headline``: :func:`headline_from_text` alone;
- ``combined``: ``headline`` where it gives a title, else the cleaner's (how
  ``text/extract.py`` uses it);
- ``no first line``: ``headline`` on the pages with their first line (the
  <title>) dropped, as scrapers that do not print it give them.

Then every wrong answer on the test half (got -> gold) and the seeds' titles.

``--fit`` refits the candidate model on the fit half only and rewrites
``src/newsprism/text/headline_weights.py`` (deterministically: same data, same
file): a logistic regression over every headline candidate below the first line of
the fit pages (label: the candidate is the gold title by the scorer's rule),
then the threshold above which the best candidate replaces the first line's
head, the one that maximises right - 2 x wrong of ``headline`` alone on the
fit pages (a wrong title costs more than a missing one). Needs
scikit-learn (``dev`` extra).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.text.clean import clean_text
from newsprism.text.headline import (
    FEATURE_NAMES,
    HeadlineCandidate,
    Page,
    choose,
    headline_from_text,
    read_page,
)
from scraped_split import Half, pages, scorer

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS_FILE = ROOT / "src" / "newsprism" / "text" / "text/headline_weights.py"
# A wrong title costs this many right ones when the threshold is chosen.
WRONG_COST = 2.0
C_REGULARISATION = 1.0
# Folds (by outlet) of the fit half for choosing the threshold.
FOLDS = 5


@dataclass(frozen=True)
class Gold:
    name: str
    text: str
    gold: str
    domain: str


@dataclass(frozen=True)
class Score:
    pages: int
    right: int
    wrong: int
    abstained: int

    def line(self, label: str) -> str:
        r = self.right / self.pages if self.pages else 0.0
        return (
            f"{label:22s} right {self.right:3d}/{self.pages:3d} ({r:.3f})  "
            f"wrong {self.wrong:3d}  abstained {self.abstained:3d}"
        )


def title_rule(shared: Path) -> Callable[[str, str | None], bool]:
    """The scorer's ``_title_same``, imported from ``shared/eval/score.py``."""
    rule: Callable[[str, str | None], bool] = scorer(shared)._title_same
    return rule


def load(shared: Path, half: Half | None) -> list[Gold]:
    out = []
    for gold, path in pages(shared, half):
        title = gold.get("title")
        if title:
            out.append(
                Gold(
                    path.name,
                    path.read_text(encoding="utf-8"),
                    str(title),
                    str(gold.get("outlet_domain")),
                )
            )
    return out


def score(
    found: Sequence[str | None], data: Sequence[Gold], same: Callable[[str, str | None], bool]
) -> Score:
    right = wrong = abstained = 0
    for title, page in zip(found, data, strict=True):
        if title is None:
            abstained += 1
        elif same(page.gold, title):
            right += 1
        else:
            wrong += 1
    return Score(len(data), right, wrong, abstained)


# ---------------------------------------------------------------- fitting


def _prob(c: HeadlineCandidate, coef: Sequence[float], intercept: float) -> float:
    z = intercept + sum(w * x for w, x in zip(coef, c.features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def _choices(
    read: Sequence[Page], coef: Sequence[float], intercept: float, threshold: float
) -> list[str | None]:
    return [choose(p, lambda c: _prob(c, coef, intercept), threshold) for p in read]


def _lookup(probs: dict[int, float]) -> Callable[[HeadlineCandidate], float]:
    """A candidate scorer that reads precomputed probabilities by line."""

    def get(c: HeadlineCandidate) -> float:
        return probs[c.line]

    return get


def _train(
    linear_model: Any, xs: Sequence[tuple[float, ...]], ys: Sequence[int]
) -> tuple[list[float], float]:
    model = linear_model.LogisticRegression(C=C_REGULARISATION, max_iter=10_000)
    model.fit(xs, ys)
    return [round(float(w), 4) for w in model.coef_[0]], round(float(model.intercept_[0]), 4)


@dataclass(frozen=True)
class Model:
    coef: list[float]
    intercept: float
    threshold: float
    candidates: int
    positive: int
    fit_score: Score
    test_score: Score


def _fit_model(
    linear_model: Any,
    data: Sequence[Gold],
    read: Sequence[Page],
    test: Sequence[Gold],
    tread: Sequence[Page],
    same: Callable[[str, str | None], bool],
) -> Model:
    """A line model and its threshold, fitted on ``data`` and scored on both."""
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    for page, r in zip(data, read, strict=True):
        for c in r.candidates:
            xs.append(c.features)
            ys.append(int(same(page.gold, c.text)))
    coef, intercept = _train(linear_model, xs, ys)

    # The threshold, chosen on out-of-fold probabilities (each page scored by
    # a model fitted without its outlet's pages): in-sample ones flatter the
    # candidates fitted on.
    domains = sorted({p.domain for p in data})
    folds = {d: i % FOLDS for i, d in enumerate(domains)}
    oof: list[dict[int, float]] = [{} for _ in data]
    for k in range(FOLDS):
        train = [
            (c.features, int(same(p.gold, c.text)))
            for p, r in zip(data, read, strict=True)
            if folds[p.domain] != k
            for c in r.candidates
        ]
        kc, ki = _train(linear_model, [x for x, _ in train], [y for _, y in train])
        for n, (p, r) in enumerate(zip(data, read, strict=True)):
            if folds[p.domain] == k:
                oof[n] = {c.line: _prob(c, kc, ki) for c in r.candidates}
    ts = sorted({round(v, 4) for o in oof for v in o.values()} | {1.0})
    gains = []
    for t in ts:
        got = [choose(r, _lookup(o), t) for r, o in zip(read, oof, strict=True)]
        s = score(got, data, same)
        gains.append(s.right - WRONG_COST * s.wrong)
    # The middle of the first run of thresholds with the best gain: any of
    # them scores the same on the fit half, the middle is the farthest from
    # the probabilities where the choices change.
    top = max(gains)
    lo = gains.index(top)
    hi = lo
    while hi + 1 < len(ts) and gains[hi + 1] == top:
        hi += 1
    best_t = round((ts[lo] + ts[hi]) / 2, 4)
    return Model(
        coef,
        intercept,
        best_t,
        len(xs),
        sum(ys),
        score(_choices(read, coef, intercept, best_t), data, same),
        score(_choices(tread, coef, intercept, best_t), test, same),
    )


def without_first_line(page: Gold) -> Gold:
    """The page as a scraper that does not print the <title> would give it."""
    rest = page.text.lstrip().split("\n", 1)
    return Gold(page.name, rest[1] if len(rest) > 1 else "", page.gold, page.domain)


def fit(shared: Path) -> None:
    # Imported by name: scikit-learn ships no type information.
    linear_model: Any = importlib.import_module("sklearn.linear_model")

    same = title_rule(shared)
    data = load(shared, "fit")
    test = load(shared, "test")
    read = [read_page(p.text) for p in data]
    tread = [read_page(p.text) for p in test]
    # Pages with a <title>-like first line: the model decides when a line
    # below wins over it.
    titled = _fit_model(
        linear_model,
        [p for p, r in zip(data, read, strict=True) if r.head is not None],
        [r for r in read if r.head is not None],
        [p for p, r in zip(test, tread, strict=True) if r.head is not None],
        [r for r in tread if r.head is not None],
        same,
    )
    # Pages without one: the same pages with their first line dropped, as
    # other scrapers give them (the ones whose new first line still reads
    # as a <title> go to the model above, as they would in use).
    bare = [without_first_line(p) for p in data]
    tbare = [without_first_line(p) for p in test]
    bread = [read_page(p.text) for p in bare]
    tbread = [read_page(p.text) for p in tbare]
    untitled = _fit_model(
        linear_model,
        [p for p, r in zip(bare, bread, strict=True) if r.head is None],
        [r for r in bread if r.head is None],
        [p for p, r in zip(tbare, tbread, strict=True) if r.head is None],
        [r for r in tbread if r.head is None],
        same,
    )
    _write(titled, untitled)
    print(
        f"fitted on {titled.candidates} candidates ({titled.positive} positive), "
        f"threshold {titled.threshold}; without a title: {untitled.candidates} "
        f"({untitled.positive}), threshold {untitled.threshold}"
    )


def _summary(label: str, s: Score) -> str:
    return f"{label} right {s.right}/{s.pages}, wrong {s.wrong}, abstained {s.abstained}"


def _write(titled: Model, untitled: Model) -> None:
    def weights(m: Model) -> str:
        return "\n".join(
            f'    "{name}": {w!r},' for name, w in zip(FEATURE_NAMES, m.coef, strict=True)
        )

    WEIGHTS_FILE.write_text(
        f'''"""Weights of the headline model (:mod:`newsprism.text.headline`).

Written by ``python benchmarks/scraped_titles.py --fit`` (do not edit by hand;
rerun it after changing the features; one weight per feature, by name, in
the order of ``headline.FEATURE_NAMES``). Two logistic regressions
(scikit-learn, L2, C={C_REGULARISATION}) over the headline candidates below the first line of
the scraped-text set's fit half (``benchmarks/scraped_split.py``; label: the
candidate is the page's og:title by the scorer's rule):

- WEIGHTS: pages whose first line reads as a <title> ({titled.candidates} candidates,
  {titled.positive} positive). THRESHOLD: the lowest probability at which the best
  line replaces the <title>'s head (``headline.choose``).
- WEIGHTS_NO_TITLE: the same pages with their first line dropped, those whose
  new first line is not <title>-like ({untitled.candidates} candidates,
  {untitled.positive} positive).
  THRESHOLD_NO_TITLE: the lowest probability at which the best line is the
  headline.

Each threshold maximises right - {WRONG_COST:g} x wrong on out-of-fold probabilities
(folds by outlet) of the fit half (the middle of the run of thresholds that
do). Pages of each kind, alone:

{_summary("With a title, fit half: ", titled.fit_score)}
{_summary("With a title, test half:", titled.test_score)}
{_summary("No title, fit half:     ", untitled.fit_score)}
{_summary("No title, test half:    ", untitled.test_score)}
"""

INTERCEPT = {titled.intercept!r}
WEIGHTS: dict[str, float] = {{
{weights(titled)}
}}
THRESHOLD = {titled.threshold!r}

INTERCEPT_NO_TITLE = {untitled.intercept!r}
WEIGHTS_NO_TITLE: dict[str, float] = {{
{weights(untitled)}
}}
THRESHOLD_NO_TITLE = {untitled.threshold!r}
''',
        encoding="utf-8",
    )


# ---------------------------------------------------------------- report


def report(shared: Path) -> None:
    same = title_rule(shared)
    halves: list[tuple[str, Half | None]] = [("fit", "fit"), ("test", "test"), ("all", None)]
    wrong_test: list[tuple[str, str | None, str | None, str]] = []
    for label, half in halves:
        data = load(shared, half)
        today = [clean_text(p.text).title for p in data]
        mine = [headline_from_text(p.text) for p in data]
        combined = [m if m is not None else t for m, t in zip(mine, today, strict=True)]
        print(f"== {label} ({len(data)} pages with a gold title)")
        print(score(today, data, same).line("today (cleaner)"))
        print(score(mine, data, same).line("headline alone"))
        print(score(combined, data, same).line("combined"))
        bare = [headline_from_text(without_first_line(p).text) for p in data]
        print(score(bare, data, same).line("no first line"))
        if half == "test":
            for p, m, t, c in zip(data, mine, today, combined, strict=True):
                if c is not None and not same(p.gold, c):
                    wrong_test.append((p.name[:12], m, t, p.gold))
    print("== test half, wrong combined answers (got -> gold)")
    for name, m, t, gold in wrong_test:
        got = m if m is not None else f"[cleaner] {t}"
        print(f"{name}  {got!r}\n              -> {gold!r}")

    print("== seeds (headline / cleaner today; ok: headline matches the gold title)")
    seeds = shared / "seeds"
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    # gold.json: {"articles": {file name: {"title": ..., ...}}}
    titles = {
        name: a.get("title")
        for name, a in (gold.get("articles") or {}).items()
        if isinstance(a, dict)
    }
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = headline_from_text(text)
        gold_title = titles.get(path.name)
        verdict = "" if gold_title is None else (" ok" if same(gold_title, found) else " WRONG")
        print(f"{path.name}: {found!r} / {clean_text(text).title!r}{verdict}")

    data = load(shared, None)
    texts = [p.text for p in data]
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for t in texts:
            headline_from_text(t)
    per = (time.perf_counter() - start) / (rounds * len(texts)) * 1000
    print(f"headline_from_text: {per:.3f} ms per page ({len(texts)} pages, {rounds} rounds)")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--fit", action="store_true", help="refit the weights on the fit half")
    args = ap.parse_args(argv)
    if args.fit:
        fit(args.shared)
        # Score with the weights just written, in a fresh interpreter.
        import subprocess

        subprocess.run([sys.executable, __file__, "--shared", str(args.shared)], check=True)
        return
    report(args.shared)


if __name__ == "__main__":
    main()
