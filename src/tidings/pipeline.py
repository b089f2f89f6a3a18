"""The whole job for a batch of articles: parse, extract, resolve, link. The library behind the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from .budget import BASE_SECONDS, Stopwatch, article_time_limit, configured_time_limit, time_limit
from .check.claims import attach_claim_flags, check_claims
from .extract.criticism import may_judge
from .extract.events import extract_events
from .extract.judge import Judge, load_judge
from .extract.lexicon import Lexicon, load_lexicon
from .extract.triggers import find_triggers
from .failures import failure_of
from .knowledge.base import KnowledgeBase, load_knowledge, load_titles
from .link.within import link_events
from .nlp import load_pipeline, parse_articles, parse_each
from .records import Article, ArticleResult, Failure, ParsedArticle, ParsedSentence
from .syntax import Tree

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Extractor", "extract_articles", "extract_each", "load_extractor"]


@dataclass(frozen=True, slots=True)
class Extractor:
    """What extraction needs, loaded once and passed in: the parser, the lexicon, the knowledge base."""

    nlp: Language
    lexicon: Lexicon
    kb: KnowledgeBase
    entities_everywhere: bool = False  # NER on every sentence, not only those that can hold an event
    judge: Judge | None = None  # the learned event judge; None codes by the rules alone
    time_limit: float | None = BASE_SECONDS  # seconds per article after its parse, more for long ones

    def needs_entities(self, sentence: ParsedSentence) -> bool:
        """Whether a sentence can hold an event (a trigger matches its parse) or a title to check."""
        if find_triggers(Tree.of(sentence), self.lexicon):
            return True
        # a judgement told as what someone said ("'X is a liar,' she said"): who is judged is a name
        if may_judge({t.lemma.lower() for t in sentence.tokens}, self.lexicon):
            return True
        # a pattern that needs a named person as its object can only be judged with the entities
        if any(
            "person" in p.objects
            for t in sentence.tokens
            for p in self.lexicon.candidates("VERB" if t.pos == "VERB" else "NOUN", t.lemma)
        ):
            return True
        titles = load_titles()
        return any(t.lemma in titles or t.lemma == "administration" for t in sentence.tokens)


def load_extractor() -> Extractor:
    """The extractor, with the time limit `TIDINGS_TIME_LIMIT` sets (see `tidings.budget`)."""
    return Extractor(
        nlp=load_pipeline(),
        lexicon=load_lexicon(),
        kb=load_knowledge(),
        judge=load_judge(),
        time_limit=configured_time_limit(),
    )


def extract_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> Iterator[ArticleResult]:
    """Events of each article, in input order; each article's events in text order. An error raises
    (see `extract_each`); there is no time limit."""
    ex = extractor or load_extractor()
    test = None if ex.entities_everywhere else ex.needs_entities
    for parsed in parse_articles(articles, ex.nlp, test):
        yield _events(parsed, ex)


def extract_each(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> Iterator[ArticleResult | Failure]:
    """As `extract_articles`, but an article that fails at any stage, or takes longer than its time
    limit (see `tidings.budget`), becomes a `Failure` naming its input, and the others go on. The
    extractor is loaded when the first article comes (bad input alone is answered at once)."""
    items = iter(articles)
    first = next(items, None)
    if first is None:
        return
    ex = extractor or load_extractor()
    test = None if ex.entities_everywhere else ex.needs_entities
    for parsed in parse_each(chain([first], items), ex.nlp, test):
        yield parsed if isinstance(parsed, Failure) else _events_or_failure(parsed, ex)


def _events_or_failure(parsed: ParsedArticle, ex: Extractor) -> ArticleResult | Failure:
    limit = None if ex.time_limit is None else article_time_limit(len(parsed.article.text), ex.time_limit)
    watch = Stopwatch(limit=limit)
    try:
        with time_limit(watch):
            return _events(parsed, ex, watch.enter)
    except Exception as error:
        return failure_of(parsed.article, watch.stage, error)


def _no_check(stage: str) -> None:
    return None


def _events(parsed: ParsedArticle, ex: Extractor, enter: Callable[[str], None] = _no_check) -> ArticleResult:
    enter("extract")
    events = extract_events(parsed, ex.lexicon, ex.kb, ex.judge)
    enter("link")
    events = link_events(parsed, events, ex.lexicon)
    enter("check")
    events = attach_claim_flags(events, check_claims(parsed, ex.kb))
    return ArticleResult(article=parsed.article, events=events)
