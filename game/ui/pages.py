"""Whole-page drawings shared by the debrief and the views: scores, trajectories,
the network (now, or start against end), and the decision log.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.session.provenance import how_text, team_how
from game.ui.charts import Series, hbar, line_chart, nice_ticks, signed
from game.ui.glossary import mark_term
from game.ui.network import draw_network, network_stats
from game.ui.panels import region_marker, team_tag
from game.ui.readmodel import history, network_now, score_history
from game.ui.theme import KIND_SHAPES
from game.ui.widgets import marker_legend


def card(surf, app, rect: pygame.Rect, title: str = "") -> pygame.Rect:
    """A white card; returns its content rect (below the title)."""
    p, tp = app.pal, app.tp
    pygame.draw.rect(surf, p.panel, rect, border_radius=app.px(10))
    pygame.draw.rect(surf, p.line, rect, 1, border_radius=app.px(10))
    inner = rect.inflate(-2 * app.px(14), -2 * app.px(12))
    if title:
        h = tp.line_height("smallb")
        drawn = tp.line(surf, title, pygame.Rect(inner.x, inner.y, inner.width, h), "smallb", p.ink)
        mark_term(surf, app, title, drawn, "smallb")
        inner.y += h + app.px(6)
        inner.height -= h + app.px(6)
    return inner


def bottom_note(
    surf, app, inner: pygame.Rect, text: str, role: str, color, pad: int = 0, gap: int = 0
) -> pygame.Rect:
    """A note of up to two lines at the bottom of `inner`; returns what is left above it
    (`pad`: extra room for the note, `gap`: space between the note and the rest).
    """
    note_h = 2 * app.tp.line_height(role) + pad
    note = pygame.Rect(inner.x, inner.bottom - note_h, inner.width, note_h)
    app.tp.draw(surf, text, note, role, color, max_lines=2)
    return pygame.Rect(inner.x, inner.y, inner.width, inner.height - note_h - gap)


def big_number(surf, app, rect: pygame.Rect, label: str, value: str, note: str, color=None) -> None:
    """A headline figure with its label and a one-line note."""
    p, tp = app.pal, app.tp
    inner = card(surf, app, rect)
    lh = tp.line_height("small")
    drawn = tp.line(surf, label, pygame.Rect(inner.x, inner.y, inner.width, lh), "smallb", p.muted)
    mark_term(surf, app, label, drawn, "smallb")

    def below(role: str) -> pygame.Rect:
        top = inner.y + lh + tp.line_height(role)
        return pygame.Rect(inner.x, top, inner.width, inner.bottom - top)

    # the largest figure that leaves the note whole (large text on a small window)
    roles = ("number", "title", "h1", "h2")
    role = next((r for r in roles if tp.fits(note, "tiny", below(r))), roles[-1])
    nh = tp.line_height(role)
    tp.line(surf, value, pygame.Rect(inner.x, inner.y + lh, inner.width, nh), role, color or p.ink)
    rest = below(role)
    if rest.height >= tp.line_height("tiny"):
        tp.draw(surf, note, rest, tp.fit_role(note, ("small", "tiny"), rest), p.ink)


def draw_scores(surf, app, rect: pygame.Rect) -> None:
    """Shared score, vision, equity and the cooperation dividend; team mandates; history."""
    p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
    m = app.model
    g = app.session.game
    sc = g.scores()
    gap = app.px(14)
    tp_ = app.tp
    top_h = min(
        int(rect.height * 0.3),
        tp_.line_height("number") + tp_.line_height("small") * 4 + app.px(30),
    )
    w4 = (rect.width - 3 * gap) // 4
    div = float(sc.shared[0] - sc.shared[1])
    figures = [
        (tr("score.shared"), tr.num(sc.shared[0]), _shared_note(app), p.accent),
        (tr("score.vision"), tr.num(sc.vision[0]), tr("score.vision_note", year=m.end_year), None),
        (tr("score.equity"), tr.num(sc.equity[0]), tr("score.equity_note"), None),
        (
            tr("score.dividend"),
            signed(div, 1, tr),
            tr("score.dividend_note", twin=tr.num(sc.shared[1])),
            p.good if div >= 0 else p.bad,
        ),
    ]
    # large text: room at least for the label, a figure and the longest note whole
    note_lines = max(len(tp_.wrap(f[2], "tiny", w4 - 2 * app.px(14))) for f in figures)
    least = tp_.line_height("smallb") + tp_.line_height("h2")
    least += note_lines * tp_.line_height("tiny") + 2 * app.px(12) + app.px(6)
    top_h = max(top_h, min(int(rect.height * 0.45), least))
    for i, (label, value, note, col) in enumerate(figures):
        big_number(
            surf,
            app,
            pygame.Rect(rect.x + i * (w4 + gap), rect.y, w4, top_h),
            label,
            value,
            note,
            col,
        )
    y = rect.y + top_h + gap
    low = pygame.Rect(rect.x, y, rect.width, rect.bottom - y)
    left = pygame.Rect(low.x, low.y, int(low.width * 0.5) - gap // 2, low.height)
    right = pygame.Rect(left.right + gap, low.y, low.right - left.right - gap, low.height)
    inner = card(surf, app, left, tr("score.mandates"))
    J = len(m.team_ids)
    row = min(inner.height // max(1, J), app.px(64))
    for j in range(J):
        r = pygame.Rect(inner.x, inner.y + j * row, inner.width, row)
        tw = min(app.px(30), row - app.px(8))
        team_tag(surf, app, pygame.Rect(r.x, r.centery - tw // 2, tw, tw), j)
        name_w = int(r.width * 0.42)
        tp.draw(
            surf,
            lab.team(j),
            pygame.Rect(r.x + tw + app.px(8), r.y, name_w - tw - app.px(8), r.height),
            "small",
            p.ink,
            valign="middle",
            max_lines=2,
        )
        val_w = tp.width("100.0", "bodyb") + app.px(8)
        bar = pygame.Rect(r.x + name_w, r.centery - app.px(8), r.width - name_w - val_w, app.px(16))
        v = float(sc.mandates[0, j])
        hbar(surf, app, bar, max(0.0, v), 0, 100, p.teams[j % len(p.teams)])
        tp.line(
            surf, tr.num(v), pygame.Rect(bar.right, r.y, val_w, r.height), "bodyb", p.ink, "right"
        )
    inner = card(surf, app, right, tr("score.history"))
    score_chart(surf, app, inner)


def _shared_note(app) -> str:
    """What the shared score is measured against: with a vision the room formed, that one,
    its agreement and the score against the scenario's vision beside it (issue 18).
    """
    g, tr = app.session.game, app.tr
    room = g.workshop.vision(app.model)
    if room is None:
        return tr("score.shared_note")
    scen = float(g.scenario_scores().shared[0])
    return tr("score.shared_room", pct=tr.pct(room.agreement), scenario=tr.num(scen))


def score_chart(surf, app, rect: pygame.Rect, title: str = "") -> None:
    """Shared score, vision and equity turn by turn, and the shared score of the same game
    without cooperation (dashed), each line labelled at its end.
    """
    p, tr = app.pal, app.tr
    m = app.model
    hist = score_history(app.session)
    years = [str(m.year_of(i)) for i in range(len(hist["shared"]))]
    vals = np.concatenate([hist["shared"], hist["vision"], hist["equity"], hist["twin"]])
    lo = max(0.0, math.floor((vals.min() - 5) / 10) * 10)
    hi = min(100.0, math.ceil((vals.max() + 5) / 10) * 10)
    line_chart(
        surf,
        app,
        rect,
        [
            Series(hist["shared"], p.accent, "circle", tr("score.shared")),
            Series(hist["vision"], p.series[2], "square", tr("score.vision"), width=2),
            Series(hist["equity"], p.series[4], "triangle", tr("score.equity"), width=2),
            Series(hist["twin"], p.muted, "diamond", tr("score.twin"), dashed_from=0, width=2),
        ],
        years,
        (lo, hi),
        y_ticks=nice_ticks(lo, hi),
        label_lines=True,
        title=title,
    )


def draw_trajectories(surf, app, rect: pygame.Rect, title_suffix: str = "") -> None:
    """Every indicator per region type over the turns, against its vision target."""
    p, tp, tr, lab = app.pal, app.tp, app.tr, app.labels
    m = app.model
    hist = np.stack([r.x for r in history(app.session)])  # (turns+1, R, K)
    R, K = len(m.region_ids), len(m.indicator_ids)
    items = [(*region_marker(app, r), lab.region(r)) for r in range(R)]
    legend_h = _legend_h(app, items, rect.width)
    note_h = tp.line_height("tiny")
    grid = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h - note_h - app.px(10))
    cols = 3 if K > 4 else 2
    rows = math.ceil(K / cols)
    gap = app.px(12)
    cw = (grid.width - gap * (cols - 1)) // cols
    ch = (grid.height - gap * (rows - 1)) // rows
    years = [str(m.year_of(i)) for i in range(m.n_turns + 1)]
    for k in range(K):
        r_, c_ = divmod(k, cols)
        cell = pygame.Rect(grid.x + c_ * (cw + gap), grid.y + r_ * (ch + gap), cw, ch)
        inner = card(surf, app, cell, lab.indicator(k))
        vals = np.concatenate([hist[:, :, k].ravel(), m.target[:, k]])
        lo = max(0.0, math.floor((vals.min() - 3) / 10) * 10)
        hi = min(100.0, math.ceil((vals.max() + 3) / 10) * 10)
        series = []
        for r in range(R):
            shape, col = region_marker(app, r)
            series.append(Series(list(hist[:, r, k]), col, shape, lab.region(r), width=2))
        marks = [
            (float(m.target[r, k]), region_marker(app, r)[1], region_marker(app, r)[0])
            for r in range(R)
        ]
        line_chart(surf, app, inner, series, years, (lo, hi), y_ticks=2, end_marks=marks)
    y = grid.bottom + app.px(6)
    tp.line(surf, tr("traj.note"), pygame.Rect(rect.x, y, rect.width, note_h), "tiny", p.muted)
    marker_legend(
        surf, app, pygame.Rect(rect.x, y + note_h + app.px(4), rect.width, legend_h), items, "tiny"
    )


def _legend_h(app, items, width: int) -> int:
    tp = app.tp
    lh = tp.line_height("tiny")
    x, rows = 0, 1
    for _, _, label in items:
        w = int(lh * 0.9) + tp.width(label, "tiny") + app.px(18)
        if x + w > width and x > 0:
            rows += 1
            x = 0
        x += w
    return rows * lh


def network_legend(surf, app, rect: pygame.Rect) -> int:
    """Teams, kinds and edge meaning; returns the height used."""
    p, tr, lab = app.pal, app.tr, app.labels
    m = app.model
    items = [
        ("square", p.teams[j % len(p.teams)], f"{lab.team_letter(j)} {lab.team(j)}")
        for j in range(len(m.team_ids))
    ]
    items.append(("ring", p.bot, tr("net.bot")))
    if getattr(app.net_layout, "aggregated", False):  # a large network: bots in groups
        items.append(("ring", p.bot, tr("net.group")))
    items += [(KIND_SHAPES[k], p.muted, tr(f"kind.{k}")) for k in ("ministry", "region", "partner")]
    items += [("plus", p.good, tr("net.stronger")), ("cross", p.bad, tr("net.weaker"))]
    return marker_legend(surf, app, rect, items, "tiny")


def stats_text(app, trust, present) -> str:
    """Density, mean trust, the most central actors."""
    st = network_stats(app.model, trust, present)
    central = ", ".join(app.labels.actor_short(a) for a in st["central"])
    return app.tr(
        "net.stats",
        edges=st["edges"],
        density=app.tr.num(st["density"], 2),
        trust=app.tr.num(st["mean_trust"], 2),
        central=central,
    )


def draw_network_view(surf, app, rect: pygame.Rect) -> None:
    """The network now; this turn's changes highlighted once it is resolved."""
    p, tp = app.pal, app.tp
    s = app.session
    trust, present = network_now(s)
    legend_h = _legend_h_network(app, rect.width)
    stats_h = tp.line_height("small") * 2
    net = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h - stats_h - app.px(12))
    before = None
    res = s.last_result
    if res is not None and s.phase in ("resolution", "reflection"):
        before = (res.trust_before[0], res.trust_before[0] > 0)
    pygame.draw.rect(surf, p.panel, net, border_radius=app.px(10))
    draw_network(surf, app, net.inflate(-app.px(20), -app.px(20)), trust, present, before)
    y = net.bottom + app.px(6)
    tp.draw(
        surf,
        stats_text(app, trust, present),
        pygame.Rect(rect.x, y, rect.width, stats_h),
        "small",
        p.ink,
        max_lines=2,
    )
    network_legend(surf, app, pygame.Rect(rect.x, y + stats_h + app.px(6), rect.width, legend_h))


def _legend_h_network(app, width: int) -> int:
    m = app.model
    tr, lab = app.tr, app.labels
    items = [("", (0, 0, 0), f"{lab.team_letter(j)} {lab.team(j)}") for j in range(len(m.team_ids))]
    items += [("", (0, 0, 0), tr("net.bot"))]
    if getattr(app.net_layout, "aggregated", False):
        items += [("", (0, 0, 0), tr("net.group"))]
    items += [("", (0, 0, 0), tr(f"kind.{k}")) for k in ("ministry", "region", "partner")]
    items += [("", (0, 0, 0), tr("net.stronger")), ("", (0, 0, 0), tr("net.weaker"))]
    return _legend_h(app, items, width)


def draw_network_compare(surf, app, rect: pygame.Rect) -> None:
    """The network at the start of the game and at the end, side by side."""
    p, tp, tr = app.pal, app.tp, app.tr
    m = app.model
    g = app.session.game
    legend_h = _legend_h_network(app, rect.width)
    gap = app.px(14)
    top = pygame.Rect(rect.x, rect.y, rect.width, rect.height - legend_h - app.px(8))
    w = (top.width - gap) // 2
    panes = [
        (tr("net.start", year=m.start_year), g.trust_history[0], m.present0, None),
        (
            tr("net.end", year=m.year_of(min(len(g.trust_history) - 1, m.n_turns))),
            g.trust_history[-1],
            g.state.present[0],
            (g.trust_history[0], m.present0),
        ),
    ]
    for i, (title, trust, present, before) in enumerate(panes):
        pane = pygame.Rect(top.x + i * (w + gap), top.y, w, top.height)
        inner = card(surf, app, pane, title)
        stats_h = tp.line_height("small") * 2
        net = pygame.Rect(inner.x, inner.y, inner.width, inner.height - stats_h - app.px(6))
        draw_network(surf, app, net, trust, present, before, changes=10)
        tp.draw(
            surf,
            stats_text(app, trust, present),
            pygame.Rect(inner.x, net.bottom + app.px(6), inner.width, stats_h),
            "small",
            p.ink,
            max_lines=2,
        )
    network_legend(surf, app, pygame.Rect(rect.x, top.bottom + app.px(8), rect.width, legend_h))


def log_rows(app) -> list[tuple[str, str, str, int]]:
    """The decision log as (when, who, what, team index or -1), turn by turn."""
    tr, lab = app.tr, app.labels
    m = app.model
    s = app.session
    rows: list[tuple[str, str, str, int]] = []
    played = history(s)[1:]  # the turns played, each with its decisions and result
    by_turn: dict[int, list[dict]] = {}
    for e in s.log:
        by_turn.setdefault(int(e.get("turn", 0)), []).append(e)
    for t in range(max(len(played), s.turn + 1)):
        if t >= m.n_turns and t not in by_turn:
            break
        when = f"{m.year_of(min(t, m.n_turns))}"
        if t < len(played):
            rows += decision_rows(app, t, when)
        for e in by_turn.get(t, []):
            kind = e.get("type")
            if kind in ("advance", "allocate", "vote", "endorse", "decide"):
                continue  # the decisions themselves come from the game's record above
            team = e.get("team")
            j = m.team_ids.index(team) if team in m.team_ids else -1
            who = lab.team(j) if j >= 0 else tr("log.facilitator")
            rows.append((when, who, describe_command(app, e), j))
        if t < len(played) and played[t].result is not None:
            res = played[t].result
            for i in np.flatnonzero(res.chosen[0] >= 0):
                rows.append(
                    (
                        when,
                        tr("log.all"),
                        tr(
                            "res.dilemma",
                            title=lab.event_title(i),
                            option=lab.option(i, int(res.chosen[0, i])),
                        ),
                        -1,
                    )
                )
            for q in np.flatnonzero(res.started[0]):
                rows.append(
                    (when, tr("log.all"), tr("res.pkg_started", title=lab.package_title(q)), -1)
                )
            for q in np.flatnonzero(res.lapsed[0]):
                rows.append(
                    (when, tr("log.all"), tr("res.pkg_lapsed", title=lab.package_title(q)), -1)
                )
            for j in range(len(m.team_ids)):
                n = int(res.broken[0, j].sum())
                if n:
                    rows.append((when, lab.team(j), tr("res.broken", team=lab.team(j), n=n), j))
    return rows


def decision_rows(app, t: int, when: str) -> list[tuple[str, str, str, int]]:
    """What every team (people and bots) decided in turn t: its split, pledges and votes."""
    lab, m = app.labels, app.model
    record = history(app.session)[t + 1]
    dec = record.decisions
    fired = record.result.fired[0] if record.result is not None else None
    s, tr = app.session, app.tr
    rows = []

    def said(text: str, kind: str, h) -> str:
        # what a people's team left undecided says what happened instead of crediting it
        note = how_text(tr, kind, h, first_turn=t == 0)
        return f"{note}: {text}" if note else text

    for j in range(len(m.team_ids)):
        shares = {m.theme_ids[k]: float(v) for k, v in enumerate(dec.shares[0, j])}
        pledges = {m.package_ids[k]: float(v) for k, v in enumerate(dec.pledges[0, j]) if v > 0}
        cmd = {"type": "allocate", "shares": shares, "pledges": pledges}
        alloc = team_how(s, t, j, "allocation")
        rows.append((when, lab.team(j), said(describe_command(app, cmd), "allocation", alloc), j))
        for i, ev in enumerate(m.events):
            if not (ev.is_dilemma and fired is not None and fired[i]):
                continue
            o, h = int(dec.votes[0, j, i]), team_how(s, t, j, "votes", i)
            if o >= 0:
                vote = {"type": "vote", "event": ev.id, "option": ev.options[o]}
                rows.append((when, lab.team(j), said(describe_command(app, vote), "votes", h), j))
            elif not h.own:
                text = f"{lab.event_title(i)}: {how_text(tr, 'votes', h)}"
                rows.append((when, lab.team(j), text, j))
        if t == 0 and dec.endorse is not None:
            cmd = {"type": "endorse", "signs": bool(dec.endorse[0, j])}
            h = team_how(s, t, j, "vision")
            text = describe_command(app, cmd) if h.own else how_text(tr, "vision", h)
            rows.append((when, lab.team(j), text, j))
    return rows


def describe_command(app, e: dict) -> str:
    """A command from the log in words."""
    tr, lab = app.tr, app.labels
    m = app.model
    kind = e.get("type")
    if kind == "vote":
        i = m.event_ids.index(e["event"])
        o = m.events[i].options.index(e["option"])
        return tr("log.vote", title=lab.event_title(i), option=lab.option(i, o))
    if kind == "allocate":
        shares = e.get("shares") or {}
        top = sorted(shares.items(), key=lambda kv: -kv[1])[:2]
        themes = ", ".join(f"{lab.theme(m.theme_ids.index(t))} {tr.pct(v)}" for t, v in top)
        pledged = sum((e.get("pledges") or {}).values())
        return tr("log.allocate", themes=themes, pledged=tr.num(pledged))
    if kind == "endorse":
        return tr("log.endorse_yes" if e.get("signs") else "log.endorse_no")
    if kind in ("inject", "cancel"):
        i = m.event_ids.index(e["event"])
        return tr(f"log.{kind}", title=lab.event_title(i))
    return tr(f"log.{kind}")


def draw_log(surf, app, rect: pygame.Rect, offset: int = 0) -> int:
    """The decision log from row `offset`; returns how many rows fit."""
    p, tp, tr = app.pal, app.tp, app.tr
    rows = log_rows(app)
    inner = card(surf, app, rect)
    lh = tp.line_height("small")
    head = pygame.Rect(inner.x, inner.y, inner.width, lh)
    cw = [int(inner.width * 0.1), int(inner.width * 0.26)]
    tp.line(surf, tr("log.when"), pygame.Rect(head.x, head.y, cw[0], lh), "smallb", p.muted)
    tp.line(surf, tr("log.who"), pygame.Rect(head.x + cw[0], head.y, cw[1], lh), "smallb", p.muted)
    tp.line(
        surf,
        tr("log.what"),
        pygame.Rect(head.x + cw[0] + cw[1], head.y, inner.width - cw[0] - cw[1], lh),
        "smallb",
        p.muted,
    )
    y = head.bottom + app.px(6)
    # a row is one line, or two when a decision needs them (a sentence with its numbers),
    # in the smaller text when even two lines of the usual one are not enough
    what_w = inner.right - inner.x - cw[0] - cw[1]
    role, lines = "small", 1
    for r in rows:
        n = len(tp.wrap(r[2], "small", what_w))
        if n > 1:
            lines = 2
        if n > 2:
            role = "tiny"
    row_h = lines * tp.line_height(role) + app.px(6)
    fit = max(1, (inner.bottom - y - lh) // row_h)
    if not rows:
        tp.draw(
            surf, tr("log.empty"), pygame.Rect(inner.x, y, inner.width, lh * 2), "body", p.muted
        )
        return fit
    shown = rows[offset : offset + fit]
    for i, (when, who, what, j) in enumerate(shown):
        r = pygame.Rect(inner.x, y + i * row_h, inner.width, row_h)
        if (offset + i) % 2 == 0:
            pygame.draw.rect(surf, p.panel_alt, r)
        tp.line(
            surf,
            when,
            pygame.Rect(r.x + app.px(6), r.y, cw[0] - app.px(6), r.height),
            "small",
            p.ink,
        )
        x = r.x + cw[0]
        if j >= 0:
            s = lh - app.px(4)
            team_tag(surf, app, pygame.Rect(x, r.centery - s // 2, s, s), j)
            tp.line(
                surf,
                who,
                pygame.Rect(x + s + app.px(6), r.y, cw[1] - s - app.px(12), r.height),
                "small",
                p.ink,
            )
        else:
            tp.line(surf, who, pygame.Rect(x, r.y, cw[1] - app.px(6), r.height), "small", p.muted)
        tp.draw(
            surf,
            what,
            pygame.Rect(x + cw[1], r.y, inner.right - x - cw[1], r.height),
            role,
            p.ink,
            valign="middle",
            max_lines=lines,
        )
    more = tr("log.rows", first=offset + 1, last=offset + len(shown), total=len(rows))
    tp.line(
        surf,
        more,
        pygame.Rect(inner.x, inner.bottom - lh, inner.width, lh),
        "tiny",
        p.muted,
        "right",
    )
    return fit
