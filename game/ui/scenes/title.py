"""The title screen: choose a scenario, the language, the seed and who plays each team."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene
from game.ui.settings import FONT_SCALES, TUTORIAL_SCENARIO, PlayError
from game.ui.theme import mix
from game.ui.widgets import Button, Cycle, TextInput, Widget, draw_focus, labelled_box

LANG_NAMES = {"fi": "Suomi", "en": "English", "sv": "Svenska"}


class NumberField(Widget):
    """A whole number: type digits, Backspace deletes, ←/→ step by one."""

    hint_key = "hint.number"

    def __init__(self, key: str, label: str, value: int, on_change, rect=None):
        super().__init__(key, rect)
        self.label, self.value, self.on_change = label, value, on_change

    def on_key(self, ev, app) -> bool:
        """Digits, Backspace and ←/→."""
        v = self.value
        if ev.unicode and ev.unicode.isdigit() and len(str(v)) < 12:
            v = int(str(v) + ev.unicode) if v else int(ev.unicode)
        elif ev.key == pygame.K_BACKSPACE:
            v = int(str(v)[:-1] or 0)
        elif ev.key == pygame.K_RIGHT:
            v += 1
        elif ev.key == pygame.K_LEFT:
            v = max(0, v - 1)
        else:
            return False
        self.value = v
        self.on_change(v)
        return True

    def on_mouse(self, ev, app) -> bool:
        """A click focuses the field."""
        return ev.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)

    def draw(self, surf, app, focused) -> None:
        """Label and the number."""
        box = labelled_box(surf, app, self.rect, self.label)
        app.tp.line(surf, str(self.value), box, "bodyb", app.pal.ink, "center")
        if focused:
            draw_focus(surf, self.rect, app)


class TitleScene(Scene):
    """Start a new game, resume one, or quit."""

    name = "title"

    def __init__(self, app):
        super().__init__(app)
        from game.scenario.loader import bundled
        from game.sim.bots import POLICIES
        from game.ui.readmodel import team_policies

        self.policies = POLICIES
        self.bundled = bundled()
        args = app.args
        ref = str(getattr(args, "scenario", "") or "")
        self.choices = list(self.bundled)
        if ref and ref not in self.choices:
            self.choices.append(ref)
        self.choice = self.choices.index(ref) if ref in self.choices else 0
        self.seed = args.seed if getattr(args, "seed", None) is not None else app.model.seed
        self.seed_from_scenario = getattr(args, "seed", None) is None
        self.team_count = getattr(args, "teams", None)
        self.default_policies = team_policies
        self.reset_teams()
        self.path_text = ""  # the scenario file typed on the form, kept across layouts

    def reset_teams(self) -> None:
        """People play the first --teams teams the plan does not play (all by default);
        bots the rest.
        """
        m = self.app.model
        planned = self.app.planned()
        free = [j for j in range(len(m.team_ids)) if j not in planned]
        n = len(free) if self.team_count is None else min(self.team_count, len(free))
        pols = self.default_policies(m, None)
        # option 0: a person; option 1 + i: bot with policy i (a planned team keeps its
        # policy for the votes the plan leaves to the bot)
        self.team_mode = [
            0 if j in free[:n] else 1 + self.policies.index(pols[j]) for j in range(len(m.team_ids))
        ]
        if self.seed_from_scenario:
            self.seed = m.seed

    # -- actions ---------------------------------------------------------------------------
    def pick_scenario(self, i: int) -> None:
        """Load the chosen bundled scenario."""
        self.choice = i
        self._load(self.choices[i])

    def _load(self, ref: str) -> bool:
        from game.scenario.loader import load_scenario
        from game.scenario.problems import ScenarioError

        try:
            scenario, model = load_scenario(ref)
        except ScenarioError as err:
            first = err.problems[0].format() if err.problems else ref
            self.app.notify(self.app.tr("title.bad_scenario", problem=first), "error", 8)
            return False
        self.app.open_scenario(scenario, model)
        self.reset_teams()
        return True

    def typed_path(self, text: str) -> None:
        """Enter in the file field: load the scenario file typed there."""
        self.path_text = text
        self.load_path()

    def load_path(self) -> None:
        """Load the scenario file typed in the entry."""
        path = self.path_text.strip()
        if path and self._load(path):
            if path not in self.choices:
                self.choices.append(path)
            self.choice = self.choices.index(path)
            self.app.notify(self.app.tr("title.loaded", title=self.app.labels.title()))

    def set_mode(self, j: int, i: int) -> None:
        """Person or bot (with which policy) for team j."""
        self.team_mode[j] = i

    def set_lang(self, i: int) -> None:
        """Choose the language."""
        self.app.set_language(list(LANG_NAMES)[i])

    def set_seed(self, v: int) -> None:
        """Choose the seed."""
        self.seed = v
        self.seed_from_scenario = False

    def start(self) -> None:
        """Start a new game with the choices made."""
        m = self.app.model
        planned = self.app.planned()
        human = [j for j, mode in enumerate(self.team_mode) if mode == 0 and j not in planned]
        base = self.default_policies(m, None)
        pols = [
            base[j] if mode == 0 or j in planned else self.policies[mode - 1]
            for j, mode in enumerate(self.team_mode)
        ]
        self.app.start_game(self.seed, human, pols if pols != base else None)

    # -- session plan and run-sheet ---------------------------------------------------------
    def _length_cycle(self, rect: pygame.Rect) -> Cycle:
        """The session length: the lengths that fit the scenario's turns (with --timings,
        the minutes the plan adds up to).
        """
        from game.session.schedule import length_choices, plan_schedule

        app = self.app
        n = app.model.n_turns
        current = app.planned_schedule().length
        self.lengths = length_choices(n, current)
        labels = [
            app.tr("title.minutes", n=plan_schedule(n, v, app.timings).total) for v in self.lengths
        ]
        return Cycle("length", app.tr("title.length"), labels, self.lengths.index(current),
                     lambda i: app.set_length(self.lengths[i]), rect)  # fmt: skip

    def plan_text(self) -> str:
        """The session plan in one line: intro, turns, debrief and the end (title.schedule)."""
        sc, tr = self.app.planned_schedule(), self.app.tr
        pause = "".join(tr("title.schedule_break", n=v) for v in sc.breaks.values())
        return tr(
            "title.schedule",
            total=sc.total,
            intro=sc.intro,
            first=sc.turn_minutes(0),
            rest=sc.n_turns - 1,
            turn=sc.turn_minutes(min(1, sc.n_turns - 1)),
            debrief=sc.debrief,
            pause=pause,
        )

    def players(self) -> list[str]:
        """Who plays each team as chosen: "people" or the bot's policy."""
        planned = self.app.planned()
        base = self.default_policies(self.app.model, None)
        return [
            base[j] if j in planned else "people" if mode == 0 else self.policies[mode - 1]
            for j, mode in enumerate(self.team_mode)
        ]

    def runsheet(self) -> None:
        """Write the facilitator's run-sheet for the choices made, and open it in the web
        browser (on a machine without one, the message says where it is).
        """
        from game.session.runsheet import write_runsheet
        from game.session.store import data_dir

        app = self.app
        folder = data_dir() / "runsheets" / f"{app.model.scenario_id}-{app.lang}"
        try:
            path = write_runsheet(
                app.scenario, app.planned_schedule(), folder, app.lang, players=self.players()
            )
        except OSError as err:
            app.notify(app.tr("title.runsheet_failed", reason=str(err)), "error", 10)
            return
        opened = _open_in_browser(path)
        key = "title.runsheet_opened" if opened else "title.runsheet_written"
        app.notify(app.tr(key, path=str(path)), seconds=12)

    def resume(self) -> None:
        """Continue the latest saved game."""
        try:
            self.app.resume(_latest_ref(self.app))
        except PlayError as err:  # missing, damaged, or played under another model
            self.app.notify(str(err), "error", 10)
        except Exception as err:  # noqa: BLE001 - a broken save must not end the workshop
            self.app.notify(str(err), "error")

    def quit(self) -> None:
        """Close the game."""
        self.app.running = False

    # -- layout ----------------------------------------------------------------------------
    def layout(self, body: pygame.Rect) -> None:
        """Left: what the game is; right: the new-game form."""
        app = self.app
        tr = app.tr
        full = pygame.Rect(0, 0, app.size[0], body.bottom)
        self.left = pygame.Rect(0, 0, int(full.width * 0.42), full.height)
        right = pygame.Rect(
            self.left.right + app.px(24),
            app.px(28),
            full.width - self.left.right - app.px(48),
            full.height - app.px(44),
        )
        self.form = right
        inner = right.inflate(-app.px(40), -app.px(32))
        title_h = app.tp.line_height("h1") + app.px(10)
        m = app.model
        n_rows = 5 + len(m.team_ids) + 1
        gap = app.px(8)
        fixed = title_h + (n_rows - 1) * gap + app.tp.line_height("smallb") + app.px(8)
        row_h = max(
            app.tp.line_height("body") + app.px(8),
            min(app.px(58), (inner.height - fixed) // n_rows),
        )
        content_h = fixed + n_rows * row_h
        if content_h < inner.height:  # a form that fits: centre it, card hugging it
            shrink = inner.height - content_h
            right = right.inflate(0, -shrink)
            self.form = right
            inner = right.inflate(-app.px(40), -app.px(32))
        y = inner.y + title_h
        widgets: list[Widget] = []

        def row() -> pygame.Rect:
            nonlocal y
            r = pygame.Rect(inner.x, y, inner.width, row_h)
            y += row_h + gap
            return r

        labels = list(self.choices)
        widgets.append(
            Cycle("scenario", tr("title.scenario"), labels, self.choice, self.pick_scenario, row())
        )
        path_row = row()
        lab_w = int(path_row.width * 0.42)
        self.path_label = pygame.Rect(
            path_row.x + app.px(12), path_row.y, lab_w - app.px(16), path_row.height
        )
        entry_rect = pygame.Rect(
            path_row.x + lab_w, path_row.y, path_row.width - lab_w, path_row.height
        )
        typed = next((w for w in self.ring.widgets if isinstance(w, TextInput)), None)
        if typed is not None:  # a layout again (text size, contrast): the text stays
            self.path_text = typed.text
        widgets.append(
            TextInput(
                "path",
                self.path_text,
                self.typed_path,
                tr("title.path_placeholder"),
                entry_rect,
            )
        )
        langs = list(LANG_NAMES)
        widgets.append(
            Cycle(
                "lang",
                tr("title.language"),
                [LANG_NAMES[c] for c in langs],
                langs.index(app.lang),
                self.set_lang,
                row(),
            )
        )
        r = row()
        half = (r.width - gap) // 2
        third = (r.width - 2 * gap) // 3
        widgets.append(
            Cycle(
                "fontsize",
                tr("title.fontsize"),
                [tr.pct(v) for v in FONT_SCALES],
                app.font_index(),
                app.set_font_scale,
                pygame.Rect(r.x, r.y, third, r.height),
            )
        )
        widgets.append(
            Cycle(
                "tutorial",
                tr("title.tutorial"),
                [tr("title.off"), tr("title.on")],
                1 if app.tutorial_wanted() else 0,
                lambda i: app.set_tutorial(bool(i)),
                pygame.Rect(r.x + third + gap, r.y, third, r.height),
            )
        )
        widgets.append(  # the room mode (game.ui.room): each team on its own device
            Cycle(
                "room",
                tr("title.room"),
                [tr("title.off"), tr("title.on")],
                1 if app.room_wanted else 0,
                lambda i: setattr(app, "room_wanted", bool(i)),
                pygame.Rect(r.x + 2 * (third + gap), r.y, r.width - 2 * (third + gap), r.height),
            )
        )
        r = row()
        widgets.append(
            NumberField("seed", tr("title.seed"), self.seed, self.set_seed,
                        pygame.Rect(r.x, r.y, half, r.height))
        )  # fmt: skip
        widgets.append(self._length_cycle(pygame.Rect(r.x + half + gap, r.y, r.width - half - gap,
                                                      r.height)))  # fmt: skip
        self.teams_head = pygame.Rect(inner.x, y, inner.width, app.tp.line_height("smallb"))
        y += self.teams_head.height + app.px(8)
        modes = [tr("title.person")] + [
            tr("title.bot", policy=tr(f"policy.{p}")) for p in self.policies
        ]
        planned = app.planned()
        for j in range(len(m.team_ids)):
            label = f"{app.labels.team_letter(j)}  {app.labels.team(j)}"
            if j in planned:  # the plan plays it: shown, not chosen
                mode = tr("title.plan", plan=app.plan_name())
                widgets.append(Cycle(f"team{j}", label, [mode], 0, lambda i: None, row(), False))
                continue
            widgets.append(
                Cycle(
                    f"team{j}",
                    label,
                    modes,
                    self.team_mode[j],
                    lambda i, j=j: self.set_mode(j, i),
                    row(),
                )
            )
        brow = row()
        bw = (brow.width - 3 * gap) // 4
        resume_ok = _resume_available(app)
        widgets.append(
            Button(
                "start",
                tr("title.start"),
                self.start,
                pygame.Rect(brow.x, brow.y, bw, brow.height),
                primary=True,
                shortcut="Enter",
            )
        )
        widgets.append(
            Button(
                "resume",
                tr("title.resume"),
                self.resume,
                pygame.Rect(brow.x + bw + gap, brow.y, bw, brow.height),
                enabled=resume_ok,
            )
        )
        widgets.append(
            Button(
                "runsheet",
                tr("title.runsheet"),
                self.runsheet,
                pygame.Rect(brow.x + 2 * (bw + gap), brow.y, bw, brow.height),
            )
        )
        widgets.append(
            Button(
                "quit",
                tr("title.quit"),
                self.quit,
                pygame.Rect(brow.x + 3 * (bw + gap), brow.y, brow.right - brow.x - 3 * (bw + gap),
                            brow.height),
                shortcut="Esc",
            )
        )  # fmt: skip
        for w in widgets:  # Enter starts the game from anywhere; Space presses a button
            if isinstance(w, Button) and w.key != "start":
                w.hint_key = "hint.press_space"
        self.ring.set(widgets, focus=None if self._built else "start")

    def handle(self, ev) -> bool:
        """Esc quits from the title screen; Enter starts the game wherever the focus is,
        except in the file path being typed (there Enter loads the file).
        """
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.quit()
            return True
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            f = self.ring.focused
            if f is None or not isinstance(f, TextInput):
                self.start()
                return True
        return super().handle(ev)

    def draw(self, surf) -> None:
        """The title, the scenario's description and the form."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        left = self.left
        pygame.draw.rect(surf, p.header, left)
        pad = app.px(48)
        x, y = left.x + pad, app.px(72)
        w = left.width - 2 * pad
        name = tr("app.name")  # whole, in a smaller size when large text would cut it
        role = next((r for r in ("display", "title") if tp.width(name, r) <= w), "h1")
        h = tp.line_height(role)
        tp.line(surf, name, pygame.Rect(x, y, w, h), role, p.on_header)
        y += h
        h = tp.line_height("h2") * 2
        tp.draw(
            surf,
            tr("app.tagline"),
            pygame.Rect(x, y, w, h),
            "h2",
            mix(p.on_header, p.header, 0.2),
            max_lines=2,
        )
        y += h + app.px(40)
        pygame.draw.line(surf, mix(p.on_header, p.header, 0.6), (x, y), (x + w, y), 2)
        y += app.px(24)
        h = tp.line_height("h1") * 2
        used = tp.draw(
            surf, app.labels.title(), pygame.Rect(x, y, w, h), "h1", p.on_header, max_lines=2
        )
        y += used.height + app.px(14)
        m = app.model
        facts = tr(
            "title.facts",
            turns=m.n_turns,
            start=m.start_year,
            end=m.end_year,
            teams=len(m.team_ids),
            actors=len(m.actor_ids),
        )
        h = tp.line_height("smallb") * 2
        used = tp.draw(
            surf,
            facts,
            pygame.Rect(x, y, w, h),
            "smallb",
            mix(p.on_header, p.header, 0.15),
            max_lines=2,
        )
        y += used.height + app.px(8)
        h = tp.line_height("small") * 3
        used = tp.draw(surf, self.plan_text(), pygame.Rect(x, y, w, h), "small",
                       mix(p.on_header, p.header, 0.15), max_lines=3)  # fmt: skip
        y += used.height + app.px(14)
        bottom = left.bottom - app.px(40)
        about = pygame.Rect(x, y, w, bottom - y)
        text = app.labels.description()
        tp.draw(
            surf,
            text,
            about,
            tp.fit_role(text, ("small", "tiny"), about),
            mix(p.on_header, p.header, 0.1),
        )
        # the form
        pygame.draw.rect(surf, p.panel_alt, self.form, border_radius=app.px(12))
        inner = self.form.inflate(-app.px(40), -app.px(32))
        tp.line(
            surf,
            tr("title.new_game"),
            pygame.Rect(inner.x, inner.y, inner.width, tp.line_height("h1")),
            "h1",
            p.ink,
        )
        tp.line(surf, tr("title.file"), self.path_label, "small", p.muted)
        tp.line(surf, tr("title.teams"), self.teams_head, "smallb", p.ink)
        self.ring.draw(surf, app)

    def areas(self) -> dict[str, pygame.Rect]:
        """The new-game form."""
        return {"form": self.form}

    def hints(self) -> list[tuple[str, str]]:
        """Keys of the title screen."""
        tr = self.app.tr
        return [
            ("Tab", tr("key.focus")),
            ("← →", tr("hint.cycle")),
            ("Enter", tr("title.start")),
            ("F6", tr("key.tutorial")),
            ("F8", tr("key.language")),
            ("F9", tr("key.contrast")),
            ("Ctrl +/−", tr("key.fontsize")),
            ("Esc", tr("title.quit")),
        ]


def _open_in_browser(path) -> bool:
    """Open a written file in the web browser; False where there is no display to show it
    on (the dummy video driver of tests and headless runs) or no browser.
    """
    import os
    import webbrowser

    if os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen"):
        return False
    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except webbrowser.Error:
        return False


def _latest_ref(app) -> str:
    """Which session Resume continues: the latest played, a practice game of the
    tutorial when the tutorial is the scenario on the title screen.
    """
    tutorial = app is not None and getattr(app.scenario, "id", None) == TUTORIAL_SCENARIO
    return "latest-tutorial" if tutorial else "latest"


def _resume_available(app=None) -> bool:
    """True when there is a saved session to continue."""
    try:
        from game.session import store

        store.find(_latest_ref(app))
    except Exception:  # noqa: BLE001 - no store, no folder, no session: nothing to resume
        return False
    return True
