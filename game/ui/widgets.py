"""Small keyboard-first widgets: buttons, sliders, choosers, tabs and cell grids.

Widgets hold no game logic: they show a value and call back with the person's intent;
the scene turns that into a command for the session. A `FocusRing` moves the keyboard
focus with Tab / Shift+Tab, routes keys to the focused widget and clicks to the widget
under the mouse; the focused widget is always outlined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui.theme import Color, draw_check, draw_marker, mix

# (row, column) steps of the arrow keys in a grid
ARROWS = {
    pygame.K_UP: (-1, 0),
    pygame.K_DOWN: (1, 0),
    pygame.K_LEFT: (0, -1),
    pygame.K_RIGHT: (0, 1),
}


def draw_focus(surf: pygame.Surface, rect: pygame.Rect, app) -> None:
    """The focus outline: thick, in the focus colour, just outside the widget."""
    w = max(2, app.px(4))
    pygame.draw.rect(surf, app.pal.focus, rect.inflate(w * 2, w * 2), w, border_radius=app.px(8))


class Widget:
    """Something on screen a person can focus and use."""

    focusable = True
    hint_key = ""  # i18n key of the footer hint shown while focused

    def __init__(self, key: str, rect: pygame.Rect | None = None):
        self.key = key
        self.rect = pygame.Rect(rect) if rect else pygame.Rect(0, 0, 0, 0)
        self.enabled = True

    def on_key(self, ev: pygame.event.Event, app) -> bool:
        """Handle a key press; True when used."""
        return False

    def on_mouse(self, ev: pygame.event.Event, app) -> bool:
        """Handle a mouse event inside the widget; True when used."""
        return False

    def on_text(self, ev: pygame.event.Event, app) -> bool:
        """Handle text typed (a TEXTINPUT event, after the keyboard's layout and any input
        method); True when used. Only text fields take it.
        """
        return False

    def draw(self, surf: pygame.Surface, app, focused: bool) -> None:
        """Draw the widget."""


class TextInput(Widget):
    """One line of text typed in place: what is typed goes in at the cursor, Backspace and
    Delete remove, ←/→ Home/End move, Ctrl+V pastes, Enter calls `on_enter`. Drawn each
    frame with the palette and fonts of the moment, so it follows contrast and text size
    as every other widget does.
    """

    hint_key = "hint.text"
    MAX_CHARS = 1000
    PASS_KEYS = (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN)

    def __init__(
        self,
        key: str,
        text: str = "",
        on_enter: Callable[[str], None] | None = None,
        placeholder: str = "",
        rect: pygame.Rect | None = None,
    ):
        super().__init__(key, rect)
        self.text, self.cursor = text, len(text)
        self.on_enter, self.placeholder = on_enter, placeholder

    def insert(self, s: str) -> None:
        """Put `s` in at the cursor (line breaks and control characters left out)."""
        s = "".join(ch for ch in s if ch.isprintable())[: self.MAX_CHARS - len(self.text)]
        self.text = self.text[: self.cursor] + s + self.text[self.cursor :]
        self.cursor += len(s)

    def on_text(self, ev, app) -> bool:
        """Typed text goes in at the cursor."""
        self.insert(ev.text)
        return True

    def on_key(self, ev, app) -> bool:
        """Editing keys; printable keys are taken here and typed through `on_text`."""
        k, ctrl = ev.key, ev.mod & pygame.KMOD_CTRL
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.on_enter is not None:
                self.on_enter(self.text)
            return True
        if k == pygame.K_BACKSPACE and self.cursor > 0:
            self.text = self.text[: self.cursor - 1] + self.text[self.cursor :]
            self.cursor -= 1
        elif k == pygame.K_DELETE:
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1 :]
        elif k == pygame.K_LEFT:
            self.cursor = max(0, self.cursor - 1)
        elif k == pygame.K_RIGHT:
            self.cursor = min(len(self.text), self.cursor + 1)
        elif k == pygame.K_HOME:
            self.cursor = 0
        elif k == pygame.K_END:
            self.cursor = len(self.text)
        elif ctrl and k == pygame.K_v:
            self.insert(_clipboard_text())
        elif k in self.PASS_KEYS or pygame.K_F1 <= k <= pygame.K_F12 or ctrl:
            return False  # focus moves, the menu, the function keys and shortcuts go on
        elif not (ev.unicode and ev.unicode.isprintable()) and k != pygame.K_BACKSPACE:
            return False
        return True

    def on_mouse(self, ev, app) -> bool:
        """A click focuses the field and puts the cursor at the end."""
        if ev.type == pygame.MOUSEBUTTONDOWN:
            self.cursor = len(self.text)
        return True

    def draw(self, surf, app, focused) -> None:
        """The field, its text (the end of it when long) and, focused, the cursor."""
        p, tp = app.pal, app.tp
        r = self.rect
        pygame.draw.rect(surf, p.panel, r, border_radius=app.px(8))
        pygame.draw.rect(surf, p.line, r, 1, border_radius=app.px(8))
        inner = r.inflate(-2 * app.px(12), 0)
        role = fitting(tp, ("body", "small"), r.height - app.px(4))
        if not self.text and not focused:
            tp.line(surf, self.placeholder, inner, role, p.muted)
        else:
            font = app.fonts.get(role)
            before = self.text[: self.cursor]
            shift = max(0, font.size(before)[0] - inner.width + app.px(4))
            clip = surf.get_clip()
            surf.set_clip(inner.clip(clip) if clip else inner)
            img = font.render(self.text, True, p.ink)
            surf.blit(img, (inner.x - shift, inner.centery - img.get_height() // 2))
            if focused:
                cx = inner.x - shift + font.size(before)[0]
                half = font.get_height() // 2
                pygame.draw.line(
                    surf, p.accent, (cx, inner.centery - half), (cx, inner.centery + half), 2
                )
            surf.set_clip(clip)
        if focused:
            draw_focus(surf, r, app)


def _clipboard_text() -> str:
    """The clipboard's text, or nothing where there is no clipboard (a headless run)."""
    try:
        return pygame.scrap.get_text() or ""
    except (pygame.error, AttributeError):
        return ""


class Button(Widget):
    """A labelled button; Enter or Space or a click presses it."""

    hint_key = "hint.press"

    def __init__(
        self,
        key: str,
        label: str,
        action: Callable[[], None],
        rect: pygame.Rect | None = None,
        primary: bool = False,
        shortcut: str = "",
        enabled: bool = True,
        role: str = "bodyb",
    ):
        super().__init__(key, rect)
        self.label, self.action, self.primary = label, action, primary
        self.shortcut, self.enabled, self.role = shortcut, enabled, role

    def on_key(self, ev, app) -> bool:
        """Enter / Space press the button."""
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.enabled:
            self.action()
            return True
        return False

    def on_mouse(self, ev, app) -> bool:
        """A left click presses the button."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1 and self.enabled:
            self.action()
            return True
        return ev.type == pygame.MOUSEBUTTONDOWN

    def draw(self, surf, app, focused) -> None:
        """A rounded box with the label and its shortcut."""
        p = app.pal
        if not self.enabled:
            bg, fg, border = p.panel_alt, p.muted, p.line
        elif self.primary:
            bg, fg, border = p.accent, p.on_accent, p.accent
        else:
            bg, fg, border = p.panel, p.ink, p.line
        r = app.px(8)
        pygame.draw.rect(surf, bg, self.rect, border_radius=r)
        pygame.draw.rect(
            surf, border if not focused else p.focus, self.rect, max(1, app.px(2)), border_radius=r
        )
        inner = self.rect.inflate(-app.px(16), -app.px(4))
        label = self.label
        if self.shortcut:
            sw = app.tp.width(self.shortcut, "tiny") + app.px(10)
            if inner.width - sw > app.tp.width(label, self.role) * 0.6:
                kr = pygame.Rect(inner.right - sw, inner.y, sw, inner.height)
                app.tp.line(surf, self.shortcut, kr, "tiny", mix(fg, bg, 0.25), "right")
                inner.width -= sw
        role = app.tp.fit_role(label, (self.role, "smallb", "tinyb"), inner, 1)
        app.tp.line(surf, label, inner, role, fg, "center")
        if focused:
            draw_focus(surf, self.rect, app)


def labelled_box(surf: pygame.Surface, app, r: pygame.Rect, label: str) -> pygame.Rect:
    """A field's box with its label in the left part; returns the rect left for the value
    (choosers, the number field).
    """
    p, tp = app.pal, app.tp
    pygame.draw.rect(surf, p.panel, r, border_radius=app.px(8))
    pygame.draw.rect(surf, p.line, r, 1, border_radius=app.px(8))
    lw = int(r.width * 0.42)
    lab = pygame.Rect(r.x + app.px(12), r.y, lw - app.px(16), r.height)
    tp.line(surf, label, lab, fitting(tp, ("small", "tiny"), r.height), p.muted)
    return pygame.Rect(r.x + lw, r.y, r.width - lw - app.px(8), r.height)


def fitting(tp, roles: Sequence[str], height: int) -> str:
    """The first of `roles` whose line fits `height` (else the last): a widget's text in a
    row that large text made shorter than a line.
    """
    return next((r for r in roles if tp.line_height(r) <= height), roles[-1])


class Slider(Widget):
    """A value between lo and hi in steps: ←/→ one step, Shift+←/→ five, Home/End the ends."""

    hint_key = "hint.slider"

    def __init__(
        self,
        key: str,
        label: str,
        value: float,
        lo: float,
        hi: float,
        step: float,
        on_change: Callable[[float], None],
        fmt: Callable[[float], str],
        rect: pygame.Rect | None = None,
        color: Color | None = None,
        limit: float | None = None,
        note: str = "",
        enabled: bool = True,
        role: str = "small",
        mark: float | None = None,
    ):
        super().__init__(key, rect)
        self.role = role
        self.mark = mark  # a value to point at under the track (a suggestion), or None
        self.label, self.value, self.lo, self.hi, self.step = label, value, lo, hi, step
        self.on_change, self.fmt, self.color = on_change, fmt, color
        self.limit = hi if limit is None else limit  # highest value allowed right now
        self.note = note
        self.enabled = enabled
        self.dragging = False
        self.track = pygame.Rect(0, 0, 0, 0)

    def set(self, v: float) -> None:
        """Move to v (snapped to the step and kept within the limits)."""
        v = round(v / self.step) * self.step if self.step else v
        v = max(self.lo, min(v, self.limit, self.hi))
        if abs(v - self.value) > 1e-9 and self.enabled:
            self.value = v
            self.on_change(v)

    def on_key(self, ev, app) -> bool:
        """←/→ one step, Shift for five, Home/End to the ends."""
        big = 5 if ev.mod & pygame.KMOD_SHIFT else 1
        if ev.key in (pygame.K_RIGHT, pygame.K_KP_PLUS, pygame.K_PLUS):
            self.set(self.value + self.step * big)
        elif ev.key in (pygame.K_LEFT, pygame.K_KP_MINUS, pygame.K_MINUS):
            self.set(self.value - self.step * big)
        elif ev.key == pygame.K_HOME:
            self.set(self.lo)
        elif ev.key == pygame.K_END:
            self.set(self.limit)
        else:
            return False
        return True

    def _value_at(self, x: int) -> float:
        t = (x - self.track.x) / max(1, self.track.width)
        return self.lo + max(0.0, min(1.0, t)) * (self.hi - self.lo)

    def on_mouse(self, ev, app) -> bool:
        """Click or drag on the track sets the value."""
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            self.dragging = True
            self.set(self._value_at(ev.pos[0]))
            return True
        if ev.type == pygame.MOUSEMOTION and self.dragging:
            self.set(self._value_at(ev.pos[0]))
            return True
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            self.dragging = False
            return True
        return False

    def draw(self, surf, app, focused) -> None:
        """Label left, track in the middle, value right."""
        p, tp = app.pal, app.tp
        r = self.rect
        label_w = int(r.width * 0.48)
        # the value whole, as wide as its widest (so the track keeps still while it moves),
        # in the largest bold size the row's height and a third of its width allow
        text = self.fmt(self.value)
        samples = [text, self.fmt(self.hi), self.fmt(self.lo)]
        heights = [ro for ro in ("bodyb", "smallb", "tinyb") if r.height >= tp.line_height(ro)]
        heights = heights or ["tinyb"]
        room = int(r.width * 0.34)

        def wide(ro: str) -> int:
            return max(tp.width(x, ro) for x in samples) + app.px(10)

        vrole = next((ro for ro in heights if wide(ro) <= room), heights[-1])
        value_w = max(app.px(70), int(r.width * 0.16), wide(vrole))
        label_w = min(label_w, r.width - value_w - app.px(60))
        lab = pygame.Rect(r.x + app.px(8), r.y, label_w - app.px(12), r.height)
        role = fitting(tp, (self.role, "tiny"), r.height)  # a short row: smaller text
        lines = max(1, r.height // tp.line_height(role))
        tp.draw(
            surf,
            self.label,
            lab,
            role,
            p.ink if self.enabled else p.muted,
            valign="middle",
            max_lines=min(2, lines),
        )
        self.track = pygame.Rect(
            r.x + label_w,
            r.centery - app.px(5),
            r.width - label_w - value_w - app.px(8),
            app.px(10),
        )
        t = self.track
        pygame.draw.rect(surf, p.grid, t, border_radius=t.height // 2)
        span = self.hi - self.lo or 1.0
        if self.limit < self.hi:  # the part out of reach now, hatched
            lx = t.x + int(t.width * (self.limit - self.lo) / span)
            for x in range(lx, t.right, app.px(6)):
                pygame.draw.line(surf, p.line, (x, t.y), (min(x + app.px(4), t.right), t.bottom))
        fill = t.copy()
        fill.width = int(t.width * (self.value - self.lo) / span)
        col = self.color or p.accent
        if fill.width > 0:
            pygame.draw.rect(
                surf, col if self.enabled else p.line, fill, border_radius=t.height // 2
            )
        if self.mark is not None and abs(self.mark - self.value) > self.step / 2:
            # a small triangle under the track points at it (where the value is not)
            mx = t.x + int(t.width * (min(max(self.mark, self.lo), self.hi) - self.lo) / span)
            my = t.bottom + app.px(5)
            draw_marker(surf, "triangle", (mx, my), app.px(5), p.muted)
        kx = t.x + fill.width
        pygame.draw.circle(surf, p.panel, (kx, t.centery), app.px(11))
        pygame.draw.circle(
            surf, col if self.enabled else p.muted, (kx, t.centery), app.px(11), max(2, app.px(3))
        )
        val = pygame.Rect(t.right + app.px(8), r.y, value_w - app.px(8), r.height)
        tp.line(surf, text, val, vrole, p.ink, "right")
        if focused:
            draw_focus(surf, r, app)


class Cycle(Widget):
    """A choice among a few options: ←/→ or a click changes it."""

    hint_key = "hint.cycle"

    def __init__(
        self,
        key: str,
        label: str,
        options: Sequence[str],
        index: int,
        on_change: Callable[[int], None],
        rect: pygame.Rect | None = None,
        enabled: bool = True,
    ):
        super().__init__(key, rect)
        self.label, self.options, self.index, self.on_change = (
            label,
            list(options),
            index,
            on_change,
        )
        self.enabled = enabled

    def move(self, d: int) -> None:
        """Choose the next (d = 1) or previous (d = -1) option."""
        if self.options and self.enabled:
            self.index = (self.index + d) % len(self.options)
            self.on_change(self.index)

    def on_key(self, ev, app) -> bool:
        """←/→ (and Enter/Space) change the choice."""
        if ev.key in (pygame.K_RIGHT, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.move(1)
        elif ev.key == pygame.K_LEFT:
            self.move(-1)
        else:
            return False
        return True

    def on_mouse(self, ev, app) -> bool:
        """A click on the left half goes back, on the right half forward."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            self.move(-1 if ev.pos[0] < self.rect.x + self.rect.width * 0.55 else 1)
            return True
        return ev.type == pygame.MOUSEBUTTONDOWN

    def draw(self, surf, app, focused) -> None:
        """Label, then ‹ value ›."""
        p, tp = app.pal, app.tp
        r = self.rect
        box = labelled_box(surf, app, r, self.label)
        arrow = fitting(tp, ("h2", "bodyb", "smallb", "tinyb"), r.height)
        aw = max(app.px(26), tp.width("›", arrow) + app.px(8))
        col = p.ink if self.enabled else p.muted
        tp.line(surf, "‹", pygame.Rect(box.x, box.y, aw, box.height), arrow, p.accent, "center")
        tp.line(
            surf, "›", pygame.Rect(box.right - aw, box.y, aw, box.height), arrow, p.accent, "center"
        )
        val = self.options[self.index] if self.options else ""
        inner = box.inflate(-2 * aw - app.px(4), 0)
        role = tp.fit_role(val, ("bodyb", "smallb", "tinyb"), inner, 1)
        tp.line(surf, val, inner, role, col, "center")
        if focused:
            draw_focus(surf, r, app)


class Tabs(Widget):
    """A row of tabs; ←/→ or a click switches."""

    hint_key = "hint.tabs"

    def __init__(
        self,
        key: str,
        items: Sequence[str],
        index: int,
        on_change: Callable[[int], None],
        rect: pygame.Rect | None = None,
        colors: Sequence[Color] | None = None,
        tags: Sequence[str] | None = None,
        done: Sequence[bool] | None = None,
    ):
        super().__init__(key, rect)
        self.items, self.index, self.on_change = list(items), index, on_change
        self.colors = list(colors) if colors else None
        self.tags = list(tags) if tags else None
        self.done = list(done) if done else None  # a check in the corner of these tabs
        self.cells: list[pygame.Rect] = []

    def on_key(self, ev, app) -> bool:
        """←/→ switch tabs."""
        if ev.key == pygame.K_RIGHT and self.items:
            self.index = (self.index + 1) % len(self.items)
        elif ev.key == pygame.K_LEFT and self.items:
            self.index = (self.index - 1) % len(self.items)
        else:
            return False
        self.on_change(self.index)
        return True

    def on_mouse(self, ev, app) -> bool:
        """A click picks the tab under it."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            for i, c in enumerate(self.cells):
                if c.collidepoint(ev.pos):
                    self.index = i
                    self.on_change(i)
                    return True
        return ev.type == pygame.MOUSEBUTTONDOWN

    def draw(self, surf, app, focused) -> None:
        """Equal-width tabs (as wide as their labels when equal ones would wrap); the
        chosen one filled and underlined.
        """
        p, tp = app.pal, app.tp
        n = max(1, len(self.items))
        gap = app.px(6)
        w = (self.rect.width - gap * (n - 1)) // n
        self.cells = []
        inner_w = w - app.px(12) - (app.px(36) if self.tags else 0)
        role_pair, two = ("tiny", "tinyb"), True
        for pair in (("body", "bodyb"), ("small", "smallb"), ("tiny", "tinyb")):
            if all(tp.width(it, pair[1]) <= inner_w for it in self.items):
                role_pair, two = pair, False
                break
        widths = [w] * n
        if two:  # equal tabs do not fit one line: tabs as wide as their labels, if those do
            pad, room = w - inner_w, self.rect.width - gap * (n - 1)
            for pair in (("body", "bodyb"), ("small", "smallb"), ("tiny", "tinyb")):
                need = [tp.width(it, pair[1]) + pad for it in self.items]
                if sum(need) <= room:
                    spare = (room - sum(need)) // n
                    widths = [x + spare for x in need]
                    role_pair, two = pair, False
                    break
        if two:  # no size fits one line: wrap to two lines in the largest size that fits
            box = pygame.Rect(0, 0, inner_w, self.rect.height - app.px(4))
            for pair in (("small", "smallb"), ("tiny", "tinyb")):
                if all(tp.fits(it, pair[1], box, 2) for it in self.items):
                    role_pair = pair
                    break
        x = self.rect.x
        for i, item in enumerate(self.items):
            c = pygame.Rect(x, self.rect.y, widths[i], self.rect.height)
            x += widths[i] + gap
            self.cells.append(c)
            on = i == self.index
            col = self.colors[i] if self.colors else p.accent
            pygame.draw.rect(surf, p.panel if on else p.panel_alt, c, border_radius=app.px(6))
            pygame.draw.rect(
                surf, col if on else p.line, c, app.px(3) if on else 1, border_radius=app.px(6)
            )
            inner = c.inflate(-app.px(12), 0)
            if self.tags:
                tw = app.px(28)
                tag = pygame.Rect(inner.x, c.centery - tw // 2, tw, tw)
                pygame.draw.rect(surf, col, tag, border_radius=app.px(4))
                from game.ui.theme import readable_on

                tp.glyph(surf, self.tags[i], tag, "smallb", readable_on(col))
                inner.x += tw + app.px(8)
                inner.width -= tw + app.px(8)
            if self.done and self.done[i]:
                s = app.px(14)
                box = pygame.Rect(c.right - s - app.px(5), c.y + app.px(4), s, s)
                draw_check(surf, box, self.colors[i] if self.colors else p.good, max(2, app.px(3)))
            role = role_pair[1] if on else role_pair[0]
            if two:
                tp.draw(
                    surf,
                    item,
                    inner.inflate(0, -app.px(4)),
                    role,
                    p.ink if on else p.muted,
                    valign="middle",
                    max_lines=2,
                )
            else:
                tp.line(surf, item, inner, role, p.ink if on else p.muted)
        if focused:
            draw_focus(surf, self.rect, app)


class Grid(Widget):
    """A grid of cells moved through with the arrow keys; Enter/Space or a click acts.

    The scene draws the cells (`draw_cell`), the grid only keeps the cursor.
    """

    hint_key = "hint.grid"

    def __init__(
        self,
        key: str,
        rows: int,
        cols: int,
        cell: tuple[int, int],
        cell_rect: Callable[[int, int], pygame.Rect],
        draw_cell: Callable[[pygame.Surface, int, int, bool], None],
        on_move: Callable[[int, int], None] | None = None,
        on_activate: Callable[[int, int], None] | None = None,
        rect: pygame.Rect | None = None,
    ):
        super().__init__(key, rect)
        self.rows, self.cols, self.cell = rows, cols, cell
        self.cell_rect, self.draw_cell = cell_rect, draw_cell
        self.on_move, self.on_activate = on_move, on_activate

    def _go(self, r: int, c: int) -> None:
        r, c = max(0, min(r, self.rows - 1)), max(0, min(c, self.cols - 1))
        if (r, c) != self.cell:
            self.cell = (r, c)
            if self.on_move:
                self.on_move(r, c)

    def on_key(self, ev, app) -> bool:
        """Arrows move, Enter/Space act on the cell."""
        r, c = self.cell
        if ev.key in ARROWS:
            dr, dc = ARROWS[ev.key]
            self._go(r + dr, c + dc)
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.on_activate:
            self.on_activate(r, c)
            return True
        return False

    def on_mouse(self, ev, app) -> bool:
        """A click moves to the cell and acts on it."""
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            for r in range(self.rows):
                for c in range(self.cols):
                    if self.cell_rect(r, c).collidepoint(ev.pos):
                        self._go(r, c)
                        if self.on_activate:
                            self.on_activate(r, c)
                        return True
        return ev.type == pygame.MOUSEBUTTONDOWN

    def draw(self, surf, app, focused) -> None:
        """Every cell; the cursor cell outlined while the grid has focus."""
        for r in range(self.rows):
            for c in range(self.cols):
                self.draw_cell(surf, r, c, focused and (r, c) == self.cell)
        if focused:
            cr = self.cell_rect(*self.cell)
            draw_focus(surf, cr, app)


class FocusRing:
    """The widgets of a screen in Tab order, and which one has the keyboard focus."""

    def __init__(self) -> None:
        self.widgets: list[Widget] = []
        self.index = 0
        self.mouse_owner: Widget | None = None

    def set(self, widgets: Sequence[Widget], focus: str | None = None) -> None:
        """Replace the widgets, keeping the focus on the same key where possible."""
        old = focus or (self.focused.key if self.focused else None)
        self.widgets = [w for w in widgets if w.focusable]
        self.index = 0
        for i, w in enumerate(self.widgets):
            if w.key == old:
                self.index = i
                break
        else:
            for i, w in enumerate(self.widgets):
                if w.enabled:
                    self.index = i
                    break

    @property
    def focused(self) -> Widget | None:
        """The widget with the focus."""
        return self.widgets[self.index] if 0 <= self.index < len(self.widgets) else None

    def focus(self, key: str) -> bool:
        """Give the focus to the widget with `key`."""
        for i, w in enumerate(self.widgets):
            if w.key == key:
                self.index = i
                return True
        return False

    def step(self, d: int) -> None:
        """Move the focus forward (1) or back (-1), skipping disabled widgets."""
        n = len(self.widgets)
        for _ in range(n):
            self.index = (self.index + d) % n
            if self.widgets[self.index].enabled:
                return

    def handle(self, ev: pygame.event.Event, app) -> bool:
        """Route an event; True when a widget used it."""
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_TAB and self.widgets:
                self.step(-1 if ev.mod & pygame.KMOD_SHIFT else 1)
                return True
            w = self.focused
            return bool(w and w.enabled and w.on_key(ev, app))
        if ev.type == pygame.TEXTINPUT:
            w = self.focused
            return bool(w and w.enabled and w.on_text(ev, app))
        if ev.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if ev.type == pygame.MOUSEMOTION:
                return bool(self.mouse_owner and self.mouse_owner.on_mouse(ev, app))
            if ev.type == pygame.MOUSEBUTTONUP and self.mouse_owner is not None:
                owner, self.mouse_owner = self.mouse_owner, None
                if owner.rect.collidepoint(ev.pos) or isinstance(owner, Slider):
                    return owner.on_mouse(ev, app)
                return True
            for i, w in enumerate(self.widgets):
                if w.rect.collidepoint(ev.pos) and w.enabled:
                    self.index = i
                    if ev.type == pygame.MOUSEBUTTONDOWN and getattr(ev, "button", 1) == 1:
                        self.mouse_owner = w
                    return w.on_mouse(ev, app)
        return False

    def draw(self, surf: pygame.Surface, app) -> None:
        """Draw every widget, the focused one with its outline."""
        f = self.focused
        for w in self.widgets:
            if w is not f:
                w.draw(surf, app, False)
        if f is not None:
            f.draw(surf, app, True)


def marker_legend(
    surf, app, rect: pygame.Rect, items: Sequence[tuple[str, Color, str]], role: str = "small"
) -> int:
    """A wrapping legend of (shape, colour, label); returns the height used."""
    tp = app.tp
    lh = tp.line_height(role)
    x, y = rect.x, rect.y
    gap = app.px(18)
    ms = lh * 0.28
    for shape, col, label in items:
        w = min(rect.width, int(lh * 0.9) + tp.width(label, role) + gap)
        if x + w > rect.right and x > rect.x:
            x, y = rect.x, y + lh
        draw_marker(surf, shape, (x + lh * 0.35, y + lh / 2), ms, col)
        tp.line(
            surf, label, pygame.Rect(x + int(lh * 0.8), y, w - int(lh * 0.8), lh), role, app.pal.ink
        )
        x += w
    return y + lh - rect.y
