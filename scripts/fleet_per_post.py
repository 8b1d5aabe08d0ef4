#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The national fleet by a per-post rule in the form of RIVM's capacity model, beside make_national.py's rule.

make_national.py sizes each RAV's fleet as the default region's (20 at night, 48 on workdays 07-15 h, 36
on workday evenings and weekend days) times the
RAV's ambulance offered load over the default's (scenarios/README.md, "The national scenario").
This script asks what a rule in the form of the RIVM reference framework's capacity model would
give instead: per ambulance post and day part, the number of simultaneous rides of the post's
catchment as Poisson with mean = its offered load in busy vehicles (rides 80.6 per 1,000 a year,
make_national.ride_minutes per ride, the 112 calls' hour-of-week profile for
workdays 07-15 h and the night), and the post staffed with the smallest n with
P(more than n at once) <= eps, at least 1. eps per day part is fitted so that the default region
(Midden-Nederland's own posts and areas) gets its own fleet, 48 on workdays by day and 20 at night: the same
service level per post as the default, where make_national.py's rule keeps the same staffing per
offered load. It prints each RAV's staffed ambulances by both rules and the totals, with vehicles
= staffed by day x make_national.VEHICLES_PER_STAFFED. Nothing is written.

Run: /usr/bin/python3 scripts/fleet_per_post.py
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_national as mn  # noqa: E402

RIDES_PER_INHABITANT_YEAR = mn.NATIONAL_RIDES_PER_1000 / 1000.0
MINUTES_PER_YEAR = 365 * 24 * 60.0


# the day part whose staffing sets the vehicles: workdays 07-15 h (the default's roster's
# peak, make_national.AMB_DAY; RIVM's "werkdagen overdag")
WORKDAY_DAY = (7, 15)


def day_part_factors():
    """Mean rate on workdays 07-15 h and at night (23-07 h) over the week's mean (112 calls' profile)."""
    prof = mn.DEFAULT_SCENARIO["demand"]["calls_112"]["profile"]
    week = prof["weekday"] * 5 + prof["weekend"] * 2
    mean = sum(week) / 168.0
    day = [week[h] for h in range(5 * 24) if WORKDAY_DAY[0] <= h % 24 < WORKDAY_DAY[1]]
    night = [week[h] for h in range(168) if not mn.DAY[0] <= h % 24 < mn.DAY[1]]
    return sum(day) / len(day) / mean, sum(night) / len(night) / mean


def post_loads(d, z, inside, stations):
    """Busy vehicles (the year's mean) of each post's catchment: the areas `inside` nearest to it."""
    amb = d.sites["amb"]
    load = {i: 0.0 for i in stations}
    for a, e in zip(d.areas, z.ed_of):
        if not inside(a):
            continue
        i = d.nearest("amb", a, stations)
        minutes = mn.ride_minutes(amb[i], a, d.sites["ed"][e])
        load[i] += a["pop"] * RIDES_PER_INHABITANT_YEAR * minutes / MINUTES_PER_YEAR
    return load


def staffed(mean, eps):
    """Smallest n >= 1 with P(Poisson(mean) > n) <= eps."""
    n, p = 0, math.exp(-mean)
    cdf = p
    while 1.0 - cdf > eps:
        n += 1
        p *= mean / n
        cdf += p
    return max(1, n)


def fleet(loads, factor, eps):
    return sum(staffed(x * factor, eps) for x in loads.values())


def fit(loads, factor, target):
    """The largest eps (geometric bisection) whose fleet is at least `target`."""
    lo, hi = 1e-6, 0.5
    for _ in range(80):
        mid = math.sqrt(lo * hi)
        if fleet(loads, factor, mid) >= target:
            lo = mid
        else:
            hi = mid
    return lo


def posts(d, stations, part):
    amb = d.sites["amb"]
    return [i for i in stations if amb[i]["hours"] in ("24h", part)]


def main():
    d = mn.Data()
    z = mn.Sizing(d)
    f_day, f_night = day_part_factors()
    in_default = lambda a: a["region"] == mn.DEFAULT  # noqa: E731
    own = z.own_stations[mn.DEFAULT]
    default_day = post_loads(d, z, in_default, posts(d, own, "day"))
    default_night = post_loads(d, z, in_default, posts(d, own, "night"))
    eps_day, eps_night = fit(default_day, f_day, mn.AMB_DAY), fit(default_night, f_night, mn.AMB_NIGHT)
    print("eps fitted on the default region: workdays 07-15 h %.4f (%d ambulances), at night %.4f (%d)"
          % (eps_day, fleet(default_day, f_day, eps_day), eps_night, fleet(default_night, f_night, eps_night)))
    print("| RAV | workdays 07-15 h: per post | make_national | at night: per post | make_national |")
    print("|---|---|---|---|---|")
    tot = [0, 0, 0, 0]
    vehicles = [0, 0]
    for r, stations in z.rav_stations.items():
        in_rav = lambda a, r=r: a["rav"] == r  # noqa: E731
        day = fleet(post_loads(d, z, in_rav, posts(d, stations, "day")), f_day, eps_day)
        night = fleet(post_loads(d, z, in_rav, posts(d, stations, "night")), f_night, eps_night)
        row = [day, z.fleet[r][1], night, z.fleet[r][0]]
        tot = [a + b for a, b in zip(tot, row)]
        vehicles[0] += int(round(day * mn.VEHICLES_PER_STAFFED))
        vehicles[1] += int(round(z.fleet[r][1] * mn.VEHICLES_PER_STAFFED))
        print("| %s %s | %d | %d | %d | %d |" % (r, d.rav_name[r], *row))
    print("| **total** | %d | %d | %d | %d |" % tuple(tot))
    print("vehicles (workdays 07-15 h x %.2f, per RAV): per post %d, make_national %d"
          % (mn.VEHICLES_PER_STAFFED, *vehicles))


if __name__ == "__main__":
    main()
