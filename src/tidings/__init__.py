"""Tidings: news reports to a structured, sourced, deduplicated database of political events."""

__version__ = "0.1.0"
__all__ = ["__version__"]
