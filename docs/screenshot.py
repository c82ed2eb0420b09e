"""Make docs/serve-story.png: the shipped example's main story in ``newsprism serve``.

    .venv/bin/python docs/screenshot.py     # needs chromium (apt-get install chromium)

Analyses ``examples/`` into a temporary database, serves it on 127.0.0.1 as
the browser tests do (tests/test_app_browser.py) and photographs the largest
story's page at 1280 x 1600 with Debian's Chromium through Playwright.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from newsprism.app.server import create_app
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "serve-story.png"


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is missing (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "example.db"
        analyze([ROOT / "examples"], AnalyzeOptions(db=db))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.goto(f"http://127.0.0.1:{port}/?sort=large")
            page.locator("table.list tbody a").first.click()
            page.wait_for_load_state()
            page.screenshot(path=str(OUT))
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
