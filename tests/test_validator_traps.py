"""Mistakes that used to be accepted silently are refused (or warned about) at their line,
naming the entry and the fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from game.content import ContentError, open_level
from tests.conftest import mini_text

WriteLevel = Callable[[str], Path]


def edited(old: str, new: str) -> str:
    text = mini_text()
    assert old in text, old
    return text.replace(old, new, 1)


def errors_of(write_level: WriteLevel, text: str) -> list[str]:
    """Every error, as 'level.yaml:LINE:COL: message'."""
    with pytest.raises(ContentError) as info:
        open_level(write_level(text))
    return [str(replace(p, file=Path(p.file).name)) for p in info.value.problems]


def warnings_of(write_level: WriteLevel, text: str) -> list[str]:
    """Every warning, as 'level.yaml:LINE:COL: warning: message'."""
    warnings = open_level(write_level(text)).warnings
    return [str(replace(w, file=Path(w.file).name)) for w in warnings]


def at(text: str, fragment: str, skip: int = 0) -> str:
    """'level.yaml:LINE:COL' of the first occurrence of `fragment` (plus `skip` columns)."""
    index = text.index(fragment) + skip
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"level.yaml:{line}:{col}"


AGITATE_CHANCE = "chance: 0.5 + 0.1 * red.spies"


@pytest.mark.parametrize(
    ("value", "shown", "meaning"),
    [
        ("1.6", "1.6", "1 means always"),
        ("-0.2", "-0.2", "0 means never"),
        ("2 * 0.8", "1.6", "1 means always"),
    ],
)
def test_a_constant_chance_outside_zero_to_one_is_an_error_at_its_value(
    write_level: WriteLevel, value: str, shown: str, meaning: str
) -> None:
    text = edited(AGITATE_CHANCE, f"chance: {value}")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, f'chance: {value}', skip=8)}: action 'agitate': chance: a chance is a "
        f"probability from 0 to 1, not {shown}; write a value from 0 to 1, such as 0.25 "
        f"({meaning})"
    ]


def test_a_chance_formula_that_can_leave_zero_to_one_is_a_warning_with_its_range(
    write_level: WriteLevel,
) -> None:
    text = edited(AGITATE_CHANCE, "chance: 0.5 + 0.7 * red.spies")
    found = warnings_of(write_level, text)
    expected = (
        f"{at(text, '0.5 + 0.7')}: warning: action 'agitate': chance: the chance "
        "'0.5 + 0.7 * red.spies' can reach 2.6 (its range is 0.5..2.6)"
    )
    assert any(w.startswith(expected) and "clamp(" in w for w in found), found


def test_a_chance_formula_that_stays_within_zero_to_one_gives_no_warning(
    write_level: WriteLevel,
) -> None:
    text = edited(AGITATE_CHANCE, "chance: clamp(0.5 + 0.7 * red.spies, 0, 1)")
    assert not [w for w in warnings_of(write_level, text) if "chance" in w]


def test_a_nested_chance_block_below_zero_is_a_warning(write_level: WriteLevel) -> None:
    text = edited(
        "effects: [blue.morale -= 2]",
        "effects:\n      - chance: 0.1 - 0.1 * blue.morale\n        then: [blue.morale -= 2]",
    )
    found = warnings_of(write_level, text)
    assert any(
        w.startswith(f"{at(text, '0.1 - 0.1')}: warning: event 'scandal': effects.0.chance:")
        and "can fall to -0.8" in w
        for w in found
    ), found


@pytest.mark.parametrize(
    ("typo", "fix"),
    [
        ("spies =+ 1", "'=+' sets spies to +1; to add, write 'spies += 1'"),
        ("spies =- 1", "to subtract, write 'spies -= 1'"),
    ],
)
def test_equals_plus_and_equals_minus_name_the_operator_meant(
    write_level: WriteLevel, typo: str, fix: str
) -> None:
    text = edited("effects: [spies += 1]", f"effects: [{typo}]")
    found = errors_of(write_level, text)
    assert any(p.startswith(f"{at(text, typo[6:])}: action 'recruit': effects.0: ") for p in found)
    assert any(fix in p for p in found), found


def test_a_single_equals_in_a_condition_suggests_double_equals(write_level: WriteLevel) -> None:
    text = edited("when: tension >= 4", "when: tension = 4")
    assert errors_of(write_level, text) == [
        f"{at(text, '= 4')}: event 'crisis': when: '=' changes a value and belongs in "
        "effects; to compare, write 'tension == 4'"
    ]


def test_a_reversed_assignment_says_the_changed_value_goes_on_the_left(
    write_level: WriteLevel,
) -> None:
    text = edited("effects: [spies += 1]", "effects: [1 += spies]")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, '1 += spies')}: action 'recruit': effects.0: the value being changed "
        "goes on the left: write 'spies += 1'"
    ]


def test_python_parser_wording_never_reaches_the_designer(write_level: WriteLevel) -> None:
    text = edited("when: tension >= 4", "when: tension >= 4 red.spies")
    found = errors_of(write_level, text)
    assert len(found) == 1
    assert "invalid syntax" not in found[0] and "syntax error" not in found[0]
    assert "cannot be read near 'red.spies'" in found[0]
    assert "event 'crisis': when:" in found[0]


def test_labels_for_values_outside_the_range_are_errors_at_the_label(
    write_level: WriteLevel,
) -> None:
    text = edited(
        "max: 5, initial: 1, danger: true}",
        'max: 5, initial: 1, danger: true, labels: {"0": calm, "7": war}}',
    )
    found = errors_of(write_level, text)
    label_at = at(text, '"7"')
    assert found == [
        f"{label_at}: track 'tension': labels.7: label 7 ('war') is outside "
        "tension's range 0..5, so it can never be shown; remove it or change min/max"
    ]


@pytest.mark.parametrize(
    ("old", "new", "fragment", "entry"),
    [
        (AGITATE_CHANCE, "chance: .nan", ".nan", "action 'agitate': chance"),
        ("position: [1, 0]", "position: [.inf, 0]", ".inf", "region 'hills': position.0"),
        (
            "weight: 2",
            "weight: -.inf",
            "-.inf",
            "event 'riot': weight",
        ),
    ],
)
def test_nan_and_infinities_are_refused_at_their_line(
    write_level: WriteLevel, old: str, new: str, fragment: str, entry: str
) -> None:
    text = edited(old, new)
    found = errors_of(write_level, text)
    assert any(
        p.startswith(f"{at(text, fragment)}: {entry}: ") and "write an ordinary finite number" in p
        for p in found
    ), found


@pytest.mark.parametrize(
    ("escaped", "what"),
    [
        ("\\e]52;c;aGVsbG8=\\a", "U+001B ESCAPE"),
        ("\\0", "U+0000 NUL"),
        ("\\x9b31m", "U+009B"),
        ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_control_and_escape_characters_in_text_are_refused_at_the_line(
    write_level: WriteLevel, escaped: str, what: str
) -> None:
    text = edited(
        "headline: A scandal shakes Blue.", f'headline: "A scandal {escaped} shakes Blue."'
    )
    found = errors_of(write_level, text)
    where = at(text, '"A scandal')
    assert any(
        p.startswith(f"{where}: event 'scandal': headline: the text contains {what}")
        and "delete it" in p
        for p in found
    ), found


def test_full_width_look_alike_names_are_refused_naming_the_character(
    write_level: WriteLevel,
) -> None:
    text = edited("when: tension >= 4", "when: ｔｅｎｓｉｏｎ >= 4")
    assert errors_of(write_level, text) == [
        f"{at(text, 'ｔｅｎ')}: event 'crisis': when: character 'ｔ' (U+FF54 FULLWIDTH LATIN "
        "SMALL LETTER T) is not ASCII; it looks like 't' — retype it as plain 't'"
    ]


def test_a_look_alike_letter_inside_an_effect_is_refused_at_that_letter(
    write_level: WriteLevel,
) -> None:
    text = edited("effects: [spies += 1]", "effects: [spiеs += 1]")  # Cyrillic 'е'
    found = errors_of(write_level, text)
    assert len(found) == 1
    assert found[0].startswith(f"{at(text, 'еs += 1')}: action 'recruit': effects.0: ")
    assert "U+0435 CYRILLIC SMALL LETTER IE" in found[0] and "plain 'е'" not in found[0]


def test_a_look_alike_letter_in_an_id_is_refused_naming_the_character(
    write_level: WriteLevel,
) -> None:
    text = edited("  - id: recruit\n", "  - id: ｒecruit\n")
    found = errors_of(write_level, text)
    assert any(
        p.startswith(f"{at(text, 'ｒecruit')}: action 'ｒecruit': id: ")
        and "U+FF52 FULLWIDTH LATIN SMALL LETTER R" in p
        and "retype it as plain 'r'" in p
        for p in found
    ), found


def test_python_warnings_about_the_text_never_reach_the_terminal(
    write_level: WriteLevel,
) -> None:
    import warnings

    text = edited("when: tension >= 4", "when: tension >= 4 and 1if tension else 0")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        open_level(write_level(text))
    assert [w for w in caught if issubclass(w.category, SyntaxWarning)] == []


def test_a_hostile_id_is_quoted_with_escapes_so_validate_never_prints_a_raw_escape(
    write_level: WriteLevel, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    text = edited("  - id: recruit\n", '  - id: "re\\e]52;c;aGVsbG8=\\acruit"\n')
    assert main(["validate", str(write_level(text))]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "re\\x1b]52;c;aGVsbG8=\\x07cruit" in out
    assert "U+001B ESCAPE" in out and "delete it" in out
