"""The guided tutorial: coach marks that walk a first-time player through one full turn.

Each step belongs to a scene and points at a widget (by its key in the scene's focus
ring) or an area the scene names (`Scene.areas`); the rest of the screen is dimmed, the
target outlined, and a caption box says what to look at, what to do next and why.
Steps are data (`STEPS`); their texts are `tut.<id>.title` / `tut.<id>.text` in the
catalogues.

Keys while a step is shown: Enter or → next, ← (or Backspace) back, Esc skips the
tutorial, F6 starts it again. On a step where the person should try something (`try_it`),
the arrow keys and Tab go to the screen instead, and Enter still moves on. A step marked
`advance` moves the game on to the next phase when passed, so the tutorial and the game
stay in step; PgDn works too, and the tutorial follows to the new phase.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.chrome import draw_keycap, keycap_width
from game.ui.theme import mix
from game.ui.widgets import Button, draw_focus


@dataclass(frozen=True)
class Step:
    """One coach mark."""

    id: str  # catalogue keys tut.<id>.title and tut.<id>.text
    scene: str  # the scene it is shown on
    targets: tuple[str, ...] = ()  # widget keys or scene areas; the first one found is used
    try_it: bool = False  # the person may use the target: arrows and Tab go to the screen
    focus: str = ""  # the widget given the keyboard focus when the step opens
    advance: bool = False  # passing the step moves the game to the next phase


STEPS: tuple[Step, ...] = (
    Step("welcome", "title", ("form",), try_it=True, focus="start", advance=True),
    Step("header", "briefing", ("header",)),
    Step("drivers", "briefing", ("drivers",)),
    Step("events", "briefing", ("cards", "events")),
    Step("brief_next", "briefing", ("next",), advance=True),
    Step("dilemmas", "deliberation", ("votes", "dilemmas")),
    Step("packages", "deliberation", ("packages",)),
    Step("delib_next", "deliberation", ("next",), advance=True),
    Step("teams", "allocation", ("teams",)),
    Step("themes", "allocation", ("themes", "theme0"), try_it=True, focus="theme0"),
    Step("pledges", "allocation", ("pledges", "pledge0", "section"), try_it=True, focus="pledge0"),
    Step("outlook", "allocation", ("outlook",)),
    Step("decide", "allocation", ("decide",), try_it=True, focus="decide"),
    Step("resolve", "allocation", ("next",), advance=True),
    Step("moved", "resolution", ("indicators",)),
    Step("network", "resolution", ("network",)),
    Step("res_next", "resolution", ("next",), advance=True),
    Step("why", "reflection", ("cells",), try_it=True, focus="cells"),
    Step("causes", "reflection", ("causes",)),
    Step("done", "reflection", ()),
)


class Coach:
    """The tutorial's state: on or off, the step shown, and its drawing."""

    def __init__(self, app, steps: tuple[Step, ...] = STEPS):
        self.app = app
        self.steps = steps
        self.active = False
        self.index = 0
        self.target: pygame.Rect | None = None  # the highlighted rect in the last frame
        self.box = pygame.Rect(0, 0, 0, 0)  # the caption box in the last frame
        self.buttons: list[Button] = []
        self._entered = -1

    # -- state -----------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        """The step shown (or due)."""
        return self.steps[self.index]

    def start(self) -> None:
        """Start (or restart) the tutorial at the first step of the screen shown."""
        self.active = True
        self.index = 0
        self._entered = -1
        self.sync()

    def stop(self) -> None:
        """Turn the tutorial off."""
        self.active = False
        self.target = None

    def visible(self) -> bool:
        """True when a caption is shown (on, on a screen with steps, nothing open over it)."""
        app = self.app
        if not self.active or app.scene is None or app.overlay is not None or app.console_open:
            return False
        self.sync()
        return self.step.scene == app.scene.name

    def sync(self) -> None:
        """Follow the game: show the first step of the current screen when the step due
        belongs to another one (the person moved on with PgDn, undid a turn, …).
        """
        app = self.app
        if not self.active or app.scene is None:
            return
        name = app.scene.name
        if self.step.scene == name:
            self._enter()
            return
        for i in list(range(self.index + 1, len(self.steps))) + list(range(self.index)):
            if self.steps[i].scene == name:
                self.index = i
                self._enter()
                return

    def _enter(self) -> None:
        """A step opens: give the focus to its widget."""
        if self._entered == self.index:
            return
        self._entered = self.index
        st = self.step
        if st.focus and self.app.scene is not None:
            self.app.scene.ensure_layout(self.app.layout_rects()[1])
            self.app.scene.ring.focus(st.focus)

    def first_of_scene(self) -> bool:
        """True on the first step of a screen (there is no going back past a phase)."""
        return self.index == 0 or self.steps[self.index - 1].scene != self.step.scene

    def next(self) -> None:
        """The next step; passing an `advance` step moves the game on."""
        app = self.app
        st = self.step
        if self.index == len(self.steps) - 1:
            self.stop()
            app.notify(app.tr("tut.finished"))
            return
        if st.advance:
            before = app.scene.name
            if before == "title":
                app.scene.start()
            else:
                app.advance()
            if app.scene is None or app.scene.name == before:
                return  # the game did not move (a refused command is shown)
        self.index += 1
        self.sync()

    def back(self) -> None:
        """The previous step of this screen."""
        if not self.first_of_scene():
            self.index -= 1
            self.sync()

    def skip(self) -> None:
        """Leave the tutorial (F6 starts it again)."""
        self.stop()
        self.app.notify(self.app.tr("tut.skipped"))

    # -- input -----------------------------------------------------------------------------
    def handle(self, ev: pygame.event.Event) -> bool:
        """Keys and clicks for the caption; True when used."""
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                focused = self.app.scene.ring.focused if self.app.scene else None
                if self.step.try_it and focused is not None and focused.key == "path":
                    return False  # Enter loads the scenario file typed on the title screen
                self.next()
                return True
            if k == pygame.K_ESCAPE:
                self.skip()
                return True
            if k == pygame.K_BACKSPACE:
                self.back()
                return True
            if not self.step.try_it:
                if k == pygame.K_RIGHT:
                    self.next()
                    return True
                if k == pygame.K_LEFT:
                    self.back()
                    return True
                if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_SPACE):
                    return True  # the dimmed screen does not take keys on a look-at step
            return False
        if ev.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            for b in self.buttons:
                if b.rect.collidepoint(ev.pos):
                    if ev.type == pygame.MOUSEBUTTONUP and b.enabled:
                        b.action()
                    return True
            return self.box.collidepoint(ev.pos)
        return False

    def hints(self) -> list[tuple[str, str]]:
        """The keys while a caption is shown (in the caption box and the footer)."""
        tr = self.app.tr
        if self.step.try_it:
            return [
                ("← → Tab", tr("tut.key_try")),
                ("Enter", tr("tut.key_next")),
                ("Backspace", tr("tut.key_back")),
                ("Esc", tr("tut.key_skip")),
                ("F6", tr("tut.key_restart")),
            ]
        return [
            ("Enter", tr("tut.key_next")),
            ("← →", tr("tut.key_move")),
            ("Esc", tr("tut.key_skip")),
            ("F6", tr("tut.key_restart")),
        ]

    # -- drawing ---------------------------------------------------------------------------
    def target_rect(self) -> pygame.Rect | None:
        """The rect of the step's target on screen, or None (a caption without a target)."""
        for name in self.step.targets:
            r = self.app.target_rect(name)
            if r is not None and r.width > 0 and r.height > 0:
                return r.clip(self.app.screen.get_rect())
        return None

    def draw(self, surf: pygame.Surface) -> None:
        """Dim the screen except the target, outline it, and draw the caption box."""
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        self.sync()
        target = self.target_rect()
        self.target = target
        shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 130))
        hole = None
        if target is not None:
            hole = target.inflate(app.px(16), app.px(16)).clip(surf.get_rect())
            shade.fill((0, 0, 0, 0), hole)
        surf.blit(shade, (0, 0))
        if hole is not None:
            w = max(3, app.px(5))
            pygame.draw.rect(surf, p.focus, hole, w, border_radius=app.px(10))
            pygame.draw.rect(
                surf, mix(p.focus, p.panel, 0.6), hole.inflate(2 * w, 2 * w), 2, app.px(12)
            )
        st = self.step
        title = tr(f"tut.{st.id}.title")
        body = tr(f"tut.{st.id}.text")
        width = min(max(app.px(560), int(surf.get_width() * 0.34)), surf.get_width() - app.px(40))
        pad = app.px(20)
        inner_w = width - 2 * pad
        head_h = tp.line_height("h2")
        lines = tp.wrap(body, "body", inner_w)
        keys = self.hints()
        rows = self._key_rows(keys, inner_w)
        key_h = tp.line_height("small") + app.px(10)
        btn_h = tp.line_height("bodyb") + app.px(16)
        count_h = tp.line_height("small")
        height = (
            count_h
            + head_h
            + app.px(8)
            + len(lines) * tp.line_height("body")
            + app.px(12)
            + len(rows) * key_h
            + app.px(10)
            + btn_h
            + 2 * pad
        )
        height = min(height, surf.get_height() - app.px(40))
        box = self._place(surf.get_rect(), hole, width, height)
        self.box = box
        pygame.draw.rect(surf, p.panel, box, border_radius=app.px(12))
        pygame.draw.rect(surf, p.focus, box, max(3, app.px(4)), border_radius=app.px(12))
        inner = box.inflate(-2 * pad, -2 * pad)
        n, total = self._number()
        count = tr("tut.step", n=n, total=total, phase=self._phase_name()) if n else ""
        tp.line(
            surf,
            count or tr("key.tutorial"),
            pygame.Rect(inner.x, inner.y, inner.width, count_h),
            "small",
            p.muted,
        )
        y = inner.y + count_h
        tp.line(surf, title, pygame.Rect(inner.x, y, inner.width, head_h), "h2", p.ink)
        y += head_h + app.px(8)
        keys_top = inner.bottom - btn_h - app.px(10) - len(rows) * key_h
        tp.draw(surf, body, pygame.Rect(inner.x, y, inner.width, keys_top - y), "body", p.ink)
        ky = keys_top
        for row in rows:
            x = inner.x
            for k, label in row:
                kw = keycap_width(app, k) + app.px(14)
                draw_keycap(surf, app, pygame.Rect(x, ky + app.px(2), kw, key_h - app.px(8)), k)
                lw = tp.width(label, "small") + app.px(4)
                tp.line(
                    surf,
                    label,
                    pygame.Rect(x + kw + app.px(6), ky, lw, key_h - app.px(4)),
                    "small",
                    p.muted,
                )
                x += kw + app.px(6) + lw + app.px(14)
            ky += key_h
        # buttons: Back · Skip · Next
        gap = app.px(10)
        bw = (inner.width - 2 * gap) // 3
        by = inner.bottom - btn_h
        last = self.index == len(self.steps) - 1
        self.buttons = [
            Button(
                "tut_back",
                tr("tut.back"),
                self.back,
                pygame.Rect(inner.x, by, bw, btn_h),
                enabled=not self.first_of_scene(),
            ),
            Button(
                "tut_skip",
                tr("tut.skip"),
                self.skip,
                pygame.Rect(inner.x + bw + gap, by, bw, btn_h),
                shortcut="Esc",
            ),
            Button(
                "tut_next",
                tr("tut.finish") if last else tr("tut.next"),
                self.next,
                pygame.Rect(inner.x + 2 * (bw + gap), by, bw, btn_h),
                primary=True,
                shortcut="Enter",
            ),
        ]
        for b in self.buttons:
            b.draw(surf, app, False)
        draw_focus(surf, self.buttons[-1].rect, app)

    def _key_rows(self, keys, width: int) -> list[list[tuple[str, str]]]:
        """The caption's keys as key caps with labels, wrapped into rows of `width`."""
        app, tp = self.app, self.app.tp
        rows: list[list[tuple[str, str]]] = [[]]
        x = 0
        for k, label in keys:
            w = keycap_width(app, k) + app.px(20) + tp.width(label, "small") + app.px(18)
            if x + w > width and rows[-1]:
                rows.append([])
                x = 0
            rows[-1].append((k, label))
            x += w
        return rows

    def _number(self) -> tuple[int, int]:
        """This step's number and the count, without the title screen's welcome."""
        game_steps = [i for i, s in enumerate(self.steps) if s.scene != "title"]
        if self.index in game_steps:
            return game_steps.index(self.index) + 1, len(game_steps)
        return 0, len(game_steps)

    def _phase_name(self) -> str:
        sc = self.step.scene
        if sc == "title":
            return self.app.tr("tut.start")
        return self.app.tr(f"phase.{sc}")

    def _place(self, screen: pygame.Rect, hole: pygame.Rect | None, w: int, h: int) -> pygame.Rect:
        """The caption box: beside the target where there is room, never over it."""
        m = self.app.px(20)
        box = pygame.Rect(0, 0, w, h)
        if hole is None:
            box.center = screen.center
            return box
        below = screen.bottom - hole.bottom - m
        above = hole.y - m
        right = screen.right - hole.right - m
        left = hole.x - m
        if right >= w + m and h <= screen.height - 2 * m:
            box.midleft = (hole.right + m, hole.centery)
        elif left >= w + m and h <= screen.height - 2 * m:
            box.midright = (hole.x - m, hole.centery)
        elif below >= h + m:
            box.midtop = (hole.centerx, hole.bottom + m)
        elif above >= h + m:
            box.midbottom = (hole.centerx, hole.y - m)
        else:  # a big target: put the caption inside it, at the corner with the most room
            box.bottomright = (hole.right - m, hole.bottom - m)
        box.clamp_ip(screen.inflate(-2 * m, -2 * m))
        return box
