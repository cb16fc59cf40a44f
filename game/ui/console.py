"""The facilitator console (F2): the timer, events, allocation overrides, undo, language,
the guided tutorial and ending the game. Every game change is a command to the session;
the timer is the UI's.
"""

from __future__ import annotations

import functools

import pygame

from game.ui.widgets import Button, Cycle, FocusRing, Slider

LANGS = ("fi", "en", "sv")
LANG_NAMES = ("Suomi", "English", "Svenska")


class Console:
    """A drawer on the right side of the screen."""

    def __init__(self, app):
        self.app = app
        self.ring = FocusRing()
        self._built: tuple | None = None
        self.inject_i = 0
        self.cancel_i = 0
        self.team_i = 0
        self.preset_i = 0
        self.confirm_end = False
        self.rect = pygame.Rect(0, 0, 0, 0)

    def enter(self) -> None:
        """Opened: rebuild."""
        self._built = None
        self.confirm_end = False

    # -- actions ---------------------------------------------------------------------------
    def _candidates(self) -> tuple[list[int], list[int]]:
        s = self.app.session
        pending = set(s.pending_events())
        inject = [i for i in range(len(s.model.events)) if i not in pending]
        return inject, sorted(pending)

    def pause(self) -> None:
        """Pause or resume the phase timer."""
        self.app.timer.toggle_pause()
        self._built = None

    def set_minutes(self, v: float) -> None:
        """Set the minutes of this phase, this turn and later (saved with the session)."""
        self.app.set_phase_minutes(round(v))

    def minutes_text(self, v: float) -> str:
        """The slider's value, and the plan's minutes when the facilitator set others."""
        app = self.app
        planned = app.schedule.phase_slot(app.plan_turn(), app.session.phase).minutes
        if int(v) == planned:
            return app.tr("con.minutes", n=int(v))
        return app.tr("con.minutes_plan", n=int(v), plan=planned)

    def extend(self) -> None:
        """One more minute."""
        self.app.timer.extend(60.0)

    def skip(self) -> None:
        """Move on to the next phase now."""
        self.app.advance()
        self._built = None

    def inject(self) -> None:
        """Put the chosen event on the table this turn."""
        self._event_command("inject", self._candidates()[0], self.inject_i, "con.injected")

    def cancel(self) -> None:
        """Take the chosen event off the table."""
        self._event_command("cancel", self._candidates()[1], self.cancel_i, "con.cancelled")

    def _event_command(self, kind: str, events: list[int], chosen: int, toast: str) -> None:
        """Send an inject or cancel for the chosen one of `events` and say it happened."""
        if events:
            ev = events[min(chosen, len(events) - 1)]
            if self.app.send({"type": kind, "event": self.app.model.events[ev].id}):
                self.app.notify(self.app.tr(toast, title=self.app.labels.event_title(ev)))
        self._built = None

    def override(self) -> None:
        """Set the chosen team's allocation to the chosen preset."""
        app = self.app
        m = app.model
        j = self.team_i
        if j not in app.session.human:
            why = "con.override_plan" if j in app.session.game.planned else "con.override_bot"
            app.notify(app.tr(why, team=app.labels.team(j)), "error")
            return
        T = len(m.theme_ids)
        if self.preset_i == 0:  # an even split, pledges kept
            shares = {t: 1.0 / T for t in m.theme_ids}
            pledges = app.session.human_pledges(j)
        else:  # pledges withdrawn, split kept
            shares = dict(zip(m.theme_ids, map(float, app.session.human_shares(j)), strict=True))
            pledges = [0.0] * len(m.package_ids)
        cmd = {
            "type": "allocate",
            "team": m.team_ids[j],
            "shares": shares,
            "pledges": {p: float(v) for p, v in zip(m.package_ids, pledges, strict=True) if v > 0},
        }
        if app.send(cmd):
            app.notify(app.tr("con.overridden", team=app.labels.team(j)))

    def undo(self) -> None:
        """Undo the last resolution."""
        if self.app.send({"type": "undo"}):
            self.app.notify(self.app.tr("con.undone"))
        self._built = None

    def set_lang(self, i: int) -> None:
        """Switch the language."""
        self.app.set_language(LANGS[i])
        self._built = None

    def toggle_tutorial(self) -> None:
        """Turn the guided tutorial on (from this screen's first step) or off."""
        app = self.app
        on = app.coach is not None and app.coach.active
        app.set_tutorial(not on)
        if not on:
            app.console_open = False  # show the tutorial's first caption at once
        self._built = None

    def end(self) -> None:
        """End the game (asks once more first)."""
        if not self.confirm_end:
            self.confirm_end = True
            self._built = None
            return
        self.app.send({"type": "end"})
        self.app.console_open = False

    # -- drawing ---------------------------------------------------------------------------
    def layout(self, area: pygame.Rect) -> None:
        """The controls, top to bottom."""
        app = self.app
        tr, lab, tp = app.tr, app.labels, app.tp
        w = max(min(area.width, app.px(620)), int(area.width * 0.42))
        self.rect = pygame.Rect(area.right - w, area.y, w, area.height)
        inner = self.rect.inflate(-2 * app.px(20), -2 * app.px(16))
        self.head = pygame.Rect(inner.x, inner.y, inner.width, tp.line_height("h1"))
        y = self.head.bottom + app.px(10)
        n_rows = 11
        gap = app.px(6)
        row_h = min(
            app.px(54), (inner.bottom - y - n_rows * gap - 3 * tp.line_height("smallb")) // n_rows
        )
        half = (inner.width - gap) // 2
        self.sections = []
        widgets = []

        def section(key: str) -> None:
            nonlocal y
            self.sections.append(
                (tr(key), pygame.Rect(inner.x, y, inner.width, tp.line_height("smallb")))
            )
            y += tp.line_height("smallb") + app.px(2)

        def row() -> pygame.Rect:
            nonlocal y
            r = pygame.Rect(inner.x, y, inner.width, row_h)
            y += row_h + gap
            return r

        t = app.timer
        section("con.timer")
        r = row()
        widgets.append(
            Button(
                "pause",
                tr("con.resume") if t.paused else tr("con.pause"),
                self.pause,
                pygame.Rect(r.x, r.y, half, r.height),
            )
        )
        widgets.append(
            Button(
                "extend",
                tr("con.extend"),
                self.extend,
                pygame.Rect(r.x + half + gap, r.y, half, r.height),
            )
        )
        widgets.append(
            Slider(
                "minutes",
                tr("con.length"),
                round(t.length / 60.0),
                1,
                60,
                1,
                self.set_minutes,
                self.minutes_text,
                row(),
            )
        )
        widgets.append(Button("skip", tr("con.skip"), self.skip, row()))
        section("con.events")
        inject, pending = self._candidates()

        def pick_and_act(pick, label, options, index, attr, act, text, action, enabled=True):
            """A choice (70 % of a row) and the button that acts on it."""
            r = row()
            left = int(r.width * 0.7)
            setter = functools.partial(setattr, self, attr)
            widgets.append(
                Cycle(pick, label, options, index, setter, pygame.Rect(r.x, r.y, left, r.height))
            )
            box = pygame.Rect(r.x + left + gap, r.y, r.width - left - gap, r.height)
            widgets.append(Button(act, text, action, box, enabled=enabled))

        names = [lab.event_title(i) for i in inject] or [tr("con.none")]
        self.inject_i = min(self.inject_i, len(names) - 1)
        pick_and_act("inject_pick", tr("con.event"), names, self.inject_i, "inject_i",
                     "inject", tr("con.inject"), self.inject, enabled=bool(inject))  # fmt: skip
        names = [lab.event_title(i) for i in pending] or [tr("con.none")]
        self.cancel_i = min(self.cancel_i, len(names) - 1)
        pick_and_act("cancel_pick", tr("con.pending"), names, self.cancel_i, "cancel_i",
                     "cancel", tr("con.cancel"), self.cancel, enabled=bool(pending))  # fmt: skip
        section("con.game")
        m = app.model
        r = row()
        widgets.append(
            Cycle(
                "team_pick",
                tr("con.team"),
                [lab.team(j) for j in range(len(m.team_ids))],
                self.team_i,
                lambda i: setattr(self, "team_i", i),
                pygame.Rect(r.x, r.y, r.width, r.height),
            )
        )
        presets = [tr("con.even"), tr("con.no_pledges")]
        pick_and_act("preset", tr("con.preset"), presets, self.preset_i, "preset_i",
                     "override", tr("con.override"), self.override)  # fmt: skip
        r = row()
        widgets.append(
            Button("undo", tr("con.undo"), self.undo, pygame.Rect(r.x, r.y, half, r.height))
        )
        widgets.append(
            Button(
                "end",
                tr("con.end_confirm") if self.confirm_end else tr("con.end"),
                self.end,
                pygame.Rect(r.x + half + gap, r.y, half, r.height),
                primary=self.confirm_end,
            )
        )
        r = row()
        lw = int(r.width * 0.6)
        widgets.append(
            Cycle(
                "lang",
                tr("con.language"),
                LANG_NAMES,
                LANGS.index(app.lang),
                self.set_lang,
                pygame.Rect(r.x, r.y, lw, r.height),
            )
        )
        on = app.coach is not None and app.coach.active
        widgets.append(
            Button(
                "tutorial",
                tr("con.tutorial_off") if on else tr("con.tutorial_on"),
                self.toggle_tutorial,
                pygame.Rect(r.x + lw + gap, r.y, r.width - lw - gap, r.height),
                shortcut="F6",
                enabled=not app.autoplay,  # the demo explains itself with its captions
            )
        )
        self.ring.set(widgets)

    def handle(self, ev) -> bool:
        """Keys go to the console's widgets while it is open."""
        return self.ring.handle(ev, self.app)

    def draw(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """The drawer."""
        app = self.app
        key = (tuple(area), app.version)
        if key != self._built:
            self.layout(area)
            self._built = key
        p, tp, tr = app.pal, app.tp, app.tr
        shade = pygame.Surface((self.rect.x, area.height), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 90))
        surf.blit(shade, (0, area.y))
        pygame.draw.rect(surf, p.panel_alt, self.rect)
        pygame.draw.line(surf, p.accent, self.rect.topleft, self.rect.bottomleft, max(3, app.px(5)))
        close = tr("view.close", key="F2")
        cw = tp.width(close, "small") + app.px(8)
        tp.line(
            surf,
            tr("con.title"),
            pygame.Rect(self.head.x, self.head.y, self.head.width - cw, self.head.height),
            "h1",
            p.ink,
        )
        tp.line(
            surf,
            close,
            pygame.Rect(self.head.right - cw, self.head.y, cw, self.head.height),
            "small",
            p.muted,
            "right",
        )
        for text, rect in self.sections:
            tp.line(surf, text, rect, "smallb", p.muted)
        self.ring.draw(surf, app)

    def hints(self) -> list[tuple[str, str]]:
        """Keys while the console is open."""
        tr = self.app.tr
        return [
            ("Tab", tr("key.focus")),
            ("← →", tr("hint.cycle")),
            ("Enter", tr("hint.press")),
            ("Esc", tr("key.close")),
        ]
