"""`--resume latest` is the most recently played session (the last journal write), the
tutorial's practice games left out unless asked; `suunta sessions` shows the language,
the teams people play, when it was last played (local time) and the turn and phase the
screen shows.
"""

import os
import re
from datetime import datetime

import pytest

from game.cli import main
from game.session import store
from game.session.listing import session_rows, shown_turn
from game.session.store import JOURNAL_FILE, SessionError, new_session
from game.ui.app import resume_ref
from tests.ui.conftest import MINI, make_app, scenario
from tests.ui.test_own_effect import drawn_texts


def played(info, when):
    """The session's journal was last written at `when` (a Unix time)."""
    os.utime(info.folder / JOURNAL_FILE, (when, when))


def sessions():
    mini, _ = scenario(MINI)
    tut, _ = scenario("tutorial")
    a, ia = new_session(mini, 3, ["growth"], lang="sv")  # started first, played last
    a.apply({"type": "advance"})
    b, ib = new_session(tut, 3, [])  # the tutorial's practice, played in between
    b.apply({"type": "advance"})
    c, ic = new_session(mini, 3, [])  # started last, never played
    played(ia, 2_000_000_000)
    played(ib, 1_900_000_000)
    return ia, ib, ic


def test_resume_latest_is_the_most_recently_played_and_never_a_tutorial():
    ia, ib, ic = sessions()
    assert store.find("latest") == ia.folder
    assert store.find(resume_ref("latest", "tutorial")) == ib.folder
    assert resume_ref("latest", "finland-2040") == "latest"
    played(ia, 1_800_000_000)  # now the practice game was played last: still not it
    assert store.find("latest") == ia.folder


def test_only_tutorial_sessions_say_how_to_resume_them():
    tut, _ = scenario("tutorial")
    new_session(tut, 3, [])[0].apply({"type": "advance"})
    with pytest.raises(SessionError, match="suunta play tutorial --resume latest"):
        store.find("latest")


def test_sessions_lists_language_people_last_played_turn_and_phase(capsys):
    ia, ib, ic = sessions()
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ia.id in ln)
    local = datetime.fromtimestamp(2_000_000_000).strftime("%Y-%m-%d %H:%M")
    assert line.startswith("*")  # what --resume latest continues
    assert " sv " in line and " growth " in line and local in line
    assert re.search(r" 1/\d+\s+Överläggning 2022$", line), line  # deliberation, in Swedish
    never = next(ln for ln in out.splitlines() if ic.id in ln)
    assert "not yet" in never and "bots only" in never
    rows = session_rows()
    assert [r.id for r in rows][-1] == ia.id  # the most recently played last


def test_the_listed_turn_is_the_one_the_header_shows():
    app = make_app(MINI, (1280, 720), lang="en", human=[])
    s = app.session
    seen = set()
    for _ in range(12):  # two turns through every phase
        if app.scene.name != "debrief":
            n, year = shown_turn(s)
            texts = drawn_texts(app)
            assert f"Turn {n}/{s.model.n_turns}" in texts, (s.phase, n, texts[:6])
            assert str(year) in texts
            row = next(r for r in session_rows() if r.id == app.session_info.id)
            assert row.turn == f"{n}/{s.model.n_turns}"
            seen.add((n, s.phase))
        app.advance()
    assert (1, "reflection") in seen and (2, "briefing") in seen
    app.send({"type": "end"})
    n, _ = shown_turn(s)
    assert f"Turn {n}/{s.model.n_turns}" in drawn_texts(app)
