"""The performance benchmark of issue 7 (never run as a test).

    .venv/bin/python bench/run.py            # the full run, a readable report
    .venv/bin/python bench/run.py --quick    # fewer repetitions, within three minutes
    .venv/bin/python bench/run.py --json     # one JSON object on stdout

Figures (medians; docs/performance.md says what each means and how it was made):

- projection_ms: `Game.project(seeds=1)` from turn 1 of the default scenario (the turn
  begun, one team's allocation set), what the allocation screen calls on a slider move;
- projection_band_ms: `Game.project(seeds=100)`, the uncertainty band in one batch.
  Both are timed as the screen calls them: the line right after an allocation command
  (a slider move), the band after the line at the same allocation (the screen draws it
  once the sliders are still), so the band reuses the line's begun turn;
- single_games_per_s: whole default games one at a time, `play_batch(model, 1)`;
- batch_games_per_s: `play_batch(model, 10_000)` — each game with its no-cooperation
  twin, as `suunta simulate` plays them (20,000 simulated runs);
- scale: generated scenarios (bench/generate.py) of 55 to 400 actors and the municipal
  one: median ms per turn of a game (with its twin), and the fitted growth exponent;
- frame_ms, frame_slider_ms, startup_s: from bench/frame.py (the UI's benchmark) in a
  separate process;
- rss_mb: peak memory of a process that plays a default game and its projections.

The machine is shared: other work running at the same time makes every figure slower.
The report gives the load average before and after so a reader can judge.
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
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

TARGETS = {  # issue 7: name -> (comparison, value)
    "projection_ms": ("<", 16.0),
    "projection_band_ms": ("<", 16.0),
    "batch_games_per_s": (">=", 2000.0),
    "batch_over_single": (">=", 10.0),
    "scale_exponent": ("<=", 2.0),
    "frame_ms": ("<", 8.0),
    "startup_s": ("<", 2.5),
}
FIXED_SHARES = (0.4, 0.2, 0.2, 0.1, 0.1)  # the allocation a projection is made for


def median_ms(fn, repeats: int, warmup: int = 2, before=None) -> float:
    """Median wall time of fn() in milliseconds; `before()` runs untimed before each call."""
    for _ in range(warmup):
        if before is not None:
            before()
        fn()
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def default_model():
    from game.scenario.loader import load

    return load("finland-2040").compile()


def projection_game(model):
    """A game at turn 1, briefing done, team 0 played by a person with a fixed split."""
    from game.sim.runner import Game

    game = Game(model, human=[0])
    game.begin()
    slider_moved(game)
    return game


def slider_moved(game) -> None:
    """What a slider move sends: the fixed allocation, set again (a projection starts
    afresh after every allocation command)."""
    model = game.model
    shares = np.zeros(len(model.theme_ids))
    shares[: len(FIXED_SHARES)] = FIXED_SHARES[: len(shares)]
    game.allocate(0, shares / shares.sum(), np.zeros(len(model.package_ids)))


def line_drawn(game) -> None:
    """What the screen has done before it asks for the band: a slider moved and the line
    (one seed) was projected at that allocation."""
    slider_moved(game)
    game.project(1)


def measure_core(quick: bool) -> dict:
    """Projection, band, single games and the 10,000-game batch on the default scenario."""
    from game.sim.runner import play_batch

    model = default_model()
    game = projection_game(model)
    out = {
        # as the screen calls them: the line after each slider move, the band once the
        # sliders are still (after the line at the same allocation)
        "projection_ms": median_ms(
            lambda: game.project(1), 40 if quick else 200, before=lambda: slider_moved(game)
        ),
        "projection_band_ms": median_ms(
            lambda: game.project(100), 15 if quick else 60, before=lambda: line_drawn(game)
        ),
    }
    runs = iter(range(10**9))
    per_game = median_ms(lambda: play_batch(model, 1, first_run=next(runs)), 60 if quick else 300)
    out["single_games_per_s"] = 1000.0 / per_game
    from game.sim import runner

    times = []
    for i in range(1 if quick else 3):
        t = time.perf_counter()
        if hasattr(runner, "CHUNK_RUNS"):  # one call; it keeps its chunks in cache itself
            play_batch(model, 10_000, first_run=i * 10_000)
        else:  # the code before issue 7: chunks of 2,000 as `simulate` played them
            for start in range(0, 10_000, 2_000):
                play_batch(model, 2_000, first_run=i * 10_000 + start)
        times.append(time.perf_counter() - t)
    out["batch_games_per_s"] = 10_000 / statistics.median(times)
    out["batch_over_single"] = out["batch_games_per_s"] / out["single_games_per_s"]
    return out


def turn_ms(model, games: int) -> float:
    """Median ms per turn of whole games (bots for every team, each with its twin)."""
    from game.sim.runner import Game

    warm = Game(model, seed=model.seed - 1)  # builds the tables, warms the caches
    warm.begin()
    warm.resolve()
    times = []
    for g in range(games):
        game = Game(model, seed=model.seed + g)
        while not game.finished:
            t = time.perf_counter()
            game.begin()
            game.resolve()
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def measure_scale(quick: bool) -> dict:
    """Turn time against actors on generated scenarios, and the municipal scenario."""
    import generate

    from game.scenario.loader import load

    points = {}
    with tempfile.TemporaryDirectory() as tmp:
        for actors in (50, 100, 200, 400, None):
            doc = generate.build(max(actors, 55) if actors else None)
            path = Path(tmp) / f"{doc['meta']['id']}.yaml"
            generate.write(doc, path)
            t = time.perf_counter()
            model = load(path).compile()
            load_s = time.perf_counter() - t
            key = "municipalities" if actors is None else str(len(model.actor_ids))
            point = {
                "actors": len(model.actor_ids),
                "edges": int(model.edge_a.size),
                "turn_ms": turn_ms(model, 2 if quick else 5),
                "load_s": load_s,
            }
            if actors is None:
                game = projection_game(model)
                point["projection_ms"] = median_ms(
                    lambda g=game: g.project(1),
                    5 if quick else 20,
                    before=lambda g=game: slider_moved(g),
                )
            points[key] = point
    xs = [p for k, p in points.items() if k != "municipalities"]
    a = np.log([p["actors"] for p in xs])
    e = np.log([p["edges"] for p in xs])
    ms = np.log([p["turn_ms"] for p in xs])
    return {
        "scale": {k: round(p["turn_ms"], 3) for k, p in points.items() if k != "municipalities"},
        "scale_detail": points,
        "scale_exponent": float(np.polyfit(a, ms, 1)[0]),
        "scale_exponent_edges": float(np.polyfit(e, ms, 1)[0]),
    }


FRAME_SCRIPT = """
import json, statistics, sys
sys.path.insert(0, {bench!r})
import frame
idle, moving = frame.frames("finland-2040", {frames})
ff = frame.first_frame("finland-2040", {starts})
print(json.dumps({{"frame_ms": statistics.median(idle) * 1000,
                  "frame_slider_ms": statistics.median(moving) * 1000,
                  "startup_s": statistics.median(ff)}}))
"""


def measure_frames(quick: bool) -> dict:
    """The UI's figures from bench/frame.py, in a separate process (pygame stays there)."""
    if not (BENCH / "frame.py").exists():
        return {
            "frame_ms": None,
            "frame_slider_ms": None,
            "startup_s": None,
            "frame_note": "bench/frame.py does not exist",
        }
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.setdefault("SUUNTA_HOME", tempfile.mkdtemp(prefix="suunta-bench-"))
    code = FRAME_SCRIPT.format(
        bench=str(BENCH), frames=60 if quick else 300, starts=3 if quick else 5
    )
    try:
        res = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        if res.returncode:
            raise RuntimeError(res.stderr.strip().splitlines()[-1] if res.stderr else "failed")
        return json.loads(res.stdout.strip().splitlines()[-1])
    except Exception as err:  # noqa: BLE001 - report, do not fail the whole benchmark
        return {
            "frame_ms": None,
            "frame_slider_ms": None,
            "startup_s": None,
            "frame_note": f"bench/frame.py failed: {err}",
        }


RSS_SCRIPT = """
import resource
from game.scenario.loader import load
from game.sim.runner import Game
model = load("finland-2040").compile()
game = Game(model, human=[0])
while not game.finished:
    game.begin()
    game.project(1)
    game.project(100)
    game.resolve()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):  # this process's own peak (ru_maxrss may be inherited)
        peak = int(line.split()[1])
print(peak)
"""


def measure_rss() -> dict:
    """Peak memory of a process that plays a default game with live projections."""
    res = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return {"rss_mb": int(res.stdout.strip().splitlines()[-1]) / 1024}


def machine() -> dict:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_average": list(os.getloadavg()),
    }


def check_targets(out: dict) -> dict:
    """Each target with its value and whether it is met (None when not measured)."""
    res = {}
    for name, (op, limit) in TARGETS.items():
        v = out.get(name)
        ok = (
            None
            if v is None
            else (v < limit if op == "<" else v <= limit if op == "<=" else v >= limit)
        )
        res[name] = {"value": v, "target": f"{op} {limit:g}", "ok": ok}
    return res


def run(quick: bool, progress=print, frames: bool = True) -> dict:
    """Every figure, as one dict."""
    out: dict = {"quick": quick, "machine": machine()}
    t0 = time.perf_counter()
    out.update(measure_rss())  # first: a child inherits its parent's peak (ru_maxrss)
    steps = [("core", measure_core), ("scale", measure_scale)]
    if frames:
        steps.append(("frames", measure_frames))
    else:
        out.update(
            frame_ms=None,
            frame_slider_ms=None,
            startup_s=None,
            frame_note="frames not measured (--no-frames)",
        )
    for label, fn in steps:
        progress(f"measuring {label} …")
        out.update(fn(quick))
    out["machine"]["load_average_after"] = list(os.getloadavg())
    out["targets"] = check_targets(out)
    out["all_targets_met"] = all(t["ok"] is not False for t in out["targets"].values())
    out["elapsed_s"] = time.perf_counter() - t0
    return out


def report(out: dict) -> str:
    """The readable report."""
    m = out["machine"]
    lines = [
        f"machine: {m['nproc']} cores, {m['cpu']}, Python {m['python']}, numpy {m['numpy']}",
        f"load average before {m['load_average'][0]:.2f}, after "
        f"{m['load_average_after'][0]:.2f}" + ("  (quick run)" if out["quick"] else ""),
        "",
        f"{'figure':<24}{'value':>12}  {'target':<10} met",
    ]
    for name, t in out["targets"].items():
        v = "n/a" if t["value"] is None else f"{t['value']:.2f}"
        met = {True: "yes", False: "NO", None: "-"}[t["ok"]]
        lines.append(f"{name:<24}{v:>12}  {t['target']:<10} {met}")
    lines += [
        f"{'single_games_per_s':<24}{out['single_games_per_s']:>12.1f}",
        f"{'frame_slider_ms':<24}"
        + (f"{out['frame_slider_ms']:>12.2f}" if out.get("frame_slider_ms") else f"{'n/a':>12}"),
        f"{'rss_mb':<24}{out['rss_mb']:>12.1f}",
        "",
        f"{'actors':>8}{'edges':>8}{'ms/turn':>10}",
    ]
    for key, p in out["scale_detail"].items():
        extra = f"  projection {p['projection_ms']:.1f} ms" if "projection_ms" in p else ""
        lines.append(f"{p['actors']:>8}{p['edges']:>8}{p['turn_ms']:>10.2f}  {key}{extra}")
    lines.append(
        f"turn time grows as actors^{out['scale_exponent']:.2f} "
        f"(edges^{out['scale_exponent_edges']:.2f}): O(E·T) over the network's edges"
    )
    if out.get("frame_note"):
        lines.append(out["frame_note"])
    lines.append(f"all targets met: {'yes' if out['all_targets_met'] else 'NO'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Suunta 2040 performance benchmark (issue 7).")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (< 3 minutes)")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("--no-frames", action="store_true", help="skip bench/frame.py")
    a = p.parse_args(argv)
    from game.sim.heap import keep_freed_memory

    keep_freed_memory()  # as `suunta` does: the figures are the command line's
    say = (lambda s: print(s, file=sys.stderr)) if a.json else print
    out = run(a.quick, say, frames=not a.no_frames)
    print(json.dumps(out) if a.json else report(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
