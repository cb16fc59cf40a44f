"""Scores (docs/design.md, the model): vision attainment, equity, the shared score, team mandates.

Attainment per indicator and region type is the share of the gap from the baseline to
the 2040 target that has been closed: 0 at the baseline, 1 at the target (capped), and
negative when an indicator falls. The design's min(1, x/target) barely moves across
games (most regions start at 80–95 % of a target), so choices hardly showed in the score;
the gap-closing form spreads them out and reads naturally in a debrief ("we closed 60 % of
the way to the vision"). See docs/model.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.model import Model

MIN_GAP = 5.0  # a target already met or nearly met is judged over at least 5 points


def attainment(model: Model, x: np.ndarray) -> np.ndarray:
    """(N, R, K) share of the gap to the vision closed, in −1..1."""
    gap0 = np.maximum(model.target - model.baseline, MIN_GAP)
    short = np.maximum(model.target[None] - x, 0.0)
    return np.clip(1.0 - short / gap0[None], -1.0, 1.0)


@dataclass
class Scores:
    """Scores of every run, each as an (N,) array (team mandates (N, J)), scaled 0..100."""

    vision: np.ndarray
    equity: np.ndarray
    shared: np.ndarray
    mandates: np.ndarray


def score(model: Model, x: np.ndarray, mandate: np.ndarray | None = None) -> Scores:
    """Score states `x` (N, R, K); `mandate` (N, J, K) defaults to the initial mandates."""
    att = attainment(model, x)
    vision = (att.mean(axis=1) * model.vision_weights[None]).sum(axis=1)
    spread = x.max(axis=1) - x.min(axis=1)  # (N, K)
    equity = 1.0 - spread.mean(axis=1) / 100.0
    ew = model.equity_weight
    shared = (1 - ew) * vision + ew * equity
    if mandate is None:
        mandate = np.broadcast_to(
            model.mandate_indicators, (x.shape[0],) + model.mandate_indicators.shape
        )
    by_region = (att[:, None] * model.mandate_regions[None, :, :, None]).sum(axis=2)  # N,J,K
    mandates = (by_region * mandate).sum(axis=2)
    return Scores(vision * 100, equity * 100, shared * 100, mandates * 100)
