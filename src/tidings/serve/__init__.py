"""`tidings serve`: the store as a JSON API (/api/v1) and a web UI, read-only by default.

FastAPI and uvicorn are imported only by this package, so the rest of Tidings does not need them.
"""

from __future__ import annotations

from .app import app_from_environment, create_app

__all__ = ["app_from_environment", "create_app"]
