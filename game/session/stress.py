"""The stress test: a room's plan replayed in every future of its scenario's base.

A foresight workshop asks whether a strategy holds up in every plausible future. The four
futures of the 2021 scenario report are bundled scenarios that extend the same base
(`extends: finland-2040`); the stress test plays the room's decisions — a session's actual
decisions turn by turn, or a room plan file (`suunta stress --plan PLAN SCENARIO`) — in each
of them over many seeds, with the machinery of `simulate --plan` (game.sim.plans), and
reports:

- per future, the shared score's band (mean, p5, p50, p95) and, per region type, its
  vision attainment and final indicators (mean, p5, p95): a region-type × future table;
- the futures in which the plan does worst and best (by the mean shared score);
- the decisions that were **robust** (worth something in every future) and **fragile**
  (worth something in one, costly in another). A decision is a theme the room put effort
  on, a package it paid for or a dilemma it voted on; what it was worth in a future is the
  shared score of the plan minus that of the same plan without it (the theme's points
  spread over the room's other themes, the package's pledges left on the themes, the other
  option voted), over the same seeds. The decisions with the largest such effect are named.

A session plays every team with the decisions the game recorded (people's, the plan's and
the bots'), so every team is planned and the futures' bots decide nothing the room did. A
session ended before its last turn plays its last resolved turn's split and pledges for
the rest (no votes). Decisions are carried between scenarios by id: a theme, package,
dilemma or team a future does not have is left out (shares renormalised).

A scenario that no bundled future extends has nothing to compare with; `futures_of` is
empty and the result says so (`StressResult.note`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from game.sim.model import Model
from game.sim.plans import ABSTAIN, Plan
from game.sim.runner import play_batch
from game.sim.scoring import attainment
from game.sim.vision import Workshop

RUNS = 100  # seeds per future (the band)
DECISION_RUNS = 40  # seeds per future and decision for what each decision was worth
SHOWN = 8  # decisions named at most
THRESHOLD = 0.1  # shared-score points: below this a decision is worth nothing either way
NO_FUTURES = "no_futures"

_EXTENDS = re.compile(r"^extends:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


# -- which futures --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parents() -> dict[str, str | None]:
    """Each bundled scenario's `extends:` (its first line that says one), or None."""
    from game.scenario.loader import SCENARIO_DIR, bundled

    out: dict[str, str | None] = {}
    for sid in bundled():
        m = _EXTENDS.search((SCENARIO_DIR / f"{sid}.yaml").read_text(encoding="utf-8"))
        out[sid] = Path(m.group(1)).stem if m else None
    return out


def base_of(scenario_id: str) -> str:
    """The scenario at the root of a bundled scenario's `extends:` chain (itself if none)."""
    parents, seen = _parents(), {scenario_id}
    sid = scenario_id
    while parents.get(sid) and parents[sid] not in seen:
        sid = parents[sid]  # type: ignore[assignment]
        seen.add(sid)
    return sid


def futures_of(scenario_id: str) -> list[str]:
    """The bundled scenarios that extend the same base as `scenario_id` (the futures),
    sorted; empty when none does.
    """
    base = base_of(scenario_id)
    return sorted(s for s in _parents() if s != base and base_of(s) == base)


# -- plans ----------------------------------------------------------------------------------


def session_plan(session) -> Plan:
    """Every team's decisions in a session, turn by turn, as a plan of every team.

    Raises:
        ValueError: when no turn has been resolved yet.
    """
    game, m = session.game, session.model
    hist = game.decision_history
    if not hist:
        raise ValueError("no turn has been resolved yet: there is no plan to stress-test")
    plan = Plan.even(m)
    for t in range(m.n_turns):
        d = hist[min(t, len(hist) - 1)]
        plan.shares[t] = d.shares[0]
        plan.pledges[t] = d.pledges[0]
        # a resolved turn's votes as cast (a dilemma a team left alone: its abstention)
        plan.votes[t] = np.where(d.votes[0] < 0, ABSTAIN, d.votes[0]) if t < len(hist) else -1
    first = hist[0].endorse
    plan.endorse[:] = False if first is None else first[0]
    plan.vision = game.workshop.vision(m)  # the room's vision, when it formed one
    return plan


def transfer(plan: Plan, src: Model, dst: Model) -> Plan:
    """An unbatched plan of `src` carried to `dst` by ids: teams, themes, packages and
    dilemmas `dst` lacks are left out (a team's shares renormalised over the themes kept).
    """
    if plan.batched:
        raise ValueError("transfer takes one plan, not a batch")
    out = Plan.even(dst, np.zeros(len(dst.team_ids), dtype=bool))
    out.endorse[:] = False
    if plan.vision is not None:
        out.vision = plan.vision.carried(src, dst)
    n = min(src.n_turns, dst.n_turns)
    for j, tid in enumerate(src.team_ids):
        if not plan.teams[j] or tid not in dst.team_ids:
            continue
        k = dst.team_ids.index(tid)
        out.teams[k] = True
        out.endorse[k] = plan.endorse[j]
        for t in range(dst.n_turns):
            ts = min(t, n - 1)
            row = np.zeros(len(dst.theme_ids))
            for i, th in enumerate(src.theme_ids):
                if th in dst.theme_ids:
                    row[dst.theme_ids.index(th)] = plan.shares[ts, j, i]
            total = row.sum()
            out.shares[t, k] = row / total if total > 0 else 1.0 / len(row)
            for i, p in enumerate(src.package_ids):
                if p in dst.package_ids:
                    out.pledges[t, k, dst.package_ids.index(p)] = plan.pledges[ts, j, i]
            for i, ev in enumerate(src.events):
                o = int(plan.votes[ts, j, i])
                if o < 0 or ev.id not in dst.event_ids:
                    if o == ABSTAIN and ev.id in dst.event_ids:
                        out.votes[t, k, dst.event_ids.index(ev.id)] = ABSTAIN
                    continue
                dev = dst.events[dst.event_ids.index(ev.id)]
                if ev.options[o] in dev.options:
                    out.votes[t, k, dst.event_ids.index(ev.id)] = dev.options.index(ev.options[o])
    return out


# -- what each decision was worth ---------------------------------------------------------


@dataclass
class Variant:
    """One decision of the room, and the plan without it."""

    kind: str  # theme, package or vote
    id: str  # the theme's, package's or dilemma's id
    option: str = ""  # a vote: the option the room chose
    other: str = ""  # a vote: the option the plan without it votes for


def variants(plan: Plan, model: Model) -> list[tuple[Variant, Plan]]:
    """The room's decisions, each with the plan that lacks it (themes the planned teams
    put effort on, packages they pledged to, dilemmas they voted on).
    """
    teams = np.flatnonzero(plan.teams)
    out: list[tuple[Variant, Plan]] = []
    for i, th in enumerate(model.theme_ids):
        if not (plan.shares[:, teams, i] > 1e-9).any():
            continue
        alt = _copy(plan)
        rest = alt.shares[:, teams].copy()
        rest[..., i] = 0.0
        tot = rest.sum(axis=-1, keepdims=True)
        even = np.full_like(rest, 1.0 / max(len(model.theme_ids) - 1, 1))
        even[..., i] = 0.0
        alt.shares[:, teams] = np.where(tot > 1e-12, rest / np.maximum(tot, 1e-12), even)
        out.append((Variant("theme", th), alt))
    for i, p in enumerate(model.package_ids):
        if not (plan.pledges[:, teams, i] > 1e-9).any():
            continue
        alt = _copy(plan)
        alt.pledges[:, teams, i] = 0.0
        out.append((Variant("package", p), alt))
    for i, ev in enumerate(model.events):
        cast = plan.votes[:, teams, i]
        if not ev.is_dilemma or not (cast >= 0).any() or len(ev.options) < 2:
            continue
        chosen = int(np.bincount(cast[cast >= 0], minlength=len(ev.options)).argmax())
        other = (chosen + 1) % len(ev.options)
        alt = _copy(plan)
        alt.votes[:, teams, i] = other
        out.append((Variant("vote", ev.id, ev.options[chosen], ev.options[other]), alt))
    return out


def _copy(plan: Plan) -> Plan:
    return Plan(
        plan.teams.copy(),
        plan.shares.copy(),
        plan.pledges.copy(),
        plan.votes.copy(),
        plan.endorse.copy(),
        plan.vision,
    )


# -- results --------------------------------------------------------------------------------


def band(values: np.ndarray) -> dict[str, float]:
    """Mean, p5, p50 and p95 of values over seeds (as `simulate --json` rounds them)."""
    v = np.asarray(values, dtype=float)
    return {
        "mean": round(float(v.mean()), 6),
        "p5": round(float(np.percentile(v, 5)), 6),
        "p50": round(float(np.percentile(v, 50)), 6),
        "p95": round(float(np.percentile(v, 95)), 6),
    }


@dataclass
class Future:
    """What the plan gave in one future, over the seeds."""

    id: str
    title: object  # the scenario's title (a text in several languages)
    shared: np.ndarray  # (N,) shared score per seed
    vision: np.ndarray  # (N,)
    equity: np.ndarray  # (N,)
    region_vision: dict[str, np.ndarray]  # region type -> (N,) vision attainment there
    indicators: dict[str, dict[str, np.ndarray]]  # region type -> indicator -> (N,) final
    region_ids: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The future as `suunta stress --json` gives it."""
        return {
            "id": self.id,
            "shared_score": band(self.shared),
            "vision_attainment": band(self.vision),
            "equity": band(self.equity),
            "regions": {
                r: {
                    "vision_attainment": band(self.region_vision[r]),
                    "indicators": {k: band(v) for k, v in self.indicators[r].items()},
                }
                for r in self.region_vision
            },
        }


@dataclass
class Decision:
    """One of the room's decisions and what it was worth in each future (score points)."""

    variant: Variant
    worth: dict[str, float]  # future id -> mean shared score with it minus without it

    @property
    def verdict(self) -> str:
        """Robust (worth something in every future), fragile (worth something in one,
        costly in another), costly (costly in every future) or mixed.
        """
        v = np.array(list(self.worth.values()))
        if (v > THRESHOLD).all():
            return "robust"
        if (v > THRESHOLD).any() and (v < -THRESHOLD).any():
            return "fragile"
        if (v < -THRESHOLD).all():
            return "costly"
        return "mixed"

    @property
    def size(self) -> float:
        """The mean absolute worth over the futures (what orders the decisions)."""
        return float(np.mean(np.abs(list(self.worth.values()))))

    def as_dict(self) -> dict:
        """The decision as `suunta stress --json` gives it."""
        v = self.variant
        out = {
            "kind": v.kind,
            "id": v.id,
            "verdict": self.verdict,
            "worth": {f: round(w, 4) for f, w in self.worth.items()},
        }
        if v.kind == "vote":
            out["option"], out["instead"] = v.option, v.other
        return out


@dataclass
class StressResult:
    """The stress test of one plan across the futures."""

    scenario_id: str
    base: str
    runs: int
    seed: int
    futures: list[Future] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    region_ids: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    source: str = "session"  # session or plan (a plan file)

    @property
    def note(self) -> str | None:
        """NO_FUTURES when there is nothing to compare with, else None."""
        return NO_FUTURES if not self.futures else None

    @property
    def worst(self) -> str | None:
        """The future in which the plan's mean shared score is lowest."""
        return min(self.futures, key=lambda f: f.shared.mean()).id if self.futures else None

    @property
    def best(self) -> str | None:
        """The future in which the plan's mean shared score is highest."""
        return max(self.futures, key=lambda f: f.shared.mean()).id if self.futures else None

    def robust(self) -> list[Decision]:
        """The decisions worth something in every future."""
        return [d for d in self.decisions if d.verdict == "robust"]

    def fragile(self) -> list[Decision]:
        """The decisions worth something in one future and costly in another."""
        return [d for d in self.decisions if d.verdict == "fragile"]

    def as_dict(self) -> dict:
        """`suunta stress --json`."""
        out: dict = {
            "scenario": self.scenario_id,
            "base": self.base,
            "source": self.source,
            "runs": self.runs,
            "seed": self.seed,
            "futures": {f.id: f.as_dict() for f in self.futures},
            "worst": self.worst,
            "best": self.best,
            "decisions": [d.as_dict() for d in self.decisions],
            "robust": [d.variant.id for d in self.robust()],
            "fragile": [d.variant.id for d in self.fragile()],
        }
        if self.note:
            out["note"] = (
                f"no bundled scenario extends {self.base}: the plan has no other future to be "
                "tested in (the four futures of the 2021 scenario report extend finland-2040)"
            )
        return out


def _future(
    fid: str,
    title,
    model: Model,
    plan: Plan,
    runs: int,
    seed: int,
    regions: tuple[str, ...],
    indicators: tuple[str, ...],
) -> tuple[Future, np.ndarray]:
    res = play_batch(model, runs, seed, None, plan=plan)
    x = res.state.x[:runs]  # (N, R, K)
    s = res.scores  # against the room's vision when one was formed (play_batch)
    room = plan.vision or Workshop.start(model, list(model.team_policy)).vision(model)
    if room is not None:
        model = room.model(model)
    att = attainment(model, x)
    rv, ind = {}, {}
    for r in regions:
        if r not in model.region_ids:
            continue
        ri = model.region_ids.index(r)
        rv[r] = (att[:, ri] * model.vision_weights[None]).sum(axis=1) * 100
        ind[r] = {
            k: x[:, ri, model.indicator_ids.index(k)].copy()
            for k in indicators
            if k in model.indicator_ids
        }
    fut = Future(
        fid, title, s.shared.copy(), s.vision.copy(), s.equity.copy(), rv, ind, regions, indicators
    )
    return fut, s.shared


def stress(
    plan: Plan,
    model: Model,
    scenario_id: str,
    runs: int = RUNS,
    seed: int | None = None,
    decision_runs: int = DECISION_RUNS,
    futures: list[tuple[str, object, Model]] | None = None,
    source: str = "session",
) -> StressResult:
    """Play `plan` (of `model`) in every future of `scenario_id`'s base, `runs` seeds from
    `seed` (default: the model's), and what each of its decisions was worth over the first
    `decision_runs` of them (0: not asked). `futures` (id, title, model) replaces the
    bundled ones (tests).
    """
    seed = model.seed if seed is None else int(seed)
    out = StressResult(
        scenario_id,
        base_of(scenario_id),
        runs,
        seed,
        region_ids=model.region_ids,
        indicator_ids=model.indicator_ids,
        source=source,
    )
    if futures is None:
        futures = load_futures(scenario_id)
    if not futures:
        return out
    base_scores: dict[str, np.ndarray] = {}
    carried: dict[str, Plan] = {}
    for fid, title, fm in futures:
        p = transfer(plan, model, fm)
        carried[fid] = p
        fut, shared = _future(fid, title, fm, p, runs, seed, model.region_ids, model.indicator_ids)
        out.futures.append(fut)
        base_scores[fid] = shared
    n = min(decision_runs, runs)
    if n <= 0:
        return out
    found = []
    for var, alt in variants(plan, model):
        worth = {}
        for fid, _, fm in futures:
            moved = transfer(alt, model, fm)
            res = play_batch(fm, n, seed, None, counterfactual=False, plan=moved)
            worth[fid] = float((base_scores[fid][:n] - res.scores.shared).mean())
        found.append(Decision(var, worth))
    found.sort(key=lambda d: -d.size)
    out.decisions = found[:SHOWN]
    return out


def load_futures(scenario_id: str) -> list[tuple[str, object, Model]]:
    """(id, title, model) of every future of `scenario_id`'s base."""
    return [_load(fid) for fid in futures_of(scenario_id)]


@lru_cache(maxsize=8)
def _load(fid: str) -> tuple[str, object, Model]:
    from game.scenario.loader import load

    sc = load(fid)
    return fid, sc.file.meta.title, sc.compile()


def stress_session(
    session,
    runs: int = RUNS,
    seed: int | None = None,
    decision_runs: int = DECISION_RUNS,
    scenario_id: str | None = None,
    futures=None,
) -> StressResult:
    """The stress test of a session's decisions (`session_plan`)."""
    sid = scenario_id or session.model.scenario_id
    plan = session_plan(session)
    return stress(plan, session.model, sid, runs, seed, decision_runs, futures, "session")


SCREEN_RUNS = 60  # seeds per future in the debrief and the report (the CLI takes --runs)
SCREEN_DECISION_RUNS = 30


def session_stress(session, scenario_id: str | None = None) -> StressResult | None:
    """The stress test of a session's decisions as played so far, as the debrief and the
    report show it (cached on the session until another turn is resolved), or None before
    any turn is resolved.
    """
    key = (len(session.game.decision_history), scenario_id)
    kept = getattr(session, "_stress_kept", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    if not session.game.decision_history:
        return None
    res = stress_session(session, SCREEN_RUNS, None, SCREEN_DECISION_RUNS, scenario_id)
    session._stress_kept = (key, res)
    return res


def format_stress(res: StressResult) -> str:
    """The stress test as `suunta stress` prints it: futures, region types, decisions."""
    head = (
        f"{res.scenario_id}: the {'plan' if res.source == 'plan' else 'session'}'s "
        f"decisions in every future of {res.base} — {res.runs} seeds from {res.seed}"
    )
    if res.note:
        return head + "\n\n" + res.as_dict()["note"]
    lines = [head, "", f"{'future':<24}{'shared':>8}{'p5':>7}{'p95':>7}{'vision':>8}{'equity':>8}"]
    for f in res.futures:
        s, mark = (
            band(f.shared),
            ("  worst" if f.id == res.worst else "  best" if f.id == res.best else ""),
        )
        lines.append(
            f"{f.id[:23]:<24}{s['mean']:>8.1f}{s['p5']:>7.1f}{s['p95']:>7.1f}"
            f"{f.vision.mean():>8.1f}{f.equity.mean():>8.1f}{mark}"
        )
    lines += ["", "vision attained by region type (mean; p5–p95)"]
    lines.append(f"{'':<22}" + "".join(f"{f.id[:17]:>19}" for f in res.futures))
    for r in res.region_ids:
        cells = []
        for f in res.futures:
            v = f.region_vision.get(r)
            if v is None:
                cells.append(f"{'—':>19}")
                continue
            lo, hi = np.percentile(v, 5), np.percentile(v, 95)
            cells.append(f"{v.mean():>7.1f} ({lo:.0f}–{hi:.0f})".rjust(19))
        lines.append(f"{r[:21]:<22}" + "".join(cells))
    for k in res.indicator_ids:
        lines += ["", f"{k}: final value by region type (mean)"]
        for r in res.region_ids:
            cells = [
                f"{f.indicators[r][k].mean():>19.1f}"
                if r in f.indicators and k in f.indicators[r]
                else f"{'—':>19}"
                for f in res.futures
            ]
            lines.append(f"{r[:21]:<22}" + "".join(cells))
    if res.decisions:
        lines += ["", "what each decision was worth (shared-score points: with it minus without)"]
        lines.append(f"{'':<34}" + "".join(f"{f.id[:11]:>12}" for f in res.futures) + "  verdict")
        for d in res.decisions:
            v = d.variant
            name = f"{v.kind} {v.id}" + (f" = {v.option}" if v.kind == "vote" else "")
            lines.append(
                f"{name[:33]:<34}"
                + "".join(f"{d.worth[f.id]:>+12.1f}" for f in res.futures)
                + f"  {d.verdict}"
            )
    return "\n".join(lines)
