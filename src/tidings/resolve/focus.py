"""The country an article is about: what an actor the text names without a country belongs to.

Human coders read "the army killed three gang members" in a story from Mexico as Mexico's army, and
"Sen. Reid blasted Rubio" in a story of US politics as American. The focus is the country the article's
named entities point to most often (countries, demonyms, capitals, national institutions, groups and
office holders of the knowledge base; regions and towns of the gazetteer that lie in one country),
when it holds at least a third of those mentions and is named at least twice.
"""

from __future__ import annotations

from collections import Counter

from ..codes import NAME_LABELS, NON_STATE_CODES
from ..knowledge.base import KnowledgeBase
from ..records import ParsedArticle
from .places import Gazetteer

__all__ = ["focus_country"]

COUNTRY_OF_KINDS = frozenset(
    {"country", "territory", "capital", "demonym", "institution", "group", "person", "people"}
)
MIN_MENTIONS = 2
MIN_SHARE = 1 / 3


def _country(text: str, label: str, kb: KnowledgeBase, gazetteer: Gazetteer | None) -> str | None:
    entries = kb.lookup(text)
    if entries:
        entry = entries[0]
        code = entry.code or entry.country
        return code if entry.kind in COUNTRY_OF_KINDS and code and code not in NON_STATE_CODES else None
    if gazetteer is None or label not in ("GPE", "LOC"):
        return None
    lands = {
        p.country for p, main in gazetteer.named(text) if main and p.kind in ("region", "city") and p.country
    }
    return lands.pop() if len(lands) == 1 else None  # "Iowa", "Tamaulipas": one country


def focus_country(parsed: ParsedArticle, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> str | None:
    """ISO alpha-3 of the country the article is about, or None when no country stands out."""
    counts: Counter[str] = Counter()
    for sentence in parsed.sentences:
        for ent in sentence.entities:
            if ent.label in NAME_LABELS:
                code = _country(ent.text, ent.label, kb, gazetteer)
                if code:
                    counts[code] += 1
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if n >= MIN_MENTIONS and n / sum(counts.values()) >= MIN_SHARE else None
