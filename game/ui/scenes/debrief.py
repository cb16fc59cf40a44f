"""Debrief: the scores and the cooperation dividend, every indicator's path against the
vision, the network at the start and the end, and the decision log.
"""

from __future__ import annotations

import pygame

from game.ui.pages import draw_log, draw_network_compare, draw_scores, draw_trajectories
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, Tabs

PAGES = ("scores", "trajectories", "network", "log")


class DebriefScene(Scene):
    """Four pages behind tabs (1–4)."""

    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.offset = 0
        self.fit = 10

    def enter(self) -> None:
        """Open on the scores."""
        super().enter()
        self.page = 0
        self.offset = 0

    def set_page(self, i: int) -> None:
        """Show another page."""
        self.page = i
        self.offset = 0
        if self.ring.widgets:
            self.ring.widgets[0].index = i

    def layout(self, body: pygame.Rect) -> None:
        """Tabs and the buttons."""
        app = self.app
        tr = app.tr
        h = app.tp.line_height("bodyb") + app.px(20)
        bw = min(app.px(300), body.width // 5)
        tabs_w = body.width - 2 * (bw + app.px(12))
        tabs = Tabs(
            "pages",
            [f"{i + 1} {tr('debrief.' + p)}" for i, p in enumerate(PAGES)],
            self.page,
            self.set_page,
            pygame.Rect(body.x, body.y, tabs_w, h),
        )
        new = Button(
            "new",
            tr("debrief.new"),
            self.new_game,
            pygame.Rect(body.right - 2 * bw - app.px(12), body.y, bw, h),
        )
        quit_ = Button(
            "quit",
            tr("debrief.quit"),
            self.quit,
            pygame.Rect(body.right - bw, body.y, bw, h),
            primary=True,
        )
        self.content = pygame.Rect(
            body.x, body.y + h + app.px(14), body.width, body.height - h - app.px(14)
        )
        self.ring.set([tabs, new, quit_], focus=None if self._built else "pages")

    def new_game(self) -> None:
        """Back to the title screen for a new game."""
        app = self.app
        app.session = None
        app.console_open = False
        app.overlay = None
        app.version += 1
        app.goto("title")

    def quit(self) -> None:
        """Close the game."""
        self.app.running = False

    def handle(self, ev) -> bool:
        """1–4 pick a page; ↑/↓ scroll the log."""
        if ev.type == pygame.KEYDOWN:
            if ev.unicode in ("1", "2", "3", "4"):
                self.set_page(int(ev.unicode) - 1)
                return True
            if PAGES[self.page] == "log" and ev.key in (pygame.K_DOWN, pygame.K_UP):
                from game.ui.pages import log_rows

                n = len(log_rows(self.app))
                step = 1 if ev.key == pygame.K_DOWN else -1
                self.offset = max(
                    0, min(self.offset + step * max(1, self.fit // 2), max(0, n - self.fit))
                )
                return True
        return super().handle(ev)

    def draw(self, surf: pygame.Surface) -> None:
        """The current page."""
        app = self.app
        page = PAGES[self.page]
        if page == "scores":
            draw_scores(surf, app, self.content)
        elif page == "trajectories":
            draw_trajectories(surf, app, self.content)
        elif page == "network":
            draw_network_compare(surf, app, self.content)
        else:
            self.fit = draw_log(surf, app, self.content, self.offset)
        self.ring.draw(surf, app)

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the debrief."""
        tr = self.app.tr
        out = [("1–4", tr("debrief.key_page"))]
        if PAGES[self.page] == "log":
            out.append(("↑↓", tr("debrief.key_scroll")))
        return out
