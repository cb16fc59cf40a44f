"""Crash campaign: SIGKILL real autoplay games at random moments, resume, compare.

    SDL_VIDEODRIVER=dummy .venv/bin/python bench/crash.py [--kills 30] [--scenario tutorial]

Each round starts `suunta play SCENARIO --autoplay --autoplay-delay D --seed S` in a fresh
data folder, kills it with SIGKILL after a random time, then (a) truncates a copy of the
journal at every byte offset of its last line and checks each copy resumes, and (b) runs
`suunta play --resume latest --autoplay` and checks the final state_hash equals
`suunta simulate --runs 1 --seed S`. Prints one line per round and a summary; exit 1 on
any mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.session.store import SessionError, open_session

PY = [sys.executable, "-m", "game"]


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(PY + args, env=env, capture_output=True, text=True, timeout=300)


def truncations_resume(home: Path) -> tuple[int, int]:
    """Resume a copy of the journal cut at every byte of its last line; (tried, failed)."""
    folder = next((home / "sessions").glob("*"))
    journal = folder / "journal.jsonl"
    raw = journal.read_bytes()
    if raw.count(b"\n") < 1:
        return 0, 0
    start = raw[:-1].rfind(b"\n") + 1
    tried = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "sessions" / folder.name
        shutil.copytree(folder, copy)
        for cut in range(start, len(raw) + 1):
            (copy / "journal.jsonl").write_bytes(raw[:cut])
            tried += 1
            try:
                open_session(folder.name, Path(tmp), attach=False)
            except SessionError:
                failed += 1
    return tried, failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--scenario", default="tutorial")
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1, help="seed of the campaign's own choices")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    bad = cuts = cut_failures = 0
    t0 = time.perf_counter()
    for k in range(args.kills):
        home = Path(tempfile.mkdtemp(prefix="suunta-crash-"))
        env = dict(
            os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SUUNTA_HOME=str(home)
        )
        seed = rnd.randrange(10_000)
        wait = rnd.uniform(0.8, 3.0)
        proc = subprocess.Popen(
            PY
            + [
                "play",
                args.scenario,
                "--autoplay",
                "--autoplay-delay",
                str(args.delay),
                "--seed",
                str(seed),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(wait)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        journals = list(home.glob("sessions/*/journal.jsonl"))
        lines = journals[0].read_bytes().count(b"\n") if journals else 0
        if journals:
            tried, failed = truncations_resume(home)
            cuts += tried
            cut_failures += failed
        if not journals:
            status = "killed before the session existed (nothing to lose)"
        else:
            res = run(["play", "--resume", "latest", "--autoplay"], env)
            rep = run(["replay", "latest", "--json"], env)
            sim = run(
                ["simulate", args.scenario, "--runs", "1", "--seed", str(seed), "--json"], env
            )
            if rep.returncode or sim.returncode:
                ok, why = False, (rep.stderr or sim.stderr)[-200:]
            else:
                got = json.loads(rep.stdout)["state_hash"]
                ok, why = got == json.loads(sim.stdout)["state_hash"], "different state_hash"
            ok = ok and res.returncode == 0
            bad += not ok
            status = "ok" if ok else f"MISMATCH (exit {res.returncode}): {why} {res.stderr[-200:]}"
        print(
            f"round {k + 1:>3}: seed {seed:>4}, killed after {wait:.2f} s at "
            f"{lines:>2} committed commands: {status}",
            flush=True,
        )
        shutil.rmtree(home, ignore_errors=True)
    print(
        f"summary: {args.kills} kills, {bad} mismatches; {cuts} truncated journals, "
        f"{cut_failures} failed to resume; {time.perf_counter() - t0:.0f} s"
    )
    return 1 if bad or cut_failures else 0


if __name__ == "__main__":
    sys.exit(main())
