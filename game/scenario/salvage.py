"""What can be checked of a scenario file that has type errors or unreadable parts.

Validation reports every problem in one run: the type errors (from pydantic), and the
reference and semantic checks of everything else. For those checks this module builds a
best-effort `ScenarioFile` from the raw data: each value that is right is kept; a value
that is wrong is replaced by its default, or by a neutral placeholder when it has none,
and its path is recorded as *broken*, so a check never reports a consequence of a
problem already reported. Entries whose id cannot be read are left out (references to
the id they seem to have are not reported); a list that cannot be read at all makes its
kind *open*: any id of that kind is taken on trust.

A check that judges a part as a whole (is every indicator raised by some theme? is every
actor in a team?) runs only when that part was read whole: `Salvaged.whole`.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.scenario import schema
from game.scenario.problems import near_miss
from game.scenario.yamlread import Unreadable

# top-level lists of entries, and the kind of id their entries have (None: no id)
LISTS: dict[str, str | None] = {
    "region_types": "region_type",
    "indicators": "indicator",
    "themes": "theme",
    "actors": "actor",
    "teams": "team",
    "drivers": "driver",
    "events": "event",
    "packages": "package",
    "network": None,
    "glossary": None,
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Salvaged:
    """A best-effort scenario and what it is missing."""

    file: schema.ScenarioFile
    index: dict[str, list[int]]  # list key -> the file index of each entry kept
    broken_ids: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids left out
    open_kinds: set[str] = field(default_factory=set)  # kinds whose ids are not known
    broken: set[tuple[Any, ...]] = field(default_factory=set)  # paths replaced by defaults
    whole: set[str] = field(default_factory=set)  # top-level keys read whole

    def __post_init__(self) -> None:
        self._parents = {b[:-1] for b in self.broken if b}

    def hides(self, path: tuple[Any, ...]) -> bool:
        """Whether a problem at `path` could be a consequence of a broken value: the
        path is broken, lies inside a broken value, or directly holds one.
        """
        p = tuple(path)
        return any(p[:n] in self.broken for n in range(len(p) + 1)) or p in self._parents


def unreadable_paths(data: object) -> set[tuple[Any, ...]]:
    """Every path in `data` where an `Unreadable` stands."""
    out: set[tuple[Any, ...]] = set()
    stack: list[tuple[tuple[Any, ...], object]] = [((), data)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, Unreadable):
            out.add(path)
        elif isinstance(v, dict):
            stack.extend((path + (k,), x) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((path + (i,), x) for i, x in enumerate(v))
    return out


# -- types ----------------------------------------------------------------------------------


def unwrap(tp: Any, keys: bool = False) -> Any:
    """Strip Annotated and Optional; of another union, with `keys` the part that holds
    keys (a text's language map), else the union itself.
    """
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            parts = [a for a in typing.get_args(tp) if a is not type(None)]
            rich = [a for a in parts if typing.get_origin(a) in (list, dict) or _is_model(a)]
            if len(parts) != 1 and not keys:
                return tp
            tp = (rich or parts)[-1]
        else:
            return tp


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(model.model_fields[name].rebuild_annotation())


@cache
def _item_adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _placeholder(tp: Any, path: tuple[Any, ...], broken: set[tuple[Any, ...]]) -> Any:
    """A neutral value of type `tp` (only ever looked at through a broken path)."""
    inner = unwrap(tp)
    origin = typing.get_origin(inner)
    if _is_model(inner):
        return _model(inner, {}, path, broken)
    if origin is list or inner is list:
        return []
    if origin is dict or inner is dict:
        return {}
    if origin is typing.Literal:
        return typing.get_args(inner)[0]
    if origin in (typing.Union, types.UnionType) or inner is str:
        return ""  # a text: a string or a language map
    if inner is bool:
        return False
    if inner in (int, float):
        return 1
    return None


# -- salvaging -----------------------------------------------------------------------------


def _model(
    model: type[BaseModel], data: object, path: tuple[Any, ...], broken: set[tuple[Any, ...]]
) -> Any:
    """`model` built from what is right in `data`; the rest defaults, paths in `broken`."""
    if not isinstance(data, dict):
        broken.add(path)
        data = {}
    values: dict[str, Any] = {}
    keys = [f.alias or n for n, f in model.model_fields.items()]
    for k in data:
        if k not in keys:  # a misspelt key: the key it was meant to be is not really missing
            near = near_miss(str(k), keys)
            if near is not None:
                broken.add(path + (near,))
    for name, f in model.model_fields.items():
        key = f.alias or name
        fpath = path + (key,)
        if key not in data:
            if f.is_required():
                broken.add(fpath)
                values[name] = _placeholder(f.annotation, fpath, broken)
            continue
        raw = data[key]
        try:
            values[name] = _adapter(model, name).validate_python(raw)
            continue
        except ValidationError:
            pass
        part = _part(f.annotation, raw, fpath, broken)
        if part is not _NOTHING:
            values[name] = part
            continue
        broken.add(fpath)
        if f.is_required():
            values[name] = _placeholder(f.annotation, fpath, broken)
    return model.model_construct(**values)


_NOTHING = object()


def _part(tp: Any, raw: object, path: tuple[Any, ...], broken: set[tuple[Any, ...]]) -> Any:
    """What can be kept of a wrong value: a model's right fields, a list's or a map's
    right entries (a wrong entry of a list stands as a placeholder, so indices hold).
    """
    inner = unwrap(tp)
    origin = typing.get_origin(inner)
    if _is_model(inner) and isinstance(raw, dict):
        return _model(inner, raw, path, broken)
    if origin is list and isinstance(raw, list):
        (elem,) = typing.get_args(inner)
        out = []
        for i, x in enumerate(raw):
            try:
                out.append(_item_adapter(elem).validate_python(x))
            except ValidationError:
                sub = _part(elem, x, path + (i,), broken)
                if sub is _NOTHING:
                    broken.add(path + (i,))
                    sub = _placeholder(elem, path + (i,), broken)
                out.append(sub)
        return out
    if origin is dict and isinstance(raw, dict):
        ktp, vtp = typing.get_args(inner)
        kept = {}
        for k, x in raw.items():
            try:
                key = _item_adapter(ktp).validate_python(k)
            except ValidationError:
                broken.add(path + (k,))
                continue
            try:
                kept[key] = _item_adapter(vtp).validate_python(x)
            except ValidationError:
                sub = _part(vtp, x, path + (k,), broken)
                if sub is _NOTHING:
                    broken.add(path + (k,))
                else:
                    kept[key] = sub
        return kept
    return _NOTHING


def salvage(data: object) -> Salvaged:
    """A `ScenarioFile` of what is right in `data` (see the module docstring)."""
    data = data if isinstance(data, dict) else {}
    broken: set[tuple[Any, ...]] = set()
    parts: dict[str, Any] = {}
    index: dict[str, list[int]] = {}
    broken_ids: dict[str, set[str]] = {}
    open_kinds: set[str] = set()
    whole: set[str] = set()
    for name, f in schema.ScenarioFile.model_fields.items():
        if name in ("schema_version", "extends"):
            continue
        raw = data.get(name, _NOTHING)
        if name in LISTS:
            kind = LISTS[name]
            elem = unwrap(typing.get_args(unwrap(f.annotation))[0])
            kept, where, ok = [], [], True
            if raw is _NOTHING and not f.is_required():
                raw = []
            if not isinstance(raw, list):
                ok = False
                if kind is not None:
                    open_kinds.add(kind)
                broken.add((name,))
                raw = []
            for i, item in enumerate(raw):
                try:
                    kept.append(elem.model_validate(item))
                    where.append(i)
                    continue
                except ValidationError:
                    ok = False
                if isinstance(item, Unreadable):  # its problem is reported already
                    if kind is not None and item.id:
                        broken_ids.setdefault(kind, set()).add(item.id)
                    elif kind is not None:
                        open_kinds.add(kind)
                    continue
                if not isinstance(item, dict):
                    continue
                if kind is not None:
                    ident = item.get("id")
                    if not (isinstance(ident, str) and _ID.match(ident)):
                        if isinstance(ident, str):
                            broken_ids.setdefault(kind, set()).add(ident)
                        continue  # an entry without a usable id: left out
                kept.append(_model(elem, item, (name, i), broken))
                where.append(i)
            parts[name] = kept
            index[name] = where
            if ok:
                whole.add(name)
            continue
        model = unwrap(f.annotation)
        if raw is _NOTHING:
            if f.is_required():
                broken.add((name,))
                parts[name] = _model(model, {}, (name,), broken)
            continue
        try:
            parts[name] = model.model_validate(raw)
            whole.add(name)
        except ValidationError:
            parts[name] = _model(model, raw, (name,), broken)
    for key in list(whole):
        if any(b[:1] == (key,) for b in broken):
            whole.discard(key)
    typed = schema.ScenarioFile.model_construct(**parts)
    return Salvaged(typed, index, broken_ids, open_kinds, broken, whole)
