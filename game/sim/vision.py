"""The room forms its vision (issue 18): proposals, the shared vision, the agreement.

With `vision: {formed_by: room}` each team proposes, in the first turn's deliberation,
weights for the vision's indicators and, optionally, shifts of the region types' targets
within ±`target_shift` index points. The rule (docs/model.md, "The room's vision"):

- **The shared vision** is the median of the teams' proposals, indicator by indicator (the
  weights then rescaled to sum to 1) and target by target (a shift, clipped to the bound;
  targets stay within 0..100). The median, not the mean: one team cannot pull the room's
  vision far by proposing an extreme.
- **The agreement** is 1 − the mean over teams of the total-variation distance between the
  team's weights and the shared weights (½ Σ|w_team − w_shared|): 1 when every team proposes
  the same weights, 0 when each puts all its weight where the shared vision puts none. It is
  "how much of its weight each team finds where the room put it". Target shifts are shown
  with their spread but do not enter it.
- **The trust bonus** of signing the vision (`vision_bonus` × the share of teams that sign)
  is multiplied by `trust_factor(agreement)` = 0.5 + agreement: a vision the room formed with
  full agreement binds half as much again as one the scenario fixed, one formed with half
  the room's weight in common binds as much, and a divided room's half as much.
- **Scores**: the game is scored against the room's vision; the debrief and the report also
  show the score against the scenario's vision, so sessions stay comparable.

Bots propose by policy (`bot_proposal`): `balanced` and `vision` the scenario's weights,
`mandate` and `solo` their mandate's, `cooperative` the mean of the two, `random` equal
weights; none shifts a target. Batches of bot games (`simulate`, the audit) play the
scenario's vision as signed unless a plan carries a formed vision (`Plan.vision`): the
forming is the room's workshop.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from game.sim.model import Model

if TYPE_CHECKING:
    from game.sim.runner import Game


def formed_by_room(model: Model) -> bool:
    """True when the scenario lets the room form its vision (`vision.formed_by: room`)."""
    return model.meta.get("vision_formed_by") == "room"


def shift_bound(model: Model) -> float:
    """How far a team may move a target (index points, either way)."""
    return float(model.meta.get("target_shift", 10.0))


def bot_proposal(model: Model, team: int, policy: str) -> np.ndarray:
    """(K,) the weights a team's bot proposes (see the module's docstring)."""
    scen = model.vision_weights
    mand = model.mandate_indicators[team]
    if policy in ("balanced", "vision"):
        w = scen
    elif policy in ("mandate", "solo"):
        w = mand
    elif policy == "cooperative":
        w = 0.5 * scen + 0.5 * mand
    else:  # random: no view of its own, equal weights
        w = np.ones_like(scen)
    return normalise(np.asarray(w, dtype=float))


def normalise(w: np.ndarray) -> np.ndarray:
    """Weights rescaled to sum to 1 (equal weights when they sum to 0)."""
    w = np.where(np.isfinite(w), np.maximum(w, 0.0), 0.0)
    total = w.sum()
    return w / total if total > 0 else np.full(w.shape, 1.0 / w.size)


@dataclass
class RoomVision:
    """The vision the room formed: the teams' proposals and what they add up to."""

    proposals: np.ndarray  # (J, K) each team's weights, rows sum to 1
    shifts_proposed: np.ndarray  # (J, R, K) each team's target shifts (index points)
    weights: np.ndarray  # (K,) the shared weights (median, rescaled)
    shifts: np.ndarray  # (R, K) the shared shifts (median)
    agreement: float  # 0..1

    @property
    def spread(self) -> np.ndarray:
        """(K,) per indicator, the largest minus the smallest weight proposed."""
        return self.proposals.max(axis=0) - self.proposals.min(axis=0)

    def target(self, model: Model) -> np.ndarray:
        """(R, K) the room's targets: the scenario's, shifted, within 0..100."""
        return np.clip(model.target + self.shifts, 0.0, 100.0)

    def model(self, model: Model) -> Model:
        """The model with the room's vision in place of the scenario's (for scoring)."""
        return replace(model, vision_weights=self.weights.copy(), target=self.target(model))

    def carried(self, src: Model, dst: Model) -> RoomVision:
        """The same vision in another scenario, by indicator and region type id (a future
        of the stress test): the weights of indicators `dst` has, the shifts on its targets.
        """
        w = np.zeros(len(dst.indicator_ids))
        sh = np.zeros((len(dst.region_ids), len(dst.indicator_ids)))
        for k, ind in enumerate(src.indicator_ids):
            if ind not in dst.indicator_ids:
                continue
            kd = dst.indicator_ids.index(ind)
            w[kd] = self.weights[k]
            for r, reg in enumerate(src.region_ids):
                if reg in dst.region_ids:
                    sh[dst.region_ids.index(reg), kd] = self.shifts[r, k]
        return RoomVision(self.proposals, self.shifts_proposed, normalise(w), sh, self.agreement)


def form(model: Model, proposals: np.ndarray, shifts: np.ndarray | None = None) -> RoomVision:
    """The shared vision of the teams' proposals (J, K) and shifts (J, R, K)."""
    props = np.stack([normalise(p) for p in np.asarray(proposals, dtype=float)])
    J, K = props.shape
    R = model.target.shape[0]
    sh = np.zeros((J, R, K)) if shifts is None else np.asarray(shifts, dtype=float)
    bound = shift_bound(model)
    sh = np.clip(sh, -bound, bound)
    weights = normalise(np.median(props, axis=0))
    shared_shifts = np.median(sh, axis=0)
    return RoomVision(props, sh, weights, shared_shifts, agreement(props, weights))


def agreement(proposals: np.ndarray, weights: np.ndarray) -> float:
    """1 − the mean total-variation distance of the proposals from the shared weights."""
    tv = 0.5 * np.abs(proposals - weights[None]).sum(axis=1)
    return float(np.clip(1.0 - tv.mean(), 0.0, 1.0))


def trust_factor(agreement_: float) -> float:
    """The multiplier of the vision's trust bonus for a vision the room formed."""
    return 0.5 + float(agreement_)


RATING_STEPS = 5  # the drivers are rated 1 (hardly) to 5 (very strongly); 0: not rated


@dataclass
class Workshop:
    """The first turn's workshops in a game: the teams' vision proposals (while the room
    forms its vision) and their ratings of the change drivers. People's teams start from
    their bot's proposal; no team has rated the drivers until it does.
    """

    forming: bool  # the room forms its vision (vision.formed_by: room)
    proposals: np.ndarray  # (J, K)
    shifts: np.ndarray  # (J, R, K)
    proposed: np.ndarray  # (J,) bool: the team changed its proposal
    ratings: np.ndarray  # (J, D, R) int 0..RATING_STEPS

    @classmethod
    def start(cls, model: Model, policies: list[str]) -> Workshop:
        """Every team's bot proposal, no ratings."""
        J, K = len(policies), len(model.indicator_ids)
        R, D = model.target.shape[0], len(model.driver_ids)
        props = np.stack([bot_proposal(model, j, p) for j, p in enumerate(policies)])
        return cls(formed_by_room(model), props.reshape(J, K), np.zeros((J, R, K)),
                   np.zeros(J, dtype=bool), np.zeros((J, D, R), dtype=np.int64))  # fmt: skip

    def vision(self, model: Model) -> RoomVision | None:
        """The room's vision as the proposals stand (None when the scenario fixes it)."""
        return form(model, self.proposals, self.shifts) if self.forming else None

    def propose(self, model: Model, team: int, weights: np.ndarray, shifts: np.ndarray) -> None:
        """A team's proposal: weights (K,) ≥ 0 with a positive sum, shifts (R, K) within
        the scenario's bound.

        Raises:
            ValueError: when the proposal is not one.
        """
        if not self.forming:
            raise ValueError("the scenario fixes the vision (vision.formed_by: scenario)")
        w = np.asarray(weights, dtype=float)
        if not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
            raise ValueError("weights must be numbers of 0 or more, at least one above 0")
        sh = np.asarray(shifts, dtype=float)
        bound = shift_bound(model)
        if not np.isfinite(sh).all() or (np.abs(sh) > bound + 1e-9).any():
            raise ValueError(f"a target moves at most {bound:g} points either way")
        self.proposals[team] = normalise(w)
        self.shifts[team] = sh
        self.proposed[team] = True

    def rate(self, team: int, ratings: np.ndarray) -> None:
        """A team's ratings (D, R): 0 (not rated) or 1..RATING_STEPS.

        Raises:
            ValueError: for a rating out of range.
        """
        r = np.asarray(ratings)
        if r.dtype.kind not in "iu" or (r < 0).any() or (r > RATING_STEPS).any():
            raise ValueError(f"a rating is a whole number from 1 to {RATING_STEPS} (0: none)")
        self.ratings[team] = r

    def rated(self) -> np.ndarray:
        """(J,) bool: the teams that rated at least one driver."""
        return np.asarray((self.ratings > 0).any(axis=(1, 2)))

    def mean_ratings(self) -> np.ndarray | None:
        """(D, R) the room's rating of each pair: the mean of the teams that rated it (NaN:
        nobody), or None when no team rated anything.
        """
        r = self.ratings.astype(float)
        if not (r > 0).any():
            return None
        n = (r > 0).sum(axis=0)
        return np.where(n > 0, r.sum(axis=0) / np.maximum(n, 1), np.nan)


def model_intensity(model: Model) -> np.ndarray:
    """(D, R) how hard each driver hits each region type over the game, as the scenario
    has it: the mean over turns of |intensity| × the driver's mean absolute effect there,
    on the 1..5 scale of the ratings (the strongest driver-region pair is 5).
    """
    inten = np.abs(model.driver_intensity).mean(axis=1)  # (D,)
    hit = np.abs(model.driver_effects).mean(axis=2)  # (D, R)
    raw = inten[:, None] * hit
    top = raw.max()
    return 1.0 + 4.0 * raw / top if top > 0 else np.ones_like(raw)


def scoring_model(game: Game) -> Model:
    """The model a game (game.sim.runner.Game) is scored with: its room's vision in place
    of the scenario's when the room formed one.
    """
    room = game.workshop.vision(game.model)
    return game.model if room is None else room.model(game.model)
