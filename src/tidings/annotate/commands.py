"""`tidings annotate`: every mention Tidings sees in an article, as a table or one JSON line per article."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import IO

import click

from ..cli_options import FailureCounter, parse_date_option
from ..output import article_dict
from . import Annotated, Mention

__all__ = ["annotate_command", "annotated_dict", "write_annotation_table"]


def annotated_dict(result: Annotated) -> dict[str, object]:
    """`{"article": {...}, "mentions": [...], "flags": [...]}`: the JSON line of one article."""
    return {
        "article": article_dict(result.article),
        "mentions": [m.to_dict() for m in result.mentions],
        "flags": [f.to_dict() for f in result.flags],
    }


def _resolved(mention: Mention) -> str:
    d = dict(mention.details)
    if mention.kind == "actor":
        code = "/".join(str(x) for x in (d["country"], d["sector"]) if x)
        who = f"{d['name']} " if d["name"] else ""
        return f"{who}{code or '-'} {d['entity_id'] or ''} [{d['resolved_by']}]".strip()
    if mention.kind == "time":
        return f"{d['type']} {d['value']}"
    if mention.kind == "place":
        return f"{d['name']} {d['country'] or ''} ({d['lat']}, {d['lon']}) {d['gazetteer_id']}"
    if mention.kind == "quantity":
        return f"{d['count']} {d['unit']}"
    if mention.kind == "attribution":
        source, cue, content = d["source"], d["cue"], d["content"]
        assert isinstance(cue, dict)
        said = f" -> {content['text'][:60]!r}" if isinstance(content, dict) else ""
        who = f"{source['text']} [{d['source_kind']}]" if isinstance(source, dict) else "(no source named)"
        return f"{who} {cue['text']!r}{said}"
    return str(d.get("message", ""))


def write_annotation_table(results: Iterable[Annotated], out: IO[str]) -> None:
    for result in results:
        published = result.article.published.isoformat() if result.article.published else "no date"
        out.write(f"# {result.article.id} ({published})\n")
        for m in (*result.mentions, *result.flags):
            text = m.text if len(m.text) <= 48 else m.text[:45] + "..."
            out.write(f"{m.kind:<11} {m.span[0]:>6}-{m.span[1]:<6} {text:<48}  {_resolved(m)}\n")
        out.flush()


@click.command(name="annotate")
@click.option(
    "--published", callback=parse_date_option, help="Publication date (YYYY-MM-DD) for inputs without one."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people, or one JSON line per article.",
)
@click.argument("inputs", nargs=-1, required=True)
def annotate_command(published: date | None, fmt: str, inputs: tuple[str, ...]) -> None:
    """Show every actor, time, place, quantity and attribution Tidings finds, and how it resolved them.

    Example: tidings annotate --published 2025-12-13 examples/belarus-pardon.txt
    """
    from ..ingest import read_inputs
    from . import annotate_each

    counter = FailureCounter()
    stdin = sys.stdin.buffer if "-" in inputs else None
    articles = counter.articles_of(read_inputs(list(inputs), published=published, stdin=stdin))
    results = counter.results_of(annotate_each(articles))
    if fmt == "json":
        for result in results:
            sys.stdout.write(json.dumps(annotated_dict(result), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    else:
        write_annotation_table(results, sys.stdout)
    counter.finish()
