"""Mutations of real scenario files, shared by the property tests and bench/fuzz.py."""

import copy
import random
import re
from pathlib import Path

import yaml

from game.scenario.loader import SCENARIO_DIR

DATA = Path(__file__).resolve().parents[1] / "data"
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$", re.S)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FINNISH = (
    "Aluekehittäminen on yhteistyötä: ministeriöt, maakuntien liitot ja kumppanit "
    "sovittavat yhteen panoksensa, jotta koko Suomi kehittyy. "
)
ODD = [
    1e308,
    -1e308,
    float("nan"),
    float("inf"),
    -float("inf"),
    10**40,
    -(10**40),
    0,
    -1,
    0.5,
    2022,
    "",
    " ",
    "x",
    "2022",
    "ä" * 300,
    (FINNISH * 40)[:5000],
    (FINNISH * 40)[:5001],
    "tem",
    "jobs",
    "finland-2040",
    "year > 2030 and",
    "mean('jobs') > 200",
    None,
    True,
    False,
    [],
    {},
    [1, 2, 3],
    {"fi": "teksti", "de": "Text"},
    {"a": {"b": {"c": []}}},
]


def base_files() -> dict[str, tuple[object, str | None]]:
    """name -> (data, extends) for each real file the tests mutate."""
    out: dict[str, tuple[object, str | None]] = {}
    for name, path in (
        ("mini", DATA / "mini.yaml"),
        ("tutorial", SCENARIO_DIR / "tutorial.yaml"),
        ("finland", SCENARIO_DIR / "finland-2040.yaml"),
        ("patchwork", SCENARIO_DIR / "patchwork.yaml"),
    ):
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out[name] = (data, data.get("extends") if isinstance(data, dict) else None)
    return out


BASES = base_files()


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every path into a data tree (the root included)."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, prefix + (i,))
    return out


def parent_of(root: object, path: tuple) -> object:
    node = root
    for k in path[:-1]:
        node = node[k]  # type: ignore[index]
    return node


def mutate(root: object, path: tuple, op: str, value: object, rnd: random.Random) -> object:
    """Apply one mutation at `path`; returns the (possibly new) root."""
    if not path:
        return value if op == "set" else root
    holder, key = parent_of(root, path), path[-1]
    current = holder[key]  # type: ignore[index]
    if op == "drop":
        del holder[key]  # type: ignore[attr-defined]
    elif op == "set":
        holder[key] = copy.deepcopy(value)  # type: ignore[index]
    elif op == "empty":
        holder[key] = type(current)() if isinstance(current, list | dict | str) else None  # type: ignore[index]
    elif op == "duplicate" and isinstance(current, list) and current:
        current.append(copy.deepcopy(rnd.choice(current)))
    elif op == "duplicate" and isinstance(holder, list):
        holder.append(copy.deepcopy(current))
    elif op == "rename" and isinstance(holder, dict):
        new = str(key)[:-1] or "x" if rnd.random() < 0.5 else f"{key}x"
        holder[new] = holder.pop(key)
    elif op == "stringify":
        holder[key] = str(current)  # type: ignore[index]
    elif op == "negate" and isinstance(current, int | float) and not isinstance(current, bool):
        holder[key] = -current * 1000  # type: ignore[index]
    return root
