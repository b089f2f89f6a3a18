"""`tidings eval`: extract events from a gold file's texts, as `tidings extract` does, and score them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from ..records import Article, Failure
from .gold import GoldFile, load_gold

if TYPE_CHECKING:
    from ..pipeline import Extractor

__all__ = ["eval_command", "extract_gold"]


def _articles(items: Iterator[Article | Failure]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Failure):
            click.echo(f"tidings: skipped {item.record_id}: {item.reason}", err=True)
        else:
            yield item


def extract_gold(gold: GoldFile, extractor: Extractor | None = None) -> dict[str, list[dict[str, object]]]:
    """The events `tidings extract --format jsonl` writes for the gold file's items, by article id: the
    file is read by the same reader (`id`, `text`, `title`, `published` of each line); items that cannot
    be read are named on stderr and predict nothing."""
    from ..ingest import read_inputs
    from ..output import result_dict
    from ..pipeline import extract_articles

    predictions: dict[str, list[dict[str, object]]] = {}
    for result in extract_articles(_articles(read_inputs([gold.path])), extractor):
        events = result_dict(result)["events"]
        assert isinstance(events, list)
        predictions[result.article.id] = events
    return predictions


def _echo_lines(lines: Iterator[str]) -> None:
    for line in lines:
        click.echo(line)


def _score_sentences(
    gold: GoldFile,
    predictions: dict[str, list[dict[str, object]]],
    by_dataset: bool,
    n_errors: int,
    as_json: bool,
) -> None:
    from .report import sentence_errors
    from .sentences import format_table, score_by_dataset

    results = score_by_dataset(gold.items, predictions, by_dataset)
    if as_json:
        click.echo(json.dumps(results, indent=1))
    else:
        click.echo(format_table(results))
        per_type = results["all"]["per_type_f1"]
        if per_type:
            click.echo("\nPLOVER F1 by type: " + ", ".join(f"{t} {v}" for t, v in per_type.items()))
    _echo_lines(sentence_errors(gold.items, predictions, n_errors))


def _score_documents(
    gold: GoldFile,
    predictions: dict[str, list[dict[str, object]]],
    by_dataset: bool,
    n_errors: int,
    as_json: bool,
) -> None:
    from .documents import compare_documents, score_documents
    from .report import document_errors, document_table, type_table

    outcomes = compare_documents(gold.items, predictions)
    results = score_documents(outcomes, by_dataset)
    if as_json:
        click.echo(json.dumps(results, indent=1))
        for outcome in [o for o in outcomes if o.differs][:n_errors]:
            click.echo(json.dumps(outcome.error_dict(), ensure_ascii=False))
        return
    click.echo(f"{len(gold.items)} articles, {len(outcomes)} sentences\n")
    click.echo(document_table(results))
    if "all" in results and results["all"]["per_type"]:
        click.echo("\n" + type_table(results["all"]))
    _echo_lines(document_errors(outcomes, n_errors))


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--by-dataset", is_flag=True, help="Also score each dataset of the gold file apart.")
@click.option(
    "--errors",
    "n_errors",
    type=click.IntRange(min=0),
    default=0,
    help="Print N items (sentences of articles) where gold and prediction differ.",
)
def eval_command(gold: str, as_json: bool, by_dataset: bool, n_errors: int) -> None:
    """Score extraction on a gold file of annotated sentences or of whole articles (format told from
    the file).

    Example: tidings eval --by-dataset ../shared/eval/events-documents-dev.jsonl
    """
    gold_file = load_gold(gold)
    predictions = extract_gold(gold_file)
    score = _score_documents if gold_file.format == "documents" else _score_sentences
    score(gold_file, predictions, by_dataset, n_errors, as_json)
