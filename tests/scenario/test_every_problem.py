"""Every problem of a file in one run (issue 15): a scenario a regional council might
write, with ten mistakes of ten kinds — YAML syntax, commas, types, references, a
condition, a duplicate, the vision — reported all at once, in file order, each at its
line and column; YAML syntax in plain words; paths by id."""

import re

import pytest

from game.cli import main
from game.scenario.conditions import ConditionError, parse_condition
from game.scenario.loader import check

# a facilitator's scenario for North Savo, 2025–2037, that validates with no warning
SAVO = """\
# North Savo 2025–2037: a regional council's scenario
schema_version: 1
meta:
  id: pohjois-savo
  title: {fi: Pohjois-Savo 2037, en: North Savo 2037}
  start_year: 2025
  end_year: 2037
  turn_years: 3
region_types:
  - id: kuopio-region
    name: {fi: Kuopion seutu, en: Kuopio region}
  - id: towns
    name: {fi: Seutukaupungit, en: Regional towns}
  - id: rural
    name: {fi: Maaseutu, en: Rural Savo}
indicators:
  - id: employment
    name: {fi: Työllisyys, en: Employment}
    baseline: {kuopio-region: 72, towns: 64, rural: 58}
  - id: services
    name: {fi: Palvelut, en: Services}
    baseline: {kuopio-region: 75, towns: 60, rural: 50}
themes:
  - id: industry
    name: {fi: Elinkeinot, en: Industry}
    effects: {employment: 0.9}
  - id: welfare
    name: {fi: Hyvinvointi, en: Welfare}
    effects: {services: 0.9, employment: 0.1}
actors:
  - id: tem
    kind: ministry
    name: {fi: Työ- ja elinkeinoministeriö, en: Ministry of Employment}
    budget: 10
  - id: stm
    kind: ministry
    name: {fi: Sosiaali- ja terveysministeriö, en: Ministry of Social Affairs}
    budget: 9
  - id: council
    kind: region
    name: {fi: Pohjois-Savon liitto, en: Regional Council of North Savo}
    budget: 6
  - id: uef
    kind: partner
    name: {fi: Itä-Suomen yliopisto, en: University of Eastern Finland}
    budget: 5
teams:
  - id: state
    name: {fi: Valtio, en: The state}
    actors: [tem, stm]
  - id: region
    name: {fi: Alue, en: The region}
    actors: [council, uef]
network:
  - {a: tem, b: council, trust: 0.5}
  - {a: stm, b: uef, trust: 0.4}
drivers:
  - id: ageing
    name: {fi: Ikääntyminen, en: Ageing}
    intensity: {2025: 1.0, 2037: 1.3}
    effects: {services: {rural: -1.5, towns: -0.8}}
events:
  - id: mill-closure
    kind: dilemma
    title: {fi: Saha sulkee, en: A sawmill closes}
    when: {from: 2028, probability: 0.6, condition: "indicator('employment', 'rural') < 60"}
    options:
      - id: retrain
        label: {fi: Uudelleenkoulutus, en: Retraining}
        effects: [{indicator: employment, region_types: [rural], delta: 1}]
      - id: subsidise
        label: {fi: Tuki, en: Subsidy}
        effects: [{budget: -1, actors: [council]}]
  - id: hospital-merger
    kind: news
    title: {fi: Sairaaloiden yhdistäminen, en: Hospitals merge}
    when: {years: [2031]}
    effects:
      - {indicator: services, region_types: [towns], delta: -2}
packages:
  - id: bioeconomy
    title: {fi: Biotalousohjelma, en: Bioeconomy programme}
    themes: [industry]
    cost: 8
    requires: {kinds: [ministry, region], min_teams: 2}
vision:
  targets:
    employment: 70
    services: {kuopio-region: 78, towns: 66, rural: 58}
  weights: {employment: 1, services: 1}
"""

# (what the facilitator wrote instead, line, col, words of the problem), in file order
MISTAKES = [
    (  # 1. a quote never closed
        ("  title: {fi: Pohjois-Savo 2037,", '  title: {fi: "Pohjois-Savo 2037,'),
        5,
        15,
        'the quote " that opens the text on line 5 is never closed',
    ),
    (  # 2. a comma in an unquoted text inside {…}
        ("{fi: Seutukaupungit, en:", "{fi: Seutukaupungit, pienet kaupungit, en:"),
        13,
        16,
        'put a text with a comma in quotes: "Seutukaupungit, pienet kaupungit"',
    ),
    (  # 3. an unknown id with no near miss
        ("effects: {services: 0.9, employment: 0.1}", "effects: {services: 0.9, jobs: 0.1}"),
        29,
        30,
        "unknown indicator 'jobs' (indicators: employment, services)",
    ),
    (  # 4. a misspelt key
        ("Ministry of Employment}\n    budget: 10", "Ministry of Employment}\n    budjet: 10"),
        34,
        5,
        "unknown key 'budjet' — did you mean 'budget'?",
    ),
    (  # 5. three spaces where the entry's keys have four
        ("Eastern Finland}\n    budget: 5", "Eastern Finland}\n   budget: 5"),
        46,
        4,
        "line 46 is indented 3 spaces, but the lines it could belong with use 4 spaces",
    ),
    (  # 6. an unknown actor
        ("actors: [council, uef]", "actors: [council, uef, kys]"),
        53,
        28,
        "unknown actor 'kys' (actors: tem, stm, council, uef)",
    ),
    (  # 7. a decimal comma
        ("{a: tem, b: council, trust: 0.5}", "{a: tem, b: council, trust: 0,5}"),
        55,
        33,
        "0,5 is written with a decimal comma: write 0.5",
    ),
    (  # 8. a condition in the wrong case
        ("'rural') < 60\"", "'rural') < 60 AND year > 2028\""),
        66,
        92,
        "condition: write 'and' in lowercase",
    ),
    (  # 9. a duplicate id
        ("  - id: hospital-merger", "  - id: mill-closure"),
        74,
        9,
        "duplicate id 'mill-closure' in events: the first is on line 63",
    ),
    (  # 10. a vision target out of range
        ("    employment: 70", "    employment: 170"),
        88,
        17,
        "target 170 is outside 0..100",
    ),
]
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$"
)


def test_the_scenario_without_mistakes_is_valid(tmp_path):
    path = tmp_path / "savo.yaml"
    path.write_text(SAVO, encoding="utf-8")
    scenario, problems = check(path)
    assert scenario is not None and not problems, [p.format() for p in problems]


def test_ten_mistakes_of_ten_kinds_are_all_reported_in_one_run(tmp_path, monkeypatch, capsys):
    text = SAVO
    for (old, new), *_ in MISTAKES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "savo.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", "savo.yaml"]) == 1
    lines = capsys.readouterr().err.splitlines()
    got = [LINE.match(ln) for ln in lines]
    assert all(got), lines
    assert [(int(m["line"]), int(m["col"])) for m in got] == [(ln, c) for _, ln, c, _ in MISTAKES]
    for m, (_, _, _, words) in zip(got, MISTAKES, strict=True):
        assert m["file"] == "savo.yaml" and m["sev"] == "error"
        assert words in m["msg"], (words, m["msg"])


def test_a_child_files_entries_are_named_by_id_not_by_their_place_in_the_merge(tmp_path):
    (tmp_path / "savo.yaml").write_text(SAVO, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "extends: savo.yaml\nmeta: {id: child}\nactors:\n"
        "  - {id: kys, kind: partner, name: KYS, budget: -3}\n"
        "events:\n  - id: mill-closure\n    options:\n      - {id: retrain, label: R}\n"
        "      - {id: wait, label: W, effects: [{indicator: jobs, delta: 1}]}\n",
        encoding="utf-8",
    )
    _, problems = check(child)
    paths = {p.path for p in problems if p.severity == "error"}
    assert paths == {
        "actors['kys'].budget",
        "events['mill-closure'].options['wait'].effects[0].indicator",
    }


def test_an_unknown_id_among_many_lists_the_most_alike(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "extends: finland-2040\nmeta: {id: x}\nnetwork:\n  - {a: tem, b: kela, trust: 0.3}\n",
        encoding="utf-8",
    )
    (p,) = check(path)[1]
    assert "unknown actor 'kela' (actors include " in p.message
    listed = p.message.split("include ")[1].split(";")[0].split(", ")
    assert len(listed) == 8 and re.search(r"; \d+ in all\)$", p.message)


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        # a tab, at the tab
        ("meta:\n  id: x\n\ttitle: y\n", 3, 1, "indented with a tab: indent with spaces"),
        # a quote opened and closed far below: at the quote, naming its line
        (
            'meta:\n  title: "Kasvu\n  id: x\nglossary:\n  - {term: "A", definition: "B"}\n',
            2,
            10,
            'the quote " that opens the text on line 2 is never closed',
        ),
        # a single quote never closed
        ("meta:\n  title: 'Kasvu\n  id: x\n", 2, 10, "the quote ' that opens the text on line 2"),
        # an indentation that differs from its siblings, with how many spaces they use
        (
            "actors:\n  - id: a\n    kind: region\n   name: A\n",
            4,
            4,
            "indented 3 spaces, but the lines it could belong with use 4 spaces (like line 3)"
            " or 2 spaces (like line 2)",
        ),
        # too deep: not the parser's hint about quotes
        (
            "meta:\n  id: x\n    title: y\n",
            3,
            5,
            "indented 4 spaces, more than line 2 (2 spaces), whose 'id:' already has its value",
        ),
        # a colon in a text
        ("meta:\n  title: Kasvu: uusi suunta\n", 2, 15, 'title: "Kasvu: uusi suunta"'),
        # a list item where keys are expected, and the reverse
        ("meta:\n  id: x\n  - y\n", 3, 3, "a list item ('- …') where the map"),
        ("teams:\n  - id: a\n  name: b\n", 3, 3, "'name:' is a key where the list"),
        # a '{' never closed
        ("meta: {id: x, title: y\nvision: {}\n", 1, 7, "the '{' on line 1 is never closed"),
        # a text starting with '*' (an alias to YAML) or '['
        ("meta:\n  title: *Tärkeä* uutinen\n", 2, 10, "put the text in quotes"),
        ("meta:\n  title: [Luonnos] Kasvu\n", 2, 10, 'title: "[Luonnos] Kasvu"'),
        # a key without its space
        ("meta:\n  id:x\n  title: y\n", 2, 3, "a key needs a space after its ':' (id: x)"),
        # a list item at the left edge of a file of keys
        ("meta:\n  id: x\n- title: y\n", 3, 1, "a list item ('- …') at the left edge"),
    ],
)
def test_yaml_syntax_errors_in_plain_words(tmp_path, text, line, col, words):
    path = tmp_path / "x.yaml"
    path.write_text(text + "extends: tutorial\n", encoding="utf-8")  # the rest is right
    (p,) = check(path)[1]
    assert (p.line, p.col) == (line, col), p.format()
    assert words in p.message and "YAML syntax" not in p.message, p.message


def test_a_syntax_error_costs_only_the_entry_it_is_in(tmp_path):
    """The rest of the list and of the file is still checked, without consequences of the
    entry that could not be read (references to its id are not reported)."""
    path = tmp_path / "x.yaml"
    path.write_text(
        SAVO.replace("Eastern Finland}\n    budget: 5", "Eastern Finland}\n     budget: 5")
        .replace("actors: [council, uef]", "actors: [council, uef, kys]")
        .replace("budget: 9", "budget: -9"),
        encoding="utf-8",
    )
    problems = check(path)[1]
    assert [(p.line, p.col) for p in problems] == [(38, 13), (46, 6), (53, 28)], [
        p.format() for p in problems
    ]


def test_a_condition_reports_every_mistake_not_the_first():
    ids = {"indicator": ["jobs", "skills"], "region_type": ["city"], "actor": ["tem"]}
    with pytest.raises(ConditionError) as err:
        parse_condition("mean('job') > 60 AND avg('skills') < 40 or year = 2030", ids)
    assert [(col, msg.split(" (")[0]) for msg, col in err.value.errors] == [
        (6, "unknown indicator 'job' in mean() — did you mean 'jobs'?"),
        (18, "write 'and' in lowercase"),
        (22, "unknown function 'avg'"),
        (49, "unexpected character '=': write '==' to compare"),
    ]
    assert (str(err.value), err.value.col) == (err.value.errors[0][0], 6)
