"""Write docs/balance.md: the balance report of every bundled scenario.

    .venv/bin/python bench/balance.py [--runs 10000] [--seed 1] [--out docs/balance.md]

Each scenario is `suunta simulate SCENARIO --runs N --seed S --policy all --json` (the
same function the command calls), summarised as markdown: a policy × scenario matrix of
mean shared scores, then per scenario the policy table, each event's firing share and
each package's funding rate by policy, and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reports(runs: int, seed: int) -> list[tuple[str, dict, float]]:
    """(file name, balance report, seconds) for every bundled scenario."""
    from game.cli import balance_report
    from game.scenario.loader import load

    out = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        model = load(path).compile()
        t = time.perf_counter()
        rep = balance_report(model, runs, seed, None)
        out.append((path.name, rep, time.perf_counter() - t))
        print(f"{path.name}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return out


def pct(v: float) -> str:
    return f"{v:.0%}"


def summary(rep: dict) -> str:
    """One line of findings for a scenario, worked out from its report."""
    pol = rep["policies"]
    mean = {p: r["shared_score"]["mean"] for p, r in pol.items()}
    ranked = sorted(mean, key=mean.get, reverse=True)
    wins = {p: r["best_in_seeds"] for p, r in pol.items()}
    top = max(wins, key=wins.get)
    parts = [
        f"**{rep['scenario']}**: `{ranked[0]}` has the best mean ({mean[ranked[0]]:.1f}, "
        f"{mean[ranked[0]] - mean[ranked[1]]:+.1f} over `{ranked[1]}`); `{top}` is best in "
        f"{wins[top] / rep['runs']:.0%} of seeds"
        + (" — **it dominates**" if rep["dominant_policy"] else ", no policy dominates"),
    ]
    if "cooperative" in mean and "solo" in mean:
        parts.append(f"cooperative − solo {mean['cooperative'] - mean['solo']:+.1f}")
    never = [e for e, by_p in rep.get("event_firing", {}).items() if max(by_p.values()) == 0]
    if never:
        parts.append("never fired: " + ", ".join(f"`{e}`" for e in never))
    unfunded = [k for k, by_p in rep.get("package_funding", {}).items() if max(by_p.values()) == 0]
    if unfunded:
        parts.append("never funded: " + ", ".join(f"`{k}`" for k in unfunded))
    return "; ".join(parts) + "."


def markdown(items: list[tuple[str, dict, float]], runs: int, seed: int) -> str:
    """The document."""
    policies = list(items[0][1]["policies"])
    lines = [
        "# Balance of the bundled scenarios",
        "",
        "Every team plays one bot policy (GAME.md §4); each policy is played over the same "
        f"{runs:,} seeds (from seed {seed}), each game beside its no-cooperation twin. "
        "Made with `bench/balance.py`, which calls what "
        "`suunta simulate SCENARIO --runs N --seed S --policy all` calls:",
        "",
        f"    .venv/bin/python bench/balance.py --runs {runs} --seed {seed}",
        "",
        "How to read it: *shared* is the mean shared score (0–100), *p5/p95* its spread over "
        "seeds, *dividend* the shared score minus the no-cooperation twin's, *best in* the "
        "seeds in which the policy had the best shared score of the six (a policy best in "
        "every seed would dominate: the report warns), *events* how many event cards fired "
        "in some game, *funded* the mean share of games in which a package ran.",
        "",
        "## Mean shared score, policy × scenario",
        "",
        "| policy | " + " | ".join(name.removesuffix(".yaml") for name, _, _ in items) + " |",
        "|---|" + "---:|" * len(items),
    ]
    for p in policies:
        cells = [f"{rep['policies'][p]['shared_score']['mean']:.1f}" for _, rep, _ in items]
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    best = []
    for _, rep, _ in items:
        wins = {p: r["best_in_seeds"] for p, r in rep["policies"].items()}
        top = max(wins, key=wins.get)
        best.append(f"{top} {wins[top] / rep['runs']:.0%}")
    lines.append("| *most often best* | " + " | ".join(best) + " |")
    dom = [rep["dominant_policy"] or "none" for _, rep, _ in items]
    lines.append("| *dominant (best in every seed)* | " + " | ".join(dom) + " |")
    lines += ["", "## What it says", ""]
    for _, rep, _ in items:
        lines.append("- " + summary(rep))
    for name, rep, secs in items:
        lines += [
            "",
            f"## {rep['scenario']} (`scenarios/{name}`)",
            "",
            f"    suunta simulate scenarios/{name} --runs {runs} --seed {seed} --policy all",
            "",
            f"({runs * len(policies):,} games and their twins in {secs:.1f} s.)",
            "",
            "| policy | shared | p5 | p95 | vision | dividend | best in | events | funded |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for p, r in rep["policies"].items():
            s = r["shared_score"]
            lines.append(
                f"| {p} | {s['mean']:.1f} | {s['p5']:.1f} | {s['p95']:.1f} | "
                f"{r['vision_attainment']['mean']:.1f} | "
                f"{r['cooperation_dividend']['mean']:.1f} | {r['best_in_seeds']} | "
                f"{r['events_fired']} | {pct(r['packages_funded'])} |"
            )
        verdict = (
            f"**WARNING: `{rep['dominant_policy']}` is best in every seed.**"
            if rep["dominant_policy"]
            else "No policy is best in every seed."
        )
        lines += [
            "",
            f"{verdict} Events that fired under some policy: "
            f"{pct(rep['events_fired_any_policy'])}.",
        ]
        for title, key in (("Event", "event_firing"), ("Package", "package_funding")):
            table = rep.get(key, {})
            if not table:
                continue
            what = "fired" if key == "event_firing" else "ran"
            lines += [
                "",
                f"{title}s: share of games in which it {what}, by policy",
                "",
                f"| {title.lower()} | " + " | ".join(policies) + " |",
                "|---|" + "---:|" * len(policies),
            ]
            for k, by_p in table.items():
                lines.append(f"| {k} | " + " | ".join(pct(by_p[p]) for p in policies) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "balance.md")
    a = p.parse_args(argv)
    items = reports(a.runs, a.seed)
    text = markdown(items, a.runs, a.seed)
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
