"""`--autoplay`: bots play every team and the UI walks through every screen, saving a
screenshot of each when asked, then ends after the debrief. A caption band explains each
phase (the trainer demo); `--autoplay-delay` sets the pace and Space pauses it.

Bots decide exactly as `suunta simulate` does (the session is created with no human
team and the scenario's policies), so the final `state_hash` is the same for the seed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

EXTRA_VIEWS = ("network", "indicators", "scores", "help")


class Autoplay:
    """Drives the app one frame at a time from a script (a generator)."""

    def __init__(self, app, shots: Path | str | None, delay: float = 0.0):
        self.app = app
        self.dir = Path(shots) if shots else None
        self.delay = max(0.0, delay)
        self.fast = self.delay <= 0
        self.count = 0
        self.saved: list[Path] = []
        self._script = self.script()

    def step(self) -> None:
        """Run the script until it wants the next frame."""
        try:
            next(self._script)
        except StopIteration:
            self.app.running = False

    def shot(self, name: str) -> None:
        """Render the current screen and save it as NNN-name.png."""
        self.app.render()
        if self.dir is not None:
            self.count += 1
            path = self.dir / f"{self.count:03d}-{name}.png"
            self.app.screenshot(path)
            self.saved.append(path)

    def wait(self) -> Iterator[None]:
        """Show frames for the delay (nothing at full speed); the caption band shows the
        time to the next step, and Space pauses the demo (its clock stops).
        """
        app = self.app
        if self.fast:
            return
        elapsed, last = 0.0, time.perf_counter()
        while app.running:
            now = time.perf_counter()
            if not app.demo_paused:  # a pause stops the clock of the wait
                elapsed += now - last
            last = now
            if elapsed >= self.delay:
                break
            app.caption_progress = elapsed / self.delay
            app.render()
            yield
        app.caption_progress = None

    def script(self) -> Iterator[None]:
        """Title → every phase of every turn → debrief pages → exit."""
        app = self.app
        title = app.scene
        if title.name == "title":  # a new game (not --resume)
            title.team_count = 0  # every team played by a bot
            title.reset_teams()
            title._built = None
            self.shot("title")
            yield
            yield from self.wait()
            title.start()
        views_done = False
        while app.scene.name != "debrief":
            scene = app.scene
            yield from self.wait()
            scene.finish_animation()
            self.shot(scene.name)
            yield
            if scene.name == "reflection" and not views_done:
                views_done = True
                for view in EXTRA_VIEWS:
                    app.open_view(view)
                    self.shot(f"view-{view}")
                    yield
                    yield from self.wait()
                    app.overlay = None
                app.toggle_console()
                self.shot("console")
                yield
                app.toggle_console()
            app.advance()
        from game.ui.scenes.debrief import PAGES

        debrief = app.scene
        for i, page in enumerate(PAGES):
            debrief.set_page(i)
            yield from self.wait()
            self.shot(f"debrief-{page}")
            yield
