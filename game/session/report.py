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
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from game.scenario.text import text
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
        "indicators": "Indikaattorit 2040",
        "decisions": "Päätösloki",
        "events": "Tapahtumat",
        "packages": "Toimenpidekokonaisuudet",
        "compare": "Vertailu: haara ja alkuperäinen",
        "branch": "Haara",
        "original": "Alkuperäinen",
        "turn": "Vuoro",
        "year": "Vuosi",
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
        "indicators": "Indicators in 2040",
        "decisions": "Decision log",
        "events": "Events",
        "packages": "Action packages",
        "compare": "Comparison: branch and original",
        "branch": "Branch",
        "original": "Original",
        "turn": "Turn",
        "year": "Year",
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
        "indicators": "Indikatorer 2040",
        "decisions": "Beslutslogg",
        "events": "Händelser",
        "packages": "Åtgärdshelheter",
        "compare": "Jämförelse: gren och original",
        "branch": "Gren",
        "original": "Original",
        "turn": "Omgång",
        "year": "År",
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


def decision_rows(ctx: ReportContext) -> list[dict]:
    """Every allocation, pledge and vote of every turn, each team's signature of the shared
    vision (first turn), and every facilitator action.
    """
    s, m = ctx.session, ctx.session.model
    rows = []

    def add(t: int, team: str, by: str, kind: str, item: str, value) -> None:
        rows.append(
            {"turn": t + 1, "year": m.year_of(t), "team": team, "by": by, "kind": kind,
             "item": item, "value": value}
        )  # fmt: skip

    for t, dec in enumerate(s.game.decision_history):
        for j, team in enumerate(m.team_ids):
            by = "people" if j in s.human else "bot"
            for ti, theme in enumerate(m.theme_ids):
                add(t, team, by, "allocation", theme, round(float(dec.shares[0, j, ti]), 6))
            for pi, pkg in enumerate(m.package_ids):
                if dec.pledges[0, j, pi] > 0:
                    add(t, team, by, "pledge", pkg, round(float(dec.pledges[0, j, pi]), 6))
            for ei, ev in enumerate(m.events):
                o = int(dec.votes[0, j, ei])
                if ev.is_dilemma and o >= 0 and s.game.results[t].fired[0, ei]:
                    add(t, team, by, "vote", ev.id, ev.options[o])
            if t == 0 and dec.endorse is not None:
                add(t, team, by, "shared-vision", "signs", "yes" if dec.endorse[0, j] else "no")
    for entry in s.log:
        if entry["type"] in ("inject", "cancel", "undo", "end"):
            add(entry["turn"], "", "facilitator", entry["type"], entry.get("event", ""), "")
    return rows


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


def _write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def write_report(
    session: Session,
    info: SessionInfo,
    scenario,
    out: Path,
    lang: str = "fi",
    render: Renderer | None = None,
    compare: Session | None = None,
) -> list[Path]:
    """Write report.html, the PNG charts, indicators.csv and decisions.csv into `out`.

    Args:
        session: the (replayed) session.
        info: its session.json.
        scenario: its typed scenario file, for names.
        out: the folder (created if needed).
        lang: fi, en or sv.
        render: draws the charts as PNG files into `out`; returns name -> path.
        compare: the session this one branched from, to compare with.
    """
    out.mkdir(parents=True, exist_ok=True)
    ctx = ReportContext(session, info, scenario, lang)
    written = []
    p = out / "indicators.csv"
    _write_csv(
        p, indicator_rows(ctx), ["turn", "year", "region_type", "indicator", "value", "target"]
    )
    written.append(p)
    p = out / "decisions.csv"
    _write_csv(p, decision_rows(ctx), ["turn", "year", "team", "by", "kind", "item", "value"])
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


def render_html(ctx: ReportContext, charts: dict[str, Path], compare: Session | None) -> str:
    """The self-contained report page (inline images and styles, no network)."""
    s, m, L = ctx.session, ctx.session.model, LABELS.get(ctx.lang, LABELS["en"])
    sc = s.game.scores()
    esc = html.escape
    title = text(ctx.scenario.meta.title, ctx.lang)
    parts = [
        f"<h1>{esc(L['title'])}</h1>",
        f"<p class=meta>{esc(title)} · {esc(ctx.info.id)} · seed {ctx.info.seed} · "
        f"{datetime.now(UTC).date().isoformat()}</p>",
        f"<h2>{L['scores']}</h2><table class=scores>",
        f"<tr><th>{L['shared']}</th><td>{sc.shared[0]:.1f}</td>"
        f"<td class=muted>{L['twin']}: {sc.shared[1]:.1f}</td></tr>",
        f"<tr><th>{L['vision']}</th><td>{sc.vision[0]:.1f} %</td><td></td></tr>",
        f"<tr><th>{L['equity']}</th><td>{sc.equity[0]:.1f}</td><td></td></tr>",
        f"<tr><th>{L['dividend']}</th><td>{s.game.dividend():+.1f}</td><td></td></tr>",
        "</table>",
    ]
    parts.append(f"<h2>{L['teams']}</h2><table><tr><th></th><th>{L['mandate']}</th></tr>")
    for j, team in enumerate(m.team_ids):
        who = "👥" if j in s.human else "🤖"
        parts.append(
            f"<tr><th>{who} {esc(ctx.name('teams', team))}</th>"
            f"<td>{sc.mandates[0, j]:.1f}</td></tr>"
        )
    parts.append("</table>")
    for name, path in charts.items():
        parts.append(_img(path, name))
    x = s.game.history[-1]
    parts.append(f"<h2>{L['indicators']}</h2><table><tr><th></th>")
    parts += [f"<th>{esc(ctx.name('region_types', r))}</th>" for r in m.region_ids]
    parts.append("</tr>")
    for ki, k in enumerate(m.indicator_ids):
        cells = []
        for ri in range(len(m.region_ids)):
            ok = x[ri, ki] >= m.target[ri, ki]
            mark = "✔" if ok else "✘"
            cells.append(
                f"<td class={'ok' if ok else 'short'}>{x[ri, ki]:.1f} "
                f"<span class=muted>/ {m.target[ri, ki]:.0f} {mark}</span></td>"
            )
        parts.append(f"<tr><th>{esc(ctx.name('indicators', k))}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    parts.append(f"<h2>{L['events']}</h2><ul>")
    for t, res in enumerate(s.game.results):
        for ei in np.flatnonzero(res.fired[0]):
            ev = m.events[ei]
            chosen = ""
            if ev.is_dilemma and res.chosen[0, ei] >= 0:
                chosen = f" → {esc(ev.options[res.chosen[0, ei]])}"
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
                f"<tr><th>{L[key]}</th><td>{getattr(sc, key)[0]:.1f}</td>"
                f"<td>{getattr(cs, key)[0]:.1f}</td></tr>"
            )
        parts.append(
            f"<tr><th>{L['dividend']}</th><td>{s.game.dividend():+.1f}</td>"
            f"<td>{compare.game.dividend():+.1f}</td></tr></table>"
        )
    rows = decision_rows(ctx)
    parts.append(
        f"<h2>{L['decisions']}</h2><table class=log><tr><th>{L['turn']}</th>"
        "<th></th><th></th><th></th><th></th></tr>"
    )
    for r in rows:
        if r["kind"] == "allocation" and r["value"] == 0:
            continue
        value = f"{r['value']:.0%}" if r["kind"] == "allocation" else r["value"]
        if r["kind"] == "pledge":
            value = f"{r['value']:.1f}"
        parts.append(
            f"<tr><td>{r['turn']}</td><td>{esc(str(r['team']))}</td>"
            f"<td>{esc(r['kind'])}</td><td>{esc(str(r['item']))}</td>"
            f"<td>{esc(str(value))}</td></tr>"
        )
    parts.append("</table>")
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
table.log {{ font-size: .85rem; }}
figure {{ margin: 1rem 0; }} img {{ max-width: 100%; border: 1px solid #ddd; }}
figcaption {{ color: #555; font-size: .9rem; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }}
  figure, table {{ break-inside: avoid; }} }}
</style></head><body>
{chr(10).join(parts)}
</body></html>
"""
