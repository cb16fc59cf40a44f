"""`kill -9` of a game in the room mode: `suunta play --resume latest --room` brings the
room back with the same codes on the same port, and a decision the server acknowledged
before the kill is there when the device reconnects."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

from tests.room.conftest import Client, run
from tests.ui.conftest import MINI, scenario

# `suunta play` refuses a dummy display (a game people play would run unseen); the room's
# devices are the players here, so the test lets it run headless
LAUNCH = (
    "import sys, game.ui.display as d; d.display_problem = lambda *a, **k: None; "
    "from game.cli import main; sys.exit(main(sys.argv[1:]))"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(env, *extra):
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LAUNCH,
            "play",
            MINI,
            "--resume",
            "latest",
            "--room",
            "--room-bind",
            "127.0.0.1",
            *extra,
        ],  # fmt: skip
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    links = {}
    end = time.monotonic() + 60
    while "facilitator" not in links:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        assert time.monotonic() < end
        role, _, url = line.strip().partition(" ")
        links[role] = url
    return proc, links


def test_a_killed_room_comes_back_with_its_codes_and_decisions(tmp_path):
    from game.session.store import new_session

    home = tmp_path / "home"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SUUNTA_HOME=str(home))  # fmt: skip
    sc, _ = scenario(MINI)
    os.environ["SUUNTA_HOME"] = str(home)
    new_session(sc, 3, ["growth", "skills"], None, "en")
    port = free_port()
    proc, links = start(env, "--room-port", str(port))
    try:
        assert set(links) == {"growth", "skills", "facilitator"}
        base = links["growth"].split("/#t=")[0]
        assert base == f"http://127.0.0.1:{port}"
        token = {r: u.split("#t=")[1] for r, u in links.items()}

        async def before():
            async with Client(base, token["facilitator"], "facilitator-1") as f:
                assert (await f.command(type="advance"))["ok"]
                assert (await f.command(type="advance"))["ok"]
            async with Client(base, token["growth"], "phone-growth") as a:
                ack = await a.command(type="allocate", shares={"economy": 0.6, "education": 0.4})
                assert ack["ok"]
                assert (await a.command(type="decide", kind="allocation"))["ok"]

        run(before())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    proc, again = start(env)  # no port given: the session's own
    try:
        assert again == links

        async def after():
            async with Client(base, token["growth"], "phone-growth") as a:
                st = a.state
                assert st["phase"] == "allocation"
                assert st["team"]["decisions"]["allocation"] == "decided"
                assert st["team"]["shares"]["economy"] == 0.6
                # the device goes on numbering where it was: an old number is a replay
                await a.raw({"device": a.device, "seq": 2, "type": "decide",
                             "kind": "allocation", "decided": False})  # fmt: skip
                m = await a.expect("ack", seq=2)
                assert m["ok"] is False and m["error"] == "replay"

        run(after())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        asyncio.set_event_loop(None)
