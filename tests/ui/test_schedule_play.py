"""The session plan in the game (issue 13): chosen on the title screen or with --length and
--timings, saved in the session and kept on resume, shown on the timer with how far ahead
or behind the room is; the F2 minutes are saved too; the title screen writes the run-sheet.
"""

import json
from pathlib import Path

import pytest

from game.cli import main
from game.session.store import JOURNAL_FILE, SESSION_FILE, open_session
from game.ui.text import TextPainter
from tests.ui.conftest import MINI, args, make_app, scenario


def drawn(app, monkeypatch):
    """Every text the next frame renders."""
    seen = []
    render = TextPainter.render

    def spy(self, text, role, color):
        seen.append(text)
        return render(self, text, role, color)

    monkeypatch.setattr(TextPainter, "render", spy)
    app.render()
    monkeypatch.setattr(TextPainter, "render", render)
    return seen


def title_app(ref="finland-2040", lang="en", size=(1600, 900)):
    app = make_app(ref, size, lang=lang, start=False)
    app.render()
    return app


def test_the_title_screen_chooses_the_length_and_the_session_keeps_it(monkeypatch):
    app = title_app()
    assert "120 min: intro 10 · turns 20 + 5 × 15 · debrief 15" in drawn(app, monkeypatch)
    cycle = next(w for w in app.scene.ring.widgets if w.key == "length")
    assert cycle.options[cycle.index] == "120 min"
    while cycle.options[cycle.index] != "90 min":
        cycle.move(-1)
    app.render()
    assert app.planned_schedule().total == 90
    app.scene.start()
    meta = json.loads((app.session_info.folder / SESSION_FILE).read_text())
    assert meta["schedule"]["length"] == 90 and sum(map(sum, meta["schedule"]["turns"])) == 71
    assert app.timer.length == 2 * 60  # the first briefing of a 90-minute plan


def test_the_timer_shows_the_plan_and_how_far_behind_the_room_is(monkeypatch):
    app = make_app("finland-2040", (1600, 900), lang="en", human=[0, 1])
    texts = drawn(app, monkeypatch)
    assert "plan 0:10–0:13" in texts and "on time" in texts
    app.update(7 * 60.0)  # the 3-minute briefing has run 7 minutes
    assert round(app.behind_plan()) == 4 and app.timer.expired
    assert "4 min behind" in drawn(app, monkeypatch)
    app.advance()  # deliberation planned 0:13, begun at 0:17
    assert round(app.behind_plan()) == 4
    assert app.timer.length == 8 * 60
    app.clock = 0.0
    app.advance()
    assert round(app.behind_plan()) == -11  # allocation at 0:10 instead of 0:21
    assert "11 min ahead" in drawn(app, monkeypatch)


def test_the_f2_minutes_and_the_clock_are_saved_and_resumed():
    from game.ui.app import _resume

    app = make_app("finland-2040", (1280, 720), lang="fi", human=[0])
    app.toggle_console()
    app.render()
    app.console.set_minutes(9)  # this briefing and the later ones
    assert app.timer.length == 9 * 60
    app.update(150.0)
    app.advance()
    journal = (app.session_info.folder / JOURNAL_FILE).read_text().splitlines()
    cmds = [json.loads(line) for line in journal]
    assert {"type": "timing", "minutes": 9} in cmds
    assert {"type": "advance", "clock": 150.0} in cmds
    again = make_app("finland-2040", (1280, 720), lang="fi", start=False)
    _resume(again, app.session_info.id)
    assert again.schedule == app.schedule and again.clock == 150.0
    assert again.session.phase == "deliberation" and again.timer.length == 8 * 60
    assert again.session.timings == [{"turn": 0, "phase": "briefing", "minutes": 9}]
    session, _, _ = open_session(app.session_info.id, attach=False)
    assert session.game.state_hash() == app.session.game.state_hash()  # the game is unmoved


def test_play_checks_the_length_and_timings_before_a_window_opens(capsys):
    assert main(["play", "--length", "30", "--autoplay"]) == 1
    assert "45 to 480" in capsys.readouterr().err
    assert main(["play", "--length", "60", "--autoplay"]) == 1
    assert "at least 70 minutes" in capsys.readouterr().err
    assert main(["play", "--timings", "1,2", "--autoplay"]) == 1
    assert "five minutes" in capsys.readouterr().err
    assert main(["play", "--resume", "latest", "--length", "120"]) == 2
    assert "--resume" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["play", "--length", "two"])
    assert exit_.value.code == 2


def test_autoplay_keeps_the_plan_and_saves_it(capsys):
    argv = ["play", MINI, "--autoplay", "--length", "90", "--timings", "deliberation=9",
            "--window", "800x600"]  # fmt: skip
    assert main(argv) == 0
    capsys.readouterr()
    _, info, _ = open_session("latest", attach=False)
    saved = info.meta["schedule"]
    assert saved["length"] == 90 and saved["timings"] == {"deliberation": 9}
    assert all(t[1] == 9 for t in saved["turns"])


def test_the_run_sheet_button_writes_the_page_for_the_choices_made(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda uri: opened.append(uri) or True)
    app = title_app(lang="sv")
    title = app.scene
    title.set_mode(1, 1)  # team B: a bot
    title.runsheet()
    assert not opened  # the dummy display: no browser to show it in
    text, kind, _ = app.toast
    path = text.split(": ", 1)[1]
    page = Path(path).read_text(encoding="utf-8")
    assert kind == "info" and "Körschema" in page and 'lang="sv"' in page
    assert "Personer spelar:" in page and "--length 120" in page
    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")  # as on a desktop
    title.runsheet()
    assert opened and opened[0].startswith("file://")


def test_a_length_that_does_not_fit_the_scenario_goes_back_to_its_default():
    app = make_app("finland-2040", start=False, lang="en")
    app.set_length(45)  # fits a three-turn scenario, not six turns
    app.open_scenario(*scenario("finland-2040"))
    assert app.length is None and app.planned_schedule().total == 120


def test_the_header_timer_has_room_at_every_size(monkeypatch):
    from game.ui.app import App

    for size in ((1280, 720), (1600, 900)):
        for scale in (1.0, 1.6):
            app = App(args("finland-2040", lang="fi"), size)
            app.open_scenario(*scenario("finland-2040"))
            app.goto("title")
            app.font_scale = scale
            app.restyle()
            app.start_game(3, [0], None)
            app.update(600.0)
            texts = drawn(app, monkeypatch)
            assert "7 min myöhässä" in texts, (size, scale)
