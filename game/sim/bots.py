"""Bot policies (docs/design.md, bots) for teams no person plays, vectorised over runs.

A bot sees only what a human team could see: indicators, the vision, its mandate, the
network, packages' state and the other teams' public theme split of last turn. Random
choices come from the turn's draws (`State.u_bots`), so they are reproducible.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.sim.model import Model
from game.sim.scoring import MIN_GAP
from game.sim.state import State
from game.sim.step import EPS, Decisions, tally_votes

POLICIES = ("balanced", "mandate", "vision", "cooperative", "solo", "random")
# a cooperative bot's split: this share follows its mandate, the rest its neighbours' (issue
# 12: at 0.5 a team gained too little by going solo to show the dilemma in two futures)
COOP_OWN = 0.35
PACKAGE_SHARE = 0.5  # at most this share of a cooperative team's budget goes to packages
# what a dilemma's option is worth to a bot beside its indicators (`by_programme`'s votes,
# tabled once per model by game.sim.tables.build as `vote_budget` and `vote_trust`)
VOTE_BUDGET_VALUE = 0.05  # per budget point the option gives the team's actors
VOTE_TRUST_VALUE = 2.0  # per unit of the mean trust change the option brings


def _normalise(v: np.ndarray) -> np.ndarray:
    tot = v.sum(axis=-1, keepdims=True)
    return np.divide(v, tot, out=np.full_like(v, 1.0 / v.shape[-1]), where=tot > 0)


def _weigh(w: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Σ_k w[..., k] · m[k, x] -> (..., X), summed over k in order (no BLAS product, so
    a run's result does not depend on the batch around it; the loop and the broadcast
    sum add the same terms in the same order).
    """
    K = w.shape[-1]
    if m.shape[-1] > 1 and (K > 16 or w.size < 512):  # one broadcast: few runs
        return (w[..., :, None] * m).sum(axis=-2)
    out = w[..., 0, None] * m[..., 0, :]  # k by k: many runs, little temporary memory
    for k in range(1, K):
        out += w[..., k, None] * m[..., k, :]
    return out


def _mandate_split(model: Model, mandate: np.ndarray) -> np.ndarray:
    """(..., J, T) the mandate split of mandates (..., J, K)."""
    tb = model.tables
    value = _weigh(mandate * tb.mandate_reg, tb.m_pos.T)  # (..., J, T)
    return _normalise(value**2)


def by_programme(model: Model) -> dict[str, np.ndarray]:
    """What the bots derive from mandates, per government programme (row 0: the initial
    one, row g + 1: programme g): a state's mandates are a function of `State.programme`
    (set only at the start and by `hold_election`), so a run's values are a row lookup.
    Each row is computed by the same operations as for a run (the same sums in the same
    order), so the values are the same bits. Made once per model.
    """
    tb = model.tables
    got = tb.memo.bots_by_programme
    if got is not None:
        return got
    mandate = tb.mandate_by_programme  # (G + 1, J, K)
    G1 = mandate.shape[0]
    got = {"split": _mandate_split(model, mandate)}  # (G + 1, J, T)
    if tb.P:
        got["pkg"] = package_value(model, mandate)  # (G + 1, J, P)
    if tb.dilemmas.size:
        # a team's value of each option: what it does for the team's mandate (or, for
        # the vision and cooperative policies, for the vision, the same under every
        # programme), plus the budget and trust it brings
        extra = tb.vote_budget + tb.vote_trust  # (J, Dl, O)
        vote = np.empty((G1, tb.J) + tb.vote_gain.shape[1:3])  # (G + 1, J, Dl, O)
        for j in range(tb.J):
            gain = tb.vote_gain[j].transpose(0, 2, 1)  # (Dl, K, O)
            vote[:, j] = _weigh(mandate[:, j, None, :], gain) + extra[j]
        got["vote"] = vote
        w_k = model.vision_weights[None]
        gain = tb.vote_gain[tb.J].transpose(0, 2, 1)
        got["vote_vision"] = _weigh(w_k[:, None, :], gain) + extra  # (J, Dl, O)
    tb.memo.bots_by_programme = got
    return got


def mandate_shares_all(model: Model, state: State) -> np.ndarray:
    """(N, J, T) every team's mandate split (see `mandate_shares`). A team that signed the
    shared vision holds its course across a government term (model v2): its split moves
    only (1 − vision_continuity) of the way to the new programme's.
    """
    split = by_programme(model)["split"]
    now = split[state.programme + 1]
    keep = model.constants.vision_continuity
    if keep > 0 and state.signed.any():
        held = keep * state.signed[:, :, None]
        now = (1 - held) * now + held * split[0][None]
    return now


def mandate_shares(model: Model, state: State, j: int) -> np.ndarray:
    """(N, T) theme split that follows team j's mandate: weight by how well each theme
    serves the mandate's indicators in its region types, sharpened toward the best.
    """
    return mandate_shares_all(model, state)[:, j]


def vision_shares(model: Model, state: State) -> np.ndarray:
    """(N, T) greedy on the largest vision gap: most effort where the gap is widest."""
    gap0 = np.maximum(model.target - model.baseline, MIN_GAP)
    gap = np.maximum(model.target - state.x, 0.0) / gap0  # (N, R, K)
    total = gap[:, 0].copy()  # Σ over region types, in order (as gap.sum(axis=1) adds)
    for r in range(1, gap.shape[1]):
        total += gap[:, r]
    need = total / gap.shape[1] * model.vision_weights  # (N, K): mean over R
    value = _weigh(need, model.tables.m_pos.T)  # (N, T)
    best = (value == value.max(axis=1, keepdims=True)).astype(float)
    return 0.6 * _normalise(best) + 0.4 * _normalise(value)


def package_value(model: Model, weights: np.ndarray) -> np.ndarray:
    """(..., P) how much each package serves indicator weights (..., K), per point of cost:
    e.g. the (G + 1, J, K) mandates of every programme give (G + 1, J, P).
    """
    return _weigh(weights, model.tables.pkg_serve.T) * model.pkg_leverage / model.pkg_cost


def open_packages(model: Model, state: State) -> np.ndarray:
    """(N, P) packages that could still start."""
    return ~state.pkg_done & (state.pkg_left == 0)


RESPONSE = 0.4  # share of a reacting bot's split that answers the shocks it was shown


def shock_response(
    model: Model, state: State, chosen: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """((N, T) split, (N,) bool): the answer to this turn's revealed cards, and the runs
    that have something to answer.

    Two kinds of card ask for one (model v2):

    - a shock: the themes that shield what it takes away (its negative effects, a
      dilemma's by its first option), weighted by how much each theme moves the hit
      indicators where they are hit (resilience);
    - a window of opportunity: the themes it boosts, weighted by the boost and by what a
      theme does for the vision where it is boosted.

    With both, each counts half. What the briefing shows is what a room would answer. A
    dilemma's windows open only with its option: with `chosen` (N, Ev), the options the
    votes give (`step.tally_votes`), they count too; without, they do not.
    """
    tb = model.tables
    n = state.n
    none = np.zeros((n, tb.T)), np.zeros(n, dtype=bool)
    if not tb.Ev or not state.pending.any():
        return none
    rows, events = np.nonzero(state.pending)
    hit = np.zeros((n,) + model.baseline.shape)
    np.add.at(hit, rows, -tb.combo_neg[tb.combo_base[events]])  # (N, R, K) ≥ 0
    need = (hit * model.sensitivity).sum(axis=1)  # (N, K)
    shock = _weigh(need, tb.m_pos.T)  # (N, T)
    dl = np.isin(events, tb.dilemmas)
    if chosen is None:  # a dilemma's windows wait for the vote
        cid = np.where(dl, -1, tb.combo_base[events])
    else:
        cid = tb.combo_base[events] + np.where(dl, np.maximum(chosen[rows, events], 0), 0)
    rows, cid = rows[cid >= 0], cid[cid >= 0]
    window = np.zeros((n, tb.T))
    if cid.size and tb.combo_has_boost[cid].any():
        R = model.baseline.shape[0]
        boost = tb.combo_boosts.combine(np.multiply, rows, cid, n).reshape(n, R, tb.T)
        serve = (tb.m_pos[None] * (model.sensitivity * model.vision_weights)[:, None, :]).sum(2)
        window = ((boost - 1.0) * serve[None]).sum(axis=1)  # (N, T): serve is (R, T)
        window = np.maximum(window, 0.0)
    has_s, has_w = shock.sum(axis=1) > 1e-9, window.sum(axis=1) > 1e-9
    both = (has_s & has_w)[:, None]
    alone = _normalise(shock) * has_s[:, None] + _normalise(window) * has_w[:, None]
    split = np.where(both, 0.5 * _normalise(shock) + 0.5 * _normalise(window), alone)
    return split, has_s | has_w


def affordable(model: Model, commit: np.ndarray, budget: np.ndarray) -> np.ndarray:
    """(N, P) the commitments a team keeps paying: all of them while its budget covers
    them; after a cut, it drops whole packages, the costliest first, until the rest fit —
    paying every commitment in part would leave every package short and lapse them all.
    """
    over = commit.sum(axis=1) > budget + 1e-9
    if not over.any():
        return commit
    keep = commit.copy()
    order = np.argsort(-model.pkg_cost, kind="stable")
    for p in order:
        drop = (keep.sum(axis=1) > budget + 1e-9) & (keep[:, p] > 0)
        keep[drop, p] = 0.0
    return keep


def need_value(model: Model, state: State) -> np.ndarray:
    """(N, P) what a point in each package would do for the shared vision where it still
    falls short: its themes' effects over its reach × leverage, weighted by the vision's
    weights and by the share of each gap to the 2040 target still open (0 where a target is
    met). Public: every team can work it out from the screen.
    """
    tb = model.tables
    if not tb.P:
        return np.zeros((state.n, 0))
    gap0 = np.maximum(model.target - model.baseline, MIN_GAP)
    open_gap = (state.x < model.target).astype(float) / gap0  # (N, R, K)
    per_cell = (tb.pkg_rt[:, :, :, None] * tb.m_pos[None, None]).sum(axis=2)  # (P, R, K)
    per_cell = per_cell * model.sensitivity * model.vision_weights
    per_cell = per_cell * model.pkg_leverage[:, None, None]
    return _weigh(open_gap.reshape(state.n, -1), per_cell.reshape(tb.P, -1).T)


def decide(
    model: Model,
    state: State,
    policies: list[str] | tuple[str, ...],
    skip: tuple[int, ...] | list[int] = (),
) -> Decisions:
    """Every team's decisions this turn, each team by its policy; teams in `skip` (people,
    whose choices replace the bot's) keep `Decisions.empty`'s defaults.
    """
    tb = model.tables
    n = state.n
    T, P = tb.T, tb.P
    for policy in policies:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
    uses = {p for j, p in enumerate(policies) if j not in skip}
    dec = Decisions.empty(model, n)
    team_budget = tb.by_team.sum(state.budget)  # (N, J)
    open_p = open_packages(model, state)
    mand = mandate_shares_all(model, state) if uses & {"mandate", "solo", "cooperative"} else None
    vis = vision_shares(model, state) if "vision" in uses else None
    neigh = neighbour_shares_all(model, state) if "cooperative" in uses else None
    if "cooperative" in uses and P:
        # the public list: open packages by what they would do where the vision still
        # falls short; every cooperative team can work it out alike, so they converge
        need = need_value(model, state)
        focal_val = np.where(open_p & (need > 0), need, -np.inf)
        focal_order = np.argsort(-focal_val, axis=1, kind="stable")
        coop_bots = np.array([p == "cooperative" and j not in skip for j, p in enumerate(policies)])
        n_coop = int(coop_bots.sum())
        # each pays in proportion to its budget, so all reach their limit on the same package
        coop_budget = (team_budget * coop_bots).sum(axis=1)  # (N,)
    table = _dilemmas_on_table(model, state)
    rows = np.arange(n)
    reacting = []  # the bots that answer the briefing, once every bot has voted
    for j, policy in enumerate(policies):
        if j in skip:
            continue
        u = state.u_bots[:, j] if state.u_bots is not None else np.full((n, T + P + 2), 0.5)
        keep = affordable(model, state.pkg_commit[:, j], team_budget[:, j])
        if policy == "balanced":
            dec.pledges[:, j] = keep
        elif policy in ("mandate", "solo"):
            assert mand is not None
            dec.shares[:, j] = mand[:, j]
            if policy == "mandate" and P:
                dec.pledges[:, j] = keep
                own = by_programme(model)["pkg"][state.programme + 1, j]
                own = np.where(open_p, own, -np.inf)
                pick = own.argmax(axis=1)
                ok = np.isfinite(own.max(axis=1)) & (keep.sum(axis=1) == 0)
                if ok.any():
                    amount = model.pkg_cost[pick] / np.maximum(model.pkg_min_teams[pick], 2)
                    amount = np.minimum(amount, 0.3 * team_budget[:, j])
                    dec.pledges[rows[ok], j, pick[ok]] += amount[ok]
        elif policy == "vision":
            dec.shares[:, j] = vis
            dec.pledges[:, j] = keep
        elif policy == "cooperative":
            assert mand is not None and neigh is not None
            dec.shares[:, j] = COOP_OWN * mand[:, j] + (1 - COOP_OWN) * neigh[:, j]
            dec.pledges[:, j] = keep
            if P:
                # the open packages in the public order of value to the vision: each
                # cooperative team pays its part of the next one while its room lasts
                room = np.maximum(PACKAGE_SHARE * team_budget[:, j] - keep.sum(axis=1), 0.0)
                for rank in range(P):
                    p = focal_order[:, rank]
                    if n_coop >= 2:
                        part = model.pkg_cost[p] * team_budget[:, j] / np.maximum(coop_budget, EPS)
                    else:  # alone among bots: its part, hoping others join
                        part = model.pkg_cost[p] / model.pkg_min_teams[p]
                    ok = np.isfinite(focal_val[rows, p]) & (part <= room + 1e-9)
                    dec.pledges[rows[ok], j, p[ok]] += part[ok]
                    room = np.where(ok, room - part, room)
        elif policy == "random":
            dec.shares[:, j] = _normalise(-np.log(np.maximum(u[:, :T], 1e-12)))
            if P:
                dec.pledges[:, j] = np.where(u[:, T : T + P] < 0.7, keep, 0.0)  # may break
                pick = np.minimum((u[:, -1] * P).astype(int), P - 1)
                ok = (u[:, -2] < 0.3) & open_p[rows, pick]
                amount = u[:, -2] / 0.3 * 0.3 * team_budget[:, j]
                dec.pledges[rows[ok], j, pick[ok]] += amount[ok]
        if policy in ("mandate", "vision", "cooperative", "solo"):
            reacting.append(j)
        if table is not None:
            vote(model, state, j, policy, u, out=dec.votes[:, j], table=table)
        if state.turn == 0 and dec.endorse is not None:  # Decisions.empty: never None
            dec.endorse[:, j] = endorses(model, state, j, policy, u)
    if reacting:
        # the answer to the briefing, with the windows of the options the votes choose
        chosen = tally_votes(model, state, dec.votes) if table is not None else None
        response, hit = shock_response(model, state, chosen)
        react = RESPONSE * hit[:, None]  # (N, 1)
        for j in reacting:
            dec.shares[:, j] = (1 - react) * dec.shares[:, j] + react * response
    return dec


def endorses(model: Model, state: State, j: int, policy: str, u: np.ndarray) -> np.ndarray:
    """(N,) bool: team j signs the shared vision in the first turn. Every policy that works
    toward the vision or with others does; a mandate bot when its mandate shares at least
    half of the vision's weights; a solo bot never; a random one by a coin (its first
    share draw).
    """
    n = state.n
    if policy in ("balanced", "vision", "cooperative"):
        return np.ones(n, dtype=bool)
    if policy == "mandate":
        return np.minimum(state.mandate[:, j], model.vision_weights).sum(axis=1) >= 0.5
    if policy == "random":
        return u[:, 0] < 0.5
    return np.zeros(n, dtype=bool)


def _dilemmas_on_table(model: Model, state: State) -> tuple[Any, ...] | None:
    """(pending (N, Dl'), dilemma events (Dl',), their option counts, their index among the
    dilemmas) for the dilemmas pending in some run; None when there is none.
    """
    tb = model.tables
    if not tb.dilemmas.size:
        return None
    on = state.pending[:, tb.dilemmas]
    act = np.flatnonzero(on.any(axis=0))
    if not act.size:
        return None
    return on[:, act], tb.dilemmas[act], tb.dilemma_options[act], act


def neighbour_shares_all(model: Model, state: State) -> np.ndarray:
    """(N, J, T) for each team, the other teams' last public theme split, weighted by the
    trust between their actors and the team's actors (its own split when it has none).
    """
    tb = model.tables
    J = tb.J
    n = state.n
    # trust is zero where no edge is present (invariants.py): no mask needed
    pair = tb.neigh.sum(state.trust)  # (N, J*J) per unordered pair
    weight = pair[:, tb.neigh_pairs].reshape(n, J, J) * tb.off_diagonal
    tot = weight.sum(axis=2, keepdims=True)
    mix = weight[:, :, 0, None] * state.last_shares[:, None, 0]  # (N, J, T), k in order
    for k in range(1, J):
        mix += weight[:, :, k, None] * state.last_shares[:, None, k]
    return np.where(tot > 0, mix / np.maximum(tot, 1e-12), state.last_shares)


def neighbour_shares(model: Model, state: State, j: int) -> np.ndarray:
    """(N, T) other teams' last public theme split, weighted by trust to team j's actors."""
    return neighbour_shares_all(model, state)[:, j]


def vote(
    model: Model,
    state: State,
    j: int,
    policy: str,
    u: np.ndarray,
    out: np.ndarray | None = None,
    table: tuple[Any, ...] | None = None,
) -> np.ndarray:
    """(N, Ev) the option team j votes for on each pending dilemma (-1 elsewhere); with
    `out` (N, Ev) already -1, only the dilemmas on the table are written into it.
    """
    tb = model.tables
    if out is None:
        out = np.full((state.n, tb.Ev), -1, dtype=np.int64)
    table = _dilemmas_on_table(model, state) if table is None else table
    if table is None:
        return out
    on, dl, n_opt, act = table
    if policy == "random":
        cols = dl % u.shape[1]
        choice = np.minimum((u[:, cols] * n_opt).astype(int), n_opt - 1)
    elif policy in ("vision", "cooperative"):  # the same for every run
        choice = by_programme(model)["vote_vision"][j, act].argmax(axis=1)  # (Dl',)
    else:  # the team's mandate: a lookup by programme (see `by_programme`)
        choice = by_programme(model)["vote"][state.programme + 1, j][:, act].argmax(axis=2)
    out[:, dl] = np.where(on, choice, -1)
    return out
