"""Views a person can open over any screen: the network (F3), the indicators (F4), the
scores (F5), and the keyboard map (F1). Esc or the same key closes them.
"""

from __future__ import annotations

import pygame

from game.ui.chrome import draw_keycap, keycap_width
from game.ui.pages import draw_network_view, draw_scores, draw_trajectories


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
        shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        surf.blit(shade, (0, 0))
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
            ("F9", "key.contrast", ""),
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
            ("1–4", "debrief.key_page", "timer.over"),
        ),
    ),
)


class HelpView(View):
    """The keyboard map."""

    name, key, title_key = "help", "F1", "view.help"

    def draw(self, surf, body) -> None:
        """Three columns of keys and a note on keyboard use."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        inner = self.frame(surf, body)
        note_h = tp.line_height("body") * 2 + app.px(12)
        tp.draw(
            surf,
            tr("keys.note"),
            pygame.Rect(inner.x, inner.bottom - note_h, inner.width, note_h),
            "body",
            p.ink,
            max_lines=2,
        )
        inner.height -= note_h + app.px(12)
        gap = app.px(24)
        w = (inner.width - 2 * gap) // 3
        lh = tp.line_height("body") + app.px(10)
        for c, (head, keys) in enumerate(KEYMAP):
            x = inner.x + c * (w + gap)
            tp.line(surf, tr(head), pygame.Rect(x, inner.y, w, tp.line_height("h2")), "h2", p.ink)
            y = inner.y + tp.line_height("h2") + app.px(12)
            capw = max(keycap_width(app, k) for k, _, _ in keys) + app.px(16)
            for key, action, where in keys:
                h = lh if not where else lh + tp.line_height("small")
                if y + h > inner.bottom:
                    break
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
                            tx, y + lh - app.px(8), w - capw - app.px(10), tp.line_height("small")
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


VIEWS = {
    "network": NetworkView,
    "indicators": IndicatorView,
    "scores": ScoresView,
    "help": HelpView,
}
