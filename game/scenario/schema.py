"""The scenario file format as pydantic models: types, defaults and field documentation.

This is the single source of the format: the loader validates against it, `suunta schema`
prints its JSON Schema, and docs/scenario-authoring.md describes the same fields.
Cross-references and semantic checks live in `game.scenario.checks`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lowercase letters, digits and '-', unique within its kind."),
]
Lang = Literal["fi", "en", "sv"]
Text = Annotated[
    Annotated[str, StringConstraints(max_length=5000)]
    | dict[Lang, Annotated[str, StringConstraints(max_length=5000)]],
    Field(description="A string, or a map of language (fi, en, sv) to string."),
]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]
NonNeg = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1e6)]
Unit = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]


class Strict(BaseModel):
    """Base: unknown keys are errors (a typo must not pass silently); objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Constants(Strict):
    """Model constants of GAME.md §3; defaults are the tuned values in docs/model.md."""

    sigma: NonNeg = Field(0.3, description="Cooperation synergy: weight of trusted joint work.")
    kappa: Annotated[float, Field(gt=0, le=1e6)] = Field(
        30.0, description="Saturation of impact per region type and theme (diminishing returns)."
    )
    policy_scale: NonNeg = Field(
        0.3, description="Index points per unit of saturated impact (scales all policy effects)."
    )
    alpha: NonNeg = Field(0.08, description="Trust gained per turn by working on the same themes.")
    cofund_bonus: NonNeg = Field(0.08, description="Trust gained by co-funding a package.")
    beta: NonNeg = Field(0.2, description="Trust lost for each broken pledge.")
    delta: Unit = Field(0.05, description="Share of trust that fades each turn without renewal.")
    new_edge_trust: Unit = Field(0.25, description="Trust of an edge created by co-funding.")
    vision_bonus: NonNeg = Field(
        0.1, description="Lasting trust bonus for agreeing the shared vision in turn 1."
    )
    resilience: NonNeg = Field(
        2.0,
        description="Index points of a turn's policy gain on an indicator and region type "
        "that shield e-fold against what events take from it there; 0 turns it off.",
    )
    programme_cuts: Unit = Field(
        1.0,
        description="1: a new government ends the running packages that not every paying "
        "team protected by signing the shared vision; 0: packages survive elections.",
    )
    vision_continuity: Unit = Field(
        0.7,
        description="Share of a new programme's budget shift that the actors of teams that "
        "signed the shared vision are spared.",
    )


class Meta(Strict):
    """Identity, time frame and constants of a scenario."""

    id: Id
    title: Text
    description: Text = ""
    sources: list[str] = Field(default_factory=list, max_length=100)
    start_year: Year = 2022
    end_year: Year = 2040
    turn_years: Annotated[int, Field(ge=1, le=20)] = 3
    seed: Annotated[int, Field(ge=0, lt=2**63)] = 2040
    constants: Constants = Field(default_factory=Constants)


class RegionType(Strict):
    """A region type (aluetyyppi), the unit of outcomes."""

    id: Id
    name: Text
    description: Text = ""
    population: NonNeg | None = Field(None, description="Population in thousands (display).")


class Indicator(Strict):
    """An index 0..100 per region type."""

    id: Id
    name: Text
    unit: Text = "0–100"
    description: Text = ""
    baseline: dict[str, Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]]
    sensitivity: dict[str, NonNeg] = Field(
        default_factory=dict, description="Per region type multiplier of policy effects (1)."
    )


class Theme(Strict):
    """A priority theme (painopisteteema) where effort goes."""

    id: Id
    name: Text
    description: Text = ""
    effects: dict[str, FiniteFloat] = Field(description="Indicator id -> weight.")


class Actor(Strict):
    """A ministry, region or partner with effort points each turn."""

    id: Id
    kind: Literal["ministry", "region", "partner"]
    name: Text
    short: Text = ""
    budget: Annotated[float, Field(gt=0, le=1e5, allow_inf_nan=False)]
    competence: dict[str, NonNeg] = Field(
        default_factory=dict, description="Theme id -> multiplier (default 1)."
    )
    reach: dict[str, NonNeg] = Field(
        default_factory=dict,
        description="Region type id -> weight; empty means an even reach over all types.",
    )
    bot: bool = Field(
        False,
        description="True when no team is meant to control the actor: a bot plays it "
        "(this silences the 'in no team' warning).",
    )


class Mandate(Strict):
    """What a team is asked to achieve: weights over indicators and region types."""

    description: Text = ""
    indicators: dict[str, NonNeg] = Field(default_factory=dict)
    region_types: dict[str, NonNeg] = Field(default_factory=dict)


Policy = Literal["balanced", "mandate", "vision", "cooperative", "solo", "random"]


class Team(Strict):
    """A team of players controlling some actors."""

    id: Id
    name: Text
    actors: list[str] = Field(min_length=1, max_length=1000)
    mandate: Mandate = Field(default_factory=Mandate)
    policy: Policy = Field("mandate", description="Bot policy when no person plays the team.")


class Edge(Strict):
    """A trust edge of the actor network."""

    a: str
    b: str
    trust: Unit = 0.5


class Driver(Strict):
    """A change driver (muutosajuri): intensity over years, effect per indicator and type."""

    id: Id
    name: Text
    description: Text = ""
    intensity: dict[Year, Annotated[float, Field(ge=-10, le=10, allow_inf_nan=False)]]
    effects: dict[str, dict[str, FiniteFloat]] = Field(
        description="Indicator id -> region type id -> index points per turn at intensity 1."
    )


class Effect(Strict):
    """One effect of an event, option or programme. Set exactly one of the targets."""

    indicator: str | None = None
    region_types: list[str] | None = Field(None, description="Default: every region type.")
    delta: FiniteFloat = 0.0
    budget: FiniteFloat | None = Field(None, description="Change of budget per turn, points.")
    actors: list[str] | None = None
    kinds: list[Literal["ministry", "region", "partner"]] | None = None
    trust: FiniteFloat | None = Field(None, description="Change of trust on affected edges.")
    driver: str | None = None
    scale: NonNeg | None = Field(None, description="Multiplier of a driver for the rest.")


class When(Strict):
    """When an event may be drawn."""

    from_year: Year | None = Field(None, alias="from")
    to_year: Year | None = Field(None, alias="to")
    years: list[Year] | None = Field(None, description="Exactly these years (e.g. elections).")
    probability: Unit = 1.0
    condition: str | None = Field(None, description="Expression in the condition language.")
    once: bool = True
    cooldown: Annotated[int, Field(ge=0, le=100)] = 0

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Option(Strict):
    """An option of a dilemma."""

    id: Id
    label: Text
    text: Text = ""
    effects: list[Effect] = Field(default_factory=list)


class Event(Strict):
    """A scenario event card; with options it is a dilemma the teams vote on."""

    id: Id
    title: Text
    text: Text = ""
    kind: Literal["news", "dilemma", "election", "shock"] = "news"
    when: When = Field(default_factory=When)
    effects: list[Effect] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list, max_length=6)


class Requires(Strict):
    """Who must co-fund a package."""

    kinds: list[Literal["ministry", "region", "partner"]] = Field(default_factory=list)
    min_teams: Annotated[int, Field(ge=1, le=8)] = 1


class Package(Strict):
    """An action package (toimenpidekokonaisuus) that happens only if teams co-fund it."""

    id: Id
    title: Text
    text: Text = ""
    themes: list[str] = Field(min_length=1)
    cost: Annotated[float, Field(gt=0, le=1e5, allow_inf_nan=False)] = Field(
        description="Effort points per turn while it runs."
    )
    requires: Requires = Field(default_factory=Requires)
    duration: Annotated[int, Field(ge=1, le=20)] = 2
    leverage: NonNeg = Field(1.5, description="Impact per point, relative to an actor's effort.")
    reach: dict[str, NonNeg] = Field(
        default_factory=dict, description="Region type id -> weight (default even)."
    )
    effects: list[Effect] = Field(
        default_factory=list, description="Direct effects each turn it runs."
    )


class Vision(Strict):
    """The shared vision 2040: targets, weights and the equity weight."""

    description: Text = ""
    targets: dict[str, float | dict[str, float]] = Field(
        description="Indicator id -> target, or region type id -> target."
    )
    weights: dict[str, NonNeg] = Field(default_factory=dict)
    equity_weight: Unit = 0.3


class Programme(Strict):
    """A government programme an election may bring."""

    id: Id
    title: Text
    text: Text = ""
    weight: NonNeg = 1.0
    budget: dict[str, FiniteFloat] = Field(
        default_factory=dict, description="Actor id -> change of budget per turn."
    )
    mandates: dict[str, dict[str, FiniteFloat]] = Field(
        default_factory=dict, description="Team id -> indicator id -> change of mandate weight."
    )


class Elections(Strict):
    """Government terms end in elections; a programme is drawn by weight."""

    years: list[Year] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)


class GlossaryEntry(Strict):
    """A term of the field."""

    term: Text
    definition: Text


class ScenarioFile(Strict):
    """A whole scenario file (after `extends:` is merged)."""

    schema_version: Literal[1] = 1
    extends: str | None = None
    meta: Meta
    region_types: list[RegionType] = Field(min_length=1, max_length=50)
    indicators: list[Indicator] = Field(min_length=1, max_length=50)
    themes: list[Theme] = Field(min_length=1, max_length=50)
    actors: list[Actor] = Field(min_length=1, max_length=5000)
    teams: list[Team] = Field(min_length=1, max_length=8)
    network: list[Edge] = Field(default_factory=list, max_length=200_000)
    drivers: list[Driver] = Field(default_factory=list, max_length=50)
    events: list[Event] = Field(default_factory=list, max_length=500)
    packages: list[Package] = Field(default_factory=list, max_length=200)
    elections: Elections = Field(default_factory=Elections)
    vision: Vision
    glossary: list[GlossaryEntry] = Field(default_factory=list, max_length=500)
