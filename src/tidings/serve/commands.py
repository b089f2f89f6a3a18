"""`tidings serve`: the store as a JSON API and a web UI (FastAPI on uvicorn)."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["serve_command"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")
APP_FACTORY = "tidings.serve.app:app_from_environment"
PROTOCOL = "tidings.serve.protocol:GuardedHttpToolsProtocol"
KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection is closed after this


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
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep the answers given, per process (--no-cache computes every answer afresh: for measuring).",
)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Open the store for writing and accept POST /api/v1/articles with the bearer token TIDINGS_TOKEN "
    "(in one process: DuckDB lets one process write a store).",
)
def serve_command(
    db: str, host: str, port: int, timeout: float, workers: int | None, cache: bool, allow_ingest: bool
) -> None:
    """Serve the store: JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json) and the web UI at /.

    Example: tidings serve --db news.duckdb --port 8000 --workers 2
    """
    try:
        import uvicorn  # noqa: F401

        from tidings.serve import create_app
        from tidings.serve.app import ENV_CACHE, ENV_DB, ENV_THREADS, ENV_TIMEOUT
    except ImportError as error:
        raise click.ClickException(
            f"tidings serve needs FastAPI and uvicorn ({error}); run `make setup`"
        ) from None
    from tidings.store.check import verify_readable
    from tidings.store.schema import open_store

    if not (allow_ingest and not os.path.exists(db)):  # --allow-ingest creates a missing store
        verify_readable(db)  # a damaged or truncated store stops here, not in 500s
    processes = workers or os.cpu_count() or 1
    if allow_ingest and processes > 1:
        if workers is not None:
            click.echo(
                f"tidings: --allow-ingest serves from one process (DuckDB lets one process write a store),"
                f" not {workers}",
                err=True,
            )
        processes = 1
    app: FastAPI | str = APP_FACTORY
    if processes == 1:
        # built here, so that a missing store or token stops the command with its message
        app = create_app(
            db,
            allow_ingest=allow_ingest,
            token=os.environ.get("TIDINGS_TOKEN"),
            timeout=timeout,
            cache=cache,
        )
    else:
        open_store(db, read_only=True).close()  # a missing or locked store stops here, not in each worker
        # each worker process imports the app factory, which reads the store's path and the timeout here
        os.environ[ENV_DB] = str(db)
        os.environ[ENV_TIMEOUT] = repr(timeout)
        os.environ[ENV_CACHE] = "1" if cache else "0"
        # the cores shared among the processes: a query split over every core would only contend with
        # the other processes' queries, each thread costing its own start and synchronisation
        os.environ[ENV_THREADS] = str(max(1, (os.cpu_count() or 1) // processes))
    sock = listening_socket(host, port)
    if host not in LOOPBACK:
        click.echo(
            f"tidings: serving on {host}, not only this machine; anyone who can reach it can read the store",
            err=True,
        )
    mode = "read-write, POST /api/v1/articles allowed" if allow_ingest else "read-only"
    count = "one process" if processes == 1 else f"{processes} processes"
    click.echo(f"tidings: serving {db} ({mode}, {count}) on http://{host}:{port}/", err=True)
    with sock:
        _serve(app, sock, processes)


def _raise_open_files_limit() -> None:
    """Let the server hold as many connections as the system allows it (the soft limit up to the hard
    one): the protocol caps connections below that, so that accepting one never fails for lack of a file
    descriptor."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` for TCP, or a message naming the address when it cannot be bound.

    Bound here rather than by uvicorn: asyncio turns Nagle's algorithm off (TCP_NODELAY) only for
    connections of a socket made with the TCP protocol, which the socket uvicorn binds for its worker
    processes is not (Kludex/uvicorn#3149), so each small answer on a kept-alive connection would wait
    ~40 ms for the client's delayed ACK."""
    try:
        infos = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as error:
        raise click.ClickException(
            f"--host {host}: not an address of this machine ({error.strerror})"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            reason = f"port {port} is in use by another program; choose another with --port"
        elif error.errno == errno.EACCES:
            reason = f"no permission for port {port} (below 1024 needs root); choose another with --port"
        else:
            reason = error.strerror or str(error)
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)  # the worker processes serve it too
    return sock


def _serve(app: FastAPI | str, sock: socket.socket, processes: int) -> None:
    """Serve `app` (or, in each of `processes` worker processes, the app its factory's import string
    names) on `sock` until interrupted; what `uvicorn.run` does, on a socket bound for TCP."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    _raise_open_files_limit()
    config = uvicorn.Config(
        app,
        factory=isinstance(app, str),
        workers=processes,
        log_level="warning",
        access_log=False,
        http=PROTOCOL,  # uvicorn's httptools with deadlines, 414/431 and a cap on connections
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    try:
        if processes > 1:
            Multiprocess(config, sockets=[sock]).run()
            return
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return
    if not server.started:
        raise click.ClickException("the server stopped before it started (see the message above)")
