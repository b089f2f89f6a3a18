"""The knowledge files are what scripts/build_kb.py makes of the fact tables: rebuilt, they are unchanged."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "src" / "tidings" / "knowledge"
FILES = ("countries", "igos", "institutions", "groups", "media", "peoples", "leaders", "sectors")


def test_the_knowledge_files_rebuild_from_the_fact_tables(tmp_path: Path) -> None:
    if importlib.util.find_spec("pycountry") is None:
        pytest.skip("pycountry is not installed (it comes with `make setup`'s dev extras)")
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    assert spec is not None and spec.loader is not None
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    build_kb.main(["--out", str(tmp_path)])
    for name in FILES:
        rebuilt = (tmp_path / f"{name}.json").read_text(encoding="utf-8")
        shipped = (KNOWLEDGE / f"{name}.json").read_text(encoding="utf-8")
        assert rebuilt == shipped, f"{name}.json differs from what scripts/build_kb.py writes: run `make kb`"
