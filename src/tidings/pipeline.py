"""The whole job for a batch of articles: parse, extract, resolve, link. The library behind the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .extract.events import extract_events
from .extract.judge import Judge, load_judge
from .extract.lexicon import Lexicon, load_lexicon
from .extract.syntax import Tree
from .extract.triggers import find_triggers
from .link.within import link_events
from .nlp import load_pipeline, parse_articles
from .records import Article, ArticleResult, ParsedSentence
from .resolve.actors import load_titles
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
    entities_everywhere: bool = False  # NER on every sentence, not only those that can hold an event
    judge: Judge | None = None  # the learned event judge; None codes by the rules alone

    def needs_entities(self, sentence: ParsedSentence) -> bool:
        """Whether a sentence can hold an event (a trigger matches its parse) or a title to check."""
        if find_triggers(Tree.of(sentence), self.lexicon):
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
    return Extractor(nlp=load_pipeline(), lexicon=load_lexicon(), kb=load_knowledge(), judge=load_judge())


def extract_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> Iterator[ArticleResult]:
    """Events of each article, in input order; each article's events in text order."""
    ex = extractor or load_extractor()
    test = None if ex.entities_everywhere else ex.needs_entities
    for parsed in parse_articles(articles, ex.nlp, test):
        events = extract_events(parsed, ex.lexicon, ex.kb, ex.judge)
        events = link_events(parsed, events, ex.lexicon)
        events = attach_claim_flags(events, check_claims(parsed, ex.kb))
        yield ArticleResult(article=parsed.article, events=events)
