#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random corruptions of a valid results file through `zccsim merge`,
`zccsim run --append` and `zccsim report` (issue #11; run once by hand, not
in ctest: 10,000 take about 15 minutes).

Each corruption overwrites 1-8 random bytes at random offsets (about 5 % are
truncations to a random length instead), seeded. Every command runs with a
timeout and is counted as crashed (killed by a signal), hung (timed out),
accepted (exit 0) or refused (any other exit status, which must come with a
message naming the file). An accepted merge whose output differs from the
original's KPI names or values (read with h5py when it is there) is counted
as "accepted wrong". A summary goes to stdout and, with --summary, to a file.

  /usr/bin/python3 tests/io/corrupt_results.py --zccsim build/release/zccsim \\
      --scenario scenarios/network/mmc.yaml -n 10000 --seed 1 --summary out.txt
"""
import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time


def corrupt(data, rng):
    if rng.random() < 0.05:
        return data[: rng.randrange(len(data))], "truncated"
    b = bytearray(data)
    n = rng.randint(1, 8)
    for _ in range(n):
        at = rng.randrange(len(b))
        b[at] = (b[at] + rng.randint(1, 255)) % 256  # always a different byte
    return bytes(b), f"{n} bytes"


def run(cmd, timeout, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, text=True, errors="replace")
    except subprocess.TimeoutExpired:
        return "hung", ""
    if p.returncode < 0:
        return "crashed", p.stderr
    if p.returncode == 0:
        return "accepted", p.stderr
    return "refused", p.stderr


def kpis(path):
    import h5py  # noqa: PLC0415
    with h5py.File(path, "r") as f:
        return list(f["kpis/names"].asstr()[:]), f["kpis/values"][:].tobytes()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zccsim", required=True)
    ap.add_argument("--scenario", required=True, help="the scenario the results file is made from (for --append)")
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--no-report", action="store_true", help="skip zccsim report")
    ap.add_argument("--summary", help="also write the summary here")
    a = ap.parse_args()
    zccsim, scenario = os.path.abspath(a.zccsim), os.path.abspath(a.scenario)
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="zccsim-corrupt-")
    t0 = time.time()
    try:
        good = os.path.join(work, "good.h5")
        subprocess.run([zccsim, "run", scenario, "--replications", "2", "--out", good, "--quiet"], check=True)
        data = open(good, "rb").read()
        try:
            original = kpis(good)
        except Exception:  # noqa: BLE001 (no h5py: no check of accepted files)
            original = None
        counts = collections.Counter()
        examples = {}
        commands = ["merge", "run --append"] + ([] if a.no_report else ["report"])
        for i in range(a.n):
            bad, kind = corrupt(data, rng)
            counts["kind: " + kind] += 1
            path = os.path.join(work, "c.h5")
            for name in commands:
                with open(path, "wb") as f:
                    f.write(bad)
                for leftover in os.listdir(work):  # outputs and temporary files of the last command
                    if leftover not in ("good.h5", "c.h5"):
                        os.remove(os.path.join(work, leftover))
                if name == "merge":
                    cmd = [zccsim, "merge", "c.h5", "-o", "out.h5", "--quiet"]
                elif name == "run --append":
                    cmd = [zccsim, "run", scenario, "--replications", "1", "--out", "c.h5", "--append", "--quiet"]
                else:
                    cmd = [zccsim, "report", "c.h5", "-o", "r.html", "--quiet"]
                outcome, err = run(cmd, a.timeout, work)
                if outcome == "refused" and "c.h5" not in err:
                    outcome = "refused without the file's name"
                if name == "merge" and outcome == "accepted" and original is not None:
                    try:
                        if kpis(os.path.join(work, "out.h5")) != original:
                            outcome = "accepted wrong"
                    except Exception:  # noqa: BLE001
                        outcome = "accepted unreadable"
                counts[f"{name}: {outcome}"] += 1
                if outcome not in ("refused", "accepted") and (name, outcome) not in examples:
                    examples[(name, outcome)] = (i, kind, err.strip().splitlines()[-1:] if err else [])
            if (i + 1) % 500 == 0:
                print(f"{i + 1} of {a.n} ({time.time() - t0:.0f} s): {dict(sorted(counts.items()))}", file=sys.stderr,
                      flush=True)
        secs = time.time() - t0
        lines = [f"zccsim: {zccsim}", f"file: {len(data)} bytes ({scenario}, 2 replications)",
                 f"corruptions: {a.n}, seed {a.seed}, timeout {a.timeout} s, {secs:.0f} s in all"]
        lines += [f"  {k}: {v}" for k, v in sorted(counts.items())]
        lines += [f"  example {k[0]} {k[1]}: #{v[0]} ({v[1]}) {v[2]}" for k, v in sorted(examples.items())]
        text = "\n".join(lines) + "\n"
        print(text, end="")
        if a.summary:
            with open(a.summary, "w") as f:
                f.write(text)
        bad_outcomes = [k for k in counts if k.split(": ", 1)[-1] not in ("refused",) and not k.startswith("kind")]
        return 1 if bad_outcomes else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
