"""Allocation: each team splits its effort across themes and pledges, and sees the 2040
outlook of that choice at once (a live what-if from `Game.project`).
"""

from __future__ import annotations

import time

import numpy as np
import pygame

from game.ui.charts import Series, chart_height, line_chart, signed
from game.ui.describe import package_state
from game.ui.glossary import mark_term
from game.ui.kept import draw_kept
from game.ui.packinfo import PledgeRow, draw_detail
from game.ui.panels import region_marker
from game.ui.readmodel import (
    OwnEffect,
    Projection,
    game_version,
    indicators_now,
    own_effect,
    packages,
    projection,
)
from game.ui.scenes.base import Scene
from game.ui.theme import draw_arrow, draw_marker
from game.ui.widgets import Button, Slider, Tabs, marker_legend

SHARE_STEP = 0.05
PLEDGE_STEP = 0.5
BAND_SEEDS = 100  # futures in the band (p10–p90): about 8 ms, once the sliders are still
BAND_DELAY = 0.35  # seconds of calm before the uncertainty band is recomputed
OWN_ROWS = 3  # cells listed in "your move vs. keeping last turn's split"
RELAYOUT = ("relayout",)  # lay out again at the next frame, the focus kept (scrolling)


def rebalance(shares: np.ndarray, i: int, value: float) -> np.ndarray:
    """Set theme i to `value`; if the split would pass 100 %, the other themes give way in
    proportion to their size (an input convenience: the session still checks the total).
    """
    s = np.clip(np.asarray(shares, dtype=float), 0.0, 1.0).copy()
    s[i] = max(0.0, min(1.0, value))
    others = s.sum() - s[i]
    room = 1.0 - s[i]
    if others > room + 1e-12 and others > 0:
        mask = np.arange(s.size) != i
        s[mask] *= room / others
    return s


class AllocationScene(Scene):
    """Team tabs, theme and pledge sliders (left); the projection to 2040 (right)."""

    name = "allocation"
    phase_scene = True

    def __init__(self, app):
        super().__init__(app)
        self.team = 0
        self.section = 0  # with large text: 0 themes, 1 pledges (one group at a time)
        self.pledge_top = 0  # the first pledge row shown when they do not all fit
        self.pledge_more = ""  # which pledge rows are shown, when not all
        # with large text on a small window the outlook shows the shared score's path (0)
        # or the indicators (1), a tab at a time, rather than both squeezed into strips
        self.outlook_view = 0
        self.outlook_tabs: pygame.Rect | None = None
        self.proj: Projection | None = None
        self.prev_final: float | None = None
        self.band: Projection | None = None
        self.own: OwnEffect | None = None
        self.own_rect: pygame.Rect | None = None  # where the own-move box was last drawn
        self._proj_version = -1
        self._band_version = -1
        self._changed_at = 0.0
        self.projections = 0  # how many times the outlook was recomputed (tests)

    def enter(self) -> None:
        """Start with the first team played by people."""
        super().enter()
        human = self.app.session.human
        if self.team not in human:
            self.team = human[0] if human else 0
        self.prev_final = None

    def set_section(self, i: int) -> None:
        """Show the theme sliders (0) or the pledge sliders (1) when they do not fit together."""
        self.section = i
        self.app.version += 1

    def set_outlook_view(self, i: int) -> None:
        """The outlook's path (0) or its indicators (1), when they do not fit together."""
        self.outlook_view = i
        self.app.version += 1

    def _outlook_parts(self, inner: pygame.Rect) -> tuple[int, int, int, list]:
        """(headline height, least height of the indicator rows with their heading and
        legend, least height of the path chart, the legend's items) of the outlook panel.
        """
        app = self.app
        tp, m, lab = app.tp, app.model, app.labels
        headline = tp.line_height("number") + tp.line_height("small") + app.px(10)
        items = [(*region_marker(app, r), lab.region(r)) for r in range(len(m.region_ids))]
        K = len(m.indicator_ids)
        strips = tp.line_height("smallb") + app.px(4) + K * tp.line_height("tiny")
        strips += self._legend_height(items, inner.width) + app.px(6)
        chart = chart_height(app, app.tr("alloc.path"), inner.width)
        return headline, strips, chart, items

    def _outlook_inner(self) -> pygame.Rect:
        """Where the outlook panel's content goes (as `Scene.panel` lays it out)."""
        app = self.app
        inner = self.right.inflate(-2 * app.px(14), -2 * app.px(14))
        head = app.tp.line_height("h2") + app.px(8)
        return pygame.Rect(inner.x, inner.y + head, inner.width, inner.height - head)

    def select_team(self, j: int) -> None:
        """Show another team's allocation."""
        self.team = j
        self.app.version += 1

    # -- commands --------------------------------------------------------------------------
    def _send(self, shares: np.ndarray, pledges: np.ndarray) -> None:
        m = self.app.model
        self.app.send(
            {
                "type": "allocate",
                "team": m.team_ids[self.team],
                "shares": {t: round(float(v), 6) for t, v in zip(m.theme_ids, shares, strict=True)},
                "pledges": {
                    p: round(float(v), 6)
                    for p, v in zip(m.package_ids, pledges, strict=True)
                    if v > 0
                },
            }
        )

    def set_share(self, t: int, value: float) -> None:
        """A theme slider moved."""
        s = self.app.session
        shares = rebalance(s.human_shares(self.team), t, value)
        self._send(shares, s.human_pledges(self.team))

    def decide(self) -> None:
        """The shown team declares its allocation decided (D), or open again."""
        app, s = self.app, self.app.session
        if self.team not in s.human:
            return
        decided = s.decision_state(self.team, "allocation") == "decided"
        app.send(
            {"type": "decide", "team": app.model.team_ids[self.team], "kind": "allocation",
             "decided": not decided}
        )  # fmt: skip

    def suggest(self) -> None:
        """Load the bot's suggested split and pledges as the shown team's draft (S)."""
        app, s = self.app, self.app.session
        if self.team not in s.human:
            return
        shares, pledges = s.suggested(self.team)
        self._send(shares, pledges)
        app.notify(app.tr("alloc.suggested", team=app.labels.team(self.team)))

    def set_pledge(self, p: int, value: float) -> None:
        """A pledge slider moved."""
        s = self.app.session
        pledges = s.human_pledges(self.team)
        pledges[p] = value
        self._send(s.human_shares(self.team), pledges)

    # -- projection ------------------------------------------------------------------------
    def refresh_projection(self) -> None:
        """Recompute the outlook when the allocation changed (first seed only: fast)."""
        v = self.app.version
        if self._proj_version == v:
            return
        if self.proj is not None:
            self.prev_final = self.proj.shared_final
        self.proj = projection(self.app.session, 1)
        self.own = own_effect(self.app.session, self.team)
        self.projections += 1
        self._proj_version = v
        self._changed_at = time.perf_counter()

    def refresh_band(self, now: bool = False) -> None:
        """Recompute the p10–p90 band over re-drawn futures once the sliders are still."""
        if self._band_version == self._proj_version:
            return
        if now or time.perf_counter() - self._changed_at > BAND_DELAY:
            self.band = projection(self.app.session, BAND_SEEDS)
            self._band_version = self._proj_version

    def update(self, dt: float) -> None:
        """Fill in the band when the person pauses."""
        if self.proj is not None:
            self.refresh_band()

    def finish_animation(self) -> None:
        """Compute everything now (autoplay screenshots)."""
        self.refresh_projection()
        self.refresh_band(now=True)

    # -- layout ----------------------------------------------------------------------------
    def layout(self, body: pygame.Rect) -> None:
        """Team tabs, summary, sliders, Next button; then the projection is refreshed."""
        app = self.app
        tp, tr, lab = app.tp, app.tr, app.labels
        m = app.model
        s = app.session
        gap = app.px(16)
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.56), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        J = len(m.team_ids)
        btn_h = tp.line_height("bodyb") + app.px(20)
        widgets = []
        tabs = Tabs(
            "teams",
            [lab.team(j) for j in range(J)],
            self.team,
            self.select_team,
            pygame.Rect(self.left.x, self.left.y, self.left.width, btn_h),
            colors=[app.pal.teams[j % len(app.pal.teams)] for j in range(J)],
            tags=[lab.team_letter(j) for j in range(J)],
            done=[
                j in s.human and s.decision_state(j, "allocation") == "decided" for j in range(J)
            ],  # fmt: skip
        )
        widgets.append(tabs)
        card = pygame.Rect(
            self.left.x,
            tabs.rect.bottom + app.px(10),
            self.left.width,
            self.left.bottom - tabs.rect.bottom - app.px(10),
        )
        self.card = card
        inner = card.inflate(-2 * app.px(16), -2 * app.px(12))
        self.summary = pygame.Rect(inner.x, inner.y, inner.width, tp.line_height("bodyb") * 2)
        y = self.summary.bottom + app.px(8)
        human = self.team in s.human
        budget = s.game.team_budget(self.team)
        shares = s.human_shares(self.team)
        pledges = s.human_pledges(self.team)
        # people see their bot's suggestion as marks under the sliders, never as their choice
        sug_shares, sug_pledges = s.suggested(self.team) if human else (None, None)
        free = max(0.0, budget - pledges.sum())
        T, P = len(m.theme_ids), len(m.package_ids)
        head_h = tp.line_height("smallb") + app.px(4)
        nb_area = btn_h + gap
        avail = inner.bottom - y - 2 * head_h - nb_area - app.px(8)
        row_h = min(app.px(52), avail // max(1, T + P))
        need = tp.line_height("tiny") + app.px(2)
        # a pledge row has two lines: the package, and what would happen if resolved now
        pledge_need = tp.line_height("small") + tp.line_height("tiny") + app.px(8)
        show_t, show_p = range(T), range(P)
        self.compact = P > 0 and (row_h < need or T * need + P * pledge_need > avail)
        if not self.compact and P:
            row_h = min(app.px(52), (avail - P * pledge_need) // max(1, T))
        if self.compact:  # large text: themes and pledges take turns on the card
            sec = Tabs(
                "section",
                [tr("alloc.themes_short"), tr("alloc.pledges_short")],
                self.section,
                self.set_section,
                pygame.Rect(inner.x, y, inner.width, btn_h),
            )
            widgets.append(sec)
            y += btn_h + app.px(8)
            avail = inner.bottom - y - head_h - nb_area - app.px(8)
            if self.section == 0:
                show_p = range(0)
                row_h = min(app.px(64), avail // max(1, T))
            else:
                show_t = range(0)
                row_h = min(app.px(64), avail // max(1, P))
        label_box = pygame.Rect(0, 0, int(inner.width * 0.48) - app.px(20), row_h - app.px(2))
        names = [lab.theme(t) for t in show_t]
        role = "small"
        for role in ("body", "small", "tiny"):
            if row_h - app.px(2) >= tp.line_height(role) and all(
                tp.fits(n, role, label_box, 1) for n in names
            ):
                break
        else:
            role = "small" if row_h - app.px(2) >= 2 * tp.line_height("small") else "tiny"
        self.theme_head = pygame.Rect(inner.x, y, inner.width, head_h if show_t else 0)
        y += self.theme_head.height
        col = app.pal.teams[self.team % len(app.pal.teams)]
        for t in show_t:
            widgets.append(
                Slider(
                    f"theme{t}",
                    lab.theme(t),
                    float(shares[t]),
                    0.0,
                    1.0,
                    SHARE_STEP,
                    lambda v, t=t: self.set_share(t, v),
                    lambda v, free=free: f"{tr.pct(v)} · {tr.num(v * free)}",
                    pygame.Rect(inner.x, y + t * row_h, inner.width, row_h - app.px(2)),
                    color=col,
                    enabled=human,
                    role=role,
                    mark=None if sug_shares is None else float(sug_shares[t]),
                )
            )
        y += len(show_t) * row_h + (app.px(8) if show_t else 0)
        self.pledge_head = pygame.Rect(inner.x, y, inner.width, head_h if show_p else 0)
        y += self.pledge_head.height
        self.pkg_status = packages(s) if P else []
        room = inner.bottom - nb_area - app.px(8) - y
        prow_h = max(pledge_need, min(app.px(72), room // max(1, len(show_p))))
        prole = "small" if prow_h - app.px(4) >= pledge_need - app.px(8) else "tiny"
        shown = self._pledge_window(len(show_p), max(1, room // prow_h))
        for i, p in enumerate(show_p):
            k = i - self.pledge_top
            hidden = i not in shown
            box = pygame.Rect(inner.x, y + k * prow_h, inner.width, prow_h - app.px(2))
            others = pledges.sum() - pledges[p]
            st = self.pkg_status[p]
            text, _ = package_state(app, st)
            widgets.append(
                PledgeRow(
                    f"pledge{p}",
                    lab.package_title(p),
                    float(pledges[p]),
                    0.0,
                    max(PLEDGE_STEP, float(m.pkg_cost[p])),
                    PLEDGE_STEP,
                    lambda v, p=p: self.set_pledge(p, v),
                    lambda v: tr.num(v),
                    pygame.Rect(0, 0, 0, 0) if hidden else box,
                    color=col,
                    limit=max(0.0, budget - others),
                    note=text,
                    status=st,
                    hidden=hidden,
                    enabled=human and not st.done,
                    role=prole,
                    mark=None if sug_pledges is None else float(sug_pledges[p]),
                )
            )
        # a people's team's two buttons share the row with Next, which then takes less
        nb_w = min(app.px(420), inner.width if not human else int(inner.width * 0.36))
        widgets.append(
            self.next_button(pygame.Rect(inner.right - nb_w, inner.bottom - btn_h, nb_w, btn_h))
        )
        self.legend_rect = pygame.Rect(
            inner.x, inner.bottom - btn_h, inner.width - nb_w - gap, btn_h
        )
        if human:  # the team's own: start from the bot's suggestion; declare it decided
            lr = self.legend_rect
            decided = s.decision_state(self.team, "allocation") == "decided"
            labels = (tr("alloc.suggest"), tr("alloc.reopen" if decided else "alloc.decide"))
            ws = [tp.width(t, "smallb") for t in labels]
            share = min(0.6, max(0.4, ws[0] / max(1, sum(ws))))  # room as the labels need
            w0 = int((lr.width - app.px(8)) * share)
            x1 = lr.x + w0 + app.px(8)
            boxes = (pygame.Rect(lr.x, lr.y, w0, lr.height),
                     pygame.Rect(x1, lr.y, lr.right - x1, lr.height))  # fmt: skip
            keys = [
                k if tp.width(t, "tinyb") + tp.width(k, "tiny") + app.px(30) <= r.width else ""
                for t, k, r in zip(labels, "SD", boxes, strict=True)
            ]  # the key beside the label only where both fit
            widgets.append(
                Button("suggest", labels[0], self.suggest, boxes[0], shortcut=keys[0],
                       role="smallb")
            )  # fmt: skip
            widgets.append(
                Button("decide", labels[1], self.decide, boxes[1], shortcut=keys[1],
                       primary=not decided, role="smallb")
            )  # fmt: skip
        # the outlook: the path and the indicators together, or a tab at a time
        oi = self._outlook_inner()
        headline, strips, chart, _ = self._outlook_parts(oi)
        self.outlook_tabs = None
        if headline + strips + chart + app.px(20) > oi.height:
            self.outlook_tabs = pygame.Rect(oi.x, oi.bottom - btn_h, oi.width, btn_h)
            widgets.append(
                Tabs("outlook", [tr("alloc.shared"), tr("key.indicators")], self.outlook_view,
                     self.set_outlook_view, self.outlook_tabs)
            )  # fmt: skip
        first = (
            ("theme0" if self.section == 0 or not self.compact else "pledge0") if human else "teams"
        )
        self.ring.set(widgets, focus=None if self._built else first)
        self.budget, self.free = budget, free
        self.refresh_projection()

    def _pledge_window(self, n: int, fit: int) -> range:
        """The pledge rows shown (`fit` of `n`), the focused one among them."""
        focused = self.ring.focused
        if focused is not None and focused.key.startswith("pledge"):
            i = int(focused.key[len("pledge") :])
            if i < self.pledge_top:
                self.pledge_top = i
            elif i >= self.pledge_top + fit:
                self.pledge_top = i - fit + 1
        self.pledge_top = max(0, min(self.pledge_top, max(0, n - fit)))
        last = min(n, self.pledge_top + fit)
        more = fit < n
        self.pledge_more = (
            self.app.tr("pkd.rows", first=self.pledge_top + 1, last=last, total=n) if more else ""
        )
        return range(self.pledge_top, last)

    def _focused_pledge(self) -> int | None:
        """The package whose pledge row has the focus (its detail replaces the chart)."""
        w = self.ring.focused
        return w.status.index if isinstance(w, PledgeRow) else None

    def _follow_focus(self) -> None:
        """Scroll the pledge rows to the focused one (Tab reaches the hidden rows too)."""
        w = self.ring.focused
        if isinstance(w, PledgeRow) and w.hidden:
            self._built = RELAYOUT

    def _wheel(self, ev) -> bool:
        """The mouse wheel over the pledge rows scrolls them."""
        area = self.areas().get("pledges")
        mouse = self.app.mouse
        if area is None or mouse is None or not area.collidepoint(mouse) or not self.pledge_more:
            return False
        rows = [w for w in self.ring.widgets if isinstance(w, PledgeRow)]
        fit = sum(not w.hidden for w in rows)
        self.pledge_top = max(0, min(self.pledge_top - ev.y, len(rows) - fit))
        w = self.ring.focused
        if isinstance(w, PledgeRow):  # the focus moves along to a row that is shown
            i = min(max(rows.index(w), self.pledge_top), self.pledge_top + fit - 1)
            self.ring.focus(rows[i].key)
        self._built = RELAYOUT
        return True

    def handle(self, ev) -> bool:
        """Digits 1–8 pick a team; D declares the team's allocation decided, S loads its
        bot's suggestion as a draft.
        """
        if ev.type == pygame.KEYDOWN and ev.unicode and ev.unicode.isdigit():
            j = int(ev.unicode) - 1
            if 0 <= j < len(self.app.model.team_ids):
                self.select_team(j)
                return True
        if (
            ev.type == pygame.KEYDOWN
            and ev.key in (pygame.K_d, pygame.K_s)
            and not ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
        ):
            (self.decide if ev.key == pygame.K_d else self.suggest)()
            return True
        if ev.type == pygame.MOUSEWHEEL and self._wheel(ev):
            return True
        used = super().handle(ev)
        self._follow_focus()
        return used

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        """Controls and the outlook."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        s = app.session
        pygame.draw.rect(surf, p.panel, self.card, border_radius=app.px(10))
        pygame.draw.rect(
            surf,
            p.teams[self.team % len(p.teams)],
            self.card,
            max(2, app.px(3)),
            border_radius=app.px(10),
        )
        pledged = float(s.human_pledges(self.team).sum())
        shares = s.human_shares(self.team)
        used = float(shares.sum()) * self.free
        unused = max(0.0, self.budget - pledged - used)
        planned = self.team in s.game.planned
        who_col = p.muted
        if self.team in s.human:
            who, who_col = self._state_line()
        elif planned:
            who = tr("alloc.plan", plan=app.plan_name())
        else:
            who = tr("alloc.bot", policy=tr(f"policy.{s.game.policies[self.team]}"))
        line1 = tr(
            "alloc.summary",
            budget=tr.num(self.budget),
            pledged=tr.num(pledged),
            themes=tr.num(used),
            unused=tr.num(unused),
        )
        sm = self.summary
        lh = tp.line_height("bodyb")
        box1 = pygame.Rect(sm.x, sm.y, sm.width, lh)
        role1 = next((r for r in ("bodyb", "smallb") if tp.width(line1, r) <= sm.width), "tinyb")
        tp.line(surf, line1, box1, role1, p.ink)  # the points whole, smaller at large text
        tp.line(surf, who, pygame.Rect(sm.x, sm.y + lh, sm.width, lh), "small", who_col)
        if self.theme_head.height:
            head = tr("alloc.themes")
            drawn = tp.line(surf, head, self.theme_head, "smallb", p.muted)
            mark_term(surf, app, head, drawn, "smallb")
            if self.team in s.human:  # what the marks under the sliders are
                self._mark_legend(surf, self.theme_head, drawn.right + app.px(16))
        if self.pledge_head.height:
            head, more = tr("alloc.pledges"), self.pledge_more
            box = self.pledge_head.copy()
            if more:  # which rows are shown: the others scroll into view
                mw = tp.width(more, "small") + app.px(8)
                box.width -= mw
                tp.line(surf, more, pygame.Rect(box.right, box.y, mw, box.height), "small",
                        p.muted, "right")  # fmt: skip
            drawn = tp.line(surf, head, box, "smallb", p.muted)
            mark_term(surf, app, head, drawn, "smallb")
        self.ring.draw(surf, app)
        if self.team not in s.human:
            note = tr("alloc.plan_note" if planned else "alloc.bot_note")
            role = tp.fit_role(note, ("small", "tiny"), self.legend_rect, 2)
            tp.draw(surf, note, self.legend_rect, role, p.muted, valign="middle", max_lines=2)
        self._draw_outlook(surf)
        tabs = next((w for w in self.ring.widgets if w.key == "outlook"), None)
        if tabs is not None:  # on the outlook panel, which is drawn after the controls
            tabs.draw(surf, app, self.ring.focused is tabs)

    def _mark_legend(self, surf: pygame.Surface, head: pygame.Rect, left: int) -> None:
        """The legend of the suggestion marks (▲ the bot's suggestion) at the right end of a
        heading row, if it fits.
        """
        app = self.app
        p, tp = app.pal, app.tp
        text = app.tr("alloc.suggest_mark")
        w = tp.width(text, "tiny") + app.px(18)
        if head.right - w < left:
            return
        box = pygame.Rect(head.right - w + app.px(18), head.y, w - app.px(18), head.height)
        draw_marker(surf, "triangle", (box.x - app.px(9), head.centery), app.px(5), p.muted)
        tp.line(surf, text, box, "tiny", p.muted)

    def _state_line(self) -> tuple[str, tuple]:
        """The shown people's team's allocation: decided, a draft, or not yet (and what
        it keeps if it decides nothing); with its colour.
        """
        app = self.app
        s, p, tr = app.session, app.pal, app.tr
        state = s.decision_state(self.team, "allocation")
        if state == "decided":
            return tr("alloc.state_decided"), p.good
        if state == "draft":
            return tr("alloc.state_draft"), p.warn
        if s.prefill:  # an older session: the suggestion is played unless changed
            return tr("alloc.state_open_older"), p.muted
        return tr("alloc.state_open_first" if s.turn == 0 else "alloc.state_open"), p.muted

    def _draw_outlook(self, surf: pygame.Surface) -> None:
        """The outlook panel, drawn again only when something it shows changed (it is
        half of this screen's frame time; docs/performance.md).
        """
        app = self.app
        key = (app.version, self.proj, self.band, self.own, self.prev_final,
               game_version(app.session), self._focused_pledge())  # fmt: skip
        draw_kept(app, "outlook", key, surf, self.right, lambda: self._projection(surf, self.right))

    def _projection(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        app = self.app
        p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
        m = app.model
        s = app.session
        inner = self.panel(surf, rect, tr("alloc.outlook"), tr("alloc.outlook_sub"))
        pr = self.proj
        if pr is None:
            return
        focus = self._focused_pledge()
        if focus is not None:  # a pledge row has the focus: that package in full
            self._draw_package(surf, inner, pr, focus)
            return
        if self.outlook_tabs is not None and self.outlook_view == 1:
            box = pygame.Rect(inner.x, inner.y - app.px(10), inner.width, 0)  # on the path's tab
        else:
            box = self._headline(surf, inner)
        y = box.bottom + app.px(10)
        _, strips_min, chart_min, legend_items = self._outlook_parts(inner)
        legend_h = self._legend_height(legend_items, inner.width)
        K = len(m.indicator_ids)
        head = tp.line_height("smallb")
        tabs = self.outlook_tabs
        want_chart = want_strips = True
        if tabs is not None:  # large text on a small window: one of the two at a time
            inner = pygame.Rect(inner.x, inner.y, inner.width, tabs.y - app.px(8) - inner.y)
            want_chart, want_strips = self.outlook_view == 0, self.outlook_view == 1
            strips_min = strips_min if want_strips else 0
        # the team's own move this turn against keeping last turn's split, as many cells
        # as leave the chart and the indicator rows their room
        room = inner.bottom - y - strips_min - app.px(10)
        chart_room = chart_min + app.px(10) if want_chart else 0
        rows, sub_lines = self._own_fit(inner.width, room - chart_room)
        with_chart = want_chart
        own_h = self._own_height(rows, sub_lines)
        self.own_rect = pygame.Rect(inner.x, y, inner.width, own_h) if own_h else None
        if self.own_rect:
            self._draw_own(surf, self.own_rect, sub_lines)
            y += own_h + app.px(10)
        if with_chart:
            rest = inner.bottom - y
            if want_strips:
                chart_h = max(min(int(rest * 0.36), rest - strips_min - app.px(10)), chart_min)
            else:
                chart_h = rest
            self._draw_path(surf, pygame.Rect(inner.x, y, inner.width, chart_h))
            y += chart_h + app.px(10)
        if not want_strips:
            return
        # each indicator: region types at 2040 (filled) against their targets (ticks)
        heading = tr("alloc.by_indicator", year=m.end_year)
        drawn = tp.line(surf, heading, pygame.Rect(inner.x, y, inner.width, head), "smallb", p.ink)
        mark_term(surf, app, heading, drawn, "smallb")
        y += head + app.px(4)
        rows_h = inner.bottom - y - legend_h - app.px(6)
        row_h = rows_h // max(1, K)
        name_w = int(inner.width * 0.34)
        x_now = indicators_now(s)
        for k in range(K):
            r = pygame.Rect(inner.x, y + k * row_h, inner.width, row_h)
            tp.draw(
                surf,
                lab.indicator(k),
                pygame.Rect(r.x, r.y, name_w - app.px(8), r.height),
                "small" if row_h >= 2 * tp.line_height("small") else "tiny",
                p.ink,
                valign="middle",
                max_lines=2,
            )
            strip = pygame.Rect(
                r.x + name_w, r.centery - app.px(3), r.width - name_w - app.px(10), app.px(6)
            )
            vals = np.concatenate([pr.x_final[:, k], m.target[:, k], x_now[:, k]])
            lo_k = max(0.0, np.floor((vals.min() - 3) / 10) * 10)
            hi_k = min(100.0, np.ceil((vals.max() + 3) / 10) * 10)
            span = (hi_k - lo_k) or 1.0
            pygame.draw.rect(surf, p.grid, strip, border_radius=app.px(3))
            for edge, v in ((strip.x, lo_k), (strip.right, hi_k)):
                lb = pygame.Rect(
                    edge - app.px(20), strip.bottom + app.px(1), app.px(40), tp.line_height("tiny")
                )
                if lb.bottom <= r.bottom:
                    tp.line(surf, tr.num(v, 0), lb, "tiny", p.muted, "center")
            for reg in range(len(m.region_ids)):
                shape, col = region_marker(app, reg)
                tx = strip.x + (m.target[reg, k] - lo_k) / span * strip.width
                pygame.draw.line(
                    surf,
                    col,
                    (tx, strip.y - app.px(9)),
                    (tx, strip.y - app.px(2)),
                    max(2, app.px(3)),
                )
            for reg in range(len(m.region_ids)):
                shape, col = region_marker(app, reg)
                vx = strip.x + (pr.x_final[reg, k] - lo_k) / span * strip.width
                draw_marker(surf, shape, (vx, strip.centery), app.px(7), col, outline=p.panel)
        marker_legend(
            surf,
            app,
            pygame.Rect(inner.x, inner.bottom - legend_h, inner.width, legend_h),
            legend_items,
            "tiny",
        )

    def _headline(self, surf: pygame.Surface, inner: pygame.Rect) -> pygame.Rect:
        """The outlook's numbers: the shared score at the end, now, vision and equity."""
        app = self.app
        p, tp, tr, m, pr = app.pal, app.tp, app.tr, app.model, self.proj
        # the headline numbers
        nh = tp.line_height("number")
        box = pygame.Rect(inner.x, inner.y, inner.width, nh + tp.line_height("small"))
        num_w = tp.width("100.0", "number") + app.px(8)
        tp.line(
            surf, tr.num(pr.shared_final), pygame.Rect(box.x, box.y, num_w, nh), "number", p.accent
        )
        tx = box.x + num_w + app.px(12)
        tw = box.right - tx
        tp.line(
            surf,
            tr("alloc.shared_2040", year=m.end_year),
            pygame.Rect(tx, box.y, tw, tp.line_height("smallb")),
            "smallb",
            p.ink,
        )
        now = float(pr.shared_path[0])
        delta = ""
        if self.prev_final is not None and abs(pr.shared_final - self.prev_final) > 1e-9:
            delta = " · " + tr(
                "alloc.last_change", delta=signed(pr.shared_final - self.prev_final, 2, tr)
            )
        tp.line(
            surf,
            tr("alloc.now", now=tr.num(now)) + delta,
            pygame.Rect(tx, box.y + tp.line_height("smallb"), tw, tp.line_height("small")),
            "small",
            p.ink,
        )
        sub = tr(
            "alloc.vision_equity", vision=tr.num(pr.vision_final), equity=tr.num(pr.equity_final)
        )
        tp.line(
            surf,
            sub,
            pygame.Rect(
                tx,
                box.y + tp.line_height("smallb") + tp.line_height("small"),
                tw,
                tp.line_height("small"),
            ),
            "small",
            p.muted,
        )
        return box

    def _draw_package(self, surf: pygame.Surface, inner: pygame.Rect, pr, pkg: int) -> None:
        """The outlook while a pledge row has the focus: the shared score on one line (it
        still moves with the pledge), then the package in full.
        """
        app = self.app
        p, tp, tr, px = app.pal, app.tp, app.tr, app.px
        head = (
            f"{tr('alloc.shared_2040', year=app.model.end_year)}: {tr.num(pr.shared_final)}"
            f" · {tr('alloc.now', now=tr.num(float(pr.shared_path[0])))}"
        )
        role = tp.fit_role(head, ("bodyb", "smallb", "tinyb"), inner, 1)
        lh = tp.line_height(role)
        tp.line(surf, head, pygame.Rect(inner.x, inner.y, inner.width, lh), role, p.accent)
        y = inner.y + lh + px(8)
        pygame.draw.line(surf, p.line, (inner.x, y), (inner.right, y), 1)
        tabs = getattr(self, "outlook_tabs", None)  # the outlook's own tabs stay below
        bottom = tabs.y - px(8) if tabs is not None else inner.bottom
        d = pygame.Rect(inner.x, y + px(8), inner.width, bottom - y - px(8))
        draw_detail(surf, app, d, self.pkg_status[pkg])

    def _draw_path(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        """The shared score: history solid, projection dashed, band shaded."""
        app = self.app
        p, tr, m, pr = app.pal, app.tr, app.model, self.proj
        hist = list(np.asarray(self._history()))
        path = list(hist[:-1]) + list(pr.shared_path)
        years = [str(m.year_of(i)) for i in range(m.n_turns + 1)]
        band = None
        if self.band is not None and self.band.shared_band is not None:
            first = len(hist) - 1
            band = (self.band.shared_band[0], self.band.shared_band[1], first)
        lo = min(min(path), min(band[0]) if band else 100) - 5
        hi = max(max(path), max(band[1]) if band else 0) + 5
        lo, hi = max(0, np.floor(lo / 10) * 10), min(100, np.ceil(hi / 10) * 10)
        line_chart(
            surf,
            app,
            rect,
            [Series(path, p.accent, "circle", tr("alloc.shared"), dashed_from=len(hist) - 1)],
            years,
            (lo, hi),
            band=band,
            y_ticks=2,
            title=tr("alloc.path"),
        )

    def _own_lines(self, width: int) -> tuple[str, str, int]:
        """The own-move box's title, its subtitle and the subtitle's lines (1 or 2)."""
        app, own = self.app, self.own
        tr, tp, px = app.tr, app.tp, app.px
        person = self.team in app.session.human
        which = ("own_title" if person else "own_title_team") + ("_first" if own.first_turn else "")
        sub = tr("alloc.own_sub", year=own.year, moved=own.moved, cells=own.delta.size)
        box = pygame.Rect(0, 0, width - px(24), tp.line_height("tiny"))
        return tr(f"alloc.{which}"), sub, 1 if tp.fits(sub, "tiny", box, 1) else 2

    def _own_height(self, rows: int, sub_lines: int) -> int:
        """The height of the own-move box with `rows` cells and its subtitle's lines."""
        if not rows:
            return 0
        tp, px = self.app.tp, self.app.px
        head = 2 * px(6) + tp.line_height("smallb") + sub_lines * tp.line_height("tiny") + px(4)
        return head + rows * (tp.line_height("smallb") + px(2))

    def _own_fit(self, width: int, room: int) -> tuple[int, int]:
        """(cells, subtitle lines) of the own-move box in `room` pixels: as many cells (up
        to `OWN_ROWS`) as fit with the subtitle; else the biggest cell without it; (0, 0)
        when not even that fits (large text on a small window).
        """
        own = self.own
        if own is None:
            return 0, 0
        _, _, sub_lines = self._own_lines(width)
        if own.same:  # one line says so; nothing to count
            return (1, 0) if self._own_height(1, 0) <= room else (0, 0)
        want = min(OWN_ROWS, len(own.cells))
        for n in range(want, 0, -1):
            if self._own_height(n, sub_lines) <= room:
                return n, sub_lines
        return (1, 0) if self._own_height(1, 0) <= room else (0, 0)

    def _draw_own(self, surf: pygame.Surface, rect: pygame.Rect, sub_lines: int) -> None:
        """'Your move vs. keeping last turn's split': the cells the team's current split
        moves most by the end of this turn (`Game.own_effect`), signed, biggest first; the
        region type by its marker (the legend below) and its name.
        """
        app = self.app
        p, tp, tr, lab, px = app.pal, app.tp, app.tr, app.labels, app.px
        own = self.own
        pygame.draw.rect(surf, p.panel_alt, rect, border_radius=px(6))
        stripe = pygame.Rect(rect.x, rect.y, px(6), rect.height)
        pygame.draw.rect(surf, p.teams[self.team % len(p.teams)], stripe, border_radius=px(3))
        x, w = rect.x + px(16), rect.width - px(24)
        title, sub, _ = self._own_lines(rect.width)
        y = rect.y + px(6)
        hh, th = tp.line_height("smallb"), tp.line_height("tiny")
        tp.line(surf, title, pygame.Rect(x, y, w, hh), "smallb", p.ink)
        y += hh
        if sub_lines:
            tp.draw(surf, sub, pygame.Rect(x, y, w, th * sub_lines), "tiny", p.muted)
        y += th * sub_lines + px(4)
        rh = tp.line_height("smallb") + px(2)
        if own.same:
            tp.line(surf, tr("alloc.own_same"), pygame.Rect(x, y, w, rh), "small", p.muted)
            return
        val_w = tp.width("−00.00", "smallb") + px(4)
        shown = own.cells[: (rect.bottom - y) // rh]
        labels = [
            tr("alloc.own_cell", indicator=lab.indicator(k), region=lab.region(r))
            for r, k, _ in shown
        ]
        lx = x + px(24)
        probe = pygame.Rect(0, 0, x + w - val_w - px(24) - lx, rh)
        role = "small" if all(tp.fits(t, "small", probe, 1) for t in labels) else "tiny"
        for i, (r, _, v) in enumerate(shown):
            row = pygame.Rect(x, y + i * rh, w, rh)
            shape, col = region_marker(app, r)
            draw_marker(surf, shape, (row.x + px(8), row.centery), px(7), col, outline=p.panel)
            tp.line(surf, labels[i], probe.move(lx, row.y), role, p.ink)
            up, tone = v > 0, p.good if v > 0 else p.bad
            drawn = tp.line(
                surf,
                signed(v, 2, app.tr),
                pygame.Rect(row.right - val_w, row.y, val_w, rh),
                "smallb",
                p.ink,
                "right",
            )
            draw_arrow(surf, (drawn.x - px(10), row.centery), px(6), up, tone)

    def _legend_height(self, items, width: int) -> int:
        tp = self.app.tp
        lh = tp.line_height("tiny")
        x, rows = 0, 1
        for _, _, label in items:
            w = int(lh * 0.9) + tp.width(label, "tiny") + self.app.px(18)
            if x + w > width and x > 0:
                rows += 1
                x = 0
            x += w
        return rows * lh

    def _history(self) -> np.ndarray:
        from game.ui.readmodel import score_history

        return score_history(self.app.session)["shared"]

    def areas(self) -> dict[str, pygame.Rect]:
        """The theme sliders, the pledge sliders (each with its heading), the outlook and
        the team's own move in it.
        """
        out = {"outlook": self.right}
        if self.own_rect is not None:
            out["own"] = pygame.Rect(self.own_rect)
        for name, head, prefix in (
            ("themes", self.theme_head, "theme"),
            ("pledges", self.pledge_head, "pledge"),
        ):
            rects = [w.rect for w in self.ring.widgets if w.key.startswith(prefix) and w.rect.w]
            if rects and head.height:
                out[name] = pygame.Rect(head).unionall(rects)
        return out

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the allocation."""
        tr = self.app.tr
        keys = [("1–8", tr("alloc.key_team")), ("Shift ← →", tr("alloc.key_big"))]
        if self.team in self.app.session.human:
            keys = [("D", tr("alloc.key_decide")), ("S", tr("alloc.key_suggest")), *keys]
        return keys
