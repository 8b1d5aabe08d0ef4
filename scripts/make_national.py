#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes scenarios/national.yaml: all 10 ROAZ regions with SYNTHETIC geography.

Reads scenarios/data/roaz_regions.csv (region name and approx_population).
For each region it places 8-12 synthetic areas at APPROXIMATE coordinates of
towns in the region (typed in below from general knowledge, not from a
source), splits the region's population over them with fixed weights, and
scales the sites and zcc rosters of the default region (Midden-Nederland,
1,387,643 inhabitants) by population. Everything else (demand, triage,
costs, ...) comes from midden_nederland.yaml through `extends`.

Standard library only; deterministic (same input -> same bytes).
Run: /usr/bin/python3 scripts/make_national.py [--check]
  --check  exit 1 if scenarios/national.yaml differs from what would be written
"""
import csv
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, "scenarios", "data", "roaz_regions.csv")
OUT = os.path.join(ROOT, "scenarios", "national.yaml")

MIDDEN_POP = 1387643          # the default region (scenarios/midden_nederland.yaml)
NL_POP = 17811291             # sum of roaz_regions.csv populations basis (1 Jan 2023)
NL_EDS = 83                   # ED locations in the Netherlands (vzinfo 2020)
NL_HAPS = 105                 # HAP posts (InEen benchmark 2022)

# Region key (prefix of the CSV's roaz_region) -> (short id, towns). The first
# town is the trauma centre's city (zcc and first ED there). Coordinates are
# APPROXIMATE town centres (WGS84), typed in from general knowledge.
REGIONS = [
    ("Noord-Nederland", "noord", [
        ("Groningen", 53.219, 6.567), ("Leeuwarden", 53.201, 5.799), ("Assen", 52.993, 6.562),
        ("Emmen", 52.785, 6.897), ("Drachten", 53.107, 6.099), ("Sneek", 53.033, 5.659),
        ("Heerenveen", 52.960, 5.920), ("Hoogeveen", 52.723, 6.476), ("Delfzijl", 53.330, 6.918),
        ("Stadskanaal", 52.989, 6.950), ("Meppel", 52.696, 6.194), ("Harlingen", 53.175, 5.423)]),
    ("Euregio", "euregio", [
        ("Enschede", 52.221, 6.894), ("Hengelo", 52.266, 6.793), ("Almelo", 52.357, 6.662),
        ("Oldenzaal", 52.313, 6.929), ("Rijssen", 52.307, 6.519), ("Haaksbergen", 52.157, 6.739),
        ("Winterswijk", 51.972, 6.720), ("Borculo", 52.116, 6.521), ("Aalten", 51.925, 6.581),
        ("Groenlo", 52.042, 6.616)]),
    ("Zwolle", "zwolle", [
        ("Zwolle", 52.512, 6.094), ("Apeldoorn", 52.211, 5.969), ("Deventer", 52.255, 6.164),
        ("Lelystad", 52.518, 5.471), ("Kampen", 52.555, 5.911), ("Harderwijk", 52.342, 5.620),
        ("Hardenberg", 52.576, 6.619), ("Dronten", 52.525, 5.718), ("Emmeloord", 52.711, 5.748),
        ("Raalte", 52.386, 6.275), ("Epe", 52.347, 5.984)]),
    ("Oost", "oost", [
        ("Nijmegen", 51.842, 5.853), ("Arnhem", 51.985, 5.899), ("Ede", 52.040, 5.666),
        ("Doetinchem", 51.965, 6.289), ("Tiel", 51.887, 5.430), ("Zevenaar", 51.930, 6.071),
        ("Wijchen", 51.809, 5.725), ("Boxmeer", 51.647, 5.947), ("Barneveld", 52.140, 5.585),
        ("Culemborg", 51.955, 5.227), ("Wageningen", 51.970, 5.665)]),
    ("Midden-Nederland", "midden", [
        ("Utrecht", 52.091, 5.122), ("Amersfoort", 52.156, 5.388), ("Zeist", 52.090, 5.233),
        ("Nieuwegein", 52.029, 5.081), ("Veenendaal", 52.029, 5.557), ("Woerden", 52.086, 4.884),
        ("Houten", 52.028, 5.168), ("Soest", 52.174, 5.291), ("Leerdam", 51.893, 5.092)]),
    ("Noord-Holland/Flevoland", "nhf", [
        ("Amsterdam", 52.370, 4.895), ("Haarlem", 52.381, 4.637), ("Zaandam", 52.439, 4.826),
        ("Almere", 52.371, 5.222), ("Alkmaar", 52.632, 4.748), ("Hoorn", 52.643, 5.060),
        ("Hilversum", 52.223, 5.176), ("Amstelveen", 52.303, 4.863), ("Purmerend", 52.503, 4.960),
        ("Hoofddorp", 52.303, 4.690), ("Den Helder", 52.956, 4.760), ("Heerhugowaard", 52.669, 4.829)]),
    ("West", "west", [
        ("Leiden", 52.160, 4.497), ("Den Haag", 52.078, 4.300), ("Zoetermeer", 52.057, 4.493),
        ("Delft", 52.012, 4.357), ("Alphen aan den Rijn", 52.129, 4.656), ("Gouda", 52.012, 4.711),
        ("Naaldwijk", 51.994, 4.209), ("Katwijk", 52.203, 4.418), ("Rijswijk", 52.036, 4.325)]),
    ("Zuidwest-Nederland", "zuidwest", [
        ("Rotterdam", 51.922, 4.479), ("Dordrecht", 51.814, 4.669), ("Schiedam", 51.919, 4.400),
        ("Spijkenisse", 51.845, 4.329), ("Capelle aan den IJssel", 51.929, 4.578), ("Gorinchem", 51.830, 4.974),
        ("Middelburg", 51.499, 3.614), ("Vlissingen", 51.442, 3.574), ("Goes", 51.504, 3.889),
        ("Terneuzen", 51.336, 3.828), ("Hellevoetsluis", 51.833, 4.133), ("Ridderkerk", 51.872, 4.603)]),
    ("Brabant", "brabant", [
        ("Tilburg", 51.556, 5.091), ("Eindhoven", 51.441, 5.478), ("Breda", 51.589, 4.776),
        ("'s-Hertogenbosch", 51.697, 5.304), ("Helmond", 51.479, 5.657), ("Oss", 51.765, 5.518),
        ("Roosendaal", 51.531, 4.465), ("Bergen op Zoom", 51.495, 4.292), ("Waalwijk", 51.683, 5.070),
        ("Uden", 51.661, 5.619), ("Veldhoven", 51.419, 5.403), ("Oosterhout", 51.645, 4.860)]),
    ("Limburg", "limburg", [
        ("Maastricht", 50.851, 5.691), ("Heerlen", 50.888, 5.979), ("Sittard-Geleen", 50.998, 5.869),
        ("Roermond", 51.194, 5.987), ("Venlo", 51.370, 6.172), ("Weert", 51.252, 5.707),
        ("Kerkrade", 50.866, 6.063), ("Venray", 51.526, 5.974)]),
]

# Rosters of the default region's zcc location (copied from
# scenarios/midden_nederland.yaml, zcc location zeist): (days, from, to, staff).
ZCC_GP = [("all", 0, 24, 1),
          ("weekdays", 0, 8, 3), ("weekdays", 0, 1, 1), ("weekdays", 7, 8, 2), ("weekdays", 17, 24, 5),
          ("weekdays", 17, 23, 2), ("weekdays", 17, 22, 2), ("weekdays", 17, 21, 1), ("weekdays", 18, 20, 2),
          ("weekend", 0, 8, 3), ("weekend", 0, 2, 2), ("weekend", 6, 8, 1), ("weekend", 7, 8, 3),
          ("weekend", 8, 24, 7), ("weekend", 8, 22, 3), ("weekend", 8, 20, 2), ("weekend", 8, 19, 2),
          ("weekend", 9, 19, 2), ("weekend", 9, 13, 4), ("weekend", 10, 12, 3)]
ZCC_AMBULANCE = [("all", 0, 24, 1), ("weekdays", 8, 23, 1), ("weekend", 9, 23, 1)]
# Per-region rosters of the default (dispatchers, home-visit cars, nursing teams).
DISPATCHERS = [("all", 0, 24, 2), ("all", 8, 23, 1)]
HOME_VISIT_CARS = [("weekdays", 0, 8, 3), ("weekdays", 8, 17, 2), ("weekdays", 17, 24, 6), ("weekdays", 17, 21, 2),
                   ("weekend", 0, 8, 3), ("weekend", 8, 24, 7), ("weekend", 8, 17, 4), ("weekend", 9, 13, 2)]
NURSING_TEAMS = [("all", 0, 24, 1), ("all", 7, 23, 1)]
# Default capacities per 1,387,643 inhabitants.
ED_PLACES = 107         # own EDs of the default (17 + 20 + 24 + 14 + 21) plus neighbour share (11)
AMBULANCES_NIGHT = 16   # staffed ambulances at night; 32 from 07 to 23 h
AMBULANCE_HEADROOM = 1.5  # national fleet = 1.5 x the default's per capita (see the note in main)
GGZ_SITES = 2
# short-stay beds by type: the default's 161 (46/88/16/11) x 150/130, the headroom the single pool had
VVT_BEDS = {"elv_low": 53, "elv_high": 102, "grz": 18, "crisis": 13}


def expand(shifts):
    """168 hourly values (Monday 00:00 first) of a shift list."""
    days = {"all": range(7), "weekdays": range(5), "weekend": (5, 6)}
    out = [0] * 168
    for d, f, t, s in shifts:
        for day in days[d]:
            for h in range(f, t):
                out[day * 24 + h] += s
    return out


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


def scaled(shifts, factor, minimum, rounding=round):
    return to_shifts([max(minimum, int(rounding(x * factor))) if x > 0 or minimum > 0 else 0
                      for x in expand(shifts)])


def roster_yaml(shifts, indent):
    if len(shifts) == 1 and shifts[0][0] == "all" and shifts[0][1:3] == (0, 24):
        return " %d" % shifts[0][3]
    return "".join("\n%s- {days: %s, from: %d, to: %d, staff: %d}" % (indent, d, f, t, s)
                   for d, f, t, s in shifts)


def haversine(a, b):
    r, p = 6371.0088, math.pi / 180
    x = (math.sin((b[0] - a[0]) * p / 2) ** 2 +
         math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(x))


def split(total, weights):
    """Integers proportional to weights summing exactly to total (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(math.floor(x)) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))[:total - sum(out)]:
        out[i] += 1
    return out


def quote(s):
    return '"%s"' % s.replace('"', '\\"') if any(c in s for c in ":'#,-{}[]") or " " in s else s


def hap_gps(catchment):
    """GP roster of a HAP post for `catchment` inhabitants: the default's 230k-post pattern, scaled."""
    k = catchment / 230000.0
    pattern = [("weekdays", 0, 8, max(1, round(k))), ("weekdays", 17, 24, max(1, round(2 * k))),
               ("weekdays", 17, 22, round(k)), ("weekend", 0, 24, max(1, round(k))),
               ("weekend", 8, 23, round(2 * k)), ("weekend", 9, 17, round(k))]
    return to_shifts(expand([x for x in pattern if x[3] > 0]))


def main():
    with open(CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    regions = []
    for key, rid, towns in REGIONS:
        match = [r for r in rows if r["roaz_region"].startswith(key)]
        if len(match) != 1:
            sys.exit("make_national: region '%s' found %d times in %s" % (key, len(match), CSV))
        regions.append((rid, match[0]["roaz_region"], int(match[0]["approx_population"]), towns))
    if len(regions) != len(rows):
        sys.exit("make_national: %s has %d regions, the script knows %d" % (CSV, len(rows), len(regions)))
    total = sum(p for _, _, p, _ in regions)
    biggest = max(p for _, _, p, _ in regions)

    L = []
    w = L.append
    w("# SPDX-License-Identifier: MIT")
    w("# GENERATED by scripts/make_national.py from scenarios/data/roaz_regions.csv; do not edit.")
    w("# All 10 ROAZ regions (%s inhabitants, 1 Jan 2023) with SYNTHETIC geography:" % format(total, ","))
    w("# areas at APPROXIMATE town coordinates, populations split over them with fixed")
    w("# weights, sites and zcc rosters scaled from the default region by population.")
    w("# Demand, triage, responses and costs are the zcc variant's (extends). Illustrative:")
    w("# for national totals and scale tests, not for any one region's results.")
    w("extends: variants/zcc.yaml")
    w("name: Netherlands (10 ROAZ regions, synthetic geography)")
    w("description: >")
    w("  Ten ROAZ regions, each with one zcc (pooled), EDs, HAP posts, ambulance")
    w("  stations, GGZ crisis sites and a short-stay bed pool scaled by population.")
    w("")
    w("regions:")
    for rid, name, pop, _ in regions:
        w("  - {name: %s, own: true}   # %s, %s" % (rid, name.split(" (")[0], format(pop, ",")))
    w("")
    w("# Areas: towns of each region (APPROXIMATE coordinates); population weights")
    w("# 1/(rank+1) (SYNTHETIC), summing exactly to the region's approx_population.")
    w("areas:")
    area_pos = {}
    for rid, _, pop, towns in regions:
        pops = split(pop, [1.0 / (i + 1) for i in range(len(towns))])
        area_pos[rid] = [(t, la, lo, p) for (t, la, lo), p in zip(towns, pops)]
        for t, la, lo, p in area_pos[rid]:
            w("  - {name: %s, population: %d, lat: %.3f, lon: %.3f, region: %s, subregion: %s}"
              % (quote("%s (%s)" % (t, rid)), p, la, lo, rid, rid))
    w("")
    w("# Sites per region (SYNTHETIC, scaled by population f = region / %s):" % format(MIDDEN_POP, ","))
    w("# EDs = round(83 x share of NL) at the largest towns, %d places x f split by" % ED_PLACES)
    w("# catchment; HAP posts = round(105 x share of NL) at the largest towns, GPs by")
    w("# catchment; one ambulance station per town 4 km east of it, %.1f x %d x f ambulances" % (AMBULANCE_HEADROOM, AMBULANCES_NIGHT))
    w("# at night (at least 1 per station) and twice that from 07 to 23 h, split by")
    w("# population; a region's calls are served by its own fleet. The %.1f: the synthetic" % AMBULANCE_HEADROOM)
    w("# towns lie far apart (one station per town), so rides are longer than in the")
    w("# default region; with its per-capita fleet the largest regions never catch up.")
    w("# GGZ crisis sites")
    w("# = round(%d x f); one short-stay pool of %s x f beds by type; one zcc in the"
      % (GGZ_SITES, "/".join(str(n) for n in VVT_BEDS.values())))
    w("# trauma-centre city.")
    w("sites:")
    zcc_locs = []
    for rid, _, pop, towns in regions:
        f = pop / MIDDEN_POP
        share = pop / NL_POP
        areas = area_pos[rid]
        w("  # %s" % rid)
        n_ed = min(len(towns), max(2, round(NL_EDS * share)))
        eds = areas[:n_ed]
        catch = [0] * n_ed
        for _, la, lo, p in areas:
            i = min(range(n_ed), key=lambda i: (haversine((la, lo), eds[i][1:3]), i))
            catch[i] += p
        places = split(round(ED_PLACES * f), catch)
        for i, (t, la, lo, _) in enumerate(eds):
            w("  - {id: ed_%s_%d, name: %s, kind: ed, lat: %.3f, lon: %.3f, region: %s, places: %d}"
              % (rid, i + 1, quote("ED " + t), la, lo, rid, max(3, places[i])))
        n_hap = min(len(towns), max(2, round(NL_HAPS * share)))
        haps = areas[:n_hap]
        catch = [0] * n_hap
        for _, la, lo, p in areas:
            i = min(range(n_hap), key=lambda i: (haversine((la, lo), haps[i][1:3]), i))
            catch[i] += p
        for i, (t, la, lo, _) in enumerate(haps):
            w("  - id: hap_%s_%d" % (rid, i + 1))
            w("    name: %s" % quote("HAP " + t))
            w("    kind: hap")
            w("    lat: %.3f" % la)
            w("    lon: %.3f" % lo)
            w("    region: %s" % rid)
            w("    gps:" + roster_yaml(hap_gps(catch[i]), "      "))
        night = split(round(AMBULANCE_HEADROOM * AMBULANCES_NIGHT * f), [a[3] for a in areas])
        for i, (t, la, lo, _) in enumerate(areas):
            n = max(1, night[i])
            shifts = [("all", 0, 24, n), ("all", 7, 23, n)]
            w("  - {id: amb_%s_%d, name: %s, kind: ambulance_station, lat: %.3f, lon: %.3f, region: %s,"
              % (rid, i + 1, quote("Ambulance " + t), la, lo + 0.06, rid))
            w("     vehicles: [%s]}" % ", ".join("{days: %s, from: %d, to: %d, staff: %d}" % s
                                                  for s in to_shifts(expand(shifts))))
        for i, (t, la, lo, _) in enumerate(areas[:min(len(towns), max(1, round(GGZ_SITES * f)))]):
            w("  - {id: ggz_%s_%d, name: %s, kind: ggz_crisis, lat: %.3f, lon: %.3f, region: %s,"
              % (rid, i + 1, quote("GGZ crisis " + t), la, lo, rid))
            w("     teams: [{days: all, from: 0, to: 24, staff: 1}, {days: all, from: 10, to: 22, staff: 1}]}")
        w("  - {id: vvt_%s, name: %s, kind: vvt, region: %s,"
          % (rid, quote("Short-stay bed pool " + rid), rid))
        w("     beds: {%s}}" % ", ".join("%s: %d" % (t, round(n * f)) for t, n in VVT_BEDS.items()))
        t, la, lo, _ = areas[0]
        w("  - {id: zcc_%s, name: %s, kind: zcc, lat: %.3f, lon: %.3f, region: %s}"
          % (rid, quote("zcc " + t), la, lo, rid))
        zcc_locs.append((rid, f))
    w("")
    w("# One zcc per region, pooled within the region; the default's rosters x f")
    w("# (GP triagists hour by hour, rounded, at least 1; ambulance at least 1;")
    w("# GGZ and VVT round(f), at least 1).")
    w("zcc:")
    w("  pooling: pooled")
    w("  locations:")
    for rid, f in zcc_locs:
        w("    - name: %s" % rid)
        w("      site: zcc_%s" % rid)
        w("      subregions: [%s]" % rid)
        w("      rosters:")
        w("        gp:" + roster_yaml(scaled(ZCC_GP, f, 1), "          "))
        w("        ambulance:" + roster_yaml(scaled(ZCC_AMBULANCE, f, 1), "          "))
        w("        ggz: %d" % max(1, round(f)))
        w("        vvt: %d" % max(1, round(f)))
    g = biggest / MIDDEN_POP
    w("")
    w("# Dispatchers, home-visit cars and nursing teams are one roster applied to")
    w("# every region: sized for the largest region (%s, x%.2f the default, rounded" % (format(biggest, ","), g))
    w("# up), so smaller regions are over-staffed (a limit of the schema).")
    w("dispatchers:" + roster_yaml(scaled(DISPATCHERS, g, 0, math.ceil), "  "))
    w("home_visit_cars:" + roster_yaml(scaled(HOME_VISIT_CARS, g, 0, math.ceil), "  "))
    w("nursing_teams:" + roster_yaml(scaled(NURSING_TEAMS, g, 0, math.ceil), "  "))
    text = "\n".join(L) + "\n"
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("make_national: %s is out of date; run scripts/make_national.py" % OUT)
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d regions, %s inhabitants" % (os.path.relpath(OUT, ROOT), len(regions), format(total, ",")))


if __name__ == "__main__":
    main()
