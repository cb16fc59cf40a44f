"""Bot policies (GAME.md §4) for teams no person plays, vectorised over runs.

A bot sees only what a human team could see: indicators, the vision, its mandate, the
network, packages' state and the other teams' public theme split of last turn. Random
choices come from the turn's draws (`State.u_bots`), so they are reproducible.
"""

from __future__ import annotations

import numpy as np

from game.sim.model import Model
from game.sim.scoring import MIN_GAP
from game.sim.state import State
from game.sim.step import Decisions

POLICIES = ("balanced", "mandate", "vision", "cooperative", "solo", "random")
PACKAGE_SHARE = 0.4  # at most this share of a cooperative team's budget goes to packages


def _normalise(v: np.ndarray) -> np.ndarray:
    tot = v.sum(axis=-1, keepdims=True)
    return np.divide(v, tot, out=np.full_like(v, 1.0 / v.shape[-1]), where=tot > 0)


def mandate_shares(model: Model, state: State, j: int) -> np.ndarray:
    """(N, T) theme split that follows team j's mandate: weight by how well each theme
    serves the mandate's indicators in its region types, sharpened toward the best.
    """
    m_pos = np.maximum(model.theme_effects, 0.0)  # (T, K)
    reg = model.mandate_regions[j] @ model.sensitivity  # (K,)
    value = (state.mandate[:, j, None, :] * m_pos[None] * reg[None, None]).sum(axis=2)
    return _normalise(value**2)


def vision_shares(model: Model, state: State) -> np.ndarray:
    """(N, T) greedy on the largest vision gap: most effort where the gap is widest."""
    gap0 = np.maximum(model.target - model.baseline, MIN_GAP)
    gap = np.maximum(model.target[None] - state.x, 0.0) / gap0[None]  # (N, R, K)
    need = gap.mean(axis=1) * model.vision_weights[None]  # (N, K)
    value = (need[:, None, :] * np.maximum(model.theme_effects, 0.0)[None]).sum(axis=2)
    best = (value == value.max(axis=1, keepdims=True)).astype(float)
    return 0.6 * _normalise(best) + 0.4 * _normalise(value)


def package_value(model: Model, weights: np.ndarray) -> np.ndarray:
    """(N, P) how much each package serves indicator weights (N, K), per point of cost."""
    m_pos = np.maximum(model.theme_effects, 0.0)
    serve = (model.pkg_themes @ m_pos)[None] * weights[:, None, :]  # (N, P, K)
    return serve.sum(axis=2) * model.pkg_leverage[None] / model.pkg_cost[None]


def open_packages(model: Model, state: State) -> np.ndarray:
    """(N, P) packages that could still start."""
    return ~state.pkg_done & (state.pkg_left == 0)


def decide(model: Model, state: State, policies: list[str] | tuple[str, ...]) -> Decisions:
    """Every team's decisions this turn, each team by its policy."""
    n = state.n
    J = len(model.team_ids)
    T, P = len(model.theme_ids), len(model.package_ids)
    dec = Decisions.empty(model, n)
    team_budget = np.stack(
        [state.budget[:, model.actor_team == j].sum(axis=1) for j in range(J)], axis=1
    )
    # the public focal package: the open package that serves the shared vision best per
    # point; every cooperative team can work this out, so they converge on it
    vis_w = np.broadcast_to(model.vision_weights, (n, model.vision_weights.size))
    open_p = open_packages(model, state)
    focal_val = np.where(open_p, package_value(model, vis_w), -np.inf)
    focal = focal_val.argmax(axis=1)
    has_focal = np.isfinite(focal_val.max(axis=1)) if P else np.zeros(n, dtype=bool)
    rows = np.arange(n)
    for j, policy in enumerate(policies):
        u = state.u_bots[:, j] if state.u_bots is not None else np.full((n, T + P + 2), 0.5)
        keep = state.pkg_commit[:, j].copy()  # keep paying what was committed
        if policy == "balanced":
            dec.shares[:, j] = 1.0 / T
            dec.pledges[:, j] = keep
        elif policy in ("mandate", "solo"):
            dec.shares[:, j] = mandate_shares(model, state, j)
            if policy == "mandate" and P:
                dec.pledges[:, j] = keep
                own = package_value(model, state.mandate[:, j])
                own = np.where(open_p, own, -np.inf)
                pick = own.argmax(axis=1)
                ok = np.isfinite(own.max(axis=1)) & (keep.sum(axis=1) == 0)
                amount = model.pkg_cost[pick] / np.maximum(model.pkg_min_teams[pick], 2)
                amount = np.minimum(amount, 0.3 * team_budget[:, j])
                dec.pledges[rows[ok], j, pick[ok]] += amount[ok]
        elif policy == "vision":
            dec.shares[:, j] = vision_shares(model, state)
            dec.pledges[:, j] = keep
        elif policy == "cooperative":
            neigh = neighbour_shares(model, state, j)
            dec.shares[:, j] = 0.5 * mandate_shares(model, state, j) + 0.5 * neigh
            dec.pledges[:, j] = keep
            if P:
                room = np.maximum(PACKAGE_SHARE * team_budget[:, j] - keep.sum(axis=1), 0.0)
                amount = np.minimum(model.pkg_cost[focal] / model.pkg_min_teams[focal] * 1.0, room)
                ok = has_focal & (amount > 0)
                dec.pledges[rows[ok], j, focal[ok]] += amount[ok]
        elif policy == "random":
            dec.shares[:, j] = _normalise(-np.log(np.maximum(u[:, :T], 1e-12)))
            if P:
                dec.pledges[:, j] = np.where(u[:, T : T + P] < 0.7, keep, 0.0)  # may break
                pick = np.minimum((u[:, -1] * P).astype(int), P - 1)
                ok = (u[:, -2] < 0.3) & open_p[rows, pick]
                amount = u[:, -2] / 0.3 * 0.3 * team_budget[:, j]
                dec.pledges[rows[ok], j, pick[ok]] += amount[ok]
        else:
            raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
        dec.votes[:, j] = vote(model, state, j, policy, u)
    return dec


def neighbour_shares(model: Model, state: State, j: int) -> np.ndarray:
    """(N, T) other teams' last public theme split, weighted by trust to team j's actors."""
    ta, tb = model.actor_team[model.edge_a], model.actor_team[model.edge_b]
    w = np.where(state.present, state.trust, 0.0)
    J = len(model.team_ids)
    weight = np.zeros((state.n, J))
    for k in range(J):
        if k == j:
            continue
        on = ((ta == j) & (tb == k)) | ((ta == k) & (tb == j))
        weight[:, k] = w[:, on].sum(axis=1)
    tot = weight.sum(axis=1, keepdims=True)
    mix = (weight[:, :, None] * state.last_shares).sum(axis=1)
    own = state.last_shares[:, j]
    return np.where(tot > 0, mix / np.maximum(tot, 1e-12), own)


def vote(model: Model, state: State, j: int, policy: str, u: np.ndarray) -> np.ndarray:
    """(N, Ev) the option team j votes for on each pending dilemma (-1 elsewhere)."""
    n = state.n
    out = np.full((n, len(model.events)), -1, dtype=np.int64)
    if policy in ("vision", "cooperative"):
        w_k = np.broadcast_to(model.vision_weights, (n, model.vision_weights.size))
        w_r = np.full(model.baseline.shape[0], 1.0 / model.baseline.shape[0])
    else:
        w_k, w_r = state.mandate[:, j], model.mandate_regions[j]
    own = model.actor_team == j
    for i, ev in enumerate(model.events):
        if not ev.is_dilemma:
            continue
        if policy == "random":
            choice = np.minimum(
                (u[:, i % u.shape[1]] * len(ev.options)).astype(int), len(ev.options) - 1
            )
        else:
            vals = []
            for fx in ev.option_effects:
                gain = ((fx.indicator * w_r[:, None]).sum(axis=0)[None] * w_k).sum(axis=1)
                gain = gain + 0.05 * fx.budget[own].sum() + 2.0 * fx.trust.mean()
                vals.append(gain)
            choice = np.stack(vals, axis=1).argmax(axis=1)
        out[:, i] = np.where(state.pending[:, i], choice, -1)
    return out
