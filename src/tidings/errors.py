"""One exception type per kind of user error; the CLI turns each into one line and an exit status."""

from __future__ import annotations

__all__ = ["InputError", "TidingsError"]


class TidingsError(Exception):
    """Base of the errors a user can act on (bad input, bad option); programming errors still raise."""


class InputError(TidingsError):
    """An input that cannot be read as an article: names the input and the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
