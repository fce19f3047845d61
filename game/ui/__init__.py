"""The Pygame game: a screen stack (title, setup, play, hand-off, end) on pygame-ce and
pygame_gui, and the terminal text mode. Renders views, turns clicks into Actions; no rules.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
