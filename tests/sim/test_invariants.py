"""Every bundled scenario under every policy keeps the state's invariants each turn."""

import pytest

from game.scenario.loader import load
from game.sim import bots
from game.sim.invariants import violations
from game.sim.state import new_state
from game.sim.step import begin_turn, resolve_turn
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bundled_scenarios_keep_invariants_under_every_policy(path):
    model = load(path).compile()
    for policy in bots.POLICIES:
        state = new_state(model, 40, seed=11, counterfactual=True)
        for _ in range(model.n_turns):
            begin_turn(model, state)
            resolve_turn(model, state, bots.decide(model, state, [policy]))
            assert violations(model, state) == [], (path.stem, policy)


def test_a_broken_state_is_reported(mini):
    state = new_state(mini, 2)
    state.x[0, 0, 0] = 101
    state.trust[1, 0] = float("nan")
    found = violations(mini, state)
    assert any("0..100" in v for v in found) and any("trust has NaN" in v for v in found)
