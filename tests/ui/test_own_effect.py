"""The new causes on screen (issue 12): a team's own move against keeping last turn's
split (`Game.own_effect`, the allocation screen's box), and the trust co-funded packages
built as a line of its own in the why-chart.
"""

from types import SimpleNamespace

import numpy as np
import pygame
import pytest

from game.sim.runner import Game
from game.ui.charts import signed
from game.ui.readmodel import own_effect
from game.ui.scenes.reflection import causes, source_color
from game.ui.theme import PALETTES, source_kind_color
from tests.ui.conftest import MINI, key, make_app, scenario
from tests.ui.test_interaction import to_phase

# -- the simulation: Game.own_effect ---------------------------------------------------------


def begun_game(ref, turns=0):
    """A game of people (team 0) and bots, `turns` turns resolved and the next begun;
    the people's team plays its bot's suggestion.
    """
    _, m = scenario(ref)
    g = Game(m, seed=3, human=[0])
    for _ in range(turns):
        g.begin()
        g.use_suggestion(0)
        g.resolve()
    g.begin()
    return g


@pytest.mark.parametrize("ref", [MINI, "finland-2040"], ids=["mini", "finland"])
def test_all_in_on_a_theme_moves_the_cells_that_theme_lifts(ref):
    g = begun_game(ref)
    m = g.model
    T = len(m.theme_ids)
    last = g.state.last_shares[0, 0].copy()
    pledges = g.human_decisions.pledges[0, 0].copy()
    h = g.state_hash()
    for t in range(T):
        shares = np.eye(T)[t]
        g.allocate(0, shares, pledges)
        d = g.own_effect(0)
        assert d.shape == (len(m.region_ids), len(m.indicator_ids))
        # the indicators move as the theme effects of the shift in effort say
        expected = (shares - last) @ m.theme_effects  # (K,)
        got = d.sum(axis=0)
        up, down = int(np.argmax(expected)), int(np.argmin(expected))
        assert got[up] > 0.1, (t, got, expected)
        if expected[down] < -1e-9:
            assert got[down] < 0, (t, got, expected)
        assert np.corrcoef(expected, got)[0, 1] > 0.9
    assert g.state_hash() == h  # nothing of the game itself changed


def test_keeping_last_turns_split_moves_nothing():
    g = begun_game("finland-2040", turns=2)
    last = g.state.last_shares[0, 0].copy()
    assert not np.allclose(last, last.mean())  # the team played its own split before
    g.allocate(0, last, g.human_decisions.pledges[0, 0])
    assert np.abs(g.own_effect(0)).max() < 1e-9
    g.allocate(0, np.eye(len(last))[0], g.human_decisions.pledges[0, 0])
    assert np.abs(g.own_effect(0)).max() > 0.1


def test_own_effect_is_the_difference_of_two_resolutions():
    """The move's row is the game's own next turn: resolving it gives the same indicators."""
    g = begun_game("finland-2040", turns=1)
    T = len(g.model.theme_ids)
    g.allocate(0, np.eye(T)[1], g.human_decisions.pledges[0, 0])
    d = g.own_effect(0)
    proj = g.project(1)[0, 1]  # the begun turn with the current split
    g.allocate(0, g.state.last_shares[0, 0], g.human_decisions.pledges[0, 0])
    kept = g.project(1)[0, 1]
    assert np.allclose(d, proj - kept, atol=1e-9)
    g.allocate(0, np.eye(T)[1], g.human_decisions.pledges[0, 0])
    g.resolve()
    assert np.allclose(g.history[-1], proj, atol=1e-9)


def test_own_effect_before_the_turn_begins_and_after_the_end():
    _, m = scenario(MINI)
    g = Game(m, seed=3, human=[0])
    assert g.own_effect(0).shape == (len(m.region_ids), len(m.indicator_ids))
    while not g.finished:
        g.begin()
        g.resolve()
    assert not g.own_effect(0).any()


# -- the allocation screen: the own-move box --------------------------------------------------


def drawn_texts(app):
    """Every text the next frame draws, in order."""
    seen = []
    draw = app.tp.draw

    def record(surf, text, *a, **kw):
        seen.append(text)
        return draw(surf, text, *a, **kw)

    app.tp.draw = record
    app.kept_drawings.clear()
    try:
        app.render()
    finally:
        del app.tp.draw
    return seen


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_the_own_move_box_shows_the_teams_numbers_and_follows_a_slider(size):
    app = make_app("finland-2040", size, lang="en", human=[0, 1])
    to_phase(app, "allocation")
    app.send({"type": "allocate", "team": "growth", "shares": {"competence-education": 1.0}})
    scene = app.scene
    scene.finish_animation()
    app.render()
    s = app.session
    own = scene.own
    assert own is not None and own.team == 0
    assert np.allclose(own.delta, s.game.own_effect(0))  # the simulation's numbers
    assert scene.own_rect is not None and scene.areas()["own"] == scene.own_rect
    texts = drawn_texts(app)
    assert app.tr("alloc.own_title_first") in texts  # turn 1: against an even split
    r, k, v = own.cells[0]
    assert signed(v, 2) in texts
    assert f"{app.labels.indicator(k)} · {app.labels.region(r)}" in texts
    box = pygame.image.tobytes(app.screen.subsurface(scene.own_rect), "RGB")
    # a slider moves: all effort to the first theme
    assert scene.ring.focus("theme0")
    for _ in range(20):
        key(app, pygame.K_RIGHT, pygame.KMOD_SHIFT)
    assert s.human_shares(0)[0] > 0.99
    assert scene.own is not own and not np.allclose(scene.own.delta, own.delta)
    assert np.allclose(scene.own.delta, s.game.own_effect(0))
    after = pygame.image.tobytes(app.screen.subsurface(scene.own_rect), "RGB")
    assert after != box
    texts = drawn_texts(app)
    r, k, v = scene.own.cells[0]
    assert signed(v, 2) in texts
    assert not app.tp.overflows
    # another team's tab shows that team's move
    scene.select_team(1)
    app.render()
    assert scene.own.team == 1 and np.allclose(scene.own.delta, s.game.own_effect(1))


def test_the_own_move_box_says_when_the_split_is_last_turns():
    app = make_app(MINI, lang="en", human=[0])
    to_phase(app, "allocation")
    s = app.session
    last = s.game.state.last_shares[0, 0]
    app.scene._send(last, s.human_pledges(0))
    app.scene.finish_animation()
    assert own_effect(s, 0).same and app.scene.own.same
    assert app.tr("alloc.own_same") in drawn_texts(app)


def test_the_own_move_is_computed_once_per_allocation():
    app = make_app(MINI)
    to_phase(app, "allocation")
    calls = []
    game = app.session.game
    real = game.own_effect
    game.own_effect = lambda team: calls.append(team) or real(team)
    for _ in range(5):
        app.update(1 / 60)
        app.render()
    assert calls == []  # still frames ask nothing of the simulation
    key(app, pygame.K_RIGHT)
    app.render()
    assert calls == [0]


# -- the why-chart: the trust packages built, apart ------------------------------------------


@pytest.fixture(scope="module")
def cooperative_reflection():
    """finland-2040 played by cooperative bots to the reflection of turn 4, when co-funded
    packages have built trust.
    """
    app = make_app("finland-2040", lang="en", start=False)
    app.start_game(2040, [], ["cooperative"])
    for _ in range(4):
        while app.scene.name != "reflection":
            app.advance()
        if app.session.turn < 4:
            app.advance()
    assert app.scene.name == "reflection" and app.session.turn == 4
    return app


def test_the_why_chart_names_a_package_and_the_trust_packages_built_apart(
    cooperative_reflection,
):
    app = cooperative_reflection
    m = app.model
    names = m.source_names()
    att = app.session.last_result.attribution[0]
    pt = att[names.index("package-trust")]
    pk = np.abs(att[[i for i, n in enumerate(names) if n.startswith("package:")]]).max(axis=0)
    r, k = np.unravel_index(int(np.argmax(np.minimum(np.abs(pt), pk))), pt.shape)
    assert abs(pt[r, k]) >= 0.005 and pk[r, k] >= 0.005
    items = causes(app, int(k), int(r))
    kinds = [kind for _, _, kind in items]
    assert kinds.count("package-trust") == 1 and "package" in kinds and "cooperation" in kinds
    assert dict((n, v) for n, v, _ in items)["package-trust"] == pytest.approx(pt[r, k])
    # however many bigger causes there are, packages and their trust keep their lines
    few = causes(app, int(k), int(r), limit=2)
    assert "package-trust" in [kind for _, _, kind in few] and few[-1][2] == "rest"
    assert sum(v for _, v, _ in few) == pytest.approx(float(att[:, r, k].sum()))
    # on screen: its own label and its own colour
    app.scene.pick(int(k), int(r))
    texts = drawn_texts(app)
    lab = app.labels
    assert f"{lab.source_kind('package-trust')}: {lab.source('package-trust')}" in texts
    assert not app.tp.overflows
    pkg = next(n for n in names if n.startswith("package:"))
    col = source_color(app, "package-trust")
    assert col not in (source_color(app, "cooperation"), source_color(app, pkg))


def test_packages_and_their_trust_are_pinned_unless_they_read_zero():
    """A made-up cell: many bigger causes; a package and the trust packages built keep
    their own lines, a package-trust below 0.005 (it would read +0.00) goes with the rest.
    """
    _, m = scenario("finland-2040")
    names = m.source_names()
    R, K = len(m.region_ids), len(m.indicator_ids)

    def app_with(values):
        att = np.zeros((1, len(names), R, K))
        for name, v in values.items():
            att[0, names.index(name), 0, 0] = v
        result = SimpleNamespace(attribution=att)
        return SimpleNamespace(model=m, session=SimpleNamespace(last_result=result))

    pkg = next(n for n in names if n.startswith("package:"))
    drivers = [n for n in names if n.startswith("driver:")]
    big = {d: 2.0 + i for i, d in enumerate(drivers)}
    items = causes(app_with({**big, pkg: 0.3, "package-trust": 0.05}), 0, 0, limit=3)
    assert [n for n, _, _ in items[:3]] == [drivers[-1], pkg, "package-trust"]
    assert items[-1][2] == "rest" and items[-1][1] == pytest.approx(
        sum(big.values()) - big[drivers[-1]]
    )
    items = causes(app_with({**big, pkg: 0.3, "package-trust": 0.004}), 0, 0, limit=3)
    assert "package-trust" not in [n for n, _, _ in items]
    assert sum(v for _, v, _ in items) == pytest.approx(sum(big.values()) + 0.304)


@pytest.mark.parametrize("pal", list(PALETTES.values()), ids=list(PALETTES))
def test_package_trust_has_a_colour_of_its_own(pal):
    colours = {
        kind: source_kind_color(pal, kind)
        for kind in ("others", "cooperation", "package-trust", "package", "driver", "event")
    }
    own = colours.pop("package-trust")
    assert own not in colours.values()
    assert own not in pal.teams
