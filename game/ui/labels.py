"""Names and texts from the scenario file in the chosen language, looked up by index."""

from __future__ import annotations

from game.scenario.text import text
from game.sim.model import KINDS


class Labels:
    """Scenario names by the model's indices, in one language."""

    def __init__(self, scenario, model, lang: str, tr):
        self.f = scenario.file
        self.model = model
        self.lang = lang
        self.tr = tr
        f = self.f
        self._regions = {r.id: r for r in f.region_types}
        self._inds = {i.id: i for i in f.indicators}
        self._themes = {t.id: t for t in f.themes}
        self._actors = {a.id: a for a in f.actors}
        self._teams = {t.id: t for t in f.teams}
        self._drivers = {d.id: d for d in f.drivers}
        self._events = {e.id: e for e in f.events}
        self._packages = {p.id: p for p in f.packages}

    def t(self, value) -> str:
        """A scenario text in this language."""
        return text(value, self.lang)

    def title(self) -> str:
        """The scenario's title."""
        return self.t(self.f.meta.title)

    def description(self) -> str:
        """The scenario's description."""
        return self.t(self.f.meta.description)

    def region(self, r: int) -> str:
        """Name of region type r."""
        return self.t(self._regions[self.model.region_ids[r]].name)

    def indicator(self, k: int) -> str:
        """Name of indicator k."""
        return self.t(self._inds[self.model.indicator_ids[k]].name)

    def theme(self, t: int) -> str:
        """Name of theme t."""
        return self.t(self._themes[self.model.theme_ids[t]].name)

    def actor(self, a: int) -> str:
        """Full name of actor a."""
        return self.t(self._actors[self.model.actor_ids[a]].name)

    def actor_short(self, a: int) -> str:
        """Short name of actor a (its name when it has none)."""
        act = self._actors[self.model.actor_ids[a]]
        return self.t(act.short) or self.t(act.name)

    def kind(self, a: int) -> str:
        """Kind of actor a: ministry, region or partner."""
        return KINDS[int(self.model.actor_kind[a])]

    def team(self, j: int) -> str:
        """Name of team j."""
        return self.t(self._teams[self.model.team_ids[j]].name)

    def team_letter(self, j: int) -> str:
        """A one-letter tag of team j (A, B, …) shown beside its colour."""
        return "ABCDEFGH"[j] if j < 8 else str(j + 1)

    def mandate(self, j: int) -> str:
        """Description of team j's mandate."""
        return self.t(self._teams[self.model.team_ids[j]].mandate.description)

    def driver(self, d: int) -> str:
        """Name of driver d."""
        return self.t(self._drivers[self.model.driver_ids[d]].name)

    def event(self, i: int):
        """The scenario entry of event i."""
        return self._events[self.model.events[i].id]

    def event_title(self, i: int) -> str:
        """Title of event i."""
        return self.t(self.event(i).title)

    def event_text(self, i: int) -> str:
        """Text of event i."""
        return self.t(self.event(i).text)

    def option(self, i: int, o: int) -> str:
        """Label of option o of dilemma i."""
        return self.t(self.event(i).options[o].label)

    def option_text(self, i: int, o: int) -> str:
        """Text of option o of dilemma i."""
        return self.t(self.event(i).options[o].text)

    def package(self, p: int):
        """The scenario entry of package p."""
        return self._packages[self.model.package_ids[p]]

    def package_title(self, p: int) -> str:
        """Title of package p."""
        return self.t(self.package(p).title)

    def programme(self, g: int) -> str:
        """Title of government programme g."""
        progs = self.f.elections.programmes
        return self.t(progs[g].title) if 0 <= g < len(progs) else ""

    def source(self, name: str) -> str:
        """A readable name of an attribution source (`team:x`, `driver:y`, …)."""
        kind, _, ident = name.partition(":")
        m = self.model
        if kind == "team":
            return self.team(m.team_ids.index(ident))
        if kind == "package":
            return self.package_title(m.package_ids.index(ident))
        if kind == "driver":
            return self.driver(m.driver_ids.index(ident))
        if kind == "event":
            return self.event_title(m.event_ids.index(ident))
        return self.tr(f"source.{name}")

    def source_kind(self, name: str) -> str:
        """The kind of an attribution source, as a translated word."""
        kind = name.partition(":")[0]
        return self.tr(f"sourcekind.{kind}")
