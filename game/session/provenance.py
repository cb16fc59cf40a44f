"""Who made each decision of a turn, in words: the debrief, the report and the screens say
how a people's team's choice came about (its own, or what happened because it decided
nothing), never crediting it with a choice it did not make.

A turn's record is `Game.close`'s (`Session.settled(turn)`): for each people's team the
"how" of its allocation, of each vote on a dilemma on the table and (first turn) of its
signature of the shared vision, and the reason the phase closed with decisions open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Tr = Callable[..., str]

OWN = "people"  # the team's own decision
FALLBACKS = ("kept", "draft", "bot", "facilitator", "abstained", "unsigned", "suggested")


@dataclass(frozen=True)
class How:
    """How one decision of one team in one turn came about."""

    by: str  # people, bot, plan: who plays the team
    how: str  # people (its own), abstain (its own), or one of FALLBACKS
    reason: str = ""  # why the phase closed with it open: time, facilitator ("" if decided)

    @property
    def own(self) -> bool:
        """The team's own decision (a bot's or the plan's for their teams)."""
        return self.by != "people" or self.how in (OWN, "abstain")


def team_how(session, turn: int, team: int, kind: str, event: int | None = None) -> How:
    """How team `team`'s decision of `kind` (allocation, votes — with `event` — or vision)
    in resolved turn `turn` came about.
    """
    game = session.game
    if team in game.planned:
        return How("plan", OWN)
    rec = session.settled(turn)
    if rec is None or team not in rec["teams"]:
        # a bot's team, or a turn resolved without a record (a game played directly)
        by = "people" if rec is None and team in session.human else "bot"
        return How(by, OWN)
    got = rec["teams"][team].get(kind)
    if kind == "votes":
        got = (got or {}).get(event, "abstained")
    got = got or OWN
    reason = "" if got in (OWN, "abstain", "suggested", "facilitator") else rec.get("reason", "")
    return How("people", got, reason)


def how_text(tr: Tr, kind: str, h: How, first_turn: bool = False) -> str:
    """The words for a decision that was not the team's own ("" when it was): e.g. "kept
    last turn's split (time ran out)".
    """
    if h.own:
        return ""
    key = f"how.{kind}.{h.how}"
    if kind == "allocation" and h.how == "kept" and first_turn:
        key = "how.allocation.kept_first"
    text = tr(key)
    if h.reason:
        text = tr("how.with_reason", what=text, reason=tr(f"how.reason.{h.reason}"))
    return text


def fallback_lines(tr: Tr, session, turn: int, team_name: Callable[[int], str]) -> list[str]:
    """One line per people's team that left something undecided in resolved turn `turn`:
    "B: kept last turn's split; did not vote on 2 dilemmas (time ran out)".
    """
    rec = session.settled(turn)
    if rec is None:
        return []
    out = []
    for j, parts in rec["teams"].items():
        said = []
        for kind in ("vision", "votes", "allocation"):
            if kind == "votes":
                hows = [h for h in (parts.get("votes") or {}).values() if h not in (OWN, "abstain")]
                if not hows:
                    continue
                kinds = sorted(set(hows))
                for how in kinds:
                    n = hows.count(how)
                    said.append(tr(f"how.votes_n.{how}", n=n))
                continue
            how = parts.get(kind)
            if how is None or how == OWN:
                continue
            said.append(tr(f"how.{kind}.{how}" + ("_first" if how == "kept" and turn == 0 else "")))
        if said:
            text = "; ".join(said)
            if rec.get("reason") and any(
                h not in ("suggested", "facilitator") for h in _hows(parts)
            ):
                text = tr("how.with_reason", what=text, reason=tr(f"how.reason.{rec['reason']}"))
            out.append(tr("how.team_line", team=team_name(j), what=text))
    return out


def _hows(parts: dict) -> list[str]:
    """Every how of a team's record that was not its own."""
    out = [parts.get(k) for k in ("allocation", "vision") if parts.get(k) not in (None, OWN)]
    out += [h for h in (parts.get("votes") or {}).values() if h not in (OWN, "abstain")]
    return out
