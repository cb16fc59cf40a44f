"""Large text for a projector (issue 13): at 125 % and 160 % text on 1280×720, 1600×900 and
1920×1080 windows, every screen keeps its numbers whole and no chart collapses into a
strip. The overflow detector (game.ui.text: what was cut, what did not fit at all) and the
charts' record of their plot areas (game.ui.charts.charts_drawn) say so for each screen.

A text that had to be cut may lose words, never a number it carries ('65 % · 1…' was the
bug); prose of 20 words or more (a scenario's description, an event's story in a card on
the briefing, opened whole with Enter) may be cut at its end.
"""

import pytest

from game.ui.app import FONT_SCALES
from game.ui.charts import charts_drawn
from tests.ui.conftest import make_app, scenario

SIZES = [(1280, 720), (1600, 900), (1920, 1080)]
SCALES = [1.25, 1.6]
REF = "finland-2040"  # the largest bundled scenario: the longest names, six region types


def problems(app, name: str) -> list[tuple]:
    """What the next frame of the current screen loses."""
    app.tp.reset_log()
    charts_drawn(app).clear()
    app.kept_drawings.clear()  # draw every panel anew
    app.scene.finish_animation()
    app.render()
    out = [(name, "does not fit", m.text[:60]) for m in app.tp.overflows]
    for m in app.tp.truncated:
        if m.lost_numbers() and len(m.text.split()) < 20:
            out.append((name, f"cut, loses {m.lost_numbers()}", m.text[:60]))
    w, h = app.size
    for title, (_, _, pw, ph) in charts_drawn(app):
        if ph < max(48, 0.08 * h) or pw < 120:
            out.append((name, f"chart collapsed to {pw}×{ph}", title))
    return out


def walk(size, scale, lang="fi") -> list[tuple]:
    """Every screen of a turn with two people's teams and two bots, the views, the
    console and the debrief's pages.
    """
    app = make_app(REF, size, lang=lang, start=False)
    app.set_font_scale(FONT_SCALES.index(scale))
    found = problems(app, "title")
    J = len(scenario(REF)[1].team_ids)
    app.start_game(3, [0, 1], None)
    m = app.model
    for _ in range(5):
        name = app.scene.name
        found += problems(app, name)
        if name == "briefing" and app.session.pending_events():
            app.scene.open_card(0, 0)
            found += problems(app, "event card")
            app.overlay = None
        if name == "allocation":
            scene = app.scene
            if scene.outlook_tabs is not None:  # the outlook's other tab: the indicators
                scene.set_outlook_view(1)
                found += problems(app, "allocation, indicators")
                scene.set_outlook_view(0)
            if scene.compact:  # the pledges' tab
                scene.set_section(1)
                found += problems(app, "allocation, pledges")
                scene.set_section(0)
            scene.select_team(J - 1)
            found += problems(app, "allocation, a bot's team")
            scene.select_team(0)
        if name == "reflection":
            for view in ("network", "indicators", "scores", "help", "glossary"):
                app.open_view(view)
                found += problems(app, f"view {view}")
                app.overlay = None
            app.toggle_console()
            found += problems(app, "console")
            app.toggle_console()
        if not app.send({"type": "advance"}):  # people's teams that have not decided yet
            for j in (0, 1):
                app.send({"type": "decide", "team": m.team_ids[j]})
            assert app.send({"type": "advance"}), app.scene.name
    assert app.scene.name == "briefing"
    assert app.send({"type": "end"})
    for i in range(4):
        app.scene.set_page(i)
        found += problems(app, f"debrief page {i + 1}")
    return found


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{round(s * 100)}%")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_text_keeps_every_number_and_chart(size, scale):
    found = walk(size, scale)
    assert not found, "\n".join(map(str, found))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_large_text_in_swedish_and_english_on_the_smallest_window(lang):
    found = walk((1280, 720), 1.6, lang)
    assert not found, "\n".join(map(str, found))
