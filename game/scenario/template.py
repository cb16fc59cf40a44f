"""Starting scenarios for `suunta new FILE [--from SCENARIO]`, so nobody starts blank.

Without `--from`: a small, complete, commented scenario (fi/en) about Finnish regional
development that validates with no warning. With `--from`: a file that `extends:` the
given scenario, with commented examples of overrides using that scenario's real ids, so
uncommenting an example gives a file that still validates.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from game.scenario.loader import SCENARIO_DIR, resolve
from game.scenario.problems import Problem, ScenarioError

SCHEMA_FILE = "suunta.schema.json"
# the first line: editors with the YAML language server (VS Code's YAML extension) read
# the format from the schema `suunta new` writes beside the file
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"

STANDALONE = """\
# =============================================================================
# __TITLE_EN__ — a Suunta 2040 scenario (scenario id: __ID__)
#
# A small, complete starting scenario: three region types, three indicators,
# three themes, seven actors in two teams, two change drivers, three events,
# one action package, elections and a vision. Change anything; then check with
#
#     suunta validate __FILE__
#     suunta simulate __FILE__ --runs 200
#
# The guide to every field is docs/scenario-authoring.md. Text fields take a
# plain string or {fi: …, en: …, sv: …}. Ids use lowercase letters, digits
# and '-'. The numbers here are illustrative, not statistics.
# =============================================================================

schema_version: 1

meta:
  id: __ID__
  title: {fi: "__TITLE_FI__", en: "__TITLE_EN__"}
  description:
    fi: >-
      Harjoitusskenaario: kasvukeskukset, maakuntakeskukset ja maaseutu
      vuosina 2022–2034. Väestö ikääntyy ja keskittyy, ja ministeriöiden
      ja maakuntien on sovitettava panoksensa yhteen.
    en: >-
      A practice scenario: growth centres, regional centres and rural areas
      from 2022 to 2034. The population ages and concentrates, and ministries
      and regions must fit their efforts together.
  start_year: 2022
  end_year: 2034          # the game ends, and the vision is judged, as 2034 begins;
  turn_years: 3           # 4 turns: 2022–2024, 2025–2027, 2028–2030, 2031–2033
  seed: 2040              # the same seed replays the same events
  # constants: {sigma: 0.3, kappa: 30}   # model constants; see the guide

# Region types (aluetyypit): the unit of outcomes. population is for display.
region_types:
  - id: growth-centres
    name: {fi: Kasvukeskukset, en: Growth centres}
    population: 2700
  - id: regional-centres
    name: {fi: Maakuntakeskukset, en: Regional centres}
    population: 1500
  - id: rural
    name: {fi: Maaseutu, en: Rural areas}
    population: 1300

# Indicators: an index 0–100 per region type; baseline gives every region type.
indicators:
  - id: employment
    name: {fi: Työllisyys, en: Employment}
    baseline: {growth-centres: 74, regional-centres: 66, rural: 60}
  - id: competence
    name: {fi: Osaaminen, en: Competence}
    baseline: {growth-centres: 72, regional-centres: 60, rural: 50}
  - id: accessibility
    name: {fi: Saavutettavuus, en: Accessibility}
    baseline: {growth-centres: 80, regional-centres: 64, rural: 45}
    # sensitivity: {rural: 1.2}   # policy effects on this indicator ×1.2 in rural areas

# Priority themes (painopisteteemat): where effort goes. effects: indicator -> weight.
themes:
  - id: vitality
    name: {fi: Elinvoima ja investoinnit, en: Vitality and investments}
    effects: {employment: 0.8, competence: 0.1}
  - id: education
    name: {fi: Osaaminen ja sivistys, en: Competence and education}
    effects: {competence: 0.9, employment: 0.2}
  - id: connections
    name: {fi: Saavutettavuus, en: Accessibility}
    effects: {accessibility: 0.9, employment: 0.1}

# Actors: kind ministry | region | partner; budget = effort points per turn;
# competence: theme -> multiplier (default 1); reach: region type -> weight
# (leave out for an even reach over Finland).
actors:
  - id: tem
    kind: ministry
    name: {fi: Työ- ja elinkeinoministeriö, en: Ministry of Economic Affairs and Employment}
    short: TEM
    budget: 10
    competence: {vitality: 1.3}
  - id: okm
    kind: ministry
    name: {fi: Opetus- ja kulttuuriministeriö, en: Ministry of Education and Culture}
    short: OKM
    budget: 8
    competence: {education: 1.4}
  - id: lvm
    kind: ministry
    name: {fi: Liikenne- ja viestintäministeriö, en: Ministry of Transport and Communications}
    short: LVM
    budget: 8
    competence: {connections: 1.4}
  - id: pirkanmaa
    kind: region
    name: {fi: Pirkanmaan liitto, en: Regional Council of Pirkanmaa}
    budget: 5
    reach: {growth-centres: 2, regional-centres: 1, rural: 1}
  - id: pohjois-karjala
    kind: region
    name: {fi: Pohjois-Karjalan maakuntaliitto, en: Regional Council of North Karelia}
    budget: 5
    reach: {regional-centres: 1, rural: 2}
  - id: universities
    kind: partner
    name:
      fi: Yliopistot ja ammattikorkeakoulut
      en: Universities and universities of applied sciences
    budget: 6
    competence: {education: 1.3}
    reach: {growth-centres: 2, regional-centres: 1}
  - id: sitra
    kind: partner
    name: {fi: Sitra, en: "Sitra, the Finnish Innovation Fund"}   # quote text with a comma
    budget: 3
    bot: true             # no team plays Sitra: a bot does (and no warning says so)

# Teams of players. Each actor belongs to at most one team. mandate: the team's
# own goal (weights over indicators and region types). policy: how a bot plays
# the team when no person does (balanced, mandate, vision, cooperative, solo, random).
teams:
  - id: growth
    name: {fi: Kasvu ja osaaminen, en: Growth and competence}
    actors: [tem, pirkanmaa, universities]
    mandate: {indicators: {employment: 1, competence: 1}, region_types: {growth-centres: 1}}
    policy: cooperative
  - id: regions
    name: {fi: Alueiden tasapaino, en: Balanced regions}
    actors: [okm, lvm, pohjois-karjala]
    mandate:
      indicators: {accessibility: 1, competence: 1}
      region_types: {rural: 2, regional-centres: 1}
    policy: cooperative

# The actor network: trust 0..1 between actors. Joint work builds it.
network:
  - {a: tem, b: okm, trust: 0.6}
  - {a: tem, b: pirkanmaa, trust: 0.5}
  - {a: okm, b: universities, trust: 0.7}
  - {a: lvm, b: pohjois-karjala, trust: 0.4}
  - {a: sitra, b: tem, trust: 0.5}

# Change drivers (muutosajurit): intensity by year (straight lines between the
# years given) × effects: indicator -> region type -> index points per turn.
drivers:
  - id: ageing
    name: {fi: Väestön ikääntyminen, en: Population ageing}
    intensity: {2022: 1.0, 2034: 1.4}
    effects:
      employment: {growth-centres: -0.2, regional-centres: -0.8, rural: -1.5}
  - id: urbanisation
    name: {fi: Kaupungistuminen, en: Urbanisation}
    intensity: {2022: 1.0, 2034: 1.2}
    effects:
      competence: {growth-centres: 0.6, rural: -0.8}
      accessibility: {rural: -0.6}

# Events: cards drawn by window (from/to or years), probability and condition.
# An effect sets exactly one of indicator (with delta), budget, trust or driver
# (with scale). A dilemma has options the teams vote on.
events:
  - id: factory-closure
    title: {fi: Tehdas sulkee ovensa, en: A factory closes}
    text:
      fi: Paikkakunnan suurin työnantaja lopettaa. Työpaikat vähenevät maaseudulla.
      en: The largest employer in the area shuts down. Rural jobs are lost.
    kind: shock
    when:
      from: 2025
      probability: 0.5
      condition: "indicator('employment', 'rural') < 62"   # the condition language: see the guide
    effects:
      - {indicator: employment, region_types: [rural], delta: -3}
      - {trust: -0.05, actors: [pohjois-karjala]}
  - id: campus-decision
    title: {fi: "Kampus maakuntaan?", en: "A campus for the region?"}
    kind: dilemma
    when: {years: [2025]}
    options:
      - id: spread
        label: {fi: Hajautetaan, en: Spread it out}
        effects: [{indicator: competence, region_types: [rural, regional-centres], delta: 2}]
      - id: concentrate
        label: {fi: Keskitetään, en: Concentrate}
        effects:
          - {indicator: competence, region_types: [growth-centres], delta: 3}
          - {budget: 1, actors: [okm]}
  - id: remote-work
    title: {fi: Etätyön aalto, en: A wave of remote work}
    kind: news
    when: {from: 2025, probability: 0.4, once: false, cooldown: 1}   # may return after a turn
    effects:
      - {indicator: employment, region_types: [rural], delta: 1}
      - {driver: urbanisation, scale: 0.9}

# Action packages (toimenpidekokonaisuudet): run only if teams co-fund them.
packages:
  - id: skills-for-jobs
    title: {fi: Osaamisesta työtä, en: Skills into jobs}
    themes: [vitality, education]
    cost: 8                        # points per turn, shared by the funders
    duration: 2                    # turns it runs
    requires: {kinds: [ministry, region], min_teams: 2}
    reach: {rural: 2, regional-centres: 1}

# Government terms end in elections; a programme is drawn by weight.
elections:
  years: [2023, 2027, 2031]
  programmes:
    - id: growth-first
      title: {fi: Kasvuohjelma, en: Growth programme}
      budget: {tem: 2, okm: -1}
      mandates: {growth: {employment: 0.5}}
    - id: regions-first
      title: {fi: Alueohjelma, en: Regions programme}
      budget: {lvm: 1}

# The shared vision for 2034 (end_year): a target per indicator (or per region
# type), weights, and how much the gap between the best and worst region type
# counts. An indicator or region type without a target is asked to hold its
# baseline; see "How the vision scores" in the guide.
vision:
  targets:
    employment: 72
    competence: {growth-centres: 75, regional-centres: 66, rural: 58}
    accessibility: 70
  weights: {employment: 1, competence: 1, accessibility: 1}
  equity_weight: 0.3

glossary:
  - term: {fi: Aluekehittämispäätös, en: Regional development decision}
    definition:
      fi: Valtioneuvoston päätös aluekehittämisen painopisteistä hallituskaudeksi.
      en: The Government's decision on regional development priorities for its term.
  - term: {fi: Toimenpidekokonaisuus, en: Action package}
    definition:
      fi: Usean toimijan yhdessä rahoittama joukko toimenpiteitä.
      en: A set of measures several actors fund together.
"""

EXTENDING = """\
# =============================================================================
# __TITLE_EN__ (scenario id: __ID__)
#
# This file builds on '__PARENT_ID__' and gives only what differs. How it merges:
#   - entries of region_types, indicators, themes, actors, teams, drivers,
#     events, packages and elections.programmes are matched by id: an entry with
#     a known id changes only the keys it gives; `remove: true` deletes it; a
#     new id adds an entry (then give every required key);
#   - maps (meta, vision, when:, baseline:, effects: …) merge key by key;
#   - lists and texts are replaced whole, and so is a driver's intensity.
# Uncomment an example below to use it, then check with
#
#     suunta validate __FILE__
#     suunta simulate __FILE__ --runs 200
#     suunta simulate __PARENT__ --runs 200     (to compare)
#
# The guide is docs/scenario-authoring.md.
# =============================================================================

extends: __EXTENDS__

meta:
  id: __ID__
  title: {fi: "__TITLE_FI__", en: "__TITLE_EN__"}
  description:
    fi: "Muunnelma skenaariosta __PARENT_ID__."
    en: "A variant of the scenario __PARENT_ID__."
  # constants: {sigma: 0.4}          # a model constant, the others stay

# drivers:
#   - id: __DRIVER__
#     intensity: {__START__: 1.0, __END__: 1.8}     # a stronger trend: a new line
#     effects: {__INDICATOR__: {__REGION__: -1.5}}  # one effect changed, the rest kept

# events:
#   - id: __EVENT__
#     when: {probability: 0.2}       # only the probability changes
#   - id: __EVENT2__
#     remove: true                   # this card leaves the deck
#   - id: new-card                   # a new card: give every required key
#     title: {fi: Uusi tapahtuma, en: A new event}
#     kind: news
#     when: {from: __MID__, probability: 0.3}
#     effects:
#       - {indicator: __INDICATOR__, region_types: [__REGION__], delta: 2}

# packages:
#   - id: __PACKAGE__
#     cost: 10                       # dearer, everything else as in __PARENT_ID__

# vision:
#   equity_weight: 0.4               # equity counts more
"""


def slug(text: str) -> str:
    """An id from a file name: 'Itä-Suomi 2040' -> 'ita-suomi-2040'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64].strip("-")
    return out or "my-scenario"


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"__{key}__", value)
    return template


def standalone(path: Path) -> str:
    """The text of a complete starting scenario for `path`."""
    sid = slug(path.stem)
    return MODELINE + _fill(
        STANDALONE,
        {
            "ID": sid,
            "FILE": str(path),
            "TITLE_FI": f"Oma skenaario {sid}",
            "TITLE_EN": f"My scenario {sid}",
        },
    )


def extending(path: Path, parent_ref: str) -> str:
    """The text of a scenario that extends `parent_ref`, with commented overrides.

    Raises:
        ScenarioError: when the parent does not exist, does not validate, or is a file
            outside the new file's folder.
    """
    from game.scenario.loader import load

    parent_path = resolve(parent_ref)
    parent = load(parent_path).file
    if parent_path.resolve().parent == SCENARIO_DIR and not Path(parent_ref).is_file():
        ref = parent_path.stem
    elif parent_path.resolve().is_relative_to(path.resolve().parent):
        # a path, written relative to the new file so the pair can move together
        ref = os.path.relpath(parent_path.resolve(), path.resolve().parent)
    else:  # extends: may not reach out of its folder (see loader._may_extend)
        raise ScenarioError(
            [
                Problem(
                    str(parent_ref),
                    1,
                    1,
                    "error",
                    f"a scenario can extend only a bundled scenario or a file in its own "
                    f"folder: copy {parent_path.name} next to {path.name} first",
                )
            ]
        )
    sid = slug(path.stem)
    if sid == parent.meta.id:
        sid = f"{sid}-variant"[:64]
    m = parent.meta

    def first(items: list[Any], n: int = 0, default: str = "example") -> str:
        return items[min(n, len(items) - 1)].id if items else default

    mid = m.start_year + ((m.end_year - m.start_year) // m.turn_years // 2) * m.turn_years
    return MODELINE + _fill(
        EXTENDING,
        {
            "ID": sid,
            "FILE": str(path),
            "EXTENDS": ref,
            "PARENT": ref if ref == parent_path.stem else _as_given(parent_path),
            "PARENT_ID": m.id,
            "TITLE_FI": f"{sid}: muunnelma",
            "TITLE_EN": f"{sid}: a variant",
            "DRIVER": first(parent.drivers),
            "EVENT": first(parent.events),
            "EVENT2": first(parent.events, 1),
            "PACKAGE": first(parent.packages),
            "INDICATOR": first(parent.indicators),
            "REGION": first(parent.region_types),
            "START": str(m.start_year),
            "END": str(m.end_year),
            "MID": str(mid),
        },
    )


def _as_given(path: Path) -> str:
    """A path as a command typed here would name it."""
    try:
        return os.path.relpath(path.resolve())
    except ValueError:  # another drive
        return str(path)


def write_schema(folder: Path) -> Path | None:
    """Write (or bring up to date) the JSON Schema editors read, `suunta.schema.json`, in
    `folder`; the path when written, None when it is up to date or a file of that name is
    something else (it is never overwritten then).
    """
    from game.scenario.json_schema import TITLE, json_schema

    target = folder / SCHEMA_FILE
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        if target.exists():
            old = target.read_text(encoding="utf-8")
            if old == text or json.loads(old).get("title") != TITLE:
                return None
        target.write_text(text, encoding="utf-8")
    except (OSError, ValueError, AttributeError):
        return None
    return target
