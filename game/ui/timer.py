"""The phase timer: a countdown the facilitator controls. Wall-clock time lives only here
(and in the app's game clock, which measures the room against the session plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MINUTES = {
    "briefing": 3,
    "deliberation": 12,
    "allocation": 6,
    "resolution": 2,
    "reflection": 5,
}


@dataclass
class PhaseTimer:
    """Counts a phase's time down; pausing, extending and resetting are the facilitator's."""

    lengths: dict[str, float] = field(
        default_factory=lambda: {k: v * 60.0 for k, v in DEFAULT_MINUTES.items()}
    )
    phase: str = "briefing"
    remaining: float = 0.0
    paused: bool = False

    def start(self, phase: str, seconds: float | None = None) -> None:
        """Start the countdown of a phase: `seconds` long (the session plan's), or as long
        as it was last time.
        """
        self.phase = phase
        if seconds is not None:
            self.lengths[phase] = seconds
        self.remaining = self.lengths.get(phase, 300.0)

    def tick(self, dt: float) -> None:
        """Let `dt` seconds pass (nothing moves while paused)."""
        if not self.paused:
            self.remaining = max(0.0, self.remaining - dt)

    def toggle_pause(self) -> None:
        """Pause or resume."""
        self.paused = not self.paused

    def set_length(self, seconds: float) -> None:
        """Set the length of the current phase (and restart its countdown)."""
        self.lengths[self.phase] = max(60.0, min(seconds, 90 * 60.0))
        self.remaining = self.lengths[self.phase]

    def extend(self, seconds: float) -> None:
        """Give the current phase more time."""
        self.remaining = max(0.0, self.remaining + seconds)

    @property
    def length(self) -> float:
        """Length of the current phase in seconds."""
        return self.lengths.get(self.phase, 300.0)

    @property
    def expired(self) -> bool:
        """True when the time is up."""
        return self.remaining <= 0.0

    def text(self) -> str:
        """The remaining time as m:ss."""
        s = int(round(self.remaining))
        return f"{s // 60}:{s % 60:02d}"
