"""Publication dates as inputs write them -> a date: ISO 8601, RFC 2822 and common written dates.

Feeds, JSONL and CSV files and the `--published` option give a publication date as text. These forms
are read (a time of day after the date is allowed and dropped; the date is the one written, in the
writer's time zone):

| form                     | example                          |
|--------------------------|----------------------------------|
| ISO 8601 date, date-time | 2016-12-01, 2016-12-01T10:00:00Z |
| RFC 2822 (feeds, e-mail) | Thu, 01 Dec 2016 10:00:00 GMT    |
| month day year           | December 1, 2016; Dec. 1, 2016   |
| day month year           | 1 December 2016; 1st Dec 2016    |
| year/month/day           | 2016/12/01; 2016.12.01           |

Day-first and month-first numbers ("01/12/2016") are not read: they mean two different dates.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import cache

from tidings.knowledge.time_words import load_time_words

__all__ = ["parse_published"]

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
# What may follow a date: nothing, or a time of day ("10:00", "at 10:00 a.m. EST", "T10:00:00Z").
_TIME = r"(?:(?:\s*[,|T-]\s*|\s+)(?:at\s+)?\d{1,2}[:.]\d{2}\b.*)?"
_WRITTEN = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_YEAR}(?P<sep>[/.])(?P<month>\d{{1,2}})(?P=sep){_DAY}{_TIME}"),
)


def parse_published(value: str) -> dt.date:
    """The date that `value` writes in one of the forms of the module docstring; else ValueError."""
    text = " ".join(value.split())
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for pattern in _WRITTEN:
        if match := pattern.fullmatch(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _month_numbers().get(month.lower())
            if number is not None:
                return _date(value, int(match["year"]), number, int(match["day"]))
    parsed = email.utils.parsedate_tz(text)  # RFC 2822 forms the patterns above leave out
    if parsed is not None and parsed[0] >= 1000:
        return _date(value, *parsed[:3])
    raise ValueError(f"not a date: {value!r}")


def _date(value: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "February 30, 2016"
        raise ValueError(f"not a date: {value!r}") from None


@cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations, lower case without their dot: the time words' months."""
    return {name.lower().rstrip("."): number for name, number in load_time_words().months.items()}
