"""The simulation keeps freed memory in the process: a 100-seed projection must not fault
its temporaries in from the system again on every call (docs/performance.md)."""

import platform
import resource

import pytest

from game.scenario.loader import load
from game.sim.heap import keep_freed_memory
from game.sim.runner import Game


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_projection_reuses_its_memory():
    assert keep_freed_memory() is True  # set when game.sim was imported; idempotent
    game = Game(load("finland-2040").compile(), human=[0])
    game.begin()
    for _ in range(3):
        game.project(100)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(10):
        game.project(100)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    assert faults < 10 * 100  # about 2 a call with the pad, about 700 without it
