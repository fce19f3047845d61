"""Loading levels: every problem reported at once, located, with suggestions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level
from game.content.yamlread import YamlReadError, read_yaml_text
from game.engine import Ruleset
from tests.conftest import mini_text


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_level(folder)
    return [str(p) for p in info.value.problems]


def test_the_mini_level_loads_into_a_ruleset(mini: Ruleset) -> None:
    assert mini.level_id == "mini"
    assert [f.id for f in mini.factions] == ["red", "blue"]
    assert mini.slot("capital.influence.blue") > mini.slot("capital.unrest") - 10
    assert mini.vars[mini.slot("blue.morale")].private


def test_yaml_11_booleans_stay_text_and_dates_stay_strings() -> None:
    doc = read_yaml_text("a: no\nb: on\nc: 2023-07-26\nd: 1:20\ne: true\nf: 010\n")
    assert doc.data == {"a": "no", "b": "on", "c": "2023-07-26", "d": "1:20", "e": True, "f": 10}


def test_duplicate_keys_are_errors_not_silently_overwritten() -> None:
    with pytest.raises(YamlReadError, match="duplicate key 'a'") as info:
        read_yaml_text("a: 1\nb: 2\na: 3\n")
    assert (info.value.problem.line, info.value.problem.col) == (3, 1)


def test_alias_bombs_and_deep_nesting_are_refused_quickly() -> None:
    bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdef", "bcdefg", strict=True)
    )
    with pytest.raises(YamlReadError, match="alias bomb"):
        read_yaml_text(bomb)
    with pytest.raises(YamlReadError, match="nesting"):
        read_yaml_text("[" * 5000 + "]" * 5000)


def test_python_tags_are_refused() -> None:
    with pytest.raises(YamlReadError, match="explicit tags"):
        read_yaml_text("a: !!python/object/apply:os.system ['echo pwned']\n")


def test_an_unknown_faction_is_reported_with_file_line_column_and_suggestion(
    write_level: Callable[[str], Path],
) -> None:
    text = mini_text().replace(
        "  - id: agitate\n    faction: red", "  - id: agitate\n    faction: redd"
    )
    folder = write_level(text)
    found = problems_of(folder)
    line = text.splitlines().index("    faction: redd") + 1
    assert any(
        f"level.yaml:{line}:5: action 'agitate': faction: unknown faction 'redd' — did you mean "
        "'red'?" in p
        for p in found
    )


def test_every_problem_is_reported_at_once(write_level: Callable[[str], Path]) -> None:
    text = (
        mini_text()
        .replace("effects: [spies += 1]", "effects: [spiez += 1]")
        .replace("    once: true", "    once: no")
        .replace("when: tension >= 5", "when: tension >= = 5")
        .replace(
            "  - id: riot\n    kind: random", "  - id: riot\n    kind: random\n    colour: red"
        )
    )
    found = problems_of(write_level(text))
    joined = "\n".join(found)
    assert "unknown name 'spiez'" in joined
    assert "write true or false" in joined
    assert "outcome 'war': when: this expression cannot be read near '= 5'" in joined
    assert "unknown key 'colour' — did you mean 'color'?" in joined
    assert len(found) >= 4
    assert all(p.split(":")[1].isdigit() and p.split(":")[2].isdigit() for p in found)


def test_expression_errors_point_at_the_column_inside_the_expression(
    write_level: Callable[[str], Path],
) -> None:
    text = mini_text().replace("when: tension >= 5", "when: tension >= bogus")
    found = problems_of(write_level(text))
    line_no = text.splitlines().index("    when: tension >= bogus") + 1
    assert any(
        p.startswith(f"lvl/level.yaml:{line_no}:22:") or f"level.yaml:{line_no}:22:" in p
        for p in found
    ), found


def test_a_level_without_a_level_section_is_explained(write_level: Callable[[str], Path]) -> None:
    found = problems_of(write_level("factions: []\n"))
    assert any("'level' section" in p for p in found)


def test_empty_and_non_utf8_files_are_errors(write_level: Callable[[str], Path]) -> None:
    folder = write_level(mini_text())
    (folder / "extra.yaml").write_bytes(b"")
    (folder / "latin.yaml").write_bytes(b"actions:\n  - name: caf\xe9\n")
    found = problems_of(folder)
    assert any("extra.yaml:1:1: file is empty" in p for p in found)
    assert any("latin.yaml:2:" in p and "UTF-8" in p for p in found)


def test_a_symlink_out_of_the_level_folder_is_refused(
    write_level: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = write_level(mini_text())
    outside = tmp_path / "secret.yaml"
    outside.write_text("tracks: []\n")
    (folder / "link.yaml").symlink_to(outside)
    assert any("links outside the level folder" in p for p in problems_of(folder))


def test_sections_split_across_files_are_merged(write_level: Callable[[str], Path]) -> None:
    text = mini_text()
    head, events = text.split("\nevents:\n", 1)
    body, rest = events.split("\nupkeep:\n", 1)
    folder = write_level(head + "\nupkeep:\n" + rest)
    (folder / "events.yaml").write_text("events:\n" + body + "\n")
    rules = load_level(folder)
    assert [e.id for e in rules.events] == ["summit", "riot", "scandal", "crisis"]


def test_duplicate_ids_and_reserved_words_are_errors(write_level: Callable[[str], Path]) -> None:
    text = mini_text().replace("id: hills", "id: capital").replace("id: window", "id: round")
    text = text.replace("clock: window", "clock: round")
    found = "\n".join(problems_of(write_level(text)))
    assert "duplicate region id 'capital'" in found
    assert "'round' is a reserved word" in found


def test_initial_values_outside_bounds_are_errors(write_level: Callable[[str], Path]) -> None:
    text = mini_text().replace(
        "min: 0, max: 5, initial: 1, danger: true", "min: 0, max: 5, initial: 9, danger: true"
    )
    assert any("initial value 9 is outside 0..5" in p for p in problems_of(write_level(text)))
