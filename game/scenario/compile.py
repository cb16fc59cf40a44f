"""Compile a validated scenario into the simulation's `Model` of arrays."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from game.scenario import schema
from game.scenario.conditions import parse_condition
from game.scenario.turns import event_turns
from game.sim.model import KINDS, Constants, EffectSet, EventSpec, Model

if TYPE_CHECKING:
    from game.scenario.scenario import Scenario


def _norm(v: np.ndarray) -> np.ndarray:
    tot = v.sum(axis=-1, keepdims=True)
    return np.divide(v, tot, out=np.full_like(v, 1.0 / v.shape[-1]), where=tot > 0)


class _Compiler:
    def __init__(self, f: schema.ScenarioFile):
        self.f = f
        self.R = [r.id for r in f.region_types]
        self.K = [i.id for i in f.indicators]
        self.T = [t.id for t in f.themes]
        self.A = [a.id for a in f.actors]
        self.J = [t.id for t in f.teams]
        self.D = [d.id for d in f.drivers]
        self.P = [p.id for p in f.packages]
        self.Ev = [e.id for e in f.events]
        m = f.meta
        self.n_turns = (m.end_year - m.start_year) // m.turn_years
        self.team_of = {a: j for j, t in enumerate(f.teams) for a in t.actors}
        self.kind = {a.id: KINDS.index(a.kind) for a in f.actors}
        self.edges()

    def edges(self) -> None:
        """Candidate edges: the scenario's network, plus every pair of team-played actors
        (co-funding may create an edge between them). Built as a networkx graph first.
        """
        g = nx.Graph()
        g.add_nodes_from(range(len(self.A)))
        idx = {a: i for i, a in enumerate(self.A)}
        for e in self.f.network:
            g.add_edge(idx[e.a], idx[e.b], trust=e.trust)
        played = sorted(idx[a] for a in self.team_of)
        cand = set(tuple(sorted(e)) for e in g.edges) | set(combinations(played, 2))
        pairs = sorted(cand)
        self.edge_a = np.array([p[0] for p in pairs], dtype=np.int64)
        self.edge_b = np.array([p[1] for p in pairs], dtype=np.int64)
        self.present0 = np.array([g.has_edge(*p) for p in pairs], dtype=bool)
        self.trust0 = np.array([g.edges[p]["trust"] if g.has_edge(*p) else 0.0 for p in pairs])
        self.edge_index = {p: i for i, p in enumerate(pairs)}

    def effects(self, items: list[schema.Effect]) -> EffectSet:
        R, K, A, D = len(self.R), len(self.K), len(self.A), len(self.D)
        ind, bud = np.zeros((R, K)), np.zeros(A)
        trust, drv = None, np.ones(D)
        boost = None
        for fx in items:
            actors = self.select_actors(fx)
            if fx.indicator is not None:
                rows = (
                    [self.R.index(r) for r in fx.region_types]
                    if fx.region_types
                    else list(range(R))
                )
                ind[rows, self.K.index(fx.indicator)] += fx.delta
            elif fx.budget is not None:
                bud[actors] += fx.budget
            elif fx.trust is not None:
                sel = np.zeros(A, dtype=bool)
                sel[actors] = True
                touch = sel[self.edge_a] | sel[self.edge_b]
                if trust is None:
                    trust = np.zeros(self.edge_a.size)
                trust[touch] += fx.trust
            elif fx.driver is not None:
                drv[self.D.index(fx.driver)] *= fx.scale if fx.scale is not None else 1.0
            elif fx.theme is not None:
                if boost is None:
                    boost = np.ones((R, len(self.T)))
                at = [self.R.index(r) for r in fx.region_types] if fx.region_types else slice(None)
                boost[at, self.T.index(fx.theme)] *= fx.boost if fx.boost is not None else 1.0
        if trust is None:  # most effects touch no trust: one shared, read-only row of zeros
            if getattr(self, "_no_trust", None) is None:
                self._no_trust = np.zeros(self.edge_a.size)
                self._no_trust.flags.writeable = False
            trust = self._no_trust
        return EffectSet(ind, bud, trust, drv, boost)

    def select_actors(self, fx: schema.Effect) -> list[int]:
        chosen = list(range(len(self.A)))
        if fx.actors:
            chosen = [self.A.index(a) for a in fx.actors]
        if fx.kinds:
            kinds = {KINDS.index(k) for k in fx.kinds}
            chosen = [a for a in chosen if self.kind[self.A[a]] in kinds]
        return chosen

    def turn_mask(self, when: schema.When) -> np.ndarray:
        mask = np.zeros(self.n_turns, dtype=bool)
        mask[event_turns(self.f.meta, when)] = True
        return mask

    def events(self) -> tuple[EventSpec, ...]:
        ids = {
            "indicator": self.K,
            "region_type": self.R,
            "actor": self.A,
            "package": self.P,
            "event": self.Ev,
        }
        out = []
        for ev in self.f.events:
            w = ev.when
            cond = parse_condition(w.condition, ids) if w.condition else None
            out.append(
                EventSpec(
                    id=ev.id,
                    kind=ev.kind,
                    turns=self.turn_mask(w),
                    probability=w.probability,
                    condition=cond,
                    once=w.once,
                    cooldown=w.cooldown,
                    effects=self.effects(ev.effects),
                    options=tuple(o.id for o in ev.options),
                    option_effects=tuple(self.effects(o.effects) for o in ev.options),
                )
            )
        return tuple(out)

    def interpolate(self, points: dict[int, float]) -> np.ndarray:
        m = self.f.meta
        years = sorted(points)
        xs = [m.start_year + t * m.turn_years for t in range(self.n_turns)]
        return np.interp(xs, years, [points[y] for y in years])

    def model(self, scenario_id: str) -> Model:
        f = self.f
        R, K, T, A, J = len(self.R), len(self.K), len(self.T), len(self.A), len(self.J)
        competence = np.array([[a.competence.get(t, 1.0) for t in self.T] for a in f.actors])
        reach = _norm(
            np.array([[a.reach.get(r, 0.0) if a.reach else 1.0 for r in self.R] for a in f.actors])
        )
        baseline = np.array([[ind.baseline[r] for ind in f.indicators] for r in self.R])
        sens = np.array([[ind.sensitivity.get(r, 1.0) for ind in f.indicators] for r in self.R])
        theme_fx = np.array([[th.effects.get(k, 0.0) for k in self.K] for th in f.themes])
        drv_int = np.array([self.interpolate(d.intensity) for d in f.drivers]).reshape(
            len(self.D), self.n_turns
        )
        drv_fx = np.zeros((len(self.D), R, K))
        for di, d in enumerate(f.drivers):
            for k, by_r in d.effects.items():
                for r, v in by_r.items():
                    drv_fx[di, self.R.index(r), self.K.index(k)] = v
        P = len(self.P)
        pkg_themes = np.zeros((P, T))
        pkg_kinds = np.zeros((P, 3), dtype=bool)
        pkg_direct = np.zeros((P, R, K))
        for pi, pk in enumerate(f.packages):
            for t in pk.themes:
                pkg_themes[pi, self.T.index(t)] = 1.0
            for k in pk.requires.kinds:
                pkg_kinds[pi, KINDS.index(k)] = True
            pkg_direct[pi] = self.effects(pk.effects).indicator
        pkg_reach = _norm(
            np.array(
                [[pk.reach.get(r, 0.0) if pk.reach else 1.0 for r in self.R] for pk in f.packages]
            ).reshape(P, R)
        )
        progs = f.elections.programmes
        G = len(progs)
        prog_budget = np.zeros((G, A))
        prog_mandate = np.zeros((G, J, K))
        for g, pr in enumerate(progs):
            for a, v in pr.budget.items():
                prog_budget[g, self.A.index(a)] = v
            for t, by_k in pr.mandates.items():
                for k, v in by_k.items():
                    prog_mandate[g, self.J.index(t), self.K.index(k)] = v
        starts = [f.meta.start_year + t * f.meta.turn_years for t in range(self.n_turns)]
        election_turns = tuple(
            t
            for t, s in enumerate(starts)
            if any(s <= y < s + f.meta.turn_years for y in f.elections.years)
        )
        target = np.array(baseline, dtype=float)
        for k, goal in f.vision.targets.items():
            ki = self.K.index(k)
            if isinstance(goal, dict):
                for r, val in goal.items():
                    target[self.R.index(r), ki] = val
            else:
                target[:, ki] = goal
        weights = np.array(
            [f.vision.weights.get(k, 1.0 if not f.vision.weights else 0.0) for k in self.K]
        )
        mand_k = _norm(
            np.array([[t.mandate.indicators.get(k, 0.0) for k in self.K] for t in f.teams])
        )
        mand_r = _norm(
            np.array([[t.mandate.region_types.get(r, 0.0) for r in self.R] for t in f.teams])
        )
        return Model(
            scenario_id=scenario_id,
            start_year=f.meta.start_year,
            turn_years=f.meta.turn_years,
            n_turns=self.n_turns,
            seed=f.meta.seed,
            constants=Constants(**f.meta.constants.model_dump()),
            region_ids=tuple(self.R),
            indicator_ids=tuple(self.K),
            theme_ids=tuple(self.T),
            actor_ids=tuple(self.A),
            team_ids=tuple(self.J),
            driver_ids=tuple(self.D),
            package_ids=tuple(self.P),
            actor_kind=np.array([self.kind[a] for a in self.A], dtype=np.int64),
            actor_team=np.array([self.team_of.get(a, -1) for a in self.A], dtype=np.int64),
            budget0=np.array([a.budget for a in f.actors], dtype=float),
            competence=competence,
            reach=reach,
            sensitivity=sens,
            theme_effects=theme_fx,
            baseline=baseline,
            edge_a=self.edge_a,
            edge_b=self.edge_b,
            trust0=self.trust0,
            present0=self.present0,
            driver_intensity=drv_int,
            driver_effects=drv_fx,
            events=self.events(),
            pkg_cost=np.array([p.cost for p in f.packages], dtype=float),
            pkg_duration=np.array([p.duration for p in f.packages], dtype=np.int64),
            pkg_leverage=np.array([p.leverage for p in f.packages], dtype=float),
            pkg_themes=_norm(pkg_themes) if P else pkg_themes,
            pkg_reach=pkg_reach,
            pkg_kinds=pkg_kinds,
            pkg_min_teams=np.array([p.requires.min_teams for p in f.packages], dtype=np.int64),
            pkg_direct=pkg_direct,
            election_turns=election_turns,
            programme_ids=tuple(p.id for p in progs),
            programme_weight=np.array([p.weight for p in progs], dtype=float),
            programme_budget=prog_budget,
            programme_mandate=prog_mandate,
            target=target,
            vision_weights=_norm(weights),
            equity_weight=f.vision.equity_weight,
            mandate_indicators=mand_k,
            mandate_regions=mand_r,
            team_policy=tuple(t.policy for t in f.teams),
            meta={  # issue 18: the room's workshops (game.sim.vision)
                "vision_formed_by": f.vision.formed_by,
                "target_shift": float(f.vision.target_shift),
                "rate_drivers": bool(f.vision.rate_drivers),
            },
        )


def compile_model(scenario: Scenario) -> Model:
    """The `Model` of a validated scenario."""
    return _Compiler(scenario.file).model(scenario.id)
