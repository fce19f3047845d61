"""Which build of the hot modules runs: compiled (mypyc C extensions) or plain Python.

An install with a C compiler puts compiled modules next to the sources (`setup.py`);
Python's importer then prefers them. `SAHEL_PURE=1` in the environment, read once when
`game` is first imported, installs `SourceOnlyFinder`, which loads every `game.*`
module from its `.py` file instead, so the same tree runs either way. Results are the
same on both paths (`tests/test_compiled_build.py`). A compiled module older than its
source (the source was edited after the build) would run stale code, so then the plain
modules run too, with one line of notice saying how to rebuild.
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


def stale_source(root: str) -> str | None:
    """A `.py` file under `root` edited after the compiled modules were last built.

    mypyc puts the code of every module into one shared library and leaves small
    per-module shims that a rebuild may not touch, so each source is compared with the
    newest compiled file (under `root` or the shared library beside it).
    """
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    sources: list[str] = []
    built = 0.0
    parent = os.path.dirname(root)
    shared = [os.path.join(parent, n) for n in os.listdir(parent) if "__mypyc" in n]
    for path in shared:
        built = max(built, os.path.getmtime(path))
    for folder, _, files in os.walk(root):
        for name in files:
            suffix = next((s for s in suffixes if name.endswith(s)), None)
            if suffix is None:
                continue
            built = max(built, os.path.getmtime(os.path.join(folder, name)))
            source = os.path.join(folder, name[: -len(suffix)] + ".py")
            if os.path.isfile(source):
                sources.append(source)
    return next((s for s in sorted(sources) if os.path.getmtime(s) > built), None)


def install_if_requested() -> None:
    """Put `SourceOnlyFinder` first on `sys.meta_path` when SAHEL_PURE asks for it, or
    when a compiled module is older than its source."""
    if any(isinstance(f, SourceOnlyFinder) for f in sys.meta_path):
        return
    if not pure_requested():
        stale = stale_source(os.path.dirname(os.path.abspath(__file__)))
        if stale is None:
            return
        print(
            f"note: {stale} changed after the compiled modules were built; running plain "
            "Python (rebuild: python setup.py build_ext --inplace, or pip install -e .)",
            file=sys.stderr,
        )
    sys.meta_path.insert(0, SourceOnlyFinder())


def compiled() -> bool:
    """True when the engine running in this process is the compiled (mypyc) build."""
    from game.engine import state

    return not (state.__file__ or "").endswith(".py")
