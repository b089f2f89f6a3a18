"""`tidings serve`: the store as a JSON API and a web UI (FastAPI on uvicorn)."""

from __future__ import annotations

import os

import click

__all__ = ["serve_command"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@click.command(name="serve")
@click.option("--db", default="tidings.duckdb", show_default=True, help="The DuckDB store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to bind.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Open the store for writing and accept POST /api/v1/articles with the bearer token TIDINGS_TOKEN.",
)
def serve_command(db: str, host: str, port: int, timeout: float, allow_ingest: bool) -> None:
    """Serve the store: JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json) and the web UI at /.

    Example: tidings serve --db news.duckdb --port 8000
    """
    try:
        import uvicorn

        from tidings.serve import create_app
    except ImportError as error:
        raise click.ClickException(
            f"tidings serve needs FastAPI and uvicorn ({error}); run `make setup`"
        ) from None

    app = create_app(db, allow_ingest=allow_ingest, token=os.environ.get("TIDINGS_TOKEN"), timeout=timeout)
    if host not in LOOPBACK:
        click.echo(
            f"tidings: serving on {host}, not only this machine; anyone who can reach it can read the store",
            err=True,
        )
    mode = "read-write, POST /api/v1/articles allowed" if allow_ingest else "read-only"
    click.echo(f"tidings: serving {db} ({mode}) on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
