"""Slider previews: a team's own outlook under a split it is trying, as the allocation
screen computes it (`game.ui.readmodel.projection`, one seed), never changing the game.

Previews run in a process of their own (`PreviewProcess`): 40 devices moving sliders at
10 Hz ask for more projections than one interpreter can compute beside the projector's
frames. The process compiles the session's saved scenario once and then receives the
game, pickled with the model left out (`dump_game`), each time it changes; a preview
arrives while the previous one is computed, the newest of each team replaces an older
one still waiting (`game.room.server.PreviewWorker`). Without a saved session the
previews are computed in a thread of the game's own process.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing as mp
import pickle
from types import SimpleNamespace

import numpy as np

from game.ui.readmodel import projection

MODEL = "model"


def outlook(model, game, j: int, shares: dict, pledges: dict) -> dict:
    """Team j's 2040 outlook if its split and pledges were these (on `game`, which is
    changed and put back: a copy the caller owns).
    """
    s = np.zeros(len(model.theme_ids))
    for k, v in shares.items():
        if k in model.theme_ids:
            s[model.theme_ids.index(k)] = v
    if s.sum() > 1:
        s /= s.sum()
    p = np.zeros(len(model.package_ids))
    for k, v in pledges.items():
        if k in model.package_ids:
            p[model.package_ids.index(k)] = v
    if game.finished or j not in game.human:
        return {"type": "projection", "error": "not_now"}
    before = game.human_decisions.shares[0, j].copy(), game.human_decisions.pledges[0, j].copy()
    game.allocate(j, s, p)
    try:
        pr = projection(SimpleNamespace(model=model, game=game), 1)
    finally:
        game.allocate(j, *before)
    return {
        "type": "projection",
        "shared": round(pr.shared_final, 2),
        "vision": round(pr.vision_final, 2),
        "equity": round(pr.equity_final, 2),
    }


def dump_game(game, model) -> bytes:
    """The game pickled without its model (the preview process has its own)."""

    class _Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            return MODEL if obj is model else None

    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(game)
    return buf.getvalue()


def load_game(data: bytes, model):
    """A game `dump_game` wrote, with `model` as its model."""

    class _Unpickler(pickle.Unpickler):
        def persistent_load(self, pid):
            if pid != MODEL:
                raise pickle.UnpicklingError("unknown reference")
            return model

    return _Unpickler(io.BytesIO(data)).load()


def _serve(scenario_path: str, conn) -> None:
    """The preview process: compile the scenario, then answer until the pipe closes."""
    from game.scenario.loader import load
    from game.session.store import FROZEN_BYTES

    model = load(scenario_path, max_bytes=FROZEN_BYTES).compile()
    conn.send(("ready",))
    game = None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):  # the game has gone (even by kill -9): so do we
            return
        if msg[0] == "stop":
            return
        if msg[0] == "game":
            game = load_game(msg[1], model)
        elif msg[0] == "preview":
            _, j, shares, pledges = msg
            try:
                out = outlook(model, game, j, shares, pledges)
            except Exception as err:  # noqa: BLE001 - a preview never stops the process
                out = {"type": "projection", "error": str(err)}
            conn.send(("result", out))


class PreviewProcess:
    """The preview process and its pipe; `compute` is called by one thread at a time."""

    def __init__(self, scenario_path: str, model):
        self.model = model
        ctx = mp.get_context("spawn")  # a fresh interpreter: no pygame, no threads
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(scenario_path, child), daemon=True,
                                name="suunta-room-previews")  # fmt: skip
        self.proc.start()
        child.close()
        self._sent = None
        self.ready = False

    def compute(self, game_bytes: bytes, j: int, msg) -> dict:
        """The outlook of a preview message for team j on the game `game_bytes`."""
        if not self.ready:
            if self.conn.recv()[0] != "ready":
                raise RuntimeError("the preview process did not start")
            self.ready = True
        if game_bytes is not self._sent:
            self.conn.send(("game", game_bytes))
            self._sent = game_bytes
        self.conn.send(("preview", j, dict(msg.shares), dict(msg.pledges)))
        return self.conn.recv()[1]

    def stop(self) -> None:
        """End the process."""
        with contextlib.suppress(OSError):
            self.conn.send(("stop",))
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.terminate()
