"""Names that do not fit the screen: `suunta validate --display`.

The game cuts a text that does not fit its box with an ellipsis ("Kuopion kaupunk…").
Where a name has a `short:` name, a text that would be cut is drawn with the short name
instead (`short_names`, used by game.ui.text.TextPainter). `cut_names` judges what a walk
through the game's real screens found cut — game.ui.namecheck walks them headless at
1280×720, with the game's own fonts, in each language the scenario is written in — and
warns of each name that is still cut: one without a `short:`, or whose short name is cut
too. This module is pure: the walk, which needs pygame, is in the user interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from game.scenario.problems import Problem
from game.scenario.scenario import Scenario

SIZE = (1280, 720)  # the smallest window the game supports
LANGS = ("fi", "en", "sv")
# the lists whose entries have a name and may have a short name, and the key of the name
NAMED = {
    "region_types": "name",
    "indicators": "name",
    "themes": "name",
    "actors": "name",
    "teams": "name",
    "drivers": "name",
    "packages": "title",
}
# titles with no short form: a title that is cut must be made shorter
TITLED = {"events": "title"}


def _texts(value: object) -> dict[str, str]:
    """A text field's strings by language ('' for a plain string)."""
    if isinstance(value, str):
        return {"": value} if value else {}
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if isinstance(v, str) and v}
    return {}


def _in(texts: dict[str, str], lang: str) -> str:
    from game.scenario.text import text

    return text(texts, lang) if "" not in texts else texts[""]


def short_names(f: Any) -> dict[str, str]:
    """Every language's full name -> the short name in the same language."""
    out: dict[str, str] = {}
    for key, field in NAMED.items():
        for item in getattr(f, key):
            short = _texts(getattr(item, "short", ""))
            if not short:
                continue
            full = _texts(getattr(item, field))
            for lang in {*full, *short} - {""} or {""}:
                name, brief = _in(full, lang or "fi"), _in(short, lang or "fi")
                if name and brief and brief != name:
                    out[name] = brief
    return out


@dataclass
class _Name:
    path: tuple[Any, ...]  # where the name is written
    text: str
    short: str  # '' when there is none
    kind: str  # region type, actor, …


def _names(f: Any, lang: str) -> Iterator[_Name]:
    singular = {
        "region_types": "region type",
        "indicators": "indicator",
        "themes": "theme",
        "actors": "actor",
        "teams": "team",
        "drivers": "driver",
        "packages": "package",
        "events": "event",
    }
    for key, field in {**NAMED, **TITLED}.items():
        for i, item in enumerate(getattr(f, key)):
            full = _texts(getattr(item, field))
            short = _texts(getattr(item, "short", ""))
            if full:
                yield _Name(
                    (key, i, field),
                    _in(full, lang),
                    _in(short, lang) if short else "",
                    singular[key],
                )
    title = _texts(f.meta.title)
    if title:
        yield _Name(("meta", "title"), _in(title, lang), "", "scenario")


def languages(f: Any) -> list[str]:
    """The languages the scenario's names are written in (fi when all are plain)."""
    found: set[str] = set()
    for key in {**NAMED, **TITLED}:
        for item in getattr(f, key):
            value = getattr(item, NAMED.get(key) or TITLED[key])
            if isinstance(value, dict):
                found |= set(value)
    return [lang for lang in LANGS if lang in found] or ["fi"]


# where a title with no short form counts as cut: its own card, not a one-line mention
_TITLE_SCREENS = {"events": ("briefing", "event card"), "meta": ("title screen",)}


# the texts cut on a game's screens in one language: (screen, misfit) pairs, where a misfit
# has the `text` to draw and what was `shown` of it (game.ui.text.Misfit)
Walk = Callable[[Scenario, str], Iterable[tuple[str, Any]]]


def cut_names(scenario: Scenario, walk: Walk) -> list[Problem]:
    """Warnings for the names cut on the screens `walk` draws (see the module)."""
    cuts: dict[tuple[Any, ...], list[str]] = {}  # (path, drawn is short) -> where, by language
    for lang in languages(scenario.file):
        names = list(_names(scenario.file, lang))
        for screen, misfit in walk(scenario, lang):
            for name in names:
                _judge(name, screen, misfit, lang, cuts)
    return [_problem(scenario, path, short, where) for (path, short), where in cuts.items()]


def _judge(name: _Name, screen: str, misfit: Any, lang: str, cuts: dict[Any, Any]) -> None:
    """Note where `name` (or the short name drawn for it) was not drawn whole."""
    if name.path[0] in _TITLE_SCREENS and screen not in _TITLE_SCREENS[name.path[0]]:
        return
    shown = " ".join(misfit.shown.split())
    if name.text in misfit.text:
        drawn, short = name.text, False
    elif name.short and name.short in misfit.text:
        drawn, short = name.short, True  # the short name stood in for it, and was cut too
    else:
        return
    if drawn in shown:
        return
    where = cuts.setdefault((name.path, short), [])
    if not any(w.startswith(f"{lang}:") for w in where):
        got = misfit.shown if len(misfit.shown) <= 50 else misfit.shown[:47] + "…"
        where.append(f"{lang}: '{got}' in the {screen}")


def _problem(scenario: Scenario, path: tuple[Any, ...], short: bool, where: list[str]) -> Problem:
    loc = scenario.located
    at = f"at {SIZE[0]}×{SIZE[1]} ({'; '.join(where)})"
    kind = {**{k: k[:-1].replace("_", " ") for k in NAMED}, "events": "event"}.get(path[0], "")
    if short:
        path = path[:-1] + ("short",)
        msg = f"the short name of {kind} '{_id(loc, path)}' is cut too {at}: make it shorter"
    elif path[0] in NAMED:
        msg = (
            f"the {path[-1]} of {kind} '{_id(loc, path)}' is cut {at}: give it a short: name "
            "(a few letters or words; the game uses it where space is tight), or shorten it"
        )
    elif path[0] == "events":
        msg = f"the title of event '{_id(loc, path)}' is cut {at}: make it shorter"
    else:
        msg = f"the scenario's title is cut {at}: make it shorter"
    return Problem(*loc.pos(path, key=True), "warning", msg, loc.path_text(path))


def _id(loc: Any, path: tuple[Any, ...]) -> str:
    """The id of the entry at path[:2]."""
    item = loc.data
    for p in path[:2]:
        item = item[p]
    return str(item.get("id", "")) if isinstance(item, dict) else ""
