"""Title-case headlines, read as sentences.

A headline in title case ("Police Arrest Two Men After Deadly Shooting in Chicago") is parsed badly by
a model trained on sentence case: every capitalised word looks like a name, so the verb becomes part of
a name ("Police Arrest"), and the parse loses who acted and on whom. What the parser is given instead is
the same headline with its common words in lower case ("Police arrest two men after deadly shooting in
Chicago"): the text keeps its length, so every offset holds, and the tokens keep the original's letters
(`nlp.py` reads them from the article).

Which words are common is told first by the article itself: a word its body writes in lower case is a
common word ("arrest"), one it writes capitalised inside a sentence, or only ever capitalised, is a
name ("Chicago", "Trump");
a word the body does not use is common if English uses it often (`knowledge/word_frequencies.tsv`) and
no entry of the knowledge base bears it (countries, peoples, leaders, bodies). Left as written: the
headline's first word and the first after a colon or a dash, acronyms ("NRA", "U.S."), "I", and every
word of a headline that is not in title case (sentence case, all capitals, a one-line lead).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["COMMON_ZIPF", "headline_span", "in_title_case", "sentence_case"]

COMMON_ZIPF = 3.5  # a word the body does not use is common when English uses it this often or more
MAX_HEADLINE = 250  # characters: a first line longer than this is a paragraph, not a headline
TITLE_SHARE = 0.75  # of a headline's words of four letters or more, capitalised: title case
MIN_CONTENT_WORDS = 3
BODY_CHARS = 20_000  # how much of the body tells case: its start, so a long text costs no more
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")  # "Trump's" is one word, "Right'" is "Right"
_STARTS = frozenset(":;\u2013\u2014?!")  # after these a headline starts again: "Graham: Trump's ..."
_SENTENCE_ENDS = frozenset('.!?:;"\u201c\u201d\n')

IsKnownName = Callable[[str], bool]


def headline_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where an article's headline lies in its text: its title, when the text opens with it, or else a
    short first line followed by more text."""
    if title and title.strip() and text.startswith(title.strip()):
        return 0, len(title.strip())
    line_end = text.find("\n")
    if 0 < line_end <= MAX_HEADLINE and text[line_end:].strip():
        return 0, line_end
    return None


def in_title_case(headline: str) -> bool:
    """Whether most of a headline's words of four letters or more are capitalised, not all in capitals."""
    content = [w for w in _WORD.findall(headline) if len(w) >= 4]
    if len(content) < MIN_CONTENT_WORDS:
        return False
    capitalised = [w for w in content if w[0].isupper()]
    shouting = [w for w in content if w.isupper()]
    return len(capitalised) >= TITLE_SHARE * len(content) and len(shouting) < len(content) / 2


def _uses(body: str, word: str) -> tuple[int, int, int]:
    """How often the body writes a capitalised word in lower case, capitalised inside a sentence, and
    capitalised at all (a sentence's first word says nothing of case, unless the body never lowers it)."""
    lower = inside = capital = 0
    pattern = rf"(?<![A-Za-z'\u2019]){re.escape(word.lower())}(?![A-Za-z])"
    for match in re.finditer(pattern, body, re.IGNORECASE):
        found = match.group()
        if found == word.lower():
            lower += 1
        elif found[0].isupper() and not found.isupper():
            capital += 1
            before = body[: match.start()].rstrip()
            if before and before[-1] not in _SENTENCE_ENDS:
                inside += 1
    return lower, inside, capital


def _common(word: str, body: str, frequencies: dict[str, float], known: IsKnownName) -> bool:
    word = re.split("['\u2019]", word)[0]  # "Trump's" is told by "Trump"
    lower, inside, capital = _uses(body, word)
    if lower or inside:
        return lower >= inside
    if capital:
        return False  # "Chicago police said ...": only ever written capitalised
    lowered = word.lower()
    forms = [lowered, lowered[:-1]] if lowered.endswith("s") and len(lowered) > 4 else [lowered]  # "Expels"
    return max(frequencies.get(f, 0.0) for f in forms) >= COMMON_ZIPF and not known(word)


def sentence_case(text: str, span: tuple[int, int], frequencies: dict[str, float], known: IsKnownName) -> str:
    """`text` with the common words of its title-case headline at `span` in lower case (same length); the
    text as it is when the headline is not in title case."""
    lo, hi = span
    headline = text[lo:hi]
    if not in_title_case(headline):
        return text
    body = text[hi : hi + BODY_CHARS]
    out = list(text)
    start_again = True
    for match in _WORD.finditer(headline):
        word, at = match.group(), lo + match.start()
        before = headline[: match.start()].rstrip(" \"'\u2018\u201c(")
        first = start_again or (bool(before) and before[-1] in _STARTS)
        start_again = False
        if first or not word[0].isupper() or (word.isupper() and len(word) > 1) or word == "I":
            continue
        lowered = word.lower()
        if len(lowered) != len(word) or not _common(word, body, frequencies, known):
            continue
        out[at : at + len(word)] = lowered
    return "".join(out)
