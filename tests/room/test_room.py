"""The room mode end to end over real sockets: joining, one truth, tokens and their reach,
replays, limits, reconnecting, revoking and the projector."""

import asyncio
import json

import aiohttp

from game.room.codes import FACILITATOR, RoomCodes
from game.session.store import JOURNAL_FILE, read_journal
from tests.room.conftest import Client, Rig, run


def journal(rig):
    return read_journal(rig.app.session_info.folder)[0]


def to_allocation(rig):
    rig.do(lambda: (rig.app.advance(), rig.app.advance()))
    assert rig.app.session.phase == "allocation"


def test_a_team_decides_from_its_device_through_the_journal():
    rig = Rig(previews="process")
    try:
        _decides_through_the_journal(rig)
    finally:
        rig.stop()


def _decides_through_the_journal(rig):
    assert rig.room.previews is not None  # the preview process answers below
    to_allocation(rig)
    room = rig.room
    tok = room.codes.creds["growth"].token

    async def go():
        async with Client(room.base, tok) as a, Client(room.base, tok, "device-0002") as b:
            ack = await a.command(type="allocate", shares={"economy": 0.7, "education": 0.3})
            assert ack["ok"], ack
            await b.settle(lambda s: s["team"]["shares"]["economy"] == 0.7)  # the other device
            ack = await a.command(type="decide", kind="allocation")
            assert ack["ok"]
            st = await b.settle(lambda s: s["team"]["decisions"]["allocation"] == "decided")
            assert st["team"]["id"] == "growth"
            row = [r for r in st["room"] if r["id"] == "growth"][0]
            assert row["status"] in ("deciding", "decided") and row["devices"] == 2
            # a preview answers the team's own 2040 outlook and changes nothing
            await a.send(type="preview", shares={"economy": 0.1, "education": 0.9})
            p = await b.expect("projection")
            assert {"shared", "vision", "equity"} <= set(p) and p["covers"]
        cmds = journal(rig)
        assert cmds[-1]["room"] == ["growth", "device-0001", 3]  # who sent it, journaled
        cmds = [{k: v for k, v in c.items() if k != "room"} for c in cmds]
        assert {"type": "allocate", "team": "growth", "shares": {"economy": 0.7,
                "education": 0.3}, "pledges": {}} in cmds  # fmt: skip
        assert cmds[-1] == {"type": "decide", "team": "growth", "kind": "allocation",
                            "decided": True}  # fmt: skip
        s = rig.app.session
        assert s.decision_state(0, "allocation") == "decided"
        assert abs(s.human_shares(0)[0] - 0.7) < 1e-9

    run(go())


def test_a_team_token_acts_only_for_its_team(rig):
    to_allocation(rig)
    room = rig.room
    before = len(journal(rig))

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token) as a:
            # a message naming another team is refused unread
            await a.send(type="decide", kind="allocation", team="skills")
            err = await a.expect("error")
            assert err["error"] == "bad" and "team" in err["detail"]
            for kind in ("advance", "undo", "inject", "revoke"):  # the console is not a team's
                extra = {"event": "campus"} if kind == "inject" else {}
                extra = {"team": "skills"} if kind == "revoke" else extra
                ack = await a.command(type=kind, **extra)
                assert not ack["ok"] and ack["error"] == "not_allowed"
            # a facilitator's "by" cannot ride along
            await a.send(type="allocate", shares={"economy": 1.0}, by="facilitator")
            assert (await a.expect("error"))["error"] == "bad"

    run(go())
    assert len(journal(rig)) == before
    assert rig.app.session.phase == "allocation"


def test_the_facilitator_runs_the_console_from_a_phone(rig):
    room = rig.room

    async def go():
        async with Client(room.base, room.codes.creds[FACILITATOR].token) as f:
            assert f.welcome["role"] == FACILITATOR
            assert (await f.command(type="pause"))["ok"]
            st = await f.settle(lambda s: s["timer"]["paused"])
            assert st["role"] == "facilitator"
            assert (await f.command(type="advance"))["ok"]
            assert (await f.command(type="minutes", minutes=7))["ok"]
            await f.settle(lambda s: s["timer"]["length"] == 420)
            assert (await f.command(type="back", phase="briefing"))["ok"]
            assert (await f.command(type="advance"))["ok"]
            assert (await f.command(type="inject", event="campus"))["ok"]
            assert (await f.command(type="advance"))["ok"]
            # a team's command from the facilitator's token is refused
            ack = await f.command(type="vote", event="campus", option="hub")
            assert not ack["ok"] and ack["error"] == "not_allowed"
            ack = await f.command(type="advance", undecided="bot")
            assert ack["ok"]
            await f.settle(lambda s: s["phase"] == "resolution")
            assert (await f.command(type="undo"))["ok"]
            await f.settle(lambda s: s["phase"] == "allocation")
            ack = await f.command(type="tables", open=True)
            assert ack["ok"] and (await f.settle(lambda s: s["open_tables"]))

    run(go())
    kinds = [c["type"] for c in journal(rig)]
    assert kinds[-8:] == ["advance", "timing", "back", "advance", "inject", "advance", "advance",
                          "undo"]  # fmt: skip
    assert journal(rig)[-2]["undecided"] == "bot"
    assert rig.room.open_tables


def test_replays_and_malformed_messages_change_nothing(rig):
    to_allocation(rig)
    room = rig.room

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token) as a:
            ack = await a.command(type="allocate", shares={"economy": 0.2, "education": 0.8})
            seq = ack["seq"]
            n = len(journal(rig))
            # the same message again: the first answer, not applied twice
            await a.raw({"device": a.device, "seq": seq, "type": "allocate",
                         "shares": {"economy": 0.9}})  # fmt: skip
            again = await a.expect("ack", seq=seq)
            assert again["ok"] and len(journal(rig)) == n
            await a.raw({"device": a.device, "seq": seq - 1, "type": "decide",
                         "kind": "allocation"})  # fmt: skip
            assert (await a.expect("ack", seq=seq - 1))["error"] == "replay"
            for bad in ("nonsense", "[]", "{}", json.dumps({"type": "vote"}),
                        json.dumps({"type": "allocate", "device": a.device, "seq": 99,
                                    "shares": {"economy": float("inf")}}),
                        json.dumps({"type": "allocate", "device": a.device, "seq": 99,
                                    "shares": {"economy": -1}}),
                        "x" * 9000):  # fmt: skip
                await a.raw(bad)
                err = await a.expect("error")
                assert err["error"] == "bad", err
            # out of phase, wrong ids: refused by the session, with its reason
            ack = await a.command(type="vote", event="campus", option="nowhere")
            assert not ack["ok"] and ack["error"]
            ack = await a.command(type="allocate", shares={"economy": 0.9, "education": 0.9})
            assert not ack["ok"]
            assert len(journal(rig)) == n

    run(go())
    assert abs(rig.app.session.human_shares(0)[0] - 0.2) < 1e-9


def test_without_a_token_only_the_join_page(rig):
    room = rig.room

    async def go():
        async with aiohttp.ClientSession() as http:
            r = await http.get(room.base + "/")
            assert r.status == 200
            csp = r.headers["Content-Security-Policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp
            for path in ("/static/../codes.py", "/static/room.py", "/room.json", "/state",
                         "/static/%2e%2e%2fhost.py"):  # fmt: skip
                r = await http.get(room.base + path)
                assert r.status == 404, path
            ws = await http.ws_connect(room.base + "/ws")
            await ws.send_str(json.dumps({"type": "hello", "token": "x" * 32,
                                          "device": "device-0001", "seq": 1}))  # fmt: skip
            m = json.loads((await ws.receive()).data)
            assert m == {"type": "error", "error": "token"}
            ws2 = await http.ws_connect(room.base + "/ws")
            await ws2.send_str(json.dumps({"type": "allocate", "device": "device-0001",
                                           "seq": 2, "shares": {}}))  # fmt: skip
            assert json.loads((await ws2.receive()).data)["error"] == "hello_first"
            await ws2.close()
            # cross-site pages cannot open the socket
            r = await http.get(room.base + "/ws", headers={"Origin": "http://evil.example"})
            assert r.status == 403

    run(go())


def test_a_short_code_joins_and_guessing_locks_out(rig):
    room = rig.room
    code = room.codes.creds["skills"].code

    async def go():
        async with aiohttp.ClientSession() as http:
            r = await http.post(room.base + "/join", data=json.dumps({"code": code.lower()}))
            body = await r.json()
            assert r.status == 200 and body == {"token": room.codes.creds["skills"].token,
                                                "role": "skills"}  # fmt: skip
            for _ in range(5):
                r = await http.post(room.base + "/join", data=json.dumps({"code": "WRONG1"}))
                assert r.status == 403
            r = await http.post(room.base + "/join", data=json.dumps({"code": code}))
            assert r.status == 429 and (await r.json())["error"] == "locked"
            r = await http.post(room.base + "/join", data=b"{" * 100)
            assert r.status in (400, 413)

    run(go())


def test_rate_limit_per_connection(rig):
    room = rig.room

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token) as a:
            for _ in range(120):
                await a.send(type="preview", shares={"economy": 0.5})
            seen = [await a.recv() for _ in range(20)]
            while True:
                try:
                    seen.append(await a.recv(0.5))
                except TimeoutError:
                    break
            assert any(m.get("error") == "rate" for m in seen)

    run(go())


def test_revoke_a_lost_phone_and_reconnect(rig):
    to_allocation(rig)
    room = rig.room
    old = room.codes.creds["growth"]

    async def go():
        async with Client(room.base, old.token) as a:
            ack = await a.command(type="decide", kind="allocation")
            assert ack["ok"]
        # the same device comes back (screen lock): it sees the decision the server kept
        async with Client(room.base, old.token) as a:
            assert a.state["team"]["decisions"]["allocation"] == "decided"
            async with Client(room.base, room.codes.creds[FACILITATOR].token, "fac-000001") as f:
                assert (await f.command(type="revoke", team="growth"))["ok"]
            m = await a.expect("error")
            assert m["error"] == "revoked"
        new = room.codes.creds["growth"]
        assert new.token != old.token and new.code != old.code
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(room.base + "/ws")
            await ws.send_str(json.dumps({"type": "hello", "token": old.token,
                                          "device": "device-0001", "seq": 1}))  # fmt: skip
            assert json.loads((await ws.receive()).data)["error"] == "token"
        async with Client(room.base, new.token, "device-0009") as a:
            assert a.welcome["role"] == "growth"

    run(go())
    saved = RoomCodes.for_teams(["growth", "skills"], room.codes.path)
    assert saved.creds["growth"].token == room.codes.creds["growth"].token


def test_projector_shows_status_not_drafts(rig):
    to_allocation(rig)
    room = rig.room
    from game.ui.room import board_wanted

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token) as a:
            await a.command(type="decide", kind="allocation")
            assert (await a.command(type="endorse", signs=True))["ok"]
            await asyncio.sleep(0.1)
            rows = {r["id"]: r for r in rig.do(room.statuses)}
            assert rows["growth"]["status"] == "decided"
            assert rows["skills"]["status"] == "away"

    run(go())
    assert rig.do(lambda: board_wanted(rig.app))
    rig.do(lambda: setattr(rig.room, "open_tables", True))
    assert not rig.do(lambda: board_wanted(rig.app))


def test_resumed_room_keeps_codes_and_port(rig, tmp_path):
    from game.session.store import open_session
    from game.ui.app import App
    from tests.ui.conftest import args, scenario

    codes = {r: c.token for r, c in rig.room.codes.creds.items()}
    port = rig.room.server.port
    folder = rig.app.session_info.folder
    assert (folder / JOURNAL_FILE).exists()
    rig.stop()
    app = App(args(room=True, room_bind="127.0.0.1", room_port=None), (1280, 720))
    sc, model = scenario(args().scenario)
    app.open_scenario(sc, model)
    session, info, _ = open_session(folder.name)
    app.session_info = info
    app.adopt_session(session)
    try:
        assert app.room is not None
        assert {r: c.token for r, c in app.room.codes.creds.items()} == codes
        assert app.room.server.port == port
    finally:
        app.room.stop()
        rig.room = app.room  # stopped twice is fine


def test_a_room_session_replays_and_reports_like_any_other(rig, tmp_path, capsys):
    from game.cli import main

    to_allocation(rig)
    room = rig.room

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token) as a:
            await a.command(type="allocate", shares={"economy": 0.8, "education": 0.2})
            await a.command(type="endorse", signs=True)
            await a.command(type="decide", kind="allocation")
            seq = await a.send(type="lang", lang="sv")  # the page's language
            welcome = await a.expect("welcome")
            assert welcome["lang"] == "sv" and welcome["strings"]["we_decided"] == "Vi har beslutat"
            await a.expect("ack", seq=seq)
        async with Client(room.base, room.codes.creds[FACILITATOR].token, "fac-000002") as f:
            assert (await f.command(type="advance", undecided="keep"))["ok"]

    run(go())
    sid = rig.app.session_info.id
    want = rig.do(lambda: rig.app.session.game.state_hash())
    assert main(["replay", sid, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["state_hash"] == want and out["phase"] == "resolution"
    assert main(["report", sid, "--out", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "report.html").exists()


def test_an_answer_waits_for_a_device_that_dropped_before_it(rig):
    to_allocation(rig)
    room = rig.room
    tok = room.codes.creds["growth"].token

    async def go():
        async with Client(room.base, tok, "phone-000001") as a:
            rig.lock.acquire()  # the game's loop is busy: the command waits in the queue
            try:
                seq = await a.send(type="decide", kind="allocation")
                msg = {"device": a.device, "seq": seq, "type": "decide", "kind": "allocation"}
                await asyncio.sleep(0.2)
            finally:
                await a.ws.close()  # the phone drops before the answer
                rig.lock.release()
        await asyncio.sleep(0.3)
        async with Client(room.base, tok, "phone-000001") as a:
            assert a.welcome["seq"] == seq  # the game has seen that number
            await a.raw(msg)  # the page sends what it has no answer for, again
            ack = await a.expect("ack", seq=seq)
            assert ack["ok"] and a.state["team"]["decisions"]["allocation"] == "decided"

    run(go())
    decides = [c for c in journal(rig) if c["type"] == "decide"]
    assert len(decides) == 1  # applied once
