"""Run a benchmark under the project's virtual environment.

`python3 bench/run.py` with a Python that lacks the project's packages re-runs the same
command with `.venv/bin/python` (made by the README's lines); without one it says how to
make it, instead of failing on an import.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


def ensure() -> None:
    """Re-execute under .venv/bin/python when this Python cannot import the project."""
    needed = ("numpy", "yaml", "pydantic", "networkx", "game")
    if all(importlib.util.find_spec(m) is not None for m in needed):
        return
    python = VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(python, [str(python), *sys.argv])
    raise SystemExit(
        "the benchmark needs the project installed; from the repository run\n"
        "  python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'\n"
        "and then  .venv/bin/python " + " ".join(sys.argv)
    )
