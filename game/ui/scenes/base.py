"""The scene protocol: build widgets for a body rect, route input, draw.

A scene re-lays itself out only when the window, the settings or the game changed
(`App.version`), so a frame is mostly blits of cached text.
"""

from __future__ import annotations

import pygame

from game.ui import phasetabs
from game.ui.glossary import mark_term
from game.ui.widgets import Button, FocusRing

DRIVER_SCENES = ("briefing", "deliberation", "reflection")  # D: rate or compare the drivers


class Scene:
    """One screen of the game."""

    name = "scene"
    phase_scene = False  # a phase of the turn (shows the header and the Next button)

    def __init__(self, app):
        self.app = app
        self.ring = FocusRing()
        self._built: tuple | None = None
        self.body = pygame.Rect(0, 0, 0, 0)

    # -- life cycle ------------------------------------------------------------------------
    def enter(self) -> None:
        """Called when the scene becomes the current one."""
        self._built = None

    def ensure_layout(self, body: pygame.Rect) -> None:
        """Re-lay out when the body, the settings or the game changed."""
        key = (tuple(body), self.app.version)
        if key != self._built:
            self.body = pygame.Rect(body)
            steps = self.phase_scene and phasetabs.has_focus(self)
            self.layout(self.body)
            if self.phase_scene:  # the header's phase steps, last in the Tab order
                phasetabs.attach(self, steps)
            self._built = key

    def layout(self, body: pygame.Rect) -> None:
        """Place the widgets (called by `ensure_layout`)."""

    def handle(self, ev: pygame.event.Event) -> bool:
        """Route an event to the widgets; True when used. PgUp goes back one phase."""
        if self.phase_scene and ev.type == pygame.KEYDOWN and ev.key == pygame.K_PAGEUP:
            return phasetabs.back_one(self.app)
        if self.name in DRIVER_SCENES and ev.type == pygame.KEYDOWN and ev.key == pygame.K_d:
            from game.ui.drivers_view import open_drivers  # issue 18: the drivers workshop

            if open_drivers(self.app):
                return True
        return self.ring.handle(ev, self.app)

    def update(self, dt: float) -> None:
        """Let time pass (animations)."""

    def draw(self, surf: pygame.Surface) -> None:
        """Draw the scene into its body rect."""

    def hints(self) -> list[tuple[str, str]]:
        """(key, action) pairs for the footer."""
        return []

    def areas(self) -> dict[str, pygame.Rect]:
        """Named parts of the screen the guided tutorial can point at (besides widgets)."""
        return {}

    def finish_animation(self) -> None:
        """Jump to the end of any animation (autoplay and screenshots)."""

    # -- helpers ---------------------------------------------------------------------------
    def next_button(self, rect: pygame.Rect) -> Button:
        """The button that moves the game to the next phase (PgDn)."""
        app = self.app
        label = app.next_label()
        return Button("next", label, app.advance, rect, primary=True, shortcut="PgDn")

    def panel(
        self, surf: pygame.Surface, rect: pygame.Rect, title: str = "", subtitle: str = ""
    ) -> pygame.Rect:
        """A white card with an optional title; returns the content rect under the title."""
        app = self.app
        p, tp = app.pal, app.tp
        pygame.draw.rect(surf, p.panel, rect, border_radius=app.px(10))
        pygame.draw.rect(surf, p.line, rect, 1, border_radius=app.px(10))
        pad = app.px(14)
        inner = rect.inflate(-2 * pad, -2 * pad)
        if title:
            h = tp.line_height("h2")
            tw = inner.width
            if subtitle:
                tw = min(inner.width, tp.width(title, "h2") + app.px(4))
            drawn = tp.line(surf, title, pygame.Rect(inner.x, inner.y, tw, h), "h2", p.ink)
            mark_term(surf, app, title, drawn, "h2")
            if subtitle and inner.width - tw > app.px(60):
                sub = pygame.Rect(
                    inner.x + tw + app.px(14), inner.y, inner.width - tw - app.px(14), h
                )
                tp.line(surf, subtitle, sub, "small", p.muted)
            inner.y += h + app.px(8)
            inner.height -= h + app.px(8)
        return inner
