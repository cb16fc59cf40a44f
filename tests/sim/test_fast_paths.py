"""The shortcuts the optimised step takes give exactly what the plain computation gives
(docs/performance.md): drawing ahead, chunked batches, the deduplicated first turn of a
projection, leaving zero-weight edges out, compiled conditions."""

import numpy as np
import pytest

from game.scenario.conditions import parse_condition
from game.sim import bots, conditions, runner, step
from game.sim.runner import Game, play_batch
from game.sim.state import clone_rng, new_state, state_hash
from game.sim.step import Decisions, begin_turn, resolve_turn
from game.sim.vision import trust_factor
from tests.conftest import DATA, SCENARIOS, load_model

MODELS = ["mini", "finland"]


@pytest.fixture(params=MODELS)
def model(request):
    return request.getfixturevalue(request.param)


def plain_projection(game: Game, seeds: int) -> np.ndarray:
    """Game.project as first written: every seed its own generator, every turn for all."""
    st = game.state.select([0] * seeds)
    st.coop[:] = 1.0
    st.rngs = [clone_rng(game.state.rngs[0])] + [
        np.random.Generator(np.random.PCG64([game.seed, 7919, i])) for i in range(1, seeds)
    ]
    out = [st.x.copy()]
    began = game.began
    for _ in range(game.state.turn, game.model.n_turns):
        if not began:
            begin_turn(game.model, st)
        began = False
        dec = bots.decide(game.model, st, game.policies)
        for j in game.human:
            dec.shares[:, j] = game.human_decisions.shares[0, j]
            dec.pledges[:, j] = game.human_decisions.pledges[0, j]
            dec.votes[:, j] = np.where(st.pending, game.human_decisions.votes[0, j], -1)
            dec.endorse[:, j] = game.human_decisions.endorse[0, j]
        room = game.workshop.vision(game.model) if st.turn == 0 else None
        if room is not None:  # a vision the room formed (issue 18) sets the trust bonus
            dec.agreement = np.full(st.n, trust_factor(room.agreement))
        resolve_turn(game.model, st, dec)
        out.append(st.x.copy())
    return np.stack(out, axis=1)


@pytest.mark.parametrize("began", [True, False])
def test_projection_equals_the_plain_computation(model, began):
    game = Game(model, seed=5, human=[0])
    game.begin()
    game.resolve()
    if began:
        game.begin()
        shares = np.zeros(len(model.theme_ids))
        shares[-1] = 1.0
        game.allocate(0, shares, np.zeros(len(model.package_ids)))
    for seeds in (1, 7):
        assert np.array_equal(game.project(seeds), plain_projection(game, seeds))


def test_projection_is_the_same_on_every_call(finland):
    game = Game(finland, seed=2, human=[1])
    game.begin()
    a, b = game.project(20), game.project(20)
    assert np.array_equal(a, b)
    assert np.array_equal(game.project(1)[0], a[0])


def test_chunked_batches_equal_one_pass(model, monkeypatch):
    whole = play_batch(model, 11, seed=4, policies=["random", "cooperative"])
    monkeypatch.setattr(runner, "CHUNK_RUNS", 3)
    calls = []
    parts = play_batch(
        model, 11, seed=4, policies=["random", "cooperative"], on_turn=lambda d, t: calls.append(d)
    )
    assert calls == sorted(calls) and calls[-1] == 4 * model.n_turns
    for i in range(22):
        assert state_hash(whole.state, i) == state_hash(parts.state, i)
    assert np.array_equal(whole.scores.shared, parts.scores.shared)
    assert np.array_equal(whole.dividend, parts.dividend)
    assert np.array_equal(whole.fired, parts.fired)
    assert all(np.array_equal(a, b) for a, b in zip(whole.history, parts.history, strict=True))


def test_drawing_ahead_draws_the_same_numbers(model):
    ahead = new_state(model, 3, seed=8, counterfactual=True, draw_ahead=True)
    by_turn = new_state(model, 3, seed=8, counterfactual=True)
    for _ in range(model.n_turns):
        step.draw_turn(model, ahead)
        step.draw_turn(model, by_turn)
        assert np.array_equal(ahead.u_events, by_turn.u_events)
        assert np.array_equal(ahead.u_bots, by_turn.u_bots)
    for i in range(6):
        assert ahead.rngs[i].bit_generator.state == by_turn.rngs[i].bit_generator.state


@pytest.mark.parametrize("lanes", [2, 3, 130])
def test_cooperation_paths_agree(finland, monkeypatch, lanes):
    tb = finland.tables
    rng = np.random.default_rng(lanes)
    effort = rng.random((tb.A, tb.T, lanes))
    w = np.zeros((tb.E + 1, lanes))
    w[: tb.E] = rng.random((tb.E, lanes)) * finland.present0[:, None]  # about half weighted
    results = []
    for below in (0.0, 1.1):
        for slots in (10**9, 0):
            monkeypatch.setattr(step, "ACTIVE_EDGES_BELOW", below)
            monkeypatch.setattr(step, "SLOT_LOOP_AT", slots)
            results.append(step.cooperation(tb, effort, w))
    for r in results[1:]:
        assert np.array_equal(r, results[0])
    # and it is the plain sum over edges
    joint = np.minimum(effort[tb.edge_a], effort[tb.edge_b]) * w[: tb.E, None, :]
    plain = np.zeros_like(effort)
    np.add.at(plain, tb.edge_a, joint)
    np.add.at(plain, tb.edge_b, joint)
    assert np.allclose(results[0], plain, rtol=1e-12, atol=1e-12)


def test_batch_equals_single_games_in_a_large_batch(finland):
    pols = ["random", "cooperative", "mandate", "vision"]
    batch = play_batch(finland, 300, seed=6, policies=pols)
    for i in (0, 255, 256, 299):
        single = play_batch(finland, 1, seed=6, policies=pols, first_run=i)
        assert state_hash(single.state, 0) == state_hash(batch.state, i)
        assert state_hash(single.state, 1) == state_hash(batch.state, 300 + i)


EXPRESSIONS = [
    "fired('campus')",
    "not fired('campus') and turn >= 1",
    "indicator('jobs', 'rural') < 60 or year > 2027",
    "mean('skills') - min('jobs') > 5",
    "-max('jobs') < -60",
    "gap('jobs') / 0 > 1",
    "funded('skills-jobs') + 1 > 1",
    "trust('tem', 'okm') >= 0.5",
    "trust('lappi', 'sitra') > 0",
    "density() * 2 > 0.1",
    "budget('tem') >= 10 and not (turn == 0)",
    "1 < 2",
]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_compiled_conditions_agree(mini, text):
    ids = {
        "indicator": list(mini.indicator_ids),
        "region_type": list(mini.region_ids),
        "actor": list(mini.actor_ids),
        "package": list(mini.package_ids),
        "event": list(mini.event_ids),
    }
    node = parse_condition(text, ids)
    res = play_batch(mini, 40, seed=3, policies=["random"])
    st = res.state
    st.turn = 1
    plain = conditions.holds(node, mini, st)
    fast = conditions.compile_condition(node)(mini, st)
    assert fast.dtype == bool and fast.shape == (st.n,)
    assert np.array_equal(plain, fast)


def test_skipped_teams_do_not_change_the_others(finland):
    state = new_state(finland, 5, seed=1)
    begin_turn(finland, state)
    pols = list(finland.team_policy)
    full = bots.decide(finland, state, pols)
    part = bots.decide(finland, state, pols, skip=(0, 2))
    empty = Decisions.empty(finland, 5)
    for j in range(len(pols)):
        ref = empty if j in (0, 2) else full
        assert np.array_equal(part.shares[:, j], ref.shares[:, j])
        assert np.array_equal(part.pledges[:, j], ref.pledges[:, j])
        assert np.array_equal(part.votes[:, j], ref.votes[:, j])


@pytest.mark.parametrize("path", SCENARIOS + [DATA / "mini.yaml"], ids=lambda p: p.stem)
def test_each_team_spends_its_own_points(path):
    """Team sums go over the team's actors only (bots may sit anywhere in the list)."""
    model = load_model(path)
    state = new_state(model, 3, seed=1)
    begin_turn(model, state)
    budget = state.budget.copy()
    res = resolve_turn(model, state, Decisions.empty(model, 3))
    spent = res.effort.sum(axis=2)  # (N, A)
    for j in range(len(model.team_ids)):
        own = model.actor_team == j
        assert np.allclose(spent[:, own].sum(axis=1), budget[:, own].sum(axis=1), atol=1e-9)
        assert np.allclose(spent[:, own], budget[:, own], atol=1e-9)
    bots = model.actor_team < 0
    assert np.allclose(spent[:, bots], budget[:, bots], atol=1e-9)


TINY = """
schema_version: 1
meta: {id: tiny, title: Tiny, start_year: 2022, end_year: 2031, turn_years: 3, seed: 5}
region_types:
  - {id: only, name: Only}
indicators:
  - {id: jobs, name: Jobs, baseline: {only: 50}}
themes:
  - {id: economy, name: Economy, effects: {jobs: 0.8}}
actors:
  - {id: a, kind: ministry, name: A, budget: 5}
  - {id: b, kind: region, name: B, budget: 3}
teams:
  - {id: one, name: One, actors: [a, b], policy: cooperative}
vision:
  targets: {jobs: 70}
"""


def test_a_scenario_with_one_of_everything_and_nothing_optional(tmp_path):
    """One region type, indicator, theme and team; no bots, events, packages, drivers or
    elections: every array has a length-1 or empty model axis, and the properties hold."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    model = load_model(path)
    batch = play_batch(model, 5, seed=2, policies=["random"])
    for i in range(5):
        single = play_batch(model, 1, seed=2, policies=["random"], first_run=i)
        assert state_hash(single.state, 0) == state_hash(batch.state, i)
    state = new_state(model, 3, seed=1, counterfactual=True)
    for _ in range(model.n_turns):
        begin_turn(model, state)
        res = resolve_turn(model, state, bots.decide(model, state, ["random"]))
        assert np.abs(res.attribution.sum(axis=1) - (res.x_after - res.x_before)).max() < 1e-9
        assert np.isfinite(res.x_after).all()
    game = Game(model, seed=3, human=[0])
    game.begin()
    assert np.array_equal(game.project(4), plain_projection(game, 4))


def test_the_kept_begun_turn_follows_every_change(finland):
    """The begun turn of a projection is kept between calls; a vote, an allocation, an
    injected or cancelled event, or other players give a new one."""
    game = Game(finland, seed=5, human=[0])
    game.begin()
    assert np.array_equal(game.project(1)[0], game.project(6)[0])  # line, then band
    assert np.array_equal(game.project(6), plain_projection(game, 6))
    quiet = int(np.flatnonzero(~game.state.pending[0])[0])
    game.state.pending[:, quiet] = True  # what the session's inject does
    injected = game.project(6)
    assert np.array_equal(injected, plain_projection(game, 6))
    game.state.pending[:, quiet] = False
    assert np.array_equal(game.project(6), plain_projection(game, 6))
    shares = np.zeros(len(finland.theme_ids))
    shares[0] = 1.0
    game.allocate(0, shares, np.zeros(len(finland.package_ids)))
    moved = game.project(6)
    assert np.array_equal(moved, plain_projection(game, 6))
    assert not np.array_equal(moved, injected)
    game.human = [0, 1]
    assert np.array_equal(game.project(6), plain_projection(game, 6))


@pytest.mark.parametrize("lanes", [2, 3, 8, 100, 513])
def test_products_are_summed_in_order_whatever_the_batch(lanes):
    """`step._dot` (einsum without BLAS) adds the summed index term by term in order, as
    the broadcast product and sum does, for every contraction the step makes."""
    rng = np.random.default_rng(lanes)

    def wide(*shape):  # values over many magnitudes, so any other order rounds differently
        return rng.standard_normal(shape) * 10.0 ** rng.integers(-6, 6, shape)

    A, R, T, K, S, D, P, C, E = 25, 6, 5, 6, 7, 6, 3, 9, 40
    cases = [
        ("ar,atl->rtl", wide(A, R), wide(A, T, lanes)),
        ("rtl,tk->rkl", wide(R, T, lanes), wide(T, K)),
        ("srtl,tk->srkl", wide(S, R, T, lanes), wide(T, 1)),
        ("dl,dxrk->xrkl", wide(D, lanes), wide(D, 2, R, K)),
        ("pl,prk->rkl", wide(P, lanes), wide(P, R, K)),
        ("cl,ce->le", (rng.random((C, lanes)) < 0.4) * 1.0, wide(C, E)),
    ]
    for spec, a, b in cases:
        ins, out = spec.split("->")
        sa, sb = ins.split(",")
        letters = sorted(set(sa + sb), key=(sa + sb).index)
        full = [*letters]
        ea = a.reshape([a.shape[sa.index(c)] if c in sa else 1 for c in full])
        eb = b.reshape([b.shape[sb.index(c)] if c in sb else 1 for c in full])
        summed = [c for c in full if c not in out]
        prod = ea * eb
        ref = prod.sum(axis=tuple(full.index(c) for c in summed))
        ref = ref.transpose([[c for c in full if c in out].index(c) for c in out])
        assert np.array_equal(step._dot(spec, a, b), ref), spec
