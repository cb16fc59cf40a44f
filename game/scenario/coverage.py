"""Content that never happens: `suunta validate --play N`.

Validation proves what can never happen (a window no turn falls in, a condition that can
never hold, a package no set of teams can afford). What is possible but never happens in
play shows only by playing: a package no bot team ever funds, so an event conditioned on
it never fires either. This plays N bot games under every bot policy (every team playing
it) and under the teams' own policies, and warns about each package never funded, event
never fired and dilemma option never chosen, at the item in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.scenario.problems import Problem
from game.scenario.scenario import Scenario

MAX_RUNS = 10_000


@dataclass
class Coverage:
    """What happened at least once over all the games played."""

    games: int = 0
    policies: list[str] = field(default_factory=list)
    fired: np.ndarray | None = None  # (Ev,) games in which each event fired
    funded: np.ndarray | None = None  # (P,) games in which each package ran
    chosen: dict[int, np.ndarray] = field(default_factory=dict)  # dilemma -> per option


def play(
    scenario: Scenario,
    runs: int,
    seed: int | None = None,
    on_policy: Callable[[str], None] | None = None,
) -> Coverage:
    """Play `runs` games under each bot policy and under the teams' own ones."""
    from game.sim import bots
    from game.sim.state import new_state
    from game.sim.step import begin_turn, resolve_turn

    model = scenario.compile()
    seed = model.seed if seed is None else seed
    cov = Coverage(
        fired=np.zeros(len(model.events), dtype=np.int64),
        funded=np.zeros(len(model.package_ids), dtype=np.int64),
    )
    for d, spec in enumerate(model.events):
        if spec.is_dilemma:
            cov.chosen[d] = np.zeros(len(spec.options), dtype=np.int64)
    plays = [("own", list(model.team_policy))]
    plays += [(p, [p] * len(model.team_ids)) for p in bots.POLICIES]
    for name, pols in plays:
        if on_policy:
            on_policy(name)
        state = new_state(model, runs, seed, 0, counterfactual=False, draw_ahead=True)
        fired = np.zeros((runs, len(model.events)), dtype=bool)
        funded = np.zeros((runs, len(model.package_ids)), dtype=bool)
        for _ in range(model.n_turns):
            begin_turn(model, state)
            res = resolve_turn(model, state, bots.decide(model, state, pols))
            assert res is not None  # only an indicators-only turn returns none
            fired |= res.fired[:runs]
            funded |= res.funded[:runs]
            for d, counts in cov.chosen.items():
                picked = res.chosen[:runs, d]
                counts += np.bincount(picked[picked >= 0], minlength=len(counts))[: len(counts)]
        cov.fired += fired.sum(axis=0)
        cov.funded += funded.sum(axis=0)
        cov.games += runs
        cov.policies.append(name)
    return cov


def unplayed(scenario: Scenario, runs: int, seed: int | None = None) -> list[Problem]:
    """Warnings for the packages, events and dilemma options that never happened."""
    return warnings(scenario, play(scenario, runs, seed))


def warnings(scenario: Scenario, cov: Coverage) -> list[Problem]:
    """Warnings for what never happened in the games `cov` counts."""
    f = scenario.file
    loc = scenario.located
    runs = cov.games // max(len(cov.policies), 1)
    games = f"{cov.games} bot games ({runs} under each bot policy and the teams' own)"
    problems: list[Problem] = []

    def warn(path: tuple[Any, ...], msg: str) -> None:
        problems.append(Problem(*loc.pos(path, key=True), "warning", msg, loc.path_text(path)))

    assert cov.funded is not None and cov.fired is not None
    for i, pk in enumerate(f.packages):
        if cov.funded[i] == 0:
            warn(
                ("packages", i, "id"),
                f"package '{pk.id}' was never funded in {games}: bots do not find it worth "
                "its cost; lower cost: or requires:, or give it more leverage: or effects:",
            )
    for i, ev in enumerate(f.events):
        if cov.fired[i] == 0:
            what = "its condition:" if ev.when.condition else "its window and probability:"
            warn(
                ("events", i, "id"),
                f"event '{ev.id}' never fired in {games}: look at {what} the room would "
                "most likely never see the card",
            )
            continue
        counts = cov.chosen.get(i)
        if counts is None:
            continue
        for j, opt in enumerate(ev.options):
            if counts[j] == 0:
                best = ev.options[int(np.argmax(counts))].id
                warn(
                    ("events", i, "options", j, "id"),
                    f"option '{opt.id}' of dilemma '{ev.id}' was never chosen in the "
                    f"{int(cov.fired[i])} of {games} in which the dilemma came up (the bots "
                    f"chose '{best}' or another): give it an upside some team's mandate "
                    "weighs",
                )
    return problems
