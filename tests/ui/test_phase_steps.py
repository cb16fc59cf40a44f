"""The header's phase steps go back to an earlier phase of the turn before resolution:
by a click, by Tab and Enter, and by PgUp; a journaled session command each time.
"""

import json

import pygame

from game.session.store import open_session
from game.ui.chrome import step_cells, steps_rect
from tests.ui.conftest import key, make_app


def to_phase(app, phase):
    while app.session.phase != phase:
        app.advance()
    app.render()


def click(app, pos):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.handle(pygame.event.Event(kind, pos=pos, button=1))
    app.render()


def journal(app):
    path = app.session_info.folder / "journal.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_click_on_an_earlier_phase_goes_back_and_is_journaled():
    app = make_app("finland-2040", (1280, 720), lang="en", human=[0, 1])
    to_phase(app, "allocation")
    slider = next(w for w in app.scene.ring.widgets if w.key.startswith("theme"))
    slider.set(slider.value + 0.1)
    shares = app.session.human_shares(0)
    cells = step_cells(app, steps_rect(app, app.layout_rects()[0]))
    click(app, cells[1].center)
    assert (app.session.phase, app.scene.name) == ("deliberation", "deliberation")
    assert journal(app)[-1] == {"type": "back", "phase": "deliberation"}
    assert app.session.human_shares(0).tolist() == shares.tolist()
    click(app, cells[3].center)  # a later phase is no button
    assert app.session.phase == "deliberation"
    resumed, _, _ = open_session(app.session_info.id, attach=False)
    assert resumed.phase == "deliberation"


def test_tab_reaches_the_steps_and_pgup_goes_back_one():
    app = make_app(human=[0])
    to_phase(app, "allocation")
    for _ in range(40):
        if app.scene.ring.focused.key == "phases":
            break
        key(app, pygame.K_TAB)
    assert app.scene.ring.focused.key == "phases"
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    key(app, pygame.K_RETURN)
    assert app.session.phase == "briefing"
    to_phase(app, "deliberation")
    key(app, pygame.K_PAGEUP)
    assert app.session.phase == "briefing"
    key(app, pygame.K_PAGEUP)  # nothing earlier: nothing happens
    assert app.session.phase == "briefing" and app.toast is None


def test_after_resolution_the_steps_are_no_buttons():
    app = make_app(human=[0])
    to_phase(app, "resolution")
    steps = next(w for w in app.scene.ring.widgets if w.key == "phases")
    assert not steps.enabled
    cells = step_cells(app, steps_rect(app, app.layout_rects()[0]))
    click(app, cells[0].center)
    key(app, pygame.K_PAGEUP)
    assert app.session.phase == "resolution"
    assert all(c["type"] != "back" for c in journal(app))
