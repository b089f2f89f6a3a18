"""Imports go one way: each module of `tidings` may import its own layer and the layers below it, never
a layer above (docs/architecture.md). Every import counts: at the top, in a function, under
`TYPE_CHECKING`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "tidings"

# Lowest first. A module belongs to the layer of the longest name below that is itself or a package it is
# in ("tidings" alone is the package's own `__init__`, which holds the version).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("tidings", "tidings.records", "tidings.event_schema", "tidings.codes", "tidings.errors",
              "tidings.failures", "tidings.budget")),
    ("knowledge", ("tidings.knowledge",)),
    ("ingest", ("tidings.ingest", "tidings.cli_options")),
    ("parse", ("tidings.nlp", "tidings.syntax", "tidings.casing")),
    ("resolve", ("tidings.resolve",)),
    ("extract", ("tidings.extract",)),
    ("link", ("tidings.link",)),
    ("check", ("tidings.check",)),
    ("store", ("tidings.store",)),
    ("pipeline", ("tidings.pipeline",)),
    ("engines", ("tidings.engines",)),
    ("serve", ("tidings.serve",)),
    ("tools", ("tidings.annotate", "tidings.evaluate", "tidings.output")),
    ("cli", ("tidings.cli",)),
)  # fmt: skip
RANK = {prefix: rank for rank, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes}


def layer_of(module: str) -> int | None:
    """The rank of a module's layer (an index into `LAYERS`); None for a module no layer holds."""
    best: str | None = None
    for prefix in RANK:
        inside = module == prefix or (prefix != "tidings" and module.startswith(prefix + "."))
        if inside and (best is None or len(prefix) > len(best)):
            best = prefix
    return None if best is None else RANK[best]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(source: str, module: str, is_package: bool, known: frozenset[str]) -> list[tuple[int, str]]:
    """(line, module) of every import of a `tidings` module in `source`, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import annotate_each` is the package; `from tidings import pipeline` a module
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
            found += [(node.lineno, t) for t in subs or [target]]
    return [(line, t) for line, t in found if t == "tidings" or t.startswith("tidings.")]


def violations(source: str, module: str, path: str, *, is_package: bool = False) -> list[str]:
    """Each import in `source` (of `module`, at `path`) of a layer above the module's, as "path:line: ..."."""
    known = frozenset(all_modules())
    own = layer_of(module)
    if own is None:
        return [f"{path}: {module} is in no layer: add it to LAYERS (tests/test_architecture.py)"]
    out = []
    for line, target in imported(source, module, is_package, known):
        theirs = layer_of(target)
        if theirs is not None and theirs > own:
            out.append(
                f"{path}:{line}: {module} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]}),"
                " a later layer"
            )
    return out


def test_every_import_goes_down_the_layers() -> None:
    found = []
    for module, path in all_modules().items():
        source = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(SRC.parent))
        found += violations(source, module, rel, is_package=path.name == "__init__.py")
    assert not found, "imports against the direction of the layers:\n" + "\n".join(found)


def test_every_module_is_in_a_layer() -> None:
    assert [m for m in all_modules() if layer_of(m) is None] == []


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        # a stage importing a later one, at the top, in a function, under TYPE_CHECKING, relatively
        ("from tidings.serve.api import api_router\n", "tidings.extract.events", "tidings.serve.api (serve)"),
        (
            "def f():\n    from ..link.within import link_events\n",
            "tidings.extract.events",
            "tidings.link.within",
        ),
        (
            "if TYPE_CHECKING:\n    from tidings.pipeline import Extractor\n",
            "tidings.store.rows",
            "tidings.pipeline (pipeline)",
        ),
        ("import tidings.extract.events\n", "tidings.resolve.actors", "tidings.extract.events (extract)"),
        ("from ..extract import events\n", "tidings.knowledge.base", "tidings.extract.events (extract)"),
        ("from .store.rows import Shard\n", "tidings.records", "tidings.store.rows (store)"),
    ],
)
def test_an_import_against_the_direction_is_reported(source: str, module: str, expected: str) -> None:
    (found,) = violations(source, module, "src/tidings/x.py")
    assert found.startswith("src/tidings/x.py:") and expected in found


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from ..records import Event\nfrom ..knowledge.base import Entry\n", "tidings.extract.events"),
        ("from ..resolve.actors import ActorResolver\n", "tidings.extract.draft"),
        ("from .events import extract_events\n", "tidings.extract.draft"),  # within its own stage
        ("from tidings.pipeline import Extractor\n", "tidings.serve.app"),
        ("import json\nfrom spacy.tokens import Doc\n", "tidings.records"),  # not ours
    ],
)
def test_an_import_down_the_layers_passes(source: str, module: str) -> None:
    assert violations(source, module, "src/tidings/x.py") == []


def test_a_module_outside_the_layers_is_reported() -> None:
    (found,) = violations("", "tidings.newthing", "src/tidings/newthing.py")
    assert "in no layer" in found
