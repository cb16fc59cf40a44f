"""The command line as users and scripts call it: exit codes, JSON, error lines."""

import json
import subprocess
import sys

import pytest

from game.cli import main
from tests.conftest import DATA

SUUNTA = [sys.executable, "-m", "game"]


def run(*args, **kw):
    return subprocess.run(SUUNTA + list(args), capture_output=True, text=True, timeout=120, **kw)


def test_simulate_json_is_reproducible():
    a = run("simulate", "--runs", "1", "--seed", "7", "--json")
    b = run("simulate", "--runs", "1", "--seed", "7", "--json")
    assert a.returncode == 0, a.stderr
    ja, jb = json.loads(a.stdout), json.loads(b.stdout)
    assert ja.pop("elapsed_s") >= 0 and jb.pop("elapsed_s") >= 0
    assert ja == jb
    assert ja["scenario"] == "finland-2040" and ja["runs"] == 1 and ja["seed"] == 7
    assert len(ja["state_hash"]) == 64
    for key in ("shared_score", "vision_attainment", "equity", "cooperation_dividend"):
        assert set(ja[key]) >= {"mean", "p5", "p50", "p95"}
    assert set(ja["final_indicators"]["employment"]) >= {"helsinki-metro", "eastern-border"}
    assert all(0 <= v <= 1 for v in ja["events_fired"].values())


def test_simulate_seeds_and_policies_change_the_outcome(capsys):
    outs = []
    for seed, policy in ((1, "solo"), (2, "solo"), (1, "cooperative")):
        assert (
            main(
                [
                    "simulate",
                    str(DATA / "mini.yaml"),
                    "--runs",
                    "1",
                    "--seed",
                    str(seed),
                    "--policy",
                    policy,
                    "--json",
                ]
            )
            == 0
        )
        outs.append(json.loads(capsys.readouterr().out))
    assert len({o["state_hash"] for o in outs}) == 3
    assert outs[2]["policies"] == ["cooperative", "cooperative"]


def test_simulate_policy_list_is_taken_in_turn(capsys):
    assert main(["simulate", "--runs", "2", "--policy", "solo,random", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["policies"] == ["solo", "random", "solo", "random"]
    assert "state_hash" not in out


def test_simulate_prints_a_table_by_default(capsys):
    assert main(["simulate", "--runs", "5", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "shared score" in out and "cooperation dividend" in out and "helsinki" in out


def test_balance_report_compares_every_policy(capsys):
    assert (
        main(["simulate", str(DATA / "mini.yaml"), "--runs", "20", "--policy", "all", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert set(out["policies"]) == {
        "balanced",
        "mandate",
        "vision",
        "cooperative",
        "solo",
        "random",
    }
    assert sum(p["best_in_seeds"] for p in out["policies"].values()) == 20


def test_progress_bar_goes_to_stderr(capsys):
    assert main(["simulate", str(DATA / "mini.yaml"), "--runs", "30", "--progress", "--json"]) == 0
    cap = capsys.readouterr()
    json.loads(cap.out)
    assert "30/30" in cap.err


@pytest.mark.parametrize(
    "args, code, text",
    [
        (["simulate", "--runs", "0"], 1, "--runs"),
        (["simulate", "--policy", "greedy"], 1, "unknown policy 'greedy'"),
        (["simulate", "no-such-scenario"], 1, "no scenario file or bundled scenario"),
        (["simulate", "--runs", "many"], 2, "invalid int value"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_bad_arguments_give_exit_codes_and_no_traceback(capsys, args, code, text):
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(args))
    assert exc.value.code == code
    err = capsys.readouterr().err
    assert text in err and "Traceback" not in err


def test_validate_reports_every_problem_with_positions(tmp_path, capsys):
    bad = (DATA / "mini.yaml").read_text().replace("actors: [tem, lappi]", "actors: [tme, lappi]")
    bad = bad.replace("baseline: {city: 70, rural: 50}", "baseline: {city: 70, rurl: 50}")
    f = tmp_path / "bad.yaml"
    f.write_text(bad)
    assert main(["validate", str(f)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(
        ":" in line and "error: unknown actor 'tme' — did you mean 'tem'?" in line for line in err
    )
    assert any("unknown region type 'rurl' — did you mean 'rural'?" in line for line in err)
    line = next(ln for ln in err if "'tme'" in ln)
    file, row, col, *_ = line.split(":")
    assert file == str(f)
    assert bad.splitlines()[int(row) - 1][int(col) - 1 :].startswith("tme")


def test_validate_accepts_the_bundled_scenarios(capsys):
    assert main(["validate", "scenarios/finland-2040.yaml", str(DATA / "mini.yaml")]) == 0


def test_crash_is_logged_not_shown(tmp_path, monkeypatch, capsys):
    import game.cli as cli

    def boom(args):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(cli.COMMANDS, "validate", boom)
    assert cli.main(["validate", "x"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaboom" in err and "Traceback" not in err
    logs = list((tmp_path / "home" / "logs").glob("crash-*.log"))
    assert logs and "Traceback" in logs[0].read_text()
