"""Drawing blocks shared by several screens: the package table, team tags, indicator bars."""

from __future__ import annotations

import pygame

from game.ui.charts import hbar
from game.ui.describe import package_state, requirement_text, tone_color
from game.ui.readmodel import PackageStatus
from game.ui.theme import MARKERS, draw_marker, readable_on


def team_tag(surf, app, rect: pygame.Rect, j: int, role: str = "tinyb") -> None:
    """A filled square in the team's colour with the team's letter."""
    col = app.pal.teams[j % len(app.pal.teams)]
    pygame.draw.rect(surf, col, rect, border_radius=app.px(4))
    app.tp.glyph(surf, app.labels.team_letter(j), rect, role, readable_on(col))


def region_marker(app, r: int) -> tuple[str, tuple[int, int, int]]:
    """Shape and colour of region type r (used in every chart)."""
    return MARKERS[r % len(MARKERS)], app.pal.series[r % len(app.pal.series)]


def pledge_bar(surf, app, rect: pygame.Rect, st: PackageStatus) -> None:
    """Pledges stacked by team against the cost (the tick)."""
    p, tp = app.pal, app.tp
    pygame.draw.rect(surf, p.grid, rect, border_radius=app.px(3))
    top = max(st.cost, st.total) * 1.15 or 1.0
    x = rect.x
    for j, v in enumerate(st.pledged):
        if v <= 1e-9:
            continue
        w = int(rect.width * v / top)
        seg = pygame.Rect(x, rect.y, max(1, w), rect.height)
        col = p.teams[j % len(p.teams)]
        pygame.draw.rect(surf, col, seg)
        if w >= tp.width("W", "tinyb") + 4:
            app.tp.glyph(surf, app.labels.team_letter(j), seg, "tinyb", readable_on(col))
        x += w
    cx = rect.x + int(rect.width * st.cost / top)
    pygame.draw.line(
        surf, p.ink, (cx, rect.y - app.px(4)), (cx, rect.bottom + app.px(4)), max(2, app.px(3))
    )


def package_table(
    surf, app, rect: pygame.Rect, rows: list[PackageStatus], highlight: int | None = None
) -> None:
    """One row per package: title and needs, pledges against cost, what will happen."""
    p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
    if not rows:
        tp.draw(surf, tr("pkg.none"), rect, "body", p.muted)
        return
    head_h = tp.line_height("tinyb") + app.px(4)
    cols = (0.5, 0.2, 0.3)
    xs = [
        rect.x,
        rect.x + int(rect.width * cols[0]),
        rect.x + int(rect.width * (cols[0] + cols[1])),
    ]
    ws = [int(rect.width * c) - app.px(10) for c in cols]
    for x, w, key in zip(
        xs, ws, ("pkg.col_package", "pkg.col_pledges", "pkg.col_status"), strict=True
    ):
        tp.line(surf, tr(key), pygame.Rect(x, rect.y, w, head_h), "tinyb", p.muted)
    y0 = rect.y + head_h + app.px(2)
    two = tp.line_height("smallb") + tp.line_height("tiny")
    row_h = min((rect.bottom - y0) // len(rows), two + app.px(22))
    for i, st in enumerate(rows):
        r = pygame.Rect(rect.x, y0 + i * row_h, rect.width, row_h)
        if i % 2 == 0:
            pygame.draw.rect(surf, p.panel_alt, r)
        if highlight == i:
            pygame.draw.rect(surf, p.focus, r, max(2, app.px(3)))
        cy = r.y + (r.height - min(two, r.height)) // 2
        title = lab.package_title(st.index)
        cost = tr("pkg.cost", points=tr.num(st.cost, 0))
        if row_h >= two:
            tp.line(
                surf,
                title,
                pygame.Rect(xs[0] + app.px(6), cy, ws[0], tp.line_height("smallb")),
                "smallb",
                p.ink,
            )
            tp.line(
                surf,
                f"{cost} · {requirement_text(app, st)}",
                pygame.Rect(
                    xs[0] + app.px(6), cy + tp.line_height("smallb"), ws[0], tp.line_height("tiny")
                ),
                "tiny",
                p.muted,
            )
        else:
            tp.line(
                surf,
                f"{title} ({cost})",
                pygame.Rect(xs[0] + app.px(6), r.y, ws[0], r.height),
                "small",
                p.ink,
            )
        bh = max(app.px(10), min(app.px(22), row_h - app.px(14)))
        pledge_bar(surf, app, pygame.Rect(xs[1], r.centery - bh // 2, ws[1], bh), st)
        text, tone = package_state(app, st)
        col = tone_color(app, tone)
        mark = pygame.Rect(xs[2], r.centery - app.px(6), app.px(12), app.px(12))
        shape = {"good": "circle", "bad": "cross", "warn": "triangle"}.get(tone, "ring")
        draw_marker(surf, shape, mark.center, app.px(6), col)
        tp.draw(
            surf,
            text,
            pygame.Rect(mark.right + app.px(6), r.y, ws[2] - mark.width, r.height),
            "small" if row_h >= 2 * tp.line_height("small") else "tiny",
            p.ink,
            valign="middle",
            max_lines=2,
        )


def indicator_bars(
    surf,
    app,
    rect: pygame.Rect,
    k: int,
    before,
    after,
    target,
    progress: float = 1.0,
    title: bool = True,
) -> None:
    """Bars of one indicator for every region type, moving from before to after."""
    p, tp, lab = app.pal, app.tp, app.labels
    m = app.model
    y = rect.y
    if title:
        h = tp.line_height("smallb")
        tp.line(surf, lab.indicator(k), pygame.Rect(rect.x, y, rect.width, h), "smallb", p.ink)
        y += h + app.px(4)
    from game.ui.charts import signed

    R = len(m.region_ids)
    row = min((rect.bottom - y) // max(1, R), app.px(44))
    values = []
    for r in range(R):
        v = before[r] + (after[r] - before[r]) * progress
        values.append(f"{app.tr.num(v)} ({signed(after[r] - before[r], 1, app.tr)})")
    # as wide as the widest value ever drawn here (the numbers move while the bars grow)
    widest = f"{app.tr.num(88.8)} ({app.tr.signed(-8.8)})"
    val_w = max(tp.width(t, "tiny") for t in [*values, widest]) + app.px(6)
    lh = tp.line_height("tiny")
    for r in range(R):
        rr = pygame.Rect(rect.x, y + r * row, rect.width, row)
        shape, col = region_marker(app, r)
        draw_marker(surf, shape, (rr.x + app.px(7), rr.centery), app.px(5), col)
        bar = pygame.Rect(
            rr.x + app.px(18),
            rr.centery - max(2, row // 3) // 2,
            rr.width - app.px(18) - val_w,
            max(3, row // 3),
        )
        v = before[r] + (after[r] - before[r]) * progress
        hbar(surf, app, bar, v, 0, 100, col, target=target[r], ghost=before[r])
        # rows of numbers may be tighter than a line: digits are shorter than a line's
        # height, so the value keeps its row's centre and a whole line's box
        vr = pygame.Rect(bar.right + app.px(6), 0, val_w - app.px(6), max(rr.height, lh))
        vr.centery = rr.centery
        tp.line(surf, values[r], vr, "tiny", p.ink, "right")
