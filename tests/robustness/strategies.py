"""Hypothesis strategies for hostile and clumsy input: news-like text with odd numbers, dates, white
space, nesting and length, and plain random Unicode (lone surrogates included)."""

from __future__ import annotations

from hypothesis import strategies as st

ACTORS = [
    "Rebels",
    "The army",
    "Police",
    "Russian troops",
    "The Kremlin",
    "President Biden",
    "Protesters",
    "The United Nations",
    "Hamas",
    "Ukraine's foreign ministry",
    "They",
]
VERBS = [
    "attacked",
    "killed",
    "arrested",
    "released",
    "met",
    "accused",
    "threatened",
    "sanctioned",
    "protested against",
    "sent aid to",
    "withdrew from",
    "said it would attack",
]
NOUNS = ["soldiers", "protesters", "tanks", "people", "civilians", "prisoners", "dollars", "journalists"]
PLACES = ["Donetsk", "Minsk", "Gaza", "Kyiv", "the capital", "Washington", "a village near Aleppo"]
MONTHS = ["January", "March", "June", "September", "December", "Sept.", "Feb"]
WEEKDAYS = ["Monday", "Saturday", "last week", "yesterday", "next month", "in 2019", "two years ago"]

# Numbers a report may hold, and some no report does: huge, fractional, negative-looking, in words.
NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**30).map(str),
    st.integers(1, 400).map(lambda n: "9" * n),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(0, 999), st.integers(0, 99999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.sampled_from(
        ["0.5", "3.14159", "two", "twenty-three", "a dozen", "2.5 million", "a billion", "thousands of"]
    ),
    st.sampled_from(["1e400", "-5", "٣", "½", "10²", "1,2,3", "1.2.3"]),
)
DATES = st.one_of(
    st.builds(
        lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(0, 40), st.integers(0, 99999)
    ),
    st.builds(
        lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.sampled_from(WEEKDAYS),
    st.builds(lambda d, m: f"on {d} {m}", st.integers(1, 31), st.sampled_from(MONTHS)),
)
# Any character, with the odd ones often: lone surrogates, controls, format characters, line separators.
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Mn"]))
SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", " \u00a0", "\u3000", " \n "])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One news-like sentence: an actor, a verb, a count and its noun, a place and a date."""
    parts = [
        draw(st.sampled_from(ACTORS)),
        draw(st.sampled_from(VERBS)),
        draw(NUMBERS),
        draw(st.sampled_from(NOUNS)),
        "in",
        draw(st.sampled_from(PLACES)),
        draw(DATES),
    ]
    if draw(st.booleans()):
        parts.insert(0, draw(st.sampled_from(["According to Reuters,", "Officials said", "(", "\u201c"])))
    glue = draw(SPACE)
    end = draw(st.sampled_from([".", "!", "?", "", " .", ".)", "\u201d.", "..."]))
    return glue.join(parts) + end


@st.composite
def news_texts(draw: st.DrawFn) -> str:
    """Several sentences with odd white space, sometimes nested in brackets or quotes, sometimes
    repeated into a very long sentence."""
    body = [draw(sentences()) for _ in range(draw(st.integers(1, 4)))]
    if draw(st.integers(0, 9)) == 0:  # a run-on sentence of many clauses
        body = [", and ".join(body * draw(st.integers(5, 40)))]
    if draw(st.integers(0, 4)) == 0:  # nesting
        depth = draw(st.integers(1, 30))
        body = ["(" * depth + " ".join(body) + ")" * depth]
    noise = draw(st.text(ANY_CHAR, max_size=40))
    lead = draw(st.sampled_from(["", " ", "\n\n ", "\t", "  \n"]))
    text = lead + draw(SPACE).join(body) + draw(st.sampled_from(["", noise, "\n", " " + noise]))
    for _ in range(draw(st.integers(0, 3))):  # odd characters anywhere, even inside words and numbers
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(ANY_CHAR) + text[at:]
    return text


# Any Unicode at all, lone surrogates included: what a JSONL line can carry.
ANY_TEXT = st.text(ANY_CHAR, min_size=1, max_size=300)
TEXTS = st.one_of(news_texts(), news_texts(), news_texts(), ANY_TEXT)
