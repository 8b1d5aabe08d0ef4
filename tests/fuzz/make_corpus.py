#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Seed corpus of the fuzz harnesses (docs/fuzzing.md).

make_corpus.py [--zccsim build/fuzz/zccsim] [--out build/fuzz/corpus]

OUT/scenario: every shipped and test scenario (scenarios/, tests/**) but
national.yaml, variants/national_zcc.yaml and nine of the ten
regions/*.yaml (SKIP);
OUT/experiment: every experiment file (a top-level `base:` key), good and
bad; OUT/results: a few small results files written by `zccsim run|sweep|
compare --out` (a plain run, one with the event log, a network run, a
shard, a sweep, a compare). The harnesses resolve paths from a directory in
which the source tree's scenarios/ and tests/ are linked, so every
`extends:`, `base:` and `scenario:` path is rewritten relative to the source
root. Seeds keep their names, so running it again refreshes them and keeps
what libFuzzer added to the same directories. Results seeds are remade only
when zccsim is newer than they are (a new file format).
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Left out: national.yaml takes seconds per load under the sanitizers (up to
# the 10 s timeout on a busy machine) and adds no loader path that
# midden_nederland.yaml and the variants do not have; variants/national_zcc.yaml
# extends it (its own keys are the zcc variant's and regions with rosters).
# The one-region scenarios (scenarios/regions/) are alike: one of them (the
# smallest, euregio) is a seed, with its regions' own rosters.
SKIP = {"scenarios/national.yaml", "scenarios/variants/national_zcc.yaml"} | {"scenarios/regions/%s.yaml" % r for r in (
    "noord", "zwolle", "oost", "midden", "nhf", "west", "zuidwest", "brabant", "limburg")}
PATH_KEY = re.compile(r"(?P<head>(?:^|[\s{,])(?:extends|base|scenario):\s*)(?P<q>[\"']?)(?P<path>[^\s,}\"'#]+)(?P=q)", re.M)


def rooted(text, src):
    """`text` of file `src` with its file references made relative to ROOT."""
    def fix(m):
        target = os.path.normpath(src.parent / m["path"])
        return m["head"] + m["q"] + os.path.relpath(target, ROOT) + m["q"]
    return PATH_KEY.sub(fix, text)


def yaml_seeds(out):
    files = sorted(p for d in ("scenarios", "tests") for p in (ROOT / d).rglob("*.yaml") if "fuzz" not in p.parts)
    counts = {"scenario": 0, "experiment": 0}
    for src in files:
        name = str(src.relative_to(ROOT)).replace("/", "_")
        if str(src.relative_to(ROOT)) in SKIP:
            for kind in counts:
                (out / kind / name).unlink(missing_ok=True)
            continue
        # bytes in and out: a test file may be invalid UTF-8 on purpose (tests/cli/bad)
        text = src.read_bytes().decode("utf-8", errors="surrogateescape")
        kind = "experiment" if re.search(r"^base:", text, re.M) else "scenario"
        (out / kind / name).write_bytes(rooted(text, src).encode("utf-8", errors="surrogateescape"))
        counts[kind] += 1
    return counts


def results_seeds(out, zccsim):
    dest = out / "results"
    seeds = ["run.h5", "events.h5", "network.h5", "shard.h5", "sweep.h5", "compare.h5"]
    if all((dest / s).exists() and (dest / s).stat().st_mtime >= zccsim.stat().st_mtime for s in seeds):
        return 0
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        small = ROOT / "tests/acute/small_region.yaml"
        (t / "tiny.yaml").write_text(f"extends: {small}\nhorizon_days: 2\nwarmup_days: 1\n")
        (t / "tiny_b.yaml").write_text(f"extends: {small}\nhorizon_days: 2\nwarmup_days: 1\ncapacity_insight: false\n")
        (t / "exp.yaml").write_text("base: tiny.yaml\nreplications: 1\ngrid:\n  capacity_insight: [true, false]\n")
        mmc = ROOT / "tests/experiments/mmc_small.yaml"
        runs = {
            "run.h5": ["run", "tiny.yaml", "--replications", "2"],
            "events.h5": ["run", "tiny.yaml", "--replications", "1", "--event-log"],
            "network.h5": ["run", str(mmc), "--replications", "3"],
            "shard.h5": ["run", "tiny.yaml", "--replications", "2", "--shard", "1/2"],
            "sweep.h5": ["sweep", "exp.yaml"],
            "compare.h5": ["compare", "tiny.yaml", "tiny_b.yaml", "--replications", "1"],
        }
        for name, args in runs.items():
            cmd = [str(zccsim), *args, "--threads", "1", "--quiet", "--out", str(dest / name)]
            r = subprocess.run(cmd, cwd=t, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"make_corpus: {' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    return len(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zccsim", default=str(ROOT / "build/fuzz/zccsim"), help="the zccsim that writes the results seeds")
    ap.add_argument("--out", default=str(ROOT / "build/fuzz/corpus"), help="corpus directory")
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    for kind in ("scenario", "experiment", "results"):
        (out / kind).mkdir(parents=True, exist_ok=True)
    counts = yaml_seeds(out)
    made = results_seeds(out, pathlib.Path(a.zccsim))
    print(f"make_corpus: {counts['scenario']} scenario and {counts['experiment']} experiment seeds, "
          f"{made or 'kept the'} results seeds, in {out}")


if __name__ == "__main__":
    main()
