"""Parsed sentences -> coded events: trigger, actors, recipients, size, date, place, certainty, source."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from ..codes import EVENT_TYPES, NOT_OCCURRED
from ..knowledge.base import KnowledgeBase
from ..knowledge.gazetteer import load_gazetteer
from ..records import (
    ActorRef,
    Event,
    Evidence,
    Location,
    ParsedArticle,
    ParsedSentence,
    Resolution,
    Token,
)
from ..resolve.actors import ActorResolver, sector_id
from ..resolve.dates import TimeMention, to_date
from ..resolve.focus import focus_country
from ..resolve.places import PlaceMention, find_places
from ..syntax import Tree
from .arguments import find_arguments
from .attribution import attribution_of
from .certainty import certainty_of, noun_certainty, speech_head, tense_of
from .coding import disaster_story, names_disaster, prison_sentence
from .criticism import judgements, may_judge
from .draft import Draft, Dropped, HarmWords, Scene, run_passes
from .judge import Judge, sentence_features
from .judging import asks
from .lexicon import Lexicon, Pattern
from .passes import PASSES, ROLE_PASSES
from .roles import event_location, recipients_of
from .size import size_of
from .surnames import surnames_named_in_full
from .times import story_times
from .triggers import TriggerMatch, find_triggers, names_a_day

MATERIAL_TYPES = frozenset(
    {"COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
# the CAMEO root of each PLOVER type, for events the judge finds without a lexicon pattern
ROOT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "180",
}  # fmt: skip

__all__ = ["Coded", "code_article", "extract_events"]

NESTING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"})
UNNESTED = frozenset({"accusation.answered"})  # patterns whose act stands beside the one it is reported under
SETTING_PREPS = frozenset({"in", "at", "during", "amid", "amidst"})
SUBORDINATE_MARKS = frozenset(
    {"after", "before", "since", "as", "when", "while", "because", "until", "once", "if", "unless"}
)
DEMONSTRATIVES = frozenset({"these", "those", "this", "that"})
BACK_POINTERS = frozenset({"they", "them", "these", "those"})  # subjects that point back to a group
REFER_BACK_SENTENCES = 3
FOCUS_MIN_SENTENCES = 3  # an article has a focus country; a lone sentence (a headline, a wire item) none


class _Places:
    """The article's place mentions, found by `find_places` (the one place finder) when first asked."""

    def __init__(self, parsed: ParsedArticle, kb: KnowledgeBase) -> None:
        self.parsed, self.kb = parsed, kb
        self._found: tuple[PlaceMention, ...] | None = None

    def resolved(self, where: Location | None) -> Location | None:
        """The place an event's location phrase names, as the place finder resolved it ("in the capital
        Minsk": Minsk, BLR); the phrase as the knowledge base reads it when the finder has no toponym
        there."""
        if where is None or where.span is None:
            return where
        if self._found is None:
            self._found = find_places(self.parsed, self.kb, load_gazetteer())
        lo, hi = where.span
        found = next((p for p in self._found if lo <= p.span[0] and p.span[1] <= hi), None)
        if found is None:
            return where
        return Location(text=found.text, name=found.place.name, country=found.place.country, span=found.span)


@dataclass(frozen=True, slots=True)
class _Context:
    article_id: str
    published: date | None
    lexicon: Lexicon
    resolver: ActorResolver
    harm: HarmWords
    disaster_story: bool = False  # the title or lead names a natural disaster
    judge: Judge | None = None
    focus: str | None = None  # the country the article is about
    places: _Places | None = None


def _governing_trigger(tree: Tree, match: TriggerMatch, triggers: dict[int, TriggerMatch]) -> int | None:
    """The trigger this one is reported under ("threatened [to attack]", "condemned [the attack]")."""
    cur = tree.tokens[match.token]
    for _ in range(4):
        if cur.dep == "conj" and cur.pos in ("VERB", "AUX") and (first := tree.head(cur.i)) is not None:
            # a conjunct is reported as its first conjunct is: "accused of financing and [supporting]
            # terrorist groups"; the first conjunct itself is no trigger it is reported under ("arrested
            # two men and [charged] them")
            cur = first
            continue
        purpose = cur.dep == "advcl" and any(k.lemma == "to" for k in tree.kids(cur.i, "aux"))
        if cur.dep not in NESTING_DEPS and not purpose:
            return None
        if cur.dep == "prep" and cur.lemma in SETTING_PREPS:
            return None  # "injured [in] Saturday's protests": where and when, not what was acted on
        if tree.time_clause(cur.i) is not None:
            return None  # "[after arresting] him, police questioned him": an act of its own
        head = tree.head(cur.i)
        if head is None:
            return None
        if head.i in triggers and triggers[head.i].pattern.pos == "VERB":
            return head.i
        cur = head
    return None


def _protest_demand(tree: Tree, match: TriggerMatch, triggers: dict[int, TriggerMatch]) -> int | None:
    """The protest a demand is voiced in: "demonstrated [calling for independence]", "staged rallies
    [saying he must resign]", "a strike [to demand] better pay". The demand is what the protest is for,
    not a separate request (PLOVER codes the protest)."""
    if match.pattern.event_type != "REQUEST":
        return None
    cur = tree.tokens[match.token]
    if cur.dep not in ("advcl", "xcomp", "acl", "conj") or (head := tree.head(cur.i)) is None:
        return None
    protests = {
        (m.governor if m.governor is not None else i): i
        for i, m in triggers.items()
        if m.pattern.event_type == "PROTEST"
    }
    protests.update({i: i for i, m in triggers.items() if m.pattern.event_type == "PROTEST"})
    return protests.get(head.i)


def _own_date(tree: Tree, noun: Token) -> bool:
    """Whether an event noun carries a day of its own ("Saturday's protests", "the March 3 raid"), and is
    not told as what came before ("since [Monday's] attack", "after Friday's raid")."""
    head = tree.head(noun.i)
    if noun.dep == "pobj" and head is not None and head.lemma in SUBORDINATE_MARKS:
        return False
    return any(names_a_day(tree, k) for k in tree.kids(noun.i, "poss", "compound", "nmod", "npadvmod"))


def _is_background(tree: Tree, match: TriggerMatch) -> bool:
    """An event mentioned as background of the sentence's main event: in a relative or adverbial
    clause ("after rebels attacked", "refugees who fled"), a purpose clause ("to protest"), or a bare
    nominal ("at the talks"). Background events are kept only when the sentence has no main event."""
    if match.pattern.pos == "NOUN" and match.governor is None:
        # "in Saturday's protests", "the March 3 raid": a nominal event with a date of its own is told as
        # one particular act, not as background
        return not _own_date(tree, tree.tokens[match.token])
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    for _ in range(8):
        if node.dep in ("relcl", "csubj", "csubjpass") or (node.dep == "acl" and node.tag != "VBN"):
            return True
        if node.dep in ("advcl", "ccomp"):  # a "said ... after X attacked" parse is still an adverbial
            marks = {k.lemma for k in tree.kids(node.i, "mark")}
            if marks & SUBORDINATE_MARKS or any(k.lemma == "to" for k in tree.kids(node.i, "aux")):
                return True
        head = tree.head(node.i)
        if head is None:
            return False
        node = head
    return False


def _clause_verbs(tree: Tree, match: TriggerMatch) -> frozenset[int]:
    """The trigger (or its light verb) and the verbs its clause hangs from ("attacked ..., killing")."""
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    out = {node.i}
    while node.dep in ("advcl", "xcomp", "conj") and (head := tree.head(node.i)) is not None:
        node = head
        out.add(node.i)
    return frozenset(out)


def _modifies(tree: Tree, sentence: ParsedSentence, span: tuple[int, int], verbs: frozenset[int]) -> bool:
    """Whether the time expression at `span` (sentence offsets) is an adverbial of one of `verbs`."""
    lo, hi = sentence.span[0] + span[0], sentence.span[0] + span[1]
    tokens = tree.tokens
    # the expression's tokens found by bisection: this runs for every time of a sentence and every event
    # in it (a 30 KB sentence holds hundreds of each)
    index = bisect_left(tokens, lo, key=lambda t: t.start)
    while index < len(tokens) and tokens[index].start < hi:
        tok, index = tokens[index], index + 1
        head = tree.head(tok.i)
        if head is None or lo <= head.start < hi:
            continue
        if head.i in verbs:
            return True
        return head.dep == "prep" and head.head in verbs
    return False


def _date(
    ctx: _Context,
    sentence: ParsedSentence,
    tree: Tree,
    trigger: Token,
    tense: str,
    verbs: frozenset[int],
    times: tuple[TimeMention, ...],
) -> tuple[date | None, str | None, str | None]:
    """(day, expression, TIMEX3 value) of the event: an expression of the trigger's own clause (the
    nearest naming a day, else a coarser one: "last week" -> no day, value 2025-W49), else the nearest
    naming a day elsewhere in the sentence, else the publication date for events that are not in the
    future. An adverbial of another verb is another act's time: "the man injured in a shooting last week
    died Sunday" -> the injury is of last week, not of Sunday."""
    anchor = ctx.published
    best: tuple[tuple[bool, bool, int], date | None, str, str] | None = None
    for mention in times:
        if mention.kind not in ("DATE", "TIME") or not mention.value:
            continue
        start = sentence.span[0] + mention.span[0]
        day = to_date(mention.value)
        own = _modifies(tree, sentence, mention.span, verbs)
        if day is None and not own:
            continue
        rank = (not own, day is None, abs(start - trigger.start))
        if best is None or rank < best[0]:
            best = (rank, day, mention.text, mention.value)
    if best is not None:
        return best[1], best[2], best[3]
    if anchor is not None and tense != "future":
        return anchor, None, None
    return None, None, None


def _location(ctx: _Context, where: Location | None) -> Location | None:
    return where if ctx.places is None else ctx.places.resolved(where)


def _event_id(article_id: str, trigger: Token, event_type: str, actors: tuple[ActorRef, ...]) -> str:
    key = "|".join([article_id, str(trigger.start), event_type, *(a.text for a in actors)])
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _scene(
    ctx: _Context, sentence: ParsedSentence, index: int, context: tuple[ParsedSentence, ...] = ()
) -> Scene:
    tree = Tree.of(sentence)
    found = find_triggers(tree, ctx.lexicon)
    matches = {m.token: m for m in found}
    scores = None
    if ctx.judge is not None:
        features = sentence_features(tree, found, index, ctx.lexicon.cues)
        scores = ctx.judge.probabilities(features, sentence.embedding)
    nested: dict[int, int] = {}
    for i, match in matches.items():
        if match.pattern.id in UNNESTED:
            continue  # "denied [claims] by X": the answer and the accusation it answers are both acts
        gov = _governing_trigger(tree, match, matches)
        gov = _protest_demand(tree, match, matches) if gov is None else gov
        if gov is not None:
            nested[i] = gov
    # criticism told as what someone said, where what was said holds no trigger of the rules; and who
    # someone says was behind an act of harm
    if may_judge({t.lemma.lower() for t in tree.tokens}, ctx.lexicon):
        background = frozenset(i for i, m in matches.items() if _is_background(tree, m))
        matches.update(judgements(tree, ctx.lexicon, frozenset(matches), background))
    harm = ctx.harm
    return Scene(
        article_id=ctx.article_id,
        published=ctx.published,
        sentence=sentence,
        index=index,
        tree=tree,
        lexicon=ctx.lexicon,
        resolver=ctx.resolver,
        harm=harm,
        matches=matches,
        nested=nested,
        disaster=names_disaster(tree, harm.natural, harm.fighting, ctx.disaster_story),
        disaster_story=ctx.disaster_story,
        persons=ctx.lexicon.classes.get("persons", frozenset()),
        words=frozenset({t.lemma for t in tree.tokens} | {t.text.lower() for t in tree.tokens}),
        focus=ctx.focus,
        scores=scores,
        keep=ctx.judge.keep if ctx.judge is not None else 0.0,
        context=context,
    )


def _draft(scene: Scene, i: int) -> Draft:
    """A trigger's draft: its arguments, actors, recipients, tense, certainty and source."""
    tree, lexicon, resolver = scene.tree, scene.lexicon, scene.resolver
    transfers = lexicon.classes.get("transfer_words", frozenset())
    receiving = scene.word_class("receiving_verbs")
    intransitive = scene.word_class("active_without_object")
    match = scene.matches[i]
    trigger = tree.tokens[i]
    args = find_arguments(tree, match, scene.persons, transfers, receiving, intransitive)
    actors = resolver.resolve(tree, args.actor.i) if args.actor is not None else ()
    candidates = args.recipients
    size_heads = list(args.recipients) + ([args.object] if args.object else [])
    for j in scene.inner(i):
        inner_recipients = find_arguments(
            tree, scene.matches[j], scene.persons, transfers, receiving, intransitive
        ).recipients
        candidates += inner_recipients
        size_heads += list(inner_recipients)
    # a nominal event takes tense and certainty from the verb carrying it ("will extend the curfew")
    predicate = tree.tokens[match.governor] if match.governor is not None else trigger
    speech = speech_head(tree, predicate, lexicon.cues)
    attribution = attribution_of(tree, speech, lexicon.cues, resolver)
    certainty = certainty_of(tree, predicate, lexicon.cues, speech, lexicon.intent.words)
    if certainty != "negated":
        ahead = lexicon.classes["ahead_modifiers"]
        certainty = noun_certainty(tree, trigger, lexicon.cues, ahead) or certainty
    if certainty == "asserted" and attribution is not None:
        certainty = "reported"
    pattern = match.pattern
    return Draft(
        match=match,
        trigger=trigger,
        predicate=predicate,
        args=args,
        actors=actors,
        recipients=recipients_of(resolver, tree, candidates),
        recipient_candidates=candidates,
        size_heads=tuple(size_heads),
        event_type=pattern.event_type,
        cameo=pattern.cameo,
        mode=pattern.mode,
        context=pattern.context,
        certainty=certainty,
        tense=tense_of(tree, _clause_of(tree, predicate)),
        speech=speech,
        attribution=attribution,
        trail=(f"pattern:{pattern.id}",),
    )


def _clause_of(tree: Tree, predicate: Token) -> Token:
    """The verb whose tense an act has: its own, or for a nominal trigger with no light verb the verb it
    is an argument of ("the sanctions [will take] effect on Wednesday": future)."""
    head = tree.head(predicate.i)
    nominal = predicate.pos in ("NOUN", "PROPN") and predicate.dep in ("nsubj", "nsubjpass", "dobj")
    if nominal and head is not None and head.pos in ("VERB", "AUX"):
        return head
    return predicate


def _event(ctx: _Context, scene: Scene, draft: Draft, times: tuple[TimeMention, ...]) -> Event:
    """The event a draft that passed every pass becomes: with its date, place and size."""
    tree, sentence, trigger, pattern = scene.tree, scene.sentence, draft.trigger, draft.match.pattern
    when, when_text, when_value = _date(
        ctx, sentence, tree, trigger, draft.tense, _clause_verbs(tree, draft.match), times
    )
    # a pattern's mode does not carry over to the type a pass recoded the act to
    keep_mode = draft.event_type == pattern.event_type or draft.mode != pattern.mode
    return Event(
        id=_event_id(ctx.article_id, trigger, draft.event_type, draft.actors),
        article_id=ctx.article_id,
        event_type=draft.event_type,
        mode=draft.mode if keep_mode else None,
        context=draft.context,
        cameo=draft.cameo,
        actors=draft.actors,
        recipients=draft.recipients,
        date=when,
        date_text=when_text,
        date_value=when_value,
        location=_location(ctx, event_location(ctx.resolver.kb, tree, [trigger, *draft.size_heads])),
        size=size_of(tree, list(draft.size_heads), scene.persons),
        attribution=draft.attribution,
        certainty=draft.certainty,
        evidence=Evidence(
            sentence=sentence.text,
            span=sentence.span,
            trigger=trigger.text,
            trigger_span=(trigger.start, trigger.end),
        ),
        rule=pattern.id,
        tense=draft.tense,
        trail=draft.trail,
        confidence=draft.score,
    )


def _sentence_events(
    ctx: _Context,
    sentence: ParsedSentence,
    index: int,
    dropped: list[Dropped],
    times: tuple[TimeMention, ...],
    context: tuple[ParsedSentence, ...] = (),
) -> list[Event]:
    words = len(_WORD.findall(sentence.text))
    if words <= 1:
        return []  # a fragment of one word (a heading, a list's item, a byline): it names no one's act
    scene = _scene(ctx, sentence, index, context)
    chosen = [i for i in sorted(scene.matches) if i not in scene.nested]
    main = [i for i in chosen if not _is_background(scene.tree, scene.matches[i])]
    events: list[Event] = []
    refused: set[int] = set()
    for i in main or chosen:
        draft, gone = run_passes(_draft(scene, i), scene, PASSES)
        if draft is None:
            if gone is not None:
                dropped.append(gone)
                if gone.dropped_by != "judge":
                    refused.add(i)
            continue
        events.append(_event(ctx, scene, draft, times))
        prison = prison_sentence(draft, scene)
        if prison is not None:
            events.append(_event(ctx, scene, prison, times))
    if (
        ctx.judge is not None
        and scene.scores is not None
        and not events
        and not refused
        and words > JUDGE_MIN_WORDS
        and not _silent(scene)
    ):
        # a sentence with no trigger, or whose triggers only the judge turned down: what it is sure of
        # (where a pass refused a trigger, "the earthquake killed 300", its judgement stands)
        for event_type in EVENT_TYPES:
            if scene.scores[event_type] >= ctx.judge.add.get(event_type, 2.0):
                draft = _judged_draft(scene, event_type, refused)
                if draft is not None:
                    draft, _ = run_passes(draft, scene, ROLE_PASSES)
                if draft is not None:
                    events.append(_event(ctx, scene, draft, times))
    return _merge_same(sorted(events, key=lambda e: e.evidence.trigger_span or e.evidence.span))


# The judge adds no event to a sentence of this many words or fewer: a fragment ("He says", "MOVING",
# "Clinton:", a byline's "-Andrew" on a line of its own) gives it nothing to judge but its prior, on
# which it found two or three types at once. A rule's trigger in two words ("Another murder.") stays.
JUDGE_MIN_WORDS = 2
_WORD = re.compile(r"\w+")


def _silent(scene: Scene) -> bool:
    """A sentence that reports no act of its own for the judge to add: a question ("Why Does Guatemala's
    President Want to Expel the Head of CICIG?"), or one that tells that someone would not speak
    ("declined to comment on the allegations", "refused to say whether ...")."""
    if asks(scene.sentence.text):
        return True
    root = next((t for t in scene.tree.tokens if t.dep == "ROOT"), None)
    if root is None or root.lemma not in ("decline", "refuse"):
        return False
    return any(k.lemma in scene.word_class("no_comment_verbs") for k in scene.tree.kids(root.i, "xcomp"))


def _judged_draft(scene: Scene, event_type: str, refused: set[int]) -> Draft | None:
    """A draft for a type the judge finds in the sentence and no rule kept: on a trigger of that type
    that no pass refused (one reported under another: "condemned [the attack]"), else on the clause
    that carries the sentence (the speech verb for a verbal act: "'...,' said Uribe")."""
    tree = scene.tree
    for i, match in sorted(scene.matches.items()):
        if match.pattern.event_type == event_type and i not in refused:
            score = round(scene.scores["ANY"], 3) if scene.scores else None
            return replace(
                _draft(scene, i), trail=(f"pattern:{match.pattern.id}", "judge_added"), score=score
            )
    root = next((t for t in tree.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None
    anchor = root
    if event_type in MATERIAL_TYPES and root.lemma in scene.lexicon.cues.speech_verbs:
        anchor = next(iter(tree.kids(root.i, "ccomp")), root)  # "police said they [arrested] two men"
    pattern = Pattern(
        id=f"judge.{event_type.lower()}",
        event_type=event_type,
        mode=None,
        context=(),
        cameo=ROOT_CAMEO[event_type],
        pos="VERB",
        lemmas=frozenset({anchor.lemma}),
    )
    saved = scene.matches
    draft = _draft(
        replace(scene, matches={**saved, anchor.i: TriggerMatch(token=anchor.i, pattern=pattern)}), anchor.i
    )
    if event_type not in MATERIAL_TYPES and _no_speaker(scene, draft.args.actor):
        return None  # "That's the consensus of experts", "What really got under her skin was ..."
    trail: tuple[str, ...] = (f"judge:{event_type}", "judge_added")
    if _content_modality(scene, event_type, anchor, draft):
        draft = replace(draft, certainty="reported" if draft.attribution is not None else "asserted")
        trail += ("verbal_content",)
    return replace(draft, trail=trail, score=round(scene.scores["ANY"], 3) if scene.scores else None)


def _content_modality(scene: Scene, event_type: str, anchor: Token, draft: Draft) -> bool:
    """Whether a verbal act the judge finds on the sentence's own verb takes that verb's negation or
    modality for its own, wrongly: the verb tells what was said, and saying it was the act ("'We do not
    need a foreign police agency,' Garcia Linera said" is a REJECT made; "'I would not be anxious to have
    a commander in chief who acted that way'" an ACCUSE made; "Ayotte isn't interested" a REJECT). Kept
    as they are: an act of speech itself negated or to come ("the minister did not say", "she will
    announce"), where the verb is the speech verb, and material acts ("police did not arrest anyone").
    Only a sentence no rule found an event in reaches here: a negated trigger of the lexicon ("has not
    criticized Putin") stays the rules' negated event."""
    if event_type in MATERIAL_TYPES or draft.certainty not in NOT_OCCURRED:
        return False
    return anchor.lemma not in scene.lexicon.cues.speech_verbs


# the word classes of those who can speak: people of office, bodies, forces, the press
SPEAKERS = ("officials", "parties", "party_nouns", "organizations", "diplomats", "troops", "police", "media")


def _no_speaker(scene: Scene, actor: Token | None) -> bool:
    """Whether the subject of a verbal act the judge adds is no one who could say it: a pronoun for a
    thing or a statement ("That's the consensus of experts", "It's not sexist"), words, a decision or a
    policy ("Martinez's comments suggest", "Sanders's argument was", "the court ruling represents"), or an
    act the lexicon knows ("the seizure was the result of ..."). A
    person, a body, "he", "they" can speak, and an act told without a subject keeps its place."""
    if actor is None:
        return False
    if actor.pos in ("PUNCT", "SYM") or actor.ent_type in ("TIME", "DATE"):
        return True  # "No! (they) wanted ...", "8:45 p.m. Marco Rubio spoke": no one
    if actor.pos == "PRON":
        return actor.lemma.lower() in ("that", "this", "it", "what", "which", "these", "those")
    said = scene.word_class("attack_verbal") | scene.word_class("speech_media") | scene.word_class("policies")
    lemma = actor.lemma.lower()
    if actor.pos == "NOUN" and lemma in said | scene.word_class("non_agents"):
        return True  # ... and things that cannot act (judging.literal_sense): "a more immediate priority is"
    # an act is no speaker either: "the seizure was the result of six months of work"
    if actor.pos != "NOUN" or lemma in scene.persons or any(lemma in scene.word_class(c) for c in SPEAKERS):
        return False
    return bool(scene.lexicon.candidates("NOUN", lemma))


def _actor_key(event: Event) -> frozenset[str]:
    return frozenset(a.entity_id or a.text for a in event.actors)


def _merge_same(events: list[Event]) -> list[Event]:
    """One event per type and actor within a sentence ("enacted a pardon, releasing 123 ...")."""
    kept: list[Event] = []
    for event in events:
        twin = next(
            (
                k
                for k in kept
                if k.event_type == event.event_type
                and (_actor_key(k) == _actor_key(event) or not (k.actors and event.actors))
            ),
            None,
        )
        if twin is None:
            kept.append(event)
            continue
        # the first mention is the act ("bombarded ..., killing eight": the bombardment, 194); the
        # other adds what it names: recipients, size, place
        richer, other = (
            (event, twin)
            if (len(event.recipients), event.size is not None) > (len(twin.recipients), twin.size is not None)
            else (twin, event)
        )
        texts = {r.text for r in richer.recipients}
        recipients = richer.recipients + tuple(r for r in other.recipients if r.text not in texts)
        kept[kept.index(twin)] = replace(
            twin,
            actors=twin.actors or event.actors,
            recipients=recipients,
            size=twin.size or event.size,
            location=twin.location or event.location,
        )
    return kept


@dataclass(frozen=True, slots=True, kw_only=True)
class Coded:
    """An article's events, and the drafts the passes dropped (for reviewers)."""

    events: tuple[Event, ...]
    dropped: tuple[Dropped, ...] = ()


def code_article(
    parsed: ParsedArticle, lexicon: Lexicon, kb: KnowledgeBase, judge: Judge | None = None
) -> Coded:
    """All events of one parsed article, in text order, and the drafts that were judged no event."""
    article = parsed.article
    ctx = _Context(
        article_id=article.id,
        published=article.published,
        lexicon=lexicon,
        resolver=ActorResolver.of(kb, article.published, lexicon.classes),
        harm=HarmWords.of(lexicon),
        disaster_story=disaster_story(parsed, lexicon.classes.get("disasters", frozenset())),
        judge=judge,
        focus=focus_country(parsed, kb, load_gazetteer())
        if len(parsed.sentences) >= FOCUS_MIN_SENTENCES
        else None,
        places=_Places(parsed, kb),
    )
    events: list[Event] = []
    dropped: list[Dropped] = []
    times = story_times(parsed.sentences, article.published)
    for k, sentence in enumerate(parsed.sentences):
        window_start = parsed.sentences[max(0, k - REFER_BACK_SENTENCES)].span[0]
        _refer_back(ctx, sentence, events, window_start)
        context = tuple(parsed.sentences[max(0, k - REFER_BACK_SENTENCES) : k])
        events.extend(_sentence_events(ctx, sentence, k, dropped, times[k], context))
    events = surnames_named_in_full(parsed, ctx.resolver, events, ctx.focus)
    return Coded(events=tuple(events), dropped=tuple(dropped))


def extract_events(
    parsed: ParsedArticle, lexicon: Lexicon, kb: KnowledgeBase, judge: Judge | None = None
) -> tuple[Event, ...]:
    """All events of one parsed article, in text order."""
    return code_article(parsed, lexicon, kb, judge).events


def _refer_back(ctx: _Context, sentence: ParsedSentence, earlier: list[Event], window_start: int) -> None:
    """Give earlier events the nationalities that a later sentence states for their recipients.

    "... releasing 123 foreign nationals. These individuals, citizens of the UK, ..., were ..." -> the
    release's recipients become the named countries. Only a demonstrative group ("these", "those")
    refers back, to the events of the three sentences before whose recipients are of unknown country.
    """
    tree = Tree.of(sentence)
    persons = ctx.lexicon.classes.get("persons", frozenset())
    found = [(tok, _group_named(ctx, tree, tok)) for tok in tree.tokens if tok.lemma in persons]
    found = [(tok, group) for tok, group in found if group]
    if not found:
        found = [
            (tok, group) for tok, group in [_nationalities_of_them(ctx, tree)] if tok is not None and group
        ]
    for tok, group in found[:1]:
        for n, event in enumerate(earlier):
            if event.evidence.span[0] < window_start:
                continue
            if event.recipients and all(r.country is None for r in event.recipients):
                reason = f"'{tok.text}' refers back to '{event.recipients[0].text}'"
                refs = tuple(
                    replace(r, resolution=Resolution(method="coreference+nationality_group", reason=reason))
                    for r in group
                )
                earlier[n] = replace(event, recipients=refs)


def _group_named(ctx: _Context, tree: Tree, tok: Token) -> tuple[ActorRef, ...]:
    """'These individuals, citizens of A, B and C': a demonstrative group and the countries it names."""
    if not any(k.lemma in DEMONSTRATIVES for k in tree.kids(tok.i, "det")):
        return ()
    group: tuple[ActorRef, ...] = ()
    for head in [tok, *tree.kids(tok.i, "appos")]:
        group = group or ctx.resolver.nationality_group(tree, head.i)
    return group


def _nationalities_of_them(ctx: _Context, tree: Tree) -> tuple[Token | None, tuple[ActorRef, ...]]:
    """'Six of them are Lithuanian and two are Latvian', 'They are citizens of ...': a sentence whose
    subject points back ("them", "they", "these", "those") and that says what nationality they are."""
    pointer = next(
        (
            t
            for t in tree.tokens
            if t.lemma in BACK_POINTERS and (t.dep.startswith("nsubj") or t.dep == "pobj")
        ),
        None,
    )
    if pointer is None:
        return None, ()
    kb = ctx.resolver.kb
    refs: list[ActorRef] = []
    said = [t.i for t in tree.tokens if t.dep in ("acomp", "attr") and t.head != t.i]
    for i in sorted({j for k in said for j in tree.subtree(k)}):
        tok = tree.tokens[i]
        if not tok.text[:1].isupper():
            continue  # the sentence may not have been through NER: capitalised names only
        entry = next((e for e in kb.lookup(tok.text) if e.kind in ("demonym", "country") and e.country), None)
        if entry is not None and entry.country and all(r.country != entry.country for r in refs):
            refs.append(
                ActorRef(
                    text=tok.text,
                    span=(tok.start, tok.end),
                    name=entry.name,
                    country=entry.country,
                    sector="CVL",
                    entity_id=sector_id(entry.country, "CVL"),
                )
            )
    return pointer, tuple(refs)
