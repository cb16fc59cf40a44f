"""Briefing: the year advances, the change drivers move, and the turn's events are revealed."""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.ui.charts import signed
from game.ui.describe import effect_text
from game.ui.readmodel import driver_moves, effect_lines, programme_now
from game.ui.scenes.base import Scene
from game.ui.theme import draw_arrow, mix
from game.ui.widgets import Cycle, Grid, Tabs

KIND_TONES = {"shock": "bad", "dilemma": "accent", "election": "warn", "news": "good"}


class BriefingScene(Scene):
    """Drivers on the left, event cards on the right, readable from the back of a room."""

    name = "briefing"
    phase_scene = True

    def __init__(self, app):
        super().__init__(app)
        self.page = 0

    def enter(self) -> None:
        """Start on the first page of cards."""
        super().enter()
        self.page = 0

    def set_page(self, i: int) -> None:
        """Show another page of event cards."""
        self.page = i

    def handle(self, ev: pygame.event.Event) -> bool:
        """The mouse wheel turns the pages of cards; the rest as every scene."""
        if ev.type == pygame.MOUSEWHEEL and getattr(self, "pages", 1) > 1:
            self.set_page(max(0, min(self.pages - 1, self.page - ev.y)))
            self._built = None  # the page tabs show the new page
            return True
        return super().handle(ev)

    def _event_at(self, r: int, c: int) -> int | None:
        i = self.page * self.per_page + r * (len(self.cells) // max(1, self._rows)) + c
        return self.events[i] if i < len(self.events) else None

    def open_card(self, r: int, c: int) -> None:
        """Show the whole card (Enter on a card)."""
        ev = self._event_at(r, c)
        if ev is not None:
            from game.ui.views import CardView

            self.app.overlay = CardView(self.app, ev)

    def _draw_cell(self, surf, r: int, c: int, focused: bool) -> None:
        ev = self._event_at(r, c)
        if ev is not None:
            self._card(surf, self.cells[r * (len(self.cells) // max(1, self._rows)) + c], ev)

    def layout(self, body: pygame.Rect) -> None:
        """Drivers column, cards area, page tabs and the Next button."""
        app = self.app
        gap = app.px(16)
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.3), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        events = self.app.session.pending_events()
        self.events = events
        btn_h = app.tp.line_height("bodyb") + app.px(20)
        n = len(events)
        area = self.right.inflate(-2 * app.px(14), -2 * app.px(14))
        area.y += app.tp.line_height("h2") + app.px(8)
        area.height -= app.tp.line_height("h2") + app.px(8) + btn_h + gap
        # big cards, readable from the back of the room: at most four on a page
        cols = 3 if n == 3 else (max(1, n) if n <= 2 else 2)
        rows = 2 if n > cols else 1
        self._rows = rows
        self.per_page = cols * rows
        self.pages = max(1, math.ceil(n / self.per_page))
        self.page = min(self.page, self.pages - 1)
        cw = (area.width - gap * (cols - 1)) // cols
        ch = (area.height - gap * (rows - 1)) // rows
        self.cells = [
            pygame.Rect(area.x + c * (cw + gap), area.y + r * (ch + gap), cw, ch)
            for r in range(rows)
            for c in range(cols)
        ]
        bottom = pygame.Rect(area.x, area.bottom + gap, area.width, btn_h)
        widgets = []
        if n:
            widgets.append(
                Grid(
                    "cards",
                    rows,
                    cols,
                    (0, 0),
                    lambda r, c: self.cells[r * cols + c],
                    self._draw_cell,
                    None,
                    self.open_card,
                    pygame.Rect(area),
                )
            )
        if self.pages > 1:
            labels = [app.tr("brief.page", n=i + 1, total=self.pages) for i in range(self.pages)]
            # each tab as wide as its label in the tabs' smallest size (large text)
            per = max(app.px(110), max(app.tp.width(t, "tinyb") for t in labels) + app.px(24))
            tabs_w = min(bottom.width // 2, per * self.pages)
            if per * self.pages <= bottom.width // 2:
                widgets.append(
                    Tabs(
                        "pages",
                        labels,
                        self.page,
                        self.set_page,
                        pygame.Rect(bottom.x, bottom.y, tabs_w, btn_h),
                    )
                )
            else:  # more pages than tabs of a readable width: one page at a time, ‹ ›
                widgets.append(
                    Cycle(
                        "pages",
                        app.tr("brief.cards"),
                        labels,
                        self.page,
                        self.set_page,
                        pygame.Rect(bottom.x, bottom.y, bottom.width // 2, btn_h),
                    )
                )
        nb_w = min(app.px(420), bottom.width // 2)
        widgets.append(self.next_button(pygame.Rect(bottom.right - nb_w, bottom.y, nb_w, btn_h)))
        self.ring.set(widgets, focus="next")

    def draw(self, surf: pygame.Surface) -> None:
        """Drivers and cards."""
        app = self.app
        tr = app.tr
        self._drivers(surf, self.left)
        inner = self.panel(
            surf, self.right, tr("brief.events"), tr("brief.events_sub", n=len(self.events))
        )
        if not self.events:
            app.tp.draw(
                surf,
                tr("brief.no_events"),
                inner.inflate(0, -app.px(40)),
                "h2",
                app.pal.muted,
                "center",
                "middle",
            )
        self.ring.draw(surf, app)

    def _drivers(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        app = self.app
        p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
        m = app.model
        s = app.session
        inner = self.panel(surf, rect, tr("brief.drivers"), tr("brief.drivers_sub"))
        moves = driver_moves(s)
        extra = 0
        g = programme_now(s)
        election = s.turn in m.election_turns and g >= 0
        if election:
            extra = tp.line_height("smallb") + tp.line_height("body") * 2 + app.px(24)
        top = max(abs(float(v)) for v in np.ravel(m.driver_intensity)) if moves else 1.0
        n = max(1, len(moves))
        row_h = min((inner.height - extra) // n, app.px(110))
        for i, (d, before, now) in enumerate(moves):
            r = pygame.Rect(inner.x, inner.y + i * row_h, inner.width, row_h - app.px(6))
            name_h = tp.line_height("bodyb")
            tp.line(surf, lab.driver(d), pygame.Rect(r.x, r.y, r.width, name_h), "bodyb", p.ink)
            bar = pygame.Rect(r.x, r.y + name_h + app.px(6), int(r.width * 0.6), app.px(14))
            pygame.draw.rect(surf, p.grid, bar, border_radius=app.px(4))
            fill = bar.copy()
            fill.width = int(bar.width * min(1.0, abs(now) / (top or 1.0)))
            pygame.draw.rect(surf, p.series[i % len(p.series)], fill, border_radius=app.px(4))
            bx = bar.x + int(bar.width * min(1.0, abs(before) / (top or 1.0)))
            pygame.draw.line(surf, p.ink, (bx, bar.y - app.px(3)), (bx, bar.bottom + app.px(3)), 2)
            delta = now - before
            vh = tp.line_height("smallb")
            tx = pygame.Rect(
                bar.right + app.px(26), bar.centery - vh // 2, r.right - bar.right - app.px(26), vh
            )
            if abs(delta) > 1e-6:
                draw_arrow(surf, (bar.right + app.px(14), bar.centery), app.px(7), delta > 0, p.ink)
            now_s = tr.num(now, 2)
            text = now_s if abs(delta) < 5e-3 else f"{now_s} ({signed(delta, 2, tr)})"
            tp.line(surf, text, tx, "smallb", p.ink)
        if election:
            y = inner.bottom - extra + app.px(8)
            box = pygame.Rect(inner.x, y, inner.width, extra - app.px(8))
            pygame.draw.rect(surf, mix(p.panel, p.warn, 0.15), box, border_radius=app.px(8))
            pygame.draw.rect(surf, p.warn, box, 2, border_radius=app.px(8))
            b = box.inflate(-app.px(20), -app.px(12))
            h = tp.line_height("smallb")
            tp.line(surf, tr("brief.election"), pygame.Rect(b.x, b.y, b.width, h), "smallb", p.ink)
            tp.draw(
                surf,
                lab.programme(g),
                pygame.Rect(b.x, b.y + h, b.width, b.height - h),
                "bodyb",
                p.ink,
                max_lines=2,
            )

    def _card(self, surf: pygame.Surface, rect: pygame.Rect, ev: int) -> None:
        app = self.app
        p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
        m = app.model
        spec = m.events[ev]
        kind = "dilemma" if spec.is_dilemma else spec.kind
        tone = KIND_TONES.get(kind, "good")
        col = {"bad": p.bad, "accent": p.accent, "warn": p.warn, "good": p.good}[tone]
        pygame.draw.rect(surf, p.panel_alt, rect, border_radius=app.px(10))
        pygame.draw.rect(surf, col, rect, max(2, app.px(3)), border_radius=app.px(10))
        inner = rect.inflate(-app.px(24), -app.px(20))
        badge_h = tp.line_height("tinyb") + app.px(6)
        word = tr(f"evkind.{kind}")
        bw = tp.width(word, "tinyb") + app.px(20)
        badge = pygame.Rect(inner.x, inner.y, min(bw, inner.width), badge_h)
        pygame.draw.rect(surf, col, badge, border_radius=app.px(5))
        from game.ui.theme import readable_on

        tp.line(surf, word, badge, "tinyb", readable_on(col), "center")
        y = badge.bottom + app.px(8)
        title = lab.event_title(ev)
        box = pygame.Rect(inner.x, y, inner.width, tp.line_height("h2") * 2)
        role = tp.fit_role(title, ("h2", "bodyb"), box, 2)
        used = tp.draw(surf, title, box, role, p.ink, max_lines=2)
        y += used.height + app.px(6)
        fx_lines = []
        if spec.is_dilemma:
            fx_lines = [tr("brief.dilemma_note", n=len(spec.options))]
        else:
            fx_lines = [effect_text(app, fx) for fx in effect_lines(m, spec.effects)][:3]
        lh = tp.line_height("small")
        # below the title, never over it: as many effect lines as fit (the card opened
        # with Enter has them all)
        fx_lines = fx_lines[: max(0, (inner.bottom - y - app.px(8)) // lh)]
        fx_h = lh * len(fx_lines)
        text_box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - fx_h - app.px(8))
        if text_box.height >= tp.line_height("small"):
            tp.draw(surf, lab.event_text(ev), text_box, "small", p.ink)
        fy = inner.bottom - fx_h
        if fx_lines:
            pygame.draw.line(surf, p.line, (inner.x, fy - app.px(5)), (inner.right, fy - app.px(5)))
        for line in fx_lines:
            tp.line(surf, line, pygame.Rect(inner.x, fy, inner.width, lh), "smallb", p.ink)
            fy += lh

    def areas(self) -> dict[str, pygame.Rect]:
        """The drivers and the events."""
        return {"drivers": self.left, "events": self.right}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the briefing (D: the drivers workshop's ratings, issue 18)."""
        from game.ui.drivers_view import rating_open

        keys = [("Enter", self.app.tr("brief.key_card"))] if self.events else []
        if rating_open(self.app.session):
            keys.append(("D", self.app.tr("drv.key_rate")))
        return keys
