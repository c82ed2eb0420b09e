"""Ingest: every kind of bad input is reported with its file and reason; the rest goes on."""

from __future__ import annotations

import gzip
import json
import os
import re._parser as sre  # type: ignore[import-not-found]  # no stub; the parsed regex
import sys
from pathlib import Path

import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources import items as source_items
from newsprism.sources.decode import _BAD_REACH, looks_bad
from newsprism.sources.files import read_inputs
from newsprism.sources.items import FileRead, FileStamp, Limits, Skipped, Unchanged


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
    real_open = os.open  # files are opened with os.open (no blocking on a FIFO)

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("os.open", fake_open)
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


def _needs_non_ascii(items: list[tuple[object, object]]) -> bool:
    """Whether every match of this parsed sequence holds a character above U+007F."""
    for op, av in items:
        if op is sre.LITERAL and isinstance(av, int) and av > 0x7F:
            return True
        if op is sre.IN and isinstance(av, list) and _class_is_non_ascii(av):
            return True
        if (
            op is sre.BRANCH
            and isinstance(av, tuple)
            and all(_needs_non_ascii(list(alt)) for alt in av[1])
        ):
            return True
        if op is sre.SUBPATTERN and isinstance(av, tuple) and _needs_non_ascii(list(av[-1])):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and isinstance(av, tuple):
            low, _, body = av
            if low >= 1 and _needs_non_ascii(list(body)):
                return True
    return False


def _class_is_non_ascii(items: list[tuple[object, object]]) -> bool:
    for op, av in items:
        if op is sre.LITERAL and isinstance(av, int) and av > 0x7F:
            continue
        if op is sre.RANGE and isinstance(av, tuple) and av[0] > 0x7F:
            continue
        return False  # an ASCII member, a negation or a category such as \s
    return True


def test_mojibake_search_may_skip_pure_ascii_stretches() -> None:
    # decode.looks_bad searches ftfy's regex only within _BAD_REACH characters
    # of a non-ASCII run; that is exact only while these two facts hold for
    # the installed ftfy (an upgrade that breaks them fails here).
    parsed = sre.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= _BAD_REACH
    assert _needs_non_ascii(list(parsed))
    # and the checker does see an ASCII-only alternative
    assert not _needs_non_ascii(list(sre.parse("é|ab")))
    assert not _needs_non_ascii(list(sre.parse("[a-zé]x")))


_MOJIBAKE_CHARS = "".join(
    sorted({c for chars in MOJIBAKE_CATEGORIES.values() for c in chars if c != "-"})
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=_MOJIBAKE_CHARS + "ÃÂØÙŒœ×²àВГРСЂўβ€ā√≈‚Ä", max_size=6),
            st.text(alphabet='ab Z.,?!\n\t<>/="', max_size=40),
            st.text(max_size=4),
        ),
        max_size=12,
    )
)
def test_looks_bad_agrees_with_ftfy(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert looks_bad(text) == is_bad(text)


@pytest.mark.parametrize(
    "bad",
    ["Ã© ", "cafÃ© ", "dÂ ", "a Ã ", "ГўВЂВ\x9dx", "Ã\xa0", "√±"],
)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_mojibake_is_found_anywhere_in_a_long_ascii_page(bad: str, where: str) -> None:
    markup = "<div class=x><a href='/y'>menu</a></div>\n" * 2000
    text = {"start": bad + markup, "middle": markup + bad + markup, "end": markup + bad}[where]
    assert is_bad(text)
    assert looks_bad(text)
    assert not looks_bad(markup + "caf\u00e9 \u201cquoted\u201d" + markup)


def test_mojibake_anchored_at_the_start_is_not_matched_elsewhere() -> None:
    # ftfy's "^[ÃÂ] " only means the text's start; a window that opens later
    # must not match it there.
    assert looks_bad("Â x") and is_bad("Â x")
    text = "1" * 50 + "\n\nÂ x"
    assert not is_bad(text)
    assert not looks_bad(text)


def test_a_known_stamp_stands_for_the_file_and_a_clean_read_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    (tmp_path / "b.jsonl").write_text('{"id": 1, "text": "One."}\n{"id": 2, "text": "Two."}\n')
    (tmp_path / "c.jsonl").write_text('{"id": 1, "text": "One."}\nnot json\n')
    asked: list[FileStamp] = []

    def known(stamp: FileStamp) -> int | None:
        asked.append(stamp)
        return 7 if stamp.path.endswith("a.txt") else None

    # Just written: not settled, so no FileRead marker yet.
    items = list(read_inputs([tmp_path], known=known))
    assert not any(isinstance(i, FileRead) for i in items)
    monkeypatch.setattr(source_items, "SETTLE_NS", -(10**9))
    items = list(read_inputs([tmp_path], known=known))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Unchanged", "RawRecord", "RawRecord", "FileRead", "RawRecord", "InputError"]
    assert items[0] == Unchanged(str(tmp_path / "a.txt"), 7)
    read = items[3]
    assert isinstance(read, FileRead) and read.records == 2
    assert read.stamp.path == str((tmp_path / "b.jsonl").absolute())
    assert read.stamp.size == (tmp_path / "b.jsonl").stat().st_size
    assert [Path(s.path).name for s in asked[-3:]] == ["a.txt", "b.jsonl", "c.jsonl"]
    # Without a store to ask, nothing but records and problems.
    plain = [type(i).__name__ for i in read_inputs([tmp_path])]
    assert plain == ["RawRecord", "RawRecord", "RawRecord", "RawRecord", "InputError"]
