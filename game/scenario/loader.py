"""Load a scenario: find the file, read it safely, merge `extends:`, validate, compile.

Every problem is collected with its file, line and column; nothing is raised one at a
time. `load` returns a `Scenario` or raises `ScenarioError` listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from game.scenario import schema
from game.scenario.problems import Problem, ScenarioError, did_you_mean, dotted
from game.scenario.yamlread import Located, read_yaml

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
ENTITY_LISTS = (
    "region_types",
    "indicators",
    "themes",
    "actors",
    "teams",
    "drivers",
    "events",
    "packages",
)
DEEP_MAPS = ("meta", "vision", "elections")
MAX_EXTENDS = 5


def bundled() -> list[str]:
    """Ids of the bundled scenarios."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def resolve(ref: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario reference (a path, or the id of a bundled scenario) as a file path.

    Raises:
        ScenarioError: when no such file or bundled scenario exists.
    """
    p = Path(ref)
    candidates = [p]
    if relative_to is not None and not p.is_absolute():
        candidates.insert(0, relative_to.parent / p)
        candidates.insert(1, relative_to.parent / f"{ref}.yaml")
    candidates.append(SCENARIO_DIR / f"{ref}.yaml")
    for c in candidates:
        if c.is_file():
            return c
    known = bundled()
    raise ScenarioError(
        [
            Problem(
                str(ref),
                1,
                1,
                "error",
                f"no scenario file or bundled scenario '{ref}'"
                f"{did_you_mean(str(ref), known)} (bundled: {', '.join(known)})",
            )
        ]
    )


@dataclass
class Scenario:
    """A validated scenario: the typed file, where each value came from, and warnings."""

    file: schema.ScenarioFile
    located: Located
    path: Path
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The scenario id."""
        return self.file.meta.id

    def compile(self):  # -> game.sim.model.Model
        """The simulation model of this scenario."""
        from game.scenario.compile import compile_model

        return compile_model(self)


def _shift(src: Located, src_prefix: tuple, dst: Located, dst_prefix: tuple) -> None:
    n = len(src_prefix)
    for table, out in ((src.values, dst.values), (src.keys, dst.keys)):
        for path, pos in table.items():
            if path[:n] == src_prefix:
                out[dst_prefix + path[n:]] = pos


def _entity_key(kind: str, item: object) -> object:
    if not isinstance(item, dict):
        return None
    if kind == "network":
        a, b = item.get("a"), item.get("b")
        return tuple(sorted((str(a), str(b))))
    if kind == "glossary":
        term = item.get("term")
        return term.get("fi") or term.get("en") if isinstance(term, dict) else term
    return item.get("id")


def merge(parent: Located, child: Located) -> Located:
    """`child` on top of `parent`: entity lists merge by id (an entry with `remove: true`
    deletes), meta/vision/elections merge key by key, anything else the child replaces.
    """
    pdata = parent.data if isinstance(parent.data, dict) else {}
    cdata = child.data if isinstance(child.data, dict) else {}
    out = Located({}, child.file)
    keys = list(pdata) + [k for k in cdata if k not in pdata]
    for key in keys:
        if key == "extends":
            continue
        pv, cv = pdata.get(key), cdata.get(key)
        if key not in cdata:
            out.data[key] = pv
            _shift(parent, (key,), out, (key,))
        elif key not in pdata:
            out.data[key] = cv
            _shift(child, (key,), out, (key,))
        elif (
            key in ENTITY_LISTS + ("network", "glossary")
            and isinstance(pv, list)
            and isinstance(cv, list)
        ):
            _merge_list(key, parent, pv, child, cv, out)
        elif key in DEEP_MAPS and isinstance(pv, dict) and isinstance(cv, dict):
            out.data[key] = _merge_map(parent, child, out, (key,), pv, cv)
        else:
            out.data[key] = cv
            _shift(child, (key,), out, (key,))
    return out


def _merge_map(
    parent: Located, child: Located, out: Located, path: tuple, pv: dict, cv: dict
) -> dict:
    merged = {}
    for k in list(pv) + [k for k in cv if k not in pv]:
        if (
            k in cv
            and k in pv
            and isinstance(pv[k], dict)
            and isinstance(cv[k], dict)
            and k not in ("title", "description", "name", "text")
        ):
            merged[k] = _merge_map(parent, child, out, path + (k,), pv[k], cv[k])
        elif k in cv:
            merged[k] = cv[k]
            _shift(child, path + (k,), out, path + (k,))
        else:
            merged[k] = pv[k]
            _shift(parent, path + (k,), out, path + (k,))
    out.values.setdefault(path, child.pos(path))
    return merged


def _merge_list(
    key: str, parent: Located, pv: list, child: Located, cv: list, out: Located
) -> None:
    items: list = []
    origin: list[tuple[Located, int]] = []
    index: dict = {}
    for i, item in enumerate(pv):
        index.setdefault(_entity_key(key, item), len(items))
        items.append(item)
        origin.append((parent, i))
    for i, item in enumerate(cv):
        k = _entity_key(key, item)
        if k is not None and k in index and items[index[k]] is not None:
            m = index[k]
            if isinstance(item, dict) and item.get("remove") is True:
                items[m] = None
                continue
            base = items[m] if isinstance(items[m], dict) else {}
            items[m] = {**base, **item}
            origin[m] = (origin[m][0], origin[m][1], i)  # type: ignore[assignment]
        else:
            index.setdefault(k, len(items))
            items.append(item)
            origin.append((child, i))
    out.data[key] = []
    out.values[(key,)] = child.pos((key,))
    for item, org in zip(items, origin, strict=True):
        if item is None:
            continue
        m = len(out.data[key])
        out.data[key].append(item)
        src, i = org[0], org[1]
        _shift(src, (key, i), out, (key, m))
        if len(org) == 3:  # overridden by the child: its keys point into the child file
            ci = org[2]
            _shift(child, (key, ci), out, (key, m))


def _pydantic_problems(exc: ValidationError, loc: Located) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for err in exc.errors():
        raw = tuple(err["loc"])
        # drop the union-branch markers pydantic adds ('str', 'dict[...]', 'function-after')
        path = tuple(p for p in raw if isinstance(p, int) or not _is_marker(p))
        etype = err["type"]
        text_union = any(isinstance(p, str) and _is_marker(p) for p in raw)
        if text_union and (path, "text") in seen:
            continue
        if etype == "missing":
            where = loc.pos(path[:-1])
            msg = f"missing required key '{path[-1]}'"
            shown = path[:-1]
        elif etype == "extra_forbidden":
            where = loc.pos(path, key=True)
            msg = f"unknown key '{path[-1]}'{did_you_mean(str(path[-1]), _FIELD_NAMES)}"
            shown = path
        elif text_union and etype in (
            "string_type",
            "dict_type",
            "literal_error",
            "string_too_long",
        ):
            if etype == "string_too_long":
                msg = err["msg"].replace("String", "text")
            elif etype == "literal_error":
                bad = raw[-1] if raw else ""
                msg = f"unknown language '{bad}': use fi, en or sv"
            else:
                msg = "expected text: a string, or a map like {fi: …, en: …, sv: …}"
            where, shown = loc.pos(path), path
            seen.add((path, "text"))
        else:
            where = loc.pos(path)
            msg = _message(err, path)
            shown = path
        problems.append(Problem(where[0], where[1], where[2], "error", msg, dotted(shown)))
    return problems


def _is_marker(p: str) -> bool:
    return (
        p in ("str", "int", "float", "bool")
        or "[" in p
        or p.startswith("function-")
        or p.startswith("constrained-")
    )


def _message(err: dict, path: tuple) -> str:
    etype, msg = err["type"], err["msg"]
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        opts = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        return f"{shown} is not allowed here; use {expected}{did_you_mean(str(value), opts)}"
    if etype == "string_pattern_mismatch":
        return (
            f"{shown} is not a valid id: use lowercase letters, digits and '-' "
            "(like 'eastern-border')"
        )
    if etype in ("finite_number",):
        return f"{shown} is not a finite number"
    return f"{msg[0].lower()}{msg[1:]} (found {shown})"


def _collect_field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, f in obj.model_fields.items():
                names.add(f.alias or name)
    return sorted(names)


_FIELD_NAMES = _collect_field_names()


def read_merged(
    path: Path, display: str | None = None, depth: int = 0
) -> tuple[Located | None, list[Problem]]:
    """Read a file and everything it `extends`, merged, with positions kept."""
    loc, problems = read_yaml(path, display)
    if loc is None:
        return None, problems
    if not isinstance(loc.data, dict):
        return None, [
            Problem(
                loc.file,
                1,
                1,
                "error",
                "a scenario file must be a mapping of keys "
                "(meta:, region_types:, …), not a list or a single value",
            )
        ]
    parent_ref = loc.data.get("extends")
    if parent_ref is None:
        return loc, problems
    f, line, col = loc.pos(("extends",))
    if not isinstance(parent_ref, str):
        return None, [Problem(f, line, col, "error", "extends: takes a scenario id or a path")]
    if depth >= MAX_EXTENDS:
        return None, [
            Problem(
                f, line, col, "error", f"extends: goes more than {MAX_EXTENDS} files deep (a loop?)"
            )
        ]
    try:
        parent_path = resolve(parent_ref, path)
    except ScenarioError as err:
        p = err.problems[0]
        return None, [Problem(f, line, col, "error", p.message, "extends")]
    if parent_path.resolve() == path.resolve():
        return None, [Problem(f, line, col, "error", "a scenario cannot extend itself")]
    parent, pprobs = read_merged(parent_path, _display(parent_path), depth + 1)
    if parent is None:
        return None, pprobs + [
            Problem(f, line, col, "error", f"the scenario it extends ('{parent_ref}') has errors")
        ]
    return merge(parent, loc), problems + pprobs


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check(ref: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate a scenario; return it (or None) and every problem, errors and warnings."""
    try:
        path = resolve(ref)
    except ScenarioError as err:
        return None, err.problems
    display = str(ref) if Path(ref).is_file() else _display(path)
    loc, problems = read_merged(path, display)
    if loc is None:
        return None, problems
    try:
        typed = schema.ScenarioFile.model_validate(loc.data)
    except ValidationError as exc:
        return None, problems + _pydantic_problems(exc, loc)
    scenario = Scenario(typed, loc, path)
    from game.scenario.checks import semantic_problems

    found = semantic_problems(scenario)
    problems += found
    if any(p.severity == "error" for p in problems):
        return None, problems
    scenario.warnings = [p for p in problems if p.severity == "warning"]
    return scenario, problems


def load(ref: str | Path) -> Scenario:
    """Load and validate a scenario (a path or a bundled id).

    Raises:
        ScenarioError: listing every error found.
    """
    scenario, problems = check(ref)
    if scenario is None:
        raise ScenarioError([p for p in problems if p.severity == "error"])
    return scenario
