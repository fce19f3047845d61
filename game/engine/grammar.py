"""Verb agreement for names that come from level data ('The Hardliners end their turn').

A faction's name is the designer's text ('The Hardliners', 'United States', 'Russia and
Wagner'); a sentence built around it must agree with it without a list of known names.
Pure string functions, used by the engine's log and by the interface alike.
"""

from __future__ import annotations

import re

ASIDE = re.compile(r"\s*\([^)]*\)")  # '(led by Nigeria)', '(CNSP)': an aside, not the name


def is_plural(name: str) -> bool:
    """Whether a name reads as plural: two names joined by 'and' or '&' ('Russia and
    Wagner'), or 'The' + a name whose last word is a lower-case plural ('The Hardliners').
    A bare proper name ending in s ('United States', 'ECOWAS') stays singular."""
    core = ASIDE.sub("", name).strip()
    words = core.split()
    if any(w.lower() in ("and", "&") for w in words[1:-1]):
        return True
    if len(words) < 2 or words[0].lower() != "the":
        return False
    last = words[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def verb(name: str, singular: str, plural: str) -> str:
    """`name` followed by the verb form that agrees with it: 'The Hardliners win'."""
    return f"{name} {plural if is_plural(name) else singular}"
