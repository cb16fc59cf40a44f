"""Debrief: the scores and the cooperation dividend, every indicator's path against the
vision, the network at the start and the end, and the decision log; the report (R) and
"what if" branches from an earlier turn (W).
"""

from __future__ import annotations

import pygame

from game.ui.pages import draw_log, draw_network_compare, draw_scores, draw_trajectories
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, Tabs

PAGES = ("scores", "trajectories", "network", "log", "futures", "drivers")


class DebriefScene(Scene):
    """Six pages behind tabs (1–6)."""

    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.offset = 0
        self.fit = 10
        self.report_path = None  # where the report was written, once it was

    def enter(self) -> None:
        """Open on the scores."""
        super().enter()
        self.page = 0
        self.offset = 0
        self.report_path = None

    def set_page(self, i: int) -> None:
        """Show another page."""
        self.page = i
        self.offset = 0
        if self.ring.widgets:
            self.ring.widgets[0].index = i

    def layout(self, body: pygame.Rect) -> None:
        """Tabs, then the report, what-if, new game and quit buttons."""
        app = self.app
        tr = app.tr
        h = app.tp.line_height("bodyb") + app.px(20)
        gap = app.px(10)
        bw = min(app.px(260), (body.width * 48 // 100 - 3 * gap) // 4)
        tabs_w = body.width - 4 * bw - 4 * gap
        tabs = Tabs(
            "pages",
            [f"{i + 1} {tr('debrief.' + p)}" for i, p in enumerate(PAGES)],
            self.page,
            self.set_page,
            pygame.Rect(body.x, body.y, tabs_w, h),
        )
        x = body.x + tabs_w + gap
        buttons = []
        for key, label, action, shortcut, primary in (
            ("report", tr("debrief.report"), self.write_report, "R", False),
            ("whatif", tr("debrief.whatif"), self.what_if, "W", False),
            ("new", tr("debrief.new"), self.new_game, "", False),
            ("quit", tr("debrief.quit"), self.quit, "", True),
        ):
            buttons.append(
                Button(
                    key,
                    label,
                    action,
                    pygame.Rect(x, body.y, bw, h),
                    primary=primary,
                    shortcut=shortcut,
                )
            )
            x += bw + gap
        note_h = app.tp.line_height("small") + app.px(6) if self.report_path else 0
        self.content = pygame.Rect(
            body.x, body.y + h + app.px(14), body.width, body.height - h - app.px(14) - note_h
        )
        self.note = pygame.Rect(body.x, self.content.bottom + app.px(6), body.width, note_h)
        self.ring.set([tabs, *buttons], focus=None if self._built else "pages")

    def write_report(self) -> None:
        """Write this session's report (HTML, charts, CSV) into its folder's report/."""
        app = self.app
        tr = app.tr
        info = app.session_info
        if info is None:
            app.notify(tr("report.not_saved"), "error", 8)
            return
        from game.session.report import write_report
        from game.session.store import SessionError, open_session
        from game.ui.report_charts import render

        compare = None
        parent = (info.meta or {}).get("parent")
        if parent:
            try:
                compare = open_session(parent["session"], attach=False)[0]
            except SessionError:
                compare = None
        out = info.folder / "report"
        try:
            write_report(app.session, info, app.scenario.file, out, app.lang, render, compare)
        except OSError as err:
            app.notify(tr("report.failed", reason=err.strerror or str(err)), "error", 8)
            return
        self.report_path = out / "report.html"
        app.version += 1
        app.notify(tr("report.written", path=str(self.report_path)), seconds=10)

    def what_if(self) -> None:
        """Open the what-if dialog: branch from an earlier turn."""
        from game.ui.branch import BranchView

        self.app.toast = None  # a message about the report must not cover the dialog
        self.app.overlay = BranchView(self.app)

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
        """1–6 pick a page; ↑/↓ scroll the log; R writes the report; W what if."""
        if ev.type == pygame.KEYDOWN:
            if ev.unicode in ("1", "2", "3", "4", "5", "6"):
                self.set_page(int(ev.unicode) - 1)
                return True
            if ev.key == pygame.K_r:
                self.write_report()
                return True
            if ev.key == pygame.K_w:
                self.what_if()
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
        elif page == "futures":
            from game.ui.stress_view import draw_stress

            draw_stress(surf, app, self.content)
        elif page == "drivers":
            from game.ui.drivers_view import draw_comparison

            draw_comparison(surf, app, self.content)
        else:
            self.fit = draw_log(surf, app, self.content, self.offset)
        if self.report_path is not None and self.note.height:
            text = app.tr("report.where", path=str(self.report_path))
            app.tp.line(surf, text, self.note, "small", app.pal.ink)
        self.ring.draw(surf, app)

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the debrief."""
        tr = self.app.tr
        out = [
            ("1–6", tr("debrief.key_page")),
            ("R", tr("debrief.report")),
            ("W", tr("debrief.whatif")),
        ]
        if PAGES[self.page] == "log":
            out.append(("↑↓", tr("debrief.key_scroll")))
        return out
