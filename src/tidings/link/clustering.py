"""Grouping by scored pairs, as a function of the set alone: connected parts and average link.

Both give the same groups whatever order the items and pairs come in (ties are broken by the items'
ids), which is what makes identity independent of the order of ingest.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

__all__ = ["average_link", "connected_parts"]

Pair = tuple[str, str]


def connected_parts(items: Iterable[str], pairs: Iterable[Pair]) -> list[list[str]]:
    """The connected parts of the graph of `pairs` over `items`, each sorted, sorted by first item."""
    parent: dict[str, str] = {item: item for item in items}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    parts: dict[str, list[str]] = {}
    for item in sorted(parent):
        parts.setdefault(root(item), []).append(item)
    return sorted(parts.values())


def average_link(items: Iterable[str], scores: Mapping[Pair, float], threshold: float) -> list[list[str]]:
    """Average-link agglomerative clustering: the two groups whose pairs score highest on average merge,
    while that average is at least `threshold`; a pair absent from `scores` scores 0.

    Returns the groups, each sorted, sorted by first item. Cost: about (pairs) log (pairs).
    """
    members: dict[str, list[str]] = {item: [item] for item in sorted(set(items))}
    # between groups (by their smallest item): the sum of their pairs' scores
    sums: dict[str, dict[str, float]] = {item: {} for item in members}
    for (a, b), score in scores.items():
        if a == b or a not in members or b not in members or score <= 0:
            continue
        sums[a][b] = sums[a].get(b, 0.0) + score
        sums[b][a] = sums[b].get(a, 0.0) + score
    heap: list[tuple[float, str, str]] = []

    def push(a: str, b: str) -> None:
        first, second = min(a, b), max(a, b)
        average = sums[first][second] / (len(members[first]) * len(members[second]))
        if average >= threshold:
            heapq.heappush(heap, (-average, first, second))

    for a, row in sums.items():
        for b in row:
            if a < b:
                push(a, b)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in sums[a]:
            continue  # a group merged since
        average = sums[a][b] / (len(members[a]) * len(members[b]))
        if abs(average + negative) > 1e-12:
            continue  # stale: the groups changed since this entry was pushed
        merged = members.pop(b)
        members[a] = sorted(members[a] + merged)
        row_b = sums.pop(b)
        row_b.pop(a, None)
        sums[a].pop(b, None)
        for c, value in row_b.items():
            sums[c].pop(b, None)
            sums[a][c] = sums[a].get(c, 0.0) + value
            sums[c][a] = sums[a][c]
        for c in sums[a]:
            push(a, c)
    return sorted(members.values())
