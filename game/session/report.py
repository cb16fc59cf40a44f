"""The debrief report of a session: CSV files and a self-contained HTML page.

Charts are drawn by the UI's chart code (so the report looks like the game); this module
takes them as PNG files from a `render` callback, because game.session never imports
pygame. Without a renderer the report has tables only.
"""

from __future__ import annotations

import base64
import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import numpy as np
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from game.i18n import translator
from game.i18n.numbers import Numbers, numbers, plain_minus
from game.scenario.text import text
from game.session.provenance import How, how_text, team_how
from game.session.session import Session
from game.session.store import SessionInfo

Renderer = Callable[[Session, "ReportContext", Path], dict[str, Path]]

REPORT_LABELS = (  # the report's words: `report.<key>` in the catalogues (game/i18n)
    "title",
    "scores",
    "shared",
    "vision",
    "equity",
    "dividend",
    "twin",
    "teams",
    "mandate",
    "indicators",
    "decisions",
    "events",
    "packages",
    "compare",
    "branch",
    "original",
    "turn",
    "year",
    "seed",
    "team",
    "plays",
    "who",
    "what",
    "item",
    "value",
    "target",
    "region_type",
    "indicator",
    "by.people",
    "by.bot",
    "by.plan",
    "by.facilitator",
    "by.undecided",
    "note",
    "kind.allocation",
    "kind.pledge",
    "kind.vote",
    "kind.shared-vision",
    "kind.inject",
    "kind.cancel",
    "kind.undo",
    "kind.redo",
    "kind.end",
    "signs.yes",
    "signs.no",
    "reached",
    "short",
    "files",
    "files_text",
)


@cache
def report_labels(lang: str) -> dict[str, str]:
    """The report's words in `lang` (English where the language has no such key)."""
    tr = translator(lang if lang in ("fi", "en", "sv") else "en")
    words = {k: tr(f"report.{k}") for k in REPORT_LABELS}
    words["title"] = tr("report.title", app=tr("app.name"))  # the product's name, no year
    return words


@dataclass
class ReportContext:
    """Everything a report needs to name things: the scenario text in one language."""

    session: Session
    info: SessionInfo
    scenario: object  # game.scenario.schema.ScenarioFile
    lang: str

    def name(self, kind: str, ident: str) -> str:
        """The display name of an entity of `kind` (region_types, indicators, …)."""
        for item in getattr(self.scenario, kind):
            if item.id == ident:
                return text(getattr(item, "name", None) or getattr(item, "title", None), self.lang)
        return ident

    def option(self, event: str, option: str) -> str:
        """The label of a dilemma's option in this language (its id when it has none)."""
        for ev in self.scenario.events:
            if ev.id == event:
                for opt in ev.options or []:
                    if opt.id == option:
                        return text(opt.label, self.lang) or option
        return option

    @property
    def labels(self) -> dict[str, str]:
        """The report's words in this language (from the catalogues)."""
        return report_labels(self.lang)

    @property
    def numbers(self) -> Numbers:
        """Numbers as this language writes them."""
        return numbers(self.lang)


# what each kind of decision row is about: the scenario list its item is named from
ITEM_KINDS = {"allocation": "themes", "pledge": "packages", "vote": "events",
              "inject": "events", "cancel": "events"}  # fmt: skip


def readable_row(ctx: ReportContext, row: dict, n: Numbers | None = None) -> dict[str, str]:
    """A decision row (`decision_rows`) in words for people: the team's name, who played
    it, the kind of decision, the theme/package/event by name, the value as the language
    writes it (a share as 25 %, points as 3,0, a dilemma's option by its label).
    """
    L, n = ctx.labels, n or ctx.numbers
    kind, item, value = row["kind"], str(row["item"]), row["value"]
    if kind in ITEM_KINDS and item:
        item = ctx.name(ITEM_KINDS[kind], item)
    elif kind == "shared-vision":
        item = ""
    if kind == "allocation" and isinstance(value, int | float):
        value = n.pct(float(value))
    elif kind == "pledge" and isinstance(value, int | float):
        value = n.num(float(value))
    elif kind == "vote":
        value = ctx.option(str(row["item"]), str(value))
    elif kind == "shared-vision":
        value = L.get(f"signs.{value}", str(value))
    elif isinstance(value, float):
        value = n.num(value)
    return {
        "turn": str(row["turn"]),
        "year": str(row["year"]),
        "team": ctx.name("teams", row["team"]) if row["team"] else "",
        "who": L.get(f"by.{row['by']}", str(row["by"])),
        "what": L.get(f"kind.{kind}", kind),
        "item": item,
        "value": str(value),
        "note": _note(ctx, row),
    }


def _note(ctx: ReportContext, row: dict) -> str:
    """What happened to a decision the team left open, in words ("" for its own)."""
    how = row.get("how") or ""
    if not how:
        return ""
    kind = {"vote": "votes", "shared-vision": "vision", "pledge": "allocation"}.get(
        row["kind"], row["kind"]
    )
    first = row["turn"] == 1
    return how_text(translator(ctx.lang), kind, How("people", how, row.get("reason") or ""), first)


def decision_rows(ctx: ReportContext) -> list[dict]:
    """Every allocation, pledge and vote of every turn, each team's signature of the shared
    vision (first turn), and every facilitator action.
    """
    s, m = ctx.session, ctx.session.model
    rows = []

    def add(t: int, team: str, by: str | How, kind: str, item: str, value) -> None:
        # by: who acted, or for a team's decision how it came about (How)
        how = reason = ""
        if isinstance(by, How):
            how, reason, by = ("" if by.how == "people" else by.how), by.reason, decided_by(by)
        rows.append(
            {"turn": t + 1, "year": m.year_of(t), "team": team, "by": by, "kind": kind,
             "item": item, "value": value, "how": how, "reason": reason}
        )  # fmt: skip

    for t, record in enumerate(s.game.records[1:]):  # the game's one history, turn by turn
        dec, res = record.decisions, record.result
        assert dec is not None and res is not None  # every turn played has both
        fired = res.fired[0]
        for j, team in enumerate(m.team_ids):
            alloc = team_how(s, t, j, "allocation")
            for ti, theme in enumerate(m.theme_ids):
                add(t, team, alloc, "allocation", theme, round(float(dec.shares[0, j, ti]), 6))
            for pi, pkg in enumerate(m.package_ids):
                if dec.pledges[0, j, pi] > 0:
                    add(t, team, alloc, "pledge", pkg, round(float(dec.pledges[0, j, pi]), 6))
            for ei, ev in enumerate(m.events):
                if not (ev.is_dilemma and fired[ei]):
                    continue
                o, vote = int(dec.votes[0, j, ei]), team_how(s, t, j, "votes", ei)
                if o >= 0 or not vote.own:  # a vote not cast by people says so
                    add(t, team, vote, "vote", ev.id, ev.options[o] if o >= 0 else "")
            if t == 0 and dec.endorse is not None:
                add(t, team, team_how(s, t, j, "vision"), "shared-vision", "signs",
                    "yes" if dec.endorse[0, j] else "no")  # fmt: skip
    for entry in s.log:
        if entry["type"] in ("inject", "cancel", "undo", "redo", "end"):
            add(entry["turn"], "", "facilitator", entry["type"], entry.get("event", ""), "")
    return rows


def decided_by(h: How) -> str:
    """Who made a team's decision, for the decision log: people only for what the team
    decided itself (its unconfirmed draft included, when the facilitator chose to use
    drafts); "bot" for a bot's team, a bot's suggestion the facilitator chose or an older
    session's pre-filled suggestion the team left as it was; "facilitator" for an override
    from the console; "undecided" for what the team left open (kept its split, did not
    vote, did not sign).
    """
    if h.by != "people" or h.how in ("people", "abstain", "draft"):
        return h.by
    if h.how == "facilitator":
        return "facilitator"
    return "bot" if h.how in ("bot", "suggested") else "undecided"


def indicator_rows(ctx: ReportContext) -> list[dict]:
    """Indicator values per turn × region type × indicator, with the vision target."""
    m = ctx.session.model
    rows = []
    for t, record in enumerate(ctx.session.game.records):
        x = record.x
        for ri, r in enumerate(m.region_ids):
            for ki, k in enumerate(m.indicator_ids):
                rows.append(
                    {
                        "turn": t,
                        "year": m.year_of(t),
                        "region_type": r,
                        "indicator": k,
                        "value": round(float(x[ri, ki]), 6),
                        "target": round(float(m.target[ri, ki]), 6),
                    }
                )
    return rows


# how, reason: for what a people's team left undecided, what happened to it (kept,
# draft, bot, abstained, unsigned, suggested; game.session.provenance) and why (time,
# facilitator); empty for the teams' own decisions
DECISION_FIELDS = ["turn", "year", "team", "by", "kind", "item", "value", "how", "reason"]
INDICATOR_FIELDS = ["turn", "year", "region_type", "indicator", "value", "target"]
PEOPLE_DECISION_FIELDS = ["turn", "year", "team", "who", "what", "item", "value", "note"]


def _write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    """The machine CSV: ids, dot decimals, comma-separated (README, `suunta report`)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def people_csv_names(lang: str) -> tuple[str, str]:
    """The file names of the CSV meant for people in `lang`: (indicators, decisions)."""
    return f"indicators-{lang}.csv", f"decisions-{lang}.csv"


def _write_people_csv(path: Path, ctx: ReportContext, rows: list[dict], fields: list[str]):
    """A CSV for a spreadsheet in the report's language: headers and names in words,
    numbers as the language writes them (60,0), so a comma-decimal language separates
    its columns with semicolons; UTF-8 with a byte-order mark, which spreadsheets need to
    read ä and ö right.
    """
    L = ctx.labels
    delimiter = ";" if ctx.numbers.decimal == "," else ","
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow([L[f] for f in fields])
        w.writerows([[r[f] for f in fields] for r in rows])


def _people_indicator_rows(ctx: ReportContext, rows: list[dict]) -> list[dict]:
    n = plain_minus(ctx.lang)
    return [
        dict(r, region_type=ctx.name("region_types", r["region_type"]),
             indicator=ctx.name("indicators", r["indicator"]),
             value=n.num(r["value"], 2), target=n.num(r["target"], 2))
        for r in rows
    ]  # fmt: skip


def write_report(
    session: Session,
    info: SessionInfo,
    scenario,
    out: Path,
    lang: str | None = None,
    render: Renderer | None = None,
    compare: Session | None = None,
) -> list[Path]:
    """Write report.html, the PNG charts, indicators.csv and decisions.csv (for programs)
    and indicators-LANG.csv and decisions-LANG.csv (for people) into `out`.

    Args:
        session: the (replayed) session.
        info: its session.json.
        scenario: its typed scenario file, for names.
        out: the folder (created if needed).
        lang: fi, en or sv (default: the session's language).
        render: draws the charts as PNG files into `out`; returns name -> path.
        compare: the session this one branched from, to compare with.
    """
    out.mkdir(parents=True, exist_ok=True)
    ctx = ReportContext(session, info, scenario, lang or info.lang or "fi")
    written = []
    indicators, decisions = indicator_rows(ctx), decision_rows(ctx)
    p = out / "indicators.csv"
    _write_csv(p, indicators, INDICATOR_FIELDS)
    written.append(p)
    p = out / "decisions.csv"
    _write_csv(p, decisions, DECISION_FIELDS)
    written.append(p)
    people_ind, people_dec = people_csv_names(ctx.lang)
    p = out / people_ind
    _write_people_csv(p, ctx, _people_indicator_rows(ctx, indicators), INDICATOR_FIELDS)
    written.append(p)
    p = out / people_dec
    readable = [readable_row(ctx, r, plain_minus(ctx.lang)) for r in decisions]
    _write_people_csv(p, ctx, readable, PEOPLE_DECISION_FIELDS)
    written.append(p)
    charts = render(session, ctx, out) if render else {}
    written += list(charts.values())
    p = out / "report.html"
    p.write_text(render_html(ctx, charts, compare), encoding="utf-8")
    written.append(p)
    return written


# drawn marks, not emoji (which show as empty boxes where no emoji font is installed)
_SVG = '<svg class=mark viewBox="0 0 10 10" width="11" height="11" aria-hidden="true">{}</svg>'
MARKS = {
    "people": _SVG.format('<circle cx="5" cy="5" r="4.3" fill="currentColor"/>'),
    "bot": _SVG.format('<rect x="1" y="1" width="8" height="8" fill="none" '
                       'stroke="currentColor" stroke-width="1.6"/>'),
    "plan": _SVG.format('<path d="M5 .8 9.2 5 5 9.2 .8 5Z" fill="none" '
                        'stroke="currentColor" stroke-width="1.6"/>'),
    "ok": _SVG.format('<path d="M1.5 5.5 4 8 8.5 2" fill="none" stroke="currentColor" '
                      'stroke-width="1.8"/>'),
    "short": _SVG.format('<path d="M2 2 8 8M8 2 2 8" fill="none" stroke="currentColor" '
                         'stroke-width="1.8"/>'),
}  # fmt: skip


def team_player(s: Session, j: int) -> str:
    """Who plays team j: people, a room plan or a bot (a key of MARKS and 'by.' labels)."""
    if j in s.human:
        return "people"
    return "plan" if j in getattr(s.game, "planned", []) else "bot"


def render_html(ctx: ReportContext, charts: dict[str, Path], compare: Session | None) -> str:
    """The self-contained report page (inline images and styles, no network), rendered by
    the Jinja2 template `templates/report.html.j2` with autoescape: scenario text is text.
    """
    from game.session.stress_report import stress_section  # issue 18: the four futures

    s, m, n = ctx.session, ctx.session.model, ctx.numbers
    sc = s.game.scores()
    played = s.game.records[1:]  # the game's one history: the turns, each as played
    x = s.game.records[-1].x
    indicators = []
    for ki, k in enumerate(m.indicator_ids):
        cells = []
        for ri in range(len(m.region_ids)):
            state = "ok" if x[ri, ki] >= m.target[ri, ki] else "short"
            value, target = n.num(x[ri, ki]), n.num(m.target[ri, ki], 0)
            cells.append({"state": state, "value": value, "target": target})
        indicators.append({"name": ctx.name("indicators", k), "cells": cells})
    events = []
    for t, res in enumerate(r.result for r in played):
        assert res is not None
        for ei in np.flatnonzero(res.fired[0]):
            ev = m.events[ei]
            chosen = ""
            if ev.is_dilemma and res.chosen[0, ei] >= 0:
                chosen = ctx.option(ev.id, ev.options[res.chosen[0, ei]])
            events.append(
                {"year": m.year_of(t), "name": ctx.name("events", ev.id), "chosen": chosen}
            )
    packages = []
    for pi, pkg in enumerate(m.package_ids):
        years = [r.year for r in played if r.result is not None and r.result.funded[0, pi]]
        if years:
            packages.append({"name": ctx.name("packages", pkg), "years": years})
    rows = []
    if compare is not None:
        cs = compare.game.scores()
        rows = [
            {
                "key": key,
                "branch": n.num(getattr(sc, key)[0]),
                "original": n.num(getattr(cs, key)[0]),
            }
            for key in ("shared", "vision", "equity")
        ]
        rows.append(
            {
                "key": "dividend",
                "branch": n.signed(s.game.dividend()),
                "original": n.signed(compare.game.dividend()),
            }
        )
    code = Markup("<code>{}</code>").format
    people = Markup(" ").join(code(p) for p in people_csv_names(ctx.lang))
    machine = code("indicators.csv") + Markup(" ") + code("decisions.csv")
    page = {
        "lang": ctx.lang,
        "L": ctx.labels,
        "title": text(ctx.scenario.meta.title, ctx.lang),
        "session_id": ctx.info.id,
        "seed": ctx.info.seed,
        "today": n.date(datetime.now().astimezone()),
        "scores": {
            "shared": n.num(sc.shared[0]),
            "twin": n.num(sc.shared[1]),
            "vision": n.pct_points(sc.vision[0]),
            "equity": n.num(sc.equity[0]),
            "dividend": n.signed(s.game.dividend()),
        },
        "teams": [
            {
                "name": ctx.name("teams", team),
                "who": team_player(s, j),
                "mandate": n.num(sc.mandates[0, j]),
            }
            for j, team in enumerate(m.team_ids)
        ],
        "marks": {k: Markup(v) for k, v in MARKS.items()},
        "charts": [
            {"caption": name, "data": base64.b64encode(path.read_bytes()).decode()}
            for name, path in charts.items()
        ],
        "futures": Markup(stress_section(ctx)),  # its tables escape what they show
        "end_year": m.end_year,
        "region_types": [ctx.name("region_types", r) for r in m.region_ids],
        "indicators": indicators,
        "events": events,
        "packages": packages,
        "compare": rows,
        "decision_fields": PEOPLE_DECISION_FIELDS,
        "decisions": [
            readable_row(ctx, r)
            for r in decision_rows(ctx)
            if not (r["kind"] == "allocation" and r["value"] == 0)
        ],
        "files_text": Markup(escape(ctx.labels["files_text"])).format(
            people=people, machine=machine
        ),
    }
    return _templates().get_template("report.html.j2").render(page)


@cache
def _templates() -> Environment:
    """The report's templates, autoescaped; a missing value is an error, not a blank."""
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
