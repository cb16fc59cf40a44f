"""The simulation keeps freed memory in the process: a 100-seed projection must not fault
its temporaries in from the system again on every call (docs/performance.md)."""

import platform
import resource
import subprocess
import sys

import pytest

from game.scenario.loader import load
from game.sim.heap import keep_freed_memory
from game.sim.runner import Game


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_projection_reuses_its_memory():
    assert keep_freed_memory() is True  # what `suunta` sets first; idempotent
    game = Game(load("finland-2040").compile(), human=[0])
    game.begin()
    for _ in range(3):
        game.project(100)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(10):
        game.project(100)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    assert faults < 10 * 100  # about 2 a call with the pad, about 700 without it


def test_importing_the_simulation_changes_no_process_setting():
    code = "import game.sim.runner, game.scenario.loader, game.sim.heap as h;print(h._done)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_the_command_line_keeps_freed_memory():
    code = (
        "import contextlib, io, game.cli, game.sim.heap as h\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    game.cli.main(['schema'])\n"
        "print(h._done)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stdout + out.stderr
