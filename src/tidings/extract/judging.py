"""The judging passes: whether a draft reports an act that happened, specifically and literally.

Each pass states the general class of text it covers, and tests carry sentences of that class and
counter-examples that must pass (tests/extract/test_judging.py).

- factuality: an act asked about in a question is not asserted ("Did the capo plot to kill the
  president?"): it is marked hypothetical, shown by `tidings extract` and left out of counts.
- specificity: generic, habitual and statistical statements report no particular act: "gangs often
  kidnap migrants", "local gangs fight over profits" (present tense of habit, outside a headline),
  "kidnappings rose 20 percent", "the number of arrests". A practice of a state's forces or officials
  ("Israeli soldiers routinely beat detainees") is recorded as rights monitors do. A count of acts over
  a year or more is a statistic ("34,000 people have been killed since 2006", "over the last six years,
  dozens of planes have been seized"), and a state held since a past year is no new act ("has been
  imprisoned since 2009"); a present under a present condition is a rule ("if we denounce them, they
  jail us"); an act of any kind ("any rally held without permission") is a rule, not a
  report.
- literal_sense: harm whose doer is an abstraction is a figure of speech ("crisis strikes Paris",
  "delivery beats other options"), and so is any act whose doer is a thing that cannot act, with no
  name, country or sector to say who did ("its main goal was to push a solution", "8:45 p.m."). A
  participle used as a noun names people, not an act ("the
  accused", "the detained"), and a verb that modifies a noun names a kind ("hit men"). (Phrasal
  verbs of another sense, "kicks off his tour", are refused by
  the patterns themselves: `not_particle` in the lexicon.)
- relevance: talking to the press is an interview, not a consultation ("spoke with a Politico writer"),
  and a question put with no asker named is a reporter's ("when asked to pick a running mate").
"""

from __future__ import annotations

from dataclasses import replace

from ..codes import ACTOR_LABELS, FORCE_SECTORS, HARM_TYPES, POLITICAL_SECTORS, TIME_LABELS, EventType, Sector
from ..codes import NAME_LABELS as ACTOR_NOUN_ENTS
from ..codes import OFFICIAL_SECTORS as STATE_SECTORS
from ..records import ActorRef, Token
from ..syntax import QUOTE_MARKS, Tree
from .attribution import GROUP_PRONOUNS, PERSON_PRONOUNS
from .coding import known_person
from .coreference import PERSON_PRONOUN_SEX
from .draft import Draft, Scene
from .orders import asks_no_one, to_own_forces
from .triggers import RELATIVE_PRONOUNS, names_a_day

__all__ = ["factuality", "literal_sense", "relevance", "specificity"]

# verbal acts that state a position, which news tells in the present ("officials blame", "Turkey denies")
POSITION_TYPES = frozenset({"ACCUSE", "REJECT"})
# the lexicon's word classes of nouns that name who can do harm: people, groups, forces, weapons
ABLE_CLASSES = (
    "persons", "combatants", "troops", "police", "militia", "weapons", "missiles", "explosives",
    "officials", "parties", "organizations", "suspects", "blades", "crowd_control", "drones",
)  # fmt: skip


def asks(text: str) -> bool:
    """Whether a sentence is a question (its last mark, inside closing quotes or brackets, is "?")."""
    return text.rstrip().rstrip("\"'”’)").endswith("?")


def factuality(draft: Draft, scene: Scene) -> Draft | None:
    """An act asked about in a question is not asserted: its certainty becomes hypothetical."""
    if draft.certainty in ("negated", "hypothetical") or not asks(scene.sentence.text):
        return draft
    return replace(draft, certainty="hypothetical")


APPRAISALS = frozenset({"SUPPORT", "ACCUSE"})


POSITION_PATTERNS = frozenset({"endorse", "oppose.xcomp"})


def _record_of_positions(draft: Draft, scene: Scene) -> bool:
    """Support or opposition in the perfect, of a policy or cause rather than a party, sums up a record
    of positions ("has supported stem cell research", "has opposed defunding the clinics"), not one act;
    "has backed the opposition leader", "supported the plan on Monday" stay."""
    trigger, tree = draft.trigger, scene.tree
    if draft.pattern_id not in POSITION_PATTERNS or trigger.tag != "VBN":
        return False
    if not any(a.lemma == "have" for a in tree.kids(trigger.i, "aux")):
        return False
    if any(k.ent_type in TIME_LABELS for k in tree.tokens):
        return False  # a dated act: "has backed the plan since Monday"
    people = scene.persons | scene.word_class("officials") | scene.word_class("parties")
    objects = tree.kids(trigger.i, "dobj", "xcomp", "ccomp")
    return bool(objects) and not any(o.ent_type in ACTOR_LABELS or o.lemma.lower() in people for o in objects)


def _appraised_by_no_one(draft: Draft, scene: Scene) -> bool:
    """Praise or blame told in the passive with no one named who gave it and no source ("the arrests
    were hailed as a historic step", "he was praised for his honesty") tells of a reputation, not an act
    of someone; "was condemned by the UN", "was criticised, officials said" and a charge ("was accused
    of fraud", an allegation whose maker the law names) stay."""
    trigger = draft.trigger
    if draft.event_type not in APPRAISALS or draft.match.pattern.pos != "VERB" or draft.actors:
        return False
    if draft.mode == "allege" or draft.attribution is not None or draft.speech is not None:
        return False
    return scene.tree.is_passive(trigger.i) and scene.tree.agent(trigger.i) is None


def specificity(draft: Draft, scene: Scene) -> Draft | None:
    """Generic, habitual and statistical statements report no particular act."""
    tree = scene.tree
    predicate = draft.predicate
    chain = [predicate, *tree.ancestors(predicate.i)[:2]]
    often = scene.word_class("frequency_adverbs")
    habitual = any(k.lemma in often for node in chain for k in tree.kids(node.i, "advmod"))
    if habitual and not _state_practice(draft):
        return None  # "rival gangs often kidnap migrants"
    if _repeated_record(tree, predicate, scene.word_class("record_adverbs")):
        return None  # "has repeatedly pledged to ban all Muslims": a record of many acts, none in particular
    trigger = draft.trigger
    if _poll_share(draft, scene):
        return None  # "28 percent of likely caucusgoers backed Trump": a survey's figure, no one's act
    if _appraised_by_no_one(draft, scene):
        return None  # "the arrests were hailed as a step forward": a reputation, no one's act
    if _record_of_positions(draft, scene):
        return None  # "has supported stem cell research in the Senate": a record, not one act
    if draft.pattern_id in POSITION_PATTERNS and trigger.dep == "acl" and trigger.tag == "VBG":
        return None  # "outside groups supporting Christie have spent heavily": who they are, not an act
    if _over_years(scene, draft):
        return None  # "34,000 people have been killed since 2006", "has been imprisoned since 2009"
    if _standing_state(draft, scene):
        return None  # "soft drinks are already banned during school hours", "the party is banned"
    if _activity_named(scene, trigger):
        return None  # "demanding equal pay makes men defensive", "the strategy involves sending troops"
    if draft.match.pattern.pos == "NOUN":
        if _kind_of_act(draft, scene):
            return None  # "kidnapping is a common crime there", "killings by police are on the rise"
        if any(k.lemma in scene.word_class("kind_determiners") for k in tree.kids(trigger.i, "det")):
            return None  # "any rally held after sunset without permission is illegal"
        head = tree.head(trigger.i)
        counted = trigger.tag == "NNS" and trigger.dep in ("nsubj", "nsubjpass")
        if counted and head is not None and head.lemma in scene.word_class("trend_verbs"):
            return None  # "kidnappings rose 20 percent", "disappearances decreased"
        if (
            counted
            and head is not None
            and head.lemma in scene.word_class("tally_verbs")
            and _tally(tree, trigger)
        ):
            return None  # "almost 500 murders have taken place this year", "957 killings were registered"
        if _record_amount(tree, trigger, draft.predicate):
            return None  # "the Netherlands has seen record drug seizures": a statistic of many acts
        if trigger.dep == "pobj" and head is not None and head.lemma == "of":
            owner = tree.head(head.i)
            if owner is not None and owner.lemma in scene.word_class("quantity_nouns"):
                return None  # "the number of arrests", "a wave of kidnappings"
        return draft
    if _habitual_present(scene, draft) or _present_rule(scene, draft):
        return None
    return draft


def _kind_of_act(draft: Draft, scene: Scene) -> bool:
    """An act noun with no article, number, possessive or demonstrative, as the subject of its clause,
    names a kind of act, as analysis does, not one act: "kidnapping is a common crime in the region",
    "killings by police are on the rise", "massacres are commonplace in the mining zones", "clashes between
    factions could lead to more homicides", "beheadings have become more common". Kept: an act said to
    break out or to harm ("gang violence erupted in the town", "clashes with police left two dead"), a
    recent one ("recent seizures of cocaine"), a counted one ("three seizures"), one carried by its own
    verb ("restrictions have been imposed"), any noun with a determiner ("the clashes"), and the
    headline, whose grammar drops articles ("Protests Spread to Second City")."""
    trigger, tree = draft.trigger, scene.tree
    if scene.index == 0 or trigger.dep != "nsubj" or draft.match.governor is not None:
        return False
    if tree.kids(trigger.i, "det", "poss", "nummod"):
        return False
    recent = scene.word_class("recent_words") | {"latest"}
    if any(k.lemma.lower() in recent for k in tree.kids(trigger.i, "amod")):
        return False
    head = tree.head(trigger.i)
    return head is None or head.lemma not in scene.word_class("outbreak_verbs")


# positions that opinion polls count
OPINION_TYPES = frozenset({"SUPPORT", "REJECT", "REQUEST", "ACCUSE"})


def _poll_share(draft: Draft, scene: Scene) -> bool:
    """A position counted as a share of people, as an opinion poll gives it, is a survey's figure, not
    anyone's act: the subject is a share or the people surveyed ("28 percent of likely caucusgoers
    supported Trump", "a third of respondents opposed legalization", "those surveyed say the country
    should ..."), or the verb is measured in shares ("male troops backed Trump, 57 percent to 22
    percent", "graduates back Clinton by 19 points"). Kept: a position a person or body takes ("the
    senator backed the bill"), a vote counted in votes ("the Senate backed the bill by 60 votes to 40")."""
    if draft.event_type not in OPINION_TYPES:
        return False
    tree, verb = scene.tree, draft.predicate
    shares = scene.word_class("poll_shares")
    subject = tree.subject(verb.i)
    # the subject, or what a partitive subject is part of ("a third of respondents")
    counted = [] if subject is None else [subject, *(o for p, o in tree.prep_objects(subject.i) if p == "of")]
    for who in counted:
        if who.lemma.lower() in shares or any(
            k.lemma in ("survey", "poll") for k in tree.kids(who.i, "acl", "relcl")
        ):
            return True
    # the measure itself or its own words ("by 19 points", "by 55%-41%"), not a clause under "by"
    # ("rallied thousands by promising 35 percent tariffs")
    measures = [*tree.kids(verb.i, "npadvmod"), *(o for p, o in tree.prep_objects(verb.i) if p == "by")]
    return any(t.lemma.lower() in shares for m in measures for t in [m, *tree.kids(m.i)])


def _record_amount(tree: Tree, trigger: Token, predicate: Token) -> bool:
    """Acts counted as a record amount, with no day of their own: "has seen record drug seizures";
    "made record arrests on Monday" is one day's act."""
    if trigger.tag != "NNS" or not any(k.lemma == "record" for k in tree.kids(trigger.i, "amod", "compound")):
        return False
    return not any(names_a_day(tree, tree.tokens[k]) for k in tree.subtree(predicate.i))


def _standing_state(draft: Draft, scene: Scene) -> bool:
    """A coercive measure told in the present passive, outside the headline, with no doer and no time
    of its own, is a state that holds, not an act of the story ("soft drinks are already banned during
    school hours", "the party is banned in Russia", "protests are prohibited in the capital"); "was
    banned", "has been banned", "are being detained", "were banned by the court", "is banned from
    Monday" and a headline's present ("Opposition Party Is Banned") stay acts."""
    tree, predicate = scene.tree, draft.predicate
    if scene.index == 0 or draft.event_type != "COERCE" or predicate.tag != "VBN":
        return False
    auxes = tree.kids(predicate.i, "auxpass", "aux")
    present = any(a.lemma == "be" and a.tag in ("VBZ", "VBP") for a in auxes)
    if not present or any(a.lemma != "be" or a.text.lower() == "being" for a in auxes):
        return False
    if tree.kids(predicate.i, "agent"):
        return False
    return not any(names_a_day(tree, tree.tokens[k]) for k in tree.subtree(predicate.i))


def _activity_named(scene: Scene, trigger: Token) -> bool:
    """A gerund with no subject of its own that names a kind of activity rather than tells an act: the
    subject of a clause ("*demanding* equal pay makes men defensive") or what a plan, method or rule
    consists of ("the strategy involves *sending* special forces", "the job requires *arresting*
    suspects"). A participle that tells an act stays ("*protesting* the decision, workers walked out",
    "police began *arresting* protesters")."""
    tree = scene.tree
    if trigger.tag != "VBG" or tree.kids(trigger.i, "nsubj", "nsubjpass", "poss"):
        return False
    if trigger.dep in ("csubj", "csubjpass"):
        return True
    head = tree.head(trigger.i)
    return (
        trigger.dep in ("xcomp", "dobj", "pcomp")
        and head is not None
        and head.lemma in scene.word_class("consist_verbs")
    )


def _repeated_record(tree: Tree, predicate: Token, adverbs: frozenset[str]) -> bool:
    """A perfect told "repeatedly" sums up many acts, none in particular: "who has repeatedly pledged to
    ban all Muslims"; "the army repeatedly shelled the town on Sunday" and "police have repeatedly
    raided the offices this week" tell of the acts of a time."""
    perfect = any(a.lemma == "have" for a in tree.kids(predicate.i, "aux"))
    if not perfect or not any(k.lemma in adverbs for k in tree.kids(predicate.i, "advmod")):
        return False
    when = [k for k in tree.kids(predicate.i, "npadvmod", "prep") for k in [k, *tree.kids(k.i, "pobj")]]
    return not any(k.ent_type in TIME_LABELS for k in when)


def _present_rule(scene: Scene, draft: Draft) -> bool:
    """A simple present under a present "if" or "whenever" clause tells what happens as a rule, quoted or
    not: "if we denounce them, they jail us", "whenever the students march, the police beat them"."""
    tree, verb = scene.tree, draft.predicate
    if verb.tag not in ("VBZ", "VBP") or tree.kids(verb.i, "aux", "auxpass"):
        return False
    return any(
        clause.tag in ("VBZ", "VBP")
        and any(k.lemma in ("if", "whenever") for k in tree.kids(clause.i, "mark"))
        for clause in tree.kids(verb.i, "advcl")
    )


TALLY = 10  # acts counted in the tens or more are a tally, not one happening told


def _tally(tree: Tree, noun: Token) -> bool:
    """Whether a plural act noun is counted in the tens or more ("almost 500 murders", "957 killings");
    "two murders took place in the village on Sunday" tells of two acts."""
    for num in tree.kids(noun.i, "nummod"):
        digits = num.text.replace(",", "")
        if digits.isdigit() and int(digits) >= TALLY:
            return True
    return False


def _year(tok: Token) -> int | None:
    text = tok.text
    return (
        int(text)
        if tok.tag == "CD" and len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100
        else None
    )


def _years_before(scene: Scene, tokens: list[Token]) -> bool:
    """Whether the tokens name a year before the article's (any year when it has no date)."""
    years = [y for t in tokens if (y := _year(t)) is not None]
    return any(scene.published is None or y < scene.published.year for y in years)


def _long_period(scene: Scene, node: Token) -> str | None:
    """'since' when a modifier of `node` dates back to an earlier year ("since 2006", "since Calderon's
    term began in December 2006", "from 2006 to 2012"), 'span' when it spans years ("over the last six
    years", "in 2019")."""
    tree = scene.tree
    for prep, obj in tree.prep_objects(node.i):
        lo, hi = tree.phrase(obj.i)
        inside = list(tree.tokens[lo:hi])
        ended = [t for t in tree.tokens[obj.i :] if t.lemma in ("to", "until", "through") and t.dep == "prep"]
        if prep == "from" and ended and _years_before(scene, [tree.tokens[k] for k in tree.subtree(obj.i)]):
            return "since"  # "from Calderon's inauguration in December 2006 to the end of October 2012"
        if prep == "between" and _year(obj) is not None and _years_before(scene, [obj]):
            return "since"  # "between 2006 and 2014", "between 2006 to 2014": a range of years
        if prep not in scene.word_class("period_preps"):
            continue
        if prep == "since" and _years_before(scene, inside):
            return "since"
        if prep != "since" and _year(obj) is not None and _years_before(scene, [obj]):
            return "span"  # "in 2019", "during 2015"
        recent = any(k.lemma in scene.word_class("recent_words") for k in tree.kids(obj.i, "amod", "det"))
        if prep != "in" and obj.lemma in scene.word_class("period_units") and recent:
            return "span"  # "over the last six years", "during the past decade", "since last year"
    for clause in tree.kids(node.i, "advcl"):
        since = any(k.lemma == "since" for k in tree.kids(clause.i, "mark"))
        if since and _years_before(scene, [tree.tokens[k] for k in tree.subtree(clause.i)]):
            return "since"  # "since Calderon's term began in December 2006"
    return None


def _over_years(scene: Scene, draft: Draft) -> bool:
    """A count of acts over a year or more is a statistic, and a state held since an earlier year ("has
    been imprisoned since 2009") is no new act. Since an earlier year: acts that count many (a plural or
    numbered subject or object) or go on in the perfect ("has been held since"). Within a year or years
    ("in 2019", "over the last six years"): many acted on, told without a doer ("23 aircraft were
    confiscated in 2019"); with its doer it is one past act ("Russia launched cyber attacks in 2008")."""
    tree, predicate = scene.tree, draft.predicate
    # the act's verb, the verbs coordinated with it ("were confiscated or destroyed in 2019"), its trigger
    nodes = [predicate, *(tree.tokens[k] for k in tree.conjuncts(predicate.i)[1:]), draft.trigger]
    period = next((p for node in nodes if (p := _long_period(scene, node)) is not None), None)
    if period is None:
        return False
    if period == "span":
        if draft.args.actor is not None:
            return False
        people = tree.kids(predicate.i, "nsubjpass")
    else:
        people = [*draft.recipient_candidates, *tree.kids(predicate.i, "nsubjpass", "dobj")]
        if draft.args.actor is None:
            people += tree.kids(predicate.i, "nsubj")
    many = any(
        t.tag in ("NNS", "NNPS")
        or tree.kids(t.i, "nummod")
        or any(k.lemma == "number" for k in tree.kids(t.i, "det", "amod"))
        for t in people
    ) or any(t.lemma == "number" and t.dep == "nsubjpass" for t in tree.tokens)
    perfect = any(a.lemma == "have" for a in tree.kids(predicate.i, "aux"))
    return many or (period == "since" and perfect)


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
    if draft.event_type in POSITION_TYPES and any(a.country or a.entity_id for a in draft.actors):
        return False  # "authorities blame the blast on Kurdish militants": a position stated now
    quoted = any(t.text in QUOTE_MARKS for t in tree.tokens)
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
    if pattern.pos == "VERB" and _a_wish(tree, trigger, scene.word_class("wish_subjects")):
        return None  # "God forbid we ask the FBI anything": a set phrase, no one forbids
    if _no_agent(draft, scene):
        return None  # "its main goal was to push a solution", "8:45 p.m. Rubio congratulated": no one acts
    if draft.event_type in HARM_TYPES and pattern.pos == "VERB" and _by_a_substance(draft, scene):
        return None  # "poisoned liquor killed seventeen": a substance no one is said to have used
    if pattern.pos == "VERB" and trigger.tag == "VBN" and _as_noun(tree, trigger):
        return None  # "the accused are employees of ...", "insufficient evidence against the accused"
    if _in_a_title(tree, trigger, scene.word_class("title_verbs") | scene.word_class("work_nouns")):
        return None  # a Netflix series called "The Day I Met El Chapo": the name of a work, not an act
    if draft.event_type == "PROTEST" and _protestation(tree, trigger):
        return None  # "despite her numerous protests, evidence continues to grow": objections
    if pattern.mode == "riot" and _lone_doer(tree, trigger, scene.word_class("crowds")):
        return None  # "a man smashed the windows of her car": one person's damage is no riot
    if draft.match.pattern.mode == "beat" and _named_rivals(draft, scene):
        return None  # "Sanders beats Clinton in Oklahoma": one person beating another named is a win
    if pattern.pos == "VERB" and trigger.dep == "compound":
        return None  # a verb that modifies a noun names a kind of thing: "hit men", "hit squad"
    if pattern.mode == "abduct" and _already_held(tree, trigger, pattern.objects):
        return None  # "the prisoner was taken to the police headquarters": someone held, moved
    after = tree.tokens[trigger.i + 1] if trigger.i + 1 < len(tree.tokens) else None
    compounds = scene.word_class("verb_noun_compounds")  # written "hit-man": a class holds single words
    pair = {f"{trigger.lemma}-{after.lemma}", f"{trigger.lemma}-{after.text.lower()}"} if after else set()
    if after is not None and pair & compounds and not tree.kids(after.i, "conj"):
        return None  # the same, where the parser took the verb for one: "hired [hit] men"
    return draft


def _a_wish(tree: Tree, trigger: Token, wishers: frozenset[str]) -> bool:
    """A verb in its bare form after God or heaven, with no auxiliary, is a wish in the subjunctive ("God
    forbid", "heaven help us", "God bless America"), not an act: a third person would take "forbids"."""
    if trigger.tag not in ("VB", "VBP") or tree.kids(trigger.i, "aux", "auxpass"):
        return False
    subject = tree.subject(trigger.i)
    return subject is not None and subject.i < trigger.i and subject.lemma.lower() in wishers


def _no_agent(draft: Draft, scene: Scene) -> bool:
    """The doer the parse gives is a thing that cannot act and no name, country or sector says who acted:
    a time ("8:45 p.m."), a sign, or a common noun of the class `non_agents` (an aim, a situation, a
    piece of footage, a moment: "its main goal was to push a bipartisan solution", "rising sea levels
    threaten the island's farms"). People, groups, forces, bodies (`agent_bodies`: "the administration",
    "the campaign") and their weapons can act, and so can what an entity names."""
    head = draft.args.actor
    if head is None or any(a.country or a.sector or a.entity_id for a in draft.actors):
        return False
    if head.ent_type in ("TIME", "DATE") or head.pos in ("PUNCT", "SYM"):
        return True  # (a number may be people: "the two met", "the very first one")
    if head.pos != "NOUN" or head.ent_type in ACTOR_NOUN_ENTS:
        return False
    lemma = head.lemma.lower()
    if _can_act(scene, lemma) or lemma in scene.word_class("agent_bodies"):
        return False
    return lemma in scene.word_class("non_agents")


def _protestation(tree: Tree, trigger: Token) -> bool:
    """A person's "protests" that something is overridden "despite" are objections, not a
    demonstration: "despite her numerous protests", "despite Smith's protests"; "despite the protests,
    parliament passed the law" and "despite their protests" (a group's) may be demonstrations."""
    if trigger.pos != "NOUN" or trigger.dep != "pobj":
        return False
    prep = tree.head(trigger.i)
    if prep is None or prep.lemma != "despite":
        return False
    owners = tree.kids(trigger.i, "poss")
    return any(o.text.lower() in ("her", "his") or o.ent_type == "PERSON" for o in owners)


def _lone_doer(tree: Tree, trigger: Token, crowds: frozenset[str]) -> bool:
    """Whether an act is told of one person: a singular common noun that is no crowd ("a man", "the
    suspect"), a person's name or a singular personal pronoun; "rioters", "a mob", "protesters and
    students" and a named body ("Hezbollah stormed ...") are not."""
    subject = tree.subject(trigger.i)
    if subject is None or tree.kids(subject.i, "conj"):
        return False
    if subject.pos == "PRON":
        return subject.text.lower() in PERSON_PRONOUN_SEX  # "he", "she"
    if subject.tag == "NNP":
        return subject.ent_type == "PERSON"
    return subject.tag == "NN" and subject.lemma.lower() not in crowds


def _by_a_substance(draft: Draft, scene: Scene) -> bool:
    """Whether harm is told as done by a substance (class `harmful_substances`: "poisoned liquor killed
    seventeen", "the toxin sickened 200 villagers") with no actor the resolver knows: a poisoning by
    someone names the poisoner ("the gang poisoned the wells"); a bomb or a gunman is no substance."""
    if any(a.country or a.sector or a.entity_id for a in draft.actors):
        return False
    subject = scene.tree.subject(draft.trigger.i)
    return subject is not None and subject.lemma.lower() in scene.word_class("harmful_substances")


def _already_held(tree: Tree, trigger: Token, held: frozenset[str]) -> bool:
    """Whether the word that names the people taken ("hostage", "prisoner", "captive") is itself what is
    taken, and with "the" or a possessive: people already held, moved from one place to another ("the
    prisoner was taken to the police headquarters", "they took the hostages to a safe house"); "took ten
    tourists hostage", "were taken hostage", "took 10 hostages" stay."""
    for head in tree.kids(trigger.i, "dobj", "nsubjpass"):
        if head.lemma not in held:
            continue
        if any(k.lemma == "the" or k.dep == "poss" for k in tree.kids(head.i, "det", "poss")):
            return True
    return False


def _in_a_title(tree: Tree, trigger: Token, naming: frozenset[str]) -> bool:
    """Whether the trigger stands inside the quoted name of a work: quotation marks opened right after
    a word that names one (`naming`: "called", "titled", or a word for a work: "the documentary 'Killing
    Kennedy'")."""
    opened = [t for t in tree.tokens[: trigger.i] if t.text in QUOTE_MARKS]
    if len(opened) % 2 == 0:
        return False
    mark = opened[-1]
    before = tree.tokens[mark.i - 1] if mark.i > 0 else None
    return before is not None and before.lemma.lower() in naming


def _named_rivals(draft: Draft, scene: Scene) -> bool:
    """Whether "beat" is told of two named people with no sign of violence (no instrument, no injury
    or death): "Sanders beats Clinton in Oklahoma"; "the gang beat John Smith to death", "police beat
    the student with sticks" stay."""
    tree, trigger = scene.tree, draft.trigger
    doer = tree.subject(trigger.i)
    beaten = tree.kids(trigger.i, "dobj")
    if doer is None or not beaten or doer.ent_type != "PERSON" or beaten[0].ent_type != "PERSON":
        return False
    violence = scene.word_class("harm_results")
    around = {tree.tokens[k].lemma.lower() for k in tree.subtree(trigger.i)}
    return not (around & violence or any(p == "with" for p, _ in tree.prep_objects(trigger.i)))


def _as_noun(tree: Tree, tok: Token) -> bool:
    """A participle that heads a noun phrase with a determiner names people: "the accused", "the detained"."""
    return tok.dep in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") and any(
        k.lemma in ("the", "a", "an", "these", "those", "all") for k in tree.kids(tok.i, "det")
    )


def _can_act(scene: Scene, lemma: str) -> bool:
    """Whether a common noun names people, groups, forces or their weapons (who can do harm)."""
    classes = scene.lexicon.classes
    return lemma in scene.persons or any(lemma in classes.get(name, frozenset()) for name in ABLE_CLASSES)


def relevance(draft: Draft, scene: Scene) -> Draft | None:
    """Talking with the press is an interview, not a consultation between parties; a question put to
    someone with no asker named ("when asked about the deal, he said") is a reporter's, not a request;
    companies talking, agreeing or working with companies is ordinary business."""
    if draft.event_type == "REQUEST" and _asked_by_no_one(scene.tree, draft.trigger):
        return None
    if draft.event_type == "REQUEST" and _public_advice(draft, scene):
        return None
    if draft.event_type == "REQUEST" and _order_to_no_one(draft, scene):
        return None
    if draft.pattern_id == "oppose.xcomp" and draft.recipients and all(map(known_person, draft.recipients)):
        return None  # "virulently opposed Trump during the primaries": a side taken in a contest
    if draft.event_type == "AGREE" and _promise_of_nothing(draft, scene):
        return None
    if draft.event_type == "AGREE" and _agreed_to_talk_to_the_press(draft, scene):
        return None
    if draft.event_type == "REJECT" and _declined_the_press(draft, scene):
        return None  # "declined multiple requests for an interview for this article"
    if draft.event_type == "PROTEST" and _campaign_rally(draft, scene):
        return None  # "Trump rallies across the country", "Mrs. Clinton has held rallies in Ohio"
    if draft.event_type == "RETREAT" and _private_retreat(draft):
        return None  # "individuals who have moved out of Ohio", "she resigned from Breitbart"
    parties = [*draft.actors, *draft.recipients]
    if draft.event_type in BUSINESS_TYPES and parties and all(p.sector == Sector.BUS for p in parties):
        return None  # "the company is in talks to buy its rival": ordinary business between companies
    if draft.event_type != "CONSULT":
        return draft
    if draft.match.pattern.mode == "visit" and _private_visit(draft):
        return None  # "the family made a visit to the grandparents' farm": no parties of politics
    tree = scene.tree
    others = [*draft.args.recipients, *([draft.args.object] if draft.args.object else [])]
    others += [obj for _, obj in tree.prep_objects(draft.trigger.i)]
    for tok in others:
        words = {tok.lemma, *(k.lemma for k in tree.kids(tok.i, "compound", "amod"))}
        if words & scene.word_class("press"):
            return None  # "spoke with POLITICO senior writer Michael Grunwald"
    return draft


PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS  # "they moved out": whoever they are


def _political_party(ref: ActorRef) -> bool:
    return bool(ref.entity_id) or ref.sector in POLITICAL_SECTORS or ref.sector in FORCE_SECTORS


def _private_retreat(draft: Draft) -> bool:
    """A withdrawal by private people is a move ("individuals who have moved out of Ohio", "residents
    moved out of the flooded town"), and a resignation from a company or a newspaper by no one in politics
    is a career change ("she resigned from Breitbart"); troops moving out, a minister resigning, anyone
    resigning from a government or a party stay."""
    mode = draft.match.pattern.mode
    if mode == "resign":
        if not draft.recipients or any(map(_political_party, [*draft.actors, *draft.recipients])):
            return False
        employers = (None, Sector.BUS, Sector.MED, Sector.JRN, Sector.EDU)
        return all(r.sector in employers for r in draft.recipients)
    if mode != "withdraw" or not draft.actors:
        return False
    return all(
        a.sector in (None, Sector.CVL)
        and not a.entity_id
        and not a.country
        and a.text.lower() not in PRONOUNS
        for a in draft.actors
    )


POSSESSIVE_PRONOUNS = frozenset({"his", "her", "my", "our"})


def _campaign_rally(draft: Draft, scene: Scene) -> bool:
    """A rally held by one person, a politician as a rule, with nothing said to be against or demanded, is
    a campaign event, not a protest: "Trump rallies across the country", "the violence at Donald Trump's
    rallies", "he is holding multiple rallies a day", "Mrs. Clinton has held rallies before largely black
    crowds", "Netanyahu rallied supporters by warning that ...". A rally of people of a kind or of a body
    ("teachers rallied at the capitol", "an opposition rally"), or one against or over something or for a
    demand ("a rally against the new law", "rallying for higher pay", "a rally to demand new elections"),
    stays a protest."""
    tree, trigger = scene.tree, draft.trigger
    if trigger.lemma != "rally":
        return False
    for node in {trigger.i: trigger, draft.predicate.i: draft.predicate}.values():
        if any(p in ("against", "over", "for") for p, _ in tree.prep_objects(node.i)):
            return False  # "a rally against the law", "rallying for higher pay"
        if any(k.dep in ("xcomp", "advcl", "acl") and k.tag == "VB" for k in tree.kids(node.i)):
            return False  # "a rally to demand new elections"
    holders = [*tree.kids(trigger.i, "poss", "compound"), *tree.kids(draft.predicate.i, "nsubj")]
    one = [
        t
        for t in holders
        if t.ent_type == "PERSON"
        or t.text.lower() in PERSON_PRONOUNS
        or t.text.lower() in POSSESSIVE_PRONOUNS
    ]
    return bool(one) or (bool(draft.actors) and all(map(known_person, draft.actors)))


def _private_visit(draft: Draft) -> bool:
    """A visit whose visitors are private people (sector CVL, no one the knowledge base knows) and that
    goes to no actor of politics is a private visit, not a consultation ("the family made a visit to the
    grandparents' farm"); a visit by or to a minister, a party, a force or a country stays."""
    if not draft.actors or not all(a.sector == Sector.CVL and not a.entity_id for a in draft.actors):
        return False
    return not any(map(_political_party, draft.recipients))


def _order_to_no_one(draft: Draft, scene: Scene) -> bool:
    """An order is a request only when it asks a party to act. No party is asked by an order of a thing
    ("ordered the test", "ordered military exercises", "ordered 300 of them to Cameroon", "commanded the
    police"), of an act in the passive ("ordered the planes be returned", "ordered all pigs to be
    slaughtered"), nor by one told in the passive ("was ordered to pay a fine", "an offensive ordered by
    the gang"); and an order to one's own forces ("ordered security forces to move the boss") is the
    orderer's own act. The rules code such an order as the measure where they know it
    (`coding.authority_order`); otherwise it is no request. Still requests: "the judge ordered the State
    Department to release the emails", "demanded that Ortega dismantle them", "commanded the party to
    open its doors", and an order of an act the rules know, asked of whoever is to carry it out
    ("ordered an investigation")."""
    verb = draft.predicate
    if verb.lemma not in scene.word_class("command_verbs") or verb.i != draft.trigger.i:
        return False
    if not scene.tree.kids(verb.i, "xcomp", "ccomp") and scene.inner(draft.trigger.i):
        return False  # "ordered an inquiry": asked of whoever is to hold it
    return asks_no_one(scene.tree, verb) or to_own_forces(draft)


# what companies do with each other every day
BUSINESS_TYPES = frozenset(t.value for t in (EventType.CONSULT, EventType.AGREE, EventType.COOPERATE))


def _agreed_to_talk_to_the_press(draft: Draft, scene: Scene) -> bool:
    """A source agreeing to speak ("agreed to speak on condition of anonymity", "declined to comment"'s
    counterpart) is the reporter's interview, not an agreement between parties; agreeing to talk with a
    party ("Iran agreed to talk with the United States") stays."""
    tree = scene.tree
    talk = scene.word_class("press_talk_verbs")
    spoken = [k for k in tree.kids(draft.predicate.i, "xcomp") if k.lemma in talk]
    if not spoken:
        return False
    press = scene.word_class("press")
    for verb in spoken:
        for prep, obj in tree.prep_objects(verb.i):
            # "to reporters", "with me" (the writer): the press
            if prep in ("with", "to") and obj.lemma not in press and obj.text.lower() not in ("me", "us"):
                return False
    return True


def _declined_the_press(draft: Draft, scene: Scene) -> bool:
    """Declining an interview or a request for comment is the reporter's business, not a rejection
    between parties ("declined multiple requests for an interview", "declined an interview request");
    declining a party's request or offer stays ("declined Russia's request for talks")."""
    tree = scene.tree
    asked = scene.word_class("interview_words")
    for head in tree.kids(draft.predicate.i, "dobj"):
        if head.lemma == "interview":
            return True  # "declined an interview"
        if head.lemma not in ("request", "invitation", "call"):
            continue  # "refuted Trump's comments": a rejection of what was said
        inner = [o for p, o in tree.prep_objects(head.i) if p in ("for", "of")] + tree.kids(
            head.i, "compound"
        )
        if any(t.lemma in asked for t in inner):
            return True
    return False


def _promise_of_nothing(draft: Draft, scene: Scene) -> bool:
    """A promise of no act toward anyone is a resolve, not an agreement: "pledged to stay in the primary",
    "vowed to keep fighting for the seat". A promise of an act ("promised to release the prisoners") or
    to someone ("pledged to the voters of Ohio that ...", "promised Kyiv more help") stays."""
    if draft.pattern_id != "promise.xcomp" or scene.inner(draft.trigger.i) or draft.recipients:
        return False
    tree = scene.tree
    promised = [k for k in tree.kids(draft.predicate.i, "xcomp", "ccomp")]
    named = [
        t
        for p in promised
        for t in (tree.tokens[k] for k in tree.subtree(p.i))
        if t.ent_type in ACTOR_NOUN_ENTS and t.dep != "amod"
    ]
    return not named


def _public_advice(draft: Draft, scene: Scene) -> bool:
    """In a story of a disaster or an outbreak, an instruction to the public (no political actor is asked:
    "keepers of birds are being instructed to isolate their birds", "residents must boil water") is
    safety advice, not a political request; an appeal for help ("called for international aid") and a
    request to a party ("urged China to share the samples") stay."""
    if not scene.disaster_story or draft.mode is not None:
        return False
    # advice tells someone to do something ("instructed to isolate", "must review"); an appeal for
    # something ("appealed for 160 million dollars in aid") is a request of donors
    tree = scene.tree
    told = tree.kids(draft.predicate.i, "xcomp", "ccomp") or draft.match.pattern.complement_aux
    return bool(told) and not any(scene.resolver.is_actor(r) for r in draft.recipients)


def _asked_by_no_one(tree: Tree, trigger: Token) -> bool:
    """ "ask" as a passive participle heading an adverbial clause, with no "by" agent: "when asked to
    pick a running mate", "asked whether he would run, she said"."""
    if trigger.lemma != "ask" or trigger.tag != "VBN" or trigger.dep not in ("advcl", "ROOT", "ccomp"):
        return False
    if any(tree.tokens[k].dep == "agent" for k in tree.subtree(trigger.i)):
        return False  # "when asked to leave by police"
    marked = any(
        k.lemma in ("when", "if", "after", "once", "while") for k in tree.kids(trigger.i, "mark", "advmod")
    )
    bare = trigger.dep == "advcl" and not tree.kids(trigger.i, "auxpass", "aux", "nsubjpass")
    return marked or bare
