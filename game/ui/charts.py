"""Charts drawn with pygame primitives: line charts with targets and bands, bars.

Each series has a colour and a marker shape, and lines end in a label where there is
room, so no chart depends on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from game.ui.theme import Color, draw_arrow, draw_marker, mix


@dataclass
class Series:
    """One line of a line chart."""

    values: Sequence[float]
    color: Color
    marker: str = "circle"
    label: str = ""
    dashed_from: int | None = None  # index from which the line is a projection (dashed)
    width: int = 3


def charts_drawn(app) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The plot areas of the line charts drawn since the list was last cleared, with their
    titles (tests check that no chart collapses into a strip at large text sizes).
    """
    return app.charts_drawn


def title_height(app, title: str, width: int) -> int:
    """The height of a line chart's title: one line (bold, else small), else two small."""
    tp = app.tp
    if tp.width(title, "smallb") <= width:
        return tp.line_height("smallb")
    return tp.line_height("tiny") * (1 if tp.width(title, "tiny") <= width else 2)


def chart_height(app, title: str, width: int) -> int:
    """The least height of a line chart whose plot stays readable (never a strip)."""
    tp = app.tp
    lh = tp.line_height("tiny")
    plot = max(app.px(70), 2 * lh)
    return (title_height(app, title, width) + app.px(2) if title else 0) + plot + 2 * lh


def dashed_line(surf, color: Color, a, b, width: int = 2, dash: int = 8) -> None:
    """A dashed straight line from a to b."""
    ax, ay = a
    bx, by = b
    length = max(1.0, float(np.hypot(bx - ax, by - ay)))
    n = int(length // dash)
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1.0, (i + 1) / n)
        pygame.draw.line(
            surf,
            color,
            (ax + (bx - ax) * t0, ay + (by - ay) * t0),
            (ax + (bx - ax) * t1, ay + (by - ay) * t1),
            width,
        )


def line_chart(
    surf: pygame.Surface,
    app,
    rect: pygame.Rect,
    series: Sequence[Series],
    x_labels: Sequence[str],
    y_range: tuple[float, float] = (0.0, 100.0),
    targets: Sequence[tuple[float, Color]] = (),
    band: tuple[Sequence[float], Sequence[float], int] | None = None,
    y_ticks: int = 4,
    label_lines: bool = False,
    title: str = "",
    end_marks: Sequence[tuple[float, Color, str]] = (),
) -> pygame.Rect:
    """Draw a line chart; returns the plot area. `band` is (low, high, first index)."""
    p, tp = app.pal, app.tp
    top = rect.y
    if title:  # whole: in a smaller size, then on two lines, when large text needs it
        th = title_height(app, title, rect.width)
        role = "smallb" if tp.width(title, "smallb") <= rect.width else "tiny"
        lines = th // tp.line_height(role)
        box = pygame.Rect(rect.x, rect.y, rect.width, th)
        tp.draw(surf, title, box, role, p.ink, max_lines=lines)
        top += th + app.px(2)
    lh = tp.line_height("tiny")
    axis_w = tp.width("100", "tiny") + app.px(8)
    right_pad = app.px(26) if end_marks else app.px(8)
    if label_lines:
        right_pad = int(rect.width * 0.28)
    plot = pygame.Rect(
        rect.x + axis_w,
        top + lh // 2,
        rect.width - axis_w - right_pad,
        rect.bottom - top - lh // 2 - lh - app.px(4),
    )
    charts_drawn(app).append((title, tuple(plot)))
    if plot.width < 20 or plot.height < 20:
        return plot
    lo, hi = y_range
    span = (hi - lo) or 1.0

    def ypix(v: float) -> float:
        return plot.bottom - (float(v) - lo) / span * plot.height

    n = max(len(x_labels), max((len(s.values) for s in series), default=1))

    def xpix(i: float) -> float:
        return plot.x + (i / max(1, n - 1)) * plot.width

    for k in range(y_ticks + 1):
        v = lo + span * k / y_ticks
        y = ypix(v)
        pygame.draw.line(surf, p.grid, (plot.x, y), (plot.right, y), 1)
        tp.line(
            surf,
            app.tr.num(v, 0),
            pygame.Rect(rect.x, y - lh // 2, axis_w - app.px(6), lh),
            "tiny",
            p.muted,
            "right",
        )
    # x labels: as many as fit
    if x_labels:
        lw = max(tp.width(s, "tiny") for s in x_labels) + app.px(8)
        every = max(1, int(np.ceil(lw / max(1.0, plot.width / max(1, n - 1)))))
        for i, s in enumerate(x_labels):
            if i % every and i != len(x_labels) - 1:
                continue
            x = xpix(i)
            box = pygame.Rect(int(x - lw / 2), plot.bottom + app.px(3), lw, lh)
            box.clamp_ip(pygame.Rect(plot.x - lw // 2, box.y, plot.width + lw, lh).clip(rect))
            tp.line(surf, s, box, "tiny", p.muted, "center")
    pygame.draw.line(surf, p.line, (plot.x, plot.bottom), (plot.right, plot.bottom), 1)
    if band is not None:
        low, high, first = band
        pts = [(xpix(first + i), ypix(v)) for i, v in enumerate(high)]
        pts += [(xpix(first + i), ypix(v)) for i, v in reversed(list(enumerate(low)))]
        if len(pts) >= 3:
            pygame.draw.polygon(surf, mix(p.panel, p.accent, 0.18), pts)
    for value, color in targets:
        y = ypix(value)
        dashed_line(surf, color, (plot.x, y), (plot.right, y), max(1, app.px(2)), app.px(10))
    ms = max(3, app.px(5))
    for value, color, marker in end_marks:  # targets: hollow markers right of the last year
        at = (plot.right + app.px(15), ypix(value))
        if marker in ("plus", "cross", "ring"):  # shapes made of lines have no inside
            draw_marker(surf, marker, at, ms + 1, color)
        else:
            draw_marker(surf, marker, at, ms + 1, p.panel, outline=color)
    ends: list[tuple[float, Series]] = []
    for s in series:
        vals = [v for v in s.values]
        if not vals:
            continue
        pts = [(xpix(i), ypix(v)) for i, v in enumerate(vals)]
        w = max(1, app.px(s.width))
        for i in range(1, len(pts)):
            if s.dashed_from is not None and i > s.dashed_from:
                dashed_line(surf, s.color, pts[i - 1], pts[i], w, app.px(8))
            else:
                pygame.draw.line(surf, s.color, pts[i - 1], pts[i], w)
        for i, pt in enumerate(pts):
            if len(pts) <= 12 or i == len(pts) - 1:
                draw_marker(surf, s.marker, pt, ms, s.color)
        ends.append((pts[-1][1], s))
    if label_lines and ends:
        ends.sort(key=lambda e: e[0])
        lab_h = lh
        ys: list[float] = []
        for y, _ in ends:  # push labels apart so they never overlap
            y = max(y, (ys[-1] + lab_h) if ys else plot.y)
            ys.append(y)
        overflow = ys[-1] + lab_h / 2 - rect.bottom
        if overflow > 0:
            ys = [y - overflow for y in ys]
        for y, (_, s) in zip(ys, ends, strict=True):
            x = plot.right + app.px(10)
            draw_marker(surf, s.marker, (x + ms, y), ms, s.color)
            box = pygame.Rect(
                x + 2 * ms + app.px(6),
                int(y - lab_h / 2),
                rect.right - x - 2 * ms - app.px(6),
                lab_h,
            )
            tp.line(surf, s.label, box.clip(rect), "tiny", p.ink)
    return plot


def nice_ticks(lo: float, hi: float, most: int = 8) -> int:
    """How many steps between the grid lines of lo..hi make round numbers (5, 10, 20, 25
    or 50 apart), at most `most`; 4 when none does.
    """
    span = hi - lo
    for step in (5, 10, 20, 25, 50):
        n = span / step
        if n <= most and abs(n - round(n)) < 1e-9 and n >= 1:
            return int(round(n))
    return 4


def signed(v: float, digits: int = 1, tr=None) -> str:
    """A number with its sign (a real minus sign), in the language of `tr` (a Translator
    or game.i18n.numbers.Numbers): '+0,10' in Finnish; without one, a dot decimal.
    """
    if tr is not None:
        return tr.signed(v, digits)
    s = f"{abs(v):.{digits}f}"
    if round(v, digits) > 0:
        return "+" + s
    if round(v, digits) < 0:
        return "−" + s
    return s


def diverging_bars(
    surf: pygame.Surface,
    app,
    rect: pygame.Rect,
    items: Sequence[tuple[str, float, Color, str]],
    role: str = "small",
    digits: int = 2,
    vmax: float | None = None,
) -> None:
    """Horizontal bars left (negative) and right (positive) of a zero line.

    items: (label, value, colour, tag): the tag (a short kind word) is shown before the label.
    vmax: the value of a full half-width bar (default: the largest |value|), so several
    charts can share one scale.
    """
    p, tp = app.pal, app.tp
    if not items:
        return
    n = len(items)
    row = min(rect.height // n, tp.line_height(role) * 2)
    label_w = int(rect.width * 0.42)
    vrole = role if tp.line_height(role) <= row else "tiny"  # a value fits its row
    shown = [signed(v, digits, app.tr) for _, v, _, _ in items] + [signed(-8.8, digits, app.tr)]
    val_w = max(tp.width(t, vrole) for t in shown) + app.px(10)
    bars = pygame.Rect(rect.x + label_w, rect.y, rect.width - label_w - val_w, rect.height)
    zero = bars.centerx
    vmax = vmax or max(abs(v) for _, v, _, _ in items) or 1.0
    pygame.draw.line(surf, p.line, (zero, rect.y), (zero, rect.y + row * n), 2)
    texts = [label if not tag else f"{tag}: {label}" for label, _, _, tag in items]
    probe = pygame.Rect(0, 0, label_w - app.px(10), row)
    lab_role = role if all(tp.fits(t, role, probe, 2) for t in texts) else "tiny"
    for i, (_label, v, col, _tag) in enumerate(items):
        y = rect.y + i * row
        lab = pygame.Rect(rect.x, y, label_w - app.px(10), row)
        tp.draw(surf, texts[i], lab, lab_role, p.ink, "right", "middle", max_lines=2)
        w = int(abs(v) / vmax * (bars.width / 2 - app.px(4)))
        bh = max(4, int(row * 0.6))
        br = pygame.Rect(zero if v >= 0 else zero - w, y + (row - bh) // 2, max(1, w), bh)
        pygame.draw.rect(surf, col, br, border_radius=app.px(3))
        if abs(v) >= 1e-6:
            draw_arrow(
                surf,
                (zero + (app.px(9) if v < 0 else -app.px(9)), br.centery),
                app.px(5),
                v > 0,
                p.good if v > 0 else p.bad,
            )
        vr = pygame.Rect(bars.right + app.px(6), y, val_w - app.px(6), row)
        vr.height = max(row, tp.line_height(vrole))  # digits are shorter than a line
        vr.centery = y + row // 2
        tp.line(surf, signed(v, digits, app.tr), vr, vrole, p.ink, "right")


def hbar(
    surf,
    app,
    rect: pygame.Rect,
    value: float,
    lo: float,
    hi: float,
    color: Color,
    target: float | None = None,
    ghost: float | None = None,
) -> None:
    """A horizontal bar of value in lo..hi with an optional target tick and a ghost (earlier
    value) outline.
    """
    p = app.pal
    span = (hi - lo) or 1.0
    pygame.draw.rect(surf, p.grid, rect, border_radius=app.px(3))
    if ghost is not None:
        gw = int(rect.width * (min(max(ghost, lo), hi) - lo) / span)
        pygame.draw.rect(
            surf,
            mix(p.grid, color, 0.35),
            (rect.x, rect.y, gw, rect.height),
            border_radius=app.px(3),
        )
    w = int(rect.width * (min(max(value, lo), hi) - lo) / span)
    if w > 0:
        pygame.draw.rect(surf, color, (rect.x, rect.y, w, rect.height), border_radius=app.px(3))
    if target is not None:
        tx = rect.x + int(rect.width * (min(max(target, lo), hi) - lo) / span)
        pygame.draw.line(
            surf, p.ink, (tx, rect.y - app.px(4)), (tx, rect.bottom + app.px(4)), max(2, app.px(3))
        )
