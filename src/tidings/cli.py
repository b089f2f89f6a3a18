"""The `tidings` command: a thin shell over the library. Parses arguments, calls, prints."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from . import __version__
from .cli_options import FailureCounter, parse_date_option
from .errors import TidingsError

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def cli() -> None:
    """Tidings: news reports to sourced, structured political events (PLOVER, CAMEO)."""


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as a JSON object.")
def info(as_json: bool) -> None:
    """Show the versions and the spaCy model in use.

    Example: tidings info --json
    """
    import spacy

    from .nlp import model_name

    facts = {"version": __version__, "spacy": spacy.__version__, "spacy_model": model_name()}
    if as_json:
        click.echo(json.dumps(facts))
    else:
        for key, value in facts.items():
            click.echo(f"{key}: {value}")


@cli.command()
@click.option(
    "--published", callback=parse_date_option, help="Publication date (YYYY-MM-DD) for inputs without one."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.argument("inputs", nargs=-1, required=True)
def extract(published: date | None, fmt: str, inputs: tuple[str, ...]) -> None:
    """Extract events from articles: .txt, .html, .jsonl files or - for standard input.

    Example: tidings extract --published 2025-12-13 examples/belarus-pardon.txt
    """
    from .ingest import read_inputs
    from .output import write_json, write_jsonl, write_table
    from .pipeline import extract_each

    counter = FailureCounter()
    stdin = sys.stdin.buffer if "-" in inputs else None
    articles = counter.articles_of(read_inputs(list(inputs), published=published, stdin=stdin))
    results = counter.results_of(extract_each(articles))
    out = sys.stdout
    if fmt == "jsonl":
        write_jsonl(results, out)
    elif fmt == "json":
        write_json(results, out)
    else:
        write_table(results, out)
    counter.finish()


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--by-dataset", is_flag=True, help="Also score each dataset of the gold file apart.")
@click.option("--errors", "n_errors", type=int, default=0, help="Print N items where types differ.")
def evaluate(gold: str, as_json: bool, by_dataset: bool, n_errors: int) -> None:
    """Score extraction on a gold file of annotated sentences or articles.

    Example: tidings eval --by-dataset ../shared/eval/events-dev.jsonl
    """
    from .evaluate import format_table, load_gold, score_by_dataset
    from .ingest import read_text_input
    from .output import result_dict
    from .pipeline import extract_articles

    items = load_gold(gold)
    articles = []
    for item in items:
        published = date.fromisoformat(item["published"][:10]) if item.get("published") else None
        try:
            articles.append(
                read_text_input(
                    item.get("text") or "",
                    origin=f"{gold}:{item['id']}",
                    article_id=str(item["id"]),
                    published=published,
                )
            )
        except TidingsError as exc:
            click.echo(f"tidings: skipped {exc}", err=True)
    predictions: dict[str, list[dict[str, object]]] = {}
    for result in extract_articles(articles):
        events = result_dict(result)["events"]
        assert isinstance(events, list)
        predictions[result.article.id] = events
    results = score_by_dataset(items, predictions, by_dataset)
    if as_json:
        click.echo(json.dumps(results, indent=1))
    else:
        click.echo(format_table(results))
        per_type = results["all"]["per_type_f1"]
        if per_type:
            click.echo("\nPLOVER F1 by type: " + ", ".join(f"{t} {v}" for t, v in per_type.items()))
    shown = 0
    for item in items:
        if shown >= n_errors:
            break
        gold_types = sorted(
            {t for g in item["gold"].get("events") or [] for t in (g.get("plover_any") or [])[:1]}
        )
        gold_cameo = sorted({str(g.get("cameo") or g.get("penta")) for g in item["gold"].get("events") or []})
        got = predictions.get(str(item["id"]), [])
        got_types = sorted({str(e["event_type"]) for e in got})
        if (gold_types and set(gold_types) != set(got_types)) or (not gold_types and not got and gold_cameo):
            shown += 1
            click.echo(f"\n[{item['id']}] {item.get('text')}")
            click.echo(f"  gold: {gold_types or gold_cameo}  {_gold_actors(item)}")
            for e in got:
                click.echo(
                    f"  got:  {e['event_type']} {e['cameo']} {e.get('rule')} "
                    f"{_names(e['actors'])} -> {_names(e['recipients'])}"
                )
            if not got:
                click.echo("  got:  nothing")


def _names(refs: object) -> str:
    assert isinstance(refs, list)
    return "[" + ", ".join(f"{r['text']}/{r['country']}" for r in refs) + "]"


def _gold_actors(item: dict[str, object]) -> str:
    gold = item["gold"]
    assert isinstance(gold, dict)
    parts = []
    for g in gold.get("events") or []:
        parts.append(_names(g.get("sources") or []) + " -> " + _names(g.get("targets") or []))
    return "; ".join(parts)


# Commands defined beside the stage they drive are registered here, one import and one line each.
# (registry: start)
from .annotate.commands import annotate_command  # noqa: E402
from .engines.commands import ingest_command  # noqa: E402
from .serve.commands import serve_command  # noqa: E402
from .store.commands import events_command, export_command  # noqa: E402

cli.add_command(annotate_command)
cli.add_command(ingest_command)
cli.add_command(events_command)
cli.add_command(export_command)
cli.add_command(serve_command)
# (registry: end)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("tidings: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TidingsError as exc:
        click.echo(f"tidings: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    except SystemExit:
        raise


if __name__ == "__main__":
    main()
