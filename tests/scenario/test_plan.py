"""Room plan files: read with every problem located, played by `simulate --plan`."""

import copy
import functools
import json
import re
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.scenario.plan import load_plan, parse_plan, plan_to_yaml
from game.scenario.problems import ScenarioError
from game.scenario.yamlread import MAX_BYTES
from game.sim import bots, runner
from game.sim.plans import Plan
from game.sim.runner import play_batch
from tests.conftest import ROOT, load_model

EXAMPLE = ROOT / "scenarios" / "plans" / "cofund-smart-adaptation.yaml"

GOOD = """\
description: growth goes for skills, then for connections
teams:
  growth:
    shares: {vitality-investments: 0.4, competence-education: 0.6}
    pledges: {smart-adaptation: 3}
    votes: {eastern-support-use: skills}
    endorse: true
    turns:
      2028: {shares: {accessibility: 1.0}}
      2034: {pledges: {}}
"""

# fourteen mistakes, each of its own kind (an unknown team's decisions are checked too),
# and (line, col, words of the message) of each
BAD = """\
# a plan with a mistake of every kind
teems: {}
teams:
  growht: {shares: {accessibility: 0,4}}
  competence-welfare:
    shares:
      vitality-investmnets: 1
      accessibility: 0,5
      healthy-communities: -1
    pledges: {smart-adaption: 3, competence-hubs: "3"}
    votes: {eastern-support-use: skill, border-closure: continue}
    endorse: maybe
    turns:
      2027: {shares: {accessibility: 1.0}}
      2031: {endorse: true}
  east-north:
    shares: {accessibility: 0}
"""
BAD_PROBLEMS = [
    (2, 1, "unknown key 'teems' — did you mean 'teams'? (allowed here: teams, description)"),
    (4, 3, "unknown team 'growht' — did you mean 'growth'?"),
    (4, 38, "'4' is not a theme: a decimal written with a comma splits a {…} map in two"),
    (7, 7, "unknown theme 'vitality-investmnets' — did you mean 'vitality-investments'?"),
    (8, 22, "expected a number, found '0,5' (decimals take a point, like 0.5)"),
    (9, 28, "-1 is out of range: a share must be 0 or more"),
    (10, 15, "unknown package 'smart-adaption' — did you mean 'smart-adaptation'?"),
    (10, 51, "expected a number, found '3' (write the number without quotes)"),
    (11, 34, "dilemma 'eastern-support-use' has no option 'skill' — did you mean 'skills'?"),
    (11, 41, "event 'border-closure' is not a dilemma: only dilemmas are voted on"),
    (12, 14, "expected true or false, found 'maybe'"),
    (14, 7, "no turn starts in 2027 — did you mean 2028?"),
    (15, 14, "endorse cannot change by turn: the shared vision is signed in the first turn"),
    (17, 13, "the shares add up to 0"),
]

# the guide's example of the error lines (docs/scenario-authoring.md, "Room plans")
ROOM = """\
teams:
  growht:
    shares: {vitality-investments: 0,4, competence-education: 0.6}
  east-north:
    pledges: {smart-adaptation: "3"}
    votes: {eastern-support-use: skill, border-closure: continue}
    turns:
      2027: {shares: {accessibility: 1}}
      2031: {endorse: true}
"""


def write(tmp_path, text, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(text, model, display="plan.yaml"):
    with pytest.raises(ScenarioError) as err:
        parse_plan(text, model, display)
    return err.value.problems


def test_a_plan_file_becomes_arrays_turn_by_turn(tmp_path, finland):
    m = finland
    plan = load_plan(write(tmp_path, GOOD), m)
    g, ev = m.team_ids.index("growth"), m.event_ids.index("eastern-support-use")
    theme, pkg = m.theme_ids.index, m.package_ids.index("smart-adaptation")
    assert plan.teams.tolist() == [t == "growth" for t in m.team_ids]
    assert plan.endorse[g] and not plan.endorse[~plan.teams].any()
    first = np.zeros(len(m.theme_ids))
    first[[theme("vitality-investments"), theme("competence-education")]] = [0.4, 0.6]
    later = np.eye(len(m.theme_ids))[theme("accessibility")]
    years = [m.year_of(t) for t in range(m.n_turns)]
    for t, year in enumerate(years):
        # an override holds from its year on, until the next override of the same key
        assert np.allclose(plan.shares[t, g], first if year < 2028 else later)
        assert plan.pledges[t, g, pkg] == (3 if year < 2034 else 0)
        assert plan.pledges[t, g].sum() == plan.pledges[t, g, pkg]
        assert plan.votes[t, g, ev] == m.events[ev].options.index("skills")
        assert (np.delete(plan.votes[t, g], ev) == -1).all()


def test_a_team_without_shares_splits_evenly_and_signs_only_when_told(finland):
    plan = parse_plan("teams:\n  east-north:\n  growth: {endorse: false}\n", finland)
    for team in ("east-north", "growth"):
        j = finland.team_ids.index(team)
        assert np.allclose(plan.shares[:, j], 1 / len(finland.theme_ids))
        assert not plan.pledges[:, j].any() and (plan.votes[:, j] == -1).all()
        assert not plan.endorse[j]


def test_the_example_plan_is_an_even_split_that_cofunds_smart_adaptation(finland):
    plan = load_plan(EXAMPLE, finland)
    expected = Plan.even(finland)
    expected.pledges[:, :, finland.package_ids.index("smart-adaptation")] = 3
    for key in ("teams", "shares", "pledges", "votes", "endorse"):
        assert np.array_equal(getattr(plan, key), getattr(expected, key)), key


def test_the_guides_example_plan_and_error_lines_are_true(tmp_path, monkeypatch, capsys, finland):
    guide = (ROOT / "docs" / "scenario-authoring.md").read_text(encoding="utf-8")
    section = guide.split("## Room plans", 1)[1].split("\n## ", 1)[0]
    example = re.findall(r"```yaml\n(.*?)```", section, re.S)[0]
    plan = parse_plan(example, finland)
    assert plan.teams.sum() == 2 and not plan.endorse[finland.team_ids.index("east-north")]
    shown = re.findall(
        r"```\n\$ suunta simulate finland-2040 --plan room.yaml\n(.*?)```", section, re.S
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "room.yaml").write_text(ROOM, encoding="utf-8")
    assert main(["simulate", "finland-2040", "--plan", "room.yaml"]) == 1
    assert capsys.readouterr().err == shown[0]


def test_a_plan_plays_and_changes_the_outcome(tmp_path, finland):
    plan = load_plan(write(tmp_path, GOOD), finland)
    bots_only = play_batch(finland, 8, seed=3)
    planned = play_batch(finland, 8, seed=3, plan=plan)
    again = play_batch(finland, 8, seed=3, plan=plan)
    assert np.array_equal(planned.scores.shared, again.scores.shared)
    assert planned.state_hash(0) == again.state_hash(0)
    assert not np.allclose(planned.scores.shared, bots_only.scores.shared)


def test_the_planned_team_plays_the_plan_and_the_others_their_bots(tmp_path, finland, monkeypatch):
    m = finland
    plan = load_plan(write(tmp_path, GOOD), m)
    g = m.team_ids.index("growth")
    decided, played = [], []
    real_decide, real_resolve = bots.decide, runner.resolve_turn

    def decide(model, state, pols):
        dec = real_decide(model, state, pols)
        decided.append(copy.deepcopy(dec))  # apply_plan then changes `dec` in place
        return dec

    def resolve(model, state, dec, *args, **kw):
        closed = state.pkg_done & (state.pkg_left == 0)
        played.append((copy.deepcopy(dec), state.pending.copy(), closed))
        return real_resolve(model, state, dec, *args, **kw)

    monkeypatch.setattr(bots, "decide", decide)
    monkeypatch.setattr(runner, "resolve_turn", resolve)
    play_batch(m, 4, seed=5, plan=plan)
    assert len(played) == m.n_turns
    others = [j for j in range(len(m.team_ids)) if j != g]
    for t, (bot, (dec, pending, closed)) in enumerate(zip(decided, played, strict=True)):
        assert np.allclose(dec.shares[:, g], plan.shares[t, g])
        assert np.allclose(dec.pledges[:, g], np.where(closed, 0.0, plan.pledges[t, g]))
        cast = pending & (plan.votes[t, g] >= 0)
        assert np.array_equal(dec.votes[:, g], np.where(cast, plan.votes[t, g], bot.votes[:, g]))
        if t == 0:
            assert dec.endorse[:, g].all()
        for field in ("shares", "pledges", "votes"):
            assert np.array_equal(getattr(dec, field)[:, others], getattr(bot, field)[:, others])
    # the dilemma voted on was on the table, so the plan's vote counted
    ev = m.event_ids.index("eastern-support-use")
    assert any(p[:, ev].any() for _, p, _ in played)


def test_a_bad_plan_lists_every_problem_at_its_line_and_column(tmp_path, finland):
    path = write(tmp_path, BAD, "bad-plan.yaml")
    with pytest.raises(ScenarioError) as err:
        load_plan(path, finland)
    found = err.value.problems
    assert len(found) == len(BAD_PROBLEMS), "\n".join(p.format() for p in found)
    for p, (line, col, words) in zip(found, BAD_PROBLEMS, strict=True):
        assert (p.file, p.line, p.col, p.severity) == (str(path), line, col, "error"), p.format()
        assert words in p.message, p.format()
    assert str(err.value).splitlines()[0] == (
        f"{path}:2:1: error: unknown key 'teems' — did you mean 'teams'? "
        "(allowed here: teams, description) (at teems)"
    )


def test_unknown_names_near_none_list_what_exists(finland):
    text = "teams:\n  zzz: {}\n  growth: {votes: {qqq: a}, turns: {spring: {}}}\n"
    messages = [p.message for p in problems_of(text, finland)]
    assert messages == [
        "unknown team 'zzz' (the teams of finland-2040: "
        "growth, competence-welfare, east-north, green-access)",
        "unknown dilemma 'qqq' (the dilemmas of finland-2040: eastern-support-use, "
        "border-support, wellbeing-deficits, battery-vs-wind, eu-next-period, "
        "university-hubs, multi-locality-tax, mining-boom, labour-immigration)",
        "a turn is named by the year it starts (2022, 2025, 2028, 2031, 2034, 2037); "
        "found 'spring'",
    ]


def test_wrong_years_and_keys_get_the_nearest_ones(finland):
    text = (
        "teams:\n  growth:\n    endorse: yes\n    turns:\n"
        "      2040: {pledges: {}}\n      2026: {vote: {}}\n"
    )
    messages = [p.message for p in problems_of(text, finland)]
    assert messages == [
        "no turn starts in 2040 — did you mean 2037? "
        "(turns start in 2022, 2025, 2028, 2031, 2034, 2037)",
        "no turn starts in 2026 — did you mean 2025? "
        "(turns start in 2022, 2025, 2028, 2031, 2034, 2037)",
        "unknown key 'vote' — did you mean 'votes'? (allowed here: shares, pledges, votes)",
    ]


def test_a_comma_decimal_inside_braces_is_explained(finland):
    (p,) = problems_of("teams:\n  growth: {shares: {accessibility: 0,65}}\n", finland)
    assert (p.line, p.col) == (2, 38)  # at the 65
    assert "decimal written with a comma" in p.message and "like 0.65" in p.message


@pytest.mark.parametrize(
    "text, line, col, words",
    [
        ("", 1, 1, "the file is empty: a plan needs `teams:`"),
        ("# only comments\n", 1, 1, "the file is empty"),
        ("- growth\n", 1, 1, "a plan file must be a map with `teams:`"),
        ("description: x\n", 1, 1, "missing required key 'teams'"),
        ("teams: {}\n", 1, 8, "the plan names no team"),
        ("teams: [growth]\n", 1, 8, "expected a map of team ids"),
        ("teams:\n  growth: {shares: {accessibility: .inf}}\n", 2, 36, "not a finite number"),
        ("teams:\n  growth: {shares: {accessibility: true}}\n", 2, 36, "found true"),
        ("teams:\n  growth: {shares: {accessibility: 1}\n", 2, 11, "is a closing '}' missing?"),
        ("teams:\n\tgrowth: {}\n", 2, 1, "indent with spaces, never tabs"),
        ("teams: !!python/object:os.system x\n", 1, 8, "a plan file holds plain data only"),
    ],
)
def test_broken_files_get_one_plain_problem(finland, text, line, col, words):
    (p,) = problems_of(text, finland, "p.yaml")
    assert (p.file, p.line, p.col) == ("p.yaml", line, col), p.format()
    assert words in p.message, p.format()


def test_absent_and_oversized_files_are_refused(tmp_path, finland):
    with pytest.raises(ScenarioError) as err:
        load_plan(tmp_path / "nope.yaml", finland)
    assert "cannot read the file" in err.value.problems[0].message
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_plan(big, finland)
    assert "plan files may be at most 2 MB" in err.value.problems[0].message
    assert "at most 2 MB" in problems_of("#" * (MAX_BYTES + 1), finland)[0].message


def random_plan(model, rng) -> Plan:
    """A plan whose rows change now and then, as people write them."""
    J, T, P, n = len(model.team_ids), len(model.theme_ids), len(model.package_ids), model.n_turns
    plan = Plan.even(model, rng.random(J) < 0.6)
    if not plan.teams.any():
        plan.teams[rng.integers(J)] = True
    plan.endorse = rng.random(J) < 0.5
    dilemmas = [i for i, e in enumerate(model.events) if e.is_dilemma]
    for j in range(J):
        for t in range(n):
            if t and rng.random() < 0.6:  # most keys stay as they were
                for a in (plan.shares, plan.pledges, plan.votes):
                    a[t, j] = a[t - 1, j]
                continue
            shares = rng.random(T) * (rng.random(T) < 0.7)
            shares[rng.integers(T)] += rng.random() + 0.01
            plan.shares[t, j] = shares / shares.sum()
            plan.pledges[t, j] = rng.random(P) * 10 * (rng.random(P) < 0.2)
            plan.votes[t, j] = -1
            for i in dilemmas:
                if rng.random() < 0.3:
                    plan.votes[t, j, i] = rng.integers(len(model.events[i].options))
    return plan


@functools.cache
def finland_model():
    return load_model("finland-2040")


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_plan_to_yaml_reads_back_the_same_plan(seed):
    finland = finland_model()
    plan = random_plan(finland, np.random.default_rng(seed))
    text = plan_to_yaml(plan, finland, header=f"random plan {seed}\nsecond line")
    assert text.startswith(f"# random plan {seed}\n# second line\nteams:\n")
    back = parse_plan(text, finland)
    on = plan.teams
    assert np.array_equal(back.teams, on)
    assert np.array_equal(back.endorse[on], plan.endorse[on])
    assert np.array_equal(back.votes[:, on], plan.votes[:, on])
    assert np.allclose(back.shares[:, on], plan.shares[:, on], atol=5e-4)
    assert np.allclose(back.pledges[:, on], plan.pledges[:, on], atol=5e-5)


def test_plan_to_yaml_writes_overrides_only_where_a_key_changes(tmp_path, finland):
    text = plan_to_yaml(load_plan(write(tmp_path, GOOD), finland), finland)
    assert text == (
        "teams:\n"
        "  growth:\n"
        "    shares: {vitality-investments: 0.4, competence-education: 0.6}\n"
        "    pledges: {smart-adaptation: 3}\n"
        "    votes: {eastern-support-use: skills}\n"
        "    endorse: true\n"
        "    turns:\n"
        "      2028: {shares: {accessibility: 1}}\n"
        "      2034: {pledges: {}}\n"
    )
    with pytest.raises(ValueError, match="batched"):
        plan_to_yaml(Plan.even(finland).repeat(2), finland)


# -- the command line ---------------------------------------------------------------------


def simulate(capsys, *args):
    code = main(["simulate", "finland-2040", "--runs", "3", "--seed", "4", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_simulate_plan_json_names_the_plan(tmp_path, capsys):
    path = write(tmp_path, GOOD, "room.yaml")
    code, out, err = simulate(capsys, "--plan", path, "--json")
    assert code == 0, err
    planned = json.loads(out)
    assert planned["plan"] == "room.yaml" and planned["plan_teams"] == ["growth"]
    assert planned["runs"] == 3 and planned["seed"] == 4
    code, out, _ = simulate(capsys, "--json")
    plain = json.loads(out)
    assert code == 0 and "plan" not in plain and "plan_teams" not in plain
    assert planned["shared_score"] != plain["shared_score"]


def test_simulate_plan_summary_says_which_teams_the_plan_plays(capsys):
    code, out, err = simulate(capsys, "--plan", EXAMPLE)
    assert code == 0, err
    assert (
        "plan cofund-smart-adaptation.yaml plays growth, competence-welfare, east-north, "
        "green-access" in out
    )


def test_simulate_with_a_bad_plan_prints_its_problems_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, BAD, "bad-plan.yaml")
    code, out, err = simulate(capsys, "--plan", path)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == len(BAD_PROBLEMS)
    for line, (ln, col, words) in zip(lines, BAD_PROBLEMS, strict=True):
        assert line.startswith(f"{path}:{ln}:{col}: error: ") and words in line


def test_simulate_plan_with_policy_all_is_a_usage_error(capsys):
    code, out, err = simulate(capsys, "--plan", EXAMPLE, "--policy", "all")
    assert code == 2 and out == ""
    assert "--plan cannot be used with --policy all" in err
