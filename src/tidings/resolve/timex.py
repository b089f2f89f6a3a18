"""TIMEX3 building blocks: regex fragments built from the time words (`knowledge.time_words`), and calendar
arithmetic.

`dates.py` combines these into rules; nothing here knows about sentences or spans.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..knowledge.time_words import TimeWords

__all__ = [
    "day_value",
    "easter_sunday",
    "holiday_day",
    "month_value",
    "nearest_month",
    "nearest_weekday",
    "pick_year",
    "quarter_of",
    "season_of",
    "shift_months",
    "shift_year",
    "week_value",
    "weekend_value",
]

Tense = str  # "past" | "present" | "future"
# How far past the anchor a bare month or day may lie in a past-tense sentence and still be this year's:
# reports of plans ("said it would vote Nov. 16") name near dates without a year.
NEAR_MONTHS = 2


def _alternation(words: Any) -> str:
    """A regex alternation, longest first so that "Sept." wins over "Sep"."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def fragments(words: TimeWords, *, case_sensitive_names: bool) -> dict[str, str]:
    """Named regex fragments; month and weekday names are matched capitalised in running text."""
    names = "(?-i:{})" if case_sensitive_names else "(?:{})"
    tens = [w for w, n in words.numbers.items() if n in range(20, 100, 10)]
    small = [w for w, n in words.numbers.items() if isinstance(n, int) and n < 20 or w in ("a hundred",)]
    ones = [w for w, n in words.numbers.items() if n in range(1, 10) and w not in ("a", "an")]
    compound = rf"(?:{_alternation(tens)})(?:[-\s](?:{_alternation(ones)}))?"
    number = rf"(?:\d{{1,3}}(?:\.\d+)?|{compound}|{_alternation(small)})"
    ordinal_words = _alternation(words.ordinals)
    ordinal = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:{_alternation(tens)})-(?:{ordinal_words})|{ordinal_words})"
    units = _alternation(words.units)
    return {
        "MONTH": names.format(_alternation(words.months)) + r"(?![\w])",
        "DATEDMONTH": names.format(_alternation(words.dated_months)) + r"(?![\w])",
        "WEEKDAY": names.format(_alternation(words.weekdays)) + r"s?\b",
        "NUM": number,
        "VAGUE": _alternation(words.vague_numbers),
        "ORD": ordinal,
        "DAYNUM": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[0-9]{3}|20[0-9]{2})",
        "UNIT": rf"(?:{units})",
        "UNITS": rf"(?:{units}|centurie)s?",
        "SEASON": _alternation(words.seasons),
        "PART": _alternation(words.day_parts),
        "QNUM": r"(?:first|second|third|fourth|1st|2nd|3rd|4th)",
        "HOLIDAY": names.format(_alternation(words.holidays)) + r"(?![\w'])",
        "NOTHOLIDAY": _alternation(words.not_holidays),
    }


# --- calendar arithmetic -------------------------------------------------------------------------


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def weekend_value(day: dt.date, tense: Tense) -> str:
    """The weekend a story dated `day` means: the one just past in past tense, else the coming one."""
    if day.weekday() < 5:
        day = day - dt.timedelta(days=day.weekday() + 1) if tense == "past" else day
    return week_value(day) + "-WE"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: dt.date) -> str:
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 1]


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def shift_year(value: str, delta: int) -> str:
    """The same TIMEX3 value `delta` years away ("1989-Q3" -> "1988-Q3")."""
    return f"{int(value[:4]) + delta:04d}{value[4:]}"


def nearest_weekday(anchor: dt.date, weekday: int, tense: Tense) -> dt.date:
    """The weekday a bare day name means: on or before the anchor in past tense, on or after in future."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if tense == "future" or (tense == "present" and ahead < back):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def nearest_month(anchor: dt.date, month: int, tense: Tense) -> int:
    """The year of a bare month name: the latest not after the anchor's month in past tense."""
    if tense == "past":  # a month just ahead is a plan reported in the past ("said it would ... in November")
        ahead = (month - anchor.month) % 12
        if 0 < ahead <= NEAR_MONTHS:  # across the year's end too: "in January" in a November story
            return anchor.year + (month < anchor.month)
        return anchor.year if month <= anchor.month else anchor.year - 1
    if tense == "future":  # the month just ended is still this year's
        return anchor.year if month >= anchor.month - 1 else anchor.year + 1
    gap = month - anchor.month
    return anchor.year + (1 if gap < -6 else -1 if gap > 6 else 0)


def pick_year(anchor: dt.date, month: int, day: int, tense: Tense) -> int | None:
    """The year of a month and day with no year: the nearest such day in the tense's direction."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if tense == "past":
        past = [d for d in options if d <= anchor + dt.timedelta(days=NEAR_MONTHS * 31)]
        return max(past).year if past else None
    if tense == "future":
        future = [d for d in options if d >= anchor]
        return min(future).year if future else None
    return min(options, key=lambda d: abs((d - anchor).days)).year


def easter_sunday(year: int) -> dt.date:
    """Western Easter: the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter: the Julian computus, moved to the Gregorian calendar (exact for 1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def holiday_day(rule: str, year: int) -> dt.date:
    """The day a holiday rule of `time_words.json` names in `year` ("11-thu-4": the fourth Thursday of
    November; "05-mon-last": the last Monday of May; "11-mon-1+1": the day after November's first Monday;
    "easter-2": Good Friday)."""
    rule = rule.partition("/")[0]
    if rule.startswith("orthodox_easter"):
        return orthodox_easter(year) + dt.timedelta(days=int(rule[15:] or 0))
    if rule.startswith("easter"):
        return easter_sunday(year) + dt.timedelta(days=int(rule[6:] or 0))
    rule, _, after = rule.partition("+")  # "11-mon-1+1": the day after the first Monday of November
    if after:
        return holiday_day(rule, year) + dt.timedelta(days=int(after))
    parts = rule.split("-")
    month = int(parts[0])
    if len(parts) == 2:
        return dt.date(year, month, int(parts[1]))
    weekday = _WEEKDAY_CODES.index(parts[1])
    if parts[2] == "last":
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return end - dt.timedelta(days=(end.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(parts[2]) - 1))
