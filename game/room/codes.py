"""Join codes and tokens of a room, kept beside the session (`room.json`).

Every people's team and the facilitator have a token of 192 random bits, which the link
and the QR code carry (after `#`, so it never reaches a server log), and a short code of
six letters to type on the join page. A short code is tried at most `TRIES_PER_ADDRESS`
times per address in `LOCKOUT_S` seconds and, across all addresses, once a second on
average: guessing one of nine codes of 26^6 takes about a year.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOM_FILE = "room.json"
ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I/L lookalikes, no vowels that spell
CODE_LEN = 6
TOKEN_BYTES = 24  # 192 bits
FACILITATOR = "facilitator"
TRIES_PER_ADDRESS = 5
LOCKOUT_S = 300.0
GLOBAL_TRIES_PER_S = 1.0
GLOBAL_BURST = 20.0


def new_code() -> str:
    """A short join code (about 28 bits: a guess is rate-limited, see the module)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LEN))


def new_token() -> str:
    """An unguessable token for a link (192 bits, URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def normal_code(text: str) -> str:
    """A typed code as stored: capitals, no spaces or dashes."""
    return "".join(ch for ch in str(text).upper() if ch.isalnum())[:16]


@dataclass
class Credential:
    """Who a token acts for: a team id, or FACILITATOR."""

    role: str
    code: str
    token: str
    generation: int = 1  # how many times it was issued (a revoke issues a new one)


@dataclass
class RoomCodes:
    """The room's codes and tokens: one per people's team and one for the facilitator."""

    creds: dict[str, Credential] = field(default_factory=dict)
    path: Path | None = None
    port: int | None = None  # where the room last listened (a resume listens there again)
    _fails: dict[str, list[float]] = field(default_factory=dict, repr=False)
    _bucket: list[float] = field(default_factory=lambda: [GLOBAL_BURST, time.monotonic()])

    @classmethod
    def for_teams(cls, teams: list[str], path: Path | None = None) -> RoomCodes:
        """The saved codes (`path`), completed with new ones for teams that have none;
        codes of teams no longer played by people are dropped.
        """
        saved: dict[str, Credential] = {}
        port = None
        if path is not None and path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                port = raw.get("port") if isinstance(raw.get("port"), int) else None
                for c in raw.get("credentials", []):
                    saved[c["role"]] = Credential(
                        str(c["role"]), str(c["code"]), str(c["token"]), int(c["generation"])
                    )
            except (OSError, ValueError, KeyError, TypeError):
                saved = {}  # a damaged file: new codes (the room joins again)
        room = cls(path=path, port=port)
        used = set()
        for role in [*teams, FACILITATOR]:
            cred = saved.get(role)
            if cred is None or cred.code in used:
                cred = Credential(role, room._fresh_code(used), new_token())
            used.add(cred.code)
            room.creds[role] = cred
        room.save()
        return room

    def _fresh_code(self, used: set[str]) -> str:
        while True:
            code = new_code()
            if code not in used and all(c.code != code for c in self.creds.values()):
                return code

    def save(self) -> None:
        """Write the codes beside the session (readable by its owner only)."""
        if self.path is None:
            return
        data = {"port": self.port, "credentials": [vars(c) for c in self.creds.values()]}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def teams(self) -> list[str]:
        """The team ids that have codes, in order."""
        return [r for r in self.creds if r != FACILITATOR]

    def by_token(self, token: object) -> Credential | None:
        """The credential a token belongs to (compared in constant time), or None."""
        if not isinstance(token, str) or not 10 <= len(token) <= 64:
            return None
        found = None
        for c in self.creds.values():
            if hmac.compare_digest(c.token.encode(), token.encode()):
                found = c
        return found

    def revoke(self, role: str) -> Credential:
        """A new code and token for `role`; the old ones stop working at once."""
        old = self.creds[role]
        used = {c.code for c in self.creds.values()}
        self.creds[role] = Credential(role, self._fresh_code(used), new_token(), old.generation + 1)
        self.save()
        return self.creds[role]

    # -- typing a short code -------------------------------------------------------------
    def locked(self, address: str, now: float | None = None) -> float:
        """Seconds an address must still wait before it may try a code again (0: may)."""
        now = time.monotonic() if now is None else now
        fails = [t for t in self._fails.get(address, []) if now - t < LOCKOUT_S]
        self._fails[address] = fails
        if len(fails) >= TRIES_PER_ADDRESS:
            return max(0.0, LOCKOUT_S - (now - fails[0]))
        return 0.0

    def redeem(self, code: object, address: str) -> tuple[Credential | None, float]:
        """A typed code's credential, or (None, seconds to wait) when it is wrong or the
        address (or the whole room, under a guessing attack) must wait.
        """
        now = time.monotonic()
        wait = self.locked(address, now)
        if wait:
            return None, wait
        tokens, last = self._bucket
        tokens = min(GLOBAL_BURST, tokens + (now - last) * GLOBAL_TRIES_PER_S)
        if tokens < 1.0:
            self._bucket = [tokens, now]
            return None, (1.0 - tokens) / GLOBAL_TRIES_PER_S
        typed = normal_code(code) if isinstance(code, str) else ""
        for c in self.creds.values():
            if typed and hmac.compare_digest(c.code.encode(), typed.encode()):
                self._bucket = [tokens, now]
                return c, 0.0
        self._bucket = [tokens - 1.0, now]
        self._fails.setdefault(address, []).append(now)
        return None, 0.0
