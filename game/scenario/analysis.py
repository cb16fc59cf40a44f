"""Find event conditions that can never hold, by interval analysis of the condition tree.

Every look-up has a known range (indicators 0..100, trust and density 0..1, a budget is
never negative, `funded`/`fired` are 0 or 1) and `year`/`turn` take only the values of
the turns in which the event may be drawn. Evaluating the tree over ranges instead of
numbers says, for each turn, whether the condition *can* be true; if it cannot in any
turn, the event never fires. Within an `and`, comparisons of the same look-up with
constants are intersected as well, so `mean('x') > 60 and mean('x') < 40` is caught.

The analysis is sound but not complete: it never calls a condition impossible when it
is not, and it misses some that are (it treats the parts of an expression as if they
were independent). The tree is the one `game.scenario.conditions` builds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

INF = math.inf

# ranges of the look-up functions of game.sim.conditions
_FUNCTION_RANGES = {
    "indicator": (0.0, 100.0),
    "mean": (0.0, 100.0),
    "min": (0.0, 100.0),
    "max": (0.0, 100.0),
    "gap": (0.0, 100.0),
    "trust": (0.0, 1.0),
    "density": (0.0, 1.0),
    "funded": (0.0, 1.0),
    "fired": (0.0, 1.0),
    "budget": (0.0, INF),
}
_COMPARE = ("<", "<=", ">", ">=", "==", "!=")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Range:
    """The values an expression can take: [lo, hi], and whether it may be NaN (x / 0).

    An empty range (lo > hi) with `nan` means the value is always NaN.
    """

    lo: float
    hi: float
    nan: bool = False

    @property
    def empty(self) -> bool:
        """No number at all (only NaN, or nothing)."""
        return self.lo > self.hi

    def can_be_true(self) -> bool:
        """Some possible value is non-zero (NaN counts as false in the evaluator)."""
        return not self.empty and not (self.lo == 0 and self.hi == 0)

    def can_be_false(self) -> bool:
        """Zero or NaN is possible."""
        return self.nan or (not self.empty and self.lo <= 0 <= self.hi)


BOTH = Range(0.0, 1.0)
TRUE = Range(1.0, 1.0)
FALSE = Range(0.0, 0.0)
ANY = Range(-INF, INF, True)


def _truth(can_true: bool, can_false: bool) -> Range:
    if can_true and can_false:
        return BOTH
    return TRUE if can_true else FALSE


def _num(x: float, default: float) -> float:
    return default if math.isnan(x) else x


def _arith(op: str, a: Range, b: Range) -> Range:
    nan = a.nan or b.nan
    if a.empty or b.empty:
        return Range(INF, -INF, True)
    if op == "+":
        return Range(_num(a.lo + b.lo, -INF), _num(a.hi + b.hi, INF), nan)
    if op == "-":
        return Range(_num(a.lo - b.hi, -INF), _num(a.hi - b.lo, INF), nan)
    if op == "*":
        # 0 × ∞ is a limit of finite values here, so it counts as 0
        c = [_num(x * y, 0.0) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        return Range(min(c), max(c), nan)
    # division: by a range holding 0 gives NaN (the evaluator divides by NaN there)
    if b.lo == 0 and b.hi == 0:
        return Range(INF, -INF, True)
    if b.lo <= 0 <= b.hi:
        return ANY
    c = [_num(x / y, 0.0) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Range(min(c), max(c), nan)


def _compare(op: str, a: Range, b: Range) -> Range:
    nan = a.nan or b.nan
    if a.empty or b.empty:  # a comparison with NaN is false; != is true
        return TRUE if op == "!=" else FALSE
    if op == "<":
        t, f = a.lo < b.hi, a.hi >= b.lo
    elif op == "<=":
        t, f = a.lo <= b.hi, a.hi > b.lo
    elif op == ">":
        t, f = a.hi > b.lo, a.lo <= b.hi
    elif op == ">=":
        t, f = a.hi >= b.lo, a.lo < b.hi
    else:
        overlap = a.lo <= b.hi and b.lo <= a.hi
        same_point = a.lo == a.hi == b.lo == b.hi
        t, f = (overlap, not same_point) if op == "==" else (not same_point, overlap)
    if nan:
        t, f = (True, f) if op == "!=" else (t, True)
    return _truth(t, f)


@dataclass(frozen=True)
class Turn:
    """The values of the variables in one turn an event may be drawn."""

    turn: int
    year: int


def value(node: tuple[Any, ...], at: Turn) -> Range:
    """The range of an expression in one turn."""
    tag = node[0]
    if tag == "num":
        return Range(node[1], node[1])
    if tag == "var":
        v = float(at.turn if node[1] == "turn" else at.year)
        return Range(v, v)
    if tag == "call":
        lo, hi = _FUNCTION_RANGES.get(node[1], (-INF, INF))
        return Range(lo, hi)
    if tag == "neg":
        r = value(node[1], at)
        return Range(-r.hi, -r.lo, r.nan)
    if tag == "not":
        r = value(node[1], at)
        return _truth(r.can_be_false(), r.can_be_true())
    if tag == "bin":
        op = node[1]
        if op == "and":
            if not _conjunction_possible(node, at):
                return FALSE
            a, b = value(node[2], at), value(node[3], at)
            return _truth(a.can_be_true() and b.can_be_true(), a.can_be_false() or b.can_be_false())
        if op == "or":
            a, b = value(node[2], at), value(node[3], at)
            return _truth(a.can_be_true() or b.can_be_true(), a.can_be_false() and b.can_be_false())
        a, b = value(node[2], at), value(node[3], at)
        if op in _COMPARE:
            return _compare(op, a, b)
        return _arith(op, a, b)
    return ANY


# -- conjunctions: intersect the bounds an `and` chain puts on the same look-up -----------


@dataclass(frozen=True)
class _Bound:
    lo: float = -INF
    lo_open: bool = False
    hi: float = INF
    hi_open: bool = False

    def meet(self, other: _Bound) -> _Bound:
        if other.lo > self.lo or (other.lo == self.lo and other.lo_open):
            lo, lo_open = other.lo, other.lo_open
        else:
            lo, lo_open = self.lo, self.lo_open
        if other.hi < self.hi or (other.hi == self.hi and other.hi_open):
            hi, hi_open = other.hi, other.hi_open
        else:
            hi, hi_open = self.hi, self.hi_open
        return _Bound(lo, lo_open, hi, hi_open)

    @property
    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))


def _atoms(node: tuple[Any, ...], out: list[tuple[Any, ...]]) -> None:
    if node[0] == "bin" and node[1] == "and":
        _atoms(node[2], out)
        _atoms(node[3], out)
    else:
        out.append(node)


def _conjunction_possible(node: tuple[Any, ...], at: Turn) -> bool:
    bounds: dict[tuple[Any, ...], _Bound] = {}
    atoms: list[tuple[Any, ...]] = []
    _atoms(node, atoms)
    for atom in atoms:
        if atom[0] != "bin" or atom[1] not in ("<", "<=", ">", ">=", "=="):
            continue
        op, left, right = atom[1], atom[2], atom[3]
        lv, rv = value(left, at), value(right, at)
        if rv.lo == rv.hi and not rv.nan and not _constant(left):
            subject, c = left, rv.lo
        elif lv.lo == lv.hi and not lv.nan and not _constant(right):
            subject, c, op = right, lv.lo, _FLIP[op]
        else:
            continue
        natural = value(subject, at)
        start = bounds.get(subject, _Bound(natural.lo, False, natural.hi, False))
        if op == "<":
            b = _Bound(hi=c, hi_open=True)
        elif op == "<=":
            b = _Bound(hi=c)
        elif op == ">":
            b = _Bound(lo=c, lo_open=True)
        elif op == ">=":
            b = _Bound(lo=c)
        else:
            b = _Bound(c, False, c, False)
        bounds[subject] = start.meet(b)
        if bounds[subject].empty:
            return False
    return True


def _constant(node: tuple[Any, ...]) -> bool:
    return node[0] in ("num", "var")


# -- reporting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Why a condition can never hold: the part to point at and an explanation."""

    node: tuple[Any, ...]
    reason: str


def never_holds(node: tuple[Any, ...], turns: list[Turn]) -> bool:
    """True if the condition is false in every one of `turns`."""
    return not any(value(node, t).can_be_true() for t in turns)


def explain(
    node: tuple[Any, ...], turns: list[Turn], text_of: Callable[..., str | None]
) -> Finding:
    """The smallest part of an impossible condition that is to blame, and why.

    Args:
        node: a condition that `never_holds` in `turns`.
        turns: the turns the event may be drawn in.
        text_of: node -> its source text (or None), for the explanation.
    """
    while node[0] == "bin" and node[1] == "and":
        if never_holds(node[2], turns):
            node = node[2]
        elif never_holds(node[3], turns):
            node = node[3]
        else:
            return Finding(node, "its parts contradict each other")
    if node[0] == "bin" and node[1] == "or":
        parts = []
        for side in (node[2], node[3]):
            found = explain(side, turns, text_of)
            parts.append(f"{text_of(found.node) or 'one side'}: {found.reason}")
        return Finding(node, "neither side can hold — " + "; ".join(parts))
    if node[0] == "bin" and node[1] in _COMPARE:
        sides = []
        for side in (node[2], node[3]):
            if side[0] == "num":
                continue
            r = [value(side, t) for t in turns]
            lo, hi = min(x.lo for x in r), max(x.hi for x in r)
            text = text_of(side) or "it"
            if any(x.empty for x in r):
                sides.append(f"{text} is not a number (a division by zero)")
            elif lo == hi:
                sides.append(f"{text} is always {_fmt(lo)}")
            elif hi == INF:
                sides.append(f"{text} is at least {_fmt(lo)}")
            else:
                sides.append(f"{text} stays within {_fmt(lo)}..{_fmt(hi)}")
        where = " in the turns when the event may be drawn" if _uses_time(node) else ""
        return Finding(node, " and ".join(sides) + where if sides else "it compares constants")
    return Finding(node, "it is never true")


def _uses_time(node: tuple[Any, ...]) -> bool:
    if node[0] == "var":
        return True
    return any(isinstance(x, tuple) and x and _uses_time(x) for x in node[1:])


def _fmt(x: float) -> str:
    return f"{x:g}"
