"""Quotes and speakers on a PolNeAR split, with the precision of the speakers shown.

Runs ``newsprism analyze`` on ``../shared/benchmarks/quotes/polnear-SPLIT/text``
into a temporary folder and prints the lines of ``score.py quotes`` (recall,
precision, F1, speaker accuracy: a quotation shown with no speaker counts as
wrong there) and one line more: of the found quotations shown with a speaker,
the share whose speaker is right (the scorer's own match), i.e. how far a
speaker on the page can be trusted.

    .venv/bin/python benchmarks/quotes_polnear.py [--split dev|train] [--shared ../shared]

Exits 0 with a note when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsprism.cli import main as newsprism_main
from scraped_split import scorer

ROOT = Path(__file__).resolve().parent.parent


# Words the scorer drops from a gold source before matching.
_UNNAMING = frozenset(["the", "a", "an", "mr", "ms", "mrs", "he", "she", "they"])


def speaker_precision(report: dict[str, Any], folder: Path, shared: Path) -> tuple[int, int, int]:
    """(found, shown with a speaker, right) over the split's gold quotations."""
    score = scorer(shared)
    words = score.words
    by_stem = {score.key_of(a["source"]).removesuffix(".txt"): a["id"] for a in report["articles"]}
    shown_in: dict[str, list[tuple[set[str], str | None, str | None]]] = defaultdict(list)
    for story in report["stories"]:
        for entry in story.get("quotes") or []:
            for v in entry["variants"]:
                shown_in[v["article"]].append(
                    (set(words(v["text"])), entry["speaker"], v["speaker_text"])
                )
    found = with_speaker = right = 0
    for stem, items in score._polnear_gold(folder).items():
        mine = shown_in.get(by_stem.get(stem, ""), [])
        for item in items:
            want = set(words(item["content"]))
            for have, speaker, speaker_text in mine:
                if have and want and len(want & have) / min(len(want), len(have)) >= 0.6:
                    found += 1
                    if speaker:
                        with_speaker += 1
                        # The scorer's match: a word of the gold source in ours.
                        source = set(words(item["source"])) - _UNNAMING
                        said = set(words(speaker_text)) | set(words(speaker))
                        right += bool(source & said or not source)
                    break
    return found, with_speaker, right


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    folder = args.shared / "benchmarks" / "quotes" / f"polnear-{args.split}"
    if not folder.is_dir():
        print(f"{folder} is absent: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        argv_run = ["analyze", str(folder / "text"), "--db", str(Path(tmp) / "q.db")]
        with contextlib.redirect_stdout(io.StringIO()):
            if newsprism_main([*argv_run, "--json", str(out)]) != 0:
                raise SystemExit("newsprism analyze failed")
        done = subprocess.run(
            [
                sys.executable,
                str(args.shared / "eval" / "score.py"),
                "quotes",
                str(out),
                str(folder),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
    found, with_speaker, right = speaker_precision(report, folder, args.shared)
    lines = done.stdout.splitlines()
    print("\n".join(lines[:-1]))
    print(
        f"found {found}, shown with a speaker {with_speaker}, right {right}: "
        f"speaker precision {right / max(1, with_speaker):.3f}"
    )
    print(lines[-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
