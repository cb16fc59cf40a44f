"""The properties docs/design.md says the model must keep, checked on real scenario files."""

import numpy as np
import pytest

from game.sim import bots
from game.sim.runner import Game, play_batch
from game.sim.state import new_state, state_hash
from game.sim.step import Decisions, begin_turn, resolve_turn
from tests.conftest import DATA, load_model

MODELS = ["mini", "finland"]


@pytest.fixture(params=MODELS)
def model(request):
    return request.getfixturevalue(request.param)


def test_same_seed_gives_identical_state(model):
    a = play_batch(model, 1, seed=7)
    b = play_batch(model, 1, seed=7)
    assert a.state_hash() == b.state_hash()
    assert np.array_equal(a.state.x, b.state.x)


def test_different_seeds_differ(model):
    hashes = {play_batch(model, 1, seed=s).state_hash() for s in range(5)}
    assert len(hashes) == 5


def test_batch_equals_single_games(model):
    batch = play_batch(model, 6, seed=3, policies=["random", "cooperative"])
    for i in range(6):
        single = play_batch(model, 1, seed=3, policies=["random", "cooperative"], first_run=i)
        assert state_hash(single.state, 0) == state_hash(batch.state, i)
        assert single.dividend[0] == batch.dividend[i]


def test_attribution_sums_to_the_applied_change(model):
    state = new_state(model, 20, seed=5, counterfactual=True)
    for _ in range(model.n_turns):
        begin_turn(model, state)
        res = resolve_turn(model, state, bots.decide(model, state, ["random", "mandate"]))
        change = res.x_after - res.x_before
        assert np.abs(res.attribution.sum(axis=1) - change).max() < 1e-9
        assert res.attribution.shape[1] == len(model.source_names())


@pytest.mark.parametrize("policy", bots.POLICIES)
def test_indicators_stay_in_range(model, policy):
    res = play_batch(model, 50, seed=1, policies=[policy])
    for x in res.history:
        assert np.isfinite(x).all()
        assert x.min() >= 0 and x.max() <= 100
    assert np.isfinite(res.state.trust).all()
    assert res.state.trust.min() >= 0 and res.state.trust.max() <= 1
    assert res.state.budget.min() > 0


def test_extreme_effort_stays_bounded(model):
    state = new_state(model, 2, seed=2)
    state.budget *= 1e4
    begin_turn(model, state)
    res = resolve_turn(model, state, Decisions.empty(model, 2))
    assert np.isfinite(res.x_after).all()
    assert res.x_after.min() >= 0 and res.x_after.max() <= 100


def test_more_effort_on_a_theme_never_lowers_its_indicators(model):
    J = len(model.team_ids)
    for theme in range(len(model.theme_ids)):
        raised = model.theme_effects[theme] > 0
        out = []
        for extra in (0.0, 0.3):
            state = new_state(model, 1, seed=4)
            begin_turn(model, state)
            dec = Decisions.empty(model, 1)
            dec.shares[:] = 0.5 / len(model.theme_ids)
            dec.shares[:, :, theme] += extra  # more of the (unused) budget on this theme
            res = resolve_turn(model, state, dec)
            out.append(res.x_after[0])
        assert (out[1][:, raised] >= out[0][:, raised] - 1e-12).all(), model.theme_ids[theme]
    assert J >= 1


def test_a_funded_package_changes_outcomes(mini):
    p = mini.package_ids.index("skills-jobs")
    results = []
    for pledge in (0.0, 6.0):
        state = new_state(mini, 1, seed=9)
        begin_turn(mini, state)
        dec = Decisions.empty(mini, 1)
        dec.pledges[0, :, p] = pledge
        res = resolve_turn(mini, state, dec)
        results.append(res)
    assert not results[0].funded[0, p] and results[1].funded[0, p]
    assert not np.allclose(results[0].x_after, results[1].x_after)
    src = mini.source_names().index("package:skills-jobs")
    assert np.abs(results[1].attribution[0, src]).sum() > 0


def test_an_underfunded_package_returns_its_pledges(mini):
    p = mini.package_ids.index("skills-jobs")
    state = new_state(mini, 1, seed=9)
    begin_turn(mini, state)
    dec = Decisions.empty(mini, 1)
    dec.pledges[0, 0, p] = 8.0  # one team alone: the package needs two
    res = resolve_turn(mini, state, dec)
    assert not res.funded[0, p]
    assert res.effort[0].sum() == pytest.approx(state.budget[0].sum())


def test_a_broken_pledge_lowers_trust(mini):
    p = mini.package_ids.index("skills-jobs")
    tem, okm = mini.actor_ids.index("tem"), mini.actor_ids.index("okm")
    edge = int(np.flatnonzero((mini.edge_a == min(tem, okm)) & (mini.edge_b == max(tem, okm)))[0])
    after = []
    for keep in (True, False):
        state = new_state(mini, 1, seed=9)
        begin_turn(mini, state)
        dec = Decisions.empty(mini, 1)
        dec.pledges[0, :, p] = 5.0
        resolve_turn(mini, state, dec)
        assert state.pkg_left[0, p] == 1
        begin_turn(mini, state)
        dec = Decisions.empty(mini, 1)
        dec.pledges[0, :, p] = 5.0 if keep else [5.0, 0.0]
        res = resolve_turn(mini, state, dec)
        assert res.broken[0, 1, p] == (not keep)
        after.append(state.trust[0, edge])
    assert after[1] < after[0]


def test_an_election_changes_ministry_budgets(finland):
    assert finland.election_turns, "the default scenario has elections"
    state = new_state(finland, 30, seed=1)
    before = state.budget.copy()
    begin_turn(finland, state)
    assert 0 in finland.election_turns
    ministries = finland.actor_kind == 0
    assert (state.budget[:, ministries] != before[:, ministries]).any()
    assert (state.programme >= 0).all()


def test_counterfactual_has_no_cooperation(mini):
    res = play_batch(mini, 10, seed=2, policies=["cooperative"])
    cf = res.state.coop == 0
    assert cf.sum() == 10
    assert not res.state.pkg_done[cf].any()


def test_game_matches_batch_of_one(model):
    game = Game(model, seed=7)
    while not game.finished:
        game.begin()
        game.resolve()
    assert game.state_hash() == play_batch(model, 1, seed=7).state_hash()


def test_projection_does_not_touch_the_game(model):
    game = Game(model, seed=3, human=[0])
    game.begin()
    before = game.state_hash()
    proj = game.project(seeds=4)
    assert proj.shape == (4, model.n_turns + 1) + model.baseline.shape
    assert game.state_hash() == before
    shares = np.zeros(len(model.theme_ids))
    shares[0] = 1.0
    game.allocate(0, shares, np.zeros(len(model.package_ids)))
    assert not np.array_equal(game.project(1)[0, -1], proj[0, -1])


def test_mini_loads_from_path():
    assert load_model(DATA / "mini.yaml").scenario_id == "mini"


def test_programmes_replace_each_other_without_budget_creep(mini):
    import dataclasses

    from game.sim.step import hold_election

    cut = np.zeros_like(mini.programme_budget)
    cut[0, :] = -100.0  # the first programme cuts every budget to the floor
    model = dataclasses.replace(mini, programme_budget=cut)
    state = new_state(model, 2, seed=1)
    before = state.budget.copy()
    hold_election(model, state, np.array([0.0, 0.0]))  # draw programme 0
    assert np.allclose(state.budget, 0.5)
    hold_election(model, state, np.array([0.99, 0.99]))  # the neutral one
    assert np.allclose(state.budget, before)
    hold_election(model, state, np.array([0.99, 0.99]))
    assert np.allclose(state.budget, before)


def _first_turn_trust(model, endorse, coop=1.0):
    """The same first turn (the same draws) with other endorsements in each run."""
    one = new_state(model, 1, seed=4)
    begin_turn(model, one)
    state = one.select([0] * len(endorse), rngs=False)
    state.coop[:] = coop
    dec = Decisions.empty(model, len(endorse))
    dec.endorse[:] = endorse
    resolve_turn(model, state, dec)
    return state


def test_a_broader_shared_vision_gives_more_trust(finland):
    """docs/design.md: the teams that sign the shared vision in the first turn gain trust
    between their actors, the more the more teams sign; it lasts as trust does."""
    J = len(finland.team_ids)
    none, two, every = (
        np.zeros(J, bool),
        np.r_[[True, True], np.zeros(J - 2, bool)],
        np.ones(J, bool),
    )
    st = _first_turn_trust(finland, [none, two, every])
    team_a, team_b = finland.actor_team[finland.edge_a], finland.actor_team[finland.edge_b]
    among_two = (team_a >= 0) & (team_a < 2) & (team_b >= 0) & (team_b < 2) & st.present[0]
    others = st.present[0] & ~((team_a >= 0) & (team_b >= 0))  # edges to bot-played actors
    bonus = finland.constants.vision_bonus
    gain_two = st.trust[1] - st.trust[0]
    gain_all = st.trust[2] - st.trust[0]
    unclipped = st.trust[2] < 1.0
    # the bonus is added before the turn's decay: (1 - δ) × bonus × breadth
    scale = (1 - finland.constants.delta) * bonus
    assert np.allclose(gain_two[among_two & unclipped], scale * 2 / J)
    assert np.allclose(gain_all[among_two & unclipped], scale)
    assert np.all(gain_all[others] == 0) and np.all(gain_two[~among_two] == 0)
    # the twin without cooperation agrees nothing
    twin = _first_turn_trust(finland, [every, none], coop=0.0)
    assert np.array_equal(twin.trust[0], twin.trust[1])


def test_the_shared_vision_counts_in_the_first_turn_only(finland):
    st = [new_state(finland, 1, seed=4) for _ in range(2)]
    for turn in range(2):
        for signs, state in zip((False, True), st, strict=True):
            begin_turn(finland, state)
            dec = Decisions.empty(finland, 1)
            dec.endorse[:] = signs if turn == 1 else False
            resolve_turn(finland, state, dec)
    assert np.array_equal(st[0].trust, st[1].trust)


def test_bots_sign_the_shared_vision_by_policy(finland):
    from game.sim import bots

    state = new_state(finland, 8, seed=2)
    begin_turn(finland, state)
    J = len(finland.team_ids)
    for policy, expect in (("cooperative", True), ("vision", True), ("solo", False)):
        dec = bots.decide(finland, state, [policy] * J)
        assert dec.endorse.all() == expect and dec.endorse.any() == expect
    rnd = bots.decide(finland, state, ["random"] * J).endorse
    assert rnd.any() and not rnd.all()
    resolve_turn(finland, state, bots.decide(finland, state, ["cooperative"] * J))
    begin_turn(finland, state)
    assert not bots.decide(finland, state, ["cooperative"] * J).endorse.any()  # turn 2
