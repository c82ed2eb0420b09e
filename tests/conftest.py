"""Shared fixtures: invented articles and the location of ../shared."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run: a run that lands (CI)
# must not fail on a case a random draw happens to find that day. Random
# exploration is the fuzz harness's job (benchmarks/fuzz.py --random), and a
# case it finds becomes an @example here. (A random draw in CI found that
# compiled str.lower() lowers a final sigma unlike CPython: see
# tests/test_sitename.py.)
settings.register_profile("newsprism", derandomize=True)
settings.load_profile("newsprism")

SHARED = Path(__file__).resolve().parents[2] / "shared"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


def load_synth() -> ModuleType:
    """The benchmarks' synthetic corpus generator (benchmarks/ is scripts, not a package)."""
    name = "newsprism_bench_synth"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


def _article(headline: str, *paragraphs: str) -> str:
    return headline + "\n\n" + "\n\n".join(textwrap.fill(p, 200) for p in paragraphs) + "\n"


FLOOD_A = _article(
    "River Aln bursts its banks, forcing hundreds from homes in Marrowby",
    "Hundreds of residents of Marrowby were evacuated on Tuesday after the River Aln burst its "
    "banks following three days of heavy rain, the county emergency service said.",
    "Water reached the first floor of houses along Quay Street, and the fire brigade used boats "
    "to reach families trapped upstairs. No injuries were reported by Tuesday evening.",
    "“We have never seen the river this high,” said Hana Lindqvist, who has run a bakery on the "
    "quay for twenty years. The council opened the sports hall as a shelter for 340 people.",
)
FLOOD_B = _article(
    "Marrowby evacuated as flood waters rise",
    "Emergency crews in boats pulled families from upper windows in Marrowby after the Aln "
    "overflowed on Tuesday, the county emergency service reported.",
    "About 340 people spent the night in the town's sports hall. Quay Street was worst hit, with "
    "water up to the first floor of several houses after three days of rain.",
    "Baker Hana Lindqvist said the river had never been so high in her twenty years on the quay.",
)
ELECTION = _article(
    "Port Ellery mayor wins second term by 212 votes",
    "Mayor Tobias Ferrant was re-elected in Port Ellery on Sunday by a margin of 212 votes, the "
    "narrowest result in the city's history, election officials announced.",
    "Turnout was 41 percent. His challenger, councillor Mira Osei, conceded shortly after "
    "midnight and said she would ask for a recount in two districts.",
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two stories, one near-copy, and a nested folder."""
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "flood-a.txt").write_text(FLOOD_A, encoding="utf-8")
    (folder / "flood-b.txt").write_text(FLOOD_B, encoding="utf-8")
    reprint = FLOOD_A.replace(
        "River Aln bursts its banks, forcing hundreds from homes in Marrowby",
        "Hundreds flee Marrowby flood",
    ).replace("twenty years", "two decades")
    (folder / "nested" / "flood-reprint.txt").write_text(reprint, encoding="utf-8")
    (folder / "election.txt").write_text(ELECTION, encoding="utf-8")
    return folder
