"""Sessions know their model: session.json records MODEL_VERSION; a session of another model
replays with a note and is never continued (issue 12 item 5).
"""

import json

import pytest

from game.cli import main
from game.scenario.loader import load
from game.session.store import (
    FORMAT_VERSION,
    SessionError,
    branch,
    new_session,
    open_session,
    read_info,
)
from game.sim.model import MODEL_VERSION
from tests.conftest import DATA


@pytest.fixture
def played():
    """A real session of the mini scenario, two turns in."""
    s, info = new_session(load(DATA / "mini.yaml"), seed=5, human=["growth"])
    for _ in range(6):
        s.apply({"type": "advance"})
    s.journal.close()
    return info


def _edit(info, **changes) -> None:
    path = info.folder / "session.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    path.write_text(json.dumps(meta), encoding="utf-8")


def test_a_new_session_records_the_model(played):
    meta = json.loads((played.folder / "session.json").read_text(encoding="utf-8"))
    assert meta["model_version"] == MODEL_VERSION
    assert read_info(played.folder).model_version == MODEL_VERSION


def test_a_session_without_the_field_is_model_1(played):
    _edit(played, model_version=None)
    assert read_info(played.folder).model_version == 1
    _edit(played, format_version=1)  # as written before the field existed
    info = read_info(played.folder)
    assert info.model_version == 1 and info.meta["format_version"] == FORMAT_VERSION


def test_a_current_session_replays_silently(played, capsys):
    assert main(["replay", played.id, "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["model_version"] == data["session_model_version"] == MODEL_VERSION
    assert err == ""


def test_another_model_replays_with_a_note(played, capsys):
    _edit(played, model_version=1)
    assert main(["replay", played.id, "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert (data["model_version"], data["session_model_version"]) == (MODEL_VERSION, 1)
    assert err.count("\n") == 1 and err.startswith(f"note: session {played.id}")
    assert f"model 1; this is model {MODEL_VERSION}" in err and "differs" in err


def test_another_model_reports_with_the_note(played, tmp_path, capsys):
    _edit(played, model_version=1)
    assert main(["report", played.id, "--out", str(tmp_path / "rep")]) == 0
    assert capsys.readouterr().err.startswith(f"note: session {played.id} was played under")
    assert (tmp_path / "rep" / "report.html").exists()


def test_another_model_is_not_resumed(played, capsys):
    _edit(played, model_version=1)
    before = (played.folder / "journal.jsonl").read_bytes()
    assert main(["play", "--resume", played.id, "--autoplay"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("suunta play: error: ")
    assert "model 1" in err and f"suunta report {played.id}" in err
    with pytest.raises(SessionError, match="played under model 1"):
        open_session(played.id)
    with pytest.raises(SessionError, match="branching"):
        branch(played.id, 0)
    assert (played.folder / "journal.jsonl").read_bytes() == before  # nothing appended


def test_the_title_screen_shows_the_refusal(played):
    from tests.ui.conftest import make_app

    _edit(played, model_version=1)
    app = make_app(start=False)
    app.scene.resume()
    assert app.session is None and app.scene.name == "title"
    text, kind, _ = app.toast
    assert kind == "error" and "played under model 1" in text
