"""Read-only questions the screens ask of a session, answered from the simulation.

Nothing here changes the game and nothing here decides a rule: funding, tallies and
projections come from `game.sim` functions; this module only reshapes their answers for
drawing (no pygame here, so it is easy to test).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim import runner
from game.sim.budget import band_seeds
from game.sim.model import KINDS, EffectSet, Model
from game.sim.runner import TurnRecord
from game.sim.scoring import score
from game.sim.step import Decisions, fund_packages, tally_votes
from game.sim.vision import scoring_model


def team_policies(model: Model, policies=None) -> list[str]:
    """The bot policy each team plays: `policies` where given, else the scenario's."""
    return runner.team_policies(model, policies)


def history(session) -> list[TurnRecord]:
    """The game's one history: the start, then every turn played (`Game.records`)."""
    return session.game.records


def turns_played(session) -> int:
    """How many turns the game has resolved (the history's entries after the start)."""
    return len(session.game.records) - 1


def network_now(session) -> tuple[np.ndarray, np.ndarray]:
    """(trust, present) of every candidate edge of the game's network now (run 0)."""
    st = session.game.state
    return st.trust[0], st.present[0]


def indicators_now(session) -> np.ndarray:
    """(R, K) the game's indicators now (run 0)."""
    return session.game.state.x[0]


def programme_now(session) -> int:
    """The government programme in force (-1: the one the game started with)."""
    return int(session.game.state.programme[0])


def game_version(session) -> tuple:
    """What changes whenever the game's state does: a key for drawings kept between
    frames (the state object and the turns played).
    """
    game = session.game
    return (game, game.state, len(game.history))


def decisions(session) -> Decisions:
    """What every team would do if the turn were resolved now (people's choices included)."""
    return session.game.decisions()


@dataclass
class PackageStatus:
    """A package as the teams see it this turn."""

    index: int
    cost: float
    pledged: np.ndarray  # (J,) points per team
    total: float
    funded: bool
    running: bool
    done: bool
    turns_left: int
    missing_kinds: tuple[str, ...]
    teams_needed: int
    teams_pledging: int

    @property
    def short(self) -> float:
        """Points still missing to cover the cost."""
        return max(0.0, self.cost - self.total)


def packages(session, dec: Decisions | None = None) -> list[PackageStatus]:
    """Every package: who pledged what and whether it would be funded (per `fund_packages`)."""
    m: Model = session.model
    st = session.game.state
    dec = dec or decisions(session)
    fund = fund_packages(m, st, dec.pledges)
    pledges = fund["pledges"][0]  # (J, P) after the sim's own scaling
    out = []
    for p in range(len(m.package_ids)):
        bits = int(fund["kinds_missing"][0, p])
        missing = tuple(KINDS[k] for k in range(len(KINDS)) if bits >> k & 1)
        out.append(
            PackageStatus(
                index=p,
                cost=float(m.pkg_cost[p]),
                pledged=pledges[:, p].copy(),
                total=float(pledges[:, p].sum()),
                funded=bool(fund["funded"][0, p]),
                running=bool(st.pkg_left[0, p] > 0),
                done=bool(st.pkg_done[0, p] and st.pkg_left[0, p] == 0),
                turns_left=int(st.pkg_left[0, p]),
                missing_kinds=missing,
                teams_needed=int(m.pkg_min_teams[p]),
                teams_pledging=int(fund["teams_pledging"][0, p]),
            )
        )
    return out


@dataclass
class DilemmaVotes:
    """A dilemma on the table: each team's vote and the option that would win now."""

    event: int
    votes: np.ndarray  # (J,) option index, -1 none
    leading: int


VISION = -1  # the `event` of the shared-vision card (first turn)


def vision_card(session, dec: Decisions | None = None) -> DilemmaVotes | None:
    """The shared vision as a card to sign in the first turn (before it is resolved):
    option 0 signs, 1 does not; None in later turns.
    """
    if not session.game.vision_open:
        return None
    dec = dec or decisions(session)
    votes = np.where(dec.endorse[0], 0, 1)
    for j in session.human:  # a people's team that has not said yet shows no choice
        if not session.game.is_decided(j, "vision"):
            votes[j] = -1
    return DilemmaVotes(VISION, votes, -1)


def dilemma_votes(session, dec: Decisions | None = None) -> list[DilemmaVotes]:
    """The pending dilemmas with every team's current vote and the leading option."""
    dec = dec or decisions(session)
    m = session.model
    chosen = tally_votes(m, session.game.state, dec.votes)[0]
    return [DilemmaVotes(i, dec.votes[0, :, i].copy(), int(chosen[i])) for i in session.dilemmas()]


def driver_moves(session) -> list[tuple[int, float, float]]:
    """(driver, intensity last turn, intensity this turn) with the game's driver scales."""
    m = session.model
    t = min(session.turn, m.n_turns - 1)
    scale = session.game.state.driver_scale[0]
    out = []
    for d in range(len(m.driver_ids)):
        now = float(m.driver_intensity[d, t] * scale[d])
        before = float(m.driver_intensity[d, max(t - 1, 0)] * scale[d])
        out.append((d, before, now))
    return out


@dataclass
class EffectLine:
    """One visible consequence of an event or option."""

    kind: str  # indicator, budget, trust, driver
    target: int  # indicator or driver index (-1 for budget/trust)
    regions: tuple[int, ...]  # region types hit (all when empty)
    delta: float


def effect_lines(model: Model, fx: EffectSet) -> list[EffectLine]:
    """What an effect set does, as a few readable lines."""
    out: list[EffectLine] = []
    R = model.baseline.shape[0]
    if fx.boost is not None:  # a window first: what a room can act on in this turn
        for t in range(fx.boost.shape[1]):
            col = fx.boost[:, t]
            for f in np.unique(col[np.abs(col - 1.0) > 1e-9]):
                at = np.flatnonzero(np.abs(col - f) < 1e-9)
                regions = () if at.size == R else tuple(int(r) for r in at)
                out.append(EffectLine("boost", t, regions, float(f)))
    for k in range(fx.indicator.shape[1]):
        col = fx.indicator[:, k]
        nz = np.flatnonzero(np.abs(col) > 1e-9)
        if not nz.size:
            continue
        # one line per value, with every region type it falls on (in the regions' order)
        done = np.zeros(R, dtype=bool)
        for r in nz:
            if done[r]:
                continue
            at = nz[np.abs(col[nz] - col[r]) < 1e-9]
            done[at] = True
            regions = () if at.size == R else tuple(int(q) for q in at)
            out.append(EffectLine("indicator", k, regions, float(col[r])))
    if np.abs(fx.budget).sum() > 1e-9:
        out.append(EffectLine("budget", -1, (), float(fx.budget.sum())))
    if np.abs(fx.trust).sum() > 1e-9:
        touched = fx.trust[np.abs(fx.trust) > 1e-9]
        out.append(EffectLine("trust", -1, (), float(touched.mean())))
    for d in np.flatnonzero(np.abs(fx.driver_scale - 1.0) > 1e-9):
        out.append(EffectLine("driver", int(d), (), float(fx.driver_scale[d])))
    return out


@dataclass
class Projection:
    """The 2040 outlook under the current allocation."""

    x_final: np.ndarray  # (R, K) first seed
    x_band: np.ndarray | None  # (2, R, K) p10 and p90 over seeds, or None
    shared_path: np.ndarray  # (turns_left + 1,) shared score, first seed
    shared_band: np.ndarray | None  # (2, turns_left + 1)
    shared_final: float
    vision_final: float
    equity_final: float


def projection(session, seeds: int = 1) -> Projection:
    """Project the game to its end with `Game.project` and score the paths; a band of
    many seeds takes fewer on a big model (game.sim.budget.band_seeds: about half a second).
    """
    m = session.model
    if seeds > 1:
        seeds = band_seeds(m, m.n_turns - session.game.state.turn, seeds)
    proj = session.game.project(seeds)  # (S, L, R, K)
    S, L = proj.shape[:2]
    flat = proj.reshape(S * L, *proj.shape[2:])
    sc = score(scoring_model(session.game), flat)  # the room's vision (issue 18)
    shared = sc.shared.reshape(S, L)
    band = x_band = None
    if S > 1:
        band = np.percentile(shared, [10, 90], axis=0)
        x_band = np.percentile(proj[:, -1], [10, 90], axis=0)
    last = score(scoring_model(session.game), proj[0, -1][None])
    return Projection(
        x_final=proj[0, -1].copy(),
        x_band=x_band,
        shared_path=shared[0],
        shared_band=band,
        shared_final=float(last.shared[0]),
        vision_final=float(last.vision[0]),
        equity_final=float(last.equity[0]),
    )


def score_history(session) -> dict[str, np.ndarray]:
    """Shared score, vision attainment and equity after each turn so far (index 0: start),
    and `twin`: the shared score of the same game played without cooperation; from the
    game's one history (`Game.records`).
    """
    m = session.model
    records = session.game.records
    m = scoring_model(session.game)  # the room's vision when it formed one (issue 18)
    sc = score(m, np.stack([r.x for r in records]))
    twin = score(m, np.stack([r.x_twin for r in records])).shared
    return {"shared": sc.shared, "vision": sc.vision, "equity": sc.equity, "twin": twin}


def team_budget(session, j: int) -> float:
    """A team's effort points this turn."""
    return session.game.team_budget(j)


@dataclass
class OwnEffect:
    """A team's own move this turn against keeping last turn's split (`Game.own_effect`)."""

    team: int
    delta: np.ndarray  # (R, K) end of this turn: current split minus last turn's split
    cells: list[tuple[int, int, float]]  # (region, indicator, points), largest |points| first
    moved: int  # cells that move by at least `MOVED` points
    first_turn: bool  # no last turn yet: the comparison is with an even split
    year: int  # the year the turn ends

    @property
    def same(self) -> bool:
        """True when the split is last turn's (nothing to show)."""
        return not self.cells


MOVED = 1.0  # points: a cell a team's move "moves" (the audit's `one_team_cells_moved`)
SHOWN = 1e-3  # points below which a cell's difference is not listed


def own_effect(session, team: int) -> OwnEffect:
    """The team's own move with `Game.own_effect`, its cells ranked by size."""
    game = session.game
    d = game.own_effect(team)
    order = np.argsort(-np.abs(d), axis=None, kind="stable")
    cells = []
    for i in order:
        r, k = np.unravel_index(int(i), d.shape)
        if abs(d[r, k]) < SHOWN:
            break
        cells.append((int(r), int(k), float(d[r, k])))
    return OwnEffect(
        team=team,
        delta=d,
        cells=cells,
        moved=int((np.abs(d) >= MOVED).sum()),
        first_turn=game.turn == 0,
        year=session.model.year_of(min(game.turn + 1, session.model.n_turns)),
    )


# -- the first turn's workshops (issue 18): the projector's and the team pages' questions --
POINTS = 5  # a team's vision weights as 0..5 points (its largest weight is 5)
STEPS = 4  # a target moves in quarters of the scenario's bound (10: -10, -7.5, ... +10)


def form_open(session) -> bool:
    """Whether the room can propose its vision now (first turn's deliberation, when the
    scenario lets the room form it): the projector's cards and the team pages alike.
    """
    return (
        session.game.workshop.forming
        and session.turn == 0
        and session.phase == "deliberation"
        and not session.finished
    )


def points(session) -> np.ndarray:
    """(J, K) each team's proposal as whole points 0..POINTS (its largest weight is 5)."""
    w = session.game.workshop.proposals
    top = w.max(axis=1, keepdims=True)
    return np.rint(POINTS * w / np.where(top > 0, top, 1.0)).astype(int)


def region_shifts(session) -> np.ndarray:
    """(J, R) each team's shift of a region type's targets (the mean over indicators)."""
    return np.asarray(session.game.workshop.shifts.mean(axis=2))


def rating_open(session) -> bool:
    """Whether the teams can rate the drivers now (first turn, before its resolution)."""
    from game.session.session import BEFORE_RESOLUTION

    return (
        bool(session.model.meta.get("rate_drivers"))
        and session.turn == 0
        and session.phase in BEFORE_RESOLUTION
        and not session.finished
        and bool(session.human)
    )
