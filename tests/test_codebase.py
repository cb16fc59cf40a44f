"""The codebase keeps its rules: lint clean, import boundaries, a pure simulation."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    out = subprocess.run(
        [BIN / "ruff", "check", "game", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format_is_clean():
    out = subprocess.run(
        [BIN / "ruff", "format", "--check", "game", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_import_boundaries_hold():
    out = subprocess.run([BIN / "lint-imports"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_simulation_and_scenario_do_not_import_pygame():
    code = (
        "import sys, game.sim.runner, game.scenario.loader, game.scenario.compile, game.cli;"
        "bad = [m for m in sys.modules if m.startswith(('pygame', 'game.ui'))];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_core_type_checks_strictly():
    """mypy --strict (pyproject's [tool.mypy]) on game/sim and game/scenario: no errors."""
    out = subprocess.run(
        [BIN / "mypy", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_tools_inside_the_tests_are_pinned():
    """A release of a tool the tests run cannot break the suite: each has an upper bound."""
    import tomllib

    test_deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["test"]
    for tool in ("ruff", "mypy", "import-linter"):
        spec = next(d for d in test_deps if d.split(">")[0].split("<")[0].strip() == tool)
        assert "<" in spec, f"{tool} is not pinned below a next version: {spec}"


# the game's state and its history: the simulation's own, which the UI reads through
# game.ui.readmodel (network_now, indicators_now, history, turns_played, …)
GAME_INSIDES = {"state", "records", "results", "history", "trust_history", "decision_history"}


def test_screens_read_the_game_state_only_through_the_read_model():
    """`session.game.state` and the game's history are the simulation's own: the UI asks
    game.ui.readmodel."""
    import ast

    bad = []
    for path in sorted((ROOT / "game" / "ui").rglob("*.py")):
        if path.name == "readmodel.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in GAME_INSIDES
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "game"
            ):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "screens reading game.state directly: " + ", ".join(bad)


def test_no_state_is_hidden_in_an_objects_dict():
    """What a module remembers lives in declared attributes or explicit holders, never
    slipped into another object's __dict__ or set on a frozen one."""
    hidden = ("__dict__.setdefault", "__dict__.get(", "__dict__.pop(", "object.__setattr__")
    bad = [
        f"{p.relative_to(ROOT)}: {h}"
        for p in sorted((ROOT / "game").rglob("*.py"))
        for h in hidden
        if h in p.read_text(encoding="utf-8")
    ]
    assert not bad, "hidden state: " + ", ".join(bad)


def test_the_scenario_package_has_no_import_cycle():
    """No module of game.scenario imports, even through others, one that imports it back
    (the cycle came from `Scenario` living in loader.py and the turn arithmetic in
    checks.py). Imports for type checking only are not imports at run time; grimp is
    import-linter's own graph.
    """
    import grimp

    graph = grimp.build_graph("game", exclude_type_checking_imports=True)
    modules = sorted(m for m in graph.modules if m.startswith("game.scenario."))
    cycles = [
        f"{a} -> {b} -> … -> {a}"
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if b.startswith("game.scenario.") and graph.chain_exists(b, a)
    ]
    assert not cycles, "\n".join(cycles)
