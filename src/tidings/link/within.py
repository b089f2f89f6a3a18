"""Links between the events of one article: exchanges and responses, running totals, checks.

- A link cue ("in exchange for", "tied to", "links X to Y") joins the event named before it with
  the event named after it; an event may be named by its trigger or by a nominal ("the pardons").
- A total ("brings the total to 156") is checked against the sizes it adds up ("added to a
  previous release of 33"): the sum is flagged as checked or as a mismatch.
- A past event dated after the article's publication is flagged.
"""

from __future__ import annotations

from dataclasses import replace

from ..extract.lexicon import Lexicon
from ..extract.size import parse_number
from ..records import Event, Flag, Link, ParsedArticle, ParsedSentence, Token

__all__ = ["link_events"]

SYMMETRIC = frozenset({"in_exchange_for", "linked_to"})
LINK_VERBS = {"link": "linked_to", "tie": "linked_to", "connect": "linked_to", "condition": "condition_of"}
# Relations only a finite verb with a subject asserts ("the statement links the pardons to ..."):
# as bare phrases ("tied to", "linked to") they mostly describe.
VERB_DECIDED = frozenset({"linked_to", "adds_to_total"})
TOTAL_WORDS = frozenset({"total", "overall", "altogether", "all"})


def _in(event: Event, sentence: ParsedSentence) -> bool:
    return sentence.span[0] <= event.evidence.span[0] < sentence.span[1]


def _trigger_pos(event: Event) -> int:
    return event.evidence.trigger_span[0] if event.evidence.trigger_span else event.evidence.span[0]


def _named_types(tokens: list[Token], lexicon: Lexicon) -> list[str]:
    """Event types named by nominals in a stretch of tokens ("the pardons" -> RETREAT)."""
    out: list[str] = []
    for tok in tokens:
        for pattern in lexicon.candidates("NOUN", tok.lemma):
            if pattern.event_type not in out:
                out.append(pattern.event_type)
    return out


def _pick(
    events: list[Event], sentence: ParsedSentence, lo: int, hi: int, types: list[str], all_events: list[Event]
) -> Event | None:
    """The event triggered in [lo, hi) of this sentence, else the nearest event of a named type."""
    inside = [e for e in events if lo <= _trigger_pos(e) < hi]
    if inside:
        return inside[0]
    for event_type in types:
        same = [e for e in all_events if e.event_type == event_type and not _in(e, sentence)]
        before = [e for e in same if e.evidence.span[0] < sentence.span[0]]
        if before or same:
            return (before or same)[-1]
    return None


def _cue_positions(sentence: ParsedSentence, lexicon: Lexicon) -> list[tuple[int, int, int, int, str]]:
    """(left_lo, left_hi, right_lo, right_hi, relation) character ranges around each link cue."""
    out: list[tuple[int, int, int, int, str]] = []
    low = sentence.text.lower()
    base = sentence.span[0]
    end = sentence.span[1]
    for phrase, cue_relation in lexicon.cues.link_cues.items():
        if not cue_relation or " " not in phrase or cue_relation in VERB_DECIDED:
            continue
        relation: str = cue_relation
        at = low.find(phrase)
        if at >= 0:
            out.append((base, base + at, base + at + len(phrase), end, relation))
    toks = sentence.tokens
    for tok in toks:
        verb_relation = LINK_VERBS.get(tok.lemma)
        if verb_relation is None or tok.pos != "VERB":
            continue
        if not any(t.head == tok.i and t.dep == "nsubj" for t in toks):
            continue  # "those linked to security concerns" describes; "Minsk links X to Y" asserts
        to_prep = next((t for t in toks if t.head == tok.i and t.dep == "prep" and t.lemma == "to"), None)
        if to_prep is None:
            continue
        obj = next((t for t in toks if t.head == tok.i and t.dep in ("dobj", "nsubjpass")), None)
        left_lo = obj.start if obj is not None else base
        out.append((left_lo, to_prep.start, to_prep.end, end, verb_relation))
    return out


def _same_act(event: Event, events: list[Event]) -> list[Event]:
    """The event and those coded from the same sentence for the same actor: one act seen twice
    ("enacted a pardon [CONCEDE], releasing 123 [RETREAT]"), so a link to one is a link to both."""
    key = {a.entity_id or a.text for a in event.actors}
    if not key:
        return [event]
    return [event] + [
        e
        for e in events
        if e.id != event.id
        and e.evidence.span == event.evidence.span
        and {a.entity_id or a.text for a in e.actors} == key
    ]


def _add_link(event: Event, relation: str, other: Event) -> Event:
    if any(link.event == other.id for link in event.links):
        return event
    return replace(event, links=(*event.links, Link(relation=relation, event=other.id)))


def _add_flag(event: Event, flag: Flag) -> Event:
    if flag in event.flags:
        return event
    return replace(event, flags=(*event.flags, flag))


def _numbers(sentence: ParsedSentence) -> list[tuple[Token, int]]:
    out: list[tuple[Token, int]] = []
    for tok in sentence.tokens:
        if tok.pos == "NUM" and tok.ent_type in ("CARDINAL", ""):
            value = parse_number(tok.text)
            if value is not None:
                out.append((tok, value))
    return out


def _check_total(events: list[Event], sentence: ParsedSentence) -> list[Event]:
    toks = sentence.tokens
    if not any(t.lemma in TOTAL_WORDS and t.pos in ("NOUN", "ADJ", "ADV") for t in toks):
        return events
    numbers = _numbers(sentence)
    if len(numbers) < 2:
        return events
    total_tok, total = numbers[-1]
    parts = [(t, v) for t, v in numbers if t.i != total_tok.i]
    earlier = [e for e in events if e.size is not None and e.evidence.span[0] < sentence.span[0]]
    if not earlier:
        return events
    base = earlier[-1]
    assert base.size is not None
    added = sum(v for _, v in parts if v != base.size.count)
    figures = [base.size.count] + [v for _, v in parts if v != base.size.count]
    expression = " + ".join(str(v) for v in figures)
    if base.size.count + added == total:
        flag = Flag(kind="total_checked", message=f"{expression} = {total}, as the article states")
    else:
        flag = Flag(
            kind="arithmetic_mismatch",
            message=f"{expression} = {base.size.count + added}, but the article gives a total of {total}",
        )
    out = []
    partners = [e for e in events if _in(e, sentence) and e.size is not None and e.size.count in figures[1:]]
    for event in events:
        if event.id == base.id:
            event = _add_flag(event, flag)
            for partner in partners:
                event = _add_link(event, "adds_to_total", partner)
        out.append(event)
    return out


def _check_dates(event: Event, published_iso: str | None) -> Event:
    if event.date is None or published_iso is None or event.tense != "past" or event.date_text is None:
        return event
    if event.date.isoformat() > published_iso:
        return _add_flag(
            event,
            Flag(
                kind="date_after_publication",
                message=f"past event dated {event.date.isoformat()}, after publication on {published_iso}",
            ),
        )
    return event


def link_events(parsed: ParsedArticle, events: tuple[Event, ...], lexicon: Lexicon) -> tuple[Event, ...]:
    """The article's events with links between them and flags on what does not check out."""
    current = list(events)
    for sentence in parsed.sentences:
        cues = _cue_positions(sentence, lexicon)
        # the sentence's events only where a cue asks for them: for every sentence, it was quadratic
        here = [e for e in current if _in(e, sentence)] if cues else []
        for left_lo, left_hi, right_lo, right_hi, relation in cues:
            left_tokens = [t for t in sentence.tokens if left_lo <= t.start < left_hi]
            right_tokens = [t for t in sentence.tokens if right_lo <= t.start < right_hi]
            left = _pick(here, sentence, left_lo, left_hi, _named_types(left_tokens, lexicon), current)
            right = _pick(here, sentence, right_lo, right_hi, _named_types(right_tokens, lexicon), current)
            if left is None or right is None or left.id == right.id:
                continue
            lefts = {e.id for e in _same_act(left, current)}
            current = [
                _add_link(e, relation, right)
                if e.id in lefts
                else _add_link(e, relation, left)
                if e.id == right.id and relation in SYMMETRIC
                else e
                for e in current
            ]
            here = [e for e in current if _in(e, sentence)]
        current = _check_total(current, sentence)
    published = parsed.article.published.isoformat() if parsed.article.published else None
    return tuple(_check_dates(e, published) for e in current)
