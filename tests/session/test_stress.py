"""`suunta stress` (issue 18): a session's decisions or a room plan replayed in every
future of its scenario's base, with the machinery and the figures of `simulate --plan`.
"""

import json

import numpy as np
import pytest

from game.cli import main
from game.scenario.loader import load
from game.session.store import new_session
from game.session.stress import (
    base_of,
    futures_of,
    session_plan,
    stress,
    stress_session,
    transfer,
)
from game.sim.runner import play_batch
from tests.conftest import DATA, ROOT

PLAN = ROOT / "scenarios" / "plans" / "cofund-smart-adaptation.yaml"
FUTURES = ["balanced", "globally-selective", "patchwork", "raw-materials-tourism"]


def test_the_four_futures_extend_the_default_and_the_tutorial_has_none():
    assert futures_of("finland-2040") == FUTURES
    assert futures_of("patchwork") == FUTURES and base_of("patchwork") == "finland-2040"
    assert futures_of("tutorial") == []


def test_stress_of_a_plan_reproduces_simulate_plan_in_every_future(capsys):
    args = ["--runs", "12", "--seed", "3", "--json"]
    assert main(["stress", "--plan", str(PLAN), "finland-2040", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(out["futures"]) == FUTURES and out["worst"] in FUTURES
    for fid in FUTURES:
        assert main(["simulate", fid, "--plan", str(PLAN), *args]) == 0
        sim = json.loads(capsys.readouterr().out)
        got = out["futures"][fid]
        for key in ("shared_score", "vision_attainment", "equity"):
            assert got[key] == sim[key], (fid, key)
        for k, by_r in sim["final_indicators"].items():
            for r, v in by_r.items():
                assert got["regions"][r]["indicators"][k]["mean"] == pytest.approx(v, abs=1e-5)
    kinds = {d["kind"] for d in out["decisions"]}
    assert "package" in kinds  # smart-adaptation: the plan's one package
    for d in out["decisions"]:
        assert set(d["worth"]) == set(FUTURES) and d["verdict"] in (
            "robust", "fragile", "mixed", "costly")  # fmt: skip


def test_a_session_is_replayed_as_played(tmp_path):
    scenario = load(DATA / "mini.yaml")
    s, info = new_session(scenario, seed=5, human=[])
    with pytest.raises(ValueError, match="no turn"):
        session_plan(s)
    s.run_bots_to_end()
    plan = session_plan(s)
    assert plan.teams.all()
    # the session's own scenario as its one future: the stress test's seed-5 game is the game
    res = stress_session(s, runs=3, seed=5, decision_runs=2,
                         futures=[("mini", "Mini", s.model)])  # fmt: skip
    assert res.futures[0].shared[0] == pytest.approx(float(s.game.scores().shared[0]), abs=1e-9)
    assert res.best == res.worst == "mini" and res.decisions
    again = play_batch(s.model, 1, 5, None, plan=transfer(plan, s.model, s.model))
    assert again.state_hash() == s.game.state_hash()


def test_a_scenario_no_future_extends_says_so(capsys):
    scenario = load("tutorial")
    s, info = new_session(scenario, seed=1, human=[])
    s.run_bots_to_end()
    assert main(["stress", info.id, "--runs", "2"]) == 0
    text = capsys.readouterr().out
    assert "no bundled scenario extends tutorial" in text
    assert main(["stress", info.id, "--runs", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["futures"] == {}


def test_transfer_by_ids_drops_what_the_other_scenario_lacks(finland, mini):
    plan = session_plan_of_bots(finland)
    same = transfer(plan, finland, finland)
    assert np.allclose(same.shares, plan.shares) and (same.votes == plan.votes).all()
    other = transfer(plan, finland, mini)  # only the teams, themes… mini has too
    assert list(other.teams) == [t in finland.team_ids for t in mini.team_ids]
    assert np.allclose(other.shares.sum(axis=-1), 1.0)


def session_plan_of_bots(model):
    from game.session.session import Session

    s = Session(model, 2, [])
    s.run_bots_to_end()
    return session_plan(s)


def test_stress_without_futures_is_empty(finland):
    plan = session_plan_of_bots(finland)
    res = stress(plan, finland, "tutorial", runs=2, futures=[])
    assert res.note and res.as_dict()["futures"] == {} and "note" in res.as_dict()


def test_the_report_holds_the_stress_test(tmp_path, capsys):
    scenario = load("finland-2040")
    s, info = new_session(scenario, seed=11, human=[])
    for _ in range(3 * 5):  # two turns resolved
        s.apply({"type": "advance"})
    s.apply({"type": "end"})
    assert main(["report", info.id, "--out", str(tmp_path / "r"), "--lang", "en"]) == 0
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Stress test: the plan in the four futures" in html
    assert "Patchwork Finland" in html and "(worst)" in html
    assert (tmp_path / "r" / "futures.png").stat().st_size > 10_000
    tut, tinfo = new_session(load("tutorial"), seed=1, human=[])
    tut.run_bots_to_end()
    assert main(["report", tinfo.id, "--out", str(tmp_path / "t"), "--lang", "fi"]) == 0
    html = (tmp_path / "t" / "report.html").read_text(encoding="utf-8")
    assert "Mikään tulevaisuus ei laajenna skenaariota tutorial" in html
    assert not (tmp_path / "t" / "futures.png").exists()
