"""Who a pronoun for one person stands for: one answer for event actors (extract/roles.py) and for the
sources of attributions (extract/attribution.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.base import KnowledgeBase
from ..records import ParsedSentence, Token
from ..syntax import QUOTE_MARKS

__all__ = ["PERSON_PRONOUN_SEX", "person_antecedent"]

# a third-person pronoun for one person, and the sex it says
PERSON_PRONOUN_SEX = {"he": "he", "him": "he", "she": "she", "her": "she"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
HONORIFICS = {"mr": "he", "mr.": "he", "mrs": "she", "mrs.": "she", "ms": "she", "ms.": "she"}


def _quoted(tokens: Sequence[Token], i: int) -> bool:
    """Whether token i lies inside a quotation (an odd number of quotation marks before it)."""
    return sum(t.text in QUOTE_MARKS for t in tokens[:i]) % 2 == 1


def _people(sentence: ParsedSentence, before: int | None, kb: KnowledgeBase) -> list[tuple[str, bool]]:
    """(name, is a subject) of the persons a sentence names, in order; of the pronoun's own sentence,
    those before token `before` and outside quotations ("'Rubio is weak,' he said": not Rubio)."""
    tokens = sentence.tokens
    out: list[tuple[str, bool]] = []
    if sentence.entities:
        for ent in sentence.entities:
            if ent.label != "PERSON" or (
                before is not None and (ent.end > before or _quoted(tokens, ent.start))
            ):
                continue
            subject = any(tokens[k].dep in SUBJECT_DEPS for k in range(ent.start, ent.end))
            out.append((ent.text, subject))
    elif before is None:  # the parser's names were not asked for here: named subjects ("Carson said")
        for tok in tokens:
            if tok.pos == "PROPN" and tok.dep in SUBJECT_DEPS:
                lo = tok.i
                while lo > 0 and tokens[lo - 1].pos == "PROPN" and tokens[lo - 1].dep == "compound":
                    lo -= 1
                out.append((" ".join(t.text for t in tokens[lo : tok.i + 1]), True))
    return [(name, subj) for name, subj in out if (e := kb.lookup(name)) == () or e[0].kind == "person"]


def person_antecedent(
    sentence: ParsedSentence, pronoun: Token, context: Sequence[ParsedSentence], kb: KnowledgeBase
) -> str | None:
    """The person a pronoun for one person ("he", "her") stands for: of its sentence before it, else of
    the nearest sentence of `context` (nearest last) that names one, the last subject (a reader follows
    the subject from sentence to sentence), else the first person named. A place or body the knowledge
    base knows is no person; a title that says the other sex ("Mrs. Lopez" for "he") is passed over."""
    wanted = PERSON_PRONOUN_SEX.get(pronoun.text.lower())
    if wanted is None:
        return None
    groups = [_people(sentence, pronoun.i, kb)]
    groups += [_people(earlier, None, kb) for earlier in reversed(context)]
    for people in groups:
        fits = [(n, subj) for n, subj in people if HONORIFICS.get(n.split()[0].lower(), wanted) == wanted]
        if fits:
            subjects = [n for n, subj in fits if subj]
            return subjects[-1] if subjects else fits[0][0]
    return None
