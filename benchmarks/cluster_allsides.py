"""Story clustering on AllSides 2021 dev: the engine beside an all-pairs TF-IDF baseline.

    python benchmarks/cluster_allsides.py                # whole file, fit and test halves
    python benchmarks/cluster_allsides.py --shuffle 5    # plus 5 shuffled input orders
    python benchmarks/cluster_allsides.py --report OUT.json   # the engine's report, for score.py

The engine is the real pipeline (``newsprism.pipeline.process_records``): every
article is one JSONL record (its ``title``, ``published``, ``outlet``, ``url``
as the record states them; most are undated), extracted, checked for copies
and clustered into a temporary database. The baseline is what the shared
README quotes: TF-IDF over title and text, cosine, average-linkage
agglomerative clustering over all pairs, its distance threshold tuned on the
*fit* half and read on the *test* half (and, as the README does, tuned on the
set it is read on, the best any threshold gives).

The halves are cut by story, by a hash of the story label: stable, and not
chosen by looking at any score. Anything the clusterer learns is fitted on the
fit half (``benchmarks/cluster_fit.py``) and reported on the test half.

B-cubed precision, recall and F1 come from ``../shared/eval/score.py`` (its
``bcubed`` function; the whole file's line is its ``clusters`` command).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from newsprism.options import AnalyzeOptions

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "benchmarks" / "stories" / "allsides-2021-dev.jsonl"
SCORER = SHARED / "eval" / "score.py"

Half = Literal["fit", "test"]
Record = dict[str, Any]


def half_of(story: str) -> Half:
    """``fit`` or ``test`` for a story label."""
    return "fit" if hashlib.sha256(story.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(path: Path = GOLD, half: Half | None = None, label: str = "story") -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if half is None or half_of(str(r[label])) == half]


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsprism_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def engine(records: Sequence[Record], options: AnalyzeOptions | None = None) -> dict[str, str]:
    """Story id per record id, from the pipeline over a temporary database."""
    # Imported here: the fitting script reads this module's loaders only.
    from newsprism.pipeline import process_records
    from newsprism.sources.files import read_inputs
    from newsprism.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "records.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        opts = AnalyzeOptions(db=Path(tmp) / "db.sqlite")
        if options is not None:
            opts = AnalyzeOptions(
                db=opts.db, dedupe=options.dedupe, cluster=options.cluster, limits=options.limits
            )
        with SQLiteStore.open(opts.db) as store:
            process_records(read_inputs([src], opts.limits), store, opts)
            return {a.source.rsplit("#", 1)[1]: str(a.story) for a in store.articles()}


def write_report(records: Sequence[Record], pred: dict[str, str], path: Path) -> None:
    """A minimal ``newsprism-report/1`` holding the stories (what ``clusters`` reads)."""
    members: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        members[pred[rec["id"]]].append(rec["id"])
    report = {
        "format": "newsprism-report/1",
        "articles": [
            {
                "id": rec["id"],
                "source": f"{GOLD.name}#{rec['id']}",
                "url": rec.get("url"),
                "outlet": rec.get("outlet"),
                "title": rec.get("title"),
                "published": rec.get("published"),
                "text": rec.get("text") or "",
                "duplicate_of": None,
                "story": pred[rec["id"]],
            }
            for rec in records
        ],
        "stories": [{"id": sid, "title": None, "articles": ids} for sid, ids in members.items()],
    }
    path.write_text(json.dumps(report), encoding="utf-8")


def scored_line(report: Path, gold: Path = GOLD, label: str = "story") -> str:
    done = subprocess.run(
        [sys.executable, str(SCORER), "clusters", str(report), str(gold), "--label", label],
        capture_output=True,
        text=True,
        check=True,
    )
    # Precision and recall, then the headline figure.
    return "\n".join(done.stdout.strip().splitlines()[-2:])


# ---------------------------------------------------------------- baseline


def baseline_distances(records: Sequence[Record], title_weight: float | None) -> Any:
    """Cosine distances of TF-IDF vectors: title and text as one text, or the
    title's vector weighted ``title_weight`` beside the text's (each unit length)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.metrics.pairwise import cosine_distances  # type: ignore[import-untyped]
    from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

    titles = [str(r.get("title") or "") for r in records]
    texts = [str(r.get("text") or "") for r in records]
    if title_weight is None:
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(
            [f"{t}\n{x}" for t, x in zip(titles, texts, strict=True)]
        )
    else:
        from scipy.sparse import hstack  # type: ignore[import-untyped]

        body = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
        head = TfidfVectorizer(sublinear_tf=True).fit_transform(titles)
        matrix = normalize(hstack([body, head * title_weight]).tocsr())
    out: Any = np.asarray(cosine_distances(matrix))
    return out


def baseline_labels(distances: Any, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering  # type: ignore[import-untyped]

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    labels: list[int] = model.fit_predict(distances).tolist()
    return labels


THRESHOLDS = [round(0.50 + 0.02 * i, 2) for i in range(25)]  # 0.50 .. 0.98


def baseline(
    fit: Sequence[Record],
    test: Sequence[Record],
    title_weight: float | None,
    bcubed: Callable[[dict[str, str], dict[str, str]], tuple[float, float, float]],
    label: str = "story",
) -> tuple[float, tuple[float, float, float], tuple[float, float, float], float]:
    """(threshold best on ``fit``, its P/R/F1 on ``test``, the best on ``test``, its threshold)."""

    def curve(records: Sequence[Record]) -> list[tuple[float, tuple[float, float, float]]]:
        dist = baseline_distances(records, title_weight)
        gold = {str(r["id"]): str(r[label]) for r in records}
        out = []
        for t in THRESHOLDS:
            labels = baseline_labels(dist, t)
            pred = {str(r["id"]): str(k) for r, k in zip(records, labels, strict=True)}
            out.append((t, bcubed(pred, gold)))
        return out

    fitted = max(curve(fit), key=lambda item: item[1][2])[0]
    on_test = curve(test)
    at_fitted = next(prf for t, prf in on_test if t == fitted)
    best_t, best = max(on_test, key=lambda item: item[1][2])
    return fitted, at_fitted, best, best_t


def fmt(prf: tuple[float, float, float]) -> str:
    p, r, f = prf
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shuffle", type=int, default=0, metavar="N", help="N shuffled orders")
    parser.add_argument("--report", type=Path, help="write the whole file's engine report here")
    parser.add_argument("--no-baseline", action="store_true", help="the engine only")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found")
        return 0
    score = scorer()
    bcubed = score.bcubed
    everything = load()
    halves = {h: load(half=h) for h in ("fit", "test")}
    n_stories = {h: len({r["story"] for r in rs}) for h, rs in halves.items()}
    print(
        f"AllSides dev: {len(everything)} articles, "
        f"fit half {len(halves['fit'])} ({n_stories['fit']} stories), "
        f"test half {len(halves['test'])} ({n_stories['test']} stories)"
    )
    pred = engine(everything)
    gold = {str(r["id"]): str(r["story"]) for r in everything}
    for h, rs in halves.items():
        ids = {str(r["id"]) for r in rs}
        sub = {k: v for k, v in gold.items() if k in ids}
        print(f"engine, {h} half (clustered with the whole file): {fmt(bcubed(pred, sub))}")
        print(f"engine, {h} half alone: {fmt(bcubed(engine(rs), sub))}")
    f1s = []
    for seed in range(args.shuffle):
        order = list(everything)
        random.Random(seed).shuffle(order)
        prf = bcubed(engine(order), gold)
        f1s.append(prf[2])
        print(f"  engine, shuffle seed {seed}: {fmt(prf)}")
    if f1s:
        print(f"engine, shuffled x{len(f1s)}: F1 mean {sum(f1s) / len(f1s):.3f} min {min(f1s):.3f}")
    if not args.no_baseline:
        for tw in (None, 0.3):
            name = "title+text" if tw is None else f"title weighted {tw}"
            for a, b in (("fit", "test"), ("test", "fit")):
                fitted, at_fitted, best, best_t = baseline(halves[a], halves[b], tw, bcubed)
                print(
                    f"baseline ({name}), threshold {fitted} tuned on {a}, read on {b}: "
                    f"{fmt(at_fitted)} (best on {b}: {best[2]:.3f} at {best_t})"
                )
            _, _, best, best_t = baseline(everything, everything, tw, bcubed)
            print(f"baseline ({name}), whole file, tuned on it: {fmt(best)} at {best_t}")
    with tempfile.TemporaryDirectory() as tmp:
        report = args.report or Path(tmp) / "report.json"
        write_report(everything, pred, report)
        print("engine, whole file (score.py clusters --label story):")
        print("  " + scored_line(report).replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
