"""The date search reads only the characters near each match, with the answers of the plain reading."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tidings.resolve.dates import _APPROXIMATE, _after, _before, find_time_expressions

TEXT = st.text(st.sampled_from("ab about than $ 1999 \n\t people."), max_size=700)


@given(text=TEXT, data=st.data())
def test_the_words_around_a_year_are_read_as_from_the_whole_text(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    word = re.match(r"[a-z]+", _after(text, at).lower())
    whole = re.match(r"[a-z]+", text[at:].lstrip().lower())
    assert (word and word.group(0)) == (whole and whole.group(0))
    assert bool(_APPROXIMATE.search(_before(text, at).lower())) == bool(
        _APPROXIMATE.search(text[:at].rstrip().lower())
    )


def test_a_long_sentence_of_many_dates_finds_each_once() -> None:
    clause = "police arrested 40 protesters on March 3, 2024 and about 1999 people in 2019"
    text = ", and ".join([clause] * 300)
    found = find_time_expressions(text, None)
    assert [m.text for m in found] == ["March 3, 2024", "2019"] * 300
    assert all(text[m.span[0] : m.span[1]] == m.text for m in found)
