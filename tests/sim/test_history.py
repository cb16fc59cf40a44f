"""A game keeps one history (`Game.records`): the start, then every turn as it was played,
which the screens, the report and the CSVs read; the older lists are views of it."""

import copy

import numpy as np

from game.scenario.loader import load
from game.sim.runner import Game
from tests.conftest import DATA


def test_one_record_a_turn_holds_what_the_turn_did():
    m = load(DATA / "mini.yaml").compile()
    game = Game(m, seed=4)
    start = game.records[0]
    assert start.turn == 0 and start.decisions is None and start.result is None
    assert start.year == m.start_year
    while not game.finished:
        game.resolve()
    assert len(game.records) == m.n_turns + 1
    for t, rec in enumerate(game.records[1:]):
        res = rec.result
        assert rec.turn == t + 1 and rec.year == m.year_of(t) and res is not None
        assert np.array_equal(res.x_before[0], game.records[t].x)
        assert np.array_equal(res.x_after[0], rec.x)
        assert np.array_equal(res.x_after[1], rec.x_twin)
        assert np.array_equal(res.trust_after[0], rec.trust)
        assert rec.decisions is not None and rec.decisions.shares.shape[0] == 1
    # the older names are views of the same records
    assert all(a is r.x for a, r in zip(game.history, game.records, strict=True))
    assert [r.result for r in game.records[1:]] == game.results
    assert len(game.decision_history) == len(game.trust_history) - 1 == m.n_turns


def test_a_copy_shares_the_turns_played_and_goes_on_alone():
    m = load(DATA / "mini.yaml").compile()
    game = Game(m, seed=4)
    game.resolve()
    other = copy.deepcopy(game)
    assert other.records is not game.records and other.records[1] is game.records[1]
    other.resolve()
    assert len(other.records) == 3 and len(game.records) == 2
