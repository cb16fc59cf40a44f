"""Deliberation: sign the shared vision (first turn) and vote on the dilemmas; see the
package proposals and who has pledged what.
"""

from __future__ import annotations

import pygame

from game.sim.step import shared_vision_gain
from game.ui.packinfo import PackageList, draw_detail, list_layout
from game.ui.panels import package_table, team_tag
from game.ui.readmodel import VISION, decisions, dilemma_votes, packages, vision_card
from game.ui.scenes.base import Scene
from game.ui.theme import draw_check, mix
from game.ui.vision_form import (
    CARDS,
    draw_form_cell,
    form_cards,
    form_click,
    form_head,
    form_line,
    form_texts,
    not_proposed,
)
from game.ui.widgets import Cycle, Grid, Tabs


class DeliberationScene(Scene):
    """Dilemma cards with every team's vote (left), package proposals (right)."""

    name = "deliberation"
    phase_scene = True

    def __init__(self, app):
        super().__init__(app)
        self.current = 0
        self.cursor = (0, 0)
        self.pkg_sel = 0  # the package the detail panel shows
        self.pkg_list: PackageList | None = None

    def enter(self) -> None:
        """Start at the first dilemma, the first team played by people."""
        super().enter()
        self.current = 0
        human = self.app.session.human
        self.cursor = (0, human[0] if human else 0)

    def set_dilemma(self, i: int) -> None:
        """Show another dilemma."""
        self.current = i
        self.app.version += 1

    def vote(self, option: int, team: int) -> None:
        """Team `team` votes for `option` of the shown dilemma (a command to the session)."""
        app = self.app
        s = app.session
        if not self.votes:
            return
        if team not in s.human:
            why = "delib.plan_team" if team in s.game.planned else "delib.bot_team"
            app.notify(app.tr(why, team=app.labels.team(team)), "error")
            return
        ev = self.votes[self.current].event
        if ev in CARDS:  # the vision workshop: a point more, or a target moved (issue 18)
            form_click(app, ev, option, team)
            return
        if ev == VISION:
            team_id = app.model.team_ids[team]
            app.send({"type": "endorse", "team": team_id, "signs": option == 0})
            return
        spec = app.model.events[ev]
        app.send(
            {
                "type": "vote",
                "team": app.model.team_ids[team],
                "event": spec.id,
                "option": spec.options[option],
            }
        )

    def _texts(self, dv) -> tuple[str, str, list[tuple[str, str]]]:
        """(title, text, [(option, what it means)]) of a card."""
        app = self.app
        tr, lab = app.tr, app.labels
        if dv.event in CARDS:
            return form_texts(app, dv.event)
        if dv.event == VISION:
            m = app.model
            every, one = shared_vision_gain(m, len(m.team_ids)), shared_vision_gain(m, 1)
            return (
                tr("delib.vision_title", year=m.end_year),
                tr("delib.vision_text", bonus=tr.num(every, 2), per=tr.num(one, 3)),
                [
                    (tr("delib.vision_yes"), tr("delib.vision_yes_text")),
                    (tr("delib.vision_no"), tr("delib.vision_no_text")),
                ],
            )
        n = len(app.model.events[dv.event].options)
        options = [(lab.option(dv.event, o), lab.option_text(dv.event, o)) for o in range(n)]
        return lab.event_title(dv.event), lab.event_text(dv.event), options

    def _tab_label(self, i: int) -> str:
        if self.votes[i].event in CARDS:
            first_card = self.votes[i].event == CARDS[0]
            return self.app.tr("form.tab" if first_card else "form.tab_targets")
        first = sum(1 for v in self.votes if v.event in (VISION, *CARDS))
        if i < first:
            return self.app.tr("delib.vision_tab")
        return self.app.tr("delib.dilemma_n", n=i - first + 1)

    def move(self, r: int, c: int) -> None:
        """The grid cursor moved."""
        self.cursor = (r, c)

    def select_package(self, i: int) -> None:
        """Show another package in the detail panel."""
        self.pkg_sel = i

    def _layout_packages(self, widgets: list) -> None:
        """The package list (top) and the detail of the chosen one (bottom) in the right
        panel, under its title.
        """
        app = self.app
        pad = app.px(14)
        pin = self.right.inflate(-2 * pad, -2 * pad)
        head = app.tp.line_height("h2") + app.px(8)
        pin.y += head
        pin.height -= head
        self.pkg_list = None
        self.detail_rect = None
        if not self.pkgs:
            return
        self.pkg_sel = min(self.pkg_sel, len(self.pkgs) - 1)
        row_h, two, list_h, detail_h = list_layout(app, pin, self.pkgs)
        self.pkg_list = PackageList(
            "packages",
            self.pkgs,
            self.pkg_sel,
            self.select_package,
            pygame.Rect(pin.x, pin.y, pin.width, list_h),
            row_h,
            two,
            app.tp.line_height("tinyb") + app.px(4),
        )
        widgets.append(self.pkg_list)
        self.detail_rect = pygame.Rect(pin.x, pin.bottom - detail_h, pin.width, detail_h)

    def layout(self, body: pygame.Rect) -> None:
        """Dilemma panel, vote grid, package table and the Next button."""
        app = self.app
        tp = app.tp
        gap = app.px(16)
        s = app.session
        dec = decisions(s)
        vision = vision_card(s, dec)
        self.votes = form_cards(s) + ([vision] if vision is not None else [])
        self.votes += dilemma_votes(s, dec)
        self.pkgs = packages(s, dec)
        self.current = min(self.current, max(0, len(self.votes) - 1))
        self.left = pygame.Rect(body.x, body.y, int(body.width * 0.5), body.height)
        self.right = pygame.Rect(
            self.left.right + gap, body.y, body.right - self.left.right - gap, body.height
        )
        btn_h = tp.line_height("bodyb") + app.px(20)
        inner = self.left.inflate(-2 * app.px(14), -2 * app.px(14))
        inner.y += tp.line_height("h2") + app.px(8)
        inner.height -= tp.line_height("h2") + app.px(8) + btn_h + gap
        widgets = []
        y = inner.y
        if len(self.votes) > 1:
            labels = [self._tab_label(i) for i in range(len(self.votes))]
            row = pygame.Rect(inner.x, y, inner.width, btn_h)
            if row.width // len(labels) >= app.px(110):
                widgets.append(Tabs("dilemmas", labels, self.current, self.set_dilemma, row))
            else:  # more dilemmas than tabs of a readable width: one at a time, ‹ ›
                label = app.tr("delib.dilemmas")
                widgets.append(
                    Cycle("dilemmas", label, labels, self.current, self.set_dilemma, row)
                )
            y += btn_h + app.px(10)
        self.card = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        self.grid = None
        if self.votes:
            dv = self.votes[self.current]
            options = self._texts(dv)[2]
            title_h = tp.line_height("h2") * 2
            text_h = tp.line_height("small") * 3
            y = self.card.y + title_h + text_h + app.px(12)
            self.text_rect = pygame.Rect(
                self.card.x, self.card.y + title_h, self.card.width, text_h
            )
            J = len(app.model.team_ids)
            head_h = tp.line_height("tinyb") + app.px(10)
            self.grid_head = pygame.Rect(self.card.x, y, self.card.width, head_h)
            rows = len(options)
            lead_h = tp.line_height("bodyb") + app.px(8)
            avail = self.card.bottom - y - head_h - lead_h
            row_h = min(
                avail // rows, tp.line_height("bodyb") + tp.line_height("tiny") * 2 + app.px(16)
            )
            opt_w = int(self.card.width * 0.56)
            col_w = (self.card.width - opt_w) // max(1, J)
            self.opt_w, self.col_w, self.row_h = opt_w, col_w, row_h
            gy = y + head_h

            def cell_rect(r: int, c: int) -> pygame.Rect:
                return pygame.Rect(
                    self.card.x + opt_w + c * col_w + app.px(3),
                    gy + r * row_h + app.px(3),
                    col_w - app.px(6),
                    row_h - app.px(6),
                )

            self.cell_rect = cell_rect
            self.lead_rect = pygame.Rect(
                self.card.x, gy + rows * row_h + app.px(8), self.card.width, lead_h
            )
            cur = (min(self.cursor[0], rows - 1), min(self.cursor[1], J - 1))
            self.grid = Grid(
                "votes",
                rows,
                J,
                cur,
                cell_rect,
                self._draw_cell,
                self.move,
                lambda r, c: self.vote(r, c),
                pygame.Rect(self.card.x + opt_w, gy, col_w * J, row_h * rows),
            )
            widgets.append(self.grid)
        self._layout_packages(widgets)
        bottom = pygame.Rect(inner.x, inner.bottom + gap, inner.width, btn_h)
        nb_w = min(app.px(420), bottom.width)
        widgets.append(self.next_button(pygame.Rect(bottom.right - nb_w, bottom.y, nb_w, btn_h)))
        focus = "votes" if self.grid is not None and s.human else "next"
        self.ring.set(widgets, focus=None if self._built else focus)

    def handle(self, ev) -> bool:
        """Number keys vote for an option for the team under the grid cursor; the mouse
        wheel scrolls the package list.
        """
        lst, mouse = self.pkg_list, self.app.mouse
        over = lst is not None and mouse is not None and lst.rect.collidepoint(mouse)
        if ev.type == pygame.MOUSEWHEEL and over:
            lst.wheel(ev.y)
            return True
        if (
            ev.type == pygame.KEYDOWN
            and self.grid is not None
            and ev.unicode
            and ev.unicode.isdigit()
        ):
            o = int(ev.unicode) - 1
            if o == -1 and self.votes[self.current].event not in (VISION, *CARDS):
                self.votes_final(self.grid.cell[1])
                return True
            if 0 <= o < self.grid.rows:
                self.ring.focus("votes")
                self.grid.cell = (o, self.grid.cell[1])
                self.cursor = self.grid.cell
                self.vote(o, self.grid.cell[1])
                return True
        return super().handle(ev)

    def not_yet(self, dv) -> list[int]:
        """The people's teams that have not decided on card `dv`: not signed or declined
        the vision, not voted on the dilemma (nor declared their votes final).
        """
        s = self.app.session
        if dv.event in CARDS:
            return not_proposed(s)
        if dv.event == VISION:
            return [j for j in s.human if not s.game.is_decided(j, "vision")]
        made = s.game.made
        return [j for j in s.human if not made.voted[j, dv.event] and not made.votes_final[j]]

    def votes_final(self, team: int) -> None:
        """A people's team declares its votes final (0): a dilemma it has not voted on is
        its abstention.
        """
        app = self.app
        s = app.session
        if team not in s.human or "votes" not in s.decision_kinds():
            return
        app.send({"type": "decide", "team": app.model.team_ids[team], "kind": "votes"})

    def _draw_cell(self, surf, r: int, c: int, focused: bool) -> None:
        app = self.app
        p = app.pal
        rect = self.cell_rect(r, c)
        dv = self.votes[self.current]
        if dv.event in CARDS:
            draw_form_cell(surf, app, rect, dv.event, r, c)
            return
        voted = int(dv.votes[c]) == r
        col = p.teams[c % len(p.teams)]
        human = c in app.session.human
        pygame.draw.rect(
            surf, mix(p.panel, col, 0.12) if human else p.panel_alt, rect, border_radius=app.px(6)
        )
        pygame.draw.rect(
            surf, col if voted else p.line, rect, max(1, app.px(2)), border_radius=app.px(6)
        )
        if voted:
            s = min(rect.width, rect.height) - app.px(14)
            box = pygame.Rect(0, 0, s, s)
            box.center = rect.center
            pygame.draw.rect(surf, col, box, border_radius=app.px(5))
            draw_check(
                surf, box.inflate(-app.px(6), -app.px(6)), (255, 255, 255), max(2, app.px(4))
            )

    def draw(self, surf: pygame.Surface) -> None:
        """The dilemma card and the packages."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        sub = ""
        if self.votes:
            vision = self.votes[self.current].event in (VISION, *CARDS)
            sub = tr("delib.vision_sub" if vision else "delib.dilemmas_sub")
        self.panel(surf, self.left, tr("delib.dilemmas"), sub)
        if not self.votes:
            tp.draw(
                surf,
                tr("delib.no_dilemmas"),
                self.card.inflate(-app.px(40), -app.px(40)),
                "h2",
                p.muted,
                "center",
                "middle",
            )
        else:
            dv = self.votes[self.current]
            title, body, options = self._texts(dv)
            tp.draw(
                surf,
                title,
                pygame.Rect(self.card.x, self.card.y, self.card.width, tp.line_height("h2") * 2),
                "h2",
                p.ink,
                max_lines=2,
            )
            role = tp.fit_role(body, ("small", "tiny"), self.text_rect)  # whole at large text
            tp.draw(surf, body, self.text_rect, role, p.ink)
            J = len(app.model.team_ids)
            gh = self.grid_head
            tp.line(
                surf,
                tr(form_head(dv.event) if dv.event in CARDS else "delib.option"),
                pygame.Rect(gh.x, gh.y, self.opt_w, gh.height),
                "tinyb",
                p.muted,
            )
            for j in range(J):
                cx = gh.x + self.opt_w + j * self.col_w
                tag_w = min(self.col_w - app.px(8), app.px(34))
                team_tag(
                    surf,
                    app,
                    pygame.Rect(cx + (self.col_w - tag_w) // 2, gh.y, tag_w, gh.height - app.px(4)),
                    j,
                )
            for o, (option, meaning) in enumerate(options):
                y = gh.bottom + o * self.row_h
                row = pygame.Rect(gh.x, y, self.opt_w - app.px(10), self.row_h)
                if o == dv.leading:
                    pygame.draw.rect(
                        surf,
                        mix(p.panel, p.accent, 0.08),
                        pygame.Rect(gh.x - app.px(4), y, self.card.width + app.px(8), self.row_h),
                        border_radius=app.px(6),
                    )
                label = f"{o + 1}. {option}"
                lrole = tp.fit_role(
                    label,
                    ("bodyb", "smallb"),
                    pygame.Rect(0, 0, row.width, tp.line_height("bodyb")),
                    1,
                )
                lh = tp.line_height(lrole)
                tp.line(
                    surf, label, pygame.Rect(row.x, row.y + app.px(4), row.width, lh), lrole, p.ink
                )
                sub = pygame.Rect(
                    row.x + app.px(4),
                    row.y + lh + app.px(4),
                    row.width - app.px(4),
                    row.height - lh - app.px(6),
                )
                if sub.height >= tp.line_height("tiny"):
                    tp.draw(surf, meaning, sub, "tiny", p.muted)
            if dv.event in CARDS:
                line = form_line(app)
            elif dv.event == VISION:
                n_sign = int((dv.votes == 0).sum())
                gain = shared_vision_gain(app.model, n_sign)
                line = tr("delib.vision_signed", n=n_sign, total=J, bonus=tr.signed(gain, 3))
            else:
                lead = tr("delib.leading", option=options[dv.leading][0]) if dv.leading >= 0 else ""
                n_votes = int((dv.votes >= 0).sum())
                cast = tr("delib.votes_cast", n=n_votes, total=J)
                line = f"{lead} · {cast}" if lead else cast
            waiting = self.not_yet(dv)
            if waiting:  # the people's teams that have not decided on this card yet: first
                letters = ", ".join(app.labels.team_letter(j) for j in waiting)
                line = tr("delib.not_voted", teams=letters) + " · " + line
            role = tp.fit_role(line, ("bodyb", "smallb", "tinyb"), self.lead_rect, 1)
            tp.line(surf, line, self.lead_rect, role, p.accent)
        pin = self.panel(surf, self.right, tr("delib.packages"), tr("delib.packages_sub"))
        if self.pkg_list is None:
            package_table(surf, app, pin, self.pkgs)
        else:
            d = self.detail_rect
            y = d.y - app.px(7)
            pygame.draw.line(surf, p.line, (d.x, y), (d.right, y), 1)
            draw_detail(surf, app, d, self.pkgs[self.pkg_sel])
        self.ring.draw(surf, app)

    def areas(self) -> dict[str, pygame.Rect]:
        """The dilemmas and the packages."""
        return {"dilemmas": self.left, "packages": self.right}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the deliberation."""
        if self.votes:
            keys = [("1–6", self.app.tr("delib.key_vote"))]
            if self.votes[self.current].event not in (VISION, *CARDS) and self.app.session.human:
                keys.append(("0", self.app.tr("delib.key_final")))
            return keys
        return []
