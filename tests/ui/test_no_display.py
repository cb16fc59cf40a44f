"""`suunta play` without a display says so at once, names the fix and exits 2, instead
of running unseen on SDL's offscreen driver.
"""

import os
import subprocess
import sys
import time

import pytest

from game.ui import display
from tests.ui.conftest import MINI


def play(*argv, **env_changes):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    env.update(env_changes)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, time.perf_counter() - t0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's display variables")
def test_no_display_says_so_at_once_and_exits_2(tmp_path):
    done, seconds = play(MINI, SUUNTA_HOME=str(tmp_path))
    assert done.returncode == 2, done.stderr
    err = done.stderr
    assert "no display" in err and "DISPLAY and WAYLAND_DISPLAY are not set" in err
    assert "desktop session" in err
    assert "SDL_VIDEODRIVER=dummy suunta play --autoplay --screenshots DIR" in err
    assert "XDG_RUNTIME_DIR" not in err  # SDL's own noise is not shown
    assert "Traceback" not in err
    assert seconds < 5  # a second here, with Python's start; CI machines are slower
    assert not (tmp_path / "sessions").exists()  # no session was started


def test_a_dummy_driver_asked_for_still_refuses_a_game_people_play(tmp_path):
    done, _ = play(MINI, SDL_VIDEODRIVER="dummy", SUUNTA_HOME=str(tmp_path))
    assert done.returncode == 2
    assert "SDL_VIDEODRIVER=dummy shows no window" in done.stderr


def test_what_counts_as_a_display(monkeypatch):
    monkeypatch.setattr(display, "probe_driver", lambda: "x11")
    assert display.display_problem(False, {"DISPLAY": ":0"}) is None
    monkeypatch.setattr(display, "probe_driver", lambda: "offscreen")
    assert "offscreen" in display.display_problem(False, {})
    assert "offscreen" in display.display_problem(True, {})  # autoplay: ask for dummy
    assert display.display_problem(True, {"SDL_VIDEODRIVER": "dummy"}) is None
    monkeypatch.setattr(display, "probe_driver", lambda: None)
    assert "no video driver" in display.display_problem(False, {})
