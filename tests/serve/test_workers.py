"""`tidings serve --workers N`: the app factory the worker processes run, and how the command picks the
number of processes (one with --allow-ingest), checks its options and reports a port it cannot bind."""

from __future__ import annotations

import shutil
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.serve.conftest import free_port, serving
from tidings.cli import cli
from tidings.errors import TidingsError
from tidings.serve import app_from_environment, commands, create_app
from tidings.serve.app import ENV_DB, ENV_TIMEOUT
from tidings.serve.commands import APP_FACTORY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, int]]]:
    """What the command would serve (the app or its factory's import string) and in how many processes;
    it returns at once, and the environment the command sets is undone after."""
    calls: list[tuple[Any, int]] = []

    def serve(app: Any, sock: socket.socket, processes: int) -> None:
        assert sock.proto == socket.IPPROTO_TCP  # else asyncio leaves Nagle's algorithm on
        calls.append((app, processes))
        if isinstance(app, FastAPI):
            app.state.reader.close()

    monkeypatch.setattr(commands, "_serve", serve)
    for name in (ENV_DB, ENV_TIMEOUT):
        monkeypatch.setenv(name, "")
    yield calls


def test_workers_run_the_app_factory(runs: list[tuple[Any, int]], served_db: Path) -> None:
    port = str(free_port())
    result = CliRunner().invoke(cli, ["serve", "--db", str(served_db), "--port", port, "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert "(read-only, 3 processes)" in result.output
    assert runs == [(APP_FACTORY, 3)]
    # what each worker process builds from the environment the command left
    with TestClient(app_from_environment()) as client:
        assert client.get("/api/v1/health").json()["events"] == 35
        assert client.app.state.reader.timeout == 5.0  # type: ignore[attr-defined]
        assert client.app.state.reader.writable is False  # type: ignore[attr-defined]


def test_the_default_is_a_process_per_cpu(
    runs: list[tuple[Any, int]], served_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for cpus, expected in ((None, 1), (1, 1), (2, 2)):
        monkeypatch.setattr("os.cpu_count", lambda cpus=cpus: cpus)
        result = CliRunner().invoke(cli, ["serve", "--db", str(served_db), "--port", str(free_port())])
        assert result.exit_code == 0, result.output
        app, processes = runs.pop()
        assert processes == expected and (isinstance(app, FastAPI) if expected == 1 else app == APP_FACTORY)
        assert ("one process" if expected == 1 else f"{expected} processes") in result.output


def test_allow_ingest_serves_from_one_process(
    runs: list[tuple[Any, int]], served_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(served_db, db)
    result = CliRunner().invoke(
        cli,
        ["serve", "--db", str(db), "--port", str(free_port()), "--workers", "4", "--allow-ingest"],
        env={"TIDINGS_TOKEN": "s3cret"},
    )
    assert result.exit_code == 0, result.output
    assert (
        "--allow-ingest serves from one process (DuckDB lets one process write a store), not 4"
        in result.output
    )
    [(app, processes)] = runs
    assert isinstance(app, FastAPI) and app.state.allow_ingest is True and processes == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "Invalid value for '--workers': 0 is not in the range x>=1."),
        (["--workers", "two"], "Invalid value for '--workers': 'two' is not a valid integer range."),
    ],
)
def test_workers_are_checked(runs: list[tuple[Any, int]], args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2 and message in result.output
    assert runs == []


def test_a_missing_store_stops_before_the_workers_start(runs: list[tuple[Any, int]], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--workers", "2"])
    assert result.exit_code != 0 and "no such store" in str(result.exception)
    assert runs == []


def test_a_port_in_use_is_named(runs: list[tuple[Any, int]], served_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for workers in ("1", "2"):
            result = CliRunner().invoke(
                cli, ["serve", "--db", str(served_db), "--port", str(port), "--workers", workers]
            )
            assert result.exit_code == 1
            assert (
                f"cannot listen on 127.0.0.1:{port}: port {port} is in use by another program"
                in result.output
            )
    assert runs == []


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({}, "$TIDINGS_SERVE_DB is not set"),
        ({ENV_DB: "nowhere.duckdb"}, "nowhere.duckdb: no such store"),
        ({ENV_TIMEOUT: "soon"}, "$TIDINGS_SERVE_TIMEOUT: 'soon' is not a number of seconds above 0"),
        ({ENV_TIMEOUT: "0"}, "$TIDINGS_SERVE_TIMEOUT: '0' is not a number of seconds above 0"),
    ],
)
def test_app_from_environment_names_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, served_db: Path, environment: dict[str, str], message: str
) -> None:
    monkeypatch.delenv(ENV_DB, raising=False)
    monkeypatch.delenv(ENV_TIMEOUT, raising=False)
    if environment:
        monkeypatch.setenv(ENV_DB, str(served_db))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(TidingsError) as error:
        app_from_environment()
    assert message in str(error.value)


def test_app_from_environment_takes_the_timeout(monkeypatch: pytest.MonkeyPatch, served_db: Path) -> None:
    monkeypatch.setenv(ENV_DB, str(served_db))
    monkeypatch.setenv(ENV_TIMEOUT, "2.5")
    app = app_from_environment()
    try:
        assert app.state.reader.timeout == 2.5 and app.state.allow_ingest is False
    finally:
        app.state.reader.close()


@pytest.mark.slow
def test_two_worker_processes_answer_as_one(served_db: Path) -> None:
    """A real `tidings serve --workers 2`: both processes import the factory and serve the store."""
    with serving(served_db, "--workers", "2") as base, TestClient(create_app(served_db)) as local:
        for path in ("/health", "/events?limit=5", "/stats?by=type", "/actors/Q458"):
            answers = set()
            for _ in range(4):  # a few times, so that both processes are likely to answer
                with urllib.request.urlopen(base + "/api/v1" + path, timeout=10) as response:
                    answers.add(response.read())
            assert answers == {local.get("/api/v1" + path).content}, path
