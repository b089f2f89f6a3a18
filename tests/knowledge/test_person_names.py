"""The census name lists of record grouping (person_names.tsv): their shape, and that the build script
writes them again byte for byte where the `names` package (the `kb` extra) is installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.knowledge.person_names import load_person_names

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "tidings" / "knowledge" / "person_names.tsv"


def test_the_lists_hold_given_names_and_surnames_that_end_in_s() -> None:
    names = load_person_names()
    assert len(names.given) > 5000 and len(names.surnames) > 2000
    assert all(n.isalpha() and n.islower() for n in names.given | names.surnames)
    assert all(n.endswith("s") for n in names.surnames)
    assert names.full_name("Jamal", "Williams") and names.full_name("JEFF", "SESSIONS")
    assert not names.full_name("Hedge", "Funds") and not names.full_name("Christian", "Democrats")


@pytest.mark.slow
def test_the_build_script_writes_the_shipped_file(tmp_path: Path) -> None:
    if importlib.util.find_spec("names") is None:
        pytest.skip("the `names` package (pip install names==0.3.0, the kb extra) is not installed")
    out = tmp_path / "person_names.tsv"
    script = ROOT / "scripts" / "build_person_names.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == SHIPPED.read_bytes()
