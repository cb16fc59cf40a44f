"""The debrief's stress-test page, and its chart in the report: the room's decisions
replayed in every future (game.session.stress), drawn as charts people look at.

- *The shared score in each future*: a band (p5–p95 over the seeds) and the mean, on one
  axis, the worst and best future named;
- *Vision attained by region type*: a region-type × future grid whose colour goes from
  the bad colour (0 %) through the card to the good one (100 %), each cell with its mean;
- *What each decision was worth*: per decision a row of markers, one per future, left of
  zero where the decision cost the room points in that future and right where it gained,
  with the verdict (robust, fragile, mixed, costly) at the end of the row.

The result is computed once per session and resolved turn (about a second) and kept on
the session object.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.scenario.text import text
from game.ui.pages import card
from game.ui.panels import region_marker
from game.ui.theme import MARKERS, draw_marker, mix
from game.ui.widgets import marker_legend


def stress_of(session, scenario_id: str | None = None):
    """The session's stress test as the debrief and the report show it (cached)."""
    from game.session.stress import session_stress

    return session_stress(session, scenario_id)


def future_name(f, lang: str) -> str:
    """A future's title without the year it shares with every other ("… 2040")."""
    name = text(f.title, lang) or f.id
    return name[:-5] if name.endswith(" 2040") else name


def future_style(app, i: int) -> tuple[str, tuple[int, int, int]]:
    """Marker shape and colour of future i (after the region types' own styles)."""
    series = app.pal.series
    return MARKERS[(i + 1) % len(MARKERS)], series[(i + 3) % len(series)]


def decision_name(app, d) -> str:
    """A decision in words: the theme, the package, or the dilemma and the option voted."""
    m, lab, tr = app.model, app.labels, app.tr
    v = d.variant
    if v.kind == "theme" and v.id in m.theme_ids:
        return tr("stress.theme", name=lab.theme(m.theme_ids.index(v.id)))
    if v.kind == "package" and v.id in m.package_ids:
        return tr("stress.package", name=lab.package_title(m.package_ids.index(v.id)))
    if v.kind == "vote" and v.id in m.event_ids:
        i = m.event_ids.index(v.id)
        o = m.events[i].options.index(v.option)
        return tr("stress.vote", name=lab.event_title(i), option=lab.option(i, o))
    return v.id


def draw_stress(surf, app, rect: pygame.Rect, res=None) -> None:
    """The stress-test page: three charts (or, without futures, why there are none)."""
    p, tp, tr = app.pal, app.tp, app.tr
    if res is None:
        res = stress_of(app.session, getattr(app, "scenario_id", None) or _scenario_id(app))
    if res is None or res.note:
        inner = card(surf, app, rect, tr("stress.title"))
        msg = tr("stress.no_turn") if res is None else tr("stress.none", base=res.base)
        tp.draw(surf, msg, inner, "body", p.ink)
        return
    gap = app.px(14)
    top_h = int(rect.height * 0.46)
    left = pygame.Rect(rect.x, rect.y, int(rect.width * 0.42), top_h)
    right = pygame.Rect(left.right + gap, rect.y, rect.right - left.right - gap, top_h)
    low = pygame.Rect(rect.x, left.bottom + gap, rect.width, rect.bottom - left.bottom - gap)
    _bands(surf, app, card(surf, app, left, tr("stress.bands")), res)
    _grid(surf, app, card(surf, app, right, tr("stress.grid")), res)
    _decisions(surf, app, card(surf, app, low, tr("stress.decisions")), res)


def _scenario_id(app) -> str | None:
    info = getattr(app, "session_info", None)
    return info.scenario_id if info is not None else None


def _bands(surf, app, rect: pygame.Rect, res) -> None:
    """One row per future: the p5–p95 band and the mean of its shared score."""
    p, tp, tr = app.pal, app.tp, app.tr
    futures = res.futures
    lo = min(float(np.percentile(f.shared, 5)) for f in futures)
    hi = max(float(np.percentile(f.shared, 95)) for f in futures)
    lo, hi = np.floor(lo / 5) * 5 - 5, np.ceil(hi / 5) * 5 + 5
    axis_h = tp.line_height("tiny") + app.px(6)
    note = pygame.Rect(
        rect.x, rect.bottom - tp.line_height("tiny"), rect.width, tp.line_height("tiny")
    )
    tp.line(surf, tr("stress.band_note", runs=res.runs), note, "tiny", p.muted, "right")
    rect = pygame.Rect(rect.x, rect.y, rect.width, rect.height - note.height)
    name_w = app.px(4)
    val_w = tp.width("100,0", "bodyb") + app.px(10)
    plot = pygame.Rect(rect.x + name_w, rect.y, rect.width - name_w - val_w, rect.height - axis_h)
    row = plot.height // max(1, len(futures))

    def xof(v: float) -> int:
        return plot.x + int(plot.width * (v - lo) / (hi - lo))

    for v in np.arange(lo, hi + 0.1, 5 if hi - lo <= 40 else 10):
        x = xof(float(v))
        pygame.draw.line(surf, p.grid, (x, plot.y), (x, plot.bottom), 1)
        tp.line(
            surf,
            tr.num(v, 0),
            pygame.Rect(x - app.px(30), plot.bottom + app.px(3), app.px(60), axis_h),
            "tiny",
            p.muted,
            "center",
        )
    for i, f in enumerate(futures):
        shape, col = future_style(app, i)
        r = pygame.Rect(rect.x, plot.y + i * row, rect.width, row)
        name = future_name(f, app.lang)
        if f.id in (res.worst, res.best):
            name += " · " + tr("stress.worst" if f.id == res.worst else "stress.best")
        lh = tp.line_height("small")
        size = app.px(8)
        draw_marker(surf, shape, (r.x + size, r.y + lh // 2), size * 0.8, col)
        tone = p.bad if f.id == res.worst else p.good if f.id == res.best else p.ink
        tp.line(
            surf,
            name,
            pygame.Rect(r.x + 2 * size + app.px(4), r.y, plot.right - r.x, lh),
            "small",
            tone if tone != p.ink else p.ink,
        )
        a, b = float(np.percentile(f.shared, 5)), float(np.percentile(f.shared, 95))
        body = pygame.Rect(r.x, r.y + lh, r.width, max(1, r.height - lh))
        bh = max(app.px(8), min(app.px(18), body.height - app.px(6)))
        band = pygame.Rect(xof(a), body.centery - bh // 2, max(2, xof(b) - xof(a)), bh)
        pygame.draw.rect(surf, mix(p.panel, col, 0.45), band, border_radius=app.px(4))
        mean = float(f.shared.mean())
        pygame.draw.line(
            surf,
            p.ink,
            (xof(mean), band.y - app.px(4)),
            (xof(mean), band.bottom + app.px(4)),
            max(2, app.px(3)),
        )
        tp.line(
            surf,
            tr.num(mean),
            pygame.Rect(plot.right + app.px(6), r.y, val_w, r.height),
            "bodyb",
            p.ink,
        )


def _grid(surf, app, rect: pygame.Rect, res) -> None:
    """Region types × futures: the vision attained there (mean over the seeds)."""
    p, tp, tr, lab, m = app.pal, app.tp, app.tr, app.labels, app.model
    futures = res.futures
    regions = [r for r in res.region_ids if r in m.region_ids]
    head_h = 2 * tp.line_height("tinyb") + app.px(4)
    name_w = int(rect.width * 0.34)
    cw = (rect.width - name_w) // max(1, len(futures))
    ch = (rect.height - head_h) // max(1, len(regions))
    role = "small" if ch >= tp.line_height("smallb") + app.px(2) else "tiny"
    s = app.px(6)
    for i, f in enumerate(futures):
        shape, col = future_style(app, i)
        x = rect.x + name_w + i * cw
        draw_marker(
            surf, shape, (x + s + app.px(2), rect.y + tp.line_height("tinyb") // 2), s * 0.8, col
        )
        tp.draw(
            surf,
            future_name(f, app.lang),
            pygame.Rect(x + 2 * s + app.px(4), rect.y, cw - 2 * s - app.px(6), head_h),
            "tiny",
            p.ink,
            max_lines=2,
        )
    for ri, r in enumerate(regions):
        y = rect.y + head_h + ri * ch
        shape, col = region_marker(app, m.region_ids.index(r))
        draw_marker(surf, shape, (rect.x + s, y + ch // 2), s * 0.8, col)
        name_rect = pygame.Rect(rect.x + 2 * s + app.px(4), y, name_w - 2 * s - app.px(8), ch)
        name = lab.region(m.region_ids.index(r))
        if tp.width(name, role) <= name_rect.width or ch < 2 * tp.line_height("tiny"):
            tp.line(surf, name, name_rect, role, p.ink)
        else:
            tp.draw(surf, name, name_rect, "tiny", p.ink, valign="middle", max_lines=2)
        for i, f in enumerate(futures):
            v = f.region_vision.get(r)
            cell = pygame.Rect(rect.x + name_w + i * cw + 1, y + 1, cw - 2, ch - 2)
            if v is None:
                continue
            mean = float(v.mean())
            t = min(1.0, abs(mean - 50) / 50) * 0.8
            fill = mix(p.panel, p.good if mean >= 50 else p.bad, t)
            pygame.draw.rect(surf, fill, cell, border_radius=app.px(3))
            ink = (255, 255, 255) if t > 0.55 else p.ink
            tp.line(surf, tr("stress.pct", v=tr.num(mean, 0)), cell, role + "b", ink, "center")


def nice_step(span: float) -> float:
    """A round tick step giving about eight ticks over `span`."""
    raw = span / 8
    mag = 10 ** np.floor(np.log10(raw)) if raw > 0 else 1.0
    return float(min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=mag))


def _decisions(surf, app, rect: pygame.Rect, res) -> None:
    """Per decision, a marker per future at what it was worth there, and the verdict."""
    p, tp, tr = app.pal, app.tp, app.tr
    items = [(*future_style(app, i), future_name(f, app.lang)) for i, f in enumerate(res.futures)]
    used = marker_legend(surf, app, rect, items, "tiny")
    rect = pygame.Rect(
        rect.x, rect.y + used + app.px(6), rect.width, rect.height - used - app.px(6)
    )
    ds = res.decisions
    if not ds:
        tp.draw(surf, tr("stress.no_decisions"), rect, "small", p.muted)
        return
    axis_h = tp.line_height("tiny") + app.px(4)
    name_w = int(rect.width * 0.38)
    verdict_w = max(
        tp.width(tr(f"stress.{v}"), "smallb") for v in ("robust", "fragile", "mixed", "costly")
    ) + app.px(16)
    plot = pygame.Rect(
        rect.x + name_w, rect.y, rect.width - name_w - verdict_w, rect.height - axis_h
    )
    row = max(tp.line_height("small") + app.px(4), plot.height // len(ds))
    row = min(row, tp.line_height("small") * 2 + app.px(4))
    ds = ds[: max(1, plot.height // row)]
    worths = [w for d in ds for w in d.worth.values()]
    lo, hi = float(np.floor(min(0.0, *worths))), float(np.ceil(max(0.0, *worths)))
    lo, hi = (lo - 1 if lo < 0 else lo), (hi + (1 if hi > 0 else 0)) or 1.0
    step = max(1.0, float(nice_step(hi - lo)))

    def xof(v: float) -> int:
        return plot.x + int(plot.width * (v - lo) / (hi - lo))

    bottom = plot.y + row * len(ds)
    for v in np.arange(np.ceil(lo / step) * step, hi + 1e-9, step):
        x = xof(v)
        pygame.draw.line(
            surf,
            p.ink if v == 0 else p.grid,
            (x, plot.y),
            (x, bottom),
            max(1, app.px(2)) if v == 0 else 1,
        )
        tp.line(
            surf,
            tr.signed(v, 1) if v else "0",
            pygame.Rect(x - app.px(30), bottom + app.px(2), app.px(60), axis_h),
            "tiny",
            p.muted,
            "center",
        )
    for k, d in enumerate(ds):
        y = plot.y + k * row
        if k % 2:
            pygame.draw.rect(surf, p.panel_alt, (rect.x, y, rect.width, row))
        tp.draw(
            surf,
            decision_name(app, d),
            pygame.Rect(rect.x + app.px(4), y, name_w - app.px(8), row),
            "small",
            p.ink,
            valign="middle",
            max_lines=2,
        )
        xs = [xof(d.worth[f.id]) for f in res.futures]
        pygame.draw.line(surf, p.line, (min(xs), y + row // 2), (max(xs), y + row // 2), 2)
        for i, f in enumerate(res.futures):
            shape, col = future_style(app, i)
            draw_marker(surf, shape, (xof(d.worth[f.id]), y + row // 2), app.px(7), col, p.ink)
        verdict = d.verdict
        colour = {"robust": p.good, "fragile": p.bad, "costly": p.bad}.get(verdict, p.muted)
        tp.line(
            surf,
            tr(f"stress.{verdict}"),
            pygame.Rect(plot.right + app.px(10), y, verdict_w, row),
            "smallb",
            colour,
        )
