"""Speed of the web app on a large database: story list, search and story pages.

Usage::

    .venv/bin/python benchmarks/serve_speed.py [--n 100000] [--db FILE] [--requests 200]

Builds (once; ``--db`` keeps it for the next run) a database of ``--n``
synthetic articles (``benchmarks/synth.py``, the plain-text path), starts
``newsprism serve`` on it as a subprocess listening on 127.0.0.1, and sends a
bounded number of requests, one at a time, timing each from request to the
last byte:

* ``list``: story list pages, newest and largest first, pages 1-50, with and
  without an outlet or date filter;
* ``search``: the list searched for words drawn from the corpus's own titles
  (one or two words);
* ``story``: story pages of stories drawn at random, each asked for twice:
  the first visit builds its sections, the second finds them cached.

The first request of each kind is a warm-up (the listing is computed when
the app first reads the database) and is reported apart. Prints the median
and the 95th percentile of each kind; the issue's targets are list and
search <= 200 ms and a story page <= 300 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def build(db: Path, n: int) -> None:
    from newsprism.options import AnalyzeOptions
    from newsprism.pipeline import process_records
    from newsprism.store import SQLiteStore
    from synth import generate

    start = time.perf_counter()
    with SQLiteStore.open(db, writer=True) as store:
        result = process_records(generate(n, seed=7), store, AnalyzeOptions(db=db))
    print(f"built {db}: {result.added:,} articles in {time.perf_counter() - start:.0f} s")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="database to build or reuse")
    parser.add_argument("--requests", type=int, default=200, help="per kind")
    args = parser.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "serve.db"
    if not db.exists():
        build(db, args.n)
    conn = sqlite3.connect(db)
    stories = [r[0] for r in conn.execute("SELECT id FROM story")]
    titles = [r[0] for r in conn.execute("SELECT title FROM article WHERE title IS NOT NULL")]
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM article LIMIT 50") if r[0]]
    days = [r[0] for r in conn.execute("SELECT DISTINCT published FROM article LIMIT 200") if r[0]]
    n_articles = conn.execute("SELECT COUNT(*) FROM article").fetchone()[0]
    conn.close()
    print(f"database: {n_articles:,} articles, {len(stories):,} stories")
    rng = random.Random(3)
    words = [w for t in titles[:5000] for w in t.split() if w.isalpha() and len(w) > 3]

    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60.0, trust_env=False) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/static/app.css")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

            def timed(url: str) -> float:
                t0 = time.perf_counter()
                answer = client.get(url)
                answer.raise_for_status()
                return time.perf_counter() - t0

            def list_url() -> str:
                params: dict[str, str | int] = {
                    "sort": rng.choice(["new", "large"]),
                    "page": rng.randint(1, 50),
                }
                if rng.random() < 0.3 and outlets:
                    params["outlet"] = rng.choice(outlets)
                if rng.random() < 0.3 and days:
                    params["since"] = rng.choice(days)
                return "/?" + urlencode(params)

            def search_url() -> str:
                q = " ".join(rng.sample(words, rng.choice([1, 2])))
                return "/?" + urlencode({"q": q})

            picked = rng.sample(stories, min(len(stories), args.requests))
            kinds = {
                "list": [list_url() for _ in range(args.requests)],
                "search": [search_url() for _ in range(args.requests)],
                # Each story page twice: built on the first visit, cached on the second.
                "story, first visit": [f"/stories/{sid}" for sid in picked],
                "story, again": [f"/stories/{sid}" for sid in picked],
            }
            for kind, urls in kinds.items():
                first = timed(urls[0])
                times = [timed(u) for u in urls[1:]]
                print(
                    f"{kind}: first {first * 1000:.0f} ms; then {len(times)} requests: "
                    f"median {statistics.median(times) * 1000:.0f} ms, "
                    f"p95 {_p95(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
