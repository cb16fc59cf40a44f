"""The drivers workshop on screen (issue 18), when the scenario has `vision.rate_drivers`.

- In the first turn (briefing to allocation) D opens `RatingView`: a grid of the change
  drivers (rows) by region type (columns) for one people's team at a time; a click or
  Enter on a cell adds a point of how strongly the team expects the driver to hit the
  region type (1-5, then back to none), ←/→ move, Tab turns to the next people's team.
  Each change is a `rate` command (journaled).
- Later, `draw_comparison` sets the room's expectations beside the scenario's own driver
  intensities (game.sim.vision.model_intensity, on the same 1-5 scale): the debrief's
  Drivers page and the reflection's D view ("where our expectations differed from the
  scenario's"), and `expectation_line` says it in a line for one region type.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.sim.vision import RATING_STEPS, model_intensity
from game.ui.pages import bottom_note, card
from game.ui.readmodel import rating_open
from game.ui.theme import mix
from game.ui.views import View
from game.ui.widgets import ARROWS


def expectation_line(app, region: int) -> str:
    """The room's expectations against the scenario for one region type, largest gap
    first, or "" when nobody rated it.
    """
    room = app.session.game.workshop.mean_ratings()
    if room is None:
        return ""
    model = model_intensity(app.model)
    lab, tr = app.labels, app.tr
    pairs = [
        (abs(room[d, region] - model[d, region]), d)
        for d in range(len(app.model.driver_ids))
        if not np.isnan(room[d, region])
    ]
    if not pairs:
        return ""
    parts = [
        tr(
            "drv.pair",
            driver=lab.driver(d),
            room=tr.num(room[d, region]),
            model=tr.num(model[d, region]),
        )
        for _, d in sorted(pairs, reverse=True)[:3]
    ]
    return tr("drv.line", region=lab.region(region), pairs=" · ".join(parts))


class RatingView(View):
    """A people's team rates the drivers by region type (first turn)."""

    name = "drivers"
    key = "D"
    title_key = "drv.title"

    def __init__(self, app):
        super().__init__(app)
        self.team_i = 0
        self.cell = (0, 0)
        self.rects: dict[tuple[int, int], pygame.Rect] = {}

    @property
    def team(self) -> int:
        """The people's team whose ratings the grid shows."""
        human = self.app.session.human
        return human[self.team_i % len(human)]

    def add_point(self, d: int, r: int) -> None:
        """One point more for (driver, region type); past 5 back to none."""
        from game.session.workshop import rate_command

        s, m = self.app.session, self.app.model
        if not rating_open(s):
            return
        ratings = s.game.workshop.ratings[self.team].copy()
        ratings[d, r] = (ratings[d, r] + 1) % (RATING_STEPS + 1)
        self.app.send(rate_command(m, self.team, ratings))

    def handle(self, ev) -> bool:
        """Click or Enter: a point more; arrows move; Tab: the next team; D closes."""
        m = self.app.model
        D, R = len(m.driver_ids), len(m.region_ids)
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            for (d, r), rect in self.rects.items():
                if rect.collidepoint(ev.pos):
                    self.cell = (d, r)
                    self.add_point(d, r)
                    return True
            return False
        if ev.type != pygame.KEYDOWN:
            return False
        d, r = self.cell
        if ev.key in ARROWS:
            dd, dr = ARROWS[ev.key]
            self.cell = ((d + dd) % D, (r + dr) % R)
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.add_point(d, r)
            return True
        if ev.key == pygame.K_TAB:
            self.team_i += 1
            return True
        if ev.key == pygame.K_d:
            self.app.overlay = None
            return True
        return False

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """The team's grid of pips."""
        app = self.app
        p, tp, tr, lab, m = app.pal, app.tp, app.tr, app.labels, app.model
        inner = self.frame(surf, body)
        j = self.team
        head = tr("drv.for_team", team=lab.team(j))
        tp.draw(
            surf,
            head + " " + tr("drv.how"),
            pygame.Rect(inner.x, inner.y, inner.width, 2 * tp.line_height("small")),
            "small",
            p.ink,
            max_lines=2,
        )
        inner.y += 2 * tp.line_height("small") + app.px(8)
        inner.height -= 2 * tp.line_height("small") + app.px(8)
        ratings = app.session.game.workshop.ratings[j]
        D = len(m.driver_ids)
        geo = _grid_head(surf, app, inner, 0.26, D, app.px(64))
        col = p.teams[j % len(p.teams)]
        self.rects = {}
        for d, r, rect in _grid_cells(surf, app, inner, geo, D):
            self.rects[(d, r)] = rect
            pygame.draw.rect(surf, mix(p.panel, col, 0.1), rect, border_radius=app.px(5))
            edge = p.accent if (d, r) == self.cell else p.line
            pygame.draw.rect(surf, edge, rect, max(1, app.px(2)), border_radius=app.px(5))
            _pips(surf, app, rect, int(ratings[d, r]), col)

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the grid."""
        tr = self.app.tr
        return [
            ("Enter", tr("drv.key_point")),
            ("Tab", tr("drv.key_team")),
            ("Esc", tr("key.close")),
        ]


def _grid_head(surf, app, inner: pygame.Rect, name_share: float, rows: int, max_row: int):
    """The region types' names over a drivers × region types grid in `inner`; returns
    (name column width, header height, column width, row height).
    """
    tp, R = app.tp, len(app.model.region_ids)
    name_w = int(inner.width * name_share)
    head_h = 2 * tp.line_height("tinyb") + app.px(4)
    cw = (inner.width - name_w) // R
    ch = min((inner.height - head_h) // max(1, rows), max_row)
    for r in range(R):
        cell = pygame.Rect(inner.x + name_w + r * cw + app.px(2), inner.y, cw - app.px(4), head_h)
        tp.draw(surf, app.labels.region(r), cell, "tinyb", app.pal.ink, "center", max_lines=2)
    return name_w, head_h, cw, ch


def _grid_cells(surf, app, inner: pygame.Rect, geo: tuple, rows: int):
    """Draw each driver's name in its row of the grid `_grid_head` laid out (`geo`), and
    yield (driver, region type, cell rectangle) row by row.
    """
    name_w, head_h, cw, ch = geo
    for d in range(rows):
        y = inner.y + head_h + d * ch
        name = pygame.Rect(inner.x, y, name_w - app.px(8), ch)
        app.tp.draw(surf, app.labels.driver(d), name, "small", app.pal.ink, valign="middle",
                    max_lines=2)  # fmt: skip
        for r in range(len(app.model.region_ids)):
            yield d, r, pygame.Rect(inner.x + name_w + r * cw + 2, y + 2, cw - 4, ch - 4)


def _pips(surf, app, rect: pygame.Rect, n: int, col) -> None:
    p = app.pal
    r = max(2, min(app.px(6), (rect.width - app.px(8)) // (2 * RATING_STEPS + 2), rect.height // 4))
    gap = (rect.width - 2 * r * RATING_STEPS) // (RATING_STEPS + 1)
    for i in range(RATING_STEPS):
        c = (rect.x + gap + r + i * (2 * r + gap), rect.centery)
        if i < n:
            pygame.draw.circle(surf, col, c, r)
        else:
            pygame.draw.circle(surf, p.line, c, r, 1)


def draw_comparison(surf, app, rect: pygame.Rect) -> None:
    """Drivers × region types: the room's mean rating against the scenario's intensity
    (both 1-5), each cell coloured by the gap: where the room expected more (bad colour),
    less (good colour) or about what the scenario has (the card).
    """
    p, tp, tr, m = app.pal, app.tp, app.tr, app.model
    inner = card(surf, app, rect, tr("drv.compare_title"))
    room = app.session.game.workshop.mean_ratings()
    if room is None:
        tp.draw(surf, tr("drv.none"), inner, "body", p.muted)
        return
    model = model_intensity(m)
    D = len(m.driver_ids)
    inner = bottom_note(surf, app, inner, tr("drv.compare_note"), "tiny", p.muted, gap=app.px(4))
    geo = _grid_head(surf, app, inner, 0.24, D, app.px(70))
    ch = geo[3]
    role = "small" if ch >= 2 * tp.line_height("small") else "tiny"
    for d, r, cell in _grid_cells(surf, app, inner, geo, D):
        v = room[d, r]
        if np.isnan(v):
            pygame.draw.rect(surf, p.panel_alt, cell, border_radius=app.px(4))
            tp.line(
                surf,
                tr("drv.model_only", model=tr.num(model[d, r])),
                cell,
                "tiny",
                p.muted,
                "center",
            )
            continue
        gap = float(v - model[d, r])
        t = min(1.0, abs(gap) / 3.0) * 0.75
        fill = mix(p.panel, p.bad if gap > 0 else p.good, t)
        pygame.draw.rect(surf, fill, cell, border_radius=app.px(4))
        ink = (255, 255, 255) if t > 0.5 else p.ink
        text = tr("drv.cell", room=tr.num(v), model=tr.num(model[d, r]))
        if tp.width(text, role + "b") > cell.width - app.px(4):
            text = tr.signed(gap)
        tp.line(surf, text, cell, role + "b", ink, "center")


class ComparisonView(View):
    """The room's expectations against the scenario's drivers (later turns, key D)."""

    name = "drivers_compare"
    key = "D"
    title_key = "drv.compare_view"

    def handle(self, ev) -> bool:
        """D closes the view."""
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_d:
            self.app.overlay = None
            return True
        return False

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """The comparison."""
        draw_comparison(surf, self.app, self.frame(surf, body))


def open_drivers(app) -> bool:
    """D: the rating grid in the first turn, the comparison once ratings exist; True when
    a view opened.
    """
    s = app.session
    if s is None:
        return False
    if rating_open(s):
        app.overlay = RatingView(app)
        return True
    if s.game.workshop.mean_ratings() is not None:
        app.overlay = ComparisonView(app)
        return True
    return False
