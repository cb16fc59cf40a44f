"""Sessions on disk: the journal, resume by replay, damaged files, branches, reports."""

import csv
import json

import pytest

from game.cli import main
from game.scenario.loader import load
from game.session.session import CommandError
from game.session.store import (
    FORMAT_VERSION,
    SessionError,
    branch,
    list_sessions,
    new_session,
    open_session,
    read_journal,
)
from game.sim.runner import play_batch
from tests.conftest import DATA

MINI = DATA / "mini.yaml"


@pytest.fixture
def scenario():
    return load(MINI)


def play_some(session, steps):
    for _ in range(steps):
        session.apply({"type": "advance"})


def test_new_session_writes_versioned_files(scenario, tmp_path):
    s, info = new_session(scenario, seed=5, human=["growth"])
    meta = json.loads((info.folder / "session.json").read_text())
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["seed"] == 5 and meta["human"] == ["growth"]
    assert (info.folder / "scenario.yaml").exists()
    assert not list(info.folder.glob(".*.tmp")), "no temporary file is left behind"
    play_some(s, 2)
    s.apply(
        {
            "type": "allocate",
            "team": "growth",
            "shares": {"economy": 0.6},
            "pledges": {"skills-jobs": 3},
        }
    )
    lines = (info.folder / "journal.jsonl").read_text().splitlines()
    assert len(lines) == 3 and json.loads(lines[-1])["type"] == "allocate"


def test_resume_rebuilds_the_exact_state(scenario):
    s, info = new_session(scenario, seed=8, human=["skills"])
    play_some(s, 2)
    s.apply({"type": "allocate", "team": "skills", "shares": {"education": 1.0}, "pledges": {}})
    play_some(s, 4)
    resumed, rinfo, warnings = open_session("latest")
    assert warnings == []
    assert rinfo.id == info.id
    assert resumed.game.state_hash() == s.game.state_hash()
    assert (resumed.turn, resumed.phase) == (s.turn, s.phase)
    resumed.run_bots_to_end()
    s.run_bots_to_end()
    assert resumed.game.state_hash() == s.game.state_hash()


def test_finished_bot_session_matches_simulate(scenario):
    s, _ = new_session(scenario, seed=4)
    s.run_bots_to_end()
    again, _, _ = open_session("latest", attach=False)
    assert again.finished
    assert again.game.state_hash() == play_batch(scenario.compile(), 1, seed=4).state_hash()


def test_cut_off_last_line_is_dropped_with_a_warning(scenario):
    s, info = new_session(scenario, seed=2)
    play_some(s, 3)
    before = s.game.state_hash()
    with open(info.folder / "journal.jsonl", "a") as fh:
        fh.write('{"type": "adv')  # the process died while writing
    resumed, _, warnings = open_session(info.id)
    assert len(warnings) == 1 and "cut off" in warnings[0]
    assert resumed.game.state_hash() == before
    resumed.apply({"type": "advance"})  # the journal stays valid after the repair
    assert read_journal(info.folder)[0][-1] == {"type": "advance"}
    assert len(read_journal(info.folder)[0]) == 4


def test_truncation_at_every_byte_of_the_last_line_resumes(scenario):
    s, info = new_session(scenario, seed=6)
    play_some(s, 4)
    path = info.folder / "journal.jsonl"
    raw = path.read_bytes()
    last_start = raw[:-1].rfind(b"\n") + 1
    hashes = set()
    for cut in range(last_start, len(raw) + 1):
        path.write_bytes(raw[:cut])
        resumed, _, _ = open_session(info.id, attach=False)
        assert len(resumed.log) in (3, 4)
        hashes.add(resumed.game.state_hash())
    assert len(hashes) <= 2


def test_corrupted_middle_line_names_the_line(scenario):
    s, info = new_session(scenario, seed=2)
    play_some(s, 3)
    path = info.folder / "journal.jsonl"
    lines = path.read_text().splitlines()
    lines[1] = "{not json"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SessionError, match=r"journal.jsonl:2: damaged journal line"):
        open_session(info.id)


def test_newer_format_is_refused_with_exit_1(scenario, capsys):
    _, info = new_session(scenario, seed=2)
    meta = json.loads((info.folder / "session.json").read_text())
    meta["format_version"] = 999
    (info.folder / "session.json").write_text(json.dumps(meta))
    assert main(["replay", info.id]) == 1
    err = capsys.readouterr().err
    assert "format 999 is newer" in err and "Traceback" not in err
    assert main(["sessions"]) == 0  # still listed, with the reason it cannot be opened
    assert "cannot be opened" in capsys.readouterr().out


def test_unknown_session_is_a_clear_error(capsys):
    assert main(["replay", "nope"]) == 1
    assert "no saved sessions" in capsys.readouterr().err


def test_journal_that_does_not_replay_is_refused(scenario):
    s, info = new_session(scenario, seed=2)
    with open(info.folder / "journal.jsonl", "a") as fh:
        fh.write(json.dumps({"type": "vote", "team": "nobody"}) + "\n")
    with pytest.raises(SessionError, match="does not replay"):
        open_session(info.id)


def test_bad_commands_change_nothing(scenario):
    s, info = new_session(scenario, seed=2, human=["growth"])
    before = (s.game.state_hash(), s.phase)
    for cmd in (
        {"type": "fly"},
        {"type": "allocate", "team": "growth", "shares": {}},
        {"type": "vote", "team": "growth", "event": "campus", "option": "x"},
        {"type": "undo"},
    ):
        with pytest.raises(CommandError):
            s.apply(cmd)
    assert (s.game.state_hash(), s.phase) == before
    assert (info.folder / "journal.jsonl").read_text() == ""


def test_undo_returns_to_allocation(scenario):
    s, _ = new_session(scenario, seed=2, human=["growth"])
    play_some(s, 2)
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 1.0}, "pledges": {}})
    before = s.game.state_hash()
    s.apply({"type": "advance"})
    assert s.turn == 1
    s.apply({"type": "undo"})
    assert (s.turn, s.phase, s.game.state_hash()) == (0, "allocation", before)
    resumed, _, _ = open_session("latest", attach=False)
    assert resumed.game.state_hash() == before and resumed.phase == "allocation"


def test_branch_shares_history_then_diverges(scenario):
    s, info = new_session(scenario, seed=3)
    s.run_bots_to_end()
    b, binfo = branch(info.id, 1, human=["growth"])
    assert binfo.meta["parent"] == {"session": info.id, "turn": 1}
    assert (b.turn, b.phase) == (1, "briefing")
    assert b.game.history[1].tolist() == s.game.history[1].tolist()
    play_some(b, 2)
    b.apply({"type": "allocate", "team": "growth", "shares": {"education": 1.0}, "pledges": {}})
    b.run_bots_to_end()
    assert b.game.state_hash() != s.game.state_hash()
    assert {i.id for i in list_sessions()} == {info.id, binfo.id}
    with pytest.raises(SessionError):
        branch(info.id, 9)


def test_report_writes_html_and_csv(scenario, tmp_path, capsys):
    s, info = new_session(scenario, seed=3, human=["growth"])
    play_some(s, 2)
    s.run_bots_to_end()
    out = tmp_path / "rep"
    assert main(["report", info.id, "--out", str(out), "--lang", "en"]) == 0
    html = (out / "report.html").read_text()
    assert "Cooperation dividend" in html and "<table" in html
    with open(out / "indicators.csv") as fh:
        rows = list(csv.DictReader(fh))
    m = s.model
    assert len(rows) == (m.n_turns + 1) * len(m.region_ids) * len(m.indicator_ids)
    assert all(0 <= float(r["value"]) <= 100 for r in rows)
    with open(out / "decisions.csv") as fh:
        dec = list(csv.DictReader(fh))
    kinds = {d["kind"] for d in dec}
    assert "allocation" in kinds
    assert {d["team"] for d in dec if d["kind"] == "allocation"} == set(m.team_ids)


def test_sessions_lists_them(scenario, capsys):
    s, info = new_session(scenario, seed=3)
    play_some(s, 2)
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out
    assert info.id in out and "mini" in out and "Panosten jako" in out  # as the screen says


def test_branch_with_other_players_keeps_the_shared_history(scenario):
    s, info = new_session(scenario, seed=3, human=["growth"])
    s.run_bots_to_end()
    b, binfo = branch(info.id, 2, human=["skills"])
    for t in range(3):
        assert b.game.history[t].tolist() == s.game.history[t].tolist()
    assert b.human == [b.model.team_ids.index("skills")]
    resumed, _, _ = open_session(binfo.id, attach=False)
    assert resumed.human == b.human
    assert resumed.game.state_hash() == b.game.state_hash()
    assert binfo.human == ["growth"]  # the players at the start; the journal says the switch


def test_signing_the_shared_vision_is_journaled_and_replayed(scenario):
    """A team's signature of the shared vision in the first turn moves trust; it is a
    journaled command that a resumed session replays, and refused after the first turn."""
    signed, info = new_session(scenario, seed=6, human=["growth", "skills"])
    unsigned, _ = new_session(scenario, seed=6, human=["growth", "skills"])
    for s in (signed, unsigned):
        play_some(s, 1)  # deliberation
    for team in ("growth", "skills"):
        signed.apply({"type": "endorse", "team": team, "signs": True})
        unsigned.apply({"type": "endorse", "team": team, "signs": False})
    assert signed.endorses(0) and not unsigned.endorses(0)
    for s in (signed, unsigned):
        play_some(s, 2)  # allocation, then the turn is resolved
    assert (signed.game.state.trust[0] > unsigned.game.state.trust[0]).any()
    assert (signed.game.state.trust[0] >= unsigned.game.state.trust[0]).all()
    lines = (info.folder / "journal.jsonl").read_text().splitlines()
    assert [json.loads(ln)["type"] for ln in lines].count("endorse") == 2
    resumed, _, _ = open_session(info.id)
    assert resumed.game.state_hash() == signed.game.state_hash()
    play_some(signed, 3)  # the second turn's deliberation
    before = signed.game.state_hash()
    for cmd in (
        {"type": "endorse", "team": "growth", "signs": True},
        {"type": "endorse", "team": "growth", "signs": "yes"},
        {"type": "endorse", "team": "nobody", "signs": True},
    ):
        with pytest.raises(CommandError):
            signed.apply(cmd)
    assert signed.game.state_hash() == before
