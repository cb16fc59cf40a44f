"""What validation cannot prove but play shows (issue 15): `suunta validate --play N`
warns of packages never funded, events never fired and dilemma options never chosen;
`--display` of names the game's screens cut at 1280×720."""

import numpy as np

from game.cli import main
from game.scenario.coverage import Coverage, warnings
from game.scenario.display import short_names
from game.scenario.loader import load
from game.ui.namecheck import cut_names
from tests.conftest import DATA

BASE = DATA.parent / "scenario" / "bad" / "parents" / "base.yaml"


def child(tmp_path, text: str):
    (tmp_path / "base.yaml").write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text("extends: base.yaml\n" + text, encoding="utf-8")
    return path


def test_play_warns_of_a_package_no_bot_funds_and_the_event_that_waits_for_it(
    tmp_path, monkeypatch, capsys
):
    # affordable by both teams together (30 points), so validation alone has no warning;
    # but no bot team pledges more than half its budget
    child(
        tmp_path,
        "packages:\n  - {id: skills-jobs, cost: 28}\nevents:\n"
        "  - {id: boom, title: Boom, when: {condition: \"funded('skills-jobs')\"}}\n",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--strict", "child.yaml"]) == 0
    capsys.readouterr()
    assert main(["validate", "--strict", "--play", "3", "child.yaml"]) == 1
    err = capsys.readouterr().err
    assert "child.yaml:3:6: warning: package 'skills-jobs' was never funded in 21 bot games" in err
    assert "child.yaml:5:6: warning: event 'boom' never fired in 21 bot games" in err


def test_a_dilemma_option_never_chosen_is_warned_at_the_option(tmp_path):
    scenario = load(child(tmp_path, "meta: {id: c}\n"))
    model = scenario.compile()
    campus = model.event_ids.index("campus")
    cov = Coverage(
        games=14,
        policies=["own", "mandate"],
        fired=np.full(len(model.events), 3),
        funded=np.ones(len(model.package_ids), dtype=np.int64),
        chosen={campus: np.array([3, 0])},
    )
    (p,) = warnings(scenario, cov)
    assert (p.file.endswith("base.yaml"), p.line, p.severity) == (True, 62, "warning")
    assert p.path == "events['campus'].options['hub'].id"
    assert "option 'hub' of dilemma 'campus' was never chosen in the 3 of 14 bot games" in (
        p.message
    )


def test_display_warns_of_a_name_cut_and_the_short_name_ends_it(tmp_path):
    long = "Ydinmaaseutu, harvaan asuttu maaseutu ja saaristo-Suomen pienet kunnat"
    path = child(tmp_path, f"region_types:\n  - {{id: rural, name: {{fi: '{long}'}}}}\n")
    (p,) = [p for p in cut_names(load(path)) if "region_types" in p.path]
    assert (p.file, p.line, p.col) == (str(path), 3, 17)
    assert "the name of region type 'rural' is cut at 1280×720 (fi: '" in p.message
    assert "give it a short: name" in p.message
    path.write_text(
        path.read_text(encoding="utf-8").replace("}}\n", "}, short: Maaseutu}\n"),
        encoding="utf-8",
    )
    scenario = load(path)
    assert short_names(scenario.file) == {long: "Maaseutu"}
    assert not [p for p in cut_names(scenario) if "region_types" in p.path]
