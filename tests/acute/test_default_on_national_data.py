#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The default region is one region of the national data (issue #13): every
# area of scenarios/midden_nederland.yaml is a municipality of
# data/municipalities_nl.csv in ROAZ region Midden-Nederland (same population
# and centroid) or a district of one (the districts sum to it), together all of
# the region; every ED and ambulance post (own and neighbours') sits at a site
# of data/sites_nl.csv; HAP posts within 1 km of one (the default's list is
# older than RIVM 2025: stated in scenarios/README.md).
# Usage: test_default_on_national_data.py PROJECT_DIR
import csv
import math
import os
import sys

import yaml

root = sys.argv[1]
default = yaml.safe_load(open(os.path.join(root, "scenarios", "midden_nederland.yaml"), encoding="utf-8"))
with open(os.path.join(root, "scenarios", "data", "municipalities_nl.csv"), encoding="utf-8") as f:
    munis = {m["name"]: m for m in csv.DictReader(f) if m["roaz_region"].startswith("Midden-Nederland")}
with open(os.path.join(root, "scenarios", "data", "sites_nl.csv"), encoding="utf-8") as f:
    sites = list(csv.DictReader(f))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED: " + what)


def km(a, b):
    p = math.pi / 180
    x = math.sin((b[0] - a[0]) * p / 2) ** 2 + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(x))


own = {r["name"] for r in default["regions"] if r.get("own", True)}
by_municipality = {}
for a in default["areas"]:
    if a["region"] not in own:
        continue
    name = a["name"]
    if name not in munis:  # a district: "Utrecht-Noord (...)" is part of Utrecht
        name = name.split(" (")[0].split("-")[0]
        check(name in munis, "area %s: no municipality %s in Midden-Nederland" % (a["name"], name))
    else:
        m = munis[name]
        check(a["population"] == int(m["population"]), "%s population %s vs %s" % (name, a["population"], m["population"]))
        check(km((a["lat"], a["lon"]), (float(m["lat"]), float(m["lon"]))) < 0.05, "%s centroid" % name)
    by_municipality.setdefault(name, []).append(a["population"])
for name, pops in by_municipality.items():
    check(sum(pops) == int(munis[name]["population"]), "%s: its areas sum to %d, not %s" % (name, sum(pops), munis[name]["population"]))
check(set(by_municipality) == set(munis), "the default's municipalities are the region's: missing %s"
      % sorted(set(munis) - set(by_municipality)))
kinds = {"ed": ("ed_hospital", 0.01), "ambulance_station": ("ambulance_station", 0.01), "hap": ("hap", 1.0)}
counted = 0
for s in default["sites"]:
    if s["kind"] not in kinds:
        continue
    kind, tol = kinds[s["kind"]]
    d = min(km((s["lat"], s["lon"]), (float(r["lat"]), float(r["lon"]))) for r in sites if r["kind"] == kind)
    check(d <= tol, "site %s is %.3f km from the nearest %s of sites_nl.csv (at most %g)" % (s["id"], d, kind, tol))
    counted += 1
check(counted >= 40, "%d EDs, HAP posts and ambulance posts checked" % counted)
print("%d municipalities, %d sites checked; %d failure(s)" % (len(by_municipality), counted, len(failures)))
sys.exit(1 if failures else 0)
