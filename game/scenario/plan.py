"""Room plan files: fixed decisions for some teams, read with every problem located.

A plan file names teams of a scenario and what each does every turn (docs/scenario-authoring.md,
"Room plans"); `suunta simulate --plan` plays those teams with it and the rest with their
bots. Reading a plan is as strict and as helpful as reading a scenario: every problem is
collected with its line and column, a near miss gets a "did you mean …?", and nothing is
raised one at a time. The arrays it builds are `game.sim.plans.Plan`.

Semantics: a team's `shares`, `pledges` and `votes` hold from the first turn; an override
under `turns:` replaces that key, whole, from the turn starting that year until the next
override of the same key. A planned team signs the shared vision only with `endorse: true`.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from game.scenario import loader
from game.scenario.problems import Problem, ScenarioError, did_you_mean, dotted
from game.scenario.yamlread import MAX_BYTES, Located, read_yaml
from game.sim.model import Model
from game.sim.plans import Plan

TOP_KEYS = ("teams", "description")
TEAM_KEYS = ("shares", "pledges", "votes", "endorse", "turns")
TURN_KEYS = ("shares", "pledges", "votes")
MAX_NUMBER = 1e6  # as the scenario's own numbers
MAX_LISTED = 20  # ids listed when an unknown one is near none of them
DECIMALS = 4  # plan_to_yaml rounds to this many decimals

_EMPTY = (
    "the file is empty: a plan needs `teams:` with at least one team of the scenario "
    "(see 'Room plans' in docs/scenario-authoring.md)"
)
_DECIMAL_COMMA = re.compile(r"\s*[+-]?\d+,\d+\s*")


def load_plan(path: str | Path, model: Model) -> Plan:
    """Read the plan file at `path` for `model`.

    Raises:
        ScenarioError: listing every problem in the file.
    """
    loc, problems = read_yaml(Path(path), str(path))
    return _plan(loc, problems, model)


def parse_plan(text: str, model: Model, display: str = "plan.yaml") -> Plan:
    """Read a plan from its text; problems name the file `display`.

    Raises:
        ScenarioError: listing every problem in the text.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise ScenarioError(
            [Problem(display, 1, 1, "error", f"the plan is {size / 1e6:.1f} MB; at most 2 MB")]
        )
    # the reader takes files (its limits and messages are about files): give it one
    with tempfile.TemporaryDirectory(prefix="suunta-plan-") as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loc, problems = read_yaml(path, display)
    return _plan(loc, problems, model)


def _plan(loc: Located | None, problems: list[Problem], model: Model) -> Plan:
    if loc is None:
        raise ScenarioError([_about_plans(p) for p in problems])
    reader = _Reader(loc, model)
    plan = reader.read()
    if reader.problems or plan is None:
        raise ScenarioError(reader.problems)
    return plan


def _about_plans(p: Problem) -> Problem:
    """read_yaml's problems, worded for a plan rather than a scenario."""
    if p.message.startswith("the file is empty") or p.message == "the file holds no data":
        msg = _EMPTY
    else:
        msg = p.message.replace("scenario file", "plan file")
    return Problem(p.file, p.line, p.col, p.severity, msg, p.path)


def _shown(value: object) -> str:
    """A value as a message shows it (true/false as YAML writes them)."""
    if isinstance(value, bool):
        return str(value).lower()
    return loader._shown(value)


class _Reader:
    """Checks a plan's data against the model; collects problems and builds the arrays."""

    def __init__(self, loc: Located, model: Model):
        self.loc = loc
        self.model = model
        self.problems: list[Problem] = []
        self.themes = list(model.theme_ids)
        self.packages = list(model.package_ids)
        self.events = {e.id: i for i, e in enumerate(model.events)}
        self.dilemmas = [e.id for e in model.events if e.is_dilemma]
        self.years = [model.year_of(t) for t in range(model.n_turns)]

    # -- helpers -------------------------------------------------------------------------

    def add(self, path: tuple[Any, ...], msg: str, key: bool = False) -> None:
        file, line, col = self.loc.pos(path, key=key)
        # a plan has no lists: a number in the path is a key (a year), never an index
        self.problems.append(Problem(file, line, col, "error", msg, dotted(tuple(map(str, path)))))

    def unknown(self, path: tuple[Any, ...], kind: str, name: object, known: list[str]) -> None:
        """An unknown id: a near name, or (when none is near) the ids there are."""
        near = did_you_mean(str(name), known) or f" ({self.listing(kind, known)})"
        self.add(path, f"unknown {kind} '{str(name)[:64]}'{near}", key=True)

    def listing(self, kind: str, known: list[str]) -> str:
        """'the themes of SCENARIO: a, b, c' (the first MAX_LISTED)."""
        listed = ", ".join(known[:MAX_LISTED]) + (", …" if len(known) > MAX_LISTED else "")
        return f"the {kind}s of {self.model.scenario_id}: {listed or 'none'}"

    def mapping(self, path: tuple[Any, ...], value: object, holds: str) -> dict[Any, Any] | None:
        """`value` as a map (nothing written counts as an empty one), or a problem."""
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.add(path, f"expected a map of {holds} (key: value lines), found {_shown(value)}")
        return None

    def allowed_keys(
        self, path: tuple[Any, ...], data: dict[Any, Any], allowed: tuple[str, ...]
    ) -> None:
        for k in data:
            if k not in allowed:
                self.add(
                    path + (k,),
                    f"unknown key '{k}'{did_you_mean(str(k), allowed)} "
                    f"(allowed here: {', '.join(allowed)})",
                    key=True,
                )

    def number(self, path: tuple[Any, ...], value: object, what: str) -> float | None:
        """A finite number from 0 to MAX_NUMBER, or a problem in plain words."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            msg = f"expected a number, found {_shown(value)}"
            if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value):
                msg += f" (decimals take a point, like {value.strip().replace(',', '.')})"
            elif isinstance(value, str) and value.strip().endswith("%"):
                msg += " (write a plain number, like 0.4 or 40, without '%')"
            elif isinstance(value, str) and path in self.loc.quoted and _is_float(value):
                msg += " (write the number without quotes)"
            self.add(path, msg)
            return None
        v = float(value)
        if not math.isfinite(v):
            self.add(path, f"{_shown(value)} is not a finite number")
            return None
        if v < 0:
            self.add(path, f"{_shown(value)} is out of range: {what} must be 0 or more")
            return None
        if v > MAX_NUMBER:
            self.add(path, f"{_shown(value)} is out of range: at most {MAX_NUMBER:,.0f}")
            return None
        return v

    # -- the file ------------------------------------------------------------------------

    def read(self) -> Plan | None:
        data = self.loc.data
        if not isinstance(data, dict):
            self.add((), "a plan file must be a map with `teams:`, not a list or a single value")
            return None
        self.allowed_keys((), data, TOP_KEYS)
        desc = data.get("description")
        if desc is not None and not _is_text(desc):
            self.add(("description",), f"expected text, found {_shown(desc)}")
        if "teams" not in data:
            self.add((), "missing required key 'teams' (the teams the plan plays, by id)")
            return None
        teams = self.mapping(("teams",), data["teams"], "team ids")
        if teams is None:
            return None
        if not teams:
            self.add(("teams",), "the plan names no team: name at least one team of the scenario")
            return None
        plan = _blank(self.model)
        for name, spec in teams.items():
            path = ("teams", name)
            j = None
            if str(name) in self.model.team_ids:
                j = self.model.team_ids.index(str(name))
            else:  # its decisions are checked all the same: every problem at once
                self.unknown(path, "team", name, list(self.model.team_ids))
            self.team(path, j, spec, plan)
        return plan

    def team(self, path: tuple[Any, ...], j: int | None, spec: object, plan: Plan) -> None:
        """Check one team's decisions and, for a team of the scenario (j), fill its rows."""
        spec = self.mapping(path, spec, "shares, pledges, votes, endorse and turns")
        if spec is None:
            return
        self.allowed_keys(path, spec, TEAM_KEYS)
        endorse = spec.get("endorse", False)
        if not isinstance(endorse, bool):
            self.add(path + ("endorse",), f"expected true or false, found {_shown(endorse)}")
        # turn -> the rows that change then; the first turn has every key
        rows: dict[int, dict[str, np.ndarray]] = {0: self.rows(path, spec, defaults=True)}
        overrides = self.mapping(path + ("turns",), spec.get("turns"), "years")
        given: set[int] = set()
        for year, change in (overrides or {}).items():
            tpath = path + ("turns", year)
            t = self.turn(tpath, year)
            if t in given:
                self.add(tpath, f"the turn of {self.years[t]} is given twice", key=True)
            elif t is not None:
                given.add(t)
            change = self.mapping(tpath, change, "shares, pledges and votes")
            if change is None:
                continue
            for k in change:
                if k == "endorse":
                    self.add(
                        tpath + (k,),
                        "endorse cannot change by turn: the shared vision is signed in the "
                        "first turn; write endorse: under the team itself",
                        key=True,
                    )
            self.allowed_keys(tpath, {k: v for k, v in change.items() if k != "endorse"}, TURN_KEYS)
            found = self.rows(tpath, change, defaults=False)
            if t is not None:
                rows[t] = {**rows.get(t, {}), **found}
        if j is None:
            return
        plan.teams[j] = True
        plan.endorse[j] = endorse is True
        current = rows[0]
        for t in range(self.model.n_turns):
            current = {**current, **rows.get(t, {})}
            plan.shares[t, j] = current["shares"]
            plan.pledges[t, j] = current["pledges"]
            plan.votes[t, j] = current["votes"]

    def turn(self, path: tuple[Any, ...], year: object) -> int | None:
        """The turn a `turns:` key names by its start year, or a problem."""
        y = int(year) if isinstance(year, str) and year.strip().isdigit() else year
        if isinstance(y, bool) or not isinstance(y, int):
            self.add(
                path,
                f"a turn is named by the year it starts ({', '.join(map(str, self.years))}); "
                f"found {_shown(year)}",
                key=True,
            )
            return None
        if y not in self.years:
            gap = min(abs(y - x) for x in self.years)
            near = " or ".join(str(x) for x in self.years if abs(y - x) == gap)
            self.add(
                path,
                f"no turn starts in {y} — did you mean {near}? "
                f"(turns start in {', '.join(map(str, self.years))})",
                key=True,
            )
            return None
        return self.years.index(y)

    def rows(
        self, path: tuple[Any, ...], spec: dict[Any, Any], defaults: bool
    ) -> dict[str, np.ndarray]:
        """The shares, pledges and votes rows `spec` gives (with defaults: all three)."""
        T, P, Ev = len(self.themes), len(self.packages), len(self.events)
        out: dict[str, np.ndarray] = {}
        if defaults:
            out = {
                "shares": np.full(T, 1.0 / T),
                "pledges": np.zeros(P),
                "votes": np.full(Ev, -1, dtype=np.int64),
            }
        if "shares" in spec:
            row = self.amounts(path + ("shares",), spec["shares"], "theme", self.themes)
            if row is not None:
                total = row.sum()
                if total > 0:
                    out["shares"] = row / total
                else:
                    self.add(
                        path + ("shares",),
                        "the shares add up to 0: give at least one theme a share above 0 "
                        "(or leave shares out for an even split)",
                    )
        if "pledges" in spec:
            row = self.amounts(path + ("pledges",), spec["pledges"], "package", self.packages)
            if row is not None:
                out["pledges"] = row
        if "votes" in spec:
            row = self.votes(path + ("votes",), spec["votes"])
            if row is not None:
                out["votes"] = row
        return out

    def amounts(
        self, path: tuple[Any, ...], value: object, kind: str, ids: list[str]
    ) -> np.ndarray | None:
        """A map of id: number as a row over `ids` (shares of themes, points to packages)."""
        data = self.mapping(path, value, f"{kind} ids to numbers")
        if data is None:
            return None
        row = np.zeros(len(ids))
        ok = True
        last: object = None
        for name, v in data.items():
            before, last = last, v
            if isinstance(name, int) and v is None:  # {a: 0,65}: the comma split the map
                like = f"{before}.{name}" if isinstance(before, int) else "0.65"
                self.add(
                    path + (name,),
                    f"'{name}' is not a {kind}: a decimal written with a comma splits a "
                    f"{{…}} map in two; decimals take a point, like {like}",
                    key=True,
                )
                ok = False
                continue
            what = "a share" if kind == "theme" else "a pledge"
            x = self.number(path + (name,), v, what)
            if str(name) not in ids:
                self.unknown(path + (name,), kind, name, ids)
                ok = False
            elif x is None:
                ok = False
            else:
                row[ids.index(str(name))] = x
        return row if ok else None

    def votes(self, path: tuple[Any, ...], value: object) -> np.ndarray | None:
        data = self.mapping(path, value, "dilemma ids to option ids")
        if data is None:
            return None
        row = np.full(len(self.events), -1, dtype=np.int64)
        ok = True
        for name, option in data.items():
            p = path + (name,)
            i = self.events.get(str(name))
            if i is None:
                self.unknown(p, "dilemma", name, self.dilemmas)
                ok = False
                continue
            event = self.model.events[i]
            if not event.is_dilemma:
                self.add(
                    p,
                    f"event '{name}' is not a dilemma: only dilemmas are voted on "
                    f"({self.listing('dilemma', self.dilemmas)})",
                    key=True,
                )
                ok = False
                continue
            options = list(event.options)
            if not isinstance(option, str) or option not in options:
                near = did_you_mean(str(option), options) if isinstance(option, str) else ""
                what = f"'{option[:64]}'" if isinstance(option, str) else _shown(option)
                self.add(
                    p,
                    f"dilemma '{name}' has no option {what}{near} "
                    f"(its options: {', '.join(options)})",
                )
                ok = False
                continue
            row[i] = options.index(option)
        return row if ok else None


def _blank(model: Model) -> Plan:
    """A plan that plays no team yet (the unplanned teams' rows are never used)."""
    plan = Plan.even(model, np.zeros(len(model.team_ids), dtype=bool))
    plan.endorse[:] = False
    return plan


def _is_text(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(v, str) for v in value.values())
    return isinstance(value, str)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- writing ------------------------------------------------------------------------------


def plan_to_yaml(plan: Plan, model: Model, header: str = "") -> str:
    """An unbatched plan as a plan file that `parse_plan` reads back.

    Each planned team gets its first turn's shares, pledges, votes and endorse, and a
    `turns:` override for a key only in the turns where that key changes. Numbers are
    rounded to 4 decimals; zero shares and zero pledges are left out.

    Raises:
        ValueError: for a batched plan (one plan per run).
    """
    if plan.batched:
        raise ValueError("a batched plan holds one plan per run: write plan.run(i)")
    lines = [f"# {ln}".rstrip() for ln in header.splitlines()]
    lines.append("teams:")
    for j in np.flatnonzero(plan.teams):
        lines.append(f"  {_key(model.team_ids[j])}:")
        prev: dict[str, str] = {}
        changes: list[tuple[int, dict[str, str]]] = []
        for t in range(model.n_turns):
            now = {
                "shares": _flow(model.theme_ids, plan.shares[t, j]),
                "pledges": _flow(model.package_ids, plan.pledges[t, j]),
                "votes": _votes(model, plan.votes[t, j]),
            }
            if t == 0:
                lines += [f"    {k}: {v}" for k, v in now.items()]
                lines.append(f"    endorse: {'true' if plan.endorse[j] else 'false'}")
            else:
                changed = {k: v for k, v in now.items() if v != prev[k]}
                if changed:
                    changes.append((t, changed))
            prev = now
        if changes:
            lines.append("    turns:")
            for t, changed in changes:
                inner = ", ".join(f"{k}: {v}" for k, v in changed.items())
                lines.append(f"      {model.year_of(t)}: {{{inner}}}")
    return "\n".join(lines) + "\n"


def _flow(ids: tuple[str, ...], row: np.ndarray) -> str:
    """{id: number, …} of the row's non-zero values, rounded."""
    items = [(i, round(float(v), DECIMALS)) for i, v in zip(ids, row, strict=True)]
    return "{" + ", ".join(f"{_key(i)}: {_number_text(v)}" for i, v in items if v != 0) + "}"


def _votes(model: Model, row: np.ndarray) -> str:
    cast = [(e, e.options[int(o)]) for e, o in zip(model.events, row, strict=True) if o >= 0]
    return "{" + ", ".join(f"{_key(e.id)}: {_key(o)}" for e, o in cast) + "}"


def _number_text(v: float) -> str:
    s = f"{v:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def _key(name: str) -> str:
    """An id as YAML reads it back as that text (quoted if it would read as a number…)."""
    try:
        same = yaml.safe_load(name) == name
    except yaml.YAMLError:
        same = False
    return name if same else f"'{name}'"
