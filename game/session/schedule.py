"""The session plan: how a workshop's minutes are spread over the intro, the turns and their
phases, a break and the debrief. Pure: the game's timer and the run-sheet both use it.

The rule (docs/workshop.md):

- The length L is what the facilitator books (default: 30 + 15 minutes a turn, so 120 for
  the six turns of finland-2040; between 45 and 480).
- Intro: L/12, 5 to 15 minutes. Debrief: L/8, 10 to 25 minutes. Both in whole minutes,
  halves rounded up.
- A break of 15 minutes after the middle turn when L is 150 minutes or more.
- The rest is spread over the turns: the first counts 1.5 (the room learns the screens
  and signs the shared vision), every other turn 1.
- Within a turn every phase gets one minute, and the rest is shared 2:8:5:0:3 by
  briefing, deliberation, allocation, resolution and reflection.
- Minutes are whole: a regular turn is rounded (halves up), the first turn takes what is
  left, and a turn's phases get their whole minutes by largest remainder, so the plan adds
  up to L exactly.

`--timings` fixes some phases (or all five, the intro or the debrief) in every turn; the
rest keeps the rule's minutes and the plan's total is what they add up to. A turn shorter
than nine minutes on average is refused: the room could not decide anything.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

PHASES = ("briefing", "deliberation", "allocation", "resolution", "reflection")
PHASE_WEIGHTS = (2, 8, 5, 0, 3)  # the share of a turn's minutes beyond each phase's first
FIRST_TURN_WEIGHT = 1.5
MIN_LENGTH, MAX_LENGTH = 45, 480
MIN_TURN = 9.0  # minutes: the shortest average turn the rule accepts
BREAK_FROM, BREAK_MIN = 150, 15
LENGTH_CHOICES = (60, 75, 90, 105, 120, 150, 180, 240)  # the title screen's choices
TIMING_KEYS = ("intro", *PHASES, "debrief")
MAX_PHASE = 90  # minutes a phase (or the intro, the debrief) may be set to


class ScheduleError(ValueError):
    """A length or timings that make no plan; the message says why, for the person."""


def half_up(x: float) -> int:
    """Round to a whole number, halves up (round() would round 7.5 to 8 and 22.5 to 22)."""
    return math.floor(x + 0.5)


def default_length(n_turns: int) -> int:
    """The length a scenario is planned for when none is chosen: 30 + 15 a turn."""
    return max(MIN_LENGTH, min(MAX_LENGTH, 30 + 15 * n_turns))


def clock(minutes: float) -> str:
    """Minutes since the start as H:MM (`0:05`, `2:00`)."""
    m = half_up(minutes)
    return f"{m // 60}:{m % 60:02d}"


@dataclass(frozen=True)
class Slot:
    """One stretch of the plan: the intro, a phase of a turn, a break or the debrief."""

    kind: str  # intro, phase, break or debrief
    start: int  # minutes since the workshop began
    minutes: int
    turn: int | None = None  # 0-based, for phases
    phase: str | None = None

    @property
    def end(self) -> int:
        """When it ends, in minutes since the start."""
        return self.start + self.minutes


@dataclass(frozen=True)
class Schedule:
    """A session plan in whole minutes; `length` and `timings` are what it was made from."""

    length: int
    timings: dict[str, int] = field(default_factory=dict)
    intro: int = 0
    turns: tuple[tuple[int, ...], ...] = ()  # [turn][phase] minutes
    breaks: dict[int, int] = field(default_factory=dict)  # after turn index -> minutes
    debrief: int = 0

    @property
    def n_turns(self) -> int:
        """Number of turns planned."""
        return len(self.turns)

    @property
    def total(self) -> int:
        """Minutes the whole plan takes."""
        return self.intro + sum(map(sum, self.turns)) + sum(self.breaks.values()) + self.debrief

    def slots(self) -> list[Slot]:
        """Every stretch in order, with its start."""
        out, t = [Slot("intro", 0, self.intro)], self.intro
        for k, phases in enumerate(self.turns):
            for ph, minutes in zip(PHASES, phases, strict=True):
                out.append(Slot("phase", t, minutes, k, ph))
                t += minutes
            if k in self.breaks:
                out.append(Slot("break", t, self.breaks[k], k))
                t += self.breaks[k]
        out.append(Slot("debrief", t, self.debrief))
        return out

    def phase_slot(self, turn: int, phase: str) -> Slot:
        """The slot of a phase of a turn (the last turn's for a turn past the end)."""
        turn = max(0, min(turn, self.n_turns - 1))
        for s in self.slots():
            if s.turn == turn and s.phase == phase:
                return s
        raise KeyError(phase)

    def turn_minutes(self, turn: int) -> int:
        """Minutes planned for a turn."""
        return sum(self.turns[turn])

    def as_dict(self) -> dict:
        """The plan as session.json keeps it: what it was made from and its minutes."""
        return {
            "length": self.length,
            "timings": dict(self.timings),
            "intro": self.intro,
            "turns": [list(t) for t in self.turns],
            "breaks": {str(k): v for k, v in self.breaks.items()},
            "debrief": self.debrief,
        }

    @classmethod
    def from_dict(cls, data: dict, n_turns: int) -> Schedule:
        """A saved plan; one that does not fit `n_turns` (or cannot be read) is made again
        from its length and timings, and a session saved before plans existed gets the
        default plan.
        """
        try:
            turns = tuple(tuple(int(v) for v in t) for t in data["turns"])
            if len(turns) != n_turns or any(len(t) != len(PHASES) for t in turns):
                raise ValueError("another number of turns")
            return cls(
                length=int(data["length"]),
                timings={str(k): int(v) for k, v in (data.get("timings") or {}).items()},
                intro=int(data["intro"]),
                turns=turns,
                breaks={int(k): int(v) for k, v in (data.get("breaks") or {}).items()},
                debrief=int(data["debrief"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
        try:
            return plan_schedule(n_turns, data.get("length"), data.get("timings") or None)
        except (ScheduleError, AttributeError, TypeError):
            return plan_schedule(n_turns)


def parse_timings(text: str) -> dict[str, int]:
    """`--timings`: five minutes in phase order (`2,6,4,1,3`), or `name=minutes` pairs
    (`deliberation=8,allocation=5`, also `intro=` and `debrief=`). Commas or spaces
    separate them; minutes are whole.
    """
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    if not parts:
        raise ScheduleError("--timings is empty: give five minutes, like 2,6,4,1,3")
    named = ["=" in p for p in parts]
    if any(named) and not all(named):
        raise ScheduleError(
            f"--timings mixes plain minutes and name=minutes ('{text}'): use one or the other"
        )
    out: dict[str, int] = {}
    if not any(named):
        if len(parts) != len(PHASES):
            raise ScheduleError(
                f"--timings takes five minutes, one for each of {', '.join(PHASES)} "
                f"(got {len(parts)}: '{text}')"
            )
        pairs = list(zip(PHASES, parts, strict=True))
    else:
        pairs = [tuple(p.split("=", 1)) for p in parts]
    for key, value in pairs:
        key = key.strip().lower()
        if key not in TIMING_KEYS:
            raise ScheduleError(
                f"--timings: unknown part '{key}'; the parts are {', '.join(TIMING_KEYS)}"
            )
        if key in out:
            raise ScheduleError(f"--timings names '{key}' twice")
        try:
            minutes = float(value)
        except ValueError:
            raise ScheduleError(f"--timings: '{value}' is not a number of minutes") from None
        if not 1 <= minutes <= MAX_PHASE or minutes != int(minutes):
            raise ScheduleError(
                f"--timings: {key} takes 1 to {MAX_PHASE} whole minutes (got {value})"
            )
        out[key] = int(minutes)
    return out


def format_timings(timings: dict[str, int]) -> str:
    """Timings as `--timings` takes them (`deliberation=8,allocation=5`)."""
    return ",".join(f"{k}={v:g}" for k, v in timings.items())


def _turn_phases(minutes: int) -> list[int]:
    """A turn's whole minutes over its phases: one each, the rest by PHASE_WEIGHTS, the
    minutes left by rounding down going to the largest remainders (the earlier on a tie).
    """
    rest = minutes - len(PHASES)
    ideal = [rest * w / sum(PHASE_WEIGHTS) for w in PHASE_WEIGHTS]
    out = [1 + math.floor(v) for v in ideal]
    order = sorted(range(len(ideal)), key=lambda i: -(ideal[i] - math.floor(ideal[i])))
    for i in order[: minutes - sum(out)]:
        out[i] += 1
    return out


def _shortest(n_turns: int) -> int:
    """The shortest length whose turns last MIN_TURN minutes on average."""
    for length in range(MIN_LENGTH, MAX_LENGTH + 1):
        if _turns_time(length, n_turns) / n_turns >= MIN_TURN:
            return length
    return MAX_LENGTH + 1


def _frame(length: int, n_turns: int) -> tuple[int, int, int]:
    """(intro, debrief, break) minutes of a length."""
    intro = min(15, max(5, half_up(length / 12)))
    debrief = min(25, max(10, half_up(length / 8)))
    pause = BREAK_MIN if length >= BREAK_FROM and n_turns >= 2 else 0
    return intro, debrief, pause


def _turns_time(length: int, n_turns: int) -> int:
    intro, debrief, pause = _frame(length, n_turns)
    return length - intro - debrief - pause


def plan_schedule(
    n_turns: int, length: int | None = None, timings: dict[str, int] | None = None
) -> Schedule:
    """The session plan for a scenario of `n_turns` turns (see the module's rule).

    Raises:
        ScheduleError: a length out of range or too short for the turns.
    """
    if n_turns < 1:
        raise ScheduleError("the scenario has no turns to plan")
    timings = dict(timings or {})
    for k in timings:
        if k not in TIMING_KEYS:
            raise ScheduleError(f"unknown part '{k}' in the timings")
    length = default_length(n_turns) if length is None else int(length)
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise ScheduleError(f"--length takes {MIN_LENGTH} to {MAX_LENGTH} minutes (got {length})")
    fixed_phases = all(p in timings for p in PHASES)
    if not fixed_phases and _turns_time(length, n_turns) / n_turns < MIN_TURN:
        shortest = _shortest(n_turns)
        raise ScheduleError(
            f"{length} minutes is too short for {n_turns} turns: a turn would last less "
            f"than {MIN_TURN:g} minutes; give at least {shortest} minutes, or --timings"
        )
    intro, debrief, pause = _frame(length, n_turns)
    turns_time = _turns_time(length, n_turns)
    regular = half_up(turns_time / (FIRST_TURN_WEIGHT + n_turns - 1))
    first = turns_time - regular * (n_turns - 1)
    rows = [_turn_phases(first)] + [_turn_phases(regular)] * (n_turns - 1)
    turns = tuple(tuple(int(timings.get(p, v)) for p, v in zip(PHASES, row, strict=True))
                  for row in rows)  # fmt: skip
    middle = (n_turns - 1) // 2 if n_turns >= 2 else None
    breaks = {middle: pause} if pause and middle is not None else {}
    return Schedule(
        length=length,
        timings=timings,
        intro=int(timings.get("intro", intro)),
        turns=turns,
        breaks=breaks,
        debrief=int(timings.get("debrief", debrief)),
    )


def length_choices(n_turns: int, current: int | None = None) -> list[int]:
    """The lengths the title screen offers for a scenario: those long enough for its
    turns, with the default and the current one among them.
    """
    shortest = _shortest(n_turns)
    out = {v for v in LENGTH_CHOICES if v >= shortest}
    out.add(default_length(n_turns))
    if current is not None:
        out.add(current)
    return sorted(v for v in out if MIN_LENGTH <= v <= MAX_LENGTH)


def behind(schedule: Schedule, turn: int, phase: str, entered: float, now: float) -> float:
    """Minutes behind the plan (negative: ahead) in a phase entered at `entered` and now at
    `now`, both in minutes of the game clock, which starts at the first briefing (the plan
    puts it after the intro): how late the phase began, plus how far it has run over its
    planned minutes.
    """
    slot = schedule.phase_slot(turn, phase)
    late = (schedule.intro + entered) - slot.start
    return late + max(0.0, (now - entered) - slot.minutes)


def phase_minutes(schedule: Schedule, overrides: list[dict], turn: int, phase: str) -> int:
    """The minutes of a phase in a turn: the plan's, unless the facilitator set them (F2)
    in this turn or an earlier one (`Session.timings`, the latest such wins).
    """
    minutes = schedule.phase_slot(turn, phase).minutes
    for o in overrides:
        if o.get("phase") == phase and int(o.get("turn", 0)) <= turn:
            minutes = int(o["minutes"])
    return minutes
