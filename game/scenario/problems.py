"""Problems found in a scenario file, in the compilers' `FILE:LINE:COL: error: MESSAGE` form."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a file: where it is, how bad, and what to do about it."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    path: str = ""

    def format(self) -> str:
        """The line editors parse, with the path to the value appended."""
        where = f" (at {self.path})" if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}{where}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known name `name` most likely meant: the same but for case, or a close one."""
    known = [str(k) for k in known]
    same = [k for k in known if k.casefold() == str(name).casefold()]
    if same:
        return same[0]
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A ' — did you mean …?' suffix for a near miss, or ''."""
    close = near_miss(name, known)
    return f" — did you mean '{close}'?" if close else ""


MAX_LISTED = 8  # ids named when an unknown id has no near miss


def unknown_suffix(name: str, known: Sequence[str], kinds: str) -> str:
    """' — did you mean …? (themes: a, b, …)' for an unknown id: the near miss if there is
    one, and up to MAX_LISTED ids of the kind (the most alike when there are more).
    """
    known = [str(k) for k in known]
    near = did_you_mean(str(name), known)
    if not known:
        return f"{near} (there are no {kinds})"
    if len(known) <= MAX_LISTED:
        return f"{near} ({kinds}: {', '.join(known)})"
    alike = sorted(known, key=lambda k: -difflib.SequenceMatcher(None, str(name), k).ratio())[
        :MAX_LISTED
    ]
    shown = [k for k in known if k in alike]  # in the file's order
    return f"{near} ({kinds} include {', '.join(shown)}; {len(known)} in all)"


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def path_text(
    data: object, path: tuple[Any, ...], origin: Mapping[tuple[Any, ...], int] | None = None
) -> str:
    """A path as a facilitator finds it in the file: entries by id where they have one
    (`actors['uef'].budget`, `events['mill'].options['close']`), otherwise by their index
    in the file that wrote them (`origin`), like `network[3]`.
    """
    out = ""
    node: object = data
    prefix: tuple[Any, ...] = ()
    for part in path:
        item: object = None
        if isinstance(part, int) and not isinstance(part, bool) and isinstance(node, list):
            item = node[part] if 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and _PLAIN_KEY.match(ident):
                out += f"['{ident}']"
            else:
                index = origin.get(prefix + (part,), part) if origin else part
                out += f"[{index}]"
        else:
            item = node.get(part) if isinstance(node, dict) else None
            out += ("." if out else "") + str(part)
        node = item
        prefix += (part,)
    return out


def dotted(path: tuple[Any, ...]) -> str:
    """Render a path like ('teams', 0, 'actors', 2) as teams[0].actors[2]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
