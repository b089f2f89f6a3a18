"""What a 422 answer says of a request that failed validation: where and why, never the input itself.

FastAPI's own answer echoes each invalid value back (`"input"`): a 5 MB text comes back whole, and a
value that cannot be written as UTF-8 (a JSON body with a lone surrogate, "\\ud800") made the answer
itself fail, a 500. Here each error keeps its location, message and type, and any text in them is made
encodable (a lone surrogate becomes its escape, "\\ud800")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.encoders import jsonable_encoder

__all__ = ["validation_details"]

_KEPT = ("type", "loc", "msg", "ctx")


def validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """The errors of a failed validation as a 422 answer gives them: without the input they refused."""
    kept = [{key: error[key] for key in _KEPT if key in error} for error in errors if isinstance(error, dict)]
    return [_encodable(item) for item in jsonable_encoder(kept)]


def _encodable(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    return value
