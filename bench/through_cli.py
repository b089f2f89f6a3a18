"""Run `tidings annotate --format json` on articles, as a user would, for the bench scripts to score.

Every bench figure is measured on what the command prints: the articles are written to a JSONL file
(`id`, `text`, `published`), the installed `tidings` command annotates it in one process, and each
mention's span is checked against the text it was given.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

Mention = dict[str, object]


def tidings_command() -> list[str]:
    """The `tidings` beside this Python (the project's venv), else the one on PATH."""
    here = Path(sys.executable).with_name("tidings")
    found = str(here) if here.exists() else shutil.which("tidings")
    if found is None:
        sys.exit("no `tidings` command: run `make setup` and use .venv/bin/python")
    return [found]


def annotate(articles: Sequence[tuple[str, str, date | None]]) -> dict[str, list[Mention]]:
    """(id, text, published) -> the mentions `tidings annotate --format json` prints, by article id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for ident, text, published in articles:
                item = {"id": ident, "text": text, "published": published.isoformat() if published else None}
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        done = subprocess.run(
            [*tidings_command(), "annotate", "--format", "json", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"tidings annotate failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    texts = {ident: text for ident, text, _ in articles}
    out_by_id: dict[str, list[Mention]] = {}
    for line in done.stdout.splitlines():
        doc = json.loads(line)
        ident = doc["article"]["id"]
        text = texts[ident]
        for m in doc["mentions"]:
            lo, hi = m["span"]
            if text[lo:hi] != m["text"]:
                sys.exit(f"{ident}: mention {m['text']!r} does not match its span {lo}-{hi}")
        out_by_id[ident] = doc["mentions"]
    missing = set(texts) - set(out_by_id)
    if missing:
        sys.exit(f"tidings annotate gave no output for {len(missing)} articles, e.g. {sorted(missing)[0]}")
    return out_by_id
