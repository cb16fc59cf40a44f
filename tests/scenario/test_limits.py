"""The documented limits (issue 17): one table in docs/reliability.md that agrees with
game/scenario/limits.py and the file size; every list limit reached is a valid scenario,
one past it a clear message; a file at the limits fits in 2 MB. Playing at the full sizes
is bench/limits.py's (its figures are in docs/reliability.md); the play tests use smaller
versions (tests/ui/test_network.py, tests/ui/test_long_lists.py)."""

import json
import re

import pytest
import yaml

from game.scenario import limits
from game.scenario.loader import check
from tests.conftest import DATA, ROOT

MINI = yaml.safe_load((DATA / "mini.yaml").read_text(encoding="utf-8"))


def grown(key: str, n: int) -> dict:
    """The mini scenario with its list `key` grown to n entries (or its turns to n)."""
    doc = yaml.safe_load(yaml.safe_dump(MINI))
    if key == "actors":
        doc["actors"] += [
            {"id": f"a{i}", "kind": "partner", "name": f"A{i}", "budget": 1, "bot": True}
            for i in range(n - len(doc["actors"]))
        ]
    elif key == "region_types":
        for i in range(n - 2):
            doc["region_types"].append({"id": f"r{i}", "name": f"R{i}"})
            for ind in doc["indicators"]:
                ind["baseline"][f"r{i}"] = 50
    elif key == "indicators":
        doc["indicators"] += [
            {"id": f"k{i}", "name": f"K{i}", "baseline": {"city": 50, "rural": 50}}
            for i in range(n - 2)
        ]
        doc["themes"][0]["effects"].update({f"k{i}": 0.2 for i in range(n - 2)})
        doc["vision"]["targets"].update({f"k{i}": 60 for i in range(n - 2)})
    elif key == "themes":
        doc["themes"] += [
            {"id": f"t{i}", "name": f"T{i}", "effects": {"jobs": 0.5}} for i in range(n - 2)
        ]
    elif key == "drivers":
        doc["drivers"] += [
            {
                "id": f"d{i}",
                "name": f"D{i}",
                "intensity": {2022: 1},
                "effects": {"jobs": {"rural": -0.1}},
            }
            for i in range(n - 1)
        ]
    elif key == "teams":
        for i in range(n - 2):
            doc["actors"].append({"id": f"a{i}", "kind": "partner", "name": f"A{i}", "budget": 2})
            doc["teams"].append({"id": f"team{i}", "name": f"T{i}", "actors": [f"a{i}"]})
    elif key == "events":
        doc["events"] += [
            {"id": f"e{i}", "title": f"E{i}", "when": {"probability": 0.01}}
            for i in range(n - len(doc["events"]))
        ]
    elif key == "packages":
        doc["packages"] += [
            {"id": f"p{i}", "title": f"P{i}", "themes": ["economy"], "cost": 4}
            for i in range(n - len(doc["packages"]))
        ]
    elif key == "glossary":
        doc["glossary"] = [{"term": f"t{i}", "definition": "d"} for i in range(n)]
    elif key == "turns":
        doc["meta"].update(start_year=2040 - n, end_year=2040, turn_years=1)
        doc["elections"]["years"] = []
        doc["events"] = [e for e in doc["events"] if e["id"] != "campus"]
    elif key == "played":  # 4 of mini's actors are in teams
        doc["actors"] += [
            {"id": f"a{i}", "kind": "partner", "name": f"A{i}", "budget": 1} for i in range(n - 4)
        ]
        for i in range(n - 4):
            doc["teams"][i % 2]["actors"].append(f"a{i}")
    return doc


def problems_of(tmp_path, doc: dict) -> tuple[list[str], list[str]]:
    path = tmp_path / "s.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=0), encoding="utf-8")  # YAML
    assert path.stat().st_size <= limits.MAX_BYTES
    _, problems = check(path)
    errors = [p.message for p in problems if p.severity == "error"]
    return errors, [p.message for p in problems if p.severity == "warning"]


# 5,000 actors and 40,000 edges take 5-15 s to read: bench/limits.py plays them, and
# here the schema is seen to hold the same limits as the lists tested at full size
CASES = [
    ("region_types", limits.MAX_REGION_TYPES, "9 region types: a scenario may have at most 8"),
    ("indicators", limits.MAX_INDICATORS, "9 indicators: a scenario may have at most 8"),
    ("themes", limits.MAX_THEMES, "13 themes: a scenario may have at most 12"),
    ("drivers", limits.MAX_DRIVERS, "13 drivers: a scenario may have at most 12"),
    ("teams", limits.MAX_TEAMS, "9 teams: a scenario may have at most 8"),
    ("events", limits.MAX_EVENTS, "501 events: a scenario may have at most 500"),
    ("packages", limits.MAX_PACKAGES, "201 packages: a scenario may have at most 200"),
    ("glossary", limits.MAX_GLOSSARY, "501 glossary: a scenario may have at most 500"),
    ("turns", limits.MAX_TURNS, "31 turns: a game may have at most 30"),
    ("played", 283, "put at most 283 actors in teams"),
]


@pytest.mark.parametrize("key,most,message", CASES, ids=[c[0] for c in CASES])
def test_at_the_limit_it_validates_and_one_past_it_says_which_limit(tmp_path, key, most, message):
    errors, _ = problems_of(tmp_path, grown(key, most))
    assert not errors, errors[:3]
    errors, _ = problems_of(tmp_path, grown(key, most + 1))
    assert len(errors) == 1 and message in errors[0], errors[:3]


def test_every_list_limit_of_the_schema_is_the_documented_one():
    from game.scenario.schema import ScenarioFile

    for key, most in (("region_types", limits.MAX_REGION_TYPES),
                      ("indicators", limits.MAX_INDICATORS), ("themes", limits.MAX_THEMES),
                      ("drivers", limits.MAX_DRIVERS), ("teams", limits.MAX_TEAMS),
                      ("actors", limits.MAX_ACTORS), ("network", limits.MAX_EDGES),
                      ("events", limits.MAX_EVENTS), ("packages", limits.MAX_PACKAGES),
                      ("glossary", limits.MAX_GLOSSARY)):  # fmt: skip
        field = ScenarioFile.model_fields[key]
        assert [m.max_length for m in field.metadata if hasattr(m, "max_length")] == [most]


def test_the_played_limit_is_the_relationship_limit():
    most = 283
    assert most * (most - 1) // 2 <= limits.MAX_RELATIONSHIPS < (most + 1) * most // 2


def test_the_table_in_the_docs_is_the_limits():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Limits") :].split("\n## ")[0]
    table = "\n".join(ln for ln in section.splitlines() if ln.startswith("| "))
    shown = {int(n.replace(",", "")) for n in re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", table)}
    for name in limits.__all__:
        if name in ("MAX_BYTES", "MAX_RELATIONSHIPS"):  # 2 MB; the same as MAX_EDGES
            continue
        assert getattr(limits, name) in shown, name
    assert "200,000" not in table  # the old edge limit, which no 2 MB file could hold


def test_a_room_is_warned_of_more_packages_or_events_a_turn_than_it_takes_in(tmp_path):
    from game.scenario import room

    _, warnings = problems_of(tmp_path, grown("packages", room.PACKAGES + 1))
    assert any("13 packages are open at once" in w for w in warnings), warnings
    _, warnings = problems_of(tmp_path, grown("packages", room.PACKAGES))
    assert not any("packages are open" in w for w in warnings)
    doc = grown("events", 40)
    for e in doc["events"][2:]:
        e["when"] = {"probability": 0.8}
    _, warnings = problems_of(tmp_path, doc)
    assert any(re.search(r"may bring about 3\d events", w) for w in warnings), warnings


def test_a_session_of_a_scenario_at_the_size_limit_reopens(tmp_path):
    """The session keeps a merged copy of its scenario, which may be larger than the file
    it came from (a block-style copy of a 2 MB file of 5,000 actors took 2.2 MB): it is
    written compactly, and read back with the room a whole `extends:` chain may take."""
    from game.scenario.loader import load
    from game.session.store import FROZEN_BYTES, SCENARIO_FILE, new_session, open_session

    doc = yaml.safe_load(yaml.safe_dump(MINI))
    words = " ".join(f"sana{i}" for i in range(600))  # about 4,400 characters
    doc["glossary"] = [{"term": f"t{i}", "definition": words} for i in range(440)]
    path = tmp_path / "big.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert 1.8 * 2**20 < path.stat().st_size <= limits.MAX_BYTES
    home = tmp_path / "home"
    session, info = new_session(load(path), seed=1, home=home)
    frozen = info.folder / SCENARIO_FILE
    assert frozen.stat().st_size <= 1.05 * path.stat().st_size  # compact
    # a copy written in block style, as before, is over 2 MB and still reopens
    block = yaml.safe_dump(load(path).located.data, allow_unicode=True, sort_keys=False)
    frozen.write_text(block + "#" * max(0, limits.MAX_BYTES + 1 - len(block)), encoding="utf-8")
    assert limits.MAX_BYTES < frozen.stat().st_size < FROZEN_BYTES
    again, _, _ = open_session(info.id, home=home, attach=False)
    assert again.model.scenario_id == session.model.scenario_id
