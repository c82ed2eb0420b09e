"""Hostile and broken inputs: each is reported and the run goes on (issue 18).

Every case of the catalogue sits beside a good file: the good file is
stored, the bad one is reported by name with its reason (or, where the
input is usable once made safe, stored safely), the exit status says
whether anything failed, and no traceback is printed. Then: two writers
on one database, and terminal output free of control characters and
markup effects.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.cli import main
from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources.files import read_inputs
from newsprism.sources.items import Limits, Skipped

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOOD = "oskerby-today_train-derails.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding one good article."""
    path = tmp_path / "in"
    path.mkdir()
    (path / GOOD).write_bytes((EXAMPLES / GOOD).read_bytes())
    return path


@pytest.fixture(autouse=True)
def _time_limit() -> Iterator[None]:
    """A case that hangs (a FIFO opened for reading) fails instead of blocking the suite."""

    def expire(*_: object) -> None:
        raise TimeoutError("the case did not finish in 60 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _analyze(
    capsys: pytest.CaptureFixture[str], db: Path, *paths: Path, extra: tuple[str, ...] = ()
) -> tuple[int, str, str]:
    code = main(["analyze", *map(str, paths), "--db", str(db), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _sources(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT source FROM article ORDER BY seq")]


def _deny(monkeypatch: pytest.MonkeyPatch, name: str, denied: Path) -> None:
    """Make ``os.<name>`` fail on ``denied`` as for a user without permission.

    The tests may run as root, who may read and list anything.
    """
    real = getattr(os, name)

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(denied):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def _good_stored(db: Path) -> None:
    assert any(s.endswith(GOOD) for s in _sources(db))


# ---------------------------------------------------------------- reported, run goes on


def _deep(n: int) -> str:
    return "[" * n + "]" * n


REPORTED = {
    "deep.json": (_deep(100_000), "nested more than"),
    "bigint.json": ("9" * 5000, "holds no article records"),
    "notjson.jsonl": ("{oops\n", "not valid JSON"),
    "empty.txt": ("", "empty"),
    "binary.txt": ("\x00\x01\x02" * 100, "binary"),
}


@pytest.mark.parametrize("name", sorted(REPORTED))
def test_bad_file_is_reported_and_the_good_one_stored(
    name: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, reason = REPORTED[name]
    bad = tmp_path / name  # named on the command line, after the good folder
    bad.write_text(content)
    code, _, err = _analyze(capsys, tmp_path / "n.db", folder, bad)
    assert code == 1
    assert name in err and reason in err
    _good_stored(tmp_path / "n.db")


def test_repairable_records_are_stored_safely(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usable once made safe: a lone surrogate, a 5,000-digit id, a far date, a broken URL."""
    body = "The council will vote tomorrow on the new budget, officials said on Monday. " * 3
    (folder / "odd.jsonl").write_text(
        '{"id":"s","title":"lone \\ud800","text":"some words here and more words"}\n'
        + json.dumps({"id": "d", "title": "Vote", "published": "9999-12-31", "text": body})
        + "\n"
        + json.dumps({"id": "u", "title": "Link", "url": "http://[oops", "text": body + "x"})
        + "\n"
    )
    (folder / "long-id.json").write_text(
        '{"id": ' + "7" * 5000 + ', "title": "Numbers", "text": "' + body + 'y"}'
    )
    db = tmp_path / "n.db"
    code, _, err = _analyze(capsys, db, folder, extra=("--json", str(tmp_path / "r.json")))
    assert code == 0, err
    report = json.loads((tmp_path / "r.json").read_text())
    by_source = {
        Path(a["source"].split("#")[0]).name + "#" + a["source"].partition("#")[2]: a
        for a in report["articles"]
    }
    assert by_source["odd.jsonl#s"]["title"] == "lone \ufffd"
    assert by_source["odd.jsonl#d"]["published"] is None  # 9999-12-31 is dropped, not used
    assert by_source["odd.jsonl#u"]["url"] is None
    assert any(k.startswith("long-id.json#7777") for k in by_source)
    story = by_source["odd.jsonl#d"]["story"]
    assert main(["show", story, "--db", str(db)]) == 0
    assert main(["export", "--html", str(tmp_path / "r.html"), "--db", str(db)]) == 0
    assert "Traceback" not in "".join(capsys.readouterr())


def test_a_stored_out_of_range_date_cannot_break_show_or_export(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "n.db"
    _analyze(capsys, db, folder)
    with sqlite3.connect(db) as conn:  # as a database written before dates were checked
        conn.execute("UPDATE article SET published = '9999-12-31'")
        story = conn.execute("SELECT story FROM article").fetchone()[0]
    assert main(["show", story, "--db", str(db)]) == 0
    assert main(["stories", "--db", str(db)]) == 0
    assert main(["export", "--json", str(tmp_path / "r.json"), "--db", str(db)]) == 0
    assert "Traceback" not in "".join(capsys.readouterr())
    assert json.loads((tmp_path / "r.json").read_text())["articles"][0]["published"] is None


def test_special_files_are_refused_without_opening(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    named = tmp_path / "named.jsonl"
    os.mkfifo(named)
    code, _, err = _analyze(capsys, tmp_path / "n.db", folder, named)
    assert code == 1
    assert "skipped: " + str(fifo) in err and "FIFO" in err
    assert f"error: {named}: not a regular file but a FIFO" in err
    _good_stored(tmp_path / "n.db")


def test_symlink_loops_and_unreadable_folders_are_named_with_their_reason(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "loop").symlink_to(folder)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    locked = folder / "locked"
    locked.mkdir()
    _deny(monkeypatch, "scandir", locked)
    items = list(read_inputs([folder, tmp_path / "self"]))
    errors = {e.source: e.reason for e in items if isinstance(e, InputError)}
    assert errors[str(folder / "loop")].startswith("a symbolic link loop")
    assert errors[str(tmp_path / "self")] == "a symbolic link loop"
    assert "permission denied" in errors[str(locked)]
    assert sum(isinstance(i, RawRecord) for i in items) == 1


def test_unreadable_file_named_is_reported_and_the_rest_read(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Headline\n\nBody.")
    _deny(monkeypatch, "open", locked)
    code, _, err = _analyze(capsys, tmp_path / "n.db", locked, folder)
    assert code == 1 and f"{locked}: permission denied" in err
    _good_stored(tmp_path / "n.db")


def test_limits_hold_inside_containers_and_compressed_streams(tmp_path: Path) -> None:
    small = Limits(max_article_bytes=2000, max_json_bytes=50_000, max_html_elements=100)
    good = {"id": "g", "title": "Good", "text": "A short article body."}
    (tmp_path / "big.json").write_text(
        json.dumps([good, {"id": "big", "title": "Big", "text": "x" * 5000}])
    )
    (tmp_path / "tags.jsonl").write_text(
        json.dumps({"id": "t", "html": "<p>a</p>" * 200}) + "\n" + json.dumps(good) + "\n"
    )
    line = json.dumps({"id": "z", "text": "word " * 100}) + "\n"
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress((line * 1000).encode()))
    (tmp_path / "page.html").write_text("<p>x</p>" * 200)
    items = list(read_inputs([tmp_path], small))
    errors = {e.source.rsplit("/", 1)[-1]: e.reason for e in items if isinstance(e, InputError)}
    assert "too large" in errors["big.json#big"]
    assert "too many HTML elements" in errors["tags.jsonl#t"]
    assert "gzip bomb" in errors["bomb.jsonl.gz"]
    assert "too many HTML elements" in errors["page.html"]
    stored = [i.source.rsplit("/", 1)[-1] for i in items if isinstance(i, RawRecord)]
    assert "big.json#g" in stored and "tags.jsonl#g" in stored
    # The bomb stops at the cap: the records before it stand, the rest is not read.
    assert 0 < sum(s.startswith("bomb.jsonl.gz") for s in stored) < 1000


def test_utf16_without_bom_and_japanese_are_articles(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = (EXAMPLES / "valley-post_inquiry-ordered.txt").read_text()
    (folder / "utf16.txt").write_bytes(english.encode("utf-16-le"))
    japanese = (Path(__file__).parent / "fuzz_corpus" / "japanese.txt").read_text()
    (folder / "sjis.txt").write_bytes(japanese.encode("shift_jis"))
    code, _, err = _analyze(capsys, tmp_path / "n.db", folder)
    assert code == 0, err
    assert {Path(s).name for s in _sources(tmp_path / "n.db")} >= {"utf16.txt", "sjis.txt"}


def test_database_problems_are_one_line(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "n.db"
    db.write_bytes(b"not a database" * 100)
    code, _, err = _analyze(capsys, db, folder)
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1

    real_exists = Path.exists

    def exists(self: Path) -> bool:  # a folder we may not enter (root enters any)
        if self.name == "hidden.db":
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", exists)
    assert main(["stories", "--db", str(tmp_path / "hidden.db")]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the database" in err and "Traceback" not in err


# ---------------------------------------------------------------- terminal output

HOSTILE_TITLE = "[/] \x1b]0;pwned\x07\x1b[2J [link=javascript:alert(1)]click[/link] \u202eevil"


def test_terminal_output_has_no_controls_and_no_markup_effects(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (EXAMPLES / "carrowick-gazette_library-vote.txt").read_text()
    (folder / "evil.jsonl").write_text(
        json.dumps({"id": "[/x]", "title": "[bold]no text[/bold]\x1b[31m"})  # fails: no text
        + "\n"
        + json.dumps(
            {
                "id": "e\x1b[2J",
                "title": HOSTILE_TITLE,
                "outlet": "[red]Out\x1b]8;;x\x1b\\",
                "text": body,
            }
        )
        + "\n"
    )
    (folder / "name\x1b]0;t\x07.txt").write_text("")
    db = tmp_path / "n.db"
    code = main(["analyze", str(folder), "--db", str(db)])
    outputs = [capsys.readouterr()]
    with sqlite3.connect(db) as conn:
        story = conn.execute("SELECT story FROM article WHERE title LIKE '[/]%'").fetchone()[0]
    for argv in (["stories"], ["show", story], ["show", "[/nope]\x1b[2J"]):
        main([*argv, "--db", str(db)])
        outputs.append(capsys.readouterr())
    assert code == 1
    printed = "".join(o.out + o.err for o in outputs)
    assert "Traceback" not in printed
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in printed
    # Markup was printed as text, not read: the tags are there, in brackets.
    assert "[link=javascript:alert(1)]click[/link]" in printed
    assert "[bold]no text[/bold]" in printed
    assert "[/nope]" in printed  # in the "no story" error line


# ---------------------------------------------------------------- one writer at a time

_RUN = """
import sys
from pathlib import Path
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
analyze([sys.argv[1]], AnalyzeOptions(db=Path(sys.argv[2]), batch_size=5))
"""


def _state(db: Path) -> tuple[object, ...]:
    with sqlite3.connect(db) as conn:
        articles = sorted(conn.execute("SELECT id, duplicate_of, story FROM article"))
        cluster = sorted(conn.execute("SELECT kind, key, value FROM cluster_state"))
    return tuple(articles), tuple(cluster)


def test_two_runs_at_once_give_the_one_run_result(tmp_path: Path) -> None:
    from conftest import load_synth

    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as fh:
        for r in load_synth().generate(120, seed=3):
            record = {"id": r.key, "title": r.title, "text": r.content, "outlet": r.outlet}
            record["published"] = r.published.isoformat() if r.published else None
            fh.write(json.dumps(record) + "\n")
    one = tmp_path / "one.db"
    subprocess.run([sys.executable, "-c", _RUN, str(feed), str(one)], check=True, timeout=120)
    both = tmp_path / "both.db"
    procs = [subprocess.Popen([sys.executable, "-c", _RUN, str(feed), str(both)]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert _state(both) == _state(one)


def test_no_wait_stops_with_a_message_while_another_run_writes(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsprism.store import writer_lock

    db = tmp_path / "n.db"
    fd = writer_lock(str(db))  # as another run would hold it
    try:
        code, _, err = _analyze(capsys, db, folder, extra=("--no-wait",))
    finally:
        os.close(fd)
    assert code == 1 and "another newsprism run is adding to this database" in err
    code, _, _ = _analyze(capsys, db, folder, extra=("--no-wait",))
    assert code == 0


def test_hidden_entries_are_passed_over_and_unknown_types_skipped(folder: Path) -> None:
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "notes.md").write_text("# notes")
    items = list(read_inputs([folder]))
    assert [type(i) for i in items] == [Skipped, RawRecord]


def test_a_database_we_may_not_write_is_read_read_only(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsprism.store import SQLiteStore

    db = tmp_path / "n.db"
    _analyze(capsys, db, folder)

    def refuse(cls: type[SQLiteStore], shown: str, lock: int | None) -> SQLiteStore:
        # Root writes any file: raise what SQLite says to a user without write access.
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(SQLiteStore, "_connect", classmethod(refuse))
    assert main(["stories", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "Freight train derails" in listing
    code, _, err = _analyze(capsys, db, folder)  # a writer cannot fall back
    assert code == 1 and err.startswith("error: ") and "readonly" in err


def test_an_input_error_survives_pickling_to_a_worker_and_back() -> None:
    import pickle

    from newsprism.errors import InputError

    back = pickle.loads(pickle.dumps(InputError("a.html", "an empty page")))
    assert (back.source, back.reason, str(back)) == (
        "a.html",
        "an empty page",
        "a.html: an empty page",
    )
