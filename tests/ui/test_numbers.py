"""Numbers as people read them: Finnish and Swedish write 60,0 and 60 %, English 60.0 and
60%; on the screens too (no dot decimal where a person reads a Finnish number).
"""

import re
from datetime import UTC, datetime

import pytest

from game.i18n import translator
from game.i18n.numbers import numbers, plain_minus
from tests.ui.conftest import SCENARIOS, make_app
from tests.ui.test_own_effect import drawn_texts

DOT_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")  # 60.0, not 2040 or v1.2.3


@pytest.mark.parametrize(
    "lang,num,signed,pct,grouped",
    [
        ("fi", "60,0", "+0,100", "60\xa0%", "12\xa0345"),
        ("sv", "60,0", "+0,100", "60\xa0%", "12\xa0345"),
        ("en", "60.0", "+0.100", "60%", "12,345"),
    ],
)
def test_numbers_per_language(lang, num, signed, pct, grouped):
    n = numbers(lang)
    assert n.num(60) == num
    assert n.signed(0.1, 3) == signed
    assert n.pct(0.6) == pct
    assert n.integer(12345) == grouped
    assert n.signed(-0.25, 2).startswith("\u2212")  # a real minus sign
    assert n.signed(0.0004, 2) in ("0,00", "0.00")  # no sign on what rounds to zero
    assert n.num(-0.01) in ("0,0", "0.0")  # no negative zero
    assert plain_minus(lang).num(-1.5)[0] == "-"
    assert translator(lang).num(60) == num


def test_dates_per_language():
    when = datetime(2026, 3, 4, 15, 7, tzinfo=UTC)
    assert numbers("fi").date(when) == "4.3.2026"
    assert "Mar" in numbers("en").date(when)
    assert numbers("sv").date(when).startswith("4 mars")
    assert "15.07" in numbers("fi").datetime(when)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_screen_shows_a_dot_decimal_in_finnish_or_swedish(lang):
    app = make_app(SCENARIOS[-1], (1600, 900), lang=lang, human=[0, 1])
    dotted = {}
    numbers_seen = 0
    for _ in range(5):
        views = [None] + (
            ["scores", "indicators", "network"] if app.scene.name == "reflection" else []
        )
        for view in views:
            if view:
                app.open_view(view)
            app.scene.finish_animation()
            for t in drawn_texts(app):
                numbers_seen += len(re.findall(r"\d+,\d+", t))
                hits = DOT_DECIMAL.findall(t)
                if hits:
                    dotted[(app.scene.name, view, t[:60])] = hits
            app.overlay = None
        app.advance()
    assert not dotted, dotted
    assert numbers_seen > 20  # the screens did show decimal numbers, written 60,0
