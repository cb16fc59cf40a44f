"""The turns of a game as a scenario's years make them: when each turn starts, and which
turns an event's window lets it be drawn in. Validation, the room's limits and the
compiler share this arithmetic, so they agree on every turn.
"""

from __future__ import annotations

from game.scenario import schema


def game_turns(meta: schema.Meta) -> list[int]:
    """The years the game's turns start (as `game.scenario.compile` counts them)."""
    n = max((meta.end_year - meta.start_year) // meta.turn_years, 0)
    return [meta.start_year + t * meta.turn_years for t in range(n)]


def event_turns(meta: schema.Meta, when: schema.When) -> list[int]:
    """Indices of the turns whose window lets an event be drawn.

    The compiler uses this too, so validation and play agree. `years` picks the turns that
    contain one of the years; otherwise a turn counts when any of its years falls within
    from..to (a turn of 2025–2027 is in `from: 2026, to: 2026`).
    """
    starts = game_turns(meta)
    if when.years:
        return [
            t for t, s in enumerate(starts) if any(s <= y < s + meta.turn_years for y in when.years)
        ]
    lo = when.from_year if when.from_year is not None else meta.start_year
    hi = when.to_year if when.to_year is not None else meta.end_year
    return [t for t, s in enumerate(starts) if s <= hi and s + meta.turn_years - 1 >= lo]
