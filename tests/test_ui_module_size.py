"""The window's code stays in small modules with one job each (the project's 400-line
limit), so a widget never grows into a second one unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

LIMIT = 400
UI = Path(__file__).resolve().parent.parent / "game" / "ui"


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_every_ui_module_stays_within_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, (
        f"{path.relative_to(UI.parent.parent)} has {lines} lines; split it by job"
    )
