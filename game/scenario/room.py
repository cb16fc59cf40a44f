"""What a room can take in during one turn (issue 17): the validator warns where a
scenario brings more of something a turn than people can read, weigh or vote on in the
minutes a phase has, although the game and its screens would still work (every list
scrolls or pages). docs/scenario-authoring.md, "How much a room can take in", gives the
numbers and why.

- packages: every package not yet run is open every turn, and the teams weigh them in
  the deliberation: more than `PACKAGES` and nobody compares them all;
- events: the briefing is read in a few minutes, four cards a page: more than `EVENTS`
  a turn on average (the sum of their probabilities in the turn, conditions aside) and
  the room skims;
- dilemmas: each is a vote of every team in the deliberation: more than `DILEMMAS` a
  turn on average and the votes crowd out the talk.
"""

from __future__ import annotations

from typing import Any

from game.scenario import schema
from game.scenario.turns import event_turns, game_turns

PACKAGES = 12
EVENTS = 20
DILEMMAS = 6


def warnings(f: schema.ScenarioFile) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) of each warning: what a turn brings beyond what a room takes in."""
    out: list[tuple[tuple[Any, ...], str]] = []
    if len(f.packages) > PACKAGES:
        out.append(
            (
                ("packages",),
                f"{len(f.packages)} packages are open at once: a room weighs about "
                f"{PACKAGES} in a deliberation (the list pages; fewer, larger packages read "
                "better)",
            )
        )
    starts = game_turns(f.meta)
    if not starts:
        return out
    events = [0.0] * len(starts)
    dilemmas = [0.0] * len(starts)
    for ev in f.events:
        for t in event_turns(f.meta, ev.when):
            events[t] += ev.when.probability
            if ev.options:
                dilemmas[t] += ev.when.probability
    for counts, most, what, why in (
        (events, EVENTS, "events", "a briefing is read in minutes, four cards a page"),
        (dilemmas, DILEMMAS, "dilemmas", "every team votes on each in the deliberation"),
    ):
        t = max(range(len(starts)), key=counts.__getitem__)
        if counts[t] > most:
            y = starts[t]
            span = f"{y}–{y + f.meta.turn_years - 1}" if f.meta.turn_years > 1 else f"{y}"
            out.append(
                (
                    ("events",),
                    f"the turn {span} may bring about {counts[t]:.0f} {what} (the sum of their "
                    f"probabilities, conditions aside): a room takes in about {most} a turn "
                    f"({why}); lower probabilities or narrower windows spread them out",
                )
            )
    return out
