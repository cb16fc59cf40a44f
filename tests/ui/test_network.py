"""The network view at municipal scale: played actors stay readable among many bots; a
network past `EXACT` actors (networkx would need SciPy from 500) gathers its bots into
groups, laid out by our own numpy layout.
"""

import importlib.util
import sys
import time

import numpy as np
import pygame

from game.ui.network import CROWDED, EXACT, NetworkLayout, draw_network, group_name
from tests.conftest import ROOT
from tests.ui.conftest import make_app


def _generated(tmp_path, actors, **sizes):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    path = tmp_path / "crowded.yaml"
    gen.generate(path, actors=actors, **sizes)
    return str(path)


def test_a_crowded_network_draws_bots_as_dots_and_labels_played_actors(tmp_path):
    app = make_app(_generated(tmp_path, 120), size=(1920, 1080))
    m = app.model
    assert len(m.actor_ids) > CROWDED
    rect = pygame.Rect(40, 40, 1800, 700)
    surf = pygame.Surface((1920, 1080))
    surf.fill(app.pal.panel)
    st = app.session.game.state
    app.tp.reset_log()
    draw_network(surf, app, rect, st.trust[0], st.present[0])
    pts = app.net_layout.points(rect, max(6, round(17 * app.ui_scale)) + app.tp.line_height("tiny"))
    played = np.flatnonzero(m.actor_team >= 0)
    bots = np.flatnonzero(m.actor_team < 0)
    # a played actor is a full marker in its team's colour
    a = played[0]
    team_col = app.pal.teams[int(m.actor_team[a]) % len(app.pal.teams)]
    ring = [surf.get_at((int(pts[a][0]) + dx, int(pts[a][1]) + 6))[:3] for dx in (-3, 0, 3)]
    assert tuple(team_col) in ring
    # a bot is a small filled dot (not a hollow marker the size of a played actor's)
    dots = sum(
        tuple(surf.get_at((int(pts[b][0]), int(pts[b][1])))[:3]) == app.pal.bot for b in bots
    )
    assert dots > 0.8 * len(bots)
    assert not app.tp.overflows


def test_the_kept_network_drawing_is_what_a_fresh_drawing_shows():
    app = make_app("finland-2040", size=(1600, 900))
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F3, mod=0, unicode="", scancode=0))
    app.render()
    kept = pygame.image.tobytes(app.render(), "RGB")  # drawn from the kept network
    assert any(slot[0] == "network" for slot in app.kept_drawings)
    app.kept_drawings.clear()
    assert pygame.image.tobytes(app.render(), "RGB") == kept
    # a new trust state is drawn afresh, not taken from what was kept
    app.session.game.state.trust[0, :] *= 0.5
    changed = pygame.image.tobytes(app.render(), "RGB")
    assert changed != kept
    app.kept_drawings.clear()
    assert pygame.image.tobytes(app.render(), "RGB") == changed


def test_a_network_of_600_actors_groups_its_bots_without_scipy(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)  # a laptop without SciPy
    app = make_app(_generated(tmp_path, 600, edges=8000), size=(1600, 900))
    m, lay = app.model, app.net_layout
    assert len(m.actor_ids) == 600 > EXACT and lay.aggregated
    t = time.perf_counter()
    again = NetworkLayout(m)
    assert time.perf_counter() - t < 2.0
    assert np.array_equal(again.pos, lay.pos)  # the same every time
    played = np.flatnonzero(m.actor_team >= 0)
    assert (lay.group[played] == -1).all()  # played actors keep their own places
    assert lay.group_size.sum() == (lay.group >= 0).sum() > 500
    assert (lay.pos >= 0).all() and (lay.pos <= 1).all()
    # the view: played actors in their team's colour and labelled, groups named
    texts = []
    line = app.tp.line

    def spy(surf, text, *a, **kw):
        texts.append(text)
        return line(surf, text, *a, **kw)

    monkeypatch.setattr(app.tp, "line", spy)
    rect = pygame.Rect(40, 40, 1500, 700)
    surf = pygame.Surface((1600, 900))
    surf.fill(app.pal.panel)
    st = app.session.game.state
    t = time.perf_counter()
    draw_network(surf, app, rect, st.trust[0], st.present[0])
    assert time.perf_counter() - t < 2.0
    r = max(6, round(17 * max(0.45, min(rect.width / 900, rect.height / 700)) * app.ui_scale))
    pts = lay.points(rect, r + app.tp.line_height("tiny"), least=r * 0.8)
    for a in played:
        col = app.pal.teams[int(m.actor_team[a]) % len(app.pal.teams)]
        x, y = int(pts[a][0]), int(pts[a][1])
        around = {surf.get_at((x + dx, y + dy))[:3] for dx in (-4, 0, 4) for dy in (-6, 6)}
        assert tuple(col) in around
    named = {app.labels.actor_short(a) for a in played} & set(texts)
    assert len(named) >= 0.8 * len(played)
    biggest = np.argsort(-lay.group_size)[:2]
    assert {group_name(app, g) for g in biggest} <= set(texts)
    # every grouped bot is drawn inside its group's bubble
    gc, gr = lay.group_points(rect, r + app.tp.line_height("tiny"), least=r * 0.8)
    inside = np.flatnonzero(lay.group >= 0)
    d = np.hypot(*(pts[inside] - gc[lay.group[inside]]).T)
    assert (d <= gr[lay.group[inside]] + 1).all()
    # and the F3 view draws it with the legend's group entry
    texts.clear()
    app.open_view("network")
    app.render()
    assert app.tr("net.group") in texts
