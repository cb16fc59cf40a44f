"""The report is rendered from a Jinja2 template with autoescape: scenario text is text,
whatever it holds; and its words come from the catalogues, in every language."""

import re
from pathlib import Path

from game.i18n import LANGS, catalogue
from game.scenario.loader import load
from game.session.report import REPORT_LABELS, write_report
from game.session.store import new_session
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]


def test_the_report_escapes_what_the_scenario_says(tmp_path):
    sc = load(DATA / "mini.yaml")
    f = sc.file
    team = f.teams[0].model_copy(update={"name": '<img src=x onerror="alert(1)">'})
    meta = f.meta.model_copy(update={"title": "<script>alert('title')</script>"})
    sc.file = f.model_copy(update={"meta": meta, "teams": [team, *f.teams[1:]]})
    s, info = new_session(sc, seed=3, human=[])
    s.run_bots_to_end()
    write_report(s, info, sc.file, tmp_path, "en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert page.count("<table") >= 4 and "<svg class=mark" in page  # our markup stays


def test_every_word_of_the_report_is_in_every_catalogue():
    for lang in LANGS:
        missing = [k for k in REPORT_LABELS if f"report.{k}" not in catalogue(lang)]
        assert not missing, (lang, missing)


def test_the_report_asks_only_for_words_it_has():
    used = set()
    template = (ROOT / "game" / "session" / "templates" / "report.html.j2").read_text()
    used |= set(re.findall(r"\bL\.(\w+)", template))
    used |= set(re.findall(r"\bL\[\"([\w.-]+)\"\]", template))
    code = (ROOT / "game" / "session" / "report.py").read_text()
    used |= set(re.findall(r"\bL\[\"([\w.-]+)\"\]", code))
    used |= set(re.findall(r"labels\[\"([\w.-]+)\"\]", code))
    assert used and used <= set(REPORT_LABELS), used - set(REPORT_LABELS)
