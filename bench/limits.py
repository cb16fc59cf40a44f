"""Play a scenario at every documented limit and measure it (issue 17; never run as a test).

    .venv/bin/python bench/limits.py                      # every limit, all together, network
    .venv/bin/python bench/limits.py --only packages,all  # some of them
    .venv/bin/python bench/limits.py --runs 20000 --only network   # the issue's memory check
    .venv/bin/python bench/limits.py --shots DIR          # keep the screenshots in DIR
    .venv/bin/python bench/limits.py --json               # one JSON object on stdout
    .venv/bin/python bench/limits.py --write-docs         # the table in docs/reliability.md
    .venv/bin/python bench/limits.py --table OUT.json --write-docs   # from an earlier --json

For each scenario (bench/generate.py: `--limit NAME` for every limit of
game/scenario/limits.py, `all` for all of them in one file as far as its size allows, and
`network`: 1,500 actors and 20,000 edges), four real commands run as a facilitator would
run them, each in its own process: `suunta validate`, `suunta simulate --runs N`,
`suunta play --autoplay --screenshots` (the dummy video driver) and `suunta report
latest`, with a data folder of its own. Per command it records the exit status, the wall
time, the processor time and the peak memory (the child's maximum resident set, as
`/usr/bin/time -v` reports it). Every command must succeed within `SECONDS` and `MEMORY`;
the exit status is 1 if one does not.

Besides, `--limit NAME` one past each limit must fail validation with a message that
names the limit (`past`); the scenario file itself must stay within 2 MB.

The machine is shared: the load average before and after is printed so a reader can
judge the wall times; the processor times are steadier.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
import _venv

_venv.ensure()  # started by another Python: run again under the project's .venv

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate

from game.scenario import limits

ROOT = Path(__file__).resolve().parents[1]
SUUNTA = [sys.executable, "-m", "game"]
SECONDS = 300  # what each command may take on the 2-core machine (wall, shared)
MEMORY = 1024  # MB of peak memory each command may take
CASES = [*generate.LIMITS, "network"]
NETWORK = {"actors": 1500, "edges": 20_000}  # the scenario
PAST = {  # one past each limit, and the words the message must have
    "actors": ({"actors": limits.MAX_ACTORS + 1, "edges": 10_000}, "at most 5,000"),
    "edges": ({"actors": 1000, "edges": limits.MAX_EDGES + 1}, "at most 40,000"),
    "events": ({"events": limits.MAX_EVENTS + 1}, "at most 500"),
    "packages": ({"packages": limits.MAX_PACKAGES + 1}, "at most 200"),
    "turns": ({"turns": limits.MAX_TURNS + 1}, "at most 30"),
    "glossary": ({"glossary": limits.MAX_GLOSSARY + 1}, "at most 500"),
    "played": ({"played": 284}, "put at most 283 actors in teams"),
}
DOCS = ROOT / "docs" / "reliability.md"
BEGIN, END = "<!-- bench/limits.py: begin -->", "<!-- bench/limits.py: end -->"


def run(cmd: list[str], env: dict, timeout: float) -> dict:
    """Run a command; its exit status, wall and processor seconds and peak memory (MB)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    wall = time.perf_counter() - t
    return {"rc": proc.returncode, "wall_s": round(wall, 2), "out": out, "err": err}


def measured(cmd: list[str], env: dict, timeout: float) -> dict:
    """`run` under /usr/bin/time -v when it exists (peak memory and processor time)."""
    timer = Path("/usr/bin/time")
    if not timer.exists():
        return run(cmd, env, timeout)
    res = run([str(timer), "-v", *cmd], env, timeout)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res["err"])
    user = re.search(r"User time \(seconds\): ([\d.]+)", res["err"])
    system = re.search(r"System time \(seconds\): ([\d.]+)", res["err"])
    if rss:
        res["peak_mb"] = round(int(rss.group(1)) / 1024, 1)
    if user and system:
        res["cpu_s"] = round(float(user.group(1)) + float(system.group(1)), 2)
    res["err"] = res["err"].split("\tCommand being timed")[0]
    return res


def case(name: str, folder: Path, runs: int, shots: Path | None) -> dict:
    """Generate one scenario and run the four commands on it."""
    sizes = NETWORK if name == "network" else generate.limit_sizes(name)
    path = folder / f"{name}.yaml"
    doc, size = generate.generate(path, **sizes)
    info = {
        "scenario": name,
        "bytes": size,
        "actors": len(doc["actors"]),
        "edges": len(doc["network"]),
        "events": len(doc["events"]),
        "packages": len(doc["packages"]),
        "turns": len(generate._turn_starts(doc["meta"])),
        "glossary": len(doc.get("glossary", [])),
        "played": sum(len(t["actors"]) for t in doc["teams"]),
    }
    home = folder / f"home-{name}"
    env = dict(os.environ, SUUNTA_HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    shot_dir = (shots or folder) / f"shots-{name}"
    cmds = {
        "validate": [*SUUNTA, "validate", str(path)],
        "simulate": [*SUUNTA, "simulate", str(path), "--runs", str(runs), "--json"],
        "play": [*SUUNTA, "play", str(path), "--autoplay", "--screenshots", str(shot_dir)],
        "report": [*SUUNTA, "report", "latest", "--out", str(folder / f"report-{name}")],
    }
    info["commands"] = {}
    for what, cmd in cmds.items():
        print(f"  {name}: {what} …", file=sys.stderr, flush=True)
        res = measured(cmd, env, SECONDS * 3)
        if what == "play":
            res["screenshots"] = len(list(shot_dir.glob("*.png")))
        ok = res["rc"] == 0 and res["wall_s"] <= SECONDS and res.get("peak_mb", 0) <= MEMORY
        res["ok"] = ok
        if res["rc"] != 0:
            res["error"] = (res["err"] or res["out"]).strip().splitlines()[-3:]
        del res["out"], res["err"]
        info["commands"][what] = res
    return info


def past(name: str, folder: Path) -> dict:
    """One past the limit: validation must fail with a message that names the limit."""
    sizes, words = PAST[name]
    path = folder / f"past-{name}.yaml"
    generate.generate(path, **sizes)
    res = run([*SUUNTA, "validate", str(path)], dict(os.environ), SECONDS)
    said = (res["out"] + res["err"]).strip()
    return {"rc": res["rc"], "ok": res["rc"] == 1 and words in said, "message": said[-300:]}


def load() -> str:
    return open("/proc/loadavg").read().split()[0] if Path("/proc/loadavg").exists() else "?"


def table(results: list[dict], runs: int) -> str:
    """The results as a Markdown table."""
    head = (
        "| scenario | actors / edges / events / packages / turns / glossary / in teams | "
        f"file | validate | simulate --runs {runs} | play --autoplay | report |\n"
        "|---|---|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for r in results:
        sizes = " / ".join(
            f"{r[k]:,}" for k in ("actors", "edges", "events", "packages", "turns", "glossary")
        )
        cells = []
        for what in ("validate", "simulate", "play", "report"):
            c = r["commands"][what]
            mark = "" if c["ok"] else " **FAILED**"
            cpu = f" ({c['cpu_s']:.1f} s cpu)" if "cpu_s" in c else ""
            cells.append(f"{c['wall_s']:.1f} s{cpu}, {c.get('peak_mb', 0):.0f} MB{mark}")
        rows.append(
            f"| {r['scenario']} | {sizes} / {r['played']} | {r['bytes'] / 2**20:.2f} MB | "
            + " | ".join(cells)
            + " |"
        )
    return head + "\n".join(rows) + "\n"


def write_docs(text: str) -> None:
    """Replace the generated block of docs/reliability.md."""
    doc = DOCS.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOCS}: no {BEGIN} … {END} block to replace")
    a, b = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    DOCS.write_text(doc[:a] + "\n" + text + doc[b:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", default=",".join(CASES), help=f"some of {','.join(CASES)}")
    p.add_argument("--runs", type=int, default=1000, help="simulate --runs (default 1000)")
    p.add_argument("--shots", type=Path, default=None, help="keep the screenshots here")
    p.add_argument("--no-past", action="store_true", help="skip the one-past-the-limit files")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("--write-docs", action="store_true", help="the table into reliability.md")
    p.add_argument("--table", type=Path, default=None, metavar="JSON",
                   help="no runs: the table of an earlier --json output")  # fmt: skip
    a = p.parse_args(argv)
    if a.table is not None:
        saved = json.loads(a.table.read_text(encoding="utf-8"))
        text = table(saved["results"], saved["runs"])
        print(text)
        if a.write_docs:
            write_docs(text)
        return 0
    names = [n for n in a.only.split(",") if n]
    unknown = sorted(set(names) - set(CASES))
    if unknown:
        p.error(f"unknown: {', '.join(unknown)} (known: {', '.join(CASES)})")
    before = load()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="suunta-limits-") as tmp:
        folder = Path(tmp)
        results = [case(n, folder, a.runs, a.shots) for n in names]
        pasts = {} if a.no_past else {n: past(n, folder) for n in names if n in PAST}
    out = {
        "runs": a.runs,
        "load_before": before,
        "load_after": load(),
        "elapsed_s": round(time.perf_counter() - t0, 1),
        "limits": {k: getattr(limits, k) for k in limits.__all__},
        "results": results,
        "past": pasts,
    }
    ok = all(c["ok"] for r in results for c in r["commands"].values())
    ok &= all(r["ok"] for r in pasts.values()) and all(
        r["bytes"] <= limits.MAX_BYTES for r in results
    )
    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(table(results, a.runs))
        for n, r in pasts.items():
            print(f"one past {n}: {'ok' if r['ok'] else 'FAILED'}: {r['message'].splitlines()[0]}")
        print(f"load average {before} before, {out['load_after']} after; {out['elapsed_s']} s")
    if a.write_docs:
        write_docs(table(results, a.runs))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
