"""The parser adapter: long texts in windows with their offsets, and one bad article among good ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tidings.nlp as nlp
from tidings.pipeline import Extractor
from tidings.records import Article, Failure, ParsedArticle

PARAGRAPH = (
    "Rebels attacked an army base near Donetsk on Monday, the army said. Police arrested 40 protesters "
    "in Minsk. The United Nations sent aid to Gaza."
)


@given(
    text=st.text(st.sampled_from("ab .!?\n\u201d)"), max_size=400),
    size=st.integers(2, 60),
)
def test_windows_cover_the_text_in_order_within_the_size(text: str, size: int) -> None:
    pieces = nlp.windows(text, size)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        assert end == start
    assert all(0 < end - start <= size for start, end in pieces) or text == ""


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("aaaaaaaaaaaaaaaaaa. bb\n\ncc dd ee ff gg", 24),  # a paragraph break in the second half
        ("aaaaaaaaaaaaaaaaaa. bb cc dd ee ff gg", 20),  # else a sentence end
        ("aaaa bbbb cccc dddd eeeeeeeeeeeeeeeeeeeeeeeeee", 20),  # else white space
        ("x" * 40, 30),  # else anywhere
    ],
)
def test_windows_cut_at_the_best_boundary(text: str, cut: int) -> None:
    assert nlp.windows(text, 30)[0] == (0, cut)


def _check_offsets(parsed: ParsedArticle) -> None:
    text = parsed.article.text
    for sentence in parsed.sentences:
        assert text[sentence.span[0] : sentence.span[1]] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
        for entity in sentence.entities:
            assert text[entity.char_span[0] : entity.char_span[1]] == entity.text


def test_a_long_text_is_parsed_in_windows_with_its_offsets(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n\n".join([PARAGRAPH] * 12)
    whole = next(nlp.parse_articles([Article(id="a", text=text)], extractor.nlp, extractor.needs_entities))
    monkeypatch.setattr(nlp, "WINDOW_CHARS", 700)
    monkeypatch.setattr(nlp, "BATCH_CHARS", 1500)
    article = Article(id="a", text=text)
    short = Article(id="b", text=PARAGRAPH)
    parsed = list(nlp.parse_articles([short, article, short], extractor.nlp, extractor.needs_entities))
    assert [p.article.id for p in parsed] == ["b", "a", "b"]
    assert len(nlp.windows(text, 700)) >= 3
    for one in parsed:
        _check_offsets(one)
    # cut at paragraph breaks, the windows give the sentences of the whole text
    assert [s.span for s in parsed[1].sentences] == [s.span for s in whole.sentences]
    assert [e.char_span for s in parsed[1].sentences for e in s.entities] == [
        e.char_span for s in whole.sentences for e in s.entities
    ]


class _Breaking:
    """A pipeline that fails on any batch holding a text with `marker`, as spaCy fails on bad input."""

    def __init__(self, inner: Any, marker: str) -> None:
        self._inner, self._marker = inner, marker

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Any:
        texts = list(texts)
        if any(self._marker in t for t in texts):
            raise ValueError("[E088] Text of length 1200000 exceeds maximum of 1000000")
        return self._inner.pipe(texts, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_an_article_the_parser_fails_on_costs_only_itself(extractor: Extractor) -> None:
    articles = [
        Article(id="a", text=PARAGRAPH),
        Article(id="bad", text="BREAK " + PARAGRAPH, origin="feed.jsonl:2"),
        Article(id="c", text=PARAGRAPH.upper()),
    ]
    breaking: Any = _Breaking(extractor.nlp, "BREAK")
    out = list(nlp.parse_each(articles, breaking, extractor.needs_entities))
    assert [type(o).__name__ for o in out] == ["ParsedArticle", "Failure", "ParsedArticle"]
    failure = out[1]
    assert isinstance(failure, Failure)
    assert failure.record_id == "feed.jsonl:2" and failure.stage == "parse"
    assert failure.reason.startswith("parse failed (ValueError: [E088]")
    with pytest.raises(ValueError, match="E088"):
        list(nlp.parse_articles(articles, breaking, extractor.needs_entities))


def test_a_question_mark_glued_to_the_next_sentence_ends_a_word(extractor: Extractor) -> None:
    """A title run into its text ("...the President?Authorities say ...") is cut after the mark, with
    every offset kept."""
    text = "Did the Capo Plot to Kill the President?Authorities say he did. Is it 2?Yes. What?NO."
    doc = extractor.nlp(text)
    words = [t.text for t in doc]
    assert words[words.index("President") + 1 : words.index("President") + 3] == ["?", "Authorities"]
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_a_blank_line_ends_a_sentence(extractor: Extractor) -> None:
    """Paragraphs are not run together: a heading, a time stamp or a quote's last paragraph ends at the
    blank line after it (the parser, reading the break as white space, joined them to what follows)."""
    text = (
        "10:30 p.m.\n\nDespite Ted Cruz's shortcoming in South Carolina's primary Saturday, his supporters"
        " are optimistic.\n \nSome chanted \u201cUSA! USA!\u201d"
        "\n\nHundreds of people are gathered in a ballroom."
        '\n\nHe said "we will go."\n\nThe army attacked the town.'
    )
    sentences = [s.text.strip() for s in extractor.nlp(text).sents]
    assert sentences == [
        "10:30 p.m.",
        "Despite Ted Cruz's shortcoming in South Carolina's primary Saturday, his supporters are optimistic.",
        "Some chanted \u201cUSA! USA!\u201d",
        "Hundreds of people are gathered in a ballroom.",
        'He said "we will go."',  # the closing quote mark stays with its sentence
        "The army attacked the town.",
    ]


def test_a_line_break_inside_a_sentence_does_not_end_it(extractor: Extractor) -> None:
    """Text wrapped to a width keeps its sentences whole: a line break before a lower-case word (past a
    quote mark) is white space."""
    text = (
        "The army attacked the town\non Monday, the ministry said.\nPolice arrested\ntwo men."
        ' The minister met\n"the rebels" on Friday.'
    )
    sentences = [s.text.strip() for s in extractor.nlp(text).sents]
    assert sentences == [
        "The army attacked the town\non Monday, the ministry said.",
        "Police arrested\ntwo men.",
        'The minister met\n"the rebels" on Friday.',
    ]


def test_a_line_break_before_a_capital_ends_a_sentence(extractor: Extractor) -> None:
    """A headline or a date line on a line of its own, with no full stop (pages extracted from HTML put
    one paragraph on each line), is not run into the sentence on the next line; a paragraph that opens
    with a quote mark keeps it in its first sentence."""
    text = (
        "Troops leave border town after talks\nPosted 3 / 4 / 2016 10: 11 PM\n"
        "The army said on Monday that it had withdrawn its troops.\n"
        "\u201cWe will not go back,\u201d a general said.\nRebels attacked the town."
    )
    sentences = [s.text.strip() for s in extractor.nlp(text).sents]
    assert sentences[0] == "Troops leave border town after talks"
    assert sentences[-3:] == [
        "The army said on Monday that it had withdrawn its troops.",
        "\u201cWe will not go back,\u201d a general said.",
        "Rebels attacked the town.",
    ]
    assert "".join(sentences).replace(" ", "") == text.replace("\n", "").replace(" ", "")
