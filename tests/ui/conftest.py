import argparse
import os
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
BUNDLED = [s for s in ("tutorial", "finland-2040") if (ROOT / "scenarios" / f"{s}.yaml").exists()]
SCENARIOS = [MINI] + BUNDLED
SIZES = [(1280, 720), (1920, 1080)]


@cache
def scenario(ref):
    from game.scenario.loader import load_scenario

    return load_scenario(ref)


def args(ref=MINI, **kw):
    base = dict(
        scenario=ref,
        lang="fi",
        teams=None,
        seed=3,
        resume=None,
        autoplay=False,
        autoplay_delay=0.0,
        screenshots=None,
        window=None,
        fullscreen=False,
    )
    base.update(kw)
    return argparse.Namespace(**base)


def make_app(ref=MINI, size=(1280, 720), lang="fi", human="all", start=True):
    """A real App on a dummy display, its scenario open; with `start`, a game begun."""
    from game.ui.app import App

    app = App(args(ref, lang=lang), size)
    sc, model = scenario(ref)
    app.open_scenario(sc, model)
    app.goto("title")
    if start:
        teams = list(range(len(model.team_ids))) if human == "all" else list(human)
        app.start_game(3, teams, None)
    return app


def key(app, k, mod=0, unicode=""):
    import pygame

    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0))
    app.render()


@pytest.fixture
def mini_app():
    app = make_app()
    app.render()
    yield app
