"""How many: the quantity attached to an event's recipient or object ("123 foreign nationals")."""

from __future__ import annotations

import re

from ..records import Size, Token
from .syntax import Tree

__all__ = ["parse_number", "size_of"]

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


def parse_number(words: str) -> int | None:
    """'123' -> 123, '5,000' -> 5000, 'twenty-three' -> 23, '2.5 million' -> 2500000."""
    text = words.lower().replace("-", " ").strip()
    if not text:
        return None
    if text.startswith("a "):
        text = "one " + text[2:]
    total, current, seen = 0, 0.0, False
    for word in text.split():
        if DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += int(current)
                current = 0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return int(total + current) if seen else None


def size_of(tree: Tree, heads: list[Token], persons: frozenset[str]) -> Size | None:
    """The count modifying the first of `heads` that has one."""
    for head in heads:
        nums = [k for k in tree.kids(head.i, "nummod") if k.pos == "NUM"]
        if not nums:
            continue
        num = nums[0]
        parts = [num.i] + [k.i for k in tree.kids(num.i, "compound", "quantmod")]
        lo, hi = min(parts), max(parts) + 1
        count = parse_number(tree.text(lo, hi)) or parse_number(num.text)
        if count is None:
            continue
        is_people = head.lemma in persons or head.ent_type in ("NORP", "PERSON")
        unit = "people" if is_people else head.lemma
        return Size(
            count=count,
            unit=unit,
            text=tree.text(lo, head.i + 1),
            span=tree.char_span(lo, head.i + 1),
        )
    return None
