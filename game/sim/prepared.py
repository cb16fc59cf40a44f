"""The prepared room: a plan made beforehand, answered turn by turn from the briefing.

A fixed plan decides every turn before the game starts. A room that reads its briefing can
do better: when the turn's cards open a window or bring a shock, it weighs moving part of
its split toward the answer (`bots.shock_response`) against keeping its plan, by the
2040 outlook — the rest of the game played from here over a few possible futures, as the
allocation screen's outlook does — and keeps what the outlook prefers.

The futures are other games' draws from this turn on (the cards, elections and package
deliveries still to come, and this turn's deliveries): never the game's own, which the room
cannot know. `suunta audit` plays its best fixed plan this way to see whether answering
the briefing pays (`fixed_plan_win_share`).
"""

from __future__ import annotations

import numpy as np

from game.sim import bots
from game.sim.model import Model
from game.sim.plans import Plan, apply_plan
from game.sim.runner import team_policies
from game.sim.scoring import score
from game.sim.state import State, new_state
from game.sim.step import begin_turn, resolve_turn, tally_votes

STEPS = (0.15, 0.3, 0.5)  # shares of each planned team's split moved toward the answer
FUTURES = 12  # possible futures the outlook plays for each candidate
FUTURE_RUNS = 50_000_000  # run indices of the futures: far from any game's own


def _select(plan: Plan, idx: np.ndarray) -> Plan:
    """The batched plan's runs `idx` (copies)."""
    return Plan(plan.teams.copy(), plan.shares[idx], plan.pledges[idx], plan.votes[idx],
                plan.endorse[idx])  # fmt: skip


def _outlook(model: Model, state: State, plan: Plan, policies: list[str],
             seed: int, salt: int) -> np.ndarray:  # fmt: skip
    """(N,) the mean shared score at the end of the game of each run of `state` (after
    this turn's `begin_turn`) playing batched `plan` from here, over FUTURES futures.
    """
    n = state.n
    idx = np.repeat(np.arange(n), FUTURES)
    roll = state.select(idx, rngs=False)
    # other games' draws: this turn's deliveries and every later turn
    runs = FUTURE_RUNS + salt * FUTURES + np.tile(np.arange(FUTURES), n)
    alt = new_state(model, idx.size, seed, runs, draw_ahead=True)
    assert roll.feed is not None and alt.feed is not None and roll.u_events is not None
    t = state.turn
    roll.feed[:, t + 1 :] = alt.feed[:, t + 1 :]
    tb = model.tables
    roll.u_events = roll.u_events.copy()
    roll.u_events[:, tb.Ev + 1 :] = alt.feed[:, t, tb.Ev + 1 : tb.Ev + 1 + tb.P]
    p = _select(plan, idx)
    for tt in range(t, model.n_turns):
        if tt > t:
            begin_turn(model, roll)
        dec = apply_plan(model, roll, p, bots.decide(model, roll, policies))
        resolve_turn(model, roll, dec, x_only=tt == model.n_turns - 1)
    shared = score(model, roll.x, roll.mandate).shared
    return shared.reshape(n, FUTURES).mean(axis=1)


def play_prepared(
    model: Model, seeds: np.ndarray, plan: Plan, seed: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Play `plan` on every seed as a prepared room: ((S,) shared scores, (S, n_turns)
    the share moved toward the briefing's answer in each turn, 0 where the plan was kept).
    """
    seed = model.seed if seed is None else int(seed)
    S = seeds.size
    pols = team_policies(model, None)
    st = new_state(model, S, seed, seeds.copy(), draw_ahead=True)
    # a copy of its own: the answers are written into it
    batched = plan.repeat(S) if not plan.batched else _select(plan, np.arange(S))
    moved = np.zeros((S, model.n_turns))
    for t in range(model.n_turns):
        begin_turn(model, st)
        dec = apply_plan(model, st, batched, bots.decide(model, st, pols))
        answer, hit = bots.shock_response(model, st, tally_votes(model, st, dec.votes))
        runs = np.flatnonzero(hit)
        if runs.size:
            sub = st.select(runs, rngs=False)
            base = _select(batched, runs)
            cands = [base]
            for w in STEPS:
                c = _select(batched, runs)
                keep = c.shares[:, t].copy()  # (n, J, T)
                c.shares[:, t] = (1 - w) * keep + w * answer[runs, None, :]
                c.shares[:, t, ~plan.teams] = keep[:, ~plan.teams]
                cands.append(c)
            # the same futures for every candidate: their difference is the move's
            got = np.stack([_outlook(model, sub, c, pols, seed, t) for c in cands])  # (C, n)
            pick = got.argmax(axis=0)
            for i in range(1, len(cands)):
                on = runs[pick == i]
                batched.shares[on, t] = cands[i].shares[pick == i, t]
                moved[on, t] = STEPS[i - 1]
            apply_plan(model, st, batched, dec)  # the splits the outlook chose
        resolve_turn(model, st, dec, x_only=t == model.n_turns - 1)
    return score(model, st.x, st.mandate).shared, moved
