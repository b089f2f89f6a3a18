"""The HTTP protocols of `tidings serve` (`tidings.serve.protocol`), httptools' and h11's alike: a
request's head and body have deadlines, oversized requests get 414/431 (and are read, not reset),
connections are capped. The deadlines are checked by firing the protocol's timers by hand (no waiting);
414 and 431 also against a real server on loopback."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from tests.serve.conftest import serving
from tidings.serve import protocol
from tidings.serve.protocol import (
    BODY_SECONDS,
    HEAD_SECONDS,
    MAX_HEAD_BYTES,
    GuardedH11Protocol,
    GuardedHttpToolsProtocol,
)

Guarded = GuardedH11Protocol | GuardedHttpToolsProtocol


class Timer:
    def __init__(self, delay: float, callback: Callable[..., None], args: tuple[Any, ...]):
        self.delay, self.callback, self.args, self.cancelled = delay, callback, args, False

    def cancel(self) -> None:
        self.cancelled = True


class Loop:
    """The parts of an event loop the protocol uses: timers are kept, to be fired by the test."""

    def __init__(self) -> None:
        self.timers: list[Timer] = []

    def call_later(self, delay: float, callback: Callable[..., None], *args: Any) -> Timer:
        self.timers.append(Timer(delay, callback, args))
        return self.timers[-1]

    def create_task(self, coroutine: Any, **_: Any) -> Any:
        coroutine.close()  # the app is not run here

        class Task:
            def add_done_callback(self, _callback: Any) -> None:
                pass

        return Task()

    def pending(self) -> list[Timer]:
        return [t for t in self.timers if not t.cancelled]


class Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = bytearray()
        self.closed = self.eof = self.aborted = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written += data

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def can_write_eof(self) -> bool:
        return True

    def write_eof(self) -> None:
        self.eof = True

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 50000), "sockname": ("127.0.0.1", 8000)}.get(name, default)


async def _app(scope: Any, receive: Any, send: Any) -> None:
    pass


@pytest.fixture(params=[GuardedHttpToolsProtocol, GuardedH11Protocol])
def connect(request: pytest.FixtureRequest) -> Iterator[Callable[[], tuple[Guarded, Transport, Loop]]]:
    config = Config(app=_app, log_level="critical", lifespan="off")
    config.load()
    state = ServerState()

    def make() -> tuple[Guarded, Transport, Loop]:
        loop, transport = Loop(), Transport()
        proto = request.param(config=config, server_state=state, app_state={}, _loop=loop)
        proto.connection_made(transport)
        return proto, transport, loop

    yield make


def _status(transport: Transport) -> int:
    return int(bytes(transport.written).split(b" ", 2)[1])


def test_a_request_head_must_arrive_in_time(connect: Any) -> None:
    proto, transport, loop = connect()
    [deadline] = loop.pending()
    assert deadline.delay == HEAD_SECONDS
    proto.data_received(b"GET / HTTP/1.1\r\nHost: x\r\n")  # a slow client: headers never end
    assert loop.pending() == [deadline] and not transport.closed
    deadline.callback(*deadline.args)
    assert _status(transport) == 408 and transport.eof


def test_a_silent_connection_is_closed(connect: Any) -> None:
    proto, transport, loop = connect()
    [deadline] = loop.pending()
    deadline.callback(*deadline.args)
    assert transport.closed and not transport.written


def test_a_body_must_arrive_in_time(connect: Any) -> None:
    proto, transport, loop = connect()
    proto.data_received(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
    [deadline] = loop.pending()
    assert deadline.delay == BODY_SECONDS
    deadline.callback(*deadline.args)
    assert transport.closed


def test_a_whole_request_has_no_deadline(connect: Any) -> None:
    proto, transport, loop = connect()
    proto.data_received(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert loop.pending() == [] and not transport.closed


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /?q=" + b"x" * (MAX_HEAD_BYTES + 10) + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * (MAX_HEAD_BYTES + 10) + b"\r\n\r\n", 431),
        (b"NOT HTTP AT ALL\r\n\r\n", 400),
    ],
)
def test_oversized_and_malformed_requests(connect: Any, request_bytes: bytes, status: int) -> None:
    proto, transport, loop = connect()
    proto.data_received(request_bytes)
    assert _status(transport) == status and transport.eof and not transport.closed
    proto.data_received(b"z" * 1000)  # what the client still sends is read and dropped
    [drain] = loop.pending()
    drain.callback(*drain.args)
    assert transport.closed


@pytest.mark.parametrize(
    ("start", "piece", "status"),
    [(b"GET /?q=", b"x" * 1000, 414), (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ", b"y" * 1000, 431)],
)
def test_a_head_sent_in_pieces_is_measured(connect: Any, start: bytes, piece: bytes, status: int) -> None:
    proto, transport, _ = connect()
    proto.data_received(start)
    for _ in range(MAX_HEAD_BYTES // len(piece) + 1):
        proto.data_received(piece)
    assert _status(transport) == status


def test_pipelined_requests_are_not_one_long_head(connect: Any) -> None:
    proto, transport, loop = connect()
    request = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    proto.data_received(request * (2 * MAX_HEAD_BYTES // len(request)))
    assert not transport.written and not transport.closed and loop.pending() == []


def test_connections_are_capped(connect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protocol, "connection_cap", lambda: 2)
    first, second, third = connect(), connect(), connect()
    assert not first[1].closed and not second[1].closed
    assert third[1].aborted
    third[0].connection_lost(None)  # what asyncio calls after the abort: nothing to undo
    first[0].connection_lost(None)
    assert not connect()[1].aborted


@pytest.fixture(scope="module")
def server(served_db: Path) -> Iterator[str]:
    with serving(served_db) as url:
        yield url


def _raw(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.slow  # a server in another process
@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /api/v1/events?q=" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
        (b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nCookie: " + b"y" * 70_000 + b"\r\n\r\n", b"431"),
    ],
)
def test_a_real_server_answers_oversized_requests(server: str, request_bytes: bytes, status: bytes) -> None:
    answer = _raw(server, request_bytes)
    assert answer.split(b" ", 2)[1] == status
