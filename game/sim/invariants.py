"""Invariants every game state must keep; the soak runs and tests check them each turn."""

from __future__ import annotations

import numpy as np

from game.sim.model import Model
from game.sim.state import State


def violations(model: Model, state: State) -> list[str]:
    """What is wrong with a state (empty when all is well)."""
    out = []
    for name in ("x", "budget", "trust", "trust_pkg", "driver_scale", "mandate", "pkg_commit"):
        v = getattr(state, name)
        if not np.isfinite(v).all():
            out.append(f"{name} has NaN or infinity")
    if state.x.min() < 0 or state.x.max() > 100:
        out.append(f"an indicator left 0..100 ({state.x.min():.6g}..{state.x.max():.6g})")
    if state.trust.min() < 0 or state.trust.max() > 1:
        out.append("trust left 0..1")
    if (state.trust[~state.present] != 0).any():
        out.append("a missing edge carries trust")
    if (state.trust_pkg < 0).any() or (state.trust_pkg > state.trust + 1e-12).any():
        out.append("the trust packages built left 0..the edge's trust")
    if state.budget.min() <= 0:
        out.append("a budget is not positive")
    if (state.pkg_left < 0).any() or (state.pkg_left > model.pkg_duration[None]).any():
        out.append("a package's remaining turns are out of range")
    if (state.pkg_commit < 0).any():
        out.append("a negative commitment")
    sums = state.mandate.sum(axis=2)
    if np.abs(sums - 1).max() > 1e-9:
        out.append("a mandate's weights do not sum to 1")
    return out
