"""Generate a municipality-scale scenario from real structure (issue 7, item 3).

    .venv/bin/python bench/generate.py OUT.yaml                 # about 350 actors, 10,000+ edges
    .venv/bin/python bench/generate.py OUT.yaml --actors 200    # a scale point of the benchmark
    .venv/bin/suunta validate OUT.yaml

The scenario is the default one (scenarios/finland-2040.yaml: region types, indicators,
themes, drivers, events, packages, elections, vision, teams) with the actors grown to
municipality level:

- all 19 regions (maakunnat) with their approximate populations (DOMAIN.md), each with
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

Everything is drawn from a seeded generator, so the same arguments give the same file.
The numbers are design assumptions at the scale of the default scenario, not data.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "scenarios" / "finland-2040.yaml"

# id, Finnish name, population (thousands, DOMAIN.md), municipalities (2021, approx.),
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


def build(actors: int | None = None, seed: int = 2040) -> dict:
    """The scenario as a dict ready for YAML; `actors` sets the total number of actors
    (None: the real municipality counts).
    """
    rng = np.random.default_rng(seed)
    bot = _bot_flag()
    doc = yaml.safe_load(BASE.read_text(encoding="utf-8"))
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
    for (rid, name, pop, _, centre, centre_type), n in zip(REGIONS, counts, strict=True):
        weights = 1.0 / np.arange(1, n + 1) ** 1.1  # Zipf-like, the centre first
        weights /= weights.sum()
        names = [centre] + (CAPITAL if rid == "uusimaa" else [])
        ids = []
        reach: dict[str, float] = {}
        for rank in range(n):
            real = names[rank] if rank < len(names) else None
            mid = slug(real) if real else f"kunta-{rid}-{rank + 1:03d}"
            rtype = region_type(rid, rank, n, centre_type)
            mpop = pop * weights[rank]
            budget = MIN_MUNICIPAL + MUNICIPAL_POINTS * mpop / total_pop
            comp = np.clip(rng.normal(1.0, 0.15, len(themes)), 0.6, 1.5)
            munis.append(
                {
                    "id": mid,
                    "kind": "partner",
                    "name": real or f"{name}: kunta {rank + 1}",
                    "budget": round(float(budget), 3),
                    "competence": {
                        t: round(float(c), 2) for t, c in zip(themes, comp, strict=True)
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
    doc["network"] = network(doc["network"], by_region, councils, rng)
    n_actors = len(doc["actors"])
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


def write(doc: dict, path: Path) -> None:
    """Write the scenario with a short header."""
    n_edges = len(doc["network"])
    header = (
        f"# Generated by bench/generate.py: {len(doc['actors'])} actors, {n_edges} edges.\n"
        "# Municipal numbers are APPROXIMATE design assumptions (see the generator).\n"
    )
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--actors", type=int, default=None, help="total actors (default: real)")
    p.add_argument("--seed", type=int, default=2040)
    a = p.parse_args(argv)
    if a.actors is not None and a.actors < MIN_ACTORS:
        p.error(
            f"--actors must be at least {MIN_ACTORS} (the default scenario's actors, all "
            "regional councils and a municipality per region)"
        )
    doc = build(a.actors, a.seed)
    write(doc, a.out)
    n = len(doc["actors"])
    print(f"{a.out}: {n} actors, {len(doc['network'])} edges ({math.comb(n, 2)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
