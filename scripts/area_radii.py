#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The radius of each area's disc (areas[].radius_km): a disc of the same area as its municipality.

Reads scenarios/data/municipalities_nl.geojson (the 342 municipalities of 2023)
and scenarios/data/municipalities_nl.csv (population), and gives each
municipality the radius of a disc of its polygon's area (km2, an equirectangular
projection at the polygon's mean latitude; the generalised CBS polygons include
inland water). An area that is a part of a municipality split into k parts
("NAME i/k", scripts/make_national.py) gets a disc of area / k; the default
region's four hand-made districts of Utrecht ("Utrecht-...", midden_nederland.yaml)
area / 4. scripts/make_national.py writes the same radius on every area it generates
(national.yaml, regions/*.yaml); midden_nederland.yaml carries its 29 (issue #13).

Standard library and PyYAML (python3-yaml, scripts/deps); deterministic.
Run: /usr/bin/python3 scripts/area_radii.py [--scale F]
       print each municipality's radius (km) and the population-weighted mean
       distance of an inhabitant from the centroid (2/3 of the radius) per ROAZ region
     /usr/bin/python3 scripts/area_radii.py [--scale F] --write IN.yaml OUT.yaml
       copy the scenario IN.yaml to OUT.yaml with radius_km = F x the disc's
       radius on every area (F: 1 by default; below 1: inhabitants denser near
       the centroid than uniform)
"""
import csv
import json
import math
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "scenarios", "data")
KM_PER_DEG = 111.2  # km per degree of latitude (as make_national.py)


def ring_km2(ring):
    """The area of a closed (lon, lat) ring in km2, unsigned."""
    lat0 = sum(p[1] for p in ring) / len(ring)
    kx = KM_PER_DEG * math.cos(lat0 * math.pi / 180)
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += (x1 * kx) * (y2 * KM_PER_DEG) - (x2 * kx) * (y1 * KM_PER_DEG)
    return abs(s) / 2


def polygon_km2(rings):
    return ring_km2(rings[0]) - sum(ring_km2(r) for r in rings[1:])  # the outer ring minus its holes


def municipality_km2():
    with open(os.path.join(DATA, "municipalities_nl.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    out = {}
    for ft in features:
        g = ft["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        out[ft["properties"]["name"]] = sum(polygon_km2(p) for p in polys)
    return out


def disc_radius(km2):
    return math.sqrt(km2 / math.pi)


def mean_km_to_disc(d, r):
    """The mean straight-line km from a point d km from a disc's centre to the disc of radius r: the
    same 12 x 12 midpoint rule as the model's mean_km_to_disc (models/acute/geography.cpp)."""
    if r <= 0:
        return d
    rings = angles = 12
    total = 0.0
    for k in range(rings):
        rk = r * math.sqrt((k + 0.5) / rings)
        turn = 0.0 if k % 2 == 0 else 0.5
        for m in range(angles):
            t = 2.0 * math.pi * (m + turn) / angles
            total += math.sqrt(max(0.0, d * d - 2.0 * d * rk * math.cos(t) + rk * rk))
    return total / (rings * angles)


def area_radius(name, km2):
    """The disc radius (km) of the area called `name` (a municipality, a part "NAME i/k", or "Utrecht-...")."""
    m = re.fullmatch(r"(.+) (\d+)/(\d+)", name)
    if m and m.group(1) in km2:
        return disc_radius(km2[m.group(1)] / int(m.group(3)))
    if name in km2:
        return disc_radius(km2[name])
    if name.startswith("Utrecht-"):
        return disc_radius(km2["Utrecht"] / 4)
    sys.exit("area_radii: area '%s' is no municipality of municipalities_nl.geojson, no part 'NAME i/k' of one "
             "and no Utrecht district" % name)


def write(src, dst, scale, km2):
    """src with radius_km on every area, to dst (its extends: made absolute, so dst may lie anywhere)."""
    with open(src, encoding="utf-8") as f:
        scenario = yaml.safe_load(f)
    areas = scenario.get("areas") or []
    if not areas:
        sys.exit("area_radii: no areas in %s" % src)
    for a in areas:
        a["radius_km"] = round(scale * area_radius(a["name"], km2), 2)
    if "extends" in scenario:
        scenario["extends"] = os.path.abspath(os.path.join(os.path.dirname(src), scenario["extends"]))
    with open(dst, "w", encoding="utf-8") as f:
        yaml.safe_dump(scenario, f, sort_keys=False, allow_unicode=True)
    print("area_radii: %s: radius_km on %d areas (x %g) -> %s" % (src, len(areas), scale, dst))


def main(argv):
    scale = 1.0
    if "--scale" in argv:
        scale = float(argv[argv.index("--scale") + 1])
        if not 0 <= scale <= 2:
            sys.exit("area_radii: --scale must be in [0, 2]")
    km2 = municipality_km2()
    if "--write" in argv:
        i = argv.index("--write")
        if i + 2 >= len(argv):
            sys.exit("area_radii: --write needs IN.yaml OUT.yaml")
        write(argv[i + 1], argv[i + 2], scale, km2)
        return
    with open(os.path.join(DATA, "municipalities_nl.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_region = {}
    print("| municipality | km2 | disc radius km |")
    print("|---|---|---|")
    for r in sorted(rows, key=lambda r: r["name"]):
        rad = scale * disc_radius(km2[r["name"]])
        print("| %s | %.1f | %.2f |" % (r["name"], km2[r["name"]], rad))
        acc = by_region.setdefault(r["roaz_region"].split(" (")[0], [0.0, 0.0])
        acc[0] += int(r["population"]) * 2 / 3 * rad
        acc[1] += int(r["population"])
    print("\n| ROAZ region | population-weighted mean distance from the centroid, km (2/3 radius) |")
    print("|---|---|")
    for k in sorted(by_region):
        print("| %s | %.2f |" % (k, by_region[k][0] / by_region[k][1]))
    tot = [sum(v[0] for v in by_region.values()), sum(v[1] for v in by_region.values())]
    print("| national | %.2f |" % (tot[0] / tot[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
