"""The network view at municipal scale: played actors stay readable among many bots."""

import importlib.util

import numpy as np
import pygame

from game.ui.network import CROWDED, draw_network
from tests.conftest import ROOT
from tests.ui.conftest import make_app


def _generated(tmp_path, actors):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    path = tmp_path / "crowded.yaml"
    gen.write(gen.build(actors), path)
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
    assert any(slot[0] == "network" for slot in app._kept_drawings)
    app._kept_drawings.clear()
    assert pygame.image.tobytes(app.render(), "RGB") == kept
    # a new trust state is drawn afresh, not taken from what was kept
    app.session.game.state.trust[0, :] *= 0.5
    changed = pygame.image.tobytes(app.render(), "RGB")
    assert changed != kept
    app._kept_drawings.clear()
    assert pygame.image.tobytes(app.render(), "RGB") == changed
