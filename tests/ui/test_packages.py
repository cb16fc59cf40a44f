"""Packages people can judge: the detail panel (description, themes, effect, duration,
reach, needs, cost) on deliberation and allocation, the live pledged / cost / status of
each pledge row, at 1280×720 and 1600×900, 100 % and 160 % text, fi/en/sv.
"""

import pygame
import pytest

from game.ui import packinfo
from tests.ui.conftest import key, make_app
from tests.ui.test_own_effect import drawn_texts as texts_of

SIZES = [(1280, 720), (1600, 900)]


def drawn_texts(app):
    """Every text drawn in one frame, joined; nothing drawn outside its box."""
    app.tp.reset_log()
    seen = texts_of(app)
    assert not app.tp.overflows, [(m.text, m.rect) for m in app.tp.overflows[:4]]
    return " ¶ ".join(seen)


def big(app, scale):
    app.font_scale = scale
    app.restyle()
    app.render()


def to_phase(app, phase):
    while app.session.phase != phase:
        app.advance()
    app.render()


def shows_the_package(app, text, st):
    """The detail shows every fact, and no number in it was cut."""
    for f in packinfo.facts(app, st):
        assert f.label in text
        if f.cut_ok:
            continue
        assert f.value in text, f.value
    desc = packinfo.description(app, st.index)
    assert desc[:12] in text  # at least the description's first line
    cut = [m.text for m in app.tp.truncated if any(ch.isdigit() for ch in m.text)]
    numbers = [c for c in cut if c in {f.value for f in packinfo.facts(app, st)}]
    assert not numbers


EVERY_WAY = pytest.mark.parametrize(
    "lang,size,scale",
    [(lang, size, scale) for lang in ("fi", "en", "sv") for size in SIZES for scale in (1.0, 1.6)],
    ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else str(v),
)


@EVERY_WAY
def test_deliberation_shows_the_chosen_package_in_full(lang, size, scale):
    app = make_app("finland-2040", size, lang=lang, human=[0, 1])
    big(app, scale)
    to_phase(app, "deliberation")
    scene = app.scene
    assert app.scene.ring.focus("packages")
    last = len(scene.pkgs) - 1
    for i in (0, last):  # the first and, scrolled to, the last package
        while scene.pkg_sel < i:
            key(app, pygame.K_DOWN)
        text = drawn_texts(app)
        shows_the_package(app, text, scene.pkgs[i])
        assert app.labels.package_title(scene.pkgs[i].index)[:10] in text


def test_the_list_scrolls_with_the_wheel_and_a_click_picks_a_row():
    app = make_app("finland-2040", (1280, 720), lang="en", human=[0, 1])
    big(app, 1.6)
    to_phase(app, "deliberation")
    lst = app.scene.pkg_list
    assert lst.visible < len(lst.rows)  # large text on a small window: it scrolls
    app.mouse = lst.rect.center
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    assert lst.top == 2 and app.scene.pkg_sel == 2
    row = lst.row_rect(1)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.handle(pygame.event.Event(kind, pos=row.center, button=1))
    assert app.scene.pkg_sel == 3


@EVERY_WAY
def test_a_focused_pledge_row_shows_its_package_and_the_live_status(lang, size, scale):
    app = make_app("finland-2040", size, lang=lang, human=[0, 1])
    big(app, scale)
    to_phase(app, "allocation")
    scene = app.scene
    if scene.compact:
        scene.set_section(1)
        app.render()
    n = len(app.model.package_ids)
    for p in (0, n - 1):  # the last row is scrolled into view when it gets the focus
        assert scene.ring.focus(f"pledge{p}")
        scene._follow_focus()
        text = drawn_texts(app)
        row = next(w for w in scene.ring.widgets if w.key == f"pledge{p}")
        assert not row.hidden and row.rect.height > 0
        st = scene.pkg_status[p]
        status, _ = packinfo.status_line(app, st)
        assert f"{status} · {packinfo.pledged_text(app, st)}" in text
        shows_the_package(app, text, st)


def test_a_pledge_changes_the_live_status_and_tab_scrolls_the_rows():
    app = make_app("finland-2040", (1280, 720), lang="en", human=[0, 1])
    big(app, 1.6)
    to_phase(app, "allocation")
    scene = app.scene
    scene.set_section(1)
    app.render()
    assert scene.pledge_more  # "1–5 of 11"
    assert scene.ring.focus("pledge1")
    before = scene.pkg_status[1].total
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert scene.pkg_status[1].total == pytest.approx(before + 1.0)
    assert packinfo.pledged_text(app, scene.pkg_status[1]) in drawn_texts(app)
    for _ in range(len(app.model.package_ids)):  # Tab down every row: each one is shown
        key(app, pygame.K_TAB)
        w = scene.ring.focused
        if isinstance(w, packinfo.PledgeRow):
            app.render()
            w = scene.ring.focused
            assert not w.hidden and scene.right.colliderect(w.rect) is False
