"""Fit the clusterer's same-event decision, and read it on data it was not fitted on.

    python benchmarks/cluster_fit.py           # fit, print the held-out figures
    python benchmarks/cluster_fit.py --fit     # and write src/newsprism/index/_stories_model.py

Training pairs come from the index itself: each article of a fitting set is
put through :class:`StoryIndex` with an oracle in place of the decision
(``assign(..., choose=...)``), which joins the candidate story of the same gold
event, or starts one. Every candidate the index retrieved becomes a row, the
:data:`newsprism.index.stories.FEATURES` of (article, story) labelled by whether the
story holds the article's event. So the model sees exactly the candidates and
stories it will see at run time, and never a pair the index would not offer.

Fitted on two sets of different kinds at once, so that no constant follows one
of them: the *fit* half of AllSides 2021 dev (stories cut by a hash of the
label, see ``cluster_allsides.py``; dates as the records state them, most
undated) and the even topics of ECB+ (sub-events, undated). Read on the other
halves: the AllSides *test* half and the odd ECB+ topics, in file order and
shuffled. Logistic regression (scikit-learn, L2, C=1, features standardised).
Two models: one for pairs with headlines, and one for pairs where the article
or the story has none (the ``untitled`` feature), fitted on the same orders of
the same sets run again with every title removed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cluster_allsides import Record, fmt, load, scorer
from newsprism.index.stories import FEATURES, ClusterDoc, ClusterOptions, StoryIndex

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "benchmarks" / "clustering" / "ecbplus.jsonl"
MODEL = ROOT / "src" / "newsprism" / "index" / "_stories_model.py"

# Splits would move articles behind the oracle's back; the rows are about joining.
NO_SPLIT = ClusterOptions(split_min_size=10**9)


def docs(records: Sequence[Record], dated: bool = True, titled: bool = True) -> list[ClusterDoc]:
    out = []
    for r in records:
        day = r.get("published") if dated else None
        out.append(
            ClusterDoc(
                id=str(r["id"]),
                title=(r.get("title") or None) if titled else None,
                text=str(r["text"]),
                published=date.fromisoformat(day) if day else None,
            )
        )
    return out


def rows(
    records: Sequence[Record], label: str, options: ClusterOptions = NO_SPLIT, titled: bool = True
) -> tuple[list[list[float]], list[int]]:
    """Every retrieved (article, candidate story) pair's features and gold answer."""
    index = StoryIndex(options)
    story_label: dict[str, str] = {}
    xs: list[list[float]] = []
    ys: list[int] = []
    for rec, doc in zip(records, docs(records, titled=titled), strict=True):
        gold = str(rec[label])

        def oracle(described: list[tuple[str, list[float]]], gold: str = gold) -> str | None:
            right = None
            for sid, feats in described:
                ok = story_label[sid] == gold
                xs.append(feats)
                ys.append(int(ok))
                if ok:
                    right = sid
            return right

        sid = index.assign(doc, choose=oracle)
        story_label.setdefault(sid, gold)
    return xs, ys


def load_ecb(half: int | None = None) -> list[Record]:
    with ECB.open(encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    return [r for r in recs if half is None or int(r["topic"]) % 2 == half]


def fit(xs: list[list[float]], ys: list[int]) -> tuple[float, list[float]]:
    """Logistic regression on standardised features, folded back to raw weights.

    Standardised, so that L2 (C=1) shrinks every feature alike whatever its
    scale (a log term count runs to 7, a cosine to 1).
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    x = np.asarray(xs, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / scale, ys)
    weights = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - np.dot(weights, mean))
    return intercept, [float(w) for w in weights]


Model = tuple[float, list[float]]


def fit_both(xs: list[list[float]], ys: list[int]) -> tuple[Model, Model]:
    """The model of titled pairs and that of pairs missing a headline (``untitled``).

    Each is fitted on its own rows, without the flag (constant within them:
    its weight is 0).
    """
    flag = FEATURES.index("untitled")
    models = []
    for untitled in (0.0, 1.0):
        picked = [i for i, x in enumerate(xs) if x[flag] == untitled]
        intercept, weights = fit(
            [xs[i][:flag] + xs[i][flag + 1 :] for i in picked], [ys[i] for i in picked]
        )
        models.append((intercept, [*weights[:flag], 0.0, *weights[flag:]]))
    return models[0], models[1]


def clusterer(titled: Model, untitled: Model, options: ClusterOptions) -> Any:
    """Cluster records with the engine, given weights."""
    options = dataclasses.replace(
        options,
        model_intercept=titled[0],
        model_weights=tuple(titled[1]),
        untitled_intercept=untitled[0],
        untitled_weights=tuple(untitled[1]),
    )

    def run(records: Sequence[Record], dated: bool = True, titled: bool = True) -> dict[str, str]:
        index = StoryIndex(options)
        out = {d.id: index.assign(d) for d in docs(records, dated, titled)}
        out.update(index.export_changes().moves)
        return out

    return run


def report(run: Any, name: str, records: list[Record], label: str, shuffles: int) -> None:
    bcubed = scorer().bcubed
    gold = {str(r["id"]): str(r[label]) for r in records}
    line = f"{name}: file order {fmt(bcubed(run(records), gold))}"
    f1s = []
    for seed in range(shuffles):
        order = list(records)
        random.Random(seed).shuffle(order)
        f1s.append(bcubed(run(order), gold)[2])
    if f1s:
        line += f"; {shuffles} shuffles F1 mean {sum(f1s) / len(f1s):.3f} min {min(f1s):.3f}"
    print(line)


def write_model(titled: Model, untitled: Model) -> None:
    lines = [
        '"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.',
        "",
        "Logistic weights over :data:`newsprism.index.stories.FEATURES`, fitted on the AllSides",
        "fit half and the even ECB+ topics (see that script, which also reads them on",
        "the other halves): one model for pairs with headlines, one (UNTITLED_) for",
        "pairs missing one, fitted on the same sets with titles removed. Do not edit",
        'by hand: refit.\n"""',
        "",
    ]
    for prefix, (intercept, weights) in (("", titled), ("UNTITLED_", untitled)):
        lines += [
            f"{prefix}INTERCEPT = {intercept:.4f}",
            f"{prefix}WEIGHTS = (",
            *(f"    {w:.4f},  # {name}" for name, w in zip(FEATURES, weights, strict=True)),
            ")",
            "",
        ]
    MODEL.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fit", action="store_true", help="write the fitted model")
    parser.add_argument("--shuffle", type=int, default=3, metavar="N")
    parser.add_argument("--orders", type=int, default=3, help="input orders fitted on")
    args = parser.parse_args(argv)
    fit_sets = [(load(half="fit"), "story"), (load_ecb(0), "subtopic")]
    xs: list[list[float]] = []
    ys: list[int] = []
    for records, label in fit_sets:
        # The file order and shuffles of it: in a feed, reports of one event
        # do not arrive one after another (both files group them). The same
        # orders again without titles, for the model of pairs missing one
        # (plain-text inputs, pages whose title was not found).
        for titled in (True, False):
            for seed in range(-1, args.orders - 1):
                order = list(records)
                if seed >= 0:
                    random.Random(100 + seed).shuffle(order)
                x, y = rows(order, label, titled=titled)
                xs += x
                ys += y
        print(f"{len(records)} articles ({label}): {len(ys)} candidate rows so far, {sum(ys)} same")
    titled_model, untitled_model = fit_both(xs, ys)
    for name, (intercept, weights) in (("titled", titled_model), ("untitled", untitled_model)):
        print(f"{name}: intercept {intercept:.3f}")
        for feature, w in zip(FEATURES, weights, strict=True):
            print(f"  {feature:12s} {w:+.3f}")
    run = clusterer(titled_model, untitled_model, ClusterOptions())
    for side in ("test", "fit"):
        report(run, f"AllSides {side} half", load(half=side), "story", args.shuffle)
    report(
        lambda recs: run(recs, dated=False), "AllSides test, undated", load(half="test"), "story", 0
    )
    report(
        lambda recs: run(recs, titled=False),
        "AllSides test, untitled",
        load(half="test"),
        "story",
        0,
    )
    report(run, "AllSides whole file", load(), "story", 0)
    for parity, name in ((1, "odd (held out)"), (0, "even (fitted)")):
        report(run, f"ECB+ {name} topics", load_ecb(parity), "subtopic", args.shuffle)
    report(run, "ECB+ all", load_ecb(), "subtopic", args.shuffle)
    report(lambda recs: run(recs, titled=False), "ECB+ all, untitled", load_ecb(), "subtopic", 0)
    if args.fit:
        write_model(titled_model, untitled_model)
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
