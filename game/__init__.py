"""Suunta 2040: a deliberative scenario-workshop game about Finnish regional development."""

__version__ = "0.1.0"
