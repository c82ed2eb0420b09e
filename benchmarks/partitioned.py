"""The time-partitioned clustering against one process: agreement and wall time.

    python benchmarks/partitioned.py                    # AllSides dev, ECB+, synthetic 20,000
    python benchmarks/partitioned.py --n 100000 --cache /tmp/synth100k.jsonl
    python benchmarks/partitioned.py --window-days 1 7  # several window lengths

The one-process stories (one ``StoryIndex``, input order,
``newsprism.partitioned.cluster_one_process``) are the gold; the figure is
B-cubed precision, recall and F1 of ``cluster_partitioned`` against them (the
measure of ``../shared/eval/score.py clusters``), after each round of joins
and at the end, with the rounds and window passes it took and whether it is
the one-process run over the windows in order (the fixed point). Each set's true stories are
scored too, for both, so that a difference can be read as better or worse.

* AllSides dev (``../shared``): 1,087 articles, 422 dated (the date in the
  URL); the whole file and its dated subset.
* ECB+ (``../shared``): no dates, so one window: the one-process run itself
  (printed to show it is).
* Synthetic (``benchmarks/synth.py``): ``--n`` articles over about 14 months,
  extracted by the pure stages on ``--workers`` processes (cached with
  ``--cache``); the writer clusters no copy (a copy joins its original's
  story), so the generator's copies are left out. Wall time of the clustering
  step alone: one process, the partitioned mode in this process, and on 2
  worker processes, alternating, ``--repeat`` times, medians.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.index.stories import ClusterDoc
from newsprism.partitioned import (
    PartitionOptions,
    agreement,
    cluster_one_process,
    cluster_partitioned,
    partitioned_run,
)
from newsprism.partitioned import windows as cut

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ALLSIDES = SHARED / "benchmarks" / "stories" / "allsides-2021-dev.jsonl"
ECBPLUS = SHARED / "benchmarks" / "clustering" / "ecbplus.jsonl"

Labelled = tuple[list[ClusterDoc], dict[str, str]]  # docs, true story per doc id


def fmt(prf: tuple[float, float, float]) -> str:
    return "P {:.3f} R {:.3f} F1 {:.3f}".format(*prf)


def _doc(key: str, title: Any, text: Any, published: Any) -> ClusterDoc:
    # Article ids are hex digests in the engine; story ids are cut from them.
    return ClusterDoc(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
        title=str(title) if title else None,
        text=str(text or ""),
        published=date.fromisoformat(str(published)) if published else None,
    )


def load_jsonl(path: Path, label: str) -> Labelled:
    docs: list[ClusterDoc] = []
    truth: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                doc = _doc(str(row["id"]), row.get("title"), row["text"], row.get("published"))
                docs.append(doc)
                truth[doc.id] = str(row[label])
    return docs, truth


def _extract_chunk(records: list[Any]) -> list[tuple[str | None, str, str | None] | None]:
    from newsprism.engines import Prepared, prepare_chunk
    from newsprism.options import AnalyzeOptions

    jobs = [(str(r.source), r) for r in records]
    out: list[tuple[str | None, str, str | None] | None] = []
    for one in prepare_chunk(jobs, AnalyzeOptions()):
        if isinstance(one, Prepared):
            day = one.found.published
            out.append((one.found.title, one.found.text, day.isoformat() if day else None))
        else:
            out.append(None)
    return out


def synthetic(n: int, workers: int, cache: Path | None) -> Labelled:
    """``n`` synthetic articles through the pure stages, copies left out (cached)."""
    if cache is None or not cache.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import synth

        pairs = list(synth.generate_with_truth(n, 0))
        records = [r for r, _ in pairs]
        chunks = [records[i : i + 250] for i in range(0, len(records), 250)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = [one for chunk in pool.map(_extract_chunk, chunks) for one in chunk]
        rows = [
            {
                "id": r.source,
                "title": f[0],
                "text": f[1],
                "published": f[2],
                "story": t.story,
            }
            for (r, t), f in zip(pairs, found, strict=True)
            if f is not None and t.copy_of is None
        ]
        if cache is not None:
            with cache.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(row) + "\n" for row in rows)
    else:
        with cache.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    docs = [_doc(str(r["id"]), r["title"], r["text"], r["published"]) for r in rows]
    return docs, {d.id: str(r["story"]) for d, r in zip(docs, rows, strict=True)}


def compare(
    name: str,
    docs: Sequence[ClusterDoc],
    truth: dict[str, str],
    windows: Sequence[int],
    subsets: dict[str, set[str]] | None = None,
) -> None:
    gold = cluster_one_process(docs)
    print(f"{name}: {len(docs)} articles; one process against the true stories: ", end="")
    print(fmt(agreement(gold, truth)))
    for days in windows:
        in_order = cluster_one_process([d for w in cut(docs, days) for d in w])
        print(f"  one process over {days}-day windows in order: {fmt(agreement(in_order, gold))}")

        def said(done: int, got: dict[str, str]) -> None:
            print(f"    after round {done}: {fmt(agreement(got, gold))}")

        run = partitioned_run(docs, PartitionOptions(window_days=days), on_round=said)
        pred = run.story
        print(
            f"  {days}-day windows: {run.windows} windows, {run.rounds} rounds, "
            f"{run.passes} passes, fixed point {run.exact}, "
            f"the same as one process in window order: {pred == in_order}"
        )
        print(f"  {days}-day windows against one process: {fmt(agreement(pred, gold))}")
        for label, keep in (subsets or {}).items():
            sub = {k: v for k, v in gold.items() if k in keep}
            print(f"    {label} ({len(sub)}): {fmt(agreement(pred, sub))}")
        print(f"    against the true stories: {fmt(agreement(pred, truth))}")


def timed(fn: Callable[[], dict[str, str]]) -> tuple[float, dict[str, str]]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def wall_times(docs: Sequence[ClusterDoc], days: int, repeat: int) -> None:
    """The clustering step: one process, partitioned here, partitioned on 2 processes."""
    runs: dict[str, Callable[[], dict[str, str]]] = {
        "one process (StoryIndex)": lambda: cluster_one_process(docs),
        "partitioned, this process": lambda: cluster_partitioned(
            docs, PartitionOptions(window_days=days)
        ),
        "partitioned, 2 worker processes": lambda: cluster_partitioned(
            docs, PartitionOptions(window_days=days, workers=2)
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    outs: dict[str, dict[str, str]] = {}
    for _ in range(repeat):
        for name, fn in runs.items():
            spent, outs[name] = timed(fn)
            times[name].append(spent)
    base = statistics.median(times["one process (StoryIndex)"])
    print(f"wall time of the clustering step, {days}-day windows, median of {repeat}:")
    for name, runs_s in times.items():
        med = statistics.median(runs_s)
        print(f"  {name}: {med:.1f} s ({len(docs) / med:,.0f} articles/s, x{base / med:.2f})")
    same = outs["partitioned, this process"] == outs["partitioned, 2 worker processes"]
    print(f"  this process and 2 workers give the same mapping: {same}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000, help="synthetic articles (0: none)")
    parser.add_argument("--workers", type=int, default=2, help="processes extracting them")
    parser.add_argument("--cache", type=Path, help="JSONL of the extracted synthetic articles")
    parser.add_argument("--window-days", type=int, nargs="+", default=[7])
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs of each (medians; 0: none)"
    )
    args = parser.parse_args(argv)
    windows: list[int] = args.window_days
    if ALLSIDES.exists():
        docs, truth = load_jsonl(ALLSIDES, "story")
        dated = {d.id for d in docs if d.published is not None}
        compare("AllSides dev", docs, truth, windows, {"dated subset": dated})
    else:
        print(f"skipped AllSides: {ALLSIDES} not found")
    if ECBPLUS.exists():
        docs, truth = load_jsonl(ECBPLUS, "subtopic")
        print("ECB+ carries no dates: one window, the one-process run")
        compare("ECB+", docs, truth, windows[:1])
    if args.n:
        docs, truth = synthetic(args.n, args.workers, args.cache)
        compare(f"synthetic {args.n:,} (copies left out)", docs, truth, windows)
        if args.repeat:
            wall_times(docs, windows[-1], args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
