"""The golden balance table: a one-line change to an equation changes these figures.

For finland-2040 and tutorial, `balance_report(model, runs=60, seed=1)` — what
`suunta simulate SCENARIO --runs 60 --seed 1 --policy all` prints — per policy: the shared
score's mean, p5 and p95, the cooperation dividend, how many event cards fired in some
game, and the packages funded (the mean share of games a package ran, in percent). Figures
are kept to 0.1 in tests/sim/golden/balance.json and must match it.

When a change to the model or to those two scenarios is meant, regenerate the file and
review its diff (docs/model.md, "The golden balance table"):

    .venv/bin/python -m tests.sim.test_golden --write

or, the same, `SUUNTA_WRITE_GOLDEN=1 .venv/bin/python -m pytest -q tests/sim/test_golden.py`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.conftest import load_model

GOLDEN = Path(__file__).resolve().parent / "golden" / "balance.json"
SCENARIOS = ("finland-2040", "tutorial")
RUNS, SEED = 60, 1
REGENERATE = ".venv/bin/python -m tests.sim.test_golden --write"
TOLERANCE = 0.05 + 1e-6  # a figure rounds to the stored one (a tie either way is fine)


def figures(scenario: str) -> dict[str, dict[str, float]]:
    """The balance table's figures of one scenario, by policy, unrounded."""
    from game.cli import balance_report

    rep = balance_report(load_model(scenario), runs=RUNS, seed=SEED, progress=None)
    return {
        policy: {
            "shared_mean": r["shared_score"]["mean"],
            "shared_p5": r["shared_score"]["p5"],
            "shared_p95": r["shared_score"]["p95"],
            "dividend": r["cooperation_dividend"]["mean"],
            "events_fired": r["events_fired"],
            "packages_funded_pct": 100 * r["packages_funded"],
        }
        for policy, r in rep["policies"].items()
    }


def table() -> dict:
    """Every scenario's figures."""
    return {"runs": RUNS, "seed": SEED, "scenarios": {s: figures(s) for s in SCENARIOS}}


def rounded(tab: dict) -> dict:
    """The table as stored: every figure to 0.1."""
    return {
        **tab,
        "scenarios": {
            s: {p: {k: round(v, 1) for k, v in row.items()} for p, row in by_policy.items()}
            for s, by_policy in tab["scenarios"].items()
        },
    }


def write() -> Path:
    """Regenerate the golden file from the current model and scenarios."""
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(rounded(table()), indent=1) + "\n", encoding="utf-8")
    return GOLDEN


def differences(want: dict, got: dict) -> list[str]:
    """'scenario policy figure: stored → now' for every figure that no longer matches."""
    out = []
    if (want["runs"], want["seed"]) != (got["runs"], got["seed"]):
        out.append(f"runs/seed: stored {want['runs']}/{want['seed']}, now {RUNS}/{SEED}")
    for s in sorted(set(want["scenarios"]) | set(got["scenarios"])):
        w, g = want["scenarios"].get(s, {}), got["scenarios"].get(s, {})
        for p in sorted(set(w) | set(g)):
            if p not in w or p not in g:
                out.append(f"{s} {p}: {'not stored' if p not in w else 'no longer played'}")
                continue
            for k in sorted(set(w[p]) | set(g[p])):
                a, b = w[p].get(k), g[p].get(k)
                if a is None or b is None or abs(a - b) > TOLERANCE:
                    shown = "—" if b is None else f"{b:.1f}"
                    out.append(f"{s} {p} {k}: stored {a}, now {shown}")
    return out


def test_balance_table_is_golden():
    if os.environ.get("SUUNTA_WRITE_GOLDEN"):
        write()
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    diffs = differences(want, table())
    assert not diffs, (
        "the balance table changed:\n  " + "\n  ".join(diffs) + "\nIf the change is meant, "
        f"regenerate {GOLDEN.name} and review its diff:\n  {REGENERATE}"
    )


def test_the_comparison_sees_a_small_change():
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = table()
    row = got["scenarios"]["finland-2040"]["cooperative"]
    row["shared_mean"] += 0.11
    assert differences(want, got) == [
        f"finland-2040 cooperative shared_mean: stored "
        f"{want['scenarios']['finland-2040']['cooperative']['shared_mean']}, "
        f"now {row['shared_mean']:.1f}"
    ]


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: {REGENERATE}")
    print(f"wrote {write()}")
