"""A fast, model-free check that a text is English, for rejecting articles in other languages.

The rule (see `english_verdict`), on the first 10,000 characters:
1. fewer than 10 letters: not judged;
2. more than half of the letters outside the Latin script (Cyrillic, CJK, Arabic, ...): not English;
3. fewer than 8 Latin-script words: not judged (a headline may hold no function word at all);
4. at least 20% of the words are common English function words: English;
5. otherwise not English when function words of French, Spanish, German, Italian, Portuguese or Dutch
   are at least as many as the English ones (and at least 2), or when the text has 60 words or more
   and under 8% English function words (running English prose always has more).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["english_verdict"]

SAMPLE_CHARS = 10_000  # plenty for a verdict, and bounded time on a 5 MB text
# Below these sizes the text is too short to judge: a headline may hold no function word at all.
MIN_LETTERS = 10
MIN_WORDS = 8
# Above this share of letters outside the Latin script, the text is not English (names in other
# scripts inside English text stay far below it).
MAX_NON_LATIN_SHARE = 0.5
# A Latin-script text below this English share is suspect; it is rejected when the foreign function
# words are as many as the English ones, or when it has at least LONG_TEXT_WORDS words and is below
# LONG_TEXT_MIN_SHARE (running English prose is always above it: 15% at least in the news corpus).
SUSPECT_SHARE = 0.2
LONG_TEXT_WORDS = 60
LONG_TEXT_MIN_SHARE = 0.08

# The most frequent English function words (and "said", the verb of news), one table; e.g. "the".
ENGLISH_WORDS = frozenset(
    """
    the of and to a an in on for with by from at as is are was were be been being has have had it its
    this that these those which who whom whose what when where while there their they them he his him
    she her we our you your not but or if than then after before over under into about against between
    during would could should can may might must will shall do does did said says
    """.split()  # noqa: SIM905
)

# Frequent function words of French, Spanish, German, Italian, Portuguese and Dutch that are not
# English words and do not occur in names common in English news (so no "de", "la", "el", "al",
# "del", "dos", "von", "van", "los", "un", "per", "non"); e.g. "und".
FOREIGN_WORDS = frozenset(
    """
    les des du une et est dans pour sur avec qui que pas au aux ce cette sont il elle ils nous vous
    mais ont été être ses leur
    y en por con para una es se lo su sus como pero fue está este esta
    und ist nicht mit den dem ein eine einer auf sich für zu im auch wird wurde sind hat nach bei aus
    oder das dass werden haben wie noch nur über
    di che della gli sono ha nel alla
    não uma em pela pelo mais na ao foi são seu sua também
    het een niet zijn voor
    """.split()  # noqa: SIM905
)
# Articles that count only in lower case: capitalised, they are names in English ("Le Pen", "Los Angeles").
FOREIGN_LOWER_CASE_WORDS = frozenset({"le", "la", "el", "los", "las"})

_WORD = re.compile(r"[^\W\d_]+")


def _script(char: str) -> str:
    """The script of a letter as the first word of its Unicode name: LATIN, CYRILLIC, CJK, ..."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def english_verdict(text: str) -> str | None:
    """None when `text` is English or too short to judge; otherwise why it is not English."""
    all_words = _WORD.findall(text[:SAMPLE_CHARS])
    letters = sum(map(len, all_words))
    if letters < MIN_LETTERS:
        return None
    scripts = Counter(_script(c) for w in all_words if not w.isascii() for c in w if not c.isascii())
    non_latin = sum(n for script, n in scripts.items() if script != "LATIN")
    if non_latin > MAX_NON_LATIN_SHARE * letters:
        script = next(s for s, _ in scripts.most_common() if s != "LATIN")
        return f"not English text (mostly {script.lower()} script)"
    words = [w for w in all_words if w.isascii() or all(_script(c) == "LATIN" for c in w)]
    if len(words) < MIN_WORDS:
        return None
    lowered = [w.lower() for w in words]
    english = sum(w in ENGLISH_WORDS for w in lowered)
    foreign = sum(w in FOREIGN_WORDS for w in lowered) + sum(w in FOREIGN_LOWER_CASE_WORDS for w in words)
    share = english / len(words)
    if share >= SUSPECT_SHARE:
        return None
    if foreign >= max(english, 2) or (len(words) >= LONG_TEXT_WORDS and share < LONG_TEXT_MIN_SHARE):
        return (
            f"not English text ({english} of {len(words)} words are common English words,"
            f" {foreign} are French, Spanish, German or similar)"
        )
    return None
