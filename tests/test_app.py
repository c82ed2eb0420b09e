"""The web app's pages and JSON API, through FastAPI's test client (no network)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.app.search import fts_query
from newsprism.app.server import create_app
from newsprism.errors import NotFoundError
from newsprism.options import AnalyzeOptions
from newsprism.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("app")
    path = folder / "app.db"
    extra = folder / "inputs"
    extra.mkdir()
    # An article whose title and text try to run a script.
    (extra / "hostile.json").write_text(
        '{"id": "h1", "title": "' + HOSTILE + '", "outlet": "Evil <b>Outlet</b>", '
        '"published": "2026-03-12", "text": "Harbour workers ended a strike on Friday. '
        + HOSTILE
        + ' The port reopened on Saturday after talks with the union."}'
    )
    result = analyze([ROOT / "examples", extra], AnalyzeOptions(db=path))
    assert not result.failed
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _story_ids(html: str) -> list[str]:
    return re.findall(r'href="/stories/([^"]+)"', html)


def test_the_list_shows_every_story_with_its_counts_and_a_csp(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert len(_story_ids(page.text)) == 3
    assert "Hundreds evacuated as chemical train derails" in page.text
    assert "7 (1 copy)" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"


def test_largest_first_and_paging(client: TestClient) -> None:
    largest = client.get("/api/stories", params={"sort": "large"}).json()
    sizes = [s["articles"] for s in largest["stories"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 7
    one = client.get("/api/stories", params={"size": 1, "page": 2}).json()
    assert one["total"] == 3 and one["pages"] == 3 and len(one["stories"]) == 1


def test_search_finds_words_in_texts_by_their_stem(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "derail"}).json()
    assert [s["articles"] for s in found["stories"]] == [7]
    assert client.get("/api/search", params={"q": "tram depot library"}).json()["total"] == 1
    # FTS5 syntax typed by a user is searched for, never an error.
    for odd in ('"', "a:b", "NEAR(", "*", "AND OR"):
        assert client.get("/", params={"q": odd}).status_code == 200


def test_filters_by_outlet_language_and_dates(client: TestClient) -> None:
    by_outlet = client.get("/api/stories", params={"outlet": "Carrowick Evening Star"}).json()
    assert by_outlet["total"] == 1
    assert client.get("/api/stories", params={"language": "xx"}).json()["total"] == 0
    late = client.get("/api/stories", params={"since": "2026-03-13"}).json()
    assert 1 <= late["total"] < 3
    early = client.get("/api/stories", params={"until": "2026-03-09"}).json()
    assert early["total"] == 0


def test_a_story_page_has_every_section_and_citations_to_sentences(client: TestClient) -> None:
    sid = client.get("/api/stories", params={"sort": "large"}).json()["stories"][0]["id"]
    page = client.get(f"/stories/{sid}")
    assert page.status_code == 200
    for heading in ("Summary", "Who said what", "The numbers", "Timeline", "Only one outlet"):
        assert heading in page.text
    anchors = set(re.findall(r'id="([^"]+)"', page.text))
    cited = re.findall(r'<sup class="cite"><a href="#([^"]+)"', page.text)
    assert cited and all(c in anchors for c in cited)


def test_the_api_story_is_the_report_entry_with_its_articles(client: TestClient) -> None:
    sid = client.get("/api/stories").json()["stories"][0]["id"]
    data = client.get(f"/api/stories/{sid}").json()
    assert data["format"] == "newsprism-report/1"
    assert set(data["story"]) >= {"id", "articles", "summary", "quotes", "numbers", "timeline"}
    assert sorted(a["id"] for a in data["articles"]) == sorted(data["story"]["articles"])


def test_an_article_page_shows_its_copies_and_where_it_is_cited(client: TestClient) -> None:
    copies = [
        a
        for s in client.get("/api/stories").json()["stories"]
        for a in client.get(f"/api/stories/{s['id']}").json()["articles"]
        if a["duplicate_of"]
    ]
    assert len(copies) == 1
    copy = copies[0]
    page = client.get(f"/articles/{copy['id']}")
    assert page.status_code == 200 and "A copy of" in page.text
    original = client.get(f"/api/articles/{copy['duplicate_of']}").json()
    assert copy["id"] in original["related"]
    assert "Where the story cites it" in client.get(f"/articles/{copy['duplicate_of']}").text


def test_an_outlet_page_lists_its_stories(client: TestClient) -> None:
    page = client.get("/outlets/The Carrowick Gazette")
    assert page.status_code == 200 and "Its stories" in page.text
    assert client.get("/outlets/Nobody").status_code == 404


def test_input_text_is_escaped_everywhere(client: TestClient) -> None:
    listing = client.get("/", params={"q": "harbour"}).text
    assert HOSTILE not in listing and "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    sid = _story_ids(listing)[0]
    assert HOSTILE not in client.get(f"/stories/{sid}").text
    assert HOSTILE not in client.get("/outlets/Evil <b>Outlet</b>").text


def test_bad_ids_and_parameters_are_404_and_422_without_a_traceback(client: TestClient) -> None:
    for url, status in (
        ("/stories/s-nope", 404),
        ("/articles/nope", 404),
        ("/api/stories/s-nope", 404),
        ("/api/articles/nope", 404),
        ("/no/such/page", 404),
        ("/?page=0", 422),
        ("/?since=yesterday", 422),
        ("/api/stories?size=1000", 422),
        ("/api/search", 422),
        ("/?sort=random", 422),
    ):
        answer = client.get(url)
        assert answer.status_code == status, url
        assert "Traceback" not in answer.text and 'File "' not in answer.text


def test_nothing_outside_the_static_folder_is_served_and_nothing_is_written(
    client: TestClient, db: Path
) -> None:
    for url in ("/static/../cli.py", "/static/%2e%2e/cli.py", "/static/%2e%2e/%2e%2e/README.md"):
        assert client.get(url).status_code == 404
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/report.css").headers["content-type"].startswith("text/css")
    assert client.post("/", data={"q": "x"}).status_code == 405
    # The app's connection is read only.
    with pytest.raises(sqlite3.OperationalError):
        conn = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True)
        conn.execute("DELETE FROM article")


def test_the_openapi_document_names_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/search",
    } <= set(paths)


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        create_app(tmp_path / "none.db")


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('derail "NEAR(x') == '"derail" """NEAR(x"'
    assert fts_query("  ") == ""


def test_search_catches_up_with_articles_added_while_the_app_runs(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text(
        "Ferry returns\n\nThe river ferry at Lowquay returned to service on Monday, the "
        "council said, after repairs to the landing stage."
    )
    analyze([first], AnalyzeOptions(db=db))
    # The writer keeps no search index: the app does, beside the database.
    with sqlite3.connect(db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not any("fts" in n for n in names)
    with TestClient(create_app(db)) as c:
        assert c.get("/api/search", params={"q": "ferry"}).json()["total"] == 1
        assert c.get("/api/search", params={"q": "quarry"}).json()["total"] == 0
        second = tmp_path / "second"
        second.mkdir()
        (second / "b.txt").write_text(
            "Quarry blast\n\nA blast at the Holmsby quarry on Tuesday shook houses two miles "
            "away, residents said, and the operator apologised."
        )
        analyze([second], AnalyzeOptions(db=db))
        assert c.get("/api/search", params={"q": "quarry"}).json()["total"] == 1
    assert (tmp_path / "live.db.search").is_file()
