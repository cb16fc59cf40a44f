"""One UI kit (issue 16): every widget of every screen is the game's own and follows the
contrast (F9) and the text size (Ctrl + and Ctrl -) the moment they change. The bug this
guards against: pygame_gui's path entry on the title kept the standard theme's white and
its old text size on the high-contrast panel.

The test walks the title (with a path typed in its field), the five phases of a turn and
the debrief; on each it presses F9 and checks that no widget is still filled with a colour
of the other palette, then presses Ctrl + four times (100 % → 160 %) and checks that every
widget was laid out again for the larger text, and back.
"""

import numpy as np
import pygame
import pytest

from game.ui.theme import PALETTES
from game.ui.widgets import TextInput
from tests.ui.conftest import MINI, key, make_app, scenario

REF = MINI  # the walk needs only a turn; the widgets are the same on every scenario


def palette_colours(name: str) -> set[tuple[int, int, int]]:
    pal = PALETTES[name]
    return {tuple(v) for v in vars(pal).values() if isinstance(v, tuple) and len(v) == 3}


def fill_of(app, rect: pygame.Rect) -> tuple[int, int, int]:
    """The most common colour inside a widget (its fill; text and outline are thinner)."""
    r = rect.clip(app.screen.get_rect()).inflate(-6, -6)
    if r.width <= 0 or r.height <= 0:
        return (-1, -1, -1)
    px = pygame.surfarray.array3d(app.screen.subsurface(r)).reshape(-1, 3)
    colours, counts = np.unique(px, axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


def stale_widgets(app, other: str) -> list[str]:
    """Widgets whose fill is a colour only the other palette has."""
    only_other = palette_colours(other) - palette_colours(app.palette_name)
    app.kept_drawings.clear()
    app.render()
    return [
        f"{app.scene.name}: {w.key} {fill_of(app, w.rect)}"
        for w in app.scene.ring.widgets
        if fill_of(app, w.rect) in only_other
    ]


def laid_out(app) -> dict[str, tuple[object, object]]:
    """Each widget (held, so that a new one cannot take its place in memory) and its rect."""
    return {w.key: (w, tuple(w.rect)) for w in app.scene.ring.widgets}


def check_screen(app) -> list[str]:
    """F9 there and back, then the text 100 % → 160 % → 100 %, on the current screen:
    every widget made anew for each text size (drawn with that size's fonts), and the
    same layout again at 100 %.
    """
    found = []
    for _ in range(2):
        before = app.palette_name
        fills = {w.key: fill_of(app, w.rect) for w in app.scene.ring.widgets}
        key(app, pygame.K_F9)
        assert app.palette_name != before
        found += stale_widgets(app, before)
        found += [  # white is the standard panel and the high-contrast ink: it must change
            f"{app.scene.name}: {w.key} kept its fill {fills[w.key]} after F9"
            for w in app.scene.ring.widgets
            if fills.get(w.key) == fill_of(app, w.rect)
        ]
    small = laid_out(app)
    for _ in range(4):  # 1.0 → 1.1 → 1.25 → 1.4 → 1.6
        key(app, pygame.K_EQUALS, pygame.KMOD_CTRL)
    assert app.font_scale == 1.6
    large = laid_out(app)
    kept = [k for k in small.keys() & large.keys() if small[k][0] is large[k][0]]
    if kept:
        found.append(f"{app.scene.name}: not laid out again for larger text: {kept}")
    found += stale_widgets(app, "contrast" if app.palette_name == "light" else "light")
    for _ in range(4):
        key(app, pygame.K_MINUS, pygame.KMOD_CTRL)
    assert app.font_scale == 1.0
    again = laid_out(app)
    if {k: v[1] for k, v in again.items()} != {k: v[1] for k, v in small.items()}:
        found.append(f"{app.scene.name}: widgets not back in their places at 100 %")
    return found


def test_every_widget_of_every_screen_follows_contrast_and_text_size():
    app = make_app(REF, (1280, 720), start=False)
    app.render()
    field = next(w for w in app.scene.ring.widgets if isinstance(w, TextInput))
    app.scene.ring.focus(field.key)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="oma.yaml"))
    found = check_screen(app)
    field = next(w for w in app.scene.ring.widgets if isinstance(w, TextInput))
    assert field.text == "oma.yaml", "the typed path is kept when the title is laid out again"
    m = scenario(REF)[1]
    app.start_game(3, [0, 1], None)
    seen = []
    for _ in range(5):
        seen.append(app.scene.name)
        found += check_screen(app)
        if not app.send({"type": "advance"}):
            for j in (0, 1):
                app.send({"type": "decide", "team": m.team_ids[j]})
            assert app.send({"type": "advance"}), app.scene.name
    assert seen == ["briefing", "deliberation", "allocation", "resolution", "reflection"]
    assert app.send({"type": "end"})
    assert app.scene.name == "debrief"
    found += check_screen(app)
    assert not found, "\n".join(found)


def test_the_text_field_edits_in_place():
    app = make_app(start=False)
    app.render()
    field = next(w for w in app.scene.ring.widgets if isinstance(w, TextInput))
    app.scene.ring.focus(field.key)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="skenario.yml"))
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="a"))
    key(app, pygame.K_END)
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_HOME)
    key(app, pygame.K_DELETE)
    field = next(w for w in app.scene.ring.widgets if isinstance(w, TextInput))
    assert field.text == "kenario.aym"
    before = app.scene.name
    key(app, pygame.K_q, unicode="q")  # a letter types; it is no shortcut here
    assert app.scene.name == before and app.running


@pytest.mark.parametrize("name", ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "OFL.txt"])
def test_the_fonts_and_their_licence_are_shipped(name):
    from game.ui.theme import font_dir

    path = font_dir() / name
    assert path.is_file() and path.stat().st_size > 1000
    if name == "OFL.txt":
        assert "SIL OPEN FONT LICENSE" in path.read_text(encoding="utf-8")
