"""Is there a screen to play on? `suunta play` asks before it opens a window.

Without a display (an SSH login, a server) SDL does not fail: it falls back to its
offscreen driver, and the game would run unseen until killed. So the video driver SDL
picks is probed first; an offscreen or dummy driver the person did not ask for (with
SDL_VIDEODRIVER) means there is no display, and so does one asked for in a game people
are to play (only `--autoplay` runs without anyone watching).
"""

from __future__ import annotations

import contextlib
import os
import sys

HEADLESS = ("offscreen", "dummy")  # SDL's video drivers that show nothing

FIX = (
    "Play it in a desktop session (on the computer's own screen, or over SSH with X "
    "forwarding: ssh -X). For a headless run that plays itself and saves what it shows: "
    "SDL_VIDEODRIVER=dummy suunta play --autoplay --screenshots DIR"
)


@contextlib.contextmanager
def _quiet_stderr():
    """SDL's own warnings while it looks for a display (XDG_RUNTIME_DIR, …) say nothing
    the person can act on; our message says what to do instead.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # a replaced stderr (tests): nothing to hide
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def probe_driver() -> str | None:
    """The video driver SDL chooses here (None: it finds none at all)."""
    import pygame

    with _quiet_stderr():
        try:
            pygame.display.init()
        except pygame.error:
            return None
    try:
        return pygame.display.get_driver()
    finally:
        pygame.display.quit()


def display_problem(autoplay: bool, env=None) -> str | None:
    """Why `suunta play` would run unseen here, with the fix; None when there is a screen.

    Args:
        autoplay: the game plays itself (`--autoplay`), which may run without a screen
            when one asks for it with SDL_VIDEODRIVER=dummy.
        env: the environment (default: os.environ).
    """
    env = os.environ if env is None else env
    asked = env.get("SDL_VIDEODRIVER", "").strip().lower()
    if asked in HEADLESS:
        if autoplay:
            return None
        return (
            f"SDL_VIDEODRIVER={asked} shows no window, so a game people play would run "
            f"unseen. {FIX}"
        )
    driver = probe_driver()
    if driver is not None and driver not in HEADLESS:
        return None
    where = []
    if sys.platform.startswith("linux"):
        missing = [v for v in ("DISPLAY", "WAYLAND_DISPLAY") if not env.get(v)]
        if len(missing) == 2:
            where.append("DISPLAY and WAYLAND_DISPLAY are not set")
    found = f"SDL found only its {driver} driver" if driver else "SDL found no video driver"
    reason = "; ".join([*where, found])
    return f"no display to show the game on ({reason}: the game would run unseen). {FIX}"
