"""The condition language: parsed by the project (never eval), names checked with columns,
and conditions that can never hold found by interval analysis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario import analysis
from game.scenario.compile import _Compiler
from game.scenario.conditions import ConditionError, parse_condition
from game.scenario.loader import load
from game.scenario.schema import Meta, When
from game.scenario.turns import event_turns
from game.sim.conditions import holds
from game.sim.state import new_state
from tests.conftest import DATA

IDS = {
    "indicator": ["jobs", "skills"],
    "region_type": ["city", "rural"],
    "actor": ["tem", "okm"],
    "package": ["rail"],
    "event": ["closure"],
}


@pytest.mark.parametrize(
    "text",
    [
        "year >= 2030",
        "indicator('jobs', 'rural') < 45 and not funded('rail')",
        "gap('skills') > 30 or mean('jobs') - min('jobs') > 10",
        "trust('tem', 'okm') < 0.3 and density() >= 0.2",
        "fired('closure') and budget('tem') * 2 / 3 > -1",
        "(turn == 2) != false",
    ],
)
def test_valid_conditions_parse(text):
    assert parse_condition(text, IDS)[0] in ("bin", "not", "call", "var", "num")


@pytest.mark.parametrize(
    ("text", "col", "words"),
    [
        ("year > 3 and gdp < 2", 14, "unknown name 'gdp'"),
        ("mean('job') > 3", 6, "did you mean 'jobs'"),
        ("avg('jobs') > 3", 1, "unknown function 'avg'"),
        ("jobs > 60", 1, "is an indicator: write mean('jobs')"),
        ("year = 2030", 6, "write '=='"),
        ("year > 2030 && turn < 3", 13, "write 'and'"),
        ("year > 2030 AND turn < 3", 13, "lowercase"),
        ("indicator('jobs') > 1", 1, "takes 2 argument(s)"),
        ("mean(jobs) > 1", 6, "ids in quotes"),
        ("1 < year < 3", 10, "chain comparisons"),
        ("year > 3,5", 9, "decimals take a point"),
        ("year =< 2030", 6, "write '<=' (the '=' comes second)"),
        ("(year > 3", 10, "expected ')'"),
        ("", 1, "empty"),
        ("__import__('os')", 1, "unknown function"),
        ("open('/etc/passwd')", 1, "unknown function"),
    ],
)
def test_mistakes_are_errors_with_the_column(text, col, words):
    with pytest.raises(ConditionError) as err:
        parse_condition(text, IDS)
    assert err.value.col == col and words in str(err.value)


def test_very_long_or_deep_conditions_are_refused():
    with pytest.raises(ConditionError):
        parse_condition("year > 1 and " * 300 + "year > 1", IDS)
    with pytest.raises(ConditionError):
        parse_condition("(" * 100 + "year" + ")" * 100, IDS)
    with pytest.raises(ConditionError):
        parse_condition("not " * 100 + "true", IDS)


def test_spans_cover_each_part():
    text = "year >= 2030 and indicator('jobs', 'rural') < 45"
    spans: dict = {}
    tree = parse_condition(text, IDS, spans)
    left, right = tree[2], tree[3]
    assert text[slice(*(c - 1 for c in spans[id(left)]))] == "year >= 2030"
    assert text[slice(*(c - 1 for c in spans[id(right)]))] == "indicator('jobs', 'rural') < 45"


TURNS = [analysis.Turn(t, 2022 + 3 * t) for t in range(6)]


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("indicator('jobs', 'rural') > 100", True),
        ("indicator('jobs', 'rural') >= 100", False),
        ("mean('jobs') < 0", True),
        ("gap('jobs') > 100 or min('jobs') < -1", True),
        ("trust('tem', 'okm') > 1", True),
        ("density() >= 0 and density() <= 1", False),
        ("year > 2037", True),
        ("year == 2024", True),  # turns start in 2022, 2025, …
        ("year == 2025", False),
        ("turn >= 6", True),
        ("mean('jobs') > 60 and mean('jobs') < 40", True),
        ("mean('jobs') > 60 and mean('skills') < 40", False),
        ("mean('jobs') > 50 and mean('jobs') <= 50", True),
        ("mean('jobs') >= 50 and mean('jobs') <= 50", False),
        ("not (mean('jobs') <= 100)", True),
        ("budget('tem') < 0", True),
        ("funded('rail') > 1", True),
        ("mean('jobs') / 0 > 1", True),  # NaN compares false
        ("mean('jobs') / 0 != 1", False),
        ("mean('jobs') / (budget('tem') - 1) > 1000", False),
        ("false", True),
        ("0 * budget('tem') > 1", True),
        ("-mean('jobs') > 0", True),
        ("mean('jobs') - gap('jobs') > 100", True),
    ],
)
def test_conditions_that_can_never_hold_are_found(text, never):
    tree = parse_condition(text, IDS)
    assert analysis.never_holds(tree, TURNS) is never


def test_the_analysis_is_sound_on_real_states():
    """Whatever it calls impossible is false in every state of real games (mini)."""
    scenario = load(DATA / "mini.yaml")
    model = scenario.compile()
    ids = {
        "indicator": list(model.indicator_ids),
        "region_type": list(model.region_ids),
        "actor": list(model.actor_ids),
        "package": list(model.package_ids),
        "event": list(model.event_ids),
    }
    texts = [
        "indicator('jobs', 'rural') > 99.9",
        "mean('skills') < 0.01",
        "trust('tem', 'okm') > 0.999",
        "gap('jobs') > 99",
        "budget('tem') < 0.4",
    ]
    from game.sim import bots
    from game.sim.step import begin_turn, resolve_turn

    state = new_state(model, 50, seed=1)
    for _ in range(model.n_turns):
        for text in texts:
            tree = parse_condition(text, ids)
            turns = [analysis.Turn(state.turn, model.year_of(state.turn))]
            if analysis.never_holds(tree, turns):
                assert not holds(tree, model, state).any(), text
        begin_turn(model, state)
        resolve_turn(model, state, bots.decide(model, state, ["random", "cooperative"]))


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(2000, 2030),
    turns=st.integers(1, 8),
    turn_years=st.integers(1, 5),
    lo=st.none() | st.integers(1995, 2075),
    hi=st.none() | st.integers(1995, 2075),
    years=st.none() | st.lists(st.integers(1995, 2075), max_size=4),
)
def test_the_checks_and_the_compiler_agree_on_event_windows(
    start, turns, turn_years, lo, hi, years
):
    meta = Meta(
        id="x",
        title="x",
        start_year=start,
        end_year=start + turns * turn_years,
        turn_years=turn_years,
    )
    when = When.model_validate({"from": lo, "to": hi, "years": years})
    compiler = _Compiler.__new__(_Compiler)
    compiler.f = type("F", (), {"meta": meta})()
    compiler.n_turns = turns
    mask = compiler.turn_mask(when)
    assert list(np.flatnonzero(mask)) == event_turns(meta, when)


def test_every_function_of_the_language_has_a_known_range():
    """A function the analysis does not know would be treated as unbounded: safe, but it
    would miss impossible conditions. Keep the two lists together."""
    from game.sim.conditions import FUNCTIONS

    assert set(analysis._FUNCTION_RANGES) == set(FUNCTIONS)
