"""The codebase keeps its rules: lint clean, import boundaries, a pure simulation."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    out = subprocess.run(
        [BIN / "ruff", "check", "game", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format_is_clean():
    out = subprocess.run(
        [BIN / "ruff", "format", "--check", "game", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_import_boundaries_hold():
    out = subprocess.run([BIN / "lint-imports"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_simulation_and_scenario_do_not_import_pygame():
    code = (
        "import sys, game.sim.runner, game.scenario.loader, game.scenario.compile, game.cli;"
        "bad = [m for m in sys.modules if m.startswith(('pygame', 'game.ui'))];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
