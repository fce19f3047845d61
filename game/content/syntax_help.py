"""Plain sentences for the mistakes people make in rule expressions, instead of Python's
parser wording: non-ASCII look-alike letters, `=` for `==`, `=+`/`=-` for `+=`/`-=`,
reversed assignments, unbalanced brackets. Examples use the level's own names."""

from __future__ import annotations

import ast
import re
import unicodedata
import warnings

from game.content.refs import MAX_DEPTH, MAX_LENGTH, ExprError, Scope

_LONE_EQ = re.compile(r"(?<![=!<>+\-*/%:])=(?!=)")
_TYPO_OP = re.compile(r"(?<![=!<>+\-*/%])=([+\-])")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_AUG_SPLIT = re.compile(r"^(?P<left>.*?)\s*(?P<op>\+=|-=|\*=|(?<![=!<>])=(?!=))\s*(?P<right>.*)$")


def examples(scope: Scope) -> tuple[str, str]:
    """(a plain name, a dotted name) of the level, for example sentences."""
    found = getattr(scope, "examples", None)
    if callable(found):
        plain, dotted = found()
        return str(plain), str(dotted)
    return "value", "faction.value"


def check_characters(text: str) -> None:
    """Refuse non-ASCII characters: the rule language is ASCII, and Python would quietly
    read a full-width `ｔｅｎｓｉｏｎ` as `tension`; raises ExprError at the character."""
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        name = unicodedata.name(ch, "unnamed character")
        plain = unicodedata.normalize("NFKC", ch)
        hint = (
            f"; it looks like '{plain}' — retype it as plain '{plain}'"
            if plain.isascii() and plain.isprintable() and plain != ch
            else "; rule expressions use plain ASCII letters, digits and operators"
        )
        raise ExprError(f"character '{ch}' (U+{ord(ch):04X} {name}) is not ASCII{hint}", i)


def check_assignment_typos(text: str) -> None:
    """Refuse `x =+ 1` and `x =- 1` (which set x to ±1); raises ExprError naming the fix."""
    m = _TYPO_OP.search(text)
    if m is None:
        return
    sign = m.group(1)
    left = text[: m.start()].strip() or "value"
    right = text[m.end() :].strip() or "1"
    verb = "add" if sign == "+" else "subtract"
    message = f"'={sign}' sets {left} to {sign}{right}; to {verb}, write '{left} {sign}= {right}'"
    if sign == "-":
        message += f" (to set a negative value, write '{left} = -{right}' with a space)"
    raise ExprError(message, m.start())


def explain_condition_error(text: str, offset: int, python_msg: str, scope: Scope) -> ExprError:
    """An ExprError for a condition or formula Python could not parse."""
    eq = _LONE_EQ.search(text)
    fixed = "" if eq is None else text[: eq.start()].rstrip() + " == " + text[eq.end() :].lstrip()
    if eq is not None and _parses(fixed):
        return ExprError(
            f"'=' changes a value and belongs in effects; to compare, write '{fixed.strip()}'",
            eq.start(),
        )
    return _generic(text, offset, python_msg, scope)


def quiet_parse(text: str, mode: str) -> ast.AST:
    """`ast.parse` without Python's SyntaxWarnings ('invalid decimal literal' for `1and x`)
    reaching stderr; raises what `ast.parse` raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, mode=mode)


def _parses(text: str) -> bool:
    try:
        quiet_parse(text.strip(), "eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def explain_statement_error(text: str, offset: int, python_msg: str, scope: Scope) -> ExprError:
    """An ExprError for an effect Python could not parse (reversed assignments included)."""
    dotted = examples(scope)[1]
    m = _AUG_SPLIT.match(text.strip())
    if m is not None:
        left, op, right = m.group("left"), m.group("op"), m.group("right")
        if not _NAME.match(left) and _NAME.match(right):
            return ExprError(
                f"the value being changed goes on the left: write '{right} {op} {left}'", 0
            )
        if not _NAME.match(left):
            return ExprError(
                f"the left side of an effect must be the one name being changed, "
                f"e.g. '{dotted} {op} 1'",
                0,
            )
    return _generic(text, offset, python_msg, scope)


def _generic(text: str, offset: int, python_msg: str, scope: Scope) -> ExprError:
    """Our own sentence for a parse error, located at Python's offset."""
    if "was never closed" in python_msg:
        return ExprError("this '(' is never closed; add the matching ')'", offset)
    if "unmatched" in python_msg:
        return ExprError("this ')' has no matching '('; remove it or add one", offset)
    plain, dotted = examples(scope)
    at = min(max(offset, 0), len(text))
    near = text[at : at + 12].strip()
    where = f" near '{near}'" if near else " at its end"
    return ExprError(
        f"this expression cannot be read{where}: check for a missing operator or value, "
        f"e.g. '{plain} >= 2 and {dotted} < 5'",
        at,
    )


# What a designer typed, for the Python constructs the rule language refuses
_CONSTRUCTS = {
    "NamedExpr": "':='",
    "Lambda": "'lambda'",
    "Subscript": "'[...]'",
    "List": "lists '[...]'",
    "Tuple": "',' outside a function call",
    "Set": "'{...}'",
    "Dict": "'{...}'",
    "JoinedStr": "text",
    "Starred": "'*'",
    "Await": "'await'",
    "Yield": "'yield'",
    "GeneratorExp": "'for'",
    "ListComp": "'for'",
    "SetComp": "'for'",
    "DictComp": "'for'",
    "BitAnd": "'&' (write 'and')",
    "BitOr": "'|' (write 'or')",
    "BitXor": "'^' (for powers write '**')",
    "LShift": "'<<'",
    "RShift": "'>>'",
    "MatMult": "'@'",
    "In": "'in'",
    "NotIn": "'not in'",
    "Is": "'is' (write '==')",
    "IsNot": "'is not' (write '!=')",
}


def construct_word(node_type: str) -> str:
    """How to name a refused Python construct to a level designer."""
    return _CONSTRUCTS.get(node_type, f"'{node_type}'")


def parse_limited(text: str, mode: str, scope: Scope) -> ast.AST:
    """Parse a condition (`mode` "eval") or an effect ("exec") within the language's size
    limits; raises ExprError that says what is wrong and where."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters; split it up")
    check_characters(text)
    if text.count("(") > MAX_DEPTH or text.count("[") > 0:
        raise ExprError("expression is too deeply nested or uses '[' (not allowed)")
    if mode == "exec":
        check_assignment_typos(text)
    try:
        return quiet_parse(text.strip(), mode)
    except SyntaxError as exc:
        offset = max(0, (exc.offset or 1) - 1)
        explain = explain_condition_error if mode == "eval" else explain_statement_error
        raise explain(text.strip(), offset, str(exc.msg), scope) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("expression could not be parsed") from None
