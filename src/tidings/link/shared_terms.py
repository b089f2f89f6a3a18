"""What many pairs of stored profiles share, computed at once over their columns: per channel, the sum of
the products of the weights of the terms both hold (the channel's cosine: each channel is a unit vector),
and how many of each one's lead people the other names.

The profiles come as Arrow columns (`article_id`, `terms`, `weights`, `leads`, one row per article, as
`article_profiles` stores them), so no term becomes a Python string: every term is numbered by its rank
among the terms present, in the order of the terms' text, and the pairs are found by joining each new
article's terms with every profile's (numpy). A pair's products are summed in the order of its terms'
text, which is the order of its shared terms' ranks whatever else is in the batch: the sums are the same
bit for bit whichever of the two is the new article and whatever other articles were read with them,
and the same as summing over the shared terms one by one in sorted order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["Shared", "shared_terms"]

_NEW_AT_A_TIME = 4  # new articles joined at once: ~100,000 joined rows each in a dense store, not 900,000


@dataclass(frozen=True, slots=True)
class Shared:
    """What one pair (first, second) shares."""

    cosines: dict[str, float]  # per channel, the sum of the products of the shared terms' weights
    leads: tuple[float, float]  # the share of first's lead people second names, and of second's in first


def shared_terms(
    profiles: pa.Table, pairs: Sequence[tuple[str, str]], new: frozenset[str], channels: Sequence[str]
) -> dict[tuple[str, str], Shared]:
    """What each pair shares; every pair holds an article of `new` and both are rows of `profiles`.

    Terms carry their channel ("w:shot", "lw:shot"), one of `channels`. An article without lead people
    shares 0.5 of them (as `tidings.link.similarity.pair_features` expects)."""
    if not pairs:
        return {}
    ids = profiles.column("article_id").to_pylist()
    row_of = {ident: row for row, ident in enumerate(ids)}
    terms = _combined(profiles.column("terms"))
    present = pc.unique(terms.flatten())
    ranked = pc.take(present, pc.sort_indices(present))
    rank = _ranks(terms, ranked)
    weight = _combined(profiles.column("weights")).flatten().to_numpy(zero_copy_only=False).astype(np.float64)
    row = np.repeat(np.arange(len(ids)), _lengths(terms))
    channel_of_rank = np.full(len(ranked), -1, dtype=np.int64)
    for number, channel in enumerate(channels):
        found = pc.starts_with(ranked, f"{channel}:").to_numpy(zero_copy_only=False)
        channel_of_rank[found] = number
    if (channel_of_rank < 0).any():
        raise ValueError("a stored term has no known channel")
    channel = channel_of_rank[rank]
    leads = _combined(profiles.column("leads"))
    lead_row = np.repeat(np.arange(len(ids)), _lengths(leads))
    lead_count = np.bincount(lead_row, minlength=len(ids))
    size = len(ranked) + 1
    lead_codes = np.sort(lead_row * size + _ranks(leads, ranked))
    codes = row * size + rank
    at = np.minimum(np.searchsorted(lead_codes, codes), max(len(lead_codes) - 1, 0))
    is_lead = lead_codes[at] == codes if len(lead_codes) else np.zeros(len(codes), dtype=bool)
    del codes, at

    # each pair by its new article: (its place among the new, the other's row)
    new_rows = np.array(sorted(row_of[a] for a in new if a in row_of), dtype=np.int64)
    local = np.full(len(ids), -1, dtype=np.int64)
    local[new_rows] = np.arange(len(new_rows))
    keys, flipped = [], []
    for first, second in pairs:
        turned = first not in new
        new_one, other = (second, first) if turned else (first, second)
        keys.append(local[row_of[new_one]] * len(ids) + row_of[other])
        flipped.append(turned)
    wanted = np.array(keys, dtype=np.int64)
    order = np.argsort(wanted, kind="stable")
    ordered = wanted[order]

    # the new articles' terms, by article then rank, each joined with every profile holding that term;
    # a few new articles at a time, so that the joined rows stay few (a pair's rows are all in the part
    # of its new article, so its sums are the same)
    sums = np.zeros(len(pairs) * len(channels))
    leads_of_new = np.zeros(len(pairs))
    leads_of_other = np.zeros(len(pairs))
    by_rank = np.argsort(rank, kind="stable")
    sorted_ranks = rank[by_rank]
    every = np.flatnonzero(local[row] >= 0)
    every = every[np.lexsort((rank[every], local[row[every]]))]
    bounds = np.searchsorted(local[row[every]], np.arange(0, len(new_rows) + _NEW_AT_A_TIME, _NEW_AT_A_TIME))
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
        mine = every[begin:end]
        if not len(mine):
            continue
        start = np.searchsorted(sorted_ranks, rank[mine], side="left")
        count = np.searchsorted(sorted_ranks, rank[mine], side="right") - start
        left = np.repeat(mine, count)
        right = by_rank[
            np.repeat(start, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        ]
        joined = local[row[left]] * len(ids) + row[right]
        place = np.minimum(np.searchsorted(ordered, joined), len(wanted) - 1)
        hit = ordered[place] == joined
        pair_index = order[place[hit]]
        left, right = left[hit], right[hit]
        sums += np.bincount(
            pair_index * len(channels) + channel[left],
            weights=weight[left] * weight[right],
            minlength=len(pairs) * len(channels),
        )
        leads_of_new += np.bincount(pair_index, weights=is_lead[left], minlength=len(pairs))
        leads_of_other += np.bincount(pair_index, weights=is_lead[right], minlength=len(pairs))
    by_channel = sums.reshape(len(pairs), len(channels))

    out = {}
    for index, pair in enumerate(pairs):
        new_one, other = (pair[1], pair[0]) if flipped[index] else pair
        shares = (
            _share(leads_of_new[index], lead_count[row_of[new_one]]),
            _share(leads_of_other[index], lead_count[row_of[other]]),
        )
        out[pair] = Shared(
            cosines={c: float(by_channel[index, n]) for n, c in enumerate(channels)},
            leads=(shares[1], shares[0]) if flipped[index] else shares,
        )
    return out


def _combined(column: pa.ChunkedArray) -> pa.ListArray:
    array = column.combine_chunks()
    return array.fill_null([]) if array.null_count else array


def _lengths(lists: pa.ListArray) -> np.ndarray:
    return pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64)


def _ranks(lists: pa.ListArray, ranked: pa.Array) -> np.ndarray:
    found = pc.index_in(lists.flatten(), value_set=ranked)
    if found.null_count:
        raise ValueError("a lead person is not among the article's terms")
    return found.to_numpy(zero_copy_only=False).astype(np.int64)


def _share(named: float, leads: int) -> float:
    return named / leads if leads else 0.5
