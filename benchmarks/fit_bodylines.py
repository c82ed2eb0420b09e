"""Fit and score the body-line model (:mod:`newsprism.text.bodylines`) on the scraped-text set.

The candidates are the lines :func:`newsprism.text.clean.clean_by_rules` keeps on
each page of ``../shared/benchmarks/scraped/text``. A line is labelled body
when at least half of its word 4-grams are in the page's human ground truth
(``../shared/benchmarks/extraction/ground-truth.json``, the measure the shared
scorer uses). A logistic model (scikit-learn, weighted by each line's words)
and the two thresholds (main block, lines kept in it) are fitted on the
``fit`` half of ``benchmarks/scraped_split.py`` (cut by outlet) and scored on
the ``test`` half, then on the seeds' clean mark.

    python benchmarks/fit_bodylines.py            # score the shipped model
    python benchmarks/fit_bodylines.py --fit   # refit, write src/newsprism/text/_bodylines_model.py

The scores are the shared scorer's (word 4-gram shingle precision and recall
averaged over pages, F1 of the two means), computed here per half.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from newsprism.text import _bodylines_model, bodylines
from newsprism.text.clean import _rule_pass
from scraped_split import Half, pages, scorer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
MODEL = ROOT / "src" / "newsprism" / "text" / "text/_bodylines_model.py"
# Regularisation of the logistic model: scikit-learn's default. The features
# are few and bounded, and the fit half has thousands of lines.
C = 1.0
GRID = [round(0.05 * k, 2) for k in range(1, 19)]
# Groups of outlets for cross-fitting the first stage (see fit()).
FOLDS = 5

# (gold body, lines, features, labels, word counts, rule codes, outlet domain)
Page = tuple[str, list[str], list[tuple[float, ...]], list[int], list[int], list[int], str]


def load(shared: Path, half: Half | None) -> list[Page]:
    """Each page: its gold body, candidate lines, features, labels and word counts."""
    score = scorer(shared)
    truth = json.loads((shared / "benchmarks/extraction/ground-truth.json").read_text("utf-8"))
    out: list[Page] = []
    for gold, path in pages(shared, half):
        key = str(gold["id"]).removesuffix(".txt")
        body = str(truth[key].get("articleBody", ""))
        gold_shingles = score._shingles(body)
        _, lines, codes = _rule_pass(path.read_text(encoding="utf-8"), None, None)
        labels = []
        for line in lines:
            sh = score._shingles(line)
            inside = sum(c for k, c in sh.items() if k in gold_shingles)
            labels.append(int(inside >= 0.5 * max(1, sum(sh.values()))))
        out.append(
            (
                body,
                lines,
                bodylines.features(lines, codes),
                labels,
                [bodylines.word_count(x) for x in lines],
                codes,
                str(gold["outlet_domain"]),
            )
        )
    return out


def page_scores(
    shared: Path, data: Sequence[Page], choose: Callable[[Page], list[str]]
) -> tuple[float, float, float]:
    """The shared scorer's mean precision, mean recall and their F1."""
    score = scorer(shared)
    ps, rs = [], []
    for page in data:
        t, p = score._shingles(page[0]), score._shingles("\n\n".join(choose(page)))
        tp = sum(min(t[k], p[k]) for k in t.keys() & p.keys())
        fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
        if tp + fp + fn == 0:
            ps.append(1.0)
            rs.append(1.0)
            continue
        if tp + fp:
            ps.append(tp / (tp + fp))
        if tp + fn:
            rs.append(tp / (tp + fn))
    prec, rec = sum(ps) / len(ps), sum(rs) / len(rs)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


Model = tuple[list[float], float, list[float], float, float, float, float]


def _probabilities(model: Model, page: Page) -> list[float]:
    first = bodylines.logistic(model[0], model[1], page[2])
    return bodylines.logistic(model[2], model[3], bodylines.context_features(first, page[4]))


def _select(model: Model) -> Callable[[Page], list[str]]:
    def choose(page: Page) -> list[str]:
        lines = page[1]
        if not lines:
            return []
        probs = _probabilities(model, page)
        start, end = bodylines.main_block(lines, probs, page[5], model[4])
        return [
            lines[i]
            for i in range(start, end)
            if (probs[i] >= model[5] if page[5][i] == bodylines.KEPT else probs[i] >= model[6])
            and page[5][i] not in bodylines.NEVER_BODY
        ]

    return choose


def _logistic_fit(
    rows: Sequence[Sequence[float]], labels: Sequence[int], weights: Sequence[int]
) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(rows, labels, sample_weight=[max(1, w) for w in weights])
    return [round(float(w), 4) for w in model.coef_[0]], round(float(model.intercept_[0]), 4)


def _first_stage(data: Sequence[Page]) -> tuple[list[float], float]:
    return _logistic_fit(
        [r for page in data for r in page[2]],
        [y for page in data for y in page[3]],
        [w for page in data for w in page[4]],
    )


def fit(shared: Path) -> Model:
    """Both stages and the thresholds, on the fit half.

    The second stage learns from first-stage probabilities the first stage
    did not see in fitting: the fit half is cut into FOLDS groups of outlets,
    and each group's probabilities come from a first stage fitted on the
    others (cross-fitting), so the second stage does not learn to trust an
    overfitted first stage.
    """
    data = load(shared, "fit")
    out_of_fold: list[list[float]] = [[] for _ in data]
    for fold in range(FOLDS):
        inside = [k for k, page in enumerate(data) if _fold(page[6]) == fold]
        w, b = _first_stage([page for k, page in enumerate(data) if k not in inside])
        for k in inside:
            out_of_fold[k] = bodylines.logistic(w, b, data[k][2])
    ctx_rows = [
        r
        for k, page in enumerate(data)
        for r in bodylines.context_features(out_of_fold[k], page[4])
    ]
    cw, cb = _logistic_fit(
        ctx_rows, [y for page in data for y in page[3]], [w for page in data for w in page[4]]
    )
    w, b = _first_stage(data)
    best = (-1.0, 0.5, 0.0)
    for block in GRID:
        for keep in [0.0, *GRID]:
            if keep > block:
                continue
            f1 = page_scores(shared, data, _select((w, b, cw, cb, block, keep, 1.0)))[2]
            if f1 > best[0]:
                best = (f1, block, keep)
    # Then how sure the model must be to overturn a rule that dropped a line.
    revive = max(
        (page_scores(shared, data, _select((w, b, cw, cb, best[1], best[2], r)))[2], -r)
        for r in [*GRID, 0.95, 0.99, 1.0]
    )
    return w, b, cw, cb, best[1], best[2], -revive[1]


def _fold(domain: str) -> int:
    return int(hashlib.sha256(domain.encode("utf-8")).hexdigest()[-4:], 16) % FOLDS


def shipped_model() -> Model:
    """The model the package carries."""
    return (
        list(_bodylines_model.WEIGHTS),
        _bodylines_model.INTERCEPT,
        list(_bodylines_model.CONTEXT_WEIGHTS),
        _bodylines_model.CONTEXT_INTERCEPT,
        _bodylines_model.BLOCK_THRESHOLD,
        _bodylines_model.KEEP_THRESHOLD,
        _bodylines_model.REVIVE_THRESHOLD,
    )


def write_model(model: Model) -> None:
    weights, intercept, cweights, cintercept, block, keep, revive = model
    rows = "\n".join(
        f"    {w!r},  # {name}" for w, name in zip(weights, bodylines.FEATURES, strict=True)
    )
    crows = "\n".join(
        f"    {w!r},  # {name}"
        for w, name in zip(cweights, bodylines.CONTEXT_FEATURES, strict=True)
    )
    MODEL.write_text(
        '"""The fitted body-line model: written by ``benchmarks/fit_bodylines.py --fit``.\n\n'
        "Logistic weights over :data:`newsprism.text.bodylines.FEATURES` (first stage)\n"
        "and :data:`newsprism.text.bodylines.CONTEXT_FEATURES` (second stage), and the\n"
        "two thresholds, fitted on the ``fit`` half of the scraped-text set (see\n"
        "``benchmarks/scraped_split.py``); that script also scores them on the\n"
        '``test`` half. Do not edit by hand: refit.\n"""\n\n'
        f"INTERCEPT = {intercept!r}\n"
        f"WEIGHTS = (\n{rows}\n)\n"
        f"CONTEXT_INTERCEPT = {cintercept!r}\n"
        f"CONTEXT_WEIGHTS = (\n{crows}\n)\n"
        f"# The main block is the run of lines whose word-weighted probability\n"
        f"# most exceeds this; inside it, lines below KEEP_THRESHOLD go.\n"
        f"BLOCK_THRESHOLD = {block!r}\n"
        f"KEEP_THRESHOLD = {keep!r}\n"
        f"# A line a rule dropped comes back only with this probability.\n"
        f"REVIVE_THRESHOLD = {revive!r}\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--fit", action="store_true", help="refit and write the model module")
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks" / "scraped").is_dir():
        print(f"no scraped set under {args.shared}: nothing to do")
        return 0
    if args.fit:
        model = fit(args.shared)
        write_model(model)
        print(
            f"wrote {MODEL.relative_to(ROOT)}: block {model[4]}, keep {model[5]}, revive {model[6]}"
        )
    else:
        model = shipped_model()
    chosen = _select(model)
    for half in ("fit", "test", None):
        data = load(args.shared, half)
        rules = page_scores(
            args.shared,
            data,
            lambda page: [x for x, c in zip(page[1], page[5], strict=True) if c == bodylines.KEPT],
        )
        got = page_scores(args.shared, data, chosen)
        name = half or "all"
        print(
            f"{name:>4} ({len(data)} pages): rules P {rules[0]:.3f} R {rules[1]:.3f} "
            f"F1 {rules[2]:.3f} -> with body lines P {got[0]:.3f} R {got[1]:.3f} "
            f"F1 {got[2]:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
