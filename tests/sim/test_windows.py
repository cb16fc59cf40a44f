"""Windows of opportunity (model v2): a card with a `theme:` effect multiplies what that
theme's effort does in its region types, in the turn it is drawn only; the briefing shows
it, bots answer it, and validation says what a window needs.
"""

from __future__ import annotations

import dataclasses
import io
from contextlib import redirect_stderr, redirect_stdout

import numpy as np

from game.sim import bots
from game.sim.plans import Plan, apply_plan
from game.sim.runner import team_policies
from game.sim.state import new_state
from game.sim.step import Decisions, begin_turn, resolve_turn
from tests.conftest import load_model

WINDOW = "university-places"  # competence-education ×3 in three region types


def _no_windows(model):
    """The same model with every window shut (its cards keep their other effects)."""
    out = dataclasses.replace(model)
    out.__dict__["tables"] = dataclasses.replace(
        model.tables, combo_has_boost=np.zeros_like(model.tables.combo_has_boost)
    )
    return out


def _one_turn(model, theme: str | None) -> np.ndarray:
    """x after the first turn with the window drawn, every team even or all-in on `theme`."""
    st = new_state(model, 1, model.seed, np.array([0]), draw_ahead=True)
    begin_turn(model, st)
    st.pending[:] = False
    st.pending[0, model.event_ids.index(WINDOW)] = True
    dec = Decisions.empty(model, 1)
    if theme is not None:
        dec.shares[:] = 0.0
        dec.shares[..., model.theme_ids.index(theme)] = 1.0
    resolve_turn(model, st, dec)
    return st.x[0]


def test_a_window_multiplies_its_theme_where_it_opens_and_only_there():
    m = load_model("finland-2040")
    shut_m = _no_windows(m)
    boost = m.events[m.event_ids.index(WINDOW)].effects.boost
    t = m.theme_ids.index("competence-education")
    opened = np.flatnonzero(boost[:, t] > 1)
    closed = np.flatnonzero(boost[:, t] == 1)
    assert opened.size and closed.size
    k = m.indicator_ids.index("competence")
    gained = _one_turn(m, None) - _one_turn(shut_m, None)
    assert (gained[opened, k] > 0.3).all()
    assert np.allclose(gained[closed], 0.0, atol=1e-9)
    # a room that puts its effort elsewhere gains less from it (the actors no team plays
    # and the synergy still work on the theme)
    d = _one_turn(m, "accessibility") - _one_turn(shut_m, "accessibility")
    assert (d[opened, k] < gained[opened, k] - 0.1).all()


def test_bots_answer_a_window_they_were_shown():
    m = load_model("finland-2040")
    st = new_state(m, 1, m.seed, np.array([0]), draw_ahead=True)
    begin_turn(m, st)
    st.pending[:] = False
    st.pending[0, m.event_ids.index(WINDOW)] = True
    split, has = bots.shock_response(m, st)
    assert has[0]
    assert split[0].argmax() == m.theme_ids.index("competence-education")
    dec = bots.decide(m, st, ["cooperative"] * len(m.team_ids))
    st.pending[:] = False
    calm = bots.decide(m, st, ["cooperative"] * len(m.team_ids))
    t = m.theme_ids.index("competence-education")
    assert (dec.shares[0, :, t] > calm.shares[0, :, t] + 0.1).all()


def test_a_plan_that_answers_windows_beats_one_that_ignores_them_when_they_open():
    m = load_model("finland-2040")
    seeds = np.arange(40)
    plan = Plan.even(m)
    pols = team_policies(m, None)
    out = {}
    for answer in (False, True):
        st = new_state(m, seeds.size, m.seed, seeds.copy(), draw_ahead=True)
        p = plan.repeat(seeds.size)
        for _ in range(m.n_turns):
            begin_turn(m, st)
            dec = apply_plan(m, st, p, bots.decide(m, st, pols))
            if answer:
                tb = m.tables
                rows, events = np.nonzero(st.pending)
                win = tb.combo_has_boost[tb.combo_base[events]]
                split, _ = bots.shock_response(m, st)
                hit = np.zeros(seeds.size, dtype=bool)
                hit[rows[win]] = True
                w = 0.5 * hit[:, None, None]
                dec.shares[:] = (1 - w) * dec.shares + w * split[:, None, :]
            resolve_turn(m, st, dec)
        out[answer] = st.x.mean()
    assert out[True] > out[False]


def test_the_briefing_line_of_a_window_names_theme_factor_and_regions():
    from game.i18n import translator
    from game.ui.readmodel import effect_lines

    m = load_model("finland-2040")
    fx = m.events[m.event_ids.index(WINDOW)].effects
    lines = [ln for ln in effect_lines(m, fx) if ln.kind == "boost"]
    assert len(lines) == 1 and lines[0].delta == 3.0 and len(lines[0].regions) == 3
    for lang, word in (("en", "Window"), ("fi", "Tilaisuus"), ("sv", "Möjlighet")):
        text = translator(lang)("fx.boost", theme="T", factor="3,0", where="W")
        assert text.startswith(word) and "T" in text and "W" in text


BAD = """
    effects:
      - {theme: competence-education}
      - {boost: 2.0}
      - {theme: no-such-theme, boost: 2.0}
"""


def test_validation_says_what_a_window_needs(tmp_path):
    from game.cli import main

    path = tmp_path / "w.yaml"
    path.write_text(
        "extends: finland-2040\nevents:\n  - id: extra-window\n"
        "    title: {fi: Ikkuna, en: Window}\n    when: {years: [2025]}\n" + BAD.lstrip("\n"),
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", str(path)])
    text = out.getvalue() + err.getvalue()
    assert code == 1
    assert "a theme effect needs boost:" in text
    assert "driver: or theme: (found none)" in text
    assert "no-such-theme" in text
