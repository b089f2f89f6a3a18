"""Input files of every kind Tidings reads, their bytes changed, cut, or added to at random: each gives
articles and failures only (no exception), prints nothing of its own on stderr, and is read to its end.

Each kind starts from a well-formed file (an RSS and an Atom feed, an HTML page, JSON lines, CSV, gzipped
JSON lines, and a web archive plain and gzipped whose pages are large enough to span several reads).
Mutating real formats found what random text did not: a gzipped archive read for ever, a feed whose
encoding could not be decoded and an entry with a control character, each of which ended a run."""

from __future__ import annotations

import gzip
import io
import os
import random
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.ingest import read_inputs
from tidings.records import Article, Failure

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Parliament stormed</title><link>https://wire.example.org/1</link><guid>w-1</guid>
<pubDate>Tue, 25 Jun 2024 14:00:00 GMT</pubDate>
<description>&lt;p&gt;Protesters stormed the parliament in Nairobi on Tuesday.&lt;/p&gt;</description></item>
<item><title>Talks</title><link>https://wire.example.org/2</link>
<description>The two ministers met in Geneva on Monday.</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id>
<updated>2023-08-10T09:00:00Z</updated>
<entry><title>Exchange</title><id>urn:desk:1</id><link href="https://desk.example.org/swap"/>
<updated>2023-08-10T09:00:00Z</updated>
<content type="html">&lt;p&gt;Iran released five prisoners in exchange for five Iranians.&lt;/p&gt;</content>
</entry></feed>"""
SENTENCE = "The army said on Monday that it had withdrawn its troops from the border town."
PAGE = f"<html><head><title>Withdrawal</title></head><body><article><p>{SENTENCE}</p></article></body></html>"
JSONL = b"".join(
    b'{"id": "a%d", "title": "T", "text": "%s", "published": "2024-05-06"}\n' % (n, SENTENCE.encode())
    for n in range(3)
)
CSV = f'id,title,text,published\na1,T,"{SENTENCE}",2024-05-06\n'.encode()


def _archive(gzipped: bool) -> bytes:
    draw = random.Random(0)  # pages of 120-350 KB: a record spans several of the readers' 64 KB reads
    words = ["police", "said", "Monday", "the", "protest", "minister", "capital", "army", "border", "town"]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n in range(3):
        text = " ".join(draw.choice(words) for _ in range(draw.randint(20000, 60000)))
        body = f"<html><body><article><p>{SENTENCE}</p><p>{text}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example.org/{n}", "response", payload=io.BytesIO(body), length=len(body),
            http_headers=headers,
        )  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


KINDS = {
    "feed.rss": RSS,
    "feed.atom": ATOM,
    "page.html": PAGE.encode() * 3,
    "items.jsonl": JSONL,
    "items.csv": CSV,
    "items.jsonl.gz": gzip.compress(JSONL * 20, mtime=0),
    "crawl.warc": _archive(gzipped=False),
    "crawl.warc.gz": _archive(gzipped=True),
}
# a change: where (a share of the file's length), what (set a byte, cut bytes, add bytes), and the bytes
CHANGES = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(["set", "cut", "add"]),
        st.binary(min_size=1, max_size=40),
    ),
    min_size=1,
    max_size=6,
)


def mutated(data: bytes, changes: list[tuple[float, str, bytes]], keep: float) -> bytes:
    out = bytearray(data)
    for where, what, value in changes:
        if not out:
            break
        at = int(where * len(out))
        if what == "set":
            out[at] = value[0]
        elif what == "cut":
            del out[at : at + len(value)]
        else:
            out[at:at] = value
    return bytes(out[: max(1, int(keep * len(out)))])


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    kind=st.sampled_from(sorted(KINDS)),
    changes=CHANGES,
    keep=st.sampled_from([1.0, 1.0, 1.0, 0.9, 0.5, 0.1]),  # most files whole, some cut short
)
def test_a_mutated_input_gives_articles_and_failures_only(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    changes: list[tuple[float, str, bytes]],
    keep: float,
) -> None:
    path: Path = tmp_path_factory.mktemp("mutated") / kind
    path.write_bytes(mutated(KINDS[kind], changes, keep))
    capsys.readouterr()
    found = _read_within(path, seconds=60)
    assert found and all(isinstance(item, Article | Failure) for item in found)
    assert all(item.record_id.startswith(str(path)) for item in found if isinstance(item, Failure))
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_read_whole_before_it_is_changed(tmp_path: Path, kind: str) -> None:
    """The starting files are well formed: each gives articles (the feeds' and archives' all of them)."""
    path = tmp_path / kind
    path.write_bytes(KINDS[kind])
    found = _read_within(path, seconds=60)
    assert found and all(isinstance(item, Article) for item in found), found


def _read_within(path: Path, seconds: float) -> list[Article | Failure]:
    """What reading `path` gives, read in a thread so that a reader that never ends fails the test."""
    found: list[Article | Failure] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            found.extend(read_inputs([str(path)]))
        except BaseException as error:  # raised again below, in the test's thread
            errors.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=seconds)
    assert not reader.is_alive(), f"{path.name} was not read to its end in {seconds:.0f} s"
    if errors:
        raise errors[0]
    return found


@pytest.mark.fuzz
@pytest.mark.slow
def test_mutated_inputs_for_a_share_of_the_fuzz_budget(tmp_path: Path) -> None:
    """`make fuzz`: the property above on fresh examples for a fifth of TIDINGS_FUZZ_SECONDS."""
    budget = float(os.environ.get("TIDINGS_FUZZ_SECONDS", "600")) / 5
    count = [0]

    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        kind=st.sampled_from(sorted(KINDS)), changes=CHANGES, keep=st.sampled_from([1.0, 1.0, 0.9, 0.5, 0.1])
    )
    def one(kind: str, changes: list[tuple[float, str, bytes]], keep: float) -> None:
        count[0] += 1
        path = tmp_path / f"{count[0]}-{kind}"
        path.write_bytes(mutated(KINDS[kind], changes, keep))
        found = _read_within(path, seconds=60)
        assert found and all(isinstance(item, Article | Failure) for item in found)
        path.unlink()

    started = time.monotonic()
    while time.monotonic() - started < budget:
        one()
    print(f"\n{count[0]} mutated inputs read in {time.monotonic() - started:.0f} s")
