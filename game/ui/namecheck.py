"""The walk `suunta validate --display` takes through the game's screens.

It plays one bot game headless at 1280×720 (game.scenario.display.SIZE) with the game's
own fonts and layouts — the title, every phase of every turn, the views, every event
card in full — and returns every text the screens had to cut, for
game.scenario.display.cut_names to judge. The bot game's session is thrown away.
"""

from __future__ import annotations

import argparse
import os
import tempfile

from game.scenario import display
from game.scenario.problems import Problem


def cut_names(scenario, seed: int | None = None) -> list[Problem]:
    """Warnings for the scenario's names the game's screens cut at 1280×720."""
    model = scenario.compile()
    seed = model.seed if seed is None else seed
    with tempfile.TemporaryDirectory(prefix="suunta-display-") as home:
        old = os.environ.get("SUUNTA_HOME")
        os.environ["SUUNTA_HOME"] = home
        try:
            return display.cut_names(scenario, lambda sc, lang: _walk(sc, model, lang, seed))
        finally:
            if old is None:
                os.environ.pop("SUUNTA_HOME", None)
            else:
                os.environ["SUUNTA_HOME"] = old


def _walk(scenario, model, lang: str, seed: int) -> list[tuple[str, object]]:
    """(screen, misfit) for every text cut on the screens of one bot game."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.app import App
    from game.ui.autoplay import EXTRA_VIEWS
    from game.ui.views import CardView

    args = argparse.Namespace(
        scenario=str(scenario.path), lang=lang, teams=None, seed=seed, resume=None,
        autoplay=True, autoplay_delay=0.0, screenshots=None, window=None, fullscreen=False,
        length=None, timings=None, plan=None, tutorial=False,
    )  # fmt: skip
    app = App(args, display.SIZE)
    cut: list[tuple[str, object]] = []

    def shoot(screen: str) -> None:
        before = len(app.tp.truncated)
        app.render()
        cut.extend((screen, m) for m in app.tp.truncated[before:])

    app.open_scenario(scenario, model)
    app.goto("title")
    shoot("title screen")
    app.start_game(seed, [], None)
    views = True
    for _ in range(8 * max(model.n_turns, 1)):
        if app.scene is None or app.scene.name == "debrief":
            break
        app.scene.finish_animation()
        shoot(app.scene.name)
        if views and app.scene.name == "reflection":
            views = False
            for view in (v for v in EXTRA_VIEWS if v != "help"):
                app.open_view(view)
                shoot(f"{view} view")
                app.overlay = None
        app.advance()
    for ev in range(len(model.events)):
        app.overlay = CardView(app, ev)
        shoot("event card")
    app.overlay = None
    return cut
