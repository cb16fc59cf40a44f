"""The limits of a scenario, in one place: what a file may hold and still be played
(docs/reliability.md, "Limits", has the table and how each was measured).

Each limit is checked when a scenario is read, with a message that says which limit and
what to do; `bench/generate.py --limit NAME` writes a scenario at it and `bench/limits.py`
plays one at every limit. The lists' limits fit the file size: 40,000 edges on one line
each take about 1.7 MB, 5,000 actors with their competences about 1.1 MB.
"""

from __future__ import annotations

# what the YAML reader allows (game.scenario.yamlread): a file (each file of an `extends:`
# chain), YAML aliases, values after alias expansion, nesting
from game.scenario.yamlread import MAX_ALIASES, MAX_BYTES, MAX_DEPTH, MAX_NODES

# what the screens show legibly at 1280x720: eight region types have eight distinct
# markers, and an indicator's bars for each; twelve theme sliders and drivers fit a column
MAX_REGION_TYPES = 8
MAX_INDICATORS = 8
MAX_THEMES = 12
MAX_DRIVERS = 12
MAX_TEAMS = 8
MAX_ACTORS = 5_000
MAX_EDGES = 40_000  # entries of `network:`
# pairs of actors that teams play: each is a possible relationship the game follows
# (co-funding may create it), so it costs what an edge costs
MAX_RELATIONSHIPS = MAX_EDGES
MAX_EVENTS = 500
MAX_PACKAGES = 200
MAX_TURNS = 30
MAX_GLOSSARY = 500

__all__ = [
    "MAX_ACTORS", "MAX_ALIASES", "MAX_BYTES", "MAX_DEPTH", "MAX_DRIVERS", "MAX_EDGES",
    "MAX_EVENTS", "MAX_GLOSSARY", "MAX_INDICATORS", "MAX_NODES", "MAX_PACKAGES",
    "MAX_REGION_TYPES", "MAX_RELATIONSHIPS", "MAX_TEAMS", "MAX_THEMES", "MAX_TURNS",
]  # fmt: skip
