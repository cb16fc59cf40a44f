"""Decided / not yet on screen: each team's state in the header of every phase, and the
facilitator's choice of what happens to the decisions still open when the turn is
resolved (`UndecidedView`). The state itself is the session's (`Session.undecided`,
`Session.settled`); this module only draws it and sends the facilitator's command.
"""

from __future__ import annotations

import pygame

from game.session.provenance import fallback_lines
from game.ui.readmodel import turns_played
from game.ui.theme import draw_check, draw_marker, mix, readable_on
from game.ui.views import View
from game.ui.widgets import Button, FocusRing

DECISION_PHASES = ("briefing", "deliberation", "allocation")


def team_states(app) -> list[tuple[int, str]]:
    """(team, state) for every team now: bot, plan; for people's teams before resolution
    decided, partly (some of its decisions made), open; after it own (every decision its
    own) or left (something was left open and settled by the facilitator's choice).
    """
    s = app.session
    planned = s.game.planned
    kinds = s.decision_kinds()
    settled = None
    if s.phase not in DECISION_PHASES and turns_played(s):
        settled = s.settled(turns_played(s) - 1)
    out = []
    for j in range(len(app.model.team_ids)):
        if j in planned:
            out.append((j, "plan"))
        elif j not in s.human:
            out.append((j, "bot"))
        elif s.phase in DECISION_PHASES:
            made = [s.decision_state(j, k) == "decided" for k in kinds]
            state = "decided" if all(made) else ("partly" if any(made) else "open")
            out.append((j, state))
        else:
            rec = (settled or {}).get("teams", {}).get(j) if settled else None
            left = rec is not None and _left_open(rec)
            out.append((j, "left" if left else "own"))
    return out


def _left_open(rec: dict) -> bool:
    """Whether a team's settled record holds anything it did not decide itself."""
    hows = [rec.get("allocation"), rec.get("vision"), *(rec.get("votes") or {}).values()]
    return any(h not in (None, "people", "abstain") for h in hows)


def kinds_text(app, kinds) -> str:
    """The kinds of decision in words ("votes, split") in the interface's language."""
    return ", ".join(app.tr(f"status.kind.{k}") for k in kinds)


def waiting_text(app, with_kinds: bool = True) -> str:
    """Who is missing ("Not yet: B (votes, split) · C (split)"), or that every team has
    decided; after resolution, who left something open ("" when bots play every team or
    nothing is being decided).
    """
    s = app.session
    if not s.human:
        return ""
    lab = app.labels
    if s.phase in DECISION_PHASES:
        if not s.decision_kinds():
            return ""
        missing = s.undecided()
        if not missing:
            return app.tr("status.all_decided")
        if with_kinds:
            parts = [
                app.tr("status.team_kinds", team=lab.team_letter(j), kinds=kinds_text(app, ks))
                for j, ks in missing
            ]
        else:
            parts = [lab.team_letter(j) for j, _ in missing]
        return app.tr("status.waiting", teams=" · ".join(parts) if with_kinds else ", ".join(parts))
    left = [lab.team_letter(j) for j, st in team_states(app) if st == "left"]
    if left:
        return app.tr("status.left", teams=", ".join(left))
    return app.tr("status.all_own")


def draw_team_status(surf: pygame.Surface, app, rect: pygame.Rect) -> bool:
    """The header's team chips (right-aligned in `rect`): each team's letter with a mark —
    a check (decided, or its own decisions), a half-filled ring (partly), an empty ring
    (not yet), a dash (left open, settled) — bots and the plan's teams muted; before them
    who is missing. False (nothing drawn) when people play no team.
    """
    s = app.session
    if s is None or not s.human or s.finished:
        return False
    p, tp = app.pal, app.tp
    states = team_states(app)
    size = min(rect.height - app.px(4), tp.line_height("smallb") + app.px(6))
    mark = max(app.px(8), size // 2)
    chip_w = size + mark + app.px(6)
    gap = app.px(6)
    chips_w = len(states) * chip_w + (len(states) - 1) * gap
    if chips_w > rect.width:
        return False
    x = rect.right - chips_w
    y = rect.centery - size // 2
    fg = p.on_header
    for j, state in states:
        col = p.teams[j % len(p.teams)]
        people = state not in ("bot", "plan")
        fill = col if people else mix(col, p.header, 0.6)
        tag = pygame.Rect(x, y, size, size)
        pygame.draw.rect(surf, fill, tag, border_radius=app.px(4))
        tp.glyph(surf, app.labels.team_letter(j), tag, "smallb", readable_on(fill))
        m = pygame.Rect(tag.right + app.px(3), rect.centery - mark // 2, mark, mark)
        if state in ("decided", "own"):
            draw_check(surf, m, fg, max(2, app.px(3)))
        elif state == "partly":
            draw_marker(surf, "ring", m.center, mark // 2, fg)
            pygame.draw.circle(surf, fg, m.center, max(2, mark // 4))
        elif state == "open":
            draw_marker(surf, "ring", m.center, mark // 2, mix(fg, p.header, 0.1))
        elif state == "left":
            pygame.draw.line(surf, fg, (m.x, m.centery), (m.right, m.centery), max(2, app.px(3)))
        x += chip_w + gap
    text_rect = pygame.Rect(rect.x, rect.y, rect.width - chips_w - app.px(12), rect.height)
    if text_rect.width > app.px(60):
        col = mix(fg, p.header, 0.15)
        for with_kinds in (True, False):
            text = waiting_text(app, with_kinds)
            role = tp.fit_role(text, ("small", "tiny"), text_rect, 1)
            if tp.fits(text, role, text_rect, 1):
                tp.line(surf, text, text_rect, role, col, "right")
                break
    return True


def undecided_lines(app) -> list[tuple[int, str]]:
    """(team, "B · votes, split") for each people's team with decisions still open."""
    return [
        (j, app.tr("status.team_kinds", team=app.labels.team(j), kinds=kinds_text(app, ks)))
        for j, ks in app.session.undecided()
    ]


def resolve_reason(app) -> str:
    """Why the turn is resolved with decisions open: the time ran out, or the facilitator
    moved on before it did.
    """
    return "time" if app.timer.expired else "facilitator"


class UndecidedView(View):
    """Before resolving with decisions still open: who has not decided what, and what
    happens to it — keep last turn's split and pledges, abstain, not sign (the default,
    Enter); use the teams' unconfirmed drafts; or let their bots decide this turn. Esc goes
    back to the allocation. The choice and the reason are sent with the advance command.
    """

    name = "undecided"
    key = "PgUp"  # closes it, as Esc does (a presenter's remote has PgUp and PgDn)
    title_key = "undecided.title"

    def __init__(self, app):
        super().__init__(app)
        self.ring = FocusRing()
        self._built: tuple | None = None

    def choose(self, mode: str) -> None:
        """Resolve the turn with `mode` for every decision still open."""
        app = self.app
        app.overlay = None
        app.advance(undecided=mode)

    def back(self) -> None:
        """Back to the allocation: the teams still have time."""
        self.app.overlay = None

    def handle(self, ev) -> bool:
        """Tab between the choices, Enter chooses the one in focus (first: keep); PgDn
        keeps, Esc or PgUp goes back.
        """
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_ESCAPE, pygame.K_PAGEUP):
            self.back()
            return True
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_PAGEDOWN:
            self.choose("keep")
            return True
        return self.ring.handle(ev, self.app)

    def _layout(self, inner: pygame.Rect, top: int) -> None:
        app = self.app
        tr = app.tr
        drafts = any(
            app.session.decision_state(j, "allocation") == "draft"
            for j, _ in app.session.undecided()
        )
        btn_h = app.tp.line_height("bodyb") + app.px(24)
        gap = app.px(10)
        choices = [("keep", True), ("draft", drafts), ("bot", True)]
        y = top
        widgets = []
        for mode, enabled in choices:
            r = pygame.Rect(inner.x, y, inner.width, btn_h)
            first = mode == "keep" and app.session.turn == 0  # no last turn: an even split
            widgets.append(
                Button(
                    mode,
                    tr(f"undecided.{mode}" + ("_first" if first else "")),
                    lambda mode=mode: self.choose(mode),
                    r,
                    primary=mode == "keep",
                    enabled=enabled,
                    role="bodyb",
                )
            )
            y += btn_h + gap
        widgets.append(
            Button(
                "back",
                tr("undecided.back"),
                self.back,
                pygame.Rect(inner.x, y, inner.width, btn_h),
                shortcut="Esc",
            )  # fmt: skip
        )
        self.ring.set(widgets, focus="keep")

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """The teams and their open decisions, then the choices."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        lines = undecided_lines(app)
        lh = tp.line_height("bodyb") + app.px(8)
        ih = tp.line_height("body") * 2
        btn_h = tp.line_height("bodyb") + app.px(24)
        buttons = 4 * (btn_h + app.px(10))
        w = min(body.width, max(app.px(900), body.width * 2 // 3))
        chrome = 2 * app.px(16) + tp.line_height("h1") + app.px(10)
        h = min(body.height, chrome + ih + app.px(8) + len(lines) * lh + app.px(12) + buttons)
        box = pygame.Rect(0, 0, w, h)
        box.center = body.center
        inner = self.frame(surf, box)
        intro = tr("undecided.intro_time" if resolve_reason(app) == "time" else "undecided.intro")
        tp.draw(surf, intro, pygame.Rect(inner.x, inner.y, inner.width, ih), "body", p.ink,
                max_lines=2)  # fmt: skip
        y = inner.y + ih + app.px(8)
        room = inner.bottom - buttons - y - app.px(8)
        shown = lines[: max(1, room // lh)]
        for j, text in shown:
            col = p.teams[j % len(p.teams)]
            tag = pygame.Rect(inner.x, y + app.px(4), lh - app.px(8), lh - app.px(8))
            pygame.draw.rect(surf, col, tag, border_radius=app.px(4))
            tp.glyph(surf, app.labels.team_letter(j), tag, "smallb", readable_on(col))
            tp.line(surf, text, pygame.Rect(tag.right + app.px(10), y, inner.width - lh, lh),
                    "bodyb", p.ink)  # fmt: skip
            y += lh
        key = (tuple(box), app.version, len(lines))
        if key != self._built:
            self._layout(inner, y + app.px(12))
            self._built = key
        self.ring.draw(surf, app)

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the dialog."""
        tr = self.app.tr
        return [("Tab", tr("key.focus")), ("Enter", tr("hint.press")),
                ("PgDn", tr("undecided.key_keep")), ("Esc", tr("key.close"))]  # fmt: skip


def settled_lines(app, turn: int) -> list[str]:
    """The resolution's lines on what people's teams left open in `turn` and what
    happened to it.
    """
    lab = app.labels
    return fallback_lines(app.tr, app.session, turn, lab.team)
