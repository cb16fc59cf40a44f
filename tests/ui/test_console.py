"""The facilitator console: controls that cannot act look disabled and say why, event
previews show their effects, undo asks once more and redo takes it back (journaled), and
the console moves into a window of its own where SDL opens one (under the dummy driver it
does), or stays over the game where it cannot.
"""

import json

import pygame
import pytest

from game.ui import console as console_mod
from game.ui.console import GuardedButton, event_preview
from tests.ui.conftest import key, make_app
from tests.ui.test_own_effect import drawn_texts


def to_phase(app, phase):
    while app.session.phase != phase:
        app.advance()
    app.render()


def journal(app):
    path = app.session_info.folder / "journal.jsonl"
    return [json.loads(line)["type"] for line in path.read_text().splitlines()]


def open_page(app, page):
    if not app.console_open:
        app.toggle_console()
    app.console.set_page(page)
    app.render()
    return app.console


def widget(con, k):
    return next(w for w in con.ring.widgets if w.key == k)


def test_after_resolution_event_controls_look_disabled_and_say_why():
    app = make_app("finland-2040", (1280, 720), lang="en", human=[0, 1])
    to_phase(app, "resolution")
    con = open_page(app, 1)
    for k in ("inject", "cancel", "inject_pick"):
        w = widget(con, k)
        assert w.why == app.tr("con.why_resolved")
    assert con.ring.focus("inject")
    texts = drawn_texts(app)
    assert app.tr("con.why_resolved") in texts  # said while it has the focus
    before = journal(app)
    key(app, pygame.K_RETURN)
    assert journal(app) == before and app.toast[1] == "error"  # refused, nothing sent
    con = open_page(app, 2)
    assert widget(con, "redo").why == app.tr("con.why_no_redo")
    assert not widget(con, "undo").why
    override = widget(con, "override")
    assert override.why == app.tr("con.why_resolved")
    # before resolution, a bot's team cannot be overridden: the console names the team
    app2 = make_app("finland-2040", (1280, 720), lang="en", human=[0, 1])
    to_phase(app2, "allocation")
    con2 = open_page(app2, 2)
    con2.set_team(3)
    app2.render()
    assert widget(con2, "override").why == app2.tr("con.override_bot", team=app2.labels.team(3))
    con2.set_team(0)
    app2.render()
    assert not widget(con2, "override").why


def test_the_event_preview_shows_effects_before_injecting():
    app = make_app("finland-2040", (1600, 900), lang="fi", human=[0, 1])
    to_phase(app, "deliberation")
    con = open_page(app, 1)
    inject, _ = con._candidates()
    hubs = next(i for i in inject if app.model.events[i].id == "university-hubs")
    con.inject_i = inject.index(hubs)
    con._built = None
    texts = drawn_texts(app)
    title, kind, lines = event_preview(app, hubs)
    assert title in texts and kind in texts
    heads = [t for t, head in lines if head]
    assert len(heads) == 3  # a dilemma: its options, each with its effects
    assert all(h in texts for h in heads)
    effects = [t for t, head in lines if not head]
    assert any("·" in t for t in effects)  # an indicator by region type
    assert all(t in texts for t in effects)  # 1600×900: every line shown, nothing cut
    assert con.ring.focus("inject")
    key(app, pygame.K_RETURN)
    assert app.model.event_ids[hubs] in [
        app.model.event_ids[i] for i in app.session.pending_events()
    ]
    # budgets actor by actor (a transfer does not sum to nothing)
    moved = next(i for i, e in enumerate(app.model.events) if abs(e.effects.budget).sum() > 0)
    assert any(
        app.tr("con.budgets", actors="").rstrip() in t for t, _ in event_preview(app, moved)[2]
    )


def test_undo_asks_once_more_and_redo_takes_it_back():
    app = make_app(human=[0])
    to_phase(app, "reflection")
    resolved = app.session.game.state_hash()
    con = open_page(app, 2)
    assert con.ring.focus("undo")
    key(app, pygame.K_RETURN)
    assert app.session.turn == 1 and con.confirm == "undo"
    assert app.tr("con.undo_what", n=1, year=app.model.year_of(0)) in drawn_texts(app)
    key(app, pygame.K_TAB)  # the focus moves on: the first press is forgotten
    assert con.confirm is None
    key(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert (app.session.turn, app.session.phase) == (0, "allocation")
    con = open_page(app, 2)
    assert not widget(con, "redo").why
    assert con.ring.focus("redo")
    key(app, pygame.K_RETURN)
    assert app.session.game.state_hash() == resolved and app.session.phase == "reflection"
    assert journal(app)[-2:] == ["undo", "redo"]


def test_the_console_moves_to_its_own_window_and_the_game_window_shows_only_the_game():
    app = make_app("finland-2040", (1280, 720), lang="sv", human=[0, 1])
    to_phase(app, "allocation")
    app.toast = None
    plain = pygame.image.tobytes(app.render(), "RGB")
    con = open_page(app, 2)
    assert con.ring.focus("window")
    key(app, pygame.K_RETURN)
    assert con.window is not None and not app.console_open
    app.toast = None
    assert pygame.image.tobytes(app.render(), "RGB") == plain  # only the game
    win = con.window.get_surface()
    assert len(set(pygame.image.tobytes(win, "RGB")[::997])) > 3  # the console is drawn
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows
    # its keys go to the console, not to the game
    focused = con.ring.focused.key
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="",
                                  window=con.window))  # fmt: skip
    assert con.ring.focused.key != focused and app.scene.name == "allocation"
    size = app.size  # resizing the console's window (pygame says VIDEORESIZE) leaves the game's
    con.window.size = (400, 500)
    app.handle(pygame.event.Event(pygame.VIDEORESIZE, w=400, h=500, size=(400, 500)))
    assert app.size == size and app.screen.get_size() == size
    app.render()
    assert con.window.get_surface().get_size() == (400, 500)
    app.toggle_console()  # F2 brings its window up; the drawer stays closed
    assert not app.console_open and con.window is not None
    app.handle(pygame.event.Event(pygame.WINDOWCLOSE, window=con.window))
    assert con.window is None and app.running
    app.toggle_console()
    assert app.console_open  # back over the game


def test_where_sdl_opens_no_second_window_the_console_stays_over_the_game(monkeypatch):
    app = make_app("finland-2040", (1280, 720), lang="fi", human=[0, 1])
    to_phase(app, "allocation")

    def refuse(*a, **kw):
        raise pygame.error("no second window with this video driver")

    monkeypatch.setattr(pygame, "Window", refuse)
    con = open_page(app, 2)
    assert con.ring.focus("window")
    key(app, pygame.K_RETURN)
    assert con.window is None and app.console_open
    assert app.toast[1] == "error" and "no second window" in app.toast[0]
    monkeypatch.delattr(pygame, "Window")  # an older pygame: the button says why
    con._built = None
    app.render()
    w = widget(con, "window")
    assert isinstance(w, GuardedButton) and w.why == app.tr("con.why_no_window")


def test_closing_the_game_window_ends_while_the_console_has_its_own():
    app = make_app(human=[0])
    con = open_page(app, 2)
    assert con.open_window()
    app.handle(pygame.event.Event(pygame.WINDOWCLOSE, window=None))
    assert not app.running
    con.close_window()


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)], ids=["720p", "900p"])
@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_every_page_fits_with_large_text(lang, size, scale):
    app = make_app("finland-2040", size, lang=lang, human=[0, 1])
    app.font_scale = scale
    app.restyle()
    for phase in ("allocation", "reflection"):
        to_phase(app, phase)
        for page in range(len(console_mod.PAGES)):
            con = open_page(app, page)
            for w in list(con.ring.widgets):
                con.ring.focus(w.key)  # each reason on the line under the controls
                app.tp.reset_log()
                app.render()
                assert not app.tp.overflows, (phase, page, w.key, app.tp.overflows[:3])
                text, _ = con.status()
                cut = [m.text for m in app.tp.truncated if m.text == text and text]
                assert not cut, (phase, page, w.key)
        app.toggle_console()


def test_every_reason_and_label_is_in_every_language():
    from game.i18n import LANGS, catalogue
    from game.session.session import BLOCKED

    keys = {f"con.why_{code}" for code in BLOCKED if code != "first"}
    keys |= {"con.why_no_events", "con.why_none_pending", "con.why_no_window", "con.why_autoplay"}
    keys |= {f"log.{kind}" for kind in ("undo", "redo", "back")}
    for lang in LANGS:
        assert keys <= set(catalogue(lang)), (lang, keys - set(catalogue(lang)))


def test_an_effect_list_gives_one_line_per_change_with_every_region_type_it_falls_on():
    # a card that moves two region types by the same amount says so once
    from game.ui.readmodel import effect_lines

    app = make_app("finland-2040", (1280, 720), lang="en")
    m = app.model
    hubs = m.event_ids.index("university-hubs")
    concentrate = m.events[hubs].option_effects[0]
    comp = m.indicator_ids.index("competence")
    lines = [ln for ln in effect_lines(m, concentrate) if ln.kind == "indicator"]
    on_comp = {ln.delta: {m.region_ids[r] for r in ln.regions} for ln in lines if ln.target == comp}
    assert on_comp[-2.5] == {"regional-centres", "eastern-border"}
    assert on_comp[2.0] == {"helsinki-metro", "university-cities"}
    assert len(lines) == len({(ln.target, ln.delta) for ln in lines})  # no change said twice
