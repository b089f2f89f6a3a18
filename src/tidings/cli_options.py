"""Click option pieces shared by the commands of every stage."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TypeVar

import click

from .records import Article, Failure

__all__ = ["FailureCounter", "parse_date_option"]

T = TypeVar("T")


def parse_date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option value as a date; a usage error naming the value otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


class FailureCounter:
    """The failures of a command over articles: each on one line of stderr as it comes, counted at the end."""

    def __init__(self) -> None:
        self.articles = 0  # articles read
        self.failures: list[Failure] = []

    def fail(self, failure: Failure) -> None:
        self.failures.append(failure)
        click.echo(f"tidings: error: {failure.record_id}: {failure.reason}", err=True)

    def articles_of(self, items: Iterable[Article | Failure]) -> Iterator[Article]:
        """The articles of `items`; each input that is none is reported."""
        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
            else:
                self.articles += 1
                yield item

    def results_of(self, items: Iterable[T | Failure]) -> Iterator[T]:
        """The results of `items`; each article that failed is reported."""
        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
            else:
                yield item

    def finish(self) -> None:
        """Count the failures on stderr; exit 1 when no article got through (as for one bad input)."""
        if not self.failures:
            return
        unread = sum(f.stage == "ingest" for f in self.failures)
        done = self.articles - (len(self.failures) - unread)
        if self.articles + unread > 1:  # one input alone: its one line says it all
            click.echo(f"tidings: {self.articles} articles processed, {len(self.failures)} failed", err=True)
        if done <= 0:
            sys.exit(1)
