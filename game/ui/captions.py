"""The caption band of the trainer demo (`--autoplay`): a strip above the footer that says
what happens in the phase on screen, in the interface language.

The band takes its height from the body (the screens lay out above it), so it never
covers the game. With `--autoplay-delay`, a bar shows how long until the next phase and
Space pauses the demo.
"""

from __future__ import annotations

import pygame

from game.ui.theme import mix

PAGE_CAPTIONS = (
    "debrief_scores", "debrief_trajectories", "debrief_network", "debrief_log", "debrief_futures",
    "debrief_drivers",
)  # fmt: skip


def caption_height(app) -> int:
    """Height of the band: a heading line and two lines of text."""
    tp = app.tp
    return tp.line_height("bodyb") + 2 * tp.line_height("body") + app.px(22)


def caption_key(app) -> str:
    """The catalogue key of the caption for the screen shown."""
    scene = app.scene
    name = scene.name if scene is not None else "title"
    if name == "debrief":
        return f"cap.{PAGE_CAPTIONS[getattr(scene, 'page', 0) % len(PAGE_CAPTIONS)]}"
    return f"cap.{name}"


def caption_heading(app) -> str:
    """The band's heading: the phase and the turn, or the screen's name."""
    tr = app.tr
    scene = app.scene
    name = scene.name if scene is not None else "title"
    s = app.session
    if name in ("briefing", "deliberation", "allocation", "resolution", "reflection") and s:
        from game.session.session import PHASES

        m = app.model
        shown = s.turn - 1 if name in ("resolution", "reflection") and s.turn > 0 else s.turn
        return tr(
            "cap.heading",
            n=PHASES.index(name) + 1,
            phase=tr(f"phase.{name}"),
            turn=min(shown + 1, m.n_turns),
            total=m.n_turns,
        )
    if name == "debrief":
        return tr("timer.over")
    return tr("cap.demo")


def draw_caption(surf: pygame.Surface, app, rect: pygame.Rect) -> None:
    """The band: a heading on the left, the explanation, and the demo's progress."""
    p, tp, tr = app.pal, app.tp, app.tr
    pygame.draw.rect(surf, p.header, rect)
    edge = p.accent if p.name != "light" else mix(p.on_header, p.header, 0.5)
    pygame.draw.line(surf, edge, rect.topleft, rect.topright, max(2, app.px(2)))
    pad = app.px(20)
    inner = rect.inflate(-2 * pad, -app.px(16))
    head_w = min(int(inner.width * 0.26), tp.width(caption_heading(app), "bodyb") + app.px(30))
    tag = pygame.Rect(inner.x, inner.y, head_w, inner.height)
    light = mix(p.on_header, p.header, 0.1)
    tp.draw(surf, caption_heading(app), tag, "bodyb", p.on_header, valign="middle", max_lines=3)
    x = tag.right + app.px(14)
    pygame.draw.line(
        surf, mix(p.on_header, p.header, 0.6), (x, inner.y), (x, inner.bottom), max(1, app.px(2))
    )
    x += app.px(16)
    right_w = 0
    demo = getattr(app, "demo", None)
    if demo is not None and not demo.fast:
        state = tr("cap.paused") if app.demo_paused else tr("cap.pause_key")
        right_w = min(int(inner.width * 0.2), tp.width(state, "small") + app.px(16))
        rr = pygame.Rect(inner.right - right_w, inner.y, right_w, inner.height)
        tp.draw(surf, state, rr, "small", light, "right", "middle", max_lines=2)
    body = pygame.Rect(x, inner.y, inner.right - x - right_w - app.px(12), inner.height)
    text = tr(caption_key(app))
    role = tp.fit_role(text, ("body", "small"), body, 3)
    tp.draw(surf, text, body, role, light, valign="middle", max_lines=3)
    frac = getattr(app, "caption_progress", None)
    if frac is not None:
        bar = pygame.Rect(rect.x, rect.bottom - app.px(5), rect.width, app.px(5))
        pygame.draw.rect(surf, mix(p.header, p.on_header, 0.2), bar)
        bar.width = int(bar.width * max(0.0, min(1.0, frac)))
        col = (240, 228, 66) if p.name == "light" else p.accent
        pygame.draw.rect(surf, col, bar)
