"""Errors that do not mislead: one root cause gives one error, messages name the entry by
its id, say which part of a name is unknown, and use the level's own names as examples."""

from __future__ import annotations

from tests.test_validator_traps import WriteLevel, at, edited, errors_of

MORALE = "min: 0, max: 9, initial: 5, visibility: private"


def test_one_bad_field_gives_one_error_with_a_note_on_what_it_hides(
    write_level: WriteLevel,
) -> None:
    text = edited(MORALE, 'min: 0, max: "ten", initial: 5, visibility: private')
    found = errors_of(write_level, text)
    uses = [i for i, line in enumerate(text.splitlines(), 1) if "blue.morale" in line]
    where = at(text, '"ten"')
    assert found == [
        f"{where}: resource 'morale': max: expected a number, got the text 'ten'; "
        "write a number (no quotes) — fixing it also clears 3 errors where 'morale' is used "
        f"(line {uses[0]} and 2 more), which follow from this one"
    ]


def test_a_bad_colour_gives_one_error_and_no_order_complaint(write_level: WriteLevel) -> None:
    text = edited('color: "#0072B2"', 'color: "blue"')
    found = errors_of(write_level, text)
    assert len(found) == 1, found
    where = at(text, '"blue"')
    assert found[0].startswith(
        f"{where}: faction 'blue': color: 'blue' is not a colour; "
        "write '#' and six hex digits, e.g. '#D55E00'"
    )
    assert "order must list" not in found[0] and "missing: none" not in found[0]


def test_type_errors_name_the_entry_by_its_id_not_its_index(write_level: WriteLevel) -> None:
    text = edited("ap: 1\n    requires: [tension", "per_round: many\n    requires: [tension")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, 'many')}: action 'calm': per_round: expected a number, got the text "
        "'many'; write a number (no quotes)"
    ]
    assert "actions.2" not in found[0]


def test_a_word_where_a_price_goes_says_what_a_price_may_be(write_level: WriteLevel) -> None:
    text = edited("ap: 1\n    requires: [tension", "ap: many\n    requires: [tension")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, 'many')}: action 'calm': ap: unknown name 'many'; 'ap' is a whole "
        "number from 0 to 20 or a formula of the level's values, e.g. '1 + (tension >= 3)'"
    ]


def test_an_unknown_faction_in_a_dotted_name_says_there_is_no_such_faction(
    write_level: WriteLevel,
) -> None:
    text = edited("when: tension >= 4", "when: mayor.approval >= 4")
    assert errors_of(write_level, text) == [
        f"{at(text, 'mayor.approval')}: event 'crisis': when: unknown name 'mayor.approval': "
        "the level has no faction or region 'mayor' (factions: red, blue; regions: capital, "
        "hills)"
    ]


def test_a_known_faction_with_an_unknown_value_says_which_part_is_unknown(
    write_level: WriteLevel,
) -> None:
    text = edited("when: tension >= 4", "when: blue.moral >= 4")
    assert errors_of(write_level, text) == [
        f"{at(text, 'blue.moral >=')}: event 'crisis': when: unknown name 'blue.moral' — did you "
        "mean 'blue.morale'?"
    ]


def test_generic_messages_use_the_level_s_own_names_as_examples(write_level: WriteLevel) -> None:
    text = edited("effects: [spies += 1]", "effects: [spies]")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, 'spies]')}: action 'recruit': effects.0: an effect must change something, "
        "e.g. 'tension += 1'"
    ]
    text = edited("effects: [spies += 1]", "effects: [spies + 1 += 2]")
    found = errors_of(write_level, text)
    assert len(found) == 1 and "e.g. 'red.cash += 1'" in found[0], found
    for message in found:
        assert "junta" not in message and "escalation" not in message


def test_a_failed_resource_named_by_a_cost_and_as_intel_is_one_error(
    write_level: WriteLevel,
) -> None:
    spies = "min: 0, max: 3, initial: 0}"
    text = edited(spies, "min: 0, max: 3, initial: 0, visibility: secret}").replace(
        "cost: {cash: 2}", "cost: {cash: 2, spies: 1}"
    )
    found = errors_of(write_level, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{at(text, 'secret')}: resource 'spies': visibility: ")
    assert "fixing it also clears" in found[0] and "where 'spies' is used" in found[0]


def test_a_failed_track_named_as_the_danger_gauge_is_one_error(write_level: WriteLevel) -> None:
    text = edited("initial: 1, danger: true}", "initial: 1, danger: yes}")
    found = errors_of(write_level, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{at(text, 'yes}')}: track 'tension': danger: ")
    assert "write true or false" in found[0] and "where 'tension' is used" in found[0]


def test_range_and_choice_errors_are_plain_sentences_not_pydantic_wording(
    write_level: WriteLevel,
) -> None:
    text = edited("ap: 1\n    requires: [tension", "ap: 25\n    requires: [tension")
    text = text.replace("    category: information\n", "    category: spying\n", 1)
    found = errors_of(write_level, text)
    assert f"{at(text, '25')}: action 'calm': ap: must be at most 20 (got 25)" in found
    assert (
        f"{at(text, 'spying')}: action 'agitate': category: must be one of 'diplomatic', "
        "'economic', 'military', 'information' or 'other' (got 'spying')"
    ) in found
    assert not any("Input should" in p for p in found)


def test_a_look_alike_letter_in_a_mapping_key_is_refused_naming_the_character(
    write_level: WriteLevel,
) -> None:
    text = edited("cost: {cash: 2}", "cost: {ｃash: 2}")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, 'ｃash')}: action 'recruit': cost.ｃash: the key 'ｃash' is not a valid id: "
        "character 'ｃ' (U+FF43 FULLWIDTH LATIN SMALL LETTER C) is not ASCII; it looks like "
        "'c' — retype it as plain 'c'"
    ]


def test_a_failed_region_gives_one_error_not_one_per_neighbour(write_level: WriteLevel) -> None:
    text = edited("adjacent: [hills]", "adjacent: [ｈills]")
    found = errors_of(write_level, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{at(text, 'ｈills')}: region 'capital': adjacent.0: ")
    assert "where 'capital' is used" in found[0]


def test_a_bad_id_names_the_first_wrong_character_and_the_rule(write_level: WriteLevel) -> None:
    text = edited("  - id: recruit\n", "  - id: re.cruit\n")
    found = errors_of(write_level, text)
    assert (
        f"{at(text, 're.cruit')}: action 're.cruit': id: 're.cruit' is not a valid id: "
        "character 3 ('.') — remove it or use '_'; ids are lower_snake_case: a-z, 0-9 and "
        "'_', starting with a letter"
    ) in found
    text = edited("  - id: recruit\n", "  - id: Recruit\n")
    assert any("write it in lower case ('recruit')" in p for p in errors_of(write_level, text))


def test_a_missing_name_says_to_write_text_not_that_input_should_be_a_string(
    write_level: WriteLevel,
) -> None:
    text = edited("    name: Blue League\n", "    name:\n")
    found = errors_of(write_level, text)
    line = text[: text.index("    name:\n")].count("\n") + 1
    assert len(found) == 1, found
    assert found[0].startswith(f"level.yaml:{line}:")
    assert "faction 'blue': name: must be text; write it after the colon" in found[0]


def test_a_rule_between_fields_and_a_bad_date_are_plain_sentences(
    write_level: WriteLevel,
) -> None:
    text = edited("    round: 2\n", "")
    found = errors_of(write_level, text)
    assert found == [f"{at(text, 'id: summit')}: event 'summit': a scheduled event needs 'round'"]
    text = edited('start_date: "2023-07-26"', 'start_date: "2023-7-26"')
    where = at(text, '"2023-7-26"')
    assert errors_of(write_level, text) == [
        f"{where}: level: start_date: must be a date written "
        '"YYYY-MM-DD", e.g. "2023-07-26" (got \'2023-7-26\')'
    ]
