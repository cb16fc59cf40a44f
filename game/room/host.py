"""The room on the game's side: starts the server, applies the devices' commands in the
game's own loop, and publishes what every device sees.

`pump()` runs once a frame on the game's thread. Each command a device sent becomes the
same command the keyboard sends (`game.session.session`), through the app's `submit`:
checked, applied, journaled, and only then acknowledged. A team's token acts only for its
team (the team in the command is the token's, never the message's); the facilitator's
only for the console. `app` is the game (`game.ui.app.App`) or anything with its
`session`, `scenario`, `model`, `timer`, `version`, `submit`, `advance` and
`set_phase_minutes`.
"""

from __future__ import annotations

import copy
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.room.codes import FACILITATOR, ROOM_FILE, RoomCodes
from game.room.preview import PreviewProcess, dump_game, outlook
from game.room.server import DEFAULT_PORT, PreviewWorker, Request, RoomServer
from game.room.views import Views
from game.session.session import override_command
from game.session.store import SCENARIO_FILE
from game.ui.readmodel import packages

SWITCH_S = 0.001  # seconds a thread holds the interpreter before handing it over
MAX_PER_FRAME = 400  # commands applied per frame at most (the rest wait a frame)
PREVIEW_PROCESS = True  # False: previews in a thread of this process (bench/room.py)


def lan_address() -> str | None:
    """This machine's address on its local network (the interface a default route
    uses), or None when it has none. Nothing is sent.
    """
    for probe in ("10.255.255.255", "192.168.255.255"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.connect((probe, 1))
            addr = s.getsockname()[0]
        except OSError:
            continue
        finally:
            s.close()
        if addr and not addr.startswith("127.") and addr != "0.0.0.0":
            return addr
    try:  # no route at all (a network without a gateway): the host name's own addresses
        named = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        named = []
    return next((a for a in named if not a.startswith("127.")), None)


class NoNetwork(OSError):
    """No local network address to offer the room; the message says what to do."""


def team_url(base: str, token: str) -> str:
    """The link a device opens: the token after `#`, never sent to the server by HTTP."""
    return f"{base}/#t={token}"


@dataclass
class RoomHost:
    """The room of one session: its codes, server, preview worker and views."""

    app: object
    bind: str | None = None
    port: int | None = None
    open_tables: bool = False
    out: object = field(default=None)
    codes: RoomCodes | None = None
    server: RoomServer | None = None
    views: Views | None = None
    base: str = ""
    moved_port: int | None = None  # the port asked for when it was taken
    _published: tuple = ()
    _last_push: float = 0.0
    _last_devices: dict = field(default_factory=dict)
    applied: int = 0  # commands applied (tests, bench)
    _via: list = field(default_factory=list)  # who sent the command being applied
    _statuses: tuple = (None, [])
    previews: object = None  # the preview process (game.room.preview), when there is one
    _switch: float = 0.0  # the interpreter's switch interval before the room started

    # -- start and stop -------------------------------------------------------------------
    def start(self) -> None:
        """Make or reload the codes, start the server and print one line per team.

        Raises:
            NoNetwork: no local address and none chosen.
            OSError: the address or no port near the one asked for can be used.
        """
        app = self.app
        s = app.session
        model = app.model
        info = getattr(app, "session_info", None)
        path = Path(info.folder) / ROOM_FILE if info is not None else None
        teams = [model.team_ids[j] for j in s.human]
        self.codes = RoomCodes.for_teams(teams, path)
        self.views = Views(app.scenario, model)
        bind = self.bind or lan_address()
        if bind is None:
            raise NoNetwork("no local network")
        want = self.port if self.port is not None else (self.codes.port or DEFAULT_PORT)
        self.previews = None
        if info is not None and PREVIEW_PROCESS:  # in a process of their own (preview.py)
            try:
                self.previews = PreviewProcess(str(Path(info.folder) / SCENARIO_FILE), model)
            except OSError:
                self.previews = None
        worker = PreviewWorker(self._preview)
        self.server = RoomServer(self.codes, worker, self._welcome)
        for entry in s.log:  # the numbers devices used before (a resumed room)
            role, device, seq = entry.get("room") or (None, None, 0)
            if isinstance(role, str) and isinstance(device, str) and isinstance(seq, int):
                self.server.seen(role, device, seq)
        host, port = self.server.start(bind, want)
        self.moved_port = want if want and port != want else None
        # the game's loop, the server and the preview worker share the interpreter: hand
        # it over more often, so that a frame never waits long behind a preview
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_S)
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.base = f"http://{shown}:{port}"
        self.codes.port = port
        self.codes.save()
        self.pump(force=True)
        out = self.out or sys.stdout
        for t in self.codes.teams():
            print(f"{t} {self.url(t)}", file=out)
        print(f"{FACILITATOR} {self.url(FACILITATOR)}", file=out)
        out.flush()

    def stop(self) -> None:
        """Stop the server (the codes stay saved for a resume)."""
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.previews is not None:
            self.previews.stop()
            self.previews = None
        if self._switch:
            sys.setswitchinterval(self._switch)

    def url(self, role: str) -> str:
        """The link of a team (or the facilitator), with its token."""
        return team_url(self.base, self.codes.creds[role].token)

    @property
    def everywhere(self) -> bool:
        """True when the server listens on every interface (the screen says so)."""
        return self.server is not None and self.server.host in ("0.0.0.0", "::")

    # -- the game's loop ------------------------------------------------------------------
    def pump(self, force: bool = False) -> int:
        """Apply what the devices sent, then publish new views. Returns commands handled."""
        server = self.server
        if server is None or self.app.session is None:
            return 0
        answers = []
        while len(answers) < MAX_PER_FRAME:
            try:
                req = server.inbox.get_nowait()
            except Exception:  # noqa: BLE001 - queue.Empty
                break
            answers.append((req, self.handle(req)))
        self.publish(force)  # the new state first, then the answers: an answered device
        for req, error in answers:  # already shows what its command did
            server.reply(req.conn, req.msg.seq, error, (req.role, req.msg.device))
        return len(answers)

    def handle(self, req: Request) -> str | None:
        """Apply one device's command; returns why it was refused, or None."""
        app, msg = self.app, req.msg
        s = app.session
        self._via = [req.role, msg.device, msg.seq]
        model = app.model
        if req.role != FACILITATOR:
            if req.role not in self.codes.creds or model.team_ids.index(req.role) not in s.human:
                return "not_played"
            cmd = {"type": msg.type, "team": req.role}
            if msg.type == "vote":
                cmd.update(event=msg.event, option=msg.option)
            elif msg.type == "allocate":
                cmd.update(shares=dict(msg.shares), pledges=dict(msg.pledges))
            elif msg.type == "decide":
                cmd.update(kind=msg.kind, decided=msg.decided)
            elif msg.type == "endorse":
                cmd.update(signs=msg.signs)
            elif msg.type == "propose":  # the room's vision (issue 18)
                shifts = {r: dict(v) for r, v in msg.shifts.items()}
                cmd.update(weights=dict(msg.weights), shifts=shifts)
            elif msg.type == "rate":  # the drivers workshop (issue 18)
                cmd.update(ratings={d: dict(v) for d, v in msg.ratings.items()})
            else:
                return "not_allowed"
            return self._submit(cmd)
        return self._console(msg)

    def _submit(self, cmd: dict) -> str | None:
        """A device's command through the app's own path, journaled with who sent it
        ("room": role, device, number), so a resumed room still knows a replay.
        """
        why = self.app.submit({**cmd, "room": self._via})
        if why is None:
            self.applied += 1
        return why

    def _console(self, msg) -> str | None:
        app = self.app
        kind = msg.type
        if kind == "advance":
            return app.advance(undecided=msg.undecided, remote={"room": self._via})
        if kind == "pause":
            app.timer.toggle_pause()
            app.version += 1
            return None
        if kind == "extend":
            app.timer.extend(60.0)
            app.version += 1
            return None
        if kind == "minutes":
            app.set_phase_minutes(msg.minutes)
            return None
        if kind in ("undo", "redo"):
            return self._submit({"type": kind})
        if kind == "back":
            return self._submit({"type": "back", "phase": msg.phase})
        if kind in ("inject", "cancel"):
            return self._submit({"type": kind, "event": msg.event})
        if kind == "override":
            s = app.session
            if msg.team not in app.model.team_ids:
                return f"unknown team {msg.team!r}"
            j = app.model.team_ids.index(msg.team)
            if j not in s.human:
                return "not_played"
            return self._submit(override_command(s, j, msg.preset))
        if kind == "revoke":
            if msg.team not in self.codes.teams():
                return f"unknown team {msg.team!r}"
            self.codes.revoke(msg.team)
            self.server.kick(msg.team)
            app.version += 1
            print(f"{msg.team} {self.url(msg.team)}", file=self.out or sys.stdout, flush=True)
            return None
        if kind == "tables":
            self.open_tables = bool(msg.open)
            app.version += 1
            return None
        return "not_allowed"

    def publish(self, force: bool = False) -> None:
        """Build and send the views of the connected devices when something changed: the
        game, the timer's state, the devices connected; once a second at most otherwise
        (the pages count the timer down themselves).
        """
        app, server = self.app, self.server
        t = app.timer
        devices = server.devices()
        sig = (
            app.version,
            t.phase,
            t.paused,
            round(t.length),
            tuple(sorted(devices.items())),
            tuple(sorted(server.wanted())),
        )
        now = time.monotonic()
        if not force and sig == self._published and now - self._last_push < 5.0:
            return
        if sig[0] != (self._published[0] if self._published else None) or force:
            game = app.session.game  # the worker's own copy, or the process's
            if self.previews is not None:
                server.previews.set_game(dump_game(game, app.session.model))
            else:
                server.previews.set_game(copy.deepcopy(game))
        self._published, self._last_push, self._last_devices = sig, now, devices
        views = {}
        funding = packages(app.session)  # the same for every team: computed once
        rooms: dict[str, tuple] = {}
        for key in server.wanted() | ({f"{FACILITATOR}:fi"} if force else set()):
            role, _, lang = key.partition(":")
            if lang not in rooms:  # what every team sees alike, once per language
                rooms[lang] = (self.views.packages(app.session, lang, funding),
                               self.views.room(app.session, devices, lang))  # fmt: skip
            views[key] = self.view(role, lang, devices, *rooms[lang])
        server.publish(views, app.version)

    def view(self, role: str, lang: str, devices: dict[str, int], pkgs=None,
             room=None) -> dict:  # fmt: skip
        """What a device of `role` sees, in `lang`."""
        app = self.app
        s = app.session
        if role == FACILITATOR:
            return self.views.facilitator(s, app.timer, lang, devices, self.codes, self.open_tables)
        j = app.model.team_ids.index(role)
        return self.views.team(s, j, app.timer, lang, devices, pkgs, room, self.open_tables)

    def statuses(self) -> list[dict]:
        """The room's teams with their status, for the projector (in the game's language);
        worked out again only when the game or the devices change.
        """
        lang = getattr(self.app, "lang", "fi")
        key = (self.app.version, lang, tuple(sorted(self._last_devices.items())))
        if self._statuses[0] != key:
            self._statuses = (key, self.views.room(self.app.session, self._last_devices, lang))
        return [dict(r) for r in self._statuses[1]]

    # -- the preview worker's thread ----------------------------------------------------
    def _welcome(self, lang: str) -> dict:
        return self.views.static(lang)

    def _preview(self, game, team: str, msg) -> dict:
        """The team's own 2040 outlook under a split it is trying (on the preview
        worker's thread): what the allocation screen shows; the game does not change.
        """
        model = self.app.model
        j = model.team_ids.index(team)
        if self.previews is not None:
            return self.previews.compute(game, j, msg)
        return outlook(model, game, j, msg.shares, msg.pledges)
