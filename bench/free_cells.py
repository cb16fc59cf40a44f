"""Free cells: the vision targets a scenario's drivers meet whatever the room does.

    .venv/bin/python bench/free_cells.py balanced
    .venv/bin/python bench/free_cells.py my-scenario.yaml --margin 3 --runs 300

A target that the best bot policy reaches in nine games of ten is a *free cell*: the
attainment is capped there, so effort, votes, elections and a selfish team change nothing
in it (issue 12). For each cell this prints the target, the 2040 mean of the cooperative,
solo and mandate bots (the best of the three), and the share of games at target; then a
`vision: targets:` block that moves every target to at least that mean + `--margin`
points (`--margin-for indicator=points` for single indicators) — the rule the bundled
scenarios follow (docs/design-decisions.md, "Futures that leave room to act").

Paste the block into the scenario (a file that `extends:` another can override the cells
alone), then run `suunta audit` on it: raising a target also makes each point of effort
there worth less, so a theme can fall out of the best plan (`theme_min_share`).
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
import _venv

_venv.ensure()  # started by another Python: run again under the project's .venv

import argparse

import numpy as np

from game.scenario.loader import load
from game.sim.runner import play_batch

POLICIES = ("cooperative", "solo", "mandate")
FREE_SHARE = 0.9  # at target in this share of games: the cell is free


def main(argv: list[str] | None = None) -> int:
    """Print the free cells of a scenario and the targets that would leave none."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("scenario")
    p.add_argument("--runs", type=int, default=300)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--margin", type=float, default=3.0, help="points above the bots' mean")
    p.add_argument("--margin-for", action="append", default=[], metavar="INDICATOR=POINTS")
    a = p.parse_args(argv)
    model = load(a.scenario).compile()
    margins = {k: float(v) for k, v in (m.split("=", 1) for m in a.margin_for)}
    unknown = set(margins) - set(model.indicator_ids)
    if unknown:
        p.error(f"no such indicator: {', '.join(sorted(unknown))}")

    finals, at_target = [], []
    for policy in POLICIES:
        res = play_batch(model, runs=a.runs, seed=a.seed, policies=[policy], counterfactual=False)
        x = res.state.x[: a.runs]
        finals.append(x.mean(axis=0))
        at_target.append((x >= model.target[None]).mean(axis=0))
    best = np.max(finals, axis=0)  # (R, K)
    share = np.max(at_target, axis=0)
    margin = np.array([margins.get(k, a.margin) for k in model.indicator_ids])
    new = np.maximum(model.target, np.minimum(np.ceil(best + margin[None]), 99.0))

    free = share >= FREE_SHARE
    print(f"{model.scenario_id}: {int(free.sum())} of {free.size} cells free "
          f"(at target in ≥ {FREE_SHARE:.0%} of {a.runs} games under a bot policy)\n")  # fmt: skip
    print(f"{'indicator':22s} {'region type':20s} {'target':>6s} {'bots':>6s} {'at target':>9s}")
    for k, ind in enumerate(model.indicator_ids):
        for r, reg in enumerate(model.region_ids):
            mark = "  free" if free[r, k] else ""
            print(f"{ind:22s} {reg:20s} {model.target[r, k]:6.0f} {best[r, k]:6.1f} "
                  f"{share[r, k]:9.0%}{mark}")  # fmt: skip
    print(f"\n# targets at least the bots' best 2040 mean + {a.margin:g}"
          + "".join(f", {k} + {v:g}" for k, v in margins.items()))  # fmt: skip
    print("vision:\n  targets:")
    for k, ind in enumerate(model.indicator_ids):
        moved = {reg: int(new[r, k]) for r, reg in enumerate(model.region_ids)
                 if new[r, k] != model.target[r, k]}  # fmt: skip
        if moved:
            print(f"    {ind}: {{" + ", ".join(f"{r}: {v}" for r, v in moved.items()) + "}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
