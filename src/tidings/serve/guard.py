"""What every request passes through before the app (plain ASGI, no per-request task):

- security headers on every answer: a Content-Security-Policy that lets a page load only this server's
  scripts, styles and data (no inline script or style, no frames, no other origin), X-Frame-Options,
  X-Content-Type-Options and Referrer-Policy;
- request bodies bounded: a Content-Length over `MAX_BODY_BYTES` gets 413 before a byte of the body is
  read, and a body without one is counted as it arrives;
- `POST /api/v1/articles` refused (403, or 401 without the token) before its body is read, so an
  unauthenticated upload costs the server nothing;
- the empty fields a page's filter form sends ("since=") dropped from page URLs: they mean no filter.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

__all__ = ["CSP", "MAX_BODY_BYTES", "SECURITY_HEADERS", "Guard", "Refusal"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (status, message) when a request to add an article must be refused, from its headers alone
Refusal = Callable[[Scope], "tuple[int, str] | None"]

# an article is at most 5,000,000 characters: as JSON with every character escaped ("\uXXXX"), 30 MB
MAX_BODY_BYTES = 32 * 1024 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_NAMES = {name for name, _ in SECURITY_HEADERS}
_WITHOUT_BODY = frozenset({"GET", "HEAD", "OPTIONS"})


class _TooLarge(HTTPException):
    """Raised by the body's reader: FastAPI passes an HTTPException on as the answer."""


class Guard:
    """The ASGI middleware of the module's docstring around `app`; `refuse_ingest` says whether a
    `POST /api/v1/articles` with these headers must be refused, and why."""

    def __init__(self, app: ASGIApp, *, refuse_ingest: Refusal, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.refuse_ingest = refuse_ingest
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in _NAMES]
                message["headers"] = [*kept, *SECURITY_HEADERS]
            await send(message)

        if scope["method"] == "POST" and scope["path"].rstrip("/") == "/api/v1/articles":
            refused = self.refuse_ingest(scope)
            if refused is not None:
                await _answer(send_with_headers, *refused)
                return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _answer(send_with_headers, 413, f"the request body is over {self.max_body} bytes")
            return
        if not scope["path"].startswith("/api/") and scope.get("query_string"):
            pairs = [p for p in scope["query_string"].split(b"&") if p and not p.endswith(b"=")]
            scope["query_string"] = b"&".join(pairs)
        if scope["method"] in _WITHOUT_BODY and length is None:
            await self.app(scope, receive, send_with_headers)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _TooLarge(413, f"the request body is over {self.max_body} bytes")
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if started:
                raise
            await _answer(send_with_headers, 413, f"the request body is over {self.max_body} bytes")


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
