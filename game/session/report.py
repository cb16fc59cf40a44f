"""The debrief report of a session: CSV files and a self-contained HTML page.

Charts are drawn by the UI's chart code (so the report looks like the game); this module
takes them as PNG files from a `render` callback, because game.session never imports
pygame. Without a renderer the report has tables only.
"""

from __future__ import annotations

import base64
import csv
import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from game.i18n import translator
from game.i18n.numbers import Numbers, numbers, plain_minus
from game.scenario.text import text
from game.session.provenance import How, how_text, team_how
from game.session.session import Session
from game.session.store import SessionInfo

Renderer = Callable[[Session, "ReportContext", Path], dict[str, Path]]

LABELS = {
    "fi": {
        "title": "Suunta 2040 — purkuraportti",
        "scores": "Pisteet",
        "shared": "Yhteinen pistemäärä",
        "vision": "Vision saavutus",
        "equity": "Alueellinen tasa-arvo",
        "dividend": "Yhteistyöosinko",
        "twin": "ilman yhteistyötä",
        "teams": "Tiimit",
        "mandate": "Mandaatin toteutuminen",
        "indicators": "Indikaattorit {year}",
        "decisions": "Päätösloki",
        "events": "Tapahtumat",
        "packages": "Toimenpidekokonaisuudet",
        "compare": "Vertailu: haara ja alkuperäinen",
        "branch": "Haara",
        "original": "Alkuperäinen",
        "turn": "Vuoro",
        "year": "Vuosi",
        "seed": "siemenluku",
        "team": "Tiimi",
        "plays": "Pelaa",
        "who": "Kuka",
        "what": "Mitä",
        "item": "Kohde",
        "value": "Arvo",
        "target": "Tavoite",
        "region_type": "Aluetyyppi",
        "indicator": "Indikaattori",
        "by.people": "ihmiset",
        "by.bot": "botti",
        "by.plan": "suunnitelma",
        "by.facilitator": "fasilitaattori",
        "by.undecided": "ei päätetty",
        "note": "Huomio",
        "kind.allocation": "Panostus teemaan",
        "kind.pledge": "Lupaus toimenpidekokonaisuuteen",
        "kind.vote": "Ääni dilemmassa",
        "kind.shared-vision": "Yhteinen tahtotila",
        "kind.inject": "Tapahtuma lisätty",
        "kind.cancel": "Tapahtuma peruttu",
        "kind.undo": "Ratkaisu kumottu",
        "kind.redo": "Kumottu ratkaisu palautettu",
        "kind.end": "Peli päätetty",
        "signs.yes": "allekirjoittaa",
        "signs.no": "ei allekirjoita",
        "reached": "tavoite saavutettu",
        "short": "tavoitteesta jäädään",
        "files": "Tiedostot",
        "files_text": "{people} ovat taulukkolaskentaan (nimet, luvut suomalaisittain, "
        "puolipiste erottimena). {machine} ovat ohjelmille: tunnisteet, desimaalipiste, "
        "pilkku erottimena.",
    },
    "en": {
        "title": "Suunta 2040 — debrief report",
        "scores": "Scores",
        "shared": "Shared score",
        "vision": "Vision attainment",
        "equity": "Equity between region types",
        "dividend": "Cooperation dividend",
        "twin": "without cooperation",
        "teams": "Teams",
        "mandate": "Mandate score",
        "indicators": "Indicators in {year}",
        "decisions": "Decision log",
        "events": "Events",
        "packages": "Action packages",
        "compare": "Comparison: branch and original",
        "branch": "Branch",
        "original": "Original",
        "turn": "Turn",
        "year": "Year",
        "seed": "seed",
        "team": "Team",
        "plays": "Played by",
        "who": "Who",
        "what": "What",
        "item": "On",
        "value": "Value",
        "target": "Target",
        "region_type": "Region type",
        "indicator": "Indicator",
        "by.people": "people",
        "by.bot": "bot",
        "by.plan": "room plan",
        "by.facilitator": "facilitator",
        "by.undecided": "not decided",
        "note": "Note",
        "kind.allocation": "Effort on a theme",
        "kind.pledge": "Pledge to a package",
        "kind.vote": "Vote on a dilemma",
        "kind.shared-vision": "Shared will",
        "kind.inject": "Event added",
        "kind.cancel": "Event cancelled",
        "kind.undo": "Resolution undone",
        "kind.redo": "Undone resolution redone",
        "kind.end": "Game ended",
        "signs.yes": "signs",
        "signs.no": "does not sign",
        "reached": "target reached",
        "short": "short of the target",
        "files": "Files",
        "files_text": "{people} are for spreadsheets (names, numbers as English writes "
        "them). {machine} are for programs: ids, dot decimals, comma-separated.",
    },
    "sv": {
        "title": "Suunta 2040 — rapport",
        "scores": "Poäng",
        "shared": "Gemensam poäng",
        "vision": "Visionens förverkligande",
        "equity": "Jämlikhet mellan regiontyper",
        "dividend": "Samarbetsdividend",
        "twin": "utan samarbete",
        "teams": "Lag",
        "mandate": "Mandatets förverkligande",
        "indicators": "Indikatorer {year}",
        "decisions": "Beslutslogg",
        "events": "Händelser",
        "packages": "Åtgärdshelheter",
        "compare": "Jämförelse: gren och original",
        "branch": "Gren",
        "original": "Original",
        "turn": "Omgång",
        "year": "År",
        "seed": "frö",
        "team": "Lag",
        "plays": "Spelas av",
        "who": "Vem",
        "what": "Vad",
        "item": "Gäller",
        "value": "Värde",
        "target": "Mål",
        "region_type": "Regiontyp",
        "indicator": "Indikator",
        "by.people": "människor",
        "by.bot": "bot",
        "by.plan": "rumsplan",
        "by.facilitator": "facilitator",
        "by.undecided": "inte beslutat",
        "note": "Anmärkning",
        "kind.allocation": "Insats i ett tema",
        "kind.pledge": "Löfte till en åtgärdshelhet",
        "kind.vote": "Röst i ett dilemma",
        "kind.shared-vision": "Gemensam vilja",
        "kind.inject": "Händelse tillagd",
        "kind.cancel": "Händelse struken",
        "kind.undo": "Avgörandet ångrat",
        "kind.redo": "Ångrat avgörande återställt",
        "kind.end": "Spelet avslutat",
        "signs.yes": "skriver under",
        "signs.no": "skriver inte under",
        "reached": "målet nått",
        "short": "målet inte nått",
        "files": "Filer",
        "files_text": "{people} är för kalkylprogram (namn, tal på svenskt sätt, "
        "semikolon som avgränsare). {machine} är för program: id:n, decimalpunkt, "
        "komma som avgränsare.",
    },
}


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
        """The report's words in this language."""
        return LABELS.get(self.lang, LABELS["en"])

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

    for t, dec in enumerate(s.game.decision_history):
        fired = s.game.results[t].fired[0]
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
    for t, x in enumerate(ctx.session.game.history):
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


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode()
    cap = html.escape(alt)
    return (
        f'<figure><img alt="{cap}" src="data:image/png;base64,{data}">'
        f"<figcaption>{cap}</figcaption></figure>"
    )


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
    """The self-contained report page (inline images and styles, no network)."""
    s, m, L, n = ctx.session, ctx.session.model, ctx.labels, ctx.numbers
    sc = s.game.scores()
    esc = html.escape
    title = text(ctx.scenario.meta.title, ctx.lang)
    today = n.date(datetime.now().astimezone())
    parts = [
        f"<h1>{esc(L['title'])}</h1>",
        f"<p class=meta>{esc(title)} · {esc(ctx.info.id)} · {L['seed']} {ctx.info.seed} · "
        f"{esc(today)}</p>",
        f"<h2>{L['scores']}</h2><table class=scores>",
        f"<tr><th>{L['shared']}</th><td>{n.num(sc.shared[0])}</td>"
        f"<td class=muted>{L['twin']}: {n.num(sc.shared[1])}</td></tr>",
        f"<tr><th>{L['vision']}</th><td>{n.pct_points(sc.vision[0])}</td><td></td></tr>",
        f"<tr><th>{L['equity']}</th><td>{n.num(sc.equity[0])}</td><td></td></tr>",
        f"<tr><th>{L['dividend']}</th><td>{n.signed(s.game.dividend())}</td><td></td></tr>",
        "</table>",
    ]
    parts.append(
        f"<h2>{L['teams']}</h2><table><tr><th>{L['team']}</th><th>{L['plays']}</th>"
        f"<th>{L['mandate']}</th></tr>"
    )
    for j, team in enumerate(m.team_ids):
        who = team_player(s, j)
        parts.append(
            f"<tr><th>{esc(ctx.name('teams', team))}</th>"
            f"<td class={who}>{MARKS[who]} {esc(L['by.' + who])}</td>"
            f"<td>{n.num(sc.mandates[0, j])}</td></tr>"
        )
    parts.append("</table>")
    for name, path in charts.items():
        parts.append(_img(path, name))
    from game.session.stress_report import stress_section  # issue 18: the four futures

    parts.append(stress_section(ctx))
    x = s.game.history[-1]
    parts.append(
        f"<h2>{esc(L['indicators'].format(year=m.end_year))}</h2>"
        f"<table class=wide><tr><th>{L['indicator']}</th>"
    )
    parts += [f"<th>{esc(ctx.name('region_types', r))}</th>" for r in m.region_ids]
    parts.append("</tr>")
    for ki, k in enumerate(m.indicator_ids):
        cells = []
        for ri in range(len(m.region_ids)):
            ok = "ok" if x[ri, ki] >= m.target[ri, ki] else "short"
            cells.append(
                f"<td class={ok}>{n.num(x[ri, ki])} <span class=muted>/ "
                f"{n.num(m.target[ri, ki], 0)}</span> "
                f'<span title="{esc(L["reached" if ok == "ok" else "short"])}">{MARKS[ok]}</span>'
                "</td>"
            )
        parts.append(f"<tr><th>{esc(ctx.name('indicators', k))}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    parts.append(f"<h2>{L['events']}</h2><ul>")
    for t, res in enumerate(s.game.results):
        for ei in np.flatnonzero(res.fired[0]):
            ev = m.events[ei]
            chosen = ""
            if ev.is_dilemma and res.chosen[0, ei] >= 0:
                chosen = f" → {esc(ctx.option(ev.id, ev.options[res.chosen[0, ei]]))}"
            parts.append(f"<li>{m.year_of(t)}: {esc(ctx.name('events', ev.id))}{chosen}</li>")
    parts.append("</ul>")
    parts.append(f"<h2>{L['packages']}</h2><ul>")
    for pi, pkg in enumerate(m.package_ids):
        turns = [m.year_of(t) for t, r in enumerate(s.game.results) if r.funded[0, pi]]
        if turns:
            parts.append(f"<li>{esc(ctx.name('packages', pkg))}: {', '.join(map(str, turns))}</li>")
    parts.append("</ul>")
    if compare is not None:
        cs = compare.game.scores()
        parts.append(
            f"<h2>{L['compare']}</h2><table><tr><th></th><th>{L['branch']}</th><th>{L['original']}</th></tr>"
        )
        for key in ("shared", "vision", "equity"):
            parts.append(
                f"<tr><th>{L[key]}</th><td>{n.num(getattr(sc, key)[0])}</td>"
                f"<td>{n.num(getattr(cs, key)[0])}</td></tr>"
            )
        parts.append(
            f"<tr><th>{L['dividend']}</th><td>{n.signed(s.game.dividend())}</td>"
            f"<td>{n.signed(compare.game.dividend())}</td></tr></table>"
        )
    parts.append(
        f"<h2>{L['decisions']}</h2><table class=log><tr>"
        + "".join(f"<th>{esc(L[f])}</th>" for f in PEOPLE_DECISION_FIELDS)
        + "</tr>"
    )
    for r in decision_rows(ctx):
        if r["kind"] == "allocation" and r["value"] == 0:
            continue
        cells = readable_row(ctx, r)
        parts.append(
            "<tr>" + "".join(f"<td>{esc(cells[f])}</td>" for f in PEOPLE_DECISION_FIELDS) + "</tr>"
        )
    parts.append("</table>")
    people = " ".join(f"<code>{p}</code>" for p in people_csv_names(ctx.lang))
    machine = "<code>indicators.csv</code> <code>decisions.csv</code>"
    parts.append(
        f"<h2>{L['files']}</h2><p class=muted>"
        + L["files_text"].format(people=people, machine=machine)
        + "</p>"
    )
    return f"""<!doctype html>
<html lang="{ctx.lang}"><head><meta charset="utf-8">
<title>{esc(L["title"])} — {esc(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b;
       line-height: 1.4; }}
h1 {{ margin-bottom: .2rem; }} h2 {{ border-bottom: 2px solid #0072B2; padding-bottom: .2rem;
       margin-top: 2rem; }}
table {{ border-collapse: collapse; margin: .5rem 0; }}
th, td {{ padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }}
.muted, .meta {{ color: #666; }} .ok {{ color: #006d4e; }} .short {{ color: #a0430a; }}
table.log, table.wide {{ font-size: .85rem; }} svg.mark {{ vertical-align: -1px; }}
table.log {{ width: 100%; }}
td.people {{ color: #0072B2; }} td.plan {{ color: #7a4fa0; }} td.bot {{ color: #555; }}
figure {{ margin: 1rem 0; }} img {{ max-width: 100%; border: 1px solid #ddd; }}
figcaption {{ color: #555; font-size: .9rem; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }}
  figure, table {{ break-inside: avoid; }} }}
</style></head><body>
{chr(10).join(parts)}
</body></html>
"""
