"""`suunta audit`: an adversarial balance search over a scenario.

A workshop game teaches through what pays. The audit plays the scenario the way a policy
analyst would try to break it — fixed plans found by hill-climbing, plans re-optimised for
one seed's events, one team going all-in, selfish teams among cooperating ones — and
checks that what pays is what the game means to teach (docs/balance.md lists the checks
and their targets, docs/scenario-authoring.md how to read them).

Everything here is plain batches of the ordinary turn (begin_turn → decisions →
resolve_turn): many candidate plans, or many seeds, side by side as the runs of one batch.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.sim import bots
from game.sim.model import Model
from game.sim.plans import Plan, apply_plan
from game.sim.prepared import play_prepared
from game.sim.runner import team_policies
from game.sim.scoring import score
from game.sim.state import new_state
from game.sim.step import begin_turn, resolve_turn

BATCH = 2048  # games per pass: the working arrays stay small
GAP_FUTURES = {  # the 2021 report's reading of each future: the capital − east gap
    "globally-selective": "grows",
    "patchwork": "grows",
    "balanced": "shrinks",
    "raw-materials-tourism": "shrinks",
}
GAP_PAIR = ("helsinki-metro", "eastern-border")

TARGETS = {
    "package_own_share": (0.6, ">="),
    "fixed_plan_win_share": (0.8, "<="),
    "reoptimise_gain": (3.0, ">="),
    "theme_min_share": (0.10, ">="),
    "dilemma_min_spread": (1.0, ">="),
    "dominated_options": (0, "<="),
    "events_unreachable": (0, "<="),
    "events_forced": (0, "<="),
    "election_disruption_unsigned": (2.0, ">="),
    "election_damping": (0.4, ">="),
    "gap_direction_share": (0.8, ">="),
    "one_team_cells_moved": (3, ">="),
    "selfish_gain_min": (2.0, ">="),
    "selfish_cost": (3.0, ">="),
    "vision_agreement_gain": (0.1, ">="),  # and below selfish_cost (game.sim.vision_check)
}


@dataclass
class Check:
    """One property, its measured value and its target."""

    id: str
    value: float
    target: float
    ok: bool
    detail: str

    def as_dict(self) -> dict[Any, Any]:
        """The JSON form of `audit --json`."""
        v = self.value
        return {
            "id": self.id,
            "value": round(float(v), 4) if np.isfinite(v) else None,
            "target": self.target,
            "ok": bool(self.ok),
            "detail": self.detail,
        }


def _listed(names: Sequence[str], values: Sequence[float] | np.ndarray, fmt: str) -> str:
    """'a 1.0, b 2.0': names with their values."""
    return ", ".join(f"{n} {fmt.format(v)}" for n, v in zip(names, values, strict=True))


def _check(cid: str, value: float, detail: str, ok: bool | None = None) -> Check:
    target, op = TARGETS[cid]
    if ok is None:
        ok = value >= target - 1e-9 if op == ">=" else value <= target + 1e-9
    return Check(cid, float(value), target, bool(ok), detail)


@dataclass
class Outcome:
    """What a batch of games ended with: scores by candidate and seed."""

    shared: np.ndarray  # (B, S)
    mandates: np.ndarray  # (B, S, J)
    fired: np.ndarray  # (B, S, Ev) bool
    x0: np.ndarray  # (R, K) the start
    x: np.ndarray  # (B, S, R, K) the end
    after_first: np.ndarray | None = None  # (B, S, R, K) after the first turn


@dataclass
class Audit:
    """The audit of one scenario: the checks, the best plan found and what it took."""

    scenario: str
    seeds: int
    elapsed_s: float
    checks: list[Check]
    best_plan: Plan
    best_score: float
    even_score: float
    notes: dict[Any, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every check meets its target."""
        return all(c.ok for c in self.checks)


def play(
    model: Model,
    seeds: np.ndarray,
    plans: list[Plan] | None = None,
    policies: list[str] | None = None,
    seed: int | None = None,
    endorse: bool | None = None,
    votes: np.ndarray | None = None,
    election_shift: float = 0.0,
    first_turn: bool = False,
) -> Outcome:
    """Play every plan (or the bots alone) on every seed (a run index of `seed`).

    `endorse` forces every team's signature on the shared vision; `votes` (B, Ev) forces
    every team's vote on each dilemma (-1: free); `election_shift` moves the election draw
    by that much (mod 1) so the same seed meets another government; with `first_turn` the
    indicators after the first turn are kept too.
    """
    B, S = (len(plans) if plans else 1), seeds.size  # no plans: the bots alone, once
    pols = team_policies(model, policies)
    out_shared = np.empty(B * S)
    out_mand = np.empty((B * S, len(model.team_ids)))
    out_fired = np.zeros((B * S, len(model.events)), dtype=bool)
    out_x = np.empty((B * S,) + model.baseline.shape)
    first = np.empty((B * S,) + model.baseline.shape) if first_turn else None
    runs = np.tile(seeds, B)
    which = np.repeat(np.arange(B), S)
    Ev = len(model.events)
    for lo in range(0, B * S, BATCH):
        hi = min(lo + BATCH, B * S)
        n = hi - lo
        st = new_state(model, n, seed, runs[lo:hi].copy(), draw_ahead=True)
        if election_shift and st.feed is not None:  # drawn ahead: always there
            st.feed[:, :, Ev] = (st.feed[:, :, Ev] + election_shift) % 1.0
        plan = None
        if plans:
            plan = Plan.stack([plans[b] for b in which[lo:hi]])
        fired = np.zeros((n, Ev), dtype=bool)
        for t in range(model.n_turns):
            begin_turn(model, st)
            fired |= st.pending
            dec = bots.decide(model, st, pols)
            if plan is not None:
                apply_plan(model, st, plan, dec)
            if endorse is not None and t == 0 and dec.endorse is not None:
                dec.endorse[:] = endorse
            if votes is not None:
                v = votes[which[lo:hi]]  # (n, Ev)
                dec.votes[:] = np.where((v >= 0)[:, None, :], v[:, None, :], dec.votes)
            resolve_turn(model, st, dec, x_only=t == model.n_turns - 1)
            if first is not None and t == 0:
                first[lo:hi] = st.x
        sc = score(model, st.x, st.mandate)
        out_shared[lo:hi] = sc.shared
        out_mand[lo:hi] = sc.mandates
        out_fired[lo:hi] = fired
        out_x[lo:hi] = st.x
    shape = (B, S)
    return Outcome(
        out_shared.reshape(shape),
        out_mand.reshape(shape + (-1,)),
        out_fired.reshape(shape + (-1,)),
        model.baseline,
        out_x.reshape(shape + model.baseline.shape),
        None if first is None else first.reshape(shape + model.baseline.shape),
    )


# -- plans to search over -------------------------------------------------------------


def cofund_plan(model: Model, p: int) -> Plan:
    """Even split, and every team pledges an equal part of package p's cost each turn."""
    plan = Plan.even(model)
    plan.endorse[:] = False
    plan.pledges[:, :, p] = model.pkg_cost[p] / len(model.team_ids)
    return plan


def _mutate(
    model: Model,
    plan: Plan,
    rng: np.random.Generator,
    reactive: bool,
    answers: np.ndarray | None = None,
) -> Plan:
    """A neighbour of a plan: effort moved between themes, a pledge changed, a vote or a
    signature flipped; a reactive plan changes from one turn on, a fixed one every turn.
    With `answers` (n_turns, T), the split that answers each turn's cards in the seed being
    searched (None where none was drawn), a reactive plan also tries moving part of one
    team's split, or every team's, toward a turn's answer, in that turn only: what a room
    does when it reads the briefing.
    """
    new = Plan(plan.teams.copy(), plan.shares.copy(), plan.pledges.copy(), plan.votes.copy(),
               plan.endorse.copy())  # fmt: skip
    J, T, P = new.shares.shape[1], new.shares.shape[2], new.pledges.shape[2]
    n_turns = new.shares.shape[0]
    t0 = int(rng.integers(n_turns)) if reactive else 0
    # a reactive change holds for one turn (an answer to that turn's briefing) or from
    # that turn on (a change of course); a fixed plan's for every turn
    t1 = t0 + 1 if reactive and rng.random() < 0.5 else n_turns
    j = int(rng.integers(J))
    if answers is not None and rng.random() < 0.4:
        turns = np.flatnonzero(answers.sum(axis=1) > 0)
        if turns.size:
            t = int(rng.choice(turns))
            w = float(rng.choice([0.2, 0.4, 0.6]))
            who = slice(None) if rng.random() < 0.5 else j  # the whole room, or one team
            new.shares[t, who] = (1 - w) * new.shares[t, who] + w * answers[t]
            return new
    kind = rng.random()
    dl = [i for i, e in enumerate(model.events) if e.is_dilemma]
    if kind < 0.55 or (not P and not dl):
        a, b = rng.choice(T, 2, replace=False)
        step = float(rng.choice([0.1, 0.2, 0.35]))
        moved = np.minimum(new.shares[t0:t1, j, a], step)
        new.shares[t0:t1, j, a] -= moved
        new.shares[t0:t1, j, b] += moved
    elif kind < 0.85 and P:
        p = int(rng.integers(P))
        budget = float(model.budget0[model.actor_team == j].sum())
        cost = float(model.pkg_cost[p])
        amount = float(rng.choice([0.0, cost / 4, cost / 3, cost / 2, cost]))
        if rng.random() < 0.5:  # every team co-funds alike, or one team alone
            new.pledges[t0:t1, :, p] = amount / max(J, 1) * 2 if amount else 0.0
        else:
            new.pledges[t0:t1, j, p] = min(amount, 0.5 * budget)
    elif kind < 0.95 and dl:
        e = dl[int(rng.integers(len(dl)))]
        new.votes[:, :, e] = int(rng.integers(len(model.events[e].options)))
    else:
        new.endorse[j] = ~new.endorse[j]
    return new


def hill_climb(
    model: Model,
    start: Plan,
    seeds: np.ndarray,
    seconds: float,
    rng: np.random.Generator,
    reactive: bool = False,
    width: int = 24,
    seed: int | None = None,
    tick: Callable[[], None] | None = None,
    answers: np.ndarray | None = None,
) -> tuple[Plan, float]:
    """The best plan a (1+width) hill-climb finds in `seconds`, by mean shared score
    (`answers`: see `_mutate`).
    """
    best = start
    best_score = float(play(model, seeds, [best], seed=seed).shared.mean())
    end = time.perf_counter() + seconds
    stale = 0
    while time.perf_counter() < end and stale < (24 if reactive else 12):
        cands = [_mutate(model, best, rng, reactive, answers) for _ in range(width)]
        got = play(model, seeds, cands, seed=seed).shared.mean(axis=1)
        i = int(got.argmax())
        if got[i] > best_score + 1e-6:
            best, best_score, stale = cands[i], float(got[i]), 0
        else:
            stale += 1
        if tick:
            tick()
    return best, best_score


def seed_answers(model: Model, plan: Plan, run: int, seed: int | None) -> np.ndarray:
    """(n_turns, T) for one seed played with `plan`, the split that answers each turn's
    revealed cards (`bots.shock_response`; zeros in a turn without one).
    """
    st = new_state(model, 1, seed, np.array([run]), draw_ahead=True)
    pols = team_policies(model, None)
    out = np.zeros((model.n_turns, len(model.theme_ids)))
    for t in range(model.n_turns):
        begin_turn(model, st)
        split, hit = bots.shock_response(model, st)
        if hit[0]:
            out[t] = split[0]
        dec = apply_plan(model, st, plan, bots.decide(model, st, pols))
        resolve_turn(model, st, dec, x_only=t == model.n_turns - 1)
    return out


def plan_effort(model: Model, plan: Plan) -> np.ndarray:
    """(T,) share of a plan's theme effort on each theme (teams weighted by budget)."""
    w = np.array([model.budget0[model.actor_team == j].sum() for j in range(len(model.team_ids))])
    w = w * plan.teams
    eff = (plan.shares * w[None, :, None]).sum(axis=(0, 1))
    return eff / max(eff.sum(), 1e-12)


# -- the audit ------------------------------------------------------------------------


def run_audit(
    model: Model,
    seconds: float = 60.0,
    seeds: int = 200,
    seed: int | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> Audit:
    """Search the scenario and check every property; `progress(fraction, label)`."""
    t_start = time.perf_counter()
    seed = model.seed if seed is None else int(seed)
    budget = max(float(seconds), 5.0)
    say = progress or (lambda f, s: None)
    rng = np.random.default_rng([seed, 4242])
    J = len(model.team_ids)
    # Seed counts. The checks below play a fixed number of games (about 9 per judging
    # seed, 100-seed samples per package, dilemma option, election shift and team); on a
    # big model (hundreds of actors, thousands of edges) that alone would take minutes.
    # Scale every count down so the estimated fixed part takes at most 35 % of the
    # budget (the searches take 60 %). The estimate is from the model's size, not a
    # clock, so the same model, budget and --seeds give the same counts on any machine.
    options = sum(len(e.options) for e in model.events if e.is_dilemma)
    per_game = 5e-5 + 3e-7 * model.n_turns * (model.edge_a.size + len(model.actor_ids))
    n_sub = min(100, seeds)
    games = (17 * seeds + 3 * 32 + 20 * J * (len(model.theme_ids) + 1)
             + n_sub * (2 * len(model.package_ids) + 2 + options + J + 12))  # fmt: skip
    scale = min(1.0, 0.35 * budget / (games * per_game))
    seeds = max(min(seeds, 20), round(seeds * scale))
    n_sub = max(min(seeds, 10), round(n_sub * scale))  # packages, dilemmas, selfish
    n_team = max(3, round(20 * scale))  # one team all-in
    ev_seeds = np.arange(seeds)
    n_search = max(8, round(32 * scale))
    search_seeds = np.arange(10_000, 10_000 + n_search)  # not the seeds a plan is judged on
    checks: list[Check] = []

    def spent() -> float:
        return time.perf_counter() - t_start

    # 1. bot policies over the judging seeds ----------------------------------------------
    say(0.02, "bots")
    pol_names = list(bots.POLICIES) + ["default"]
    pol_out = {}
    for p in pol_names:
        pol_out[p] = play(model, ev_seeds, policies=None if p == "default" else [p], seed=seed)
    best_bot = max(pol_out, key=lambda p: pol_out[p].shared.mean())

    # 2. what a funded package is worth, and how much of it is its own --------------------
    say(0.08, "packages")
    even = Plan.even(model)
    even.endorse[:] = False
    pk_seeds = ev_seeds[:n_sub]
    no_sigma = dataclasses.replace(model, constants=dataclasses.replace(model.constants, sigma=0.0))
    P = len(model.package_ids)
    plans = [even] + [cofund_plan(model, p) for p in range(P)]
    with_s = play(model, pk_seeds, plans, seed=seed).shared.mean(axis=1)
    without = play(no_sigma, pk_seeds, plans, seed=seed).shared.mean(axis=1)
    value, own = with_s[1:] - with_s[0], without[1:] - without[0]
    worth = value > 0.25
    ratio = np.where(worth, own / np.where(worth, value, 1.0), np.inf)
    if worth.any():
        w = int(np.argmin(ratio))
        checks.append(_check("package_own_share", float(ratio[w]),
                             f"worst: {model.package_ids[w]} is worth {value[w]:+.1f} shared "
                             f"points, {own[w]:+.1f} of them its own effect"))  # fmt: skip
    else:
        checks.append(_check("package_own_share", 1.0, "no package is worth funding alone"))
    best_single = float(value.max()) if P else 0.0

    # 3. the best fixed plan --------------------------------------------------------------
    say(0.15, "fixed plans")
    starts = [even] + [cofund_plan(model, int(p)) for p in np.argsort(-value)[:2]] if P else [even]
    start_scores = play(model, search_seeds, starts, seed=seed).shared.mean(axis=1)
    start = starts[int(start_scores.argmax())]
    search_time = 0.3 * budget
    t_search = spent()

    def tick_search() -> None:
        say(0.15 + 0.4 * min((spent() - t_search) / search_time, 1.0), "fixed plans")

    best, _ = hill_climb(model, start, search_seeds, search_time, rng, seed=seed,
                         tick=tick_search)  # fmt: skip
    best_out = play(model, ev_seeds, [best], seed=seed)
    even_out = play(model, ev_seeds, [even], seed=seed)
    best_score = float(best_out.shared.mean())
    even_score = float(even_out.shared.mean())
    # the prepared room: the same plan, answering each briefing's windows and shocks by
    # the outlook over other futures (game.sim.prepared); it joins the bots, so a fixed
    # plan "wins" only where answering the briefing would not have helped
    say(0.5, "prepared room")
    pr_seeds = ev_seeds[:n_sub]
    prepared, moved = play_prepared(model, pr_seeds, best, seed)
    bots_mean = {p: float(o.shared[0, :n_sub].mean()) for p, o in pol_out.items()}
    rivals = {**{p: o.shared[0, :n_sub] for p, o in pol_out.items()}, "prepared": prepared}
    best_rival = max(rivals, key=lambda p: float(rivals[p].mean()))
    fixed = best_out.shared[0, :n_sub]
    rival = rivals[best_rival]
    win = float((fixed > rival).mean())
    ties = float((fixed == rival).mean())
    checks.append(_check("fixed_plan_win_share", win,
                         f"the best fixed plan ({fixed.mean():.1f}) beats the best rival, "
                         f"{best_rival} ({rival.mean():.1f}), on {win:.0%} of {n_sub} seeds "
                         f"(equal on {ties:.0%}); the prepared room moved its split in "
                         f"{(moved > 0).mean():.0%} of turns; the best bot policy, "
                         f"{best_bot}, scores {bots_mean[best_bot]:.1f}"))  # fmt: skip

    # 4. re-optimised for one seed --------------------------------------------------------
    say(0.56, "one seed")
    # a search each: the gain varies from seed to seed, and a search cut short finds
    # little, so fewer seeds with more time each (a search stops by itself once stale)
    one_seeds = ev_seeds[:5]
    per_seed = 0.3 * budget / one_seeds.size
    gains = []
    for s in one_seeds:
        one = np.array([s])
        base = float(best_out.shared[0, s])
        _, got = hill_climb(model, best, one, per_seed, rng, reactive=True, width=32,
                            seed=seed, answers=seed_answers(model, best, int(s), seed))  # fmt: skip
        gains.append(got - base)
    gain = float(np.mean(gains))
    checks.append(_check("reoptimise_gain", gain,
                         f"mean gain over {one_seeds.size} seeds; each: "
                         + ", ".join(f"{g:.1f}" for g in gains)))  # fmt: skip

    # 5. every theme in the best plan -----------------------------------------------------
    eff = plan_effort(model, best)
    low = int(eff.argmin())
    checks.append(_check("theme_min_share", float(eff.min()),
                         f"least: {model.theme_ids[low]} {eff[low]:.0%}; "
                         + _listed(model.theme_ids, eff, "{:.0%}")))  # fmt: skip

    # 6. dilemmas: does each option matter, and is any dominated? -------------------------
    say(0.74, "dilemmas")
    dl = [i for i, e in enumerate(model.events) if e.is_dilemma]
    spreads, dominated, weak = [], [], []
    for e in dl:
        opts = model.events[e].options
        forced = np.full((len(opts), len(model.events)), -1, dtype=np.int64)
        forced[:, e] = np.arange(len(opts))
        out = _play_votes(model, ev_seeds[:n_sub], forced, seed)
        fired = out.fired[0, :, e]
        if fired.sum() < 3:
            continue
        sh = out.shared[:, fired].mean(axis=1)  # (O,)
        md = out.mandates[:, fired].mean(axis=1)  # (O, J)
        spread = float(sh.max() - sh.min())
        mspread = float((md.max(axis=0) - md.min(axis=0)).max())
        prefer = set(md.argmax(axis=0).tolist())
        ok = spread >= 1.0 or (mspread >= 3.0 and len(prefer) > 1)
        spreads.append(spread)
        if not ok:
            weak.append(f"{model.events[e].id} ({spread:.2f} shared, {mspread:.1f} mandate)")
        for o in range(len(opts)):
            for q in range(len(opts)):
                if q != o and sh[o] < sh[q] - 0.05 and (md[o] < md[q] - 0.05).all():
                    dominated.append(f"{model.events[e].id}:{opts[o]}")
                    break
    checks.append(_check("dilemma_min_spread", min(spreads) if spreads else np.nan,
                         "weak: " + "; ".join(weak) if weak else "every dilemma matters",
                         ok=not weak))  # fmt: skip
    checks.append(_check("dominated_options", len(dominated),
                         ", ".join(dominated) or "none"))  # fmt: skip

    # 7. events that can never fire, or always do -----------------------------------------
    fired_by = np.array([pol_out[p].fired[0].mean(axis=0) for p in pol_names])  # (pols, Ev)
    fired_by = np.vstack([fired_by, best_out.fired[0].mean(axis=0)])
    cond = np.array([e.condition is not None for e in model.events])
    unreachable = [model.events[i].id for i in np.flatnonzero(cond & (fired_by.max(0) < 0.05))]
    forced_ev = [model.events[i].id for i in np.flatnonzero(cond & (fired_by.min(0) >= 0.99))]
    checks.append(_check("events_unreachable", len(unreachable), ", ".join(unreachable) or "none"))
    checks.append(_check("events_forced", len(forced_ev), ", ".join(forced_ev) or "none"))

    # 8. elections: how much another government changes, with and without the vision -----
    say(0.84, "elections")
    if model.election_turns and len(model.programme_ids) > 1:
        el_seeds = ev_seeds  # all the judging seeds: the damping is a ratio of two means
        dis = {}
        for signed in (False, True):
            a = play(model, el_seeds, seed=seed, endorse=signed).shared[0]
            shifts = [play(model, el_seeds, seed=seed, endorse=signed, election_shift=s).shared[0]
                      for s in (0.25, 0.5, 0.75)]  # fmt: skip
            dis[signed] = float(np.mean([np.abs(b - a).mean() for b in shifts]))
        checks.append(_check("election_disruption_unsigned", dis[False],
                             f"mean |Δshared| from the election draw: {dis[False]:.2f} unsigned, "
                             f"{dis[True]:.2f} signed"))  # fmt: skip
        damp = 1.0 - dis[True] / dis[False] if dis[False] > 0 else 0.0
        checks.append(_check("election_damping", damp, f"signing cuts it by {damp:.0%}"))
    else:
        checks.append(_check("election_disruption_unsigned", np.nan, "no elections", ok=True))
        checks.append(_check("election_damping", np.nan, "no elections", ok=True))

    # 9. the capital − east gap in this future ---------------------------------------------
    want = GAP_FUTURES.get(model.scenario_id)
    if all(r in model.region_ids for r in GAP_PAIR):
        a, b = (model.region_ids.index(r) for r in GAP_PAIR)
        d = pol_out["default"]
        gap0 = (d.x0[a] - d.x0[b]).mean()
        gap1 = (d.x[0, :, a] - d.x[0, :, b]).mean(axis=1)
        grows = float((gap1 > gap0).mean())
        share = grows if want == "grows" else 1 - grows
        detail = (f"the {GAP_PAIR[0]} − {GAP_PAIR[1]} gap grows in {grows:.0%} of seeds "
                  f"({gap0:.1f} → {gap1.mean():.1f})")  # fmt: skip
        if want:
            verb = "grow" if want == "grows" else "shrink"
            checks.append(_check("gap_direction_share", share, detail + f"; it should {verb}"))
        else:  # not one of the four futures: the majority direction, reported
            checks.append(_check("gap_direction_share", max(grows, 1 - grows),
                                 detail + " (reported)", ok=True))  # fmt: skip
    else:
        checks.append(_check("gap_direction_share", np.nan, "no such region types", ok=True))

    # 10. one team's own move within a turn ------------------------------------------------
    say(0.9, "one team")
    T = len(model.theme_ids)
    moved_by_team = []
    for j in range(J):
        even = Plan.even(model, teams=np.arange(J) == j)
        one_theme = [even]
        for th in range(T):
            plan = Plan.even(model, teams=np.arange(J) == j)
            plan.shares[:, j] = 0.0
            plan.shares[:, j, th] = 1.0
            one_theme.append(plan)
        out = play(model, ev_seeds[:n_team], one_theme, seed=seed, first_turn=True)
        assert out.after_first is not None  # kept with first_turn=True
        diff = np.abs(out.after_first[1:] - out.after_first[:1])  # (T, S, R, K)
        cells = (diff >= 1.0).sum(axis=(2, 3)).mean(axis=1)  # (T,)
        moved_by_team.append(float(cells.max()))
    worst = int(np.argmin(moved_by_team))
    checks.append(_check("one_team_cells_moved", min(moved_by_team),
                         "cells moved by ≥ 1 point when a team goes all-in on its best theme: "
                         + _listed(model.team_ids, moved_by_team, "{:.1f}")
                         + f" (fewest: {model.team_ids[worst]})"))  # fmt: skip

    # 11. selfish teams among cooperating ones ----------------------------------------------
    say(0.95, "selfish")
    coop = pol_out["cooperative"]
    gains_s = []
    for j in range(J):
        pols = ["cooperative"] * J
        pols[j] = "solo"
        out = play(model, ev_seeds[:n_sub], policies=pols, seed=seed)
        gains_s.append(float(out.mandates[0, :, j].mean() - coop.mandates[0, :n_sub, j].mean()))
    checks.append(_check("selfish_gain_min", min(gains_s),
                         "a team's mandate gain from playing solo among cooperators: "
                         + _listed(model.team_ids, gains_s, "{:+.1f}")))  # fmt: skip
    cost = float(coop.shared.mean() - pol_out["solo"].shared.mean())
    all_below = float((pol_out["solo"].shared[0] <= coop.shared[0] - 3.0).mean())
    checks.append(_check("selfish_cost", cost,
                         f"all cooperative {coop.shared.mean():.1f}, all solo "
                         f"{pol_out['solo'].shared.mean():.1f}; solo ≥ 3 below in "
                         f"{all_below:.0%} of seeds"))  # fmt: skip
    # 12. a broad vision is worth something, and less than cooperating (issue 18) ---------
    from game.sim.vision_check import agreement_check

    gain, detail, ok = agreement_check(model, ev_seeds[:n_sub], seed, cost)
    checks.append(_check("vision_agreement_gain", gain, detail, ok=ok))
    say(1.0, "done")
    return Audit(
        model.scenario_id,
        seeds,
        round(spent(), 2),
        checks,
        best,
        best_score,
        even_score,
        {"best_single_package_gain": best_single, "best_bot": best_bot, "best_rival": best_rival},
    )


def _play_votes(model: Model, seeds: np.ndarray, forced: np.ndarray, seed: int | None) -> Outcome:
    """The scenario's own team policies with every team's vote forced, one outcome row per
    row of `forced` (B, Ev).
    """
    outs = [play(model, seeds, seed=seed, votes=forced[b : b + 1]) for b in range(len(forced))]
    return Outcome(
        np.concatenate([o.shared for o in outs]),
        np.concatenate([o.mandates for o in outs]),
        np.concatenate([o.fired for o in outs]),
        outs[0].x0,
        np.concatenate([o.x for o in outs]),
    )
