"""A real browser plays a full turn of the room mode: Debian's Chromium, driven by
playwright, opens four team pages and the facilitator's page. Teams sign the vision,
vote, pledge, move their sliders (the outlook answers) and say they have decided; the
facilitator closes the phase. The projector's statuses and the journal must match what
the pages did, and the journal must replay to the same game.

Without Chromium the test skips and says why, unless SUUNTA_REQUIRE_BROWSER=1 (CI), where
a missing browser fails. SUUNTA_ROOM_SHOTS=DIR keeps the pages' screenshots there.
"""

import os
import shutil
from pathlib import Path

import pytest

from game.session.session import replay
from game.session.store import read_journal
from tests.room.conftest import Rig

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the test extra has it; without it the test skips (or fails in CI)
    expect = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    required = os.environ.get("SUUNTA_REQUIRE_BROWSER") == "1"
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if required:
            pytest.fail("SUUNTA_REQUIRE_BROWSER=1 but Chromium is not installed")
        pytest.skip("Chromium is not installed (.ci/run installs it with apt-get)")
    if sync_playwright is None:
        if required:
            pytest.fail("SUUNTA_REQUIRE_BROWSER=1 but playwright is not installed")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        exe = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        b = p.chromium.launch(executable_path=exe, args=ARGS)
        yield b
        b.close()


def page(browser, url, lang, size, errors):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    ctx.add_init_script(f"localStorage.setItem('suunta.lang', '{lang}')")
    tab = ctx.new_page()
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.goto(url)
    return tab


def test_four_teams_and_the_facilitator_play_a_turn_in_chromium(browser, tmp_path):
    rig = Rig("finland-2040", previews="process")
    shots = Path(os.environ.get("SUUNTA_ROOM_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    try:
        room, model = rig.room, rig.model
        teams = room.codes.teams()
        assert len(teams) == 4
        sizes = [((360, 740), "fi"), ((1280, 800), "sv"), ((360, 740), "sv"), ((1280, 800), "fi")]
        tabs = [page(browser, room.url(t), lang, size, errors)
                for t, (size, lang) in zip(teams, sizes, strict=True)]  # fmt: skip
        fac = page(browser, room.url("facilitator"), "en", (1280, 800), errors)
        for tab in tabs:
            tab.wait_for_selector("#decided")
            assert "#t=" not in tab.url  # the token leaves the address bar
        fac.wait_for_selector("#advance")
        fac.click("#advance")  # briefing -> deliberation
        for tab in tabs:
            tab.wait_for_selector("#sign-yes")
        # deliberation: every team signs (or not), votes on every dilemma and pledges
        pkg = model.package_ids[0]
        for i, tab in enumerate(tabs):
            tab.click("#sign-yes" if i % 2 == 0 else "#sign-no")
            for fs in tab.locator("fieldset.vote").all():  # (not the vision workshop's)
                fs.locator("input[type=radio]").nth(i % 2).check()
            box = tab.locator(f"#pledge-{pkg}")
            box.fill("4")
            box.dispatch_event("change")
        s = rig.app.session
        for tab in tabs:  # (locators, not wait_for_function: the page's CSP forbids eval)
            expect(tab.locator(f"#pledge-{pkg}")).to_have_value("4")
        fac.click("#advance")  # deliberation -> allocation
        theme = model.theme_ids[0]
        for i, tab in enumerate(tabs):
            tab.wait_for_selector(f"#share-{theme}:not([disabled])")
            tab.focus(f"#share-{theme}")
            for _ in range(3 + i):
                tab.keyboard.press("ArrowRight")
        for tab in tabs:  # the server's projection of the team's own split
            expect(tab.locator("#outlook-shared")).not_to_have_text("…")
        rig.do(lambda: rig.app.render() and rig.app.screenshot(shots / "projector-board.png"))
        for tab in tabs:
            tab.click("#decided")
        for t, tab in zip(teams, tabs, strict=True):
            try:
                expect(tab.locator("#decided")).to_have_attribute("aria-pressed", "true")
            except AssertionError:
                j = model.team_ids.index(t)
                said = rig.do(lambda j=j: {k: s.decision_state(j, k) for k in s.decision_kinds()})
                raise AssertionError(
                    f"{t}: {said}; the page: {tab.inner_text('#toast')!r}"
                ) from None
        # every connection drops (screen lock, Wi-Fi): the pages reconnect by themselves,
        # show the game as it is and act again
        first = max(rig.room.server.conns)
        rig.room.server.kick(None, None)
        tabs[0].click("#decided")  # change our mind (sent once the page is back)
        expect(tabs[0].locator("#decided")).to_have_attribute("aria-pressed", "false")
        tabs[0].click("#decided")
        expect(tabs[0].locator("#decided")).to_have_attribute("aria-pressed", "true")
        for _ in range(100):
            rows = rig.do(rig.room.statuses)
            back = min(rig.room.server.conns, default=0) > first  # all new connections
            if (
                back
                and {r["status"] for r in rows} == {"decided"}
                and len(rig.room.server.conns) == 5
            ):
                break
            tabs[0].wait_for_timeout(50)
        assert back and {r["status"] for r in rows} == {"decided"}, rows
        assert all(r["devices"] == 1 for r in rows)
        tabs[0].screenshot(path=str(shots / "team-fi-360x740.png"), full_page=True)
        tabs[1].screenshot(path=str(shots / "team-sv-1280x800.png"), full_page=True)
        tabs[2].screenshot(path=str(shots / "team-sv-360x740.png"), full_page=True)
        tabs[3].screenshot(path=str(shots / "team-fi-1280x800.png"), full_page=True)
        fac.screenshot(path=str(shots / "facilitator-1280x800.png"), full_page=True)
        assert rig.do(lambda: s.undecided()) == []
        # the journal holds what the pages did, for their own teams
        cmds = read_journal(rig.app.session_info.folder)[0]
        cmds = [{k: v for k, v in c.items() if k != "room"} for c in cmds]
        changed = [c["decided"] for c in cmds if c.get("team") == teams[0]
                   and c["type"] == "decide" and c["kind"] == "allocation"]  # fmt: skip
        assert changed[-3:] == [True, False, True]
        for i, t in enumerate(teams):
            mine = [c for c in cmds if c.get("team") == t]
            assert {"type": "endorse", "team": t, "signs": i % 2 == 0} in mine
            assert any(c["type"] == "vote" for c in mine)
            assert any(c["type"] == "allocate" and c["pledges"].get(pkg) == 4 for c in mine)
            assert {"type": "decide", "team": t, "kind": "allocation", "decided": True} in mine
        j0 = model.team_ids.index(teams[0])
        assert rig.do(lambda: s.human_shares(j0)[0]) > 0.2  # the slider moved right
        fac.click("#advance")  # resolve the turn
        for _ in range(200):
            if rig.do(lambda: s.phase) == "resolution":
                break
            tabs[0].wait_for_timeout(25)
        assert rig.do(lambda: s.phase) == "resolution"
        cmds = read_journal(rig.app.session_info.folder)[0]
        again = replay(model, s.seed, s.human, cmds)
        assert again.game.state_hash() == rig.do(lambda: s.game.state_hash())
        assert again.phase == "resolution" and again.settled(0) == rig.do(lambda: s.settled(0))
        assert not errors, errors
    finally:
        rig.stop()


def test_a_team_page_forms_the_vision_and_rates_the_drivers(browser, tmp_path):
    """The first turn's workshops on a team's page (issue 18): a driver rated from the
    grid in the briefing, a vision weight and a target shift set in the deliberation; the
    session records them as the team's commands, and the team's other device shows them.
    """
    rig = Rig("finland-2040")
    shots = Path(os.environ.get("SUUNTA_ROOM_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    try:
        room, s = rig.room, rig.app.session
        team = room.codes.teams()[0]
        j = rig.model.team_ids.index(team)
        phone = page(browser, room.url(team), "fi", (360, 740), errors)
        laptop = page(browser, room.url(team), "sv", (1280, 800), errors)
        cell = "#rate-urbanisation-eastern-border"
        phone.select_option(cell, "4")
        expect(laptop.locator(cell)).to_have_value("4")
        phone.screenshot(path=str(shots / "drivers-fi-360x740.png"), full_page=True)
        laptop.locator("#drivers").screenshot(path=str(shots / "drivers-sv-1280x800.png"))
        rig.do(rig.app.advance)  # briefing -> deliberation: the vision round opens
        phone.click("#w-wellbeing-4 + span")  # the phone's way: a tap on the button
        expect(laptop.locator("#w-wellbeing-4")).to_be_checked()
        laptop.focus("#shift-eastern-border")  # the laptop's: the keyboard
        laptop.keyboard.press("ArrowRight")
        expect(phone.locator("#shift-eastern-border")).to_have_value("2.5")
        phone.mouse.wheel(0, -20000)  # (from the top: the header is sticky)
        phone.screenshot(path=str(shots / "vision-fi-360x740.png"), full_page=True)
        laptop.locator("#form").screenshot(path=str(shots / "vision-sv-1280x800.png"))
        k = rig.model.indicator_ids.index("wellbeing")
        r = rig.model.region_ids.index("eastern-border")
        d = rig.model.driver_ids.index("urbanisation")
        ws = rig.do(lambda: s.game.workshop)
        assert ws.ratings[j, d, r] == 4 and ws.proposed[j]
        w = rig.do(lambda: ws.proposals[j].copy())
        assert w[k] == pytest.approx(0.8 * w.max())  # 4 points where the largest has 5
        assert rig.do(lambda: ws.shifts[j, r].tolist()) == [2.5] * len(rig.model.indicator_ids)
        cmds = [c for c in read_journal(rig.app.session_info.folder)[0] if c.get("team") == team]
        assert [c["type"] for c in cmds].count("propose") == 2
        assert {"urbanisation": {"eastern-border": 4}} in [c.get("ratings") for c in cmds]
        assert not errors, errors
    finally:
        rig.stop()
