"""Which build of the hot modules runs: compiled (mypyc C extensions) or plain Python.

An install with a C compiler puts compiled modules next to the sources (`setup.py`);
Python's importer then prefers them. `SAHEL_PURE=1` in the environment, read once when
`game` is first imported, installs `SourceOnlyFinder`, which loads every `game.*`
module from its `.py` file instead, so the same tree runs either way. Results are the
same on both paths (`tests/test_compiled_build.py`).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType

ENV_VAR = "SAHEL_PURE"
PACKAGE = "game"


def pure_requested(environ: dict[str, str] | None = None) -> bool:
    """True when the environment asks for the plain-Python modules (any value but '' or '0')."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "")
    return value not in ("", "0")


class SourceOnlyFinder(importlib.abc.MetaPathFinder):
    """Finds `game.*` modules as `.py` sources only, skipping compiled extensions."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        """The source spec of `fullname` inside `path`, or None to let the next finder look."""
        if not fullname.startswith(PACKAGE + ".") or path is None:
            return None
        name = fullname.rpartition(".")[2]
        for entry in path:
            package = os.path.join(entry, name)
            init = os.path.join(package, "__init__.py")
            if os.path.isfile(init):
                return importlib.util.spec_from_file_location(
                    fullname, init, submodule_search_locations=[package]
                )
            module = package + ".py"
            if os.path.isfile(module):
                return importlib.util.spec_from_file_location(fullname, module)
        return None


def install_if_requested() -> None:
    """Put `SourceOnlyFinder` first on `sys.meta_path` when SAHEL_PURE asks for it."""
    if pure_requested() and not any(isinstance(f, SourceOnlyFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceOnlyFinder())


def compiled() -> bool:
    """True when the engine running in this process is the compiled (mypyc) build."""
    from game.engine import state

    return not (state.__file__ or "").endswith(".py")
