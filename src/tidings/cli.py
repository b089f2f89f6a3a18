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
    "--published",
    callback=parse_date_option,
    help="Publication date (2016-12-01, 'December 1, 2016', RFC 2822) of inputs without one.",
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


# Commands defined beside the stage they drive are registered here, one import and one line each.
# (registry: start)
from .annotate.commands import annotate_command  # noqa: E402
from .engines.commands import ingest_command  # noqa: E402
from .evaluate.command import eval_command  # noqa: E402
from .serve.commands import serve_command  # noqa: E402
from .store.check_command import check_command  # noqa: E402
from .store.commands import events_command, export_command  # noqa: E402
from .store.guard import guard_store_commands  # noqa: E402
from .store.story_commands import stories_command  # noqa: E402

cli.add_command(annotate_command)
cli.add_command(eval_command)
cli.add_command(ingest_command)
cli.add_command(events_command)
cli.add_command(export_command)
cli.add_command(serve_command)
cli.add_command(stories_command)
cli.add_command(check_command)
# (registry: end)

# a damaged, truncated, locked or full store is one line from every command that takes --db
guard_store_commands(cli)


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
