"""The reference turn: one run's resolution, written plainly, step by step, in the model's
symbols (docs/model.md, "Resolution").

Read this file first to learn the model. `game.sim.step.resolve_turn` computes the same
turn for a whole batch of runs at once, with index tables, a run-last layout and sums in
a fixed order; this file computes it for one run with loops over actors, themes, edges
and events, so that each equation stands on its own, once. The two must agree:
tests/sim/test_reference.py checks, on random states and decisions, that they give the
same state to 1e-9. Change them together.

Symbols (one run, one turn t):

    A actors a, b · J teams j, k · T themes t · K indicators k · R region types r
    P packages q · D drivers d · E edges e = (a, b) of the network
    x[r,k]   indicator, 0..100           W[e]     trust of an edge, 0..1
    W_pkg[e] the part of W[e] that co-funded packages built
    B[a]     an actor's budget            B_j      a team's budget, Σ of its actors'
    p[j,q]   points team j pledges to q   s[j,q]   points it really spends on q
    e[a,t]   effort of actor a on theme t c[a,t]   its competence
    S[a,t]   cooperation over a's edges   f[a,t]   effective effort
    I[r,t]   impact                       P[r,t]   saturated impact, κ(1 − e^(−I/κ))
    M[t,k]   theme effects                sens[r,k] sensitivity

Nothing here is fast; nothing here should be made fast. The batch step is the one to
optimise, and this file is what it must keep computing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.sim.model import Model
from game.sim.state import State
from game.sim.step import DELIVERY_LOW, DELIVERY_SPAN, EPS, MIN_BUDGET, Decisions

FLOAT_MAX = float(np.finfo(float).max)
COVER_TOLERANCE = 1e-9  # pledges cover a cost when they reach cost × (1 − this)
BROKEN_TOLERANCE = 1e-9  # a pledge is broken when it falls short of the commitment by more


@dataclass
class RunState:
    """One run's state: the fields of `game.sim.state.State` a turn reads or changes, for
    that run only, as plain arrays.
    """

    turn: int
    x: np.ndarray  # (R, K)
    budget: np.ndarray  # (A,)
    trust: np.ndarray  # (E,)
    trust_pkg: np.ndarray  # (E,) the part of `trust` co-funded packages built
    present: np.ndarray  # (E,) bool
    driver_scale: np.ndarray  # (D,)
    pkg_left: np.ndarray  # (P,) int
    pkg_done: np.ndarray  # (P,) bool
    pkg_commit: np.ndarray  # (J, P)
    ev_count: np.ndarray  # (Ev,) int
    ev_last: np.ndarray  # (Ev,) int
    pending: np.ndarray  # (Ev,) bool: the events `begin_turn` drew
    signed: np.ndarray  # (J,) bool
    programme: int  # the government programme in force (-1: the initial one)
    programme_delta: np.ndarray  # (A,) the budget change that programme really made
    last_shares: np.ndarray  # (J, T)
    coop: float  # 1 in a real game, 0 in its no-cooperation twin
    u_events: np.ndarray  # (Ev + 1 + P,) this turn's draws: events, election, deliveries

    @classmethod
    def of(cls, state: State, run: int = 0) -> RunState:
        """Run `run` of a batch state, copied (after `begin_turn`: its draws are needed)."""
        if state.u_events is None:
            raise ValueError("begin_turn has not drawn this turn yet")
        return cls(
            turn=state.turn,
            x=state.x[run].copy(),
            budget=state.budget[run].copy(),
            trust=state.trust[run].copy(),
            trust_pkg=state.trust_pkg[run].copy(),
            present=state.present[run].copy(),
            driver_scale=state.driver_scale[run].copy(),
            pkg_left=state.pkg_left[run].copy(),
            pkg_done=state.pkg_done[run].copy(),
            pkg_commit=state.pkg_commit[run].copy(),
            ev_count=state.ev_count[run].copy(),
            ev_last=state.ev_last[run].copy(),
            pending=state.pending[run].copy(),
            signed=state.signed[run].copy(),
            programme=int(state.programme[run]),
            programme_delta=state.programme_delta[run].copy(),
            last_shares=state.last_shares[run].copy(),
            coop=float(state.coop[run]),
            u_events=state.u_events[run].copy(),
        )


@dataclass
class ReferenceTurn:
    """What one resolved turn gives: the run's new state and what happened in it."""

    state: RunState  # after the turn (turn + 1, no events pending)
    chosen: np.ndarray  # (Ev,) option each dilemma took (-1: not a dilemma or not drawn)
    funded: np.ndarray  # (P,) bool: the package ran this turn
    started: np.ndarray  # (P,) bool
    lapsed: np.ndarray  # (P,) bool
    broken: np.ndarray  # (J, P) bool: team j paid q less than it had committed
    effort: np.ndarray  # (A, T) e[a,t]


def clean(v: float) -> float:
    """A number from the teams' decisions as the model takes it: NaN and negative values
    are 0, +inf is the largest float (so it can still be scaled down).
    """
    v = float(v)
    return min(v, FLOAT_MAX) if v > 0 else 0.0


def reference_turn(
    model: Model, state: State | RunState, dec: Decisions, run: int = 0
) -> ReferenceTurn:
    """Resolve one run's turn from the model's equations, without changing `state`.

    Args:
        model: the compiled scenario.
        state: a batch state after `begin_turn` (run `run` is used), or one run's state.
        dec: the teams' decisions; row `run` is used.
        run: which run of `state` and `dec`.

    Returns:
        The run's state after the turn and what happened in it.
    """
    s = state if isinstance(state, RunState) else RunState.of(state, run)
    shares_in = np.asarray(dec.shares[run], dtype=float)  # (J, T)
    pledges_in = np.asarray(dec.pledges[run], dtype=float)  # (J, P)
    votes = np.asarray(dec.votes[run])  # (J, Ev)
    endorse = None if dec.endorse is None else np.asarray(dec.endorse[run], dtype=bool)

    fund = packages(model, s, pledges_in)
    e, shares, free = effort(model, s, shares_in, fund.spend)
    synergy = cooperation(model, s, e)
    sources = impact_by_source(model, s, e, synergy, fund)
    chosen = tally(model, s, votes)
    boost = windows(model, s, chosen)
    pos, neg = policy_parts(model, sources, boost)
    shield = resilience_shield(model, pos)
    drivers(model, s, pos, neg)
    fx = events(model, s, chosen, shield, pos, neg)
    x = bounded_update(s.x, pos, neg)

    factor = 1.0 if dec.agreement is None else float(dec.agreement[run])
    trust = trust_update(model, s, shares, free, fund, endorse, fx.trust, factor)
    new = move_on(model, s, fund, shares, free, fx)
    new.x = x
    new.trust, new.trust_pkg, new.present, new.signed = trust
    hold_course(model, s, new, fx.budget)
    return ReferenceTurn(new, chosen, fund.funded, fund.started, fund.lapsed, fund.broken, e)


# -- 1. packages ---------------------------------------------------------------------------


@dataclass
class Funding:
    """Step 1's outcome: which packages run and what every team spends on them."""

    team_budget: np.ndarray  # (J,) B_j
    pledges: np.ndarray  # (J, P) p[j,q] after cleaning and capping
    spend: np.ndarray  # (J, P) s[j,q]
    funded: np.ndarray  # (P,) bool
    started: np.ndarray  # (P,) bool
    lapsed: np.ndarray  # (P,) bool
    broken: np.ndarray  # (J, P) bool


def team_budgets(model: Model, budget: np.ndarray) -> np.ndarray:
    """B_j = Σ_{a in team j} B[a]."""
    out = np.zeros(len(model.team_ids))
    for a, j in enumerate(model.actor_team):
        if j >= 0:
            out[j] += budget[a]
    return out


def packages(model: Model, s: RunState, pledges_in: np.ndarray) -> Funding:
    """Step 1, packages: which run this turn, who pays what, whose pledge is broken."""
    J, P = len(model.team_ids), len(model.package_ids)
    B = team_budgets(model, s.budget)
    p = np.zeros((J, P))
    for j in range(J):
        for q in range(P):
            # a package that has run its course takes no more pledges
            closed = s.pkg_done[q] and s.pkg_left[q] == 0
            p[j, q] = 0.0 if closed else clean(pledges_in[j, q])
    for j in range(J):
        # a team pledges at most its budget B_j: beyond it, its pledges shrink in proportion
        total_j = 0.0
        for q in range(P):
            total_j += float(p[j, q])  # two +inf pledges make +inf: the row counts 0
        if total_j > B[j]:
            p[j] *= B[j] / total_j
    funded = np.zeros(P, dtype=bool)
    started = np.zeros(P, dtype=bool)
    lapsed = np.zeros(P, dtype=bool)
    broken = np.zeros((J, P), dtype=bool)
    spend = np.zeros((J, P))
    for q in range(P):
        total = sum(p[j, q] for j in range(J))
        covered = total >= model.pkg_cost[q] * (1 - COVER_TOLERANCE)
        running = s.pkg_left[q] > 0
        # a new package needs min_teams pledging teams whose actors have the kinds it needs
        pledging = [j for j in range(J) if p[j, q] > EPS]
        kinds = {
            int(model.actor_kind[a])
            for a in range(len(model.actor_ids))
            if model.actor_team[a] in pledging
        }
        kinds_ok = all(k in kinds for k in np.flatnonzero(model.pkg_kinds[q]))
        startable = not s.pkg_done[q] and len(pledging) >= model.pkg_min_teams[q] and kinds_ok
        # the no-cooperation twin funds nothing
        funded[q] = s.coop > 0 and covered and (running or startable)
        started[q] = funded[q] and not running
        lapsed[q] = running and not funded[q]
        for j in range(J):
            committed = s.pkg_commit[j, q]
            broken[j, q] = running and committed > EPS and p[j, q] < committed - BROKEN_TOLERANCE
        if funded[q]:
            # a package has the size of its cost: pledges beyond it go back to the themes
            fill = min(model.pkg_cost[q] / max(total, EPS), 1.0)
            for j in range(J):
                spend[j, q] = p[j, q] * fill
    return Funding(B, p, spend, funded, started, lapsed, broken)


# -- 2. effort -----------------------------------------------------------------------------


def effort(
    model: Model, s: RunState, shares_in: np.ndarray, spend: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step 2, effort e[a,t]: a team's free points, split over its actors by budget and
    over themes by its shares; actors no team plays split their budget by competence.

    Returns e (A, T), the team's shares as used (J, T) and its free points (J,).
    """
    J, T = len(model.team_ids), len(model.theme_ids)
    B = team_budgets(model, s.budget)
    # free_j = max(B_j − Σ_q s[j,q], 0)
    free = np.array([max(B[j] - sum(spend[j]), 0.0) for j in range(J)])
    shares = np.zeros((J, T))
    for j in range(J):
        for t in range(T):
            shares[j, t] = clean(shares_in[j, t])
        # shares summing over 1 are normalised; under 1, the rest of the effort is unused
        total = 0.0
        for t in range(T):
            total += float(shares[j, t])
        if total > 1.0:
            shares[j] /= total
    e = np.zeros((len(model.actor_ids), T))
    for a, j in enumerate(model.actor_team):
        if j >= 0:  # e[a,t] = free_j · B[a] / B_j · share[j,t]
            e[a] = free[j] * s.budget[a] / max(B[j], EPS) * shares[j]
        else:  # e[a,t] = B[a] · c[a,t] / Σ_t c[a,t]  (evenly without competence)
            c = model.competence[a]
            e[a] = s.budget[a] * (c / c.sum() if c.sum() > 0 else np.full(T, 1.0 / T))
    return e, shares, free


# -- 3. cooperation ------------------------------------------------------------------------


def cooperation(model: Model, s: RunState, e: np.ndarray) -> dict[str, np.ndarray]:
    """Step 3, the synergy part of effective effort f[a,t] = c[a,t]·e[a,t]·(1 + σ·S[a,t]),
    S[a,t] = Σ_b W[a,b] · min(e[a,t], e[b,t]) / B̄ over the network's edges, B̄ the mean
    of the scenario's initial budgets.

    Returns c[a,t]·e[a,t]·σ·S[a,t] in two parts, by where the trust came from: the part
    riding on W_pkg, the trust co-funded packages built ("package-trust"), and the part
    riding on the rest, W − W_pkg ("cooperation"). Both are zero in the no-cooperation
    twin.
    """
    sigma = model.constants.sigma
    S = np.zeros(e.shape)  # on W − W_pkg
    S_pkg = np.zeros(e.shape)  # on W_pkg
    if sigma > 0 and s.coop > 0:
        for i in range(model.edge_a.size):
            a, b = model.edge_a[i], model.edge_b[i]
            for t in range(e.shape[1]):
                joint = min(e[a, t], e[b, t])  # W is 0 where no edge is present
                for part, w in ((S, s.trust[i] - s.trust_pkg[i]), (S_pkg, s.trust_pkg[i])):
                    part[a, t] += w * joint
                    part[b, t] += w * joint
    own = model.competence * e * (sigma * s.coop) / model.budget0.mean()
    return {"cooperation": own * S, "package-trust": own * S_pkg}


# -- 4. impact by source -------------------------------------------------------------------


@dataclass
class Source:
    """One source of policy change: its impact I_s[r,t] and direct effects (R, K)."""

    name: str
    impact: np.ndarray  # (R, T)
    direct: np.ndarray | None = None


def impact_by_source(
    model: Model, s: RunState, e: np.ndarray, synergy: dict[str, np.ndarray], fund: Funding
) -> list[Source]:
    """Step 4, impact I[r,t] = Σ_a reach[a,r]·f[a,t] + Σ_q packages', kept per source:
    each team's actors, the actors no team plays ("others"), the two parts of the synergy
    (step 3) and each running package (leverage × spending × delivery, spread over its
    reach and themes; delivery is drawn uniformly in DELIVERY_LOW..DELIVERY_LOW +
    DELIVERY_SPAN).
    """
    R, T = model.baseline.shape[0], len(model.theme_ids)
    J = len(model.team_ids)
    own = model.competence * e  # c[a,t]·e[a,t]
    teams = [np.zeros((R, T)) for _ in range(J)]
    others = np.zeros((R, T))
    for a, j in enumerate(model.actor_team):
        into = teams[j] if j >= 0 else others
        for r in range(R):
            into[r] += model.reach[a, r] * own[a]
    out = [Source(f"team:{model.team_ids[j]}", teams[j]) for j in range(J)]
    out.append(Source("others", others))
    for name, syn in synergy.items():
        impact = np.zeros((R, T))
        for a in range(len(model.actor_ids)):
            for r in range(R):
                impact[r] += model.reach[a, r] * syn[a]
        out.append(Source(name, impact))
    n_ev = len(model.events)
    for q in np.flatnonzero(fund.funded):
        delivery = DELIVERY_LOW + DELIVERY_SPAN * s.u_events[n_ev + 1 + q]
        power = model.pkg_leverage[q] * fund.spend[:, q].sum() * delivery
        rt = np.outer(model.pkg_reach[q], model.pkg_themes[q])  # (R, T)
        out.append(Source(f"package:{model.package_ids[q]}", power * rt, model.pkg_direct[q]))
    return out


def windows(model: Model, s: RunState, chosen: np.ndarray) -> np.ndarray:
    """Windows of opportunity: W[r,t], the product of the boosts of every card drawn this
    turn (a dilemma's with the option chosen, see `tally`); 1 where nothing is boosted.
    Step 5 multiplies P[r,t] by it, in this turn only.
    """
    R, T = model.baseline.shape[0], len(model.theme_ids)
    w = np.ones((R, T))
    for i, ev in enumerate(model.events):
        if not s.pending[i]:
            continue
        sets = [ev.effects] + ([ev.option_effects[chosen[i]]] if ev.is_dilemma else [])
        for f in sets:
            w = w * f.boost_or_ones((R, T))
    return w


# -- 5–7. saturation, policy change, resilience --------------------------------------------


def policy_parts(
    model: Model, sources: list[Source], boost: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Steps 5–6: diminishing returns P[r,t] = κ(1 − e^(−I[r,t]/κ)), shared out among the
    sources in proportion to their impact, then each source's policy change
    Δpol_s[r,k] = policy_scale · Σ_t M[t,k] · P_s[r,t] · sens[r,k] (+ a package's direct
    effects). Returns the sums of the sources' positive parts and of their negative parts.
    """
    c = model.constants
    R, K = model.baseline.shape
    T = len(model.theme_ids)
    total = np.zeros((R, T))
    for src in sources:
        total += src.impact
    gain = np.zeros((R, T))  # P[r,t] / I[r,t]
    for r in range(R):
        for t in range(T):
            if total[r, t] > 0:
                gain[r, t] = c.kappa * -math.expm1(-total[r, t] / c.kappa) / total[r, t]
    if boost is not None:  # windows: W[r,t] · P[r,t]
        gain = gain * boost
    pos, neg = np.zeros((R, K)), np.zeros((R, K))
    for src in sources:
        part = np.zeros((R, K))
        for r in range(R):
            for k in range(K):
                for t in range(T):
                    part[r, k] += gain[r, t] * src.impact[r, t] * model.theme_effects[t, k]
                part[r, k] *= c.policy_scale * model.sensitivity[r, k]
        if src.direct is not None:
            part += src.direct
        pos += np.maximum(part, 0.0)
        neg += np.minimum(part, 0.0)
    return pos, neg


def resilience_shield(model: Model, policy_pos: np.ndarray) -> np.ndarray:
    """Step 7, resilience: the share of an event's negative part that gets through,
    e^(−Δpol⁺[r,k] / ρ), Δpol⁺ the sum of the sources' positive parts of step 6 (before
    drivers and events): a cell this turn's policy raises is shielded from shocks (ρ = 0:
    no shield).
    """
    rho = model.constants.resilience
    if not rho > 0:
        return np.ones(policy_pos.shape)
    return np.exp(-policy_pos / rho)


# -- 8. drivers and events -----------------------------------------------------------------


def drivers(model: Model, s: RunState, pos: np.ndarray, neg: np.ndarray) -> None:
    """Step 8, drivers: Δdrv[r,k] = Σ_d intensity_d(t) · scale_d · D[d,r,k], each driver's
    positive and negative parts added to `pos` and `neg`.
    """
    for d in range(len(model.driver_ids)):
        part = model.driver_intensity[d, s.turn] * s.driver_scale[d] * model.driver_effects[d]
        pos += np.maximum(part, 0.0)
        neg += np.minimum(part, 0.0)


def tally(model: Model, s: RunState, votes: np.ndarray) -> np.ndarray:
    """Each drawn dilemma takes the option most teams voted for; a tie goes to the option
    listed first, and with no valid vote it is the first option. Returns (Ev,) with -1
    where no dilemma was drawn.
    """
    chosen = np.full(len(model.events), -1, dtype=np.int64)
    for i, ev in enumerate(model.events):
        if not (ev.is_dilemma and s.pending[i]):
            continue
        count = [0] * len(ev.options)
        for v in votes[:, i]:
            if 0 <= v < len(ev.options):  # votes for no option are not counted
                count[int(v)] += 1
        chosen[i] = count.index(max(count))
    return chosen


@dataclass
class EventEffects:
    """What the drawn events (and the options voted for) do besides the indicators."""

    budget: np.ndarray  # (A,) budget change, kept for the rest of the game
    trust: np.ndarray  # (E,) trust change
    driver_scale: np.ndarray  # (D,) multiplier of each driver for the rest of the game


def events(
    model: Model,
    s: RunState,
    chosen: np.ndarray,
    shield: np.ndarray,
    pos: np.ndarray,
    neg: np.ndarray,
) -> EventEffects:
    """Step 8, events: each drawn card's indicator effect (a dilemma's plus the chosen
    option's) is split by sign into `pos` and `neg`, its negative part × the shield.
    """
    fx = EventEffects(
        np.zeros(len(model.actor_ids)), np.zeros(model.edge_a.size), np.ones(s.driver_scale.size)
    )
    for i, ev in enumerate(model.events):
        if not s.pending[i]:
            continue
        sets = [ev.effects] + ([ev.option_effects[chosen[i]]] if ev.is_dilemma else [])
        indicator = sum(f.indicator for f in sets)
        pos += np.maximum(indicator, 0.0)
        neg += np.minimum(indicator, 0.0) * shield
        for f in sets:
            fx.budget += f.budget
            fx.trust += f.trust
            fx.driver_scale *= f.driver_scale
    return fx


# -- 9. bounded update ---------------------------------------------------------------------


def bounded_update(x: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Step 9, bounded update: each sign's raw total Δ⁺ (Δ⁻) saturates toward its bound,
    the room r being 100 − x upward and x downward: the applied change is
    r·(1 − e^(−Δ/r)), almost Δ while Δ is small beside r and never beyond the bound.
    """
    out = x.copy()
    for r in range(x.shape[0]):
        for k in range(x.shape[1]):
            up, down = 100.0 - x[r, k], x[r, k]
            rise = up * -math.expm1(-pos[r, k] / up) if up > 0 else 0.0
            fall = down * -math.expm1(neg[r, k] / down) if down > 0 else 0.0
            out[r, k] = min(max(x[r, k] + rise - fall, 0.0), 100.0)
    return out


# -- 10. trust -----------------------------------------------------------------------------


def package_leads(model: Model) -> np.ndarray:
    """(J, P) each team's lead actor for each package: its actor with the largest
    (competence on the package's themes) × (reach over its region types) × initial budget.
    """
    J, P = len(model.team_ids), len(model.package_ids)
    lead = np.full((J, P), -1, dtype=np.int64)
    for q in range(P):
        best = np.full(J, -np.inf)
        for a, j in enumerate(model.actor_team):
            if j < 0:
                continue
            fit = (
                (model.competence[a] @ model.pkg_themes[q])
                * (model.reach[a] @ model.pkg_reach[q])
                * model.budget0[a]
            )
            if fit > best[j]:  # the first actor wins a tie
                best[j], lead[j, q] = fit, a
    return lead


def theme_mix(model: Model, shares: np.ndarray, free: np.ndarray) -> np.ndarray:
    """(A, T) each actor's theme mix: its team's shares normalised (zero when the team has
    no free points or no shares), or for an actor no team plays its own fixed split.
    """
    mix = np.zeros((len(model.actor_ids), len(model.theme_ids)))
    for a, j in enumerate(model.actor_team):
        if j >= 0:
            total = shares[j].sum()
            if free[j] > 0 and total > 0:
                mix[a] = shares[j] / total
        else:
            c = model.competence[a]
            split = c / c.sum() if c.sum() > 0 else np.full(c.size, 1.0 / c.size)
            mix[a] = split / split.sum()
    return mix


def trust_update(
    model: Model,
    s: RunState,
    shares: np.ndarray,
    free: np.ndarray,
    fund: Funding,
    endorse: np.ndarray | None,
    event_trust: np.ndarray,
    factor: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Step 10, trust: W += α·overlap + cofund_bonus·(packages co-funded by the edge's
    lead actors) − β·(pledges broken between its teams) (+ the shared vision in the first
    turn), then W −= δ·W, plus events' trust, clipped to 0..1 and 0 without an edge. The
    packages' part W_pkg gains what co-funding adds, fades alike and never exceeds W.

    Returns the new W (E,), W_pkg (E,), the edges present (E,) and the teams that signed
    (J,).
    """
    c = model.constants
    J, P, E = len(model.team_ids), len(model.package_ids), model.edge_a.size
    team = model.actor_team
    W = s.trust.copy()
    W_pkg = s.trust_pkg.copy()
    present = s.present.copy()
    signed = s.signed.copy()

    # α · overlap(mix[a], mix[b]) = α · Σ_t min(mix[a,t], mix[b,t]), on every edge
    mix = theme_mix(model, shares, free)
    overlap = np.zeros(E)
    for i in range(E):
        a, b = model.edge_a[i], model.edge_b[i]
        overlap[i] = c.alpha * sum(min(mix[a, t], mix[b, t]) for t in range(mix.shape[1]))
    W += overlap

    # co-funding: for each package and each pair of teams that both pay for it, the edge
    # between their lead actors gains cofund_bonus; an edge that was not there is made,
    # starting at new_edge_trust; both gains are the packages' part W_pkg too
    edge_of = {
        (int(a), int(b)): i for i, (a, b) in enumerate(zip(model.edge_a, model.edge_b, strict=True))
    }
    lead = package_leads(model)
    cofunded = np.zeros(E)
    for q in range(P):
        for j in range(J):
            for k in range(j + 1, J):
                if fund.spend[j, q] > EPS and fund.spend[k, q] > EPS:
                    a, b = sorted((int(lead[j, q]), int(lead[k, q])))
                    e = edge_of.get((a, b))
                    if e is not None:
                        cofunded[e] += 1
    for i in range(E):
        if cofunded[i] > 0 and not present[i]:
            W[i] = c.new_edge_trust + overlap[i]
            W_pkg[i] += c.new_edge_trust
            present[i] = True
        W[i] += c.cofund_bonus * cofunded[i]
        W_pkg[i] += c.cofund_bonus * cofunded[i]

    # broken pledges: −β on every edge between two teams, for each package where one of
    # them broke its pledge while the other had a commitment to it
    for i in range(E):
        ja, jb = team[model.edge_a[i]], team[model.edge_b[i]]
        if ja < 0 or jb < 0 or ja == jb:
            continue
        n = 0
        for q in range(P):
            n += bool(fund.broken[ja, q] and s.pkg_commit[jb, q] > EPS)
            n += bool(fund.broken[jb, q] and s.pkg_commit[ja, q] > EPS)
        W[i] -= c.beta * n

    # the shared vision (first turn only): edges between actors of signing teams gain
    # vision_bonus × the share of teams that sign; the no-cooperation twin signs nothing
    if s.turn == 0 and endorse is not None:
        signed = endorse & (s.coop > 0)
        if c.vision_bonus > 0 and signed.any():
            gain = c.vision_bonus * signed.sum() / J * factor  # factor: a room-formed vision
            for i in range(E):
                ja, jb = team[model.edge_a[i]], team[model.edge_b[i]]
                if present[i] and ja >= 0 and jb >= 0 and signed[ja] and signed[jb]:
                    W[i] += gain

    W -= c.delta * W  # fading
    W += event_trust
    W = np.clip(W, 0.0, 1.0)
    W[~present] = 0.0  # no trust without an edge
    W_pkg = np.minimum(W_pkg - c.delta * W_pkg, W)  # fades as all trust, at most W
    return W, W_pkg, present, signed


# -- 12. signing holds the course against the first turn's election -----------------------


def hold_course(model: Model, s: RunState, new: RunState, event_budget: np.ndarray) -> None:
    """The first turn's election was drawn before anyone could sign the vision: when teams
    sign in that turn, the programme elected then moves their actors' budgets only
    (1 − vision_continuity) of its shift, from the next turn on (as later elections do).
    Sets `new`'s budgets (then events' changes, then the floor) and programme change.
    """
    keep = model.constants.vision_continuity
    if s.turn != 0 or s.programme < 0 or not keep > 0 or not new.signed.any():
        return
    delta = s.programme_delta.copy()
    for a in range(model.budget0.size):
        j = model.actor_team[a]
        if j < 0 or not new.signed[j]:
            continue
        base = s.budget[a] - s.programme_delta[a]  # as if the programme had not shifted it
        held = max(base + (1.0 - keep) * model.programme_budget[s.programme, a], MIN_BUDGET)
        delta[a] = held - base
        new.budget[a] = max(held + event_budget[a], MIN_BUDGET)
    new.programme_delta = delta


# -- 11. everything else moves on ----------------------------------------------------------


def move_on(
    model: Model,
    s: RunState,
    fund: Funding,
    shares: np.ndarray,
    free: np.ndarray,
    fx: EventEffects,
) -> RunState:
    """Budgets (events' changes, floor MIN_BUDGET), drivers' scales, packages' turns left
    and commitments, events' counts, last turn's public shares, the turn. Indicators,
    trust, edges and signatures are set by the caller.
    """
    t = s.turn
    pkg_left = s.pkg_left.copy()
    commit = np.zeros(s.pkg_commit.shape)
    for q in range(pkg_left.size):
        if fund.started[q]:
            pkg_left[q] = model.pkg_duration[q]
        if fund.funded[q]:
            pkg_left[q] -= 1
            if pkg_left[q] > 0:  # what each team paid is its commitment for next turn
                commit[:, q] = fund.spend[:, q]
        elif fund.lapsed[q]:
            pkg_left[q] = 0
    last_shares = s.last_shares.copy()
    for j in range(free.size):
        if free[j] > 0:
            last_shares[j] = shares[j]
    return RunState(
        turn=t + 1,
        x=s.x,
        budget=np.maximum(s.budget + fx.budget, MIN_BUDGET),
        trust=s.trust,
        trust_pkg=s.trust_pkg,
        present=s.present,
        driver_scale=s.driver_scale * fx.driver_scale,
        pkg_left=pkg_left,
        pkg_done=s.pkg_done | fund.started,
        pkg_commit=commit,
        ev_count=s.ev_count + s.pending,
        ev_last=np.where(s.pending, t, s.ev_last),
        pending=np.zeros_like(s.pending),
        signed=s.signed,
        programme=s.programme,
        programme_delta=s.programme_delta,
        last_shares=last_shares,
        coop=s.coop,
        u_events=s.u_events,
    )
