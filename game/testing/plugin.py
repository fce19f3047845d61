"""pytest plugin: every test in `levels/*/tests/*.yaml` (and `tests/levels/*/tests/*.yaml`)
becomes a pytest item with the same failure text as `python main.py test`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.content import ContentError
from game.testing.reader import TestCase, TestFileError, read_test_file
from game.testing.runner import run_case
from game.testing.suite import cached_level, level_of


class RuleTestFailed(Exception):
    """A YAML rule test failed; the message is the full report."""


def is_rule_test_file(path: Path) -> bool:
    """True for `<...>/levels/<level>/tests/<name>.yaml`."""
    return (
        path.suffix in (".yaml", ".yml")
        and path.parent.name == "tests"
        and path.parent.parent.parent.name == "levels"
    )


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect rule-test YAML files."""
    if is_rule_test_file(file_path):
        return RuleTestCollector.from_parent(parent, path=file_path)
    return None


class RuleTestCollector(pytest.File):
    """One YAML rule-test file."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            cases = read_test_file(self.path)
        except TestFileError as exc:
            yield BrokenRuleTestFile.from_parent(self, name="(file)", message=str(exc))
            return
        for case in cases:
            yield RuleTestItem.from_parent(self, name=case.test.name, case=case)


class RuleTestItem(pytest.Item):
    """One YAML rule test."""

    def __init__(self, *, case: TestCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        try:
            rules = cached_level(level_of(self.path))
        except ContentError as exc:
            raise RuleTestFailed(f"the level does not load:\n{exc}") from None
        result = run_case(rules, self.case)
        if not result.passed:
            raise RuleTestFailed(result.report())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, RuleTestFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.line - 1, f"rule test: {self.name}"


class BrokenRuleTestFile(pytest.Item):
    """Stands for a rule-test file that could not be read; fails with its problems."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise RuleTestFailed(self.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "rule-test file"
