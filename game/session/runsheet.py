"""The facilitator's run-sheet: one printable HTML page (A4, print CSS, at most four sheets)
to prepare and run a workshop.

It holds the agenda with the session plan's clock times per turn and phase
(`game.session.schedule`), what to say in each phase, the dilemmas and elections in the
order they can come (with how often they came in bot games), the teams with their actors
and mandates, and the cards to print: the teams' and the action packages'. `suunta
runsheet` and the title screen write it; it needs no network and no pygame.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import time
from pathlib import Path

import numpy as np

from game.i18n import translator
from game.scenario.text import text
from game.session.schedule import PHASES, Schedule, clock
from game.sim.model import KINDS

BOT_GAMES = 200  # bot games played to say how often a dilemma comes
FILE_NAME = "runsheet.html"


class RunsheetError(ValueError):
    """A bad run-sheet argument (a start time that is not HH:MM)."""


def parse_start(value: str | None) -> int | None:
    """`--start HH:MM` (or H.MM) as minutes after midnight; None without one."""
    if value is None:
        return None
    parts = value.strip().replace(".", ":").split(":")
    try:
        h, m = (int(p) for p in parts)
    except ValueError:
        raise RunsheetError(f"--start takes a time like 09:00 (got '{value}')") from None
    if not (0 <= h < 24 and 0 <= m < 60):
        raise RunsheetError(f"--start takes a time like 09:00 (got '{value}')")
    return h * 60 + m


@dataclass
class _Sheet:
    """What the sections need: the scenario in one language and the plan."""

    scenario: object  # game.scenario.scenario.Scenario
    model: object  # game.sim.model.Model
    schedule: Schedule
    lang: str
    start: int | None
    players: list[str | None]

    def __post_init__(self) -> None:
        self.tr = translator(self.lang)
        self.f = self.scenario.file

    def t(self, value) -> str:
        """A scenario text in the sheet's language, escaped for HTML."""
        return html.escape(text(value, self.lang))

    def s(self, key: str, **kw) -> str:
        """An interface string, escaped for HTML."""
        return html.escape(self.tr(key, **kw))

    def at(self, minutes: int) -> str:
        """A point of the plan: the time of day from --start, else H:MM from the start."""
        if self.start is None:
            return clock(minutes)
        from babel.dates import format_time

        m = (self.start + minutes) % (24 * 60)
        return format_time(time(m // 60, m % 60), "short", locale=self.lang)

    def years(self, turn: int) -> str:
        """The years a turn covers: 2022–2024."""
        m = self.model
        first = m.year_of(turn)
        return f"{first}–{first + m.turn_years - 1}" if m.turn_years > 1 else str(first)


def render_runsheet(
    scenario,
    schedule: Schedule,
    lang: str = "fi",
    start: int | None = None,
    players: list[str | None] | None = None,
) -> str:
    """The run-sheet page.

    Args:
        scenario: a loaded `game.scenario.scenario.Scenario`.
        schedule: its session plan.
        lang: fi, en or sv.
        start: the workshop's start, minutes after midnight (None: times from 0:00).
        players: per team, "people", a bot policy, or None when not chosen yet.
    """
    model = scenario.compile()
    sh = _Sheet(scenario, model, schedule, lang, start, players or [None] * len(model.team_ids))
    title = sh.t(sh.f.meta.title)
    body = [
        _head(sh, title),
        _agenda(sh),
        _checklist(sh),
        _scripts(sh),
        _dilemmas(sh),
        _teams(sh),
        _packages(sh),
    ]
    return PAGE.format(
        lang=lang, title=f"{sh.s('rs.title')} – {title}", css=CSS, body="\n".join(body)
    )


def write_runsheet(
    scenario,
    schedule: Schedule,
    out: Path,
    lang: str = "fi",
    start: int | None = None,
    players: list[str | None] | None = None,
) -> Path:
    """Write `runsheet.html` into the folder `out` (made if needed); returns its path.

    Raises:
        OSError: the folder or the file cannot be written.
    """
    from game.session.store import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    path = out / FILE_NAME
    write_atomic(path, render_runsheet(scenario, schedule, lang, start, players))
    return path


# -- sections ------------------------------------------------------------------------------
def _command(sh: _Sheet) -> str:
    sc = sh.schedule
    parts = ["suunta play", sh.scenario.id, f"--length {sc.length}", f"--lang {sh.lang}"]
    if sc.timings:
        from game.session.schedule import format_timings

        parts.append(f"--timings {format_timings(sc.timings)}")
    return " ".join(parts)


def _head(sh: _Sheet, title: str) -> str:
    m, sc = sh.model, sh.schedule
    facts = sh.s(
        "rs.facts",
        minutes=sc.total,
        turns=m.n_turns,
        start=m.start_year,
        end=m.end_year,
        teams=len(m.team_ids),
    )
    rule = sh.s(
        "rs.rule",
        intro=sc.intro,
        first=sc.turn_minutes(0),
        turn=sc.turn_minutes(min(1, m.n_turns - 1)),
        debrief=sc.debrief,
    )
    if sc.breaks:
        after, minutes = next(iter(sc.breaks.items()))
        rule += " " + sh.s("rs.rule_break", n=minutes, turn=after + 1)
    return (
        f"<header><h1>{sh.s('rs.title')}: {title}</h1>"
        f"<p class=facts>{facts}</p>"
        f"<p class=fill>{sh.s('rs.date')} ________________ &nbsp; {sh.s('rs.start_time')} "
        f"{sh.at(0) if sh.start is not None else '________'} &nbsp; {sh.s('rs.place')} "
        "________________</p>"
        f"<p>{rule}</p><p>{sh.s('rs.run')} <code>{html.escape(_command(sh))}</code></p>"
        "</header>"
    )


def _on_the_table(sh: _Sheet, turn: int) -> list[str]:
    """What a turn brings to decide: the vision, an election, the dilemmas that certainly
    come, and how many more may come.
    """
    m = sh.model
    out = []
    if turn == 0:
        out.append(sh.s("rs.vision_sign"))
    if turn in m.election_turns:
        year = _election_year(sh, turn)
        out.append(f"<b>{sh.s('rs.election', year=year)}</b>")
    maybe = 0
    for i, ev in enumerate(m.events):
        if ev.is_dilemma and ev.turns[turn]:
            if _certain(ev):
                out.append(f"<b>{sh.t(_event(sh, i).title)}</b>")
            else:
                maybe += 1
    if maybe:
        out.append(sh.s("rs.maybe", n=maybe))
    return out


def _election_year(sh: _Sheet, turn: int) -> int:
    """The year of the election a turn holds."""
    m = sh.model
    return next(y for y in sh.f.elections.years if 0 <= y - m.year_of(turn) < m.turn_years)


def _agenda(sh: _Sheet) -> str:
    sc, m = sh.schedule, sh.model
    head = "".join(f"<th>{sh.s(f'phase.{p}')}</th>" for p in PHASES)
    rows = [
        f"<table class=agenda><thead><tr><th>{sh.s('rs.turn_col')}</th>{head}"
        f"<th>{sh.s('rs.table_col')}</th></tr></thead><tbody>"
    ]

    def wide(kind: str, start: int, minutes: int, note: str = "") -> None:
        rows.append(
            f"<tr class=wide><th>{sh.s(f'rs.{kind}')}</th><td colspan=6><b>{sh.at(start)}</b>"
            f"–{sh.at(start + minutes)} · {sh.s('rs.min', n=minutes)}{note}</td></tr>"
        )

    slots = sc.slots()
    wide("intro", 0, sc.intro)
    for turn in range(m.n_turns):
        cells = []
        for s in (s for s in slots if s.kind == "phase" and s.turn == turn):
            cells.append(
                f"<td><b>{sh.at(s.start)}</b><br><small>{sh.s('rs.min', n=s.minutes)}</small></td>"
            )
        table = "; ".join(_on_the_table(sh, turn))
        rows.append(
            f"<tr><th>{sh.s('rs.turn', n=turn + 1)}<br><small>{sh.years(turn)}</small></th>"
            f"{''.join(cells)}<td class=table>{table}</td></tr>"
        )
        for s in (s for s in slots if s.kind == "break" and s.turn == turn):
            wide("break", s.start, s.minutes)
    debrief = slots[-1]
    wide("debrief", debrief.start, debrief.minutes, f" · {sh.s('rs.ends', at=sh.at(debrief.end))}")
    rows.append("</tbody></table>")
    return f"<section><h2>{sh.s('rs.agenda')}</h2>{''.join(rows)}</section>"


def _checklist(sh: _Sheet) -> str:
    m = sh.model
    people = [j for j, who in enumerate(sh.players) if who == "people"]
    if any(who is not None for who in sh.players):
        names = ", ".join(_team_name(sh, j) for j in people) or sh.s("rs.nobody")
        who = sh.s("rs.check_players_known", teams=names)
    else:
        who = sh.s("rs.check_players", n=len(m.team_ids))
    items = [
        who,
        sh.s("rs.check_team_cards", n=len(m.team_ids)),
        sh.s("rs.check_package_cards", n=len(m.package_ids)),
        sh.s("rs.check_projector"),
        sh.s("rs.check_test"),
        sh.s("rs.check_report"),
    ]
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f"<section><h2>{sh.s('rs.prepare')}</h2><ul class=check>{lis}</ul></section>"


def _scripts(sh: _Sheet) -> str:
    m, sc = sh.model, sh.schedule
    end = m.year_of(m.n_turns)
    parts = [("rs.intro", sh.s("rs.say_intro", end=end, turns=m.n_turns, years=m.turn_years))]
    for p in PHASES:
        say = sh.s(f"rs.say_{p}", end=end)
        if p == "deliberation":
            say += f" <i>{sh.s('rs.say_first_turn')}</i>"
        parts.append((f"phase.{p}", say))
    if sc.breaks:
        parts.append(("rs.break", sh.s("rs.say_break")))
    parts.append(("rs.debrief", sh.s("rs.say_debrief")))
    items = "".join(f"<dt>{sh.s(k)}</dt><dd>{say}</dd>" for k, say in parts)
    return f"<section><h2>{sh.s('rs.say')}</h2><dl class=say>{items}</dl></section>"


def _certain(ev) -> bool:
    return ev.probability >= 1.0 and ev.condition is None and int(ev.turns.sum()) == 1


def _event(sh: _Sheet, i: int):
    ident = sh.model.events[i].id
    return next(e for e in sh.f.events if e.id == ident)


def _dilemmas(sh: _Sheet) -> str:
    from game.sim.montecarlo import monte_carlo

    m = sh.model
    came = monte_carlo(m, BOT_GAMES, m.seed).fired
    rows: list[tuple[int, str]] = []
    for i, ev in enumerate(m.events):
        if not ev.is_dilemma or not ev.turns.any():
            continue
        turns = np.flatnonzero(ev.turns)
        first, last = int(turns[0]), int(turns[-1])
        when = sh.s("rs.turn", n=first + 1)
        if last > first:
            when = sh.s("rs.turns", a=first + 1, b=last + 1)
        how = sh.s("rs.certain") if _certain(ev) else sh.s("rs.came", pct=sh.tr.pct(came[i]))
        spec = _event(sh, i)
        options = " · ".join(sh.t(o.label) for o in spec.options)
        rows.append(
            (
                first,
                f"<tr><td>{when}<br><small>{how}</small></td><td><b>{sh.t(spec.title)}</b>"
                f"</td><td>{options}</td></tr>",
            )
        )
    for turn in m.election_turns:
        year = _election_year(sh, turn)
        rows.append(
            (
                turn,
                f"<tr class=election><td>{sh.s('rs.turn', n=turn + 1)}<br><small>"
                f"{sh.s('rs.certain')}</small></td><td><b>{sh.s('rs.election', year=year)}</b>"
                f"</td><td>{sh.s('rs.programme_drawn')}</td></tr>",
            )
        )
    rows.sort(key=lambda r: r[0])
    progs = ", ".join(sh.t(p.title) for p in sh.f.elections.programmes)
    note = f"<p class=note>{sh.s('rs.programmes', list=progs)}</p>" if progs else ""
    return (
        f"<section><h2>{sh.s('rs.dilemmas')}</h2>"
        f"<p class=note>{sh.s('rs.dilemmas_note', n=BOT_GAMES)}</p>"
        f"<table class=events><thead><tr><th>{sh.s('rs.when_col')}</th>"
        f"<th>{sh.s('rs.item_col')}</th><th>{sh.s('rs.options_col')}</th></tr></thead>"
        f"<tbody>{''.join(r for _, r in rows)}</tbody></table>{note}</section>"
    )


def _team_name(sh: _Sheet, j: int) -> str:
    ident = sh.model.team_ids[j]
    return sh.t(next(t for t in sh.f.teams if t.id == ident).name)


def _kind(sh: _Sheet, kind: str) -> str:
    return sh.s(f"kind.{kind}")


def _teams(sh: _Sheet) -> str:
    actors = {a.id: a for a in sh.f.actors}
    cards = []
    for j, team in enumerate(sh.f.teams):
        who = sh.players[j] if j < len(sh.players) else None
        if who == "people":
            played = sh.s("rs.people")
        elif who is not None:
            played = sh.s("rs.bot", policy=sh.s(f"policy.{who}"))
        else:
            played = f"☐ {sh.s('rs.people')} &nbsp; ☐ {sh.s('rs.bot_plain')}"
        lis = []
        for a in team.actors:
            act = actors[a]
            short = sh.t(act.short)
            name = sh.t(act.name)
            if short and f"({short})" not in name:
                name += f" ({short})"
            points = sh.s("rs.points", n=sh.tr.num(act.budget, 0))
            lis.append(f"<li>{name} · {_kind(sh, act.kind)} · {points}</li>")
        letter = "ABCDEFGH"[j] if j < 8 else str(j + 1)
        cards.append(
            f"<div class=card><h3><span class=tag>{letter}</span> {sh.t(team.name)}</h3>"
            f"<p class=who>{sh.s('rs.played_by')}: {played}</p>"
            f"<p><b>{sh.s('rs.mandate')}:</b> {sh.t(team.mandate.description)}</p>"
            f"<p class=label>{sh.s('rs.actors')}</p><ul>{''.join(lis)}</ul></div>"
        )
    vision = sh.t(sh.f.vision.description)
    end = sh.model.year_of(sh.model.n_turns)
    vision_card = (
        f"<div class='card vision'><h3>{sh.s('rs.vision', end=end)}</h3><p>{vision}</p>"
        f"<p class=note>{sh.s('rs.vision_note')}</p></div>"
    )
    return (
        f"<section class=newpage><h2>{sh.s('rs.teams')}</h2>"
        f"<div class=cards>{''.join(cards)}{vision_card}</div></section>"
    )


def _packages(sh: _Sheet) -> str:
    m = sh.model
    themes = {t.id: t for t in sh.f.themes}
    regions = {r.id: r for r in sh.f.region_types}
    cards = []
    for pi, pkg in enumerate(sh.f.packages):
        kinds = [_kind(sh, KINDS[k]) for k in range(len(KINDS)) if m.pkg_kinds[pi, k]]
        needs = sh.s("rs.needs", kinds=", ".join(kinds) or "–", n=int(m.pkg_min_teams[pi]))
        reach = [
            sh.t(regions[m.region_ids[r]].name)
            for r in np.argsort(-m.pkg_reach[pi], kind="stable")
            if m.pkg_reach[pi, r] >= 0.15
        ][:3]  # where most of it goes
        facts = sh.s(
            "rs.pkg_facts",
            cost=sh.tr.num(float(pkg.cost), 0 if float(pkg.cost).is_integer() else 1),
            n=pkg.duration,
        )
        cards.append(
            f"<div class='card pkg'><h3>{sh.t(pkg.title)}</h3><p class=facts>{facts}</p>"
            f"<p>{sh.t(pkg.text)}</p>"
            f"<p><b>{sh.s('rs.needs_label')}:</b> {needs}</p>"
            f"<p><b>{sh.s('rs.themes')}:</b> "
            f"{', '.join(sh.t(themes[t].name) for t in pkg.themes)}</p>"
            + (f"<p><b>{sh.s('rs.reach')}:</b> {', '.join(reach)}</p>" if reach else "")
            + "</div>"
        )
    if not cards:
        return ""
    return (
        f"<section class=newpage><h2>{sh.s('rs.packages')}</h2>"
        f"<p class=note>{sh.s('rs.packages_note')}</p>"
        f"<div class='cards pkgs'>{''.join(cards)}</div></section>"
    )


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style></head><body>
{body}
</body></html>
"""

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #c9c9c9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; color: var(--ink);
       margin: 1.5rem auto; max-width: 62rem; padding: 0 1rem; line-height: 1.35;
       font-size: 10.5pt; }
h1 { font-size: 17pt; margin: 0 0 .2rem; }
h2 { font-size: 12.5pt; border-bottom: 2px solid var(--accent); margin: 1rem 0 .4rem;
     padding-bottom: .1rem; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 .25rem; }
p { margin: .2rem 0; }
.facts, .note, small, .who, .label { color: var(--muted); }
.note { font-size: 9pt; }
.fill { margin: .4rem 0; }
code { font-size: 9pt; background: #f1f1f1; padding: 0 .25rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .35rem; text-align: left;
         vertical-align: top; }
thead th { font-size: 9pt; color: var(--muted); border-bottom: 2px solid var(--line); }
table.agenda td, table.agenda th { font-size: 9.5pt; white-space: nowrap; }
table.agenda thead th { white-space: normal; font-size: 8.5pt; }
table.agenda td.table { white-space: normal; font-size: 8.5pt; width: 40%; }
table.agenda tr.wide td, table.agenda tr.wide th { background: #eef4f9; }
table.events td { font-size: 8.6pt; padding: .12rem .3rem; }
table.events td:first-child { white-space: nowrap; }
table.events tr.election td { background: #f6f3ea; }
ul { margin: .1rem 0 .2rem 1.1rem; padding: 0; }
ul.check { list-style: "☐  "; }
ul.check li { margin: .15rem 0; }
dl.say { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
dl.say dt { font-weight: bold; }
dl.say dd { margin: 0; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.cards.pkgs { grid-template-columns: 1fr 1fr 1fr; gap: .4rem; }
.card { border: 1px dashed #8a8a8a; padding: .45rem .6rem; break-inside: avoid;
        font-size: 9.5pt; }
.card ul { font-size: 9pt; }
.card.vision { background: #f3f7fb; }
.pkgs .card { font-size: 8pt; padding: .3rem .45rem; line-height: 1.28; }
.pkgs .card h3 { font-size: 9.3pt; }
.pkgs .card p { margin: .1rem 0; }
.tag { display: inline-block; min-width: 1.4em; text-align: center; border: 1.5px solid
       var(--ink); border-radius: 3px; font-weight: bold; }
@page { size: A4; margin: 11mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 15pt; }
  section.newpage { break-before: page; }
  table, tr, dl.say dt, dl.say dd { break-inside: avoid; }
  code { background: none; }
}
"""
