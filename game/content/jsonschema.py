"""The JSON Schema (draft 7) of a level file, for editors' YAML language servers."""

from __future__ import annotations

import json
from typing import Any

from game.content.schema import LevelFile

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (
                v.replace("#/$defs/", "#/definitions/")
                if k == "$ref" and isinstance(v, str)
                else _rewrite_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def level_schema() -> dict[str, Any]:
    """The schema of one level file as a draft-7 JSON Schema document."""
    raw = LevelFile.model_json_schema(by_alias=True)
    defs = raw.pop("$defs", {})
    schema = {"$schema": DRAFT7, "$id": "https://sahel-crisis.invalid/level.schema.json"}
    schema.update(_rewrite_refs(raw))
    schema["title"] = "Sahel Crisis level file"
    schema["definitions"] = _rewrite_refs(defs)
    return schema


def schema_text() -> str:
    """The schema as stable, pretty JSON text (what `main.py schema` prints)."""
    return json.dumps(level_schema(), indent=2, sort_keys=True) + "\n"
