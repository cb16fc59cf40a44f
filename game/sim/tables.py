"""Index tables precomputed once per `Model`, so a turn runs without Python loops over
teams, events or edges (docs/performance.md).

Everything here is derived from the model's arrays and never changes; `Model.tables`
builds it on first use and keeps it. The step only gathers, broadcasts and reduces along
fixed axes with these tables, so a run's numbers never depend on how many runs share
its batch (no BLAS products, whose rounding may change with the batch size).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from game.sim import conditions

if TYPE_CHECKING:
    from game.sim.model import Model


@dataclass(frozen=True)
class Segments:
    """A grouping of positions along an axis for `np.add.reduceat`: gather `order`, reduce
    at `starts`, and the i-th sum belongs to group `groups[i]` (empty groups are left out).
    """

    order: np.ndarray  # (M',) positions sorted by group (positions in no group left out)
    starts: np.ndarray  # (G',) where each non-empty group starts in `order`
    groups: np.ndarray  # (G',) the group of each sum
    n_groups: int
    length: int  # M: the length of the axis the positions index

    @classmethod
    def of(cls, group: np.ndarray, n_groups: int) -> Segments:
        """Segments of positions by `group` (values 0..n_groups-1; others are left out)."""
        group = np.asarray(group, dtype=np.int64)
        keep = np.flatnonzero((group >= 0) & (group < n_groups))
        order = keep[np.argsort(group[keep], kind="stable")]
        g = group[order]
        starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if g.size else np.zeros(0, int)
        return cls(order, starts.astype(np.int64), g[starts], n_groups, int(group.size))

    @cached_property
    def identity(self) -> bool:
        """True when every position is in a group, every group is present and `order` is
        already sorted (the values need no gather).
        """
        return (
            self.groups.size == self.n_groups
            and self.order.size == self.length
            and np.array_equal(self.order, np.arange(self.order.size))
        )

    def sum(self, values: np.ndarray, axis: int = 1) -> np.ndarray:
        """Sum `values` over the positions of each group along `axis` -> that axis becomes
        the group axis (n_groups long; zeros for empty groups).
        """
        shape = list(values.shape)
        shape[axis] = self.n_groups
        if self.order.size == 0:
            return np.zeros(shape)
        v = values if self.identity else values.take(self.order, axis=axis)
        part = np.add.reduceat(v, self.starts, axis=axis)
        if self.groups.size == self.n_groups:
            return part
        out = np.zeros(shape)
        idx: list[Any] = [slice(None)] * len(shape)
        idx[axis] = self.groups
        out[tuple(idx)] = part
        return out


@dataclass(frozen=True)
class SparseRows:
    """The rows of a table as their entries that are not `neutral` (0 for sums, 1 for
    products), to combine the rows each run drew without touching the rest.
    """

    ptr: np.ndarray  # (C + 1,) row c's entries are ptr[c]:ptr[c + 1]
    col: np.ndarray  # (nnz,) their columns
    val: np.ndarray  # (nnz,) their values
    width: int
    neutral: float

    @classmethod
    def of(cls, dense: np.ndarray, neutral: float = 0.0) -> SparseRows:
        """The entries of `dense` (C, X) that differ from `neutral`, row by row."""
        rows, cols = np.nonzero(dense != neutral)
        ptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=dense.shape[0]))]
        return cls(
            ptr.astype(np.int64), cols.astype(np.int64), dense[rows, cols], dense.shape[1], neutral
        )

    def combine(self, ufunc: np.ufunc, runs: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
        """(n, X) for each run, `neutral` combined by `ufunc` with the rows it drew, entry
        by entry in the order given (`ufunc.at` is unbuffered and goes in order), so a
        run's result does not depend on the other runs: `runs[i]` drew row `rows[i]`.
        """
        start = self.ptr[rows]
        count = self.ptr[rows + 1] - start
        out = np.full(n * self.width, self.neutral)
        total = int(count.sum())
        if total:
            entry = np.arange(total) + np.repeat(start - (np.cumsum(count) - count), count)
            where = np.repeat(runs * self.width, count) + self.col[entry]
            ufunc.at(out, where, self.val[entry])
        return out.reshape(n, self.width)


@dataclass(frozen=True)
class EffectCombo:
    """What a fired event does in one way of resolving it (a dilemma: with one option)."""

    indicator: np.ndarray  # (R, K)
    pos: np.ndarray  # (R, K) positive part
    neg: np.ndarray  # (R, K) negative part
    budget: np.ndarray | None  # (A,) or None when it changes no budget
    trust: np.ndarray | None  # (E,) or None
    scale: np.ndarray | None  # (D,) or None
    boost: np.ndarray | None = None  # (R, T) or None: a window of opportunity this turn


class Memo:
    """The one mutable part of a model's tables, said so: what is worked out on first use
    and kept. `coop_plans`: the cooperation plan of each set of active edges (`coop_plan`,
    at most 64); `bots_by_programme`: what bots derive from each programme's mandates
    (`game.sim.bots.by_programme`). Neither changes a result, only when it is computed.
    """

    __slots__ = ("coop_plans", "bots_by_programme")

    def __init__(self) -> None:
        self.coop_plans: dict[bytes, tuple[Any, ...]] = {}
        self.bots_by_programme: dict[str, np.ndarray] | None = None


@dataclass(frozen=True)
class Tables:
    """Per-model constants of the vectorised turn (see module docstring)."""

    # sizes
    A: int
    T: int
    K: int
    R: int
    J: int
    P: int
    Ev: int
    D: int
    E: int
    n_draws: int  # uniforms each run draws per turn
    # actors and teams
    team_of: np.ndarray  # (A,) team index, bots mapped to 0 (use with `bots`)
    bot_idx: np.ndarray  # (B,) indices of actors no team plays
    has_bots: bool
    bot_effort_share: np.ndarray  # (B, T) bots' split over themes
    by_team: Segments  # actors grouped by team (J groups)
    by_group: Segments  # actors grouped by team, bots as group J (J + 1 groups)
    team_kind_bits: np.ndarray  # (J,) int: the same as bits (1 ministry, 2 region, 4 partner)
    pkg_kind_bits: np.ndarray  # (P,) int: kinds a package needs among its co-funders
    competence: np.ndarray  # (A, T)
    reach_group: np.ndarray  # (A, R) reach in `by_group.order`
    group_ids: np.ndarray  # (G',) groups with actors (teams 0..J-1, bots J), in order
    group_slices: tuple[tuple[int, int], ...]  # (start, end) of each in by_group.order
    bot_mix: np.ndarray  # (B, T) bots' theme mix (their split, normalised)
    bot_mix_l: np.ndarray  # (B, T, 1) the same, run-last
    mean_budget0: float
    # network
    edge_a: np.ndarray
    edge_b: np.ndarray
    edge_a_pad: np.ndarray  # (E + 1,) edge_a and a last dummy edge (row of zeros)
    edge_b_pad: np.ndarray  # (E + 1,)
    coop_buckets: tuple[tuple[np.ndarray, np.ndarray], ...]  # actors of similar degree:
    # (actors (nb,), their incident edges (nb, pad), padded with the dummy edge E)
    memo: Memo  # what the turn and the bots work out once per model (not part of the value)
    edge_pair: np.ndarray  # (E,) ordered team pair ta*J+tb of edges between played
    # actors, J*J where an end is played by a bot
    neigh: Segments  # edges between different teams grouped by unordered team pair
    neigh_pairs: np.ndarray  # (J*J,) for team j and team k, the unordered pair's group
    off_diagonal: np.ndarray  # (J, J) 1 between different teams, 0 within a team
    off_diagonal_int: np.ndarray  # (J, J) the same as integers
    dyn_pairs: np.ndarray  # (Cd, 2) class pairs with a team's mix (they change each turn)
    const_ov: np.ndarray  # (Cc,) overlap of the other class pairs (two bots' fixed mixes)
    edge_ov_col: np.ndarray  # (E,) each edge's class pair: its index into dyn_pairs, or
    # Cd + its index into const_ov
    # events
    ev_turns: np.ndarray  # (n_turns, Ev) bool
    ev_prob: np.ndarray  # (Ev,)
    ev_once: np.ndarray  # (Ev,) bool
    ev_cooldown: np.ndarray  # (Ev,) int
    ev_conditions: tuple[tuple[int, Callable[..., Any]], ...]  # (event, compiled condition)
    ev_cond_events: np.ndarray  # (Ec,) the events of `ev_conditions`, in its order
    combo_base: np.ndarray  # (Ev,) index of each event's first combo in the stacked tables
    combo_pos: np.ndarray  # (Cb, R, K) positive parts of every combo's indicator effects
    combo_neg: np.ndarray  # (Cb, R, K)
    combo_trust: np.ndarray  # (Ct, E) the trust rows of the combos that have one, in order
    combo_has_budget: np.ndarray  # (Cb,) bool
    combo_has_trust: np.ndarray  # (Cb,) bool
    combo_has_scale: np.ndarray  # (Cb,) bool
    combo_sums: SparseRows  # per combo: its posneg (2·R·K) and budget (A) effects
    combo_scales: SparseRows  # per combo: its driver scale factors (D)
    combo_has_boost: np.ndarray  # (Cb,) bool
    combo_boosts: SparseRows  # per combo: its theme boosts this turn (R·T)
    dilemmas: np.ndarray  # (Dl,) event indices of dilemmas
    dilemma_options: np.ndarray  # (Dl,) number of options
    max_options: int
    option_valid: np.ndarray  # (Dl, O) bool: the dilemma has this option
    vote_gain: np.ndarray  # (J + 1, Dl, O, K) indicator gain per mandate weight; row J:
    # even over region types (the vision)
    vote_budget: np.ndarray  # (J, Dl, O) budget change of the team's own actors
    vote_trust: np.ndarray  # (Dl, O) mean trust change
    # drivers
    driver_parts: tuple[tuple[np.ndarray, np.ndarray], ...]  # per turn: (D, R, K) parts of
    # each driver's effect that are positive / negative once multiplied by its coefficient
    driver_pn: tuple[np.ndarray, ...]  # per turn: (D, 2, R, K) the two parts stacked
    driver_unscaled: tuple[np.ndarray, ...]  # per turn: (2, R, K) their sums over drivers
    # at scale 1, added in driver order as the step adds them
    # policy
    theme_effects: np.ndarray  # (T, K)
    policy_sens: np.ndarray  # (R, K) policy_scale * sensitivity
    sign_col: np.ndarray  # (K,) +1 every policy source is >= 0, -1 <= 0, 0 mixed
    mixed_cols: np.ndarray  # (Km,) indicator columns where policy sources differ in sign
    pkg_rt: np.ndarray  # (P, R, T) package reach x themes
    pkg_direct: np.ndarray  # (P, R, K)
    has_direct: np.ndarray  # (P,) bool: the package has direct effects
    m_pos: np.ndarray  # (T, K) positive part of the theme matrix (bots)
    pkg_serve: np.ndarray  # (P, K) package themes @ m_pos (bots)
    pkg_vision_value: np.ndarray  # (P,) how much each package serves the vision per point
    mandate_reg: np.ndarray  # (J, K) each mandate's region weights @ sensitivity
    mandate_by_programme: np.ndarray  # (G + 1, J, K) the mandates under each government
    lead_edges: tuple[np.ndarray, np.ndarray]  # (edges, lead pairs) sorted by edge: edge e
    # joins two teams' lead actors of a package (pair l: package lead_pkg[l], teams
    # lead_team_a[l], lead_team_b[l]; see `_leads`); the non-zeros of a one-hot (E, L) table
    lead_pkg: np.ndarray  # (L,) package of each lead pair
    lead_team_a: np.ndarray  # (L,) first team of each lead pair
    lead_team_b: np.ndarray  # (L,) second team
    # programme (row 0: the initial one, row g + 1: programme g), as `hold_election` sets


def _combo(model: Model, fx_list: list[Any]) -> EffectCombo:
    ind = np.zeros(model.baseline.shape)
    bud = np.zeros(len(model.actor_ids))
    trust = np.zeros(model.edge_a.size)
    scale = np.ones(len(model.driver_ids))
    boost = np.ones((model.baseline.shape[0], len(model.theme_ids)))
    for fx in fx_list:
        ind = ind + fx.indicator
        bud = bud + fx.budget
        trust = trust + fx.trust
        scale = scale * fx.driver_scale
        if fx.boost is not None:
            boost = boost * fx.boost
    return EffectCombo(
        indicator=ind,
        pos=np.where(ind > 0, ind, 0.0),
        neg=np.where(ind < 0, ind, 0.0),
        budget=bud if bud.any() else None,
        trust=trust if trust.any() else None,
        scale=scale if (scale != 1.0).any() else None,
        boost=boost if (boost != 1.0).any() else None,
    )


def _buckets(
    A: int, E: int, edge_a: np.ndarray, edge_b: np.ndarray
) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Actors grouped by similar degree, each with its incident edges (in increasing edge
    order) padded to the bucket's largest degree with the dummy edge E: a segment sum over
    edge ends becomes a few gathers and sums along a fixed axis, which add in order, so
    the sums are the same for any batch size and any set of zero edges left out.
    """
    ends_actor = np.concatenate([edge_a, edge_b])
    ends_edge = np.concatenate([np.arange(E), np.arange(E)])
    order = np.lexsort((ends_edge, ends_actor))  # by actor, then by edge
    inc_edge = ends_edge[order]
    deg = np.bincount(ends_actor, minlength=A)
    start = np.concatenate([[0], np.cumsum(deg)[:-1]])
    out = []
    actors = [a for a in np.argsort(deg, kind="stable").tolist() if deg[a] > 0]
    i = 0
    while i < len(actors):
        lo = deg[actors[i]]
        j = i
        while j < len(actors) and deg[actors[j]] <= max(lo * 1.25, lo + 2):
            j += 1
        group = np.array(actors[i:j], dtype=np.int64)
        pad = int(deg[group[-1]])
        slot = np.arange(pad)
        pos = start[group][:, None] + slot
        idx = np.where(slot < deg[group][:, None], inc_edge[np.minimum(pos, order.size - 1)], E)
        out.append((group, idx.astype(np.int64)))
        i = j
    return tuple(out)


def coop_plan(
    tb: Tables, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[Any, ...]]:
    """For the edges with weight in some run: their rows of the weights (the dummy edge
    last), their two ends (the dummy's are 0) and buckets over them (indices into the
    active edges, the dummy being `active.sum()`); cached per set of active edges.
    """
    key = active.tobytes()
    plans = tb.memo.coop_plans
    plan = plans.get(key)
    if plan is None:
        act = np.flatnonzero(active)
        plan = (
            np.append(act, tb.E),
            np.append(tb.edge_a[act], 0),
            np.append(tb.edge_b[act], 0),
            _buckets(tb.A, act.size, tb.edge_a[act], tb.edge_b[act]),
        )
        if len(plans) >= 64:
            # the oldest plan goes (another thread may have taken it already)
            with contextlib.suppress(RuntimeError, StopIteration):
                plans.pop(next(iter(plans)), None)
        plans[key] = plan
    return plan


def _mandate_by_programme(model: Model) -> np.ndarray:
    """(G + 1, J, K) the scenario's mandates (row 0) and the mandates shifted by each
    programme, clipped at 0 and normalised (the same operations, element by element, as
    an election applies to each run).
    """
    m = np.maximum(model.mandate_indicators[None] + model.programme_mandate, 0.0)
    tot = m.sum(axis=2, keepdims=True)
    m = np.divide(m, tot, out=np.full_like(m, 1.0 / m.shape[2]), where=tot > 0)
    return np.concatenate([model.mandate_indicators[None], m])


def package_leads(model: Model) -> np.ndarray:
    """(J, P) each team's lead actor for each package: the actor whose competence in the
    package's themes, reach over its region types and budget fit it best (model v2: only
    the leads of co-funding teams are tied by a package, not every actor of every team).
    """
    J, P = len(model.team_ids), len(model.package_ids)
    fit = (model.competence @ model.pkg_themes.T) * (model.reach @ model.pkg_reach.T)
    fit = fit * model.budget0[:, None]  # (A, P)
    out = np.zeros((J, P), dtype=np.int64)
    for j in range(J):
        own = np.flatnonzero(model.actor_team == j)
        if own.size:
            out[j] = own[np.argmax(fit[own], axis=0)]
    return out


def _leads(model: Model, J: int, P: int, E: int) -> tuple[Any, ...]:
    """The lead pairs of every package and pair of teams, and the edge each uses."""
    leads = package_leads(model)
    index = {
        (int(a), int(b)): i for i, (a, b) in enumerate(zip(model.edge_a, model.edge_b, strict=True))
    }
    rows, pk, ja, jb = [], [], [], []
    for p in range(P):
        for j in range(J):
            for k in range(j + 1, J):
                a, b = sorted((int(leads[j, p]), int(leads[k, p])))
                e = index.get((a, b))
                if e is None:
                    continue
                rows.append(e)
                pk.append(p)
                ja.append(j)
                jb.append(k)
    # (edges, lead pairs) sorted by edge: as np.nonzero of the one-hot (E, L) table, without
    # its L·E integers (430 MB at 200 packages and 47,000 candidate edges)
    edge = np.array(rows, dtype=np.int64)
    order = np.argsort(edge, kind="stable")
    return (
        (edge[order], order.astype(np.int64)),
        np.array(pk, dtype=np.int64),
        np.array(ja, dtype=np.int64),
        np.array(jb, dtype=np.int64),
    )


def build(model: Model) -> Tables:
    """The tables of `model`."""
    A, T = model.competence.shape
    R, K = model.baseline.shape
    J, P, Ev = len(model.team_ids), len(model.package_ids), len(model.events)
    D, E = len(model.driver_ids), model.edge_a.size
    team = model.actor_team
    bots = team < 0
    bot_idx = np.flatnonzero(bots)
    team_kinds = np.zeros((J, 3), dtype=bool)
    for a, j in enumerate(team):
        if j >= 0:
            team_kinds[j, model.actor_kind[a]] = True
    group = np.where(bots, J, team)

    # network: edge ends by actor; team pairs; classes of theme mix
    ta, tb = team[model.edge_a], team[model.edge_b]
    played = (ta >= 0) & (tb >= 0)
    edge_pair = np.where(played, ta * J + tb, J * J).astype(np.int64)
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    neigh_group = np.where(played & (ta != tb), lo * J + hi, -1)
    neigh = Segments.of(neigh_group, J * J)
    neigh_pairs = np.array(
        [min(j, k) * J + max(j, k) for j in range(J) for k in range(J)], dtype=np.int64
    )
    mix_class = np.where(bots, J + np.cumsum(bots) - 1, team).astype(np.int64)
    ca, cb = mix_class[model.edge_a], mix_class[model.edge_b]
    keys = np.minimum(ca, cb) * (J + A) + np.maximum(ca, cb)
    uniq, edge_class_pair = np.unique(keys, return_inverse=True)
    class_pairs = np.stack([uniq // (J + A), uniq % (J + A)], axis=1) if E else np.zeros((0, 2))

    # events
    n_turns = model.n_turns
    ev_turns = np.zeros((n_turns, Ev), dtype=bool)
    for i, ev in enumerate(model.events):
        ev_turns[:, i] = ev.turns
    conds = tuple(
        (i, conditions.compile_condition(ev.condition))
        for i, ev in enumerate(model.events)
        if ev.condition is not None
    )
    combos = []
    for ev in model.events:
        if ev.is_dilemma:
            combos.append(tuple(_combo(model, [ev.effects, fx]) for fx in ev.option_effects))
        else:
            combos.append((_combo(model, [ev.effects]),))
    dilemmas = np.array([i for i, ev in enumerate(model.events) if ev.is_dilemma], dtype=np.int64)
    n_opt = np.array([len(model.events[i].options) for i in dilemmas], dtype=np.int64)
    n_o = int(n_opt.max()) if n_opt.size else 1
    Dl = dilemmas.size
    w_r = np.vstack([model.mandate_regions, np.full((1, R), 1.0 / R)])  # (J + 1, R)
    gain = np.zeros((J + 1, Dl, n_o, K))
    vbud = np.zeros((J, Dl, n_o))
    vtrust = np.full((Dl, n_o), -np.inf)
    from game.sim.bots import VOTE_BUDGET_VALUE, VOTE_TRUST_VALUE  # the bots' own weights

    for d, i in enumerate(dilemmas):
        for o, fx in enumerate(model.events[i].option_effects):
            gain[:, d, o] = (fx.indicator[None] * w_r[:, :, None]).sum(axis=1)
            for j in range(J):
                vbud[j, d, o] = VOTE_BUDGET_VALUE * fx.budget[team == j].sum()
            vtrust[d, o] = VOTE_TRUST_VALUE * fx.trust.mean() if fx.trust.size else 0.0

    # policy: the sign of every policy source in each indicator column
    M = model.theme_effects
    direct = model.pkg_direct
    col_pos = (M >= 0).all(axis=0) & (direct >= 0).all(axis=(0, 1))
    col_neg = (M <= 0).all(axis=0) & (direct <= 0).all(axis=(0, 1))
    sign_col = np.where(col_pos, 1, np.where(col_neg, -1, 0)).astype(np.int64)
    m_pos = np.maximum(M, 0.0)
    share0 = model.bot_shares[bot_idx]
    tot0 = share0.sum(axis=1, keepdims=True)
    bmix = np.divide(share0, tot0, out=np.zeros_like(share0), where=tot0 > 0)
    class_pairs = class_pairs.astype(np.int64).reshape(-1, 2)
    edge_class_pair = np.asarray(edge_class_pair, dtype=np.int64).reshape(-1)
    dyn = np.asarray((class_pairs < J).any(axis=1))  # involves a team's mix
    const_ov = np.zeros(len(class_pairs))
    for c, (x, y) in enumerate(class_pairs):
        if not dyn[c]:  # in theme order, as the step adds the team pairs
            mins = np.minimum(bmix[x - J], bmix[y - J])
            acc = mins[0]
            for v in mins[1:]:
                acc = acc + v
            const_ov[c] = acc
    flat = [cb for per_event in combos for cb in per_event]
    combo_base = np.cumsum([0] + [len(x) for x in combos[:-1]]).astype(np.int64)
    zeros_rk = np.zeros((0, R, K))

    def stack(get: Callable[[Any], Any], empty: Callable[[int], Any], width: int) -> np.ndarray:
        rows = [get(cb) if get(cb) is not None else empty(width) for cb in flat]
        return np.array(rows, dtype=float).reshape(len(flat), *np.shape(empty(width)))

    pkg_serve = model.pkg_themes @ m_pos if P else np.zeros((0, K))
    by_group = Segments.of(group, J + 1)
    share = model.bot_shares[bot_idx]
    tot = share.sum(axis=1, keepdims=True)
    bot_mix = np.divide(share, tot, out=np.zeros_like(share), where=tot > 0)
    d_pos = np.where(model.driver_effects > 0, model.driver_effects, 0.0)
    d_neg = np.where(model.driver_effects < 0, model.driver_effects, 0.0)
    driver_parts = []
    for t in range(n_turns):
        up = (model.driver_intensity[:, t] >= 0)[:, None, None]
        driver_parts.append((np.where(up, d_pos, d_neg), np.where(up, d_neg, d_pos)))
    combo_budget = stack(lambda cb: cb.budget, np.zeros, A)
    # only the combos that change trust keep a row of E (most change none)
    with_trust = [cb for cb in flat if cb.trust is not None]
    combo_trust = np.array([cb.trust for cb in with_trust], dtype=float).reshape(-1, E)
    combo_scale = stack(lambda cb: cb.scale, np.ones, D)
    combo_boost = stack(lambda cb: None if cb.boost is None else cb.boost.ravel(), np.ones, R * T)
    combo_posneg = np.array([[cb.pos, cb.neg] for cb in flat]) if flat else np.zeros((0, 2, R, K))
    combo_sums = np.concatenate([combo_posneg.reshape(len(flat), 2 * R * K), combo_budget], axis=1)
    lead_edges, lead_pkg, lead_a, lead_b = _leads(model, J, P, E)
    return Tables(
        A=A,
        T=T,
        K=K,
        R=R,
        J=J,
        P=P,
        Ev=Ev,
        D=D,
        E=E,
        n_draws=Ev + 1 + P + J * (T + P + 2),
        team_of=np.maximum(team, 0),
        bot_idx=bot_idx,
        has_bots=bool(bot_idx.size),
        bot_effort_share=model.bot_shares[bot_idx],
        by_team=Segments.of(team, J),
        by_group=by_group,
        team_kind_bits=(team_kinds * np.array([1, 2, 4])).sum(axis=1).astype(np.int64),
        pkg_kind_bits=(model.pkg_kinds * np.array([1, 2, 4])).sum(axis=1).astype(np.int64),
        competence=model.competence,
        mean_budget0=float(model.budget0.mean()),
        edge_a=model.edge_a,
        edge_b=model.edge_b,
        edge_a_pad=np.r_[model.edge_a, 0].astype(np.int64),
        edge_b_pad=np.r_[model.edge_b, 0].astype(np.int64),
        coop_buckets=_buckets(A, E, model.edge_a, model.edge_b),
        memo=Memo(),
        edge_pair=edge_pair,
        neigh=neigh,
        neigh_pairs=neigh_pairs,
        dyn_pairs=class_pairs[dyn].astype(np.int64),
        const_ov=const_ov[~dyn],
        edge_ov_col=np.where(dyn, np.cumsum(dyn) - 1, dyn.sum() + np.cumsum(~dyn) - 1)[
            edge_class_pair
        ].astype(np.int64),
        ev_turns=ev_turns,
        ev_prob=np.array([ev.probability for ev in model.events], dtype=float),
        ev_once=np.array([ev.once for ev in model.events], dtype=bool),
        ev_cooldown=np.array([ev.cooldown for ev in model.events], dtype=np.int64),
        ev_conditions=conds,
        ev_cond_events=np.array([i for i, _ in conds], dtype=np.int64),
        combo_base=combo_base[: len(combos)] if combos else np.zeros(0, dtype=np.int64),
        combo_pos=np.array([cb.pos for cb in flat]) if flat else zeros_rk,
        combo_neg=np.array([cb.neg for cb in flat]) if flat else zeros_rk,
        combo_trust=combo_trust,
        combo_has_budget=np.array([cb.budget is not None for cb in flat], dtype=bool),
        combo_has_trust=np.array([cb.trust is not None for cb in flat], dtype=bool),
        combo_has_scale=np.array([cb.scale is not None for cb in flat], dtype=bool),
        combo_sums=SparseRows.of(combo_sums),
        combo_scales=SparseRows.of(combo_scale, 1.0),
        combo_has_boost=np.array([cb.boost is not None for cb in flat], dtype=bool),
        combo_boosts=SparseRows.of(combo_boost, 1.0),
        dilemmas=dilemmas,
        dilemma_options=n_opt,
        max_options=n_o,
        vote_gain=gain,
        vote_budget=vbud,
        vote_trust=vtrust,
        theme_effects=M,
        policy_sens=model.constants.policy_scale * model.sensitivity,
        sign_col=sign_col,
        mixed_cols=np.flatnonzero(sign_col == 0),
        pkg_rt=model.pkg_reach[:, :, None] * model.pkg_themes[:, None, :],
        pkg_direct=direct,
        has_direct=(direct != 0).any(axis=(1, 2)) if P else np.zeros(0, dtype=bool),
        m_pos=m_pos,
        pkg_serve=pkg_serve,
        pkg_vision_value=(pkg_serve * model.vision_weights).sum(axis=1)
        * model.pkg_leverage
        / model.pkg_cost
        if P
        else np.zeros(0),
        mandate_reg=model.mandate_regions @ model.sensitivity,
        mandate_by_programme=_mandate_by_programme(model),
        lead_edges=lead_edges,
        lead_pkg=lead_pkg,
        lead_team_a=lead_a,
        lead_team_b=lead_b,
        reach_group=model.reach[by_group.order],
        group_ids=by_group.groups.astype(np.int64),
        group_slices=tuple(
            (int(s0), int(s1))
            for s0, s1 in zip(
                by_group.starts, np.r_[by_group.starts[1:], by_group.order.size], strict=True
            )
        ),
        bot_mix=bot_mix,
        bot_mix_l=bot_mix[:, :, None],
        off_diagonal=1.0 - np.eye(J),
        off_diagonal_int=1 - np.eye(J, dtype=np.int64),
        option_valid=np.arange(n_o)[None, :] < n_opt[:, None],
        driver_parts=tuple(driver_parts),
        driver_pn=tuple(np.stack(dpn, axis=1) for dpn in driver_parts),
        driver_unscaled=tuple(
            (
                model.driver_intensity[:, t, None, None, None] * np.stack(driver_parts[t], axis=1)
            ).sum(axis=0)
            for t in range(n_turns)
        ),
    )
