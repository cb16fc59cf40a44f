"""`suunta validate`, `schema` and `new` as scripts call them: exit codes and line format."""

import re
import subprocess
import sys
from pathlib import Path

from game.cli import main
from tests.conftest import DATA, SCENARIOS

BAD = Path(__file__).parent / "bad"
LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$"
)


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_valid_files_exit_0():
    out = run("validate", "--strict", *map(str, SCENARIOS))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout.count(": ok (") == len(SCENARIOS)


def test_an_invalid_file_exits_1_with_editor_lines():
    out = run("validate", "unknown-actor.yaml", "key-typo.yaml", cwd=BAD)
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert lines == [
        "unknown-actor.yaml:5:14: error: unknown actor 'tme' — did you mean 'tem'? "
        "(actors: tem, okm, lappi, yliopistot, sitra) (at teams['growth'].actors[0])",
        "key-typo.yaml:5:5: error: unknown key 'budjet' — did you mean 'budget'? "
        "(allowed here: id, kind, name, short, budget, competence, reach, bot) "
        "(at actors['tem'].budjet)",
    ]
    for ln in lines:
        assert LINE.match(ln)


def test_one_bad_file_among_good_ones_fails_the_run_but_all_are_checked():
    out = run("validate", str(DATA / "mini.yaml"), str(BAD / "bad-kind.yaml"), str(SCENARIOS[0]))
    assert out.returncode == 1
    assert out.stdout.count(": ok (") == 2 and "bad-kind.yaml:5:11: error:" in out.stderr


def test_warnings_pass_unless_strict(capsys):
    path = str(BAD / "warn-probability-zero.yaml")
    assert main(["validate", path]) == 0
    captured = capsys.readouterr()
    assert ": warning: " in captured.err and "1 warning(s)" in captured.out
    assert main(["validate", "--strict", path]) == 1
    captured = capsys.readouterr()
    assert "fail under --strict" in captured.err and ": ok (" not in captured.out


def test_usage_errors_exit_2():
    assert run("validate").returncode == 2
    assert run("validate", "--no-such-flag", "x.yaml").returncode == 2
    assert run("new").returncode == 2
    assert run("schema", "extra").returncode == 2


def test_a_bundled_id_works_as_well_as_a_path(capsys):
    assert main(["validate", "tutorial"]) == 0
    assert "tutorial: ok (tutorial" in capsys.readouterr().out
    assert main(["validate", "tutorail"]) == 1
    assert "did you mean 'tutorial'" in capsys.readouterr().err


def test_every_problem_of_a_file_is_listed_not_only_the_first(tmp_path, capsys):
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("budget: 10,", "budjet: 10,").replace(
        "kind: partner, name: Sitra", "kind: partnr, name: Sitra"
    )
    text = text.replace("actors: [okm, yliopistot]", "actors: [okm, yliopistt]")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "unknown key 'budjet'" in err and "'partnr' is not allowed" in err
    # the reference is checked too, though other entries have type errors
    assert "unknown actor 'yliopistt' — did you mean 'yliopistot'?" in err
