#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# scripts/make_national.py --own / --growth / --year (issue #13, "a region's
# own numbers"): the volumes it writes follow the rule in scenarios/README.md
# exactly, the scenario it writes is valid, and bad input names file:line.
# Usage: test_own_numbers.py ZCCSIM PROJECT_DIR
import os
import subprocess
import sys
import tempfile

import yaml

zccsim, root = sys.argv[1], sys.argv[2]
script = os.path.join(root, "scripts", "make_national.py")
example = os.path.join(root, "scenarios", "data", "own_numbers_example.csv")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED: " + what)


def gen(*args):
    return subprocess.run(["/usr/bin/python3", script, *args], capture_output=True, text=True)


def rows(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("region,"):
                continue
            region, measure, hour, count = line.strip().split(",")
            out[(region, measure, hour)] = float(count)
    return out


with tempfile.TemporaryDirectory() as tmp:
    # 1. the example for Midden-Nederland: the rule's volumes, exactly
    out = os.path.join(tmp, "midden_own.yaml")
    r = gen("--own", example, "--region", "midden", "--out", out)
    check(r.returncode == 0, "generator with --own exits 0: " + r.stderr)
    doc = yaml.safe_load(open(out, encoding="utf-8"))
    own = [g for g in doc["regions"] if g["name"] == "midden"][0]["demand"]
    pop = sum(a["population"] for a in doc["areas"] if a["region"] == "midden")
    check(pop == 1387643, "Midden-Nederland's population %d" % pop)
    counts = rows(example)
    week = [counts[("midden", "hap_calls", str(h))] for h in range(168)]
    per = pop / 1000.0
    close = lambda a, b: abs(a - b) <= 1e-8 * abs(b)
    check(close(own["hap_calls"]["per_1000_per_year"], sum(week) * 365 / 7 / per), "hap_calls volume")
    check(own["hap_calls"]["profile"]["hour_of_week"] == week, "hap_calls profile = the counts")
    rides = counts[("midden", "ambulance_rides_per_year", "")] / per / 80.6
    check(close(own["calls_112"]["per_1000_per_year"], 95 * rides), "calls_112 x rides over 80.6 per 1,000")
    check(close(own["planned_rides"]["per_1000_per_year"], 12 * rides), "planned_rides x the same")
    ed = counts[("midden", "ed_visits_per_year", "")] / per
    check(close(own["ed_walk_ins"]["per_1000_per_year"], 17.9 + ed - 103), "walk-ins + ED visits over 103 per 1,000")
    check(set(own) == {"hap_calls", "calls_112", "planned_rides", "ed_walk_ins"}, "only the streams the rule names")
    others = [g for g in doc["regions"] if g["name"] != "midden"]
    check(all("demand" not in g for g in others), "neighbours get no demand")
    v = subprocess.run([zccsim, "validate", out], capture_output=True, text=True)
    check(v.returncode == 0, "the written scenario is valid: " + v.stderr)

    # 2. growth: start_date in the year, demand_growth from 2023
    out2 = os.path.join(tmp, "midden_2030.yaml")
    r = gen("--growth", "0.015", "--year", "2030", "--region", "midden", "--out", out2)
    doc2 = yaml.safe_load(open(out2, encoding="utf-8"))
    check(str(doc2["start_date"]) == "2030-01-07", "start_date the first Monday of 2030: %s" % doc2["start_date"])
    check(doc2["demand_growth"] == {"per_year": 0.015, "base_year": 2023}, "demand_growth")
    v = subprocess.run([zccsim, "validate", out2], capture_output=True, text=True)
    check(v.returncode == 0, "the 2030 scenario is valid: " + v.stderr)

    # 3. bad input: the message names the file and line, exit 1, nothing written
    head = "region,measure,hour_of_week,count\n"
    cases = [
        ("bad_region.csv", head + "utrecht,ed_visits_per_year,,1000\n", ":2: unknown region 'utrecht'; allowed: brabant"),
        ("bad_measure.csv", head + "midden,deaths,,1\n", ":2: unknown measure 'deaths'; allowed: hap_calls"),
        ("bad_count.csv", "# c\n" + head + "midden,ed_visits_per_year,,-5\n", ":3: count must be a number >= 0, not '-5'"),
        ("missing_hours.csv", head + "midden,hap_calls,0,10\n", "hap_calls of midden misses hour_of_week 1, 2"),
        ("twice.csv", head + "midden,ed_visits_per_year,,150000\nmidden,ed_visits_per_year,,1\n",
         ":3: ed_visits_per_year of midden given twice (first at line 2)"),
        ("low_ed.csv", head + "midden,ed_visits_per_year,,10000\n", "supports at least 85.1 per 1,000"),
        ("header.csv", "region,measure,count\nmidden,x,1\n", ":1: the header must be region,measure,hour_of_week,count"),
    ]
    for name, text, expected in cases:
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        target = os.path.join(tmp, "never.yaml")
        r = gen("--own", path, "--out", target)
        check(r.returncode == 1, name + ": exit 1, not %d" % r.returncode)
        check(path in r.stderr and expected in r.stderr, name + ": message %r lacks %r" % (r.stderr, expected))
        check(not os.path.exists(target), name + ": nothing written")
    r = gen("--own", example)
    check(r.returncode == 1 and "need --out FILE" in r.stderr, "--own without --out refused")
    r = gen("--own", example, "--out", example)
    check(r.returncode == 1 and "is an input" in r.stderr, "--out over the input refused")

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
