"""When a report says its happening happened: the earliest day its title or lead names, as of its date;
and, for a report that comes without a date, the day its dateline gives.

News leads say when ("was shot Saturday night", "died Sept. 13"); a day after the publication date, or
one a future verb governs ("will start on Friday"), is a plan or a hearing, and a time stamp ("Posted:
Monday, May 4") is the report's own, so they are left out. `lead_date` is what identity compares (the
model was trained on it); `event_date`, the day a story says its happening happened, also leaves out a
day named as a bound ("no names will be released until Monday", "just days before Christmas", "since
Friday": what happened is on the other side of it), and counts a holiday only when the lead names no
other day (a holiday is more often the season a lead sets, "home for Thanksgiving", than the day). It
reads each day of a lead that tells of harm done to people ("shot", "killed", "died") by the word of its
clause nearest to it: a lead names its happening's day beside the act
("was shot and killed Friday", "the shooting happened Thursday afternoon"), and other days beside other
acts: an earlier one told as background ("the theft occurred Dec. 15" after "was shot on Dec. 22"; "the
fatal shooting of his estranged wife on Thursday" after "was shot Friday") or what followed (a death, a
charge, an autopsy: "died Saturday", "police Friday charged the mother", "autopsies Friday"). So the day
is the first day named beside a word of the attack; else, as before, the earliest day named beside no
word of what followed (a death is often days after the attack: "died Sunday" is a candidate, never
first); else the earliest. A report's own dateline or time stamp ("NEW HAVEN, Conn., Oct. 27 (UPI) --",
"November 28, 2016 02:23 PM") counts as what followed (its day only when it names no other), and a plan
("an autopsy is set for Tuesday") not at all.

A report read without its publication date often still carries it at its head ("Updated: July 7, 2012",
"Jan 05, 2011 Saints place ...", "Last Updated: Monday, 28 November 2005"): `dateline_date` reads that
full date (day, month and year, no relative day), so that identity can tell two similar happenings years
apart even when the input gave no dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from tidings.knowledge.gazetteer import load_gazetteer
from tidings.knowledge.time_words import load_time_words
from tidings.resolve.dates import DAY_VALUE, find_time_expressions, to_date

__all__ = [
    "DATELINE_CHARACTERS",
    "LEAD_CHARACTERS",
    "dateline_date",
    "event_date",
    "lead_date",
    "lead_weekdays",
]

LEAD_CHARACTERS = 600
_FOLLOWED_WITHIN = 7  # days: a statement or a step in the case this soon after an attack the body names
BODY_CHARACTERS = 3000  # where event_date looks on when the lead names no day
DATELINE_CHARACTERS = 200  # a dateline or time stamp is at the head of a report, before its lead
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FUTURE = re.compile(r"\b(?:will|would|shall|scheduled|set to|expected to|plans? to|next)\b[^.]*$", re.I)
# a plan in the present: "an autopsy is set for Tuesday" (event_date only)
_SET_FOR = re.compile(r"\b(?:is|are)\s+(?:\w+\s+)?set\s+for\s+(?:the\s+|this\s+)?$", re.I)
# a day as a bound: "until Monday", "days before Christmas", "since Friday", "ahead of Tuesday's vote"
_BOUND = re.compile(r"\b(?:until|till|before|ahead of|since|by)\s+(?:the\s+|this\s+|last\s+)?$", re.I)
# the word of a day's clause that tells what happened on it: the attack, a death, or what followed (the
# police's response to the scene is the attack's time: "deputies responded around 5 p.m. Oct. 11")
_ATTACK = re.compile(
    r"\b(?:shot|shoots?|shootings?|gunfire|opened fire|fired|killed|killing|slain|stabbed|stabbing"
    r"|wounded|injured|attack(?:ed)?|murdered|happened|occurred|discharged|struck|hit|incident|responded)\b",
    re.I,
)
# a report of harm done to people, whose lead the words of its days' clauses are read in
_HARM = re.compile(
    r"\b(?:shot|shooting|gunfire|killed|killing|slain|stabbed|stabbing|wounded|injured|murder(?:ed)?|dead"
    r"|died|dies|death)\b",
    re.I,
)
_DEATH = re.compile(r"\b(?:died|dies|dead|death|pronounced|found|discovered|bodies)\b", re.I)
# a report's own dateline ("NEW HAVEN, Conn., Oct. 27 (UPI) -- One person was killed") or a page's time
# stamp ("hunting accident November 28, 2016 02:23 PM"): the report's day, not one it names
_STAMP_AFTER = re.compile(r"\s*,?\s*\d{1,2}:\d\d\b")
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Z .']+(?:, [A-Z][A-Za-z.]+)*,\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:--|[-\u2013\u2014])\s")
_AFTERWARDS = re.compile(
    r"\b(?:charged?|charges|charging|arrest(?:ed)?|booked|arraigned|indicted|identified|ruled"
    r"|autops(?:y|ies)|court|hearing|vigil|funeral|memorial|buried|sentenced|pleaded|pleads|appeared"
    r"|bond|jail(?:ed)?|custody|trial|jury|announced|released|confirmed|questioned|interviewed|surrendered"
    r"|turned himself in|turned herself in|press conference|rally|rallied|gathered|held"
    r"|said|says|told|reported|according|stated|remain(?:s|ed)?|condition|investigat\w*|underway)\b",
    re.I,
)
_CLAUSE_BEFORE = 80  # characters of a day's sentence read before it, and after it
_CLAUSE_AFTER = 40
# a full stop after an abbreviation ends no sentence: "11:30 p.m. Wednesday", "Sept. 19", "Gary, Ind. and",
# "Boyle Co. deputies", "Lt. Steve Moore". Months and states are abbreviated as the time words and the
# gazetteer know them ("Sept.", "Ind."); these are the titles, ranks, streets and weekdays a report shortens
_SHORTENED = frozenset((
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Mt", "Ft", "Lt", "Sgt", "Det", "Capt", "Cpl", "Gov", "Sen",
    "Rep", "Co", "Ave", "Blvd", "Rd", "Hwy", "No", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "Sun",
))  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_WORD_BEFORE = re.compile(r"\b\w{1,6}$")  # the word a full stop may shorten (at most six letters: "Thurs")
_STAMP = re.compile(r"(?:posted|updated|published|last updated|created)\W{0,3}(?:on\W{0,2})?$", re.I)


def lead_date(text: str, published: dt.date | None, title: str | None = None) -> dt.date | None:
    """The earliest day named in the title or lead, on or before `published` (None without a date)."""
    return _earliest_day(text, published, title, careful=False)


def lead_weekdays(text: str, title: str | None = None) -> int:
    """The weekdays the title or lead names, as bits (Monday 1, Tuesday 2, ... Sunday 64; 0: none).

    A report read without a date cannot resolve "on Sunday" to a day, but two such reports of one
    happening name the same weekday more often than not ("killed on Sunday", "Sunday's quake"), where two
    similar happenings fall on the same weekday one time in seven: identity compares these where it has
    no days to compare (tidings.link.similarity)."""
    weekdays = load_time_words().weekdays
    found = 0
    for match in _weekday_names().finditer(f"{title or ''}\n{text[:LEAD_CHARACTERS]}"):
        found |= 1 << weekdays[match.group(0)]
    return found


@cache
def _weekday_names() -> re.Pattern[str]:
    """The weekdays of the time words (knowledge/time_words.json), written in full and capitalised."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, load_time_words().weekdays)) + r")\b")


def event_date(text: str, published: dt.date | None, title: str | None = None) -> dt.date | None:
    """The day the happening a report tells of happened: the earliest day its title or lead names, on or
    before `published`, but a bound ("until Monday") or, beside another day, a holiday."""
    return _earliest_day(text, published, title, careful=True)


def _earliest_day(
    text: str, published: dt.date | None, title: str | None, *, careful: bool
) -> dt.date | None:
    if published is None:
        return None
    day, followed = _day_named(f"{title or ''}\n{text[:LEAD_CHARACTERS]}", published, careful=careful)
    if (day is None or followed) and careful:
        # a lead that names no day of the happening, none or only days of what followed ("officials said
        # Tuesday", "was booked Friday"): the first day the body names beside a word of the attack ("...
        # by the time officers arrived around 11:30 p.m. Wednesday", "It happened ... on June 22"); beside
        # a day of what followed, only within the week before it (further back, the body recalls another
        # attack more often than not: "another charge for the Nov. 7th shooting death of ...")
        body = f"{title or ''}\n{text[:BODY_CHARACTERS]}"
        # (only where a word of the attack follows the lead, and the report tells of harm: a day beside
        # one is all this looks for)
        after_lead = len(title or "") + 1 + LEAD_CHARACTERS - _CLAUSE_BEFORE
        if _ATTACK.search(body, after_lead) and _HARM.search(body):
            attack, _ = _day_named(body, published, careful=True, attack_only=True)
            if attack is not None and (day is None or 0 <= (day - attack).days <= _FOLLOWED_WITHIN):
                day = attack
    return day


def _day_named(
    body: str, published: dt.date, *, careful: bool, attack_only: bool = False
) -> tuple[dt.date | None, bool]:
    """The day a text names for its happening (see `event_date`), and whether it is only a day of what
    followed (a charge, a statement, the report's own stamp)."""
    holidays = {name.lower() for name in load_time_words().holidays} if careful else set()
    harm = careful and _HARM.search(body) is not None
    days: list[dt.date] = []
    feasts: list[dt.date] = []
    by_word: dict[str, list[dt.date]] = {"attack": [], "death": [], "after": []}
    for mention in find_time_expressions(body, published):
        if mention.kind not in ("DATE", "TIME") or not mention.value or not DAY_VALUE.match(mention.value):
            continue
        before = body[max(0, mention.span[0] - 40) : mention.span[0]]
        if _STAMP.search(before[-20:]) or _FUTURE.search(before):
            continue
        if careful and (_BOUND.search(before) or _SET_FOR.search(before)):
            continue
        stamp = careful and bool(
            (_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(body, mention.span[1]))
            or _STAMP_AFTER.match(body, mention.span[1])
        )
        day = to_date(mention.value[:10])
        if day is None or day > published:
            continue
        if mention.text.lower() in holidays:
            feasts.append(day)
            continue
        word = "after" if stamp else _clause_word(body, mention.span) if harm else None
        if word is not None:
            by_word[word].append(day)
        if word != "after":
            days.append(day)
    if by_word["attack"]:
        return by_word["attack"][0], False
    if attack_only:
        return None, False
    if days:
        return min(days), False
    if by_word["after"]:
        return min(by_word["after"]), True
    return (min(feasts), False) if feasts else (None, False)


def _clause_word(body: str, span: tuple[int, int]) -> str | None:
    """What the word of a day's sentence nearest to it tells: "attack", "death", "after" (what followed:
    a charge, an autopsy, a vigil), or None."""
    start, end = span
    before = body[max(0, start - _CLAUSE_BEFORE) : start]
    ends = _sentence_ends(before)
    before = before[ends[-1][1] :] if ends else before
    after = body[end : end + _CLAUSE_AFTER]
    stops = _sentence_ends(after)
    after = after[: stops[0][0]] if stops else after
    after = after.split(",", 1)[0]  # "on June 2, police reported": after a comma, another clause
    nearest: tuple[int, str] | None = None
    for kind, pattern in (("attack", _ATTACK), ("death", _DEATH), ("after", _AFTERWARDS)):
        for match in pattern.finditer(before):
            distance = len(before) - match.end()
            if nearest is None or distance < nearest[0]:
                nearest = (distance, kind)
        for match in pattern.finditer(after):
            distance = match.start()
            if nearest is None or distance < nearest[0]:
                nearest = (distance, kind)
    return nearest[1] if nearest else None


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence end of `text` (the mark and the space after it): a full stop that
    ends no abbreviation, "!", "?", a line break."""
    return [match.span() for match in _SENTENCE_END.finditer(text) if not _after_abbreviation(text, match)]


def _after_abbreviation(text: str, mark: re.Match[str]) -> bool:
    """Whether a sentence mark is the full stop of an abbreviation."""
    if mark.group()[0] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, mark.start() - 7), mark.start())
    return word is not None and _abbreviated(word.group())


def _abbreviated(word: str) -> bool:
    """Whether a word before a full stop is an abbreviation: a letter ("p.m.", "J."), a title, rank,
    street or weekday (`_SHORTENED`), a month as the time words shorten it ("Sept."), or a state as the
    gazetteer knows it by another name ("Ind.", "Wash."; "Ohio." is Ohio's own name and ends a sentence)."""
    if (len(word) == 1 and word.isalpha()) or word in _SHORTENED:
        return True
    if not word[0].isupper():
        return False
    if f"{word}." in load_time_words().months:
        return True
    return any(p.kind == "region" and not own for p, own in load_gazetteer().named(f"{word}."))


def dateline_date(text: str, title: str | None = None) -> dt.date | None:
    """The first full date (day, month and year, written out) at the head of a report, for one read
    without its publication date; None when its head names none ("on Friday" names no year)."""
    head = f"{title or ''}\n{text[:DATELINE_CHARACTERS]}"
    for mention in find_time_expressions(head, None):
        if mention.kind == "DATE" and mention.value and _FULL_DAY.match(mention.value):
            return to_date(mention.value[:10])
    return None
