"""Sessions on disk: a folder per session with `session.json` and `journal.jsonl`.

`session.json` is written atomically (temporary file, fsync, rename) and holds the format
version, the model version (`game.sim.model.MODEL_VERSION`: the same journal gives another
state under other equations), the scenario (a frozen copy, so a session reopens the same
even if the bundled file changes), the seed, the teams people play, the policies, the
language, the session plan (`game.session.schedule`: its length and minutes) and, when
teams follow a room plan, the plan's text and file name (so the session reopens the same
without the file). Each command is one line of `journal.jsonl`, flushed
and synced as it happens, so a crash loses at most the input not yet committed. Replaying
the journal rebuilds the state.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from game import __version__
from game.session.session import Session
from game.sim.model import MODEL_VERSION
from game.sim.plans import Plan

# 2: `model_version` recorded (format 1 sessions were all played under model 1); a game
# that knows only format 1 refuses these sessions instead of replaying them wrongly
# 3: people's teams start each turn undecided ("people_start": "undecided"), with the
# commands `decide` and the advance's "undecided"/"reason"; older sessions keep their
# meaning: their people's teams start from their bot's suggestion ("suggestion")
FORMAT_VERSION = 3
SESSION_FILE = "session.json"
JOURNAL_FILE = "journal.jsonl"
SCENARIO_FILE = "scenario.yaml"
# the merged copy of a scenario: up to the files of an `extends:` chain (6 of 2 MB)
FROZEN_BYTES = 12 * 2**20


class SessionError(Exception):
    """A session that cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class SavedPlan:
    """A room plan as a session keeps it: the file's text, so that replay and resume
    rebuild the same game without the file, and the file's name, to show.
    """

    file: str
    text: str

    def load(self, model) -> Plan:
        """The plan's decisions for `model`.

        Raises:
            ScenarioError: the text is not a valid plan for the model.
        """
        from game.scenario.plan import parse_plan

        return parse_plan(self.text, model, self.file)

    def load_saved(self, model, where: Path | None = None) -> Plan:
        """`load`, raising SessionError: for a plan saved in the session file `where`, or
        (None) one about to be saved.
        """
        from game.scenario.problems import ScenarioError

        try:
            return self.load(model)
        except ScenarioError as err:
            first = err.problems[0].format()
            if where is None:
                raise SessionError(f"the plan does not fit this scenario: {first}") from None
            raise SessionError(f"{where}: the saved plan does not load: {first}") from None


def data_dir() -> Path:
    """The data folder: SUUNTA_HOME if set, else the platform's user data folder."""
    env = os.environ.get("SUUNTA_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("suunta2040", appauthor=False))


def sessions_dir(home: Path | None = None) -> Path:
    """The folder holding every session's folder."""
    return (home or data_dir()) / "sessions"


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that it is either the old or the new content, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Journal:
    """Append-only command log; each line is flushed and synced before returning."""

    def __init__(self, path: Path):
        self.path = path
        self._fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for appends

    def append(self, cmd: dict) -> None:
        """Commit one command to disk."""
        self._fh.write(json.dumps(cmd, ensure_ascii=False, sort_keys=True) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


@dataclass
class SessionInfo:
    """What `session.json` says about a session, plus where it lives."""

    id: str
    folder: Path
    scenario_id: str
    started: str
    seed: int
    human: list[str]
    policies: list[str] | None
    lang: str
    meta: dict
    model_version: int = 1  # the model the session was played under (MODEL_VERSION)
    plan: SavedPlan | None = None  # the room plan some teams follow
    prefill: bool = False  # format 2 and older: people start from the bot's suggestion

    @property
    def other_model(self) -> bool:
        """True when the session was played under another model than this game's."""
        return self.model_version != MODEL_VERSION


def _new_id() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(2)}"


def new_session(
    scenario,
    seed: int | None = None,
    human: list[str] | None = None,
    policies: list[str] | None = None,
    lang: str = "fi",
    home: Path | None = None,
    parent: dict | None = None,
    plan: SavedPlan | None = None,
    schedule: dict | None = None,
    prefill: bool = False,
) -> tuple[Session, SessionInfo]:
    """Create a session folder for a validated scenario and return the live session.

    Args:
        scenario: a `game.scenario.scenario.Scenario`.
        seed: the game seed (default: the scenario's).
        human: ids of the teams people play; the others are bots.
        policies: bot policies (default: each team's own).
        lang: the interface language.
        home: the data folder (default: `data_dir()`).
        parent: for a branch, {"session": id, "turn": n}.
        plan: a room plan some teams follow (never teams in `human`).
        schedule: the session plan, `game.session.schedule.Schedule.as_dict()`.
        prefill: people's teams start from their bot's suggestion (only a branch of a
            session of format 2 or older, to keep its meaning).
    """
    model = scenario.compile()
    seed = model.seed if seed is None else int(seed)
    human = list(human or [])
    for t in human:
        if t not in model.team_ids:
            raise SessionError(f"unknown team {t!r}; the teams are {', '.join(model.team_ids)}")
    fixed = plan.load_saved(model) if plan is not None else None
    _refuse_planned(model, fixed, human)
    sid = _new_id()
    folder = sessions_dir(home) / sid
    folder.mkdir(parents=True, exist_ok=False)
    # flow style for the lists' entries: about the size of a compact source (a block dump
    # of a 2 MB file of 5,000 actors took 2.2 MB), and libyaml writes it twice as fast
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    frozen = yaml.dump(
        scenario.located.data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=4096,
    )
    write_atomic(folder / SCENARIO_FILE, frozen)
    meta = {
        "format_version": FORMAT_VERSION,
        "model_version": MODEL_VERSION,
        "id": sid,
        "scenario": {
            "id": scenario.id,
            "source": str(scenario.path),
            "sha256": hashlib.sha256(frozen.encode()).hexdigest(),
        },
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "human": human,
        "policies": policies,
        "lang": lang,
        "versions": {"suunta": __version__, "python": sys.version.split()[0]},
        "parent": parent,
        "plan": None if plan is None else {"file": plan.file, "text": plan.text},
        "schedule": schedule,
        "people_start": "suggestion" if prefill else "undecided",
    }
    write_atomic(folder / SESSION_FILE, json.dumps(meta, indent=2, ensure_ascii=False))
    (folder / JOURNAL_FILE).touch()
    info = _info(folder, meta)
    session = Session(
        model,
        seed,
        [model.team_ids.index(t) for t in human],
        policies,
        plan=fixed,
        plan_file=plan.file if plan else None,
        prefill=prefill,
    )
    session.journal = Journal(folder / JOURNAL_FILE)
    session.scenario = scenario
    return session, info


def save_language(info: SessionInfo, lang: str) -> None:
    """Keep the language the room switched to (F8) in `session.json`, so that the session
    resumes in it and its report is written in it. The journal is not touched: the
    session's last played time stays what it was.
    """
    path = info.folder / SESSION_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError(f"{path}: cannot be read: {exc}") from None
    meta["lang"] = lang
    write_atomic(path, json.dumps(meta, indent=2, ensure_ascii=False))
    info.lang = lang
    info.meta["lang"] = lang


def _refuse_planned(model, plan: Plan | None, human: list[str]) -> None:
    """People never play a team the plan plays."""
    if plan is None:
        return
    clash = [t for t in human if t in model.team_ids and plan.teams[model.team_ids.index(t)]]
    if clash:
        raise SessionError(
            f"team(s) {', '.join(clash)} follow the plan, so people cannot play them"
        )


def _info(folder: Path, meta: dict) -> SessionInfo:
    plan = meta.get("plan")
    return SessionInfo(
        id=meta["id"],
        folder=folder,
        scenario_id=meta["scenario"]["id"],
        started=meta.get("started", ""),
        seed=int(meta["seed"]),
        human=list(meta.get("human") or []),
        policies=meta.get("policies"),
        lang=meta.get("lang", "fi"),
        meta=meta,
        model_version=int(meta.get("model_version", 1)),
        plan=SavedPlan(str(plan["file"]), str(plan["text"])) if plan else None,
        prefill=meta.get("people_start") == "suggestion",
    )


def read_info(folder: Path) -> SessionInfo:
    """Read and check a session's `session.json`."""
    path = folder / SESSION_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SessionError(f"{folder}: not a session (no {SESSION_FILE})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError(f"{path}: cannot be read: {exc}") from None
    if not isinstance(meta, dict):
        raise SessionError(f"{path}: not a session file")
    version = meta.get("format_version")
    if not isinstance(version, int):
        raise SessionError(f"{path}: no format_version: not a Suunta 2040 session")
    if version > FORMAT_VERSION:
        raise SessionError(
            f"{path}: session format {version} is newer than this version of Suunta 2040 "
            f"understands ({FORMAT_VERSION}); update the game to open it"
        )
    meta = upgrade(meta)
    try:
        return _info(folder, meta)
    except (KeyError, TypeError, ValueError) as exc:
        raise SessionError(f"{path}: damaged session file ({exc})") from None


def upgrade(meta: dict) -> dict:
    """Bring an older session.json up to FORMAT_VERSION (format 1 is the first)."""
    if meta["format_version"] < 2:
        # sessions were written before the model version was recorded: all under model 1
        meta = dict(meta, format_version=2, model_version=meta.get("model_version", 1))
    if meta["format_version"] < 3:
        # people's teams started every turn from their bot's suggestion and played it
        # unless they changed it: replayed so, they keep their meaning
        meta = dict(meta, format_version=3, people_start="suggestion")
    return meta


def model_note(info: SessionInfo) -> str | None:
    """The line to show before replaying a session of another model (None: same model)."""
    if not info.other_model:
        return None
    return (
        f"session {info.id} was played under model {info.model_version}; this is model "
        f"{MODEL_VERSION}, so the replayed state differs from what the room saw"
    )


def _refuse_other_model(info: SessionInfo, doing: str) -> None:
    """Continuing a session of another model would show the room a state they never saw
    (and mix two models in one journal), so it is refused; reading it is not.
    """
    if info.other_model:
        raise SessionError(
            f"session {info.id} was played under model {info.model_version} and this is "
            f"model {MODEL_VERSION}: {doing} it would show a different state than the room "
            f"left. To look at it, run 'suunta report {info.id}'."
        )


def read_journal(folder: Path) -> tuple[list[dict], list[str]]:
    """The committed commands, and warnings (a last line cut off by a crash is dropped).

    Raises:
        SessionError: a damaged line before the last one, naming its line number.
    """
    path = folder / JOURNAL_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], []
    lines = raw.split(b"\n")
    complete, tail = lines[:-1], lines[-1]  # the text after the last newline is uncommitted
    commands, warnings = [], []
    for i, line in enumerate(complete, start=1):
        if not line.strip():
            continue
        try:
            cmd = json.loads(line.decode("utf-8"))
            if not isinstance(cmd, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError) as exc:
            raise SessionError(
                f"{path}:{i}: damaged journal line ({exc}); the session cannot be replayed past it"
            ) from None
        commands.append(cmd)
    if tail.strip():
        warnings.append(
            f"{path}:{len(complete) + 1}: the last journal line was cut off "
            "(the game stopped while writing it) and was dropped"
        )
    return commands, warnings


TUTORIAL = "tutorial"  # the guided tutorial's scenario: its practice games are not 'latest'
LATEST = ("latest", "latest-tutorial")


def last_played(folder: Path) -> float | None:
    """When a session was last played: its journal's last write (a Unix time), or None
    for a session nobody has played yet (an empty journal).
    """
    try:
        st = (folder / JOURNAL_FILE).stat()
    except OSError:
        return None
    return st.st_mtime if st.st_size > 0 else None


def _is_tutorial(folder: Path) -> bool:
    try:
        return read_info(folder).scenario_id == TUTORIAL
    except SessionError:
        return False


def find_latest(folders: list[Path], tutorial: bool = False) -> Path | None:
    """The most recently played of `folders` (the last journal write; a session never
    played counts after every played one, by when it was started): of the tutorial's
    practice games with `tutorial`, else of every other session. None when there is none.
    """
    pool = [p for p in folders if _is_tutorial(p) == tutorial]
    if not pool:
        return None

    def when(p: Path) -> tuple[bool, float]:
        played = last_played(p)
        if played is not None:
            return True, played
        return False, (p / SESSION_FILE).stat().st_mtime

    return max(pool, key=when)


def find(ref: str, home: Path | None = None) -> Path:
    """The folder of session `ref`: an id, a unique id prefix, 'latest' (the most
    recently played session, the tutorial's practice games left out) or
    'latest-tutorial' (the most recently played practice game of the tutorial).
    """
    root = sessions_dir(home)
    folders = (
        sorted(p for p in root.glob("*") if (p / SESSION_FILE).exists()) if root.exists() else []
    )
    if not folders:
        raise SessionError(f"no saved sessions in {root}")
    if ref in LATEST:
        hit = find_latest(folders, tutorial=ref == "latest-tutorial")
        if hit is None and ref == "latest":
            raise SessionError(
                f"no saved sessions in {root} but the tutorial's practice games; to resume "
                "one: suunta play tutorial --resume latest"
            )
        if hit is None:
            raise SessionError(f"no saved practice game of the tutorial in {root}")
        return hit
    hits = [p for p in folders if p.name == ref] or [p for p in folders if p.name.startswith(ref)]
    if len(hits) != 1:
        what = "no session" if not hits else "more than one session"
        raise SessionError(f"{what} matches {ref!r}; see 'suunta sessions'")
    return hits[0]


def open_session(
    ref: str, home: Path | None = None, *, attach: bool = True
) -> tuple[Session, SessionInfo, list[str]]:
    """Reopen a session by replaying its journal; returns it with any warnings.

    With `attach`, new commands are appended to the same journal (a cut-off last line is
    first removed so the file stays valid); a session of another model cannot be attached
    (SessionError), only read: `model_note` says how its replay differs.
    """
    from game.scenario.loader import load
    from game.scenario.problems import ScenarioError
    from game.session.session import CommandError, replay

    folder = find(ref, home)
    info = read_info(folder)
    if attach:
        _refuse_other_model(info, "resuming")
    commands, warnings = read_journal(folder)
    try:
        scenario = load(folder / SCENARIO_FILE, max_bytes=FROZEN_BYTES)
    except ScenarioError as err:
        raise SessionError(
            f"{folder / SCENARIO_FILE}: the saved scenario does not load: {err.problems[0].message}"
        ) from None
    model = scenario.compile()
    human = [model.team_ids.index(t) for t in info.human if t in model.team_ids]
    plan = info.plan.load_saved(model, folder / SESSION_FILE) if info.plan else None
    try:
        session = replay(model, info.seed, human, commands, info.policies, plan, info.prefill)
    except (CommandError, ValueError) as err:  # ValueError: people play a planned team
        raise SessionError(f"{folder / JOURNAL_FILE}: the journal does not replay: {err}") from None
    session.scenario = scenario
    session.plan_file = info.plan.file if info.plan else None
    if attach:
        if warnings:
            _drop_tail(folder / JOURNAL_FILE)
        session.journal = Journal(folder / JOURNAL_FILE)
    return session, info, warnings


def _drop_tail(path: Path) -> None:
    raw = path.read_bytes()
    keep = raw[: raw.rfind(b"\n") + 1]
    write_atomic(path, keep.decode("utf-8", errors="replace"))


def list_sessions(home: Path | None = None) -> list[SessionInfo]:
    """Every readable session, oldest first."""
    return [info for _, info, _ in scan_sessions(home) if info is not None]


def scan_sessions(home: Path | None = None) -> list[tuple[Path, SessionInfo | None, str]]:
    """Every session folder, oldest first: (folder, info or None, why it cannot be read)."""
    root = sessions_dir(home)
    out: list[tuple[Path, SessionInfo | None, str]] = []
    for folder in sorted(root.glob("*")) if root.exists() else []:
        if not folder.is_dir():
            continue
        try:
            out.append((folder, read_info(folder), ""))
        except SessionError as err:
            out.append((folder, None, str(err)))
    return out


def branch(
    ref: str, turn: int, human: list[str] | None = None, home: Path | None = None
) -> tuple[Session, SessionInfo]:
    """A new session that shares `ref`'s history up to the start of `turn` (0-based).

    The branch keeps the parent's scenario copy, seed, policies and plan; `human` (default:
    the parent's) says which teams people play from there on (never a planned team). Its
    `session.json` names the parent and the turn, so a report can compare the two.
    """
    from game.scenario.loader import load
    from game.session.session import replay

    parent_folder = find(ref, home)
    info = read_info(parent_folder)
    _refuse_other_model(info, "branching")
    commands, _ = read_journal(parent_folder)
    scenario = load(parent_folder / SCENARIO_FILE, max_bytes=FROZEN_BYTES)
    model = scenario.compile()
    if not 0 <= turn < model.n_turns:
        raise SessionError(f"turn must be between 1 and {model.n_turns} (got {turn + 1})")
    plan = info.plan.load_saved(model, parent_folder / SESSION_FILE) if info.plan else None
    _refuse_planned(model, plan, human or [])
    # keep the commands up to the moment `turn` began (its briefing)
    keep: list[dict] = []
    probe = replay(model, info.seed, [], [], info.policies, plan, info.prefill)
    probe.human = []
    for cmd in commands:
        if probe.turn >= turn and probe.phase == "briefing":
            break
        probe.apply(cmd, record=False)
        keep.append(cmd)
    if probe.turn < turn:
        raise SessionError(f"session {info.id} has not reached turn {turn + 1} yet")
    # the shared history is replayed with the original's players, so that bots decide as
    # they did; the new players take over from the branch turn (a journaled command)
    session, new_info = new_session(
        scenario,
        info.seed,
        info.human,
        info.policies,
        info.lang,
        home,
        parent={"session": info.id, "turn": turn},
        plan=info.plan,
        schedule=info.meta.get("schedule"),
        prefill=info.prefill,
    )
    for cmd in keep:
        session.apply(cmd)
    if human is not None and sorted(human) != sorted(info.human):
        session.apply({"type": "players", "human": list(human)})
    return session, new_info
