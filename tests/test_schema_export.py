"""The committed JSON Schema matches the models, and shipped files point editors at it."""

from __future__ import annotations

import json
from pathlib import Path

from game.content.jsonschema import level_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_schema_is_up_to_date() -> None:
    committed = (ROOT / "levels" / "level.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python main.py schema > levels/level.schema.json"


def test_the_schema_is_draft_7_with_definitions_refs() -> None:
    schema = level_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    text = json.dumps(schema)
    assert "#/$defs/" not in text and "#/definitions/Action" in text
    assert schema["additionalProperties"] is False


def test_every_shipped_level_file_names_the_schema_for_editors() -> None:
    files = [p for p in (ROOT / "levels").glob("*/*.yaml")]
    files += list((ROOT / "tests" / "levels").glob("*/*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        # a level's expectations (not part of its rules) have their own schema
        schema = "expectations" if path.name == "expectations.yaml" else "level"
        assert target == (ROOT / "levels" / f"{schema}.schema.json").resolve(), path


def test_the_committed_expectations_schema_is_up_to_date() -> None:
    from game.sim.expect_file import expectations_schema_text

    committed = (ROOT / "levels" / "expectations.schema.json").read_text(encoding="utf-8")
    assert committed == expectations_schema_text(), (
        "run: python main.py schema --expectations > levels/expectations.schema.json"
    )
