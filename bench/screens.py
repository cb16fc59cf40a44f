"""Screenshots of every screen an autoplayed game shows, in each look a room may choose:
standard and high contrast, 100 % and 160 % text (issue 16: open them and look).

    SDL_VIDEODRIVER=dummy .venv/bin/python bench/screens.py OUT [--window 1280x720]

writes OUT/<contrast>-<size>/NN-<screen>.png, as `suunta play --autoplay --screenshots`.
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.cli import build_parser  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.ui.app import App, parse_window  # noqa: E402
from game.ui.settings import FONT_SCALES  # noqa: E402


def shoot(out: Path, scenario: str, window: str, contrast: bool, scale: float) -> int:
    """One autoplayed game's screenshots in one look; returns the exit code."""
    import pygame

    out.mkdir(parents=True, exist_ok=True)
    args = build_parser().parse_args(
        ["play", scenario, "--autoplay", "--screenshots", str(out), "--window", window]
    )
    app = App(args, parse_window(window))
    try:
        if contrast:
            app.toggle_contrast()
        app.set_font_scale(FONT_SCALES.index(scale))
        app.open_scenario(*load_scenario(scenario))
        app.goto("title")
        return app.loop()
    finally:
        pygame.quit()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--scenario", default="finland-2040")
    p.add_argument("--window", default="1280x720")
    a = p.parse_args()
    for contrast in (False, True):
        for scale in (1.0, 1.6):
            name = f"{'contrast' if contrast else 'standard'}-{round(scale * 100)}"
            code = shoot(a.out / name, a.scenario, a.window, contrast, scale)
            print(name, "exit", code, len(list((a.out / name).glob("*.png"))), "screens")
            if code:
                return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
