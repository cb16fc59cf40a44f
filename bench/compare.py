"""Check that the optimised step computes what an older step computes, turn by turn.

    .venv/bin/python bench/compare.py OLD_TREE [SCENARIO …]

OLD_TREE is a checkout of the project from before (e.g. `git worktree add /tmp/old a5da862`).
Its `game/sim/step.py` and `bots.py` are loaded beside the current ones; both decide for and
resolve the same state (64 games and their twins, mixed bot policies) every turn, and the
largest differences of the decisions, indicators, efforts, trust and attribution are
printed. They
differ only by rounding (the order of additions changed), so every line should be below
1e-9.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("old_tree", type=Path)
    p.add_argument("scenarios", nargs="*", default=["finland-2040", "tutorial"])
    a = p.parse_args(argv)
    spec = importlib.util.spec_from_file_location("old_step", a.old_tree / "game/sim/step.py")
    old = importlib.util.module_from_spec(spec)
    sys.modules["old_step"] = old
    spec.loader.exec_module(old)
    spec = importlib.util.spec_from_file_location("old_bots", a.old_tree / "game/sim/bots.py")
    old_bots = importlib.util.module_from_spec(spec)
    sys.modules["old_bots"] = old_bots
    spec.loader.exec_module(old_bots)

    from game.scenario.loader import load
    from game.sim import bots, step
    from game.sim.runner import team_policies
    from game.sim.state import new_state

    worst_all = 0.0
    for name in a.scenarios:
        model = load(name).compile()
        pols = team_policies(model, ["random", "cooperative", "mandate", "vision"])
        state = new_state(model, 64, seed=3, counterfactual=True)
        worst: dict[str, float] = {}
        for _ in range(model.n_turns):
            step.begin_turn(model, state)
            dec = bots.decide(model, state, pols)
            ref = old_bots.decide(model, state, pols)
            for k in ("shares", "pledges", "votes"):
                d = float(np.abs(getattr(ref, k) - getattr(dec, k)).max())
                worst[f"bots.{k}"] = max(worst.get(f"bots.{k}", 0.0), d)
            a_state, b_state = state.copy(), state.copy()
            ro = old.resolve_turn(model, a_state, dec)
            rn = step.resolve_turn(model, b_state, dec)
            for k in ("x_after", "effort", "trust_after", "attribution"):
                d = float(np.abs(np.asarray(getattr(ro, k)) - np.asarray(getattr(rn, k))).max())
                worst[k] = max(worst.get(k, 0.0), d)
            state = b_state
        print(name, " ".join(f"{k} {v:.1e}" for k, v in worst.items()))
        worst_all = max(worst_all, *worst.values())
    print("largest difference", f"{worst_all:.1e}", "ok" if worst_all < 1e-9 else "DIFFERENT")
    return 0 if worst_all < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
