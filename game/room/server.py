"""The room's web server: aiohttp in a background thread, beside the game's loop.

It serves the join page and its files (a fixed list: never a path a client names), lets a
typed short code be exchanged for a token (`POST /join`, rate-limited), and speaks the
protocol (`game.room.protocol`) over one WebSocket per device. Commands go into `inbox`
for the game's loop (`game.room.host`), which applies them and answers through `reply`;
the views it builds come back through `publish`. Slider previews go to a worker thread of
their own (`PreviewWorker`), never to the game's loop. Without a token the server answers
nothing but the join page.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import WSMsgType, web

from game.room import protocol
from game.room.codes import FACILITATOR, RoomCodes

STATIC = Path(__file__).resolve().parent / "static"
FILES = {  # the only files served: name -> content type
    "room.js": "text/javascript; charset=utf-8",
    "room.css": "text/css; charset=utf-8",
}
DEFAULT_PORT = 8240
PORT_TRIES = 20  # the next free port after a taken one, this many at most
RATE = 20.0  # messages a second a connection may send, on average
BURST = 40.0
KICK_AFTER = 200  # refused messages (over the rate) before the connection is closed


@dataclass
class Request:
    """A checked message for the game's loop: who sent it and what."""

    conn: int
    role: str
    msg: protocol._Msg
    t: float = field(default_factory=time.perf_counter)


@dataclass(eq=False)
class Conn:
    """One device's WebSocket."""

    id: int
    ws: web.WebSocketResponse
    address: str
    role: str | None = None
    generation: int = 0
    lang: str = "fi"
    device: str = ""
    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)
    refused: int = 0
    sent_key: str = ""
    sent_version: int = -1

    def allow(self) -> bool:
        """The per-connection rate limit (a token bucket)."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
        self.last = now
        if self.tokens < 1.0:
            self.refused += 1
            return False
        self.tokens -= 1.0
        return True

    @property
    def key(self) -> str:
        """The view this connection is shown: its team's or the console's, in its language."""
        return f"{self.role}:{self.lang}"


def csp(host: str) -> str:
    """The Content-Security-Policy of every answer: only this server's own files."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def _secure(headers, host: str) -> None:
    headers["Content-Security-Policy"] = csp(host)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cache-Control"] = "no-store"
    headers["X-Frame-Options"] = "DENY"


@web.middleware
async def _headers(request: web.Request, handler):
    try:
        resp = await handler(request)
    except web.HTTPException as exc:
        _secure(exc.headers, request.host)
        raise
    if not isinstance(resp, web.WebSocketResponse):
        _secure(resp.headers, request.host)
    return resp


def free_socket(host: str, port: int) -> socket.socket:
    """A listening socket on `port`, or the next free one (PORT_TRIES); OSError if none."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for p in range(port, port + PORT_TRIES):
        sock = socket.socket(family, socket.SOCK_STREAM)
        if os.name != "nt":  # a resumed room takes its port back from connections
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # still closing
        try:
            sock.bind((host, p))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        except OSError as err:
            sock.close()
            last = err
            if port == 0:
                break
    raise last or OSError("no free port")


class PreviewWorker:
    """Computes slider previews on a copy of the game, a team at a time: a team's newest
    preview replaces one still waiting, and the answer goes to all of its devices.
    """

    def __init__(self, compute):
        self.compute = compute  # (game, team id, message) -> dict, on the worker's thread
        self._cv = threading.Condition()
        self._waiting: dict[str, tuple[protocol._Msg, dict[str, int], float]] = {}
        self._game = None
        self._stop = False
        self.deliver = None  # (team id, payload) -> None, set by the server
        self._thread = threading.Thread(target=self._run, name="room-previews", daemon=True)

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker thread."""
        with self._cv:
            self._stop = True
            self._cv.notify()

    def set_game(self, game) -> None:
        """The game to preview on from now on (a copy the worker alone changes)."""
        with self._cv:
            self._game = game

    def submit(self, team: str, msg: protocol._Msg) -> None:
        """Queue a preview for `team` (replacing the one waiting, whose devices it covers)."""
        with self._cv:
            old = self._waiting.get(team)
            covers = dict(old[1]) if old else {}
            covers[msg.device] = msg.seq
            self._waiting[team] = (msg, covers, old[2] if old else time.perf_counter())
            self._cv.notify()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._waiting and not self._stop:
                    self._cv.wait()
                if self._stop:
                    return
                team = next(iter(self._waiting))
                msg, covers, _ = self._waiting.pop(team)
                game = self._game
            try:
                payload = self.compute(game, team, msg)
            except Exception as err:  # noqa: BLE001 - a preview never stops the worker
                payload = {"type": "projection", "error": str(err)}
            payload["covers"] = covers
            if self.deliver is not None:
                self.deliver(team, payload)


class RoomServer:
    """The aiohttp application and its thread; the game's loop talks to it by methods."""

    def __init__(self, codes: RoomCodes, previews: PreviewWorker, welcome):
        self.codes = codes
        self.previews = previews
        self.welcome = welcome  # lang -> dict (names and strings), called on the server thread
        self.inbox: queue.Queue[Request] = queue.Queue()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.conns: dict[int, Conn] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._latest: dict[str, tuple[int, str]] = {}  # view key -> (version, json)
        self._seqs: dict[tuple[str, str], tuple[int, str | None]] = {}
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.host, self.port = "", 0
        self.version = -1  # the game's version of the views last published
        self.started = threading.Event()
        previews.deliver = self._deliver_preview

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, host: str, port: int) -> tuple[str, int]:
        """Listen on `host`, on `port` or the next free one; returns where. OSError when
        the address cannot be used.
        """
        sock = free_socket(host, port)
        self.host, self.port = host, sock.getsockname()[1]
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name="room-server", daemon=True
        )
        self._thread.start()
        self.previews.start()
        if not self.started.wait(10):
            raise OSError("the room's server did not start")
        return self.host, self.port

    def stop(self) -> None:
        """Close every connection and stop the server thread."""
        self.previews.stop()
        loop = self.loop
        if loop is None or not loop.is_running():
            return
        fut = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
        with contextlib.suppress(Exception):
            fut.result(5)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(5)

    async def _shutdown(self) -> None:
        for c in list(self.conns.values()):
            with contextlib.suppress(Exception):
                await c.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def _serve(self, sock: socket.socket) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self.loop = loop
        app = web.Application(middlewares=[_headers], client_max_size=protocol.MAX_MESSAGE)
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_post("/join", self._join)
        app.router.add_get("/ws", self._socket)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        loop.run_until_complete(self._runner.setup())
        loop.run_until_complete(web.SockSite(self._runner, sock).start())
        self.started.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    # -- HTTP --------------------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.Response:
        html = (STATIC / "index.html").read_text(encoding="utf-8")
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        kind = FILES.get(name)
        if kind is None:
            raise web.HTTPNotFound(text="not found")
        body = (STATIC / name).read_bytes()  # a name from FILES, never the client's path
        return web.Response(body=body, headers={"Content-Type": kind})

    async def _join(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        try:
            body = protocol.Join.model_validate_json(await request.read())
        except Exception:  # noqa: BLE001 - anything not a code is just refused
            return web.json_response({"error": "bad_request"}, status=400)
        cred, wait = self.codes.redeem(body.code, address)
        if cred is None and wait:
            return web.json_response({"error": "locked", "wait": round(wait)}, status=429)
        if cred is None:
            return web.json_response({"error": "wrong_code"}, status=403)
        return web.json_response({"token": cred.token, "role": cred.role})

    # -- the WebSocket -----------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            raise web.HTTPForbidden(text="forbidden")
        ws = web.WebSocketResponse(max_msg_size=4 * protocol.MAX_MESSAGE, heartbeat=15)
        await ws.prepare(request)
        conn = Conn(next(self._ids), ws, request.remote or "?")
        try:
            async for m in ws:
                if m.type != WSMsgType.TEXT:
                    await self._send(conn, {"type": "error", "error": "text messages only"})
                    continue
                await self._message(conn, m.data)
                if conn.refused > KICK_AFTER:
                    await ws.close(message=b"too many messages")
        finally:
            with self._lock:
                self.conns.pop(conn.id, None)
        return ws

    async def _send(self, conn: Conn, payload: dict | str) -> None:
        text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        if not conn.ws.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await conn.ws.send_str(text)

    async def _message(self, conn: Conn, raw: str) -> None:
        if not conn.allow():
            await self._send(conn, {"type": "error", "error": "rate"})
            return
        try:
            msg = protocol.parse(raw)
        except protocol.BadMessage as err:
            await self._send(conn, {"type": "error", "error": "bad", "detail": str(err)})
            return
        if conn.role is None:
            await self._hello(conn, msg)
            return
        allowed = protocol.FACILITATOR_TYPES if conn.role == FACILITATOR else protocol.TEAM_TYPES
        if msg.type not in allowed:
            await self._send(
                conn, {"type": "ack", "seq": msg.seq, "ok": False, "error": "not_allowed"}
            )
            return
        if msg.device != conn.device:
            await self._send(conn, {"type": "error", "error": "bad", "detail": "device"})
            return
        key = (conn.role, msg.device)
        last, answer = self._seqs.get(key, (0, None))
        if msg.seq <= last:  # a replay: the first answer again, never applied twice
            if msg.seq == last and answer is not None:
                await self._send(conn, answer)
            else:
                await self._send(
                    conn, {"type": "ack", "seq": msg.seq, "ok": False, "error": "replay"}
                )
            return
        self._seqs[key] = (msg.seq, None)
        if msg.type == "lang":
            conn.lang = msg.lang
            conn.sent_version = -1
            await self._send(conn, {"type": "welcome", **self.welcome(conn.lang)})
            await self._push(conn)
            await self._ack(conn, msg.seq, None)
        elif msg.type == "preview":
            self.previews.submit(conn.role, msg)
        else:
            self.inbox.put(Request(conn.id, conn.role, msg))

    async def _hello(self, conn: Conn, msg: protocol._Msg) -> None:
        if msg.type != "hello":
            await self._send(conn, {"type": "error", "error": "hello_first"})
            return
        cred = self.codes.by_token(msg.token)
        if cred is None:
            await self._send(conn, {"type": "error", "error": "token"})
            await conn.ws.close(message=b"token")
            return
        conn.role, conn.generation, conn.lang, conn.device = (
            cred.role,
            cred.generation,
            msg.lang,
            msg.device,
        )
        with self._lock:
            self.conns[conn.id] = conn
        last = self._seqs.get((conn.role, conn.device), (0, None))[0]
        await self._send(
            conn, {"type": "welcome", "role": cred.role, "seq": last, **self.welcome(conn.lang)}
        )
        await self._push(conn)

    async def _ack(self, conn: Conn, seq: int, error: str | None) -> None:
        answer = {"type": "ack", "seq": seq, "ok": error is None, "error": error}
        text = json.dumps(answer, ensure_ascii=False)
        key = (conn.role or "", conn.device)
        if self._seqs.get(key, (0, None))[0] == seq:
            self._seqs[key] = (seq, text)
        await self._send(conn, text)

    async def _push(self, conn: Conn) -> None:
        latest = self._latest.get(conn.key)
        if latest is None or latest[0] != self.version:
            return  # not built since the game changed: the game's next frame builds it
        if (conn.sent_key, conn.sent_version) != (conn.key, latest[0]):
            conn.sent_key, conn.sent_version = conn.key, latest[0]
            await self._send(conn, latest[1])

    # -- called from the game's loop (other threads) ----------------------------------------
    def _call(self, fn, *args) -> None:
        loop = self.loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(lambda: asyncio.ensure_future(fn(*args)))

    def reply(self, conn_id: int, seq: int, error: str | None, sender: tuple[str, str]) -> None:
        """Answer a command of `sender` (role, device): applied (and journaled), or
        refused with why. A device that left meanwhile finds the answer when it sends the
        same number again.
        """

        async def go() -> None:
            conn = self.conns.get(conn_id)
            if conn is not None:
                await self._ack(conn, seq, error)
            elif self._seqs.get(sender, (0, None))[0] == seq:
                answer = {"type": "ack", "seq": seq, "ok": error is None, "error": error}
                self._seqs[sender] = (seq, json.dumps(answer))

        self._call(go)

    def publish(self, views: dict[str, dict], version: int) -> None:
        """New views (key: `role:lang`) for the devices showing them."""

        async def go() -> None:
            texts = {
                k: (version, json.dumps({"type": "state", "v": version, **v}, ensure_ascii=False))
                for k, v in views.items()
            }  # encoded on the server's thread, not in the game's frame
            self.version = version
            self._latest.update(texts)
            await asyncio.gather(*(self._push(c) for c in list(self.conns.values())))

        self._call(go)

    def _deliver_preview(self, team: str, payload: dict) -> None:
        text = json.dumps(payload, ensure_ascii=False)

        async def go() -> None:
            conns = [c for c in list(self.conns.values()) if c.role == team]
            await asyncio.gather(*(self._send(c, text) for c in conns))

        self._call(go)

    def kick(self, role: str | None, why: str | None = "revoked") -> None:
        """Close the connections of `role` (every one: None), saying `why` first (a
        revoked code) or nothing (as a dropped Wi-Fi would).
        """

        async def go() -> None:
            for c in [c for c in list(self.conns.values()) if role in (None, c.role)]:
                if why:
                    await self._send(c, {"type": "error", "error": why})
                await c.ws.close(message=(why or "").encode())

        self._call(go)

    def seen(self, role: str, device: str, seq: int) -> None:
        """A number a device already used (from the journal): anything up to it is a replay."""
        last = self._seqs.get((role, device), (0, None))[0]
        if seq > last:
            self._seqs[(role, device)] = (seq, None)

    def devices(self) -> dict[str, int]:
        """Connected devices by role."""
        with self._lock:
            conns = list(self.conns.values())
        out: dict[str, int] = {}
        for c in conns:
            if c.role is not None:
                out[c.role] = out.get(c.role, 0) + 1
        return out

    def wanted(self) -> set[str]:
        """The view keys some connection shows now."""
        with self._lock:
            return {c.key for c in self.conns.values() if c.role is not None}
