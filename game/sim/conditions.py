"""Evaluate event conditions on a batch of game states, one boolean per run.

The expression tree is built by `game.scenario.conditions` (the parser, which also checks
every name). Nodes are plain tuples so compiled models stay picklable and hashable:
("num", v), ("var", name), ("call", fname, args), ("bin", op, left, right),
("not", x), ("neg", x). Call arguments that name ids are resolved to indices by the
compiler: ("call", "indicator", (k, r)).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from game.sim.model import Model
    from game.sim.state import State

VARIABLES = ("year", "turn")
# name -> kinds of id arguments, used by the parser to check and resolve them
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "region_type"),
    "mean": ("indicator",),
    "min": ("indicator",),
    "max": ("indicator",),
    "gap": ("indicator",),
    "trust": ("actor", "actor"),
    "density": (),
    "funded": ("package",),
    "fired": ("event",),
    "budget": ("actor",),
}

_BIN: dict[str, Callable[..., Any]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": lambda a, b: np.divide(a, np.where(b == 0, np.nan, b)),
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
    "and": np.logical_and,
    "or": np.logical_or,
}
_COMPARE = frozenset(("<", "<=", ">", ">=", "==", "!="))


def evaluate(node: tuple[Any, ...], model: Model, state: State) -> np.ndarray:
    """Value of an expression for every run: a float or bool array of shape (N,)."""
    n = state.x.shape[0]
    tag = node[0]
    if tag == "num":
        return np.full(n, float(node[1]))
    if tag == "var":
        value = state.turn if node[1] == "turn" else model.year_of(state.turn)
        return np.full(n, float(value))
    if tag == "not":
        return ~_truth(evaluate(node[1], model, state))
    if tag == "neg":
        return -evaluate(node[1], model, state)
    if tag == "bin":
        op, left, right = node[1], evaluate(node[2], model, state), evaluate(node[3], model, state)
        if op in ("and", "or"):
            return _BIN[op](_truth(left), _truth(right))
        with np.errstate(invalid="ignore", divide="ignore"):
            out = _BIN[op](left.astype(float), right.astype(float))
        return out
    if tag == "call":
        return _call(node[1], node[2], model, state)
    raise ValueError(f"unknown condition node {tag!r}")


def holds(node: tuple[Any, ...] | None, model: Model, state: State) -> np.ndarray:
    """Whether a condition holds in each run (no condition: always). NaN counts as false."""
    if node is None:
        return np.ones(state.x.shape[0], dtype=bool)
    return _truth(evaluate(node, model, state))


def _truth(v: np.ndarray) -> np.ndarray:
    if v.dtype == bool:
        return v
    return np.nan_to_num(v, nan=0.0) != 0


def _call(name: str, args: tuple[Any, ...], model: Model, state: State) -> np.ndarray:
    x = state.x
    if name == "indicator":
        k, r = args
        return x[:, r, k].copy()
    if name == "mean":
        return x[:, :, args[0]].mean(axis=1)
    if name == "min":
        return x[:, :, args[0]].min(axis=1)
    if name == "max":
        return x[:, :, args[0]].max(axis=1)
    if name == "gap":
        col = x[:, :, args[0]]
        return col.max(axis=1) - col.min(axis=1)
    if name == "trust":
        a, b = sorted(args)
        hit = np.flatnonzero((model.edge_a == a) & (model.edge_b == b))
        if hit.size == 0:
            return np.zeros(x.shape[0])
        e = hit[0]
        return np.where(state.present[:, e], state.trust[:, e], 0.0)
    if name == "density":
        a = len(model.actor_ids)
        pairs = max(a * (a - 1) / 2, 1)
        return (state.present & (state.trust > 0)).sum(axis=1) / pairs
    if name == "funded":
        return state.pkg_left[:, args[0]] > 0
    if name == "fired":
        return state.ev_count[:, args[0]] > 0
    if name == "budget":
        return state.budget[:, args[0]].copy()
    raise ValueError(f"unknown condition function {name!r}")


def compile_condition(node: tuple[Any, ...]) -> Callable[[Model, State], np.ndarray]:
    """The condition as a function of (model, state) -> bool array (N,): the tree is walked
    once here instead of every turn, and constants stay scalars. Same values as `holds`.
    """
    fn = _compile(node)

    def holds_compiled(model: Model, state: State) -> np.ndarray:
        v = fn(model, state)
        n = state.x.shape[0]
        if type(v) is np.ndarray and v.dtype == bool and v.shape == (n,):
            return v  # the usual case: a comparison, a logical operator, fired, funded
        v = _truth(np.asarray(v))
        return v if v.shape == (n,) else np.broadcast_to(v, (n,)).copy()

    return holds_compiled


def _as_float(v: Any) -> Any:
    return v.astype(float) if isinstance(v, np.ndarray) and v.dtype != float else v


def _compile(node: tuple[Any, ...]) -> Callable[..., Any]:
    tag = node[0]
    if tag == "num":
        value = float(node[1])
        return lambda model, state: value
    if tag == "var":
        if node[1] == "turn":
            return lambda model, state: float(state.turn)
        return lambda model, state: float(model.year_of(state.turn))
    if tag == "not":
        inner = _compile(node[1])
        return lambda model, state: np.logical_not(_truth(np.asarray(inner(model, state))))
    if tag == "neg":
        inner = _compile(node[1])
        return lambda model, state: -_as_float(inner(model, state))
    if tag == "bin":
        op, left, right = node[1], _compile(node[2]), _compile(node[3])
        f = _BIN[op]
        if op in ("and", "or"):

            def logical(model: Model, state: State) -> np.ndarray:
                a = _truth(np.asarray(left(model, state)))
                return f(a, _truth(np.asarray(right(model, state))))

            return logical

        if op in _COMPARE:  # comparisons never warn: no error state to set

            def compare(model: Model, state: State) -> np.ndarray:
                return f(_as_float(left(model, state)), _as_float(right(model, state)))

            return compare

        def binary(model: Model, state: State) -> np.ndarray:
            a, b = _as_float(left(model, state)), _as_float(right(model, state))
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                return f(np.asarray(a, dtype=float), np.asarray(b, dtype=float))

        return binary
    if tag == "call":
        name, args = node[1], node[2]
        if name == "trust":  # find the edge once (the compiled tree belongs to one model)
            found: list[int] = []

            def trust(model: Model, state: State) -> np.ndarray:
                if not found:
                    a, b = sorted(args)
                    hit = np.flatnonzero((model.edge_a == a) & (model.edge_b == b))
                    found.append(int(hit[0]) if hit.size else -1)
                e = found[0]
                if e < 0:
                    return np.zeros(state.x.shape[0])
                return np.where(state.present[:, e], state.trust[:, e], 0.0)

            return trust
        if name == "fired":
            i = args[0]
            return lambda model, state: state.ev_count[:, i] > 0
        if name == "funded":
            i = args[0]
            return lambda model, state: state.pkg_left[:, i] > 0
        if name == "indicator":
            k, r = args
            return lambda model, state: state.x[:, r, k]
        if name == "mean":  # np.mean's own sum and division, without its overhead
            k = args[0]
            return lambda model, state: state.x[:, :, k].sum(axis=1) / state.x.shape[1]
        return lambda model, state: _call(name, args, model, state)
    raise ValueError(f"unknown condition node {tag!r}")
