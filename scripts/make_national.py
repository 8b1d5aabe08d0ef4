#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes scenarios/national.yaml, variants/national_zcc.yaml and regions/*.yaml from the national data.

Reads scenarios/data/municipalities_nl.csv (342 municipalities, 1 Jan 2023),
sites_nl.csv (EDs, ambulance stations, HAP posts, GGZ crisis sites),
roaz_adjacency.csv (which ROAZ regions border each other) and
roaz_regions.csv (the 10 ROAZ regions). Every municipality is an area (large
ones split into parts), every site is at its place, and every capacity is
sized by ONE rule: the default region's capacity (scenarios/midden_nederland.yaml,
which the scenarios extend: today's chain, and variants/zcc.yaml) times the
ratio of the unit's own offered load to the default's (scenarios/README.md,
"The national scenario", gives the rule for each kind). national.yaml is
today's chain (every region its own today's lines); variants/national_zcc.yaml
extends it with the zcc variant's keys (read from variants/zcc.yaml) and one
zcc per region: the nationwide zcc. Nothing is copied from another
region. Every area and ambulance station names its RAV (the safety region of
its municipality), and ambulances help across RAV borders under
help_after_minutes (the default's 10).

Standard library and PyYAML (python3-yaml, scripts/deps); deterministic (same input -> same bytes).
Run: /usr/bin/python3 scripts/make_national.py [--check] [--region NAME [--out FILE]]
  (none)          write scenarios/national.yaml, scenarios/variants/national_zcc.yaml and
                  scenarios/regions/NAME.yaml for all 10 regions
  --check         exit 1 if any of those files differs from what would be written
  --region NAME   write only that region's scenario (NAME: noord, euregio, zwolle, oost,
                  midden, nhf, west, zuidwest, brabant, limburg), to --out FILE or
                  scenarios/regions/NAME.yaml
  --summary       (without --region) also print the sizing per region as a markdown table
  --zccsim BIN    (without --region) then write scenarios/data/national_catchments.csv with
                  `BIN validate scenarios/national.yaml --catchments` and, if it changed, size and
                  write everything again (after a change of the data: the EDs and posts are sized
                  by the model's catchments, which depend on the places only)
A planner's own numbers (written to --out FILE, never over the shipped files):
  --own FILE.csv  regions' own observed counts in place of the national rates
                  (scenarios/README.md, "A region's own numbers"; example:
                  scenarios/data/own_numbers_example.csv)
  --growth G      demand growth per year (a share, e.g. 0.015) from BASE_YEAR ...
  --year Y        ... to the year Y looked at (start_date: Y's first Monday)
"""
import csv
import datetime
import math
import os
import re
import subprocess
import sys
import tempfile

import yaml

import area_radii  # noqa: E402 (scripts/area_radii.py: the disc of each municipality)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "scenarios", "data")
OUT = os.path.join(ROOT, "scenarios", "national.yaml")
OUT_ZCC = os.path.join(ROOT, "scenarios", "variants", "national_zcc.yaml")
DEFAULT_FILE = os.path.join(ROOT, "scenarios", "midden_nederland.yaml")
ZCC_FILE = os.path.join(ROOT, "scenarios", "variants", "zcc.yaml")
REGION_DIR = os.path.join(ROOT, "scenarios", "regions")
# each area's ED and GP post as the model routes (by road, from the area's disc):
# `zccsim validate scenarios/national.yaml --catchments` writes it (tests/acute/
# test_regions.cpp checks it is up to date)
CATCHMENTS = os.path.join(DATA, "national_catchments.csv")


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def roster_shifts(value):
    """A scenario Roster (a number around the clock, or a list of {days, from, to, staff}) as
    [(days, from, to, staff)]."""
    if isinstance(value, int):
        return [("all", 0, 24, value)] if value else []
    return [(x["days"], x["from"], x["to"], x["staff"]) for x in value]


def expand(shifts):
    """168 hourly values (Monday 00:00 first) of a shift list."""
    days = {"all": range(7), "weekdays": range(5), "weekend": (5, 6)}
    out = [0] * 168
    for d, f, t, s in shifts:
        for day in days[d]:
            for h in range(f, t):
                out[day * 24 + h] += s
    return out


# The default region (today's chain) and its zcc variant, read once: every
# capacity below that is the default's comes from these files, not a copy.
DEFAULT_SCENARIO = load_yaml(DEFAULT_FILE)
ZCC_SCENARIO = load_yaml(ZCC_FILE)
_DEFAULT_SITES = {s["id"]: s for s in DEFAULT_SCENARIO["sites"]}

# ROAZ region (prefix of roaz_region in the CSVs) -> (short id, municipality of
# its zcc). The zcc sits in the trauma-centre city (ASSUMED: no region but
# Midden-Nederland has published a zcc site; placeholder = the municipality's
# centroid); Midden-Nederland's is in Zeist (zcc-mnl.nl, data/README.md).
REGIONS = [
    ("Noord-Nederland", "noord", "Groningen"),
    ("Euregio", "euregio", "Enschede"),
    ("Zwolle", "zwolle", "Zwolle"),
    ("Oost", "oost", "Nijmegen"),
    ("Midden-Nederland", "midden", "Zeist"),
    ("Noord-Holland/Flevoland", "nhf", "Amsterdam"),
    ("West", "west", "Leiden"),
    ("Zuidwest-Nederland", "zuidwest", "Rotterdam"),
    ("Brabant", "brabant", "Tilburg"),
    ("Limburg", "limburg", "Maastricht"),
]
DEFAULT = "midden"            # the default region: every capacity is scaled from it
DEFAULT_POP = sum(a["population"] for a in DEFAULT_SCENARIO["areas"] if a["region"] == "midden")  # 1,387,643

# Large municipalities: k = ceil(population / PART) parts of equal population
# (ASSUMPTION, as the default region splits Utrecht into 4 parts of 92,000),
# placed at the centroids of k equal sectors of a disc of the city's area at
# URBAN_DENSITY around its population-weighted centroid (first sector centred
# on north, clockwise), so that their mean is the centroid.
PART = 100000
URBAN_DENSITY = 4000.0        # inhabitants per km2 (ASSUMPTION, range 2,000-7,000; Utrecht 2023 about 3,900)

# Road of the default (midden_nederland.yaml `road`), for the offered-load estimates.
DETOUR = DEFAULT_SCENARIO["road"]["detour_factor"]
SPEED, URGENT_SPEED = float(DEFAULT_SCENARIO["road"]["speed_kmh"]), float(DEFAULT_SCENARIO["road"]["urgent_speed_kmh"])

# The default's capacities (scenarios/midden_nederland.yaml, variants/zcc.yaml):
# (days, from, to, staff).
_ZCC_ROSTERS = ZCC_SCENARIO["zcc"]["locations"][0]["rosters"]
ZCC_GP, ZCC_AMBULANCE = roster_shifts(_ZCC_ROSTERS["gp"]), roster_shifts(_ZCC_ROSTERS["ambulance"])
DISPATCHERS = roster_shifts(DEFAULT_SCENARIO["dispatchers"])
HOME_VISIT_CARS = roster_shifts(DEFAULT_SCENARIO["home_visit_cars"])
NURSING_TEAMS = roster_shifts(DEFAULT_SCENARIO["nursing_teams"])
# HAP post of Utrecht stad (hap_utrecht_stad) and the catchment it is sized for (ASSUMPTION).
HAP_GPS = roster_shifts(_DEFAULT_SITES["hap_utrecht_stad"]["gps"])
HAP_CATCHMENT = 230000
# An ED with limited hours (RIVM 2025 gives no hours) is open 08:00-23:00
# (ASSUMPTION, range 07-23 to 08-22: the evening EDs of TNO 2019 ("avond")).
ED_LIMITED_HOURS = (8, 23)
ED_PLACES = 108               # all ED places the default region's patients use (own 96 + neighbour 12)
# Hospital beds (issue #13; scenarios/README.md, "Hospital"): an ED's hospital has
# the beds its admitted load needs at an 85 % occupancy target (ASSUMPTION: the
# usual planning norm): admissions per inhabitant-year x the population nearest
# to the ED x the mean stay / 365 / 0.85, rounded up. Admissions per 1,000 a year:
# today's chain (the scenario national.yaml is): the default's ED visits 103.3 x
# admitted share 0.372 + direct admissions 22.2 (tests/fingerprints/golden/default.txt)
# = 60.6. The nationwide zcc (national_zcc.yaml) admits 58.3 to the same beds.
HOSPITAL_ADMISSIONS_PER_1000 = 60.6
HOSPITAL_OCCUPANCY = 0.85
HOSPITAL_LOS = (5.0, 5.0)          # lognormal mean and sd, days (ASSUMPTION: CBS/DHD mean clinical stay ~5 d)
HOSPITAL_TRANSFER_PREP = 60        # minutes (ASSUMPTION, range 30-120)
HOSPITAL_BED_DAY = 550             # euro (ASSUMPTION: kostenhandleiding 476 at 2014 prices, indexed)
HOSPITAL_TRANSFER = 520            # euro (ASSUMPTION: a B ride 374.78 + 30 km x 4.83)
# the default's staffed ambulances by hour of the week (its own posts' rosters summed);
# at night (Monday 03 h) and on workdays by day (Monday 12 h)
_DEFAULT_POSTS = [s for s in DEFAULT_SCENARIO["sites"] if s["kind"] == "ambulance_station" and s["region"] == "midden"]
AMB_WEEK = [sum(expand(roster_shifts(s["vehicles"]))[h] for s in _DEFAULT_POSTS) for h in range(168)]
AMB_NIGHT, AMB_DAY = AMB_WEEK[3], AMB_WEEK[12]
# Vehicles (reserve included) per ambulance staffed on workdays by day: the RAVs'
# 881 ambulances at the end of 2020 (AZN, vzinfo "Kengetallen ambulancezorg") over
# the 642 the RIVM reference framework 2020 needs on workdays by day (RIVM-briefrapport
# 2020-0122); 790 / 608 = 1.30 for 2017; AZN's 940 (2022/23) over the 692 RIVM needs for
# 2023 (from 2022's rides) = 1.36. PUBLISHED ratio, used only to report the fleet
# in vehicles beside AZN's count (--summary); the model runs the staffed ones.
VEHICLES_PER_STAFFED = 881 / 642
NEIGHBOUR_VEHICLES = 1        # a neighbour's border post in a one-region scenario (ASSUMPTION, as the default)
_DEFAULT_GGZ = [s for s in DEFAULT_SCENARIO["sites"] if s["kind"] == "ggz_crisis" and s["region"] == "midden"]
GGZ_SITES = len(_DEFAULT_GGZ)  # the default's crisis sites (Altrecht Utrecht and Zeist)
GGZ_TEAMS = roster_shifts(_DEFAULT_GGZ[0]["teams"])
VVT_BEDS = [s for s in DEFAULT_SCENARIO["sites"] if s["kind"] == "vvt" and s["region"] == "midden"][0]["beds"]
# Ambulance-ride busy time (offered-load estimate): the default's mean dispatch
# delay + on scene (3.5 + 20 minutes), transported 75 % with its mean handover
# (15 minutes) (midden_nederland.yaml `ambulance`; ~25 % of rides without transport).
_AMB = DEFAULT_SCENARIO["ambulance"]
AMB_FIXED = float(_AMB["dispatch_delay"]["mean"]) + float(_AMB["on_scene"]["mean"])
AMB_TRANSPORT, AMB_HANDOVER = 0.75, float(_AMB["handover"]["mean"])
HOME_VISIT = 25.0             # minutes at a home visit (midden_nederland.yaml responses.gp_home_visit)

# Availability in the RIVM 2019 list -> the hours a post is staffed (RULE:
# "24 uur" and "24 uur DAM/VWS" around the clock; "Dag/avond" 07-23 h as in
# the default; "Nacht" 23-07 h; "Opkomst" (crews called in) ASSUMED 07-23 h).
DAY, NIGHT = (7, 23), ((0, 7), (23, 24))
AVAILABILITY = {"24 uur": "24h", "24 uur DAM/VWS": "24h", "Dag/avond": "day", "Nacht": "night", "Opkomst": "day"}


# Ambulance help across RAV borders: the default region's bound (midden_nederland.yaml
# ambulance.help_after_minutes; scenarios/README.md, "The national scenario").
HELP_AFTER_MINUTES = 10
# Help across dispatch centres (sites_nl.csv kind=dispatch_centre, work_area):
# another centre's RAV helps only when the own centre's nearest free vehicle
# drives longer than this (ASSUMPTION: the same bound as within a centre, range
# 10-15 minutes), and its dispatch waits for the call between the two dispatch
# rooms (ASSUMPTION: 2 minutes, range 1-3).
HELP_OTHER_CENTRE_AFTER_MINUTES = 10
HELP_REQUEST_MINUTES = 2


# A region's own numbers (--own): the published national figures the default's
# rates are calibrated to (scenarios/calibration.csv), and the year of its rates.
NATIONAL_RIDES_PER_1000 = 80.6    # vzinfo/AZN 2022
NATIONAL_ED_PER_1000 = 103.0      # vzinfo 2022
BASE_YEAR = 2023                  # the rates' year (2022-23 figures; population 1 Jan 2023)
OWN_MEASURES = ("hap_calls", "ambulance_rides_per_year", "ed_visits_per_year")


def top_level_blocks(path):
    """{key: its lines} of every top-level key of a scenario file: the key's line and the
    indented lines under it (comments at column 0 belong to no block)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    blocks, key = {}, None
    for line in lines:
        m = re.match(r"^([a-z_]+):", line)
        if m:
            key = m.group(1)
            blocks[key] = [line]
        elif key is not None and line.startswith(" "):
            blocks[key].append(line)
        else:
            key = None
    return blocks


def today_lines():
    """The default's today's lines (midden_nederland.yaml fragmented_rosters): [(discipline, shifts)]."""
    lines = DEFAULT_SCENARIO.get("fragmented_rosters") or {}
    if list(lines) != ["gp", "ambulance", "ggz", "vvt"]:
        sys.exit("make_national: %s: fragmented_rosters must give gp, ambulance, ggz and vvt" % DEFAULT_FILE)
    return [(disc, roster_shifts(v)) for disc, v in lines.items()]


def default_volumes():
    """per_1000_per_year of each demand stream of the default (midden_nederland.yaml)."""
    return {k: float(v["per_1000_per_year"]) for k, v in DEFAULT_SCENARIO["demand"].items()}


def read_own(path, pop):
    """A region's own volumes from observed counts (scenarios/README.md, "A region's own numbers"):
    {region: {stream: (per_1000_per_year, profile or None)}}. Errors name file:line."""
    known = {rid for _, rid, _ in REGIONS}
    base = default_volumes()
    seen = {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        sys.exit("make_national: --own %s: %s" % (path, getattr(e, "strerror", None) or e))
    numbered = [(i + 1, l) for i, l in enumerate(text.splitlines()) if l.strip() and not l.startswith("#")]
    rows = csv.DictReader(l for _, l in numbered)
    if rows.fieldnames is None or rows.fieldnames != ["region", "measure", "hour_of_week", "count"]:
        sys.exit("make_national: %s:%d: the header must be region,measure,hour_of_week,count"
                 % (path, numbered[0][0] if numbered else 1))
    for row, (line, _) in zip(rows, numbered[1:]):
        if None in row or None in row.values():
            sys.exit("make_national: %s:%d: a row has 4 fields: region,measure,hour_of_week,count" % (path, line))
        where = "%s:%d" % (path, line)
        rid, measure = row["region"].strip(), row["measure"].strip()
        if rid not in known:
            sys.exit("make_national: %s: unknown region '%s'; allowed: %s" % (where, rid, ", ".join(sorted(known))))
        if measure not in OWN_MEASURES:
            sys.exit("make_national: %s: unknown measure '%s'; allowed: %s" % (where, measure, ", ".join(OWN_MEASURES)))
        try:
            count = float(row["count"])
        except ValueError:
            count = -1.0
        if not (count >= 0 and math.isfinite(count)):
            sys.exit("make_national: %s: count must be a number >= 0, not '%s'" % (where, row["count"]))
        hour = row["hour_of_week"].strip()
        if measure == "hap_calls":
            if not hour.isdigit() or int(hour) > 167:
                sys.exit("make_national: %s: hap_calls needs hour_of_week 0..167 (Monday 00-01 h = 0), not '%s'" % (where, hour))
            key = (rid, measure, int(hour))
        else:
            if hour:
                sys.exit("make_national: %s: %s is a count per year; leave hour_of_week empty" % (where, measure))
            key = (rid, measure, None)
        if key in seen:
            sys.exit("make_national: %s: %s of %s%s given twice (first at line %d)" % (
                where, measure, rid, "" if key[2] is None else " hour %d" % key[2], seen[key]))
        seen[key] = line
        seen[(rid, measure, "count", key[2])] = count
    own = {}
    for rid in sorted({k[0] for k in seen}):
        per = pop[rid] / 1000.0
        v = {}
        hours = [seen.get((rid, "hap_calls", "count", h)) for h in range(168)]
        if any(x is not None for x in hours):
            missing = [h for h in range(168) if hours[h] is None]
            if missing:
                sys.exit("make_national: %s: hap_calls of %s misses hour_of_week %s (all 168 hours are needed)"
                         % (path, rid, ", ".join(str(h) for h in missing[:10]) + (" ..." if len(missing) > 10 else "")))
            if sum(hours) <= 0:
                sys.exit("make_national: %s: hap_calls of %s are all zero" % (path, rid))
            v["hap_calls"] = (sum(hours) * 365.0 / 7.0 / per, hours)
        rides = seen.get((rid, "ambulance_rides_per_year", "count", None))
        if rides is not None:
            f = rides / per / NATIONAL_RIDES_PER_1000
            for stream in ("calls_112", "planned_rides"):
                v[stream] = (base[stream] * f, None)
        ed = seen.get((rid, "ed_visits_per_year", "count", None))
        if ed is not None:
            walk_ins = base["ed_walk_ins"] + ed / per - NATIONAL_ED_PER_1000
            if walk_ins < 0:
                sys.exit("make_national: %s: ed_visits_per_year of %s is %.1f per 1,000; the rule (the difference to "
                         "the national %.0f goes to walk-ins, %.1f per 1,000) supports at least %.1f per 1,000"
                         % (path, rid, ed / per, NATIONAL_ED_PER_1000, base["ed_walk_ins"],
                            NATIONAL_ED_PER_1000 - base["ed_walk_ins"]))
            v["ed_walk_ins"] = (walk_ins, None)
        own[rid] = v
    return own


def first_monday(year):
    d = datetime.date(year, 1, 1)
    return d + datetime.timedelta(days=(7 - d.weekday()) % 7)


def layers(day):
    """Nested (from, to, staff) intervals whose sum is the 24 values `day`."""
    res = []

    def rec(lo, hi, base):
        if lo >= hi:
            return
        m = min(day[lo:hi])
        if m > base:
            res.append((lo, hi, m - base))
        i = lo
        while i < hi:
            if day[i] == m:
                i += 1
                continue
            j = i
            while j < hi and day[j] != m:
                j += 1
            rec(i, j, m)
            i = j

    rec(0, 24, 0)
    return res


def to_shifts(hours):
    """Shift list for 168 values that are equal on all weekdays and on both weekend days."""
    wd, we = hours[0:24], hours[120:144]
    base = min(min(wd), min(we))
    out = [("all", 0, 24, base)] if base > 0 else []
    a, b = layers([x - base for x in wd]), layers([x - base for x in we])
    out += [("all",) + x for x in a if x in b]          # the same on every day
    out += [("weekdays",) + x for x in a if x not in b]
    out += [("weekend",) + x for x in b if x not in a]
    assert expand(out) == hours
    return out


def scaled(shifts, factor, minimum):
    """The default's roster x factor, hour by hour, rounded; at least `minimum` where the default has staff."""
    return to_shifts([max(minimum, int(round(x * factor))) if x > 0 else 0 for x in expand(shifts)])


def constant_staff(shifts):
    """The staff of a roster that is the same around the clock (0 for none), else None."""
    if not shifts:
        return 0
    if len(shifts) == 1 and shifts[0][0] == "all" and shifts[0][1:3] == (0, 24):
        return shifts[0][3]
    return None


def roster_yaml(shifts, indent):
    if constant_staff(shifts) is not None:
        return " %d" % constant_staff(shifts)
    return "".join("\n%s- {days: %s, from: %d, to: %d, staff: %d}" % (indent, d, f, t, s)
                   for d, f, t, s in shifts)


ANCHORS = {}  # roster text -> YAML anchor, per file written (a repeated roster is an alias: a smaller file loads faster)


def roster_value(shifts):
    """A roster as one value: a number when the same around the clock, else an inline list."""
    n = constant_staff(shifts)
    return inline_roster(shifts) if n is None else "%d" % n


def inline_roster(shifts):
    text = "[%s]" % ", ".join("{days: %s, from: %d, to: %d, staff: %d}" % s for s in shifts)
    if text in ANCHORS:
        return "*" + ANCHORS[text]
    ANCHORS[text] = "r%d" % (len(ANCHORS) + 1)
    return "&%s %s" % (ANCHORS[text], text)


def haversine(a, b):
    r, p = 6371.0088, math.pi / 180
    x = (math.sin((b[0] - a[0]) * p / 2) ** 2 +
         math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(x))


def minutes(a, b, speed):
    return haversine(a, b) * DETOUR / speed * 60.0


def disc_minutes(site, area, speed):
    """Mean minutes from `site` to the inhabitants of `area`, spread over its disc (as the model's
    geography table: straight line x detour, the disc's mean distance in place of the centroid's)."""
    return area_radii.mean_km_to_disc(haversine(site, pos(area)), round(area["radius"], 2)) * DETOUR / speed * 60.0


def ride_minutes(station, area, ed):
    """An ambulance's busy minutes for a ride of `area` from the post `station`, its patient taken to
    the ED `ed` (the offered-load estimate: dispatch and on scene, the drive there and back, and for
    the AMB_TRANSPORT share the drive to the ED and back with the handover)."""
    scene = disc_minutes(pos(station), area, URGENT_SPEED)
    to_ed = disc_minutes(pos(ed), area, SPEED)
    return AMB_FIXED + 2 * scene + AMB_TRANSPORT * (2 * to_ed + AMB_HANDOVER)


def split(total, weights):
    """Integers proportional to weights summing exactly to total (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(math.floor(x)) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))[:total - sum(out)]:
        out[i] += 1
    return out


def quote(s):
    return '"%s"' % s.replace('"', '\\"') if any(c in s for c in ":'#,-{}[]()/&") or " " in s else s


def attrs(row):
    out = {}
    for part in row["attributes"].split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def short_name(name):
    """A site's name without the address in parentheses."""
    return name.split(" (")[0].strip()


def read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Data:
    """The national data: regions, areas (municipalities and parts) and sites."""

    def __init__(self):
        roaz = read_csv("roaz_regions.csv")
        self.regions = []      # (id, full name, zcc municipality)
        self.rid = {}          # full roaz_region name -> id
        for key, rid, zcc in REGIONS:
            match = [r["roaz_region"] for r in roaz if r["roaz_region"].startswith(key)]
            if len(match) != 1:
                sys.exit("make_national: region '%s' found %d times in roaz_regions.csv" % (key, len(match)))
            self.regions.append((rid, match[0], zcc))
            self.rid[match[0]] = rid
        if len(self.regions) != len(roaz):
            sys.exit("make_national: roaz_regions.csv has %d regions, the script knows %d" % (len(roaz), len(REGIONS)))
        self.adjacent = {rid: set() for rid, _, _ in self.regions}
        for r in read_csv("roaz_adjacency.csv"):
            a, b = self.rid[r["roaz_region_a"]], self.rid[r["roaz_region_b"]]
            self.adjacent[a].add(b)
            self.adjacent[b].add(a)
        self.municipalities = sorted(read_csv("municipalities_nl.csv"), key=lambda m: (self.order(m), m["name"]))
        self.areas = []        # dict(name, pop, lat, lon, region, rav, radius)
        self.parts = {}        # municipality -> number of parts
        self.km2 = area_radii.municipality_km2()
        for m in self.municipalities:
            self.add_municipality(m)
        self.pop = {rid: sum(a["pop"] for a in self.areas if a["region"] == rid) for rid, _, _ in self.regions}
        self.centroid = {m["name"]: (float(m["lat"]), float(m["lon"])) for m in self.municipalities}
        # RAV areas: a municipality's safety region (veiligheidsregio_code); a site's is
        # that of the municipality it lies in (cbs_code: point in polygon, sites_nl.csv)
        self.rav_name = {m["veiligheidsregio_code"]: m["veiligheidsregio_name"] for m in self.municipalities}
        rav_of_cbs = {m["cbs_code"]: m["veiligheidsregio_code"] for m in self.municipalities}
        self.sites = {"ed": [], "hap": [], "amb": [], "ggz": []}
        rows = sorted(read_csv("sites_nl.csv"), key=lambda s: (self.order(s), s["kind"], s["name"]))
        for s in rows:
            a = attrs(s)
            if s["cbs_code"] not in rav_of_cbs:
                sys.exit("make_national: sites_nl.csv: site '%s' lies in municipality %s, not in municipalities_nl.csv"
                         % (s["name"], s["cbs_code"]))
            site = {"name": short_name(s["name"]), "lat": float(s["lat"]), "lon": float(s["lon"]),
                    "region": self.rid[s["roaz_region"]], "municipality": s["municipality"],
                    "rav": rav_of_cbs[s["cbs_code"]]}
            if s["kind"] == "ed_hospital":
                if a.get("rivm_seh_2025") not in ("24/7", "limited hours"):
                    continue
                site["hours"] = a["rivm_seh_2025"]
                self.sites["ed"].append(site)
            elif s["kind"] == "hap":
                site["all_anw"] = a.get("open_all_ANW_hours") == "true"
                self.sites["hap"].append(site)
            elif s["kind"] == "ambulance_station":
                av = a["availability"]
                if av not in AVAILABILITY:
                    sys.exit("make_national: ambulance availability '%s' unknown; known: %s"
                             % (av, ", ".join(AVAILABILITY)))
                site["availability"], site["hours"] = av, AVAILABILITY[av]
                self.sites["amb"].append(site)
            elif s["kind"] == "ggz_crisis":
                self.sites["ggz"].append(site)
        # dispatch centres: each with the RAVs of its work area (VRxx codes)
        self.centres = []      # dict(id, name, lat, lon, ravs)
        for s in read_csv("sites_nl.csv"):
            if s["kind"] != "dispatch_centre":
                continue
            name = short_name(s["name"])
            ravs = re.findall(r"\bVR\d\d\b", attrs(s).get("work_area", ""))
            unknown = [r for r in ravs if r not in self.rav_name]
            if not ravs or unknown:
                sys.exit("make_national: sites_nl.csv: dispatch centre '%s' work_area names %s; known RAVs: %s"
                         % (name, ", ".join(unknown) or "no VRxx code", ", ".join(sorted(self.rav_name))))
            cid = "mk_" + re.sub(r"[^a-z0-9]+", "_", name.lower().replace("meldkamer ", "")).strip("_")
            self.centres.append({"id": cid, "name": name, "lat": float(s["lat"]), "lon": float(s["lon"]),
                                 "ravs": sorted(ravs)})
        self.centres.sort(key=lambda c: c["ravs"][0])
        self.centre_of = {}
        for c in self.centres:
            for r in c["ravs"]:
                if r in self.centre_of:
                    sys.exit("make_national: RAV %s is in dispatch centres %s and %s" % (r, self.centre_of[r], c["id"]))
                self.centre_of[r] = c["id"]
        if set(self.centre_of) != set(self.rav_name):
            sys.exit("make_national: RAVs in no dispatch centre: %s"
                     % ", ".join(sorted(set(self.rav_name) - set(self.centre_of))))
        for kind, prefix in (("ed", "ed"), ("hap", "hap"), ("amb", "amb"), ("ggz", "ggz")):
            count = {}
            for site in self.sites[kind]:
                count[site["region"]] = count.get(site["region"], 0) + 1
                site["id"] = "%s_%s_%d" % (prefix, site["region"], count[site["region"]])

    def order(self, row):
        return [rid for rid, _, _ in self.regions].index(self.rid[row["roaz_region"]])

    def add_municipality(self, m):
        pop, lat, lon = int(m["population"]), float(m["lat"]), float(m["lon"])
        rid, rav = self.rid[m["roaz_region"]], m["veiligheidsregio_code"]
        k = max(1, math.ceil(pop / PART))
        self.parts[m["name"]] = k
        if k == 1:
            self.areas.append({"name": m["name"], "pop": pop, "lat": lat, "lon": lon, "region": rid, "rav": rav,
                               "radius": area_radii.area_radius(m["name"], self.km2)})
            return
        radius = math.sqrt(pop / URBAN_DENSITY / math.pi)          # km
        alpha = math.pi / k                                        # half the sector angle
        dist = 2 * radius * math.sin(alpha) / (3 * alpha)          # sector centroid from the centre, km
        for i, p in enumerate(split(pop, [1] * k)):
            bearing = 2 * math.pi * i / k
            dlat = dist * math.cos(bearing) / 111.2
            dlon = dist * math.sin(bearing) / (111.2 * math.cos(lat * math.pi / 180))
            name = "%s %d/%d" % (m["name"], i + 1, k)  # area_radii: a part's disc is the area / k
            self.areas.append({"name": name, "pop": p, "lat": lat + dlat, "lon": lon + dlon, "region": rid,
                               "rav": rav, "radius": area_radii.area_radius(name, self.km2)})

    def nearest(self, kind, area, within=None):
        """Index in sites[kind] of the site nearest to `area` (straight line), among `within` if given."""
        cands = range(len(self.sites[kind])) if within is None else within
        return min(cands, key=lambda i: (haversine(pos(area), pos(self.sites[kind][i])), i))


def pos(x):
    return (x["lat"], x["lon"])


def model_catchments(d):
    """Each area's nearest ED and GP post (indices into d.sites) as the model routes its patients:
    by road from the area's disc (CATCHMENTS). The straight line from the centroid differs for
    about 20 areas (a disc's mean distance adds least to the far sites, and the road graph's
    detours vary), and an ED sized for the straight-line catchment was overrun (Limburg's
    transfers: scenarios/README.md). Where CATCHMENTS does not know an area or names a site that
    is not in the data (the data changed), the straight-line nearest, with a warning: run this
    script with --zccsim build/release/zccsim (or: this script, `zccsim validate scenarios/national.yaml
    --catchments scenarios/data/national_catchments.csv`, this script again)."""
    index = {k: {s["id"]: i for i, s in enumerate(d.sites[k])} for k in ("ed", "hap")}
    rows = {}
    if os.path.exists(CATCHMENTS):
        with open(CATCHMENTS, newline="", encoding="utf-8") as f:
            rows = {r["area"]: r for r in csv.DictReader(f)}
    out, stale = ([], []), []
    for a in d.areas:
        r = rows.get(a["name"])
        for k, col in zip(("ed", "hap"), out):
            i = index[k].get(r[k]) if r else None
            if i is None:
                stale.append(a["name"])
                i = d.nearest(k, a)
            col.append(i)
    if stale:
        sys.stderr.write("make_national: %s: %d areas not known (%s); the straight-line nearest used: regenerate it "
                         "with --zccsim build/release/zccsim\n" % (os.path.relpath(CATCHMENTS, ROOT), len(set(stale)),
                                                     ", ".join(sorted(set(stale))[:5])))
    return out


class Sizing:
    """Every capacity of every region by the one rule (module docstring)."""

    def __init__(self, d):
        self.d = d
        self.today = today_lines()
        n_ed, n_hap = len(d.sites["ed"]), len(d.sites["hap"])
        # catchments: the areas nearest to a site (EDs and posts of any region:
        # the model's, by road from the area's disc; ambulance stations of the
        # area's own region, which serve only it)
        self.ed_of, self.hap_of = model_catchments(d)
        self.ed_catch = [0] * n_ed
        self.hap_catch = [0] * n_hap
        for a, e, h in zip(d.areas, self.ed_of, self.hap_of):
            self.ed_catch[e] += a["pop"]
            self.hap_catch[h] += a["pop"]
        amb = d.sites["amb"]
        self.own_stations = {rid: [i for i, s in enumerate(amb) if s["region"] == rid] for rid, _, _ in d.regions}
        self.rav_stations = {r: [i for i, s in enumerate(amb) if s["rav"] == r] for r in sorted(d.rav_name)}

        # ambulance offered load of a set of areas (minutes of a busy vehicle per
        # inhabitant-year, up to the common ride rate): per area the drive from
        # its nearest station of `stations` (urgent speed) and to its nearest ED and back
        def offered(inside, stations):
            load = 0.0
            for a, e in zip(d.areas, self.ed_of):
                if not inside(a):
                    continue
                load += a["pop"] * ride_minutes(amb[d.nearest("amb", a, stations)], a, d.sites["ed"][e])
            return load

        self.offered = offered
        # per ROAZ region (its own stations): the default's is the reference
        self.load = {rid: offered(lambda a, rid=rid: a["region"] == rid, self.own_stations[rid])
                     for rid, _, _ in d.regions}
        # per RAV (its own stations): the RAV's fleet is sized from it
        self.rav_load = {r: offered(lambda a, r=r: a["rav"] == r, v) for r, v in self.rav_stations.items()}
        # home-visit car offered load per region: a visit of 25 minutes (the
        # default's gp_home_visit) and the drive from the nearest post and back
        self.car_load = {}
        for rid, _, _ in d.regions:
            self.car_load[rid] = sum(a["pop"] * (HOME_VISIT + 2 * minutes(pos(d.sites["hap"][h]), pos(a), SPEED))
                                     for a, h in zip(d.areas, self.hap_of) if a["region"] == rid)
        self.vehicles = [None] * len(amb)
        self.fleet = {}        # per RAV: (vehicles at night, by day, its load over the default's)
        for r, v in self.rav_stations.items():
            night = [i for i in v if amb[i]["hours"] in ("24h", "night")]
            day = [i for i in v if amb[i]["hours"] in ("24h", "day")]
            if not night or not day:
                sys.exit("make_national: RAV %s has no ambulance post staffed at night or by day" % r)
            self.fleet[r] = self.station_rosters(r, self.rav_load[r] / self.load[DEFAULT], night, day)

    def station_rosters(self, rav, g, night, day):
        """Vehicles per station: hour by hour the RAV's fleet = the default's on duty then (AMB_WEEK)
        x g, split over its posts staffed then by the RAV's population nearest to each (largest
        remainder); at least 1 per staffed post, and by day at least the night's."""
        d, amb = self.d, self.d.sites["amb"]

        def catchment(stations):
            c = {i: 0 for i in stations}
            for a in d.areas:
                if a["rav"] == rav:
                    c[d.nearest("amb", a, stations)] += a["pop"]
            return c

        shares = {}

        def alloc(level, posts, floor):
            """{post: vehicles} for the default's `level` x g over `posts`, each at least floor's."""
            key = (level, tuple(posts), bool(floor))
            if key not in shares:
                c = catchment(posts)
                n = int(round(level * g))
                shares[key] = {i: max(1, x, floor.get(i, 0)) for i, x in zip(posts, split(n, [c[i] for i in posts]))}
            return shares[key]

        at_night = alloc(AMB_NIGHT, night, {})
        hours_of = {i: [0] * 168 for i in self.rav_stations[rav]}
        for h in range(168):
            posts, floor = (day, at_night) if DAY[0] <= h % 24 < DAY[1] else (night, {})
            for i, v in alloc(AMB_WEEK[h], posts, floor).items():
                hours_of[i][h] = v
        for i in self.rav_stations[rav]:
            self.vehicles[i] = to_shifts(hours_of[i])
        return (sum(at_night.values()), sum(alloc(AMB_DAY, day, at_night).values()), g)

    def ed_places(self, e):
        """Places of ED e: the default's places per inhabitant x its catchment, at least 3."""
        return max(3, int(round(ED_PLACES * self.ed_catch[e] / DEFAULT_POP)))

    def hospital_beds(self, e):
        """Hospital beds of ED e: its catchment's admitted load at HOSPITAL_OCCUPANCY, rounded up."""
        per_day = self.ed_catch[e] * HOSPITAL_ADMISSIONS_PER_1000 / 1000.0 / 365.0
        return max(1, int(math.ceil(per_day * HOSPITAL_LOS[0] / HOSPITAL_OCCUPANCY)))

    def hap_gps(self, catchment):
        return scaled(HAP_GPS, catchment / HAP_CATCHMENT, 1)

    def region_rosters(self, rid):
        """The region's own 112 dispatchers and nursing teams (x its demand) and home-visit
        cars (x its car offered load), each over the default's."""
        f, c = self.factor(rid), self.car_load[rid] / self.car_load[DEFAULT]
        return [("dispatchers", scaled(DISPATCHERS, f, 1)), ("home_visit_cars", scaled(HOME_VISIT_CARS, c, 1)),
                ("nursing_teams", scaled(NURSING_TEAMS, f, 1))]

    def today_lines(self, rid):
        """The region's own today's lines: the default's (midden_nederland.yaml) x its demand
        (population) over the default's, as the zcc rosters."""
        return [(disc, scaled(shifts, self.factor(rid), 1)) for disc, shifts in self.today]

    def factor(self, rid):
        """The region's demand relative to the default's: equal rates per inhabitant, so population."""
        return self.d.pop[rid] / self.d.pop[DEFAULT]


def header(w, title, what, extra, chain=None):
    w("# SPDX-License-Identifier: MIT")
    w("# GENERATED by scripts/make_national.py from scenarios/data/municipalities_nl.csv,")
    w("# sites_nl.csv, roaz_adjacency.csv and roaz_regions.csv; do not edit.")
    for line in what:
        w("# " + line if line else "#")
    w("# Every capacity is the default region's (midden_nederland.yaml, variants/zcc.yaml)")
    w("# times the unit's offered load over the default's (scenarios/README.md, \"The")
    for line in chain or ["national scenario\"). Demand, triage, responses and costs are today's chain's",
                          "(midden_nederland.yaml, extends); variants/national_zcc.yaml is the zcc."]:
        w("# " + line)
    w("extends: %s" % extra)
    w("name: %s" % quote(title))
    if PLANNER.get("growth") is not None:
        g, y = PLANNER["growth"], PLANNER["year"]
        w("# Demand of %d: the rates of %d x (1 + %s) a year (--growth, --year)." % (y, BASE_YEAR, fmt(g)))
        w("start_date: %s" % first_monday(y).isoformat())
        w("demand_growth: {per_year: %s, base_year: %d}" % (fmt(g), BASE_YEAR))


def write_areas(w, d, rids):
    w("")
    w("# Areas: every municipality (population 1 Jan 2023, population-weighted centroid);")
    w("# municipalities of more than %s inhabitants split into ceil(population / %s)" % (format(PART, ","), format(PART, ",")))
    w("# parts of equal population around the centroid (SYNTHETIC, README). subregion =")
    w("# the ROAZ region, so that every KPI comes per region; rav = its safety region;")
    w("# radius_km: the inhabitants spread over a disc of the municipality's area (a")
    w("# part's: area / parts; scripts/area_radii.py; ASSUMPTION as the default's).")
    w("areas:")
    for a in d.areas:
        if a["region"] in rids:
            w("  - {name: %s, population: %d, lat: %.4f, lon: %.4f, radius_km: %.2f, region: %s, subregion: %s, rav: %s}"
              % (quote(a["name"]), a["pop"], a["lat"], a["lon"], a["radius"], a["region"], a["region"], a["rav"]))


def write_ravs(w, d, ravs):
    """The RAV areas the scenario's areas and stations name, and the help rule."""
    w("")
    w("# RAV areas (ambulance care areas = the 25 safety regions; municipalities_nl.csv")
    w("# veiligheidsregio_code; a station's is that of the municipality it lies in). A")
    w("# patient's own vehicles are its area's RAV's, whatever ROAZ region they belong")
    w("# to; another RAV's free vehicle is sent when the nearest free own one drives")
    w("# longer than help_after_minutes and the other's is nearer, or none is free")
    w("# (scenarios/README.md, \"The national scenario\").")
    w("ravs:")
    for r in sorted(ravs):
        w("  - %s   # %s" % (r, d.rav_name[r]))
    w("")
    w("# Ambulance dispatch centres (the 10 meldkamers, sites_nl.csv kind=dispatch_centre:")
    w("# Besluit aanwijzing meldkamers 2020, work_area; place PLACEHOLDER = the centroid")
    w("# of its municipality), each with the RAVs above of its work area. Another RAV of")
    w("# the same centre helps under help_after_minutes; a RAV of another centre only when")
    w("# the own centre's nearest free vehicle drives longer than")
    w("# help_other_centre_after_minutes, its dispatch help_request_minutes later.")
    w("dispatch_centres:")
    for c in d.centres:
        mine = [r for r in c["ravs"] if r in ravs]
        if mine:
            w("  - {id: %s, name: %s, lat: %.5f, lon: %.5f, ravs: [%s]}"
              % (c["id"], quote(c["name"]), c["lat"], c["lon"], ", ".join(mine)))
    w("ambulance:")
    w("  help_after_minutes: %d   # the default region's" % HELP_AFTER_MINUTES)
    w("  help_other_centre_after_minutes: %d   # ASSUMPTION (range 10-15; README)" % HELP_OTHER_CENTRE_AFTER_MINUTES)
    w("  help_request_minutes: %d   # ASSUMPTION: the call between dispatch rooms (range 1-3; README)"
      % HELP_REQUEST_MINUTES)


def ed_places(s, n):
    """The places roster of ED site s with n places: open around the clock, or its limited hours."""
    if s["hours"] == "24/7":
        return "%d" % n
    return "[{days: all, from: %d, to: %d, staff: %d}]" % (ED_LIMITED_HOURS[0], ED_LIMITED_HOURS[1], n)


def write_region_sites(w, d, z, rid):
    """The sites of region rid (own)."""
    f = z.factor(rid)
    w("  # %s" % rid)
    for i, s in enumerate(d.sites["ed"]):
        if s["region"] == rid:
            note = "" if s["hours"] == "24/7" else "   # limited hours (RIVM 2025): open %02d-%02d h (ASSUMPTION)" % ED_LIMITED_HOURS
            w("  - {id: %s, name: %s, kind: ed, lat: %.5f, lon: %.5f, region: %s, places: %s,"
              % (s["id"], quote(s["name"]), s["lat"], s["lon"], rid, ed_places(s, z.ed_places(i))))
            w("     hospital_beds: %d}%s" % (z.hospital_beds(i), note))
    for i, s in enumerate(d.sites["hap"]):
        if s["region"] == rid:
            w("  - {id: %s, name: %s, kind: hap, lat: %.5f, lon: %.5f, region: %s,"
              % (s["id"], quote(s["name"]), s["lat"], s["lon"], rid))
            w("     gps: %s}" % inline_roster(z.hap_gps(z.hap_catch[i])))
    for i, s in enumerate(d.sites["amb"]):
        if s["region"] == rid:
            w("  - {id: %s, name: %s, kind: ambulance_station, lat: %.5f, lon: %.5f, region: %s, rav: %s,   # %s"
              % (s["id"], quote(s["name"]), s["lat"], s["lon"], rid, s["rav"], s["availability"]))
            w("     vehicles: %s}" % inline_roster(z.vehicles[i]))
    data_ggz = [s for s in d.sites["ggz"] if s["region"] == rid]
    if data_ggz:
        ggz = [(s["id"], s["name"], s["lat"], s["lon"]) for s in data_ggz]
    else:
        n = max(1, int(round(GGZ_SITES * f)))
        biggest = sorted((m for m in d.municipalities if d.rid[m["roaz_region"]] == rid),
                         key=lambda m: (-int(m["population"]), m["name"]))[:n]
        ggz = [("ggz_%s_%d" % (rid, k + 1), "GGZ crisis service %s (ASSUMED site)" % m["name"],
                float(m["lat"]), float(m["lon"])) for k, m in enumerate(biggest)]
    for sid, name, la, lo in ggz:
        w("  - {id: %s, name: %s, kind: ggz_crisis, lat: %.5f, lon: %.5f, region: %s," % (sid, quote(name), la, lo, rid))
        w("     teams: %s}" % inline_roster(GGZ_TEAMS))
    w("  - {id: vvt_%s, name: %s, kind: vvt, region: %s," % (rid, quote("Short-stay bed pool " + rid), rid))
    w("     beds: {%s}}" % ", ".join("%s: %d" % (t, max(1, int(round(n * f)))) for t, n in VVT_BEDS.items()))
    zcc = [r for r in d.regions if r[0] == rid][0][2]
    la, lo = d.centroid[zcc]
    w("  - {id: zcc_%s, name: %s, kind: zcc, lat: %.4f, lon: %.4f, region: %s}"
      % (rid, quote("zcc %s (placeholder: %s centroid)" % (rid, zcc)), la, lo, rid))


def write_hospital(w):
    """The hospital section and the hospital prices (scenarios/README.md, "Hospital")."""
    w("")
    w("# Hospital beds (issue #13): each ED's hospital_beds = the admitted load of the")
    w("# population nearest to it (%s admissions per 1,000 a year x %g days) at %d %%"
      % (fmt(HOSPITAL_ADMISSIONS_PER_1000), HOSPITAL_LOS[0], round(100 * HOSPITAL_OCCUPANCY)))
    w("# occupancy; a full hospital's admissions go to its region's nearest free bed,")
    w("# then a neighbouring region's, then any region's (LCPS), else they board.")
    w("hospital:")
    w("  los_days: {dist: lognormal, mean: %s, sd: %s}" % (fmt(HOSPITAL_LOS[0]), fmt(HOSPITAL_LOS[1])))
    w("  transfer_prep_minutes: %d" % HOSPITAL_TRANSFER_PREP)
    w("costs:")
    w("  hospital_bed_day: %d" % HOSPITAL_BED_DAY)
    w("  hospital_transfer: %d" % HOSPITAL_TRANSFER)
    w("  payer: {hospital_bed_day: zvw, hospital_transfer: zvw}")
    w("  resources: {hospital_bed_day: %d}" % HOSPITAL_BED_DAY)


def write_zcc(w, z, rids, keys=()):
    """The zcc section: one location per region; keys: the zcc variant's other zcc keys."""
    w("")
    w("# One zcc per region, pooled within the region: the default's rosters x the")
    w("# region's demand (population) over the default's, hour by hour, rounded, at")
    w("# least 1 where the default has staff.")
    w("zcc:")
    w("  pooling: pooled")
    for line in keys:
        w(line)
    w("  locations:")
    for rid in rids:
        f = z.factor(rid)
        w("    - name: %s" % rid)
        w("      site: zcc_%s" % rid)
        w("      subregions: [%s]" % rid)
        w("      rosters:")
        w("        gp:" + roster_yaml(scaled(ZCC_GP, f, 1), "          "))
        w("        ambulance:" + roster_yaml(scaled(ZCC_AMBULANCE, f, 1), "          "))
        w("        ggz: %d" % max(1, int(round(f))))
        w("        vvt: %d" % max(1, int(round(f))))


def write_region(w, z, rid, note, neighbours=(), today=True):
    """A region of `regions:`; today: with its own today's lines (fragmented_rosters)."""
    w("  - name: %s   # %s" % (rid, note))
    w("    own: true")
    if neighbours:  # own regions bordering it (roaz_adjacency.csv): a bed search asks their free beds
        w("    neighbours: [%s]" % ", ".join(neighbours))
    for key, shifts in z.region_rosters(rid):
        w("    %s: %s" % (key, inline_roster(shifts)))
    if today:
        w("    fragmented_rosters:")
        for disc, shifts in z.today_lines(rid):
            w("      %s: %s" % (disc, roster_value(shifts)))
    own = PLANNER.get("own", {}).get(rid)
    if own:
        w("    # the region's own numbers (--own %s)" % os.path.basename(PLANNER["own_file"]))
        w("    demand:")
        for stream, (per_1000, profile) in sorted(own.items()):
            extra = "" if profile is None else ", profile: {hour_of_week: [%s]}" % ", ".join(fmt(x) for x in profile)
            w("      %s: {per_1000_per_year: %s%s}" % (stream, fmt(per_1000), extra))


def fmt(x):
    """A number in its shortest exact-enough text (10 significant digits)."""
    return "%.10g" % x


PLANNER = {}  # --own / --growth / --year: a planner's numbers (written only with --out)


def national(d, z, extends="midden_nederland.yaml"):
    ANCHORS.clear()
    L = []
    w = L.append
    rids = [r for r, _, _ in d.regions]
    total = sum(d.pop.values())
    header(w, "Netherlands (10 ROAZ regions, real geography)",
           ["All 10 ROAZ regions (%s inhabitants, 1 Jan 2023): %d municipalities as %d areas,"
            % (format(total, ","), len(d.municipalities), len(d.areas)),
            "%d EDs, %d HAP posts and %d ambulance posts at their places (scenarios/data/README.md)."
            % (len(d.sites["ed"]), len(d.sites["hap"]), len(d.sites["amb"])),
            "Ambulances serve their RAV area (the 25 safety regions) and help across RAV",
            "borders; patients go to the nearest ED and HAP post of any region."],
           extends)
    w("description: >")
    w("  The ten ROAZ regions on the national data, today's chain: every municipality")
    w("  an area, every ED, HAP post and ambulance post at its place, each region's")
    w("  capacities and today's separate triage lines sized from its own demand.")
    w("")
    write_regions_comment(w, True)
    w("regions:")
    write_regions(w, d, z, True)
    write_areas(w, d, set(rids))
    write_ravs(w, d, {a["rav"] for a in d.areas} | {s["rav"] for s in d.sites["amb"]})
    write_sites_comment(w)
    w("sites:")
    for rid in rids:
        write_region_sites(w, d, z, rid)
    write_hospital(w)
    return "\n".join(L) + "\n"


def write_regions_comment(w, today):
    w("# Each region's own 112 dispatchers and nursing teams (the default's x the region's")
    w("# demand over the default's) and home-visit cars (x its car offered load: visits of")
    w("# %d minutes and the drive from the nearest post and back, over the default's)%s"
      % (HOME_VISIT, ";" if today else "."))
    if today:
        w("# its own today's lines (fragmented_rosters: HAP triage line, the ambulance")
        w("# service's line, crisis line, bed desk) = the default's x its demand over the")
        w("# default's, hour by hour, rounded, at least 1 where the default has staff.")


def write_regions(w, d, z, today):
    rids = [r for r, _, _ in d.regions]
    for rid, name, _ in d.regions:
        write_region(w, z, rid, "%s, %s inhabitants" % (name.split(" (")[0], format(d.pop[rid], ",")),
                     [r for r in rids if r in d.adjacent[rid]], today)


# Keys of variants/zcc.yaml that are not the zcc's change from today's chain (its
# own name and place in the chain, and the budget of one location's transformation).
ZCC_NOT_COPIED = ("extends", "name", "budget")  # budget: written per region (write_budget)


def national_zcc(d, z):
    """variants/national_zcc.yaml: national.yaml with the zcc variant's keys and a zcc per region."""
    ANCHORS.clear()
    L = []
    w = L.append
    rids = [r for r, _, _ in d.regions]
    blocks = top_level_blocks(ZCC_FILE)
    for key in ("triage", "fragmented_rosters", "zcc"):
        if key not in blocks:
            sys.exit("make_national: %s has no '%s'" % (os.path.relpath(ZCC_FILE, ROOT), key))
    header(w, "Netherlands (10 ROAZ regions, zcc in every region)",
           ["The nationwide zcc: national.yaml (today's chain, every region's capacities)",
            "with the zcc variant's keys (variants/zcc.yaml: pooled triage, 112 warm",
            "transfers, capacity insight, choice of ED, HAP post and crisis team; today's",
            "lines 0) and one zcc per region, pooled (its rosters sized as today's lines)."],
           "../national.yaml",
           ["national scenario\"). Compare: zccsim compare scenarios/national.yaml",
            "scenarios/variants/national_zcc.yaml"])
    w("description: >")
    w("  The ten ROAZ regions on the national data with a zcc in every region (the")
    w("  zcc variant's triage, warm transfers, capacity insight and choices) in place")
    w("  of today's separate triage lines.")
    w("")
    w("# The zcc variant's keys as in variants/zcc.yaml (all but its %s; its zcc" % ", ".join(ZCC_NOT_COPIED))
    w("# section below, with a location per region): its change from today's chain.")
    for key, lines in blocks.items():
        if key in ZCC_NOT_COPIED or key == "zcc":
            continue
        L.extend(lines)
    w("")
    w("# The regions as in national.yaml without their own today's lines (a list replaces")
    w("# the whole list under extends): the scenario's fragmented_rosters (0) apply.")
    write_regions_comment(w, False)
    w("regions:")
    write_regions(w, d, z, False)
    write_zcc(w, z, rids, zcc_keys(blocks["zcc"]))
    write_budget(w, z, rids, ZCC_SCENARIO.get("budget"))
    return "\n".join(L) + "\n"


# The one-off costs of the zcc variant's budget that scale with the triagists
# trained (the region's demand); the others (project team, telephony and
# platform links) are one region's set-up each (ASSUMPTION).
BUDGET_PER_TRIAGIST = ("training",)


def write_budget(w, z, rids, block):
    """The budget of the change from today's chain to a zcc in every region: the zcc
    variant's (one location, Midden-Nederland) per region, its training x the region's
    demand over the default's."""
    if not block:
        sys.exit("make_national: %s has no budget" % os.path.relpath(ZCC_FILE, ROOT))
    regions, triagists = len(rids), sum(z.factor(r) for r in rids)
    w("")
    w("# The change from today's chain to a zcc in every region over the years: the zcc")
    w("# variant's budget (one location's transformation, variants/zcc.yaml) for each of")
    w("# the %d regions (ASSUMPTION: a region's project team, telephony and platform links" % regions)
    w("# cost what Midden-Nederland's do, whatever its size), its training x the regions'")
    w("# demand over the default's (%.2f: the triagists trained scale with it); years," % triagists)
    w("# ramp-up and discount rate as the zcc variant's (their ranges there).")
    w("budget:")
    w("  years: %d" % block["years"])
    w("  ramp_up: [%s]" % ", ".join("%g" % x for x in block["ramp_up"]))
    w("  one_off_meur:")
    for item, values in block["one_off_meur"].items():
        scale = triagists if item in BUDGET_PER_TRIAGIST else regions
        w("    %s: [%s]" % (item, ", ".join(fmt_meur(x * scale) for x in values)))
    w("  discount_rate: %g" % block["discount_rate"])


def fmt_meur(x):
    """M euro with 3 decimals, without trailing zeros."""
    return ("%.3f" % x).rstrip("0").rstrip(".") if x else "0"


def zcc_keys(block):
    """The lines of the zcc variant's zcc section but its pooling and locations (written per region)."""
    out, keep = [], False
    for line in block[1:]:
        m = re.match(r"^  ([a-z_]+):", line)
        if m:
            keep = m.group(1) not in ("pooling", "locations")
        if keep:
            out.append(line)
    return out


def write_sites_comment(w):
    w("")
    w("# Sites (scenarios/README.md, \"The national scenario\", gives each rule):")
    w("# EDs open 24/7 or with limited hours in 2025 (RIVM), places = the default's")
    w("# %d per %s inhabitants x the population nearest to the ED (at least 3; nearest" % (ED_PLACES, format(DEFAULT_POP, ",")))
    w("# by road from the area's disc, as the model routes: data/national_catchments.csv);")
    w("# HAP posts (RIVM 2025), GPs = the default's Utrecht stad post (%s) scaled" % format(HAP_CATCHMENT, ","))
    w("# to the population nearest to the post (likewise); ambulance posts (RIVM 2019), staffed in")
    w("# the hours their availability gives, each RAV's fleet hour by hour = the default's")
    w("# (%d at night, %d on workdays 07-15 h, %d on workday evenings and weekend days)"
      % (AMB_NIGHT, AMB_DAY, AMB_WEEK[18]))
    w("# x the RAV's ambulance offered load over the default's,")
    w("# at least 1 per staffed post, the rest by the RAV's population nearest to the post;")
    w("# GGZ crisis sites: the data's where there are (Midden-Nederland), else")
    w("# round(%d x demand factor) at the largest municipalities (ASSUMED); a short-stay" % GGZ_SITES)
    w("# bed pool per region (%s beds x demand factor); a zcc site per region (its" % "/".join(str(n) for n in VVT_BEDS.values()))
    w("# location: variants/national_zcc.yaml).")


def region_scenario(d, z, rid, extends="../midden_nederland.yaml"):
    ANCHORS.clear()
    L = []
    w = L.append
    full = [n for r, n, _ in d.regions if r == rid][0]
    own_areas = [(i, a) for i, a in enumerate(d.areas) if a["region"] == rid]
    neigh = sorted(d.adjacent[rid])
    # border sites: a neighbouring region's ED, HAP post or ambulance post that
    # is the nearest of its kind to an own area (EDs and posts: the national
    # catchments; ambulance posts: straight line); EDs with their national places
    # and beds (the one-region scenario's road graph has fewer places, so its
    # nearest ED by road may differ and draw more own areas to a border ED: an
    # ED sized for those alone was overrun), HAP posts sized for those areas'
    # population, ambulance posts with NEIGHBOUR_VEHICLES
    ed_c, hap_c, amb_n = {}, {}, set()
    for i, a in own_areas:
        e, h = z.ed_of[i], z.hap_of[i]
        if d.sites["ed"][e]["region"] != rid:
            ed_c[e] = ed_c.get(e, 0) + a["pop"]
        if d.sites["hap"][h]["region"] != rid:
            hap_c[h] = hap_c.get(h, 0) + a["pop"]
        st = d.nearest("amb", a)
        if d.sites["amb"][st]["region"] != rid:
            amb_n.add(st)
    # a RAV that crosses the region's border: its posts in other regions bring the
    # RAV's share of their vehicles (national.yaml's roster x the share of the RAV's
    # ambulance offered load that lies in this region, hour by hour, rounded;
    # ASSUMPTION: the RAV's vehicles serve its whole area alike), at least
    # NEIGHBOUR_VEHICLES around the clock where the post is an own area's nearest
    amb = d.sites["amb"]
    rav_out = {}
    for r in sorted({a["rav"] for _, a in own_areas}):
        share = z.offered(lambda a, r=r: a["rav"] == r and a["region"] == rid, z.rav_stations[r]) / z.rav_load[r]
        for i in z.rav_stations[r]:
            if amb[i]["region"] != rid:
                rav_out[i] = [int(round(x * share)) for x in expand(z.vehicles[i])]
    amb_v = {}
    for i in amb_n | set(rav_out):
        hours = rav_out.get(i, [0] * 168)
        if i in amb_n:
            hours = [max(NEIGHBOUR_VEHICLES, x) for x in hours]
        if any(hours):
            amb_v[i] = to_shifts(hours)
    for kind, ids in (("ed", ed_c), ("hap", hap_c), ("amb", amb_v)):
        for i in ids:
            if d.sites[kind][i]["region"] not in d.adjacent[rid]:
                sys.exit("make_national: %s's nearest %s %s lies in %s, not a neighbour (roaz_adjacency.csv)"
                         % (rid, kind, d.sites[kind][i]["id"], d.sites[kind][i]["region"]))
    used = sorted({d.sites[k][i]["region"] for k, ids in (("ed", ed_c), ("hap", hap_c), ("amb", amb_v)) for i in ids})
    header(w, "%s (one ROAZ region of the national data)" % full.split(" (")[0],
           ["ROAZ region %s (%s inhabitants, 1 Jan 2023) as in national.yaml, alone:" % (full.split(" (")[0], format(d.pop[rid], ",")),
            "its %d areas and own sites with the same capacities, and its neighbours' border" % len(own_areas),
            "sites (own: false): an ED, HAP post or ambulance post of a bordering region",
            "(roaz_adjacency.csv: %s) that is the nearest of its kind to an own area;" % ", ".join(neigh),
            "EDs with national.yaml's places and hospital beds, HAP posts sized for those",
            "areas' population, ambulance posts with %d vehicle around the clock" % NEIGHBOUR_VEHICLES,
            "(ASSUMPTION, as the default region's neighbours); and the posts in other",
            "regions of a RAV that serves own areas, with the RAV's share of their vehicles",
            "(its offered load in this region over its whole)."],
           extends)
    w("description: >")
    w("  ROAZ region %s from the national data (scripts/make_national.py --region %s)." % (full.split(" (")[0], rid))
    w("")
    w("# The region's own 112 dispatchers, home-visit cars, nursing teams and today's")
    w("# lines as in national.yaml.")
    w("regions:")
    write_region(w, z, rid, "%s inhabitants" % format(d.pop[rid], ","))
    for r in used:
        w("  - {name: %s, own: false}" % r)
    write_areas(w, d, {rid})
    write_ravs(w, d, {a["rav"] for _, a in own_areas} | {s["rav"] for s in d.sites["amb"] if s["region"] == rid}
               | {amb[i]["rav"] for i in amb_v})
    write_sites_comment(w)
    w("sites:")
    write_region_sites(w, d, z, rid)
    if used:
        w("  # neighbours' border sites")
    for e in sorted(ed_c):
        s = d.sites["ed"][e]
        w("  - {id: %s, name: %s, kind: ed, lat: %.5f, lon: %.5f, region: %s, places: %s,"
          % (s["id"], quote(s["name"]), s["lat"], s["lon"], s["region"], ed_places(s, z.ed_places(e))))
        w("     hospital_beds: %d}" % z.hospital_beds(e))
    for h in sorted(hap_c):
        s = d.sites["hap"][h]
        w("  - {id: %s, name: %s, kind: hap, lat: %.5f, lon: %.5f, region: %s,"
          % (s["id"], quote(s["name"]), s["lat"], s["lon"], s["region"]))
        w("     gps: %s}" % inline_roster(z.hap_gps(hap_c[h])))
    for st in sorted(amb_v):
        s = amb[st]
        w("  - {id: %s, name: %s, kind: ambulance_station, lat: %.5f, lon: %.5f, region: %s, rav: %s, vehicles: %s}"
          % (s["id"], quote(s["name"]), s["lat"], s["lon"], s["region"], s["rav"], roster_value(amb_v[st])))
    write_hospital(w)
    return "\n".join(L) + "\n"


def emit(path, text, check):
    if check:
        try:
            with open(path, encoding="utf-8") as f:
                same = f.read() == text
        except FileNotFoundError:
            same = False
        if not same:
            sys.exit("make_national: %s is out of date; run scripts/make_national.py" % os.path.relpath(path, ROOT))
        return
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)  # atomic: the old file or the new one, never half of one
    except OSError as e:
        if os.path.exists(tmp):
            os.remove(tmp)
        sys.exit("make_national: cannot write %s: %s" % (path, e.strerror))
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    print("wrote %s" % (path if rel.startswith("..") else rel))


def extends_from(out):
    """The extends: path of the default (today's chain) as seen from the folder of `out`."""
    return os.path.relpath(DEFAULT_FILE, os.path.dirname(os.path.abspath(out)))


def option(argv, name, what):
    if name not in argv:
        return None
    i = argv.index(name)
    if i + 1 >= len(argv):
        sys.exit("make_national: %s needs %s" % (name, what))
    return argv[i + 1]


def main(argv):
    check = "--check" in argv
    region = out = None
    if "--region" in argv:
        i = argv.index("--region")
        if i + 1 >= len(argv):
            sys.exit("make_national: --region needs a name: " + ", ".join(r for _, r, _ in REGIONS))
        region = argv[i + 1]
        if region not in [r for _, r, _ in REGIONS]:
            sys.exit("make_national: unknown region '%s'; allowed: %s" % (region, ", ".join(r for _, r, _ in REGIONS)))
    out = option(argv, "--out", "a file")
    own_file, growth, year = option(argv, "--own", "a CSV file"), option(argv, "--growth", "a share per year"), \
        option(argv, "--year", "a year")
    planner = own_file is not None or growth is not None or year is not None
    if (growth is None) != (year is None):
        sys.exit("make_national: --growth G and --year Y go together")
    if planner and (out is None or check):
        sys.exit("make_national: --own, --growth and --year need --out FILE (the shipped scenarios keep the national rates)")
    if out is not None and region is None and not planner:
        sys.exit("make_national: --out FILE goes with --region NAME, --own, or --growth")
    d = Data()
    z = Sizing(d)
    PLANNER.clear()
    if growth is not None:
        try:
            PLANNER["growth"], PLANNER["year"] = float(growth), int(year)
        except ValueError:
            sys.exit("make_national: --growth must be a number and --year an integer, not '%s' and '%s'" % (growth, year))
        if not (-0.5 <= PLANNER["growth"] <= 0.5) or not (BASE_YEAR <= PLANNER["year"] <= 2200):
            sys.exit("make_national: --growth must be in [-0.5, 0.5] and --year in [%d, 2200]" % BASE_YEAR)
    if out is not None:
        inputs = [os.path.join(DATA, n) for n in ("municipalities_nl.csv", "sites_nl.csv", "roaz_adjacency.csv",
                                                  "roaz_regions.csv", "national_catchments.csv")]
        inputs += [os.path.join(ROOT, "scenarios", n) for n in ("midden_nederland.yaml", "variants/zcc.yaml")]
        if own_file is not None:
            inputs.append(own_file)
        for x in inputs:
            if os.path.exists(out) and os.path.exists(x) and os.path.samefile(out, x):
                sys.exit("make_national: --out %s is an input (%s); give another file" % (out, x))
    if own_file is not None:
        PLANNER["own"], PLANNER["own_file"] = read_own(own_file, d.pop), own_file
    if (region or planner) and "--zccsim" in argv:
        sys.exit("make_national: --zccsim goes with the shipped national scenario, not --region, --own or --growth")
    if region:
        path = out or os.path.join(REGION_DIR, region + ".yaml")
        emit(path, region_scenario(d, z, region, extends_from(path)), check)
        return
    if planner:
        emit(out, national(d, z, extends_from(out)), check)
        return
    zccsim = option(argv, "--zccsim", "the zccsim program")
    if zccsim is not None and check:
        sys.exit("make_national: --zccsim rewrites the catchments; it does not go with --check")
    for _ in range(3):
        emit(OUT, national(d, z), check)
        emit(OUT_ZCC, national_zcc(d, z), check)
        for _, rid, _ in REGIONS:
            emit(os.path.join(REGION_DIR, rid + ".yaml"), region_scenario(d, z, rid), check)
        if zccsim is None or not refresh_catchments(zccsim):
            break
        d = Data()
        z = Sizing(d)
    else:
        sys.exit("make_national: the catchments did not settle in 3 rounds")
    if "--summary" in argv:
        summary(d, z)


def refresh_catchments(zccsim):
    """Writes CATCHMENTS as the model computes it for the national.yaml just written
    (`zccsim validate --catchments`); True when it changed (the sizing must be done again)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "catchments.csv")
        proc = subprocess.run([zccsim, "validate", OUT, "--catchments", fresh], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit("make_national: %s validate %s failed:\n%s" % (zccsim, OUT, proc.stderr))
        with open(fresh, encoding="utf-8") as f:
            text = f.read()
    old = None
    if os.path.exists(CATCHMENTS):
        with open(CATCHMENTS, encoding="utf-8") as f:
            old = f.read()
    if text == old:
        return False
    emit(CATCHMENTS, text, False)
    return True


def summary(d, z):
    """The sizing per region, a markdown table (scenarios/README.md)."""
    amb = d.sites["amb"]
    # Monday 03-04 h, 12-13 h and 18-19 h: the night's, the workday day's and the evening's staffing
    at_night, by_day, evening = 3, 12, 18

    def vehicles(stations):
        hours = [expand(z.vehicles[i]) for i in stations]
        return (sum(h[at_night] for h in hours), sum(h[by_day] for h in hours), sum(h[evening] for h in hours),
                sum(max(h) for h in hours))

    print("| region | inhabitants | areas | EDs | ED places | HAP posts | ambulance posts | ambulances 23-07 h "
          "| workdays 07-15 h | evenings, weekends | peak | ambulance load / default's |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    tot = [0] * 10
    for rid, _, _ in d.regions:
        own = [i for i, s in enumerate(amb) if s["region"] == rid]
        eds = [i for i, s in enumerate(d.sites["ed"]) if s["region"] == rid]
        row = [d.pop[rid], sum(1 for a in d.areas if a["region"] == rid), len(eds), sum(z.ed_places(i) for i in eds),
               sum(1 for s in d.sites["hap"] if s["region"] == rid), len(own), *vehicles(own)]
        tot = [a + b for a, b in zip(tot, row)]
        print("| %s | %s | %s | %.2f |" % (rid, format(row[0], ","), " | ".join(str(x) for x in row[1:]),
                                          z.load[rid] / z.load[DEFAULT]))
    print("| **total** | %s | %s | |" % (format(tot[0], ","), " | ".join(str(x) for x in tot[1:])))
    print()
    print("| RAV | dispatch centre | inhabitants | ambulance posts | ambulances 23-07 h | workdays 07-15 h "
          "| evenings, weekends | peak | vehicles (workdays 07-15 h × %.2f) | ambulance load / default's |"
          % VEHICLES_PER_STAFFED)
    print("|---|---|---|---|---|---|---|---|---|---|")
    tot = [0] * 7
    for r, stations in z.rav_stations.items():
        on_duty = vehicles(stations)
        row = [sum(a["pop"] for a in d.areas if a["rav"] == r), len(stations), *on_duty,
               int(round(on_duty[1] * VEHICLES_PER_STAFFED))]
        tot = [a + b for a, b in zip(tot, row)]
        print("| %s %s | %s | %s | %s | %.2f |" % (r, d.rav_name[r], d.centre_of[r], format(row[0], ","),
                                                 " | ".join(str(x) for x in row[1:]), z.fleet[r][2]))
    print("| **total** | | %s | %s | |" % (format(tot[0], ","), " | ".join(str(x) for x in tot[1:])))


if __name__ == "__main__":
    main(sys.argv[1:])
