"""The first turn's workshops from a team's device (issue 18): `propose` and `rate` are
protocol messages the host journals as the screen's commands."""

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
            async with Client(room.base, tok) as a:
                ack = await a.command(type="rate", ratings=ratings)
                assert ack["ok"], ack
                refused = await a.command(type="propose", weights=weights)
                assert not refused["ok"]  # the briefing: the round is not open yet
                rig.do(rig.app.advance)
                ack = await a.command(type="propose", weights=weights,
                                      shifts={"helsinki-metro": {"employment": 5.0}})  # fmt: skip
                assert ack["ok"], ack

        run(go())
        g = rig.app.session.game
        assert g.workshop.proposed[0] and g.workshop.ratings[0].sum() == 5
        cmds = read_journal(rig.app.session_info.folder)[0]
        kinds = [c["type"] for c in cmds if "room" in c]
        assert "rate" in kinds and "propose" in kinds
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
