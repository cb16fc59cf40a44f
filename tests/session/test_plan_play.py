"""`suunta play --plan`: teams a room plan names follow it in the interactive game, the
session keeps the plan's text, and replay rebuilds the same game without the file
(issue 12 item 2, the play side).
"""

import json

import numpy as np
import pytest

from game.cli import main
from game.scenario.loader import load
from game.session.session import CommandError
from game.session.store import SavedPlan, SessionError, branch, new_session, open_session
from game.sim.runner import Game
from tests.conftest import ROOT

# growth bets on people: half its free points to education, half to health (the shares
# are normalised), 2 points a turn to the campus network, then all on accessibility
PLAN = """\
teams:
  growth:
    shares: {competence-education: 1, healthy-communities: 1}
    pledges: {campus-network: 2}
    votes: {university-hubs: network}
    endorse: false
    turns:
      2028: {shares: {accessibility: 1.0}}
"""
BUNDLED = ROOT / "scenarios" / "plans" / "cofund-smart-adaptation.yaml"


@pytest.fixture(scope="module")
def scenario():
    return load("finland-2040")


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "growth.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def saved(path) -> SavedPlan:
    return SavedPlan(str(path), path.read_text(encoding="utf-8"))


def play_turn(session) -> None:
    """briefing → … → resolution → reflection → the next briefing."""
    for _ in range(5):
        session.apply({"type": "advance"})


def test_the_planned_team_plays_the_plans_shares(scenario, plan_file):
    s, _ = new_session(scenario, seed=4, human=["east-north"], plan=saved(plan_file))
    m = s.model
    g, themes = m.team_ids.index("growth"), list(m.theme_ids)
    assert s.game.planned == [g] and s.plan_file == str(plan_file)
    want = np.zeros(len(themes))
    want[[themes.index("competence-education"), themes.index("healthy-communities")]] = 0.5
    assert np.allclose(s.human_shares(g), want)  # the screens show the plan's split
    play_turn(s)  # 2022
    play_turn(s)  # 2025
    play_turn(s)  # 2028: the override
    first, third = s.game.decision_history[0], s.game.decision_history[2]
    assert np.allclose(first.shares[0, g], want)
    assert first.pledges[0, g, m.package_ids.index("campus-network")] == 2.0
    assert not first.endorse[0, g]
    assert np.allclose(third.shares[0, g], np.eye(len(themes))[themes.index("accessibility")])


def test_people_never_play_a_planned_team(scenario, plan_file):
    with pytest.raises(SessionError, match="growth follow the plan"):
        new_session(scenario, seed=4, human=["growth"], plan=saved(plan_file))
    plan = saved(plan_file).load(scenario.compile())
    with pytest.raises(ValueError, match="growth follow the plan"):
        Game(scenario.compile(), 4, human=[0], plan=plan)
    s, info = new_session(scenario, seed=4, plan=saved(plan_file))
    with pytest.raises(CommandError, match="follow the plan"):
        s.apply({"type": "players", "human": ["growth"]})
    with pytest.raises(SessionError, match="follow the plan"):
        branch(info.id, 0, human=["growth"])


def test_journal_replay_with_the_plan_is_the_same_game(scenario, plan_file):
    s, info = new_session(scenario, seed=9, human=["competence-welfare"], plan=saved(plan_file))
    play_turn(s)
    s.apply({"type": "advance"})
    s.apply({"type": "advance"})
    s.apply(
        {
            "type": "allocate",
            "team": "competence-welfare",
            "shares": {"healthy-communities": 1.0},
            "pledges": {},
        }
    )
    s.run_bots_to_end()
    meta = json.loads((info.folder / "session.json").read_text(encoding="utf-8"))
    assert meta["plan"] == {"file": str(plan_file), "text": PLAN}
    plan_file.unlink()  # the session keeps the text: no file is needed to reopen it
    again, again_info, _ = open_session(info.id, attach=False)
    assert again.game.state_hash() == s.game.state_hash()
    assert again.game.planned == s.game.planned and again_info.plan.text == PLAN
    b, _ = branch(info.id, 2)
    assert b.game.planned == s.game.planned
    assert b.game.history[2].tolist() == s.game.history[2].tolist()


@pytest.mark.parametrize("which", ["growth", "bundled"])
def test_play_plan_autoplay_replays_to_simulate_plan(which, plan_file, capsys):
    path = plan_file if which == "growth" else BUNDLED
    argv = ["finland-2040", "--seed", "5", "--plan", str(path)]
    assert main(["play", *argv, "--autoplay", "--window", "800x600"]) == 0
    played = capsys.readouterr().out.split()[1]
    assert main(["replay", "latest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state_hash"] == played
    assert main(["simulate", *argv, "--runs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state_hash"] == played
    assert main(["simulate", "finland-2040", "--seed", "5", "--runs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state_hash"] != played


def test_a_bad_plan_is_exit_1_before_any_window(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("teams:\n  growht:\n    shares: {accessibility: 1}\n", encoding="utf-8")
    assert main(["play", "finland-2040", "--plan", str(bad), "--autoplay"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:3: error: unknown team 'growht'" in err and "did you mean" in err
    assert "Traceback" not in err
    assert main(["play", "--plan", str(tmp_path / "none.yaml"), "--autoplay"]) == 1
    assert "none.yaml" in capsys.readouterr().err


def test_plan_with_resume_or_too_many_teams_is_refused(plan_file, capsys):
    assert main(["play", "--plan", str(plan_file), "--resume", "latest"]) == 2
    assert "--plan cannot be used with --resume" in capsys.readouterr().err
    assert main(["play", "--plan", str(plan_file), "--teams", "4", "--autoplay"]) == 1
    err = capsys.readouterr().err
    assert "--teams takes 0 to 3" in err and "the plan plays growth" in err


def test_the_screens_say_which_team_follows_the_plan(plan_file):
    from game.scenario.loader import load_scenario
    from game.ui.app import App
    from tests.ui.conftest import args

    app = App(args("finland-2040", lang="en", teams=1), (1280, 720))
    app.plan_source = saved(plan_file)
    app.open_scenario(*load_scenario("finland-2040"))
    app.goto("title")
    app.render()
    growth = app.model.team_ids.index("growth")
    assert app.planned() == [growth]
    plan_row = next(w for w in app.scene.ring.widgets if w.key == f"team{growth}")
    assert plan_row.options == ["Plan: growth.yaml"] and not plan_row.enabled
    app.scene.start()
    assert app.session.human == [1] and app.session.game.planned == [growth]
    app.advance()
    app.render()
    app.scene.vote(0, growth)  # the deliberation's vote grid refuses the planned team
    assert app.toast[0] == "Growth and competitiveness follows the plan"
