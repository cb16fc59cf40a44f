import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# SDL otherwise takes SIGINT/SIGTERM once pygame starts, and `timeout pytest` never stops
os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Every test gets its own data folder."""
    monkeypatch.setenv("SUUNTA_HOME", str(tmp_path / "home"))


def load_model(ref):
    from game.scenario.loader import load

    return load(ref).compile()


@pytest.fixture(scope="session")
def mini():
    return load_model(DATA / "mini.yaml")


@pytest.fixture(scope="session")
def finland():
    return load_model("finland-2040")
