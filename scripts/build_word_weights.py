"""Rebuild src/tidings/knowledge/word_frequencies.tsv: how common each English word is, for identity.

Usage: .venv/bin/python scripts/build_word_weights.py [--min-zipf 2.5]

Build-time only (the runtime reads the TSV): pip install wordfreq==3.1.1 (the `kb` extra).

Each line is a word and its Zipf frequency times ten (log10 of its frequency per billion words, from
wordfreq's "large" English list: Wikipedia, subtitles, news, books, web text, Reddit and Twitter).
Identity across articles weighs a word by how rare it is in English at large, not in the store, so that
two articles compare the same whatever else has been ingested (tidings.link.profile).
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "knowledge" / "word_frequencies.tsv"
WORD = re.compile(r"^[a-z][a-z'\-]*$")
HEADER = """\
# word\tzipf x 10 (log10 of the word's frequency per billion words, times ten, rounded)
# Source: wordfreq 3.1.1 by Robyn Speer, its 'large' English list (https://github.com/rspeer/wordfreq;
#   cite: Robyn Speer (2022), rspeer/wordfreq v3.0, Zenodo, https://doi.org/10.5281/zenodo.7199437).
#   wordfreq's code is Apache-2.0; its data is licensed CC BY-SA 4.0
#   (https://creativecommons.org/licenses/by-sa/4.0/), built from Wikipedia, OPUS OpenSubtitles 2018,
#   NewsCrawl (WMT), Google Books Ngrams, OSCAR, ParaCrawl, the Leeds Internet Corpus, Reddit, Twitter
#   and the SUBTLEX word lists of Marc Brysbaert et al. (freely available data,
#   http://crr.ugent.be/programs-data/subtitle-frequencies).
# Licence of this file: CC BY-SA 4.0, as a work adapted from wordfreq's data (the rest of Tidings keeps
#   its own licence). Changes: only lower-case words of letters, apostrophes and hyphens with a Zipf
#   frequency of at least 2.5 are kept, and the frequency is rounded to tenths.
# Built by scripts/build_word_weights.py (make kb); see docs/knowledge.md and word_frequencies.tsv.license.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--min-zipf", type=float, default=2.5, help="Leave out rarer words (they weigh the most)."
    )
    args = parser.parse_args()
    rows = []
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        zipf = math.log10(frequency * 1e9)
        if zipf >= args.min_zipf and WORD.match(word):
            rows.append((word, round(zipf * 10)))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(f"{word}\t{value}\n" for word, value in rows)
    print(f"{len(rows)} words written to {OUT}")


if __name__ == "__main__":
    main()
