"""The actor network: a stable layout computed once, and its drawing.

Nodes are actors: the fill is the team's colour with the team's letter inside (bots are
hollow and grey), the shape is the kind (ministry square, region circle, partner
diamond). Edge width is trust. Edges that changed this turn are coloured and tagged
with + or −, so the change reads without colour too.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pygame

from game.sim.model import KINDS
from game.ui.kept import draw_kept
from game.ui.theme import KIND_SHAPES, draw_marker, mix, readable_on

LAYOUT_SEED = 2040
CROWDED = 60  # actors above which bots are drawn as small dots and their ties faint


class NetworkLayout:
    """Node positions in 0..1, computed once per game with a fixed seed."""

    def __init__(self, model):
        A = len(model.actor_ids)
        g = nx.Graph()
        g.add_nodes_from(range(A))
        for e in np.flatnonzero(model.present0):
            a, b = int(model.edge_a[e]), int(model.edge_b[e])
            g.add_edge(a, b, weight=0.5 + float(model.trust0[e]))
        # pull each team's actors together a little, so teams read as groups
        for j in range(len(model.team_ids)):
            members = [int(a) for a in np.flatnonzero(model.actor_team == j)]
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    w = g.edges[a, b]["weight"] if g.has_edge(a, b) else 0.0
                    g.add_edge(a, b, weight=w + 0.6)
        start = nx.circular_layout(g)
        pos = nx.spring_layout(
            g,
            pos=start,
            seed=LAYOUT_SEED,
            iterations=200,
            weight="weight",
            k=1.6 / np.sqrt(max(A, 1)),
        )
        xy = np.array([pos[i] for i in range(A)], dtype=float)
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = float(max((hi - lo).max(), 1e-9))
        # one scale for both axes keeps the shape; the narrower axis is centred
        self.pos = (xy - lo) / span + (1.0 - (hi - lo) / span) / 2

    def points(self, rect: pygame.Rect, pad: int) -> np.ndarray:
        """Node centres in a rect (A, 2). The layout is stretched toward the rect's shape,
        at most 3:1, so a wide panel on a projector spreads the nodes out instead of
        leaving its sides empty.
        """
        inner = rect.inflate(-2 * pad, -2 * pad)
        s = min(inner.width, inner.height)
        sx = min(inner.width, 3.0 * s)
        sy = min(inner.height, 3.0 * s)
        x0 = inner.x + (inner.width - sx) / 2
        y0 = inner.y + (inner.height - sy) / 2
        return np.column_stack([x0 + self.pos[:, 0] * sx, y0 + self.pos[:, 1] * sy])


def draw_network(
    surf: pygame.Surface,
    app,
    rect: pygame.Rect,
    trust: np.ndarray,
    present: np.ndarray,
    before: tuple[np.ndarray, np.ndarray] | None = None,
    progress: float = 1.0,
    labels: bool = True,
    changes: int = 8,
) -> None:
    """Draw the network in `rect`; with `before`, edges between the two states by
    `progress` and this turn's biggest changes highlighted. A drawing is kept and blitted
    again while nothing it shows changes (thousands of edges at municipal scale).
    """
    key = (
        getattr(app, "version", None), app.net_layout, trust.tobytes(), present.tobytes(),
        None if before is None else (before[0].tobytes(), before[1].tobytes()),
        progress, labels, changes,
    )  # fmt: skip
    draw_kept(
        app,
        ("network", tuple(rect)),
        key,
        surf,
        rect,
        lambda: _draw_network(surf, app, rect, trust, present, before, progress, labels, changes),
    )


def _draw_network(surf, app, rect, trust, present, before, progress, labels, changes) -> None:
    p, tp, m = app.pal, app.tp, app.model
    layout: NetworkLayout = app.net_layout
    scale = max(0.45, min(rect.width / 900, rect.height / 700)) * app.ui_scale
    r = max(6, round(17 * scale))
    label_h = tp.line_height("tiny")
    pts = layout.points(rect, r + label_h)
    if before is not None:
        t0, p0 = before
        shown_t = t0 + (trust - t0) * progress
        shown_p = present | p0
    else:
        shown_t, shown_p = trust, present
    # a crowded network (municipal scale) keeps the played actors readable: bots become
    # small dots and their ties thin lines under everything else
    bot = m.actor_team < 0
    crowded = len(m.actor_ids) > CROWDED
    # edges, weakest first so strong ties are on top
    order = np.argsort(shown_t)
    base = mix(p.panel, p.muted, 0.55)
    if crowded:
        faint = mix(p.panel, p.muted, 0.2)
        to_bot = bot[m.edge_a] | bot[m.edge_b]
        order = np.concatenate([order[to_bot[order]], order[~to_bot[order]]])
    for e in order:
        if not shown_p[e] or shown_t[e] <= 0.0:
            continue
        a, b = m.edge_a[e], m.edge_b[e]
        if crowded and to_bot[e]:  # one pixel, fainter still between two bots
            pygame.draw.line(surf, faint if bot[a] and bot[b] else base, pts[a], pts[b], 1)
            continue
        w = max(1, round((1 + shown_t[e] * 9) * scale))
        pygame.draw.line(surf, base, pts[a], pts[b], w)
    tagged = []
    if before is not None and changes:
        diff = np.where(present | before[1], trust - before[0], 0.0)
        big = [e for e in np.argsort(-np.abs(diff)) if abs(diff[e]) >= 0.015][:changes]
        for e in big:
            a, b = m.edge_a[e], m.edge_b[e]
            col = p.good if diff[e] > 0 else p.bad
            w = max(2, round((1 + shown_t[e] * 9) * scale))
            pygame.draw.line(surf, col, pts[a], pts[b], w)
            tagged.append((e, diff[e]))
    # nodes
    for a in range(len(m.actor_ids)):
        shape = KIND_SHAPES[KINDS[int(m.actor_kind[a])]]
        j = int(m.actor_team[a])
        x, y = pts[a]
        if j >= 0:
            col = p.teams[j % len(p.teams)]
            draw_marker(surf, shape, (x, y), r, col, outline=p.ink)
            if r >= 9:
                _letter(surf, app, app.labels.team_letter(j), (x, y), r, readable_on(col))
        elif crowded:
            pygame.draw.circle(surf, p.bot, (x, y), max(2, r // 4))
        else:
            draw_marker(surf, shape, (x, y), r, p.panel, outline=p.bot)
    # change tags at edge midpoints
    for e, d in tagged:
        a, b = m.edge_a[e], m.edge_b[e]
        mx, my = (pts[a] + pts[b]) / 2
        tag = "+" if d > 0 else "−"
        tr = max(8, round(11 * scale))
        col = p.good if d > 0 else p.bad
        pygame.draw.circle(surf, p.panel, (mx, my), tr)
        pygame.draw.circle(surf, col, (mx, my), tr, 2)
        _letter(surf, app, tag, (mx, my), tr, col)
    if labels:
        # played actors are labelled first, so they win the free spots
        first = np.argsort(bot, kind="stable")
        _labels(surf, app, rect, pts, r, label_h, first, small=bot if crowded else None)


def _letter(surf, app, s: str, center, r: float, color) -> None:
    img = app.tp.render(s, "tinyb", color)
    surf.blit(img, img.get_rect(center=(round(center[0]), round(center[1]))))


def _labels(
    surf,
    app,
    rect: pygame.Rect,
    pts: np.ndarray,
    r: int,
    lh: int,
    order: np.ndarray,
    small: np.ndarray | None = None,
) -> None:
    """Short names beside nodes, in `order`, placed where they overlap no other label or
    node (nodes marked `small` are drawn as dots and take less room).
    """
    tp, p = app.tp, app.pal
    size = np.full(len(pts), r)
    if small is not None:
        size[small] = max(2, r // 4)
    taken = [
        pygame.Rect(int(x - s), int(y - s), 2 * s, 2 * s)
        for (x, y), s in zip(pts, size, strict=True)
    ]
    for a in order:
        name = app.labels.actor_short(a)
        w = min(tp.width(name, "tiny"), int(rect.width * 0.22))
        x, y = pts[a]
        ra = int(size[a])
        spots = [
            pygame.Rect(int(x - w / 2), int(y + ra + 1), w, lh),
            pygame.Rect(int(x - w / 2), int(y - ra - lh - 1), w, lh),
            pygame.Rect(int(x + ra + 3), int(y - lh / 2), w, lh),
            pygame.Rect(int(x - ra - 3 - w), int(y - lh / 2), w, lh),
        ]
        for box in spots:
            if rect.contains(box) and box.collidelist(taken) < 0:
                bg = box.inflate(app.px(6), 0)
                pygame.draw.rect(surf, p.panel, bg, border_radius=app.px(4))
                tp.line(surf, name, box, "tiny", p.ink, "center")
                taken.append(box)
                break


_STATS_KEPT: dict[tuple, tuple] = {}  # (model id, trust, present) -> (model, stats)


def network_stats(model, trust: np.ndarray, present: np.ndarray) -> dict:
    """Density, mean trust and the most central actors (weighted degree) of a state; kept
    per state, since screens ask for them on every frame.
    """
    key = (id(model), trust.tobytes(), present.tobytes())
    hit = _STATS_KEPT.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    if len(_STATS_KEPT) > 16:
        _STATS_KEPT.clear()
    stats = _network_stats(model, trust, present)
    _STATS_KEPT[key] = (model, stats)
    return stats


def _network_stats(model, trust: np.ndarray, present: np.ndarray) -> dict:
    g = nx.Graph()
    g.add_nodes_from(range(len(model.actor_ids)))
    for e in np.flatnonzero(present & (trust > 0)):
        g.add_edge(int(model.edge_a[e]), int(model.edge_b[e]), weight=float(trust[e]))
    deg = dict(g.degree(weight="weight"))
    top = sorted(deg, key=lambda a: -deg[a])[:3]
    on = present & (trust > 0)
    return {
        "edges": int(on.sum()),
        "density": nx.density(g),
        "mean_trust": float(trust[on].mean()) if on.any() else 0.0,
        "central": top,
        "communities": len(list(nx.connected_components(g))),
    }
