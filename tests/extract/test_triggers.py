"""Trigger matching on parses the tagger gets slightly wrong (hand-built, so the test holds whatever the
model does on a given day)."""

from __future__ import annotations

from tidings.extract.triggers import find_triggers
from tidings.pipeline import Extractor
from tidings.records import ParsedSentence, Token
from tidings.syntax import Tree


def _sentence(words: list[tuple[str, str, str, str, str, int]]) -> ParsedSentence:
    tokens, at = [], 0
    for i, (text, lemma, pos, tag, dep, head) in enumerate(words):
        token = Token(i=i, text=text, lemma=lemma, pos=pos, tag=tag, dep=dep, head=head, start=at, ws=" ")
        tokens.append(token)
        at += len(text) + 1
    text = " ".join(w[0] for w in words)
    return ParsedSentence(text=text, span=(0, len(text)), tokens=tuple(tokens))


def _fired(extractor: Extractor, sentence: ParsedSentence) -> list[tuple[str, str]]:
    tree = Tree.of(sentence)
    return [(tree.tokens[m.token].text, m.pattern.event_type) for m in find_triggers(tree, extractor.lexicon)]


def test_an_attributive_participle_tagged_as_a_past_tense_describes(extractor: Extractor) -> None:
    """ "One alleged top leader ... was arrested": "alleged" modifies the leader, whichever tag it gets."""
    words = [
        ("One", "one", "NUM", "CD", "nummod", 2),
        ("alleged", "allege", "VERB", "VBD", "amod", 2),
        ("leader", "leader", "NOUN", "NN", "nsubjpass", 4),
        ("was", "be", "AUX", "VBD", "auxpass", 4),
        ("arrested", "arrest", "VERB", "VBN", "ROOT", 4),
        (".", ".", "PUNCT", ".", "punct", 4),
    ]
    assert _fired(extractor, _sentence(words)) == [("arrested", "COERCE")]
    said = [
        ("Prosecutors", "prosecutor", "NOUN", "NNS", "nsubj", 1),
        ("alleged", "allege", "VERB", "VBD", "ROOT", 1),
        ("fraud", "fraud", "NOUN", "NN", "dobj", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert ("alleged", "ACCUSE") in _fired(extractor, _sentence(said))
