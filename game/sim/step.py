"""One turn of the model (GAME.md §2–3) on a batch of games.

A turn is `begin_turn` (the year advances, events are drawn, an election may bring a new
government programme) followed by `resolve_turn` with every team's decisions. Both work
on arrays with a leading run axis; nothing here loops over runs except the draws from
each run's own generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim import conditions
from game.sim.model import Model
from game.sim.state import State

MIN_BUDGET = 0.5  # an actor never drops below this many points per turn
EPS = 1e-9
DELIVERY_LOW, DELIVERY_SPAN = 0.0, 2.0  # a package delivers 0–200 % of its leverage


@dataclass
class Decisions:
    """What the teams decided this turn, for every run.

    shares: (N, J, T) split of each team's free effort across themes; rows sum to 1 (a row
        of zeros leaves the effort unused).
    pledges: (N, J, P) effort points per turn each team pledges to each package.
    votes: (N, J, Ev) option index each team votes for on each pending dilemma (-1: none).
    """

    shares: np.ndarray
    pledges: np.ndarray
    votes: np.ndarray

    @classmethod
    def empty(cls, model: Model, n: int) -> Decisions:
        """Even shares, no pledges, no votes."""
        J, T = len(model.team_ids), len(model.theme_ids)
        return cls(
            shares=np.full((n, J, T), 1.0 / T),
            pledges=np.zeros((n, J, len(model.package_ids))),
            votes=np.full((n, J, len(model.events)), -1, dtype=np.int64),
        )


@dataclass
class TurnResult:
    """What a resolved turn did, for every run; enough to explain every change."""

    turn: int
    x_before: np.ndarray  # (N, R, K)
    x_after: np.ndarray  # (N, R, K)
    attribution: np.ndarray  # (N, S, R, K): applied change split by source (sums to Δx)
    fired: np.ndarray  # (N, Ev) bool
    chosen: np.ndarray  # (N, Ev) option index (-1: not a dilemma or not fired)
    funded: np.ndarray  # (N, P) bool: the package ran this turn
    started: np.ndarray  # (N, P) bool: the package was funded for the first time this turn
    lapsed: np.ndarray  # (N, P) bool: a running package lost its funding
    broken: np.ndarray  # (N, J, P) bool: a team paid less than it had committed
    trust_before: np.ndarray  # (N, E)
    trust_after: np.ndarray  # (N, E)
    effort: np.ndarray  # (N, A, T) effort actually spent on themes


def draw_turn(model: Model, state: State) -> None:
    """Draw this turn's random numbers: a fixed block per run, whatever the policies."""
    J, T, P, Ev = (
        len(model.team_ids),
        len(model.theme_ids),
        len(model.package_ids),
        len(model.events),
    )
    ue = np.empty((state.n, Ev + 1 + P))  # events, the election, packages' delivery
    ub = np.empty((state.n, J, T + P + 2))
    for i, rng in enumerate(state.rngs):
        ue[i] = rng.random(Ev + 1 + P)
        ub[i] = rng.random((J, T + P + 2))
    state.u_events, state.u_bots = ue, ub


def begin_turn(model: Model, state: State) -> np.ndarray:
    """Briefing: draw events and hold any election. Returns the pending events (N, Ev)."""
    if state.turn >= model.n_turns:
        raise ValueError("the game is over: no turn left to begin")
    draw_turn(model, state)
    t = state.turn
    pending = np.zeros((state.n, len(model.events)), dtype=bool)
    for i, ev in enumerate(model.events):
        if not ev.turns[t]:
            continue
        ok = state.u_events[:, i] < ev.probability
        if ev.once:
            ok &= state.ev_count[:, i] == 0
        if ev.cooldown:
            ok &= (t - state.ev_last[:, i]) > ev.cooldown
        if ok.any() and ev.condition is not None:
            ok &= conditions.holds(ev.condition, model, state)
        pending[:, i] = ok
    state.pending = pending
    if t in model.election_turns and len(model.programme_ids):
        hold_election(model, state, state.u_events[:, len(model.events)])
    return pending


def hold_election(model: Model, state: State, u: np.ndarray) -> None:
    """A new government programme, drawn by weight, replaces the previous one: its budget
    shifts are undone and the new ones applied, and mandates become the scenario's
    mandates shifted by the new programme (programmes do not stack across terms).
    """
    w = model.programme_weight / model.programme_weight.sum()
    g = np.minimum(np.searchsorted(np.cumsum(w), u, side="right"), w.size - 1)
    old = state.programme
    undo = np.where((old >= 0)[:, None], model.programme_budget[np.maximum(old, 0)], 0.0)
    state.programme = g
    state.budget = np.maximum(state.budget - undo + model.programme_budget[g], MIN_BUDGET)
    m = np.maximum(model.mandate_indicators[None] + model.programme_mandate[g], 0.0)
    tot = m.sum(axis=2, keepdims=True)
    state.mandate = np.divide(m, tot, out=np.full_like(m, 1.0 / m.shape[2]), where=tot > 0)


def tally_votes(model: Model, state: State, votes: np.ndarray) -> np.ndarray:
    """The option each pending dilemma takes: plurality of team votes, ties to the lower
    option; with no vote at all, the first option. Returns (N, Ev), -1 where no dilemma.
    """
    chosen = np.full(state.pending.shape, -1, dtype=np.int64)
    for i, ev in enumerate(model.events):
        if not ev.is_dilemma:
            continue
        counts = np.stack([(votes[:, :, i] == o).sum(axis=1) for o in range(len(ev.options))], 1)
        chosen[:, i] = np.where(state.pending[:, i], counts.argmax(axis=1), -1)
    return chosen


def _team_sum(model: Model, per_actor: np.ndarray) -> np.ndarray:
    """(N, A, ...) -> (N, J, ...): sum over each team's actors."""
    J = len(model.team_ids)
    out = np.zeros((per_actor.shape[0], J) + per_actor.shape[2:])
    for j in range(J):
        out[:, j] = per_actor[:, model.actor_team == j].sum(axis=1)
    return out


def fund_packages(model: Model, state: State, pledges: np.ndarray) -> dict[str, np.ndarray]:
    """Decide which packages run this turn and what each team spends on them.

    A running package continues while its pledges cover its cost; a team that pays less
    than it committed breaks its pledge. A new package starts when pledges cover the cost
    and the co-funders meet its requirements. Pledges to packages that do not run are
    returned to the teams' theme effort. Counterfactual runs fund nothing.
    """
    n, J, P = pledges.shape
    team_budget = _team_sum(model, state.budget[:, :, None])[:, :, 0]  # (N, J)
    pledges = np.maximum(np.nan_to_num(pledges), 0.0)
    pledges = np.where(state.pkg_done[:, None, :] & (state.pkg_left[:, None, :] == 0), 0.0, pledges)
    tot_team = pledges.sum(axis=2)
    scale = np.where(tot_team > team_budget, team_budget / np.maximum(tot_team, EPS), 1.0)
    pledges = pledges * scale[:, :, None]
    total = pledges.sum(axis=1)  # (N, P)
    covered = total >= model.pkg_cost[None, :] * (1 - 1e-9)
    coop = state.coop[:, None] > 0
    running = state.pkg_left > 0
    # who can start a package: enough teams, and the kinds it needs among their actors
    pledging = pledges > EPS  # (N, J, P)
    n_teams = pledging.sum(axis=1)
    team_kinds = np.zeros((J, 3), dtype=bool)
    for a, j in enumerate(model.actor_team):
        if j >= 0:
            team_kinds[j, model.actor_kind[a]] = True
    kinds_have = (pledging[:, :, :, None] & team_kinds[None, :, None, :]).any(axis=1)  # N,P,3
    kinds_ok = (kinds_have | ~model.pkg_kinds[None, :, :]).all(axis=2)
    startable = ~running & ~state.pkg_done & (n_teams >= model.pkg_min_teams[None, :]) & kinds_ok
    funded = coop & covered & (running | startable)
    started = funded & ~running
    lapsed = running & ~funded
    broken = (state.pkg_commit > EPS) & (pledges < state.pkg_commit - 1e-9) & running[:, None, :]
    spend = np.where(funded[:, None, :], pledges, 0.0)
    return {
        "pledges": pledges,
        "funded": funded,
        "started": started,
        "lapsed": lapsed,
        "broken": broken,
        "spend": spend,
        "team_budget": team_budget,
    }


def resolve_turn(model: Model, state: State, dec: Decisions) -> TurnResult:
    """Resolution (GAME.md §3): compute the turn, update the state, explain every change."""
    c = model.constants
    n = state.n
    t = state.turn
    J, T = len(model.team_ids), len(model.theme_ids)
    x0 = state.x.copy()
    trust_before = state.trust.copy()

    # -- packages and effort ------------------------------------------------------------
    fund = fund_packages(model, state, dec.pledges)
    spend = fund["spend"]  # (N, J, P)
    team_budget = fund["team_budget"]
    free = np.maximum(team_budget - spend.sum(axis=2), 0.0)  # (N, J)
    shares = np.clip(np.nan_to_num(dec.shares), 0.0, None)
    tot = shares.sum(axis=2, keepdims=True)
    shares = np.where(tot > 1.0, shares / np.maximum(tot, EPS), shares)
    # each team's free effort is split among its actors in proportion to their budgets
    frac = np.zeros((n, len(model.actor_ids)))
    for j in range(J):
        idx = model.actor_team == j
        b = state.budget[:, idx]
        frac[:, idx] = b / np.maximum(team_budget[:, j : j + 1], EPS) * free[:, j : j + 1]
    team_of = np.maximum(model.actor_team, 0)
    effort = frac[:, :, None] * shares[:, team_of, :]  # (N, A, T)
    bots = model.actor_team < 0
    effort[:, bots, :] = state.budget[:, bots, None] * model.bot_shares[None, bots, :]

    # -- cooperation over the network's edges (GAME.md §3.1–2) ---------------------------
    w = np.where(state.present, state.trust, 0.0)  # (N, E)
    joint = np.minimum(effort[:, model.edge_a, :], effort[:, model.edge_b, :]) * w[:, :, None]
    coop_s = np.zeros_like(effort)
    np.add.at(coop_s, (slice(None), model.edge_a), joint)
    np.add.at(coop_s, (slice(None), model.edge_b), joint)
    coop_s /= model.budget0.mean()
    base = model.competence[None] * effort  # (N, A, T)
    synergy = base * (c.sigma * state.coop[:, None, None]) * coop_s

    # -- impact by region type, per source -----------------------------------------------
    P = len(model.package_ids)
    S_pol = J + 2 + P
    impact = np.zeros((n, S_pol, model.reach.shape[1], T))  # (N, S, R, T)
    for j in range(J):
        idx = model.actor_team == j
        impact[:, j] = (model.reach[None, idx, :, None] * base[:, idx, None, :]).sum(axis=1)
    impact[:, J] = (model.reach[None, bots, :, None] * base[:, bots, None, :]).sum(axis=1)
    impact[:, J + 1] = (model.reach[None, :, :, None] * synergy[:, :, None, :]).sum(axis=1)
    # delivery risk: a package delivers between 0 % and 200 % of its leverage, drawn
    # each turn it runs, so cooperation pays on average but is not a sure thing
    delivery = DELIVERY_LOW + DELIVERY_SPAN * state.u_events[:, len(model.events) + 1 :]
    pkg_power = model.pkg_leverage[None, :] * spend.sum(axis=1) * delivery  # (N, P)
    impact[:, J + 2 :] = (
        pkg_power[:, :, None, None]
        * model.pkg_reach[None, :, :, None]
        * model.pkg_themes[None, :, None, :]
    )
    total = impact.sum(axis=1)  # (N, R, T)
    saturated = c.kappa * -np.expm1(-total / c.kappa)  # κ(1 − e^(−I/κ))
    share = np.divide(impact, total[:, None], out=np.zeros_like(impact), where=total[:, None] > 0)
    pol = (share * saturated[:, None])[..., None] * model.theme_effects[None, None, None]
    pol = pol.sum(axis=3) * (c.policy_scale * model.sensitivity[None, None])  # (N, S, R, K)
    # packages' direct effects land on the package's own source
    pol[:, J + 2 :] += fund["funded"][:, :, None, None] * model.pkg_direct[None]

    # -- drivers and events ----------------------------------------------------------------
    drv = (model.driver_intensity[:, t][None, :] * state.driver_scale)[
        :, :, None, None
    ] * model.driver_effects[None]  # (N, D, R, K)
    chosen = tally_votes(model, state, dec.votes)
    evt = np.zeros((n, len(model.events)) + model.baseline.shape)
    budget_delta = np.zeros_like(state.budget)
    trust_delta = np.zeros_like(state.trust)
    scale = np.ones_like(state.driver_scale)
    for i, ev in enumerate(model.events):
        on = state.pending[:, i]
        if not on.any():
            continue
        sets = [(on, ev.effects)]
        sets += [(on & (chosen[:, i] == o), fx) for o, fx in enumerate(ev.option_effects)]
        for mask, fx in sets:
            m = mask.astype(float)
            evt[:, i] += m[:, None, None] * fx.indicator[None]
            budget_delta += m[:, None] * fx.budget[None]
            trust_delta += m[:, None] * fx.trust[None]
            scale *= np.where(mask[:, None], fx.driver_scale[None], 1.0)

    # -- bounded update with exact attribution (GAME.md §3.7) ------------------------------
    parts = np.concatenate([pol, drv, evt], axis=1)  # (N, S, R, K)
    pos = np.where(parts > 0, parts, 0.0)
    neg = np.where(parts < 0, parts, 0.0)
    pos_sum, neg_sum = pos.sum(axis=1), neg.sum(axis=1)
    # cap the raw totals at ±100 so the scaled update can never leave 0..100
    pos = pos * np.where(pos_sum > 100, 100 / np.maximum(pos_sum, EPS), 1.0)[:, None]
    neg = neg * np.where(neg_sum < -100, -100 / np.minimum(neg_sum, -EPS), 1.0)[:, None]
    attribution = pos * ((100 - x0) / 100)[:, None] + neg * (x0 / 100)[:, None]
    x1 = np.clip(x0 + attribution.sum(axis=1), 0.0, 100.0)
    state.x = x1

    # -- trust (GAME.md §3.8) --------------------------------------------------------------
    eff_tot = effort.sum(axis=2, keepdims=True)
    mix = np.divide(effort, eff_tot, out=np.zeros_like(effort), where=eff_tot > 0)
    overlap = np.minimum(mix[:, model.edge_a], mix[:, model.edge_b]).sum(axis=2)  # (N, E)
    ta, tb = model.actor_team[model.edge_a], model.actor_team[model.edge_b]
    cofund = np.zeros_like(state.trust)
    betray = np.zeros_like(state.trust)
    paid = spend > EPS  # (N, J, P)
    committed = state.pkg_commit > EPS
    for j1 in range(J):
        for j2 in range(J):
            on_edge = ((ta == j1) & (tb == j2)) | ((ta == j2) & (tb == j1))
            if not on_edge.any():
                continue
            both = (paid[:, j1] & paid[:, j2]).sum(axis=1)  # packages co-funded
            if j1 == j2:
                broke = np.zeros(n)  # a broken pledge hurts trust between teams only
            else:
                broke = (fund["broken"][:, j1] & committed[:, j2]).sum(axis=1)
                broke = broke + (fund["broken"][:, j2] & committed[:, j1]).sum(axis=1)
                broke = broke / 2  # the pair (j1, j2) is visited twice
                both = both / 2
            cofund += np.where(on_edge[None], both[:, None], 0.0)
            betray += np.where(on_edge[None], broke[:, None], 0.0)
    created = (cofund > 0) & ~state.present
    trust = np.where(created, c.new_edge_trust, state.trust)
    present = state.present | created
    trust = trust + c.alpha * overlap + c.cofund_bonus * cofund - c.beta * betray
    trust = trust - c.delta * trust + trust_delta
    state.trust = np.where(present, np.clip(trust, 0.0, 1.0), 0.0)
    state.present = present

    # -- everything else moves on ----------------------------------------------------------
    state.budget = np.maximum(state.budget + budget_delta, MIN_BUDGET)
    state.driver_scale = state.driver_scale * scale
    funded = fund["funded"]
    state.pkg_left = np.where(fund["started"], model.pkg_duration[None], state.pkg_left)
    state.pkg_left = np.where(
        funded, state.pkg_left - 1, np.where(fund["lapsed"], 0, state.pkg_left)
    )
    state.pkg_done = state.pkg_done | fund["started"]
    state.pkg_commit = np.where(funded[:, None, :] & (state.pkg_left[:, None, :] > 0), spend, 0.0)
    state.ev_count = state.ev_count + state.pending
    state.ev_last = np.where(state.pending, t, state.ev_last)
    result = TurnResult(
        turn=t,
        x_before=x0,
        x_after=x1,
        attribution=attribution,
        fired=state.pending.copy(),
        chosen=chosen,
        funded=funded,
        started=fund["started"],
        lapsed=fund["lapsed"],
        broken=fund["broken"],
        trust_before=trust_before,
        trust_after=state.trust.copy(),
        effort=effort,
    )
    state.pending = np.zeros_like(state.pending)
    state.last_shares = np.where(free[:, :, None] > 0, shares, state.last_shares)
    state.turn = t + 1
    return result
