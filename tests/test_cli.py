"""The command line: exit codes, messages without tracebacks, the commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.cli import main


def test_analyze_stories_show_export(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "n.db", tmp_path / "r.json"
    assert main(["analyze", str(corpus), "--db", str(db), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "4 articles added (1 copy)" in printed
    report = json.loads(out.read_text())
    assert report["format"] == "newsprism-report/1"
    assert len(report["articles"]) == 4 and len(report["stories"]) == 2

    assert main(["stories", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    flood = next(s for s in report["stories"] if len(s["articles"]) == 3)
    assert flood["id"] in listing

    assert main(["show", flood["id"], "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    copy = next(a for a in report["articles"] if a["duplicate_of"])
    original = next(a for a in report["articles"] if a["id"] == copy["duplicate_of"])
    # The copy's row names its original (no outlet in plain text: the file name).
    copy_row = next(line for line in shown.splitlines() if "flood-reprint" in line)
    assert Path(original["source"]).name in copy_row

    one = tmp_path / "one.json"
    assert main(["export", "--json", str(one), "--story", flood["id"], "--db", str(db)]) == 0
    assert len(json.loads(one.read_text())["articles"]) == 3

    page, md = tmp_path / "r.html", tmp_path / "r.md"
    assert main(["export", "--html", str(page), "--markdown", str(md), "--db", str(db)]) == 0
    assert "Port Ellery" in page.read_text() and "Port Ellery" in md.read_text()
    assert main(["export", "--db", str(db)]) == 2  # no output format asked for


def test_db_from_environment(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_DB", str(tmp_path / "env.db"))
    assert main(["analyze", str(corpus)]) == 0
    assert (tmp_path / "env.db").exists()


def test_failed_input_exits_1_and_names_the_file(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "empty.txt").write_text("")
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "n.db")]) == 1
    captured = capsys.readouterr()
    assert "empty.txt: the file is empty" in captured.err
    assert "4 articles added" in captured.out


def test_user_errors_have_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSPRISM_DB": str(tmp_path / "n.db")}
    cases = [
        (["analyze", str(tmp_path / "missing")], 1, "no such file or directory"),
        (["show", "s-nope"], 1, "no story 's-nope'"),
        (["stories", "--db", str(tmp_path / "absent.db")], 1, "no such database"),
        (["analyze"], 2, "Missing argument"),
    ]
    for args, code, message in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "newsprism.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert proc.returncode == code, (args, proc.stderr)
        assert message in proc.stderr + proc.stdout
        assert "Traceback" not in proc.stderr


def test_unknown_story(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "n.db"
    main(["analyze", str(corpus), "--db", str(db)])
    assert main(["show", "s-unknown", "--db", str(db)]) == 1
    assert "no story 's-unknown'" in capsys.readouterr().err


def test_report_files_are_readable_by_others(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "n.db"), "--json", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o644


def test_story_ids_by_unique_prefix_and_listing_options(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "n.db"
    assert main(["analyze", str(corpus), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", str(db), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 and rows[0]["articles"] >= rows[1]["articles"]
    full = rows[0]["id"]
    # The id without "s-" and cut short still names it, in show and export.
    short = full.removeprefix("s-")[:6]
    assert main(["show", short, "--db", str(db), "--no-pager"]) == 0
    assert rows[0]["title"] in capsys.readouterr().out
    out = tmp_path / "one.json"
    assert main(["export", "--json", str(out), "--story", short, "--db", str(db)]) == 0
    assert [s["id"] for s in json.loads(out.read_text())["stories"]] == [full]
    # "s-" alone names both stories: an error that lists them.
    assert main(["show", "s-", "--db", str(db)]) == 1
    assert "names several stories" in capsys.readouterr().err
    # Filters: a date range that holds no story, an outlet nobody is.
    assert main(["stories", "--db", str(db), "--json", "--until", "1990-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["stories", "--db", str(db), "--json", "--outlet", "Nobody"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["stories", "--db", str(db), "--json", "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_one_article_is_not_one_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(
        "Ferry returns\n\nThe river ferry at Lowquay returned to service on Monday after the "
        "council approved repairs worth 310,000 pounds, officials said on Tuesday."
    )
    assert main(["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "n.db")]) == 0
    out = capsys.readouterr().out
    assert "1 article added (0 copies)" in out and "1 story touched" in out


def test_analyze_partition_days(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, parted = tmp_path / "one.db", tmp_path / "parted.db"
    assert main(["analyze", str(corpus), "--db", str(one)]) == 0
    assert main(["analyze", str(corpus), "--db", str(parted), "--partition-days", "7"]) == 0
    said = capsys.readouterr().err
    assert "time-partitioned: stories of 3 articles in 1 window of 7 days, 0 rounds" in said
    assert "the stories one process finds" in said
    report = tmp_path / "r.json"
    for db in (one, parted):
        assert main(["export", "--json", str(report), "--db", str(db)]) == 0
        stories = json.loads(report.read_text())["stories"]
        assert sorted(len(s["articles"]) for s in stories) == [1, 3]
    assert main(["analyze", str(corpus), "--db", str(one), "--partition-days", "7"]) == 1
