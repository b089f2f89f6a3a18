"""Running the real `tidings` command, and the inputs of the README's bad-input matrix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = json.loads((ROOT / "tests" / "ingest" / "fixtures" / "foreign.json").read_text(encoding="utf-8"))
GOOD = "Rebels attacked an army base near Donetsk on Monday, the army said in a statement."
ABSURD = "Rebels killed 99999999999999999999 soldiers in Donetsk on Monday, the army said."
SURROGATE = "Police arrested 40 protesters in Minsk on Friday \ud800, witnesses said."
# Over spaCy's 1,000,000-character limit; the filler is long words, so that the test parses quickly.
LONG = (
    "The United Nations sent aid to Gaza on Tuesday.\n\n"
    + ("z" * 999 + " ") * 1200
    + "\n\nPolice arrested 40 protesters in Minsk."
)
# A 30 KB sentence: clauses joined by commas, with a date in each (the date search was quadratic).
CLAUSE = "rebels attacked an army base near Donetsk on March 3, 2024, police arrested 40 protesters in Minsk"
RUN_ON = "Officials said that " + ", and ".join([CLAUSE] * (30_000 // (len(CLAUSE) + 6))) + "."


def tidings(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """A running `tidings` command; `.communicate()` gives its stdout and stderr."""
    return subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def finished(process: subprocess.Popen[str], timeout: float = 600) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def jsonl(*records: dict[str, object]) -> str:
    """JSON Lines as Python writes them: a lone surrogate is the escape "\\ud800", as in the wild."""
    return "".join(json.dumps(record) + "\n" for record in records)


def write_matrix(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The README's bad inputs in `folder`: ({path: reason} of those refused, {origin: text} of those
    that are articles)."""
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20,
        "undecodable.txt": "Министр заявил, что выплаты будут произведены вовремя".encode("cp1251"),
        "huge.txt": (GOOD + " ").encode() * (5 * 1024 * 1024 // len(GOOD) + 1),
        "french.txt": FOREIGN["french"].encode(),
        "malformed.html": b"<html><head><title>x</title></head><body><div><p></div></body></html>",
        "long.txt": LONG.encode(),
        "good.txt": GOOD.encode(),
        "lines.jsonl": (
            "{not json\n" + jsonl({"id": "surrogate", "text": SURROGATE}, {"id": "absurd", "text": ABSURD})
        ).encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    refused = {
        "empty.txt": "empty text",
        "binary.txt": "binary data",
        "undecodable.txt": "not valid UTF-8 text",
        "huge.txt": "too large",
        "french.txt": "not English",
        "malformed.html": "no main text found in the HTML",
        "lines.jsonl:1": "not valid JSON",
    }
    articles = {
        "long.txt": LONG,
        "good.txt": GOOD,
        "lines.jsonl:2": SURROGATE.replace("\ud800", "\ufffd"),
        "lines.jsonl:3": ABSURD,
    }
    return (
        {str(folder / k): v for k, v in refused.items()},
        {str(folder / k): v for k, v in articles.items()},
    )
