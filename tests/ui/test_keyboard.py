"""A whole turn played with the keyboard alone, from the title screen on."""

import pygame

from tests.ui.conftest import key, make_app


def test_a_full_turn_with_the_keyboard_only():
    app = make_app(start=False)
    app.render()
    assert app.scene.name == "title" and app.scene.ring.focused.key == "start"
    # every team played by people (the default), start
    key(app, pygame.K_RETURN)
    s = app.session
    assert s is not None and s.human == [0, 1] and app.scene.name == "briefing"
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "deliberation"
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "allocation"
    # team A: focus is on the first theme slider; move effort to the second theme
    focused = app.scene.ring.focused
    assert focused.key == "theme0"
    key(app, pygame.K_LEFT, mod=pygame.KMOD_SHIFT)
    key(app, pygame.K_TAB)
    assert app.scene.ring.focused.key == "theme1"
    key(app, pygame.K_RIGHT)
    # pledge to the package: Tab until the pledge slider
    while app.scene.ring.focused.key != "pledge0":
        key(app, pygame.K_TAB)
    key(app, pygame.K_HOME)  # people start undecided, with no pledges
    assert s.human_pledges(0)[0] == 0.0
    for _ in range(8):
        key(app, pygame.K_RIGHT)
    key(app, pygame.K_d)  # team A has decided
    assert s.decision_state(0, "allocation") == "decided"
    # team B by its number key, and a pledge too (the package needs two teams)
    key(app, pygame.K_2, unicode="2")
    assert app.scene.team == 1
    assert app.scene.ring.focus("pledge0")
    app.render()
    key(app, pygame.K_HOME)
    for _ in range(8):
        key(app, pygame.K_RIGHT)
    assert s.human_pledges(0)[0] == 4.0 and s.human_pledges(1)[0] == 4.0
    key(app, pygame.K_d)
    key(app, pygame.K_PAGEDOWN)  # neither team said whether it signs the vision: asked
    assert app.overlay is not None and app.overlay.name == "undecided"
    key(app, pygame.K_RETURN)  # the default: not signing
    assert app.scene.name == "resolution" and s.turn == 1
    assert s.settled(0)["teams"][0] == {"allocation": "people", "votes": {}, "vision": "unsigned"}
    assert s.last_result.funded[0, 0], "the co-funded package runs"
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "reflection"
    cell = app.scene.cell
    key(app, pygame.K_DOWN) if cell[0] == 0 else key(app, pygame.K_UP)
    assert app.scene.cell != cell
    # Tab to the Next button and press Enter
    while app.scene.ring.focused.key != "next":
        key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    assert app.scene.name == "briefing" and s.turn == 1
    kinds = [e["type"] for e in s.log]
    assert kinds.count("allocate") >= 4 and kinds.count("advance") == 5


def test_focus_is_always_visible_and_tab_cycles():
    app = make_app()
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    ring = app.scene.ring
    seen = set()
    for _ in range(len(ring.widgets) + 1):
        assert ring.focused is not None
        seen.add(ring.focused.key)
        key(app, pygame.K_TAB)
    assert {"teams", "theme0", "pledge0", "next"} <= seen
