"""The glossary: the screen (F7) with search and paging, the term matching, and the
tooltip where a term appears in a heading.
"""

import pygame
import pytest

from game.i18n import LANGS
from game.ui.glossary import Glossary
from tests.ui.conftest import BUNDLED, MINI, key, make_app, scenario

FINLAND = "finland-2040"
pytestmark = pytest.mark.skipif(FINLAND not in BUNDLED, reason="no default scenario")


def to_allocation(app):
    while app.scene.name != "allocation":
        key(app, pygame.K_PAGEDOWN)


def test_the_default_scenario_has_at_least_15_terms_in_three_languages():
    sc, _ = scenario(FINLAND)
    for lang in LANGS:
        g = Glossary(sc.file, lang)
        assert len(g) >= 15
        assert all(t.term.strip() and len(t.definition) > 40 for t in g.terms), lang
    fi, sv = Glossary(sc.file, "fi"), Glossary(sc.file, "sv")
    assert sum(a.term != b.term for a, b in zip(fi.terms, sv.terms, strict=True)) >= 15


@pytest.mark.parametrize(
    "lang,heading,term",
    [
        ("fi", "Lupaukset toimenpidekokonaisuuksiin (pistettä vuorossa)", "toimenpidekokonaisuus"),
        ("fi", "Muutosajurit", "muutosajuri"),
        ("fi", "Indikaattorit 2040 aluetyypeittäin (merkit)", "aluetyyppi"),
        ("fi", "Yhteistyöosinko", "yhteistyöosinko"),
        ("en", "Pledges to action packages (points per turn)", "action package"),
        ("en", "Change drivers", "change driver"),
        ("sv", "Löften till åtgärdshelheter", "åtgärdshelhet"),
        ("sv", "Förändringsdrivkrafter", "förändringsdrivkraft"),
    ],
)
def test_terms_are_found_in_their_inflected_forms(lang, heading, term):
    g = Glossary(scenario(FINLAND)[0].file, lang)
    hit = g.find(heading)
    assert hit is not None and hit[0].term == term
    word = heading[hit[1] : hit[2]]
    assert word.casefold().startswith(term.casefold()[:6])


def test_no_term_is_found_in_ordinary_words():
    g = Glossary(scenario(FINLAND)[0].file, "fi")
    for text in ("Ennuste", "Tulokset vuoroittain", "Verkosto", "Vuoron tapahtumat"):
        assert g.find(text) is None, text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_glossary_screen_fits_and_pages_through_every_term(lang, size):
    app = make_app(FINLAND, size, lang=lang)
    key(app, pygame.K_F7)
    view = app.overlay
    assert view is not None and view.name == "glossary"
    shown = []
    for _ in range(30):
        app.tp.reset_log()
        app.render()
        assert not app.tp.overflows, [m.text[:40] for m in app.tp.overflows]
        texts = {t.term for t in view.items()} | {t.definition for t in view.items()}
        cut = [m.text[:40] for m in app.tp.truncated if m.text in texts]
        assert not cut  # the screen behind may cut its own texts; no definition is cut
        shown += view.shown
        if view.offset + len(view.shown) >= len(view.items()):
            break
        key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "briefing"  # PgDn paged the glossary, not the game
    assert len(shown) == len(set(shown)) == 27
    key(app, pygame.K_PAGEUP)
    assert view.offset < len(view.items())


def test_search_as_you_type_and_the_keys_that_close():
    app = make_app(FINLAND, lang="fi")
    key(app, pygame.K_F7)
    view = app.overlay
    for ch in "ely":
        key(app, 0, unicode=ch)
    assert view.query == "ely"
    assert view.items()[0].term == "ELY-keskus"
    assert len(view.items()) < 27
    key(app, pygame.K_BACKSPACE)
    assert view.query == "el"
    key(app, pygame.K_DOWN)
    assert view.selected == 1
    key(app, pygame.K_ESCAPE)  # the first Esc clears the search
    assert app.overlay is view and view.query == ""
    key(app, pygame.K_ESCAPE)
    assert app.overlay is None
    key(app, pygame.K_F7)
    key(app, pygame.K_F7)  # the same key closes it
    assert app.overlay is None


def test_the_glossary_opens_from_the_title_screen():
    app = make_app(FINLAND, start=False)
    app.render()
    key(app, pygame.K_F7)
    assert app.overlay is not None and app.overlay.name == "glossary"
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows


def test_a_scenario_without_a_glossary_says_so():
    app = make_app(MINI)
    key(app, pygame.K_F7)
    assert app.overlay.items() == []
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows


def test_hovering_a_heading_term_shows_its_definition():
    app = make_app(FINLAND, (1280, 720), lang="en")
    to_allocation(app)
    app.render()
    terms = {t.term for _, t in app.term_spots}
    if app.scene.compact:  # themes and pledges take turns on the card (two-line pledge rows)
        assert {"priority theme", "region type"} <= terms
        app.scene.set_section(1)
        app.render()
        terms = {t.term for _, t in app.term_spots}
        assert {"action package", "region type"} <= terms
    else:
        assert {"priority theme", "action package", "region type"} <= terms
    spot, term = next((s, t) for s, t in app.term_spots if t.term == "action package")
    assert app.tooltip is None
    app.handle(
        pygame.event.Event(pygame.MOUSEMOTION, pos=spot.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.tp.reset_log()
    app.render()
    assert app.tooltip is not None and app.tooltip[1] is term
    assert not app.tp.overflows
    # the keyboard way to the same definitions: F7 lists this screen's terms first
    key(app, pygame.K_F7)
    first = [t.term for t in app.overlay.items()[: len(terms)]]
    assert set(first) == terms
