"""A non-editable install ships and finds the bundled scenarios and assets."""

import glob
import sys
import tomllib
from pathlib import Path

from game.paths import bundled
from game.scenario.loader import SCENARIO_DIR

ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_finds_them_beside_the_package():
    assert bundled("scenarios") == ROOT / "scenarios" == SCENARIO_DIR
    assert bundled("assets") == ROOT / "assets"


def test_an_install_finds_them_under_its_prefix():
    assert bundled("no-such-folder") == Path(sys.prefix) / "share" / "suunta2040" / "no-such-folder"


def test_pyproject_ships_every_bundled_file():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {
        (ROOT / f).resolve()
        for patterns in conf["tool"]["setuptools"]["data-files"].values()
        for pattern in patterns
        for f in glob.glob(pattern, root_dir=ROOT)
    }
    bundled_files = {p.resolve() for d in ("scenarios", "assets") for p in (ROOT / d).rglob("*")}
    assert {p for p in bundled_files if p.is_file()} <= shipped
