"""`extends:` — a scenario that overrides only what differs, with errors in the right file."""

from pathlib import Path

import numpy as np
import pytest
import yaml

from game.scenario.loader import SCENARIO_DIR, check, load
from game.sim.runner import play_batch

FINLAND = SCENARIO_DIR / "finland-2040.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path):
    scenario, problems = check(path)
    assert scenario is None
    return [p for p in problems if p.severity == "error"]


CHILD = """\
extends: finland-2040
meta:
  id: child
  title: {fi: Lapsi, en: Child}
  constants: {sigma: 0.5}
drivers:
  - id: ageing
    intensity: {2022: 2.0, 2040: 3.0}
  - id: urbanisation
    effects:
      population-vitality: {helsinki-metro: 4.0}
events:
  - id: pandemic-shock
    when: {probability: 0.9}
  - id: mining-boom
    remove: true
  - id: new-card
    title: {fi: Uusi, en: New}
    when: {years: [2028]}
    effects:
      - {indicator: employment, region_types: [eastern-border], delta: 2}
"""


@pytest.fixture(scope="module")
def parent():
    return load("finland-2040").file


@pytest.fixture
def child(tmp_path):
    return load(write(tmp_path, "child.yaml", CHILD))


def by_id(items, id_):
    return next(x for x in items if x.id == id_)


def test_a_child_overrides_a_driver_an_event_and_a_constant(child, parent):
    f = child.file
    assert f.meta.id == "child" and f.meta.constants.sigma == 0.5
    # the other constants and meta keys stay the parent's
    assert f.meta.constants.kappa == parent.meta.constants.kappa
    assert f.meta.start_year == parent.meta.start_year and f.meta.sources == parent.meta.sources
    # an intensity is one trajectory: replaced whole, not merged year by year
    assert by_id(f.drivers, "ageing").intensity == {2022: 2.0, 2040: 3.0}
    assert by_id(f.drivers, "ageing").effects == by_id(parent.drivers, "ageing").effects
    # effects merge key by key: one number changed, the rest kept
    urb, purb = by_id(f.drivers, "urbanisation"), by_id(parent.drivers, "urbanisation")
    assert urb.effects["population-vitality"]["helsinki-metro"] == 4.0
    assert (
        urb.effects["population-vitality"]["eastern-border"]
        == purb.effects["population-vitality"]["eastern-border"]
    )
    assert urb.effects["competence"] == purb.effects["competence"]
    # when: merges key by key: the window stays, the probability changes
    ev, pev = by_id(f.events, "pandemic-shock"), by_id(parent.events, "pandemic-shock")
    assert ev.when.probability == 0.9
    assert (ev.when.from_year, ev.when.to_year) == (pev.when.from_year, pev.when.to_year)
    assert ev.title == pev.title and ev.effects == pev.effects
    # remove: true deletes; a new id is added at the end
    ids = [e.id for e in f.events]
    assert "mining-boom" not in ids and ids[-1] == "new-card"
    assert len(ids) == len(parent.events)
    # everything else is the parent's
    assert f.actors == parent.actors and f.vision == parent.vision


def test_a_child_compiles_and_plays(child):
    model = child.compile()
    assert model.constants.sigma == 0.5
    assert "mining-boom" not in model.event_ids and "new-card" in model.event_ids
    res = play_batch(model, 3, seed=1)
    assert np.isfinite(res.state.x).all()
    assert res.fired[:, model.event_ids.index("new-card")].all()


def test_the_merged_scenario_is_complete_plain_data(child):
    """Sessions freeze `located.data`: it must load again on its own, without the parent."""
    data = child.located.data
    assert "extends" not in data
    assert not any("remove" in e for e in data["events"])
    frozen = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert yaml.safe_load(frozen)["meta"]["id"] == "child"


def test_a_frozen_child_loads_alone_and_compiles_the_same(child, tmp_path):
    frozen = write(tmp_path, "frozen.yaml", yaml.safe_dump(child.located.data, allow_unicode=True))
    again = load(frozen)
    assert again.file == child.file
    a, b = child.compile(), again.compile()
    assert a.event_ids == b.event_ids and np.array_equal(a.driver_intensity, b.driver_intensity)


def test_an_error_in_the_child_points_into_the_child(tmp_path):
    path = write(
        tmp_path,
        "child.yaml",
        "extends: finland-2040\nteams:\n  - id: growth\n    actors: [temm]\n",
    )
    (err,) = errors_of(path)
    assert err.file == str(path) and (err.line, err.col) == (4, 14)
    assert "unknown actor 'temm' — did you mean 'tem'?" in err.message


def test_a_type_error_in_an_override_points_into_the_child(tmp_path):
    path = write(
        tmp_path,
        "child.yaml",
        "extends: finland-2040\nevents:\n  - id: pandemic-shock\n    when: {probability: 2}\n",
    )
    (err,) = errors_of(path)
    assert err.file == str(path) and (err.line, err.col) == (4, 25)
    # by id, not by its index in the merged list (23): that is how the child finds it
    assert err.path == "events['pandemic-shock'].when.probability"


def test_an_entry_without_an_id_is_counted_in_the_file_that_wrote_it(tmp_path):
    path = write(
        tmp_path,
        "child.yaml",
        "extends: finland-2040\nnetwork:\n  - {a: tem, b: vm, trust: 0.2}\n"
        "  - {a: tem, b: okm, trust: 1.5}\n",
    )
    (err,) = errors_of(path)
    assert (err.line, err.col) == (4, 29) and err.path == "network[1].trust"


def test_an_error_inherited_from_the_parent_names_the_parent(tmp_path):
    parent = write(
        tmp_path,
        "parent.yaml",
        (Path(__file__).parent / "bad" / "parents" / "base.yaml")
        .read_text(encoding="utf-8")
        .replace("budget: 8,", "budget: -8,"),
    )
    child = write(tmp_path, "child.yaml", "extends: parent\nmeta: {id: child}\n")
    (err,) = errors_of(child)
    assert Path(err.file).resolve() == parent.resolve()
    assert (err.line, err.col) == (21, 50) and "out of range" in err.message


def test_a_reference_the_child_breaks_points_where_the_parent_uses_it(tmp_path):
    child = write(
        tmp_path,
        "child.yaml",
        "extends: finland-2040\nthemes:\n  - {id: accessibility, remove: true}\n",
    )
    errors = errors_of(child)
    assert errors and all(Path(e.file).resolve() == FINLAND for e in errors)
    assert all(f"{child}:3 removes it" in e.message for e in errors)


def test_texts_are_replaced_whole_not_mixed_across_languages(tmp_path, parent):
    path = write(
        tmp_path, "c.yaml", "extends: finland-2040\nmeta:\n  id: c\n  title: {fi: Vain suomeksi}\n"
    )
    assert load(path).file.meta.title == {"fi": "Vain suomeksi"}
    assert isinstance(parent.meta.title, dict) and "en" in parent.meta.title


def test_programmes_merge_by_id(tmp_path, parent):
    path = write(
        tmp_path,
        "c.yaml",
        "extends: finland-2040\nelections:\n  programmes:\n"
        "    - {id: austerity, weight: 3}\n    - {id: welfare-regions, remove: true}\n",
    )
    el = load(path).file.elections
    assert [p.id for p in el.programmes] == [
        p.id for p in parent.elections.programmes if p.id != "welfare-regions"
    ]
    assert by_id(el.programmes, "austerity").weight == 3
    assert el.years == parent.elections.years


def test_three_generations_and_relative_paths(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub, "mid.yaml", "extends: finland-2040\nmeta: {id: mid, constants: {sigma: 0.4}}\n")
    leaf = write(tmp_path, "leaf.yaml", "extends: sub/mid.yaml\nmeta: {id: leaf}\n")
    f = load(leaf).file
    assert f.meta.id == "leaf" and f.meta.constants.sigma == 0.4


def test_a_network_edge_is_overridden_by_its_pair(tmp_path, parent):
    e = parent.network[0]
    path = write(
        tmp_path,
        "c.yaml",
        f"extends: finland-2040\nnetwork:\n  - {{a: {e.b}, b: {e.a}, trust: 0.99}}\n",
    )
    net = load(path).file.network
    assert len(net) == len(parent.network) and net[0].trust == 0.99


def test_bundled_futures_extend_the_default(parent):
    for ref in ("globally-selective", "raw-materials-tourism", "patchwork", "balanced"):
        raw = yaml.safe_load((SCENARIO_DIR / f"{ref}.yaml").read_text(encoding="utf-8"))
        assert raw["extends"] == "finland-2040"
        f = load(ref).file
        assert f.meta.id == ref
        assert [r.id for r in f.region_types] == [r.id for r in parent.region_types]


def test_extends_cannot_reach_files_outside_the_scenario_folder(tmp_path):
    """A mailed scenario may not make the game read other files of the machine."""
    elsewhere = tmp_path / "elsewhere"
    mine = tmp_path / "mine"
    elsewhere.mkdir()
    mine.mkdir()
    secret = write(elsewhere, "secret.yaml", "meta: {id: secret}\n")
    for ref in (str(secret), "../elsewhere/secret.yaml", "../elsewhere/secret"):
        child = write(mine, "child.yaml", f"extends: {ref}\n")
        (err,) = errors_of(child)
        assert "may not make the game read other files" in err.message, ref
    # nor through a link that points out of the folder
    (mine / "link.yaml").symlink_to(secret)
    child = write(mine, "child.yaml", "extends: link.yaml\n")
    (err,) = errors_of(child)
    assert "may not make the game read other files" in err.message
    # a file the working folder holds is not found through extends: either
    write(tmp_path, "cwd-only.yaml", "meta: {id: cwd}\n")
    child = write(mine, "child.yaml", "extends: cwd-only\n")
    (err,) = errors_of(child)
    assert "no scenario file or bundled scenario 'cwd-only'" in err.message
