"""What forming a broad vision is worth (issue 18): the audit's `vision_agreement_gain`.

The scenario's own team policies play the same seeds three times, each time with a vision
the room formed on the scenario's own weights and targets (so every run is scored alike,
against the scenario's vision) and only the agreement differing: a divided room (0: the
trust bonus × 0.5), the agreement the teams' bots reach by policy, and a room that agrees
wholly (1: × 1.5). The gain of full agreement over a divided room must be worth something
(≥ `MIN_GAIN` shared-score points) without being a trivial move: smaller than what the
room gains by cooperating at all (all cooperative against all solo, the audit's
`selfish_cost`), so that agreeing on paper never stands in for working together.
"""

from __future__ import annotations

import numpy as np

from game.sim.model import Model
from game.sim.plans import Plan
from game.sim.runner import play_batch
from game.sim.vision import RoomVision, Workshop

MIN_GAIN = 0.1  # shared-score points: below it, forming a broad vision is worth nothing


def shared_with_agreement(
    model: Model, seeds: np.ndarray, seed: int | None, agreement: float
) -> np.ndarray:
    """(S,) shared score of the scenario's policies when the room's vision is the
    scenario's own with the given agreement.
    """
    J, K = len(model.team_ids), len(model.indicator_ids)
    R = len(model.region_ids)
    room = RoomVision(
        np.tile(model.vision_weights, (J, 1)),
        np.zeros((J, R, K)),
        model.vision_weights.copy(),
        np.zeros((R, K)),
        float(agreement),
    )
    plan = Plan.even(model, np.zeros(J, dtype=bool))
    plan.vision = room
    res = play_batch(
        model, len(seeds), seed, None, counterfactual=False, first_run=seeds, plan=plan
    )
    return np.asarray(res.scores.shared)


def agreement_check(
    model: Model, seeds: np.ndarray, seed: int | None, cooperation_gain: float
) -> tuple[float, str, bool]:
    """(gain of full agreement over a divided room, the detail, ok) for the audit."""
    bots = Workshop.start(model, list(model.team_policy))
    a_bots = form_agreement(model, bots)
    divided = shared_with_agreement(model, seeds, seed, 0.0)
    full = shared_with_agreement(model, seeds, seed, 1.0)
    by_bots = shared_with_agreement(model, seeds, seed, a_bots)
    gain = float((full - divided).mean())
    bots_gain = float((by_bots - divided).mean())
    ok = gain >= MIN_GAIN and gain < cooperation_gain
    detail = (
        f"full agreement {gain:+.2f} over a divided room (the bots' own proposals, agreement "
        f"{a_bots:.0%}: {bots_gain:+.2f}); cooperating instead of going solo "
        f"{cooperation_gain:+.1f}"
    )
    return gain, detail, ok


def form_agreement(model: Model, workshop: Workshop) -> float:
    """The agreement of a workshop's proposals (1 when the scenario fixes the vision)."""
    from game.sim.vision import form

    return form(model, workshop.proposals, workshop.shifts).agreement
