"""The report's charts, drawn by the game's own chart code onto off-screen surfaces.

`render(session, ctx, out)` is the renderer `game.session.report.write_report` takes: it
saves PNG files into `out` and returns {caption: path} in the order the report shows
them. Nothing here needs a window: pygame surfaces and fonts work under any video driver
(the CLI's `suunta report` runs without a display).

The images are made for paper: a white background, the colour-blind-safe palette with
shapes and labels beside every colour, and type larger than on screen.
"""

from __future__ import annotations

import math
import os
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.i18n import translator  # noqa: E402
from game.ui.charts import Series, diverging_bars, line_chart, nice_ticks  # noqa: E402
from game.ui.labels import Labels  # noqa: E402
from game.ui.network import NetworkLayout  # noqa: E402
from game.ui.pages import card, draw_network_compare, score_chart  # noqa: E402
from game.ui.panels import region_marker, team_tag  # noqa: E402
from game.ui.readmodel import history  # noqa: E402
from game.ui.text import TextPainter  # noqa: E402
from game.ui.theme import LIGHT, Fonts, layout_scale, source_kind_color  # noqa: E402
from game.ui.widgets import marker_legend  # noqa: E402

SIZE = (1600, 900)
PRINT_ZOOM = 1.25  # lines, markers and type larger than on a screen of the same size: paper
PRINT_TYPE = 1.12  # and the type a little larger still
PAPER = replace(
    LIGHT,
    name="light",
    bg=(255, 255, 255),
    panel=(255, 255, 255),
    panel_alt=(245, 245, 245),
    line=(170, 170, 170),
    grid=(222, 222, 222),
)


class Canvas:
    """What the game's drawing code asks of the app, for one off-screen image."""

    def __init__(self, session, scenario_file, lang: str, size: tuple[int, int] = SIZE):
        pygame.font.init()
        self.size = size
        self.ui_scale = layout_scale(size) * PRINT_ZOOM
        self.pal = PAPER
        self.fonts = Fonts(self.ui_scale * PRINT_TYPE)
        self.tp = TextPainter(self.fonts)
        self.lang = lang
        self.tr = translator(lang)
        self.session = session
        self.model = session.model
        self.labels = Labels(SimpleNamespace(file=scenario_file), self.model, lang, self.tr)
        self.net_layout = NetworkLayout(self.model)
        self.scenario = None  # no glossary underlines on paper
        self.kept_drawings: dict = {}  # as the App: what panels kept, the charts drawn
        self.charts_drawn: list = []
        self.term_spots: list = []
        self.surface = pygame.Surface(size)

    def px(self, n: float) -> int:
        """A design-size length in pixels of this image."""
        return max(1, round(n * self.ui_scale))

    def page(self, title: str, subtitle: str = "") -> pygame.Rect:
        """A white page with a title (and a subtitle); returns the area below them."""
        surf, tp, p = self.surface, self.tp, self.pal
        surf.fill(p.bg)
        pad = self.px(36)
        w = self.size[0] - 2 * pad
        y = self.px(26)
        h = tp.line_height("h1")
        tp.line(surf, title, pygame.Rect(pad, y, w, h), "h1", p.ink)
        y += h
        if subtitle:
            used = tp.draw(
                surf,
                subtitle,
                pygame.Rect(pad, y, w, tp.line_height("small") * 2),
                "small",
                p.muted,
                max_lines=2,
            )
            y += used.height
        y += self.px(14)
        return pygame.Rect(pad, y, w, self.size[1] - y - self.px(24))

    def save(self, path: Path) -> Path:
        """Write the image as PNG."""
        pygame.image.save(self.surface, str(path))
        return path


def _scores(cv: Canvas) -> None:
    tr = cv.tr
    rect = cv.page(tr("rep.scores_title"), tr("rep.scores_sub"))
    score_chart(cv.surface, cv, rect)


def _indicator(cv: Canvas, k: int) -> None:
    tr, lab, m, p = cv.tr, cv.labels, cv.model, cv.pal
    hist = np.stack([r.x for r in history(cv.session)])
    R = len(m.region_ids)
    rect = cv.page(
        tr("rep.indicator_title", indicator=lab.indicator(k)),
        tr("rep.indicator_sub", start=m.start_year, end=m.end_year),
    )
    items = [(*region_marker(cv, r), lab.region(r)) for r in range(R)]
    items.append(("ring", p.muted, tr("rep.target_mark", year=m.end_year)))
    legend_h = _legend_height(cv, items, rect.width, "small")
    chart = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h - cv.px(12))
    years = [str(m.year_of(i)) for i in range(m.n_turns + 1)]
    vals = np.concatenate([hist[:, :, k].ravel(), m.target[:, k]])
    lo = max(0.0, math.floor((vals.min() - 3) / 10) * 10)
    hi = min(100.0, math.ceil((vals.max() + 3) / 10) * 10)
    series = []
    marks = []
    for r in range(R):
        shape, col = region_marker(cv, r)
        series.append(Series(list(hist[:, r, k]), col, shape, lab.region(r), width=3))
        marks.append((float(m.target[r, k]), col, shape))
    ticks = nice_ticks(lo, hi)
    line_chart(cv.surface, cv, chart, series, years, (lo, hi), y_ticks=ticks, end_marks=marks)
    marker_legend(
        cv.surface,
        cv,
        pygame.Rect(rect.x, chart.bottom + cv.px(12), rect.width, legend_h),
        items,
        "small",
    )


def _network(cv: Canvas) -> None:
    rect = cv.page(cv.tr("rep.network_title"), cv.tr("rep.network_sub"))
    draw_network_compare(cv.surface, cv, rect)


def attribution_totals(session) -> np.ndarray:
    """(sources, R, K): every turn's attribution of the played game, summed."""
    res = [r.result for r in history(session)[1:]]
    m = session.model
    if not res:
        return np.zeros((len(m.source_names()), len(m.region_ids), len(m.indicator_ids)))
    return np.sum([r.attribution[0] for r in res], axis=0)


def _attribution(cv: Canvas) -> None:
    tr, lab, m, p, tp = cv.tr, cv.labels, cv.model, cv.pal, cv.tp
    att = attribution_totals(cv.session).mean(axis=1)  # (S, K): mean over region types
    names = m.source_names()
    J, K = len(m.team_ids), len(m.indicator_ids)
    rect = cv.page(tr("rep.attr_title"), tr("rep.attr_sub", start=m.start_year, end=m.end_year))
    # the teams, then everything else by kind of source
    kinds: dict[str, np.ndarray] = {}
    for i, nm in enumerate(names[J:], start=J):
        kinds.setdefault(nm.partition(":")[0], np.zeros(K))
        kinds[nm.partition(":")[0]] += att[i]
    panels = J + 1
    cols = 2 if panels <= 6 else 3
    rows = math.ceil(panels / cols)
    gap = cv.px(16)
    cw = (rect.width - gap * (cols - 1)) // cols
    ch = (rect.height - gap * (rows - 1)) // rows
    vmax = float(np.abs(att[:J]).max()) or 1.0
    for i in range(panels):
        r_, c_ = divmod(i, cols)
        cell = pygame.Rect(rect.x + c_ * (cw + gap), rect.y + r_ * (ch + gap), cw, ch)
        if i < J:
            title = f"{lab.team_letter(i)}  {lab.team(i)}"
            inner = card(cv.surface, cv, cell, "")
            th = tp.line_height("bodyb")
            tag = pygame.Rect(inner.x, inner.y, th, th)
            team_tag(cv.surface, cv, tag, i, "smallb")
            tp.line(
                cv.surface,
                title[3:],
                pygame.Rect(tag.right + cv.px(10), inner.y, inner.width - th - cv.px(10), th),
                "bodyb",
                p.ink,
            )
            items = [
                (lab.indicator(k), float(att[i, k]), p.teams[i % len(p.teams)], "")
                for k in range(K)
            ]
            scale = vmax
        else:
            inner = card(cv.surface, cv, cell, "")
            th = tp.line_height("bodyb")
            tp.line(
                cv.surface,
                tr("rep.attr_others"),
                pygame.Rect(inner.x, inner.y, inner.width, th),
                "bodyb",
                p.ink,
            )
            items = [
                (tr(f"sourcekind.{kd}"), float(v.sum()), source_kind_color(p, kd), "")
                for kd, v in kinds.items()
            ]
            scale = None
        body = pygame.Rect(
            inner.x, inner.y + th + cv.px(8), inner.width, inner.height - th - cv.px(8)
        )
        diverging_bars(cv.surface, cv, body, items, "small", 1, vmax=scale)


def _legend_height(cv: Canvas, items, width: int, role: str) -> int:
    tp = cv.tp
    lh = tp.line_height(role)
    x, rows = 0, 1
    for _, _, label in items:
        w = min(width, int(lh * 0.9) + tp.width(label, role) + cv.px(18))
        if x + w > width and x > 0:
            rows += 1
            x = 0
        x += w
    return rows * lh


def render(session, ctx, out: Path) -> dict[str, Path]:
    """Draw the report's charts into `out` as PNG files; returns {caption: path}.

    Args:
        session: the played (or replayed) session.
        ctx: a `game.session.report.ReportContext` (its .scenario and .lang are used).
        out: the folder to write into (created if needed).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cv = Canvas(session, ctx.scenario, ctx.lang)
    tr, lab, m = cv.tr, cv.labels, cv.model
    charts: dict[str, Path] = {}
    _scores(cv)
    charts[tr("rep.scores_title")] = cv.save(out / "scores.png")
    rows = math.ceil((len(m.team_ids) + 1) / (2 if len(m.team_ids) < 6 else 3))
    tall = Canvas(session, ctx.scenario, ctx.lang, (SIZE[0], max(SIZE[1], 220 + 320 * rows)))
    _attribution(tall)
    charts[tr("rep.attr_title")] = tall.save(out / "attribution.png")
    _network(cv)
    charts[tr("rep.network_title")] = cv.save(out / "network.png")
    for k, ident in enumerate(m.indicator_ids):
        _indicator(cv, k)
        charts[tr("rep.indicator_title", indicator=lab.indicator(k))] = cv.save(
            out / f"indicator-{ident}.png"
        )
    from game.ui.stress_view import draw_stress, stress_of  # issue 18: the four futures

    res = stress_of(session, ctx.info.scenario_id)
    if res is not None and not res.note:
        draw_stress(cv.surface, cv, cv.page(tr("rep.stress_title"), tr("rep.stress_sub")), res)
        charts[tr("rep.stress_title")] = cv.save(out / "futures.png")
    return charts
