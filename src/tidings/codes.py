"""The codes every stage shares, defined once: PLOVER event types, actor sectors, certainty values, kinds
of knowledge-base entries, and the methods that resolve an actor; with the label sets made from them.

They are `StrEnum`s, so a member equals the string stored in records, rows and JSON (`EventType.ASSAULT ==
"ASSAULT"`) and the rules may keep their string literals. The label sets below hold the plain strings
(`.value`), so nothing downstream (SQL parameters, Arrow columns, JSON) ever sees an enum member.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ACTOR_LABELS",
    "AUTHORITY_SECTORS",
    "CERTAINTIES",
    "CONFLICTUAL",
    "COOPERATIVE",
    "COUNTRY_KINDS",
    "EVENT_TYPES",
    "HARM_TYPES",
    "METONYM_KINDS",
    "NAME_LABELS",
    "NOT_OCCURRED",
    "OCCURRED",
    "OFFICIAL_SECTORS",
    "PLACE_LABELS",
    "TIME_LABELS",
    "Certainty",
    "EntryKind",
    "EventType",
    "ResolutionMethod",
    "Sector",
]


class EventType(StrEnum):
    """The sixteen PLOVER event types, in the codebook's order: seven cooperative, then nine conflictual."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


# the event judge's outputs follow this order (knowledge/models/judge.npz), and so do the web UI's colours
EVENT_TYPES: tuple[str, ...] = tuple(t.value for t in EventType)
COOPERATIVE = EVENT_TYPES[:7]
CONFLICTUAL = EVENT_TYPES[7:]


# acts that harm people, whose reports the coding and judging passes read alike
HARM_TYPES = frozenset({EventType.ASSAULT.value, EventType.COERCE.value})


class Sector(StrEnum):
    """The PLOVER manual's actor sector codes ("Sector Codes" table): frequently used, then less so."""

    COP = "COP"
    GOV = "GOV"
    JUD = "JUD"
    LEG = "LEG"
    MIL = "MIL"
    PRM = "PRM"
    PTY = "PTY"
    REB = "REB"
    SPY = "SPY"
    UAF = "UAF"
    UNK = "UNK"
    AGR = "AGR"
    BUS = "BUS"
    CRM = "CRM"
    CVL = "CVL"
    EDU = "EDU"
    ELI = "ELI"
    JRN = "JRN"
    LAB = "LAB"
    MED = "MED"
    REF = "REF"
    OPP = "OPP"
    PRE = "PRE"
    REL = "REL"
    SOC = "SOC"


# The state's officials: a person of these sectors speaks as an official, and their habits are a state's
# practice.
OFFICIAL_SECTORS = frozenset(
    s.value for s in (Sector.GOV, Sector.MIL, Sector.COP, Sector.JUD, Sector.LEG, Sector.SPY)
)
# Actors of politics: an "attack" by one on another, with no sign of violence, is criticism.
POLITICAL_SECTORS = frozenset(
    s.value for s in (Sector.GOV, Sector.LEG, Sector.PTY, Sector.ELI, Sector.OPP, Sector.JUD)
)
# A state's forces: an order to them is the act they are to do, by the one who orders it.
FORCE_SECTORS = frozenset(s.value for s in (Sector.MIL, Sector.COP, Sector.SPY))
# Those whose order of a measure is the measure ("the government ordered patrols": MOBILIZE). The
# intelligence services are left out, as they were where this set was first written (extract/coding.py).
AUTHORITY_SECTORS = OFFICIAL_SECTORS - {Sector.SPY.value}


class Certainty(StrEnum):
    """How the text presents an event (docs/schema.md): the first six say it happened, as the article or
    its source says, or as someone alleges, claims or denies; the last three that it did not."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    CLAIMED = "claimed"
    DENIED = "denied"
    PROMISED = "promised"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


CERTAINTIES: tuple[str, ...] = tuple(c.value for c in Certainty)
# Events the text reports as done: the act, or a verbal act such as a promise, happened (as the article or
# its source says, or as someone alleges, claims or denies). Planned, hypothetical and negated events did
# not happen: kept in the store, left out of lists, counts and exports unless asked for.
OCCURRED = CERTAINTIES[:6]
NOT_OCCURRED = frozenset(CERTAINTIES) - frozenset(OCCURRED)


class EntryKind(StrEnum):
    """The kinds of knowledge-base entries (`knowledge.base.Entry.kind`), best first when one phrase names
    several (`knowledge.base.KIND_RANK`)."""

    COUNTRY = "country"
    TERRITORY = "territory"
    CAPITAL = "capital"
    IGO = "igo"
    NGO = "ngo"
    INSTITUTION = "institution"
    GROUP = "group"
    PERSON = "person"
    MEDIA = "media"
    DEMONYM = "demonym"
    PEOPLE = "people"


# entries that name a country: "Belarus", "Taiwan", "Belarusian"
COUNTRY_KINDS = frozenset(k.value for k in (EntryKind.COUNTRY, EntryKind.TERRITORY, EntryKind.DEMONYM))
# names that can stand for a state ("Minsk said"): the country names and the capitals
METONYM_KINDS = COUNTRY_KINDS | {EntryKind.CAPITAL.value}


class ResolutionMethod(StrEnum):
    """How an actor was resolved (`Resolution.method`, `resolved_by` in the output; docs/schema.md). A
    method may be qualified: `knowledge_base:<kind>` and `modifier:<kind>` name the entry's `EntryKind`,
    `+sector` says a sector word was named too ("demonym+sector"), and `coreference+nationality_group`
    joins two."""

    KNOWLEDGE_BASE = "knowledge_base"  # the phrase is an entry's name or alias
    PERSON_IN_OFFICE = "person_in_office"  # as of the article's date
    PERSON_FORMER_OFFICE = "person_former_office"
    CAPITAL_METONYM = "capital_metonym"  # "Minsk" -> BLR/GOV
    COUNTRY_AS_STATE = "country_as_state"
    DEMONYM = "demonym"
    MODIFIER = "modifier"  # a country named inside the phrase ("Iraqi troops")
    TITLE_HOLDER = "title_holder"  # "the Belarusian president" -> the holder on that date
    NATIONALITY_GROUP = "nationality_group"  # "citizens of A, B and C"
    COREFERENCE = "coreference"
    SURNAME = "surname"  # a bare surname: the person the article named in full with it
    COORDINATED_MODIFIERS = "coordinated_modifiers"
    SECTOR_NOUN = "sector_noun"
    ETHNIC_GROUP = "ethnic_group"  # "ethnic Albanians in Serbia": no country
    APPOSITION = "apposition"  # "Salaheddine Sidhoum, Algeria's leading activist"
    LOCATED_IN = "located_in"  # "demonstrators in Baghdad"
    MISSPELLED_COUNTRY = "misspelled_country"  # "Ethopia"
    PLACE_COUNTRY = "place_country"  # no country named: the country of the place the act is in
    ARTICLE_COUNTRY = "article_country"  # no country named: the country the article is about
    IMPLICIT_ACTOR = "implicit_actor"  # an act told without its doer
    UNRESOLVED = "unresolved"
    SECTOR = "sector"  # only as the qualifier "+sector"
    SHARED = "shared"  # only as "modifier:shared": a body coordinated under another's owner


# The parser's entity labels (spaCy's OntoNotes scheme) that the stages read, in the sets they share.
# PLOVER codes in the country field that name no state: bodies of states, NGOs, movements, companies
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "UNO", "EUR", "MNC"})
ACTOR_LABELS = frozenset({"PERSON", "NORP", "GPE", "ORG"})  # names that can be an event's actor
NAME_LABELS = ACTOR_LABELS | {"LOC", "FAC"}  # names the knowledge base or the gazetteer may hold
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
