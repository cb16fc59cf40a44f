"""Play whole games: batches of bot games for Monte Carlo, and the interactive `Game`.

Both go through the same `begin_turn` → decisions → `resolve_turn` cycle on a batch; a
single game is the batch of one, played beside its no-cooperation counterfactual twin so
the debrief can show the cooperation dividend.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.sim import bots
from game.sim.budget import pass_runs
from game.sim.model import Model
from game.sim.plans import Plan, apply_plan
from game.sim.scoring import Scores, score
from game.sim.state import State, clone_rng, join_states, new_state, state_hash
from game.sim.step import Decisions, TurnResult, begin_turn, resolve_turn
from game.sim.vision import Workshop, trust_factor

CHUNK_RUNS = 256  # games per pass of a large batch (with their twins: 512 runs) at most:
# fewer on a big model, so that a pass takes at most budget.PASS_BYTES


def team_policies(model: Model, policies: Sequence[str] | None) -> list[str]:
    """One policy per team: the scenario's own, or the given list taken in turn."""
    if not policies:
        return list(model.team_policy)
    for p in policies:
        if p not in bots.POLICIES:
            raise ValueError(f"unknown policy {p!r}; known: {', '.join(bots.POLICIES)}")
    return [policies[j % len(policies)] for j in range(len(model.team_ids))]


@dataclass
class BatchResult:
    """The outcome of `play_batch`: final state, scores, and what happened how often."""

    model: Model
    state: State
    runs: int
    scores: Scores  # of the real runs
    counterfactual: Scores | None
    fired: np.ndarray  # (runs, Ev) how often each event fired in each run
    funded: np.ndarray  # (runs, P) bool: the package ran at least once
    history: list[np.ndarray] = field(default_factory=list)  # x of real runs, per turn

    @property
    def dividend(self) -> np.ndarray:
        """(runs,) shared score minus that of the no-cooperation twin."""
        if self.counterfactual is None:
            return np.full(self.runs, np.nan)
        return self.scores.shared - self.counterfactual.shared

    def state_hash(self, run: int = 0) -> str:
        """sha256 of a real run's final state."""
        return state_hash(self.state, run)


def play_batch(
    model: Model,
    runs: int = 1,
    seed: int | None = None,
    policies: Sequence[str] | None = None,
    counterfactual: bool = True,
    first_run: int | np.ndarray = 0,
    on_turn: Callable[[int, int], None] | None = None,
    plan: Plan | None = None,
) -> BatchResult:
    """Play `runs` whole games by bots in one batch; `on_turn(done, total)` reports progress.
    With `plan`, the teams it names play its fixed decisions (game.sim.plans); a batched
    plan has one row per run and is played in a single pass.

    Large batches are played `CHUNK_RUNS` games at a time, which keeps the working arrays
    in the processor's cache, and fewer on a big model (`game.sim.budget.pass_runs`): each
    run's numbers are the same in any batch, so the result is the same as one pass over
    all runs.
    """
    pols = team_policies(model, policies)
    chunk = runs if plan is not None and plan.batched else pass_runs(model, True, CHUNK_RUNS)
    chunks = [(s, min(chunk, runs - s)) for s in range(0, runs, chunk)] or [(0, 0)]
    total = len(chunks) * model.n_turns
    parts = []
    for c, (start, n) in enumerate(chunks):

        def report(t: int, _: int, c: int = c) -> None:
            if on_turn:
                on_turn(c * model.n_turns + t, total)

        parts.append(
            _play(
                model, n, seed, pols, counterfactual, _runs_from(first_run, start, n), report, plan
            )
        )
    if len(parts) == 1:
        return parts[0]
    real = [(p.state, np.arange(p.runs)) for p in parts]
    twins = [(p.state, np.arange(p.runs, 2 * p.runs)) for p in parts] if counterfactual else []
    state = join_states(real + twins)

    def cat(get: Callable[[Any], Any]) -> np.ndarray:
        return np.concatenate([get(p) for p in parts])

    def scores(get: Callable[[Any], Any]) -> Scores:
        def field_of(k: str) -> Callable[[Any], Any]:
            return lambda p: getattr(get(p), k)

        return Scores(*(cat(field_of(k)) for k in Scores.__annotations__))

    return BatchResult(
        model,
        state,
        runs,
        scores(lambda p: p.scores),
        scores(lambda p: p.counterfactual) if counterfactual else None,
        cat(lambda p: p.fired),
        cat(lambda p: p.funded),
        [np.concatenate([p.history[t] for p in parts]) for t in range(model.n_turns + 1)],
    )


def _runs_from(first_run: int | np.ndarray, start: int, n: int) -> int | np.ndarray:
    """The run indices of a chunk: `first_run` is the first index, or every game's."""
    if isinstance(first_run, np.ndarray):
        return first_run[start : start + n]
    return first_run + start


def _play(
    model: Model,
    runs: int,
    seed: int | None,
    pols: list[str],
    counterfactual: bool,
    first_run: int | np.ndarray,
    on_turn: Callable[[int, int], None],
    plan: Plan | None = None,
) -> BatchResult:
    """One batch of whole games (see `play_batch`)."""
    state = new_state(model, runs, seed, first_run, counterfactual, draw_ahead=True)
    if plan is not None and plan.batched and counterfactual:
        plan = plan.doubled()
    fired = np.zeros((runs, len(model.events)), dtype=np.int64)
    funded = np.zeros((runs, len(model.package_ids)), dtype=bool)
    history = [state.x[:runs].copy()]
    # the room's vision (game.sim.vision): a plan's, or the one the bots form by policy
    room = plan.vision if plan is not None and plan.vision is not None else None
    room = room or Workshop.start(model, pols).vision(model)
    for t in range(model.n_turns):
        begin_turn(model, state)
        dec = bots.decide(model, state, pols)
        if plan is not None:
            apply_plan(model, state, plan, dec)
        if t == 0 and room is not None:  # its agreement sets the vision's trust bonus
            dec.agreement = np.full(state.n, trust_factor(room.agreement))
        res = resolve_turn(model, state, dec)
        assert res is not None  # only an indicators-only turn returns none
        fired += res.fired[:runs]
        funded |= res.funded[:runs]
        history.append(state.x[:runs].copy())
        on_turn(t + 1, model.n_turns)
    state.feed = None  # every number is used: the generators stand where they would
    scoring = model if room is None else room.model(model)  # scored against the room's vision
    real = score(scoring, state.x[:runs], state.mandate[:runs])
    cf = score(scoring, state.x[runs:], state.mandate[runs:]) if counterfactual else None
    return BatchResult(model, state, runs, real, cf, fired, funded, history)


DECISION_KINDS = ("vision", "votes", "allocation")  # what people decide in a turn
UNDECIDED = ("keep", "draft", "bot")  # what happens to a decision a team left open


@dataclass
class Made:
    """Which of this turn's decisions each team has made (people's teams start every turn
    with none): the allocation drafted and confirmed, each dilemma's vote, the votes
    declared final (what is not voted is then the team's abstention), the shared vision.
    """

    drafted: np.ndarray  # (J,) bool: the team changed its split or pledges this turn
    confirmed: np.ndarray  # (J,) bool: the team confirmed its allocation
    voted: np.ndarray  # (J, Ev) bool: the team cast its vote on the event
    votes_final: np.ndarray  # (J,) bool: the team declared its votes final
    vision: np.ndarray  # (J,) bool: the team said whether it signs the shared vision
    facilitator: np.ndarray  # (J,) bool: the facilitator set the allocation (an override)

    @classmethod
    def new(cls, model: Model) -> Made:
        """Nothing made yet."""
        J, E = len(model.team_ids), len(model.events)
        no = np.zeros(J, dtype=bool)
        return cls(no.copy(), no.copy(), np.zeros((J, E), dtype=bool), no.copy(), no.copy(),
                   no.copy())  # fmt: skip

    def clear(self, team: int) -> None:
        """The team has made nothing yet."""
        for a in (self.drafted, self.confirmed, self.voted, self.votes_final, self.vision,
                  self.facilitator):  # fmt: skip
            a[team] = False


@dataclass
class TurnRecord:
    """One entry of a game's history, the one every screen, the report and the CSVs read:
    a turn as it was played. The first entry is the start (turn 0, nothing decided yet);
    entry t is turn t resolved: the decisions of the game itself (run 0, people's and
    bots'), what the turn did for the game and its twin, and the indicators and trust after.
    """

    turn: int  # turns resolved when this was recorded (0: the start)
    year: int  # the year the turn began (the start: the scenario's first year)
    x: np.ndarray  # (R, K) the game's indicators
    x_twin: np.ndarray  # (R, K) the same game played without cooperation (run 1)
    trust: np.ndarray  # (E,) the game's trust on every candidate edge
    decisions: Decisions | None = None  # run 0's decisions; None at the start
    result: TurnResult | None = None  # what the turn did, every run; None at the start


@dataclass
class ProjectionMemo:
    """What a game's projections keep between calls while the game stands still: the
    begun turn resolved on one seed, every turn's draws, and a pool of other seeds' draws.
    Each entry is (key, value); a command that changes a decision clears `begun`.
    """

    begun: tuple[Any, State] | None = None
    feed: tuple[Any, np.ndarray] | None = None
    band_pool: np.ndarray | None = None


class Game:
    """One game being played by people and bots, turn by turn, with its counterfactual.

    Run 0 of the state is the game; run 1 is its twin with the same seed in which no actor
    cooperates (σ = 0, no packages) and people's theme splits are copied without pledges.
    With `plan`, the teams it names follow its fixed decisions over their bots' (as
    `play_batch` plays them, so a game of bots and a plan ends as `simulate --plan` does);
    people never play a planned team.
    """

    def __init__(
        self,
        model: Model,
        seed: int | None = None,
        policies: Sequence[str] | None = None,
        human: Sequence[int] = (),
        plan: Plan | None = None,
    ):
        self.model = model
        self.seed = model.seed if seed is None else int(seed)
        self.policies = team_policies(model, policies)
        self.human = sorted(set(human))
        if plan is not None and plan.batched:
            raise ValueError("a game follows one plan, not a batch of plans")
        self.plan = plan
        clash = [model.team_ids[j] for j in self.human if j in self.planned]
        if clash:
            raise ValueError(
                f"team(s) {', '.join(clash)} follow the plan, so people cannot play them"
            )
        self.state = new_state(model, 1, self.seed, 0, counterfactual=True)
        self.records: list[TurnRecord] = [self._record()]  # the history: start, then turns
        self.human_decisions = Decisions.empty(model, 1)
        self.began = False
        # people's decisions: which are made this turn (`Made`), the bot's suggestion for
        # every team, and how each turn's were settled (`close`, one record per turn)
        self.made = Made.new(model)
        self.suggestion = Decisions.empty(model, 1)
        self.people_history: list[dict[Any, Any]] = []
        # the first turn's workshops: the room's vision proposals, the drivers' ratings
        self.workshop = Workshop.start(model, self.policies)
        self.memo = ProjectionMemo()  # what projections keep while the game stands still

    @property
    def planned(self) -> list[int]:
        """The teams the plan plays (none without a plan)."""
        return [] if self.plan is None else [int(j) for j in np.flatnonzero(self.plan.teams)]

    @property
    def turn(self) -> int:
        """The turn being played (0-based)."""
        return self.state.turn

    @property
    def finished(self) -> bool:
        """True after the last turn is resolved."""
        return self.state.turn >= self.model.n_turns

    @property
    def year(self) -> int:
        """The year the current turn starts (the end year once finished)."""
        return self.model.year_of(self.state.turn)

    def begin(self) -> list[int]:
        """Briefing: draw this turn's events. Returns indices of the events revealed."""
        if self.began:
            raise ValueError("this turn has already begun")
        begin_turn(self.model, self.state)
        self.began = True
        dec = self._decide(self.state)
        # every team's bot suggestion (the plan's for its teams): what the screens show for
        # bots, and what they may offer people as a starting point, never decide for them
        self.suggestion = dec.select(slice(0, 1))
        self.human_decisions = self.suggestion.select(slice(0, 1))
        self.made = Made.new(self.model)
        if not self.prefill:
            for j in self.human:
                self.reset_team(j)
        return [int(i) for i in np.flatnonzero(self.state.pending[0])]

    # a session of an older format: people's teams start each turn from their bot's
    # suggestion, which is what they play unless they change it (game.session.store)
    prefill = False

    def set_human(self, teams: Sequence[int]) -> None:
        """Change which teams people play (a branch's new players): a team people take
        over starts the turn undecided; bots take the rest.
        """
        new = sorted(set(teams))
        joined = [j for j in new if j not in self.human]
        self.human = new
        if self.began and not self.prefill:
            for j in joined:
                self.reset_team(j)

    def kept(self, team: int) -> tuple[np.ndarray, np.ndarray]:
        """(shares, pledges) a team keeps when it decides nothing: last turn's split (an
        even split before the first turn) and its commitments to running packages (whole
        ones, the costliest dropped first when its budget no longer covers them all).
        """
        st = self.state
        shares = st.last_shares[0, team].copy()
        budget = np.array([self.team_budget(team)])
        pledges = bots.affordable(self.model, st.pkg_commit[0:1, team], budget)[0].copy()
        return shares, pledges

    def reset_team(self, team: int) -> None:
        """A people's team starts the turn undecided: the split and pledges it keeps if it
        decides nothing, no votes, not signing.
        """
        h = self.human_decisions
        h.shares[0, team], h.pledges[0, team] = self.kept(team)
        h.votes[0, team] = -1
        _endorse(h)[0, team] = False
        self.made.clear(team)
        self.memo.begun = None

    def pending_events(self) -> list[int]:
        """Indices of the events revealed this turn."""
        return [int(i) for i in np.flatnonzero(self.state.pending[0])]

    def inject(self, event: int) -> None:
        """Reveal an event this turn, in the game and its twin (the facilitator's inject):
        it applies at this turn's resolution like a drawn card.
        """
        self.state.pending[:, event] = True
        self.memo.begun = None

    def cancel(self, event: int) -> None:
        """Take back an event revealed this turn, in the game and its twin."""
        self.state.pending[:, event] = False
        self.memo.begun = None

    def allocate(
        self, team: int, shares: Sequence[float], pledges: Sequence[float], by: str = "team"
    ) -> None:
        """Set a team's theme split (fractions) and pledges (points per package): the team's
        draft until it confirms it; by "facilitator" (an override) it stands as set.
        """
        s = np.asarray(shares, dtype=float)
        p = np.asarray(pledges, dtype=float)
        if s.shape != (len(self.model.theme_ids),) or p.shape != (len(self.model.package_ids),):
            raise ValueError("allocation has the wrong number of themes or packages")
        if not (np.isfinite(s).all() and np.isfinite(p).all()) or (s < 0).any() or (p < 0).any():
            raise ValueError("allocation values must be finite and not negative")
        if s.sum() > 1 + 1e-9:
            raise ValueError("theme shares add up to more than 100 %")
        self.human_decisions.shares[0, team] = s
        self.human_decisions.pledges[0, team] = p
        self.made.drafted[team] = True  # a draft until the team confirms it (`confirm`)
        self.made.confirmed[team] = self.made.facilitator[team] = by == "facilitator"
        self.memo.begun = None  # a new allocation is projected afresh

    def vote(self, team: int, event: int, option: int) -> None:
        """Record a team's vote on a pending dilemma."""
        ev = self.model.events[event]
        if not self.state.pending[0, event] or not ev.is_dilemma:
            raise ValueError(f"event {ev.id!r} is not a dilemma on the table this turn")
        if not 0 <= option < len(ev.options):
            raise ValueError(f"dilemma {ev.id!r} has no option {option}")
        self.human_decisions.votes[0, team, event] = option
        self.made.voted[team, event] = True
        self.memo.begun = None

    @property
    def vision_open(self) -> bool:
        """Whether the teams can still sign the shared vision (the first turn, before it
        is resolved).
        """
        return self.state.turn == 0

    def endorse(self, team: int, signs: bool) -> None:
        """Record whether a team signs the shared vision (first turn only)."""
        if not self.vision_open:
            raise ValueError("the shared vision is agreed in the first turn")
        _endorse(self.human_decisions)[0, team] = bool(signs)
        self.made.vision[team] = True
        self.memo.begun = None

    def open_kinds(self) -> tuple[str, ...]:
        """The kinds of decision people make this turn (`DECISION_KINDS`): votes while a
        dilemma is on the table, the vision in the first turn, always an allocation.
        """
        if self.finished:
            return ()
        on = {"vision": self.vision_open, "votes": bool(self.dilemmas_open()), "allocation": True}
        return tuple(k for k in DECISION_KINDS if on[k])

    def dilemmas_open(self) -> list[int]:
        """The dilemmas on the table this turn."""
        return [i for i in self.pending_events() if self.model.events[i].is_dilemma]

    def is_decided(self, team: int, kind: str) -> bool:
        """Whether a team has made this turn's decision of `kind` (votes: every dilemma
        on the table voted, or its votes declared final; allocation: confirmed; vision:
        said whether it signs).
        """
        mk = self.made
        if kind == "votes":
            voted = all(mk.voted[team, i] for i in self.dilemmas_open())
            return bool(mk.votes_final[team] or voted)
        if kind == "allocation":
            return bool(mk.confirmed[team])
        if kind == "vision":
            return bool(mk.vision[team])
        raise ValueError(f"unknown kind of decision {kind!r}")

    def confirm(self, team: int, kind: str, decided: bool = True) -> None:
        """A team declares its decision of `kind` made (or open again): its allocation as
        it stands, its votes as cast (a dilemma not voted on is its abstention), its
        signature as it stands (not signing, if it never signed).
        """
        if kind not in self.open_kinds():
            raise ValueError(f"there is no {kind} decision to make now")
        mk = self.made
        if kind == "allocation":
            mk.confirmed[team] = decided
            mk.drafted[team] |= decided
        elif kind == "votes":
            mk.votes_final[team] = decided
        else:
            mk.vision[team] = decided

    def use_suggestion(self, team: int) -> None:
        """Load the bot's suggested split and pledges as the team's draft (a starting
        point: the team still has to confirm it).
        """
        sug = self.suggestion
        self.allocate(team, sug.shares[0, team], sug.pledges[0, team])

    def close(
        self, modes: dict[int, str] | None = None, reason: str = "facilitator"
    ) -> dict[Any, Any]:
        """Settle people's decisions before the turn is resolved and record how each
        came about: a team's own decisions stand; for what a team left undecided, its mode
        (`UNDECIDED`, default "keep") says what happens, and `reason` why it was left
        ("time": the time ran out; "facilitator": the facilitator moved on). Returns the
        record, also appended to `people_history`.

        The record is {"turn", "reason", "teams": {team: {"allocation": how, "votes":
        {event: how}, "vision": how (first turn only)}}} for every people's team.

        how: "people" (the team's own), "kept" (last turn's split and pledges to running
        packages), "draft" (the team's unconfirmed draft), "bot" (the bot's suggestion,
        the facilitator's choice), "facilitator" (the facilitator's override), "abstained"
        (no vote), "abstain" (the team chose not to vote), "unsigned" (did not sign),
        "suggested" (an older session's pre-filled bot suggestion the team left as it
        was).
        """
        modes = modes or {}
        h, sug, mk = self.human_decisions, self.suggestion, self.made
        dilemmas = self.dilemmas_open()
        teams: dict[int, dict[Any, Any]] = {}
        for j in self.human:
            mode = modes.get(j, "keep")
            if mode not in UNDECIDED:
                raise ValueError(f"unknown choice for an undecided team {mode!r}")
            rec: dict[Any, Any] = {}
            # allocation
            if mk.confirmed[j]:
                rec["allocation"] = "facilitator" if mk.facilitator[j] else "people"
            elif self.prefill:
                rec["allocation"] = "people" if mk.drafted[j] else "suggested"
            elif mode == "draft" and mk.drafted[j]:
                rec["allocation"] = "draft"
            elif mode == "bot":
                h.shares[0, j], h.pledges[0, j] = sug.shares[0, j], sug.pledges[0, j]
                rec["allocation"] = "bot"
            else:
                h.shares[0, j], h.pledges[0, j] = self.kept(j)
                rec["allocation"] = "kept"
            # votes
            votes: dict[int, str] = {}
            for i in dilemmas:
                if mk.voted[j, i]:
                    votes[i] = "people"
                elif self.prefill:
                    votes[i] = "suggested" if h.votes[0, j, i] >= 0 else "abstained"
                elif mk.votes_final[j]:
                    h.votes[0, j, i] = -1
                    votes[i] = "abstain"
                elif mode == "bot" and sug.votes[0, j, i] >= 0:
                    h.votes[0, j, i] = sug.votes[0, j, i]
                    votes[i] = "bot"
                else:
                    h.votes[0, j, i] = -1
                    votes[i] = "abstained"
            rec["votes"] = votes
            # the shared vision (first turn)
            if self.vision_open:
                if mk.vision[j]:
                    rec["vision"] = "people"
                elif self.prefill:
                    rec["vision"] = "suggested"
                elif mode == "bot":
                    _endorse(h)[0, j] = _endorse(sug)[0, j]
                    rec["vision"] = "bot"
                else:
                    _endorse(h)[0, j] = False
                    rec["vision"] = "unsigned"
            teams[j] = rec
        self.memo.begun = None
        record = {"turn": self.turn, "reason": reason, "teams": teams}
        self.people_history.append(record)
        return record

    def team_budget(self, team: int) -> float:
        """A team's effort points this turn."""
        return float(self.state.budget[0, self.model.actor_team == team].sum())

    def decisions(self) -> Decisions:
        """Decisions for both runs: bots decide, the plan and people's choices override
        their teams.
        """
        dec = self._decide(self.state, skip=self.human)
        for j in self.human:
            dec.shares[:, j] = self.human_decisions.shares[0, j]
            dec.pledges[0, j] = self.human_decisions.pledges[0, j]
            dec.pledges[1, j] = 0.0
            dec.votes[:, j] = self.human_decisions.votes[0, j]
            _endorse(dec)[:, j] = _endorse(self.human_decisions)[0, j]
        return dec

    def resolve(self) -> TurnResult:
        """Resolution: compute the turn for the game and its twin."""
        if not self.began:
            self.begin()
        dec = self.decisions()
        year = self.year
        res = resolve_turn(self.model, self.state, dec)
        assert res is not None  # only an indicators-only turn returns none
        self.began = False
        self.records.append(self._record(year, dec.select(slice(0, 1)), res))
        return res

    def _record(
        self, year: int | None = None, dec: Decisions | None = None, res: TurnResult | None = None
    ) -> TurnRecord:
        """The history's entry for the state now (copies: the state moves on)."""
        st = self.state
        return TurnRecord(
            turn=st.turn,
            year=self.model.year_of(0) if year is None else year,
            x=st.x[0].copy(),
            x_twin=st.x[1].copy(),
            trust=st.trust[0].copy(),
            decisions=dec,
            result=res,
        )

    # views of `records`, as lists, for readers that want one column of the history
    @property
    def history(self) -> list[np.ndarray]:
        """(R, K) indicators at the start and after every turn (`records`' x)."""
        return [r.x for r in self.records]

    @property
    def trust_history(self) -> list[np.ndarray]:
        """(E,) trust at the start and after every turn (`records`' trust)."""
        return [r.trust for r in self.records]

    @property
    def results(self) -> list[TurnResult]:
        """What each resolved turn did (`records`' results, the start left out)."""
        return [r.result for r in self.records[1:] if r.result is not None]

    @property
    def decision_history(self) -> list[Decisions]:
        """Run 0's decisions of each resolved turn (`records`' decisions)."""
        return [r.decisions for r in self.records[1:] if r.decisions is not None]

    def scores(self) -> Scores:
        """Scores of the game (index 0) and its twin (index 1), against the room's vision
        when the room forms it (`scenario_scores`: against the scenario's).
        """
        room = self.workshop.vision(self.model)
        model = self.model if room is None else room.model(self.model)
        return score(model, self.state.x, self.state.mandate)

    def scenario_scores(self) -> Scores:
        """Scores against the scenario's own vision (comparable between sessions)."""
        return score(self.model, self.state.x, self.state.mandate)

    def dividend(self) -> float:
        """The cooperation dividend so far: shared score minus the no-cooperation twin's."""
        s = self.scores().shared
        return float(s[0] - s[1])

    def state_hash(self) -> str:
        """sha256 of the game's state (not the twin's)."""
        return state_hash(self.state, 0)

    def project(self, seeds: int = 1) -> np.ndarray:
        """The 2040 outlook if every person's current allocation were kept to the end.

        Returns (seeds, turns_left + 1, R, K): the first seed continues this game's own
        draws; further seeds re-draw the future. Nothing of the game itself changes.
        """
        seeds = int(seeds)
        if seeds < 1:
            raise ValueError("project needs at least one seed")
        n_left = self.model.n_turns - self.state.turn
        feed = self._project_feed(seeds, n_left - (1 if self.began else 0))
        out = np.empty((seeds, n_left + 1) + self.state.x.shape[1:])
        out[:, 0] = self.state.x[0]
        # A turn already begun has the same draws in every seed, so its resolution is
        # the same too: it is computed once and the result copied to every seed.
        first = 0
        if self.began and n_left:
            st = self._project_begun_turn(last=n_left == 1)
            out[:, 1] = st.x[0]
            first = 1
        else:
            st = self.state.select([0], rngs=False)
            st.coop[:] = 1.0
        # many seeds on a big model go in passes of bounded memory (game.sim.budget)
        size = pass_runs(self.model, False, CHUNK_RUNS)
        for lo in range(0, seeds, size):
            hi = min(seeds, lo + size)
            part = st.select(np.zeros(hi - lo, dtype=int), rngs=False)
            part.feed, part.feed_pos = feed[lo:hi], 0
            for step in range(first, n_left):
                begin_turn(self.model, part)
                self._project_turn(part, last=step == n_left - 1)
                out[lo:hi, step + 1] = part.x
        return out

    def _project_begun_turn(self, last: bool) -> State:
        """The begun turn of a projection resolved on one seed (its draws are the game's
        own, so it is the same for every seed). Kept until the next command: the screen
        asks for the line (one seed) after a slider move and for the band (many seeds) at
        the same allocation once the sliders are still. Read only.
        """
        h = self.human_decisions
        key = (self.state, self.state.turn, last, self.state.pending.tobytes(),
               h.shares.tobytes(), h.pledges.tobytes(), h.votes.tobytes(),
               _endorse(h).tobytes(), tuple(self.policies), tuple(self.human))  # fmt: skip
        kept = self.memo.begun
        if kept is not None and kept[0][0] is key[0] and kept[0][1:] == key[1:]:
            return kept[1]
        st = self.state.select([0], rngs=False)
        st.coop[:] = 1.0
        self._project_turn(st, last=last)
        self.memo.begun = (key, st)
        return st

    def _project_feed(self, seeds: int, draws: int) -> np.ndarray:
        """(seeds, draws, n_draws) every turn's numbers of a projection, drawn ahead exactly
        as the generators would draw them. Kept between calls while the game stands still
        (slider moves of the same turn): it depends only on the game's generator, its turn
        and whether the turn has begun. Read only.
        """
        key = (self.state, self.state.turn, self.began, seeds, draws)
        kept = self.memo.feed
        if kept is not None and kept[0][0] is key[0] and kept[0][1:] == key[1:]:
            return kept[1]
        feed = np.empty((seeds, draws, self.model.tables.n_draws))
        if draws:
            clone_rng(self.state.rngs[0]).random(out=feed[0])
            if seeds > 1:
                pool = self.memo.band_pool
                if pool is None or pool.shape[0] < seeds - 1:
                    pool = self.memo.band_pool = _band_draws(self.model, self.seed, seeds - 1)
                feed[1:] = pool[: seeds - 1, :draws]
        feed.flags.writeable = False
        self.memo.feed = (key, feed)
        return feed

    def _project_turn(self, st: State, last: bool = False) -> None:
        """Resolve a projection's turn: bots decide, people keep their current choices. On
        the last turn only the indicators are wanted.
        """
        dec = self._decide(st, skip=self.human)
        for j in self.human:
            dec.shares[:, j] = self.human_decisions.shares[0, j]
            dec.pledges[:, j] = self.human_decisions.pledges[0, j]
            dec.votes[:, j] = np.where(st.pending, self.human_decisions.votes[0, j], -1)
            _endorse(dec)[:, j] = _endorse(self.human_decisions)[0, j]
        resolve_turn(self.model, st, dec, x_only=last)

    def _decide(self, st: State, skip: Sequence[int] = ()) -> Decisions:
        """The bots' decisions, with the planned teams' replaced by the plan's this turn."""
        dec = bots.decide(self.model, st, self.policies, skip=tuple(skip))
        if self.plan is not None:
            apply_plan(self.model, st, self.plan, dec)
        room = self.workshop.vision(self.model) if st.turn == 0 else None
        if room is not None:  # the room's agreement sets the vision's trust bonus
            dec.agreement = np.full(st.n, trust_factor(room.agreement))
        return dec

    def __getstate__(self) -> dict[Any, Any]:
        # copies and pickles of a game start with nothing kept for projections
        state = dict(self.__dict__)
        state["memo"] = ProjectionMemo()
        return state

    # the turns played so far: appended to, never changed afterwards, so a copy shares
    # them (the session's undo copies the game every turn: copying every earlier turn too
    # grew as the square of the turns, 1.4 GB by turn 30 of a big scenario)
    PLAYED = ("records",)

    def __deepcopy__(self, memo: dict[Any, Any]) -> Game:
        out = self.__class__.__new__(self.__class__)
        memo[id(self)] = out
        for k, v in self.__getstate__().items():
            out.__dict__[k] = list(v) if k in self.PLAYED else copy.deepcopy(v, memo)
        return out

    def own_effect(self, team: int) -> np.ndarray:
        """(R, K) a team's own move this turn: the indicators after this turn's resolution
        with the team's current theme split, minus the same turn with the split it played
        last turn (`State.last_shares`: an even split before the first turn) and the same
        pledges. Every other team's decisions, the votes and the turn's draws are the same
        in both. Zeros once the game is finished; nothing of the game itself changes.
        """
        if self.finished:
            return np.zeros(self.state.x.shape[1:])
        st = self.state.select([0, 0], rngs=False)  # run 0: the move; run 1: last split
        st.coop[:] = 1.0
        if not self.began:  # the turn's events drawn ahead, as a projection draws them
            feed = self._project_feed(1, self.model.n_turns - self.state.turn)
            st.feed, st.feed_pos = np.repeat(feed, 2, axis=0), 0
            begin_turn(self.model, st)
        dec = self._decide(st, skip=self.human)
        h = self.human_decisions
        for j in self.human:
            dec.shares[:, j] = h.shares[0, j]
            dec.pledges[:, j] = h.pledges[0, j]
            dec.votes[:, j] = np.where(st.pending, h.votes[0, j], -1)
            _endorse(dec)[:, j] = _endorse(h)[0, j]
        dec.shares[1, team] = st.last_shares[1, team]
        resolve_turn(self.model, st, dec, x_only=True)
        return st.x[0] - st.x[1]


def _endorse(dec: Decisions) -> np.ndarray:
    """(N, J) who signs the shared vision: a game's decisions always say (none: nobody)."""
    if dec.endorse is None:
        dec.endorse = np.zeros(dec.shares.shape[:2], dtype=bool)
    return dec.endorse


def _band_draws(model: Model, seed: int, count: int) -> np.ndarray:
    """(count, turns, draws) every turn's numbers of a projection's extra seeds: seed i
    (≥ 1) re-draws the future from `PCG64([game seed, 7919, i])`, the same stream on
    every call, so it is drawn once per game instead of on every slider move.
    """
    out = np.empty((count, model.n_turns, model.tables.n_draws))
    for i in range(count):
        np.random.Generator(np.random.PCG64([seed, 7919, i + 1])).random(out=out[i])
    return out
