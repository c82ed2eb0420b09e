"""The web app: server-rendered pages and a JSON API over one database, read only.

Stage: an application on top (beside the command line). Needs a database;
adds nothing to it: the connection is opened read only. Pages work without
JavaScript; every text is escaped (Jinja2 autoescape), every answer carries a
Content-Security-Policy that allows nothing but this server's own styles,
nothing is served from outside the package's static folder, and a bad id or
parameter is answered 404 or 422, an unexpected failure 500, never with a
traceback.
"""

from __future__ import annotations

import time
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.app.catalog import Catalog, Filters, citations, distinctive_terms
from newsprism.errors import NotFoundError
from newsprism.render.html import environment, stylesheet

# Nothing but this server's own stylesheets and images; no script, no frame,
# forms only to itself.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
PAGE_SIZE = 20

Sort = Literal["new", "large"]
# The query parameters (module level: FastAPI resolves the annotations by name).
Q = Annotated[str, Query(max_length=200, description="words that titles or texts hold")]
Outlet = Annotated[str, Query(max_length=200)]
Language = Annotated[str, Query(max_length=20)]
Number = Annotated[int, Query(ge=1, le=100_000)]
Size = Annotated[int, Query(ge=1, le=100)]
# Dates as the form sends them: an empty field means no bound.
Day = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, or empty")]


def listing(
    q: Q = "",
    since: Day = "",
    until: Day = "",
    outlet: Outlet = "",
    language: Language = "",
    sort: Sort = "new",
) -> Filters:
    """The listing's filters, from the query parameters (the page's form and the API alike)."""
    return Filters(
        q.strip(),
        _day("since", since),
        _day("until", until),
        outlet.strip(),
        language.strip(),
        sort,
    )


Listing = Annotated[Filters, Depends(listing)]


def _day(name: str, value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise StarletteHTTPException(422, f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _templates() -> Environment:
    env = environment()
    assert env.loader is not None
    env.loader = ChoiceLoader([PackageLoader("newsprism.app", "templates"), env.loader])
    env.globals["urlencode"] = urlencode
    env.globals["version"] = __version__
    env.globals["pages_around"] = pages_around
    return env


def create_app(db: Path) -> FastAPI:
    """The app over the database at ``db`` (raises NotFoundError when it is missing)."""
    catalog = Catalog(db)
    env = _templates()
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories, their articles and their sections, as in the newsprism-report/1 "
        "JSON report; read only.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(db=db.name, **context)
        return HTMLResponse(html, status_code=status)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=404)
        return page("error.html.j2", 404, title="Not found", message=str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=exc.status_code)
        return page("error.html.j2", exc.status_code, title=message.capitalize(), message=message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        if wants_json(request):
            return JSONResponse({"error": "invalid parameters", "problems": problems}, 422)
        return page("error.html.j2", 422, title="Invalid parameters", message="; ".join(problems))

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> Response:
        message = f"internal error ({type(exc).__name__}); please report it"
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=500)
        return page("error.html.j2", 500, title="Internal error", message=message)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(
        chosen: Listing, page_number: Annotated[Number, Query(alias="page")] = 1
    ) -> HTMLResponse:
        found = catalog.page(chosen, page_number, PAGE_SIZE)
        marks = _conflict_marks(catalog, [r.id for r in found.rows])
        params = {
            k: v
            for k, v in {
                "q": chosen.query,
                "since": chosen.since.isoformat() if chosen.since else "",
                "until": chosen.until.isoformat() if chosen.until else "",
                "outlet": chosen.outlet,
                "language": chosen.language,
                "sort": chosen.sort,
            }.items()
            if v
        }
        return page(
            "stories.html.j2",
            title="Stories",
            found=found,
            filters=chosen,
            conflicts=marks,
            params=params,
            outlets=catalog.outlets()[:200],
            languages=catalog.languages(),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        view, _ = catalog.story(story_id)
        row = catalog.row(story_id)
        return page("story.html.j2", title=view.title or story_id, story=view, row=row)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        article, related = catalog.article(article_id)
        cited: list[tuple[str, str]] = []
        if article.story:
            view, _ = catalog.story(article.story)
            cited = citations(view, article.id)
        paragraphs = [p for p in article.text.split("\n") if p.strip()]
        return page(
            "article.html.j2",
            title=article.title or article.id,
            article=article,
            related=related,
            cited=cited,
            paragraphs=paragraphs,
        )

    @app.get("/outlets/{outlet}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(outlet: str) -> HTMLResponse:
        rows = catalog.outlet_stories(outlet)
        if not rows:
            raise NotFoundError(f"no outlet {outlet!r} in this database")
        # Word choice from the stories already built, else from the latest few.
        views = [v for v in (catalog.cached_story(r.id) for r in rows) if v is not None]
        for row in rows[:5]:
            if len(views) >= 5:
                break
            if catalog.cached_story(row.id) is None and row.articles > 1:
                views.append(catalog.story(row.id)[0])
        return page(
            "outlet.html.j2",
            title=outlet,
            outlet=outlet,
            rows=rows,
            terms=distinctive_terms(views, outlet),
            read=len(views),
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # Browsers ask for it whatever the page says; the page names the SVG.
        return Response(status_code=204)

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> PlainTextResponse:
        return PlainTextResponse(stylesheet(), media_type="text/css")

    # -- the JSON API ---------------------------------------------------------

    @app.get("/api/stories", summary="Stories, newest or largest first, filtered and paged")
    def api_stories(
        chosen: Listing,
        page_number: Annotated[Number, Query(alias="page")] = 1,
        size: Size = PAGE_SIZE,
    ) -> dict[str, Any]:
        found = catalog.page(chosen, page_number, size)
        return {
            "total": found.total,
            "page": found.number,
            "pages": found.pages,
            "stories": [r.to_json() for r in found.rows],
        }

    @app.get("/api/search", summary="Stories whose titles or texts hold every word of q")
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=200)],
        page_number: Annotated[Number, Query(alias="page")] = 1,
        size: Size = PAGE_SIZE,
    ) -> dict[str, Any]:
        return api_stories(listing(q=q), page_number=page_number, size=size)

    @app.get(
        "/api/stories/{story_id}",
        summary="One story as in the report: its sections and its articles",
    )
    def api_story(story_id: str) -> dict[str, Any]:
        _, entry = catalog.story(story_id)
        return {"format": "newsprism-report/1", **entry}

    @app.get("/api/articles/{article_id}", summary="One article, with its copies or original")
    def api_article(article_id: str) -> dict[str, Any]:
        return catalog.article_json(article_id)

    # Mounted last: the report's stylesheet above is a route of its own.
    static = resources.files("newsprism.app") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.state.catalog = catalog
    return app


# Seconds a listing may spend reading the figures of stories not read yet, to
# say how many conflict; the rest say so on a later visit (each story's
# figures are read once, then kept until it changes). Chosen so that a list
# page stays within its 200 ms at the 95th percentile on 100k articles
# (benchmarks/serve_speed.py).
_LIST_BUDGET = 0.05


def _conflict_marks(catalog: Catalog, ids: list[str]) -> dict[str, int | None]:
    deadline = time.monotonic() + _LIST_BUDGET
    return {sid: catalog.conflicts(sid, build=time.monotonic() < deadline) for sid in ids}


def pages_around(number: int, pages: int) -> list[int]:
    """Page numbers to link: the first, the last and two either side of the current."""
    near = set(range(max(1, number - 2), min(pages, number + 2) + 1)) | {1, pages}
    return sorted(p for p in near if 1 <= p <= pages)
