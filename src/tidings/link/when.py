"""When a report says its happening happened: the earliest day its title or lead names, as of its date;
and, for a report that comes without a date, the day its dateline gives.

News leads say when ("was shot Saturday night", "died Sept. 13"); a day after the publication date, or
one a future verb governs ("will start on Friday"), is a plan or a hearing, and a time stamp ("Posted:
Monday, May 4") is the report's own, so they are left out. `lead_date` is what identity compares (the
model was trained on it); `event_date`, the day a story says its happening happened, also leaves out a
day named as a bound ("no names will be released until Monday", "just days before Christmas", "since
Friday": what happened is on the other side of it), and counts a holiday only when the lead names no
other day (a holiday is more often the season a lead sets, "home for Thanksgiving", than the day).

A report read without its publication date often still carries it at its head ("Updated: July 7, 2012",
"Jan 05, 2011 Saints place ...", "Last Updated: Monday, 28 November 2005"): `dateline_date` reads that
full date (day, month and year, no relative day), so that identity can tell two similar happenings years
apart even when the input gave no dates.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.knowledge.time_words import load_time_words
from tidings.resolve.dates import find_time_expressions, to_date

__all__ = ["DATELINE_CHARACTERS", "LEAD_CHARACTERS", "dateline_date", "event_date", "lead_date"]

LEAD_CHARACTERS = 600
DATELINE_CHARACTERS = 200  # a dateline or time stamp is at the head of a report, before its lead
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI|DT))?$")  # a day, or a part of one; no clock time
_FUTURE = re.compile(r"\b(?:will|would|shall|scheduled|set to|expected to|plans? to|next)\b[^.]*$", re.I)
# a day as a bound: "until Monday", "days before Christmas", "since Friday", "ahead of Tuesday's vote"
_BOUND = re.compile(r"\b(?:until|till|before|ahead of|since|by)\s+(?:the\s+|this\s+|last\s+)?$", re.I)
_STAMP = re.compile(r"(?:posted|updated|published|last updated|created)\W{0,3}(?:on\W{0,2})?$", re.I)


def lead_date(text: str, published: dt.date | None, title: str | None = None) -> dt.date | None:
    """The earliest day named in the title or lead, on or before `published` (None without a date)."""
    return _earliest_day(text, published, title, careful=False)


def event_date(text: str, published: dt.date | None, title: str | None = None) -> dt.date | None:
    """The day the happening a report tells of happened: the earliest day its title or lead names, on or
    before `published`, but a bound ("until Monday") or, beside another day, a holiday."""
    return _earliest_day(text, published, title, careful=True)


def _earliest_day(
    text: str, published: dt.date | None, title: str | None, *, careful: bool
) -> dt.date | None:
    if published is None:
        return None
    body = f"{title or ''}\n{text[:LEAD_CHARACTERS]}"
    holidays = {name.lower() for name in load_time_words().holidays} if careful else set()
    days: list[dt.date] = []
    feasts: list[dt.date] = []
    for mention in find_time_expressions(body, published):
        if mention.kind not in ("DATE", "TIME") or not mention.value or not _DAY.match(mention.value):
            continue
        before = body[max(0, mention.span[0] - 40) : mention.span[0]]
        if _STAMP.search(before[-20:]) or _FUTURE.search(before) or (careful and _BOUND.search(before)):
            continue
        day = to_date(mention.value[:10])
        if day is not None and day <= published:
            (feasts if mention.text.lower() in holidays else days).append(day)
    days = days or feasts
    return min(days) if days else None


def dateline_date(text: str, title: str | None = None) -> dt.date | None:
    """The first full date (day, month and year, written out) at the head of a report, for one read
    without its publication date; None when its head names none ("on Friday" names no year)."""
    head = f"{title or ''}\n{text[:DATELINE_CHARACTERS]}"
    for mention in find_time_expressions(head, None):
        if mention.kind == "DATE" and mention.value and _FULL_DAY.match(mention.value):
            return to_date(mention.value[:10])
    return None
