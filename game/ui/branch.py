"""What if: branch the finished game from an earlier turn into a new session.

The dialog lists the turns (↑/↓), who plays each team from there on (Tab, ←/→), and a
button that calls `game.session.store.branch`; the app then continues the new session
from that turn's briefing. The branch's `session.json` names its parent, so its report
compares the two.
"""

from __future__ import annotations

import pygame

from game.ui.theme import mix
from game.ui.views import View
from game.ui.widgets import Button, Cycle, FocusRing, Grid


class BranchView(View):
    """Choose a turn and the teams people play, then branch."""

    name, key, title_key = "branch", "W", "branch.title"

    def __init__(self, app):
        super().__init__(app)
        m = app.model
        s = app.session
        self.ring = FocusRing()
        self.turn = self.count() - 1
        parent_human = list(s.human)
        self.original = [0 if j in parent_human else 1 for j in range(len(m.team_ids))]
        if not parent_human:  # a game the bots played: people take every team in the branch
            self.modes = [0] * len(m.team_ids)
        else:
            self.modes = list(self.original)
        self._built: tuple | None = None
        from game.ui.readmodel import score_history

        self.shared = score_history(s)["shared"]

    def count(self) -> int:
        """How many turns can be branched from: every turn that has begun."""
        return min(self.app.session.turn, self.app.model.n_turns - 1) + 1

    # -- actions ---------------------------------------------------------------------------
    def pick(self, r: int, c: int = 0) -> None:
        """Choose the turn to branch from."""
        self.turn = r

    def set_mode(self, j: int, i: int) -> None:
        """People (0) or a bot (1) play team j in the branch."""
        self.modes[j] = i

    def branch(self) -> bool:
        """Make the branch and continue it; False (and a message) when it cannot be made."""
        app = self.app
        tr = app.tr
        info = app.session_info
        if info is None:
            app.notify(tr("branch.not_saved"), "error", 8)
            return False
        from game.session.store import SessionError, branch

        m = app.model
        human = [m.team_ids[j] for j, mode in enumerate(self.modes) if mode == 0]
        try:
            session, new_info = branch(info.id, self.turn, human=human)
        except (SessionError, OSError) as err:
            app.notify(str(err), "error", 8)
            return False
        app.session_info = new_info
        app.adopt_session(session)
        app.notify(tr("branch.done", n=self.turn + 1, year=m.year_of(self.turn)), seconds=8)
        return True

    # -- input -----------------------------------------------------------------------------
    def handle(self, ev) -> bool:
        """The dialog's widgets take the keys (Esc closes it)."""
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            return False
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            return True
        return self.ring.handle(ev, self.app) or ev.type == pygame.KEYDOWN

    def layout(self, inner: pygame.Rect) -> None:
        """Turn list on the left; teams and the button on the right."""
        app = self.app
        tp, tr, lab = app.tp, app.tr, app.labels
        m = app.model
        gap = app.px(24)
        intro_h = tp.line_height("body") * 2 + app.px(10)
        self.intro = pygame.Rect(inner.x, inner.y, inner.width, intro_h)
        top = inner.y + intro_h + app.px(10)
        left = pygame.Rect(inner.x, top, int(inner.width * 0.4), inner.bottom - top)
        right = pygame.Rect(left.right + gap, top, inner.right - left.right - gap, left.height)
        head_h = tp.line_height("smallb") + app.px(8)
        self.turns_head = pygame.Rect(left.x, left.y, left.width, head_h)
        n = self.count()
        row_h = min(app.px(64), (left.height - head_h) // max(1, n))
        gy = left.y + head_h

        def cell_rect(r: int, c: int) -> pygame.Rect:
            return pygame.Rect(left.x, gy + r * row_h, left.width, row_h - app.px(6))

        self.cell_rect = cell_rect
        grid = Grid(
            "turns",
            n,
            1,
            (min(self.turn, n - 1), 0),
            cell_rect,
            self._draw_turn,
            self.pick,
            lambda r, c: self.ring.focus("branch"),
            pygame.Rect(left.x, gy, left.width, row_h * n),
        )
        widgets = [grid]
        self.teams_head = pygame.Rect(right.x, right.y, right.width, head_h)
        btn_h = tp.line_height("bodyb") + app.px(20)
        note_h = tp.line_height("small") * 3
        J = len(m.team_ids)
        avail = right.height - head_h - btn_h - note_h - app.px(30)
        trow = min(app.px(56), avail // max(1, J))
        y = right.y + head_h
        modes = [tr("title.person"), tr("branch.bot")]
        for j in range(J):
            widgets.append(
                Cycle(
                    f"team{j}",
                    f"{lab.team_letter(j)}  {lab.team(j)}",
                    modes,
                    self.modes[j],
                    lambda i, j=j: self.set_mode(j, i),
                    pygame.Rect(right.x, y, right.width, trow - app.px(6)),
                )
            )
            y += trow
        self.note = pygame.Rect(right.x, y + app.px(8), right.width, note_h)
        widgets.append(
            Button(
                "branch",
                tr("branch.go"),
                self.branch,
                pygame.Rect(right.x, right.bottom - btn_h, right.width, btn_h),
                primary=True,
                shortcut="Enter",
            )
        )
        self.ring.set(widgets, focus=None if self._built else "turns")

    def _draw_turn(self, surf, r: int, c: int, focused: bool) -> None:
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        m = app.model
        rect = self.cell_rect(r, c)
        on = r == self.turn
        pygame.draw.rect(surf, p.panel if on else p.panel_alt, rect, border_radius=app.px(6))
        pygame.draw.rect(
            surf, p.accent if on else p.line, rect, app.px(3) if on else 1, border_radius=app.px(6)
        )
        inner = rect.inflate(-app.px(20), 0)
        label = tr("branch.turn", n=r + 1, year=m.year_of(r))
        role = "bodyb" if on else "body"
        if rect.height < tp.line_height(role):
            role = "smallb" if on else "small"
        lw = int(inner.width * 0.5)
        tp.line(surf, label, pygame.Rect(inner.x, rect.y, lw, rect.height), role, p.ink)
        score = tr("branch.score", score=tr.num(float(self.shared[r])))
        tp.line(
            surf,
            score,
            pygame.Rect(inner.x + lw, rect.y, inner.width - lw, rect.height),
            "small",
            p.muted,
            "right",
        )

    def draw(self, surf, body) -> None:
        """Intro, the turns, the teams, the button."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        inner = self.frame(surf, body)
        key = (tuple(inner), app.version)
        if key != self._built:
            self.layout(inner)
            self._built = key
        tp.draw(surf, tr("branch.intro"), self.intro, "body", p.ink, max_lines=2)
        tp.line(surf, tr("branch.turns"), self.turns_head, "smallb", p.muted)
        tp.line(surf, tr("branch.teams"), self.teams_head, "smallb", p.muted)
        if self.modes != self.original:
            pygame.draw.rect(surf, mix(p.panel, p.warn, 0.12), self.note, border_radius=app.px(6))
            tp.draw(
                surf,
                tr("branch.players_note"),
                self.note.inflate(-app.px(16), -app.px(8)),
                "small",
                p.ink,
                valign="middle",
                max_lines=3,
            )
        self.ring.draw(surf, app)

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the dialog."""
        tr = self.app.tr
        return [
            ("↑↓", tr("branch.key_turn")),
            ("Tab", tr("key.focus")),
            ("← →", tr("hint.cycle")),
            ("Enter", tr("branch.go")),
            ("Esc", tr("key.close")),
        ]
