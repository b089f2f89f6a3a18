"""The ordered list of passes every draft event goes through before it is stored.

Coding passes rewrite a draft as the codebook asks (a promised release is an AGREE); judging passes
drop what is not an event that occurred (a negated, generic or figurative act, or one of no political
relevance). Each pass's name is what the event's trail and a dropped draft's `dropped_by` show.
"""

from __future__ import annotations

from dataclasses import replace

from .coding import (
    alleged_content,
    alleged_plot,
    answered_accusation,
    authority_order,
    coercive_promise,
    condition,
    criticised_party,
    disaster_emergency,
    intent,
    natural_harm,
    recode,
    refusal,
    threat_recipient,
    trip_to_meet,
    verbal_attack,
    wanted,
    weapon_owner,
)
from .criticism import SAID
from .draft import Draft, Pass, Scene
from .judging import factuality, literal_sense, relevance, specificity
from .roles import country_context, implicit_actor, person_pronoun

__all__ = ["PASSES", "ROLE_PASSES", "judged"]


def judged(draft: Draft, scene: Scene) -> Draft | None:
    """The event judge keeps a rule's event when it finds that the sentence reports some event
    (extract/judge.py): most triggers in real news report no act that happened. Criticism told as what
    someone said (extract/criticism.py) is not put to it: it has no lexicon trigger, which is what the
    judge learnt to expect of an event, and its own conditions (a speaker, a word of disapproval, a
    party it is said of) already say that an act of speech happened."""
    if scene.scores is None:
        return draft
    score = round(scene.scores.get("ANY", 0.0), 3)
    if draft.match.pattern in SAID:
        return replace(draft, score=score)
    return replace(draft, score=score) if score >= scene.keep else None


PASSES: tuple[tuple[str, Pass], ...] = (
    ("natural_harm", natural_harm),
    ("disaster_emergency", disaster_emergency),
    ("weapon_owner", weapon_owner),
    ("recode", recode),
    ("criticised_party", criticised_party),
    ("answered_accusation", answered_accusation),
    ("verbal_attack", verbal_attack),
    ("authority_order", authority_order),
    ("wanted", wanted),
    ("alleged_plot", alleged_plot),
    ("alleged_content", alleged_content),
    ("trip_to_meet", trip_to_meet),
    ("intent", intent),
    ("coercive_promise", coercive_promise),
    ("refusal", refusal),
    ("condition", condition),
    ("threat_recipient", threat_recipient),
    ("implicit_actor", implicit_actor),
    ("person_pronoun", person_pronoun),
    ("country_context", country_context),
    ("factuality", factuality),
    ("specificity", specificity),
    ("literal_sense", literal_sense),
    ("relevance", relevance),
    ("judge", judged),
)

# who the actors of an event the judge adds are (it found the sentence's act, not its roles)
ROLE_PASSES: tuple[tuple[str, Pass], ...] = (
    ("implicit_actor", implicit_actor),
    ("person_pronoun", person_pronoun),
    ("country_context", country_context),
)
