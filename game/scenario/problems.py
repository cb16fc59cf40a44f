"""Problems found in a scenario file, in the compilers' `FILE:LINE:COL: error: MESSAGE` form."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

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


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A ' — did you mean …?' suffix for a near miss, or ''."""
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def dotted(path: tuple) -> str:
    """Render a path like ('teams', 0, 'actors', 2) as teams[0].actors[2]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
