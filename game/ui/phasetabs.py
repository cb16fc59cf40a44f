"""The header's phase steps as a control: click (or Tab to them, ←/→, Enter) an earlier
phase of the turn to go back to it before the turn is resolved; PgUp goes back one phase.

Going back is a session command (`{"type": "back", "phase": …}`), journaled like every
other; the session decides when it is possible (`Session.blocked("back")`), the steps only
show it. The header draws the steps (`chrome.draw_steps`); this widget takes the focus,
the keys and the clicks.
"""

from __future__ import annotations

import pygame

from game.session.session import PHASES
from game.ui.widgets import Widget

KEY = "phases"


def reachable(app) -> list[int]:
    """The phases (indices) the turn can go back to now: the earlier ones before resolution."""
    s = app.session
    if s is None or s.blocked("back") is not None:
        return []
    return list(range(PHASES.index(s.phase)))


def go_back(app, phase: int) -> bool:
    """Send the command that goes back to `phase` (an index); True when it was taken."""
    if phase not in reachable(app):
        return False
    return app.send({"type": "back", "phase": PHASES[phase]})


def focused_step(app) -> int | None:
    """The step with the keyboard focus (drawn by the header), or None."""
    scene = app.scene
    w = scene.ring.focused if scene is not None else None
    if isinstance(w, PhaseSteps) and not app.console_open and app.overlay is None:
        return w.cursor(app)
    return None


class PhaseSteps(Widget):
    """The phase steps in the header, reached last with Tab; ←/→ choose, Enter goes."""

    hint_key = "hint.phases"

    def __init__(self, app, rect: pygame.Rect):
        super().__init__(KEY, rect)
        self.choice: int | None = None
        self.enabled = bool(reachable(app))

    def cursor(self, app) -> int:
        """The chosen earlier phase (the one just before the current one at first)."""
        back = reachable(app)
        if not back:
            return PHASES.index(app.session.phase) if not app.session.finished else 0
        if self.choice not in back:
            self.choice = back[-1]
        return self.choice

    def on_key(self, ev, app) -> bool:
        """←/→ choose an earlier phase, Enter or Space go back to it."""
        back = reachable(app)
        if not back:
            return False
        i = self.cursor(app)
        if ev.key in (pygame.K_LEFT, pygame.K_RIGHT):
            d = -1 if ev.key == pygame.K_LEFT else 1
            self.choice = max(back[0], min(back[-1], i + d))
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return go_back(app, i)
        return False

    def on_mouse(self, ev, app) -> bool:
        """A click on an earlier phase goes back to it."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            from game.ui.chrome import step_cells

            for i, c in enumerate(step_cells(app, self.rect)):
                if c.collidepoint(ev.pos):
                    self.choice = i
                    return go_back(app, i)
        return ev.type == pygame.MOUSEBUTTONDOWN


def has_focus(scene) -> bool:
    """True when the phase steps have the scene's keyboard focus."""
    w = scene.ring.focused
    return w is not None and w.key == KEY


def attach(scene, focused: bool = False) -> None:
    """Add the phase steps to a phase scene's focus ring, last (after the scene's own
    widgets); `focused` gives them the focus back after a new layout.
    """
    app = scene.app
    if app.session is None:
        return
    from game.ui.chrome import steps_rect

    header = app.layout_rects()[0]
    ring = scene.ring
    ring.widgets = [w for w in ring.widgets if w.key != KEY]
    ring.widgets.append(PhaseSteps(app, steps_rect(app, header)))
    if focused:
        ring.focus(KEY)


def back_one(app) -> bool:
    """PgUp: back to the phase just before this one, when the turn allows it."""
    back = reachable(app)
    return go_back(app, back[-1]) if back else False
