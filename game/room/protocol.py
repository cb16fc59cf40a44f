"""The messages devices send, as pydantic models: anything else is refused unread.

Every message is one JSON object of at most `MAX_MESSAGE` bytes with a `type`, the
device's own id (`device`) and a sequence number (`seq`) that grows by one with each
message the device sends; a message whose number the device already used is a replay
and is answered with the first answer, never applied twice. Unknown fields, wrong
types, infinities and oversized maps are refused. A team's messages never name a team:
the token says which team it is (`game.room.host`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

MAX_MESSAGE = 8 * 1024  # bytes
MAX_ENTRIES = 64  # themes or packages in one allocation
Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]
Amount = Annotated[float, Field(ge=0.0, le=1e6, allow_inf_nan=False)]
Device = Annotated[str, Field(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Lang = Literal["fi", "en", "sv"]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    device: Device
    seq: Annotated[int, Field(ge=1, le=2**53)]


class Hello(_Msg):
    """The first message of a connection: who it is (`token`) and its language."""

    type: Literal["hello"]
    token: Annotated[str, Field(min_length=10, max_length=64)]
    lang: Lang = "fi"


class Join(BaseModel):
    """A typed short code on the join page (HTTP, before there is a token)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    code: Annotated[str, Field(min_length=1, max_length=16)]


class Vote(_Msg):
    """The team's vote on a dilemma on the table."""

    type: Literal["vote"]
    event: Id
    option: Id


class Allocation(_Msg):
    """Shares (fractions by theme) and pledges (points by package)."""

    shares: Annotated[dict[Id, Amount], Field(max_length=MAX_ENTRIES)]
    pledges: Annotated[dict[Id, Amount], Field(max_length=MAX_ENTRIES)] = {}


class Allocate(Allocation):
    """The team's split and pledges as its draft (journaled)."""

    type: Literal["allocate"]


class Preview(Allocation):
    """A slider moving: the team's own 2040 projection under this split, nothing saved."""

    type: Literal["preview"]


class Decide(_Msg):
    """The team says "we have decided" (or open again) for one kind of decision."""

    type: Literal["decide"]
    kind: Literal["votes", "allocation", "vision"]
    decided: bool = True


class Endorse(_Msg):
    """The team signs the shared vision, or does not (first turn)."""

    type: Literal["endorse"]
    signs: bool


Shift = Annotated[float, Field(ge=-50.0, le=50.0, allow_inf_nan=False)]
Rating = Annotated[int, Field(ge=0, le=5)]


class Propose(_Msg):
    """The team's proposal for the room's vision: indicator weights and, optionally, shifts
    of the region types' targets (first turn's deliberation; game.session.workshop).
    """

    type: Literal["propose"]
    weights: Annotated[dict[Id, Amount], Field(max_length=MAX_ENTRIES)]
    shifts: Annotated[
        dict[Id, Annotated[dict[Id, Shift], Field(max_length=MAX_ENTRIES)]],
        Field(max_length=MAX_ENTRIES),
    ] = {}


class Rate(_Msg):
    """The team's ratings of the change drivers by region type, 1-5 (first turn)."""

    type: Literal["rate"]
    ratings: Annotated[
        dict[Id, Annotated[dict[Id, Rating], Field(max_length=MAX_ENTRIES)]],
        Field(max_length=MAX_ENTRIES),
    ]


class SetLang(_Msg):
    """The device's language."""

    type: Literal["lang"]
    lang: Lang


class Advance(_Msg):
    """Facilitator: close the phase; what happens to decisions still open."""

    type: Literal["advance"]
    undecided: Literal["keep", "draft", "bot"] = "keep"


class Back(_Msg):
    """Facilitator: back to an earlier phase of this turn."""

    type: Literal["back"]
    phase: Literal["briefing", "deliberation", "allocation"]


class Simple(_Msg):
    """Facilitator: pause or resume the timer, one more minute, undo, redo."""

    type: Literal["pause", "extend", "undo", "redo"]


class Minutes(_Msg):
    """Facilitator: the minutes of this phase (this turn and later; journaled)."""

    type: Literal["minutes"]
    minutes: Annotated[int, Field(ge=1, le=90)]


class EventCmd(_Msg):
    """Facilitator: put an event on the table, or take it off."""

    type: Literal["inject", "cancel"]
    event: Id


class Override(_Msg):
    """Facilitator: set a team's allocation (an even split, or no pledges)."""

    type: Literal["override"]
    team: Id
    preset: Literal["even", "no_pledges"]


class Revoke(_Msg):
    """Facilitator: a new code for a team (a lost phone); the old one stops working."""

    type: Literal["revoke"]
    team: Id


class Tables(_Msg):
    """Facilitator: open tables (the projector shows drafts) or private ones."""

    type: Literal["tables"]
    open: bool


TEAM_TYPES = ("vote", "allocate", "preview", "decide", "endorse", "propose", "rate", "lang")
FACILITATOR_TYPES = (
    "advance",
    "back",
    "pause",
    "extend",
    "undo",
    "redo",
    "minutes",
    "inject",
    "cancel",
    "override",
    "revoke",
    "tables",
    "lang",
)

Message = Annotated[
    Hello
    | Vote
    | Allocate
    | Preview
    | Decide
    | Endorse
    | Propose
    | Rate
    | SetLang
    | Advance
    | Back
    | Simple
    | Minutes
    | EventCmd
    | Override
    | Revoke
    | Tables,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter = TypeAdapter(Message)


class BadMessage(ValueError):
    """A message that is refused unread; the text says why, for the device."""


def parse(raw: str | bytes) -> _Msg:
    """One message from its JSON text. Raises BadMessage for anything not in the protocol."""
    if len(raw) > MAX_MESSAGE:
        raise BadMessage(f"message too large (at most {MAX_MESSAGE} bytes)")
    try:
        return _ADAPTER.validate_json(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "message"
        raise BadMessage(f"{where}: {first.get('msg', 'invalid')}") from None
