"""Scenario files: safe YAML reading, validation with file positions, compilation."""
