"""Load a scenario: find the file, read it safely, merge `extends:`, validate, compile.

Every problem is collected with its file, line and column; nothing is raised one at a
time. `check` returns a `Scenario` (or None) with every problem; `load` returns a
`Scenario` or raises `ScenarioError` listing every error.

Inheritance (`extends: finland-2040`): the child is laid over its parent. Top-level
entity lists (and `elections.programmes`) merge by `id` — an entry with a known id
changes only the keys it gives, an entry with `remove: true` deletes it, a new id is
added; `network` merges by the pair of actors and `glossary` by term. Maps merge key by
key at any depth; lists, texts (`{fi: …, en: …}`) and a driver's `intensity` are
replaced whole. Positions follow the values, so an error points into the file that has
the offending value.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.paths import bundled as bundled_path
from game.scenario import schema, yamlsyntax
from game.scenario.checks import partial_problems, semantic_problems
from game.scenario.problems import Problem, ScenarioError, did_you_mean, near_miss
from game.scenario.salvage import LISTS, salvage, unreadable_paths, unwrap
from game.scenario.scenario import Scenario
from game.scenario.yamlread import MAX_BYTES, Located, read_yaml
from game.sim.model import Model

SCENARIO_DIR = bundled_path("scenarios")
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
# replaced whole when a child overrides them: a text is one value in several languages,
# and an intensity is one trajectory (merging years would leave the parent's kinks)
REPLACED = frozenset(
    {"title", "name", "description", "text", "label", "short", "term", "definition", "unit"}
    | {"intensity"}
)
# lists of entries with ids that merge by id (beyond the top-level entity lists)
KEYED_LISTS = {("elections", "programmes")}


def bundled() -> list[str]:
    """Ids of the bundled scenarios."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def resolve(ref: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario reference (a path, or the id of a bundled scenario) as a file path.

    Raises:
        ScenarioError: when no such file or bundled scenario exists.
    """
    p = Path(ref)
    if relative_to is None:
        candidates = [p]
    else:  # from an `extends:`: next to the file that says it, never the working folder
        candidates = [relative_to.parent / p, relative_to.parent / f"{ref}.yaml"]
    candidates.append(SCENARIO_DIR / f"{ref}.yaml")
    if str(ref).endswith(".yaml") and "/" not in str(ref) and "\\" not in str(ref):
        candidates.append(SCENARIO_DIR / str(ref))  # extends: finland-2040.yaml
    for c in candidates:
        try:
            if c.is_file():
                return c
        except (OSError, ValueError):  # a name the file system cannot hold
            continue
    known = bundled()
    name = str(ref)[:200]
    message = (
        f"no scenario file or bundled scenario '{name}'"
        f"{did_you_mean(str(ref), known)} (bundled: {', '.join(known) or 'none'})"
    )
    try:
        if p.is_dir():
            message = f"'{name}' is a folder: name the scenario files in it, like {name}/*.yaml"
    except (OSError, ValueError):
        pass
    raise ScenarioError([Problem(name, 1, 1, "error", message)])


# -- inheritance ---------------------------------------------------------------------------


def _copy_positions(
    src: Located, spath: tuple[Any, ...], value: object, dst: Located, dpath: tuple[Any, ...]
) -> None:
    """Copy the positions of `value` (found at `spath` in `src`) to `dpath` in `dst`."""
    stack = [(spath, dpath, value)]
    while stack:
        sp, dp, v = stack.pop()
        if sp in src.values:
            dst.values[dp] = src.values[sp]
        if sp in src.keys:
            dst.keys[dp] = src.keys[sp]
        if sp in src.spans:
            dst.spans[dp] = src.spans[sp]
        if sp in src.quoted:
            dst.quoted.add(dp)
        if isinstance(v, dict):
            stack.extend((sp + (k,), dp + (k,), x) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((sp + (i,), dp + (i,), x) for i, x in enumerate(v))


def _entity_key(kind: str, item: object) -> object:
    if not isinstance(item, dict):
        return None
    if kind == "network":
        a, b = item.get("a"), item.get("b")
        return tuple(sorted((str(a), str(b))))
    if kind == "glossary":
        term = item.get("term")
        key = term.get("fi") or term.get("en") if isinstance(term, dict) else term
        return key if isinstance(key, str) else None
    key = item.get("id")
    return key if isinstance(key, str) else None


_SINGULAR = {key: kind for key, kind in LISTS.items() if kind}


class _Merger:
    """Lays a child file over its parent, keeping every value's position."""

    def __init__(self, parent: Located, child: Located, problems: list[Problem]):
        self.parent = parent
        self.child = child
        self.problems = problems
        self.out = Located(
            {},
            child.file,
            sources={**parent.sources, **child.sources},
            removed={**parent.removed, **child.removed},
        )

    def take(
        self, src: Located, spath: tuple[Any, ...], value: object, opath: tuple[Any, ...]
    ) -> object:
        _copy_positions(src, spath, value, self.out, opath)
        return value

    def here(self, cpath: tuple[Any, ...], opath: tuple[Any, ...]) -> None:
        """The merged container itself sits where the child wrote it."""
        if cpath in self.child.values:
            self.out.values[opath] = self.child.values[cpath]
        if cpath in self.child.keys:
            self.out.keys[opath] = self.child.keys[cpath]

    def top(self) -> dict[Any, Any]:
        pdata = self.parent.data if isinstance(self.parent.data, dict) else {}
        cdata = self.child.data if isinstance(self.child.data, dict) else {}
        out: dict[Any, Any] = {}
        self.out.values[()] = self.child.pos(())
        for key in list(pdata) + [k for k in cdata if k not in pdata]:
            if key == "extends":
                continue
            path = (key,)
            pv, cv = pdata.get(key), cdata.get(key)
            if key not in cdata:
                out[key] = self.take(self.parent, path, pv, path)
            elif key not in pdata:
                out[key] = self.take(self.child, path, cv, path)
            elif key in ENTITY_LISTS + ("network", "glossary"):
                out[key] = self.keyed_list(key, path, pv, cv)
            elif key in DEEP_MAPS:
                out[key] = self.maps(path, path, path, pv, cv)
            else:
                out[key] = self.take(self.child, path, cv, path)
        self.out.data = out
        return out

    def maps(
        self,
        ppath: tuple[Any, ...],
        cpath: tuple[Any, ...],
        opath: tuple[Any, ...],
        pv: object,
        cv: object,
    ) -> object:
        """Lay the child's value over the parent's: maps key by key, the lists that merge
        by id by id, anything else (lists, texts, numbers, intensities) replaced whole.

        The three paths differ inside entity lists, where an entry's index in the parent,
        the child and the merged list are not the same.
        """
        if opath[-2:] in KEYED_LISTS and isinstance(pv, list) and isinstance(cv, list):
            return self.keyed_list(opath[-1], opath, pv, cv)
        if opath[-1] in REPLACED or not (isinstance(pv, dict) and isinstance(cv, dict)):
            return self.take(self.child, cpath, cv, opath)
        self.here(cpath, opath)
        merged: dict[Any, Any] = {}
        for k in list(pv) + [k for k in cv if k not in pv]:
            p, c, o = ppath + (k,), cpath + (k,), opath + (k,)
            if k in cv and k in pv:
                merged[k] = self.maps(p, c, o, pv[k], cv[k])
            elif k in cv:
                merged[k] = self.take(self.child, c, cv[k], o)
            else:
                merged[k] = self.take(self.parent, p, pv[k], o)
        return merged

    def keyed_list(self, kind: str, path: tuple[Any, ...], pv: object, cv: object) -> object:
        """Merge a list of entries by id; `remove: true` deletes the parent's entry."""
        if not (isinstance(pv, list) and isinstance(cv, list)):
            return self.take(self.child, path, cv, path)
        # each slot: ("p", index in parent) / ("c", index in child) / ("m", pi, ci)
        slots: list[tuple[Any, ...] | None] = []
        by_key: dict[object, int] = {}
        for i, item in enumerate(pv):
            k = _entity_key(kind, item)
            if k is not None:
                by_key.setdefault(k, len(slots))
            slots.append(("p", i))
        touched: set[int] = set()
        for i, item in enumerate(cv):
            k = _entity_key(kind, item)
            slot = by_key.get(k) if k is not None else None
            if isinstance(item, dict) and "remove" in item:
                self.remove(kind, path, i, item, k, slot, slots)
                continue
            if slot is not None and slot not in touched and slots[slot] is not None:
                slots[slot] = ("m", slots[slot][1], i)  # type: ignore[index]
                touched.add(slot)
            else:  # a new entry (or a second one with the same id: reported as a duplicate)
                slots.append(("c", i))
        self.here(path, path)
        out: list[Any] = []
        for entry in slots:
            if entry is None:
                continue
            opath = path + (len(out),)
            if entry[0] == "p":
                pi = entry[1]
                out.append(self.take(self.parent, path + (pi,), pv[pi], opath))
                self.out.origin[opath] = self.parent.origin.get(path + (pi,), pi)
            elif entry[0] == "c":
                out.append(self.take(self.child, path + (entry[1],), cv[entry[1]], opath))
                self.out.origin[opath] = entry[1]
            else:
                pi, ci = entry[1], entry[2]
                out.append(self.maps(path + (pi,), path + (ci,), opath, pv[pi], cv[ci]))
                self.out.origin[opath] = ci
        return out

    def remove(
        self,
        kind: str,
        path: tuple[Any, ...],
        i: int,
        item: dict[Any, Any],
        key: object,
        slot: int | None,
        slots: list[Any],
    ) -> None:
        where = self.child.pos(path + (i, "remove"), key=True)
        if item["remove"] is not True:
            self.problems.append(
                Problem(
                    *where,
                    "error",
                    "remove: takes true (or leave it out)",
                    self.child.path_text(path + (i, "remove")),
                )
            )
            return
        if slot is None or slots[slot] is None:
            known = [
                str(_entity_key(kind, x)) for x in self.parent_list(path) if isinstance(x, dict)
            ]
            self.problems.append(
                Problem(
                    *where,
                    "error",
                    f"remove: true, but the scenario it extends has no {kind} entry "
                    f"'{key}' to remove{did_you_mean(str(key), known)}",
                    self.child.path_text(path + (i,)),
                )
            )
            return
        slots[slot] = None
        self.out.removed[(_SINGULAR.get(kind, kind), str(key))] = where

    def parent_list(self, path: tuple[Any, ...]) -> list[Any]:
        v: Any = self.parent.data
        for k in path:
            v = v.get(k) if isinstance(v, dict) else None
        return v if isinstance(v, list) else []


def merge(parent: Located, child: Located, problems: list[Problem] | None = None) -> Located:
    """`child` laid over `parent` (see the module docstring); problems go to `problems`."""
    merger = _Merger(parent, child, problems if problems is not None else [])
    merger.top()
    return merger.out


def read_merged(
    path: Path,
    display: str | None = None,
    depth: int = 0,
    chain: tuple[Path, ...] = (),
    max_bytes: int = MAX_BYTES,
) -> tuple[Located | None, list[Problem]]:
    """Read a file and everything it `extends`, merged, with positions kept."""
    loc, problems = read_yaml(path, display, partial=True, max_bytes=max_bytes)
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
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        return None, [
            Problem(f, line, col, "error", "extends: takes a scenario id or a path", "extends")
        ]
    try:
        parent_path = resolve(parent_ref, path)
    except ScenarioError as err:
        p = err.problems[0]
        return None, [Problem(f, line, col, "error", p.message, "extends")]
    if not _may_extend(parent_path, path):
        return None, [
            Problem(
                f,
                line,
                col,
                "error",
                "extends: takes a bundled scenario or a file in this file's folder (or a "
                f"folder inside it); '{parent_ref}' is elsewhere, and a scenario file may "
                "not make the game read other files",
                "extends",
            )
        ]
    here = path.resolve()
    seen = chain + (here,)
    if parent_path.resolve() in seen:
        names = " → ".join(p.name for p in seen + (parent_path.resolve(),))
        return None, [
            Problem(f, line, col, "error", f"extends: goes round in a loop ({names})", "extends")
        ]
    if depth >= MAX_EXTENDS:
        return None, [
            Problem(
                f,
                line,
                col,
                "error",
                f"extends: goes more than {MAX_EXTENDS} files deep",
                "extends",
            )
        ]
    parent, pprobs = read_merged(parent_path, _display(parent_path), depth + 1, seen)
    if parent is None:
        return None, pprobs + [
            Problem(
                f,
                line,
                col,
                "error",
                f"the scenario it extends ('{parent_ref}') has errors",
                "extends",
            )
        ]
    merged_problems: list[Problem] = []
    merged = merge(parent, loc, merged_problems)  # a bad `remove:` is left out, and said
    return merged, problems + pprobs + merged_problems


def _may_extend(parent: Path, child: Path) -> bool:
    """A mailed scenario may build on a bundled one or on files that came with it (in its
    folder or below), never on any other file of the machine (../, /etc/…, a symlink out).
    """
    target = parent.resolve()
    if target.parent == SCENARIO_DIR.resolve():
        return True
    return target.is_relative_to(child.resolve().parent)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# -- type errors as facilitators read them ----------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional; of a union, keep the part that holds keys."""
    return unwrap(tp, keys=True)


def _model_at(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The schema model that a value at `path` must match, if it is one."""
    tp: Any = schema.ScenarioFile
    for part in path:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {(f.alias or n): f for n, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif typing.get_origin(tp) is list and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


_KIND_OF = {kind: one.replace("_", " ") for kind, one in _SINGULAR.items()}


def _owner(loc: Located, path: tuple[Any, ...]) -> str:
    """' in actor 'tem'' for a path inside an entry with an id, else ''."""
    if len(path) >= 2 and path[0] in _KIND_OF and isinstance(path[1], int):
        data = loc.data
        try:
            item = data[path[0]][path[1]]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f" in {_KIND_OF[path[0]]} '{item['id'][:40]}'"
    return ""


def _pydantic_problems(exc: ValidationError, loc: Located) -> list[Problem]:
    problems: list[Problem] = []
    texts: dict[tuple[Any, ...], list[Any]] = {}  # a text field's errors, one problem per field
    for err in exc.errors():
        raw = _real_keys(tuple(err["loc"]), loc.data)
        marked = [i for i, p in enumerate(raw) if isinstance(p, str) and _is_marker(p)]
        if _unread(loc, raw, err["type"]):
            continue  # a part that could not be read: its problem is reported already
        if err["type"] == "missing" and _misspelt(loc, _plain(raw)):
            continue  # written under a misspelt key: that key's problem says so
        if marked and err["type"] in _TEXT_ERRORS:
            # a text field (a string or a language map): pydantic reports each branch
            texts.setdefault(raw[: marked[0]], []).append(err)
            continue
        # drop the union-branch markers pydantic adds ('str', 'dict[...]', 'function-after')
        path = tuple(p for p in raw if isinstance(p, int) or not _is_marker(p))
        problems.append(_problem(err, path, loc))
    for path, errs in texts.items():
        problems.append(_text_problem(path, errs, loc))
    return problems


class _Key(str):
    """A key of the file that looks like one of pydantic's markers (`a[b]`), kept."""

    __slots__ = ()


def _real_keys(raw: tuple[Any, ...], data: object) -> tuple[Any, ...]:
    """Pydantic's error location, with the file's own keys marked as such: a key written
    like `regio[n_types` must not be taken for a marker of a union branch.
    """
    out: list[Any] = []
    node = data
    for p in raw:
        if isinstance(node, dict) and p in node:
            node = node[p]
            out.append(_Key(p) if isinstance(p, str) and _is_marker(p) else p)
        elif isinstance(node, list) and isinstance(p, int) and 0 <= p < len(node):
            node = node[p]
            out.append(p)
        else:
            out.append(p)
            if not (isinstance(p, str) and _is_marker(p)):
                node = None
    return tuple(out)


def _plain(raw: tuple[Any, ...]) -> tuple[Any, ...]:
    """An error location without pydantic's union-branch markers."""
    return tuple(p for p in raw if isinstance(p, int) or not _is_marker(p))


def _unread(loc: Located, raw: tuple[Any, ...], etype: str) -> bool:
    """Whether a pydantic error is about a part that could not be read (or, for a
    missing key, about a map one of whose parts could not be read: it may be there).
    """
    if not loc.unreadable:
        return False
    path = tuple(p for p in raw if isinstance(p, int) or not _is_marker(p))
    if any(path[:n] in loc.unreadable for n in range(len(path) + 1)):
        return True
    return etype == "missing" and any(
        u[:-1] == path[:-1] and str(u[-1]).startswith(yamlsyntax.HIDDEN_KEY)
        for u in loc.unreadable
        if u
    )


def _misspelt(loc: Located, path: tuple[Any, ...]) -> bool:
    """Whether a missing key is there under a misspelt name (`budjet:` for `budget:`): the
    unknown key's problem says so, with "did you mean".
    """
    node: Any = loc.data
    for p in path[:-1]:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(node, dict):
        return False
    model = _model_at(path[:-1])
    known = _keys_of(model) if model is not None else []
    meant = {near_miss(str(k), known) for k in node if k not in known}
    # without its id an entry cannot be matched to the one it overrides: all it lacks
    # may be there
    return path[-1] in meant or ("id" in meant and "id" in known)


_TEXT_ERRORS = ("string_type", "dict_type", "literal_error", "string_too_long")


def _text_problem(path: tuple[Any, ...], errs: list[dict[Any, Any]], loc: Located) -> Problem:
    """The one problem of a text field, the most telling of pydantic's errors."""
    for err in errs:
        raw = tuple(err["loc"])
        if err["type"] == "literal_error" and raw and raw[-1] == "[key]":
            bad = raw[-2]
            where = loc.pos(path + (bad,), key=True)
            near = _LANG_NAMES.get(str(bad).casefold())
            hint = f" — did you mean '{near}'?" if near else did_you_mean(str(bad), LANGS)
            msg = f"unknown language '{bad}': use fi, en or sv{hint}"
            return Problem(*where, "error", msg, loc.path_text(path + (bad,)))
    for err in errs:
        if err["type"] == "string_too_long":
            lang = err["loc"][-1]
            sub = path + (lang,) if lang in LANGS else path
            limit = (err.get("ctx") or {}).get("max_length", 5000)
            return Problem(
                *loc.pos(sub),
                "error",
                f"the text is too long: at most {limit} characters",
                loc.path_text(sub),
            )
    for err in errs:
        raw = tuple(err["loc"])
        if err["type"] == "string_type" and raw and raw[-1] in LANGS:
            sub = path + (raw[-1],)
            return Problem(
                *loc.pos(sub),
                "error",
                f"the {raw[-1]} text must be text, found {_shown(err.get('input'))}",
                loc.path_text(sub),
            )
    return Problem(
        *loc.pos(path),
        "error",
        f"expected text: a string, or a map like {{fi: …, en: …, sv: …}} "
        f"(found {_shown(errs[0].get('input'))})",
        loc.path_text(path),
    )


LANGS = ("fi", "en", "sv")
# what people write for the three languages
_LANG_NAMES = {
    **dict.fromkeys(("se", "swe", "sve", "svenska", "swedish", "ruotsi"), "sv"),
    **dict.fromkeys(("fin", "suomi", "finnish", "su"), "fi"),
    **dict.fromkeys(("eng", "english", "gb", "uk", "us", "englanti"), "en"),
}


def _problem(err: Any, path: tuple[Any, ...], loc: Located) -> Problem:
    """One pydantic error as a problem at the offending key or value."""
    etype = err["type"]
    if etype == "missing" and path:
        where = loc.pos(path[:-1])
        msg = f"missing required key '{path[-1]}'{_owner(loc, path)}"
        model = _model_at(path[:-1])
        if model is not None:
            f = model.model_fields.get(str(path[-1]))
            if f is not None and f.description:
                msg += f" ({f.description[0].lower()}{f.description[1:].rstrip('.')})"
        return Problem(*where, "error", msg, loc.path_text(path[:-1]))
    if etype == "extra_forbidden" and path:
        where = loc.pos(path, key=True)
        model = _model_at(path[:-1])
        allowed = _keys_of(model) if model is not None else _FIELD_NAMES
        msg = f"unknown key '{path[-1]}'{did_you_mean(str(path[-1]), allowed)}"
        if path[-1] == "remove":
            msg += " (remove: true works only in a file that extends another)"
        elif model is not None:
            msg += f" (allowed here: {', '.join(allowed)})"
        return Problem(*where, "error", msg, loc.path_text(path))
    if etype == "invalid_key" and path:
        where = loc.pos(path, key=True)
        msg = f"the key {path[-1]!r} must be a name (text), not a number or true/false"
        return Problem(*where, "error", msg, loc.path_text(path))
    return Problem(*loc.pos(path), "error", _message(err, path, loc), loc.path_text(path))


def _is_marker(p: str) -> bool:
    if isinstance(p, _Key):
        return False
    return (
        p in ("str", "int", "float", "bool")
        or "[" in p
        or p.startswith("function-")
        or p.startswith("constrained-")
    )


_TYPE_WORDS = {
    "dict_type": "a map (key: value lines)",
    "model_type": "a map (key: value lines)",
    "model_attributes_type": "a map (key: value lines)",
    "list_type": "a list (lines starting with '- ', or [a, b])",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
}


_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_E_NUMBER = re.compile(r"[+-]?\d+(\.\d*)?[eE][+-]?\d+")


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    s = repr(value)
    return s if len(s) <= 60 else s[:57] + "..."


def _message(err: Any, path: tuple[Any, ...], loc: Located) -> str:
    etype, msg = err["type"], err["msg"]
    value = err.get("input")
    shown = _shown(value)
    ctx = err.get("ctx") or {}
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        opts = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        return f"{shown} is not allowed here; use {expected}{did_you_mean(str(value), opts)}"
    if etype == "string_pattern_mismatch":
        return (
            f"{shown} is not a valid id: use lowercase letters, digits and '-' "
            "(like 'eastern-border')"
        )
    if etype == "finite_number":
        return f"{shown} is not a finite number"
    if etype in _TYPE_WORDS:
        hint = ""
        if isinstance(value, str) and etype.startswith(("float", "int")):
            number = value.strip().replace(" ", "").replace("\u00a0", "")
            if _DECIMAL_COMMA.fullmatch(number):
                hint = f" (decimals take a point: write {number.replace(',', '.')})"
            elif number.endswith("%") and _NUMBER.fullmatch(number[:-1].replace(",", ".")):
                share = float(number[:-1].replace(",", ".")) / 100
                hint = f" (write a share as a plain number: {share:g} for {number[:-1]} %)"
            elif _NUMBER.fullmatch(number):
                hint = " (write the number without quotes)"
            elif _E_NUMBER.fullmatch(number):  # YAML reads 1e3 as text; 1.0e3 is a number
                hint = f" (write it out: {float(number):g})"
        elif isinstance(value, str) and etype == "list_type" and "," in value:
            items = ", ".join(v.strip() for v in value.split(","))
            hint = f" (a list is written in brackets: [{items}])"
        return f"expected {_TYPE_WORDS[etype]}, found {shown}{hint}"
    if etype == "too_short":
        if len(path) >= 3 and path[0] == "teams" and path[-1] == "actors":
            who = _owner(loc, path).removeprefix(" in team")
            return f"team{who} has no actors: list at least one actor id"
        return f"needs at least {ctx.get('min_length', 1)} entry (found none)"
    if etype == "too_long":
        most, found = ctx.get("max_length"), ctx.get("actual_length")
        if len(path) == 1 and isinstance(path[0], str) and found is not None:
            what = path[0].replace("_", " ")  # a top-level list: one of the scenario's limits
            return (
                f"{found:,} {what}: a scenario may have at most {most:,} (the limits the game "
                "is tested at, docs/reliability.md)"
            )
        return f"at most {most} entries are allowed here"
    if etype in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{shown} is out of range: {msg.replace('Input should', 'it must')}"
    return f"{msg[0].lower()}{msg[1:]} (found {shown})"


def _collect_field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, f in obj.model_fields.items():
                names.add(f.alias or name)
    return sorted(names)


_FIELD_NAMES = _collect_field_names()


# -- every problem in one run ------------------------------------------------------------------

# a test sets this to let an exception in the best-effort checks of a broken file through
RAISE_IN_SALVAGE = False


def check(ref: str | Path, max_bytes: int = MAX_BYTES) -> tuple[Scenario | None, list[Problem]]:
    """Validate a scenario; return it (or None) and every problem, errors and warnings.

    Every pass runs whatever the others found: the reading (a YAML syntax error costs
    only the part it is in), the types, the references, the conditions and the warnings.
    A check is skipped only when it depends on a part that could not be read, so that
    nothing is reported twice or as a consequence of another problem.
    """
    try:
        path = resolve(ref)
    except ScenarioError as err:
        return None, err.problems
    display = str(ref) if Path(ref).is_file() else _display(path)
    loc, problems = read_merged(path, display, max_bytes=max_bytes)
    if loc is None:
        return None, _tidy(problems)
    loc.unreadable = unreadable_paths(loc.data)
    try:
        typed = schema.ScenarioFile.model_validate(loc.data)
    except ValidationError as exc:
        problems = problems + _pydantic_problems(exc, loc) + _salvaged_problems(loc)
        return None, _tidy(problems)
    scenario = Scenario(typed, loc, path)
    problems = _tidy(problems + semantic_problems(scenario))
    if any(p.severity == "error" for p in problems):
        return None, problems
    scenario.warnings = [p for p in problems if p.severity == "warning"]
    return scenario, problems


def _salvaged_problems(loc: Located) -> list[Problem]:
    """The reference and semantic problems of the parts of a broken file that are right."""
    try:
        return partial_problems(salvage(loc.data), loc)
    except Exception:  # noqa: BLE001 - a best-effort extra; the type errors stand anyway
        if RAISE_IN_SALVAGE:
            raise
        return []


def _tidy(problems: list[Problem]) -> list[Problem]:
    """In file order, each problem once."""
    return sorted(set(problems))


def load(ref: str | Path, max_bytes: int = MAX_BYTES) -> Scenario:
    """Load and validate a scenario (a path or a bundled id); `max_bytes` as `read_yaml`.

    Raises:
        ScenarioError: listing every error found.
    """
    scenario, problems = check(ref, max_bytes)
    if scenario is None:
        raise ScenarioError([p for p in problems if p.severity == "error"])
    return scenario


def load_scenario(ref: str | Path) -> tuple[Scenario, Model]:
    """Load a scenario (a path or a bundled id) and compile its model.

    Raises:
        ScenarioError: listing every error found.
    """
    scenario = load(ref)
    return scenario, scenario.compile()
