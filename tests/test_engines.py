"""Local worker processes and a Dask cluster give the very database one process gives.

For a folder of files, a JSONL file and a WARC file: the same articles (ids,
clean text, metadata), the same copies and the same stories.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import load_synth
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("engines")
    records = list(load_synth().generate(240, seed=11))
    # A folder of text files (with the example's pages, HTML among them).
    files = folder / "files"
    files.mkdir()
    for n, r in enumerate(records[:120]):
        (files / f"{n:03d}.txt").write_text(f"{r.title}\n\n{r.content}")
    for page in (ROOT / "examples").iterdir():
        if page.suffix != ".md":
            (files / page.name).write_bytes(page.read_bytes())
    # A JSONL file.
    jsonl = folder / "feed.jsonl"
    with jsonl.open("w") as fh:
        for r in records[120:]:
            row = {"id": r.key, "title": r.title, "text": r.content}
            if r.published:
                row["published"] = r.published.isoformat()
            fh.write(json.dumps(row) + "\n")
    # A WARC file of the same articles as pages.
    warc = folder / "crawl.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, r in enumerate(records[:80]):
            paragraphs = "".join(f"<p>{p}</p>" for p in r.content.split("\n") if p.strip())
            body = (
                f"<html><head><title>{r.title}</title></head><body><article>"
                f"<h1>{r.title}</h1>{paragraphs}</article></body></html>"
            ).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.test/{n}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                )
            )
    return {"folder": files, "jsonl": jsonl, "warc": warc}


def _database(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, source, url, outlet, title, published, language, text, duplicate_of, story "
            "FROM article ORDER BY seq"
        ).fetchall()


def _run(tmp: Path, name: str, path: Path, **engine: object) -> list[tuple[object, ...]]:
    db = tmp / f"{name}.db"
    result = analyze([path], AnalyzeOptions(db=db, batch_size=50, **engine))  # type: ignore[arg-type]
    assert result.added > 0
    return _database(db)


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.mark.parametrize("kind", ["folder", "jsonl", "warc"])
def test_two_local_workers_write_what_one_process_writes(
    inputs: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    one = _run(tmp_path, "one", inputs[kind])
    two = _run(tmp_path, "two", inputs[kind], workers=2)
    assert two == one
    assert any(row[8] for row in one) or kind != "folder"  # copies are compared too


@pytest.mark.parametrize("kind", ["folder", "jsonl", "warc"])
def test_a_dask_cluster_writes_what_one_process_writes(
    inputs: dict[str, Path], tmp_path: Path, kind: str, dask_address: str
) -> None:
    one = _run(tmp_path, "one", inputs[kind])
    dask = _run(tmp_path, "dask", inputs[kind], dask=dask_address)
    assert dask == one


def test_the_report_built_by_worker_processes_is_the_same(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from newsprism.render.report import write_report
    from newsprism.store import SQLiteStore

    db = tmp_path / "r.db"
    analyze([inputs["folder"]], AnalyzeOptions(db=db))
    when = datetime(2026, 1, 1, tzinfo=UTC)
    with SQLiteStore.open(db) as store:
        one, two = io.StringIO(), io.StringIO()
        write_report(store, one, generated=when)
        write_report(store, two, generated=when, workers=2)
    assert len(json.loads(one.getvalue())["stories"]) > 10
    assert two.getvalue() == one.getvalue()


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_moves_once_a_record_as_the_work_is_done(
    inputs: dict[str, Path], tmp_path: Path, workers: int
) -> None:
    seen: list[str] = []
    result = analyze(
        [inputs["jsonl"]],
        AnalyzeOptions(db=tmp_path / "p.db", workers=workers),
        progress=seen.append,
    )
    assert len(seen) == result.added + len(result.failed) == 120
    assert len(set(seen)) == 120


def test_worker_processes_read_the_pages_the_writer_only_lists(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With workers, the writer neither reads nor decodes a page: the workers do.

    Forked workers inherit the counting wrapper but count in their own
    memory, so the list holds the writer's calls only.
    """
    from newsprism.sources import files as ingest
    from newsprism.sources.decode import decode_bytes as real

    decoded: list[str] = []

    def counted(data: bytes, source: str, *, html: bool = False) -> str:
        decoded.append(source)
        return real(data, source, html=html)

    monkeypatch.setattr(ingest, "decode_bytes", counted)
    (corpus / "page.html").write_bytes((ROOT / "examples" / _PAGE).read_bytes())
    one = analyze([corpus], AnalyzeOptions(db=tmp_path / "one.db"))
    assert len(decoded) == one.added == 5
    decoded.clear()
    two = analyze([corpus], AnalyzeOptions(db=tmp_path / "two.db", workers=2))
    assert (two.added, two.copies, decoded) == (5, 1, [])
    assert _database(tmp_path / "two.db") == _database(tmp_path / "one.db")


_PAGE = "brantshire-courier_oskerby-derailment.html"


def test_pages_read_by_workers_are_stamped_skipped_and_failed_as_by_one_process(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.sources import items as source_items

    # Files count as settled as soon as written (the real rule waits 2 s).
    monkeypatch.setattr(source_items, "SETTLE_NS", -(10**9))
    (corpus / "blank.html").write_text("<html><body><script>x()</script></body></html>")
    (corpus / "page.html.gz").write_bytes(gzip.compress((ROOT / "examples" / _PAGE).read_bytes()))
    (corpus / "empty.txt").write_bytes(b"")
    results = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        first = analyze([corpus], AnalyzeOptions(db=db, workers=workers))
        (corpus / "election.txt").touch()  # read again, its article found stored
        again = analyze([corpus], AnalyzeOptions(db=db, workers=workers))
        with sqlite3.connect(db) as conn:
            stamped = sorted(Path(p).name for (p,) in conn.execute("SELECT path FROM source_file"))
        results[workers] = (
            (first.added, first.copies, sorted(Path(e.source).name for e in first.failed)),
            (again.added, again.unchanged, sorted(Path(e.source).name for e in again.failed)),
            stamped,
            _database(db),
        )
    assert results[2] == results[1]
    assert results[1][0] == (5, 1, ["blank.html", "empty.txt"])
    assert results[1][1] == (0, 5, ["blank.html", "empty.txt"])
    assert "blank.html" not in results[1][2] and "page.html.gz" in results[1][2]
