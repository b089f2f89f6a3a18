"""When a report says its happening happened: the earliest day its title or lead names, as of its date.

News leads say when ("was shot Saturday night", "died Sept. 13"); a day after the publication date, or
one a future verb governs ("will start on Friday"), is a plan or a hearing, and a time stamp ("Posted:
Monday, May 4") is the report's own, so they are left out.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.resolve.dates import find_time_expressions, to_date

__all__ = ["LEAD_CHARACTERS", "lead_date"]

LEAD_CHARACTERS = 600
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI|DT))?$")  # a day, or a part of one; no clock time
_FUTURE = re.compile(r"\b(?:will|would|shall|scheduled|set to|expected to|plans? to|next)\b[^.]*$", re.I)
_STAMP = re.compile(r"(?:posted|updated|published|last updated|created)\W{0,3}(?:on\W{0,2})?$", re.I)


def lead_date(text: str, published: dt.date | None, title: str | None = None) -> dt.date | None:
    """The earliest day named in the title or lead, on or before `published` (None without a date)."""
    if published is None:
        return None
    body = f"{title or ''}\n{text[:LEAD_CHARACTERS]}"
    days = []
    for mention in find_time_expressions(body, published):
        if mention.kind not in ("DATE", "TIME") or not mention.value or not _DAY.match(mention.value):
            continue
        before = body[max(0, mention.span[0] - 40) : mention.span[0]]
        if _STAMP.search(before[-20:]) or _FUTURE.search(before):
            continue
        day = to_date(mention.value[:10])
        if day is not None and day <= published:
            days.append(day)
    return min(days) if days else None
