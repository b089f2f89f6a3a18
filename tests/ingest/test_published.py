"""Publication dates as inputs write them: ISO, RFC 2822 and written dates in JSONL, CSV, feeds and
`--published`; a date that cannot be read is a warning and an undated article, never a failure."""

from __future__ import annotations

import contextlib
import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tidings.cli import cli
from tidings.ingest import date_warning, parse_published, read_inputs
from tidings.records import Article, Failure

SENTENCE = "Rebels shelled the capital on Thursday, killing four civilians."
DEC_1 = date(2016, 12, 1)


@pytest.mark.parametrize(
    "value",
    [
        "2016-12-01",
        "2016-12-01T10:00:00Z",
        "2016-12-01T10:00:00+05:00",
        "2016-12-01 10:00",
        "20161201",  # ISO 8601 basic
        "Thu, 01 Dec 2016 10:00:00 GMT",
        "Thu, 1 Dec 2016 10:00:00 +0100",
        "01 Dec 2016 10:00:00 -0500",
        "December 1, 2016",
        "December 1 2016",
        "Dec. 1, 2016",
        "dec 1, 2016",
        "Thursday, December 1, 2016",
        "December 1, 2016 10:00 AM",
        "December 1, 2016 at 10:00 a.m. EST",
        "1 December 2016",
        "1st December 2016",
        "1st of December, 2016",
        "2016/12/01",
        "2016.12.01",
        "  December  1,\n2016 ",
    ],
)
def test_forms_of_a_date(value: str) -> None:
    assert parse_published(value) == DEC_1


@pytest.mark.parametrize(
    "value",
    [
        "",
        "yesterday",
        "December 2016",  # a month is no publication date
        "01/12/2016",  # 1 December or January 12: not guessed
        "12/01/2016",
        "Smarch 1, 2016",
        "February 30, 2016",
        "2016/13/01",
        "December 1, 2016 and more",
    ],
)
def test_what_is_no_date(value: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_published(value)


@given(st.text(max_size=60))
def test_any_text_is_a_date_or_a_value_error(value: str) -> None:
    with contextlib.suppress(ValueError):
        assert isinstance(parse_published(value), date)


def read(path: Path, **options: object) -> list[Article | Failure]:
    return list(read_inputs([str(path)], **options))  # type: ignore[arg-type]


def test_jsonl_written_and_unreadable_dates(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        {"text": SENTENCE, "published": "December 1, 2016"},
        {"text": SENTENCE, "pub_date": "Thu, 01 Dec 2016 10:00:00 GMT"},
        {"text": SENTENCE, "published": "yesterday"},
        {"text": SENTENCE, "date": 20161201},
        {"text": SENTENCE},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    first, second, third, fourth, fifth = read(path)
    assert isinstance(first, Article) and first.published == DEC_1 and date_warning(first) is None
    assert isinstance(second, Article) and second.published == DEC_1
    assert isinstance(third, Article) and third.published is None
    assert date_warning(third) == (
        "'published' is not a date: 'yesterday'; "
        'no date, so relative dates ("on Thursday") stay unresolved (give --published)'
    )
    assert isinstance(fourth, Article) and fourth.notes == ("'date' is not a date: '20161201'",)
    assert isinstance(fifth, Article) and fifth.notes == () and "no date" in (date_warning(fifth) or "")


def test_the_option_dates_what_has_none_or_none_that_reads(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": SENTENCE, "published": "soon"}) + "\n", encoding="utf-8")
    (article,) = read(path, published=DEC_1)
    assert isinstance(article, Article) and article.published == DEC_1
    assert date_warning(article) == "'published' is not a date: 'soon'"


@pytest.mark.parametrize("name", ["news.csv", "news.csv.gz"])
def test_csv_rows_are_articles(tmp_path: Path, name: str) -> None:
    rows = (
        b"id,Title,published,text,extra\r\n"
        b'a1,Shelling,"Dec. 1, 2016","Rebels shelled the capital, killing four.",x\r\n'
        b"\r\n"
        b'a2,Talks,someday,"Ministers met in Geneva.\nThey agreed to talk again.",y\r\n'
        b"a3,No text,2016-12-01,,z\r\n"
    )
    path = tmp_path / name
    path.write_bytes(gzip.compress(rows) if name.endswith(".gz") else rows)
    first, second, third = read(path)
    assert isinstance(first, Article) and (first.id, first.title, first.published) == (
        "a1",
        "Shelling",
        DEC_1,
    )
    assert first.origin == f"{path}:2"
    assert isinstance(second, Article) and second.published is None and second.origin == f"{path}:4"
    assert second.text == "Ministers met in Geneva.\nThey agreed to talk again."
    assert second.notes == ("'published' is not a date: 'someday'",)
    assert isinstance(third, Failure) and third.record_id == f"{path}:6" and "empty" in third.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "no 'text' column"),
        (b"id,body\n1,Rebels attacked.\n", "no 'text' column"),
        (b"text\n", "no CSV rows"),
        (b"text\ncaf\xe9\n", "not valid UTF-8"),
    ],
)
def test_a_csv_that_gives_no_articles(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    (failure,) = read(path)
    assert isinstance(failure, Failure) and reason in failure.reason and str(path) in failure.record_id


def _rss(date_element: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>T</title><guid>w-1</guid>{date_element}<description>{SENTENCE}</description></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("element", "published", "notes"),
    [
        ("<pubDate>Thu, 01 Dec 2016 10:00:00 GMT</pubDate>", DEC_1, ()),
        ("<pubDate>December 1, 2016</pubDate>", DEC_1, ()),
        ("<pubDate>1 December 2016</pubDate>", DEC_1, ()),
        (
            "<pubDate>the day after tomorrow</pubDate>",
            None,
            ("'published' is not a date: 'the day after tomorrow'",),
        ),
        ("", None, ()),
    ],
)
def test_feed_dates(tmp_path: Path, element: str, published: date | None, notes: tuple[str, ...]) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(_rss(element))
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.published, article.notes) == (published, notes)


def test_extract_warns_once_per_article_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "dated", "text": SENTENCE, "published": "Dec. 1, 2016"},
        {"id": "odd", "text": SENTENCE, "published": "yesterday"},
        {"id": "undated", "text": SENTENCE},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["article"]["id"] for line in out] == ["dated", "odd", "undated"]
    assert out[0]["events"][0]["date"] == "2016-12-01"  # "on Thursday" of that week
    warnings = result.stderr.splitlines()
    assert warnings == [
        f"tidings: warning: {path}:2: 'published' is not a date: 'yesterday'; "
        'no date, so relative dates ("on Thursday") stay unresolved (give --published)',
        f'tidings: warning: {path}:3: no date, so relative dates ("on Thursday") stay unresolved '
        "(give --published)",
    ]


def test_the_published_option_takes_written_dates(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", "--published", "December 1, 2016", "--format", "jsonl", str(path)]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["published"] == "2016-12-01"
    assert result.stderr == ""
    result = CliRunner().invoke(cli, ["extract", "--published", "01/12/2016", str(path)])
    assert result.exit_code == 2 and "'01/12/2016' is not a date" in result.stderr


def test_ingest_counts_the_articles_without_a_date(tmp_path: Path, extractor: object) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "dated", "text": SENTENCE, "published": "1 December 2016"},
        {"id": "odd", "text": "Police arrested twelve protesters in the capital.", "published": "soon"},
        {"id": "undated", "text": "Troops shelled the village on Friday."},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", str(db), str(path)])
    assert result.exit_code == 0, result.stderr
    unread = f"tidings:   1 dates not read (first: {path}:2: 'published' is not a date: 'soon')"
    assert unread in result.stderr
    assert (
        'tidings:   2 articles without a date: their relative dates ("on Thursday") stay unresolved; give '
        f"--published (first: {path}:2)" in result.stderr
    )
