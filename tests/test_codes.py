"""The shared codes (`tidings.codes`) are the ones the knowledge, the lexicon, the judge and the rules use."""

from __future__ import annotations

import ast
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from tidings.codes import (
    ACTOR_LABELS,
    AUTHORITY_SECTORS,
    CERTAINTIES,
    CONFLICTUAL,
    COOPERATIVE,
    COUNTRY_KINDS,
    EVENT_TYPES,
    METONYM_KINDS,
    NAME_LABELS,
    NOT_OCCURRED,
    OCCURRED,
    OFFICIAL_SECTORS,
    PLACE_LABELS,
    TIME_LABELS,
    Certainty,
    EntryKind,
    EventType,
    ResolutionMethod,
    Sector,
)
from tidings.knowledge.base import KIND_RANK

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tidings"


def _knowledge(name: str) -> object:
    return json.loads((resources.files("tidings") / "knowledge" / name).read_text(encoding="utf-8"))


def test_members_are_the_strings_that_are_stored() -> None:
    assert EventType.ASSAULT == "ASSAULT" and "ASSAULT" in {EventType.ASSAULT}
    assert {"asserted": 1}[Certainty.ASSERTED] == 1 and f"{Certainty.ASSERTED}" == "asserted"
    # the label sets hold plain strings: nothing downstream (SQL, Arrow, JSON) sees an enum member
    assert all(type(v) is str for v in (*EVENT_TYPES, *CERTAINTIES, *OFFICIAL_SECTORS, *COUNTRY_KINDS))


def test_the_label_sets() -> None:
    assert COOPERATIVE + CONFLICTUAL == EVENT_TYPES and len(COOPERATIVE) == 7 and len(EVENT_TYPES) == 16
    assert set(CERTAINTIES) - set(OCCURRED) == NOT_OCCURRED == {"planned", "hypothetical", "negated"}
    assert ACTOR_LABELS < NAME_LABELS and PLACE_LABELS < NAME_LABELS and not TIME_LABELS & NAME_LABELS
    assert {"SPY"} == OFFICIAL_SECTORS - AUTHORITY_SECTORS
    assert {"capital"} == METONYM_KINDS - COUNTRY_KINDS
    assert set(Sector) >= OFFICIAL_SECTORS and set(EntryKind) >= METONYM_KINDS


def test_the_lexicon_types_are_the_plover_types() -> None:
    modes = _knowledge("lexicon/modes.json")
    assert isinstance(modes, dict) and sorted(modes["modes"]) == sorted(EVENT_TYPES)


def test_the_knowledge_base_uses_the_kinds_and_sectors() -> None:
    kinds, sectors = set(), set()
    for name in ("countries", "igos", "institutions", "groups", "media", "peoples", "leaders"):
        raw = _knowledge(f"{name}.json")
        assert isinstance(raw, list)
        kinds |= {r["kind"] for r in raw}
        sectors |= {r["sector"] for r in raw if r.get("sector")}
        sectors |= {o["sector"] for r in raw for o in r.get("offices", ()) if o.get("sector")}
    sector_words = _knowledge("sectors.json")
    assert isinstance(sector_words, dict)
    sectors |= set(sector_words.values())
    assert kinds <= set(EntryKind), kinds - set(EntryKind)
    assert sectors <= set(Sector), sectors - set(Sector)
    assert list(KIND_RANK) == list(EntryKind)


def _strings(node: ast.expr) -> list[str]:
    """The string pieces an expression can evaluate to (constants, f-string text, +, conditional)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    if isinstance(node, ast.BinOp):
        return _strings(node.left) + _strings(node.right)
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def resolution_methods(source: str) -> list[tuple[int, str]]:
    """(line, piece) of every string a `Resolution(method=...)` or a `method = ...` is made of."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Resolution":
            found += [(node.lineno, s) for k in node.keywords if k.arg == "method" for s in _strings(k.value)]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                pairs = (
                    zip(target.elts, node.value.elts, strict=False)
                    if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                    else [(target, node.value)]
                )
                found += [
                    (node.lineno, s)
                    for t, v in pairs
                    if isinstance(t, ast.Name) and t.id == "method"
                    for s in _strings(v)
                ]
    return found


def unknown_methods(source: str) -> list[str]:
    known = set(ResolutionMethod) | set(EntryKind)  # an entry's kind qualifies a method: "modifier:person"
    return [
        f"{line}: {piece!r}"
        for line, piece in resolution_methods(source)
        if any(part not in known for part in re.split(r"[:+]", piece) if part)
    ]


@pytest.mark.parametrize("folder", ["resolve", "extract", "check"])
def test_every_resolution_method_is_a_code(folder: str) -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{where}"
        for path in sorted((PACKAGE / folder).glob("*.py"))
        for where in unknown_methods(path.read_text(encoding="utf-8"))
    ]
    assert not found, "resolution methods missing from tidings.codes.ResolutionMethod:\n" + "\n".join(found)


def test_an_unknown_resolution_method_is_reported() -> None:
    source = 'method = "guessed"\nr = Resolution(method="modifier:" + kind + "+sector")\n'
    assert unknown_methods(source) == ["1: 'guessed'"]
