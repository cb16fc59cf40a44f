"""The room's protocol under random and malformed messages, wrong tokens and replays: the
server never crashes, every connection still answers, and nothing changes that the rules
forbid: a team's connection changes only its own team, never the phase, and the journal
replays to the game the room sees."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.room.protocol import FACILITATOR_TYPES, TEAM_TYPES
from game.session.session import replay
from game.session.store import read_journal
from tests.room.conftest import Client, Rig, run

DEVICE = "fuzz-device-01"
TYPES = sorted({*TEAM_TYPES, *FACILITATOR_TYPES, "hello", "end", "players", "nonsense", ""})
NAMES = ["growth", "skills", "economy", "education", "campus", "hub", "spread", "skills-jobs",
         "plant-closure", "../../etc/passwd", ""]  # fmt: skip
IDS = st.sampled_from(NAMES) | st.text(max_size=12)
ANY = (st.none() | st.booleans() | st.integers(-(2**60), 2**60)
       | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8))  # fmt: skip
JSONISH = st.recursive(
    ANY,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
    max_leaves=10,
)
MESSAGE = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES)},
    optional={
        "device": st.just(DEVICE) | st.text(max_size=12),
        "seq": st.integers(-3, 60) | ANY,
        "event": IDS, "option": IDS, "team": IDS, "phase": IDS,
        "shares": st.dictionaries(IDS, ANY, max_size=4) | JSONISH,
        "pledges": st.dictionaries(IDS, ANY, max_size=3) | JSONISH,
        "kind": st.sampled_from(["votes", "allocation", "vision", "x"]) | ANY,
        "decided": ANY, "signs": ANY, "open": ANY, "minutes": ANY,
        "token": st.text(max_size=70), "lang": st.sampled_from(["fi", "en", "sv", "xx"]),
        "undecided": st.sampled_from(["keep", "draft", "bot", "x"]),
        "preset": st.sampled_from(["even", "no_pledges", "x"]), "by": st.just("facilitator"),
    },
)  # fmt: skip
RAW = (MESSAGE.map(json.dumps) | JSONISH.map(json.dumps) | st.text(max_size=300)
       | st.just("x" * 9000) | st.just("{" * 5000))  # fmt: skip


@pytest.fixture(scope="module")
def fuzz_rig():
    r = Rig()
    r.do(lambda: (r.app.advance(), r.app.advance()))
    assert r.app.session.phase == "allocation"
    yield r
    r.stop()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(messages=st.lists(RAW, min_size=1, max_size=12), token=st.text(max_size=64))
def test_random_messages_change_only_what_the_rules_allow(fuzz_rig, messages, token):
    rig = fuzz_rig
    room = rig.room
    s = rig.app.session
    turn = s.turn

    async def go():
        async with Client(room.base, room.codes.creds["growth"].token, DEVICE) as a:
            for m in messages:
                await a.raw(m)
            seq = await a.send(type="lang", lang="en")  # still answering
            ack = await a.expect("ack", seq=seq, timeout=10)
            assert ack.get("ok") is True, ack
        # a wrong token gets nothing but the refusal
        import aiohttp

        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(room.base + "/ws")
            await ws.send_str(json.dumps({"type": "hello", "token": token or "x" * 12,
                                          "device": "stranger-01", "seq": 1}))  # fmt: skip
            m = json.loads((await ws.receive(timeout=5)).data)
            assert m["type"] == "error"
            await ws.close()

    run(go())
    assert rig.do(lambda: (s.phase, s.turn)) == ("allocation", turn)
    for cmd in read_journal(rig.app.session_info.folder)[0]:
        if "room" in cmd:
            assert cmd["room"][0] == "growth" and cmd["team"] == "growth", cmd
            assert cmd["type"] in set(TEAM_TYPES) - {"preview", "lang"}, cmd  # a team's own
            assert cmd.get("by", "team") == "team"


def test_the_fuzzed_journal_replays_to_the_same_game(fuzz_rig):
    rig = fuzz_rig
    s = rig.app.session
    cmds = read_journal(rig.app.session_info.folder)[0]
    again = replay(rig.model, s.seed, s.human, cmds)
    assert again.game.state_hash() == rig.do(lambda: s.game.state_hash())
