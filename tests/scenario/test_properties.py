"""Property tests: mutate real scenario files every which way; validation must end in a
scenario or in error lines, never in an exception — and a scenario that validates must
compile and play a whole game with every indicator finite and within 0..100."""

import copy
import random
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.loader import SCENARIO_DIR, check
from game.sim.runner import play_batch
from tests.conftest import DATA

LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$", re.S)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FINNISH = (
    "Aluekehittäminen on yhteistyötä: ministeriöt, maakuntien liitot ja kumppanit "
    "sovittavat yhteen panoksensa, jotta koko Suomi kehittyy. "
)
ODD = [
    1e308,
    -1e308,
    float("nan"),
    float("inf"),
    -float("inf"),
    10**40,
    -(10**40),
    0,
    -1,
    0.5,
    2022,
    "",
    " ",
    "x",
    "2022",
    "ä" * 300,
    (FINNISH * 40)[:5000],
    (FINNISH * 40)[:5001],
    "tem",
    "jobs",
    "finland-2040",
    "year > 2030 and",
    "mean('jobs') > 200",
    None,
    True,
    False,
    [],
    {},
    [1, 2, 3],
    {"fi": "teksti", "de": "Text"},
    {"a": {"b": {"c": []}}},
]


def base_files() -> dict[str, tuple[object, str | None]]:
    """name -> (data, extends) for each real file the tests mutate."""
    out: dict[str, tuple[object, str | None]] = {}
    for name, path in (
        ("mini", DATA / "mini.yaml"),
        ("tutorial", SCENARIO_DIR / "tutorial.yaml"),
        ("finland", SCENARIO_DIR / "finland-2040.yaml"),
        ("patchwork", SCENARIO_DIR / "patchwork.yaml"),
    ):
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out[name] = (data, data.get("extends") if isinstance(data, dict) else None)
    return out


BASES = base_files()


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every path into a data tree (the root included)."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, prefix + (i,))
    return out


def parent_of(root: object, path: tuple) -> object:
    node = root
    for k in path[:-1]:
        node = node[k]  # type: ignore[index]
    return node


def mutate(root: object, path: tuple, op: str, value: object, rnd: random.Random) -> object:
    """Apply one mutation at `path`; returns the (possibly new) root."""
    if not path:
        return value if op == "set" else root
    holder, key = parent_of(root, path), path[-1]
    current = holder[key]  # type: ignore[index]
    if op == "drop":
        del holder[key]  # type: ignore[attr-defined]
    elif op == "set":
        holder[key] = copy.deepcopy(value)  # type: ignore[index]
    elif op == "empty":
        holder[key] = type(current)() if isinstance(current, list | dict | str) else None  # type: ignore[index]
    elif op == "duplicate" and isinstance(current, list) and current:
        current.append(copy.deepcopy(rnd.choice(current)))
    elif op == "duplicate" and isinstance(holder, list):
        holder.append(copy.deepcopy(current))
    elif op == "rename" and isinstance(holder, dict):
        new = str(key)[:-1] or "x" if rnd.random() < 0.5 else f"{key}x"
        holder[new] = holder.pop(key)
    elif op == "stringify":
        holder[key] = str(current)  # type: ignore[index]
    elif op == "negate" and isinstance(current, int | float) and not isinstance(current, bool):
        holder[key] = -current * 1000  # type: ignore[index]
    return root


OPS = st.sampled_from(["drop", "set", "empty", "duplicate", "rename", "stringify", "negate"])


def validate_text(text: str, extends: str | None, folder: Path) -> None:
    """The property itself, for one file's text."""
    path = folder / "mutant.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check(path)
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.severity in ("error", "warning")
        assert LINE.match(p.format()), p.format()
    if scenario is None:
        assert any(p.severity == "error" for p in problems)
        return
    model = scenario.compile()
    res = play_batch(model, 1, seed=0)
    x = res.state.x
    assert np.isfinite(x).all() and (x >= 0).all() and (x <= 100).all()


def apply_mutations(data, base: str, n: int):
    root = copy.deepcopy(BASES[base][0])
    rnd = random.Random(0)
    for _ in range(n):
        every = paths(root)
        if not every:
            break
        path = every[data.draw(st.integers(0, len(every) - 1), label="where")]
        op = data.draw(OPS, label="op")
        value = data.draw(st.sampled_from(ODD), label="value") if op == "set" else None
        root = mutate(root, path, op, value, rnd)
    return root


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("base", [b for b in BASES if b != "finland"])
@SETTINGS
@given(data=st.data())
def test_mutated_files_validate_or_fail_cleanly(base, data):
    root = apply_mutations(data, base, data.draw(st.integers(1, 3), label="mutations"))
    text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        validate_text(text, BASES[base][1], Path(folder))


@pytest.mark.skipif("finland" not in BASES, reason="the default scenario is not there yet")
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_default_scenario_validates_or_fails_cleanly(data):
    root = apply_mutations(data, "finland", data.draw(st.integers(1, 2), label="mutations"))
    text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        validate_text(text, None, Path(folder))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.integers(0, 8),
            st.text(alphabet=":-[]{}&*!|>'\"#\n\t ,0123456789aäx\\", max_size=6),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_text_edits_never_raise(edits):
    """Typos at the character level: brackets, colons, quotes, tabs, stray anchors."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    with tempfile.TemporaryDirectory() as folder:
        validate_text(text, None, Path(folder))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.sampled_from(
        [
            ("events", 0, "when", "condition"),
            ("events", 1, "when", "condition"),
        ]
    ),
    condition=st.lists(
        st.sampled_from(
            list("()<>=!+-*/., '\"0123456789")
            + [
                "and ",
                "or ",
                "not ",
                "year",
                "turn",
                "mean(",
                "'jobs'",
                "'rural'",
                "indicator(",
                "trust(",
                "'tem'",
                "'okm'",
                "density()",
                "gap(",
                "fired(",
                "funded(",
                "budget(",
                "'skills-jobs'",
                "'campus'",
                "1e308",
                "ä",
                " > ",
                " < ",
            ]
        ),
        max_size=16,
    ).map("".join),
)
def test_random_conditions_never_raise(where, condition):
    root = copy.deepcopy(BASES["mini"][0])
    parent_of(root, where)[where[-1]] = condition
    text = yaml.dump(root, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        validate_text(text, None, Path(folder))


def test_duplicated_entries_are_reported_not_crashed(tmp_path):
    root = copy.deepcopy(BASES["mini"][0])
    for key in ("region_types", "indicators", "actors", "teams", "events", "packages", "network"):
        root[key].append(copy.deepcopy(root[key][0]))
    path = tmp_path / "dup.yaml"
    path.write_text(yaml.dump(root, Dumper=DUMPER, allow_unicode=True), encoding="utf-8")
    scenario, problems = check(path)
    assert scenario is None
    text = "\n".join(p.message for p in problems)
    for kind in ("region_types", "indicators", "actors", "teams", "events", "packages"):
        assert "duplicate id" in text and kind in text
    assert "already at network[0]" in text
