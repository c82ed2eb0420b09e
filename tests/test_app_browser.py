"""The web app in a real browser: Debian's Chromium, driven by Playwright, on 127.0.0.1.

``.ci/run`` installs Chromium when it is missing; elsewhere these tests skip
without it (and fail under CI, where a skip would hide a missing install).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.app.server import create_app
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script>"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs it (apt-get install chromium)")
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "hostile.json").write_text(
        '{"id": "h1", "title": "' + HOSTILE + '", "published": "2026-03-12", '
        '"text": "Harbour workers ended a strike on Friday, the union said. The port '
        'reopened on Saturday after talks."}'
    )
    db = folder / "b.db"
    analyze([ROOT / "examples", inputs], AnalyzeOptions(db=db))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Visit:
    """A page opened at a width, recording console errors, failed requests and dialogs."""

    def __init__(self, browser: Any, width: int = 1280) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        return self.page

    def close(self) -> None:
        self.context.close()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_pages_load_without_console_errors_and_link_to_each_other(
    browser: Any, base_url: str
) -> None:
    visit = Visit(browser)
    page = visit.open(base_url + "/")
    assert page.locator("table.list tbody tr").count() == 3
    page.click("text=Hundreds evacuated as chemical train derails in Brantshire")
    page.wait_for_load_state()
    assert page.locator("h2", has_text="Who said what").count() == 1
    page.locator("p.meta a[href^='/articles/']").first.click()
    page.wait_for_load_state()
    assert page.locator("h2", has_text="Copies and reprints").count() == 1
    page.locator("p.meta a[href^='/outlets/']").first.click()
    page.wait_for_load_state()
    assert page.locator("h2", has_text="Its stories").count() == 1
    assert visit.errors == []
    visit.close()


def test_search_and_filters_work_from_the_forms(browser: Any, base_url: str) -> None:
    visit = Visit(browser)
    page = visit.open(base_url + "/")
    page.fill("#q", "library depot")
    page.click("form.search button")
    page.wait_for_load_state()
    assert page.locator("table.list tbody tr").count() == 1
    page = visit.open(base_url + "/")
    page.select_option("select[name=sort]", "large")
    page.select_option("select[name=outlet]", "Northgate Herald")
    page.click("form.filters button")
    page.wait_for_load_state()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and "derails" in rows.first.inner_text()
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_at_desktop_and_phone_width(
    browser: Any, base_url: str, tmp_path: Path, width: int
) -> None:
    visit = Visit(browser, width)
    page = visit.open(base_url + "/?sort=large")
    sid = page.locator("table.list tbody a").first.get_attribute("href")
    page = visit.open(base_url + str(sid))
    shot = tmp_path / f"story-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    got_width, height = _png_size(shot)
    assert got_width == width and height > 900
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    # Nothing wider than the screen at phone width (no sideways scrolling).
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width + 1
    assert visit.errors == []
    visit.close()


def test_the_keyboard_reaches_every_link(browser: Any, base_url: str) -> None:
    visit = Visit(browser)
    page = visit.open(base_url + "/")
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    reached: set[str] = set()
    for _ in range(len(links) + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href")
        if href:
            reached.add(href)
    assert links <= reached, links - reached
    visit.close()


def test_a_title_that_is_a_script_is_shown_as_text(browser: Any, base_url: str) -> None:
    visit = Visit(browser)
    page = visit.open(base_url + "/?q=harbour")
    assert HOSTILE in page.locator("table.list").inner_text()
    page.click("table.list tbody a")
    page.wait_for_load_state()
    assert HOSTILE in page.locator("h1").first.inner_text()
    assert visit.dialogs == []
    visit.close()
