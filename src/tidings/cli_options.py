"""Click option pieces shared by the commands of every stage."""

from __future__ import annotations

from datetime import date

import click

__all__ = ["parse_date_option"]


def parse_date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option value as a date; a usage error naming the value otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None
