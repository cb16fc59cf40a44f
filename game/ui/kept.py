"""Drawings kept between frames: a panel is painted again only when what it shows changed.

A screen is redrawn every frame, but most panels show the same thing for many frames. A
kept drawing is keyed by everything it shows; while the key stands, its pixels (and the
glossary spots it marked) are blitted again instead.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import pygame

KEEP_AT_MOST = 16  # drawings kept per app; more and all are forgotten

_PLAIN = (int, float, str, bytes, tuple, bool, type(None))


def _same(a: object, b: object) -> bool:
    """The same object, or equal plain values (arrays and dataclasses are never compared)."""
    return a is b or (type(a) is type(b) and isinstance(a, _PLAIN) and a == b)


def draw_kept(
    app,
    slot: Hashable,
    key: Sequence[object],
    surf: pygame.Surface,
    rect: pygame.Rect,
    draw: Callable[[], None],
) -> None:
    """Run `draw()`, which paints `rect` of `surf`; or, when `key` is what the drawing of
    `slot` was made for, blit its pixels again and mark its glossary spots.
    """
    store = app.kept_drawings
    key = (surf, tuple(rect), *key)
    spots = getattr(app, "term_spots", None)
    hit = store.get(slot)
    if hit is not None and len(hit[0]) == len(key) and all(map(_same, hit[0], key)):
        surf.blit(hit[1], rect)
        if spots is not None:
            spots.extend(hit[2])
        return
    first = len(spots) if spots is not None else 0
    draw()
    if len(store) >= KEEP_AT_MOST:
        store.clear()
    pixels = surf.subsurface(rect.clip(surf.get_rect())).copy()
    store[slot] = (key, pixels, spots[first:] if spots is not None else [])
