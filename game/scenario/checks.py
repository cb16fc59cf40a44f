"""Cross-reference and semantic checks of a typed scenario, each with its file position.

Two kinds of check: *local* ones look at one entry (its references, its own values) and
are safe to run on a partly broken file whose bad entries were left out; *global* ones
judge the scenario as a whole (an indicator no theme moves, a package no set of teams
can fund, an event that can never fire) and only run on a complete file, so a missing
entry never causes a false alarm.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from game.scenario import analysis, limits, room, schema
from game.scenario.conditions import ConditionError, parse_condition
from game.scenario.problems import Problem, unknown_suffix
from game.scenario.salvage import Salvaged
from game.scenario.turns import event_turns, game_turns
from game.scenario.yamlread import Located

if TYPE_CHECKING:
    from game.scenario.scenario import Scenario

ENTITY_KINDS = (
    ("region_types", "region_type"),
    ("indicators", "indicator"),
    ("themes", "theme"),
    ("actors", "actor"),
    ("teams", "team"),
    ("drivers", "driver"),
    ("events", "event"),
    ("packages", "package"),
)
KIND_NAMES = ("ministry", "region", "partner")
PLURAL = {
    "region_type": "region types",
    "indicator": "indicators",
    "theme": "themes",
    "actor": "actors",
    "team": "teams",
    "driver": "drivers",
    "event": "events",
    "package": "packages",
}
MAX_RELATIONSHIPS = limits.MAX_RELATIONSHIPS  # as many as `network:` may list


def game_years(meta: schema.Meta) -> str:
    """The one wording of the game's years in messages: the years its turns cover."""
    return (
        f"the game's years ({meta.start_year}–{meta.end_year - 1}, ending at the start of "
        f"{meta.end_year})"
    )


class _Checker:
    def __init__(self, f: schema.ScenarioFile, located: Located, salvaged: Salvaged | None = None):
        self.f = f
        self.loc = located
        # a broken file: what was read of it (see game.scenario.salvage)
        self.salvaged = salvaged
        self.index = salvaged.index if salvaged else {}
        self.problems: list[Problem] = []
        self.id_sets: dict[str, set[str]] = {}  # `ids` as sets, made on first use (5,000 actors)
        self.ids: dict[str, list[str]] = {
            kind: [x.id for x in getattr(f, key)] for key, kind in ENTITY_KINDS
        }
        # ids of entries left out for type errors: references to them are not reported
        self.broken = salvaged.broken_ids if salvaged else {}
        # kinds whose list could not be read: any id of them is taken on trust
        self.open = salvaged.open_kinds if salvaged else set()
        # a condition may name them too (it is only parsed, never run, in a partial check)
        self.condition_ids = {
            kind: ids + sorted(self.broken.get(kind, ())) for kind, ids in self.ids.items()
        }
        # with a broken time frame, judging years against it only adds noise
        m = f.meta
        self.time_ok = (
            self.whole("meta")
            and m.end_year > m.start_year
            and (m.end_year - m.start_year) % m.turn_years == 0
        )

    def whole(self, *keys: str) -> bool:
        """Whether these top-level parts were read whole (always, in a file without
        errors): a check that judges a part as a whole runs only then.
        """
        return self.salvaged is None or all(k in self.salvaged.whole for k in keys)

    # -- helpers -------------------------------------------------------------------------

    def items(self, key: str) -> Iterator[tuple[int, Any]]:
        """(index in the file, entry) of an entity list; skips entries left out."""
        seq = getattr(self.f, key)
        where = self.index.get(key)
        for i, x in enumerate(seq):
            yield (where[i] if where is not None else i), x

    def add(
        self, path: tuple[Any, ...], msg: str, severity: str = "error", key: bool = False
    ) -> None:
        if self.salvaged is not None and self.salvaged.hides(path):
            return  # a consequence of a value already reported as wrong
        file, line, col = self.loc.pos(path, key=key)
        self.problems.append(
            Problem(file, line, col, severity, msg, self.loc.path_text(path))  # type: ignore[arg-type]
        )

    def broken_at(self, path: tuple[Any, ...]) -> bool:
        """Whether the value at `path` (or a part of it) was wrong and is reported so."""
        return self.salvaged is not None and self.salvaged.hides(path)

    def line_of(self, path: tuple[Any, ...], here: tuple[Any, ...]) -> str:
        """'line 12' (or 'parent.yaml line 12') of the value at `path`, seen from `here`."""
        file, line, _ = self.loc.pos(path)
        same = file == self.loc.pos(here)[0]
        return f"line {line}" if same else f"{file} line {line}"

    def ref(self, kind: str, value: str, path: tuple[Any, ...], key: bool = False) -> bool:
        known = self.ids[kind]
        if kind in self.open:
            return False  # the list of this kind could not be read
        ids = self.id_sets
        if kind not in ids:
            ids[kind] = set(known)
        if value in ids[kind] or value in self.broken.get(kind, ()):
            return value in ids[kind]
        name = kind.replace("_", " ")
        gone = self.loc.removed.get((kind, value))
        if gone is not None:
            self.add(
                path,
                f"{name} '{value}' is still used here, but {gone[0]}:{gone[1]} removes it: "
                f"remove this use too, or keep the {name}",
                key=key,
            )
        else:
            # the ids of entries that could not be read are listed too: they exist
            listed = unknown_suffix(value, known + sorted(self.broken.get(kind, ())), PLURAL[kind])
            self.add(path, f"unknown {name} '{value}'{listed}", key=key)
        return False

    def keys(self, kind: str, mapping: dict[Any, Any], path: tuple[Any, ...]) -> None:
        for k in mapping:
            self.ref(kind, str(k), path + (k,), key=True)

    def refs(self, kind: str, values: Iterable[str], path: tuple[Any, ...]) -> None:
        for i, v in enumerate(values):
            self.ref(kind, v, path + (i,))

    # -- the checks ----------------------------------------------------------------------

    def run(self) -> list[Problem]:
        self.meta()
        self.duplicates()
        self.indicators()
        self.themes()
        self.actors()
        self.teams()
        self.network()
        self.drivers()
        self.events()
        self.packages()
        self.elections()
        self.vision()
        self.room()
        return self.problems

    def room(self) -> None:
        """More a turn than a room can take in (game.scenario.room): warnings."""
        if self.salvaged is None:
            for path, msg in room.warnings(self.f):
                self.add(path, msg, "warning")

    def meta(self) -> None:
        m = self.f.meta
        if not self.whole("meta"):
            return  # a year or turn_years could not be read: nothing to compare
        if m.end_year <= m.start_year:
            self.add(("meta", "end_year"), "end_year must come after start_year")
        elif (m.end_year - m.start_year) % m.turn_years:
            years = m.end_year - m.start_year
            fits = [n for n in range(1, 21) if years % n == 0]
            self.add(
                ("meta", "turn_years"),
                f"{years} years do not split into turns of {m.turn_years} years "
                f"(turn_years that fit: {', '.join(map(str, fits))})",
            )
        elif (m.end_year - m.start_year) // m.turn_years > limits.MAX_TURNS:
            n = (m.end_year - m.start_year) // m.turn_years
            self.add(
                ("meta", "turn_years"),
                f"{n} turns: a game may have at most {limits.MAX_TURNS} (use longer turns, "
                "or a shorter span of years)",
            )

    def duplicates(self) -> None:
        for key, _ in ENTITY_KINDS:
            counts = Counter(x.id for x in getattr(self.f, key))
            first: dict[str, int] = {}
            for i, x in self.items(key):
                if counts[x.id] > 1 and x.id in first:
                    there = self.line_of((key, first[x.id], "id"), (key, i, "id"))
                    self.add(
                        (key, i, "id"),
                        f"duplicate id '{x.id}' in {key}: the first is on {there}; "
                        "give this one an id of its own",
                    )
                first.setdefault(x.id, i)

    def indicators(self) -> None:
        region_at = {r.id: i for i, r in self.items("region_types")}
        for i, ind in self.items("indicators"):
            self.keys("region_type", ind.baseline, ("indicators", i, "baseline"))
            if self.broken_at(("indicators", i, "baseline")):
                continue
            here = self.loc.pos(("indicators", i, "baseline"))[0]
            local = []
            for r in (r for r in self.ids["region_type"] if r not in ind.baseline):
                rpath = ("region_types", region_at.get(r, 0), "id")
                if r in region_at and self.loc.pos(rpath)[0] != here:
                    # a region type added by a file that extends this one: say so there
                    self.add(
                        rpath,
                        f"region type '{r}' needs a baseline in indicator '{ind.id}' too: "
                        f"in this file, add under indicators: "
                        f"- {{id: {ind.id}, baseline: {{{r}: 50}}}}",
                    )
                else:
                    local.append(r)
            if local:
                self.add(
                    ("indicators", i, "baseline"),
                    f"baseline of '{ind.id}' has no value for {', '.join(local)}",
                )
            self.keys("region_type", ind.sensitivity, ("indicators", i, "sensitivity"))

    def themes(self) -> None:
        moved = set()
        for i, th in self.items("themes"):
            self.keys("indicator", th.effects, ("themes", i, "effects"))
            if not any(w > 0 for w in th.effects.values()):
                self.add(
                    ("themes", i, "effects"),
                    f"theme '{th.id}' raises no indicator: give it a positive weight",
                )
            moved |= {k for k, w in th.effects.items() if w > 0}
        if not self.whole("themes"):
            return
        for i, ind in self.items("indicators"):
            if ind.id not in moved:
                self.add(
                    ("indicators", i, "id"),
                    f"no theme raises indicator '{ind.id}': effort can never move it "
                    "(give a theme a positive weight for it under effects:)",
                    "warning",
                )

    def actors(self) -> None:
        regions = set(self.ids["region_type"])
        for i, a in self.items("actors"):
            self.keys("theme", a.competence, ("actors", i, "competence"))
            self.keys("region_type", a.reach, ("actors", i, "reach"))
            if (
                a.reach
                and self.whole("region_types")
                and not any(a.reach.get(r, 0) > 0 for r in regions)
            ):
                self.add(("actors", i, "reach"), f"actor '{a.id}' reaches no region type")

    def teams(self) -> None:
        owner: dict[str, str] = {}
        meant: set[str] = set()  # actors a misspelt team entry probably meant
        for i, t in self.items("teams"):
            for j, a in enumerate(t.actors):
                if not self.ref("actor", a, ("teams", i, "actors", j)):
                    meant.update(difflib.get_close_matches(a, self.ids["actor"], n=1, cutoff=0.6))
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
        played = len(owner)
        if played * (played - 1) // 2 > MAX_RELATIONSHIPS:
            # the game keeps a possible relationship for every pair of actors teams play
            # (co-funding may create one), so this bounds memory and time, not taste
            most = int((1 + (1 + 8 * MAX_RELATIONSHIPS) ** 0.5) / 2)
            self.add(
                ("teams",),
                f"{played} actors are in teams: {played * (played - 1) // 2:,} possible "
                f"relationships between them, more than the game can follow "
                f"({MAX_RELATIONSHIPS:,}); put at most {most} actors in teams",
            )
        if not self.whole("teams"):
            return
        for i, a in self.items("actors"):
            if a.id not in owner and not a.bot and a.id not in meant:
                self.add(
                    ("actors", i, "id"),
                    f"actor '{a.id}' is in no team: a bot will play it "
                    "(put it in a team's actors: list, or say bot: true if that is the plan)",
                    "warning",
                )
            elif a.id in owner and a.bot:
                self.add(
                    ("actors", i, "bot"),
                    f"actor '{a.id}' says bot: true but team '{owner[a.id]}' controls it",
                    "warning",
                )

    def network(self) -> None:
        seen: dict[tuple[Any, ...], int] = {}
        for i, e in self.items("network"):
            ok = self.ref("actor", e.a, ("network", i, "a"))
            ok &= self.ref("actor", e.b, ("network", i, "b"))
            if e.a == e.b:
                self.add(("network", i), f"an edge from '{e.a}' to itself")
            pair = tuple(sorted((e.a, e.b)))
            if ok and pair in seen:
                there = self.line_of(("network", seen[pair]), ("network", i))
                self.add(
                    ("network", i),
                    f"the edge {pair[0]}–{pair[1]} is already on {there}: list a pair once",
                )
            seen.setdefault(pair, i)

    def drivers(self) -> None:
        m = self.f.meta
        for i, d in self.items("drivers"):
            for k, by_region in d.effects.items():
                if self.ref("indicator", k, ("drivers", i, "effects", k), key=True):
                    self.keys("region_type", by_region, ("drivers", i, "effects", k))
            if not d.intensity:
                self.add(
                    ("drivers", i, "intensity"),
                    f"driver '{d.id}' has no intensity: give at least one year, like "
                    f"{{{m.start_year}: 1.0}}",
                )
            for y in d.intensity:
                if self.time_ok and not m.start_year <= y <= m.end_year:
                    self.add(
                        ("drivers", i, "intensity", y),
                        f"year {y} is outside {game_years(m)}: it only bends the line "
                        "between the points inside",
                        "warning",
                        key=True,
                    )

    def effects(self, effects: Sequence[schema.Effect], path: tuple[Any, ...]) -> None:
        for i, fx in enumerate(effects):
            p = path + (i,)
            targets = [
                n
                for n in ("indicator", "budget", "trust", "driver", "theme")
                if getattr(fx, n) is not None
            ]
            if len(targets) != 1:
                self.add(
                    p,
                    "an effect needs exactly one of indicator:, budget:, trust:, driver: or "
                    f"theme: (found {', '.join(targets) or 'none'})",
                )
                continue
            if fx.indicator is not None:
                self.ref("indicator", fx.indicator, p + ("indicator",))
            if fx.driver is not None:
                self.ref("driver", fx.driver, p + ("driver",))
                if fx.scale is None:
                    self.add(p, "a driver effect needs scale: (a multiplier, e.g. 1.3)")
            if fx.theme is not None:
                self.ref("theme", fx.theme, p + ("theme",))
                if fx.boost is None:
                    self.add(
                        p, "a theme effect needs boost: (a multiplier for this turn, e.g. 1.8)"
                    )
            elif fx.boost is not None:
                self.add(p + ("boost",), "boost: multiplies a theme: name the theme too")
            for key in ("region_types", "actors", "kinds"):
                if getattr(fx, key) == []:
                    # the compiler reads an empty list as "all": say so rather than surprise
                    self.add(
                        p + (key,),
                        f"{key}: [] selects nothing, yet an empty list means all "
                        f"{key.replace('_', ' ')}; list some, or leave the key out for all",
                    )
            if fx.region_types:
                self.refs("region_type", fx.region_types, p + ("region_types",))
            if fx.actors:
                self.refs("actor", fx.actors, p + ("actors",))

    def events(self) -> None:
        m = self.f.meta
        starts = game_turns(m)
        n_turns = len(starts)
        for i, ev in self.items("events"):
            p = ("events", i)
            self.effects(ev.effects, p + ("effects",))
            seen_options: set[str] = set()
            for j, opt in enumerate(ev.options):
                self.effects(opt.effects, p + ("options", j, "effects"))
                if opt.id in seen_options:
                    self.add(p + ("options", j, "id"), f"duplicate option id '{opt.id}'")
                seen_options.add(opt.id)
            if ev.kind == "dilemma" and len(ev.options) < 2:
                self.add(p, f"dilemma '{ev.id}' needs at least two options to vote on")
            if ev.options and ev.kind != "dilemma":
                self.add(
                    p + ("kind",), f"event '{ev.id}' has options: set kind: dilemma", "warning"
                )
            w = ev.when
            if w.years == []:
                self.add(
                    p + ("when", "years"),
                    "years: [] lists no year, yet it means the whole game; list years, "
                    "or leave the key out",
                )
            cond = self.condition(ev, p)
            if n_turns == 0 or not self.time_ok:
                continue
            turns = event_turns(m, w)
            if w.years and (w.from_year is not None or w.to_year is not None):
                self.add(
                    p + ("when", "years"),
                    "years: and from:/to: both given; only years: counts — drop one",
                    "warning",
                    key=True,
                )
            if not turns:
                self.add(
                    p + ("when",),
                    f"event '{ev.id}' can never fire: no turn falls in its window "
                    f"(the turns are {', '.join(f'{s}–{s + m.turn_years - 1}' for s in starts)})",
                    "warning",
                )
                continue
            if w.probability == 0:
                self.add(
                    p + ("when", "probability"),
                    f"event '{ev.id}' has probability 0 and never fires",
                    "warning",
                )
            if cond is not None:
                self.impossible(ev, p, cond, [analysis.Turn(t, starts[t]) for t in turns])
            span = turns[-1] - turns[0]
            if not w.once and w.cooldown and w.cooldown >= span:
                self.add(
                    p + ("when", "cooldown"),
                    f"a cooldown of {w.cooldown} turns is longer than the {span + 1} turn(s) "
                    f"the event may fire in: it fires at most once (set once: true)",
                    "warning",
                )
            if w.once and w.cooldown:
                self.add(
                    p + ("when", "cooldown"),
                    "cooldown: has no effect on an event that fires once; "
                    "set once: false to let it return",
                    "warning",
                )

    def condition(
        self, ev: schema.Event, p: tuple[Any, ...]
    ) -> tuple[tuple[Any, ...], dict[Any, Any], str] | None:
        """Parse an event's condition; report a syntax or name error at its column."""
        text = ev.when.condition
        if text is None:
            return None
        path = p + ("when", "condition")
        spans: dict[int, tuple[int, int]] = {}
        try:
            return parse_condition(text, self.condition_ids, spans, self.open), spans, text
        except ConditionError as err:
            if self.salvaged is not None and self.salvaged.hides(path):
                return None
            for message, at in err.errors:  # every problem of the condition, in order
                file, line, col = self.loc.text_pos(path, at - 1, text)
                self.problems.append(
                    Problem(
                        file, line, col, "error", f"condition: {message}", self.loc.path_text(path)
                    )
                )
            return None

    def impossible(
        self,
        ev: schema.Event,
        p: tuple[Any, ...],
        parsed: tuple[Any, ...],
        turns: list[analysis.Turn],
    ) -> None:
        """Warn when a condition can never hold in the turns its event may be drawn."""
        tree, spans, text = parsed
        if not analysis.never_holds(tree, turns):
            return

        def text_of(node: tuple[Any, ...]) -> str | None:
            s = spans.get(id(node))
            return f"`{text[s[0] - 1 : s[1] - 1]}`" if s else None

        found = analysis.explain(tree, turns, text_of)
        s = spans.get(id(found.node), (1, len(text) + 1))
        path = p + ("when", "condition")
        file, line, col = self.loc.text_pos(path, s[0] - 1, text)
        part = text[s[0] - 1 : s[1] - 1]
        self.problems.append(
            Problem(
                file,
                line,
                col,
                "warning",
                f"event '{ev.id}' can never fire: `{part}` is never true ({found.reason})",
                self.loc.path_text(path),
            )
        )

    def packages(self) -> None:
        for i, pk in self.items("packages"):
            p = ("packages", i)
            self.refs("theme", pk.themes, p + ("themes",))
            self.keys("region_type", pk.reach, p + ("reach",))
            self.effects(pk.effects, p + ("effects",))
            if not self.whole("teams"):
                continue
            if pk.requires.min_teams > len(self.f.teams):
                self.add(
                    p + ("requires", "min_teams"),
                    f"package '{pk.id}' needs "
                    f"{pk.requires.min_teams} teams but the scenario has {len(self.f.teams)}",
                )
            elif self.whole("actors"):
                self.fundable(pk, p)

    def fundable(self, pk: schema.Package, p: tuple[Any, ...]) -> None:
        """Warn when no allowed set of teams can start a package.

        A package starts when at least `min_teams` teams pledge to it, their actors
        include every required kind, and the pledges cover the cost (docs/design.md; the
        rule of `game.sim.step.fund_packages`). Budgets are the starting ones; there are
        at most 8 teams, so every set is tried.
        """
        actor = {a.id: a for a in self.f.actors}
        teams = []
        for t in self.f.teams:
            members = [actor[a] for a in t.actors if a in actor]
            teams.append((t.id, sum(a.budget for a in members), {a.kind for a in members}))
        need = set(pk.requires.kinds)
        have = set().union(*(k for _, _, k in teams)) if teams else set()
        missing = [k for k in KIND_NAMES if k in need - have]
        if missing:
            self.add(
                p + ("requires", "kinds"),
                f"package '{pk.id}' needs a {' and a '.join(missing)} among its funders, "
                "but no team has one: it can never start",
                "warning",
            )
            return
        best = 0.0
        for size in range(max(pk.requires.min_teams, 1), len(teams) + 1):
            for group in combinations(teams, size):
                kinds = set().union(*(k for _, _, k in group))
                if need <= kinds:
                    best = max(best, sum(b for _, b, _ in group))
        if best < pk.cost:
            self.add(
                p + ("cost",),
                f"package '{pk.id}' costs {pk.cost:g} points a turn but the teams that may "
                f"fund it have at most {best:g} together: it can never start",
                "warning",
            )

    def elections(self) -> None:
        el = self.f.elections
        counts = Counter(pr.id for pr in el.programmes)
        for i, pr in enumerate(el.programmes):
            p = ("elections", "programmes", i)
            if counts[pr.id] > 1:
                self.add(p + ("id",), f"duplicate programme id '{pr.id}'")
            self.keys("actor", pr.budget, p + ("budget",))
            for t, by_ind in pr.mandates.items():
                if self.ref("team", t, p + ("mandates", t), key=True):
                    self.keys("indicator", by_ind, p + ("mandates", t))
        if el.years and not el.programmes:
            self.add(("elections",), "elections need at least one programme to draw from")
        elif el.years and not any(pr.weight > 0 for pr in el.programmes):
            self.add(
                ("elections", "programmes"),
                "every programme has weight 0, so none can be drawn: give one a positive weight",
            )
        if not self.time_ok:
            return
        m = self.f.meta
        starts = game_turns(m)
        for i, y in enumerate(el.years):
            if not any(s <= y < s + m.turn_years for s in starts):
                self.add(
                    ("elections", "years", i),
                    f"election year {y} is outside {game_years(m)}: it is never held",
                    "warning",
                )
        if el.programmes and not el.years:
            said = ("elections", "years") in self.loc.values
            self.add(
                ("elections", "years" if said else "programmes"),
                "there are programmes but no election years: they are never drawn "
                "(add years: [2023, 2027, …])",
                "warning",
            )

    def vision(self) -> None:
        v = self.f.vision
        if not v.targets:
            self.add(
                ("vision", "targets"),
                "the vision has no targets: give at least one indicator a target for "
                f"{self.f.meta.end_year}",
            )
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
        if v.targets:
            self.vision_gaps()

    def vision_gaps(self) -> None:
        """Warn where the vision asks only to hold the baseline, or does not count at all
        (game.sim.scoring: a missing target is the baseline; with weights given, an
        indicator left out of them weighs 0).
        """
        v = self.f.vision
        for i, ind in self.items("indicators"):
            weight = v.weights.get(ind.id, 0.0 if v.weights else 1.0)
            target = v.targets.get(ind.id)
            if target is None and weight > 0:
                self.add(
                    self.where_to_add(("vision", "targets"), ("indicators", i, "id")),
                    f"indicator '{ind.id}' has no vision target: the vision asks it only to "
                    "hold its baseline in every region type (full marks there, none 5 points "
                    "below); give it a target under vision: targets:, or weight 0 under "
                    "vision: weights: to leave it out",
                    "warning",
                    key=True,
                )
            elif target is not None and weight == 0 and ind.id not in v.weights:
                self.add(
                    self.where_to_add(("vision", "weights"), ("vision", "targets", ind.id)),
                    f"indicator '{ind.id}' has a vision target but no weight: when weights: "
                    "are given, an indicator left out of them weighs 0 and its target does "
                    f"not count; give it a weight, like {ind.id}: 1",
                    "warning",
                    key=True,
                )
            if isinstance(target, dict) and weight > 0 and self.whole("region_types"):
                self.regions_left_out(ind, target)

    def regions_left_out(self, ind: schema.Indicator, target: dict[Any, Any]) -> None:
        """Warn of the region types a per-region target leaves out; one added by a file
        that extends this one is reported in that file; one without a baseline is not
        (the error about the baseline says enough).
        """
        by_place: dict[tuple[Any, ...], list[str]] = {}
        for i, r in self.items("region_types"):
            if r.id not in target and r.id in ind.baseline:
                place = self.where_to_add(("vision", "targets", ind.id), ("region_types", i, "id"))
                by_place.setdefault(place, []).append(r.id)
        for place, left in by_place.items():
            held = ", ".join(f"{r} {ind.baseline[r]:g}" for r in left)
            self.add(
                place,
                f"the target of '{ind.id}' leaves out {', '.join(left)}: there the vision "
                f"asks only to hold the baseline ({held}); give "
                f"{'it' if len(left) == 1 else 'them'} a target under vision: targets: "
                f"{ind.id}:, or one number for every region type",
                "warning",
                key=True,
            )

    def where_to_add(self, path: tuple[Any, ...], entry: tuple[Any, ...]) -> tuple[Any, ...]:
        """Where to report what is missing at `path` for `entry`: `path`, unless only the
        entry is in the file being checked (added by a file that extends another).
        """
        here = self.loc.file
        if self.loc.pos(path)[0] != here and self.loc.pos(entry)[0] == here:
            return entry
        return path


def semantic_problems(scenario: Scenario) -> list[Problem]:
    """Every reference and semantic problem in a typed scenario."""
    return _Checker(scenario.file, scenario.located).run()


def partial_problems(salvaged: Salvaged, located: Located) -> list[Problem]:
    """The problems of what could be read of a broken file: every check whose parts were
    read (see game.scenario.salvage); none that a wrong value could have caused.
    """
    return _Checker(salvaged.file, located, salvaged).run()
