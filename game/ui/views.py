"""Views a person can open over any screen: the network (F3), the indicators (F4), the
scores (F5), the glossary (F7) and the keyboard map (F1). Esc or the same key closes them.
"""

from __future__ import annotations

import functools

import pygame

from game.ui.chrome import draw_keycap, keycap_width
from game.ui.glossary import Term, glossary
from game.ui.pages import bottom_note, draw_network_view, draw_scores, draw_trajectories
from game.ui.widgets import draw_focus


class View:
    """An overlay covering the body of the screen."""

    name = "view"
    key = ""
    title_key = ""

    def __init__(self, app):
        self.app = app

    def handle(self, ev) -> bool:
        """Views take no input of their own by default."""
        return False

    def update(self, dt: float) -> None:
        """Views are static."""

    def frame(self, surf: pygame.Surface, body: pygame.Rect) -> pygame.Rect:
        """The overlay's frame and title; returns the content rect."""
        app = self.app
        p, tp = app.pal, app.tp
        surf.blit(_shade(surf.get_size()), (0, 0))
        pygame.draw.rect(surf, p.bg, body, border_radius=app.px(12))
        pygame.draw.rect(surf, p.accent, body, max(2, app.px(3)), border_radius=app.px(12))
        inner = body.inflate(-2 * app.px(20), -2 * app.px(16))
        h = tp.line_height("h1")
        close = app.tr("view.close", key=self.key)
        cw = tp.width(close, "small") + app.px(8)
        title = app.tr(self.title_key) if self.title_key else getattr(self, "title_text", "")
        tp.line(surf, title, pygame.Rect(inner.x, inner.y, inner.width - cw, h), "h1", p.ink)
        tp.line(
            surf, close, pygame.Rect(inner.right - cw, inner.y, cw, h), "small", p.muted, "right"
        )
        inner.y += h + app.px(10)
        inner.height -= h + app.px(10)
        return inner

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """Draw the view."""

    def hints(self) -> list[tuple[str, str]]:
        """Keys while the view is open."""
        return [("Esc", self.app.tr("key.close"))]


@functools.lru_cache(maxsize=4)
def _shade(size: tuple[int, int]) -> pygame.Surface:
    """The translucent layer that dims the screen under a view (made once per size)."""
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 110))
    return shade


class NetworkView(View):
    """The actor network now."""

    name, key, title_key = "network", "F3", "view.network"

    def draw(self, surf, body) -> None:
        """Network, stats and legend."""
        draw_network_view(surf, self.app, self.frame(surf, body))


class IndicatorView(View):
    """Indicators per region type against the vision, with their history."""

    name, key, title_key = "indicators", "F4", "view.indicators"

    def draw(self, surf, body) -> None:
        """Small multiples."""
        draw_trajectories(surf, self.app, self.frame(surf, body))


class ScoresView(View):
    """Team scores and mandates."""

    name, key, title_key = "scores", "F5", "view.scores"

    def draw(self, surf, body) -> None:
        """Headline figures, mandates, history."""
        draw_scores(surf, self.app, self.frame(surf, body))


KEYMAP = (
    (
        "keys.global",
        (
            ("F1", "key.help", ""),
            ("F2", "key.console", ""),
            ("F3", "key.network", ""),
            ("F4", "key.indicators", ""),
            ("F5", "key.scores", ""),
            ("F6", "key.tutorial", ""),
            ("F7", "key.glossary", ""),
            ("F8", "key.language", ""),
            ("F9", "key.contrast", ""),
            ("F10", "room.key_help", ""),
            ("Ctrl +/−", "key.fontsize", ""),
            ("Esc", "key.close", ""),
        ),
    ),
    (
        "keys.moving",
        (
            ("Tab", "key.focus", ""),
            ("Shift+Tab", "key.focus_back", ""),
            ("Enter", "hint.press", ""),
            ("← →", "hint.slider", ""),
            ("Shift ← →", "alloc.key_big", ""),
            ("PgDn", "key.next", ""),
        ),
    ),
    (
        "keys.screens",
        (
            ("Enter", "brief.key_card", "phase.briefing"),
            ("1–6", "delib.key_vote", "phase.deliberation"),
            ("1–8", "alloc.key_team", "phase.allocation"),
            ("R", "res.key_replay", "phase.resolution"),
            ("↑↓←→", "refl.key_pick", "phase.reflection"),
        ),
    ),
    (
        "keys.debrief",
        (
            ("1–6", "debrief.key_page", ""),
            ("R", "debrief.report", ""),
            ("W", "debrief.whatif", ""),
        ),
    ),
)
HELP_COLUMNS = ((0,), (1, 3), (2,))  # which KEYMAP groups each column of the help shows


class HelpView(View):
    """The keyboard map."""

    name, key, title_key = "help", "F1", "view.help"

    def draw(self, surf, body) -> None:
        """Three columns of keys and a note on keyboard use."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        inner = self.frame(surf, body)
        inner = bottom_note(
            surf, app, inner, tr("keys.note"), "body", p.ink, app.px(12), app.px(12)
        )
        gap = app.px(24)
        w = (inner.width - 2 * gap) // 3
        lh = tp.line_height("body") + app.px(10)
        self.dropped = 0  # entries that found no room (tests keep this at zero)
        for c, groups in enumerate(HELP_COLUMNS):
            x = inner.x + c * (w + gap)
            y = inner.y
            for g in groups:
                head, keys = KEYMAP[g]
                if y > inner.y:
                    y += app.px(18)
                hh = tp.line_height("h2")
                tp.line(surf, tr(head), pygame.Rect(x, y, w, hh), "h2", p.ink)
                y += hh + app.px(12)
                capw = max(keycap_width(app, k) for k, _, _ in keys) + app.px(16)
                for key, action, where in keys:
                    h = lh if not where else lh + tp.line_height("small")
                    if y + h > inner.bottom:
                        self.dropped += 1
                        continue
                    draw_keycap(surf, app, pygame.Rect(x, y, capw, lh - app.px(8)), key)
                    tx = x + capw + app.px(10)
                    tp.line(
                        surf,
                        tr(action),
                        pygame.Rect(tx, y, w - capw - app.px(10), lh - app.px(8)),
                        "body",
                        p.ink,
                    )
                    if where:
                        tp.line(
                            surf,
                            tr(where),
                            pygame.Rect(
                                tx,
                                y + lh - app.px(8),
                                w - capw - app.px(10),
                                tp.line_height("small"),
                            ),
                            "small",
                            p.muted,
                        )
                    y += h


class CardView(View):
    """One event card in full: its text, what it does, or its options."""

    name, key, title_key = "card", "Enter", ""

    def __init__(self, app, event: int):
        super().__init__(app)
        self.event = event

    def frame(self, surf, body):
        """The frame, titled with the card's title."""
        self.title_text = self.app.labels.event_title(self.event)
        return super().frame(surf, body)

    def draw(self, surf, body) -> None:
        """Text, then effects or options."""
        from game.ui.describe import effect_text
        from game.ui.readmodel import effect_lines

        app = self.app
        p, tp, lab = app.pal, app.tp, app.labels
        inner = self.frame(surf, body)
        spec = app.model.events[self.event]
        used = tp.draw(
            surf,
            lab.event_text(self.event),
            pygame.Rect(inner.x, inner.y, int(inner.width * 0.9), inner.height // 2),
            "h2",
            p.ink,
        )
        y = used.bottom + app.px(24)
        if spec.is_dilemma:
            lines = [
                f"{o + 1}. {lab.option(self.event, o)}: {lab.option_text(self.event, o)}"
                for o in range(len(spec.options))
            ]
        else:
            lines = [effect_text(app, fx) for fx in effect_lines(app.model, spec.effects)]
        for line in lines:
            box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
            if box.height < tp.line_height("body"):
                break
            used = tp.draw(surf, line, box, "body", p.ink, max_lines=3)
            y = used.bottom + app.px(8)


class GlossaryView(View):
    """Every term of the scenario with its definition: type to search, ↑/↓ to move,
    PgUp/PgDn to page. Terms on the screen behind come first.
    """

    name, key, title_key = "glossary", "F7", "view.glossary"

    def __init__(self, app, query: str = ""):
        super().__init__(app)
        self.query = query
        self.offset = 0
        self.selected = 0
        self.fit = 1
        self.pages: list[int] = []  # offsets of the earlier pages, for PgUp
        seen = []
        for _, t in getattr(app, "term_spots", []):
            if t not in seen:
                seen.append(t)
        self.on_screen = seen
        self.shown: list[Term] = []

    def items(self) -> list[Term]:
        """The terms matching the search, those of the screen behind first."""
        found = glossary(self.app).search(self.query)
        if self.query:
            return found
        first = [t for t in self.on_screen if t in found]
        return first + [t for t in found if t not in first]

    def _reset(self) -> None:
        self.offset = 0
        self.selected = 0
        self.pages = []

    def handle(self, ev) -> bool:
        """Letters search, Backspace deletes, ↑/↓ select, PgUp/PgDn page, Esc clears."""
        if ev.type == pygame.MOUSEWHEEL:
            self._move(-ev.y)
            return True
        if ev.type != pygame.KEYDOWN:
            return False
        n = len(self.items())
        if ev.key == pygame.K_BACKSPACE:
            self.query = self.query[:-1]
            self._reset()
        elif ev.key == pygame.K_ESCAPE and self.query:
            self.query = ""
            self._reset()
        elif ev.key == pygame.K_DOWN:
            self._move(1)
        elif ev.key == pygame.K_UP:
            self._move(-1)
        elif ev.key == pygame.K_PAGEDOWN:
            if self.offset + self.fit < n:
                self.pages.append(self.offset)
                self.offset += self.fit
                self.selected = self.offset
        elif ev.key == pygame.K_PAGEUP:
            if self.pages:
                self.offset = self.pages.pop()
                self.selected = self.offset
        elif ev.key in (pygame.K_HOME,):
            self._reset()
        elif ev.unicode and ev.unicode.isprintable() and not ev.mod & pygame.KMOD_CTRL:
            if len(self.query) < 40:
                self.query += ev.unicode
                self._reset()
        else:
            return False
        return True

    def _move(self, d: int) -> None:
        n = len(self.items())
        if not n:
            return
        self.selected = max(0, min(n - 1, self.selected + d))
        if self.selected >= self.offset + self.fit:
            self.pages.append(self.offset)
            self.offset = self.selected
        elif self.selected < self.offset:
            self.offset = self.pages.pop() if self.pages else 0

    def draw(self, surf, body) -> None:
        """Search line, then the terms in two columns."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        inner = self.frame(surf, body)
        items = self.items()
        # the search line
        sh = tp.line_height("bodyb") + app.px(14)
        label = tr("gloss.search")
        lw = tp.width(label, "smallb") + app.px(12)
        tp.line(surf, label, pygame.Rect(inner.x, inner.y, lw, sh), "smallb", p.muted)
        field = pygame.Rect(inner.x + lw, inner.y, min(app.px(520), inner.width // 2), sh)
        pygame.draw.rect(surf, p.panel, field, border_radius=app.px(6))
        pygame.draw.rect(surf, p.focus, field, max(2, app.px(2)), border_radius=app.px(6))
        fin = field.inflate(-app.px(20), 0)
        if self.query:
            used = tp.line(surf, self.query, fin, "bodyb", p.ink)
            cx = min(used.right + app.px(2), fin.right)
            pygame.draw.line(
                surf,
                p.ink,
                (cx, field.y + app.px(6)),
                (cx, field.bottom - app.px(6)),
                max(1, app.px(2)),
            )
        else:
            tp.line(surf, tr("gloss.type"), fin, "small", p.muted)
        count = tr("gloss.count", n=len(items), total=len(glossary(app)))
        cr = pygame.Rect(
            field.right + app.px(16), inner.y, inner.right - field.right - app.px(16), sh
        )
        tp.line(surf, count, cr, "small", p.muted, "right")
        top = inner.y + sh + app.px(14)
        foot_h = tp.line_height("small") + app.px(6)
        area = pygame.Rect(inner.x, top, inner.width, inner.bottom - top - foot_h)
        if not items:
            msg = tr("gloss.none") if len(glossary(app)) == 0 else tr("gloss.no_match")
            tp.draw(surf, msg, area, "h2", p.muted, "center", "middle")
            self.fit = 1
            return
        self.offset = min(self.offset, len(items) - 1)
        gap = app.px(24)
        cols = 2 if area.width > app.px(900) else 1
        cw = (area.width - gap * (cols - 1)) // cols
        pad = app.px(10)
        head = tp.line_height("bodyb")
        lh = tp.line_height("small")
        marks = set(id(t) for t in self.on_screen) if not self.query else set()
        col, y = 0, area.y
        self.shown = []
        i = self.offset
        while i < len(items):
            t = items[i]
            x = area.x + col * (cw + gap)
            lines = len(tp.wrap(t.definition, "small", cw - 2 * pad))
            h = head + app.px(2) + lines * lh + 2 * pad
            room = area.bottom - y
            if h > room:
                if y == area.y:  # not even one entry fits a column: cut its definition
                    h = room
                else:
                    col += 1
                    y = area.y
                    if col >= cols:
                        break
                    continue
            box = pygame.Rect(x, y, cw, h)
            pygame.draw.rect(surf, p.panel, box, border_radius=app.px(8))
            pygame.draw.rect(surf, p.line, box, 1, border_radius=app.px(8))
            b = box.inflate(-2 * pad, -2 * pad)
            tw = b.width
            if id(t) in marks:
                tag = tr("gloss.on_screen")
                tagw = min(tp.width(tag, "tinyb") + app.px(16), b.width // 2)
                tag_r = pygame.Rect(b.right - tagw, b.y, tagw, tp.line_height("tinyb") + app.px(4))
                pygame.draw.rect(surf, p.panel_alt, tag_r, border_radius=app.px(4))
                pygame.draw.rect(surf, p.muted, tag_r, 1, border_radius=app.px(4))
                tp.line(surf, tag, tag_r, "tinyb", p.ink, "center")
                tw -= tagw + app.px(8)
            tp.line(surf, t.term, pygame.Rect(b.x, b.y, tw, head), "bodyb", p.ink)
            tp.draw(
                surf,
                t.definition,
                pygame.Rect(b.x, b.y + head + app.px(2), b.width, b.height - head - app.px(2)),
                "small",
                p.ink,
            )
            if i == self.selected:
                draw_focus(surf, box, app)
            self.shown.append(t)
            y += h + app.px(10)
            i += 1
        self.fit = max(1, len(self.shown))
        last = self.offset + len(self.shown)
        more = tr("gloss.rows", first=self.offset + 1, last=last, total=len(items))
        tp.line(
            surf,
            more,
            pygame.Rect(inner.x, inner.bottom - foot_h + app.px(6), inner.width, lh),
            "small",
            p.muted,
            "right",
        )

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the glossary."""
        tr = self.app.tr
        return [
            ("A–Ö", tr("gloss.key_type")),
            ("↑↓", tr("gloss.key_move")),
            ("PgUp/PgDn", tr("gloss.key_page")),
            ("Esc", tr("key.close")),
        ]


VIEWS = {
    "glossary": GlossaryView,
    "network": NetworkView,
    "indicators": IndicatorView,
    "scores": ScoresView,
    "help": HelpView,
}
