"""Batches sized by bytes (issue 17): a big model plays fewer games a pass, Monte Carlo
summarises chunk by chunk, so memory does not grow with the number of runs, and every
run's numbers are the same however the games are grouped."""

import tracemalloc

import numpy as np
import pytest

from game.sim import budget, montecarlo, runner
from game.sim.montecarlo import Summary, balance, monte_carlo
from game.sim.runner import Game
from game.sim.state import new_state


def test_a_state_is_as_big_as_its_arrays(finland):
    st = new_state(finland, 3, seed=1, counterfactual=True, draw_ahead=True)
    arrays = sum(v.nbytes for v in vars(st).values() if isinstance(v, np.ndarray))
    u = 6 * (len(finland.events) + len(finland.team_ids) * (5 + len(finland.package_ids) + 2))
    assert arrays + 8 * u == pytest.approx(6 * budget.state_bytes(finland), rel=0.01)


def test_the_default_scenario_keeps_its_batches_and_a_big_one_takes_fewer(finland):
    assert budget.pass_runs(finland) == runner.CHUNK_RUNS
    assert budget.chunk_games(finland) == montecarlo.CHUNK
    big = budget.state_bytes(finland) * 40  # a model of forty times the state
    assert budget.PASS_BYTES // (budget.WORK * 2 * big) < runner.CHUNK_RUNS


def test_memory_does_not_grow_with_the_number_of_runs(finland, monkeypatch):
    monkeypatch.setattr(budget, "PASS_BYTES", 2**20)  # finland as a big model: 5 games
    monkeypatch.setattr(budget, "KEEP_BYTES", 2**18)  # a pass, 10 games a chunk
    assert budget.pass_runs(finland) <= 8 and budget.chunk_games(finland) <= 12

    def peak(runs: int) -> int:
        tracemalloc.start()
        monte_carlo(finland, runs, seed=5)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    chunk = budget.chunk_games(finland)
    peak(chunk)  # the first call fills what is kept between calls
    small, large = peak(2 * chunk), peak(6 * chunk)
    assert large < 1.1 * small, (small, large)


def test_chunked_monte_carlo_and_balance_give_the_same_numbers(mini, monkeypatch):
    whole = monte_carlo(mini, 23, seed=3)
    both = balance(mini, 9, seed=3, policies=["mandate", "cooperative"])
    monkeypatch.setattr(budget, "CHUNK_GAMES", 4)
    monkeypatch.setattr(montecarlo, "CHUNK", 4)
    parts = monte_carlo(mini, 23, seed=3)
    for k in ("shared", "vision", "equity", "dividend"):
        assert np.array_equal(getattr(whole, k).values, getattr(parts, k).values)
    assert np.allclose(whole.final, parts.final) and np.array_equal(whole.fired, parts.fired)
    assert whole.first_hash == parts.first_hash
    again = balance(mini, 9, seed=3, policies=["mandate", "cooperative"])
    assert again.wins == both.wins
    assert np.array_equal(
        again.results["mandate"].shared.values, both.results["mandate"].shared.values
    )


def test_a_projection_in_passes_is_the_one_in_one_pass(finland, monkeypatch):
    game = Game(finland, seed=2, human=[1])
    game.begin()
    one = game.project(9)
    monkeypatch.setattr(budget, "PASS_BYTES", 1)  # a seed a pass
    game.memo.feed = None
    assert np.array_equal(game.project(9), one)


def test_beyond_the_exact_runs_the_percentiles_come_from_a_histogram(monkeypatch):
    rng = np.random.default_rng(1)
    values = rng.normal(55, 12, 5000)
    monkeypatch.setattr(montecarlo, "EXACT_RUNS", 1000)
    s = Summary()
    for part in np.array_split(values, 13):
        s.add(part)
    assert s.values is None and len(s) == 5000  # the values are no longer kept
    assert s.mean == pytest.approx(values.mean(), abs=1e-9)
    for q in (5, 50, 95):
        assert abs(s.percentile(q) - np.percentile(values, q)) <= 2 * montecarlo.BIN
    exact = Summary.of(values[:500])
    assert exact.percentile(5) == np.percentile(values[:500], 5)


def test_the_outlook_band_takes_fewer_seeds_on_a_big_model(finland):
    assert budget.band_seeds(finland, 6) == 100  # the default scenario: the whole band
    assert 10 <= budget.band_seeds(finland, 6 * 40) < 100  # forty times the work
    assert budget.band_seeds(finland, 6 * 10_000) == 10  # never fewer


def test_a_copy_of_a_game_shares_the_turns_already_played(finland):
    import copy

    game = Game(finland, seed=1)
    for _ in range(2):
        game.begin()
        game.resolve()
    game.begin()
    twin = copy.deepcopy(game)  # what the session keeps for an undo, every turn
    assert twin.results[0] is game.results[0] and twin.results is not game.results
    assert twin.trust_history[1] is game.trust_history[1]
    assert twin.state is not game.state and twin.state_hash() == game.state_hash()
    twin.resolve()
    assert len(twin.results) == 3 and len(game.results) == 2
