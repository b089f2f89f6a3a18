"""`tidings serve`: the store as a JSON API and a web UI (FastAPI on uvicorn)."""

from __future__ import annotations

import errno
import os
import socket

import click

__all__ = ["serve_command"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")
APP_FACTORY = "tidings.serve.app:app_from_environment"


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
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Server processes, each with the store open read-only (default: the number of CPUs; "
    "one with --allow-ingest).",
)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Open the store for writing and accept POST /api/v1/articles with the bearer token TIDINGS_TOKEN "
    "(in one process: DuckDB lets one process write a store).",
)
def serve_command(
    db: str, host: str, port: int, timeout: float, workers: int | None, allow_ingest: bool
) -> None:
    """Serve the store: JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json) and the web UI at /.

    Example: tidings serve --db news.duckdb --port 8000 --workers 2
    """
    try:
        import uvicorn

        from tidings.serve import create_app
        from tidings.serve.app import ENV_DB, ENV_TIMEOUT
    except ImportError as error:
        raise click.ClickException(
            f"tidings serve needs FastAPI and uvicorn ({error}); run `make setup`"
        ) from None
    from tidings.store.schema import open_store

    processes = workers or os.cpu_count() or 1
    if allow_ingest and processes > 1:
        if workers is not None:
            click.echo(
                f"tidings: --allow-ingest serves from one process (DuckDB lets one process write a store),"
                f" not {workers}",
                err=True,
            )
        processes = 1
    _check_port(host, port)
    if processes == 1:
        # built here, so that a missing store or token stops the command with its message
        app = create_app(
            db, allow_ingest=allow_ingest, token=os.environ.get("TIDINGS_TOKEN"), timeout=timeout
        )
    else:
        open_store(db, read_only=True).close()  # a missing or locked store stops here, not in each worker
    if host not in LOOPBACK:
        click.echo(
            f"tidings: serving on {host}, not only this machine; anyone who can reach it can read the store",
            err=True,
        )
    mode = "read-write, POST /api/v1/articles allowed" if allow_ingest else "read-only"
    count = "one process" if processes == 1 else f"{processes} processes"
    click.echo(f"tidings: serving {db} ({mode}, {count}) on http://{host}:{port}/", err=True)
    if processes == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    # each worker process imports the app factory, which reads the store's path and the timeout from here
    os.environ[ENV_DB] = str(db)
    os.environ[ENV_TIMEOUT] = repr(timeout)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        workers=processes,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


def _check_port(host: str, port: int) -> None:
    """Stop with a message naming the address when it cannot be bound (uvicorn only logs the errno)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise click.ClickException(
            f"--host {host}: not an address of this machine ({error.strerror})"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                reason = f"port {port} is in use by another program; choose another with --port"
            elif error.errno == errno.EACCES:
                reason = f"no permission for port {port} (below 1024 needs root); choose another with --port"
            else:
                reason = error.strerror or str(error)
            raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
