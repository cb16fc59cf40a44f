"""The first turn's workshops on screen (issue 18): the drivers' ratings (D), the vision
workshop card, the reflection's expectations and the debrief's Futures and Drivers pages.
"""

import pygame

from game.ui.drivers_view import ComparisonView, RatingView
from game.ui.vision_form import FORM, TARGETS
from tests.ui.conftest import key, make_app


def test_the_room_rates_the_drivers_forms_its_vision_and_sees_both_in_the_debrief():
    app = make_app("finland-2040", human=[0, 2])
    s, m = app.session, app.model
    app.render()
    assert ("D", app.tr("drv.key_rate")) in app.scene.hints()
    key(app, pygame.K_d, unicode="d")
    assert isinstance(app.overlay, RatingView)
    key(app, pygame.K_RETURN)  # a point for the first driver in the first region type
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert s.game.workshop.ratings[0, 0, :2].tolist() == [1, 2]
    key(app, pygame.K_TAB)  # the next people's team
    key(app, pygame.K_RETURN)
    assert s.game.workshop.ratings[2, 0, 1] == 1
    key(app, pygame.K_ESCAPE)
    assert app.overlay is None
    app.advance()  # deliberation: the workshop card comes first
    app.render()
    scene = app.scene
    assert [v.event for v in scene.votes[:2]] == [FORM, TARGETS]
    before = s.game.workshop.proposals[0].copy()
    scene.vote(1, 0)  # team A gives Employment a point
    assert s.game.workshop.proposed[0] and (s.game.workshop.proposals[0] != before).any()
    assert any(c.get("type") == "propose" for c in s.log)
    scene.set_dilemma(1)  # the second card: the region types' targets
    app.render()
    scene.vote(5, 0)  # team A raises the eastern border's targets a step
    assert s.game.workshop.shifts[0, 5].tolist() == [2.5] * len(m.indicator_ids)
    assert (s.game.workshop.vision(m).shifts == 0).all()  # one team: the median stays 0
    while s.phase != "reflection":
        app.advance()
    app.render()
    assert ("D", app.tr("drv.key_compare")) in app.scene.hints()
    key(app, pygame.K_d, unicode="d")
    assert isinstance(app.overlay, ComparisonView)
    app.overlay = None
    while app.scene.name != "debrief":
        app.advance()
    from game.ui.scenes.debrief import PAGES

    for i in range(len(PAGES)):
        app.scene.set_page(i)
        app.render()
    assert PAGES[-2:] == ("futures", "drivers")
