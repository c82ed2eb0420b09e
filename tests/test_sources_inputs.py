"""Which source reads which argument, and the record count a progress bar can be given."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from newsprism.cli import _PlainProgress
from newsprism.errors import InputError
from newsprism.models import RawRecord
from newsprism.sources.inputs import expected_records, read_sources


def test_a_folder_of_pages_tells_its_record_count_and_a_container_does_not(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "b.html", "sub/c.htm", "notes.md", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).write_text("x")
    assert expected_records([tmp_path]) == 3
    assert expected_records([tmp_path / "a.txt", tmp_path / "sub"]) == 2
    (tmp_path / "sub" / "more.jsonl").write_text("{}")
    assert expected_records([tmp_path]) is None
    assert expected_records(["https://news.test/a"]) is None
    assert expected_records(["-"]) is None


def test_urls_are_not_fetched_without_a_fetcher_and_a_saved_feed_says_so(tmp_path: Path) -> None:
    feed = tmp_path / "saved.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>'
        "<item><title>T</title><link>https://news.test/a</link></item></channel></rss>"
    )
    items = list(read_sources(["https://news.test/a", feed]))
    reasons = [i.reason for i in items if isinstance(i, InputError)]
    assert len(reasons) == len(items) == 2
    assert all("not fetched" in r for r in reasons)


def test_stdin_is_read_from_the_stream_given() -> None:
    items = list(read_sources(["-"], stdin=io.BytesIO(b"One article, piped in.")))
    assert len(items) == 1 and isinstance(items[0], RawRecord)


def test_plain_progress_prints_a_line_with_the_total() -> None:
    buffer = io.StringIO()
    progress = _PlainProgress(Console(file=buffer, width=200), total=4, every=0.0)
    for source in ("a", "b"):
        progress(source)
    lines = buffer.getvalue().splitlines()
    assert lines[-1].startswith("analyzing: 2 of 4 records")


def test_files_on_another_file_system_are_read_through_fsspec(tmp_path: Path) -> None:
    import fsspec

    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import analyze

    memory = fsspec.filesystem("memory")
    rows = [
        {"id": f"m{n}", "title": f"Harbour strike day {n}", "text": f"Dockers at Lowquay, day {n}."}
        for n in range(3)
    ]
    with memory.open("/bucket/feed.jsonl", "w") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows) + "\n")
    with memory.open("/bucket/page.html", "w") as fh:
        fh.write(
            "<html><head><title>Ferry</title></head><body><p>The ferry is back.</p></body></html>"
        )
    result = analyze(
        ["memory://bucket/feed.jsonl", "memory://bucket/page.html", "memory://bucket/none.jsonl"],
        AnalyzeOptions(db=tmp_path / "m.db"),
    )
    assert result.added == 4
    assert [p.source for p in result.failed] == ["memory://bucket/none.jsonl"]
    missing = list(read_sources(["nosuchfs://x/y.txt"]))
    assert isinstance(missing[0], InputError) and "cannot read" in missing[0].reason
