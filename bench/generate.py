"""Generate a municipality-scale scenario from real structure (issue 7, item 3).

    .venv/bin/python bench/generate.py OUT.yaml                 # about 350 actors, 10,000+ edges
    .venv/bin/python bench/generate.py OUT.yaml --actors 200    # a scale point of the benchmark
    .venv/bin/python bench/generate.py OUT.yaml --limit packages   # at a documented limit
    .venv/bin/python bench/generate.py OUT.yaml --limit all        # every limit at once
    .venv/bin/python bench/generate.py OUT.yaml --actors 1500 --edges 20000 --events 500
    .venv/bin/suunta validate OUT.yaml

The scenario is the default one (scenarios/finland-2040.yaml: region types, indicators,
themes, drivers, events, packages, elections, vision, teams) with the actors grown to
municipality level:

- all 19 regions (maakunnat) with their approximate populations (docs/design.md, sources), each with
  its regional council as an actor (the default scenario has 8 of them);
- about 300 municipalities (the real count per region, 309 in 2021, APPROXIMATE) played
  by bots. Each region's centre has its real name (Helsinki, Tampere, Oulu, …); the others
  are named like `kunta-uusimaa-007`. A municipality's region type follows its region:
  the capital region, university cities, regional centres, rural areas near the centre,
  rural heartland, and the eastern border municipalities of Kymenlaakso, Etelä-Karjala,
  Etelä-Savo, Pohjois-Karjala and Kainuu. Population is split within a region in a
  Zipf-like way, centre first; budget grows with population;
- a network of 10,000+ trust edges: each municipality with its regional council, the
  Association of Finnish Municipalities and the ELY centres; all municipalities of a
  region with each other; municipalities with a few in each neighbouring region and a
  few weak ties anywhere; region centres with each other and with the ministries;
  councils with the ministries.

With `--edges`, `--events`, `--packages`, `--turns` or `--glossary` (or `--limit`), the
scenario is grown or trimmed to those sizes and written compactly (short municipality ids
such as `pir-0042`, one actor and one edge per line), so that it fits the 2 MB a scenario
file may have: a given number of edges is met by keeping the structural ties first (the
default network, every municipality with its council, the Association and the ELY centres,
councils and centres with the ministries) and then drawing ties within regions, into
neighbouring regions and anywhere; events, packages and glossary terms are added to the
default ones (news, shocks and dilemmas with small effects in windows of one to three
turns; packages of one or two themes that the teams' kinds can fund); `--turns N` makes
one-year turns ending in the scenario's end year, with the drivers scaled to the shorter
turn; `--played N` puts municipalities into the teams until N actors are played.
`--limit NAME` sets NAME to its documented limit (game.scenario.limits), and `--limit
all` every limit together, with as many edges as the file size allows.

Everything is drawn from a seeded generator, so the same arguments give the same file.
The numbers are design assumptions at the scale of the default scenario, not data.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "scenarios" / "finland-2040.yaml"

# id, Finnish name, population (thousands, docs/design.md), municipalities (2021, approx.),
# the centre's real name, the centre's region type
REGIONS = [
    ("uusimaa", "Uusimaa", 1720, 26, "Helsinki", "helsinki-metro"),
    ("pirkanmaa", "Pirkanmaa", 528, 23, "Tampere", "university-cities"),
    ("varsinais-suomi", "Varsinais-Suomi", 485, 27, "Turku", "university-cities"),
    ("pohjois-pohjanmaa", "Pohjois-Pohjanmaa", 416, 30, "Oulu", "university-cities"),
    ("keski-suomi", "Keski-Suomi", 274, 22, "Jyväskylä", "university-cities"),
    ("pohjois-savo", "Pohjois-Savo", 250, 19, "Kuopio", "university-cities"),
    ("satakunta", "Satakunta", 215, 16, "Pori", "regional-centres"),
    ("paijat-hame", "Päijät-Häme", 206, 10, "Lahti", "regional-centres"),
    ("etela-pohjanmaa", "Etelä-Pohjanmaa", 193, 18, "Seinäjoki", "regional-centres"),
    ("lappi", "Lappi", 177, 21, "Rovaniemi", "regional-centres"),
    ("pohjanmaa", "Pohjanmaa", 176, 14, "Vaasa", "regional-centres"),
    ("kanta-hame", "Kanta-Häme", 171, 11, "Hämeenlinna", "regional-centres"),
    ("pohjois-karjala", "Pohjois-Karjala", 164, 13, "Joensuu", "university-cities"),
    ("kymenlaakso", "Kymenlaakso", 162, 6, "Kouvola", "regional-centres"),
    ("etela-savo", "Etelä-Savo", 132, 12, "Mikkeli", "regional-centres"),
    ("etela-karjala", "Etelä-Karjala", 127, 9, "Lappeenranta", "regional-centres"),
    ("kainuu", "Kainuu", 72, 8, "Kajaani", "regional-centres"),
    ("keski-pohjanmaa", "Keski-Pohjanmaa", 68, 8, "Kokkola", "regional-centres"),
    ("ahvenanmaa", "Ahvenanmaa", 30, 16, "Maarianhamina", "regional-centres"),
]
# short region codes for the compact ids of a large scenario (pir-0042)
ABBR = {
    "uusimaa": "uus", "pirkanmaa": "pir", "varsinais-suomi": "vsu", "pohjois-pohjanmaa": "ppo",
    "keski-suomi": "ksu", "pohjois-savo": "psa", "satakunta": "sat", "paijat-hame": "pht",
    "etela-pohjanmaa": "epo", "lappi": "lap", "pohjanmaa": "poh", "kanta-hame": "kht",
    "pohjois-karjala": "pka", "kymenlaakso": "kym", "etela-savo": "esa", "etela-karjala": "eka",
    "kainuu": "kai", "keski-pohjanmaa": "kpo", "ahvenanmaa": "ahv",
}  # fmt: skip
EASTERN = {"kymenlaakso", "etela-karjala", "etela-savo", "pohjois-karjala", "kainuu"}
CAPITAL = ["Espoo", "Vantaa", "Kauniainen"]  # with Helsinki, the capital region proper
NEIGHBOURS = {
    "uusimaa": ["varsinais-suomi", "kanta-hame", "paijat-hame", "kymenlaakso"],
    "varsinais-suomi": ["satakunta", "kanta-hame", "pirkanmaa", "ahvenanmaa"],
    "satakunta": ["pirkanmaa", "etela-pohjanmaa", "pohjanmaa"],
    "kanta-hame": ["pirkanmaa", "paijat-hame"],
    "pirkanmaa": ["paijat-hame", "keski-suomi", "etela-pohjanmaa"],
    "paijat-hame": ["kymenlaakso", "etela-savo", "keski-suomi"],
    "kymenlaakso": ["etela-karjala", "etela-savo"],
    "etela-karjala": ["etela-savo"],
    "etela-savo": ["pohjois-savo", "pohjois-karjala", "keski-suomi"],
    "pohjois-savo": ["pohjois-karjala", "kainuu", "keski-suomi", "pohjois-pohjanmaa"],
    "pohjois-karjala": ["kainuu"],
    "keski-suomi": ["etela-pohjanmaa", "keski-pohjanmaa", "pohjois-pohjanmaa"],
    "etela-pohjanmaa": ["pohjanmaa", "keski-pohjanmaa"],
    "pohjanmaa": ["keski-pohjanmaa"],
    "keski-pohjanmaa": ["pohjois-pohjanmaa"],
    "pohjois-pohjanmaa": ["kainuu", "lappi"],
    "kainuu": ["lappi"],
    "lappi": [],
    "ahvenanmaa": [],
}
UNIVERSITY_CITIES = {"pirkanmaa", "varsinais-suomi", "pohjois-pohjanmaa", "keski-suomi"}
UNIVERSITY_CITIES |= {"pohjois-savo", "pohjois-karjala", "uusimaa", "etela-karjala"}
MINISTRIES = ["tem", "okm", "stm", "lvm", "ym", "mmm", "vm", "sm"]
NEIGHBOUR_LINKS = 8  # links of a municipality into each neighbouring region
WEAK_TIES = 3  # and anywhere
MIN_ACTORS = 55  # the default scenario's 25 actors, 11 more councils, a town per region
MUNICIPAL_POINTS = 60.0  # budget points of all municipalities together, by population
MIN_MUNICIPAL = 0.2  # and a floor each


def slug(text: str) -> str:
    """An id from a Finnish name."""
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return "".join(c if c.isalnum() else "-" for c in text.translate(table).lower()).strip("-")


def municipality_counts(total: int | None) -> list[int]:
    """Municipalities per region: the real counts, or `total` split in proportion."""
    real = [r[3] for r in REGIONS]
    if total is None:
        return real
    total = max(total, len(REGIONS))
    share = np.array(real, dtype=float) / sum(real) * total
    counts = np.maximum(np.floor(share).astype(int), 1)
    while counts.sum() < total:  # largest remainders first
        counts[int(np.argmax(share - counts))] += 1
    while counts.sum() > total:
        counts[int(np.argmax(counts))] -= 1
    return counts.tolist()


def region_type(region: str, rank: int, count: int, centre_type: str) -> str:
    """Plausible region type of the rank-th municipality of a region (0: the centre)."""
    if region == "uusimaa":
        return "helsinki-metro" if rank < max(4, count // 2) else "rural-near-cities"
    if rank == 0:
        return centre_type
    if rank == 1 and count > 6:
        return "regional-centres"  # a regional town
    near = rank <= 1 + max(1, count // 4)
    if region in EASTERN:
        if near:
            return "rural-near-cities" if rank % 2 else "regional-centres"
        return "eastern-border" if rank % 2 else "rural-heartland"
    return "rural-near-cities" if near else "rural-heartland"


def _bot_flag() -> dict:
    """{"bot": True} when the scenario format knows the flag (it silences the validator's
    'in no team' warning for actors meant for bots), else nothing.
    """
    from game.scenario import schema

    return {"bot": True} if "bot" in schema.Actor.model_fields else {}


def build(
    actors: int | None = None,
    seed: int = 2040,
    *,
    edges: int | None = None,
    events: int | None = None,
    packages: int | None = None,
    turns: int | None = None,
    glossary: int | None = None,
    played: int | None = None,
    compact: bool | None = None,
) -> dict:
    """The scenario as a dict ready for YAML; `actors` sets the total number of actors
    (None: the real municipality counts), `edges`, `events`, `packages` and `glossary`
    the length of those lists, `turns` the number of (one-year) turns, `played` the
    actors in teams (municipalities join the teams in turn). `compact` (the
    default when any size but `actors` is given, or more than 1,000 actors) gives the
    municipalities short ids.
    """
    sized = (edges, events, packages, turns, glossary, played)
    if compact is None:
        compact = any(v is not None for v in sized) or (actors or 0) > 1000
    rng = np.random.default_rng(seed)
    bot = _bot_flag()
    doc = yaml.load(BASE.read_text(encoding="utf-8"), Loader=_LOADER)
    if not bot:  # an older scenario format: the base file's own flags must go too
        for a in doc["actors"]:
            a.pop("bot", None)
    themes = [t["id"] for t in doc["themes"]]
    have = {a["id"] for a in doc["actors"]}
    councils = []
    for rid, name, *_ in REGIONS:
        if rid not in have:
            doc["actors"].append(
                {
                    "id": rid,
                    "kind": "region",
                    "name": {"fi": f"{name}n liitto", "en": f"Regional Council of {name}"},
                    "short": {"fi": name, "en": name},
                    "budget": 4,
                    "reach": {},  # set below from its municipalities
                    **bot,
                }
            )
        councils.append(rid)
    base_actors = len(doc["actors"])
    counts = municipality_counts(None if actors is None else actors - base_actors)
    total_pop = sum(r[2] for r in REGIONS)
    munis: list[dict] = []
    by_region: dict[str, list[str]] = {}
    taken = set(have)
    for (rid, name, pop, _, centre, centre_type), n in zip(REGIONS, counts, strict=True):
        weights = 1.0 / np.arange(1, n + 1) ** 1.1  # Zipf-like, the centre first
        weights /= weights.sum()
        names = [centre] + (CAPITAL if rid == "uusimaa" else [])
        ids = []
        reach: dict[str, float] = {}
        for rank in range(n):
            real = names[rank] if rank < len(names) else None
            if compact:
                mid = (
                    slug(real)
                    if real and slug(real) not in taken
                    else f"{ABBR[rid]}-{rank + 1:04d}"
                )
            else:
                mid = slug(real) if real else f"kunta-{rid}-{rank + 1:03d}"
            taken.add(mid)
            rtype = region_type(rid, rank, n, centre_type)
            mpop = pop * weights[rank]
            budget = MIN_MUNICIPAL + MUNICIPAL_POINTS * mpop / total_pop
            comp = np.clip(rng.normal(1.0, 0.15, len(themes)), 0.6, 1.5)
            digits = 1 if compact else 2
            munis.append(
                {
                    "id": mid,
                    "kind": "partner",
                    "name": real
                    or (f"{name} {rank + 1}" if compact else f"{name}: kunta {rank + 1}"),
                    "budget": round(float(budget), 3),
                    "competence": {
                        t: round(float(c), digits)
                        for t, c in zip(themes, comp, strict=True)
                        if not compact or abs(c - 1.0) >= 0.05
                    },
                    "reach": {rtype: 1.0},
                    **bot,
                }
            )
            ids.append(mid)
            reach[rtype] = reach.get(rtype, 0.0) + round(float(mpop), 1)
        by_region[rid] = ids
        for a in doc["actors"]:
            if a["id"] == rid and not a.get("reach"):
                a["reach"] = reach
    doc["actors"].extend(munis)
    if edges is None:
        doc["network"] = network(doc["network"], by_region, councils, rng)
    else:
        doc["network"] = sized_network(doc["network"], by_region, councils, edges, rng)
    if turns is not None:
        one_year_turns(doc, turns)
    if events is not None:
        add_events(doc, events, rng)
    if packages is not None:
        add_packages(doc, packages, rng)
    if glossary is not None:
        add_glossary(doc, glossary)
    if played is not None:
        join_teams(doc, munis, played)
    n_actors = len(doc["actors"])
    if any(v is not None for v in sized):
        doc["meta"]["id"] = f"limits-{n_actors}-{len(doc['network'])}"
        size = (
            f"{n_actors} / {len(doc['network'])} / {len(doc['events'])} / "
            f"{len(doc['packages'])} / {turns or 6}"
        )
        doc["meta"]["title"] = {
            "fi": f"Suunta 2040 – rajoilla (toimijat / suhteet / tapahtumat / paketit / "
            f"vuorot {size})",
            "en": f"Direction 2040 – at the limits (actors / edges / events / packages / "
            f"turns {size})",
        }
    else:
        doc["meta"]["id"] = "municipalities-2040" if actors is None else f"scale-{n_actors}"
        doc["meta"]["title"] = {
            "fi": f"Suunta 2040 – kuntataso ({n_actors} toimijaa)",
            "en": f"Direction 2040 – municipal scale ({n_actors} actors)",
        }
    doc["meta"]["description"] = {
        "fi": "Generoitu suorituskykytesti: oletusskenaario kuntatasolla (bench/generate.py).",
        "en": "A generated performance scenario: the default scenario at municipal scale "
        "(bench/generate.py). Municipal numbers are design assumptions.",
    }
    return doc


def network(
    edges: list[dict], by_region: dict[str, list[str]], councils: list[str], rng
) -> list[dict]:
    """The default network plus the municipal layers described in the module docstring."""
    out: dict[tuple[str, str], float] = {}

    def link(a: str, b: str, lo: float, hi: float) -> None:
        if a != b:
            key = (a, b) if a < b else (b, a)
            out.setdefault(key, round(float(rng.uniform(lo, hi)), 2))

    for e in edges:
        link(e["a"], e["b"], e.get("trust", 0.5), e.get("trust", 0.5))
    centres = {rid: ids[0] for rid, ids in by_region.items()}
    for rid, ids in by_region.items():
        for m in ids:
            link(m, rid, 0.45, 0.75)
            link(m, "kuntaliitto", 0.35, 0.6)
            link(m, "ely-centres", 0.35, 0.6)
        for i, a in enumerate(ids):  # within a region everybody knows everybody
            for b in ids[i + 1 :]:
                link(a, b, 0.3, 0.7)
        for other in NEIGHBOURS[rid]:  # a few links into each neighbouring region
            theirs = by_region[other]
            k = min(len(theirs), NEIGHBOUR_LINKS)
            for a in ids:
                for b in rng.choice(theirs, size=k, replace=False):
                    link(a, str(b), 0.2, 0.5)
    everyone = [m for ids in by_region.values() for m in ids]
    for a in everyone:  # a few weak ties anywhere in Finland
        for b in rng.choice(everyone, size=min(WEAK_TIES, len(everyone)), replace=False):
            link(a, str(b), 0.15, 0.4)
    cs = list(centres.values())
    for i, a in enumerate(cs):
        for b in cs[i + 1 :]:
            link(a, b, 0.3, 0.6)
        for mi in MINISTRIES:
            link(a, mi, 0.3, 0.6)
    for rid in councils:
        for mi in MINISTRIES:
            link(rid, mi, 0.35, 0.6)
        link(rid, "eu-funds", 0.45, 0.7)
        link(rid, centres[rid], 0.55, 0.8)
        if rid in UNIVERSITY_CITIES:
            link(centres[rid], "universities", 0.5, 0.75)
    for a in cs:
        link(a, "business-finland", 0.3, 0.6)
    return [{"a": a, "b": b, "trust": t} for (a, b), t in sorted(out.items())]


def sized_network(
    edges: list[dict],
    by_region: dict[str, list[str]],
    councils: list[str],
    target: int,
    rng,
) -> list[dict]:
    """`target` edges: the structural ties first, in this order (the default network,
    councils with their centres and the ministries, centres with each other and the
    ministries, every municipality with its council, the Association of Finnish
    Municipalities and the ELY centres), then ties drawn within regions (half of the
    rest), into neighbouring regions (a third) and anywhere.
    """
    out: dict[tuple[str, str], float] = {}

    def link(a: str, b: str, lo: float, hi: float) -> int:
        if a == b or len(out) >= target:
            return 0
        key = (a, b) if a < b else (b, a)
        if key in out:
            return 0
        out[key] = round(float(rng.uniform(lo, hi)), 2)
        return 1

    for e in edges:
        link(e["a"], e["b"], e.get("trust", 0.5), e.get("trust", 0.5))
    centres = {rid: ids[0] for rid, ids in by_region.items()}
    for rid in councils:
        link(rid, centres[rid], 0.55, 0.8)
        for mi in MINISTRIES:
            link(rid, mi, 0.35, 0.6)
    cs = list(centres.values())
    for i, a in enumerate(cs):
        for b in cs[i + 1 :] + MINISTRIES:
            link(a, b, 0.3, 0.6)
    for hub, lo, hi in (("", 0.45, 0.75), ("kuntaliitto", 0.35, 0.6), ("ely-centres", 0.35, 0.6)):
        for rid, ids in by_region.items():
            for m in ids:
                link(m, hub or rid, lo, hi)
    everyone = sorted(
        {a for pair in out for a in pair} | {m for v in by_region.values() for m in v}
    )
    pairs = len(everyone) * (len(everyone) - 1) // 2
    if target > pairs:
        raise ValueError(f"{target} edges need more actors: {len(everyone)} have {pairs} pairs")
    regions = [ids for ids in by_region.values() if len(ids) > 1]
    sizes = np.array([len(ids) for ids in regions], dtype=float)
    near = {rid: set(NEIGHBOURS[rid]) for rid in by_region}
    for rid, ns in NEIGHBOURS.items():
        for other in ns:
            near[other].add(rid)
    near_pairs = [(a, b) for a in by_region for b in sorted(near[a]) if a < b]

    def within(k: int):
        reg = rng.choice(len(regions), size=k, p=sizes**2 / (sizes**2).sum())
        i, j = rng.random(k), rng.random(k)
        for r, x, y in zip(reg, i, j, strict=True):
            ids = regions[r]
            yield ids[int(x * len(ids))], ids[int(y * len(ids))]

    def neighbouring(k: int):
        w = np.array([len(by_region[a]) * len(by_region[b]) for a, b in near_pairs], float)
        for n in rng.choice(len(near_pairs), size=k, p=w / w.sum()):
            a, b = near_pairs[n]
            yield (by_region[a][int(rng.random() * len(by_region[a]))],
                   by_region[b][int(rng.random() * len(by_region[b]))])  # fmt: skip

    def anywhere(k: int):
        for x, y in rng.integers(0, len(everyone), size=(k, 2)):
            yield everyone[x], everyone[y]

    rest = target - len(out)
    plan = [(within, rest // 2, 0.3, 0.7), (neighbouring, rest // 3, 0.2, 0.5)]
    plan.append((anywhere, target, 0.15, 0.4))  # the remainder, until the target is met
    for draw, quota, lo, hi in plan:
        for _ in range(40):  # a layer that runs out of new pairs leaves them to the next
            if quota <= 0 or len(out) >= target:
                break
            for a, b in draw(max(2 * quota, 64)):
                quota -= link(a, b, lo, hi)
                if quota <= 0:
                    break
    return [{"a": a, "b": b, "trust": t} for (a, b), t in sorted(out.items())]


def _turn_starts(meta: dict) -> list[int]:
    ty = meta.get("turn_years", 3)
    return list(range(meta["start_year"], meta["end_year"], ty))


def one_year_turns(doc: dict, turns: int) -> None:
    """`turns` turns of one year, ending in the scenario's end year (from 2022 when that
    leaves fewer than 18), with the drivers' effects and the policies' per turn scaled to
    the shorter turn;
    elections and events that would fall outside the game are left out.
    """
    meta = doc["meta"]
    old = meta.get("turn_years", 3)
    end = meta["end_year"] if turns >= meta["end_year"] - 2022 else 2022 + turns
    meta.update(start_year=end - turns, end_year=end, turn_years=1)
    # a turn's policy effect for a turn a third as long (the model's default 0.3)
    consts = meta.setdefault("constants", {})
    consts["policy_scale"] = round(consts.get("policy_scale", 0.3) / old, 4)
    for d in doc.get("drivers", []):
        for by_type in d["effects"].values():
            for rt in by_type:
                by_type[rt] = round(by_type[rt] / old, 3)
    lo, hi = meta["start_year"], end - 1
    el = doc.get("elections", {})
    el["years"] = [y for y in el.get("years", []) if lo <= y <= hi]

    def inside(ev: dict) -> bool:
        w = ev.get("when", {})
        if "years" in w:
            return any(lo <= y <= hi for y in w["years"])
        return w.get("from", lo) <= hi and w.get("to", hi) >= lo

    kept = [ev for ev in doc["events"] if inside(ev)]
    gone = {ev["id"] for ev in doc["events"]} - {ev["id"] for ev in kept}
    doc["events"] = [ev for ev in kept if not any(g in str(ev.get("when")) for g in gone)]


def _names(doc: dict, key: str) -> dict[str, dict]:
    """id -> {fi, en} name of the region types, indicators or themes."""
    out = {}
    for x in doc[key]:
        n = x["name"]
        out[x["id"]] = n if isinstance(n, dict) else {"fi": n, "en": n}
    return out


EVENT_KINDS = {"news": 0.6, "shock": 0.25, "dilemma": 0.15}


def add_events(doc: dict, total: int, rng) -> None:
    """Events up to `total`: news, shocks and dilemmas moving one indicator in one or two
    region types a little, each possible in a window of one to three turns.
    """
    if total < len(doc["events"]):
        raise ValueError(f"--events {total}: the base scenario already has {len(doc['events'])}")
    inds, rts = _names(doc, "indicators"), _names(doc, "region_types")
    starts, ty = _turn_starts(doc["meta"]), doc["meta"].get("turn_years", 3)
    kinds = list(EVENT_KINDS)
    for i in range(len(doc["events"]), total):
        kind = str(rng.choice(kinds, p=list(EVENT_KINDS.values())))
        ind = str(rng.choice(list(inds)))
        where = [str(r) for r in rng.choice(list(rts), size=int(rng.integers(1, 3)), replace=False)]
        sign = -1.0 if kind == "shock" or rng.random() < 0.4 else 1.0
        delta = sign * round(float(rng.uniform(0.3, 2.0)), 1)
        t0 = int(rng.integers(len(starts)))
        t1 = min(t0 + int(rng.integers(0, 3)), len(starts) - 1)
        place = {lang: ", ".join(rts[r][lang] for r in where) for lang in ("fi", "en")}
        up = {"fi": "nousee" if delta > 0 else "laskee", "en": "rises" if delta > 0 else "falls"}
        ev = {
            "id": f"gen-event-{i + 1:03d}",
            "kind": kind,
            "title": {
                "fi": f"{inds[ind]['fi']} {up['fi']}: {place['fi']} ({i + 1})",
                "en": f"{inds[ind]['en']} {up['en']}: {place['en']} ({i + 1})",
            },
            "text": {
                "fi": f"Generoitu tapahtuma {i + 1}: {inds[ind]['fi'].lower()} {up['fi']} "
                f"alueilla {place['fi']}.",
                "en": f"Generated event {i + 1}: {inds[ind]['en'].lower()} {up['en']} in "
                f"{place['en']}.",
            },
            "when": {
                "from": starts[t0],
                "to": starts[t1] + ty - 1,
                "probability": round(float(rng.uniform(0.05, 0.4)), 2),
            },
        }
        if kind == "dilemma":
            ev["options"] = []
            for k in range(int(rng.integers(2, 4))):
                oi = str(rng.choice(list(inds)))
                ort = str(rng.choice(list(rts)))
                ev["options"].append(
                    {
                        "id": f"option-{k + 1}",
                        "label": {
                            "fi": f"Painotetaan: {inds[oi]['fi'].lower()} ({rts[ort]['fi']})",
                            "en": f"Put first: {inds[oi]['en'].lower()} ({rts[ort]['en']})",
                        },
                        "effects": [
                            {
                                "indicator": oi,
                                "region_types": [ort],
                                "delta": round(float(rng.uniform(0.5, 2.0)), 1),
                            }
                        ],
                    }
                )
        else:
            ev["effects"] = [{"indicator": ind, "region_types": where, "delta": delta}]
        doc["events"].append(ev)


def add_packages(doc: dict, total: int, rng) -> None:
    """Packages up to `total`: one or two themes, a cost of 4–20 points a turn for one to
    four turns, a reach of one to three region types, and co-funders of kinds the teams
    have (one or two teams).
    """
    if total < len(doc["packages"]):
        raise ValueError(f"--packages {total}: the base scenario has {len(doc['packages'])}")
    themes, rts = _names(doc, "themes"), _names(doc, "region_types")
    for i in range(len(doc["packages"]), total):
        th = [str(t) for t in rng.choice(list(themes), size=int(rng.integers(1, 3)), replace=False)]
        where = [str(r) for r in rng.choice(list(rts), size=int(rng.integers(1, 4)), replace=False)]
        kinds = sorted(
            str(k) for k in rng.choice(KINDS, size=int(rng.integers(0, 3)), replace=False)
        )
        doc["packages"].append(
            {
                "id": f"gen-package-{i + 1:03d}",
                "title": {
                    "fi": f"{themes[th[0]]['fi']}: {rts[where[0]]['fi']} ({i + 1})",
                    "en": f"{themes[th[0]]['en']}: {rts[where[0]]['en']} ({i + 1})",
                },
                "text": {
                    "fi": f"Generoitu toimenpidekokonaisuus {i + 1}.",
                    "en": f"Generated action package {i + 1}.",
                },
                "themes": th,
                "cost": int(rng.integers(4, 21)),
                "duration": int(rng.integers(1, 5)),
                "leverage": round(float(rng.uniform(1.2, 2.4)), 1),
                "reach": {r: 1.0 for r in where},
                "requires": {"kinds": kinds, "min_teams": int(rng.integers(1, 3))},
            }
        )


KINDS = ("ministry", "region", "partner")


def join_teams(doc: dict, munis: list[dict], played: int) -> None:
    """Municipalities join the teams in turn (no longer bots) until `played` actors are
    in teams.
    """
    teams = doc["teams"]
    have = sum(len(t["actors"]) for t in teams)
    if not have <= played <= have + len(munis):
        raise ValueError(f"--played {played}: between {have} and {have + len(munis)}")
    for i, m in enumerate(munis[: played - have]):
        teams[i % len(teams)]["actors"].append(m["id"])
        m.pop("bot", None)


def add_glossary(doc: dict, total: int) -> None:
    """Glossary terms up to `total` (numbered terms after the default ones)."""
    doc.setdefault("glossary", [])
    for i in range(len(doc["glossary"]), total):
        doc["glossary"].append(
            {
                "term": {"fi": f"termi {i + 1}", "en": f"term {i + 1}"},
                "definition": {
                    "fi": f"Generoitu sanaston termi numero {i + 1}.",
                    "en": f"Generated glossary term number {i + 1}.",
                },
            }
        )


_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _flow(item) -> str:
    """A value as one line of flow-style YAML: plain ids, quoted text (JSON strings are
    YAML strings), numbers as Python writes them.
    """
    if isinstance(item, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in item.items()) + "}"
    if isinstance(item, list):
        return "[" + ", ".join(_flow(v) for v in item) + "]"
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    text = str(item)
    if _PLAIN.match(text) and text not in _KEYWORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: 20 times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def write(doc: dict, path: Path, compact: bool = False) -> int:
    """Write the scenario with a short header; `compact` writes one actor and one edge
    per line. Returns the file's size in bytes.
    """
    n_edges = len(doc["network"])
    header = (
        f"# Generated by bench/generate.py: {len(doc['actors'])} actors, {n_edges} edges.\n"
        "# Municipal numbers are APPROXIMATE design assumptions (see the generator).\n"
    )
    if compact:
        parts = []
        for key, value in doc.items():
            if key in ("actors", "network") and value:
                parts.append(f"{key}:\n" + "".join(f"- {_flow(x)}\n" for x in value))
            else:
                parts.append(
                    yaml.dump(
                        {key: value}, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100
                    )
                )
        body = "".join(parts)
    else:
        body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (header + body).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def limit_sizes(name: str) -> dict:
    """The sizes of the scenario at a documented limit (`--limit NAME`): the limit at its
    value and the rest as in the municipal scenario; "fit" edges are as many as the file
    size leaves room for (at most the limit).
    """
    from game.scenario import limits as L

    sets = {
        "actors": {"actors": L.MAX_ACTORS, "edges": "fit"},
        "edges": {"actors": 1000, "edges": L.MAX_EDGES},
        "events": {"events": L.MAX_EVENTS},
        "packages": {"packages": L.MAX_PACKAGES},
        "turns": {"turns": L.MAX_TURNS},
        "glossary": {"glossary": L.MAX_GLOSSARY},
        # as many actors in teams as have at most MAX_RELATIONSHIPS pairs
        "played": {"played": int((1 + (1 + 8 * L.MAX_RELATIONSHIPS) ** 0.5) / 2)},
    }
    if name == "all":
        out = {k: v for s in sets.values() for k, v in s.items()}
        out.update(actors=L.MAX_ACTORS, edges="fit")
        return out
    return sets[name]


LIMITS = ("actors", "edges", "events", "packages", "turns", "glossary", "played", "all")


def generate(path: Path, seed: int = 2040, **sizes) -> tuple[dict, int]:
    """Build and write a scenario of the given sizes (`build`'s keywords); edges="fit"
    takes as many edges as keep the file within the size limit (at most MAX_EDGES).
    Returns the scenario and the file's size.
    """
    from game.scenario.limits import MAX_BYTES, MAX_EDGES

    if sizes.get("edges") != "fit":
        doc = build(seed=seed, **sizes)
        compact = any(sizes.get(k) is not None for k in sizes if k != "actors")
        return doc, write(doc, path, compact or (sizes.get("actors") or 0) > 1000)
    # the structural ties alone, then as many more edges as the bytes left allow
    lo = build(seed=seed, **{**sizes, "edges": 0})
    edges = MAX_EDGES
    for _ in range(8):
        doc = build(seed=seed, **{**sizes, "edges": edges})
        size = write(doc, path, True)
        if size <= MAX_BYTES - 4096:
            return doc, size
        per_edge = len(_flow(doc["network"][-1])) + 3
        edges = max(len(lo["network"]), edges - (size - MAX_BYTES + 16_384) // per_edge)
    raise SystemExit(f"{path}: no scenario of these sizes fits in {MAX_BYTES:,} bytes")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--actors", type=int, default=None, help="total actors (default: real)")
    p.add_argument("--edges", type=int, default=None, help="network edges (default: grown)")
    p.add_argument("--events", type=int, default=None, help="events in all (default: 33)")
    p.add_argument("--packages", type=int, default=None, help="packages in all (default: 11)")
    p.add_argument("--turns", type=int, default=None, help="one-year turns (default: 6 of 3)")
    p.add_argument("--glossary", type=int, default=None, help="glossary terms in all")
    p.add_argument("--played", type=int, default=None, help="actors in teams")
    p.add_argument(
        "--limit", choices=LIMITS, default=None, help="a documented limit (all: every one)"
    )
    p.add_argument("--seed", type=int, default=2040)
    a = p.parse_args(argv)
    sizes = limit_sizes(a.limit) if a.limit else {}
    for key in ("actors", "edges", "events", "packages", "turns", "glossary", "played"):
        if getattr(a, key) is not None:
            sizes[key] = getattr(a, key)
    if sizes.get("actors") is not None and sizes["actors"] < MIN_ACTORS:
        p.error(
            f"--actors must be at least {MIN_ACTORS} (the default scenario's actors, all "
            "regional councils and a municipality per region)"
        )
    try:
        doc, size = generate(a.out, a.seed, **sizes)
    except ValueError as err:
        p.error(str(err))
    n = len(doc["actors"])
    print(
        f"{a.out}: {n} actors, {len(doc['network'])} edges ({math.comb(n, 2)} pairs), "
        f"{len(doc['events'])} events, {len(doc['packages'])} packages, "
        f"{len(_turn_starts(doc['meta']))} turns, {len(doc.get('glossary', []))} glossary "
        f"terms; {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
