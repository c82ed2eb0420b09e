"""Story summaries on AllSides 2021 dev: the engine beside LexRank and the lead baseline.

    .venv/bin/python benchmarks/summaries_allsides.py [--reports DIR] [--articles CACHE]
        [--fit | --ceiling]

Every article of the file is one JSONL record (its ``title``, ``published``,
``outlet``, ``url`` as the record states them) run through the real pipeline
(``newsprism.pipeline.process_records``: extraction, copies) into a temporary
database; then each *gold* story is analysed alone: its original articles, in
the order :mod:`newsprism.analysis` gives them, go to the summary section, so
the summary is scored apart from clustering. Three reports are written, one
story per gold story, and ``../shared/eval/score.py summaries`` scores each in
the same run (it cuts every summary to its reference's length in words):

- ``newsprism``: :func:`newsprism.analysis.summary.summary_section`;
- ``sumy-lexrank``: sumy's own LexRankSummarizer (the dev extra installs sumy),
  with the English stemmer and stop words, fed the same sentences;
- ``lexrank``: LexRank as sumy implements it, written out here (the project's
  stop words, no stemming):
  TF-IDF cosine between sentences (term frequency over the sentence's most
  frequent word, idf ``log(N / (1 + df))`` over the story's sentences), edges
  where the cosine passes 0.1, degree-normalised, power iteration to a change
  below 0.1); the best-ranked sentences until the reference's length is
  reached, shown in document order;
- ``lead``: the first sentences of the story's articles, the first of each
  article in turn, then the second of each, and so on.

The length budget is the same for all: the scorer's ROUGE is F1 over the
summary cut to the roundup's length, so no system gains by running longer.
The baselines are even told that length (they stop once they reach it); the
engine is not (it shows up to eight sentences, about 190 words at the median
against the roundups' 117, and the scorer cuts it).

Both baselines read the same extracted article texts and the same sentence
splitter as the engine. The halves are cut by story, by a stable hash of the
story label (as ``cluster_allsides.py``); anything fitted on the summaries is
fitted on the ``fit`` half and read on ``test``: each half's figures are
printed (the scorer's functions), then the scorer's whole-file lines, and
last the engine's margin over each baseline (the mean of its per-story
difference, with the paired standard error) on each half and the whole file.
"""

from __future__ import annotations

import argparse
import itertools
import math
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cluster_allsides import GOLD, SCORER, half_of, load, scorer
from newsprism.analysis.overlap import STOPWORDS
from newsprism.models import Article
from newsprism.text.sentences import split_sentences

ROUNDUPS = GOLD.parent / "allsides-2021-dev.roundups.jsonl"

Summarizer = Callable[[Sequence[Article], int], list[str]]


def extracted() -> dict[str, Article]:
    """Each record's stored article (by record id), through the real pipeline."""
    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import process_records
    from newsprism.sources.files import read_inputs
    from newsprism.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        opts = AnalyzeOptions(db=Path(tmp) / "db.sqlite")
        with SQLiteStore.open(opts.db) as store:
            # The gold file is itself a JSONL container of article records.
            process_records(read_inputs([GOLD], opts.limits), store, opts)
            return {a.source.rsplit("#", 1)[1]: a for a in store.articles()}


def originals(members: Sequence[Article]) -> list[Article]:
    """What the analysis sections see: no copies, dated articles first, by date."""
    ids = {a.id for a in members}
    kept = [a for a in members if a.duplicate_of is None or a.duplicate_of not in ids]
    return sorted(kept, key=lambda a: (a.published is None, a.published, a.id))


def _sentences(articles: Sequence[Article]) -> list[list[str]]:
    return [
        [s for para in a.text.split("\n") for s in split_sentences(para.strip())] for a in articles
    ]


def _terms(text: str) -> list[str]:
    words = (t.strip("’'-") for t in re.findall(r"[\w’'-]+", text.lower()))
    return [w for w in words if w and w not in STOPWORDS]


def lexrank(articles: Sequence[Article], length: int) -> list[str]:
    """LexRank (threshold 0.1), best sentences to ``length`` words, in document order."""
    sents = [s for doc in _sentences(articles) for s in doc]
    if not sents:
        return []
    terms = [_terms(s) for s in sents]
    n = len(sents)
    df: Counter[str] = Counter(w for ts in terms for w in set(ts))
    idf = {w: math.log(n / (1 + k)) for w, k in df.items()}
    tf = []
    for ts in terms:
        c = Counter(ts)
        top = max(c.values(), default=1)
        tf.append({w: k / top for w, k in c.items()})
    norms = [math.sqrt(sum((v * idf[w]) ** 2 for w, v in t.items())) for t in tf]
    adjacency = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if not norms[i] or not norms[j]:
                continue
            num = sum(v * tf[j][w] * idf[w] ** 2 for w, v in tf[i].items() if w in tf[j])
            if num / (norms[i] * norms[j]) > 0.1:
                adjacency[i][j] = 1.0
    degree = [sum(row) or 1.0 for row in adjacency]
    matrix = [[adjacency[i][j] / degree[i] for j in range(n)] for i in range(n)]
    p = [1.0 / n] * n
    for _ in range(200):
        nxt = [sum(matrix[i][j] * p[i] for i in range(n)) for j in range(n)]
        delta = math.sqrt(sum((a - b) ** 2 for a, b in zip(nxt, p, strict=True)))
        p = nxt
        if delta < 0.1:
            break
    ranked = sorted(range(n), key=lambda i: (-p[i], i))
    chosen: list[int] = []
    words = 0
    for i in ranked:
        if words >= length:
            break
        chosen.append(i)
        words += len(sents[i].split())
    return [sents[i] for i in sorted(chosen)]


class _SumyTokenizer:
    """sumy's tokenizer interface over the engine's own splitting: sumy's default
    Tokenizer needs nltk's punkt data, a download this project never makes."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return [t.strip("’'-") for t in re.findall(r"[\w’'-]+", sentence) if t.strip("’'-")]


def sumy_lexrank(articles: Sequence[Article], length: int) -> list[str]:
    """sumy's own LexRankSummarizer (English stemmer and stop words), on the same
    sentences, its best-rated ones to ``length`` words, in document order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _SumyTokenizer()
    document = ObjectDocumentModel(
        tuple(
            Paragraph([Sentence(s, tokenizer) for s in doc]) for doc in _sentences(articles) if doc
        )
    )
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def up_to_length(ranked: list[Any]) -> list[Any]:
        chosen, words = [], 0
        for info in ranked:
            if words >= length:
                break
            chosen.append(info)
            words += len(str(info.sentence).split())
        return chosen

    return [str(s) for s in summarizer(document, up_to_length)]


def lead(articles: Sequence[Article], length: int) -> list[str]:
    """The first sentence of each article in turn, then the second, ... to ``length`` words."""
    docs = _sentences(articles)
    out: list[str] = []
    words = 0
    for k in range(max((len(d) for d in docs), default=0)):
        for d in docs:
            if k < len(d) and words < length:
                out.append(d[k])
                words += len(d[k].split())
    return out


def engine(articles: Sequence[Article], length: int) -> list[str]:
    from newsprism.analysis.summary import summary_section

    return [str(e["text"]) for e in summary_section(articles)]


def held(score: Any, ref: list[str], text: str) -> float:
    """How much of the roundup (its words ``ref``) a sentence holds, as the
    scorer counts: the share of its words, plus the share of its word pairs,
    that the roundup uses."""
    hyp = score.words(text)
    got = 0.0
    for n in (1, 2):
        r, h = score._ngrams(ref, n), score._ngrams(hyp, n)
        got += sum((r & h).values()) / max(1, sum(h.values()))
    return got


def ceiling(stories: dict[str, list[Article]], refs: dict[str, str], score: Any) -> None:
    """How far a better rank could take the summary, on each half.

    The candidates and the way the summary takes them (:func:`newsprism.analysis.
    summary.choose`, then consensus first; sentences pointing back left out,
    so that the rows compare like with like) are kept; only the rank changes:
    the rank in use, then the rank the roundup itself gives (each candidate by
    :func:`held`: a perfect rank of sentences, out of reach, an upper bound).
    Last, the best the candidates allow: sentences taken one by one, each the
    one that raises ROUGE-1 + ROUGE-2 of the summary cut to the roundup's
    length the most.
    """
    from dataclasses import replace

    from newsprism.analysis.summary import Features, candidates, choose

    by_roundup = Features(lead=1.0, title=0, names=0, words=0, pairs=0, weekday=0, figure=0)
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    for sid, arts in stories.items():
        ref = score.words(refs[sid])
        sentences, found = candidates(arts)
        pool = [c for c in found if not c.leans]
        cites = {c.index: len(c.cites) for c in pool}
        texts = {c.index: c.text for c in pool}
        order = {a.id: n for n, a in enumerate(arts)}

        def rouge(shown: list[str], ref: list[str] = ref) -> tuple[float, float]:
            hyp = score.words(" ".join(shown))[: len(ref)]
            return score._rouge_n(ref, hyp, 1), score._rouge_n(ref, hyp, 2)

        perfect = [
            replace(c, features=replace(by_roundup, lead=held(score, ref, c.text))) for c in pool
        ]
        got = {}
        for label, chosen in (
            ("rank in use", choose(sentences, pool, order)),
            ("rank by the roundup", choose(sentences, perfect, order, by_roundup)),
        ):
            chosen.sort(key=lambda i: -cites[i])  # consensus first, as the summary
            got[label] = rouge([texts[i] for i in chosen])
        best: list[str] = []
        while True:
            now = sum(rouge(best))
            gains = [(sum(rouge([*best, t])) - now, t) for t in texts.values() if t not in best]
            top = max(gains, default=(0.0, ""))
            if top[0] <= 0:
                break
            best.append(top[1])
        got["best the candidates allow"] = rouge(best)
        rows[sid] = got
    for label in ("rank in use", "rank by the roundup", "best the candidates allow"):
        cells = []
        for h in ("fit", "test", "whole"):
            vals = [r[label] for sid, r in rows.items() if h in ("whole", half_of(sid))]
            r1 = statistics.mean(v[0] for v in vals)
            cells.append(f"{h} {r1:.3f}/{statistics.mean(v[1] for v in vals):.3f}")
        print(f"{label:26s} " + "  ".join(cells))


def fit(stories: dict[str, list[Article]], refs: dict[str, str], score: Any) -> None:
    """Learn the summary weights on the fit half, read them on both halves.

    Every candidate sentence (:func:`newsprism.analysis.summary.candidates`) of a story
    gets a target: how much of the editors' roundup it holds, as the scorer
    counts (the share of its words, plus the share of its word pairs, that the
    roundup uses, clipped). Within each fit story, every two candidates whose
    targets differ by 0.05 or more make one example: which of the two holds
    more, from the difference of their features (a pairwise logistic
    regression: the rank is all the summary reads, never a level). Features
    are scaled by their spread on the fit half; weights are given back on the
    features' own scale. Then the weight of what the chosen sentences already
    tell (``COVERAGE``) is read on a grid, on both halves.
    """
    from dataclasses import astuple, fields

    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    from newsprism.analysis.summary import COVERAGE, WEIGHTS, Features, candidates, summary_section

    names = [f.name for f in fields(Features)]

    diffs: list[Any] = []
    for sid, arts in stories.items():
        if half_of(sid) != "fit":
            continue
        ref = score.words(refs[sid])
        rows = [
            (np.array(astuple(c.features)), held(score, ref, c.text))
            for c in candidates(arts)[1]
            if not c.leans
        ]
        for (xa, ya), (xb, yb) in itertools.combinations(rows, 2):
            if abs(ya - yb) >= 0.05:
                diffs.append(xa - xb if ya > yb else xb - xa)
    x = np.array(diffs)
    scale = np.abs(x).mean(axis=0)
    scale[scale == 0] = 1.0
    # Both orders of each pair: the two classes balance, no intercept.
    model = LogisticRegression(C=0.01, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack([x / scale, -x / scale]), [1] * len(x) + [0] * len(x))
    learned = Features(*(float(round(v, 2)) for v in model.coef_[0] / scale))
    print(f"{len(x)} pairs from the fit half")

    def rouge(w: Features, coverage: float) -> dict[str, tuple[float, float]]:
        """ROUGE-1 and ROUGE-2 of every story (by id)."""
        out = {}
        for sid, arts in stories.items():
            ref = score.words(refs[sid])
            shown = summary_section(arts, w, coverage)
            hyp = score.words(" ".join(e["text"] for e in shown))[: len(ref)]
            out[sid] = (score._rouge_n(ref, hyp, 1), score._rouge_n(ref, hyp, 2))
        return out

    def show(label: str, by_story: dict[str, tuple[float, float]]) -> None:
        got = []
        for h in ("fit", "test", "whole"):
            rows = [r for sid, r in by_story.items() if h in ("whole", half_of(sid))]
            got.append(
                f"{h} {statistics.mean(r[0] for r in rows):.4f}/"
                f"{statistics.mean(r[1] for r in rows):.4f}"
            )
        print(f"  {label}: " + "  ".join(got))

    for label, w in (("in use", WEIGHTS), ("learned", learned)):
        print(f"{label}: " + ", ".join(f"{k}={getattr(w, k):g}" for k in names))
        show(f"coverage {COVERAGE:g} (in use)", rouge(w, COVERAGE))
    # The coverage weight, with the weights in use (the rank alone is what they
    # are learned on): by the one-standard-error rule on the fit half, the
    # smallest weight whose ROUGE-1 + ROUGE-2 per story is within one paired
    # standard error of the best weight's.
    grid = (0.0, 0.5, 0.75, 1.0, 1.5, 2.0, 4.0)
    fit_sums: dict[float, list[float]] = {}
    for coverage in grid:
        by_story = rouge(WEIGHTS, coverage)
        show(f"weights in use, coverage {coverage:g}", by_story)
        fit_sums[coverage] = [sum(r) for sid, r in by_story.items() if half_of(sid) == "fit"]
    best = max(grid, key=lambda c: sum(fit_sums[c]))
    for coverage in grid:
        diffs = [a - b for a, b in zip(fit_sums[coverage], fit_sums[best], strict=True)]
        se = statistics.stdev(diffs) / math.sqrt(len(diffs)) if coverage != best else 0.0
        if statistics.mean(diffs) >= -se:
            print(f"coverage by the one-standard-error rule: {coverage:g} (best {best:g})")
            break


def write_report(
    stories: dict[str, list[Article]], summaries: dict[str, list[str]], path: Path
) -> None:
    import json

    report = {
        "format": "newsprism-report/1",
        "articles": [
            {"id": a.id, "source": a.source, "duplicate_of": None, "story": sid}
            for sid, arts in stories.items()
            for a in arts
        ],
        "stories": [
            {
                "id": sid,
                "title": None,
                "articles": [a.id for a in arts],
                "summary": [{"text": t, "sources": []} for t in summaries.get(sid, [])],
            }
            for sid, arts in stories.items()
        ],
    }
    path.write_text(json.dumps(report), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import json

    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--reports", type=Path, help="keep the three reports in this folder")
    ap.add_argument(
        "--articles", type=Path, help="pickle of the extracted articles (made if absent)"
    )
    ap.add_argument(
        "--only", choices=("newsprism", "lexrank", "sumy-lexrank", "lead"), action="append"
    )
    ap.add_argument("--fit", action="store_true", help="fit the summary weights on the fit half")
    ap.add_argument(
        "--ceiling", action="store_true", help="ROUGE with a perfect rank, and the best possible"
    )
    args = ap.parse_args(argv)
    records = load() if ROUNDUPS.exists() else []
    if not records:
        print(f"skipped: {ROUNDUPS} not found")
        return 0
    score = scorer()
    if args.articles and args.articles.exists():
        by_record: dict[str, Article] = pickle.loads(args.articles.read_bytes())
    else:
        by_record = extracted()
        if args.articles:
            args.articles.write_bytes(pickle.dumps(by_record))
    members: dict[str, list[Article]] = {}
    for rec in records:
        if rec["id"] in by_record:
            members.setdefault(str(rec["story"]), []).append(by_record[rec["id"]])
    refs = {}
    with ROUNDUPS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                refs[str(d["story"])] = str(d["roundup"])
    stories = {sid: originals(arts) for sid, arts in members.items() if sid in refs}
    if args.fit:
        fit(stories, refs, score)
        return 0
    if args.ceiling:
        ceiling(stories, refs, score)
        return 0
    systems: dict[str, Summarizer] = {
        "newsprism": engine,
        "lexrank": lexrank,
        "sumy-lexrank": sumy_lexrank,
        "lead": lead,
    }
    names = args.only or list(systems)
    per_story: dict[str, dict[str, tuple[float, float, float]]] = {}
    print(f"AllSides dev: {len(records)} articles, {len(refs)} roundups, {len(stories)} stories")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.reports or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            summaries = {
                sid: systems[name](arts, len(score.words(refs[sid])))
                for sid, arts in stories.items()
            }
            halves: dict[str, list[tuple[float, float, float]]] = {"fit": [], "test": []}
            for sid, ref in refs.items():
                ref_t = score.words(ref)
                hyp_t = score.words(" ".join(summaries.get(sid, [])))[: len(ref_t)]
                row = (
                    score._rouge_n(ref_t, hyp_t, 1),
                    score._rouge_n(ref_t, hyp_t, 2),
                    score._rouge_l(ref_t, hyp_t),
                )
                halves[half_of(sid)].append(row)
                per_story.setdefault(name, {})[sid] = row
            for h, rows in halves.items():
                r1, r2, rl = (sum(col) / max(1, len(rows)) for col in zip(*rows, strict=True))
                print(
                    f"{name:9s} {h:4s} half ({len(rows)} stories): "
                    f"ROUGE-1 {r1:.3f}  ROUGE-2 {r2:.3f}  ROUGE-L {rl:.3f}"
                )
            report = folder / f"{name}.json"
            write_report(stories, summaries, report)
            done = subprocess.run(
                [sys.executable, str(SCORER), "summaries", str(ROUNDUPS), str(GOLD), str(report)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(
                f"{name:9s} whole file (score.py summaries): {done.stdout.strip().splitlines()[-1]}"
            )
    margins(per_story)
    return 0


def margins(per_story: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    """The engine's lead over each baseline, story by story: the mean difference
    of ROUGE-1 and ROUGE-2 and its paired standard error, on each half and on
    the whole file (a lead of 0.02 is read beside its noise)."""
    ours = per_story.get("newsprism")
    if ours is None:
        return
    for other, theirs in per_story.items():
        if other == "newsprism":
            continue
        cells = []
        for h in ("fit", "test", "whole"):
            sids = [sid for sid in ours if h in ("whole", half_of(sid))]
            got = []
            for k in (0, 1):
                d = [ours[sid][k] - theirs[sid][k] for sid in sids]
                se = statistics.stdev(d) / math.sqrt(len(d)) if len(d) > 1 else 0.0
                got.append(f"{statistics.mean(d):+.3f} ± {se:.3f}")
            cells.append(f"{h} R1 {got[0]}, R2 {got[1]}")
        print(f"newsprism - {other}: " + "; ".join(cells))


if __name__ == "__main__":
    raise SystemExit(main())
