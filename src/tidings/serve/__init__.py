"""`tidings serve`: the store as a JSON API (/api/v1) and a web UI, read-only by default.

FastAPI and uvicorn are imported only by this package, so the rest of Tidings does not need them.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
