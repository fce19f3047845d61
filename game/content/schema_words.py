"""Plain sentences for the schema's type and range errors, instead of pydantic's wording
("Input should be less than or equal to 20")."""

from __future__ import annotations

from typing import Any

# pydantic's range error types: the words for the bound, and its key in the error context
_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("above", "gt"),
    "less_than": ("below", "lt"),
}


def plain_message(kind: str, ctx: dict[str, Any], value: Any, fallback: str) -> str:
    """What to write instead, for one pydantic error type; `fallback` when not known."""
    got = f" (got {value!r})" if isinstance(value, (int, float, str)) else ""
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"must be {words} {ctx.get(key)}{got}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}{got}"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters; shorten it"
    if kind == "string_too_short":
        return "must not be empty; write some text"
    if kind in ("too_long", "too_short") and "max_length" in ctx and "min_length" in ctx:
        if ctx["min_length"] == ctx["max_length"]:
            return f"needs exactly {ctx['min_length']} items, like [x, y]"
        return f"needs {ctx['min_length']} to {ctx['max_length']} items"
    if kind == "too_long":
        return f"has too many items: at most {ctx.get('max_length')}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} items"
    if kind == "value_error":
        return fallback.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and "\\d{4}" in str(ctx.get("pattern", "")):
        return f'must be a date written "YYYY-MM-DD", e.g. "2023-07-26"{got}'
    if kind == "string_type":
        return "must be text; write it after the colon" if value is None else "must be text"
    if kind == "none_required":
        return "must be left out here"
    if kind == "bool_type":
        return f"write true or false{got}"
    if kind in ("int_type", "int_from_float"):
        return f"must be a whole number{got}"
    if kind == "float_type":
        return f"must be a number{got}"
    if kind in ("list_type",):
        return f"must be a list, like [a, b]{got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of keys to values, like {{key: value}}{got}"
    return fallback


def id_message(value: str) -> str:
    """Why `value` is not an id (lower_snake_case ASCII), naming the first wrong character."""
    rule = "ids are lower_snake_case: a-z, 0-9 and '_', starting with a letter"
    if not value:
        return f"an id cannot be empty; {rule}"
    if len(value) > 48:
        return f"'{value[:20]}...' is longer than 48 characters; shorten it"
    for i, ch in enumerate(value):
        ok = ch in "abcdefghijklmnopqrstuvwxyz" or (
            i > 0 and ((ch.isdigit() and ch.isascii()) or ch == "_")
        )
        if not ok:
            if "A" <= ch <= "Z":
                fix = f"write it in lower case ('{value.lower()}')"
            elif i == 0:
                fix = "start it with a letter"
            else:
                fix = "remove it or use '_'"
            return f"'{value}' is not a valid id: character {i + 1} ({ch!r}) — {fix}; {rule}"
    return f"'{value}' is not a valid id; {rule}"
