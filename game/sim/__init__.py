"""The simulation: pure model code (stdlib, numpy, networkx). Never imports pygame."""

from game.sim.heap import keep_freed_memory

keep_freed_memory()  # every turn frees MB-sized temporaries: keep them for the next
