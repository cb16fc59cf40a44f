"""Numbers, percentages and dates as people read them in one language (Babel, CLDR data).

Finnish and Swedish write `60,0` and `60 %`, English `60.0` and `60%`. Every number a
person reads on a screen, in the report or in the CSV meant for people goes through a
`Numbers`; the machine CSV files stay plain (dot decimal, no grouping) for programs.

    n = numbers("fi")
    n.num(60.0)            # '60,0'
    n.signed(0.1, 3)       # '+0,100'   (a real minus sign '−' for negatives)
    n.pct(0.6)             # '60 %'     (a share 0..1; the space is a no-break space)
    n.date(dt)             # '30.11.2026'

Years are not numbers here: they are shown as they are (2040, never 2 040).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

MINUS = "\u2212"  # '−', the minus sign typography uses (a hyphen looks like a dash)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _pattern(digits: int, grouped: bool = True) -> str:
    head = "#,##0" if grouped else "0"
    return head + ("." + "0" * digits if digits > 0 else "")


@lru_cache(maxsize=16384)
def _decimal(lang: str, value: float, digits: int, grouped: bool) -> str:
    return format_decimal(value, _pattern(digits, grouped), locale=_locale(lang))


@lru_cache(maxsize=4096)
def _percent(lang: str, value: float, digits: int) -> str:
    base = _locale(lang).percent_formats[None].pattern  # '#,##0 %' or '#,##0%'
    if digits > 0:  # decimals after the pattern's last digit: '#,##0.0 %'
        last = base.rindex("0") + 1
        base = base[:last] + "." + "0" * digits + base[last:]
    return format_percent(value, base, locale=_locale(lang))


def _clean(v: float, digits: int) -> float:
    """`v` rounded as it will be shown, without a negative zero."""
    r = round(float(v), digits)
    return 0.0 if r == 0 else r


class Numbers:
    """Number, percentage and date formats of one language (fi, en or sv)."""

    def __init__(self, lang: str, minus: str = MINUS):
        self.lang = lang
        self.minus = minus
        loc = _locale(lang)
        self.decimal = loc.number_symbols["latn"]["decimal"]

    def _sign(self, s: str) -> str:
        return self.minus + s[1:] if s.startswith("-") else s

    def num(self, v: float, digits: int = 1, grouped: bool = True) -> str:
        """`v` with `digits` decimals: '60,0' (fi, sv), '60.0' (en); 1 234,5 grouped."""
        if v != v:  # NaN
            return "–"
        return self._sign(_decimal(self.lang, _clean(v, digits), digits, grouped))

    def signed(self, v: float, digits: int = 1) -> str:
        """`v` with its sign: '+0,1', '−0,1', and '0,0' for what rounds to zero."""
        r = _clean(v, digits)
        s = self.num(abs(r), digits)
        if r > 0:
            return "+" + s
        if r < 0:
            return self.minus + s
        return s

    def pct(self, share: float, digits: int = 0) -> str:
        """A share (0..1) as a percentage: '60 %' (fi, sv), '60%' (en)."""
        if share != share:
            return "–"
        r = _clean(float(share) * 100, digits) / 100
        return self._sign(_percent(self.lang, r, digits))

    def pct_points(self, v: float, digits: int = 1) -> str:
        """A value already in percent (0..100) with the percent sign: '60,0 %'."""
        return self.pct(float(v) / 100.0, digits)

    def integer(self, n: int | float) -> str:
        """A whole number, grouped: '12 000' (fi), '12,000' (en). Not for years."""
        return self.num(round(float(n)), 0)

    def date(self, d: date | datetime, form: str = "medium") -> str:
        """A date: '30.11.2026' (fi), 'Nov 30, 2026' (en), '30 nov. 2026' (sv)."""
        return format_date(d, form, locale=_locale(self.lang))

    def datetime(self, dt: datetime, form: str = "short") -> str:
        """A date and a time of day, in the zone `dt` carries: '30.11.2026 8.23' (fi)."""
        return format_datetime(dt, form, tzinfo=dt.tzinfo, locale=_locale(self.lang))


@cache
def numbers(lang: str) -> Numbers:
    """The formats of `lang` (fi, en, sv), with a real minus sign."""
    return Numbers(lang)


@cache
def plain_minus(lang: str) -> Numbers:
    """The formats of `lang` with a hyphen-minus, for CSV that spreadsheets read."""
    return Numbers(lang, minus="-")
