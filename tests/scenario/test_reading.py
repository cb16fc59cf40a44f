"""Untrusted input is safe and fast to refuse: scenario files are mailed between people."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.scenario.loader import check
from game.scenario.yamlread import MAX_ALIASES, MAX_BYTES, read_yaml
from tests.conftest import DATA


def only_error(path) -> str:
    scenario, problems = check(path)
    assert scenario is None
    errors = [p for p in problems if p.severity == "error"]
    assert errors
    return errors[0].message


def test_a_file_over_2_mb_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# filler\n" * (MAX_BYTES // 9 + 1))
    assert big.stat().st_size > MAX_BYTES
    t = time.perf_counter()
    assert "at most 2 MB" in only_error(big)
    assert time.perf_counter() - t < 0.5


def test_an_alias_bomb_is_refused_within_a_second(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for n in "bcdefghijk":  # 10**11 values if expanded
        lines.append(f"{n}: &{n} [" + ", ".join(["*" + prev] * 10) + "]")
        prev = n
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines), encoding="utf-8")
    t = time.perf_counter()
    message = only_error(bomb)
    assert time.perf_counter() - t < 1.0
    assert "aliases" in message


def test_too_many_aliases_are_refused(tmp_path):
    many = tmp_path / "many.yaml"
    many.write_text("x: &x 1\nys: [" + ", ".join(["*x"] * (MAX_ALIASES + 5)) + "]\n")
    assert "uses of YAML aliases" in only_error(many)


def test_deep_nesting_is_refused_without_a_crash(tmp_path):
    for text in ("[" * 5000 + "]" * 5000, "a:\n" + "".join(f"{' ' * i}- \n" for i in range(200))):
        deep = tmp_path / "deep.yaml"
        deep.write_text(text, encoding="utf-8")
        only_error(deep)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"# only a comment\n", "empty"),
        (b"meta:\n  title: J\xe4rvi\n", "not UTF-8"),
        (b"\xff\xfem\x00e\x00t\x00a\x00", "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
        (b"null\n", "must be a mapping"),
        (b"42\n", "must be a mapping"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path, raw, words):
    f = tmp_path / "x.yaml"
    f.write_bytes(raw)
    assert words in only_error(f)


def test_a_utf8_byte_order_mark_is_fine(tmp_path):
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + (DATA / "mini.yaml").read_bytes())
    scenario, _ = check(f)
    assert scenario is not None


def test_a_date_is_read_as_text_not_refused(tmp_path):
    f = tmp_path / "date.yaml"
    f.write_text("a: 2021-12-08\n", encoding="utf-8")
    loc, problems = read_yaml(f)
    assert not problems and loc.data == {"a": "2021-12-08"}


def test_missing_files_and_folders_are_errors_not_tracebacks(tmp_path):
    assert "no scenario file" in only_error(tmp_path / "nope.yaml")
    assert "is a folder" in only_error(tmp_path)
    assert "no scenario file" in only_error("a\x00b")


@pytest.mark.parametrize(
    "raw",
    [b"", b"\xff\xfe\x00", b"meta: [\n", b"a: *nowhere\n", b"a: !!binary aGk=\n", b"- 1\n"],
)
def test_the_command_line_never_shows_a_traceback(tmp_path, raw):
    f = tmp_path / "x.yaml"
    f.write_bytes(raw)
    out = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(f)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.startswith(f"{f}:") and "Traceback" not in out.stderr


def test_every_position_points_into_the_file(tmp_path):
    """Line and column of every value and key exist in the text they point into."""
    loc, _ = read_yaml(DATA / "mini.yaml")
    lines = (DATA / "mini.yaml").read_text(encoding="utf-8").splitlines()
    for table in (loc.values, loc.keys):
        for _path, (file, line, col) in table.items():
            assert file == str(DATA / "mini.yaml")
            assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1
    # a key's position is where the key is written
    f, line, col = loc.keys[("actors", 0, "budget")]
    assert lines[line - 1][col - 1 :].startswith("budget")


def test_text_positions_follow_quotes_and_folded_lines(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(
        "a: \"year > 3 and x\"\nb: >-\n  year > 3 and\n  zzz < 1\nc: 'it''s'\n", encoding="utf-8"
    )
    loc, _ = read_yaml(f)
    assert loc.text_pos(("a",), 13, loc.data["a"])[1:] == (1, 18)  # the 'and' …
    assert loc.text_pos(("b",), 13, loc.data["b"])[1:] == (4, 3)  # zzz on the next line
    assert loc.text_pos(("c",), 3, loc.data["c"])[1:] == (5, 9)  # after the doubled quote


def test_reading_is_fast_enough_for_the_biggest_bundled_file():
    root = Path(__file__).resolve().parents[2]
    t = time.perf_counter()
    loc, problems = read_yaml(root / "scenarios" / "finland-2040.yaml")
    assert loc is not None and not problems
    assert time.perf_counter() - t < 1.0


def test_too_many_actors_in_teams_is_refused_before_it_eats_memory(tmp_path):
    """Every pair of team actors is a possible relationship the game follows: a small file
    listing thousands of them must not reach the simulation."""
    import yaml

    n = 700
    data = {
        "meta": {"id": "big", "title": "Big"},
        "region_types": [{"id": "r", "name": "R"}],
        "indicators": [{"id": "k", "name": "K", "baseline": {"r": 50}}],
        "themes": [{"id": "t", "name": "T", "effects": {"k": 1}}],
        "actors": [{"id": f"a{i}", "kind": "ministry", "name": "x", "budget": 1} for i in range(n)],
        "teams": [
            {"id": f"t{j}", "name": "T", "actors": [f"a{i}" for i in range(j, n, 8)]}
            for j in range(8)
        ],
        "vision": {"targets": {"k": 60}},
    }
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert "put at most 283 actors in teams" in only_error(path)  # 283·282/2 ≤ 40,000
