"""One turn of the model (docs/design.md: a turn, the model) on a batch of games.

A turn is `begin_turn` (the year advances, events are drawn, an election may bring a new
government programme) followed by `resolve_turn` with every team's decisions. Both take
and leave the state's arrays with a leading run axis; the heavy middle of a resolution
works run-last (`to_lanes`). Nothing here loops over runs except the draws from each
run's own generator, and nothing loops over teams, actors, events or edges: the index
tables of `Model.tables` (game.sim.tables) turn those into gathers and sums. No step uses
a BLAS product on floats (matmul, einsum, dot): every sum adds its terms in a fixed order
whatever the batch size, so run i of a batch is bit-identical to the same run played
alone. docs/performance.md explains each shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from game.sim.model import Model
from game.sim.state import State
from game.sim.tables import Tables, coop_plan

MIN_BUDGET = 0.5  # an actor never drops below this many points per turn
EPS = 1e-9
DELIVERY_LOW, DELIVERY_SPAN = 0.0, 2.0  # a package delivers 0–200 % of its leverage
SLOT_LOOP_AT = 5000  # themes × runs above which cooperation sums edge slots one by one
ACTIVE_EDGES_BELOW = 0.8  # share of weighted edges under which the others are left out


@dataclass
class Decisions:
    """What the teams decided this turn, for every run.

    shares: (N, J, T) split of each team's free effort across themes; rows sum to 1 (a row
        of zeros leaves the effort unused).
    pledges: (N, J, P) effort points per turn each team pledges to each package.
    votes: (N, J, Ev) option index each team votes for on each pending dilemma (-1: none).
    endorse: (N, J) bool, the team signs the shared vision (only the first turn counts;
        None: nobody does).
    agreement: (N,) the multiplier of the vision's trust bonus for a vision the room formed
        (game.sim.vision.trust_factor); None: the scenario's vision, signed as written (1).
    """

    shares: np.ndarray
    pledges: np.ndarray
    votes: np.ndarray
    endorse: np.ndarray | None = None
    agreement: np.ndarray | None = None

    @classmethod
    def empty(cls, model: Model, n: int) -> Decisions:
        """Even shares, no pledges, no votes, no endorsement."""
        J, T = len(model.team_ids), len(model.theme_ids)
        return cls(
            shares=np.full((n, J, T), 1.0 / T),
            pledges=np.zeros((n, J, len(model.package_ids))),
            votes=np.full((n, J, len(model.events)), -1, dtype=np.int64),
            endorse=np.zeros((n, J), dtype=bool),
        )

    def select(self, runs: np.ndarray | list[int] | slice) -> Decisions:
        """The decisions of the given runs only."""
        return Decisions(
            self.shares[runs].copy(),
            self.pledges[runs].copy(),
            self.votes[runs].copy(),
            None if self.endorse is None else self.endorse[runs].copy(),
            None if self.agreement is None else self.agreement[runs].copy(),
        )


@dataclass
class Explanation:
    """What `TurnResult.attribution` is built from, kept so the (N, S, R, K) array is only
    made when someone asks for it (Monte Carlo batches never do). Arrays ending in a run
    axis (`lanes`) are in the step's run-last layout.
    """

    model: Model
    turn: int
    n: int
    sources: np.ndarray  # (S',) the policy sources with a row in `impact`
    impact: np.ndarray  # (S', R, T, lanes) impact of those policy sources
    gain: np.ndarray  # (R, T, lanes) saturated impact per unit of impact
    packages: np.ndarray  # (P',) packages funded in some run
    funded: np.ndarray  # (P', lanes)
    driver_coef: np.ndarray  # (D, lanes) intensity × scale of each driver this turn
    pending: np.ndarray  # (N, Ev)
    chosen: np.ndarray  # (N, Ev)
    f_pos: np.ndarray  # (N, R, K) factor of positive parts (cap × room above)
    f_neg: np.ndarray  # (N, R, K) factor of negative parts (cap × room below)
    shield: np.ndarray  # (N, R, K) the share of events' negative parts that gets through

    def attribution(self) -> np.ndarray:
        """(N, S, R, K) the applied change split by source, in `Model.source_names()`
        order: each source's positive part × f_pos plus its negative part × f_neg.
        """
        m, tb = self.model, self.model.tables
        J, n = tb.J, self.n
        h = self.impact * self.gain  # (S', R, T, lanes)
        M = tb.theme_effects[None, None, :, :, None]
        part = (h[:, :, :, None, :] * M).sum(axis=2) * tb.policy_sens[None, :, :, None]
        if self.packages.size:
            dfx = tb.pkg_direct[self.packages][..., None]
            part[-self.packages.size :] += self.funded[:, None, None, :] * dfx
        pol = np.zeros((n, J + 3 + tb.P) + m.baseline.shape)  # last: trust from packages
        pol[:, self.sources] = part[..., :n].transpose(_FIRST[4])  # (N, S, R, K)
        fp, fn = self.f_pos[:, None], self.f_neg[:, None]
        out = [np.where(pol > 0, pol, 0.0) * fp + np.where(pol < 0, pol, 0.0) * fn]
        dp, dn = m.tables.driver_parts[self.turn]
        coef = self.driver_coef[:, :n].T[:, :, None, None]  # (N, D, 1, 1)
        out.append(coef * (dp * fp + dn * fn))
        evt = np.zeros((n, tb.Ev) + m.baseline.shape)
        rows, events, cid = fired_combos(tb, self.pending, self.chosen)
        evt[rows, events] = tb.combo_pos[cid] * self.f_pos[rows] + tb.combo_neg[cid] * (
            self.shield[rows] * self.f_neg[rows]
        )
        out.append(evt)
        return np.concatenate(out, axis=1)


@dataclass
class TurnResult:
    """What a resolved turn did, for every run; enough to explain every change."""

    turn: int
    x_before: np.ndarray  # (N, R, K)
    x_after: np.ndarray  # (N, R, K)
    fired: np.ndarray  # (N, Ev) bool
    chosen: np.ndarray  # (N, Ev) option index (-1: not a dilemma or not fired)
    funded: np.ndarray  # (N, P) bool: the package ran this turn
    started: np.ndarray  # (N, P) bool: the package was funded for the first time this turn
    lapsed: np.ndarray  # (N, P) bool: a running package lost its funding
    broken: np.ndarray  # (N, J, P) bool: a team paid less than it had committed
    trust_before: np.ndarray  # (N, E)
    trust_after: np.ndarray  # (N, E)
    effort: np.ndarray  # (N, A, T) effort actually spent on themes
    explanation: Explanation = field(repr=False, compare=False)

    @cached_property
    def attribution(self) -> np.ndarray:
        """(N, S, R, K) applied change split by source (sums to Δx within 1e-9); made on
        first access.
        """
        return self.explanation.attribution()


def draw_turn(model: Model, state: State) -> None:
    """Draw this turn's random numbers: one fixed block per run, whatever the policies —
    the events, the election and packages' delivery, then a block per team for bots.
    """
    tb = model.tables
    n = state.n
    if state.feed is not None:  # numbers drawn ahead from the same generators
        u = state.feed[:, state.feed_pos]
        state.feed_pos += 1
    else:
        u = np.empty((n, tb.n_draws))
        for i, rng in enumerate(state.rngs):
            rng.random(out=u[i])
    k = tb.Ev + 1 + tb.P
    state.u_events = u[:, :k]
    state.u_bots = u[:, k:].reshape(n, tb.J, tb.T + tb.P + 2)


def begin_turn(model: Model, state: State) -> np.ndarray:
    """Briefing: draw events and hold any election. Returns the pending events (N, Ev)."""
    if state.turn >= model.n_turns:
        raise ValueError("the game is over: no turn left to begin")
    draw_turn(model, state)
    tb = model.tables
    t = state.turn
    assert state.u_events is not None  # drawn by draw_turn
    u = state.u_events[:, : tb.Ev]
    pending = (u < tb.ev_prob) & tb.ev_turns[t]
    pending &= ~tb.ev_once | (state.ev_count == 0)
    pending &= (tb.ev_cooldown == 0) | ((t - state.ev_last) > tb.ev_cooldown)
    if tb.ev_conditions:  # a condition is evaluated where its event could fire somewhere
        for c in np.flatnonzero(pending[:, tb.ev_cond_events].any(axis=0)):
            i, cond = tb.ev_conditions[c]
            pending[:, i] &= cond(model, state)
    state.pending = pending
    if t in model.election_turns and len(model.programme_ids):
        hold_election(model, state, state.u_events[:, tb.Ev])
    return pending


def hold_election(model: Model, state: State, u: np.ndarray) -> None:
    """A new government programme, drawn by weight, replaces the previous one: its budget
    shifts are undone and the new ones applied, and mandates become the scenario's
    mandates shifted by the new programme (programmes do not stack across terms).
    """
    total = model.programme_weight.sum()
    if not total > 0:  # validation refuses such files; never divide by zero here
        return
    w = model.programme_weight / total
    g = np.minimum(np.searchsorted(np.cumsum(w), u, side="right"), w.size - 1)
    if model.constants.programme_cuts > 0 and model.tables.P:
        cut_packages(model, state, g != state.programme)
    state.programme = g
    state.budget, state.programme_delta = programme_budgets(model, state, state.budget, g)
    state.mandate = model.tables.mandate_by_programme[g + 1]  # (N, J, K), made per model


def programme_budgets(
    model: Model, state: State, budget: np.ndarray, g: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(budgets, the change programme g really made) when programme g replaces the one in
    force: what the previous programme really changed is undone first (the floor may have
    clipped it), so budgets never creep up across terms. The actors of teams that signed
    the shared vision hold their course (model v2): the programme moves their budgets
    only (1 − vision_continuity) of its shift.
    """
    base = budget - state.programme_delta
    shift = model.programme_budget[g]  # (N, A)
    keep = model.constants.vision_continuity
    if keep > 0 and state.signed.any():
        team = model.actor_team
        held = state.signed[:, np.maximum(team, 0)] & (team >= 0)
        shift = shift * np.where(held, 1.0 - keep, 1.0)
    new = np.maximum(base + shift, MIN_BUDGET)
    return new, new - base


def cut_packages(model: Model, state: State, changed: np.ndarray) -> np.ndarray:
    """A new government redirects the running packages that are not protected: a package
    runs on only when every team paying for it signed the shared vision in the first turn
    (model v2: the longer shared view is what carries a decision over a government term).
    Cut packages end without a broken pledge; returns the (N, P) cut.
    """
    paying = state.pkg_commit > EPS  # (N, J, P)
    protected = ~(paying & ~state.signed[:, :, None]).any(axis=1)
    cut = changed[:, None] & (state.pkg_left > 0) & ~protected
    if cut.any():
        state.pkg_left = np.where(cut, 0, state.pkg_left)
        state.pkg_commit = np.where(cut[:, None, :], 0.0, state.pkg_commit)
    return cut


def tally_votes(model: Model, state: State, votes: np.ndarray) -> np.ndarray:
    """The option each pending dilemma takes: plurality of team votes, ties to the lower
    option; with no vote at all, the first option. Returns (N, Ev), -1 where no dilemma.
    """
    tb = model.tables
    chosen = np.full(state.pending.shape, -1, dtype=np.int64)
    if not tb.dilemmas.size:
        return chosen
    on = state.pending[:, tb.dilemmas]
    act = np.flatnonzero(on.any(axis=0))  # dilemmas on the table in some run
    if act.size:
        dl = tb.dilemmas[act]
        v = votes[:, :, dl]  # (N, J, Dl')
        n, n_opt = v.shape[0], tb.max_options
        # votes for each (run, dilemma, option), counted in one pass
        key = (np.arange(n)[:, None, None] * dl.size + np.arange(dl.size)) * n_opt + v
        key = key[(v >= 0) & (v < n_opt)]
        counts = np.bincount(key, minlength=n * dl.size * n_opt).reshape(n, dl.size, n_opt)
        counts = np.where(tb.option_valid[act], counts, -1)
        chosen[:, dl] = np.where(on[:, act], counts.argmax(axis=2), -1)
    return chosen


def _team_sum(model: Model, per_actor: np.ndarray) -> np.ndarray:
    """(N, A, ...) -> (N, J, ...): sum over each team's actors."""
    return model.tables.by_team.sum(per_actor, axis=1)


def finite_non_negative(a: np.ndarray) -> np.ndarray:
    """max(nan_to_num(a), 0): NaN and negative values become 0, +inf the largest float."""
    out = np.fmax(a, 0.0)
    return np.fmin(out, _FLOAT_MAX, out=out)


_FLOAT_MAX = np.finfo(float).max


def fund_packages(model: Model, state: State, pledges: np.ndarray) -> dict[str, np.ndarray]:
    """Decide which packages run this turn and what each team spends on them.

    A running package continues while its pledges cover its cost; a team that pays less
    than it committed breaks its pledge. A new package starts when pledges cover the cost
    and the co-funders meet its requirements. Pledges to packages that do not run are
    returned to the teams' theme effort. Counterfactual runs fund nothing.
    """
    tb = model.tables
    team_budget = tb.by_team.sum(state.budget)  # (N, J)
    pledges = finite_non_negative(pledges)  # a new array: changed in place below
    closed = state.pkg_done & (state.pkg_left == 0)
    if closed.any():
        np.copyto(pledges, 0.0, where=closed[:, None, :])
    tot_team = pledges.sum(axis=2)
    over = tot_team > team_budget
    if over.any():
        pledges *= np.where(over, team_budget / np.maximum(tot_team, EPS), 1.0)[:, :, None]
    total = pledges.sum(axis=1)  # (N, P)
    covered = total >= model.pkg_cost * (1 - 1e-9)
    coop = state.coop[:, None] > 0
    running = state.pkg_left > 0
    # who can start a package: enough teams, and the kinds it needs among their actors
    pledging = pledges > EPS  # (N, J, P)
    n_teams = pledging.sum(axis=1)
    kinds_have = np.bitwise_or.reduce(np.where(pledging, tb.team_kind_bits[:, None], 0), axis=1)
    kinds_ok = (tb.pkg_kind_bits & ~kinds_have) == 0
    startable = ~running & ~state.pkg_done & (n_teams >= model.pkg_min_teams) & kinds_ok
    funded = coop & covered & (running | startable)
    started = funded & ~running
    lapsed = running & ~funded
    broken = (state.pkg_commit > EPS) & (pledges < state.pkg_commit - 1e-9) & running[:, None, :]
    # model v2: a package has the size of its cost; what is pledged beyond it goes back
    # to the teams' themes in proportion (before, every point over the cost still earned
    # the package's leverage, so piling points on packages beat every other use)
    fill = np.minimum(model.pkg_cost / np.maximum(total, EPS), 1.0)  # (N, P)
    spend = np.where(funded[:, None, :], pledges * fill[:, None, :], 0.0)
    return {
        "pledges": pledges,
        "funded": funded,
        "started": started,
        "lapsed": lapsed,
        "broken": broken,
        "spend": spend,
        "team_budget": team_budget,
        # why a package would not start, for the screens: kinds still missing among the
        # pledging teams' actors (bit k: KINDS[k]) and how many teams pledge
        "kinds_missing": tb.pkg_kind_bits & ~kinds_have,
        "teams_pledging": n_teams,
    }


def to_lanes(a: np.ndarray, lanes: int) -> np.ndarray:
    """(N, ...) -> contiguous (..., lanes): the run axis last. A batch of one is doubled to
    two lanes, so every reduction over a model axis keeps a run axis of at least two
    inside it and adds in the same order whatever the batch size.
    """
    b = a.transpose(_LAST[a.ndim])
    if lanes != a.shape[0]:
        return np.concatenate([b, b], axis=-1)
    return np.ascontiguousarray(b)


def from_lanes(a: np.ndarray, n: int) -> np.ndarray:
    """(..., lanes) -> contiguous (N, ...)."""
    return np.ascontiguousarray(a[..., :n].transpose(_FIRST[a.ndim]))


_LAST = {d: tuple(range(1, d)) + (0,) for d in range(1, 8)}  # run axis to the end
_FIRST = {d: (d - 1,) + tuple(range(d - 1)) for d in range(1, 8)}  # and back


def cooperation(
    tb: Tables, effort: np.ndarray, w: np.ndarray, active: np.ndarray | None = None
) -> np.ndarray:
    """(A, T, lanes) Σ_b W[a,b] · min(e[a,t], e[b,t]) over the network's edges (docs/design.md,
    cooperation, O(E·T)), in the run-last layout: effort (A, T, lanes), w (E + 1, lanes) with a
    last row of zeros; `active` (E,) marks the edges with weight in some run.

    Each edge's joint effort is summed at both its ends, in increasing edge order, one
    term after the other: for whole buckets of actors of similar degree at once, or for
    very large batches slot by slot (the same additions in the same order, so the same
    result whatever the batch). Edges without weight in any run add exact zeros and are
    left out.
    """
    if active is None:
        active = np.asarray(w[: tb.E].any(axis=1))
    n_act = int(active.sum())
    if n_act < ACTIVE_EDGES_BELOW * tb.E:
        rows, ends_a, ends_b, buckets = coop_plan(tb, active)
        w = w.take(rows, axis=0)
    else:
        ends_a, ends_b, buckets = tb.edge_a_pad, tb.edge_b_pad, tb.coop_buckets
    joint = effort.take(ends_a, axis=0)
    np.minimum(joint, effort.take(ends_b, axis=0), out=joint)
    joint *= w[:, None, :]
    out = np.zeros(effort.shape)
    slots = joint[0].size > SLOT_LOOP_AT  # large batches: add slot by slot, in cache
    for actors, edges in buckets:
        if slots and edges.shape[1] > 1:
            acc = joint.take(edges[:, 0], axis=0)
            for k in range(1, edges.shape[1]):
                acc += joint.take(edges[:, k], axis=0)
            out[actors] = acc
        else:
            out[actors] = joint.take(edges, axis=0).sum(axis=1)
    return out


def vision_agreement(
    model: Model,
    state: State,
    endorse: np.ndarray,
    trust: np.ndarray,
    present: np.ndarray,
    factor: np.ndarray | None = None,
) -> np.ndarray:
    """The shared vision agreed in the first turn (docs/design.md, yhteinen tahtotila): every
    edge between actors of two teams that sign it (or within one) gains `vision_bonus` ×
    the share of teams that sign, once; the broader the agreement, the larger the bonus,
    which then lasts as trust does. The no-cooperation twin agrees nothing. A vision the
    room formed multiplies the bonus by `factor` (N,) (game.sim.vision.trust_factor).
    """
    signed = endorse & (state.coop[:, None] > 0)  # (N, J)
    if not model.constants.vision_bonus > 0 or not signed.any():
        return trust
    gain = shared_vision_gain(model, signed.sum(axis=1))  # (N,)
    if factor is not None:
        gain = gain * factor
    team_a = model.actor_team[model.edge_a]
    team_b = model.actor_team[model.edge_b]
    both = (team_a >= 0) & (team_b >= 0)
    both = signed[:, np.maximum(team_a, 0)] & signed[:, np.maximum(team_b, 0)] & both
    return trust + np.asarray(gain)[:, None] * (both & present)


def shared_vision_gain(model: Model, signing: np.ndarray | int) -> np.ndarray | float:
    """The trust the shared vision adds between the actors of signing teams when
    `signing` of the teams sign: `vision_bonus` × the share of teams that sign.
    """
    return model.constants.vision_bonus * (signing / len(model.team_ids))


def _dot(spec: str, a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """`np.einsum(spec, a, b)` without BLAS, for one summed index that is never the
    innermost axis of the output: einsum's inner loop then runs along a kept axis (the
    runs, at least two long) and adds the summed index term by term in order, the same
    sums as `(a * b).sum(axis)` without its temporary product, so a run's result does not
    depend on the batch around it. tests/sim/test_fast_paths.py checks each contraction
    the step makes against the broadcast sum bit for bit.
    """
    return np.einsum(spec, a, b, out=out, optimize=False)


def fired_combos(
    tb: Tables, pending: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, events, combos): every fired event of every run, sorted by run and then in
    deck order, with the index of what it does (a dilemma: with the option chosen).
    """
    rows, events = np.nonzero(pending)
    combos = tb.combo_base[events] + np.maximum(chosen[rows, events], 0)
    return rows, events, combos


def _saturate(total: np.ndarray, room: np.ndarray) -> np.ndarray:
    """The factor that turns a raw change `total` ≥ 0 toward a bound `room` ≥ 0 away into
    room·(1 − e^(−total/room)), per unit of change: never more than the room, close to 1
    while the change is small beside it, 0 at the bound.
    """
    total = np.maximum(total, 0.0)
    applied = room * -np.expm1(-total / np.maximum(room, EPS))
    applied = np.where(room > 0, applied, 0.0)
    return np.divide(applied, total, out=np.where(room > 0, 1.0, 0.0), where=total > EPS)


def _live_lanes(coop: np.ndarray) -> slice | np.ndarray | None:
    """The lanes of runs that cooperate (a slice when they are one block), at least two
    (a single one is repeated); None when no run cooperates.
    """
    live = np.flatnonzero(coop > 0)
    if live.size == 0:
        return None
    if live.size == 1:
        return np.array([live[0], live[0]])
    if live[-1] - live[0] == live.size - 1:
        return slice(int(live[0]), int(live[-1]) + 1)
    return live


def resolve_turn(
    model: Model, state: State, dec: Decisions, x_only: bool = False
) -> TurnResult | None:
    """Resolution (docs/design.md): compute the turn, update the state, explain every change.

    The heavy middle (effort, cooperation, impact, the parts of every source) runs in a
    run-last layout (`to_lanes`), where every operation is long and contiguous along the
    runs; the state keeps its run-first arrays. With `x_only` (a projection's last turn)
    only the indicators move on: the rest of the state is left as it was, and nothing is
    returned.
    """
    tb = model.tables
    c = model.constants
    n = state.n
    lanes = max(n, 2)
    t = state.turn
    J, P, T = tb.J, tb.P, tb.T
    x0 = state.x  # replaced below, never changed in place
    trust_before = state.trust

    # -- packages and effort ------------------------------------------------------------
    fund = fund_packages(model, state, dec.pledges)
    spend = fund["spend"]  # (N, J, P)
    funded = fund["funded"]
    team_budget = fund["team_budget"]
    free = np.maximum(team_budget - spend.sum(axis=2), 0.0)  # (N, J)
    shares = finite_non_negative(dec.shares)
    tot = shares.sum(axis=2, keepdims=True)
    shares = np.where(tot > 1.0, shares / np.maximum(tot, EPS), shares)
    # each team's free effort is split among its actors in proportion to their budgets
    budget = state.budget
    tof = tb.team_of
    budget_l = to_lanes(budget, lanes)  # (A, lanes)
    free_l, shares_l = to_lanes(free, lanes), to_lanes(shares, lanes)  # (J, lanes), (J, T, L)
    frac = budget_l / np.maximum(to_lanes(team_budget, lanes)[tof], EPS)
    frac *= free_l[tof]
    effort = frac[:, None, :] * shares_l[tof]  # (A, T, lanes)
    if tb.has_bots:
        effort[tb.bot_idx] = budget_l[tb.bot_idx, None, :] * tb.bot_effort_share[:, :, None]
    base = tb.competence[:, :, None] * effort

    # -- cooperation over the network's edges (design.md: cooperation) ------------------------
    live = _live_lanes(state.coop) if c.sigma > 0 else None
    synergy = synergy_pkg = None
    if live is not None:  # counterfactual twins have no synergy: their edges are skipped
        tw = state.trust[live]  # (runs, E): zero where no edge is present (invariants.py)
        w = np.zeros((tb.E + 1, tw.shape[0]))  # run-last, with the dummy edge
        w[: tb.E] = tw.T
        coop_s = (
            cooperation(tb, effort[:, :, live], w, np.asarray(tw.any(axis=0))) / tb.mean_budget0
        )
        coop_l = to_lanes(state.coop, lanes)[live]
        synergy = base[:, :, live] * (c.sigma * coop_l) * coop_s
        tp = state.trust_pkg[live]
        if tp.any():
            # the part of the synergy that rides on trust packages built (linear in the
            # trust), a source of its own: the why-chart shows it beside the packages
            w[: tb.E] = tp.T
            pkg_s = (
                cooperation(tb, effort[:, :, live], w, np.asarray(tp.any(axis=0))) / tb.mean_budget0
            )
            synergy_pkg = base[:, :, live] * (c.sigma * coop_l) * pkg_s
            synergy = synergy - synergy_pkg
        else:
            synergy_pkg = None

    # -- impact by region type, per source (S_pol, R, T, lanes) --------------------------
    # Only sources that act in some run get a row (`sources` names them): the others
    # are zero, and leaving zeros out of a sum taken in order changes nothing.
    R = tb.R
    act_p = np.flatnonzero(funded.any(axis=0)) if P else np.zeros(0, dtype=np.int64)
    groups = tb.group_ids
    sources = np.concatenate(
        [
            groups,
            [J + 1] if synergy is not None else [],
            [J + 2 + P] if synergy_pkg is not None else [],  # trust built by packages
            J + 2 + act_p,
        ]
    ).astype(np.int64)
    impact = np.empty((sources.size, R, T, lanes))
    based = base.take(tb.by_group.order, axis=0)  # (A, T, lanes) in group order
    for row, (s0, s1) in enumerate(tb.group_slices):
        _dot("ar,atl->rtl", tb.reach_group[s0:s1], based[s0:s1], out=impact[row])
    row = groups.size
    if synergy is not None:
        if isinstance(live, slice) and live == slice(0, lanes):
            _dot("ar,atl->rtl", model.reach, synergy, out=impact[row])
        else:
            impact[row] = 0.0
            impact[row][..., live] = _dot("ar,atl->rtl", model.reach, synergy)
        row += 1
    if synergy_pkg is not None:
        impact[row] = 0.0
        impact[row][..., live] = _dot("ar,atl->rtl", model.reach, synergy_pkg)
        row += 1
    # delivery risk: a package delivers between 0 % and 200 % of its leverage, drawn
    # each turn it runs, so cooperation pays on average but is not a sure thing
    if act_p.size:
        assert state.u_events is not None  # drawn by begin_turn
        delivery = DELIVERY_LOW + DELIVERY_SPAN * state.u_events[:, tb.Ev + 1 + act_p]
        power = model.pkg_leverage[act_p] * spend[:, :, act_p].sum(axis=1) * delivery  # (N, P')
        impact[row:] = to_lanes(power, lanes)[:, None, None, :] * tb.pkg_rt[act_p][..., None]
    # the cards of this turn (a dilemma: with the option voted for)
    chosen = tally_votes(model, state, dec.votes)
    rows, _, cid = fired_combos(tb, state.pending, chosen)
    total = impact.sum(axis=0)  # (R, T, lanes)
    saturated = c.kappa * -np.expm1(-total / c.kappa)  # κ(1 − e^(−I/κ))
    gain = np.divide(saturated, total, out=np.zeros_like(total), where=total > 0)
    if rows.size and tb.combo_has_boost[cid].any():
        # a window of opportunity (model v2): a card the briefing showed multiplies what
        # each theme's effort does in its region types this turn, after the diminishing
        # returns (so a room that moves effort there gains the whole boost), every source
        # alike (so the attribution still adds up); a fixed plan gains only by chance
        boost = to_lanes(tb.combo_boosts.combine(np.multiply, rows, cid, n).reshape(n, R, T), lanes)
        saturated *= boost
        gain *= boost

    # -- the positive and negative parts of every source, summed (R, K, lanes) -----------
    # Policy: every source of a column whose theme weights and package effects share one
    # sign has that sign, so the column's parts sum to Σ_t M[t,k]·P[r,t]; only columns
    # with mixed signs are split source by source.
    M = tb.theme_effects
    pol = _dot("rtl,tk->rkl", saturated, M)
    pol *= tb.policy_sens[:, :, None]
    funded_l = to_lanes(funded[:, act_p], lanes).astype(float)  # (P', lanes)
    direct = np.flatnonzero(tb.has_direct[act_p])  # rows of funded_l
    if direct.size:
        pol += _dot("pl,prk->rkl", funded_l[direct], tb.pkg_direct[act_p[direct]])
    sign = tb.sign_col[None, :, None]
    pos = np.where(sign > 0, pol, 0.0)
    neg = np.where(sign < 0, pol, 0.0)
    km = tb.mixed_cols
    if km.size:
        h = impact * gain  # (S', R, T, lanes)
        src = _dot("srtl,tk->srkl", h, M[:, km])
        src *= tb.policy_sens[:, km][None, :, :, None]  # (S', R, Km, lanes)
        if act_p.size:
            dfx = tb.pkg_direct[act_p][:, :, km][..., None]
            src[-act_p.size :] += funded_l[:, None, None, :] * dfx
        pos[:, km] = np.where(src > 0, src, 0.0).sum(axis=0)
        neg[:, km] = np.where(src < 0, src, 0.0).sum(axis=0)
    # resilience (model v2): what an event takes away is shielded where this turn's
    # policy works on the same indicator and region type, e^(−policy gain / ρ), so a room
    # that answers the shocks it was shown in the briefing suffers less from them
    shield = None
    if c.resilience > 0:
        shield = np.exp(-np.maximum(pos, 0.0) / c.resilience)  # (R, K, lanes)
    # drivers: a driver's coefficient has the sign of its intensity (scales are ≥ 0)
    coef = np.zeros((0, lanes))
    if tb.D:
        # runs whose drivers no event has rescaled share sums made once per model (the
        # same numbers: the same products added in the same order)
        scaled = np.flatnonzero((state.driver_scale != 1.0).any(axis=1))
        coef = model.driver_intensity[:, t, None] * to_lanes(state.driver_scale, lanes)
        pn = np.empty((2,) + pos.shape)
        pn[...] = tb.driver_unscaled[t][..., None]
        if scaled.size > lanes // 4:  # many: all runs at once (the same sums)
            pn = _dot("dl,dxrk->xrkl", coef, tb.driver_pn[t])
        elif scaled.size:
            pn[..., scaled] = _dot("dl,dxrk->xrkl", coef[:, scaled], tb.driver_pn[t])
        pos += pn[0]
        neg += pn[1]
    # events: what each fired card (and the option voted for) does, each run's cards
    # added (driver scales multiplied) in deck order, starting from zero (one)
    budget_delta = trust_delta = scale_by = None
    if rows.size:
        # each run's cards (and options voted for), added in deck order from zero: only
        # their non-zero entries are touched (SparseRows)
        eff = tb.combo_sums.combine(np.add, rows, cid, n)  # (N, 2·R·K + A)
        RK = pos.shape[0] * pos.shape[1]
        part = eff[:, : 2 * RK].T.reshape((2,) + pos.shape[:2] + (n,))
        pos[..., :n] += part[0]
        neg[..., :n] += part[1] if shield is None else part[1] * shield[..., :n]
        if tb.combo_has_budget[cid].any():
            budget_delta = eff[:, 2 * RK :]
        if tb.combo_has_trust[cid].any():
            # trust effects touch many edges: the drawn cards' rows, summed in deck order
            sel = tb.combo_has_trust[cid]
            present_c = np.bincount(cid[sel], minlength=tb.combo_has_trust.size) > 0
            hit = np.zeros((int(present_c.sum()), lanes))  # (fired cards, lanes) 0 or 1
            hit[(np.cumsum(present_c) - 1)[cid[sel]], rows[sel]] = 1.0
            rows_t = present_c[tb.combo_has_trust]  # combo_trust has the trust combos' rows
            trust_delta = _dot("cl,ce->le", hit, tb.combo_trust[rows_t])[:n]
        if tb.combo_has_scale[cid].any():
            scale_by = tb.combo_scales.combine(np.multiply, rows, cid, n)
    pos = from_lanes(pos, n)  # (N, R, K)
    neg = from_lanes(neg, n)
    shield_n = np.ones_like(pos) if shield is None else from_lanes(shield, n)

    # -- bounded update with exact attribution (model v2) -----------------------------------
    # Each sign's raw total saturates only as it nears the bound: the
    # room r to the bound is approached as r·(1 − e^(−Δ/r)), so a change that is small
    # beside the room is applied almost whole wherever the indicator stands (the v1 rule
    # scaled everything by the room, so a weak region moved 2–3× as much as a strong one
    # for the same effort). Every part of one sign is scaled by the same factor.
    f_pos = _saturate(pos, 100.0 - x0)
    f_neg = _saturate(-neg, x0)
    x1 = x0 + (pos * f_pos + neg * f_neg)
    np.minimum(np.maximum(x1, 0.0, out=x1), 100.0, out=x1)
    state.x = x1
    if x_only:
        return None

    # -- trust (docs/design.md) -------------------------------------------------------------
    # overlap of two actors' theme mixes; an actor's mix is its team's split (or, for an
    # actor no team plays, its own fixed split), so it is computed once per pair of mixes
    tot_sh = shares_l.sum(axis=1)  # (J, lanes)
    has = (free_l > 0) & (tot_sh > 0)
    mixes = np.empty((J + tb.bot_mix.shape[0], T, lanes))  # teams' mixes, then bots'
    mixes[:J] = 0.0
    np.divide(shares_l, tot_sh[:, None], out=mixes[:J], where=has[:, None])
    mixes[J:] = tb.bot_mix_l
    cp = tb.dyn_pairs  # pairs of two bots' fixed mixes have a fixed overlap
    ov = mixes.take(cp[:, 0], axis=0)  # (Cd, T, lanes)
    np.minimum(ov, mixes.take(cp[:, 1], axis=0), out=ov)
    ov_sum = ov[:, 0].copy()
    for th in range(1, tb.T):  # summed over themes in order
        ov_sum += ov[:, th]
    # α × overlap per pair of mixes (the teams' pairs, then the fixed pairs of two bots'
    # mixes), gathered to the edges run-first
    ov_sum *= c.alpha
    pair_ov = np.empty((n, cp.shape[0] + tb.const_ov.size))
    pair_ov[:, : cp.shape[0]] = ov_sum[:, :n].T
    pair_ov[:, cp.shape[0] :] = c.alpha * tb.const_ov
    a_overlap = pair_ov.take(tb.edge_ov_col, axis=1)  # (N, E) α × overlap
    present = state.present
    trust = state.trust + a_overlap
    trust_pkg = state.trust_pkg  # the part of each edge's trust that packages built
    if P and (funded.any() or state.pkg_commit.any()):
        # model v2: a package ties only the lead actors of the teams paying for it (one
        # edge per pair of paying teams and package, `Tables.lead_edges`), so the trust a
        # package builds stays small beside what the package itself does
        paid = (spend > EPS).astype(np.int64)  # (N, J, P)
        committed = (state.pkg_commit > EPS).astype(np.int64)
        if tb.lead_pkg.size:
            both_l = paid[:, tb.lead_team_a, tb.lead_pkg] * paid[:, tb.lead_team_b, tb.lead_pkg]
            # (N, E) exact integer counts, summed edge by edge over the lead pairs that use
            # it (a matmul with the (L, E) table cost most of the turn)
            edges, pairs = tb.lead_edges  # sorted by edge
            cof = np.zeros((n, tb.E))
            if edges.size:
                starts = np.flatnonzero(np.r_[True, edges[1:] != edges[:-1]])
                cof[:, edges[starts]] = np.add.reduceat(both_l[:, pairs], starts, axis=1)
            created = (cof > 0) & ~present
            if created.any():
                trust = np.where(created, c.new_edge_trust + a_overlap, trust)
                present = present | created
            trust += c.cofund_bonus * cof
            trust_pkg = trust_pkg + c.cofund_bonus * cof + c.new_edge_trust * created
        bc = fund["broken"].astype(np.int64) @ committed.transpose(0, 2, 1)
        betray_jj = (bc + bc.transpose(0, 2, 1)) * tb.off_diagonal_int  # between teams only
        if betray_jj.any():
            pairs = np.zeros((n, J * J + 1))
            pairs[:, : J * J] = betray_jj.reshape(n, J * J)
            pairs *= c.beta
            trust -= pairs.take(tb.edge_pair, axis=1)
    if t == 0 and dec.endorse is not None:
        trust = vision_agreement(model, state, dec.endorse, trust, present, dec.agreement)
        state.signed = dec.endorse & (state.coop[:, None] > 0)
    trust -= c.delta * trust
    if trust_delta is not None:
        trust += trust_delta
    np.minimum(np.maximum(trust, 0.0, out=trust), 1.0, out=trust)
    trust *= present  # no trust without an edge
    state.trust = trust
    # the packages' part fades as all trust does, and never exceeds the edge's trust
    state.trust_pkg = np.minimum(trust_pkg - c.delta * trust_pkg, trust)
    state.present = present

    # -- everything else moves on ----------------------------------------------------------
    if t == 0 and state.signed.any() and model.constants.vision_continuity > 0:
        # the first turn's election was drawn before anyone could sign: signing the vision
        # holds the course against that programme too, from the next turn on
        team = model.actor_team
        held = state.signed[:, np.maximum(team, 0)] & (team >= 0) & (state.programme >= 0)[:, None]
        if held.any():
            kept, delta = programme_budgets(model, state, budget, np.maximum(state.programme, 0))
            budget = np.where(held, kept, budget)
            state.programme_delta = np.where(held, delta, state.programme_delta)
    if budget_delta is not None:
        budget = budget + budget_delta
    state.budget = np.maximum(budget, MIN_BUDGET)
    if scale_by is not None:
        state.driver_scale = state.driver_scale * scale_by
    started, lapsed = fund["started"], fund["lapsed"]
    pkg_left = np.where(started, model.pkg_duration, state.pkg_left)
    state.pkg_left = np.where(funded, pkg_left - 1, np.where(lapsed, 0, pkg_left))
    state.pkg_done = state.pkg_done | started
    state.pkg_commit = np.where(funded[:, None, :] & (state.pkg_left[:, None, :] > 0), spend, 0.0)
    fired = state.pending
    state.ev_count = state.ev_count + fired
    state.ev_last = np.where(fired, t, state.ev_last)
    result = TurnResult(
        turn=t,
        x_before=x0,
        x_after=x1,
        fired=fired,
        chosen=chosen,
        funded=funded,
        started=started,
        lapsed=lapsed,
        broken=fund["broken"],
        trust_before=trust_before,
        trust_after=state.trust,
        effort=effort[..., :n].transpose(_FIRST[3]),
        explanation=Explanation(
            model,
            t,
            n,
            sources,
            impact,
            gain,
            act_p,
            funded_l,
            coef,
            fired,
            chosen,
            f_pos,
            f_neg,
            shield_n,
        ),
    )
    state.pending = np.zeros_like(fired)
    state.last_shares = np.where(free[:, :, None] > 0, shares, state.last_shares)
    state.turn = t + 1
    return result
