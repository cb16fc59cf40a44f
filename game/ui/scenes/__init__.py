"""The screens of the game, by name (the scene state machine's states)."""

from game.ui.scenes.allocation import AllocationScene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.deliberation import DeliberationScene
from game.ui.scenes.reflection import ReflectionScene
from game.ui.scenes.resolution import ResolutionScene
from game.ui.scenes.title import TitleScene

SCENES = {
    "title": TitleScene,
    "briefing": BriefingScene,
    "deliberation": DeliberationScene,
    "allocation": AllocationScene,
    "resolution": ResolutionScene,
    "reflection": ReflectionScene,
    "debrief": DebriefScene,
}
