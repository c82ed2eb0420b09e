"""Fetch pages over HTTP(S), politely and safely: one request at a time per host.

Stage: a source. Needs a URL; gives its bytes with what the server said of
them (:class:`Fetched`), :class:`NotModified` when a remembered validator
(ETag / Last-Modified) still holds, or an :class:`~newsprism.errors.InputError`
that says why not. It never raises for a bad URL or a bad server.

What it guards against, each with a reason the user sees:

* addresses a public URL must not reach (loopback, private, link-local,
  multicast, reserved): checked after DNS resolution, and the connection is
  made to the very address checked (a second lookup could answer otherwise),
  again on every redirect; ``allow_private`` lifts this for intranets and tests;
* endless or huge bodies (a byte cap), slow servers (a timeout per read and a
  deadline for the whole download), redirect loops (a cap);
* impoliteness: a robots.txt that disallows the path (RFC 9309: a missing
  robots.txt allows everything, an unreachable one allows nothing), and more
  than one request per ``host_delay`` seconds to a host (or its Crawl-delay).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Final
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsprism import __version__
from newsprism.errors import InputError

USER_AGENT: Final = f"newsprism/{__version__} (news coverage comparison; run by a person)"

# A host and port -> its addresses, as (socket family, address).
Resolver = Callable[[str, int], list[tuple[int, str]]]
# A host and one of its addresses -> why a connection is refused, or None.
Policy = Callable[[str, str], str | None]


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How a fetch behaves; the defaults suit following news sites by hand."""

    # Seconds to connect, and between two reads of the body: a news page is
    # served in well under a second; a server silent for 10 s is down.
    timeout: float = 10.0
    # Seconds for the whole download: a server that drips a byte at a time
    # never trips the read timeout.
    deadline: float = 30.0
    # The largest body read; as the per-article cap of files (Limits).
    max_bytes: int = 10 * 1024 * 1024
    # Redirects followed: sites chain two or three (http -> https -> www ->
    # the canonical path); more is a loop.
    max_redirects: int = 5
    # Seconds between two requests to one host, unless its robots.txt asks
    # for more (Crawl-delay, honoured up to max_crawl_delay).
    host_delay: float = 1.0
    max_crawl_delay: float = 30.0
    # The largest web archive fetched (written to a temporary file as it
    # comes): a CC-NEWS WARC file is about 1 GB.
    max_archive_bytes: int = 8 * 1024**3
    user_agent: str = USER_AGENT
    robots: bool = True
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said of a page, remembered for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class UrlSeen:
    """A URL fetched whole: its validators and how many records it gave (kept by the store)."""

    url: str
    validators: Validators
    records: int


@dataclass(frozen=True, slots=True)
class UrlRead:
    """Follows the records of a URL fetched whole: the store may remember it once they are."""

    source: str
    seen: UrlSeen


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page as served: the URL it ended at (after redirects), its body and headers."""

    requested: str
    url: str
    body: bytes
    content_type: str
    validators: Validators = field(default_factory=Validators)


@dataclass(frozen=True, slots=True)
class NotModified:
    """The server says the page is as it was when its validators were remembered."""

    requested: str


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host."""
    low = text[:8].lower()
    if not (low.startswith("http://") or low.startswith("https://")):
        return False
    try:
        return bool(urlsplit(text).hostname)
    except ValueError:
        return False


def _system_resolver(host: str, port: int) -> list[tuple[int, str]]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [(info[0], str(info[4][0])) for info in infos]


def refusal(address: str) -> str | None:
    """Why a connection to ``address`` (an IP) is refused, or None when it is public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, what in (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (ip.is_multicast, "a multicast"),
        (ip.is_private, "a private"),
        (ip.is_reserved, "a reserved"),
        (ip.is_unspecified, "an unspecified"),
    ):
        if test:
            return f"{what} address ({address}); --allow-private permits it"
    return None


class Fetcher:
    """Fetches URLs one at a time, remembering per host its robots.txt and last request."""

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        *,
        resolve: Resolver = _system_resolver,
        policy: Policy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.options = options
        self._resolve = resolve
        self._policy: Policy = policy or (lambda _host, address: refusal(address))
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> clock of its last request
        # origin (scheme://host:port) -> its robots.txt rules and Crawl-delay, or
        # why nothing there may be fetched
        self._robots: dict[str, tuple[RobotFileParser, float] | str] = {}
        self._transport = transport
        # Made at the first request: a run of local files never pays for
        # loading the certificate store.
        self._made: httpx.Client | None = None

    @property
    def _client(self) -> httpx.Client:
        if self._made is None:
            self._made = httpx.Client(
                transport=self._transport,
                follow_redirects=False,
                timeout=httpx.Timeout(self.options.timeout),
                headers={"User-Agent": self.options.user_agent},
                # No proxy from the environment: the address check must hold.
                trust_env=False,
            )
        return self._made

    def close(self) -> None:
        if self._made is not None:
            self._made.close()
            self._made = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        remembered: Validators | None = None,
        *,
        max_bytes: int | None = None,
        sink: IO[bytes] | None = None,
    ) -> Fetched | NotModified | InputError:
        """Fetch ``url``, following redirects; problems come back as an ``InputError``.

        ``max_bytes`` overrides the body cap of the options; with ``sink``
        the body is written there as it comes (``Fetched.body`` is then
        empty) and the whole-download deadline does not apply: a web archive
        of a gigabyte takes minutes, and a stalled server still trips the
        read timeout.
        """
        current = url
        for _ in range(self.options.max_redirects + 1):
            if self.options.robots:
                blocked = self._robots_refusal(current)
                if blocked:
                    return InputError(url, blocked)
            headers = {}
            if remembered is not None and current == url:
                if remembered.etag:
                    headers["If-None-Match"] = remembered.etag
                if remembered.last_modified:
                    headers["If-Modified-Since"] = remembered.last_modified
            answer = self._request(current, headers, max_bytes or self.options.max_bytes, sink)
            if isinstance(answer, str):
                return InputError(
                    url, answer if current == url else f"{answer} (redirected to {current})"
                )
            status, head, body = answer
            if status in (301, 302, 303, 307, 308):
                target = head.get("location")
                if not target:
                    return InputError(url, f"HTTP {status} without a Location")
                current = urljoin(current, target)
                if not is_url(current):
                    return InputError(url, f"redirected to a URL that is not http(s): {current}")
                continue
            if status == 304 and remembered is not None:
                return NotModified(url)
            if status != 200:
                return InputError(
                    url, f"HTTP {status}" + (f" (at {current})" if current != url else "")
                )
            return Fetched(
                requested=url,
                url=current,
                body=body,
                content_type=head.get("content-type", ""),
                validators=Validators(head.get("etag"), head.get("last-modified")),
            )
        return InputError(url, f"more than {self.options.max_redirects} redirects")

    # ------------------------------------------------------------ internals

    def _request(
        self, url: str, headers: dict[str, str], cap: int, sink: IO[bytes] | None = None
    ) -> tuple[int, dict[str, str], bytes] | str:
        """One GET to the checked address of ``url``'s host: (status, headers, body) or a reason."""
        opts = self.options
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            return f"cannot resolve {host} ({exc})"
        if not addresses:
            return f"cannot resolve {host}"
        family, address = addresses[0]
        if not opts.allow_private:
            for _, each in addresses:
                reason = self._policy(host, each)
                if reason:
                    return f"refused: {host} resolves to {reason}"
        self._wait_turn(host, f"{parts.scheme}://{parts.netloc}")
        # Connect to the address just checked, not to the name (which a
        # second lookup could resolve elsewhere); TLS still checks the name.
        shown = f"[{address}]" if family == socket.AF_INET6 else address
        netloc = shown if parts.port is None else f"{shown}:{parts.port}"
        pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        start = self._clock()
        try:
            request = self._client.build_request(
                "GET", pinned, headers={**headers, "Host": host_header}, extensions=extensions
            )
            response = self._client.send(request, stream=True)
            try:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    return f"the body is larger than {_mb(cap)} ({_mb(int(declared))})"
                chunks: list[bytes] = []
                size = 0
                spool = sink if response.status_code == 200 else None
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        return f"the body is larger than {_mb(cap)}"
                    if spool is not None:
                        spool.write(chunk)
                        continue
                    if self._clock() - start > opts.deadline:
                        return f"the download took longer than {opts.deadline:g} s"
                    chunks.append(chunk)
                head = {k.lower(): v for k, v in response.headers.items()}
                return response.status_code, head, b"".join(chunks)
            finally:
                response.close()
        except httpx.TimeoutException:
            return f"timed out (no answer within {opts.timeout:g} s)"
        except httpx.HTTPError as exc:
            return f"cannot fetch ({type(exc).__name__}: {exc})"
        finally:
            self._last[host] = self._clock()

    def _wait_turn(self, host: str, origin: str) -> None:
        delay = self.options.host_delay
        robots = self._robots.get(origin)
        if isinstance(robots, tuple):
            delay = max(delay, robots[1])
        last = self._last.get(host)
        if last is not None:
            left = last + delay - self._clock()
            if left > 0:
                self._sleep(left)

    def _robots_refusal(self, url: str) -> str | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            return rules
        if not rules[0].can_fetch(self.options.user_agent, url):
            return "disallowed by the site's robots.txt (--ignore-robots to override)"
        return None

    def _load_robots(self, origin: str) -> tuple[RobotFileParser, float] | str:
        """The rules and Crawl-delay of an origin's robots.txt, or why nothing may be fetched."""
        answer = self._request(origin + "/robots.txt", {}, self.options.max_bytes)
        if isinstance(answer, str):
            if answer.startswith("refused"):
                return answer  # the address, not the robots.txt, is the reason
            return (
                f"robots.txt could not be read ({answer}), which RFC 9309 reads as"
                " disallow (--ignore-robots to override)"
            )
        status, _, body = answer
        parser = RobotFileParser()
        if 400 <= status < 500 or status in (301, 302, 303, 307, 308):
            parser.parse([])  # no robots.txt: everything allowed
            return parser, 0.0
        if status != 200:
            return (
                f"robots.txt answered HTTP {status}, which RFC 9309 reads as disallow"
                " (--ignore-robots to override)"
            )
        parser.parse(body.decode("utf-8", "replace").splitlines())
        crawl = parser.crawl_delay(self.options.user_agent)
        delay = min(float(crawl), self.options.max_crawl_delay) if crawl else 0.0
        return parser, delay


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
