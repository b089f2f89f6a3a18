"""An article that fails at some stage becomes a `Failure` record, and the batch goes on."""

from __future__ import annotations

from .errors import TidingsError
from .records import Article, Failure

__all__ = ["failure_of"]

MAX_MESSAGE_CHARS = 300


def failure_of(article: Article, stage: str, error: BaseException) -> Failure:
    """The `Failure` of an article at `stage`: its input (or id) and the error, on one line."""
    message = " ".join(str(error).split())[:MAX_MESSAGE_CHARS]
    if isinstance(error, TidingsError):  # a message for users, such as a time limit reached
        reason = message
    else:
        reason = f"{stage} failed ({type(error).__name__}{': ' + message if message else ''})"
    record_id = article.origin if article.origin != "-" else article.id
    return Failure(record_id=record_id, stage=stage, reason=reason)
