"""The long fuzz run (marker `fuzz`) is collected only when a `-m` expression names it (`make fuzz`)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    left_out = [item for item in items if item.get_closest_marker("fuzz")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("fuzz")]
