"""What identity compares of an article: its words, names and numbers, weighted by how rare they are.

A `Profile` is computed from the article alone (title, text, publication date), never from the rest of
the store: words weigh by their frequency in English at large (`knowledge/word_frequencies.tsv`), so two
articles compare the same whatever else has been ingested, and identity does not depend on the order of
ingest. Three channels, each a unit vector: content words (crudely stemmed), names (capitalised words
inside a sentence) and numbers other than years ("5.6", "123"); the years the text names are kept apart.
The same three of the title and lead alone (`LEAD_CHARACTERS`) are three more channels ("lw", "ln",
"ld"): what a report puts first is its news, where two pieces on one theme differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from ..knowledge.word_frequencies import load_word_frequencies

__all__ = [
    "KEY_TERMS",
    "Profile",
    "Term",
    "load_word_frequencies",
    "profile_of",
    "word_weight",
]

KEY_TERMS = 20  # the heaviest names and words of an article: what candidates for identity must share
LEAD_NAMES = 2  # the heaviest names of an article: who or where it is about
MAX_TERMS = 100  # per channel
MAX_WEIGHT = 7.0  # a word English barely uses (a name) weighs this; "the" weighs MIN_WEIGHT
MIN_WEIGHT = 0.3
NUMBER_WEIGHT = 2.0
MAX_CHARACTERS = 100_000  # the head of a very long text is what it is about
# the lead: the title and this many characters of the text (spaces collapsed); chosen on our own labels
# (held-out log-loss of the identity model: 250 0.00717, 400 0.00713, 700 0.00666)
LEAD_CHARACTERS = 700
LEAD_CHANNELS = {"w": "lw", "n": "ln", "d": "ld"}  # a lead channel for each channel of the whole text
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# a possessive's or a contraction's "'s": "Weston's" is Weston, "she's" is she (an apostrophe inside a
# name stays: "O'Brien"; a word never ends in one here: "the Smiths'" is read as "Smiths")
_POSSESSIVE = ("'s", "'S")
_SENTENCE_ENDS = frozenset('.!?:;"\u201c\u201d\n')  # the last sign before a word that starts a sentence
# Function words, reporting verbs and words of every news story: they say nothing about which one.
_STOP_TEXT = """
    a an the and or but if of in on at to for from by with without about into over after before under
    between through during is are was were be been being am do does did has have had having not no nor so
    than too very can could will would shall should may might must it its it's he him his she her they them
    their we us our you your i me my this that these those there here what which who whom whose when where
    why how all any both each few more most other some such only own same just also as up down out off again
    further then once said says say told tell according mr mrs ms one two new year years day days week time
    people s t"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_SUFFIXES = (("es", "s"), ("ing", "ed"))  # a plural, then a verb's ending


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """A channel's term and its weight in the article's unit vector of that channel."""

    channel: str  # "w" (word), "n" (name), "d" (number); "lw", "ln", "ld" the same of the lead
    text: str
    weight: float
    key: bool = False  # among the article's KEY_TERMS heaviest names and words
    lead: bool = False  # among its LEAD_NAMES heaviest names of people (named in full, then alone)

    @property
    def term(self) -> str:
        return f"{self.channel}:{self.text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """An article as identity compares it (see the module)."""

    article_id: str
    published: date | None
    terms: tuple[Term, ...]
    years: tuple[int, ...] = ()


def word_weight(word: str, frequencies: dict[str, float]) -> float:
    """How much a (lower-case) word says about what an article is about: rarer weighs more."""
    return max(MIN_WEIGHT, MAX_WEIGHT - frequencies.get(word, 0.0))


def stem(word: str) -> str:
    """A crude stem: 'shootings' and 'shooting' and 'shoot' meet, which is all identity needs."""
    for suffixes in _SUFFIXES:
        for suffix in suffixes:
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
    return word


def profile_of(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    frequencies: dict[str, float] | None = None,
) -> Profile:
    """The profile of one article (pure: the same text always gives the same profile)."""
    freq = frequencies if frequencies is not None else load_word_frequencies()
    counts, years, people = _counts(((title or "") + "\n" + text)[:MAX_CHARACTERS])
    lead_counts, _, _ = _counts((title or "") + "\n" + " ".join(text.split())[:LEAD_CHARACTERS])
    lead = _weighted({LEAD_CHANNELS[c]: counter for c, counter in lead_counts.items()}, freq, set())
    return Profile(
        article_id=article_id,
        published=published,
        terms=_weighted(counts, freq, people) + tuple(replace(t, key=False) for t in lead),
        years=tuple(sorted(years)),
    )


def _counts(body: str) -> tuple[dict[str, Counter[str]], set[int], set[str]]:
    """The words, names and numbers of a text, the years it names and its people (named in full, then
    alone)."""
    counts: dict[str, Counter[str]] = {"w": Counter(), "n": Counter(), "d": Counter()}
    years: set[int] = set()
    previous: str | None = None  # the capitalised word just before, inside a sentence
    full_names: set[str] = set()  # words that end a pair of capitalised words: "Vincent Jackson"
    alone: Counter[str] = Counter()  # capitalised words after a word that is not
    for match in _WORD.finditer(body):
        token = match.group().replace("\u2019", "'")
        token = token[:-2] if token.endswith(_POSSESSIVE) else token
        lower = token.lower()
        if token[0].isdigit():
            previous = None
            digits = token.replace(",", "")
            if _YEAR.match(digits):
                years.add(int(digits))
            else:
                counts["d"][digits.rstrip(".")] += 1
            continue
        start = match.start()
        before = body[max(0, start - 3) : start].rstrip(" \t\r\f\v")
        initial = start == 0 or before[-1:] in _SENTENCE_ENDS
        capital = token[0].isupper() and token[1:2].islower()
        if capital and previous is not None and not initial:
            full_names.add(lower)
        elif capital and not initial:
            alone[lower] += 1
        previous = lower if capital else None
        if lower in STOP_WORDS:
            continue
        counts["w"][stem(lower)] += 1
        if token[0].isupper() and not initial:
            counts["n"][lower] += 1
    people = {name for name in full_names if alone[name] and name not in STOP_WORDS}
    return counts, years, people


def _weighted(counts: dict[str, Counter[str]], freq: dict[str, float], people: set[str]) -> tuple[Term, ...]:
    raw: list[tuple[str, str, float]] = []
    for channel, counter in counts.items():
        for text, count in counter.items():
            idf = NUMBER_WEIGHT if channel in ("d", "ld") else word_weight(text, freq)
            raw.append((channel, text, (1 + math.log(count)) * idf))
    keys = {
        (channel, text)
        for channel, text, _ in sorted((r for r in raw if r[0] != "d"), key=lambda r: (-r[2], r[0], r[1]))[
            :KEY_TERMS
        ]
    }
    leads = {
        text
        for _, text, _ in sorted(
            (r for r in raw if r[0] == "n" and r[1] in people), key=lambda r: (-r[2], r[1])
        )[:LEAD_NAMES]
    }
    squares: dict[str, float] = {c: 0.0 for c in counts}
    for channel, _, weight in raw:
        squares[channel] += weight * weight
    # the heaviest MAX_TERMS of each channel, weighed in the unit vector of the whole channel: the light
    # ones add little to a cosine and much to its cost
    kept = []
    for channel in counts:
        heaviest = sorted((r for r in raw if r[0] == channel), key=lambda r: (-r[2], r[1]))[:MAX_TERMS]
        kept += heaviest
    return tuple(
        Term(
            channel=channel,
            text=text,
            weight=weight / math.sqrt(squares[channel]),
            key=(channel, text) in keys,
            lead=channel == "n" and text in leads,
        )
        for channel, text, weight in sorted(kept)
        if squares[channel] > 0
    )
