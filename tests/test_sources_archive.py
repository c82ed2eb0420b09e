"""WARC archives written here with warcio, and standard input, read back as records."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.sources.files import read_inputs
from newsprism.sources.items import Limits, Skipped
from newsprism.sources.stdin import read_stdin
from newsprism.store import SQLiteStore

_TEXT = (
    "Harbour workers in Lowquay ended a three-day strike on Friday after the port authority"
    " agreed to a 6 percent pay rise, union officials said. About 350 dockers had walked out"
    " over shift patterns. Ships held at anchor began unloading on Saturday morning."
)


def _html(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{_TEXT}</p><p>{_TEXT}</p></article></body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, body: bytes, kind: str, status: str = "200 OK") -> str:
    http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-05-17T08:30:00Z"},
    )
    writer.write_record(record)
    return str(record.rec_headers.get_header("WARC-Record-ID")).strip("<>")


def _archive(path: Path, gzip_members: bool) -> list[tuple[str, str]]:
    """A WARC with two pages, an image, a 404, a request and a metadata record."""
    pages = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_members)
        pages.append(
            (
                "https://news.test/a",
                _response(writer, "https://news.test/a", _html("A"), "text/html"),
            )
        )
        _response(writer, "https://news.test/logo.png", b"\x89PNG....", "image/png")
        _response(
            writer, "https://news.test/gone", b"<html>gone</html>", "text/html", "404 Not Found"
        )
        pages.append(
            (
                "https://news.test/b",
                _response(writer, "https://news.test/b", _html("B"), "text/html; charset=utf-8"),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/a", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12")
            )
        )
    return pages


@pytest.mark.parametrize("gzip_members", [True, False])
def test_a_warc_gives_its_html_pages_with_source_url_and_capture_date(
    tmp_path: Path, gzip_members: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip_members else "crawl.warc")
    pages = _archive(path, gzip_members)
    items = list(read_inputs([path]))
    records = [i for i in items if isinstance(i, RawRecord)]
    assert [(r.url, r.source) for r in records] == [(url, f"{path}#{rid}") for url, rid in pages]
    assert all(r.kind == "html" and "Lowquay" in r.content for r in records)
    assert {r.fetched for r in records} == {datetime(2024, 5, 17, 8, 30, tzinfo=UTC)}
    # The capture date is not taken for the date the article was written.
    assert all(r.published is None for r in records)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 1
    assert "1 image/png responses" in skipped[0].reason
    assert "1 HTTP 404 responses" in skipped[0].reason
    assert "1 request records" in skipped[0].reason
    assert not [i for i in items if isinstance(i, InputError)]


def test_a_warc_compressed_whole_is_read_too(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    pages = _archive(plain, gzip_members=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    records = [i for i in read_inputs([whole]) if isinstance(i, RawRecord)]
    assert [r.url for r in records] == [url for url, _ in pages]


def test_a_long_warc_is_read_whole_across_read_blocks(tmp_path: Path) -> None:
    path = tmp_path / "long.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(300):
            _response(writer, f"https://news.test/{n}", _html(f"Page {n}"), "text/html")
    assert path.stat().st_size > 2 * 65536  # several of the reader's blocks
    records = [i for i in read_inputs([path]) if isinstance(i, RawRecord)]
    assert [r.url for r in records] == [f"https://news.test/{n}" for n in range(300)]


def test_a_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _archive(path, gzip_members=True)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_inputs([cut]))
    records = [i for i in items if isinstance(i, RawRecord)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(records) >= 1
    assert len(errors) == 1 and errors[0].source == str(cut)


def test_a_warc_run_stores_its_pages_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _archive(path, gzip_members=True)
    options = AnalyzeOptions(db=tmp_path / "n.db")
    first = analyze([path], options)
    assert (first.added, len(first.failed)) == (2, 0)
    second = analyze([path], options)
    assert (second.added, second.unchanged) == (0, 2)
    with SQLiteStore.open(tmp_path / "n.db") as store:
        assert {a.url for a in store.articles()} == {"https://news.test/a", "https://news.test/b"}


def test_stdin_jsonl_gives_one_record_per_line() -> None:
    data = (
        b'{"id": "x1", "title": "Strike ends", "text": "Dockers return."}\n\n'
        b'{"url": "https://news.test/b", "text": "Ships unload."}\n'
    )
    items = list(read_stdin(io.BytesIO(data), Limits()))
    assert [(i.source, i.title) for i in items if isinstance(i, RawRecord)] == [
        ("-#x1", "Strike ends"),
        ("-#https://news.test/b", None),
    ]


def test_stdin_text_is_one_article_whose_id_follows_its_content(tmp_path: Path) -> None:
    one = list(read_stdin(io.BytesIO(_TEXT.encode()), Limits()))
    assert len(one) == 1 and isinstance(one[0], RawRecord) and one[0].kind == "text"
    again = list(read_stdin(io.BytesIO(_TEXT.encode()), Limits()))
    assert again == one
    empty = list(read_stdin(io.BytesIO(b"  \n"), Limits()))
    assert isinstance(empty[0], InputError) and "empty" in empty[0].reason


def test_the_command_reads_standard_input(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    text = ("Strike over at Lowquay harbour\n\n" + _TEXT + "\n") * 1
    run = subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "analyze", "-", "--db", str(db)],
        input=text.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert b"1 articles added" in run.stdout or b"1 article added" in run.stdout
