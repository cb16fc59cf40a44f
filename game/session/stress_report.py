"""The report's stress-test section (issue 18): an HTML fragment for
`game.session.report.render_html`, in the report's language.

The chart itself (the debrief's futures page, on paper) is drawn by
`game.ui.report_charts`; this section adds the figures behind it as tables: the shared
score's band in each future with the worst and best named, the vision attained by region
type in each future, and the decisions found robust and fragile.
"""

from __future__ import annotations

import html

from game.i18n import translator
from game.scenario.text import text
from game.session.stress import session_stress


def future_title(f, lang: str) -> str:
    """A future's title without the year every future shares."""
    name = text(f.title, lang) or f.id
    return name[:-5] if name.endswith(" 2040") else name


def decision_text(ctx, tr, d) -> str:
    """A decision in words, named from the scenario (as the debrief names it)."""
    v = d.variant
    if v.kind == "theme":
        return tr("stress.theme", name=ctx.name("themes", v.id))
    if v.kind == "package":
        return tr("stress.package", name=ctx.name("packages", v.id))
    return tr("stress.vote", name=ctx.name("events", v.id), option=ctx.option(v.id, v.option))


def vision_section(ctx) -> str:
    """The room's vision, when it formed one: both scores (against the room's vision and
    against the scenario's), the agreement, and the weights side by side.
    """
    tr, n, esc = translator(ctx.lang), ctx.numbers, html.escape
    g, m = ctx.session.game, ctx.session.model
    room = g.workshop.vision(m)
    if room is None:
        return ""
    own, scen = g.scores(), g.scenario_scores()
    parts = [
        f"<h2>{esc(tr('rep.vision_title'))}</h2>",
        f"<p>{esc(tr('rep.vision_text', pct=tr.pct(room.agreement)))}</p>",
        f"<table><tr><th></th><th>{esc(tr('rep.vision_room'))}</th>"
        f"<th>{esc(tr('rep.vision_scenario'))}</th></tr>",
    ]
    for key in ("shared", "vision", "equity"):
        parts.append(
            f"<tr><th>{esc(tr('score.' + key))}</th><td>{n.num(getattr(own, key)[0])}</td>"
            f"<td>{n.num(getattr(scen, key)[0])}</td></tr>"
        )
    parts.append(
        f"</table><table><tr><th>{esc(tr('form.head'))}</th><th>{esc(tr('rep.vision_room'))}"
        f"</th><th>{esc(tr('rep.vision_scenario'))}</th><th>{esc(tr('rep.vision_spread'))}</th>"
        "</tr>"
    )
    for k, ind in enumerate(m.indicator_ids):
        parts.append(
            f"<tr><th>{esc(ctx.name('indicators', ind))}</th><td>{tr.pct(room.weights[k])}</td>"
            f"<td>{tr.pct(m.vision_weights[k])}</td><td>{tr.pct(room.spread[k])}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def stress_section(ctx) -> str:
    """The room's vision (`vision_section`) and the stress test as HTML: the section's
    heading, what was replayed, and tables.
    """
    tr, n, esc = translator(ctx.lang), ctx.numbers, html.escape
    res = session_stress(ctx.session, ctx.info.scenario_id)
    parts = [vision_section(ctx) + f"<h2>{esc(tr('rep.stress_title'))}</h2>"]
    if res is None:
        return parts[0] + f"<p>{esc(tr('stress.no_turn'))}</p>"
    if res.note:
        return parts[0] + f"<p>{esc(tr('stress.none', base=res.base))}</p>"
    parts.append(
        f"<p class=muted>{esc(tr('rep.stress_sub'))}. "
        f"{esc(tr('stress.band_note', runs=res.runs))}.</p>"
    )
    parts.append(
        f"<table><tr><th></th><th>{esc(tr('stress.bands'))}</th><th>5 %</th><th>95 %</th></tr>"
    )
    for f in res.futures:
        tag = ""
        if f.id in (res.worst, res.best):
            cls = "short" if f.id == res.worst else "ok"
            tag = f" <span class={cls}>({esc(tr('stress.worst' if cls == 'short' else 'stress.best'))})</span>"  # noqa: E501
        s = f.shared
        parts.append(
            f"<tr><th>{esc(future_title(f, ctx.lang))}{tag}</th><td>{n.num(s.mean())}</td>"
            f"<td>{n.num(_pct(s, 5))}</td><td>{n.num(_pct(s, 95))}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<h3>{esc(tr('stress.grid'))}</h3><table class=wide><tr><th></th>")
    parts += [f"<th>{esc(future_title(f, ctx.lang))}</th>" for f in res.futures]
    parts.append("</tr>")
    for r in res.region_ids:
        cells = []
        for f in res.futures:
            v = f.region_vision.get(r)
            cells.append(
                "<td>—</td>"
                if v is None
                else f"<td>{n.num(v.mean(), 0)} % <span class=muted>"
                f"({n.num(_pct(v, 5), 0)}–{n.num(_pct(v, 95), 0)})</span></td>"
            )
        parts.append(f"<tr><th>{esc(ctx.name('region_types', r))}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    if res.decisions:
        parts.append(f"<h3>{esc(tr('stress.decisions'))}</h3><table class=wide><tr><th></th>")
        parts += [f"<th>{esc(future_title(f, ctx.lang))}</th>" for f in res.futures]
        parts.append("<th></th></tr>")
        for d in res.decisions:
            cls = {"robust": "ok", "fragile": "short", "costly": "short"}.get(d.verdict, "muted")
            cells = "".join(f"<td>{n.signed(d.worth[f.id])}</td>" for f in res.futures)
            parts.append(
                f"<tr><th>{esc(decision_text(ctx, tr, d))}</th>{cells}"
                f"<td class={cls}>{esc(tr('stress.' + d.verdict))}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)


def _pct(v, q: float) -> float:
    import numpy as np

    return float(np.percentile(v, q))
