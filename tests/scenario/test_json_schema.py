"""`suunta schema`: a JSON Schema (draft 2020-12) that agrees with a third-party validator."""

import copy
import json

import jsonschema
import pytest
import yaml

from game.cli import main
from game.scenario.json_schema import json_schema
from tests.conftest import DATA, SCENARIOS


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def safe_load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_schema_is_draft_2020_12_with_a_title():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"]


def test_there_are_bundled_scenarios_to_check():
    names = {p.stem for p in SCENARIOS}
    assert {"finland-2040", "tutorial", "globally-selective", "balanced"} <= names


@pytest.mark.parametrize("path", SCENARIOS + [DATA / "mini.yaml"], ids=lambda p: p.stem)
def test_every_bundled_scenario_passes_the_schema(validator, path):
    errors = list(validator.iter_errors(safe_load(path)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("actors", 0, "budget"), "ten"),
        (("actors", 0, "kind"), "ministery"),
        (("meta", "turn_years"), 2.5),
        (("teams", 0, "actors"), "tem"),
        (("indicators", 0, "baseline", "city"), 150),
        (("events", 0, "when", "probability"), True),
        (("meta", "title"), 42),
        (("meta", "title"), {"de": "Titel"}),
        (("vision", "equity_weight"), -1),
        (("actors", 0, "budjet"), 10),
    ],
)
def test_a_wrong_type_fails_the_schema(validator, where, value):
    data = copy.deepcopy(safe_load(DATA / "mini.yaml"))
    node = data
    for k in where[:-1]:
        node = node[k]
    node[where[-1]] = value
    assert list(validator.iter_errors(data))


def test_a_missing_required_section_fails_the_schema(validator):
    data = safe_load(DATA / "mini.yaml")
    del data["vision"]
    assert list(validator.iter_errors(data))


def test_a_child_file_needs_only_what_differs(validator):
    child = {
        "extends": "finland-2040",
        "meta": {"id": "x"},
        "drivers": [{"id": "ageing", "intensity": {2022: 1.5}}],
        "events": [
            {"id": "pandemic-shock", "when": {"probability": 0.4}},
            {"id": "x", "remove": True},
        ],
        "elections": {"programmes": [{"id": "austerity", "weight": 2}]},
    }
    assert not list(validator.iter_errors(child))
    bad = copy.deepcopy(child)
    bad["events"][0]["when"]["probability"] = "often"
    assert list(validator.iter_errors(bad))
    bad = copy.deepcopy(child)
    del bad["drivers"][0]["id"]  # an override must say which entry it is for
    assert list(validator.iter_errors(bad))


def test_json_keys_for_years_pass_too(validator):
    """In JSON (what editors send) year keys are strings; YAML gives ints."""
    data = json.loads(json.dumps(safe_load(DATA / "mini.yaml")))
    assert isinstance(next(iter(data["drivers"][0]["intensity"])), str)
    assert not list(validator.iter_errors(data))


def test_suunta_schema_prints_it(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(json_schema()))


def _properties(schema):
    """(definition, key, property) of every field the schema describes."""
    for name, d in schema["$defs"].items():
        for key, prop in d.get("properties", {}).items():
            yield name, key, prop


def test_every_field_has_a_description_for_an_editors_hover():
    missing = [f"{n}.{k}" for n, k, p in _properties(json_schema()) if not p.get("description")]
    assert not missing


def test_allowed_values_and_ranges_are_in_the_schema():
    defs = json_schema()["$defs"]
    assert defs["Actor"]["properties"]["kind"]["enum"] == ["ministry", "region", "partner"]
    assert defs["Team"]["properties"]["policy"]["enum"][:2] == ["balanced", "mandate"]
    trust = defs["Edge"]["properties"]["trust"]
    assert (trust["minimum"], trust["maximum"]) == (0, 1)
    assert defs["Actor"]["properties"]["budget"]["exclusiveMinimum"] == 0
    assert defs["Meta"]["properties"]["turn_years"]["minimum"] == 1


def test_an_editor_finds_the_mistakes_of_a_broken_file_where_they_are(validator):
    """What an editor with yaml-language-server does: read the YAML, check it against the
    schema, underline what is wrong (cross-references are for `suunta validate`)."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("name: OKM, budget: 8,", "name: OKM, budjet: 8,"),
        ("{a: tem, b: okm, trust: 0.6}", "{a: tem, b: okm, trust: 1.6}"),
        ("policy: cooperative", "policy: cooperatve"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    errors = sorted(
        (tuple(e.absolute_path), e.validator) for e in validator.iter_errors(yaml.safe_load(text))
    )
    where = {path for path, _ in errors}
    assert ("actors", 1) in where  # budjet: not allowed, budget: missing
    assert ("network", 0, "trust") in where
    assert ("teams", 0, "policy") in where
