"""The screen protocol: build pygame_gui elements, handle events, update, draw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.session import GameSession


class Screen:
    """One screen of the stack. Only the top screen has live pygame_gui elements: `build()`
    makes them (also after a resize), `teardown()` removes them."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list[Any] = []

    # helpers --------------------------------------------------------------------------
    @property
    def manager(self) -> pygame_gui.UIManager:
        """The app's pygame_gui manager."""
        return self.app.manager

    def px(self, size: float) -> int:
        """A design size in pixels at the current scale."""
        return self.app.fonts.px(size)

    def add(self, element: Any) -> Any:
        """Track a pygame_gui element so `teardown` removes it."""
        self.elements.append(element)
        return element

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        *,
        tip: str | None = None,
        kind: str | None = None,
        container: Any = None,
    ) -> pygame_gui.elements.UIButton:
        """A tracked button; `kind` is a theme class such as '@primary'."""
        button: pygame_gui.elements.UIButton = self.add(
            pygame_gui.elements.UIButton(
                relative_rect=rect,
                text=self.app.fonts.safe(text),
                manager=self.manager,
                tool_tip_text=self.app.fonts.safe(tip) if tip else None,
                container=container,
                object_id=ObjectID(class_id=kind) if kind else None,
            )
        )
        return button

    def label(
        self, rect: pygame.Rect, text: str, kind: str | None = None
    ) -> pygame_gui.elements.UILabel:
        """A tracked label."""
        label: pygame_gui.elements.UILabel = self.add(
            pygame_gui.elements.UILabel(
                relative_rect=rect,
                text=self.app.fonts.safe(text),
                manager=self.manager,
                object_id=ObjectID(class_id=kind) if kind else None,
            )
        )
        return label

    # lifecycle ------------------------------------------------------------------------
    def build(self) -> None:
        """Create this screen's widgets for the current window size."""

    def teardown(self) -> None:
        """Remove this screen's widgets."""
        for element in self.elements:
            element.kill()
        self.elements.clear()

    def intercept(self, event: pygame.event.Event) -> bool:
        """See an event before the pygame_gui layer does; True keeps it from the layer and
        from `handle` (an overlay that waits for one thing, e.g. the tutorial)."""
        return False

    def handle(self, event: pygame.event.Event) -> None:
        """React to one event (pygame_gui events included)."""

    def update(self, dt: float) -> None:
        """Advance time by `dt` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw below the pygame_gui elements."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw above the pygame_gui elements (overlays, hover boxes)."""

    def capture_name(self) -> str | None:
        """The screenshot name for this frame in screenshot mode; None: no screenshot."""
        return None

    def busy(self) -> bool:
        """Whether something must move without input (an AI seat to play); when not, the
        window sleeps until the next event instead of drawing 60 frames a second."""
        session = self.shown_session()
        if session is None or session.match.is_over:
            return False
        active = session.match.active
        return active >= 0 and not session.is_human(active) and session.held < 0

    def shown_session(self) -> GameSession | None:
        """The game this screen shows (play, hand-off, end), or None."""
        return None
