"""Interface strings per language, from gettext `.po` catalogues beside this file.

Keys are short English ids (`phase.briefing`); each catalogue maps every key to its text
in one language. Finnish is the default. A missing key falls back to English, then to
the key itself, so a gap shows up on screen instead of crashing a workshop.

    tr = translator("sv")
    tr("phase.briefing")            # "Lägesbild"
    tr("turn.of", n=2, total=6)     # placeholders use str.format
    tr.num(60.0)                    # "60,0": numbers per language (game.i18n.numbers)
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

LANGS = ("fi", "en", "sv")
DEFAULT = "fi"
HERE = Path(__file__).resolve().parent


class CatalogueError(ValueError):
    """A .po file that cannot be read; the message names the file and line."""


def parse_po(text: str, name: str = "<po>") -> dict[str, str]:
    """The messages of a gettext PO catalogue (read by Babel), key to text; the header
    entry (empty msgid) is left out.
    """
    try:
        cat = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as err:
        raise CatalogueError(f"{name}:{err.lineno + 1}: {err}") from None
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str)}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of a language."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    path = HERE / f"{lang}.po"
    return parse_po(path.read_text(encoding="utf-8"), path.name)


class Translator:
    """Look up interface strings of one language: `tr(key, **placeholders)`."""

    def __init__(self, lang: str = DEFAULT):
        from game.i18n.numbers import numbers

        self.lang = lang
        self.strings = catalogue(lang)
        self.fallback = catalogue("en")
        self.numbers = numbers(lang)

    def __call__(self, key: str, /, **kw: object) -> str:
        """The text of `key`, formatted with the placeholders given."""
        s = self.strings.get(key) or self.fallback.get(key) or key
        if kw:
            try:
                return s.format(**kw)
            except (KeyError, IndexError, ValueError):
                return s
        return s

    def has(self, key: str) -> bool:
        """True when this language has the key."""
        return key in self.strings

    # numbers as people read them in this language (game.i18n.numbers, Babel)
    def num(self, v: float, digits: int = 1) -> str:
        """'60,0' (fi, sv), '60.0' (en)."""
        return self.numbers.num(v, digits)

    def signed(self, v: float, digits: int = 1) -> str:
        """'+0,1', '−0,1', '0,0'."""
        return self.numbers.signed(v, digits)

    def pct(self, share: float, digits: int = 0) -> str:
        """A share 0..1 as '60 %' (fi, sv) or '60%' (en)."""
        return self.numbers.pct(share, digits)


def translator(lang: str = DEFAULT) -> Translator:
    """A translator for `lang` (fi, en or sv)."""
    return Translator(lang)


_current = [Translator.__new__(Translator)]
_current[0].lang = ""


def set_language(lang: str) -> None:
    """Choose the language `_` uses."""
    _current[0] = Translator(lang)


def _(key: str, /, **kw: object) -> str:
    """The text of `key` in the language chosen with `set_language` (Finnish by default)."""
    if not _current[0].lang:
        _current[0] = Translator(DEFAULT)
    return _current[0](key, **kw)
