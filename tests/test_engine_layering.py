"""The engine stays headless: it imports with pygame and yaml unavailable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('pygame', 'pygame_gui', 'yaml', 'pydantic'):
            raise ImportError('blocked: ' + name)
        return None
sys.meta_path.insert(0, Block())
import game.engine as engine
assert engine.new_game and engine.legal_actions and engine.apply
for name in list(sys.modules):
    above = ('game.content', 'game.ai', 'game.ui', 'game.sim', 'yaml', 'pygame')
    assert not name.startswith(above), name
print('ok')
"""


def test_the_engine_imports_with_pygame_yaml_and_pydantic_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_no_engine_module_imports_a_layer_above_it() -> None:
    for path in (ROOT / "game" / "engine").glob("*.py"):
        text = path.read_text()
        for banned in (
            "import pygame",
            "import yaml",
            "from game.content",
            "from game.ai",
            "from game.ui",
            "from game.sim",
            "from game.cli",
        ):
            assert banned not in text, f"{path.name} has '{banned}'"
