"""The bundled scenarios: all validate with no warning, and the four futures play differently."""

import numpy as np
import pytest
import yaml

from game.cli import simulate
from game.scenario.loader import SCENARIO_DIR, check, load
from tests.conftest import SCENARIOS

FUTURES = ("globally-selective", "raw-materials-tourism", "patchwork", "balanced")


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bundled_scenario_validates_with_no_warning(path):
    scenario, problems = check(path)
    assert scenario is not None and not problems, "\n".join(p.format() for p in problems)
    scenario.compile()


@pytest.mark.parametrize("ref", FUTURES)
def test_a_future_says_what_comes_from_the_report_and_what_is_our_reading(ref):
    raw = yaml.safe_load((SCENARIO_DIR / f"{ref}.yaml").read_text(encoding="utf-8"))
    assert raw["extends"] == "finland-2040"
    desc = raw["meta"]["description"]
    assert set(desc) == {"fi", "en", "sv"}
    assert "Sotarauta" in desc["en"] and "2021" in desc["en"]
    assert "our reading" in desc["en"].lower() and "tulkinta" in desc["fi"]
    assert "tolkning" in desc["sv"]
    assert set(raw["meta"]["title"]) == {"fi", "en", "sv"}


@pytest.fixture(scope="module")
def outcomes():
    out = {}
    for ref in ("finland-2040",) + FUTURES:
        model = load(ref).compile()
        out[ref] = simulate(model, 40, 2040, None)
    return out


def region_means(out):
    ind = out["final_indicators"]
    regions = list(next(iter(ind.values())))
    return np.array([np.mean([ind[k][r] for k in ind]) for r in regions])


def test_the_futures_play_differently(outcomes):
    base = region_means(outcomes["finland-2040"])
    shapes = {}
    for ref in FUTURES:
        diff = region_means(outcomes[ref]) - base
        assert np.abs(diff).max() > 1.0, ref  # at least a point on some region type
        shapes[ref] = diff
    for a in FUTURES:  # no two futures move the region types the same way
        for b in FUTURES:
            if a < b:
                assert np.abs(shapes[a] - shapes[b]).max() > 1.0, (a, b)


def test_each_future_tells_its_own_story(outcomes):
    def ind(ref, k, r):
        return outcomes[ref]["final_indicators"][k][r]

    base = "finland-2040"
    # globally selective: the hubs gain, the periphery loses
    assert ind("globally-selective", "population-vitality", "helsinki-metro") > ind(
        base, "population-vitality", "helsinki-metro"
    )
    assert ind("globally-selective", "population-vitality", "rural-heartland") < ind(
        base, "population-vitality", "rural-heartland"
    )
    # raw materials and tourism: jobs in the north and east, at nature's cost
    assert (
        ind("raw-materials-tourism", "employment", "rural-heartland")
        > ind(base, "employment", "rural-heartland") + 3
    )
    assert ind("raw-materials-tourism", "green-transition", "rural-heartland") < ind(
        base, "green-transition", "rural-heartland"
    )
    # patchwork: cooperation pays least; balanced: most
    div = {r: outcomes[r]["cooperation_dividend"]["mean"] for r in outcomes}
    assert div["patchwork"] == min(div.values()) and div["balanced"] == max(div.values())
    assert outcomes["balanced"]["equity"]["mean"] > outcomes["globally-selective"]["equity"]["mean"]


@pytest.mark.parametrize("ref", ("finland-2040", "balanced", "raw-materials-tourism"))
def test_the_vision_leaves_no_cell_free_to_the_drivers(ref):
    # issue 12: a target the drivers meet whatever the room does is a free cell, where no
    # choice counts; even the best bot policy leaves at most 4 of the 36 cells at target
    from game.sim.runner import play_batch

    model = load(ref).compile()
    res = play_batch(model, runs=40, seed=2040, policies=["cooperative"], counterfactual=False)
    at_target = (res.state.x[:40] >= model.target[None]).mean(axis=0) >= 0.9
    free = np.argwhere(at_target)
    assert len(free) <= 4, [(model.region_ids[r], model.indicator_ids[k]) for r, k in free]


@pytest.mark.parametrize(
    ("ref", "deal", "stall"),
    [("balanced", "regional-roles-agreed", "regional-deals-stall"),
     ("raw-materials-tourism", "northern-plan", None)],
)  # fmt: skip
def test_the_deals_of_2025_need_joint_work(ref, deal, stall):
    from game.sim.runner import play_batch

    model = load(ref).compile()
    fired = {}
    for policy in ("cooperative", "solo"):
        res = play_batch(model, runs=20, seed=2040, policies=[policy], counterfactual=False)
        fired[policy] = {e: (res.fired[:, model.event_ids.index(e)] > 0).mean()
                         for e in (deal, stall) if e}  # fmt: skip
    assert fired["cooperative"][deal] == 1.0 and fired["solo"][deal] == 0.0
    if stall:
        assert fired["cooperative"][stall] == 0.0 and fired["solo"][stall] == 1.0


def test_the_free_cells_tool_prints_targets_that_leave_no_cell_free(tmp_path):
    # bench/free_cells.py: its block, pasted into a child scenario, frees every cell
    import subprocess
    import sys

    from tests.conftest import ROOT

    def free_cells(ref):
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "free_cells.py"), str(ref), "--runs", "40"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return int(out.split(":", 1)[1].split()[0]), out[out.index("vision:") :]

    free, block = free_cells("tutorial")
    assert free > 0 and "targets:" in block  # the tutorial's drivers meet some targets
    child = tmp_path / "tutorial-harder.yaml"
    child.write_text("extends: tutorial\nmeta: {id: tutorial-harder}\n" + block, encoding="utf-8")
    assert free_cells(child)[0] == 0
