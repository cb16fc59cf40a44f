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

from functools import cache
from pathlib import Path

LANGS = ("fi", "en", "sv")
DEFAULT = "fi"
HERE = Path(__file__).resolve().parent

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


class CatalogueError(ValueError):
    """A .po file that cannot be read; the message names the file and line."""


def _unquote(s: str, where: str) -> str:
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise CatalogueError(f"{where}: expected a quoted string")
    out, i, body = [], 0, s[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse_po(text: str, name: str = "<po>") -> dict[str, str]:
    """Parse the subset of gettext PO used here: msgctxt-free msgid/msgstr pairs with
    continuation lines and comments. The header entry (empty msgid) is skipped.
    """
    entries: dict[str, str] = {}
    msgid: str | None = None
    msgstr: str | None = None
    field: str | None = None

    def flush() -> None:
        nonlocal msgid, msgstr
        if msgid is not None and msgstr is not None and msgid != "":
            entries[msgid] = msgstr
        msgid = msgstr = None

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{n}"
        if not line or line.startswith("#"):
            if not line and msgstr is not None:
                flush()
                field = None
            continue
        if line.startswith("msgid "):
            if msgstr is not None:
                flush()
            msgid, field = _unquote(line[6:], where), "id"
        elif line.startswith("msgstr "):
            if msgid is None:
                raise CatalogueError(f"{where}: msgstr without msgid")
            msgstr, field = _unquote(line[7:], where), "str"
        elif line.startswith('"'):
            part = _unquote(line, where)
            if field == "id" and msgid is not None:
                msgid += part
            elif field == "str" and msgstr is not None:
                msgstr += part
            else:
                raise CatalogueError(f"{where}: a continuation line outside an entry")
        else:
            raise CatalogueError(f"{where}: cannot read {line[:30]!r}")
    flush()
    return entries


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
