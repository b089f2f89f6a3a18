"""The judging passes: whether a draft reports an act that happened, specifically and literally.

Each pass states the general class of text it covers, and tests carry sentences of that class and
counter-examples that must pass (tests/extract/test_judging.py).

- factuality: an act asked about in a question is not asserted ("Did the capo plot to kill the
  president?"): it is marked hypothetical, shown by `tidings extract` and left out of counts.
- specificity: generic, habitual and statistical statements report no particular act: "gangs often
  kidnap migrants", "local gangs fight over profits" (present tense of habit, outside a headline),
  "kidnappings rose 20 percent", "the number of arrests". A practice of a state's forces or officials
  ("Israeli soldiers routinely beat detainees") is recorded as rights monitors do.
- literal_sense: harm whose doer is an abstraction is a figure of speech ("crisis strikes Paris",
  "delivery beats other options"). (Phrasal verbs of another sense, "kicks off his tour", are refused by
  the patterns themselves: `not_particle` in the lexicon.)
- relevance: talking to the press is an interview, not a consultation ("spoke with a Politico writer").
"""

from __future__ import annotations

from dataclasses import replace

from .draft import Draft, Scene

__all__ = ["factuality", "literal_sense", "relevance", "specificity"]

FREQUENCY_ADVERBS = frozenset(
    {
        "often", "usually", "typically", "regularly", "frequently", "routinely", "generally", "commonly",
        "always", "sometimes", "rarely", "seldom", "traditionally", "increasingly", "constantly",
        "normally", "occasionally", "habitually", "periodically", "ordinarily",
    }
)  # fmt: skip
# what a count of acts is said to do when it is a statistic, not a report of the acts
TREND_VERBS = frozenset(
    {
        "rise", "increase", "decrease", "fall", "drop", "double", "triple", "decline", "grow", "soar",
        "surge", "climb", "spike", "plummet", "jump", "dip", "reach", "exceed", "total", "average",
        "account", "outnumber", "represent", "remain",
    }
)  # fmt: skip
QUANTITY_NOUNS = frozenset(
    {
        "number", "rate", "level", "percentage", "percent", "share", "statistic", "figure", "tally",
        "increase", "decrease", "rise", "drop", "decline", "fall", "surge", "spike", "uptick", "reduction",
        "trend", "average", "count", "total", "majority", "proportion", "wave", "epidemic",
    }
)  # fmt: skip
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
PRESS = frozenset(
    {
        "reporter", "journalist", "writer", "correspondent", "editor", "columnist", "interviewer", "host",
        "anchor", "press", "media", "newspaper", "magazine", "podcast", "radio", "television", "tv",
    }
)  # fmt: skip
ACTOR_NOUN_ENTS = frozenset({"PERSON", "NORP", "GPE", "ORG", "FAC", "LOC"})
# the lexicon's word classes of nouns that name who can do harm: people, groups, forces, weapons
ABLE_CLASSES = (
    "persons", "combatants", "troops", "police", "militia", "weapons", "missiles", "explosives",
    "officials", "parties", "organizations", "suspects", "blades", "crowd_control", "drones",
)  # fmt: skip


def factuality(draft: Draft, scene: Scene) -> Draft | None:
    """An act asked about in a question is not asserted: its certainty becomes hypothetical."""
    if draft.certainty in ("negated", "hypothetical"):
        return draft
    text = scene.sentence.text.rstrip().rstrip("\"'”’)")
    if not text.endswith("?"):
        return draft
    return replace(draft, certainty="hypothetical")


def specificity(draft: Draft, scene: Scene) -> Draft | None:
    """Generic, habitual and statistical statements report no particular act."""
    tree = scene.tree
    predicate = draft.predicate
    chain = [predicate, *tree.ancestors(predicate.i)[:2]]
    habitual = any(k.lemma in FREQUENCY_ADVERBS for node in chain for k in tree.kids(node.i, "advmod"))
    if habitual and not _state_practice(draft):
        return None  # "rival gangs often kidnap migrants"
    trigger = draft.trigger
    if draft.match.pattern.pos == "NOUN":
        head = tree.head(trigger.i)
        counted = trigger.tag == "NNS" and trigger.dep in ("nsubj", "nsubjpass")
        if counted and head is not None and head.lemma in TREND_VERBS:
            return None  # "kidnappings rose 20 percent", "disappearances decreased"
        if trigger.dep == "pobj" and head is not None and head.lemma == "of":
            owner = tree.head(head.i)
            if owner is not None and owner.lemma in QUANTITY_NOUNS:
                return None  # "the number of arrests", "a wave of kidnappings"
        return draft
    if _habitual_present(scene, draft):
        return None
    return draft


def _state_practice(draft: Draft) -> bool:
    """A habit of a state's forces or officials is a practice that rights monitors record ("Israeli soldiers
    routinely beat detainees"), unlike the habits of a kind of people ("gangs often kidnap migrants")."""
    return any(a.country and a.sector in STATE_SECTORS for a in draft.actors)


def _habitual_present(scene: Scene, draft: Draft) -> bool:
    """A verb in the simple present outside the headline, not reported speech: "local gangs fight over
    the profits", "Elmendorf, who supports Clinton". News tells events in the past; its headlines (the
    first sentence) and quoted speech use the present for them."""
    tree, verb = scene.tree, draft.predicate
    if verb.tag not in ("VBZ", "VBP") or scene.index == 0 or draft.speech is not None:
        return False
    if tree.kids(verb.i, "aux", "auxpass"):
        return False  # "is attacking", "has attacked", "will attack"
    quoted = any(t.text in ('"', "“", "”") for t in tree.tokens)
    return not quoted


def literal_sense(draft: Draft, scene: Scene) -> Draft | None:
    """Harm done by an abstraction is a figure of speech."""
    tree = scene.tree
    trigger = draft.trigger
    pattern = draft.match.pattern
    if draft.event_type in HARM_TYPES and pattern.pos == "VERB" and not draft.actors:
        subject = tree.subject(trigger.i)
        abstract = subject is not None and subject.pos == "NOUN" and not _can_act(scene, subject.lemma)
        if (
            abstract
            and subject is not None
            and not any(k.ent_type in ACTOR_NOUN_ENTS for k in tree.kids(subject.i))
        ):
            return None  # "crisis strikes Paris", "delivery beats other alternatives"
    return draft


def _can_act(scene: Scene, lemma: str) -> bool:
    """Whether a common noun names people, groups, forces or their weapons (who can do harm)."""
    classes = scene.lexicon.classes
    return lemma in scene.persons or any(lemma in classes.get(name, frozenset()) for name in ABLE_CLASSES)


def relevance(draft: Draft, scene: Scene) -> Draft | None:
    """Talking with the press is an interview, not a consultation between parties."""
    if draft.event_type != "CONSULT":
        return draft
    tree = scene.tree
    others = [*draft.args.recipients, *([draft.args.object] if draft.args.object else [])]
    others += [obj for _, obj in tree.prep_objects(draft.trigger.i)]
    for tok in others:
        words = {tok.lemma, *(k.lemma for k in tree.kids(tok.i, "compound", "amod"))}
        if words & PRESS:
            return None  # "spoke with POLITICO senior writer Michael Grunwald"
    return draft
