"""The time words: the calendar vocabulary of `knowledge/time_words.json` (months, weekdays, numbers,
units, seasons, holidays...), loaded once. The time-expression rules that use it are in
`tidings.resolve.dates`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["TimeWords", "load_time_words"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeWords:
    """The calendar vocabulary of `knowledge/time_words.json`, with the regex fragment for each word class."""

    months: dict[str, int]
    # short forms read as months only in a full date ("Jun 13, 2013"): alone they are names too ("Jun Li")
    dated_months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    refs: dict[str, str]  # phrase -> PRESENT_REF | PAST_REF | FUTURE_REF
    weak_refs: dict[str, str]  # normalised when asked, never found in running text
    sets: dict[str, str]
    count_words: frozenset[str]
    holidays: dict[str, str]  # name -> "MM-DD", "easter+N", "orthodox_easter", "MM-wkd-N" (+ "/W": its week)
    not_holidays: frozenset[str]  # words after a holiday's name that make it no date ("Christmas tree")
    names: tuple[str, ...]  # names that hold a time word and are no time ("USA Today", "Sunday Times")
    schedule_words: frozenset[
        str
    ]  # participles and adjectives of a schedule ("the vote scheduled for Tuesday")
    plan_words: frozenset[str]  # lemmas whose infinitive lies ahead of them ("is scheduled to close Monday")

    def month(self, token: str) -> int | None:
        for form in (token, token.capitalize(), token.title()):
            found = self.months.get(form) or self.dated_months.get(form)
            if found:
                return found
        return None

    def number(self, token: str) -> float | None:
        """A cardinal written in digits or words ("24", "twenty-four", "a couple of"); None if vague."""
        token = " ".join(token.lower().replace("-", " ").split())
        if token.replace(".", "", 1).isdigit():
            return float(token)
        if token in self.numbers:
            return self.numbers[token]
        parts = token.split()
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            return self.numbers[parts[0]] + self.numbers[parts[1]]
        return None

    def ordinal(self, token: str) -> int | None:
        token = token.lower().replace(" ", "-")
        digits = re.match(r"(\d{1,2})(?:st|nd|rd|th)?$", token)
        if digits:
            return int(digits.group(1))
        if token in self.ordinals:
            return self.ordinals[token]
        tens, _, ones = token.partition("-")
        if tens in self.numbers and ones in self.ordinals:
            return int(self.numbers[tens]) + self.ordinals[ones]
        return None


@cache
def load_time_words() -> TimeWords:
    text = resources.files("tidings.knowledge").joinpath("time_words.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    refs = {phrase: value for value, phrases in raw["refs"].items() for phrase in phrases}
    return TimeWords(
        months=raw["months"],
        dated_months=raw["dated_months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        vague_numbers=frozenset(raw["vague_numbers"]),
        ordinals=raw["ordinals"],
        units=raw["units"],
        seasons=raw["seasons"],
        day_parts=raw["day_parts"],
        refs=refs,
        weak_refs=raw["weak_refs"],
        sets=raw["sets"],
        count_words=frozenset(raw["count_words"]),
        holidays=raw["holidays"],
        not_holidays=frozenset(raw["not_holidays"]),
        names=tuple(raw["names"]),
        schedule_words=frozenset(raw["schedule_words"]),
        plan_words=frozenset(raw["plan_words"]),
    )
