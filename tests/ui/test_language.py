"""The session's language (F8 is saved with it; resume and the report use it), the
report's words (names, option labels, column headers, drawn marks, numbers per language,
a CSV for people beside the machine CSV) and the scenario's end year in the interface.
"""

import csv
import json
import re

import pygame

from game.cli import main
from game.i18n import LANGS, catalogue
from game.session.store import JOURNAL_FILE, SESSION_FILE, new_session
from tests.ui.conftest import MINI, key, make_app, scenario
from tests.ui.test_own_effect import drawn_texts

EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def test_f8_is_saved_with_the_session_and_a_resumed_game_speaks_it():
    from game.ui.app import _resume

    app = make_app(MINI, lang="fi")
    info = app.session_info
    journal = info.folder / JOURNAL_FILE
    before = journal.stat().st_mtime_ns
    key(app, pygame.K_F8)  # fi -> sv
    assert app.lang == "sv"
    assert json.loads((info.folder / SESSION_FILE).read_text())["lang"] == "sv"
    assert journal.stat().st_mtime_ns == before  # not a move: the last played time stays
    again = make_app(MINI, lang="fi", start=False)
    _resume(again, info.id)
    assert again.lang == "sv" and again.labels.lang == "sv"
    assert again.tr("phase.briefing") == "Lägesbild"


def bot_game(lang, ref="finland-2040"):
    sc, model = scenario(ref)
    s, info = new_session(sc, 3, [model.team_ids[0]], lang=lang)
    s.apply({"type": "advance"})
    s.apply({"type": "advance"})  # the people's team decides its first turn's split
    s.apply({"type": "decide", "team": model.team_ids[0], "kind": "allocation"})
    s.run_bots_to_end()
    return s, info


def test_the_report_is_written_in_the_sessions_language_by_default(tmp_path):
    s, info = bot_game("sv", MINI)
    assert main(["report", info.id, "--out", str(tmp_path)]) == 0
    page = (tmp_path / "report.html").read_text()
    assert '<html lang="sv">' in page and "Beslutslogg" in page
    assert (tmp_path / "decisions-sv.csv").exists()
    assert main(["report", info.id, "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    assert '<html lang="en">' in (tmp_path / "en" / "report.html").read_text()


def test_the_decision_log_speaks_in_names_and_real_headers(tmp_path):
    s, info = bot_game("fi")
    m = s.model
    sc = s.scenario.file
    assert main(["report", info.id, "--out", str(tmp_path)]) == 0
    page = (tmp_path / "report.html").read_text()
    log = page[page.index("<h2>Päätösloki</h2>") :]
    log = log[: log.index("</table>")]
    heads = re.findall(r"<th>(.*?)</th>", log)
    assert heads == ["Vuoro", "Vuosi", "Tiimi", "Kuka", "Mitä", "Kohde", "Arvo", "Huomio"]
    cells = set(re.findall(r"<td>(.*?)</td>", log))
    ids = set(m.theme_ids) | set(m.package_ids) | set(m.event_ids) | set(m.team_ids)
    ids |= {o for ev in m.events for o in ev.options} | {"allocation", "pledge", "vote"}
    assert not cells & ids, sorted(cells & ids)[:5]
    names = {t.name["fi"] for t in sc.teams} | {th.name["fi"] for th in sc.themes}
    assert names <= cells
    voted = [ev for ev in sc.events if ev.options]
    labels = {o.label["fi"] for ev in voted for o in ev.options}
    assert labels & cells  # the dilemmas' options by their labels
    assert "ihmiset" in cells and "botti" in cells
    assert any(re.fullmatch(r"\d+\xa0%", c) for c in cells)  # shares as 25 %
    assert not EMOJI.search(page)
    assert "<svg class=mark" in page  # drawn team markers
    assert not re.search(r"<td[^>]*>\d+\.\d", page)  # no dot decimals in fi
    chosen = re.findall(r"→ (.*?)</li>", page)  # the events' chosen options, by label
    assert chosen and set(chosen) <= labels


def test_a_csv_for_people_beside_the_machine_csv(tmp_path):
    s, info = bot_game("fi", MINI)
    assert main(["report", info.id, "--out", str(tmp_path)]) == 0
    raw = (tmp_path / "indicators-fi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads ä and ö right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Vuoro", "Vuosi", "Aluetyyppi", "Indikaattori", "Arvo", "Tavoite"]
    assert rows[1][2] == "Kaupunki" and re.fullmatch(r"\d+,\d\d", rows[1][4])
    people = list(csv.reader((tmp_path / "decisions-fi.csv").read_text("utf-8-sig").splitlines(),
                             delimiter=";"))  # fmt: skip
    assert people[0] == ["Vuoro", "Vuosi", "Tiimi", "Kuka", "Mitä", "Kohde", "Arvo", "Huomio"]
    with open(tmp_path / "indicators.csv") as fh:  # the machine CSV: ids and dot decimals
        machine = list(csv.DictReader(fh))
    assert machine[0]["region_type"] == "city" and "." in machine[0]["value"]
    float(machine[0]["value"])


def test_no_interface_string_says_2040_and_the_screens_show_the_scenarios_end_year():
    for lang in LANGS:  # the product's name is no year
        said = {k for k, v in catalogue(lang).items() if "2040" in v and k != "app.name"}
        assert not said, (lang, said)
    app = make_app(MINI, (1600, 900), lang="en")  # mini ends in 2031
    assert app.model.end_year == 2031
    texts = []
    for _ in range(3):
        texts += drawn_texts(app)
        app.advance()
    app.open_view("scores")
    texts += drawn_texts(app)
    shown = "\n".join(texts)
    assert "2040" not in shown.replace("Suunta 2040", "")
    assert "share of the way to the 2031 targets" in shown
