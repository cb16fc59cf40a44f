"""Draw turn time against actors as a PNG from `bench/run.py --json` output.

    .venv/bin/python bench/run.py --json > /tmp/bench.json
    .venv/bin/python bench/chart.py /tmp/bench.json docs/perf-scale.png [--before OLD.json]

Log–log axes; the measured points (and the code before issue 7 when given), with dashed
guides of slope 1 (linear) and 2 (quadratic) through the first point.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402 - after the headless driver is chosen

W, H = 960, 600
LEFT, RIGHT, TOP, BOTTOM = 100, 40, 70, 80
INK, GRID, NOW, OLD, GUIDE = (
    (30, 30, 30),
    (225, 225, 225),
    (0, 114, 178),
    (213, 94, 0),
    (150, 150, 150),
)


def points(data: dict) -> list[tuple[int, int, float]]:
    """(actors, edges, ms per turn) of the scale series, sorted by actors."""
    return sorted(
        (p["actors"], p["edges"], p["turn_ms"])
        for k, p in data["scale_detail"].items()
        if k != "municipalities"
    )


def draw(now: dict, before: dict | None, out: Path) -> None:
    pygame.init()
    surf = pygame.Surface((W, H))
    surf.fill((255, 255, 255))
    font = pygame.font.Font(None, 24)
    small = pygame.font.Font(None, 20)
    series = [(points(now), NOW, "now")]
    if before:
        series.append((points(before), OLD, "before issue 7"))
    xs = [a for s, _, _ in series for a, _, _ in s]
    ys = [t for s, _, _ in series for _, _, t in s]
    x0, x1 = math.log10(min(xs) * 0.8), math.log10(max(xs) * 1.25)
    y0, y1 = math.log10(min(ys) * 0.5), math.log10(max(ys) * 2.0)

    def px(a: float, t: float) -> tuple[int, int]:
        x = LEFT + (math.log10(a) - x0) / (x1 - x0) * (W - LEFT - RIGHT)
        y = H - BOTTOM - (math.log10(t) - y0) / (y1 - y0) * (H - TOP - BOTTOM)
        return int(x), int(y)

    for a in (50, 100, 200, 400):
        x, _ = px(a, 10**y0)
        pygame.draw.line(surf, GRID, (x, TOP), (x, H - BOTTOM))
        lab = small.render(str(a), True, INK)
        surf.blit(lab, (x - lab.get_width() // 2, H - BOTTOM + 8))
    for e in range(math.floor(y0), math.ceil(y1) + 1):
        for m in (1, 2, 5):
            t = m * 10**e
            if 10**y0 <= t <= 10**y1:
                _, y = px(10**x0, t)
                pygame.draw.line(surf, GRID, (LEFT, y), (W - RIGHT, y))
                lab = small.render(f"{t:g}", True, INK)
                surf.blit(lab, (LEFT - lab.get_width() - 8, y - 7))
    pygame.draw.rect(surf, INK, (LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM), 1)
    a_first, _, t_first = series[0][0][0]
    surf.set_clip(pygame.Rect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM))
    for slope, name in ((1, "linear"), (2, "quadratic")):
        end = xs and max(xs) * 1.2
        p0, p1 = px(a_first, t_first), px(end, t_first * (end / a_first) ** slope)
        steps = 40
        for i in range(0, steps, 2):
            q0 = (p0[0] + (p1[0] - p0[0]) * i / steps, p0[1] + (p1[1] - p0[1]) * i / steps)
            q1 = (
                p0[0] + (p1[0] - p0[0]) * (i + 1) / steps,
                p0[1] + (p1[1] - p0[1]) * (i + 1) / steps,
            )
            pygame.draw.line(surf, GUIDE, q0, q1, 1)
        lab = small.render(f"{name} (slope {slope})", True, GUIDE)
        surf.blit(lab, (min(p1[0], W - RIGHT - lab.get_width() - 4), max(p1[1], TOP + 4)))
    surf.set_clip(None)
    for pts, colour, _ in series:
        coords = [px(a, t) for a, _, t in pts]
        pygame.draw.lines(surf, colour, False, coords, 3)
        for (_, e, t), c in zip(pts, coords, strict=True):
            pygame.draw.circle(surf, colour, c, 6)
            lab = small.render(f"{t:.1f} ms", True, colour)
            sub = small.render(f"{e:,} edges", True, GUIDE)
            x = c[0] + 10 if c[0] < W - RIGHT - 120 else c[0] - 10 - max(lab.get_width(), 80)
            surf.blit(lab, (x, c[1] - 22))
            surf.blit(sub, (x, c[1] + 6))
    title = font.render("Turn time of a game (with its twin) against actors, log-log", True, INK)
    surf.blit(title, (LEFT, 24))
    xl = font.render("actors (generated scenarios, bench/generate.py)", True, INK)
    surf.blit(xl, (LEFT + (W - LEFT - RIGHT - xl.get_width()) // 2, H - 40))
    yl = pygame.transform.rotate(font.render("ms per turn", True, INK), 90)
    surf.blit(yl, (20, TOP + (H - TOP - BOTTOM - yl.get_height()) // 2))
    ly = TOP + 12
    for _, colour, name in series:
        pygame.draw.line(surf, colour, (LEFT + 20, ly + 7), (LEFT + 50, ly + 7), 3)
        surf.blit(small.render(name, True, INK), (LEFT + 60, ly))
        ly += 22
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surf, str(out))
    pygame.quit()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("now", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--before", type=Path, default=None)
    a = p.parse_args(argv)
    now = json.loads(a.now.read_text())
    before = json.loads(a.before.read_text()) if a.before else None
    draw(now, before, a.out)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
