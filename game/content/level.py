"""Load a level: read its files, compile them, check their meaning, attach its value model.

`load_level` is the one call most code needs: folder (or level name) in, compiled
`Ruleset` out, or a `ContentError` listing every problem as `file:line:col: ...`.
`open_level` also returns the warnings (a `LoadedLevel`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from game.content import limits
from game.content.assemble import assemble_ruleset
from game.content.checks import meaning_checks
from game.content.colors import color_checks
from game.content.compiler import Compiler
from game.content.declare import declare
from game.content.lessons import with_lessons
from game.content.loader import LevelSource, display_name, find_level, read_level
from game.content.news_checks import news_checks, roll_word_checks
from game.content.points import with_point_spans
from game.content.price_checks import price_checks
from game.content.problems import ContentError, Problem
from game.content.value_file import read_value_file
from game.engine.ruleset import LearnedValue, Ruleset


@dataclass(frozen=True)
class LoadedLevel:
    """A compiled level and the warnings loading it found.

    Its folder and trained value model are fields of the ruleset itself, because the
    AI seats and the saves see only the ruleset; they are offered here too.
    """

    ruleset: Ruleset
    warnings: tuple[Problem, ...]

    @property
    def folder(self) -> Path:
        """The level folder it was read from (absolute)."""
        return Path(self.ruleset.folder)

    @property
    def value_model(self) -> LearnedValue | None:
        """The level's trained value model, or None if it has no valid one (or was ignored)."""
        return self.ruleset.learned_value


def compile_level(source: LevelSource) -> tuple[Ruleset | None, list[Problem]]:
    """Compile a parsed level; returns the ruleset (None on errors) and all problems."""
    compiler = Compiler(source)
    rules = None
    try:
        declared = declare(compiler)
        if declared is not None:
            rules = assemble_ruleset(compiler, *declared)
        if rules is not None:
            rules = with_point_spans(compiler, rules)
            rules = with_lessons(compiler, rules)
    except RecursionError:
        compiler.problems.append(Problem(str(source.folder), 0, 0, "rules nest too deeply"))
        rules = None
    compiler.fold_follow_ons()
    has_errors = any(p.severity == "error" for p in compiler.problems)
    if rules is not None and not has_errors:
        meaning_checks(compiler, rules)
        price_checks(compiler, rules)
        news_checks(compiler)
        roll_word_checks(compiler, rules)
        color_checks(compiler)
    return (None if has_errors else rules), compiler.problems


def open_level(name_or_path: str | os.PathLike[str], value_model: bool = True) -> LoadedLevel:
    """Load, validate and compile a level, keeping its warnings; raises ContentError
    listing every problem.

    `value_model=False` ignores the level's trained value model (`ai_value.json`):
    that is how `train-ai` loads a level whose model is missing or out of date.
    """
    folder = find_level(name_or_path)
    source = read_level(folder)
    oversized = limits.check_sizes(source.files, display_name(folder))
    if oversized:  # compiling it would take minutes and gigabytes: stop here
        raise ContentError([*(p for p in source.problems if p.severity == "error"), *oversized])
    source.value_model = value_model
    rules, problems = compile_level(source)
    learned = None
    if rules is not None and value_model:
        learned, found = read_value_file(folder, rules)
        problems = [*problems, *found]
    errors = [p for p in problems if p.severity == "error"]
    if errors or rules is None:
        raise ContentError(errors or problems)
    rules = replace(rules, learned_value=learned, folder=str(folder.resolve()))
    return LoadedLevel(rules, tuple(p for p in problems if p.severity == "warning"))


def load_level(name_or_path: str | os.PathLike[str], value_model: bool = True) -> Ruleset:
    """The compiled ruleset of a level (`open_level` without the warnings); raises
    ContentError listing every problem."""
    return open_level(name_or_path, value_model).ruleset
