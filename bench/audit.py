"""Time `suunta audit` on every bundled scenario and on generated ones (never run as a test).

    .venv/bin/python bench/audit.py                       # --seconds 60, the issue's budget
    .venv/bin/python bench/audit.py --seconds 20 --sizes 60,200
    .venv/bin/python bench/audit.py --json                # one JSON object on stdout

Each scenario is audited in this process with `run_audit` (what `suunta audit SCENARIO
--seconds S --seeds N` calls). The generated scenarios are bench/generate.py's: the
default scenario's content with its actors grown to the given size (`municipal`: about
345 actors and 10,700 edges, the real municipality counts). Per scenario it prints the
elapsed seconds, the seeds the checks were judged on (the audit scales its seed counts
down for big models so that its fixed part fits the budget) and how many checks are ok.

Issue 12 asks for ≤ 60 s per bundled scenario with `--seconds 60` on the 2-core machine,
and for the audit to be fast on any scenario that validates. The machine is shared: the
load average before and after is printed so a reader can judge the figures.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
import _venv

_venv.ensure()  # started by another Python: run again under the project's .venv

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scenarios(sizes: list[str], folder: Path) -> list[tuple[str, Path | str]]:
    """(label, scenario reference): the bundled ones, then generated ones of `sizes`."""
    import generate

    out: list[tuple[str, Path | str]] = [
        (p.stem, p.stem) for p in sorted((ROOT / "scenarios").glob("*.yaml"))
    ]
    for size in sizes:
        actors = None if size == "municipal" else int(size)
        path = folder / f"generated-{size}.yaml"
        generate.write(generate.build(actors), path)
        out.append((f"generated-{size}", path))
    return out


def time_one(ref: Path | str, seconds: float, seeds: int) -> dict:
    """Audit one scenario; its size, the elapsed seconds and the checks."""
    from game.scenario.loader import load
    from game.sim.audit import run_audit

    model = load(ref).compile()
    audit = run_audit(model, seconds, seeds)
    return {
        "scenario": model.scenario_id,
        "actors": len(model.actor_ids),
        "edges": int(model.edge_a.size),
        "seeds": audit.seeds,
        "elapsed_s": audit.elapsed_s,
        "checks_ok": sum(c.ok for c in audit.checks),
        "checks": len(audit.checks),
        "best_plan_score": round(audit.best_score, 2),
        "even_split_score": round(audit.even_score, 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60.0, help="the audit's budget (60)")
    p.add_argument("--seeds", type=int, default=200, help="the audit's --seeds (200)")
    p.add_argument("--sizes", default="60,200,municipal",
                   help="generated scenarios: actor counts and/or 'municipal'")  # fmt: skip
    p.add_argument("--bundled-only", action="store_true")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    a = p.parse_args(argv)
    sizes = [] if a.bundled_only else [s.strip() for s in a.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="suunta-audit-bench-") as tmp:
        for label, ref in scenarios(sizes, Path(tmp)):
            row = {"label": label, **time_one(ref, a.seconds, a.seeds)}
            rows.append(row)
            print(
                f"{label:24} {row['actors']:4} actors {row['edges']:6} edges  "
                f"{row['seeds']:4} seeds  {row['elapsed_s']:6.1f} s  "
                f"{row['checks_ok']}/{row['checks']} ok",
                file=sys.stderr,
            )
    out = {
        "seconds": a.seconds,
        "seeds": a.seeds,
        "cpus": os.cpu_count(),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "rows": rows,
    }
    if a.json:
        print(json.dumps(out))
    else:
        print(f"suunta audit --seconds {a.seconds:g} --seeds {a.seeds}, {out['cpus']} cores")
        print(f"{'scenario':24} {'actors':>6} {'edges':>6} {'seeds':>5} {'elapsed':>8}  checks ok")
        for r in rows:
            print(
                f"{r['label']:24} {r['actors']:>6} {r['edges']:>6} {r['seeds']:>5} "
                f"{r['elapsed_s']:>7.1f}s  {r['checks_ok']}/{r['checks']}"
            )
        print(f"load average before {out['load_before']}, after {out['load_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
