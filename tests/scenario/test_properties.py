"""Property tests: mutate real scenario files every which way; validation must end in a
scenario or in error lines, never in an exception — and a scenario that validates must
compile and play a whole game with every indicator finite and within 0..100."""

import copy
import random
import tempfile
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import loader, yamlsyntax
from game.scenario.loader import check
from game.sim.runner import play_batch
from tests.conftest import DATA
from tests.scenario.mutations import BASES, DUMPER, LINE, ODD, mutate, parent_of, paths


@pytest.fixture(autouse=True)
def _checks_of_broken_files_must_not_raise(monkeypatch):
    """The best-effort checks of a broken file swallow their own exceptions in use; here
    any such exception fails the test."""
    monkeypatch.setattr(loader, "RAISE_IN_SALVAGE", True)
    monkeypatch.setattr(yamlsyntax, "RAISE_IN_RECOVERY", True)


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
    assert "is already on line" in text and "list a pair once" in text
