"""Enter on the title screen starts the game wherever the focus is, except in the scenario
file path being typed (there it loads the file). Space presses the focused button.
"""

import pygame

from tests.ui.conftest import MINI, key, make_app


def click(app, widget):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.handle(pygame.event.Event(kind, pos=widget.rect.center, button=1))
    app.render()


def title():
    app = make_app(MINI, (1280, 720), start=False)
    app.render()
    return app


def widget(app, prefix):
    return next(w for w in app.scene.ring.widgets if w.key.startswith(prefix))


def test_enter_starts_after_a_team_setting_was_clicked():
    app = title()
    team = next(w for w in app.scene.ring.widgets if w.key.startswith("team"))
    before = team.index
    click(app, team)  # the team's › changes its setting and takes the focus
    assert app.scene.ring.focused is team
    changed = team.index
    assert changed != before
    key(app, pygame.K_RETURN)
    assert app.session is not None and app.scene.name == "briefing"
    assert team.index == changed  # Enter did not change the team again


def test_enter_starts_from_the_language_row_and_the_quit_button():
    for prefix in ("lang", "quit", "seed"):
        app = title()
        assert app.scene.ring.focus(widget(app, prefix).key)
        key(app, pygame.K_KP_ENTER)
        assert app.session is not None, prefix


def test_enter_in_the_file_path_loads_the_file_instead():
    app = title()
    app.scene.ring.focus("path")
    app.render()
    for ch in "nonexistent.yaml":
        app.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    key(app, pygame.K_RETURN)
    assert app.session is None and app.scene.name == "title"
    assert app.toast is not None  # it said why the file did not load


def test_the_footer_says_enter_starts_and_space_presses_a_focused_button():
    app = title()
    app.scene.ring.focus("quit")
    app.render()
    hints = dict(app.scene.hints())
    assert hints["Enter"] == app.tr("title.start")
    assert app._widget_hint(app.scene.ring.focused)[0][0] == "Space"
