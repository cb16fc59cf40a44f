"""The facilitator console (F2): the timer, events, allocation overrides, undo and redo,
language, the guided tutorial, ending the game, and a window of its own. Every game change
is a command to the session; the timer is the UI's.

The controls sit on three pages (timer, events, game) so that each has room at any text
size. A control that cannot act now looks disabled and, when it has the focus, says why
(`Session.blocked` decides; the console only words it). An event is previewed with its
effects before it is injected. Undo asks once more and redo takes it back.

Where SDL can open a second window (pygame-ce's `pygame.Window`), the console moves into
one, so that a projector showing the game window shows only the game; where it cannot
(some drivers), it stays a drawer over the game and says so.
"""

from __future__ import annotations

import functools

import numpy as np
import pygame

from game.session.session import override_command
from game.ui.describe import effect_text
from game.ui.readmodel import effect_lines, turns_played
from game.ui.widgets import Button, Cycle, FocusRing, Slider, Tabs

LANGS = ("fi", "en", "sv")
LANG_NAMES = ("Suomi", "English", "Svenska")
PAGES = ("con.timer", "con.events", "con.game")
WINDOW_SIZE = (620, 900)  # the console window at the design size (app.px)


class Guarded:
    """A control that may be unable to act: it then looks disabled and, pressed, says why
    instead of acting. It keeps the focus (a disabled widget would be skipped by Tab), so
    the console can show why while it has it.
    """

    why = ""
    acting_keys = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)

    def on_key(self, ev, app) -> bool:
        """Refuse with the reason, or act."""
        if self.why and ev.key in self.acting_keys:
            app.notify(self.why, "error")
            return True
        return super().on_key(ev, app)

    def on_mouse(self, ev, app) -> bool:
        """Refuse a click with the reason, or act."""
        if self.why and ev.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if ev.type == pygame.MOUSEBUTTONUP:
                app.notify(self.why, "error")
            return True
        return super().on_mouse(ev, app)

    def draw(self, surf, app, focused) -> None:
        """Drawn as disabled while it cannot act."""
        if not self.why:
            super().draw(surf, app, focused)
            return
        self.enabled = False
        try:
            super().draw(surf, app, focused)
        finally:
            self.enabled = True


class GuardedButton(Guarded, Button):
    """A button that may be unable to act now (see `Guarded`)."""

    def __init__(self, *args, why: str = "", **kw):
        super().__init__(*args, **kw)
        self.why = why


class GuardedCycle(Guarded, Cycle):
    """A choice that may be unable to act now (see `Guarded`)."""

    acting_keys = (*Guarded.acting_keys, pygame.K_LEFT, pygame.K_RIGHT)

    def __init__(self, *args, why: str = "", **kw):
        super().__init__(*args, **kw)
        self.why = why


def event_preview(app, i: int) -> tuple[str, str, list[tuple[str, bool]]]:
    """(title, kind, lines) of event i: what it does to indicators by region type, budgets
    and trust, one effect a line; a dilemma's options each as a heading (the line's flag)
    with theirs under it.
    """
    tr, lab, m = app.tr, app.labels, app.model
    spec = m.events[i]

    def said(fx) -> list[tuple[str, bool]]:
        out = [effect_text(app, f) for f in effect_lines(m, fx) if f.kind != "budget"]
        moved = [
            a for a in np.argsort(-np.abs(fx.budget), kind="stable") if abs(fx.budget[a]) > 1e-9
        ]
        if moved:  # budgets actor by actor: a transfer sums to nothing
            each = ", ".join(
                f"{lab.actor_short(a)} {tr.signed(float(fx.budget[a]))}" for a in moved
            )
            out.append(tr("con.budgets", actors=each))
        return [("• " + t, False) for t in out]

    lines = said(spec.effects)
    for o, fx in enumerate(spec.option_effects):
        lines.append((f"{o + 1}. {lab.option(i, o)}", True))
        lines += said(fx) or [("• " + tr("con.no_effects"), False)]
    return lab.event_title(i), tr(f"evkind.{spec.kind}"), lines or [(tr("con.no_effects"), False)]


class Console:
    """A drawer on the right side of the screen, or a window of its own."""

    def __init__(self, app):
        self.app = app
        self.ring = FocusRing()
        self._built: tuple | None = None
        self.page = 0
        self.inject_i = 0
        self.cancel_i = 0
        self.team_i = 0
        self.preset_i = 0
        self.confirm: str | None = None  # "undo" or "end" once pressed: asks once more
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.window = None  # the console's own window (pygame.Window), when it has one
        self.preview_rect: pygame.Rect | None = None
        self.status_rect = pygame.Rect(0, 0, 0, 0)

    def enter(self) -> None:
        """Opened: rebuild, nothing waiting for a second press."""
        self._built = None
        self.confirm = None

    @property
    def confirm_end(self) -> bool:
        """True after End was pressed once."""
        return self.confirm == "end"

    # -- actions ---------------------------------------------------------------------------
    def _candidates(self) -> tuple[list[int], list[int]]:
        s = self.app.session
        pending = set(s.pending_events())
        inject = [i for i in range(len(s.model.events)) if i not in pending]
        return inject, sorted(pending)

    def set_page(self, i: int) -> None:
        """Show the timer (0), the events (1) or the game (2) controls."""
        self.page = i
        self.confirm = None
        self._built = None

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
        j = self.team_i
        if j not in app.session.human:
            why = "con.override_plan" if j in app.session.game.planned else "con.override_bot"
            app.notify(app.tr(why, team=app.labels.team(j)), "error")
            return
        cmd = override_command(app.session, j, "even" if self.preset_i == 0 else "no_pledges")
        if app.send(cmd):
            app.notify(app.tr("con.overridden", team=app.labels.team(j)))

    def undo(self) -> None:
        """Undo the last resolution, after a second press (the first says what it undoes)."""
        if self.confirm != "undo":
            self.confirm = "undo"
            self._built = None
            return
        self.confirm = None
        if self.app.send({"type": "undo"}):
            self.app.notify(self.app.tr("con.undone"))
        self._built = None

    def redo(self) -> None:
        """Take the last undo back."""
        if self.app.send({"type": "redo"}):
            self.app.notify(self.app.tr("con.redone"))
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
        if self.confirm != "end":
            self.confirm = "end"
            self._built = None
            return
        self.confirm = None
        self.app.send({"type": "end"})
        self.app.console_open = False

    # -- a window of its own -----------------------------------------------------------------
    def toggle_window(self) -> None:
        """Move the console into a window of its own, or back over the game."""
        if self.window is not None:
            self.close_window()
            self.app.console_open = True
        else:
            self.open_window()

    def open_window(self) -> bool:
        """Open the console's own window, on another display when there is one; where SDL
        cannot open a second window, the console stays a drawer and says so.
        """
        app = self.app
        try:
            size, position = self._window_place()
            self.window = pygame.Window(app.tr("con.title"), size, position, resizable=True)
        except (AttributeError, pygame.error, ValueError) as err:  # no Window, or no second
            self.window = None
            app.notify(app.tr("con.no_window", reason=str(err) or type(err).__name__), "error")
            return False
        app.console_open = False  # the projected window shows only the game
        self._built = None
        app.notify(app.tr("con.in_window"))
        return True

    def close_window(self) -> None:
        """Close the console's own window (the console goes back over the game)."""
        if self.window is not None:
            self.window.destroy()
            self.window = None
        self._built = None

    def _window_place(self) -> tuple[tuple[int, int], object]:
        """Size and position of the console window: centred on a display other than the
        game's when there are two or more, else wherever the system puts it.
        """
        app = self.app
        displays = pygame.display.get_desktop_sizes()
        game_display = 0
        if len(displays) > 1:
            x = pygame.display.get_window_position()[0]
            game_display = 1 if x >= displays[0][0] else 0
        other = 1 - game_display if len(displays) > 1 else game_display
        dw, dh = displays[other] if displays else (1024, 768)
        w = min(max(420, app.px(WINDOW_SIZE[0])), dw)
        h = min(max(480, app.size[1]), dh - 80)
        if len(displays) > 1:  # SDL_WINDOWPOS_CENTERED_DISPLAY(other)
            at = pygame.WINDOWPOS_CENTERED | other
            return (w, h), (at, at)
        return (w, h), pygame.WINDOWPOS_UNDEFINED

    def owns(self, ev: pygame.event.Event) -> bool:
        """Take the events of the console's own window (its keys, clicks, closing); True
        when the event was the console's. Closing the game window ends the game then, as
        SDL sends no QUIT while another window is open.
        """
        win = self.window
        if win is None:
            return False
        where = getattr(ev, "window", None)
        if ev.type == pygame.WINDOWCLOSE:
            if where is win:
                self.close_window()  # closed: back over the game, where F2 opens it
            elif where is None:
                self.app.running = False
            return True
        if ev.type == pygame.VIDEORESIZE:  # posted for any window, without saying which
            if (ev.w, ev.h) != pygame.display.get_window_size():
                self._built = None  # the console's: the game window keeps its size
                return True
            return False
        if where is not win:
            return False
        if ev.type == pygame.KEYDOWN or ev.type in (
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
        ):
            self.handle(ev)
        elif ev.type in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            self._built = None
        return True

    def draw_window(self) -> None:
        """Draw the console into its own window (each frame while it has one)."""
        win = self.window
        if win is None:
            return
        surf = win.get_surface()
        self.draw(surf, surf.get_rect())
        win.flip()

    # -- what cannot act, and why ------------------------------------------------------------
    def _confirming(self, key: str, action, rect) -> GuardedButton:
        """A button that asks once more before it acts (undo, end): its label says so
        while it waits for the second press.
        """
        tr = self.app.tr
        waiting = self.confirm == key
        label = tr(f"con.{key}_confirm") if waiting else tr(f"con.{key}")
        return GuardedButton(key, label, action, rect, primary=waiting, why=self.why(key))

    def why(self, kind: str, **detail) -> str:
        """Why a command of `kind` cannot act now, in words ('' when it can)."""
        app = self.app
        s = app.session
        code = s.blocked(kind) if kind in ("inject", "cancel", "allocate", "undo", "redo") else None
        if code is None and kind in ("advance", "end", "timer") and s.finished:
            code = "over"
        if code is None:
            code = detail.get("also")
        return app.tr(f"con.why_{code}", **detail.get("args", {})) if code else ""

    def _override_why(self) -> str:
        app, s = self.app, self.app.session
        why = self.why("allocate")
        if why or self.team_i in s.human:
            return why
        key = "con.override_plan" if self.team_i in s.game.planned else "con.override_bot"
        return app.tr(key, team=app.labels.team(self.team_i))

    def status(self) -> tuple[str, str]:
        """The line under the controls: why the focused control cannot act, or what the
        second press will do; (text, tone).
        """
        app = self.app
        w = self.ring.focused
        if self.confirm == "undo":
            n = turns_played(app.session)
            year = app.model.year_of(max(0, n - 1))
            return app.tr("con.undo_what", n=n, year=year), "warn"
        if self.confirm == "end":
            return app.tr("con.end_what"), "warn"
        why = getattr(w, "why", "") if w is not None else ""
        return (why, "bad") if why else ("", "muted")

    # -- drawing ---------------------------------------------------------------------------
    def layout(self, area: pygame.Rect) -> None:
        """The page tabs, the controls of the page shown, the line that says why."""
        app = self.app
        tr, lab, tp, px = app.tr, app.labels, app.tp, app.px
        if self.window is not None:
            self.rect = pygame.Rect(area)
        else:
            w = max(min(area.width, px(620)), int(area.width * 0.42))
            self.rect = pygame.Rect(area.right - w, area.y, w, area.height)
        inner = self.rect.inflate(-2 * px(20), -2 * px(16))
        self.head = pygame.Rect(inner.x, inner.y, inner.width, tp.line_height("h1"))
        y = self.head.bottom + px(10)
        self.hint_rect = None  # in its own window: how to bring it back, under the title
        if self.window is not None:
            n = min(2, len(tp.wrap(tr("con.window_hint"), "small", inner.width)))
            self.hint_rect = pygame.Rect(
                inner.x, y - px(6), inner.width, n * tp.line_height("small")
            )
            y = self.hint_rect.bottom + px(8)
        gap = px(8)
        tab_h = tp.line_height("bodyb") + px(16)
        widgets: list = [
            Tabs(
                "page",
                [tr(k) for k in PAGES],
                self.page,
                self.set_page,
                pygame.Rect(inner.x, y, inner.width, tab_h),
            )
        ]
        y += tab_h + px(12)
        # the line that says why is as high as the longest reason this page can give
        lines = [len(tp.wrap(t, "small", inner.width)) for t in self._page_reasons() if t]
        status_h = min(4, max(lines, default=0)) * tp.line_height("small") + px(8)
        self.status_rect = pygame.Rect(inner.x, inner.bottom - status_h, inner.width, status_h)
        bottom = self.status_rect.y - px(10)
        n_rows = (3, 2, 5)[self.page]
        row_h = min(
            px(54),
            max(tp.line_height("tiny") + px(8), (bottom - y - n_rows * gap - px(60)) // n_rows),
        )
        self.preview_rect = None

        def row() -> pygame.Rect:
            nonlocal y
            r = pygame.Rect(inner.x, y, inner.width, row_h)
            y += row_h + gap
            return r

        def pair(r: pygame.Rect, share: float = 0.5) -> tuple[pygame.Rect, pygame.Rect]:
            left = int((r.width - gap) * share)
            return (
                pygame.Rect(r.x, r.y, left, r.height),
                pygame.Rect(r.x + left + gap, r.y, r.width - left - gap, r.height),
            )

        if self.page == 0:
            t = app.timer
            a, b = pair(row())
            over = self.why("timer")
            widgets.append(
                GuardedButton(
                    "pause",
                    tr("con.resume") if t.paused else tr("con.pause"),
                    self.pause,
                    a,
                    why=over,
                )
            )
            widgets.append(GuardedButton("extend", tr("con.extend"), self.extend, b, why=over))
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
                    enabled=not over,
                )
            )
            widgets.append(
                GuardedButton("skip", tr("con.skip"), self.skip, row(), why=self.why("advance"))
            )
        elif self.page == 1:
            inject, pending = self._candidates()

            def choose_and_act(kind: str, events: list[int], attr: str, label: str) -> None:
                """An event to choose (70 % of a row) and the button that acts on it."""
                names = [lab.event_title(i) for i in events] or [tr("con.none")]
                setattr(self, attr, min(getattr(self, attr), len(names) - 1))
                why = self.why(
                    kind, also=None if events else ("no_events", "none_pending")[kind == "cancel"]
                )
                a, b = pair(row(), 0.7)
                pick = functools.partial(setattr, self, attr)
                widgets.append(
                    GuardedCycle(
                        f"{kind}_pick", tr(label), names, getattr(self, attr), pick, a, why=why
                    )
                )
                act = self.inject if kind == "inject" else self.cancel
                widgets.append(GuardedButton(kind, tr(f"con.{kind}"), act, b, why=why))

            choose_and_act("inject", inject, "inject_i", "con.event")
            rest = bottom - y - (row_h + gap)
            self.preview_rect = pygame.Rect(inner.x, y, inner.width, rest)
            y += rest + gap
            choose_and_act("cancel", pending, "cancel_i", "con.pending")
        else:
            m = app.model
            widgets.append(
                Cycle(
                    "team_pick",
                    tr("con.team"),
                    [lab.team(j) for j in range(len(m.team_ids))],
                    self.team_i,
                    self.set_team,
                    row(),
                )
            )
            a, b = pair(row(), 0.7)
            presets = [tr("con.even"), tr("con.no_pledges")]
            widgets.append(
                Cycle(
                    "preset",
                    tr("con.preset"),
                    presets,
                    self.preset_i,
                    functools.partial(setattr, self, "preset_i"),
                    a,
                )
            )
            widgets.append(
                GuardedButton(
                    "override", tr("con.override"), self.override, b, why=self._override_why()
                )
            )
            a, b = pair(row())
            widgets.append(self._confirming("undo", self.undo, a))
            widgets.append(
                GuardedButton("redo", tr("con.redo"), self.redo, b, why=self.why("redo"))
            )
            a, b = pair(row())
            widgets.append(self._confirming("end", self.end, a))
            no_window = "" if hasattr(pygame, "Window") else tr("con.why_no_window")
            label = tr("con.window_back") if self.window is not None else tr("con.window_open")
            widgets.append(GuardedButton("window", label, self.toggle_window, b, why=no_window))
            a, b = pair(row(), 0.6)
            widgets.append(
                Cycle(
                    "lang", tr("con.language"), LANG_NAMES, LANGS.index(app.lang), self.set_lang, a
                )
            )
            on = app.coach is not None and app.coach.active
            widgets.append(
                GuardedButton(
                    "tutorial",
                    tr("con.tutorial_off") if on else tr("con.tutorial_on"),
                    self.toggle_tutorial,
                    b,
                    shortcut="F6",
                    why=tr("con.why_autoplay") if app.autoplay else "",
                )
            )
        self.ring.set(widgets)
        self.preview_top = 0

    def _page_reasons(self) -> list[str]:
        """Every reason (and second-press explanation) the page shown can give now."""
        app = self.app
        tr = app.tr
        inject, pending = self._candidates()
        if self.page == 0:
            return [self.why("timer"), self.why("advance")]
        if self.page == 1:
            return [
                self.why("inject", also=None if inject else "no_events"),
                self.why("cancel", also=None if pending else "none_pending"),
            ]
        n = turns_played(app.session)
        return [
            self._override_why(),
            self.why("undo"),
            self.why("redo"),
            self.why("end"),
            tr("con.undo_what", n=n, year=app.model.year_of(max(0, n - 1))),
            tr("con.end_what"),
            "" if hasattr(pygame, "Window") else tr("con.why_no_window"),
            tr("con.why_autoplay") if app.autoplay else "",
        ]

    def set_team(self, j: int) -> None:
        """Choose the team to override."""
        self.team_i = j
        self._built = None

    def handle(self, ev) -> bool:
        """Keys go to the console's widgets while it is open; moving the focus away from a
        button that asks once more forgets the first press. ↑/↓ scroll the event preview.
        """
        scroll = {pygame.K_UP: -1, pygame.K_DOWN: 1}
        if ev.type == pygame.KEYDOWN and ev.key in scroll and self.preview_rect is not None:
            self.preview_top = max(0, self.preview_top + scroll[ev.key])
            return True
        used = self.ring.handle(ev, self.app)
        focused = self.ring.focused
        if self.confirm and (focused is None or focused.key != self.confirm):
            self.confirm = None
            self._built = None
        return used

    def draw(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """The drawer over the game, or the whole of the console's own window."""
        app = self.app
        key = (tuple(area), app.version, self.window is not None)
        if key != self._built:
            self.layout(area)
            self._built = key
        p, tp, tr, px = app.pal, app.tp, app.tr, app.px
        if self.window is None:
            shade = pygame.Surface((self.rect.x, area.height), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 90))
            surf.blit(shade, (0, area.y))
            pygame.draw.rect(surf, p.panel_alt, self.rect)
            pygame.draw.line(surf, p.accent, self.rect.topleft, self.rect.bottomleft, max(3, px(5)))
            close = tr("view.close", key="F2")
        else:
            surf.fill(p.panel_alt)
            close = ""
            tp.draw(surf, tr("con.window_hint"), self.hint_rect, "small", p.muted)
        cw = min(tp.width(close, "small") + px(8), self.head.width // 2) if close else 0
        tp.line(
            surf,
            tr("con.title"),
            pygame.Rect(self.head.x, self.head.y, self.head.width - cw, self.head.height),
            "h1",
            p.ink,
        )
        if close:
            tp.draw(
                surf,
                close,
                pygame.Rect(self.head.right - cw, self.head.y, cw, self.head.height),
                "small",
                p.muted,
                "right",
                "middle",
                max_lines=2,
            )
        if self.preview_rect is not None:
            self._draw_preview(surf, self.preview_rect)
        self.ring.draw(surf, app)
        text, tone = self.status()
        if text:
            col = {"bad": p.bad, "warn": p.warn}.get(tone, p.muted)
            role = tp.fit_role(text, ("small", "tiny"), self.status_rect)
            tp.draw(
                surf,
                text,
                self.status_rect,
                role,
                col if tone != "warn" else p.ink,
                valign="middle",
            )

    def _preview_event(self) -> tuple[int | None, bool]:
        """The event the preview shows (None: none) and whether it is on the table."""
        inject, pending = self._candidates()
        f = self.ring.focused
        if f is not None and f.key in ("cancel_pick", "cancel") and pending:
            return pending[min(self.cancel_i, len(pending) - 1)], True
        if inject:
            return inject[min(self.inject_i, len(inject) - 1)], False
        return None, False

    def _draw_preview(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        """The chosen event's effects, before it is injected (or while it is on the table):
        indicators by region type, budgets, trust; a dilemma's options with theirs.
        """
        app = self.app
        p, tp, tr, px = app.pal, app.tp, app.tr, app.px
        pygame.draw.rect(surf, p.panel, rect, border_radius=px(8))
        pygame.draw.rect(surf, p.line, rect, 1, border_radius=px(8))
        box = rect.inflate(-2 * px(12), -2 * px(8))
        i, on_table = self._preview_event()
        if i is None or box.height < tp.line_height("tiny"):
            return
        title, kind, lines = event_preview(app, i)
        head = f"{kind} · {tr('con.on_table')}" if on_table else kind
        th = tp.line_height("tinyb")
        tp.line(surf, head, pygame.Rect(box.x, box.y, box.width, th), "tinyb", p.muted)
        y = box.y + th
        trole = "smallb"
        n_title = min(2, len(tp.wrap(title, trole, box.width)))
        if box.bottom - y < n_title * tp.line_height(trole) + tp.line_height("tiny"):
            n_title = 1
        tp.draw(
            surf,
            title,
            pygame.Rect(box.x, y, box.width, n_title * tp.line_height(trole)),
            trole,
            p.ink,
            max_lines=n_title,
        )
        y += n_title * tp.line_height(trole) + px(4)
        room = pygame.Rect(box.x, y, box.width, box.bottom - y)
        role = "small"
        for role in ("small", "tiny"):  # the lines, wrapped; a heading in bold
            flat = [
                (ln, head)
                for text, head in lines
                for ln in tp.wrap(text, role + "b" if head else role, room.width)
            ]
            if len(flat) * tp.line_height(role) <= room.height:
                break
        lh = tp.line_height(role)
        fit = max(1, room.height // lh)
        if len(flat) > fit:  # scrolled with ↑/↓; the last line says how many more
            fit = max(1, fit - 1)
            self.preview_top = min(self.preview_top, len(flat) - fit)
            shown = flat[self.preview_top : self.preview_top + fit]
            more = tr(
                "con.more_lines",
                n=len(flat) - self.preview_top - len(shown),
                first=self.preview_top + 1,
            )
            tp.line(
                surf, more, pygame.Rect(room.x, room.y + fit * lh, room.width, lh), role, p.muted
            )
        else:
            self.preview_top = 0
            shown = flat
        for k, (ln, head) in enumerate(shown):
            box = pygame.Rect(room.x, room.y + k * lh, room.width, lh)
            tp.line(surf, ln, box, role + "b" if head else role, p.ink)

    def hints(self) -> list[tuple[str, str]]:
        """Keys while the console is open."""
        tr = self.app.tr
        out = [
            ("Tab", tr("key.focus")),
            ("← →", tr("hint.cycle")),
            ("Enter", tr("hint.press")),
        ]
        if self.preview_rect is not None:
            out.append(("↑↓", tr("con.key_scroll")))
        return [*out, ("Esc", tr("key.close"))]
