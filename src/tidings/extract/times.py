"""The one finder of time expressions in a parsed article, used by `extract`, `annotate` and `bench/`.

Each expression is normalised in the tense of the clause it modifies ("said on Friday" is the Friday
before the publication date, "will meet on Friday" the one after), and anaphoric expressions ("the next
day", "that year") on the last date the story set before them (`resolve.dates.StoryTime`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..knowledge.time_words import load_time_words
from ..records import ParsedSentence, Token
from ..resolve.dates import NO_STORY, StoryTime, TimeMention, find_time_expressions
from ..syntax import Tree
from .certainty import tense_around

__all__ = ["sentence_times", "story_times", "time_tense"]

# Tags of a verb or auxiliary that carries its own tense (a conjoined verb with none shares the first's).
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MODALS_AHEAD = frozenset({"may", "might", "could"})


def sentence_times(
    sentence: ParsedSentence, tree: Tree, anchor: date | None, story: StoryTime = NO_STORY
) -> tuple[TimeMention, ...]:
    """The sentence's time expressions (spans in sentence offsets), each in its own clause's tense; the
    anaphoric ones anchored on the dates the expressions before them set, as read in their own tenses."""
    found = find_time_expressions(sentence.text, anchor, "past", story)
    tenses = []
    for mention in found:
        start = sentence.span[0] + mention.span[0]
        token = next((t for t in tree.tokens if t.start >= start), tree.tokens[-1])
        tenses.append((mention.span[0], time_tense(tree, token.i)))
    if all(tense == "past" for _, tense in tenses):
        return found
    tensed = find_time_expressions(sentence.text, anchor, "past", story, tuple(tenses))
    by_span = {m.span: m for m in tensed}
    return tuple(by_span.get(m.span, m) for m in found)


def time_tense(tree: Tree, i: int) -> str:
    """The tense a time expression at token i is read in: its clause's (`tense_around`), except that
    - an infinitive under a word of plans lies ahead ("is scheduled to close Monday", "is to resume trading
      Tuesday"), or, when the plan is told in the past, is the nearest such day ("prepared to speak on
      Tuesday"); so does a time a word of schedules modifies ("the filings due Sunday night") and a verb
      under "may", "might", "could";
    - another infinitive, an adverbial participle clause and a conjoined verb with no tense of its own take
      the time of the clause they hang from ("extended their offers to acquire the maker Friday", "...,
      leaving the index near its high set on Aug. 6"; not "pointed to Obama endorsing Clinton on Thursday");
    - a weekday's possessive dates its noun, not the verb: in a future clause, the nearest such day
      ("Monday's decision will reverberate")."""
    if tree.tokens[i].dep == "poss":  # "Monday's decision", "before Monday's caucuses": the day of a thing
        return "present"  # named, past or ahead whatever the verb's tense: the nearest such day
    tense = _clause_tense(tree, i)
    if tense == "future" and _in_subject(tree, i):
        return "present"  # "his address Sunday ... will be a major test": the subject's day, not the verb's
    return tense


def _in_subject(tree: Tree, i: int) -> bool:
    """Whether token i lies in the subject of its clause's verb (below a noun that is the subject)."""
    for tok in (tree.tokens[i], *tree.ancestors(i)):
        if tok.pos in ("VERB", "AUX"):
            return False
        if tok.dep in ("nsubj", "nsubjpass") and tok.pos in ("NOUN", "PROPN"):
            return True
    return False


def _clause_tense(tree: Tree, i: int) -> str:
    path = (tree.tokens[i], *tree.ancestors(i))
    verb = next((t for t in path if t.pos in ("VERB", "AUX")), None)
    if verb is not None and _modal_ahead(tree, verb) or _scheduled(tree, path):
        return "future"
    head = tree.head(verb.i) if verb is not None and verb.dep in ("xcomp", "acl", "advcl", "conj") else None
    if verb is not None and head is None and verb.tag == "VBN" and verb.dep in ("ccomp", "oprd"):
        above = tree.head(verb.i)  # "make their voice known on Tuesday": a bare participle under a verb
        bare = not tree.kids(verb.i, "aux", "auxpass")
        if bare and above is not None and above.pos in ("VERB", "AUX"):
            return _clause_tense(tree, above.i)
    if verb is None or head is None:
        return tense_around(tree, i)
    auxes = tree.kids(verb.i, "aux")
    if verb.dep == "conj":  # "could drag on and not be completed by May": the first verb's modal and tense
        finite = verb.tag in FINITE_TAGS or any(
            a.tag in FINITE_TAGS for a in tree.kids(verb.i, "aux", "auxpass")
        )
        return (
            tense_around(tree, i)
            if finite or head.pos not in ("VERB", "AUX")
            else _clause_tense(tree, head.i)
        )
    if any(a.tag == "TO" for a in auxes):
        if head.lemma.lower() not in load_time_words().plan_words:
            return tense_around(tree, head.i)
        # a plan told in the past may have come true before the story ("As Trump prepared to speak on
        # Tuesday, ..." in a Wednesday story): the nearest such day; a plan that stands is ahead of it
        told_in_past = head.tag == "VBD" or any(a.tag == "VBD" for a in tree.kids(head.i, "aux", "auxpass"))
        return "present" if told_in_past else "future"
    if verb.tag == "VBG" and verb.dep == "advcl" and not auxes:
        return tense_around(tree, head.i)
    return tense_around(tree, i)


def _scheduled(tree: Tree, path: tuple[Token, ...]) -> bool:
    """A time that a word of schedules modifies as an adjective or a participle lies ahead ("the filings
    due Sunday night", "the vote scheduled for Tuesday"), as does one under such a word in the present
    passive ("a service is planned Friday"); the walk stops at the first finite verb."""
    words = load_time_words().schedule_words
    for tok in path:
        if tok.lemma.lower() in words and tok.pos == "ADJ":
            return True
        if tok.lemma.lower() in words and tok.tag == "VBN":
            present = any(a.tag in ("VBZ", "VBP") for a in tree.kids(tok.i, "auxpass"))
            return tok.dep in ("acl", "amod") or present
        if tok.pos in ("VERB", "AUX") and tok.tag != "VBN":
            return False
    return False


def _modal_ahead(tree: Tree, verb: Token) -> bool:
    """A verb under a modal of possibility with no perfect "have": what may happen lies ahead ("could be
    completed by Nov. 8", "may vote Tuesday"; not "could have voted Tuesday", "could not attend")."""
    auxes = tree.kids(verb.i, "aux", "auxpass")
    negated = bool(tree.kids(verb.i, "neg"))
    return (
        any(a.text.lower() in MODALS_AHEAD for a in auxes)
        and not any(a.lemma == "have" for a in auxes)
        and not (negated and any(a.text.lower() == "could" for a in auxes))
    )


def story_times(
    sentences: Sequence[ParsedSentence], anchor: date | None, trees: Sequence[Tree] | None = None
) -> tuple[tuple[TimeMention, ...], ...]:
    """The time expressions of each sentence of an article, in order, read as a story: each sentence's
    anaphoric expressions anchored on the dates the sentences before it set."""
    story = NO_STORY
    out = []
    for k, sentence in enumerate(sentences):
        tree = trees[k] if trees is not None else Tree.of(sentence)
        mentions = sentence_times(sentence, tree, anchor, story) if sentence.tokens else ()
        story = story.after(mentions)
        out.append(mentions)
    return tuple(out)
