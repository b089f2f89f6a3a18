"""How many: the quantity attached to an event's recipient or object ("123 foreign nationals").

A size is a whole number within what a report can state: a count of people is at most `MAX_PEOPLE`
(a billion: the largest crowds, strikes and displacements reported are in the tens of millions), a count
of anything else at most `MAX_COUNT`. A fraction ("0.5 protesters", "3.14159 tanks"), a number after its
noun ("December 13", "Article 5") and a numeral beyond these bounds are no size.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..records import Size, Token
from ..syntax import Tree

__all__ = ["MAX_COUNT", "MAX_PEOPLE", "number_value", "parse_count", "parse_number", "size_of"]

MAX_PEOPLE = 1_000_000_000
MAX_COUNT = 10**15  # dollars, rounds, tonnes: above any budget a report states, and far inside BIGINT
# What `number_value` reads at most: a numeral longer than this, or a value above the ceiling, is no number.
MAX_NUMERAL_CHARS = 24
MAX_NUMBER = Decimal(10**18)
UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def number_value(words: str) -> Decimal | None:
    """The exact value of a numeral: '123', '5,000', 'twenty-three', '2.5 million', 'a dozen'; None when
    the words are not a number or it is above 10^18 (so no float infinity, no overflow)."""
    text = words.lower().replace("-", " ").strip()
    if not text:
        return None
    if text.startswith("a "):
        text = "one " + text[2:]
    total, current, seen = Decimal(0), Decimal(0), False
    for word in text.split():
        if DIGITS.match(word):
            digits = word.replace(",", "")
            if len(digits) > MAX_NUMERAL_CHARS:
                return None
            current += Decimal(digits)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = (current or Decimal(1)) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = Decimal(0)
        elif word == "and":
            continue
        else:
            return None
        if total + current > MAX_NUMBER:
            return None
        seen = True
    return total + current if seen else None


def parse_number(words: str) -> int | None:
    """'123' -> 123, '5,000' -> 5000, 'twenty-three' -> 23, '2.5 million' -> 2500000; a fraction is
    cut to its whole part ('3.5' -> 3); None when not a number or above 10^18."""
    value = number_value(words)
    return None if value is None else int(value)


def parse_count(words: str) -> int | None:
    """A whole number of things: as `parse_number`, but a fraction ('0.5', '3.14159') is None."""
    value = number_value(words)
    return int(value) if value is not None and value == value.to_integral_value() else None


def size_of(tree: Tree, heads: list[Token], persons: frozenset[str]) -> Size | None:
    """The count modifying the first of `heads` that has one (see the module docstring for what is no
    count)."""
    for head in heads:
        nums = [k for k in tree.kids(head.i, "nummod") if k.pos == "NUM"]
        if not nums:
            continue
        num = nums[0]
        parts = [num.i] + [k.i for k in tree.kids(num.i, "compound", "quantmod")]
        lo, hi = min(parts), max(parts) + 1
        if hi > head.i:  # a number after its noun labels it ("December 13", "Article 5"): no count
            continue
        count = parse_count(tree.text(lo, hi)) or parse_count(num.text)
        is_people = head.lemma in persons or head.ent_type in ("NORP", "PERSON")
        if count is None or count > (MAX_PEOPLE if is_people else MAX_COUNT):
            continue
        unit = "people" if is_people else head.lemma
        return Size(
            count=count,
            unit=unit,
            text=tree.text(lo, head.i + 1),
            span=tree.char_span(lo, head.i + 1),
        )
    return None
