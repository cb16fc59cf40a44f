"""The first turn's workshops from a team's device (issue 18): `propose` and `rate` are
protocol messages the host journals as the screen's commands, and the team's view shows
them back, to every device of the team."""

from game.room.protocol import BadMessage, parse
from game.session.store import read_journal
from tests.room.conftest import Client, Rig, run


def test_a_team_proposes_and_rates_from_its_device():
    rig = Rig("finland-2040")
    try:
        room = rig.room
        tok = room.codes.creds["growth"].token
        ratings = {"urbanisation": {"eastern-border": 5}}
        weights = {"employment": 2.0, "competence": 1.0}

        async def go():
            async with (
                Client(room.base, tok) as a,
                Client(room.base, tok, device="device-0002") as b,
                Client(room.base, room.codes.creds["facilitator"].token, "device-0009") as fac,
            ):
                assert a.state["form"] is None  # the briefing: the vision round is not open
                assert a.state["drivers"]["ratings"] == {}
                names = {x["id"] for x in a.welcome["drivers"]}
                assert "urbanisation" in names and len(a.welcome["regions"]) == 6
                ack = await a.command(type="rate", ratings=ratings)
                assert ack["ok"], ack
                # the team's other device sees the rating
                await b.settle(lambda s: s["drivers"]["ratings"] == ratings)
                refused = await a.command(type="propose", weights=weights)
                assert not refused["ok"]  # the briefing: the round is not open yet
                rig.do(rig.app.advance)
                st = await b.settle(lambda s: s["form"] is not None)
                assert st["form"]["others"] is None  # other teams' drafts stay private
                assert not st["form"]["proposed"] and st["form"]["bound"] == 10
                ack = await a.command(type="propose", weights=weights,
                                      shifts={"helsinki-metro": {"employment": 5.0}})  # fmt: skip
                assert ack["ok"], ack
                st = await b.settle(lambda s: s["form"]["proposed"])
                rows = {r["id"]: r for r in st["form"]["indicators"]}
                assert rows["employment"]["points"] == 5 and rows["wellbeing"]["points"] == 0
                assert abs(rows["employment"]["share"] - 2 / 3) < 1e-3
                assert 0 <= st["form"]["agreement"] <= 1 and rows["employment"]["shared"] > 0
                shifts = {r["id"]: r["shift"] for r in st["form"]["regions"]}
                assert shifts["helsinki-metro"] == round(5 / 6, 2)  # the mean over indicators
                assert st["drivers"]["ratings"] == ratings  # rated until the resolution
                ack = await fac.command(type="tables", open=True)
                assert ack["ok"], ack
                st = await a.settle(lambda s: s["form"]["others"] is not None)
                assert len(st["form"]["others"]) == 3

        run(go())
        g = rig.app.session.game
        assert g.workshop.proposed[0] and g.workshop.ratings[0].sum() == 5
        cmds = read_journal(rig.app.session_info.folder)[0]
        kinds = [c["type"] for c in cmds if "room" in c]
        assert "rate" in kinds and "propose" in kinds
        mine = [c for c in cmds if c["type"] == "propose"][-1]
        assert mine["team"] == "growth" and mine["weights"] == weights
    finally:
        rig.stop()
    for bad in ('{"type": "rate", "device": "device-0001", "seq": 1, '
                '"ratings": {"urbanisation": {"eastern-border": 6}}}',
                '{"type": "propose", "device": "device-0001", "seq": 1, '
                '"weights": {"employment": -1}}'):  # fmt: skip
        try:
            parse(bad)
        except BadMessage:
            continue
        raise AssertionError(bad)
