"""How far story clustering can go on AllSides 2021 dev with the signals there are.

    python benchmarks/ceiling_allsides.py
    python benchmarks/ceiling_allsides.py --spacy-model PATH   # word vectors and entities too

Issue #16 asks for B-cubed F1 >= 0.88 on this set. This script measures what
stands between the engine and that figure, each line on the same articles:

* **dates**: the engine as it runs, and again with every undated article given
  its story's earliest URL date (an oracle: the set strips the dates real
  pages carry in their metadata; stories with no dated article stay undated);
* **all pairs, no index**: average-linkage clustering over every pair, with
  the distance threshold chosen by looking at the set itself (the best any
  threshold gives, an upper bound for that distance), for TF-IDF cosine and,
  with ``--spacy-model``, for TF-IDF-weighted word vectors and a mix of both;
* **a learned pair model**: gradient-boosted trees over pair features (TF-IDF
  cosine of title+text, title, text; shared capitalised names; shared figures;
  URL-date gap; with ``--spacy-model`` also word-vector cosine and shared named
  entities), fitted on the fit half's pairs and clustered on the test half
  (stories cut by ``cluster_allsides.half_of``), with the threshold best on the
  fit half and the best any threshold gives on the test half.

``--spacy-model`` takes the directory of a spaCy English pipeline with vectors
(``en_core_web_md``); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cluster_allsides import GOLD, Record, baseline_labels, engine, fmt, half_of, load, scorer

Bcubed = Callable[[dict[str, str], dict[str, str]], tuple[float, float, float]]
PRF = tuple[float, float, float]
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_FIGURE = re.compile(r"\b\d[\d,.]*\b")
THRESHOLDS = [round(0.30 + 0.02 * i, 2) for i in range(35)]  # 0.30 .. 0.98


def story_dated(records: Sequence[Record]) -> list[Record]:
    """Each undated record given its story's earliest URL date (the oracle)."""
    days: dict[str, list[str]] = defaultdict(list)
    for r in records:
        if r.get("published"):
            days[str(r["story"])].append(str(r["published"]))
    out = []
    for r in records:
        known = sorted(days[str(r["story"])])
        out.append(r if r.get("published") or not known else {**r, "published": known[0]})
    return out


def _text(r: Record) -> str:
    return f"{r.get('title') or ''}\n{r.get('text') or ''}"


def _cosines(texts: list[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.metrics.pairwise import cosine_similarity  # type: ignore[import-untyped]

    return cosine_similarity(TfidfVectorizer(sublinear_tf=True).fit_transform(texts))


class Vectors:
    """Word vectors and named entities from a spaCy pipeline directory."""

    def __init__(self, path: Path) -> None:
        import spacy  # type: ignore[import-not-found]

        self.nlp = spacy.load(path)

    def read(self, records: Sequence[Record]) -> tuple[Any, list[set[str]]]:
        """(unit document vectors, centred; each record's entity names)."""
        import numpy as np

        docs = list(self.nlp.pipe([_text(r) for r in records], batch_size=64))
        kinds = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC", "LAW"}
        ents = [{e.text.lower() for e in d.ents if e.label_ in kinds} for d in docs]
        matrix = np.array([d.vector for d in docs], dtype=float)
        matrix -= matrix.mean(axis=0)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1, norms), ents


def curve(similarity: Any, records: Sequence[Record], bcubed: Bcubed) -> list[tuple[float, PRF]]:
    """B-cubed at each threshold of average-linkage clustering over ``1 - similarity``."""
    import numpy as np

    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    gold = {str(r["id"]): str(r["story"]) for r in records}
    ids = [str(r["id"]) for r in records]
    return [
        (t, bcubed(dict(zip(ids, map(str, baseline_labels(distance, t)), strict=True)), gold))
        for t in THRESHOLDS
    ]


def best(points: list[tuple[float, PRF]]) -> tuple[float, PRF]:
    return max(points, key=lambda item: item[1][2])


def pair_features(records: Sequence[Record], vectors: Vectors | None) -> tuple[Any, Any]:
    """(features of every pair, same-story labels), pairs in row-major order."""
    import numpy as np

    both = _cosines([_text(r) for r in records])
    titles = _cosines([str(r.get("title") or "") for r in records])
    bodies = _cosines([str(r.get("text") or "") for r in records])
    names = [set(_NAME.findall(_text(r))) for r in records]
    figures = [set(_FIGURE.findall(str(r.get("text") or ""))) for r in records]
    days = [
        date.fromisoformat(str(r["published"])[:10]) if r.get("published") else None
        for r in records
    ]
    sims, ents = vectors.read(records) if vectors else (None, None)
    rows: list[list[float]] = []
    same: list[bool] = []
    n = len(records)
    for a in range(n):
        for b in range(a + 1, n):
            shared = names[a] & names[b]
            da, db = days[a], days[b]
            row = [
                float(both[a, b]),
                float(titles[a, b]),
                float(bodies[a, b]),
                float(len(shared)),
                len(shared) / (len(names[a] | names[b]) or 1),
                float(len(figures[a] & figures[b])),
                float(abs((da - db).days)) if da and db else -1.0,
            ]
            if sims is not None and ents is not None:
                row.append(float(sims[a] @ sims[b]))
                row.append(len(ents[a] & ents[b]) / (len(ents[a] | ents[b]) or 1))
            rows.append(row)
            same.append(records[a]["story"] == records[b]["story"])
    return np.array(rows), np.array(same)


def as_matrix(values: Any, n: int) -> Any:
    import numpy as np

    out = np.eye(n)
    iu = np.triu_indices(n, k=1)
    out[iu] = values
    out.T[iu] = values
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spacy-model", type=Path, help="a spaCy pipeline directory with vectors")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found")
        return 0
    from sklearn.ensemble import HistGradientBoostingClassifier  # type: ignore[import-untyped]

    bcubed: Bcubed = scorer().bcubed
    records = load()
    gold = {str(r["id"]): str(r["story"]) for r in records}
    dated = story_dated(records)
    n_own = sum(1 for r in records if r.get("published"))
    print(f"AllSides dev: {len(records)} articles, {n_own} dated by their URL")
    print(f"engine: {fmt(bcubed(engine(records), gold))}")
    n_dated = sum(1 for r in dated if r.get("published"))
    print(f"engine, story dates on {n_dated} articles (oracle): {fmt(bcubed(engine(dated), gold))}")

    vectors = Vectors(args.spacy_model) if args.spacy_model else None
    tfidf = _cosines([_text(r) for r in records])
    t, prf = best(curve(tfidf, records, bcubed))
    print(f"all pairs, TF-IDF, best threshold {t}: {fmt(prf)}")
    if vectors is not None:
        unit, _ = vectors.read(records)
        sims = unit @ unit.T
        t, prf = best(curve(sims, records, bcubed))
        print(f"all pairs, word vectors, best threshold {t}: {fmt(prf)}")
        for w in (0.7, 0.9):
            t, prf = best(curve(w * tfidf + (1 - w) * sims, records, bcubed))
            print(
                f"all pairs, {w} TF-IDF + {1 - w:.1f} word vectors, best threshold {t}: {fmt(prf)}"
            )

    fit = [r for r in records if half_of(str(r["story"])) == "fit"]
    test = [r for r in records if half_of(str(r["story"])) == "test"]
    x_fit, y_fit = pair_features(fit, vectors)
    x_test, _ = pair_features(test, vectors)
    model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=0)
    model.fit(x_fit, y_fit)
    on_fit = curve(as_matrix(model.predict_proba(x_fit)[:, 1], len(fit)), fit, bcubed)
    chosen = best(on_fit)[0]
    on_test = curve(as_matrix(model.predict_proba(x_test)[:, 1], len(test)), test, bcubed)
    at_chosen = next(p for t, p in on_test if t == chosen)
    t, prf = best(on_test)
    tf_t, tf_prf = best(curve(_cosines([_text(r) for r in test]), test, bcubed))
    what = "lexical + vectors + entities" if vectors else "lexical"
    lines = [
        (f"pair model ({what}), fit half -> test half, threshold {chosen}", at_chosen),
        (f"pair model ({what}), test half, best threshold {t}", prf),
        (f"all pairs, TF-IDF, test half, best threshold {tf_t}", tf_prf),
    ]
    for name, figures in lines:
        print(f"{name}: {fmt(figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
