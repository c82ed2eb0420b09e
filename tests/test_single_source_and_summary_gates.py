"""Gates on the single-source and summary sections, on the example and on shared data.

- The example (examples/, in the repository): its single-source list was read
  sentence by sentence; the lines that are no one outlet's fact (a credit, a
  correction notice, a helpline, ledes and facts other outlets tell in other
  words) must stay out, the checkable ones read as single-source must stay in.
- AllSides 2021 dev (../shared, skipped when absent): the summary of each gold
  story analysed alone, ROUGE against the editors' roundups with the shared
  scorer's own functions. The floors are what was measured when they were set
  (benchmarks/summaries_allsides.py runs the real pipeline and the baselines;
  this gate builds the articles straight from the records, a little lower).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsprism.analysis.summary import summary_section
from newsprism.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
STORIES = SHARED / "benchmarks" / "stories"


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from newsprism.cli import main

    tmp = tmp_path_factory.mktemp("example")
    out = tmp / "r.json"
    assert (
        main(["analyze", str(ROOT / "examples"), "--db", str(tmp / "e.db"), "--json", str(out)])
        == 0
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _exclusive_texts(report: dict[str, Any]) -> list[str]:
    return [e["text"] for st in report["stories"] for e in st.get("exclusive", [])]


@pytest.mark.parametrize(
    "wrong",
    [
        "Reporting by",  # a wire credit
        "This article was amended",  # a correction notice
        "helpline",  # a contact line
        "Some 280 people were evacuated",  # the evacuation, told by every outlet
        "Fourteen wagons of the Norvale Freight service came off",  # the derailment
        "More than a dozen wagons came off the rails",
        "Lessen Water says tap water",  # a lede the Courier tells through its spokesman
        "The regional transport minister, Edda Morrow, visited",  # told by two outlets
        "Carrowick will get a new central library",  # the vote, told by both outlets
        "The existing library on Gaunt Row",  # the Gazette tells it too
    ],
)
def test_example_single_source_leaves_out(example_report: dict[str, Any], wrong: str) -> None:
    assert not any(wrong in t for t in _exclusive_texts(example_report))


@pytest.mark.parametrize(
    "right",
    [
        "Lead inspector Samuel Achterberg",
        "Oskerby town councillor Marguerite Lyle",
        "withdrawn 22 tank wagons",
        "Shanice Corbell, 34",
        "Halverston architects Quillan & Thorne",
        "more than 3,000 signatures",
    ],
)
def test_example_single_source_keeps(example_report: dict[str, Any], right: str) -> None:
    assert any(right in t for t in _exclusive_texts(example_report))


def test_example_summary_cites_several_outlets_first(example_report: dict[str, Any]) -> None:
    for st in example_report["stories"]:
        summary = st["summary"]
        assert summary
        assert len(summary[0]["sources"]) >= 2, summary[0]


# Measured (direct articles, scorer's ROUGE, each story alone): ROUGE-1 0.438,
# ROUGE-2 0.174 over the 372 stories after the learned rank and the coverage
# of word pairs (benchmarks/summaries_allsides.py: fit half 0.444/0.180, test
# 0.431/0.167); 0.429/0.164 before. Lowered on purpose to 0.436 / 0.173 (fit
# 0.442/0.179, test 0.428/0.165) when sentences in a column's own voice ("As
# usual, the media ... are exaggerating", "we should be thankful") were kept
# out of the summary: 38 such sentences of 2,417 were shown as neutral
# summary; the stories made of columns have little else to say, so their
# summaries got shorter. A little below, for the float sums' order.
ROUGE1_FLOOR = 0.435
ROUGE2_FLOOR = 0.172


@pytest.mark.skipif(
    not (STORIES / "allsides-2021-dev.roundups.jsonl").is_file(), reason="../shared is absent"
)
def test_allsides_summaries_gate() -> None:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    refs = {}
    with (STORIES / "allsides-2021-dev.roundups.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                refs[d["story"]] = d["roundup"]
    stories: dict[str, list[Article]] = {}
    with (STORIES / "allsides-2021-dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            published = date.fromisoformat(r["published"]) if r.get("published") else None
            stories.setdefault(r["story"], []).append(
                Article(
                    id=r["id"],
                    source=r["id"],
                    text=r["text"],
                    title=r.get("title"),
                    outlet=r.get("outlet"),
                    published=published,
                )
            )
    r1 = r2 = 0.0
    for sid, ref in refs.items():
        arts = sorted(stories[sid], key=lambda a: (a.published is None, a.published, a.id))
        ref_t = score.words(ref)
        hyp_t = score.words(" ".join(s["text"] for s in summary_section(arts)))[: len(ref_t)]
        r1 += score._rouge_n(ref_t, hyp_t, 1)
        r2 += score._rouge_n(ref_t, hyp_t, 2)
    r1, r2 = r1 / len(refs), r2 / len(refs)
    assert r1 >= ROUGE1_FLOOR, (r1, r2)
    assert r2 >= ROUGE2_FLOOR, (r1, r2)
