"""The session plan (game.session.schedule): the documented rule, its limits, --timings,
saving it with a session and measuring the room against it.
"""

import json

import pytest

from game.session.schedule import (
    PHASES,
    Schedule,
    ScheduleError,
    behind,
    clock,
    default_length,
    length_choices,
    parse_timings,
    phase_minutes,
    plan_schedule,
)


def test_the_default_scenario_fits_two_hours():
    sc = plan_schedule(6)
    assert default_length(6) == 120 and sc.length == 120 and sc.total == 120
    assert (sc.intro, sc.debrief, sc.breaks) == (10, 15, {})
    assert sc.turns[0] == (3, 8, 5, 1, 3)  # the first turn: 20 minutes
    assert all(t == (2, 5, 4, 1, 3) for t in sc.turns[1:])  # then 15 a turn
    slots = sc.slots()
    assert [s.kind for s in slots[:2]] == ["intro", "phase"] and slots[-1].kind == "debrief"
    assert slots[-1].end == 120
    assert all(a.end == b.start for a, b in zip(slots, slots[1:], strict=False))


@pytest.mark.parametrize("n", range(1, 9))
@pytest.mark.parametrize("length", [None, 90, 120, 150, 180, 240, 480])
def test_every_plan_adds_up_to_its_length_in_whole_minutes(n, length):
    try:
        sc = plan_schedule(n, length)
    except ScheduleError:
        assert length is not None and length < 100  # only short lengths for many turns
        return
    assert sc.total == (length or default_length(n))
    assert all(m >= 1 and isinstance(m, int) for t in sc.turns for m in t)
    # the rule: deliberation is the longest phase, the first turn the longest turn
    assert all(t[1] == max(t) for t in sc.turns)
    assert sc.turn_minutes(0) >= max(map(sum, sc.turns[1:]), default=0)


def test_intro_debrief_and_break_follow_the_length():
    assert (plan_schedule(6, 90).intro, plan_schedule(6, 90).debrief) == (8, 11)
    long = plan_schedule(6, 180)
    assert (long.intro, long.debrief, long.breaks) == (15, 23, {2: 15})
    assert [s.kind for s in long.slots()].index("break") == 1 + 3 * 5  # after turn 3
    assert plan_schedule(6, 480).intro == 15 and plan_schedule(6, 480).debrief == 25


def test_lengths_that_make_no_plan_say_why():
    with pytest.raises(ScheduleError, match="45 to 480"):
        plan_schedule(6, 30)
    with pytest.raises(ScheduleError, match="at least 70 minutes"):
        plan_schedule(6, 60)
    plan_schedule(6, 70)
    assert min(length_choices(6)) >= 70 and 120 in length_choices(6)
    assert length_choices(3)[0] == 60 and 75 in length_choices(3)  # tutorial: 30 + 15 × 3
    assert 100 in length_choices(6, 100)


def test_timings_fix_phases_in_every_turn():
    assert parse_timings("2,6,4,1,3") == dict(zip(PHASES, (2, 6, 4, 1, 3), strict=True))
    t = parse_timings("deliberation=8 intro=5")
    assert t == {"deliberation": 8, "intro": 5}
    sc = plan_schedule(6, 120, t)
    assert all(turn[1] == 8 for turn in sc.turns) and sc.intro == 5
    assert sc.total == 120 - 5 + 5 * 3  # the fixed phases change the total
    fixed = plan_schedule(6, None, parse_timings("2,6,4,1,3"))
    assert set(fixed.turns) == {(2, 6, 4, 1, 3)}
    assert plan_schedule(6, 60, parse_timings("1,2,2,1,1")).total  # too short is fine then
    for bad, why in [
        ("", "empty"),
        ("2,6,4", "five minutes"),
        ("2,6,4,1,x", "not a number"),
        ("debate=5", "unknown part"),
        ("deliberation=5,deliberation=6", "twice"),
        ("deliberation=0", "1 to 90"),
        ("deliberation=2.5", "whole minutes"),
        ("2,deliberation=5", "mixes"),
    ]:
        with pytest.raises(ScheduleError, match=why):
            parse_timings(bad)


def test_a_saved_plan_reads_back_and_an_old_session_gets_the_default():
    sc = plan_schedule(6, 180, {"deliberation": 9})
    again = Schedule.from_dict(json.loads(json.dumps(sc.as_dict())), 6)
    assert again == sc
    assert Schedule.from_dict({"length": None}, 6) == plan_schedule(6)
    assert Schedule.from_dict({"length": 90, "turns": "damaged"}, 6) == plan_schedule(6, 90)
    assert Schedule.from_dict(sc.as_dict(), 3).n_turns == 3  # another scenario: planned anew


def test_how_far_behind_the_plan_the_room_is():
    sc = plan_schedule(6)  # turn 1: briefing 0:10–0:13, deliberation 0:13–0:21
    assert behind(sc, 0, "briefing", 0, 2) == 0  # on time, within the phase
    assert behind(sc, 0, "briefing", 0, 5) == 2  # 2 minutes over its 3
    assert behind(sc, 0, "deliberation", 5, 6) == 2  # began 2 minutes late
    assert behind(sc, 0, "deliberation", 1, 2) == -2  # began 2 minutes early
    assert behind(sc, 1, "briefing", 20, 21) == 0  # turn 2 begins at 0:30
    # the facilitator's minutes (F2) hold for their phase from their turn on
    overrides = [{"turn": 2, "phase": "deliberation", "minutes": 9}]
    assert phase_minutes(sc, overrides, 1, "deliberation") == 5
    assert phase_minutes(sc, overrides, 4, "deliberation") == 9
    assert phase_minutes(sc, overrides, 4, "allocation") == 4
    assert clock(0) == "0:00" and clock(125) == "2:05"
