"""The simulation: pure model code (stdlib, numpy, networkx). Never imports pygame."""
