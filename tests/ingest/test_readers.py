"""Reading paths and standard input: every input gives Articles or Failures naming it, never a traceback."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from tidings.ingest import read_inputs
from tidings.ingest.articles import content_id
from tidings.records import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures"
FOREIGN = json.loads((FIXTURES / "foreign.json").read_text(encoding="utf-8"))
TEXT = (FIXTURES / "belarus-pardon.txt").read_text(encoding="utf-8")
SENTENCE = "Rebels shelled the capital overnight, killing four civilians and wounding a dozen."


def read(*paths: str | Path, **options: object) -> list[Article | Failure]:
    return list(read_inputs([str(path) for path in paths], **options))  # type: ignore[arg-type]


def only(records: list[Article | Failure]) -> Article | Failure:
    assert len(records) == 1, records
    return records[0]


def jsonl(*lines: object) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


# --- text files ---------------------------------------------------------------------------------


def test_txt_file_is_one_article_named_by_its_stem() -> None:
    article = only(read(FIXTURES / "belarus-pardon.txt"))
    assert isinstance(article, Article)
    assert article.id == "belarus-pardon"
    assert article.text == TEXT
    assert article.origin == str(FIXTURES / "belarus-pardon.txt")
    assert article.published is None and article.title is None


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [
        ("belarus-pardon.txt", "belarus-pardon"),
        ("2024_03_05.report.txt", "2024_03_05.report"),
        ("belarus-pardon.txt.gz", "belarus-pardon"),
        ("notes", "notes"),
        ("report of the day.txt", None),  # spaces: not a sane id, so the content id
        ("новости.txt", None),
        ("-dash-first.txt", None),
    ],
)
def test_file_article_ids(tmp_path: Path, name: str, expected_id: str | None) -> None:
    path = tmp_path / name
    data = TEXT.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.id == (expected_id or content_id(TEXT))


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.story"
    path.write_text(SENTENCE, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article) and article.text == SENTENCE


def test_published_option_applies_to_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    article = only(read(path, published=date(2024, 3, 5)))
    assert isinstance(article, Article) and article.published == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty text"),
        ("blank.txt", b"  \n\n\t", "empty text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary data"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary data"),
        ("cyrillic.txt", FOREIGN["russian"].encode("cp1251"), "not valid UTF-8 text"),
        ("french.txt", FOREIGN["french"].encode(), "not English text"),
        ("chinese.txt", FOREIGN["chinese"].encode(), "cjk script"),
        ("arabic.txt", FOREIGN["arabic"].encode(), "arabic script"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00 not really gzip", "not a valid gzip file"),
        ("plain.txt.gz", SENTENCE.encode(), "not a valid gzip file"),
        ("cut.txt.gz", gzip.compress(SENTENCE.encode(), mtime=0)[:-12], "not a valid gzip file"),
    ],
)
def test_bad_files_give_a_failure_naming_the_file(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.record_id == str(path)
    assert failure.stage == "ingest"
    assert reason in failure.reason


def test_missing_file_and_directory_give_failures_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    records = read(tmp_path / "missing.txt", tmp_path, good, tmp_path / "missing.jsonl.gz")
    assert [type(record) for record in records] == [Failure, Failure, Article, Failure]
    assert isinstance(records[0], Failure) and records[0].reason == "no such file"
    assert isinstance(records[1], Failure) and records[1].reason == "is a directory, not a file"
    assert isinstance(records[3], Failure) and records[3].record_id == str(tmp_path / "missing.jsonl.gz")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_gives_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    failure = only(read(path))
    assert isinstance(failure, Failure) and failure.reason == "permission denied"


def test_large_file_is_refused_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tidings.ingest.readers.MAX_TEXT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 1000, encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure) and failure.reason == "file too large (over 100 bytes)"


def test_gzipped_bomb_is_refused_after_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tidings.ingest.readers.MAX_TEXT_BYTES", 1000)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a " * 5_000_000))
    failure = only(read(path))
    assert isinstance(failure, Failure) and "file too large" in failure.reason


# --- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True])
def test_html_page_gives_main_text_title_and_date(tmp_path: Path, compress: bool) -> None:
    data = (FIXTURES / "ministry-statement.html").read_bytes()
    path = tmp_path / ("ministry-statement.html.gz" if compress else "ministry-statement.html")
    path.write_bytes(gzip.compress(data) if compress else data)
    article = only(read(path, published=date(2000, 1, 1)))
    assert isinstance(article, Article)
    assert article.id == "ministry-statement"
    assert article.title == "Ministry suspends talks with neighbour"
    assert article.published == date(2024, 3, 5)  # the page's own date wins over the option
    assert "suspended border talks" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_html_without_a_date_takes_the_published_option(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    body = "".join(
        f"<p>{SENTENCE} The talks in the capital went on late into the night.</p>" for _ in range(3)
    )
    path.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    article = only(read(path, published=date(2024, 3, 5)))
    assert isinstance(article, Article) and article.published == date(2024, 3, 5)


def test_page_sniffed_as_html_despite_its_name(tmp_path: Path) -> None:
    path = tmp_path / "index.php"
    path.write_bytes((FIXTURES / "ministry-statement.html").read_bytes())
    article = only(read(path))
    assert isinstance(article, Article) and "<p>" not in article.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "malformed HTML"),
        (
            b"<html><head><title>Home</title></head><body><script>var a;</script></body></html>",
            "no main text",
        ),
        (b"<html>\x00\x01\x02</html>", "binary data"),
        (b"<<<<>>>>", "HTML"),
    ],
    ids=["empty", "no-text", "binary", "garbage"],
)
def test_bad_html_gives_a_failure(tmp_path: Path, html: bytes, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(html)
    failure = only(read(path))
    assert isinstance(failure, Failure) and reason in failure.reason, failure


# --- JSONL --------------------------------------------------------------------------------------


def test_jsonl_fields_and_id_policy(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        jsonl(
            {
                "id": "a1",
                "text": SENTENCE,
                "title": "Shelling",
                "published": "2024-03-05",
                "url": "https://x.test/a1",
            },
            {"text": SENTENCE, "pub_date": "2016-03-10T08:00:00Z", "source": "Wire"},
            {"id": 17, "text": SENTENCE, "date": "2015-06-09", "extra": {"ignored": True}},
            {"id": None, "text": SENTENCE},
        ),
        encoding="utf-8",
    )
    records = read(path, published=date(2000, 1, 1))
    assert all(isinstance(record, Article) for record in records)
    first, second, third, fourth = records
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(third, Article) and isinstance(fourth, Article)
    assert (first.id, first.title, first.published, first.url) == (
        "a1",
        "Shelling",
        date(2024, 3, 5),
        "https://x.test/a1",
    )
    assert first.origin == f"{path}:1"
    assert (second.id, second.published, second.source) == (content_id(SENTENCE), date(2016, 3, 10), "Wire")
    assert (third.id, third.published) == ("17", date(2015, 6, 9))
    assert (fourth.id, fourth.published) == (content_id(SENTENCE), date(2000, 1, 1))


def test_jsonl_bad_line_in_the_middle_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        jsonl({"text": SENTENCE}, {"text": SENTENCE}, '{"text": "unterminated', "", {"text": SENTENCE})
    )
    records = read(path)
    assert [type(record) for record in records] == [Article, Article, Failure, Article]
    failure = records[2]
    assert isinstance(failure, Failure)
    assert failure.record_id == f"{path}:3"
    assert failure.reason.startswith("not valid JSON")
    last = records[3]
    assert isinstance(last, Article) and last.origin == f"{path}:5"  # the blank line 4 still counts


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "not a JSON object but list"),
        ('"just a string"', "not a JSON object but str"),
        ("{}", "no 'text' string"),
        ('{"text": 42}', "'text' is not a string"),
        ('{"text": ""}', "empty text"),
        ('{"text": "   "}', "empty text"),
        ('{"text": "Troops\\u0000withdrew"}', "binary data"),
        (json.dumps({"text": FOREIGN["german"]}), "not English text"),
        (json.dumps({"text": SENTENCE, "id": ["a"]}), "'id' is not a string"),
        (json.dumps({"text": SENTENCE, "title": 3}), "'title' is not a string"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ('{"text": 1' + "0" * 5000 + "}", "not valid JSON"),
    ],
)
def test_jsonl_bad_records(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(line, {"text": SENTENCE}), encoding="utf-8")
    failure, article = read(path)
    assert isinstance(failure, Failure) and failure.record_id == f"{path}:1"
    assert reason in failure.reason, failure.reason
    assert isinstance(article, Article)


def test_jsonl_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 talks"}\n' + jsonl({"text": SENTENCE}).encode())
    failure, article = read(path)
    assert isinstance(failure, Failure) and failure.reason == "not valid UTF-8 text"
    assert isinstance(article, Article)


def test_jsonl_over_long_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tidings.ingest.jsonl.MAX_LINE_BYTES", 200)
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl({"text": SENTENCE * 10}, {"text": SENTENCE}), encoding="utf-8")
    failure, article = read(path)
    assert isinstance(failure, Failure) and "line longer than" in failure.reason
    assert isinstance(article, Article) and article.origin == f"{path}:2"


def test_jsonl_gz_and_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    data = (
        b"\xef\xbb\xbf"
        + jsonl({"id": "x", "text": SENTENCE}, {"text": SENTENCE}).replace("\n", "\r\n").encode()
    )
    path.write_bytes(gzip.compress(data))
    records = read(path)
    assert [record.id for record in records if isinstance(record, Article)] == ["x", content_id(SENTENCE)]


def test_jsonl_gz_truncated_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = jsonl(*({"text": f"{SENTENCE} Report {i}."} for i in range(2000)))
    path.write_bytes(gzip.compress(lines.encode())[:-200])
    records = read(path)
    assert all(isinstance(record, Article) for record in records[:-1])
    last = records[-1]
    assert isinstance(last, Failure) and last.record_id == str(path) and "gzip" in last.reason


# --- standard input -----------------------------------------------------------------------------


def test_stdin_text_is_one_article_named_by_content() -> None:
    article = only(read("-", stdin=io.BytesIO(TEXT.encode()), published=date(2024, 3, 5)))
    assert isinstance(article, Article)
    assert (article.id, article.origin, article.published) == (content_id(TEXT), "<stdin>", date(2024, 3, 5))


def test_stdin_jsonl_is_read_line_by_line() -> None:
    data = jsonl({"id": "a", "text": SENTENCE}, "not json", {"id": "b", "text": SENTENCE}).encode()
    records = read("-", stdin=io.BytesIO(data))
    assert [type(record) for record in records] == [Article, Failure, Article]
    assert records[1].record_id == "<stdin>:2"  # type: ignore[union-attr]


def test_stdin_starting_with_a_brace_but_not_jsonl_is_text() -> None:
    text = "{Editor's note} " + SENTENCE
    article = only(read("-", stdin=io.BytesIO(text.encode())))
    assert isinstance(article, Article) and article.text == text


def test_stdin_html_page() -> None:
    data = (FIXTURES / "ministry-statement.html").read_bytes()
    article = only(read("-", stdin=io.BytesIO(data)))
    assert isinstance(article, Article) and article.title == "Ministry suspends talks with neighbour"


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty text"), (b"\x00\x01", "binary data")])
def test_stdin_failures_name_stdin(data: bytes, reason: str) -> None:
    failure = only(read("-", stdin=io.BytesIO(data)))
    assert isinstance(failure, Failure) and failure.record_id == "<stdin>" and reason in failure.reason


def test_inputs_are_read_in_order(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "belarus-pardon.txt", tmp_path / "one.txt")
    (tmp_path / "two.jsonl").write_text(jsonl({"id": "j", "text": SENTENCE}), encoding="utf-8")
    records = read(tmp_path / "one.txt", "-", tmp_path / "two.jsonl", stdin=io.BytesIO(SENTENCE.encode()))
    assert [record.id for record in records if isinstance(record, Article)] == [
        "one",
        content_id(SENTENCE),
        "j",
    ]


def test_permission_error_gives_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: str, mode: str) -> io.BytesIO:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr("tidings.ingest.readers.open", refuse, raising=False)
    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure) and failure.reason == "permission denied"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf\n"])
def test_empty_jsonl_gives_a_failure(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    failure = only(read(path))
    assert (
        isinstance(failure, Failure)
        and failure.record_id == str(path)
        and "no JSONL records" in failure.reason
    )
