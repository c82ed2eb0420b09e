"""The engine's quantity reading on NewsQuant, scored by ``score.py quantities``.

NewsQuant (Almasian et al., EMNLP 2023; ``../shared/benchmarks/numbers/newsquant.json``)
holds 590 news sentences with 904 quantities. This script reads each sentence
with :func:`newsprism.analysis.quantities.quantities`, writes the predictions in
NewsQuant's own format (aligned with the gold list) and runs the scorer on
all of it and on each half (a stable hash of the sentence text), so a rule
developed on one half is checked on the other.

    .venv/bin/python benchmarks/newsquant.py [--shared ../shared] [--show N]

Exits 0 with a note when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsprism.analysis.quantities import Quantity, quantities

ROOT = Path(__file__).resolve().parent.parent

# NewsQuant writes a vague amount as the decade of its scale ("millions" is
# 1,000,000-10,000,000, "dozens" 12-120); the report contract reads them
# narrower ("hundreds" is [200, 999]). Only the output format differs.
_NEWSQUANT_VAGUE = {
    "dozens": (12, 120),
    "scores": (20, 200),
    "hundreds": (100, 1000),
    "thousands": (1000, 10_000),
    "many thousands": (1000, 10_000),
    "tens of thousands": (10_000, 100_000),
    "hundreds of thousands": (100_000, 1_000_000),
    "millions": (1_000_000, 10_000_000),
    "tens of millions": (10_000_000, 100_000_000),
    "hundreds of millions": (100_000_000, 1_000_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
}


def half_of(text: str) -> int:
    """0 or 1: a stable split of the sentences."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 2


def as_newsquant(sentence: str, q: Quantity) -> dict[str, Any]:
    if q.vague:
        span = sentence[q.start : q.end].lower()
        key = max((k for k in _NEWSQUANT_VAGUE if k in span), key=len)
        low, high = _NEWSQUANT_VAGUE[key]
        value = f"{low}-{high}"
    elif q.high is not None:
        value = f"{q.value}-{q.high}"
    else:
        value = str(q.value)
    written = q.unit_text or q.noun or "-"
    return {
        "change": q.change,
        "value": value,
        "unit": written,
        "normalized_unit": q.unit or written,
    }


def predict(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in gold:
        text = str(item["text"])
        out.append({"text": text, "quantities": [as_newsquant(text, q) for q in quantities(text)]})
    return out


def score(scorer: Path, pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        p, g = Path(tmp) / "pred.json", Path(tmp) / "gold.json"
        p.write_text(json.dumps(pred), encoding="utf-8")
        g.write_text(json.dumps(gold), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(scorer), "quantities", str(p), str(g)],
            capture_output=True,
            text=True,
            check=True,
        )
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="print N sentences with errors")
    ap.add_argument("--out", type=Path, help="also write the predictions here")
    args = ap.parse_args(argv)
    path = args.shared / "benchmarks" / "numbers" / "newsquant.json"
    if not path.is_file():
        print(f"no {path}: nothing to measure")
        return 0
    gold = json.loads(path.read_text(encoding="utf-8"))
    pred = predict(gold)
    if args.out:
        args.out.write_text(json.dumps(pred, indent=1), encoding="utf-8")
    scorer = args.shared / "eval" / "score.py"
    for name in ("half 0", "half 1"):
        h = int(name[-1])
        idx = [i for i, g in enumerate(gold) if half_of(str(g["text"])) == h]
        last = score(scorer, [pred[i] for i in idx], [gold[i] for i in idx]).splitlines()[-1]
        print(f"{name} ({len(idx)} sentences): {last}")
    print(score(scorer, pred, gold).rstrip())
    shown = 0
    for g_item, p_item in zip(gold, pred, strict=True):
        if shown >= args.show:
            break
        g_vals = sorted(str(q["value"]) for q in g_item["quantities"])
        p_vals = sorted(str(q["value"]) for q in p_item["quantities"])
        if _floats(g_vals) != _floats(p_vals):
            shown += 1
            print("*", g_item["text"])
            print("   gold", [(q["value"], q["change"], q["unit"]) for q in g_item["quantities"]])
            print("   pred", [(q["value"], q["change"], q["unit"]) for q in p_item["quantities"]])
    return 0


def _floats(values: list[str]) -> list[str]:
    out = []
    for v in values:
        try:
            out.append(f"{float(v):g}")
        except ValueError:
            parts = v.replace(" ", "").split("-")
            out.append("-".join(f"{float(x):g}" for x in parts if x))
    return sorted(out)


if __name__ == "__main__":
    raise SystemExit(main())
