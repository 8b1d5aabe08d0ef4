# SPDX-License-Identifier: MIT
"""The same sweep from Python and from the CLI: is Python within 5 %?

    /usr/bin/python3 benchmarks/python_vs_cli.py [--runs 3] [--threads 2] [--build build/release]

One experiment file (written to a temporary folder): the default region
(scenarios/midden_nederland.yaml, a year after the warm-up) at POINTS grid
points x REPLICATIONS replications = 100 replications by default. It runs
RUNS times as

  cli     zccsim sweep EXP.yaml --threads T --quiet
  python  /usr/bin/python3 -c "import zccsim; zccsim.sweep_file('EXP.yaml', threads=T)"

interleaved (cli, python, cli, python, ...) so that the load of a shared
machine hits both alike. Each time is the wall time of the whole process
(start, imports and all); for Python the time of the sweep_file call alone is
reported too. Prints a Markdown table with the medians and the machine; exit
status 1 when the Python median is more than 5 % above the CLI's.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

PY_CHILD = r"""
import json, sys, time
import zccsim
t0 = time.perf_counter()
w = zccsim.sweep_file(sys.argv[1], threads=int(sys.argv[2]))
t1 = time.perf_counter()
print(json.dumps({"sweep_s": t1 - t0, "rows": int(w.values.shape[0])}))
"""


def cpu_model() -> str:
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", default=str(ROOT / "build" / "release"), help="build folder (zccsim and python/)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--points", type=int, default=4)
    p.add_argument("--replications", type=int, default=25, help="per point")
    p.add_argument("--scenario", default=str(ROOT / "scenarios" / "midden_nederland.yaml"))
    p.add_argument("--python", default="/usr/bin/python3")
    a = p.parse_args()
    build = pathlib.Path(a.build).resolve()
    exe = build / "zccsim"
    env = {**os.environ, "PYTHONPATH": str(build / "python")}
    values = ", ".join(str(1 + i) for i in range(a.points))
    with tempfile.TemporaryDirectory(prefix="zccsim-bench-") as tmp:
        exp = pathlib.Path(tmp) / "sweep.yaml"
        # points differ in the zcc's around-the-clock GP shift: same work, different rosters
        exp.write_text(f"base: {a.scenario}\nreplications: {a.replications}\nseed: 1\n"
                       f"grid:\n  \"zcc.locations[0].rosters.gp[0].staff\": [{values}]\n")
        times: dict[str, list[float]] = {"cli": [], "python": [], "python_sweep_call": [], "cli_cpu": [],
                                         "python_cpu": []}
        load_before = os.getloadavg()
        for run in range(a.runs):
            for kind in ("cli", "python"):
                if kind == "cli":
                    cmd = [str(exe), "sweep", str(exp), "--threads", str(a.threads), "--quiet"]
                else:
                    cmd = [a.python, "-c", PY_CHILD, str(exp), str(a.threads)]
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
                wall = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                times[f"{kind}_cpu"].append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
                if proc.returncode != 0:
                    print(proc.stderr, file=sys.stderr)
                    return 2
                times[kind].append(wall)
                if kind == "python":
                    info = json.loads(proc.stdout.strip().splitlines()[-1])
                    assert info["rows"] == a.points * a.replications, info
                    times["python_sweep_call"].append(info["sweep_s"])
                print(f"run {run + 1}/{a.runs} {kind:6s} {wall:7.2f} s wall, {times[kind + '_cpu'][-1]:7.2f} s CPU",
                      file=sys.stderr, flush=True)
        load_after = os.getloadavg()
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["python"] / med["cli"]
    print(f"Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after.\n")
    print(f"Sweep: {a.points} points x {a.replications} replications = {a.points * a.replications} replications of "
          f"{pathlib.Path(a.scenario).name}, --threads {a.threads}, {a.runs} interleaved runs each.\n")
    def runs(k: str) -> str:
        return ", ".join(f"{x:.2f}" for x in times[k])

    print("| how | median wall s | runs, wall s | median CPU s (user + sys) | runs, CPU s |")
    print("|---|---:|---|---:|---|")
    print(f"| CLI `zccsim sweep` (whole process) | {med['cli']:.2f} | {runs('cli')} | {med['cli_cpu']:.2f} | "
          f"{runs('cli_cpu')} |")
    print(f"| Python `zccsim.sweep_file` (whole process) | {med['python']:.2f} | {runs('python')} | "
          f"{med['python_cpu']:.2f} | {runs('python_cpu')} |")
    print(f"| Python, the sweep_file call alone | {med['python_sweep_call']:.2f} | {runs('python_sweep_call')} | | |")
    print(f"\nPython / CLI CPU time (medians): {med['python_cpu'] / med['cli_cpu']:.3f}.")
    print(f"\nPython / CLI (medians, whole process): **{ratio:.3f}** "
          f"({(ratio - 1) * 100:+.1f} %; target <= +5 %: {'met' if ratio <= 1.05 else 'NOT met'}).")
    return 0 if ratio <= 1.05 else 1


if __name__ == "__main__":
    sys.exit(main())
