"""docs/scenario-authoring.md stays true: its examples parse, its worked example gives the
errors it shows, and it covers every field of the format."""

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from game.cli import main
from game.scenario import schema

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "scenario-authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)


def test_the_guide_has_examples():
    assert len(BLOCKS) > 15


@pytest.mark.parametrize("block", BLOCKS, ids=range(len(BLOCKS)))
def test_every_yaml_example_parses(block):
    yaml.safe_load(block)


def test_the_guide_names_every_field_of_the_format():
    missing = []
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, f in obj.model_fields.items():
                key = f.alias or name
                if not re.search(rf"\b{re.escape(key)}\b", GUIDE):
                    missing.append(f"{obj.__name__}.{key}")
    assert not missing


def test_the_constants_table_gives_the_defaults():
    for name, f in schema.Constants.model_fields.items():
        assert re.search(rf"\| `{name}` \| {f.default:g} \|", GUIDE), name


def test_the_worked_example_gives_the_errors_it_shows(tmp_path, monkeypatch, capsys):
    example = next(b for b in BLOCKS if "eastern-boarder" in b)
    monkeypatch.chdir(tmp_path)
    Path("east-2040.yaml").write_text(example, encoding="utf-8")
    assert main(["validate", "east-2040.yaml"]) == 1
    err = capsys.readouterr().err.strip()
    assert err in GUIDE
    Path("east-2040.yaml").write_text(
        example.replace("eastern-boarder", "eastern-border").replace("from: 2031", "from: 2041"),
        encoding="utf-8",
    )
    assert main(["validate", "--strict", "east-2040.yaml"]) == 1
    warning = capsys.readouterr().err.splitlines()[0]
    assert warning in GUIDE


def test_the_inheritance_example_validates(tmp_path):
    from game.scenario.loader import check

    example = next(b for b in BLOCKS if b.startswith("extends:") and "remove: true" in b)
    path = tmp_path / "east-2040.yaml"
    path.write_text(example, encoding="utf-8")
    scenario, problems = check(path)
    assert scenario is not None and not problems, [p.format() for p in problems]
    assert "mining-boom" not in [e.id for e in scenario.file.events]
