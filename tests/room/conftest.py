import asyncio
import json
import threading
import time

import pytest

from tests.ui.conftest import MINI, args, scenario


class Rig:
    """A real App with its room on 127.0.0.1 and the game's loop (pump) in a thread."""

    def __init__(self, ref=MINI, human="all", lang="fi", size=(1280, 720), previews="thread"):
        import game.room.host
        from game.ui.app import App

        # previews in a process (the game's way) cost a second to start: tests that do not
        # look at previews compute them in a thread
        game.room.host.PREVIEW_PROCESS = previews == "process"

        self.app = App(args(ref, lang=lang, room=True, room_bind="127.0.0.1", room_port=0), size)
        sc, model = scenario(ref)
        self.model = model
        self.app.open_scenario(sc, model)
        self.app.goto("title")
        teams = list(range(len(model.team_ids))) if human == "all" else list(human)
        self.app.start_game(3, teams, None)
        game.room.host.PREVIEW_PROCESS = True
        self.room = self.app.room
        assert self.room is not None
        self.app.overlay = None
        self.lock = threading.Lock()
        self._stop = False
        self.frames = []
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self._stop:
            with self.lock:
                self.room.pump()
                t0 = time.perf_counter()
                self.app.update(0.005)
                self.app.render()
                self.frames.append(time.perf_counter() - t0)
            time.sleep(0.004)

    def do(self, fn):
        """Run fn() on the game's side, between frames."""
        with self.lock:
            return fn()

    def stop(self):
        self._stop = True
        self.thread.join(5)
        self.room.stop()


class Client:
    """One device: an aiohttp WebSocket speaking the room's protocol."""

    def __init__(self, base, token, device="device-0001", lang="en"):
        self.base, self.token, self.device, self.lang = base, token, device, lang
        self.seq = 1
        self.state = None
        self.inbox = []

    async def __aenter__(self):
        import aiohttp

        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.base + "/ws")
        await self.raw({"type": "hello", "token": self.token, "device": self.device,
                        "seq": 1, "lang": self.lang})  # fmt: skip
        self.welcome = await self.expect("welcome")
        self.seq = max(self.seq, self.welcome.get("seq", 0))
        await self.expect("state")
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()
        await self.http.close()

    async def raw(self, obj):
        await self.ws.send_str(obj if isinstance(obj, str) else json.dumps(obj))

    async def recv(self, timeout=5.0):
        m = await self.ws.receive(timeout=timeout)
        if m.type.name != "TEXT":
            return {"type": "closed", "data": str(m.data)}
        msg = json.loads(m.data)
        if msg["type"] == "state":
            self.state = msg
        return msg

    async def expect(self, kind, timeout=5.0, **match):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kind} {match}")
            m = await self.recv(left)
            if m["type"] == kind and all(m.get(k) == v for k, v in match.items()):
                return m
            if m["type"] == "closed":
                return m

    async def send(self, **msg):
        self.seq += 1
        await self.raw({"device": self.device, "seq": self.seq, **msg})
        return self.seq

    async def command(self, **msg):
        """Send and wait for its acknowledgement."""
        seq = await self.send(**msg)
        return await self.expect("ack", seq=seq)

    async def settle(self, test, timeout=5.0):
        """Wait until a state satisfies test(state)."""
        end = time.monotonic() + timeout
        while not (self.state and test(self.state)):
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("state never settled")
            await self.recv(left)
        return self.state


@pytest.fixture
def rig():
    r = Rig()
    yield r
    r.stop()


def run(coro):
    return asyncio.run(coro)
