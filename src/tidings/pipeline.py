"""The whole job for a batch of articles: parse, extract, resolve, link. The library behind the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .extract.events import extract_events
from .extract.lexicon import Lexicon, load_lexicon
from .link.within import link_events
from .nlp import load_pipeline, parse_articles
from .records import Article, ArticleResult
from .resolve.actors import load_titles
from .resolve.claims import attach_claim_flags, check_claims
from .resolve.knowledge_base import KnowledgeBase, load_knowledge

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Extractor", "event_lemmas", "extract_articles", "load_extractor"]


@dataclass(frozen=True, slots=True)
class Extractor:
    """What extraction needs, loaded once and passed in: the parser, the lexicon, the knowledge base."""

    nlp: Language
    lexicon: Lexicon
    kb: KnowledgeBase
    entity_lemmas: frozenset[str] | None = None  # sentences that get NER; None: all of them


def load_extractor() -> Extractor:
    lexicon = load_lexicon()
    return Extractor(
        nlp=load_pipeline(), lexicon=lexicon, kb=load_knowledge(), entity_lemmas=event_lemmas(lexicon)
    )


def event_lemmas(lexicon: Lexicon) -> frozenset[str]:
    """Lemmas of the sentences that can hold an event or a claim worth checking: triggers, the words
    that refer back to an event's recipients, and the titles of offices."""
    titles = {word for title in load_titles() for word in title.split()}
    return frozenset(
        {lemma for _, lemma in lexicon.by_lemma}
        | lexicon.classes.get("persons", frozenset())
        | titles
        | {"administration", "government"}
    )


def extract_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> Iterator[ArticleResult]:
    """Events of each article, in input order; each article's events in text order."""
    ex = extractor or load_extractor()
    for parsed in parse_articles(articles, ex.nlp, ex.entity_lemmas):
        events = extract_events(parsed, ex.lexicon, ex.kb)
        events = link_events(parsed, events, ex.lexicon)
        events = attach_claim_flags(events, check_claims(parsed, ex.kb))
        yield ArticleResult(article=parsed.article, events=events)
