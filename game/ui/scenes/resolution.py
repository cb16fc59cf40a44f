"""Resolution: the turn is computed; indicator bars move from before to after and the
network's edges thicken or thin, then a list says what happened: cooperation first
(packages started, running, lapsed; broken pledges), then what people's teams left
undecided and what happened to it, then the dilemmas and the events. What does not fit
opens in a view of its own (L, or the "Show all" button).
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.ui.decided import settled_lines
from game.ui.network import draw_network
from game.ui.pages import _legend_h
from game.ui.panels import indicator_bars, region_marker
from game.ui.readmodel import network_now
from game.ui.scenes.base import Scene
from game.ui.theme import draw_marker
from game.ui.views import View
from game.ui.widgets import Button, marker_legend

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
        """R replays the animation; L opens the whole list of what happened."""
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_r:
            self.t = 0.0
            return True
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_l:
            self.show_all()
            return True
        return super().handle(ev)

    def show_all(self) -> None:
        """Open the whole list of what happened this turn."""
        self.app.overlay = HappenedView(self.app)

    def layout(self, body: pygame.Rect) -> None:
        """Indicator grid, network, list and the Next button."""
        app = self.app
        gap = app.px(16)
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.58), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        tp = app.tp
        btn_h = tp.line_height("bodyb") + app.px(20)
        # the list keeps room for its title and two items of two lines; the network the rest
        pad = app.px(14)
        list_min = 2 * pad + tp.line_height("h2") + app.px(8) + 2 * (2 * tp.line_height("small"))
        net_h = min(int(self.right.height * 0.55), self.right.height - btn_h - 2 * gap - list_min)
        self.net_rect = pygame.Rect(self.right.x, self.right.y, self.right.width, net_h)
        self.list_rect = pygame.Rect(
            self.right.x,
            self.net_rect.bottom + gap,
            self.right.width,
            self.right.bottom - self.net_rect.bottom - 2 * gap - btn_h,
        )
        nb = pygame.Rect(self.right.x, self.right.bottom - btn_h, self.right.width, btn_h)
        widgets = [self.next_button(nb)]
        res = app.session.last_result
        self.items = happenings(app, res) if res is not None else []
        self.fit, self.all_rect = self._fit(self.items), None
        if self.fit < len(self.items):  # the rest opens in a view: a button in the title row
            label = app.tr("res.show_all", n=len(self.items))
            head = self.list_rect.inflate(-2 * pad, -2 * pad)
            w = tp.width(label, "smallb") + tp.width("L", "tiny") + app.px(44)
            w = min(w, head.width - tp.width(app.tr("res.happened"), "h2") - app.px(12))
            self.all_rect = pygame.Rect(head.right - w, head.y, w, tp.line_height("h2"))
            widgets.append(
                Button("all", label, self.show_all, self.all_rect, shortcut="L", role="smallb")
            )
        self.ring.set(widgets, focus="next")

    def _list_inner(self) -> pygame.Rect:
        """The content rect of the list's panel (under its title)."""
        app = self.app
        pad = app.px(14)
        inner = self.list_rect.inflate(-2 * pad, -2 * pad)
        head = app.tp.line_height("h2") + app.px(8)
        return pygame.Rect(inner.x, inner.y + head, inner.width, inner.height - head)

    def _fit(self, items: list[tuple[str, str]]) -> int:
        """How many items the panel shows under its title: as many as fit, the last one
        cut to the lines there is room for (at least one item).
        """
        inner = self._list_inner()
        n, y = 0, 0
        for _, text in items:
            if inner.height - y < self.app.tp.line_height("small"):
                break
            y += _item_height(self.app, text, inner.width)  # the last one may be cut
            n += 1
        return max(n, min(1, len(items)))

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
        present = network_now(app.session)[1]
        draw_network(surf, app, ninner, ta, present, before=(tb, tb > 0), progress=self.progress)
        self._happenings(surf, self.list_rect, res)
        self.ring.draw(surf, app)

    def _happenings(self, surf: pygame.Surface, rect: pygame.Rect, res) -> None:
        app = self.app
        inner = self.panel(surf, rect, app.tr("res.happened"))
        y = inner.y
        for tone, text in self.items[: self.fit]:
            y += draw_item(surf, app, inner.x, y, inner.width, tone, text, inner.bottom - y)

    def areas(self) -> dict[str, pygame.Rect]:
        """Indicators, network and the list of happenings."""
        return {"indicators": self.left, "network": self.net_rect, "happened": self.list_rect}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the resolution."""
        return [("R", self.app.tr("res.key_replay")), ("L", self.app.tr("res.key_all"))]


SHAPES = {"good": "circle", "bad": "cross", "accent": "diamond", "warn": "triangle",
          "muted": "ring"}  # fmt: skip


def happenings(app, res, grouped: bool = False) -> list[tuple[str, str]]:
    """What happened in the turn of `res`, as (tone, text): cooperation first (packages
    started, running and lapsed, broken pledges), then what people's teams left undecided
    and what happened to it, then the dilemmas' outcomes and the other events. With
    `grouped`, each group that has lines starts with ("head", its title).
    """
    tr, lab = app.tr, app.labels
    m = app.model
    coop: list[tuple[str, str]] = []
    for q in range(len(m.package_ids)):
        if res.started[0, q]:
            coop.append(("good", tr("res.pkg_started", title=lab.package_title(q))))
    for q in range(len(m.package_ids)):
        if res.lapsed[0, q]:
            coop.append(("bad", tr("res.pkg_lapsed", title=lab.package_title(q))))
    for j in range(len(m.team_ids)):
        n = int(res.broken[0, j].sum())
        if n:
            coop.append(("bad", tr("res.broken", team=lab.team(j), n=n)))
    for q in range(len(m.package_ids)):
        if res.funded[0, q] and not res.started[0, q]:
            coop.append(("good", tr("res.pkg_runs", title=lab.package_title(q))))
    decided = [("warn", line) for line in settled_lines(app, int(res.turn))]
    events: list[tuple[str, str]] = []
    for i in np.flatnonzero(res.fired[0]):
        ch = int(res.chosen[0, i])
        if ch >= 0:
            title, option = lab.event_title(i), lab.option(i, ch)
            events.append(("accent", tr("res.dilemma", title=title, option=option)))
    for i in np.flatnonzero(res.fired[0]):
        if int(res.chosen[0, i]) < 0:
            events.append(("muted", tr("res.event", title=lab.event_title(i))))
    groups = (("res.cooperation", coop), ("res.decisions", decided), ("res.events", events))
    items: list[tuple[str, str]] = []
    for head, lines in groups:
        if lines and grouped:
            items.append(("head", tr(head)))
        items += lines
    return items or [("muted", tr("res.quiet"))]


def _item_role(app, text: str, width: int) -> str:
    """The text size of an item: small, or tiny when that keeps it whole in two lines."""
    tp, w = app.tp, width - app.px(22)
    return "small" if len(tp.wrap(text, "small", w)) <= 2 else "tiny"


def _item_height(app, text: str, width: int) -> int:
    """The height of one item of the list (one or two lines) with its gap."""
    tp = app.tp
    role = _item_role(app, text, width)
    lines = min(2, len(tp.wrap(text, role, width - app.px(22))))
    return tp.line_height(role) * lines + app.px(4)


def draw_item(
    surf, app, x: int, y: int, width: int, tone: str, text: str, room: int | None = None
) -> int:
    """One item at (x, y): its marker and text (two lines at most, or the lines `room`
    has); returns its height.
    """
    p, tp = app.pal, app.tp
    role = _item_role(app, text, width)
    lh = tp.line_height(role)
    if tone == "head":
        tp.line(surf, text, pygame.Rect(x, y, width, tp.line_height("smallb")), "smallb", p.muted)
        return tp.line_height("smallb") + app.px(4)
    h = _item_height(app, text, width)
    if room is not None and h > room:
        h = max(lh, room // lh * lh) + app.px(4)
    col = {"good": p.good, "bad": p.bad, "accent": p.accent, "warn": p.warn}.get(tone, p.muted)
    draw_marker(surf, SHAPES[tone], (x + app.px(8), y + lh // 2), app.px(6), col)
    lines = max(1, min(2, (h - app.px(4)) // lh))
    tp.draw(surf, text, pygame.Rect(x + app.px(22), y, width - app.px(22), lines * lh), role,
            p.ink, max_lines=lines)  # fmt: skip
    return h


class HappenedView(View):
    """The whole list of what happened this turn, in its groups; ↑/↓, PgUp/PgDn and the
    mouse wheel scroll it.
    """

    name, key, title_key = "happened", "L", "res.all_title"

    def __init__(self, app):
        super().__init__(app)
        res = app.session.last_result
        self.items = happenings(app, res, grouped=True) if res is not None else []
        self.offset = 0
        self.fit = len(self.items)

    def scroll(self, d: int) -> None:
        """Move the first line shown by `d` items."""
        self.offset = max(0, min(self.offset + d, max(0, len(self.items) - self.fit)))

    def handle(self, ev) -> bool:
        """Scrolling; L closes the view."""
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll(-ev.y)
            return True
        if ev.type != pygame.KEYDOWN:
            return False
        step = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: self.fit,
                pygame.K_PAGEUP: -self.fit}.get(ev.key)  # fmt: skip
        if step is not None:
            self.scroll(step)
            return True
        if ev.key == pygame.K_l:
            self.app.overlay = None
            return True
        return False

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """The items from the scroll position, and where in the list they are."""
        app = self.app
        tp = app.tp
        inner = self.frame(surf, body)
        foot = tp.line_height("small") + app.px(6)
        room = inner.height - foot
        heights = [
            tp.line_height("smallb") + app.px(4) if tone == "head"
            else _item_height(app, text, inner.width)
            for tone, text in self.items
        ]  # fmt: skip
        fit, y = 0, 0
        for h in heights[self.offset :]:
            if y + h > room:
                break
            y += h
            fit += 1
        self.fit = max(1, fit)
        y = inner.y
        for tone, text in self.items[self.offset : self.offset + self.fit]:
            y += draw_item(surf, app, inner.x, y, inner.width, tone, text)
        if self.fit < len(self.items):
            last = self.offset + self.fit
            where = app.tr("view.scroll", first=self.offset + 1, last=last, n=len(self.items))
            tp.line(surf, where, pygame.Rect(inner.x, inner.bottom - foot + app.px(6),
                    inner.width, foot - app.px(6)), "small", app.pal.muted, "right")  # fmt: skip

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the list."""
        tr = self.app.tr
        return [("↑↓", tr("hint.grid")), ("Esc", tr("key.close"))]
