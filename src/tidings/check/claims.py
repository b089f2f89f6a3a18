"""Check what an article claims about office holders against the knowledge base, as of its date.

"former U.S. President Donald Trump" in an article of 2025-12-13 contradicts the knowledge base (he holds
that office since 2025-01-20); "President Trump" in 2022 does too (he left it on 2021-01-20); "the Biden
administration" presented as the current one after 2025-01-20 as well. Each contradiction becomes a
`ClaimFlag`: the span of the phrase and a `Flag(kind="title_inconsistent")` saying what the knowledge base
holds. Titles map to offices through `knowledge/titles.json`; nothing here names a person or a country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ..codes import METONYM_KINDS
from ..knowledge.base import Entry, KnowledgeBase, Office, load_titles
from ..records import Event, Flag, ParsedArticle, ParsedSentence, Token
from ..resolve.dates import find_time_expressions

__all__ = ["ClaimFlag", "TitleMention", "attach_claim_flags", "check_claims", "title_mentions"]

FLAG_KIND = "title_inconsistent"
# Words before a title that say the person no longer holds it ("former President X").
FORMER_WORDS = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time"})
# Words before a title that place it in the past or future on purpose: no claim about the article's date.
HISTORICAL_WORDS = frozenset({"then", "then-", "late", "future", "incoming", "outgoing", "elect", "acting"})
# Words that present an administration as the one in office.
CURRENT_WORDS = frozenset({"current", "incumbent", "present", "sitting", "new"})
NOW_WORDS = frozenset({"now", "currently", "presently", "today"})
GOVERNMENT_NOUNS = frozenset({"administration", "government", "cabinet"})
EXECUTIVE_OFFICES = frozenset({"head_of_state", "head_of_government"})
# A generic title ("the Belarusian leader") names whoever runs the country, head of state or government.
GENERIC_TITLES = frozenset({"leader"})
MAX_TITLE_WORDS = 3
_YEAR = re.compile(r"^(\d{4})")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFlag:
    """A claim of the article that the knowledge base contradicts: the phrase's span and the flag."""

    span: tuple[int, int]
    flag: Flag


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleMention:
    """A person named with a title: "former U.S. President Donald Trump"."""

    text: str
    span: tuple[int, int]
    person: Entry
    title: str  # the title words as written ("President")
    offices: frozenset[str]  # the offices the title names (head_of_state, ...)
    country: str | None  # the country named before the title ("U.S." -> USA), if any
    former: bool
    historical: bool
    sentence: ParsedSentence


def _words(tokens: tuple[Token, ...], lo: int, hi: int) -> str:
    return "".join(t.text + t.ws for t in tokens[lo:hi]).strip()


def _title_before(tokens: tuple[Token, ...], end: int) -> tuple[int, str, frozenset[str]] | None:
    """The title ending just before token `end`: (its first token, the title as written, its offices)."""
    titles = load_titles()
    for size in range(MAX_TITLE_WORDS, 0, -1):
        lo = end - size
        if lo < 0:
            continue
        key = " ".join(t.lemma for t in tokens[lo:end])
        office = titles.get(key) or titles.get(_words(tokens, lo, end).lower())
        if office:
            offices = EXECUTIVE_OFFICES if key in GENERIC_TITLES else frozenset({office})
            return lo, _words(tokens, lo, end), offices
    return None


def _country_before(kb: KnowledgeBase, tokens: tuple[Token, ...], end: int) -> tuple[int, str] | None:
    """A country named by the words just before token `end` ("U.S.", "Belarusian", "South Korean")."""
    for size in (3, 2, 1):
        lo = end - size
        if lo < 0 or not tokens[lo].text[:1].isupper():
            continue
        found = [e for e in kb.lookup(_words(tokens, lo, end)) if e.kind in METONYM_KINDS]
        if found and found[0].country:
            return lo, found[0].country
    return None


def _person(kb: KnowledgeBase, tokens: tuple[Token, ...], lo: int, hi: int) -> Entry | None:
    for a, b in ((lo, hi), (hi - 1, hi)):
        found = [e for e in kb.lookup(_words(tokens, a, b)) if e.kind == "person" and e.offices]
        if found:
            return found[0]
    return None


def _name_runs(sentence: ParsedSentence) -> list[tuple[int, int]]:
    """Token ranges that may name a person: PERSON entities, and runs of proper nouns."""
    runs = [(e.start, e.end) for e in sentence.entities if e.label == "PERSON"]
    tokens = sentence.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].pos == "PROPN" and tokens[i].text[:1].isupper():
            j = i
            while j < len(tokens) and tokens[j].pos == "PROPN" and tokens[j].text[:1].isupper():
                j += 1
            if not any(a <= i < b for a, b in runs):
                runs.append((i, j))
            i = j
        else:
            i += 1
    return sorted(runs)


def title_mentions(parsed: ParsedArticle, kb: KnowledgeBase) -> tuple[TitleMention, ...]:
    """Every person of the knowledge base named right after a title, in text order."""
    out: list[TitleMention] = []
    for sentence in parsed.sentences:
        tokens = sentence.tokens
        seen: set[int] = set()  # a name found both as an entity and as a run of proper nouns counts once
        for lo, hi in _name_runs(sentence):
            # a run may start with the title itself ("President Trump" as one run of proper nouns)
            for start in range(lo, min(hi - 1, lo + MAX_TITLE_WORDS) + 1):
                title = _title_before(tokens, start)
                person = _person(kb, tokens, start, hi) if title else None
                if title is not None and person is not None:
                    break
            else:
                continue
            if hi in seen:
                continue
            seen.add(hi)
            first, title_text, offices = title
            country = _country_before(kb, tokens, first)
            left = country[0] if country else first
            before = {t.text.lower() for t in tokens[max(0, left - 2) : left]}
            former = bool(before & FORMER_WORDS)
            if former:
                left = next(k for k in range(left - 1, -1, -1) if tokens[k].text.lower() in FORMER_WORDS)
            out.append(
                TitleMention(
                    text=_words(tokens, left, hi),
                    span=(tokens[left].start, tokens[hi - 1].end),
                    person=person,
                    title=title_text,
                    offices=offices,
                    country=country[1] if country else None,
                    former=former,
                    historical=bool(before & HISTORICAL_WORDS) or _elect_after(tokens, first, start),
                    sentence=sentence,
                )
            )
    return tuple(out)


def _elect_after(tokens: tuple[Token, ...], first: int, start: int) -> bool:
    return any(t.lemma == "elect" for t in tokens[first:start])


def _matching(mention: TitleMention, kb: KnowledgeBase, on: date | None) -> tuple[Office, ...]:
    return tuple(
        o
        for o in kb.offices(mention.person, on)
        if o.office in mention.offices and (mention.country is None or o.country == mention.country)
    )


def _dated_in_term(sentence: ParsedSentence, offices: tuple[Office, ...], anchor: date) -> bool:
    """Whether the sentence names a time within one of the terms ("In 2018, President Trump ...")."""
    for mention in find_time_expressions(sentence.text, anchor):
        year = _YEAR.match(mention.value or "")
        if year is None:
            continue
        y = int(year[1])
        for o in offices:
            if (o.start is None or o.start.year <= y) and (o.end is None or y <= o.end.year):
                return True
    return False


def _check_title(mention: TitleMention, kb: KnowledgeBase, on: date) -> ClaimFlag | None:
    held_now = _matching(mention, kb, on)
    ever = _matching(mention, kb, None)
    name = mention.person.name
    called = mention.text[: mention.text.rfind(mention.title) + len(mention.title)]
    if mention.former:
        if not held_now:
            return None
        since = max((o.start for o in held_now if o.start), default=None)
        message = f"{name} is called {called}, but held that office on {on.isoformat()}"
        message += f" (since {since.isoformat()})" if since else ""
        return ClaimFlag(span=mention.span, flag=Flag(kind=FLAG_KIND, message=message))
    if held_now or mention.historical:
        return None
    if not ever:
        held = sorted({f"{o.title} ({o.country})" for o in mention.person.offices})
        message = f"{name} is called {called}, but held no such office (the knowledge base has: "
        message += ", ".join(held) + ")"
        return ClaimFlag(span=mention.span, flag=Flag(kind=FLAG_KIND, message=message))
    if _dated_in_term(mention.sentence, ever, on):
        return None
    past = [o for o in ever if o.end is not None and o.end <= on]
    if past:
        last = max(past, key=lambda o: o.end or date.min)
        assert last.end is not None
        message = f"{name} is called {called}, but left that office on {last.end.isoformat()}"
        message += f", before {on.isoformat()}"
    else:
        nxt = min(ever, key=lambda o: o.start or date.max)
        start = nxt.start.isoformat() if nxt.start else "later"
        message = f"{name} is called {called}, but only took that office on {start}, after {on.isoformat()}"
    return ClaimFlag(span=mention.span, flag=Flag(kind=FLAG_KIND, message=message))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Administration:
    text: str
    span: tuple[int, int]
    person: Entry
    current: bool  # the phrase itself presents it as in office ("the current ...", "... says")


def _administrations(parsed: ParsedArticle, kb: KnowledgeBase) -> list[_Administration]:
    """Governments named after a person: "the Biden administration", "Trump's government"."""
    out: list[_Administration] = []
    for sentence in parsed.sentences:
        tokens = sentence.tokens
        for tok in tokens:
            if tok.lemma not in GOVERNMENT_NOUNS:
                continue
            for mod in tokens:
                if mod.head != tok.i or mod.dep not in ("compound", "poss", "nmod") or mod.pos != "PROPN":
                    continue
                lo = mod.i
                while lo > 0 and tokens[lo - 1].head == mod.i and tokens[lo - 1].pos == "PROPN":
                    lo -= 1
                person = _person(kb, tokens, lo, mod.i + 1)
                if person is None or not any(o.office in EXECUTIVE_OFFICES for o in person.offices):
                    continue
                first = min([lo] + [k.i for k in tokens if k.head == tok.i and k.i < lo])
                words = {t.text.lower() for t in tokens[first : tok.i]}
                verb = tokens[tok.head]
                says_now = tok.dep in ("nsubj", "nsubjpass") and verb.tag in ("VBZ", "VBP")
                now = any(t.lemma in NOW_WORDS and t.head == verb.i for t in tokens)
                out.append(
                    _Administration(
                        text=_words(tokens, first, tok.i + 1),
                        span=(tokens[first].start, tok.end),
                        person=person,
                        current=bool(words & CURRENT_WORDS)
                        or says_now
                        or (now and tok.dep.startswith("nsubj")),
                    )
                )
    return out


def _current_government_countries(parsed: ParsedArticle, kb: KnowledgeBase) -> set[str]:
    """Countries whose "current administration" the article speaks of without naming it
    ("Washington's current administration", "the current U.S. government")."""
    found: set[str] = set()
    for sentence in parsed.sentences:
        tokens = sentence.tokens
        for tok in tokens:
            if tok.lemma not in GOVERNMENT_NOUNS:
                continue
            kids = [t for t in tokens if t.head == tok.i and t.i != tok.i]
            if not any(k.lemma in CURRENT_WORDS for k in kids):
                continue
            for k in kids:
                if k.dep in ("poss", "compound", "nmod", "amod"):
                    entries = [e for e in kb.lookup(k.text) if e.kind in METONYM_KINDS]
                    if entries and entries[0].country:
                        found.add(entries[0].country)
    return found


def _check_administrations(
    parsed: ParsedArticle, kb: KnowledgeBase, on: date, titles: tuple[TitleMention, ...]
) -> list[ClaimFlag]:
    flags: list[ClaimFlag] = []
    spoken_of = _current_government_countries(parsed, kb)
    for adm in _administrations(parsed, kb):
        if kb.offices(adm.person, on):
            continue
        ended = [o for o in adm.person.offices if o.office in EXECUTIVE_OFFICES and o.end and o.end <= on]
        if not ended:
            continue
        last = max(ended, key=lambda o: o.end or date.min)
        assert last.end is not None
        holder = kb.holder(last.country, last.office, on)
        # The article treats this administration as the current one when the phrase says so, or when it
        # speaks of the country's current administration while giving the real holder only as "former".
        acknowledged = holder is not None and any(
            m.person.entity_id == holder.entity_id and not m.former for m in titles
        )
        implied = last.country in spoken_of and not acknowledged
        if not (adm.current or implied):
            continue
        country = kb.country(last.country)
        where = country.name if country else last.country
        message = (
            f"{adm.text} is presented as the current {where} administration, but {adm.person.name}'s term as "
            f"{last.title} ended on {last.end.isoformat()}"
        )
        if holder is not None:
            message += f"; {holder.name} held that office on {on.isoformat()}"
        flags.append(ClaimFlag(span=adm.span, flag=Flag(kind=FLAG_KIND, message=message)))
    return flags


def check_claims(parsed: ParsedArticle, kb: KnowledgeBase) -> tuple[ClaimFlag, ...]:
    """Titles and administrations that contradict the knowledge base on the article's date, in text order.

    Needs the publication date: an article without one gets no flags.
    """
    on = parsed.article.published
    if on is None:
        return ()
    titles = title_mentions(parsed, kb)
    flags = [f for m in titles if (f := _check_title(m, kb, on)) is not None]
    flags += _check_administrations(parsed, kb, on, titles)
    return tuple(sorted(flags, key=lambda f: f.span))


def attach_claim_flags(events: Iterable[Event], claims: Iterable[ClaimFlag]) -> tuple[Event, ...]:
    """Each event with the claim flags whose phrase lies in its evidence sentence (order kept)."""
    found = tuple(claims)
    out: list[Event] = []
    for event in events:
        lo, hi = event.evidence.span
        extra = tuple(
            c.flag for c in found if lo <= c.span[0] and c.span[1] <= hi and c.flag not in event.flags
        )
        out.append(replace(event, flags=event.flags + extra) if extra else event)
    return tuple(out)
