"""Scripted room plans: fixed decisions for some teams, turn by turn.

A plan says what the teams it names do every turn — their theme split, their pledges while
a package is open or running, their votes and whether they sign the shared vision — and
the other teams play their bots. Facilitators use plans to prepare "what if the room does
this?", trainers for demos, and `suunta audit` searches over them (game.sim.audit).

A `Plan` is arrays over the model's axes; its leading axes may carry a run axis too, so a
batch can play a different plan in every run (the audit evaluates many candidates at once).
The file format is read by game.scenario.plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.model import Model
from game.sim.state import State
from game.sim.step import Decisions
from game.sim.vision import RoomVision

ABSTAIN = -2  # a vote the plan abstains on (a session's people did not vote); -1: the bot's


@dataclass
class Plan:
    """Fixed decisions. Without a run axis: shares (n_turns, J, T), pledges
    (n_turns, J, P), votes (n_turns, J, Ev) and endorse (J,); with one, each has a leading
    (N,) axis. `teams` (J,) marks the teams the plan plays (the same in every run).

    shares: each row is the split of the team's free points; rows sum to 1.
    pledges: points per turn pledged to each package while it is open or running.
    votes: option index on each dilemma (-1: no vote, the bot's vote is kept).
    endorse: the team signs the shared vision in the first turn.
    vision: the vision the room formed (game.sim.vision.RoomVision), whose agreement sets the
        vision's trust bonus in the first turn; None: the scenario's (a session's plan in the
        stress test carries it).
    """

    teams: np.ndarray
    shares: np.ndarray
    pledges: np.ndarray
    votes: np.ndarray
    endorse: np.ndarray
    vision: RoomVision | None = None

    @classmethod
    def even(cls, model: Model, teams: np.ndarray | None = None) -> Plan:
        """Every (given) team splits evenly, pledges nothing, casts no vote, signs."""
        J, T, P, Ev, n = (
            len(model.team_ids),
            len(model.theme_ids),
            len(model.package_ids),
            len(model.events),
            model.n_turns,
        )
        return cls(
            teams=np.ones(J, dtype=bool) if teams is None else np.asarray(teams, dtype=bool),
            shares=np.full((n, J, T), 1.0 / T),
            pledges=np.zeros((n, J, P)),
            votes=np.full((n, J, Ev), -1, dtype=np.int64),
            endorse=np.ones(J, dtype=bool),
        )

    @property
    def batched(self) -> bool:
        """Whether the arrays carry a run axis."""
        return self.shares.ndim == 4

    def repeat(self, n: int) -> Plan:
        """The same plan in each of n runs (a batched plan)."""
        if self.batched:
            raise ValueError("the plan already has a run axis")

        def rep(a: np.ndarray) -> np.ndarray:
            return np.repeat(a[None], n, axis=0)

        return Plan(self.teams.copy(), rep(self.shares), rep(self.pledges), rep(self.votes),
                    rep(self.endorse))  # fmt: skip

    @staticmethod
    def stack(plans: list[Plan]) -> Plan:
        """One batched plan of several unbatched plans, run i playing plans[i]."""
        first = plans[0]
        return Plan(
            first.teams.copy(),
            np.stack([p.shares for p in plans]),
            np.stack([p.pledges for p in plans]),
            np.stack([p.votes for p in plans]),
            np.stack([p.endorse for p in plans]),
        )

    stack = staticmethod(stack)

    def doubled(self) -> Plan:
        """A batched plan followed by itself: for a batch whose twins follow its runs."""

        def cat(a: np.ndarray) -> np.ndarray:
            return np.concatenate([a, a])

        return Plan(self.teams.copy(), cat(self.shares), cat(self.pledges), cat(self.votes),
                    cat(self.endorse))  # fmt: skip

    def run(self, i: int) -> Plan:
        """Run i's plan (unbatched)."""
        if not self.batched:
            return self
        return Plan(self.teams.copy(), self.shares[i].copy(), self.pledges[i].copy(),
                    self.votes[i].copy(), self.endorse[i].copy())  # fmt: skip


def apply_plan(model: Model, state: State, plan: Plan, dec: Decisions) -> Decisions:
    """Overwrite the planned teams' rows of `dec` with the plan's decisions this turn.

    Pledges go only to packages that are open or running (a package that has run is
    closed); votes only to dilemmas on the table, and a team with no vote on a dilemma
    keeps its bot's vote; the vision is signed (or not) in the first turn.
    """
    t = state.turn
    n = state.n
    teams = np.flatnonzero(plan.teams)
    if not teams.size:
        return dec
    if plan.batched:
        if plan.shares.shape[0] != n:
            raise ValueError(f"the plan has {plan.shares.shape[0]} runs, the batch {n}")
        shares = plan.shares[:, t][:, teams]  # (N, J', T)
        pledges = plan.pledges[:, t][:, teams]
        votes = plan.votes[:, t][:, teams]
        endorse = plan.endorse[:, teams]
    else:
        shares = plan.shares[t, teams][None]
        pledges = plan.pledges[t, teams][None]
        votes = plan.votes[t, teams][None]
        endorse = plan.endorse[teams][None]
    closed = state.pkg_done & (state.pkg_left == 0)  # (N, P)
    dec.shares[:, teams] = shares
    dec.pledges[:, teams] = np.where(closed[:, None, :], 0.0, pledges)
    cast = (votes >= 0) & state.pending[:, None, :]
    kept = np.where(votes == ABSTAIN, -1, dec.votes[:, teams])  # an abstention stays one
    dec.votes[:, teams] = np.where(cast, votes, kept)
    if t == 0 and dec.endorse is not None:
        dec.endorse[:, teams] = endorse
    return dec
