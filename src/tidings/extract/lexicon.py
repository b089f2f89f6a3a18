"""The event lexicon: trigger patterns, word classes and cues, loaded once from `knowledge/lexicon/`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "Codebook",
    "Cues",
    "Intent",
    "Lexicon",
    "LexiconError",
    "Pattern",
    "Recode",
    "load_lexicon",
    "read_classes",
    "read_pattern",
    "read_patterns",
    "recode_applies",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pattern:
    id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    pos: str
    lemmas: frozenset[str]
    particles: frozenset[str] = frozenset()  # adverbial particles that take no object: "crack *down*"
    preps: frozenset[str] = frozenset()  # prepositions: "call *for*", "met *with*"
    not_particles: frozenset[str] = frozenset()  # particles that change the sense: "lash *out*"
    not_preps: frozenset[str] = frozenset()  # prepositions that change the sense: "search *for*"
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    xcomps: frozenset[str] = frozenset()
    complement_aux: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()  # verbs: who must be the subject: "*protesters* gathered"
    predicatives: frozenset[str] = frozenset()  # verbs: an adjective said of the object: "found him *guilty*"
    priority: int = 0
    example: str = ""
    counter: tuple[str, ...] = ()  # sentences with the trigger word in which the pattern must not fire

    @property
    def specificity(self) -> int:
        phrasal = self.particles or self.preps
        kinds = (
            phrasal,
            self.objects,
            self.governors,
            self.xcomps,
            self.complement_aux,
            self.subjects,
            self.predicatives,
        )
        return sum(bool(x) for x in kinds)


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
    from_patterns: frozenset[str]  # the patterns the act must come from (empty: any)
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


class LexiconError(ValueError):
    """A lexicon file that breaks its schema; the message names the file, the entry and the field."""


# The fields of a trigger pattern (docs/lexicon.md): name -> whether it is required.
PATTERN_FIELDS: dict[str, bool] = {
    "id": True,
    "type": True,
    "mode": True,
    "context": True,
    "cameo": True,
    "pos": True,
    "lemma": True,
    "particle": False,
    "prep": False,
    "not_particle": False,
    "not_prep": False,
    "object": False,
    "not_object": False,
    "governor": False,
    "xcomp": False,
    "complement_aux": False,
    "subject": False,
    "predicative": False,
    "priority": False,
    "example": True,
    "counter": True,
}
# Word lists that may name a word class ("@persons"); lemma, particle, prep and predicative are words only.
CLASS_FIELDS = frozenset({"object", "not_object", "governor", "xcomp", "complement_aux", "subject"})
WORD_ONLY = frozenset({"lemma", "particle", "prep", "not_particle", "not_prep", "predicative"})
WORD_FIELDS = WORD_ONLY | CLASS_FIELDS
# Fields that apply to one part of speech only.
VERB_ONLY = frozenset({"particle", "not_particle", "xcomp", "complement_aux", "subject", "predicative"})
NOUN_ONLY = frozenset({"governor"})
RECODE_FIELDS: dict[str, bool] = {
    "id": True,
    "from_types": True,
    "words": False,
    "from_cameo": False,
    "from_patterns": False,
    "actor_sectors": False,
    "type": True,
    "mode": True,
    "context": True,
    "cameo": True,
    "example": True,
    "counter": False,  # sentences in which the recode must not apply (tests/extract/test_events.py)
}
CUE_TABLES = (
    "speech_verbs",
    "hedges",
    "future",
    "hypothetical",
    "negation",
    "attribution_markers",
    "light_verbs",
    "link_cues",
)


def _read(name: str) -> Any:
    path = resources.files("tidings") / "knowledge" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _fields(where: str, raw: Any, fields: dict[str, bool]) -> dict[str, Any]:
    """`raw` as a dict with only known fields and every required one, or a LexiconError."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected an object, got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise LexiconError(f"{where}, field {unknown[0]!r}: unknown field (allowed: {', '.join(fields)})")
    missing = [name for name, required in fields.items() if required and name not in raw]
    if missing:
        raise LexiconError(f"{where}, field {missing[0]!r}: missing")
    return raw


def _word_list(where: str, raw: Any, classes: Mapping[str, frozenset[str]] | None) -> frozenset[str]:
    """A list of lowercase single words; with `classes`, "@name" expands to the class's words."""
    if not isinstance(raw, list) or not raw:
        raise LexiconError(f"{where}: expected a non-empty list of words")
    out: set[str] = set()
    for word in raw:
        if not isinstance(word, str) or not word or word != word.lower() or " " in word:
            raise LexiconError(f"{where}: {word!r} is not one lowercase word")
        if not word.startswith("@"):
            out.add(word)
        elif classes is None:
            raise LexiconError(f"{where}: {word!r}: a word class is not allowed here")
        elif word[1:] not in classes:
            raise LexiconError(f"{where}: unknown class {word!r} (not in classes.json)")
        else:
            out |= classes[word[1:]]
    return frozenset(out)


def _sentences(where: str, raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(s, str) and s.strip() for s in items):
        raise LexiconError(f"{where}: expected one or more sentences")
    return tuple(items)


@dataclass(frozen=True, slots=True, kw_only=True)
class Codebook:
    """What a pattern's category fields are checked against: modes.json and cameo.json."""

    modes: Mapping[str, Sequence[str]]  # PLOVER type -> its modes
    contexts: frozenset[str]
    cameo: frozenset[str]


def read_pattern(raw: Any, classes: Mapping[str, frozenset[str]], codebook: Codebook) -> Pattern:
    """One trigger pattern of events.json, checked against its schema (PATTERN_FIELDS)."""
    name = raw.get("id") if isinstance(raw, dict) else None
    where = f"events.json: pattern {name!r}"
    p = _fields(where, raw, PATTERN_FIELDS)

    def at(field: str) -> str:
        return f"{where}, field {field!r}"

    if not isinstance(p["id"], str) or not p["id"]:
        raise LexiconError(f"{at('id')}: expected a name")
    if p["pos"] not in ("VERB", "NOUN"):
        raise LexiconError(f"{at('pos')}: {p['pos']!r} is not VERB or NOUN")
    for field in sorted((VERB_ONLY if p["pos"] == "NOUN" else NOUN_ONLY) & set(p)):
        raise LexiconError(f"{at(field)}: does not apply to a {p['pos']} trigger")
    if p["type"] not in codebook.modes:
        raise LexiconError(f"{at('type')}: {p['type']!r} is not a PLOVER category (modes.json)")
    if p["mode"] is not None and p["mode"] not in codebook.modes[p["type"]]:
        raise LexiconError(f"{at('mode')}: {p['mode']!r} is not a mode of {p['type']} (modes.json)")
    context = p["context"]
    if not isinstance(context, list) or not set(context) <= codebook.contexts:
        raise LexiconError(f"{at('context')}: {context!r} holds a context not in modes.json")
    if str(p["cameo"]) not in codebook.cameo:
        raise LexiconError(f"{at('cameo')}: {p['cameo']!r} is not a code of cameo.json")
    priority = p.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise LexiconError(f"{at('priority')}: expected an integer")
    words = {
        field: _word_list(at(field), p[field], classes if field in CLASS_FIELDS else None)
        for field in WORD_FIELDS
        if field in p
    }
    if "*" in words.get("xcomp", ()) and len(p["xcomp"]) > 1:
        raise LexiconError(f"{at('xcomp')}: '*' accepts any complement and stands alone")
    for field in ("governor", "complement_aux", "subject"):
        if "*" in words.get(field, ()):
            raise LexiconError(f"{at(field)}: '*' is allowed in xcomp, object and not_object only")
    for field in ("object", "not_object"):
        if "*" in words.get(field, ()) and (p["pos"] != "VERB" or field == "object" and len(p[field]) > 1):
            raise LexiconError(
                f"{at(field)}: '*' (any direct object) applies to a VERB trigger and stands alone"
            )
    example = _sentences(at("example"), p["example"])
    if len(example) != 1:
        raise LexiconError(f"{at('example')}: expected one sentence")
    empty: frozenset[str] = frozenset()
    return Pattern(
        id=p["id"],
        event_type=p["type"],
        mode=p["mode"],
        context=tuple(context),
        cameo=str(p["cameo"]),
        pos=p["pos"],
        lemmas=words["lemma"],
        particles=words.get("particle", empty),
        preps=words.get("prep", empty),
        not_particles=words.get("not_particle", empty),
        not_preps=words.get("not_prep", empty),
        objects=words.get("object", empty),
        not_objects=words.get("not_object", empty),
        governors=words.get("governor", empty),
        xcomps=words.get("xcomp", empty),
        complement_aux=words.get("complement_aux", empty),
        subjects=words.get("subject", empty),
        predicatives=words.get("predicative", empty),
        priority=priority,
        example=example[0],
        counter=_sentences(at("counter"), p["counter"]),
    )


def read_patterns(raw: Any, classes: Mapping[str, frozenset[str]], codebook: Codebook) -> tuple[Pattern, ...]:
    """The patterns of events.json; the first mistake raises a LexiconError naming pattern and field."""
    top = _fields("events.json", raw, {"version": True, "source": True, "patterns": True})
    if not isinstance(top["patterns"], list):
        raise LexiconError("events.json, field 'patterns': expected a list")
    patterns = tuple(read_pattern(p, classes, codebook) for p in top["patterns"])
    seen: set[str] = set()
    for pattern in patterns:
        if pattern.id in seen:
            raise LexiconError(f"events.json: pattern {pattern.id!r}, field 'id': used twice")
        seen.add(pattern.id)
    return patterns


def read_classes(raw: Any) -> dict[str, frozenset[str]]:
    """The word classes of classes.json: each a non-empty list of lowercase words."""
    if not isinstance(raw, dict):
        raise LexiconError("classes.json: expected an object of word lists")
    out: dict[str, frozenset[str]] = {}
    for name, words in raw.items():
        out[name] = _word_list(f"classes.json: class {name!r}", words, None)
    return out


def _read_recode(raw: Any, codebook: Codebook) -> Recode:
    where = f"recode.json: rule {raw.get('id') if isinstance(raw, dict) else None!r}"
    r = _fields(where, raw, RECODE_FIELDS)
    for field in ("from_types", "type"):
        values = r[field] if isinstance(r[field], list) else [r[field]]
        if not set(values) <= set(codebook.modes):
            raise LexiconError(f"{where}, field {field!r}: {r[field]!r} is not a PLOVER category")
    if r["mode"] is not None and r["mode"] not in codebook.modes[r["type"]]:
        raise LexiconError(f"{where}, field 'mode': {r['mode']!r} is not a mode of {r['type']}")
    if str(r["cameo"]) not in codebook.cameo:
        raise LexiconError(f"{where}, field 'cameo': {r['cameo']!r} is not a code of cameo.json")
    return Recode(
        id=r["id"],
        from_types=frozenset(r["from_types"]),
        words=frozenset(w.lower() for w in r.get("words", ())),
        from_cameo=tuple(r.get("from_cameo", ())),
        from_patterns=frozenset(r.get("from_patterns", ())),
        actor_sectors=frozenset(r.get("actor_sectors", ())),
        event_type=r["type"],
        mode=r["mode"],
        context=tuple(r["context"] or ()),
        cameo=str(r["cameo"]),
    )


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
    _fields("cues.json", raw, {"source": True} | dict.fromkeys(CUE_TABLES, True))
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


def _intent(raw: Any) -> Intent:
    fields = dict.fromkeys(("source", "intent_words", "by_type", "by_cameo", "example", "refused"), True)
    raw = _fields("intent.json", raw, fields)
    refused_fields = {"type": True, "cameo": True, "by_cameo": True, "example": False}
    refused = _fields("intent.json, field 'refused'", raw["refused"], refused_fields)
    return Intent(
        words={k.lower(): v for k, v in raw["intent_words"].items()},
        by_type={k: (v["type"], v["cameo"]) for k, v in raw["by_type"].items()},
        by_cameo=dict(raw["by_cameo"]),
        refused=(refused["type"], refused["cameo"]),
        refused_by_cameo=dict(refused["by_cameo"]),
    )


@cache
def load_lexicon() -> Lexicon:
    """Load the lexicon files shipped in the package (once per process), checked against their schema."""
    classes = read_classes(_read("lexicon/classes.json"))
    modes = _fields(
        "modes.json", _read("lexicon/modes.json"), {"source": True, "modes": True, "contexts": True}
    )
    cameo = _read("cameo.json")
    codebook = Codebook(
        modes={k: tuple(v) for k, v in modes["modes"].items()},
        contexts=frozenset(modes["contexts"]),
        cameo=frozenset(str(code) for code in cameo),
    )
    patterns = read_patterns(_read("lexicon/events.json"), classes, codebook)
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        for lemma in pattern.lemmas:
            index.setdefault((pattern.pos, lemma), []).append(pattern)
    names = {str(code): (v.get("name", "") if isinstance(v, dict) else str(v)) for code, v in cameo.items()}
    recode_file = _fields("recode.json", _read("lexicon/recode.json"), {"source": True, "rules": True})
    recodes = tuple(_read_recode(r, codebook) for r in recode_file["rules"])
    ids = {p.id for p in patterns}
    for recode in recodes:
        if unknown := sorted(recode.from_patterns - ids):
            raise LexiconError(f"recode.json, rule {recode.id!r}, field 'from_patterns': unknown {unknown}")
    return Lexicon(
        recodes=recodes,
        intent=_intent(_read("lexicon/intent.json")),
        patterns=patterns,
        by_lemma={k: tuple(v) for k, v in index.items()},
        classes=classes,
        cues=_cues(_read("lexicon/cues.json")),
        cameo_names=names,
    )


def recode_applies(
    recode: Recode,
    event_type: str,
    cameo: str,
    words: AbstractSet[str],
    sectors: AbstractSet[str],
    pattern: str = "",
) -> bool:
    return (
        event_type in recode.from_types
        and (not recode.from_patterns or pattern in recode.from_patterns)
        and (not recode.words or bool(recode.words & words))
        and (not recode.from_cameo or cameo.startswith(recode.from_cameo))
        and (not recode.actor_sectors or bool(recode.actor_sectors & sectors))
    )
