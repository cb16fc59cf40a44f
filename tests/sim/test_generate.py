"""The municipal-scale generator (bench/generate.py) writes a scenario that validates and
plays, and the balance report has each event's firing share and package's funding rate."""

import importlib.util
import json

import numpy as np

from game.cli import main
from game.scenario.loader import check
from game.sim.runner import Game
from tests.conftest import DATA, ROOT


def generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_scenario_validates_and_plays_a_turn(tmp_path):
    gen = generator()
    doc = gen.build(60)
    path = tmp_path / "small.yaml"
    gen.write(doc, path)
    scenario, problems = check(path)
    assert scenario is not None
    assert not [p for p in problems if p.severity == "error"], problems
    model = scenario.compile()
    assert len(model.actor_ids) == 60
    councils = [a for a, k in zip(model.actor_ids, model.actor_kind, strict=True) if k == 1]
    assert len(councils) == 19  # every region (maakunta) has its council
    game = Game(model, seed=1)
    game.begin()
    res = game.resolve()
    assert np.isfinite(res.x_after).all()
    assert np.abs(res.attribution.sum(axis=1) - (res.x_after - res.x_before)).max() < 1e-9


def test_municipal_scale_has_the_real_structure():
    gen = generator()
    doc = gen.build()
    ids = [a["id"] for a in doc["actors"]]
    assert len(ids) == len(set(ids))
    munis = [a for a in doc["actors"] if a["id"] not in {x["id"] for x in doc["actors"][:36]}]
    assert 290 <= len(munis) <= 330
    assert len(doc["network"]) >= 10_000
    assert {"helsinki", "tampere", "oulu", "joensuu"} <= set(ids)
    types = {a["reach"] and next(iter(a["reach"])) for a in munis}
    assert types >= {"helsinki-metro", "university-cities", "rural-heartland", "eastern-border"}
    pairs = {(e["a"], e["b"]) for e in doc["network"]}
    assert len(pairs) == len(doc["network"])
    assert all(a < b for a, b in pairs)


def test_balance_report_has_event_and_package_shares(capsys):
    assert (
        main(["simulate", str(DATA / "mini.yaml"), "--runs", "12", "--policy", "all", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert set(out["event_firing"]) == {"plant-closure", "campus"}
    assert set(out["package_funding"]["skills-jobs"]) == set(out["policies"])
    assert all(0 <= v <= 1 for by_p in out["event_firing"].values() for v in by_p.values())
    assert main(["simulate", str(DATA / "mini.yaml"), "--runs", "12", "--policy", "all"]) == 0
    text = capsys.readouterr().out
    assert "event fired in" in text and "package funded in" in text and "skills-jobs" in text
