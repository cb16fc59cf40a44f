"""Soak: every bundled scenario × every policy, thousands of games, invariants every turn.

    .venv/bin/python bench/soak.py [--runs 2000] [--seed 1]

Prints one line per scenario × policy and a total; exits 1 if any invariant broke.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.scenario.loader import load
from game.sim import bots
from game.sim.invariants import violations
from game.sim.state import new_state
from game.sim.step import begin_turn, resolve_turn

ROOT = Path(__file__).resolve().parents[1]


def soak(model, policy: str, runs: int, seed: int) -> tuple[int, list[str]]:
    """Play `runs` games (with their twins) checking invariants after every step."""
    state = new_state(model, runs, seed, counterfactual=True)
    problems = violations(model, state)
    for _ in range(model.n_turns):
        begin_turn(model, state)
        problems += violations(model, state)
        resolve_turn(model, state, bots.decide(model, state, [policy]))
        problems += violations(model, state)
    return state.n, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    total, bad = 0, 0
    t0 = time.perf_counter()
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        model = load(path).compile()
        for policy in bots.POLICIES:
            n, problems = soak(model, policy, args.runs, args.seed)
            total += n
            bad += len(problems)
            status = "ok" if not problems else "; ".join(sorted(set(problems)))
            print(f"{model.scenario_id:<24}{policy:<13}{n:>7} games  {status}", flush=True)
    print(
        f"total: {total} games (with counterfactual twins), {bad} violations, "
        f"{time.perf_counter() - t0:.1f} s"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
