"""Look and feel: colour palettes (colour-blind safe), fonts and the layout scale.

Colours follow Okabe & Ito (2008), which stay distinct under the common colour-vision
deficiencies; every colour coding in the UI also has a shape, letter or text beside it.
Fonts are Noto Sans (SIL Open Font Licence), shipped in assets/fonts with their licence,
so Finnish and Swedish letters render the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.paths import bundled

Color = tuple[int, int, int]

# Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple
OKABE_ITO: tuple[Color, ...] = (
    (230, 159, 0),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (0, 114, 178),
    (213, 94, 0),
    (204, 121, 167),
)
BASE_SIZE = (1600, 900)  # the design size: every length is scaled from it
ASSETS = bundled("assets")


@dataclass(frozen=True)
class Palette:
    """Every colour the UI uses, by role."""

    name: str
    bg: Color
    panel: Color
    panel_alt: Color
    ink: Color
    muted: Color
    line: Color
    grid: Color
    accent: Color
    on_accent: Color
    focus: Color
    good: Color
    bad: Color
    warn: Color
    header: Color
    on_header: Color
    teams: tuple[Color, ...]
    series: tuple[Color, ...]
    bot: Color
    pkg_trust: Color  # the synergy on trust co-funded packages built (why-chart)
    kinds: dict[str, Color] = field(default_factory=dict)


LIGHT = Palette(
    name="light",
    bg=(238, 236, 230),
    panel=(255, 255, 255),
    panel_alt=(246, 244, 239),
    ink=(24, 28, 34),
    muted=(84, 92, 104),
    line=(196, 192, 184),
    grid=(226, 223, 216),
    accent=(0, 94, 150),
    on_accent=(255, 255, 255),
    focus=(0, 94, 150),
    good=(0, 128, 94),
    bad=(190, 80, 0),
    warn=(170, 110, 0),
    header=(22, 38, 58),
    on_header=(246, 244, 239),
    # team colours: Okabe–Ito without yellow (too light on white), then grey
    teams=(
        (0, 114, 178),
        (213, 94, 0),
        (0, 158, 115),
        (204, 121, 167),
        (230, 159, 0),
        (86, 180, 233),
        (110, 110, 110),
        (60, 60, 60),
    ),
    series=(
        (0, 114, 178),
        (213, 94, 0),
        (0, 158, 115),
        (204, 121, 167),
        (230, 159, 0),
        (86, 180, 233),
        (60, 60, 60),
        (150, 150, 150),
    ),
    bot=(150, 150, 150),
    pkg_trust=(155, 40, 235),  # violet: apart from blue, green and the teams in every CVD
)

CONTRAST = Palette(
    name="contrast",
    bg=(0, 0, 0),
    panel=(16, 16, 16),
    panel_alt=(36, 36, 36),
    ink=(255, 255, 255),
    muted=(220, 220, 220),
    line=(200, 200, 200),
    grid=(70, 70, 70),
    accent=(255, 225, 40),
    on_accent=(0, 0, 0),
    focus=(255, 225, 40),
    good=(80, 220, 170),
    bad=(255, 140, 60),
    warn=(255, 225, 40),
    header=(0, 0, 0),
    on_header=(255, 255, 255),
    teams=(
        (86, 180, 233),
        (255, 140, 60),
        (60, 220, 160),
        (240, 150, 200),
        (240, 228, 66),
        (170, 210, 255),
        (200, 200, 200),
        (255, 255, 255),
    ),
    series=(
        (86, 180, 233),
        (255, 140, 60),
        (60, 220, 160),
        (240, 150, 200),
        (240, 228, 66),
        (255, 255, 255),
        (170, 170, 170),
        (120, 120, 120),
    ),
    bot=(170, 170, 170),
    pkg_trust=(180, 60, 255),  # violet: apart from yellow, mint and the teams in every CVD
)

PALETTES = {"light": LIGHT, "contrast": CONTRAST}

# marker shapes for series (region types) and kinds: colour is never the only cue
MARKERS = ("circle", "square", "triangle", "diamond", "down", "plus", "cross", "ring")
KIND_SHAPES = {"ministry": "square", "region": "circle", "partner": "diamond"}

# font roles: (size at the design size, bold)
ROLES: dict[str, tuple[int, bool]] = {
    "display": (64, True),
    "title": (40, True),
    "h1": (30, True),
    "h2": (24, True),
    "body": (21, False),
    "bodyb": (21, True),
    "small": (18, False),
    "smallb": (18, True),
    "tiny": (15, False),
    "tinyb": (15, True),
    "number": (44, True),
}
MIN_FONT = 12


def font_dir() -> Path:
    """The folder holding the game's fonts: Noto Sans, regular and bold (assets/fonts)."""
    return ASSETS / "fonts"


class Fonts:
    """pygame fonts by role, sized for the window and the font-size setting."""

    def __init__(self, scale: float):
        self.scale = scale
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}
        d = font_dir()
        self._files = {False: d / "NotoSans-Regular.ttf", True: d / "NotoSans-Bold.ttf"}

    def size_of(self, role: str) -> int:
        """Pixel size of a role at the current scale."""
        base, _ = ROLES[role]
        return max(MIN_FONT, round(base * self.scale))

    def get(self, role: str) -> pygame.font.Font:
        """The font of a role."""
        base, bold = ROLES[role]
        size = self.size_of(role)
        key = (role, size)
        font = self._cache.get(key)
        if font is None:
            path = self._files[bold]
            font = pygame.font.Font(str(path) if path.is_file() else None, size)
            self._cache[key] = font
        return font


def layout_scale(size: tuple[int, int]) -> float:
    """How much bigger than the design size (1600×900) the window is."""
    return min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1])


def source_kind_color(pal: Palette, kind: str) -> Color:
    """The colour of a kind of attribution source (`Model.source_names`) that is not a
    team: cooperation, the trust packages built and the packages each have their own.
    """
    return {
        "others": pal.bot,
        "cooperation": pal.accent,
        "package-trust": pal.pkg_trust,
        "package": pal.good,
        "driver": pal.warn,
        "event": pal.muted,
    }.get(kind, pal.muted)


def mix(a: Color, b: Color, t: float) -> Color:
    """Blend colour a toward b by t (0..1)."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def readable_on(color: Color) -> Color:
    """Black or white, whichever reads better on `color`."""
    r, g, b = color
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (0, 0, 0) if lum > 150 else (255, 255, 255)


def draw_marker(
    surf: pygame.Surface,
    shape: str,
    center: tuple[float, float],
    r: float,
    color: Color,
    outline: Color | None = None,
    width: int = 0,
) -> None:
    """Draw a marker shape; shapes carry the meaning when colours cannot be told apart."""
    x, y = center
    r = max(2.0, r)
    if shape == "circle":
        pts = None
        pygame.draw.circle(surf, color, (x, y), r, width)
        if outline:
            pygame.draw.circle(surf, outline, (x, y), r, max(2, round(r / 4)))
        return
    if shape == "ring":
        pygame.draw.circle(surf, color, (x, y), r, max(2, round(r / 3)))
        return
    if shape == "square":
        s = r * 0.9
        pts = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "triangle":
        pts = [(x, y - r * 1.1), (x + r, y + r * 0.75), (x - r, y + r * 0.75)]
    elif shape == "down":
        pts = [(x, y + r * 1.1), (x + r, y - r * 0.75), (x - r, y - r * 0.75)]
    elif shape == "diamond":
        pts = [(x, y - r * 1.2), (x + r * 1.1, y), (x, y + r * 1.2), (x - r * 1.1, y)]
    elif shape in ("plus", "cross"):
        w = max(2, round(r * 0.55))
        if shape == "plus":
            pygame.draw.line(surf, color, (x - r, y), (x + r, y), w)
            pygame.draw.line(surf, color, (x, y - r), (x, y + r), w)
        else:
            d = r * 0.8
            pygame.draw.line(surf, color, (x - d, y - d), (x + d, y + d), w)
            pygame.draw.line(surf, color, (x - d, y + d), (x + d, y - d), w)
        return
    else:
        pts = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    pygame.draw.polygon(surf, color, pts, width)
    if outline:
        pygame.draw.polygon(surf, outline, pts, max(2, round(r / 4)))


def draw_check(surf: pygame.Surface, rect: pygame.Rect, color: Color, width: int = 3) -> None:
    """A check mark inside `rect`."""
    x, y, w, h = rect
    pts = [(x + w * 0.15, y + h * 0.55), (x + w * 0.42, y + h * 0.8), (x + w * 0.88, y + h * 0.2)]
    pygame.draw.lines(surf, color, False, pts, width)


def draw_arrow(
    surf: pygame.Surface, center: tuple[float, float], size: float, up: bool, color: Color
) -> None:
    """A small filled up or down triangle (a change's direction, beside its signed number)."""
    draw_marker(surf, "triangle" if up else "down", center, size, color)
