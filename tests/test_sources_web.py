"""URLs, feeds, sitemaps and home pages, against a server the tests start on 127.0.0.1.

Nothing here reaches any other address: pipeline runs fetch only
``127.0.0.1`` URLs (with ``allow_private``), and the tests of names and
redirects between hosts give the fetcher a resolver that maps every name to
127.0.0.1, with a policy that refuses by name what the real one refuses by
address.
"""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze
from newsprism.sources.remote import Remote, read_url
from newsprism.sources.web import Fetched, Fetcher, FetchOptions, NotModified, refusal
from newsprism.store import SQLiteStore

_WORDS = (
    "The council of Brantmere voted on Tuesday to reopen the old river ferry, closed since"
    " the flood of 2019, after residents gathered 4,120 signatures. The ferry will carry"
    " up to 40 passengers between Lowquay and the market town, and the first crossings"
    " are planned for the spring. Councillor Ada Penrose said the vote ended years of"
    " detours for workers on the east bank. Repairs to the landing stages will cost"
    " about 310,000 pounds, paid from the transport budget."
)


def _page(title: str, extra: str) -> bytes:
    body = f"<p>{_WORDS}</p><p>{extra}</p>" * 2
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Brantmere Gazette</footer></body></html>"
    ).encode()


@dataclass
class Site:
    """What the test server serves and how often each path was asked for."""

    pages: dict[str, bytes] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    base: str = ""


def _feed(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Ferry story {i}</title><link>{base}{p}</link>"
        f"<pubDate>Tue, 0{i + 1} Apr 2025 09:00:00 GMT</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", Content_Type="text/plain")
            elif path == "/r1":
                self._send(302, Location="/r2")
            elif path == "/r2":
                self._send(301, Location=f"{site.base}/news/a.html")
            elif path == "/to-intranet":
                port = site.base.rsplit(":", 1)[1]
                self._send(302, Location=f"http://intranet.test:{port}/news/a.html")
            elif path == "/loop":
                self._send(302, Location="/loop")
            elif path == "/slow":
                time.sleep(2.0)
                self._send(200, _page("Slow", "late"), Content_Type="text/html")
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(10_000):
                        self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
                except OSError:
                    pass  # the client stopped reading: that is the point
            elif path in site.pages:
                etag = site.etags.get(path)
                if etag and self.headers.get("If-None-Match") == etag:
                    self._send(304)
                    return
                kind = (
                    "application/rss+xml"
                    if path.endswith(".xml")
                    else "application/warc"
                    if ".warc" in path
                    else "text/html"
                )
                extra = {"ETag": etag} if etag else {}
                self._send(200, site.pages[path], Content_Type=kind, **extra)
            else:
                self._send(404, b"not here", Content_Type="text/plain")

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.pages.update(
        {
            "/news/a.html": _page("Ferry returns to Brantmere", "Passengers welcomed it."),
            "/news/b.html": _page("Brantmere ferry vote", "The vote was 9 to 2."),
            "/news/c.html": _page("Ferry landing repairs", "Work starts in March."),
            "/private/p.html": _page("Private", "Not for robots."),
            "/feed.xml": _feed(site.base, ["/news/a.html", "/news/b.html"]),
            "/": (
                b"<!doctype html><html><head><title>Gazette</title>"
                b'<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                b"</head><body><p>Front page</p></body></html>"
            ),
            "/sitemap.xml": (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
                ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"<url><loc>{site.base}/news/a.html</loc></url>"
                f"<url><loc>{site.base}/news/c.html</loc><news:news>"
                "<news:publication_date>2025-04-03T10:00:00Z</news:publication_date>"
                "<news:title>Landing repairs</news:title></news:news></url></urlset>"
            ).encode(),
        }
    )
    site.etags.update({"/news/a.html": '"a1"', "/feed.xml": '"f1"'})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


_FAST = FetchOptions(allow_private=True, host_delay=0.0, timeout=0.5, deadline=1.0)


def _run(tmp_path: Path, *urls: str, fetch: FetchOptions = _FAST) -> tuple[int, int, list[str]]:
    options = AnalyzeOptions(db=tmp_path / "n.db", fetch=fetch)
    result = analyze(list(urls), options)
    return result.added, result.unchanged, [f"{p.source}: {p.reason}" for p in result.failed]


def _stored(tmp_path: Path) -> dict[str, tuple[str | None, str | None]]:
    with SQLiteStore.open(tmp_path / "n.db") as store:
        return {a.url or "": (a.title, str(a.published)) for a in store.articles()}


def test_a_page_is_fetched_once_and_then_asked_whether_it_changed(
    site: Site, tmp_path: Path
) -> None:
    url = site.base + "/news/a.html"
    assert _run(tmp_path, url) == (1, 0, [])
    assert url in _stored(tmp_path)
    # The rerun sends the ETag back; the server answers 304 and nothing is added.
    assert _run(tmp_path, url) == (0, 1, [])
    assert site.hits["/news/a.html"] == 2


def test_a_feed_gives_its_articles_with_its_titles_and_dates_and_then_only_new_links(
    site: Site, tmp_path: Path
) -> None:
    feed = site.base + "/feed.xml"
    assert _run(tmp_path, feed) == (2, 0, [])
    stored = _stored(tmp_path)
    assert stored[site.base + "/news/b.html"] == ("Ferry story 1", "2025-04-02")
    # Unchanged feed: one conditional request, no article fetched.
    before = site.hits.copy()
    assert _run(tmp_path, feed)[0] == 0
    assert site.hits["/feed.xml"] == before["/feed.xml"] + 1
    assert site.hits["/news/a.html"] == before["/news/a.html"]
    # The feed gains a link: only that article is fetched.
    site.pages["/feed.xml"] = _feed(site.base, ["/news/a.html", "/news/b.html", "/news/c.html"])
    site.etags["/feed.xml"] = '"f2"'
    added, _, failed = _run(tmp_path, feed)
    assert (added, failed) == (1, [])
    assert site.hits["/news/c.html"] == 1
    assert site.hits["/news/a.html"] == before["/news/a.html"]


def test_a_news_sitemap_gives_its_pages_with_the_news_dates(site: Site, tmp_path: Path) -> None:
    assert _run(tmp_path, site.base + "/sitemap.xml") == (2, 0, [])
    stored = _stored(tmp_path)
    assert stored[site.base + "/news/c.html"] == ("Landing repairs", "2025-04-03")


def test_a_home_page_stands_for_the_feeds_it_names(site: Site, tmp_path: Path) -> None:
    assert _run(tmp_path, site.base + "/")[0] == 2
    assert site.hits["/feed.xml"] == 1


def test_redirects_are_followed_and_the_page_keeps_its_final_url(
    site: Site, tmp_path: Path
) -> None:
    assert _run(tmp_path, site.base + "/r1") == (1, 0, [])
    assert site.base + "/news/a.html" in _stored(tmp_path)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop", "more than 5 redirects"),
        ("/slow", "timed out"),
        ("/drip", "took longer than 1 s"),
        ("/endless", "larger than"),
        ("/missing", "HTTP 404"),
        ("/private/p.html", "robots.txt"),
    ],
)
def test_each_refusal_and_limit_is_reported_and_the_rest_stored(
    site: Site, tmp_path: Path, path: str, reason: str
) -> None:
    fetch = FetchOptions(
        allow_private=True, host_delay=0.0, timeout=0.5, deadline=1.0, max_bytes=200_000
    )
    added, _, failed = _run(tmp_path, site.base + path, site.base + "/news/b.html", fetch=fetch)
    assert added == 1
    assert len(failed) == 1 and reason in failed[0], failed


def test_ignore_robots_lifts_the_robots_refusal(site: Site, tmp_path: Path) -> None:
    fetch = FetchOptions(allow_private=True, host_delay=0.0, robots=False)
    assert _run(tmp_path, site.base + "/private/p.html", fetch=fetch) == (1, 0, [])


def test_loopback_is_refused_by_default(site: Site, tmp_path: Path) -> None:
    fetch = FetchOptions(host_delay=0.0)
    added, _, failed = _run(tmp_path, site.base + "/news/a.html", fetch=fetch)
    assert added == 0 and "loopback" in failed[0]
    assert sum(site.hits.values()) == 0  # refused before any connection


def test_a_redirect_from_an_allowed_host_to_a_refused_one_is_refused(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]

    def resolve(host: str, port: int) -> list[tuple[int, str]]:
        return [(2, "127.0.0.1")]  # every name is this server (AF_INET)

    def policy(host: str, address: str) -> str | None:
        return "a private address" if host == "intranet.test" else None

    options = FetchOptions(host_delay=0.0, robots=False)
    with Fetcher(options, resolve=resolve, policy=policy) as fetcher:
        allowed = fetcher.get(f"http://news.test:{port}/news/a.html")
        answer = fetcher.get(f"http://news.test:{port}/to-intranet")
    assert isinstance(allowed, Fetched)
    assert isinstance(answer, InputError)
    assert "refused" in answer.reason and "intranet.test" in answer.reason
    assert site.hits["/to-intranet"] == 1 and site.hits["/news/a.html"] == 1


def test_a_warc_file_by_url_is_downloaded_and_read(site: Site, tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = _page(f"Archived story {n}", f"Archive note {n}.")
        writer.write_record(
            writer.create_warc_record(
                f"https://archive.test/{n}", "response", payload=io.BytesIO(page), http_headers=http
            )
        )
    site.pages["/crawl.warc.gz"] = buffer.getvalue()
    added, _, failed = _run(tmp_path, site.base + "/crawl.warc.gz")
    assert (added, failed) == (3, [])
    assert {f"https://archive.test/{n}" for n in range(3)} <= set(_stored(tmp_path))


def test_refusal_covers_every_address_kind_a_public_url_must_not_reach() -> None:
    for address in (
        "127.0.0.1",
        "::1",
        "10.1.2.3",
        "192.168.0.9",
        "172.16.5.5",
        "169.254.1.1",
        "224.0.0.1",
        "0.0.0.0",
        "::ffff:10.0.0.1",
        "fe80::1",
        "fc00::1",
    ):
        assert refusal(address), address
    for address in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"):
        assert refusal(address) is None, address


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    options = FetchOptions(allow_private=True, host_delay=2.0)
    with Fetcher(options, clock=lambda: now[0], sleep=sleep) as fetcher:
        remote = Remote(fetcher)
        items = list(read_url(site.base + "/news/a.html", remote))
        items += list(read_url(site.base + "/news/b.html", remote))
    assert not [i for i in items if isinstance(i, InputError)]
    # robots.txt, then a.html after 2 s, then b.html after 2 s more.
    assert slept == [2.0, 2.0]


def test_a_remembered_validator_gives_not_modified(site: Site) -> None:
    options = FetchOptions(allow_private=True, host_delay=0.0)
    with Fetcher(options) as fetcher:
        first = fetcher.get(site.base + "/news/a.html")
        assert isinstance(first, Fetched) and first.validators.etag == '"a1"'
        again = fetcher.get(site.base + "/news/a.html", first.validators)
    assert isinstance(again, NotModified)


def test_watch_polls_and_says_per_round_what_it_added(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsprism.cli import main

    args = ["watch", site.base + "/feed.xml", "--db", str(tmp_path / "w.db"), "--allow-private"]
    assert main([*args, "--every", "0.2", "--rounds", "2", "--delay", "0"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if " round " in line]
    assert len(lines) == 2
    assert "round 1: 2 new articles" in lines[0]
    # The feed answered 304 Not Modified: nothing fetched, nothing added.
    assert "round 2: 0 new articles" in lines[1]
    assert site.hits["/feed.xml"] == 2 and site.hits["/news/a.html"] == 1
    assert main([*args, "--every", "soon"]) == 2  # not a duration: a usage error
