"""How many people a report says were killed and injured, and who an event's size counts.

Two readers. `casualties_of` reads a report's text for the dead and the wounded of an attack, as news
writes them: a count with a verb of harm ("two men were killed", "killing three", "5 injured", "the death
toll rose to 10"), or one person named by a noun ("a 17-year-old was shot and killed", "the boy died",
"a man was wounded"). `size_status` says whom an event's size counts (killed, injured, arrested,
released), from its type, mode and trigger: "123" released, "3" killed. Both are patterns of English news
kept in the tables below, not facts of any one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.extract.size import parse_number

__all__ = ["Casualties", "casualties_of", "size_status"]

_NUMBER = (
    r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens?|a|an|both)"
)
# who a count or a singular noun can name
_PERSON = (
    r"(?:people|persons?|men|man|women|woman|boys?|girls?|teens?|teenagers?|kids?|toddlers?"
    r"|bab(?:y|ies)|infants?|students?|adults?|(?:grand|step)?(?:fathers?|mothers?|sons?|daughters?)"
    r"|(?:grand|step)?child(?:ren)?|(?:grand)?parents?|husbands?|wives|wife"
    r"|brothers?|sisters?|friends?|officers?|deputies|deputy|troopers?|suspects?|gunm[ae]n|hunters?"
    r"|victims?|individuals?|patrons?|residents?|bystanders?|others?|youths?|relatives?|couple|family"
    r"|\d{1,3}-(?:year|month)-olds?|[a-z]+-(?:year|month)-olds?)"
)
_BE = r"(?:were|was|are|is|have been|has been|had been|got|get)"
_DEAD = (
    r"(?:killed|slain|dead(?!-)|murdered|fatally (?:shot|wounded|injured)|shot (?:and killed|dead|to death))"
)
_HURT = r"(?:wounded|injured|hurt|hospitali[sz]ed)"
# a verb that kills (the victims), and the state of all who died (the killer among them, in a murder-suicide)
_KILLED = r"(?:killed|slain|murdered|fatally (?:shot|wounded|injured)|shot (?:and killed|to death))"
_FOUND_DEAD = r"(?:(?:(?:found|discovered)\s+)?(?:dead(?!-)|shot dead)|(?:found|discovered)\s+shot to death)"
_SHOT = r"(?:shot|wounded|injured|hurt|hospitali[sz]ed)(?! (?:and killed|dead|to death))"
_NOT_FATALLY = r"(?:(?!fatally|mortally)\w+\s+)?"  # an adverb, not "fatally wounded"
_GAP = r"(?:[\w'-]+[ ,]+){0,4}?"  # a few words between a count and its verb ("two of the men")
_NOT_AGE = r"(?![-\s](?:years?|months?|weeks?)[-\s]old)"  # "a wounded 12-year-old" names an age, not 12
# a character of the same sentence: not a full stop, unless of an abbreviation ("Boyle Co. Accidental")
_SAME_SENTENCE = r"(?:[^.;]|(?<=\bCo)\.|(?<=\bSt)\.|(?<=\bMt)\.|(?<=\bJr)\.)"

# counts of the victims of a killing ("killing three", "two men were killed"): a killer who then died by
# his own hand is one more dead
_KILLED_COUNTS = (
    re.compile(rf"\b(?P<n>{_NUMBER})\s+{_GAP}{_PERSON}\s+{_GAP}{_BE}\s+(?:\w+\s+)?{_KILLED}", re.I),
    # "killing three", "killing 3, then killed himself"
    re.compile(
        rf"\b(?:killing|killed|kills)\s+(?:at least\s+)?(?P<n>{_NUMBER}){_NOT_AGE}\b(?![-/])"
        rf"(?:\s+{_PERSON})?",
        re.I,
    ),
    re.compile(rf"\b(?P<n>{_NUMBER}){_NOT_AGE}\s+(?:{_PERSON}\s+)?(?:killed|slain)\b", re.I),
    # a count without its noun: "five were killed", "both were slain"
    re.compile(rf"\b(?P<n>{_NUMBER})\s+{_BE}\s+(?:\w+\s+)?{_KILLED}", re.I),
    # a headline without "to be": "Four people shot in the head, killed", "Two men shot and killed"
    re.compile(
        rf"\b(?P<n>{_NUMBER}){_NOT_AGE}\s+(?:{_PERSON}\s+)?(?:{_BE}\s+)?shot\b[^.;\n]{{0,30}}?(?:,|and|&)\s+killed\b",
        re.I,
    ),
    re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,6}}?(?P<n>{_NUMBER})\b", re.I),
    # "a quadruple murder", "double homicide": a killing named by how many it killed
    re.compile(
        r"\b(?P<n>double|triple|quadruple|quintuple)[\s-]+(?:murders?|homicides?|slayings?|killings?)\b", re.I
    ),
)
# counts of all the dead as found ("three people were discovered dead", "leaving two dead", "Four people
# found shot to death"): in a murder-suicide they count the killer too
_DEAD_COUNTS = (
    re.compile(rf"\b(?P<n>{_NUMBER})\s+{_GAP}{_PERSON}\s+{_GAP}{_BE}\s+(?:\w+\s+)?{_FOUND_DEAD}", re.I),
    # "leaving two dead", never "left two men wounded"
    re.compile(
        rf"\b(?:left|leaving)\s+(?:at least\s+)?(?P<n>{_NUMBER}){_NOT_AGE}\s+(?:{_PERSON}\s+)?dead\b(?!-)",
        re.I,
    ),
    re.compile(rf"\b(?P<n>{_NUMBER}){_NOT_AGE}\s+(?:{_PERSON}\s+)?dead\b(?!-)", re.I),
    re.compile(rf"\b(?P<n>{_NUMBER})\s+{_GAP}{_PERSON}\s+(?:{_BE}\s+)?found\s+{_DEAD}", re.I),
)
_INJURED_COUNTS = (
    re.compile(rf"\b(?P<n>{_NUMBER})\s+{_GAP}{_PERSON}\s+{_GAP}{_BE}\s+{_NOT_FATALLY}{_HURT}", re.I),
    re.compile(
        rf"\b(?:wounding|injuring|wounded|injured|hurt)\s+(?:at least\s+)?(?P<n>{_NUMBER})\b{_NOT_AGE}"
        rf"(?:\s+{_PERSON})?",
        re.I,
    ),
    re.compile(rf"\b(?P<n>{_NUMBER}){_NOT_AGE}\s+(?:{_PERSON}\s+)?(?:wounded|injured|hurt|critical)\b", re.I),
    # a count without its noun: "five were wounded", "two others were injured"
    re.compile(rf"\b(?P<n>{_NUMBER})\s+(?:others?\s+)?{_BE}\s+{_NOT_FATALLY}{_HURT}", re.I),
)
# "Four shot in Broad Ripple": a count of people shot, the wounded when none died
_SHOT_COUNTS = (
    re.compile(
        rf"\b(?P<n>{_NUMBER})\s+(?:{_PERSON}\s+)?(?:{_BE}\s+)?shot\b(?! (?:and killed|dead|to death))", re.I
    ),
)
# one person: a noun (or a name, "Smith") and a verb of death or harm
_ONE_DEAD = (
    re.compile(
        rf"\b{_PERSON}\b{_SAME_SENTENCE}{{0,60}}?\b(?:{_BE}\s+(?:\w+\s+){{0,2}}?{_DEAD}"
        r"|died|was pronounced dead|dies)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:shot,? and killed|shot,? killed|fatally (?:shot|shoots|wounded)|shot to death|found dead"
        r"|kill(?:s|ed)? (?:himself|herself)|took (?:his|her) own life|murder-suicide|suicide)\b",
        re.I,
    ),
    re.compile(r"\b(?:fatal|deadly)\b[^.;]{0,30}?\b(?:shooting|accident|gunshot)\b", re.I),
    re.compile(r"\bshooting death\b|\bdeath of (?:a|an|the|his|her)\b", re.I),
    # a killing named as a noun: "the murder of two young girls", "the 7-year-old boy's July Fourth killing"
    re.compile(
        r"(?<!attempted )\b(?:murder|killing|slaying)\s+of\s+(?:a|an|the|his|her|their|two|three|four)\b",
        re.I,
    ),
    re.compile(rf"\b{_PERSON}(?:'s|\u2019s)\s+(?:[\w-]+\s+){{0,3}}?(?:killing|murder|slaying)\b", re.I),
    re.compile(r"\bpronounced dead\b", re.I),
    # a person named with an age: "Nick Ursiny, 15, a member of the band, died"
    re.compile(
        r"\b[A-Z][a-z]+(?: [A-Z][\w'-]+)+, \d{1,3},[^.;]{0,80}?\b(?:died|dies|was pronounced dead"
        r"|was (?:shot and )?killed)\b"
    ),
)
# a headline drops the verb "to be": "Child Killed, Father Critical", "7-year-old NC girl killed" (of one
# person: "Officers killed" gives no count)
_HEADLINE_DEAD = re.compile(
    rf"^[^\n]*\b(?P<who>{_PERSON}),?\s+(?:\d{{1,3}},\s+)?(?:killed|slain|shot dead|fatally shot)\b", re.I
)
# two people named together and one verb of death: "Mother, 8-Year-Old Son Shot & Killed" (victims);
# "13-year-old and 6-year-old dead", "Mother, child found dead" (all the dead as found, the killer among them)
_TWO_DEAD = re.compile(
    rf"\b{_PERSON}(?:,\s+|\s+and\s+|\s+&\s+)(?:(?:his|her|their|a|an|the)\s+)?(?P<second>[\w-]+\s+)?{_PERSON}\s+"
    rf"(?:{_BE}\s+)?(?:both\s+)?(?P<how>(?:found\s+)?(?:{_DEAD}|shot (?:&|and) killed))",
    re.I,
)


def _side(group: str) -> str:
    """One of two groups of people named together: "two adults", "his wife", "a 6-year-old daughter"."""
    return rf"(?:(?P<{group}>{_NUMBER})\s+|(?:his|her|their)\s+)?(?:[\w-]+\s+)?(?P<{group}_who>{_PERSON})"


_CONJOINED_DEAD = (
    re.compile(rf"\b(?:killing|killed|kills)\s+{_side('a')}\s+(?:and|&)\s+{_side('b')}\b", re.I),
    re.compile(
        rf"(?:^|[.;:\n]\s*|\s[-\u2013\u2014]+\s+){_side('a')}\s+(?:and|&)\s+{_side('b')}\s+"
        rf"(?:{_BE}\s+)?(?:found\s+)?{_DEAD}",
        re.I,
    ),
)
_AS_FOUND = re.compile(r"\b(?:found|discovered)\b|\bdead$", re.I)  # the dead as found, not as killed
_PLURAL = re.compile(r"(?:s|people|men|children|wives|deputies|family|couple)$", re.I)
# the killer died by his own hand too: one more dead than the victims counted
_SUICIDE_TOO = re.compile(
    r"\bmurder-suicide\b|\b(?:then|before|and then) (?:killed|killing|shot|shooting) (?:himself|herself)\b"
    r"|\bturn(?:ed|s|ing)? the gun on (?:himself|herself)\b|\bcommit(?:s|ted)? suicide\b",
    re.I,
)
# ... unless the one who died is the one who shot himself
_SUICIDE_ONLY = re.compile(
    r"\b(?:accidentally|apparently) (?:shot|shoots|shooting|killed|kills) (?:himself|herself)\b"
    r"|\bself-inflicted\b",
    re.I,
)
# "another was wounded", "Another child was hospitalized" (never "another man was shot and killed")
_ANOTHER_HURT = re.compile(rf"\banother\s+(?:\w+\s+)?(?:was\s+)?{_SHOT}\b", re.I)
# beside the dead, one person hurt: "Child Killed, Father Critical", "girl killed, grandmother injured"
_ONE_MORE_HURT = re.compile(
    rf"\b(?:killed|dead|dies|died)\b[,;]?\s+(?:and\s+)?(?:(?:his|her|their|a|an|the)\s+)?(?P<who>{_PERSON})\s+"
    r"(?:was\s+|is\s+)?(?:critically\s+|seriously\s+)?(?:wounded|injured|hurt|critical)\b",
    re.I,
)
_ONE_HURT = (
    re.compile(rf"\b{_PERSON}\b[^.;]{{0,60}}?\b{_BE}\s+(?:\w+\s+){{0,2}}?{_SHOT}\b", re.I),
    re.compile(r"\b(?:critical|serious|stable) condition\b|\bcritically (?:injured|wounded)\b", re.I),
    # one who shot himself and lived ("shot himself in the hand", "Accidentally Shooting Himself"), injuries
    # that are (or are not) life-threatening: a death would be told as one
    re.compile(r"\b(?:shot|shoots|shooting)\s+(?:himself|herself)\b|\blife-threatening\s+injur", re.I),
    # a headline drops the verb "to be": "16-Year-Old Accidentally Shot", "Girl, 4, Shot in Eye"
    re.compile(rf"^[^\n]*\b{_PERSON},?\s+(?:\d{{1,3}},\s+)?(?:\w+\s+)?{_SHOT}\b", re.I),
)
LEAD_CHARACTERS = 800
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+$")
MAX_COUNT = 50  # more is a figure of a year or a city, not of one attack
_SERIES_BEFORE = re.compile(
    r"(?:/\s*|\b\d{1,3}\s+of\s+|\b(?:first|second|third|fourth|fifth|last|latest|newest)\s+of\s+(?:the\s+)?)$",
    re.I,
)
# a report's list of earlier happenings, each after its date ("... murder-suicide. Aug. 23: Joseph Smith,
# 24, is shot and killed"): what the lead tells of ends where the list begins
_CHRONOLOGY = re.compile(
    r"(?:^|\s)(?:\d{4}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?:\s"
)
# "all four people involved in a shooting ... have now died", "Three people have died": all the dead
_HAVE_DIED = re.compile(
    rf"\b(?:(?:all|both)\s+(?:of\s+)?(?:the\s+)?)?(?P<n>{_NUMBER})\s+{_PERSON}\b(?P<gap>{_SAME_SENTENCE}{{0,70}}?)"
    r"\b(?:have|had)\s+(?:now\s+|since\s+|all\s+|both\s+)?died\b",
    re.I,
)
# the rest of a sentence telling that the one it names died ("... who was critically injured Monday has
# died", "... wounded in a shooting on Friday died on Saturday")
_DIED_AFTER = re.compile(
    rf"{_SAME_SENTENCE}{{0,120}}?\b(?:(?:has|had)\s+(?:since\s+|now\s+)?died|died|dies|succumbed"
    r"|was pronounced dead)\b",
    re.I,
)
_A_NUMBER = re.compile(rf"\b{_NUMBER}\b(?!-)", re.I)
_WORD_COUNTS = {
    "a": 1,
    "an": 1,
    "both": 2,
    "dozen": 12,
    "dozens": 24,
    "double": 2,
    "triple": 3,
    "quadruple": 4,
    "quintuple": 5,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Casualties:
    """The dead and the wounded a report gives (None: it tells of no such harm)."""

    killed: int | None = None
    injured: int | None = None


def _count(word: str) -> int | None:
    lower = word.lower()
    return _WORD_COUNTS.get(lower) or parse_number(lower)


def _a_day(text: str, start: int) -> bool:
    """A number after a month is a day, not a count ("on Nov. 9 the woman and her child were found dead")."""
    return _MONTH_BEFORE.search(text, max(0, start - 12), start) is not None


def _not_a_count(text: str, start: int) -> bool:
    """A day of a month, a place in a gallery ("Image 1 of / 9"), a place in a series ("the first of two
    teenagers killed"): not a count of this attack's dead or wounded."""
    return _a_day(text, start) or _SERIES_BEFORE.search(text, max(0, start - 16), start) is not None


def _counts(patterns: tuple[re.Pattern[str], ...], text: str, *, died_after: bool = False) -> list[int]:
    """The counts these patterns find; with `died_after`, less a count of one whose own sentence says that
    the one it names died (`_injured_counts`)."""
    out = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if _not_a_count(text, match.start("n")):
                continue
            value = _count(match.group("n"))
            if died_after and value == 1 and _DIED_AFTER.match(text, match.end()):
                continue
            if value is not None and 0 < value <= MAX_COUNT:
                out.append(value)
    return out


def _injured_counts(text: str) -> list[int]:
    """Counts of the wounded (`_INJURED_COUNTS`), less one person wounded whose own sentence says that he
    died ("A Marion County toddler who was critically injured ... has died" is one dead, not one dead and
    one wounded; "Three people were injured, one later died" still counts three wounded: which of them is
    told by the count of the dead)."""
    return _counts(_INJURED_COUNTS, text, died_after=True)


def _two_count(match: re.Match[str]) -> int:
    """The dead of two named together: one and one, or one and the second's count ("man, two children")."""
    second = (match.group("second") or "").strip()
    value = (
        _count(second) if re.fullmatch(_NUMBER, second, re.I) and second.lower() not in ("a", "an") else None
    )
    return 1 + value if value and 0 < value < MAX_COUNT else 2


def _without_chronology(text: str) -> str:
    match = _CHRONOLOGY.search(text, 1)
    return text[: match.start()] if match else text


def _have_died(text: str) -> list[int]:
    """Counts of the dead as "N people ... have died" (no other count between: "four people were shot and
    two have died" is not four dead)."""
    out = []
    for match in _HAVE_DIED.finditer(text):
        gap = match.group("gap")
        if _not_a_count(text, match.start("n")) or _A_NUMBER.search(re.sub(r"\b(?:a|an)\b", "", gap)):
            continue
        value = _count(match.group("n"))
        if value is not None and 0 < value <= MAX_COUNT:
            out.append(value)
    return out


def _conjoined(text: str) -> tuple[list[int], list[int]]:
    """The dead of two groups named together, each counted (a plural without a number is not counted):
    as victims ("killing her father and daughter") and as found ("two children and two adults were found
    dead", the killer among them)."""
    victims: list[int] = []
    found: list[int] = []
    for pattern in _CONJOINED_DEAD:
        for match in pattern.finditer(text):
            if any(match.group(g) and _a_day(text, match.start(g)) for g in ("a", "b")):
                continue
            sides = [_side_count(match.group(g), match.group(f"{g}_who")) for g in ("a", "b")]
            counted = [n for n in sides if n is not None]
            if len(counted) == 2 and 0 < sum(counted) <= MAX_COUNT:
                (found if _AS_FOUND.search(match.group(0)) else victims).append(sum(counted))
    return victims, found


def _side_count(number: str | None, who: str) -> int | None:
    """A group's count: its number, else one for a singular ("his wife"), else unknown ("officers")."""
    if number:
        return _count(number)
    return None if _PLURAL.search(who) else 1


def casualties_of(text: str, title: str | None = None) -> Casualties:
    """The dead and the wounded of the attack a report tells of, in its title and lead (a report's later
    paragraphs bring other attacks and the year's figures): the largest count it gives, else one when it
    tells of one person killed (or wounded), else none (0) when it tells of the other kind."""
    body = f"{title or ''}\n{text[:LEAD_CHARACTERS]}"
    body = _without_chronology(body)
    victims = _counts(_KILLED_COUNTS, body)
    two = _TWO_DEAD.search(body)
    two_found = two is not None and _AS_FOUND.search(two.group("how")) is not None
    together = _two_count(two) if two else 2
    if two and not two_found:
        victims.append(together)
    conjoined, found_together = _conjoined(body)
    victims += conjoined
    found_dead = _counts(_DEAD_COUNTS, body) + found_together + ([together] if two_found else [])
    found_dead += _have_died(body)
    injured_counts = _injured_counts(body)
    killed = max(victims) if victims else None
    if killed is None and any(p.search(body) for p in _ONE_DEAD):
        killed = 1
    headline = _HEADLINE_DEAD.search(body)
    if killed is None and headline and not _PLURAL.search(headline.group("who")):
        killed = 1
    if killed is not None and _SUICIDE_TOO.search(body) and not _SUICIDE_ONLY.search(body):
        killed += 1
    if found_dead and max(found_dead) > (killed or 0):
        killed = max(found_dead)  # all the dead as found, the killer among them
    injured = max(injured_counts) if injured_counts else None
    if injured is None and not killed:
        shot = [n for n in _counts(_SHOT_COUNTS, body) if n > 1]
        injured = max(shot) if shot else None
    shot_in_all = [n for n in _counts(_SHOT_COUNTS, body) if killed and n > killed]
    if injured is None and shot_in_all:
        injured = max(shot_in_all) - (killed or 0)  # "Four people were shot ... one of them died"
    if injured is None and killed and _ANOTHER_HURT.search(body):
        injured = 1
    if (
        injured is None
        and killed
        and any(not _PLURAL.search(m.group("who")) for m in _ONE_MORE_HURT.finditer(body))
    ):
        injured = 1
    if injured is None and killed is None and any(p.search(body) for p in _ONE_HURT):
        injured = 1
    if killed is None and injured is None:
        return Casualties()
    return Casualties(killed=killed or 0, injured=injured or 0)


# whom an event's size counts, by type (and mode, or the trigger's stem)
_STATUS_BY_MODE = {("RETREAT", "release"): "released", ("COERCE", "arrest"): "arrested"}
_STATUS_BY_TRIGGER = (
    ("ASSAULT", ("kill", "slay", "slain", "murder", "massacre", "execut", "behead"), "killed"),
    ("ASSAULT", ("wound", "injur", "hurt", "maim"), "injured"),
    ("COERCE", ("arrest", "detain", "detention", "jail", "imprison", "round"), "arrested"),
    ("RETREAT", ("releas", "free", "freed", "pardon"), "released"),
    ("CONCEDE", ("pardon", "amnest", "releas", "free"), "released"),
)


def size_status(event_type: str, mode: str | None, trigger: str | None) -> str | None:
    """Whom an event's size counts: killed, injured, arrested or released, else None."""
    status = _STATUS_BY_MODE.get((event_type, mode or ""))
    if status:
        return status
    word = (trigger or "").lower()
    for kind, stems, name in _STATUS_BY_TRIGGER:
        if kind == event_type and word.startswith(stems):
            return name
    return None
