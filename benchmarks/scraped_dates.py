"""Publication dates from scraped text: score, and refit the date model.

    python benchmarks/scraped_dates.py [--shared ../shared]         # score
    python benchmarks/scraped_dates.py --fit [--shared ../shared]   # refit, then score

Scores :func:`newsprism.text.pubdate.published_from_text` on the scraped-text set
(``../shared/benchmarks/scraped``) for the fit half, the test half and all
pages (halves from ``scraped_split.py``, cut by outlet domain), and on the
five seeds. For each: right / pages whose gold has a real date, and wrong /
dates given, where wrong counts a date given on a page whose gold has none
(or the bogus ``0001-01-01``) too; abstained = pages with a real gold date and
no date given.

``--fit`` refits the candidate model on the fit half only and rewrites
``src/newsprism/text/pubdate_weights.py`` (deterministically: same data, same
file): a logistic regression over every date candidate of the fit pages
whose gold has a real date (label: its day equals the gold day), then the
abstention threshold that maximises right - 2 x wrong on the fit pages (a
wrong date costs more than a missing one; wrong on pages with a real gold
date, since a page without one cannot say whether a date is wrong). Needs
scikit-learn (``dev`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.text.pubdate import (
    FEATURE_NAMES,
    DateCandidate,
    date_candidates,
    published_from_text,
)
from scraped_split import Half, pages

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS_FILE = ROOT / "src" / "newsprism" / "text" / "text/pubdate_weights.py"
# A wrong date costs this many right ones when the threshold is chosen.
WRONG_COST = 2.0
C_REGULARISATION = 1.0


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    gold: date | None  # None: no gold date, or the bogus 0001-01-01


@dataclass(frozen=True)
class Score:
    pages: int
    gold_dated: int
    right: int
    wrong: int
    wrong_no_gold: int  # of wrong: given on a page whose gold has no date
    abstained: int
    given: int

    def line(self, label: str) -> str:
        r = self.right / self.gold_dated if self.gold_dated else 0.0
        w = self.wrong / self.given if self.given else 0.0
        return (
            f"{label:5s} pages {self.pages:3d}  gold-dated {self.gold_dated:3d}  "
            f"right {self.right:3d} ({r:.3f} of gold-dated)  "
            f"wrong {self.wrong:3d} ({w:.3f} of {self.given} given; "
            f"{self.wrong_no_gold} on pages without a gold date)  "
            f"abstained {self.abstained:3d}"
        )


def load(shared: Path, half: Half | None) -> list[Page]:
    out = []
    for gold, path in pages(shared, half):
        raw = gold.get("date")
        day = date.fromisoformat(str(raw)[:10]) if raw else None
        if day is not None and day.year < 1900:
            day = None
        out.append(Page(path.name, path.read_text(encoding="utf-8"), day))
    return out


def score(found: Sequence[date | None], data: Sequence[Page]) -> Score:
    right = wrong = wrong_no_gold = abstained = given = 0
    for day, page in zip(found, data, strict=True):
        if day is not None:
            given += 1
            if day == page.gold:
                right += 1
            else:
                wrong += 1
                wrong_no_gold += page.gold is None
        elif page.gold is not None:
            abstained += 1
    gold_dated = sum(p.gold is not None for p in data)
    return Score(len(data), gold_dated, right, wrong, wrong_no_gold, abstained, given)


# ---------------------------------------------------------------- fitting


def _pick(
    cands: Sequence[DateCandidate], coef: Sequence[float], intercept: float
) -> tuple[float, date] | None:
    """The best candidate's probability and day (same rule as pubdate)."""
    import math

    best: tuple[float, int, date] | None = None
    for c in cands:
        z = intercept + sum(w * x for w, x in zip(coef, c.features, strict=True))
        p = 1.0 / (1.0 + math.exp(-z))
        key = (p, -c.start, c.value)
        if best is None or key > best:
            best = key
    return None if best is None else (best[0], best[2])


def fit(shared: Path) -> None:
    import importlib

    # Imported by name: scikit-learn ships no type information.
    LogisticRegression = importlib.import_module("sklearn.linear_model").LogisticRegression

    data = load(shared, "fit")
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    for page in data:
        if page.gold is None:
            continue  # unknown labels: a page without a gold date may still show one
        for c in date_candidates(page.text):
            xs.append(c.features)
            ys.append(int(c.value == page.gold))
    model = LogisticRegression(C=C_REGULARISATION, max_iter=10_000)
    model.fit(xs, ys)
    coef = [round(float(w), 4) for w in model.coef_[0]]
    intercept = round(float(model.intercept_[0]), 4)

    picks = [_pick(date_candidates(p.text), coef, intercept) for p in data]
    best_t, best_gain = 0.5, -1e9
    for t in sorted({round(p[0], 4) for p in picks if p is not None}):
        found = [p[1] if p is not None and p[0] >= t else None for p in picks]
        s = score(found, data)
        # Only wrongs that can be checked: a date given on a page without a
        # gold date is most often the page's visible stamp (read them with
        # --show), so it does not steer the threshold.
        gain = s.right - WRONG_COST * (s.wrong - s.wrong_no_gold)
        if gain > best_gain:
            best_t, best_gain = t, gain
    # Halfway down to the next lower pick's probability would be safer, but
    # the fit half is small: the threshold is the lowest accepted probability.
    fit_score = score([p[1] if p is not None and p[0] >= best_t else None for p in picks], data)
    test = load(shared, "test")
    tpicks = [_pick(date_candidates(p.text), coef, intercept) for p in test]
    test_score = score([p[1] if p is not None and p[0] >= best_t else None for p in tpicks], test)
    _write(coef, intercept, best_t, len(xs), sum(ys), fit_score, test_score)
    print(f"fitted on {len(xs)} candidates ({sum(ys)} positive); threshold {best_t}")


def _write(
    coef: Sequence[float],
    intercept: float,
    threshold: float,
    n: int,
    positive: int,
    fit_score: Score,
    test_score: Score,
) -> None:
    weights = "\n".join(
        f'    "{name}": {w!r},' for name, w in zip(FEATURE_NAMES, coef, strict=True)
    )
    WEIGHTS_FILE.write_text(
        f'''"""Weights of the publication-date model (:mod:`newsprism.text.pubdate`).

Written by ``python benchmarks/scraped_dates.py --fit`` (do not edit by hand;
rerun it after changing the features; one weight per feature, by name, in
the order of ``pubdate.FEATURE_NAMES``). A logistic regression (scikit-learn,
L2, C={C_REGULARISATION}) over the {n} date candidates ({positive} of them the gold day) of
the scraped-text set's fit half (``benchmarks/scraped_split.py``), pages whose
gold has a real date; THRESHOLD is the lowest probability of a page's best
candidate that maximises right - {WRONG_COST:g} x wrong (on gold-dated pages) on the fit half.

{_summary("Fit half: ", fit_score)}
{_summary("Test half:", test_score)}
"""

INTERCEPT = {intercept!r}
WEIGHTS: dict[str, float] = {{
{weights}
}}
THRESHOLD = {threshold!r}
''',
        encoding="utf-8",
    )


def _summary(label: str, s: Score) -> str:
    return (
        f"{label} right {s.right}/{s.gold_dated} gold-dated pages,\n"
        f"           wrong {s.wrong}/{s.given} dates given "
        f"({s.wrong_no_gold} on pages without a gold date)."
    )


# ---------------------------------------------------------------- scoring


def seeds(shared: Path) -> list[str]:
    folder = shared / "seeds"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]
    out = []
    for path in sorted(folder.glob("*.txt")):
        g = gold.get(path.name, {})
        day = published_from_text(path.read_text(encoding="utf-8"))
        want = g.get("published")
        ok = (str(day) == want) if want else (day is None)
        out.append(f"seed {path.name[:3]}: {day}  (gold {want}) {'ok' if ok else 'WRONG'}")
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--fit", action="store_true", help="refit the weights file first")
    ap.add_argument("--show", action="store_true", help="list every page's result")
    args = ap.parse_args(argv)
    if args.fit:
        fit(args.shared)
        import importlib

        import newsprism.text.pubdate
        import newsprism.text.pubdate_weights

        importlib.reload(newsprism.text.pubdate_weights)
        importlib.reload(newsprism.text.pubdate)
    from newsprism.text.pubdate import published_from_text as find

    for half in ("fit", "test", None):
        data = load(args.shared, half)
        t0 = time.perf_counter()
        found = [find(p.text) for p in data]
        ms = (time.perf_counter() - t0) * 1000 / len(data)
        print(score(found, data).line(half or "all") + f"  {ms:.3f} ms/page")
        # The ceiling: pages whose gold day is among the candidates at all
        # (the rest write no full date, or a day other than the gold one).
        reach = sum(
            p.gold is not None and any(c.value == p.gold for c in date_candidates(p.text))
            for p in data
        )
        print(f"      gold day among the candidates on {reach} of the gold-dated pages")
        if args.show and half is None:
            for day, p in zip(found, data, strict=True):
                mark = "ok" if day == p.gold else ("-" if day is None else "WRONG")
                print(f"  {p.name[:8]} {day} gold {p.gold} {mark}")
    for line in seeds(args.shared):
        print(line)


if __name__ == "__main__":
    main()
