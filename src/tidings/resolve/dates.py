"""Time expressions: find them in text and normalise them to TIMEX3 values, as of the article's date.

Each rule is a regex built from `knowledge/time_words.json` plus a resolver that turns a match into a
TIMEX3 value ("1998-08-08", "1998-W32", "1998-Q3", "P3Y", "PAST_REF"). The finder runs every rule over the
text and keeps the longest non-overlapping matches; `normalize_time` runs them over one expression.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from tidings.knowledge.time_words import TimeWords, load_time_words
from tidings.resolve.timex import (
    fragments,
    holiday_day,
    month_value,
    nearest_month,
    nearest_weekday,
    pick_year,
    quarter_of,
    season_of,
    shift_months,
    shift_year,
    week_value,
    weekend_value,
)

__all__ = [
    "DAY_VALUE",
    "NO_STORY",
    "StoryTime",
    "TimeMention",
    "find_time_expressions",
    "grain_of",
    "normalize_time",
    "to_date",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """A time expression in a text: its characters, TIMEX3 type and value (None when unresolvable)."""

    text: str
    span: tuple[int, int]
    kind: str  # DATE | DURATION | SET | TIME
    value: str | None


# How many of the dates a story set are remembered for the anaphoric expressions that come after them.
STORY_MEMORY = 12
_GRAINS = (
    ("D", re.compile(r"^\d{4}-\d\d-\d\d(?:T|$)")),
    ("W", re.compile(r"^\d{4}-W\d\d")),
    ("M", re.compile(r"^\d{4}-\d\d$")),
    ("Q", re.compile(r"^\d{4}-[QH]\d$")),
    ("S", re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")),
    ("Y", re.compile(r"^\d{4}$")),
)


def grain_of(value: str) -> str | None:
    """The grain of a calendar value: D(ay), W(eek), M(onth), Q(uarter or half), S(eason), Y(ear); None
    for anything else (decades, references, durations, values with X)."""
    return next((grain for grain, pattern in _GRAINS if pattern.match(value)), None)


@dataclass(frozen=True, slots=True)
class StoryTime:
    """The dates a story has set so far, most recent last. Anaphoric expressions ("that same day", "the
    next morning", "the following week", "a year earlier") are anchored on them, as TIMEX3 anchors them
    on the reference time; deictic ones ("yesterday", "last week") stay on the publication date."""

    values: tuple[str, ...] = ()

    def after(self, mentions: tuple[TimeMention, ...] | list[TimeMention]) -> StoryTime:
        """The story once these mentions (in text order) are read; a comparison ("a year earlier") sets
        no date of the story."""
        new = tuple(
            m.value
            for m in mentions
            if m.kind in ("DATE", "TIME") and m.value and grain_of(m.value) and not _is_comparison(m.text)
        )
        return self if not new else StoryTime((self.values + new)[-STORY_MEMORY:])

    def last(self, grains: str) -> str | None:
        """The most recent value of one of these grains."""
        return next((v for v in reversed(self.values) if (grain_of(v) or "-") in grains), None)


NO_STORY = StoryTime()  # a story that has set no date yet
# an anchor nearer than a year to the ends of Python's calendar (years 1 and 9999: "9999-12-09" in a text)
# resolves nothing: "next week" or "three weeks earlier" would fall off it (OverflowError)
_FIRST_ANCHOR, _LAST_ANCHOR = dt.date(2, 1, 1), dt.date(9998, 12, 31)


def _usable(anchor: dt.date | None) -> dt.date | None:
    """The anchor, or None when it lies at the calendar's ends (see `_FIRST_ANCHOR`)."""
    return anchor if anchor is not None and _FIRST_ANCHOR <= anchor <= _LAST_ANCHOR else None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    anchor: dt.date | None
    tense: str
    words: TimeWords


# A resolver returns (kind, value), or None when the match is not a time expression after all.
Resolved = tuple[str, str | None] | None
Resolver = Callable[[re.Match[str], _Context], Resolved]

_LATER = {"next", "coming", "the next", "the coming", "the following", "this coming", "following"}
_EARLIER = {
    "last",
    "past",
    "previous",
    "the past",
    "the last",
    "the previous",
    "this past",
    "latest",
    "prior",
}
_GRAIN = {"D": 10, "W": 8, "M": 7, "Q": 6, "Y": 4, "E": 3, "C": 2}
_SPELLED_YEAR = (
    r"(?:nineteen|twenty)[-\s](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]\w+)?"
    r"|ten|eleven|twelve|\w+teen|hundred)|two\s+thousand(?:\s+and)?(?:[-\s](?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten|\w+teen))?"
)
_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _offset(rel: str | None) -> int:
    rel = _norm(rel or "")
    return 1 if rel in _LATER else -1 if rel in _EARLIER else 0


def _year(token: str, words: TimeWords) -> int | None:
    """A year in digits or words ("1996", "nineteen ninety-six", "two thousand")."""
    if token.isdigit():
        return int(token)
    parts = _norm(token).replace("-", " ").replace(" and ", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = words.number(" ".join(parts[2:])) if parts[2:] else 0
        return 2000 + int(rest or 0)
    head = words.number(parts[0])
    tail = 0.0 if parts[1:] == ["hundred"] else words.number(" ".join(parts[1:]))
    return None if head is None or tail is None else int(head * 100 + tail)


def _decade_century(cent: int, anchor: dt.date | None) -> int:
    """The century of a two-digit decade ("the '80s"): the latest not after the anchor's decade."""
    if anchor is None or anchor.year < 2000:
        return 19
    return 20 if cent * 10 <= anchor.year % 100 else 19


# --- resolvers ------------------------------------------------------------------------------------


def _numeric(m: re.Match[str], c: _Context) -> Resolved:
    """A date in digits, month and day in either order ("1/15/2013" US, "15/1/2013" British): a value only
    when one order alone makes a date or both give the same day ("01/12/2016" is two dates: no value)."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 and b > 12:
        return None
    if a <= 12 and b <= 12 and a != b:
        return "DATE", None
    month, day = (a, b) if a <= 12 else (b, a)
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(m: re.Match[str], c: _Context) -> Resolved:
    try:
        return "DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _month_day(m: re.Match[str], c: _Context) -> Resolved:
    month, day = c.words.month(m["mon"]), c.words.ordinal(m["day"])
    if month is None or day is None or day > 31:
        return None
    if m["year"]:
        year: int | None = _year(m["year"], c.words)
    elif c.anchor is None:
        return "DATE", None
    else:
        year = pick_year(c.anchor, month, day, "future" if _offset(m["rel"]) > 0 else c.tense)
        weekday = c.words.weekdays.get((m["wd"] or "").capitalize())
        if weekday is not None:  # a named weekday decides the year ("Saturday, April 25")
            for candidate in (c.anchor.year, c.anchor.year + 1, c.anchor.year - 1):
                try:
                    if dt.date(candidate, month, day).weekday() == weekday:
                        year = candidate
                        break
                except ValueError:
                    continue
    try:
        return "DATE", None if year is None else dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(m: re.Match[str], c: _Context) -> Resolved:
    month = c.words.month(m["mon"])
    if month is None:
        return None
    if not (m["rel"] or m["mod"] or m["year"] or m["yrel"]) and _in_a_name(m):
        return None  # "Theresa May said", "the Pride March": a name, not a month
    if m["year"]:
        year = _year(m["year"], c.words)
        return "DATE", None if year is None else month_value(year, month)
    if c.anchor is None:
        return "DATE", None
    rel, yrel = _norm(m["rel"] or ""), _offset(m["yrel"]) if m["yrel"] else None
    if yrel is not None:
        year = c.anchor.year + yrel
    elif rel in ("this", "this coming"):
        year = c.anchor.year
    elif _offset(rel) < 0:
        year = c.anchor.year if month < c.anchor.month else c.anchor.year - 1
    elif _offset(rel) > 0:
        year = c.anchor.year if month > c.anchor.month else c.anchor.year + 1
    else:
        year = nearest_month(c.anchor, month, c.tense)
    return "DATE", month_value(year, month)


# Words that may stand capitalised before a bare month name that is still a month ("In May", "Since March").
_BEFORE_A_MONTH = frozenset(
    {"in", "on", "by", "since", "until", "till", "from", "to", "through", "during", "of", "for", "before"}
    | {
        "after",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "the",
        "and",
        "or",
        "as",
        "but",
        "at",
        "around",
    }
)


def _in_a_name(m: re.Match[str]) -> bool:
    """Whether a bare month name that is also a word ("May", "March") follows a capitalised word that makes
    it part of a name ("Theresa May", "the Pride March")."""
    if m["mon"] not in ("May", "March"):
        return False
    before = re.search(r"([A-Z][\w'.-]*)\s+$", m.string[max(0, m.start() - 40) : m.start()])
    if before is None:
        return False
    word = before.group(1)
    return (
        word.lower().rstrip(".") not in _BEFORE_A_MONTH and word.rstrip("s") not in load_time_words().weekdays
    )


def _year_rule(m: re.Match[str], c: _Context) -> Resolved:
    token = m["year"]
    if token.isdigit() and not (m["mod"] or m["fiscal"] or m["the"]):
        if int(token) < EARLIEST_BARE_YEAR:
            return None  # "Section 1001", "1128 were for Cruz": a number; "the year 1066" is still a year
        next_word = re.match(r"[a-z]+", _after(m.string, m.end()).lower())
        if next_word and next_word.group(0) in c.words.count_words:
            return None
        if _APPROXIMATE.search(_before(m.string, m.start()).lower()):
            return None
    year = _year(token, c.words)
    return None if year is None else ("DATE", f"{year:04d}")


# A four-digit number before this, with no word of time around it, is more often a count than a year.
EARLIEST_BARE_YEAR = 1500
# A year that follows one of these is a number ("about 2000", "$1999"); see `_year_rule`.
_APPROXIMATE = re.compile(
    r"(?:\b(?:about|some|nearly|almost|over|than|least|around|approximately|up to)|[$£€#])$"
)
# Characters around a match that `_year_rule` looks at: enough for a word and its white space. Only this
# much is copied, so that a sentence with many years is not read once per year (quadratic time).
_NEAR_CHARS = 200


def _after(text: str, end: int) -> str:
    """`text[end:].lstrip()`, as far as its first word goes: the rest is copied only when needed."""
    near = text[end : end + _NEAR_CHARS].lstrip()
    if len(near) > _NEAR_CHARS // 2 or end + _NEAR_CHARS >= len(text):
        return near
    return text[end:].lstrip()


def _before(text: str, start: int) -> str:
    """`text[:start].rstrip()`, as far back as its last words go: the rest is copied only when needed."""
    near = text[max(0, start - _NEAR_CHARS) : start].rstrip()
    if len(near) > _NEAR_CHARS // 2 or start <= _NEAR_CHARS:
        return near
    return text[:start].rstrip()


def _decade(m: re.Match[str], c: _Context) -> Resolved:
    if m["cent"]:
        return "DATE", m["cent"] + m["dec"]
    if m["short"]:
        digit = int(m["short"])
        return "DATE", f"{_decade_century(digit, c.anchor)}{digit}"
    digit = _DECADE_WORDS.index(m["word"].lower()) + 2
    return "DATE", f"{_decade_century(digit, c.anchor)}{digit}"


def _century(m: re.Match[str], c: _Context) -> Resolved:
    number = c.words.ordinal(m["ord"])
    return None if number is None else ("DATE", f"{number - 1:02d}")


def _quarter_year(m: re.Match[str], c: _Context, part: int, per_year: int) -> int | None:
    """The year of a named quarter or half: explicit, "this year's", or the latest begun (past tense)."""
    for key in ("y1", "y2"):
        if m[key]:
            return int(m[key])
    if c.anchor is None:
        return None
    yr = _norm(m["yr"] or "")
    if m["yrel"]:  # "the first half of next year"
        return c.anchor.year + _offset(m["yrel"])
    if yr.endswith("year's"):
        return c.anchor.year + _offset(yr.split()[0])
    if "year-" in yr:
        return c.anchor.year - 1
    current = (c.anchor.month - 1) * per_year // 12 + 1
    if c.tense == "past" and part > current:
        return c.anchor.year - 1
    if c.tense == "future" and part < current - 1:  # the one just closed is still this year's
        return c.anchor.year + 1
    return c.anchor.year


def _quarter(m: re.Match[str], c: _Context) -> Resolved:
    if m["q"]:
        part, per_year, code = c.words.ordinal(m["q"]) or 0, 4, "Q"
    else:
        part, per_year, code = (1 if m["h"].lower() == "first" else 2), 2, "H"
    year = _quarter_year(m, c, part, per_year)
    return "DATE", None if year is None else f"{year:04d}-{code}{part}"


def _quarter_rel(m: re.Match[str], c: _Context) -> Resolved:
    det, rel, unit = _norm(m["det"] or ""), _norm(m["rel"] or ""), m["unit"].lower()
    if m["y3"] or m["yr"] or rel in _SAME_PERIOD:  # the story's period, once the story is known
        if not (det or m["yr"]) or rel in _SAME_PERIOD and not m["ago"]:
            return None  # "1988 period", "the same period" with no year: not a time of its own
        year = _year_of_period(m, c.anchor.year if c.anchor else None)
        return "DATE", None if year is None else f"{year:04d}"
    if not det and not rel or unit == "period" and not rel and not m["ago"]:
        return None
    if c.anchor is None:
        return "DATE", None
    year, quarter = c.anchor.year, quarter_of(c.anchor)
    if rel in ("current", "coming") or det in ("this", "next"):
        step = 1 if rel == "coming" or det == "next" else 0
    else:  # "the quarter" in a past-tense report is the last one closed
        step = -1 if rel or det == "last" or c.tense == "past" else 0
    year, month = shift_months(year, (quarter - 1) * 3 + 1, 3 * step)
    if "year-" in rel or m["ago"]:
        year -= 1
    return "DATE", f"{year:04d}-Q{quarter_of(dt.date(year, month, 1))}"


# Words that name the period the story spoke of, in another year: "the corresponding period last year".
_SAME_PERIOD = frozenset({"same", "corresponding", "comparable", "like"})


def _year_shift(m: re.Match[str]) -> int:
    """How many years from the story's period a quarter or period phrase lies ("last year's quarter": -1)."""
    if m["ago"] or "year-" in _norm(m["rel"] or ""):
        return -1
    return _offset(_norm(m["yr"] or "").split(" ")[0]) if m["yr"] else 0


def _year_of_period(m: re.Match[str], year: int | None) -> int | None:
    """The year a period phrase names: its own ("the 1988 quarter"), else `year` moved by its words."""
    if m["y3"]:
        return int(m["y3"])
    return None if year is None else year + _year_shift(m)


def _season(m: re.Match[str], c: _Context) -> Resolved:
    season, rel = c.words.seasons[m["s"].lower()], _norm(m["rel"] or "")
    bare = not rel and not m["year"] and not m["mod"]
    if bare and (
        m["s"].lower() in ("fall", "spring") or not _TIME_PREPOSITION.search(_before(m.string, m.start()))
    ):
        return None  # "prices fall", "a hot spring", "summer fishing trips": no time of their own
    if m["year"]:
        year = _year(m["year"], c.words)
        return "DATE", None if year is None else f"{year:04d}-{season}"
    if c.anchor is None:
        return "DATE", None
    year, step = c.anchor.year, _offset(rel)
    order = ["WI", "SP", "SU", "FA"]
    if c.anchor.month == 12:  # December opens the next year's winter: "next summer" is next year's
        year, now = year + 1, 0
    else:
        now = order.index(season_of(c.anchor))
    here = order.index(season)
    if rel == "this":  # "this summer" is this year's, told before or after it; in December, once the year is
        december_ahead = c.anchor.month == 12 and (season == "WI" or c.tense == "future")
        year = c.anchor.year + december_ahead  # done, the one to come: "the child is expected this summer"
    elif step < 0 and here >= now or not step and c.tense == "past" and here > now:
        year -= 1  # "last fall"; "the summer" told in the past, in a story of March: the one gone
    elif step > 0 and here <= now or not step and c.tense == "future" and here < now:
        year += 1  # "next spring"; "this spring" planned in a story of October: the one to come
    return "DATE", f"{year:04d}-{season}"


# A preposition of time before a bare season makes it a time ("in winter", "by summer").
_TIME_PREPOSITION = re.compile(
    r"\b(?:in|during|by|until|till|through|throughout|since|before|after|over|from|to|into|last|this)$",
    re.IGNORECASE,
)


# a month after a weekday: "Friday afternoon in mid-July", "a Monday in early March", "a Sunday of June"
_IN_A_MONTH = re.compile(r"\s+(?:in|of)\s+(?:(?:early|mid|late)[-\s]+)?(?P<mon>[A-Z][a-z]+)\b")


def _weekday(m: re.Match[str], c: _Context) -> Resolved:
    name = m["wd"]
    weekday = c.words.weekdays.get(name.rstrip("s").capitalize())
    if weekday is None:
        return None
    if name.endswith("s"):
        return "SET", f"XXXX-WXX-{weekday + 1}"
    kind = "TIME" if m["part"] else "DATE"
    if c.anchor is None:
        return kind, None
    rel = _norm(m["rel"] or "")
    if rel == "this":
        day = c.anchor + dt.timedelta(days=weekday - c.anchor.weekday())
    elif _offset(rel):
        gap = (c.anchor.weekday() - weekday) % 7 or 7
        ahead = (weekday - c.anchor.weekday()) % 7 or 7
        day = c.anchor + dt.timedelta(days=ahead if _offset(rel) > 0 else -gap)
    else:
        day = nearest_weekday(c.anchor, weekday, c.tense)
    month = _IN_A_MONTH.match(m.string, m.end())
    if month and c.words.months.get(month["mon"].capitalize()) not in (None, day.month):
        # "on a rainy Friday afternoon in mid-July", "a Friday in March": a weekday of that month, which the
        # report does not say (the nearest one lies in another); "Friday in Paris" or "Friday in July" of a
        # Friday in July are read as before
        return kind, None
    part = c.words.day_parts.get((m["part"] or "").lower())
    return kind, day.isoformat() + (f"T{part}" if part else "")


def _day_word(m: re.Match[str], c: _Context) -> Resolved:
    word = _norm(m["w"])
    part = c.words.day_parts.get(_norm(m["part"] or "")) or (
        "NI" if word in ("tonight", "last night") else None
    )
    if word in ("this", "last") and not part:
        return None
    kind = "TIME" if part else "DATE"
    if c.anchor is None:
        return kind, None
    shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
    day = c.anchor + dt.timedelta(days=shift.get(word, -1 if word == "last" else 0))
    return kind, day.isoformat() + (f"T{part}" if part else "")


def _unit_rel(m: re.Match[str], c: _Context) -> Resolved:
    unit, rel = m["unit"].lower(), _norm(m["rel"] or "")
    span_up_to_now = (
        rel in ("the past", "the last")
        and unit in ("week", "month", "year")
        or (rel == "the past" and unit == "decade")
    )  # not "the last century" (the one before this) nor "the past weekend" (one weekend)
    if span_up_to_now and not m["fiscal"]:
        return "DURATION", f"P1{c.words.units[unit]}"  # "over the past year": the span up to now, no date
    if c.anchor is None:
        return "DATE", None
    step = -1 if "latest" in (m["fiscal"] or "").lower() else _offset(rel)
    a = c.anchor
    if unit == "week":
        return "DATE", week_value(a + dt.timedelta(days=7 * step))
    if unit == "weekend":
        if step == 0:  # "this weekend" late in the week is the coming one, in any tense
            late_in_week = rel == "this" and a.weekday() in (3, 4)
            return "DATE", weekend_value(a, "future" if late_in_week else c.tense)
        base = weekend_value(a, "past" if step < 0 else "future")
        return "DATE", week_value(a + dt.timedelta(days=7 * step)) + "-WE" if base.startswith(
            week_value(a)
        ) else base
    if unit == "month":
        return "DATE", month_value(*shift_months(a.year, a.month, step))
    if unit == "year":
        return "DATE", f"{a.year + step:04d}"
    if unit == "decade":
        return "DATE", f"{a.year // 10 + step:03d}"
    return "DATE", f"{a.year // 100 + step:02d}"


def _year_end(m: re.Match[str], c: _Context) -> Resolved:
    return "DATE", None if c.anchor is None else f"{c.anchor.year + _offset(m['rel']):04d}"


def _year_ago(m: re.Match[str], c: _Context) -> Resolved:
    return "DATE", None if c.anchor is None else f"{c.anchor.year - 1:04d}"


def _unit_code(token: str, words: TimeWords) -> str:
    token = token.lower()
    token = "century" if token.startswith("centur") else token.rstrip("s")
    return words.units[token]


def _ago(m: re.Match[str], c: _Context) -> Resolved:
    later = _norm(m["dir"]) in ("later", "from now", "hence")
    count = c.words.number(m["n"])
    code = _unit_code(m["unit"], c.words)
    if count is None and _norm(m["dir"]) in ("earlier", "later"):  # "a few days later": how long after
        return "DURATION", ("PTX" if code.startswith("T") else "PX") + code[-1]
    if count is None:
        return "DATE", "FUTURE_REF" if later else "PAST_REF"
    if c.anchor is None:
        return "DATE", None
    sign = 1 if later else -1
    if code.startswith("T"):
        return "TIME", c.anchor.isoformat()
    steps = int(count * (2 if code == "2W" else 1)) * sign
    grain = code[-1]
    if grain in "DW":  # TimeBank dates "two weeks ago" to the day
        return "DATE", (c.anchor + dt.timedelta(days=steps * (7 if grain == "W" else 1))).isoformat()
    if grain == "M":
        return "DATE", month_value(*shift_months(c.anchor.year, c.anchor.month, steps))
    if grain == "Q":
        year, month = shift_months(c.anchor.year, c.anchor.month, 3 * steps)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    years = {"Y": 1, "E": 10, "C": 100}[grain] * steps
    year = c.anchor.year + years
    return "DATE", {"Y": f"{year:04d}", "E": f"{year // 10:03d}", "C": f"{year // 100:02d}"}[grain]


def _duration(m: re.Match[str], c: _Context) -> Resolved:
    code = _unit_code(m["unit"], c.words)
    if m["n"].lower() in ("a", "an") and code == "TS":
        return None  # "a second round"
    if m["n"].lower() == "one" and code == "D" and _MODAL.search(_before(m.string, m.start())):
        return "DATE", "FUTURE_REF"  # "Islam will one day be ...": some day to come, not a day's length
    count = c.words.number(m["n"])
    if count is None and _norm(m["span"] or "") in _EARLIER:
        return "DATE", "PAST_REF"  # "the past several quarters", like "recent years"
    amount = "X" if count is None else f"{count * (2 if code == '2W' else 1):g}"
    grain = code[-1]
    return "DURATION", ("PT" if code.startswith("T") else "P") + amount + grain


# A modal or an infinitive's "to" just before "one day" makes it some day to come ("will one day be").
_MODAL = re.compile(r"\b(?:will|would|could|may|might|can|should|must|to)$", re.IGNORECASE)


def _ref(m: re.Match[str], c: _Context) -> Resolved:
    phrase = _norm(m.group(0))
    if phrase == "later" and c.tense == "past":
        return None  # "he was later freed": after the story's time, not the future of the writer's
    return "DATE", c.words.refs.get(phrase)


def _set(m: re.Match[str], c: _Context) -> Resolved:
    if m["adv"]:
        return "SET", c.words.sets[m["adv"].lower()]
    unit = m["unit"]
    if unit.capitalize() in c.words.weekdays:
        return "SET", f"XXXX-WXX-{c.words.weekdays[unit.capitalize()] + 1}"
    if c.words.month(unit):
        return "SET", f"XXXX-{c.words.month(unit):02d}"
    return "SET", f"P1{_unit_code(unit, c.words)}"


def _clock(m: re.Match[str], c: _Context) -> Resolved:
    if m["named"]:
        clock = "12:00" if m["named"].lower() == "noon" else "24:00"
    else:
        hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        if hour > 23 or int(m["min"] or 0) > 59:
            return None
        clock = f"{hour:02d}:{m['min'] or '00'}"
    return "TIME", None if c.anchor is None else f"{c.anchor.isoformat()}T{clock}"


def _holiday(m: re.Match[str], c: _Context) -> Resolved:
    """A holiday's day ("Thanksgiving Day" 2024-11-28), or its week ("Easter week", "Christmas week")."""
    if m["not"]:
        return None  # "a Christmas tree", "Easter Island"
    name = " ".join(m["name"].split())
    rule = next((r for n, r in c.words.holidays.items() if n.lower() == name.lower()), None)
    if rule is None:
        return None
    week = rule.endswith("/W") or bool(m["unit"])
    if m["year"]:
        year: int | None = _year(m["year"], c.words)
    elif c.anchor is None:
        return "DATE", None
    else:
        year = _holiday_year(rule, _offset(m["rel"]) or (0 if m["rel"] else None), c)
    if year is None:
        return "DATE", None
    day = holiday_day(rule, year)
    if not week:
        return "DATE", day.isoformat()
    if (m["unit"] or "").lower() == "weekend":
        return "DATE", week_value(day) + "-WE"
    return "DATE", week_value(day)


def _holiday_year(rule: str, step: int | None, c: _Context) -> int | None:
    """The year of a holiday named without one: "last Christmas" the one before the anchor, "next" the one
    after, "this" the anchor's year; else the nearest in the tense's direction, as for a month and day."""
    assert c.anchor is not None
    if step == 0:
        return c.anchor.year
    days = [holiday_day(rule, year) for year in (c.anchor.year - 1, c.anchor.year, c.anchor.year + 1)]
    if step == -1 or (step is None and c.tense == "past"):
        before = [d for d in days if d < c.anchor] if step == -1 else [d for d in days if d <= c.anchor]
        return max(before).year
    if step == 1 or c.tense == "future":
        after = [d for d in days if d > c.anchor] if step == 1 else [d for d in days if d >= c.anchor]
        return min(after).year
    return min(days, key=lambda d: abs((d - c.anchor).days)).year  # type: ignore[operator]


def _anchored(m: re.Match[str], c: _Context) -> Resolved:
    """An anaphoric expression: its value is set against the story in `_find_time_expressions`."""
    part = c.words.day_parts.get((m["unit"] or "").lower())
    return ("TIME" if part else "DATE"), None


def _on_story(m: re.Match[str], story: list[str], c: _Context) -> str | None:
    """The value of an anaphoric expression ("that same day", "the next morning", "the following week",
    "the previous year", "the day before"): the story's last date of a fine enough grain, moved by the
    step the words name; the publication date when the story has set none."""
    groups = m.groupdict()
    unit = (groups["unit"] or "day").lower()
    det = _norm(groups["det"] or "")
    if groups.get("dir"):
        step = -1 if groups["dir"].lower() == "before" else 1
    else:
        step = 1 if det.endswith(("next", "following")) else -1 if det.endswith(_BACKWARD) else 0
    grains = {"week": "DW", "weekend": "DW", "month": "DM", "year": "DWMQSY"}.get(unit, "D")
    ref = next((v for v in reversed(_told_before(story, c)) if (grain_of(v) or "-") in grains), None)
    if ref is None:
        if c.anchor is None:
            return None
        ref = c.anchor.isoformat()
    if _usable(_period_start(ref)) is None:
        return None  # a date at the calendar's ends: a step would fall off it
    if unit == "year":
        return f"{int(ref[:4]) + step:04d}"
    if unit == "month":
        return month_value(*shift_months(int(ref[:4]), int(ref[5:7]), step))
    day = _first_day(ref)
    if unit in ("week", "weekend"):
        value = week_value(day + dt.timedelta(days=7 * step))
        return value + "-WE" if unit == "weekend" else value
    day += dt.timedelta(days=step)
    part = c.words.day_parts.get(unit)
    return day.isoformat() + (f"T{part}" if part else "")


_BACKWARD = ("previous", "preceding", "prior")


def _told_before(story: list[str], c: _Context) -> list[str]:
    """The story's dates an anaphoric expression may step from: in a past-tense clause, only those that
    begin by the publication date ("ahead of next Tuesday's primary ... A day earlier, six protesters
    were arrested" steps from the rally, not from the primary to come)."""
    if c.tense != "past" or c.anchor is None:
        return story
    return [v for v in story if _period_start(v) <= c.anchor]


def _period_start(value: str) -> dt.date:
    """The first day of a calendar value (grain D, W, M, Q or H, S, Y)."""
    grain = grain_of(value)
    if grain in ("D", "W"):
        return _first_day(value)
    year = int(value[:4])
    if grain == "M":
        return dt.date(year, int(value[5:7]), 1)
    if grain == "Q":
        return dt.date(year, (int(value[6]) - 1) * (3 if value[5] == "Q" else 6) + 1, 1)
    if grain == "S":
        return dt.date(year, {"WI": 1, "SP": 3, "SU": 6, "FA": 9}[value[5:7]], 1)
    return dt.date(year, 1, 1)


def _first_day(value: str) -> dt.date:
    """The first day of a day or ISO week value."""
    if grain_of(value) == "W":
        return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    return dt.date.fromisoformat(value[:10])


# --- rules ----------------------------------------------------------------------------------------

_MOD = (
    r"(?:(?:early|late|mid)(?:-|\s+)|the\s+(?:middle|beginning|start|end)\s+of\s+|(?:beginning|end)\s+of\s+)"
)

_RULES: tuple[tuple[str, str, Resolver], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", _iso),
    # month/day/year as US newswire writes it ("1/15/2013"); not a fraction or a score ("3/4", "12/7/5")
    (
        "numeric",
        r"(?<![\d/.])(?P<a>3[01]|[12]\d|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d)(?![\d/])",
        _numeric,
    ),
    # a short form that is also a name ("Jun", "Mar") is a month only with its day and year: "Jun 13, 2013"
    (
        "dated_month_day",
        r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{DATEDMONTH})\s+(?P<day>{DAYNUM})\b(?!:?\d),?\s+(?P<year>{YEAR})\b",
        _month_day,
    ),
    (
        "month_day",
        r"\b(?:(?P<rel>this\s+coming|this|next|last|coming)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})"
        r"\s+(?P<day>{DAYNUM}|{ORD})\b(?!:?\d)(?:,?\s+(?P<year>{YEAR}|" + _SPELLED_YEAR + r")\b)?",
        _month_day,
    ),
    (
        "day_month",
        r"\b(?:(?P<rel>this\s+coming|this|next|last|coming)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?"
        r"(?P<day>{DAYNUM}|{ORD})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR})\b)?",
        _month_day,
    ),
    (
        "month",
        r"\b(?P<mod>" + _MOD + r")?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)\s+)?"
        r"(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR}|" + _SPELLED_YEAR + r")\b"
        r"|\s+(?P<yrel>this|last|next)\s+year\b)?",
        _month,
    ),
    (
        "year",
        r"(?<![\w$.,/-])(?:(?P<mod>" + _MOD + r")|(?P<fiscal>fiscal(?:\s+year)?\s+)|(?P<the>the\s+year\s+))?"
        r"(?P<year>{YEAR}|" + _SPELLED_YEAR + r")\b(?![,.]\d|\s*%|-\d|'(?!s\b))",
        _year_rule,
    ),
    (
        "decade",
        r"\b(?:the\s+)?(?:(?:early|late|mid)(?:-|\s+))?(?:(?P<cent>1\d|20)(?P<dec>\d)0'?s\b|'(?P<short>\d)0s\b"
        r"|(?P<word>" + "|".join(_DECADE_WORDS) + r")\b)",
        _decade,
    ),
    ("century", r"\b(?:the\s+)?(?P<ord>{ORD})[-\s]century\b", _century),
    (
        "quarter",
        r"\b(?:(?:the|its|this|a|that)\s+)?(?:(?P<yr>(?:this|last|next)\s+year's|(?:comparable\s+)?"
        r"year-(?:earlier|ago)|(?P<y1>{YEAR})(?:'s)?)\s+)?(?:fiscal[-\s]+)?(?:(?P<q>{QNUM})[-\s]+quarter|"
        r"(?P<h>first|second|last)[-\s]+half)\b(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y2>{YEAR})\b"
        # not a part of something else: "the second half of July", "the first half of the game"
        r"|(?P<yrel>this|last|next)\s+year\b))?(?!\s+of\s+(?:the|a|an|this|that|its|his|her|their|{MONTH})\b)",
        _quarter,
    ),
    (
        "quarter_rel",
        r"\b(?:(?P<det>the|its|this|that|last|next)\s+|(?P<yr>(?:this|last|next)\s+year's)\s+)?(?:(?P<rel>latest"
        r"|previous|past|prior|current|coming|most\s+recent|same|corresponding|comparable|like|(?:comparable\s+"
        r"|corresponding\s+)?year-(?:earlier|ago))\s+)?(?:(?P<y3>{YEAR})\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)\b"
        r"(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year))?",
        _quarter_rel,
    ),
    (
        "season",
        r"\b(?P<mod>(?:early|late|mid)(?:-|\s+))?(?:(?P<rel>the|this\s+past|this\s+coming|this|last|next|past"
        r"|coming)\s+)?(?:(?:early|late)\s+)?(?P<s>{SEASON})\b(?:\s+of\s+(?P<year>{YEAR}|"
        + _SPELLED_YEAR
        + r"))?",
        _season,
    ),
    (
        "weekday",
        r"\b(?:(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming|the\s+previous|the\s+following"
        r"|(?:early|late|earlier|later)(?:\s+on)?)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?",
        _weekday,
    ),
    (
        "day_word",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|this|last"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>{PART}))?\b",
        _day_word,
    ),
    (
        "holiday",
        r"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)\s+)?(?P<name>{HOLIDAY})"
        r"(?:\s+(?P<unit>week|weekend)\b)?(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b)?(?P<not>\s+(?:{NOTHOLIDAY})\b)?",
        _holiday,
    ),
    (
        "anchored",
        r"\b(?:(?:earlier|later|early|late)\s+(?:(?:on|in)\s+)?)?(?P<det>that\s+same|that|the\s+same|the\s+very"
        r"\s+same|the\s+(?:following|previous|preceding|prior))\s+(?P<unit>day|morning|afternoon|evening|night"
        r"|week|weekend|month|year)\b(?!-|'|\s+or\b)",
        _anchored,
    ),
    (
        "anchored_day",
        r"\b(?:(?P<det>the\s+next)\s+(?P<unit>day|morning|afternoon|evening|night)\b(?!\s+or\b)"
        r"|the\s+day\s+(?P<dir>before|after)\b(?!\s+(?:yesterday|tomorrow)))",
        _anchored,
    ),
    (  # "the year before", "the week after": a step from the story's week, month or year
        "anchored_before",
        r"\b(?P<det>the)\s+(?P<unit>week|month|year)\s+(?P<dir>before|after)\b(?!\s+last\b)",
        _anchored,
    ),
    (  # "later in the day", "earlier in the week": within the period the story is at
        "anchored_in",
        r"\b(?:earlier|later)\s+in\s+(?P<det>the)\s+(?P<unit>day|week|month|year)\b(?!-|'|\s+(?:or|before|after)\b)",
        _anchored,
    ),
    (
        "unit_rel",
        r"\b(?:(?:(?:early|late|earlier|later)(?:\s+(?:in|on))?|the\s+(?:middle|beginning|start|end)\s+of"
        r"|(?:beginning|end)\s+of|around|sometime)\s+)?(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last"
        r"|the\s+previous|the\s+next|the\s+coming|the\s+current|the\s+following|this|last|next|past|previous"
        r"|coming|current|the)\s+(?P<fiscal>(?:(?:fiscal|calendar|full|latest|current)\s+)+)?"
        r"(?P<unit>week|weekend|month|year|decade|century)\b(?:\s+or\s+so\b)?(?!-|'(?!s\b)|\s+(?:old|long|or))",
        _unit_rel,
    ),
    ("year_end", r"\b(?:around\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:'s)?[-\s]end\b", _year_end),
    ("year_ago", r"\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)\b", _year_ago),
    (
        "ago",
        r"\b(?:(?:nearly|almost|about|around|some|roughly|more\s+than|less\s+than|over|just|only)\s+)?"
        r"(?P<n>{NUM}|{VAGUE})\s+(?P<unit>{UNITS})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        _ago,
    ),
    (
        "duration",
        r"\b(?:(?:nearly|almost|about|around|roughly|more\s+than|less\s+than|over|at\s+least|up\s+to|within"
        r"|no\s+more\s+than)\s+(?!the\b))?(?:(?P<span>the\s+(?:past|last|next|first|coming|previous|latest|following)"
        r"|the)\s+)?"
        r"(?P<n>{NUM}|{VAGUE})(?:[-\s](?:trading|business|calendar|more|full))?[-\s](?P<unit>{UNITS})\b"
        r"(?:-old|-long)?",
        _duration,
    ),
    (
        "set",
        r"\b(?:(?:every|each|per)\s+(?P<unit>day|week|month|quarter|year|{WEEKDAY}|{MONTH})|(?P<adv>{SETS}))\b",
        _set,
    ),
    (
        "clock",
        # a time zone is written in capitals ("EDT", "PT"): in any case "Sept", "Oct", "last", "that" would
        # be taken for one ("11:20 p.m. Sept. 19" lost its day)
        r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)(?:\s+(?-i:[A-Z]{{1,3}}T)\b)?"
        r"|(?P<named>noon|midnight)\b)",
        _clock,
    ),
    ("ref", r"\b(?:{REFS})\b", _ref),
)


def _compile(*, case_sensitive_names: bool) -> tuple[tuple[str, re.Pattern[str], Resolver], ...]:
    words = load_time_words()
    parts = fragments(words, case_sensitive_names=case_sensitive_names)
    parts["REFS"] = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(words.refs, key=len)[::-1])
    parts["SETS"] = "|".join(words.sets)
    compiled = []
    for name, template, resolve in _RULES:
        pattern = re.sub(r"\{([A-Z]+)\}", lambda m: parts.get(m.group(1), m.group(0)), template)
        compiled.append(
            (name, re.compile(pattern.replace("{{", "{").replace("}}", "}"), re.IGNORECASE), resolve)
        )
    return tuple(compiled)


_TEXT_RULES = _compile(case_sensitive_names=True)
_EXPRESSION_RULES = _compile(case_sensitive_names=False)
# Words without which no rule matches: most sentences hold none, and are not run through every rule.
_RULE_WORDS = (
    "today yesterday tomorrow tonight noon midnight quarter period half ago hence weekend fiscal nineteen "
    "twenty thousand"
)


def _may_hold_time(words: TimeWords) -> re.Pattern[str]:
    vocabulary = {
        *words.months,
        *words.weekdays,
        *words.units,
        *words.seasons,
        *words.day_parts,
        *words.sets,
        *_DECADE_WORDS,
        *_RULE_WORDS.split(),
        *(phrase.split()[-1] for phrase in words.refs),  # "the near future": "future"
        *(name.split()[0] for name in words.holidays),  # "Thanksgiving Day": "Thanksgiving"
    }
    alternation = "|".join(sorted((re.escape(w.rstrip(".")) for w in vocabulary), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alternation}|centur)", re.IGNORECASE)


_MAY_HOLD_TIME = _may_hold_time(load_time_words())
_NAMES = re.compile(
    r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in load_time_words().names) + r")\b",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(
    r"^(?:on|in|at|during|since|by|until|till|from|of|for|before|after)\s+", re.IGNORECASE
)
# Expressions whose value TimeBank anchors on the period named just before ("up from a year earlier").
_BACK_A_YEAR = re.compile(r"(?:(?:a|one)\s+year\s+(?:ago|earlier)|year-(?:earlier|ago))\b", re.IGNORECASE)
# The story's period in another year, named to compare with it: "the 1988 quarter", "last year's quarter",
# "the same period last year". Like "a year earlier", they leave the story at the period it was at.
_OTHER_YEARS_PERIOD = re.compile(
    r"\b(?:(?:last|next)\s+year's|same|corresponding|comparable|like|(?:1\d|20)\d\d)\s+(?:fiscal\s+)?"
    r"(?:quarter|period)\b",
    re.IGNORECASE,
)


def _is_comparison(text: str) -> bool:
    """Whether a time expression names a period only to compare with the story's ("a year earlier")."""
    return bool(_BACK_A_YEAR.search(text) or _OTHER_YEARS_PERIOD.search(text))


# "since" (with a determiner of the noun it dates) puts a time behind the writer, in any tense.
_SINCE = re.compile(r"\bsince(?:\s+(?:the|their|his|her|its|our|my|your|this|that|last))?$", re.IGNORECASE)
_ANCHORED_RULES = frozenset({"anchored", "anchored_day", "anchored_before", "anchored_in"})


def find_time_expressions(
    text: str,
    anchor: dt.date | None,
    tense: str = "past",
    story: StoryTime | None = None,
    tenses: tuple[tuple[int, str], ...] = (),
) -> tuple[TimeMention, ...]:
    """The time expressions of `text`: longest, non-overlapping, in text order, with TIMEX3 values.

    Deictic expressions ("Friday", "last week") are resolved against `anchor`, the publication date, in
    `tense`, or in the tense `tenses` gives for the expression's start offset (each expression in its own
    clause's tense); anaphoric ones ("the next day", "a year earlier") against the last date the story set:
    `story` (the dates of the text before this one) and then each date found in `text` itself."""
    return _find_time_expressions(text, anchor, tense, story or NO_STORY, tenses)


# The same sentence is searched once per tense its expressions are read in: the answers (immutable) are
# kept for the last few sentences.
@lru_cache(maxsize=64)
def _find_time_expressions(
    text: str, anchor: dt.date | None, tense: str, story: StoryTime, tenses: tuple[tuple[int, str], ...]
) -> tuple[TimeMention, ...]:
    if not _MAY_HOLD_TIME.search(text):
        return ()
    context = _Context(anchor=_usable(anchor), tense=tense, words=load_time_words())
    contexts = {start: replace(context, tense=t) for start, t in tenses if t != tense}
    candidates: list[tuple[int, int, str, str | None, str, re.Match[str]]] = []
    for name, pattern, resolve in _TEXT_RULES:
        for match in pattern.finditer(text):
            here = contexts.get(match.start(), context)
            if _SINCE.search(_before(text, match.start())):
                here = replace(
                    here, tense="past"
                )  # "since their Oct. 13 debate": behind us, whatever the verb
            if match.end() > match.start() and (resolved := resolve(match, here)) is not None:
                candidates.append((match.start(), match.end(), *resolved, name, match))
    names = [n.span() for n in _NAMES.finditer(text)]  # "USA Today": no time inside a name
    if names:
        candidates = [c for c in candidates if not any(c[0] < b and a < c[1] for a, b in names)]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, str, str | None, str, re.Match[str]]] = []
    starts: list[int] = []  # of the taken spans, which do not overlap: sorted by start and by end alike
    ends: list[int] = []
    for cand in candidates:
        at = bisect_left(starts, cand[1])  # the taken spans before `at` start before this one ends
        if at == 0 or ends[at - 1] <= cand[0]:
            taken.append(cand)
            starts.insert(at, cand[0])
            ends.insert(at, cand[1])
    taken.sort(key=lambda c: c[0])
    mentions: list[TimeMention] = []
    rules: list[str] = []  # the rule that found each mention
    dates = list(story.values)  # the dates set so far, most recent last
    for start, end, kind, value, name, match in taken:
        here = contexts.get(start, context)
        comparison = _is_comparison(text[start:end])
        if name in _ANCHORED_RULES:
            value = _on_story(match, dates, here)
        elif _BACK_A_YEAR.search(text[start:end]) and (period := _last_period(dates)) is not None:
            value = shift_year(period, -1)  # "up from a year earlier": the period just named, a year back
        elif name == "ago" and _norm(match["dir"]) in ("earlier", "later"):
            ref = _reference(match, _told_before(dates, here))  # "three days later": after the story's date
            resolved = _ago(match, replace(here, anchor=ref)) if (ref := _usable(ref)) else None
            value = resolved[1] if resolved else value
        elif name == "weekday" and _norm(match["rel"] or "") in ("the previous", "the following"):
            day = next((v for v in reversed(dates) if grain_of(v) == "D"), None)  # "the previous Friday"
            start_day = _usable(_first_day(day)) if day else None
            resolved = _weekday(match, replace(here, anchor=start_day)) if start_day else None
            value = resolved[1] if resolved else value
        elif name == "quarter_rel" and (period := _story_period(match, dates)):
            value = period  # "the quarter", "the 1988 quarter", "the same period last year": the story's
        mentions.append(TimeMention(text=text[start:end], span=(start, end), kind=kind, value=value))
        rules.append(name)
        if kind in ("DATE", "TIME") and value and grain_of(value) and not comparison:
            dates.append(value)  # a comparison ("from $5 a year earlier") leaves the story where it was
    return _clocks_on_their_day(text, mentions, rules)


# what may stand between a clock time and the day it is on: "11:30 p.m. Wednesday", "at 4:11 p.m. on
# Sept. 19", "Saturday at 11:15 p.m.", "Sunday, 1 p.m."
_CLOCK_DAY_GAP = re.compile(r"\s*(?:on\s+|at\s+|,\s*)?", re.IGNORECASE)
# a day, or a part of one, with no clock time ("2016-09-21", "2016-09-16TNI")
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI|DT))?$")


def _clocks_on_their_day(text: str, mentions: list[TimeMention], rules: list[str]) -> tuple[TimeMention, ...]:
    """A clock time written beside a day is a time of that day ("11:30 p.m. Wednesday" is Wednesday's
    23:30), not of the day the text is read as of: its value takes the day's date."""
    out = list(mentions)
    for k, mention in enumerate(mentions):
        if rules[k] != "clock" or mention.value is None:
            continue
        for j in (k + 1, k - 1):
            other = mentions[j] if 0 <= j < len(mentions) else None
            if other is None or rules[j] == "clock" or not other.value or not DAY_VALUE.match(other.value):
                continue
            first, second = (mention, other) if mention.span[0] < other.span[0] else (other, mention)
            gap = _CLOCK_DAY_GAP.fullmatch(text, first.span[1], second.span[0])
            if gap is not None:
                out[k] = replace(mention, value=f"{other.value[:10]}T{mention.value.partition('T')[2]}")
                break
    return tuple(out)


_NEEDED_GRAINS = {"D": "DW", "W": "DW", "M": "DWMQ", "Q": "DWMQ"}


def _reference(match: re.Match[str], dates: list[str]) -> dt.date | None:
    """The day an anaphoric count of units ("three days later", "two years earlier") counts from: the
    story's last date fine enough for the unit (its first day); None when the story has set none."""
    code = _unit_code(match["unit"], load_time_words())
    grains = _NEEDED_GRAINS.get(code[-1], "DWMQY")
    value = next((v for v in reversed(dates) if (grain_of(v) or "-") in grains), None)
    if value is None:
        return None
    grain = grain_of(value)
    if grain in ("D", "W"):
        return _first_day(value)
    if grain == "Q":
        quarter = int(value[6])
        return dt.date(int(value[:4]), (quarter - 1) * (3 if value[5] == "Q" else 6) + 1, 1)
    if grain == "M":
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    return dt.date(int(value[:4]), 1, 1)


def _story_period(match: re.Match[str], dates: list[str]) -> str | None:
    """The period a quarter phrase refers back to: "the quarter", "that quarter" the quarter the story named;
    "the 1988 quarter", "last year's quarter", "the corresponding period last year" the quarter (or, for a
    period, the quarter, half or month) the story named, in the year the phrase gives. None when the story
    has named none."""
    rel = _norm(match["rel"] or "")
    if _is_that_quarter(match):
        return _last_quarter(dates)
    if not (match["y3"] or match["yr"] or rel in _SAME_PERIOD):
        return None
    grains = "Q" if match["unit"].lower() == "quarter" else "QM"
    period = next((v for v in reversed(dates) if (grain_of(v) or "-") in grains), None)
    if period is None or match["unit"].lower() == "quarter" and period[5] != "Q":
        return None
    year = _year_of_period(match, int(period[:4]))
    return None if year is None else f"{year:04d}{period[4:]}"


def _is_that_quarter(match: re.Match[str]) -> bool:
    """A quarter named by "the" or "that" alone: the one the story spoke of."""
    plain = not (match["rel"] or match["ago"] or match["y3"] or match["yr"])
    return _norm(match["det"] or "") in ("the", "that") and plain


def _last_quarter(dates: list[str]) -> str | None:
    return next((v for v in reversed(dates) if grain_of(v) == "Q" and v[5] == "Q"), None)


def _last_period(dates: list[str]) -> str | None:
    """The quarter or half the story named last, when it is the last date the story set."""
    return dates[-1] if dates and grain_of(dates[-1]) == "Q" else None


def normalize_time(expression: str, anchor: dt.date | None, tense: str = "past") -> str | None:
    """The TIMEX3 value of one time expression, or None if it is not one or needs a missing anchor."""
    words = load_time_words()
    text = _PREPOSITION.sub("", " ".join(expression.split()).strip(" ,.;:"))
    if _norm(text) in words.weak_refs:
        return words.weak_refs[_norm(text)]
    context = _Context(anchor=_usable(anchor), tense=tense, words=words)
    for _name, pattern, resolve in _EXPRESSION_RULES:
        match = pattern.fullmatch(text) or pattern.fullmatch(text + ".")
        if match and (resolved := resolve(match, context)) is not None:
            return resolved[1]
    found = find_time_expressions(text, anchor, tense)
    longest = max(found, key=lambda m: m.span[1] - m.span[0], default=None)
    return None if longest is None else longest.value


def to_date(value: str) -> dt.date | None:
    """The day a TIMEX3 value names, when it names exactly one ("1998-08-08", "1998-08-08T14:00")."""
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:T|$)", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
