"""Monte Carlo runs: many bot games in chunked batches, and the policy balance report.

Games are played in chunks sized by the bytes a game takes (`game.sim.budget`), and each
chunk is summarised before the next is played, so memory does not grow with the number
of runs: the scores of up to `EXACT_RUNS` games are kept for exact percentiles, and
beyond that they are counted in a histogram of `BIN`-wide bins (a few MB, whatever the
number of runs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.sim.bots import POLICIES
from game.sim.budget import CHUNK_GAMES, chunk_games
from game.sim.model import Model
from game.sim.plans import Plan
from game.sim.runner import BatchResult, play_batch, team_policies

CHUNK = CHUNK_GAMES  # games per batch at most: large enough to vectorise (fewer: big models)
EXACT_RUNS = 1_000_000  # values a summary keeps for exact percentiles (8 MB)
BIN = 0.001  # histogram bin (score points) beyond EXACT_RUNS
SPAN = 256.0  # the histogram covers -SPAN..SPAN: scores are within ±100, dividends ±200


class Summary:
    """The mean and percentiles of one value per game, added chunk by chunk: exact while
    at most `EXACT_RUNS` values have come, then from a histogram (within `BIN`).
    """

    def __init__(self) -> None:
        self.n = 0
        self.total = 0.0
        self.parts: list[np.ndarray] = []
        self.hist: np.ndarray | None = None

    @classmethod
    def of(cls, values: Any) -> Summary:
        """A summary of the given values."""
        out = cls()
        out.add(np.asarray(values, dtype=float))
        return out

    def add(self, values: np.ndarray) -> None:
        """Count more values."""
        v = np.asarray(values, dtype=float).ravel()
        self.n += v.size
        self.total += float(v.sum())
        if self.hist is None:
            self.parts.append(v.copy())
            if self.n > EXACT_RUNS:
                kept, self.parts = np.concatenate(self.parts), []
                self.hist = np.zeros(int(round(2 * SPAN / BIN)) + 1, dtype=np.int64)
                self._count(kept)
        else:
            self._count(v)

    def _count(self, v: np.ndarray) -> None:
        assert self.hist is not None
        i = np.clip(np.rint((v + SPAN) / BIN), 0, len(self.hist) - 1).astype(np.int64)
        self.hist += np.bincount(i, minlength=len(self.hist))

    @property
    def values(self) -> np.ndarray | None:
        """Every value in order, while they are kept (None after the histogram took over)."""
        if self.hist is not None:
            return None
        if len(self.parts) > 1:
            self.parts = [np.concatenate(self.parts)]
        return self.parts[0] if self.parts else np.empty(0)

    @property
    def mean(self) -> float:
        """The mean."""
        v = self.values
        return float(v.mean()) if v is not None else self.total / max(self.n, 1)

    def percentile(self, q: float) -> float:
        """The q-th percentile (0..100), linearly interpolated as numpy's."""
        v = self.values
        if v is not None:
            return float(np.percentile(v, q))
        rank = q / 100.0 * (self.n - 1)
        assert self.hist is not None
        cum = np.cumsum(self.hist)
        lo = int(np.searchsorted(cum, np.floor(rank) + 1))
        hi = int(np.searchsorted(cum, np.ceil(rank) + 1))
        x0, x1 = lo * BIN - SPAN, hi * BIN - SPAN
        return float(x0 + (x1 - x0) * (rank - np.floor(rank)))

    def __len__(self) -> int:
        return self.n

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """The values, while they are kept."""
        v = self.values
        if v is None:
            raise ValueError(f"more than {EXACT_RUNS:,} values: ask for mean and percentile")
        return v if dtype is None else v.astype(dtype)


@dataclass
class MonteCarlo:
    """What `runs` games gave: each score's summary over the games, the mean final
    indicators and what happened how often.
    """

    model: Model
    runs: int
    seed: int
    policies: list[str]
    shared: Summary
    vision: Summary
    equity: Summary
    dividend: Summary
    final: np.ndarray  # (R, K) mean final indicators
    fired: np.ndarray  # (Ev,) share of games in which each event fired
    funded: np.ndarray  # (P,) share of games in which each package ran
    first_hash: str


class _Collect:
    """Adds up a MonteCarlo chunk by chunk."""

    def __init__(self, model: Model):
        self.scores = {k: Summary() for k in ("shared", "vision", "equity", "dividend")}
        R, K = model.baseline.shape
        self.final = np.zeros((R, K))
        self.fired = np.zeros(len(model.events))
        self.funded = np.zeros(len(model.package_ids))
        self.first_hash = ""

    def add(self, res: BatchResult, first: bool) -> None:
        for k in ("shared", "vision", "equity"):
            self.scores[k].add(getattr(res.scores, k))
        self.scores["dividend"].add(res.dividend)
        self.final += res.state.x[: res.runs].sum(axis=0)
        self.fired += (res.fired > 0).sum(axis=0)
        self.funded += res.funded.sum(axis=0)
        if first:
            self.first_hash = res.state_hash(0)

    def result(
        self, model: Model, runs: int, seed: int, policies: Sequence[str] | None
    ) -> MonteCarlo:
        return MonteCarlo(
            model=model,
            runs=runs,
            seed=seed,
            policies=team_policies(model, policies),
            **self.scores,
            final=self.final / runs,
            fired=self.fired / runs,
            funded=self.funded / runs,
            first_hash=self.first_hash,
        )


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
    out = _Collect(model)
    chunk = min(CHUNK, chunk_games(model))
    for start in range(0, runs, chunk):
        n = min(chunk, runs - start)
        res = play_batch(model, n, seed, policies, first_run=start, plan=plan)
        out.add(res, start == 0)
        del res  # the chunk's states go before the next chunk is played
        if progress:
            progress(start + n)
    return out.result(model, runs, seed, policies)


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
    """Compare policies (each played by every team) over the same `runs` seeds: chunk by
    chunk of seeds, every policy on the chunk, so each seed's winner is found without
    keeping every game's score.
    """
    outs = {p: _Collect(model) for p in policies}
    wins = dict.fromkeys(policies, 0)
    chunk = min(CHUNK, chunk_games(model))
    done = 0
    for start in range(0, runs, chunk):
        n = min(chunk, runs - start)
        shared = []
        for p in policies:
            res = play_batch(model, n, seed, [p], first_run=start)
            outs[p].add(res, start == 0)
            shared.append(res.scores.shared)
            del res
            done += n
            if progress:
                progress(done)
        best = np.stack(shared).argmax(axis=0)
        for i, p in enumerate(policies):
            wins[p] += int((best == i).sum())
    results = {p: outs[p].result(model, runs, seed, [p]) for p in policies}
    return Balance(results, wins)
