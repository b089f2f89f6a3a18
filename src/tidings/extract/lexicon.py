"""The event lexicon: trigger patterns, word classes and cues, loaded once from `knowledge/lexicon/`."""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Cues", "Intent", "Lexicon", "Pattern", "Recode", "load_lexicon", "recode_applies"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pattern:
    id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    pos: str
    lemmas: frozenset[str]
    particles: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    xcomps: frozenset[str] = frozenset()
    complement_aux: frozenset[str] = frozenset()
    priority: int = 0
    example: str = ""

    @property
    def specificity(self) -> int:
        return sum(
            bool(x) for x in (self.particles, self.objects, self.governors, self.xcomps, self.complement_aux)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    speech_verbs: dict[str, str]
    hedges: dict[str, str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    negation: frozenset[str]
    attribution_markers: dict[str, str | None]
    light_verbs: frozenset[str]
    link_cues: dict[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Intent:
    """How a promised or planned act is coded: AGREE or THREATEN instead of the act (lexicon/intent.json)."""

    words: dict[str, str]  # "ready" -> promised: a word that makes its complement an intention
    by_type: dict[str, tuple[str, str]]  # RETREAT -> (AGREE, "035")
    by_cameo: dict[str, str]  # "0841" -> "0353"
    refused: tuple[str, str]  # a negated promise ("would not release") is a rejection: (REJECT, "120")
    refused_by_cameo: dict[str, str]  # "0841" -> "1243"

    def recode(self, event_type: str, cameo: str) -> tuple[str, str] | None:
        target = self.by_type.get(event_type)
        if target is None:
            return None
        return target[0], self.by_cameo.get(cameo, target[1])

    def refusal(self, event_type: str, cameo: str) -> tuple[str, str] | None:
        if event_type in (self.refused[0], "ACCUSE", "REQUEST", "THREATEN"):
            return None
        return self.refused[0], self.refused_by_cameo.get(cameo, self.refused[1])


@dataclass(frozen=True, slots=True, kw_only=True)
class Recode:
    """An act recoded when the sentence says what it is for (lexicon/recode.json)."""

    id: str
    from_types: frozenset[str]
    words: frozenset[str]  # any of these in the sentence (empty: no condition)
    from_cameo: tuple[str, ...]  # CAMEO prefixes the act must have (empty: any)
    actor_sectors: frozenset[str]  # an actor of one of these sectors (empty: any)
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    patterns: tuple[Pattern, ...]
    by_lemma: dict[tuple[str, str], tuple[Pattern, ...]]
    classes: dict[str, frozenset[str]]
    cues: Cues
    cameo_names: dict[str, str]
    intent: Intent
    recodes: tuple[Recode, ...] = ()

    def candidates(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((pos, lemma), ())


def _read(name: str) -> Any:
    path = resources.files("tidings") / "knowledge" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _expand(words: list[str] | None, classes: dict[str, frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for word in words or ():
        if word.startswith("@"):
            out |= classes.get(word[1:], frozenset())
        else:
            out.add(word.lower())
    return frozenset(out)


def _words(raw: Any) -> frozenset[str]:
    if isinstance(raw, dict):
        return frozenset(str(k).lower() for k in raw)
    return frozenset(str(w).lower() for w in raw or ())


def _mapping(raw: Any, value_key: str) -> dict[str, Any]:
    """Read a cue table given as {word: value} or [{"cue"|"word"|"lemma": ..., value_key: ...}]."""
    if isinstance(raw, dict):
        return {str(k).lower(): (v.get(value_key) if isinstance(v, dict) else v) for k, v in raw.items()}
    out: dict[str, Any] = {}
    for row in raw or ():
        key = row.get("cue") or row.get("word") or row.get("lemma") or row.get("phrase")
        if key:
            out[str(key).lower()] = row.get(value_key)
    return out


def _cues(raw: dict[str, Any]) -> Cues:
    return Cues(
        speech_verbs=_mapping(raw.get("speech_verbs"), "certainty"),
        hedges=_mapping(raw.get("hedges"), "certainty"),
        future=_words(raw.get("future")),
        hypothetical=_words(raw.get("hypothetical")),
        negation=_words(raw.get("negation")),
        attribution_markers=_mapping(raw.get("attribution_markers"), "kind"),
        light_verbs=_words(raw.get("light_verbs")),
        link_cues=_mapping(raw.get("link_cues"), "relation"),
    )


@cache
def load_lexicon() -> Lexicon:
    """Load the lexicon files shipped in the package (once per process)."""
    classes = {k: frozenset(w.lower() for w in v) for k, v in _read("lexicon/classes.json").items()}
    patterns = tuple(
        Pattern(
            id=p["id"],
            event_type=p["type"],
            mode=p.get("mode"),
            context=tuple(p.get("context") or ()),
            cameo=str(p["cameo"]),
            pos=p.get("pos", "VERB"),
            lemmas=frozenset(w.lower() for w in p["lemma"]),
            particles=frozenset(w.lower() for w in p.get("particle") or ()),
            objects=_expand(p.get("object"), classes),
            not_objects=_expand(p.get("not_object"), classes),
            governors=_expand(p.get("governor"), classes),
            xcomps=_expand(p.get("xcomp"), classes),
            complement_aux=_expand(p.get("complement_aux"), classes),
            priority=int(p.get("priority", 0)),
            example=p.get("example", ""),
        )
        for p in _read("lexicon/events.json")["patterns"]
    )
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        for lemma in pattern.lemmas:
            index.setdefault((pattern.pos, lemma), []).append(pattern)
    cameo = _read("cameo.json")
    names = {str(code): (v.get("name", "") if isinstance(v, dict) else str(v)) for code, v in cameo.items()}
    raw_intent = _read("lexicon/intent.json")
    intent = Intent(
        words={k.lower(): v for k, v in raw_intent["intent_words"].items()},
        by_type={k: (v["type"], v["cameo"]) for k, v in raw_intent["by_type"].items()},
        by_cameo=dict(raw_intent["by_cameo"]),
        refused=(raw_intent["refused"]["type"], raw_intent["refused"]["cameo"]),
        refused_by_cameo=dict(raw_intent["refused"]["by_cameo"]),
    )
    recodes = tuple(
        Recode(
            id=r["id"],
            from_types=frozenset(r["from_types"]),
            words=frozenset(w.lower() for w in r.get("words", ())),
            from_cameo=tuple(r.get("from_cameo", ())),
            actor_sectors=frozenset(r.get("actor_sectors", ())),
            event_type=r["type"],
            mode=r.get("mode"),
            context=tuple(r.get("context") or ()),
            cameo=str(r["cameo"]),
        )
        for r in _read("lexicon/recode.json")["rules"]
    )
    return Lexicon(
        recodes=recodes,
        intent=intent,
        patterns=patterns,
        by_lemma={k: tuple(v) for k, v in index.items()},
        classes=classes,
        cues=_cues(_read("lexicon/cues.json")),
        cameo_names=names,
    )


def recode_applies(
    recode: Recode, event_type: str, cameo: str, words: AbstractSet[str], sectors: AbstractSet[str]
) -> bool:
    return (
        event_type in recode.from_types
        and (not recode.words or bool(recode.words & words))
        and (not recode.from_cameo or cameo.startswith(recode.from_cameo))
        and (not recode.actor_sectors or bool(recode.actor_sectors & sectors))
    )
