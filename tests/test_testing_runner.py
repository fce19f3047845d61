"""The YAML rule-test runner: results, located failures, bad files, CLI and pytest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.testing.reader import TestFileError, read_test_file
from game.testing.suite import run_file

pytest_plugins = ["pytester"]

MINI = Path(__file__).resolve().parent / "levels" / "mini"

FAILING = """\
tests:
  - name: agitation is expected to do more than it does
    given: {turn: red}
    when:
      - {action: agitate, target: capital, roll: success}
    then:
      tension: 2
      capital.influence.red: 3
      red.cash: {min: 5}
  - name: this one passes
    then: {tension: 1}
"""


def level_with_tests(root: Path, text: str, name: str = "rules.yaml") -> Path:
    """A copy of the mini level under root/levels/mini with one rule-test file."""
    folder = root / "levels" / "mini"
    (folder / "tests").mkdir(parents=True)
    shutil.copy(MINI / "level.yaml", folder / "level.yaml")
    (folder / "tests" / name).write_text(text, encoding="utf-8")
    return folder / "tests" / name


def test_a_failing_expectation_is_reported_with_its_line_expected_actual_and_the_log(
    tmp_path: Path,
) -> None:
    path = level_with_tests(tmp_path, FAILING)
    run = run_file(path)
    assert not run.problems
    failed, passed = run.results
    assert passed.passed and not failed.passed
    report = failed.report()
    assert f"{run.name}:8: capital.influence.red: expected 3, got 2" in report
    assert f"{run.name}:9: red.cash: expected at least 5, got 2" in report
    assert "tension" not in report.split("what happened:")[0]
    assert "Red Bloc: Agitate in Capital — it works." in report.split("what happened:")[1]


def test_main_test_prints_each_result_and_the_total_and_exits_1_on_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = level_with_tests(tmp_path, FAILING)
    code = main(["test", str(path.parent.parent)])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL " in out and "PASS " in out
    assert out.rstrip().splitlines()[-1] == "1 passed, 1 failed"


def test_main_test_exits_0_when_every_test_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test", "-q", str(MINI)])
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    assert code == 0
    passed, failed = last.split(", ")
    assert failed == "0 failed" and int(passed.split()[0]) >= 25


def test_an_unknown_key_in_a_test_file_is_located_with_a_suggestion(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    then: {over: false}\n    wehn: []\n"
    path = level_with_tests(tmp_path, text)
    with pytest.raises(TestFileError) as info:
        read_test_file(path)
    message = str(info.value)
    assert ":4:5: unknown key 'wehn' — did you mean 'when'?" in message


def test_a_bad_roll_value_is_located_at_its_line(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    when:\n      - {action: agitate, roll: maybe}\n    then: {}\n"
    path = level_with_tests(tmp_path, text)
    with pytest.raises(TestFileError) as info:
        read_test_file(path)
    assert ":4:" in str(info.value) and "roll" in str(info.value)


def test_two_tests_with_the_same_name_are_an_error(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    then: {}\n  - name: x\n    then: {}\n"
    with pytest.raises(TestFileError, match=r":4:\d+: two tests are named 'x'"):
        read_test_file(level_with_tests(tmp_path, text))


def test_an_unknown_value_name_fails_the_test_with_a_suggestion(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    given: {red.cahs: 2}\n    then: {}\n"
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    assert not result.passed
    assert result.failures[0].line == 3
    assert "unknown name 'red.cahs' — did you mean 'red.cash'?" in result.failures[0].message


def test_an_override_outside_the_bounds_fails_the_test(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    given: {tension: 9}\n    then: {}\n"
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    assert "tension = 9 is outside its bounds 0..5" in result.failures[0].message


def test_an_illegal_move_stops_the_test_with_the_engine_reason(tmp_path: Path) -> None:
    text = (
        "tests:\n  - name: x\n    given: {red.cash: 0}\n    when:\n"
        "      - pass\n      - {action: recruit}\n    then: {}\n"
    )
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    (failure,) = result.failures
    assert failure.line == 6
    assert "illegal: not_your_turn" in failure.message


def test_a_move_by_the_wrong_faction_is_reported(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    when:\n      - {faction: blue, action: calm}\n    then: {}\n"
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    assert "move by blue, but it is red's turn" in result.failures[0].message


def test_forcing_a_roll_on_an_action_without_chance_is_reported(tmp_path: Path) -> None:
    text = (
        "tests:\n  - name: x\n    when:\n      - {action: recruit, roll: success}\n    then: {}\n"
    )
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    assert "'recruit' has no chance roll" in result.failures[0].message


def test_legal_and_illegal_and_view_expectations_can_fail(tmp_path: Path) -> None:
    text = """\
tests:
  - name: every kind of expectation is wrong
    given: {red.cash: 0}
    then:
      legal: [recruit]
      illegal: [{action: agitate, target: hills, reason: cooldown}, calm]
      view: {faction: red, hidden: [tension], shows: [blue.morale]}
      fired: [summit]
      outcome: war
      winner: red
      turn: blue
      over: true
      scores: {red: 9}
      log: ["nothing like this"]
"""
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    lines = {f.line for f in result.failures}
    assert lines == set(range(5, 15))
    text_out = result.report()
    assert "expected 'recruit' to be legal; it is not (cost" in text_out
    assert "because of cooldown; got cost" in text_out
    assert "expected tension to be hidden; it shows 1" in text_out
    assert "expected blue.morale to be shown; it is hidden (seen as 0..9)" in text_out
    assert "event 'summit': expected to fire during the test; it did not" in text_out
    assert "winner: expected red, got none" in text_out
    assert "(nothing: no move was played and no event fired)" in text_out


def test_a_level_that_does_not_load_makes_its_test_files_fail(tmp_path: Path) -> None:
    path = level_with_tests(tmp_path, "tests:\n  - name: x\n    then: {}\n")
    (path.parent.parent / "level.yaml").write_text("level: {id: mini}\n", encoding="utf-8")
    run = run_file(path)
    assert run.problems and "does not load" in run.problems[0].message


def test_pytest_collects_yaml_rule_tests_and_shows_the_same_failure_text(
    pytester: pytest.Pytester,
) -> None:
    level_with_tests(pytester.path, FAILING)
    result = pytester.runpytest_inprocess("-p", "game.testing.plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*rules.yaml:8: capital.influence.red: expected 3, got 2*", "*what happened:*"]
    )


def test_a_misspelt_move_gives_one_message_with_a_suggestion(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    when: [passs]\n    then: {tension: {min: 3, max: 1}}\n"
    with pytest.raises(TestFileError) as info:
        read_test_file(level_with_tests(tmp_path, text))
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 2
    assert "'passs' is not valid here — did you mean 'pass'?" in problems[0]
    assert problems[1].endswith("then.tension: Value error, min 3 is above max 1")


def test_main_test_k_runs_only_the_tests_whose_name_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["test", str(MINI), "-k", "CRISIS"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "2 passed, 0 failed"
    assert all("crisis" in line for line in out[:-1])


def test_an_unknown_outcome_id_is_one_failure_with_a_suggestion(tmp_path: Path) -> None:
    text = "tests:\n  - name: x\n    then: {outcome: wra}\n"
    (result,) = run_file(level_with_tests(tmp_path, text)).results
    (failure,) = result.failures
    assert failure.line == 3 and "unknown outcome 'wra' — did you mean 'war'?" in failure.message
