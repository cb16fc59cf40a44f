"""Resolution: the turn is computed; indicator bars move from before to after and the
network's edges thicken or thin, then a list says what happened.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.ui.network import draw_network
from game.ui.pages import _legend_h
from game.ui.panels import indicator_bars, region_marker
from game.ui.scenes.base import Scene
from game.ui.theme import draw_marker
from game.ui.widgets import marker_legend

DURATION = 2.2  # seconds of animation


def ease(t: float) -> float:
    """Smooth start and stop."""
    t = max(0.0, min(1.0, t))
    return 0.5 - 0.5 * math.cos(math.pi * t)


class ResolutionScene(Scene):
    """Indicators (left), the network and the turn's happenings (right)."""

    name = "resolution"
    phase_scene = True

    def __init__(self, app):
        super().__init__(app)
        self.t = 0.0

    def enter(self) -> None:
        """Start the animation."""
        super().enter()
        self.t = 0.0

    @property
    def progress(self) -> float:
        """0..1 along the animation."""
        return ease(self.t / DURATION)

    def update(self, dt: float) -> None:
        """Advance the animation."""
        self.t = min(DURATION, self.t + dt)

    def finish_animation(self) -> None:
        """Show the end state."""
        self.t = DURATION

    def handle(self, ev) -> bool:
        """R replays the animation."""
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_r:
            self.t = 0.0
            return True
        return super().handle(ev)

    def layout(self, body: pygame.Rect) -> None:
        """Indicator grid, network, list and the Next button."""
        app = self.app
        gap = app.px(16)
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.58), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        btn_h = app.tp.line_height("bodyb") + app.px(20)
        self.net_rect = pygame.Rect(
            self.right.x, self.right.y, self.right.width, int(self.right.height * 0.55)
        )
        self.list_rect = pygame.Rect(
            self.right.x,
            self.net_rect.bottom + gap,
            self.right.width,
            self.right.bottom - self.net_rect.bottom - 2 * gap - btn_h,
        )
        nb = pygame.Rect(self.right.x, self.right.bottom - btn_h, self.right.width, btn_h)
        self.ring.set([self.next_button(nb)], focus="next")

    def draw(self, surf: pygame.Surface) -> None:
        """Bars, network, happenings."""
        app = self.app
        tr = app.tr
        m = app.model
        res = app.session.last_result
        inner = self.panel(surf, self.left, tr("res.indicators"), tr("res.indicators_sub"))
        if res is None:
            return
        x0, x1 = res.x_before[0], res.x_after[0]
        K = len(m.indicator_ids)
        items = [(*region_marker(app, r), app.labels.region(r)) for r in range(len(m.region_ids))]
        lh = _legend_h(app, items, inner.width)
        marker_legend(
            surf, app, pygame.Rect(inner.x, inner.bottom - lh, inner.width, lh), items, "tiny"
        )
        inner.height -= lh + app.px(8)
        cols = 3 if K > 4 and inner.width > app.px(700) else 2
        rows = math.ceil(K / cols)
        gap = app.px(18)
        cw = (inner.width - gap * (cols - 1)) // cols
        ch = (inner.height - gap * (rows - 1)) // rows
        for k in range(K):
            r, c = divmod(k, cols)
            cell = pygame.Rect(inner.x + c * (cw + gap), inner.y + r * (ch + gap), cw, ch)
            indicator_bars(surf, app, cell, k, x0[:, k], x1[:, k], m.target[:, k], self.progress)
        ninner = self.panel(surf, self.net_rect, tr("res.network"), tr("res.network_sub"))
        tb, ta = res.trust_before[0], res.trust_after[0]
        present = app.session.game.state.present[0]
        draw_network(surf, app, ninner, ta, present, before=(tb, tb > 0), progress=self.progress)
        self._happenings(surf, self.list_rect, res)
        self.ring.draw(surf, app)

    def _happenings(self, surf: pygame.Surface, rect: pygame.Rect, res) -> None:
        app = self.app
        p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
        m = app.model
        inner = self.panel(surf, rect, tr("res.happened"))
        items: list[tuple[str, str]] = []
        for i in np.flatnonzero(res.fired[0]):
            ch = int(res.chosen[0, i])
            if ch >= 0:
                items.append(
                    (
                        "accent",
                        tr("res.dilemma", title=lab.event_title(i), option=lab.option(i, ch)),
                    )
                )
            else:
                items.append(("muted", tr("res.event", title=lab.event_title(i))))
        for q in range(len(m.package_ids)):
            if res.started[0, q]:
                items.append(("good", tr("res.pkg_started", title=lab.package_title(q))))
            elif res.funded[0, q]:
                items.append(("good", tr("res.pkg_runs", title=lab.package_title(q))))
            if res.lapsed[0, q]:
                items.append(("bad", tr("res.pkg_lapsed", title=lab.package_title(q))))
        for j in range(len(m.team_ids)):
            n = int(res.broken[0, j].sum())
            if n:
                items.append(("bad", tr("res.broken", team=lab.team(j), n=n)))
        if not items:
            items.append(("muted", tr("res.quiet")))
        lh = tp.line_height("small")
        y = inner.y
        shapes = {"good": "circle", "bad": "cross", "accent": "diamond", "muted": "ring"}
        for i, (tone, text) in enumerate(items):
            lines = min(2, len(tp.wrap(text, "small", inner.width - app.px(24))))
            h = lh * lines
            reserve = lh if i < len(items) - 1 else 0
            if y + h > inner.bottom - reserve:
                tp.line(
                    surf,
                    tr("res.more", n=len(items) - i),
                    pygame.Rect(inner.x, y, inner.width, lh),
                    "small",
                    p.muted,
                )
                break
            col = {"good": p.good, "bad": p.bad, "accent": p.accent}.get(tone, p.muted)
            draw_marker(surf, shapes[tone], (inner.x + app.px(8), y + lh // 2), app.px(6), col)
            tp.draw(
                surf,
                text,
                pygame.Rect(inner.x + app.px(22), y, inner.width - app.px(22), h),
                "small",
                p.ink,
                max_lines=2,
            )
            y += h + app.px(4)

    def areas(self) -> dict[str, pygame.Rect]:
        """Indicators, network and the list of happenings."""
        return {"indicators": self.left, "network": self.net_rect, "happened": self.list_rect}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the resolution."""
        return [("R", self.app.tr("res.key_replay"))]
