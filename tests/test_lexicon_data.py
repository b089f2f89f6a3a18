"""Structural checks on the event lexicon, the CAMEO table and the cue tables (docs/lexicon.md)."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tidings.codes import CERTAINTIES as CERTAINTY_VALUES
from tidings.codes import EVENT_TYPES
from tidings.extract.lexicon import (
    PATTERN_FIELDS,
    Codebook,
    Lexicon,
    LexiconError,
    load_lexicon,
    read_classes,
    read_patterns,
)
from tidings.extract.triggers import find_triggers
from tidings.nlp import load_pipeline, parse_articles
from tidings.records import Article, ParsedArticle
from tidings.syntax import Tree

ROOTS = list(EVENT_TYPES)
PATTERN_KEYS = set(PATTERN_FIELDS)
WORD_LIST_KEYS = (
    "lemma",
    "particle",
    "prep",
    "object",
    "not_object",
    "governor",
    "xcomp",
    "complement_aux",
    "subject",
)
CERTAINTIES = set(CERTAINTY_VALUES) - {"asserted"}  # what a cue can say; "asserted" is no cue's
RELATIONS = {"in_exchange_for", "in_response_to", "condition_of", "follows", "adds_to_total", "linked_to"}
ATTRIBUTION_KINDS = {"named", "official", "anonymous", "witness", "media"}
BUILD_CAMEO = Path(__file__).resolve().parents[1] / "scripts" / "build_cameo.py"


def _read(name: str) -> Any:
    return json.loads((resources.files("tidings") / "knowledge" / name).read_text(encoding="utf-8"))


EVENTS = _read("lexicon/events.json")
PATTERNS: list[dict[str, Any]] = EVENTS["patterns"]
CLASSES: dict[str, list[str]] = _read("lexicon/classes.json")
MODES = _read("lexicon/modes.json")
CUES = _read("lexicon/cues.json")
CAMEO: dict[str, dict[str, Any]] = _read("cameo.json")
IDS = [p["id"] for p in PATTERNS]


@pytest.fixture(scope="module")
def parsed_examples() -> dict[str, ParsedArticle]:
    """Every pattern's example, parsed once with the project's spaCy pipeline."""
    articles = [Article(id=p["id"], text=p["example"]) for p in PATTERNS]
    return {pa.article.id: pa for pa in parse_articles(articles, load_pipeline())}


@pytest.fixture(scope="module")
def parsed_counters() -> dict[str, list[ParsedArticle]]:
    """Every pattern's counter-examples, parsed once."""
    articles = [Article(id=f"{p['id']}#{i}", text=s) for p in PATTERNS for i, s in enumerate(p["counter"])]
    out: dict[str, list[ParsedArticle]] = {}
    for pa in parse_articles(articles, load_pipeline()):
        out.setdefault(pa.article.id.split("#")[0], []).append(pa)
    return out


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _words(pattern: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in WORD_LIST_KEYS:
        for word in pattern.get(key, ()):
            yield key, word


def test_every_root_has_patterns() -> None:
    assert sorted(MODES["modes"]) == sorted(ROOTS)
    counts = {root: sum(p["type"] == root for p in PATTERNS) for root in ROOTS}
    assert all(n >= 5 for n in counts.values()), counts
    assert len(PATTERNS) >= 250


def test_ids_unique() -> None:
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_pattern_fields(pattern: dict[str, Any]) -> None:
    assert set(pattern) <= PATTERN_KEYS
    assert pattern["type"] in ROOTS
    assert pattern["pos"] in ("VERB", "NOUN")
    assert pattern["mode"] is None or pattern["mode"] in MODES["modes"][pattern["type"]]
    assert set(pattern["context"]) <= set(MODES["contexts"])
    assert isinstance(pattern.get("priority", 0), int)
    if "governor" in pattern:
        assert pattern["pos"] == "NOUN", "governor applies to nominal triggers only"
    if "xcomp" in pattern:
        assert pattern["pos"] == "VERB", "xcomp applies to verbal triggers only"
    for key, word in _words(pattern):
        assert word, key
        assert word == word.lower() and " " not in word, f"{key}: {word!r} is not one lowercase lemma"
        if word.startswith("@"):
            assert word[1:] in CLASSES, f"{key}: unknown class {word}"
        elif key == "xcomp":
            assert word == "*" or word.isalpha() or "-" in word


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_cameo_code_fits_type(pattern: dict[str, Any]) -> None:
    entry = CAMEO.get(pattern["cameo"])
    assert entry is not None, f"unknown CAMEO code {pattern['cameo']}"
    allowed = {entry["plover"], *entry.get("plover_also", ())}
    assert pattern["type"] in allowed, f"CAMEO {pattern['cameo']} is {sorted(map(str, allowed))}"


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_example_has_trigger_lemma(
    pattern: dict[str, Any], parsed_examples: dict[str, ParsedArticle]
) -> None:
    tokens = [t for s in parsed_examples[pattern["id"]].sentences for t in s.tokens]
    assert any(t.lemma in pattern["lemma"] and t.pos == pattern["pos"] for t in tokens), [
        (t.text, t.lemma, t.pos) for t in tokens
    ]


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_counter_examples_have_trigger_lemma(
    pattern: dict[str, Any], parsed_counters: dict[str, list[ParsedArticle]]
) -> None:
    """A counter-example uses the trigger word in the pattern's part of speech, or it tests nothing."""
    for parsed in parsed_counters[pattern["id"]]:
        tokens = [t for s in parsed.sentences for t in s.tokens]
        assert any(t.lemma in pattern["lemma"] and t.pos == pattern["pos"] for t in tokens), (
            parsed.article.text,
            [(t.text, t.lemma, t.pos) for t in tokens],
        )


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_example_fires_pattern(
    pattern: dict[str, Any], parsed_examples: dict[str, ParsedArticle], lexicon: Lexicon
) -> None:
    fired = [
        m.pattern.id
        for s in parsed_examples[pattern["id"]].sentences
        for m in find_triggers(Tree.of(s), lexicon)
    ]
    assert pattern["id"] in fired, fired


def test_classes_are_clean_and_used() -> None:
    used = {w[1:] for p in PATTERNS for _, w in _words(p) if w.startswith("@")}
    for name, words in CLASSES.items():
        assert words and len(words) == len(set(words)), name
        assert all(w == w.lower() and " " not in w for w in words), name
    assert used <= set(CLASSES)


def test_cameo_table_shape() -> None:
    assert len(CAMEO) > 280
    for code, entry in CAMEO.items():
        assert code.isdigit() and 2 <= len(code) <= 4, code
        assert 1 <= int(code[:2]) <= 20, code
        if len(code) > 2:
            assert code[:-1] in CAMEO, f"{code} has no parent"
        assert entry["name"]
        assert entry["plover"] is None or entry["plover"] in ROOTS
        for root in entry.get("plover_also", ()):
            assert root in ROOTS and entry.get("note"), code
        if entry["mode"] is not None:
            assert entry["mode"] in MODES["modes"][entry["plover"]], code
    assert CAMEO["0841"]["plover"] == "RETREAT"
    assert CAMEO["010"]["plover"] is None


def test_cameo_json_matches_build_script() -> None:
    spec = importlib.util.spec_from_file_location("build_cameo", BUILD_CAMEO)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == CAMEO, "cameo.json is out of date: run scripts/build_cameo.py"


@pytest.mark.parametrize(
    ("table", "key", "allowed"),
    [
        ("speech_verbs", "certainty", CERTAINTIES),
        ("hedges", "certainty", CERTAINTIES),
        ("future", "certainty", {"planned", "promised"}),
        ("hypothetical", "certainty", {"hypothetical"}),
        ("negation", "certainty", {"negated"}),
        ("attribution_markers", "kind", ATTRIBUTION_KINDS),
        ("link_cues", "relation", RELATIONS),
    ],
)
def test_cue_table(table: str, key: str, allowed: set[str]) -> None:
    rows = CUES[table]
    assert rows
    for cue, row in rows.items():
        assert cue == cue.lower() and cue.strip() == cue, cue
        assert row[key] in allowed, (cue, row[key])
        assert row["example"], cue


def test_light_verbs_have_examples(lexicon: Lexicon) -> None:
    assert all(row["example"] for row in CUES["light_verbs"].values())
    assert {"hold", "make", "issue", "launch", "stage", "impose"} <= lexicon.cues.light_verbs
    assert lexicon.cues.link_cues["in exchange for"] == "in_exchange_for"
    assert lexicon.cues.speech_verbs["deny"] == "denied"


def _codebook() -> Codebook:
    return Codebook(
        modes={k: tuple(v) for k, v in MODES["modes"].items()},
        contexts=frozenset(MODES["contexts"]),
        cameo=frozenset(CAMEO),
    )


DROP = "<drop the field>"


def _with(pattern_index: int, **changes: Any) -> dict[str, Any]:
    """events.json with one pattern changed (a value of DROP removes the field)."""
    patterns = [dict(p) for p in PATTERNS]
    patterns[pattern_index].update(changes)
    patterns[pattern_index] = {k: v for k, v in patterns[pattern_index].items() if v != DROP}
    return {**EVENTS, "patterns": patterns}


def _index(pattern_id: str) -> int:
    return IDS.index(pattern_id)


def test_loader_reads_the_shipped_lexicon(lexicon: Lexicon) -> None:
    assert [p.id for p in lexicon.patterns] == IDS
    crack = next(p for p in lexicon.patterns if p.id == "crack.down")
    assert crack.particles == {"down"} and not crack.preps
    call_for = next(p for p in lexicon.patterns if p.id == "call.for")
    assert call_for.preps == {"for"} and not call_for.particles
    arrest = next(p for p in lexicon.patterns if p.id == "arrest.persons")
    assert "prisoner" in arrest.objects and "@persons" not in arrest.objects  # the class is expanded


@pytest.mark.parametrize(
    ("pattern_id", "changes", "message"),
    [
        (
            "arrest.persons",
            {"object": ["@person"]},
            "pattern 'arrest.persons', field 'object': unknown class '@person'",
        ),
        ("crack.down", {"not_object": ["@nosuch"]}, "field 'not_object': unknown class '@nosuch'"),
        ("crack.down", {"particles": ["down"]}, "pattern 'crack.down', field 'particles': unknown field"),
        ("crack.down", {"lemma": DROP}, "pattern 'crack.down', field 'lemma': missing"),
        (
            "crack.down",
            {"lemma": ["@persons"]},
            "field 'lemma': '@persons': a word class is not allowed here",
        ),
        ("crack.down", {"particle": ["Down"]}, "field 'particle': 'Down' is not one lowercase word"),
        ("crack.down", {"particle": []}, "field 'particle': expected a non-empty list of words"),
        ("crack.down", {"mode": "riot"}, "field 'mode': 'riot' is not a mode of COERCE"),
        ("crack.down", {"type": "PUNISH"}, "field 'type': 'PUNISH' is not a PLOVER category"),
        ("crack.down", {"context": ["warfare"]}, "field 'context'"),
        ("crack.down", {"cameo": "9999"}, "field 'cameo': '9999' is not a code of cameo.json"),
        ("crack.down", {"priority": "1"}, "field 'priority': expected an integer"),
        ("crack.down", {"pos": "ADJ"}, "field 'pos': 'ADJ' is not VERB or NOUN"),
        ("crack.down", {"governor": ["launch"]}, "field 'governor': does not apply to a VERB trigger"),
        (
            "curfew",
            {"particle": ["up"]},
            "pattern 'curfew', field 'particle': does not apply to a NOUN trigger",
        ),
        ("curfew", {"xcomp": ["impose"]}, "field 'xcomp': does not apply to a NOUN trigger"),
        ("curfew", {"subject": ["@troops"]}, "field 'subject': does not apply to a NOUN trigger"),
        ("curfew", {"predicative": ["guilty"]}, "field 'predicative': does not apply to a NOUN trigger"),
        ("find.guilty", {"predicative": ["@crimes"]}, "'@crimes': a word class is not allowed"),
        ("crack.down", {"subject": ["@nosuch"]}, "field 'subject': unknown class '@nosuch'"),
        ("crack.down", {"subject": ["*"]}, "field 'subject': '*' is allowed in xcomp, object and not_object"),
        ("threaten.xcomp", {"xcomp": ["*", "strike"]}, "field 'xcomp': '*' accepts any complement"),
        ("crack.down", {"example": ""}, "field 'example': expected one or more sentences"),
        ("crack.down", {"counter": []}, "field 'counter': expected one or more sentences"),
        ("crack.down", {"counter": DROP}, "pattern 'crack.down', field 'counter': missing"),
        (
            "crack.down",
            {"not_prep": ["@persons"]},
            "field 'not_prep': '@persons': a word class is not allowed here",
        ),
        ("return.to.owner", {"object": ["*", "icon"]}, "field 'object': '*' (any direct object)"),
        ("crack.down", {"id": "curfew"}, "pattern 'curfew', field 'id': used twice"),
    ],
)
def test_loader_refuses_a_broken_pattern(pattern_id: str, changes: dict[str, Any], message: str) -> None:
    classes = read_classes(CLASSES)
    with pytest.raises(LexiconError) as error:
        read_patterns(_with(_index(pattern_id), **changes), classes, _codebook())
    assert message in str(error.value)


def test_loader_refuses_a_broken_class() -> None:
    with pytest.raises(LexiconError, match="class 'persons': 'Prisoner' is not one lowercase word"):
        read_classes({**CLASSES, "persons": ["Prisoner"]})


def test_loader_refuses_a_recode_from_an_unknown_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """A recode rule limited to patterns names patterns that exist: a misspelled id would match nothing."""
    from tidings.extract import lexicon as module

    read = module._read

    def misspelled(name: str) -> Any:
        raw = read(name)
        if name == "lexicon/recode.json":
            raw["rules"] = [{**r, "from_patterns": ["capture.combatant"]} for r in raw["rules"][:1]]
        return raw

    monkeypatch.setattr(module, "_read", misspelled)
    with pytest.raises(LexiconError, match=r"field 'from_patterns': unknown \['capture.combatant'\]"):
        module.load_lexicon.__wrapped__()
