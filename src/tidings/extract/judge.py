"""The event judge: a small learned model of which PLOVER types a sentence reports as having happened.

Rules find triggers and their arguments; many triggers in real news report no event that happened
(figures of speech, generic statements, analysis, sport and business). The judge reads the whole
sentence -- its words, its parse around the root, its quotes, where it stands in the article and the
triggers the lexicon found in it -- and gives a probability for each type. It is a multi-label logistic
regression over hashed features, trained by `make model` (scripts/training/train_judge.py) on labels
the Tidings developers wrote on corpus sentences (training/README.md), and runs in NumPy on the CPU.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..codes import EVENT_TYPES
from ..syntax import QUOTE_MARKS, Tree
from .lexicon import Cues
from .triggers import TriggerMatch

__all__ = ["Judge", "load_judge", "sentence_features"]

ANY = "ANY"  # the last output: the sentence reports some event
DIMENSIONS = 1 << 17
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "neg", "agent", "attr", "advcl", "acomp", "dative"}
)


def _position(k: int) -> str:
    return "0" if k == 0 else "1" if k == 1 else "2-4" if k < 5 else "5-9" if k < 10 else "10+"


def sentence_features(tree: Tree, matches: Iterable[TriggerMatch], index: int, cues: Cues) -> list[str]:
    """The features of one sentence, as strings (hashed by the model): words, word pairs, the parse
    around each verb, the root's negation, modals and tense, quotes, place in the article, the speech
    cues and the lexicon triggers with their types."""
    tokens = [t for t in tree.tokens if t.pos not in ("PUNCT", "SPACE")]
    lemmas = [t.lemma for t in tokens]
    out = [f"w:{w}" for w in lemmas]
    out += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    for tok in tree.tokens:
        if tok.dep in ARGUMENT_DEPS and (head := tree.head(tok.i)) is not None:
            child = tok.lemma if tok.pos not in ("PROPN", "NUM") else tok.pos
            out.append(f"d:{head.lemma}|{tok.dep}|{child}")
            out.append(f"dp:{head.pos}|{tok.dep}|{tok.pos}")
        if tok.dep == "ROOT":
            out.append(f"root:{tok.lemma}")
            out.append(f"root_tag:{tok.tag}")
            out += [f"root_aux:{k.lemma}" for k in tree.kids(tok.i, "aux", "auxpass", "neg")]
        if tok.lemma in cues.speech_verbs:
            out.append(f"cue:{cues.speech_verbs[tok.lemma]}")
    text = " ".join(t.text for t in tree.tokens)
    if any(q in text for q in QUOTE_MARKS):
        out.append("quote")
    if text.rstrip().endswith("?"):
        out.append("question")
    out.append(f"pos:{_position(index)}")
    out.append(f"len:{min(len(tokens) // 10, 6)}")
    for m in matches:
        out.append(f"t:{m.pattern.event_type}")
        out.append(f"p:{m.pattern.id}")
        out.append(f"tl:{m.pattern.event_type}|{tree.tokens[m.token].lemma}")
    if not any(o.startswith("t:") for o in out):
        out.append("t:none")
    return out


def hashed(features: Sequence[str]) -> np.ndarray:
    """The feature strings as sorted unique column indices."""
    return np.unique(np.fromiter((zlib.crc32(f.encode("utf-8")) for f in features), np.int64) % DIMENSIONS)


@dataclass(frozen=True, slots=True)
class Judge:
    """The trained weights and the thresholds chosen on held-out folds of the training labels."""

    weights: np.ndarray  # (DIMENSIONS, len(EVENT_TYPES) + 1): one row per hashed feature
    bias: np.ndarray
    dense: np.ndarray  # (embedding size, outputs): the weights of the sentence's embedding, or empty
    keep: float  # a rule's event stays when the judge gives "some event" at least this probability
    add: dict[str, float]  # the judge adds an event of a type no rule found at this probability
    meta: dict[str, object]

    def probabilities(self, features: Sequence[str], embedding: bytes = b"") -> dict[str, float]:
        columns = hashed(features)
        logits = self.weights[columns].sum(axis=0, dtype=np.float32) + self.bias
        vector = np.frombuffer(embedding, np.float32)
        if len(self.dense) and len(vector) == len(self.dense):
            logits = logits + vector @ self.dense
        probs = 1.0 / (1.0 + np.exp(-logits))
        return dict(zip((*EVENT_TYPES, ANY), (float(p) for p in probs), strict=True))


@cache
def load_judge() -> Judge | None:
    """The judge shipped in the package, or None when no model has been trained."""
    folder = resources.files("tidings") / "knowledge" / "models"
    weights_file, meta_file = folder / "judge.npz", folder / "judge.json"
    if not weights_file.is_file() or not meta_file.is_file():
        return None
    with weights_file.open("rb") as f:
        arrays = np.load(f)
        weights = arrays["weights"].astype(np.float32)
        bias = arrays["bias"].astype(np.float32)
        dense = (
            arrays["dense"].astype(np.float32) if "dense" in arrays else np.zeros((0, len(bias)), np.float32)
        )
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    add = {t: float(v) for t, v in meta["add"].items() if v is not None}
    return Judge(weights=weights, bias=bias, dense=dense, keep=float(meta["keep"]), add=add, meta=meta)
