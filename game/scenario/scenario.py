"""A validated scenario: the typed file, where each value came from, and its warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.scenario import schema
from game.scenario.compile import compile_model
from game.scenario.problems import Problem
from game.scenario.yamlread import Located
from game.sim.model import Model


@dataclass
class Scenario:
    """A validated scenario: the typed file, where each value came from, and warnings."""

    file: schema.ScenarioFile
    located: Located
    path: Path
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The scenario id."""
        return self.file.meta.id

    def compile(self) -> Model:
        """The simulation model of this scenario."""
        return compile_model(self)
