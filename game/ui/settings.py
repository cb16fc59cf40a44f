"""What the title screen and the application share without importing each other: the
text sizes offered, the tutorial's scenario id and the error a bad `play` value raises.
"""

from __future__ import annotations

FONT_SCALES = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6)
TUTORIAL_SCENARIO = "tutorial"  # the guided tutorial starts by itself for this scenario


class PlayError(Exception):
    """A bad argument value for `play`, or a session that cannot be continued: one line."""
