"""`suunta new FILE [--from SCENARIO]`: a commented starting scenario that validates."""

import re

import numpy as np
import pytest

from game.cli import main
from game.scenario.loader import check, load
from game.scenario.template import slug
from game.sim.runner import play_batch


def validates_strictly(path):
    scenario, problems = check(path)
    assert scenario is not None and not problems, "\n".join(p.format() for p in problems)
    return scenario


def test_new_writes_a_complete_scenario_with_no_warning(tmp_path, capsys):
    path = tmp_path / "Itä-Suomi 2040.yaml"
    assert main(["new", str(path)]) == 0
    assert "wrote" in capsys.readouterr().out
    scenario = validates_strictly(path)
    assert scenario.id == "ita-suomi-2040"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") > 20  # commented for people who have not read the guide
    assert "fi:" in text and "en:" in text
    model = scenario.compile()
    res = play_batch(model, 2, seed=3)
    assert np.isfinite(res.state.x).all()


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text("keep me", encoding="utf-8")
    assert main(["new", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep me"


def test_new_from_a_bundled_scenario_extends_it(tmp_path):
    path = tmp_path / "my-future.yaml"
    assert main(["new", str(path), "--from", "finland-2040"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "extends: finland-2040" in text
    scenario = validates_strictly(path)
    assert scenario.id == "my-future"
    assert len(scenario.file.events) == len(load("finland-2040").file.events)


def test_every_commented_example_validates_when_uncommented(tmp_path):
    path = tmp_path / "child.yaml"
    assert main(["new", str(path), "--from", "finland-2040"]) == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    header_end = [i for i, ln in enumerate(lines) if ln.startswith("# ===")][1]
    # below the header, uncomment the examples: '# ' followed by YAML
    body = lines[: header_end + 1]
    for line in lines[header_end + 1 :]:
        m = re.match(r"^(\s*)# ((?:[a-z_]+:|  ).*)$", line)
        body.append(m.group(1) + m.group(2) if m else line)
    uncommented = tmp_path / "uncommented.yaml"
    uncommented.write_text("\n".join(body) + "\n", encoding="utf-8")
    scenario = validates_strictly(uncommented)
    f = scenario.file
    assert f.meta.constants.sigma == 0.4 and "new-card" in [e.id for e in f.events]
    scenario.compile()


def test_new_from_a_file_writes_a_relative_extends(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    assert main(["new", str(sub / "base.yaml")]) == 0
    child = tmp_path / "child.yaml"
    assert main(["new", str(child), "--from", str(sub / "base.yaml")]) == 0
    assert "extends: sub/base.yaml" in child.read_text(encoding="utf-8")
    validates_strictly(child)


def test_new_from_an_unknown_scenario_fails_clearly(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    assert main(["new", str(path), "--from", "finland-2004"]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'finland-2040'" in err and not path.exists()


def test_new_into_a_missing_folder_fails_clearly(tmp_path, capsys):
    assert main(["new", str(tmp_path / "no" / "such" / "x.yaml")]) == 1
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Itä-Suomi 2040", "ita-suomi-2040"), ("___", "my-scenario"), ("ÅLAND", "aland")],
)
def test_ids_come_from_file_names(name, expected):
    assert slug(name) == expected


def test_new_from_a_file_outside_the_folder_says_to_copy_it(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["new", str(tmp_path / "a" / "base.yaml")]) == 0
    target = tmp_path / "b" / "child.yaml"
    assert main(["new", str(target), "--from", str(tmp_path / "a" / "base.yaml")]) == 1
    assert "copy base.yaml next to child.yaml" in capsys.readouterr().err
    assert not target.exists()


def test_new_in_a_subfolder_names_the_file_as_given_and_its_own_years(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workshops").mkdir()
    assert main(["new", "workshops/savo.yaml"]) == 0
    out = capsys.readouterr().out
    assert "suunta validate workshops/savo.yaml" in out
    text = (tmp_path / "workshops" / "savo.yaml").read_text(encoding="utf-8")
    assert "#     suunta validate workshops/savo.yaml" in text
    end = validates_strictly(tmp_path / "workshops" / "savo.yaml").file.meta.end_year
    assert f"vision for {end}" in text and "vision 2040" not in text


def test_new_writes_the_modeline_and_the_schema_beside_the_file(tmp_path, capsys):
    import json

    from game.scenario.json_schema import json_schema

    for name, extra in (("a.yaml", []), ("b.yaml", ["--from", "tutorial"])):
        assert main(["new", str(tmp_path / name), *extra]) == 0
        first = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./suunta.schema.json"
    schema = tmp_path / "suunta.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == json.loads(json.dumps(json_schema()))
    assert "wrote" in capsys.readouterr().out
    other = tmp_path / "other"
    other.mkdir()
    (other / "suunta.schema.json").write_text('{"title": "someone else\'s"}', encoding="utf-8")
    assert main(["new", str(other / "c.yaml")]) == 0
    assert "someone else" in (other / "suunta.schema.json").read_text(encoding="utf-8")
