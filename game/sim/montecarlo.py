"""Monte Carlo runs: many bot games in chunked batches, and the policy balance report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.sim.bots import POLICIES
from game.sim.model import Model
from game.sim.plans import Plan
from game.sim.runner import play_batch, team_policies

CHUNK = 2000  # games per batch: large enough to vectorise, small enough for memory


@dataclass
class MonteCarlo:
    """Per-game outcomes of `runs` games (index = run) and what happened how often."""

    model: Model
    runs: int
    seed: int
    policies: list[str]
    shared: np.ndarray
    vision: np.ndarray
    equity: np.ndarray
    dividend: np.ndarray
    final: np.ndarray  # (R, K) mean final indicators
    fired: np.ndarray  # (Ev,) share of games in which each event fired
    funded: np.ndarray  # (P,) share of games in which each package ran
    first_hash: str


def monte_carlo(
    model: Model,
    runs: int,
    seed: int,
    policies: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    plan: Plan | None = None,
) -> MonteCarlo:
    """Play `runs` games (runs 0..runs-1 of `seed`); `progress(done)` after each chunk.

    With `plan` (one plan, the same in every run), the teams it names play it and the
    others their bots.
    """
    if plan is not None and plan.batched:
        raise ValueError("monte_carlo plays one plan in every run, not a batched plan")
    parts: dict[str, list] = {
        k: [] for k in ("shared", "vision", "equity", "dividend", "final", "fired", "funded")
    }
    first_hash = ""
    for start in range(0, runs, CHUNK):
        n = min(CHUNK, runs - start)
        res = play_batch(model, n, seed, policies, first_run=start, plan=plan)
        parts["shared"].append(res.scores.shared)
        parts["vision"].append(res.scores.vision)
        parts["equity"].append(res.scores.equity)
        parts["dividend"].append(res.dividend)
        parts["final"].append(res.state.x[:n].sum(axis=0))
        parts["fired"].append((res.fired > 0).sum(axis=0))
        parts["funded"].append(res.funded.sum(axis=0))
        if start == 0:
            first_hash = res.state_hash(0)
        if progress:
            progress(start + n)
    return MonteCarlo(
        model=model,
        runs=runs,
        seed=seed,
        policies=team_policies(model, policies),
        shared=np.concatenate(parts["shared"]),
        vision=np.concatenate(parts["vision"]),
        equity=np.concatenate(parts["equity"]),
        dividend=np.concatenate(parts["dividend"]),
        final=np.sum(parts["final"], axis=0) / runs,
        fired=np.sum(parts["fired"], axis=0) / runs,
        funded=np.sum(parts["funded"], axis=0) / runs,
        first_hash=first_hash,
    )


@dataclass
class Balance:
    """Every policy played by every team over the same seeds, and who wins each seed."""

    results: dict[str, MonteCarlo]
    wins: dict[str, int]  # seeds in which the policy had the best shared score

    @property
    def dominant(self) -> str | None:
        """A policy that is best in every seed, if there is one (a balance problem)."""
        runs = next(iter(self.results.values())).runs
        return next((p for p, w in self.wins.items() if w == runs), None)


def balance(
    model: Model,
    runs: int,
    seed: int,
    policies: Sequence[str] = POLICIES,
    progress: Callable[[int], None] | None = None,
) -> Balance:
    """Compare policies (each played by every team) over the same `runs` seeds."""
    results = {}
    for i, p in enumerate(policies):

        def step(done: int, i: int = i) -> None:
            if progress:
                progress(i * runs + done)

        results[p] = monte_carlo(model, runs, seed, [p], step)
    scores = np.stack([results[p].shared for p in policies])
    best = scores.argmax(axis=0)
    wins = {p: int((best == i).sum()) for i, p in enumerate(policies)}
    return Balance(results, wins)
