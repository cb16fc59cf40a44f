"""The guided tutorial: coach marks advance, go back, skip and restart with keys, follow
the game, and always highlight something real on the screen.
"""

import pygame
import pytest

from game.i18n import LANGS, catalogue
from game.ui.coach import STEPS
from tests.ui.conftest import MINI, key, make_app

PHASES = ("briefing", "deliberation", "allocation", "resolution", "reflection")


def tutorial_app(size=(1280, 720), lang="fi"):
    app = make_app("tutorial", size, lang=lang, start=False)
    app.render()
    return app


def widget_rect(app, name):
    for w in app.scene.ring.widgets:
        if w.key == name:
            return w.rect
    return None


def test_it_starts_by_itself_for_the_tutorial_scenario_only():
    app = tutorial_app()
    assert app.coach.active and app.coach_visible()
    assert app.coach.step.id == "welcome"
    # the target is the new-game form, on screen
    assert app.coach.target == app.scene.form
    other = make_app(MINI, start=False)
    other.render()
    assert not other.coach_visible()


def test_steps_advance_back_skip_and_restart_with_keys():
    app = tutorial_app()
    coach = app.coach
    screen = app.screen.get_rect()
    key(app, pygame.K_RETURN)  # the welcome step starts the game
    assert app.session is not None and app.scene.name == "briefing"
    assert coach.step.id == "header"
    assert coach.target == app.layout_rects()[0]
    key(app, pygame.K_RIGHT)
    assert coach.step.id == "drivers" and coach.target == app.scene.left
    key(app, pygame.K_LEFT)
    assert coach.step.id == "header"
    key(app, pygame.K_LEFT)  # no going back past the first step of a phase
    assert coach.step.id == "header"
    seen, widgets = [], 0
    for _ in range(len(STEPS) + 2):
        st = coach.step
        assert app.scene.name == st.scene
        target = coach.target
        if st.targets:
            assert target is not None and screen.contains(target), st.id
            assert target.width > 20 and target.height > 20
            rect = widget_rect(app, st.targets[0])
            if rect is not None:  # a widget: the highlight is exactly its rect on screen
                assert target == rect.clip(screen), st.id
                widgets += 1
        # the caption box never covers the highlighted part
        if target is not None and not target.contains(coach.box):
            assert not coach.box.colliderect(target), st.id
        seen.append((app.scene.name, st.id))
        if st.id == "done":
            break
        key(app, pygame.K_RETURN)
        if app.overlay is not None and app.overlay.name == "undecided":
            key(app, pygame.K_RETURN)  # a team has not decided: keep (the default)
    assert {scene for scene, _ in seen} == set(PHASES)
    assert [s for _, s in seen] == [s.id for s in STEPS[1:]]
    assert widgets >= 5
    assert app.session.turn == 1  # one full turn was played through
    key(app, pygame.K_RETURN)  # done
    assert not coach.active and not app.coach_visible()
    assert app.scene.name == "reflection"  # finishing the tutorial does not move the game
    key(app, pygame.K_F6)  # restart: the first step this screen can show
    assert coach.active and coach.step.id == "why"
    key(app, pygame.K_ESCAPE)  # skip
    assert not coach.active and app.toast is not None
    key(app, pygame.K_F6)
    assert coach.active


def test_a_try_it_step_lets_the_arrows_reach_the_widget():
    app = tutorial_app()
    coach = app.coach
    key(app, pygame.K_RETURN)
    while coach.step.id != "themes":
        key(app, pygame.K_RETURN)
    assert app.scene.ring.focused.key == "theme0"
    before = app.session.human_shares(0)[0]
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    assert app.session.human_shares(0)[0] < before
    assert coach.step.id == "themes"  # the arrows moved the slider, not the tutorial
    key(app, pygame.K_BACKSPACE)
    assert coach.step.id == "teams"


def test_the_tutorial_follows_the_game():
    app = tutorial_app()
    key(app, pygame.K_RETURN)
    assert app.coach.step.id == "header"
    key(app, pygame.K_PAGEDOWN)  # the game moved on without the tutorial
    assert app.scene.name == "deliberation" and app.coach.step.id == "dilemmas"
    key(app, pygame.K_F1)  # a view hides the caption, and gives it back when closed
    assert not app.coach_visible()
    key(app, pygame.K_ESCAPE)
    assert app.coach_visible() and app.coach.step.id == "dilemmas"


def test_the_caption_buttons_work_with_the_mouse():
    app = tutorial_app()
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.coach.step.id == "drivers"
    back = app.coach.buttons[0]
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.handle(pygame.event.Event(kind, pos=back.rect.center, button=1))
    app.render()
    assert app.coach.step.id == "header"


def test_it_can_be_turned_on_for_any_scenario_from_the_title_and_the_console():
    app = make_app(MINI, start=False)
    app.render()
    assert app.scene.ring.focus("tutorial")
    key(app, pygame.K_RIGHT)
    assert app.coach.active and app.coach.step.id == "welcome"
    key(app, pygame.K_RETURN)
    assert app.scene.name == "briefing" and app.coach.step.id == "header"
    key(app, pygame.K_ESCAPE)
    assert not app.coach.active
    key(app, pygame.K_F2)
    app.console.toggle_tutorial()
    app.render()
    assert app.coach.active and app.coach_visible() and not app.console_open


def test_every_step_has_its_texts_in_every_language():
    for lang in LANGS:
        cat = catalogue(lang)
        for st in STEPS:
            for part in ("title", "text"):
                assert cat.get(f"tut.{st.id}.{part}", "").strip(), (lang, st.id, part)
            assert "→" not in cat[f"tut.{st.id}.text"]  # no arrow glyphs in Noto Sans


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_caption_fits(lang, size):
    app = tutorial_app(size, lang)
    coach = app.coach
    for _ in range(len(STEPS)):
        app.tp.reset_log()
        app.scene.finish_animation()
        app.render()
        assert not app.tp.overflows, (coach.step.id, [m.text for m in app.tp.overflows])
        texts = {app.tr(f"tut.{coach.step.id}.text"), app.tr(f"tut.{coach.step.id}.title")}
        assert not [m for m in app.tp.truncated if m.text in texts], coach.step.id
        if coach.step.id == "done":
            break
        key(app, pygame.K_RETURN)
