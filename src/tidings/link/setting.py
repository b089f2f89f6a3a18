"""Where a report puts what it tells of: the town (or county) and its state, from the dateline and the
places its title and lead name after "in", "at" or "near".

A story's place is the best-supported of its reports' (tidings.store.story_query). Names are resolved by
the gazetteer (tidings.resolve.places); a town in a state the report names, or that its dateline gives,
wins over a namesake elsewhere.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from tidings.knowledge.base import load_knowledge
from tidings.knowledge.gazetteer import Gazetteer, Place, load_gazetteer, name_key
from tidings.knowledge.time_words import load_time_words
from tidings.knowledge.us_towns import dateline_city, office_name, post_office_of, us_town_states
from tidings.knowledge.word_frequencies import load_word_frequencies
from tidings.resolve.places import distance_km

__all__ = [
    "ReportPlace",
    "in_county",
    "is_county",
    "namesake_in",
    "one_in_the_other",
    "place_of",
    "town_of_county",
]

LEAD_CHARACTERS = 1200
DATELINE_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
# a page title's masthead names where the outlet is ("- WTVM.com-Columbus, GA News Weather & Sports", "-
# WMC Action News 5 - Memphis, Tennessee"): a station covers its region, so its town counts only where
# the report names no other
MASTHEAD_WEIGHT = 0.5
STATE_BONUS = 2.0  # the town lies in a state the report names
COMMON_ZIPF = 3.0  # a word this frequent in English (Zipf: once per million words) is no unknown town's name
# a small town read from the first words of a longer name ("Rock Falls Police") whose words are all this
# frequent in English (three times per million words) is no town: "the Sunshine State", "the Rose Bowl",
# "Wells Fargo Center", "Federal Deposit Insurance Corporation", "Mission Falls apartments"
FIRST_WORDS_ZIPF = 3.5
# a small town's one-word name after "the" this frequent in English (ten times per million words) is the
# word's: "in the Valley", "the Broadway smash", "at the Center for Research"
WORD_AFTER_THE = 4.0
_KINDS = ("city", "county")
_WIDER = frozenset({"region", "country", "continent"})
# a named area or a water whose name small towns bear too: "the Middle East", "the Pacific" (the ocean by
# its short name), "Yorkshire" are not Middle East, Maryland, Pacific, Missouri or Yorkshire, Virginia
_AREAS = frozenset({"area", "ocean", "sea", "lake"})
_WATERS = frozenset({"ocean", "sea"})
_NOT_TOWNS = _WIDER | _AREAS
_WORD = r"(?:St\.|Ft\.|Mt\.|[A-Z][A-Za-z'\-]+)"
# initials, a name of their own: "D.C." (a region that is one city), never a town by themselves ("U.S.")
_INITIALS = r"(?:[A-Z]\.){2,3}(?![A-Za-z])"
# words of one line, no sentence end inside; "of", "de", "la" only between two ("Isle of Man", "Rio de
# Janeiro"; "in August of 2008" is August)
_NAME = rf"(?:{_INITIALS}|{_WORD}(?: (?:(?:of|de|la) ){{0,2}}{_WORD})*)"
_VAGUE = frozenset(
    {"west", "east", "north", "south", "central", "northern", "southern", "eastern", "western"}
)
# "HOUSTON -", "BENTON, Ark. (KTHV) --", "NEW STANTON (KDKA) –", "TACOMA, Wash. -", "(BROOKLYN) -": a town
# in capitals, near the start, before a dash; also after the time a page was updated ("9:35 AM GRANITE
# FALLS, N.C. -", "5:29 PM EDT HOUSTON -")
_UPDATED_AT = r"\d:\d\d\s?[AaPp]\.?[Mm]\.?(?:\s[A-Z]{1,2}T)?\s"
# the day an agency's dateline gives after the town ("NEW YORK, Nov. 19 (UPI) —", "LONDON, Dec 1 (Reuters) -")
_MONTHS = "|".join(
    sorted(
        {m for name in load_time_words().months for m in (name, name[:3])} | {"Sept"}, key=len, reverse=True
    )
)
_DATELINE_DAY = rf"(?:,?\s*(?:{_MONTHS})\.?\s+\d{{1,2}})?"
_DATELINE = re.compile(
    rf"(?:^|\n|\s{{2}}|\(|:\s|{_UPDATED_AT})(?P<name>[A-Z][A-Z.' \-]{{1,38}}[A-Z])\)?"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,14}(?:\s[A-Z][a-z.]+)?))?"
    # the wire agencies' datelines may lack the dash: "ATLANTA (AP) An aide to ..."; a dash read in the
    # wrong encoding is the replacement character: "BEIRUT (AP) \ufffd A Kurdish militia ..."
    rf"{_DATELINE_DAY}\s*(?:\([^)]{{1,40}}\)\s*(?:--|[-\u2013\u2014\ufffd])"
    r"|\((?:AP|Reuters|AFP|UPI)\)(?=\s+[A-Z])|--|[-\u2013\u2014\ufffd])\s"
)
DATELINE_CHARACTERS = 300
ALTERNATE_POPULATION = 100_000
# a town's reach: the radius of a disc of its people at TOWN_DENSITY a km2 (Chicago 21 km, Birmingham,
# Alabama 6 km), at most PART_OF_TOWN_KM; its neighbourhoods lie within it
TOWN_DENSITY = 2000.0
PART_OF_TOWN_KM = 30.0
LARGE_TOWN = 100_000  # a town this large is what its name means, even where a region bears it too (Toledo)
# an outlet's town: the first large town that a page's masthead names ("- WBTV Charlotte") or a dateline's
# outlet ("GREENACRES (CBSMiami) -"); of the namesakes in its country of a town the report names without
# its state, one within this many kilometres of it counts as if its state were named beside it ("Crest
# High School in Shelby" under "WBTV Charlotte" is Shelby, North Carolina, not Shelby, Michigan, the
# larger): a local outlet's reports are of its region. A dateline's own town is no outlet's ("WASHINGTON
# (AP) -" heads reports of the whole country)
ANCHOR_KM = 150.0
_SIDE = r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown)\s+)"
# "in Toledo", "near Ochopee", "in north Fort Worth": a place after a preposition (and a side of it); also
# a town the happening lies off, by a compass point ("East of Bozeman", "just south of Corsicana"), a
# landmark that counts at OFF_WEIGHT: less than any town the report places it in ("in Hueytown, southwest
# of Birmingham" is Hueytown)
_OFF = r"(?P<off>(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:east|west)?\s+of)"
OFF_WEIGHT = 0.25
# an institution named for its building or sitting in one ("at the White House", "in the Kremlin") places a
# happening in its town (tidings.knowledge.base's `seat`), at SEAT_WEIGHT: less than any town the report
# names ("the White House directory" beside "a Biloxi, Miss., motel room" is Biloxi)
SEAT_WEIGHT = 0.25
# "1,500 kilometers south of Tehran": a town this far off is a bearing, not a landmark
_FAR = re.compile(r"\b(?:\d{1,3}(?:,\s?\d{3})+|\d{3,})\s?(?:km|kilometers|kilometres|miles|mi)\.?\s+$")
# "about 14 miles north of Adrian", "3 kilometres west of Stockholm": a town the report measures its
# happening's distance from, a bearing; a dateline naming it tells where the report was filed, not where
# the happening was
_BEARING = re.compile(
    rf"\b(?:\d+(?:\.\d+)?|a few|several)\s?(?:miles?|mi\.|kilometers?|kilometres?|km)\s+{_OFF}\s+"
    rf"(?P<name>{_NAME})"
)
_AFTER_PREPOSITION = re.compile(
    rf"\b(?:in|at|near|outside|{_OFF})\s+(?:the\s+)?{_SIDE}?"
    rf"(?:(?:North|South|East|West)(?:east|west)?\s+(?={_INITIALS}))?(?P<name>{_NAME})"  # "Southeast D.C."
)
# "Norwich Police confirm", "Chicago police said", "the Benton Police Department": a town's police
# the whole of a hyphenated name ("Miami-Dade Police", "Winston-Salem Police"), never its last part alone
_POLICE = re.compile(
    r"(?<![\w-])(?P<name>(?:(?!(?:The|A|An|State)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){1,3}?)Police\b"
)
# "in the Englewood neighborhood", "the city's Old West End neighborhood", "Brooklyn's Brownsville section":
# a part of a town the report names so, never a town of its own anywhere in the report (Englewood,
# Colorado; Bridgeport, Connecticut); "the Englewood neighborhood of Chicago" places it in Chicago. Only
# after "the" or a town's possessive: "a Chicago neighborhood", "the teen's Brooklyn neighborhood" name
# the town itself; "the Houston area", "the Tallahassee community" are the town too
_NEIGHBOURHOOD = re.compile(
    rf"(?:\bthe|\b(?:[Cc]ity|[Tt]own|[A-Z][a-z]+)['\u2019]s)\s+(?P<part>{_NAME})\s+(?:neighbou?rhood|section)\b"
    rf"(?:\s+of\s+(?P<town>{_NAME}))?"
)
# "a 22-year-old Wichita man", "Rock Falls teen": a town named as where someone is from
_OF_PERSON = re.compile(
    rf"(?P<name>{_NAME})(?:'s?)?\s+(?:man|woman|men|women|boy|girl|teen|teens|teenager|child|toddler|mother"
    r"|father|family|resident|residents|student|students|officer|police)\b"
)
# "University police", "Metro police", "a College student": an institution's police or people, never a
# town's ("University Park police" is one); so a force's kind: "Mexico's Federal Police", "National Police"
# (Federal, Entre Ríos), "Military Police", "Border Police"
_INSTITUTION = frozenset(
    {"University", "College", "Campus", "School", "Transit", "Capitol", "Tribal", "Airport", "Metro"}
    | {"Federal", "National", "Military", "Municipal", "Judicial", "Provincial", "Border", "Secret", "Riot"}
)
# "Edmonton, Ky. (November 28, 2016) -", "Sullivan County, Ind (WIBQ) -": a dateline in title case, its
# state after it
_TITLE_DATELINE = re.compile(
    r"(?:^|\n)\s*(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}),\s*(?P<state>[A-Z][A-Za-z]{1,14}\.?)"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:--|[-\u2013\u2014])\s"
)
# "Killingly (AP) -", "New York (AFP) -", "Rusk County (WQOW) -": a dateline in title case with the agency
# or station that wrote it, no state (never a date: "Update (May 11, 2016) --")
_AGENCY_DATELINE = re.compile(
    r"(?:^|\n)\s*(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}) \([^)\d]{1,40}\)\s*(?:--|[-\u2013\u2014])\s"
)
# "North Star Road, Campbellsburg, Indiana", "in Gary, Ind.": a town and the state it is in (never a
# person's home town: "Jaylen Pender of Indianapolis, Indiana", "a nurse from Brownsville, Texas")
# also a state by its two-letter postal code ("Wilmington, NC", only a code that names US states alone),
# and at the end of a title ("WMC Action News 5 - Memphis, Tennessee")
_TOWN_STATE = re.compile(
    rf"\b(?P<name>{_NAME})"
    r"(?=,\s+(?P<state>[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z][a-z]{1,4}\.(?: ?[A-Z][a-z]?\.)?|[A-Z]{2}(?![\w.]))"
    r"(?:[\s,.;)]|$))"
)
# "responded to a rural Williston address", "shot at an Orlando residence": a town named as where a
# dwelling is, after "to", "at" or "from" and "a" or "an" ("the State of the Union address", "gave a White
# House address" are speeches)
_ADDRESS = re.compile(
    rf"\b(?:to|at|from)\s+(?:a|an)\s+(?:[a-z]+\s+)?(?P<name>{_NAME})\s+(?:address|residence)\b"
)
# "treated at New Hanover Regional Medical Center": a place of care named for its town, where the wounded
# were taken, not where they were shot (as `_CARE_BEFORE`); "at Magnolia High School" is not one
_CARE_NAME = re.compile(
    r"\s(?:Hospital|Medical Cent(?:er|re)|Health(?: Cent(?:er|re)| System)?|Clinic|Trauma Cent(?:er|re)"
    r"|Infirmary)$"
)
# the end of a longer name ("Lee County", "Daytona Beach" after "from") or a home town's "of", "from"
_HOME_OR_NAME_BEFORE = re.compile(r"(?:\b(?:of|from)|[A-Z][\w'.-]*)\s+$")
# "at Davis’ home", "outside Smith's mobile home": a name in the possessive before a dwelling is a
# person's, never a town (a town's possessive names a part of it: "in Chicago’s South Side")
_DWELLING_AFTER = re.compile(
    r"['\u2019]s?\s+(?:[a-z]+\s+)?(?:home|house|residence|apartment|condo|property|yard|driveway|porch"
    r"|garage|trailer|farm|ranch|cabin|bedroom|room)\b"
)
# a possessive before a common noun: "in Smith's speech", "in Clemson's momentum" (a town's possessive is
# mostly before a name of a place in it: "at Derry's Altnagelvin Hospital", "in Chicago's South Side")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\s+(?:[a-z]+\s+)?[a-z]")
# "lives at the Addison address", "at the Smith residence": after "the", a name before "address" or
# "residence" is a street already named or a family's, not a town ("at a Williston address" is `_ADDRESS`)
_THE_ADDRESS = re.compile(r"\s+(?:address|residence)\b")
# "in Washington state", "in the Badger state": a name before "state" names a state, by its name or its
# byname, not a town (Washington, D.C.; Badger, Alaska); "in Badger State" with a capital is read whole,
# and no town bears it
_STATE_AFTER = re.compile(r"\s+state\b")
# "in Orange and Seminole counties", "in Dallas, Tarrant and Collin counties": a name listed before
# "counties" (or Louisiana's "parishes") is a county's, not a town's (Orange, California), and a list of
# counties is a wide area, no town of the happening; "in Orange and Seminole" or "in Dallas and Fort
# Worth" name towns
_COUNTIES_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})*,?\s+(?:and|or|&)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}"
    r"\s+(?:counties|parishes)\b"
)
_THE = re.compile(r"\bthe\s+$")
# "a news agency headquartered in New York City", "a firm headquartered in Atlanta": where a body has its
# seat, said of it in passing, not where the report's happening was
_OFFICE_BEFORE = re.compile(r"\bheadquartered\s+$")
# "taken to Magnolia Regional Medical Center in Magnolia", "a hospital in Evansville": where the wounded
# were taken, not where they were shot
_CARE_BEFORE = re.compile(
    r"\b(?:hospital|medical cent(?:er|re)|health cent(?:er|re)|clinic|trauma cent(?:er|re)|infirmary)\s*$",
    re.I,
)
# "born in Havana", "grew up in Hope", "was raised and educated in Toronto": where someone's life began or
# was spent, not where the report's happening was (a birth the report tells of is news of its own: "a
# baby born at Gaza's Al-Shifa hospital" names the town all the same, after "at ... in"; not so here)
_LIFE_BEFORE = re.compile(
    r"\b(?:born|raised|grew up|educated|schooled|graduated(?: from \w+)?)"
    r"(?:\s+and\s+(?:raised|bred|educated|grew up))?\s+$"
)
# "an insult aimed at Cruz", "lashed out at Obama", "pointed at Trump": "at" after a word of aiming or
# looking names whom, not where (not so "shot at", "fired at": "was shot at Walmart")
_AT_SOMEONE = re.compile(
    r"\b(?:aim(?:s|ed|ing)?|direct(?:s|ed|ing)?|lash(?:es|ed|ing)? out|hit(?:s|ting)? back"
    r"|fir(?:es|ed|ing) back|swipes?|jabs?|digs?|laugh(?:s|ed|ing)?|look(?:s|ed|ing)?|point(?:s|ed|ing)?"
    r"|hurl(?:s|ed|ing)?|glar(?:es|ed|ing)|yell(?:s|ed|ing)?|shout(?:s|ed|ing)?|scream(?:s|ed|ing)?"
    r"|smil(?:es|ed|ing)|nodd(?:ed|ing)|wav(?:es|ed|ing)|angry|mad|furious|upset|annoyed"
    r"|pok(?:e[sd]?|ing) fun)\s+$",
    re.I,
)
# "near Stanton St.", "on Pitt Street": a street, not a town
_STREET = re.compile(
    r"\s(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Lane|Ln|Way|Circle|Court|Ct|Highway|Hwy|Pkwy"
    r"|Parkway|Place|Pl|Terrace)\.?$"
)
# "One man was shot", "Many residents", "No mother should": a word this frequent in English (Zipf: "many",
# "most", "one") is no town's name, unless a large town's (Man, Côte d'Ivoire)
FUNCTION_ZIPF = 5.5
ADJECTIVE_WEIGHT = 1.5
FOREIGN_PENALTY = 3.0  # a town outside the countries of the regions the report names
# a state as a report names it: in full ("Indiana"), or abbreviated after a town ("Gary, Ind.")
# ("N.C.", "S.C." and "N.Y." too: one letter before each point)
_STATE_WORDS = re.compile(
    rf"(?P<name>{_NAME})|, (?P<short>[A-Z][A-Za-z]{{1,4}}\.(?: ?[A-Z][a-z]?\.)?|[A-Z]\. ?[A-Z]\.)"
    r"|, (?P<code>[A-Z]{2})(?![\w.])"  # a postal code ("Eau Claire, WI"): US states' only
)


# an office of a state after its name ("Arkansas governor", "Ohio Gov. John Kasich", "Texas Sen. Ted
# Cruz"): the state is a politician's title there, not where the report's happening is
_OFFICE_AFTER = re.compile(
    r"\s*(?:Gov\.|Governor\b|governor\b|Lt\. Gov\.|Lieutenant Governor\b|Sen\.|Senator\b|senator\b|Rep\."
    r"|Representative\b|[Cc]ongress(?:man|woman)\b|Attorney General\b|attorney general\b"
    r"|Secretary of State\b|secretary of state\b)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportPlace:
    """The town or county a report tells of, and its first-level region (a US state) and country."""

    name: str
    region: str | None = None
    country: str | None = None
    score: float = 0.0
    region_named: bool = False  # the report names that region ("Tennessee", ", Tenn.", a dateline's state)
    # every town the report's dateline, title and lead vote for (this one among them): (name, region,
    # country, votes, whether the report names that region), the best-supported first; a story weighs
    # all of its reports' (tidings.store.story_query), so that a town every report names beats one
    # report's own guess
    votes: tuple[tuple[str, str | None, str | None, float, bool], ...] = ()


def _title_case(name: str) -> str:
    # each part of a hyphenated name: "WINSTON-SALEM" is Winston-Salem
    words = name.split()
    return " ".join(
        "-".join(p.capitalize() for p in w.split("-"))
        if w.isupper() and len(w) > 2 and not _ONLY_INITIALS.fullmatch(w)
        else w
        for w in words
    )


def _regions_named(text: str, gazetteer: Gazetteer) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The (country, region) of the first-level regions the text names ("Indiana", ", Ind."), each with
    where: the run of capitalised words it is read in and the words of the run that name it ("Kansas
    City" and "Kansas"), or the abbreviation or code (both)."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for match in _STATE_WORDS.finditer(text):
        if match.group("code"):
            for p in _postal_states(match.group("code"), gazetteer):
                if p.country and p.region:
                    out[(p.country, p.region)].add((match.group("code"), match.group("code")))
            continue
        run = match.group("short") or match.group("name")
        if match.group("short"):
            names, own_only = [match.group("short")], False
        else:
            words = match.group("name").split()
            # "Washington County" names a county, not the state of Washington: no words before a county's
            # "County" or "Parish" are read as a state's name (the county itself may be of one state only);
            # nor before a river's "River" ("the Parana River" is no word of Paraná, Brazil, in a report of
            # Rosario, Argentina; "the Ohio River" none of Ohio)
            names = [
                " ".join(words[start : start + size])
                for size in range(min(3, len(words)), 0, -1)
                for start in range(len(words) - size + 1)
                if start + size >= len(words) or words[start + size] not in ("County", "Parish", "River")
            ]
            own_only = True
        for name in names:
            if name.lower() in _VAGUE:
                continue
            if not match.group("short") and _OFFICE_AFTER.match(
                text, match.start("name") + run.find(name) + len(name)
            ):
                continue  # "the former Arkansas governor", "Ohio Gov. John Kasich": an office's, not a place
            for place, own in gazetteer.named(name):
                if place.kind == "region" and place.country and place.region and (own or not own_only):
                    out[(place.country, place.region)].add((run, name))
            if _COUNTY_NAME.search(name):  # "Pasco County" is of one state only: the report is there
                states = {
                    (p.country, p.region)
                    for p, own in gazetteer.named(name)
                    if p.kind == "county" and own and p.country and p.region
                }
                if len(states) == 1:
                    out[next(iter(states))].add((run, name))  # type: ignore[index]  # set: filtered above
    return dict(out)


def _named_beside(named: dict[tuple[str, str], set[tuple[str, str]]], name: str) -> set[tuple[str, str]]:
    """The regions a report names other than by some words of a town's longer name: "in Kansas City"
    does not name Kansas, nor "Michigan City" Michigan, so neither speaks for the namesake in that
    state (Kansas City, Missouri is the larger); "Kansas City, Kan." and "in Kansas" do, and so does a
    town's whole name where a region bears it too ("Santa Cruz": the department and its capital)."""
    words = name.lower().split()
    return {
        region
        for region, where in named.items()
        if not all(_holds(run, words) and _part_of(said, words) for run, said in where)
    }


def _part_of(said: str, words: list[str]) -> bool:
    """Whether a region's name is some words of a longer name ("Kansas" of "Kansas City"; not "Bastrop
    County" of "Bastrop", nor "Santa Cruz" of "Santa Cruz")."""
    return len(said.split()) < len(words) and _holds(" ".join(words), said.lower().split())


def _holds(run: str, words: list[str]) -> bool:
    """Whether a run of words holds these words, in order and together."""
    found = run.lower().split()
    return any(found[k : k + len(words)] == words for k in range(len(found) - len(words) + 1))


_ONLY_INITIALS = re.compile(_INITIALS)
# a first-level region named as the city it is, with its status after ("Washington, D.C.", "Kyiv City")
_CITY_REGION = re.compile(
    r"(?P<city>.+?),?\s+(?:D\.C\.|City|Capital(?: Region| District| Territory)?|F\.D\.|Federal District)"
)
_COUNTY_NAME = re.compile(r"\s(?:County|Parish)$")
# a middle initial after a first name: "Donald J. Trump" (not "St. Louis, Mo."; a state's abbreviation
# comes after a comma)
_INITIAL_AFTER = re.compile(r" [A-Z]\. [A-Z][a-z]")
# a word in capitals inside a sentence (not a dateline's): an acronym, a town only by a large town's
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_DIVISIONS = frozenset({"Township", "Borough", "Village"})  # "Monroe Township": a place of its town's name
_COUNTY_WORD = re.compile(r"\b(?:County|Parish|Borough)$")  # a US county as reports name it
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")  # "Jada's mother", "Parsons' family": a person's
_ABBREVIATED = {"St.": "Saint", "Ft.": "Fort", "Mt.": "Mount"}
_ABBREVIATED |= {short[:2] + " ": full + " " for short, full in _ABBREVIATED.items()}  # "St Johns" too
_DIRECTION = re.compile(
    r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western"
    r"|downtown|central|suburban|greater|metro)\s+",
    re.I,
)


def _towns(
    name: str, gazetteer: Gazetteer, regions: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()
) -> tuple[list[tuple[Place, bool]], str, bool]:
    """The towns and counties a name can be, the name as looked up, and whether by the whole name ("Rock
    Falls") or only by its first words ("Rock Falls Police" -> Rock Falls; "Miami Gardens" -> Miami).
    `regions`: the first-level regions the report names, where a town of a country's name may lie."""
    named = gazetteer.named(name)
    city = _city_of_region(named, gazetteer)
    if city:
        return city, name, False  # "D.C.": the region is the city of Washington, named as the city is
    if _ONLY_INITIALS.fullmatch(name):
        return [], name, True  # "U.S.", "U.K.": no town (the gazetteer's "Us" is in France)
    if len(name) <= 5 and any(p.kind == "region" for p, _ in named):
        return [], name, True  # "Va.", "Ind.": a state, not a town
    name = name.rstrip(".'")
    found = [(p, own) for p, own in gazetteer.named(name) if p.kind in _KINDS and _plausible(p, own)]
    if not found and _DIRECTION.match(name) and not any(p.kind in _WIDER and own for p, own in named):
        # "North Minneapolis" -> Minneapolis, but "North Little Rock", "South Bend" are towns of their own,
        # and "South Carolina" is a state (not Carolina, Puerto Rico)
        name = _DIRECTION.sub("", name)
        if _not_a_town(name, gazetteer, regions):
            return [], name, True  # "Central America" is not America, Buenos Aires
        found = [(p, own) for p, own in gazetteer.named(name) if p.kind in _KINDS and _plausible(p, own)]
    if not found and name != _unabbreviated(name):  # "St. Augustine": Saint Augustine
        full = _unabbreviated(name)
        found = [(p, own) for p, own in gazetteer.named(full) if p.kind in _KINDS and _plausible(p, own)]
    areas = [p for p, own in gazetteer.named(name) if _wider(p, own)]
    wider = {p.kind for p in areas}
    # a US state's name is the state's in English news wherever a large town abroad bears it too
    us_state = any(p.kind == "region" and p.country == "USA" for p in areas)
    if wider and not any(
        own and p.population >= LARGE_TOWN and (p.country == "USA" or not us_state) for p, own in found
    ):
        # "Florida", "Maryland": the state, not a town of its name; "in China", "in Egypt": the country or
        # continent, not China, Nuevo Leon, unless the report names the state of a town of its name
        # ("Denmark" in a report of South Carolina); a large town of a country's name is one (Singapore),
        # and of a state's name in the US ("New York"), but not abroad ("in Virginia" is the state, not
        # Virginia, Free State)
        if "region" in wider:
            return [], name, True
        return [(p, own) for p, own in found if (p.country, p.region) in regions], name, True
    if found or " " not in name or _COUNTY_NAME.search(name):
        # a county the gazetteer lacks is no town of its first words ("St Johns County" is not St. Johns)
        return found, name, True
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        first = " ".join(words[:size])
        if first.lower() in _VAGUE or _not_a_town(first, gazetteer, regions):
            break  # "University of Alberta", "Obama White House", "Many Part of the World"
        found = [(p, own) for p, own in gazetteer.named(_unabbreviated(first)) if p.kind in _KINDS and own]
        if any(_wider(p, own) for p, own in gazetteer.named(first)) and not any(
            p.population >= LARGE_TOWN for p, _ in found
        ):
            break  # "Mexico's", "Maryland Shootings": the country or state, not Mexico, Pampanga
        # a place by the name itself ("Ocean County Jail", "Monroe Township") is not a name's word
        division = _COUNTY_NAME.search(first) or words[size] in _DIVISIONS
        if (
            found
            and not division
            and not any(p.population >= LARGE_TOWN for p, _ in found)
            and (_common_words(first) or first.endswith(_POSSESSIVE))
        ):
            # "the Sunshine State", "the Rose Bowl", "Wells Fargo Center": the name's words, no town; "St.
            # Ann's Episcopal", "Macy's Thanksgiving": an owner's, a saint's (a large town's stays:
            # "Chicago's South Side")
            break
        if found:
            return found, name, False
    return [], name, True


def _not_a_town(
    name: str, gazetteer: Gazetteer, regions: AbstractSet[tuple[str, str]], *, stated: bool = False
) -> bool:
    """Whether a name is no town's, however the gazetteer knows one of it: a word as frequent as "many"
    (`_function_word`), an institution's word ("University"), or the name of an institution, outlet,
    person or country as our knowledge base writes it ("Congress", "Obama", "America"), unless a town of
    it is large or lies in a region the report names (`regions`: "Denmark" in a report of South
    Carolina). A person's name is a town's only where it comes with its state (`stated`: "Clinton, Iowa",
    "CLINTON, Iowa (AP) -"; not "the Clinton family" in a report naming Kentucky). Checked on the whole
    name, on the name after a side of it ("Central America") and on the first words of a longer one
    ("University of Alberta", "Obama White House"). A large town's other names count as its own
    (Casablanca bears "White House" in GeoNames): an institution with a seat is read as its seat before
    this check (`_seats`)."""
    if _function_word(name, gazetteer) or name in _INSTITUTION:
        return True
    kinds = _actor_kinds().get(name)
    if not kinds or (stated and kinds == {"person"}):
        return False
    placed = regions if kinds != {"person"} else frozenset()  # "Clinton" beside Kentucky: the person
    return not any(
        p.kind in _KINDS and ((p.country, p.region) in placed or p.population >= LARGE_TOWN)
        for p, _ in gazetteer.named(name)
    )


@cache
def _seats() -> dict[str, tuple[str, str]]:
    """The town and region of each institution named for a building or sitting in one, by each of its
    names ("White House", "Kremlin", "Westminster": Washington, Moscow, London), from the `seat` of
    tidings.knowledge.base; names other bodies share ("Congress") have none."""
    out: dict[str, tuple[str, str]] = {}
    for entry in load_knowledge().entries:
        if entry.seat:
            town, region = entry.seat.split("|")
            for alias in (entry.name, *entry.aliases):
                out[alias] = (town, region)
    return out


@cache
def _police_acronyms() -> re.Pattern[str]:
    """The acronyms of the city police forces the knowledge base seats ("NYPD", "LAPD", "IMPD"): a force
    that serves one city names it wherever a report writes it ("Members of an NYPD Strategic Response
    Group")."""
    acronyms = sorted(
        alias
        for entry in load_knowledge().entries
        if entry.seat and entry.sector == "COP"
        for alias in entry.aliases
        if alias.isupper() and alias.isalpha()
    )
    return re.compile(r"\b(?:" + "|".join(acronyms) + r")\b")


def _function_word(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is one word as frequent in English as "many" or "one" (FUNCTION_ZIPF), and no large
    town's."""
    if " " in name or load_word_frequencies().get(name.lower(), 0.0) < FUNCTION_ZIPF:
        return False
    return not any(own and p.population >= LARGE_TOWN for p, own in gazetteer.named(name))


@cache
def _actor_kinds() -> dict[str, frozenset[str]]:
    """The names of institutions, international organisations, news outlets, people, countries and their
    peoples' adjectives, as written ("Congress", "White House", "Xinhua", "Obama", "America", "Argentine"),
    with their kinds: tidings.knowledge.base."""
    out: dict[str, set[str]] = defaultdict(set)
    for entry in load_knowledge().entries:
        if entry.kind in ("institution", "igo", "media", "person", "country", "territory", "demonym"):
            for alias in (entry.name, *entry.aliases):
                out[alias].add(entry.kind)
    return {name: frozenset(kinds) for name, kinds in out.items()}


def _wider(place: Place, own: bool) -> bool:
    """Whether a place is one a name means before a town of that name: a region, country or continent
    by its own name, a named area or lake by its own name, or an ocean or sea by any of its names."""
    return (own and place.kind in _NOT_TOWNS) or place.kind in _WATERS


def _city_of_region(named: Sequence[tuple[Place, bool]], gazetteer: Gazetteer) -> list[tuple[Place, bool]]:
    """The city a first-level region is, when its name is a large town of it with a word of its status
    after ("Washington, D.C.", "Kyiv City", "Brussels Capital", "Bogota D.C."): "in D.C." tells of the
    city of Washington. A region whose name is its town's alone ("New York", "Vienna") is not one, nor a
    state whose largest town bears another name ("Virginia")."""
    for region, _ in named:
        city = _CITY_REGION.fullmatch(region.name) if region.kind == "region" and region.region else None
        if city is None:
            continue  # "Gaza Strip" is more than Gaza
        found = [
            (p, True)
            for p, own in gazetteer.named(city.group("city"))
            if own
            and p.kind == "city"
            and (p.country, p.region) == (region.country, region.region)
            and p.population >= LARGE_TOWN
        ]
        if found:
            return found
    return []


def _rare_word(name: str) -> bool:
    """Whether a name is no common English word ("Update", "Breaking" head pages as datelines do; a town
    the gazetteer lacks is a rare word): each of its words under COMMON_ZIPF (knowledge/word_frequencies)."""
    frequencies = load_word_frequencies()
    return all(frequencies.get(word, 0.0) < COMMON_ZIPF for word in name.lower().split())


def _a_word_after_the(name: str, gazetteer: Gazetteer, regions: AbstractSet[tuple[str, str]]) -> bool:
    """Whether a name read after "the" is an English word, no town: one word as frequent as WORD_AFTER_THE
    that no large town bears, nor a town named with "The" that is large or lies in a region the report
    names ("in the Valley" of a report of Ohio, though The Valley is Anguilla's capital; "the Broadway
    smash", "the Center for Research"; not "the Chicago prison", "the Bronx", "the Hague", nor "in The
    Dalles" of a report of Oregon)."""
    if " " in name or load_word_frequencies().get(name.lower(), 0.0) < WORD_AFTER_THE:
        return False
    return not any(
        own
        and (p.population >= LARGE_TOWN or (p.name.startswith("The ") and (p.country, p.region) in regions))
        for p, own in gazetteer.named(name)
        if p.kind in _KINDS
    )


def _common_words(name: str) -> bool:
    """Whether every word of a name is as frequent in English as FIRST_WORDS_ZIPF ("Sunshine", "Federal",
    "Grand Canyon"; not "Clarkston", "St. Louis")."""
    frequencies = load_word_frequencies()
    return all(
        frequencies.get(word.removesuffix("'s").removesuffix("\u2019s"), 0.0) >= FIRST_WORDS_ZIPF
        for word in name.lower().split()
    )


def _calendar_word(name: str, *, stated: bool = False) -> bool:
    """Whether the name is a day's or a month's (knowledge/time_words.json): never a town ("March" is one
    in England, "May" in India, but a report's "in March" is the month); or a holiday's, unless its state
    follows ("in Christmas ad" is no Christmas, Florida; "Christmas, Fla." is)."""
    words = load_time_words()
    return name in words.weekdays or name in words.months or (not stated and name in words.holidays)


def _unabbreviated(name: str) -> str:
    """The name as the gazetteer writes it: "St. Paul" is "Saint Paul" (also in "St. Paul Shooting"), and so
    is "St Paul", the abbreviation without its point ("in St Johns County")."""
    return _ABBREVIATED[name[:3]] + name[3:] if name[:3] in _ABBREVIATED else name


def _plausible(place: Place, own: bool) -> bool:
    """A town by another of its names only when it is a large one ("IU Health" is not Yiwu)."""
    return own or place.population >= ALTERNATE_POPULATION


def place_of(text: str, gazetteer: Gazetteer, title: str | None = None) -> ReportPlace | None:
    """The town a report tells of, or None when its title and lead name none the gazetteer knows."""
    lead = text[:LEAD_CHARACTERS]
    title = _uncut(title or "", text)
    here = f"{title}\n{lead}"
    headline, masthead = _masthead_split(title)
    named = _regions_named(f"{headline}\n{lead}", gazetteer)
    told = set(named)
    if masthead:
        for state, where in _regions_named(masthead, gazetteer).items():
            named[state] = named.get(state, set()) | where
    regions = set(named)
    head = lead[:DATELINE_CHARACTERS]
    dateline = _DATELINE.search(head)
    titled = _TITLE_DATELINE.search(head)
    if titled and not any(p.kind == "region" for p, _ in gazetteer.named(titled.group("state"))):
        titled = None
    agency = _AGENCY_DATELINE.search(head)
    # the outlet the first dateline names, if any ("GREENACRES (CBSMiami) -")
    first = min((m for m in (dateline, titled, agency) if m), key=lambda m: m.start(), default=None)
    outlet = _DATELINE_OUTLET.search(first.group(0)) if first else None
    station = _outlet_town([masthead, outlet.group("outlet") if outlet else ""], gazetteer, regions)
    # the US states the report's headline and lead name (a masthead's is the station's: "WTOC-TV:
    # Savannah, Beaufort, SC")
    states = {p for p in told if p[0] == "USA"}
    votes: dict[tuple[str, str | None, str | None], float] = defaultdict(float)
    sizes: dict[tuple[str, str | None, str | None], int] = {}
    points: dict[tuple[str, str | None, str | None], tuple[float, float]] = {}
    counties: set[tuple[str, str | None, str | None]] = set()
    # the places a masthead names, and those the rest of the report names: a town only a masthead names is
    # the station's, and takes no county's votes
    reading_masthead = False
    stationed: set[tuple[str, str | None, str | None]] = set()
    placed: set[tuple[str, str | None, str | None]] = set()

    parts = _neighbourhoods(here)
    in_parts: set[tuple[str, str | None, str | None]] = set()

    # "ADRIAN, Mich. - ... about 14 miles north of Adrian": a town the report measures its happening's
    # distance from is not where it was, whatever else names it (a dateline tells where the report was
    # filed)
    bearings = {name_key(_title_case(m.group("name"))) for m in _BEARING.finditer(here)}

    def vote(name: str, weight: float, state: str | None = None) -> None:
        name = name.strip()  # "Chicago " before "Police"
        if bearings and name_key(_title_case(name)) in bearings:
            return
        if name.endswith(_POSSESSIVE):
            return  # "at Dixon's home", "Parsons' family": a person's, far more often than a town's
        seat = None if state else _seats().get(name) or _seats().get(_title_case(name))
        if seat and not any(
            p.kind in _KINDS and (p.country, p.region) in regions
            for p, _ in gazetteer.named(_title_case(name))
        ):
            # "at the White House", "in the Kremlin", "at Downing Street": the town the institution sits in
            # (not so a town of its name in a state the report names: "in White House, Tennessee")
            name, state = seat
            weight *= SEAT_WEIGHT
        elif _STREET.search(name) or _CARE_NAME.search(name) or _calendar_word(name, stated=bool(state)):
            return  # a street, a place of care, a day or month ("Friday, South Carolina police said")
        if name.startswith("An ") and not gazetteer.named(name):
            name = name[3:]  # "An East Toledo man": the sentence's article (not so "An Nhon", a town)
        if _not_a_town(_title_case(name), gazetteer, regions, stated=bool(state)):
            return  # "One man was shot", "University police", "in Congress", "the Obama administration"
        acronym = state is None and seat is None and _ACRONYM.fullmatch(name) is not None
        # "WASHINGTON (AP) -", "LONDON (Reuters) -": a city the agencies write without its state or
        # country (the AP's lists)
        alone = dateline_city(_title_case(name)) if state == "" else None
        towns, name, whole = _towns(_title_case(name), gazetteer, regions)
        if alone:
            # the city itself, even where its state bears its name ("NEW YORK (AP) -" is New York City)
            towns = [
                (p, own)
                for p, own in gazetteer.named(name)
                if p.kind in _KINDS and (p.country, p.region) == alone
            ] or towns
        if acronym and not any(p.population >= LARGE_TOWN for p, _ in towns):
            return  # "in HIV infections", "at SAP Arena": an acronym, not Hīv, Iran ("in NYC" is New York's)
        wanted: set[tuple[str | None, str | None]] = set()
        if state:
            wanted = {(p.country, p.region) for p, _ in gazetteer.named(state) if p.kind == "region"}
        elif alone:
            # that city, whatever states the report names (not Washington, Utah, nor London, Ohio beside
            # "the New York billionaire"): every other town's dateline carries its state or country
            wanted = {alone}
        wanted = wanted or set(_listed_state(name, towns, regions, gazetteer, here))
        # "Killingly (AP) -": a dateline names a town; one the gazetteer lacks and no post office bears (a
        # New England town, a township) is a town of the one US state the report names
        one_state = len(regions) == 1 and next(iter(regions))[0] == "USA"
        if state == "" and not towns and not wanted and one_state and _rare_word(name):
            wanted = {(country, region) for country, region in regions}
        if (
            wanted
            and all(country == "USA" for country, _ in wanted)
            and not any((p.country, p.region) in wanted for p, _ in towns)
            and not any(own and p.kind in _WIDER for p, own in gazetteer.named(name))
        ):
            towns = []  # "BUCKSPORT, SC": the report says which state; a namesake elsewhere is not it
        if not towns:
            if len(wanted) == 1 and next(iter(wanted))[0] == "USA":
                # a dateline's town the gazetteer lacks, in its state; a US state only: elsewhere the
                # gazetteer holds the places of 1,000 people, and "Sports, Toledo" in a masthead is no town
                country, region = next(iter(wanted))
                votes[(name, region, country)] += weight
                (stationed if reading_masthead else placed).add((name, region, country))
                sizes.setdefault((name, region, country), 0)
            return

        # the regions named beside the name: a region named only inside it is no evidence for a
        # namesake there ("in Kansas City" is Missouri's, the larger, not Kansas's)
        beside = _named_beside(named, name)
        countries = {country for country, _ in beside}

        def score(candidate: tuple[Place, bool]) -> float:
            place, own = candidate
            value = math.log10(place.population + 10) + (0.0 if own else -1.5)
            if (place.country, place.region) in beside:
                value += STATE_BONUS
            if (place.country, place.region) in wanted:
                value += 2 * STATE_BONUS
            if countries and place.country not in countries:
                value -= FOREIGN_PENALTY
            return value

        best = max(towns, key=lambda c: (score(c), c[0].population, c[0].gazetteer_id))[0]
        if station is not None and not wanted:
            # of the namesakes in the country read, one near the outlet's town (ANCHOR_KM), also by
            # another form of its name ("Greenacres" of "Greenacres City", Florida, under "(CBSMiami)"):
            # never a town abroad read instead ("in Hebron" under a Cincinnati station's masthead)
            near = [
                (p, own)
                for p, own in gazetteer.named(name)
                if p.kind in _KINDS and p.country == best.country and _near(p, station)
            ]
            best = max(
                {c for c in (*towns, *near) if c[0].country == best.country},
                key=lambda c: (
                    score(c) + (STATE_BONUS if _near(c[0], station) else 0.0),
                    c[0].population,
                    c[0].gazetteer_id,
                ),
            )[0]
        if (
            not whole
            and state is None
            and best.country == "USA"
            and states
            and (best.country, best.region) not in states
        ):
            # "at Montgomery Mall" in a report of Maryland: a US town read from the first words of a
            # longer name is weak; outside every US state the report's headline and lead name, the name is
            # another place's (a county's), not Montgomery, Alabama
            return
        # the name as the report writes it ("Greenacres", not "Greenacres City"); a dateline's town known
        # only by its first words is a town of its own ("Miami Gardens"), a longer name elsewhere is not
        # ("Rock Falls Police")
        own_name = name if (whole or state is not None) and not alone else best.name
        if name_key(own_name) == name_key(best.name):
            # one town, one form in every report: "St. Paul", "Medellín" are the gazetteer's forms, "Bronx"
            # (or "The Bronx") the post office's
            own_name = _one_form(best)
        if own_name.startswith("The ") and not best.name.startswith("The "):
            # "The Denmark man said": the sentence's article, not the town's ("The Dalles")
            own_name = own_name.removeprefix("The ")
        key = (own_name, best.region, best.country)
        if own_name in parts:
            in_parts.add(key)  # "a 7-year-old Englewood boy" of a report of "the Englewood neighborhood"
        votes[key] += weight
        (stationed if reading_masthead else placed).add(key)
        sizes[key] = max(sizes.get(key, 0), best.population)
        points.setdefault(key, (best.lat, best.lon))
        if best.kind == "county":
            counties.add(key)

    # a dateline in title case comes before the agency or station in capitals that wrote it ("Killingly
    # (AP) —", "Edmonton, Ky. (WBKO) -"): the town is the first
    if titled and (dateline is None or dateline.start() >= titled.start()):
        vote(titled.group("name"), DATELINE_WEIGHT, titled.group("state"))
    elif agency and (dateline is None or dateline.start() >= agency.start()):
        vote(agency.group("name"), DATELINE_WEIGHT, "")
    elif dateline:
        vote(dateline.group("name"), DATELINE_WEIGHT, dateline.group("state") or "")
    for source, weight in ((headline, TITLE_WEIGHT), (masthead, MASTHEAD_WEIGHT), (lead, 1.0)):
        reading_masthead = weight == MASTHEAD_WEIGHT  # read by vote(): whose places these are
        for match in _AFTER_PREPOSITION.finditer(source):
            # the possessive after the name ("at Davis’ home"), or ending it ("at Davis' home")
            if _DWELLING_AFTER.match(source, match.end("name") - match.group("name").endswith("'")):
                continue
            if _STATE_AFTER.match(source, match.end("name")):
                continue  # "in Washington state": the state, not its namesake town
            if _COUNTIES_AFTER.match(source, match.end("name")):
                continue  # "in Orange and Seminole counties": counties, not Orange, California
            if _POSSESSIVE_AFTER.match(source, match.end("name")) and not _large_town(
                match.group("name"), gazetteer
            ):
                continue  # "in Smith's speech": a person's (a large town's stays: "in Chicago's crime rate")
            if _THE.search(source, match.start(), match.start("name")) and (
                _THE_ADDRESS.match(source, match.end("name"))
                or _a_word_after_the(match.group("name"), gazetteer, regions)
            ):
                continue
            before = source[max(0, match.start() - 40) : match.start()]
            if match.group("off") and _FAR.search(before):
                continue
            if match.group(0).startswith("at") and _AT_SOMEONE.search(before):
                continue
            if _LIFE_BEFORE.search(before):
                continue  # "born in Havana": a life's place, not the happening's
            if _INITIAL_AFTER.match(source, match.end("name")):
                continue  # "in Donald J. Trump's campaign", "George W. Bush": a person's first name
            if _OFFICE_BEFORE.search(before):
                continue  # "headquartered in New York City": a body's seat
            if not _CARE_BEFORE.search(before):
                vote(match.group("name"), weight * (OFF_WEIGHT if match.group("off") else 1.0))
        for match in _TOWN_STATE.finditer(source):
            before = source[max(0, match.start() - 40) : match.start()]
            if _HOME_OR_NAME_BEFORE.search(before[-30:]) or _CARE_BEFORE.search(before.removesuffix("in ")):
                continue
            if _a_town_in_a_state(match.group("name"), match.group("state"), gazetteer):
                vote(match.group("name"), weight, match.group("state"))
        for match in _NEIGHBOURHOOD.finditer(source):
            if match.group("town"):
                vote(match.group("town"), weight)  # "the Englewood neighborhood of Chicago"
        for match in _ADDRESS.finditer(source):
            vote(match.group("name"), weight * ADJECTIVE_WEIGHT)
        for match in (*_OF_PERSON.finditer(source), *_POLICE.finditer(source)):
            if match.group(0).endswith("family") and (
                match.group("name").startswith("The ") or _THE.search(source, 0, match.start())
            ):
                continue  # "the Bush family", "the Smith family": a surname ("a Wichita family" is a town's)
            vote(match.group("name"), weight * ADJECTIVE_WEIGHT)
        for match in _police_acronyms().finditer(source):
            vote(match.group(0), weight)  # "NYPD": its city, at SEAT_WEIGHT (where the report names no other)
    if not votes:
        return None
    _to_large_towns(votes, sizes, regions, counties)
    _to_host_towns(votes, sizes, points)
    _to_county_namesakes(votes, sizes, counties, gazetteer)
    _to_home_counties(votes, sizes, gazetteer)
    _counties_to_towns(votes, counties, stationed - placed)
    _parts_to_towns(votes, in_parts)
    if not votes:
        return None
    ranked = sorted(votes, key=lambda k: (votes[k], sizes[k], k[0], k[1] or "", k[2] or ""), reverse=True)
    # a town in the outlet's town's region is in a region the report names (its masthead or dateline
    # names a town of it): "Shelby" under "WBTV Charlotte" anchors a story's other reports in North Carolina
    outlet_region = (station.country, station.region) if station is not None else None
    every = tuple(
        (*k, votes[k], (k[2], k[1]) in _named_beside(named, k[0]) or (k[2], k[1]) == outlet_region)
        for k in ranked
    )
    name, region, country, score, region_named = every[0]
    return ReportPlace(
        name=name, region=region, country=country, score=score, region_named=region_named, votes=every
    )


# "GREENACRES (CBSMiami) -": the outlet a dateline names before its dash, and a network's letters fused to
# its station's town in it ("CBSMiami", "CBSNewYork")
_DATELINE_OUTLET = re.compile(r"\((?P<outlet>[^()\d\n]{2,40})\)\s*(?:--|[-\u2013\u2014\ufffd])")
_FUSED_TOWN = re.compile(r"\b[A-Z]{2,5}(?P<town>(?:[A-Z][a-z]+)+)\b")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TITLE_CASE_RUN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def _outlet_town(
    parts: Iterable[str], gazetteer: Gazetteer, regions: AbstractSet[tuple[str, str]]
) -> Place | None:
    """The first large town (LARGE_TOWN) that these names of an outlet name, the station's own: "WBTV
    Charlotte" (Charlotte, North Carolina), "CBSMiami" (Miami), "KLTV.com - Tyler, Longview, Jacksonville"
    (Tyler, Texas: the towns a station lists after its own are of its market, and read alone,
    Jacksonville would be Florida's); the namesake in a region the report names, else the largest (see
    ANCHOR_KM). Never a region ("WMC Action News 5 - Memphis, Tennessee": Memphis)."""
    for part in parts:
        part = _FUSED_TOWN.sub(lambda m: " " + _CAMEL.sub(" ", m.group("town")), part)
        for run in _TITLE_CASE_RUN.findall(part):
            towns = [
                p
                for p, own in gazetteer.named(run)
                if own and p.kind == "city" and p.population >= LARGE_TOWN
            ]
            if towns:
                return max(
                    towns, key=lambda p: ((p.country, p.region) in regions, p.population, p.gazetteer_id)
                )
    return None


def _near(place: Place, station: Place) -> bool:
    """Whether a place lies within ANCHOR_KM of an outlet's town."""
    return distance_km(place.lat, place.lon, station.lat, station.lon) <= ANCHOR_KM


def _one_form(place: Place) -> str:
    """The form of a town's name with or without "The" that every report gets: the post office's ("Bronx",
    New York; "The Dalles", Oregon), else the gazetteer's."""
    office = office_name(place.name, place.region) if place.country == "USA" and place.region else None
    return office if office and office.removeprefix("The ") == place.name.removeprefix("The ") else place.name


def _parts_to_towns(
    votes: dict[tuple[str, str | None, str | None], float],
    parts: AbstractSet[tuple[str, str | None, str | None]],
) -> None:
    """A part of a town the report names as one ("the Bridgeport neighborhood") that no town it lies in
    took the votes of (`_to_large_towns`, `_to_host_towns`) is not the namesake the gazetteer knows
    (Bridgeport, Connecticut): its votes go to the town the report names most, or nowhere."""
    left = [key for key in sorted(votes, key=_order) if key in parts]
    spoken = {key: weight for key, weight in votes.items() if key not in parts}
    for key in left:
        weight = votes.pop(key)
        if spoken:
            votes[max(spoken, key=lambda k: (spoken[k], _order(k)))] += weight


def _neighbourhoods(text: str) -> frozenset[str]:
    """The names a report gives parts of a town (`_NEIGHBOURHOOD`)."""
    return frozenset(_title_case(match.group("part")) for match in _NEIGHBOURHOOD.finditer(text))


def namesake_in(name: str, region: str, country: str, gazetteer: Gazetteer) -> bool:
    """Whether a town (or county) of this name lies in this first-level region: one the gazetteer knows by
    that name, or a US post office of the state ("Madison" in Tennessee, "Dallas" in Georgia)."""
    if any(
        own and p.kind in _KINDS and (p.country, p.region) == (country, region)
        for p, own in gazetteer.named(name)
    ):
        return True
    return country == "USA" and any(state == region for state, _ in us_town_states(name))


# a title's parts, between " - ", " | ", " – ", " — " (or ".com-"); a part that names the outlet is its
# masthead (`_names_outlet`)
_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014]+\s+|(?<=\.com)-|(?<=\.COM)-|\s*\|\s*")
# a web address, a call sign ("KAIT", "WECT"), TV, radio or a channel; or two of a station's words; or a
# short part with "News" (a headline in title case may hold "News" once: "Some Of The Worst News")
_OUTLET = re.compile(r"\b(?:TV|Radio|Channel \d+)\b|\.(?:com|COM|net|org)\b|\b[KW][A-Z]{2,3}(?:-TV)?\b")
_STATION_WORDS = re.compile(r"\b(?:news|weather|sports|traffic)\b", re.I)
MASTHEAD_WORDS = 4  # a part of at most this many words with "News" names an outlet ("Local News")


def _uncut(title: str, text: str) -> str:
    """A title without its last word where it is the text's opening cut inside a word ("... charges in the
    Un" of "... charges in the United States"): that word is no name ("Un", Gujarat)."""
    cut = title.rstrip()
    if cut and text.startswith(cut) and text[len(cut) : len(cut) + 1].isalpha() and cut[-1].isalpha():
        return cut.rsplit(None, 1)[0] if " " in cut else ""
    return title


def _masthead_split(title: str) -> tuple[str, str]:
    """The title's headline and its masthead ("" when it has none): the parts after the first that name
    the outlet ("Teen shot - KAIT Jonesboro, AR - Region 8 News"), or the first when it does and a later
    part does not ("Wichita, Kansas News, Weather, Sports - 1 dead after north Wichita shooting")."""
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    if len(parts) < 2:
        return title, ""
    outlet = [_names_outlet(p) for p in parts]
    if not any(outlet) or all(outlet):
        return title, ""
    if outlet[0]:  # the masthead first: the headline is the parts without the outlet's words
        return " - ".join(p for p, o in zip(parts, outlet, strict=True) if not o), " - ".join(
            p for p, o in zip(parts, outlet, strict=True) if o
        )
    first = outlet.index(True)
    return " - ".join(parts[:first]), " - ".join(parts[first:])


def _names_outlet(part: str) -> bool:
    """Whether a part of a title names the outlet (see `_OUTLET`)."""
    words = {w.lower() for w in _STATION_WORDS.findall(part)}
    return (
        bool(_OUTLET.search(part))
        or len(words) >= 2
        or ("news" in words and len(part.split()) <= MASTHEAD_WORDS)
    )


def _listed_state(
    name: str,
    towns: list[tuple[Place, bool]],
    regions: set[tuple[str, str]],
    gazetteer: Gazetteer,
    text: str,
) -> set[tuple[str, str]]:
    """The state of a small town the gazetteer lacks: a name with a post office in one of the US states the
    report names ("in Montfort" in a report of Wisconsin, "(BROOKLYN) -" in one of Indiana), where the
    gazetteer knows no town of that name in a state the report names, nor a large town of it unless the
    report names the listed one's county (Houston is Texas's even in a report that names Missouri, where a
    Houston has a post office too), and never a name of a state or a country ("New York", "Maryland",
    "Mexico": towns of New York state bear them too)."""
    states = {region for country, region in regions if country == "USA"}
    if not states or any((p.country, p.region) in regions for p, _ in towns):
        return set()
    if any(own and p.kind in _WIDER for p, own in gazetteer.named(name)):
        return set()
    # where the gazetteer knows a US town of the name, or a large town of it anywhere, the report must also
    # name the county the listed one lies in ("White Plains ... Hopkins County, Kentucky"; not La Crosse,
    # Wis. in a report naming Florida; "4-year-old Iowa boy ... Fayette County Sheriff ... in Elgin" is
    # Elgin, Iowa, not Elgin, Illinois, the larger; Houston is Texas's in a report that names Missouri)
    american = any(p.country == "USA" or (own and p.population >= LARGE_TOWN) for p, own in towns)
    listed = {
        state
        for state, county in us_town_states(name)
        if state in states and (not american or (county and county in text))
    }
    return {("USA", next(iter(listed)))} if len(listed) == 1 else set()


def _a_town_in_a_state(name: str, state: str, gazetteer: Gazetteer) -> bool:
    """Whether "NAME, STATE" names a town and its state: not a list of states ("Colorado, Ohio"), not a
    person of a town ("Venus Smith of Philippi, Texas")."""
    if " of " in name or any(p.kind == "region" and own for p, own in gazetteer.named(name)):
        return False
    if state.isupper() and len(state) == 2:
        return bool(_postal_states(state, gazetteer))
    return any(p.kind == "region" for p, _ in gazetteer.named(state))


def _postal_states(code: str, gazetteer: Gazetteer) -> list[Place]:
    """The US states a two-letter postal code names ("NC"); none for a code that also names a region
    elsewhere ("AP" is Andhra Pradesh too) or no region."""
    regions = [p for p, _ in gazetteer.named(code) if p.kind == "region"]
    if regions and all(p.country == "USA" for p in regions):
        return regions
    return []


def _order(key: tuple[str, str | None, str | None]) -> tuple[str, str, str]:
    """A place's (name, region, country) in a fixed order, a missing region or country first."""
    return (key[0], key[1] or "", key[2] or "")


def _to_large_towns(
    votes: dict[tuple[str, str | None, str | None], float],
    sizes: dict[tuple[str, str | None, str | None], int],
    regions: set[tuple[str, str]],
    counties: AbstractSet[tuple[str, str | None, str | None]] = frozenset(),
) -> None:
    """A small town of a state the report does not name, beside a large town of another state of the same
    country that it does name, is a part of the large one the gazetteer lacks ("in Englewood ... Chicago
    police": Chicago, not Englewood, Colorado): its votes go to the large town. A county is no part of a
    town: it keeps its votes ("in Paulding County ... outside Dallas")."""
    large = sorted((k for k in votes if sizes[k] >= LARGE_TOWN), key=lambda k: (-votes[k], k[0]))
    for key in sorted(votes, key=_order):
        name, region, country = key
        if sizes[key] >= LARGE_TOWN or (country, region) in regions or key in counties:
            continue
        host = next((k for k in large if k[2] == country and k[1] != region), None)
        if host is not None:
            votes[host] += votes.pop(key)


def _to_host_towns(
    votes: dict[tuple[str, str | None, str | None], float],
    sizes: dict[tuple[str, str | None, str | None], int],
    points: dict[tuple[str, str | None, str | None], tuple[float, float]],
) -> None:
    """A US place without a post office of its own in its state, near a larger town of that state the
    report also names, within the town's reach (`_reach`), is a part of that town ("in West Garfield Park
    ... Chicago police": GeoNames lists the neighbourhoods of large towns as towns): its votes go to the
    town. A town with its own post office keeps them (Cicero beside Chicago, Katy beside Houston), and so
    does one beyond the larger town's reach (Hueytown, whose post office is Bessemer's, 17 km from
    Birmingham, Alabama)."""
    for key in sorted(votes, key=_order):
        name, region, country = key
        if country != "USA" or region is None or key not in points:
            continue
        if any(state == region for state, _ in us_town_states(name)):
            continue
        hosts = [
            k
            for k in votes
            if k != key
            and k[1:] == (region, country)
            and k in points
            and sizes[k] > sizes[key]
            and distance_km(*points[k], *points[key]) <= _reach(sizes[k])
            and any(state == region for state, _ in us_town_states(k[0]))
        ]
        if hosts:
            host = max(hosts, key=lambda k: (votes[k], sizes[k], _order(k)))
            votes[host] += votes.pop(key)


def _large_town(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is that of a large town (LARGE_TOWN), by its own name."""
    return any(own and p.population >= LARGE_TOWN for p, own in gazetteer.named(_title_case(name.strip())))


def _reach(population: int) -> float:
    """How far from its point a town of this many people reaches, in kilometres (see TOWN_DENSITY)."""
    return min(PART_OF_TOWN_KM, math.sqrt(population / (math.pi * TOWN_DENSITY)))


def in_county(town: tuple[str, str | None, str | None], county: str) -> bool:
    """Whether a US town of this name and state has its post office in a county of this name ("St. Johns
    County" and "Saint Johns County" are one); a place without a post office of its own, the office that
    serves it ("Corralitos", California, served by Watsonville's: Santa Cruz County)."""
    name, region, country = town
    if country != "USA" or region is None:
        return False
    offices = us_town_states(name)
    if not any(state == region for state, _ in offices):
        office = post_office_of(name, region)
        offices = us_town_states(office) if office else frozenset()
    return any(state == region and name_key(seat) == name_key(county) for state, seat in offices)


def is_county(place: tuple[str, str | None, str | None]) -> bool:
    """Whether a place is a county: named as one ("Polk County"), or by a name the gazetteer knows only as
    a county of its state and no post office of the state bears ("Miami-Dade"; not "Miami", a town, nor
    "Madison", Tennessee, a town with a post office the gazetteer lacks)."""
    name, region, country = place
    if _COUNTY_WORD.search(name):
        return True
    kinds = {p.kind for p, _ in load_gazetteer().named(name) if (p.region, p.country) == (region, country)}
    return kinds == {"county"} and not any(state == region for state, _ in us_town_states(name))


def one_in_the_other(
    first: tuple[str, str | None, str | None], second: tuple[str, str | None, str | None]
) -> bool:
    """Whether of two places one lies in the other: a county and a town of it (`town_of_county`), or a
    large town and a place within its reach ("Brooklyn" and "New York City": a borough with a post office
    of its own is read as a town; `_reach`). Two reports of one happening name either."""
    return town_of_county(first, second) or _town_within(first, second)


def _town_within(
    first: tuple[str, str | None, str | None], second: tuple[str, str | None, str | None]
) -> bool:
    if first[1:] != second[1:] or first[0] == second[0]:
        return False
    gazetteer = load_gazetteer()
    places = []
    for name, region, country in (first, second):
        found = [
            p
            for p, own in gazetteer.named(name)
            if own and p.kind == "city" and (p.region, p.country) == (region, country)
        ]
        if len(found) != 1:
            return False  # a name the gazetteer lacks there, or two towns of it in one region: no telling
        places.append(found[0])
    large, small = sorted(places, key=lambda p: -p.population)
    return large.population >= LARGE_TOWN and distance_km(
        large.lat, large.lon, small.lat, small.lon
    ) <= _reach(large.population)


def town_of_county(
    first: tuple[str, str | None, str | None], second: tuple[str, str | None, str | None]
) -> bool:
    """Whether one of two places is a county and the other a town of it (its post office there): Traer and
    Tama County, Iowa; Miami and Miami-Dade. Two reports of one happening name either; neither is a town
    apart from the other (Traer and Tama County, Kansas, or Waterloo, Iowa, are)."""
    if first[1:] != second[1:]:
        return False
    for county, town in ((first, second), (second, first)):
        if is_county(county) and not is_county(town):
            name = county[0]
            names = (name,) if _COUNTY_WORD.search(name) else (name, f"{name} County", f"{name} Parish")
            if any(in_county(town, each) for each in names):
                return True
    return False


def _to_county_namesakes(
    votes: dict[tuple[str, str | None, str | None], float],
    sizes: dict[tuple[str, str | None, str | None], int],
    counties: set[tuple[str, str | None, str | None]],
    gazetteer: Gazetteer,
) -> None:
    """A town of another state, beside a county that holds a town of its name, is that town, and the
    county is the one of that state: "in Paulding County ... outside Dallas" is Dallas, Georgia (the
    county's seat) and Paulding County, Georgia, not Dallas, Texas and Paulding County, Ohio. The votes
    of both go there; a town with no namesake in any county of the county's name keeps them ("Harris
    County ... flown to Tulsa")."""
    for county in sorted((k for k in counties if k in votes), key=_order):
        name, _, country = county
        if country != "USA":
            continue
        states = sorted(
            {
                p.region
                for p, own in gazetteer.named(name)
                if own and p.kind == "county" and p.country == "USA" and p.region is not None
            }
        )
        for key in sorted(votes, key=_order):
            town, region, _ = key
            if key in counties or in_county(key, name):
                continue  # a county, or a town of its own state's county of that name ("Dallas County")
            there = [s for s in states if s != region and in_county((town, s, country), name)]
            if len(there) > 1 and county[1] in there:
                # several states hold a town of the name in a county of the name: the county's, as read
                # (of a state the report names, else the largest: "in Lancaster County ... a Lancaster
                # teen" is Pennsylvania's, not Lancaster, California, nor South Carolina's pair)
                there = [county[1]]
            if len(there) != 1:
                continue
            held = (name, there[0], country)
            moved = votes.pop(county, 0.0)  # (held may be the county itself: its votes counted once)
            votes[held] = votes.get(held, 0.0) + moved
            sizes.setdefault(held, sizes.get(county, 0))
            counties.add(held)
            namesake = (town, there[0], country)
            votes[namesake] = votes.get(namesake, 0.0) + votes.pop(key)
            sizes.setdefault(namesake, 0)
            break


def _to_home_counties(
    votes: dict[tuple[str, str | None, str | None], float],
    sizes: dict[tuple[str, str | None, str | None], int],
    gazetteer: Gazetteer,
) -> None:
    """A name read as a place abroad, in a report of a US town whose post office lies in a county of that
    name, is that county's town (or the county) in the town's state: "Santa Cruz" beside Watsonville is
    Santa Cruz, California, not the Bolivian department's capital. A name read as a US place keeps its
    votes ("Houston" beside Dothan, in Houston County, Alabama, is Houston, Texas), and so does a foreign
    one with no such town beside it."""
    for key in sorted(votes, key=_order):
        name, _, country = key
        if country in (None, "USA"):
            continue
        hosts = sorted(
            {
                t[1]
                for t in votes
                if t[2] == "USA"
                and t[1] is not None
                and in_county(t, f"{name} County")
                and namesake_in(name, t[1], "USA", gazetteer)
            }
        )
        if len(hosts) == 1:
            home = (name, hosts[0], "USA")
            votes[home] = votes.get(home, 0.0) + votes.pop(key)
            sizes.setdefault(
                home,
                max(
                    (p.population for p, own in gazetteer.named(name) if own and p.region == hosts[0]),
                    default=0,
                ),
            )


def _counties_to_towns(
    votes: dict[tuple[str, str | None, str | None], float],
    counties: set[tuple[str, str | None, str | None]],
    stations: AbstractSet[tuple[str, str | None, str | None]] = frozenset(),
) -> None:
    """A county is named for whose sheriff or coroner speaks ("Floyd County police", "a DeKalb County man");
    a town of the same state the report also places its happening in is where it happened ("in Rome"): the
    county's votes go to the town of that state with the most votes. So do they to a town that lies in a
    county of that name, whatever state the county was read in ("Washington County police ... in
    Campbellsburg": Campbellsburg, Indiana lies in a Washington County). A county alone keeps them, and so
    it does beside a town only a page's masthead names (`stations`: "Rusk County (WQOW) - ..." under "-
    WQOW TV: Eau Claire, WI" is Rusk County, not the station's town)."""
    for county in sorted((k for k in counties if k in votes), key=_order):
        towns = [
            k
            for k in votes
            if k not in counties and k not in stations and (k[1:] == county[1:] or in_county(k, county[0]))
        ]
        if towns:
            town = max(towns, key=lambda k: (votes[k], k[0]))
            votes[town] += votes.pop(county)
