"""Scoring extracted events against human-annotated gold data (`tidings eval`).

Two gold formats, told apart by their items: annotated sentences (`sentences.py`, the definitions of the
shared `score.py`) and whole articles labelled sentence by sentence (`documents.py`, the definitions of
the shared `score_documents.py`).
"""

from .documents import SentenceOutcome, compare_documents, score_documents
from .gold import GoldFile, GoldFormat, load_gold
from .sentences import Tally, format_table, score, score_by_dataset

__all__ = [
    "GoldFile",
    "GoldFormat",
    "SentenceOutcome",
    "Tally",
    "compare_documents",
    "format_table",
    "load_gold",
    "score",
    "score_by_dataset",
    "score_documents",
]
