"""Sentences about the game state, from the interface catalogue and the scenario texts."""

from __future__ import annotations

from game.ui.charts import signed
from game.ui.readmodel import EffectLine, PackageStatus


def effect_text(app, fx: EffectLine) -> str:
    """One effect as a short phrase: 'Employment −3.0 · Rural'."""
    lab, tr = app.labels, app.tr
    where = ", ".join(lab.region(r) for r in fx.regions) if fx.regions else tr("fx.everywhere")
    if fx.kind == "indicator":
        return f"{lab.indicator(fx.target)} {signed(fx.delta, 1, tr)} · {where}"
    if fx.kind == "boost":
        return tr("fx.boost", theme=lab.theme(fx.target), factor=tr.num(fx.delta, 1), where=where)
    if fx.kind == "budget":
        return tr("fx.budget", delta=signed(fx.delta, 1, tr))
    if fx.kind == "trust":
        return tr("fx.trust", delta=signed(fx.delta, 2, tr))
    return tr("fx.driver", driver=lab.driver(fx.target), pct=tr.pct(fx.delta))


def kind_word(app, kind: str) -> str:
    """Ministry / region / partner as a translated word."""
    return app.tr(f"kind.{kind}")


def requirement_text(app, st: PackageStatus) -> str:
    """What a package needs: kinds of co-funders and how many teams."""
    tr = app.tr
    m = app.model
    from game.sim.model import KINDS

    kinds = [kind_word(app, KINDS[k]) for k in range(len(KINDS)) if m.pkg_kinds[st.index, k]]
    parts = []
    if kinds:
        parts.append(tr("pkg.needs_kinds", kinds=", ".join(kinds)))
    if st.teams_needed > 1:
        parts.append(tr("pkg.needs_teams", n=st.teams_needed))
    return " · ".join(parts) if parts else tr("pkg.needs_nothing")


def package_state(app, st: PackageStatus) -> tuple[str, str]:
    """(status text, tone) of a package: tone is good, bad, warn or muted."""
    tr = app.tr
    if st.done:
        return tr("pkg.done"), "muted"
    if st.funded and st.running:
        return tr("pkg.continues", n=st.turns_left), "good"
    if st.funded:
        return tr("pkg.will_start"), "good"
    if st.running:
        return tr("pkg.will_lapse"), "bad"
    if st.total <= 1e-9:
        return tr("pkg.no_pledges"), "muted"
    if st.short > 1e-9:
        return tr("pkg.short", points=tr.num(st.short)), "warn"
    if st.missing_kinds:
        return tr(
            "pkg.missing_kinds", kinds=", ".join(kind_word(app, k) for k in st.missing_kinds)
        ), "warn"
    if st.teams_pledging < st.teams_needed:
        return tr("pkg.missing_teams", n=st.teams_needed - st.teams_pledging), "warn"
    return tr("pkg.not_funded"), "warn"


def tone_color(app, tone: str):
    """The palette colour of a tone."""
    p = app.pal
    return {"good": p.good, "bad": p.bad, "warn": p.warn}.get(tone, p.muted)


def points(v: float, tr=None) -> str:
    """Effort points, one decimal, in the language of `tr` (a Translator)."""
    return tr.num(v) if tr is not None else f"{v:.1f}"
