"""The compiled model: a scenario as index lists and numpy arrays (notation of docs/design.md).

`game.scenario.compile` builds a `Model` from a validated scenario file; the simulation
only ever sees this object, so it needs no YAML, no pydantic and no text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from game.sim.tables import Tables

KINDS = ("ministry", "region", "partner")
# The version of the model's equations: raise it whenever a change to game/sim changes what
# the same decisions give. Version 1 is every session written before it was recorded.
MODEL_VERSION = 2


@dataclass(frozen=True)
class Constants:
    """Model constants; see docs/model.md for what each means to a facilitator."""

    sigma: float = 0.3
    kappa: float = 30.0
    policy_scale: float = 0.3
    alpha: float = 0.08
    cofund_bonus: float = 0.08
    beta: float = 0.2
    delta: float = 0.05
    new_edge_trust: float = 0.25
    vision_bonus: float = 0.1
    resilience: float = 2.0
    programme_cuts: float = 1.0
    vision_continuity: float = 0.7


@dataclass(frozen=True)
class EffectSet:
    """Effects of one event or option, as arrays over the model's axes."""

    indicator: np.ndarray  # (R, K) index points, applied in the turn it fires
    budget: np.ndarray  # (A,) change of budget per turn, for the rest of the game
    trust: np.ndarray  # (E,) change of trust on candidate edges (present ones only)
    driver_scale: np.ndarray  # (D,) multiplier of each driver for the rest of the game
    # (R, T) multiplier of what each theme's effort does in each region type, in the turn
    # the card fires only (model v2: a window of opportunity the briefing shows)
    boost: np.ndarray | None = None

    def boost_or_ones(self, shape: tuple[int, int]) -> np.ndarray:
        """The boost table, ones when the effect boosts nothing."""
        return np.ones(shape) if self.boost is None else self.boost


@dataclass(frozen=True)
class EventSpec:
    """An event card, compiled: when it may fire and what it does."""

    id: str
    kind: str
    turns: np.ndarray  # (n_turns,) bool: the turns whose window allows it
    probability: float
    condition: tuple[Any, ...] | None  # a condition AST (game.sim.conditions) or None
    once: bool
    cooldown: int
    effects: EffectSet
    options: tuple[str, ...] = ()
    option_effects: tuple[EffectSet, ...] = ()

    @property
    def is_dilemma(self) -> bool:
        """A dilemma has options the teams vote on."""
        return bool(self.options)


@dataclass(frozen=True)
class Model:
    """Everything the simulation needs, with axes A actors, T themes, K indicators, R types."""

    scenario_id: str
    start_year: int
    turn_years: int
    n_turns: int
    seed: int
    constants: Constants
    region_ids: tuple[str, ...]
    indicator_ids: tuple[str, ...]
    theme_ids: tuple[str, ...]
    actor_ids: tuple[str, ...]
    team_ids: tuple[str, ...]
    driver_ids: tuple[str, ...]
    package_ids: tuple[str, ...]
    actor_kind: np.ndarray  # (A,) index into KINDS
    actor_team: np.ndarray  # (A,) team index, -1 for actors played by bots
    budget0: np.ndarray  # (A,)
    competence: np.ndarray  # (A, T)
    reach: np.ndarray  # (A, R), rows sum to 1
    sensitivity: np.ndarray  # (R, K)
    theme_effects: np.ndarray  # (T, K) the matrix M
    baseline: np.ndarray  # (R, K)
    edge_a: np.ndarray  # (E,) candidate edges a < b: the initial network + co-funding pairs
    edge_b: np.ndarray  # (E,)
    trust0: np.ndarray  # (E,)
    present0: np.ndarray  # (E,) bool
    driver_intensity: np.ndarray  # (D, n_turns)
    driver_effects: np.ndarray  # (D, R, K)
    events: tuple[EventSpec, ...]
    pkg_cost: np.ndarray  # (P,)
    pkg_duration: np.ndarray  # (P,) int
    pkg_leverage: np.ndarray  # (P,)
    pkg_themes: np.ndarray  # (P, T), rows sum to 1
    pkg_reach: np.ndarray  # (P, R), rows sum to 1
    pkg_kinds: np.ndarray  # (P, 3) bool: kinds that must be among the co-funders
    pkg_min_teams: np.ndarray  # (P,) int
    pkg_direct: np.ndarray  # (P, R, K) direct index points per turn while running
    election_turns: tuple[int, ...]
    programme_ids: tuple[str, ...]
    programme_weight: np.ndarray  # (G,)
    programme_budget: np.ndarray  # (G, A)
    programme_mandate: np.ndarray  # (G, J, K)
    target: np.ndarray  # (R, K)
    vision_weights: np.ndarray  # (K,), sums to 1
    equity_weight: float
    mandate_indicators: np.ndarray  # (J, K), rows sum to 1
    mandate_regions: np.ndarray  # (J, R), rows sum to 1
    team_policy: tuple[str, ...]
    meta: dict[Any, Any] = field(default_factory=dict, compare=False)

    def __deepcopy__(self, memo: dict[Any, Any]) -> Model:
        # a model never changes once compiled: copies of a game share it (and its tables)
        return self

    @cached_property
    def tables(self) -> Tables:
        """Index tables of the vectorised turn, built on first use (game.sim.tables)."""
        from game.sim.tables import build

        return build(self)

    @property
    def event_ids(self) -> tuple[str, ...]:
        """Ids of the event cards, in deck order."""
        return tuple(e.id for e in self.events)

    @property
    def end_year(self) -> int:
        """The year the last turn ends."""
        return self.start_year + self.n_turns * self.turn_years

    def year_of(self, turn: int) -> int:
        """The year a turn starts."""
        return self.start_year + turn * self.turn_years

    def team_actors(self, team: int) -> np.ndarray:
        """Indices of the actors a team controls."""
        return np.flatnonzero(self.actor_team == team)

    @property
    def bot_actors(self) -> np.ndarray:
        """Indices of actors no team controls."""
        return np.flatnonzero(self.actor_team < 0)

    @property
    def bot_shares(self) -> np.ndarray:
        """(A, T) effort split of actors no team controls: in proportion to competence."""
        c = self.competence
        tot = c.sum(axis=1, keepdims=True)
        return np.divide(c, tot, out=np.full_like(c, 1.0 / c.shape[1]), where=tot > 0)

    def source_names(self) -> list[str]:
        """Names of the attribution sources, in the order of `TurnResult.attribution`."""
        return (
            [f"team:{t}" for t in self.team_ids]
            + ["others", "cooperation"]
            + [f"package:{p}" for p in self.package_ids]
            + ["package-trust"]
            + [f"driver:{d}" for d in self.driver_ids]
            + [f"event:{e}" for e in self.event_ids]
        )
