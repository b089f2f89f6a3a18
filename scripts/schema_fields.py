"""Rewrite the declared-fields section of docs/schema.md from tidings.event_schema, the one declaration of
an event's fields (tests/test_event_schema.py fails while the section is not current).

usage: python scripts/schema_fields.py   (run after changing the declaration; review the diff)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tidings.event_schema import CSV, EVENT, PARTS, PLOVER, PLOVER_ENTITY, Field, Part, Shape
from tidings.store.record_schema import PARTY, RECORD, RECORD_CSV, RECORD_SIZE, REPORT, VOTE

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "schema.md"
START = "<!-- declared fields: start -->"
END = "<!-- declared fields: end -->"
_TYPES = {str: "string", int: "integer", float: "number", dt.date: "ISO date"}


def _type(field: Field) -> str:
    if field.shape is Shape.SPAN:
        kind = "[start, end]"
    elif field.shape is Shape.VALUES:
        kind = "list of strings"
    elif field.shape is Shape.MAPPING and field.part is not None:
        kind = f"object of lists of {field.part.name}, by field"
    elif field.part is not None:
        kind = ("list of " if field.shape is Shape.PARTS else "") + f"{field.part.name}"
    else:
        kind = _TYPES.get(field.type, " or ".join(_TYPES[t] for t in getattr(field.type, "__args__", ())))
    return kind + (" or null" if field.nullable else "")


def _stored(part: Part, field: Field, prefix: str) -> str:
    if field.attr is None and field.column is None:
        return "joined when read"
    if field.shape is Shape.PARTS:
        return f"`{field.table}` rows" + (f" (role `{field.role}`)" if field.role else "")
    if field.shape is Shape.PART:
        return "its fields' columns" if field.column is not None else "-"
    return ", ".join(f"`{prefix}{c}`" for c in field.columns) or "not stored"


def _exports(part: Part, field: Field) -> str:
    """The CSV columns and PLOVER keys made from the field (for the event and its parts)."""
    if not field.json:
        return "-"
    names = (
        [field.name] if part is EVENT else [f"{f.name}.{field.name}" for f in EVENT.fields if f.part is part]
    )
    csv = [c.name for c in CSV if any(_feeds(p, n) for p in c.paths for n in names)]
    plover = [k.key for k in PLOVER if any(_feeds(p, n) for p in k.paths for n in names)]
    if part.name == "actor":
        plover += [f"{key}" for key, name in PLOVER_ENTITY if name == field.name]
    out = [f"CSV `{c}`" for c in csv] + [f"PLOVER `{k}`" for k in plover]
    return ", ".join(out) or "-"


def _paths(root: Part, part: Part, field: Field) -> list[str]:
    """The dotted paths of a field of `root`, or of a part directly in it."""
    if part is root:
        return [field.name]
    return [f"{f.name}.{field.name}" for f in root.fields if f.part is part]


def _feeds(path: str, name: str) -> bool:
    """Whether an export's path takes the field at `name` (itself, a part of it, or the part it is in)."""
    return path == name or path.startswith(name + ".") or name.startswith(path + ".")


def _record_exports(part: Part, field: Field) -> str:
    """The columns of the records' CSV made from the field (of a record or of a part directly in it)."""
    names = (
        [field.name]
        if part is RECORD
        else [f"{f.name}.{field.name}" for f in RECORD.fields if f.part is part]
    )
    csv = [c.name for c in RECORD_CSV if any(_feeds(p, n) for p in c.paths for n in names)]
    return ", ".join(f"CSV `{c}`" for c in csv) or "-"


def _table(part: Part, rows: list[tuple[str, ...]]) -> list[str]:
    head = ("field", "type", "JSON", "stored", "exported", "meaning")[: len(rows[0])] if rows else ()
    lines = [f"### {part.name}: {part.doc}", "", "| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    return [*lines, *("| " + " | ".join(cells) + " |" for cells in rows), ""]


def render() -> str:
    lines = [
        "Generated from `tidings/event_schema.py` by `scripts/schema_fields.py`. *JSON*: the field is in the",
        "record `tidings extract` writes (store-only fields are in the store's records: `tidings events",
        "--mentions`, `tidings export`, the API); *stored*: its columns in the store; *exported*: the CSV",
        "columns and PLOVER JSON keys made from it (Parquet holds the record as it is).",
        "",
    ]
    prefixes = {f.part.name: f.column or "" for f in EVENT.fields if f.shape is Shape.PART and f.part}
    for part in PARTS:
        rows = []
        for field in part.fields:
            json = "yes" if field.json and field.attr else ("store" if field.json else "no")
            stored = _stored(part, field, prefixes.get(part.name, ""))
            rows.append((f"`{field.name}`", _type(field), json, stored, _exports(part, field), field.doc))
        lines += _table(part, rows)
    lines += [
        "### Real-world event records",
        "",
        "A record (`tidings events`, `/api/v1/records/{id}`: [identity.md](identity.md)) is put together",
        "when asked, from its mentions; `tidings/store/record_schema.py` declares it and its CSV's columns.",
        "",
    ]
    for part in (RECORD, PARTY, VOTE, REPORT, RECORD_SIZE):
        rows = [(f"`{f.name}`", _type(f), _record_exports(part, f), f.doc) for f in part.fields]
        table = _table(part, [])
        table[2:4] = ["| field | type | exported | meaning |", "|---|---|---|---|"]
        lines += [*table[:-1], *("| " + " | ".join(cells) + " |" for cells in rows), ""]
    return "\n".join(lines)


def current_doc() -> str:
    """docs/schema.md with the section rewritten."""
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{render()}{END}{tail}"


if __name__ == "__main__":
    DOC.write_text(current_doc(), encoding="utf-8")
