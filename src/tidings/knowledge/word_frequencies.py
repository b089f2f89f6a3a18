"""How common each English word is (`word_frequencies.tsv`, from wordfreq; rebuilt by
`scripts/build_word_weights.py`): what story profiles weigh words by, and what tells a title-case
headline's common words from its names."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["load_word_frequencies"]


@cache
def load_word_frequencies() -> dict[str, float]:
    """Word -> Zipf frequency (log10 of its frequency per billion words), from the knowledge file."""
    path = resources.files("tidings") / "knowledge" / "word_frequencies.tsv"
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, value = line.split("\t")
            out[word] = int(value) / 10
    return out
