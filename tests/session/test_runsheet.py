"""The facilitator's run-sheet (issue 13): what it holds, `suunta runsheet`, and that
headless Chromium prints it on at most four A4 pages.
"""

import html
import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import load
from game.scenario.text import text
from game.session.runsheet import RunsheetError, parse_start, render_runsheet
from game.session.schedule import plan_schedule

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def finland():
    return load("finland-2040")


def page(scenario, lang="en", length=None, **kw):
    return render_runsheet(scenario, plan_schedule(scenario.compile().n_turns, length), lang, **kw)


def plain(page):
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_run_sheet_holds_the_agenda_teams_scripts_events_and_cards(finland):
    html = page(finland)
    words = plain(html)
    f = finland.file
    # the agenda: intro, every turn's phases at their clock times, the debrief at the end
    for at in ("0:00", "0:10", "0:13", "0:21", "0:26", "0:27", "0:30", "1:45"):
        assert f"<b>{at}</b>" in html, at
    assert "ends 2:00" in words
    assert all(f"Turn {n}" in words for n in range(1, 7))
    assert "suunta play finland-2040 --length 120 --lang en" in words
    # the teams with their actors and mandates
    for team in f.teams:
        assert text(team.name, "en") in words and text(team.mandate.description, "en") in words
    actors = {a.id: a for a in f.actors}
    for a in f.teams[0].actors:
        assert text(actors[a].name, "en") in words
    # what to say at each phase
    for heading in ("Intro", "Briefing", "Deliberation", "Allocation", "Reflection", "Debrief"):
        assert f"<dt>{heading}</dt>" in html
    # the dilemmas and elections in order, with how often they came in bot games
    section = words[words.index("Dilemmas and elections in order") :]
    m = finland.compile()
    dilemmas = sorted(((int(e.turns.argmax()), i, f.events[i]) for i, e in enumerate(m.events)
                       if e.is_dilemma), key=lambda d: d[:2])  # fmt: skip
    positions = [section.index(text(e.title, "en")) for _, _, e in dilemmas]
    assert len(dilemmas) == 9 and positions == sorted(positions)
    assert all(f"Election {y}" in words for y in f.elections.years)
    assert "of bot games" in words and "certain" in words
    # what to print: the package cards
    for p in f.packages:
        assert text(p.title, "en") in words and text(p.text, "en") in words
    assert "Print the action package cards (11)" in words
    assert "@media print" in html and "@page { size: A4" in html


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_word_of_the_run_sheet_is_translated(finland, lang):
    html = page(finland, lang)
    assert not re.search(r"\brs\.[a-z_]+", html)
    assert f'lang="{lang}"' in html
    english = page(finland, "en")
    assert plain(html) != plain(english)
    assert {"fi": "Työpajan käsikirjoitus", "sv": "Körschema"}[lang] in html


def test_who_plays_and_a_start_time_and_a_break(finland):
    people_bots = ["people", "mandate", "people", "cooperative"]
    html = page(finland, "fi", 180, start=parse_start("9.30"), players=people_bots)
    words = plain(html)
    assert "Pelaajat pelaavat: Kasvu ja kilpailukyky, Itä ja pohjoinen." in words
    assert "botti (oma mandaatti)" in words and "☐" not in words.split("Tiimit")[-1]
    assert "9.30" in words and "12.30" in words  # Finnish clock times, ending at 12.30
    assert "Tauko" in words and "Tauko 15 min vuoron 3 jälkeen." in words
    with pytest.raises(RunsheetError):
        parse_start("25:00")
    assert parse_start(None) is None and parse_start("09:05") == 9 * 60 + 5


def test_runsheet_command(tmp_path, capsys):
    assert main(["runsheet", "--out", str(tmp_path / "a")]) == 0
    out = Path(capsys.readouterr().out.strip())
    assert out == tmp_path / "a" / "runsheet.html" and "Työpajan käsikirjoitus" in out.read_text()
    argv = ["runsheet", "tutorial", "--lang", "sv", "--length", "90", "--start", "13:00",
            "--timings", "deliberation=12", "--out", str(tmp_path / "b")]  # fmt: skip
    assert main(argv) == 0
    html = Path(capsys.readouterr().out.strip()).read_text()
    assert "--timings deliberation=12" in html and "13:00" in html
    for bad, why in [
        (["--length", "30"], "45 to 480"),
        (["--length", "60"], "at least 70"),
        (["--start", "noon"], "09:00"),
        (["--timings", "x=1"], "unknown part"),
        (["no-such-scenario"], "no-such-scenario"),
    ]:
        assert main(["runsheet", *bad, "--out", str(tmp_path / "c")]) == 1
        assert why in capsys.readouterr().err
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert main(["runsheet", "--out", str(blocked / "x")]) == 1
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["runsheet"])  # --out is required
    assert exit_.value.code == 2


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by playwright (`.ci/run` installs both when missing)."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (.ci/run installs it with apt-get)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize(
    "ref,lang,length",
    [("finland-2040", "fi", None), ("finland-2040", "en", None), ("finland-2040", "sv", None),
     ("finland-2040", "fi", 180), ("tutorial", "sv", None),
     ("raw-materials-tourism", "fi", None)],  # the fullest of the futures
)  # fmt: skip
def test_chromium_prints_the_run_sheet_on_at_most_four_a4_pages(
    chromium, tmp_path, ref, lang, length
):
    path = tmp_path / "runsheet.html"
    path.write_text(page(load(ref), lang, length), encoding="utf-8")
    tab = chromium.new_page()
    try:
        tab.goto(path.as_uri())
        pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        tab.close()
    assert pdf.startswith(b"%PDF")
    assert 3 <= pdf_pages(pdf) <= 4
