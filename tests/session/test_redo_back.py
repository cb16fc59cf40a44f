"""Redo after undo, going back to an earlier phase, and why a command cannot act now:
session commands, journaled and replayed like every other.
"""

import pytest

from game.scenario.loader import load
from game.session.session import BLOCKED, CommandError
from game.session.store import new_session, open_session
from tests.conftest import DATA


@pytest.fixture
def scenario():
    return load(DATA / "mini.yaml")


def to_phase(s, phase):
    while s.phase != phase:
        s.apply({"type": "advance"})


def test_redo_takes_an_undo_back_and_survives_resume(scenario):
    s, info = new_session(scenario, seed=4, human=["growth"])
    to_phase(s, "allocation")
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 1.0}, "pledges": {}})
    before = s.game.state_hash()
    s.apply({"type": "advance"})  # resolves
    s.apply({"type": "advance"})  # reflection
    after = (s.game.state_hash(), s.turn, s.phase)
    assert s.blocked("redo") == "no_redo"
    s.apply({"type": "undo"})
    assert (s.game.state_hash(), s.turn, s.phase) == (before, 0, "allocation")
    assert s.blocked("redo") is None
    s.apply({"type": "redo"})
    assert (s.game.state_hash(), s.turn, s.phase) == after
    # undo again works (the snapshot came back with the redo), and the journal replays it
    s.apply({"type": "undo"})
    s.apply({"type": "redo"})
    resumed, _, _ = open_session(info.id, attach=False)
    assert (resumed.game.state_hash(), resumed.turn, resumed.phase) == after
    assert [c["type"] for c in resumed.log][-4:] == ["undo", "redo", "undo", "redo"]


def test_a_new_choice_after_undo_ends_the_redo(scenario):
    s, _ = new_session(scenario, seed=4, human=["growth"])
    to_phase(s, "allocation")
    s.apply({"type": "advance"})
    s.apply({"type": "undo"})
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 1.0}, "pledges": {}})
    assert s.blocked("redo") == "no_redo"
    with pytest.raises(CommandError, match=BLOCKED["no_redo"]):
        s.apply({"type": "redo"})


def test_undo_twice_then_redo_twice(scenario):
    s, _ = new_session(scenario, seed=6, human=[])
    hashes = []
    for _ in range(2):
        to_phase(s, "allocation")
        hashes.append(s.game.state_hash())
        s.apply({"type": "advance"})
    end = s.game.state_hash()
    s.apply({"type": "undo"})
    s.apply({"type": "undo"})
    assert s.game.state_hash() == hashes[0] and s.turn == 0
    s.apply({"type": "redo"})
    assert s.game.state_hash() != hashes[0] and s.turn == 1
    s.apply({"type": "redo"})
    assert s.game.state_hash() == end and s.turn == 2


def test_back_goes_to_an_earlier_phase_before_resolution_only(scenario):
    s, info = new_session(scenario, seed=2, human=["growth"])
    assert s.blocked("back") == "first"
    to_phase(s, "allocation")
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 1.0}, "pledges": {}})
    shares = s.human_shares(0).copy()
    s.apply({"type": "back", "phase": "briefing"})
    assert s.phase == "briefing" and s.turn == 0
    assert s.human_shares(0).tolist() == shares.tolist()  # the choices are kept
    for bad in ("allocation", "resolution", "nowhere", None):
        with pytest.raises(CommandError):
            s.apply({"type": "back", "phase": bad})
    to_phase(s, "resolution")
    assert s.blocked("back") == "resolved" and s.blocked("inject") == "resolved"
    with pytest.raises(CommandError, match="already resolved"):
        s.apply({"type": "back", "phase": "allocation"})
    resumed, _, _ = open_session(info.id, attach=False)
    assert (resumed.phase, resumed.game.state_hash()) == (s.phase, s.game.state_hash())


def test_blocked_says_why_for_each_phase(scenario):
    s, _ = new_session(scenario, seed=2, human=["growth"])
    assert s.blocked("allocate") == "not_yet" and s.blocked("inject") is None
    assert s.blocked("undo") == "no_undo"
    to_phase(s, "deliberation")
    assert s.blocked("allocate") is None and s.blocked("back") is None
    s.apply({"type": "end"})
    assert s.blocked("inject") == "over" and s.blocked("advance") == "over"
    assert set(BLOCKED) >= {"over", "resolved", "not_yet", "no_undo", "no_redo", "first"}


def test_the_report_logs_undo_and_redo_in_words(scenario):
    from game.session.report import ReportContext, decision_rows, readable_row

    s, info = new_session(scenario, seed=4, human=["growth"])
    to_phase(s, "allocation")
    s.apply({"type": "advance"})
    s.apply({"type": "undo"})
    s.apply({"type": "redo"})
    for lang in ("fi", "en", "sv"):
        ctx = ReportContext(s, info, scenario.file, lang)
        rows = [r for r in decision_rows(ctx) if r["by"] == "facilitator"]
        assert [r["kind"] for r in rows] == ["undo", "redo"]
        words = [readable_row(ctx, r)["what"] for r in rows]
        assert "redo" not in words and all(words), words
