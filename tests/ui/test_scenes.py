"""Every screen renders at 1280×720 and 1920×1080 without an exception and without any
text drawn outside its box, for the test scenario and the bundled ones.
"""

import pytest

from tests.ui.conftest import MINI, SCENARIOS, SIZES, make_app


def check(app, name, seen):
    app.tp.reset_log()
    app.scene.finish_animation()
    surf = app.render()
    assert surf.get_size() == app.size
    assert not app.tp.overflows, (name, [(m.text, m.rect) for m in app.tp.overflows[:5]])
    seen.add(name)


def play_through(app):
    seen = set()
    for _ in range(5):
        name = app.scene.name
        check(app, name, seen)
        if name == "allocation":  # a team played by a bot as well
            scene = app.scene
            scene.select_team(len(app.model.team_ids) - 1)
            check(app, "allocation-bot", seen)
            scene.select_team(0)
        if name == "reflection":
            for view in ("network", "indicators", "scores", "help"):
                app.open_view(view)
                check(app, f"view-{view}", seen)
                app.overlay = None
            app.toggle_console()
            check(app, "console", seen)
            app.toggle_console()
        if name == "briefing" and app.session.pending_events():
            app.scene.open_card(0, 0)
            check(app, "card", seen)
            app.overlay = None
        app.advance()
        if app.overlay is not None and app.overlay.name == "undecided":  # people's teams
            check(app, "undecided", seen)  # have not decided: the facilitator chooses
            app.advance()  # PgDn again: keep last turn's split (the default)
    assert app.scene.name == "briefing"
    assert app.send({"type": "end"})
    for i in range(4):
        app.scene.set_page(i)
        check(app, f"debrief-{i}", seen)
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("ref", SCENARIOS, ids=lambda r: r.rsplit("/", 1)[-1])
def test_every_screen_fits_its_text(ref, size):
    title = make_app(ref, size, start=False)
    check(title, "title", set())
    from tests.ui.conftest import scenario

    teams = len(scenario(ref)[1].team_ids)
    app = make_app(ref, size, human=range(teams - 1))
    seen = play_through(app)
    assert {
        "briefing",
        "deliberation",
        "allocation",
        "resolution",
        "reflection",
        "view-network",
        "console",
        "debrief-3",
    } <= seen


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_screens_fit_in_english_and_swedish(lang):
    ref = SCENARIOS[-1]
    app = make_app(ref, (1280, 720), lang=lang)
    play_through(app)


def test_high_contrast_and_large_text_still_fit():
    app = make_app(SCENARIOS[-1], (1920, 1080))
    app.toggle_contrast()
    app.change_font_size(1)
    app.change_font_size(1)
    assert app.font_scale > 1.1
    play_through(app)


def test_language_switch_changes_the_texts(mini_app):
    app = mini_app
    app.set_language("en")
    app.render()
    assert app.labels.indicator(0) == "Employment"
    app.set_language("fi")
    assert app.labels.indicator(0) == "Työllisyys"


def test_window_resize_relays_out(mini_app):
    app = mini_app
    app.resize((1600, 900))
    app.tp.reset_log()
    app.render()
    assert app.screen.get_size() == (1600, 900)
    assert not app.tp.overflows


def test_mini_is_among_the_scenarios():
    assert SCENARIOS[0] == MINI
