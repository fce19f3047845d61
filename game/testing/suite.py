"""Find and run every rule-test file of a level (shared by `main.py test` and pytest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content import ContentError, load_level
from game.content.loader import LEVELS_DIR, display_name, find_level
from game.content.problems import Problem
from game.engine import Ruleset
from game.testing.reader import TestFileError, read_test_file, rule_test_files
from game.testing.results import CaseResult
from game.testing.runner import run_case

_LEVELS: dict[str, Ruleset | ContentError] = {}


def level_of(test_file: Path) -> Path:
    """The level folder a rule-test file belongs to (`<level>/tests/x.yaml`)."""
    return test_file.resolve().parent.parent


def cached_level(folder: Path) -> Ruleset:
    """Load a level once per process; raises ContentError if it does not load."""
    key = str(folder.resolve())
    if key not in _LEVELS:
        try:
            _LEVELS[key] = load_level(folder)
        except ContentError as exc:
            _LEVELS[key] = exc
    found = _LEVELS[key]
    if isinstance(found, ContentError):
        raise found
    return found


def levels_with_tests(root: Path = LEVELS_DIR) -> list[Path]:
    """Every level folder under `root` that has a `tests/` folder with YAML files."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and rule_test_files(p))


@dataclass
class FileRun:
    """The results of one rule-test file, or the problems that kept it from running."""

    path: Path
    results: list[CaseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file as shown in messages."""
        return display_name(self.path)


def run_file(path: Path, keyword: str | None = None) -> FileRun:
    """Read and run the tests of one file (those whose name contains `keyword`, if given)."""
    run = FileRun(path)
    try:
        cases = read_test_file(path)
    except TestFileError as exc:
        run.problems = exc.problems
        return run
    try:
        rules = cached_level(level_of(path))
    except ContentError as exc:
        errors = [p for p in exc.problems if p.severity == "error"] or exc.problems
        run.problems = [Problem(run.name, 1, 1, "the level does not load:"), *errors]
        return run
    wanted = keyword.lower() if keyword else ""
    run.results = [run_case(rules, c) for c in cases if wanted in c.test.name.lower()]
    return run


def run_levels(names: list[str], keyword: str | None = None) -> list[FileRun]:
    """Run the rule tests of the named levels (all levels with tests when empty).

    Raises ContentError when a named level folder does not exist.
    """
    folders = [find_level(n) for n in names] if names else levels_with_tests()
    runs: list[FileRun] = []
    for folder in folders:
        runs.extend(run_file(p, keyword) for p in rule_test_files(folder))
    return runs
