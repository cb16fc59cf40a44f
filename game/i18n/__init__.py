"""Interface strings per language."""
