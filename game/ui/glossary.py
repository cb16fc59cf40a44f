"""The field's terms: the scenario's `glossary`, a screen to look them up (F7), and
tooltips where a term appears in a heading (the screen itself is `views.GlossaryView`).

A heading drawn through `mark_term` that contains a glossary term (in any inflection:
terms are matched by their stem at the start of a word) gets a dotted underline under
that word; hovering it shows the definition. The glossary screen lists the terms seen on
the current screen first, so a keyboard user reaches the same definitions with F7.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pygame

from game.scenario.text import text

MIN_STEM = 5


@dataclass(frozen=True)
class Term:
    """One glossary entry in one language."""

    index: int
    term: str
    definition: str


def _stem(term: str) -> str:
    """The start every inflected form of `term` shares (Finnish: drop the ending)."""
    t = term.casefold()
    if len(t) >= 9:
        return t[:-2]
    if len(t) >= 7:
        return t[:-1]
    return t


class Glossary:
    """The scenario's glossary in one language, with matching of terms inside UI text."""

    def __init__(self, scenario_file, lang: str):
        entries = getattr(scenario_file, "glossary", None) or []
        self.terms = [
            Term(i, text(e.term, lang), text(e.definition, lang)) for i, e in enumerate(entries)
        ]
        pats = []
        for t in self.terms:
            stem = _stem(t.term)
            if len(stem) >= MIN_STEM:
                # at a word start; the rest of the word (the inflection) belongs to the match
                pats.append((len(stem), re.compile(r"(?<!\w)" + re.escape(stem) + r"\w*"), t))
        pats.sort(key=lambda p: -p[0])  # longest first: "aluekehittämisen suuntaviivat" wins
        self._patterns = [(rx, t) for _, rx, t in pats]

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, s: str) -> tuple[Term, int, int] | None:
        """The first glossary term in `s`: (term, start, end) of the matched word(s)."""
        low = s.casefold()
        best = None
        for rx, t in self._patterns:
            m = rx.search(low)
            if m and (best is None or m.start() < best[1]):
                best = (t, m.start(), m.end())
        return best

    def search(self, query: str) -> list[Term]:
        """Terms whose name or definition contains `query` (names first)."""
        q = query.casefold().strip()
        if not q:
            return list(self.terms)
        names = [t for t in self.terms if q in t.term.casefold()]
        defs = [t for t in self.terms if t not in names and q in t.definition.casefold()]
        return names + defs


def glossary(app) -> Glossary:
    """The glossary of the open scenario in the current language (cached per version)."""
    key = (id(app.scenario), app.lang)
    g = getattr(app, "_glossary", None)
    if g is None or g[0] != key:
        g = (key, Glossary(app.scenario.file if app.scenario is not None else None, app.lang))
        app._glossary = g
    return g[1]


def mark_term(surf, app, heading: str, drawn: pygame.Rect, role: str) -> None:
    """Underline (dotted) a glossary term inside a heading just drawn at `drawn` (the rect
    `TextPainter.line` returned) and remember the spot for the hover tooltip.
    """
    if not heading or drawn.width <= 0 or app.scenario is None:
        return
    hit = glossary(app).find(heading)
    if hit is None:
        return
    term, a, b = hit
    tp = app.tp
    x0 = drawn.x + tp.width(heading[:a], role)
    x1 = drawn.x + tp.width(heading[:b], role)
    if x1 > drawn.right + 1 or x0 >= x1:  # the word was cut off by an ellipsis
        return
    y = drawn.y + tp.font(role).get_ascent() + max(2, app.px(3))
    surf.blit(_dots(int(x1) - int(x0), max(1, app.px(2)), app.pal.muted), (int(x0), y))
    spot = pygame.Rect(int(x0), drawn.y, int(x1 - x0), drawn.height + app.px(4))
    app.term_spots.append((spot, term))


@functools.lru_cache(maxsize=64)
def _dots(width: int, dot: int, color: tuple) -> pygame.Surface:
    """A dotted line `width` long: squares of `dot` pixels, one every three dots."""
    strip = pygame.Surface((max(1, width + dot), dot), pygame.SRCALPHA)
    for x in range(0, width, dot * 3):
        strip.fill(color, (x, 0, dot, dot))
    return strip


def draw_tooltip(surf, app, spot: pygame.Rect, term: Term) -> pygame.Rect:
    """The definition of a term in a box beside `spot`; returns the box."""
    p, tp = app.pal, app.tp
    w = min(app.px(560), int(surf.get_width() * 0.45))
    pad = app.px(14)
    inner_w = w - 2 * pad
    head_h = tp.line_height("bodyb")
    lines = tp.wrap(term.definition, "small", inner_w)
    n = min(len(lines), 8)
    h = head_h + app.px(4) + n * tp.line_height("small") + 2 * pad
    box = pygame.Rect(spot.x, spot.bottom + app.px(6), w, h)
    screen = surf.get_rect()
    if box.bottom > screen.bottom - app.px(8):
        box.bottom = spot.y - app.px(6)
    box.clamp_ip(screen.inflate(-app.px(8), -app.px(8)))
    pygame.draw.rect(surf, p.panel, box, border_radius=app.px(8))
    pygame.draw.rect(surf, p.ink, box, max(2, app.px(2)), border_radius=app.px(8))
    inner = box.inflate(-2 * pad, -2 * pad)
    tp.line(surf, term.term, pygame.Rect(inner.x, inner.y, inner.width, head_h), "bodyb", p.ink)
    tp.draw(
        surf,
        term.definition,
        pygame.Rect(inner.x, inner.y + head_h + app.px(4), inner.width, inner.height - head_h),
        "small",
        p.ink,
        max_lines=8,
    )
    return box
