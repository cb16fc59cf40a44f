"""The vision workshop on screen (issue 18): the first card of the first deliberation when
the room forms its vision (`vision.formed_by: room`).

The card is the deliberation's grid: a row per indicator, a column per team. A cell shows
the team's weight for the indicator as 0-5 points (pips) and its share; a people's team
clicks (or presses the row's number on its column) to add a point, and from 5 it goes back
to 0. The row's label gives the shared weight (the median of the teams' proposals) and the
spread of the proposals; the line under the grid the agreement and the trust bonus it
gives. What the room proposes goes to the session as `propose` commands (journaled).
"""

from __future__ import annotations

import numpy as np
import pygame

from game.sim.vision import trust_factor
from game.ui.readmodel import (  # the workshop's questions, pygame-free for the room too
    POINTS,
    STEPS,
    DilemmaVotes,
    form_open,
    points,
    region_shifts,
)
from game.ui.theme import mix

FORM = -2  # the `event` of the vision workshop's card: the weights
TARGETS = -3  # and of its second card: the region types' targets
CARDS = (FORM, TARGETS)


def form_cards(session) -> list[DilemmaVotes]:
    """The workshop's card while the room can propose (first turn's deliberation)."""
    if not form_open(session):
        return []
    J = len(session.model.team_ids)
    cards = [DilemmaVotes(FORM, np.full(J, -1), -1)]
    if _bound(session.model) > 0:
        cards.append(DilemmaVotes(TARGETS, np.full(J, -1), -1))
    return cards


def form_head(kind: int) -> str:
    """The catalogue key of the grid's first column."""
    return "form.head" if kind == FORM else "form.head_targets"


def form_texts(app, kind: int = FORM) -> tuple[str, str, list[tuple[str, str]]]:
    """(title, text, [(indicator, its shared weight and spread)]) of the weights card, or
    (…, [(region type, its shared shift)]) of the targets card.
    """
    tr, lab, m, s = app.tr, app.labels, app.model, app.session
    room = s.game.workshop.vision(m)
    assert room is not None
    if kind == TARGETS:
        shared = room.shifts.mean(axis=1)
        rows = [
            (f"{tr.signed(shared[r], 1)} · {lab.region(r)}", "") for r in range(len(m.region_ids))
        ]
        return tr("form.title_targets"), tr("form.text_targets", bound=tr.num(_bound(m), 0)), rows
    spread = room.spread
    options = [
        (
            f"{tr.pct(room.weights[k])} · {lab.indicator(k)}",
            tr("form.row", share=tr.pct(room.weights[k]), spread=tr.pct(spread[k])),
        )
        for k in range(len(m.indicator_ids))
    ]
    return tr("form.title", year=m.end_year), tr("form.text", bound=tr.num(_bound(m), 0)), options


def _bound(model) -> float:
    from game.sim.vision import shift_bound

    return shift_bound(model)


def form_click(app, kind: int, row: int, team: int) -> None:
    """A people's team adds a point to an indicator (from the maximum back to 0), or moves
    a region type's targets a step up (from the top of the bound to its bottom).
    """
    from game.session.workshop import propose_command

    s = app.session
    if kind == TARGETS:
        bound = _bound(app.model)
        step = bound / STEPS
        now = float(region_shifts(s)[team, row])
        nxt = now + step if now + step <= bound + 1e-9 else -bound
        shifts = s.game.workshop.shifts[team].copy()
        shifts[row, :] = round(nxt, 4)
        app.send(propose_command(app.model, team, s.game.workshop.proposals[team], shifts))
        return
    pts = points(s)[team].astype(float)
    pts[row] = (pts[row] + 1) % (POINTS + 1)
    if pts.sum() <= 0:
        pts[row] = 1
    cmd = propose_command(app.model, team, pts, s.game.workshop.shifts[team])
    app.send(cmd)


def form_line(app) -> str:
    """The agreement and the trust bonus it gives, under the grid."""
    tr, m = app.tr, app.model
    room = app.session.game.workshop.vision(m)
    assert room is not None
    return tr(
        "form.agreement",
        pct=tr.pct(room.agreement),
        factor=tr.num(trust_factor(room.agreement), 2),
    )


def not_proposed(session) -> list[int]:
    """People's teams that have not changed the proposal their bot started them with."""
    made = session.game.workshop.proposed
    return [j for j in session.human if not made[j]]


def draw_form_cell(surf, app, rect: pygame.Rect, kind: int, row: int, team: int) -> None:
    """A team's points for an indicator: pips in the team's colour, and its share; or its
    shift of a region type's targets.
    """
    p, tp = app.pal, app.tp
    s = app.session
    col = p.teams[team % len(p.teams)]
    human = team in s.human
    pygame.draw.rect(
        surf, mix(p.panel, col, 0.12) if human else p.panel_alt, rect, border_radius=app.px(6)
    )
    pygame.draw.rect(surf, p.line, rect, 1, border_radius=app.px(6))
    if kind == TARGETS:
        v = float(region_shifts(s)[team, row])
        ink = p.ink if abs(v) < 1e-9 else (p.good if v > 0 else p.bad)
        tp.line(surf, app.tr.signed(v, 1), rect, "smallb", ink, "center")
        return
    n = int(points(s)[team, row])
    share = float(s.game.workshop.proposals[team, row])
    label_h = tp.line_height("tiny") if rect.height >= 2 * tp.line_height("tiny") else 0
    pip_area = pygame.Rect(rect.x, rect.y, rect.width, rect.height - label_h)
    r = max(2, min(app.px(5), (rect.width - app.px(8)) // (2 * POINTS + 2)))
    gap = (rect.width - 2 * r * POINTS) // (POINTS + 1)
    for i in range(POINTS):
        cx = rect.x + gap + r + i * (2 * r + gap)
        centre = (cx, pip_area.centery)
        if i < n:
            pygame.draw.circle(surf, col, centre, r)
        else:
            pygame.draw.circle(surf, p.line, centre, r, 1)
    if label_h:
        tp.line(
            surf,
            app.tr.pct(share),
            pygame.Rect(rect.x, rect.bottom - label_h - app.px(2), rect.width, label_h),
            "tiny",
            p.muted,
            "center",
        )
