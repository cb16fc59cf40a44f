"""`suunta sessions`: every saved session with its language, the teams people play, when
it was last played (local time) and its turn and phase as the game's screen shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.i18n import translator
from game.session import store


def shown_turn(session) -> tuple[int, int]:
    """(turn number from 1, year) as the game's header shows them: resolution and
    reflection belong to the turn just resolved (the state has already moved on), and a
    game ended early shows the year it reached.
    """
    m = session.model
    t = session.turn
    shown = t - 1 if session.phase in ("resolution", "reflection") and t > 0 else t
    if session.finished:
        year = m.year_of(min(len(session.game.results), m.n_turns))
    else:
        year = m.year_of(min(shown, m.n_turns))
    return min(shown + 1, m.n_turns), year


def shown_phase(session, lang: str) -> str:
    """The phase's name as the screen shows it, in the session's language."""
    tr = translator(lang if lang in ("fi", "en", "sv") else "en")
    return tr("timer.over") if session.finished else tr(f"phase.{session.phase}")


@dataclass
class SessionRow:
    """One line of `suunta sessions`."""

    id: str
    scenario: str = "?"
    lang: str = "?"
    people: list[str] = field(default_factory=list)
    last_played: datetime | None = None  # local time; None: not played yet
    started: str = ""
    turn: str = "?"
    phase: str = ""
    problem: str = ""  # why it cannot be opened
    latest: bool = False  # what `--resume latest` continues


def session_rows(home: Path | None = None) -> list[SessionRow]:
    """Every session folder, least recently played first (never played ones by start)."""
    rows = []
    for folder, info, why in store.scan_sessions(home):
        if info is None:
            rows.append(SessionRow(folder.name, problem=f"cannot be opened: {why}"))
            continue
        played = store.last_played(folder)
        row = SessionRow(
            info.id,
            info.scenario_id,
            info.lang,
            list(info.human),
            datetime.fromtimestamp(played).astimezone() if played is not None else None,
            info.started,
        )
        try:
            s, _, _ = store.open_session(info.id, home, attach=False)
            n, year = shown_turn(s)
            row.turn = f"{n}/{s.model.n_turns}"
            row.phase = f"{shown_phase(s, info.lang)} {year}"
        except store.SessionError as err:
            row.problem = f"damaged: {err}"
        rows.append(row)
    folders = [store.sessions_dir(home) / r.id for r in rows if not r.problem]
    for tutorial in (False, True):
        hit = store.find_latest(folders, tutorial)
        for r in rows:
            r.latest = r.latest or (hit is not None and r.id == hit.name)
    rows.sort(key=lambda r: (r.last_played is not None, r.last_played or r.started, r.id))
    return rows


def format_sessions(rows: list[SessionRow]) -> str:
    """The table `suunta sessions` prints."""
    head = (
        f"  {'id':<22} {'scenario':<22} {'lang':<4} {'people play':<24} "
        f"{'last played':<16} {'turn':>5}  phase"
    )
    lines = [head]
    for r in rows:
        mark = "*" if r.latest else " "
        if r.problem and r.scenario == "?":
            lines.append(f"{mark} {r.id:<22} {r.problem}")
            continue
        people = ",".join(r.people) or "– (bots only)"
        when = r.last_played.strftime("%Y-%m-%d %H:%M") if r.last_played else "not yet"
        phase = r.problem or r.phase
        lines.append(
            f"{mark} {r.id:<22} {r.scenario:<22} {r.lang:<4} {people:<24} {when:<16} "
            f"{r.turn:>5}  {phase}"
        )
    if any(r.latest for r in rows):
        lines.append(
            "\n* what `suunta play --resume latest` continues (the most recently played; "
            "`suunta play tutorial --resume latest` for the tutorial's practice games)"
        )
    return "\n".join(lines)
