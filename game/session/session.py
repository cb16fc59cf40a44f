"""A played session: commands applied to a `Game`, each one appended to a journal.

The UI never changes the game itself: it sends commands (plain dicts) to `Session.apply`,
which checks them, applies them and, when the session has a folder, appends them to
`journal.jsonl` (flushed and synced). Replaying the journal rebuilds the exact state.

Phases of a turn (docs/design.md): briefing → deliberation → allocation → resolution →
reflection, then the next turn's briefing; after the last turn, debrief.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from game.sim.model import Model
from game.sim.plans import Plan
from game.sim.runner import DECISION_KINDS, UNDECIDED, Game
from game.sim.step import TurnResult

PHASES = ("briefing", "deliberation", "allocation", "resolution", "reflection")
COMMANDS = (
    "allocate", "vote", "endorse", "advance", "undo", "inject", "cancel", "end", "players",
    "redo", "back", "timing", "decide", "propose", "rate",
)  # fmt: skip
REASONS = ("facilitator", "time")  # why a phase closed with decisions still open
BEFORE_RESOLUTION = PHASES[:3]  # the phases whose choices and events can still change
# why a command cannot act now (`Session.blocked`), as codes the UI words, and as the
# message of the CommandError the session raises
BLOCKED = {
    "over": "the game is over",
    "resolved": "this turn is already resolved: that can only change before resolution",
    "not_yet": "allocations are made in deliberation and allocation",
    "no_undo": "there is no resolved turn to undo",
    "no_redo": "there is no undone resolution to redo",
    "first": "this is already the first phase of the turn",
}


class CommandError(ValueError):
    """A command that cannot be applied now; the message says why, for the person."""


@dataclass
class Session:
    """One game with its phase, decision log and undo snapshots."""

    model: Model
    seed: int
    human: list[int]
    policies: list[str] | None = None
    game: Game = field(init=False)
    phase: str = field(init=False, default="briefing")
    log: list[dict] = field(init=False, default_factory=list)
    _over: bool = field(init=False, default=False)  # read it as `finished`
    journal: object | None = None  # anything with .append(dict): the on-disk journal
    scenario: object | None = None  # the loaded Scenario (names and texts), when known
    plan: Plan | None = None  # fixed decisions of some teams (game.sim.plans), never people's
    plan_file: str | None = None  # the plan's file name, to show
    # sessions of format 2 and older: people's teams start from their bot's suggestion
    # and play it unless they change it (game.session.store.upgrade)
    prefill: bool = False
    _snapshots: list[tuple[Game, str, int]] = field(init=False, default_factory=list)
    # the facilitator's phase minutes (F2), oldest first: {"turn", "phase", "minutes"}, each
    # for its phase from its turn on (game.session.schedule.phase_minutes)
    timings: list[dict] = field(init=False, default_factory=list)
    # what `undo` took back, newest last: (game, phase, finished, the snapshot it popped)
    _redo: list[tuple[Game, str, bool, tuple]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.game = Game(self.model, self.seed, self.policies, self.human, self.plan)
        self.game.prefill = self.prefill
        self.game.begin()

    # -- reading -------------------------------------------------------------------------
    @property
    def turn(self) -> int:
        """0-based turn being played (n_turns once finished)."""
        return self.game.turn

    @property
    def finished(self) -> bool:
        """True once the game has ended: after the last turn's reflection, or when the
        facilitator ended it. The last turn's resolution and reflection still take
        commands (`game.finished` is already true there).
        """
        return self._over

    @property
    def last_result(self) -> TurnResult | None:
        """The most recent resolved turn."""
        return self.game.results[-1] if self.game.results else None

    def pending_events(self) -> list[int]:
        """Events revealed this turn (indices into model.events)."""
        return [] if self.game.finished else self.game.pending_events()

    def dilemmas(self) -> list[int]:
        """Pending events that are dilemmas."""
        return [i for i in self.pending_events() if self.model.events[i].is_dilemma]

    # -- commands ------------------------------------------------------------------------
    def apply(self, cmd: dict, *, record: bool = True) -> None:
        """Check and apply one command; record it in the journal and the decision log.

        Raises:
            CommandError: when the command is not possible now (nothing changes).
        """
        kind = cmd.get("type")
        if kind not in COMMANDS:
            raise CommandError(f"unknown command {kind!r}")
        if self.finished and kind not in ("undo",):
            raise CommandError("the game is over")
        getattr(self, f"_do_{kind}")(cmd)
        if kind not in ("undo", "redo", "timing"):
            self._redo.clear()  # a new choice: what was undone cannot come back
        entry = dict(cmd, turn=self.turn, phase=self.phase)
        self.log.append(entry)
        if record and self.journal is not None:
            self.journal.append(cmd)

    def _team(self, cmd: dict) -> int:
        team = cmd.get("team")
        if team not in self.model.team_ids:
            raise CommandError(f"unknown team {team!r}")
        return self.model.team_ids.index(team)

    def _do_allocate(self, cmd: dict) -> None:
        if self.phase not in ("deliberation", "allocation"):
            raise CommandError("allocations are made in deliberation and allocation")
        j = self._team(cmd)
        m = self.model
        shares = np.zeros(len(m.theme_ids))
        for k, v in (cmd.get("shares") or {}).items():
            if k not in m.theme_ids:
                raise CommandError(f"unknown theme {k!r}")
            shares[m.theme_ids.index(k)] = float(v)
        pledges = np.zeros(len(m.package_ids))
        for k, v in (cmd.get("pledges") or {}).items():
            if k not in m.package_ids:
                raise CommandError(f"unknown package {k!r}")
            pledges[m.package_ids.index(k)] = float(v)
        if pledges.sum() > self.game.team_budget(j) + 1e-9:
            raise CommandError("pledges exceed the team's effort points")
        by = cmd.get("by", "team")  # "facilitator": an override from the console, as set
        if by not in ("team", "facilitator"):
            raise CommandError(f"'by' is team or facilitator (got {by!r})")
        try:
            self.game.allocate(j, shares, pledges, by)
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _do_vote(self, cmd: dict) -> None:
        if self.phase not in ("deliberation", "allocation"):
            raise CommandError("votes are cast in deliberation")
        j = self._team(cmd)
        ev_id, opt_id = cmd.get("event"), cmd.get("option")
        ids = self.model.event_ids
        if ev_id not in ids:
            raise CommandError(f"unknown event {ev_id!r}")
        ev = self.model.events[ids.index(ev_id)]
        if opt_id not in ev.options:
            raise CommandError(f"dilemma {ev_id!r} has no option {opt_id!r}")
        try:
            self.game.vote(j, ids.index(ev_id), ev.options.index(opt_id))
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _do_endorse(self, cmd: dict) -> None:
        """A team signs the shared vision, or takes its signature back (first turn)."""
        if self.phase not in ("deliberation", "allocation"):
            raise CommandError("the shared vision is signed in deliberation")
        j = self._team(cmd)
        signs = cmd.get("signs")
        if not isinstance(signs, bool):
            raise CommandError("'signs' must be true or false")
        try:
            self.game.endorse(j, signs)
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _do_decide(self, cmd: dict) -> None:
        """A people's team declares a decision made ("decided": true, the default) or
        open again (false): "kind" is votes (as cast; a dilemma not voted on is the team's
        abstention), allocation (the split and pledges as they stand) or vision (signing or
        not, as it stands).
        """
        if self.phase not in ("deliberation", "allocation"):
            raise CommandError("decisions are made in deliberation and allocation")
        j = self._team(cmd)
        if j not in self.human:
            raise CommandError(f"team {self.model.team_ids[j]} is not played by people")
        kind, decided = cmd.get("kind"), cmd.get("decided", True)
        if kind not in DECISION_KINDS:
            raise CommandError(f"unknown kind of decision {kind!r}; one of {DECISION_KINDS}")
        if not isinstance(decided, bool):
            raise CommandError("'decided' must be true or false")
        try:
            self.game.confirm(j, kind, decided)
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _people_team(self, cmd: dict) -> int:
        """The command's team, which people must play (bots propose and rate nothing)."""
        j = self._team(cmd)
        if j not in self.human:
            raise CommandError(f"team {self.model.team_ids[j]} is not played by people")
        return j

    def _do_propose(self, cmd: dict) -> None:
        """A team proposes the vision's weights ("weights": indicator id -> number ≥ 0;
        left out: 0) and, optionally, target shifts ("shifts": region type id -> indicator
        id -> index points within the scenario's bound): in the first turn's deliberation,
        when the room forms its vision (game.sim.vision). The round closes when the
        facilitator moves on to the allocation.
        """
        from game.session.workshop import propose_arrays

        if self.turn != 0 or self.phase != "deliberation" or self.finished:
            raise CommandError("the vision is formed in the first turn's deliberation")
        j = self._people_team(cmd)
        try:
            weights, shifts = propose_arrays(self.model, cmd)
            self.game.workshop.propose(self.model, j, weights, shifts)
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _do_rate(self, cmd: dict) -> None:
        """A team rates how strongly each change driver will hit each region type
        ("ratings": driver id -> region type id -> 1..5; left out: not rated), in the first
        turn before its resolution.
        """
        from game.session.workshop import rating_array

        if self.turn != 0 or self.phase not in BEFORE_RESOLUTION or self.finished:
            raise CommandError("the drivers are rated in the first turn, before its resolution")
        j = self._people_team(cmd)
        try:
            self.game.workshop.rate(j, rating_array(self.model, cmd))
        except ValueError as err:
            raise CommandError(str(err)) from None

    def _undecided_modes(self, cmd: dict) -> tuple[dict[int, str], str]:
        """An advance's "undecided" (one of UNDECIDED for every team, or a mapping of
        team id to one) and "reason" (REASONS), checked.
        """
        raw, reason = cmd.get("undecided", "keep"), cmd.get("reason", "facilitator")
        if reason not in REASONS:
            raise CommandError(f"unknown reason {reason!r}; one of {REASONS}")
        if isinstance(raw, str):
            raw = {t: raw for t in self.model.team_ids}
        if not isinstance(raw, dict):
            raise CommandError("'undecided' is one of keep, draft, bot, or a team → choice map")
        modes = {}
        for t, mode in raw.items():
            if t not in self.model.team_ids:
                raise CommandError(f"unknown team {t!r}")
            if mode not in UNDECIDED:
                raise CommandError(f"unknown choice {mode!r} for an undecided team; {UNDECIDED}")
            modes[self.model.team_ids.index(t)] = mode
        return modes, reason

    def _do_advance(self, cmd: dict) -> None:
        """Move to the next phase; leaving allocation settles what people's teams left
        undecided (`Game.close`: the command's "undecided" and "reason") and resolves the
        turn.
        """
        i = PHASES.index(self.phase)
        modes, reason = self._undecided_modes(cmd)
        if self.phase == "allocation":
            self._snapshots.append((copy.deepcopy(self.game), self.phase, len(self.log)))
            self.game.close(modes, reason)
            self.game.resolve()
            self.phase = "resolution"
        elif self.phase == "reflection":
            if self.game.finished:
                self._over = True
                return
            self.game.begin()
            self.phase = "briefing"
        else:
            self.phase = PHASES[i + 1]

    def _do_undo(self, cmd: dict) -> None:
        """Undo the last resolution: back to its allocation phase, choices kept."""
        self._require("undo")
        snap = self._snapshots.pop()
        self._redo.append((self.game, self.phase, self._over, snap))
        self.game = copy.deepcopy(snap[0])  # the snapshot stays as it was, for a redo
        self.phase = snap[1]
        self._over = False

    def _do_redo(self, cmd: dict) -> None:
        """Take the last undo back: the resolved game as it was before the undo."""
        self._require("redo")
        game, phase, over, snap = self._redo.pop()
        self._snapshots.append(snap)
        self.game, self.phase, self._over = game, phase, over

    def _do_back(self, cmd: dict) -> None:
        """Go back to an earlier phase of this turn before it is resolved (the phase tabs);
        every choice made so far is kept.
        """
        self._require("back")
        target = cmd.get("phase")
        if target not in PHASES or PHASES.index(target) >= PHASES.index(self.phase):
            raise CommandError(f"cannot go back from {self.phase} to {target!r}")
        self.phase = target

    def blocked(self, kind: str) -> str | None:
        """Why a command of `kind` cannot act now (a key of BLOCKED), or None when it can.
        The console greys out what cannot act and says why.
        """
        if kind == "undo":
            return None if self._snapshots else "no_undo"
        if kind == "redo":
            return None if self._redo else "no_redo"
        if self.finished:
            return "over"
        if kind in ("inject", "cancel", "back") and self.phase not in BEFORE_RESOLUTION:
            return "resolved"
        if kind == "back" and self.phase == PHASES[0]:
            return "first"
        choosing = self.phase in ("deliberation", "allocation")
        if kind in ("allocate", "vote", "endorse", "decide") and not choosing:
            return "not_yet" if self.phase == PHASES[0] else "resolved"
        return None

    def _require(self, kind: str) -> None:
        why = self.blocked(kind)
        if why is not None:
            raise CommandError(BLOCKED[why])

    def _event(self, cmd: dict) -> int:
        ev_id = cmd.get("event")
        if ev_id not in self.model.event_ids:
            raise CommandError(f"unknown event {ev_id!r}")
        self._require("inject")
        return self.model.event_ids.index(ev_id)

    def _do_inject(self, cmd: dict) -> None:
        self.game.inject(self._event(cmd))

    def _do_cancel(self, cmd: dict) -> None:
        self.game.cancel(self._event(cmd))

    def _do_players(self, cmd: dict) -> None:
        """Change which teams people play (a branch's new players); bots take the rest."""
        ids = cmd.get("human")
        if not isinstance(ids, list) or any(t not in self.model.team_ids for t in ids):
            raise CommandError(f"unknown teams in {ids!r}")
        clash = [t for t in ids if self.model.team_ids.index(t) in self.game.planned]
        if clash:
            raise CommandError(f"team(s) {', '.join(clash)} follow the plan, not people")
        self.human = sorted(self.model.team_ids.index(t) for t in ids)
        self.game.set_human(self.human)

    def _do_timing(self, cmd: dict) -> None:
        """The facilitator sets the minutes of the phase being played (F2 console), for
        this turn and the later ones; the game itself does not change.
        """
        minutes = cmd.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 90:
            raise CommandError(f"a phase takes 1 to 90 whole minutes (got {minutes!r})")
        turn = self.turn - 1 if self.phase in ("resolution", "reflection") else self.turn
        self.timings.append({"turn": max(0, turn), "phase": self.phase, "minutes": minutes})

    def _do_end(self, cmd: dict) -> None:
        self._over = True

    # -- helpers for screens ---------------------------------------------------------------
    def run_bots_to_end(self) -> None:
        """Advance through every phase until the debrief (autoplay and tests)."""
        while not self.finished:
            self.apply({"type": "advance"})

    def human_shares(self, team: int) -> np.ndarray:
        """The theme split currently set for a team: a people's team's draft or decision
        (last turn's split until it changes it), a bot's or the plan's choice.
        """
        return self.game.human_decisions.shares[0, team].copy()

    def endorses(self, team: int) -> bool:
        """Whether a team signs the shared vision as things stand (people: only once they
        signed; bots: their choice).
        """
        return bool(self.game.human_decisions.endorse[0, team])

    def suggested(self, team: int) -> tuple[np.ndarray, np.ndarray]:
        """(shares, pledges) the team's bot suggests this turn (a starting point only)."""
        sug = self.game.suggestion
        return sug.shares[0, team].copy(), sug.pledges[0, team].copy()

    # -- decided / not yet -------------------------------------------------------------
    def decision_kinds(self) -> tuple[str, ...]:
        """The kinds of decision people make now (DECISION_KINDS), none outside the
        turn's decision phases.
        """
        if self.finished or self.phase not in ("briefing", "deliberation", "allocation"):
            return ()
        return self.game.open_kinds()

    def decision_state(self, team: int, kind: str) -> str:
        """A people's team's decision of `kind` now: "decided", "draft" (an allocation
        changed but not confirmed) or "open" (not yet).
        """
        if self.game.is_decided(team, kind):
            return "decided"
        if kind == "allocation" and self.game.made.drafted[team]:
            return "draft"
        return "open"

    def undecided(self) -> list[tuple[int, tuple[str, ...]]]:
        """People's teams with decisions still open now, with the kinds not yet made."""
        kinds = self.decision_kinds()
        out = []
        for j in self.human:
            left = tuple(k for k in kinds if self.decision_state(j, k) != "decided")
            if left:
                out.append((j, left))
        return out

    def settled(self, turn: int) -> dict | None:
        """How people's decisions of a resolved turn came about (`Game.close`'s record),
        or None for a turn resolved without one.
        """
        for rec in self.game.people_history:
            if rec["turn"] == turn:
                return rec
        return None

    def human_pledges(self, team: int) -> np.ndarray:
        """The pledges currently set for a team."""
        return self.game.human_decisions.pledges[0, team].copy()


def override_command(session, j: int, preset: str) -> dict:
    """The facilitator's override of team j (the console's, and the facilitator's phone's
    in the room mode): "even" (an even split, pledges kept) or "no_pledges" (pledges
    withdrawn, split kept).
    """
    m = session.model
    if preset == "even":
        shares = {t: 1.0 / len(m.theme_ids) for t in m.theme_ids}
        pledges = session.human_pledges(j)
    else:
        shares = dict(zip(m.theme_ids, map(float, session.human_shares(j)), strict=True))
        pledges = [0.0] * len(m.package_ids)
    return {
        "type": "allocate",
        "team": m.team_ids[j],
        "shares": shares,
        "pledges": {p: float(v) for p, v in zip(m.package_ids, pledges, strict=True) if v > 0},
        "by": "facilitator",  # stands as set; the report says the facilitator set it
    }


def replay(
    model: Model,
    seed: int,
    human: Sequence[int],
    commands: Sequence[dict],
    policies: Sequence[str] | None = None,
    plan: Plan | None = None,
    prefill: bool = False,
) -> Session:
    """Rebuild a session from its commands (the journal); `prefill` for sessions of
    format 2 and older (`Session.prefill`).
    """
    s = Session(
        model, seed, list(human), list(policies) if policies else None, plan=plan, prefill=prefill
    )
    for cmd in commands:
        s.apply(cmd, record=False)
    return s
