"""`suunta play`: the window, the scene state machine and the main loop.

The scenes follow the session's phase (title → briefing → deliberation → allocation →
resolution → reflection → … → debrief). Input becomes commands sent with `App.send` to
the session, which checks and applies them; a refused command is shown to the person and
nothing changes. Views (network, indicators, scores, glossary, help) and the facilitator
console open over any scene. The guided tutorial (`coach.py`, F6) points at the widgets of
a scene step by step; the autoplay demo shows a caption band (`captions.py`); F8 cycles
the language.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.i18n import translator  # noqa: E402
from game.ui.chrome import (  # noqa: E402
    draw_footer,
    draw_header,
    draw_toast,
    footer_height,
    header_height,
)
from game.ui.settings import FONT_SCALES, TUTORIAL_SCENARIO, PlayError  # noqa: E402
from game.ui.text import TextPainter  # noqa: E402
from game.ui.theme import PALETTES, Fonts, Palette, layout_scale  # noqa: E402
from game.ui.timer import PhaseTimer  # noqa: E402

DEFAULT_WINDOW = (1600, 900)
MIN_WINDOW = (640, 400)
BLOCKED_OVER = "the game is over"
PHASE_SCENES = ("briefing", "deliberation", "allocation", "resolution", "reflection")
LANG_CYCLE = ("fi", "sv", "en")  # F8: the two official languages first


def parse_window(text: str | None) -> tuple[int, int]:
    """`WxH` as a size; raises PlayError for anything else."""
    if text is None:
        return DEFAULT_WINDOW
    m = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not m:
        raise PlayError(f"--window takes WIDTHxHEIGHT, like 1600x900 (got '{text}')")
    w, h = int(m.group(1)), int(m.group(2))
    if w < MIN_WINDOW[0] or h < MIN_WINDOW[1] or w > 7680 or h > 4320:
        raise PlayError(
            f"--window {w}x{h} is out of range: between {MIN_WINDOW[0]}x{MIN_WINDOW[1]} "
            "and 7680x4320"
        )
    return w, h


class App:
    """The running game: window, settings, session, current scene and overlays."""

    def __init__(self, args, size: tuple[int, int] | None = None):
        self.args = args
        self.t0 = time.perf_counter()
        self.lang = getattr(args, "lang", None) or "fi"
        self.tr = translator(self.lang)
        self.font_scale = 1.0
        self.palette_name = "light"
        self.version = 0
        self.autoplay = bool(getattr(args, "autoplay", False))
        pygame.display.init()
        pygame.font.init()
        self.fullscreen = bool(getattr(args, "fullscreen", False))
        size = size or parse_window(getattr(args, "window", None))
        flags = pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE
        self.screen = pygame.display.set_mode((0, 0) if self.fullscreen else size, flags)
        pygame.display.set_caption("Suunta 2040")
        pygame.key.set_repeat(350, 45)
        self.size = self.screen.get_size()
        self.fonts = Fonts(self.ui_scale * self.font_scale)
        self.tp = TextPainter(self.fonts)
        self.scenario = None
        self.model = None
        self.labels = None
        self.session = None
        self.net_layout = None
        self.timer = PhaseTimer()
        # what panels kept of their last drawing (game.ui.kept) and the plot areas of the
        # charts drawn since last cleared (game.ui.charts.charts_drawn, read by tests)
        self.kept_drawings: dict = {}
        self.charts_drawn: list = []
        # the session plan (game.session.schedule): the title screen's or --length and
        # --timings' choice, saved in the session; the game clock (seconds since the first
        # briefing, pauses included) measures the room against it
        self.length: int | None = getattr(args, "length", None)
        self.timings = _timings(getattr(args, "timings", None))
        self.schedule = None
        self.clock = 0.0
        self.phase_entered = 0.0
        self.scene = None
        self.scenes: dict[str, object] = {}
        self.overlay = None  # an open view (network, indicators, scores, help)
        self.console = None
        self.console_open = False
        self.toast: tuple[str, str, float] | None = None
        self.running = True
        self.exit_code = 0
        self.human: list[int] = []
        self.policies: list[str] | None = None
        self.seed = 0
        self.session_info = None
        # a room plan (`--plan`, or the resumed session's): its text and name, and its
        # decisions for the current scenario (None when it does not fit it)
        self.plan_source = None
        self.plan = None
        # onboarding: the guided tutorial (F6), the demo's caption band, glossary tooltips
        self.coach = None
        self.tutorial_choice: bool | None = getattr(args, "tutorial", None)  # None: automatic
        self.captions = self.autoplay
        self.demo = None  # the autoplay driver, when there is one
        self.demo_paused = False
        self.caption_progress: float | None = None
        self.term_spots: list = []
        self.mouse: tuple[int, int] | None = None
        self.tooltip = None  # (spot, term) of the glossary tooltip shown
        # the room mode (`--room`, the title's Room switch; game.room, game.ui.room): each
        # team on its own device; started with the session
        self.room_wanted = bool(getattr(args, "room", False))
        self.room = None

    # -- scale and style -------------------------------------------------------------------
    @property
    def ui_scale(self) -> float:
        """Window size relative to the design size."""
        return layout_scale(self.size)

    @property
    def pal(self) -> Palette:
        """The colours in use."""
        return PALETTES[self.palette_name]

    def px(self, n: float) -> int:
        """A design-size length in pixels of this window."""
        return max(1, round(n * self.ui_scale))

    def restyle(self) -> None:
        """Rebuild fonts and layouts after a resize or a settings change."""
        self.fonts = Fonts(self.ui_scale * self.font_scale)
        self.tp.set_fonts(self.fonts)
        self.version += 1

    def set_language(self, lang: str) -> None:
        """Switch every interface and scenario text to another language."""
        self.lang = lang
        self.tr = translator(lang)
        if self.scenario is not None:
            from game.ui.labels import Labels

            self.labels = Labels(self.scenario, self.model, lang, self.tr)
        self.version += 1
        info = self.session_info
        if self.session is not None and info is not None and info.lang != lang:
            from game.session.store import SessionError, save_language

            try:  # the session keeps its language: resume and the report use it
                save_language(info, lang)
            except (OSError, SessionError) as err:
                self.notify(self.tr("toast.not_saved", reason=str(err)), "error")

    def cycle_language(self) -> None:
        """F8: Finnish → Swedish → English → Finnish."""
        i = LANG_CYCLE.index(self.lang) if self.lang in LANG_CYCLE else -1
        self.set_language(LANG_CYCLE[(i + 1) % len(LANG_CYCLE)])
        self.notify(self.tr("toast.language"))

    def font_index(self) -> int:
        """Index of the font-size setting in FONT_SCALES."""
        return min(range(len(FONT_SCALES)), key=lambda k: abs(FONT_SCALES[k] - self.font_scale))

    def set_font_scale(self, i: int) -> None:
        """Choose the text size (kept for the rest of the run: new games, the title screen)."""
        self.font_scale = FONT_SCALES[max(0, min(len(FONT_SCALES) - 1, i))]
        self.restyle()

    def change_font_size(self, d: int) -> None:
        """One step bigger (1) or smaller (-1) text."""
        self.set_font_scale(self.font_index() + d)
        self.notify(self.tr("toast.fontsize", pct=self.tr.pct(self.font_scale)))

    def toggle_contrast(self) -> None:
        """Switch between the standard and the high-contrast theme."""
        self.palette_name = "contrast" if self.palette_name == "light" else "light"
        self.version += 1

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size."""
        self.size = (max(MIN_WINDOW[0], size[0]), max(MIN_WINDOW[1], size[1]))
        if self.screen.get_size() != self.size and not self.fullscreen:
            self.screen = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.restyle()

    # -- game ------------------------------------------------------------------------------
    def resume(self, ref: str) -> None:
        """Continue a saved session (an id, `latest` or `latest-tutorial`) by replaying its
        journal. Raises PlayError when it cannot be continued.
        """
        _resume(self, ref)

    def open_scenario(self, scenario, model) -> None:
        """Make a scenario current (the title screen previews it)."""
        from game.scenario.display import short_names
        from game.ui.labels import Labels

        self.scenario, self.model = scenario, model
        self.labels = Labels(scenario, model, self.lang, self.tr)
        self.tp.set_short_names(short_names(scenario.file))  # used where a name is cut
        self.net_layout = None
        self.version += 1
        self.fit_length()
        self.set_tutorial(self.tutorial_wanted(), chosen=False)
        self.plan = None
        if self.plan_source is not None:
            from game.scenario.problems import ScenarioError

            try:  # the plan names the teams of one scenario; another may not have them
                self.plan = self.plan_source.load(model)
            except ScenarioError as err:
                problem = err.problems[0].format()
                self.notify(self.tr("title.plan_unfit", problem=problem), "error", 8)

    def planned(self) -> list[int]:
        """The teams the room plan plays in the current scenario (none without one)."""
        if self.session is not None:
            return self.session.game.planned
        return [] if self.plan is None else [int(j) for j in self.plan.teams.nonzero()[0]]

    def plan_name(self) -> str:
        """The plan's file name, to show beside the teams it plays."""
        source = self.session.plan_file if self.session is not None else None
        source = source or (self.plan_source.file if self.plan_source else "")
        return Path(source).name

    # -- guided tutorial -------------------------------------------------------------------
    def tutorial_wanted(self) -> bool:
        """On when chosen, else automatically for the tutorial scenario (never in autoplay)."""
        if self.autoplay:
            return False
        if self.tutorial_choice is not None:
            return bool(self.tutorial_choice)
        return getattr(self.scenario, "id", None) == TUTORIAL_SCENARIO

    def set_tutorial(self, on: bool, chosen: bool = True) -> None:
        """Turn the guided tutorial on (from its first step on this screen) or off."""
        from game.ui.coach import Coach

        if chosen:
            self.tutorial_choice = on
        if self.coach is None:
            self.coach = Coach(self)
        if on and not self.coach.active:
            self.coach.start()
        elif not on:
            self.coach.stop()
        self.version += 1

    def restart_tutorial(self) -> None:
        """F6: the tutorial from the beginning (of what this screen can show)."""
        if self.autoplay:
            return
        self.set_tutorial(True)
        self.coach.start()  # from the first step again, also when it was already on
        self.notify(self.tr("tut.restarted"))

    def coach_visible(self) -> bool:
        """True when a tutorial caption is on screen."""
        return self.coach is not None and self.coach.visible()

    def target_rect(self, name: str) -> pygame.Rect | None:
        """Where a widget (by key) or a named area of the screen is, for the tutorial."""
        if name == "header":
            header = self.layout_rects()[0]
            return header if header.height else None
        scene = self.scene
        if scene is None:
            return None
        for w in scene.ring.widgets:
            if w.key == name:
                return pygame.Rect(w.rect)
        area = scene.areas().get(name)
        return pygame.Rect(area) if area is not None else None

    def start_game(self, seed: int, human: list[int], policies: list[str] | None) -> None:
        """Begin a new session with the current scenario."""
        from game.session.session import Session
        from game.ui.network import NetworkLayout

        self.seed, self.human, self.policies = seed, list(human), policies
        self.schedule, self.clock = self.planned_schedule(), 0.0
        try:  # a saved session with its journal (issue 5), when the data folder is usable
            from game.session.store import new_session

            ids = [self.model.team_ids[j] for j in human]
            self.session, self.session_info = new_session(
                self.scenario,
                seed,
                ids,
                policies,
                self.lang,
                plan=self.plan_source if self.plan is not None else None,
                schedule=self.schedule.as_dict(),
            )
        except (ImportError, OSError) as err:
            self.session_info = None  # not saved: nothing to keep its language in
            self.session = Session(
                self.model,
                seed,
                list(human),
                policies,
                plan=self.plan,
                plan_file=self.plan_source.file if self.plan is not None else None,
            )
            self.notify(self.tr("toast.not_saved", reason=str(err)), "error")
        self.net_layout = NetworkLayout(self.model)
        self.version += 1
        self.sync()
        self.start_room()

    def start_room(self) -> None:
        """Start the room mode beside the session when it is wanted (`--room`): the
        server, the codes (kept with the session), the join screen.
        """
        if not self.room_wanted or self.session is None:
            return
        from game.ui.room import start_room

        if self.room is not None:
            self.room.stop()
            self.room = None
        start_room(self)

    def adopt_session(self, session) -> None:
        """Continue a session opened elsewhere (resume)."""
        from game.ui.network import NetworkLayout

        self.session = session
        self.human = list(session.human)
        self.adopt_schedule()
        self.net_layout = NetworkLayout(self.model)
        self.overlay = None
        self.console_open = False
        if self.console is not None:
            self.console.close_window()
        self.console = None
        self.scene = None  # the scene of the new state opens afresh
        self.version += 1
        self.sync()
        self.start_room()

    # -- session plan ----------------------------------------------------------------------
    def planned_schedule(self):
        """The session plan the chosen length and timings make for the current scenario."""
        from game.session.schedule import plan_schedule

        return plan_schedule(self.model.n_turns, self.length, self.timings)

    def fit_length(self) -> None:
        """Keep a chosen length only while it fits the current scenario's turns."""
        from game.session.schedule import ScheduleError

        try:
            self.planned_schedule()
        except ScheduleError:
            self.length = None
            self.timings = {}

    def set_length(self, minutes: int) -> None:
        """Choose the session length (title screen)."""
        self.length = int(minutes)
        self.version += 1

    def adopt_schedule(self) -> None:
        """The plan and game clock of a session opened elsewhere (resume, branch): its
        saved plan (the default one for a session saved before plans), and the clock the
        last phase change recorded.
        """
        from game.session.schedule import Schedule

        meta = self.session_info.meta if self.session_info is not None else {}
        saved = meta.get("schedule") or {"length": None}
        self.schedule = Schedule.from_dict(saved, self.model.n_turns)
        self.length = self.schedule.length
        self.timings = dict(self.schedule.timings)
        clocks = [e["clock"] for e in self.session.log if isinstance(e.get("clock"), int | float)]
        self.clock = float(clocks[-1]) if clocks else 0.0

    def plan_turn(self) -> int:
        """The turn the phase on screen belongs to (resolution and reflection: the one just
        resolved; the state has moved on).
        """
        s = self.session
        return max(0, s.turn - 1 if s.phase in ("resolution", "reflection") else s.turn)

    def phase_minutes(self) -> int:
        """Minutes of the phase on screen: the plan's, or the facilitator's (F2)."""
        from game.session.schedule import phase_minutes

        s = self.session
        return phase_minutes(self.schedule, s.timings, self.plan_turn(), s.phase)

    def set_phase_minutes(self, minutes: int) -> None:
        """F2: the minutes of this phase, this turn and later (journaled), and its timer."""
        minutes = int(minutes)
        if minutes != self.phase_minutes() and self.send({"type": "timing", "minutes": minutes}):
            self.timer.set_length(minutes * 60.0)

    def behind_plan(self) -> float | None:
        """Minutes the room is behind its plan (negative: ahead); None without a game."""
        from game.session.schedule import behind

        s = self.session
        if s is None or s.finished or self.schedule is None:
            return None
        return behind(
            self.schedule, self.plan_turn(), s.phase, self.phase_entered / 60, self.clock / 60
        )

    def send(self, cmd: dict) -> bool:
        """Send a command to the session; a refusal is shown and changes nothing."""
        why = self.submit(cmd)
        if why is not None:
            self.notify(why, "error")
            return False
        return True

    def submit(self, cmd: dict) -> str | None:
        """Apply a command (checked, applied, journaled: `Session.apply`) and show its
        result; returns why it was refused (nothing changed), or None. The keyboard's
        `send` and the room's devices (`game.room.host`) both come through here.
        """
        from game.session.session import CommandError

        try:
            self.session.apply(cmd)
        except CommandError as err:
            return str(err)
        self.version += 1
        self.sync()
        return None

    def advance(self, undecided: str | None = None, remote: dict | None = None) -> str | None:
        """Move to the next phase (PgDn). Resolving a turn while people's teams still have
        decisions open first asks the facilitator what happens to them (`UndecidedView`,
        which comes back here with `undecided`: keep, draft or bot); the autoplay keeps.
        From the facilitator's phone (`remote`: what the journal keeps of the device) the
        choice comes with the command, and the result is returned (why it was refused, or
        None) instead of shown.
        """
        s = self.session
        if s is None or s.finished:
            return BLOCKED_OVER
        cmd = {"type": "advance", "clock": round(self.clock, 1)}
        if s.phase == "allocation" and s.undecided() and not s.prefill:  # (older sessions:
            # what a team leaves as it is plays its bot's suggestion, as it did then)
            from game.ui.decided import UndecidedView, resolve_reason

            asked = self.overlay is not None and self.overlay.name == "undecided"
            if undecided is None and not self.autoplay and not asked:
                self.console_open = False
                self.overlay = UndecidedView(self)
                return None
            self.overlay = None if asked or remote is not None else self.overlay  # again: keep
            cmd.update(undecided=undecided or "keep", reason=resolve_reason(self))
        if remote is not None:
            return self.submit({**cmd, **remote})
        self.send(cmd)
        return None

    def next_label(self) -> str:
        """What the Next button says in this phase."""
        from game.session.session import PHASES

        s = self.session
        if s.phase == "reflection":
            if s.game.finished:
                return self.tr("next.debrief")
            return self.tr("next.turn", n=s.turn + 1)
        if s.phase == "allocation":
            return self.tr("next.resolve")
        nxt = PHASES[PHASES.index(s.phase) + 1]
        return self.tr("next.phase", phase=self.tr(f"phase.{nxt}"))

    def scene_name(self) -> str:
        """The scene the session's state calls for."""
        s = self.session
        if s is None:
            return "title"
        if s.finished:
            return "debrief"
        return s.phase

    def sync(self) -> None:
        """Show the scene that matches the session's phase."""
        name = self.scene_name()
        if self.scene is None or self.scene.name != name:
            self.goto(name)
            if name in PHASE_SCENES:
                self.enter_phase()

    def enter_phase(self) -> None:
        """A phase begins: its timer starts with its minutes, the clock notes when. The
        demo keeps the plan: its clock is where the plan has the phase begin.
        """
        if self.schedule is None:
            self.schedule = self.planned_schedule()
        if self.autoplay:
            slot = self.schedule.phase_slot(self.plan_turn(), self.session.phase)
            self.clock = (slot.start - self.schedule.intro) * 60.0
        self.phase_entered = self.clock
        self.timer.start(self.session.phase, self.phase_minutes() * 60.0)

    def goto(self, name: str) -> None:
        """Make a scene current."""
        from game.ui.scenes import SCENES

        if name not in self.scenes:
            self.scenes[name] = SCENES[name](self)
        self.scene = self.scenes[name]
        self.scene.enter()

    def notify(self, text: str, kind: str = "info", seconds: float = 4.0) -> None:
        """Show a short message."""
        self.toast = (text, kind, time.perf_counter() + seconds)

    # -- views and console -----------------------------------------------------------------
    def open_view(self, name: str) -> None:
        """Open a view over the current scene (again: close it)."""
        from game.ui.views import VIEWS

        if self.overlay is not None and self.overlay.name == name:
            self.overlay = None
            return
        if name == "glossary" and self.scenario is None:
            return
        if name not in ("help", "glossary") and self.session is None:
            return
        self.overlay = VIEWS[name](self)

    def toggle_console(self) -> None:
        """Open or close the facilitator console (F2)."""
        if self.session is None:
            return
        from game.ui.console import Console

        if self.console is None:
            self.console = Console(self)
        if self.console.window is not None:  # in a window of its own: bring that up
            self.console.window.focus()
            return
        self.console_open = not self.console_open
        if self.console_open:
            self.console.enter()

    # -- input -----------------------------------------------------------------------------
    def global_hints(self) -> list[tuple[str, str]]:
        """Footer hints that work everywhere."""
        tr = self.tr
        out = [("F1", tr("key.help"))]
        if self.session is not None:
            out += [
                ("F2", tr("key.console")),
                ("F3", tr("key.network")),
                ("F4", tr("key.indicators")),
                ("F5", tr("key.scores")),
            ]
        if self.scenario is not None:
            out.append(("F7", tr("key.glossary")))
        if self.room is not None:
            out.append(("F10", tr("room.key")))
        return out

    def handle(self, ev: pygame.event.Event) -> None:
        """One input event: global keys, then the console, a view, the scene."""
        if ev.type == pygame.QUIT:
            self.running = False
            return
        if self.console is not None and self.console.owns(ev):
            return  # the console's own window
        if ev.type == pygame.VIDEORESIZE and not self.fullscreen:
            self.resize((ev.w, ev.h))
            return
        if ev.type == pygame.MOUSEMOTION:
            self.mouse = ev.pos
        if (
            self.demo is not None
            and ev.type == pygame.KEYDOWN
            and ev.key in (pygame.K_SPACE, pygame.K_p)
        ):
            self.demo_paused = not self.demo_paused  # Space pauses the trainer demo
            return
        if ev.type == pygame.KEYDOWN:
            ctrl = ev.mod & pygame.KMOD_CTRL
            if ev.key == pygame.K_F1:
                self.open_view("help")
                return
            if ev.key == pygame.K_F2:
                self.toggle_console()
                return
            if ev.key in (pygame.K_F3, pygame.K_F4, pygame.K_F5):
                self.open_view(
                    {pygame.K_F3: "network", pygame.K_F4: "indicators", pygame.K_F5: "scores"}[
                        ev.key
                    ]
                )
                return
            if ev.key == pygame.K_F6:
                self.restart_tutorial()
                return
            if ev.key == pygame.K_F7:
                self.open_view("glossary")
                return
            if ev.key == pygame.K_F8:
                self.cycle_language()
                return
            if ev.key == pygame.K_F9:
                self.toggle_contrast()
                return
            if ev.key == pygame.K_F10 and self.room is not None:
                from game.ui.room import JoinView

                on = self.overlay is not None and self.overlay.name == "room"
                self.overlay = None if on else JoinView(self)
                return
            if ctrl and ev.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.change_font_size(1)
                return
            if ctrl and ev.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.change_font_size(-1)
                return
        if self.console_open:
            if self.console.handle(ev):
                return
            if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
                self.console_open = False
            return
        if self.overlay is not None:
            if self.overlay.handle(ev):
                return
            if ev.type == pygame.KEYDOWN and (
                ev.key == pygame.K_ESCAPE
                or (self.overlay.name == "card" and ev.key in (pygame.K_RETURN, pygame.K_SPACE))
            ):
                self.overlay = None
                return
            if ev.type == pygame.KEYDOWN:
                return  # the view keeps the keyboard while open
        if self.coach_visible() and self.coach.handle(ev):
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_PAGEDOWN and self.scene.phase_scene:
            self.advance()
            return
        if self.scene is not None:
            self.scene.handle(ev)

    # -- drawing ---------------------------------------------------------------------------
    def layout_rects(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """Header, body and footer rectangles of the window."""
        w, h = self.size
        fh = footer_height(self)
        hh = header_height(self) if self.session is not None else 0
        header = pygame.Rect(0, 0, w, hh)
        footer = pygame.Rect(0, h - fh, w, fh)
        gap = self.px(16)
        ch = self.caption_rect().height if self.captions else 0
        body = pygame.Rect(gap, hh + gap, w - 2 * gap, h - hh - fh - ch - 2 * gap)
        return header, body, footer

    def caption_rect(self) -> pygame.Rect:
        """The demo's caption band, just above the footer."""
        from game.ui.captions import caption_height

        h = caption_height(self)
        return pygame.Rect(0, self.size[1] - footer_height(self) - h, self.size[0], h)

    def render(self) -> pygame.Surface:
        """Draw one frame into the window surface."""
        surf = self.screen
        surf.fill(self.pal.bg)
        header, body, footer = self.layout_rects()
        scene = self.scene
        self.term_spots = []
        board = False
        if self.room is not None:
            from game.ui.room import board_wanted, draw_board

            board = board_wanted(self)
        if board:  # the room's board instead: a team's draft stays private (game.ui.room)
            draw_board(self, surf, body)
        else:
            scene.ensure_layout(body)
            scene.draw(surf)
        if self.session is not None and scene.name != "title":
            draw_header(surf, self, header)
        if self.captions:
            from game.ui.captions import draw_caption

            draw_caption(surf, self, self.caption_rect())
        if self.overlay is not None:
            self.overlay.draw(surf, body)
        if self.console_open:
            self.console.draw(
                surf, pygame.Rect(0, header.bottom, self.size[0], footer.y - header.bottom)
            )
        coach = self.coach_visible()
        if coach:
            self.coach.draw(surf)
        hints = []
        if self.console_open:
            hints = self.console.hints()
        elif self.overlay is not None:
            hints = self.overlay.hints()
        elif coach:
            hints = self.coach.hints()
        else:
            hints = scene.hints()
            focused = scene.ring.focused
            if focused is not None and focused.hint_key:
                hints = [("Tab", self.tr("key.focus")), *self._widget_hint(focused), *hints]
            if scene.phase_scene:
                back = self.session.blocked("back") is None
                pgup = [("PgUp", self.tr("key.back"))] if back else []
                hints = [("PgDn", self.tr("key.next")), *pgup, *hints]
        glob = self.global_hints()
        seen: set[str] = {k for k, _ in glob}
        unique = []
        for key, action in hints:
            if key not in seen:
                seen.add(key)
                unique.append((key, action))
        draw_footer(surf, self, footer, unique, glob)
        if self.room is not None and self.overlay is None and not self.console_open:
            from game.ui.room import draw_corner

            draw_corner(self, surf, footer.y)
        if not coach and self.overlay is None and not self.console_open:
            self.tooltip = self._hover_term()
            if self.tooltip is not None:
                from game.ui.glossary import draw_tooltip

                draw_tooltip(surf, self, *self.tooltip)
        if self.toast is not None:
            text, kind, until = self.toast
            if time.perf_counter() < until:
                draw_toast(surf, self, text, kind)
            else:
                self.toast = None
        if self.console is not None:
            self.console.draw_window()
        return surf

    def _hover_term(self):
        """The glossary term under the mouse, as (spot, term), or None."""
        if self.mouse is None:
            return None
        for spot, term in self.term_spots:
            if spot.collidepoint(self.mouse):
                return spot, term
        return None

    def _widget_hint(self, widget) -> list[tuple[str, str]]:
        keys = {
            "hint.slider": "← →",
            "hint.cycle": "← →",
            "hint.tabs": "← →",
            "hint.phases": "← →",
            "hint.packages": "↑↓",
            "hint.grid": "↑↓←→",
            "hint.press": "Enter",
            "hint.press_space": "Space",
        }
        return [(keys.get(widget.hint_key, ""), self.tr(widget.hint_key))]

    def screenshot(self, path: Path) -> None:
        """Save the current frame as a PNG."""
        pygame.image.save(self.screen, str(path))

    # -- loop ------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Let time pass."""
        if self.session is not None and not self.session.finished:
            self.timer.tick(dt)
            self.clock += dt
        if self.scene is not None:
            self.scene.update(dt)
        if self.overlay is not None:
            self.overlay.update(dt)

    def loop(self) -> int:
        """Run until the window closes (or the autoplay ends); returns the exit code."""
        clock = pygame.time.Clock()
        driver = None
        if self.autoplay:
            from game.ui.autoplay import Autoplay

            driver = Autoplay(
                self,
                getattr(self.args, "screenshots", None),
                float(getattr(self.args, "autoplay_delay", 0.0) or 0.0),
            )
            self.demo = driver
        first = True
        while self.running:
            dt = clock.tick(0 if driver and driver.fast else 60) / 1000.0
            for ev in pygame.event.get():
                self.handle(ev)
            if self.room is not None:
                self.room.pump()  # the devices' commands, in this loop (game.room.host)
            self.update(dt)
            if driver is not None:
                driver.step()
                if not self.running:
                    break
            else:
                self.render()
            if first:
                self.first_frame_s = time.perf_counter() - self.t0
                first = False
            pygame.display.flip()
        return self.exit_code


def _timings(text: str | None) -> dict:
    """`--timings` as minutes by part (none without it); raises PlayError for a bad one."""
    from game.session.schedule import ScheduleError, parse_timings

    try:
        return parse_timings(text) if text else {}
    except ScheduleError as err:
        raise PlayError(str(err)) from None


def _check_schedule(args, model) -> None:
    """`--length` and `--timings` must make a plan for the scenario (PlayError)."""
    from game.session.schedule import ScheduleError, plan_schedule

    timings = _timings(getattr(args, "timings", None))
    try:
        plan_schedule(model.n_turns, getattr(args, "length", None), timings)
    except ScheduleError as err:
        raise PlayError(f"{err} ('{model.scenario_id}' has {model.n_turns} turns)") from None


def _open_saved(ref: str) -> tuple:
    """Reopen a saved session to continue it: (session, info, warnings). Raises PlayError
    saying why it cannot be continued (missing, damaged, played under another model).
    """
    from game.session import store

    try:
        return store.open_session(ref)
    except store.SessionError as err:
        raise PlayError(str(err)) from None


def resume_ref(ref: str | None, scenario: str | None) -> str | None:
    """`--resume latest` means the most recently played session, the tutorial's practice
    games left out, unless the tutorial is asked for (`suunta play tutorial --resume
    latest`): then its latest practice game.
    """
    if ref == "latest" and str(scenario or "") == TUTORIAL_SCENARIO:
        return "latest-tutorial"
    return ref


def _resume(app: App, ref: str, opened: tuple | None = None) -> None:
    """Continue a saved session (`--resume ID|latest`, the title's Resume) by replaying its
    journal; `opened` is the result of `_open_saved` when it was already called.
    """
    session, info, warnings = opened or _open_saved(ref)
    scenario = session.scenario
    app.session_info = info
    app.plan_source = info.plan  # the session keeps the plan it was started with
    if info.lang in ("fi", "en", "sv"):
        app.set_language(info.lang)
    app.open_scenario(scenario, session.model)
    app.adopt_session(session)
    for w in warnings:
        app.notify(w, "error", 8)


def _read_plan(path, model) -> tuple:
    """`--plan FILE` for `model`: (SavedPlan or None, ids of the teams it plays). Raises
    ScenarioError listing the file's problems, PlayError when it cannot be read.
    """
    if path is None:
        return None, []
    from game.scenario.plan import load_plan
    from game.session.store import SavedPlan

    plan = load_plan(path, model)
    try:  # the session keeps the text, to rebuild the same game without the file
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PlayError(f"cannot read {path}: {err}") from None
    return SavedPlan(str(path), text), [model.team_ids[j] for j in plan.teams.nonzero()[0]]


def run(args) -> int:
    """Play the game (`suunta play`); returns the exit code."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    from game.ui.display import display_problem

    problem = display_problem(bool(getattr(args, "autoplay", False)))
    if problem:  # never run unseen: say so at once, and how to run it (exit 2)
        print(f"suunta play: error: {problem}", file=sys.stderr)
        return 2
    try:
        size = parse_window(getattr(args, "window", None))
        if getattr(args, "seed", None) is not None and args.seed < 0:
            raise PlayError("--seed must not be negative")
        if getattr(args, "autoplay_delay", 0) and args.autoplay_delay < 0:
            raise PlayError("--autoplay-delay must not be negative")
        scenario, model = load_scenario(args.scenario)
        _check_schedule(args, model)
        # a session that cannot be continued, or a bad plan, is refused before a window opens
        ref = resume_ref(getattr(args, "resume", None), args.scenario)
        opened = _open_saved(ref) if ref else None
        plan_source, planned = _read_plan(getattr(args, "plan", None), model)
        teams = getattr(args, "teams", None)
        free = len(model.team_ids) - len(planned)
        if teams is not None and not 0 <= teams <= free:
            plays = f"; the plan plays {', '.join(planned)}" if planned else ""
            raise PlayError(
                f"--teams takes 0 to {free} teams played by people in "
                f"'{model.scenario_id}'{plays} (got {teams})"
            )
    except PlayError as err:
        print(f"suunta play: error: {err}", file=sys.stderr)
        return 1
    except ScenarioError as err:
        for p in err.problems:
            print(p.format(), file=sys.stderr)
        return 1
    shots = getattr(args, "screenshots", None)
    if shots is not None:
        try:
            Path(shots).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            print(f"suunta play: error: cannot create {shots}: {err.strerror}", file=sys.stderr)
            return 1
    app = App(args, size)
    try:
        app.plan_source = plan_source
        app.open_scenario(scenario, model)
        if opened is not None:
            _resume(app, args.resume, opened)
        else:
            app.goto("title")
        code = app.loop()
        if app.autoplay and code == 0 and app.session is not None:
            print(f"state_hash {app.session.game.state_hash()}")
        return code
    finally:
        if app.room is not None:
            app.room.stop()
        pygame.quit()
