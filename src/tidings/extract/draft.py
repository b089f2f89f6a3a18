"""A draft event and the sentence it is coded in: what the coding passes read and return.

A trigger's draft carries everything the passes may judge or rewrite (type, mode, CAMEO, actors,
recipients, certainty) and the trail of the passes that changed it. `run_passes` applies an ordered
list of passes, each a function from a draft to a draft or nothing; the first that returns nothing
drops the draft, and its name is kept in a `Dropped` record so that a reviewer sees which pass did it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..records import ActorRef, Attribution, ParsedSentence, Token
from ..resolve.actors import ActorResolver
from ..syntax import Tree
from .arguments import Arguments
from .lexicon import Lexicon
from .triggers import TriggerMatch

__all__ = ["Draft", "Dropped", "HarmWords", "Pass", "Scene", "run_passes"]


@dataclass(frozen=True, slots=True)
class HarmWords:
    """The lexicon's word classes that tell an attack from a disaster, put together once per article."""

    natural: frozenset[str]  # natural causes: "flood", "cyclone", "outbreak"
    armed: frozenset[str]  # weapons and forces: "artillery", "tank", "troops"
    fighting: frozenset[str]  # those, fighters, police and hostilities, but no natural cause ("fire")
    animals: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> HarmWords:
        def union(*names: str) -> frozenset[str]:
            return frozenset().union(*(lexicon.classes.get(name, frozenset()) for name in names))

        natural = union("natural_causes")
        armed = union("weapons", "missiles", "explosives", "troops")
        fighting = (armed | union("combatants", "police", "hostilities")) - natural
        return cls(natural=natural, armed=armed, fighting=fighting, animals=union("animals"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Scene:
    """One sentence being coded, with what every pass may consult about it and its article."""

    article_id: str
    published: date | None
    sentence: ParsedSentence
    index: int  # of the sentence in its article: 0 is the headline or lead
    tree: Tree
    lexicon: Lexicon
    resolver: ActorResolver
    harm: HarmWords
    matches: dict[int, TriggerMatch]  # token index -> the trigger found there
    nested: dict[int, int]  # trigger -> the trigger it is reported under ("threatened [to attack]")
    disaster: bool  # the sentence or its story speaks of a natural disaster and names no fighting
    disaster_story: bool = False  # the story is of a natural disaster or an outbreak (its title and lead)
    persons: frozenset[str]
    words: frozenset[str] = field(default_factory=frozenset)  # lemmas and lower-cased forms
    focus: str | None = None  # the country the article is about (resolve/focus.py), if one stands out
    scores: dict[str, float] | None = None  # the event judge's probability of each type, when it ran
    keep: float = 0.0  # the judge's threshold for keeping a rule's event
    context: tuple[ParsedSentence, ...] = ()  # the sentences just before this one, nearest last

    def word_class(self, name: str) -> frozenset[str]:
        """A word class of the lexicon (knowledge/lexicon/classes.json)."""
        return self.lexicon.classes[name]  # a misspelt name fails here, not silently

    def inner(self, i: int) -> tuple[int, ...]:
        """The triggers reported under trigger i."""
        return tuple(j for j, g in self.nested.items() if g == i)


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """An event as the passes see it: found by a trigger, coded, not yet built into an `Event`."""

    match: TriggerMatch
    trigger: Token
    predicate: Token  # the trigger, or the verb carrying a nominal trigger ("will extend [the curfew]")
    args: Arguments
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    recipient_candidates: tuple[Token, ...]
    size_heads: tuple[Token, ...]
    event_type: str
    cameo: str
    mode: str | None
    context: tuple[str, ...]
    certainty: str
    tense: str
    speech: Token | None
    attribution: Attribution | None
    trail: tuple[str, ...] = ()
    score: float | None = None  # the event judge's probability for the type, when it ran

    @property
    def pattern_id(self) -> str:
        return self.match.pattern.id


@dataclass(frozen=True, slots=True, kw_only=True)
class Dropped:
    """A draft that a pass judged not to be an event: for reviewers (`tidings annotate`)."""

    trigger: str
    trigger_span: tuple[int, int]
    event_type: str
    rule: str
    dropped_by: str
    trail: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span),
            "event_type": self.event_type,
            "rule": self.rule,
            "dropped_by": self.dropped_by,
            "trail": list(self.trail),
        }


Pass = Callable[[Draft, Scene], Draft | None]


def run_passes(
    draft: Draft, scene: Scene, passes: Sequence[tuple[str, Pass]]
) -> tuple[Draft | None, Dropped | None]:
    """Apply `passes` in order; a pass that changes the draft leaves its name in the trail."""
    for name, step in passes:
        out = step(draft, scene)
        if out is None:
            return None, Dropped(
                trigger=draft.trigger.text,
                trigger_span=(draft.trigger.start, draft.trigger.end),
                event_type=draft.event_type,
                rule=draft.pattern_id,
                dropped_by=name,
                trail=draft.trail,
            )
        if out is not draft:
            out = replace(out, trail=(*out.trail, name))
        draft = out
    return draft, None
