"""Build hook: compile the engine, the AI and the rule-language compiler with mypyc.

`pip install -e ".[dev]"` (or any install) runs this. With a C compiler the hot modules
become C extensions (2-3x faster, identical results); without one, or with
`SAHEL_PURE=1` set at build time, the same code is installed as plain Python and one
line of notice says so. `SAHEL_PURE=1` at run time forces the plain-Python modules even
when the compiled ones are present (`game/_purepath.py`).
"""

from __future__ import annotations

import os
import sys
from glob import glob
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# Every module of these packages is compiled, except the ones listed in SKIP: the
# background-thread runner gains nothing from compilation and must stay patchable.
PACKAGES = ["game/engine", "game/ai"]
# The rule-language compiler's closures and the deals' ones run in the engine's hot loop;
# the adapters' per-move work (move masks, observation vectors, the PettingZoo step) is
# compiled too: none of these modules imports PettingZoo or OpenSpiel.
EXTRA = [
    "game/content/expr.py",
    "game/content/expr_ops.py",
    "game/content/nodes.py",
    "game/content/deal_effects.py",
    "game/interop/moves.py",
    "game/interop/encoding.py",
    "game/interop/pettingzoo_core.py",
    "game/interop/openspiel_box.py",
]
SKIP = {"game/engine/__init__.py", "game/ai/__init__.py", "game/ai/runner.py"}
# The commands that build code; pip first runs metadata-only ones (egg_info, dist_info),
# where compiling would be wasted.
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def compiled_paths() -> list[str]:
    """The source files mypyc compiles (relative to this file, sorted)."""
    paths = [p for pkg in PACKAGES for p in sorted(glob(f"{pkg}/*.py"))] + EXTRA
    return [p.replace(os.sep, "/") for p in paths if p.replace(os.sep, "/") not in SKIP]


def notice(reason: str) -> None:
    """Print the one-line notice that the pure-Python engine is being installed."""
    message = f"note: {reason}; installing the pure-Python engine (same results, slower)"
    print(message, file=sys.stderr)


def extensions() -> list[Any]:
    """The mypyc extensions, or none (with a notice) when they cannot or must not be built."""
    if not BUILDS & set(sys.argv[1:]):
        return []
    if os.environ.get("SAHEL_PURE", "") not in ("", "0"):
        notice("SAHEL_PURE is set")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        notice("mypyc is not available")
        return []
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    # Its own mypy settings: the project's load the pydantic plugin, which the compiled
    # modules never import (mypy still reads the packages around them, silently).
    os.makedirs("build", exist_ok=True)
    config = os.path.join("build", "mypyc.ini")
    with open(config, "w", encoding="utf-8") as out:
        out.write("[mypy]\nfollow_imports = silent\nwarn_unused_configs = False\n")
    try:
        return list(
            mypycify(
                ["--config-file", config, *compiled_paths()],
                opt_level="3",
                debug_level="0",
                group_name="sahel",
            )
        )
    except BaseException as exc:  # mypyc reports type errors by SystemExit
        notice(f"mypyc could not compile the engine ({type(exc).__name__}: {exc})")
        return []


class OptionalBuildExt(build_ext):
    """Build the extensions, or fall back to pure Python with one line of notice."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no C compiler, missing headers, a compiler error...
            notice(f"the C extensions could not be built ({type(exc).__name__}: {exc})")
            for ext in self.extensions:  # a shim without its shared library breaks imports
                for path in (self.get_ext_fullpath(ext.name),):
                    if os.path.exists(path):
                        os.remove(path)
            self.extensions = []

    def get_outputs(self) -> list[str]:
        return [p for p in super().get_outputs() if os.path.exists(p)]


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
