"""Where the bundled scenarios and assets are.

In a checkout (and an editable install) they sit beside the package, as docs/design.md
lays the tree out; `pip install .` copies them to `<prefix>/share/suunta2040/` (the
`data-files` of pyproject.toml), where the package finds them instead.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundled(name: str) -> Path:
    """The folder of bundled files called `name` ("scenarios" or "assets")."""
    here = Path(__file__).resolve().parents[1] / name
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "suunta2040" / name
