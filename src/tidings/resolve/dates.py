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
from dataclasses import dataclass
from functools import lru_cache

from tidings.resolve.timex import (
    TimeWords,
    fragments,
    load_time_words,
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

__all__ = ["TimeMention", "find_time_expressions", "normalize_time", "to_date"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """A time expression in a text: its characters, TIMEX3 type and value (None when unresolvable)."""

    text: str
    span: tuple[int, int]
    kind: str  # DATE | DURATION | SET | TIME
    value: str | None


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


def _year_rule(m: re.Match[str], c: _Context) -> Resolved:
    token = m["year"]
    if token.isdigit() and not (m["mod"] or m["fiscal"] or m["the"]):
        next_word = re.match(r"[a-z]+", _after(m.string, m.end()).lower())
        if next_word and next_word.group(0) in c.words.count_words:
            return None
        if _APPROXIMATE.search(_before(m.string, m.start()).lower()):
            return None
    year = _year(token, c.words)
    return None if year is None else ("DATE", f"{year:04d}")


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


def _season(m: re.Match[str], c: _Context) -> Resolved:
    season, rel = c.words.seasons[m["s"].lower()], _norm(m["rel"] or "")
    if not rel and not m["year"] and not m["mod"] and m["s"].lower() in ("fall", "spring"):
        return None  # "prices fall", "a hot spring"
    if m["year"]:
        year = _year(m["year"], c.words)
        return "DATE", None if year is None else f"{year:04d}-{season}"
    if c.anchor is None:
        return "DATE", None
    year, step = c.anchor.year, _offset(rel)
    order = ["WI", "SP", "SU", "FA"]
    now = order.index(season_of(c.anchor))
    if step < 0 and order.index(season) >= now:
        year -= 1
    elif step > 0 and order.index(season) <= now:
        year += 1
    return "DATE", f"{year:04d}-{season}"


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
    if c.anchor is None:
        return "DATE", None
    unit, rel = m["unit"].lower(), _norm(m["rel"] or "")
    step = -1 if "latest" in (m["fiscal"] or "").lower() else _offset(rel)
    a = c.anchor
    if unit == "week":
        return "DATE", week_value(a + dt.timedelta(days=7 * step))
    if unit == "weekend":
        if step == 0:
            return "DATE", weekend_value(a, c.tense)
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
    if count is None:
        return "DATE", "FUTURE_REF" if later else "PAST_REF"
    if c.anchor is None:
        return "DATE", None
    code = _unit_code(m["unit"], c.words)
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
    count = c.words.number(m["n"])
    amount = "X" if count is None else f"{count * (2 if code == '2W' else 1):g}"
    grain = code[-1]
    return "DURATION", ("PT" if code.startswith("T") else "P") + amount + grain


def _ref(m: re.Match[str], c: _Context) -> Resolved:
    return "DATE", c.words.refs.get(_norm(m.group(0)))


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


# --- rules ----------------------------------------------------------------------------------------

_MOD = (
    r"(?:(?:early|late|mid)(?:-|\s+)|the\s+(?:middle|beginning|start|end)\s+of\s+|(?:beginning|end)\s+of\s+)"
)

_RULES: tuple[tuple[str, str, Resolver], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", _iso),
    (
        "month_day",
        r"\b(?:(?P<rel>this\s+coming|this|next|last|coming)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})"
        r"\s+(?P<day>{DAYNUM}|{ORD})\b(?![:\d])(?:,?\s+(?P<year>{YEAR}|" + _SPELLED_YEAR + r")\b)?",
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
        r"(?<![\w$.,-])(?:(?P<mod>" + _MOD + r")|(?P<fiscal>fiscal(?:\s+year)?\s+)|(?P<the>the\s+year\s+))?"
        r"(?P<year>{YEAR}|" + _SPELLED_YEAR + r")\b(?![,.]\d|\s*%|-\d|')",
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
        r"year-(?:earlier|ago)|(?P<y1>{YEAR}))\s+)?(?:fiscal[-\s]+)?(?:(?P<q>{QNUM})[-\s]+quarter|"
        r"(?P<h>first|second|last)[-\s]+half)\b(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR})\b)?",
        _quarter,
    ),
    (
        "quarter_rel",
        r"\b(?:(?P<det>the|its|this|that|last|next)\s+)?(?:(?P<rel>latest|previous|past|prior|current|coming"
        r"|most\s+recent|(?:comparable\s+|corresponding\s+)?year-(?:earlier|ago))\s+)?(?:fiscal\s+)?"
        r"(?P<unit>quarter|period)\b(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?",
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
        "unit_rel",
        r"\b(?:(?:(?:early|late|earlier|later)(?:\s+(?:in|on))?|the\s+(?:middle|beginning|start|end)\s+of"
        r"|(?:beginning|end)\s+of|around|sometime)\s+)?(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last"
        r"|the\s+previous|the\s+next|the\s+coming|the\s+current|the\s+following|this|last|next|past|previous"
        r"|coming|current|the)\s+(?P<fiscal>(?:(?:fiscal|calendar|full|latest|current)\s+)+)?"
        r"(?P<unit>week|weekend|month|year|decade|century)\b(?!-|'|\s+(?:old|long|or))",
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
        r"|no\s+more\s+than)\s+)?(?:(?:the\s+(?:past|last|next|first|coming|previous|latest|following)|the)\s+)?"
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
        r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)(?:\s+[A-Z]{{2,3}}T\b)?"
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
_PREPOSITION = re.compile(
    r"^(?:on|in|at|during|since|by|until|till|from|of|for|before|after)\s+", re.IGNORECASE
)
# Expressions whose value TimeBank anchors on the period named just before ("up from a year earlier").
_BACK_A_YEAR = re.compile(r"(?:(?:a|one)\s+year\s+(?:ago|earlier)|year-(?:earlier|ago))\b", re.IGNORECASE)
_REFERENCE_RULES = frozenset({"quarter", "quarter_rel"})
_REFERENCE_REACH = 400  # characters: about two sentences
_FINE_VALUE = re.compile(r"^\d{4}-[QH]\d$")


def find_time_expressions(text: str, anchor: dt.date | None, tense: str = "past") -> tuple[TimeMention, ...]:
    """The time expressions of `text`: longest, non-overlapping, in text order, with TIMEX3 values."""
    return _find_time_expressions(text, anchor, tense)


# The same sentence is searched once per event trigger in it: the answers (immutable) are kept for the
# last few sentences, so a long sentence with many triggers is read once, not once per trigger.
@lru_cache(maxsize=64)
def _find_time_expressions(text: str, anchor: dt.date | None, tense: str) -> tuple[TimeMention, ...]:
    context = _Context(anchor=anchor, tense=tense, words=load_time_words())
    candidates: list[tuple[int, int, str, str | None, str]] = []
    for name, pattern, resolve in _TEXT_RULES:
        for match in pattern.finditer(text):
            if match.end() > match.start() and (resolved := resolve(match, context)) is not None:
                candidates.append((match.start(), match.end(), *resolved, name))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, str, str | None, str]] = []
    starts: list[int] = []  # of the taken spans, which do not overlap: sorted by start and by end alike
    ends: list[int] = []
    for cand in candidates:
        at = bisect_left(starts, cand[1])  # the taken spans before `at` start before this one ends
        if at == 0 or ends[at - 1] <= cand[0]:
            taken.append(cand)
            starts.insert(at, cand[0])
            ends.insert(at, cand[1])
    taken.sort()
    mentions: list[TimeMention] = []
    reference: tuple[int, str] | None = None  # end and value of the last period a "year earlier" can refer to
    for start, end, kind, value, name in taken:
        if reference and start - reference[0] < _REFERENCE_REACH and _BACK_A_YEAR.search(text[start:end]):
            value = shift_year(reference[1], -1)
        elif name in _REFERENCE_RULES and value and _FINE_VALUE.match(value):
            reference = (end, value)
        mentions.append(TimeMention(text=text[start:end], span=(start, end), kind=kind, value=value))
    return tuple(mentions)


def normalize_time(expression: str, anchor: dt.date | None, tense: str = "past") -> str | None:
    """The TIMEX3 value of one time expression, or None if it is not one or needs a missing anchor."""
    words = load_time_words()
    text = _PREPOSITION.sub("", " ".join(expression.split()).strip(" ,.;:"))
    if _norm(text) in words.weak_refs:
        return words.weak_refs[_norm(text)]
    context = _Context(anchor=anchor, tense=tense, words=words)
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
