"""The `suunta` command line (docs/design.md, README). Argument parsing and output only.

Exit codes: 0 success, 1 invalid input, 2 usage error. Errors are lines on stderr, never a
traceback: an unexpected crash writes its traceback to a log in the data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import numpy as np

DEFAULT_SCENARIO = "finland-2040"


class UsageError(Exception):
    """A bad argument value (exit 1) that argparse itself cannot see."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = _Parser(
        prog="suunta",
        description="Suunta 2040 — a scenario-workshop game about Finnish regional development.",
    )
    from game import __version__

    p.add_argument("--version", action="version", version=f"suunta {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="play the game (default scenario: finland-2040)")
    play.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    play.add_argument("--lang", choices=["fi", "en", "sv"], default="fi")
    play.add_argument("--teams", type=int, default=None, help="number of teams played by people")
    play.add_argument("--seed", type=int, default=None)
    play.add_argument("--resume", metavar="ID|latest", default=None)
    play.add_argument(
        "--plan",
        type=Path,
        default=None,
        metavar="PLAN.yaml",
        help="teams the room plan names follow it; people and bots play the others",
    )
    play.add_argument(
        "--length",
        type=int,
        default=None,
        metavar="MIN",
        help="session length in minutes, spread over intro, turns and debrief "
        "(default: 30 + 15 a turn, 120 for finland-2040)",
    )
    play.add_argument(
        "--timings",
        default=None,
        metavar="SPEC",
        help="phase minutes in every turn: five numbers (2,6,4,1,3) or name=minutes pairs "
        "(deliberation=8,intro=5)",
    )
    play.add_argument("--autoplay", action="store_true", help="bots play every team, then exit")
    play.add_argument("--autoplay-delay", type=float, default=0.0, metavar="SECONDS")
    play.add_argument("--screenshots", type=Path, default=None, metavar="DIR")
    play.add_argument("--window", default=None, metavar="WxH")
    play.add_argument("--fullscreen", action="store_true")
    play.add_argument(
        "--room",
        action="store_true",
        help="every team on its own phone or laptop over the local network (docs/workshop.md)",
    )
    play.add_argument(
        "--room-bind",
        default=None,
        metavar="ADDRESS",
        help="the room's network address (default: this machine's LAN address; "
        "127.0.0.1 for this machine only)",
    )
    play.add_argument(
        "--room-port",
        type=int,
        default=None,
        metavar="PORT",
        help="the room's port (default 8240, or the session's; the next free one if taken)",
    )
    play.add_argument(
        "--tutorial",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the guided tutorial (default: on for the tutorial scenario)",
    )

    sim = sub.add_parser("simulate", help="headless games played by bots")
    sim.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    sim.add_argument("--runs", type=int, default=100)
    sim.add_argument("--seed", type=int, default=None)
    sim.add_argument(
        "--policy",
        default=None,
        metavar="P[,P…]",
        help="bot policy for every team, or a comma list the teams take in turn",
    )
    sim.add_argument(
        "--plan",
        type=Path,
        default=None,
        metavar="PLAN.yaml",
        help="a room plan: the teams it names play its fixed decisions, the rest their bots",
    )
    sim.add_argument("--json", action="store_true", help="one JSON object on stdout")
    sim.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )

    sub.add_parser("sessions", help="list saved sessions")
    rep = sub.add_parser("replay", help="re-run a session's journal and print its final state")
    rep.add_argument("id", metavar="ID|latest")
    rep.add_argument("--json", action="store_true")

    rpt = sub.add_parser("report", help="write a session's debrief: HTML, charts and CSV")
    rpt.add_argument("id", metavar="ID|latest")
    rpt.add_argument("--out", type=Path, default=None, metavar="DIR")
    rpt.add_argument("--lang", choices=["fi", "en", "sv"], default=None)

    aud = sub.add_parser("audit", help="search a scenario for lessons it should not teach")
    aud.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    aud.add_argument("--json", action="store_true", help="one JSON object on stdout")
    aud.add_argument("--seconds", type=float, default=60.0, metavar="S",
                     help="time for the search (default 60)")  # fmt: skip
    aud.add_argument("--seeds", type=int, default=200, metavar="N",
                     help="seeds every plan and policy is judged on (default 200)")  # fmt: skip
    aud.add_argument("--seed", type=int, default=None)
    aud.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="write the best plan found here (default: here)")  # fmt: skip
    aud.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="a progress bar on stderr (default: on a terminal)")  # fmt: skip

    rs = sub.add_parser("runsheet", help="write the facilitator's printable run-sheet (HTML)")
    rs.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    rs.add_argument("--length", type=int, default=None, metavar="MIN",
                    help="session length in minutes (default: 30 + 15 a turn)")  # fmt: skip
    rs.add_argument("--timings", default=None, metavar="SPEC",
                    help="phase minutes in every turn, as for 'play --timings'")  # fmt: skip
    rs.add_argument("--lang", choices=["fi", "en", "sv"], default="fi")
    rs.add_argument("--start", default=None, metavar="HH:MM",
                    help="the workshop's start: clock times instead of 0:00 onwards")  # fmt: skip
    rs.add_argument("--out", type=Path, required=True, metavar="DIR")

    val = sub.add_parser("validate", help="check scenario files")
    val.add_argument("files", nargs="+")
    val.add_argument("--strict", action="store_true", help="warnings fail too")
    val.add_argument(
        "--play",
        type=int,
        default=0,
        metavar="N",
        help="also play N bot games under each bot policy and warn of packages never funded, "
        "events never fired and dilemma options never chosen",
    )
    val.add_argument(
        "--display",
        action="store_true",
        help="also walk the game's screens at 1280x720 (headless) and warn of names cut",
    )

    st = sub.add_parser("stress", help="replay a session's decisions (or a plan) in every future")
    st.add_argument("target", nargs="?", default=None, metavar="ID|latest|SCENARIO",
                    help="a saved session; with --plan, the scenario the plan is for "
                    "(default finland-2040)")  # fmt: skip
    st.add_argument("--plan", type=Path, default=None, metavar="PLAN.yaml",
                    help="stress-test a room plan instead of a session")  # fmt: skip
    st.add_argument("--runs", type=int, default=100, help="seeds per future (default 100)")
    st.add_argument("--seed", type=int, default=None)
    st.add_argument("--json", action="store_true", help="one JSON object on stdout")

    sub.add_parser("schema", help="print the JSON Schema of scenario files (for editors)")
    new = sub.add_parser("new", help="write a commented starting scenario that validates")
    new.add_argument("file", type=Path)
    new.add_argument(
        "--from",
        dest="from_scenario",
        default=None,
        metavar="SCENARIO",
        help="extend this scenario (a bundled id or a path) instead of starting from scratch",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from game.sim.heap import keep_freed_memory

    keep_freed_memory()  # a process setting, made here and never by an import
    try:
        return COMMANDS[args.command](args)
    except SystemExit as exit_:  # a command that said why and stopped (exit 1)
        return int(exit_.code or 0)
    except UsageError as err:
        print(f"suunta {args.command}: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `suunta simulate | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:  # noqa: BLE001 - the promise is: no traceback on the terminal
        return crash(args.command)


def crash(command: str) -> int:
    """Write the traceback to a crash log and say where it is."""
    text = traceback.format_exc()
    try:
        from game.session.store import data_dir

        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        log = folder / f"crash-{stamp}.log"
        log.write_text(text, encoding="utf-8")
        where = str(log)
    except OSError:
        where = "(the log could not be written)"
    last = text.strip().splitlines()[-1]
    print(f"suunta {command}: internal error: {last}\nThe details are in {where}", file=sys.stderr)
    return 1


def _load_model(ref: str):
    from game.scenario.loader import load
    from game.scenario.problems import ScenarioError

    try:
        scenario = load(ref)
    except ScenarioError as err:
        _refuse(err)
    return scenario, scenario.compile()


def _load_plan(path: Path | None, model):
    """The plan file `simulate --plan` names (or None), or its problems and exit 1."""
    from game.scenario.plan import load_plan
    from game.scenario.problems import ScenarioError

    if path is None:
        return None
    try:
        return load_plan(path, model)
    except ScenarioError as err:
        _refuse(err)


def _refuse(err) -> NoReturn:
    """Print a file's problems, one editor line each, and stop with exit 1."""
    for p in err.problems:
        print(p.format(), file=sys.stderr)
    raise SystemExit(1) from None


def cmd_validate(args: argparse.Namespace) -> int:
    """`suunta validate FILE…`: every problem in every file; exit 1 if any is invalid."""
    from game.scenario.loader import check

    if not 0 <= args.play <= 10_000:
        raise UsageError("--play takes a number of games from 0 to 10000")
    bad = 0
    for f in args.files:
        scenario, problems = check(f)
        if scenario is not None and (args.play or args.display):
            from game.scenario.coverage import unplayed
            from game.ui.namecheck import cut_names

            more = unplayed(scenario, args.play) if args.play else []
            more += cut_names(scenario) if args.display else []
            scenario.warnings += more
            problems = sorted(problems + more)
        for p in problems:
            print(p.format(), file=sys.stderr)
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity == "warning"]
        if scenario is None or errors or (args.strict and warnings):
            bad += 1
            if scenario is not None and not errors:
                print(
                    f"{f}: {len(warnings)} warning(s), which fail under --strict", file=sys.stderr
                )
        else:
            print(f"{f}: ok ({scenario.id}, {len(warnings)} warning(s))")
    return 1 if bad else 0


def _policies(text: str | None) -> list[str] | None:
    from game.sim.bots import POLICIES

    if not text:
        return None
    out = [p.strip() for p in text.split(",") if p.strip()]
    for p in out:
        if p not in POLICIES:
            raise UsageError(f"unknown policy '{p}'; choose from {', '.join(POLICIES)}")
    return out


def _stats(values) -> dict:
    """Mean and percentiles of values or of a summary (game.sim.montecarlo.Summary)."""
    from game.sim.montecarlo import Summary

    v = values if isinstance(values, Summary) else Summary.of(values)
    return {
        "mean": round(v.mean, 6),
        "p5": round(v.percentile(5), 6),
        "p50": round(v.percentile(50), 6),
        "p95": round(v.percentile(95), 6),
    }


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, enabled: bool, label: str = "games"):
        self.total, self.enabled, self.label = total, enabled, label
        self.start = time.perf_counter()

    def update(self, done: int) -> None:
        """Redraw the bar."""
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(self.total, 1))
        rate = done / max(time.perf_counter() - self.start, 1e-9)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} "
            f"{self.label} ({rate:,.0f}/s)"
        )
        sys.stderr.flush()
        if done >= self.total:
            sys.stderr.write("\n")


def simulate(
    model, runs: int, seed: int, policies, progress: Progress | None = None, plan=None
) -> dict:
    """Play `runs` bot games and summarise them as the `simulate --json` object; with a
    `plan` (game.sim.plans.Plan), the teams it names play it.
    """
    from game.sim.montecarlo import monte_carlo

    mc = monte_carlo(model, runs, seed, policies, progress.update if progress else None, plan)
    out = {
        "scenario": model.scenario_id,
        "runs": runs,
        "seed": seed,
        "policies": mc.policies,
        "shared_score": _stats(mc.shared),
        "vision_attainment": _stats(mc.vision),
        "equity": _stats(mc.equity),
        "cooperation_dividend": _stats(mc.dividend),
        "final_indicators": {
            k: {r: round(float(mc.final[ri, ki]), 6) for ri, r in enumerate(model.region_ids)}
            for ki, k in enumerate(model.indicator_ids)
        },
        "events_fired": {e: round(float(mc.fired[i]), 6) for i, e in enumerate(model.event_ids)},
        "packages_funded": {
            p: round(float(mc.funded[i]), 6) for i, p in enumerate(model.package_ids)
        },
    }
    if runs == 1:
        out["state_hash"] = mc.first_hash
    return out


def balance_report(model, runs: int, seed: int, progress: Progress | None) -> dict:
    """`simulate --policy all`: every policy over the same seeds, with per-seed winners."""
    from game.sim.bots import POLICIES
    from game.sim.montecarlo import balance

    bal = balance(model, runs, seed, POLICIES, progress.update if progress else None)
    return {
        "scenario": model.scenario_id,
        "runs": runs,
        "seed": seed,
        "policies": {
            p: {
                "shared_score": _stats(r.shared),
                "vision_attainment": _stats(r.vision),
                "equity": _stats(r.equity),
                "cooperation_dividend": _stats(r.dividend),
                "best_in_seeds": bal.wins[p],
                "events_fired": sum(1 for v in r.fired if v > 0),
                "packages_funded": round(float(r.funded.mean()), 6),
            }
            for p, r in bal.results.items()
        },
        "dominant_policy": bal.dominant,
        "events_fired_any_policy": round(
            float(np.mean(np.max([r.fired for r in bal.results.values()], axis=0) > 0)), 6
        ),
        # share of games in which each event fired / each package ran, by policy
        "event_firing": {
            e: {p: round(float(r.fired[i]), 6) for p, r in bal.results.items()}
            for i, e in enumerate(model.event_ids)
        },
        "package_funding": {
            k: {p: round(float(r.funded[i]), 6) for p, r in bal.results.items()}
            for i, k in enumerate(model.package_ids)
        },
    }


def _share_table(title: str, table: dict, policies: list[str]) -> list[str]:
    """A compact table of shares of games (0..1) by policy, in whole percents."""
    if not table:
        return []
    width = max(len(title), *(len(k) for k in table)) + 1
    lines = ["", f"{title:<{width}}" + "".join(f"{p[:7]:>8}" for p in policies)]
    for key, by_policy in table.items():
        lines.append(f"{key:<{width}}" + "".join(f"{by_policy[p]:>8.0%}" for p in policies))
    return lines


def format_balance(out: dict) -> str:
    """The balance table `simulate --policy all` prints."""
    lines = [
        f"{out['scenario']}: every team plays one policy; {out['runs']} seeds from {out['seed']}",
        "",
        f"{'policy':<13}{'shared':>8}{'p5':>7}{'p95':>7}{'vision':>8}{'dividend':>10}"
        f"{'best in':>9}{'events':>8}{'funded':>8}",
    ]
    for p, r in out["policies"].items():
        s = r["shared_score"]
        lines.append(
            f"{p:<13}{s['mean']:>8.1f}{s['p5']:>7.1f}{s['p95']:>7.1f}"
            f"{r['vision_attainment']['mean']:>8.1f}"
            f"{r['cooperation_dividend']['mean']:>10.1f}{r['best_in_seeds']:>9}"
            f"{r['events_fired']:>8}{r['packages_funded']:>8.0%}"
        )
    policies = list(out["policies"])
    lines += _share_table("event fired in", out.get("event_firing", {}), policies)
    lines += _share_table("package funded in", out.get("package_funding", {}), policies)
    lines.append("")
    lines.append(f"events that fired under some policy: {out['events_fired_any_policy']:.0%}")
    if out["dominant_policy"]:
        lines.append(
            f"WARNING: '{out['dominant_policy']}' is best in every seed: the scenario "
            "is not balanced"
        )
    else:
        lines.append("no policy is best in every seed")
    return "\n".join(lines)


def cmd_simulate(args: argparse.Namespace) -> int:
    """`suunta simulate`: headless bot games, a table or one JSON object."""
    if args.runs < 1 or args.runs > 10_000_000:
        raise UsageError(f"--runs must be between 1 and 10,000,000 (got {args.runs})")
    everything = args.policy == "all"
    if everything and args.plan is not None:
        print(
            "suunta simulate: error: --plan cannot be used with --policy all: the balance "
            "report plays every team with each bot policy; with --plan, give one policy "
            "(or none) for the teams the plan does not name",
            file=sys.stderr,
        )
        raise SystemExit(2)
    policies = None if everything else _policies(args.policy)
    scenario, model = _load_model(args.scenario)
    plan = _load_plan(args.plan, model)
    seed = model.seed if args.seed is None else args.seed
    if seed < 0:
        raise UsageError("--seed must not be negative")
    show = sys.stderr.isatty() if args.progress is None else args.progress
    t0 = time.perf_counter()
    if everything:
        from game.sim.bots import POLICIES

        total = args.runs * len(POLICIES)
        out = balance_report(model, args.runs, seed, Progress(total, show))
        out["elapsed_s"] = round(time.perf_counter() - t0, 3)
        print(json.dumps(out, ensure_ascii=False) if args.json else format_balance(out))
        return 0
    progress = Progress(args.runs, show and args.runs > 1)
    out = simulate(model, args.runs, seed, policies, progress, plan)
    if plan is not None:
        out["plan"] = args.plan.name
        out["plan_teams"] = [t for t, on in zip(model.team_ids, plan.teams, strict=True) if on]
    out["elapsed_s"] = round(time.perf_counter() - t0, 3)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(format_summary(out, scenario))
    return 0


def format_summary(out: dict, scenario) -> str:
    """The readable table `simulate` prints without --json."""
    from game.scenario.text import text

    f = scenario.file
    lines = [
        f"{text(f.meta.title, 'en')} — {out['runs']} game(s), seed {out['seed']}, "
        f"policies {', '.join(out['policies'])}",
    ]
    if "plan" in out:
        others = len(out["policies"]) - len(out["plan_teams"])
        lines.append(
            f"plan {out['plan']} plays {', '.join(out['plan_teams'])}"
            + (f"; the other {others} team(s) play their bots" if others else "")
            + " (a dilemma the plan casts no vote on gets the bot's vote)"
        )
    lines.append("")
    lines.append(f"{'score':<24}{'mean':>9}{'p5':>9}{'p50':>9}{'p95':>9}")
    for key, label in (
        ("shared_score", "shared score"),
        ("vision_attainment", "vision attained"),
        ("equity", "equity"),
        ("cooperation_dividend", "cooperation dividend"),
    ):
        s = out[key]
        lines.append(f"{label:<24}{s['mean']:>9.1f}{s['p5']:>9.1f}{s['p50']:>9.1f}{s['p95']:>9.1f}")
    lines += ["", "final indicators (mean, 0–100)"]
    regions = list(next(iter(out["final_indicators"].values())))
    lines.append(f"{'':<22}" + "".join(f"{r[:11]:>12}" for r in regions))
    for k, by_r in out["final_indicators"].items():
        lines.append(f"{k[:21]:<22}" + "".join(f"{by_r[r]:>12.1f}" for r in regions))
    fired = sorted(out["events_fired"].items(), key=lambda kv: -kv[1])
    lines += [
        "",
        "events fired (share of games): " + ", ".join(f"{e} {v:.0%}" for e, v in fired if v > 0),
    ]
    never = [e for e, v in fired if v == 0]
    if never:
        lines.append("never fired: " + ", ".join(never))
    if "state_hash" in out:
        lines.append(f"state hash: {out['state_hash']}")
    return "\n".join(lines)


def cmd_play(args: argparse.Namespace) -> int:
    """`suunta play`: the game window (imports the UI only here)."""
    if args.plan is not None and args.resume:
        # a resumed session keeps the plan it was started with (saved in session.json)
        print(
            "suunta play: error: --plan cannot be used with --resume: a resumed session "
            "follows the plan it was started with",
            file=sys.stderr,
        )
        return 2
    if args.resume and (args.length is not None or args.timings is not None):
        print(
            "suunta play: error: --length and --timings cannot be used with --resume: a "
            "resumed session keeps the session plan it was started with",
            file=sys.stderr,
        )
        return 2
    if args.room_port is not None and not 1024 <= args.room_port <= 65535:
        raise UsageError(f"--room-port takes a port from 1024 to 65535 (got {args.room_port})")
    if (args.room_bind or args.room_port is not None) and not args.room:
        print("suunta play: error: --room-bind and --room-port go with --room", file=sys.stderr)
        return 2
    from game.ui.app import run

    return run(args)


def cmd_sessions(args: argparse.Namespace) -> int:
    """`suunta sessions`: each saved session's scenario, language, the teams people play,
    when it was last played (local time), and its turn and phase as the screen shows them.
    """
    from game.session.listing import format_sessions, session_rows
    from game.session.store import sessions_dir

    rows = session_rows()
    if not rows:
        print(f"no saved sessions in {sessions_dir()}")
        return 0
    print(format_sessions(rows))
    return 0


def _open_session(ref: str, command: str):
    """Replay a saved session read-only, or say why not and exit 1. A session of another
    model still replays, after a note that its state is not what the room saw.
    """
    from game.session.store import SessionError, model_note, open_session

    try:
        session, info, warnings = open_session(ref, attach=False)
    except SessionError as err:
        print(f"suunta {command}: error: {err}", file=sys.stderr)
        raise SystemExit(1) from None
    note = model_note(info)
    if note:
        print(f"note: {note}", file=sys.stderr)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    return session, info


def cmd_replay(args: argparse.Namespace) -> int:
    """`suunta replay ID`: replay a journal; print the final state."""
    from game.sim.model import MODEL_VERSION

    s, info = _open_session(args.id, "replay")
    scores = s.game.scores()
    out = {
        "session": info.id,
        "scenario": info.scenario_id,
        "seed": info.seed,
        "turn": s.turn,
        "finished": s.finished or s.game.finished,
        "phase": s.phase,
        "state_hash": s.game.state_hash(),
        "shared_score": round(float(scores.shared[0]), 6),
        "vision_attainment": round(float(scores.vision[0]), 6),
        "equity": round(float(scores.equity[0]), 6),
        "cooperation_dividend": round(s.game.dividend(), 6),
        # issue 18: the score against the scenario's own vision, and the room's agreement
        "scenario_shared_score": round(float(s.game.scenario_scores().shared[0]), 6),
        "vision_formed_by": "room" if s.game.workshop.forming else "scenario",
    }
    room = s.game.workshop.vision(s.model)
    if room is not None:
        out["vision_agreement"] = round(room.agreement, 6)
    out |= {
        "commands": len(s.log),
        "model_version": MODEL_VERSION,
        "session_model_version": info.model_version,
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k:<22}{v}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """`suunta report ID`: report.html, PNG charts, indicators.csv, decisions.csv."""
    from game.session.report import write_report
    from game.session.store import SessionError, open_session

    session, info = _open_session(args.id, "report")
    compare = None
    parent = info.meta.get("parent")
    if parent:
        try:
            compare = open_session(parent["session"], attach=False)[0]
        except SessionError as err:
            print(
                f"warning: the session it branched from cannot be compared: {err}", file=sys.stderr
            )
    out = args.out or info.folder / "report"
    scenario = session.scenario.file
    try:
        from game.ui.report_charts import render
    except ImportError:  # without the chart module the report still has tables and CSV
        render = None
    try:
        files = write_report(session, info, scenario, out, args.lang or info.lang, render, compare)
    except OSError as err:
        print(
            f"suunta report: error: cannot write to {out}: {err.strerror or err}", file=sys.stderr
        )
        return 1
    for f in files:
        print(f)
    return 0


def cmd_stress(args: argparse.Namespace) -> int:
    """`suunta stress`: a session's decisions or a room plan in every future of its base."""
    from game.session.stress import format_stress, stress, stress_session

    if not 1 <= args.runs <= 100_000:
        raise UsageError(f"--runs must be between 1 and 100,000 (got {args.runs})")
    if args.seed is not None and args.seed < 0:
        raise UsageError("--seed must not be negative")
    if args.plan is not None:
        _, model = _load_model(args.target or DEFAULT_SCENARIO)
        plan = _load_plan(args.plan, model)
        res = stress(plan, model, model.scenario_id, args.runs, args.seed, source="plan")
    else:
        if args.target is None:
            print("suunta stress: error: name a session (ID or latest), or give --plan "
                  "PLAN.yaml and a scenario", file=sys.stderr)  # fmt: skip
            return 2
        session, info = _open_session(args.target, "stress")
        try:
            res = stress_session(session, args.runs, args.seed, scenario_id=info.scenario_id)
        except ValueError as err:
            print(f"suunta stress: error: {err}", file=sys.stderr)
            return 1
    out = res.as_dict()
    print(json.dumps(out, ensure_ascii=False) if args.json else format_stress(res))
    return 0


def cmd_runsheet(args: argparse.Namespace) -> int:
    """`suunta runsheet`: the facilitator's printable page for a scenario and a plan."""
    from game.session.runsheet import RunsheetError, parse_start, write_runsheet
    from game.session.schedule import ScheduleError, parse_timings, plan_schedule

    scenario, model = _load_model(args.scenario)
    try:
        start = parse_start(args.start)
    except RunsheetError as err:
        raise UsageError(str(err)) from None
    try:
        timings = parse_timings(args.timings) if args.timings is not None else None
        schedule = plan_schedule(model.n_turns, args.length, timings)
    except ScheduleError as err:
        raise UsageError(f"{err} ('{model.scenario_id}' has {model.n_turns} turns)") from None
    try:
        path = write_runsheet(scenario, schedule, args.out, args.lang, start)
    except OSError as err:
        raise UsageError(f"cannot write to {args.out}: {err.strerror or err}") from None
    print(path)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """`suunta schema`: the JSON Schema of scenario files on stdout."""
    from game.scenario.json_schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """`suunta new FILE [--from SCENARIO]`: a commented starting scenario; never overwrites."""
    from game.scenario import template
    from game.scenario.loader import check
    from game.scenario.problems import ScenarioError

    path: Path = args.file
    if path.exists():
        raise UsageError(f"{path} already exists; give a new file name (nothing was overwritten)")
    try:
        if args.from_scenario:
            content = template.extending(path, args.from_scenario)
        else:
            content = template.standalone(path)
    except ScenarioError as err:
        for p in err.problems:
            print(p.format(), file=sys.stderr)
        print(f"suunta new: error: cannot extend '{args.from_scenario}'", file=sys.stderr)
        return 1
    try:
        with path.open("x", encoding="utf-8") as fh:  # "x": never replace a file
            fh.write(content)
    except FileExistsError:
        raise UsageError(f"{path} already exists; give a new file name") from None
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
    scenario, problems = check(path)
    for p in problems:
        print(p.format(), file=sys.stderr)
    if scenario is None:
        return 1
    schema = template.write_schema(path.parent)
    if schema is not None:
        print(f"wrote {schema} (editors read it: see the first line of {path.name})")
    print(f"wrote {path} ({scenario.id}); edit it, then: suunta validate {path}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """`suunta audit`: the balance search, its table (or JSON) and the best plan's file."""
    from game.scenario.plan import plan_to_yaml
    from game.session.store import write_atomic
    from game.sim.audit import run_audit

    if not 5 <= args.seconds <= 3600:
        raise UsageError("--seconds must be between 5 and 3600")
    if not 10 <= args.seeds <= 100_000:
        raise UsageError("--seeds must be between 10 and 100000")
    _, model = _load_model(args.scenario)
    out_dir = args.out or Path.cwd()
    plan_file = out_dir / f"{model.scenario_id}-audit-plan.yaml"
    try:  # find out now, not after a minute of search, that the plan cannot be written
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(plan_file, "# suunta audit is searching…\n")
    except OSError as err:
        reason = err.strerror or str(err)
        print(f"{out_dir}: error: cannot write the plan there ({reason}); choose another "
              "folder with --out DIR", file=sys.stderr)  # fmt: skip
        return 1
    shown = sys.stderr.isatty() if args.progress is None else args.progress
    bar = Progress(100, shown, "%")
    audit = run_audit(model, args.seconds, args.seeds, args.seed,
                      lambda f, label: bar.update(round(100 * f)))  # fmt: skip
    header = (
        f"The best fixed plan `suunta audit {args.scenario}` found: a shared score of "
        f"{audit.best_score:.1f} on {audit.seeds} seeds (an even split: "
        f"{audit.even_score:.1f}).\nPlay it: suunta simulate {args.scenario} "
        f"--plan {plan_file}"
    )
    try:
        write_atomic(plan_file, plan_to_yaml(audit.best_plan, model, header))
    except OSError as err:
        print(f"{plan_file}: error: cannot write the plan: {err.strerror or err}",
              file=sys.stderr)  # fmt: skip
        return 1
    if args.json:
        print(json.dumps({
            "scenario": model.scenario_id,
            "seeds": audit.seeds,
            "elapsed_s": audit.elapsed_s,
            "best_plan_file": str(plan_file),
            "best_plan_score": round(audit.best_score, 4),
            "even_split_score": round(audit.even_score, 4),
            # the trivial move: an even split and every team co-funding one package
            "cofund_one_package_gain": round(audit.notes["best_single_package_gain"], 4),
            "checks": [c.as_dict() for c in audit.checks],
        }, ensure_ascii=False))  # fmt: skip
    else:
        print(format_audit(audit, plan_file))
    return 0 if audit.ok else 1


def format_audit(audit, plan_file: Path) -> str:
    """The audit as a table: one line per check, then the best plan's file."""
    lines = [
        f"{audit.scenario}: audit over {audit.seeds} seeds in {audit.elapsed_s:.0f} s",
        "",
        f"{'check':30} {'value':>8} {'target':>8}  ok",
    ]
    for c in audit.checks:
        op = "≥" if c.id not in ("fixed_plan_win_share", "dominated_options",
                                 "events_unreachable", "events_forced") else "≤"  # fmt: skip
        value = "—" if c.value != c.value else f"{c.value:.2f}"
        mark = "ok" if c.ok else "NO"
        lines.append(f"{c.id:30} {value:>8} {op + format(c.target, 'g'):>8}  {mark}")
        lines.append(f"    {c.detail}")
    bad = sum(not c.ok for c in audit.checks)
    lines += [
        "",
        f"best fixed plan: {audit.best_score:.1f} (even split {audit.even_score:.1f}), "
        f"written to {plan_file}",
        f"an even split with every team co-funding one package gains at most "
        f"{audit.notes['best_single_package_gain']:+.1f} over the even split "
        f"(the best plan {audit.best_score - audit.even_score:+.1f})",
        "every check meets its target" if not bad else f"{bad} check(s) fall short",
    ]
    return "\n".join(lines)


COMMANDS = {
    "audit": cmd_audit,
    "play": cmd_play,
    "simulate": cmd_simulate,
    "validate": cmd_validate,
    "sessions": cmd_sessions,
    "replay": cmd_replay,
    "report": cmd_report,
    "schema": cmd_schema,
    "runsheet": cmd_runsheet,
    "stress": cmd_stress,
    "new": cmd_new,
}
