"""The room: the trainer demo's captions and pace, the language key, the text size from
the title screen, and a 4K projector.
"""

import pygame
import pytest

from game.cli import main
from game.ui import autoplay as autoplay_mod
from game.ui.app import FONT_SCALES
from game.ui.autoplay import Autoplay
from tests.ui.conftest import MINI, key, make_app

PHASES = ("briefing", "deliberation", "allocation", "resolution", "reflection")


def test_captions_appear_in_autoplay_screenshots(tmp_path, capsys):
    shots = tmp_path / "shots"
    argv = ["play", MINI, "--autoplay", "--screenshots", str(shots), "--window", "1280x720"]
    assert main(argv) == 0
    capsys.readouterr()
    app = make_app(MINI, (1280, 720), start=False)
    app.captions = True
    band = app.caption_rect()
    header = app.pal.header
    crops = {}
    for name in ("title", *PHASES, "debrief-scores", "debrief-log"):
        path = next(shots.glob(f"*-{name}.png"))
        img = pygame.image.load(str(path))
        assert img.get_size() == (1280, 720)
        # the band: the header colour across its left edge, text on it
        for y in (band.y + 3, band.centery, band.bottom - 8):
            assert tuple(img.get_at((4, y)))[:3] == header, (name, y)
        crop = img.subsurface(band).copy()
        colours = {tuple(crop.get_at((x, band.height // 2)))[:3] for x in range(0, band.width, 3)}
        assert len(colours) > 5, name  # there is text in it
        crops[name] = pygame.image.tobytes(crop, "RGB")
    assert len(set(crops.values())) == len(crops)  # each screen has its own caption


def test_every_caption_fits_in_three_languages():
    for lang in ("fi", "en", "sv"):
        app = make_app("tutorial", (1280, 720), lang=lang)
        app.captions = True
        app.version += 1
        for _ in PHASES:
            app.tp.reset_log()
            app.scene.finish_animation()
            app.render()
            assert not app.tp.overflows
            cap = app.tr(f"cap.{app.scene.name}")
            assert not [m for m in app.tp.truncated if m.text == cap], (lang, app.scene.name)
            app.advance()


def test_a_delayed_demo_waits_shows_its_progress_and_pauses(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(autoplay_mod.time, "perf_counter", lambda: clock[0])
    app = make_app(MINI, start=False)
    demo = Autoplay(app, None, 2.0)
    app.demo = demo
    wait = demo.wait()
    next(wait)
    clock[0] += 1.0
    next(wait)
    assert app.caption_progress == pytest.approx(0.5)
    key(app, pygame.K_SPACE)  # pause: the clock of the wait stops
    assert app.demo_paused
    clock[0] += 30.0
    next(wait)
    assert app.caption_progress == pytest.approx(0.5)
    key(app, pygame.K_SPACE)
    clock[0] += 0.5
    next(wait)
    assert app.caption_progress == pytest.approx(0.75)
    clock[0] += 0.6
    with pytest.raises(StopIteration):
        next(wait)
    assert app.caption_progress is None
    # at delay 0 nothing waits
    fast = Autoplay(app, None, 0.0)
    assert fast.fast and list(fast.wait()) == []


def test_f8_cycles_the_language_during_a_game():
    app = make_app(MINI)
    assert app.lang == "fi"
    seen = []
    for _ in range(3):
        key(app, pygame.K_F8)
        seen.append((app.lang, app.tr("phase.briefing")))
    assert seen == [("sv", "Lägesbild"), ("en", "Briefing"), ("fi", "Tilannekuva")]
    assert app.toast is not None


def test_text_size_from_the_title_screen_lasts_the_whole_run():
    app = make_app(MINI, start=False)
    app.render()
    assert app.scene.ring.focus("fontsize")
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert app.font_scale == FONT_SCALES[FONT_SCALES.index(1.0) + 2]
    big = app.fonts.size_of("body")
    app.scene.start()
    app.render()
    assert app.font_scale > 1.0 and app.fonts.size_of("body") == big
    app.send({"type": "end"})
    app.scene.new_game()  # back to the title for a new game: the size stays
    app.render()
    assert app.fonts.size_of("body") == big
    assert app.scene.ring.focus("fontsize")
    assert app.scene.ring.focused.index == app.font_index()


@pytest.mark.parametrize("ref", [MINI, "finland-2040"], ids=["mini", "finland"])
def test_a_4k_projector_fits_allocation_and_debrief(ref):
    app = make_app(ref, (3840, 2160), human=[0])
    while app.scene.name != "allocation":
        app.advance()
    for name in ("allocation", "allocation-bot", "debrief"):
        if name == "allocation-bot":
            app.scene.select_team(len(app.model.team_ids) - 1)
        if name == "debrief":
            app.send({"type": "end"})
        for page in range(4) if name == "debrief" else [None]:
            if page is not None:
                app.scene.set_page(page)
            app.tp.reset_log()
            app.scene.finish_animation()
            surf = app.render()
            assert surf.get_size() == (3840, 2160)
            assert not app.tp.overflows, (name, page, [m.text for m in app.tp.overflows[:3]])
    # type scales with the screen: body text is at least 2.4 times the 1600×900 size
    assert app.fonts.size_of("body") >= 21 * 2.4 - 1
