"""Every kind of mistake a facilitator can make, each in its own file in bad/, with the
exact problems `suunta validate` must report for it.

A bad file ends with lines like
    # expect: 5:14: error: unknown actor 'tme' — did you mean 'tem'?
    # expect: ../data/base.yaml:28:19: error: …      (a problem in another file)
and the check must report exactly those problems: same file, line, column, severity, and
a message that contains the expected text. Most bad files extend data/base.yaml, a small
scenario with no problem at all, and add one mistake.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import check

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yaml"))
EXPECT = re.compile(
    r"#\s*expect:\s*(?:(?P<file>[^\s:][^:]*\.yaml):)?(?P<line>\d+):(?P<col>\d+):\s*"
    r"(?:(?P<severity>error|warning):\s*)?(?P<message>.+?)\s*$"
)
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+$")


def expectations(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    out = []
    for line in text.splitlines():
        m = EXPECT.search(line)
        if m:
            d = m.groupdict()
            d["file"] = (path.parent / (d["file"] or path.name)).resolve()
            d["line"], d["col"] = int(d["line"]), int(d["col"])
            out.append(d)
    return out


def test_there_is_a_bad_file_for_every_kind_of_mistake():
    assert len(CASES) >= 60
    mistakes = [p for p in CASES if not p.stem.startswith("warn-")]
    warnings = [p for p in CASES if p.stem.startswith("warn-")]
    assert len(mistakes) >= 45 and len(warnings) >= 15


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_bad_file_reports_exactly_its_expected_problems(path, monkeypatch):
    monkeypatch.chdir(BAD)  # problems name files as the user gave them
    expected = expectations(path)
    assert expected, f"{path.name} says nothing about what it expects"
    scenario, problems = check(path.name)
    got = [((BAD / p.file).resolve(), p.line, p.col, p.severity, p.message) for p in problems]
    for e in expected:
        hits = [
            g
            for g in got
            if g[:3] == (e["file"], e["line"], e["col"])
            and (e["severity"] is None or g[3] == e["severity"])
            and e["message"] in g[4]
        ]
        assert hits, f"missing: {e}\ngot:\n" + "\n".join(p.format() for p in problems)
    assert len(problems) == len(expected), "\n".join(p.format() for p in problems)
    if any(e["severity"] == "error" for e in expected):
        assert scenario is None
    else:  # only warnings: the scenario loads, and --strict refuses it
        assert scenario is not None and scenario.warnings


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_validate_prints_editor_lines_and_exits_1(path, monkeypatch, capsys):
    monkeypatch.chdir(BAD)
    code = main(["validate", "--strict", path.name])
    err = capsys.readouterr().err
    assert code == 1
    problem_lines = [ln for ln in err.splitlines() if ": error: " in ln or ": warning: " in ln]
    assert problem_lines, err
    for ln in problem_lines:
        assert LINE.match(ln), ln
    assert "Traceback" not in err


def test_a_python_tag_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        bad = tmp_path / "evil.yaml"
        bad.write_text(f'meta:\n  title: {tag} ["touch {marker}"]\n', encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "game", "validate", str(bad)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 1
        assert "is not allowed" in out.stderr and "Traceback" not in out.stderr
        assert not marker.exists()
