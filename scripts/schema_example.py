"""Rewrite the worked example of docs/schema.md from the flagship article's real output.

usage: python scripts/schema_example.py   (run after a change that alters the flagship's events;
review the diff of docs/schema.md before committing)
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tidings.output import result_dict
from tidings.pipeline import extract_articles
from tidings.records import Article

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "schema.md"
START = "<!-- worked example: start -->"
END = "<!-- worked example: end -->"


def _actors(refs: list[dict[str, object]]) -> str:
    return "; ".join(f"{r['name'] or r['text']} {r['country']}/{r['sector']}" for r in refs) or "-"


def render() -> str:
    text = (ROOT / "examples" / "belarus-pardon.txt").read_text(encoding="utf-8")
    article = Article(id="belarus-pardon", text=text, published=date(2025, 12, 13))
    events = result_dict(next(extract_articles([article])))["events"]
    assert isinstance(events, list)
    rows = [
        "| trigger | type/mode | CAMEO | actor | recipients | size | certainty | links | flags |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in events:
        kind = e["event_type"] + (f"/{e['mode']}" if e["mode"] else "")
        recipients = ", ".join(str(r["country"]) for r in e["recipients"]) or "-"
        size = e["size"]["count"] if e["size"] else "-"
        links = ", ".join(link["relation"] for link in e["links"]) or "-"
        flags = ", ".join(flag["kind"] for flag in e["flags"]) or "-"
        rows.append(
            f"| {e['evidence']['trigger']} | {kind} | {e['cameo']} | {_actors(e['actors'])} | {recipients} "
            f"| {size} | {e['certainty']} | {links} | {flags} |"
        )
    release = next(e for e in events if e["event_type"] == "RETREAT" and e["size"])
    sanctions = next(e for e in events if e["event_type"] == "SANCTION" and e["actors"])
    return "\n".join(
        [
            START,
            "`tidings extract --published 2025-12-13 --format json examples/belarus-pardon.txt` finds:",
            "",
            *rows,
            "",
            "The release, in full:",
            "",
            "```json",
            json.dumps(release, indent=1, ensure_ascii=False),
            "```",
            "",
            "The sanctions it is exchanged for:",
            "",
            "```json",
            json.dumps(sanctions, indent=1, ensure_ascii=False),
            "```",
            END,
        ]
    )


def main() -> None:
    doc = DOC.read_text(encoding="utf-8")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(head + render() + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
