"""The actor network: a stable layout computed once, and its drawing.

Nodes are actors: the fill is the team's colour with the team's letter inside (bots are
hollow and grey), the shape is the kind (ministry square, region circle, partner
diamond). Edge width is trust. Edges that changed this turn are coloured and tagged
with + or −, so the change reads without colour too.

A large network (more than `EXACT` actors, up to the 5,000 a scenario may have) is laid
out aggregated: the actors teams play keep their own places, and the bots are gathered
into one group per kind and main region type (the municipalities of the rural heartland,
say), each drawn as a bubble with its number of actors; ties to and between groups are
drawn as one line per pair, as wide as their mean trust. The layout is a force layout
of our own on numpy over that small graph (networkx's spring layout needs SciPy from
500 nodes on), so it takes a fraction of a second at any size and is the same every time.
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
PLAYED_ROOM = 40  # played actors above which their markers shrink (at most 283 are played)
EXACT = 400  # actors up to which each has its own place (networkx, numpy only below 500)
GROUP_SPAN = 0.12  # radius of the largest group of bots, in layout units (0..1)
GOLDEN = np.pi * (3.0 - np.sqrt(5.0))  # the sunflower's angle between bots of a group


class NetworkLayout:
    """Node positions in 0..1, computed once per game with a fixed seed.

    For more than `EXACT` actors, `groups` holds the bots' groups (see the module's
    docstring): `group` (A,) is each actor's group or -1 for a played actor (or a bot
    alone in its group), `group_pos` (G, 2), `group_size` (G,), `group_kind` (G,) and
    `group_region` (G,) (-1: an even reach) describe them, and `pair` (E,) gives each
    candidate edge the aggregated tie it is drawn in (-1: drawn on its own, or inside
    a group), with `pair_a`, `pair_b` the ends of each aggregated tie as node indices
    (actor index, or A + group).
    """

    def __init__(self, model):
        A = len(model.actor_ids)
        self.n_groups = 0
        self.group = np.full(A, -1, dtype=np.int64)
        if A > EXACT:
            self.pos = self._aggregated(model)
            return
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
        self.pos = _unit(np.array([pos[i] for i in range(A)], dtype=float))

    def _aggregated(self, model) -> np.ndarray:
        """Played actors and groups of bots laid out together; each bot in its group's
        disc (a sunflower: even density, the same every time).
        """
        A = len(model.actor_ids)
        bot = model.actor_team < 0
        reach = model.reach
        even = reach.max(axis=1) - reach.min(axis=1) < 1e-9
        region = np.where(even, -1, reach.argmax(axis=1))
        keys = model.actor_kind.astype(np.int64) * (reach.shape[1] + 1) + region + 1
        uniq, inv, counts = np.unique(keys[bot], return_inverse=True, return_counts=True)
        bots = np.flatnonzero(bot)
        big = counts[inv] > 1  # a bot alone in its group keeps its own place
        G = int((counts > 1).sum())
        renum = np.cumsum(counts > 1) - 1
        self.group[bots[big]] = renum[inv[big]]
        self.n_groups = G
        kept = counts > 1
        self.group_size = counts[kept]
        self.group_kind = (uniq[kept] // (reach.shape[1] + 1)).astype(np.int64)
        self.group_region = (uniq[kept] % (reach.shape[1] + 1) - 1).astype(np.int64)
        # the layout's nodes: every actor not in a group, then the groups
        single = np.flatnonzero(self.group < 0)
        node_of = np.empty(A, dtype=np.int64)
        node_of[single] = np.arange(len(single))
        grouped = self.group >= 0
        node_of[grouped] = len(single) + self.group[grouped]
        n = len(single) + G
        ea, eb = node_of[model.edge_a], node_of[model.edge_b]
        on = model.present0 & (ea != eb)
        w = np.zeros((n, n))
        np.add.at(w, (ea[on], eb[on]), 0.5 + model.trust0[on])
        w = w + w.T
        tied = w > 0  # a group's hundreds of ties pull a little more than one, not crush
        w[tied] = 0.5 + 0.5 * np.log1p(w[tied])
        for j in range(len(model.team_ids)):
            members = node_of[model.actor_team == j]
            w[np.ix_(members, members)] += 0.6
        np.fill_diagonal(w, 0.0)
        angle = 2 * np.pi * np.arange(n) / max(n, 1)
        start = np.column_stack([np.cos(angle), np.sin(angle)])
        # a group takes room by its number of actors
        mass = np.ones(n)
        mass[len(single) :] = 1.0 + 3.0 * np.sqrt(self.group_size / self.group_size.max())
        its = 200 if n <= 200 else 120
        node_pos = spring(w, start, k=1.6 / np.sqrt(n), iterations=its, mass=mass)
        # each group's disc, its area by its number of actors, clear of the other nodes
        span = np.ptp(node_pos, axis=0).max() if n > 1 else 1.0
        self.group_radius = GROUP_SPAN * span * np.sqrt(self.group_size / self.group_size.max())
        room = np.concatenate([np.full(len(single), 0.02 * span), self.group_radius])
        node_pos = separate(node_pos, room + 0.01 * span)
        pos = np.empty((A, 2))
        pos[single] = node_pos[: len(single)]
        self.group_pos = node_pos[len(single) :]
        self.offset = np.zeros((A, 2))  # a grouped bot's place in its disc (radius 1)
        for gi in range(G):
            members = np.flatnonzero(self.group == gi)
            k = np.arange(len(members))
            r = 0.92 * np.sqrt((k + 0.5) / len(members))
            self.offset[members] = np.column_stack([r * np.cos(k * GOLDEN), r * np.sin(k * GOLDEN)])
            pos[members] = self.group_pos[gi] + self.offset[members] * self.group_radius[gi]
        # the aggregated ties: one per pair of nodes with a bot group at one end
        ga, gb = self.group[model.edge_a], self.group[model.edge_b]
        na = np.where(ga >= 0, A + ga, model.edge_a)
        nb = np.where(gb >= 0, A + gb, model.edge_b)
        lo, hi = np.minimum(na, nb), np.maximum(na, nb)
        agg = ((ga >= 0) | (gb >= 0)) & (lo != hi)
        pairs, pair = np.unique(lo[agg] * (A + G) + hi[agg], return_inverse=True)
        self.pair = np.full(len(model.edge_a), -1, dtype=np.int64)
        self.pair[agg] = pair
        self.pair_a, self.pair_b = pairs // (A + G), pairs % (A + G)
        whole = _unit(np.vstack([pos, self.group_pos + self.group_radius[:, None],
                                 self.group_pos - self.group_radius[:, None]]))  # fmt: skip
        self.group_pos = whole[A : A + G] / 2 + whole[A + G :] / 2
        self.group_radius = (whole[A : A + G] - whole[A + G :])[:, 0] / 2
        return whole[:A]

    @property
    def aggregated(self) -> bool:
        """Whether bots are drawn as groups."""
        return self.n_groups > 0

    def points(self, rect: pygame.Rect, pad: int, least: float = 0.0) -> np.ndarray:
        """Node centres in a rect (A, 2). The layout is stretched toward the rect's shape,
        at most 3:1, so a wide panel on a projector spreads the nodes out instead of
        leaving its sides empty; a grouped bot stays inside its group's round bubble
        (radius at least `least`).
        """
        pts = self._place(self.pos, rect, pad)
        if self.aggregated:
            gc, gr = self.group_points(rect, pad, least)
            g = self.group[self.group >= 0]
            pts[self.group >= 0] = gc[g] + self.offset[self.group >= 0] * gr[g, None]
        return pts

    def group_points(
        self, rect: pygame.Rect, pad: int, least: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """The groups' centres (G, 2) and radii (G,) in a rect, as `points` places nodes
        (a stretched disc keeps its smaller radius, and at least `least`).
        """
        c = self._place(self.group_pos, rect, pad)
        edge = self._place(self.group_pos + self.group_radius[:, None], rect, pad)
        return c, np.maximum(np.abs(edge - c).min(axis=1), least)

    @staticmethod
    def _place(pos: np.ndarray, rect: pygame.Rect, pad: int) -> np.ndarray:
        inner = rect.inflate(-2 * pad, -2 * pad)
        s = min(inner.width, inner.height)
        sx = min(inner.width, 3.0 * s)
        sy = min(inner.height, 3.0 * s)
        x0 = inner.x + (inner.width - sx) / 2
        y0 = inner.y + (inner.height - sy) / 2
        return np.column_stack([x0 + pos[:, 0] * sx, y0 + pos[:, 1] * sy])


def _unit(xy: np.ndarray) -> np.ndarray:
    """Positions scaled into 0..1, one scale for both axes (the narrower one centred)."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = float(max((hi - lo).max(), 1e-9))
    return (xy - lo) / span + (1.0 - (hi - lo) / span) / 2


def separate(pos: np.ndarray, radius: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Push apart discs that overlap (each pair by half its overlap a round), so that no
    group's bubble covers another node.
    """
    pos = pos.copy()
    need = radius[:, None] + radius[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        over = np.clip(need - dist, 0.0, None)
        if over.max() < 1e-9:
            break
        unit = delta / np.maximum(dist, 1e-9)[:, :, None]
        pos += (unit * (over / 2)[:, :, None]).sum(axis=1) * 0.5
    return pos


def spring(
    w: np.ndarray, pos: np.ndarray, k: float, iterations: int, mass: np.ndarray | None = None
) -> np.ndarray:
    """Fruchterman–Reingold force layout on numpy (as networkx's dense one): nodes repel
    as k²·mᵢ·mⱼ/d (`mass`, 1 by default: a big group of bots needs more room), ties of
    weight w pull as w·d²/k, and each step moves a node at most by a temperature that
    cools linearly from a tenth of the layout's width. O(n²) a step, for the few hundred
    nodes of an aggregated network; deterministic from `pos`.
    """
    pos = pos.astype(float).copy()
    n = len(pos)
    if n < 2:
        return pos
    m = np.ones(n) if mass is None else np.asarray(mass, dtype=float)
    mm = m[:, None] * m[None, :]
    t = float(np.ptp(pos, axis=0).max()) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.clip(dist, 0.01, None, out=dist)
        force = k * k * mm / dist**2 - w * dist / k
        disp = np.einsum("ijk,ij->ik", delta, force)
        length = np.clip(np.sqrt((disp**2).sum(axis=-1)), 0.01, None)
        pos += disp * (t / length)[:, None]
        t -= dt
    return pos


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


def marker_radius(app, rect: pygame.Rect) -> int:
    """A played actor's marker radius in `rect`: smaller when teams play many actors
    (past `PLAYED_ROOM`, so that their markers and names still find room).
    """
    scale = max(0.45, min(rect.width / 900, rect.height / 700)) * app.ui_scale
    r = max(6, round(17 * scale))
    played = int((app.model.actor_team >= 0).sum())
    if played > PLAYED_ROOM:
        r = max(6, round(r * (PLAYED_ROOM / played) ** 0.5))
    return r


def _draw_network(surf, app, rect, trust, present, before, progress, labels, changes) -> None:
    p, tp, m = app.pal, app.tp, app.model
    layout: NetworkLayout = app.net_layout
    scale = max(0.45, min(rect.width / 900, rect.height / 700)) * app.ui_scale
    r = marker_radius(app, rect)
    label_h = tp.line_height("tiny")
    pts = layout.points(rect, r + label_h)
    if before is not None:
        t0, p0 = before
        shown_t = t0 + (trust - t0) * progress
        shown_p = present | p0
    else:
        shown_t, shown_p = trust, present
    if layout.aggregated:
        _draw_aggregated(surf, app, rect, trust, shown_t, shown_p, before, labels, changes)
        return
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
        _tag(surf, app, (pts[a] + pts[b]) / 2, d, scale)
    if labels:
        # played actors are labelled first, so they win the free spots
        first = np.argsort(bot, kind="stable")
        size = np.full(len(pts), r)
        if crowded:  # bots are dots and take less room
            size[bot] = max(2, r // 4)
        taken = [
            pygame.Rect(int(x - s), int(y - s), 2 * s, 2 * s)
            for (x, y), s in zip(pts, size, strict=True)
        ]
        names = [app.labels.actor_short(a) for a in first]
        _labels(surf, app, rect, pts[first], size[first], label_h, names, taken)


def _draw_aggregated(surf, app, rect, trust, shown_t, shown_p, before, labels, changes) -> None:
    """A large network: played actors as in a small one, bots gathered into their groups'
    bubbles, and one line for all the ties of a pair of nodes with a group at one end.
    """
    p, m, px = app.pal, app.model, app.px
    layout: NetworkLayout = app.net_layout
    scale = max(0.45, min(rect.width / 900, rect.height / 700)) * app.ui_scale
    r = marker_radius(app, rect)
    label_h = app.tp.line_height("tiny")
    pts = layout.points(rect, r + label_h, least=r * 0.8)
    gc, gr = layout.group_points(rect, r + label_h, least=r * 0.8)
    A = len(m.actor_ids)
    nodes = np.vstack([pts, gc])  # an actor's index, or A + its group's
    on = shown_p & (shown_t > 0.0)
    # the aggregated ties, weakest first: as wide as their mean trust
    sel = on & (layout.pair >= 0)
    n_pairs = len(layout.pair_a)
    count = np.bincount(layout.pair[sel], minlength=n_pairs)
    mean = np.bincount(layout.pair[sel], weights=shown_t[sel], minlength=n_pairs)
    mean = mean / np.maximum(count, 1)
    faint = mix(p.panel, p.muted, 0.3)
    for k in np.argsort(mean):
        if count[k]:
            w = max(1, round((1 + mean[k] * 6) * scale))
            pygame.draw.line(surf, faint, nodes[layout.pair_a[k]], nodes[layout.pair_b[k]], w)
    # ties between nodes of their own, strong ones on top
    alone = layout.group < 0
    bot = m.actor_team < 0
    own = on & (layout.pair < 0) & alone[m.edge_a] & alone[m.edge_b]
    base = mix(p.panel, p.muted, 0.55)
    for e in np.flatnonzero(own)[np.argsort(shown_t[own])]:
        a, b = m.edge_a[e], m.edge_b[e]
        if bot[a] or bot[b]:
            pygame.draw.line(surf, base, pts[a], pts[b], 1)
        else:
            pygame.draw.line(
                surf, base, pts[a], pts[b], max(1, round((1 + shown_t[e] * 9) * scale))
            )
    # the groups' bubbles, with their bots as dots and their number
    fill, dot = mix(p.panel, p.bot, 0.1), mix(p.panel, p.bot, 0.55)
    grouped = np.flatnonzero(~alone)
    for g in range(layout.n_groups):
        pygame.draw.circle(surf, fill, gc[g], gr[g])
    for a in grouped:
        surf.fill(dot, (round(pts[a][0]), round(pts[a][1]), 1, 1))
    for g in range(layout.n_groups):
        pygame.draw.circle(surf, p.bot, gc[g], gr[g], max(1, px(2)))
        n = app.tr.num(int(layout.group_size[g]), 0)
        if app.tp.width(n, "tinyb") < 1.8 * gr[g]:
            _letter(surf, app, n, gc[g], gr[g], p.ink)
    # this turn's biggest changes, between their ends' nodes
    tagged = []
    if before is not None and changes:
        ends = np.where(alone, np.arange(A), A + layout.group)
        # a tie inside a group is not drawn, so its change is not either
        seen = shown_p & (ends[m.edge_a] != ends[m.edge_b])
        diff = np.where(seen, trust - before[0], 0.0)
        big = [e for e in np.argsort(-np.abs(diff)) if abs(diff[e]) >= 0.015][:changes]
        for e in big:
            a, b = ends[m.edge_a[e]], ends[m.edge_b[e]]
            col = p.good if diff[e] > 0 else p.bad
            w = max(2, round((1 + shown_t[e] * 9) * scale))
            pygame.draw.line(surf, col, nodes[a], nodes[b], w)
            tagged.append((nodes[a], nodes[b], diff[e]))
    # played actors (and bots alone in their group)
    for a in np.flatnonzero(alone):
        j = int(m.actor_team[a])
        if j >= 0:
            shape = KIND_SHAPES[KINDS[int(m.actor_kind[a])]]
            col = p.teams[j % len(p.teams)]
            draw_marker(surf, shape, pts[a], r, col, outline=p.ink)
            if r >= 9:
                _letter(surf, app, app.labels.team_letter(j), pts[a], r, readable_on(col))
        else:
            pygame.draw.circle(surf, p.bot, pts[a], max(2, r // 4))
    for pa, pb, d in tagged:
        _tag(surf, app, (pa + pb) / 2, d, scale)
    if not labels:
        return
    singles = np.flatnonzero(alone)
    first = singles[np.argsort(bot[singles], kind="stable")]  # played actors first
    size = np.where(bot, max(2, r // 4), r)
    taken = [
        pygame.Rect(int(pts[a][0] - size[a]), int(pts[a][1] - size[a]), 2 * size[a], 2 * size[a])
        for a in singles
    ]
    names = [app.labels.actor_short(a) for a in first]
    _labels(surf, app, rect, pts[first], size[first], label_h, names, taken)
    # the groups, the biggest first: what kind of actors of which region type, in the
    # bubble under its number when it is wide enough, else beside it
    bubbles = len(taken)
    for (x, y), rad in zip(gc, gr, strict=True):
        taken.append(pygame.Rect(int(x - rad), int(y - rad), int(2 * rad), int(2 * rad)))
    for g in np.argsort(-layout.group_size, kind="stable"):
        name = group_name(app, g)
        (x, y), rad = gc[g], int(gr[g])
        spots = _spots(app, x, y, rad, label_h, name, rect)
        if rad >= 2 * label_h:  # a big bubble: inside it, under its number (cut to fit)
            w = min(app.tp.width(name, "tiny"), int(1.6 * rad))
            spots.append(pygame.Rect(int(x - w / 2), int(y + label_h * 0.7), w, label_h))
        _place_label(surf, app, rect, spots, name, taken, own=bubbles + int(g))


def group_name(app, g: int) -> str:
    """'rural heartland · partner' for a group of bots (the region type first: it is what
    tells the groups apart when the name is cut).
    """
    lay = app.net_layout
    kind = app.tr(f"kind.{KINDS[int(lay.group_kind[g])]}")
    r = int(lay.group_region[g])
    return f"{app.labels.region(r) if r >= 0 else app.tr('net.everywhere')} · {kind}"


def _tag(surf, app, at, d: float, scale: float) -> None:
    """A + or − at an edge's midpoint."""
    p = app.pal
    tr = max(8, round(11 * scale))
    col = p.good if d > 0 else p.bad
    pygame.draw.circle(surf, p.panel, at, tr)
    pygame.draw.circle(surf, col, at, tr, 2)
    _letter(surf, app, "+" if d > 0 else "−", at, tr, col)


def _letter(surf, app, s: str, center, r: float, color) -> None:
    img = app.tp.render(s, "tinyb", color)
    surf.blit(img, img.get_rect(center=(round(center[0]), round(center[1]))))


def _labels(
    surf,
    app,
    rect: pygame.Rect,
    pts: np.ndarray,
    size: np.ndarray,
    lh: int,
    names: list[str],
    taken: list[pygame.Rect],
) -> None:
    """Names beside nodes of the given sizes (radii), in the order given, each placed
    where it overlaps nothing in `taken` (to which it is added).
    """
    for (x, y), ra, name in zip(pts, size, names, strict=True):
        _place_label(surf, app, rect, _spots(app, x, y, int(ra), lh, name, rect), name, taken)


def _spots(app, x: float, y: float, ra: int, lh: int, name: str, rect) -> list[pygame.Rect]:
    """Where a node's name may go: below, above, right, left of it."""
    w = min(app.tp.width(name, "tiny"), int(rect.width * 0.22))
    return [
        pygame.Rect(int(x - w / 2), int(y + ra + 1), w, lh),
        pygame.Rect(int(x - w / 2), int(y - ra - lh - 1), w, lh),
        pygame.Rect(int(x + ra + 3), int(y - lh / 2), w, lh),
        pygame.Rect(int(x - ra - 3 - w), int(y - lh / 2), w, lh),
    ]


def _place_label(
    surf, app, rect, spots: list[pygame.Rect], name: str, taken: list, own: int = -1
) -> bool:
    """Draw `name` on a panel-coloured chip in the first spot inside `rect` that overlaps
    nothing in `taken` but `taken[own]`; the spot is then taken. Whether it found one.
    """
    for box in spots:
        if rect.contains(box) and all(i == own for i in box.collidelistall(taken)):
            bg = box.inflate(app.px(6), 0)
            pygame.draw.rect(surf, app.pal.panel, bg, border_radius=app.px(4))
            app.tp.line(surf, name, box, "tiny", app.pal.ink, "center")
            taken.append(box)
            return True
    return False


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
