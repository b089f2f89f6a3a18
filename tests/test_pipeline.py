"""`extract_each` and `annotate_each`: an article that fails, or runs out of time, is a `Failure` naming
its input, and the other articles of the batch are extracted as if it were not there."""

from __future__ import annotations

from dataclasses import replace

import pytest

import tidings.annotate as annotate
import tidings.pipeline as pipeline
from tidings.annotate import Annotated, load_annotator
from tidings.budget import article_time_limit, configured_time_limit
from tidings.errors import TidingsError
from tidings.pipeline import Extractor, extract_articles, extract_each
from tidings.records import Article, ArticleResult, Failure

GOOD = [
    Article(id="a", text="Rebels attacked an army base near Donetsk on Monday."),
    Article(id="c", text="Police arrested 40 protesters in Minsk."),
]
BAD = Article(id="b", text="The army shelled the town of Izium.", origin="news.jsonl:2")


def test_a_failing_article_is_a_failure_and_the_others_go_on(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = {r.article.id: r.events for r in extract_articles(GOOD, extractor)}
    real = pipeline.extract_events

    def failing(parsed, *args):  # type: ignore[no-untyped-def]
        if parsed.article.id == "b":
            raise RecursionError("maximum recursion depth exceeded")
        return real(parsed, *args)

    monkeypatch.setattr(pipeline, "extract_events", failing)
    out = list(extract_each([GOOD[0], BAD, GOOD[1]], extractor))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "Failure", "ArticleResult"]
    assert out[1] == Failure(
        record_id="news.jsonl:2",
        stage="extract",
        reason="extract failed (RecursionError: maximum recursion depth exceeded)",
    )
    assert {o.article.id: o.events for o in out if isinstance(o, ArticleResult)} == alone
    assert alone["a"] and alone["c"]


def test_an_article_over_its_time_limit_is_a_failure(extractor: Extractor) -> None:
    hurried = replace(extractor, time_limit=1e-9)  # no stage can finish in a nanosecond
    out = list(extract_each([BAD], hurried))
    assert len(out) == 1 and isinstance(out[0], Failure)
    assert out[0].record_id == "news.jsonl:2"
    assert "over the article's time limit" in out[0].reason
    assert out[0].stage in ("extract", "link", "check")
    assert [type(o).__name__ for o in extract_each([BAD], extractor)] == ["ArticleResult"]


def test_no_articles_load_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> Extractor:
        raise AssertionError("loaded")

    monkeypatch.setattr(pipeline, "load_extractor", refuse)
    assert list(extract_each([])) == []


def test_annotation_isolates_a_failing_article(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = load_annotator()
    real = annotate.annotate_article

    def failing(parsed, annotator):  # type: ignore[no-untyped-def]
        if parsed.article.id == "b":
            raise IndexError("tuple index out of range")
        return real(parsed, annotator)

    monkeypatch.setattr(annotate, "annotate_article", failing)
    out = list(annotate.annotate_each([GOOD[0], BAD, GOOD[1]], tools))
    assert [type(o).__name__ for o in out] == ["Annotated", "Failure", "Annotated"]
    assert isinstance(out[0], Annotated) and out[0].mentions
    assert out[1] == Failure(
        record_id="news.jsonl:2",
        stage="annotate",
        reason="annotate failed (IndexError: tuple index out of range)",
    )


@pytest.mark.parametrize(
    ("value", "limit"), [("", 60.0), ("2.5", 2.5), ("off", None), ("0", None), (" OFF ", None)]
)
def test_the_time_limit_is_configured_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, limit: float | None
) -> None:
    monkeypatch.setenv("TIDINGS_TIME_LIMIT", value)
    assert configured_time_limit() == limit


@pytest.mark.parametrize("value", ["soon", "-3", "nan", "inf"])
def test_a_bad_time_limit_is_a_user_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TIDINGS_TIME_LIMIT", value)
    with pytest.raises(TidingsError, match="TIDINGS_TIME_LIMIT"):
        configured_time_limit()


@pytest.mark.parametrize(
    ("chars", "limit"), [(0, 60.0), (200_000, 60.0), (400_000, 120.0), (5_000_000, 1500.0)]
)
def test_a_long_article_gets_more_time(chars: int, limit: float) -> None:
    assert article_time_limit(chars) == limit
