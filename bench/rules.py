"""How often each lexicon pattern and each recode rule fires on real news, with a sample of its firings.

Runs `tidings extract` (the library's `extract_articles`) over a corpus and counts, per rule, the events
it produced: a pattern by the event's `rule` (the id of the lexicon pattern whose trigger matched); a
recode rule (`knowledge/lexicon/recode.json`) by re-running `recode_applies` on the event as the
extractor does, from the pattern's type and CAMEO code, with the words of the evidence sentence (parsed
again on its own, so a lemma can rarely differ from the one seen in context) and the sectors of the
event's actors; and, where events carry a `trail` of the coding passes that changed them, each pass.
For each rule: its firings, the articles it fired in, the types and certainties of its events (negated,
hypothetical and planned ones are not counted as events by the scorers) and a seeded random sample of
firings (sentence with the trigger in [brackets], type, certainty), so that a reviewer can read which
rules do harm on real news. Written as a markdown report and as JSON, rules sorted by firings; the top
of the table is printed.

    python bench/rules.py [CORPUS.jsonl] [--limit N] [--pattern ID ...] [--samples K] [--out PREFIX]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tidings.codes import NOT_OCCURRED
from tidings.extract.criticism import SAID
from tidings.extract.lexicon import Lexicon, Pattern, Recode, recode_applies
from tidings.ingest import read_inputs
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor, extract_articles, load_extractor
from tidings.records import Article, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


@dataclass(frozen=True, slots=True, kw_only=True)
class Firing:
    """One event a rule produced: where, on what trigger, with what result."""

    article_id: str
    sentence: str  # the evidence sentence, the trigger in [brackets]
    trigger: str
    event_type: str
    cameo: str
    certainty: str


@dataclass(slots=True)
class RuleTally:
    """The firings of one rule: counts, and a reservoir sample of `size` firings."""

    rule_id: str
    kind: str  # "pattern" or "recode"
    size: int
    firings: int = 0
    articles: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    certainties: Counter[str] = field(default_factory=Counter)
    sample: list[Firing] = field(default_factory=list)

    def add(self, firing: Firing, rng: random.Random) -> None:
        self.firings += 1
        self.articles.add(firing.article_id)
        self.types[firing.event_type] += 1
        self.certainties[firing.certainty] += 1
        if len(self.sample) < self.size:
            self.sample.append(firing)
        elif (j := rng.randrange(self.firings)) < self.size:
            self.sample[j] = firing

    @property
    def left_out(self) -> int:
        return sum(n for c, n in self.certainties.items() if c in NOT_OCCURRED)


def _firing(event: Event) -> Firing:
    evidence = event.evidence
    sentence = evidence.sentence
    if evidence.trigger_span is not None:
        lo, hi = (offset - evidence.span[0] for offset in evidence.trigger_span)
        if 0 <= lo < hi <= len(sentence):
            sentence = f"{sentence[:lo]}[{sentence[lo:hi]}]{sentence[hi:]}"
    return Firing(
        article_id=event.article_id,
        sentence=" ".join(sentence.split()),
        trigger=evidence.trigger,
        event_type=event.event_type,
        cameo=event.cameo,
        certainty=event.certainty,
    )


class SentenceWords:
    """The lemmas and lower-cased words of an evidence sentence, as the extractor matches recode words;
    each sentence parsed once, on its own, when a recode rule needs its words."""

    def __init__(self, extractor: Extractor) -> None:
        self._nlp = extractor.nlp
        self._seen: dict[tuple[str, int], frozenset[str]] = {}

    def of(self, event: Event) -> frozenset[str]:
        key = (event.article_id, event.evidence.span[0])
        if key not in self._seen:
            article = Article(id=event.article_id, text=event.evidence.sentence)
            parsed = next(parse_articles([article], self._nlp, lambda _: False))  # no NER: words only
            tokens = [t for s in parsed.sentences for t in s.tokens]
            self._seen[key] = frozenset({t.lemma for t in tokens} | {t.text.lower() for t in tokens})
        return self._seen[key]


def recodes_fired(
    event: Event, pattern: Pattern, recodes: Iterable[Recode], words: SentenceWords
) -> list[str]:
    """The recode rules that apply to the event, in the extractor's order, each on the type and code the
    rules before it left."""
    event_type, cameo = pattern.event_type, pattern.cameo
    sectors = {a.sector for a in event.actors if a.sector}
    fired = []
    for recode in recodes:
        if event_type not in recode.from_types:
            continue  # decided without the sentence's words (parsing them is the cost)
        if recode_applies(
            recode, event_type, cameo, set(words.of(event)) if recode.words else set(), sectors
        ):
            fired.append(recode.id)
            event_type, cameo = recode.event_type, recode.cameo
    return fired


def passes_of(event: Event) -> list[str]:
    """The coding passes that changed the event, where the event records them in a `trail` (the
    pattern first, then each pass), as "pass:NAME"."""
    trail: tuple[str, ...] = getattr(event, "trail", ())
    return [f"pass:{name}" for name in trail if ":" not in name]  # not "pattern:ID" or "judge:TYPE"


def _articles(corpus: Path, limit: int | None) -> Iterator[Article]:
    articles = (a for a in read_inputs([str(corpus)]) if isinstance(a, Article))
    return islice(articles, limit) if limit is not None else articles


def tally_rules(
    articles: Iterable[Article], extractor: Extractor, samples: int, seed: int = 0
) -> tuple[dict[str, RuleTally], int, int]:
    """(tallies by rule id, articles read, events) over the articles."""
    lexicon: Lexicon = extractor.lexicon
    patterns = {p.id: p for p in lexicon.patterns}
    words = SentenceWords(extractor)
    rng = random.Random(seed)
    tallies = {p.id: RuleTally(rule_id=p.id, kind="pattern", size=samples) for p in lexicon.patterns}
    tallies.update({r.id: RuleTally(rule_id=r.id, kind="recode", size=samples) for r in lexicon.recodes})
    n_articles = n_events = 0
    for result in extract_articles(articles, extractor):
        n_articles += 1
        for event in result.events:
            n_events += 1
            firing = _firing(event)
            tally = tallies.setdefault(event.rule, RuleTally(rule_id=event.rule, kind="other", size=samples))
            tally.add(firing, rng)
            pattern = patterns.get(event.rule)
            for recode_id in recodes_fired(event, pattern, lexicon.recodes, words) if pattern else ():
                tallies[recode_id].add(firing, rng)
            for name in passes_of(event):
                tallies.setdefault(name, RuleTally(rule_id=name, kind="pass", size=samples)).add(firing, rng)
        if n_articles % 200 == 0:
            print(f"... {n_articles} articles, {n_events} events", file=sys.stderr, flush=True)
    return tallies, n_articles, n_events


def _words(words: frozenset[str], shown: int = 3) -> str:
    first = sorted(words)[:shown]
    return "/".join(first) + (f" +{len(words) - shown}" if len(words) > shown else "")


def _describe(tally: RuleTally, lexicon: Lexicon) -> str:
    pattern = next((p for p in lexicon.patterns if p.id == tally.rule_id), None)
    if pattern is not None:
        return f"{pattern.pos.lower()} {_words(pattern.lemmas)} -> {pattern.event_type} {pattern.cameo}"
    recode = next((r for r in lexicon.recodes if r.id == tally.rule_id), None)
    if recode is not None:
        return f"recode {'/'.join(sorted(recode.from_types))} -> {recode.event_type} {recode.cameo}"
    if tally.kind == "pass":
        return "coding pass (from the events' trail)"
    return "not a rule of the lexicon"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in counter.most_common())


def report_rows(tallies: Iterable[RuleTally], lexicon: Lexicon) -> list[str]:
    lines = [
        "| # | rule | what it is | firings | articles | left out | types produced |",
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for rank, t in enumerate(tallies, start=1):
        left_out = f"{t.left_out} ({t.left_out / t.firings:.0%})"
        lines.append(
            f"| {rank} | `{t.rule_id}` | {_describe(t, lexicon)} | {t.firings} | {len(t.articles)} | "
            f"{left_out} | {_counts(t.types)} |"
        )
    return lines


def report(
    tallies: list[RuleTally],
    never: list[RuleTally],
    lexicon: Lexicon,
    corpus: Path,
    n_articles: int,
    n_events: int,
) -> str:
    out = [
        f"# Rule firings on {corpus.name}",
        "",
        f"{n_articles} articles, {n_events} events. A firing is an event a lexicon pattern produced (its"
        " `rule`) or that a recode rule applied to. *Left out*: events whose certainty is negated,"
        " hypothetical or planned, which the scorers do not count as events.",
        "",
        *report_rows(tallies, lexicon),
        "",
    ]
    for t in tallies:
        out += [
            f"## `{t.rule_id}`: {t.firings} firings in {len(t.articles)} articles",
            "",
            f"{_describe(t, lexicon)}; types {_counts(t.types)}; certainty {_counts(t.certainties)}.",
            "",
        ]
        out += [
            f"- {f.sentence} — **{f.event_type}** {f.cameo}, {f.certainty} ({f.article_id})" for f in t.sample
        ]
        out.append("")
    if never:
        out += [f"## Never fired ({len(never)})", "", ", ".join(f"`{t.rule_id}`" for t in never), ""]
    return "\n".join(out)


def as_json(
    tallies: list[RuleTally], never: list[RuleTally], corpus: Path, n_articles: int, n_events: int
) -> dict[str, object]:
    return {
        "corpus": str(corpus),
        "articles": n_articles,
        "events": n_events,
        "rules": [
            {
                "id": t.rule_id,
                "kind": t.kind,
                "firings": t.firings,
                "articles": len(t.articles),
                "left_out": t.left_out,
                "types": dict(t.types.most_common()),
                "certainties": dict(t.certainties.most_common()),
                "sample": [
                    {
                        "article_id": f.article_id,
                        "sentence": f.sentence,
                        "trigger": f.trigger,
                        "event_type": f.event_type,
                        "cameo": f.cameo,
                        "certainty": f.certainty,
                    }
                    for f in t.sample
                ],
            }
            for t in tallies
        ],
        "never_fired": [{"id": t.rule_id, "kind": t.kind} for t in never],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="How often each lexicon pattern and recode rule fires.")
    parser.add_argument("corpus", type=Path, nargs="?", default=SHARED_CORPUS)
    parser.add_argument("--limit", type=int, help="read the first N articles only")
    parser.add_argument(
        "--pattern", action="append", default=[], metavar="ID", help="only these rules (repeatable)"
    )
    parser.add_argument("--samples", type=int, default=5, help="firings shown per rule (default 5)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "out" / "rules", help="writes PREFIX.md and PREFIX.json"
    )
    parser.add_argument("--top", type=int, default=30, help="rows of the table printed (default 30)")
    args = parser.parse_args()

    extractor = load_extractor()
    known = {p.id for p in extractor.lexicon.patterns} | {r.id for r in extractor.lexicon.recodes}
    known |= {
        p.id for p in SAID
    }  # judgements told as what was said (extract/criticism.py): no lexicon pattern
    unknown = [p for p in args.pattern if p not in known]
    if unknown:
        parser.error(f"no pattern or recode rule with the id {', '.join(unknown)}")
    tallies, n_articles, n_events = tally_rules(_articles(args.corpus, args.limit), extractor, args.samples)
    chosen = [t for t in tallies.values() if not args.pattern or t.rule_id in args.pattern]
    fired = sorted((t for t in chosen if t.firings), key=lambda t: (-t.firings, t.rule_id))
    never = sorted((t for t in chosen if not t.firings), key=lambda t: (t.kind, t.rule_id))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = report(fired, never, extractor.lexicon, args.corpus, n_articles, n_events)
    Path(f"{args.out}.md").write_text(text, encoding="utf-8")
    document = as_json(fired, never, args.corpus, n_articles, n_events)
    Path(f"{args.out}.json").write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{n_articles} articles, {n_events} events; {len(fired)} rules fired, {len(never)} never")
    print("\n".join(report_rows(fired[: args.top], extractor.lexicon)))
    print(f"\nwritten: {args.out}.md, {args.out}.json")


if __name__ == "__main__":
    main()
