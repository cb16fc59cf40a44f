"""A real `suunta play --autoplay` killed with SIGKILL resumes and ends where an unbroken
game of the same seed ends."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA

MINI = str(DATA / "mini.yaml")


def suunta(*args, env, **kw):
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


@pytest.fixture
def env(tmp_path):
    e = dict(
        os.environ,
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        SUUNTA_HOME=str(tmp_path / "home"),
    )
    return e


def journal_lines(env):
    """Committed lines of the (only) session's journal; 0 before it exists."""
    for path in (Path(env["SUUNTA_HOME"]) / "sessions").glob("*/journal.jsonl"):
        return path.read_bytes().count(b"\n")
    return 0


@pytest.mark.parametrize("moment", [3, 8, 13])
def test_killed_autoplay_resumes_to_the_same_end(env, moment):
    seed = "5"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            MINI,
            "--autoplay",
            "--autoplay-delay",
            "0.15",
            "--seed",
            seed,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while journal_lines(env) < moment and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, "the game was still running when killed"
    committed = journal_lines(env)
    assert committed >= moment

    resumed = suunta("play", "--resume", "latest", "--autoplay", env=env)
    assert resumed.returncode == 0, resumed.stderr
    replay = json.loads(suunta("replay", "latest", "--json", env=env).stdout)
    assert replay["finished"] is True
    expected = json.loads(
        suunta("simulate", MINI, "--runs", "1", "--seed", seed, "--json", env=env).stdout
    )
    assert replay["state_hash"] == expected["state_hash"]
    assert replay["commands"] >= committed
