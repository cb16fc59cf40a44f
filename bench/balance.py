"""Write docs/balance.md: the balance report and the audit of every bundled scenario.

    .venv/bin/python bench/balance.py [--runs 10000] [--seed 1] [--audit-seconds 60]
                                      [--audit-seeds 200] [--out docs/balance.md]

Each scenario is `suunta simulate SCENARIO --runs N --seed S --policy all --json` (the
same function the command calls), summarised as markdown: a policy × scenario matrix of
mean shared scores, then per scenario the policy table, each event's firing share and
each package's funding rate by policy, and the command that reproduces it.

Then "The audit": `suunta audit SCENARIO --seconds S --seeds N` (`run_audit`, what the
command calls) on every bundled scenario: a check × scenario matrix, and per scenario the
fourteen checks (value, target, ok, what was measured) and the best fixed plan's shared
score against an even split's. `--audit-seconds 0` leaves the audit out. The audit takes
up to its seconds per scenario (six scenarios: about five minutes at the default).
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


def audits(seconds: float, seeds: int, seed: int | None) -> list[tuple[str, object]]:
    """(file name, game.sim.audit.Audit) for every bundled scenario."""
    from game.scenario.loader import load
    from game.sim.audit import run_audit

    out = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        model = load(path).compile()
        audit = run_audit(model, seconds, seeds, seed)
        out.append((path.name, audit))
        bad = sum(not c.ok for c in audit.checks)
        print(f"{path.name}: audit {audit.elapsed_s:.1f} s, {bad} check(s) short",
              file=sys.stderr)  # fmt: skip
    return out


def _value(v: float) -> str:
    """A check's value as the table shows it."""
    if v != v:  # NaN: the check does not apply
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def audit_markdown(items: list[tuple[str, object]], seconds: float, seeds: int,
                   seed: int | None) -> list[str]:  # fmt: skip
    """The section "The audit" of the document."""
    from game.sim.audit import TARGETS

    op = {">=": "≥", "<=": "≤"}
    seed_arg = "" if seed is None else f" --seed {seed}"
    lines = [
        "",
        "## The audit",
        "",
        "`suunta audit` searches each scenario the way a policy analyst would try to break "
        "it — fixed plans found by hill-climbing, plans re-optimised for one seed's events, "
        "one team going all-in, selfish teams among cooperating ones — and checks fourteen "
        "properties against the targets of issue 12 (docs/scenario-authoring.md, "
        '"Auditing your scenario", says what each means and what to change). Made with '
        "`bench/balance.py`, which calls what the command calls:",
        "",
        f"    .venv/bin/python bench/balance.py --audit-seconds {seconds:g} --audit-seeds {seeds}",
        "",
        "| check | target | " + " | ".join(n.removesuffix(".yaml") for n, _ in items) + " |",
        "|---|---|" + "---:|" * len(items),
    ]
    for cid, (target, cmp) in TARGETS.items():
        cells = []
        for _, audit in items:
            c = next(c for c in audit.checks if c.id == cid)
            cells.append(_value(c.value) + ("" if c.ok else " **✗**"))
        lines.append(f"| `{cid}` | {op[cmp]} {target:g} | " + " | ".join(cells) + " |")
    short = [f"{sum(not c.ok for c in a.checks)}" for _, a in items]
    lines.append("| *checks short of target* | | " + " | ".join(short) + " |")
    for name, audit in items:
        gain = audit.best_score - audit.even_score
        cofund = audit.notes.get("best_single_package_gain")
        lines += [
            "",
            f"### The audit of {audit.scenario}",
            "",
            f"    suunta audit scenarios/{name} --seconds {seconds:g} --seeds {seeds}{seed_arg}",
            "",
            f"({audit.seeds} seeds in {audit.elapsed_s:.0f} s.) The best fixed plan it found "
            f"scores {audit.best_score:.1f} against an even split's {audit.even_score:.1f} "
            f"({gain:+.1f})"
            + (
                f"; an even split with every team co-funding one package gains at most "
                f"{cofund:+.1f}."
                if cofund is not None
                else "."
            ),
            "",
            "| check | value | target | ok | measured |",
            "|---|---:|---:|:---:|---|",
        ]
        for c in audit.checks:
            detail = c.detail.replace("|", "\\|")
            lines.append(
                f"| `{c.id}` | {_value(c.value)} | {op[TARGETS[c.id][1]]} {c.target:g} | "
                f"{'ok' if c.ok else '**no**'} | {detail} |"
            )
    return lines


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


def markdown(items: list[tuple[str, dict, float]], runs: int, seed: int,
             audit_lines: list[str] | None = None) -> str:  # fmt: skip
    """The document; `audit_lines`: the section "The audit", at the end."""
    policies = list(items[0][1]["policies"])
    lines = [
        "# Balance of the bundled scenarios",
        "",
        "Every team plays one bot policy (docs/design.md, bots); each policy is played over the "
        "same "
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
    lines += audit_lines or []
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--audit-seconds", type=float, default=60.0,
                   help="suunta audit's --seconds per scenario (0: no audit section)")  # fmt: skip
    p.add_argument("--audit-seeds", type=int, default=200, help="suunta audit's --seeds")
    p.add_argument("--audit-seed", type=int, default=None,
                   help="suunta audit's --seed (default: each scenario's own)")  # fmt: skip
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "balance.md")
    a = p.parse_args(argv)
    if a.audit_seconds and not 1 <= a.audit_seconds <= 3600:
        p.error("--audit-seconds must be 0 (no audit) or between 1 and 3600")
    if not 10 <= a.audit_seeds <= 100_000:
        p.error("--audit-seeds must be between 10 and 100000")
    items = reports(a.runs, a.seed)
    audit_lines = None
    if a.audit_seconds:
        found = audits(a.audit_seconds, a.audit_seeds, a.audit_seed)
        audit_lines = audit_markdown(found, a.audit_seconds, a.audit_seeds, a.audit_seed)
    text = markdown(items, a.runs, a.seed, audit_lines)
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
