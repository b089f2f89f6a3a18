"""The HTTP/1.1 protocols `tidings serve` runs: uvicorn's, with the limits they lack.

- A request must arrive in time: its line and headers within `HEAD_SECONDS` of the connection becoming
  ready for it, its body within `BODY_SECONDS` of its headers. uvicorn times out only idle kept-alive
  connections, so a client that sends a byte now and then would hold its connection (and a file
  descriptor) for ever.
- A request line longer than `MAX_HEAD_BYTES` gets 414, headers beyond it 431, other malformed requests
  400; the rest of what the client sends is read and dropped for a moment before the connection closes,
  so that the client reads the answer instead of a connection reset.
- At most `MAX_CONNECTIONS` connections per process: beyond, a new connection is closed at once, so that
  slow or idle clients cannot take every file descriptor.

`GuardedHttpToolsProtocol` (uvicorn's httptools protocol: llhttp, written in C) is what `tidings serve`
runs; `GuardedH11Protocol` (uvicorn's h11 protocol, pure Python) holds the same limits, and the same
tests check both.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
import httptools
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = [
    "BODY_SECONDS",
    "HEAD_SECONDS",
    "MAX_CONNECTIONS",
    "MAX_HEAD_BYTES",
    "GuardedH11Protocol",
    "GuardedHttpToolsProtocol",
    "connection_cap",
]

HEAD_SECONDS = 10.0
BODY_SECONDS = 60.0
MAX_HEAD_BYTES = 16 * 1024  # request line and headers (h11's default limit, stated here)
MAX_CONNECTIONS = 2048  # per process, and fewer when the open-files limit is lower (see `connection_cap`)
_DRAIN_SECONDS = 1.0
_DRAIN_BYTES = 1024 * 1024
_REASONS = {
    400: b"Bad Request",
    408: b"Request Timeout",
    414: b"URI Too Long",
    431: b"Request Header Fields Too Large",
}
_TOO_LONG = "the request line or headers are too long"
_MALFORMED = "Invalid HTTP request received."  # uvicorn's words
_HEAD, _BODY = "head", "body"  # what a connection waits for (or None: nothing, the app is answering)
_log = logging.getLogger("tidings.serve")


def connection_cap() -> int:
    """Connections a process holds at most: `MAX_CONNECTIONS`, less when the open-files limit leaves
    fewer (a few hundred descriptors kept for the store and the rest)."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError):
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(16, min(MAX_CONNECTIONS, soft - 256))


class _Limits:
    """What both protocols add to uvicorn's: the cap on connections, the deadlines and the refusals.
    A protocol says what its connection waits for (`_waiting`) and whether a head has begun
    (`_head_begun`); it calls `_watch` whenever that may have changed."""

    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop
    connections: set[Any]
    flow: Any

    def _init_limits(self) -> None:
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for: str | None = None
        self._drained = -1  # bytes dropped after a refusal; -1 while not refusing
        self._cap = connection_cap()

    def _refused_at_once(self, transport: asyncio.Transport) -> bool:
        """Close a connection beyond the cap (True), before uvicorn counts it."""
        if len(self.connections) < self._cap:
            return False
        _log.warning("tidings: %d connections open; refusing another", len(self.connections))
        self.transport = transport
        transport.abort()
        return True

    def _dropped(self, data: bytes) -> bool:
        """Drop what a refused client still sends (True), closing once it passes `_DRAIN_BYTES`."""
        if self._drained < 0:
            return False
        self._drained += len(data)
        if self._drained > _DRAIN_BYTES:
            self.transport.close()
        return True

    def _waiting(self) -> str | None:
        raise NotImplementedError

    def _head_begun(self) -> bool:
        raise NotImplementedError

    def _refuse(self, status: int, message: str) -> None:
        """Answer `status` and close, after dropping what the client still sends for a moment."""
        self._cancel()
        body = message.encode() + b"\n"
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
            b"connection: close\r\n\r\n%s" % (status, _REASONS[status], len(body), body)
        )
        self._drained = 0
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(_DRAIN_SECONDS, self.transport.close)

    def _watch(self) -> None:
        """Keep the deadline of what the connection waits for: a request's head, its body, or nothing."""
        if self.transport.is_closing() or self._drained >= 0:
            return
        waiting = self._waiting()
        if waiting is self._waiting_for:
            return
        self._cancel()
        self._waiting_for = waiting
        if waiting is _HEAD:
            self._deadline = self.loop.call_later(HEAD_SECONDS, self._late, "request line and headers")
        elif waiting is _BODY:
            self._deadline = self.loop.call_later(BODY_SECONDS, self._late, "request body")

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting_for = None

    def _late(self, what: str) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self._waiting_for is _HEAD and not self._head_begun():
            self.transport.close()  # a connection that sent nothing (more): just close it
            return
        if self._waiting_for is _BODY:
            self.transport.close()  # the app is reading the body: it sees the client disconnect
            return
        self._refuse(408, f"the {what} took longer than {HEAD_SECONDS:g} s")


class GuardedH11Protocol(_Limits, H11Protocol):
    """uvicorn's `H11Protocol` with deadlines for a request's head and body, 414/431 for oversized
    requests and a cap on connections (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD_BYTES)
        self._init_limits()
        self._idle_bytes = 0  # bytes received while waiting for a request's head

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if self._refused_at_once(transport):
            return
        super().connection_made(transport)
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        if self.flow is None:  # refused in connection_made
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._dropped(data):
            return
        if self.conn.their_state is h11.IDLE:
            self._idle_bytes += len(data)
            # only then can a head be too long (and its bytes are not copied on every call before)
            if self._idle_bytes > MAX_HEAD_BYTES and self._head_too_long(data):
                return
        super().data_received(data)
        self._watch()

    def _head_too_long(self, data: bytes) -> bool:
        """Refuse a request whose line or headers pass `MAX_HEAD_BYTES` (h11 checks only heads that are
        not complete, so a long head received at once would pass)."""
        pending = self.conn.trailing_data[0] + data
        end = pending.find(b"\r\n\r\n")
        head = len(pending) if end < 0 else end
        if head <= MAX_HEAD_BYTES:
            return False
        line = pending.find(b"\r\n")
        self._refuse(414 if line < 0 or line > MAX_HEAD_BYTES else 431, _TOO_LONG)
        return True

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def send_400_response(self, msg: str) -> None:
        """What uvicorn calls when h11 refuses the request: the status that says why."""
        buffered, _ = self.conn.trailing_data
        if len(buffered) > MAX_HEAD_BYTES:
            self._refuse(431 if b"\r\n" in buffered[:MAX_HEAD_BYTES] else 414, _TOO_LONG)
        else:
            self._refuse(400, msg)

    def _waiting(self) -> str | None:
        state = self.conn.their_state
        if state is h11.IDLE:
            self._idle_bytes = len(self.conn.trailing_data[0])
            return _HEAD
        return _BODY if state is h11.SEND_BODY else None

    def _head_begun(self) -> bool:
        return bool(self.conn.trailing_data[0])


class _TooLong(Exception):
    """Raised by a parser callback: the request line (414) or the headers (431) are too long."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


class GuardedHttpToolsProtocol(_Limits, HttpToolsProtocol):
    """uvicorn's `HttpToolsProtocol` with the limits of `GuardedH11Protocol`. llhttp bounds nothing, so
    the head is measured here: the URL and each header as the parser hands them over, and the bytes
    received while a head is read (for a header still arriving)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_limits()
        self.url = b""
        self._reading: str = _HEAD  # what the parser reads: a head, or a body (after a head)
        self._begun = False  # a request's first byte came, its last not yet
        self._head_bytes = 0  # bytes received while reading a head (at least: see data_received)
        self._header_bytes = 0  # its headers' names and values so far

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if self._refused_at_once(transport):
            return
        super().connection_made(transport)
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        if self.flow is None:  # refused in connection_made
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._dropped(data):
            return
        self._unset_keepalive_if_required()
        if self._reading is _HEAD:  # the bytes of a head that follows a body in `data` are not counted
            self._head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError as error:
            cause = error.__context__
            self._refuse(*((cause.status, _TOO_LONG) if isinstance(cause, _TooLong) else (400, _MALFORMED)))
            return
        if self._reading is _HEAD and self._head_bytes > MAX_HEAD_BYTES:  # a header still arriving
            self._refuse(431, _TOO_LONG)  # (a URL that long was refused as it came, by on_url)
            return
        self._watch()

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, msg)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._begun = True
        self._header_bytes = 0

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) >= MAX_HEAD_BYTES:
            raise _TooLong(414)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes += len(name) + len(value) + 4  # ": " and CRLF
        if len(self.url) + self._header_bytes > MAX_HEAD_BYTES:
            raise _TooLong(431)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._reading, self._head_bytes = _BODY, 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._reading, self._begun = _HEAD, False
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def _waiting(self) -> str | None:
        if self._reading is _BODY:
            return _BODY
        return _HEAD if self.cycle is None or self.cycle.response_complete else None

    def _head_begun(self) -> bool:
        return self._begun
