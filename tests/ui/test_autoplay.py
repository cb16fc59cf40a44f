"""`suunta play --autoplay` end to end: screenshots of every screen, the simulate hash."""

import json
import re

import pytest

from game.cli import main
from tests.ui.conftest import BUNDLED, MINI

KINDS = {
    "title",
    "briefing",
    "deliberation",
    "allocation",
    "resolution",
    "reflection",
    "debrief-scores",
    "debrief-trajectories",
    "debrief-network",
    "debrief-log",
    "view-network",
    "view-indicators",
    "view-scores",
    "console",
}


def test_autoplay_saves_every_screen_and_reaches_the_simulate_hash(tmp_path, capsys):
    shots = tmp_path / "shots"
    assert main(["play", MINI, "--autoplay", "--screenshots", str(shots), "--seed", "3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and re.fullmatch(r"state_hash [0-9a-f]{64}", out[0])
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001-title.png"
    kinds = {re.sub(r"^\d{3}-", "", n)[:-4] for n in names}
    assert kinds >= KINDS
    # every turn shows all five phases: 3 turns in the test scenario
    assert sum(n.endswith("-resolution.png") for n in names) == 3
    assert main(["simulate", MINI, "--runs", "1", "--seed", "3", "--json"]) == 0
    sim = json.loads(capsys.readouterr().out)
    assert out[0] == f"state_hash {sim['state_hash']}"


@pytest.mark.skipif("tutorial" not in BUNDLED, reason="no tutorial scenario yet")
def test_tutorial_autoplays_in_swedish(tmp_path, capsys):
    assert (
        main(
            [
                "play",
                "tutorial",
                "--autoplay",
                "--lang",
                "sv",
                "--window",
                "1280x720",
                "--screenshots",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("state_hash ")
    assert (tmp_path / "001-title.png").exists()


def test_autoplay_without_screenshots_prints_only_the_hash(capsys):
    assert main(["play", MINI, "--autoplay", "--seed", "5", "--window", "800x600"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("state_hash ")


@pytest.mark.parametrize("window", ["big", "100x100", "1600", "0x0"])
def test_bad_window_is_exit_1_with_one_line(window, capsys):
    assert main(["play", MINI, "--autoplay", "--window", window]) == 1
    err = capsys.readouterr().err
    assert "--window" in err and "Traceback" not in err


def test_bad_scenario_is_exit_1_with_the_problem(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nmeta: {id: x}\n", encoding="utf-8")
    assert main(["play", str(bad), "--autoplay"]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "error" in err
    assert main(["play", "no-such-scenario", "--autoplay"]) == 1
    assert "no-such-scenario" in capsys.readouterr().err


def test_autoplay_leaves_a_saved_session_that_resumes(tmp_path, capsys):
    assert main(["play", MINI, "--autoplay", "--seed", "4", "--window", "800x600"]) == 0
    played = capsys.readouterr().out.split()[1]
    from game.session.store import open_session

    session, info, _ = open_session("latest")
    assert session.game.state_hash() == played


@pytest.mark.skipif("tutorial" not in BUNDLED, reason="no tutorial scenario yet")
def test_the_swedish_tutorial_draws_no_finnish_interface_text(tmp_path, monkeypatch, capsys):
    from game.i18n import catalogue
    from game.ui.text import TextPainter

    drawn = set()
    render = TextPainter.render

    def spy(self, text, role, color):
        drawn.add(text)
        return render(self, text, role, color)

    monkeypatch.setattr(TextPainter, "render", spy)
    argv = ["play", "tutorial", "--autoplay", "--lang", "sv", "--window", "1280x720"]
    assert main(argv) == 0
    capsys.readouterr()
    fi, sv = catalogue("fi"), catalogue("sv")
    finnish = {v for k, v in fi.items() if v != sv[k] and "{" not in v and len(v) > 3}
    assert len(drawn) > 200
    assert not sorted(drawn & finnish)
    assert {"Lägesbild", "Överläggning", "Slutdiskussion"} <= drawn
