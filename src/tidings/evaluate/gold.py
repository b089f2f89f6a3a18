"""Reading a gold file and telling its format from its items."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError

__all__ = ["GoldFile", "GoldFormat", "load_gold"]

GoldFormat = Literal["sentences", "documents"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldFile:
    """The items of a gold file, all of one format: annotated sentences (each item has `gold`) or
    whole articles labelled sentence by sentence (each item has `sentences`)."""

    path: str
    format: GoldFormat
    items: tuple[dict[str, Any], ...]


def _format_of(item: object, origin: str) -> GoldFormat:
    if isinstance(item, dict) and isinstance(item.get("sentences"), list):
        return "documents"
    if isinstance(item, dict) and isinstance(item.get("gold"), dict):
        return "sentences"
    raise InputError(origin, "not a gold item: neither 'gold' (sentence format) nor 'sentences' (documents)")


def load_gold(path: str | Path) -> GoldFile:
    """The items of a gold file, one JSON object a line; raises `InputError` naming the line when a
    line is not JSON, not a gold item, or of another format than the first."""
    items: list[dict[str, Any]] = []
    found: GoldFormat | None = None
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(origin, f"not valid JSON ({error.msg})") from None
            kind = _format_of(item, origin)
            if found is not None and kind != found:
                raise InputError(origin, f"an item in the {kind} format in a file of the {found} format")
            found = kind
            items.append(item)
    if found is None:
        raise InputError(str(path), "no gold items (empty or blank)")
    return GoldFile(path=str(path), format=found, items=tuple(items))
