"""Fuzz campaign: mutate real scenario files and hostile conditions for minutes.

    .venv/bin/python bench/fuzz.py [--minutes 3] [--seed 1] [--cli-every 50]

Every case must end in a scenario (which must then compile and play a whole game with
every indicator finite and within 0..100) or in error lines — never in an exception.
Every `--cli-every`-th case also goes through `suunta validate` in a subprocess, which must
exit 0 or 1 with no traceback. Prints the counts; exit 1 if anything failed.
"""

from __future__ import annotations

import argparse
import copy
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario.loader import check  # noqa: E402
from game.sim.runner import play_batch  # noqa: E402
from tests.scenario.mutations import BASES, DUMPER, LINE, ODD, mutate, paths  # noqa: E402

OPS = ["drop", "set", "empty", "duplicate", "rename", "stringify", "negate"]
EXTRA = [
    1e308,
    float("nan"),
    10**40,
    "ä" * 5000,
    "Ö" * 5001,
    [],
    {},
    -0.0,
    2**63,
    "\u0000",
    "!!python/object/apply:os.system ['echo hi']",
    "*alias",
    "&anchor x",
]
CONDITION_PARTS = [
    "(",
    ")",
    "<",
    ">",
    "<=",
    ">=",
    "==",
    "!=",
    "and",
    "or",
    "not",
    "+",
    "-",
    "*",
    "/",
    "year",
    "turn",
    "1e308",
    "0",
    "42",
    "-1",
    "'jobs'",
    "'rural'",
    "'tem'",
    "'nope'",
    "mean(",
    "indicator(",
    "trust(",
    "gap(",
    "density()",
    "fired(",
    "funded(",
    "budget(",
    "__import__('os')",
    "eval(",
    "exec(",
    "lambda",
    ",",
    "'",
    '"',
    "ä",
    "\\",
    "\n",
    "#",
    "((((((((((((((((((((((((((((((((((((((((((((",
    ")" * 50,
    "not " * 60,
    "x" * 3000,
]


def one_case(rnd: random.Random, folder: Path) -> tuple[str, str]:
    """Make and check one mutant; returns (kind, outcome)."""
    kind = rnd.choice(["mutate", "mutate", "mutate", "text", "condition"])
    base = rnd.choice(list(BASES))
    root = copy.deepcopy(BASES[base][0])
    if kind == "mutate":
        for _ in range(rnd.randint(1, 4)):
            every = paths(root)
            op = rnd.choice(OPS)
            value = rnd.choice(ODD + EXTRA) if op == "set" else None
            root = mutate(root, rnd.choice(every), op, value, rnd)
        text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    elif kind == "text":
        text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        for _ in range(rnd.randint(1, 5)):
            at = rnd.randrange(len(text) + 1)
            junk = "".join(
                rnd.choice(":-[]{}&*!|>'\"#\n\t ,0123456789aä\\%@`")
                for _ in range(rnd.randint(0, 6))
            )
            text = text[:at] + junk + text[at + rnd.randint(0, 8) :]
    else:
        events = root.get("events") if isinstance(root, dict) else None
        if not events:
            return kind, "skipped"
        cond = " ".join(rnd.choice(CONDITION_PARTS) for _ in range(rnd.randint(1, 14)))
        rnd.choice(events).setdefault("when", {})["condition"] = cond
        text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    path = folder / "case.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check(path)
    for p in problems:
        if not LINE.match(p.format()) or p.line < 1 or p.col < 1:
            raise AssertionError(f"badly formed problem line: {p.format()!r}")
    if scenario is None:
        return kind, "invalid"
    x = play_batch(scenario.compile(), 1, seed=rnd.randrange(1000)).state.x
    if not (np.isfinite(x).all() and x.min() >= 0 and x.max() <= 100):
        raise AssertionError("a valid mutant played to a state out of range")
    return kind, "valid"


def cli_case(path: Path) -> str | None:
    """Run `suunta validate` on the last case; returns a failure or None."""
    out = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if out.returncode not in (0, 1):
        return f"exit {out.returncode}"
    if "Traceback" in out.stderr + out.stdout:
        return "traceback on the terminal"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli-every", type=int, default=50)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    counts: Counter = Counter()
    failures: list[str] = []
    end = time.perf_counter() + args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = 0
        while time.perf_counter() < end:
            n += 1
            try:
                kind, outcome = one_case(rnd, folder)
                counts[(kind, outcome)] += 1
            except Exception:  # noqa: BLE001 - the campaign collects, not stops
                failures.append(traceback.format_exc(limit=3))
                counts[("any", "EXCEPTION")] += 1
                (folder / f"failure-{len(failures)}.yaml").write_bytes(
                    (folder / "case.yaml").read_bytes()
                )
            if args.cli_every and n % args.cli_every == 0:
                bad = cli_case(folder / "case.yaml")
                counts[("cli", "failed" if bad else "ok")] += 1
                if bad:
                    failures.append(f"validate CLI: {bad}")
            if n % 500 == 0:
                print(f"{n} cases, {len(failures)} failures", flush=True)
    total = sum(v for (k, _), v in counts.items() if k != "cli")
    print(f"cases: {total} in {args.minutes:g} min (seed {args.seed})")
    for (kind, outcome), v in sorted(counts.items()):
        print(f"  {kind:<10}{outcome:<11}{v:>7}")
    print(f"failures: {len(failures)}")
    for f in failures[:5]:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
