"""The room forms its vision and rates the drivers (issue 18): the rule, the commands,
journal, replay, undo and a resume after kill -9 in the middle of the round.
"""

import json
import os
import signal
import subprocess
import sys

import numpy as np
import pytest

from game.scenario.loader import load
from game.session.session import CommandError, Session
from game.session.store import new_session, open_session
from game.session.stress import session_plan, stress_session
from game.session.workshop import propose_command, rate_command
from game.sim.runner import Game, play_batch
from game.sim.scoring import score
from game.sim.vision import agreement, bot_proposal, form, model_intensity, trust_factor
from tests.conftest import ROOT

GROWTH = {
    "type": "propose",
    "team": "growth",
    "weights": {"employment": 3, "competence": 2},
    "shifts": {"helsinki-metro": {"employment": 5}, "eastern-border": {"employment": -10}},
}
EAST = {"type": "propose", "team": "east-north", "weights": {"population-vitality": 1}}
RATE = {"type": "rate", "team": "growth",
        "ratings": {"urbanisation": {"eastern-border": 5, "helsinki-metro": 2}}}  # fmt: skip


@pytest.fixture(scope="module")
def scenario():
    return load("finland-2040")


def to_deliberation(s):
    s.apply({"type": "advance"})
    assert s.phase == "deliberation"


def test_the_shared_vision_is_the_median_and_the_agreement_its_distance(finland):
    props = np.array([[1, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0.0]])
    room = form(finland, props)
    assert np.allclose(room.weights, [1, 0, 0, 0, 0, 0])  # the median: one team cannot pull
    assert room.agreement == pytest.approx(2 / 3)  # two agree wholly, one not at all
    assert agreement(np.ones((4, 6)) / 6, np.ones(6) / 6) == 1.0
    assert trust_factor(1.0) == 1.5 and trust_factor(0.0) == 0.5
    shifts = np.zeros((3, 6, 6))
    shifts[:, 0, 0] = [-50, 4, 6]  # clipped to the bound, then the median
    assert form(finland, props, shifts).shifts[0, 0] == 4
    j = finland.team_ids.index("growth")
    assert np.allclose(bot_proposal(finland, j, "vision"), finland.vision_weights)
    assert np.allclose(bot_proposal(finland, j, "mandate").sum(), 1.0)
    inten = model_intensity(finland)
    assert inten.shape == (len(finland.driver_ids), len(finland.region_ids))
    assert inten.min() >= 1 and inten.max() == pytest.approx(5)


def test_propose_and_rate_are_journaled_replayed_and_undone(scenario):
    s, info = new_session(scenario, seed=3, human=["growth", "east-north"])
    with pytest.raises(CommandError, match="deliberation"):
        s.apply(GROWTH)  # the briefing: the round is not open yet
    s.apply(RATE)  # the drivers are rated from the first briefing on
    to_deliberation(s)
    s.apply(GROWTH)
    s.apply(EAST)
    for bad, why in (
        ({**GROWTH, "weights": {"jobs": 1}}, "unknown indicator"),
        ({**GROWTH, "shifts": {"helsinki-metro": {"employment": 11}}}, "at most 10"),
        ({**GROWTH, "weights": {"employment": 0}}, "above 0"),
        ({**GROWTH, "team": "competence-welfare"}, "not played by people"),
        ({**RATE, "ratings": {"urbanisation": {"eastern-border": 6}}}, "1 to 5"),
    ):
        with pytest.raises(CommandError, match=why):
            s.apply(bad)
    room = s.game.workshop.vision(s.model)
    g = s.model.team_ids.index("growth")
    assert s.game.workshop.proposed[g] and room.agreement < 1
    s.apply({"type": "advance"})  # the facilitator closes the round
    with pytest.raises(CommandError, match="deliberation"):
        s.apply(EAST)
    s.apply({"type": "advance"})  # resolution
    before = (s.game.state_hash(), room.agreement)
    again, _, _ = open_session(info.id, attach=False)
    assert again.game.state_hash() == before[0]
    assert again.game.workshop.vision(again.model).agreement == before[1]
    assert (again.game.workshop.ratings == s.game.workshop.ratings).all()
    s.apply({"type": "undo"})  # back to the allocation, the proposals kept
    assert s.game.workshop.vision(s.model).agreement == before[1]
    s.apply({"type": "advance"})
    assert s.game.state_hash() == before[0]


def test_agreement_builds_trust_and_the_game_is_scored_against_both_visions(scenario):
    m = scenario.compile()
    people = list(range(len(m.team_ids)))

    def play(weights_of):
        s = Session(m, 7, people)
        to_deliberation(s)
        for j in people:
            s.apply(propose_command(m, j, weights_of(j)))
            s.apply({"type": "endorse", "team": m.team_ids[j], "signs": True})
        s.run_bots_to_end()
        return s

    same = play(lambda j: m.vision_weights)
    apart = play(lambda j: np.eye(len(m.indicator_ids))[j // 2])  # two camps
    a_same = same.game.workshop.vision(m).agreement
    a_apart = apart.game.workshop.vision(m).agreement
    assert a_same == pytest.approx(1.0) and a_apart == pytest.approx(0.5)
    trust_same, trust_apart = same.game.trust_history[1], apart.game.trust_history[1]
    assert trust_same.sum() > trust_apart.sum()  # the broader vision built more trust
    g = apart.game
    assert np.allclose(g.scenario_scores().shared, score(m, g.state.x, g.state.mandate).shared)
    assert not np.allclose(g.scores().shared, g.scenario_scores().shared)
    # agreeing on the scenario's own weights, the two scores are one
    assert np.allclose(same.game.scores().shared, same.game.scenario_scores().shared)


def test_bots_form_it_in_batches_as_in_a_game_and_a_scenario_can_switch_it_off(scenario):
    m = scenario.compile()
    game = Game(m, seed=4)
    while not game.finished:
        game.begin()
        game.resolve()
    batch = play_batch(m, 1, seed=4)
    assert game.state_hash() == batch.state_hash()
    assert batch.scores.shared[0] == pytest.approx(game.scores().shared[0])
    tut = load("tutorial").compile()
    s = Session(tut, 1, [0])
    to_deliberation(s)
    assert s.game.workshop.vision(tut) is None
    with pytest.raises(CommandError, match="fixes the vision"):
        s.apply(propose_command(tut, 0, np.ones(len(tut.indicator_ids))))


def test_the_stress_test_carries_the_rooms_vision(scenario):
    m = scenario.compile()
    s = Session(m, 9, [0, 1])
    to_deliberation(s)
    s.apply(propose_command(m, 0, np.eye(len(m.indicator_ids))[0]))
    s.run_bots_to_end()
    plan = session_plan(s)
    assert plan.vision is not None
    res = stress_session(s, runs=2, seed=9, decision_runs=0, futures=[("own", "Own", m)])
    assert res.futures[0].shared[0] == pytest.approx(float(s.game.scores().shared[0]))


KILLER = """
import os, signal, sys
from game.scenario.loader import load
from game.session.store import new_session
s, info = new_session(load("finland-2040"), seed=5, human=["growth", "east-north"])
print(info.id, flush=True)
for cmd in CMDS:
    s.apply(cmd)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_kill_9_in_the_middle_of_the_round_resumes_it(tmp_path, scenario):
    cmds = [RATE, {"type": "advance"}, GROWTH, EAST]
    env = dict(os.environ, SUUNTA_HOME=os.environ["SUUNTA_HOME"], PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", KILLER.replace("CMDS", json.dumps(cmds).replace("true", "True"))],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    sid = proc.stdout.split()[0]
    resumed, _, _ = open_session(sid)
    assert resumed.phase == "deliberation" and resumed.turn == 0
    m = resumed.model
    g, e = m.team_ids.index("growth"), m.team_ids.index("east-north")
    assert resumed.game.workshop.proposed[[g, e]].all()
    assert resumed.game.workshop.ratings[g].sum() == 7
    # the round goes on where it stopped, and ends as a game that was never killed
    more = [{"type": "propose", "team": "east-north", "weights": {"wellbeing": 1}}]
    for cmd in more:
        resumed.apply(cmd)
    resumed.run_bots_to_end()
    whole = Session(m, 5, [g, e])
    for cmd in cmds + more:
        whole.apply(cmd)
    whole.run_bots_to_end()
    assert resumed.game.state_hash() == whole.game.state_hash()
    again, _, _ = open_session(sid, attach=False)
    assert again.game.state_hash() == whole.game.state_hash()


def test_commands_are_plain_json(finland):
    cmd = propose_command(finland, 0, finland.vision_weights, np.zeros((6, 6)))
    assert json.loads(json.dumps(cmd)) == cmd and "shifts" not in cmd
    r = np.zeros((len(finland.driver_ids), len(finland.region_ids)), dtype=int)
    r[0, 0] = 4
    assert rate_command(finland, 0, r)["ratings"] == {
        finland.driver_ids[0]: {finland.region_ids[0]: 4}
    }
