"""Ingest: every kind of bad input is reported with its file and reason; the rest goes on."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import Limits, Skipped, read_inputs
from newsprism.models import RawRecord


def _split(items: list[object]) -> tuple[list[RawRecord], list[InputError], list[Skipped]]:
    recs = [i for i in items if isinstance(i, RawRecord)]
    errs = [i for i in items if isinstance(i, InputError)]
    skips = [i for i in items if isinstance(i, Skipped)]
    return recs, errs, skips


def test_reads_folder_recursively_in_sorted_order(corpus: Path) -> None:
    recs, errs, _ = _split(list(read_inputs([corpus])))
    assert not errs
    names = [Path(r.source).name for r in recs]
    assert names == ["election.txt", "flood-a.txt", "flood-b.txt", "flood-reprint.txt"]
    assert all(r.kind == "text" for r in recs)
    assert recs[0].key == "election.txt"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("notes.pdf", b"%PDF-1.4 ...", "unknown file type"),
        ("broken.json", b'{"title": "x", ', "not valid JSON"),
        ("fake.html.gz", b"<html>not gzip</html>", "not gzip"),
    ],
)
def test_bad_file_named_explicitly_is_an_error(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _, errs, _ = _split(list(read_inputs([path])))
    assert len(errs) == 1
    assert errs[0].source == str(path)
    assert reason in errs[0].reason


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (err,) = list(read_inputs([missing]))
    assert isinstance(err, InputError)
    assert err.source == str(missing)
    assert "no such file" in err.reason


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a 50 MB file, sparse on most file systems
        fh.truncate(50 * 1024 * 1024)
    (err,) = list(read_inputs([big]))
    assert isinstance(err, InputError)
    assert "too large" in err.reason


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb") as fh:
        chunk = b"<p>" + b"a" * (1024 * 1024) + b"</p>"
        for _ in range(30):  # 30 MB of HTML, compressed to a few dozen KB
            fh.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    (err,) = list(read_inputs([bomb], Limits(max_article_bytes=10 * 1024 * 1024)))
    assert isinstance(err, InputError)
    assert "gzip bomb" in err.reason


def test_gzip_html_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress("<html><p>Grüße</p></html>".encode()))
    (rec,) = list(read_inputs([page]))
    assert isinstance(rec, RawRecord)
    assert rec.kind == "html"
    assert "Grüße" in rec.content
    assert rec.key == "page.html.gz"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Headline\n\nBody text here.")
    path.chmod(0)
    (err,) = list(read_inputs([path]))
    assert isinstance(err, InputError)
    assert "permission denied" in err.reason


def test_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file, so simulate the permission error the OS would raise.
    path = tmp_path / "locked.txt"
    path.write_text("Headline\n\nBody text here.")
    real_open = open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)
    (err,) = list(read_inputs([path]))
    assert isinstance(err, InputError)
    assert err.source == str(path)
    assert "permission denied" in err.reason


def test_broken_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "One", "text": "First body.", "published": "2024-05-01"}),
        '{"id": "a2", "title": ',
        json.dumps({"url": "https://example.org/x", "text": "Third body."}),
        json.dumps({"text": "Fourth body, no id nor url."}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recs, errs, _ = _split(list(read_inputs([path])))
    assert [r.source for r in recs] == [
        f"{path}#a1",
        f"{path}#https://example.org/x",
        f"{path}#4",
    ]
    assert recs[0].published is not None and recs[0].published.isoformat() == "2024-05-01"
    assert recs[0].title == "One"
    assert [e.source for e in errs] == [f"{path}#2", f"{path}#5"]
    assert "not valid JSON" in errs[0].reason


def test_json_list_and_html_record(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"id": 7, "html": "<p>x</p>", "outlet": "The Wire"}]))
    (rec,) = list(read_inputs([path]))
    assert isinstance(rec, RawRecord)
    assert rec.kind == "html" and rec.outlet == "The Wire" and rec.source.endswith("#7")


def test_non_article_files_in_a_folder_are_skipped_not_failed(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# notes")
    (tmp_path / "annotations.json").write_text(json.dumps({"about": "gold data", "n": 3}))
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nnot read")
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    recs, errs, skips = _split(list(read_inputs([tmp_path])))
    assert len(recs) == 1 and not errs
    assert sorted(Path(s.source).name for s in skips) == ["README.md", "annotations.json"]


def test_encodings_detected_not_assumed(tmp_path: Path) -> None:
    text = "Déclaration du ministre à Genève : « nous réévaluerons la sécurité »\n\n" * 3
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    recs, errs, _ = _split(list(read_inputs([tmp_path])))
    assert not errs
    for rec in recs:
        assert "Déclaration" in rec.content and "Genève" in rec.content


def test_mojibake_repaired(tmp_path: Path) -> None:
    original = "The mayor’s final offer — café owners said no, “never again.\n"
    broken = original.encode("utf-8").decode("cp1252")  # UTF-8 read as Windows-1252 upstream
    (tmp_path / "m.txt").write_text(broken, encoding="utf-8")
    (rec,) = list(read_inputs([tmp_path / "m.txt"]))
    assert isinstance(rec, RawRecord)
    assert rec.content == original
