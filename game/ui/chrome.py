"""What frames every screen: the header (year, turn, phase, timer), the footer with the
keyboard shortcuts, and short messages (toasts).
"""

from __future__ import annotations

import pygame

from game.session.session import PHASES
from game.ui.readmodel import turns_played
from game.ui.theme import draw_check, mix


def header_height(app) -> int:
    """Height of the header (two rows)."""
    return app.tp.line_height("h1") + app.tp.line_height("small") + app.px(34)


def footer_height(app) -> int:
    """Height of the footer."""
    return app.tp.line_height("small") + app.px(16)


def draw_header(surf: pygame.Surface, app, rect: pygame.Rect) -> None:
    """Brand and scenario, year and turn, the phase steps and the phase timer."""
    p, tp, s = app.pal, app.tp, app.session
    pygame.draw.rect(surf, p.header, rect)
    pad = app.px(20)
    row1 = pygame.Rect(rect.x + pad, rect.y + app.px(8), rect.width - 2 * pad, tp.line_height("h1"))
    # right: the timer
    timer_w = int(rect.width * 0.2)
    tbox = pygame.Rect(row1.right - timer_w, rect.y + app.px(8), timer_w, rect.height - app.px(16))
    draw_timer(surf, app, tbox)
    # left: year and turn (the biggest text: read from the back of the room)
    m = app.model
    # resolution and reflection belong to the turn just resolved (the state has moved on)
    shown = s.turn - 1 if s.phase in ("resolution", "reflection") and s.turn > 0 else s.turn
    # a game ended early shows the year it reached, not the scenario's end year
    reached = m.year_of(min(turns_played(s), m.n_turns))
    year = m.year_of(min(shown, m.n_turns)) if not s.finished else reached
    turn_no = min(shown + 1, m.n_turns)
    left_w = int(rect.width * 0.34)
    yr = pygame.Rect(row1.x, row1.y, tp.width(str(year), "h1") + app.px(4), row1.height)
    tp.line(surf, str(year), yr, "h1", p.on_header)
    tt = pygame.Rect(yr.right + app.px(16), row1.y, left_w - yr.width - app.px(16), row1.height)
    label = app.tr("header.turn", n=turn_no, total=m.n_turns)
    tp.line(surf, label, tt, "h2", p.on_header)
    # middle: brand and scenario title
    mid = pygame.Rect(row1.x + left_w, row1.y, tbox.x - row1.x - left_w - pad, row1.height)
    from game.ui.decided import draw_team_status

    # each team decided / not yet (when people play); else the scenario's title
    if not draw_team_status(surf, app, mid):
        tp.line(surf, app.labels.title(), mid, "small", mix(p.on_header, p.header, 0.25), "right")
    # second row: the phase steps
    draw_steps(surf, app, steps_rect(app, rect))


def steps_rect(app, header: pygame.Rect) -> pygame.Rect:
    """Where the phase steps are in the header (its second row, left of the timer)."""
    pad = app.px(20)
    top = header.y + app.px(8) + app.tp.line_height("h1")
    right = header.x + pad + header.width - 2 * pad - int(header.width * 0.2)
    width = right - header.x - 2 * pad
    return pygame.Rect(header.x + pad, top + app.px(6), width, header.bottom - top - app.px(12))


def step_cells(app, rect: pygame.Rect) -> list[pygame.Rect]:
    """The box of each phase step in `rect`."""
    n = len(PHASES)
    gap = app.px(6)
    w = (rect.width - gap * (n - 1)) // n
    return [pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.height) for i in range(n)]


def draw_steps(surf: pygame.Surface, app, rect: pygame.Rect) -> None:
    """The five phases of a turn; the current one highlighted, finished ones checked.
    Earlier phases the turn can go back to (`game.ui.phasetabs`) are buttons.
    """
    from game.ui.phasetabs import focused_step, reachable

    p, tp = app.pal, app.tp
    cur = PHASES.index(app.session.phase) if not app.session.finished else len(PHASES)
    back = reachable(app)
    cells = step_cells(app, rect)
    for i, ph in enumerate(PHASES):
        c = cells[i]
        on = i == cur
        done = i < cur
        if on:
            pygame.draw.rect(
                surf, p.accent if p.name != "light" else (255, 255, 255), c, border_radius=app.px(6)
            )
            fg = p.on_accent if p.name != "light" else p.header
        elif i in back:  # a button: filled a little, a thicker border
            pygame.draw.rect(surf, mix(p.header, p.on_header, 0.18), c, border_radius=app.px(6))
            pygame.draw.rect(
                surf, mix(p.header, p.on_header, 0.7), c, max(1, app.px(2)), border_radius=app.px(6)
            )
            fg = p.on_header
        else:
            pygame.draw.rect(
                surf,
                mix(p.header, p.on_header, 0.5 if done else 0.25),
                c,
                1,
                border_radius=app.px(6),
            )
            fg = mix(p.on_header, p.header, 0.15 if done else 0.4)
        inner = c.inflate(-app.px(12), 0)
        mark = pygame.Rect(inner.x, c.centery - app.px(8), app.px(16), app.px(16))
        if done:
            draw_check(surf, mark, fg, max(2, app.px(3)))
        else:
            lh = tp.line_height("smallb")
            num = pygame.Rect(mark.x - app.px(2), c.centery - lh // 2, mark.width + app.px(4), lh)
            tp.line(
                surf,
                str(i + 1),
                num.clip(c) if num.height <= c.height else num,
                "smallb",
                fg,
                "center",
            )
        inner.x += app.px(24)
        inner.width -= app.px(24)
        text = app.tr(f"phase.{ph}")
        role = tp.fit_role(text, ("smallb" if on else "small", "tinyb" if on else "tiny"), inner, 1)
        tp.line(surf, text, inner, role, fg)
    chosen = focused_step(app)
    if chosen is not None:  # the focus, light on the dark header
        w = max(2, app.px(4))
        box = cells[chosen].inflate(w * 2, w * 2)
        pygame.draw.rect(surf, p.on_header, box, w, border_radius=app.px(8))


def draw_timer(surf: pygame.Surface, app, rect: pygame.Rect) -> None:
    """The phase timer: time left, a bar, and whether it is paused or over."""
    p, tp, t = app.pal, app.tp, app.timer
    pygame.draw.rect(surf, mix(p.header, p.on_header, 0.12), rect, border_radius=app.px(8))
    inner = rect.inflate(-app.px(16), -app.px(10))
    if app.scene is not None and app.scene.name == "debrief":
        tp.draw(
            surf, app.tr("timer.over"), inner, "h2", p.on_header, "center", "middle", max_lines=2
        )
        return
    if t.paused:
        state = app.tr("timer.paused")
        col = p.warn if p.name != "light" else (240, 228, 66)
    elif t.expired:
        state = app.tr("timer.up")
        col = (240, 228, 66) if p.name == "light" else p.warn
    else:
        state = app.tr("timer.left")
        col = p.on_header
    big = pygame.Rect(inner.x, inner.y, inner.width, tp.line_height("h1"))
    tw = tp.width("00:00", "h1") + app.px(6)
    tp.line(surf, t.text(), pygame.Rect(big.right - tw, big.y, tw, big.height), "h1", col, "right")
    tp.line(
        surf, state, pygame.Rect(big.x, big.y, big.width - tw - app.px(6), big.height), "small", col
    )
    bar = pygame.Rect(inner.x, inner.bottom - app.px(6), inner.width, app.px(6))
    draw_plan_line(surf, app, pygame.Rect(inner.x, big.bottom, inner.width, bar.y - big.bottom))
    pygame.draw.rect(surf, mix(p.header, p.on_header, 0.25), bar, border_radius=app.px(3))
    frac = t.remaining / max(1.0, t.length)
    bar.width = int(bar.width * frac)
    if bar.width > 0:
        pygame.draw.rect(surf, col, bar, border_radius=app.px(3))


def plan_state(app) -> tuple[str, str]:
    """How the room keeps its session plan, in words, and a tone (good, warn or muted)."""
    behind = app.behind_plan()
    if behind is None:
        return "", "muted"
    n = round(abs(behind))
    if n < 1:
        return app.tr("timer.on_plan"), "muted"
    if behind > 0:
        return app.tr("timer.behind", n=n), "warn"
    return app.tr("timer.ahead", n=n), "good"


def draw_plan_line(surf: pygame.Surface, app, rect: pygame.Rect) -> None:
    """Under the timer: when the plan has this phase (minutes since the start of the
    workshop) and how far ahead or behind it the room is.
    """
    from game.session.schedule import clock

    state, tone = plan_state(app)
    if not state or rect.height <= 0:
        return
    p, tp = app.pal, app.tp
    slot = app.schedule.phase_slot(app.plan_turn(), app.session.phase)
    plan = app.tr("timer.plan", start=clock(slot.start), end=clock(slot.end))
    col = {"warn": (240, 228, 66) if p.name == "light" else p.warn, "good": p.on_header}.get(
        tone, mix(p.on_header, p.header, 0.25)
    )
    gap = app.px(8)
    for state_role, plan_role in (("smallb", "small"), ("tinyb", "tiny")):
        sw, pw = tp.width(state, state_role), tp.width(plan, plan_role)
        if sw + gap + pw <= rect.width:
            break
    else:  # no room for both: how far ahead or behind matters more than when
        plan = ""
        state_role = tp.fit_role(state, ("smallb", "tinyb"), rect, 1)
        sw = min(rect.width, tp.width(state, state_role))
    tp.line(surf, state, pygame.Rect(rect.right - sw, rect.y, sw, rect.height), state_role, col,
            "right")  # fmt: skip
    if plan:
        left = pygame.Rect(rect.x, rect.y, rect.width - sw - gap, rect.height)
        tp.line(surf, plan, left, plan_role, mix(p.on_header, p.header, 0.25))


def draw_footer(
    surf: pygame.Surface,
    app,
    rect: pygame.Rect,
    hints: list[tuple[str, str]],
    always: list[tuple[str, str]] = (),
) -> None:
    """Key caps and what they do: `always` (the function keys) at the right, the screen's
    keys from the left, as many as fit beside them.
    """
    p, tp = app.pal, app.tp
    pygame.draw.rect(surf, p.panel_alt, rect)
    pygame.draw.line(surf, p.line, rect.topleft, rect.topright, 1)
    h = rect.height - app.px(12)
    y = rect.y + app.px(6)
    role = "small"

    def width(key: str, action: str) -> tuple[int, int]:
        return keycap_width(app, key) + app.px(14), tp.width(action, role) + app.px(6)

    total = sum(sum(width(k, a)) + app.px(22) for k, a in always)
    if total > rect.width * 0.6:
        role = "tiny"
        total = sum(sum(width(k, a)) + app.px(22) for k, a in always)
    right_x = rect.right - app.px(12) - total

    def put(x: int, key: str, action: str) -> int:
        kw, aw = width(key, action)
        cap = pygame.Rect(x, y + app.px(2), kw, h - app.px(4))
        draw_keycap(surf, app, cap, key)
        tp.line(surf, action, pygame.Rect(cap.right + app.px(6), y, aw, h), role, p.ink)
        return cap.right + app.px(6) + aw + app.px(16)

    x = rect.x + app.px(16)
    for key, action in hints:
        kw, aw = width(key, action)
        if x + kw + aw > right_x - app.px(12):
            break
        x = put(x, key, action)
    x = right_x + app.px(6)
    for key, action in always:
        x = put(x, key, action)


ARROWS = {"←": "left", "→": "right", "↑": "up", "↓": "down"}


def _tokens(key: str) -> list[str]:
    out, cur = [], ""
    for ch in key:
        if ch in ARROWS:
            if cur:
                out.append(cur)
                cur = ""
            out.append(ch)
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def keycap_width(app, key: str) -> int:
    """Width of a key's label (arrows are drawn, the font has no arrow glyphs)."""
    aw = app.tp.line_height("tinyb") * 0.7
    return int(sum(aw if t in ARROWS else app.tp.width(t, "tinyb") for t in _tokens(key)))


def draw_keycap(surf: pygame.Surface, app, cap: pygame.Rect, key: str) -> None:
    """A key cap with its label; arrow keys as small drawn triangles."""
    p, tp = app.pal, app.tp
    pygame.draw.rect(surf, p.panel, cap, border_radius=app.px(5))
    pygame.draw.rect(surf, p.muted, cap, 1, border_radius=app.px(5))
    x = cap.x + (cap.width - keycap_width(app, key)) // 2
    aw = tp.line_height("tinyb") * 0.7
    for t in _tokens(key):
        if t in ARROWS:
            cx, cy, r = x + aw / 2, cap.centery, aw * 0.3
            pts = {
                "left": [(cx - r, cy), (cx + r, cy - r), (cx + r, cy + r)],
                "right": [(cx + r, cy), (cx - r, cy - r), (cx - r, cy + r)],
                "up": [(cx, cy - r), (cx - r, cy + r), (cx + r, cy + r)],
                "down": [(cx, cy + r), (cx - r, cy - r), (cx + r, cy - r)],
            }[ARROWS[t]]
            pygame.draw.polygon(surf, p.ink, pts)
            x += aw
        else:
            w = tp.width(t, "tinyb")
            tp.line(surf, t, pygame.Rect(int(x), cap.y, w + 1, cap.height), "tinyb", p.ink)
            x += w


def draw_toast(surf: pygame.Surface, app, text: str, kind: str = "info") -> None:
    """A message box near the bottom of the screen (a refused command, a saved file…)."""
    p, tp = app.pal, app.tp
    w = min(int(surf.get_width() * 0.6), tp.width(text, "bodyb") + app.px(48))
    lines = tp.wrap(text, "bodyb", w - app.px(40))
    h = tp.line_height("bodyb") * min(3, len(lines)) + app.px(24)
    r = pygame.Rect(0, 0, w, h)
    r.midbottom = (surf.get_width() // 2, surf.get_height() - footer_height(app) - app.px(20))
    col = p.bad if kind == "error" else p.accent
    pygame.draw.rect(surf, p.panel, r, border_radius=app.px(10))
    pygame.draw.rect(surf, col, r, max(2, app.px(4)), border_radius=app.px(10))
    tp.draw(
        surf,
        text,
        r.inflate(-app.px(40), -app.px(24)),
        "bodyb",
        p.ink,
        "center",
        "middle",
        max_lines=3,
    )
