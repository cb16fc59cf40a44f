"""Long lists on screen (issue 17): a scenario with 60 packages and a turn of 120 event
cards (smaller versions of the 200 packages and 500 events a scenario may have) plays
with rows of a readable height that page or scroll with the keyboard and the mouse wheel,
and no text that does not fit; bench/limits.py plays the full sizes."""

import importlib.util

import pygame
import pytest

from game.ui.packinfo import PledgeRow
from game.ui.widgets import Cycle
from tests.conftest import ROOT
from tests.ui.conftest import key, make_app


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """60 packages, and 120 events of which every generated one is drawn in the first
    turn (some ninety cards and a score of dilemmas at once)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    doc = gen.build(60, packages=60, events=120)
    for e in doc["events"]:
        if e["id"].startswith("gen-"):
            e["when"] = {"years": [doc["meta"]["start_year"]]}
    path = tmp_path_factory.mktemp("long") / "long.yaml"
    gen.write(doc, path, compact=True)
    return str(path)


def wheel(app, y: int, at: pygame.Rect) -> None:
    app.mouse = at.center
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    app.render()


def legible(app) -> int:
    """The least row height that reads: a line of small text."""
    return app.tp.line_height("small")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_turn_of_ninety_cards_pages_one_page_at_a_time(crowded, size):
    app = make_app(crowded, size=size, human=[0, 1])
    app.tp.reset_log()
    app.render()
    scene = app.scene
    assert scene.name == "briefing" and len(scene.events) >= 90
    pager = next(w for w in scene.ring.widgets if w.key == "pages")
    assert isinstance(pager, Cycle) and pager.rect.height >= legible(app)  # not 30 tabs
    assert scene.page == 0
    scene.ring.focus("pages")
    key(app, pygame.K_RIGHT)
    assert scene.page == 1
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)  # from the first page to the last
    assert scene.page == scene.pages - 1
    wheel(app, 1, pager.rect)  # the wheel turns back a page
    assert scene.page == scene.pages - 2
    assert not app.tp.overflows


def test_sixty_packages_and_a_score_of_dilemmas_in_the_deliberation(crowded):
    app = make_app(crowded, size=(1280, 720), human=[0, 1])
    app.advance()
    app.tp.reset_log()
    app.render()
    scene = app.scene
    assert scene.name == "deliberation" and len(scene.votes) > 12
    dilemmas = next(w for w in scene.ring.widgets if w.key == "dilemmas")
    assert isinstance(dilemmas, Cycle)  # a tab each would be a sliver
    scene.ring.focus("dilemmas")
    key(app, pygame.K_RIGHT)
    assert scene.current == 1
    lst = scene.pkg_list
    assert len(lst.rows) == 60 and 3 <= lst.visible < 60
    assert lst.row_h >= legible(app)
    scene.ring.focus(lst.key)
    for _ in range(30):
        key(app, pygame.K_DOWN)
    lst = scene.pkg_list
    assert lst.selected == 30 and lst.top <= 30 < lst.top + lst.visible  # scrolled to it
    key(app, pygame.K_END)
    lst = scene.pkg_list
    assert lst.selected == 59 and lst.top + lst.visible == 60
    top = lst.top
    wheel(app, 3, lst.rect)
    assert scene.pkg_list.top == top - 3
    assert not app.tp.overflows


def test_sixty_pledge_rows_scroll_to_the_focus(crowded):
    app = make_app(crowded, size=(1280, 720), human=[0, 1])
    app.advance()
    app.advance()
    scene = app.scene
    assert scene.name == "allocation"
    app.tp.reset_log()
    app.render()
    if getattr(scene, "compact", False):  # large text: the pledges have a tab of their own
        scene.section = 1
        scene._built = None
        app.render()
    rows = [w for w in scene.ring.widgets if isinstance(w, PledgeRow)]
    assert len(rows) == 60
    shown = [w for w in rows if not w.hidden]
    assert 3 <= len(shown) < 60
    assert min(w.rect.height for w in shown) >= legible(app)
    scene.ring.focus(rows[0].key)
    for _ in range(40):  # Tab walks down the pledges; the one with the focus is shown
        key(app, pygame.K_TAB)
        w = scene.ring.focused
        if isinstance(w, PledgeRow):
            assert not w.hidden
    assert not app.tp.overflows
