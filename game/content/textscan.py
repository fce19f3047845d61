"""Refuse values no level should hold, before the schema sees them: NaN and infinities
(`.nan`, `.inf`) anywhere, and NUL, control, terminal-escape and text-direction characters
in any text or key. Each is reported at its own line and column.

A NaN chance or region corner passes every comparison and then breaks the AI seats and
the window; an escape sequence in a headline is printed raw by `info` and `play
--headless` (OSC 52 writes the user's clipboard). Tabs and line breaks stay allowed.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from typing import Any

from game.content.entries import entry_label
from game.content.yamlread import YamlDocument

# C0 controls except tab and line feed, DEL, C1 controls (which include the escape CSI),
# and the bidirectional overrides/isolates that reorder text on screen ("Trojan source").
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_ALLOWED_C0 = frozenset({0x09, 0x0A})


def bad_character(text: str) -> tuple[int, str] | None:
    """(index, description) of the first character a level text must not contain, or None."""
    for i, ch in enumerate(text):
        code = ord(ch)
        if (code < 0x20 and code not in _ALLOWED_C0) or 0x7F <= code <= 0x9F or code in _BIDI:
            name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(code, "control character")
            return i, f"U+{code:04X} {name}"
    return None


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def _walk(data: Any) -> Iterator[tuple[tuple[Any, ...], Any, bool]]:
    """Every (path, value, is_key) of parsed YAML data, iteratively."""
    todo: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while todo:
        path, node = todo.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                yield (*path, key), key, True
                todo.append(((*path, key), value))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                todo.append(((*path, i), value))
        else:
            yield path, node, False


def _where(doc: YamlDocument, path: tuple[Any, ...], is_key: bool) -> tuple[int, int]:
    """The (line, col) of a value (or of its key), falling back to the nearest parent."""
    if not is_key and (*path, "$value") in doc.positions:
        return doc.positions[(*path, "$value")]
    p = path
    while p:
        if p in doc.positions:
            return doc.positions[p]
        p = p[:-1]
    return doc.positions.get((), (1, 1))


def scan_values(doc: YamlDocument) -> list[tuple[int, int, str]]:
    """(line, col, message) for every NaN, infinity or forbidden character in a file."""
    found: list[tuple[int, int, str]] = []
    for path, value, is_key in _walk(doc.data):
        if isinstance(value, float) and not math.isfinite(value):
            line, col = _where(doc, path, is_key)
            word = "not a number (NaN)" if math.isnan(value) else "infinite"
            found.append(
                (
                    line,
                    col,
                    f"{entry_label(doc.data, path)}: {value!r} is {word}; "
                    "write an ordinary finite number here",
                )
            )
        elif isinstance(value, str):
            bad = bad_character(value)
            if bad is None:
                continue
            index, what = bad
            line, col = _where(doc, path, is_key)
            if path not in doc.quoted and "\n" not in value:
                col += index  # a plain one-line scalar: point at the character itself
            part = f"key {value!r}" if is_key else "text"
            found.append(
                (
                    line,
                    col,
                    f"{entry_label(doc.data, path)}: the {part} contains {what} (character "
                    f"{index + 1}); control and escape characters would be printed raw to "
                    "terminals — delete it",
                )
            )
    found.sort()
    return found
