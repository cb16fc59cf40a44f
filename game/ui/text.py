"""Text that always fits its box: wrapping, ellipsis, alignment, and a record of misfits.

Every string the UI shows goes through `TextPainter.draw`. It wraps to the box's width,
cuts with an ellipsis when the lines run out, and never draws outside the box: a text that
had to be cut is noted in `truncated`, one that could not fit even one line in `overflows`
(and is clipped), so tests can assert that no screen loses or spills text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pygame

from game.ui.theme import Color, Fonts

ELLIPSIS = "…"
# a number as the screens write it: 60,0 · 1 234 · −0,5 · 25 % (not the year inside a name)
NUMBER = re.compile(r"[−+-]?\d+(?:[\u00a0\u202f ]\d{3})*(?:[.,]\d+)?(?:\u00a0?%)?")
CACHE_LIMIT = 6000


@dataclass
class Misfit:
    """A text that did not fit its box."""

    text: str
    rect: tuple[int, int, int, int]
    reason: str
    shown: str = ""  # what was drawn of it (its lines joined by spaces)

    def lost_numbers(self) -> list[str]:
        """The numbers of the text that were not drawn whole ('65 % · 1…' loses '14,0')."""
        shown = Counter(NUMBER.findall(self.shown.rstrip(ELLIPSIS)))
        lost = Counter(NUMBER.findall(self.text)) - shown
        return list(lost.elements())


class TextPainter:
    """Renders and caches text surfaces, fits them into boxes and records misfits."""

    def __init__(self, fonts: Fonts):
        self.fonts = fonts
        self._cache: dict[tuple, pygame.Surface] = {}
        self._wrap_cache: dict[tuple, list[str]] = {}
        self.truncated: list[Misfit] = []
        self.overflows: list[Misfit] = []
        # the scenario's names -> their short names (`short:`): a text that would be cut is
        # drawn with the short names instead (set_short_names; game.scenario.display)
        self.short_names: dict[str, str] = {}
        self._short_re: re.Pattern | None = None

    def set_fonts(self, fonts: Fonts) -> None:
        """Use other fonts (after a resize or a font-size change)."""
        self.fonts = fonts
        self._cache.clear()
        self._wrap_cache.clear()

    def reset_log(self) -> None:
        """Forget recorded misfits."""
        self.truncated.clear()
        self.overflows.clear()

    # -- measuring -------------------------------------------------------------------------
    def font(self, role: str) -> pygame.font.Font:
        """The font of a role."""
        return self.fonts.get(role)

    def line_height(self, role: str) -> int:
        """Height of one line of a role."""
        return self.fonts.get(role).get_linesize()

    def width(self, text: str, role: str) -> int:
        """Width of a single line of text."""
        return self.fonts.get(role).size(text)[0]

    def render(self, text: str, role: str, color: Color) -> pygame.Surface:
        """A cached rendered line."""
        key = (text, role, self.fonts.size_of(role), color)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            surf = self.fonts.get(role).render(text, True, color)
            self._cache[key] = surf
        return surf

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        """Split text into lines no wider than `width` (a too-long word is cut by letters)."""
        key = (text, role, self.fonts.size_of(role), width)
        hit = self._wrap_cache.get(key)
        if hit is not None:
            return hit
        font = self.fonts.get(role)
        lines: list[str] = []
        for para in text.split("\n"):
            words = para.split(" ")
            cur = ""
            for word in words:
                trial = word if not cur else f"{cur} {word}"
                if font.size(trial)[0] <= width:
                    cur = trial
                    continue
                if cur:
                    lines.append(cur)
                cur = word
                while cur and font.size(cur)[0] > width:  # break an overlong word
                    cut = len(cur) - 1
                    while cut > 1 and font.size(cur[:cut] + "-")[0] > width:
                        cut -= 1
                    if cut <= 1:
                        break
                    lines.append(cur[:cut] + "-")
                    cur = cur[cut:]
            lines.append(cur)
        if len(self._wrap_cache) > CACHE_LIMIT:
            self._wrap_cache.clear()
        self._wrap_cache[key] = lines
        return lines

    def ellipsize(self, text: str, role: str, width: int) -> str:
        """The longest start of `text` that fits `width` with an ellipsis."""
        font = self.fonts.get(role)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS if lo > 0 else ""

    def set_short_names(self, names: dict[str, str]) -> None:
        """Use these short names where a text holding the full name would be cut."""
        self.short_names = dict(names)
        longest = sorted(self.short_names, key=len, reverse=True)
        self._short_re = re.compile("|".join(map(re.escape, longest))) if longest else None

    def shorten(self, text: str) -> str:
        """`text` with each scenario name in it replaced by its short name."""
        if self._short_re is None:
            return text
        return self._short_re.sub(lambda m: self.short_names[m.group()], text)

    def fits(self, text: str, role: str, rect: pygame.Rect, max_lines: int | None = None) -> bool:
        """True when `text` fits `rect` without cutting."""
        lines = self.wrap(text, role, rect.width)
        n = rect.height // max(1, self.line_height(role))
        if max_lines is not None:
            n = min(n, max_lines)
        return len(lines) <= n and all(self.width(s, role) <= rect.width for s in lines)

    def fit_role(
        self, text: str, roles: tuple[str, ...], rect: pygame.Rect, max_lines: int | None = None
    ) -> str:
        """The first (largest) role in which `text` fits `rect`; else the last one."""
        for role in roles:
            if self.fits(text, role, rect, max_lines):
                return role
        return roles[-1]

    # -- drawing ---------------------------------------------------------------------------
    def glyph(
        self, surf: pygame.Surface, s: str, rect: pygame.Rect, role: str, color: Color
    ) -> None:
        """A short tag (a letter) centred in `rect`; drawn when its ink fits the rect."""
        img = self.render(s, role, color)
        box = img.get_rect(center=rect.center)
        ink = img.get_bounding_rect().move(box.topleft)
        if rect.contains(ink):
            surf.blit(img, box)

    def draw(
        self,
        surf: pygame.Surface,
        text: str,
        rect: pygame.Rect | tuple[int, int, int, int],
        role: str = "body",
        color: Color = (0, 0, 0),
        align: str = "left",
        valign: str = "top",
        wrap: bool = True,
        max_lines: int | None = None,
        record: bool = True,
    ) -> pygame.Rect:
        """Draw `text` inside `rect`; returns the area actually covered.

        align is left, center or right; valign top, middle or bottom.
        """
        rect = pygame.Rect(rect)
        if not text:
            return pygame.Rect(rect.x, rect.y, 0, 0)
        if (
            self._short_re is not None
            and self._short_re.search(text)
            and not self.fits(text, role, rect, 1 if not wrap else max_lines)
        ):
            text = self.shorten(text)
        lh = self.line_height(role)
        fit_lines = rect.height // lh if lh else 0
        if max_lines is not None:
            fit_lines = min(fit_lines, max_lines)
        if fit_lines < 1 or rect.width < 4:
            if record:
                self.overflows.append(Misfit(text, tuple(rect), "box smaller than one line"))
            return pygame.Rect(rect.x, rect.y, 0, 0)
        lines = self.wrap(text, role, rect.width) if wrap else [text]
        cut = False
        if len(lines) > fit_lines:
            lines = lines[:fit_lines]
            last = lines[-1]
            lines[-1] = self.ellipsize(last + ELLIPSIS, role, rect.width)
            cut = True
        for i, ln in enumerate(lines):
            if self.width(ln, role) > rect.width:
                lines[i] = self.ellipsize(ln, role, rect.width)
                cut = True
        if cut and record:
            shown = " ".join(lines)
            self.truncated.append(Misfit(text, tuple(rect), "cut with an ellipsis", shown))
        total = lh * len(lines)
        if valign == "middle":
            y = rect.y + (rect.height - total) // 2
        elif valign == "bottom":
            y = rect.bottom - total
        else:
            y = rect.y
        covered = pygame.Rect(rect.x, y, 0, total)
        bounds = surf.get_rect()
        for ln in lines:
            if ln:
                img = self.render(ln, role, color)
                w = img.get_width()
                if align == "center":
                    x = rect.x + (rect.width - w) // 2
                elif align == "right":
                    x = rect.right - w
                else:
                    x = rect.x
                dest = pygame.Rect(x, y, w, img.get_height())
                box = pygame.Rect(x, y, w, min(lh, img.get_height()))
                if record and (not rect.contains(box) or not bounds.contains(box)):
                    self.overflows.append(Misfit(ln, tuple(rect), "drawn outside its box"))
                old = surf.get_clip()
                surf.set_clip(rect.clip(old) if old else rect)
                surf.blit(img, dest)
                surf.set_clip(old)
                covered.union_ip(dest)
            y += lh
        return covered

    def line(
        self,
        surf: pygame.Surface,
        text: str,
        rect: pygame.Rect | tuple[int, int, int, int],
        role: str = "body",
        color: Color = (0, 0, 0),
        align: str = "left",
        valign: str = "middle",
    ) -> pygame.Rect:
        """One line, cut with an ellipsis when too long."""
        return self.draw(surf, text, rect, role, color, align, valign, wrap=False, max_lines=1)
