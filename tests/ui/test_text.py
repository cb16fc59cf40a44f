import pygame

from game.ui.text import ELLIPSIS, TextPainter
from game.ui.theme import Fonts


def painter():
    pygame.font.init()
    return TextPainter(Fonts(1.0))


def test_wrap_keeps_every_word_within_the_width():
    tp = painter()
    text = "Aluekehittäminen on yhteistyötä: toimijoita on paljon ja ne ovat erilaisia"
    lines = tp.wrap(text, "body", 200)
    assert len(lines) > 1
    assert all(tp.width(s, "body") <= 200 for s in lines)
    assert " ".join(lines) == text


def test_overlong_word_is_broken_not_spilled():
    tp = painter()
    lines = tp.wrap("Ydinmaaseutuharvaanasuttumaaseutuitärajanalueet", "body", 120)
    assert all(tp.width(s, "body") <= 120 for s in lines)


def test_text_too_long_for_its_box_is_cut_and_recorded():
    tp = painter()
    surf = pygame.Surface((400, 200))
    rect = pygame.Rect(10, 10, 150, tp.line_height("body"))
    used = tp.draw(surf, "Väestön ikääntyminen ja kaupungistuminen", rect, "body")
    assert rect.contains(used)
    assert tp.truncated and not tp.overflows


def test_box_smaller_than_a_line_is_an_overflow():
    tp = painter()
    surf = pygame.Surface((400, 200))
    tp.draw(surf, "Åland", pygame.Rect(0, 0, 100, 3), "body")
    assert tp.overflows


def test_text_beyond_the_surface_is_an_overflow():
    tp = painter()
    surf = pygame.Surface((100, 50))
    tp.draw(surf, "ä", pygame.Rect(90, 40, 100, 40), "body")
    assert tp.overflows


def test_ellipsis_fits():
    tp = painter()
    s = tp.ellipsize("Sosiaali- ja terveysministeriö", "body", 120)
    assert s.endswith(ELLIPSIS) and tp.width(s, "body") <= 120
