"""The first turn's workshop commands (issue 18), as the session journals them.

Two plain commands, each a JSON object the UI, a test or the room mode's team pages send
to `Session.apply` (the pydantic models below are their shape; ids are the scenario's):

    {"type": "propose", "team": "growth",
     "weights": {"population-vitality": 2, "employment": 1, ...},
     "shifts": {"eastern-border": {"population-vitality": -5}}}

    {"type": "rate", "team": "growth",
     "ratings": {"urbanisation": {"eastern-border": 5, "helsinki-metro": 2}}}

`propose` is taken in the first turn's deliberation when the scenario lets the room form
its vision (`vision.formed_by: room`); a weight left out is 0, a shift left out 0.
`rate` is taken in the first turn before its resolution; a rating is 1..5, and a pair
left out is not rated. A new command replaces the team's earlier one whole.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.sim.model import Model
from game.sim.vision import RATING_STEPS


class ProposeCommand(BaseModel):
    """A team's proposal for the room's vision."""

    model_config = ConfigDict(extra="ignore")  # a command carries more (who sent it: "room")
    type: str = "propose"
    team: str
    weights: dict[str, float] = Field(description="indicator id -> weight (≥ 0)")
    shifts: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="region type id -> indicator id -> target shift"
    )


class RateCommand(BaseModel):
    """A team's ratings of the change drivers by region type."""

    model_config = ConfigDict(extra="ignore")  # a command carries more (who sent it: "room")
    type: str = "rate"
    team: str
    ratings: dict[str, dict[str, int]] = Field(
        description=f"driver id -> region type id -> 1..{RATING_STEPS}"
    )


def _parsed(kind: type[BaseModel], cmd: dict) -> BaseModel:
    try:
        return kind.model_validate(cmd)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None


def _index(ids: tuple[str, ...], key: str, kind: str) -> int:
    if key not in ids:
        raise ValueError(f"unknown {kind} {key!r}")
    return ids.index(key)


def propose_arrays(model: Model, cmd: dict) -> tuple[np.ndarray, np.ndarray]:
    """(weights (K,), shifts (R, K)) of a propose command.

    Raises:
        ValueError: an unknown id or a value that is not a number.
    """
    c = _parsed(ProposeCommand, cmd)
    K, R = len(model.indicator_ids), len(model.region_ids)
    w = np.zeros(K)
    for k, v in c.weights.items():
        w[_index(model.indicator_ids, k, "indicator")] = v
    sh = np.zeros((R, K))
    for r, row in c.shifts.items():
        ri = _index(model.region_ids, r, "region type")
        for k, v in row.items():
            sh[ri, _index(model.indicator_ids, k, "indicator")] = v
    return w, sh


def rating_array(model: Model, cmd: dict) -> np.ndarray:
    """(D, R) int ratings of a rate command (0: not rated).

    Raises:
        ValueError: an unknown id or a rating that is not a whole number.
    """
    c = _parsed(RateCommand, cmd)
    out = np.zeros((len(model.driver_ids), len(model.region_ids)), dtype=np.int64)
    for d, row in c.ratings.items():
        di = _index(model.driver_ids, d, "driver")
        for r, v in row.items():
            out[di, _index(model.region_ids, r, "region type")] = v
    return out


def propose_command(model: Model, team: int, weights, shifts=None) -> dict:
    """The propose command of arrays (weights (K,), shifts (R, K)), zeros left out."""
    cmd = {
        "type": "propose",
        "team": model.team_ids[team],
        "weights": {
            k: round(float(v), 4)
            for k, v in zip(model.indicator_ids, weights, strict=True)
            if v > 0
        },  # fmt: skip
    }
    if shifts is not None and np.any(shifts):
        cmd["shifts"] = {
            r: {k: round(float(v), 2) for k, v in zip(model.indicator_ids, row, strict=True) if v}
            for r, row in zip(model.region_ids, shifts, strict=True)
            if np.any(row)
        }
    return cmd


def rate_command(model: Model, team: int, ratings) -> dict:
    """The rate command of a (D, R) array, unrated pairs left out."""
    return {
        "type": "rate",
        "team": model.team_ids[team],
        "ratings": {
            d: {r: int(v) for r, v in zip(model.region_ids, row, strict=True) if v > 0}
            for d, row in zip(model.driver_ids, ratings, strict=True)
            if np.any(row)
        },
    }
