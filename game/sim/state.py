"""The state of a batch of N independent games: arrays with a leading run axis.

One game is the batch of one. Every run owns its own `numpy.random.Generator`, seeded
from the game seed and the run's index, so run i of a batch is bit-identical to a single
game played with the same seed and index, and a counterfactual run shares its
generator's seed with the run it shadows.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from game.sim.model import Model

STATE_FORMAT = 1


def make_rng(seed: int, run: int = 0) -> np.random.Generator:
    """The generator of run `run` of a game with seed `seed`."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(run,))))


def clone_rng(rng: np.random.Generator) -> np.random.Generator:
    """An independent generator in the same state (a third of the cost of deepcopy)."""
    bit = type(rng.bit_generator)(0)
    bit.state = rng.bit_generator.state
    return np.random.Generator(bit)


@dataclass
class State:
    """Mutable state of N games. `coop` is 0 for counterfactual runs (no cooperation)."""

    turn: int
    x: np.ndarray  # (N, R, K) indicators 0..100
    budget: np.ndarray  # (N, A) effort points per turn
    trust: np.ndarray  # (N, E)
    trust_pkg: np.ndarray  # (N, E) the part of `trust` that co-funded packages built
    present: np.ndarray  # (N, E) bool: the edge exists
    driver_scale: np.ndarray  # (N, D)
    mandate: np.ndarray  # (N, J, K) team mandate weights over indicators (rows sum to 1)
    pkg_left: np.ndarray  # (N, P) turns a running package still runs; 0 when not running
    pkg_done: np.ndarray  # (N, P) bool: has run (a package runs once)
    pkg_commit: np.ndarray  # (N, J, P) points per turn each team committed to a package
    ev_count: np.ndarray  # (N, Ev) how often each event has fired
    ev_last: np.ndarray  # (N, Ev) the turn it last fired (-1000: never)
    pending: np.ndarray  # (N, Ev) bool: drawn this turn, effects apply at resolution
    programme: np.ndarray  # (N,) the government programme in force (-1: the initial one)
    programme_delta: np.ndarray  # (N, A) budget change the programme in force really made
    last_shares: np.ndarray  # (N, J, T) each team's theme split last turn (public)
    signed: np.ndarray  # (N, J) bool: the team signed the shared vision in the first turn
    coop: np.ndarray  # (N,) 1.0 real game, 0.0 counterfactual
    run_index: np.ndarray  # (N,) which run's seed each game uses
    seed: int
    rngs: list[np.random.Generator] = field(default_factory=list)
    u_events: np.ndarray | None = None  # (N, Ev) this turn's draws
    u_bots: np.ndarray | None = None  # (N, J, T + P + 2)
    feed: np.ndarray | None = None  # (N, turns, draws) numbers drawn ahead (projections)
    feed_pos: int = 0  # the next turn's block in `feed`

    @property
    def n(self) -> int:
        """Number of runs in the batch."""
        return self.x.shape[0]

    def copy(self) -> State:
        """A deep copy (generators included), for projections and branches."""
        return self.select(np.arange(self.n))

    def select(self, runs: np.ndarray | list[int], rngs: bool = True) -> State:
        """A new state holding only the given runs (without `rngs`, no generators: for
        callers that only read the state, such as bots deciding).
        """
        idx = np.asarray(runs, dtype=int)
        kw = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, np.ndarray) and v.ndim >= 1 and f.name != "turn":
                kw[f.name] = v[idx]  # fancy indexing copies
            elif f.name == "rngs":
                kw[f.name] = [clone_rng(self.rngs[i]) for i in idx] if rngs else []
            else:
                kw[f.name] = copy.deepcopy(v)
        return State(**kw)


def join_states(parts: list[tuple[State, np.ndarray]]) -> State:
    """One state of the given runs of several states, in the order given: [(state, runs)].
    The states must be at the same turn; generators are moved, not copied.
    """
    first = parts[0][0]
    kw: dict[str, Any] = {}
    for f in fields(State):
        v = getattr(first, f.name)
        if f.name == "rngs":
            kw[f.name] = [st.rngs[int(i)] for st, idx in parts for i in idx]
        elif isinstance(v, np.ndarray) and v.ndim >= 1:
            kw[f.name] = np.concatenate([getattr(st, f.name)[idx] for st, idx in parts])
        else:
            kw[f.name] = v
    return State(**kw)


def new_state(
    model: Model,
    runs: int = 1,
    seed: int | None = None,
    first_run: int | np.ndarray = 0,
    counterfactual: bool = False,
    draw_ahead: bool = False,
) -> State:
    """Start `runs` games at turn 0; with `counterfactual`, append a no-cooperation twin of
    each (same seed) so the batch holds 2·runs games.

    With `draw_ahead`, every turn's numbers are drawn now (`State.feed`): the same numbers
    the turns would draw one by one, in one call per run, and a twin shares its run's
    generator. For whole games played to the end (the generators' final state is the same
    either way); a game played turn by turn draws as it goes.
    """
    seed = model.seed if seed is None else int(seed)
    if isinstance(first_run, np.ndarray):  # the run index of each game (may repeat)
        idx = first_run.astype(np.int64)
        if idx.size != runs:
            raise ValueError("one run index per game")
    else:
        idx = np.arange(first_run, first_run + runs)
    coop = np.ones(runs)
    if counterfactual:
        idx = np.concatenate([idx, idx])
        coop = np.concatenate([coop, np.zeros(runs)])
    n = idx.size
    feed = None
    if draw_ahead:
        rngs = [make_rng(seed, int(i)) for i in idx[:runs]]
        feed = np.empty((runs, model.n_turns, model.tables.n_draws))
        for i, rng in enumerate(rngs):
            rng.random(out=feed[i])
        if counterfactual:
            rngs = rngs + rngs
            feed = np.concatenate([feed, feed])
    else:
        rngs = [make_rng(seed, int(i)) for i in idx]
    R, K = model.baseline.shape
    A, T = model.competence.shape
    J, P, Ev, D = (
        len(model.team_ids),
        len(model.package_ids),
        len(model.events),
        len(model.driver_ids),
    )
    return State(
        turn=0,
        x=np.broadcast_to(model.baseline, (n, R, K)).copy(),
        budget=np.broadcast_to(model.budget0, (n, A)).copy(),
        trust=np.broadcast_to(model.trust0, (n, model.trust0.size)).copy(),
        trust_pkg=np.zeros((n, model.trust0.size)),
        present=np.broadcast_to(model.present0, (n, model.present0.size)).copy(),
        driver_scale=np.ones((n, D)),
        mandate=np.broadcast_to(model.mandate_indicators, (n, J, K)).copy(),
        pkg_left=np.zeros((n, P), dtype=np.int64),
        pkg_done=np.zeros((n, P), dtype=bool),
        pkg_commit=np.zeros((n, J, P)),
        ev_count=np.zeros((n, Ev), dtype=np.int64),
        ev_last=np.full((n, Ev), -1000, dtype=np.int64),
        pending=np.zeros((n, Ev), dtype=bool),
        programme=np.full(n, -1, dtype=np.int64),
        programme_delta=np.zeros((n, A)),
        last_shares=np.full((n, J, T), 1.0 / T),
        signed=np.zeros((n, J), dtype=bool),
        coop=coop,
        run_index=idx,
        seed=seed,
        rngs=rngs,
        feed=feed,
    )


def canonical(state: State, run: int = 0) -> dict[Any, Any]:
    """One run's state as plain JSON-able data (floats kept exact by repr)."""
    out: dict[Any, Any] = {"format": STATE_FORMAT, "turn": state.turn, "seed": state.seed}
    for f in fields(state):
        v = getattr(state, f.name)
        if f.name in ("turn", "seed", "rngs", "u_events", "u_bots", "feed", "feed_pos"):
            continue
        if isinstance(v, np.ndarray):
            out[f.name] = v[run].tolist()
    out["rng"] = state.rngs[run].bit_generator.state
    return out


def state_hash(state: State, run: int = 0) -> str:
    """sha256 of one run's canonical state: equal hashes mean bit-identical games."""
    text = json.dumps(canonical(state, run), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
