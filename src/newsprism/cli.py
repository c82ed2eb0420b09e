"""The ``newsprism`` command: parse options, call one library function, format.

This is the only place where errors become user messages: library code raises
:class:`~newsprism.errors.NewsprismError`, and :func:`main` prints it without a
traceback (anything else that reaches it is one line too). Every string that
came from input (titles, outlets, ids, file names, reasons) is printed as
text, never read as rich markup, and without control characters.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsprism.errors import NewsprismError
from newsprism.models import StorySummary
from newsprism.options import DEFAULT_DB, AnalyzeOptions
from newsprism.pipeline import RunResult, analyze
from newsprism.render.html import render_html
from newsprism.render.markdown import render_markdown
from newsprism.render.report import build_report, export_json, write_atomic
from newsprism.render.terminal import story_renderables, terminal_safe, terminal_text
from newsprism.render.view import plural, story_views
from newsprism.sources.inputs import expected_records
from newsprism.sources.web import FetchOptions
from newsprism.store import SQLiteStore, writer_busy


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsprism")
def app() -> None:
    """See how many outlets tell the same news story."""


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    envvar="NEWSPRISM_DB",
    show_default=True,
    help="SQLite database file (or set NEWSPRISM_DB).",
)


class ExitStatus(Exception):
    """Leave with this status after output is done (not an error message)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# Rich assumes 80 columns when output is not a terminal; tables of stories read
# better in a log or a README at this width.
_PIPE_WIDTH = 120


def _out() -> Console:
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=_PIPE_WIDTH)
    return console


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say(console: Console, *parts: str | tuple[str, str]) -> None:
    """Print one line of plain text (never markup); input text made terminal-safe."""
    console.print(
        Text.assemble(
            *(
                (terminal_text(p[0]), p[1]) if isinstance(p, tuple) else terminal_text(p)
                for p in parts
            )
        )
    )


# Inputs are checked by the sources, which report each problem and go on;
# click would stop the whole run at the first unreadable path. They stay
# strings: a URL is not a path (Path("https://x") is "https:/x").
inputs_argument = click.argument("paths", nargs=-1, required=True, type=str)


def fetch_options(func: Callable[..., None]) -> Callable[..., None]:
    """The options of every command that may fetch URLs, feeds and sitemaps."""
    for option in reversed(
        (
            click.option(
                "--ignore-robots", is_flag=True, help="Fetch what a site's robots.txt disallows."
            ),
            click.option(
                "--allow-private",
                is_flag=True,
                help="Fetch from loopback and private addresses (intranets; refused by default).",
            ),
            click.option(
                "--delay",
                type=click.FloatRange(min=0.0),
                default=FetchOptions().host_delay,
                show_default=True,
                help="Seconds between two requests to one host.",
            ),
        )
    ):
        func = option(func)
    return func


def workers_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--workers N``: local processes for a command's parallel part."""
    return click.option(
        "--workers", type=click.IntRange(min=1), default=1, show_default=True, help=help_text
    )


def _fetch(ignore_robots: bool, allow_private: bool, delay: float) -> FetchOptions:
    return FetchOptions(robots=not ignore_robots, allow_private=allow_private, host_delay=delay)


@app.command("analyze")
@inputs_argument
@db_option
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the JSON report here.",
)
@click.option("--limit", default=20, show_default=True, help="Show at most this many stories.")
@click.option(
    "--no-wait",
    is_flag=True,
    help="Stop at once if another run is adding to the database (default: wait for it).",
)
@fetch_options
@workers_option("Local processes for the per-article work (the stories are the same).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run the per-article work on the Dask scheduler at ADDRESS (tcp://host:8786).",
)
@click.option(
    "--partition-days",
    type=click.IntRange(min=1),
    metavar="N",
    help="For a new database: find the stories after reading, window by window of N days "
    "in parallel (--workers, --dask), joined to one process's result; later runs go on "
    "from it.",
)
def analyze_cmd(
    paths: tuple[str, ...],
    db: Path,
    json_out: Path | None,
    limit: int,
    no_wait: bool,
    ignore_robots: bool,
    allow_private: bool,
    delay: float,
    workers: int,
    dask_address: str | None,
    partition_days: int | None,
) -> None:
    """Read articles into stories: clean, mark copies, group, store.

    PATHS are files and folders (text, HTML, JSON, JSONL, WARC, gzipped or
    not), URLs of pages, feeds, sitemaps, home pages or WARC files, local
    feeds and sitemaps (.rss, .atom, .xml), or - for standard input.
    """
    options = AnalyzeOptions(
        db=db,
        wait=not no_wait,
        fetch=_fetch(ignore_robots, allow_private, delay),
        workers=workers,
        dask=dask_address,
    )
    result = _run_analyze(paths, options, no_wait, partition_days)
    with SQLiteStore.open(db) as store:
        summaries = store.stories(list(result.stories)) if result.stories else []
        if json_out is not None:
            export_json(store, json_out)
    _print_run(result, summaries, limit, db, json_out)
    if result.failed:
        raise ExitStatus(1)


def _run_analyze(
    paths: tuple[str, ...], options: AnalyzeOptions, no_wait: bool, partition_days: int | None
) -> RunResult:
    err = _err()
    if not no_wait and writer_busy(options.db):
        _say(
            err, f"waiting for another newsprism run on {options.db} to finish (--no-wait to stop)"
        )
    total = expected_records(paths)
    if not err.is_terminal:
        return analyze(paths, options, _PlainProgress(err, total), partition_days)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("analyzing", total=total)
        return analyze(paths, options, lambda _src: bar.advance(task), partition_days)


class _PlainProgress:
    """Progress as a plain line every ``every`` seconds, for a log or a pipe."""

    def __init__(self, console: Console, total: int | None, every: float = 10.0) -> None:
        self.console = console
        self.total = total
        self.every = every
        self.done = 0
        self.start = self.last = time.monotonic()

    def __call__(self, source: str) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            of = f" of {self.total:,}" if self.total is not None else ""
            rate = self.done / max(now - self.start, 1e-9)
            _say(self.console, f"analyzing: {self.done:,}{of} records ({rate:,.0f}/s)")


@app.command("watch")
@inputs_argument
@db_option
@click.option(
    "--every",
    default="10m",
    show_default=True,
    help="Time between two rounds: a number of seconds, or with s, m or h (30s, 10m, 1h).",
)
@click.option("--rounds", type=click.IntRange(min=1), help="Stop after this many rounds.")
@fetch_options
def watch_cmd(
    paths: tuple[str, ...],
    db: Path,
    every: str,
    rounds: int | None,
    ignore_robots: bool,
    allow_private: bool,
    delay: float,
) -> None:
    """Poll feeds, sitemaps and pages; each round analyses only what is new.

    A feed or page unchanged since the last round is not downloaded again
    (conditional GET), and a link whose article is stored is not fetched.
    Stop with Ctrl-C (finished rounds are stored) or --rounds.
    """
    seconds = _duration(every)
    options = AnalyzeOptions(db=db, fetch=_fetch(ignore_robots, allow_private, delay))
    out, err = _out(), _err()
    done = 0
    while True:
        started = time.monotonic()
        result = analyze(paths, options)
        done += 1
        for problem in result.failed:
            _say(err, ("error", "red"), f": {problem.source}: {problem.reason}")
        stamp = datetime.now().strftime("%H:%M:%S")
        stories = len(result.stories)
        _say(
            out,
            f"{stamp} round {done}: {plural(result.added, 'new article')} "
            f"({_copies(result.copies)}), "
            f"{result.unchanged} already stored, {len(result.failed)} failed; "
            f"{stories} {'story' if stories == 1 else 'stories'} touched",
        )
        if rounds is not None and done >= rounds:
            return
        time.sleep(max(0.0, seconds - (time.monotonic() - started)))


_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def _duration(text: str) -> float:
    """Seconds of ``30``, ``30s``, ``10m`` or ``1h``; a click error otherwise."""
    value = text.strip().lower()
    unit = value[-1:] if value[-1:] in "smh" else ""
    try:
        seconds = float(value[: len(value) - len(unit)]) * _UNITS[unit]
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a duration (30s, 10m, 1h)") from None
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise click.BadParameter(f"{text!r} is not a positive duration")
    return seconds


def _print_run(
    result: RunResult, summaries: list[StorySummary], limit: int, db: Path, json_out: Path | None
) -> None:
    out, err = _out(), _err()
    for problem in result.failed:
        _say(err, ("error", "red"), f": {problem.source}: {problem.reason}")
    for skip in result.skipped:
        _say(err, f"skipped: {skip.source}: {skip.reason}")
    if result.partitioned is not None:
        _say(err, f"time-partitioned: {result.partitioned}")
    if summaries:
        out.print(_story_table(summaries[:limit], "Stories in this run"))
        if len(summaries) > limit:
            _say(out, f"... and {len(summaries) - limit} more (newsprism stories --db {db})")
    touched = f"{len(summaries)} {'story' if len(summaries) == 1 else 'stories'} touched"
    _say(
        out,
        f"{plural(result.added, 'article')} added ({_copies(result.copies)}), "
        f"{result.unchanged} already "
        f"stored, {len(result.failed)} failed; {touched}; database {db}"
        + (f"; report {json_out}" if json_out else ""),
    )


def _story_table(rows: list[StorySummary], title: str) -> Table:
    """The story listing; every cell is a Text (input text is never markup)."""
    table = Table(title=Text(terminal_text(title)), title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("title", overflow="fold", max_width=50)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("outlets", overflow="fold", max_width=30)
    table.add_column("dates", no_wrap=True)
    for s in rows:
        count = f"{s.articles}" + (f" ({_copies(s.copies)})" if s.copies else "")
        outlets = f"{len(s.outlets)}: " + ", ".join(s.outlets) if s.outlets else "-"
        cells = (s.id, s.title or "(untitled)", count, outlets, _dates(s))
        table.add_row(*(Text(terminal_text(c)) for c in cells))
    return table


def _copies(n: int) -> str:
    return plural(n, "copy")


def _dates(s: StorySummary) -> str:
    if s.first is None:
        return "-"
    if s.first == s.last or s.last is None:
        return s.first.isoformat()
    return f"{s.first.isoformat()} .. {s.last.isoformat()}"


def _open_existing(db: Path) -> SQLiteStore:
    try:
        found = db.exists()
    except OSError as exc:  # e.g. in a folder we may not enter
        raise NewsprismError(f"{db}: cannot reach the database ({exc.strerror})") from None
    if not found:
        raise NewsprismError(f"{db}: no such database (run 'newsprism analyze PATH --db {db}')")
    return SQLiteStore.open(db)


@app.command("stories")
@db_option
@click.option("--limit", default=50, show_default=True, help="Show at most this many stories.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Stories reported on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Stories reported on or before.")
@click.option("--outlet", help="Only stories this outlet reports (its name as shown).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story, one per line.")
def stories_cmd(
    db: Path,
    limit: int,
    since: datetime | None,
    until: datetime | None,
    outlet: str | None,
    as_json: bool,
) -> None:
    """List stored stories, largest first."""
    with _open_existing(db) as store:
        rows = store.stories()
    low, high = (since.date() if since else None), (until.date() if until else None)
    rows = [
        s
        for s in rows
        if (outlet is None or outlet in s.outlets)
        and (low is None or (s.last is not None and s.last >= low))
        and (high is None or (s.first is not None and s.first <= high))
    ]
    out = _out()
    if as_json:
        for s in rows[:limit]:
            out.file.write(json.dumps(_summary_json(s), ensure_ascii=False) + "\n")
        return
    out.print(_story_table(rows[:limit], f"Stories in {db}"))
    if len(rows) > limit:
        _say(out, f"... and {len(rows) - limit} more (--limit)")


def _summary_json(s: StorySummary) -> dict[str, object]:
    return {
        "id": s.id,
        "title": s.title,
        "articles": s.articles,
        "copies": s.copies,
        "outlets": list(s.outlets),
        "first": s.first.isoformat() if s.first else None,
        "last": s.last.isoformat() if s.last else None,
    }


@app.command("show")
@click.argument("story")
@db_option
@click.option("--no-pager", is_flag=True, help="Print straight out, even on a terminal.")
def show_cmd(story: str, db: Path, no_pager: bool) -> None:
    """Show one story (its id, or the start of it): articles, summary, quotes, numbers, timeline."""
    with _open_existing(db) as store:
        report = build_report(store, [store.resolve_story(story)])
    out = _out()
    parts = [
        part for view in story_views(terminal_safe(report)) for part in story_renderables(view)
    ]
    if out.is_terminal and not no_pager:
        with out.pager(styles=True):
            for part in parts:
                out.print(part)
        return
    for part in parts:
        out.print(part)


@app.command("export")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON report (format newsprism-report/1) here.",
)
@click.option(
    "--markdown",
    "md_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report as Markdown here.",
)
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report as one self-contained HTML page here.",
)
@click.option(
    "--story", multiple=True, help="Only this story (its id or the start of it; repeatable)."
)
@db_option
@workers_option("Processes analysing the stories of the JSON report (the same report).")
def export_cmd(
    json_out: Path | None,
    md_out: Path | None,
    html_out: Path | None,
    story: tuple[str, ...],
    db: Path,
    workers: int,
) -> None:
    """Write the report as JSON, Markdown and/or HTML."""
    if json_out is None and md_out is None and html_out is None:
        raise click.UsageError("give at least one of --json, --markdown, --html")
    with _open_existing(db) as store:
        chosen = [store.resolve_story(given) for given in story] or None
        if json_out is not None:
            export_json(store, json_out, chosen, workers=workers)
        if md_out is not None or html_out is not None:
            ids = chosen or [s.id for s in store.stories()]
            report = build_report(store, ids)
            if md_out is not None:
                text = render_markdown(report)
                write_atomic(md_out, lambda fh: fh.write(text))
            if html_out is not None:
                page = render_html(report)
                write_atomic(html_out, lambda fh: fh.write(page))
    for path in (json_out, md_out, html_out):
        if path is not None:
            _say(_out(), f"report written to {path}")


@app.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (this machine only by default).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_cmd(db: Path, host: str, port: int) -> None:
    """Browse, search and compare the stored stories in a web browser (read only)."""
    import uvicorn  # imported here: only this command serves

    from newsprism.app.server import create_app

    # It exists, and its schema is current (an older one is upgraded here,
    # once: the app itself only reads).
    _open_existing(db).close()
    web = create_app(db)
    added = web.state.catalog.index_for_search()
    if added:
        _say(_err(), f"newsprism: {plural(added, 'article')} indexed for search")
    if host not in ("127.0.0.1", "localhost", "::1"):
        _say(
            _err(),
            ("warning", "yellow"),
            f": listening on {host}: anyone who can reach this machine can read the database",
        )
    _say(_err(), f"newsprism: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def main(argv: list[str] | None = None) -> int:
    """Entry point: the one place where errors become messages and exit codes."""
    try:
        app.main(args=argv, prog_name="newsprism", standalone_mode=False)
    except ExitStatus as exc:
        return exc.code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        _say(_err(), "aborted")
        return 130
    except KeyboardInterrupt:
        _say(_err(), "interrupted: finished batches are stored; rerun to complete")
        return 130
    except NewsprismError as exc:
        _error(str(exc))
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except sqlite3.Error as exc:
        _error(f"database error ({type(exc).__name__}: {exc})")
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:  # a bug: still one line, never a traceback
        _error(f"internal error ({type(exc).__name__}: {exc}); please report it")
        return 1
    return 0


def _error(message: str) -> None:
    """The one form of an error line: 'error: ' and the message, on one line."""
    _say(_err(), ("error", "red"), ": " + " ".join(message.split()))


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
