"""Benchmark story clustering on ECB+ sub-events, and its speed on a synthetic stream.

    python benchmarks/cluster_ecbplus.py                 # file order, scored
    python benchmarks/cluster_ecbplus.py --shuffle 5     # plus 5 shuffled orders
    python benchmarks/cluster_ecbplus.py --shuffle 5 --fragments   # and what each order split
    python benchmarks/cluster_ecbplus.py --heldout       # topic halves: dev vs held-out
    python benchmarks/cluster_ecbplus.py --synthetic 100000

ECB+ lives in ``../shared`` (read-only, not part of the project); without it
the ECB+ parts are skipped. The report written is a minimal
``newsprism-report/1`` and is scored with ``../shared/eval/score.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsprism.index.stories import ClusterDoc, ClusterOptions, StoryIndex

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "benchmarks" / "clustering" / "ecbplus.jsonl"
SCORER = SHARED / "eval" / "score.py"


def load(path: Path = GOLD) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cluster(records: list[dict[str, str]], options: ClusterOptions) -> tuple[dict[str, str], float]:
    """Story id per record id, and seconds spent in assign()."""
    index = StoryIndex(options)
    out: dict[str, str] = {}
    spent = 0.0
    for rec in records:
        doc = ClusterDoc(
            id=rec["id"], title=rec.get("title") or None, text=rec["text"], published=None
        )
        start = time.perf_counter()
        out[rec["id"]] = index.assign(doc)
        spent += time.perf_counter() - start
    # Splits move earlier articles to new stories: apply them as a store would.
    out.update(index.export_changes().moves)
    return out, spent


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (same measure as score.py, for quick loops)."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        by_pred[pred[key]].add(key)
        by_gold[gold[key]].add(key)
    p = r = 0.0
    for key in gold:
        a, b = by_pred[pred[key]], by_gold[gold[key]]
        common = len(a & b)
        p += common / len(a)
        r += common / len(b)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def write_report(records: list[dict[str, str]], pred: dict[str, str], path: Path) -> None:
    articles = [
        {
            "id": rec["id"],
            "source": "ecbplus.jsonl#" + rec["id"],
            "url": None,
            "outlet": None,
            "title": None,
            "published": None,
            "text": rec["text"],
            "duplicate_of": None,
            "story": pred[rec["id"]],
        }
        for rec in records
    ]
    members: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        members[pred[rec["id"]]].append(rec["id"])
    stories = [{"id": sid, "title": None, "articles": ids} for sid, ids in members.items()]
    report = {"format": "newsprism-report/1", "articles": articles, "stories": stories}
    path.write_text(json.dumps(report), encoding="utf-8")


def score_with_scorer(report: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCORER), "clusters", str(report), str(GOLD), "--label", "subtopic"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def fragments(pred: dict[str, str], gold: dict[str, str]) -> str:
    """The gold sub-events spread over several stories, each with its stories' sizes.

    An order that starts one sub-event as several small stories is what
    costs recall in shuffled orders: each small story then competes with the
    others as a candidate, none stands out, and later reports of the event
    start yet more stories.
    """
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for key, label in gold.items():
        spread[label][pred[key]] += 1
    parts = []
    for label, stories in sorted(spread.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(stories) > 1:
            sizes = "+".join(str(n) for _, n in stories.most_common())
            parts.append(f"{label} {sizes}")
    return f"{len(parts)} sub-events split: " + ", ".join(parts)


def run_ecbplus(shuffles: int, options: ClusterOptions, show_fragments: bool = False) -> None:
    records = load()
    gold = {r["id"]: r["subtopic"] for r in records}
    pred, spent = cluster(records, options)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        write_report(records, pred, report)
        print("file order (score.py):")
        print("  " + score_with_scorer(report).replace("\n", "\n  "))
    if show_fragments:
        print("  " + fragments(pred, gold))
    per_doc = 1000 * spent / len(records)
    print(f"assign(): {len(records) / spent:,.0f} docs/s ({per_doc:.3f} ms/doc)")
    if shuffles:
        f1s = []
        for seed in range(shuffles):
            order = list(records)
            random.Random(seed).shuffle(order)
            shuffled = cluster(order, options)[0]
            p, r, f = bcubed(shuffled, gold)
            f1s.append(f)
            print(f"  shuffle seed {seed}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
            if show_fragments:
                print("    " + fragments(shuffled, gold))
        print(f"shuffled x{shuffles}: F1 mean {sum(f1s) / len(f1s):.3f} min {min(f1s):.3f}")


def run_heldout(options: ClusterOptions, shuffles: int) -> None:
    """Score on even vs odd topics: tune on one half, read the other."""
    records = load()
    for name, keep in (("even topics", 0), ("odd topics", 1)):
        part = [r for r in records if int(r["topic"]) % 2 == keep]
        gold = {r["id"]: r["subtopic"] for r in part}
        f1s = [bcubed(cluster(part, options)[0], gold)[2]]
        for seed in range(shuffles):
            order = list(part)
            random.Random(seed).shuffle(order)
            f1s.append(bcubed(cluster(order, options)[0], gold)[2])
        print(
            f"{name}: {len(part)} docs, F1 file order {f1s[0]:.3f}, "
            f"with {shuffles} shuffles mean {sum(f1s) / len(f1s):.3f} min {min(f1s):.3f}"
        )


def synthetic_stream(n: int, seed: int = 0, words: int = 500):  # type: ignore[no-untyped-def]
    """Yield n invented articles: Zipf background words plus story-specific names.

    Each story has 8 name-like tokens and 20 topic words; an article mixes 70%
    background (from a 50k-word vocabulary) with its story's words. New stories
    start all the time, so the index keeps growing as in a real feed.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(50_000)])
    zipf = 1.0 / np.arange(1, len(vocab) + 1)
    zipf /= zipf.sum()
    story_words: list[tuple[list[str], list[str]]] = []
    for i in range(n):
        if not story_words or rng.random() < 0.1:
            names = [f"Name{len(story_words)}x{j}" for j in range(8)]
            topic = list(rng.choice(vocab[1000:], size=20))
            story_words.append((names, topic))
        # mostly recent stories, as in a news feed
        k = len(story_words) - 1 - min(int(rng.exponential(20)), len(story_words) - 1)
        names, topic = story_words[k]
        body = list(rng.choice(vocab, size=int(words * 0.7), p=zipf))
        body += list(rng.choice(topic, size=int(words * 0.2)))
        body += list(rng.choice(names, size=int(words * 0.1)))
        rng.shuffle(body)
        yield ClusterDoc(
            id=f"{i:016x}", title=" ".join(body[:10]), text=" ".join(body), published=None
        )


def run_synthetic(n: int, options: ClusterOptions) -> None:
    index = StoryIndex(options)
    window = max(1, min(1000, n // 10))
    marks = sorted({min(n, 10_000), n})
    spent = 0.0
    for done, doc in enumerate(synthetic_stream(n), start=1):
        start = time.perf_counter()
        index.assign(doc)
        elapsed = time.perf_counter() - start
        if any(m - window < done <= m for m in marks):
            spent += elapsed
        if done in marks:
            print(f"at {done:>7,} articles: {1000 * spent / window:.3f} ms/article (last {window})")
            spent = 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shuffle", type=int, default=0, metavar="N", help="N shuffled orders")
    parser.add_argument("--heldout", action="store_true", help="score even/odd topic halves")
    parser.add_argument(
        "--fragments", action="store_true", help="list the sub-events each order split"
    )
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="time N articles")
    args = parser.parse_args(argv)
    options = ClusterOptions()
    if args.synthetic:
        run_synthetic(args.synthetic, options)
    if not GOLD.exists():
        print(f"skipped ECB+: {GOLD} not found")
        return 0
    if args.heldout:
        run_heldout(options, args.shuffle)
    elif not args.synthetic or args.shuffle:
        run_ecbplus(args.shuffle, options, args.fragments)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
