"""Cross-reference and semantic checks of a typed scenario, each with its file position."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from game.scenario import schema
from game.scenario.conditions import ConditionError, parse_condition
from game.scenario.problems import Problem, did_you_mean, dotted

if TYPE_CHECKING:
    from game.scenario.loader import Scenario


class _Checker:
    def __init__(self, scenario: Scenario):
        self.s = scenario
        self.f = scenario.file
        self.problems: list[Problem] = []
        self.ids = {
            "region_type": [r.id for r in self.f.region_types],
            "indicator": [i.id for i in self.f.indicators],
            "theme": [t.id for t in self.f.themes],
            "actor": [a.id for a in self.f.actors],
            "team": [t.id for t in self.f.teams],
            "driver": [d.id for d in self.f.drivers],
            "event": [e.id for e in self.f.events],
            "package": [p.id for p in self.f.packages],
        }

    def add(self, path: tuple, msg: str, severity: str = "error", key: bool = False) -> None:
        file, line, col = self.s.located.pos(path, key=key)
        self.problems.append(Problem(file, line, col, severity, msg, dotted(path)))  # type: ignore[arg-type]

    def ref(self, kind: str, value: str, path: tuple, key: bool = False) -> bool:
        known = self.ids[kind]
        if value in known:
            return True
        self.add(
            path, f"unknown {kind.replace('_', ' ')} '{value}'{did_you_mean(value, known)}", key=key
        )
        return False

    def keys(self, kind: str, mapping: dict, path: tuple) -> None:
        for k in mapping:
            self.ref(kind, str(k), path + (k,), key=True)

    def refs(self, kind: str, values: Iterable[str], path: tuple) -> None:
        for i, v in enumerate(values):
            self.ref(kind, v, path + (i,))

    def run(self) -> list[Problem]:
        f = self.f
        self.meta()
        for kind, items in (
            ("region_types", f.region_types),
            ("indicators", f.indicators),
            ("themes", f.themes),
            ("actors", f.actors),
            ("teams", f.teams),
            ("drivers", f.drivers),
            ("events", f.events),
            ("packages", f.packages),
        ):
            counts = Counter(x.id for x in items)
            for i, x in enumerate(items):
                if counts[x.id] > 1:
                    self.add((kind, i, "id"), f"duplicate id '{x.id}' in {kind}")
        regions = set(self.ids["region_type"])
        for i, ind in enumerate(f.indicators):
            self.keys("region_type", ind.baseline, ("indicators", i, "baseline"))
            missing = [r for r in self.ids["region_type"] if r not in ind.baseline]
            if missing:
                self.add(
                    ("indicators", i, "baseline"),
                    f"baseline of '{ind.id}' has no value for {', '.join(missing)}",
                )
            self.keys("region_type", ind.sensitivity, ("indicators", i, "sensitivity"))
        moved = set()
        for i, th in enumerate(f.themes):
            self.keys("indicator", th.effects, ("themes", i, "effects"))
            if not any(w > 0 for w in th.effects.values()):
                self.add(
                    ("themes", i, "effects"),
                    f"theme '{th.id}' raises no indicator: give it a positive weight",
                )
            moved |= {k for k, w in th.effects.items() if w > 0}
        for i, ind in enumerate(f.indicators):
            if ind.id not in moved:
                self.add(
                    ("indicators", i, "id"),
                    f"no theme raises indicator '{ind.id}': effort can never move it",
                    "warning",
                )
        for i, a in enumerate(f.actors):
            self.keys("theme", a.competence, ("actors", i, "competence"))
            self.keys("region_type", a.reach, ("actors", i, "reach"))
            if a.reach and not any(a.reach.get(r, 0) > 0 for r in regions):
                self.add(("actors", i, "reach"), f"actor '{a.id}' reaches no region type")
        self.teams()
        self.network()
        self.drivers()
        self.events()
        self.packages()
        self.elections()
        self.vision()
        return self.problems

    def meta(self) -> None:
        m = self.f.meta
        if m.end_year <= m.start_year:
            self.add(("meta", "end_year"), "end_year must come after start_year")
        elif (m.end_year - m.start_year) % m.turn_years:
            self.add(
                ("meta", "turn_years"),
                f"{m.end_year - m.start_year} years do not split into turns of "
                f"{m.turn_years} years",
            )
        elif (m.end_year - m.start_year) // m.turn_years > 30:
            self.add(("meta", "turn_years"), "a game may have at most 30 turns")

    def teams(self) -> None:
        owner: dict[str, str] = {}
        for i, t in enumerate(self.f.teams):
            for j, a in enumerate(t.actors):
                if not self.ref("actor", a, ("teams", i, "actors", j)):
                    continue
                if a in owner:
                    self.add(
                        ("teams", i, "actors", j),
                        f"actor '{a}' is already in team '{owner[a]}': an actor has one team",
                    )
                owner.setdefault(a, t.id)
            self.keys("indicator", t.mandate.indicators, ("teams", i, "mandate", "indicators"))
            self.keys(
                "region_type", t.mandate.region_types, ("teams", i, "mandate", "region_types")
            )
        for i, a in enumerate(self.f.actors):
            if a.id not in owner:
                self.add(
                    ("actors", i, "id"),
                    f"actor '{a.id}' is in no team: a bot will play it",
                    "warning",
                )

    def network(self) -> None:
        seen: dict[tuple, int] = {}
        for i, e in enumerate(self.f.network):
            ok = self.ref("actor", e.a, ("network", i, "a"))
            ok &= self.ref("actor", e.b, ("network", i, "b"))
            if e.a == e.b:
                self.add(("network", i), f"an edge from '{e.a}' to itself")
            pair = tuple(sorted((e.a, e.b)))
            if ok and pair in seen:
                self.add(
                    ("network", i),
                    f"the edge {pair[0]}–{pair[1]} is already at network[{seen[pair]}]",
                )
            seen.setdefault(pair, i)

    def drivers(self) -> None:
        m = self.f.meta
        for i, d in enumerate(self.f.drivers):
            for k, by_region in d.effects.items():
                if self.ref("indicator", k, ("drivers", i, "effects", k), key=True):
                    self.keys("region_type", by_region, ("drivers", i, "effects", k))
            if not d.intensity:
                self.add(("drivers", i, "intensity"), f"driver '{d.id}' has no intensity")
            for y in d.intensity:
                if not m.start_year <= y <= m.end_year:
                    self.add(
                        ("drivers", i, "intensity", y),
                        f"year {y} is outside the game ({m.start_year}–{m.end_year})",
                        "warning",
                        key=True,
                    )

    def effects(self, effects: list[schema.Effect], path: tuple) -> None:
        for i, fx in enumerate(effects):
            p = path + (i,)
            targets = [
                n for n in ("indicator", "budget", "trust", "driver") if getattr(fx, n) is not None
            ]
            if len(targets) != 1:
                self.add(
                    p,
                    "an effect needs exactly one of indicator:, budget:, trust: or "
                    f"driver: (found {', '.join(targets) or 'none'})",
                )
                continue
            if fx.indicator is not None:
                self.ref("indicator", fx.indicator, p + ("indicator",))
            if fx.driver is not None:
                self.ref("driver", fx.driver, p + ("driver",))
                if fx.scale is None:
                    self.add(p, "a driver effect needs scale: (a multiplier, e.g. 1.3)")
            if fx.region_types:
                self.refs("region_type", fx.region_types, p + ("region_types",))
            if fx.actors:
                self.refs("actor", fx.actors, p + ("actors",))

    def events(self) -> None:
        m = self.f.meta
        n_turns = max((m.end_year - m.start_year) // m.turn_years, 1)
        last_start = m.start_year + (n_turns - 1) * m.turn_years
        for i, ev in enumerate(self.f.events):
            p = ("events", i)
            self.effects(ev.effects, p + ("effects",))
            for j, opt in enumerate(ev.options):
                self.effects(opt.effects, p + ("options", j, "effects"))
            if ev.kind == "dilemma" and len(ev.options) < 2:
                self.add(p, f"dilemma '{ev.id}' needs at least two options to vote on")
            if ev.options and ev.kind != "dilemma":
                self.add(
                    p + ("kind",), f"event '{ev.id}' has options: set kind: dilemma", "warning"
                )
            w = ev.when
            if w.condition is not None:
                try:
                    parse_condition(w.condition, self.ids)
                except ConditionError as err:
                    file, line, col = self.s.located.pos(p + ("when", "condition"))
                    self.problems.append(
                        Problem(
                            file,
                            line,
                            col + _quote_offset(self.s, p) + err.col - 1,
                            "error",
                            f"condition: {err}",
                            dotted(p + ("when", "condition")),
                        )
                    )
            lo = w.from_year if w.from_year is not None else m.start_year
            hi = w.to_year if w.to_year is not None else m.end_year
            if w.years:
                ok = any(m.start_year <= y < m.end_year for y in w.years)
            else:
                ok = lo <= last_start and hi >= m.start_year and lo <= hi
            if not ok:
                self.add(
                    p + ("when",),
                    f"event '{ev.id}' can never fire: its window is outside "
                    f"the game's turns ({m.start_year}–{last_start})",
                    "warning",
                )
            if w.probability == 0:
                self.add(
                    p + ("when", "probability"),
                    f"event '{ev.id}' has probability 0 and never fires",
                    "warning",
                )
            if w.cooldown >= n_turns and not w.once:
                self.add(
                    p + ("when", "cooldown"),
                    f"a cooldown of {w.cooldown} turns is longer "
                    "than the game: the event fires at most once",
                    "warning",
                )

    def packages(self) -> None:
        team_budget = {
            t.id: sum(a.budget for a in self.f.actors if a.id in t.actors) for t in self.f.teams
        }
        for i, pk in enumerate(self.f.packages):
            p = ("packages", i)
            self.refs("theme", pk.themes, p + ("themes",))
            self.keys("region_type", pk.reach, p + ("reach",))
            self.effects(pk.effects, p + ("effects",))
            if pk.requires.min_teams > len(self.f.teams):
                self.add(
                    p + ("requires", "min_teams"),
                    f"package '{pk.id}' needs "
                    f"{pk.requires.min_teams} teams but the scenario has {len(self.f.teams)}",
                )
            if pk.cost > sum(team_budget.values()):
                self.add(
                    p + ("cost",),
                    f"package '{pk.id}' costs {pk.cost:g} points a turn, more "
                    "than all teams together have",
                    "warning",
                )

    def elections(self) -> None:
        for i, pr in enumerate(self.f.elections.programmes):
            p = ("elections", "programmes", i)
            self.keys("actor", pr.budget, p + ("budget",))
            for t, by_ind in pr.mandates.items():
                if self.ref("team", t, p + ("mandates", t), key=True):
                    self.keys("indicator", by_ind, p + ("mandates", t))
        if self.f.elections.years and not self.f.elections.programmes:
            self.add(("elections",), "elections need at least one programme to draw from")

    def vision(self) -> None:
        v = self.f.vision
        for k, target in v.targets.items():
            p = ("vision", "targets", k)
            if not self.ref("indicator", k, p, key=True):
                continue
            values = target.values() if isinstance(target, dict) else [target]
            if isinstance(target, dict):
                self.keys("region_type", target, p)
            for val in values:
                if not 0 <= val <= 100:
                    self.add(p, f"target {val:g} is outside 0..100")
        self.keys("indicator", v.weights, ("vision", "weights"))
        if v.weights and not any(w > 0 for w in v.weights.values()):
            self.add(("vision", "weights"), "at least one vision weight must be positive")


def _quote_offset(scenario: Scenario, path: tuple) -> int:
    """1 when the condition is written as a quoted YAML scalar (its text starts after it)."""
    return 1 if path + ("when", "condition") in scenario.located.quoted else 0


def semantic_problems(scenario: Scenario) -> list[Problem]:
    """Every reference and semantic problem in a typed scenario."""
    return _Checker(scenario).run()
