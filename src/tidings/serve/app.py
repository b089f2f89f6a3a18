"""The app `tidings serve` runs: the JSON API under /api/v1, the pages under /, static files.

Front-end libraries and the world outline are served from the npm packages `make setup` installs
(`node_modules/`), never from a CDN, so everything works offline.
"""

from __future__ import annotations

import math
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from tidings import __version__
from tidings.pipeline import Extractor

from .api import api_router, ingest_refusal
from .guard import Guard, Scope
from .identity import identity_api, identity_pages
from .invalid import validation_details
from .logfilter import quiet_repeats
from .pages import pages_router
from .reader import QueryTimeout, StoreReader

__all__ = [
    "ENV_CACHE",
    "ENV_DB",
    "ENV_THREADS",
    "ENV_TIMEOUT",
    "VENDOR_FILES",
    "app_from_environment",
    "create_app",
    "node_modules",
]

HERE = Path(__file__).resolve().parent
# what `tidings serve --workers N` tells each worker process (uvicorn imports the app by name there)
ENV_DB = "TIDINGS_SERVE_DB"
ENV_TIMEOUT = "TIDINGS_SERVE_TIMEOUT"
ENV_CACHE = "TIDINGS_SERVE_CACHE"  # "0": no answer cache
ENV_THREADS = "TIDINGS_SERVE_THREADS"  # DuckDB's threads per query in each process (default: the cores)
# URL name -> file inside node_modules (pinned in package.json / package-lock.json)
VENDOR_FILES = {
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}


def node_modules() -> Path | None:
    """The `node_modules` folder of the npm packages: $TIDINGS_NODE_MODULES, else the repository's."""
    candidates = [
        os.environ.get("TIDINGS_NODE_MODULES"),
        HERE.parents[2] / "node_modules",
        Path.cwd() / "node_modules",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "world-atlas").is_dir():
            return Path(candidate)
    return None


def create_app(
    db: str | Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    timeout: float = 5.0,
    cache: bool = True,
    threads: int | None = None,
    extractor: Callable[[], Extractor] | None = None,
    index: bool = True,
    quick_params: bool = True,
) -> FastAPI:
    """The app over the store at `db`: read-only unless `allow_ingest`, when POST /api/v1/articles
    stores articles for callers bearing `token`; without `cache`, every answer is computed afresh;
    without `index`, every answer is read by SQL (`tidings.serve.index` holds the filter columns);
    without `quick_params`, FastAPI validates every request's parameters (`tidings.serve.quick`)."""
    from tidings.errors import TidingsError

    if allow_ingest and not token:
        raise TidingsError("--allow-ingest needs a token: set TIDINGS_TOKEN")
    store = StoreReader(db, timeout=timeout, writable=allow_ingest, cache=cache, threads=threads, index=index)
    quiet_repeats()  # in every process that serves: floods of the same warning become a count

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = _GuardedApp(
        title="Tidings",
        version=__version__,
        description="Political events (PLOVER) extracted from news, with their evidence.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served from the npm package swagger-ui-dist by the pages, not from a CDN
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        lifespan=lifespan,
    )
    app.state.reader = store
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.extractor = extractor or _default_extractor
    app.state.quick_params = quick_params

    @app.exception_handler(QueryTimeout)
    async def _timeout(_request: Request, error: QueryTimeout) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_details(error.errors())}, status_code=422)

    app.include_router(api_router, prefix="/api/v1", tags=["api"])
    app.include_router(identity_api, prefix="/api/v1", tags=["api"])  # stories and records
    app.include_router(pages_router, include_in_schema=False)
    app.include_router(identity_pages, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        from fastapi import HTTPException

        folder = node_modules()
        if name not in VENDOR_FILES or folder is None:
            raise HTTPException(404, f"{name}: not installed (run `make setup`, which runs `npm ci`)")
        return FileResponse(folder / VENDOR_FILES[name], headers={"Cache-Control": "max-age=86400"})

    return app


class _GuardedApp(FastAPI):
    """FastAPI with `Guard` outside every other layer, so that its headers are on every answer (errors
    included) and its refusals come before anything reads the request."""

    def build_middleware_stack(self) -> ASGIApp:
        def refuse(scope: Scope) -> tuple[int, str] | None:
            authorization = next((v for k, v in scope["headers"] if k == b"authorization"), b"")
            return ingest_refusal(
                self.state.allow_ingest, self.state.token, authorization.decode("latin-1") or None
            )

        return Guard(super().build_middleware_stack(), refuse_ingest=refuse)  # type: ignore[arg-type]


def app_from_environment() -> FastAPI:
    """The read-only app over the store named by $TIDINGS_SERVE_DB, its queries interrupted after
    $TIDINGS_SERVE_TIMEOUT seconds (5 when unset), without the answer cache when $TIDINGS_SERVE_CACHE is
    0, each query on $TIDINGS_SERVE_THREADS of DuckDB's threads (when set): what each worker process
    of `tidings serve --workers N` runs
    (`uvicorn.run("tidings.serve.app:app_from_environment", factory=True, workers=N)`)."""
    from tidings.errors import TidingsError

    db = os.environ.get(ENV_DB)
    if not db:
        raise TidingsError(f"${ENV_DB} is not set: it names the store to serve")
    given = os.environ.get(ENV_TIMEOUT) or "5"
    try:
        timeout = float(given)
    except ValueError:
        timeout = math.nan
    if not (math.isfinite(timeout) and timeout > 0):
        raise TidingsError(f"${ENV_TIMEOUT}: {given!r} is not a number of seconds above 0")
    threads = os.environ.get(ENV_THREADS)
    return create_app(
        db,
        timeout=timeout,
        cache=os.environ.get(ENV_CACHE) != "0",
        threads=int(threads) if threads and threads.isdigit() and int(threads) > 0 else None,
    )


@cache
def _default_extractor() -> Extractor:
    from tidings.pipeline import load_extractor

    return load_extractor()
