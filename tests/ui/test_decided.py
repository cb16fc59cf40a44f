"""Decided / not yet on the screens (issue 13): the header says who is missing, the
deliberation shows no choice a team has not made, the allocation offers the bot's split
only as a suggestion, resolving with decisions open asks the facilitator, and "What
happened" puts cooperation first and opens in full.
"""

import numpy as np
import pygame

from game.ui.decided import team_states, waiting_text
from game.ui.scenes.resolution import HappenedView, happenings
from tests.ui.conftest import MINI, key, make_app


def to_phase(app, phase):
    for _ in range(12):
        if app.session.phase == phase:
            app.render()
            return
        app.advance()
        if app.overlay is not None and app.overlay.name == "undecided":
            app.advance()  # PgDn twice: keep
    raise AssertionError(phase)


def texts(app):
    """Every text the next frame draws."""
    seen = []
    line, draw = app.tp.line, app.tp.draw

    def rec_line(surf, text, *a, **kw):
        seen.append(text)
        return line(surf, text, *a, **kw)

    def rec_draw(surf, text, *a, **kw):
        seen.append(text)
        return draw(surf, text, *a, **kw)

    app.tp.line, app.tp.draw = rec_line, rec_draw
    app.kept_drawings.clear()
    try:
        app.render()
    finally:
        del app.tp.line, app.tp.draw
    return seen


def test_the_header_says_who_has_not_decided():
    app = make_app(MINI, (1280, 720), lang="en", human=[0])
    to_phase(app, "deliberation")
    assert team_states(app) == [(0, "open"), (1, "bot")]
    assert waiting_text(app) == "Not yet: A (signature, split)"
    assert "Not yet: A (signature, split)" in texts(app)
    key(app, pygame.K_1, unicode="1")  # A signs (the grid starts on A's column)
    assert team_states(app)[0] == (0, "partly")
    to_phase(app, "allocation")
    key(app, pygame.K_d)
    assert team_states(app)[0] == (0, "decided")
    assert "Every team has decided" in texts(app)
    key(app, pygame.K_PAGEDOWN)  # nobody is missing: no question
    assert app.overlay is None and app.scene.name == "resolution"
    assert team_states(app)[0] == (0, "own")
    assert "Every team decided itself" in texts(app)


def test_untouched_teams_show_no_votes_no_pledges_and_the_suggestion_as_marks():
    app = make_app(MINI, (1280, 720), lang="en")
    to_phase(app, "deliberation")
    scene = app.scene
    assert (scene.votes[0].votes == -1).all()  # no signature shown for anyone
    assert all(st.total == 0 for st in scene.pkgs)  # no "Funded: starts" untouched
    drawn = texts(app)
    assert any(t.startswith("Not yet: A, B · ") for t in drawn)
    to_phase(app, "allocation")
    scene = app.scene
    s = app.session
    sug, _ = s.suggested(0)
    sliders = [w for w in scene.ring.widgets if w.key.startswith("theme")]
    assert [w.mark for w in sliders] == list(sug)  # the bot's split: marks, not values
    assert [w.value for w in sliders] == list(s.human_shares(0))
    assert "Not decided yet · if nothing is decided: an even split" in texts(app)
    key(app, pygame.K_s)  # the suggestion as a draft
    assert np.allclose(s.human_shares(0), sug) and s.decision_state(0, "allocation") == "draft"
    assert "Draft · not confirmed yet" in texts(app)
    assert app.scene.ring.focus("decide")
    key(app, pygame.K_RETURN)
    assert s.decision_state(0, "allocation") == "decided" and s.log[-1]["type"] == "decide"
    tabs = next(w for w in app.scene.ring.widgets if w.key == "teams")
    assert tabs.done == [True, False]
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows


def test_resolving_with_open_decisions_asks_the_facilitator():
    app = make_app(MINI, (1280, 720), lang="en")
    to_phase(app, "allocation")
    s = app.session
    key(app, pygame.K_PAGEDOWN)
    view = app.overlay
    assert view is not None and view.name == "undecided" and s.phase == "allocation"
    team_a = app.labels.team(0)
    assert f"{team_a} (signature, split)" in texts(app)  # who has not decided what
    key(app, pygame.K_ESCAPE)  # back: more time
    assert app.overlay is None and s.phase == "allocation"
    app.timer.remaining = 0.0  # the time runs out
    key(app, pygame.K_PAGEDOWN)
    assert app.overlay.ring.focus("bot")
    key(app, pygame.K_RETURN)
    assert s.phase == "resolution"
    cmd = s.log[-1]
    assert cmd["type"] == "advance" and cmd["undecided"] == "bot" and cmd["reason"] == "time"
    rec = s.settled(0)
    assert rec["reason"] == "time" and rec["teams"][0]["allocation"] == "bot"
    # what happened says so, and the whole list opens
    lines = [t for _, t in happenings(app, s.last_result)]
    assert any("the bot's suggested split (the facilitator's choice)" in t for t in lines)


def test_what_happened_puts_cooperation_first_and_opens_in_full():
    app = make_app("finland-2040", (1280, 720), lang="en", human=[1])
    s = app.session
    for _ in range(5):  # bots co-fund packages over a few turns; a turn with more to say
        to_phase(app, "resolution")  # than fits beside the network
        ran = s.last_result.started[0].any() or s.last_result.funded[0].any()
        if ran and len(happenings(app, s.last_result)) > app.scene.fit:
            break
        to_phase(app, "reflection")
        app.advance()
    res = s.last_result
    items = happenings(app, res)
    coop = sum(1 for q in range(len(app.model.package_ids)) if res.funded[0, q] or res.lapsed[0, q])
    coop += int((res.broken[0].sum(axis=1) > 0).sum())
    assert coop, "a package ran"
    assert all(tone in ("good", "bad") for tone, _ in items[:coop])  # cooperation first
    scene = app.scene
    assert scene.fit < len(items)  # not everything fits beside the network
    button = next(w for w in scene.ring.widgets if w.key == "all")
    assert str(len(items)) in button.label
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows
    key(app, pygame.K_l)
    view = app.overlay
    assert isinstance(view, HappenedView)
    app.render()
    grouped = happenings(app, res, grouped=True)
    assert [t for tone, t in grouped if tone == "head"][0] == "Cooperation"
    assert view.offset == 0 and view.fit >= 1
    for _ in range(len(grouped)):
        key(app, pygame.K_DOWN)
    assert view.offset + view.fit == len(grouped)  # scrolled to the end: all were shown
    assert not app.tp.overflows
    key(app, pygame.K_l)
    assert app.overlay is None


def test_an_older_session_resumes_with_its_rule():
    """A session of format 2 continues as it was played: people's teams play their bot's
    suggestion unless they change it, so resolving asks nothing and the screen says so.
    """
    import json

    from game.session.store import SESSION_FILE, new_session
    from game.ui.app import _resume
    from tests.ui.conftest import scenario

    sc, _ = scenario(MINI)
    s, info = new_session(sc, 3, ["growth"], lang="en")
    s.journal.close()
    meta = json.loads((info.folder / SESSION_FILE).read_text())
    meta["format_version"] = 2
    meta.pop("people_start")
    (info.folder / SESSION_FILE).write_text(json.dumps(meta))
    app = make_app(MINI, (1280, 720), lang="en", start=False)
    _resume(app, info.id)
    assert app.session.prefill
    to_phase(app, "allocation")
    assert np.allclose(app.session.human_shares(0), app.session.suggested(0)[0])
    assert app.tr("alloc.state_open_older") in texts(app)
    key(app, pygame.K_PAGEDOWN)
    assert app.overlay is None and app.session.phase == "resolution"
    assert app.session.settled(0)["teams"][0]["allocation"] == "suggested"
