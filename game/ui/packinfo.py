"""Packages people can judge: what a package is (description, themes, effect, duration,
reach, needs, cost) and where it stands now (pledged against its cost, what would happen
if the turn were resolved now), drawn as a detail panel; a package list to pick one from
(deliberation) and a pledge row that shows the live status (allocation).

Everything shown comes from the scenario's texts and the compiled model (`pkg_*` arrays)
and from `readmodel.packages` (the simulation's own funding rule); nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pygame

from game.sim.model import KINDS, EffectSet
from game.ui.describe import effect_text, kind_word, package_state, requirement_text, tone_color
from game.ui.panels import pledge_bar
from game.ui.readmodel import PackageStatus, effect_lines
from game.ui.theme import draw_marker, mix
from game.ui.widgets import Slider, Widget, draw_focus

TONE_SHAPE = {"good": "circle", "bad": "cross", "warn": "triangle"}
DESC_LINES = 3  # the description's lines at most


@dataclass
class Fact:
    """One line of the detail panel: a label and its value."""

    label: str
    value: str
    cut_ok: bool = False  # may be cut with an ellipsis (it carries no number)


def cost_text(app, cost: float) -> str:
    """A cost in effort points: '18 p' (a whole number) or '12,5 p'."""
    digits = 0 if abs(cost - round(cost)) < 1e-9 else 1
    return app.tr("pkg.cost", points=app.tr.num(cost, digits))


def pledged_text(app, st: PackageStatus) -> str:
    """'12.0 / 18 p': pledged by every team against the cost."""
    return app.tr("pkd.pledged", total=app.tr.num(st.total), cost=cost_text(app, st.cost))


def status_line(app, st: PackageStatus) -> tuple[str, str]:
    """What happens if the turn is resolved now, as (text, tone)."""
    return package_state(app, st)


def direct_effects(app, p: int) -> list[str]:
    """The package's direct effects per turn while it runs, as phrases."""
    m = app.model
    fx = EffectSet(
        indicator=m.pkg_direct[p],
        budget=np.zeros(1),
        trust=np.zeros(1),
        driver_scale=np.ones(len(m.driver_ids)),
    )
    return [effect_text(app, line) for line in effect_lines(m, fx)]


def facts(app, st: PackageStatus) -> list[Fact]:
    """Themes, effect, duration, reach, needs and cost of a package, in words."""
    m, tr, lab = app.model, app.tr, app.labels
    p = st.index
    themes = [t for t in np.argsort(-m.pkg_themes[p], kind="stable") if m.pkg_themes[p, t] > 0]
    effect = tr("pkd.leverage", x=tr.num(float(m.pkg_leverage[p])))
    direct = direct_effects(app, p)
    if direct:
        effect += " · " + tr("pkd.direct", effects="; ".join(direct))
    dur = int(m.pkg_duration[p])
    duration = tr("pkd.duration", n=dur, years=dur * m.turn_years)
    if st.running:
        duration += " · " + tr("pkd.left", n=st.turns_left)
    w = m.pkg_reach[p]
    order = [r for r in np.argsort(-w, kind="stable") if w[r] > 1e-9]
    if len(order) == w.size and np.allclose(w, w[0]):
        reach = tr("pkd.reach_even")
    else:
        reach = ", ".join(f"{lab.region(r)} {tr.pct(w[r])}" for r in order)
    kinds = [kind_word(app, KINDS[k]) for k in range(len(KINDS)) if m.pkg_kinds[p, k]]
    needs = ", ".join(kinds) or tr("pkg.needs_nothing")
    if st.teams_needed > 1:
        needs += " · " + tr("pkg.needs_teams", n=st.teams_needed)
    return [
        Fact(tr("pkd.themes"), ", ".join(lab.theme(t) for t in themes), cut_ok=True),
        Fact(tr("pkd.effect"), effect),
        Fact(tr("pkd.duration_label"), duration),
        Fact(tr("pkd.reach"), reach),
        Fact(tr("pkd.needs"), needs),
        Fact(tr("pkd.cost_label"), tr("pkd.cost", cost=cost_text(app, st.cost))),
    ]


def description(app, p: int) -> str:
    """The package's description from the scenario file."""
    return app.labels.t(app.labels.package(p).text)


# -- the detail panel ----------------------------------------------------------------------
@dataclass
class _Plan:
    role: str  # the body text's role
    title_role: str
    title_lines: int  # 0: no title (the list above shows it)
    status: bool  # the status line and the pledge bar (the list row shows them too)
    desc_lines: int
    label_w: int
    fact_lines: list[int]
    height: int


def _plan(
    app,
    width: int,
    st: PackageStatus,
    role: str,
    desc_lines: int,
    title: bool = True,
    squeeze: bool = False,
    status: bool = True,
) -> _Plan:
    """The detail's layout at one text size with `desc_lines` of description at most;
    without the title or the status, or (`squeeze`) with the facts that carry no number
    on one line.
    """
    tp, px = app.tp, app.px
    lab_role = role + "b"
    title_role = "bodyb" if role == "small" else "smallb"
    name = app.labels.package_title(st.index)
    title_lines = min(2, len(tp.wrap(name, title_role, width))) if title else 0
    fs = facts(app, st)
    label_w = min(int(width * 0.32), max(tp.width(f.label, lab_role) for f in fs) + px(12))
    value_w = width - label_w
    lh = tp.line_height(role)
    desc = description(app, st.index)
    n_desc = min(desc_lines, len(tp.wrap(desc, role, width))) if desc else 0
    fact_lines = [
        1 if squeeze and f.cut_ok else max(1, len(tp.wrap(f.value, role, value_w))) for f in fs
    ]
    h = (
        (title_lines * tp.line_height(title_role) + px(4) if title_lines else 0)
        + (lh + px(14) + px(6) if status else 0)  # the status line and the pledge bar
        + (n_desc * lh + px(6) if n_desc else 0)
        + sum(fact_lines) * lh
        + len(fs) * px(2)
    )
    return _Plan(role, title_role, title_lines, status, n_desc, label_w, fact_lines, h)


def detail_height(app, width: int, st: PackageStatus, role: str = "small") -> int:
    """The height the detail wants at `role` with its whole description (up to 3 lines)."""
    return _plan(app, width, st, role, DESC_LINES).height


def min_detail_height(app, width: int, st: PackageStatus) -> int:
    """The smallest height the detail can be drawn in without cutting a number."""
    return _plan(app, width, st, "tiny", 1, title=False, squeeze=True, status=False).height


def fit(app, width: int, height: int, st: PackageStatus) -> _Plan:
    """The largest layout that fits: small text with the title and the description first;
    then fewer description lines, no title (the list or the pledge row shows it), tiny
    text, no status line (the row shows it), the facts without numbers on one line each;
    the description's first line stays to the last.
    """
    tries = [("small", True, n, False, True) for n in range(DESC_LINES, 0, -1)]
    tries += [("small", False, n, False, True) for n in range(DESC_LINES - 1, 0, -1)]
    tries += [("tiny", True, n, False, True) for n in range(DESC_LINES - 1, 0, -1)]
    tries += [("tiny", False, 1, False, True), ("tiny", False, 1, False, False)]
    tries += [("tiny", False, 1, True, False), ("tiny", False, 0, True, False)]
    for role, title, n, squeeze, status in tries:
        plan = _plan(app, width, st, role, n, title, squeeze, status)
        if plan.height <= height:
            return plan
    return plan


def draw_detail(surf: pygame.Surface, app, rect: pygame.Rect, st: PackageStatus) -> None:
    """A package in full: title, what would happen now and the pledges against the cost,
    the description, then themes, effect, duration, reach, needs and cost.
    """
    p, tp, px = app.pal, app.tp, app.px
    plan = fit(app, rect.width, rect.height, st)
    role, lh = plan.role, tp.line_height(plan.role)
    y = rect.y
    if plan.title_lines:
        title = app.labels.package_title(st.index)
        th = plan.title_lines * tp.line_height(plan.title_role)
        tp.draw(surf, title, pygame.Rect(rect.x, y, rect.width, th), plan.title_role, p.ink,
                max_lines=plan.title_lines)  # fmt: skip
        y += th + px(4)
    if plan.status:
        y = _draw_status(surf, app, rect, y, st, role)
    if plan.desc_lines:
        box = pygame.Rect(rect.x, y, rect.width, plan.desc_lines * lh)
        tp.draw(surf, description(app, st.index), box, role, p.muted, max_lines=plan.desc_lines)
        y += box.height + px(6)
    for f, n in zip(facts(app, st), plan.fact_lines, strict=True):
        tp.line(surf, f.label, pygame.Rect(rect.x, y, plan.label_w - px(8), lh), role + "b",
                p.muted, valign="top")  # fmt: skip
        box = pygame.Rect(rect.x + plan.label_w, y, rect.width - plan.label_w, n * lh)
        tp.draw(surf, f.value, box, role, p.ink)
        y += n * lh + px(2)


def _draw_status(surf, app, rect: pygame.Rect, y: int, st: PackageStatus, role: str) -> int:
    """What happens if resolved now, the pledged amount and the pledge bar; the next y."""
    p, tp, px = app.pal, app.tp, app.px
    lh = tp.line_height(role)
    text, tone = status_line(app, st)
    amount = pledged_text(app, st)
    aw = tp.width(amount, role + "b") + px(4)
    mark = px(7)
    draw_marker(surf, TONE_SHAPE.get(tone, "ring"), (rect.x + mark, y + lh // 2), mark,
                tone_color(app, tone))  # fmt: skip
    sx = rect.x + 2 * mark + px(6)
    tp.line(surf, text, pygame.Rect(sx, y, rect.right - aw - px(8) - sx, lh), role + "b", p.ink)
    tp.line(surf, amount, pygame.Rect(rect.right - aw, y, aw, lh), role + "b", p.ink, "right")
    y += lh + px(2)
    pledge_bar(surf, app, pygame.Rect(rect.x, y + px(2), rect.width, px(10)), st)
    return y + px(14) + px(6)


# -- a list to pick a package from (deliberation) ------------------------------------------
class PackageList(Widget):
    """The packages as rows (title, pledges against cost, what would happen); ↑/↓ or a
    click picks the one the detail panel shows. Scrolls when they do not all fit.
    """

    hint_key = "hint.packages"

    def __init__(
        self,
        key: str,
        rows: list[PackageStatus],
        selected: int,
        on_select: Callable[[int], None],
        rect: pygame.Rect,
        row_h: int,
        two_lines: bool,
        head_h: int,
    ):
        super().__init__(key, rect)
        self.rows, self.selected, self.on_select = rows, selected, on_select
        self.row_h, self.two_lines, self.head_h = row_h, two_lines, head_h
        self.visible = max(1, (rect.height - head_h) // max(1, row_h))
        self.top = 0
        self.scroll_to(selected)

    def scroll_to(self, i: int) -> None:
        """Make row i visible."""
        if i < self.top:
            self.top = i
        elif i >= self.top + self.visible:
            self.top = i - self.visible + 1
        self.top = max(0, min(self.top, max(0, len(self.rows) - self.visible)))

    def select(self, i: int) -> None:
        """Pick row i."""
        i = max(0, min(len(self.rows) - 1, i))
        if i != self.selected:
            self.selected = i
            self.scroll_to(i)
            self.on_select(i)

    def on_key(self, ev, app) -> bool:
        """↑/↓ one package, PgUp is the phase's; Home/End the first and last."""
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1}
        if ev.key in moves:
            self.select(self.selected + moves[ev.key])
        elif ev.key == pygame.K_HOME:
            self.select(0)
        elif ev.key == pygame.K_END:
            self.select(len(self.rows) - 1)
        else:
            return False
        return True

    def row_rect(self, k: int) -> pygame.Rect:
        """Where visible row k (0 = the top one shown) is."""
        y0 = self.rect.y + self.head_h
        return pygame.Rect(self.rect.x, y0 + k * self.row_h, self.rect.width, self.row_h)

    def on_mouse(self, ev, app) -> bool:
        """A click picks the row under it; the wheel scrolls."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            for k in range(min(self.visible, len(self.rows) - self.top)):
                if self.row_rect(k).collidepoint(ev.pos):
                    self.select(self.top + k)
                    return True
        return ev.type == pygame.MOUSEBUTTONDOWN

    def wheel(self, dy: int) -> None:
        """Scroll by the mouse wheel (the selection follows when it would leave the view)."""
        self.top = max(0, min(self.top - dy, max(0, len(self.rows) - self.visible)))
        if not self.top <= self.selected < self.top + self.visible:
            self.select(min(max(self.selected, self.top), self.top + self.visible - 1))

    def draw(self, surf, app, focused) -> None:
        """The column heads, the visible rows and where the list is scrolled to."""
        p, tp, tr, px = app.pal, app.tp, app.tr, app.px
        r = self.rect
        cols = (0.5, 0.2, 0.3)
        xs = [r.x, r.x + int(r.width * cols[0]), r.x + int(r.width * (cols[0] + cols[1]))]
        ws = [int(r.width * c) - px(10) for c in cols]
        n = len(self.rows)
        more = ""
        if n > self.visible:
            last = min(n, self.top + self.visible)
            more = tr("pkd.rows", first=self.top + 1, last=last, total=n)
        mw = tp.width(more, "tiny") + px(4) if more else 0
        heads = ("pkg.col_package", "pkg.col_pledges", "pkg.col_status")
        for i, (x, w, key) in enumerate(zip(xs, ws, heads, strict=True)):
            w = w - mw if i == 2 else w
            tp.line(surf, tr(key), pygame.Rect(x, r.y, w, self.head_h), "tinyb", p.muted)
        if more:
            box = pygame.Rect(r.right - mw, r.y, mw, self.head_h)
            tp.line(surf, more, box, "tiny", p.muted, "right")
        lh_t, lh_s = tp.line_height("tiny"), tp.line_height("small")
        for k in range(min(self.visible, n - self.top)):
            i = self.top + k
            st = self.rows[i]
            row = self.row_rect(k)
            on = i == self.selected
            if on:
                pygame.draw.rect(surf, mix(p.panel, p.accent, 0.14), row, border_radius=px(6))
            elif i % 2 == 0:
                pygame.draw.rect(surf, p.panel_alt, row)
            title = app.labels.package_title(st.index)
            x0 = xs[0] + px(6)
            if self.two_lines:
                h2 = tp.line_height("smallb") + lh_t
                cy = row.y + (row.height - h2) // 2
                tp.line(surf, title, pygame.Rect(x0, cy, ws[0], tp.line_height("smallb")),
                        "smallb", p.ink)  # fmt: skip
                sub = f"{cost_text(app, st.cost)} · {requirement_text(app, st)}"
                tp.line(surf, sub, pygame.Rect(x0, cy + tp.line_height("smallb"), ws[0], lh_t),
                        "tiny", p.muted)  # fmt: skip
            else:
                role = "smallb" if on else "small"
                tp.line(surf, title, pygame.Rect(x0, row.y, ws[0], row.height), role, p.ink)
            bh = max(px(8), min(px(18), row.height - px(12)))
            pledge_bar(surf, app, pygame.Rect(xs[1], row.centery - bh // 2, ws[1], bh), st)
            text, tone = status_line(app, st)
            mark = px(6)
            draw_marker(surf, TONE_SHAPE.get(tone, "ring"), (xs[2] + mark, row.centery), mark,
                        tone_color(app, tone))  # fmt: skip
            box = pygame.Rect(xs[2] + 2 * mark + px(6), row.y, ws[2] - 2 * mark - px(6), row.height)
            srole = "small" if row.height >= 2 * lh_s or tp.fits(text, "small", box, 1) else "tiny"
            tp.draw(surf, text, box, srole, p.ink, valign="middle", max_lines=2)
            if on and focused:
                draw_focus(surf, row, app)


def list_layout(app, rect: pygame.Rect, rows: list[PackageStatus]) -> tuple[int, bool, int, int]:
    """How the package list and the detail share `rect` (top: list, bottom: detail):
    (row height, two-line rows, list height, detail height).
    """
    tp, px = app.tp, app.px
    n = max(1, len(rows))
    head_h = tp.line_height("tinyb") + px(4)
    gap = px(12)
    two = tp.line_height("smallb") + tp.line_height("tiny") + px(12)
    # one-line rows as high as their status needs (one line of tiny text, or two)
    col = int(rect.width * 0.3) - px(10) - 2 * px(6) - px(6)
    probe = pygame.Rect(0, 0, col, tp.line_height("tiny"))
    status_lines = (
        1 if all(tp.fits(status_line(app, st)[0], "tiny", probe, 1) for st in rows) else 2
    )
    one = max(tp.line_height("smallb"), tp.line_height("tiny") * status_lines) + px(10)
    want = max(detail_height(app, rect.width, st) for st in rows) if rows else 0
    least = max(min_detail_height(app, rect.width, st) for st in rows) if rows else 0
    for row_h, two_lines in ((two, True), (one, False)):
        list_h = head_h + n * row_h
        if list_h + gap + want <= rect.height:
            return row_h, two_lines, list_h, rect.height - list_h - gap
    # not all rows: the detail as it wants to be up to 55 %, at least three rows when the
    # detail can still be drawn whole beside them
    room = rect.height - gap - head_h
    detail = max(least, min(want, int(rect.height * 0.55)))
    rows = max(1, (room - detail) // one)
    if rows < min(3, n) and room - min(3, n) * one >= least:
        rows = min(3, n)
    rows = min(rows, n)
    list_h = head_h + rows * one
    return one, False, list_h, rect.height - list_h - gap


# -- a pledge row with the live status (allocation) ----------------------------------------
class PledgeRow(Slider):
    """A pledge slider on two lines: the package and what would happen now (status, pledged
    by every team against the cost) on the left, the team's own pledge on the right. Rows
    scrolled out of view keep their place in the Tab order but are not drawn.
    """

    def __init__(
        self, *args, status: PackageStatus, hidden: bool = False, mark: float | None = None, **kw
    ):
        super().__init__(*args, **kw)
        self.status = status
        self.hidden = hidden
        self.mark = mark  # a value to point at under the track (a suggestion), or None

    def draw(self, surf, app, focused) -> None:
        """Title and status on the left; the track and the own pledge on the right, drawn
        by the plain slider in the right part of the row.
        """
        if self.hidden:
            return
        p, tp, px = app.pal, app.tp, app.px
        r = self.rect
        lh_t = tp.line_height("tiny")
        left = int(r.width * 0.52)
        role = self.role
        lh = tp.line_height(role)
        top = r.y + max(0, (r.height - lh - lh_t) // 2)
        ink = p.ink if self.enabled else p.muted
        tp.line(surf, self.label, pygame.Rect(r.x + px(8), top, left - px(26), lh), role, ink)
        st = self.status
        text, tone = status_line(app, st)
        line2 = f"{text} · {pledged_text(app, st)}"
        mark = px(5)
        y2 = top + lh
        draw_marker(surf, TONE_SHAPE.get(tone, "ring"), (r.x + px(8) + mark, y2 + lh_t // 2),
                    mark, tone_color(app, tone))  # fmt: skip
        sx = r.x + px(8) + 2 * mark + px(5)
        tp.line(surf, line2, pygame.Rect(sx, y2, r.x + left - px(18) - sx, lh_t), "tiny",
                p.muted)  # fmt: skip
        # the slider draws its track from 48 % of its box: a box that starts there at `left`
        w = round((r.width - left) / 0.52)
        label, self.label, self.rect = self.label, "", pygame.Rect(r.right - w, r.y, w, r.height)
        try:
            super().draw(surf, app, False)
        finally:
            self.label, self.rect = label, r
        if focused:
            draw_focus(surf, r, app)
