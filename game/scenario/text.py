"""Pick the text of a language from a scenario text field (a string or a language map)."""

from __future__ import annotations

FALLBACK = {"fi": ("fi", "en", "sv"), "en": ("en", "fi", "sv"), "sv": ("sv", "en", "fi")}


def text(value: str | dict[str, str] | None, lang: str = "fi") -> str:
    """The text in `lang`; Finnish falls back to English and the other way round."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for code in FALLBACK.get(lang, (lang, "fi", "en", "sv")):
        if value.get(code):
            return value[code]
    return next(iter(value.values()), "")
