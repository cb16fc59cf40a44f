"""Teams decide; bots only play bots (issue 13): a people's team starts every turn
undecided, says when a decision is made (journaled `decide`), and what happens to what it
left open is the facilitator's explicit, journaled choice (the advance's "undecided" and
"reason"). The report never credits a team with a choice it did not make; sessions of
older formats keep their meaning.
"""

import csv
import html
import json

import numpy as np
import pytest

from game.scenario.loader import load
from game.session.provenance import team_how
from game.session.report import write_report
from game.session.session import CommandError, Session
from game.session.store import SESSION_FILE, branch, new_session, open_session
from game.sim.runner import Game
from tests.conftest import DATA

MINI = DATA / "mini.yaml"


@pytest.fixture(scope="module")
def finland():
    return load("finland-2040")


@pytest.fixture(scope="module")
def mini():
    return load(MINI)


def to_phase(s, phase):
    while s.phase != phase:
        s.apply({"type": "advance"})


def test_a_peoples_team_starts_every_turn_undecided(mini):
    m = mini.compile()
    s = Session(m, 3, [0, 1])
    assert s.decision_kinds() == ("vision", "allocation")
    assert s.undecided() == [(0, ("vision", "allocation")), (1, ("vision", "allocation"))]
    g = s.game
    # nothing of the bot's suggestion is theirs: last turn's split (even), no pledges, no
    # votes, no signature; the suggestion is kept apart
    assert np.allclose(s.human_shares(0), g.state.last_shares[0, 0])
    assert not s.human_pledges(0).any() and not s.endorses(0)
    assert (g.human_decisions.votes[0, :2] == -1).all()
    sug_shares, _ = s.suggested(0)
    assert not np.allclose(sug_shares, s.human_shares(0))
    # what the screens show as decided: only what teams did (no "2/2 teams voted")
    dec = g.decisions()
    assert not dec.pledges[0, :2].any() and not dec.endorse[0, :2].any()
    to_phase(s, "allocation")
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 1.0}})
    assert s.decision_state(0, "allocation") == "draft"
    s.apply({"type": "decide", "team": "growth", "kind": "allocation"})
    assert s.decision_state(0, "allocation") == "decided"
    s.apply({"type": "allocate", "team": "growth", "shares": {"economy": 0.9}})
    assert s.decision_state(0, "allocation") == "draft"  # changed after: confirm again
    s.apply({"type": "decide", "team": "growth", "kind": "allocation"})
    s.apply({"type": "endorse", "team": "growth", "signs": False})
    assert s.undecided() == [(1, ("vision", "allocation"))]
    s.apply({"type": "decide", "team": "growth", "kind": "allocation", "decided": False})
    assert s.decision_state(0, "allocation") == "draft"
    s.apply({"type": "decide", "team": "growth", "kind": "allocation"})
    s.apply({"type": "advance", "reason": "time"})
    rec = s.settled(0)
    assert rec["reason"] == "time"
    assert rec["teams"][0] == {"allocation": "people", "votes": {}, "vision": "people"}
    assert rec["teams"][1] == {"allocation": "kept", "votes": {}, "vision": "unsigned"}
    played = g.decision_history[0]
    assert np.allclose(played.shares[0, 1], 0.5) and not played.pledges[0, 1].any()
    # the next turn starts undecided again, from the split each team played
    to_phase(s, "briefing")
    assert [j for j, kinds in s.undecided() if "allocation" in kinds] == [0, 1]
    assert np.allclose(s.human_shares(0), [0.9, 0.0])


def test_bad_decide_and_advance_commands_change_nothing(mini):
    m = mini.compile()
    s = Session(m, 3, [0])
    with pytest.raises(CommandError, match="decisions are made"):
        s.apply({"type": "decide", "team": "growth", "kind": "allocation"})
    to_phase(s, "allocation")
    bad = [
        ({"type": "decide", "team": "skills", "kind": "allocation"}, "not played by people"),
        ({"type": "decide", "team": "growth", "kind": "split"}, "unknown kind"),
        ({"type": "decide", "team": "growth", "kind": "votes"}, "no votes decision"),
        ({"type": "decide", "team": "growth", "kind": "allocation", "decided": 1}, "true or"),
        ({"type": "advance", "undecided": "guess"}, "unknown choice"),
        ({"type": "advance", "undecided": {"nobody": "keep"}}, "unknown team"),
        ({"type": "advance", "reason": "lunch"}, "unknown reason"),
        ({"type": "advance", "undecided": 3}, "one of keep"),
    ]
    before = (s.phase, s.game.state_hash(), len(s.log))
    for cmd, why in bad:
        with pytest.raises(CommandError, match=why):
            s.apply(cmd)
        assert (s.phase, s.game.state_hash(), len(s.log)) == before, cmd


def test_the_facilitator_chooses_what_happens_to_open_decisions(finland):
    m = finland.compile()
    s = Session(m, 5, [0, 1, 2])
    to_phase(s, "allocation")
    g = s.game
    A, B, C = m.team_ids[:3]
    s.apply({"type": "allocate", "team": A, "shares": {m.theme_ids[0]: 1.0}})  # a draft
    s.apply({"type": "allocate", "team": B, "shares": {m.theme_ids[1]: 1.0}})  # a draft
    sug = g.suggestion.select(slice(0, 1))
    dil = s.dilemmas()
    s.apply({"type": "advance", "undecided": {A: "draft", B: "keep", C: "bot"}})
    rec = s.settled(0)
    assert rec["reason"] == "facilitator"
    assert rec["teams"][0]["allocation"] == "draft" and rec["teams"][1]["allocation"] == "kept"
    assert rec["teams"][2]["allocation"] == "bot"
    played = g.decision_history[0]
    assert played.shares[0, 0, 0] == 1.0 and np.allclose(played.shares[0, 1], 0.2)
    assert np.allclose(played.shares[0, 2], sug.shares[0, 2])
    assert np.array_equal(played.votes[0, 2], sug.votes[0, 2])
    assert played.endorse[0, 2] == sug.endorse[0, 2] and not played.endorse[0, :2].any()
    for i in dil:
        assert rec["teams"][0]["votes"][i] == "abstained" and played.votes[0, 0, i] == -1
        assert team_how(s, 0, 2, "votes", i).how in ("bot", "abstained")
    # undo: back to the allocation with the drafts, nothing settled; redo brings it back
    s.apply({"type": "undo"})
    assert s.phase == "allocation" and s.settled(0) is None
    assert s.decision_state(0, "allocation") == "draft"
    s.apply({"type": "redo"})
    assert s.settled(0) == rec


def test_votes_are_decided_when_cast_or_declared_final(finland):
    m = finland.compile()
    s = Session(m, 5, [0])
    to_phase(s, "deliberation")
    dil = s.dilemmas()
    assert dil and "votes" in s.decision_kinds()
    ev = m.events[dil[0]]
    s.apply({"type": "vote", "team": m.team_ids[0], "event": ev.id, "option": ev.options[0]})
    assert s.decision_state(0, "votes") == ("decided" if len(dil) == 1 else "open")
    s.apply({"type": "decide", "team": m.team_ids[0], "kind": "votes"})  # the rest: abstain
    assert s.decision_state(0, "votes") == "decided"
    to_phase(s, "allocation")
    s.apply({"type": "advance"})
    votes = s.settled(0)["teams"][0]["votes"]
    assert votes[dil[0]] == "people"
    assert all(votes[i] == "abstain" for i in dil[1:])


def one_team_never_acts(finland, lang="en"):
    """A finland-2040 session: team A plays every turn (votes, signs, decides its split
    and pledges), team C never acts; the time runs out in odd turns.
    """
    m = finland.compile()
    A, C = m.team_ids[0], m.team_ids[2]
    s, info = new_session(finland, seed=9, human=[A, C], lang=lang)
    while not s.finished:
        if s.phase == "deliberation":
            for i in s.dilemmas():
                ev = m.events[i]
                s.apply({"type": "vote", "team": A, "event": ev.id, "option": ev.options[-1]})
            if s.turn == 0:
                s.apply({"type": "endorse", "team": A, "signs": True})
        if s.phase == "allocation":
            shares = {m.theme_ids[0]: 0.5, m.theme_ids[2]: 0.5}
            pledges = {m.package_ids[0]: 3.0}
            s.apply({"type": "allocate", "team": A, "shares": shares, "pledges": pledges})
            s.apply({"type": "decide", "team": A, "kind": "allocation"})
            reason = "time" if s.turn % 2 else "facilitator"
            s.apply({"type": "advance", "undecided": "keep", "reason": reason})
            continue
        s.apply({"type": "advance"})
    s.journal.close()
    return s, info, m


def test_a_team_that_never_acts_is_never_credited_with_a_decision(finland, tmp_path):
    s, info, m = one_team_never_acts(finland)
    A, C = m.team_ids[0], m.team_ids[2]
    # the game played C as it kept things: the even split, never a pledge, vote or signature
    for t, dec in enumerate(s.game.decision_history):
        assert np.allclose(dec.shares[0, 2], 0.2), t
        assert not dec.pledges[0, 2].any() and (dec.votes[0, 2] == -1).all(), t
    assert not s.game.decision_history[0].endorse[0, 2]
    write_report(s, info, finland.file, tmp_path, "en")
    with open(tmp_path / "decisions.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    c_rows = [r for r in rows if r["team"] == C]
    a_rows = [r for r in rows if r["team"] == A]
    assert c_rows and a_rows
    assert {r["by"] for r in c_rows} == {"undecided"}  # never "people"
    assert {r["how"] for r in c_rows} >= {"kept", "unsigned"}
    assert {r["how"] for r in c_rows if r["kind"] == "vote"} == {"abstained"}
    assert all(r["value"] == "" for r in c_rows if r["kind"] == "vote")  # no vote cast
    assert {r["reason"] for r in c_rows} == {"time", "facilitator"}
    assert {r["by"] for r in a_rows} == {"people"} and {r["how"] for r in a_rows} == {""}
    # the report in words, for people: the page and the spreadsheet CSV
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "kept last turn's split and pledges (time ran out)" in html.unescape(page)
    assert "an even split, no pledges (the facilitator moved on)" in page
    assert "did not vote (time ran out)" in page
    assert "did not sign the vision (the facilitator moved on)" in page
    people = (tmp_path / "decisions-en.csv").read_text(encoding="utf-8-sig").splitlines()
    c_name = "The East and the North"
    c_lines = [line for line in people if c_name in line]
    assert c_lines and all(",people," not in line for line in c_lines)
    assert all("not decided" in line for line in c_lines)
    # the same from the journal: replay gives the same game and the same record
    again, _, _ = open_session(info.id, attach=False)
    assert again.game.state_hash() == s.game.state_hash()
    assert again.game.people_history == s.game.people_history


def test_what_the_report_says_in_finnish_and_swedish(finland, tmp_path):
    s, info, m = one_team_never_acts(finland, "fi")
    write_report(s, info, finland.file, tmp_path / "fi", "fi")
    page = (tmp_path / "fi" / "report.html").read_text(encoding="utf-8")
    assert "piti edellisen vuoron jaon ja sitoumukset (aika loppui)" in page
    assert "ei päätetty" in page
    write_report(s, info, finland.file, tmp_path / "sv", "sv")
    page = (tmp_path / "sv" / "report.html").read_text(encoding="utf-8")
    assert "röstade inte (tiden tog slut)" in page and "inte beslutat" in page


def old_rule_hash(model, seed, human, commands):
    """The game an older session's journal meant: people's teams start every turn from
    their bot's suggestion (as `Game.begin` once did) and play it unless they change it.
    """
    g = Game(model, seed, None, human)
    phase = "briefing"
    g.begin()
    g.human_decisions = g._decide(g.state).select(slice(0, 1))
    for cmd in commands:
        kind = cmd["type"]
        j = model.team_ids.index(cmd["team"]) if "team" in cmd else None
        if kind == "advance":
            if phase == "allocation":
                g.resolve()
                phase = "resolution"
            elif phase == "reflection":
                g.begin()
                g.human_decisions = g._decide(g.state).select(slice(0, 1))
                phase = "briefing"
            else:
                phase = ("briefing", "deliberation", "allocation", "resolution", "reflection")[
                    ("briefing", "deliberation", "allocation", "resolution").index(phase) + 1
                ]
        elif kind == "vote":
            ev = model.event_ids.index(cmd["event"])
            g.vote(j, ev, model.events[ev].options.index(cmd["option"]))
        elif kind == "endorse":
            g.endorse(j, cmd["signs"])
        elif kind == "allocate":
            shares = [cmd["shares"].get(t, 0.0) for t in model.theme_ids]
            pledges = [cmd.get("pledges", {}).get(p, 0.0) for p in model.package_ids]
            g.allocate(j, shares, pledges)
    return g.state_hash()


def test_an_older_session_keeps_its_meaning(finland):
    """A format-2 session (people started from their bot's suggestion) replays as it was
    played, says so in its record ("suggested"), and its branches keep the rule.
    """
    m = finland.compile()
    A, C = m.team_ids[0], m.team_ids[2]
    s, info = new_session(finland, seed=11, human=[A, C])
    commands = []

    def send(cmd):
        s.apply(cmd)
        commands.append(cmd)

    # an old journal: A votes on the first dilemma and signs; changes its split in turn 2
    for turn in range(3):
        send({"type": "advance"})
        if s.dilemmas() and turn == 0:
            ev = m.events[s.dilemmas()[0]]
            send({"type": "vote", "team": A, "event": ev.id, "option": ev.options[-1]})
            send({"type": "endorse", "team": A, "signs": True})
        send({"type": "advance"})
        if turn == 1:
            even = {t: 1 / len(m.theme_ids) for t in m.theme_ids}
            send({"type": "allocate", "team": A, "shares": even, "pledges": {}})
        for _ in range(3):
            send({"type": "advance"})
    s.journal.close()
    meta = json.loads((info.folder / SESSION_FILE).read_text())
    meta["format_version"] = 2  # as a game before this format wrote it
    for k in ("people_start", "schedule"):
        meta.pop(k, None)
    (info.folder / SESSION_FILE).write_text(json.dumps(meta))
    old, oinfo, _ = open_session(info.id)
    assert oinfo.prefill and old.prefill
    want = old_rule_hash(m, 11, [0, 2], commands)
    assert old.game.state_hash() == want != s.game.state_hash()
    rec = old.settled(0)["teams"]
    assert rec[0]["allocation"] == "suggested" and rec[0]["vision"] == "people"
    assert rec[2]["allocation"] == "suggested" and rec[2]["vision"] == "suggested"
    assert old.settled(1)["teams"][0]["allocation"] == "people"
    how = team_how(old, 0, 2, "allocation")
    assert how.how == "suggested" and not how.own
    # a branch of it replays the shared history by the same rule
    b, binfo = branch(info.id, 2)
    assert binfo.prefill and b.prefill
    assert np.allclose(b.game.history[2], old.game.history[2])
    assert json.loads((binfo.folder / SESSION_FILE).read_text())["people_start"] == "suggestion"


def test_a_team_people_take_over_starts_undecided(mini):
    m = mini.compile()
    s = Session(m, 3, [0])
    to_phase(s, "briefing")
    s.apply({"type": "players", "human": ["growth", "skills"]})
    assert s.undecided() == [(0, ("vision", "allocation")), (1, ("vision", "allocation"))]
    assert not s.human_pledges(1).any() and not s.endorses(1)


def test_an_override_from_the_console_is_the_facilitators(mini, tmp_path):
    s, info = new_session(mini, seed=3, human=["growth"])
    to_phase(s, "allocation")
    s.apply(
        {"type": "allocate", "team": "growth", "shares": {"economy": 0.5, "education": 0.5},
         "by": "facilitator"}
    )  # fmt: skip
    assert s.decision_state(0, "allocation") == "decided"
    with pytest.raises(CommandError, match="'by' is team or facilitator"):
        s.apply({"type": "allocate", "team": "growth", "shares": {}, "by": "bot"})
    s.apply({"type": "advance", "reason": "time"})
    assert s.settled(0)["teams"][0]["allocation"] == "facilitator"
    s.run_bots_to_end()
    write_report(s, info, mini.file, tmp_path, "en")
    with open(tmp_path / "decisions.csv", encoding="utf-8") as fh:
        first = [r for r in csv.DictReader(fh) if r["turn"] == "1" and r["team"] == "growth"]
    alloc = [r for r in first if r["kind"] == "allocation"]
    assert {(r["by"], r["how"], r["reason"]) for r in alloc} == {("facilitator", "facilitator", "")}
    assert "set by the facilitator" in (tmp_path / "report.html").read_text(encoding="utf-8")
