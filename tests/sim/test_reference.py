"""The fast batch turn (game.sim.step.resolve_turn) equals the plain reference turn
(game.sim.reference) on random states and decisions, and one-line mutations of the fast
turn's equations are caught.

    SDL_VIDEODRIVER=dummy .venv/bin/python -m pytest -q tests/sim/test_reference.py
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.sim import bots, step
from game.sim.model import Model
from game.sim.reference import reference_turn
from game.sim.state import State, new_state, state_hash
from game.sim.step import Decisions, begin_turn, resolve_turn
from tests.conftest import DATA, load_model

TOL = 1e-9
SCENARIOS = ("mini", "finland")


@cache
def scenario(name: str) -> Model:
    return load_model(DATA / "mini.yaml" if name == "mini" else "finland-2040")


# -- cases -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Case:
    """How one random case is made: everything else comes from `seed`."""

    scenario: str
    seed: int
    turn: int  # taken modulo the scenario's number of turns
    twin: bool = False  # the no-cooperation twin (coop = 0)
    bot_decisions: bool = False  # bots decide (realistic pledges) instead of random numbers
    extra_events: bool = True  # more cards drawn than begin_turn would
    specials: bool = False  # NaN, ±inf and negative numbers among shares and pledges


def random_state(model: Model, case: Case, rng: np.random.Generator) -> State:
    """A state within the invariants' bounds, at the case's turn, after `begin_turn`."""
    state = new_state(model, 1, seed=case.seed % 2**31)
    J, P = len(model.team_ids), len(model.package_ids)
    E, Ev = model.edge_a.size, len(model.events)
    state.turn = case.turn % model.n_turns
    x = rng.uniform(0.0, 100.0, model.baseline.shape)
    x[rng.random(x.shape) < 0.05] = 0.0  # some cells at their bounds
    x[rng.random(x.shape) < 0.05] = 100.0
    state.x[0] = x
    present = model.present0 | (rng.random(E) < 0.3)
    state.present[0] = present
    state.trust[0] = np.where(present, rng.uniform(0.0, 1.0, E), 0.0)
    built = rng.random(E) < 0.3  # the part of an edge's trust packages built
    state.trust_pkg[0] = np.where(built, state.trust[0] * rng.uniform(0.0, 1.0, E), 0.0)
    state.budget[0] = np.maximum(model.budget0 * rng.uniform(0.5, 1.5, model.budget0.size), 0.5)
    state.driver_scale[0] = rng.uniform(0.5, 1.5, len(model.driver_ids))
    running = rng.random(P) < 0.35
    state.pkg_left[0] = np.where(running, rng.integers(1, model.pkg_duration + 1), 0)
    state.pkg_done[0] = running | (rng.random(P) < 0.2)
    commit = rng.uniform(0.3, 1.0, (J, P)) * model.pkg_cost / 2
    state.pkg_commit[0] = np.where(running & (rng.random((J, P)) < 0.6), commit, 0.0)
    state.ev_count[0] = rng.integers(0, 2, Ev)
    state.ev_last[0] = np.where(state.ev_count[0] > 0, state.turn - rng.integers(1, 3, Ev), -1000)
    state.signed[0] = rng.random(J) < 0.5
    state.last_shares[0] = rng.dirichlet(np.ones(len(model.theme_ids)), J)
    state.coop[0] = 0.0 if case.twin else 1.0
    begin_turn(model, state)
    if case.extra_events:  # any set of drawn cards is a valid input to the resolution
        state.pending[0] |= rng.random(Ev) < 0.25
    return state


def random_decisions(model: Model, state: State, case: Case, rng: np.random.Generator):
    """Decisions of every kind the room can make: splits under, at and over 1, pledges that
    start packages, keep, break or exceed commitments, crumbs, votes and signatures.
    """
    J, T, P = len(model.team_ids), len(model.theme_ids), len(model.package_ids)
    if case.bot_decisions:
        policies = [bots.POLICIES[i] for i in rng.integers(0, len(bots.POLICIES), J)]
        dec = bots.decide(model, state, policies)
    else:
        dec = Decisions.empty(model, 1)
        shares = rng.dirichlet(np.ones(T), J) * rng.choice([0.0, 0.5, 1.0, 1.0, 1.7], (J, 1))
        dec.shares[0] = shares
        pledges = np.zeros((J, P))
        # keep (or fall short of, or exceed) what was committed
        pledges += state.pkg_commit[0] * rng.choice([0.0, 0.7, 1.0, 1.0, 1.3], (J, P))
        for _ in range(rng.integers(0, 3)):  # a few teams start a package together
            q = rng.integers(P)
            teams = rng.permutation(J)[: rng.integers(1, J + 1)]
            pledges[teams, q] += model.pkg_cost[q] / teams.size * rng.uniform(0.8, 1.6)
        crumbs = rng.random((J, P)) < 0.1
        pledges += np.where(crumbs, rng.uniform(0.0, 0.5, (J, P)), 0.0)
        if rng.random() < 0.2:  # a team pledging more than its budget
            pledges[rng.integers(J)] += rng.uniform(10.0, 60.0, P)
        dec.pledges[0] = pledges
        n_opt = max((len(ev.options) for ev in model.events), default=1)
        dec.votes[0] = rng.integers(-1, n_opt + 1, dec.votes.shape[1:])
        dec.endorse = None if rng.random() < 0.1 else rng.random((1, J)) < 0.6
    if case.specials:
        for a in (dec.shares, dec.pledges):
            hit = rng.random(a.shape) < 0.3
            a[hit] = rng.choice([np.nan, np.inf, -np.inf, -1.0, -0.0, 1e300], int(hit.sum()))
    return dec


def make_case(case: Case) -> tuple[Model, State, Decisions]:
    """The scenario, a state after `begin_turn` and decisions for it."""
    model = scenario(case.scenario)
    rng = np.random.default_rng(case.seed)
    state = random_state(model, case, rng)
    return model, state, random_decisions(model, state, case, rng)


# -- the comparison ----------------------------------------------------------------------


def differences(model: Model, state: State, dec: Decisions, fast_model: Model | None = None):
    """Where the fast step (on a copy of `state`, with `fast_model` when given) and the
    reference turn disagree: a list of field names (empty when they agree to 1e-9).
    """
    ref = reference_turn(model, state, dec)
    fast = state.copy()
    with np.errstate(over="ignore"):  # the fast step sums two +inf pledges to +inf too
        res = resolve_turn(fast_model or model, fast, dec)
    got = {
        name: getattr(fast, name)[0]
        for name in (
            "x", "trust", "trust_pkg", "present", "budget", "driver_scale", "pkg_left", "pkg_done",
            "pkg_commit", "ev_count", "ev_last", "pending", "signed", "last_shares",
            "programme_delta",
        )
    }  # fmt: skip
    got |= {
        "chosen": res.chosen[0],
        "funded": res.funded[0],
        "started": res.started[0],
        "lapsed": res.lapsed[0],
        "broken": res.broken[0],
        "effort": res.effort[0],
    }
    want = dataclasses.asdict(ref.state) | {
        "chosen": ref.chosen,
        "funded": ref.funded,
        "started": ref.started,
        "lapsed": ref.lapsed,
        "broken": ref.broken,
        "effort": ref.effort,
    }
    out = [] if fast.turn == ref.state.turn else ["turn"]
    # what a resolution never changes
    for name in ("mandate", "programme", "coop", "run_index"):
        if not np.array_equal(getattr(fast, name), getattr(state, name)):
            out.append(name)
    for name, a in got.items():
        b = want[name]
        if a.dtype.kind == "f":
            same = a.shape == b.shape and np.allclose(a, b, rtol=0.0, atol=TOL)
        else:
            same = np.array_equal(a, b)
        if not same:
            out.append(name)
    return out


cases = st.builds(
    Case,
    scenario=st.sampled_from(SCENARIOS),
    seed=st.integers(0, 2**32 - 1),
    turn=st.integers(0, 11),
    twin=st.sampled_from([False, False, False, True]),
    bot_decisions=st.booleans(),
    extra_events=st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases)
def test_fast_turn_equals_the_reference(case):
    model, state, dec = make_case(case)
    before = state_hash(state)
    assert differences(model, state, dec) == []
    assert state_hash(state) == before  # neither turn changed the state it was given


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases.map(lambda c: dataclasses.replace(c, specials=True)))
def test_nan_and_infinite_decisions_are_neutralised_alike(case):
    model, state, dec = make_case(case)
    assert differences(model, state, dec) == []
    ref = reference_turn(model, state, dec)
    for name in ("x", "trust", "budget", "pkg_commit", "last_shares"):
        assert np.isfinite(getattr(ref.state, name)).all(), name
    assert ref.state.x.min() >= 0.0 and ref.state.x.max() <= 100.0
    assert ref.state.trust.min() >= 0.0 and ref.state.trust.max() <= 1.0


# -- mutants: one-line changes to the fast turn's equations must be caught -----------------


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A one-line change to the fast turn: module attributes of game.sim.step replaced
    (each made from the original), and/or the model the fast turn is given changed.
    """

    patches: dict[str, Callable] = dataclasses.field(default_factory=dict)
    remodel: Callable[[Model], Model] | None = None

    def apply(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, Model]:
        """Patch game.sim.step; returns the model the fast turn gets, per scenario."""
        for name, make in self.patches.items():
            monkeypatch.setattr(step, name, make(getattr(step, name)))
        models = {name: scenario(name) for name in SCENARIOS}
        if self.remodel is not None:
            models = {name: self.remodel(m) for name, m in models.items()}
        return models


def _constants(**changes) -> Callable[[Model], Model]:
    def remodel(model: Model) -> Model:
        return dataclasses.replace(model, constants=dataclasses.replace(model.constants, **changes))

    return remodel


def _cofund_all_actors(model: Model) -> Model:
    """Co-funding ties every actor of one paying team to every actor of the other (v1)."""
    mutant = dataclasses.replace(model)
    tb = model.tables
    edge = {(int(a), int(b)): i for i, (a, b) in enumerate(zip(tb.edge_a, tb.edge_b, strict=True))}
    rows, pk, ja, jb = [], [], [], []
    J = len(model.team_ids)
    for q in range(len(model.package_ids)):
        for j in range(J):
            for k in range(j + 1, J):
                row = np.zeros(tb.E, dtype=np.int64)
                for a in model.team_actors(j):
                    for b in model.team_actors(k):
                        i = edge.get((min(a, b), max(a, b)))
                        if i is not None:
                            row[i] = 1
                rows.append(row)
                pk.append(q)
                ja.append(j)
                jb.append(k)
    mutant.__dict__["tables"] = dataclasses.replace(
        tb,
        lead_edges=np.nonzero(np.array(rows).T),  # (edges, pairs) sorted by edge
        lead_pkg=np.array(pk),
        lead_team_a=np.array(ja),
        lead_team_b=np.array(jb),
    )
    return mutant


def _no_package_fill(fund: Callable) -> Callable:
    """Every pledged point of a funded package is spent, beyond its cost too (v1)."""

    def mutated(model, state, pledges):
        out = fund(model, state, pledges)
        out["spend"] = np.where(out["funded"][:, None, :], out["pledges"], 0.0)
        return out

    return mutated


def _no_windows(model: Model) -> Model:
    """Cards that open a window of opportunity boost nothing."""
    mutant = dataclasses.replace(model)
    tb = model.tables
    mutant.__dict__["tables"] = dataclasses.replace(
        tb, combo_has_boost=np.zeros_like(tb.combo_has_boost)
    )
    return mutant


MUTANTS: dict[str, Mutant] = {
    # the v1 bounded update: every change scaled by the room to its bound / 100
    "bounded update (100 - x)/100": Mutant({"_saturate": lambda f: lambda d, room: room / 100}),
    "kappa halved": Mutant(remodel=_constants(kappa=15.0)),
    # max(a, b) = -min(-a, -b)
    "cooperation max not min": Mutant(
        {"cooperation": lambda f: lambda tb, e, w, active=None: -f(tb, -e, w, active)}
    ),
    "no resilience shield": Mutant(remodel=_constants(resilience=0.0)),
    "delivery span doubled": Mutant({"DELIVERY_SPAN": lambda v: 2 * v}),
    "co-funding ties all actors": Mutant(remodel=_cofund_all_actors),
    "broken pledges cost nothing": Mutant(remodel=_constants(beta=0.0)),
    "vision bonus not shared out": Mutant(
        {"shared_vision_gain": lambda f: lambda m, n: m.constants.vision_bonus * (n > 0)}
    ),
    "dilemmas take option 0": Mutant(
        {"tally_votes": lambda f: lambda m, s, v: np.where(f(m, s, v) >= 0, 0, -1)}
    ),
    "EPS 0.25": Mutant({"EPS": lambda v: 0.25}),
    "pledges over the cost count": Mutant({"fund_packages": _no_package_fill}),
    "windows ignored": Mutant(remodel=_no_windows),
}


@cache
def mutant_cases() -> tuple[tuple[Model, State, Decisions], ...]:
    """Fixed cases, made once and before any mutation (begin_turn and the bots are not
    under test): every turn of both scenarios, twins, bots' and random decisions.
    """
    return tuple(
        make_case(Case(name, seed, turn=seed, twin=seed % 9 == 8, bot_decisions=seed % 3 == 1))
        for seed in range(24)
        for name in SCENARIOS
    )


def test_the_mutant_cases_agree_unmutated():
    for model, state, dec in mutant_cases():
        assert differences(model, state, dec) == []


@pytest.mark.parametrize("name", list(MUTANTS))
def test_mutant_is_caught(name, monkeypatch):
    cases = mutant_cases()
    fast = MUTANTS[name].apply(monkeypatch)
    by_id = {m.scenario_id: m for m in fast.values()}
    for model, state, dec in cases:
        if differences(model, state, dec, by_id[model.scenario_id]):
            return
    pytest.fail(f"no case tells the mutant {name!r} from the reference")
