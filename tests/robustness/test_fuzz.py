"""The long fuzz run (`make fuzz`, marker `slow`): the property checks of test_properties.py on newly
generated input for TIDINGS_FUZZ_SECONDS (default 600), in rounds of fresh random examples. Failures are
counted by kind (exception, span mismatch, schema violation) rather than stopping at the first, printed
with examples, and the test fails unless each count is zero."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import traceback
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tidings.annotate import Annotator, annotate_each, load_annotator
from tidings.engines.batch import batches, code_batch
from tidings.errors import InputError
from tidings.ingest import read_inputs, read_text_input
from tidings.pipeline import Extractor, extract_each
from tidings.records import Failure
from tidings.store.schema import DDL
from tidings.store.write import write_shard

from .invariants import check_annotated, check_result, check_stored
from .strategies import TEXTS

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]

ROUND = settings(
    max_examples=40,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
DATES = st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))


class Tally:
    """What the run checked, and what went wrong, by kind, with the first examples of each."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def problem(self, kind: str, text: str, detail: str) -> None:
        self.problems[kind] += 1
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 5:
            self.examples[kind].append(f"{text[:200]!r}: {detail[-600:]}")

    def check(self, text: str, check: object, value: object) -> None:
        try:
            check(value)  # type: ignore[operator]
        except AssertionError as error:
            self.problem("span mismatch" if "span" in str(error) else "schema violation", text, str(error))


def _fuzz_round(extractor: Extractor, annotator: Annotator, folder: Path, tally: Tally) -> None:
    @ROUND
    @given(texts=st.lists(TEXTS, min_size=1, max_size=4), published=DATES)
    def one(texts: list[str], published: dt.date | None) -> None:
        tally.counts["examples"] += 1
        articles = []
        for text in texts:
            try:
                articles.append(read_text_input(text, origin="fuzz", published=published))
            except InputError:
                tally.counts["refused"] += 1
        stage = "extract"
        try:
            for item in extract_each(articles, extractor):
                if isinstance(item, Failure):
                    tally.problem("exception", item.record_id, item.reason)
                    continue
                tally.counts["articles"] += 1
                tally.counts["events"] += len(item.events)
                tally.check(item.article.text, check_result, item)
            stage = "annotate"
            for annotated in annotate_each(articles, annotator):
                if isinstance(annotated, Failure):
                    tally.problem("exception", annotated.record_id, annotated.reason)
                    continue
                tally.counts["mentions"] += len(annotated.mentions)
                tally.check(annotated.article.text, check_annotated, annotated)
            stage = "ingest"
            feed = folder / "feed.jsonl"
            feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
            with duckdb.connect(":memory:") as con:
                con.execute(DDL)
                for batch in batches(read_inputs([str(feed)], published=published), 3):
                    shard = code_batch(batch, extractor)
                    for failure in shard.tables["failures"].to_pylist():
                        if failure["stage"] != "ingest":
                            tally.problem("exception", failure["record_id"], failure["reason"])
                    write_shard(con, shard)
                tally.check(" | ".join(texts), check_stored, con)
        except Exception:
            tally.problem("exception", " | ".join(texts), f"{stage}: {traceback.format_exc()}")

    one()


def test_fuzz_for_the_time_budget(extractor: Extractor, tmp_path: Path) -> None:
    budget = float(os.environ.get("TIDINGS_FUZZ_SECONDS", "600"))
    annotator = load_annotator()
    tally = Tally()
    started = time.monotonic()
    while time.monotonic() - started < budget:
        _fuzz_round(extractor, annotator, tmp_path, tally)
        tally.counts["rounds"] += 1
    seconds = time.monotonic() - started
    kinds = {
        "exception": "exceptions",
        "schema violation": "schema violations",
        "span mismatch": "span mismatches",
    }
    print(f"\nfuzzed for {seconds:.0f} s: " + ", ".join(f"{n} {k}" for k, n in tally.counts.items()))
    print("found: " + ", ".join(f"{tally.problems[k]} {plural}" for k, plural in kinds.items()))
    for kind, examples in tally.examples.items():
        print(f"{kind}:\n  " + "\n  ".join(examples))
    assert not tally.problems, dict(tally.problems)
