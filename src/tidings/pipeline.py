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
from .resolve.claims import attach_claim_flags, check_claims
from .resolve.knowledge_base import KnowledgeBase, load_knowledge

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Extractor", "extract_articles", "load_extractor"]


@dataclass(frozen=True, slots=True)
class Extractor:
    """What extraction needs, loaded once and passed in: the parser, the lexicon, the knowledge base."""

    nlp: Language
    lexicon: Lexicon
    kb: KnowledgeBase


def load_extractor() -> Extractor:
    return Extractor(nlp=load_pipeline(), lexicon=load_lexicon(), kb=load_knowledge())


def extract_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> Iterator[ArticleResult]:
    """Events of each article, in input order; each article's events in text order."""
    ex = extractor or load_extractor()
    for parsed in parse_articles(articles, ex.nlp):
        events = extract_events(parsed, ex.lexicon, ex.kb)
        events = link_events(parsed, events, ex.lexicon)
        events = attach_claim_flags(events, check_claims(parsed, ex.kb))
        yield ArticleResult(article=parsed.article, events=events)
