"""Input becomes commands that reach the session; the projection follows the sliders."""

import numpy as np
import pygame

from tests.ui.conftest import key, make_app


def to_phase(app, phase):
    for _ in range(12):
        if app.scene.name == phase:
            return
        key(app, pygame.K_PAGEDOWN)
    raise AssertionError(f"never reached {phase}")


def test_a_slider_key_changes_the_allocation_and_the_projection():
    app = make_app()
    to_phase(app, "allocation")
    scene = app.scene
    before_proj = scene.proj.x_final.copy()
    before_count = scene.projections
    shares0 = app.session.human_shares(0)
    assert scene.ring.focused.key == "theme0"
    for _ in range(4):
        key(app, pygame.K_LEFT)  # less effort on the first theme
    shares1 = app.session.human_shares(0)
    assert shares1[0] < shares0[0] - 0.1
    assert scene.projections > before_count
    assert not np.allclose(scene.proj.x_final, before_proj)
    # the projection is the simulation's, not the UI's
    expected = app.session.game.project(1)[0, -1]
    assert np.allclose(scene.proj.x_final, expected)


def test_dragging_a_slider_with_the_mouse_sends_an_allocation():
    app = make_app()
    to_phase(app, "allocation")
    slider = next(w for w in app.scene.ring.widgets if w.key == "theme1")
    t = slider.track
    n_log = len(app.session.log)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(t.x + 2, t.centery), button=1))
    app.handle(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(t.right - 2, t.centery), rel=(1, 0), buttons=(1, 0, 0)
        )
    )
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(t.right - 2, t.centery), button=1))
    app.render()
    assert app.session.human_shares(0)[1] > 0.9
    assert len(app.session.log) > n_log
    assert app.session.log[-1]["type"] == "allocate"


def test_a_pledge_reaches_the_session():
    app = make_app()
    to_phase(app, "allocation")
    assert app.scene.ring.focus("pledge0")
    for _ in range(4):
        key(app, pygame.K_RIGHT)
    assert app.session.human_pledges(0)[0] >= 2.0 - 1e-9


def test_a_vote_key_changes_the_votes_of_the_team():
    app = make_app()
    to_phase(app, "briefing")
    for _ in range(5):  # through turn 1 to the dilemma of 2025
        key(app, pygame.K_PAGEDOWN)
    to_phase(app, "deliberation")
    s = app.session
    assert s.dilemmas(), "the campus dilemma is on the table in 2025"
    ev = s.dilemmas()[0]
    key(app, pygame.K_2, unicode="2")
    assert s.game.human_decisions.votes[0, 0, ev] == 1
    key(app, pygame.K_RIGHT)  # the grid cursor to team B
    key(app, pygame.K_RETURN)  # votes for the option under the cursor
    assert s.game.human_decisions.votes[0, 1, ev] == 1
    key(app, pygame.K_1, unicode="1")
    assert s.game.human_decisions.votes[0, 1, ev] == 0
    assert [e["type"] for e in s.log].count("vote") == 3


def test_a_vote_for_a_bot_team_is_refused_and_shown():
    app = make_app(human=[0])
    to_phase(app, "briefing")
    for _ in range(5):
        key(app, pygame.K_PAGEDOWN)
    to_phase(app, "deliberation")
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RETURN)
    assert app.toast is not None and app.toast[1] == "error"


def test_the_console_injects_cancels_and_undoes():
    app = make_app()
    key(app, pygame.K_F2)
    assert app.console_open
    con = app.console
    pending = set(app.session.pending_events())
    con.inject()
    assert len(set(app.session.pending_events()) - pending) == 1
    con.cancel_i = 0
    n = len(app.session.pending_events())
    con.cancel()
    assert len(app.session.pending_events()) == n - 1
    key(app, pygame.K_ESCAPE)
    assert not app.console_open
    to_phase(app, "resolution")
    assert app.session.turn == 1
    app.toggle_console()
    app.render()
    app.console.undo()
    assert app.session.turn == 1  # asks once more first
    app.console.undo()
    assert app.session.turn == 0 and app.scene.name == "allocation"


def test_the_console_timer_and_end():
    app = make_app()
    key(app, pygame.K_F2)
    con = app.console
    app.timer.remaining = 10
    con.pause()
    app.update(5.0)
    assert app.timer.remaining == 10
    con.pause()
    con.extend()
    assert app.timer.remaining == 70
    con.set_minutes(7)
    assert app.timer.length == 420
    con.end()
    assert not app.session.finished  # asks once more
    con.end()
    app.render()
    assert app.session.finished and app.scene.name == "debrief"


def test_a_refused_command_changes_nothing_and_says_why():
    app = make_app()
    h = app.session.game.state_hash()
    assert not app.send({"type": "vote", "team": "growth", "event": "campus", "option": "hub"})
    assert app.toast[1] == "error"
    assert app.session.game.state_hash() == h


def test_views_open_and_close_with_their_keys():
    app = make_app()
    for k, name in (
        (pygame.K_F3, "network"),
        (pygame.K_F4, "indicators"),
        (pygame.K_F5, "scores"),
        (pygame.K_F1, "help"),
    ):
        key(app, k)
        assert app.overlay is not None and app.overlay.name == name
        key(app, pygame.K_ESCAPE)
        assert app.overlay is None


def test_the_kept_outlook_is_what_a_fresh_drawing_shows():
    app = make_app()
    to_phase(app, "allocation")
    scene = app.scene
    scene.finish_animation()
    app.render()
    spots = list(app.term_spots)
    kept = pygame.image.tobytes(app.render(), "RGB")  # this frame reuses the panel
    assert "outlook" in app.kept_drawings and app.term_spots == spots
    del app.kept_drawings["outlook"]
    fresh = pygame.image.tobytes(app.render(), "RGB")
    assert kept == fresh
    # a slider move redraws it: the outlook shows the new projection
    right = scene.right
    before = app.screen.subsurface(right).copy()
    for _ in range(4):
        key(app, pygame.K_LEFT)
    after = app.screen.subsurface(right).copy()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(after, "RGB")
    del app.kept_drawings["outlook"]
    redrawn = pygame.image.tobytes(app.render().subsurface(right), "RGB")
    assert redrawn == pygame.image.tobytes(after, "RGB")


def test_the_shared_vision_is_signed_with_the_vote_keys_in_the_first_turn():
    app = make_app()
    to_phase(app, "deliberation")
    s = app.session
    assert app.scene.votes[0].event == -1  # the shared-vision card comes first
    # people start undecided: no signature, and the card shows no choice for them
    assert not s.endorses(0) and s.decision_state(0, "vision") == "open"
    assert app.scene.votes[0].votes[0] == -1
    key(app, pygame.K_2, unicode="2")  # team A: we do not sign
    assert not s.endorses(0) and s.decision_state(0, "vision") == "decided"
    assert app.scene.votes[0].votes[0] == 1
    assert s.log[-1] == {**s.log[-1], "type": "endorse", "team": "growth", "signs": False}
    app.tp.reset_log()
    app.render()
    assert not app.tp.truncated and not app.tp.overflows
    key(app, pygame.K_1, unicode="1")
    assert s.endorses(0)
    # from the second turn on, only the dilemmas are on the table
    for _ in range(5):
        key(app, pygame.K_PAGEDOWN)
        if app.overlay is not None and app.overlay.name == "undecided":
            key(app, pygame.K_RETURN)  # team B has not decided: keep (the default)
    to_phase(app, "deliberation")
    assert s.turn == 1 and all(v.event >= 0 for v in app.scene.votes)
