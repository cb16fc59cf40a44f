"""Reflection: why it moved. Pick an indicator and a region type; the chart splits its
change this turn into its causes (`TurnResult.attribution`): drivers, events, each team,
packages, cooperation.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.ui.charts import diverging_bars, signed
from game.ui.drivers_view import expectation_line
from game.ui.panels import region_marker
from game.ui.scenes.base import Scene
from game.ui.theme import draw_marker, mix, source_kind_color
from game.ui.widgets import Grid, marker_legend

MAX_BARS = 12
PINNED = ("package", "package-trust")  # kinds of cause never summed into "smaller causes"
PINNED_MIN = 0.005  # points: smaller reads +0.00 and is summed with the rest


def source_color(app, name: str):
    """Colour of an attribution source by its kind (teams in their own colours)."""
    p = app.pal
    kind, _, ident = name.partition(":")
    if kind == "team":
        j = app.model.team_ids.index(ident)
        return p.teams[j % len(p.teams)]
    return source_kind_color(p, kind)


def causes(app, k: int, r: int, limit: int = MAX_BARS) -> list[tuple[str, float, str]]:
    """(source name, points, kind) of one cell's change, biggest first; the rest summed.

    A package's own effect and the trust co-funded packages built always get a line of
    their own (when they show at two decimals), however small: the room must see them apart.
    """
    res = app.session.last_result
    names = app.model.source_names()
    att = res.attribution[0, :, r, k]
    kinds = [nm.partition(":")[0] for nm in names]
    order = [int(i) for i in np.argsort(-np.abs(att), kind="stable") if abs(att[i]) > 1e-6]
    pinned = [i for i in order if kinds[i] in PINNED and abs(att[i]) >= PINNED_MIN]
    pinned = sorted(pinned, key=lambda i: kinds[i] != "package-trust")[:limit]  # trust first
    others = [i for i in order if i not in pinned][: limit - len(pinned)]
    keep = set(pinned) | set(others)
    out = [(names[i], float(att[i]), kinds[i]) for i in order if i in keep]
    rest = [i for i in order if i not in keep]
    if rest:
        out.append((f"rest:{len(rest)}", float(att[rest].sum()), "rest"))
    return out


class ReflectionScene(Scene):
    """The change grid (left) and the causes of the chosen cell (right)."""

    name = "reflection"
    phase_scene = True

    def __init__(self, app):
        super().__init__(app)
        self.cell: tuple[int, int] | None = None

    def enter(self) -> None:
        """Start on the biggest change of the turn."""
        super().enter()
        res = self.app.session.last_result
        if res is not None:
            d = np.abs(res.x_after[0] - res.x_before[0])  # (R, K)
            r, k = np.unravel_index(int(np.argmax(d)), d.shape)
            self.cell = (int(k), int(r))
        else:
            self.cell = (0, 0)

    def pick(self, k: int, r: int) -> None:
        """Explain another indicator × region type."""
        self.cell = (k, r)

    def layout(self, body: pygame.Rect) -> None:
        """The grid widget and the Next button."""
        app = self.app
        tp = app.tp
        m = app.model
        gap = app.px(16)
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.42), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        btn_h = tp.line_height("bodyb") + app.px(20)
        inner = self.left.inflate(-2 * app.px(14), -2 * app.px(14))
        inner.y += tp.line_height("h2") + app.px(8)
        inner.height -= tp.line_height("h2") + app.px(8)
        K, R = len(m.indicator_ids), len(m.region_ids)
        items = [(*region_marker(app, r), f"{r + 1} {app.labels.region(r)}") for r in range(R)]
        self.legend_items = items
        legend_h = tp.line_height("tiny") * (R + 1) // 2 + app.px(4)
        self.legend_rect = pygame.Rect(
            inner.x, inner.bottom - btn_h - gap - legend_h, inner.width, legend_h
        )
        head_h = tp.line_height("smallb") + app.px(8)
        name_w = int(inner.width * 0.36)
        grid_top = inner.y + head_h
        grid_h = self.legend_rect.y - app.px(10) - grid_top
        row_h = min(app.px(64), grid_h // max(1, K))
        col_w = (inner.width - name_w) // max(1, R)
        self.grid_geom = (inner.x, grid_top, name_w, col_w, row_h, head_h)

        def cell_rect(k: int, r: int) -> pygame.Rect:
            return pygame.Rect(
                inner.x + name_w + r * col_w + app.px(2),
                grid_top + k * row_h + app.px(2),
                col_w - app.px(4),
                row_h - app.px(4),
            )

        self.cell_rect = cell_rect
        k, r = self.cell or (0, 0)
        grid = Grid(
            "cells",
            K,
            R,
            (k, r),
            cell_rect,
            self._draw_cell,
            self.pick,
            self.pick,
            pygame.Rect(inner.x + name_w, grid_top, col_w * R, row_h * K),
        )
        nb = pygame.Rect(inner.x, inner.bottom - btn_h, inner.width, btn_h)
        self.ring.set([grid, self.next_button(nb)], focus=None if self._built else "cells")

    def _draw_cell(self, surf, k: int, r: int, focused: bool) -> None:
        app = self.app
        p, tp = app.pal, app.tp
        res = app.session.last_result
        rect = self.cell_rect(k, r)
        d = float(res.x_after[0, r, k] - res.x_before[0, r, k])
        tint = min(1.0, abs(d) / 3.0) * 0.55
        base = p.good if d > 0 else p.bad
        pygame.draw.rect(surf, mix(p.panel, base, tint), rect, border_radius=app.px(5))
        if self.cell == (k, r):
            pygame.draw.rect(surf, p.ink, rect, max(2, app.px(3)), border_radius=app.px(5))
        role = "smallb" if rect.height >= tp.line_height("smallb") else "tinyb"
        # a window can move a cell by ten points or more in a turn: whole points then,
        # so the number fits a narrow cell at large text sizes
        tp.line(surf, signed(d, 0 if abs(d) >= 9.95 else 1, app.tr), rect, role, p.ink, "center")

    def draw(self, surf: pygame.Surface) -> None:
        """Grid of changes and the causes of the chosen one."""
        app = self.app
        p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
        m = app.model
        res = app.session.last_result
        self.panel(surf, self.left, tr("refl.changes"), tr("refl.changes_sub"))
        x, top, name_w, col_w, row_h, head_h = self.grid_geom
        for r in range(len(m.region_ids)):
            shape, col = region_marker(app, r)
            cx = x + name_w + r * col_w + col_w // 2
            draw_marker(surf, shape, (cx - app.px(10), top - head_h // 2), app.px(6), col)
            tp.line(
                surf, str(r + 1), pygame.Rect(cx, top - head_h, col_w // 2, head_h), "smallb", p.ink
            )
        for k in range(len(m.indicator_ids)):
            rr = pygame.Rect(x, top + k * row_h, name_w - app.px(8), row_h)
            tp.draw(
                surf,
                lab.indicator(k),
                rr,
                "small" if row_h >= 2 * tp.line_height("small") else "tiny",
                p.ink,
                valign="middle",
                max_lines=2,
            )
        marker_legend(surf, app, self.legend_rect, self.legend_items, "tiny")
        self.ring.draw(surf, app)
        if res is None or self.cell is None:
            return
        k, r = self.cell
        before, after = float(res.x_before[0, r, k]), float(res.x_after[0, r, k])
        title = tr("refl.why", indicator=lab.indicator(k), region=lab.region(r))
        inner = self.panel(surf, self.right, "")
        h = tp.line_height("h2") * 2
        used = tp.draw(
            surf, title, pygame.Rect(inner.x, inner.y, inner.width, h), "h2", p.ink, max_lines=2
        )
        y = used.bottom + app.px(4)
        lh = tp.line_height("bodyb")
        tp.line(
            surf,
            tr(
                "refl.change",
                before=tr.num(before),
                after=tr.num(after),
                delta=signed(after - before, 2, tr),
            ),
            pygame.Rect(inner.x, y, inner.width, lh),
            "bodyb",
            p.accent,
        )
        y += lh + app.px(12)
        items = causes(app, k, r)
        sum_h = tp.line_height("small") * 2 + app.px(10)
        rows = []
        for name, v, kind in items:
            if kind == "rest":
                label, tag = tr("refl.rest", n=name.partition(":")[2]), ""
                col = p.muted
            else:
                label, tag, col = lab.source(name), lab.source_kind(name), source_color(app, name)
            rows.append((label, v, col, tag))
        exp = expectation_line(app, r)  # issue 18: the room's expectations of the drivers
        exp_h = tp.line_height("tiny") * 2 + app.px(4) if exp else 0
        chart = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - sum_h - exp_h)
        if rows:
            diverging_bars(surf, app, chart, rows, "small", 2)
        else:
            tp.draw(surf, tr("refl.no_change"), chart, "body", p.muted, "center", "middle")
        if exp:
            er = pygame.Rect(inner.x, chart.bottom + app.px(4), inner.width, exp_h - app.px(4))
            tp.draw(surf, exp, er, "tiny", p.muted, max_lines=2)
        # totals by kind of cause
        names = m.source_names()
        att = res.attribution[0, :, r, k]
        kinds: dict[str, float] = {}
        for i, nm in enumerate(names):
            kd = nm.partition(":")[0]
            kd = "team" if kd == "team" else kd
            kinds[kd] = kinds.get(kd, 0.0) + float(att[i])
        parts = [
            f"{tr('sourcekind.' + kd)} {signed(v, 2, tr)}"
            for kd, v in kinds.items()
            if abs(v) > 1e-6
        ]
        tp.draw(
            surf,
            tr("refl.by_kind") + " " + " · ".join(parts),
            pygame.Rect(
                inner.x, inner.bottom - sum_h + app.px(10), inner.width, sum_h - app.px(10)
            ),
            "small",
            p.ink,
            max_lines=2,
        )

    def areas(self) -> dict[str, pygame.Rect]:
        """The change grid and the causes."""
        return {"changes": self.left, "causes": self.right}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the reflection."""
        keys = [("↑↓←→", self.app.tr("refl.key_pick"))]
        if self.app.session.game.workshop.mean_ratings() is not None:
            keys.append(("D", self.app.tr("drv.key_compare")))
        return keys
