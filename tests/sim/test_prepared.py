"""The prepared room (game.sim.prepared): a plan answered turn by turn by the outlook over
other futures, never the game's own; what `suunta audit` sets against its best fixed plan.
"""

from __future__ import annotations

import numpy as np

from game.sim import bots, prepared
from game.sim.plans import Plan, apply_plan
from game.sim.runner import team_policies
from game.sim.scoring import score
from game.sim.state import new_state
from game.sim.step import begin_turn, resolve_turn
from tests.conftest import DATA, load_model


def _after_first_briefing(model, runs):
    st = new_state(model, runs.size, model.seed, runs.copy(), draw_ahead=True)
    begin_turn(model, st)
    return st


def test_the_outlook_never_reads_the_games_own_future():
    m = load_model("finland-2040")
    st = _after_first_briefing(m, np.arange(3))
    plan = Plan.even(m).repeat(3)
    pols = team_policies(m, None)
    seen = prepared._outlook(m, st, plan, pols, m.seed, salt=0)
    # another future for the same games: later turns and this turn's deliveries redrawn
    other = st.select(np.arange(3), rngs=False)
    rng = np.random.default_rng(7)
    other.feed[:, 1:] = rng.random(other.feed[:, 1:].shape)
    tb = m.tables
    other.u_events = other.u_events.copy()
    other.u_events[:, tb.Ev + 1 :] = rng.random(other.u_events[:, tb.Ev + 1 :].shape)
    assert np.array_equal(prepared._outlook(m, other, plan, pols, m.seed, salt=0), seen)


def test_the_prepared_room_is_deterministic_and_moves_only_by_its_steps():
    m = load_model("finland-2040")
    seeds = np.arange(6)
    plan = Plan.even(m)
    a, moved = prepared.play_prepared(m, seeds, plan, m.seed)
    b, moved_b = prepared.play_prepared(m, seeds, plan, m.seed)
    assert np.array_equal(a, b) and np.array_equal(moved, moved_b)
    assert moved.shape == (seeds.size, m.n_turns)
    assert set(np.unique(moved)) <= {0.0, *prepared.STEPS}
    assert (moved > 0).any()  # finland-2040's windows and shocks are worth answering


def test_where_it_keeps_its_plan_it_scores_what_the_plan_scores():
    m = load_model(DATA / "mini.yaml")
    seeds = np.arange(8)
    plan = Plan.even(m)
    got, moved = prepared.play_prepared(m, seeds, plan, m.seed)
    st = new_state(m, seeds.size, m.seed, seeds.copy(), draw_ahead=True)
    pols = team_policies(m, None)
    p = plan.repeat(seeds.size)
    for t in range(m.n_turns):
        begin_turn(m, st)
        dec = apply_plan(m, st, p, bots.decide(m, st, pols))
        resolve_turn(m, st, dec, x_only=t == m.n_turns - 1)
    fixed = score(m, st.x, st.mandate).shared
    kept = (moved == 0).all(axis=1)
    assert kept.any()
    assert np.array_equal(got[kept], fixed[kept])
