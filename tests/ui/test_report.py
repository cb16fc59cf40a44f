"""The debrief's report (charts drawn by the game's chart code), undo from the UI, and
"what if" branches from the debrief.
"""

import json

import pygame
import pytest

from game.cli import main
from game.session.report import ReportContext
from game.session.store import new_session
from game.ui import report_charts
from tests.ui.conftest import MINI, key, make_app, scenario


def bot_game(ref=MINI, human=("growth",)):
    sc, _ = scenario(ref)
    s, info = new_session(sc, 3, list(human))
    s.run_bots_to_end()
    return s, info, sc


def play_to_debrief(app):
    for _ in range(60):
        if app.scene.name == "debrief":
            return
        app.advance()
    raise AssertionError("the game did not end")


def test_render_draws_every_chart_as_a_png(tmp_path):
    s, info, sc = bot_game()
    ctx = ReportContext(s, info, sc.file, "fi")
    charts = report_charts.render(s, ctx, tmp_path)
    m = s.model
    names = {p.name for p in charts.values()}
    assert names == {"scores.png", "attribution.png", "network.png"} | {
        f"indicator-{k}.png" for k in m.indicator_ids
    }
    for caption, path in charts.items():
        assert caption and path.parent == tmp_path and path.stat().st_size > 8000, path
        w, h = pygame.image.load(str(path)).get_size()
        assert w == report_charts.SIZE[0] and h >= report_charts.SIZE[1], path
        if path.name != "attribution.png":
            assert h == report_charts.SIZE[1]
    # paper: a white page
    img = pygame.image.load(str(tmp_path / "scores.png"))
    assert tuple(img.get_at((2, 2)))[:3] == (255, 255, 255)


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@pytest.mark.parametrize("ref", [MINI, "finland-2040"], ids=["mini", "finland"])
def test_no_chart_loses_text(ref, lang):
    sc, model = scenario(ref)
    s, info, _ = bot_game(ref, human=[model.team_ids[0]])
    cv = report_charts.Canvas(s, sc.file, lang)
    draws = [report_charts._scores, report_charts._network]
    K = len(model.indicator_ids)
    draws += [lambda c, k=k: report_charts._indicator(c, k) for k in range(K)]
    for draw in draws:
        cv.tp.reset_log()
        draw(cv)
        assert not cv.tp.overflows, [x.text for x in cv.tp.overflows]
    tall = report_charts.Canvas(s, sc.file, lang, (1600, 1180))
    report_charts._attribution(tall)
    assert not tall.tp.overflows and not tall.tp.truncated, [x.text for x in tall.tp.truncated]


def test_attribution_totals_add_up_to_the_change(tmp_path):
    s, _, _ = bot_game()
    att = report_charts.attribution_totals(s)
    change = s.game.history[-1] - s.game.history[0]
    assert att.sum(axis=0) == pytest.approx(change, abs=1e-6)


def test_suunta_report_embeds_the_charts_in_the_html(tmp_path, capsys):
    s, info, _ = bot_game()
    out = tmp_path / "rep"
    assert main(["report", info.id, "--out", str(out), "--lang", "sv"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    pngs = sorted(out.glob("*.png"))
    assert len(pngs) == 3 + len(s.model.indicator_ids)
    assert html.count("<img") == len(pngs)
    assert html.count('src="data:image/png;base64,') == len(pngs)
    assert "<figcaption>" in html and "Resultat per omgång" in html


def test_the_report_button_writes_into_the_session_folder():
    app = make_app(MINI, human=[0])
    play_to_debrief(app)
    key(app, pygame.K_r)
    folder = app.session_info.folder / "report"
    assert (folder / "report.html").is_file() and (folder / "scores.png").is_file()
    assert app.scene.report_path == folder / "report.html"
    assert str(folder) in app.toast[0]
    app.tp.reset_log()
    app.render()  # the path stays on screen under the page
    assert not app.tp.overflows


def test_undo_from_the_reflection_keeps_the_choices():
    app = make_app(MINI)
    while app.scene.name != "allocation":
        key(app, pygame.K_PAGEDOWN)
    for _ in range(3):
        key(app, pygame.K_LEFT)  # less on the first theme
    key(app, pygame.K_d)  # team A has decided; team B has not
    shares = app.session.human_shares(0)
    before = app.session.game.state_hash()
    key(app, pygame.K_PAGEDOWN)
    assert app.overlay is not None and app.overlay.name == "undecided"
    key(app, pygame.K_PAGEDOWN)  # team B keeps its split (the default)
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "reflection" and app.session.turn == 1
    key(app, pygame.K_F2)
    app.console.set_page(2)  # the game page
    app.render()
    assert app.console.ring.focus("undo")
    key(app, pygame.K_RETURN)
    assert app.session.turn == 1  # asks once more first
    key(app, pygame.K_RETURN)
    s = app.session
    assert (s.turn, s.phase, app.scene.name) == (0, "allocation", "allocation")
    assert s.game.state_hash() == before
    assert s.human_shares(0) == pytest.approx(shares)
    assert s.undecided() == [(0, ("vision",)), (1, ("vision", "allocation"))]  # as before
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_PAGEDOWN)  # resolve again: the same choices, the same turn
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "resolution" and s.turn == 1


def test_what_if_branches_from_the_debrief_with_keys_and_plays_on(capsys):
    app = make_app(MINI, human=[0])
    play_to_debrief(app)
    parent = app.session_info
    parent_hist = [x.copy() for x in app.session.game.history]
    key(app, pygame.K_w)
    view = app.overlay
    assert view is not None and view.name == "branch"
    app.tp.reset_log()
    app.render()
    assert not app.tp.overflows
    assert view.turn == app.model.n_turns - 1
    key(app, pygame.K_UP)
    assert view.turn == app.model.n_turns - 2
    key(app, pygame.K_TAB)  # team A
    key(app, pygame.K_TAB)  # team B
    key(app, pygame.K_TAB)  # the button
    assert view.ring.focused.key == "branch"
    key(app, pygame.K_RETURN)
    turn = app.model.n_turns - 2
    info = app.session_info
    assert info.id != parent.id and app.overlay is None
    assert info.meta["parent"] == {"session": parent.id, "turn": turn}
    s = app.session
    assert (s.turn, s.phase, app.scene.name) == (turn, "briefing", "briefing")
    assert s.human == [0]
    for t in range(turn + 1):  # the shared history
        assert s.game.history[t].tolist() == parent_hist[t].tolist()
    play_to_debrief(app)
    assert app.session.finished
    meta = json.loads((info.folder / "session.json").read_text(encoding="utf-8"))
    assert meta["parent"] == {"session": parent.id, "turn": turn}
    # the branch's report compares it with the game it came from
    assert main(["report", info.id, "--lang", "en"]) == 0
    html = (info.folder / "report" / "report.html").read_text(encoding="utf-8")
    assert "Comparison: branch and original" in html


def test_what_if_without_a_saved_game_says_why():
    app = make_app(MINI, human=[0])
    play_to_debrief(app)
    app.session_info = None
    key(app, pygame.K_w)
    key(app, pygame.K_TAB)
    key(app, pygame.K_TAB)
    key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    assert app.toast[1] == "error" and app.scene.name == "debrief"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_r)
    assert app.toast[1] == "error"
