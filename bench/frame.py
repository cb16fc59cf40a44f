"""Frame time of the allocation screen at 1920×1080 and time to the first frame.

    SDL_VIDEODRIVER=dummy .venv/bin/python bench/frame.py [SCENARIO] [--frames N]

Prints the median (and p90) frame time with nothing changing, the same while a slider
moves every frame (the projection is recomputed each time), and the time from starting
the process to the title screen's first frame (interpreter start, imports, scenario
loading included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_FRAME = """
import time
from game.cli import build_parser
from game.scenario.loader import load_scenario
from game.ui.app import App
args = build_parser().parse_args(["play", {ref!r}, "--window", "1920x1080"])
scenario, model = load_scenario(args.scenario)
app = App(args, (1920, 1080))
app.open_scenario(scenario, model)
app.goto("title")
app.render()
import pygame
pygame.display.flip()
print(time.time())
"""


def first_frame(ref: str, repeats: int = 3) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.time()
        res = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME.format(ref=ref)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(float(res.stdout.strip().splitlines()[-1]) - t0)
    return out


def frames(ref: str, n: int) -> tuple[list[float], list[float]]:
    import pygame

    from game.cli import build_parser
    from game.scenario.loader import load_scenario
    from game.ui.app import App

    os.environ.setdefault("SUUNTA_HOME", str(Path("/tmp") / "suunta-bench"))
    scenario, model = load_scenario(ref)
    args = build_parser().parse_args(["play", ref])
    app = App(args, (1920, 1080))
    app.open_scenario(scenario, model)
    app.goto("title")
    app.start_game(model.seed, list(range(len(model.team_ids))), None)
    while app.scene.name != "allocation":
        app.advance()
    app.render()
    app.scene.finish_animation()
    idle = []
    for _ in range(n):
        t = time.perf_counter()
        app.update(1 / 60)
        app.render()
        pygame.display.flip()
        idle.append(time.perf_counter() - t)
    moving = []
    slider = next(w for w in app.scene.ring.widgets if w.key == "theme0")
    for i in range(max(20, n // 5)):
        t = time.perf_counter()
        slider = next(w for w in app.scene.ring.widgets if w.key == "theme0")
        slider.set(0.2 + 0.05 * (i % 8))
        app.update(1 / 60)
        app.render()
        pygame.display.flip()
        moving.append(time.perf_counter() - t)
    return idle, moving


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return (
        f"median {statistics.median(xs) * 1000:.2f} ms, "
        f"p90 {xs[int(0.9 * (len(xs) - 1))] * 1000:.2f} ms"
    )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("scenario", nargs="?", default="finland-2040")
    p.add_argument("--frames", type=int, default=300)
    a = p.parse_args()
    from game.sim.heap import keep_freed_memory

    keep_freed_memory()  # as `suunta play` does
    idle, moving = frames(a.scenario, a.frames)
    ff = first_frame(a.scenario)
    print(f"scenario {a.scenario}, allocation screen 1920x1080, {len(idle)} frames")
    print(f"frame time, nothing changing:       {ms(idle)}")
    print(f"frame time, a slider moving/frame:  {ms(moving)}")
    print(
        f"process start to first frame:       median {statistics.median(ff):.2f} s "
        f"(runs: {', '.join(f'{x:.2f}' for x in ff)})"
    )


if __name__ == "__main__":
    main()
