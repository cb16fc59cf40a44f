"""The scenario file format as pydantic models: types, defaults and field documentation.

This is the single source of the format: the loader validates against it, `suunta schema`
prints its JSON Schema, and docs/scenario-authoring.md describes the same fields.
Cross-references and semantic checks live in `game.scenario.checks`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from game.scenario import limits

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
Kind = Literal["ministry", "region", "partner"]
Short = Annotated[
    Text,
    Field(
        description="A short name (a string or {fi: …, en: …, sv: …}) used where space is "
        "tight: tables, cards, the network; the name is used when it is left out."
    ),
]


class Strict(BaseModel):
    """Base: unknown keys are errors (a typo must not pass silently); objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Constants(Strict):
    """Model constants of docs/design.md; defaults are the tuned values in docs/model.md."""

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
    title: Text = Field(description="The scenario's title on the title screen and the report.")
    description: Text = Field("", description="What the scenario is about, for the title screen.")
    sources: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Where the numbers and the story come from (free text, one per entry).",
    )
    start_year: Year = Field(2022, description="The year the first turn starts.")
    end_year: Year = Field(
        2040,
        description="The year the game ends and the vision is judged: the last turn ends the "
        "year before. (end_year − start_year) must split into whole turns.",
    )
    turn_years: Annotated[int, Field(ge=1, le=20)] = Field(
        3, description="Years in a turn: the turns start at start_year, start_year + turn_years, …"
    )
    seed: Annotated[int, Field(ge=0, lt=2**63)] = Field(
        2040, description="The seed of chance: the same seed replays the same events."
    )
    constants: Constants = Field(
        default_factory=Constants,
        description="Model constants; give only those you change (docs/model.md).",
    )


class RegionType(Strict):
    """A region type (aluetyyppi), the unit of outcomes."""

    id: Id
    name: Text = Field(description="The region type's name.")
    short: Short = ""
    description: Text = Field("", description="What the region type covers.")
    population: NonNeg | None = Field(None, description="Population in thousands (display).")


class Indicator(Strict):
    """An index 0..100 per region type."""

    id: Id
    name: Text = Field(description="The indicator's name.")
    short: Short = ""
    unit: Text = Field("0–100", description="The unit shown beside values (display only).")
    description: Text = Field("", description="What the indicator measures.")
    baseline: dict[str, Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]] = Field(
        description="Region type id -> the value at the start, 0..100; every region type."
    )
    sensitivity: dict[str, NonNeg] = Field(
        default_factory=dict, description="Per region type multiplier of policy effects (1)."
    )


class Theme(Strict):
    """A priority theme (painopisteteema) where effort goes."""

    id: Id
    name: Text = Field(description="The theme's name.")
    short: Short = ""
    description: Text = Field("", description="What effort on the theme does.")
    effects: dict[str, FiniteFloat] = Field(description="Indicator id -> weight.")


class Actor(Strict):
    """A ministry, region or partner with effort points each turn."""

    id: Id
    kind: Kind = Field(description="ministry, region or partner.")
    name: Text = Field(description="The actor's full name.")
    short: Short = ""
    budget: Annotated[float, Field(gt=0, le=1e5, allow_inf_nan=False)] = Field(
        description="Effort points each turn (more than 0)."
    )
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

    description: Text = Field("", description="The team's goal in words, for its card.")
    indicators: dict[str, NonNeg] = Field(
        default_factory=dict, description="Indicator id -> weight in the team's mandate score."
    )
    region_types: dict[str, NonNeg] = Field(
        default_factory=dict,
        description="Region type id -> weight in the team's mandate score (default: even).",
    )


Policy = Literal["balanced", "mandate", "vision", "cooperative", "solo", "random"]


class Team(Strict):
    """A team of players controlling some actors."""

    id: Id
    name: Text = Field(description="The team's name.")
    short: Short = ""
    actors: list[str] = Field(
        min_length=1,
        max_length=1000,
        description="Actor ids the team plays; each actor in at most one team.",
    )
    mandate: Mandate = Field(
        default_factory=Mandate, description="What the team is asked to achieve."
    )
    policy: Policy = Field(
        "mandate",
        description="How a bot plays the team when no person does: balanced, mandate, vision, "
        "cooperative, solo or random.",
    )


class Edge(Strict):
    """A trust edge of the actor network."""

    a: str = Field(description="An actor id.")
    b: str = Field(description="Another actor id.")
    trust: Unit = Field(0.5, description="Trust between the two, 0..1.")


class Driver(Strict):
    """A change driver (muutosajuri): intensity over years, effect per indicator and type."""

    id: Id
    name: Text = Field(description="The driver's name.")
    short: Short = ""
    description: Text = Field("", description="What the trend is and where it comes from.")
    intensity: dict[Year, Annotated[float, Field(ge=-10, le=10, allow_inf_nan=False)]] = Field(
        description="Year -> intensity (−10..10): a line through these points, flat beyond them."
    )
    effects: dict[str, dict[str, FiniteFloat]] = Field(
        description="Indicator id -> region type id -> index points per turn at intensity 1."
    )


class Effect(Strict):
    """One effect of an event, option or programme. Set exactly one of the targets."""

    indicator: str | None = Field(
        None, description="Target: an indicator id, moved by delta in region_types."
    )
    region_types: list[str] | None = Field(
        None, description="Region type ids an indicator effect hits (default: every one)."
    )
    delta: FiniteFloat = Field(0.0, description="Index points an indicator effect adds, once.")
    budget: FiniteFloat | None = Field(
        None, description="Target: change of budget per turn, points, for the rest of the game."
    )
    actors: list[str] | None = Field(
        None, description="Actor ids a budget or trust effect hits (with kinds: both must match)."
    )
    kinds: list[Kind] | None = Field(
        None, description="Kinds of actor a budget or trust effect hits (default: all)."
    )
    trust: FiniteFloat | None = Field(
        None, description="Target: change of trust on the edges of the actors hit."
    )
    driver: str | None = Field(
        None, description="Target: a driver id, multiplied by scale for the rest of the game."
    )
    scale: NonNeg | None = Field(None, description="Multiplier of a driver for the rest.")
    theme: str | None = Field(
        None,
        description="Target: a theme id whose effort does boost times as much in "
        "region_types (default: every one), in the turn the card fires only.",
    )
    boost: NonNeg | None = Field(
        None, description="Multiplier of a theme's effect in the turn the card fires."
    )


class When(Strict):
    """When an event may be drawn."""

    from_year: Year | None = Field(
        None, alias="from", description="Turns that reach this year or later (default: all)."
    )
    to_year: Year | None = Field(
        None, alias="to", description="Turns that begin by this year (default: all)."
    )
    years: list[Year] | None = Field(
        None, description="Exactly the turns holding these years, instead of from/to."
    )
    probability: Unit = Field(1.0, description="Chance, 0..1, each turn the card is allowed.")
    condition: str | None = Field(None, description="Expression in the condition language.")
    once: bool = Field(True, description="true: the card fires at most once.")
    cooldown: Annotated[int, Field(ge=0, le=100)] = Field(
        0, description="With once: false, quiet turns before the card may return."
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Option(Strict):
    """An option of a dilemma."""

    id: Id
    label: Text = Field(description="The option in a few words, on the voting buttons.")
    text: Text = Field("", description="What the option means.")
    effects: list[Effect] = Field(
        default_factory=list, description="What happens if the teams choose it."
    )


class Event(Strict):
    """A scenario event card; with options it is a dilemma the teams vote on."""

    id: Id
    title: Text = Field(description="The card's title.")
    text: Text = Field("", description="The card's text.")
    kind: Literal["news", "dilemma", "election", "shock"] = Field(
        "news", description="news, shock, election, or dilemma (with options to vote on)."
    )
    when: When = Field(default_factory=When, description="When the card may be drawn.")
    effects: list[Effect] = Field(
        default_factory=list, description="What the card does when it fires."
    )
    options: list[Option] = Field(
        default_factory=list, max_length=6, description="A dilemma's options (2 to 6)."
    )


class Requires(Strict):
    """Who must co-fund a package."""

    kinds: list[Kind] = Field(
        default_factory=list, description="Kinds of actor that must be among the funders."
    )
    min_teams: Annotated[int, Field(ge=1, le=8)] = Field(
        1, description="At least this many teams must pledge."
    )


class Package(Strict):
    """An action package (toimenpidekokonaisuus) that happens only if teams co-fund it."""

    id: Id
    title: Text = Field(description="The package's title.")
    short: Short = ""
    text: Text = Field("", description="What the package does.")
    themes: list[str] = Field(
        min_length=1, description="Theme ids the package's effort goes to (at least one)."
    )
    cost: Annotated[float, Field(gt=0, le=1e5, allow_inf_nan=False)] = Field(
        description="Effort points per turn while it runs."
    )
    requires: Requires = Field(default_factory=Requires, description="Who must co-fund it.")
    duration: Annotated[int, Field(ge=1, le=20)] = Field(2, description="Turns it runs.")
    leverage: NonNeg = Field(1.5, description="Impact per point, relative to an actor's effort.")
    reach: dict[str, NonNeg] = Field(
        default_factory=dict, description="Region type id -> weight (default even)."
    )
    effects: list[Effect] = Field(
        default_factory=list, description="Direct effects each turn it runs."
    )


class Vision(Strict):
    """The shared vision 2040: targets, weights and the equity weight."""

    description: Text = Field("", description="The vision in words.")
    targets: dict[str, float | dict[str, float]] = Field(
        description="Indicator id -> its target at end_year (0..100), or a map of region type "
        "id -> target. An indicator or region type without a target is asked to hold its "
        "baseline."
    )
    weights: dict[str, NonNeg] = Field(
        default_factory=dict,
        description="Indicator id -> weight in the vision score (default: all equal); when "
        "given, an indicator left out weighs 0.",
    )
    equity_weight: Unit = Field(
        0.3,
        description="Share of the shared score that is equity (how close the region types are); "
        "the rest is the vision.",
    )
    formed_by: Literal["scenario", "room"] = Field(
        "scenario",
        description="Who sets the vision's weights and targets: the scenario (the room signs "
        "it as written) or the room (each team proposes weights and target shifts in the first "
        "turn's deliberation; the shared vision is their median and the game is scored "
        "against it, and against the scenario's vision beside it).",
    )
    target_shift: Annotated[float, Field(ge=0, le=50)] = Field(
        10.0,
        description="With formed_by: room, how many index points a team may move a region "
        "type's target up or down.",
    )
    rate_drivers: bool = Field(
        False,
        description="In the first briefing each team rates how strongly each change driver "
        "will hit each region type (1-5); the reflection and the debrief show the ratings "
        "beside the scenario's driver intensities.",
    )


class Programme(Strict):
    """A government programme an election may bring."""

    id: Id
    title: Text = Field(description="The programme's title.")
    text: Text = Field("", description="What the government sets out to do.")
    weight: NonNeg = Field(1.0, description="Chance of being drawn, relative to the others.")
    budget: dict[str, FiniteFloat] = Field(
        default_factory=dict, description="Actor id -> change of budget per turn."
    )
    mandates: dict[str, dict[str, FiniteFloat]] = Field(
        default_factory=dict, description="Team id -> indicator id -> change of mandate weight."
    )


class Elections(Strict):
    """Government terms end in elections; a programme is drawn by weight."""

    years: list[Year] = Field(
        default_factory=list, description="Election years; the turn holding one has an election."
    )
    programmes: list[Programme] = Field(
        default_factory=list, description="Government programmes an election draws from."
    )


class GlossaryEntry(Strict):
    """A term of the field."""

    term: Text = Field(description="The term.")
    definition: Text = Field(description="What it means.")


class ScenarioFile(Strict):
    """A whole scenario file (after `extends:` is merged)."""

    schema_version: Literal[1] = Field(1, description="The version of the format: 1.")
    extends: str | None = Field(
        None, description="The scenario this one builds on (a bundled id or a path)."
    )
    meta: Meta = Field(description="Id, title, years, seed and model constants.")
    region_types: list[RegionType] = Field(
        min_length=1,
        max_length=limits.MAX_REGION_TYPES,
        description="The region types, the unit of outcomes.",
    )
    indicators: list[Indicator] = Field(
        min_length=1,
        max_length=limits.MAX_INDICATORS,
        description="Indices 0..100 per region type.",
    )
    themes: list[Theme] = Field(
        min_length=1,
        max_length=limits.MAX_THEMES,
        description="Priority themes, where effort goes.",
    )
    actors: list[Actor] = Field(
        min_length=1, max_length=limits.MAX_ACTORS, description="Ministries, regions and partners."
    )
    teams: list[Team] = Field(
        min_length=1,
        max_length=limits.MAX_TEAMS,
        description="Teams of players and the actors they play.",
    )
    network: list[Edge] = Field(
        default_factory=list, max_length=limits.MAX_EDGES, description="Trust between actors."
    )
    drivers: list[Driver] = Field(
        default_factory=list,
        max_length=limits.MAX_DRIVERS,
        description="Change drivers: trends over years.",
    )
    events: list[Event] = Field(
        default_factory=list, max_length=limits.MAX_EVENTS, description="Event cards and dilemmas."
    )
    packages: list[Package] = Field(
        default_factory=list,
        max_length=limits.MAX_PACKAGES,
        description="Action packages teams co-fund.",
    )
    elections: Elections = Field(
        default_factory=Elections, description="Election years and government programmes."
    )
    vision: Vision = Field(description="The shared vision the shared score measures.")
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        max_length=limits.MAX_GLOSSARY,
        description="Terms of the field, for the glossary.",
    )
