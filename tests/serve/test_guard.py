"""What every request passes through (`tidings.serve.guard`): security headers on every answer, bodies
bounded, uploads refused before they are read; and no page or file the server sends names another site."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from tidings.serve import create_app
from tidings.serve.guard import CSP, MAX_BODY_BYTES, Guard

SERVE = Path(__file__).resolve().parents[2] / "src" / "tidings" / "serve"


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db)) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/api/v1/events?limit=1", 200),
        ("GET", "/api/v1/health", 200),
        ("GET", "/api/v1/openapi.json", 200),
        ("GET", "/api/v1/docs", 200),
        ("GET", "/static/tidings.css", 200),
        ("GET", "/types.css", 200),
        ("GET", "/vendor/swagger-ui.css", 200),
        ("GET", "/actors/tidings:nobody", 404),
        ("GET", "/api/v1/events?since=never", 422),
        ("GET", "/static/../app.py", 404),
        ("POST", "/api/v1/articles", 403),
        ("DELETE", "/api/v1/events", 405),
    ],
)
def test_security_headers_on_every_answer(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path, json={"text": "x"} if method == "POST" else None)
    assert response.status_code == status
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_policy_allows_only_this_server() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CSP and "http" not in CSP


def test_no_inline_script_or_style_and_no_other_site() -> None:
    """What the pages are made of: scripts and styles only from files of this server, and no address
    of another site (a CDN) anywhere."""
    for path in sorted((SERVE / "templates").glob("*.html")) + sorted((SERVE / "static").iterdir()):
        text = path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")  # a name
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name  # no inline script
        assert "<style" not in text and "style=" not in text, path.name
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), path.name


def test_api_docs_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/api/v1/docs").text
    assert '<script src="/vendor/swagger-ui-bundle.js">' in page and "://" not in page
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/vendor/{name}").status_code == 200, f"{name}: run make setup (npm ci)"
    assert client.get("/api/v1/oauth2-redirect").status_code == 404


def _call(app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> dict:
    """Run one request through the ASGI `app`; the body is handed over in 64 KB pieces, each counted."""
    sent: list[dict[str, Any]] = []
    pieces = [body[i : i + 65536] for i in range(0, len(body), 65536)] or [b""]
    read = []

    async def receive() -> dict[str, Any]:
        read.append(1)
        chunk = pieces.pop(0) if pieces else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(pieces)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": headers,
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 5000),
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }
    asyncio.run(app(scope, receive, send))
    return {
        "status": sent[0]["status"],
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
        "reads": len(read),
    }


def test_uploads_are_refused_before_their_body_is_read(served_db: Path) -> None:
    read_only = create_app(served_db)
    huge = [(b"content-type", b"application/json"), (b"content-length", b"600000000")]
    answer = _call(read_only, "POST", "/api/v1/articles", huge)
    assert answer["status"] == 403 and answer["reads"] == 0 and b"--allow-ingest" in answer["body"]
    read_only.state.reader.close()

    writable = create_app(served_db)
    writable.state.allow_ingest, writable.state.token = True, "s3cret"  # what --allow-ingest sets
    answer = _call(writable, "POST", "/api/v1/articles", huge)
    assert answer["status"] == 401 and answer["reads"] == 0
    bearer = [*huge, (b"authorization", b"Bearer s3cret")]
    answer = _call(writable, "POST", "/api/v1/articles", bearer)
    assert answer["status"] == 413 and answer["reads"] == 0 and str(MAX_BODY_BYTES).encode() in answer["body"]
    writable.state.reader.close()


def test_a_body_without_its_length_is_counted() -> None:
    async def echo(scope: Any, receive: Any, send: Any) -> None:
        body = await Request(scope, receive).body()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(len(body)).encode()})

    guarded = Guard(echo, refuse_ingest=lambda scope: None, max_body=100_000)
    small = _call(guarded, "POST", "/echo", [], b"x" * 99_999)
    assert small["status"] == 200 and small["body"] == b"99999"
    large = _call(guarded, "POST", "/echo", [], b"x" * 200_000)
    assert large["status"] == 413 and large["reads"] == 2  # stopped at the piece that went over
