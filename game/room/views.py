"""What each device sees: plain JSON-ready dicts built from the session, read-only.

A team sees its own split and pledges, its votes, the cards and dilemmas on the table,
every package's funding as it stands (pledges are how teams negotiate, so they are
shared) and each team's status; never another team's split. The facilitator sees every
team's status, what is missing, the events to inject and what the console can do now.
Names come in the device's language. Nothing here changes the game.
"""

from __future__ import annotations

from game.i18n import translator
from game.sim.model import KINDS
from game.ui.labels import Labels
from game.ui.readmodel import packages

PHASE_KEYS = ("briefing", "deliberation", "allocation", "resolution", "reflection")


def ui_strings(lang: str) -> dict[str, str]:
    """The page's own strings (the `room.` keys) and the phase names, in `lang`."""
    tr = translator(lang)
    keys = sorted(k for k in tr.fallback if k.startswith("room.web."))
    out = {k.removeprefix("room.web."): tr(k) for k in keys}
    out.update({f"phase.{p}": tr(f"phase.{p}") for p in PHASE_KEYS})
    out.update({f"kind.{k}": tr(f"kind.{k}") for k in KINDS})
    return out


class Views:
    """Builds the devices' views of one session (names cached per language)."""

    def __init__(self, scenario, model):
        self.scenario, self.model = scenario, model
        self._labels: dict[str, Labels] = {}
        self._cache: dict[tuple, list] = {}

    def labels(self, lang: str) -> Labels:
        """Scenario names in `lang`."""
        if lang not in self._labels:
            self._labels[lang] = Labels(self.scenario, self.model, lang, translator(lang))
        return self._labels[lang]

    # -- the parts that do not change during a game ----------------------------------------
    def static(self, lang: str) -> dict:
        """Names of the scenario and the page's strings, sent once per connection."""
        lab, m = self.labels(lang), self.model
        return {
            "lang": lang,
            "title": lab.title(),
            "end_year": int(m.end_year),
            "strings": ui_strings(lang),
            "themes": [{"id": t, "name": lab.theme(i)} for i, t in enumerate(m.theme_ids)],
            "teams": [{"id": t, "name": lab.team(j)} for j, t in enumerate(m.team_ids)],
            "indicators": [
                {"id": k, "name": lab.indicator(i)} for i, k in enumerate(m.indicator_ids)
            ],
            "regions": [{"id": r, "name": lab.region(i)} for i, r in enumerate(m.region_ids)],
            "drivers": [{"id": d, "name": lab.driver(i)} for i, d in enumerate(m.driver_ids)],
        }

    # -- status --------------------------------------------------------------------------
    def status(self, session, j: int, devices: int) -> str:
        """A people's team's status: away (no device), joined, deciding, decided."""
        kinds = session.decision_kinds()
        if kinds and all(session.decision_state(j, k) == "decided" for k in kinds):
            return "decided"
        if not devices:
            return "away"
        if kinds and any(session.decision_state(j, k) != "open" for k in kinds):
            return "deciding"
        return "joined"

    def room(self, session, devices: dict[str, int], lang: str) -> list[dict]:
        """Every people's team with its status and devices connected."""
        lab, m = self.labels(lang), self.model
        out = []
        for j in session.human:
            tid = m.team_ids[j]
            n = devices.get(tid, 0)
            out.append(
                {"id": tid, "name": lab.team(j), "status": self.status(session, j, n), "devices": n}
            )
        return out

    def common(self, session, timer, lang: str) -> dict:
        """Phase, turn, year and timer, as every device shows them."""
        m = session.model
        turn = min(session.turn, m.n_turns - 1)
        if session.phase in ("resolution", "reflection") and session.turn > 0:
            turn = session.turn - 1
        return {
            "phase": session.phase,
            "turn": turn + 1,
            "turns": m.n_turns,
            "year": m.year_of(turn),
            "finished": bool(session.finished),
            "timer": {
                "left": round(timer.remaining, 1),
                "paused": bool(timer.paused),
                "length": round(timer.length, 1),
            },
        }

    def _cards(self, session, lab: Labels) -> list[dict]:
        m = self.model
        return [
            {
                "id": m.events[i].id,
                "kind": m.events[i].kind,
                "title": lab.event_title(i),
                "text": lab.event_text(i),
            }
            for i in session.pending_events()
            if not m.events[i].is_dilemma
        ]

    def _dilemmas(self, session, j: int, lab: Labels) -> list[dict]:
        m = self.model
        votes = session.game.human_decisions.votes[0, j]
        out = []
        for i in session.dilemmas():
            ev = m.events[i]
            mine = int(votes[i])
            out.append(
                {
                    "id": ev.id,
                    "title": lab.event_title(i),
                    "text": lab.event_text(i),
                    "options": [
                        {"id": o, "label": lab.option(i, k), "text": lab.option_text(i, k)}
                        for k, o in enumerate(ev.options)
                    ],
                    "mine": ev.options[mine]
                    if mine >= 0 and session.game.made.voted[j, i]
                    else None,
                }
            )
        return out

    def _package_names(self, lang: str) -> list[dict]:
        """What does not change of each package: its names, text, themes, cost, length."""
        key = ("packages", lang)
        if key not in self._cache:
            lab, m = self.labels(lang), self.model
            self._cache[key] = [
                {
                    "id": m.package_ids[p],
                    "title": lab.package_title(p),
                    "text": lab.t(lab.package(p).text),
                    "themes": [
                        lab.theme(t) for t in range(len(m.theme_ids)) if m.pkg_themes[p, t] > 0
                    ],
                    "duration": int(m.pkg_duration[p]),
                }  # fmt: skip
                for p in range(len(m.package_ids))
            ]
        return self._cache[key]

    def packages(self, session, lang: str, funding=None) -> list[dict]:
        """Every package's funding as it stands (`readmodel.packages`), the same for every
        team; a team's own pledge is added by `team`.
        """
        tr = self.labels(lang).tr
        names = self._package_names(lang)
        out = []
        for st in funding if funding is not None else packages(session):
            out.append({
                **names[st.index], "cost": round(st.cost, 2), "pledged": round(st.total, 2),
                "funded": st.funded, "running": st.running, "done": st.done,
                "turns_left": st.turns_left, "teams_needed": st.teams_needed,
                "teams_pledging": st.teams_pledging,
                "missing": [tr(f"kind.{k}") for k in st.missing_kinds],
            })  # fmt: skip
        return out

    # -- the first turn's workshops (issue 18) ------------------------------------------
    def _form(self, session, j: int, lang: str, open_tables: bool) -> dict | None:
        """The vision workshop while the round is open (`readmodel.form_open`), as the
        projector's card shows it: the team's own points (0-5, its largest weight 5) and
        shares, the room's shared weight (the median) and spread, the agreement and the
        trust factor it gives, the team's and the room's shift of each region type's
        targets. Other teams' proposals only with open tables.
        """
        from game.sim.vision import shift_bound, trust_factor
        from game.ui.readmodel import STEPS, form_open, points, region_shifts

        if not form_open(session) or j not in session.human:
            return None
        m, ws = self.model, session.game.workshop
        room = ws.vision(m)
        pts, mine = points(session), region_shifts(session)[j]
        shared = room.shifts.mean(axis=1)
        bound = shift_bound(m)
        out = {
            "indicators": [
                {
                    "id": k,
                    "points": int(pts[j, i]),
                    "share": round(float(ws.proposals[j, i]), 4),
                    "shared": round(float(room.weights[i]), 4),
                    "spread": round(float(room.spread[i]), 4),
                }
                for i, k in enumerate(m.indicator_ids)
            ],
            "agreement": round(room.agreement, 4),
            "factor": round(trust_factor(room.agreement), 2),
            "proposed": bool(ws.proposed[j]),
            "bound": bound,
            "step": bound / STEPS,
            "regions": [
                {"id": r, "shift": round(float(mine[i]), 2), "shared": round(float(shared[i]), 2)}
                for i, r in enumerate(m.region_ids)
            ],
            "others": None,
        }
        if open_tables:
            lab = self.labels(lang)
            out["others"] = [
                {"name": lab.team(o), "points": [int(v) for v in pts[o]]}
                for o in range(len(m.team_ids))
                if o != j
            ]
        return out

    def _drivers(self, session, j: int) -> dict | None:
        """The drivers workshop while it is open (`readmodel.rating_open`): the team's
        own ratings, driver id -> region type id -> 1..5 (a pair not rated left out).
        """
        from game.session.workshop import rate_command
        from game.sim.vision import RATING_STEPS
        from game.ui.readmodel import rating_open

        if not rating_open(session) or j not in session.human:
            return None
        cmd = rate_command(self.model, j, session.game.workshop.ratings[j])
        return {"steps": RATING_STEPS, "ratings": cmd["ratings"]}

    # -- a team's page -----------------------------------------------------------------
    def team(self, session, j: int, timer, lang: str, devices: dict[str, int],
             pkgs=None, room=None, open_tables: bool = False) -> dict:  # fmt: skip
        """Everything team j's devices show; `pkgs` (`packages`) and `room` (`room`) of
        the session now, when the caller has them (the same for every team).
        """
        lab, m = self.labels(lang), self.model
        kinds = session.decision_kinds()
        choosing = session.phase in ("deliberation", "allocation") and not session.finished
        shares = session.human_shares(j)
        pledges = session.human_pledges(j)
        vision = None
        if session.game.vision_open and "vision" in kinds:
            signed = session.game.is_decided(j, "vision")
            vision = {"signs": bool(session.endorses(j)) if signed else None}
        return {
            **self.common(session, timer, lang),
            "role": "team",
            "team": {
                "id": m.team_ids[j],
                "name": lab.team(j),
                "mandate": lab.mandate(j),
                "budget": round(session.game.team_budget(j), 2),
                "shares": {t: round(float(v), 4) for t, v in zip(m.theme_ids, shares, strict=True)},
                "pledges": {
                    p: round(float(v), 2)
                    for p, v in zip(m.package_ids, pledges, strict=True)
                    if v > 0
                },
                "decisions": {k: session.decision_state(j, k) for k in kinds},
                "choosing": choosing,
            },
            "cards": self._cards(session, lab),
            "dilemmas": self._dilemmas(session, j, lab) if choosing else [],
            "vision": vision,
            "form": self._form(session, j, lang, open_tables),
            "drivers": self._drivers(session, j),
            "packages": [
                {**d, "mine": round(float(pledges[k]), 2)}
                for k, d in enumerate(pkgs if pkgs is not None else self.packages(session, lang))
            ],
            "room": room if room is not None else self.room(session, devices, lang),
        }

    # -- the facilitator's page ------------------------------------------------------------
    def facilitator(
        self, session, timer, lang: str, devices: dict[str, int], codes, open_tables: bool
    ) -> dict:
        """The console on the facilitator's phone: statuses, codes, events, what can act."""
        lab, m = self.labels(lang), self.model
        missing = {m.team_ids[j]: list(k) for j, k in session.undecided()}
        room = self.room(session, devices, lang)
        for r in room:
            r["missing"] = missing.get(r["id"], [])
            cred = codes.creds.get(r["id"])
            r["code"] = cred.code if cred else None
        pending = set(session.pending_events())
        events = [
            {"id": e.id, "title": lab.event_title(i), "pending": i in pending}
            for i, e in enumerate(m.events)
        ]
        return {
            **self.common(session, timer, lang),
            "role": "facilitator",
            "room": room,
            "events": events,
            "blocked": {k: session.blocked(k) for k in ("undo", "redo", "inject", "back")},
            "open_tables": open_tables,
            "advance": "resolve" if session.phase == "allocation" else "next",
        }
