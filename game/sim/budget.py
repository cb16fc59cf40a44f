"""How many games a batch plays at once, from the bytes a game takes (issue 17).

A game's state grows with the model: trust on every candidate edge, events, packages,
turns of numbers drawn ahead. A batch sized in games (256 a pass, 2,000 a Monte Carlo
chunk) fits the default scenario's 23 kB a game in the processor's cache, but at 20,000
edges a game and its twin take 6 MB while a turn is played, and 2,000 of them 12 GB. So
batches are sized in bytes: the games of one pass share `PASS_BYTES` of working memory,
and the states a Monte Carlo chunk keeps share `KEEP_BYTES`, so the peak memory of
`suunta simulate` does not grow with `--runs` on any scenario within the limits.
"""

from __future__ import annotations

from game.sim.model import Model

CHUNK_GAMES = 2000  # games a Monte Carlo chunk at most: enough to vectorise
PASS_BYTES = 192 * 2**20  # working memory of one pass of the simulation
KEEP_BYTES = 96 * 2**20  # final states a Monte Carlo chunk holds until it is summarised
# a turn's temporaries over the state: measured 4.9-6.7 on the bundled and generated
# scenarios (bench/limits.py --memory), with room to spare
WORK = 8.0


def state_bytes(model: Model, draw_ahead: bool = True) -> int:
    """Bytes of one run's state (`game.sim.state.State`), the turn's draws included; with
    `draw_ahead`, every turn's numbers drawn at the start (as whole games do).
    """
    R, K = model.baseline.shape
    A, T = model.competence.shape
    E = model.trust0.size
    J, P = len(model.team_ids), len(model.package_ids)
    Ev, D = len(model.events), len(model.driver_ids)
    floats = (
        R * K  # x
        + 2 * A  # budget, programme_delta
        + 2 * E  # trust, trust_pkg
        + D  # driver_scale
        + J * K  # mandate
        + P  # pkg_left
        + J * P  # pkg_commit
        + 2 * Ev  # ev_count, ev_last
        + J * T  # last_shares
        + 4  # programme, coop, run_index, slack
        + Ev  # u_events
        + J * (T + P + 2)  # u_bots
    )
    if draw_ahead:
        floats += model.n_turns * model.tables.n_draws
    flags = E + P + Ev + J  # present, pkg_done, pending, signed
    return 8 * floats + flags


def game_bytes(model: Model, twin: bool = True) -> int:
    """Working memory of one game (and its counterfactual twin) while a turn is played."""
    return int(WORK * state_bytes(model) * (2 if twin else 1))


def pass_runs(model: Model, twin: bool = True, most: int = 256) -> int:
    """Games one pass of a batch plays together: `most` (the processor's cache; the
    runner's `CHUNK_RUNS`), fewer when they would take more than `PASS_BYTES`.
    """
    return max(1, min(most, PASS_BYTES // game_bytes(model, twin)))


def chunk_games(model: Model) -> int:
    """Games a Monte Carlo chunk plays before summarising them: `CHUNK_GAMES`, fewer
    when their final states (game and twin) would take more than `KEEP_BYTES`.
    """
    keep = KEEP_BYTES // (2 * state_bytes(model))
    return max(1, min(CHUNK_GAMES, max(keep, pass_runs(model))))


BAND_SECONDS = 0.5  # what the outlook's uncertainty band may take to compute
SECONDS_PER_BYTE = 5e-9  # a projected seed-turn per byte of state (measured 2.2-5.4 ns)


def band_seeds(model: Model, turns_left: int, most: int = 100, least: int = 10) -> int:
    """Seeds of the outlook's uncertainty band: `most` on the default scenario, fewer on a
    big model so that the band takes about `BAND_SECONDS`, and never fewer than `least`.
    """
    cost = SECONDS_PER_BYTE * state_bytes(model, draw_ahead=False) * max(turns_left, 1)
    return max(least, min(most, int(BAND_SECONDS / cost)))
